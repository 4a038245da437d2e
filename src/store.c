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
 * instance never sees a half-built store. Readers open it read only.
 * Every statement binds its parameters; frequent ones are prepared once
 * and kept (store_stmt).
 *
 * dossier replaces or updates only a file it recognises as its own store:
 * one whose header carries STORE_APPLICATION_ID, or an older store of ours
 * from before the id (a meta table with a schema and a fingerprint), or an
 * empty file. Anything else is left byte for byte as it was. Temporaries of
 * builds whose process is gone (killed, power lost) are removed on the next
 * open; a live build's are kept.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"


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

/* What the file at a store's path is, to dossier. */
enum store_own {
	STORE_OWN_ABSENT,	/* nothing there: make it */
	STORE_OWN_EMPTY,	/* an empty file: nothing to lose */
	STORE_OWN_YES,		/* a store of ours, whole or not */
	STORE_OWN_NO		/* anything else: never touched */
};

/*
 * Reads the first 100 bytes of path (SQLite's header). Returns how many
 * were read, or -1 if it cannot be read; *sb gets the file's stat, *size
 * its size and *reg whether it is a regular file.
 */
static ssize_t
store_header(const char *path, unsigned char hdr[100], struct stat *sb,
    off_t *size, int *reg)
{
	ssize_t		n;
	int		fd;

	*size = 0;
	*reg = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)) == -1)
		return -1;
	if (fstat(fd, sb) == -1) {
		close(fd);
		return -1;
	}
	*size = sb->st_size;
	*reg = S_ISREG(sb->st_mode);
	n = *reg ? read(fd, hdr, 100) : 0;
	close(fd);
	return n;
}

/*
 * Is an SQLite database without our id an older store of ours? Yes if its
 * meta table holds a schema version and a fingerprint. Only reads.
 */
static int
store_old_ours(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 ok = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "SELECT count(*) = 2 FROM meta"
	    " WHERE key IN ('schema', 'fingerprint')", -1, &st, NULL) ==
	    SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 1;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return ok;
}

/*
 * Says what the file at path is to dossier (enum store_own); *sb, if not
 * NULL, gets its stat (zeroed if it cannot be read).
 */
static enum store_own
store_owned(const char *path, struct stat *sb)
{
	unsigned char	hdr[100];
	struct stat	mine;
	off_t		size;
	ssize_t		n;
	uint32_t	id;
	int		reg;

	if (sb == NULL)
		sb = &mine;
	memset(sb, 0, sizeof *sb);
	if ((n = store_header(path, hdr, sb, &size, &reg)) == -1)
		return errno == ENOENT || errno == ENOTDIR ? STORE_OWN_ABSENT :
		    STORE_OWN_NO;
	if (!reg)
		return STORE_OWN_NO;
	if (size == 0)
		return STORE_OWN_EMPTY;
	if (n < 100 || memcmp(hdr, "SQLite format 3", 16) != 0)
		return STORE_OWN_NO;
	/* The application id: 4 bytes, big-endian, at offset 68. */
	id = (uint32_t)hdr[68] << 24 | (uint32_t)hdr[69] << 16 |
	    (uint32_t)hdr[70] << 8 | hdr[71];
	if (id == STORE_APPLICATION_ID)
		return STORE_OWN_YES;
	if (id == 0 && store_old_ours(path))
		return STORE_OWN_YES;
	return STORE_OWN_NO;
}

/*
 * If name is "BASE.tmp.PID" (or its "-journal"), with BASE equal to base
 * (or ending in ".db" when base is NULL), returns PID, else 0.
 */
static long
store_temp_pid(const char *name, const char *base)
{
	const char	*t, *p;
	char		*end;
	long		 pid;

	if ((t = strstr(name, ".tmp.")) == NULL || t == name)
		return 0;
	if (base != NULL && ((size_t)(t - name) != strlen(base) ||
	    strncmp(name, base, (size_t)(t - name)) != 0))
		return 0;
	if (base == NULL && (t - name < 3 || strncmp(t - 3, ".db", 3) != 0))
		return 0;
	p = t + 5;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno != 0 || pid <= 0 || pid > INT_MAX ||
	    (*end != '\0' && strcmp(end, "-journal") != 0))
		return 0;
	return pid;
}

/*
 * Removes the temporaries in dir left by builds whose process is gone:
 * "BASE.tmp.PID" with its journal, for the store file base (or, with base
 * NULL, for every store of the cache directory). A temporary of a live
 * process (another instance building now) is kept, and so is a file of
 * that name which is not a store of ours.
 */
static void
store_sweep(const char *dir, const char *base)
{
	DIR		*d;
	struct dirent	*de;
	char		*p, *j;
	long		 pid;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if ((pid = store_temp_pid(de->d_name, base)) == 0 ||
		    strstr(de->d_name, "-journal") != NULL)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		switch (store_owned(p, NULL)) {
		case STORE_OWN_EMPTY:
		case STORE_OWN_YES:
			unlink(p);
			j = xasprintf("%s-journal", p);
			unlink(j);
			free(j);
			break;
		default:
			break;
		}
		free(p);
	}
	closedir(d);
}

/*
 * Checks that the file at path may be replaced or updated, and sweeps the
 * temporaries of dead builds beside it (in the cache every store's, else
 * this one's); when writing (it is about to change), checks that it was
 * not made read-only instead. Returns 0, or -1 with *err (caller frees) if
 * path is not a store of ours, or is read-only and must change. *sb, if
 * not NULL, gets the file's stat (store_owned).
 */
static int
store_claim(const char *path, int cache, int writing, char **err,
    struct stat *sb)
{
	enum store_own	 own = store_owned(path, sb);
	const char	*slash = strrchr(path, '/');
	char		*dir;

	if (own == STORE_OWN_NO) {
		*err = xasprintf("%s is not a dossier store; not touching it",
		    path);
		return -1;
	}
	if (writing) {
		if (own != STORE_OWN_ABSENT && access(path, W_OK) == -1 &&
		    errno == EACCES) {
			*err = xasprintf("%s is read-only; not touching it",
			    path);
			return -1;
		}
		return 0;
	}
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xasprintf("%.*s", (int)(slash - path), path);
	store_sweep(dir, cache ? NULL : (slash != NULL ? slash + 1 : path));
	free(dir);
	return 0;
}

/*
 * The number a PRAGMA gives, or -1. A plain PRAGMA: its table-valued form
 * (pragma_page_count) makes a virtual table, and preparing that cost more
 * than the rest of opening a store (150k instructions).
 */
static int64_t
store_pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Opens an existing database read-only if it is a whole store built from
 * exactly this content. Returns the handle, or NULL if it must be built; then
 * *stale says whether it is a whole store of this schema that an update can
 * bring up to date. known, if not NULL, is the file's stat, taken just
 * before (store_claim): no need to walk the path again.
 */
static sqlite3 *
store_try_cache_once(const char *path, const char *fingerprint, int *stale,
    int *moved, const struct stat *known)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct stat	 sb, sb2;
	int64_t		 pages = -1, page, size = -1;
	int		 ok = 0;

	*stale = 0;
	*moved = 0;
	if (known != NULL)
		sb = *known;
	else if (stat(path, &sb) == -1)
		return NULL;
	if (!S_ISREG(sb.st_mode))
		return NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE"
	    " key = 'schema'), (SELECT value FROM meta WHERE key ="
	    " 'fingerprint')", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == STORE_SCHEMA_VERSION &&
		    sqlite3_column_text(st, 1) != NULL) {
			/* The size SQLite sees, in the read st still holds. */
			pages = store_pragma_int(db, "PRAGMA page_count");
			page = store_pragma_int(db, "PRAGMA page_size");
			pages = pages < 0 || page < 0 ? -1 : pages * page;
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
 * open (instances building at once rename their stores into place); known
 * serves the first look only.
 */
static sqlite3 *
store_try_cache(const char *path, const char *fingerprint, int *stale,
    const struct stat *known)
{
	sqlite3	*db;
	int	 moved, tries = 0;

	do
		db = store_try_cache_once(path, fingerprint, stale, &moved,
		    tries == 0 ? known : NULL);
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
    const char *fp, int flags, const struct store_progress *progress,
    struct diag_list *diags, char **err)
{
	sqlite3	*db;
	char	*tmp;
	int	 rc;

	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	unlink(tmp);
	/* One thread builds: the connection needs no mutex of its own. */
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", tmp, sqlite3_errmsg(db));
		sqlite3_close(db);
		unlink(tmp);
		free(tmp);
		return -2;
	}
	/* Marked ours first: a killed build's file is recognised as ours. */
	if (sqlite3_exec(db, "PRAGMA application_id = "
	    STORE_XSTR(STORE_APPLICATION_ID), NULL, NULL, NULL) != SQLITE_OK)
		rc = -2;
	else
		rc = store_build(db, files, n, fp, flags, progress, diags, NULL,
		    err);
	if (rc == -2)
		*err = xasprintf("%s: %s", tmp, sqlite3_errmsg(db));
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
    const char *fp, int flags, const struct store_progress *progress,
    struct diag_list *diags, char **err)
{
	sqlite3	*db;
	int	 rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -2;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = store_build(db, files, n, fp, flags, progress, diags, NULL, err);
	sqlite3_close(db);
	if (rc == -1 && *err != NULL)
		rc = -2;
	return rc;
}

/*
 * Settings for every connection that reads. The page cache: 8 MB for the
 * reader, which comes back to the same pages; 256 KB for one command,
 * which reads most pages once: each page a cache holds is memory touched
 * for the first time, and a page fault costs more than reading the page
 * again from the system's cache (at a million events, a search of three
 * words with 1,826 hits faulted 2,326 pages with 8 MB and 265 with 256
 * KB, and took a third less time).
 */
static void
store_setup(struct store *s, int flags)
{
	sqlite3_busy_timeout(s->db, 2000);
	sqlite3_exec(s->db, "PRAGMA temp_store = FILE;", NULL, NULL, NULL);
	sqlite3_exec(s->db, flags & STORE_ONE_SHOT ? "PRAGMA cache_size ="
	    " -256" : "PRAGMA cache_size = -8192", NULL, NULL, NULL);
	/* The ranking's and the snippets' functions (store-rank.c). */
	store_rank_init(s->db);
	store_read_init(s->db);
}

struct store *
store_open(const char *content, const char *dbpath, int flags,
    const struct store_progress *progress,
    struct diag_list *diags, char **err)
{
	struct store		*s;
	struct content_file	*files;
	struct stat		 sb;
	sqlite3			*db = NULL;
	char			*fp, *path = NULL, *dir = NULL, *why = NULL;
	int			 n, rc, stale = 0;

	*err = NULL;
	if ((n = content_scan(content, &files, diags)) == -1 ||
	    diags->errors > 0) {
		content_files_free(files, n < 0 ? 0 : n);
		errno = 0;
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
	if (path != NULL && why == NULL &&
	    store_claim(path, dbpath == NULL, 0, err, &sb) == -1)
		goto refuse;
	if (path != NULL && why == NULL && !(flags & STORE_REBUILD))
		db = store_try_cache(path, fp, &stale, &sb);
	/* What must change must be ours to change. */
	if (path != NULL && why == NULL && db == NULL &&
	    store_claim(path, dbpath == NULL, 1, err, NULL) == -1)
		goto refuse;
	if (db == NULL && stale) {
		rc = store_update_file(path, files, n, fp, flags, progress, diags,
		    &why);
		if (rc == -1)
			goto fail;
		if (rc == 0)
			db = store_try_cache(path, fp, &stale, NULL);
		/* Whatever went wrong, a full rebuild may still work. */
		free(why);
		why = NULL;
	}
	if (path != NULL && why == NULL && db == NULL) {
		rc = store_build_file(path, files, n, fp, flags, progress, diags,
		    &why);
		if (rc == -1)
			goto fail;
		if (rc == 0 && (db = store_try_cache(path, fp, &stale,
		    NULL)) == NULL)
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
		if (store_build(db, files, n, fp, flags, progress, diags, NULL, err) == -1) {
			sqlite3_close(db);
			goto fail;
		}
	}
	s = xcalloc(1, sizeof *s);
	s->db = db;
	s->path = path;
	s->lazy_notes = (flags & STORE_LAZY_NOTES) != 0;
	store_setup(s, flags);
	free(why);
	free(dir);
	free(fp);
	content_files_free(files, n);
	return s;
refuse:
	free(why);
	free(dir);
	free(path);
	free(fp);
	content_files_free(files, n);
	errno = EPERM;
	return NULL;
fail:
	free(why);
	free(dir);
	free(path);
	free(fp);
	content_files_free(files, n);
	errno = 0;
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
	rc = store_build(db, files, n, "check", STORE_CHECK_QUOTES, NULL, diags,
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
	store_notes_close(s);
	sqlite3_close(s->db2);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

char *
store_stamp(const char *content)
{
	struct content_file	*files;
	struct diag_list	 d;
	char			*fp = NULL;
	int			 n;

	diag_init(&d);
	if ((n = content_scan(content, &files, &d)) >= 0 && d.errors == 0)
		fp = store_fingerprint(files, n, 0);
	content_files_free(files, n < 0 ? 0 : n);
	diag_free(&d);
	return fp;
}

int
store_fresh(struct store *s, const char *content)
{
	sqlite3_stmt		*st;
	const unsigned char	*have;
	char			*fp;
	int			 fresh = 0;

	if ((fp = store_stamp(content)) == NULL)
		return 0;
	st = store_stmt(s, "SELECT value FROM meta WHERE key = 'fingerprint'");
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (have = sqlite3_column_text(st, 0)) != NULL)
		fresh = strcmp((const char *)have, fp) == 0;
	sqlite3_reset(st);
	free(fp);
	return fresh;
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
sqlite3_stmt *
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
char *
store_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*v = sqlite3_column_text(st, i);

	return v != NULL ? xstrdup((const char *)v) : NULL;
}

/* Column i copied into a fixed buffer of n bytes ("" for NULL). */
void
store_col_copy(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char	*v = sqlite3_column_text(st, i);
	size_t			 len;

	/* As snprintf "%s" would, without formatting a row at a time. */
	len = v != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (n == 0)
		return;
	if (len >= n)
		len = n - 1;
	if (len > 0)
		memcpy(dst, v, len);
	dst[len] = '\0';
}

int64_t
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

	st = store_stmt(s, "SELECT (SELECT date FROM event ORDER BY rid"
	    " LIMIT 1), (SELECT date FROM event ORDER BY rid DESC LIMIT 1)");
	first[0] = last[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		store_col_copy(st, 0, first, 11);
		store_col_copy(st, 1, last, 11);
	}
	sqlite3_reset(st);
}

/*
 * The page cache of a command's process: one block of STORE_PCACHE_BYTES
 * for every connection, which the kernel may back with a huge page. A page
 * cache is memory touched for the first time, and on a virtual machine a
 * page fault can cost 12 us (a 4 KB page read from the system's cache
 * costs 1): at a million events a search of three words faulted about 120
 * pages of cache. One huge page is a single fault, about 0.3 ms for its
 * 2 MB. Where the kernel grants none, the block faults 4 KB at a time, as
 * malloc's memory would. The block is never freed: it lives as long as
 * the process.
 *
 * SQLite takes a block nearly used up as memory pressure: from then on
 * every cache recycles its pages instead of growing. So the block caps
 * the process's caches at about 2 MB in all: more than a search uses (its
 * two connections hold 128 pages), but not what a build or the reader is
 * given. Only the search command sets it up (cli.c). A build capped so
 * was no slower at 100k (8.0 s against 8.3 s pairwise: a 64 MB cache is
 * 16,000 pages to fault) but may be at 1M (1.05 and 1.18 times its
 * baselines in two runs, against 0.98 to 1.05 uncapped), so `index`
 * goes without; a build that a search starts (a changed corpus) is
 * capped. That costs an update nothing: at 1M, after a comment or an
 * event added to or taken from the middle month's file, `search
 * minister` with its update took 313 to 468 ms and `index` alone 353 to
 * 405 (four to six of each, taking turns).
 */
#define STORE_HUGE_PAGE		(2 << 20)
#define STORE_PCACHE_BYTES	STORE_HUGE_PAGE
#define STORE_PCACHE_PAGE	4096	/* every store's and notes.db's */

void
store_library_pagecache(void)
{
	uintptr_t	 a;
	void		*p;
	int		 hdr = 0, sz;

	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	p = mmap(NULL, STORE_PCACHE_BYTES + STORE_HUGE_PAGE, PROT_READ |
	    PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	/* A huge page must start on a boundary of its size. */
	a = ((uintptr_t)p + STORE_HUGE_PAGE - 1) &
	    ~(uintptr_t)(STORE_HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
	madvise((void *)a, STORE_PCACHE_BYTES, MADV_HUGEPAGE);
#endif
	sz = STORE_PCACHE_PAGE + hdr;
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)a, sz,
	    STORE_PCACHE_BYTES / sz) != SQLITE_OK)
		munmap(p, STORE_PCACHE_BYTES + STORE_HUGE_PAGE);
}

/*
 * Sets SQLite up for the whole process; call before any other store
 * function, from one thread. dossier reads no SQLite memory statistics,
 * and keeping them takes a global mutex on every allocation: a build
 * makes millions, and every thread would queue on it.
 */
void
store_library_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
