/*
 * store-source.c: one source as a reader of it needs it: what it is, the
 * events that quote it in timeline order, and, where the content gives
 * the source's text, that text with the place of every quoted passage.
 *
 * A quote is found in the text as `dossier check` finds it: both folded
 * (text_fold: runs of white space, typographic quotes and dashes), then
 * mapped back to the text as written, so the passage shown is the one
 * the check accepted.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store-int.h"
#include "text.h"

/* Reads a whole file; returns it (caller frees) or NULL with errno. */
static char *
source_read(const char *path)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;
	int		 e;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		e = errno != 0 ? errno : EIO;
		fclose(f);
		buf_free(&b);
		errno = e;
		return NULL;
	}
	fclose(f);
	buf_adds(&b, "");	/* an empty file is "" too */
	return buf_detach(&b);
}

/* The text file's path: as written if absolute, else beside its YAML. */
static char *
source_text_path(const char *yaml, const char *rel)
{
	char	*dir, *path;

	if (rel[0] == '/')
		return xstrdup(rel);
	dir = xstrdup(yaml);
	path = xasprintf("%s/%s", dirname(dir), rel);
	free(dir);
	return path;
}

/* Orders passages by where they start, then by timeline. */
static int
source_passage_cmp(const void *a, const void *b)
{
	const struct store_passage	*p = a, *q = b;

	if (p->start != q->start)
		return p->start < q->start ? -1 : 1;
	return p->quoter < q->quoter ? -1 : p->quoter > q->quoter;
}

/* Finds every quote of s in its text and fills s->passages. */
static void
source_locate(struct store_source *s)
{
	size_t	*map, fs, fe, last;
	char	*folded, *q, *at;
	int32_t	 cp;
	int	 i, n;

	folded = text_fold_map(s->text, &map);
	s->passages = xcalloc((size_t)s->nquoters + 1, sizeof *s->passages);
	for (i = 0; i < s->nquoters; i++) {
		q = text_fold(s->quoters[i].quote);
		if (*q != '\0' && (at = strstr(folded, q)) != NULL) {
			fs = (size_t)(at - folded);
			fe = fs + strlen(q);
			last = map[fe - 1];
			n = text_decode(s->text + last, strlen(s->text + last),
			    &cp);
			s->passages[s->npassages].start = map[fs];
			s->passages[s->npassages].end = last + (size_t)n;
			s->passages[s->npassages].quoter = i;
			s->npassages++;
		}
		free(q);
	}
	qsort(s->passages, (size_t)s->npassages, sizeof *s->passages,
	    source_passage_cmp);
	free(map);
	free(folded);
}

/* Reads the events quoting the source into s->quoters. */
static void
source_quoters(struct store *st, struct store_source *s)
{
	struct store_pos_walk	 pw = { 0, 0 };
	sqlite3_stmt		*q;
	int			 cap = 0;

	q = store_stmt(st, "SELECT e.rid, e.id, e.date, e.title, x.ord,"
	    " x.quote, x.note, f.path, x.line FROM excerpt x JOIN event e ON"
	    " e.rid = x.rid LEFT JOIN file f ON f.fid = x.fid WHERE"
	    " x.source = ?1 ORDER BY x.rid, x.ord");
	sqlite3_bind_text(q, 1, s->id, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct store_quoter	*w;

		if (s->nquoters == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			s->quoters = xreallocarray(s->quoters, (size_t)cap,
			    sizeof *s->quoters);
		}
		w = &s->quoters[s->nquoters++];
		/* In key order: each counted on from the last. */
		w->seq = store_pos_next(st, &pw, sqlite3_column_int64(q, 0));
		w->event = store_col_dup(q, 1);
		store_col_copy(q, 2, w->date, sizeof w->date);
		w->title = store_col_dup(q, 3);
		w->ord = sqlite3_column_int(q, 4);
		w->quote = store_col_dup(q, 5);
		w->note = store_col_dup(q, 6);
		w->file = store_col_dup(q, 7);
		w->line = sqlite3_column_int(q, 8);
	}
	sqlite3_reset(q);
}

struct store_source *
store_source_get(struct store *st, const char *id, int with_text,
    char **err)
{
	struct store_source	*s;
	sqlite3_stmt		*q;
	const char		*yaml, *rel;

	*err = NULL;
	q = store_stmt(st, "SELECT s.id, s.title, s.publisher, s.url,"
	    " s.published, s.text, f.path FROM source s LEFT JOIN file f ON"
	    " f.fid = s.fid WHERE s.id = ?1");
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_reset(q);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->id = store_col_dup(q, 0);
	s->title = store_col_dup(q, 1);
	s->publisher = store_col_dup(q, 2);
	s->url = store_col_dup(q, 3);
	s->published = store_col_dup(q, 4);
	rel = (const char *)sqlite3_column_text(q, 5);
	yaml = (const char *)sqlite3_column_text(q, 6);
	if (rel != NULL && yaml != NULL)
		s->text_path = source_text_path(yaml, rel);
	sqlite3_reset(q);
	source_quoters(st, s);
	if (with_text && s->text_path != NULL) {
		if ((s->text = source_read(s->text_path)) == NULL)
			*err = xasprintf("cannot read %s: %s", s->text_path,
			    strerror(errno));
		else
			source_locate(s);
	}
	return s;
}

void
store_source_free(struct store_source *s)
{
	int	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nquoters; i++) {
		free(s->quoters[i].event);
		free(s->quoters[i].title);
		free(s->quoters[i].quote);
		free(s->quoters[i].note);
		free(s->quoters[i].file);
	}
	free(s->quoters);
	free(s->passages);
	free(s->id);
	free(s->title);
	free(s->publisher);
	free(s->url);
	free(s->published);
	free(s->text_path);
	free(s->text);
	free(s);
}

/* The sources of the corpus, by id: their ids (caller frees each and v). */
int
store_source_ids(struct store *st, char ***out)
{
	sqlite3_stmt	*q;
	int		 n = 0, cap = 0;

	*out = NULL;
	q = store_stmt(st, "SELECT id FROM source ORDER BY id");
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
		}
		(*out)[n++] = store_col_dup(q, 0);
	}
	sqlite3_reset(q);
	return n;
}

int
store_json_source(struct store *st, const char *id, const char *text,
    FILE *out, char **err)
{
	sqlite3_stmt	*q;
	int		 rc;

	*err = NULL;
	q = store_stmt(st, "SELECT json_object('id', s.id, 'title', s.title,"
	    " 'publisher', s.publisher, 'published', s.published, 'url',"
	    " s.url, 'text_file', s.text, 'events', (SELECT"
	    " json_group_array(json_object('id', id, 'date', date, 'title',"
	    " title, 'quote', quote, 'note', note)) FROM (SELECT e.id, e.date,"
	    " e.title, x.quote, x.note FROM excerpt x JOIN event e ON e.rid ="
	    " x.rid WHERE x.source = s.id ORDER BY x.rid, x.ord)), 'text', ?2)"
	    " FROM source s WHERE s.id = ?1");
	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	if (text != NULL)
		sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		fprintf(out, "%s\n", (const char *)sqlite3_column_text(q, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 1;
	else {
		*err = xasprintf("reading source '%s': %s", id,
		    sqlite3_errmsg(sqlite3_db_handle(q)));
		rc = -1;
	}
	sqlite3_reset(q);
	return rc;
}
