#!/bin/sh
# run.sh: runs the whole suite (unit binaries, command-line tests, screen
# tests) and ends with the line "N passed, N failed".
#
# Every test prints "PASS name", "FAIL name[: why]" or "SKIP name: why" on
# its own line; this script adds them up. Shell tests get DOSSIER (the
# binary), TOP (the checkout) and a private scratch directory in TESTTMP;
# the cache lives there too, so the user's own cache is never touched.
# Set TESTS to a pattern (e.g. TESTS=screen) to run only matching scripts.

TOP=$(cd "$(dirname "$0")/.." && pwd)
DOSSIER=${DOSSIER:-$TOP/build/dossier}
BUILD=${BUILD:-$TOP/build}
LC_ALL=C.UTF-8
export TOP DOSSIER BUILD LC_ALL
unset NO_COLOR DOSSIER_CONTENT VISUAL DISPLAY WAYLAND_DISPLAY
# A test that does not choose an editor or a browser gets one that does
# nothing: random keys (monkey.sh) must never open vi on the checkout.
EDITOR=false BROWSER=false
export EDITOR BROWSER

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dossier-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
log=$scratch/results

run_one() {
	name=$1
	shift
	TESTTMP=$scratch/$name
	XDG_CACHE_HOME=$TESTTMP/cache
	XDG_DATA_HOME=$TESTTMP/data
	XDG_CONFIG_HOME=$TESTTMP/config
	mkdir -p "$TESTTMP" "$XDG_CACHE_HOME"
	export TESTTMP XDG_CACHE_HOME XDG_DATA_HOME XDG_CONFIG_HOME
	"$@" >"$scratch/$name.out" 2>&1
	status=$?
	grep -E '^(PASS|FAIL|SKIP) ' "$scratch/$name.out" >>"$log"
	# A script that dies before saying anything is a failure too.
	if ! grep -qE '^(PASS|FAIL|SKIP) ' "$scratch/$name.out"; then
		echo "FAIL $name: no result (exit $status)" >>"$log"
	fi
	if grep -q '^FAIL ' "$scratch/$name.out" || [ $status -gt 1 ]; then
		echo "--- $name (exit $status):"
		cat "$scratch/$name.out"
	else
		grep -E '^(PASS|FAIL|SKIP) ' "$scratch/$name.out"
	fi
}

: >"$log"
for t in "$BUILD"/tests/test-*; do
	[ -x "$t" ] || continue
	case ${t#"$BUILD"/} in *"${TESTS:-}"*) ;; *) continue ;; esac
	run_one "unit-$(basename "$t")" "$t"
done
for t in "$TOP"/tests/cli/*.sh "$TOP"/tests/screen/*.sh; do
	[ -f "$t" ] || continue
	case ${t#"$TOP"/} in *"${TESTS:-}"*) ;; *) continue ;; esac
	run_one "$(basename "$(dirname "$t")")-$(basename "$t" .sh)" sh "$t"
done

passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^SKIP ' "$log")
grep '^FAIL ' "$log" | sed 's/^/  /'
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
