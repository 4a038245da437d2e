/*
 * store-build-check.c: the build's checks that need the whole corpus
 * (unique ids, references, quotes against their sources' texts), run in
 * SQL over the rows staged by store-build.c and reported at the positions
 * saved with them, with a "did you mean" for a near id.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "suggest.h"
#include "text.h"
#include "util.h"

/* Indexes of the small tables, wanted before the checks. */
static const char build_small_indexes[] =
	"CREATE INDEX IF NOT EXISTS actor_id ON actor(id);"
	"CREATE INDEX IF NOT EXISTS actor_fid ON actor(fid);"
	"CREATE INDEX IF NOT EXISTS source_id ON source(id);"
	"CREATE INDEX IF NOT EXISTS source_fid ON source(fid);";

static int
check_sqlerr(struct store_build_check *b, const char *what)
{
	if (*b->err == NULL)
		*b->err = xasprintf("%s: %s", what, sqlite3_errmsg(b->db));
	return -1;
}

void
store_build_check_free(struct store_build_check *b)
{
	sqlite3_finalize(b->path);
	b->path = NULL;
	free(b->pathv[0]);
	free(b->pathv[1]);
	b->pathv[0] = b->pathv[1] = NULL;
}

/*
 * Returns a newly allocated " (did you mean 'x'?)" for the id of table
 * (actor or source) nearest to id, or "" when none is near.
 */
static char *
check_suggest(struct store_build_check *b, const char *table, const char *id)
{
	sqlite3_stmt	*st;
	struct suggest	 sg;
	char		*sql, *out;

	sql = xasprintf("SELECT DISTINCT id FROM %s", table);
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
		free(sql);
		return xstrdup("");
	}
	free(sql);
	suggest_init(&sg, id, strlen(id));
	while (sqlite3_step(st) == SQLITE_ROW)
		suggest_add_copy(&sg, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	out = suggest_result(&sg) == NULL ? xstrdup("") :
	    xasprintf(" (did you mean '%s'?)", suggest_result(&sg));
	suggest_free(&sg);
	return out;
}

const char *
store_build_check_path(struct store_build_check *b, int fid)
{
	char	*p = NULL;

	if (b->path == NULL && sqlite3_prepare_v2(b->db, "SELECT path FROM"
	    " file WHERE fid = ?1", -1, &b->path, NULL) != SQLITE_OK)
		return "?";
	sqlite3_bind_int(b->path, 1, fid);
	if (sqlite3_step(b->path) == SQLITE_ROW)
		p = xstrdup((const char *)sqlite3_column_text(b->path, 0));
	sqlite3_reset(b->path);
	b->pathi = !b->pathi;
	free(b->pathv[b->pathi]);
	b->pathv[b->pathi] = p;
	return p != NULL ? p : "?";
}

/*
 * Runs a check query whose rows are (fid, line, col, text, [fid2, line2,
 * col2]) and reports each row with fmt: "%s" gets the text, and for
 * duplicates the first definition's position follows.
 */
enum check_kind {
	CHECK_DUPLICATE,	/* "duplicate ... (first defined at ...)" */
	CHECK_UNKNOWN,		/* "unknown ... (did you mean ...?)" */
	CHECK_WARN_TWICE	/* a warning */
};

static int
check_run(struct store_build_check *b, const char *sql, enum check_kind k,
    const char *what, const char *table)
{
	sqlite3_stmt	*st;
	const char	*v;
	char		*hint;
	int		 rc;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return check_sqlerr(b, "checking content");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !diag_full(b->diags)) {
		v = (const char *)sqlite3_column_text(st, 3);
		switch (k) {
		case CHECK_DUPLICATE:
			diag_add(b->diags, DIAG_ERROR,
			    store_build_check_path(b, sqlite3_column_int(st, 0)),
			    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			    "duplicate %s id '%s' (first defined at %s:%d:%d)",
			    what, v, store_build_check_path(b, sqlite3_column_int(st, 4)),
			    sqlite3_column_int(st, 5),
			    sqlite3_column_int(st, 6));
			break;
		case CHECK_UNKNOWN:
			hint = check_suggest(b, table, v);
			diag_add(b->diags, DIAG_ERROR,
			    store_build_check_path(b, sqlite3_column_int(st, 0)),
			    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			    "unknown %s '%s'%s", what, v, hint);
			free(hint);
			break;
		case CHECK_WARN_TWICE:
			diag_add(b->diags, DIAG_WARNING,
			    store_build_check_path(b, sqlite3_column_int(st, 0)),
			    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			    "%s '%s' is listed twice in this event", what, v);
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return check_sqlerr(b, "checking content");
	return 0;
}

int
store_build_check_ids(struct store_build_check *b)
{
	static const struct {
		const char	*sql;
		enum check_kind	 kind;
		const char	*what;
		const char	*table;
	} checks[] = {
		{ "SELECT a.fid, a.line, a.col, a.id, f.fid, f.line, f.col"
		  " FROM actor a JOIN actor f ON f.aid ="
		  " (SELECT min(aid) FROM actor WHERE id = a.id)"
		  " WHERE f.aid <> a.aid ORDER BY a.aid LIMIT 101",
		  CHECK_DUPLICATE, "actor", NULL },
		{ "SELECT a.fid, a.line, a.col, a.id, f.fid, f.line, f.col"
		  " FROM source a JOIN source f ON f.sid ="
		  " (SELECT min(sid) FROM source WHERE id = a.id)"
		  " WHERE f.sid <> a.sid ORDER BY a.sid LIMIT 101",
		  CHECK_DUPLICATE, "source", NULL },
		/* The few duplicate ids first: a lookup per row was 6 s at 1M. */
		{ "WITH d AS (SELECT id, min(rin) AS first FROM ev_in"
		  " GROUP BY id HAVING count(*) > 1)"
		  " SELECT a.fid, a.line, a.col, a.id, f.fid, f.line, f.col"
		  " FROM d JOIN ev_in a ON a.id = d.id JOIN ev_in f"
		  " ON f.rin = d.first WHERE a.rin <> d.first"
		  " ORDER BY a.rin LIMIT 101",
		  CHECK_DUPLICATE, "event", NULL },
		{ "SELECT a.fid, a.line, a.col, a.id, f.fid, f.line, f.col"
		  " FROM ev_in a JOIN event f ON f.id = a.id"
		  " WHERE a.rin NOT IN (SELECT rin FROM same)"
		  " AND f.rid NOT IN (SELECT rid FROM gone_event)"
		  " ORDER BY a.rin LIMIT 101",
		  CHECK_DUPLICATE, "event", NULL },
		{ "SELECT a.fid, a.aff_line, a.aff_col, a.affiliation"
		  " FROM actor a WHERE a.affiliation IS NOT NULL AND NOT EXISTS"
		  " (SELECT 1 FROM actor b WHERE b.id = a.affiliation)"
		  " ORDER BY a.aid LIMIT 101",
		  CHECK_UNKNOWN, "actor", "actor" },
		{ "SELECT e.fid, ea.line, ea.col, ea.actor FROM ea_in ea"
		  " JOIN ev_in e ON e.rin = ea.rin WHERE NOT EXISTS"
		  " (SELECT 1 FROM actor a WHERE a.id = ea.actor)"
		  " ORDER BY ea.rin, ea.ord LIMIT 101",
		  CHECK_UNKNOWN, "actor", "actor" },
		{ "SELECT e.fid, x.sline, x.scol, x.source FROM ex_in x"
		  " JOIN ev_in e ON e.rin = x.rin WHERE NOT EXISTS"
		  " (SELECT 1 FROM source s WHERE s.id = x.source)"
		  " ORDER BY x.rin, x.ord LIMIT 101",
		  CHECK_UNKNOWN, "source", "source" },
		/*
		 * Unchanged files still naming an actor or source that went;
		 * the old events of changed files (gone_event) are still in
		 * the store, and pass for gone here.
		 */
		{ "SELECT e.fid, e.line, e.col, ea.actor FROM event_actor ea"
		  " JOIN event e ON e.rid = ea.rid WHERE ea.actor IN"
		  " (SELECT id FROM chg_actor EXCEPT SELECT id FROM actor)"
		  " AND e.rid NOT IN (SELECT rid FROM gone_event)"
		  " ORDER BY e.fid, e.line LIMIT 101",
		  CHECK_UNKNOWN, "actor", "actor" },
		{ "SELECT x.fid, x.line, x.col, x.source FROM excerpt x"
		  " WHERE x.source IN (SELECT id FROM gone_source"
		  " EXCEPT SELECT id FROM source)"
		  " AND x.rid NOT IN (SELECT rid FROM gone_event)"
		  " ORDER BY x.fid, x.line LIMIT 101",
		  CHECK_UNKNOWN, "source", "source" },
		{ "SELECT e.fid, a.line, a.col, a.actor FROM ea_in a"
		  " JOIN ev_in e ON e.rin = a.rin WHERE EXISTS (SELECT 1 FROM"
		  " ea_in b WHERE b.rin = a.rin AND b.actor = a.actor AND"
		  " b.ord < a.ord) LIMIT 101",
		  CHECK_WARN_TWICE, "actor", NULL },
	};
	size_t	i;

	if (sqlite3_exec(b->db, build_small_indexes, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return check_sqlerr(b, "indexing");
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		if (check_run(b, checks[i].sql, checks[i].kind,
		    checks[i].what, checks[i].table) == -1)
			return -1;
	}
	return 0;
}

/* Reads a source's text file; returns it folded (caller frees) or NULL. */
static char *
check_read_text(const char *path)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536], *folded;
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	folded = text_fold(buf_str(&b));
	buf_free(&b);
	return folded;
}

int
store_build_check_quotes(struct store_build_check *b)
{
	sqlite3_stmt	*src, *q;
	const char	*rel, *id;
	char		*dir, *path, *text, *folded;
	int		 fid;

	if (sqlite3_prepare_v2(b->db, "SELECT id, text, fid, text_line,"
	    " text_col FROM source WHERE text IS NOT NULL ORDER BY sid", -1,
	    &src, NULL) != SQLITE_OK)
		return check_sqlerr(b, "checking quotes");
	if (sqlite3_prepare_v2(b->db, "SELECT e.fid, x.qline, x.qcol, x.quote"
	    " FROM ex_in x JOIN ev_in e ON e.rin = x.rin WHERE x.source = ?"
	    " ORDER BY x.rin, x.ord", -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(src);
		return check_sqlerr(b, "checking quotes");
	}
	while (sqlite3_step(src) == SQLITE_ROW && !diag_full(b->diags)) {
		id = (const char *)sqlite3_column_text(src, 0);
		rel = (const char *)sqlite3_column_text(src, 1);
		fid = sqlite3_column_int(src, 2);
		if (*rel == '/')
			path = xstrdup(rel);
		else {
			dir = xstrdup(store_build_check_path(b, fid));
			path = xasprintf("%s/%s", dirname(dir), rel);
			free(dir);
		}
		if ((text = check_read_text(path)) == NULL) {
			diag_add(b->diags, DIAG_ERROR, store_build_check_path(b, fid),
			    sqlite3_column_int(src, 3),
			    sqlite3_column_int(src, 4),
			    "cannot read the text of source '%s' (%s): %s", id,
			    path, strerror(errno));
			free(path);
			continue;
		}
		sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(q) == SQLITE_ROW) {
			folded = text_fold(
			    (const char *)sqlite3_column_text(q, 3));
			if (*folded == '\0' || strstr(text, folded) == NULL)
				diag_add(b->diags, DIAG_ERROR,
				    store_build_check_path(b, sqlite3_column_int(q, 0)),
				    sqlite3_column_int(q, 1),
				    sqlite3_column_int(q, 2),
				    "quote not found in the text of source "
				    "'%s' (%s)", id, rel);
			free(folded);
		}
		sqlite3_reset(q);
		free(text);
		free(path);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(src);
	return 0;
}

