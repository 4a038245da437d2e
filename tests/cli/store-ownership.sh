#!/bin/sh
# store-ownership.sh: dossier replaces or updates only a file it recognises
# as its own store (issue 11, items 1 and 2). A foreign SQLite database, a
# text file or a read-only file given to --db, or found at the cache's
# path, is refused with one line and exit 2, byte for byte unchanged; the
# temporaries of killed builds go on the next open, a live build's stay.
set -u

D=$DOSSIER
C=$TOP/content
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# refused NAME FILE [ARGS...]: dossier ARGS on --db FILE must refuse FILE.
refused() {
	name=$1
	f=$2
	shift 2
	cp -p "$f" "$TESTTMP/orig"
	"$D" -C "$C" --db "$f" "$@" >"$TESTTMP/out" 2>"$TESTTMP/err"
	rc=$?
	want="dossier: $f is not a dossier store; not touching it"
	if [ $rc != 2 ]; then
		fail "$name" "exit $rc, not 2: $(head -c 300 "$TESTTMP/err")"
	elif [ "$(cat "$TESTTMP/err")" != "$want" ]; then
		fail "$name" "stderr: $(head -c 300 "$TESTTMP/err")"
	elif [ -s "$TESTTMP/out" ]; then
		fail "$name" "printed something"
	elif ! cmp -s "$TESTTMP/orig" "$f"; then
		fail "$name" "the file changed"
	else
		pass "$name"
	fi
}

# Another program's SQLite database: its tables must survive.
foreign=$TESTTMP/foreign.db
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$foreign" "CREATE TABLE notes(t TEXT);
	    INSERT INTO notes VALUES ('keep me');"
	refused store-db-foreign-sqlite "$foreign" list
	refused store-db-foreign-sqlite-index "$foreign" index --force
	# Even one with a meta table of its own, but no schema of ours.
	sqlite3 "$foreign" "CREATE TABLE meta(key, value);
	    INSERT INTO meta VALUES ('schema', '6');"
	refused store-db-foreign-meta "$foreign" list
else
	echo "SKIP store-db-foreign-sqlite: no sqlite3 shell"
fi

# A text file, a read-only text file, and something that is not a file.
printf 'line one\nline two\n' >"$TESTTMP/notes.txt"
refused store-db-text-file "$TESTTMP/notes.txt" list
printf 'read only\n' >"$TESTTMP/ro.txt"
chmod 444 "$TESTTMP/ro.txt"
refused store-db-read-only-file "$TESTTMP/ro.txt" list
mkdir "$TESTTMP/adir"
"$D" -C "$C" --db "$TESTTMP/adir" list >/dev/null 2>"$TESTTMP/err"
rc=$?
if [ $rc = 2 ] && [ -d "$TESTTMP/adir" ] &&
    grep -q 'is not a dossier store' "$TESTTMP/err"; then
	pass store-db-directory
else
	fail store-db-directory "exit $rc: $(cat "$TESTTMP/err")"
fi

# The cache's own file, replaced by something else: the same rule.
"$D" -C "$C" list >/dev/null 2>&1
db=$(ls "$XDG_CACHE_HOME"/dossier/*.db)
printf 'not a store\n' >"$db"
cp "$db" "$TESTTMP/orig"
"$D" -C "$C" list >"$TESTTMP/out" 2>"$TESTTMP/err"
rc=$?
if [ $rc = 2 ] && cmp -s "$TESTTMP/orig" "$db" &&
    [ "$(cat "$TESTTMP/err")" = "dossier: $db is not a dossier store; not touching it" ]; then
	pass store-cache-foreign-file
else
	fail store-cache-foreign-file "exit $rc: $(cat "$TESTTMP/err")"
fi
rm -f "$db"

# Ours is still ours: a store of ours is rebuilt when stale, and so is an
# old one from before the application id (known by its meta table).
own=$TESTTMP/own.db
"$D" -C "$C" --db "$own" list >"$TESTTMP/expected"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$own" "PRAGMA application_id = 0;
	    UPDATE meta SET value = '1' WHERE key = 'schema';"
	"$D" -C "$C" --db "$own" list >"$TESTTMP/out" 2>"$TESTTMP/err"
	rc=$?
	v=$(sqlite3 "$own" "SELECT value FROM meta WHERE key = 'schema'")
	id=$(sqlite3 "$own" "PRAGMA application_id")
	if [ $rc = 0 ] && [ "$v" != 1 ] && [ "$id" != 0 ] &&
	    cmp -s "$TESTTMP/expected" "$TESTTMP/out"; then
		pass store-db-old-store-rebuilt
	else
		fail store-db-old-store-rebuilt "exit $rc, schema $v, id $id: $(cat "$TESTTMP/err")"
	fi
else
	echo "SKIP store-db-old-store-rebuilt: no sqlite3 shell"
fi
# An empty file holds nothing to lose (mktemp's): it becomes the store.
: >"$TESTTMP/empty.db"
if "$D" -C "$C" --db "$TESTTMP/empty.db" list >"$TESTTMP/out" 2>&1 &&
    cmp -s "$TESTTMP/expected" "$TESTTMP/out"; then
	pass store-db-empty-file-used
else
	fail store-db-empty-file-used "$(head -c 300 "$TESTTMP/out")"
fi

# Temporaries: a build killed mid-way leaves NAME.db.tmp.PID. The next
# open removes those whose process is gone, and only those.
dead_pid() {
	sh -c 'echo $$' >"$TESTTMP/pid"
	p=$(cat "$TESTTMP/pid")
	# Make sure: a pid that answers kill -0 is not dead.
	while kill -0 "$p" 2>/dev/null; do
		sh -c 'echo $$' >"$TESTTMP/pid"
		p=$(cat "$TESTTMP/pid")
	done
	echo "$p"
}
dead=$(dead_pid)
sleep 300 &
live=$!
cp "$own" "$own.tmp.$dead"
: >"$own.tmp.$dead-journal"
cp "$own" "$own.tmp.$live"
printf 'mine\n' >"$TESTTMP/own.db.tmp.1"
cp "$TESTTMP/own.db.tmp.1" "$TESTTMP/orig"
"$D" -C "$C" --db "$own" list >/dev/null 2>"$TESTTMP/err"
if [ -e "$own.tmp.$dead" ] || [ -e "$own.tmp.$dead-journal" ]; then
	fail store-dead-build-temporary-removed "$(ls "$TESTTMP")"
else
	pass store-dead-build-temporary-removed
fi
if [ -e "$own.tmp.$live" ]; then
	pass store-live-build-temporary-kept
else
	fail store-live-build-temporary-kept "$(ls "$TESTTMP")"
fi
# pid 1 is alive, and a file of that name that is not ours stays anyway.
if cmp -s "$TESTTMP/orig" "$TESTTMP/own.db.tmp.1"; then
	pass store-foreign-temporary-kept
else
	fail store-foreign-temporary-kept "$(ls "$TESTTMP")"
fi

# The cache directory: every store's dead temporaries go, live ones stay.
cdir=$XDG_CACHE_HOME/dossier
d2=$(dead_pid)
cp "$own" "$cdir/other-0123456789abcdef.db.tmp.$d2"
cp "$own" "$cdir/other-0123456789abcdef.db.tmp.$live"
"$D" -C "$C" list >/dev/null 2>"$TESTTMP/err"
left=$(ls "$cdir" | grep -c "tmp\.$d2")
if [ "$left" = 0 ] && [ -e "$cdir/other-0123456789abcdef.db.tmp.$live" ]; then
	pass store-cache-dead-temporaries-removed
else
	fail store-cache-dead-temporaries-removed "$(ls "$cdir")"
fi
kill $live 2>/dev/null
wait $live 2>/dev/null

# A build killed for real (kill -9) once its temporary exists: the
# temporary stays behind, and the next open removes it. A corpus of
# 60,000 events gives the build time to be caught; if it ends first
# nothing was left to test.
big=$TESTTMP/big
mkdir "$big"
awk 'BEGIN {
	print "events:"
	for (i = 0; i < 60000; i++)
		printf "  - {id: e%05d, date: 2024-%02d-%02d, title: \"Talks %d\"}\n",
		    i, i % 12 + 1, i % 28 + 1, i
}' >"$big/events.yaml"
kdb=$TESTTMP/killed.db
"$D" -C "$big" --db "$kdb" index >/dev/null 2>&1 &
kpid=$!
while [ ! -e "$kdb.tmp.$kpid" ] && kill -0 $kpid 2>/dev/null; do
	:
done
if kill -KILL $kpid 2>/dev/null; then
	wait $kpid 2>/dev/null
	if [ ! -e "$kdb.tmp.$kpid" ]; then
		fail store-killed-build-temporary-removed "no temporary left"
	else
		"$D" -C "$big" --db "$kdb" list --limit 1 >/dev/null 2>&1
		if [ -e "$kdb.tmp.$kpid" ] || [ -e "$kdb.tmp.$kpid-journal" ]; then
			fail store-killed-build-temporary-removed "$(ls "$TESTTMP")"
		else
			pass store-killed-build-temporary-removed
		fi
	fi
else
	wait $kpid 2>/dev/null
	echo "SKIP store-killed-build-temporary-removed: the build ended first"
fi
exit 0
