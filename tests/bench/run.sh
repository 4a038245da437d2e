#!/bin/sh
# run.sh: the scale benchmark's driver (make bench). For each size it
# generates a corpus (tests/bench/gen.c), times the index build and the two
# baselines on the same files, then the reader on the warm store, and prints
# a table against the targets of the issue; the table also goes to
# $BUILD/bench/results.txt. A measurement, not a test: a missed target is
# reported as MISS, and the exit status is 0 unless something failed to run.
#
# Environment: BUILD (default build), BENCH_SIZES (default "10000 100000
# 1000000"), BENCH_SEED (1), BENCH_REPS (rounds of a build and each of its
# baselines, in turn; default 3 up to 100k events, 2 above), BENCH_KEEP=1
# to keep the corpora and stores under $BUILD/bench/work.
set -eu

BUILD=${BUILD:-build}
BIN=${DOSSIER:-$BUILD/dossier}
T=$BUILD/bench
WORK=$T/work
SIZES=${BENCH_SIZES:-10000 100000 1000000}
SEED=${BENCH_SEED:-1}
KEEP=${BENCH_KEEP:-}
QUERIES=tests/bench/queries.txt
CLASSES=tests/bench/classes.txt
OUT=$T/results.txt
COLS=120
ROWS=40

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

for t in gen yamlparse timeit ptyrun searchbench overviewbench; do
	[ -x "$T/$t" ] || die "$T/$t is missing (run make bench)"
done
[ -x "$BIN" ] || die "$BIN is missing (run make bench)"
command -v sqlite3 >/dev/null 2>&1 ||
    die "the sqlite3 shell is missing (sh .ci/deps test installs it)"
mkdir -p "$WORK"
# The reader and the stores must not touch the user's cache, settings or
# notes.
export XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config" \
    XDG_DATA_HOME="$WORK/data"
export LC_ALL=C.UTF-8
unset NO_COLOR DOSSIER_CONTENT 2>/dev/null || true

# Field $2 of the line of file $1 that starts with key $3.
val() { awk -v k="$2" '$1 == k && !d { print $2; d = 1 }' "$1"; }
# A key's value from a timeit line: median_ms, maxrss_kb...
tval() { printf '%s\n' "$1" | awk -v k="$2" \
    '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }
now() { date +%s; }

# Writes the baseline load script of store $1 into directory $2: the same
# schema (tables, then indexes after the data, as the build does), the same
# rows exported as CSV, imported by the shell's .import in one transaction,
# and an FTS5 index with the same columns, tokenizer and rank, filled by
# one INSERT ... SELECT and optimised as the build does. It is the plain
# way: the index keeps its own copy of the text (no external content), and
# the search bounds (bound_*, blobs, which CSV cannot hold) are left out.
# The plain FTS5 searches of the classes run on what it loads.
baseline_prepare() {
	bdb=$1 dir=$2
	rm -rf "$dir"
	mkdir -p "$dir"
	# Shadow tables of virtual tables (fts_data...) come with them.
	notshadow="NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE
	    v.sql LIKE 'CREATE VIRTUAL TABLE%' AND s.name LIKE
	    v.name || '\\_%' ESCAPE '\\')"
	plain="s.type = 'table' AND s.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
	    AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND $notshadow"
	{
		echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		echo "PRAGMA cache_size = -65536; PRAGMA temp.cache_size = -32768;"
		echo "BEGIN;"
		sqlite3 -readonly "$bdb" "SELECT sql || ';' FROM sqlite_schema s
		    WHERE s.type = 'table' AND s.sql IS NOT NULL AND s.name NOT
		    LIKE 'sqlite\\_%' ESCAPE '\\' AND s.name NOT LIKE 'bound\\_%'
		    ESCAPE '\\' AND $notshadow ORDER BY rowid" |
		    sed "s/content = '[a-z_]*', content_rowid = '[a-z_]*',//"
	} >"$dir/load.sql"
	for v in $(sqlite3 -readonly "$bdb" "SELECT name FROM sqlite_schema
	    WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"); do
		# Its settings (rank, pgsz...) before the rows, as built.
		sqlite3 -readonly "$bdb" "SELECT 'INSERT INTO \"$v\"(\"$v\",
		    rank) VALUES (' || quote(k) || ', ' || quote(v) || ');'
		    FROM \"${v}_config\" WHERE k <> 'version'" >>"$dir/load.sql"
	done
	echo ".mode csv" >>"$dir/load.sql"
	for t in $(sqlite3 -readonly "$bdb" "SELECT name FROM sqlite_schema s
	    WHERE $plain ORDER BY rowid"); do
		case $t in bound_*) continue ;; esac
		sqlite3 -readonly -csv "$bdb" "SELECT * FROM \"$t\"" \
		    >"$dir/$t.csv"
		echo ".import $dir/$t.csv $t" >>"$dir/load.sql"
	done
	for v in $(sqlite3 -readonly "$bdb" "SELECT name FROM sqlite_schema
	    WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"); do
		cols=$(sqlite3 -readonly "$bdb" "SELECT group_concat('\"' ||
		    name || '\"', ', ') FROM pragma_table_info('$v')")
		sqlite3 -readonly -csv "$bdb" "SELECT rowid, $cols FROM \"$v\"" \
		    >"$dir/$v.csv"
		{
			echo "CREATE TEMP TABLE \"${v}_rows\"(r, $cols);"
			echo ".import --schema temp $dir/$v.csv ${v}_rows"
			echo "INSERT INTO \"$v\"(rowid, $cols)"
			echo "    SELECT * FROM temp.\"${v}_rows\";"
			echo "INSERT INTO \"$v\"(\"$v\") VALUES ('optimize');"
		} >>"$dir/load.sql"
	done
	sqlite3 -readonly "$bdb" "SELECT sql || ';' FROM sqlite_schema
	    WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE
	    'bound\\_%' ESCAPE '\\' ORDER BY rowid" >>"$dir/load.sql"
	echo "COMMIT;" >>"$dir/load.sql"
}

# The search classes ($CLASSES) on store $3 of corpus $2 (size $1): each
# query as "dossier search Q --limit 20" (A, a whole process with its
# snippets) and as the sqlite3 shell's plain FTS5 query on the plain store
# $4 (B), pairwise A B A B, after one untimed run of each. Per-query lines
# go to $WORK/classes$1.txt; prints "key value" lines: per class the
# medians of A, B, of the ratios and of the shell counting the hits alone
# on store $3, and over the set A's p50 and p95, the worst ratio and the
# p95 of the counts.
search_classes() {
	cn=$1 cc=$2 cdb=$3 base=$4 reps=${BENCH_SEARCH_REPS:-7}
	out=$WORK/classes$cn.txt
	: >"$out"
	grep -v '^#' "$CLASSES" | while IFS='	' read -r cls q; do
		[ -n "$q" ] || continue
		esc=$(printf '%s' "$q" | sed "s/'/''/g")
		sql="SELECT rowid, snippet(fts, -1, '[', ']', '…', 16) FROM fts
		    WHERE fts MATCH '$esc' ORDER BY rank LIMIT 20"
		"$BIN" -C "$cc" --db "$cdb" search "$q" --limit 20 \
		    >/dev/null 2>&1 || true
		sqlite3 -readonly "$base" "$sql" >/dev/null
		line=$("$T/timeit" -1 -n "$reps" -- "$BIN" -C "$cc" --db "$cdb" \
		    search "$q" --limit 20 ::: sqlite3 -readonly "$base" "$sql") ||
		    die "$cn events: search '$q' failed"
		# The hits counted alone, on dossier's store: FTS5's walk of
		# them, which its bm25 of a phrase makes before any score. The
		# untimed first count gives the number of hits.
		csql="SELECT count(*) FROM fts WHERE fts MATCH '$esc'"
		hits=$(sqlite3 -readonly "$cdb" "$csql")
		cline=$("$T/timeit" -n "$reps" -- sqlite3 -readonly "$cdb" \
		    "$csql") || die "$cn events: counting '$q' failed"
		printf '%s %s %s %s %s %s %s\n' "$cls" \
		    "$(tval "$line" a_median_ms)" "$(tval "$line" b_median_ms)" \
		    "$(tval "$line" ratio)" "$hits" \
		    "$(tval "$cline" median_ms)" "$q" >>"$out"
	done
	awk '
	function med(s,    n, v, i, j, t) {
		n = split(s, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n == 0 ? "" : (n % 2 ? v[(n + 1) / 2] : \
		    (v[n / 2] + v[n / 2 + 1]) / 2)
	}
	# The nearest-rank 95th percentile of the values in s.
	function p95(s,    n, v, i, j, t, r) {
		n = split(s, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		r = int(0.95 * n + 0.999)
		return n == 0 ? "" : v[r < 1 ? 1 : r]
	}
	{
		a[$1] = a[$1] " " $2; b[$1] = b[$1] " " $3
		q[$1] = q[$1] " " $4; h[$1] = h[$1] " " $5
		k[$1] = k[$1] " " $6
		all = all " " $2; counts = counts " " $6
		if ($4 + 0 > worst) worst = $4 + 0
		if (!($1 in seen)) { seen[$1] = 1; order[++nc] = $1 }
		n++
	}
	END {
		for (i = 1; i <= nc; i++) {
			c = order[i]
			printf "cls_%s_a %s\ncls_%s_b %s\ncls_%s_ratio %s\n",
			    c, med(a[c]), c, med(b[c]), c, med(q[c])
			printf "cls_%s_hits %s\ncls_%s_count %s\n", c, med(h[c]),
			    c, med(k[c])
		}
		printf "s20_p50_ms %s\ns20_p95_ms %s\ns20_worst_ratio %s\n",
		    med(all), p95(all), worst
		printf "s20_count_p95_ms %s\n", p95(counts)
		printf "classes %s\n", nc
	}' "$out"
}

# Runs every measurement for n events; results go to $WORK/r$n.txt.
bench_size() {
	n=$1
	c=$WORK/c$n db=$WORK/c$n.db r=$WORK/r$n.txt log=$WORK/log$n.txt
	reps=${BENCH_REPS:-}
	[ -n "$reps" ] || { [ "$n" -le 100000 ] && reps=3 || reps=2; }
	: >"$r"
	: >"$log"
	start=$(now)

	say "$n events: generating"
	rm -rf "$c"
	line=$("$T/timeit" -o "$WORK/gen$n.txt" -- "$T/gen" "$n" "$c" "$SEED")
	echo "gen_s $(tval "$line" median_ms | awk '{ print $1 / 1000 }')" >>"$r"
	echo "yaml_mb $(du -sk "$c" | awk '{ print $1 / 1024 }')" >>"$r"
	echo "files $(find "$c" -name '*.yaml' | wc -l)" >>"$r"

	# The build and its two baselines take turns, a round at a time
	# (build, parse, import; build, parse, import...), so that a load
	# that comes and goes weighs on all three alike; medians of each.
	# The first build makes the store the import's rows come from.
	say "$n events: index build, libyaml and sqlite3 baselines, in turn" \
	    "($reps rounds)"
	rm -f "$db"
	: >"$WORK/rounds$n.txt"
	i=0
	while [ $i -lt "$reps" ]; do
		i=$((i + 1))
		line=$("$T/timeit" -e "$log" -- \
		    "$BIN" -C "$c" --db "$db" index --force) ||
		    { cat "$log" >&2; die "$n events: the build failed"; }
		echo "build $(tval "$line" median_ms) $(tval "$line" \
		    maxrss_kb)" >>"$WORK/rounds$n.txt"
		[ $i -gt 1 ] || baseline_prepare "$db" "$WORK/base$n"
		line=$("$T/timeit" -- "$T/yamlparse" "$c")
		echo "yaml $(tval "$line" median_ms)" >>"$WORK/rounds$n.txt"
		line=$("$T/timeit" -e "$log" -- sh -c \
		    'rm -f "$1" && exec sqlite3 -bail "$1" ".read $2"' sh \
		    "$WORK/base$n.db" "$WORK/base$n/load.sql") ||
		    { cat "$log" >&2; die "$n events: the sqlite3 baseline failed"; }
		echo "sqlite $(tval "$line" median_ms)" >>"$WORK/rounds$n.txt"
	done
	sort -k2 -n "$WORK/rounds$n.txt" | awk '
	{ n[$1]++; v[$1, n[$1]] = $2; if ($3 > rss) rss = $3 }
	END {
		for (k in n) {
			m = n[k] % 2 ? v[k, (n[k] + 1) / 2] : \
			    (v[k, n[k] / 2] + v[k, n[k] / 2 + 1]) / 2
			print k "_s", m / 1000
		}
		print "build_rss_mb", rss / 1024
	}' >>"$r"
	echo "store_mb $(wc -c <"$db" | awk '{ print $1 / 1048576 }')" >>"$r"
	# What no store of this text can do without: the rows of events and
	# excerpts (the text, once) and the FTS5 index with its positions,
	# which phrases need. Pages on disk, as SQLite's dbstat counts them.
	echo "core_mb $(sqlite3 -readonly "$db" "SELECT sum(pgsize) /
	    1048576.0 FROM dbstat WHERE name IN ('event', 'excerpt',
	    'fts_data')")" >>"$r"
	echo "sqlite_mb $(wc -c <"$WORK/base$n.db" |
	    awk '{ print $1 / 1048576 }')" >>"$r"
	rm -rf "$WORK/base$n"

	say "$n events: search classes, pairwise against plain FTS5"
	search_classes "$n" "$c" "$db" "$WORK/base$n.db" >>"$r"
	rm -f "$WORK/base$n.db"

	say "$n events: list --limit 50"
	line=$("$T/timeit" -n 9 -- "$BIN" -C "$c" --db "$db" list --limit 50)
	echo "list_ms $(tval "$line" median_ms)" >>"$r"

	say "$n events: stats --by actor, stats --by day (the overview's counts)"
	line=$("$T/timeit" -n 9 -- "$BIN" -C "$c" --db "$db" stats --by actor)
	echo "stats_actor_ms $(tval "$line" median_ms)" >>"$r"
	line=$("$T/timeit" -n 9 -- "$BIN" -C "$c" --db "$db" stats --by day)
	echo "stats_day_ms $(tval "$line" median_ms)" >>"$r"

	say "$n events: the overview (i) of the corpus and of a search"
	"$T/overviewbench" -r 3 "$c" "$db" >"$WORK/ov$n.txt" ||
	    die "$n events: the overview bench failed"
	"$T/overviewbench" -r 3 "$c" "$db" minister >"$WORK/ovs$n.txt" ||
	    die "$n events: the overview bench failed"
	for k in overview_ms naive_ms ratio; do
		echo "ov_$k $(val "$WORK/ov$n.txt" $k)" >>"$r"
		echo "ovs_$k $(val "$WORK/ovs$n.txt" $k)" >>"$r"
	done

	say "$n events: the reader's first screen (5 runs)"
	for _ in 1 2 3 4 5; do
		"$T/ptyrun" -1 -c $COLS -r $ROWS -p "1/$n" -- \
		    "$BIN" -C "$c" --db "$db" | val /dev/stdin first_screen_ms
	done | sort -n | awk '{ v[NR] = $1 } END { print "first_ms", v[3] }' \
	    >>"$r"

	say "$n events: the reader: keys, paging, memory, searches"
	"$T/ptyrun" -c $COLS -r $ROWS -p "1/$n" -j 200 -P 50 -s "$QUERIES" \
	    -- "$BIN" -C "$c" --db "$db" >"$WORK/pty$n.txt" ||
	    die "$n events: the reader did not start"
	for k in key_j_mean_ms key_j_p50_ms key_j_p95_ms key_pgdn_p50_ms \
	    key_pgdn_p95_ms key_end_ms hwm_kb search_p50_ms search_p95_ms \
	    search_first_p50_ms search_first_p95_ms search_cold_p50_ms \
	    search_cold_p95_ms search_hwm_kb; do
		echo "pty_$k $(val "$WORK/pty$n.txt" $k)" >>"$r"
	done

	say "$n events: store searches"
	"$T/searchbench" -r 5 "$c" "$db" "$QUERIES" >"$WORK/search$n.txt"
	for k in cli_p50_ms cli_p95_ms reader_p50_ms reader_p95_ms \
	    walk_p50_ms walk_p95_ms; do
		echo "sb_$k $(val "$WORK/search$n.txt" $k)" >>"$r"
	done

	# The reader counting every match of two common words: its first
	# screen, then the rest of the walk.
	awk '/ nuclear talks$/ { for (i = 1; i < NF; i++) {
	    if ($i == "reader_ms") a = $(i + 1); if ($i == "walk_ms")
	    b = $(i + 1) } } END { print "count_nt_ms", a + b }' \
	    "$WORK/search$n.txt" >>"$r"

	say "$n events: one-file update (3 runs)"
	month=$(find "$c/events" -name '*.yaml' | sort |
	    awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
	for i in 1 2 3; do
		printf '# touched %s\n' "$i" >>"$month"
		line=$("$T/timeit" -e "$log" -- "$BIN" -C "$c" --db "$db" index) ||
		    { cat "$log" >&2; die "$n events: the update failed"; }
		tval "$line" median_ms
	done | sort -n | awk '{ v[NR] = $1 } END { print "update_ms", v[2] }' \
	    >>"$r"

	# A comment costs only the parse; an event added or removed changes
	# the timeline's numbers after it, so the same file is timed for
	# those too: an event appended on the month's first day, then the
	# file as it was.
	say "$n events: one event added to that file, then removed (3 runs)"
	day=$(awk '$1 == "date:" { print $2; exit }' "$month")
	cp "$month" "$WORK/month.orig"
	for i in 1 2 3; do
		printf '  - id: bench-added-%s\n    date: %s\n    title: "An %s"\n' \
		    "$i" "$day" "event the bench adds" >>"$month"
		line=$("$T/timeit" -e "$log" -- "$BIN" -C "$c" --db "$db" index) ||
		    { cat "$log" >&2; die "$n events: the update failed"; }
		printf 'add %s\n' "$(tval "$line" median_ms)"
		cp "$WORK/month.orig" "$month"
		line=$("$T/timeit" -e "$log" -- "$BIN" -C "$c" --db "$db" index) ||
		    { cat "$log" >&2; die "$n events: the update failed"; }
		printf 'remove %s\n' "$(tval "$line" median_ms)"
	done | sort -k2 -n | awk '{ v[$1] = v[$1] " " $2 } END {
	    for (k in v) { split(v[k], a, " "); print "update_" k "_ms", a[2] } }' \
	    >>"$r"
	rm -f "$WORK/month.orig"

	echo "wall_s $(($(now) - start))" >>"$r"
	say "$n events: done in $(($(now) - start)) s"
	if [ -z "$KEEP" ]; then
		rm -rf "$c" "$db"
	fi
}

# The table: a line per measure, a column per size, then the target on the
# largest corpus and whether it is met there.
report() {
	{
		printf 'dossier scale benchmark, %s\n' "$(date -u +%Y-%m-%d)"
		printf 'machine: %s; %s cores (%s)\n' "${BENCH_MACHINE:-$(
		    . /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" ||
		    uname -sr)}" "$(nproc)" "$(awk -F': ' \
		    '/model name/ { print $2; exit }' /proc/cpuinfo)"
		printf 'dossier %s; sqlite %s, libyaml %s; gen seed %s;' \
		    "$(git describe --always --dirty 2>/dev/null || echo '?')" \
		    "$(sqlite3 --version | cut -d' ' -f1)" \
		    "$(pkg-config --modversion yaml-0.1 2>/dev/null || echo '?')" \
		    "$SEED"
		printf ' reader in a %sx%s pty\n' $COLS $ROWS
		echo
		files=""
		for n in $SIZES; do
			files="$files $WORK/r$n.txt"
		done
		# shellcheck disable=SC2086
		awk -v sizes="$SIZES" -f - $files <<'EOF'
BEGIN {
	ns = split(sizes, size, " ")
	big = size[ns]
}
{
	split(FILENAME, p, "/r")
	n = p[length(p)]
	sub(/\.txt$/, "", n)
	v[n, $1] = $2
}
function name(n) {
	if (n >= 1000000 && n % 1000000 == 0) return (n / 1000000) "M"
	if (n >= 1000 && n % 1000 == 0) return (n / 1000) "k"
	return n
}
function fmt(x) {
	if (x == "") return "-"
	if (x + 0 >= 100) return sprintf("%.0f", x)
	if (x + 0 >= 10) return sprintf("%.1f", x)
	return sprintf("%.2f", x)
}
function row(label, key, target, ok,    i, line, x) {
	line = sprintf("%-38s", label)
	for (i = 1; i <= ns; i++)
		line = line sprintf(" %9s", fmt(v[size[i], key]))
	if (target != "") {
		line = line sprintf("   %-14s %s", target, ok ? "PASS" : "MISS")
		if (big != 1000000)
			line = line " (at " name(big) ")"
	}
	print line
}
function derive(    i, n) {
	for (i = 1; i <= ns; i++) {
		n = size[i]
		v[n, "eps"] = v[n, "build_s"] > 0 ? n / v[n, "build_s"] : 0
		v[n, "ratio"] = v[n, "build_s"] / \
		    (v[n, "yaml_s"] + v[n, "sqlite_s"])
		v[n, "sratio"] = v[n, "yaml_mb"] > 0 ? \
		    v[n, "store_mb"] / v[n, "yaml_mb"] : 0
		v[n, "cratio"] = v[n, "yaml_mb"] > 0 ? \
		    v[n, "core_mb"] / v[n, "yaml_mb"] : 0
		v[n, "hwm_mb"] = v[n, "pty_hwm_kb"] / 1024
		v[n, "shwm_mb"] = v[n, "pty_search_hwm_kb"] / 1024
	}
}
END {
	derive()
	line = sprintf("%-38s", "events")
	for (i = 1; i <= ns; i++)
		line = line sprintf(" %9s", name(size[i]))
	print line sprintf("   %-14s %s", "target", "result")
	row("corpus YAML (MB)", "yaml_mb")
	row("generate (s)", "gen_s")
	row("index build (s)", "build_s")
	row("index build (events/s)", "eps")
	row("index build peak RSS (MB)", "build_rss_mb")
	row("store size on disk (MB)", "store_mb")
	row("store / corpus YAML", "sratio", "<= 1.5",
	    v[big, "sratio"] <= 1.5)
	row("  events, excerpts, FTS5 index / YAML", "cratio")
	row("plain FTS5 store, baseline 2 (MB)", "sqlite_mb")
	row("baseline 1: libyaml parse only (s)", "yaml_s")
	row("baseline 2: sqlite3 .import CSV (s)", "sqlite_s")
	row("build / (baseline 1 + 2)", "ratio", "<= 1.0",
	    v[big, "ratio"] <= 1.0)
	row("search --limit 20 p50, classes (ms)", "s20_p50_ms")
	row("search --limit 20 p95, classes (ms)", "s20_p95_ms", "< 15",
	    v[big, "s20_p95_ms"] < 15)
	row("  the shell only counting, p95 (ms)", "s20_count_p95_ms")
	row("search / plain FTS5, worst query", "s20_worst_ratio", "<= 1.10",
	    v[big, "s20_worst_ratio"] <= 1.10)
	row("reader full count, nuclear talks (ms)", "count_nt_ms", "< 100",
	    v[big, "count_nt_ms"] < 100)
	row("one-file update, a month (ms)", "update_ms", "< 1000",
	    v[big, "update_ms"] < 1000)
	row("  the same, an event added (ms)", "update_add_ms", "< 1000",
	    v[big, "update_add_ms"] < 1000)
	row("  the same, an event removed (ms)", "update_remove_ms", "< 1000",
	    v[big, "update_remove_ms"] < 1000)
	row("first screen, reader (ms)", "first_ms", "< 50",
	    v[big, "first_ms"] < 50)
	row("first screen, list --limit 50 (ms)", "list_ms", "< 50",
	    v[big, "list_ms"] < 50)
	row("stats --by actor (ms)", "stats_actor_ms", "< 200",
	    v[big, "stats_actor_ms"] < 200)
	row("stats --by day, whole corpus (ms)", "stats_day_ms", "< 100",
	    v[big, "stats_day_ms"] < 100)
	row("overview (i), whole corpus (ms)", "ov_overview_ms", "< 100",
	    v[big, "ov_overview_ms"] < 100)
	row("  the same, walking the events (ms)", "ov_naive_ms")
	row("  walk / overview", "ov_ratio")
	row("overview (i) of \"minister\" (ms)", "ovs_overview_ms", "< 100",
	    v[big, "ovs_overview_ms"] < 100)
	row("  the same, walking the events (ms)", "ovs_naive_ms")
	row("  walk / overview", "ovs_ratio")
	row("search p50, reader's first screen (ms)", "sb_reader_p50_ms")
	row("search p95, reader's first screen (ms)", "sb_reader_p95_ms",
	    "< 30", v[big, "sb_reader_p95_ms"] < 30)
	row("search p95, reader counting all (ms)", "sb_walk_p95_ms")
	row("search p50, search --limit 50 (ms)", "sb_cli_p50_ms")
	row("search p95, search --limit 50 (ms)", "sb_cli_p95_ms", "< 30",
	    v[big, "sb_cli_p95_ms"] < 30)
	row("search p95, in the reader's pty (ms)", "pty_search_first_p95_ms",
	    "< 30", v[big, "pty_search_first_p95_ms"] < 30)
	row("search p95, pty, until all counted (ms)", "pty_search_p95_ms")
	row("search p95, pty, first time (ms)", "pty_search_cold_p95_ms")
	row("move selection j, mean (ms/key)", "pty_key_j_mean_ms", "< 2",
	    v[big, "pty_key_j_mean_ms"] < 2)
	row("move selection j, p95 (ms/key)", "pty_key_j_p95_ms")
	row("page down, p50 (ms/key)", "pty_key_pgdn_p50_ms")
	row("go to the end, G (ms)", "pty_key_end_ms")
	flat = v[big, "hwm_mb"] <= 1.2 * v[size[1], "hwm_mb"] + 1
	row("reader peak RSS after paging (MB)", "hwm_mb", "< 32, flat",
	    v[big, "hwm_mb"] < 32 && flat)
	row("reader peak RSS after 20 searches (MB)", "shwm_mb", "< 32",
	    v[big, "shwm_mb"] < 32)
	row("benchmark wall time for the size (s)", "wall_s")
	print ""
	print "Search classes: dossier search Q --limit 20 (A) against the"
	print "sqlite3 shell's plain FTS5 query (B), pairwise; medians (ms)"
	print "of each class's queries, and the median of their ratios A/B."
	print "C: the shell counting the hits alone on dossier's store"
	print "(SELECT count(*) ... MATCH), a process each time, medians."
	for (i = 1; i <= ns; i++) {
		n = size[i]
		if (v[n, "classes"] == "")
			continue
		printf "\n%-10s %9s %9s %9s %9s %9s   (%s events)\n", "class",
		    "hits", "A (ms)", "B (ms)", "A/B", "C (ms)", name(n)
		nc = split("rare common and2-mid and3 phrase person prefix alias",
		    cl, " ")
		for (j = 1; j <= nc; j++)
			printf "%-10s %9s %9s %9s %9s %9s\n", cl[j],
			    fmt(v[n, "cls_" cl[j] "_hits"]),
			    fmt(v[n, "cls_" cl[j] "_a"]),
			    fmt(v[n, "cls_" cl[j] "_b"]),
			    fmt(v[n, "cls_" cl[j] "_ratio"]),
			    fmt(v[n, "cls_" cl[j] "_count"])
	}
}
EOF
		echo
		echo "Baseline 1 reads each file whole and runs libyaml's event"
		echo "parser over it, nothing more. Baseline 2 is one sqlite3"
		echo "shell run that .imports the rows of the built store, as"
		echo "CSV, in one transaction into the same tables with the same"
		echo "pragmas (the search bounds left out), fills a plain FTS5"
		echo "index (same columns, tokenizer and rank, its own copy of"
		echo "the text) by INSERT ... SELECT and optimises it, and makes"
		echo "the same indexes after the data. The search classes' plain"
		echo "FTS5 queries run on that store. The one-file update adds a"
		echo "comment to the middle month's file and runs index. Times are"
		echo "medians; \"flat\" means at most 20% (+1 MB) above the"
		echo "smallest corpus. The reader shows the first screen of a"
		echo "search at once and counts the rest of the matches while"
		echo "it waits for keys; the counting rows time that part."
		echo "Searches are timed with the index pages they need in"
		echo "memory: each runs once untimed first (the store's own"
		echo "timings), or twice in the pty, whose first time is the"
		echo "\"first time\" row: a machine that pages idle cache out"
		echo "(this one's DAMON does within seconds) reads them from disk."
		echo "Per-query times: $WORK/search*.txt."
	} | tee "$OUT"
}

total=$(now)
for n in $SIZES; do
	bench_size "$n"
done
report
say "all sizes in $(($(now) - total)) s; table in $OUT"
