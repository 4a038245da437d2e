/*
 * test-store.c: unit tests for the store over a small corpus written to a
 * private directory: opening (a --db path, memory, the cache), counts,
 * views (filters, searches, windows, positions, jumps), details with
 * highlights, actors, search hits, and the cache's life: reuse, rebuilds
 * after a change or corruption, the fall-back to memory when the cache
 * cannot be written, and nothing written when the content has errors.
 * XDG_CACHE_HOME is pointed into the scratch directory first, so the
 * user's cache is never touched.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "text.h"
#include "unit.h"
#include "util.h"

/* The corpus. Change it only together with the expectations below. */
static const char corpus_actors[] =
	"actors:\n"
	"  - id: alpha\n"
	"    name: Anna Alpha\n"
	"    kind: person\n"
	"    role: Foreign Minister\n"
	"    affiliation: ruritania\n"
	"    aliases: [Alpha, Minister Alpha]\n"
	"  - id: brook\n"
	"    name: Boris Brook\n"
	"    kind: person\n"
	"    affiliation: borduria\n"
	"    aliases: [Borya]\n"
	"  - id: ruritania\n"
	"    name: Ruritania\n"
	"    kind: state\n"
	"    short: RU\n"	/* the name would be its own label */
	"    aliases: [Kingdom of Ruritania, RU]\n"
	"  - id: borduria\n"
	"    name: Borduria\n"
	"    kind: state\n"
	"  - id: zenda\n"
	"    name: Rudolf Zenda\n"
	"    kind: person\n";

static const char corpus_sources[] =
	"sources:\n"
	"  - id: gazette\n"
	"    title: The Gazette\n"
	"    publisher: Gazette Press\n"
	"    url: https://gazette.example/talks\n"
	"    published: 2024-03-02\n"
	"  - id: wire\n"
	"    title: Borduria Wire\n";

/* In file order, not date order: the store sorts. */
static const char corpus_events[] =
	"events:\n"
	"  - id: e-incident\n"
	"    date: 2024-05-01\n"
	"    title: Shots fired at a border crossing\n"
	"    actors: [borduria, ruritania]\n"
	"    tags: [border, military]\n"
	"  - id: e-talks\n"
	"    date: 2024-03-01\n"
	"    title: Treaty talks open in Strelsau\n"
	"    summary: The talks open in a cautious mood.\n"
	"    actors: [ruritania, borduria, alpha, brook]\n"
	"    tags: [diplomacy, treaty]\n"
	"    excerpts:\n"
	"      - source: gazette\n"
	"        quote: The talks opened in a cautious mood.\n"
	"        note: Day one of the talks.\n"
	"  - id: e-brook\n"
	"    date: 2024-03-01\n"
	"    time: \"09:30\"\n"
	"    title: Brook arrives by train\n"
	"    actors: [brook]\n"
	"    tags: [travel]\n"
	"  - id: e-alpha\n"
	"    date: 2024-03-01\n"
	"    time: \"09:30\"\n"
	"    title: Alpha arrives by car\n"
	"    actors: [alpha]\n"
	"    tags: [travel]\n"
	"  - id: e-statement\n"
	"    date: 2024-03-01\n"
	"    time: \"14:00\"\n"
	"    title: A joint statement on border crossings\n"
	"    actors: [alpha, brook]\n"
	"    tags: [diplomacy, border]\n"
	"    excerpts:\n"
	"      - source: wire\n"
	"        quote: Both sides agreed to reopen the crossings.\n"
	"  - id: e-press\n"
	"    date: 2024-03-01\n"
	"    title: Foreign press accredited\n"
	"    actors: [ruritania]\n"
	"    tags: [press]\n"
	"  - id: e-letter\n"
	"    date: 2024-02-15\n"
	"    approximate: true\n"
	"    title: A secret letter reaches Brook\n"
	"    actors: [alpha, brook]\n"
	"    tags: [diplomacy]\n"
	"    excerpts:\n"
	"      - source: wire\n"
	"        quote: A letter arrived in February.\n"
	"  - id: e-signed\n"
	"    date: 2024-04-10\n"
	"    time: \"18:45\"\n"
	"    title: The border treaty is signed\n"
	"    actors: [alpha, brook, ruritania, borduria]\n"
	"    tags: [treaty]\n";

/* The timeline as the store must number it: date, untimed first, time, id. */
static const char timeline[] =
	"1:1:e-letter 2024-02-15 ~ A secret letter reaches Brook [Alpha, Brook]\n"
	"2:2:e-press 2024-03-01 Foreign press accredited [RU]\n"
	"3:3:e-talks 2024-03-01 Treaty talks open in Strelsau "
	"[RU, Borduria, Alpha, Brook]\n"
	"4:4:e-alpha 2024-03-01 09:30 Alpha arrives by car [Alpha]\n"
	"5:5:e-brook 2024-03-01 09:30 Brook arrives by train [Brook]\n"
	"6:6:e-statement 2024-03-01 14:00 A joint statement on border "
	"crossings [Alpha, Brook]\n"
	"7:7:e-signed 2024-04-10 18:45 The border treaty is signed "
	"[Alpha, Brook, RU, Borduria]\n"
	"8:8:e-incident 2024-05-01 Shots fired at a border crossing "
	"[Borduria, RU]\n";

#define ON	TEXT_MARK_ON
#define OFF	TEXT_MARK_OFF

/* Writes the corpus to a new directory; caller frees the path. */
static char *
new_corpus(void)
{
	char	*dir;

	dir = unit_newdir("content");
	unit_write_text(dir, "actors.yaml", corpus_actors);
	unit_write_text(dir, "sources.yaml", corpus_sources);
	unit_write_text(dir, "events.yaml", corpus_events);
	return dir;
}

/* Number of entries in dir, "." and ".." aside; -1 if it is missing. */
static int
dir_entries(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

static int
exists(const char *path)
{
	struct stat	sb;

	return lstat(path, &sb) == 0;
}

/* A file's identity and modification time, to tell a rebuild. */
struct stamp {
	ino_t	ino;
	int64_t	mtime_ns;
	off_t	size;
};

static struct stamp
stamp(const char *path)
{
	struct stamp	s;
	struct stat	sb;

	memset(&s, 0, sizeof s);
	if (stat(path, &sb) == 0) {
		s.ino = sb.st_ino;
		s.mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		    sb.st_mtim.tv_nsec;
		s.size = sb.st_size;
	}
	return s;
}

static int
same_stamp(struct stamp a, struct stamp b)
{
	return a.ino == b.ino && a.mtime_ns == b.mtime_ns && a.size == b.size;
}

/*
 * Opens the store, printing any diagnostic or error (a test expecting
 * none then fails on the counts it checks).
 */
static struct store *
open_store(const char *content, const char *db, int flags,
    struct diag_list *dl)
{
	static char	 unset[] = "unset";
	struct store	*s;
	char		*err = unset;

	s = store_open(content, db, flags, NULL, dl, &err);
	/* err is always set: NULL, or a message to free. */
	CHECK(err != unset);
	if (err == unset)
		err = NULL;
	if (s == NULL && err != NULL)
		printf("  store_open: %s\n", err);
	if (s == NULL && dl->n > 0)
		diag_print(dl, stdout);
	free(err);
	return s;
}

/* Opens the corpus in memory with no diagnostics expected. */
static struct store *
open_memory(const char *content)
{
	struct diag_list	 dl;
	struct store		*s;

	diag_init(&dl);
	s = open_store(content, NULL, STORE_MEMORY, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	diag_free(&dl);
	return s;
}

static void
check_counts(struct store *s, int64_t ev, int64_t ac, int64_t so, int64_t ex)
{
	struct store_counts	c;

	store_counts(s, &c);
	CHECK_INT(c.events, ev);
	CHECK_INT(c.actors, ac);
	CHECK_INT(c.sources, so);
	CHECK_INT(c.excerpts, ex);
}

/* Rows from pos, n at a time, as "pos:seq:id date [~] [time] title [actors]". */
static char *
rows_text(struct store_view *v, int64_t pos, int n)
{
	struct store_row	 rows[16];
	struct buf		 b;
	int			 got, i;

	buf_init(&b);
	got = store_view_rows(v, pos, n, rows);
	for (i = 0; i < got; i++) {
		buf_addf(&b, "%lld:%lld:%s %s%s%s%s %s [%s]\n",
		    (long long)rows[i].pos, (long long)rows[i].seq, rows[i].id,
		    rows[i].date, rows[i].approximate ? " ~" : "",
		    rows[i].time[0] != '\0' ? " " : "", rows[i].time,
		    rows[i].title, rows[i].actors);
	}
	store_rows_clear(rows, got);
	return buf_detach(&b);
}

/* The whole view as "pos:seq:id" lines, read in windows of 3. */
static char *
view_ids(struct store_view *v)
{
	struct store_row	 rows[3];
	struct buf		 b;
	int64_t			 pos = 1;
	int			 got, i;

	buf_init(&b);
	while ((got = store_view_rows(v, pos, 3, rows)) > 0) {
		for (i = 0; i < got; i++) {
			buf_addf(&b, "%lld:%lld:%s ", (long long)rows[i].pos,
			    (long long)rows[i].seq, rows[i].id);
			if (rows[i].pos != pos + i)
				buf_adds(&b, "(bad pos) ");
		}
		store_rows_clear(rows, got);
		pos += got;
	}
	return buf_detach(&b);
}

/* Makes a view and returns its rows as view_ids does, or "ERROR: ...". */
static char *
filter_ids(struct store *s, const char *actor, const char *tag,
    const char *from, const char *to, const char *query,
    enum store_order order)
{
	struct store_filter	 f;
	struct store_view	*v;
	char			*err = NULL, *out;
	const char		*p;
	int64_t			 n;

	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.tag = tag;
	f.from = from;
	f.to = to;
	f.query = query;
	f.order = order;
	if ((v = store_view_new(s, &f, &err)) == NULL) {
		out = xasprintf("ERROR: %s", err != NULL ? err : "(none)");
		free(err);
		return out;
	}
	CHECK(err == NULL);
	out = view_ids(v);
	/* The count agrees with the rows there are: one space each. */
	for (p = out, n = 0; *p != '\0'; p++)
		n += *p == ' ';
	CHECK_INT(store_view_count(v), n);
	store_view_free(v);
	return out;
}

#define VIEW(s, actor, tag, from, to, want) do {			\
	char *got_ = filter_ids(s, actor, tag, from, to, NULL,		\
	    STORE_ORDER_DATE);						\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

#define SEARCH(s, query, order, actor, want) do {			\
	char *got_ = filter_ids(s, actor, NULL, NULL, NULL, query,	\
	    order);							\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

static struct store_view *
make_view(struct store *s, const char *actor, const char *tag,
    const char *from, const char *to, const char *query,
    enum store_order order)
{
	struct store_filter	 f;
	struct store_view	*v;
	char			*err = NULL;

	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.tag = tag;
	f.from = from;
	f.to = to;
	f.query = query;
	f.order = order;
	v = store_view_new(s, &f, &err);
	if (v == NULL)
		printf("  store_view_new: %s\n", err != NULL ? err : "(none)");
	free(err);
	CHECK(v != NULL);
	return v;
}

static char	*corpus;	/* written once, shared by read-only tests */
static struct store *shared;	/* the corpus in memory */

UNIT_TEST(open_with_db_path)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*dir, *db;
	char			 first[11], last[11];

	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	diag_init(&dl);
	s = open_store(corpus, db, 0, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	if (s != NULL) {
		CHECK_STR(store_path(s), db);
		CHECK(exists(db));
		check_counts(s, 8, 5, 2, 3);
		store_date_range(s, first, last);
		CHECK_STR(first, "2024-02-15");
		CHECK_STR(last, "2024-05-01");
	}
	store_close(s);
	/* Only the database: no temporary file left beside it. */
	CHECK_INT(dir_entries(dir), 1);
	diag_free(&dl);
	free(db);
	free(dir);
}

/*
 * A store's pages go to the process's page cache block (store.c), set up
 * before any connection: SQLite counts the slots it hands out from it, and
 * no other memory is counted so.
 */
UNIT_TEST(pagecache_block)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*dir, *db;
	int			 cur = 0, high = 0;

	dir = unit_newdir("pcache");
	db = xasprintf("%s/store.db", dir);
	diag_init(&dl);
	sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &cur, &high, 1);
	s = open_store(corpus, db, STORE_ONE_SHOT, &dl);
	CHECK(s != NULL);
	if (s != NULL)
		check_counts(s, 8, 5, 2, 3);
	sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &cur, &high, 0);
	CHECK(high > 0);
	store_close(s);
	diag_free(&dl);
	free(db);
	free(dir);
}

UNIT_TEST(open_in_memory)
{
	struct store	*s;
	char		*cache;

	cache = xasprintf("%s/dossier", getenv("XDG_CACHE_HOME"));
	s = open_memory(corpus);
	if (s != NULL) {
		CHECK_STR(store_path(s), ":memory:");
		check_counts(s, 8, 5, 2, 3);
	}
	store_close(s);
	/* Nothing went to the cache. */
	CHECK_INT(dir_entries(cache), -1);
	free(cache);
}

UNIT_TEST(open_default_cache)
{
	struct diag_list	 dl;
	struct store		*s;
	const char		*path, *base;
	char			*prefix;

	diag_init(&dl);
	s = open_store(corpus, NULL, 0, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	if (s != NULL) {
		/* $XDG_CACHE_HOME/dossier/NAME-HASH.db, NAME the directory's. */
		path = store_path(s);
		prefix = xasprintf("%s/dossier/", getenv("XDG_CACHE_HOME"));
		CHECK(strncmp(path, prefix, strlen(prefix)) == 0);
		base = strrchr(corpus, '/') + 1;
		CHECK(strncmp(path + strlen(prefix), base, strlen(base)) == 0);
		CHECK(strlen(path) > 3 &&
		    strcmp(path + strlen(path) - 3, ".db") == 0);
		CHECK(exists(path));
		CHECK_INT(dir_entries(prefix), 1);
		check_counts(s, 8, 5, 2, 3);
		free(prefix);
	}
	store_close(s);
	diag_free(&dl);
}

UNIT_TEST(whole_timeline)
{
	struct store_view	*v;
	char			*got;

	v = make_view(shared, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	if (v == NULL)
		return;
	CHECK_INT(store_view_count(v), 8);
	CHECK(store_view_query(v) == NULL);
	got = rows_text(v, 1, 16);
	CHECK_STR(got, timeline);
	free(got);
	free(view_ids(v));
	store_view_free(v);
}

UNIT_TEST(view_rows_windows)
{
	struct store_view	*v;
	struct store_row	 rows[4];
	char			*got;

	v = make_view(shared, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	if (v == NULL)
		return;
	got = rows_text(v, 3, 2);
	CHECK_STR(got, "3:3:e-talks 2024-03-01 Treaty talks open in Strelsau "
	    "[RU, Borduria, Alpha, Brook]\n"
	    "4:4:e-alpha 2024-03-01 09:30 Alpha arrives by car [Alpha]\n");
	free(got);
	/* A window running past the end is cut short; past it, empty. */
	CHECK_INT(store_view_rows(v, 7, 4, rows), 2);
	CHECK_STR(rows[0].id, "e-signed");
	CHECK_INT(rows[1].pos, 8);
	CHECK_INT(rows[0].rank == 0.0, 1);
	store_rows_clear(rows, 2);
	CHECK(rows[0].id == NULL);
	CHECK_INT(store_view_rows(v, 8, 4, rows), 1);
	store_rows_clear(rows, 1);
	CHECK_INT(store_view_rows(v, 9, 4, rows), 0);
	CHECK_INT(store_view_rows(v, 0, 4, rows), 0);
	CHECK_INT(store_view_rows(v, -5, 4, rows), 0);
	CHECK_INT(store_view_rows(v, 1, 0, rows), 0);
	store_view_free(v);

	/* The same in a filtered view: positions are the view's own. */
	v = make_view(shared, "alpha", NULL, NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v == NULL)
		return;
	got = rows_text(v, 4, 4);
	CHECK_STR(got, "4:6:e-statement 2024-03-01 14:00 A joint statement on "
	    "border crossings [Alpha, Brook]\n"
	    "5:7:e-signed 2024-04-10 18:45 The border treaty is signed "
	    "[Alpha, Brook, RU, Borduria]\n");
	free(got);
	CHECK_INT(store_view_rows(v, 6, 4, rows), 0);
	CHECK_INT(store_view_rows(v, 0, 4, rows), 0);
	store_view_free(v);
}

UNIT_TEST(view_filters)
{
	VIEW(shared, "alpha", NULL, NULL, NULL,
	    "1:1:e-letter 2:3:e-talks 3:4:e-alpha 4:6:e-statement "
	    "5:7:e-signed ");
	VIEW(shared, "borduria", NULL, NULL, NULL,
	    "1:3:e-talks 2:7:e-signed 3:8:e-incident ");
	VIEW(shared, "zenda", NULL, NULL, NULL, "");
	VIEW(shared, "nobody", NULL, NULL, NULL, "");
	VIEW(shared, NULL, "border", NULL, NULL,
	    "1:6:e-statement 2:8:e-incident ");
	VIEW(shared, NULL, "travel", NULL, NULL, "1:4:e-alpha 2:5:e-brook ");
	VIEW(shared, NULL, "no-such-tag", NULL, NULL, "");
	VIEW(shared, "brook", "treaty", NULL, NULL, "1:3:e-talks 2:7:e-signed ");
	/* Date ranges, inclusive at both ends. */
	VIEW(shared, NULL, NULL, "2024-03-01", "2024-03-01",
	    "1:2:e-press 2:3:e-talks 3:4:e-alpha 4:5:e-brook "
	    "5:6:e-statement ");
	VIEW(shared, NULL, NULL, "2024-03-02", "2024-04-30", "1:7:e-signed ");
	VIEW(shared, NULL, NULL, "2024-04-10", NULL,
	    "1:7:e-signed 2:8:e-incident ");
	VIEW(shared, NULL, NULL, NULL, "2024-02-15", "1:1:e-letter ");
	VIEW(shared, NULL, NULL, "2024-06-01", NULL, "");
	VIEW(shared, NULL, NULL, NULL, "2024-01-01", "");
	VIEW(shared, NULL, NULL, "2024-04-01", "2024-03-01", "");
	VIEW(shared, "alpha", NULL, "2024-03-01", "2024-03-31",
	    "1:3:e-talks 2:4:e-alpha 3:6:e-statement ");
	VIEW(shared, NULL, "diplomacy", "2024-03-01", NULL,
	    "1:3:e-talks 2:6:e-statement ");
}

UNIT_TEST(view_counts)
{
	struct store_view	*v;

	v = make_view(shared, NULL, NULL, "2024-03-01", "2024-03-01", NULL,
	    STORE_ORDER_DATE);
	if (v != NULL)
		CHECK_INT(store_view_count(v), 5);
	store_view_free(v);
	v = make_view(shared, NULL, NULL, "2030-01-01", NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL)
		CHECK_INT(store_view_count(v), 0);
	store_view_free(v);
	v = make_view(shared, "alpha", "travel", NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL)
		CHECK_INT(store_view_count(v), 1);
	store_view_free(v);
	v = make_view(shared, NULL, NULL, NULL, NULL, "border",
	    STORE_ORDER_RANK);
	if (v != NULL)
		CHECK_INT(store_view_count(v), 3);
	store_view_free(v);
}

UNIT_TEST(view_search)
{
	struct store_view	*v;
	struct store_row	 rows[8];
	int			 n, i;

	/* Titles, summaries, quotes, notes and actor names all count. */
	SEARCH(shared, "border", STORE_ORDER_DATE, NULL,
	    "1:6:e-statement 2:7:e-signed 3:8:e-incident ");
	/* Stemmed: crossings finds crossing; an excerpt hit counts once. */
	SEARCH(shared, "crossings", STORE_ORDER_DATE, NULL,
	    "1:6:e-statement 2:8:e-incident ");
	SEARCH(shared, "cautious", STORE_ORDER_DATE, NULL, "1:3:e-talks ");
	SEARCH(shared, "february", STORE_ORDER_DATE, NULL, "1:1:e-letter ");
	SEARCH(shared, "Borya", STORE_ORDER_DATE, NULL,
	    "1:1:e-letter 2:3:e-talks 3:5:e-brook 4:6:e-statement "
	    "5:7:e-signed ");
	SEARCH(shared, "\"kingdom of ruritania\"", STORE_ORDER_DATE, NULL,
	    "1:2:e-press 2:3:e-talks 3:7:e-signed 4:8:e-incident ");
	SEARCH(shared, "arriv*", STORE_ORDER_DATE, NULL,
	    "1:1:e-letter 2:4:e-alpha 3:5:e-brook ");
	SEARCH(shared, "border treaty", STORE_ORDER_DATE, NULL,
	    "1:7:e-signed ");
	SEARCH(shared, "border", STORE_ORDER_DATE, "alpha",
	    "1:6:e-statement 2:7:e-signed ");
	SEARCH(shared, "zzyzx", STORE_ORDER_DATE, NULL, "");
	SEARCH(shared, "\"unclosed", STORE_ORDER_DATE, NULL,
	    "ERROR: unclosed quote in query");
	SEARCH(shared, "  ", STORE_ORDER_DATE, NULL, "ERROR: empty query");

	/* Rank order: best first, every rank a bm25 score below zero. */
	v = make_view(shared, NULL, NULL, NULL, NULL, "border",
	    STORE_ORDER_RANK);
	if (v == NULL)
		return;
	CHECK_STR(store_view_query(v), "border");
	n = store_view_rows(v, 1, 8, rows);
	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		CHECK_INT(rows[i].pos, i + 1);
		CHECK(rows[i].rank < 0.0);
		if (i > 0)
			CHECK(rows[i].rank >= rows[i - 1].rank);
		/* Every title holds the term, marked. */
		CHECK(strstr(rows[i].title, ON "border" OFF) != NULL);
	}
	store_rows_clear(rows, n);
	store_view_free(v);

	/* In a search view, titles are marked even in date order. */
	v = make_view(shared, NULL, NULL, NULL, NULL, "crossing",
	    STORE_ORDER_DATE);
	if (v == NULL)
		return;
	n = store_view_rows(v, 1, 8, rows);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(rows[0].title, "A joint statement on border "
		    ON "crossings" OFF);
		CHECK_STR(rows[1].title, "Shots fired at a border "
		    ON "crossing" OFF);
	}
	store_rows_clear(rows, n);
	store_view_free(v);
	/* A plain view marks nothing. */
	v = make_view(shared, "alpha", NULL, NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v == NULL)
		return;
	n = store_view_rows(v, 1, 8, rows);
	for (i = 0; i < n; i++)
		CHECK(strstr(rows[i].title, ON) == NULL);
	store_rows_clear(rows, n);
	store_view_free(v);
}

UNIT_TEST(view_find)
{
	struct store_view	*v;

	/* The whole timeline: a position is a seq. */
	v = make_view(shared, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find(v, 1), 1);
		CHECK_INT(store_view_find(v, 5), 5);
		CHECK_INT(store_view_find(v, 8), 8);
	}
	store_view_free(v);
	/* A date range (seqs 2 to 6): outside it, the nearest end. */
	v = make_view(shared, NULL, NULL, "2024-03-01", "2024-03-01", NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find(v, 4), 3);
		CHECK_INT(store_view_find(v, 1), 1);
		CHECK_INT(store_view_find(v, 8), 5);
	}
	store_view_free(v);
	/* A filtered view (seqs 1, 3, 4, 6, 7): else the next one after. */
	v = make_view(shared, "alpha", NULL, NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find(v, 6), 4);
		CHECK_INT(store_view_find(v, 2), 2);
		CHECK_INT(store_view_find(v, 5), 4);
		CHECK_INT(store_view_find(v, 8), 5);
		CHECK_INT(store_view_find(v, 1), 1);
	}
	store_view_free(v);
	/* A search in rank order: "next after" is still in date order. */
	v = make_view(shared, NULL, NULL, NULL, NULL, "border",
	    STORE_ORDER_RANK);
	if (v != NULL) {
		struct store_row	row;
		int64_t			p;

		p = store_view_find(v, 7);
		CHECK(p >= 1 && p <= 3);
		if (store_view_rows(v, p, 1, &row) == 1) {
			CHECK_INT(row.seq, 7);
			store_rows_clear(&row, 1);
		}
		p = store_view_find(v, 1);
		if (store_view_rows(v, p, 1, &row) == 1) {
			CHECK_INT(row.seq, 6);
			store_rows_clear(&row, 1);
		}
	}
	store_view_free(v);
	/* An empty view has no position at all. */
	v = make_view(shared, "zenda", NULL, NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL)
		CHECK_INT(store_view_find(v, 3), 0);
	store_view_free(v);
}

UNIT_TEST(view_find_date)
{
	struct store_view	*v;

	v = make_view(shared, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find_date(v, "2024-03-01"), 2);
		CHECK_INT(store_view_find_date(v, "2024-03-02"), 7);
		CHECK_INT(store_view_find_date(v, "2024-01-01"), 1);
		CHECK_INT(store_view_find_date(v, "2024-05-01"), 8);
		CHECK_INT(store_view_find_date(v, "2024-05-02"), 0);
	}
	store_view_free(v);
	v = make_view(shared, NULL, NULL, "2024-03-01", "2024-03-01", NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find_date(v, "2024-01-01"), 1);
		CHECK_INT(store_view_find_date(v, "2024-03-01"), 1);
		CHECK_INT(store_view_find_date(v, "2024-04-01"), 0);
	}
	store_view_free(v);
	v = make_view(shared, "alpha", NULL, NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_find_date(v, "2024-02-16"), 2);
		CHECK_INT(store_view_find_date(v, "2024-03-02"), 5);
		CHECK_INT(store_view_find_date(v, "2024-04-11"), 0);
	}
	store_view_free(v);
}

UNIT_TEST(view_next_actor)
{
	struct store_view	*v;

	v = make_view(shared, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_next_actor(v, 1, "alpha", 1), 3);
		CHECK_INT(store_view_next_actor(v, 3, "alpha", 1), 4);
		CHECK_INT(store_view_next_actor(v, 4, "alpha", 1), 6);
		CHECK_INT(store_view_next_actor(v, 7, "alpha", 1), 0);
		CHECK_INT(store_view_next_actor(v, 8, "alpha", 1), 0);
		CHECK_INT(store_view_next_actor(v, 7, "alpha", -1), 6);
		CHECK_INT(store_view_next_actor(v, 3, "alpha", -1), 1);
		CHECK_INT(store_view_next_actor(v, 1, "alpha", -1), 0);
		CHECK_INT(store_view_next_actor(v, 3, "borduria", 1), 7);
		CHECK_INT(store_view_next_actor(v, 8, "borduria", -1), 7);
		CHECK_INT(store_view_next_actor(v, 1, "zenda", 1), 0);
		CHECK_INT(store_view_next_actor(v, 8, "zenda", -1), 0);
	}
	store_view_free(v);
	/* A date range holds seqs 2 to 6: nothing beyond its ends. */
	v = make_view(shared, NULL, NULL, "2024-03-01", "2024-03-01", NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_next_actor(v, 1, "alpha", 1), 2);
		CHECK_INT(store_view_next_actor(v, 5, "alpha", 1), 0);
		CHECK_INT(store_view_next_actor(v, 2, "alpha", -1), 0);
		CHECK_INT(store_view_next_actor(v, 5, "brook", -1), 4);
		CHECK_INT(store_view_next_actor(v, 1, "borduria", 1), 2);
		CHECK_INT(store_view_next_actor(v, 2, "borduria", 1), 0);
	}
	store_view_free(v);
	/* A filtered view: seqs 6 and 8. */
	v = make_view(shared, NULL, "border", NULL, NULL, NULL,
	    STORE_ORDER_DATE);
	if (v != NULL) {
		CHECK_INT(store_view_next_actor(v, 1, "borduria", 1), 2);
		CHECK_INT(store_view_next_actor(v, 1, "alpha", 1), 0);
		CHECK_INT(store_view_next_actor(v, 2, "alpha", -1), 1);
		CHECK_INT(store_view_next_actor(v, 1, "alpha", -1), 0);
		CHECK_INT(store_view_next_actor(v, 2, "borduria", 1), 0);
	}
	store_view_free(v);
}

/* The 1-based line of the first occurrence of s in text, or 0. */
static int
line_of(const char *text, const char *s)
{
	const char	*p = strstr(text, s), *c;
	int		 line = 1;

	if (p == NULL)
		return 0;
	for (c = text; c < p; c++)
		line += *c == '\n';
	return line;
}

UNIT_TEST(detail_plain)
{
	struct store_detail	*d;
	char			*file;

	d = store_detail_by_id(shared, "e-talks", NULL);
	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK_INT(d->seq, 3);
	CHECK_STR(d->id, "e-talks");
	CHECK_STR(d->date, "2024-03-01");
	CHECK_STR(d->time, "");
	CHECK_INT(d->approximate, 0);
	CHECK_STR(d->title, "Treaty talks open in Strelsau");
	CHECK_STR(d->summary, "The talks open in a cautious mood.");
	file = xasprintf("%s/events.yaml", corpus);
	CHECK_STR(d->file, file);
	free(file);
	CHECK_INT(d->line, line_of(corpus_events, "- id: e-talks"));
	/* Actors in the event's order, with everything about them. */
	CHECK_INT(d->nactors, 4);
	if (d->nactors == 4) {
		CHECK_STR(d->actors[0].id, "ruritania");
		CHECK_STR(d->actors[0].short_name, "RU");
		CHECK_STR(d->actors[0].kind, "state");
		CHECK(d->actors[0].role == NULL);
		CHECK(d->actors[0].affiliation == NULL);
		CHECK(d->actors[0].affiliation_name == NULL);
		CHECK_INT(d->actors[0].naliases, 2);
		CHECK_INT(d->actors[0].events, 4);
		CHECK_STR(d->actors[1].id, "borduria");
		CHECK_STR(d->actors[1].short_name, "Borduria");
		CHECK_INT(d->actors[1].naliases, 0);
		CHECK_STR(d->actors[2].id, "alpha");
		CHECK_STR(d->actors[2].name, "Anna Alpha");
		CHECK_STR(d->actors[2].short_name, "Alpha");
		CHECK_STR(d->actors[2].kind, "person");
		CHECK_STR(d->actors[2].role, "Foreign Minister");
		CHECK_STR(d->actors[2].affiliation, "ruritania");
		CHECK_STR(d->actors[2].affiliation_name, "Ruritania");
		CHECK_INT(d->actors[2].naliases, 2);
		if (d->actors[2].naliases == 2) {
			CHECK_STR(d->actors[2].aliases[0], "Alpha");
			CHECK_STR(d->actors[2].aliases[1], "Minister Alpha");
		}
		CHECK_INT(d->actors[2].events, 5);
		CHECK_STR(d->actors[3].id, "brook");
		CHECK_STR(d->actors[3].affiliation_name, "Borduria");
	}
	CHECK_INT(d->ntags, 2);
	if (d->ntags == 2) {
		CHECK_STR(d->tags[0], "diplomacy");
		CHECK_STR(d->tags[1], "treaty");
	}
	CHECK_INT(d->nexcerpts, 1);
	if (d->nexcerpts == 1) {
		CHECK_STR(d->excerpts[0].source, "gazette");
		CHECK_STR(d->excerpts[0].source_title, "The Gazette");
		CHECK_STR(d->excerpts[0].publisher, "Gazette Press");
		CHECK_STR(d->excerpts[0].url, "https://gazette.example/talks");
		CHECK_STR(d->excerpts[0].published, "2024-03-02");
		CHECK_STR(d->excerpts[0].quote,
		    "The talks opened in a cautious mood.");
		CHECK_STR(d->excerpts[0].note, "Day one of the talks.");
	}
	store_detail_free(d);

	/* By timeline number, the same; with optional parts absent. */
	d = store_detail_get(shared, 1, NULL);
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK_STR(d->id, "e-letter");
		CHECK_INT(d->approximate, 1);
		CHECK(d->summary == NULL);
		CHECK_INT(d->nexcerpts, 1);
		if (d->nexcerpts == 1) {
			CHECK(d->excerpts[0].publisher == NULL);
			CHECK(d->excerpts[0].url == NULL);
			CHECK(d->excerpts[0].published == NULL);
			CHECK(d->excerpts[0].note == NULL);
		}
	}
	store_detail_free(d);
	d = store_detail_get(shared, 6, NULL);
	if (d != NULL) {
		CHECK_STR(d->id, "e-statement");
		CHECK_STR(d->time, "14:00");
	}
	store_detail_free(d);
	d = store_detail_get(shared, 2, NULL);
	if (d != NULL) {
		CHECK_INT(d->nexcerpts, 0);
		CHECK(d->excerpts == NULL);
	}
	store_detail_free(d);
	CHECK(store_detail_get(shared, 0, NULL) == NULL);
	CHECK(store_detail_get(shared, 9, NULL) == NULL);
	CHECK(store_detail_by_id(shared, "nope", NULL) == NULL);
	CHECK(store_detail_by_id(shared, "", NULL) == NULL);
	store_detail_free(NULL);
}

UNIT_TEST(detail_highlights)
{
	struct store_detail	*d;

	d = store_detail_by_id(shared, "e-talks", "talks");
	CHECK(d != NULL);
	if (d == NULL)
		return;
	CHECK_STR(d->title, "Treaty " ON "talks" OFF " open in Strelsau");
	CHECK_STR(d->summary, "The " ON "talks" OFF " open in a cautious mood.");
	if (d->nexcerpts == 1) {
		CHECK_STR(d->excerpts[0].quote, "The " ON "talks" OFF
		    " opened in a cautious mood.");
		CHECK_STR(d->excerpts[0].note, "Day one of the " ON "talks" OFF
		    ".");
		/* Only the text fields: names and titles stay as they are. */
		CHECK_STR(d->excerpts[0].source_title, "The Gazette");
	}
	store_detail_free(d);
	/* Every term is marked wherever it is, even alone in a field. */
	d = store_detail_by_id(shared, "e-talks", "cautious day");
	if (d != NULL) {
		CHECK_STR(d->title, "Treaty talks open in Strelsau");
		CHECK_STR(d->summary, "The talks open in a " ON "cautious" OFF
		    " mood.");
		if (d->nexcerpts == 1) {
			CHECK_STR(d->excerpts[0].quote, "The talks opened in a "
			    ON "cautious" OFF " mood.");
			CHECK_STR(d->excerpts[0].note, ON "Day" OFF
			    " one of the talks.");
		}
	}
	store_detail_free(d);
	/* Prefixes and phrases. */
	d = store_detail_get(shared, 6, "cross*");
	if (d != NULL) {
		CHECK_STR(d->title, "A joint statement on border " ON "crossings"
		    OFF);
		if (d->nexcerpts == 1)
			CHECK_STR(d->excerpts[0].quote, "Both sides agreed to "
			    "reopen the " ON "crossings" OFF ".");
	}
	store_detail_free(d);
	d = store_detail_get(shared, 7, "\"border treaty\"");
	if (d != NULL)
		CHECK_STR(d->title, "The " ON "border treaty" OFF " is signed");
	store_detail_free(d);
	/* A phrase is marked whole or not at all. */
	d = store_detail_get(shared, 8, "\"border treaty\" crossing");
	if (d != NULL)
		CHECK_STR(d->title, "Shots fired at a border " ON "crossing" OFF);
	store_detail_free(d);
	/* As the index matches: stems, and letters without their accents. */
	d = store_detail_by_id(shared, "e-talks", "talk STRÉLSAU");
	if (d != NULL)
		CHECK_STR(d->title, "Treaty " ON "talks" OFF " open in " ON
		    "Strelsau" OFF);
	store_detail_free(d);
	/* A query with no hit here, or one that cannot run, marks nothing. */
	d = store_detail_by_id(shared, "e-talks", "zzyzx");
	if (d != NULL) {
		CHECK_STR(d->title, "Treaty talks open in Strelsau");
		CHECK_STR(d->summary, "The talks open in a cautious mood.");
	}
	store_detail_free(d);
	d = store_detail_by_id(shared, "e-talks", "\"talks");
	if (d != NULL)
		CHECK_STR(d->title, "Treaty talks open in Strelsau");
	store_detail_free(d);
}

/* The reader's read marks with the view's own highlighter, as the query
 * would, and a view without a search marks nothing. */
UNIT_TEST(detail_in_view_highlights)
{
	static const char	*queries[] = { "cross*", "\"border treaty\"",
	    "\"border treaty\" crossing", "talk STRÉLSAU", NULL };
	struct store_filter	 f;
	struct store_view	*v;
	struct store_detail	*a, *b;
	char			*err = NULL;
	int64_t			 seq;
	int			 i, x;

	memset(&f, 0, sizeof f);
	for (i = 0; i <= 4; i++) {
		f.query = queries[i];
		v = store_view_new(shared, &f, &err);
		CHECK(v != NULL);
		if (v == NULL) {
			free(err);
			continue;
		}
		for (seq = 1; seq <= 8; seq++) {
			a = store_detail_get(shared, seq, queries[i]);
			b = store_detail_in_view(v, seq);
			CHECK(a != NULL && b != NULL);
			if (a != NULL && b != NULL) {
				CHECK_STR(b->title, a->title);
				CHECK_STR(b->summary != NULL ? b->summary : "",
				    a->summary != NULL ? a->summary : "");
				CHECK(a->nexcerpts == b->nexcerpts);
				for (x = 0; x < a->nexcerpts &&
				    x < b->nexcerpts; x++)
					CHECK_STR(b->excerpts[x].quote,
					    a->excerpts[x].quote);
				if (queries[i] == NULL)
					CHECK(strstr(b->title, ON) == NULL);
			}
			store_detail_free(a);
			store_detail_free(b);
		}
		store_view_free(v);
	}
}

/* Actor ids of a list, space separated. */
static char *
actor_ids(struct store *s, const char *filter, int64_t offset, int n)
{
	struct store_actor	 a[8];
	struct buf		 b;
	int			 got, i;

	buf_init(&b);
	got = store_actor_list(s, filter, offset, n, a);
	for (i = 0; i < got; i++)
		buf_addf(&b, "%s(%lld) ", a[i].id, (long long)a[i].events);
	store_actors_clear(a, got);
	return buf_detach(&b);
}

#define ACTORS(filter, off, n, want) do {				\
	char *got_ = actor_ids(shared, filter, off, n);			\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

UNIT_TEST(actors)
{
	struct store_actor	a;

	/* By number of events, then name. */
	ACTORS(NULL, 0, 8, "alpha(5) brook(5) ruritania(4) borduria(3) "
	    "zenda(0) ");
	ACTORS("", 0, 8, "alpha(5) brook(5) ruritania(4) borduria(3) "
	    "zenda(0) ");
	CHECK_INT(store_actor_count(shared, NULL), 5);
	CHECK_INT(store_actor_count(shared, ""), 5);
	/* Windows. */
	ACTORS(NULL, 1, 2, "brook(5) ruritania(4) ");
	ACTORS(NULL, 4, 8, "zenda(0) ");
	ACTORS(NULL, 5, 8, "");
	/* Filters: id, name or alias, any case. */
	ACTORS("bor", 0, 8, "brook(5) borduria(3) ");
	CHECK_INT(store_actor_count(shared, "bor"), 2);
	ACTORS("RU", 0, 8, "ruritania(4) zenda(0) ");
	CHECK_INT(store_actor_count(shared, "RU"), 2);
	ACTORS("borya", 0, 8, "brook(5) ");
	ACTORS("MINISTER", 0, 8, "alpha(5) ");
	ACTORS("kingdom of", 0, 8, "ruritania(4) ");
	ACTORS("zzz", 0, 8, "");
	CHECK_INT(store_actor_count(shared, "zzz"), 0);
	ACTORS("%", 0, 8, "");
	ACTORS("_", 0, 8, "");

	CHECK_INT(store_actor_get(shared, "alpha", &a), 0);
	CHECK_STR(a.id, "alpha");
	CHECK_STR(a.name, "Anna Alpha");
	CHECK_STR(a.short_name, "Alpha");
	CHECK_STR(a.kind, "person");
	CHECK_STR(a.role, "Foreign Minister");
	CHECK_STR(a.affiliation, "ruritania");
	CHECK_STR(a.affiliation_name, "Ruritania");
	CHECK_INT(a.naliases, 2);
	CHECK_INT(a.events, 5);
	store_actors_clear(&a, 1);
	CHECK(a.id == NULL && a.aliases == NULL);
	CHECK_INT(store_actor_get(shared, "zenda", &a), 0);
	CHECK_INT(a.events, 0);
	CHECK_INT(a.naliases, 0);
	CHECK(a.role == NULL);
	store_actors_clear(&a, 1);
	CHECK_INT(store_actor_get(shared, "nobody", &a), -1);
	CHECK_INT(store_actor_get(shared, "ALPHA", &a), -1);
}

/* What store_search hands to its callback, one hit a line. */
static void
hit_line(const struct store_hit *h, void *arg)
{
	struct buf	*b = arg;

	buf_addf(b, "%s %s %s: %s | %s\n", h->date, h->event, h->kind,
	    h->snippet, h->title);
	if (!(h->rank < 0.0))
		buf_adds(b, "(rank not negative)\n");
}

/* Checks hits come best first: ranks below zero, never decreasing. */
struct rank_check {
	double	last;
	int	n;
	int	bad;
};

static void
rank_order(const struct store_hit *h, void *arg)
{
	struct rank_check	*rc = arg;

	if (!(h->rank < 0.0) || (rc->n > 0 && h->rank < rc->last))
		rc->bad = 1;
	rc->last = h->rank;
	rc->n++;
}

UNIT_TEST(search_hits)
{
	struct rank_check rc;
	struct buf	 b;
	char		*err = NULL;

	buf_init(&b);
	CHECK_INT(store_search(shared, "cautious", 0, hit_line, &b, &err), 2);
	CHECK(err == NULL);
	/* An event and its excerpt are two hits; kinds tell them apart. */
	CHECK(strstr(buf_str(&b), "2024-03-01 e-talks event: The talks open "
	    "in a " ON "cautious" OFF " mood. | Treaty talks open in "
	    "Strelsau\n") != NULL);
	CHECK(strstr(buf_str(&b), "2024-03-01 e-talks excerpt: The talks "
	    "opened in a " ON "cautious" OFF " mood. | Treaty talks open in "
	    "Strelsau\n") != NULL);
	buf_reset(&b);
	CHECK_INT(store_search(shared, "Borya", 0, hit_line, &b, &err), 5);
	/* An actor hit's snippet says which actor, as what (issue 11). */
	CHECK(strstr(buf_str(&b), "2024-03-01 e-brook event: actor: Boris "
	    "Brook (as \"Borya\") | Brook arrives by train\n") != NULL);
	buf_reset(&b);
	CHECK_INT(store_search(shared, "day", 0, hit_line, &b, &err), 1);
	CHECK_STR(buf_str(&b), "2024-03-01 e-talks excerpt: " ON "Day" OFF
	    " one of the talks. | Treaty talks open in Strelsau\n");
	buf_reset(&b);
	memset(&rc, 0, sizeof rc);
	CHECK_INT(store_search(shared, "crossings", 0, rank_order, &rc,
	    &err), 3);
	CHECK_INT(rc.n, 3);
	CHECK_INT(rc.bad, 0);
	CHECK_INT(store_search(shared, "crossings", 2, hit_line, &b, &err), 2);
	CHECK_INT(store_search(shared, "zzyzx", 0, hit_line, &b, &err), 0);
	CHECK(err == NULL);
	buf_reset(&b);
	CHECK_INT(store_search(shared, "\"open", 0, hit_line, &b, &err), -1);
	CHECK_STR(err, "unclosed quote in query");
	CHECK_STR(buf_str(&b), "");
	free(err);
	err = NULL;
	CHECK_INT(store_search(shared, "*", 0, hit_line, &b, &err), -1);
	CHECK(err != NULL);
	free(err);
	buf_free(&b);
}

UNIT_TEST(json_documents)
{
	char	*out = NULL, *err = NULL;
	size_t	 len = 0;
	int64_t	 n = -1;
	FILE	*f;

	/* An unknown id writes nothing and says so. */
	f = open_memstream(&out, &len);
	CHECK_INT(store_json_show(shared, "nope", f, &err), 1);
	fclose(f);
	CHECK_INT(len, 0);
	CHECK(err == NULL);
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	CHECK_INT(store_json_search(shared, "border", 0, f, &n, &err), 0);
	fclose(f);
	CHECK_INT(n, 3);
	CHECK(out != NULL && out[0] == '[');
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	CHECK_INT(store_json_search(shared, "zzyzx", 0, f, &n, &err), 0);
	fclose(f);
	CHECK_INT(n, 0);
	CHECK_STR(out, "[]\n");
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	CHECK_INT(store_json_search(shared, "\"x", 0, f, &n, &err), -1);
	fclose(f);
	CHECK_STR(err, "unclosed quote in query");
	free(err);
	free(out);
}

/* Opens and closes a store at db, expecting no diagnostics. */
static void
open_close(const char *content, const char *db, int flags)
{
	struct diag_list	 dl;
	struct store		*s;

	diag_init(&dl);
	s = open_store(content, db, flags, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	if (s != NULL) {
		CHECK_STR(store_path(s), db);
		check_counts(s, 8, 5, 2, 3);
	}
	store_close(s);
	diag_free(&dl);
}

/* Opens and closes a store at db, checking the counts. */
static void
open_close_counts(const char *content, const char *db, int64_t ev,
    int64_t ac, int64_t so, int64_t ex)
{
	struct diag_list	 dl;
	struct store		*s;

	diag_init(&dl);
	s = open_store(content, db, 0, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	if (s != NULL)
		check_counts(s, ev, ac, so, ex);
	store_close(s);
	diag_free(&dl);
}

/* A search callback that only counts. */
static void
count_hit(const struct store_hit *h, void *arg)
{
	(void)h;
	(void)arg;
}

/* Returns the whole of a file (caller frees), or NULL; *len its size. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;
	FILE		*f;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Is the file at path byte for byte what snap holds? */
static int
same_bytes(const char *path, const char *snap, size_t snaplen)
{
	char	*now;
	size_t	 len;
	int	 same;

	now = slurp(path, &len);
	same = now != NULL && snap != NULL && len == snaplen &&
	    memcmp(now, snap, len) == 0;
	free(now);
	return same;
}

UNIT_TEST(cache_reused_and_refreshed)
{
	struct stamp	 a, b;
	char		*dir, *db, *content, *snap, *more, *path;
	size_t		 snaplen;

	content = new_corpus();
	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	open_close(content, db, 0);
	a = stamp(db);
	CHECK(a.ino != 0);
	snap = slurp(db, &snaplen);
	/* Fresh: used as it is, not even rewritten. */
	open_close(content, db, 0);
	b = stamp(db);
	CHECK(same_stamp(a, b));
	CHECK(same_bytes(db, snap, snaplen));

	/* A content file with a new time: brought up to date. */
	unit_set_mtime(content, "sources.yaml", 1000000000);
	open_close(content, db, 0);
	CHECK(!same_bytes(db, snap, snaplen));
	CHECK_INT(dir_entries(dir), 1);
	/* ...and fresh again after that. */
	free(snap);
	snap = slurp(db, &snaplen);
	a = stamp(db);
	open_close(content, db, 0);
	CHECK(same_stamp(a, stamp(db)));
	CHECK(same_bytes(db, snap, snaplen));

	/* STORE_REBUILD rebuilds even a fresh store: a new file. */
	open_close(content, db, STORE_REBUILD);
	b = stamp(db);
	CHECK(a.ino != b.ino);
	CHECK_INT(dir_entries(dir), 1);

	/* Content written again with the same bytes, size and time. */
	unit_set_mtime(content, "events.yaml", 1000000000);
	open_close(content, db, 0);
	free(snap);
	snap = slurp(db, &snaplen);
	unit_write_text(content, "events.yaml", corpus_events);
	unit_set_mtime(content, "events.yaml", 1000000000);
	a = stamp(db);
	open_close(content, db, 0);
	CHECK(same_stamp(a, stamp(db)));

	/* A new file, then the same file gone again. */
	more = xasprintf("actors:\n  - {id: extra, name: Extra, kind: state}\n");
	unit_write_text(content, "more.yaml", more);
	open_close_counts(content, db, 8, 6, 2, 3);
	path = xasprintf("%s/more.yaml", content);
	CHECK(unlink(path) == 0);
	open_close_counts(content, db, 8, 5, 2, 3);
	free(path);
	free(more);
	free(snap);
	free(db);
	free(dir);
	free(content);
}

/*
 * Everything a reader can see of a store, as text: counts, the timeline,
 * every event's details, the actors, and some searches in date order.
 * Two stores of the same content must dump the same, however they were
 * made (store-internal row ids aside).
 */
static char *
store_dump(struct store *s)
{
	static const char *const queries[] = {
		"border", "talks", "borya", "alpha", "beta", "zed", "gazette",
		"late*", "\"kingdom of ruritania\"", "crossing"
	};
	struct store_counts	 c;
	struct store_detail	*d;
	struct store_view	*v;
	struct buf		 b;
	char			 first[11], last[11], *rows, *err = NULL;
	int64_t			 seq, pos;
	size_t			 q;
	int			 i;

	buf_init(&b);
	store_counts(s, &c);
	store_date_range(s, first, last);
	buf_addf(&b, "counts %lld %lld %lld %lld, %s to %s\n",
	    (long long)c.events, (long long)c.actors, (long long)c.sources,
	    (long long)c.excerpts, first, last);
	v = make_view(s, NULL, NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	for (pos = 1; v != NULL && pos <= store_view_count(v); pos += 16) {
		rows = rows_text(v, pos, 16);
		buf_adds(&b, rows);
		free(rows);
	}
	store_view_free(v);
	for (seq = 1; (d = store_detail_get(s, seq, NULL)) != NULL; seq++) {
		buf_addf(&b, "%lld %s %s %s %d %s | %s |", (long long)d->seq,
		    d->id, d->date, d->time, d->approximate, d->title,
		    d->summary != NULL ? d->summary : "-");
		for (i = 0; i < d->nactors; i++)
			buf_addf(&b, " %s=%s/%s/%lld", d->actors[i].id,
			    d->actors[i].name, d->actors[i].short_name,
			    (long long)d->actors[i].events);
		buf_adds(&b, " |");
		for (i = 0; i < d->ntags; i++)
			buf_addf(&b, " %s", d->tags[i]);
		for (i = 0; i < d->nexcerpts; i++)
			buf_addf(&b, " | %s %s: %s (%s)", d->excerpts[i].source,
			    d->excerpts[i].source_title, d->excerpts[i].quote,
			    d->excerpts[i].note != NULL ? d->excerpts[i].note :
			    "-");
		buf_addf(&b, " | %s:%d\n", strrchr(d->file, '/') + 1, d->line);
		store_detail_free(d);
		/* Marks come from the index rows: they must follow moves. */
		d = store_detail_get(s, seq, "crossings arrived letter");
		for (i = 0; d != NULL && i < d->nexcerpts; i++)
			buf_addf(&b, "  marked: %s\n", d->excerpts[i].quote);
		store_detail_free(d);
	}
	rows = actor_ids(s, NULL, 0, 8);
	buf_addf(&b, "actors %s\n", rows);
	free(rows);
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		rows = filter_ids(s, NULL, NULL, NULL, NULL, queries[q],
		    STORE_ORDER_DATE);
		buf_addf(&b, "search %s: %s\n", queries[q], rows);
		free(rows);
		buf_addf(&b, "hits %s: %lld\n", queries[q],
		    (long long)store_search(s, queries[q], 0, count_hit, NULL,
		    &err));
		free(err);
		err = NULL;
	}
	return buf_detach(&b);
}

/*
 * The index keeps no text of its own (external content): an update must
 * delete each row with the text it was indexed with, or tokens linger.
 * FTS5's integrity-check compares the index with the text it reads.
 */
static void
fts_intact(const char *db, const char *what)
{
	sqlite3	*h;
	int	 rc;

	CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK);
	rc = sqlite3_exec(h, "INSERT INTO fts(fts) VALUES"
	    " ('integrity-check')", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		printf("  after %s: %s\n", what, sqlite3_errmsg(h));
	CHECK_INT(rc, SQLITE_OK);
	sqlite3_close(h);
}

/*
 * Opens the cache at db (brought up to date from whatever it held) and a
 * store built afresh in memory, and checks both show the same.
 */
static void	check_update_warned(const char *, const char *, const char *,
		    size_t);

static void
check_update(const char *content, const char *db, const char *what)
{
	check_update_warned(content, db, what, 0);
}

/* The same, where the content earns nwarn warnings in each store. */
static void
check_update_warned(const char *content, const char *db, const char *what,
    size_t nwarn)
{
	struct diag_list	 dl;
	struct store		*cached, *fresh;
	struct stat		 before, after;
	char			*a, *b;
	int			 had;

	/* A failed update falls back to a rebuild: a new file, not this. */
	had = stat(db, &before) == 0;
	diag_init(&dl);
	cached = open_store(content, db, 0, &dl);
	if (had && stat(db, &after) == 0 && after.st_ino != before.st_ino)
		printf("  after %s: the store was rebuilt, not updated\n",
		    what);
	CHECK(!had || (stat(db, &after) == 0 && after.st_ino ==
	    before.st_ino));
	fresh = open_store(content, NULL, STORE_MEMORY, &dl);
	CHECK(cached != NULL && fresh != NULL);
	CHECK_INT(dl.n, 2 * nwarn);
	CHECK_INT(dl.errors, 0);
	if (cached != NULL && fresh != NULL) {
		CHECK_STR(store_path(cached), db);
		a = store_dump(cached);
		b = store_dump(fresh);
		if (strcmp(a, b) != 0)
			printf("  after %s:\n", what);
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
	store_close(cached);
	store_close(fresh);
	diag_free(&dl);
	fts_intact(db, what);
}

/* Replaces the first from with to in dir/name. */
static void
edit(const char *dir, const char *name, const char *from, const char *to)
{
	char	*path, *text, *p, *out;
	size_t	 len;

	path = xasprintf("%s/%s", dir, name);
	text = slurp(path, &len);
	if (text == NULL || (p = strstr(text, from)) == NULL) {
		printf("  edit: '%s' not in %s\n", from, name);
		unit_failed = 1;
	} else {
		*p = '\0';
		out = xasprintf("%s%s%s", text, to, p + strlen(from));
		unit_write(NULL, path, out, strlen(out));
		free(out);
	}
	free(text);
	free(path);
}

UNIT_TEST(cache_update_matches_rebuild)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*dir, *db, *content, *snap, *err, *path;
	size_t			 snaplen;

	content = new_corpus();
	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	check_update(content, db, "the first build");

	edit(content, "events.yaml", "Treaty talks open", "Treaty talks begin");
	check_update(content, db, "a new title");
	/* An event moved to the front: the timeline is renumbered. */
	edit(content, "events.yaml", "date: 2024-05-01", "date: 2024-01-01");
	check_update(content, db, "a date moved earlier");
	/* A new file whose events fall between the others. */
	unit_write_text(content, "more.yaml", "events:\n"
	    "  - id: e-aaa\n    date: 2024-03-01\n    time: \"09:30\"\n"
	    "    title: Late arrivals\n    actors: [alpha, borduria]\n"
	    "    tags: [travel]\n"
	    "  - id: e-zzz\n    date: 2024-03-01\n"
	    "    title: Late press\n    actors: [brook]\n");
	check_update(content, db, "a new file");
	/*
	 * Events that sort first on a day and time others hold already:
	 * those others move to new keys, excerpts and all. Old times keep
	 * the other files from being read again as too recent to trust.
	 */
	unit_set_mtime(content, "events.yaml", 1000000000);
	unit_set_mtime(content, "more.yaml", 1000000000);
	check_update(content, db, "old times");
	unit_write_text(content, "first.yaml", "events:\n"
	    "  - id: e-0\n    date: 2024-03-01\n    time: \"14:00\"\n"
	    "    title: Crossings first\n    actors: [alpha]\n"
	    "    excerpts:\n      - source: wire\n"
	    "        quote: The crossings were busy.\n"
	    "  - id: e-00\n    date: 2024-03-01\n"
	    "    title: Untimed first\n");
	check_update(content, db, "events sorting first in their groups");
	path = xasprintf("%s/first.yaml", content);
	CHECK(unlink(path) == 0);
	free(path);
	check_update(content, db, "those events gone");
	/* An actor renamed and given an alias: events elsewhere follow. */
	edit(content, "actors.yaml", "name: Anna Alpha", "name: Anna Beta");
	edit(content, "actors.yaml", "aliases: [Kingdom of Ruritania, RU]",
	    "aliases: [Kingdom of Ruritania, RU, Zed]");
	check_update(content, db, "an actor renamed");
	/* A source renamed: excerpts elsewhere follow. */
	edit(content, "sources.yaml", "title: The Gazette",
	    "title: The Daily Gazette");
	check_update(content, db, "a source renamed");
	/* The new file gone again. */
	path = xasprintf("%s/more.yaml", content);
	CHECK(unlink(path) == 0);
	free(path);
	check_update(content, db, "a file removed");

	/* An actor that unchanged files name goes: an error, store kept. */
	snap = slurp(db, &snaplen);
	edit(content, "actors.yaml", "  - id: zenda\n", "  - id: zenda-x\n");
	edit(content, "actors.yaml", "  - id: brook\n", "  - id: brooke\n");
	diag_init(&dl);
	s = store_open(content, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK(err == NULL);
	CHECK(dl.errors >= 1);
	if (dl.n >= 1)
		CHECK_STR(dl.v[0].msg, "unknown actor 'brook' (did you mean "
		    "'brooke'?)");
	store_close(s);
	diag_free(&dl);
	CHECK(same_bytes(db, snap, snaplen));
	CHECK_INT(dir_entries(dir), 1);
	/* Put back, all is as it should be. */
	edit(content, "actors.yaml", "  - id: brooke\n", "  - id: brook\n");
	check_update(content, db, "the actor put back");
	free(snap);
	free(db);
	free(dir);
	free(content);
}

/*
 * The errors of dl, sorted, as "file:line: message" lines (caller frees).
 * Columns aside: for a reference from an unchanged file the store keeps
 * the excerpt's place, where a fresh check has the source's.
 */
static char *
diags_text(struct diag_list *dl)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	diag_sort(dl);
	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].level == DIAG_ERROR)
			buf_addf(&b, "%s:%d: %s\n", dl->v[i].file,
			    dl->v[i].line, dl->v[i].msg);
	}
	return buf_detach(&b);
}

/*
 * A curator's usual edits of one file: an update keeps the events the
 * file still holds as they were (rows, keys, timeline numbers, index
 * rows) and must leave no stale number, place or count behind: each step
 * is checked against a store built afresh.
 */
UNIT_TEST(cache_update_edits)
{
	struct diag_list	 dl, dc;
	struct store_counts	 c;
	struct store		*s;
	char			*dir, *db, *content, *err, *a, *b;

	content = new_corpus();
	unit_write_text(content, "later.yaml", "events:\n"
	    "  - id: l-1\n    date: 2024-06-01\n    title: Summer talks\n"
	    "    actors: [alpha]\n"
	    "  - id: l-2\n    date: 2024-06-02\n    title: Summer accord\n"
	    "    actors: [brook, alpha]\n    excerpts:\n"
	    "      - source: wire\n        quote: The accord holds.\n");
	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	check_update(content, db, "the first build");
	edit(content, "events.yaml", "  - id: e-signed\n",
	    "  # a comment\n  - id: e-signed\n");
	check_update(content, db, "a comment");
	/* Added in the middle: the events after it in the file move down. */
	edit(content, "events.yaml", "  - id: e-brook\n",
	    "  - id: e-added\n    date: 2024-03-01\n    time: \"09:30\"\n"
	    "    title: Crossings added at noon\n    actors: [zenda, alpha]\n"
	    "    excerpts:\n      - source: gazette\n"
	    "        quote: Added crossings.\n  - id: e-brook\n");
	check_update(content, db, "an event added in the middle");
	edit(content, "events.yaml", "title: A joint statement on border",
	    "title: A joint letter on border");
	check_update(content, db, "an event's title edited");
	edit(content, "events.yaml", "quote: Both sides agreed to reopen",
	    "quote: Both sides agreed at last to reopen");
	check_update(content, db, "a quote edited");
	edit(content, "events.yaml", "tags: [diplomacy, treaty]",
	    "tags: [treaty, diplomacy]");
	check_update(content, db, "tags in another order");
	edit(content, "events.yaml",
	    "actors: [alpha, brook]\n    tags: [diplomacy]",
	    "actors: [alpha, brook, alpha]\n    tags: [diplomacy]");
	check_update_warned(content, db, "an actor named twice", 1);
	edit(content, "events.yaml", "actors: [alpha, brook, alpha]",
	    "actors: [alpha, brook]");
	edit(content, "events.yaml", "        note: Day one of the talks.\n",
	    "");
	check_update(content, db, "a note removed");
	edit(content, "events.yaml", "date: 2024-04-10", "date: 2024-06-01");
	check_update(content, db, "an event moved into another month");
	/* Removed from the middle again: the rest moves up. */
	edit(content, "events.yaml", "  - id: e-added\n    date: 2024-03-01\n"
	    "    time: \"09:30\"\n    title: Crossings added at noon\n"
	    "    actors: [zenda, alpha]\n    excerpts:\n"
	    "      - source: gazette\n        quote: Added crossings.\n", "");
	check_update(content, db, "an event removed from the middle");
	edit(content, "later.yaml", "events:\n", "events:\n"
	    "  - id: l-0\n    date: 2024-05-30\n    title: Spring talks\n");
	check_update(content, db, "an event added before the others");

	/*
	 * A source that went, still quoted by unchanged files: the errors
	 * are at the places the files have now, as a fresh check says.
	 */
	edit(content, "sources.yaml", "  - id: wire\n", "  - id: wires\n");
	diag_init(&dl);
	s = store_open(content, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK(err == NULL);
	CHECK(dl.errors >= 2);
	diag_init(&dc);
	CHECK_INT(store_check(content, &dc, &c, &err), -1);
	free(err);
	a = diags_text(&dl);
	b = diags_text(&dc);
	CHECK_STR(a, b);
	free(a);
	free(b);
	diag_free(&dl);
	diag_free(&dc);
	edit(content, "sources.yaml", "  - id: wires\n", "  - id: wire\n");
	check_update(content, db, "the source put back");
	free(db);
	free(dir);
	free(content);
}

/*
 * A search matching hundreds of events is walked as rows are asked for:
 * it starts with a count that is not final, and every way of asking for
 * more (rows, find, next actor, more) gives the same whole view as one
 * ranked and sorted again by date.
 */
UNIT_TEST(view_walked_lazily)
{
	struct store_view	*v, *w;
	struct store_row	 r;
	struct buf		 b;
	struct store		*s;
	struct diag_list	 dl;
	char			*dir, *text, *lazy, *whole;
	int64_t			 pos, n;
	int			 i;

	dir = unit_newdir("lazy");
	buf_init(&b);
	buf_adds(&b, "actors:\n  - {id: a, name: Ann, kind: person}\n"
	    "  - {id: b, name: Bob, kind: person}\n"
	    "sources:\n  - {id: s, title: S}\nevents:\n");
	/* 700 events over two years, in no order; every third has Bob. */
	for (i = 0; i < 700; i++) {
		buf_addf(&b, "  - id: e%03d\n    date: %d-%02d-%02d\n"
		    "%s    title: Common word %d\n    actors: [%s]\n",
		    (i * 37) % 700, 2020 + i % 2, 1 + i % 12, 1 + i % 28,
		    i % 5 == 0 ? "    time: \"10:00\"\n" : "", i,
		    i % 3 == 0 ? "a, b" : "a");
		if (i % 4 == 0)
			buf_adds(&b, "    excerpts:\n"
			    "      - {source: s, quote: the common word}\n"
			    "      - {source: s, quote: common again}\n");
	}
	text = buf_detach(&b);
	unit_write_text(dir, "events.yaml", text);
	free(text);
	diag_init(&dl);
	s = open_store(dir, NULL, STORE_MEMORY, &dl);
	CHECK(s != NULL);
	if (s == NULL)
		goto out;

	v = make_view(s, NULL, NULL, NULL, NULL, "common", STORE_ORDER_DATE);
	CHECK(v != NULL && !store_view_done(v));
	CHECK(v != NULL && store_view_count(v) < 700);
	/* A row far on, then an event near the end by its number. */
	CHECK_INT(store_view_rows(v, 400, 1, &r), 1);
	CHECK(store_view_count(v) >= 400);
	CHECK_INT(r.pos, 400);
	store_rows_clear(&r, 1);
	CHECK(!store_view_done(v));
	pos = store_view_find(v, 650);
	CHECK_INT(pos, 650);
	n = store_view_next_actor(v, 655, "b", 1);
	store_view_more(v, 0, 0);
	CHECK_INT(store_view_more(v, -1, 0), 1);
	CHECK_INT(store_view_count(v), 700);
	/* The next of Bob's events after 655, looked for row by row. */
	for (pos = 656; pos <= 700; pos++) {
		store_view_rows(v, pos, 1, &r);
		i = strstr(r.actors, "Bob") != NULL;
		store_rows_clear(&r, 1);
		if (i)
			break;
	}
	CHECK_INT(n, pos > 700 ? 0 : pos);
	lazy = view_ids(v);
	store_view_free(v);
	/* The same walk read in windows from the start. */
	w = make_view(s, NULL, NULL, NULL, NULL, "common", STORE_ORDER_DATE);
	whole = view_ids(w);
	CHECK_STR(lazy, whole);
	CHECK_INT(store_view_count(w), 700);
	store_view_free(w);
	free(whole);
	/* Timeline order: position n holds timeline number n. */
	CHECK(strncmp(lazy, "1:1:", 4) == 0 && strstr(lazy, " 700:700:") !=
	    NULL);
	free(lazy);

	/* An actor's view knows its count at once; the search narrows it. */
	v = make_view(s, "b", NULL, NULL, NULL, NULL, STORE_ORDER_DATE);
	CHECK(v != NULL && store_view_done(v));
	CHECK_INT(v != NULL ? store_view_count(v) : 0, 234);
	store_view_free(v);
	v = make_view(s, "b", NULL, "2021-01-01", NULL, "common",
	    STORE_ORDER_DATE);
	n = 0;
	if (v != NULL) {
		store_view_more(v, -1, 0);
		n = store_view_count(v);
		for (pos = 1; pos <= n; pos++) {
			store_view_rows(v, pos, 1, &r);
			CHECK(strcmp(r.date, "2021-01-01") >= 0);
			store_rows_clear(&r, 1);
		}
	}
	CHECK_INT(n, 117);
	store_view_free(v);
	store_close(s);
out:
	diag_free(&dl);
	free(dir);
}

/* Writes n bytes of noise to path. */
static void
write_noise(const char *path, size_t n)
{
	char	*noise;
	size_t	 i;

	noise = xmalloc(n);
	srand(42);
	for (i = 0; i < n; i++)
		noise[i] = (char)(rand() & 0xff);
	unit_write(NULL, path, noise, n);
	free(noise);
}

/* Opening db must refuse it (EPERM, one line) and leave it as it was. */
static void
refused(const char *content, const char *db)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*snap, *err = NULL, *want;
	size_t			 snaplen;

	snap = slurp(db, &snaplen);
	diag_init(&dl);
	errno = 0;
	s = store_open(content, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK_INT(errno, EPERM);
	want = xasprintf("%s is not a dossier store; not touching it", db);
	CHECK_STR(err != NULL ? err : "", want);
	CHECK(same_bytes(db, snap, snaplen));
	store_close(s);
	diag_free(&dl);
	free(want);
	free(err);
	free(snap);
}

/*
 * A store of ours that is broken (truncated, old) or an empty file is
 * rebuilt; anything else at the store's path is not ours and stays.
 */
UNIT_TEST(cache_ours_rebuilt_others_kept)
{
	struct stamp	 good;
	sqlite3		*other;
	char		*dir, *db;

	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);

	/* Random bytes, and random bytes after a real SQLite header. */
	write_noise(db, 8192);
	refused(corpus, db);
	{
		FILE	*f = fopen(db, "r+b");

		CHECK(f != NULL);
		if (f != NULL) {
			fwrite("SQLite format 3", 1, 16, f);
			fclose(f);
		}
	}
	refused(corpus, db);
	/* An empty file: nothing to lose, rebuilt without a word. */
	unit_write(NULL, db, "", 0);
	open_close(corpus, db, 0);
	good = stamp(db);
	CHECK(good.size > 8192);

	/* Truncated to half: a store that would be fresh but is not whole. */
	CHECK(truncate(db, good.size / 2) == 0);
	open_close(corpus, db, 0);
	CHECK(stamp(db).size == good.size);
	CHECK(stamp(db).ino != good.ino);

	/* An older store of ours, from before the application id. */
	CHECK(sqlite3_open(db, &other) == SQLITE_OK);
	CHECK(sqlite3_exec(other, "PRAGMA application_id = 0;"
	    "UPDATE meta SET value = '1' WHERE key = 'schema';", NULL, NULL,
	    NULL) == SQLITE_OK);
	sqlite3_close(other);
	good = stamp(db);
	open_close(corpus, db, 0);
	CHECK(stamp(db).ino != good.ino);

	/* Real databases that are not stores: with and without a meta. */
	unlink(db);
	CHECK(sqlite3_open(db, &other) == SQLITE_OK);
	CHECK(sqlite3_exec(other, "CREATE TABLE meta(key, value);"
	    "INSERT INTO meta VALUES ('schema', 'x');", NULL, NULL, NULL) ==
	    SQLITE_OK);
	sqlite3_close(other);
	refused(corpus, db);
	CHECK(sqlite3_open(db, &other) == SQLITE_OK);
	CHECK(sqlite3_exec(other, "PRAGMA application_id = 42;"
	    "DROP TABLE meta; CREATE TABLE t(x);", NULL, NULL, NULL) ==
	    SQLITE_OK);
	sqlite3_close(other);
	refused(corpus, db);
	CHECK_INT(dir_entries(dir), 1);
	free(db);
	free(dir);
}

UNIT_TEST(cache_unwritable)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*dir, *file, *cache, *db;
	const char		*old;
	char			*saved;

	/*
	 * A path under a regular file cannot be made, even by root (who
	 * ignores permissions, so chmod would prove nothing).
	 */
	dir = unit_newdir("ro");
	file = xasprintf("%s/file.txt", dir);
	unit_write(NULL, file, "x\n", 2);
	cache = xasprintf("%s/sub", file);
	old = getenv("XDG_CACHE_HOME");
	saved = xstrdup(old != NULL ? old : "");
	setenv("XDG_CACHE_HOME", cache, 1);

	diag_init(&dl);
	s = open_store(corpus, NULL, 0, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.errors, 0);
	CHECK_INT(dl.warnings, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, "dossier");
		CHECK(strstr(dl.v[0].msg, "cannot write the cache") != NULL);
		CHECK(strstr(dl.v[0].msg, "in memory") != NULL);
	}
	if (s != NULL) {
		CHECK_STR(store_path(s), ":memory:");
		check_counts(s, 8, 5, 2, 3);
	}
	store_close(s);
	diag_free(&dl);

	/* Quietly, if asked. */
	s = open_store(corpus, NULL, STORE_QUIET, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	if (s != NULL)
		CHECK_STR(store_path(s), ":memory:");
	store_close(s);
	diag_free(&dl);

	/* The same for a --db path that cannot be written. */
	setenv("XDG_CACHE_HOME", saved, 1);
	db = xasprintf("%s/store.db", file);
	s = open_store(corpus, db, 0, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.errors, 0);
	CHECK_INT(dl.warnings, 1);
	if (s != NULL)
		CHECK_STR(store_path(s), ":memory:");
	store_close(s);
	diag_free(&dl);
	CHECK_INT(dir_entries(dir), 1);

	free(db);
	free(saved);
	free(cache);
	free(file);
	free(dir);
}

UNIT_TEST(content_errors_write_nothing)
{
	struct diag_list	 dl;
	struct store		*s;
	struct stamp		 before;
	char			*content, *dir, *db, *err, *cache, *missing;
	int			 cached;

	content = new_corpus();
	unit_write_text(content, "bad.yaml", "events:\n"
	    "  - {id: e-bad, date: 2024-01-01, title: T, actors: [putn]}\n");
	dir = unit_newdir("db");
	db = xasprintf("%s/store.db", dir);
	diag_init(&dl);
	s = store_open(content, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK(err == NULL);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1)
		CHECK_STR(dl.v[0].msg, "unknown actor 'putn'");
	CHECK(!exists(db));
	CHECK_INT(dir_entries(dir), 0);
	diag_free(&dl);

	/* In memory and in the cache: nothing either. */
	cache = xasprintf("%s/dossier", getenv("XDG_CACHE_HOME"));
	cached = dir_entries(cache);
	s = store_open(content, NULL, STORE_MEMORY, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK_INT(dl.errors, 1);
	diag_free(&dl);
	s = store_open(content, NULL, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK_INT(dl.errors, 1);
	CHECK_INT(dir_entries(cache), cached);
	diag_free(&dl);

	/* A good store in place is left alone when the content breaks. */
	missing = xasprintf("%s/bad.yaml", content);
	unlink(missing);
	open_close(content, db, 0);
	before = stamp(db);
	unit_write_text(content, "bad.yaml", "events: [[\n");
	s = store_open(content, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK(dl.errors >= 1);
	CHECK(same_stamp(before, stamp(db)));
	CHECK_INT(dir_entries(dir), 1);
	diag_free(&dl);
	free(missing);

	/* No content directory at all. */
	missing = xasprintf("%s/missing", dir);
	s = store_open(missing, db, 0, NULL, &dl, &err);
	CHECK(s == NULL);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1)
		CHECK_STR(dl.v[0].msg, "cannot read: No such file or directory");
	diag_free(&dl);

	free(missing);
	free(cache);
	free(db);
	free(dir);
	free(content);
}

UNIT_TEST(check_whole_content)
{
	struct store_counts	 c;
	struct diag_list	 dl;
	struct store		*s;
	char			*content, *err, *cache, *src, *fixed, *ev, *q;
	int			 cached;

	cache = xasprintf("%s/dossier", getenv("XDG_CACHE_HOME"));
	cached = dir_entries(cache);
	diag_init(&dl);
	CHECK_INT(store_check(corpus, &dl, &c, &err), 0);
	CHECK(err == NULL);
	CHECK_INT(dl.n, 0);
	CHECK_INT(c.events, 8);
	CHECK_INT(c.actors, 5);
	CHECK_INT(c.sources, 2);
	CHECK_INT(c.excerpts, 3);
	CHECK_INT(dir_entries(cache), cached);
	diag_free(&dl);

	/* Quotes are checked against a source's text, folded. */
	content = new_corpus();
	src = xstrdup(corpus_sources);
	*strstr(src, "  - id: wire") = '\0';
	fixed = xasprintf("%s    text: gazette.txt\n%s", src,
	    strstr(corpus_sources, "  - id: wire"));
	unit_write_text(content, "sources.yaml", fixed);
	unit_write_text(content, "gazette.txt", "Strelsau, 1 March.\n\nThe talks "
	    "opened late.\n");
	CHECK_INT(store_check(content, &dl, &c, &err), -1);
	CHECK(err == NULL);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1)
		CHECK_STR(dl.v[0].msg, "quote not found in the text of source "
		    "'gazette' (gazette.txt)");
	diag_free(&dl);
	/* store_open reads texts only when asked to. */
	s = open_store(content, NULL, STORE_MEMORY, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	store_close(s);
	s = store_open(content, NULL, STORE_MEMORY | STORE_CHECK_QUOTES, NULL, &dl,
	    &err);
	CHECK(s == NULL);
	CHECK(err == NULL);
	CHECK_INT(dl.errors, 1);
	diag_free(&dl);
	/* White space, line breaks and typographic quotes are folded. */
	unit_write_text(content, "gazette.txt", "Strelsau, 1 March.\n\nThe talks\n"
	    "opened in a   \xe2\x80\x9c" "cautious\xe2\x80\x9d mood.\n");
	unit_write_text(content, "events.yaml", corpus_events);
	CHECK_INT(store_check(content, &dl, &c, &err), -1);
	diag_free(&dl);
	ev = xstrdup(corpus_events);
	q = strstr(ev, "        quote: The talks opened in a cautious mood.\n");
	CHECK(q != NULL);
	if (q != NULL) {
		*q = '\0';
		free(fixed);
		fixed = xasprintf("%s        quote: 'The talks opened in a "
		    "\"cautious\" mood.'\n%s", ev, q + strlen("        quote: "
		    "The talks opened in a cautious mood.\n"));
		unit_write_text(content, "events.yaml", fixed);
	}
	free(ev);
	CHECK_INT(store_check(content, &dl, &c, &err), 0);
	if (dl.n > 0)
		diag_print(&dl, stdout);
	CHECK_INT(dl.n, 0);
	diag_free(&dl);
	free(fixed);
	free(src);
	free(content);
	free(cache);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(open_with_db_path),
	UNIT_ENTRY(pagecache_block),
	UNIT_ENTRY(open_in_memory),
	UNIT_ENTRY(open_default_cache),
	UNIT_ENTRY(whole_timeline),
	UNIT_ENTRY(view_rows_windows),
	UNIT_ENTRY(view_walked_lazily),
	UNIT_ENTRY(view_filters),
	UNIT_ENTRY(view_counts),
	UNIT_ENTRY(view_search),
	UNIT_ENTRY(view_find),
	UNIT_ENTRY(view_find_date),
	UNIT_ENTRY(view_next_actor),
	UNIT_ENTRY(detail_plain),
	UNIT_ENTRY(detail_highlights),
	UNIT_ENTRY(detail_in_view_highlights),
	UNIT_ENTRY(actors),
	UNIT_ENTRY(search_hits),
	UNIT_ENTRY(json_documents),
	UNIT_ENTRY(cache_reused_and_refreshed),
	UNIT_ENTRY(cache_update_matches_rebuild),
	UNIT_ENTRY(cache_update_edits),
	UNIT_ENTRY(cache_ours_rebuilt_others_kept),
	UNIT_ENTRY(cache_unwritable),
	UNIT_ENTRY(content_errors_write_nothing),
	UNIT_ENTRY(check_whole_content),
};

int
main(void)
{
	char	*cache;
	int	 rc;

	/* As a command's process is set up (cli.c). */
	store_library_init();
	store_library_pagecache();
	/* Never the user's cache: a private one, made on demand. */
	cache = xasprintf("%s/cache", unit_tmpdir());
	setenv("XDG_CACHE_HOME", cache, 1);
	corpus = new_corpus();
	shared = open_memory(corpus);
	if (shared == NULL) {
		printf("FAIL store_open: the corpus does not load\n");
		rc = 1;
	} else
		rc = UNIT_RUN(tests);
	store_close(shared);
	free(corpus);
	free(cache);
	unit_cleanup();
	return rc;
}
