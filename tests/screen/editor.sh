#!/bin/sh
# editor.sh: the curator's loop in the reader (issue 15): e hands the
# event to $EDITOR at its line and the reader takes the result back (a new
# title shows with the selection kept; a deleted event moves the selection
# to the nearest; an error opens the errors overlay over the last good
# store, and Enter there edits at the error; a failing or killed editor
# leaves the terminal sane). The editor is a stub script whose behaviour a
# file in TESTTMP chooses.

. "$(dirname "$0")/lib.sh"

CORPUS=$TESTTMP/corpus
FILE=$CORPUS/corpus.yaml
STUB=$TESTTMP/stub-editor
cp -R "$TOP/tests/data/curator" "$CORPUS"

# The stub: records its arguments, then does what $TESTTMP/mode says.
cat >"$STUB" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >'$TESTTMP/args'
case \$(cat '$TESTTMP/mode') in
title)	sed -i 's/title: Mayor defends the closure/title: Mayor stands by the closure/' "\$2" ;;
delete)	awk '/- id: mayor-defends-closure/ { skip = 1; next }
	    skip && /^  - id:/ { skip = 0 } !skip' "\$2" >"\$2.new" && mv "\$2.new" "\$2" ;;
error)	sed -i 's/date: 2024-03-06/date: 2024-13-06/' "\$2" ;;
fix)	sed -i 's/date: 2024-13-06/date: 2024-03-06/' "\$2" ;;
fail)	exit 3 ;;
kill)	kill -KILL \$\$ ;;
suspend) kill -TSTP 0 ;;
esac
EOF
chmod +x "$STUB"

# args_wait: waits until the stub has written its arguments.
args_wait() {
	_n=$(( 100 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ] && [ ! -s "$TESTTMP/args" ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
}

sane() {
	grep -q -- ' icanon' "$TESTTMP/stty" && grep -q -- ' echo ' "$TESTTMP/stty"
}

# ed_start: the reader on the copied corpus with the stub as its editor.
ed_start() {
	rm -f "$TESTTMP/status" "$TESTTMP/stty"
	screen_new
	tmx new-session -d -s t -x 100 -y 30 \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 VISUAL= EDITOR='$STUB' \
	    '$DOSSIER' -C '$CORPUS' --db '$TESTTMP/ed.db' 2>'$TESTTMP/stderr'; \
	    echo \$? >'$TESTTMP/status.tmp'; stty -a >'$TESTTMP/stty' 2>&1; \
	    mv '$TESTTMP/status.tmp' '$TESTTMP/status'; sleep 600"
	screen_wait " 3 events"
}

ed_start
keys j
status_wait " 2/3" >/dev/null

# A new title: it shows, and the selection stays on the event.
echo title >"$TESTTMP/mode"
keys e
check editor-title "the new title does not show" screen_wait "Mayor stands by the closure"
check editor-title-status "the status line does not say 1 event changed" status_wait "1 event changed"
check editor-title-selection "the selection left the edited event" status_wait " 2/3"
line=$(grep -n 'id: mayor-defends-closure' "$FILE" | cut -d: -f1)
check editor-line "the editor was not given +$line FILE ($(cat "$TESTTMP/args"))" \
    grep -qx "+$line $FILE" "$TESTTMP/args"

# The detail pane on the excerpt: the excerpt's line.
keys Tab
echo none >"$TESTTMP/mode"
keys e
xline=$(grep -n 'quote: "a small price' "$FILE" | cut -d: -f1)
xline=$((xline - 1))
status_wait "no change" >/dev/null
check editor-excerpt-line "the editor was not given the excerpt's +$xline ($(cat "$TESTTMP/args"))" \
    grep -qx "+$xline $FILE" "$TESTTMP/args"
keys Tab

# An error: the overlay lists it at its place; the old store still works.
echo error >"$TESTTMP/mode"
keys e
screen_wait "in the content" >/dev/null
eline=$(grep -n 'date: 2024-13-06' "$FILE" | cut -d: -f1)
check editor-error "the errors overlay does not list $FILE:$eline:" \
    screen_wait "corpus.yaml:$eline:"
check editor-error-format "the error is not FILE:LINE:COL: error:" \
    sh -c "tmux -L '$SCREEN_SOCK' capture-pane -p -t t | grep -Eq 'corpus.yaml:$eline:[0-9]+: error: '"
keys Escape
screen_gone "error in the content" >/dev/null
keys j
check editor-error-old-store "the last good store is not usable" status_wait " 3/3"
check editor-error-old-title "the last good store lost the event" screen_wait "Fishermen doubt the plan"

# Enter on the error edits at it; a good edit closes the overlay itself.
# The mode changes only once e's editor has run (it writes its arguments
# first) and the overlay is back: a slow reader (ASan) could otherwise run
# e's editor with the next mode.
echo error >"$TESTTMP/mode"
rm -f "$TESTTMP/args"
keys k e
args_wait
screen_wait "error in the content" >/dev/null
screen_wait "corpus.yaml:$eline:" >/dev/null
echo fix >"$TESTTMP/mode"
keys Enter
check editor-error-closes "the overlay did not close after a good edit" \
    screen_gone "error in the content"
check editor-error-enter "Enter did not open the editor at +$eline ($(cat "$TESTTMP/args"))" \
    grep -q "^+$eline " "$TESTTMP/args"

# Deleting the event moves the selection to the nearest by date.
keys g j
status_wait " 2/3" >/dev/null
echo delete >"$TESTTMP/mode"
keys e
check editor-delete "the status line does not say 1 event removed" status_wait "1 event removed"
check editor-delete-nearest "the selection did not move to the next event" status_wait " 2/2"
check editor-delete-detail "the detail does not show the nearest event" screen_wait "Fishermen doubt the plan"

# A failing editor and a killed one: the reader goes on, and says so.
echo fail >"$TESTTMP/mode"
keys e
check editor-fail "a non-zero exit is not reported" status_wait "exited with status 3"
echo kill >"$TESTTMP/mode"
keys e
check editor-killed "a killed editor is not reported" status_wait "killed (signal 9)"
keys j
check editor-after-kill "the reader does not take keys after a killed editor" status_wait " 2/2"
keys q
st=$(exit_wait)
check editor-quit "q after the editor exits $st, not 0" [ "$st" = 0 ]
check editor-sane "the terminal is not sane after a killed editor" sane

# An editor suspended (Ctrl-Z stops the whole job): the shell takes the
# terminal, fg brings the editor and the reader back.
rm -f "$TESTTMP/status"
screen_new
tmx new-session -d -s t -x 100 -y 30 "env PS1='$ ' TERM=xterm-256color sh -i"
screen_wait '$' >/dev/null
keys "VISUAL= EDITOR='$STUB' '$DOSSIER' -C '$CORPUS' --db '$TESTTMP/ed.db'" Enter
screen_wait " 2 events" >/dev/null
echo suspend >"$TESTTMP/mode"
keys e
check editor-suspend "a suspended editor does not give the shell back" \
    screen_gone " 2 events"
echo none >"$TESTTMP/mode"
keys fg Enter
check editor-suspend-fg "fg does not bring the reader back" screen_wait " 2 events"
# The shell's line may reach the reader as Enter (focus on the detail).
keys Escape
status_wait "/:search" >/dev/null
keys j
check editor-suspend-keys "the reader does not take keys after fg" status_wait " 2/2"
keys q
screen_gone " 2 events" >/dev/null
keys "stty -a | grep -c ' icanon' | sed 's/^/icanon=/'" Enter
check editor-suspend-sane "the terminal is not sane after the suspended editor" \
    screen_wait "icanon=1"

# A content directory that cannot be written: the editor's read-only way.
if [ "$(id -u)" = 0 ]; then
	echo "SKIP editor-readonly: root may write anything"
else
	ln -s "$STUB" "$TESTTMP/vi"
	cp -R "$TOP/tests/data/curator" "$TESTTMP/ro"
	chmod -R a-w "$TESTTMP/ro"
	rm -f "$TESTTMP/status"
	screen_new
	tmx new-session -d -s t -x 100 -y 30 \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 VISUAL='$TESTTMP/vi' \
	    '$DOSSIER' -C '$TESTTMP/ro' --db '$TESTTMP/ro.db'; sleep 600"
	screen_wait " 3 events" >/dev/null
	echo none >"$TESTTMP/mode"
	keys e
	screen_wait "read-only" >/dev/null
	check editor-readonly "vi was not given -R ($(cat "$TESTTMP/args"))" \
	    grep -q -- '^-R +' "$TESTTMP/args"
	chmod -R u+w "$TESTTMP/ro"
fi

[ $SCREEN_FAILED = 0 ]
