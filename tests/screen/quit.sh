#!/bin/sh
# quit.sh: every way out leaves the terminal sane: q (status 0), Ctrl-C,
# SIGTERM, and Ctrl-Z then fg from a job-control shell; without a usable
# terminal (TERM unset or dumb) the reader says so on stderr and exits 1.

. "$(dirname "$0")/lib.sh"

sane() {
	grep -q -- ' icanon' "$TESTTMP/stty" && grep -q -- ' echo ' "$TESTTMP/stty"
}

screen_start 80 24
keys q
status=$(exit_wait)
check quit-q "q exits with status $status, not 0" [ "$status" = 0 ]
check quit-q-sane "terminal not sane after q" sane

screen_start 80 24
keys C-c
status=$(exit_wait)
check quit-ctrl-c "Ctrl-C exits with status $status, not 130" [ "$status" = 130 ]
check quit-ctrl-c-sane "terminal not sane after Ctrl-C" sane

screen_start 80 24
keys /
type_text half-typed
pid=$(tmx display -p -t t '#{pane_pid}')
# The pane runs sh, whose child is dossier.
dpid=$(pgrep -P "$pid" | head -n 1)
[ -n "$dpid" ] && kill -TERM "$dpid"
status=$(exit_wait)
check quit-term "SIGTERM exits with status $status, not 143" [ "$status" = 143 ]
check quit-term-sane "terminal not sane after SIGTERM" sane

# Ctrl-Z and fg need a shell with job control.
rm -f "$TESTTMP/status"
screen_new
tmx new-session -d -s t -x 80 -y 24 "env PS1='$ ' TERM=xterm-256color sh -i"
screen_wait '$' >/dev/null
keys "'$DOSSIER' -C '$SCREEN_FIX' --db '$SCREEN_DB'" Enter
screen_wait " 15 events" >/dev/null
keys j
status_wait " 2/15" >/dev/null
keys C-z
check quit-suspend "Ctrl-Z does not give the shell back" screen_gone " 15 events"
keys "stty -a | grep -c ' icanon' | sed 's/^/icanon=/'" Enter
check quit-suspend-sane "terminal not sane while suspended" screen_wait "icanon=1"
keys fg Enter
check quit-fg "fg does not bring the reader back" screen_wait " 15 events"
check quit-fg-state "fg lost the selection" status_wait " 2/15"
keys q
screen_gone " 15 events" >/dev/null
keys 'echo "rc=$?"' Enter
check quit-fg-q "q after fg does not exit 0" screen_wait "rc=0"

# No usable terminal: a message on stderr, status 1, no garbage.
for t in unset dumb; do
	if [ $t = unset ]; then
		env -u TERM "$DOSSIER" -C "$SCREEN_FIX" --db "$SCREEN_DB" \
		    >"$TESTTMP/out" 2>"$TESTTMP/err"
	else
		TERM=dumb "$DOSSIER" -C "$SCREEN_FIX" --db "$SCREEN_DB" \
		    >"$TESTTMP/out" 2>"$TESTTMP/err"
	fi
	rc=$?
	check "quit-term-$t" "TERM $t: status $rc, output on stdout or no message" \
	    sh -c "[ $rc = 1 ] && [ ! -s '$TESTTMP/out' ] && grep -q 'needs a terminal' '$TESTTMP/err'"
done
exit 0
