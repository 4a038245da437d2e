#!/bin/sh
# notes-rebuild.sh: marks and notes live apart from the store: a rebuilt
# or updated store keeps every one; an event deleted from the content
# becomes an orphan (listed by 'notes --orphans') and comes back when its
# id returns; a corpus elsewhere has notes of its own.
set -u
: "${TOP:?}" "${DOSSIER:?}" "${TESTTMP:?}"

C=$TESTTMP/content
cp -R "$TOP/tests/data/cli/corpus" "$C"
D() { "$DOSSIER" -C "$C" "$@"; }
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

D mark border-incident treaty-signed
D note border-incident "watch the border"
D note secret-letter "who carried it?"
D notes >"$TESTTMP/before"

D index --force >/dev/null
rm -f "$XDG_CACHE_HOME"/dossier/*.db
if D notes | cmp -s - "$TESTTMP/before"; then
	pass notes-survive-rebuild
else
	fail notes-survive-rebuild "$(D notes)"
fi

# Delete border-incident (lines 4-10 of events-b.yaml): an orphan.
cp "$C/events-b.yaml" "$TESTTMP/events-b.yaml"
sed '4,10d' "$TESTTMP/events-b.yaml" >"$C/events-b.yaml"
if D list | grep -q border-incident; then
	fail notes-orphan "the event is still in the content"
fi
live=$(D notes)
orphans=$(D notes --orphans)
if [ "$live" = "2024-02-15 secret-letter - who carried it?
2024-04-10 treaty-signed *" ] &&
    [ "$orphans" = "2024-05-01 border-incident * watch the border" ]; then
	pass notes-orphan-listed
else
	fail notes-orphan-listed "live: $live; orphans: $orphans"
fi
D notes --orphans --json >"$TESTTMP/o.json"
o=$(sqlite3 :memory: "SELECT json_extract(readfile('$TESTTMP/o.json'),
    '\$[0].orphan') || ',' || coalesce(json_extract(readfile('$TESTTMP/o.json'),
    '\$[0].title'), 'null')")
if [ "$o" = "1,null" ]; then
	pass notes-orphan-json
else
	fail notes-orphan-json "$(cat "$TESTTMP/o.json")"
fi
# An orphan can still be unmarked and its note removed, by its id.
if D unmark border-incident && D notes --orphans | grep -q "border-incident - watch"; then
	pass notes-orphan-unmark
else
	fail notes-orphan-unmark "$(D notes --orphans)"
fi
D mark border-incident 2>/dev/null && fail notes-orphan-no-mark "marked a missing event"

# The id returns: so does its note.
cp "$TESTTMP/events-b.yaml" "$C/events-b.yaml"
touch "$C/events-b.yaml"
D mark border-incident
if D notes | cmp -s - "$TESTTMP/before" && [ -z "$(D notes --orphans)" ]; then
	pass notes-orphan-returns
else
	fail notes-orphan-returns "$(D notes)"
fi

# Another corpus (the same files elsewhere) has notes of its own.
cp -R "$C" "$TESTTMP/copy"
if [ -z "$("$DOSSIER" -C "$TESTTMP/copy" notes)" ]; then
	pass notes-per-corpus
else
	fail notes-per-corpus "$("$DOSSIER" -C "$TESTTMP/copy" notes)"
fi
# The content directory is never written.
if diff -r "$TOP/tests/data/cli/corpus" "$C" >/dev/null; then
	pass notes-content-untouched
else
	fail notes-content-untouched "content changed"
fi
