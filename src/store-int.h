/*
 * store-int.h: what the store's own files share, and nothing else does.
 */
#ifndef DOSSIER_STORE_INT_H
#define DOSSIER_STORE_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "content.h"
#include "diag.h"
#include "store.h"

/*
 * The store and its views, shared by the store's files (store.c opens,
 * store-view.c walks views, store-read.c reads, store-json.c prints).
 */
#define STORE_NSTMT	64

struct store {
	sqlite3		*db;
	sqlite3		*db2;		/* the ranking's second, or NULL */
	char		*path;		/* database file, or ":memory:" */
	int		 nviews;	/* for temporary table names */
	int		 notes;		/* temp.unote exists (store-notes.c) */
	int		 notes_db;	/* and reads an attached notes.db */
	/*
	 * The same notes.db on a connection of its own, for the reads of
	 * one event's mark and note: the store's connection may hold a read
	 * snapshot open while a view is walked, and these must see another
	 * dossier's last commit.
	 */
	sqlite3		*ndb;		/* opened at the first such read */
	sqlite3_stmt	*nget;		/* marked, note of corpus ?1, event ?2 */
	char		*npath;		/* the notes.db it opens, or NULL */
	char		*ncorpus;
	int		 hits_marked;	/* searches keep marked events only */
	int		 lazy_notes;	/* STORE_LAZY_NOTES */
	int		 nnotes;	/* notes indexes made (store-notes.c) */
	struct {
		const char	*sql;	/* the literal it was made from */
		sqlite3_stmt	*st;
	} stmt[STORE_NSTMT];
};

/*
 * A view without a table is a range of the timeline. A view with one in
 * date order fills it lazily: its events are walked in key order (keys
 * follow the timeline, store-int.h), from the index of the search, the
 * actor or the tag, a chunk at a time, as positions are asked for; the
 * reader fills the rest while it waits for keys. A view in rank order is
 * filled when made.
 */
struct store_view {
	struct store	*s;
	char		*table;		/* temp table (pos, rid, rank) */
	int64_t		 base;		/* without a table: the timeline
					 * position of its position 1 */
	int64_t		 count;		/* positions known so far */
	int64_t		 total;		/* all of them, or -1 if not known */
	char		*query;		/* what the user typed, or NULL */
	char		*match;		/* its FTS5 translation, or NULL */
	struct store_highlighter *marker;	/* marks its terms, or NULL */
	enum store_order order;
	/* filling: the walk goes on from key next, up to key end */
	int		 done;
	int64_t		 next;
	int64_t		 end;
	int64_t		 last;		/* key of the last event taken */
	sqlite3_stmt	*walk;		/* keys >= ?1, < ?2, LIMIT ?3 */
	sqlite3_stmt	*keep;		/* does event ?1 pass the rest? */
	sqlite3_stmt	*add;		/* appends event ?2 at position ?1 */
	char		*failed;	/* why the walk stopped early, or NULL */
	/*
	 * In rank order: the best events come first from store-rank.c; the
	 * rest are ranked by FTS5 (view_rank_all) only when asked for, and
	 * counted meanwhile by a view in date order.
	 */
	struct store_filter filter;	/* the rest's filter, its strings: */
	char		*fstr[5];	/* owned here */
	char		**actors;	/* filter.actors, owned here */
	struct store_view *counter;	/* counts them all, or NULL */
	int		 best;		/* rows store-rank.c gave, or 0 */
	char		*notes;		/* the index of notes that match too */
};

#define STORE_CHUNK	256	/* keys read a statement in a walk */

/* store.c: the prepared statement for the literal sql, reset (fatal if it
 * does not prepare); columns as new strings (NULL for NULL) or copies. */
sqlite3_stmt	*store_stmt(struct store *s, const char *sql);
char		*store_col_dup(sqlite3_stmt *st, int i);
void		 store_col_copy(sqlite3_stmt *st, int i, char *dst, size_t n);
int64_t		 store_int(struct store *s, const char *sql);

/* Bump when the schema or what is stored changes: old caches rebuild. */
#define STORE_SCHEMA_VERSION	12
/* PRAGMA application_id of every store, 0x446f7372 ("Dosr"): how dossier
 * knows its own files. */
#define STORE_APPLICATION_ID	1148154738

/*
 * An event's row id (rid) is its key in timeline order, and the full-text
 * index uses the same numbers, so a date-ordered walk over search hits or
 * an actor's events is a range scan that can stop after a screenful:
 *
 *	bits 37-58  the day (days since 0000-01-01)
 *	bits 26-36  the time: 0 for none, else 1 + minutes since midnight
 *	bits 10-25  the event's place among those on that day and time, by id
 *	bits 0-9    0 for the event itself in the index, 1 + ord for its
 *		    excerpt ord (hence CONTENT_MAX_EXCERPTS)
 *
 * Keys leave gaps, so an update renumbers only the day-and-time groups it
 * adds events to.
 */
#define STORE_XBITS		10
#define STORE_GBITS		26	/* bits below the day and time */
#define STORE_GROUP_MAX		65536	/* events on one day and time */
/* SQL: the first key of the group of date d and time t (SQL expressions). */
#define STORE_KEY_BASE(d, t) "((CAST(julianday(" d ") - 1721059.5 AS INT)" \
	" * 2048 + CASE WHEN " t " IS NULL THEN 0 ELSE 1 + substr(" t ", 1, 2)" \
	" * 60 + substr(" t ", 4, 2) END) << 26)"
/* SQL: the event key of full-text row r. */
#define STORE_KEY_EVENT(r) "((" r ") >> 10 << 10)"
/* A macro's value as a string, for SQL. */
#define STORE_STR(...)		#__VA_ARGS__
#define STORE_XSTR(...)		STORE_STR(__VA_ARGS__)
/* A full-text row's day is its key >> STORE_DBITS; days go in spans of 32. */
#define STORE_DBITS		37
#define STORE_SPAN_BITS		5
#define STORE_SPAN_DAYS		(1 << STORE_SPAN_BITS)
/* SQL: the day of full-text row r (temp.tday lists those an update
 * changed: store_stat_redo makes their bounds again). */
#define STORE_DAY_OF(r) "((" r ") >> " STORE_XSTR(STORE_DBITS) ")"
/* SQL: the span of days of full-text row r. */
#define STORE_SPAN_OF(r) "((" r ") >> (" STORE_XSTR(STORE_DBITS) " + " \
	STORE_XSTR(STORE_SPAN_BITS) "))"

/*
 * Ranking is FTS5's bm25 with these weights for the index's columns
 * (title, body, note, actors), as set in the schema, and its constants.
 */
#define STORE_WEIGHTS		10.0, 4.0, 2.0, 3.0
#define STORE_NCOLS		4
#define STORE_BM25_K1		1.2
#define STORE_BM25_B		0.75
/* FTS5 indexes no more than this many bytes of a token. */
#define STORE_TOKEN_MAX		32768

/*
 * Builds the store into db (empty) from the content files; counts, if not
 * NULL, gets the number of valid records read. Returns 0, or -1
 * if the content has errors (all in diags; db is left without a committed
 * corpus) or SQLite failed (*err set, caller frees).
 */
int	store_build(sqlite3 *db, struct content_file *files, int nfiles,
	    const char *fingerprint, int flags,
	    const struct store_progress *progress, struct diag_list *diags,
	    struct store_counts *counts, char **err);

/*
 * store-build-check.c: the checks of a build that need the whole corpus.
 * The caller sets db, diags and err (where an SQLite failure is told, its
 * string owned by the caller) and frees with store_build_check_free.
 */
struct store_build_check {
	sqlite3			*db;
	struct diag_list	*diags;
	char			**err;
	sqlite3_stmt		*path;		/* for store_build_check_path */
	char			*pathv[2];	/* its answers */
	int			 pathi;
};
/*
 * Unique ids and references: staged rows (ev_in and its links) against
 * everything, rows of unchanged files against the ids that went away.
 * Problems go to diags. Returns 0, or -1 if SQLite failed.
 */
int	store_build_check_ids(struct store_build_check *);
/* Each staged quote against its source's text, where there is one. */
int	store_build_check_quotes(struct store_build_check *);
/* File fid's path, for messages: valid until the next call but one, so
 * that one message can name two files. */
const char *store_build_check_path(struct store_build_check *, int fid);
void	store_build_check_free(struct store_build_check *);

/*
 * store-pos.c: timeline positions (1 for the first event), from count_day
 * and the date index. store_pos_of: the position of the event with key
 * rid (the number of events whose keys are up to rid). store_pos_key: the
 * key of the event at position pos, or -1 if none. store_pos_before: the
 * number of events dated before date (on: on or before it).
 * store_pos_total: the number of events.
 */
int64_t	store_pos_of(struct store *s, int64_t rid);
int64_t	store_pos_key(struct store *s, int64_t pos);
int64_t	store_pos_before(struct store *s, const char *date, int on);
int64_t	store_pos_total(struct store *s);
/*
 * Positions of keys asked for in ascending order, each counted on from
 * the last where they share a day: w starts zeroed.
 */
struct store_pos_walk {
	int64_t	rid;
	int64_t	pos;
};
int64_t	store_pos_next(struct store *s, struct store_pos_walk *w,
	    int64_t rid);

/*
 * store-counts.c: the events by day, and by day and actor or tag, kept in
 * count_day(day, n, cum), count_actor(actor, day, n) and
 * count_tag(tag, day, n) (day: days since 0000-01-01, as in keys; cum: the
 * events of the days before, for store-pos.c). store_build calls
 * store_counts_begin before it changes a row (fresh: a new, empty store)
 * and store_counts_end after the last link is written: a new store is
 * counted whole, an update counts again the days whose rows it changed
 * and sums again the days from the first of them on.
 * Each returns 0, or -1 with *err (caller frees).
 */
int	store_counts_begin(sqlite3 *db, int fresh, char **err);
int	store_counts_end(sqlite3 *db, int fresh, char **err);

/*
 * SQL helpers of the build and the update (store-build.c): each sets *err,
 * if it is NULL, to "WHAT: SQLite's message" on failure. store_build_exec
 * runs a script; store_build_run runs sql with integers ?1.. from v;
 * store_build_int returns the one integer sql yields. They return 0 (the
 * integer) or -1.
 */
int	store_build_sqlerr(sqlite3 *db, char **err, const char *what);
int	store_build_exec(sqlite3 *db, char **err, const char *sql,
	    const char *what);
int	store_build_run(sqlite3 *db, char **err, const char *sql,
	    const int64_t *v, int n);
int64_t	store_build_int(sqlite3 *db, char **err, const char *sql);

/*
 * store-build-update.c: an update's own steps, run by store_build in its
 * transaction over its temporary tables (ev_in, chg, gone_event, same,
 * emap, adelta, tday). Each returns 0, or -1 with *err set if it was NULL.
 */
/* Binds at i and i + 1 the hashes of what the store keeps of e (its date,
 * text, actors, tags and excerpts) and of its places in its file. */
void	store_update_hash(sqlite3_stmt *st, int i,
	    const struct content_event *e);
/* Removes the actors, sources and corpus of changed files; lists their
 * old events in gone_event. */
int	store_update_remove(sqlite3 *db, char **err);
/* Lists in same the staged events an old one holds as they are. */
int	store_update_match(sqlite3 *db, char **err);
/* Writes the places of those and removes the other old events (*dev,
 * *dex: minus the events and excerpts gone). */
int	store_update_diff(sqlite3 *db, int64_t *dev, int64_t *dex, char **err);
/* Counts actors' events: all if all, else those after aid0 and the others
 * moved by what went and came. */
int	store_update_nevents(sqlite3 *db, int all, int64_t aid0, char **err);

/*
 * store-build-parse.c: the build's files read on a thread of their own.
 * store_parse_begin starts reading files[i] (with file id fids[i]) for
 * each i whose parse[i] is set, in order; diags holds what was reported
 * before (the reading stops at DIAG_MAX_ERRORS errors, those included).
 * It returns NULL if no thread can be had. Each store_parse_next hands
 * the next batch of records to sink, and the problems found among them to
 * diags, in the order read, calling file_fn(sink->arg, i) (if not NULL)
 * as records of file i begin; it returns 1, 0 when every file is done or
 * diags is full, or -1 when a sink callback failed. store_parse_end stops
 * the reading and frees what is left; the arrays must outlive it.
 */
struct store_parse;
struct store_parse *store_parse_begin(struct content_file *files,
	    const int *fids, const int *parse, int nfiles,
	    const struct diag_list *diags);
int	store_parse_next(struct store_parse *, const struct content_sink *sink,
	    void (*file_fn)(void *, int), struct diag_list *diags);
void	store_parse_end(struct store_parse *);

/* store-fts.c: FTS5's extension API for db, or NULL if it has none. */
fts5_api *store_fts5(sqlite3 *db);

/* The index's tokenizer (porter over unicode61, no diacritics). */
struct store_tokenizer {
	fts5_tokenizer	 api;
	Fts5Tokenizer	*tok;
};
/* Returns 0, or -1 if FTS5 lends no such tokenizer. */
int	store_tokenizer_open(sqlite3 *db, struct store_tokenizer *t);
void	store_tokenizer_close(struct store_tokenizer *t);

/* A phrase of a query as query_translate writes it, quoting undone. */
struct store_phrase {
	char	*text;
	int	 prefix;	/* its last token is a prefix */
};
/* Splits match into *out (caller frees with store_phrases_free). */
int	store_phrases(const char *match, struct store_phrase **out);
void	store_phrases_free(struct store_phrase *v, int n);

/*
 * store-stat.c: the bounds store-rank.c ranks by, kept with the index.
 * A full build feeds every index row, in row order, to store_stat_row;
 * store_stat_end writes what is left and returns 0, or -1 with *err
 * (caller frees). store_stat_begin returns NULL when there is no tokenizer
 * (then searches rank the slow way). The work runs on a thread of its own
 * when threaded is set and one can be had.
 */
struct store_stat;
struct store_stat *store_stat_begin(sqlite3 *db, int threaded);
void	store_stat_row(struct store_stat *, int64_t rowid,
	    const char *const text[STORE_NCOLS], const int len[STORE_NCOLS]);
int	store_stat_end(struct store_stat *, char **err);
/*
 * An update: makes the bounds of every span in temp.tspan again from the
 * rows the index holds now, and those of the days in temp.tday (by span:
 * a day is a full-text row's key >> STORE_DBITS) from their rows alone,
 * the span's other days kept. Returns 0, or -1 with *err (caller frees).
 */
int	store_stat_redo(sqlite3 *db, char **err);
/* Terms a span may have before the bounds are off (tests; 0: default). */
void	store_stat_cap(uint32_t terms);
/* A day in a term's blob of bound_term: day (1 byte), rows (4), peak (8). */
#define STORE_STAT_DAYREC	13
uint32_t store_stat_get32(const unsigned char *);
double	store_stat_getdouble(const unsigned char *);

/*
 * store-rank.c: a search's best hits by bm25, without scoring every hit.
 * The aux functions are registered once on a connection that searches.
 */
struct store_rank_hit {
	int64_t	rowid;		/* the full-text row */
	double	score;		/* bm25, positive: FTS5's rank is -score */
};
#define STORE_RANK_MAX		1000	/* more hits are ranked by FTS5 */
#define STORE_RANK_FEW		2000	/* so are fewer hits (store-search.c) */
/*
 * and fewer hits of other queries: where the bounds cannot go day by day
 * they take a pass over the hits, which at a million events costs more
 * than FTS5 ranking up to about 20,000 hits, and a query over the cap
 * has paid for ranking that many first (measured at 1M with a cap of
 * 5,000: 3,229 hits of three words 27% faster, 23,638 of two words 11%
 * slower).
 */
#define STORE_RANK_FEW_AND	4000
/*
 * Past that cap the pass goes on while its hits, spread over the whole
 * timeline as over the part it has passed, stay under this: what it has
 * ranked is kept, not paid twice (5,256 hits of two words took 25% longer
 * when they went to the bounds after a pass of 4,000).
 */
#define STORE_RANK_FEW_MAX	15000
/*
 * But FTS5's bm25 counts each phrase's rows before its first score: when
 * the query's terms are in more rows than this in all (a guess, by
 * store_rank_walk_guess), the bounds rank it, which know the counts.
 */
#define STORE_RANK_FEW_WALK	60000
/* How a ranking went, for tests and the benchmark. */
struct store_rank_info {
	int	 blocks;	/* days scored one at a time */
	int	 pass;		/* 1 if it took a pass over the hits */
	int	 runs;		/* runs of days the pass took, 0 for all */
	int64_t	 scored;	/* rows given a full score */
	int64_t	 stray;		/* hits on days the bounds did not know */
	int	 split;		/* 1 if the pass ran in two halves at once */
};
int	store_rank_init(sqlite3 *db);
/* Registers dossier_fold(x), Unicode lower case, for the actor filters. */
void	store_read_init(sqlite3 *db);
/*
 * Puts the best k (1..STORE_RANK_MAX) hits of match into out, best first
 * (ties: lower row first). Returns their number; -1 with *err (caller
 * frees) if the query fails; -2 if the bounds cannot serve this query,
 * for the caller to rank with FTS5 itself. db2, if not NULL, is where a
 * second connection to db's file is kept (caller closes it) for a pass
 * over many hits to run in two halves on two threads.
 */
int	store_rank_best(sqlite3 *db, sqlite3 **db2, const char *match, int k,
	    struct store_rank_hit *out, struct store_rank_info *info,
	    char **err);
/*
 * Hits a pass needs to run in halves, and rows of a lone phrase's rarest
 * token (for tests; <= 0: the defaults).
 */
void	store_rank_split(int64_t hits, int64_t rows);
/*
 * match with each one-word prefix of at most 64 terms written as an OR of
 * those terms: the same rows match, by the same terms, but FTS5 finds one
 * row's without expanding the prefix over the whole index (for snippets a
 * row at a time). Returns a new string (caller frees).
 */
char	*store_rank_rows_match(sqlite3 *db, const char *match);
/*
 * A guess at how many rows FTS5's bm25 walks before its first score of
 * match: it counts the rows of each phrase for the idf, a walk of every
 * term's whole list. The sum of the rows holding each term in the busiest
 * span of the bounds, scaled to all rows, as SQLite's planner samples an
 * index; a guess only chooses who ranks, never what. -1 if the bounds
 * cannot say (a prefix, no spans).
 */
int64_t	 store_rank_walk_guess(sqlite3 *db, const char *match);

/*
 * A search's phrases, ready to be marked in text (store-highlight.c). Made from
 * a query_translate result; NULL if FTS5 lends no tokenizer.
 */
struct store_highlighter;
struct store_highlighter *store_highlighter_new(sqlite3 *db, const char *match);
void	store_highlighter_free(struct store_highlighter *);
/*
 * Returns text with every phrase wrapped in TEXT_MARK_ON and TEXT_MARK_OFF,
 * newly allocated, or NULL if none occurs (or m is NULL).
 */
char	*store_highlighter_apply(struct store_highlighter *m, const char *text);
/* Replaces *text (owned) with its highlighted form where a term is in it. */
void	store_highlight_text(struct store_highlighter *m, char **text);

/*
 * The hits of a search, best first: events and excerpts, each with its
 * event. Columns: event id, date, title, kind, snippet, rank. The best hits
 * are found first, then each gets a snippet from the first column that
 * holds a term (dossier_column: title, text, note, else actor names), so
 * that the search must run where store_rank_init ran. Up to STORE_RANK_MAX
 * hits, store-rank.c finds them (STORE_HIT_SQL makes each row); for more,
 * or where its bounds cannot serve, FTS5 ranks every hit itself (the query
 * is ?4). Either way, equal ranks go to the lower row. Snippets are made a
 * row at a time, matching ?1: the query with its prefixes written out
 * (store_rank_rows_match), else FTS5 would expand them for every row.
 */
#define STORE_HIT_COLS "e.id, e.date, e.title, CASE WHEN h.r = " \
	STORE_KEY_EVENT("h.r") " THEN 'event' ELSE 'excerpt' END, (SELECT" \
	" snippet(fts, dossier_column(fts), '" TEXT_MARK_ON "', '" \
	TEXT_MARK_OFF "', '…', 16) FROM fts WHERE fts MATCH ?1 AND" \
	" rowid = h.r), h.rank"
#define STORE_SEARCH_SQL "SELECT " STORE_HIT_COLS " FROM (SELECT rowid AS r," \
	" rank FROM fts WHERE fts MATCH ?4 AND (?5 IS NULL OR " \
	STORE_KEY_EVENT("rowid") " IN (SELECT e.rid FROM unote n JOIN event e" \
	" ON e.id = n.event WHERE n.marked)) ORDER BY rank, rowid LIMIT ?2) h" \
	" JOIN event e ON e.rid = " STORE_KEY_EVENT("h.r") \
	" ORDER BY h.rank, h.r"
/* One hit found by store-rank.c: full-text row ?2, rank ?3. */
#define STORE_HIT_SQL "SELECT " STORE_HIT_COLS " FROM (SELECT ?2 AS r," \
	" ?3 AS rank) h JOIN event e ON e.rid = " STORE_KEY_EVENT("h.r")

/*
 * The best limit hits of match by store-rank.c: returns their number with
 * *hits (caller frees), -1 with *err, or -2 if FTS5 must rank them.
 */
int	store_search_best(struct store *s, const char *match, int64_t limit,
	    struct store_rank_hit **hits, char **err);

/*
 * store-view.c: the WHERE terms of a filter over event e (" AND ..."), and
 * their parameters: ?1 match, ?2 from, ?3 to, ?4 actor, ?5 tag, ?6 actors
 * (a JSON array), ?7 whether any of them will do.
 */
void	store_view_where(struct buf *b, const struct store_filter *f);
void	store_view_bind(sqlite3_stmt *st, const struct store_filter *f,
	    const char *match);

/*
 * store-search.c: a search restricted by a filter's actors, tag or dates
 * (store_search_filtered says whether f is), ranked by FTS5: the SQL
 * (caller frees) and its parameters.
 */
int	store_search_filtered(const struct store_filter *f);
/*
 * Makes SQL's dossier_actor_reason(event, title, kind) give, for the
 * search match, what an event hit found only through its actors matched
 * ("actor: NAME (as \"ALIAS\")"), else NULL.
 */
void	store_search_reason(struct store *s, const char *match);
/*
 * What the hits' snippets match (?1 of the statements that make them): the
 * query's phrases with prefixes written out, ORed where it ANDs them
 * (store-search.c). A new string; caller frees.
 */
char	*store_search_rows(sqlite3 *db, const char *match);
char	*store_search_filter_sql(const struct store_filter *f);
void	store_search_filter_bind(sqlite3_stmt *st,
	    const struct store_filter *f, const char *match, const char *rows,
	    int64_t limit);

/*
 * store-notes.c: makes temp.unote(event, date, marked, note, updated), the
 * user's entries of this corpus (empty when no notes.db is attached), for
 * SQL that joins them. Call before preparing such SQL.
 */
void	store_notes_ensure(struct store *s);
/* Closes the notes' own connection (store_close). */
void	store_notes_close(struct store *s);
/* SQL: is event e (an alias of table event) marked? its note? */
#define STORE_MARKED(e) "EXISTS (SELECT 1 FROM unote WHERE event = " e \
	" AND marked)"
#define STORE_NOTE(e) "(SELECT note FROM unote WHERE event = " e ")"
/*
 * The hits of match in the user's notes (kind "note"), best first, up to
 * limit (<= 0: all): a statement to step (caller finalizes) whose columns
 * are those of STORE_HIT_COLS, or with json one JSON object; NULL when
 * there are no notes.
 */
/*
 * Indexes the user's notes as the content is, in a new temporary table
 * (a view being walked may still read the last one), and returns its name
 * (caller frees) if any note matches, else NULL.
 */
char	*store_notes_match(struct store *s, const char *match);
sqlite3_stmt *store_notes_hits(struct store *s, const char *match,
	    int64_t limit, int json);
/*
 * A search hit as a JSON object, from h(id, date, title, kind, snip, rank);
 * store_search_reason must have been called for the search.
 */
#define STORE_JSON_HIT_OBJECT "json_object('event', id, 'date', date," \
	" 'title', title, 'kind', kind, 'snippet', replace(replace(coalesce(" \
	"dossier_actor_reason(id, title, kind), snip), '" TEXT_MARK_ON \
	"', '['), '" TEXT_MARK_OFF "', ']'), 'rank', rank," \
	" 'marked', json(CASE WHEN " STORE_MARKED("id") " THEN 'true' ELSE" \
	" 'false' END), 'note', " STORE_NOTE("id") ")"

/* store-view.c: fills v's table up to position upto (-1: all), stopping
 * at the deadline (store_now seconds; 0: none). */
void	store_view_fill(struct store_view *v, int64_t upto, double deadline);
/*
 * A view without a table: the keys from position pos (0 and count + 1
 * stand before the first and after the last) to its end in direction
 * dir, as keys k with *from < k <= *to (dir > 0) or *to <= k < *from.
 * Returns 0, or -1 if there are none.
 */
int	store_view_span(struct store_view *v, int64_t pos, int dir,
	    int64_t *from, int64_t *to);

#endif
