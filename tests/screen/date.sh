#!/bin/sh
# date.sh: d asks for a date and selects the first event on or after it:
# a full date, or just the day within the month shown.

. "$(dirname "$0")/lib.sh"

screen_start 120 40

keys d
check date-prompt "d does not ask for a date" status_wait "Date ("
type_text 18
keys Enter
check date-day "d 18 does not go to the first event of the 18th" \
    status_wait " 11/15"
check date-day-detail "detail is not the Geneva meeting" \
    line_wait 2 "│ Araghchi meets European ministers in Geneva"
keys d
type_text 2025-06-14
keys Enter
check date-full "d 2025-06-14 does not go to the 14th" status_wait " 5/15"
keys d
type_text 2025-06-17
keys Enter
check date-exact "d 2025-06-17 does not go to the 17th" status_wait " 10/15"
keys d
type_text 2025-06-11
keys Enter
check date-before "a date before the corpus does not go to its start" \
    status_wait " 1/15"
keys d
type_text 2025-07-01
keys Enter
check date-after "a date after the corpus gives no message" \
    status_wait "no event on or after Tue 1 Jul 2025"
keys d
type_text 2025-06-32
keys Enter
check date-bad "a bad date gives no message" status_wait "not a date"
keys d
type_text 20
keys Escape
check date-cancel "Esc does not cancel the prompt" status_wait " 1/15"

keys q
status=$(exit_wait)
check date-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
