/*
 * store-rank-days.c: the days a search may be found on, and the most its
 * hits can score on each, read from the bounds store-stat.c keeps by term
 * and span of days (see the design note of store-rank.c). Also the row
 * form of a query, with each prefix written out as its terms.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "store-rank-int.h"
#include "util.h"

/* The phrase p alone in FTS5 syntax; caller frees. */
char *
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
int
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
	p->most = INT64_MAX;
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
		if (df < p->most)
			p->most = df;
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
int
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

int64_t
store_rank_walk_guess(sqlite3 *db, const char *match)
{
	struct store_phrase	*ph;
	struct store_tokenizer	 tz;
	struct rank_tokens	 t;
	sqlite3_stmt		*st;
	const unsigned char	*blob;
	int64_t			 span = 0, rows = 0, all = 0, held = 0;
	int			 nph, i, j, m, ok = 1;

	/*
	 * One span, the busiest (SQLite gives a bare column of max()'s row):
	 * each page a short search reads costs it a page fault, and a span
	 * costs a descent of bound_term per term.
	 */
	if (sqlite3_prepare_v2(db, "SELECT span, max(rows), sum(rows) FROM"
	    " bound_span", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		span = sqlite3_column_int64(st, 0);
		rows = sqlite3_column_int64(st, 1);
		all = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rows <= 0 || store_tokenizer_open(db, &tz) == -1)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT days FROM bound_term WHERE span ="
	    " ?1 AND term = ?2", -1, &st, NULL) != SQLITE_OK) {
		store_tokenizer_close(&tz);
		return -1;
	}
	sqlite3_bind_int64(st, 1, span);
	nph = store_phrases(match, &ph);
	for (i = 0; ok && i < nph; i++) {
		memset(&t, 0, sizeof t);
		tz.api.xTokenize(tz.tok, &t, FTS5_TOKENIZE_QUERY, ph[i].text,
		    (int)strlen(ph[i].text), rank_token_cb);
		ok = !ph[i].prefix && t.n > 0;
		for (j = 0; ok && j < t.n; j++) {
			sqlite3_bind_text(st, 2, t.v[j], t.len[j],
			    SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW) {
				blob = sqlite3_column_blob(st, 0);
				m = sqlite3_column_bytes(st, 0) /
				    STORE_STAT_DAYREC;
				for (; m > 0; m--, blob += STORE_STAT_DAYREC)
					held += store_stat_get32(blob + 1);
			}
			sqlite3_reset(st);
		}
		rank_tokens_free(&t);
	}
	sqlite3_finalize(st);
	store_tokenizer_close(&tz);
	store_phrases_free(ph, nph);
	if (!ok || nph == 0)
		return -1;
	return (int64_t)((double)held * (double)all / (double)rows);
}

/* Counts the rows holding phrase p, as FTS5 does for its idf. */
int
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
double
rank_idf(int64_t nrow, int64_t df)
{
	double	idf = log((nrow - df + 0.5) / (df + 0.5));

	return idf <= 0.0 ? 1e-6 : idf;
}

/* Days by bound, best first; equal bounds in day order. */
int
rank_day_cmp(const void *x, const void *y)
{
	const struct rank_day	*a = x, *b = y;

	if (a->bound != b->bound)
		return a->bound > b->bound ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

int
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
int
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

