#!/bin/sh
# first-screen.sh: the reader opens on the earliest event, with the corpus's
# date range on the top line, day headings, times, approximate dates marked,
# the detail of the selected event beside the timeline, and key hints and
# the position on the status line. Also: control characters in content are
# shown escaped, never sent to the terminal, and q leaves with status 0.

. "$(dirname "$0")/lib.sh"

screen_start 120 40
expect_screen first-screen "$TOP/tests/screen/expected/first-screen-120x40.txt"

check first-screen-hints "status line lacks the key hints" \
    status_wait "?:help /:search a:actors ]:next IAEA q:quit"
check first-screen-position "status line lacks 1/15" status_wait " 1/15"

# The selected row is drawn in a style of its own (the theme's selection).
check first-screen-selected "first row not highlighted" sh -c \
    "$(printf '%s' "tmux -L $SCREEN_SOCK capture-pane -e -p -t t") | sed -n 3p |
    grep -q \"$(printf '\033')\\[[0-9;]*m>\\{0,1\\} *Agency board\""

# Event 7 holds ESC [ 3 1 m and a BEL in its summary: they must show as
# ^[[31m and ^G, and no colour change may come from them.
keys j j j j j j
screen_wait "A statement with a stray control code" >/dev/null
check first-screen-escaped "control characters not shown escaped" \
    screen_wait 'Before ^[[31mRED^[[0m after, and a bell ^G here.'
check first-screen-no-raw-escape "a raw control character reached the terminal" \
    sh -c "! tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q \"$(printf '\033')\\[31mRED\""

keys q
status=$(exit_wait)
check first-screen-quit "q exits with status $status, not 0" [ "$status" = 0 ]
check first-screen-stty "terminal not restored after q" \
    grep -q -- ' icanon' "$TESTTMP/stty"
exit 0
