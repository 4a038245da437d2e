/*
 * store.c: opens the store for a content directory, rebuilding the cached
 * database when the content changed, and answers the reader's and the
 * command line's queries.
 *
 * Design note: a cache is fresh when its fingerprint (a hash of every
 * content file's path, size and modification time, and the schema version)
 * matches the content's, which costs one stat per file. A stale store of the
 * same schema is updated in place, in one transaction, reading only the
 * changed files (store-build.c). Anything else is rebuilt into a temporary
 * file next to the cache and renamed into place, so a crash or a second
 * instance never sees a half-built store. Readers open it read only. Every statement binds its parameters; frequent ones are prepared
 * once and kept (store_stmt).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

#define STORE_NSTMT	48

struct store {
	sqlite3		*db;
	sqlite3		*db2;		/* the ranking's second, or NULL */
	char		*path;		/* database file, or ":memory:" */
	int		 nviews;	/* for temporary table names */
	struct {
		const char	*sql;	/* the literal it was made from */
		sqlite3_stmt	*st;
	} stmt[STORE_NSTMT];
};

/*
 * A view without a table is a range of the timeline. A view with one in
 * date order fills it lazily: its events are walked in key order (keys
 * follow the timeline, store-int.h), from the index of the search, the
 * actor or the tag, a chunk at a time, as positions are asked for; the
 * reader fills the rest while it waits for keys. A view in rank order is
 * filled when made.
 */
struct store_view {
	struct store	*s;
	char		*table;		/* temp table (pos, seq, rid, rank) */
	int64_t		 base;		/* without a table: seq of position 1 */
	int64_t		 count;		/* positions known so far */
	int64_t		 total;		/* all of them, or -1 if not known */
	char		*query;		/* what the user typed, or NULL */
	char		*match;		/* its FTS5 translation, or NULL */
	struct store_marker *marker;	/* marks its terms, or NULL */
	enum store_order order;
	/* filling: the walk goes on from key next, up to key end */
	int		 done;
	int64_t		 next;
	int64_t		 end;
	int64_t		 last;		/* key of the last event taken */
	sqlite3_stmt	*walk;		/* keys >= ?1, < ?2, LIMIT ?3 */
	sqlite3_stmt	*keep;		/* does event ?1 pass the rest? */
	sqlite3_stmt	*add;		/* appends event ?2 at position ?1 */
	char		*failed;	/* why the walk stopped early, or NULL */
	/*
	 * In rank order: the best events come first from store-rank.c; the
	 * rest are ranked by FTS5 (view_rank_all) only when asked for, and
	 * counted meanwhile by a view in date order.
	 */
	struct store_filter filter;	/* the rest's filter, its strings: */
	char		*fstr[5];	/* owned here */
	struct store_view *counter;	/* counts them all, or NULL */
	int		 best;		/* rows store-rank.c gave, or 0 */
};

#define STORE_CHUNK	256	/* keys read a statement in a walk */

/* 64-bit FNV-1a, for fingerprints and cache names. */
static uint64_t
store_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;

	while (n-- > 0) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Returns the content's fingerprint as a newly allocated hex string. */
static char *
store_fingerprint(struct content_file *files, int n, int flags)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	int		i, v = STORE_SCHEMA_VERSION;

	h = store_hash(h, &v, sizeof v);
	h = store_hash(h, DOSSIER_VERSION, strlen(DOSSIER_VERSION));
	v = flags & STORE_CHECK_QUOTES;
	h = store_hash(h, &v, sizeof v);
	for (i = 0; i < n; i++) {
		h = store_hash(h, files[i].path, strlen(files[i].path) + 1);
		h = store_hash(h, &files[i].size, sizeof files[i].size);
		h = store_hash(h, &files[i].mtime_ns, sizeof files[i].mtime_ns);
	}
	return xasprintf("%016llx", (unsigned long long)h);
}

/* Makes dir and its parents; returns 0 or -1 with errno. */
static int
store_mkdirs(const char *dir)
{
	char	*p, *s;

	s = xstrdup(dir);
	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0700) == -1 && errno != EEXIST) {
			free(s);
			return -1;
		}
		*p = '/';
	}
	free(s);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/*
 * The cache file for a content directory: $XDG_CACHE_HOME/dossier/ (else
 * ~/.cache/dossier/), named after the directory and a hash of its real
 * path. Returns a newly allocated path, or NULL if there is no home.
 */
static char *
store_cache_path(const char *content, char **dir)
{
	const char	*xdg = getenv("XDG_CACHE_HOME"), *home, *base;
	char		 real[PATH_MAX], *name;
	uint64_t	 h;
	size_t		 i;

	if (xdg != NULL && *xdg == '/')
		*dir = xasprintf("%s/dossier", xdg);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		*dir = xasprintf("%s/.cache/dossier", home);
	else
		return NULL;
	if (realpath(content, real) == NULL)
		snprintf(real, sizeof real, "%s", content);
	h = store_hash(0xcbf29ce484222325ULL, real, strlen(real));
	base = strrchr(real, '/');
	base = base != NULL && base[1] != '\0' ? base + 1 : "content";
	name = xasprintf("%s/%.40s-%016llx.db", *dir, base,
	    (unsigned long long)h);
	/* Keep the name to safe characters. */
	for (i = strlen(*dir) + 1; name[i] != '\0'; i++) {
		if (name[i] == '/' || name[i] == ' ')
			name[i] = '_';
	}
	return name;
}

/*
 * Opens an existing database read-only if it is a whole store built from
 * exactly this content. Returns the handle, or NULL if it must be built; then
 * *stale says whether it is a whole store of this schema that an update can
 * bring up to date.
 */
static sqlite3 *
store_try_cache_once(const char *path, const char *fingerprint, int *stale,
    int *moved)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct stat	 sb, sb2;
	int64_t		 pages = -1, size = -1;
	int		 ok = 0;

	*stale = 0;
	*moved = 0;
	if (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE"
	    " key = 'schema'), (SELECT value FROM meta WHERE key ="
	    " 'fingerprint'), (SELECT page_count * page_size FROM"
	    " pragma_page_count, pragma_page_size)", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == STORE_SCHEMA_VERSION &&
		    sqlite3_column_text(st, 1) != NULL) {
			pages = sqlite3_column_int64(st, 2);
			size = (int64_t)sb.st_size;
			/* A truncated file is not a store. */
			ok = pages == size && strcmp((const char *)
			    sqlite3_column_text(st, 1), fingerprint) == 0;
			*stale = pages == size && !ok;
			/*
			 * Or it changed since the stat: another instance
			 * renamed its build in, or updated it in place.
			 */
			*moved = pages != size && stat(path, &sb2) == 0 &&
			    (sb2.st_ino != sb.st_ino ||
			    sb2.st_size != sb.st_size);
		}
		sqlite3_finalize(st);
	}
	if (!ok) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/*
 * Same, looking again when the file was replaced between the stat and the
 * open (instances building at once rename their stores into place).
 */
static sqlite3 *
store_try_cache(const char *path, const char *fingerprint, int *stale)
{
	sqlite3	*db;
	int	 moved, tries = 0;

	do
		db = store_try_cache_once(path, fingerprint, stale, &moved);
	while (db == NULL && moved && ++tries < 5);
	return db;
}

/*
 * Builds the store into a temporary file beside path and renames it into
 * place. Returns 0; -1 with diags for content errors; -2 with *err if the
 * file cannot be written (the caller may fall back to memory).
 */
static int
store_build_file(const char *path, struct content_file *files, int n,
    const char *fp, int flags, struct diag_list *diags, char **err)
{
	sqlite3	*db;
	char	*tmp;
	int	 rc;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", tmp, sqlite3_errmsg(db));
		sqlite3_close(db);
		unlink(tmp);
		free(tmp);
		return -2;
	}
	rc = store_build(db, files, n, fp, flags, diags, NULL, err);
	if (sqlite3_close(db) != SQLITE_OK && rc == 0) {
		*err = xasprintf("%s: cannot close", tmp);
		rc = -2;
	}
	if (rc == 0 && rename(tmp, path) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		rc = -2;
	}
	if (rc != 0) {
		unlink(tmp);
		if (rc == -1 && *err != NULL)
			rc = -2;
	}
	free(tmp);
	return rc;
}

/*
 * Brings a stale store up to date in place, in one transaction: only the
 * changed files are read again. Returns 0; -1 with diags for content
 * errors (the store is left as it was); -2 with *err if it cannot be done
 * (the caller rebuilds).
 */
static int
store_update_file(const char *path, struct content_file *files, int n,
    const char *fp, int flags, struct diag_list *diags, char **err)
{
	sqlite3	*db;
	int	 rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -2;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = store_build(db, files, n, fp, flags, diags, NULL, err);
	sqlite3_close(db);
	if (rc == -1 && *err != NULL)
		rc = -2;
	return rc;
}

/* Settings for every connection that reads. */
static void
store_setup(struct store *s)
{
	sqlite3_busy_timeout(s->db, 2000);
	sqlite3_exec(s->db, "PRAGMA temp_store = FILE;"
	    "PRAGMA cache_size = -8192;", NULL, NULL, NULL);
	/* The ranking's and the snippets' functions (store-rank.c). */
	store_rank_init(s->db);
}

struct store *
store_open(const char *content, const char *dbpath, int flags,
    struct diag_list *diags, char **err)
{
	struct store		*s;
	struct content_file	*files;
	sqlite3			*db = NULL;
	char			*fp, *path = NULL, *dir = NULL, *why = NULL;
	int			 n, rc, stale = 0;

	*err = NULL;
	if ((n = content_scan(content, &files, diags)) == -1 ||
	    diags->errors > 0) {
		content_files_free(files, n < 0 ? 0 : n);
		return NULL;
	}
	fp = store_fingerprint(files, n, flags);
	if (!(flags & STORE_MEMORY)) {
		if (dbpath != NULL)
			path = xstrdup(dbpath);
		else if ((path = store_cache_path(content, &dir)) == NULL)
			why = xstrdup("no cache directory (HOME is not set)");
		else if (store_mkdirs(dir) == -1)
			why = xasprintf("%s: %s", dir, strerror(errno));
	}
	if (path != NULL && why == NULL && !(flags & STORE_REBUILD))
		db = store_try_cache(path, fp, &stale);
	if (db == NULL && stale) {
		rc = store_update_file(path, files, n, fp, flags, diags, &why);
		if (rc == -1)
			goto fail;
		if (rc == 0)
			db = store_try_cache(path, fp, &stale);
		/* Whatever went wrong, a full rebuild may still work. */
		free(why);
		why = NULL;
	}
	if (path != NULL && why == NULL && db == NULL) {
		rc = store_build_file(path, files, n, fp, flags, diags, &why);
		if (rc == -1)
			goto fail;
		if (rc == 0 && (db = store_try_cache(path, fp, &stale)) == NULL)
			why = xasprintf("%s: cannot open what was built", path);
	}
	if (db == NULL) {
		/* No cache to be had: build in memory, with one warning. */
		if (why != NULL && !(flags & STORE_QUIET))
			diag_add(diags, DIAG_WARNING, "dossier", 0, 0,
			    "cannot write the cache (%s); building the store "
			    "in memory", why);
		free(path);
		path = xstrdup(":memory:");
		if (sqlite3_open(":memory:", &db) != SQLITE_OK)
			fatal("cannot open an in-memory database");
		if (store_build(db, files, n, fp, flags, diags, NULL, err) == -1) {
			sqlite3_close(db);
			goto fail;
		}
	}
	s = xcalloc(1, sizeof *s);
	s->db = db;
	s->path = path;
	store_setup(s);
	free(why);
	free(dir);
	free(fp);
	content_files_free(files, n);
	return s;
fail:
	free(why);
	free(dir);
	free(path);
	free(fp);
	content_files_free(files, n);
	return NULL;
}

int
store_check(const char *content, struct diag_list *diags,
    struct store_counts *counts, char **err)
{
	struct content_file	*files;
	sqlite3			*db;
	int			 n, rc;

	*err = NULL;
	memset(counts, 0, sizeof *counts);
	if ((n = content_scan(content, &files, diags)) == -1)
		return -1;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		fatal("cannot open an in-memory database");
	rc = store_build(db, files, n, "check", STORE_CHECK_QUOTES, diags,
	    counts, err);
	sqlite3_close(db);
	content_files_free(files, n);
	return rc == 0 && diags->errors == 0 ? 0 : -1;
}

void
store_close(struct store *s)
{
	int	i;

	if (s == NULL)
		return;
	for (i = 0; i < STORE_NSTMT; i++)
		sqlite3_finalize(s->stmt[i].st);
	sqlite3_close(s->db2);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *
store_path(struct store *s)
{
	return s->path;
}

/*
 * Returns the prepared statement for sql (a string literal: cached by its
 * address), reset and with bindings cleared. It is a bug for sql not to
 * prepare, so that is fatal.
 */
static sqlite3_stmt *
store_stmt(struct store *s, const char *sql)
{
	int	i;

	for (i = 0; i < STORE_NSTMT && s->stmt[i].sql != NULL; i++) {
		if (s->stmt[i].sql == sql) {
			sqlite3_reset(s->stmt[i].st);
			sqlite3_clear_bindings(s->stmt[i].st);
			return s->stmt[i].st;
		}
	}
	if (i == STORE_NSTMT)
		fatal("store: too many cached statements");
	if (sqlite3_prepare_v2(s->db, sql, -1, &s->stmt[i].st, NULL) !=
	    SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(s->db), sql);
	s->stmt[i].sql = sql;
	return s->stmt[i].st;
}

/* Column i as a newly allocated string, or NULL for SQL NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*v = sqlite3_column_text(st, i);

	return v != NULL ? xstrdup((const char *)v) : NULL;
}

/* Column i copied into a fixed buffer of n bytes ("" for NULL). */
static void
col_copy(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char	*v = sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", v != NULL ? (const char *)v : "");
}

static int64_t
store_int(struct store *s, const char *sql)
{
	sqlite3_stmt	*st = store_stmt(s, sql);
	int64_t		 v = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/* Counts are kept in meta by the build: no scan at start-up. */
void
store_counts(struct store *s, struct store_counts *c)
{
	c->events = store_int(s, "SELECT value FROM meta WHERE key = 'events'");
	c->actors = store_int(s, "SELECT value FROM meta WHERE key = 'actors'");
	c->sources = store_int(s, "SELECT value FROM meta WHERE"
	    " key = 'sources'");
	c->excerpts = store_int(s, "SELECT value FROM meta WHERE"
	    " key = 'excerpts'");
}

void
store_date_range(struct store *s, char first[11], char last[11])
{
	sqlite3_stmt	*st;

	st = store_stmt(s, "SELECT (SELECT date FROM event ORDER BY seq"
	    " LIMIT 1), (SELECT date FROM event ORDER BY seq DESC LIMIT 1)");
	first[0] = last[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		col_copy(st, 0, first, 11);
		col_copy(st, 1, last, 11);
	}
	sqlite3_reset(st);
}

/* Appends the WHERE conditions of a filter, numbering parameters from ?2. */
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
}

/* Sets v->base and v->count for a view with at most a date range. */
static void
view_range(struct store_view *v, const struct store_filter *f)
{
	sqlite3_stmt	*st;

	st = store_stmt(v->s, "SELECT coalesce((SELECT seq FROM event"
	    " WHERE date >= ?1 ORDER BY date, seq LIMIT 1),"
	    " (SELECT max(seq) + 1 FROM event), 1), coalesce((SELECT seq FROM"
	    " event WHERE date <= ?2 ORDER BY date DESC, seq DESC LIMIT 1), 0)");
	sqlite3_bind_text(st, 1, f->from != NULL ? f->from : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, f->to != NULL ? f->to : "9999-99-99", -1,
	    SQLITE_TRANSIENT);
	v->base = 1;
	v->count = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v->base = sqlite3_column_int64(st, 0);
		v->count = sqlite3_column_int64(st, 1) - v->base + 1;
		if (v->count < 0)
			v->count = 0;
	}
	sqlite3_reset(st);
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
	int		 extra;

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

	if (v->match != NULL)
		walk = "SELECT rowid FROM fts WHERE fts MATCH ?3 AND"
		    " rowid >= ?1 AND rowid < ?2 ORDER BY rowid";
	else if (f->actor != NULL)
		walk = "SELECT rid FROM event_actor WHERE actor = ?3 AND"
		    " rid >= ?1 AND rid < ?2 ORDER BY rid";
	else
		walk = "SELECT rid FROM event_tag WHERE tag = ?3 AND"
		    " rid >= ?1 AND rid < ?2 ORDER BY rid";
	if (sqlite3_prepare_v2(s->db, walk, -1, &v->walk, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(v->walk, 1, v->next);
	sqlite3_bind_int64(v->walk, 2, v->end);
	sqlite3_bind_text(v->walk, 3, v->match != NULL ? v->match :
	    f->actor != NULL ? f->actor : f->tag, -1, SQLITE_TRANSIENT);

	extra = (v->match != NULL && f->actor != NULL) ||
	    ((v->match != NULL || f->actor != NULL) && f->tag != NULL);
	if (extra) {
		sql = xasprintf("SELECT 1 WHERE 1%s%s",
		    v->match != NULL && f->actor != NULL ? " AND EXISTS (SELECT"
		    " 1 FROM event_actor WHERE actor = ?2 AND rid = ?1)" : "",
		    (v->match != NULL || f->actor != NULL) && f->tag != NULL ?
		    " AND EXISTS (SELECT 1 FROM event_tag WHERE rid = ?1 AND"
		    " tag = ?3)" : "");
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
	}
	sql = xasprintf("INSERT INTO %s(pos, rid, rank) VALUES (?1, ?2, 0)",
	    v->table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &v->add, NULL) != SQLITE_OK) {
		free(sql);
		return -1;
	}
	free(sql);

	/* An actor's events are counted already. */
	if (v->match == NULL && f->tag == NULL && f->from == NULL &&
	    f->to == NULL) {
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
static void
view_fill(struct store_view *v, int64_t upto, double deadline)
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
	v->filter.order = f->order;
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
	    " rank FROM fts f WHERE fts MATCH ?1) h"
	    " JOIN event e ON e.rid = h.rid WHERE 1", v->table);
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
	if (match == NULL && f->actor == NULL && f->tag == NULL) {
		view_range(v, f);
		v->done = 1;
		v->total = v->count;
		return v;
	}
	v->match = match;
	v->query = f->query != NULL ? xstrdup(f->query) : NULL;
	v->marker = match != NULL ? store_marker_new(s->db, match) : NULL;
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
		view_fill(v, 1, 0);
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
	if ((rc = view_rank_best(v, STORE_VIEW_BEST)) == -1 ||
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
	free(v->query);
	free(v->match);
	store_marker_free(v->marker);
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
		view_fill(v, upto, ms > 0 ? store_now() + ms : 0);
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
static void
store_mark(struct store_marker *m, char **text)
{
	char	*h;

	if ((h = store_marker_apply(m, *text)) != NULL) {
		free(*text);
		*text = h;
	}
}

static void
row_fill(struct store_row *r, sqlite3_stmt *st)
{
	r->pos = sqlite3_column_int64(st, 0);
	r->seq = sqlite3_column_int64(st, 1);
	col_copy(st, 2, r->date, sizeof r->date);
	col_copy(st, 3, r->time, sizeof r->time);
	r->approximate = sqlite3_column_int(st, 4);
	r->id = col_dup(st, 5);
	r->title = col_dup(st, 6);
	r->actors = col_dup(st, 7);
	r->rank = sqlite3_column_double(st, 8);
	r->rid = sqlite3_column_int64(st, 9);
}

int
store_view_rows(struct store_view *v, int64_t pos, int n,
    struct store_row *rows)
{
	sqlite3_stmt	*st;
	int		 got = 0, own = 0;

	if (n <= 0 || pos < 1)
		return 0;
	view_fill(v, pos + n - 1, 0);
	if (pos > v->count)
		return 0;
	if (v->table == NULL) {
		st = store_stmt(v->s, "SELECT seq - ?3 + 1, seq, date, time,"
		    " approximate, id, title, actors, 0, rid FROM event"
		    " WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq");
		sqlite3_bind_int64(st, 1, v->base + pos - 1);
		sqlite3_bind_int64(st, 2, v->base + v->count - 1);
		sqlite3_bind_int64(st, 3, v->base);
	} else {
		st = view_prepare(v, "SELECT v.pos, e.seq, e.date, e.time,"
		    " e.approximate, e.id, e.title, e.actors, v.rank, e.rid"
		    " FROM @T v JOIN event e ON e.rid = v.rid WHERE v.pos >= ?1"
		    " ORDER BY v.pos");
		sqlite3_bind_int64(st, 1, pos);
		own = 1;
	}
	while (got < n && sqlite3_step(st) == SQLITE_ROW) {
		row_fill(&rows[got], st);
		store_mark(v->marker, &rows[got].title);
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

/* The key of the event with timeline number seq (INT64_MAX if none). */
static int64_t
view_key(struct store_view *v, int64_t seq)
{
	sqlite3_stmt	*st;
	int64_t		 key = INT64_MAX;

	st = store_stmt(v->s, "SELECT rid FROM event WHERE seq = ?1");
	sqlite3_bind_int64(st, 1, seq);
	if (sqlite3_step(st) == SQLITE_ROW)
		key = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return key;
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
		view_fill(v, v->count + STORE_CHUNK, 0);
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
	int64_t		 seq = 0, key;

	st = store_stmt(v->s, "SELECT seq FROM event WHERE date >= ?1"
	    " ORDER BY date, seq LIMIT 1");
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (seq == 0)
		return 0;
	if (v->table == NULL) {
		if (seq > v->base + v->count - 1)
			return 0;
		return seq < v->base ? 1 : seq - v->base + 1;
	}
	key = view_key(v, seq);
	while (!v->done && v->last < key)
		view_fill(v, v->count + STORE_CHUNK, 0);
	return view_int(v, "SELECT pos FROM @T WHERE rid >= ?1 ORDER BY rid"
	    " LIMIT 1", key, NULL);
}

int64_t
store_view_next_actor(struct store_view *v, int64_t pos, const char *actor,
    int dir)
{
	sqlite3_stmt	*st;
	int64_t		 seq = 0;

	if (v->table == NULL) {
		/* Driven by the actor's events ("+" keeps seq's index out). */
		if (dir > 0)
			st = store_stmt(v->s, "SELECT min(seq) FROM event WHERE"
			    " rid IN (SELECT rid FROM event_actor WHERE actor = ?1)"
			    " AND +seq > ?2 AND +seq <= ?3");
		else
			st = store_stmt(v->s, "SELECT max(seq) FROM event WHERE"
			    " rid IN (SELECT rid FROM event_actor WHERE actor = ?1)"
			    " AND +seq < ?2 AND +seq >= ?3");
		sqlite3_bind_text(st, 1, actor, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, v->base + pos - 1);
		sqlite3_bind_int64(st, 3, dir > 0 ? v->base + v->count - 1 :
		    v->base);
		if (sqlite3_step(st) == SQLITE_ROW)
			seq = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return seq == 0 ? 0 : seq - v->base + 1;
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
			view_fill(v, v->count + STORE_CHUNK, 0);
		}
	}
	if (pos > v->count)
		view_fill(v, -1, 0);
	return view_int(v, "SELECT max(pos) FROM @T WHERE pos < ?1 AND"
	    " rid IN (SELECT rid FROM event_actor WHERE actor = ?2)", pos,
	    actor);
}

/* Reads an actor row (columns as in STORE_ACTOR_COLS) into a. */
#define STORE_ACTOR_COLS "a.id, a.name, a.short, a.kind, a.role," \
	" a.affiliation, (SELECT name FROM actor b WHERE b.id =" \
	" a.affiliation), a.nevents, a.aid"

static void
actor_fill(struct store *s, struct store_actor *a, sqlite3_stmt *st)
{
	sqlite3_stmt	*al;
	int		 cap = 0;

	memset(a, 0, sizeof *a);
	a->id = col_dup(st, 0);
	a->name = col_dup(st, 1);
	a->short_name = col_dup(st, 2);
	a->kind = col_dup(st, 3);
	a->role = col_dup(st, 4);
	a->affiliation = col_dup(st, 5);
	a->affiliation_name = col_dup(st, 6);
	a->events = sqlite3_column_int64(st, 7);
	al = store_stmt(s, "SELECT alias FROM alias WHERE aid = ?1"
	    " ORDER BY ord");
	sqlite3_bind_int64(al, 1, sqlite3_column_int64(st, 8));
	while (sqlite3_step(al) == SQLITE_ROW) {
		if (a->naliases == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			a->aliases = xreallocarray(a->aliases, (size_t)cap,
			    sizeof *a->aliases);
		}
		a->aliases[a->naliases++] = col_dup(al, 0);
	}
	sqlite3_reset(al);
}

void
store_actors_clear(struct store_actor *a, int n)
{
	int	i, j;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].name);
		free(a[i].short_name);
		free(a[i].kind);
		free(a[i].role);
		free(a[i].affiliation);
		free(a[i].affiliation_name);
		for (j = 0; j < a[i].naliases; j++)
			free(a[i].aliases[j]);
		free(a[i].aliases);
		memset(&a[i], 0, sizeof a[i]);
	}
}

static struct store_detail *
detail_read(struct store *s, sqlite3_stmt *st, const char *query)
{
	struct store_detail	*d;
	sqlite3_stmt		*q;
	struct store_marker	*marker = NULL;
	char			*match = NULL, *err = NULL;
	int			 cap;

	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->seq = sqlite3_column_int64(st, 0);
	d->id = col_dup(st, 1);
	col_copy(st, 2, d->date, sizeof d->date);
	col_copy(st, 3, d->time, sizeof d->time);
	d->approximate = sqlite3_column_int(st, 4);
	d->title = col_dup(st, 5);
	d->summary = col_dup(st, 6);
	d->file = col_dup(st, 7);
	d->line = sqlite3_column_int(st, 8);
	d->rid = sqlite3_column_int64(st, 9);
	sqlite3_reset(st);

	if (query != NULL && (match = query_translate(query, &err)) != NULL)
		marker = store_marker_new(s->db, match);
	free(err);
	store_mark(marker, &d->title);
	store_mark(marker, &d->summary);

	q = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM event_actor ea"
	    " JOIN actor a ON a.id = ea.actor WHERE ea.rid = ?1"
	    " ORDER BY ea.ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->nactors++) {
		if (d->nactors == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->actors = xreallocarray(d->actors, (size_t)cap,
			    sizeof *d->actors);
		}
		/* actor_fill uses another cached statement: q stays valid. */
		actor_fill(s, &d->actors[d->nactors], q);
	}
	sqlite3_reset(q);

	q = store_stmt(s, "SELECT tag FROM event_tag WHERE rid = ?1"
	    " ORDER BY ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->ntags++) {
		if (d->ntags == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->tags = xreallocarray(d->tags, (size_t)cap,
			    sizeof *d->tags);
		}
		d->tags[d->ntags] = col_dup(q, 0);
	}
	sqlite3_reset(q);

	q = store_stmt(s, "SELECT x.source, s.title, s.publisher, s.url,"
	    " s.published, x.quote, x.note FROM excerpt x"
	    " JOIN source s"
	    " ON s.id = x.source WHERE x.rid = ?1 ORDER BY x.ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->nexcerpts++) {
		struct store_excerpt	*x;

		if (d->nexcerpts == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->excerpts = xreallocarray(d->excerpts, (size_t)cap,
			    sizeof *d->excerpts);
		}
		x = &d->excerpts[d->nexcerpts];
		x->source = col_dup(q, 0);
		x->source_title = col_dup(q, 1);
		x->publisher = col_dup(q, 2);
		x->url = col_dup(q, 3);
		x->published = col_dup(q, 4);
		x->quote = col_dup(q, 5);
		x->note = col_dup(q, 6);
		store_mark(marker, &x->quote);
		store_mark(marker, &x->note);
	}
	sqlite3_reset(q);
	free(match);
	store_marker_free(marker);
	return d;
}

#define STORE_DETAIL_SQL "SELECT e.seq, e.id, e.date, e.time," \
	" e.approximate, e.title, e.summary, f.path, e.line, e.rid" \
	" FROM event e" \
	" LEFT JOIN file f ON f.fid = e.fid"

struct store_detail *
store_detail_get(struct store *s, int64_t seq, const char *query)
{
	sqlite3_stmt	*st;

	st = store_stmt(s, STORE_DETAIL_SQL " WHERE e.seq = ?1");
	sqlite3_bind_int64(st, 1, seq);
	return detail_read(s, st, query);
}

struct store_detail *
store_detail_by_id(struct store *s, const char *id, const char *query)
{
	sqlite3_stmt	*st;

	st = store_stmt(s, STORE_DETAIL_SQL " WHERE e.id = ?1");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	return detail_read(s, st, query);
}

void
store_detail_free(struct store_detail *d)
{
	int	i;

	if (d == NULL)
		return;
	free(d->id);
	free(d->title);
	free(d->summary);
	free(d->file);
	store_actors_clear(d->actors, d->nactors);
	free(d->actors);
	for (i = 0; i < d->ntags; i++)
		free(d->tags[i]);
	free(d->tags);
	for (i = 0; i < d->nexcerpts; i++) {
		free(d->excerpts[i].source);
		free(d->excerpts[i].source_title);
		free(d->excerpts[i].publisher);
		free(d->excerpts[i].url);
		free(d->excerpts[i].published);
		free(d->excerpts[i].quote);
		free(d->excerpts[i].note);
	}
	free(d->excerpts);
	free(d);
}

/* The actor filter: id, name or an alias contains ?1, case-insensitively. */
#define STORE_ACTOR_MATCH "(?1 IS NULL OR instr(lower(a.id), lower(?1))" \
	" OR instr(lower(a.name), lower(?1)) OR EXISTS (SELECT 1 FROM alias" \
	" l WHERE l.aid = a.aid AND instr(lower(l.alias), lower(?1))))"

static void
bind_filter(sqlite3_stmt *st, const char *filter)
{
	if (filter != NULL && *filter != '\0')
		sqlite3_bind_text(st, 1, filter, -1, SQLITE_TRANSIENT);
}

int
store_actor_list(struct store *s, const char *filter, int64_t offset, int n,
    struct store_actor *out)
{
	sqlite3_stmt	*st;
	int		 got = 0;

	st = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM actor a WHERE "
	    STORE_ACTOR_MATCH " ORDER BY a.nevents DESC, a.name, a.id"
	    " LIMIT ?3 OFFSET ?2");
	bind_filter(st, filter);
	sqlite3_bind_int64(st, 2, offset);
	sqlite3_bind_int(st, 3, n);
	while (got < n && sqlite3_step(st) == SQLITE_ROW)
		actor_fill(s, &out[got++], st);
	sqlite3_reset(st);
	return got;
}

int64_t
store_actor_count(struct store *s, const char *filter)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	st = store_stmt(s, "SELECT count(*) FROM actor a WHERE "
	    STORE_ACTOR_MATCH);
	bind_filter(st, filter);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int
store_actor_get(struct store *s, const char *id, struct store_actor *out)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	st = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM actor a"
	    " WHERE a.id = ?1");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		actor_fill(s, out, st);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

/*
 * The hits of a search, best first: events and excerpts, each with its
 * event. Columns: event id, date, title, kind, snippet, rank. The best hits
 * are found first, then each gets a snippet from the first column that
 * holds a term (dossier_column: title, text, note, else actor names), so
 * that the search must run where store_rank_init ran. Up to STORE_RANK_MAX
 * hits, store-rank.c finds them (STORE_HIT_SQL makes each row); for more,
 * or where its bounds cannot serve, FTS5 ranks every hit itself (the query
 * is ?4). Either way, equal ranks go to the lower row. Snippets are made a
 * row at a time, matching ?1: the query with its prefixes written out
 * (store_rank_rows_match), else FTS5 would expand them for every row.
 */
#define STORE_HIT_COLS "e.id, e.date, e.title, CASE WHEN h.r = " \
	STORE_KEY_EVENT("h.r") " THEN 'event' ELSE 'excerpt' END, (SELECT" \
	" snippet(fts, dossier_column(fts), '" TEXT_MARK_ON "', '" \
	TEXT_MARK_OFF "', '…', 16) FROM fts WHERE fts MATCH ?1 AND" \
	" rowid = h.r), h.rank"
#define STORE_SEARCH_SQL "SELECT " STORE_HIT_COLS " FROM (SELECT rowid AS r," \
	" rank FROM fts WHERE fts MATCH ?4 ORDER BY rank, rowid LIMIT ?2) h" \
	" JOIN event e ON e.rid = " STORE_KEY_EVENT("h.r") \
	" ORDER BY h.rank, h.r"
/* One hit found by store-rank.c: full-text row ?2, rank ?3. */
#define STORE_HIT_SQL "SELECT " STORE_HIT_COLS " FROM (SELECT ?2 AS r," \
	" ?3 AS rank) h JOIN event e ON e.rid = " STORE_KEY_EVENT("h.r")

/*
 * The best limit hits of match by store-rank.c: returns their number with
 * *hits (caller frees), -1 with *err, or -2 if FTS5 must rank them.
 */
static int
search_best(struct store *s, const char *match, int64_t limit,
    struct store_rank_hit **hits, char **err)
{
	int	n;

	*hits = NULL;
	if (limit <= 0 || limit > STORE_RANK_MAX)
		return -2;
	*hits = xcalloc((size_t)limit, sizeof **hits);
	n = store_rank_best(s->db, &s->db2, match, (int)limit, *hits, NULL,
	    err);
	if (n < 0) {
		free(*hits);
		*hits = NULL;
	}
	return n;
}

/* Fills h from a row of STORE_SEARCH_SQL or STORE_HIT_SQL. */
static void
search_hit(sqlite3_stmt *st, struct store_hit *h)
{
	h->event = (const char *)sqlite3_column_text(st, 0);
	col_copy(st, 1, h->date, sizeof h->date);
	h->title = (const char *)sqlite3_column_text(st, 2);
	h->kind = strcmp((const char *)sqlite3_column_text(st, 3),
	    "event") == 0 ? "event" : "excerpt";
	h->snippet = (const char *)sqlite3_column_text(st, 4);
	h->rank = sqlite3_column_double(st, 5);
}

int64_t
store_search(struct store *s, const char *query, int64_t limit,
    void (*fn)(const struct store_hit *, void *), void *arg, char **err)
{
	struct store_rank_hit	*best;
	struct store_hit	 h;
	sqlite3_stmt		*st;
	char			*match, *rows;
	int64_t			 n = 0;
	int			 nbest, i, rc = SQLITE_DONE;

	if ((match = query_translate(query, err)) == NULL)
		return -1;
	if ((nbest = search_best(s, match, limit, &best, err)) == -1) {
		free(match);
		return -1;
	}
	rows = store_rank_rows_match(s->db, match);
	if (nbest >= 0) {
		st = store_stmt(s, STORE_HIT_SQL);
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		for (i = 0; i < nbest && rc == SQLITE_DONE; i++) {
			sqlite3_bind_int64(st, 2, best[i].rowid);
			sqlite3_bind_double(st, 3, -best[i].score);
			if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				search_hit(st, &h);
				fn(&h, arg);
				n++;
				rc = SQLITE_DONE;
			}
			sqlite3_reset(st);
		}
		free(best);
	} else {
		st = store_stmt(s, STORE_SEARCH_SQL);
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
		sqlite3_bind_text(st, 4, match, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			search_hit(st, &h);
			fn(&h, arg);
			n++;
		}
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("search failed: %s", sqlite3_errmsg(s->db));
		n = -1;
	}
	sqlite3_reset(st);
	free(rows);
	free(match);
	return n;
}

/*
 * Writes the rows of st, one JSON value a row in column 0, as an array.
 * Returns the number of rows, or -1 with *err.
 */
static int64_t
json_array_out(struct store *s, sqlite3_stmt *st, FILE *out, char **err)
{
	int64_t	n = 0;
	int	rc;

	fputc('[', out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs(n++ == 0 ? "\n  " : ",\n  ", out);
		fputs((const char *)sqlite3_column_text(st, 0), out);
	}
	fputs(n == 0 ? "]\n" : "\n]\n", out);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("query failed: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	return n;
}

/* An event as a JSON object: the keys are a contract (README). */
#define STORE_JSON_EVENT "json_object('id', e.id, 'date', e.date," \
	" 'time', e.time, 'approximate', json(CASE WHEN e.approximate" \
	" THEN 'true' ELSE 'false' END), 'title', e.title, 'actors'," \
	" (SELECT json_group_array(actor) FROM (SELECT actor FROM" \
	" event_actor WHERE rid = e.rid ORDER BY ord)), 'tags'," \
	" (SELECT json_group_array(tag) FROM (SELECT tag FROM event_tag" \
	" WHERE rid = e.rid ORDER BY ord))"

int
store_json_list(struct store *s, const struct store_filter *f, int64_t limit,
    FILE *out, char **err)
{
	struct store_view	*v;
	sqlite3_stmt		*st;
	char			*sql;
	int64_t			 n;

	*err = NULL;
	if ((v = store_view_new(s, f, err)) == NULL)
		return -1;
	view_fill(v, limit > 0 ? limit : -1, 0);
	if (v->table == NULL)
		sql = xasprintf("SELECT " STORE_JSON_EVENT ") FROM event e"
		    " WHERE e.seq >= ?1 AND e.seq < ?1 + ?2 ORDER BY e.seq");
	else
		sql = xasprintf("SELECT " STORE_JSON_EVENT ") FROM %s v JOIN"
		    " event e ON e.rid = v.rid WHERE v.pos >= ?1 AND"
		    " v.pos < ?1 + ?2 ORDER BY v.pos", v->table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(s->db), sql);
	free(sql);
	sqlite3_bind_int64(st, 1, v->table == NULL ? v->base : 1);
	sqlite3_bind_int64(st, 2, limit > 0 && limit < v->count ? limit :
	    v->count);
	n = json_array_out(s, st, out, err);
	sqlite3_finalize(st);
	store_view_free(v);
	return n < 0 ? -1 : 0;
}

int
store_json_show(struct store *s, const char *id, FILE *out, char **err)
{
	sqlite3_stmt	*st;
	int		 rc;

	*err = NULL;
	st = store_stmt(s, "SELECT json_insert(" STORE_JSON_EVENT "),"
	    " '$.summary', e.summary, '$.excerpts', (SELECT"
	    " json_group_array(json_object('source', x.source, 'source_title',"
	    " s.title, 'publisher', s.publisher, 'url', s.url, 'published',"
	    " s.published, 'quote',"
	    " x.quote, 'note', x.note)) FROM (SELECT * FROM excerpt WHERE"
	    " rid = e.rid ORDER BY ord) x JOIN source s ON s.id = x.source),"
	    " '$.actor_names', (SELECT json_group_array(a.name) FROM (SELECT"
	    " actor FROM event_actor WHERE rid = e.rid ORDER BY ord) ea JOIN"
	    " actor a ON a.id = ea.actor)) FROM event e WHERE e.id = ?1");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fprintf(out, "%s\n", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 1;
	else {
		*err = xasprintf("query failed: %s", sqlite3_errmsg(s->db));
		rc = -1;
	}
	sqlite3_reset(st);
	return rc;
}

/* A search hit as a JSON object, from the columns of a hit statement. */
#define STORE_JSON_HIT(sql) "WITH h(id, date, title, kind, snip, rank) AS (" \
	sql ") SELECT json_object('event', id, 'date', date, 'title', title," \
	" 'kind', kind, 'snippet', replace(replace(snip, '" TEXT_MARK_ON \
	"', '['), '" TEXT_MARK_OFF "', ']'), 'rank', rank) FROM h"

int
store_json_search(struct store *s, const char *query, int64_t limit,
    FILE *out, int64_t *nhits, char **err)
{
	struct store_rank_hit	*best;
	sqlite3_stmt		*st;
	char			*match, *rows;
	int			 nbest, i, rc = SQLITE_ROW;

	*err = NULL;
	*nhits = 0;
	if ((match = query_translate(query, err)) == NULL)
		return -1;
	if ((nbest = search_best(s, match, limit, &best, err)) == -1) {
		free(match);
		return -1;
	}
	rows = store_rank_rows_match(s->db, match);
	if (nbest < 0) {
		st = store_stmt(s, STORE_JSON_HIT(STORE_SEARCH_SQL));
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
		sqlite3_bind_text(st, 4, match, -1, SQLITE_TRANSIENT);
		free(match);
		free(rows);
		*nhits = json_array_out(s, st, out, err);
		sqlite3_reset(st);
		return *nhits < 0 ? -1 : 0;
	}
	/* As json_array_out writes it, a hit a statement. */
	st = store_stmt(s, STORE_JSON_HIT(STORE_HIT_SQL));
	sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
	fputc('[', out);
	for (i = 0; i < nbest && rc == SQLITE_ROW; i++) {
		sqlite3_bind_int64(st, 2, best[i].rowid);
		sqlite3_bind_double(st, 3, -best[i].score);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			fputs(*nhits == 0 ? "\n  " : ",\n  ", out);
			fputs((const char *)sqlite3_column_text(st, 0), out);
			(*nhits)++;
		} else if (rc == SQLITE_DONE)
			rc = SQLITE_ROW;	/* no such event: none to show */
		sqlite3_reset(st);
	}
	fputs(*nhits == 0 ? "]\n" : "\n]\n", out);
	free(best);
	free(rows);
	free(match);
	if (rc != SQLITE_ROW) {
		*err = xasprintf("query failed: %s", sqlite3_errmsg(s->db));
		*nhits = -1;
		return -1;
	}
	return 0;
}

int
store_json_actors(struct store *s, FILE *out, char **err)
{
	sqlite3_stmt	*st;

	*err = NULL;
	st = store_stmt(s, "SELECT json_object('id', a.id, 'name', a.name,"
	    " 'kind', a.kind, 'events', a.nevents, 'role', a.role,"
	    " 'affiliation', a.affiliation, 'aliases', (SELECT"
	    " json_group_array(alias) FROM (SELECT alias FROM alias WHERE"
	    " aid = a.aid ORDER BY ord))) FROM actor a"
	    " ORDER BY a.nevents DESC, a.name, a.id");
	return json_array_out(s, st, out, err) < 0 ? -1 : 0;
}
