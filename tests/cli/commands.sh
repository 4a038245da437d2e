#!/bin/sh
# commands.sh: the command line's output, byte for byte, against the
# expected files in tests/data/cli/expected/, over the fixture corpus in
# tests/data/cli/corpus/; exit statuses and one-line errors; JSON validity
# (with the sqlite3 shell); and what reaches a terminal versus a pipe.
#
# The expected files were written once and checked by hand; never
# regenerate them from dossier's own output without reading every line.
# Search ranks are bm25 scores whose last digits depend on the SQLite
# build, so "rank" values are compared by order, not by digits.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP (and
# XDG_CACHE_HOME inside TESTTMP).

set -u
: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

corpus=$TOP/tests/data/cli/corpus
expected=$TOP/tests/data/cli/expected
out=$TESTTMP/commands
rm -rf "$out"
mkdir -p "$out"
failed=0
esc=$(printf '\033')

pass() {
	echo "PASS $1"
}

fail() {
	echo "FAIL $1: $2"
	failed=1
}

# run NAME ARGS...: dossier -C corpus ARGS; stdout in $out/NAME.out, stderr
# in $out/NAME.err, the exit status in $status.
run() {
	run_name=$1
	shift
	"$DOSSIER" -C "$corpus" "$@" >"$out/$run_name.out" 2>"$out/$run_name.err"
	status=$?
}

# Replaces every "rank":NUMBER by "rank":R.
norm_rank() {
	sed 's/"rank":-\{0,1\}[0-9][0-9.eE+-]*/"rank":R/g' "$1"
}

# json_valid NAME FILE: checks FILE is one valid JSON document.
json_valid() {
	if ! command -v sqlite3 >/dev/null 2>&1; then
		echo "SKIP $1-valid: no sqlite3 shell"
		return
	fi
	jv_path=$(printf '%s' "$2" | sed "s/'/''/g")
	v=$(sqlite3 :memory: "SELECT json_valid(readfile('$jv_path'))" 2>&1)
	if [ "$v" = 1 ]; then
		pass "$1-valid"
	else
		fail "$1-valid" "not valid JSON (json_valid said '$v')"
	fi
}

# compare NAME ARGS...: exit 0, nothing on stderr, stdout equal to
# expected/NAME.out (ranks aside for JSON, whose validity is checked too).
compare() {
	cmp_name=$1
	shift
	run "$cmp_name" "$@"
	want=$expected/$cmp_name.out
	got=$out/$cmp_name.out
	if [ ! -f "$want" ]; then
		fail "$cmp_name" "no expected file $want"
		return
	fi
	case $cmp_name in
	*json*)
		norm_rank "$want" >"$out/$cmp_name.want"
		norm_rank "$got" >"$out/$cmp_name.got"
		;;
	*)
		cp "$want" "$out/$cmp_name.want"
		cp "$got" "$out/$cmp_name.got"
		;;
	esac
	if [ $status -ne 0 ]; then
		fail "$cmp_name" "exit status $status, expected 0"
		sed 's/^/  stderr: /' "$out/$cmp_name.err"
	elif [ -s "$out/$cmp_name.err" ]; then
		fail "$cmp_name" "unexpected output on stderr"
		sed 's/^/  stderr: /' "$out/$cmp_name.err"
	elif ! cmp -s "$out/$cmp_name.want" "$out/$cmp_name.got"; then
		fail "$cmp_name" "output differs from $want"
		diff -u "$out/$cmp_name.want" "$out/$cmp_name.got" | sed 's/^/  /'
	else
		pass "$cmp_name"
	fi
	case $cmp_name in
	*json*) json_valid "$cmp_name" "$got" ;;
	esac
}

# --- output against the expected files ------------------------------------

compare list list
compare list-actor list --actor league
compare list-tag list --tag border
compare list-range list --from 2024-03-01 --to 2024-04-10
compare list-limit list --limit 2
compare list-json list --json
compare list-limit-json list --limit 2 --json
compare list-range-json list --from 2024-04-01 --json
compare list-filter-json list --actor brook --from 2024-03-01 --json
compare show show joint-statement
compare show-approximate show secret-letter
compare show-json show joint-statement --json
compare show-json-bare show closing-remarks --json
compare search-word search crossings
compare search-phrase search '"border crossing"'
compare search-prefix search 'cross*'
compare search-alias search Borya
# Words ANDed, one a prefix: each hit's snippet marks every word it holds.
compare search-words search border treaty
compare search-prefix-word search 'cross*' border
compare search-json search --json treaty
compare actors actors
compare actors-json actors --json

# --limit cuts the search's hits, best first.
run search-limit search --limit 1 crossings
if [ $status -eq 0 ] &&
    [ "$(cat "$out/search-limit.out")" = "$(head -n 1 "$expected/search-word.out")" ]; then
	pass search-limit
else
	fail search-limit "expected the first line of search-word.out, got: $(cat "$out/search-limit.out")"
fi

# --content=DIR is -C DIR; --db puts the store where it is told.
"$DOSSIER" --content="$corpus" list >"$out/content-eq.out" 2>&1
if cmp -s "$out/content-eq.out" "$expected/list.out"; then
	pass content-option-forms
else
	fail content-option-forms "'--content=DIR list' differs from list.out"
fi
db=$TESTTMP/store.db
for force in "" --force; do
	"$DOSSIER" -C "$corpus" --db "$db" index $force >"$out/index.out" 2>"$out/index.err"
	status=$?
	if [ $status -eq 0 ] && [ -f "$db" ] && [ ! -s "$out/index.err" ] &&
	    [ "$(cat "$out/index.out")" = "$db: 9 events, 6 actors, 2 sources, 5 excerpts" ]; then
		pass "index-db${force:+-force}"
	else
		fail "index-db${force:+-force}" "exit $status: $(cat "$out/index.out" "$out/index.err")"
	fi
done
rm -f "$db"

# Options may come before or after the command's argument.
run search-json-order search treaty --json
if cmp -s "$out/search-json.out" "$out/search-json-order.out"; then
	pass search-option-order
else
	fail search-option-order "'search treaty --json' differs from 'search --json treaty'"
fi

# Ranks: each a number below zero, best (lowest) first.
if awk -F'"rank":' 'NF > 1 { split($2, a, /[},]/); r = a[1] + 0
	if (r >= 0 || (n++ > 0 && r < last)) bad = 1; last = r }
	END { exit bad || n == 0 }' "$out/search-json.out"; then
	pass search-json-rank-order
else
	fail search-json-rank-order "ranks not negative and ascending"
	grep -o '"rank":[^}]*' "$out/search-json.out" | sed 's/^/  /'
fi

# Piped, the marks are [ and ]: never the raw U+FDD0/U+FDD1 markers.
if grep -q '\[crossings\]' "$out/search-word.out" &&
    ! grep -q "$(printf '\357\267[\220\221]')" "$out"/search-*.out; then
	pass search-marks-piped
else
	fail search-marks-piped "expected [ ] around matches and no raw markers"
fi

# --- exit statuses and messages -------------------------------------------

# expect_status NAME STATUS ARGS...: the exit status and an empty stdout
# (when STATUS is not 0), leaving stderr in $out/NAME.err.
expect_status() {
	es_name=$1
	es_want=$2
	shift 2
	run "$es_name" "$@"
	if [ $status -ne "$es_want" ]; then
		fail "$es_name" "exit status $status, expected $es_want"
		sed 's/^/  stderr: /' "$out/$es_name.err"
		return 1
	fi
	return 0
}

# one_line NAME PATTERN: stderr is exactly one line, matching PATTERN
# (grep -E), and says nothing of SQL or FTS5.
one_line() {
	n=$(wc -l <"$out/$1.err")
	if [ "$n" -ne 1 ]; then
		fail "$1" "$n lines on stderr, expected 1"
		sed 's/^/  stderr: /' "$out/$1.err"
	elif ! grep -Eq -- "$2" "$out/$1.err"; then
		fail "$1" "stderr does not match /$2/: $(cat "$out/$1.err")"
	elif grep -Eiq 'sql|fts5' "$out/$1.err"; then
		fail "$1" "stderr leaks the engine: $(cat "$out/$1.err")"
	else
		pass "$1"
	fi
}

# A search without a hit is a failure (1), quietly; so in JSON, with [].
if expect_status search-no-hit 1 search zzyzx; then
	if [ -s "$out/search-no-hit.out" ] || [ -s "$out/search-no-hit.err" ]; then
		fail search-no-hit "expected no output at all"
	else
		pass search-no-hit
	fi
fi
if expect_status search-no-hit-json 1 search --json zzyzx; then
	if [ "$(cat "$out/search-no-hit-json.out")" = "[]" ]; then
		pass search-no-hit-json
	else
		fail search-no-hit-json "expected [], got: $(cat "$out/search-no-hit-json.out")"
	fi
fi

# Queries that cannot run: status 2, one plain line.
expect_status search-unclosed 2 search '"unclosed' &&
    one_line search-unclosed '^dossier: .*quote'
expect_status search-unclosed-json 2 search --json '"unclosed' &&
    one_line search-unclosed-json '^dossier: .*quote'
expect_status search-nothing 2 search '***' &&
    one_line search-nothing '^dossier: '
expect_status search-empty-phrase 2 search '""' &&
    one_line search-empty-phrase '^dossier: '
# FTS5 syntax typed by the user is text, never an error.
for q in 'NEAR(border treaty)' 'title:border' 'border AND' '-border' \
    'border OR' '^border'; do
	run fts-as-text search -- "$q"
	if [ $status -le 1 ] && ! grep -Eiq 'sql|fts5|syntax' "$out/fts-as-text.err"; then
		pass "search-as-text: $q"
	else
		fail "search-as-text: $q" "exit $status: $(cat "$out/fts-as-text.err")"
	fi
done

# Usage errors: status 2 and one line with the hint.
hint="\\(try 'dossier --help'\\)"
expect_status unknown-command 2 frobnicate && one_line unknown-command "$hint"
expect_status unknown-option 2 --frobnicate list &&
    one_line unknown-option "$hint"
expect_status unknown-command-option 2 list --frobnicate &&
    one_line unknown-command-option "$hint"
expect_status extra-argument 2 list extra && one_line extra-argument "$hint"
expect_status show-no-id 2 show && one_line show-no-id "$hint"
expect_status search-no-query 2 search && one_line search-no-query "$hint"
expect_status missing-value 2 list --actor && one_line missing-value "$hint"
expect_status limit-zero 2 list --limit 0 && one_line limit-zero "$hint"
expect_status limit-negative 2 list --limit -3 &&
    one_line limit-negative "$hint"
expect_status limit-text 2 search --limit many treaty &&
    one_line limit-text "$hint"
expect_status from-impossible 2 list --from 2025-02-30 &&
    one_line from-impossible "2025-02-30.*dossier --help"
expect_status to-malformed 2 list --to 2025-6-1 &&
    one_line to-malformed "2025-6-1.*dossier --help"

# Unknown ids and empty results.
expect_status show-unknown 1 show no-such-event &&
    one_line show-unknown "no-such-event"
expect_status show-unknown-json 1 show no-such-event --json &&
    one_line show-unknown-json "no-such-event"
if expect_status list-empty 0 list --actor zenda; then
	if [ -s "$out/list-empty.out" ]; then
		fail list-empty "expected no rows"
	else
		pass list-empty
	fi
fi

# --help and --version, anywhere, and whatever else is on the line.
if expect_status help 0 --help && grep -q '^usage: dossier' "$out/help.out" &&
    [ ! -s "$out/help.err" ]; then
	pass help
else
	fail help "expected a usage on stdout"
fi
if expect_status help-after 0 list -h && grep -q '^usage: dossier' "$out/help-after.out"; then
	pass help-after-command
else
	fail help-after-command "'list -h' should print the usage"
fi
if expect_status version 0 --version &&
    grep -Eq '^dossier [0-9]+\.[0-9]+\.[0-9]+$' "$out/version.out" &&
    [ "$(wc -l <"$out/version.out")" -eq 1 ]; then
	pass version
else
	fail version "expected one line 'dossier X.Y.Z', got: $(cat "$out/version.out")"
fi

# A content directory that is not there: status 1, a FILE: error line.
missing=$TESTTMP/no-such-dir
"$DOSSIER" -C "$missing" list >"$out/missing.out" 2>"$out/missing.err"
status=$?
if [ $status -ne 1 ]; then
	fail missing-content "exit status $status, expected 1"
elif ! grep -qxF "$missing: error: cannot read: No such file or directory" "$out/missing.err"; then
	fail missing-content "no '$missing: error: ...' line: $(cat "$out/missing.err")"
elif [ -s "$out/missing.out" ]; then
	fail missing-content "unexpected output on stdout"
else
	pass missing-content
fi

# --- raw when piped, escaped on a terminal ---------------------------------

# A title holding an escape sequence that would set the terminal's title
# (OSC 0): piped, it is passed through as written; on a terminal it is
# shown as ^[ and the only escapes dossier sends are its own SGR marks.
evil=$TESTTMP/evil
mkdir -p "$evil"
cat >"$evil/events.yaml" <<'EOF'
events:
  - id: evil
    date: 2024-01-01
    title: "Evil \e]0;PWNED\a title"
    summary: "Also \e]0;PWNED\a here"
EOF
"$DOSSIER" -C "$evil" list >"$out/evil-piped.out" 2>"$out/evil-piped.err"
if grep -qF "${esc}]0;PWNED" "$out/evil-piped.out"; then
	pass escape-raw-when-piped
else
	fail escape-raw-when-piped "the title's ESC did not come through as written"
	od -c "$out/evil-piped.out" | sed 's/^/  /' | head -5
fi

# A content directory whose errors quote hostile values: the diagnostics
# that repeat them go to a terminal too.
evil_bad=$TESTTMP/evil-bad
mkdir -p "$evil_bad"
cat >"$evil_bad/actors.yaml" <<'EOF'
actors:
  - id: x
    name: X
    kind: "evil\e]0;PWNED\a"
    "odd-\e]0;PWNED\a": 1
EOF
# ...and a file whose very name is hostile.
printf 'events: [oops]\n' >"$evil_bad/$(printf 'name\033]0;PWNED\007.yaml')"

# tty_check NAME DIR ARGS: runs dossier -C DIR ARGS on a pseudo-terminal
# (stdout and stderr both) and checks what the terminal received.
tty_check() {
	tc_name="escape-on-terminal: $1"
	tc_dir=$2
	tty_out=$out/evil-tty.out
	script -qec "'$DOSSIER' -C '$tc_dir' $3" /dev/null \
	    </dev/null >"$tty_out" 2>&1
	# Drop dossier's own SGR sequences; no ESC may be left.
	sed "s/${esc}\\[[0-9;]*m//g" "$tty_out" >"$tty_out.stripped"
	if grep -qF "${esc}]0;PWNED" "$tty_out"; then
		fail "$tc_name" "the raw OSC sequence reached the terminal"
		od -c "$tty_out" | sed 's/^/  /' | head -8
	elif grep -qF "$esc" "$tty_out.stripped"; then
		fail "$tc_name" "an ESC other than an SGR mark reached the terminal"
	elif ! grep -qF '^[]0;PWNED' "$tty_out"; then
		fail "$tc_name" "expected the ESC shown as ^["
		od -c "$tty_out" | sed 's/^/  /' | head -8
	else
		pass "$tc_name"
	fi
}

if ! command -v script >/dev/null 2>&1 ||
    ! script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	echo "SKIP escape-on-terminal: no util-linux script(1)"
else
	tty_check list "$evil" list
	tty_check search "$evil" "search evil"
	tty_check show "$evil" "show evil"
	tty_check "check diagnostics" "$evil_bad" check
	tty_check "list diagnostics" "$evil_bad" list
	# The search marks are SGR on a terminal, [ and ] only when piped.
	script -qec "'$DOSSIER' -C '$corpus' search crossings" /dev/null \
	    </dev/null >"$out/marks-tty.out" 2>&1
	if grep -qF "${esc}[1;33mcrossings${esc}[22;39m" "$out/marks-tty.out" &&
	    ! grep -qF '[crossings]' "$out/marks-tty.out"; then
		pass search-marks-on-terminal
	else
		fail search-marks-on-terminal "expected SGR around 'crossings'"
		od -c "$out/marks-tty.out" | sed 's/^/  /' | head -8
	fi
fi

[ $failed -ne 0 ] || rm -rf "$out" "$evil" "$evil_bad"
exit $failed
