/*
 * store-stats.c: counts of events by day, ISO week, month, actor or tag
 * (for `dossier stats` and the overview), and the tags a filter may name.
 *
 * Without a filter, they are read from the counts the build keeps
 * (store-counts.c). With one, time keys are counted a day at a time first
 * (the index on event(date) gives the days in order), then the days are
 * summed into weeks or months, so that the per-event work is one GROUP BY;
 * a calendar made by a recursive CTE gives the keys without events their
 * 0. Actors and tags of a filter's events, and the overview's matrix, come
 * from one pass over its events in key order (store_tally_new).
 */
#include <limits.h>
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

static void	stats_calendar(struct buf *, enum store_stats_by);

/* Does f (with match, its translated query) leave some events out? */
static int
stats_filtered(const struct store_filter *f, const char *match)
{
	return match != NULL || f->actor != NULL || f->tag != NULL ||
	    f->from != NULL || f->to != NULL || f->nactors > 0 || f->marked;
}

/* Makes the statement of a count by key into sql (the buffer is reset). */
static void
stats_sql(struct buf *b, const struct store_filter *f, const char *match,
    enum store_stats_by by)
{
	int	filtered = stats_filtered(f, match);
	int	dates = match == NULL && f->actor == NULL && f->tag == NULL &&
		    f->nactors == 0 && !f->marked;

	buf_reset(b);
	/* Unfiltered (or by dates alone), the build's counts do. */
	if (by == STORE_STATS_ACTOR && !filtered) {
		buf_adds(b, "SELECT id, name, nevents FROM actor WHERE"
		    " nevents > 0 ORDER BY nevents DESC, id");
		return;
	}
	if (by == STORE_STATS_TAG && !filtered) {
		buf_adds(b, "SELECT tag, NULL, sum(n) FROM count_tag GROUP BY 1"
		    " ORDER BY 3 DESC, 1");
		return;
	}
	if (by <= STORE_STATS_MONTH && dates) {
		buf_adds(b, "WITH c(d, n) AS (SELECT date(day + 1721059.5), n"
		    " FROM count_day WHERE 1");
		if (f->from != NULL)
			buf_adds(b, " AND day >= CAST(julianday(?2) - 1721059.5"
			    " AS INT)");
		if (f->to != NULL)
			buf_adds(b, " AND day <= CAST(julianday(?3) - 1721059.5"
			    " AS INT)");
		stats_calendar(b, by);
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
	buf_adds(b, " GROUP BY e.date");
	stats_calendar(b, by);
}

/*
 * Ends the statement of a count by time whose "WITH c(d, n) AS (SELECT"
 * the days and their counts is in b: the keys of the calendar from the
 * first day to the last, each with its sum.
 */
static void
stats_calendar(struct buf *b, enum store_stats_by by)
{
	buf_addf(b, "), k(k, n) AS (SELECT %s, sum(n) FROM c"
	    " GROUP BY 1), cal(d) AS (SELECT %s FROM c HAVING count(*) > 0"
	    " UNION ALL SELECT date(d, %s) FROM cal WHERE date(d, %s) <="
	    " (SELECT max(d) FROM c)) SELECT cal.k, NULL, coalesce(k.n, 0)"
	    " FROM (SELECT d, %s AS k FROM cal) cal LEFT JOIN k ON k.k = cal.k"
	    " ORDER BY cal.d", stats_time[by].key, stats_time[by].start,
	    stats_time[by].step, stats_time[by].step, stats_time[by].key);
}

static int64_t	stats_keys(struct store *, const struct store_filter *,
		    enum store_stats_by, struct store_stats_row **, char **);

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
	if ((by == STORE_STATS_ACTOR || by == STORE_STATS_TAG) &&
	    stats_filtered(f, match)) {
		/* The overview's one pass, every row kept. */
		free(match);
		return stats_keys(s, f, by, rows, err);
	}
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

/* The year, month and day of day number n (days since 0000-01-01). */
static void
cross_civil(int64_t n, int64_t *y, int64_t *m, int64_t *d)
{
	int64_t	z = n - 60, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
	*d = doy - (153 * mp + 2) / 5 + 1;
}

/* The month number (year * 12 + month - 1) of day number n. */
static int64_t
cross_month(int64_t n)
{
	int64_t	y, m, d;

	cross_civil(n, &y, &m, &d);
	return y * 12 + m - 1;
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

/* The date YYYY-MM-DD of day number n, into d (32 bytes). */
static void
cross_date(int64_t n, char d[32])
{
	int64_t	y, m, day;

	cross_civil(n, &y, &m, &day);
	snprintf(d, 32, "%04d-%02d-%02d", (int)(y % 10000), (int)m, (int)day);
}

/*
 * What store_tally_new counted: the days with events, and the top rows
 * with their cells, a (row, day, count) each. All arrays owned.
 */
struct store_tally {
	int64_t	 ndays;
	int64_t	*day;		/* day numbers, ascending */
	int64_t	*dn;		/* the events of each */
	int	 nrows;
	char	**keys;		/* actor ids or tags */
	char	**names;	/* actor names (NULL for tags) */
	int64_t	 ncells, capcells;
	int	*crow;
	int64_t	*cday;
	int64_t	*cn;
};

/* Reads (day, count) rows from st (finalized here). Returns 0 or -1. */
static int
tally_read_days(struct store_tally *t, sqlite3_stmt *st)
{
	int64_t	cap = 0;
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->ndays == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			t->day = xreallocarray(t->day, (size_t)cap,
			    sizeof *t->day);
			t->dn = xreallocarray(t->dn, (size_t)cap, sizeof *t->dn);
		}
		t->day[t->ndays] = sqlite3_column_int64(st, 0);
		t->dn[t->ndays++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Adds a row (copies of key and name) to t; returns its number. */
static int
tally_add_row(struct store_tally *t, const char *key, const char *name)
{
	t->keys = xreallocarray(t->keys, (size_t)t->nrows + 1,
	    sizeof *t->keys);
	t->names = xreallocarray(t->names, (size_t)t->nrows + 1,
	    sizeof *t->names);
	t->keys[t->nrows] = xstrdup(key);
	t->names[t->nrows] = name != NULL ? xstrdup(name) : NULL;
	return t->nrows++;
}

/* Adds n events of row r on day day to t. */
static void
tally_add_cell(struct store_tally *t, int r, int64_t day, int64_t n)
{
	if (t->ncells == t->capcells) {
		t->capcells = t->capcells == 0 ? 1024 : t->capcells * 2;
		t->crow = xreallocarray(t->crow, (size_t)t->capcells,
		    sizeof *t->crow);
		t->cday = xreallocarray(t->cday, (size_t)t->capcells,
		    sizeof *t->cday);
		t->cn = xreallocarray(t->cn, (size_t)t->capcells,
		    sizeof *t->cn);
	}
	t->crow[t->ncells] = r;
	t->cday[t->ncells] = day;
	t->cn[t->ncells++] = n;
}

/*
 * Without a filter: the counts the build keeps (store-counts.c). The top
 * actors come from each actor's count, the top tags from the sums of
 * theirs; each one's cells are a range of a kept table's key.
 */
static int
tally_kept(struct store *s, struct store_tally *t, enum store_stats_by rows,
    int maxrows)
{
	sqlite3_stmt	*st, *top, *cells;
	int		 r, rc;

	if (sqlite3_prepare_v2(s->db, "SELECT day, n FROM count_day ORDER BY"
	    " day", -1, &st, NULL) != SQLITE_OK || tally_read_days(t, st) == -1)
		return -1;
	top = store_stmt(s, rows == STORE_STATS_ACTOR ? "SELECT id, name FROM"
	    " actor WHERE nevents > 0 ORDER BY nevents DESC, id LIMIT ?1" :
	    "SELECT tag, NULL FROM count_tag GROUP BY 1 ORDER BY sum(n) DESC,"
	    " 1 LIMIT ?1");
	cells = store_stmt(s, rows == STORE_STATS_ACTOR ? "SELECT day, n FROM"
	    " count_actor WHERE actor = ?1" : "SELECT day, n FROM count_tag"
	    " WHERE tag = ?1");
	sqlite3_bind_int(top, 1, maxrows);
	while ((rc = sqlite3_step(top)) == SQLITE_ROW) {
		r = tally_add_row(t, (const char *)sqlite3_column_text(top, 0),
		    (const char *)sqlite3_column_text(top, 1));
		sqlite3_bind_text(cells, 1, t->keys[r], -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(cells)) == SQLITE_ROW)
			tally_add_cell(t, r, sqlite3_column_int64(cells, 0),
			    sqlite3_column_int64(cells, 1));
		sqlite3_reset(cells);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_reset(top);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Adds a day's count to t's days (days come in order). */
static void
tally_add_day(struct store_tally *t, int64_t day)
{
	if (t->ndays > 0 && t->day[t->ndays - 1] == day) {
		t->dn[t->ndays - 1]++;
		return;
	}
	if ((t->ndays & (t->ndays - 1)) == 0) {
		t->day = xreallocarray(t->day, t->ndays == 0 ? 1 :
		    (size_t)t->ndays * 2, sizeof *t->day);
		t->dn = xreallocarray(t->dn, t->ndays == 0 ? 1 :
		    (size_t)t->ndays * 2, sizeof *t->dn);
	}
	t->day[t->ndays] = day;
	t->dn[t->ndays++] = 1;
}

/*
 * The counts of a pass (tally_links), by key number (count_key's): the
 * day's counts in a dense array, the numbers it touched, and, when the
 * day ends, its (number, day, count) cells appended to one flat array,
 * in the order they come: the per-link work stays in a small array.
 */
struct tally_cell {
	int64_t	 day;
	int32_t	 num;
	int32_t	 n;
};
struct tally_nums {
	int64_t		 size;
	int64_t		*total;		/* by number, all days */
	int32_t		*cnt;		/* by number, this day */
	int32_t		*touched;	/* numbers counted this day */
	int64_t		 ntouched;
	struct tally_cell *cell;
	int64_t		 ncell, capcell;
};

/* Makes room for number num. */
static void
tally_nums_grow(struct tally_nums *k, uint64_t num)
{
	int64_t	size = k->size == 0 ? 1024 : k->size;

	while ((uint64_t)size <= num)
		size *= 2;
	k->total = xreallocarray(k->total, (size_t)size, sizeof *k->total);
	k->cnt = xreallocarray(k->cnt, (size_t)size, sizeof *k->cnt);
	k->touched = xreallocarray(k->touched, (size_t)size,
	    sizeof *k->touched);
	memset(k->total + k->size, 0, (size_t)(size - k->size) *
	    sizeof *k->total);
	memset(k->cnt + k->size, 0, (size_t)(size - k->size) *
	    sizeof *k->cnt);
	k->size = size;
}

/* Counts one event of number num on the current day. */
static void
tally_nums_add(struct tally_nums *k, uint64_t num)
{
	if (num >= (uint64_t)k->size)
		tally_nums_grow(k, num);
	if (k->cnt[num]++ == 0)
		k->touched[k->ntouched++] = (int32_t)num;
}

/* Ends day: its counts go to the flat cells and the totals. */
static void
tally_nums_day(struct tally_nums *k, int64_t day)
{
	int64_t	i;
	int32_t	num;

	for (i = 0; i < k->ntouched; i++) {
		num = k->touched[i];
		if (k->ncell == k->capcell) {
			k->capcell = k->capcell == 0 ? 4096 : k->capcell * 2;
			k->cell = xreallocarray(k->cell, (size_t)k->capcell,
			    sizeof *k->cell);
		}
		k->cell[k->ncell].day = day;
		k->cell[k->ncell].num = num;
		k->cell[k->ncell++].n = k->cnt[num];
		k->total[num] += k->cnt[num];
		k->cnt[num] = 0;
	}
	k->ntouched = 0;
}

static void
tally_nums_free(struct tally_nums *k)
{
	free(k->total);
	free(k->cnt);
	free(k->touched);
	free(k->cell);
}

/* An unsigned LEB128 varint at *p (before end), as store-counts.c packs. */
static uint64_t
tally_varint(const unsigned char **p, const unsigned char *end)
{
	uint64_t	v = 0;
	int		sh = 0;

	while (*p < end && sh < 64) {
		v |= (uint64_t)(**p & 0x7f) << sh;
		if (!(*(*p)++ & 0x80))
			break;
		sh += 7;
	}
	return v;
}

/* A key of the top: its number, its key, its events. */
struct tally_top {
	int64_t	 num;
	char	*key;
	int64_t	 total;
};

/* Most events first, then by number (keys not read yet) or by key. */
static int
tally_top_cmp(const void *a, const void *b)
{
	const struct tally_top	*x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	if (x->key != NULL && y->key != NULL)
		return strcmp(x->key, y->key);
	return (x->num > y->num) - (x->num < y->num);
}

/*
 * The top maxrows keys of k into t, ties by key (only the keys that may
 * make the top are read from count_key), then their cells from the flat
 * array, in one sequential pass.
 */
static void
tally_top(struct store *s, struct store_tally *t, struct tally_nums *k,
    enum store_stats_by rows, int maxrows)
{
	struct tally_top	*v;
	sqlite3_stmt		*st, *nm;
	int64_t			 i, n = 0, m, *row;
	int			 r;

	v = xcalloc(k->size > 0 ? (size_t)k->size : 1, sizeof *v);
	for (i = 0; i < k->size; i++)
		if (k->total[i] > 0) {
			v[n].num = i;
			v[n++].total = k->total[i];
		}
	qsort(v, (size_t)n, sizeof *v, tally_top_cmp);
	/* Those with as many events as the last to make it. */
	for (m = n < maxrows ? n : maxrows; m < n && v[m].total ==
	    v[maxrows - 1].total; m++)
		;
	st = store_stmt(s, "SELECT key FROM count_key WHERE num = ?1");
	for (i = 0; i < m; i++) {
		sqlite3_bind_int64(st, 1, v[i].num);
		v[i].key = xstrdup(sqlite3_step(st) == SQLITE_ROW ?
		    (const char *)sqlite3_column_text(st, 0) : "");
		sqlite3_reset(st);
	}
	qsort(v, (size_t)m, sizeof *v, tally_top_cmp);
	/* Each number's row, or -1. */
	row = xcalloc(k->size > 0 ? (size_t)k->size : 1, sizeof *row);
	for (i = 0; i < k->size; i++)
		row[i] = -1;
	nm = store_stmt(s, "SELECT name FROM actor WHERE id = ?1");
	for (i = 0; i < m && i < maxrows; i++) {
		if (rows == STORE_STATS_ACTOR) {
			sqlite3_bind_text(nm, 1, v[i].key, -1, SQLITE_STATIC);
			r = tally_add_row(t, v[i].key, sqlite3_step(nm) ==
			    SQLITE_ROW ? (const char *)sqlite3_column_text(nm,
			    0) : NULL);
			sqlite3_reset(nm);
		} else
			r = tally_add_row(t, v[i].key, NULL);
		row[v[i].num] = r;
	}
	for (i = 0; i < k->ncell; i++)
		if (row[k->cell[i].num] >= 0)
			tally_add_cell(t, (int)row[k->cell[i].num],
			    k->cell[i].day, k->cell[i].n);
	for (i = 0; i < m; i++)
		free(v[i].key);
	free(v);
	free(row);
}

/*
 * Counts the events st gives (finalized here): their keys, ascending (an
 * event may come more than once in a row, once per hit). Each event's day
 * is its key's high bits; its links are read from its day's packed blob
 * (store-counts.c), a cursor moving forward as the keys do, and counted
 * by key number in C: no join, no temporary B-tree. Returns 0 or -1.
 */
static int
tally_links(struct store *s, struct store_tally *t, sqlite3_stmt *st,
    enum store_stats_by rows, int maxrows)
{
	struct tally_nums	 k;
	sqlite3_stmt		*bl;
	const unsigned char	*p = NULL, *end = NULL, *q;
	uint64_t		 low, r, n, x, num;
	int64_t			 rid, last = -1, day, cur = -1;
	int			 rc;

	memset(&k, 0, sizeof k);
	bl = store_stmt(s, "SELECT links FROM count_link WHERE id = ?1");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rid = sqlite3_column_int64(st, 0)) == last)
			continue;
		last = rid;
		day = rid >> STORE_DBITS;
		tally_add_day(t, day);
		if (day != cur) {
			tally_nums_day(&k, cur);
			sqlite3_reset(bl);
			sqlite3_bind_int64(bl, 1, day * 2 +
			    (rows == STORE_STATS_TAG));
			p = end = NULL;
			if (sqlite3_step(bl) == SQLITE_ROW) {
				p = sqlite3_column_blob(bl, 0);
				end = p + sqlite3_column_bytes(bl, 0);
			}
			cur = day;
		}
		low = (uint64_t)rid & ((UINT64_C(1) << STORE_DBITS) - 1);
		while (p < end) {
			q = p;
			if ((r = tally_varint(&p, end)) > low) {
				p = q;
				break;
			}
			n = tally_varint(&p, end);
			for (x = 0; x < n; x++) {
				num = tally_varint(&p, end);
				if (r == low && num < INT32_MAX)
					tally_nums_add(&k, num);
			}
			if (r == low)
				break;
		}
	}
	tally_nums_day(&k, cur);
	sqlite3_reset(bl);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		tally_top(s, t, &k, rows, maxrows);
	tally_nums_free(&k);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * With a filter: one pass over its events in key order. A search alone
 * takes them straight from the index's hits, without reading an event
 * row.
 */
static int
tally_pass(struct store *s, struct store_tally *t, const struct store_filter *f,
    const char *match, enum store_stats_by rows, int maxrows)
{
	struct buf	 b;
	sqlite3_stmt	*st;
	int		 rc;

	buf_init(&b);
	if (match != NULL && f->actor == NULL && f->tag == NULL &&
	    f->from == NULL && f->to == NULL && f->nactors == 0 && !f->marked)
		buf_adds(&b, "SELECT " STORE_KEY_EVENT("rowid") " FROM fts"
		    " WHERE fts MATCH ?1 ORDER BY rowid");
	else {
		buf_adds(&b, "SELECT e.rid FROM event e WHERE 1");
		/* Dates bound the keys too: a range, not a scan. */
		if (f->from != NULL)
			buf_adds(&b, " AND e.rid >= " STORE_KEY_BASE("?2",
			    "NULL"));
		if (f->to != NULL)
			buf_adds(&b, " AND e.rid < coalesce(" STORE_KEY_BASE(
			    "date(?3, '+1 day')", "NULL") ", 1 << 62)");
		stats_where(&b, f, match);
		buf_adds(&b, " ORDER BY e.rid");
	}
	rc = sqlite3_prepare_v2(s->db, buf_str(&b), -1, &st, NULL);
	buf_free(&b);
	if (rc != SQLITE_OK)
		return -1;
	store_view_bind(st, f, match);
	return tally_links(s, t, st, rows, maxrows);
}

struct store_tally *
store_tally_new(struct store *s, const struct store_filter *f,
    enum store_stats_by rows, int maxrows, char **err)
{
	struct store_tally	*t;
	char			*match = NULL;
	int			 rc;

	*err = NULL;
	if ((rows != STORE_STATS_ACTOR && rows != STORE_STATS_TAG) ||
	    maxrows < 1) {
		*err = xstrdup("stats: no such matrix");
		return NULL;
	}
	if (f->query != NULL && (match = query_translate(f->query, err)) ==
	    NULL)
		return NULL;
	t = xcalloc(1, sizeof *t);
	if (stats_filtered(f, match))
		rc = tally_pass(s, t, f, match, rows, maxrows);
	else
		rc = tally_kept(s, t, rows, maxrows);
	free(match);
	if (rc == -1) {
		*err = xasprintf("stats failed: %s", sqlite3_errmsg(s->db));
		store_tally_free(t);
		return NULL;
	}
	return t;
}

int64_t
store_tally_days(const struct store_tally *t, struct store_stats_row **rows)
{
	struct store_stats_row	*r;
	char			 d[32];
	int64_t			 i;

	r = xcalloc(t->ndays > 0 ? (size_t)t->ndays : 1, sizeof *r);
	for (i = 0; i < t->ndays; i++) {
		cross_date(t->day[i], d);
		r[i].key = xstrdup(d);
		r[i].count = t->dn[i];
	}
	*rows = r;
	return t->ndays;
}

int
store_tally_cross(const struct store_tally *t, enum store_stats_by cols,
    const char *start, int64_t ncols, struct store_cross *out, char **err)
{
	int64_t	day0, c, i;
	int	y, m, d, r;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (cols > STORE_STATS_MONTH || ncols < 1) {
		*err = xstrdup("stats: no such matrix");
		return -1;
	}
	if (sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		*err = xasprintf("stats: not a date: '%s'", start);
		return -1;
	}
	day0 = cross_day(y, m, d);
	out->ncols = ncols;
	out->nrows = t->nrows;
	if (t->nrows == 0)
		return 0;
	out->keys = xcalloc((size_t)t->nrows, sizeof *out->keys);
	out->names = xcalloc((size_t)t->nrows, sizeof *out->names);
	out->totals = xcalloc((size_t)t->nrows, sizeof *out->totals);
	out->counts = xcalloc((size_t)t->nrows * (size_t)ncols,
	    sizeof *out->counts);
	for (r = 0; r < t->nrows; r++) {
		out->keys[r] = xstrdup(t->keys[r]);
		out->names[r] = t->names[r] != NULL ? xstrdup(t->names[r]) :
		    NULL;
	}
	/* Events outside the columns are not counted, in totals either. */
	for (i = 0; i < t->ncells; i++) {
		c = cross_col(cols, day0, t->cday[i]);
		if (c < 0 || c >= ncols)
			continue;
		r = t->crow[i];
		out->counts[(size_t)r * (size_t)ncols + (size_t)c] += t->cn[i];
		out->totals[r] += t->cn[i];
	}
	return 0;
}

void
store_tally_free(struct store_tally *t)
{
	int	r;

	if (t == NULL)
		return;
	for (r = 0; r < t->nrows; r++) {
		free(t->keys[r]);
		free(t->names[r]);
	}
	free(t->keys);
	free(t->names);
	free(t->day);
	free(t->dn);
	free(t->crow);
	free(t->cday);
	free(t->cn);
	free(t);
}

/* Counts by actor or tag of a filter's events, from store_tally_new. */
static int64_t
stats_keys(struct store *s, const struct store_filter *f,
    enum store_stats_by by, struct store_stats_row **rows, char **err)
{
	struct store_tally	*t;
	struct store_stats_row	*r;
	int64_t			 i;

	if ((t = store_tally_new(s, f, by, INT_MAX, err)) == NULL)
		return -1;
	r = xcalloc(t->nrows > 0 ? (size_t)t->nrows : 1, sizeof *r);
	for (i = 0; i < t->nrows; i++) {
		r[i].key = t->keys[i];
		r[i].name = t->names[i];
		t->keys[i] = t->names[i] = NULL;
	}
	for (i = 0; i < t->ncells; i++)
		r[t->crow[i]].count += t->cn[i];
	i = t->nrows;
	store_tally_free(t);
	*rows = r;
	return i;
}

int
store_stats_cross(struct store *s, const struct store_filter *f,
    enum store_stats_by rows, enum store_stats_by cols, const char *start,
    int64_t ncols, int maxrows, struct store_cross *out, char **err)
{
	struct store_tally	*t;
	int			 rc;

	memset(out, 0, sizeof *out);
	if (cols > STORE_STATS_MONTH || ncols < 1) {
		*err = xstrdup("stats: no such matrix");
		return -1;
	}
	if ((t = store_tally_new(s, f, rows, maxrows, err)) == NULL)
		return -1;
	rc = store_tally_cross(t, cols, start, ncols, out, err);
	store_tally_free(t);
	return rc;
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
