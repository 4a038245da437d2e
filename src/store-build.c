/*
 * store-build.c: builds and updates the store from content files, in one
 * transaction. Only the files whose size or modification time changed are
 * read again: their actors and sources go, their events are staged as the
 * loader reads them, then SQL checks what needs the whole corpus (unique
 * ids, references, including references from unchanged files to ids that
 * went) and reports it with the positions saved alongside. Only when there
 * is no error are the staged events numbered and indexed. A full build is
 * the same update of an empty store.
 *
 * Design note: an event has a row id (rid), which links and the full-text
 * index use, that is a sparse key in timeline order (store-int.h). Its
 * dense place in the timeline ("12 of 48"), which the reader's windows
 * use, is not stored in the row: store-pos.c works it out from the counts
 * of events by day (store-counts.c) and the date index. An update
 * (store-build-update.c) keeps the old events a changed file still holds
 * as they were, with their keys and index rows; the others go, and the
 * new ones get keys within the day-and-time groups they join. No other
 * event row is written: an event added or removed moves the running
 * counts of the days after it, a few thousand narrow rows.
 */
#include <sys/time.h>

#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "store.h"
#include "store-int.h"
#include "text.h"

static const char build_schema[] =
	"PRAGMA application_id = " STORE_XSTR(STORE_APPLICATION_ID) ";"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
	"CREATE TABLE file(fid INTEGER PRIMARY KEY, path TEXT NOT NULL,"
	"  rel TEXT NOT NULL, size INT, mtime INT);"
	"CREATE TABLE actor(aid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	"  name TEXT NOT NULL, short TEXT NOT NULL, kind TEXT NOT NULL,"
	"  role TEXT, affiliation TEXT, nevents INT NOT NULL DEFAULT 0,"
	"  fid INT, line INT, col INT, aff_line INT, aff_col INT);"
	"CREATE TABLE alias(aid INT NOT NULL, ord INT NOT NULL,"
	"  alias TEXT NOT NULL, PRIMARY KEY(aid, ord)) WITHOUT ROWID;"
	"CREATE TABLE source(sid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	"  title TEXT NOT NULL, publisher TEXT, url TEXT, published TEXT,"
	"  text TEXT, fid INT, line INT, col INT, text_line INT,"
	"  text_col INT, note TEXT);"
	/* The corpus's title and description: at most one row. */
	"CREATE TABLE corpus(title TEXT NOT NULL, description TEXT,"
	"  fid INT, line INT, col INT);"
	"CREATE TABLE event(rid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	"  date TEXT NOT NULL, time TEXT, approximate INT NOT NULL,"
	"  title TEXT NOT NULL, summary TEXT, actors TEXT NOT NULL DEFAULT '',"
	"  names TEXT,"
	"  fid INT, line INT, col INT, hash INT, place INT);"
	"CREATE TABLE event_actor(rid INT NOT NULL, ord INT NOT NULL,"
	"  actor TEXT NOT NULL, PRIMARY KEY(rid, ord)) WITHOUT ROWID;"
	"CREATE TABLE event_tag(rid INT NOT NULL, ord INT NOT NULL,"
	"  tag TEXT NOT NULL, PRIMARY KEY(rid, ord)) WITHOUT ROWID;"
	"CREATE TABLE excerpt(xid INTEGER PRIMARY KEY, rid INT NOT NULL,"
	"  ord INT NOT NULL, source TEXT NOT NULL, quote TEXT NOT NULL,"
	"  note TEXT, fid INT, line INT, col INT);"
	/*
	 * The index keeps no copy of the text: its rows are events by rid and
	 * excerpts by xid (rid + 1 + ord), read from their tables through
	 * this view. An event's actors column is its actors' names and
	 * aliases (event.names), kept as indexed so that FTS5 can delete it.
	 * A title weighs most.
	 */
	"CREATE VIEW fts_text(r, title, body, note, actors) AS"
	"  SELECT rid, title, summary, NULL, names FROM event UNION ALL"
	"  SELECT xid, NULL, quote, note, NULL FROM excerpt;"
	"CREATE VIRTUAL TABLE fts USING fts5(title, body, note, actors,"
	"  content = 'fts_text', content_rowid = 'r',"
	"  tokenize = 'porter unicode61 remove_diacritics 2');"
	"INSERT INTO fts(fts, rank) VALUES ('rank',"
	"  'bm25(" STORE_XSTR(STORE_WEIGHTS) ")');"
	/* What bounds a search's scores, by span of days (store-stat.c). */
	"CREATE TABLE bound_span(span INTEGER PRIMARY KEY, rows INT NOT NULL,"
	"  tokens INT NOT NULL, refmin REAL NOT NULL, refmax REAL NOT NULL);"
	"CREATE TABLE bound_term(span INT NOT NULL, term TEXT NOT NULL,"
	"  days BLOB NOT NULL, PRIMARY KEY(span, term)) WITHOUT ROWID;";

/* What an update works with; gone when the connection closes. */
static const char build_temp[] =
	/* Events and their links are staged until they can be numbered. */
	"CREATE TEMP TABLE ev_in(rin INTEGER PRIMARY KEY, id TEXT, date TEXT,"
	"  time TEXT, approximate INT, title TEXT, summary TEXT, fid INT,"
	"  line INT, col INT, hash INT, place INT);"
	"CREATE TEMP TABLE ea_in(rin INT, ord INT, actor TEXT, line INT,"
	"  col INT);"
	"CREATE TEMP TABLE et_in(rin INT, ord INT, tag TEXT);"
	"CREATE TEMP TABLE ex_in(rin INT, ord INT, source TEXT, quote TEXT,"
	"  note TEXT, line INT, col INT, sline INT, scol INT, qline INT,"
	"  qcol INT, PRIMARY KEY(rin, ord)) WITHOUT ROWID;"
	/* Files read again, and actor and source ids they defined before. */
	"CREATE TEMP TABLE chg(fid INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE chg_actor(id TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TEMP TABLE gone_source(id TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TEMP TABLE emap(rin INTEGER PRIMARY KEY, rid INT);"
	/* Old events whose key changed (build_keys). */
	"CREATE TEMP TABLE moved(old INTEGER PRIMARY KEY, rid INT);"
	/* Spans of days whose bounds are made again whole (none in a build),
	 * and days whose index rows an update changed. */
	"CREATE TEMP TABLE tspan(span INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE tday(day INTEGER PRIMARY KEY);"
	/* Old events of changed files, those kept (store-build-update.c),
	 * and the change in actors' numbers of events. */
	"CREATE TEMP TABLE gone_event(rid INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE same(rin INTEGER PRIMARY KEY, rid INT, pos INT);"
	"CREATE TEMP TABLE adelta(actor TEXT, n INT);"
	"CREATE INDEX temp.adelta_actor ON adelta(actor);"
	"CREATE INDEX temp.ev_in_id ON ev_in(id);"
	/* The staged rows are copied in key order, without a sort. */
	"CREATE UNIQUE INDEX temp.emap_rid ON emap(rid, rin);"
	"CREATE INDEX temp.ea_in_rin ON ea_in(rin, actor);";

static const char build_temp_drop[] =
	"DROP TABLE IF EXISTS temp.ev_in; DROP TABLE IF EXISTS temp.ea_in;"
	"DROP TABLE IF EXISTS temp.et_in; DROP TABLE IF EXISTS temp.ex_in;"
	"DROP TABLE IF EXISTS temp.chg; DROP TABLE IF EXISTS temp.chg_actor;"
	"DROP TABLE IF EXISTS temp.gone_source; DROP TABLE IF EXISTS temp.emap;"
	"DROP TABLE IF EXISTS temp.anames;"
	"DROP TABLE IF EXISTS temp.knum; DROP TABLE IF EXISTS temp.moved;"
	"DROP TABLE IF EXISTS temp.touched; DROP TABLE IF EXISTS temp.xtouched;"
	"DROP TABLE IF EXISTS temp.tspan; DROP TABLE IF EXISTS temp.gone_event;"
	"DROP TABLE IF EXISTS temp.same; DROP TABLE IF EXISTS temp.adelta;"
	"DROP TABLE IF EXISTS temp.tday;";

/* Indexes of the big tables: a full build makes them after the inserts. */
static const char build_indexes[] =
	"CREATE UNIQUE INDEX IF NOT EXISTS event_id ON event(id);"
	/* Its entries end with rid: a day's events in timeline order. */
	"CREATE INDEX IF NOT EXISTS event_date ON event(date);"
	"CREATE INDEX IF NOT EXISTS event_fid ON event(fid);"
	"CREATE INDEX IF NOT EXISTS event_actor_actor ON event_actor(actor, rid);"
	"CREATE INDEX IF NOT EXISTS event_tag_tag ON event_tag(tag, rid);"
	"CREATE INDEX IF NOT EXISTS excerpt_rid ON excerpt(rid, ord);"
	"CREATE INDEX IF NOT EXISTS excerpt_source ON excerpt(source);";

/* Statements of the sink, prepared once per build. */
enum {
	INS_ACTOR, INS_ALIAS, INS_SOURCE, INS_EVENT, INS_EA, INS_ET, INS_EX,
	INS_CORPUS, INS_N
};

static const char *build_ins_sql[INS_N] = {
	"INSERT INTO actor(id, name, short, kind, role, affiliation, fid,"
	"  line, col, aff_line, aff_col) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO alias(aid, ord, alias) VALUES (?,?,?)",
	"INSERT INTO source(id, title, publisher, url, published, text, fid,"
	"  line, col, text_line, text_col, note)"
	"  VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO ev_in(id, date, time, approximate, title, summary, fid,"
	"  line, col, hash, place) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO ea_in(rin, ord, actor, line, col) VALUES (?,?,?,?,?)",
	"INSERT INTO et_in(rin, ord, tag) VALUES (?,?,?)",
	"INSERT INTO ex_in(rin, ord, source, quote, note, line, col, sline,"
	"  scol, qline, qcol) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO corpus(title, description, fid, line, col)"
	"  VALUES (?,?,?,?,?)",
};

struct build {
	sqlite3			*db;
	sqlite3_stmt		*ins[INS_N];
	struct content_file	*files;
	int			 nfiles;
	int			*fids;	/* file id of each of files */
	struct store_build_check chk;	/* the checks and their messages */
	struct diag_list	*diags;
	char			*err;
	struct store_counts	 n;	/* valid records read */
	/* progress */
	const struct store_progress *progress;	/* or NULL */
	double			 start;
	const char		*step;	/* what SQLite is doing, or NULL */
	struct store_stat	*stat;	/* a full build's bounds, or NULL */
	int			 empty;	/* no event was left before the insert */
	int64_t			 aid0;	/* actors after it are the files' own */
	int64_t			 dev, dex;	/* events, excerpts gone: < 0 */
	double			 step_start;
	double			 shown_at;
	int			 nparse;	/* files to read */
	int			 parsed;	/* begun so far */
};

static double
build_now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/*
 * Tells the caller's progress function how the build goes: files read so
 * far, then the step of the SQL that follows (with its seconds, kept up by
 * build_tick while a long statement runs). Showing it is the caller's.
 */
static void
build_progress(struct build *b, int file)
{
	struct store_progress_info	 i;
	double				 now;

	if (b->progress == NULL)
		return;
	now = build_now();
	memset(&i, 0, sizeof i);
	i.files_done = file;
	i.files = b->nfiles;
	i.events = b->n.events;
	i.step = b->step;
	i.step_seconds = b->step != NULL ? now - b->step_start : 0;
	i.seconds = now - b->start;
	b->progress->fn(&i, b->progress->arg);
	b->shown_at = now;
}

/* Starts a step of the SQL phase (what: "numbering events", ...). */
static void
build_step_show(struct build *b, const char *what)
{
	b->step = what;
	b->step_start = build_now();
	build_progress(b, b->nfiles);
}

/* SQLite's progress handler: the seconds of the step tick on. */
static int
build_tick(void *arg)
{
	struct build	*b = arg;

	if (b->step != NULL && build_now() - b->shown_at >= 0.5)
		build_progress(b, b->nfiles);
	return 0;
}

/* The last word to the progress function: the build is over. */
static void
build_progress_end(struct build *b)
{
	struct store_progress_info	i;

	if (b->progress == NULL)
		return;
	memset(&i, 0, sizeof i);
	i.files_done = i.files = b->nfiles;
	i.events = b->n.events;
	i.seconds = build_now() - b->start;
	i.finished = 1;
	b->progress->fn(&i, b->progress->arg);
}

int
store_build_sqlerr(sqlite3 *db, char **err, const char *what)
{
	if (*err == NULL)
		*err = xasprintf("%s: %s", what, sqlite3_errmsg(db));
	return -1;
}

static int
build_sqlerr(struct build *b, const char *what)
{
	return store_build_sqlerr(b->db, &b->err, what);
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static int
build_step(struct build *b, sqlite3_stmt *st)
{
	int	rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return build_sqlerr(b, "saving content");
	return 0;
}

/* A name of at most this many columns is its own short label. */
#define BUILD_SHORT_COLS	12

/*
 * Whether alias is a short form of name: its initials ("IAEA" for
 * International Atomic Energy Agency, "USA" or "U.S." for United States of
 * America, with or without the small words), or one of its words ("Duma"
 * for State Duma). A capital or another place ("Doha" for Qatar) is
 * neither, so it never becomes the label.
 */
static int
build_short_form(const char *alias, const char *name)
{
	char		 all[64], caps[64];
	const char	*p, *w;
	size_t		 na = 0, nc = 0, len = strlen(alias), i, k = 0;
	char		 a[64];

	for (i = 0; i < len && k + 1 < sizeof a; i++) {
		if (alias[i] != '.')
			a[k++] = alias[i];
	}
	a[k] = '\0';
	if (k < 2)
		return 0;
	for (p = name; *p != '\0'; ) {
		while (*p == ' ' || *p == '-')
			p++;
		if (*p == '\0')
			break;
		w = p;
		while (*p != '\0' && *p != ' ' && *p != '-')
			p++;
		/* A word of the name, whole. */
		if ((size_t)(p - w) == len && strncmp(w, alias, len) == 0)
			return 1;
		if (na + 1 < sizeof all)
			all[na++] = *w;
		if (*w >= 'A' && *w <= 'Z' && nc + 1 < sizeof caps)
			caps[nc++] = *w;
	}
	all[na] = '\0';
	caps[nc] = '\0';
	return strcasecmp(a, all) == 0 || strcmp(a, caps) == 0;
}

/*
 * The short label shown in timeline rows: the actor's "short:" if given;
 * else a person's last name (the last word of the name); else the name
 * when it is short enough; else the shortest alias that is a short form
 * of the name (build_short_form); else the name. Returns a newly
 * allocated string.
 */
static char *
build_short(const struct content_actor *a)
{
	const char	*best = NULL, *sp;
	int		 i;

	if (a->shortname != NULL)	/* the content's own label wins */
		return xstrdup(a->shortname);
	if (strcmp(a->kind, "person") == 0) {
		sp = strrchr(a->name, ' ');
		return xstrdup(sp != NULL && sp[1] != '\0' ? sp + 1 : a->name);
	}
	if (text_width(a->name) <= BUILD_SHORT_COLS)
		return xstrdup(a->name);
	for (i = 0; i < a->aliases.n; i++) {
		if (build_short_form(a->aliases.v[i], a->name) &&
		    (best == NULL || strlen(a->aliases.v[i]) < strlen(best)))
			best = a->aliases.v[i];
	}
	return xstrdup(best != NULL ? best : a->name);
}

static int
sink_actor(void *arg, int file, const struct content_actor *a)
{
	struct build	*b = arg;
	sqlite3_stmt	*st = b->ins[INS_ACTOR];
	char		*sh;
	int64_t		 aid;
	int		 i;

	sh = build_short(a);
	bind_text(st, 1, a->id);
	bind_text(st, 2, a->name);
	bind_text(st, 3, sh);
	bind_text(st, 4, a->kind);
	bind_text(st, 5, a->role);
	bind_text(st, 6, a->affiliation);
	sqlite3_bind_int(st, 7, file);
	sqlite3_bind_int(st, 8, a->pos.line);
	sqlite3_bind_int(st, 9, a->pos.col);
	sqlite3_bind_int(st, 10, a->aff_pos.line);
	sqlite3_bind_int(st, 11, a->aff_pos.col);
	free(sh);
	if (build_step(b, st) == -1)
		return -1;
	b->n.actors++;
	aid = sqlite3_last_insert_rowid(b->db);
	st = b->ins[INS_ALIAS];
	for (i = 0; i < a->aliases.n; i++) {
		sqlite3_bind_int64(st, 1, aid);
		sqlite3_bind_int(st, 2, i);
		bind_text(st, 3, a->aliases.v[i]);
		if (build_step(b, st) == -1)
			return -1;
	}
	return 0;
}

static int
sink_source(void *arg, int file, const struct content_source *s)
{
	struct build	*b = arg;
	sqlite3_stmt	*st = b->ins[INS_SOURCE];

	bind_text(st, 1, s->id);
	bind_text(st, 2, s->title);
	bind_text(st, 3, s->publisher);
	bind_text(st, 4, s->url);
	bind_text(st, 5, s->published);
	bind_text(st, 6, s->text);
	sqlite3_bind_int(st, 7, file);
	sqlite3_bind_int(st, 8, s->pos.line);
	sqlite3_bind_int(st, 9, s->pos.col);
	sqlite3_bind_int(st, 10, s->text_pos.line);
	sqlite3_bind_int(st, 11, s->text_pos.col);
	bind_text(st, 12, s->note);
	b->n.sources++;
	return build_step(b, st);
}

static int
sink_event(void *arg, int file, const struct content_event *e)
{
	struct build			*b = arg;
	sqlite3_stmt			*st = b->ins[INS_EVENT];
	const struct content_excerpt	*x;
	int64_t				 rin;
	int				 i;

	bind_text(st, 1, e->id);
	bind_text(st, 2, e->date);
	bind_text(st, 3, e->time[0] != '\0' ? e->time : NULL);
	sqlite3_bind_int(st, 4, e->approximate);
	bind_text(st, 5, e->title);
	bind_text(st, 6, e->summary);
	sqlite3_bind_int(st, 7, file);
	sqlite3_bind_int(st, 8, e->pos.line);
	sqlite3_bind_int(st, 9, e->pos.col);
	store_update_hash(st, 10, e);
	if (build_step(b, st) == -1)
		return -1;
	rin = sqlite3_last_insert_rowid(b->db);
	st = b->ins[INS_EA];
	for (i = 0; i < e->actors.n; i++) {
		sqlite3_bind_int64(st, 1, rin);
		sqlite3_bind_int(st, 2, i);
		bind_text(st, 3, e->actors.v[i]);
		sqlite3_bind_int(st, 4, e->actors.pos[i].line);
		sqlite3_bind_int(st, 5, e->actors.pos[i].col);
		if (build_step(b, st) == -1)
			return -1;
	}
	st = b->ins[INS_ET];
	for (i = 0; i < e->tags.n; i++) {
		sqlite3_bind_int64(st, 1, rin);
		sqlite3_bind_int(st, 2, i);
		bind_text(st, 3, e->tags.v[i]);
		if (build_step(b, st) == -1)
			return -1;
	}
	st = b->ins[INS_EX];
	for (i = 0; i < e->nexcerpts; i++) {
		x = &e->excerpts[i];
		sqlite3_bind_int64(st, 1, rin);
		sqlite3_bind_int(st, 2, i);
		bind_text(st, 3, x->source);
		bind_text(st, 4, x->quote);
		bind_text(st, 5, x->note);
		sqlite3_bind_int(st, 6, x->pos.line);
		sqlite3_bind_int(st, 7, x->pos.col);
		sqlite3_bind_int(st, 8, x->source_pos.line);
		sqlite3_bind_int(st, 9, x->source_pos.col);
		sqlite3_bind_int(st, 10, x->quote_pos.line);
		sqlite3_bind_int(st, 11, x->quote_pos.col);
		if (build_step(b, st) == -1)
			return -1;
	}
	b->n.events++;
	b->n.excerpts += e->nexcerpts;
	if ((b->n.events & 4095) == 0)
		build_progress(b, file);
	return 0;
}

/*
 * Saves the corpus section; a second one, in any file, is an error at it
 * that names the first.
 */
static int
sink_corpus(void *arg, int file, const struct content_corpus *c)
{
	struct build	*b = arg;
	sqlite3_stmt	*st;
	int		 fid, line, col;

	if (sqlite3_prepare_v2(b->db, "SELECT fid, line, col FROM corpus"
	    " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return build_sqlerr(b, "saving content");
	if (sqlite3_step(st) == SQLITE_ROW) {
		fid = sqlite3_column_int(st, 0);
		line = sqlite3_column_int(st, 1);
		col = sqlite3_column_int(st, 2);
		sqlite3_finalize(st);
		diag_add(b->diags, DIAG_ERROR, store_build_check_path(&b->chk, file), c->pos.line,
		    c->pos.col, "a second 'corpus:' section (the first is at"
		    " %s:%d:%d; a corpus has at most one)", store_build_check_path(&b->chk, fid),
		    line, col);
		return 0;
	}
	sqlite3_finalize(st);
	st = b->ins[INS_CORPUS];
	bind_text(st, 1, c->title);
	bind_text(st, 2, c->description);
	sqlite3_bind_int(st, 3, file);
	sqlite3_bind_int(st, 4, c->pos.line);
	sqlite3_bind_int(st, 5, c->pos.col);
	return build_step(b, st);
}

/* Progress: the records of the files[i] begin (store_parse_next). */
static void
build_file_begins(void *arg, int i)
{
	struct build	*b = arg;

	(void)i;
	build_progress(b, b->parsed++ * b->nfiles /
	    (b->nparse ? b->nparse : 1));
}

/*
 * Reads the files whose parse[i] is set into sink: on a thread of their
 * own (store-build-parse.c) while this one saves their records, else
 * here. Returns 0, or -1 with b->err.
 */
static int
build_parse(struct build *b, const struct content_sink *sink,
    const int *parse)
{
	struct store_parse	*p;
	int			 i, rc;

	if (b->nparse > 0 && (p = store_parse_begin(b->files, b->fids,
	    parse, b->nfiles, b->diags)) != NULL) {
		while ((rc = store_parse_next(p, sink, build_file_begins,
		    b->diags)) == 1)
			;
		store_parse_end(p);
		return rc == -1 || b->err != NULL ? -1 : 0;
	}
	for (i = 0; i < b->nfiles && !diag_full(b->diags); i++) {
		if (!parse[i])
			continue;
		build_file_begins(b, i);
		content_parse(b->files[i].path, b->fids[i], sink, b->diags);
		if (b->err != NULL)
			return -1;
	}
	return 0;
}

int
store_build_exec(sqlite3 *db, char **err, const char *sql, const char *what)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_build_sqlerr(db, err, what);
	return 0;
}

int
store_build_run(sqlite3 *db, char **err, const char *sql, const int64_t *v,
    int n)
{
	sqlite3_stmt	*st;
	int		 i, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_build_sqlerr(db, err, "updating the store");
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_build_sqlerr(db, err, "updating the store");
	return 0;
}

int64_t
store_build_int(sqlite3 *db, char **err, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_build_sqlerr(db, err, "updating the store");
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
build_exec(struct build *b, const char *sql, const char *what)
{
	return store_build_exec(b->db, &b->err, sql, what);
}

static int
build_run(struct build *b, const char *sql, const int64_t *v, int n)
{
	return store_build_run(b->db, &b->err, sql, v, n);
}

static int64_t
build_int(struct build *b, const char *sql)
{
	return store_build_int(b->db, &b->err, sql);
}

/*
 * Compares the files found with those the store was built from: each found
 * file gets its id in b->fids, and *parse[i] says whether it must be read
 * (new or changed). Changed and vanished files go into chg. Returns the
 * number of files to read, or -1.
 */
static int
build_sync_files(struct build *b, int *parse)
{
	sqlite3_stmt	*find, *ins, *upd;
	int64_t		 next;
	int		 i, n = 0, rc = -1;

	if (build_exec(b, "CREATE TEMP TABLE seen(fid INTEGER PRIMARY KEY)",
	    "updating the store") == -1)
		return -1;
	if ((next = build_int(b, "SELECT coalesce(max(fid), -1) + 1 FROM"
	    " file")) == -1)
		return -1;
	find = ins = upd = NULL;
	if (sqlite3_prepare_v2(b->db, "SELECT fid, size = ?2 AND mtime = ?3"
	    " FROM file WHERE rel = ?1", -1, &find, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "INSERT INTO file(fid, path, rel, size,"
	    " mtime) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "UPDATE file SET path = ?2, size = ?4,"
	    " mtime = ?5 WHERE fid = ?1; ", -1, &upd, NULL) != SQLITE_OK) {
		build_sqlerr(b, "updating the store");
		goto out;
	}
	for (i = 0; i < b->nfiles; i++) {
		struct content_file	*f = &b->files[i];
		sqlite3_stmt		*st = ins;
		int64_t			 fid = next;

		sqlite3_bind_text(find, 1, f->rel, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(find, 2, (int64_t)f->size);
		sqlite3_bind_int64(find, 3, f->mtime_ns);
		parse[i] = 1;
		if (sqlite3_step(find) == SQLITE_ROW) {
			fid = sqlite3_column_int64(find, 0);
			parse[i] = !sqlite3_column_int(find, 1);
			st = upd;
		} else
			next++;
		sqlite3_reset(find);
		b->fids[i] = (int)fid;
		if (build_run(b, "INSERT INTO seen VALUES (?1)", &fid, 1) == -1)
			goto out;
		if (!parse[i])
			continue;
		n++;
		if (st == upd &&
		    build_run(b, "INSERT INTO chg VALUES (?1)", &fid, 1) == -1)
			goto out;
		sqlite3_bind_int64(st, 1, fid);
		bind_text(st, 2, f->path);
		bind_text(st, 3, f->rel);
		sqlite3_bind_int64(st, 4, (int64_t)f->size);
		sqlite3_bind_int64(st, 5, f->mtime_ns);
		if (build_step(b, st) == -1)
			goto out;
	}
	/* Files that vanished count as changed; their rows go below. */
	if (build_exec(b, "INSERT INTO chg SELECT fid FROM file WHERE fid NOT"
	    " IN (SELECT fid FROM seen); DELETE FROM file WHERE fid NOT IN"
	    " (SELECT fid FROM seen); DROP TABLE temp.seen;",
	    "updating the store") == -1)
		goto out;
	rc = n;
out:
	sqlite3_finalize(find);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	return rc;
}

/*
 * Gives the staged events their keys (store-int.h). Each day-and-time group
 * that gains an event is numbered again by id, old and new events together;
 * an old event whose key changes is moved with its links, and its index
 * rows go (build_refresh writes them again). Only those groups are touched.
 * Returns 0, or -1 (an error in diags if a group has too many events).
 */
static int
build_keys(struct build *b)
{
	static const char sql[] =
	    "CREATE TEMP TABLE knum(old INT, rin INT, n INT, rid INT);"
	    "INSERT INTO knum WITH g AS (SELECT DISTINCT "
	    STORE_KEY_BASE("date", "time") " AS base FROM ev_in"
	    "  WHERE rin NOT IN (SELECT rin FROM same)),"
	    "  m AS (SELECT NULL AS old, rin, id, "
	    STORE_KEY_BASE("date", "time") " AS base FROM ev_in"
	    "  WHERE rin NOT IN (SELECT rin FROM same) UNION ALL"
	    "  SELECT e.rid, NULL, e.id, g.base FROM g JOIN event e"
	    "  ON e.rid >= g.base AND e.rid < g.base + (1 << 26))"
	    "  SELECT old, rin, n, base + ((n - 1) << 10) FROM (SELECT old, rin,"
	    "  base, row_number() OVER (PARTITION BY base ORDER BY id) AS n"
	    "  FROM m);"
	    "INSERT INTO emap SELECT rin, rid FROM knum WHERE rin IS NOT NULL"
	    "  ORDER BY rin;"
	    "INSERT INTO moved SELECT old, rid FROM knum"
	    "  WHERE old IS NOT NULL AND old <> rid;";
	/* Negative keys first: a move may land on a key another leaves. */
	static const char move[] =
	    "INSERT OR IGNORE INTO tday SELECT " STORE_DAY_OF("old")
	    "  FROM moved;"
	    "DELETE FROM fts WHERE rowid IN (SELECT old FROM moved UNION ALL"
	    "  SELECT xid FROM excerpt WHERE rid IN (SELECT old FROM moved));"
	    "UPDATE event SET rid = -rid WHERE rid IN (SELECT old FROM moved);"
	    "UPDATE event SET rid = (SELECT rid FROM moved"
	    "  WHERE old = -event.rid) WHERE rid < 0;"
	    "UPDATE event_actor SET rid = -rid"
	    "  WHERE rid IN (SELECT old FROM moved);"
	    "UPDATE event_actor SET rid = (SELECT rid FROM moved"
	    "  WHERE old = -event_actor.rid) WHERE rid < 0;"
	    "UPDATE event_tag SET rid = -rid"
	    "  WHERE rid IN (SELECT old FROM moved);"
	    "UPDATE event_tag SET rid = (SELECT rid FROM moved"
	    "  WHERE old = -event_tag.rid) WHERE rid < 0;"
	    "UPDATE excerpt SET xid = -xid WHERE rid IN (SELECT old FROM moved);"
	    "UPDATE excerpt SET rid = (SELECT rid FROM moved"
	    "  WHERE old = excerpt.rid), xid = (SELECT rid FROM moved"
	    "  WHERE old = excerpt.rid) + 1 + ord WHERE xid < 0;";
	sqlite3_stmt	*st;
	int64_t		 n;

	if (build_exec(b, sql, "indexing") == -1)
		return -1;
	if (sqlite3_prepare_v2(b->db, "SELECT coalesce(e.fid, v.fid),"
	    " coalesce(e.line, v.line), coalesce(e.col, v.col),"
	    " coalesce(e.date, v.date), coalesce(e.time, v.time)"
	    " FROM knum k LEFT JOIN ev_in e ON e.rin = k.rin"
	    " LEFT JOIN event v ON v.rid = k.old WHERE k.n > ?1 LIMIT 1", -1,
	    &st, NULL) != SQLITE_OK)
		return build_sqlerr(b, "indexing");
	sqlite3_bind_int(st, 1, STORE_GROUP_MAX);
	if (sqlite3_step(st) == SQLITE_ROW) {
		diag_add(b->diags, DIAG_ERROR,
		    store_build_check_path(&b->chk, sqlite3_column_int(st, 0)),
		    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
		    "more than %d events on %s%s%s", STORE_GROUP_MAX,
		    (const char *)sqlite3_column_text(st, 3),
		    sqlite3_column_type(st, 4) == SQLITE_NULL ? " without a time" :
		    " at ", sqlite3_column_type(st, 4) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(st, 4));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if ((n = build_int(b, "SELECT count(*) FROM moved")) == -1)
		return -1;
	return n > 0 ? build_exec(b, move, "indexing") : 0;
}

/*
 * SQL: what an event's actors column of the index holds, from the links
 * in table t whose column k is v: each actor's names and aliases, in the
 * event's order, once each (temp.anames has them).
 */
#define BUILD_NAMES(t, k, v) "(SELECT group_concat(names, '; ') FROM" \
	" (SELECT n.names FROM " t " a JOIN anames n ON n.id = a.actor" \
	" WHERE a." k " = " v " AND NOT EXISTS (SELECT 1 FROM " t " b" \
	" WHERE b." k " = a." k " AND b.actor = a.actor AND b.ord < a.ord)" \
	" ORDER BY a.ord))"

/*
 * SQL: an event's short actor labels as shown in its row (event.actors),
 * from the links in table t whose column k is v, in the event's order,
 * once each.
 */
#define BUILD_SHORTS(t, k, v) "coalesce((SELECT group_concat(short, ', ')" \
	" FROM (SELECT s.short FROM " t " a JOIN actor s ON s.id = a.actor" \
	" WHERE a." k " = " v " AND NOT EXISTS (SELECT 1 FROM " t " b" \
	" WHERE b." k " = a." k " AND b.actor = a.actor AND b.ord < a.ord)" \
	" ORDER BY a.ord)), '')"

/*
 * Moves the staged events into the store under their keys, with their
 * actors' labels and names, in key order (emap_rid): the event and excerpt
 * tables are written in order, without sorting their text first. Returns
 * 0 or -1.
 */
static int
build_insert(struct build *b)
{
	static const char sql[] =
	    "INSERT INTO event(rid, id, date, time, approximate, title,"
	    "  summary, actors, names, fid, line, col, hash, place)"
	    "  SELECT m.rid, e.id, e.date, e.time,"
	    "  e.approximate, e.title, e.summary, " BUILD_SHORTS("ea_in", "rin",
	    "e.rin") ", " BUILD_NAMES("ea_in", "rin", "e.rin") ","
	    "  e.fid, e.line, e.col, e.hash, e.place"
	    "  FROM emap m CROSS JOIN ev_in e ON e.rin = m.rin ORDER BY m.rid;"
	    "INSERT INTO event_actor(rid, ord, actor) SELECT m.rid, a.ord,"
	    "  a.actor FROM emap m CROSS JOIN ea_in a ON a.rin = m.rin WHERE NOT"
	    "  EXISTS (SELECT 1 FROM ea_in b WHERE b.rin = a.rin AND"
	    "  b.actor = a.actor AND b.ord < a.ord) ORDER BY m.rid, a.ord;"
	    "INSERT INTO event_tag(rid, ord, tag) SELECT m.rid, t.ord, t.tag"
	    "  FROM et_in t JOIN emap m ON m.rin = t.rin;"
	    "INSERT INTO excerpt(xid, rid, ord, source, quote, note, fid, line,"
	    "  col) SELECT m.rid + 1 + x.ord, m.rid, x.ord, x.source, x.quote,"
	    "  x.note, e.fid, x.line, x.col FROM emap m CROSS JOIN ex_in x"
	    "  ON x.rin = m.rin CROSS JOIN ev_in e ON e.rin = m.rin"
	    "  ORDER BY m.rid, x.ord;";
	if (build_keys(b) == -1)
		return -1;
	/* An actor's names and aliases, once, for the index. */
	if (build_exec(b, "CREATE TEMP TABLE anames(id TEXT PRIMARY KEY,"
	    " names TEXT);"
	    "INSERT OR IGNORE INTO anames SELECT a.id, a.name ||"
	    "  coalesce(' (' || (SELECT group_concat(alias, ', ') FROM alias"
	    "  WHERE aid = a.aid) || ')', '') FROM actor a;",
	    "updating the store") == -1)
		return -1;
	return build_exec(b, sql, "updating the store");
}

/*
 * Writes the index rows of the events in touched and the excerpts of the
 * events in xtouched, in ascending row order as FTS5 wants them (out of
 * order, it flushes tiny segments): each event, then its excerpts. A full
 * build hands each row to b->stat as well.
 */
static int
build_fts(struct build *b)
{
	sqlite3_stmt	*ev = NULL, *ex = NULL, *ins = NULL, *src;
	const char	*text[STORE_NCOLS];
	int64_t		 ke, kx;
	int		 len[STORE_NCOLS];
	int		 re, rx, rc = -1, i;

	if (sqlite3_prepare_v2(b->db, "SELECT e.rid, e.title, e.summary,"
	    " NULL, e.names FROM event e WHERE e.rid IN (SELECT rid FROM"
	    " touched) ORDER BY e.rid", -1, &ev, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "SELECT x.xid, NULL, x.quote, x.note,"
	    " NULL FROM excerpt x WHERE x.rid IN (SELECT rid FROM xtouched)"
	    " ORDER BY x.xid",
	    -1, &ex, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "INSERT INTO fts(rowid, title, body,"
	    " note, actors) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) !=
	    SQLITE_OK) {
		build_sqlerr(b, "indexing");
		goto out;
	}
	re = sqlite3_step(ev);
	rx = sqlite3_step(ex);
	while (re == SQLITE_ROW || rx == SQLITE_ROW) {
		ke = re == SQLITE_ROW ? sqlite3_column_int64(ev, 0) : INT64_MAX;
		kx = rx == SQLITE_ROW ? sqlite3_column_int64(ex, 0) : INT64_MAX;
		src = ke < kx ? ev : ex;
		for (i = 0; i < 5; i++)
			sqlite3_bind_value(ins, i + 1,
			    sqlite3_column_value(src, i));
		if (build_step(b, ins) == -1)
			goto out;
		if (b->stat != NULL) {
			for (i = 0; i < STORE_NCOLS; i++) {
				text[i] = (const char *)sqlite3_column_text(src,
				    i + 1);
				len[i] = sqlite3_column_bytes(src, i + 1);
			}
			store_stat_row(b->stat, src == ev ? ke : kx, text, len);
		}
		if (src == ev)
			re = sqlite3_step(ev);
		else
			rx = sqlite3_step(ex);
	}
	if (re != SQLITE_DONE || rx != SQLITE_DONE) {
		build_sqlerr(b, "indexing");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(ev);
	sqlite3_finalize(ex);
	sqlite3_finalize(ins);
	return rc;
}

/*
 * Refreshes what depends on actors: the short names shown in rows and the
 * names the index finds events by, for new events and for events linked to
 * actors whose files changed; then every actor's number of events, and the
 * index entries of new and moved events and their excerpts.
 */
static int
build_refresh(struct build *b)
{
	static const char pre[] =
	    "CREATE TEMP TABLE touched(rid INTEGER PRIMARY KEY);"
	    "INSERT OR IGNORE INTO touched SELECT rid FROM emap;"
	    "INSERT OR IGNORE INTO touched SELECT rid FROM moved;"
	    "INSERT OR IGNORE INTO touched SELECT rid FROM event_actor"
	    "  WHERE actor IN (SELECT id FROM chg_actor);"
	    "INSERT OR IGNORE INTO chg_actor SELECT id FROM actor"
	    "  WHERE fid IN (SELECT fid FROM chg);"
	    "INSERT OR IGNORE INTO touched SELECT rid FROM event_actor"
	    "  WHERE actor IN (SELECT id FROM actor WHERE fid IN"
	    "  (SELECT fid FROM chg));"
	    "CREATE TEMP TABLE xtouched(rid INTEGER PRIMARY KEY);"
	    "INSERT OR IGNORE INTO xtouched SELECT rid FROM emap;"
	    "INSERT OR IGNORE INTO xtouched SELECT rid FROM moved;"
	    "UPDATE event SET actors = coalesce((SELECT group_concat(short,"
	    "  ', ') FROM (SELECT a.short FROM event_actor ea JOIN actor a"
	    "  ON a.id = ea.actor WHERE ea.rid = event.rid ORDER BY ea.ord)),"
	    "  '') WHERE rid IN (SELECT rid FROM touched"
	    "  EXCEPT SELECT rid FROM emap);"
	    /*
	     * Index rows of new and moved events are gone already; FTS5
	     * deletes the others by the names they were indexed with, so
	     * those change only after.
	     */
	    "DELETE FROM fts WHERE rowid IN (SELECT rid FROM touched"
	    "  EXCEPT SELECT rid FROM xtouched);"
	    "UPDATE event SET names = " BUILD_NAMES("event_actor", "rid",
	    "event.rid") " WHERE rid IN (SELECT rid FROM touched"
	    "  EXCEPT SELECT rid FROM emap);";
	static const char post[] =
	    "INSERT OR IGNORE INTO tday SELECT " STORE_DAY_OF("rid")
	    "  FROM touched;"
	    "DROP TABLE temp.touched; DROP TABLE temp.xtouched;"
	    "DROP TABLE temp.anames;";

	if (build_exec(b, pre, "indexing") == -1 ||
	    store_update_nevents(b->db, b->empty, b->aid0, &b->err) == -1 ||
	    build_fts(b) == -1)
		return -1;
	return build_exec(b, post, "indexing");
}

/* Records what the store was built from. */
static int
build_meta(struct build *b, const char *fingerprint)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0, x = 0;
	char		 v[16];
	int		 rc;

	/*
	 * Counts too: the reader shows them at once, count(*) is a scan. An
	 * update moves the old counts by what went (store_update_diff) and came.
	 */
	if (!b->empty && ((n = build_int(b, "SELECT count(*) FROM emap")) ==
	    -1 || (x = build_int(b, "SELECT count(*) FROM ex_in"
	    " WHERE rin IN (SELECT rin FROM emap)")) == -1))
		return -1;
	if (sqlite3_prepare_v2(b->db, "INSERT OR REPLACE INTO meta(key, value)"
	    " VALUES ('schema', ?1), ('fingerprint', ?2), ('version', ?3),"
	    " ('events', CASE WHEN ?4 THEN (SELECT count(*) FROM event) ELSE"
	    " coalesce((SELECT value FROM meta WHERE key = 'events') + ?5,"
	    " (SELECT count(*) FROM event)) END),"
	    " ('actors', (SELECT count(*) FROM actor)),"
	    " ('sources', (SELECT count(*) FROM source)),"
	    " ('excerpts', CASE WHEN ?4 THEN (SELECT count(*) FROM excerpt) ELSE"
	    " coalesce((SELECT value FROM meta WHERE key = 'excerpts') + ?6,"
	    " (SELECT count(*) FROM excerpt)) END)",
	    -1, &st, NULL) != SQLITE_OK)
		return build_sqlerr(b, "indexing");
	sqlite3_bind_int(st, 4, b->empty);
	sqlite3_bind_int64(st, 5, n + b->dev);
	sqlite3_bind_int64(st, 6, x + b->dex);
	snprintf(v, sizeof v, "%d", STORE_SCHEMA_VERSION);
	sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, fingerprint, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, DOSSIER_VERSION, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : build_sqlerr(b, "indexing");
}

int
store_build(sqlite3 *db, struct content_file *files, int nfiles,
    const char *fingerprint, int flags,
    const struct store_progress *progress, struct diag_list *diags,
    struct store_counts *counts, char **err)
{
	struct content_sink	sink;
	struct build		b;
	int			i, rc = -1, fresh, empty, nparse;
	int			*parse;
	int64_t			v;

	memset(&b, 0, sizeof b);
	b.db = db;
	b.files = files;
	b.nfiles = nfiles;
	b.fids = xcalloc((size_t)nfiles + 1, sizeof *b.fids);
	parse = xcalloc((size_t)nfiles + 1, sizeof *parse);
	b.diags = diags;
	b.chk.db = db;
	b.chk.diags = diags;
	b.chk.err = &b.err;
	b.progress = progress;
	b.start = build_now();
	*err = NULL;

	/*
	 * A new store is a throwaway file until renamed: no journal. The
	 * staged rows go through the temp database, whose cache is its own
	 * (2 MB unless set, and set after temp_store, which reopens it): 32
	 * MB more made a 1M build 6% faster, its peak 172 MB to 209.
	 */
	fresh = build_int(&b, "SELECT count(*) = 0 FROM sqlite_master"
	    " WHERE name = 'meta'") == 1;
	if (build_exec(&b, fresh ? "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF;" : "PRAGMA synchronous = NORMAL;",
	    "opening the store") == -1 ||
	    build_exec(&b, "PRAGMA cache_size = -65536;"
	    "PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -32768;"
	    "BEGIN IMMEDIATE;", "opening the store") == -1)
		goto out;
	if (fresh && build_exec(&b, build_schema, "creating the store") == -1)
		goto out;
	if (build_exec(&b, build_temp_drop, "creating the store") == -1 ||
	    build_exec(&b, build_temp, "creating the store") == -1)
		goto out;
	if (store_counts_begin(db, fresh, &b.err) == -1)
		goto out;
	for (i = 0; i < INS_N; i++) {
		if (sqlite3_prepare_v2(db, build_ins_sql[i], -1, &b.ins[i],
		    NULL) != SQLITE_OK) {
			build_sqlerr(&b, "creating the store");
			goto out;
		}
	}
	if ((nparse = build_sync_files(&b, parse)) == -1 ||
	    store_update_remove(db, &b.err) == -1 || (b.aid0 = build_int(&b,
	    "SELECT coalesce(max(aid), 0) FROM actor")) == -1)
		goto out;
	sink.arg = &b;
	sink.actor = sink_actor;
	sink.source = sink_source;
	sink.event = sink_event;
	sink.corpus = sink_corpus;
	b.nparse = nparse;
	if (build_parse(&b, &sink, parse) == -1 ||
	    store_update_match(db, &b.err) == -1)
		goto out;
	if (!diag_full(diags) && store_build_check_ids(&b.chk) == -1)
		goto out;
	if ((flags & STORE_CHECK_QUOTES) && !diag_full(diags) &&
	    store_build_check_quotes(&b.chk) == -1)
		goto out;
	if (diags->errors > 0)
		goto out;

	if (b.progress != NULL)
		sqlite3_progress_handler(db, 100000, build_tick, &b);
	build_step_show(&b, "storing events");
	if (store_update_diff(db, &b.dev, &b.dex, &b.err) == -1)
		goto out;
	if ((v = build_int(&b, "SELECT NOT EXISTS (SELECT 1 FROM event)")) ==
	    -1)
		goto out;
	b.empty = empty = (int)v;
	if (build_insert(&b) == -1)
		goto out;
	build_step_show(&b, "indexing links");
	if (build_exec(&b, build_indexes, "indexing") == -1)
		goto out;
	build_step_show(&b, "full-text index");
	/*
	 * With no event left before the insert, every index row is written
	 * afresh and in order: the bounds are made as they stream past.
	 * Else only the spans of days that changed are made again.
	 */
	if (empty) {
		if (build_exec(&b, "DELETE FROM bound_span;"
		    "DELETE FROM bound_term;", "indexing") == -1)
			goto out;
		b.stat = store_stat_begin(db, 1);
	}
	/*
	 * A new store's index is merged into one segment at the end
	 * ('optimize' below): merging its segments as it fills would be
	 * work thrown away, and the fewer it has the less that merge does,
	 * so FTS5 holds 16 MB of terms (not 1) before it writes one. The
	 * settings go with the optimize.
	 */
	if (fresh && nparse > 0 && build_exec(&b, "INSERT INTO fts(fts, rank)"
	    " VALUES ('automerge', 0); INSERT INTO fts(fts, rank)"
	    " VALUES ('hashsize', 16777216)", "indexing") == -1)
		goto out;
	if (build_refresh(&b) == -1)
		goto out;
	rc = store_stat_end(b.stat, &b.err);
	b.stat = NULL;
	if (rc == -1)
		goto out;
	rc = -1;
	if (!empty) {
		build_step_show(&b, "search bounds");
		if (store_stat_redo(db, &b.err) == -1)
			goto out;
	}
	if (store_counts_end(db, fresh, &b.err) == -1)
		goto out;
	if (build_meta(&b, fingerprint) == -1)
		goto out;
	build_step_show(&b, "optimising the index");
	if (nparse > 0 && fresh &&
	    build_exec(&b, "INSERT INTO fts(fts) VALUES ('optimize');"
	    "DELETE FROM fts_config WHERE k IN ('automerge', 'hashsize')",
	    "indexing") == -1)
		goto out;
	build_step_show(&b, "saving");
	if (build_exec(&b, "COMMIT", "saving the store") == -1)
		goto out;
	rc = 0;
out:
	if (b.stat != NULL)
		store_stat_end(b.stat, NULL);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	build_progress_end(&b);
	if (counts != NULL)
		*counts = b.n;
	for (i = 0; i < INS_N; i++)
		sqlite3_finalize(b.ins[i]);
	store_build_check_free(&b.chk);
	if (rc == -1)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	/*
	 * A new store in a file is closed by the caller next, which drops
	 * the temporary tables at no cost; dropping them here is a walk
	 * over every staged page (store_build_file).
	 */
	if (!fresh || rc == -1 || *sqlite3_db_filename(db, "main") == '\0')
		sqlite3_exec(db, build_temp_drop, NULL, NULL, NULL);
	free(b.fids);
	free(parse);
	*err = b.err;
	return rc;
}
