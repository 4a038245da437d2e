#!/bin/sh
# store-faults.sh: a broken, old, locked or unwritable cache never stops
# dossier: it rebuilds (or falls back to memory with one warning), answers
# correctly, and never writes to the content.
set -u

D=$DOSSIER
C=$TESTTMP/content
cp -R "$TOP/content" "$C"
# Content must never be written: fingerprint every file, mtimes included.
sum_content() {
	find "$C" -type f -exec stat -c '%n %s %Y' {} + | sort
	find "$C" -type f -exec cat {} + | cksum
}
before=$(sum_content)
expected=$("$D" -C "$TOP/content" --db "$TESTTMP/ref.db" list)
db=$(ls "$XDG_CACHE_HOME"/dossier/*.db 2>/dev/null | head -n 1)

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# list must print the expected timeline; stderr is kept for checks.
run_list() {
	"$D" -C "$C" list >"$TESTTMP/out" 2>"$TESTTMP/err"
	echo $? >"$TESTTMP/rc"
}
check_list() {
	name=$1
	if [ "$(cat "$TESTTMP/rc")" != 0 ]; then
		fail "$name" "exit $(cat "$TESTTMP/rc"): $(cat "$TESTTMP/err")"
	elif [ "$(cat "$TESTTMP/out")" != "$expected" ]; then
		fail "$name" "wrong timeline"
	elif [ -s "$TESTTMP/err" ]; then
		fail "$name" "unexpected stderr: $(cat "$TESTTMP/err")"
	else
		pass "$name"
	fi
}

run_list
check_list store-first-build
db=$(ls "$XDG_CACHE_HOME"/dossier/*.db)

# A truncated cache.
size=$(stat -c %s "$db")
truncate -s $((size / 2)) "$db"
run_list
check_list store-truncated-cache

# A cache full of random bytes is not recognisably ours: it is left alone
# (exit 2, one line), as --db does with any file not ours.
head -c "$size" /dev/urandom >"$db"
cp "$db" "$TESTTMP/random"
run_list
if [ "$(cat "$TESTTMP/rc")" = 2 ] && cmp -s "$db" "$TESTTMP/random" &&
    grep -q 'is not a dossier store; not touching it' "$TESTTMP/err"; then
	pass store-random-cache-kept
else
	fail store-random-cache-kept "exit $(cat "$TESTTMP/rc"): $(cat "$TESTTMP/err")"
fi
rm -f "$db"

# An empty cache file.
: >"$db"
run_list
check_list store-empty-cache

# A cache from an older schema version.
sqlite3 "$db" "UPDATE meta SET value = '1' WHERE key = 'schema'" 2>/dev/null
run_list
check_list store-old-schema
v=$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'schema'")
if [ "$v" != 1 ]; then
	pass store-old-schema-rebuilt
else
	fail store-old-schema-rebuilt "schema still 1"
fi

# A cache locked by another process (an exclusive transaction held open).
if command -v sqlite3 >/dev/null 2>&1; then
	{ echo "BEGIN EXCLUSIVE; DELETE FROM meta;"; sleep 4; echo "ROLLBACK;"; } |
	    sqlite3 "$db" &
	lock=$!
	sleep 0.5
	run_list
	check_list store-locked-cache
	kill $lock 2>/dev/null
	wait $lock 2>/dev/null
else
	echo "SKIP store-locked-cache: no sqlite3 shell"
fi

# A content change while the cache is locked: update or rebuild, never fail.
echo "# touched" >>"$C/sources.yaml"
before=$(sum_content)
{ echo "BEGIN EXCLUSIVE; SELECT 1;"; sleep 4; echo "ROLLBACK;"; } |
    sqlite3 "$db" >/dev/null &
lock=$!
sleep 0.5
run_list
check_list store-locked-and-stale
kill $lock 2>/dev/null
wait $lock 2>/dev/null

# A cache that cannot be written: in memory, with exactly one warning.
XDG_CACHE_HOME=$TESTTMP/not-a-dir/x
: >"$TESTTMP/not-a-dir"
"$D" -C "$C" list >"$TESTTMP/out" 2>"$TESTTMP/err"
rc=$?
n=$(grep -c 'warning:' "$TESTTMP/err")
if [ $rc = 0 ] && [ "$(cat "$TESTTMP/out")" = "$expected" ] && [ "$n" = 1 ] &&
    grep -q 'in memory' "$TESTTMP/err"; then
	pass store-unwritable-cache
else
	fail store-unwritable-cache "exit $rc, $n warnings: $(cat "$TESTTMP/err")"
fi
XDG_CACHE_HOME=$TESTTMP/cache

# Two instances at once on a changed corpus: both answer correctly.
echo "# again" >>"$C/actors.yaml"
before=$(sum_content)
for i in 1 2 3 4; do
	"$D" -C "$C" list >"$TESTTMP/out$i" 2>"$TESTTMP/err$i" &
done
wait
ok=1
for i in 1 2 3 4; do
	if [ "$(cat "$TESTTMP/out$i")" != "$expected" ] || [ -s "$TESTTMP/err$i" ]; then
		ok=0
		why="instance $i: $(head -c 300 "$TESTTMP/err$i")"
	fi
done
if [ $ok = 1 ]; then
	pass store-concurrent-instances
else
	fail store-concurrent-instances "$why"
fi
leftover=$(ls "$XDG_CACHE_HOME"/dossier | grep -c tmp)
if [ "$leftover" = 0 ]; then
	pass store-no-temporary-files-left
else
	fail store-no-temporary-files-left "$(ls "$XDG_CACHE_HOME"/dossier)"
fi

# A cache rebuilt by a second instance while the first one reads it.
"$D" -C "$C" --db "$TESTTMP/shared.db" list >/dev/null
echo "# third" >>"$C/sources.yaml"
before=$(sum_content)
"$D" -C "$C" --db "$TESTTMP/shared.db" list >"$TESTTMP/out" 2>"$TESTTMP/err"
if [ "$(cat "$TESTTMP/out")" = "$expected" ]; then
	pass store-db-option-updated
else
	fail store-db-option-updated "$(cat "$TESTTMP/err")"
fi

after=$(sum_content)
if [ "$before" = "$after" ]; then
	pass store-content-never-written
else
	fail store-content-never-written "content files changed"
fi
