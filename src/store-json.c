/*
 * store-json.c: the command line's JSON output, made by SQLite's JSON
 * functions from the store's tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

/*
 * Writes the rows of st, one JSON value a row in column 0, as elements
 * of an array that has n already (the '[' written). Returns SQLite's code.
 */
static int
json_rows_out(sqlite3_stmt *st, FILE *out, int64_t *n)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fputs((*n)++ == 0 ? "\n  " : ",\n  ", out);
		fputs((const char *)sqlite3_column_text(st, 0), out);
	}
	return rc;
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
	rc = json_rows_out(st, out, &n);
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
	" WHERE rid = e.rid ORDER BY ord)), 'marked', json(CASE WHEN " \
	STORE_MARKED("e.id") " THEN 'true' ELSE 'false' END), 'note', " \
	STORE_NOTE("e.id")

int
store_json_list(struct store *s, const struct store_filter *f, int64_t limit,
    FILE *out, char **err)
{
	struct store_view	*v;
	sqlite3_stmt		*st;
	char			*sql;
	int64_t			 n;

	*err = NULL;
	store_notes_ensure(s);
	if ((v = store_view_new(s, f, err)) == NULL)
		return -1;
	store_view_fill(v, limit > 0 ? limit : -1, 0);
	/* A range of the timeline: from the key of its first event on. */
	if (v->table == NULL)
		sql = xasprintf("SELECT " STORE_JSON_EVENT ") FROM event e"
		    " WHERE e.rid >= ?1 ORDER BY e.rid LIMIT ?2");
	else
		sql = xasprintf("SELECT " STORE_JSON_EVENT ") FROM %s v JOIN"
		    " event e ON e.rid = v.rid WHERE v.pos >= ?1 AND"
		    " v.pos < ?1 + ?2 ORDER BY v.pos", v->table);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(s->db), sql);
	free(sql);
	sqlite3_bind_int64(st, 1, v->table != NULL ? 1 : v->count == 0 ?
	    INT64_MAX : store_pos_key(s, v->base));
	sqlite3_bind_int64(st, 2, limit > 0 && limit < v->count ? limit :
	    v->count);
	n = json_array_out(s, st, out, err);
	sqlite3_finalize(st);
	store_view_free(v);
	return n < 0 ? -1 : 0;
}

/*
 * Writes the JSON object obj as list's arrays are written: a member a
 * line, indented by two spaces, each value as compact as SQLite makes it.
 */
static void
json_object_out(struct store *s, const char *obj, FILE *out)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	st = store_stmt(s, "SELECT json_quote(key), ?1 -> fullkey FROM"
	    " json_each(?1)");
	sqlite3_bind_text(st, 1, obj, -1, SQLITE_TRANSIENT);
	fputc('{', out);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(out, "%s%s:%s", n++ == 0 ? "\n  " : ",\n  ",
		    (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
	fputs(n == 0 ? "}\n" : "\n}\n", out);
	sqlite3_reset(st);
}

int
store_json_show(struct store *s, const char *id, FILE *out, char **err)
{
	sqlite3_stmt	*st;
	char		*obj;
	int		 rc;

	*err = NULL;
	store_notes_ensure(s);
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
		obj = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		json_object_out(s, obj, out);
		free(obj);
		return 0;
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
	sql ") SELECT " STORE_JSON_HIT_OBJECT " FROM h"

int
store_json_search(struct store *s, const char *query, int64_t limit,
    FILE *out, int64_t *nhits, char **err)
{
	struct store_rank_hit	*best;
	sqlite3_stmt		*st;
	char			*match, *rows;
	int			 nbest, i, rc = SQLITE_ROW;

	*err = NULL;
	store_notes_ensure(s);
	*nhits = 0;
	if ((match = query_translate(query, err)) == NULL)
		return -1;
	if ((nbest = s->hits_marked ? -2 : store_search_best(s, match, limit,
	    &best, err)) == -1) {
		free(match);
		return -1;
	}
	rows = store_search_rows(s->db, match);
	store_search_reason(s, match);
	fputc('[', out);
	/* The user's own notes first (store-notes.c). */
	if ((st = store_notes_hits(s, match, limit, 1)) != NULL) {
		json_rows_out(st, out, nhits);
		sqlite3_finalize(st);
	}
	if (nbest < 0) {
		st = store_stmt(s, STORE_JSON_HIT(STORE_SEARCH_SQL));
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, limit <= 0 ? -1 : limit > *nhits ?
		    limit - *nhits : 0);
		sqlite3_bind_text(st, 4, match, -1, SQLITE_TRANSIENT);
		if (s->hits_marked)
			sqlite3_bind_int(st, 5, 1);
		free(match);
		free(rows);
		rc = json_rows_out(st, out, nhits);
		fputs(*nhits == 0 ? "]\n" : "\n]\n", out);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			*err = xasprintf("query failed: %s",
			    sqlite3_errmsg(s->db));
			*nhits = -1;
			return -1;
		}
		return 0;
	}
	/* As json_array_out writes it, a hit a statement. */
	st = store_stmt(s, STORE_JSON_HIT(STORE_HIT_SQL));
	sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
	for (i = 0; i < nbest && rc == SQLITE_ROW && (limit <= 0 ||
	    *nhits < limit); i++) {
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


static int
json_search_filter(struct store *s, const struct store_filter *f,
    int64_t limit, FILE *out, int64_t *nhits, char **err)
{
	sqlite3_stmt	*st;
	char		*match, *rows, *hits, *sql;

	if (!store_search_filtered(f))
		return store_json_search(s, f->query, limit, out, nhits, err);
	if ((match = query_translate(f->query, err)) == NULL)
		return -1;
	store_notes_ensure(s);	/* the hits' marked and note */
	rows = store_search_rows(s->db, match);
	store_search_reason(s, match);
	hits = store_search_filter_sql(f);
	sql = xasprintf(STORE_JSON_HIT("%s"), hits);
	free(hits);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("store: %s: %s", sqlite3_errmsg(s->db), sql);
	free(sql);
	store_search_filter_bind(st, f, match, rows, limit);
	*nhits = json_array_out(s, st, out, err);
	sqlite3_finalize(st);
	free(rows);
	free(match);
	return *nhits < 0 ? -1 : 0;
}

int
store_json_search_filter(struct store *s, const struct store_filter *f,
    int64_t limit, FILE *out, int64_t *nhits, char **err)
{
	int	own, rc;

	*err = NULL;
	*nhits = 0;
	/*
	 * One read throughout, as store_search takes: the hits ranked and
	 * the rows written from one store, and one lock for every step.
	 */
	own = sqlite3_get_autocommit(s->db) && sqlite3_exec(s->db, "BEGIN",
	    NULL, NULL, NULL) == SQLITE_OK;
	rc = json_search_filter(s, f, limit, out, nhits, err);
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}
