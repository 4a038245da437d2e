#!/bin/sh
# alias-hit.sh: a search hit found only through an actor's alias ("Alaqi"
# for Araghchi) shows why: the actor is drawn as a match in the detail
# pane's Actors line, not in its usual style.

. "$(dirname "$0")/lib.sh"

# sgr_before TEXT: the escape sequences just before TEXT in the detail.
sgr_before() {
	screen_e | grep -F -e "$1" | head -n 1 |
	    sed "s/^.*│//; s/$1.*//; s/^.*[^m]\\(\\(\\x1b\\[[0-9;]*m\\)*\\)\$/\\1/"
}

screen_start 120 40
# Without a search, on Araghchi's letter: the actor's own style.
keys d
type_text 2025-06-13
keys Enter j j
line_wait 2 "│ Araghchi writes to the Security Council" >/dev/null
screen_wait "Actors  Abbas Araghchi" >/dev/null
plain=$(sgr_before "Abbas Araghchi")

type_text /Alaqi
keys Enter
status_wait "matching event" >/dev/null
line_wait 2 "│ Araghchi writes to the Security Council" >/dev/null
actor=$(sgr_before "Abbas Araghchi")
differs() {
	[ -n "$actor" ] && [ "$actor" != "$plain" ]
}
check alias-hit-style "the actor found by an alias is drawn as without the search" \
    differs

exit 0
