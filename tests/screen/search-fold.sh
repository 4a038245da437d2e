#!/bin/sh
# search-fold.sh: a search brings the first match of the selected event
# into the detail pane when it lies below the fold; n and N walk the
# event's matches outside the lines shown before moving to the next or
# previous event (which then shows its last match going back).

. "$(dirname "$0")/lib.sh"

mkdir -p "$TESTTMP/fold"
{
	printf 'events:\n  - id: long\n    date: 2025-06-13\n'
	printf '    title: A long account\n    summary: |\n'
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf '      Filler line %s of the account.\n' "$i"
	done
	printf '      Here the first needle shows.\n'
	for i in 13 14 15 16 17 18 19 20 21 22 23 24; do
		printf '      Filler line %s of the account.\n' "$i"
	done
	printf '      Here the second needle shows.\n'
	for i in 25 26 27 28; do
		printf '      Filler line %s of the account.\n' "$i"
	done
	printf '  - id: short\n    date: 2025-06-14\n'
	printf '    title: A needle in a title\n'
} >"$TESTTMP/fold/events.yaml"
SCREEN_FIX=$TESTTMP/fold SCREEN_DB=$TESTTMP/fold.db SCREEN_READY=" 2 events"
screen_start 80 24

type_text /needle
keys Enter
status_wait "2 matching events" >/dev/null
check search-fold-first "the first match below the fold is not shown" \
    screen_wait "Here the first needle shows"
check search-fold-first-pos "the search did not start on the long event" \
    status_wait " 1/2"

keys n
check search-fold-n "n does not show the event's second match" \
    screen_wait "Here the second needle shows"
check search-fold-n-stay "n left the event before its last match" \
    status_wait " 1/2"

keys n
check search-fold-n-next "n after the last match does not go to the next event" \
    status_wait " 2/2"

keys N
check search-fold-N-back "N does not come back to the long event" \
    status_wait " 1/2"
check search-fold-N-last "going back does not show the event's last match" \
    screen_wait "Here the second needle shows"
keys N
check search-fold-N-walk "N does not walk back to the first match" \
    screen_wait "Here the first needle shows"

exit 0
