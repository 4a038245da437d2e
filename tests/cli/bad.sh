#!/bin/sh
# bad.sh: 'dossier check' over broken content. Each directory under
# tests/bad/ is a small content directory with a file 'expected' holding the
# exact lines expected on stderr, its own path written as DIR. For each:
# exit status 1, stderr equal to 'expected', the summary line on stdout
# agreeing with it. Cases that would be
# silly to commit (10,000-deep nesting, a 50 MB scalar, a symbolic link
# loop, an unreadable file) are made here, in TESTTMP.
#
# tests/data/edge/ holds valid oddities (a BOM, CRLF, empty files...) the
# same way: exit status 0 and only the warnings in 'expected'.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

work=$TESTTMP/bad
rm -rf "$work"
mkdir -p "$work"
failed=0
# No check here is bound to a time: a wall-clock limit (once a second)
# failed about one run in ten on a loaded 2-core machine, where the
# 65,537-event case takes three seconds (issue 11, item 22). How fast
# check is belongs to make bench; here each run only has to end, and a
# watchdog far above any honest time (a minute, times DOSSIER_TIME_SCALE
# for the sanitizers) turns a hang into a failure rather than a stuck
# suite. The milliseconds are printed for the curious.
watchdog_s=$((60 * ${DOSSIER_TIME_SCALE:-1}))
if command -v timeout >/dev/null 2>&1; then
	watch="timeout $watchdog_s"
else
	watch=
fi

pass() {
	echo "PASS $1"
}

fail() {
	echo "FAIL $1: $2"
	failed=1
}

# Milliseconds since the epoch, or nothing if date(1) cannot say.
now_ms() {
	ns=$(date +%s%N 2>/dev/null)
	case $ns in
	*[!0-9]* | "") ;;
	*) echo $((ns / 1000000)) ;;
	esac
}

# Replaces every occurrence of the string $P (not a pattern) with DIR/.
# Read from the environment, so that no character in the path is special.
subst_dir() {
	P=$1 awk '{
		p = ENVIRON["P"]
		out = ""
		while ((i = index($0, p)) > 0) {
			out = out substr($0, 1, i - 1) "DIR/"
			$0 = substr($0, i + length(p))
		}
		print out $0
	}'
}

plural() {
	[ "$1" -eq 1 ] || printf s
}

# check NAME DIR STATUS EXPECTED: runs 'dossier -C DIR check' and compares
# exit status, stderr (DIR for the directory) and the summary line.
check() {
	name=$1
	dir=$2
	want_status=$3
	want=$4
	t0=$(now_ms)
	$watch "$DOSSIER" -C "$dir" check >"$work/stdout" 2>"$work/stderr.raw"
	status=$?
	t1=$(now_ms)
	elapsed=
	[ -z "$t0" ] || [ -z "$t1" ] || elapsed=$((t1 - t0))
	subst_dir "$dir/" <"$work/stderr.raw" >"$work/stderr"
	nerr=$(grep -c ': error: ' "$want")
	nwarn=$(grep -c ': warning: ' "$want")
	summary="$dir: [0-9]+ events, [0-9]+ actors, [0-9]+ sources, [0-9]+ excerpts; $nerr error$(plural "$nerr"), $nwarn warning$(plural "$nwarn")"
	if [ -n "$watch" ] && [ $status -eq 124 ]; then
		fail "$name" "still running after $watchdog_s s (a hang?)"
	elif [ $status -ne "$want_status" ]; then
		fail "$name" "exit status $status, expected $want_status"
		sed 's/^/  stderr: /' "$work/stderr" | head -20
	elif ! cmp -s "$want" "$work/stderr"; then
		fail "$name" "stderr differs from $want"
		diff -u "$want" "$work/stderr" | head -40 | sed 's/^/  /'
	elif [ "$(wc -l <"$work/stdout")" -ne 1 ] ||
	    ! grep -Eqx -- "$summary" "$work/stdout"; then
		fail "$name" "summary line: $(cat "$work/stdout")"
		echo "  expected: /$summary/"
	else
		pass "$name"
	fi
}

# --- the committed fixtures -----------------------------------------------

n=0
for dir in "$TOP"/tests/bad/*/; do
	dir=${dir%/}
	[ -f "$dir/expected" ] || continue
	n=$((n + 1))
	check "bad/$(basename "$dir")" "$dir" 1 "$dir/expected"
done
if [ $n -lt 35 ]; then
	fail bad-fixtures "only $n fixtures under tests/bad (expected at least 35)"
fi

# Bytes that a careless checkout could normalise away.
has_bytes() {
	od -An -c "$1" | tr -d ' \n' | grep -qF -- "$2"
}
if has_bytes "$TOP/tests/bad/invalid-utf8/events.yaml" '377' &&
    has_bytes "$TOP/tests/bad/nul-byte/events.yaml" '\0' &&
    has_bytes "$TOP/tests/bad/control-char/events.yaml" '\a' &&
    has_bytes "$TOP/tests/data/edge/bom/events.yaml" '357273277' &&
    has_bytes "$TOP/tests/data/edge/crlf/events.yaml" '\r\n'; then
	pass fixture-bytes
else
	fail fixture-bytes "a fixture lost its special bytes (0xff, NUL, BEL, BOM, CR)"
fi

# --- fixtures made here ---------------------------------------------------

# mkcase NAME: a fresh content directory for a generated case.
mkcase() {
	case_dir=$work/$1
	rm -rf "$case_dir"
	mkdir -p "$case_dir"
}

# 10,000 nested lists: skipped without recursion, one error.
mkcase deep-nesting
awk 'BEGIN {
	printf "events: "
	for (i = 0; i < 10000; i++) printf "["
	for (i = 0; i < 10000; i++) printf "]"
	printf "\n"
}' >"$case_dir/events.yaml"
echo "DIR/events.yaml:1:10: error: expected event (a mapping with event fields), found a list" >"$work/deep.expected"
check generated/deep-nesting "$case_dir" 1 "$work/deep.expected"
echo "  (deep-nesting: ${elapsed:-?} ms)"

# A 50 MB title on one line: refused before parsing, quickly, at its line.
mkcase huge-scalar
{
	printf 'events:\n  - id: big\n    date: 2024-01-01\n    title: '
	dd if=/dev/zero bs=1048576 count=50 2>/dev/null | tr '\0' x
	printf '\n'
} >"$case_dir/events.yaml"
echo "DIR/events.yaml:4:1: error: line is longer than 1048576 bytes (the limit for one value)" >"$work/huge.expected"
check generated/huge-scalar "$case_dir" 1 "$work/huge.expected"
echo "  (huge-scalar: ${elapsed:-?} ms)"
rm -rf "$case_dir"

# 1,024 excerpts on one event: one over the store's limit, one error at it.
mkcase too-many-excerpts
awk 'BEGIN {
	print "sources:\n  - {id: s, title: S}\nevents:\n  - id: e\n    date: 2024-01-01\n    title: T\n    excerpts:"
	for (i = 0; i < 1024; i++) print "      - {source: s, quote: q}"
}' >"$case_dir/events.yaml"
echo "DIR/events.yaml:1031:9: error: an event has at most 1023 excerpts" >"$work/excerpts.expected"
check generated/too-many-excerpts "$case_dir" 1 "$work/excerpts.expected"
rm -rf "$case_dir"

# 65,537 events on one day without a time: one over the store's limit.
mkcase crowded-day
awk 'BEGIN {
	print "events:"
	for (i = 0; i <= 65536; i++)
		printf "  - {id: e%05d, date: 2024-01-01, title: T}\n", i
}' >"$case_dir/events.yaml"
echo "DIR/events.yaml:65538:10: error: more than 65536 events on 2024-01-01 without a time" >"$work/crowded.expected"
check generated/crowded-day "$case_dir" 1 "$work/crowded.expected"
rm -rf "$case_dir"

# A symbolic link back up the tree: reported once, the rest still read.
mkcase symlink-loop
mkdir -p "$case_dir/sub"
printf 'events:\n  - {id: e, date: 2024-01-01, title: T}\n' >"$case_dir/sub/events.yaml"
ln -s .. "$case_dir/sub/up"
echo "DIR/sub/up: error: symbolic link loop (skipped)" >"$work/loop.expected"
check generated/symlink-loop "$case_dir" 1 "$work/loop.expected"
if grep -q ' 1 events,' "$work/stdout"; then
	pass generated/symlink-loop-reads-once
else
	fail generated/symlink-loop-reads-once "$(cat "$work/stdout")"
fi

# Unreadable files: root reads everything, so there is nothing to test.
if [ "$(id -u)" -eq 0 ]; then
	echo "SKIP generated/unreadable-yaml: running as root"
	echo "SKIP generated/unreadable-text: running as root"
else
	mkcase unreadable-yaml
	printf 'events: []\n' >"$case_dir/events.yaml"
	chmod 000 "$case_dir/events.yaml"
	echo "DIR/events.yaml: error: cannot read: Permission denied" >"$work/unreadable.expected"
	check generated/unreadable-yaml "$case_dir" 1 "$work/unreadable.expected"
	chmod 600 "$case_dir/events.yaml"

	mkcase unreadable-text
	cat >"$case_dir/all.yaml" <<'EOF'
sources:
  - id: wire
    title: The Wire
    text: wire.txt
events:
  - id: first
    date: 2024-01-01
    title: The source text cannot be read
    excerpts:
      - source: wire
        quote: "Something was said."
EOF
	echo "Something was said." >"$case_dir/wire.txt"
	chmod 000 "$case_dir/wire.txt"
	echo "DIR/all.yaml:4:11: error: cannot read the text of source 'wire' (DIR/wire.txt): Permission denied" >"$work/text.expected"
	check generated/unreadable-text "$case_dir" 1 "$work/text.expected"
	chmod 600 "$case_dir/wire.txt"
fi

# --- valid oddities ---------------------------------------------------------

for dir in "$TOP"/tests/data/edge/*/; do
	dir=${dir%/}
	[ -f "$dir/expected" ] || continue
	check "edge/$(basename "$dir")" "$dir" 0 "$dir/expected"
done

# What the BOM and CRLF files hold comes through clean.
edge=$TOP/tests/data/edge
"$DOSSIER" -C "$edge/bom" list >"$work/bom.out" 2>&1
if [ "$(cat "$work/bom.out")" = "2024-01-01  --:-- first After a BOM" ]; then
	pass edge/bom-content
else
	fail edge/bom-content "$(od -c "$work/bom.out" | head -3)"
fi
"$DOSSIER" -C "$edge/crlf" show first >"$work/crlf.out" 2>&1
if grep -qx 'With CRLF line endings' "$work/crlf.out" &&
    grep -qx 'Two lines folded.' "$work/crlf.out" &&
    ! grep -q "$(printf '\r')" "$work/crlf.out"; then
	pass edge/crlf-content
else
	fail edge/crlf-content "$(od -c "$work/crlf.out" | head -5)"
fi

[ $failed -ne 0 ] || rm -rf "$work"
exit $failed
