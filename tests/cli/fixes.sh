#!/bin/sh
# fixes.sh: regression tests for the command line's rough edges of issue
# 11 (items 3, 11, 15, 17-21) and the several-actor filters of issue 14,
# each named after what broke, over the fixture corpus of commands.sh.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

corpus=$TOP/tests/data/cli/corpus
out=$TESTTMP/fixes
mkdir -p "$out"
failed=0
esc=$(printf '\033')

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failed=1; }

# run ARGS...: dossier -C corpus ARGS, stdout in $out/o, stderr in $out/e.
run() {
	"$DOSSIER" -C "$corpus" "$@" >"$out/o" 2>"$out/e"
	status=$?
}

# ids: the event ids of list's output in $out/o, on one line.
ids() {
	awk '{ print $3 }' "$out/o" | tr '\n' ' '
}

# --- 3: write errors are errors; a closed pipe is quiet ---------------------
if [ -w /dev/full ]; then
	for cmd in list "list --json" "show joint-statement" \
	    "show joint-statement --json" "search treaty" actors check \
	    "stats --by actor" --help help; do
		"$DOSSIER" -C "$corpus" $cmd >/dev/full 2>"$out/e"
		status=$?
		if [ $status -eq 1 ] && [ "$(cat "$out/e")" = \
		    "dossier: write error: No space left on device" ]; then
			pass "write-error: $cmd"
		else
			fail "write-error: $cmd" "exit $status: $(cat "$out/e")"
		fi
	done
else
	echo "SKIP write-error: no /dev/full"
fi
# A corpus big enough that the pipe fills before head has gone.
big=$TESTTMP/big
mkdir -p "$big"
awk 'BEGIN { print "events:"; for (i = 0; i < 3000; i++)
	printf "  - id: e%d\n    date: 2024-01-01\n    title: Event number %d of many\n", i, i }' \
    >"$big/events.yaml"
"$DOSSIER" -C "$big" index >/dev/null 2>&1
for cmd in list "list --json"; do
	st=$( { "$DOSSIER" -C "$big" $cmd 2>"$out/e"; echo $? >"$out/st"; } |
	    head -n 1 >/dev/null; cat "$out/st")
	if [ "$st" -eq 0 ] && [ ! -s "$out/e" ]; then
		pass "closed-pipe-quiet: $cmd"
	else
		fail "closed-pipe-quiet: $cmd" "exit $st: $(cat "$out/e")"
	fi
done

# --- 11: an alias-only hit says which actor, as what ------------------------
run search Borya
if [ "$(head -n 1 "$out/o")" = \
    '2024-03-01 brook-arrives event: actor: Boris Brook (as "Borya")' ]; then
	pass search-alias-reason
else
	fail search-alias-reason "got: $(head -n 1 "$out/o")"
fi

run search --json Borya
if grep -qF '"event":"brook-arrives","date":"2024-03-01","title":"Brook arrives by train","kind":"event","snippet":"actor: Boris Brook (as \"Borya\")"' "$out/o"; then
	pass search-alias-reason-json
else
	fail search-alias-reason-json "got: $(sed -n 2p "$out/o")"
fi

# --- 15: list on an empty content directory says so ------------------------
empty=$TESTTMP/empty
mkdir -p "$empty"
"$DOSSIER" -C "$empty" list >"$out/o" 2>"$out/e"
status=$?
if [ $status -eq 0 ] && [ ! -s "$out/o" ] &&
    [ "$(cat "$out/e")" = "dossier: no events in $empty" ]; then
	pass list-empty-content-says-so
else
	fail list-empty-content-says-so "exit $status: $(cat "$out/e")"
fi
# ...but an empty result of a filter on a full corpus stays quiet.
run list --actor zenda
if [ $status -eq 0 ] && [ ! -s "$out/e" ] && [ ! -s "$out/o" ]; then
	pass list-empty-filter-quiet
else
	fail list-empty-filter-quiet "exit $status: $(cat "$out/e")"
fi

# --- 17: the remaining words are the query; -- ends the options -------------
run search border treaty
if [ $status -eq 0 ] && [ "$(cut -d' ' -f2 "$out/o" | tr '\n' ' ')" = \
    "treaty-signed treaty-talks-open " ]; then
	pass search-words-joined
else
	fail search-words-joined "exit $status: $(cat "$out/o" "$out/e")"
fi
run search --limit 1 -- border --json
if [ $status -eq 1 ] && [ ! -s "$out/e" ]; then
	pass search-dashdash-ends-options
else
	fail search-dashdash-ends-options "exit $status: $(cat "$out/o" "$out/e")"
fi

# --- 18: actors by id, name or alias; unknown filters are errors ------------
for a in brook 'Boris Brook' 'boris brook' Borya BORYA; do
	run list --actor "$a"
	if [ $status -eq 0 ] && [ "$(wc -l <"$out/o")" -eq 6 ]; then
		pass "actor-by-name-or-alias: $a"
	else
		fail "actor-by-name-or-alias: $a" "exit $status, $(wc -l <"$out/o") rows: $(cat "$out/e")"
	fi
done
# --- 18, non-ASCII: names in any script match in any case -------------------
# SQLite's lower() folds only ASCII; the filter folds with Unicode's case
# mapping, in the C locale as well as in a UTF-8 one.
intl=$TESTTMP/intl
mkdir -p "$intl"
cat >"$intl/actors.yaml" <<'YAML'
actors:
  - id: erdogan
    name: Recep Tayyip Erdoğan
    kind: person
    aliases: [Эрдоган]
  - id: elysee
    name: Élysée Palace
    kind: organization
YAML
cat >"$intl/events.yaml" <<'YAML'
events:
  - id: call
    date: 2025-06-14
    title: A call between the two
    actors: [erdogan, elysee]
  - id: other
    date: 2025-06-15
    title: Something else
YAML
for a in 'RECEP TAYYIP ERDOĞAN' 'recep tayyip erdoğan' 'эрдоган' 'ЭРДОГАН' \
    'élysée palace' 'ÉLYSÉE PALACE'; do
	for loc in C.UTF-8 C; do
		LC_ALL=$loc "$DOSSIER" -C "$intl" list --actor "$a" \
		    >"$out/o" 2>"$out/e"
		status=$?
		if [ $status -eq 0 ] && [ "$(ids)" = "call " ]; then
			pass "actor-casefold: $a ($loc)"
		else
			fail "actor-casefold: $a ($loc)" "exit $status: $(cat "$out/o" "$out/e")"
		fi
	done
done

run list --actor nobody
if [ $status -eq 1 ] && [ "$(cat "$out/e")" = "dossier: unknown actor 'nobody'" ]; then
	pass actor-unknown
else
	fail actor-unknown "exit $status: $(cat "$out/e")"
fi
run list --actor brok
if [ $status -eq 1 ] && grep -q "did you mean 'brook'" "$out/e"; then
	pass actor-did-you-mean
else
	fail actor-did-you-mean "exit $status: $(cat "$out/e")"
fi
run list --tag bordr
if [ $status -eq 1 ] && [ "$(cat "$out/e")" = \
    "dossier: unknown tag 'bordr' (did you mean 'border'?)" ]; then
	pass tag-unknown
else
	fail tag-unknown "exit $status: $(cat "$out/e")"
fi
run list --from 2024-04-10 --to 2024-03-01
if [ $status -eq 2 ] && grep -q "after --to" "$out/e" && [ ! -s "$out/o" ]; then
	pass range-reversed
else
	fail range-reversed "exit $status: $(cat "$out/e")"
fi

# --- 19: limit, help, trailing spaces, JSON style, aligned columns ----------
run search --limit 1001 treaty
if [ $status -eq 2 ] && grep -q 1000 "$out/e"; then
	pass search-limit-max
else
	fail search-limit-max "exit $status: $(cat "$out/e")"
fi
run search --limit 1000 treaty
[ $status -eq 0 ] && pass search-limit-1000 || fail search-limit-1000 "exit $status"
"$DOSSIER" --help >"$out/help" 2>&1
run help
if [ $status -eq 0 ] && cmp -s "$out/o" "$out/help"; then
	pass help-command
else
	fail help-command "exit $status: $(head -n 2 "$out/e")"
fi
if grep -q ' $' "$out/help"; then
	fail help-no-trailing-space "$(grep -c ' $' "$out/help") lines end in a space"
else
	pass help-no-trailing-space
fi
run show closing-remarks --json
if [ "$(head -n 1 "$out/o")" = "{" ] &&
    [ "$(sed -n 2p "$out/o")" = '  "id":"closing-remarks",' ] &&
    [ "$(tail -n 1 "$out/o")" = "}" ]; then
	pass show-json-style-of-list
else
	fail show-json-style-of-list "$(head -n 2 "$out/o")"
fi
run list
if [ "$(awk '{ print index($0, $3) }' "$out/o" | sort -u | wc -l)" -eq 1 ] &&
    grep -q '^2024-02-15~ --:--' "$out/o" && grep -q '^2024-03-01  --:--' "$out/o"; then
	pass list-columns-aligned
else
	fail list-columns-aligned "$(head -n 2 "$out/o")"
fi

# --- 20: TERM=dumb on a terminal gets brackets, no escapes ------------------
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	TERM=dumb script -qec "'$DOSSIER' -C '$corpus' search crossings" \
	    /dev/null </dev/null >"$out/tty" 2>&1
	if grep -qF '[crossings]' "$out/tty" && ! grep -qF "$esc" "$out/tty"; then
		pass search-term-dumb
	else
		fail search-term-dumb "$(od -c "$out/tty" | head -n 3)"
	fi
else
	echo "SKIP search-term-dumb: no util-linux script(1)"
fi

# --- 21: an emoji-only word is nothing to search for ------------------------
run search "$(printf '\360\237\230\200')"
if [ $status -eq 2 ] && [ "$(cat "$out/e")" = \
    "dossier: nothing to search for in \"$(printf '\360\237\230\200')\"" ]; then
	pass search-emoji-only
else
	fail search-emoji-only "exit $status: $(cat "$out/e")"
fi

# --- issue 14: several actors, all of them or any ---------------------------
run list --actor alpha --actor league
if [ "$(ids)" = "joint-statement treaty-signed " ]; then
	pass actors-all
else
	fail actors-all "got: $(ids)"
fi
run list --actor league --actor 'Bordurian Republic' --any-actor
if [ "$(ids)" = "treaty-talks-open joint-statement treaty-signed border-incident " ]; then
	pass actors-any
else
	fail actors-any "got: $(ids)"
fi
run list --actor alpha --actor Alpha --actor 'anna alpha'
if [ "$(wc -l <"$out/o")" -eq 6 ]; then
	pass actors-same-twice
else
	fail actors-same-twice "$(wc -l <"$out/o") rows"
fi
run list --actor alpha --actor brook --tag diplomacy --from 2024-03-01
if [ "$(ids)" = "treaty-talks-open joint-statement closing-remarks " ]; then
	pass actors-with-tag-and-range
else
	fail actors-with-tag-and-range "got: $(ids)"
fi
run list --actor alpha --actor brook --json
if [ "$(grep -c '"id"' "$out/o")" -eq 5 ]; then
	pass actors-all-json
else
	fail actors-all-json "$(grep -c '"id"' "$out/o") events"
fi
run search treaty --actor ruritania --actor borduria
if [ $status -eq 0 ] && [ "$(cut -d' ' -f2 "$out/o" | sort -u | tr '\n' ' ')" = \
    "treaty-signed treaty-talks-open " ]; then
	pass search-actors-all
else
	fail search-actors-all "exit $status: $(cat "$out/o" "$out/e")"
fi
run search crossing --actor league --any-actor --actor zenda
if [ $status -eq 0 ] && [ "$(cut -d' ' -f2 "$out/o" | sort -u | tr '\n' ' ')" = \
    "joint-statement " ]; then
	pass search-actors-any
else
	fail search-actors-any "exit $status: $(cat "$out/o" "$out/e")"
fi
run search --json crossing --from 2024-04-01
if [ $status -eq 0 ] && grep -q '"event":"border-incident"' "$out/o" &&
    ! grep -q joint-statement "$out/o"; then
	pass search-json-filtered
else
	fail search-json-filtered "exit $status: $(cat "$out/o" "$out/e")"
fi

[ $failed -ne 0 ] || rm -rf "$out" "$big" "$empty" "$intl"
exit $failed
