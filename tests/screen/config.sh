#!/bin/sh
# config.sh: config.yaml in the reader. A rebinding (keys:) moves the
# selection with its new key, and the help overlay and `dossier keys` show
# it; a binding with an unknown action is reported at its FILE:LINE:COL and
# the reader still opens; the theme chosen with t is written to the config
# and is the theme of the next run; a light theme brings its own light
# background, so its dark text never lands on a dark terminal's black.

. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
cfgdir=$XDG_CONFIG_HOME/dossier
cfg=$cfgdir/config.yaml
rm -rf "$cfgdir"
mkdir -p "$cfgdir"

# A rebinding: J is next in the main screen, and j no longer is.
cat >"$cfg" <<'YAML'
# kept by hand
keys:
  main: { next: "J Down" }
YAML
"$DOSSIER" keys >"$TESTTMP/keys.out" 2>"$TESTTMP/keys.err"
check config-keys-list "dossier keys does not show the rebinding" \
    grep -q "$(printf '^main\tnext\tJ Down$')" "$TESTTMP/keys.out"
screen_start 120 40
keys J
check config-rebind-moves "J does not move the selection" \
    status_wait " 2/15"
# j, then the help: once the help shows, j has been handled.
keys j '?'
check config-rebind-help "the help overlay does not show J for next" \
    screen_wait "J Down"
keys q
check config-rebind-j-free "j still moves the selection after rebinding next" \
    status_wait " 2/15"
keys q
exit_wait >/dev/null

# An unknown action: reported at its position before the screen; the
# reader opens anyway, with the default binding.
cat >"$cfg" <<'YAML'
keys:
  main:
    nxt: "x"
YAML
"$DOSSIER" keys >/dev/null 2>"$TESTTMP/bad.err"
rc=$?
check config-bad-action "an unknown action is not reported at 3:5 with a suggestion ($(cat "$TESTTMP/bad.err"))" \
    grep -q "^$cfg:3:5: error: unknown action 'nxt' (did you mean 'next'?)" "$TESTTMP/bad.err"
check config-bad-action-status "dossier keys exits $rc with a bad binding" [ "$rc" -eq 0 ]
screen_start 120 40
check config-bad-action-opens "the reader does not open with a bad binding" \
    screen_wait " 15 events"
keys q
exit_wait >/dev/null

# The kept theme: t writes theme: NAME into the config, keeping the rest;
# the next run starts with it.
printf '# my settings\nhyperlinks: false\n' >"$cfg"
screen_start 120 40
keys t
check config-theme-message "t does not say the theme is kept" \
    status_wait "kept in $cfg"
name=$(status_line | sed -n 's/.*theme: \([a-z-]*\).*/\1/p')
top=$(screen_e | head -n 1)
keys q
exit_wait >/dev/null
check config-theme-written "config.yaml does not say theme: $name" \
    grep -q "^theme: $name\$" "$cfg"
check config-theme-rest-kept "config.yaml lost its other lines" \
    sh -c "grep -q '^# my settings\$' '$cfg' && grep -q '^hyperlinks: false\$' '$cfg'"
screen_start 120 40
check config-theme-next-run "the next run does not start with theme $name" \
    sh -c "[ \"\$(tmux -L $SCREEN_SOCK capture-pane -e -p -t t | head -n 1)\" = '$(printf '%s' "$top" | sed "s/'/'\\\\''/g")' ]"
keys q
exit_wait >/dev/null

# The light theme on a terminal whose own background is dark: its text is
# drawn on the white it asks for, never on the terminal's default.
printf 'theme: light\n' >"$cfg"
screen_start 120 40
keys Enter
check config-light-background "the light theme draws on the default background" \
    sh -c "tmux -L $SCREEN_SOCK capture-pane -e -p -t t | sed -n 5p | grep -q '${esc}\[[0-9;]*\(48;5;15\|48;5;231\|107\|47\)[;m]'"
keys q
status=$(exit_wait)
check config-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
