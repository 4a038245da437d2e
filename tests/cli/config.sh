#!/bin/sh
# config.sh: config.yaml and --theme from the command line: a theme that is
# not there is an error before the reader opens (exit 2, the themes named);
# --help lists the themes; --config FILE and $XDG_CONFIG_HOME are read, their
# problems printed as FILE:LINE:COL and the rest used; a missing --config
# file is a usage error.
#
# Run by tests/run.sh, which sets DOSSIER, TOP, TESTTMP and XDG_CONFIG_HOME
# (inside TESTTMP).

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"
: "${XDG_CONFIG_HOME:?XDG_CONFIG_HOME not set}"

corpus=$TOP/tests/data/cli/corpus
out=$TESTTMP/config
rm -rf "$out"
mkdir -p "$out"
failed=0

pass() {
	echo "PASS $1"
}

fail() {
	echo "FAIL $1: $2"
	failed=1
}

# run NAME ARGS...: dossier ARGS with stdin from /dev/null; stdout and
# stderr in $out/NAME.out and .err, the exit status in $status.
run() {
	run_name=$1
	shift
	"$DOSSIER" "$@" </dev/null >"$out/$run_name.out" \
	    2>"$out/$run_name.err"
	status=$?
}

# same NAME FILE TEXT: FILE holds exactly TEXT (and a newline).
same() {
	printf '%s\n' "$3" >"$out/$1.want"
	if cmp -s "$out/$1.want" "$2"; then
		pass "$1"
	else
		fail "$1" "$(diff "$out/$1.want" "$2" | head -5 | tr '\n' ' ')"
	fi
}

# --help names the bundled themes. A binary outside TOP/build (make asan's
# build/asan/dossier) finds none: then what needs them is skipped.
run help --help
bundled="default, light, mono, solarized-dark"
seen=$(sed -n 's/^ *(themes: \(.*\))$/\1/p' "$out/help.out")
themes="themes: $seen"
if [ $status -eq 0 ] && [ "$seen" = "$bundled" ] &&
    grep -q -- '--config FILE' "$out/help.out"; then
	pass help-lists-themes
elif [ "$seen" = none ]; then
	echo "SKIP help-lists-themes: $DOSSIER sees no bundled themes"
else
	fail help-lists-themes "$(grep -e '--theme' -A1 "$out/help.out")"
fi

# A theme that is not there: one line, exit 2, before any store is built
# (without the check, the reader would have built one and then asked for
# a terminal).
cache=$TESTTMP/cache-theme
XDG_CACHE_HOME=$cache run no-theme -C "$corpus" --theme nosuch
if [ $status -eq 2 ]; then
	pass no-theme-status
else
	fail no-theme-status "exit $status, expected 2"
fi
same no-theme-message "$out/no-theme.err" "dossier: no theme 'nosuch' ($themes)"
if [ -z "$(ls -A "$cache/dossier" 2>/dev/null)" ]; then
	pass no-theme-before-store
else
	fail no-theme-before-store "a store was built: $(ls "$cache/dossier")"
fi
run near-theme -C "$corpus" --theme=lihgt
if [ "$seen" = "$bundled" ]; then
	same near-theme "$out/near-theme.err" \
	    "dossier: no theme 'lihgt' (did you mean 'light'? $themes)"
else
	echo "SKIP near-theme: $DOSSIER sees no bundled themes"
fi
# A theme file given by path must be there too.
run no-theme-file -C "$corpus" --theme "$out/nothere.yaml"
same no-theme-file "$out/no-theme-file.err" \
    "dossier: no theme '$out/nothere.yaml' ($themes)"

# A config with problems: each at its position, and the command runs.
cfg=$out/bad.yaml
printf 'them: light\ntheme: nosuch\nhyperlinks: 3\nkeys:\n  main: { next: [j] }\n' >"$cfg"
run bad-config -C "$corpus" --config "$cfg" list --limit 1
if [ $status -eq 0 ] && [ -s "$out/bad-config.out" ]; then
	pass bad-config-runs
else
	fail bad-config-runs "exit $status: $(cat "$out/bad-config.err")"
fi
same bad-config-errors "$out/bad-config.err" "$cfg:1:1: error: unknown key 'them' (did you mean 'theme'?)
$cfg:3:13: error: 'hyperlinks' must be true or false, not '3'
$cfg:5:17: error: the keys of 'next' must be a string such as \"j Down\", not a list"
# For the reader, the config's missing theme is reported at its place and
# the default used: the reader then starts (here, to say it needs a tty).
run bad-config-reader -C "$corpus" --config "$cfg"
if grep -qxF "$cfg:2:8: error: no theme 'nosuch' ($themes); the default is used" \
    "$out/bad-config-reader.err" &&
    grep -q 'needs a terminal' "$out/bad-config-reader.err"; then
	pass config-theme-missing
else
	fail config-theme-missing "$(cat "$out/bad-config-reader.err")"
fi

# The default place: $XDG_CONFIG_HOME/dossier/config.yaml.
mkdir -p "$XDG_CONFIG_HOME/dossier"
printf 'theme: nosuch-either\n' >"$XDG_CONFIG_HOME/dossier/config.yaml"
run xdg-config -C "$corpus"
if grep -qF "$XDG_CONFIG_HOME/dossier/config.yaml:1:8: error: no theme 'nosuch-either'" \
    "$out/xdg-config.err"; then
	pass xdg-config-read
else
	fail xdg-config-read "$(cat "$out/xdg-config.err")"
fi
# --theme wins over the config, which is then not consulted for it.
run theme-over-config -C "$corpus" --theme "$TOP/themes/mono.yaml"
if ! grep -q "no theme" "$out/theme-over-config.err"; then
	pass theme-over-config
else
	fail theme-over-config "$(cat "$out/theme-over-config.err")"
fi
rm -f "$XDG_CONFIG_HOME/dossier/config.yaml"

# A --config file that is not there: a usage error.
run no-config -C "$corpus" --config "$out/none.yaml" list
if [ $status -eq 2 ]; then
	pass no-config-status
else
	fail no-config-status "exit $status, expected 2"
fi
same no-config-message "$out/no-config.err" \
    "dossier: $out/none.yaml: no such config file"
run config-no-value list --config
if [ $status -eq 2 ]; then
	pass config-needs-value
else
	fail config-needs-value "exit $status, expected 2"
fi

[ $failed -ne 0 ] || rm -rf "$out"
exit $failed
