#!/bin/sh
# update.sh: a curator's usual edits of one file (a comment, an event
# added to, edited in and removed from the middle) update the store in
# place, and leave no stale number, count or place behind: what list,
# search, actors and stats print from the updated store is what they print
# from a store built afresh from the same files.
set -u

D=$DOSSIER
C=$TESTTMP/content
U=$TESTTMP/updated.db
F=$TESTTMP/fresh.db
M=$C/events-2025-06.yaml
cp -R "$TOP/content" "$C"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# Everything the commands say of the store db, one file per command.
dump() {
	"$D" -C "$C" --db "$1" list --json >"$2.list" 2>&1
	"$D" -C "$C" --db "$1" list --from 2025-06-20 --limit 7 --json \
	    >"$2.range" 2>&1
	"$D" -C "$C" --db "$1" search iran --limit 30 --json >"$2.search" 2>&1
	"$D" -C "$C" --db "$1" search '"nuclear talks"' --json \
	    >>"$2.search" 2>&1
	"$D" -C "$C" --db "$1" actors --json >"$2.actors" 2>&1
	"$D" -C "$C" --db "$1" stats --by day --json >"$2.stats" 2>&1
	"$D" -C "$C" --db "$1" stats --json >>"$2.stats" 2>&1
	"$D" -C "$C" --db "$1" stats --by actor --json >>"$2.stats" 2>&1
	"$D" -C "$C" --db "$1" stats --by tag --json >>"$2.stats" 2>&1
}

# After an edit: the updated store (the same file, updated in place)
# against a fresh one.
check() {
	name=$1
	ino=$(stat -c %i "$U")
	dump "$U" "$TESTTMP/u"
	rm -f "$F"
	dump "$F" "$TESTTMP/f"
	for k in list range search actors stats; do
		if ! cmp -s "$TESTTMP/u.$k" "$TESTTMP/f.$k"; then
			fail "$name" "$k differs from a fresh build:
$(diff "$TESTTMP/f.$k" "$TESTTMP/u.$k" | head -n 10)"
			return
		fi
	done
	if [ "$(stat -c %i "$U")" != "$ino" ]; then
		fail "$name" "the store was rebuilt, not updated"
	elif ! grep -q '"id"' "$TESTTMP/u.list"; then
		fail "$name" "no events listed: $(head -c 300 "$TESTTMP/u.list")"
	else
		pass "$name"
	fi
}

# The n-th event (1-based) of file $M starts at line ...
event_line() {
	grep -n '^  - id: ' "$M" | sed -n "${1}p" | cut -d: -f1
}

"$D" -C "$C" --db "$U" index >/dev/null 2>&1 ||
    fail update-first-build "index failed"

printf '# a comment at the end\n' >>"$M"
check update-comment

# An event added before the 20th: the events after it in the file move
# down, and it joins a day in the middle of the timeline.
n=$(event_line 20)
date=$(sed -n "$((n + 1))p" "$M")
awk -v n="$n" -v date="$date" 'NR == n {
    print "  - id: update-test-added"; print date
    print "    title: An added event about Iran"
    print "    actors: [iran, russia]"; print "    tags: [military]" }
    { print }' "$M" >"$M.new" && mv "$M.new" "$M"
check update-event-added

# A title edited in place.
n=$(event_line 10)
awk -v n="$n" 'NR > n && !done && /^    title: / { sub(/title: /,
    "title: Edited, "); done = 1 } { print }' "$M" >"$M.new" &&
    mv "$M.new" "$M"
check update-title-edited

# The added event removed again, then one of the file's own.
awk '/^  - id: update-test-added$/ { skip = 1; next }
    skip && /^  - id: / { skip = 0 } !skip { print }' "$M" >"$M.new" &&
    mv "$M.new" "$M"
check update-event-removed
n=$(event_line 15)
e=$(event_line 16)
awk -v n="$n" -v e="$e" 'NR < n || NR >= e' "$M" >"$M.new" &&
    mv "$M.new" "$M"
check update-own-event-removed
