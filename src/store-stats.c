/*
 * store-stats.c: counts of events by day, ISO week, month, actor or tag,
 * made by SQLite's aggregation over indexed columns (for `dossier stats`
 * and the overview), and the tags a filter may name.
 *
 * Time keys are counted a day at a time first (the index on event(date)
 * gives the days in order), then the days are summed into weeks or months,
 * so that the per-event work is one GROUP BY. A calendar made by a
 * recursive CTE gives the keys without events their 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"

/* SQL: the ISO week of date d as YYYY-Www (its Thursday gives the year). */
#define STATS_WEEK(d) "printf('%s-W%02d', strftime('%Y', date(" d \
	", '-3 days', 'weekday 4')), (strftime('%j', date(" d ", '-3 days'," \
	" 'weekday 4')) - 1) / 7 + 1)"

/* How each time key is made from a date, where its calendar starts, and
 * the calendar's step. */
static const struct {
	const char	*key;
	const char	*start;
	const char	*step;
} stats_time[] = {
	[STORE_STATS_DAY] = { "d", "min(d)", "'+1 day'" },
	[STORE_STATS_WEEK] = { STATS_WEEK("d"), "date(min(d), '-6 days',"
	    " 'weekday 1')", "'+7 days'" },
	[STORE_STATS_MONTH] = { "substr(d, 1, 7)", "date(min(d), 'start of"
	    " month')", "'+1 month'" },
};

/*
 * Appends the events of f as "SELECT e.rid ... FROM event e WHERE ..."
 * terms: the filter's own, and its search (?1) if there is one.
 */
static void
stats_where(struct buf *b, const struct store_filter *f, const char *match)
{
	if (match != NULL)
		buf_adds(b, " AND e.rid IN (SELECT " STORE_KEY_EVENT("rowid")
		    " FROM fts WHERE fts MATCH ?1)");
	store_view_where(b, f);
}

/* Makes the statement of a count by key into sql (the buffer is reset). */
static void
stats_sql(struct buf *b, const struct store_filter *f, const char *match,
    enum store_stats_by by)
{
	int	filtered = match != NULL || f->actor != NULL || f->tag !=
		    NULL || f->from != NULL || f->to != NULL || f->nactors > 0 ||
		    f->marked;

	buf_reset(b);
	if (by == STORE_STATS_ACTOR && !filtered) {
		/* Each actor's events are counted when the store is built. */
		buf_adds(b, "SELECT id, name, nevents FROM actor WHERE"
		    " nevents > 0 ORDER BY nevents DESC, id");
		return;
	}
	if (by == STORE_STATS_ACTOR || by == STORE_STATS_TAG) {
		if (by == STORE_STATS_ACTOR)
			buf_adds(b, "SELECT g.actor, a.name, count(*) FROM"
			    " event_actor g JOIN actor a ON a.id = g.actor");
		else
			buf_adds(b, "SELECT g.tag, NULL, count(*) FROM"
			    " event_tag g");
		if (filtered) {
			buf_adds(b, " JOIN event e ON e.rid = g.rid WHERE 1");
			stats_where(b, f, match);
		}
		buf_addf(b, " GROUP BY 1 ORDER BY 3 DESC, 1");
		return;
	}
	buf_adds(b, "WITH c(d, n) AS (SELECT e.date, count(*) FROM event e"
	    " WHERE 1");
	stats_where(b, f, match);
	buf_addf(b, " GROUP BY e.date), k(k, n) AS (SELECT %s, sum(n) FROM c"
	    " GROUP BY 1), cal(d) AS (SELECT %s FROM c HAVING count(*) > 0"
	    " UNION ALL SELECT date(d, %s) FROM cal WHERE date(d, %s) <="
	    " (SELECT max(d) FROM c)) SELECT cal.k, NULL, coalesce(k.n, 0)"
	    " FROM (SELECT d, %s AS k FROM cal) cal LEFT JOIN k ON k.k = cal.k"
	    " ORDER BY cal.d", stats_time[by].key, stats_time[by].start,
	    stats_time[by].step, stats_time[by].step, stats_time[by].key);
}

int64_t
store_stats(struct store *s, const struct store_filter *f,
    enum store_stats_by by, struct store_stats_row **rows, char **err)
{
	struct store_stats_row	*r = NULL;
	struct buf		 sql;
	sqlite3_stmt		*st;
	char			*match = NULL;
	int64_t			 n = 0, cap = 0;
	int			 rc;

	*rows = NULL;
	*err = NULL;
	if (f->query != NULL && (match = query_translate(f->query, err)) ==
	    NULL)
		return -1;
	buf_init(&sql);
	stats_sql(&sql, f, match, by);
	if (sqlite3_prepare_v2(s->db, buf_str(&sql), -1, &st, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("stats failed: %s", sqlite3_errmsg(s->db));
		buf_free(&sql);
		free(match);
		return -1;
	}
	buf_free(&sql);
	store_view_bind(st, f, match);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			r = xreallocarray(r, (size_t)cap, sizeof *r);
		}
		r[n].key = store_col_dup(st, 0);
		r[n].name = store_col_dup(st, 1);
		r[n].count = sqlite3_column_int64(st, 2);
		n++;
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("stats failed: %s", sqlite3_errmsg(s->db));
		store_stats_free(r, n);
		r = NULL;
		n = -1;
	}
	sqlite3_finalize(st);
	free(match);
	*rows = r;
	return n;
}

void
store_stats_free(struct store_stats_row *r, int64_t n)
{
	int64_t	i;

	for (i = 0; i < n; i++) {
		free(r[i].key);
		free(r[i].name);
	}
	free(r);
}

int
store_stats_has_tag(struct store *s, const char *tag)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = store_stmt(s, "SELECT 1 FROM event_tag WHERE tag = ?1 LIMIT 1");
	sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return rc;
}

int64_t
store_stats_tags(struct store *s, char ***tags)
{
	sqlite3_stmt	*st;
	char		**t = NULL;
	int64_t		 n = 0, cap = 0;

	/* The index on event_tag(tag, rid) gives them in order. */
	st = store_stmt(s, "SELECT DISTINCT tag FROM event_tag ORDER BY tag");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			t = xreallocarray(t, (size_t)cap, sizeof *t);
		}
		t[n++] = store_col_dup(st, 0);
	}
	sqlite3_reset(st);
	*tags = t;
	return n;
}

/*
 * The matrix of store_stats_cross. Rows: the top ?8 actors (tags) of the
 * filter; cells: a GROUP BY over the index on event_actor(actor, rid)
 * (event_tag(tag, rid)) for those rows, by day first, the day being the
 * high bits of rid (store-int.h) so that no event row is read unless the
 * filter needs it. The (row, day) counts that come back are summed into
 * the columns here, by integer arithmetic on day numbers.
 */

/*
 * Day numbers as in event keys (days since 0000-01-01 of the proleptic
 * Gregorian calendar) from a civil date and back, by integer arithmetic:
 * mapping a day to its month costs no date function in SQL.
 */
static int64_t
cross_day(int64_t y, int64_t m, int64_t d)
{
	int64_t	era, yoe, doy;

	/* Years begin in March, so that February's length comes last. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + 60;
}

/* The month number (year * 12 + month - 1) of day number n. */
static int64_t
cross_month(int64_t n)
{
	int64_t	z = n - 60, era, doe, yoe, doy, mp, y, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp + (mp < 10 ? 3 : -9);
	return (y + (m <= 2)) * 12 + m - 1;
}

/* The column of day number n from start (a day number) by cols. */
static int64_t
cross_col(enum store_stats_by cols, int64_t start, int64_t n)
{
	int64_t	monday;

	if (cols == STORE_STATS_DAY)
		return n - start;
	if (cols == STORE_STATS_WEEK) {
		/* Day 0, 0000-01-01, was a Saturday: Mondays are 2 mod 7. */
		monday = start - ((start - 2) % 7 + 7) % 7;
		return n < monday ? -1 : (n - monday) / 7;
	}
	return cross_month(n) - cross_month(start);
}

static void
cross_sql(struct buf *b, const struct store_filter *f, const char *match,
    enum store_stats_by rows)
{
	const char	*tab, *col;
	int		 filtered = match != NULL || f->actor != NULL ||
			    f->tag != NULL || f->from != NULL || f->to != NULL ||
			    f->nactors > 0 || f->marked;

	tab = rows == STORE_STATS_ACTOR ? "event_actor" : "event_tag";
	col = rows == STORE_STATS_ACTOR ? "actor" : "tag";
	buf_reset(b);
	if (!filtered && rows == STORE_STATS_ACTOR) {
		/*
		 * Each actor's events are counted when the store is built:
		 * the top ones' days are then ranges of the index.
		 */
		buf_addf(b, "WITH top(k, nm, n) AS (SELECT id, name, nevents FROM"
		    " actor WHERE nevents > 0 ORDER BY nevents DESC, id LIMIT ?8),"
		    " x(k, day, n) AS (SELECT g.actor, g.rid >> %d, count(*)"
		    " FROM event_actor g WHERE g.actor IN (SELECT k FROM top)"
		    " GROUP BY 1, 2)", STORE_DBITS);
	} else {
		/*
		 * One pass over the filter's events (each one's actors are
		 * a range of event_actor's key), counted by row and day;
		 * the top rows are the sums of that.
		 */
		buf_addf(b, "WITH x(k, day, n) AS MATERIALIZED (SELECT g.%s,"
		    " g.rid >> %d, count(*) FROM ", col, STORE_DBITS);
		if (filtered) {
			buf_addf(b, "event e JOIN %s g ON g.rid = e.rid WHERE 1",
			    tab);
			/* Dates bound the keys too: a range, not a scan. */
			if (f->from != NULL)
				buf_adds(b, " AND e.rid >= "
				    STORE_KEY_BASE("?2", "NULL"));
			if (f->to != NULL)
				buf_adds(b, " AND e.rid < "
				    STORE_KEY_BASE("date(?3, '+1 day')", "NULL"));
			stats_where(b, f, match);
		} else
			buf_addf(b, "%s g", tab);
		/* The names once a row, not once a cell. */
		buf_addf(b, " GROUP BY 1, 2), t(k, n) AS (SELECT k, sum(n) FROM"
		    " x GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?8), top(k, nm, n)"
		    " AS MATERIALIZED (SELECT k, %s, n FROM t)",
		    rows == STORE_STATS_ACTOR ? "(SELECT name FROM actor WHERE"
		    " id = t.k)" : "NULL");
	}
	buf_adds(b, " SELECT top.k, top.nm, top.n, x.day, x.n FROM top JOIN x"
	    " ON x.k = top.k ORDER BY top.n DESC, top.k");
}

int
store_stats_cross(struct store *s, const struct store_filter *f,
    enum store_stats_by rows, enum store_stats_by cols, const char *start,
    int64_t ncols, int maxrows, struct store_cross *out, char **err)
{
	struct buf	 sql;
	sqlite3_stmt	*st = NULL;
	char		*match = NULL;
	int64_t		 c, n, day0;
	int		 y, m, d;
	int		 rc, cap = 0, r;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if ((rows != STORE_STATS_ACTOR && rows != STORE_STATS_TAG) ||
	    cols > STORE_STATS_MONTH || ncols < 1 || maxrows < 1) {
		*err = xstrdup("stats: no such matrix");
		return -1;
	}
	if (sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		*err = xasprintf("stats: not a date: '%s'", start);
		return -1;
	}
	day0 = cross_day(y, m, d);
	if (f->query != NULL && (match = query_translate(f->query, err)) ==
	    NULL)
		return -1;
	buf_init(&sql);
	cross_sql(&sql, f, match, rows);
	rc = sqlite3_prepare_v2(s->db, buf_str(&sql), -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK)
		goto fail;
	store_view_bind(st, f, match);
	sqlite3_bind_int(st, 8, maxrows);
	out->ncols = ncols;
	/* Rows come grouped by key, each with its cells (or one NULL). */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = out->nrows - 1;
		if (r < 0 || strcmp(out->keys[r], (const char *)
		    sqlite3_column_text(st, 0)) != 0) {
			if (out->nrows == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				out->keys = xreallocarray(out->keys,
				    (size_t)cap, sizeof *out->keys);
				out->names = xreallocarray(out->names,
				    (size_t)cap, sizeof *out->names);
				out->totals = xreallocarray(out->totals,
				    (size_t)cap, sizeof *out->totals);
				out->counts = xreallocarray(out->counts,
				    (size_t)cap * (size_t)ncols,
				    sizeof *out->counts);
			}
			r = out->nrows++;
			out->keys[r] = store_col_dup(st, 0);
			out->names[r] = store_col_dup(st, 1);
			out->totals[r] = 0;
			memset(out->counts + (size_t)r * (size_t)ncols, 0,
			    (size_t)ncols * sizeof *out->counts);
		}
		if (sqlite3_column_type(st, 3) == SQLITE_NULL)
			continue;
		c = cross_col(cols, day0, sqlite3_column_int64(st, 3));
		n = sqlite3_column_int64(st, 4);
		if (c < 0 || c >= ncols)
			continue;
		out->counts[(size_t)r * (size_t)ncols + (size_t)c] += n;
		out->totals[r] += n;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	free(match);
	return 0;
fail:
	*err = xasprintf("stats failed: %s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	store_cross_free(out);
	free(match);
	return -1;
}

void
store_cross_free(struct store_cross *x)
{
	int	i;

	for (i = 0; i < x->nrows; i++) {
		free(x->keys[i]);
		free(x->names[i]);
	}
	free(x->keys);
	free(x->names);
	free(x->totals);
	free(x->counts);
	memset(x, 0, sizeof *x);
}
