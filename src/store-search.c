/*
 * store-search.c: a search's hits for the command line, best first, each
 * with a snippet (store-rank.c finds the best; FTS5 makes the snippets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

/*
 * The best limit hits of match by store-rank.c: returns their number with
 * *hits (caller frees), -1 with *err, or -2 if FTS5 must rank them.
 */
int
store_search_best(struct store *s, const char *match, int64_t limit,
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
	store_col_copy(st, 1, h->date, sizeof h->date);
	h->title = (const char *)sqlite3_column_text(st, 2);
	h->kind = (const char *)sqlite3_column_text(st, 3);
	h->kind = strcmp(h->kind, "event") == 0 ? "event" :
	    strcmp(h->kind, "note") == 0 ? "note" : "excerpt";
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
	store_notes_ensure(s);
	/* Marked only: FTS5 ranks what passes (store-notes.c). */
	if ((nbest = s->hits_marked ? -2 : store_search_best(s, match, limit,
	    &best, err)) == -1) {
		free(match);
		return -1;
	}
	rows = store_rank_rows_match(s->db, match);
	/* The user's own notes first (store-notes.c). */
	if ((st = store_notes_hits(s, match, limit, 0)) != NULL) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			search_hit(st, &h);
			fn(&h, arg);
			n++;
		}
		sqlite3_finalize(st);
	}
	if (nbest >= 0) {
		st = store_stmt(s, STORE_HIT_SQL);
		sqlite3_bind_text(st, 1, rows, -1, SQLITE_TRANSIENT);
		for (i = 0; i < nbest && rc == SQLITE_DONE && (limit <= 0 ||
		    n < limit); i++) {
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
		sqlite3_bind_int64(st, 2, limit <= 0 ? -1 : limit > n ?
		    limit - n : 0);
		sqlite3_bind_text(st, 4, match, -1, SQLITE_TRANSIENT);
		if (s->hits_marked)
			sqlite3_bind_int(st, 5, 1);
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

