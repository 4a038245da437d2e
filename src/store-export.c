/*
 * store-export.c: what the export reads from the store besides events:
 * the corpus's own title.
 */
#include <stdlib.h>

#include "store.h"
#include "store-int.h"

char *
store_export_title(struct store *s)
{
	sqlite3_stmt	*st;
	char		*t = NULL;

	st = store_stmt(s, "SELECT title FROM corpus LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW)
		t = store_col_dup(st, 0);
	sqlite3_reset(st);
	return t;
}
