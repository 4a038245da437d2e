#!/bin/sh
# search.sh: / runs a full-text search; the timeline then holds only the
# matches in date order, the top line says so, the matched terms are
# highlighted; n N step through the matches and wrap; o orders them best
# first; Esc returns to the whole timeline keeping the selected event. A
# query that cannot run says why in the status line.

. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
screen_start 120 40

keys /
check search-prompt "/ does not open the prompt" status_wait "/"
type_text Bushehr
keys Enter
check search-top "top line does not show the search" \
    line_wait 1 'search: "Bushehr"'
check search-count "the timeline does not hold the 3 matches" status_wait " 1/3"
check search-first "first match is not the approximate Bushehr event" \
    line_wait 2 "│ Russian staff stay on at Bushehr"
check search-only "a non-matching event is still listed" \
    screen_gone "Israel strikes Natanz"
check search-highlight "matched term not highlighted in the detail" sh -c \
    "tmux -L $SCREEN_SOCK capture-pane -e -p -t t | sed -n 2p | grep -q '${esc}\[[0-9;]*mBushehr'"
keys n
check search-n "n does not go to the next match" status_wait " 2/3"
check search-n-detail "second match is not Grossi's warning" \
    line_wait 2 "│ Grossi warns of a radiological risk"
check search-highlight-summary "match in the summary not highlighted" sh -c \
    "tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q '${esc}\[[0-9;]*mBushehr'"
keys n n
check search-wrap "n does not wrap round with a message" \
    status_wait "search wrapped round to the first match"
keys N
check search-N "N does not wrap back to the last match" status_wait " 3/3"
keys o
check search-order "o does not order best first" line_wait 1 "best first"
keys o
check search-order-back "o does not go back to date order" \
    screen_gone "best first"
keys Escape
check search-clear "Esc does not keep the selected event" status_wait " 12/15"
check search-clear-top "top line still shows the search" \
    sh -c "! tmux -L $SCREEN_SOCK capture-pane -p -t t | head -n 1 | grep -q 'search:'"
keys n
check search-none "n without a search gives no hint" \
    status_wait "no search; press / to search"

keys /
type_text '"unclosed'
keys Enter
check search-bad "a query that cannot run shows no message" \
    status_wait "unclosed quote"
check search-bad-keeps "a bad query changed the view" status_wait " 12/15"
keys / 
type_text zzzqqq
keys Enter
check search-nothing "a search without matches says nothing" \
    status_wait 'no event matches "zzzqqq"'
keys /
type_text bushehr
keys C-u
type_text 'putin bushehr'
keys Enter
check search-edit "Ctrl-u does not clear the prompt" status_wait " 1/1"

keys q
status=$(exit_wait)
check search-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
