#!/bin/sh
# actor-rank.sh: in the actor list, what is typed matching the start of
# a name, an alias or one of their words ranks first, then matches inside
# a word; within each, by number of events. "pu" picks Putin, not Iran by
# "Islamic Republic"; "rus" picks Russia, not Israel by "Jerusalem".

. "$(dirname "$0")/lib.sh"

mkdir -p "$TESTTMP/rank"
{
	cat <<'YAML'
actors:
  - id: putin
    name: Vladimir Putin
    kind: person
  - id: russia
    name: Russia
    kind: state
  - id: iran
    name: Iran
    kind: state
    aliases: [Islamic Republic of Iran]
  - id: israel
    name: Israel
    kind: state
    aliases: [Jerusalem]
events:
  - id: e1
    date: 2025-06-13
    title: Putin and Russia
    actors: [putin, russia]
YAML
	for n in 2 3 4 5; do
		printf '  - id: e%s\n    date: 2025-06-1%s\n' "$n" "$n"
		printf '    title: Iran and Israel %s\n' "$n"
		printf '    actors: [iran, israel]\n'
	done
} >"$TESTTMP/rank/corpus.yaml"
SCREEN_FIX=$TESTTMP/rank SCREEN_DB=$TESTTMP/rank.db SCREEN_READY=" 5 events"
screen_start 100 24

keys a
screen_wait "Actors: 4" >/dev/null
type_text pu
screen_wait "Actors: 2 of 4" >/dev/null
keys Enter
check actor-rank-pu "pu then Enter does not filter to Putin" \
    line_wait 1 "actor: Vladimir Putin"

keys Escape a
screen_wait "Actors: 4" >/dev/null
type_text rus
screen_wait "Actors: 2 of 4" >/dev/null
keys Enter
check actor-rank-rus "rus then Enter does not filter to Russia" \
    line_wait 1 "actor: Russia"

exit 0
