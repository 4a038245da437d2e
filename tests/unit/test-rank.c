/*
 * test-rank.c: unit tests for the ranking of search hits (store-rank.c)
 * and the bounds it ranks by (store-stat.c). A corpus of a few thousand
 * events is made from a fixed seed, with common and rare words, crowded
 * and empty days and excerpts; hundreds of queries (words, pairs, phrases,
 * prefixes) must give exactly the hits and ranks FTS5's own ORDER BY rank
 * gives, in a fresh store and after an update. The bounds a full build
 * writes on its thread must be those an update would write.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "unit.h"
#include "util.h"

/* Words by falling frequency; some share prefixes, for prefix queries. */
static const char *words[] = {
	"the", "of", "minister", "border", "talks", "army", "ministry",
	"boarder", "borders", "crossing", "treaty", "oil", "gas", "pipeline",
	"strike", "drone", "drones", "droning", "navy", "port", "summit",
	"envoy", "ceasefire", "uranium", "enrichment", "inspectors", "mine",
	"mines", "miner", "refugees", "convoy", "bridge", "river", "valley",
	"election", "ballot", "bailout", "bank", "banker", "court", "verdict",
	"appeal", "hostage", "hostages", "embassy", "ambassador", "sanction",
	"sanctions", "kestrova", "dunmarrow", "ambrosk", "zenith", "quorum",
	"xylem", "yonder", "wharf", "vortex", "umbra", "tundra", "saffron",
};
#define NWORDS	((int)(sizeof words / sizeof words[0]))

static uint64_t	rng_state;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

/* A word, the first ones far more often (about Zipf's law). */
static const char *
zipf_word(void)
{
	uint32_t	r = rng() % 1000000;
	int		i;
	double		x = (double)r / 1000000.0;

	/* i ~ NWORDS^x - 1: common words first. */
	i = (int)(x * x * x * NWORDS);
	if (i >= NWORDS)
		i = NWORDS - 1;
	return words[i];
}

static void
add_words(struct buf *b, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ' ');
		buf_adds(b, zipf_word());
	}
}

/*
 * Events from index first to last (exclusive) as a content file, on days
 * from day0 (of 0-199, where 40 is crowded and 100-119 are empty). An
 * update's variant drops some events, moves others and writes longer text.
 */
static char *
make_events(int first, int last, int day0, int variant)
{
	struct buf	b;
	int		i, day, n, x, more = variant ? 4 : 1;

	buf_init(&b);
	buf_adds(&b, "events:\n");
	for (i = first; i < last; i++) {
		rng_state = (uint64_t)i * 7919 + (uint64_t)variant * 104729 + 1;
		day = rng() % 10 == 0 ? 40 : (int)(rng() % 180);
		if (day >= 100)
			day += 20;
		if (day < day0)
			day = day0 + day % (200 - day0);
		if (variant && i % 7 == 0)
			continue;	/* dropped by the update */
		if (variant && i % 11 == 0 && day + 3 < 200)
			day += 3;	/* moved */
		buf_addf(&b, "  - id: ev%05d\n    date: 2024-%02d-%02d\n", i,
		    1 + day / 28, 1 + day % 28);
		if (rng() % 3 == 0)
			buf_addf(&b, "    time: \"%02d:%02d\"\n", rng() % 24,
			    rng() % 60);
		buf_adds(&b, "    title: \"");
		add_words(&b, 2 + (int)(rng() % 6));
		buf_adds(&b, "\"\n");
		if (rng() % 4 != 0) {
			buf_adds(&b, "    summary: \"");
			add_words(&b, 5 + (int)(rng() % (40 * more)));
			buf_adds(&b, "\"\n");
		}
		n = (int)(rng() % 3);
		if (n > 0)
			buf_adds(&b, "    excerpts:\n");
		for (x = 0; x < n; x++) {
			buf_adds(&b, "      - source: wire\n        quote: \"");
			add_words(&b, 3 + (int)(rng() % (25 * more)));
			buf_adds(&b, "\"\n");
			if (rng() % 3 == 0) {
				buf_adds(&b, "        note: \"");
				add_words(&b, 2 + (int)(rng() % 8));
				buf_adds(&b, "\"\n");
			}
		}
	}
	return buf_detach(&b);
}

#define NEVENTS	5000

/*
 * A content directory of NEVENTS events in two files; the second holds
 * days from 140 on only, so that an update of it leaves the bounds of the
 * first spans of days as they were, made at another average.
 */
static char *
make_corpus(void)
{
	char	*dir = unit_newdir("rank"), *ev;

	unit_write_text(dir, "sources.yaml", "sources:\n"
	    "  - id: wire\n    title: The Wire\n");
	ev = make_events(0, NEVENTS / 2, 0, 0);
	unit_write_text(dir, "a.yaml", ev);
	free(ev);
	ev = make_events(NEVENTS / 2, NEVENTS, 140, 0);
	unit_write_text(dir, "b.yaml", ev);
	free(ev);
	return dir;
}

static struct store *
open_at(const char *content, const char *db)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*err = NULL;

	diag_init(&dl);
	s = store_open(content, db, 0, NULL, &dl, &err);
	if (s == NULL || dl.n > 0) {
		printf("  cannot open the store: %s\n", err ? err : "");
		diag_print(&dl, stdout);
	}
	diag_free(&dl);
	free(err);
	return s;
}

/* Builds or brings up to date the store at db, and closes it. */
static void
build_at(const char *content, const char *db)
{
	struct store	*s = open_at(content, db);

	CHECK(s != NULL);
	store_close(s);
}

/* The update of the second file: events dropped, moved, added, longer. */
static void
update_corpus(const char *content)
{
	char	*ev = make_events(NEVENTS / 2, NEVENTS + 300, 140, 1);

	unit_write_text(content, "b.yaml", ev);
	free(ev);
}

/* The queries: every word, pairs, phrases and prefixes of them. */
static char **
make_queries(int *n)
{
	char	**q = NULL;
	int	  i, m = 0;

	q = xreallocarray(q, 4 * NWORDS + 16, sizeof *q);
	for (i = 0; i < NWORDS; i++)
		q[m++] = xstrdup(words[i]);
	for (i = 0; i < NWORDS; i++)
		q[m++] = xasprintf("%s %s", words[i], words[(i * 7 + 3) %
		    NWORDS]);
	for (i = 0; i < NWORDS; i += 3)
		q[m++] = xasprintf("\"%s %s\"", words[i], words[(i + 1) %
		    NWORDS]);
	for (i = 0; i < NWORDS; i += 2)
		q[m++] = xasprintf("%.3s*", words[i]);
	q[m++] = xstrdup("b*");
	q[m++] = xstrdup("the of minister");
	q[m++] = xstrdup("\"border crossing\" treaty");
	q[m++] = xstrdup("nosuchword");
	q[m++] = xstrdup("minister nosuchword");
	q[m++] = xstrdup("dro* navy");
	*n = m;
	return q;
}

/* What store_rank_best says of all queries, and how it got there. */
struct tally {
	int	queries;
	int	mismatched;
	int	blocks_only;	/* ranked day by day, no pass */
	int	passes;
	int	fallbacks;
	int	splits;		/* passes run in two halves at once */
	int	phrase_splits;	/* of them, lone phrases of two words */
	int64_t	stray;
};

/*
 * Ranks query q both ways on db: store_rank_best, and FTS5's own ORDER BY
 * rank (ties by row). Every hit and every rank must be the same.
 */
static void
compare_one(sqlite3 *db, sqlite3 **db2, const char *q, int k,
    struct tally *t)
{
	struct store_rank_hit	*h;
	struct store_rank_info	 info;
	sqlite3_stmt		*st;
	char			*match, *err = NULL;
	int			 n, i = 0, bad = 0;

	if ((match = query_translate(q, &err)) == NULL) {
		printf("  %s: %s\n", q, err);
		free(err);
		t->mismatched++;
		return;
	}
	h = xcalloc((size_t)k, sizeof *h);
	n = store_rank_best(db, db2, match, k, h, &info, &err);
	t->queries++;
	if (n == -2) {
		t->fallbacks++;
		goto out;
	}
	if (n < 0) {
		printf("  %s: %s\n", q, err ? err : "failed");
		t->mismatched++;
		goto out;
	}
	if (info.blocks > 0 && !info.pass)
		t->blocks_only++;
	t->passes += info.pass;
	t->splits += info.split;
	/* A phrase of two words alone: its hits are counted by the pass. */
	if (info.split && q[0] == '"' && strchr(q + 1, ' ') != NULL &&
	    strchr(q + 1, '"') == q + strlen(q) - 1)
		t->phrase_splits++;
	t->stray += info.stray;
	if (sqlite3_prepare_v2(db, "SELECT rowid, rank FROM fts WHERE fts"
	    " MATCH ?1 ORDER BY rank, rowid LIMIT ?2", -1, &st, NULL) !=
	    SQLITE_OK) {
		t->mismatched++;
		goto out;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, k);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (i >= n || h[i].rowid != sqlite3_column_int64(st, 0) ||
		    -h[i].score != sqlite3_column_double(st, 1))
			bad = 1;
		i++;
	}
	sqlite3_finalize(st);
	if (bad || i != n) {
		printf("  %s (k %d): %d hits, FTS5 %d%s\n", q, k, n, i,
		    bad ? ", not the same" : "");
		t->mismatched++;
	}
out:
	free(h);
	free(match);
	free(err);
}

static void
compare_all(const char *path, struct tally *t)
{
	static const int	 ks[] = { 1, 10, 50, 400 };
	sqlite3			*db, *db2 = NULL;
	char			**q;
	int			 nq, i, j;

	memset(t, 0, sizeof *t);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || store_rank_init(db) == -1) {
		printf("  cannot open %s\n", path);
		t->mismatched++;
		sqlite3_close(db);
		return;
	}
	q = make_queries(&nq);
	for (i = 0; i < nq; i++) {
		/* Every other query may split its pass over two threads. */
		for (j = 0; j < (int)(sizeof ks / sizeof ks[0]); j++)
			compare_one(db, i % 2 ? &db2 : NULL, q[i], ks[j], t);
		free(q[i]);
	}
	free(q);
	sqlite3_close(db2);
	sqlite3_close(db);
}

UNIT_TEST(rank_same_as_fts5)
{
	struct tally	 t;
	char		*content = make_corpus();
	char		*db = xasprintf("%s/rank.db", unit_tmpdir());

	build_at(content, db);
	/* Split any pass worth it here, to check halves add up. */
	store_rank_split(1000, 1000);
	compare_all(db, &t);
	store_rank_split(0, 0);
	CHECK_INT(t.mismatched, 0);
	CHECK_INT(t.fallbacks, 0);
	CHECK_INT(t.stray, 0);
	/* Every way of ranking was taken, or this proves less. */
	CHECK(t.blocks_only > 0);
	CHECK(t.passes > 0);
	CHECK(t.splits > 0);
	CHECK(t.phrase_splits > 0);
	CHECK(t.queries > 500);
	free(db);
	free(content);
}

/* Each (span, term, day) of db as "span term day rows", sorted. */
static char *
bound_rows(sqlite3 *db, int with_peaks)
{
	struct buf		 b;
	sqlite3_stmt		*st;
	const unsigned char	*p;
	int			 i, n;

	buf_init(&b);
	if (sqlite3_prepare_v2(db, "SELECT span, term, days FROM bound_term"
	    " ORDER BY span, term", -1, &st, NULL) != SQLITE_OK)
		return buf_detach(&b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p = sqlite3_column_blob(st, 2);
		n = sqlite3_column_bytes(st, 2) / STORE_STAT_DAYREC;
		for (i = 0; i < n; i++, p += STORE_STAT_DAYREC) {
			buf_addf(&b, "%lld %s %d %u",
			    (long long)sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 1), p[0],
			    store_stat_get32(p + 1));
			if (with_peaks)
				buf_addf(&b, " %.17g",
				    store_stat_getdouble(p + 5));
			buf_addc(&b, '\n');
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT span, rows, tokens, refmin, refmax"
	    " FROM bound_span ORDER BY span", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			buf_addf(&b, "span %lld: %lld rows, %lld tokens",
			    (long long)sqlite3_column_int64(st, 0),
			    (long long)sqlite3_column_int64(st, 1),
			    (long long)sqlite3_column_int64(st, 2));
			if (with_peaks)
				buf_addf(&b, ", %.17g to %.17g",
				    sqlite3_column_double(st, 3),
				    sqlite3_column_double(st, 4));
			buf_addc(&b, '\n');
		}
	}
	sqlite3_finalize(st);
	return buf_detach(&b);
}

/*
 * A full build gathers its bounds on a thread as rows stream in; an update
 * makes spans again from the index. Made again from the index, every span
 * of a fresh store must come out byte for byte the same.
 */
UNIT_TEST(bounds_thread_same_as_redo)
{
	sqlite3		*db = NULL;
	char		*content = make_corpus(), *before, *after;
	char		*path = xasprintf("%s/redo.db", unit_tmpdir());
	char		*err = NULL;

	build_at(content, path);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	before = bound_rows(db, 1);
	CHECK(strlen(before) > 1000);
	CHECK(sqlite3_exec(db, "BEGIN; CREATE TEMP TABLE tspan(span INTEGER"
	    " PRIMARY KEY); INSERT INTO tspan SELECT span FROM bound_span",
	    NULL, NULL, NULL) == SQLITE_OK);
	CHECK_INT(store_stat_redo(db, &err), 0);
	CHECK(err == NULL);
	after = bound_rows(db, 1);
	CHECK(strcmp(before, after) == 0);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	free(before);
	free(after);
	free(path);
	free(content);
}

/*
 * After an update (events dropped, moved to other days, added to a
 * crowded day) the bounds count what a full build of the same content
 * counts, and ranking still matches FTS5.
 */
UNIT_TEST(rank_after_update)
{
	struct tally	 t;
	sqlite3		*a = NULL, *b = NULL;
	char		*content = make_corpus(), *ra, *rb;
	char		*upd = xasprintf("%s/upd.db", unit_tmpdir());
	char		*fresh = xasprintf("%s/fresh.db", unit_tmpdir());

	build_at(content, upd);
	update_corpus(content);
	build_at(content, upd);
	build_at(content, fresh);

	CHECK(sqlite3_open_v2(upd, &a, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	CHECK(sqlite3_open_v2(fresh, &b, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	/* The same counts; peaks differ with the averages they were made at. */
	ra = bound_rows(a, 0);
	rb = bound_rows(b, 0);
	CHECK(strlen(ra) > 1000);
	CHECK(strcmp(ra, rb) == 0);
	free(ra);
	free(rb);
	sqlite3_close(a);
	sqlite3_close(b);

	compare_all(upd, &t);
	CHECK_INT(t.mismatched, 0);
	CHECK_INT(t.fallbacks, 0);
	CHECK_INT(t.stray, 0);
	free(upd);
	free(fresh);
	free(content);
}

/*
 * A span of more terms than the bounds may hold (20, here) turns them
 * off: every search is left to FTS5 to rank, and an update leaves them
 * off rather than make bounds for some spans only.
 */
UNIT_TEST(bounds_off_when_too_many_terms)
{
	struct store	*s;
	struct tally	 t;
	sqlite3		*db = NULL;
	sqlite3_stmt	*st;
	char		*content = make_corpus();
	char		*path = xasprintf("%s/off.db", unit_tmpdir());
	int		 n = -1;

	store_stat_cap(20);
	s = open_at(content, path);
	store_stat_cap(0);
	CHECK(s != NULL);
	store_close(s);
	compare_all(path, &t);
	CHECK_INT(t.mismatched, 0);
	CHECK(t.fallbacks == t.queries);
	update_corpus(content);
	build_at(content, path);
	CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM bound_span", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	CHECK_INT(n, 1);	/* the span -1 that says "off", no other */
	compare_all(path, &t);
	CHECK_INT(t.mismatched, 0);
	CHECK(t.fallbacks == t.queries);
	free(path);
	free(content);
}

/* The events matching q, best first as FTS5 ranks them, into *out. */
static int
native_events(const char *path, const char *q, const char *from,
    int64_t **out)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		*match, *err = NULL;
	int64_t		*v = NULL;
	int		 n = 0;

	*out = NULL;
	match = query_translate(q, &err);
	free(err);
	if (match == NULL || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT h.rid FROM (SELECT rowid >> 10"
	    " << 10 AS rid, min(rank) AS rank FROM fts WHERE fts MATCH ?1"
	    " GROUP BY 1) h JOIN event e ON e.rid = h.rid WHERE e.date >= ?2"
	    " ORDER BY h.rank, h.rid", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, from != NULL ? from : "", -1,
		    SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			v = xreallocarray(v, (size_t)n + 1, sizeof *v);
			v[n++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	free(match);
	*out = v;
	return n;
}

/* Whether positions from..to of v hold the events want[from - 1...]. */
static int
view_matches(struct store_view *v, const int64_t *want, int64_t from,
    int n)
{
	struct store_row	 rows[64];
	int			 got, i, ok = 1;

	got = store_view_rows(v, from, n, rows);
	if (got != n)
		ok = 0;
	for (i = 0; ok && i < got; i++) {
		if (rows[i].rid != want[from - 1 + i] ||
		    rows[i].pos != from + i)
			ok = 0;
	}
	store_rows_clear(rows, got);
	return ok;
}

/*
 * A view in rank order shows its best events at once from store-rank.c
 * and ranks the rest only when asked for: every position, near and far,
 * holds the event FTS5's own ranking puts there, and the count comes from
 * counting while keys wait.
 */
UNIT_TEST(rank_view_first_screen)
{
	static const char	*qs[] = { "the", "border mine*", "minister" };
	struct store		*s;
	struct store_view	*v;
	struct store_filter	 f;
	char			*content = make_corpus(), *err = NULL;
	char			*path = xasprintf("%s/view.db", unit_tmpdir());
	int64_t			*want;
	int			 n, i, j;

	s = open_at(content, path);
	CHECK(s != NULL);
	for (i = 0; s != NULL && i < 6; i++) {
		memset(&f, 0, sizeof f);
		f.query = qs[i % 3];
		f.from = i >= 3 ? "2024-03-01" : NULL;
		f.order = STORE_ORDER_RANK;
		n = native_events(path, f.query, f.from, &want);
		CHECK(n > 200);
		if ((v = store_view_new(s, &f, &err)) == NULL) {
			printf("  %s: %s\n", f.query, err);
			unit_failed = 1;
			free(err);
			free(want);
			continue;
		}
		/* Only the best were ranked: not all, not counted yet. */
		CHECK(!store_view_done(v));
		CHECK(store_view_count(v) < n);
		CHECK(view_matches(v, want, 1, 40));
		CHECK(store_view_known(v, 1) == 0 || store_view_known(v, 1) <=
		    store_view_count(v));
		/* Counting goes on while keys wait, ranking nothing more. */
		for (j = 0; j < 1000 && !store_view_more(v, -1, 50); j++)
			/* count */;
		CHECK(store_view_done(v));
		CHECK_INT(store_view_count(v), n);
		/* Further down, then the far end: ranked when asked for. */
		CHECK(view_matches(v, want, 150, 40));
		CHECK(view_matches(v, want, n - 39, 40));
		CHECK(view_matches(v, want, 1, 64));
		store_view_free(v);
		free(want);
	}
	store_close(s);
	free(path);
	free(content);
}

/* The command line's search gives the same hits both ways. */
struct hits {
	struct buf	b;
};

static void
hit_cb(const struct store_hit *h, void *arg)
{
	struct hits	*x = arg;

	buf_addf(&x->b, "%s %s %s %s %.17g\n", h->event, h->date, h->kind,
	    h->snippet != NULL ? h->snippet : "-", h->rank);
}

/*
 * The first 50 of all hits (FTS5 ranks) are the hits with --limit 50
 * (store-rank.c ranks), snippets and all. Prefixes of several terms are
 * written as an OR of them for the snippets (store_rank_rows_match).
 * Returns the number of hits.
 */
static int64_t
check_search(struct store *s, const char *q)
{
	struct hits	 all, some;
	char		*err = NULL, *p;
	int64_t		 n;
	size_t		 len;
	int		 i;

	buf_init(&all.b);
	buf_init(&some.b);
	n = store_search(s, q, 0, hit_cb, &all, &err);
	if (n <= 50)
		printf("  %s: %lld hits%s%s\n", q, (long long)n, err ? ": " : "",
		    err ? err : "");
	CHECK(n > 50);
	free(err);
	err = NULL;
	CHECK_INT(store_search(s, q, 50, hit_cb, &some, &err), 50);
	CHECK(err == NULL);
	free(err);
	for (p = all.b.data, i = 0; p != NULL && i < 50; i++)
		p = strchr(p, '\n') != NULL ? strchr(p, '\n') + 1 : NULL;
	len = p != NULL ? (size_t)(p - all.b.data) : 0;
	if (len != some.b.len || memcmp(all.b.data, some.b.data, len) != 0)
		printf("  %s: the first 50 hits differ\n", q);
	CHECK(len == some.b.len && memcmp(all.b.data, some.b.data, len) == 0);
	buf_free(&all.b);
	buf_free(&some.b);
	return n;
}

UNIT_TEST(search_limit_same_as_all)
{
	struct store	*s;
	char		*content = make_corpus();
	char		*path = xasprintf("%s/search.db", unit_tmpdir());

	s = open_at(content, path);
	CHECK(s != NULL);
	if (s != NULL) {
		/* Fewer hits than STORE_RANK_FEW: ranked from FTS5's rank. */
		CHECK(check_search(s, "embassy") < STORE_RANK_FEW);
		CHECK(check_search(s, "talks treaty") < STORE_RANK_FEW);
		CHECK(check_search(s, "\"border crossing\"") < STORE_RANK_FEW);
		/* More: by the bounds. */
		CHECK(check_search(s, "minister border") >= STORE_RANK_FEW);
		CHECK(check_search(s, "\"the border\" the") >= STORE_RANK_FEW);
		CHECK(check_search(s, "the") >= STORE_RANK_FEW);
		check_search(s, "mine* border");
		check_search(s, "border mine*");
		check_search(s, "bor*");
	}
	store_close(s);
	free(path);
	free(content);
}

/* Rows holding each term of match's phrases, summed: what bm25 walks. */
static int64_t
walk_truth(sqlite3 *db, const char *const *terms)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM fts WHERE fts MATCH"
	    " ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (; *terms != NULL; terms++) {
		sqlite3_bind_text(st, 1, *terms, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n += sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return n;
}

/*
 * The guess that sends a search to FTS5's ranking or to the bounds
 * (store_rank_walk_guess): the rows of each term of each phrase, from the
 * busiest span, scaled. Here a tenth of the events crowd one day and
 * twenty days are empty, and it must still come within a factor of two
 * of the truth (it comes within 3%); a word no row holds is none, and a
 * prefix cannot be guessed.
 */
UNIT_TEST(rank_walk_guess)
{
	static const char *const q[] = { "the", "minister", "border talks",
	    "\"oil gas\" navy", "army ministry embassy" };
	static const char *const t[][4] = { { "the" }, { "minister" },
	    { "border", "talks" }, { "oil", "gas", "navy" },
	    { "army", "ministry", "embassy" } };
	sqlite3		*db = NULL;
	char		*content = make_corpus(), *match, *err = NULL;
	char		*path = xasprintf("%s/guess.db", unit_tmpdir());
	int64_t		 truth, guess;
	size_t		 i;

	build_at(content, path);
	CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	CHECK(store_rank_init(db) == 0);
	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		match = query_translate(q[i], &err);
		CHECK(match != NULL);
		truth = walk_truth(db, t[i]);
		guess = store_rank_walk_guess(db, match);
		if (guess < truth / 2 || guess > truth * 2)
			printf("  %s: guessed %lld rows, %lld in truth\n", q[i],
			    (long long)guess, (long long)truth);
		CHECK(truth > 100);
		CHECK(guess >= truth / 2 && guess <= truth * 2);
		free(match);
	}
	match = query_translate("nosuchword", &err);
	CHECK_INT(store_rank_walk_guess(db, match), 0);
	free(match);
	match = query_translate("dro*", &err);
	CHECK_INT(store_rank_walk_guess(db, match), -1);
	free(match);
	sqlite3_close(db);
	free(path);
	free(content);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(rank_same_as_fts5),
	UNIT_ENTRY(bounds_thread_same_as_redo),
	UNIT_ENTRY(rank_after_update),
	UNIT_ENTRY(bounds_off_when_too_many_terms),
	UNIT_ENTRY(rank_view_first_screen),
	UNIT_ENTRY(search_limit_same_as_all),
	UNIT_ENTRY(rank_walk_guess),
};

int
main(void)
{
	return UNIT_RUN(tests);
}

