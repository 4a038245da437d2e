#!/bin/sh
# layout-fit.sh: the panes are sized from what the view holds. Stacked,
# a search with one hit leaves the detail pane the rows the timeline does
# not need; titles keep their room rather than giving it to a list of
# actors; no time gutter is kept when no event shown has a time; each
# overlay shows its own key hints in the status line.

. "$(dirname "$0")/lib.sh"

# 80x24, stacked: one hit takes a heading and a row, then the rule.
screen_start 80 24
type_text /Geneva
keys Enter
status_wait "1 matching event" >/dev/null
check layout-fit-stacked "a one-hit search keeps empty timeline rows" \
    line_wait 4 "────────"
check layout-fit-stacked-detail "the detail pane does not start under the row" \
    line_wait 5 " Araghchi meets European ministers in Geneva"
keys Escape
check layout-fit-back "Esc does not give the timeline its rows back" \
    line_wait 11 "────────"

# Overlays: their own hints, not the timeline's.
keys a
screen_wait "Actors: 9" >/dev/null
check layout-fit-hints-actors "the actor list shows the timeline's hints" \
    status_wait "Enter:choose"
no_timeline_hints() {
	! status_line | grep -F -q "/:search"
}
check layout-fit-hints-actors-own "the actor list shows the timeline's hints" \
    no_timeline_hints
keys Escape
keys ?
check layout-fit-hints-help "the help shows the timeline's hints" \
    status_wait "Esc:close"
keys Escape

# Untimed events with long titles and many actors.
mkdir -p "$TESTTMP/wide"
cat >"$TESTTMP/wide/corpus.yaml" <<'YAML'
actors:
  - { id: a1, name: Abbas Araghchi, kind: person }
  - { id: a2, name: Vladimir Putin, kind: person }
  - { id: a3, name: Benjamin Netanyahu, kind: person }
  - { id: a4, name: Masoud Pezeshkian, kind: person }
events:
  - id: long
    date: 2025-06-13
    title: Foreign ministers meet in Geneva for a long day ok
    actors: [a1, a2, a3, a4]
  - id: short
    date: 2025-06-14
    title: A short one
    actors: [a2]
YAML
SCREEN_FIX=$TESTTMP/wide SCREEN_DB=$TESTTMP/wide.db SCREEN_READY=" 2 events"
screen_start 120 40
check layout-fit-title "a 50-column title is cut for the actor column" \
    line_wait 3 "Foreign ministers meet in Geneva for a long day ok"
tmx resize-window -t t -x 40 -y 12
no_gutter() {
	line_wait 3 "Foreign ministers" && line 3 | grep -q '^[> ] Foreign ministers'
}
check layout-fit-gutter "a time gutter stays though no event has a time" \
    no_gutter

exit 0
