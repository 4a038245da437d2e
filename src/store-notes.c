/*
 * store-notes.c: the user's notes.db seen from the store: attached
 * read-only beside the cache, and one temporary view, temp.unote, that
 * holds this corpus's rows, so that filters (--marked), the JSON output and
 * the notes listing join it in SQL. The store never writes to it: writes
 * go through notes.c on a connection of their own, and WAL lets this one
 * read while they do, seeing each commit at its next statement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store-int.h"
#include "text.h"

/* The columns of temp.unote, also when nothing is attached. */
#define UNOTE_EMPTY "CREATE TEMP VIEW IF NOT EXISTS unote(event, date," \
	" marked, note, updated) AS SELECT NULL, NULL, 0, NULL, NULL WHERE 0"

void
store_notes_ensure(struct store *s)
{
	if (s->notes)
		return;
	if (sqlite3_exec(s->db, UNOTE_EMPTY, NULL, NULL, NULL) != SQLITE_OK)
		fatal("store: %s", sqlite3_errmsg(s->db));
	s->notes = 1;
}

int
store_attach_notes(struct store *s, const char *path, const char *corpus,
    char **err)
{
	char	*sql;
	int	 rc;

	*err = NULL;
	if (s->notes_db)
		return 0;
	if (path == NULL) {
		if (!s->lazy_notes)
			store_notes_ensure(s);
		return 0;
	}
	/* An empty view made before the file existed gives way. */
	sql = sqlite3_mprintf("ATTACH %Q AS notes; DROP VIEW IF EXISTS"
	    " temp.unote; CREATE TEMP VIEW unote("
	    "event, date, marked, note, updated) AS SELECT event, date,"
	    " marked, note, updated FROM notes.entry WHERE corpus = %Q",
	    path, corpus);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		*err = xasprintf("%s: cannot read the notes: %s", path,
		    sqlite3_errmsg(s->db));
		sqlite3_exec(s->db, "DETACH notes", NULL, NULL, NULL);
		return -1;
	}
	s->notes = 1;
	s->notes_db = 1;
	/* Fresh reads of one event's entry (notes_entry_now). */
	s->npath = xstrdup(path);
	s->ncorpus = xstrdup(corpus);
	return 0;
}

/*
 * Opens the connection of its own for one event's entry, the first time
 * one is read: most commands read none, and an open costs a read of the
 * file's schema. If it cannot be had, reads go through temp.unote.
 */
static void
notes_own_open(struct store *s)
{
	if (sqlite3_open_v2(s->npath, &s->ndb, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(s->ndb, "SELECT marked, note FROM"
	    " entry WHERE corpus = ?1 AND event = ?2", -1, &s->nget, NULL) ==
	    SQLITE_OK)
		sqlite3_busy_timeout(s->ndb, 2000);
	else {
		sqlite3_close(s->ndb);
		s->ndb = NULL;
	}
	free(s->npath);
	s->npath = NULL;
}

void
store_notes_close(struct store *s)
{
	sqlite3_finalize(s->nget);
	sqlite3_close(s->ndb);
	free(s->npath);
	free(s->ncorpus);
	s->nget = NULL;
	s->ndb = NULL;
	s->npath = NULL;
	s->ncorpus = NULL;
}

/*
 * One event's entry as it is now: from the connection of its own if
 * there is one, else through temp.unote. Returns the statement stepped to
 * its row (SQLITE_ROW in *rc), for the caller to read and reset.
 */
static sqlite3_stmt *
notes_entry_now(struct store *s, const char *event, int *rc)
{
	sqlite3_stmt	*st;

	if (s->npath != NULL)
		notes_own_open(s);
	if (s->nget != NULL) {
		st = s->nget;
		sqlite3_bind_text(st, 1, s->ncorpus, -1, SQLITE_STATIC);
	} else {
		store_notes_ensure(s);
		st = store_stmt(s, "SELECT marked, note FROM unote WHERE"
		    " ?1 IS NULL AND event = ?2");
		sqlite3_bind_null(st, 1);
	}
	sqlite3_bind_text(st, 2, event, -1, SQLITE_TRANSIENT);
	*rc = sqlite3_step(st);
	return st;
}

/* Marked or noted events; orphans last, by the date they last had. */
#define NOTES_LIVE "SELECT n.event, e.date, e.title, n.marked, n.note," \
	" n.updated, 0, e.rid FROM unote n JOIN event e ON e.id = n.event" \
	" WHERE n.marked OR n.note IS NOT NULL ORDER BY e.rid"
#define NOTES_ORPHANS "SELECT n.event, n.date, NULL, n.marked, n.note," \
	" n.updated, 1, row_number() OVER (ORDER BY n.date, n.event)" \
	" FROM unote n WHERE (n.marked OR n.note IS NOT NULL)" \
	" AND NOT EXISTS (SELECT 1 FROM event WHERE id = n.event)" \
	" ORDER BY n.date, n.event"

int64_t
store_notes_list(struct store *s, int orphans,
    void (*fn)(const struct store_note *, void *), void *arg, char **err)
{
	struct store_note	 n;
	sqlite3_stmt		*st;
	int64_t			 count = 0;
	int			 rc;

	*err = NULL;
	store_notes_ensure(s);
	st = store_stmt(s, orphans ? NOTES_ORPHANS : NOTES_LIVE);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n.event = (const char *)sqlite3_column_text(st, 0);
		n.date = (const char *)sqlite3_column_text(st, 1);
		n.title = (const char *)sqlite3_column_text(st, 2);
		n.marked = sqlite3_column_int(st, 3);
		n.note = (const char *)sqlite3_column_text(st, 4);
		n.updated = (const char *)sqlite3_column_text(st, 5);
		n.orphan = sqlite3_column_int(st, 6);
		fn(&n, arg);
		count++;
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("cannot read the notes: %s",
		    sqlite3_errmsg(s->db));
		count = -1;
	}
	sqlite3_reset(st);
	return count;
}

/* Each entry as JSON: the keys are a contract (README). */
#define NOTES_JSON(sql) "WITH t(c0, c1, c2, c3, c4, c5, c6, c7) AS (" sql \
	") SELECT json_object('event', c0, 'date', c1, 'title', c2," \
	" 'marked', json(CASE WHEN c3 THEN 'true' ELSE 'false' END)," \
	" 'note', c4, 'updated', c5, 'orphan', json(CASE WHEN c6 THEN 'true'" \
	" ELSE 'false' END)) FROM t ORDER BY c7"

int
store_json_notes(struct store *s, int orphans, FILE *out, char **err)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	int		 rc;

	*err = NULL;
	store_notes_ensure(s);
	st = store_stmt(s, orphans ? NOTES_JSON(NOTES_ORPHANS) :
	    NOTES_JSON(NOTES_LIVE));
	fputc('[', out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs(n++ == 0 ? "\n  " : ",\n  ", out);
		fputs((const char *)sqlite3_column_text(st, 0), out);
	}
	fputs(n == 0 ? "]\n" : "\n]\n", out);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("cannot read the notes: %s",
		    sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

void
store_search_marked(struct store *s, int on)
{
	store_notes_ensure(s);
	s->hits_marked = on != 0;
}

/*
 * Indexes the user's notes into a new temporary table, with the same
 * tokenizer as the content's index so that a query matches the same words
 * in both; made again for each search (notes change under a running
 * reader, and are few). The last but one is dropped if no statement still
 * reads it. Returns the table's name (caller frees), or NULL if no note
 * has words or on failure.
 */
static char *
notes_index(struct store *s)
{
	sqlite3_stmt	*st;
	char		*name, *sql;
	int		 rc, any;

	store_notes_ensure(s);
	/* Marks alone have no words: no table to make (1.4M instructions). */
	st = store_stmt(s, "SELECT EXISTS (SELECT 1 FROM unote WHERE note IS"
	    " NOT NULL)");
	any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!any)
		return NULL;
	if (s->nnotes > 0) {
		sql = xasprintf("DROP TABLE IF EXISTS temp.nfts%d",
		    s->nnotes - 1);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		free(sql);
	}
	name = xasprintf("nfts%d", s->nnotes++);
	sql = xasprintf("CREATE VIRTUAL TABLE temp.%s USING fts5(event"
	    " UNINDEXED, note, tokenize = 'porter unicode61 remove_diacritics"
	    " 2'); INSERT INTO temp.%s(event, note) SELECT n.event, n.note"
	    " FROM unote n JOIN event e ON e.id = n.event WHERE n.note IS NOT"
	    " NULL", name, name);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		free(name);
		return NULL;
	}
	return name;
}

char *
store_notes_match(struct store *s, const char *match)
{
	sqlite3_stmt	*st;
	char		*name, *sql;
	int		 n = 0;

	if ((name = notes_index(s)) == NULL)
		return NULL;
	sql = xasprintf("SELECT count(*) FROM %s WHERE %s MATCH ?1", name,
	    name);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	free(sql);
	if (n == 0) {
		free(name);
		return NULL;
	}
	return name;
}

sqlite3_stmt *
store_notes_hits(struct store *s, const char *match, int64_t limit, int json)
{
	sqlite3_stmt	*st;
	char		*sql, *name;

	if ((name = store_notes_match(s, match)) == NULL)
		return NULL;
	sql = xasprintf("WITH h(id, date, title, kind, snip, rank) AS (SELECT"
	    " e.id, e.date, e.title, 'note', snippet(%s, 1, '" TEXT_MARK_ON
	    "', '" TEXT_MARK_OFF "', '…', 16), bm25(%s) FROM %s JOIN event"
	    " e ON e.id = %s.event WHERE %s MATCH ?1%s ORDER BY rank, e.rid"
	    " LIMIT ?2) SELECT %s FROM h", name, name, name, name, name,
	    s->hits_marked ? " AND " STORE_MARKED("e.id") : "", json ?
	    STORE_JSON_HIT_OBJECT : "id, date, title, kind, snip, rank");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	free(sql);
	free(name);
	if (st != NULL) {
		sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	}
	return st;
}

int
store_note_get(struct store *s, const char *event, int *marked, char **note)
{
	sqlite3_stmt	*st;
	int		 rc;

	*marked = 0;
	*note = NULL;
	st = notes_entry_now(s, event, &rc);
	if (rc == SQLITE_ROW) {
		*marked = sqlite3_column_int(st, 0);
		*note = store_col_dup(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

void
store_rows_notes(struct store *s, struct store_row *rows, int n)
{
	sqlite3_stmt	*st;
	int		 i, rc;

	for (i = 0; i < n; i++) {
		rows[i].marked = rows[i].noted = 0;
		st = notes_entry_now(s, rows[i].id, &rc);
		if (rc == SQLITE_ROW) {
			rows[i].marked = sqlite3_column_int(st, 0);
			rows[i].noted = sqlite3_column_type(st, 1) !=
			    SQLITE_NULL;
		}
		sqlite3_reset(st);
	}
}

/*
 * The next marked event after (dir > 0) or before (dir < 0) position pos
 * of view v, without wrapping: marked events are few, so they lead, each
 * looked up in the view.
 */
int64_t
store_view_next_marked(struct store_view *v, int64_t pos, int dir)
{
	sqlite3_stmt	*st;
	int64_t		 found = 0, from, to;
	char		*sql;

	store_notes_ensure(v->s);
	if (v->table == NULL) {
		/* By key, between here and the range's end (keys follow the
		 * timeline), then the one found's position. */
		if (store_view_span(v, pos, dir, &from, &to) == -1)
			return 0;
		st = store_stmt(v->s, dir > 0 ? "SELECT min(e.rid) FROM unote n"
		    " JOIN event e ON e.id = n.event WHERE n.marked AND"
		    " e.rid > ?1 AND e.rid <= ?2" : "SELECT max(e.rid) FROM"
		    " unote n JOIN event e ON e.id = n.event WHERE n.marked AND"
		    " e.rid < ?1 AND e.rid >= ?2");
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		if (sqlite3_step(st) == SQLITE_ROW)
			found = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return found == 0 ? 0 : store_pos_of(v->s, found) - v->base + 1;
	}
	/* A walked view: the whole of it first (bounded by its index). */
	store_view_fill(v, -1, 0);
	sql = xasprintf("SELECT %s(v.pos) FROM %s v JOIN event e ON e.rid ="
	    " v.rid WHERE v.pos %s ?1 AND " STORE_MARKED("e.id"),
	    dir > 0 ? "min" : "max", v->table, dir > 0 ? ">" : "<");
	if (sqlite3_prepare_v2(v->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(v->s->db), sql);
	free(sql);
	sqlite3_bind_int64(st, 1, pos);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return found;
}
