/*
 * store-view.c: views of the timeline: a range, a filter to an actor or a
 * tag, or a search in date or best-first order, read a window at a time.
 *
 * A view without a table is a range of the timeline. A view with one in
 * date order fills it lazily (see struct store_view in store-int.h).
 */
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

/*
 * The actors of f->actors as a JSON array, for json_each (several actors
 * bind one parameter). Caller frees.
 */
static char *
view_actors_json(const struct store_filter *f)
{
	struct buf	 b;
	const char	*p;
	int		 i;

	buf_init(&b);
	buf_addc(&b, '[');
	for (i = 0; i < f->nactors; i++) {
		buf_adds(&b, i > 0 ? ",\"" : "\"");
		for (p = f->actors[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_addc(&b, '\\');
			if ((unsigned char)*p < 0x20)
				buf_addf(&b, "\\u%04x", (unsigned)*p);
			else
				buf_addc(&b, *p);
		}
		buf_addc(&b, '"');
	}
	buf_addc(&b, ']');
	return buf_detach(&b);
}

/* SQL: does event ?1 (an expression) involve all (any) of the actors ?N? */
#define VIEW_ALL_ACTORS(r, n) " (SELECT count(DISTINCT actor) FROM" \
	" event_actor WHERE rid = " r " AND actor IN (SELECT value FROM" \
	" json_each(" n "))) = json_array_length(" n ")"
#define VIEW_ANY_ACTOR(r, n) " EXISTS (SELECT 1 FROM event_actor WHERE" \
	" rid = " r " AND actor IN (SELECT value FROM json_each(" n ")))"

static void
view_where(struct buf *b, const struct store_filter *f)
{
	if (f->from != NULL)
		buf_adds(b, " AND e.date >= ?2");
	if (f->to != NULL)
		buf_adds(b, " AND e.date <= ?3");
	if (f->actor != NULL)
		buf_adds(b, " AND e.rid IN (SELECT rid FROM event_actor"
		    " WHERE actor = ?4)");
	if (f->tag != NULL)
		buf_adds(b, " AND e.rid IN (SELECT rid FROM event_tag"
		    " WHERE tag = ?5)");
	/* The set of events, made once from the index, not an event a time. */
	if (f->nactors > 0)
		buf_adds(b, " AND e.rid IN (SELECT rid FROM event_actor WHERE"
		    " actor IN (SELECT value FROM json_each(?6)) GROUP BY rid"
		    " HAVING ?7 OR count(DISTINCT actor) = json_array_length(?6))");
	if (f->marked)
		buf_adds(b, " AND " STORE_MARKED("e.id"));
}

static void
view_bind(sqlite3_stmt *st, const struct store_filter *f, const char *match)
{
	if (match != NULL)
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	if (f->from != NULL)
		sqlite3_bind_text(st, 2, f->from, -1, SQLITE_TRANSIENT);
	if (f->to != NULL)
		sqlite3_bind_text(st, 3, f->to, -1, SQLITE_TRANSIENT);
	if (f->actor != NULL)
		sqlite3_bind_text(st, 4, f->actor, -1, SQLITE_TRANSIENT);
	if (f->tag != NULL)
		sqlite3_bind_text(st, 5, f->tag, -1, SQLITE_TRANSIENT);
	if (f->nactors > 0) {
		sqlite3_bind_text(st, 6, view_actors_json(f), -1, free);
		sqlite3_bind_int(st, 7, f->any_actor);
	}
}

/* view_where and view_bind for the store's other files (store-int.h). */
void
store_view_where(struct buf *b, const struct store_filter *f)
{
	view_where(b, f);
}

void
store_view_bind(sqlite3_stmt *st, const struct store_filter *f,
    const char *match)
{
	view_bind(st, f, match);
}

/*
 * Sets v->base and v->count for a view with at most a date range: the
 * events before its first day, and up to its last, from the counts by
 * day (store-pos.c).
 */
static void
view_range(struct store_view *v, const struct store_filter *f)
{
	int64_t	last;

	v->base = 1 + (f->from != NULL ? store_pos_before(v->s, f->from, 0) :
	    0);
	last = f->to != NULL ? store_pos_before(v->s, f->to, 1) :
	    store_pos_total(v->s);
	v->count = last - v->base + 1;
	if (v->count < 0)
		v->count = 0;
}

static void	view_rank_more(struct store_view *, int64_t, double);

/* Milliseconds on a monotonic clock. */
static double
store_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * Prepares the walk of a date-ordered view: keys from the index of the
 * search, else the actor's or the tag's events, within the date range; the
 * other filters are checked an event at a time. Returns 0 or -1.
 */
static int
view_walk_init(struct store_view *v, const struct store_filter *f)
{
	struct store	*s = v->s;
	sqlite3_stmt	*st;
	const char	*walk;
	char		*sql;
	int		 ka, kt, kn, km, rc;

	v->next = 0;
	v->end = INT64_MAX;
	st = store_stmt(s, "SELECT " STORE_KEY_BASE("?1", "NULL") ", "
	    STORE_KEY_BASE("date(?2, '+1 day')", "NULL"));
	sqlite3_bind_text(st, 1, f->from != NULL ? f->from : "0001-01-01", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, f->to != NULL ? f->to : "9999-12-30", -1,
	    SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (f->from != NULL &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			v->next = sqlite3_column_int64(st, 0);
		if (f->to != NULL && sqlite3_column_type(st, 1) != SQLITE_NULL)
			v->end = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);

	if (v->match != NULL && v->notes != NULL) {
		/* Events whose note matches, merged in key order. */
		sql = xasprintf("SELECT rowid FROM fts WHERE fts MATCH ?3 AND"
		    " rowid >= ?1 AND rowid < ?2 UNION SELECT e.rid FROM %s"
		    " JOIN event e ON e.id = %s.event WHERE %s MATCH ?3"
		    " AND e.rid >= ?1 AND e.rid < ?2 ORDER BY 1", v->notes,
		    v->notes, v->notes);
		rc = sqlite3_prepare_v2(s->db, sql, -1, &v->walk, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return -1;
		walk = NULL;
	} else if (v->match != NULL)
		walk = "SELECT rowid FROM fts WHERE fts MATCH ?3 AND"
		    " rowid >= ?1 AND rowid < ?2 ORDER BY rowid";
	else if (f->actor != NULL)
		walk = "SELECT rid FROM event_actor WHERE actor = ?3 AND"
		    " rid >= ?1 AND rid < ?2 ORDER BY rid";
	else if (f->nactors > 0)
		walk = "SELECT rid FROM event_actor WHERE actor IN (SELECT"
		    " value FROM json_each(?3)) AND rid >= ?1 AND rid < ?2"
		    " ORDER BY rid";
	else if (f->tag != NULL)
		walk = "SELECT rid FROM event_tag WHERE tag = ?3 AND"
		    " rid >= ?1 AND rid < ?2 ORDER BY rid";
	else
		walk = "SELECT e.rid FROM unote n JOIN event e ON e.id ="
		    " n.event WHERE n.marked AND e.rid >= ?1 AND e.rid < ?2"
		    " ORDER BY e.rid";
	if (walk != NULL && sqlite3_prepare_v2(s->db, walk, -1, &v->walk,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(v->walk, 1, v->next);
	sqlite3_bind_int64(v->walk, 2, v->end);
	if (v->match == NULL && f->actor == NULL && f->nactors > 0)
		sqlite3_bind_text(v->walk, 3, view_actors_json(f), -1, free);
	else
		sqlite3_bind_text(v->walk, 3, v->match != NULL ? v->match :
		    f->actor != NULL ? f->actor : f->tag, -1, SQLITE_TRANSIENT);

	/*
	 * What the walk's own index does not check, keep checks. Several
	 * actors: the walk takes any of them; all is checked here.
	 */
	ka = v->match != NULL && f->actor != NULL;
	kt = (v->match != NULL || f->actor != NULL || f->nactors > 0) &&
	    f->tag != NULL;
	kn = f->nactors > 0 && (v->match != NULL || f->actor != NULL ||
	    !f->any_actor);
	km = f->marked && (v->match != NULL || f->actor != NULL ||
	    f->nactors > 0 || f->tag != NULL);
	if (ka || kt || kn || km) {
		sql = xasprintf("SELECT 1 WHERE 1%s%s%s%s", ka ? " AND EXISTS"
		    " (SELECT 1 FROM event_actor WHERE actor = ?2 AND rid = ?1)"
		    : "", kt ? " AND EXISTS (SELECT 1 FROM event_tag WHERE"
		    " rid = ?1 AND tag = ?3)" : "", !kn ? "" : f->any_actor ?
		    " AND" VIEW_ANY_ACTOR("?1", "?4") :
		    " AND" VIEW_ALL_ACTORS("?1", "?4"), km ? " AND EXISTS"
		    " (SELECT 1 FROM event e WHERE e.rid = ?1 AND "
		    STORE_MARKED("e.id") ")" : "");
		if (sqlite3_prepare_v2(s->db, sql, -1, &v->keep, NULL) !=
		    SQLITE_OK) {
			free(sql);
			return -1;
		}
		free(sql);
		if (f->actor != NULL)
			sqlite3_bind_text(v->keep, 2, f->actor, -1,
			    SQLITE_TRANSIENT);
		if (f->tag != NULL)
			sqlite3_bind_text(v->keep, 3, f->tag, -1,
			    SQLITE_TRANSIENT);
		if (f->nactors > 0)
			sqlite3_bind_text(v->keep, 4, view_actors_json(f), -1,
			    free);
	}
	sql = xasprintf("INSERT INTO %s(pos, rid, rank) VALUES (?1, ?2, 0)",
	    v->table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &v->add, NULL) != SQLITE_OK) {
		free(sql);
		return -1;
	}
	free(sql);

	/* An actor's events are counted already. */
	if (v->match == NULL && f->actor != NULL && f->tag == NULL &&
	    f->from == NULL && f->to == NULL && f->nactors == 0 &&
	    !f->marked) {
		st = store_stmt(s, "SELECT nevents FROM actor WHERE id = ?1");
		sqlite3_bind_text(st, 1, f->actor, -1, SQLITE_TRANSIENT);
		v->total = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	return 0;
}

/* Ends the walk: what the table holds is the whole view. */
static void
view_walk_end(struct store_view *v)
{
	sqlite3_finalize(v->walk);
	sqlite3_finalize(v->keep);
	sqlite3_finalize(v->add);
	v->walk = v->keep = v->add = NULL;
	v->done = 1;
	v->total = v->count;
}

/*
 * Walks on until the view holds position upto (all of it if upto < 0) or
 * the clock passes deadline (ms, 0 for none), whichever comes first. An
 * event found twice in a row (its own text and an excerpt, say) counts
 * once: their keys are neighbours.
 */
void
store_view_fill(struct store_view *v, int64_t upto, double deadline)
{
	int64_t	r, k;
	int	rc, n = 0;

	if (v->done || (upto >= 0 && v->count >= upto))
		return;
	if (v->order == STORE_ORDER_RANK) {
		view_rank_more(v, upto, deadline);
		return;
	}
	/* One transaction for the lot: else each row is a commit. */
	sqlite3_exec(v->s->db, "SAVEPOINT walk", NULL, NULL, NULL);
	while (!v->done && (upto < 0 || v->count < upto)) {
		if ((rc = sqlite3_step(v->walk)) != SQLITE_ROW) {
			if (rc != SQLITE_DONE)
				v->failed = xstrdup(sqlite3_errmsg(v->s->db));
			view_walk_end(v);
			break;
		}
		r = sqlite3_column_int64(v->walk, 0);
		k = r >> STORE_XBITS << STORE_XBITS;
		if (k == v->last)
			continue;
		v->last = k;
		if (v->keep != NULL) {
			sqlite3_bind_int64(v->keep, 1, k);
			rc = sqlite3_step(v->keep);
			sqlite3_reset(v->keep);
			if (rc != SQLITE_ROW)
				continue;
		}
		sqlite3_bind_int64(v->add, 1, v->count + 1);
		sqlite3_bind_int64(v->add, 2, k);
		if (sqlite3_step(v->add) == SQLITE_DONE &&
		    sqlite3_changes(v->s->db) == 1)
			v->count++;
		sqlite3_reset(v->add);
		if (deadline > 0 && (++n & 63) == 0 && store_now() > deadline)
			break;
	}
	sqlite3_exec(v->s->db, "RELEASE walk", NULL, NULL, NULL);
}

/* Keeps a copy of filter f in v, its strings too. */
static void
view_filter_copy(struct store_view *v, const struct store_filter *f)
{
	const char	*in[5] = { f->actor, f->tag, f->from, f->to, f->query };
	int		 i;

	for (i = 0; i < 5; i++)
		v->fstr[i] = in[i] != NULL ? xstrdup(in[i]) : NULL;
	v->filter.actor = v->fstr[0];
	v->filter.tag = v->fstr[1];
	v->filter.from = v->fstr[2];
	v->filter.to = v->fstr[3];
	v->filter.query = v->fstr[4];
	v->filter.marked = f->marked;
	v->filter.order = f->order;
	v->actors = xcalloc((size_t)f->nactors + 1, sizeof *v->actors);
	for (i = 0; i < f->nactors; i++)
		v->actors[i] = xstrdup(f->actors[i]);
	v->filter.actors = (const char *const *)v->actors;
	v->filter.nactors = f->nactors;
	v->filter.any_actor = f->any_actor;
}

/*
 * Ranks every event of a rank-ordered view, best first, by FTS5, into its
 * table (what was there goes: the same events lead). Returns 0 or -1.
 */
static int
view_rank_all(struct store_view *v)
{
	struct buf	 sql;
	sqlite3_stmt	*st;
	int		 rc;

	buf_init(&sql);
	buf_addf(&sql, "DELETE FROM %s; ", v->table);
	rc = sqlite3_exec(v->s->db, buf_str(&sql), NULL, NULL, NULL);
	buf_reset(&sql);
	buf_addf(&sql, "INSERT INTO %s(pos, rid, rank) SELECT"
	    " row_number() OVER (ORDER BY rank, rid), rid, rank FROM"
	    " (SELECT e.rid AS rid, min(h.rank) AS rank"
	    " FROM (SELECT " STORE_KEY_EVENT("f.rowid") " AS rid,"
	    " rank FROM fts f WHERE fts MATCH ?1", v->table);
	if (v->notes != NULL)
		buf_addf(&sql, " UNION ALL SELECT n.rid, bm25(%s) FROM %s JOIN"
		    " event n ON n.id = %s.event WHERE %s MATCH ?1", v->notes,
		    v->notes, v->notes, v->notes);
	buf_adds(&sql, ") h JOIN event e ON e.rid = h.rid WHERE 1");
	view_where(&sql, &v->filter);
	buf_adds(&sql, " GROUP BY e.rid)");
	if (rc != SQLITE_OK || sqlite3_prepare_v2(v->s->db, buf_str(&sql), -1,
	    &st, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return -1;
	}
	view_bind(st, &v->filter, v->match);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT count(*) FROM %s", v->table);
	if (rc == SQLITE_DONE && sqlite3_prepare_v2(v->s->db, buf_str(&sql),
	    -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v->count = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	buf_free(&sql);
	if (rc != SQLITE_DONE)
		return -1;
	v->done = 1;
	v->total = v->count;
	store_view_free(v->counter);
	v->counter = NULL;
	return 0;
}

#define STORE_VIEW_BEST	128	/* rows a rank-ordered view starts from */

/*
 * The first events of a rank-ordered view from store-rank.c's best k rows
 * (the table starts again): an event ranks by its best row, so the events
 * in the order their rows first come are the best events, but for those
 * that tie with the last row taken (others might tie with them unseen).
 * Returns 0 if that is the whole view, 1 if FTS5 must rank it
 * (view_rank_all), 2 if the rest is to come when asked for (and is being
 * counted), or -1 on error.
 */
static int
view_rank_best(struct store_view *v, int k)
{
	struct store_rank_hit	*hits;
	struct store_filter	 date;
	struct buf		 sql;
	sqlite3_stmt		*keep = NULL, *add = NULL;
	char			*err = NULL;
	double			 last;
	int64_t			 rid, *seen;
	int			 n, i, j, nseen = 0, rc = 1, whole;

	hits = xcalloc((size_t)k, sizeof *hits);
	n = store_rank_best(v->s->db, &v->s->db2, v->match, k, hits, NULL,
	    &err);
	free(err);
	if (n < 0) {
		free(hits);
		return 1;
	}
	v->best = k;
	v->count = 0;
	whole = n < k;
	last = n > 0 ? hits[n - 1].score : 0;
	buf_init(&sql);
	buf_addf(&sql, "DELETE FROM %s", v->table);
	sqlite3_exec(v->s->db, buf_str(&sql), NULL, NULL, NULL);
	buf_reset(&sql);
	buf_adds(&sql, "SELECT 1 FROM event e WHERE e.rid = ?1");
	view_where(&sql, &v->filter);
	seen = xcalloc((size_t)n + 1, sizeof *seen);
	if (sqlite3_prepare_v2(v->s->db, buf_str(&sql), -1, &keep, NULL) !=
	    SQLITE_OK)
		goto out;
	view_bind(keep, &v->filter, NULL);
	buf_reset(&sql);
	buf_addf(&sql, "INSERT INTO %s(pos, rid, rank) VALUES (?1, ?2, ?3)",
	    v->table);
	if (sqlite3_prepare_v2(v->s->db, buf_str(&sql), -1, &add, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_exec(v->s->db, "SAVEPOINT best", NULL, NULL, NULL);
	for (i = 0; i < n; i++) {
		if (!whole && hits[i].score <= last)
			break;
		rid = hits[i].rowid >> STORE_XBITS << STORE_XBITS;
		for (j = 0; j < nseen && seen[j] != rid; j++)
			/* an event's rows are few */;
		if (j < nseen)
			continue;
		seen[nseen++] = rid;
		sqlite3_bind_int64(keep, 1, rid);
		j = sqlite3_step(keep);
		sqlite3_reset(keep);
		if (j != SQLITE_ROW)
			continue;
		sqlite3_bind_int64(add, 1, v->count + 1);
		sqlite3_bind_int64(add, 2, rid);
		sqlite3_bind_double(add, 3, -hits[i].score);
		if (sqlite3_step(add) == SQLITE_DONE)
			v->count++;
		sqlite3_reset(add);
	}
	sqlite3_exec(v->s->db, "RELEASE best", NULL, NULL, NULL);
	if (whole) {
		v->done = 1;
		v->total = v->count;
		store_view_free(v->counter);
		v->counter = NULL;
		rc = 0;
	} else if (v->count > 0 && v->counter != NULL)
		rc = 2;
	else if (v->count > 0 && v->total < 0) {
		/* The rest: counted in date order as keys wait. */
		date = v->filter;
		date.order = STORE_ORDER_DATE;
		if ((v->counter = store_view_new(v->s, &date, &err)) != NULL)
			rc = 2;
		free(err);
	} else if (v->count > 0)
		rc = 2;		/* counted already */
out:
	sqlite3_finalize(keep);
	sqlite3_finalize(add);
	buf_free(&sql);
	free(seen);
	free(hits);
	if (rc == 1 && v->count > 0) {
		v->count = 0;	/* view_rank_all starts again */
	}
	return rc;
}

/*
 * Fills a rank-ordered view up to position upto (< 0: all of it): by
 * counting the rest until deadline (ms, 0 for none) if asked for the
 * count only; else from four times as many best rows while store-rank.c
 * can give them; else by ranking every event.
 */
static void
view_rank_more(struct store_view *v, int64_t upto, double deadline)
{
	int	ms, rc;

	if (v->counter != NULL && upto < 0 && deadline > 0) {
		ms = (int)(deadline - store_now());
		if (store_view_more(v->counter, -1, ms > 0 ? ms : 1)) {
			v->total = store_view_count(v->counter);
			store_view_free(v->counter);
			v->counter = NULL;
		}
		return;
	}
	while (upto >= 0 && v->best > 0 && v->best < STORE_RANK_MAX) {
		rc = view_rank_best(v, v->best * 4 > STORE_RANK_MAX ?
		    STORE_RANK_MAX : v->best * 4);
		if (rc == 0 || (rc == 2 && v->count >= upto))
			return;
		if (rc != 2)
			break;
	}
	if (view_rank_all(v) == -1 && v->failed == NULL)
		v->failed = xstrdup(sqlite3_errmsg(v->s->db));
}

struct store_view *
store_view_new(struct store *s, const struct store_filter *f, char **err)
{
	struct store_view	*v;
	struct buf		 sql;
	char			*match = NULL;
	int			 rc;

	*err = NULL;
	if (f->query != NULL && (match = query_translate(f->query, err)) ==
	    NULL)
		return NULL;
	v = xcalloc(1, sizeof *v);
	v->s = s;
	v->total = -1;
	v->order = f->query != NULL ? f->order : STORE_ORDER_DATE;
	if (f->marked)
		store_notes_ensure(s);
	if (match == NULL && f->actor == NULL && f->tag == NULL &&
	    f->nactors == 0 && !f->marked) {
		view_range(v, f);
		v->done = 1;
		v->total = v->count;
		return v;
	}
	v->match = match;
	v->notes = match != NULL ? store_notes_match(s, match) : NULL;
	v->query = f->query != NULL ? xstrdup(f->query) : NULL;
	v->marker = match != NULL ? store_highlighter_new(s->db, match) : NULL;
	v->table = xasprintf("view%d", ++s->nviews);

	buf_init(&sql);
	buf_addf(&sql, "CREATE TEMP TABLE %s(pos INTEGER PRIMARY KEY,"
	    " rid INT NOT NULL, rank REAL NOT NULL);",
	    v->table);
	buf_addf(&sql, "CREATE INDEX temp.%s_rid ON %s(rid)", v->table,
	    v->table);
	rc = sqlite3_exec(s->db, buf_str(&sql), NULL, NULL, NULL);
	buf_reset(&sql);
	if (rc != SQLITE_OK)
		goto sqlfail;
	if (v->order == STORE_ORDER_DATE) {
		buf_free(&sql);
		if (view_walk_init(v, f) == -1)
			goto sqlfail;
		/* A query FTS5 cannot run fails here, not later. */
		store_view_fill(v, 1, 0);
		if (v->failed != NULL) {
			*err = xasprintf("search failed: %s", v->failed);
			store_view_free(v);
			return NULL;
		}
		return v;
	}

	/* Best first: the best at once, if store-rank.c can, else all. */
	buf_free(&sql);
	view_filter_copy(v, f);
	/* store-rank.c knows nothing of notes: FTS5 ranks them all. */
	if ((rc = v->notes != NULL ? 1 : view_rank_best(v, STORE_VIEW_BEST))
	    == -1 ||
	    (rc == 1 && view_rank_all(v) == -1))
		goto sqlfail;
	return v;

sqlfail:
	/* A query that passed translation can still fail in FTS5. */
	*err = xasprintf("search failed: %s", v->failed != NULL ? v->failed :
	    sqlite3_errmsg(s->db));
	buf_free(&sql);
	store_view_free(v);
	return NULL;
}

void
store_view_free(struct store_view *v)
{
	char	*sql;
	int	 i;

	if (v == NULL)
		return;
	sqlite3_finalize(v->walk);
	sqlite3_finalize(v->keep);
	sqlite3_finalize(v->add);
	if (v->table != NULL) {
		sql = xasprintf("DROP TABLE IF EXISTS temp.%s", v->table);
		sqlite3_exec(v->s->db, sql, NULL, NULL, NULL);
		free(sql);
	}
	free(v->table);
	free(v->failed);
	store_view_free(v->counter);
	for (i = 0; i < 5; i++)
		free(v->fstr[i]);
	for (i = 0; v->actors != NULL && v->actors[i] != NULL; i++)
		free(v->actors[i]);
	free(v->actors);
	free(v->query);
	free(v->match);
	free(v->notes);
	store_highlighter_free(v->marker);
	free(v);
}

int64_t
store_view_count(struct store_view *v)
{
	return v->total >= 0 ? v->total : v->count;
}

int
store_view_done(struct store_view *v)
{
	return v->total >= 0;
}

int
store_view_more(struct store_view *v, int64_t upto, int ms)
{
	if (!v->done)
		store_view_fill(v, upto, ms > 0 ? store_now() + ms : 0);
	return store_view_done(v);
}

const char *
store_view_query(struct store_view *v)
{
	return v->query;
}

/*
 * Prepares a per-view statement: each "@T" in sql stands for the view's
 * table. Returns a prepared statement the caller finalizes. Views are few
 * and short-lived, so these are not cached.
 */
static sqlite3_stmt *
view_prepare(struct store_view *v, const char *fmt)
{
	sqlite3_stmt	*st;
	char		*sql;

	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = fmt; *p != '\0'; p++) {
		if (p[0] == '@' && p[1] == 'T') {
			buf_adds(&b, v->table);
			p++;
		} else
			buf_addc(&b, *p);
	}
	sql = buf_detach(&b);
	if (sqlite3_prepare_v2(v->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(v->s->db), sql);
	free(sql);
	return st;
}

/* Replaces *text with its marked form where a term is in it. */
void
store_highlight_text(struct store_highlighter *m, char **text)
{
	char	*h;

	if ((h = store_highlighter_apply(m, *text)) != NULL) {
		free(*text);
		*text = h;
	}
}

static void
row_fill(struct store_row *r, sqlite3_stmt *st)
{
	r->pos = sqlite3_column_int64(st, 0);
	r->seq = sqlite3_column_int64(st, 1);
	store_col_copy(st, 2, r->date, sizeof r->date);
	store_col_copy(st, 3, r->time, sizeof r->time);
	r->approximate = sqlite3_column_int(st, 4);
	r->id = store_col_dup(st, 5);
	r->title = store_col_dup(st, 6);
	r->actors = store_col_dup(st, 7);
	r->rank = sqlite3_column_double(st, 8);
	r->rid = sqlite3_column_int64(st, 9);
}

/*
 * A range of the timeline is read from the key at its first position on,
 * each row's position one more than the last. A view's table gives its
 * rows' keys, whose timeline positions are counted as they come (in date
 * order, each on from the last).
 */
int
store_view_rows(struct store_view *v, int64_t pos, int n,
    struct store_row *rows)
{
	struct store_pos_walk	 w = { 0, 0 };
	sqlite3_stmt		*st;
	int64_t			 key;
	int			 got = 0, own = 0;

	if (n <= 0 || pos < 1)
		return 0;
	store_view_fill(v, pos + n - 1, 0);
	if (pos > v->count)
		return 0;
	if (v->table == NULL) {
		if ((key = store_pos_key(v->s, v->base + pos - 1)) < 0)
			return 0;
		if (n > v->count - pos + 1)
			n = (int)(v->count - pos + 1);
		st = store_stmt(v->s, "SELECT 0, 0, date, time, approximate,"
		    " id, title, actors, 0, rid FROM event WHERE rid >= ?1"
		    " ORDER BY rid LIMIT ?2");
		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int(st, 2, n);
	} else {
		st = view_prepare(v, "SELECT v.pos, 0, e.date, e.time,"
		    " e.approximate, e.id, e.title, e.actors, v.rank, e.rid"
		    " FROM @T v JOIN event e ON e.rid = v.rid WHERE v.pos >= ?1"
		    " ORDER BY v.pos");
		sqlite3_bind_int64(st, 1, pos);
		own = 1;
	}
	while (got < n && sqlite3_step(st) == SQLITE_ROW) {
		row_fill(&rows[got], st);
		if (v->table == NULL) {
			rows[got].pos = pos + got;
			rows[got].seq = v->base + pos - 1 + got;
		} else
			rows[got].seq = store_pos_next(v->s, &w,
			    rows[got].rid);
		store_highlight_text(v->marker, &rows[got].title);
		got++;
	}
	if (own)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
	return got;
}

void
store_rows_clear(struct store_row *rows, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(rows[i].id);
		free(rows[i].title);
		free(rows[i].actors);
		memset(&rows[i], 0, sizeof rows[i]);
	}
}

/* Runs a per-view single-integer query with one bound integer. */
static int64_t
view_int(struct store_view *v, const char *fmt, int64_t a, const char *text)
{
	sqlite3_stmt	*st;
	int64_t		 r = 0;

	st = view_prepare(v, fmt);
	sqlite3_bind_int64(st, 1, a);
	if (text != NULL)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r;
}

/*
 * A view without a table: the keys from position pos (0 and count + 1
 * stand before the first and after the last, for a search that wraps) to
 * the view's end in direction dir, as keys k with from < k <= to (dir >
 * 0) or to <= k < from. Returns 0, or -1 if there are none.
 */
int
store_view_span(struct store_view *v, int64_t pos, int dir, int64_t *from,
    int64_t *to)
{
	int64_t	first, last;

	if (dir > 0 ? pos >= v->count : pos <= 1 || v->count == 0)
		return -1;
	first = store_pos_key(v->s, v->base);
	last = store_pos_key(v->s, v->base + v->count - 1);
	if (first < 0 || last < 0)
		return -1;
	if (dir > 0) {
		*from = pos < 1 ? first - 1 : store_pos_key(v->s,
		    v->base + pos - 1);
		*to = last;
	} else {
		*from = pos > v->count ? last + 1 : store_pos_key(v->s,
		    v->base + pos - 1);
		*to = first;
	}
	return *from < 0 ? -1 : 0;
}

/* The key of the event with timeline number seq (INT64_MAX if none). */
static int64_t
view_key(struct store_view *v, int64_t seq)
{
	int64_t	key = store_pos_key(v->s, seq);

	return key < 0 ? INT64_MAX : key;
}

int64_t
store_view_find(struct store_view *v, int64_t seq)
{
	int64_t	pos, key;

	if (store_view_count(v) == 0)
		return 0;
	if (v->table == NULL) {
		pos = seq - v->base + 1;
		return pos < 1 ? 1 : pos > v->count ? v->count : pos;
	}
	/* Keys follow the timeline: walk on past it, then look. */
	key = view_key(v, seq);
	while (!v->done && v->last <= key)
		store_view_fill(v, v->count + STORE_CHUNK, 0);
	pos = view_int(v, "SELECT coalesce((SELECT pos FROM @T WHERE rid = ?1),"
	    " (SELECT pos FROM @T WHERE rid > ?1 ORDER BY rid LIMIT 1),"
	    " (SELECT pos FROM @T ORDER BY rid DESC LIMIT 1))", key, NULL);
	return pos;
}

int64_t
store_view_known(struct store_view *v, int64_t seq)
{
	int64_t	pos;

	if (v->table == NULL) {
		pos = seq - v->base + 1;
		return pos >= 1 && pos <= v->count ? pos : 0;
	}
	return view_int(v, "SELECT coalesce((SELECT pos FROM @T WHERE"
	    " rid = ?1), 0)", view_key(v, seq), NULL);
}

int64_t
store_view_find_date(struct store_view *v, const char *date)
{
	sqlite3_stmt	*st;
	int64_t		 seq, key = -1;

	/* The date index's entries end with the key. */
	st = store_stmt(v->s, "SELECT rid FROM event WHERE date >= ?1"
	    " ORDER BY date, rid LIMIT 1");
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		key = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (key < 0)
		return 0;
	if (v->table == NULL) {
		seq = store_pos_of(v->s, key);
		if (seq > v->base + v->count - 1)
			return 0;
		return seq < v->base ? 1 : seq - v->base + 1;
	}
	while (!v->done && v->last < key)
		store_view_fill(v, v->count + STORE_CHUNK, 0);
	return view_int(v, "SELECT pos FROM @T WHERE rid >= ?1 ORDER BY rid"
	    " LIMIT 1", key, NULL);
}

int64_t
store_view_next_actor(struct store_view *v, int64_t pos, const char *actor,
    int dir)
{
	sqlite3_stmt	*st;
	int64_t		 seq = 0, key = 0, from, to;

	if (v->table == NULL) {
		/* The actor's keys between here and the range's end. */
		if (store_view_span(v, pos, dir, &from, &to) == -1)
			return 0;
		if (dir > 0)
			st = store_stmt(v->s, "SELECT min(rid) FROM event_actor"
			    " WHERE actor = ?1 AND rid > ?2 AND rid <= ?3");
		else
			st = store_stmt(v->s, "SELECT max(rid) FROM event_actor"
			    " WHERE actor = ?1 AND rid < ?2 AND rid >= ?3");
		sqlite3_bind_text(st, 1, actor, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, from);
		sqlite3_bind_int64(st, 3, to);
		if (sqlite3_step(st) == SQLITE_ROW)
			key = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return key == 0 ? 0 : store_pos_of(v->s, key) - v->base + 1;
	}
	if (dir > 0) {
		/* Walk on a chunk at a time until one turns up. */
		for (;;) {
			seq = view_int(v, "SELECT min(pos) FROM @T WHERE"
			    " pos > ?1 AND rid IN (SELECT rid FROM event_actor"
			    " WHERE actor = ?2)", pos, actor);
			if (seq != 0 || v->done)
				return seq;
			if (pos < v->count)
				pos = v->count;
			store_view_fill(v, v->count + STORE_CHUNK, 0);
		}
	}
	if (pos > v->count)
		store_view_fill(v, -1, 0);
	return view_int(v, "SELECT max(pos) FROM @T WHERE pos < ?1 AND"
	    " rid IN (SELECT rid FROM event_actor WHERE actor = ?2)", pos,
	    actor);
}

