#!/bin/sh
# actor-labels.sh: the timeline's actor column shows each actor's short
# label: content's short: when set; else a person's last name; else the
# name when short enough, else a short form of it (initials, a word of
# it); an alias naming another place (a capital) is never the label.

. "$(dirname "$0")/lib.sh"

mkdir -p "$TESTTMP/labels"
cat >"$TESTTMP/labels/corpus.yaml" <<'YAML'
actors:
  - id: qatar
    name: Qatar
    kind: state
    aliases: [Doha, State of Qatar]
  - id: duma
    name: State Duma
    kind: organization
    aliases: [Duma]
  - id: unsc
    name: United Nations Security Council
    kind: organization
    aliases: [NY, UNSC, Security Council]
  - id: mfa
    name: Ministry of Foreign Affairs of Russia
    kind: organization
    short: Russian MFA
    aliases: [MFA]
  - id: lavrov
    name: Sergei Lavrov
    kind: person
events:
  - id: talks
    date: 2025-06-20
    title: Talks
    actors: [qatar, duma, unsc, mfa, lavrov]
YAML
SCREEN_FIX=$TESTTMP/labels SCREEN_DB=$TESTTMP/labels.db SCREEN_READY=" 1 event"
screen_start 120 24
check actor-labels-row "the row's actors are not the short labels" \
    line_wait 3 "Qatar, State Duma, UNSC, Russian MFA, Lavrov"
no_place() {
	! line 3 | grep -E -q "Doha|, NY|, Duma,"
}
check actor-labels-no-place "a capital or a bare alias became a label" no_place

exit 0
