#!/bin/sh
# valgrind.sh: the command line and a scripted reader session under
# valgrind's memcheck: any invalid access or definite leak fails the run.
# Run by `make valgrind` (and by .ci/run); ends with "N passed, N failed".
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
D=${DOSSIER:-$TOP/build/dossier}
work=$(mktemp -d "${TMPDIR:-/tmp}/dossier-vg.XXXXXX")
trap 'tmux -L dossier-vg-$$ kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export XDG_CACHE_HOME=$work/cache LC_ALL=C.UTF-8
passed=0
failed=0

VG="valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite"

# vg NAME EXPECTED-STATUS ARGS...: one command under memcheck.
vg() {
	name=$1
	want=$2
	shift 2
	$VG "$D" "$@" >"$work/out" 2>"$work/$name.vg"
	rc=$?
	if [ $rc = "$want" ] && ! grep -q '^==[0-9]*==' "$work/$name.vg"; then
		echo "PASS valgrind-$name"
		passed=$((passed + 1))
	else
		echo "FAIL valgrind-$name: exit $rc"
		sed -n '1,40p' "$work/$name.vg"
		failed=$((failed + 1))
	fi
}

C=$TOP/content
vg check 0 -C "$C" check
vg index 0 -C "$C" index --force
vg list 0 -C "$C" list
vg list-json 0 -C "$C" list --actor putin --json
vg show 0 -C "$C" show putin-receives-araghchi
vg search 0 -C "$C" search 'bushehr "power plant" nucl*'
vg search-json 0 -C "$C" search oil --json
vg search-bad 2 -C "$C" search '"unclosed'
vg actors 0 -C "$C" actors --json
vg bad-content 1 -C "$TOP/tests/bad/duplicate-event" check
vg hostile 0 -C "$TOP/tests/data/hostile" show hostile-title
cp -R "$C" "$work/c2"
vg build-stale 0 -C "$work/c2" list
echo "# changed" >>"$work/c2/sources.yaml"
vg update-in-place 0 -C "$work/c2" list

# A scripted reader session in tmux, under memcheck.
if command -v tmux >/dev/null 2>&1; then
	S="tmux -L dossier-vg-$$ -f /dev/null"
	$S new-session -d -x 120 -y 40 \
	    "TERM=xterm-256color $VG --log-file=$work/reader.vg $D -C $C; echo \$? >$work/reader.rc"
	i=0
	until $S capture-pane -p 2>/dev/null | grep -qE '[0-9]+/[0-9]+ *$'; do
		i=$((i + 1)); [ $i -gt 300 ] && break; sleep 0.1
	done
	for k in j j j k G g Tab j Tab ']' ']' '[' l h a p u t Enter Escape \
	    / b u s h e h r Enter n N o o Escape d 1 8 Enter '?' q A Escape \
	    i Tab Tab j l h Escape i G j Enter Escape i k Enter Escape \
	    a C-t Down C-t Enter Escape \
	    t t C-l; do
		$S send-keys -t 0 "$k"
		sleep 0.15
	done
	$S resize-window -t 0 -x 60 -y 20; sleep 0.3
	$S resize-window -t 0 -x 30 -y 8; sleep 0.3
	$S resize-window -t 0 -x 120 -y 40; sleep 0.3
	$S send-keys -t 0 q
	i=0
	until [ -f "$work/reader.rc" ]; do
		i=$((i + 1)); [ $i -gt 300 ] && break; sleep 0.1
	done
	if [ "$(cat "$work/reader.rc" 2>/dev/null)" = 0 ] &&
	    ! grep -q 'Invalid\|uninitialised\|definitely lost' "$work/reader.vg"; then
		echo "PASS valgrind-reader-session"
		passed=$((passed + 1))
	else
		echo "FAIL valgrind-reader-session: exit $(cat "$work/reader.rc" 2>/dev/null)"
		sed -n '1,60p' "$work/reader.vg"
		failed=$((failed + 1))
	fi
else
	echo "SKIP valgrind-reader-session: no tmux"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
