/*
 * store-corpus.c: what the store says about the corpus as a whole, from
 * its top-level "corpus:" section (title and description).
 */
#include "store.h"
#include "store-int.h"

char *
store_corpus_title(struct store *s)
{
	sqlite3_stmt	*st;
	char		*title = NULL;

	st = store_stmt(s, "SELECT title FROM corpus WHERE title <> ''"
	    " LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW)
		title = store_col_dup(st, 0);
	sqlite3_reset(st);
	return title;
}
