#!/bin/sh
# provenance.sh: checks that every quote in content/ really comes from the
# article it cites. The articles are not in the repository; they live in
# ../shared/seeds (as in CI), and without them the test says SKIP.
#
# Two results:
#   provenance        dossier's own check, run on a copy of content/ whose
#                     sources point (text:) at the seed files named in
#                     tests/data/provenance.tsv; quotes are compared after
#                     folding whitespace, quotes, apostrophes and dashes.
#   provenance-lines  without dossier (python3 + PyYAML): each quote must lie
#                     byte for byte within ONE line of its seed file, so no
#                     quote runs across paragraphs or the junk between them.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

seeds=$TOP/../shared/seeds
map=$TOP/tests/data/provenance.tsv

if [ ! -d "$seeds" ]; then
	echo "SKIP provenance: ../shared/seeds not found"
	exit 0
fi
seeds=$(cd "$seeds" && pwd)
failed=0

# --- provenance: dossier check against the seed files --------------------

copy=$TESTTMP/content
rm -rf "$copy"
cp -R "$TOP/content" "$copy"

# Insert "    text: SEEDS/FILE" after each "  - id: SOURCEID" line of the map.
find "$copy" -name '*.yaml' -type f | while IFS= read -r f; do
	awk -v seeds="$seeds" '
		NR == FNR {
			n = split($0, kv, "\t")
			if (n >= 2 && kv[1] != "")
				file[kv[1]] = kv[2]
			next
		}
		{ print }
		/^  - id: / {
			id = substr($0, 9)
			sub(/[ \t\r]+$/, "", id)
			if (id in file)
				print "    text: " seeds "/" file[id]
		}' "$map" "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done

# Every mapped source must exist in content/ and every seed file on disk;
# otherwise a quote could go unchecked without anyone noticing.
why=
tab=$(printf '\t')
while IFS="$tab" read -r id file; do
	[ -n "$id" ] || continue
	if [ ! -f "$seeds/$file" ]; then
		why="$why seed file '$file' (for '$id') not found;"
	elif ! find "$copy" -name '*.yaml' -type f -exec cat {} + |
	    grep -xF "    text: $seeds/$file" >/dev/null; then
		why="$why source '$id' not found in content/ as '  - id: $id';"
	fi
done <"$map"

out=$TESTTMP/provenance.out
"$DOSSIER" -C "$copy" check >"$out" 2>&1
status=$?
if [ -n "$why" ]; then
	echo "FAIL provenance:$why"
	failed=1
elif [ $status -ne 0 ] || grep -q 'error:' "$out"; then
	echo "FAIL provenance: dossier check exited $status"
	cat "$out"
	failed=1
else
	echo "PASS provenance"
fi

# --- provenance-lines: each quote within one line of its seed -------------

if ! command -v python3 >/dev/null 2>&1 ||
    ! python3 -c 'import yaml' >/dev/null 2>&1; then
	echo "SKIP provenance-lines: python3 with PyYAML not available"
	exit $failed
fi

if ! python3 - "$TOP/content" "$seeds" "$map" <<'EOF'
import os, sys
import yaml

content, seeds, mapfile = sys.argv[1:4]
seedof = {}
with open(mapfile, encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[0]:
            seedof[parts[0]] = parts[1]

lines = {}
def seed_lines(source):
    if source not in lines:
        with open(os.path.join(seeds, seedof[source]), encoding="utf-8") as f:
            lines[source] = f.read().split("\n")
    return lines[source]

problems = []
nquotes = 0
for root, dirs, files in os.walk(content):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".yaml"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, content)
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f) or {}
        except Exception as e:
            problems.append("%s: cannot read: %s" % (rel, e))
            continue
        for ev in doc.get("events") or []:
            for ex in ev.get("excerpts") or []:
                src, quote = ex.get("source"), ex.get("quote")
                where = "%s: event '%s'" % (rel, ev.get("id"))
                if src not in seedof:
                    problems.append("%s: source '%s' has no seed file in "
                                    "tests/data/provenance.tsv" % (where, src))
                    continue
                if not isinstance(quote, str) or not quote.strip():
                    problems.append("%s: empty quote" % where)
                    continue
                nquotes += 1
                if not any(quote in l for l in seed_lines(src)):
                    problems.append("%s: quote not within one line of %s: %.70s"
                                    % (where, seedof[src], quote))

if problems:
    print("FAIL provenance-lines: %d problem(s)" % len(problems))
    for p in problems:
        print("  " + p)
    sys.exit(1)
if nquotes == 0:
    print("FAIL provenance-lines: no quotes found in content/")
    sys.exit(1)
print("PASS provenance-lines")
EOF
then
	failed=1
fi
exit $failed
