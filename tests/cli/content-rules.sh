#!/bin/sh
# content-rules.sh: the editorial rules of content/README.md that dossier
# itself does not enforce, checked over the bundled content with
# /usr/bin/python3 and PyYAML (python3-yaml, in .ci/deps):
#
#   content-rules-quotes   no quote runs over 30 words (split on spaces)
#   content-rules-basis    every approximate event says "Date basis:" in
#                          its summary or in one of its excerpts' notes
#   content-rules-aliases  no alias of one actor is the name or an alias of
#                          another (compared without case)
#   content-rules-order    in `dossier list`, each day lists its untimed
#                          events first and then its timed ones by time
#
# Each rule is first run on a small broken corpus made here, and must fail
# there with the expected message: a check that cannot fail proves nothing.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

py=/usr/bin/python3
if [ ! -x "$py" ] || ! "$py" -c 'import yaml' >/dev/null 2>&1; then
	echo "SKIP content-rules: /usr/bin/python3 with PyYAML not available"
	exit 0
fi

work=$TESTTMP/content-rules
rm -rf "$work"
mkdir -p "$work/bad"
failed=0

# The checker: RULE DIR LISTFILE; prints one line per problem, exits 1 if
# there is any. LISTFILE is `dossier list` output for the order rule.
cat >"$work/rules.py" <<'EOF'
import os, sys
import yaml

rule, content, listfile = sys.argv[1:4]
problems = []

def docs():
    for root, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".yaml"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    yield os.path.relpath(path, content), yaml.safe_load(f) or {}

def events():
    for rel, doc in docs():
        for ev in doc.get("events") or []:
            yield rel, ev

if rule == "quotes":
    for rel, ev in events():
        for ex in ev.get("excerpts") or []:
            n = len(str(ex.get("quote", "")).split())
            if n > 30:
                problems.append("%s: event '%s': a quote of %d words "
                                "(at most 30)" % (rel, ev.get("id"), n))
elif rule == "basis":
    for rel, ev in events():
        if ev.get("approximate") is not True:
            continue
        texts = [ev.get("summary") or ""]
        texts += [ex.get("note") or "" for ex in ev.get("excerpts") or []]
        if not any("Date basis:" in t for t in texts):
            problems.append("%s: approximate event '%s' does not state its "
                            "basis ('Date basis:')" % (rel, ev.get("id")))
elif rule == "aliases":
    owner = {}
    for rel, doc in docs():
        for a in doc.get("actors") or []:
            for n in [a.get("name")] + list(a.get("aliases") or []):
                owner.setdefault(str(n).casefold(), set()).add(a.get("id"))
    for rel, doc in docs():
        for a in doc.get("actors") or []:
            for al in a.get("aliases") or []:
                others = owner.get(str(al).casefold(), set()) - {a.get("id")}
                if others:
                    problems.append("%s: alias '%s' of '%s' also names %s"
                                    % (rel, al, a.get("id"),
                                       ", ".join(sorted(others))))
elif rule == "order":
    # Lines: DATE[~] HH:MM|--:-- ID TITLE
    last = {}
    with open(listfile, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            date, time, eid = parts[0].rstrip("~"), parts[1], parts[2]
            t = "" if time == "--:--" else time
            prev = last.get(date)
            if prev is not None and t < prev[0]:
                problems.append("%s: '%s' (%s) is listed after '%s' (%s)"
                                % (date, eid, time, prev[1], prev[0] or "--:--"))
            last[date] = (t, eid)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

# One broken corpus with a fault for each rule.
cat >"$work/bad/bad.yaml" <<'EOF'
actors:
  - {id: ruritania, name: Ruritania, kind: state, aliases: [Strelsau]}
  - {id: strelsau, name: Strelsau, kind: organization}
sources:
  - {id: gazette, title: The Gazette}
events:
  - id: long-quote
    date: 2025-06-13
    title: A long quote
    excerpts:
      - source: gazette
        quote: "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one"
  - id: no-basis
    date: 2025-06-14
    approximate: true
    title: An approximate date with no basis
    summary: Placed on this day for no stated reason.
EOF
printf '%s\n' '2025-06-13 09:00 b-early B' '2025-06-13 --:-- a-untimed A' \
    '2025-06-14 12:00 c-noon C' '2025-06-14 08:00 d-morning D' \
    >"$work/bad/list.txt"

# Runs rule $1 on the broken corpus and expects a failure matching $2.
expect_fail() {
	if "$py" "$work/rules.py" "$1" "$work/bad" "$work/bad/list.txt" \
	    >"$work/$1.bad" 2>&1; then
		echo "FAIL content-rules-$1: the check passes a corpus that breaks it"
		failed=1
		return 1
	fi
	if ! grep -q "$2" "$work/$1.bad"; then
		echo "FAIL content-rules-$1: unexpected report on the broken corpus:"
		sed 's/^/  /' "$work/$1.bad"
		failed=1
		return 1
	fi
	return 0
}

# The bundled content, listed as the reader orders it.
list=$work/list.txt
if ! "$DOSSIER" -C "$TOP/content" --db "$work/db" list >"$list" 2>"$work/list.err"
then
	echo "FAIL content-rules-order: dossier list failed:"
	sed 's/^/  /' "$work/list.err"
	failed=1
fi

check() {
	rule=$1
	pattern=$2
	expect_fail "$rule" "$pattern" || return
	if "$py" "$work/rules.py" "$rule" "$TOP/content" "$list" \
	    >"$work/$rule.out" 2>&1; then
		echo "PASS content-rules-$rule"
	else
		echo "FAIL content-rules-$rule:"
		sed 's/^/  /' "$work/$rule.out"
		failed=1
	fi
}

check quotes "event 'long-quote': a quote of 31 words"
check basis "approximate event 'no-basis' does not state its basis"
check aliases "alias 'Strelsau' of 'ruritania' also names strelsau"
check order "'a-untimed' (--:--) is listed after 'b-early' (09:00)"

exit $failed
