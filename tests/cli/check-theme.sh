#!/bin/sh
# check-theme.sh: dossier --check-theme prints a contrast table (element,
# depth, colours, attributes, ratio, ok or LOW) for the built-in default
# or a theme file, and exits 1 when a pair is LOW;
# such a file loads with a warning at the element's FILE:LINE:COL.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

check() {
	name=$1
	shift
	if "$@"; then
		echo "PASS $name"
	else
		echo "FAIL $name: $why"
		sed 's/^/| /' "$TESTTMP/out" "$TESTTMP/err" | head -20
	fi
}

# The built-in default and every bundled theme: all ok, exit 0. (Files by
# path: a binary outside build/, as under make asan, finds no checkout.)
for theme in "" default light mono solarized-dark; do
	"$DOSSIER" ${theme:+--theme "$TOP/themes/$theme.yaml"} --check-theme \
	    >"$TESTTMP/out" 2>"$TESTTMP/err"
	rc=$?
	why="exit $rc, $(grep -c ' LOW$' "$TESTTMP/out") LOW"
	check "check-theme-${theme:-builtin}" sh -c "[ $rc = 0 ] &&
	    [ \$(grep -c ' ok\$' '$TESTTMP/out') = 81 ] &&
	    ! grep -q ' LOW\$' '$TESTTMP/out' && [ ! -s '$TESTTMP/err' ]"
done

# The table: a row per element and depth, with the colours as drawn.
"$DOSSIER" --check-theme >"$TESTTMP/out" 2>"$TESTTMP/err"
why="no row for topline at 16 colours drawn black on cyan without bold"
check check-theme-row sh -c "grep -E \
    '^topline +16 +#000000 0 +#00cdcd 6 +- +10\\.61:1  ok\$' '$TESTTMP/out'"

# The default theme's old header: black in bold is grey50 on cyan.
bad=$TESTTMP/old.yaml
printf 'name: old\nstyles:\n  topline: { fg: black, bg: cyan, attrs: [bold] }\n' \
    >"$bad"
"$DOSSIER" --theme "$bad" --check-theme >"$TESTTMP/out" 2>"$TESTTMP/err"
rc=$?
why="exit $rc"
check check-theme-low sh -c "[ $rc = 1 ] && grep -qE \
    '^topline +256 +#7f7f7f 0 +#00cdcd 6 +bold +2\\.02:1  LOW\$' '$TESTTMP/out' &&
    grep -q '^3 of 81 pairs below' '$TESTTMP/out'"
why="no warning at $bad:3:3"
check check-theme-warning grep -q \
    "^$bad:3:3: warning: 'topline' reads at 2.0:1 on 8, 16, 256 colours" \
    "$TESTTMP/err"

# A theme that does not load: its error, exit 1, no table.
"$DOSSIER" --theme "$TESTTMP/nosuch.yaml" --check-theme \
    >"$TESTTMP/out" 2>"$TESTTMP/err"
rc=$?
why="exit $rc"
check check-theme-missing sh -c "[ $rc = 1 ] && [ ! -s '$TESTTMP/out' ] &&
    grep -q 'cannot open theme' '$TESTTMP/err'"
exit 0
