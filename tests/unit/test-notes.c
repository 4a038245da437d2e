/*
 * test-notes.c: unit tests for notes.c, the user's own data: marks, notes
 * and views round-trip; a foreign, truncated or scrambled file is refused
 * and left byte for byte as it was; a writer killed with SIGKILL at random
 * moments 200 times loses nothing it reported saved; two writers at once
 * lose nothing and wait less than the busy timeout; export then import
 * gives back the same entries; import errors carry their positions.
 */
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "notes.h"
#include "store.h"
#include "store-int.h"
#include "unit.h"
#include "util.h"

#define CORPUS	"/corpus/one"

/* A new notes.db path in a scratch directory of its own; caller frees. */
static char *
new_path(const char *what)
{
	char	*dir = unit_newdir(what), *p;

	p = xasprintf("%s/sub/notes.db", dir);
	free(dir);
	return p;
}

/* The whole file, for byte-for-byte comparisons; caller frees. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static struct notes *
must_open(const char *path, const char *corpus)
{
	struct notes	*n;
	char		*err = NULL;

	n = notes_open(path, corpus, NOTES_CREATE, &err);
	if (n == NULL) {
		printf("  open %s: %s\n", path, err != NULL ? err : "?");
		free(err);
		unit_failed = 1;
	}
	return n;
}

UNIT_TEST(default_path)
{
	char	*p;

	setenv("XDG_DATA_HOME", "/x/data", 1);
	p = notes_default_path();
	CHECK_STR(p, "/x/data/dossier/notes.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/u", 1);
	p = notes_default_path();
	CHECK_STR(p, "/home/u/.local/share/dossier/notes.db");
	free(p);
	/* A relative XDG_DATA_HOME is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "rel", 1);
	p = notes_default_path();
	CHECK_STR(p, "/home/u/.local/share/dossier/notes.db");
	free(p);
	setenv("XDG_DATA_HOME", unit_tmpdir(), 1);
}

UNIT_TEST(missing_not_made_without_create)
{
	char		*path = new_path("missing"), *err = NULL;
	struct notes	*n;

	n = notes_open(path, CORPUS, 0, &err);
	CHECK(n == NULL);
	CHECK(err == NULL);
	CHECK(access(path, F_OK) == -1);
	CHECK_INT(notes_check(path, &err), 1);
	free(path);
}

UNIT_TEST(marks_notes_round_trip)
{
	char			*path = new_path("trip"), *err = NULL;
	const char		*ids[] = { "a", "b", "c" };
	struct notes_entry	 e;
	struct notes		*n, *other;
	int			 now;

	if ((n = must_open(path, CORPUS)) == NULL)
		return;
	CHECK_INT(notes_mark(n, ids, NULL, 3, 1, &err), 0);
	CHECK_INT(notes_mark(n, ids + 1, NULL, 1, 0, &err), 0);
	CHECK_INT(notes_set(n, "a", "2025-06-13", "first\nsecond ✓", &err), 0);
	CHECK_INT(notes_get(n, "a", &e, &err), 1);
	CHECK_INT(e.marked, 1);
	CHECK_STR(e.note, "first\nsecond ✓");
	CHECK_STR(e.date, "2025-06-13");
	CHECK(strlen(e.updated) == 24 && e.updated[23] == 'Z');
	notes_entry_clear(&e);
	CHECK_INT(notes_get(n, "b", &e, &err), 1);
	CHECK_INT(e.marked, 0);
	notes_entry_clear(&e);
	CHECK_INT(notes_toggle(n, "b", NULL, &now, &err), 0);
	CHECK_INT(now, 1);
	CHECK_INT(notes_toggle(n, "b", NULL, &now, &err), 0);
	CHECK_INT(now, 0);
	/* An empty text removes the note but keeps the mark. */
	CHECK_INT(notes_set(n, "a", NULL, "", &err), 0);
	CHECK_INT(notes_get(n, "a", &e, &err), 1);
	CHECK(e.note == NULL);
	CHECK_INT(e.marked, 1);
	CHECK_STR(e.date, "2025-06-13");	/* kept when not given */
	notes_entry_clear(&e);
	CHECK_INT(notes_get(n, "zzz", &e, &err), 0);
	/* Another corpus in the same file sees none of it. */
	if ((other = must_open(path, "/corpus/two")) != NULL) {
		CHECK_INT(notes_get(other, "a", &e, &err), 0);
		notes_close(other);
	}
	notes_close(n);
	CHECK_INT(notes_check(path, &err), 0);
	free(path);
}

UNIT_TEST(views)
{
	char			*path = new_path("views"), *err = NULL;
	char			 a1[] = "putin", a2[] = "trump";
	char			*actors[] = { a1, a2 };
	struct notes_view	 v, got, *all;
	struct notes		*n;
	int			 k;

	CHECK(notes_view_name_ok("week-1"));
	CHECK(notes_view_name_ok("2025"));
	CHECK(!notes_view_name_ok("-week"));
	CHECK(!notes_view_name_ok("Week"));
	CHECK(!notes_view_name_ok("a b"));
	CHECK(!notes_view_name_ok(""));
	if ((n = must_open(path, CORPUS)) == NULL)
		return;
	memset(&v, 0, sizeof v);
	v.name = (char *)(uintptr_t)"week-1";
	v.actors = actors;
	v.nactors = 2;
	v.from = (char *)(uintptr_t)"2025-06-13";
	v.query = (char *)(uintptr_t)"\"air defence\"";
	v.marked = 1;
	CHECK_INT(notes_view_save(n, &v, &err), 0);
	CHECK_INT(notes_view_get(n, "week-1", &got, &err), 1);
	CHECK_INT(got.nactors, 2);
	CHECK_STR(got.actors[1], "trump");
	CHECK_STR(got.from, "2025-06-13");
	CHECK(got.to == NULL && got.tag == NULL);
	CHECK_STR(got.query, "\"air defence\"");
	CHECK_INT(got.marked, 1);
	notes_view_clear(&got);
	v.name = (char *)(uintptr_t)"Bad Name";
	CHECK_INT(notes_view_save(n, &v, &err), -1);
	free(err);
	CHECK_INT(notes_view_list(n, &all, &err), 1);
	notes_view_clear(&all[0]);
	free(all);
	CHECK_INT(notes_view_rm(n, "week-1", &err), 1);
	CHECK_INT(notes_view_rm(n, "week-1", &err), 0);
	k = notes_view_list(n, &all, &err);
	CHECK_INT(k, 0);
	free(all);
	notes_close(n);
	free(path);
}

/* Opening path must fail and leave the file exactly as it was. */
static void
check_refused(const char *path, const char *why)
{
	struct notes	*n;
	char		*before, *after, *err = NULL;
	size_t		 l1 = 0, l2 = 0;

	before = slurp(path, &l1);
	n = notes_open(path, CORPUS, NOTES_CREATE, &err);
	if (n != NULL) {
		printf("  %s: opened\n", why);
		unit_failed = 1;
		notes_close(n);
	}
	if (err == NULL || strchr(err, '\n') != NULL ||
	    strstr(err, "--notes") == NULL) {
		printf("  %s: no one-line reason: %s\n", why,
		    err != NULL ? err : "(none)");
		unit_failed = 1;
	}
	free(err);
	CHECK_INT(notes_check(path, &err), -1);
	free(err);
	after = slurp(path, &l2);
	if (before == NULL || after == NULL || l1 != l2 ||
	    memcmp(before, after, l1) != 0) {
		printf("  %s: the file changed\n", why);
		unit_failed = 1;
	}
	free(before);
	free(after);
}

UNIT_TEST(foreign_and_corrupt_refused)
{
	char		*dir = unit_newdir("foreign"), *p, *err = NULL;
	struct notes	*n;
	sqlite3		*db;
	size_t		 len;
	char		*buf;
	int		 i;

	/* Another application's SQLite file. */
	p = xasprintf("%s/other.db", dir);
	sqlite3_open(p, &db);
	sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);",
	    NULL, NULL, NULL);
	sqlite3_close(db);
	check_refused(p, "foreign sqlite");
	free(p);
	/* Text. */
	p = xasprintf("%s/text.db", dir);
	unit_write_text(NULL, p, "notes:\n  - my own notes\n");
	check_refused(p, "text file");
	free(p);
	/* A notes.db cut in half, and one with scrambled pages. */
	p = xasprintf("%s/cut.db", dir);
	if ((n = must_open(p, CORPUS)) == NULL)
		goto out;
	for (i = 0; i < 300; i++) {
		char	id[16];

		snprintf(id, sizeof id, "ev-%d", i);
		notes_set(n, id, NULL, "a note long enough to fill some pages "
		    "of the file, so that cutting it loses data", &err);
	}
	notes_close(n);
	buf = slurp(p, &len);
	if (truncate(p, (off_t)len / 2) == -1)
		unit_failed = 1;
	check_refused(p, "truncated");
	/* Page 2 on scrambled, the header intact. */
	for (i = 4096; i < (int)len; i++)
		buf[i] = (char)(i * 7 + 3);
	unit_write(NULL, p, buf, len);
	check_refused(p, "scrambled");
	free(buf);
	free(p);
	/* An empty file is taken as a new one. */
	p = xasprintf("%s/empty.db", dir);
	unit_write(NULL, p, "", 0);
	if ((n = must_open(p, CORPUS)) != NULL)
		notes_close(n);
	CHECK_INT(notes_check(p, &err), 0);
	free(p);
out:
	free(dir);
}

/* --- a writer killed at random moments --- */

#define KILL_ROUNDS	200
#define KILL_NOTES	25	/* notes cycle over this many events */

/*
 * The child: writes change after change from number k on, alternating a
 * new mark (event m-K) and a note on n-(K % KILL_NOTES) saying K, and
 * reports each on fd once it returns 0. Never returns.
 */
static void
kill_writer(const char *path, int64_t k, int fd)
{
	struct notes	*n;
	char		 id[32], text[32], *err = NULL;
	const char	*ids[1] = { id };

	if ((n = notes_open(path, CORPUS, NOTES_CREATE, &err)) == NULL)
		_exit(3);
	for (;; k++) {
		if (k % 2 == 0) {
			snprintf(id, sizeof id, "m-%lld", (long long)k);
			if (notes_mark(n, ids, NULL, 1, 1, &err) == -1)
				_exit(4);
		} else {
			snprintf(id, sizeof id, "n-%lld",
			    (long long)(k % KILL_NOTES));
			snprintf(text, sizeof text, "%lld", (long long)k);
			if (notes_set(n, id, NULL, text, &err) == -1)
				_exit(4);
		}
		if (write(fd, &k, sizeof k) != (ssize_t)sizeof k)
			_exit(5);
	}
}

UNIT_TEST(kill_nine_loses_nothing_reported)
{
	char			*path = new_path("kill"), *err = NULL, id[32];
	int64_t			 next = 0, k, last[KILL_NOTES];
	int64_t			*marks = NULL;
	size_t			 nmarks = 0, cap = 0, i;
	struct notes_entry	 e;
	struct notes		*n;
	sqlite3			*db;
	pid_t			 pid;
	int			 round, fd[2], status, bad = 0, died = 0;
	char			*ic;

	for (i = 0; i < KILL_NOTES; i++)
		last[i] = -1;
	srand((unsigned)time(NULL));
	for (round = 0; round < KILL_ROUNDS; round++) {
		if (pipe(fd) == -1)
			break;
		fflush(stdout);
		if ((pid = fork()) == 0) {
			close(fd[0]);
			kill_writer(path, next, fd[1]);
		}
		close(fd[1]);
		/*
		 * Now and then at once (inside the open), else within 150
		 * ms: a commit with its fsync takes some 5 to 40 ms.
		 */
		usleep(rand() % 4 == 0 ? (useconds_t)(rand() % 1500) :
		    (useconds_t)(rand() % 150000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status)) {
			printf("  round %d: the writer exited %d\n", round,
			    WEXITSTATUS(status));
			died = 1;
		}
		while (read(fd[0], &k, sizeof k) == (ssize_t)sizeof k) {
			if (k % 2 == 0) {
				if (nmarks == cap) {
					cap = cap == 0 ? 1024 : cap * 2;
					marks = xreallocarray(marks, cap,
					    sizeof *marks);
				}
				marks[nmarks++] = k;
			} else
				last[k % KILL_NOTES] = k;
			next = k + 1;
		}
		close(fd[0]);
		/* Numbers a killed writer may have used are not reused. */
		next += 2;
		if (died)
			break;
	}
	CHECK(!died);
	CHECK(nmarks > 0);
	if ((n = must_open(path, CORPUS)) == NULL)
		goto out;
	for (i = 0; i < nmarks; i++) {
		snprintf(id, sizeof id, "m-%lld", (long long)marks[i]);
		if (notes_get(n, id, &e, &err) != 1 || !e.marked)
			bad++;
		notes_entry_clear(&e);
	}
	for (i = 0; i < KILL_NOTES; i++) {
		if (last[i] < 0)
			continue;
		snprintf(id, sizeof id, "n-%zu", i);
		/* A change made but not yet reported may be newer. */
		if (notes_get(n, id, &e, &err) != 1 || e.note == NULL ||
		    atoll(e.note) < last[i])
			bad++;
		notes_entry_clear(&e);
	}
	notes_close(n);
	if (bad > 0)
		printf("  %d reported changes lost\n", bad);
	CHECK_INT(bad, 0);
	sqlite3_open(path, &db);
	ic = NULL;
	{
		sqlite3_stmt	*st;

		sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
		    NULL);
		if (sqlite3_step(st) == SQLITE_ROW)
			ic = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	CHECK_STR(ic, "ok");
	free(ic);
	printf("  %d kills, %zu marks and the last of %d notes checked\n",
	    round, nmarks, KILL_NOTES);
out:
	free(marks);
	free(path);
}

/* --- two writers at once --- */

#define PAIR_CHANGES	500

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A child: PAIR_CHANGES changes as who; exits 0, or 1 if any failed or
 * waited past the busy timeout. */
static void
pair_writer(const char *path, const char *who)
{
	struct notes	*n;
	char		 id[32], *err = NULL;
	const char	*ids[1] = { id };
	double		 t, worst = 0;
	int		 i, rc;

	if ((n = notes_open(path, CORPUS, NOTES_CREATE, &err)) == NULL) {
		printf("  %s: %s\n", who, err);
		_exit(1);
	}
	for (i = 0; i < PAIR_CHANGES; i++) {
		snprintf(id, sizeof id, "%s-%d", who, i);
		t = now_ms();
		rc = i % 2 ? notes_set(n, id, NULL, who, &err) :
		    notes_mark(n, ids, NULL, 1, 1, &err);
		t = now_ms() - t;
		if (t > worst)
			worst = t;
		if (rc == -1) {
			printf("  %s: change %d: %s\n", who, i, err);
			_exit(1);
		}
	}
	notes_close(n);
	printf("  %s: %d changes, the longest took %.0f ms\n", who,
	    PAIR_CHANGES, worst);
	fflush(stdout);
	_exit(worst < NOTES_BUSY_MS ? 0 : 1);
}

UNIT_TEST(two_writers_lose_nothing)
{
	char			*path = new_path("pair"), *err = NULL, id[32];
	const char		*who[2] = { "left", "right" };
	struct notes_entry	 e;
	struct notes		*n;
	pid_t			 pid[2];
	int			 i, j, status, lost = 0;

	/* Made first, so that both children open a whole file. */
	if ((n = must_open(path, CORPUS)) == NULL)
		return;
	notes_close(n);
	fflush(stdout);
	for (j = 0; j < 2; j++) {
		if ((pid[j] = fork()) == 0)
			pair_writer(path, who[j]);
	}
	for (j = 0; j < 2; j++) {
		waitpid(pid[j], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	if ((n = must_open(path, CORPUS)) == NULL)
		return;
	for (j = 0; j < 2; j++) {
		for (i = 0; i < PAIR_CHANGES; i++) {
			snprintf(id, sizeof id, "%s-%d", who[j], i);
			if (notes_get(n, id, &e, &err) != 1 ||
			    (i % 2 ? e.note == NULL : !e.marked))
				lost++;
			notes_entry_clear(&e);
		}
	}
	CHECK_INT(lost, 0);
	notes_close(n);
	free(path);
}

/* --- export and import --- */

struct collect {
	struct buf	b;
};

static void
collect_entry(const struct notes_entry *e, void *arg)
{
	struct collect	*c = arg;

	buf_addf(&c->b, "%s|%d|%s|%s\n", e->event, e->marked,
	    e->note != NULL ? e->note : "(null)", e->updated);
}

static char *
dump(struct notes *n)
{
	struct collect	c;
	char		*err = NULL;

	buf_init(&c.b);
	buf_adds(&c.b, "");
	notes_each(n, collect_entry, &c, &err);
	return buf_detach(&c.b);
}

UNIT_TEST(export_import_round_trip)
{
	char			*dir = unit_newdir("export"), *p1, *p2, *yml;
	char			*err = NULL, *a, *b;
	const char		*ids[] = { "plain", "2025-06-13", "true" };
	static const char	*texts[] = { "one line", "two\nlines\n",
				    "  leading spaces, 'quotes' and \"more\"",
				    "null", "тест ✓ 🙂", "# not a comment: x" };
	struct notes_merged	 m;
	struct diag_list	 d;
	struct notes		*n1, *n2;
	FILE			*f;
	int			 i;
	char			 id[16];

	p1 = xasprintf("%s/one.db", dir);
	p2 = xasprintf("%s/two.db", dir);
	yml = xasprintf("%s/export.yaml", dir);
	if ((n1 = must_open(p1, CORPUS)) == NULL ||
	    (n2 = must_open(p2, CORPUS)) == NULL)
		return;
	notes_mark(n1, ids, NULL, 3, 1, &err);
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof id, "t-%d", i);
		notes_set(n1, id, NULL, texts[i], &err);
	}
	notes_mark(n1, ids, NULL, 1, 0, &err);	/* unmarked: kept as such */
	f = fopen(yml, "w");
	CHECK_INT(notes_export(n1, f, &err), 0);
	fclose(f);
	diag_init(&d);
	CHECK_INT(notes_import(n2, yml, &d, &m, &err), 0);
	CHECK_INT(d.errors, 0);
	CHECK_INT(m.added, 9);
	a = dump(n1);
	b = dump(n2);
	CHECK_STR(a, b);
	free(a);
	free(b);
	/* Again: all kept. A newer change on one side wins the merge. */
	CHECK_INT(notes_import(n2, yml, &d, &m, &err), 0);
	CHECK_INT(m.kept, 9);
	CHECK_INT(notes_set(n2, "t-0", NULL, "newer", &err), 0);
	CHECK_INT(notes_import(n2, yml, &d, &m, &err), 0);
	CHECK_INT(m.kept, 9);
	f = fopen(yml, "w");
	notes_export(n2, f, &err);
	fclose(f);
	CHECK_INT(notes_import(n1, yml, &d, &m, &err), 0);
	CHECK_INT(m.updated, 1);
	CHECK_INT(m.kept, 8);
	diag_free(&d);
	notes_close(n1);
	notes_close(n2);
	free(p1);
	free(p2);
	free(yml);
	free(dir);
}

UNIT_TEST(import_errors_have_positions)
{
	char			*dir = unit_newdir("import"), *p, *yml;
	char			*err = NULL, *a;
	struct notes_merged	 m;
	struct diag_list	 d;
	struct notes		*n;

	p = xasprintf("%s/n.db", dir);
	yml = xasprintf("%s/bad.yaml", dir);
	if ((n = must_open(p, CORPUS)) == NULL)
		return;
	unit_write_text(NULL, yml,
	    "notes:\n"
	    "  - event: good\n"
	    "    marked: true\n"
	    "    note: null\n"
	    "    updated: 2025-06-13T04:00:00Z\n"
	    "  - event: bad\n"
	    "    marked: yes\n"
	    "    updated: yesterday\n"
	    "    colour: red\n");
	diag_init(&d);
	CHECK_INT(notes_import(n, yml, &d, &m, &err), -1);
	CHECK_INT(d.errors, 3);
	if (d.n == 3) {
		CHECK_INT(d.v[0].line, 7);
		CHECK_INT(d.v[0].col, 13);
		CHECK_INT(d.v[1].line, 8);
		CHECK_INT(d.v[2].line, 9);
		CHECK_INT(d.v[2].col, 5);
	}
	/* Nothing imported, not even the good one. */
	a = dump(n);
	CHECK_STR(a, "");
	free(a);
	diag_free(&d);
	unit_write_text(NULL, yml, "notes: [\n  {event: x,\n");
	diag_init(&d);
	CHECK_INT(notes_import(n, yml, &d, &m, &err), -1);
	CHECK_INT(d.errors, 1);
	CHECK(d.n == 1 && d.v[0].line > 0 && d.v[0].col > 0);
	diag_free(&d);
	notes_close(n);
	free(p);
	free(yml);
	free(dir);
}


/* --- the store's side: filters, flags, jumps and note hits --- */

static const char small_events[] =
	"actors:\n"
	"  - id: alpha\n"
	"    name: Anna Alpha\n"
	"    kind: person\n"
	"events:\n"
	"  - id: one\n"
	"    date: 2024-01-01\n"
	"    title: The first event\n"
	"    actors: [alpha]\n"
	"  - id: two\n"
	"    date: 2024-01-02\n"
	"    title: The second event\n"
	"    actors: [alpha]\n"
	"  - id: three\n"
	"    date: 2024-01-03\n"
	"    title: The third event\n"
	"  - id: four\n"
	"    date: 2024-01-04\n"
	"    title: The fourth event\n"
	"    actors: [alpha]\n";

static void
hit_kinds(const struct store_hit *h, void *arg)
{
	buf_addf(arg, "%s:%s;", h->event, h->kind);
}

UNIT_TEST(store_sees_notes)
{
	char			*dir = unit_newdir("storenotes"), *p, *err = NULL;
	char			*content, *corpus, *note;
	const char		*ids[] = { "two", "four" };
	struct store_filter	 f;
	struct store_view	*v;
	struct store_row	 rows[4];
	struct diag_list	 dl;
	struct notes		*n;
	struct store		*s;
	struct buf		 b;
	int			 marked, got;

	content = xasprintf("%s/content", dir);
	unit_write_text(dir, "content/events.yaml", small_events);
	p = xasprintf("%s/notes.db", dir);
	corpus = notes_corpus(content);
	diag_init(&dl);
	s = store_open(content, NULL, STORE_MEMORY | STORE_QUIET, NULL, &dl,
	    &err);
	CHECK(s != NULL);
	if (s == NULL || (n = must_open(p, corpus)) == NULL)
		goto out;
	CHECK_INT(notes_mark(n, ids, NULL, 2, 1, &err), 0);
	CHECK_INT(notes_set(n, "three", NULL, "parliament, like the fourth",
	    &err), 0);
	CHECK_INT(store_attach_notes(s, p, corpus, &err), 0);
	memset(&f, 0, sizeof f);
	f.marked = 1;
	v = store_view_new(s, &f, &err);
	CHECK(v != NULL);
	if (v != NULL) {
		got = store_view_rows(v, 1, 4, rows);
		CHECK_INT(got, 2);
		if (got == 2) {
			CHECK_STR(rows[0].id, "two");
			CHECK_STR(rows[1].id, "four");
		}
		store_rows_clear(rows, got);
		store_view_free(v);
	}
	/* An actor and marked: two and four both have alpha. */
	f.actor = "alpha";
	v = store_view_new(s, &f, &err);
	CHECK(v != NULL && store_view_more(v, -1, 0) &&
	    store_view_count(v) == 2);
	store_view_free(v);
	/* The whole timeline: flags, and jumps from mark to mark. */
	memset(&f, 0, sizeof f);
	v = store_view_new(s, &f, &err);
	got = store_view_rows(v, 1, 4, rows);
	store_rows_notes(s, rows, got);
	CHECK(got == 4 && !rows[0].marked && rows[1].marked &&
	    rows[2].noted && !rows[2].marked && rows[3].marked);
	store_rows_clear(rows, got);
	CHECK_INT(store_view_next_marked(v, 1, 1), 2);
	CHECK_INT(store_view_next_marked(v, 2, 1), 4);
	CHECK_INT(store_view_next_marked(v, 4, 1), 0);
	CHECK_INT(store_view_next_marked(v, 4, -1), 2);
	CHECK_INT(store_view_next_marked(v, 2, -1), 0);
	store_view_free(v);
	/* A walked view (an actor's): the same jumps. */
	f.actor = "alpha";
	v = store_view_new(s, &f, &err);
	CHECK_INT(store_view_next_marked(v, 1, 1), 2);
	CHECK_INT(store_view_next_marked(v, 3, -1), 2);
	store_view_free(v);
	/*
	 * Another writer's change shows at the next read, even while a
	 * walked view (an actor's) holds a statement of the store open.
	 */
	f.actor = "alpha";
	f.marked = 0;
	v = store_view_new(s, &f, &err);
	CHECK_INT(store_note_get(s, "one", &marked, &note), 0);
	free(note);
	CHECK_INT(notes_set(n, "one", NULL, "fresh", &err), 0);
	CHECK_INT(store_note_get(s, "one", &marked, &note), 0);
	CHECK_STR(note, "fresh");
	free(note);
	got = store_view_rows(v, 1, 1, rows);
	store_rows_clear(rows, got);
	store_view_free(v);
	/* Search finds the note as a hit of kind note. */
	buf_init(&b);
	buf_adds(&b, "");
	CHECK_INT(store_search(s, "parliament", 0, hit_kinds, &b, &err), 1);
	CHECK_STR(buf_str(&b), "three:note;");
	buf_free(&b);
	/* The reader's search views find it too, in either order. */
	memset(&f, 0, sizeof f);
	f.query = "parliament";
	v = store_view_new(s, &f, &err);
	CHECK(v != NULL && store_view_more(v, -1, 0) &&
	    store_view_count(v) == 1);
	store_view_free(v);
	f.query = "fourth";
	f.order = STORE_ORDER_RANK;
	v = store_view_new(s, &f, &err);
	CHECK(v != NULL && store_view_more(v, -1, 0) &&
	    store_view_count(v) == 2);
	store_view_free(v);
	f.order = STORE_ORDER_DATE;
	v = store_view_new(s, &f, &err);
	got = v != NULL ? store_view_rows(v, 1, 4, rows) : 0;
	CHECK(got == 2 && strcmp(rows[0].id, "three") == 0 &&
	    strcmp(rows[1].id, "four") == 0);
	store_rows_clear(rows, got);
	store_view_free(v);
	notes_close(n);
out:
	store_close(s);
	diag_free(&dl);
	free(corpus);
	free(content);
	free(p);
	free(dir);
}

/* The temporary indexes of notes' words a store has made. */
static int
notes_indexes(struct store *s)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	/* The FTS5 tables, not their shadow tables (nfts0_data...). */
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_temp_schema"
	    " WHERE type = 'table' AND name GLOB 'nfts[0-9]*' AND name NOT"
	    " LIKE '%\\_%' ESCAPE '\\'", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * A search reads the user's notes through an index of their words, made
 * for it; marks alone have no words, and then none is made (it cost a
 * search 1.4M instructions). A note written after shows at the next one.
 */
UNIT_TEST(marks_alone_index_nothing)
{
	char			*dir = unit_newdir("marksonly"), *p, *err = NULL;
	char			*content, *corpus;
	const char		*ids[] = { "two" };
	struct diag_list	 dl;
	struct notes		*n;
	struct store		*s;
	struct buf		 b;

	content = xasprintf("%s/content", dir);
	unit_write_text(dir, "content/events.yaml", small_events);
	p = xasprintf("%s/notes.db", dir);
	corpus = notes_corpus(content);
	diag_init(&dl);
	buf_init(&b);
	buf_adds(&b, "");
	s = store_open(content, NULL, STORE_MEMORY | STORE_QUIET, NULL, &dl,
	    &err);
	CHECK(s != NULL);
	if (s == NULL || (n = must_open(p, corpus)) == NULL)
		goto out;
	CHECK_INT(notes_mark(n, ids, NULL, 1, 1, &err), 0);
	CHECK_INT(store_attach_notes(s, p, corpus, &err), 0);
	CHECK_INT(store_search(s, "parliament", 0, hit_kinds, &b, &err), 0);
	CHECK_INT(notes_indexes(s), 0);
	CHECK_INT(notes_set(n, "three", NULL, "parliament", &err), 0);
	CHECK_INT(store_search(s, "parliament", 0, hit_kinds, &b, &err), 1);
	CHECK_STR(buf_str(&b), "three:note;");
	CHECK(notes_indexes(s) > 0);
	notes_close(n);
out:
	store_close(s);
	buf_free(&b);
	diag_free(&dl);
	free(corpus);
	free(content);
	free(p);
	free(dir);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(default_path),
	UNIT_ENTRY(missing_not_made_without_create),
	UNIT_ENTRY(marks_notes_round_trip),
	UNIT_ENTRY(views),
	UNIT_ENTRY(foreign_and_corrupt_refused),
	UNIT_ENTRY(kill_nine_loses_nothing_reported),
	UNIT_ENTRY(two_writers_lose_nothing),
	UNIT_ENTRY(export_import_round_trip),
	UNIT_ENTRY(import_errors_have_positions),
	UNIT_ENTRY(store_sees_notes),
	UNIT_ENTRY(marks_alone_index_nothing),
};

int
main(void)
{
	return UNIT_RUN(tests);
}
