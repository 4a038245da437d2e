/*
 * fuzz-query.c: libFuzzer target for the search-query translation. Every
 * translation that is accepted must run in FTS5 without an error: that is
 * the promise that nothing typed reaches FTS5 as syntax.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static sqlite3		*fuzz_db;
static sqlite3_stmt	*fuzz_st;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*in, *q, *err = NULL;
	int	 rc;

	if (fuzz_db == NULL) {
		if (sqlite3_open(":memory:", &fuzz_db) != SQLITE_OK ||
		    sqlite3_exec(fuzz_db, "CREATE VIRTUAL TABLE t USING"
		    " fts5(a, b, tokenize = 'porter unicode61"
		    " remove_diacritics 2'); INSERT INTO t VALUES"
		    " ('Putin offers to mediate', 'Bushehr S-400 oil');",
		    NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(fuzz_db, "SELECT count(*) FROM t WHERE"
		    " t MATCH ?", -1, &fuzz_st, NULL) != SQLITE_OK)
			abort();
	}
	in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	q = query_translate(in, &err);
	if ((q == NULL) == (err == NULL))
		abort();
	if (q != NULL) {
		sqlite3_reset(fuzz_st);
		sqlite3_bind_text(fuzz_st, 1, q, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(fuzz_st);
		if (rc != SQLITE_ROW)
			abort();
	}
	free(q);
	free(err);
	free(in);
	return 0;
}
