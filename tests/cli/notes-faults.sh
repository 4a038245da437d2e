#!/bin/sh
# notes-faults.sh: what the user wrote survives what goes wrong around it:
# a foreign or a corrupt --notes file is refused with one line and left
# byte for byte as it was; a read-only data directory and a full disk
# (ulimit -f) give a clear message and lose nothing saved before; two
# command lines writing at once lose nothing and wait less than the busy
# timeout (the 500-a-side version is in tests/unit/test-notes.c).
set -u
: "${TOP:?}" "${DOSSIER:?}" "${TESTTMP:?}" "${XDG_DATA_HOME:?}"

C=$TOP/tests/data/cli/corpus
D() { "$DOSSIER" -C "$C" "$@"; }
out=$TESTTMP/out
err=$TESTTMP/err
db=$XDG_DATA_HOME/dossier/notes.db

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# refused NAME FILE: every command on FILE exits 1 with one line naming
# --notes, and FILE is unchanged.
refused() {
	r_name=$1 r_file=$2
	cp "$r_file" "$TESTTMP/before"
	r_ok=1
	for r_cmd in "mark secret-letter" "note secret-letter x" "notes" \
	    "list --marked" "view save v" "notes import /dev/null"; do
		# shellcheck disable=SC2086
		D --notes "$r_file" $r_cmd >"$out" 2>"$err"
		r_rc=$?
		if [ $r_rc != 1 ] || [ "$(wc -l <"$err")" != 1 ] ||
		    ! grep -q -- "--notes" "$err"; then
			fail "$r_name" "'$r_cmd': exit $r_rc: $(cat "$err")"
			r_ok=0
			break
		fi
	done
	if [ $r_ok = 1 ] && ! cmp -s "$r_file" "$TESTTMP/before"; then
		fail "$r_name" "the file changed"
		r_ok=0
	fi
	[ $r_ok = 1 ] && pass "$r_name"
}

sqlite3 "$TESTTMP/foreign.db" "CREATE TABLE entry(x); INSERT INTO entry VALUES (42);"
refused notes-foreign-sqlite-refused "$TESTTMP/foreign.db"
printf 'my own notes, not a database\n' >"$TESTTMP/text.db"
refused notes-text-file-refused "$TESTTMP/text.db"

# A notes.db of ours, cut short, and one with its pages scrambled.
i=0
while [ $i -lt 60 ]; do
	i=$((i + 1))
	printf 'notes:\n  - event: orphan-%d\n    marked: true\n    note: "%s"\n    updated: 2025-06-13T04:00:00Z\n' \
	    $i "$(head -c 300 /dev/zero | tr '\0' n)" >>"$TESTTMP/many.yaml"
done
sed '1!{/^notes:$/d}' "$TESTTMP/many.yaml" >"$TESTTMP/many1.yaml"
D --notes "$TESTTMP/cut.db" notes import "$TESTTMP/many1.yaml" >/dev/null
size=$(stat -c %s "$TESTTMP/cut.db")
cp "$TESTTMP/cut.db" "$TESTTMP/scrambled.db"
truncate -s $((size / 2)) "$TESTTMP/cut.db"
refused notes-truncated-refused "$TESTTMP/cut.db"
# Pages 2 on overwritten, the header (and our id in it) intact.
head -c $((size - 4096)) /dev/urandom |
    dd of="$TESTTMP/scrambled.db" bs=4096 seek=1 conv=notrunc 2>/dev/null
refused notes-scrambled-refused "$TESTTMP/scrambled.db"
if grep -q "corrupt" "$err" && grep -q "left as it is" "$err"; then
	pass notes-corrupt-says-so
else
	fail notes-corrupt-says-so "$(cat "$err")"
fi

# --- a full disk: ulimit -f on the writer -------------------------------
D mark joint-statement secret-letter
D note closing-remarks "saved before the disk filled"
D notes --json >"$TESTTMP/before.json"
# SIGXFSZ ignored, so that the write fails with EFBIG instead of killing.
head -c 3000000 /dev/zero | tr '\0' x >"$TESTTMP/big"
(trap '' XFSZ; ulimit -f 400; "$DOSSIER" -C "$C" note treaty-signed - \
    <"$TESTTMP/big") >"$out" 2>"$err"
rc=$?
D notes --json >"$TESTTMP/after.json"
ic=$(sqlite3 "$db" "PRAGMA integrity_check")
if [ $rc = 1 ] && [ "$(wc -l <"$err")" = 1 ] && grep -q "full" "$err" &&
    cmp -s "$TESTTMP/before.json" "$TESTTMP/after.json" && [ "$ic" = ok ]; then
	pass notes-disk-full
else
	fail notes-disk-full "exit $rc, integrity $ic: $(cat "$err")"
fi
# And once there is room again, it saves.
if D note treaty-signed "room again" && D notes | grep -q "treaty-signed - room again"; then
	pass notes-disk-room-again
else
	fail notes-disk-room-again "not saved"
fi

# --- a read-only data directory -----------------------------------------
# As root, permissions do not bind: run as nobody from a directory nobody
# can reach.
D notes --json >"$TESTTMP/before.json"
ro() { "$@"; }
w=$TESTTMP
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null; then
		echo "SKIP notes-read-only-dir: root without setpriv"
		w=
	else
		w=$(mktemp -d "${TMPDIR:-/tmp}/dossier-ro.XXXXXX")
		chmod 755 "$w"
		ro() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	fi
fi
if [ -n "$w" ]; then
	mkdir -p "$w/data/dossier"
	cp "$db" "$w/data/dossier/notes.db"
	D --db "$w/store.db" list >/dev/null
	[ "$(id -u)" = 0 ] && chown -R 65534 "$w/data" "$w/store.db"
	chmod 555 "$w/data/dossier"
	cp "$w/data/dossier/notes.db" "$TESTTMP/ro-before.db"
	ro env XDG_DATA_HOME="$w/data" XDG_CONFIG_HOME="$w/config" "$DOSSIER" -C "$C" --db "$w/store.db" \
	    note secret-letter "lost?" >"$out" 2>"$err"
	rc=$?
	if [ $rc = 1 ] && [ "$(wc -l <"$err")" = 1 ] &&
	    grep -q "read-only" "$err" &&
	    cmp -s "$w/data/dossier/notes.db" "$TESTTMP/ro-before.db"; then
		pass notes-read-only-dir
	else
		fail notes-read-only-dir "exit $rc: $(cat "$err")"
	fi
	chmod 755 "$w/data/dossier"
	if "$DOSSIER" -C "$C" --notes "$w/data/dossier/notes.db" notes --json |
	    cmp -s - "$TESTTMP/before.json"; then
		pass notes-read-only-nothing-lost
	else
		fail notes-read-only-nothing-lost "notes differ"
	fi
	[ "$w" != "$TESTTMP" ] && rm -rf "$w"
fi

# --- two command lines writing at once ----------------------------------
N=${NOTES_PAIR:-60}
writer() {
	k=0
	while [ $k -lt "$N" ]; do
		k=$((k + 1))
		t0=$(date +%s%N)
		D note "$1" "$2-$k" 2>>"$TESTTMP/$2.err" ||
		    echo "change $k failed" >>"$TESTTMP/$2.err"
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000000)) >>"$TESTTMP/$2.ms"
	done
}
: >"$TESTTMP/a.err"
: >"$TESTTMP/b.err"
writer joint-statement a &
pa=$!
writer secret-letter b &
pb=$!
wait $pa $pb
worst=$(sort -n "$TESTTMP/a.ms" "$TESTTMP/b.ms" | tail -n 1)
if [ ! -s "$TESTTMP/a.err" ] && [ ! -s "$TESTTMP/b.err" ] &&
    D notes | grep -q "joint-statement \* a-$N\$" &&
    D notes | grep -q "secret-letter \* b-$N\$" && [ "$worst" -lt 5000 ]; then
	pass "notes-two-writers ($N each, slowest ${worst} ms)"
else
	fail notes-two-writers "slowest $worst ms: $(cat "$TESTTMP/a.err" "$TESTTMP/b.err")"
fi
