/*
 * store-search.c: a search's hits for the command line, best first, each
 * with a snippet (store-rank.c finds the best; FTS5 makes the snippets).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

/* Best first, as ORDER BY rank, rowid: higher score, then lower row. */
static int
search_hit_cmp(const void *x, const void *y)
{
	const struct store_rank_hit	*a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

/*
 * How many hits a search will have, from the n it has found up to key
 * last: as many again for each such share of the timeline's keys.
 */
static int64_t
search_few_more(struct store *s, int64_t n, int64_t last)
{
	sqlite3_stmt	*st;
	int64_t		 lo = 0, hi = 0;

	st = store_stmt(s, "SELECT (SELECT min(rid) FROM event),"
	    " (SELECT max(rid) FROM event)");
	if (sqlite3_step(st) == SQLITE_ROW) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (last <= lo || hi <= lo)
		return INT64_MAX;
	return (int64_t)((double)n * (double)(hi - lo) / (double)(last - lo));
}

/*
 * Whether a word is in more than cap rows: found by its rows alone, for
 * bm25 would count them all before its first score. Not by the ranked
 * statement: SQLite computes every column of a row it steps to.
 */
static int
search_few_many(struct store *s, const char *match, int cap)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	st = store_stmt(s, "SELECT rowid FROM fts WHERE fts MATCH ?1 LIMIT ?2");
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, cap + 1);
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return n > cap;
}

/*
 * A search of fewer than STORE_RANK_FEW hits of one word, or of anything
 * else fewer than STORE_RANK_FEW_AND or than STORE_RANK_FEW_MAX where the
 * first ones say there will be (search_few_more), is ranked here, as the
 * plain FTS5 query would: its hits come in row order with FTS5's own rank, and
 * the best limit of them go to out (limit slots). Returns their number,
 * or -2 when there are more hits, for the bounds to rank. That is known
 * before FTS5 scores a row: its bm25 counts every row of each phrase
 * first, a third of a million rows for a common word (10 ms at a million
 * events), which the bounds know without a walk. So a word is counted up
 * to the cap by its rows alone, and other queries go by a guess of the
 * rows of their terms (store_rank_walk_guess). A prefix is left to the
 * bounds: FTS5 would expand it whole before the first hit.
 */
static int
search_few(struct store *s, const char *match, int64_t limit,
    struct store_rank_hit *out)
{
	struct store_phrase	*ph;
	struct store_rank_hit	*v;
	sqlite3_stmt		*st;
	const char		*c;
	int			 n, i, cap, max, prefix = 0, word;

	n = store_phrases(match, &ph);
	for (i = 0; i < n; i++)
		prefix |= ph[i].prefix;
	/* One word: the bounds rank it day by day, the best days first. */
	for (word = n == 1, c = word ? ph[0].text : ""; word && *c; c++)
		word = (unsigned char)*c >= 0x80 || isalnum((unsigned char)*c);
	store_phrases_free(ph, n);
	if (n == 0 || prefix)
		return -2;
	cap = word ? STORE_RANK_FEW : STORE_RANK_FEW_AND;
	max = word ? cap : STORE_RANK_FEW_MAX;
	if (word ? search_few_many(s, match, cap) :
	    store_rank_walk_guess(s->db, match) > STORE_RANK_FEW_WALK)
		return -2;
	/* Not zeroed: a page costs only when a hit is written to it. */
	v = xreallocarray(NULL, (size_t)cap, sizeof *v);
	st = store_stmt(s, "SELECT rowid, rank FROM fts WHERE fts MATCH ?1"
	    " LIMIT ?2");
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, max);
	for (n = 0; n < max && sqlite3_step(st) == SQLITE_ROW; n++) {
		if (n == cap) {
			/* Go on while the hits so far, spread over the whole
			 * timeline as over the part passed, stay under max. */
			if (search_few_more(s, n, v[n - 1].rowid) > max)
				break;
			cap = cap * 2 < max ? cap * 2 : max;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[n].rowid = sqlite3_column_int64(st, 0);
		v[n].score = -sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	if (n == max || n == cap) {
		free(v);
		return -2;
	}
	qsort(v, (size_t)n, sizeof *v, search_hit_cmp);
	if (n > limit)
		n = (int)limit;
	memcpy(out, v, (size_t)n * sizeof *v);
	free(v);
	return n;
}

int
store_search_best(struct store *s, const char *match, int64_t limit,
    struct store_rank_hit **hits, char **err)
{
	int	n;

	*hits = NULL;
	if (limit <= 0 || limit > STORE_RANK_MAX)
		return -2;
	*hits = xcalloc((size_t)limit, sizeof **hits);
	if ((n = search_few(s, match, limit, *hits)) == -2)
		n = store_rank_best(s->db, &s->db2, match, (int)limit, *hits,
		    NULL, err);
	if (n < 0) {
		free(*hits);
		*hits = NULL;
	}
	return n;
}

/*
 * What one actor says of why an event hit matched: "actor: NAME" with the
 * terms marked where the name holds them, else "actor: NAME (as
 * \"ALIAS\")" for the first alias that does, else nothing. A search
 * keeps each actor's answer (the same actors come back hit after hit).
 */
struct search_actor {
	char	*id;
	char	*why;		/* or NULL */
};
struct search_actors {
	struct search_actor	*v;
	int			 n;
	int			 cap;
};

/* What a search's reasons need: its marker, and the actors it met. */
struct search_why {
	struct store_highlighter	*m;
	struct search_actors		 a;
};

static void
search_why_init(struct search_why *w, sqlite3 *db, const char *match)
{
	memset(w, 0, sizeof *w);
	w->m = store_highlighter_new(db, match);
}

static void
search_why_free(struct search_why *w)
{
	int	i;

	for (i = 0; i < w->a.n; i++) {
		free(w->a.v[i].id);
		free(w->a.v[i].why);
	}
	free(w->a.v);
	store_highlighter_free(w->m);
}

/* Actor id's part of a reason (owned by a), or NULL. */
static const char *
search_actor_part(struct store *s, struct store_highlighter *m,
    struct search_actors *a, const char *id)
{
	struct search_actor	*x;
	sqlite3_stmt		*st;
	const char		*name, *alias;
	char			*h;
	int			 i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i].id, id) == 0)
			return a->v[i].why;
	}
	if (a->n == a->cap) {
		a->cap = a->cap == 0 ? 32 : a->cap * 2;
		a->v = xreallocarray(a->v, (size_t)a->cap, sizeof *a->v);
	}
	x = &a->v[a->n++];
	x->id = xstrdup(id);
	x->why = NULL;
	st = store_stmt(s, "SELECT a.name, al.alias FROM actor a LEFT JOIN"
	    " alias al ON al.aid = a.aid WHERE a.id = ?1 ORDER BY al.ord");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	while (x->why == NULL && sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		alias = (const char *)sqlite3_column_text(st, 1);
		if ((h = store_highlighter_apply(m, name)) != NULL) {
			x->why = xasprintf("actor: %s", h);
			free(h);
		} else if (alias != NULL &&
		    (h = store_highlighter_apply(m, alias)) != NULL) {
			x->why = xasprintf("actor: %s (as \"%s\")", name,
			    alias);
			free(h);
		}
	}
	sqlite3_reset(st);
	return x->why;
}

/*
 * Why an event hit that matched only through its actors did: each actor's
 * part (search_actor_part), "; " between them. The index's own text for
 * the actors column lists every alias, which says nothing of the reason.
 * Returns a new string (caller frees), or NULL if the title or the summary
 * holds a term (the snippet shows it), or no actor does. The event is rid,
 * or if that is < 0 the event of that id, whose summary is read unless
 * known.
 */
static char *
search_actor_reason(struct store *s, struct search_why *w, int64_t rid,
    const char *event, const char *title, const char *summary, int known)
{
	struct store_highlighter *m = w->m;
	sqlite3_stmt	*st;
	struct buf	 b;
	char		*h = NULL;
	const char	*why;
	int		 rc;

	if (m == NULL || (h = store_highlighter_apply(m, title)) != NULL) {
		free(h);
		return NULL;
	}
	if (!known) {
		st = store_stmt(s, "SELECT rid, summary FROM event WHERE"
		    " id = ?1");
		sqlite3_bind_text(st, 1, event, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		rid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
		h = rc == SQLITE_ROW ? store_highlighter_apply(m,
		    (const char *)sqlite3_column_text(st, 1)) : NULL;
		sqlite3_reset(st);
	} else
		h = store_highlighter_apply(m, summary);
	if (h != NULL || rid < 0) {
		free(h);
		return NULL;
	}
	buf_init(&b);
	st = store_stmt(s, "SELECT actor FROM event_actor WHERE rid = ?1"
	    " ORDER BY ord");
	sqlite3_bind_int64(st, 1, rid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((why = search_actor_part(s, m, &w->a, (const char *)
		    sqlite3_column_text(st, 0))) != NULL)
			buf_addf(&b, "%s%s", b.len > 0 ? "; " : "", why);
	}
	sqlite3_reset(st);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Fills h from a row of STORE_SEARCH_SQL or STORE_HIT_SQL. */
static void
search_hit(sqlite3_stmt *st, struct store_hit *h)
{
	h->event = (const char *)sqlite3_column_text(st, 0);
	store_col_copy(st, 1, h->date, sizeof h->date);
	h->title = (const char *)sqlite3_column_text(st, 2);
	h->kind = (const char *)sqlite3_column_text(st, 3);
	h->kind = strcmp(h->kind, "event") == 0 ? "event" :
	    strcmp(h->kind, "note") == 0 ? "note" : "excerpt";
	h->snippet = (const char *)sqlite3_column_text(st, 4);
	h->rank = sqlite3_column_double(st, 5);
}

/*
 * Hands hit h to fn, its snippet replaced by the actors that matched when
 * only they did (search_actor_reason).
 */
static void
search_give(struct store *s, struct search_why *w, struct store_hit *h,
    void (*fn)(const struct store_hit *, void *), void *arg)
{
	char	*why = NULL;

	if (strcmp(h->kind, "event") == 0 && (why = search_actor_reason(s, w,
	    -1, h->event, h->title, NULL, 0)) != NULL)
		h->snippet = why;
	fn(h, arg);
	free(why);
}

/*
 * The rows to take the hits' snippets from (?1 of the statements that
 * make them), with OR for AND: store_rank_rows_match gives "a" AND "b"*
 * AND ("c" OR "d"), query_translate "a" "b"*. A hit holds every phrase,
 * and each phrase's instances in it are the same under OR, which is all a
 * snippet reads; but FTS5 finds one row of an OR by a seek in each term's
 * list, where an AND walks them (at a million events, 1.1M instructions a
 * hit for two words of 4,000 rows each, against 0.1M). Returns a new
 * string (caller frees): rows itself when it is one phrase, or anything
 * but such a list.
 */
static char *
search_rows_any(char *rows)
{
	struct buf	 b;
	const char	*p = rows, *item;
	int		 n = 0, depth, quoted;

	buf_init(&b);
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (strncmp(p, "AND ", 4) == 0) {
			p += 4;
			continue;
		}
		item = p;
		if (*p == '"') {
			/* A phrase, '"' doubled inside, maybe a prefix. */
			for (p++; *p != '\0' && (*p != '"' || p[1] == '"');
			    p++) {
				if (*p == '"')
					p++;
			}
			if (*p++ != '"')
				goto keep;
			if (*p == '*')
				p++;
		} else if (*p == '(') {
			/* A group of phrases, up to its own ')'. */
			for (depth = 0, quoted = 0; *p != '\0'; p++) {
				if (*p == '"')
					quoted = !quoted;
				else if (!quoted && *p == '(')
					depth++;
				else if (!quoted && *p == ')' && --depth == 0)
					break;
			}
			if (*p++ != ')')
				goto keep;
		} else
			goto keep;
		if (*p != ' ' && *p != '\0')
			goto keep;
		if (n++ > 0)
			buf_adds(&b, " OR ");
		buf_add(&b, item, (size_t)(p - item));
	}
	if (n < 2)
		goto keep;
	free(rows);
	return buf_detach(&b);
keep:
	buf_free(&b);
	return rows;
}

char *
store_search_rows(sqlite3 *db, const char *match)
{
	return search_rows_any(store_rank_rows_match(db, match));
}

/*
 * A best hit's row and snippet: the event of full-text row ?2, whose
 * snippet matches ?1 (search_rows_any). Columns: event id, date, title,
 * summary, snippet. Stepped a hit at a time: the hits as one JSON array
 * for json_each cost more to prepare (its virtual table, 110k
 * instructions more) than the steps it saves.
 */
#define SEARCH_BEST_SQL "SELECT e.id, e.date, e.title, e.summary," \
	" snippet(fts, dossier_column(fts), '" TEXT_MARK_ON "', '" \
	TEXT_MARK_OFF "', '…', 16) FROM fts CROSS JOIN event e WHERE" \
	" fts MATCH ?1 AND fts.rowid = ?2 AND e.rid = " \
	STORE_KEY_EVENT("fts.rowid")

/*
 * Hands the first nbest of best (found by store-rank.c or search_few) to
 * fn, in that order, each with its snippet, counting them in *n. Returns
 * SQLITE_DONE, or the step that failed.
 */
static int
search_give_best(struct store *s, struct search_why *w, const char *rows,
    const struct store_rank_hit *best, int nbest,
    void (*fn)(const struct store_hit *, void *), void *arg, int64_t *n)
{
	struct store_hit	 h;
	sqlite3_stmt		*st;
	char			*why;
	int			 k, rc = SQLITE_DONE;

	if (nbest <= 0)
		return SQLITE_DONE;
	st = store_stmt(s, SEARCH_BEST_SQL);
	sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
	for (k = 0; k < nbest && rc == SQLITE_DONE; k++) {
		sqlite3_bind_int64(st, 2, best[k].rowid);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			h.event = (const char *)sqlite3_column_text(st, 0);
			store_col_copy(st, 1, h.date, sizeof h.date);
			h.title = (const char *)sqlite3_column_text(st, 2);
			h.kind = best[k].rowid == (best[k].rowid >>
			    STORE_XBITS << STORE_XBITS) ? "event" : "excerpt";
			h.snippet = (const char *)sqlite3_column_text(st, 4);
			h.rank = -best[k].score;
			why = NULL;
			if (h.kind[1] == 'v' && (why = search_actor_reason(s,
			    w, best[k].rowid, h.event, h.title, (const char *)
			    sqlite3_column_text(st, 3), 1)) != NULL)
				h.snippet = why;
			fn(&h, arg);
			free(why);
			(*n)++;
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
	}
	return rc;
}

/* Hands every row of st to fn, counting them in *n; returns the last step. */
static int
search_give_rows(struct store *s, struct search_why *w, sqlite3_stmt *st,
    void (*fn)(const struct store_hit *, void *),
    void *arg, int64_t *n)
{
	struct store_hit	h;
	int			rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		search_hit(st, &h);
		search_give(s, w, &h, fn, arg);
		(*n)++;
	}
	return rc;
}

int64_t
store_search(struct store *s, const char *query, int64_t limit,
    void (*fn)(const struct store_hit *, void *), void *arg, char **err)
{
	struct store_rank_hit	*best;
	struct search_why	 w;
	struct store_hit	 h;
	sqlite3_stmt		*st;
	char			*match, *rows;
	int64_t			 n = 0;
	int			 nbest, own, rc = SQLITE_DONE;

	if ((match = query_translate(query, err)) == NULL)
		return -1;
	/* One read throughout: one store, and one lock for every step. */
	own = sqlite3_get_autocommit(s->db) && sqlite3_exec(s->db, "BEGIN",
	    NULL, NULL, NULL) == SQLITE_OK;
	/* Marked only: FTS5 ranks what passes (store-notes.c). */
	if ((nbest = s->hits_marked ? -2 : store_search_best(s, match, limit,
	    &best, err)) == -1) {
		if (own)
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		free(match);
		return -1;
	}
	/* No hit and no notes: no snippet, no reason to make. */
	if (nbest == 0 && !s->notes_db) {
		free(best);
		if (own)
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		free(match);
		return 0;
	}
	rows = store_search_rows(s->db, match);
	search_why_init(&w, s->db, match);
	/* The user's own notes first, if there can be any (store-notes.c). */
	if (s->notes_db && (st = store_notes_hits(s, match, limit, 0)) !=
	    NULL) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			search_hit(st, &h);
			fn(&h, arg);
			n++;
		}
		sqlite3_finalize(st);
	}
	if (nbest >= 0) {
		if (limit > 0 && nbest > limit - n)
			nbest = (int)(limit - n);
		rc = search_give_best(s, &w, rows, best, nbest, fn, arg, &n);
		free(best);
		st = NULL;
	} else {
		store_notes_ensure(s);
		st = store_stmt(s, STORE_SEARCH_SQL);
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, limit <= 0 ? -1 : limit > n ?
		    limit - n : 0);
		sqlite3_bind_text(st, 4, match, -1, SQLITE_TRANSIENT);
		if (s->hits_marked)
			sqlite3_bind_int(st, 5, 1);
		rc = search_give_rows(s, &w, st, fn, arg, &n);
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("search failed: %s", sqlite3_errmsg(s->db));
		n = -1;
	}
	sqlite3_reset(st);
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	search_why_free(&w);
	free(rows);
	free(match);
	return n;
}


/* What dossier_actor_reason needs: the store and the search's reasons. */
struct search_reason {
	struct store		*s;
	struct search_why	 w;
};

static void
search_reason_free(void *p)
{
	struct search_reason	*r = p;

	search_why_free(&r->w);
	free(r);
}

/* SQL dossier_actor_reason(event, title, kind): search_actor_reason. */
static void
search_reason_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct search_reason	*r = sqlite3_user_data(ctx);
	const char		*event, *title, *kind;
	char			*why;

	(void)argc;
	event = (const char *)sqlite3_value_text(argv[0]);
	title = (const char *)sqlite3_value_text(argv[1]);
	kind = (const char *)sqlite3_value_text(argv[2]);
	if (event == NULL || title == NULL || kind == NULL ||
	    strcmp(kind, "event") != 0 ||
	    (why = search_actor_reason(r->s, &r->w, -1, event, title, NULL,
	    0)) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, why, -1, free);
}

void
store_search_reason(struct store *s, const char *match)
{
	struct search_reason	*r;

	r = xcalloc(1, sizeof *r);
	r->s = s;
	search_why_init(&r->w, s->db, match);
	/* Replacing the function frees the last search's marker. */
	sqlite3_create_function_v2(s->db, "dossier_actor_reason", 3,
	    SQLITE_UTF8, r, search_reason_sql, NULL, NULL, search_reason_free);
}

/* Whether f restricts events beyond its query. */
int
store_search_filtered(const struct store_filter *f)
{
	return f != NULL && (f->actor != NULL || f->tag != NULL ||
	    f->from != NULL || f->to != NULL || f->nactors > 0);
}

/*
 * The hits of a filtered search, best first, as STORE_SEARCH_SQL's
 * columns: FTS5 ranks every hit ?8 of the events that pass f (?2 to ?7),
 * up to ?9; snippets match ?1. Returns a new string (caller frees).
 */
char *
store_search_filter_sql(const struct store_filter *f)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, "SELECT " STORE_HIT_COLS " FROM (SELECT rowid AS r, rank"
	    " FROM fts WHERE fts MATCH ?8) h JOIN event e ON e.rid = "
	    STORE_KEY_EVENT("h.r") " WHERE 1");
	store_view_where(&b, f);
	buf_adds(&b, " ORDER BY h.rank, h.r LIMIT ?9");
	return buf_detach(&b);
}

/* Binds what store_search_filter_sql's statement needs. */
void
store_search_filter_bind(sqlite3_stmt *st, const struct store_filter *f,
    const char *match, const char *rows, int64_t limit)
{
	store_view_bind(st, f, NULL);
	sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, limit > 0 ? limit : -1);
}

int64_t
store_search_filter(struct store *s, const struct store_filter *f,
    int64_t limit, void (*fn)(const struct store_hit *, void *), void *arg,
    char **err)
{
	struct search_why	 w;
	sqlite3_stmt		*st;
	char			*match, *rows, *sql;
	int64_t			 n = 0;
	int			 rc;

	*err = NULL;
	if (!store_search_filtered(f))
		return store_search(s, f->query, limit, fn, arg, err);
	if ((match = query_translate(f->query, err)) == NULL)
		return -1;
	if (f->marked)
		store_notes_ensure(s);
	rows = store_search_rows(s->db, match);
	sql = store_search_filter_sql(f);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(s->db), sql);
	free(sql);
	store_search_filter_bind(st, f, match, rows, limit);
	search_why_init(&w, s->db, match);
	rc = search_give_rows(s, &w, st, fn, arg, &n);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("search failed: %s", sqlite3_errmsg(s->db));
		n = -1;
	}
	sqlite3_finalize(st);
	search_why_free(&w);
	free(rows);
	free(match);
	return n;
}
