/*
 * store-diff.c: what a reload of the content changed, event by event. A
 * digest is every event's own content (date, time, title, summary, actors,
 * tags, excerpts; not its line, which moves when lines above it do) as one
 * JSON object keyed by id, made by SQLite's JSON functions; the diff joins
 * a digest of before with the store now, in SQL.
 */
#include <stdlib.h>

#include "store.h"
#include "store-int.h"

/*
 * Each event's id and content. The '' || makes plain text of the JSON, so
 * that it compares as the string json_each gives back.
 */
#define DIFF_ROWS "SELECT e.id AS id, '' || json_array(e.date, e.time," \
	" e.approximate, e.title, e.summary," \
	" (SELECT json_group_array(actor) FROM (SELECT actor FROM" \
	"  event_actor WHERE rid = e.rid ORDER BY ord))," \
	" (SELECT json_group_array(tag) FROM (SELECT tag FROM event_tag" \
	"  WHERE rid = e.rid ORDER BY ord))," \
	" (SELECT json_group_array(json_array(source, quote, note)) FROM" \
	"  (SELECT source, quote, note FROM excerpt WHERE rid = e.rid" \
	"  ORDER BY ord))) AS d FROM event e"

char *
store_digest(struct store *s)
{
	sqlite3_stmt	*st;
	char		*out = NULL;

	st = store_stmt(s, "SELECT json_group_object(id, d) FROM ("
	    DIFF_ROWS ")");
	if (sqlite3_step(st) == SQLITE_ROW)
		out = store_col_dup(st, 0);
	sqlite3_reset(st);
	return out;
}

int
store_diff(struct store *s, const char *digest, int64_t *changed,
    int64_t *added, int64_t *removed)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	*changed = *added = *removed = 0;
	st = store_stmt(s, "WITH old(id, d) AS (SELECT key, value FROM"
	    " json_each(?1)), cur(id, d) AS (" DIFF_ROWS ")"
	    " SELECT (SELECT count(*) FROM cur JOIN old USING (id)"
	    "  WHERE cur.d IS NOT old.d),"
	    " (SELECT count(*) FROM cur WHERE id NOT IN (SELECT id FROM old)),"
	    " (SELECT count(*) FROM old WHERE id NOT IN (SELECT id FROM cur))");
	sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*changed = sqlite3_column_int64(st, 0);
		*added = sqlite3_column_int64(st, 1);
		*removed = sqlite3_column_int64(st, 2);
		rc = 0;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}
