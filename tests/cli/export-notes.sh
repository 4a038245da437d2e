#!/bin/sh
# export-notes.sh: what is personal leaves an export only when asked for.
# --marked keeps the marked events (as list --marked does), --notes writes
# the marks and notes (CSV columns, JSON keys), without it nothing of them
# is in the file, and --view NAME exports what the saved view shows (the
# same events as the options it was saved with).
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP (and the XDG
# homes inside TESTTMP, so notes.db is the test's own).

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

C=$TOP/tests/data/cli/corpus
out=$TESTTMP/export-notes
rm -rf "$out"
mkdir -p "$out"
D() { "$DOSSIER" -C "$C" --db "$out/store.db" "$@"; }
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

D mark alpha-arrives treaty-talks-open >/dev/null
D note alpha-arrives "private: the car was late" >/dev/null

# --marked: the same events as list --marked.
D export --marked --format csv >"$out/marked.csv"
ids=$(tail -n +2 "$out/marked.csv" | cut -d, -f1 | tr '\r\n' '  ' | tr -s ' ')
want=$(D list --marked | awk '{ print $3 }' | tr '\n' ' ')
if [ "$ids" = "$want" ] && [ -n "$want" ]; then
	pass export-marked
else
	fail export-marked "export has '$ids', list --marked '$want'"
fi

# Without --notes: nothing personal, not even the marks.
D export --format csv >"$out/plain.csv"
D export --format json >"$out/plain.json"
D export >"$out/plain.md"
if ! grep -q "car was late" "$out/plain.csv" "$out/plain.json" "$out/plain.md" &&
    /usr/bin/python3 - "$out/plain.csv" "$out/plain.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert all(r['marked'] == '' and r['note'] == '' for r in rows), rows[:2]
data = json.load(open(sys.argv[2]))
assert all(e.get('marked') in (None, False) and e.get('note') is None
           for e in data), [e for e in data if e.get('marked')][:1]
PY
then
	pass export-nothing-personal
else
	fail export-nothing-personal "a mark or note left without --notes"
fi

# With --notes: marks and notes, read back by real parsers.
D export --notes --format csv >"$out/notes.csv"
D export --notes --format json >"$out/notes.json"
if /usr/bin/python3 - "$out/notes.csv" "$out/notes.json" <<'PY'
import csv, json, sys
rows = {r['id']: r for r in csv.DictReader(open(sys.argv[1], newline=''))}
assert rows['alpha-arrives']['marked'] == 'true', rows['alpha-arrives']
assert rows['alpha-arrives']['note'] == 'private: the car was late'
assert rows['brook-arrives']['marked'] == 'false'
data = {e['id']: e for e in json.load(open(sys.argv[2]))}
assert data['treaty-talks-open']['marked'] is True
assert data['alpha-arrives']['note'] == 'private: the car was late'
PY
then
	pass export-notes
else
	fail export-notes "marks or notes missing with --notes"
fi

# An exported object is show --json's, line for line: only the values of
# marked and note are --notes' (they keep their own lines).
D show alpha-arrives --json >"$out/show.json"
if /usr/bin/python3 - "$out/notes.json" "$out/show.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
show = open(sys.argv[2]).read().rstrip('\n').split('\n')
start = text.index('{\n  "id":"alpha-arrives"')
obj = text[start:].split('\n')[:len(show)]
obj[-1] = obj[-1].rstrip(',')
assert len(obj) == len(show), (obj, show)
for a, b in zip(obj, show):
    if b.startswith('  "marked":') or b.startswith('  "note":'):
        assert a.split(':')[0] == b.split(':')[0], (a, b)
    else:
        assert a == b, (a, b)
assert '  "marked":true,' in obj, obj
PY
then
	pass export-json-layout
else
	fail export-json-layout "an exported object is not laid out as show --json"
fi

# --view: a saved view exports what its options export.
D view save brook-week --actor brook --from 2024-03-01 --to 2024-03-07 >/dev/null
D export --view brook-week --format csv >"$out/view.csv"
D export --actor brook --from 2024-03-01 --to 2024-03-07 --format csv \
    >"$out/opts.csv"
if cmp -s "$out/view.csv" "$out/opts.csv" &&
    [ "$(wc -l <"$out/view.csv")" -gt 1 ]; then
	pass export-view
else
	fail export-view "$(diff "$out/view.csv" "$out/opts.csv" | head -5)"
fi
D export --view nosuch >/dev/null 2>"$out/err"
st=$?
if [ $st -ne 0 ] && grep -q "no view 'nosuch'" "$out/err"; then
	pass export-view-unknown
else
	fail export-view-unknown "status $st: $(cat "$out/err")"
fi
exit 0
