/*
 * store-read.c: reads of one event's details, of actors, and of search hits
 * for the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "store-int.h"
#include "text.h"

/* Reads an actor row (columns as in STORE_ACTOR_COLS) into a. */
#define STORE_ACTOR_COLS "a.id, a.name, a.short, a.kind, a.role," \
	" a.affiliation, (SELECT name FROM actor b WHERE b.id =" \
	" a.affiliation), a.nevents, a.aid"

static void
actor_fill(struct store *s, struct store_actor *a, sqlite3_stmt *st)
{
	sqlite3_stmt	*al;
	int		 cap = 0;

	memset(a, 0, sizeof *a);
	a->id = store_col_dup(st, 0);
	a->name = store_col_dup(st, 1);
	a->short_name = store_col_dup(st, 2);
	a->kind = store_col_dup(st, 3);
	a->role = store_col_dup(st, 4);
	a->affiliation = store_col_dup(st, 5);
	a->affiliation_name = store_col_dup(st, 6);
	a->events = sqlite3_column_int64(st, 7);
	al = store_stmt(s, "SELECT alias FROM alias WHERE aid = ?1"
	    " ORDER BY ord");
	sqlite3_bind_int64(al, 1, sqlite3_column_int64(st, 8));
	while (sqlite3_step(al) == SQLITE_ROW) {
		if (a->naliases == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			a->aliases = xreallocarray(a->aliases, (size_t)cap,
			    sizeof *a->aliases);
		}
		a->aliases[a->naliases++] = store_col_dup(al, 0);
	}
	sqlite3_reset(al);
}

void
store_actors_clear(struct store_actor *a, int n)
{
	int	i, j;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].name);
		free(a[i].short_name);
		free(a[i].kind);
		free(a[i].role);
		free(a[i].affiliation);
		free(a[i].affiliation_name);
		for (j = 0; j < a[i].naliases; j++)
			free(a[i].aliases[j]);
		free(a[i].aliases);
		memset(&a[i], 0, sizeof a[i]);
	}
}

/*
 * Reads the event st (bound, not yet stepped) yields with all it links to,
 * its terms marked by marker (NULL: none, and it stays the caller's); seq
 * is its timeline position, or 0 to work it out.
 */
static struct store_detail *
detail_read(struct store *s, sqlite3_stmt *st,
    struct store_highlighter *marker, int64_t seq)
{
	struct store_detail	*d;
	sqlite3_stmt		*q;
	int			 cap;

	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->id = store_col_dup(st, 1);
	store_col_copy(st, 2, d->date, sizeof d->date);
	store_col_copy(st, 3, d->time, sizeof d->time);
	d->approximate = sqlite3_column_int(st, 4);
	d->title = store_col_dup(st, 5);
	d->summary = store_col_dup(st, 6);
	d->file = store_col_dup(st, 7);
	d->line = sqlite3_column_int(st, 8);
	d->rid = sqlite3_column_int64(st, 9);
	sqlite3_reset(st);
	d->seq = seq > 0 ? seq : store_pos_of(s, d->rid);

	store_highlight_text(marker, &d->title);
	store_highlight_text(marker, &d->summary);

	q = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM event_actor ea"
	    " JOIN actor a ON a.id = ea.actor WHERE ea.rid = ?1"
	    " ORDER BY ea.ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->nactors++) {
		if (d->nactors == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->actors = xreallocarray(d->actors, (size_t)cap,
			    sizeof *d->actors);
		}
		/* actor_fill uses another cached statement: q stays valid. */
		actor_fill(s, &d->actors[d->nactors], q);
	}
	sqlite3_reset(q);

	q = store_stmt(s, "SELECT tag FROM event_tag WHERE rid = ?1"
	    " ORDER BY ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->ntags++) {
		if (d->ntags == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->tags = xreallocarray(d->tags, (size_t)cap,
			    sizeof *d->tags);
		}
		d->tags[d->ntags] = store_col_dup(q, 0);
	}
	sqlite3_reset(q);

	q = store_stmt(s, "SELECT x.source, s.title, s.publisher, s.url,"
	    " s.published, x.quote, x.note, x.line FROM excerpt x"
	    " JOIN source s"
	    " ON s.id = x.source WHERE x.rid = ?1 ORDER BY x.ord");
	sqlite3_bind_int64(q, 1, d->rid);
	for (cap = 0; sqlite3_step(q) == SQLITE_ROW; d->nexcerpts++) {
		struct store_excerpt	*x;

		if (d->nexcerpts == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			d->excerpts = xreallocarray(d->excerpts, (size_t)cap,
			    sizeof *d->excerpts);
		}
		x = &d->excerpts[d->nexcerpts];
		x->source = store_col_dup(q, 0);
		x->source_title = store_col_dup(q, 1);
		x->publisher = store_col_dup(q, 2);
		x->url = store_col_dup(q, 3);
		x->published = store_col_dup(q, 4);
		x->quote = store_col_dup(q, 5);
		x->note = store_col_dup(q, 6);
		x->line = sqlite3_column_int(q, 7);
		store_highlight_text(marker, &x->quote);
		store_highlight_text(marker, &x->note);
	}
	sqlite3_reset(q);
	return d;
}

/* A highlighter for query as the user typed it, or NULL (caller frees). */
static struct store_highlighter *
detail_marker(struct store *s, const char *query)
{
	struct store_highlighter	*marker = NULL;
	char				*match, *err = NULL;

	if (query != NULL && (match = query_translate(query, &err)) != NULL) {
		marker = store_highlighter_new(s->db, match);
		free(match);
	}
	free(err);
	return marker;
}

#define STORE_DETAIL_SQL "SELECT 0, e.id, e.date, e.time," \
	" e.approximate, e.title, e.summary, f.path, e.line, e.rid" \
	" FROM event e" \
	" LEFT JOIN file f ON f.fid = e.fid"

struct store_detail *
store_detail_get(struct store *s, int64_t seq, const char *query)
{
	struct store_highlighter	*marker = detail_marker(s, query);
	struct store_detail		*d;
	sqlite3_stmt			*st;

	st = store_stmt(s, STORE_DETAIL_SQL " WHERE e.rid = ?1");
	sqlite3_bind_int64(st, 1, store_pos_key(s, seq));
	d = detail_read(s, st, marker, seq);
	store_highlighter_free(marker);
	return d;
}

/* The reader's read: the view's highlighter, made once with the view. */
struct store_detail *
store_detail_in_view(struct store_view *v, int64_t seq)
{
	sqlite3_stmt	*st;

	st = store_stmt(v->s, STORE_DETAIL_SQL " WHERE e.rid = ?1");
	sqlite3_bind_int64(st, 1, store_pos_key(v->s, seq));
	return detail_read(v->s, st, v->marker, seq);
}

struct store_detail *
store_detail_by_id(struct store *s, const char *id, const char *query)
{
	struct store_highlighter	*marker = detail_marker(s, query);
	struct store_detail		*d;
	sqlite3_stmt			*st;

	st = store_stmt(s, STORE_DETAIL_SQL " WHERE e.id = ?1");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	d = detail_read(s, st, marker, 0);
	store_highlighter_free(marker);
	return d;
}

struct store_detail *
store_detail_row(struct store *s, const struct store_row *r,
    const char *query)
{
	struct store_highlighter	*marker = detail_marker(s, query);
	struct store_detail		*d;
	sqlite3_stmt			*st;

	st = store_stmt(s, STORE_DETAIL_SQL " WHERE e.rid = ?1");
	sqlite3_bind_int64(st, 1, r->rid);
	d = detail_read(s, st, marker, r->seq);
	store_highlighter_free(marker);
	return d;
}

void
store_detail_free(struct store_detail *d)
{
	int	i;

	if (d == NULL)
		return;
	free(d->id);
	free(d->title);
	free(d->summary);
	free(d->file);
	store_actors_clear(d->actors, d->nactors);
	free(d->actors);
	for (i = 0; i < d->ntags; i++)
		free(d->tags[i]);
	free(d->tags);
	for (i = 0; i < d->nexcerpts; i++) {
		free(d->excerpts[i].source);
		free(d->excerpts[i].source_title);
		free(d->excerpts[i].publisher);
		free(d->excerpts[i].url);
		free(d->excerpts[i].published);
		free(d->excerpts[i].quote);
		free(d->excerpts[i].note);
	}
	free(d->excerpts);
	free(d);
}

/*
 * dossier_fold(x): x in lower case in every script (text_casefold), for
 * the actor filters below; SQLite's own lower() folds only ASCII.
 */
static void
read_fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*x;

	(void)argc;
	if ((x = sqlite3_value_text(argv[0])) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, text_casefold((const char *)x), -1, free);
}

void
store_read_init(sqlite3 *db)
{
	sqlite3_create_function_v2(db, "dossier_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, read_fold_sql, NULL,
	    NULL, NULL);
}

/* The actor filter: id, name or an alias contains ?1, in any case. */
#define STORE_ACTOR_MATCH "(?1 IS NULL OR instr(dossier_fold(a.id)," \
	" dossier_fold(?1)) OR instr(dossier_fold(a.name), dossier_fold(?1))" \
	" OR EXISTS (SELECT 1 FROM alias l WHERE l.aid = a.aid AND" \
	" instr(dossier_fold(l.alias), dossier_fold(?1))))"

/*
 * 1 when ?1 starts the id, the name, an alias or one of their words (after
 * a space or a hyphen), so that "pu" puts Putin before the Islamic
 * Republic; the list shows these first.
 */
#define STORE_ACTOR_WORD "(?1 IS NOT NULL AND (instr(' ' ||" \
	" replace(dossier_fold(a.id), '-', ' '), ' ' || dossier_fold(?1)) OR" \
	" instr(' ' || replace(dossier_fold(a.name), '-', ' '), ' ' ||" \
	" dossier_fold(?1)) OR EXISTS (SELECT 1 FROM alias l WHERE l.aid =" \
	" a.aid AND instr(' ' || replace(dossier_fold(l.alias), '-', ' '), ' '" \
	" || dossier_fold(?1)))))"

static void
bind_filter(sqlite3_stmt *st, const char *filter)
{
	if (filter != NULL && *filter != '\0')
		sqlite3_bind_text(st, 1, filter, -1, SQLITE_TRANSIENT);
}

int
store_actor_list(struct store *s, const char *filter, int64_t offset, int n,
    struct store_actor *out)
{
	sqlite3_stmt	*st;
	int		 got = 0;

	st = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM actor a WHERE "
	    STORE_ACTOR_MATCH " ORDER BY " STORE_ACTOR_WORD " DESC,"
	    " a.nevents DESC, a.name, a.id"
	    " LIMIT ?3 OFFSET ?2");
	bind_filter(st, filter);
	sqlite3_bind_int64(st, 2, offset);
	sqlite3_bind_int(st, 3, n);
	while (got < n && sqlite3_step(st) == SQLITE_ROW)
		actor_fill(s, &out[got++], st);
	sqlite3_reset(st);
	return got;
}

int64_t
store_actor_count(struct store *s, const char *filter)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	st = store_stmt(s, "SELECT count(*) FROM actor a WHERE "
	    STORE_ACTOR_MATCH);
	bind_filter(st, filter);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int
store_actor_get(struct store *s, const char *id, struct store_actor *out)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	st = store_stmt(s, "SELECT " STORE_ACTOR_COLS " FROM actor a"
	    " WHERE a.id = ?1");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		actor_fill(s, out, st);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

