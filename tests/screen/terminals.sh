#!/bin/sh
# terminals.sh: without a usable terminal the reader says so in one line on
# stderr and exits 1, writing nothing else: an unknown TERM, stdout or stdin
# not a terminal. (TERM unset and dumb are in quit.sh.)
set -u
F=$TOP/tests/data/screen

check() {
	name=$1
	shift
	if "$@"; then echo "PASS $name"; else echo "FAIL $name: $why"; fi
}

if command -v script >/dev/null 2>&1; then
	script -qec "TERM=nosuchterm $DOSSIER -C $F --db $TESTTMP/t.db; echo rc=\$?" \
	    /dev/null >"$TESTTMP/unknown" 2>&1 </dev/null
	why="$(cat -v "$TESTTMP/unknown")"
	check term-unknown sh -c "grep -q \"cannot use the terminal 'nosuchterm'\" \
	    '$TESTTMP/unknown' && grep -q '^rc=1' '$TESTTMP/unknown'"
	check term-unknown-no-escapes sh -c "! grep -q \"\$(printf '\\033')\" '$TESTTMP/unknown'"
else
	echo "SKIP term-unknown: no script(1)"
fi

"$DOSSIER" -C "$F" --db "$TESTTMP/t.db" >"$TESTTMP/out" 2>"$TESTTMP/err" </dev/null
rc=$?
why="exit $rc, stdout $(wc -c <"$TESTTMP/out") bytes, stderr: $(cat "$TESTTMP/err")"
check term-not-a-tty sh -c "[ $rc = 1 ] && [ ! -s '$TESTTMP/out' ] &&
    [ \$(wc -l <'$TESTTMP/err') = 1 ] && grep -q 'needs a terminal' '$TESTTMP/err'"
