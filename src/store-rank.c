/*
 * store-rank.c: a search's best hits by bm25, without scoring every hit.
 *
 * Design note. FTS5 ranks a query by scoring every row that matches it,
 * and a score costs a lookup of the row's length: about a microsecond, so
 * a word in a third of a million rows takes half a second to rank. But
 * the index's rows are in timeline order (store-int.h): a day is a range
 * of rows. store-stat.c keeps, for every term and day, how many rows hold
 * the term and the most its share of bm25 can be there; from those each
 * day gets a bound on the score of any hit in it, and for one word also a
 * floor (its best hit there scores at least that much).
 *
 * A one-word query scores days best bound first, and is done when the
 * next day's bound is below the k-th best score found: nothing left can
 * beat it. Its bounds are tight (each is a day's best score, give or take
 * the drift of the average row length), so that is about as many days as
 * hits asked for. Other queries make one pass over their hits, or over
 * the runs of days whose bound is not beaten yet, scoring in full only
 * rows whose own bound (from counts FTS5 has at hand) beats the k-th best
 * so far, or the k-th best of the floors.
 *
 * Scores are FTS5's bm25 to the bit (the same formula, weights and
 * statistics), so the hits and their order are exactly those of ORDER BY
 * rank, ties going to the lower row. A one-phrase query is ranked by its
 * score without the idf, which multiplies every score alike, and the idf
 * is applied at the end: FTS5 computes 0.0 + idf * x, the same double.
 * Where the bounds cannot serve a query, the caller lets FTS5 rank.
 */
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "store-rank-int.h"
#include "util.h"

static const double rank_weight[STORE_NCOLS] = { STORE_WEIGHTS };
static int64_t rank_split = RANK_SPLIT;	/* store_rank_split */
static int64_t rank_split_walk = RANK_SPLIT_WALK;

void
store_rank_split(int64_t hits, int64_t rows)
{
	rank_split = hits > 0 ? hits : RANK_SPLIT;
	rank_split_walk = rows > 0 ? rows : RANK_SPLIT_WALK;
}


/* Whether hit a ranks below hit b (lower score, or a later row). */
static int
rank_worse(const struct store_rank_hit *a, const struct store_rank_hit *b)
{
	return a->score < b->score || (a->score == b->score &&
	    a->rowid > b->rowid);
}

static void
rank_heap_down(struct rank_ctx *c, int i)
{
	struct store_rank_hit	 t;
	int			 l, m;

	for (;;) {
		m = i;
		l = 2 * i + 1;
		if (l < c->n && rank_worse(&c->heap[l], &c->heap[m]))
			m = l;
		if (l + 1 < c->n && rank_worse(&c->heap[l + 1], &c->heap[m]))
			m = l + 1;
		if (m == i)
			return;
		t = c->heap[i];
		c->heap[i] = c->heap[m];
		c->heap[m] = t;
		i = m;
	}
}

static void
rank_heap_add(struct rank_ctx *c, int64_t rowid, double score)
{
	struct store_rank_hit	 h = { rowid, score }, t;
	int			 i;

	if (c->n == c->k) {
		if (!rank_worse(&c->heap[0], &h))
			return;
		c->heap[0] = h;
		rank_heap_down(c, 0);
		return;
	}
	i = c->n++;
	c->heap[i] = h;
	while (i > 0 && rank_worse(&c->heap[i], &c->heap[(i - 1) / 2])) {
		t = c->heap[i];
		c->heap[i] = c->heap[(i - 1) / 2];
		c->heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* The k-th best score so far, or -1 while fewer than k are found. */
static double
rank_theta(const struct rank_ctx *c)
{
	return c->n == c->k ? c->heap[0].score : -1;
}

/* What a row must reach to matter: the k-th best so far, or floor. */
static double
rank_bar(const struct rank_ctx *c)
{
	double	t = rank_theta(c);

	return t > c->floor ? t : c->floor;
}

/* bm25 of the row from its counts and length d, as FTS5 writes it. */
static double
rank_bm25(const struct rank_ctx *c, double d)
{
	const double	k1 = STORE_BM25_K1, b = STORE_BM25_B;
	double		score = 0.0;
	int		i;

	for (i = 0; i < c->np; i++)
		score += c->p[i].idf * ((c->f[i] * (k1 + 1.0)) /
		    (c->f[i] + k1 * (1 - b + b * d / c->avgdl)));
	return score;
}

/* dossier_totals(fts, ctx): what FTS5 counts the whole index as. */
static void
rank_totals(const Fts5ExtensionApi *api, Fts5Context *fc,
    sqlite3_context *sc, int nval, sqlite3_value **val)
{
	struct rank_ctx	*c;
	sqlite3_int64	 nrow, ntok;
	int		 rc;

	c = nval > 0 ? sqlite3_value_pointer(val[0], RANK_PTR) : NULL;
	if (c == NULL) {
		sqlite3_result_error(sc, "dossier_totals: no context", -1);
		return;
	}
	if ((rc = api->xRowCount(fc, &nrow)) != SQLITE_OK ||
	    (rc = api->xColumnTotalSize(fc, -1, &ntok)) != SQLITE_OK) {
		sqlite3_result_error_code(sc, rc);
		return;
	}
	c->nrow = nrow;
	c->ntok = ntok;
	sqlite3_result_null(sc);
}

/*
 * In a pass: whether the day of rowid can hold nothing that matters (or
 * was scored already).
 */
static int
rank_day_beaten(struct rank_ctx *c, int64_t rowid)
{
	int64_t	day = rowid >> STORE_DBITS;

	while (c->cursor < c->nbyday && c->byday[c->cursor].day < day)
		c->cursor++;
	if (c->cursor == c->nbyday || c->byday[c->cursor].day != day) {
		/* Not a day the bounds know: score it, and say so. */
		c->info.stray++;
		return 0;
	}
	return c->byday[c->cursor].done ||
	    c->byday[c->cursor].bound < rank_bar(c);
}

/* dossier_score(fts, ctx): adds the row to the best hits if it is one. */
static void
rank_score(const Fts5ExtensionApi *api, Fts5Context *fc,
    sqlite3_context *sc, int nval, sqlite3_value **val)
{
	const double	 k1 = STORE_BM25_K1, b = STORE_BM25_B;
	struct rank_ctx	*c;
	int64_t		 rowid;
	double		 bound, dlb, bar;
	Fts5PhraseIter	 it;
	int		 end[STORE_NCOLS] = { 0 };
	int		 i, ip, ic, io, d, rc;

	c = nval > 0 ? sqlite3_value_pointer(val[0], RANK_PTR) : NULL;
	if (c == NULL) {
		sqlite3_result_error(sc, "dossier_score: no context", -1);
		return;
	}
	sqlite3_result_null(sc);
	c->visits++;
	rowid = api->xRowid(fc);
	if (c->pass && rank_day_beaten(c, rowid))
		return;
	/*
	 * Each phrase's weighted count, as bm25 adds it up from xInst: the
	 * weights are whole numbers, so the order of the sum does not matter.
	 */
	for (ip = 0; ip < c->np; ip++) {
		c->f[ip] = 0;
		if ((rc = api->xPhraseFirst(fc, ip, &it, &ic, &io)) !=
		    SQLITE_OK)
			goto fail;
		for (; ic >= 0; api->xPhraseNext(fc, &it, &ic, &io)) {
			if (ic >= STORE_NCOLS)
				continue;
			c->f[ip] += rank_weight[ic];
			if (io + c->p[ip].ntok > end[ic])
				end[ic] = io + c->p[ip].ntok;
		}
	}
	if ((bar = rank_bar(c)) > 0) {
		/* The row is at least as long as its last hit reaches. */
		for (dlb = 0, i = 0; i < STORE_NCOLS; i++)
			dlb += end[i];
		for (bound = 0, i = 0; i < c->np; i++)
			bound += c->p[i].idf * ((c->f[i] * (k1 + 1.0)) /
			    (c->f[i] + k1 * (1 - b + b * dlb / c->avgdl)));
		if (bound * RANK_UP < bar)
			return;
	}
	if ((rc = api->xColumnSize(fc, -1, &d)) != SQLITE_OK)
		goto fail;
	c->info.scored++;
	rank_heap_add(c, rowid, rank_bm25(c, (double)d));
	return;
fail:
	sqlite3_result_error_code(sc, rc);
}

/*
 * dossier_column(fts): the first column, of title, body and note, that
 * holds a hit of the query, else the last (actor names): the column to
 * take a snippet from.
 */
static void
rank_column(const Fts5ExtensionApi *api, Fts5Context *fc,
    sqlite3_context *sc, int nval, sqlite3_value **val)
{
	int	i, n, ip, ic, io, col = STORE_NCOLS - 1, rc;

	(void)nval;
	(void)val;
	if ((rc = api->xInstCount(fc, &n)) != SQLITE_OK) {
		sqlite3_result_error_code(sc, rc);
		return;
	}
	for (i = 0; i < n; i++) {
		if ((rc = api->xInst(fc, i, &ip, &ic, &io)) != SQLITE_OK) {
			sqlite3_result_error_code(sc, rc);
			return;
		}
		if (ic < col)
			col = ic;
	}
	sqlite3_result_int(sc, col);
}

int
store_rank_init(sqlite3 *db)
{
	fts5_api	*api;

	if ((api = store_fts5(db)) == NULL)
		return -1;
	if (api->xCreateFunction(api, "dossier_totals", NULL, rank_totals,
	    NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "dossier_score", NULL, rank_score,
	    NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "dossier_column", NULL, rank_column,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* Scores the hits of st (bound to match) from key lo up to key hi. */
static int
rank_run(sqlite3_stmt *st, struct rank_ctx *c, int64_t lo, int64_t hi)
{
	int	rc;

	sqlite3_bind_pointer(st, 2, c, RANK_PTR, NULL);
	if (lo >= 0) {
		sqlite3_bind_int64(st, 3, lo);
		sqlite3_bind_int64(st, 4, hi);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		/* rank_score keeps what it needs */;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Scores days one at a time, best bound first, until the next cannot beat
 * the k-th best or left days are done. Returns 1 if the ranking is
 * complete, 0 if not, -1 on error.
 */
static int
rank_blocks(sqlite3 *db, const char *match, struct rank_ctx *c,
    struct rank_day *days, int nd, int left)
{
	sqlite3_stmt	*st;
	int		 i, rc = 0;

	qsort(days, (size_t)nd, sizeof *days, rank_day_cmp);
	if (sqlite3_prepare_v2(db, "SELECT dossier_score(fts, ?2) FROM fts"
	    " WHERE fts MATCH ?1 AND rowid >= ?3 AND rowid < ?4", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	for (i = 0; i < nd; i++) {
		if (days[i].bound < rank_theta(c)) {
			rc = 1;
			break;
		}
		if (left-- == 0)
			break;
		if (rank_run(st, c, days[i].day << STORE_DBITS,
		    (days[i].day + 1) << STORE_DBITS) == -1) {
			rc = -1;
			break;
		}
		days[i].done = 1;
		c->info.blocks++;
	}
	if (i == nd)
		rc = 1;
	sqlite3_finalize(st);
	return rc;
}

/*
 * The run of days that starts at day i of days (by date): days whose
 * bound is not beaten, with at most RANK_GAP days between them. Returns
 * the index past its end, or i + 1 if day i starts none.
 */
static int
rank_run_end(const struct rank_ctx *c, const struct rank_day *days, int nd,
    int i, int *starts)
{
	double	bar = rank_bar(c);
	int	j, last = i;

	*starts = !days[i].done && days[i].bound >= bar;
	if (!*starts)
		return i + 1;
	for (j = i + 1; j < nd && days[j].day - days[last].day <= RANK_GAP;
	    j++) {
		if (!days[j].done && days[j].bound >= bar)
			last = j;
	}
	return last + 1;
}

static void	rank_end(sqlite3 *, struct rank_ctx *);

/* The store's fingerprint as db sees it, newly allocated, or NULL. */
static char *
rank_fingerprint(sqlite3 *db)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key ="
	    " 'fingerprint'", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* Gives db2 the page cache db has (store_setup). */
static void
rank_cache_size(sqlite3 *db, sqlite3 *db2)
{
	sqlite3_stmt	*st;
	char		*sql;

	if (sqlite3_prepare_v2(db, "PRAGMA main.cache_size", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		sql = sqlite3_mprintf("PRAGMA cache_size = %lld",
		    (long long)sqlite3_column_int64(st, 0));
		sqlite3_exec(db2, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	sqlite3_finalize(st);
}

/*
 * Opens the second connection if need be (read only, on db's file) and
 * begins a read on both (on db, unless the caller has begun one), so that
 * neither sees a change the other does not. Returns 1 if both read the
 * same store (end with rank_end), else 0.
 */
static int
rank_begin(sqlite3 *db, struct rank_ctx *c)
{
	const char	*path;
	char		*a, *b;
	int		 same;

	if (c->db2 == NULL)
		return 0;
	if (*c->db2 == NULL) {
		path = sqlite3_db_filename(db, "main");
		if (path == NULL || *path == '\0')
			return 0;	/* in memory: no second connection */
		if (sqlite3_open_v2(path, c->db2, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK || store_rank_init(*c->db2) == -1) {
			sqlite3_close(*c->db2);
			*c->db2 = NULL;
			c->db2 = NULL;
			return 0;
		}
		sqlite3_busy_timeout(*c->db2, 2000);
		rank_cache_size(db, *c->db2);
	}
	c->own = sqlite3_get_autocommit(db);
	if (c->own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_exec(*c->db2, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		if (c->own)
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		return 0;
	}
	a = rank_fingerprint(db);
	b = rank_fingerprint(*c->db2);
	same = a != NULL && b != NULL && strcmp(a, b) == 0;
	free(a);
	free(b);
	c->began = 1;
	if (!same)
		rank_end(db, c);
	return same;
}

/* Ends what rank_begin began. */
static void
rank_end(sqlite3 *db, struct rank_ctx *c)
{
	if (!c->began)
		return;
	if (c->own)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_exec(*c->db2, "COMMIT", NULL, NULL, NULL);
	c->began = 0;
}

/* The second half of a whole pass, on a connection and thread of its own. */
struct rank_half {
	struct rank_ctx	 c;
	sqlite3		*db;
	const char	*match;
	int64_t		 from;		/* its first key */
	int		 rc;
};

static void *
rank_half_run(void *arg)
{
	struct rank_half	*h = arg;
	sqlite3_stmt		*st;

	h->rc = -1;
	if (sqlite3_prepare_v2(h->db, "SELECT dossier_score(fts, ?2) FROM fts"
	    " WHERE fts MATCH ?1 AND rowid >= ?3 AND rowid < ?4", -1, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, h->match, -1, SQLITE_STATIC);
	h->rc = rank_run(st, &h->c, h->from, INT64_MAX);
	sqlite3_finalize(st);
	return NULL;
}

/*
 * A whole pass in two halves of about as many hits, the later one on
 * c->db2 and a thread of its own: the best k of each half hold the best k
 * of all. Returns 0, -1 on error, or 1 if no thread could be had (then
 * nothing was done).
 */
static int
rank_pass_split(sqlite3 *db, const char *match, struct rank_ctx *c,
    struct rank_day *days, int nd)
{
	struct rank_half	 h;
	sqlite3_stmt		*st;
	pthread_t		 th;
	sigset_t		 all, old;
	int64_t			 total = 0, sum = 0;
	int			 i, m, rc;

	for (i = 0; i < nd; i++)
		total += days[i].n;
	for (m = 0; m < nd - 1 && (sum += days[m].n) < total / 2; m++)
		/* find the middle */;
	if (m == 0 || sqlite3_prepare_v2(db, "SELECT dossier_score(fts, ?2)"
	    " FROM fts WHERE fts MATCH ?1 AND rowid >= ?3 AND rowid < ?4", -1,
	    &st, NULL) != SQLITE_OK)
		return 1;
	memset(&h, 0, sizeof h);
	h.c = *c;
	h.c.heap = xcalloc((size_t)c->k, sizeof *h.c.heap);
	h.c.f = xcalloc((size_t)c->np, sizeof *h.c.f);
	h.c.n = 0;
	h.c.cursor = m;
	h.c.visits = 0;
	memset(&h.c.info, 0, sizeof h.c.info);
	h.db = *c->db2;
	h.match = match;
	h.from = days[m].day << STORE_DBITS;
	/* Signals are the main thread's business. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&th, NULL, rank_half_run, &h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		sqlite3_finalize(st);
		free(h.c.heap);
		free(h.c.f);
		return 1;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	rc = rank_run(st, c, 0, h.from);
	sqlite3_finalize(st);
	pthread_join(th, NULL);
	if (h.rc != 0)
		rc = -1;
	for (i = 0; i < h.c.n; i++)
		rank_heap_add(c, h.c.heap[i].rowid, h.c.heap[i].score);
	c->visits += h.c.visits;
	c->info.scored += h.c.info.scored;
	c->info.stray += h.c.info.stray;
	c->info.split = 1;
	free(h.c.heap);
	free(h.c.f);
	return rc;
}

/*
 * Whether a whole pass is worth a second thread: est hits to score, or,
 * for a lone phrase whose hits are not known, the rows of its rarest
 * token, which FTS5 walks in full to find them.
 */
static int
rank_halves(const struct rank_ctx *c, int64_t est)
{
	if (est != INT64_MAX)
		return est >= rank_split;
	return c->np == 1 && c->p[0].df < 0 && c->p[0].most != INT64_MAX &&
	    c->p[0].most >= rank_split_walk;
}

/*
 * Scores every hit not ranked yet: in one pass over them all, or over
 * the runs of days whose bound is not beaten (rank_score skips the beaten
 * days inside a run), whichever looks cheaper for est hits. A lone phrase
 * whose df is not known takes the whole pass, which counts it. Returns 0
 * or -1.
 */
static int
rank_pass(sqlite3 *db, const char *match, struct rank_ctx *c,
    struct rank_day *days, int nd, int64_t est)
{
	sqlite3_stmt	*st;
	int64_t		 covered = 0;
	int		 i, j, runs = 0, starts, whole, rc = 0;

	qsort(days, (size_t)nd, sizeof *days, rank_day_bydate);
	c->byday = days;
	c->nbyday = nd;
	c->cursor = 0;
	c->pass = 1;
	c->info.pass = 1;
	whole = c->np == 1 && c->p[0].df < 0;
	for (i = 0; !whole && i < nd; i = j) {
		j = rank_run_end(c, days, nd, i, &starts);
		runs += starts;
		covered += starts ? j - i : 0;
	}
	/* A run costs a query; hits outside the runs cost their walk. */
	if (!whole && est != INT64_MAX && (int64_t)runs * RANK_HITS_A_DAY >=
	    est - est * covered / nd)
		whole = 1;
	/* Many hits or a long walk, two cores: halves at once. */
	if (whole && rank_halves(c, est) && rank_begin(db, c) &&
	    (rc = rank_pass_split(db, match, c, days, nd)) != 1)
		return rc;
	rc = 0;
	if (sqlite3_prepare_v2(db, whole ? "SELECT dossier_score(fts, ?2)"
	    " FROM fts WHERE fts MATCH ?1" : "SELECT dossier_score(fts, ?2)"
	    " FROM fts WHERE fts MATCH ?1 AND rowid >= ?3 AND rowid < ?4",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (whole)
		rc = rank_run(st, c, -1, -1);
	for (i = 0; !whole && rc == 0 && i < nd; i = j) {
		j = rank_run_end(c, days, nd, i, &starts);
		if (!starts)
			continue;
		c->cursor = i;
		c->info.runs++;
		rc = rank_run(st, c, days[i].day << STORE_DBITS,
		    (days[j - 1].day + 1) << STORE_DBITS);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Loads every span's scales: today's average against its reference. */
static int
rank_spans(sqlite3 *db, double avgdl, struct rank_span **out)
{
	struct rank_span	*v = NULL;
	sqlite3_stmt		*st;
	double			 lo, hi;
	int			 n = 0, cap = 0, rc;

	*out = NULL;
	if (sqlite3_prepare_v2(db, "SELECT span, refmin, refmax FROM"
	    " bound_span ORDER BY span", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[n].span = sqlite3_column_int64(st, 0);
		if (v[n].span < 0) {
			rc = SQLITE_ERROR;	/* bounds off (store-stat.c) */
			break;
		}
		lo = sqlite3_column_double(st, 1);
		hi = sqlite3_column_double(st, 2);
		v[n].up = lo > 0 && avgdl > lo ? avgdl / lo : 1;
		v[n].down = hi > 0 && avgdl < hi ? avgdl / hi : 1;
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return -1;
	}
	*out = v;
	return n;
}

/* A term that some row holds and FTS5 reads back as itself, into probe. */
static int
rank_probe(sqlite3 *db, struct store_tokenizer *tz, struct buf *probe)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT term FROM bound_term LIMIT 64", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	while (rc == -1 && sqlite3_step(st) == SQLITE_ROW) {
		if (!rank_is_term(tz, (const char *)sqlite3_column_text(st, 0)))
			continue;
		buf_add(probe, sqlite3_column_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* FTS5's own count of the index and its tokens, from a row of probe. */
static int
rank_index_totals(sqlite3 *db, char *probe, struct rank_ctx *c)
{
	struct store_phrase	 one = { probe, 0 };
	sqlite3_stmt		*st;
	char			*m;
	int			 rc;

	m = rank_fts(&one);
	rc = sqlite3_prepare_v2(db, "SELECT dossier_totals(fts, ?2) FROM fts"
	    " WHERE fts MATCH ?1 LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
		sqlite3_bind_pointer(st, 2, c, RANK_PTR, NULL);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	free(m);
	return rc == SQLITE_ROW && c->nrow > 0 ? 0 : -1;
}

static int
rank_hit_cmp(const void *x, const void *y)
{
	const struct store_rank_hit	*a = x, *b = y;

	return rank_worse(b, a) ? -1 : rank_worse(a, b) ? 1 : 0;
}

int
store_rank_best(sqlite3 *db, sqlite3 **db2, const char *match, int k,
    struct store_rank_hit *out, struct store_rank_info *info, char **err)
{
	struct rank_ctx		 c;
	struct store_phrase	*ph = NULL;
	struct store_tokenizer	 tz;
	struct rank_span	*sp = NULL;
	struct rank_day		*days = NULL;
	struct buf		 probe, qm;
	int64_t			 est;
	int			 nph, nsp, nd, i, left, done = 0, rc = -2;
	int			 lone;

	*err = NULL;
	memset(&c, 0, sizeof c);
	memset(&tz, 0, sizeof tz);
	buf_init(&probe);
	buf_init(&qm);
	if (k < 1 || k > STORE_RANK_MAX)
		return -2;
	nph = store_phrases(match, &ph);
	if (nph == 0)
		goto out;
	c.np = nph;
	c.p = xcalloc((size_t)nph, sizeof *c.p);
	c.f = xcalloc((size_t)nph, sizeof *c.f);
	c.k = k;
	c.heap = out;
	c.db2 = db2;
	lone = nph == 1;

	/*
	 * FTS5's count of rows and tokens, from any row of a term the bounds
	 * know (the query's own terms could be a prefix to expand), then the
	 * spans' scales for today's average.
	 */
	if (store_tokenizer_open(db, &tz) == -1 ||
	    rank_probe(db, &tz, &probe) == -1 ||
	    rank_index_totals(db, probe.data, &c) == -1)
		goto out;
	c.avgdl = (double)c.ntok / (double)c.nrow;
	if ((nsp = rank_spans(db, c.avgdl, &sp)) <= 0)
		goto out;
	for (i = 0; i < nph; i++) {
		c.p[i].fts = rank_fts(&ph[i]);
		if ((rc = rank_phrase_days(db, sp, nsp, &tz, &ph[i],
		    &c.p[i])) != 0)
			goto fail;
		if (c.p[i].df == 0 || (c.p[i].known && c.p[i].ndays == 0)) {
			rc = 0;		/* a word no row holds: no hit */
			goto out;
		}
		/* A lone phrase's df can wait for the pass that counts it. */
		if (c.p[i].df < 0 && !lone && rank_count(db, &c.p[i]) == -1) {
			rc = -1;
			goto fail;
		}
		c.p[i].idf = lone ? 1 : rank_idf(c.nrow, c.p[i].df);
	}
	rc = -2;
	/* The query as the phrases now stand (a prefix may be a term). */
	for (i = 0; i < nph; i++) {
		if (i > 0)
			buf_addc(&qm, ' ');
		buf_adds(&qm, c.p[i].fts);
	}
	match = buf_str(&qm);
	for (i = 0; i < nph && !c.p[i].known; i++)
		/* find one */;
	if (i == nph) {
		rc = -2;	/* nothing to bound days with */
		goto out;
	}
	if ((nd = rank_days(&c, &days)) == 0) {
		rc = 0;
		goto out;
	}

	/*
	 * Day by day, while that is cheaper than a pass: a day costs a
	 * query, a pass about a tenth of a microsecond a hit. Only a lone
	 * word has bounds tight enough, and days of a prefix cost FTS5 the
	 * whole expansion each.
	 */
	for (est = INT64_MAX, i = 0; i < nph; i++) {
		if (c.p[i].df >= 0 && c.p[i].df < est)
			est = c.p[i].df;
	}
	left = 0;
	if (lone && c.p[0].ntok == 1 && !c.p[0].prefix && nd > 1)
		left = est / RANK_HITS_A_DAY > RANK_BLOCKS ? RANK_BLOCKS :
		    (int)(est / RANK_HITS_A_DAY);
	if (left > 0 && (done = rank_blocks(db, match, &c, days, nd,
	    left)) == -1)
		goto sqlfail;
	if (!done) {
		if (rank_pass(db, match, &c, days, nd, est) == -1)
			goto sqlfail;
		/* A lone phrase with no df yet: the pass counted its rows. */
		if (c.p[0].df < 0)
			c.p[0].df = c.visits;
	}
	if (lone) {
		c.p[0].idf = rank_idf(c.nrow, c.p[0].df);
		for (i = 0; i < c.n; i++)
			out[i].score = 0.0 + c.p[0].idf * out[i].score;
	}
	qsort(out, (size_t)c.n, sizeof *out, rank_hit_cmp);
	rc = c.n;
	goto out;

sqlfail:
	rc = -1;
fail:
	if (rc == -1)
		*err = xasprintf("search failed: %s", sqlite3_errmsg(db));
out:
	rank_end(db, &c);
	if (info != NULL)
		*info = c.info;
	for (i = 0; i < c.np; i++) {
		free(c.p[i].fts);
		free(c.p[i].days);
	}
	free(c.p);
	free(c.f);
	free(days);
	free(sp);
	buf_free(&probe);
	buf_free(&qm);
	store_tokenizer_close(&tz);
	store_phrases_free(ph, nph);
	return rc;
}
