/*
 * store-int.h: what store.c and store-build.c share, and nothing else does.
 */
#ifndef DOSSIER_STORE_INT_H
#define DOSSIER_STORE_INT_H

#include <sqlite3.h>

#include "content.h"
#include "diag.h"
#include "store.h"

/* Bump when the schema or what is stored changes: old caches rebuild. */
#define STORE_SCHEMA_VERSION	4

/*
 * Builds the store into db (empty) from the content files; counts, if not
 * NULL, gets the number of valid records read. Returns 0, or -1
 * if the content has errors (all in diags; db is left without a committed
 * corpus) or SQLite failed (*err set, caller frees).
 */
int	store_build(sqlite3 *db, struct content_file *files, int nfiles,
	    const char *fingerprint, int flags, struct diag_list *diags,
	    struct store_counts *counts, char **err);

#endif
