#!/bin/sh
# notes-commands.sh: the commands on the user's own layer (mark, unmark,
# note, notes, view, --marked, --view) against the fixture corpus, with
# their exact formats; notes.db lives in the test's XDG_DATA_HOME, never
# in the cache; export then import into an empty file gives the same
# 'notes --json'.
set -u
: "${TOP:?}" "${DOSSIER:?}" "${TESTTMP:?}" "${XDG_DATA_HOME:?}"

C=$TOP/tests/data/cli/corpus
D() { "$DOSSIER" -C "$C" "$@"; }
out=$TESTTMP/out
err=$TESTTMP/err
db=$XDG_DATA_HOME/dossier/notes.db

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# expect NAME STATUS WANT ARGS...: exit status and stdout.
expect() {
	e_name=$1 e_status=$2 e_want=$3
	shift 3
	D "$@" >"$out" 2>"$err"
	e_rc=$?
	if [ "$e_rc" != "$e_status" ]; then
		fail "$e_name" "exit $e_rc, expected $e_status: $(cat "$err")"
	elif [ "$(cat "$out")" != "$e_want" ]; then
		fail "$e_name" "got: $(cat "$out")"
	else
		pass "$e_name"
	fi
}
json_valid() {
	v=$(sqlite3 :memory: "SELECT json_valid(readfile('$1'))" 2>&1)
	[ "$v" = 1 ]
}

# Nothing yet: an empty list, and no file made by reading.
expect notes-empty 0 "" notes
if [ ! -e "$db" ]; then
	pass notes-read-makes-no-file
else
	fail notes-read-makes-no-file "$db exists"
fi

expect mark 0 "" mark joint-statement secret-letter
if [ -f "$db" ] && ! ls "$XDG_CACHE_HOME"/dossier/notes* >/dev/null 2>&1; then
	pass notes-db-in-data-home
else
	fail notes-db-in-data-home "no $db, or notes in the cache"
fi

# An unknown id: exit 1, one line, and nothing marked (not even the good).
D mark treaty-signed no-such-event >"$out" 2>"$err"
rc=$?
if [ $rc = 1 ] && [ "$(wc -l <"$err")" = 1 ] &&
    grep -q "no-such-event" "$err" &&
    ! D notes | grep -q treaty-signed; then
	pass mark-unknown-marks-nothing
else
	fail mark-unknown-marks-nothing "exit $rc: $(cat "$err")"
fi
expect unmark-unknown 1 "" unmark no-such-event

printf 'First line ✓\nsecond line\n' | D note closing-remarks - 2>"$err"
D note secret-letter 'a note with "quotes"'
expect notes-lines 0 "2024-02-15 secret-letter * a note with \"quotes\"
2024-03-01 joint-statement *
2024-03-01 closing-remarks - First line ✓" notes

D notes --json >"$out"
if json_valid "$out" && [ "$(sqlite3 :memory: "SELECT group_concat(k, ',')
    FROM (SELECT DISTINCT b.key AS k FROM json_each(readfile('$out')) a,
    json_each(a.value) b ORDER BY k)")" = \
    "date,event,marked,note,orphan,title,updated" ]; then
	pass notes-json-keys
else
	fail notes-json-keys "$(cat "$out")"
fi
n=$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$[2].note')")
if [ "$n" = "$(printf 'First line ✓\nsecond line')" ]; then
	pass note-stdin-multiline
else
	fail note-stdin-multiline "note is '$n'"
fi
u=$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$[0].updated')")
case $u in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z)
	pass notes-updated-iso8601 ;;
*)	fail notes-updated-iso8601 "updated is '$u'" ;;
esac

# An empty text removes the note; the mark stays.
D note secret-letter ''
expect note-empty-removes 0 "2024-02-15 secret-letter *
2024-03-01 joint-statement *
2024-03-01 closing-remarks - First line ✓" notes
expect unmark 0 "" unmark secret-letter
expect list-marked 0 "2024-03-01  14:00 joint-statement A joint statement on border crossings" list --marked

# The JSON of list, show and search carries marked and note.
D list --json >"$out"
m=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.id') ||
    '=' || json_extract(value, '\$.marked') || '/' ||
    coalesce(json_extract(value, '\$.note'), '-'), ' ') FROM
    json_each(readfile('$out')) WHERE json_extract(value, '\$.marked')
    OR json_extract(value, '\$.note') IS NOT NULL")
if [ "$m" = "joint-statement=1/- closing-remarks=0/First line ✓
second line" ]; then
	pass list-json-marked-note
else
	fail list-json-marked-note "$m"
fi
D show joint-statement --json >"$out"
if [ "$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$.marked')")" = 1 ]; then
	pass show-json-marked
else
	fail show-json-marked "$(cat "$out")"
fi
expect show-marked-not 1 "" show closing-remarks --marked
D search border --marked --json >"$out"
if json_valid "$out" && [ "$(sqlite3 :memory: "SELECT count(*),
    sum(json_extract(value, '\$.marked')), count(DISTINCT
    json_extract(value, '\$.event')) FROM json_each(readfile('$out'))")" \
    = "1|1|1" ] && D search border | grep -q border-incident; then
	pass search-marked
else
	fail search-marked "$(cat "$out")"
fi

# Views: save, list (text and JSON), apply, remove; the name rule.
expect view-save 0 "" view save brook-march --actor brook --from 2024-03-01 --to 2024-03-31
expect view-bad-name 2 "" view save Brook
expect view-unknown-actor 1 "" view save x --actor nobody
expect view-list 0 "brook-march: --actor brook --from 2024-03-01 --to 2024-03-31" view list
D view list --json >"$out"
if [ "$(sqlite3 :memory: "SELECT group_concat(key, ',') FROM
    json_each(json_extract(readfile('$out'), '\$[0]'))")" = \
    "name,actors,tag,from,to,query,marked" ]; then
	pass view-list-json-keys
else
	fail view-list-json-keys "$(cat "$out")"
fi
expect list-view 0 "$(D list --actor brook --from 2024-03-01 --to 2024-03-31)" list --view brook-march
D view save marked-only --marked
expect list-view-marked 0 "$(D list --marked)" list --view marked-only
expect list-view-unknown 1 "" list --view nope
expect view-rm 0 "" view rm brook-march
expect view-rm-again 1 "" view rm brook-march

# Export, then import into an empty notes.db: the same notes --json.
D notes export >"$TESTTMP/export.yaml"
D notes --json >"$TESTTMP/a.json"
D --notes "$TESTTMP/other.db" notes import "$TESTTMP/export.yaml" >"$out"
D --notes "$TESTTMP/other.db" notes --json >"$TESTTMP/b.json"
if cmp -s "$TESTTMP/a.json" "$TESTTMP/b.json" && [ -s "$TESTTMP/a.json" ] &&
    grep -q "^3 added, 0 updated, 0 kept$" "$out"; then
	pass export-import-same
else
	fail export-import-same "$(cat "$out"); $(diff "$TESTTMP/a.json" "$TESTTMP/b.json")"
fi
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
	if python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert sorted(d) == ["notes"]
for e in d["notes"]:
    assert sorted(e) == ["event", "marked", "note", "updated"], e
    assert isinstance(e["marked"], bool) and isinstance(e["event"], str)
' "$TESTTMP/export.yaml"; then
		pass export-yaml-parses
	else
		fail export-yaml-parses "$(cat "$TESTTMP/export.yaml")"
	fi
else
	echo "SKIP export-yaml-parses: no python3-yaml"
fi
expect import-again 0 "0 added, 0 updated, 3 kept" --notes "$TESTTMP/other.db" notes import "$TESTTMP/export.yaml"
printf 'notes:\n  - event: x\n    marked: maybe\n    updated: 2025-01-01T00:00:00Z\n' >"$TESTTMP/bad.yaml"
D notes import "$TESTTMP/bad.yaml" >"$out" 2>"$err"
rc=$?
if [ $rc = 1 ] && grep -q "^$TESTTMP/bad.yaml:3:13: error: " "$err" &&
    ! D notes | grep -q '^.* x '; then
	pass import-error-position
else
	fail import-error-position "exit $rc: $(cat "$err")"
fi

# The import reads with the shared YAML reader: the same words and
# positions as content and config for what libyaml or the reader refuses,
# and nothing imported.
bad_import() {
	name=$1 want=$2
	D notes import "$TESTTMP/bad.yaml" >"$out" 2>"$err"
	rc=$?
	if [ $rc = 1 ] && grep -qF "$TESTTMP/bad.yaml:$want" "$err" &&
	    grep -q "nothing imported" "$err"; then
		pass "import-$name"
	else
		fail "import-$name" "exit $rc: $(cat "$err")"
	fi
}
printf 'notes:\n  - &n\n    event: x\n    marked: true\n    updated: 2025-01-01T00:00:00Z\n  - *n\n' >"$TESTTMP/bad.yaml"
bad_import alias "6:5: error: aliases are not allowed in a notes file"
printf 'notes:\n  - event: "caf\351"\n' >"$TESTTMP/bad.yaml"
bad_import not-utf8 "2:16: error: invalid UTF-8 (byte 0xe9)"
printf 'notes:\n\t- event: x\n' >"$TESTTMP/bad.yaml"
bad_import tab "2:1: error: found character that cannot start any token"
printf 'nots: []\n' >"$TESTTMP/bad.yaml"
bad_import did-you-mean "1:1: error: unknown key 'nots' (did you mean 'notes'?)"
awk 'BEGIN { printf "notes: "; for (i = 0; i < 40; i++) printf "["; print "" }' >"$TESTTMP/bad.yaml"
bad_import deep "1:15: error: nesting deeper than 8 levels"

# Search finds the user's own words: hits of kind note, first.
D note treaty-signed 'Ratification by parliament still pending'
expect search-note-hit 0 "2024-04-10 treaty-signed note: Ratification by [parliament] still pending" search parliament
D search --json parliament >"$out"
if [ "$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$[0].kind')")" = note ]; then
	pass search-note-hit-json
else
	fail search-note-hit-json "$(cat "$out")"
fi
expect search-note-marked-only 1 "" search parliament --marked
