#!/bin/sh
# curator.sh: the curator's command line: `source` (what a source is, who
# quotes it, its text) and `check --watch` (a report on every change, by
# inotify and by the stat poll, ended by Ctrl-C with status 0).
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

fix=$TOP/tests/data/curator
out=$TESTTMP/curator
rm -rf "$out"
mkdir -p "$out"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# source: the metadata, the quoting events in timeline order, the text.
"$DOSSIER" -C "$fix" --db "$out/s.db" source wire >"$out/src.out" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q '^publisher: Coast Wire$' "$out/src.out" &&
    grep -q '^url:       https://example.org/wire/lighthouse$' "$out/src.out" &&
    grep -q '^quoted by 3 excerpts:$' "$out/src.out" &&
    [ "$(grep -c '^2024-03-0' "$out/src.out")" -eq 3 ] &&
    [ "$(grep '^2024-03-0' "$out/src.out" | cut -d' ' -f2 | tr '\n' ' ')" = \
      "closure-announced mayor-defends-closure fishermen-doubt " ] &&
    ! grep -q 'Harbour officials said' "$out/src.out"; then
	pass source-text
else
	fail source-text "status $st: $(head -c 600 "$out/src.out")"
fi

"$DOSSIER" -C "$fix" --db "$out/s.db" source wire --text >"$out/srct.out" 2>&1
if grep -q '^Harbour officials said on Monday that the old lighthouse$' \
    "$out/srct.out" && tail -n 1 "$out/srct.out" |
    grep -q 'left the night harbour dark\.$'; then
	pass source-with-text
else
	fail source-with-text "$(tail -n 3 "$out/srct.out")"
fi

"$DOSSIER" -C "$fix" --db "$out/s.db" source wire --text --json \
    >"$out/src.json" 2>&1
if /usr/bin/python3 - "$out/src.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["id"] == "wire" and d["publisher"] == "Coast Wire", d
assert [e["id"] for e in d["events"]] == ["closure-announced",
    "mayor-defends-closure", "fishermen-doubt"], d["events"]
assert d["events"][1]["note"].startswith("Typographic"), d["events"][1]
assert d["text"].startswith("Harbour officials said"), d["text"]
PY
then
	pass source-json
else
	fail source-json "$(head -c 400 "$out/src.json")"
fi

"$DOSSIER" -C "$fix" --db "$out/s.db" source radio --json >"$out/radio.json" 2>&1
if /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["text"] is None and d["url"] is None and len(d["events"]) == 1' "$out/radio.json"; then
	pass source-without-text
else
	fail source-without-text "$(cat "$out/radio.json")"
fi

"$DOSSIER" -C "$fix" --db "$out/s.db" source nosuch >"$out/none.out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q "^dossier: no source 'nosuch'$" "$out/none.out"; then
	pass source-unknown
else
	fail source-unknown "status $st: $(cat "$out/none.out")"
fi
"$DOSSIER" -C "$fix" --db "$out/s.db" source >"$out/noid.out" 2>&1
st=$?
[ $st -eq 2 ] && pass source-needs-id || fail source-needs-id "status $st"

# wait_lines FILE N: polls until FILE has N report lines (5 s at most).
wait_reports() {
	_n=0
	while [ "$_n" -lt 100 ]; do
		[ "$(grep -c ' events, .* errors\{0,1\}, ' "$1" 2>/dev/null)" -ge "$2" ] &&
		    return 0
		sleep 0.05
		_n=$((_n + 1))
	done
	return 1
}

# check --watch: one report at once, one for each change, status 0 on
# Ctrl-C. how: "" for inotify, "poll" for the stat poll.
watch_case() {
	name=$1 how=$2
	dir=$out/watch-$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -R "$fix"/. "$dir"/
	DOSSIER_WATCH=$how "$DOSSIER" -C "$dir" check --watch \
	    >"$out/$name.out" 2>"$out/$name.err" &
	pid=$!
	if ! wait_reports "$out/$name.out" 1; then
		fail "$name" "no first report: $(cat "$out/$name.err")"
		kill "$pid" 2>/dev/null
		return
	fi
	# A change that breaks the content: the report says so.
	sed 's/date: 2024-03-05/date: 2024-03-32/' "$dir/corpus.yaml" \
	    >"$dir/corpus.yaml.new" && mv "$dir/corpus.yaml.new" "$dir/corpus.yaml"
	if ! wait_reports "$out/$name.out" 2; then
		fail "$name" "no report after the first change"
		kill "$pid" 2>/dev/null
		return
	fi
	# And one that mends it, written in place.
	sed 's/date: 2024-03-32/date: 2024-03-05/' "$dir/corpus.yaml" \
	    >"$out/mended" && cat "$out/mended" >"$dir/corpus.yaml"
	if ! wait_reports "$out/$name.out" 3; then
		fail "$name" "no report after the second change"
		kill "$pid" 2>/dev/null
		return
	fi
	kill -INT "$pid"
	wait "$pid"
	st=$?
	reports=$(grep -c ' events, ' "$out/$name.out")
	if [ $st -eq 0 ] && [ "$reports" -eq 3 ] &&
	    grep -q 'corpus.yaml:[0-9]*:[0-9]*: error: .*2024-03-32' "$out/$name.err" &&
	    [ "$(grep ' events, ' "$out/$name.out" | sed -n 2p)" != \
	      "$(grep ' events, ' "$out/$name.out" | sed -n 3p)" ] &&
	    grep -q "($3)" "$out/$name.err"; then
		pass "$name"
	else
		fail "$name" "status $st, $reports reports: $(cat "$out/$name.out" "$out/$name.err")"
	fi
}

watch_case check-watch "" inotify
watch_case check-watch-poll poll poll
exit 0
