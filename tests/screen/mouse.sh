#!/bin/sh
# mouse.sh: a click selects a row or makes an actor current; the wheel
# scrolls the pane under it. Mouse events are sent as the SGR (1006)
# sequences an xterm sends, which is what ncurses asked tmux for.

. "$(dirname "$0")/lib.sh"

# click X Y / wheel up|down X Y: 1-based columns and lines, as in SGR.
click() {
	type_text "$(printf '\033[<0;%d;%dM' "$1" "$2")"
	type_text "$(printf '\033[<0;%d;%dm' "$1" "$2")"
}

wheel() {
	if [ "$1" = up ]; then b=64; else b=65; fi
	type_text "$(printf '\033[<%d;%d;%dM' "$b" "$2" "$3")"
}

screen_start 120 40

# Line 12 is "A statement with a stray control code", event 7.
click 10 12
check mouse-click-row "a click does not select the row" status_wait " 7/15"
# A click on a day heading selects nothing.
click 10 11
sleep 0.2
check mouse-click-heading "a click on a heading moved the selection" \
    status_wait " 7/15"

# On event 3 the detail's actors are "Vladimir Putin, Benjamin Netanyahu,
# Israel" from column 76; Netanyahu starts at column 92.
keys g j j
status_wait " 3/15" >/dev/null
click 95 4
check mouse-click-actor "a click on an actor does not make it current" \
    status_wait "]:next Netanyahu"
keys Tab

# In a 60x20 terminal the timeline shows 7 lines: the wheel scrolls it.
tmx resize-window -t t -x 60 -y 20
keys g
status_wait " 1/15" >/dev/null
top=$(line 2)
wheel down 10 4
wheel down 10 4
check mouse-wheel-timeline "the wheel does not scroll the timeline" \
    sh -c "! tmux -L $SCREEN_SOCK capture-pane -p -t t | sed -n 2p | grep -q -F -e '$top'"
check mouse-wheel-drags "the selection did not stay on screen" \
    sh -c "! tmux -L $SCREEN_SOCK capture-pane -p -t t | tail -n 1 | grep -q ' 1/15'"
wheel up 10 4
wheel up 10 4
check mouse-wheel-up "the wheel up does not scroll back" line_wait 2 "$top"

# The long event 8 overflows the detail pane: the wheel scrolls it.
keys d
type_text 15
keys Enter j
status_wait " 8/15" >/dev/null
first=$(line 10)
wheel down 30 14
check mouse-wheel-detail "the wheel does not scroll the detail" \
    screen_gone "$first" 2
check mouse-wheel-detail-sel "the wheel over the detail moved the selection" \
    status_wait " 8/15"

keys q
status=$(exit_wait)
check mouse-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
