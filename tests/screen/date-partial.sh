#!/bin/sh
# date-partial.sh: at the date prompt, 06-18 and 18 go to the date of that
# form that has events nearest the selected event (not to the selected
# event's year and month, where there may be none); only when no such date
# has events do they stay in its year (and month). Impossible dates are
# refused with a message.

. "$(dirname "$0")/lib.sh"

mkdir -p "$TESTTMP/years"
{
	printf 'events:\n'
	for d in 2013-09-23 2024-06-18 2025-06-13 2025-06-18 2025-07-02; do
		printf '  - id: e%s\n    date: %s\n    title: Event of %s\n' \
		    "$d" "$d" "$d"
	done
} >"$TESTTMP/years/events.yaml"
SCREEN_FIX=$TESTTMP/years SCREEN_DB=$TESTTMP/years.db SCREEN_READY=" 5 events"
screen_start 100 24

date_go() {
	keys d
	status_wait "Date (" >/dev/null
	type_text "$1"
	keys Enter
}

# It opens on 2013-09-23: 18 is not the 18th of September 2013.
date_go 18
check date-partial-day "18 does not go to the nearest 18th with events" \
    status_wait " 2/5"
date_go 2013-09-23
status_wait " 1/5" >/dev/null
date_go 06-18
check date-partial-md "06-18 from 2013 does not go to the nearest 06-18" \
    status_wait " 2/5"
date_go 2025-07-02
status_wait " 5/5" >/dev/null
date_go 06-18
check date-partial-nearest "06-18 from July 2025 is not 2025-06-18" \
    status_wait " 4/5"

# No 05-05 has events: the selected event's year, and the next event.
date_go 2025-06-13
status_wait " 3/5" >/dev/null
date_go 05-05
check date-partial-none "05-05 without events does not stay in 2025" \
    status_wait "nothing on Mon 5 May 2025"
check date-partial-none-pos "05-05 without events does not go on to the next event" \
    status_wait " 3/5"

date_go 2025-02-30
check date-partial-feb30 "2025-02-30 is not refused" \
    status_wait "no such date: 2025-02-30"
date_go 06-31
check date-partial-jun31 "06-31 is not refused" status_wait "no such date: 06-31"
check date-partial-stays "a refused date moved the selection" status_wait " 3/5"

exit 0
