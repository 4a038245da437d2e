#!/bin/sh
# actor-keep.sh: the current actor stays while the selected event involves
# it, whatever its place in the event's list, and the status line says
# which actor ] follows; on an event without it, the event's first actor.

. "$(dirname "$0")/lib.sh"

screen_start 120 40
keys d
type_text 2025-06-13
keys Enter j j
line_wait 2 "│ Araghchi writes to the Security Council" >/dev/null
check actor-keep-first "the first actor is not current on a new event" \
    status_wait "]:next Araghchi"
keys l
check actor-keep-l "l does not make Iran current" status_wait "]:next Iran"
# The next event (Russia, Iran) involves Iran: it stays.
keys j
line_wait 2 "│ Russian staff stay on at Bushehr" >/dev/null
check actor-keep-stays "moving on changed the current actor" \
    status_wait "]:next Iran"
# Putin and Trump: no Iran; the event's first actor.
keys j
line_wait 2 "│ Putin and Trump speak by phone" >/dev/null
check actor-keep-drops "an event without the actor kept it" \
    status_wait "]:next Putin"

exit 0
