/*
 * store.h: the indexed store, an SQLite database built from a content
 * directory, and the narrow query interface the reader and the command line
 * use. Reads are windowed: nothing here loads the whole corpus to show part
 * of it.
 *
 * Strings in results are owned by the result and freed with it. Text from
 * content comes back raw (not escaped); callers escape before display.
 * Where a highlight query is given, matched terms are wrapped in
 * TEXT_MARK_ON / TEXT_MARK_OFF (text.h).
 */
#ifndef DOSSIER_STORE_H
#define DOSSIER_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct store;

/* store_open flags */
#define STORE_REBUILD		0x01	/* rebuild even if the cache is fresh */
#define STORE_CHECK_QUOTES	0x02	/* verify quotes against source texts */
#define STORE_MEMORY		0x08	/* build in memory, no cache file */
#define STORE_QUIET		0x10	/* no warning when falling back to memory */
#define STORE_LAZY_NOTES	0x20	/* no notes attached: temp.unote only when
					   store_notes_ensure is called */
#define STORE_ONE_SHOT		0x40	/* one command, then exit: a small page
					   cache (store_setup) */

/*
 * How a build is going, for whoever shows it (the store prints nothing).
 * fn is called after each file read, at each step of the SQL phase and
 * while a long step runs (about twice a second), and once more with
 * finished set when the build ends, so that what was shown can go.
 */
struct store_progress_info {
	int		 files_done;
	int		 files;
	int64_t		 events;	/* valid events read so far */
	const char	*step;		/* the SQL phase's step, or NULL */
	double		 step_seconds;	/* how long the step has run */
	double		 seconds;	/* since the build started */
	int		 finished;
};
struct store_progress {
	void	(*fn)(const struct store_progress_info *, void *arg);
	void	*arg;
};

/*
 * Opens the store for a content directory, building or refreshing it when the
 * content changed. db is the database path, or NULL for the cache
 * ($XDG_CACHE_HOME/dossier/, one file per content directory). Returns NULL
 * when the content has errors (all in diags, nothing indexed) or the store
 * cannot be made (a one-line reason in *err, caller frees). Warnings go to
 * diags as well. progress, if not NULL, hears how a build goes.
 * Only a file dossier recognises as its own store (or an empty one) is ever
 * replaced or updated: for anything else it returns NULL with errno EPERM
 * and *err "PATH is not a dossier store; not touching it", and for a store
 * made read-only that would have to change, EPERM and "PATH is read-only;
 * not touching it" (the command line exits 2 for both). On any other
 * failure errno is 0.
 */
struct store	*store_open(const char *content, const char *db, int flags,
		    const struct store_progress *progress,
		    struct diag_list *diags, char **err);
void		 store_close(struct store *);
/* SQLite's process-wide settings: once, first, from main. */
void		 store_library_init(void);
/*
 * For a short process (the search command): SQLite's page cache in one
 * block that may be a huge page, which caps every cache at 2 MB in all
 * (store.c). After store_library_init, before any connection; does
 * nothing if SQLite is in use already.
 */
void		 store_library_pagecache(void);

/* Counts of a corpus. */
struct store_counts {
	int64_t	events;
	int64_t	actors;
	int64_t	sources;
	int64_t	excerpts;
};

/*
 * Checks a content directory fully (quotes against source texts included)
 * without touching any cache. counts gets the valid records read. Returns
 * 0 if there is no error, else -1 (problems in diags, or *err for SQLite
 * failures, caller frees).
 */
int		 store_check(const char *content, struct diag_list *diags,
		    struct store_counts *counts, char **err);

/*
 * The content's stamp: a hash of its files' paths, sizes and times (one
 * stat a file), as a store opened without flags records it; NULL if the
 * directory cannot be read. Caller frees. store_fresh: whether the store
 * was built from the content as it is now.
 */
char		*store_stamp(const char *content);
int		 store_fresh(struct store *, const char *content);

/* Path of the database in use, or ":memory:". Valid until store_close. */
const char	*store_path(struct store *);

/* Counts of the whole corpus in the store. */
void		 store_counts(struct store *, struct store_counts *);

/*
 * The corpus's title from its "corpus:" section, or NULL when it has none
 * (store-corpus.c). Caller frees.
 */
char		*store_corpus_title(struct store *);

/* First and last event dates ("YYYY-MM-DD", "" when empty). */
void		 store_date_range(struct store *, char first[11], char last[11]);

/*
 * A view: a filtered, ordered set of events with dense 1-based positions.
 * The whole timeline costs nothing to make. A filtered or searched one in
 * date order is walked lazily, a screenful at a time, so that it costs
 * the same at ten thousand events as at a million; one in rank order is
 * ranked whole when made.
 */
enum store_order {
	STORE_ORDER_DATE,	/* date, untimed first, time, id */
	STORE_ORDER_RANK	/* best first (search views only) */
};

struct store_filter {
	const char	*actor;		/* actor id, or NULL */
	const char	*tag;		/* tag, or NULL */
	const char	*from;		/* "YYYY-MM-DD" inclusive, or NULL */
	const char	*to;		/* "YYYY-MM-DD" inclusive, or NULL */
	const char	*query;		/* what the user typed, or NULL */
	int		 marked;	/* only the user's marked events */
	enum store_order order;
	/*
	 * Several actors (nactors ids; actor is then NULL): events involving
	 * all of them, or any of them if any_actor is set.
	 */
	const char *const *actors;
	int		 nactors;
	int		 any_actor;
};

struct store_view;

/*
 * Makes a view. Returns NULL with a one-line message in *err (caller frees)
 * if the query cannot run (see query.h). The view is valid until
 * store_view_free or store_close.
 */
struct store_view *store_view_new(struct store *, const struct store_filter *,
		    char **err);
void		 store_view_free(struct store_view *);
/*
 * The number of events in the view if store_view_done, else the number
 * found so far (which only grows). Reading rows, finding positions and
 * store_view_more find more.
 */
int64_t		 store_view_count(struct store_view *);
int		 store_view_done(struct store_view *);
/*
 * Finds more of the view: up to position upto (< 0: all of it), for at
 * most ms milliseconds (<= 0: no limit). Returns store_view_done.
 */
int		 store_view_more(struct store_view *, int64_t upto, int ms);
/* The search text of the view, or NULL; valid while the view lives. */
const char	*store_view_query(struct store_view *);

/* One timeline row. */
struct store_row {
	int64_t	 seq;		/* the event's position in the whole timeline */
	int64_t	 pos;		/* its position in this view, 1-based */
	char	 date[11];	/* YYYY-MM-DD */
	char	 time[6];	/* HH:MM, or "" */
	int	 approximate;
	char	*id;
	char	*title;		/* highlighted when the view has a query */
	char	*actors;	/* short actor names joined by ", " */
	double	 rank;		/* bm25 rank in a search view, else 0 */
	int64_t	 rid;		/* the store's own row id (internal) */
	int	 marked;	/* the user's: set by store_rows_notes */
	int	 noted;
};

/*
 * Reads up to n rows from position pos (1-based) of the view into rows.
 * Returns the number read (0 past the end). Free each with
 * store_rows_clear.
 */
int		 store_view_rows(struct store_view *, int64_t pos, int n,
		    struct store_row *rows);
void		 store_rows_clear(struct store_row *, int n);

/*
 * Positions, 1-based, or 0 when there is none. store_view_find returns the
 * position of the event with timeline number seq if the view holds it, else
 * the position of the nearest event after it in date order (or the last).
 */
int64_t		 store_view_find(struct store_view *, int64_t seq);
/*
 * The position of the event with timeline number seq among those the
 * view holds so far, finding no more (a view in rank order may not have
 * ranked every match yet); 0 if it is not among them.
 */
int64_t		 store_view_known(struct store_view *, int64_t seq);
/* Position of the first event on or after date (YYYY-MM-DD), 0 if none. */
int64_t		 store_view_find_date(struct store_view *, const char *date);
/*
 * Position of the next (dir > 0) or previous (dir < 0) event after or before
 * pos that involves actor, without wrapping; 0 if none.
 */
int64_t		 store_view_next_actor(struct store_view *, int64_t pos,
		    const char *actor, int dir);

/* One actor, as in the actors list and an event's details. */
struct store_actor {
	char	*id;
	char	*name;
	char	*short_name;	/* the last word of a person's name, or name */
	char	*kind;		/* person, state, organization */
	char	*role;		/* or NULL */
	char	*affiliation;	/* actor id, or NULL */
	char	*affiliation_name; /* or NULL */
	char	**aliases;	/* naliases strings */
	int	 naliases;
	int64_t	 events;	/* number of events */
};

struct store_excerpt {
	char	*source;	/* source id */
	char	*source_title;
	char	*publisher;	/* or NULL */
	char	*url;		/* or NULL */
	char	*published;	/* or NULL */
	char	*quote;		/* highlighted when asked */
	char	*note;		/* or NULL; highlighted when asked */
	int	 line;		/* its line in the event's file */
};

/* One event with everything linked to it. */
struct store_detail {
	int64_t			 seq;
	char			*id;
	char			 date[11];
	char			 time[6];
	int			 approximate;
	char			*title;		/* highlighted when asked */
	char			*summary;	/* or NULL; highlighted when asked */
	struct store_actor	*actors;	/* in the event's order */
	int			 nactors;
	char			**tags;
	int			 ntags;
	struct store_excerpt	*excerpts;
	int			 nexcerpts;
	char			*file;		/* content file it came from */
	int			 line;
	int64_t			 rid;		/* the store's row id (internal) */
};

/*
 * Returns the event with timeline number seq, or NULL if there is none.
 * query, if not NULL, is a search as the user typed it: its terms are
 * marked in title, summary, quotes and notes (the query is translated for
 * this one call). Free with store_detail_free.
 */
struct store_detail *store_detail_get(struct store *, int64_t seq,
		    const char *query);
/*
 * Same, for the reader: the terms of the view's search, if it has one,
 * are marked with the highlighter the view made once (nothing translated
 * or built again for each event).
 */
struct store_detail *store_detail_in_view(struct store_view *, int64_t seq);
/* Same, by event id. */
struct store_detail *store_detail_by_id(struct store *, const char *id,
		    const char *query);
/*
 * Same, for a row a view gave (its timeline number known already): what
 * walks many rows in order, an export, reads each without looking up its
 * place in the timeline again.
 */
struct store_detail *store_detail_row(struct store *,
		    const struct store_row *, const char *query);
void		 store_detail_free(struct store_detail *);

/*
 * Actors whose id, name or an alias contains filter (case-insensitive; NULL
 * or "" for all): those where it starts one of these or a word of them
 * first, then the others; within each, by number of events then name. Reads up to n from offset
 * into out; returns the number read. Free each with store_actors_clear.
 */
int		 store_actor_list(struct store *, const char *filter,
		    int64_t offset, int n, struct store_actor *out);
int64_t		 store_actor_count(struct store *, const char *filter);
/* Fills *out with one actor; returns 0, or -1 if there is no such id. */
int		 store_actor_get(struct store *, const char *id,
		    struct store_actor *out);
void		 store_actors_clear(struct store_actor *, int n);

/* One search hit for the command line; valid during the callback only. */
struct store_hit {
	const char *event;	/* event id */
	char	 date[11];
	const char *title;
	const char *kind;	/* "event", "excerpt" or "note" (the user's) */
	const char *snippet;	/* matched terms marked */
	double	 rank;
};

/*
 * Runs a search, best first, and calls fn for each of up to limit hits
 * (limit <= 0: no limit). Returns the number of hits, or -1 with a one-line
 * message in *err (caller frees) if the query cannot run.
 */
int64_t		 store_search(struct store *, const char *query, int64_t limit,
		    void (*fn)(const struct store_hit *, void *), void *arg,
		    char **err);

/*
 * The same within the events that pass f, whose query is the search's;
 * without actors, tag or dates, as store_search.
 */
int64_t		 store_search_filter(struct store *, const struct store_filter *f,
		    int64_t limit, void (*fn)(const struct store_hit *, void *),
		    void *arg, char **err);

/*
 * JSON documents made by SQLite's JSON functions, written to out one
 * element at a time so that memory stays flat however long the list. Each
 * returns 0, or -1 with a one-line message in *err (caller frees).
 * list: an array of events; show: an object (returns 1, writing nothing, if
 * the id is unknown); search: an array of hits (*nhits gets their number);
 * actors: an array of actors.
 */
int		 store_json_list(struct store *, const struct store_filter *,
		    int64_t limit, FILE *out, char **err);
int		 store_json_show(struct store *, const char *id, FILE *out,
		    char **err);
int		 store_json_search(struct store *, const char *query,
		    int64_t limit, FILE *out, int64_t *nhits, char **err);
int		 store_json_actors(struct store *, FILE *out, char **err);
/* search within the events that pass f (see store_search_filter). */
int		 store_json_search_filter(struct store *,
		    const struct store_filter *f, int64_t limit, FILE *out,
		    int64_t *nhits, char **err);

/*
 * Counts of events by a key (store-stats.c), from the counts the build
 * keeps (store-counts.c), an SQL aggregation or one pass over a filter's
 * events. By day, week or month, every key from the first event's to the
 * last's comes, those without events with a count of 0; by actor or tag,
 * only those with events, the most first.
 */
enum store_stats_by {
	STORE_STATS_DAY,	/* YYYY-MM-DD */
	STORE_STATS_WEEK,	/* YYYY-Www, the ISO 8601 week */
	STORE_STATS_MONTH,	/* YYYY-MM */
	STORE_STATS_ACTOR,	/* actor id, with its name */
	STORE_STATS_TAG		/* tag */
};
struct store_stats_row {
	char	*key;
	char	*name;		/* the actor's name, or NULL */
	int64_t	 count;
};
/*
 * Counts the events that pass f (its query too, if any) by key. Returns
 * the number of rows with *rows (free with store_stats_free), or -1 with
 * a one-line message in *err (caller frees).
 */
int64_t		 store_stats(struct store *, const struct store_filter *f,
		    enum store_stats_by by, struct store_stats_row **rows,
		    char **err);
void		 store_stats_free(struct store_stats_row *, int64_t n);
/*
 * An actor (or tag) by time matrix of counts, for the overview: rows are
 * the actors (tags) with the most events that pass the filter, columns
 * the days, ISO weeks or months from the one holding start.
 */
struct store_cross {
	int	 nrows;
	int64_t	 ncols;
	char	**keys;		/* nrows actor ids or tags */
	char	**names;	/* nrows actor names (NULL for tags) */
	int64_t	*totals;	/* each row's events in the columns */
	int64_t	*counts;	/* nrows * ncols, a row after the other */
};
/*
 * Counts the events that pass f by rows (STORE_STATS_ACTOR or _TAG) and
 * by cols (STORE_STATS_DAY, _WEEK or _MONTH): ncols columns from the one
 * holding start (YYYY-MM-DD), at most maxrows rows, most events first
 * (ties by key): store_tally_new and store_tally_cross in one call; events
 * outside the columns are not counted. Returns 0 with *out filled (free
 * with store_cross_free), or -1 with a one-line message in *err (caller
 * frees).
 */
int		 store_stats_cross(struct store *, const struct store_filter *f,
		    enum store_stats_by rows, enum store_stats_by cols,
		    const char *start, int64_t ncols, int maxrows,
		    struct store_cross *out, char **err);
void		 store_cross_free(struct store_cross *);
/*
 * The overview's counts in one pass over the events that pass f: the days
 * that have events, and the top maxrows rows (STORE_STATS_ACTOR or _TAG)
 * with their counts by day, to be summed into columns once the days have
 * told which. Without a filter, they are read from the counts the build
 * keeps. Returns NULL with a one-line message in *err (caller frees).
 */
struct store_tally;
struct store_tally *store_tally_new(struct store *,
		    const struct store_filter *f, enum store_stats_by rows,
		    int maxrows, char **err);
/*
 * The days with events, in order, as store_stats by day gives them but
 * without the empty days: returns their number with *rows (free with
 * store_stats_free).
 */
int64_t		 store_tally_days(const struct store_tally *,
		    struct store_stats_row **rows);
/* The matrix of store_stats_cross from the tally: returns as it does. */
int		 store_tally_cross(const struct store_tally *,
		    enum store_stats_by cols, const char *start, int64_t ncols,
		    struct store_cross *out, char **err);
void		 store_tally_free(struct store_tally *);
/* Returns 1 if some event has tag, else 0. */
int		 store_stats_has_tag(struct store *, const char *tag);
/*
 * All tags, by name (for suggestions): returns their number with *tags
 * (free each and the array).
 */
int64_t		 store_stats_tags(struct store *, char ***tags);

/*
 * store-notes.c: the user's marks and notes (notes.h) seen from the store.
 * store_attach_notes attaches the notes.db at path read-only (it must have
 * passed notes_check) for the corpus named corpus (notes_corpus), so that
 * filters, JSON and the notes listing can join it; path NULL attaches
 * nothing and every event reads as unmarked. A file made later (the
 * reader's first note) may be attached then; once one is, this does
 * nothing.
 * Returns 0, or -1 with *err (caller frees).
 */
int		 store_attach_notes(struct store *, const char *path,
		    const char *corpus, char **err);

/* An event the user marked or wrote a note on; valid during the call. */
struct store_note {
	const char	*event;
	const char	*date;		/* or NULL for an orphan never dated */
	const char	*title;		/* NULL for an orphan */
	int		 marked;
	const char	*note;		/* or NULL */
	const char	*updated;
	int		 orphan;	/* its id is no longer in the content */
};
/*
 * Calls fn for each marked or noted event in timeline order (orphans set:
 * for each orphan instead, by remembered date then id). Returns their
 * number, or -1 with *err.
 */
int64_t		 store_notes_list(struct store *, int orphans,
		    void (*fn)(const struct store_note *, void *), void *arg,
		    char **err);
/*
 * Makes store_search and store_json_search keep hits on marked events
 * only (on non-zero), until turned off.
 */
void		 store_search_marked(struct store *, int on);
/*
 * One event's mark and note as they are now (another process may have
 * changed them): *note is a new string or NULL (caller frees). Returns 0,
 * or -1 if the notes cannot be read.
 */
int		 store_note_get(struct store *, const char *event, int *marked,
		    char **note);
/* Sets marked and noted of n rows from the notes as they are now. */
void		 store_rows_notes(struct store *, struct store_row *rows, int n);
/*
 * The position of the next (dir > 0) or previous (dir < 0) marked event
 * after or before pos in the view, without wrapping; 0 if none.
 */
int64_t		 store_view_next_marked(struct store_view *, int64_t pos,
		    int dir);
/* The same as a JSON array (keys in the README). Returns 0 or -1. */
int		 store_json_notes(struct store *, int orphans, FILE *out,
		    char **err);

/*
 * A source as its reader needs it (store-source.c): what it is, who quotes
 * it, and its text with the quoted passages found in it.
 */
struct store_quoter {
	int64_t	 seq;		/* the quoting event's timeline number */
	char	*event;		/* its id */
	char	 date[11];
	char	*title;
	int	 ord;		/* the excerpt's place in the event */
	char	*quote;
	char	*note;		/* or NULL */
	char	*file;		/* the YAML file of the excerpt, or NULL */
	int	 line;		/* and its line */
};
struct store_passage {
	size_t	 start;		/* byte offsets in text, end excluded */
	size_t	 end;
	int	 quoter;	/* index in quoters */
};
struct store_source {
	char			*id;
	char			*title;
	char			*publisher;	/* or NULL, as url, published */
	char			*url;
	char			*published;
	char			*text_path;	/* the text file, or NULL */
	char			*text;		/* its text, when asked and read */
	struct store_quoter	*quoters;	/* in timeline order */
	int			 nquoters;
	struct store_passage	*passages;	/* in text order */
	int			 npassages;
};
/*
 * Returns the source with that id, or NULL if there is none. with_text:
 * read its text and find the quoted passages; if the text cannot be read,
 * the source comes back without it and *err (caller frees) says why.
 * Free with store_source_free.
 */
struct store_source *store_source_get(struct store *, const char *id,
		    int with_text, char **err);
void		 store_source_free(struct store_source *);
/*
 * Writes the source as one JSON object (its fields, "events" quoting it
 * with their quotes, and "text": text or null). Returns 0, 1 if there is
 * no such source, -1 with *err (caller frees).
 */
int		 store_json_source(struct store *, const char *id,
		    const char *text, FILE *out, char **err);
/* Every source id, sorted; returns the count, *ids caller frees (each). */
int		 store_source_ids(struct store *, char ***ids);

/*
 * The corpus's title (its "corpus:" section), or NULL when it has none;
 * caller frees (store-export.c).
 */
char		*store_export_title(struct store *);

/*
 * What a reload changed (store-diff.c): store_digest returns every event's
 * content as one JSON object by id (caller frees); store_diff compares a
 * digest of before with the store now, in SQL, counting events changed,
 * added and removed. Returns 0, or -1 if the digest cannot be read.
 */
char		*store_digest(struct store *);
int		 store_diff(struct store *, const char *digest,
		    int64_t *changed, int64_t *added, int64_t *removed);

#endif
