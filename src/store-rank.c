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
#include "util.h"

#define RANK_BLOCKS	256	/* days scored one at a time, at most */
#define RANK_HITS_A_DAY	2048	/* hits a pass takes in the time of a day */
#define RANK_GAP	8	/* beaten days a run of days may span */
#define RANK_EXPAND	20000	/* term-days a prefix may stand for */
#define RANK_OR		64	/* terms a prefix may be written as */
#define RANK_UP		(1 + 1e-9)	/* bounds err upwards... */
#define RANK_DOWN	(1 - 1e-9)	/* ...and floors downwards */
#define RANK_PTR	"dossier_rank"
#define RANK_SPLIT	20000	/* hits worth a second thread in a pass */

static const double rank_weight[STORE_NCOLS] = { STORE_WEIGHTS };
static int64_t rank_split = RANK_SPLIT;	/* store_rank_split */

void
store_rank_split(int64_t hits)
{
	rank_split = hits > 0 ? hits : RANK_SPLIT;
}

/* A day that may hold hits: the most a hit in it can score, the least
 * its best hit scores (0 if not known). */
struct rank_day {
	int64_t		 day;
	double		 bound;
	double		 floor;
	int64_t		 n;		/* rows of its rarest phrase, at most */
	int		 done;		/* scored already */
};

/* What one phrase's terms say of a day (h, before idf and k1 + 1). */
struct rank_pday {
	int64_t		 day;
	double		 peak;		/* bound, scaled to today, at most 1 */
	double		 low;		/* floor, or 0 */
	int64_t		 n;		/* rows holding the term */
};

struct rank_phrase {
	char		*fts;		/* the phrase alone, in FTS5 syntax */
	int		 ntok;
	int		 prefix;
	int64_t		 df;		/* rows holding it, or -1 */
	double		 idf;		/* 1 while a lone phrase is ranked */
	struct rank_pday *days;		/* by day; NULL if not known */
	int		 ndays;
	int		 known;
};

/* A span's scale for today's average, up and down (store-stat.c). */
struct rank_span {
	int64_t		 span;
	double		 up;		/* max(1, avgdl / reference) */
	double		 down;		/* min(1, avgdl / reference) */
};

/* The ranking's state, which rank_score reaches through a pointer. */
struct rank_ctx {
	struct rank_phrase *p;
	int		 np;
	double		 avgdl;
	int64_t		 nrow;
	int64_t		 ntok;
	double		*f;		/* each phrase's weighted count */
	double		 floor;		/* the k-th best floor, or -1 */
	int64_t		 visits;	/* rows rank_score was called on */
	sqlite3		**db2;		/* a second connection's slot, or NULL */
	int		 began;		/* reads begun on both (rank_begin) */
	/* a pass: days in day order, for rank_day_beaten */
	int		 pass;
	struct rank_day	*byday;
	int		 nbyday;
	int		 cursor;
	/* the best hits so far: a heap with the worst on top */
	struct store_rank_hit *heap;
	int		 n;
	int		 k;
	struct store_rank_info info;
};

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

/* The phrase p alone in FTS5 syntax; caller frees. */
static char *
rank_fts(const struct store_phrase *p)
{
	struct buf	 b;
	const char	*s;

	buf_init(&b);
	buf_addc(&b, '"');
	for (s = p->text; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '"');
	if (p->prefix)
		buf_addc(&b, '*');
	return buf_detach(&b);
}

/* A phrase's tokens, as FTS5 makes them of a query. */
struct rank_tokens {
	char		**v;
	int		 *len;
	int		  n;
};

static int
rank_token_cb(void *arg, int tflags, const char *token, int len, int start,
    int end)
{
	struct rank_tokens	*t = arg;

	(void)start;
	(void)end;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (len > STORE_TOKEN_MAX)
		len = STORE_TOKEN_MAX;
	t->v = xreallocarray(t->v, (size_t)t->n + 1, sizeof *t->v);
	t->len = xreallocarray(t->len, (size_t)t->n + 1, sizeof *t->len);
	t->v[t->n] = xmalloc((size_t)len + 1);
	memcpy(t->v[t->n], token, (size_t)len);
	t->v[t->n][len] = '\0';
	t->len[t->n++] = len;
	return SQLITE_OK;
}

static void
rank_tokens_free(struct rank_tokens *t)
{
	int	i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->len);
	memset(t, 0, sizeof *t);
}

/*
 * The end of the range of terms with prefix tok (len bytes): every such
 * term sorts below the prefix and a byte 0xff, which UTF-8 never holds.
 * Returns a new string of len + 1 bytes (caller frees).
 */
static char *
rank_prefix_end(const char *tok, int len)
{
	char	*hi;

	hi = xmalloc((size_t)len + 2);
	memcpy(hi, tok, (size_t)len);
	hi[len] = (char)0xff;
	hi[len + 1] = '\0';
	return hi;
}

/* The scales of span, from sp (sorted by span). */
static const struct rank_span *
rank_span_find(const struct rank_span *sp, int nsp, int64_t span)
{
	static const struct rank_span	 none = { 0, 1, 1 };
	int				 lo = 0, hi = nsp, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sp[mid].span < span)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nsp && sp[lo].span == span ? &sp[lo] : &none;
}

/*
 * The days of one token: a term, or every term it is a prefix of. For a
 * prefix the peaks add up (h of a sum of counts is at most the sum of
 * the h's) and the floor is the best term's. Peaks are scaled up to
 * today's average and capped at 1, which no h reaches; floors are scaled
 * down. Returns the number of days in *out (caller frees) and the rows
 * holding a term in *df; -2 if a prefix stands for too much; -1 on
 * error. A prefix of just one term leaves it in *only, else *only is
 * empty.
 */
static int
rank_token_days(sqlite3 *db, const struct rank_span *sp, int nsp,
    const char *tok, int len, int prefix, struct rank_pday **out,
    int64_t *df, struct buf *only)
{
	struct rank_pday	*v = NULL;
	const struct rank_span	*sc;
	sqlite3_stmt		*st;
	const unsigned char	*blob;
	char			*hi;
	double			 peak;
	int64_t			 span, day;
	int			 n = 0, cap = 0, i, j, m, rows = 0, rc, many = 0;

	*df = 0;
	buf_reset(only);
	if (sqlite3_prepare_v2(db, prefix ? "SELECT t.span, t.days, t.term FROM"
	    " bound_span s CROSS JOIN bound_term t ON t.span = s.span AND"
	    " t.term >= ?1 AND t.term < ?2 ORDER BY s.span" : "SELECT t.span,"
	    " t.days, t.term FROM bound_span s CROSS JOIN bound_term t ON"
	    " t.span = s.span AND t.term = ?1 ORDER BY s.span", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, tok, len, SQLITE_STATIC);
	hi = rank_prefix_end(tok, len);
	if (prefix)
		sqlite3_bind_text(st, 2, hi, len + 1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		span = sqlite3_column_int64(st, 0);
		blob = sqlite3_column_blob(st, 1);
		m = sqlite3_column_bytes(st, 1) / STORE_STAT_DAYREC;
		sc = rank_span_find(sp, nsp, span);
		if (prefix && only->len == 0 && !many)
			buf_add(only, sqlite3_column_text(st, 2),
			    (size_t)sqlite3_column_bytes(st, 2));
		else if (prefix && !many && ((size_t)sqlite3_column_bytes(st,
		    2) != only->len || memcmp(only->data,
		    sqlite3_column_text(st, 2), only->len) != 0))
			many = 1;
		if ((rows += m) > RANK_EXPAND) {
			rc = -2;
			break;
		}
		for (i = 0; i < m; i++, blob += STORE_STAT_DAYREC) {
			day = (span << STORE_SPAN_BITS) + blob[0];
			/* A prefix's terms: add to the day if it is there. */
			for (j = n - 1; prefix && j >= 0 &&
			    v[j].day >> STORE_SPAN_BITS == span; j--) {
				if (v[j].day == day)
					break;
			}
			if (!prefix || j < 0 || v[j].day != day) {
				if (n == cap) {
					cap = cap == 0 ? 256 : cap * 2;
					v = xreallocarray(v, (size_t)cap,
					    sizeof *v);
				}
				j = n++;
				v[j].day = day;
				v[j].peak = v[j].low = 0;
				v[j].n = 0;
			}
			peak = store_stat_getdouble(blob + 5);
			v[j].peak += peak * sc->up;
			if (peak * sc->down > v[j].low)
				v[j].low = peak * sc->down;
			v[j].n += store_stat_get32(blob + 1);
			*df += store_stat_get32(blob + 1);
		}
	}
	sqlite3_finalize(st);
	free(hi);
	if (many || !prefix)
		buf_reset(only);
	if (rc != SQLITE_DONE) {
		free(v);
		return rc == -2 ? -2 : -1;
	}
	if (prefix) {
		/* A prefix's days came span by span, unsorted within one. */
		for (i = 1; i < n; i++) {
			struct rank_pday	t = v[i];

			for (j = i - 1; j >= 0 && v[j].day > t.day; j--)
				v[j + 1] = v[j];
			v[j + 1] = t;
		}
	}
	for (i = 0; i < n; i++) {
		if (v[i].peak > 1)
			v[i].peak = 1;
	}
	*out = v;
	return n;
}

/*
 * The days of a phrase: those holding all its tokens, each bounded by the
 * smallest of their peaks (a phrase is never more frequent in a row than
 * any of its words). Only a phrase of one token has floors. Returns 0,
 * -2 if the phrase has no token, or -1 on error.
 */
static int
rank_phrase_days(sqlite3 *db, const struct rank_span *sp, int nsp,
    struct store_tokenizer *tz, const struct store_phrase *ph,
    struct rank_phrase *p)
{
	struct rank_tokens	 t, u;
	struct rank_pday	*v = NULL, *w;
	struct buf		 only;
	int64_t			 df;
	int			 i, n = 0, m, a, b, k, flags, rc = 0;

	memset(&t, 0, sizeof t);
	flags = FTS5_TOKENIZE_QUERY | (ph->prefix ? FTS5_TOKENIZE_PREFIX : 0);
	tz->api.xTokenize(tz->tok, &t, flags, ph->text, (int)strlen(ph->text),
	    rank_token_cb);
	p->ntok = t.n;
	p->prefix = ph->prefix;
	p->df = -1;
	if (t.n == 0) {
		rank_tokens_free(&t);
		return -2;
	}
	buf_init(&only);
	for (i = 0; i < t.n; i++) {
		m = rank_token_days(db, sp, nsp, t.v[i], t.len[i],
		    ph->prefix && i == t.n - 1, &w, &df, &only);
		if (m < 0) {
			rc = m;
			break;
		}
		if (t.n == 1 && !ph->prefix)
			p->df = df;
		/*
		 * A prefix of one term is that term, if FTS5 reads it back
		 * as itself: then FTS5 need not expand it on every query.
		 */
		if (t.n == 1 && ph->prefix && only.len > 0) {
			memset(&u, 0, sizeof u);
			tz->api.xTokenize(tz->tok, &u, FTS5_TOKENIZE_QUERY,
			    only.data, (int)only.len, rank_token_cb);
			if (u.n == 1 && (size_t)u.len[0] == only.len &&
			    memcmp(u.v[0], only.data, only.len) == 0) {
				struct store_phrase	 one = { only.data, 0 };

				p->prefix = 0;
				p->df = df;
				free(p->fts);
				p->fts = rank_fts(&one);
			}
			rank_tokens_free(&u);
		}
		if (i == 0) {
			v = w;
			n = m;
			continue;
		}
		for (a = b = k = 0; a < n && b < m;) {
			if (v[a].day < w[b].day)
				a++;
			else if (v[a].day > w[b].day)
				b++;
			else {
				v[k] = v[a];
				if (w[b].peak < v[k].peak)
					v[k].peak = w[b].peak;
				v[k].low = 0;
				k++, a++, b++;
			}
		}
		n = k;
		free(w);
	}
	rank_tokens_free(&t);
	buf_free(&only);
	if (rc == -1) {
		free(v);
		return -1;
	}
	if (rc == 0) {
		p->days = v;
		p->ndays = n;
		p->known = 1;
	}
	return 0;
}

/*
 * The terms of the index that start with prefix tok, up to max of them,
 * into terms (each newly allocated). Returns their number, or max + 1
 * if there are more, or -1 on error.
 */
static int
rank_expand(sqlite3 *db, const char *tok, int len, char **terms, int max)
{
	sqlite3_stmt	*st;
	char		*hi;
	int		 n = 0, i, rc;

	if (sqlite3_prepare_v2(db, "SELECT DISTINCT t.term FROM bound_span s"
	    " CROSS JOIN bound_term t ON t.span = s.span AND t.term >= ?1 AND"
	    " t.term < ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	hi = rank_prefix_end(tok, len);
	sqlite3_bind_text(st, 1, tok, len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, len + 1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n <= max) {
		if (n < max)
			terms[n] = xstrdup((const char *)sqlite3_column_text(st,
			    0));
		n++;
	}
	sqlite3_finalize(st);
	free(hi);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		for (i = 0; i < n && i < max; i++)
			free(terms[i]);
		return -1;
	}
	return n;
}

/* Whether FTS5 reads term back as itself, and so can be asked for it. */
static int
rank_is_term(struct store_tokenizer *tz, const char *term)
{
	struct rank_tokens	t;
	int			ok;

	memset(&t, 0, sizeof t);
	tz->api.xTokenize(tz->tok, &t, FTS5_TOKENIZE_QUERY, term,
	    (int)strlen(term), rank_token_cb);
	ok = t.n == 1 && strcmp(t.v[0], term) == 0;
	rank_tokens_free(&t);
	return ok;
}

char *
store_rank_rows_match(sqlite3 *db, const char *match)
{
	struct store_phrase	*ph, one;
	struct store_tokenizer	 tz;
	struct rank_tokens	 t;
	struct buf		 b;
	char			*terms[RANK_OR], *q;
	int			 nph, i, j, n, ok;

	if (store_tokenizer_open(db, &tz) == -1)
		return xstrdup(match);
	nph = store_phrases(match, &ph);
	buf_init(&b);
	for (i = 0; i < nph; i++) {
		/* FTS5 takes a space for AND between phrases only. */
		if (i > 0)
			buf_adds(&b, " AND ");
		memset(&t, 0, sizeof t);
		if (ph[i].prefix)
			tz.api.xTokenize(tz.tok, &t, FTS5_TOKENIZE_QUERY |
			    FTS5_TOKENIZE_PREFIX, ph[i].text,
			    (int)strlen(ph[i].text), rank_token_cb);
		n = t.n == 1 ? rank_expand(db, t.v[0], t.len[0], terms,
		    RANK_OR) : -1;
		rank_tokens_free(&t);
		for (ok = n >= 1 && n <= RANK_OR, j = 0; ok && j < n; j++)
			ok = rank_is_term(&tz, terms[j]);
		if (!ok) {
			q = rank_fts(&ph[i]);
			buf_adds(&b, q);
			free(q);
		}
		for (j = 0; ok && j < n; j++) {
			one.text = terms[j];
			one.prefix = 0;
			q = rank_fts(&one);
			buf_adds(&b, j == 0 && n > 1 ? "(" : j > 0 ? " OR " :
			    "");
			buf_adds(&b, q);
			free(q);
		}
		if (ok && n > 1)
			buf_addc(&b, ')');
		for (j = 0; j < n && j < RANK_OR; j++)
			free(terms[j]);
	}
	store_phrases_free(ph, nph);
	store_tokenizer_close(&tz);
	return buf_detach(&b);
}

/* Counts the rows holding phrase p, as FTS5 does for its idf. */
static int
rank_count(sqlite3 *db, struct rank_phrase *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM fts WHERE fts MATCH"
	    " ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, p->fts, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		p->df = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* FTS5's idf for a phrase in df of nrow rows. */
static double
rank_idf(int64_t nrow, int64_t df)
{
	double	idf = log((nrow - df + 0.5) / (df + 0.5));

	return idf <= 0.0 ? 1e-6 : idf;
}

/* Days by bound, best first; equal bounds in day order. */
static int
rank_day_cmp(const void *x, const void *y)
{
	const struct rank_day	*a = x, *b = y;

	if (a->bound != b->bound)
		return a->bound > b->bound ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

static int
rank_day_bydate(const void *x, const void *y)
{
	const struct rank_day	*a = x, *b = y;

	return a->day < b->day ? -1 : a->day > b->day;
}

static int
rank_double_desc(const void *x, const void *y)
{
	double	a = *(const double *)x, b = *(const double *)y;

	return a > b ? -1 : a < b;
}

/*
 * The days every known phrase may be found on, each with its bound: the
 * sum over phrases of idf * (k1 + 1) * the phrase's peak there (1 for a
 * phrase that is not known). A lone phrase's days have floors too, and
 * c->floor becomes the k-th best of them: k hits score at least that.
 * Returns the number of days in *out (caller frees).
 */
static int
rank_days(struct rank_ctx *c, struct rank_day **out)
{
	struct rank_day		*v;
	const struct rank_phrase *p, *q = NULL;
	double			 bound, peak, *floors;
	int			 i, j, n = 0, *at;

	for (i = 0; i < c->np; i++) {
		p = &c->p[i];
		if (p->known && (q == NULL || p->ndays < q->ndays))
			q = p;
	}
	/* Walk the phrase with the fewest days; look the others up. */
	v = xreallocarray(NULL, (size_t)q->ndays + 1, sizeof *v);
	at = xcalloc((size_t)c->np, sizeof *at);
	for (j = 0; j < q->ndays; j++) {
		bound = 0;
		for (i = 0; i < c->np; i++) {
			p = &c->p[i];
			peak = 1;
			if (p->known) {
				while (at[i] < p->ndays &&
				    p->days[at[i]].day < q->days[j].day)
					at[i]++;
				if (at[i] == p->ndays ||
				    p->days[at[i]].day != q->days[j].day)
					break;
				peak = p->days[at[i]].peak;
			}
			bound += p->idf * (STORE_BM25_K1 + 1.0) * peak;
		}
		if (i < c->np)
			continue;
		v[n].day = q->days[j].day;
		v[n].bound = bound * RANK_UP;
		v[n].floor = c->np == 1 ? q->idf * (STORE_BM25_K1 + 1.0) *
		    q->days[j].low : 0;
		v[n].n = q->days[j].n;
		v[n].done = 0;
		n++;
	}
	free(at);
	c->floor = -1;
	if (c->np == 1 && n >= c->k) {
		floors = xreallocarray(NULL, (size_t)n, sizeof *floors);
		for (i = 0; i < n; i++)
			floors[i] = v[i].floor;
		qsort(floors, (size_t)n, sizeof *floors, rank_double_desc);
		c->floor = floors[c->k - 1] * RANK_DOWN;
		free(floors);
	}
	*out = v;
	return n;
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

/*
 * Opens the second connection if need be (read only, on db's file) and
 * begins a read on both, so that neither sees a change the other does
 * not. Returns 1 if both read the same store (end with rank_end), else 0.
 */
static int
rank_begin(sqlite3 *db, struct rank_ctx *c)
{
	const char	*path;
	char		*a, *b;
	int		 same;

	if (c->db2 == NULL || sqlite3_get_autocommit(db) == 0)
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
		sqlite3_exec(*c->db2, "PRAGMA cache_size = -8192", NULL, NULL,
		    NULL);
	}
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_exec(*c->db2, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
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
	/* Many hits, two cores: halves at once. */
	if (whole && est >= rank_split && est != INT64_MAX &&
	    rank_begin(db, c) &&
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
