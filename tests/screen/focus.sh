#!/bin/sh
# focus.sh: the focused pane shows it without colour (mono, NO_COLOR): a
# ">" on the timeline's selected row while the timeline has the focus, a
# heavy rule beside the detail pane while it has it; Tab, Enter and Esc
# move it and the screen follows.

. "$(dirname "$0")/lib.sh"

screen_start 120 40 --no-color
check focus-timeline "the focused timeline shows no mark" \
    line_wait 3 ">        Agency board finds Iran in breach"
keys Tab
check focus-detail "the focused detail pane shows no heavy rule" \
    line_wait 3 "┃ Thu 12 Jun 2025"
no_mark() {
	! line 3 | grep -q '^>'
}
check focus-detail-mark "the timeline keeps its mark without the focus" no_mark
keys Tab
check focus-back "Tab does not give the timeline its mark back" \
    line_wait 3 ">        Agency board finds Iran in breach"
check focus-back-rule "the heavy rule stays after Tab" \
    line_wait 3 "│ Thu 12 Jun 2025"

# Stacked, in the mono theme: the rule between the panes.
screen_start 80 24 --theme mono
keys Enter
check focus-stacked "the focused detail pane shows no heavy rule (stacked)" \
    screen_wait "━━━━━━━━━━"
keys Escape
check focus-stacked-back "Esc leaves the heavy rule" screen_gone "━━━━━━━━━━"

exit 0
