/*
 * store-fts.c: what the store's modules share about FTS5: its extension
 * API, the index's own tokenizer, and the phrases of a query in the form
 * query_translate writes.
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

fts5_api *
store_fts5(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int
store_tokenizer_open(sqlite3 *db, struct store_tokenizer *t)
{
	/* As in the index: tokenize = 'porter unicode61 remove_diacritics 2'. */
	static const char	*args[] = { "unicode61", "remove_diacritics",
				    "2" };
	fts5_api		*api;
	void			*ctx;

	memset(t, 0, sizeof *t);
	if ((api = store_fts5(db)) == NULL ||
	    api->xFindTokenizer(api, "porter", &ctx, &t->api) != SQLITE_OK ||
	    t->api.xCreate(ctx, args, 3, &t->tok) != SQLITE_OK) {
		t->tok = NULL;
		return -1;
	}
	return 0;
}

void
store_tokenizer_close(struct store_tokenizer *t)
{
	if (t->tok != NULL)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

int
store_phrases(const char *match, struct store_phrase **out)
{
	struct store_phrase	*v = NULL;
	struct buf		 b;
	const char		*p = match;
	int			 n = 0;

	/* "phrase" or "prefix"*, space-separated, '"' doubled inside. */
	buf_init(&b);
	while (*p != '\0') {
		if (*p++ != '"')
			continue;
		buf_reset(&b);
		for (; *p != '\0'; p++) {
			if (*p == '"' && p[1] == '"')
				p++;
			else if (*p == '"')
				break;
			buf_addc(&b, *p);
		}
		if (*p == '"')
			p++;
		v = xreallocarray(v, (size_t)n + 1, sizeof *v);
		v[n].text = xstrdup(buf_str(&b));
		v[n].prefix = *p == '*';
		n++;
	}
	buf_free(&b);
	*out = v;
	return n;
}

void
store_phrases_free(struct store_phrase *v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}
