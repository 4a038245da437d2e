#!/bin/sh
# theme.sh: t cycles the themes (the screen's colours change); a theme with
# an error is reported as FILE:LINE:COL in the status line and the default
# is used; --no-color and NO_COLOR give attributes only.

. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
screen_start 120 40
before=$(screen_e | head -n 3)
keys t
check theme-t "t does not say which theme" status_wait "theme: "
after=$(screen_e | head -n 3)
check theme-changes "t does not change the colours" [ "$before" != "$after" ]
keys t t t t t
check theme-cycle "t stopped cycling" status_wait "theme: "
keys q
exit_wait >/dev/null

# A broken theme: reported with its position, default used, reader usable.
bad=$TESTTMP/bad.yaml
printf 'name: bad\nstyles:\n  normal: { fg: nosuchcolour }\n' >"$bad"
screen_start 120 40 --theme "$bad"
check theme-error "a bad theme is not reported as FILE:LINE:COL" \
    status_wait "$bad:3:"
check theme-error-usable "the reader is not usable after a bad theme" \
    screen_wait "Agency board finds Iran in breach"
keys q
exit_wait >/dev/null

# --no-color: attributes only, no colour at all on the screen.
screen_start 120 40 --no-color
check theme-no-color "--no-color still shows colours" sh -c \
    "! tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q '${esc}\[[0-9;]*\(3[0-7]\|38;5\|4[0-7]\|48;5\|9[0-7]\)m'"
check theme-no-color-attrs "--no-color shows no attributes either" sh -c \
    "tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q '${esc}\[[0-9;]*m'"
keys t
check theme-no-color-t "t with colours off says nothing" \
    status_wait "colours are off"
keys q
exit_wait >/dev/null

# NO_COLOR in the environment does the same.
rm -f "$TESTTMP/status"
screen_new
tmx new-session -d -s t -x 120 -y 40 \
    "env TERM=xterm-256color NO_COLOR=1 '$DOSSIER' -C '$SCREEN_FIX' \
    --db '$SCREEN_DB'; echo \$? >'$TESTTMP/status'; sleep 600"
screen_wait " 15 events" >/dev/null
check theme-NO_COLOR "NO_COLOR still shows colours" sh -c \
    "! tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q '${esc}\[[0-9;]*\(3[0-7]\|38;5\|4[0-7]\|48;5\|9[0-7]\)m'"
keys q
status=$(exit_wait)
check theme-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
