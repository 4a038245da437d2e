#!/bin/sh
# actor-filter.sh: a opens the list of actors with their event counts;
# typing narrows it; Enter filters the timeline to the actor (named on the
# top line); Esc gives back the whole timeline with the event kept. A shows
# the current actor's profile; Enter there goes to one of their events.

. "$(dirname "$0")/lib.sh"

screen_start 120 40

keys a
check actor-filter-list "a does not open the actor list" screen_wait "Actors: 9"
check actor-filter-counts "actor list lacks Araghchi and his 3 events" sh -c \
    "tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q 'Abbas Araghchi .* 3 │'"
type_text ara
check actor-filter-narrow "typing does not narrow the list" \
    screen_wait "Actors: 1 of 9"
check actor-filter-narrow-gone "narrowed list still shows Putin" \
    screen_gone "Vladimir Putin"
keys Enter
check actor-filter-top "top line does not name the actor filter" \
    line_wait 1 "actor: Abbas Araghchi"
check actor-filter-count "timeline does not hold his 3 events" status_wait " 1/3"
check actor-filter-only "an event without Araghchi is still listed" \
    screen_gone "Israel strikes Natanz"
keys j
check actor-filter-move "j in the filtered timeline" status_wait " 2/3"
check actor-filter-detail "detail is not Araghchi's second event" \
    line_wait 2 "│ Araghchi meets European ministers in Geneva"
keys Escape
check actor-filter-clear "Esc does not give back the whole timeline" \
    status_wait " 11/15"
check actor-filter-clear-top "top line still names the filter" \
    sh -c "! tmux -L $SCREEN_SOCK capture-pane -p -t t | head -n 1 | grep -q 'actor:'"

# q closes the list (when nothing is typed) and c clears a filter too.
keys a
screen_wait "Actors: 9" >/dev/null
keys q
check actor-filter-q "q does not close the actor list" screen_gone "Actors: 9"
keys a Down Enter
check actor-filter-second "Down Enter does not filter to Putin" \
    line_wait 1 "actor: Vladimir Putin"
keys c
check actor-filter-c "c does not clear the filter" status_wait "/15"

# The profile: A on Araghchi's event.
keys g j j j
status_wait " 4/15" >/dev/null
keys A
check actor-profile "A does not show the profile" screen_wait "Foreign Minister of Iran"
check actor-profile-aliases "profile lacks the aliases" screen_wait "Araghchi, Alaqi"
check actor-profile-events "profile lacks his events" \
    screen_wait "Fri 20 Jun 2025  12:00   Araghchi flies to Moscow"
keys j j Enter
check actor-profile-jump "Enter in the profile does not go to the event" \
    status_wait " 14/15"
check actor-profile-closed "the profile is still open" screen_gone "Also known as"

keys q
status=$(exit_wait)
check actor-filter-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
