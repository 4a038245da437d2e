#!/bin/sh
# export.sh: `dossier export` in every format, from the bundled corpus and
# from a hostile one (tests/data/export), read back by real parsers
# (export-check.py: markdown-it, html5lib, icalendar, csv, json) and the
# HTML opened in headless chromium; the filters against list and search;
# -o through a temporary file; write errors; and show's URLs.
set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

PY=/usr/bin/python3
CHECK=$TOP/tests/cli/export-check.py
H=$TOP/tests/data/export
out=$TESTTMP/export
mkdir -p "$out"

pass() { echo "PASS export-$1"; }
fail() { echo "FAIL export-$1: $2"; }

# The parsers come from Debian's packages (.ci/deps test installs them).
if ! $PY -c 'import markdown_it, html5lib, icalendar' 2>/dev/null; then
	echo "SKIP export: needs python3-markdown-it, python3-html5lib and" \
	    "python3-icalendar for /usr/bin/python3"
	exit 0
fi

# dom FILE.html OUT: what headless chromium makes of a file, in OUT.
dom() {
	rm -rf "$TESTTMP/chromium"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$TESTTMP/chromium" --dump-dom "file://$1" \
	    >"$2" 2>"$2.err"
}

# Every format from each corpus, read back.
for corpus in bundled:$TOP/content hostile:$H; do
	name=${corpus%%:*}
	dir=${corpus#*:}
	"$DOSSIER" -C "$dir" export --format json >"$out/$name.events.json" ||
	    fail "$name-json" "export --format json failed"
	for f in markdown html csv json ics timelinejs; do
		if ! "$DOSSIER" -C "$dir" export --format "$f" \
		    >"$out/$name.$f" 2>"$out/$name.$f.err"; then
			fail "$name-$f" "exit $?: $(head -n 1 "$out/$name.$f.err")"
			continue
		fi
		extra=""
		if [ "$f" = html ]; then
			if command -v chromium >/dev/null 2>&1; then
				dom "$out/$name.$f" "$out/$name.dom" &&
				    extra=$out/$name.dom ||
				    fail "$name-chromium" "chromium failed"
			else
				echo "SKIP export-$name-chromium: no chromium"
			fi
		fi
		$PY "$CHECK" "export-$name" "$f" "$out/$name.$f" \
		    "$out/$name.events.json" $extra
	done
	# json: each event has exactly show --json's keys and values.
	$PY - "$DOSSIER" "$dir" "$out/$name.events.json" "$name" <<'PY'
import json, subprocess, sys
dossier, corpus, path, name = sys.argv[1:5]
events = json.load(open(path, encoding='utf-8'))
bad = []
for e in events:
    shown = json.loads(subprocess.run([dossier, '-C', corpus, 'show', e['id'],
        '--json'], capture_output=True, check=True).stdout)
    if e != shown:
        bad.append(e['id'])
if bad or not events:
    print('FAIL export-%s-json-equals-show: %r' % (name, bad[:3] or 'empty'))
else:
    print('PASS export-%s-json-equals-show' % name)
PY
done

# The filters hold exactly what list (or search, in timeline order) shows.
ids_list() { $PY -c 'import json,sys; [print(e["id"]) for e in json.load(sys.stdin)]'; }
filters() {
	fname=$1
	shift
	"$DOSSIER" -C "$TOP/content" export --format json "$@" | ids_list >"$out/f-$fname.export"
	"$DOSSIER" -C "$TOP/content" list --json "$@" | ids_list >"$out/f-$fname.list"
	if cmp -s "$out/f-$fname.export" "$out/f-$fname.list" &&
	    [ -s "$out/f-$fname.list" ]; then
		pass "filter-$fname"
	else
		fail "filter-$fname" "export and list differ (or are empty)"
	fi
}
filters actor --actor putin
filters tag --tag diplomacy
filters range --from 2025-06-13 --to 2025-06-16
filters all-four --actor iran --tag military --from 2025-06-13 --to 2025-06-24
filters by-name --actor Putin --actor 'Donald Trump'
filters any-actor --actor putin --actor trump --any-actor
"$DOSSIER" -C "$TOP/content" export --actor nobody >/dev/null 2>"$out/nobody.err"
st=$?
[ $st = 1 ] && grep -q "unknown actor" "$out/nobody.err" &&
    pass "unknown-actor" || fail "unknown-actor" "exit $st: $(cat "$out/nobody.err")"
"$DOSSIER" -C "$TOP/content" export --from 2025-06-20 --to 2025-06-13 \
    >/dev/null 2>&1
st=$?
[ $st = 2 ] && pass "reversed-range" || fail "reversed-range" "exit $st"
"$DOSSIER" -C "$TOP/content" list --json | ids_list >"$out/timeline"
"$DOSSIER" -C "$TOP/content" export --format json --query 'nuclear' | ids_list >"$out/q.export"
"$DOSSIER" -C "$TOP/content" search --json 'nuclear' | $PY -c '
import json, sys
seen = []
for h in json.load(sys.stdin):
    if h["event"] not in seen:
        seen.append(h["event"])
print("\n".join(seen))' >"$out/q.search"
# Same events as search, in the timeline's order.
if [ -s "$out/q.export" ] &&
    [ "$(sort "$out/q.export")" = "$(sort "$out/q.search")" ] &&
    [ "$(grep -Fxf "$out/q.export" "$out/timeline")" = "$(cat "$out/q.export")" ]; then
	pass "filter-query"
else
	fail "filter-query" "export --query is not search's events in timeline order"
fi

# -o: the extension picks the format; written whole through a rename.
mkdir -p "$out/o"
cd "$out/o" || exit 1
ok=1
for pair in md:'# ' html:'<!DOCTYPE html>' csv:'id,date,time' \
    json:'[' ics:'BEGIN:VCALENDAR' timeline.json:'{'; do
	ext=${pair%%:*}
	head=${pair#*:}
	rm -f "x.$ext"
	"$DOSSIER" -C "$TOP/content" export --tag diplomacy -o "x.$ext" || ok=0
	case $(head -c ${#head} "x.$ext") in "$head") ;; *) ok=0 ;; esac
done
$PY -c 'import json,sys; d=json.load(open("x.timeline.json")); sys.exit(0 if "events" in d else 1)' || ok=0
[ $ok = 1 ] && pass "o-extension-picks-format" ||
    fail "o-extension-picks-format" "a file's start does not match its extension"

"$DOSSIER" -C "$TOP/content" export --tag diplomacy --format csv -o x.md
case $(head -c 3 x.md) in id,) pass "format-beats-extension" ;;
*) fail "format-beats-extension" "--format csv to x.md is not CSV" ;; esac

"$DOSSIER" -C "$TOP/content" export -o x.txt 2>"$out/ext.err"
st=$?
[ $st = 2 ] && grep -q 'format' "$out/ext.err" && pass "o-unknown-extension" ||
    fail "o-unknown-extension" "exit $st: $(cat "$out/ext.err")"
"$DOSSIER" -C "$TOP/content" export --format rtf 2>"$out/fmt.err" >/dev/null
st=$?
[ $st = 2 ] && grep -q "unknown format 'rtf'" "$out/fmt.err" &&
    pass "unknown-format" || fail "unknown-format" "exit $st"

# A file in place keeps its permissions and is replaced whole.
printf 'old\n' >keep.md
chmod 640 keep.md
"$DOSSIER" -C "$TOP/content" export --tag diplomacy -o keep.md
if [ "$(stat -c %a keep.md)" = 640 ] && ! grep -q '^old$' keep.md &&
    "$DOSSIER" -C "$TOP/content" export --tag diplomacy | cmp -s - keep.md; then
	pass "o-replaces-keeps-mode"
else
	fail "o-replaces-keeps-mode" "mode $(stat -c %a keep.md) or content wrong"
fi
# An export that fails leaves the file as it was and no temporary behind.
printf 'precious\n' >keep2.md
"$DOSSIER" -C "$TOP/content" export --from 2025-13-01 -o keep2.md 2>/dev/null
"$DOSSIER" -C "$TOP/content" export --query '"unbalanced' -o keep2.md 2>"$out/q.err"
st=$?
if [ $st -ne 0 ] && [ "$(cat keep2.md)" = precious ] &&
    ! ls -a | grep -qE '\.[A-Za-z0-9]{6}$'; then
	pass "o-failure-leaves-file"
else
	fail "o-failure-leaves-file" "exit $st, file '$(cat keep2.md)', dir: $(ls -a | tr '\n' ' ')"
fi
"$DOSSIER" -C "$TOP/content" export -o /nonexistent-dir/x.md 2>"$out/nodir.err"
st=$?
[ $st = 1 ] && grep -q '/nonexistent-dir/x.md' "$out/nodir.err" &&
    pass "o-bad-directory" || fail "o-bad-directory" "exit $st"
cd "$TOP" || exit 1

# Write errors are errors.
if [ -w /dev/full ]; then
	"$DOSSIER" -C "$TOP/content" export >/dev/full 2>"$out/full.err"
	st=$?
	[ $st = 1 ] && grep -q 'write error' "$out/full.err" &&
	    pass "write-error" || fail "write-error" "exit $st to /dev/full"
else
	echo "SKIP export-write-error: no /dev/full"
fi

# show prints each excerpt's source under it with its URL whole (a 307-
# character URL on its own line).
url=$(grep -o 'https://example.org/a-very-long[^ ]*' "$H/corpus.yaml")
"$DOSSIER" -C "$H" show plain-event >"$out/show.out"
if grep -qxF "    $url" "$out/show.out" &&
    grep -qxF "    — A source with a long URL, Example Press, 2025-06-16" \
    "$out/show.out"; then
	pass "show-source-url-whole"
else
	fail "show-source-url-whole" "$(cat "$out/show.out")"
fi
