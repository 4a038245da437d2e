/*
 * test-pos.c: unit tests for timeline positions ("N of M", an event by
 * its number) after updates that add and remove events in the middle of
 * a month's file: every later event moves by one, on a day with several
 * events, in the whole timeline, a date range, an actor's view and a
 * search in either order. The expected orders are written out here, not
 * read from a store built afresh; the counts by day, actor and tag that
 * positions and the overview come from are checked against a fresh one.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "unit.h"
#include "util.h"

static const char pos_actors[] =
	"actors:\n"
	"  - id: alpha\n    name: Anna Alpha\n    kind: person\n"
	"  - id: brook\n    name: Boris Brook\n    kind: person\n";

static const char pos_sources[] = "sources:\n"
	"  - id: wire\n    title: The Wire\n";

/* Events of a day: untimed ones first, then by time, then by id. */
#define POS_EV(id, date, time, actor) "  - id: " id "\n    date: " date \
	"\n" time "    title: Event " id " happens\n    actors: [" actor "]\n" \
	"    tags: [on-" actor "]\n"
#define POS_AT(t) "    time: \"" t "\"\n"

static const char pos_month[] = "events:\n"
	POS_EV("b-2", "2024-03-02", POS_AT("11:00"), "brook")
	POS_EV("a-1", "2024-03-01", "", "alpha")
	POS_EV("a-2", "2024-03-01", POS_AT("09:00"), "brook")
	POS_EV("b-1", "2024-03-02", POS_AT("10:00"), "alpha")
	POS_EV("a-3", "2024-03-01", POS_AT("12:00"), "alpha")
	POS_EV("b-3", "2024-03-02", "", "brook")
	POS_EV("b-4", "2024-03-02", POS_AT("11:00"), "alpha")
	POS_EV("c-1", "2024-03-03", "", "alpha");

/* Another file, never changed: its events move all the same. */
static const char pos_later[] = "events:\n"
	POS_EV("d-1", "2024-03-05", POS_AT("08:00"), "brook")
	POS_EV("d-2", "2024-03-05", POS_AT("09:00"), "alpha");

/* Events alpha is in, across all steps. */
static const char *const pos_alpha[] = {
	"a-1", "a-3", "b-1", "b-4", "c-1", "d-2", "b-0", "e-1"
};

static int
pos_is_alpha(const char *id)
{
	size_t	i;

	for (i = 0; i < sizeof pos_alpha / sizeof pos_alpha[0]; i++)
		if (strcmp(pos_alpha[i], id) == 0)
			return 1;
	return 0;
}

/* The position (1-based) of id in ids, 0 if it is not there. */
static int64_t
pos_index(const char *const *ids, int n, const char *id)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return i + 1;
	return 0;
}

/* Replaces the first from with to in dir/name, dated when. */
static void
pos_edit(const char *dir, const char *name, const char *from, const char *to,
    time_t when)
{
	FILE		*f;
	char		*path, *text, *p, *out;
	long		 len;

	path = xasprintf("%s/%s", dir, name);
	CHECK((f = fopen(path, "r")) != NULL);
	if (f == NULL) {
		free(path);
		return;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = xcalloc((size_t)len + 1, 1);
	CHECK(fread(text, 1, (size_t)len, f) == (size_t)len);
	fclose(f);
	if ((p = strstr(text, from)) == NULL) {
		printf("  edit: '%s' not in %s\n", from, name);
		unit_failed = 1;
	} else {
		*p = '\0';
		out = xasprintf("%s%s%s", text, to, p + strlen(from));
		unit_write_text(dir, name, out);
		free(out);
	}
	unit_set_mtime(dir, name, when);
	free(text);
	free(path);
}

/* The rows sql gives in db, one a line (caller frees). */
static char *
pos_rows(const char *db, const char *sql)
{
	sqlite3_stmt	*st;
	sqlite3		*h;
	struct buf	 b;
	int		 i;

	buf_init(&b);
	CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	CHECK(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++)
			buf_addf(&b, "%s%s", i > 0 ? " " : "",
			    (const char *)sqlite3_column_text(st, i));
		buf_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return buf_detach(&b);
}

/*
 * The counts an update keeps by day (with their running sums), by actor
 * and by tag, against those of a store built afresh at fresh.
 */
static void
pos_check_counts(const char *content, const char *db, const char *fresh)
{
	static const char *const sql[] = {
		"SELECT day, n, cum FROM count_day ORDER BY day",
		"SELECT actor, day, n FROM count_actor ORDER BY actor, day",
		"SELECT tag, day, n FROM count_tag ORDER BY tag, day",
	};
	struct diag_list	 dl;
	struct store		*s;
	char			*err = NULL, *a, *b;
	size_t			 i;

	unlink(fresh);
	diag_init(&dl);
	s = store_open(content, fresh, 0, NULL, &dl, &err);
	CHECK(s != NULL);
	free(err);
	diag_free(&dl);
	store_close(s);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		a = pos_rows(db, sql[i]);
		b = pos_rows(fresh, sql[i]);
		CHECK(a[0] != '\0');
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
}

static struct store_view *
pos_view(struct store *s, const char *actor, const char *from, const char *to,
    const char *query, enum store_order order)
{
	struct store_filter	 f;
	struct store_view	*v;
	char			*err = NULL;

	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.from = from;
	f.to = to;
	f.query = query;
	f.order = order;
	if ((v = store_view_new(s, &f, &err)) == NULL)
		printf("  store_view_new: %s\n", err != NULL ? err : "(none)");
	free(err);
	CHECK(v != NULL);
	return v;
}

/*
 * Reads view v in windows of 3: each row's position in the view follows
 * on, its timeline number is its id's place in ids, and the view's own
 * rows are those keep says (in date order: in timeline order); each is
 * found again by its number.
 */
static void
pos_check_view(const char *what, struct store_view *v, const char *const *ids,
    int n, int (*keep)(const char *), enum store_order order)
{
	struct store_row	 rows[3];
	int64_t			 pos = 1, last = 0, want = 0;
	int			 got, i, k;

	if (v == NULL)
		return;
	for (k = 0; k < n; k++)
		want += keep(ids[k]);
	while ((got = store_view_rows(v, pos, 3, rows)) > 0) {
		for (i = 0; i < got; i++, pos++) {
			if (rows[i].pos != pos || rows[i].seq !=
			    pos_index(ids, n, rows[i].id) || !keep(rows[i].id) ||
			    (order == STORE_ORDER_DATE && rows[i].seq <= last)) {
				printf("  %s: row %lld is %lld:%lld:%s\n", what,
				    (long long)pos, (long long)rows[i].pos,
				    (long long)rows[i].seq, rows[i].id);
				unit_failed = 1;
			}
			last = rows[i].seq;
			CHECK_INT(store_view_find(v, rows[i].seq), pos);
			CHECK_INT(store_view_known(v, rows[i].seq), pos);
		}
		store_rows_clear(rows, got);
	}
	CHECK_INT(pos - 1, want);
	CHECK_INT(store_view_count(v), want);
}

static int
pos_all(const char *id)
{
	(void)id;
	return 1;
}

static int
pos_day2(const char *id)
{
	return id[0] == 'b';
}

/*
 * Opens the store at db (updated in place: the same file) and checks
 * every way to a position against ids, the timeline in order.
 */
static void
pos_check(const char *step, const char *content, const char *db,
    const char *const *ids, int n)
{
	struct store_detail	*d;
	struct store_view	*v;
	struct diag_list	 dl;
	struct store		*s;
	struct stat		 before, after;
	char			*err = NULL, *fresh;
	int64_t			 p;
	int			 had, k, failed = unit_failed;

	unit_failed = 0;
	had = stat(db, &before) == 0;
	diag_init(&dl);
	s = store_open(content, db, 0, NULL, &dl, &err);
	if (s == NULL)
		printf("  store_open: %s\n", err != NULL ? err : "(none)");
	free(err);
	CHECK_INT(dl.n, 0);
	diag_free(&dl);
	CHECK(s != NULL);
	if (s == NULL) {
		printf("  after %s\n", step);
		return;
	}
	/* Updated, not rebuilt: the positions are the update's. */
	CHECK(!had || (stat(db, &after) == 0 && after.st_ino ==
	    before.st_ino));

	/* An event by its number, and its number by its id. */
	for (p = 1; p <= n; p++) {
		d = store_detail_get(s, p, NULL);
		CHECK(d != NULL);
		if (d != NULL) {
			CHECK_STR(d->id, ids[p - 1]);
			CHECK_INT(d->seq, p);
		}
		store_detail_free(d);
		d = store_detail_by_id(s, ids[p - 1], NULL);
		CHECK(d != NULL);
		if (d != NULL)
			CHECK_INT(d->seq, p);
		store_detail_free(d);
	}
	CHECK(store_detail_get(s, n + 1, NULL) == NULL);
	CHECK(store_detail_get(s, 0, NULL) == NULL);

	/* "N of M": the whole timeline, then the second day alone. */
	v = pos_view(s, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	pos_check_view("timeline", v, ids, n, pos_all, STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find_date(v, "2024-03-02"),
		    pos_index(ids, n, "b-3"));
		/* The first event on or after a day (without any, at first). */
		CHECK_INT(store_view_find_date(v, "2024-03-04"),
		    pos_index(ids, n, pos_index(ids, n, "e-1") > 0 ? "e-1" :
		    "d-1"));
		CHECK_INT(store_view_find_date(v, "2024-03-06"), 0);
		/* alpha's next and previous event from each position. */
		for (p = 1; p <= n; p++) {
			for (k = (int)p + 1; k <= n &&
			    !pos_is_alpha(ids[k - 1]); k++)
				;
			CHECK_INT(store_view_next_actor(v, p, "alpha", 1),
			    k <= n ? k : 0);
			for (k = (int)p - 1; k >= 1 &&
			    !pos_is_alpha(ids[k - 1]); k--)
				;
			CHECK_INT(store_view_next_actor(v, p, "alpha", -1), k);
		}
		/* From before the first and after the last: a wrap. */
		for (k = 1; k <= n && !pos_is_alpha(ids[k - 1]); k++)
			;
		CHECK_INT(store_view_next_actor(v, 0, "alpha", 1), k);
		for (k = n; k >= 1 && !pos_is_alpha(ids[k - 1]); k--)
			;
		CHECK_INT(store_view_next_actor(v, n + 1, "alpha", -1), k);
		CHECK_INT(store_view_next_actor(v, n, "alpha", 1), 0);
		CHECK_INT(store_view_next_actor(v, 1, "alpha", -1), 0);
	}
	store_view_free(v);
	v = pos_view(s, NULL, "2024-03-02", "2024-03-02", NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find_date(v, "2024-03-01"), 1);
		CHECK_INT(store_view_find_date(v, "2024-03-03"), 0);
	}
	pos_check_view("the second day", v, ids, n, pos_day2,
	    STORE_ORDER_DATE);
	store_view_free(v);

	/* Filtered: an actor's events, a search in date and rank order. */
	v = pos_view(s, "alpha", NULL, NULL, NULL, STORE_ORDER_DATE);
	pos_check_view("alpha", v, ids, n, pos_is_alpha, STORE_ORDER_DATE);
	store_view_free(v);
	v = pos_view(s, NULL, NULL, NULL, "happens", STORE_ORDER_DATE);
	pos_check_view("search by date", v, ids, n, pos_all,
	    STORE_ORDER_DATE);
	store_view_free(v);
	v = pos_view(s, NULL, NULL, NULL, "happens", STORE_ORDER_RANK);
	pos_check_view("search by rank", v, ids, n, pos_all,
	    STORE_ORDER_RANK);
	store_view_free(v);
	store_close(s);
	fresh = xasprintf("%s.fresh", db);
	pos_check_counts(content, db, fresh);
	free(fresh);
	if (unit_failed)
		printf("  after %s\n", step);
	unit_failed |= failed;
}

UNIT_TEST(positions_after_updates)
{
	static const char *const v0[] = { "a-1", "a-2", "a-3", "b-3", "b-1",
	    "b-2", "b-4", "c-1", "d-1", "d-2" };
	static const char *const v1[] = { "a-1", "a-2", "a-3", "b-3", "b-1",
	    "b-0", "b-2", "b-4", "c-1", "d-1", "d-2" };
	static const char *const v2[] = { "a-1", "a-2", "a-3", "b-3", "b-1",
	    "b-0", "b-15", "b-2", "b-4", "c-1", "d-1", "d-2" };
	static const char *const v3[] = { "a-1", "a-2", "a-3", "b-3", "b-0",
	    "b-15", "b-2", "b-4", "c-1", "d-1", "d-2" };
	static const char *const v4[] = { "a-1", "a-3", "b-3", "b-0", "b-15",
	    "b-2", "b-4", "e-1", "d-1", "d-2" };
	char	*content, *dir, *db;

	content = unit_newdir("content");
	unit_write_text(content, "actors.yaml", pos_actors);
	unit_write_text(content, "sources.yaml", pos_sources);
	unit_write_text(content, "events-2024-03.yaml", pos_month);
	unit_write_text(content, "later.yaml", pos_later);
	unit_set_mtime(content, "actors.yaml", 1000000000);
	unit_set_mtime(content, "sources.yaml", 1000000000);
	unit_set_mtime(content, "events-2024-03.yaml", 1000000000);
	unit_set_mtime(content, "later.yaml", 1000000000);
	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	pos_check("the first build", content, db, v0, 10);

	/* One added in the middle of a day with several. */
	pos_edit(content, "events-2024-03.yaml", "  - id: a-3\n",
	    POS_EV("b-0", "2024-03-02", POS_AT("10:30"), "alpha")
	    "  - id: a-3\n", 1000000001);
	pos_check("an event added on the second day", content, db, v1, 11);
	/* One that sorts before others of its day and time (they move). */
	pos_edit(content, "events-2024-03.yaml", "events:\n", "events:\n"
	    POS_EV("b-15", "2024-03-02", POS_AT("11:00"), "brook"),
	    1000000002);
	pos_check("an event added before others at its time", content, db,
	    v2, 12);
	pos_edit(content, "events-2024-03.yaml",
	    POS_EV("b-1", "2024-03-02", POS_AT("10:00"), "alpha"), "",
	    1000000003);
	pos_check("an event removed from the second day", content, db, v3,
	    11);
	/*
	 * One edit, three days: one fewer on the first, a day emptied, a day
	 * that had none given one; the days between move too.
	 */
	pos_edit(content, "events-2024-03.yaml",
	    POS_EV("c-1", "2024-03-03", "", "alpha"),
	    POS_EV("e-1", "2024-03-04", POS_AT("07:00"), "alpha"),
	    1000000004);
	pos_edit(content, "events-2024-03.yaml",
	    POS_EV("a-2", "2024-03-01", POS_AT("09:00"), "brook"), "",
	    1000000004);
	pos_check("a day emptied and another filled", content, db, v4, 10);
	free(db);
	free(dir);
	free(content);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(positions_after_updates),
};

int
main(void)
{
	char	*cache;
	int	 rc;

	cache = xasprintf("%s/cache", unit_tmpdir());
	setenv("XDG_CACHE_HOME", cache, 1);
	rc = UNIT_RUN(tests);
	free(cache);
	unit_cleanup();
	return rc;
}
