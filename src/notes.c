/*
 * notes.c: the user's own layer (marks, notes, saved views) in notes.db,
 * one SQLite file under $XDG_DATA_HOME/dossier, apart from the cache.
 *
 * Design note: dossier changes only a file it recognises as its own. The
 * header is read first on a read-only connection (our application_id),
 * so a foreign file is refused before anything could write to it; a file
 * of ours must then pass quick_check and carry our meta rows. A missing or
 * empty file is made in place in one rollback-journal transaction (page 1,
 * with the id, is written first, so a kill leaves either nothing or a file
 * we recognise), and only then switched to WAL. Writers take the lock at
 * BEGIN IMMEDIATE, so two of them queue on the busy timeout rather than
 * deadlock; synchronous=FULL makes a commit durable before we say so.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "notes.h"
#include "util.h"

struct notes {
	sqlite3	*db;
	struct timespec busy;		/* when the current wait began */
	char	*path;
	char	*corpus;
	int	 readonly;
};

/* Now, as stored in updated: ISO 8601 UTC with milliseconds. */
#define NOTES_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

static const char notes_schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT INTO meta VALUES ('format', '" NOTES_FORMAT "'),"
	"  ('version', '1');"
	"CREATE TABLE entry(corpus TEXT NOT NULL, event TEXT NOT NULL,"
	"  date TEXT, marked INT NOT NULL DEFAULT 0, note TEXT,"
	"  updated TEXT NOT NULL, PRIMARY KEY(corpus, event)) WITHOUT ROWID;"
	"CREATE TABLE view(corpus TEXT NOT NULL, name TEXT NOT NULL,"
	"  actors TEXT NOT NULL DEFAULT '[]', tag TEXT, from_date TEXT,"
	"  to_date TEXT, query TEXT, marked INT NOT NULL DEFAULT 0,"
	"  updated TEXT NOT NULL, PRIMARY KEY(corpus, name)) WITHOUT ROWID;";

char *
notes_default_path(void)
{
	const char	*xdg = getenv("XDG_DATA_HOME"), *home;

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/dossier/notes.db", xdg);
	if ((home = getenv("HOME")) != NULL && *home != '\0')
		return xasprintf("%s/.local/share/dossier/notes.db", home);
	return NULL;
}

char *
notes_corpus(const char *content)
{
	char	real[PATH_MAX];

	if (realpath(content, real) == NULL)
		return xstrdup(content);
	return xstrdup(real);
}

/* The hint every refusal ends with. */
#define NOTES_HINT "left as it is; choose another file with --notes FILE"

/*
 * Reads the header: 0 ours, 1 missing, 2 empty, -1 not ours (*err).
 */
static int
notes_header(const char *path, char **err)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	struct stat	 sb;
	uint32_t	 id;
	int		 code;

	if (stat(path, &sb) == -1) {
		if (errno == ENOENT)
			return 1;
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = xasprintf("%s: not a regular file; " NOTES_HINT, path);
		return -1;
	}
	if (sb.st_size == 0)
		return 2;
	/*
	 * The header is read through SQLite, never with open() and close():
	 * closing any descriptor of a file drops every POSIX lock this
	 * process holds on it, those of its SQLite connections too, and
	 * another dossier would then delete the WAL they still write to.
	 */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_busy_timeout(db, NOTES_BUSY_MS) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "PRAGMA application_id", -1,
	    &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		code = sqlite3_errcode(db) & 0xff;
		sqlite3_finalize(st);
		sqlite3_close(db);
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			*err = xasprintf("%s: not dossier's notes (not an "
			    "SQLite database: foreign or corrupt); " NOTES_HINT,
			    path);
		else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
		    code == SQLITE_PERM)
			/* A WAL file cannot be read without its -shm. */
			*err = xasprintf("%s: cannot be read: its directory is "
			    "read-only and SQLite must make %s-shm there; make "
			    "the directory writable, or use a copy with --notes "
			    "FILE", path, path);
		else
			*err = xasprintf("%s: cannot be read (%s); " NOTES_HINT,
			    path, sqlite3_errstr(code));
		return -1;
	}
	id = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (id != NOTES_APP_ID) {
		*err = xasprintf("%s: not dossier's notes (an SQLite database "
		    "of another application, id 0x%08x); " NOTES_HINT, path,
		    (unsigned)id);
		return -1;
	}
	return 0;
}

/*
 * Waits for another writer's lock in short steps, so that a writer that
 * commits often cannot keep a waiting one out for long (SQLite's own
 * handler backs off to 100 ms sleeps and loses most races). Gives up
 * after NOTES_BUSY_MS.
 */
static int
notes_busy(void *arg, int count)
{
	struct timespec	 now, ts = { 0, 1000000 };
	struct timespec	*start = arg;
	double		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		*start = now;
	ms = (double)(now.tv_sec - start->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
	if (ms >= NOTES_BUSY_MS)
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

/* A single text value from sql, or NULL; caller frees. */
static char *
notes_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/*
 * Checks an open file of ours: quick_check and the meta rows. Returns 0,
 * 1 if it has no tables yet (to be made), or -1 with *err.
 */
static int
notes_verify(sqlite3 *db, const char *path, char **err)
{
	char	*v, *p;
	int	 rc = 0, code;

	v = notes_text(db, "PRAGMA quick_check(1)");
	code = sqlite3_errcode(db) & 0xff;
	if (v == NULL && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	    code == SQLITE_PERM)) {
		/* A WAL file cannot be read without its -shm beside it. */
		*err = xasprintf("%s: cannot be read: its directory is "
		    "read-only and SQLite must make %s-shm there; make the "
		    "directory writable, or use a copy with --notes FILE",
		    path, path);
		return -1;
	}
	if (v == NULL && code != SQLITE_CORRUPT && code != SQLITE_NOTADB) {
		*err = xasprintf("%s: cannot be read: %s", path,
		    sqlite3_errmsg(db));
		return -1;
	}
	if (v == NULL || strcmp(v, "ok") != 0) {
		for (p = v; p != NULL && *p != '\0'; p++) {
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		}
		p = v != NULL && strncmp(v, "*** in database main *** ",
		    25) == 0 ? v + 25 : v;
		*err = xasprintf("%s: corrupt (%s); " NOTES_HINT, path,
		    p != NULL ? p : sqlite3_errmsg(db));
		free(v);
		return -1;
	}
	free(v);
	v = notes_text(db, "SELECT count(*) FROM sqlite_master");
	if (v != NULL && strcmp(v, "0") == 0) {
		free(v);
		return 1;
	}
	free(v);
	v = notes_text(db, "SELECT value FROM meta WHERE key = 'format'");
	if (v == NULL || strcmp(v, NOTES_FORMAT) != 0) {
		*err = xasprintf("%s: carries dossier's id but not its notes "
		    "tables (corrupt); " NOTES_HINT, path);
		rc = -1;
	}
	free(v);
	if (rc == 0) {
		v = notes_text(db, "SELECT value FROM meta WHERE key ="
		    " 'version'");
		if (v == NULL || atoi(v) > NOTES_VERSION) {
			*err = xasprintf("%s: made by a newer dossier "
			    "(version %s); " NOTES_HINT, path,
			    v != NULL ? v : "?");
			rc = -1;
		}
		free(v);
	}
	return rc;
}

int
notes_check(const char *path, char **err)
{
	sqlite3	*db;
	int	 rc;

	*err = NULL;
	if ((rc = notes_header(path, err)) != 0)
		return rc == 2 ? 1 : rc;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, NOTES_BUSY_MS);
	rc = notes_verify(db, path, err);
	sqlite3_close(db);
	return rc == -1 ? -1 : rc == 1 ? 1 : 0;
}

/* Makes the directories above path; returns 0 or -1 with *err. */
static int
notes_mkdirs(const char *path, char **err)
{
	char	*s, *p;
	int	 rc = 0;

	s = xstrdup(path);
	for (p = s + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0700) == -1 && errno != EEXIST) {
			*err = xasprintf("cannot make %s: %s", s,
			    strerror(errno));
			rc = -1;
		}
		*p = '/';
	}
	free(s);
	return rc;
}

/*
 * Why a write failed, for people: the disk, the permissions or else
 * SQLite's own words. Returns a new string; caller frees.
 */
static char *
notes_why(struct notes *n, const char *what)
{
	int	code = sqlite3_errcode(n->db) & 0xff, sys;

	sys = sqlite3_system_errno(n->db);
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && (sys == ENOSPC ||
	    sys == EFBIG || sys == EDQUOT)))
		return xasprintf("%s: cannot %s: the disk is full (%s); "
		    "nothing changed, what was saved before is kept", n->path,
		    what, sys != 0 ? strerror(sys) : "no space");
	if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	    code == SQLITE_PERM || (code == SQLITE_IOERR && (sys == EROFS ||
	    sys == EACCES || sys == EPERM)))
		return xasprintf("%s: cannot %s: the file or its directory is "
		    "read-only; nothing changed, what was saved before is "
		    "kept", n->path, what);
	if (code == SQLITE_BUSY)
		return xasprintf("%s: cannot %s: another dossier held it "
		    "for more than %d s; nothing changed", n->path, what,
		    NOTES_BUSY_MS / 1000);
	return xasprintf("%s: cannot %s: %s; nothing changed", n->path, what,
	    sqlite3_errmsg(n->db));
}

/* Begins a write: the lock now, so writers queue. Returns 0 or -1. */
static int
notes_begin(struct notes *n, const char *what, char **err)
{
	if (n->readonly) {
		*err = xasprintf("%s: opened read-only", n->path);
		return -1;
	}
	if (sqlite3_exec(n->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		*err = notes_why(n, what);
		return -1;
	}
	return 0;
}

/*
 * Ends a write: commits if ok, else (or if the commit fails) rolls back
 * and sets *err unless set. Returns 0 once committed, else -1.
 */
static int
notes_end(struct notes *n, int ok, const char *what, char **err)
{
	if (ok && sqlite3_exec(n->db, "COMMIT", NULL, NULL, NULL) ==
	    SQLITE_OK)
		return 0;
	if (*err == NULL)
		*err = notes_why(n, what);
	sqlite3_exec(n->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Makes the tables in a new file, once even if two race. */
static int
notes_init(struct notes *n, char **err)
{
	char	*v;
	int	 ok;

	if (notes_begin(n, "create it", err) == -1)
		return -1;
	v = notes_text(n->db, "SELECT count(*) FROM sqlite_master");
	ok = v != NULL;
	if (ok && strcmp(v, "0") == 0)
		ok = sqlite3_exec(n->db, notes_schema, NULL, NULL, NULL) ==
		    SQLITE_OK;
	free(v);
	if (ok) {
		v = xasprintf("PRAGMA application_id = %d", NOTES_APP_ID);
		ok = sqlite3_exec(n->db, v, NULL, NULL, NULL) == SQLITE_OK;
		free(v);
	}
	return notes_end(n, ok, "create it", err);
}

struct notes *
notes_open(const char *path, const char *corpus, int flags, char **err)
{
	struct notes	*n;
	int		 rc, oflags;

	*err = NULL;
	if ((rc = notes_header(path, err)) == -1)
		return NULL;
	if (rc == 1 && !(flags & NOTES_CREATE))
		return NULL;
	if (rc == 1 && notes_mkdirs(path, err) == -1)
		return NULL;
	if (flags & NOTES_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE | (rc == 1 ?
		    SQLITE_OPEN_CREATE : 0);
	n = xcalloc(1, sizeof *n);
	n->path = xstrdup(path);
	n->corpus = xstrdup(corpus);
	n->readonly = (flags & NOTES_READONLY) != 0;
	if (sqlite3_open_v2(path, &n->db, oflags, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: cannot open: %s", path,
		    sqlite3_errmsg(n->db));
		goto fail;
	}
	sqlite3_busy_handler(n->db, notes_busy, &n->busy);
	if ((rc = notes_verify(n->db, path, err)) == -1)
		goto fail;
	if (rc == 1 && n->readonly) {
		notes_close(n);
		return NULL;		/* nothing in it yet */
	}
	if (rc == 1 && notes_init(n, err) == -1)
		goto fail;
	if (!n->readonly) {
		/* Only now: a kill before this leaves a plain, whole file. */
		free(notes_text(n->db, "PRAGMA journal_mode = WAL"));
		sqlite3_exec(n->db, "PRAGMA synchronous = FULL", NULL, NULL,
		    NULL);
	}
	return n;
fail:
	notes_close(n);
	return NULL;
}

void
notes_close(struct notes *n)
{
	if (n == NULL)
		return;
	sqlite3_close(n->db);
	free(n->path);
	free(n->corpus);
	free(n);
}

const char *
notes_path(struct notes *n)
{
	return n->path;
}

void
notes_entry_clear(struct notes_entry *e)
{
	free(e->event);
	free(e->date);
	free(e->note);
	free(e->updated);
	memset(e, 0, sizeof *e);
}

/* Prepares sql on n's file; a failure to prepare is a bug: fatal. */
static sqlite3_stmt *
notes_stmt(struct notes *n, const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(n->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("notes: %s: %s", sqlite3_errmsg(n->db), sql);
	return st;
}

/* The upsert of a mark: the date too, when it is known. */
#define NOTES_MARK_SQL "INSERT INTO entry(corpus, event, date, marked," \
	" updated) VALUES (?1, ?2, ?3, ?4, " NOTES_NOW ")" \
	" ON CONFLICT(corpus, event) DO UPDATE SET marked = excluded.marked," \
	" date = coalesce(excluded.date, date), updated = excluded.updated"

int
notes_mark(struct notes *n, const char *const *ids, const char *const *dates,
    int count, int marked, char **err)
{
	sqlite3_stmt	*st;
	int		 i, ok = 1;

	*err = NULL;
	if (notes_begin(n, "save the marks", err) == -1)
		return -1;
	st = notes_stmt(n, NOTES_MARK_SQL);
	for (i = 0; i < count && ok; i++) {
		sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_TRANSIENT);
		if (dates != NULL && dates[i] != NULL)
			sqlite3_bind_text(st, 3, dates[i], -1,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int(st, 4, marked != 0);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	if (!ok)
		*err = notes_why(n, "save the marks");
	sqlite3_finalize(st);
	return notes_end(n, ok, "save the marks", err);
}

int
notes_toggle(struct notes *n, const char *id, const char *date, int *now,
    char **err)
{
	sqlite3_stmt	*st;
	int		 ok;

	*err = NULL;
	if (notes_begin(n, "save the mark", err) == -1)
		return -1;
	/* Read and write under the one lock: another writer cannot slip in. */
	st = notes_stmt(n, "SELECT marked FROM entry WHERE corpus = ?1 AND"
	    " event = ?2");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	*now = !(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
	st = notes_stmt(n, NOTES_MARK_SQL);
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	if (date != NULL)
		sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, *now);
	ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		*err = notes_why(n, "save the mark");
	sqlite3_finalize(st);
	return notes_end(n, ok, "save the mark", err);
}

int
notes_set(struct notes *n, const char *id, const char *date,
    const char *text, char **err)
{
	sqlite3_stmt	*st;
	int		 ok;

	*err = NULL;
	if (notes_begin(n, "save the note", err) == -1)
		return -1;
	st = notes_stmt(n, "INSERT INTO entry(corpus, event, date, note,"
	    " updated) VALUES (?1, ?2, ?3, ?4, " NOTES_NOW ")"
	    " ON CONFLICT(corpus, event) DO UPDATE SET note = excluded.note,"
	    " date = coalesce(excluded.date, date),"
	    " updated = excluded.updated");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	if (date != NULL)
		sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	if (text != NULL && *text != '\0')
		sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	ok = sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		*err = notes_why(n, "save the note");
	sqlite3_finalize(st);
	return notes_end(n, ok, "save the note", err);
}

/* Fills e from columns event, date, marked, note, updated of st. */
static void
notes_fill(struct notes_entry *e, sqlite3_stmt *st)
{
	const char	*c[5];
	int		 i;

	for (i = 0; i < 5; i++)
		c[i] = (const char *)sqlite3_column_text(st, i);
	e->event = xstrdup(c[0] != NULL ? c[0] : "");
	e->date = c[1] != NULL ? xstrdup(c[1]) : NULL;
	e->marked = sqlite3_column_int(st, 2);
	e->note = c[3] != NULL ? xstrdup(c[3]) : NULL;
	e->updated = xstrdup(c[4] != NULL ? c[4] : "");
}

int
notes_get(struct notes *n, const char *id, struct notes_entry *out,
    char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*err = NULL;
	memset(out, 0, sizeof *out);
	st = notes_stmt(n, "SELECT event, date, marked, note, updated FROM"
	    " entry WHERE corpus = ?1 AND event = ?2");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		notes_fill(out, st);
	else if (rc != SQLITE_DONE)
		*err = xasprintf("%s: %s", n->path, sqlite3_errmsg(n->db));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int64_t
notes_each(struct notes *n, void (*fn)(const struct notes_entry *, void *),
    void *arg, char **err)
{
	struct notes_entry	 e;
	sqlite3_stmt		*st;
	int64_t			 count = 0;
	int			 rc;

	*err = NULL;
	st = notes_stmt(n, "SELECT event, date, marked, note, updated FROM"
	    " entry WHERE corpus = ?1 ORDER BY event");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		notes_fill(&e, st);
		fn(&e, arg);
		notes_entry_clear(&e);
		count++;
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("%s: %s", n->path, sqlite3_errmsg(n->db));
		count = -1;
	}
	sqlite3_finalize(st);
	return count;
}

int
notes_merge(struct notes *n, const struct notes_entry *v, int count,
    struct notes_merged *out, char **err)
{
	sqlite3_stmt	*get, *put;
	const char	*have;
	int		 i, rc, ok = 1;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if (notes_begin(n, "import", err) == -1)
		return -1;
	get = notes_stmt(n, "SELECT updated FROM entry WHERE corpus = ?1 AND"
	    " event = ?2");
	put = notes_stmt(n, "INSERT OR REPLACE INTO entry(corpus, event,"
	    " date, marked, note, updated) VALUES (?1, ?2, (SELECT date FROM"
	    " entry WHERE corpus = ?1 AND event = ?2), ?3, ?4, ?5)");
	for (i = 0; i < count && ok; i++) {
		sqlite3_bind_text(get, 1, n->corpus, -1, SQLITE_STATIC);
		sqlite3_bind_text(get, 2, v[i].event, -1, SQLITE_STATIC);
		rc = sqlite3_step(get);
		have = rc == SQLITE_ROW ?
		    (const char *)sqlite3_column_text(get, 0) : NULL;
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			ok = 0;
		else if (have != NULL && strcmp(have, v[i].updated) >= 0)
			out->kept++;
		else {
			if (have != NULL)
				out->updated++;
			else
				out->added++;
			sqlite3_bind_text(put, 1, n->corpus, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(put, 2, v[i].event, -1,
			    SQLITE_STATIC);
			sqlite3_bind_int(put, 3, v[i].marked != 0);
			if (v[i].note != NULL && *v[i].note != '\0')
				sqlite3_bind_text(put, 4, v[i].note, -1,
				    SQLITE_STATIC);
			else
				sqlite3_bind_null(put, 4);
			sqlite3_bind_text(put, 5, v[i].updated, -1,
			    SQLITE_STATIC);
			ok = sqlite3_step(put) == SQLITE_DONE;
			sqlite3_reset(put);
			sqlite3_clear_bindings(put);
		}
		sqlite3_reset(get);
	}
	if (!ok)
		*err = notes_why(n, "import");
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	if (notes_end(n, ok, "import", err) == -1) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

void
notes_view_clear(struct notes_view *v)
{
	int	i;

	free(v->name);
	for (i = 0; i < v->nactors; i++)
		free(v->actors[i]);
	free(v->actors);
	free(v->tag);
	free(v->from);
	free(v->to);
	free(v->query);
	memset(v, 0, sizeof *v);
}

int
notes_view_name_ok(const char *name)
{
	const char	*p;

	if (name == NULL || !((*name >= 'a' && *name <= 'z') ||
	    (*name >= '0' && *name <= '9')))
		return 0;
	for (p = name + 1; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	}
	return p - name <= 64;
}

/* Binds text or NULL. */
static void
notes_bind(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int
notes_view_save(struct notes *n, const struct notes_view *v, char **err)
{
	sqlite3_stmt	*st;
	int		 i, ok;

	*err = NULL;
	if (!notes_view_name_ok(v->name)) {
		*err = xasprintf("'%s' is not a view name (lower-case letters, "
		    "digits and '-', starting with a letter or a digit)",
		    v->name != NULL ? v->name : "");
		return -1;
	}
	if (notes_begin(n, "save the view", err) == -1)
		return -1;
	st = notes_stmt(n, "INSERT OR REPLACE INTO view(corpus, name, actors,"
	    " tag, from_date, to_date, query, marked, updated) VALUES (?1, ?2,"
	    " '[]', ?3, ?4, ?5, ?6, ?7, " NOTES_NOW ")");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	notes_bind(st, 2, v->name);
	notes_bind(st, 3, v->tag);
	notes_bind(st, 4, v->from);
	notes_bind(st, 5, v->to);
	notes_bind(st, 6, v->query);
	sqlite3_bind_int(st, 7, v->marked != 0);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	/* The actors as a JSON array, one appended at a time. */
	st = notes_stmt(n, "UPDATE view SET actors = json_insert(actors,"
	    " '$[#]', ?3) WHERE corpus = ?1 AND name = ?2");
	for (i = 0; i < v->nactors && ok; i++) {
		sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
		notes_bind(st, 2, v->name);
		notes_bind(st, 3, v->actors[i]);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	if (!ok)
		*err = notes_why(n, "save the view");
	sqlite3_finalize(st);
	return notes_end(n, ok, "save the view", err);
}

/* Columns of a view, in the order view_fill reads them. */
#define NOTES_VIEW_COLS "name, tag, from_date, to_date, query, marked," \
	" (SELECT json_group_array(value) FROM json_each(actors))," \
	" json_array_length(actors)"

static void
notes_view_fill(struct notes_view *v, sqlite3_stmt *st)
{
	sqlite3_stmt	*each;
	sqlite3		*db = sqlite3_db_handle(st);
	char		**dst[5] = { &v->name, &v->tag, &v->from, &v->to,
			    &v->query };
	const char	*c;
	int		 i;

	memset(v, 0, sizeof *v);
	for (i = 0; i < 5; i++) {
		c = (const char *)sqlite3_column_text(st, i);
		*dst[i] = c != NULL ? xstrdup(c) : NULL;
	}
	v->marked = sqlite3_column_int(st, 5);
	v->nactors = sqlite3_column_int(st, 7);
	v->actors = xcalloc((size_t)v->nactors + 1, sizeof *v->actors);
	if (sqlite3_prepare_v2(db, "SELECT value FROM json_each(?1)", -1,
	    &each, NULL) != SQLITE_OK)
		fatal("notes: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(each, 1, (const char *)sqlite3_column_text(st, 6),
	    -1, SQLITE_TRANSIENT);
	for (i = 0; i < v->nactors && sqlite3_step(each) == SQLITE_ROW; i++)
		v->actors[i] = xstrdup((const char *)
		    sqlite3_column_text(each, 0));
	v->nactors = i;
	sqlite3_finalize(each);
}

int
notes_view_get(struct notes *n, const char *name, struct notes_view *out,
    char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*err = NULL;
	memset(out, 0, sizeof *out);
	st = notes_stmt(n, "SELECT " NOTES_VIEW_COLS " FROM view WHERE"
	    " corpus = ?1 AND name = ?2");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		notes_view_fill(out, st);
	else if (rc != SQLITE_DONE)
		*err = xasprintf("%s: %s", n->path, sqlite3_errmsg(n->db));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
notes_view_rm(struct notes *n, const char *name, char **err)
{
	sqlite3_stmt	*st;
	int		 ok, gone = 0;

	*err = NULL;
	if (notes_begin(n, "remove the view", err) == -1)
		return -1;
	st = notes_stmt(n, "DELETE FROM view WHERE corpus = ?1 AND name = ?2");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	ok = sqlite3_step(st) == SQLITE_DONE;
	if (ok)
		gone = sqlite3_changes(n->db);
	else
		*err = notes_why(n, "remove the view");
	sqlite3_finalize(st);
	if (notes_end(n, ok, "remove the view", err) == -1)
		return -1;
	return gone > 0;
}

int
notes_view_list(struct notes *n, struct notes_view **out, char **err)
{
	sqlite3_stmt	*st;
	int		 count = 0, cap = 0, rc;

	*err = NULL;
	*out = NULL;
	st = notes_stmt(n, "SELECT " NOTES_VIEW_COLS " FROM view WHERE"
	    " corpus = ?1 ORDER BY name");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
		}
		notes_view_fill(&(*out)[count++], st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		while (count > 0)
			notes_view_clear(&(*out)[--count]);
		free(*out);
		*out = NULL;
		*err = xasprintf("%s: %s", n->path, sqlite3_errmsg(n->db));
		return -1;
	}
	return count;
}

int
notes_view_json(struct notes *n, FILE *out, char **err)
{
	sqlite3_stmt	*st;
	int		 count = 0, rc;

	*err = NULL;
	/* The keys are a contract (README). */
	st = notes_stmt(n, "SELECT json_object('name', name, 'actors',"
	    " json(actors), 'tag', tag, 'from', from_date, 'to', to_date,"
	    " 'query', query, 'marked', json(CASE WHEN marked THEN 'true'"
	    " ELSE 'false' END)) FROM view WHERE corpus = ?1 ORDER BY name");
	sqlite3_bind_text(st, 1, n->corpus, -1, SQLITE_STATIC);
	fputc('[', out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs(count++ == 0 ? "\n  " : ",\n  ", out);
		fputs((const char *)sqlite3_column_text(st, 0), out);
	}
	fputs(count == 0 ? "]\n" : "\n]\n", out);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("%s: %s", n->path, sqlite3_errmsg(n->db));
		return -1;
	}
	return count;
}
