/*
 * test-cross.c: unit tests for the overview's matrix (store_stats_cross):
 * every cell, by actor and by tag, by day, week and month, whole or
 * filtered by a search or an actor, must equal the number of events a
 * view of that row and the column's dates holds, the count `list` gives.
 * The counts the build keeps (the whole corpus) and the one pass over a
 * filter's events (store_tally) must both equal a plain GROUP BY.
 * Over the bundled content ($TOP/content), built in memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "store-int.h"
#include "unit.h"
#include "util.h"

static struct store *cross_s;

/* The store of the bundled content, opened once. */
static struct store *
cross_store(void)
{
	struct diag_list	 dl;
	const char		*top = getenv("TOP");
	char			*dir, *err = NULL;

	if (cross_s != NULL)
		return cross_s;
	diag_init(&dl);
	dir = xasprintf("%s/content", top != NULL ? top : ".");
	cross_s = store_open(dir, NULL, STORE_MEMORY | STORE_QUIET, NULL, &dl,
	    &err);
	if (cross_s == NULL)
		printf("  store_open %s: %s\n", dir, err ? err : "errors");
	free(err);
	free(dir);
	diag_free(&dl);
	return cross_s;
}

/* The dates of column c from start: first and last day (YYYY-MM-DD). */
static void
cross_dates(enum store_stats_by by, const char *start, int64_t c,
    char from[11], char to[11])
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof tm);
	sscanf(start, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	if (by == STORE_STATS_MONTH) {
		tm.tm_mday = 1;
		tm.tm_mon += (int)c;
	} else if (by == STORE_STATS_WEEK) {
		t = timegm(&tm);
		gmtime_r(&t, &tm);
		/* Back to Monday, then c weeks on. */
		tm.tm_mday -= (tm.tm_wday + 6) % 7 - 7 * (int)c;
	} else
		tm.tm_mday += (int)c;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(from, 11, "%Y-%m-%d", &tm);
	if (by == STORE_STATS_MONTH) {
		tm.tm_mon++;
		tm.tm_mday = 0;
	} else if (by == STORE_STATS_WEEK)
		tm.tm_mday += 6;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(to, 11, "%Y-%m-%d", &tm);
}

/* Events of the view of f (walked to its end), as list counts them. */
static int64_t
cross_count(struct store *s, const struct store_filter *f)
{
	struct store_view	*v;
	char			*err = NULL;
	int64_t			 n;

	if ((v = store_view_new(s, f, &err)) == NULL) {
		printf("  view: %s\n", err);
		free(err);
		return -1;
	}
	store_view_more(v, -1, 0);
	n = store_view_count(v);
	store_view_free(v);
	return n;
}

/*
 * Checks every cell and total of the matrix of base by rows and cols
 * against views; returns the sum of the cells (to know it was not empty).
 */
static int64_t
cross_check(const struct store_filter *base, enum store_stats_by rows,
    enum store_stats_by cols, const char *start, int64_t ncols)
{
	struct store		*s = cross_store();
	struct store_cross	 x;
	struct store_filter	 f;
	char			*err = NULL, from[11], to[11];
	int64_t			 c, sum = 0, rowsum, want;
	int			 r, bad = 0;

	if (s == NULL) {
		unit_failed = 1;
		return 0;
	}
	if (store_stats_cross(s, base, rows, cols, start, ncols, 6, &x,
	    &err) != 0) {
		printf("  store_stats_cross: %s\n", err);
		free(err);
		unit_failed = 1;
		return 0;
	}
	CHECK(x.nrows > 0 && x.nrows <= 6);
	for (r = 0; r < x.nrows; r++) {
		rowsum = 0;
		for (c = 0; c < ncols && !bad; c++) {
			f = *base;
			cross_dates(cols, start, c, from, to);
			/* The column's dates within the filter's own. */
			f.from = base->from != NULL && strcmp(base->from, from) >
			    0 ? base->from : from;
			f.to = base->to != NULL && strcmp(base->to, to) < 0 ?
			    base->to : to;
			if (rows == STORE_STATS_TAG)
				f.tag = x.keys[r];
			else if (base->actor == NULL)
				f.actor = x.keys[r];
			else {
				/* Both: the filter's actor and the row's. */
				const char *both[2] = { base->actor, x.keys[r] };

				f.actor = NULL;
				f.actors = both;
				f.nactors = strcmp(both[0], both[1]) == 0 ?
				    1 : 2;
				want = cross_count(s, &f);
				goto got;
			}
			want = cross_count(s, &f);
got:
			if (x.counts[r * ncols + c] != want) {
				printf("  %s, %s..%s: %lld, list says %lld\n",
				    x.keys[r], from, to, (long long)
				    x.counts[r * ncols + c], (long long)want);
				bad = unit_failed = 1;
			}
			rowsum += want;
		}
		CHECK_INT(x.totals[r], rowsum);
		sum += rowsum;
		/* Most events first. */
		if (r > 0 && rows == STORE_STATS_ACTOR && base->from == NULL &&
		    base->query == NULL)
			CHECK(x.totals[r] <= x.totals[r - 1]);
	}
	store_cross_free(&x);
	return sum;
}

UNIT_TEST(cross_actor_by_day)
{
	struct store_filter	f;

	memset(&f, 0, sizeof f);
	f.from = "2025-06-01";
	f.to = "2025-06-30";
	CHECK(cross_check(&f, STORE_STATS_ACTOR, STORE_STATS_DAY,
	    "2025-06-01", 30) > 0);
}

UNIT_TEST(cross_actor_by_week_and_month_whole)
{
	struct store_filter	f;

	memset(&f, 0, sizeof f);
	CHECK(cross_check(&f, STORE_STATS_ACTOR, STORE_STATS_WEEK,
	    "2025-05-20", 8) > 0);
	/* The whole span, 2013 and all. */
	CHECK(cross_check(&f, STORE_STATS_ACTOR, STORE_STATS_MONTH,
	    "2013-09-01", 142) > 0);
}

UNIT_TEST(cross_tag_by_day)
{
	struct store_filter	f;

	memset(&f, 0, sizeof f);
	CHECK(cross_check(&f, STORE_STATS_TAG, STORE_STATS_DAY, "2025-06-10",
	    20) > 0);
	/* Filtered: one pass over the search's events, by week. */
	f.query = "strikes";
	CHECK(cross_check(&f, STORE_STATS_TAG, STORE_STATS_WEEK, "2025-06-01",
	    5) > 0);
}

UNIT_TEST(cross_search_and_actor)
{
	struct store_filter	f;

	memset(&f, 0, sizeof f);
	f.query = "nuclear";
	CHECK(cross_check(&f, STORE_STATS_ACTOR, STORE_STATS_DAY,
	    "2025-06-10", 20) > 0);
	memset(&f, 0, sizeof f);
	f.actor = "russia";
	CHECK(cross_check(&f, STORE_STATS_ACTOR, STORE_STATS_WEEK,
	    "2025-06-01", 5) > 0);
}

/*
 * Checks the matrix x (by day from day number day0, all rows) against a
 * plain GROUP BY of the links of table tab by key and day, and its days
 * against one of the events by day. Returns the cells checked.
 */
static int64_t
cross_group_by(struct store *s, const struct store_cross *x,
    const struct store_stats_row *days, int64_t ndays, const char *tab,
    const char *col, int64_t day0)
{
	sqlite3_stmt	*st;
	char		*sql;
	int64_t		 n = 0, c, i = 0;
	int		 r;

	sql = xasprintf("SELECT g.%s, g.rid >> %d, count(*) FROM %s g"
	    " GROUP BY 1, 2", col, STORE_DBITS, tab);
	CHECK(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK);
	free(sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (r = 0; r < x->nrows && strcmp(x->keys[r], (const char *)
		    sqlite3_column_text(st, 0)) != 0; r++)
			;
		CHECK(r < x->nrows);
		c = sqlite3_column_int64(st, 1) - day0;
		CHECK(r < x->nrows && c >= 0 && c < x->ncols);
		if (r >= x->nrows || c < 0 || c >= x->ncols)
			break;
		CHECK_INT(x->counts[r * x->ncols + c],
		    sqlite3_column_int64(st, 2));
		n += sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	/* Every cell was seen: the sums agree. */
	for (c = 0, r = 0; r < x->nrows; r++)
		c += x->totals[r];
	CHECK_INT(c, n);
	CHECK(sqlite3_prepare_v2(s->db, "SELECT date, count(*) FROM event"
	    " GROUP BY 1 ORDER BY 1", -1, &st, NULL) == SQLITE_OK);
	/* The same days, in order, none left out. */
	for (i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
		CHECK(i < ndays);
		if (i >= ndays)
			break;
		CHECK_STR(days[i].key, (const char *)sqlite3_column_text(st, 0));
		CHECK_INT(days[i].count, sqlite3_column_int64(st, 1));
	}
	CHECK_INT(i, ndays);
	sqlite3_finalize(st);
	return n;
}

/* The tally of f, by day over the whole corpus, checked by GROUP BY. */
static void
cross_tally_check(const struct store_filter *f, enum store_stats_by rows)
{
	struct store		*s = cross_store();
	struct store_tally	*t;
	struct store_stats_row	*days;
	struct store_cross	 x;
	char			*err = NULL;
	int64_t			 n, span, day0;

	if (s == NULL) {
		unit_failed = 1;
		return;
	}
	t = store_tally_new(s, f, rows, 100000, &err);
	CHECK(t != NULL);
	if (t == NULL) {
		printf("  store_tally_new: %s\n", err);
		free(err);
		return;
	}
	n = store_tally_days(t, &days);
	CHECK(n >= 10);
	day0 = store_int(s, "SELECT min(rid) >> " STORE_XSTR(STORE_DBITS)
	    " FROM event");
	span = store_int(s, "SELECT max(rid) >> " STORE_XSTR(STORE_DBITS)
	    " FROM event") - day0 + 1;
	if (n < 1) {
		store_stats_free(days, n);
		store_tally_free(t);
		return;
	}
	CHECK(store_tally_cross(t, STORE_STATS_DAY, days[0].key, span, &x,
	    &err) == 0);
	/* Every actor (tag) with events is a row. */
	CHECK_INT(x.nrows, store_int(s, rows == STORE_STATS_ACTOR ?
	    "SELECT count(DISTINCT actor) FROM event_actor" :
	    "SELECT count(DISTINCT tag) FROM event_tag"));
	CHECK(cross_group_by(s, &x, days, n, rows == STORE_STATS_ACTOR ?
	    "event_actor" : "event_tag", rows == STORE_STATS_ACTOR ? "actor" :
	    "tag", day0) > 10);
	store_cross_free(&x);
	store_stats_free(days, n);
	store_tally_free(t);
}

UNIT_TEST(cross_kept_and_pass_as_group_by)
{
	struct store_filter	f;

	/* Without a filter: the counts the build keeps. */
	memset(&f, 0, sizeof f);
	cross_tally_check(&f, STORE_STATS_ACTOR);
	cross_tally_check(&f, STORE_STATS_TAG);
	/* Dates that hold every event: the one pass over them. */
	f.from = "0001-01-01";
	f.to = "9999-12-31";
	cross_tally_check(&f, STORE_STATS_ACTOR);
	cross_tally_check(&f, STORE_STATS_TAG);
}

UNIT_TEST(cross_bad_args)
{
	struct store		*s = cross_store();
	struct store_cross	 x;
	struct store_filter	 f;
	char			*err = NULL;

	if (s == NULL) {
		unit_failed = 1;
		return;
	}
	memset(&f, 0, sizeof f);
	CHECK(store_stats_cross(s, &f, STORE_STATS_DAY, STORE_STATS_DAY,
	    "2025-06-01", 3, 5, &x, &err) == -1);
	CHECK(err != NULL);
	free(err);
	err = NULL;
	f.query = "\"";
	CHECK(store_stats_cross(s, &f, STORE_STATS_ACTOR, STORE_STATS_DAY,
	    "2025-06-01", 3, 5, &x, &err) == -1 || x.nrows == 0);
	free(err);
	store_cross_free(&x);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(cross_actor_by_day),
	UNIT_ENTRY(cross_actor_by_week_and_month_whole),
	UNIT_ENTRY(cross_tag_by_day),
	UNIT_ENTRY(cross_search_and_actor),
	UNIT_ENTRY(cross_kept_and_pass_as_group_by),
	UNIT_ENTRY(cross_bad_args),
};

int
main(void)
{
	int	rc = UNIT_RUN(tests);

	if (cross_s != NULL)
		store_close(cross_s);
	return rc;
}
