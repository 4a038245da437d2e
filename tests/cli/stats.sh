#!/bin/sh
# stats.sh: `dossier stats` against `dossier list` under the same filters,
# for each --by, on two fixture corpora (tests/data/cli/stats has days and
# weeks without events, events without a time and a week 53; the corpus
# of commands.sh has approximate dates). The reference counts come from
# list's lines, mapped to weeks by GNU date's %G-W%V, not from dossier's
# own SQL. Also: the keys of a time series leave no gap, the JSON form
# says the same as the text, and text is plain when piped.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

out=$TESTTMP/stats
mkdir -p "$out"
failed=0

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failed=1; }

# ref CORPUS BY FILTERS...: "KEY COUNT" lines from list, by BY.
ref() {
	r_dir=$1
	r_by=$2
	shift 2
	"$DOSSIER" -C "$r_dir" list "$@" | cut -c1-10 >"$out/dates"
	case $r_by in
	day) cat "$out/dates" ;;
	month) cut -c1-7 "$out/dates" ;;
	week) while read -r d; do date -d "$d" +%G-W%V; done <"$out/dates" ;;
	esac | sort | uniq -c | awk '{ print $2, $1 }'
}

# check NAME CORPUS BY FILTERS...: stats --by BY agrees with list.
check() {
	c_name=$1
	c_dir=$2
	c_by=$3
	shift 3
	"$DOSSIER" -C "$c_dir" stats --by "$c_by" "$@" >"$out/stats.txt" \
	    2>"$out/stats.err"
	status=$?
	if [ $status -ne 0 ] || [ -s "$out/stats.err" ]; then
		fail "$c_name" "exit $status: $(cat "$out/stats.err")"
		return
	fi
	case $c_by in
	actor | tag)
		if ! command -v sqlite3 >/dev/null 2>&1; then
			echo "SKIP $c_name: no sqlite3 shell"
			return
		fi
		# KEY [NAME...] COUNT BAR: the count is the last number. The
		# reference: the actors (tags) of list's events, in its JSON.
		awk '{ for (i = NF; i > 1; i--) if ($i ~ /^[0-9]+$/) break
		    print $1, $i }' "$out/stats.txt" | sort >"$out/got"
		"$DOSSIER" -C "$c_dir" list --json "$@" >"$out/list.json"
		jp=$(printf '%s' "$out/list.json" | sed "s/'/''/g")
		sqlite3 :memory: "SELECT k.value || ' ' || count(*) FROM
		    json_each(readfile('$jp')) e, json_each(e.value -> '\$.${c_by}s') k
		    GROUP BY k.value ORDER BY 1" | sort >"$out/want"
		;;
	*)
		# Non-zero rows against list; the zero rows are counted apart.
		awk '$2 != 0 { print $1, $2 }' "$out/stats.txt" | sort >"$out/got"
		ref "$c_dir" "$c_by" "$@" >"$out/want"
		;;
	esac
	if ! cmp -s "$out/want" "$out/got"; then
		fail "$c_name" "stats --by $c_by $* differs from list"
		diff "$out/want" "$out/got" | sed 's/^/  /'
		return
	fi
	total=$(awk '{ for (i = NF; i > 1; i--) if ($i ~ /^[0-9]+$/) break
	    n += $i } END { print n + 0 }' "$out/stats.txt")
	listed=$("$DOSSIER" -C "$c_dir" list "$@" | wc -l)
	case $c_by in
	day | week | month)
		if [ "$total" -ne "$listed" ]; then
			fail "$c_name" "stats sums to $total, list has $listed"
			return
		fi
		;;
	esac
	pass "$c_name"
}

stats=$TOP/tests/data/cli/stats
corpus=$TOP/tests/data/cli/corpus
for by in day week month actor tag; do
	check "stats-$by" "$stats" $by
	check "stats-$by-corpus" "$corpus" $by
	check "stats-$by-actor" "$stats" $by --actor north
	check "stats-$by-all-actors" "$stats" $by --actor north --actor envoy
	check "stats-$by-any-actor" "$stats" $by --actor north --actor envoy \
	    --any-actor
	check "stats-$by-range" "$stats" $by --from 2020-12-31 --to 2021-01-20
	check "stats-$by-tag-corpus" "$corpus" $by --tag diplomacy \
	    --actor Borya --actor 'anna alpha'
done

# After an update: the counts the build keeps by day, actor and tag must
# follow a changed file (events moved to other days, actors and tags
# changed, one removed, one added), on the days it touched and no others.
upd=$out/upd
mkdir -p "$upd"
cp "$stats/actors.yaml" "$stats/events.yaml" "$upd/"
cat >"$upd/events-more.yaml" <<'EOF2'
events:
  - id: more-a
    date: 2021-01-04
    title: More talks
    actors: [north]
    tags: [talks]

  - id: more-b
    date: 2021-01-20
    title: A second incident
    actors: [south, envoy]
    tags: [border]

  - id: more-c
    date: 2022-06-01
    title: A quiet meeting
    actors: [envoy]
    tags: [travel]
EOF2
"$DOSSIER" -C "$upd" stats >/dev/null 2>&1
for by in day week month actor tag; do
	check "stats-$by-before-update" "$upd" $by
done
# The store of $upd (its cache file is named after the directory).
ino() { ls -i "${XDG_CACHE_HOME:?}"/dossier/upd-*.db 2>/dev/null | awk '{ print $1 }'; }
ino_before=$(ino)
cat >"$upd/events-more.yaml" <<'EOF2'
events:
  - id: more-a
    date: 2021-01-05
    title: More talks, a day later
    actors: [north, south]
    tags: [talks, border]

  - id: more-c
    date: 2022-06-01
    title: A quiet meeting
    actors: [north]
    tags: [talks]

  - id: more-d
    date: 2023-03-03
    title: A new meeting
    actors: [envoy, south]
    tags: [travel]
EOF2
for by in day week month actor tag; do
	check "stats-$by-after-update" "$upd" $by
	check "stats-$by-after-update-actor" "$upd" $by --actor south
	check "stats-$by-after-update-range" "$upd" $by --from 2021-01-04 \
	    --to 2022-12-31
done
# Updated in place, not built again (a failed update falls back to a
# build, which would hide stale kept counts).
if [ -n "$ino_before" ] && [ "$(ino)" = "$ino_before" ]; then
	pass stats-update-in-place
else
	fail stats-update-in-place "store $ino_before is now $(ino)"
fi

# keys NAME BY STEP: the keys of a time series come one after another,
# from the first event's to the last's.
"$DOSSIER" -C "$stats" stats --by day >"$out/day.txt"
first=$(head -n 1 "$out/day.txt" | cut -d' ' -f1)
last=$(tail -n 1 "$out/day.txt" | cut -d' ' -f1)
n=$(wc -l <"$out/day.txt")
days=$(( ($(date -d "$last" +%s) - $(date -d "$first" +%s)) / 86400 + 1 ))
if [ "$first" = 2020-12-28 ] && [ "$last" = 2024-12-30 ] && [ "$n" -eq "$days" ] &&
    grep -q '^2020-12-29 0$' "$out/day.txt"; then
	pass stats-day-no-gaps
else
	fail stats-day-no-gaps "$n rows from $first to $last, expected $days"
fi
"$DOSSIER" -C "$stats" stats --by week >"$out/week.txt"
if [ "$(head -n 3 "$out/week.txt" | cut -d' ' -f1,2 | tr '\n' ' ')" = \
    "2020-W53 3 2021-W01 2 2021-W02 0 " ] &&
    grep -q '^2025-W01 1 ' "$out/week.txt" &&
    [ "$(grep -c '^2022-W' "$out/week.txt")" -eq 52 ]; then
	pass stats-week-iso
else
	fail stats-week-iso "ISO weeks wrong: $(head -n 3 "$out/week.txt" | tr '\n' '|')"
fi
"$DOSSIER" -C "$stats" stats --by month >"$out/month.txt"
if [ "$(wc -l <"$out/month.txt")" -eq 49 ] &&
    grep -q '^2021-02 0$' "$out/month.txt"; then
	pass stats-month-no-gaps
else
	fail stats-month-no-gaps "expected 49 months, 2021-02 at 0"
fi

# JSON: the same counts as the text, with names for actors.
"$DOSSIER" -C "$stats" stats --by actor --json >"$out/actor.json"
if command -v sqlite3 >/dev/null 2>&1; then
	jp=$(printf '%s' "$out/actor.json" | sed "s/'/''/g")
	got=$(sqlite3 :memory: "SELECT group_concat(j.value ->> 'key' || ' ' ||
	    (j.value ->> 'name') || ' ' || (j.value ->> 'count'), ',')
	    FROM json_each(readfile('$jp')) j")
	if [ "$got" = "north Northland 5,south Southland 5,envoy Erik Envoy 4" ]; then
		pass stats-json-actor
	else
		fail stats-json-actor "got '$got'"
	fi
else
	echo "SKIP stats-json-actor: no sqlite3 shell"
fi
"$DOSSIER" -C "$stats" stats --by week --json --actor envoy >"$out/week.json"
if [ "$(sed -n 2p "$out/week.json")" = '  {"key":"2020-W53","count":1},' ] &&
    [ "$(tail -n 1 "$out/week.json")" = ']' ]; then
	pass stats-json-week
else
	fail stats-json-week "unexpected: $(head -n 3 "$out/week.json")"
fi

# Piped, the bars are plain '#'; the longest is 40.
if grep -q '^north *Northland *5 #\{40\}$' "$out/../stats/actor.txt" 2>/dev/null ||
    "$DOSSIER" -C "$stats" stats --by actor | grep -q '^north  *Northland  *5 #\{40\}$'; then
	pass stats-text-plain
else
	fail stats-text-plain "$("$DOSSIER" -C "$stats" stats --by actor | head -n 2)"
fi

# Usage errors.
"$DOSSIER" -C "$stats" stats --by year >/dev/null 2>"$out/by.err"
if [ $? -eq 2 ] && grep -q "year" "$out/by.err"; then
	pass stats-by-unknown
else
	fail stats-by-unknown "$(cat "$out/by.err")"
fi

[ $failed -ne 0 ] || rm -rf "$out"
exit $failed
