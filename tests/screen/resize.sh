#!/bin/sh
# resize.sh: side by side from 100 columns, stacked below, a notice below
# 40x12 and no crash, and back: each resize lays the screen out at once,
# keeping the selected event.

. "$(dirname "$0")/lib.sh"

screen_start 120 40
keys j j j
status_wait " 4/15" >/dev/null
check resize-wide "120x40 is not side by side" \
    line_wait 2 "│ Araghchi writes to the Security Council"

tmx resize-window -t t -x 60 -y 20
check resize-stacked "60x20 is not stacked" screen_wait "──────────"
check resize-stacked-detail "stacked detail lacks the event" \
    screen_wait " Araghchi writes to the Security Council"
check resize-stacked-status "stacked status line lost the position" \
    status_wait " 4/15"
expect_screen resize-60x20 "$TOP/tests/screen/expected/resize-60x20.txt"

tmx resize-window -t t -x 30 -y 8
check resize-small "30x8 shows no notice" screen_wait "terminal too small"
keys j
tmx resize-window -t t -x 40 -y 12
check resize-40x12 "40x12 is not usable" status_wait "/15"
expect_screen resize-40x12 "$TOP/tests/screen/expected/resize-40x12.txt"

tmx resize-window -t t -x 120 -y 40
check resize-back "back at 120x40 is not side by side" \
    line_wait 2 "│ Araghchi writes to the Security Council"
check resize-back-all "back at 120x40 the timeline does not fill the pane" \
    screen_wait "Thu 12 Jun 2025"
check resize-back-pos "the selection moved" status_wait " 4/15"

# Many resizes in a row, as a dragged window sends.
for s in 100x30 99x30 41x13 39x11 120x40 80x24 120x40; do
	tmx resize-window -t t -x "${s%x*}" -y "${s#*x}"
done
check resize-storm "a burst of resizes broke the screen" status_wait " 4/15"

keys q
status=$(exit_wait)
check resize-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
