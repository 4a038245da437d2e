#!/bin/sh
# move.sh: moving through the timeline: j k and the arrows, g G Home End,
# a page with PgDn PgUp Ctrl-f Ctrl-b, and the detail following the
# selection; Tab and Enter move the focus, and then j scrolls the detail.

. "$(dirname "$0")/lib.sh"

screen_start 120 40

keys j j
check move-j "j j does not select event 3" status_wait " 3/15"
check move-j-detail "detail does not follow the selection" \
    line_wait 2 "│ Putin phones Netanyahu"
keys k
check move-k "k does not go back" status_wait " 2/15"
keys Down Down Up
check move-arrows "arrows do not move" status_wait " 3/15"
keys G
check move-G "G does not go to the last event" status_wait " 15/15"
check move-G-detail "detail of the last event missing" \
    line_wait 2 "│ Talk of a ceasefire grows"
keys g
check move-g "g does not go to the first event" status_wait " 1/15"
keys End
check move-end "End does not go to the last event" status_wait " 15/15"
keys Home
check move-home "Home does not go to the first event" status_wait " 1/15"

# A page in a short terminal: 60x20 stacks the panes, with 7 timeline lines.
tmx resize-window -t t -x 60 -y 20
screen_wait "────────" >/dev/null
keys PgDn
screen_gone " 1/15" >/dev/null
pos=$(status_line | sed -n 's/.* \([0-9]*\)\/15 *$/\1/p')
check move-pgdn "PgDn left the selection at ${pos:-?}" [ "${pos:-0}" -gt 2 ]
keys C-b
check move-ctrl-b "Ctrl-b does not go back up" status_wait " 1/15"
keys C-f
check move-ctrl-f "Ctrl-f does not move a page" sh -c \
    "[ \"\$(tmux -L $SCREEN_SOCK capture-pane -p -t t | tail -n 1 | sed -n 's/.* \([0-9]*\)\/15 *\$/\1/p')\" -gt 2 ]"
keys PgUp
check move-pgup "PgUp does not go back up" status_wait " 1/15"

# The selected row stays on screen however far it goes.
keys G
status_wait " 15/15" >/dev/null
check move-visible "the last event is not on screen" \
    screen_wait "Talk of a ceasefire grows"

# Focus: Enter reads the detail; j then scrolls it instead of moving.
tmx resize-window -t t -x 120 -y 40
keys g j j j j j j j
status_wait " 8/15" >/dev/null
tmx resize-window -t t -x 60 -y 20
screen_wait "more: Tab" >/dev/null
keys Enter
check move-enter-focus "Enter does not focus the detail" \
    status_wait "j/k:scroll"
first=$(line 10)
keys j
check move-detail-scroll "j does not scroll the detail" \
    screen_gone "$first" 2
check move-detail-keeps "j in the detail moved the selection" \
    status_wait " 8/15"
keys Tab j
check move-tab "Tab does not give the focus back" status_wait " 9/15"

keys q
status=$(exit_wait)
check move-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
