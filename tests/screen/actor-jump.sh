#!/bin/sh
# actor-jump.sh: the current actor and ] [ : on "Putin phones Netanyahu" the
# current actor is Putin (the event's first); ] goes to his next events,
# wraps round with a message, [ goes back; h l choose another actor.

. "$(dirname "$0")/lib.sh"

screen_start 120 40

keys j j
check actor-jump-current "current actor is not Putin on event 3" \
    status_wait "]:next Putin"
keys ]
check actor-jump-next "] does not go to Putin's next event" status_wait " 6/15"
check actor-jump-next-detail "detail is not the Putin-Trump call" \
    line_wait 2 "│ Putin and Trump speak by phone"
keys ]
check actor-jump-keeps "] lost Putin on the way" status_wait " 12/15"
check actor-jump-keeps-hint "current actor changed on an event of his" \
    status_wait "]:next Putin"
keys ] ]
check actor-jump-last "] does not reach Putin's last event" status_wait " 14/15"
keys ]
check actor-jump-wrap "] does not wrap round with a message" \
    status_wait "wrapped round to the first event with Putin"
check actor-jump-wrap-pos "] did not wrap to event 3" status_wait " 3/15"
keys [
check actor-jump-prev-wrap "[ does not wrap round backwards" \
    status_wait "wrapped round to the last event with Putin"
check actor-jump-prev-pos "[ did not wrap to event 14" status_wait " 14/15"
keys [
check actor-jump-prev "[ does not go to the previous event" status_wait " 13/15"

# h and l: on event 3, l makes Netanyahu current; he has no other event.
keys g j j
status_wait " 3/15" >/dev/null
keys l
check actor-jump-l "l does not choose the next actor" \
    status_wait "]:next Netanyahu"
keys ]
check actor-jump-alone "no message for an actor without another event" \
    status_wait "no other event with Netanyahu"
keys '>'
check actor-jump-gt "> does not choose the next actor" status_wait "]:next Israel"
keys h '<'
check actor-jump-h "h < do not go back to Putin" status_wait "]:next Putin"

keys q
status=$(exit_wait)
check actor-jump-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
