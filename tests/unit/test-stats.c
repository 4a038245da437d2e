/*
 * test-stats.c: store-stats.c's counts (ISO weeks across a year's turn,
 * the calendar's empty keys, actor counts kept by the build against those
 * counted under a filter) and views of several actors, all or any.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "unit.h"
#include "util.h"

/* A week 53 (2020), a Sunday in it, a Monday of week 1, a gap. */
static const char stats_actors[] =
	"actors:\n"
	"  - {id: n, name: North, kind: state}\n"
	"  - {id: s, name: South, kind: state}\n"
	"  - {id: e, name: Erik Envoy, kind: person}\n";
static const char stats_events[] =
	"events:\n"
	"  - {id: a, date: 2020-12-28, title: A, actors: [n, s], tags: [t]}\n"
	"  - {id: b, date: 2020-12-31, time: '10:00', title: B,"
	" actors: [e, n], tags: [v]}\n"
	"  - {id: c, date: 2021-01-03, title: C, actors: [s], tags: [t]}\n"
	"  - {id: d, date: 2021-01-04, title: D, actors: [n, s, e],"
	" tags: [t]}\n"
	"  - {id: f, date: 2021-02-01, title: F, actors: [e], tags: [v]}\n";

static struct store *
stats_open(void)
{
	struct diag_list	 d;
	struct store		*s;
	char			*dir, *err = NULL;

	dir = unit_newdir("stats");
	unit_write_text(dir, "actors.yaml", stats_actors);
	unit_write_text(dir, "events.yaml", stats_events);
	diag_init(&d);
	s = store_open(dir, NULL, STORE_MEMORY | STORE_QUIET, NULL, &d, &err);
	CHECK(s != NULL);
	diag_free(&d);
	free(err);
	free(dir);
	return s;
}

/* "KEY COUNT" rows joined by spaces, for one comparison. */
static char *
stats_line(struct store *s, const struct store_filter *f,
    enum store_stats_by by)
{
	struct store_stats_row	*r;
	struct buf		 b;
	char			*err = NULL;
	int64_t			 n, i;

	buf_init(&b);
	n = store_stats(s, f, by, &r, &err);
	CHECK(n >= 0 && err == NULL);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s %lld", i > 0 ? " " : "", r[i].key,
		    (long long)r[i].count);
	store_stats_free(r, n);
	free(err);
	return buf_detach(&b);
}

UNIT_TEST(stats_time_keys)
{
	struct store_filter	 f;
	struct store		*s = stats_open();
	char			*l;

	if (s == NULL)
		return;
	memset(&f, 0, sizeof f);
	l = stats_line(s, &f, STORE_STATS_WEEK);
	CHECK_STR(l, "2020-W53 3 2021-W01 1 2021-W02 0 2021-W03 0"
	    " 2021-W04 0 2021-W05 1");
	free(l);
	l = stats_line(s, &f, STORE_STATS_MONTH);
	CHECK_STR(l, "2020-12 2 2021-01 2 2021-02 1");
	free(l);
	f.from = "2020-12-30";
	f.to = "2021-01-04";
	l = stats_line(s, &f, STORE_STATS_DAY);
	CHECK_STR(l, "2020-12-31 1 2021-01-01 0 2021-01-02 0 2021-01-03 1"
	    " 2021-01-04 1");
	free(l);
	f.from = "2022-01-01";
	f.to = NULL;
	l = stats_line(s, &f, STORE_STATS_DAY);
	CHECK_STR(l, "");
	free(l);
	store_close(s);
}

UNIT_TEST(stats_actors_and_tags)
{
	static const char *const ne[] = { "n", "e" };
	struct store_filter	 f;
	struct store		*s = stats_open();
	char			*l;

	if (s == NULL)
		return;
	memset(&f, 0, sizeof f);
	/* Kept by the build, then counted under a filter that keeps all:
	 * the same, ties by id. */
	l = stats_line(s, &f, STORE_STATS_ACTOR);
	CHECK_STR(l, "e 3 n 3 s 3");
	free(l);
	f.from = "2000-01-01";
	l = stats_line(s, &f, STORE_STATS_ACTOR);
	CHECK_STR(l, "e 3 n 3 s 3");
	free(l);
	f.from = NULL;
	l = stats_line(s, &f, STORE_STATS_TAG);
	CHECK_STR(l, "t 3 v 2");
	free(l);
	/* Several actors: all of them, then any. */
	f.actors = ne;
	f.nactors = 2;
	l = stats_line(s, &f, STORE_STATS_DAY);
	CHECK_STR(l, "2020-12-31 1 2021-01-01 0 2021-01-02 0 2021-01-03 0"
	    " 2021-01-04 1");
	free(l);
	f.any_actor = 1;
	l = stats_line(s, &f, STORE_STATS_TAG);
	CHECK_STR(l, "t 2 v 2");
	free(l);
	CHECK_INT(store_stats_has_tag(s, "t"), 1);
	CHECK_INT(store_stats_has_tag(s, "T"), 0);
	store_close(s);
}

/* The ids of a view's events, in order, joined by spaces. */
static char *
stats_view_ids(struct store *s, const struct store_filter *f)
{
	struct store_view	*v;
	struct store_row	 r[16];
	struct buf		 b;
	char			*err = NULL;
	int			 n, i;

	buf_init(&b);
	if ((v = store_view_new(s, f, &err)) == NULL) {
		CHECK(v != NULL);
		free(err);
		return buf_detach(&b);
	}
	n = store_view_rows(v, 1, 16, r);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i > 0 ? " " : "", r[i].id);
	CHECK_INT(store_view_count(v), n);
	store_rows_clear(r, n);
	store_view_free(v);
	return buf_detach(&b);
}

UNIT_TEST(views_of_several_actors)
{
	static const char *const se[] = { "s", "e" };
	struct store_filter	 f;
	struct store		*s = stats_open();
	char			*l;

	if (s == NULL)
		return;
	memset(&f, 0, sizeof f);
	f.actors = se;
	f.nactors = 2;
	l = stats_view_ids(s, &f);
	CHECK_STR(l, "d");
	free(l);
	f.any_actor = 1;
	l = stats_view_ids(s, &f);
	CHECK_STR(l, "a b c d f");
	free(l);
	f.tag = "t";
	l = stats_view_ids(s, &f);
	CHECK_STR(l, "a c d");
	free(l);
	f.any_actor = 0;
	f.tag = NULL;
	f.query = "D";
	f.order = STORE_ORDER_RANK;
	l = stats_view_ids(s, &f);
	CHECK_STR(l, "d");
	free(l);
	store_close(s);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(stats_time_keys),
	UNIT_ENTRY(stats_actors_and_tags),
	UNIT_ENTRY(views_of_several_actors),
};

int
main(void)
{
	int	rc;

	rc = UNIT_RUN(tests);
	unit_cleanup();
	return rc;
}
