#!/bin/sh
# source.sh: s reads a source's text (issue 15): on the curator fixture,
# the text shows with every quoted passage highlighted and the selected
# one in a style of its own, labelled with its event's title; n moves the
# selection to the next passage, Enter goes to its event; a source without
# a text says so, with what is known of it.

. "$(dirname "$0")/lib.sh"

CORPUS=$TESTTMP/corpus
cp -R "$TOP/tests/data/curator" "$CORPUS"

# style_of TEXT: the escape sequences right before TEXT on the screen.
style_of() {
	screen_e | python3 -c '
import re, sys
s = sys.stdin.read()
i = s.find(sys.argv[1])
m = re.search(r"((?:\x1b\[[0-9;]*m)+)$", s[:i]) if i >= 0 else None
print(repr(m.group(1)) if m else "")' "$1"
}

screen_new
tmx new-session -d -s t -x 100 -y 30 \
    "env TERM=xterm-256color LC_ALL=C.UTF-8 '$DOSSIER' -C '$CORPUS' \
    --db '$TESTTMP/source.db' 2>'$TESTTMP/stderr'; sleep 600"
screen_wait " 3 events" >/dev/null

keys s
check source-open "s does not show the source's text" \
    screen_wait "Harbour officials said on Monday"
check source-label "the passage is not labelled with its event's title" \
    screen_wait "Passage 1 of 3: Harbour office announces the lighthouse closure"
sel=$(style_of "the old lighthouse")
other=$(style_of "a small price")
plain=$(style_of "Harbour officials said")
check source-highlight "the selected passage is not highlighted ($sel)" \
    [ -n "$sel" ] && [ "$sel" != "$plain" ]
check source-highlight-others "the other passages are not highlighted apart ($other vs $sel)" \
    [ -n "$other" ] && [ "$other" != "$sel" ] && [ "$other" != "$plain" ]

keys n
check source-next "n does not move to the next passage" \
    screen_wait "Passage 2 of 3: Mayor defends the closure"
now=$(style_of "a small price")
check source-next-style "the next passage does not take the selected style ($now vs $sel)" \
    [ "$now" = "$sel" ]

keys Enter
check source-enter "Enter does not close the text" screen_gone "Passage 2 of 3"
check source-enter-event "Enter does not select the passage's event" status_wait " 2/3"

# The third event quotes the text, then a source without one.
keys j s
check source-third "s on the third event does not select its passage" \
    screen_wait "Passage 3 of 3: Fishermen doubt the plan"
keys Escape
screen_gone "Passage 3 of 3" >/dev/null
keys Tab G s
check source-no-text "a source without a text does not say so" \
    screen_wait "This source has no text"
check source-no-text-title "a source without a text does not show its title" \
    screen_wait "Harbour radio bulletin"

[ $SCREEN_FAILED = 0 ]
