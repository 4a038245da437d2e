/*
 * export.h: takes a view of the timeline away as a file: Markdown
 * (CommonMark), self-contained HTML5, CSV (RFC 4180), JSON, iCalendar
 * (RFC 5545) or TimelineJS3 JSON; and the citation of one excerpt. Reads
 * the store only through its query interface (store.h); no curses here.
 */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store.h"
#include "util.h"

/* The formats, in the order of --format's list. */
enum export_format {
	EXPORT_MARKDOWN,
	EXPORT_HTML,
	EXPORT_CSV,
	EXPORT_JSON,
	EXPORT_ICS,
	EXPORT_TIMELINEJS,
	EXPORT_NFORMATS
};

/* What the user wrote about one event: their mark and note. */
struct export_personal {
	int		 marked;
	char		*note;		/* or NULL; see export_options */
};

struct export_options {
	enum export_format format;
	const char	*title;		/* the corpus title (the # heading) */
	int		 notes;		/* write marks and notes (--notes) */
	int		 marked_only;	/* only marked events (--marked) */
	/*
	 * Looks up the user's mark and note of event id into *p (zeroed
	 * before the call; p->note a new string, which export frees); NULL
	 * when nothing personal exists. Returns 0, or -1 with a one-line
	 * message in *err (caller frees). With marked_only, events it does
	 * not mark are left out; with notes, marks and notes are written.
	 */
	int		(*personal)(void *arg, const char *id,
			    struct export_personal *p, char **err);
	void		*arg;
};

/*
 * Finds a format by its --format name; returns 0, or -1 if there is none.
 * export_format_name is the reverse.
 */
int		 export_format_parse(const char *name, enum export_format *);
const char	*export_format_name(enum export_format);
/*
 * Finds the format a file name's extension asks for (".md", ".html",
 * ".csv", ".json", ".ics", ".timeline.json", case-insensitive; also
 * ".markdown" and ".htm"); returns 0, or -1 if the extension says nothing.
 */
int		 export_format_of_path(const char *path, enum export_format *);
/*
 * The title an export of the store takes: its corpus's title, else the
 * last part of the content directory's path. Caller frees.
 */
char		*export_title(struct store *, const char *content);
/* "markdown, html, ..." and ".md, .html, ..." for messages; static. */
const char	*export_format_list(void);
const char	*export_extension_list(void);

/*
 * Writes the events of the filter (in timeline order whatever f->order)
 * in o->format to out. Returns the number of events written, or -1 with
 * a one-line message in *err (caller frees): a query that cannot run, a
 * failing personal lookup, or a write error (out is left in error).
 */
int64_t		 export_write(struct store *, const struct store_filter *f,
		    const struct export_options *o, FILE *out, char **err);

/*
 * Same, to the file path: written to a temporary file beside it, then
 * renamed over it, so that path is never half written; an existing file
 * keeps its permissions. *count gets the number of events. Returns 0, or
 * -1 with *err (caller frees); on failure path is untouched.
 */
int		 export_file(struct store *, const struct store_filter *f,
		    const struct export_options *o, const char *path,
		    int64_t *count, char **err);

/*
 * Writes one event (by timeline number) as its export in format fmt
 * would render it, without the document around it. Returns 0, or -1 if
 * there is no such event. p may be NULL.
 */
int		 export_event(struct store *, int64_t seq, enum export_format fmt,
		    const struct export_personal *p, FILE *out);

/*
 * The citation of an excerpt, "QUOTE" — Source title, Publisher,
 * YYYY-MM-DD. URL, without what the source lacks; control characters
 * shown as the reader shows them. Caller frees.
 */
char		*export_citation(const struct store_excerpt *);

/* ---- Shared by the format writers (export-*.c) ---- */

/* A day of the export, from a first pass over the view. */
struct export_day {
	char	 date[11];
	int64_t	 events;
	int64_t	 approximate;	/* how many of them have an inferred date */
};

/* A source cited in the export, kept once, in order of first citation. */
struct export_source {
	char	*id;
	char	*title;
	char	*publisher;	/* or NULL */
	char	*url;		/* or NULL */
	char	*published;	/* or NULL */
};

struct export_ctx {
	FILE				*out;
	const struct export_options	*o;
	struct store			*store;
	struct export_day		*days;	/* every day, in order */
	size_t				 ndays;
	const struct export_day		*day;	/* the current event's */
	int64_t				 events;	/* in the export */
	int64_t				 n;	/* written so far */
	struct export_source		*sources;	/* cited so far */
	size_t				 nsources;
	size_t				 capsources;
	size_t				*hash;	/* open addressing, index + 1 */
	size_t				 hashcap;
	void				*data;	/* the writer's own */
};

/*
 * A format: begin writes what comes before the events, day starts a day
 * (may be NULL), event writes one (p NULL without --notes), end what comes
 * after. A writer reports nothing: export_write checks the stream.
 */
struct export_writer {
	const char	*name;		/* --format */
	const char	*ext;		/* the extension that picks it */
	void		(*begin)(struct export_ctx *);
	void		(*day)(struct export_ctx *, const struct export_day *);
	void		(*event)(struct export_ctx *,
			    const struct store_detail *,
			    const struct export_personal *);
	void		(*end)(struct export_ctx *);
};

extern const struct export_writer export_markdown_writer;
extern const struct export_writer export_html_writer;
extern const struct export_writer export_csv_writer;
extern const struct export_writer export_json_writer;
extern const struct export_writer export_ics_writer;
extern const struct export_writer export_timelinejs_writer;

/*
 * Appends s to b with control characters, DEL, C1 and bidi overrides
 * shown as the reader shows them (^[, <U+202E>), CR and CRLF as LF; LF
 * and tab kept.
 */
void	 export_clean(struct buf *b, const char *s);
/* Returns 1 if url may be a link: an http or https URL. */
int	 export_url_linkable(const char *url);
/* "Fri 13 Jun 2025" for "2025-06-13" into out (at least 16 bytes). */
void	 export_day_name(const char *date, char *out);
/* Appends s to b escaped for HTML text and attribute values. */
void	 export_html_escape(struct buf *b, const char *s);
/*
 * Appends an event's summary and excerpts with their citations as HTML
 * (for the HTML export and TimelineJS's text).
 */
void	 export_html_body(struct buf *b, const struct store_detail *d,
	    const struct export_personal *p);
/* Writes s as a JSON string (quotes included). */
void	 export_json_string(FILE *out, const char *s);

#endif
