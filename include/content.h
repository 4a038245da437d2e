/*
 * content.h: finds and parses content files (YAML, format in
 * content/README.md) and checks each record on its own: required fields,
 * types, ids, dates, UTF-8. Records go to a sink as they are read, so no
 * corpus is ever held in memory; cross-file checks (unique ids, references)
 * are the store's, over what the sink saved.
 */
#ifndef DOSSIER_CONTENT_H
#define DOSSIER_CONTENT_H

#include <stdint.h>
#include <sys/types.h>

#include "diag.h"

/* A position in a file, 1-based. */
struct content_pos {
	int	line;
	int	col;
};

/* A list of strings with their positions. */
struct content_strs {
	char			**v;
	struct content_pos	 *pos;
	int			  n;
	int			  cap;
};

struct content_actor {
	char			*id;
	char			*name;
	char			*kind;
	char			*role;		/* or NULL */
	char			*affiliation;	/* or NULL */
	char			*shortname;	/* "short:", a label, or NULL */
	struct content_strs	 aliases;
	struct content_pos	 pos;		/* of "id:" value */
	struct content_pos	 aff_pos;
};

struct content_source {
	char			*id;
	char			*title;
	char			*publisher;
	char			*url;
	char			*published;
	char			*text;		/* as written, or NULL */
	char			*note;		/* the editor's, or NULL */
	struct content_pos	 pos;
	struct content_pos	 text_pos;
};

/* The corpus's own description: at most one "corpus:" section a corpus. */
struct content_corpus {
	char			*title;
	char			*description;	/* or NULL */
	struct content_pos	 pos;		/* of the "corpus:" mapping */
};

struct content_excerpt {
	char			*source;
	char			*quote;
	char			*note;
	struct content_pos	 pos;		/* of the excerpt */
	struct content_pos	 source_pos;
	struct content_pos	 quote_pos;
};

/* The store keys an event's excerpts by their place in it (store-int.h). */
#define CONTENT_MAX_EXCERPTS	1023

struct content_event {
	char			*id;
	char			 date[11];
	char			 time[6];	/* "" when none */
	int			 approximate;
	char			*title;
	char			*summary;	/* or NULL */
	struct content_strs	 actors;
	struct content_strs	 tags;
	struct content_excerpt	*excerpts;
	int			 nexcerpts;
	int			 capexcerpts;
	struct content_pos	 pos;
};

/*
 * Where records go. Each callback gets a record valid only during the call;
 * file is the index given to content_parse. A callback returns 0, or -1 to
 * stop parsing; a NULL callback drops its records.
 */
struct content_sink {
	void	*arg;
	int	(*actor)(void *, int file, const struct content_actor *);
	int	(*source)(void *, int file, const struct content_source *);
	int	(*event)(void *, int file, const struct content_event *);
	int	(*corpus)(void *, int file, const struct content_corpus *);
};

/* One content file found by content_scan. */
struct content_file {
	char	*path;		/* as opened: dir + "/" + rel */
	char	*rel;		/* relative to the content directory: the
			   tail of path, not allocated apart */
	off_t	 size;
	int64_t	 mtime_ns;
};

/*
 * Finds every *.yaml file under dir, recursively, sorted by relative path;
 * symbolic links are followed, loops reported. Returns the number found and
 * sets *files (caller frees with content_files_free); problems (an unreadable
 * directory, a loop) go to diags. Returns -1 if dir itself cannot be read.
 */
int	content_scan(const char *dir, struct content_file **files,
	    struct diag_list *diags);
void	content_files_free(struct content_file *, int);

/*
 * Parses one file and hands each valid record to the sink; invalid records
 * are reported to diags and not handed on. Returns 0, or -1 if the file
 * could not be read or parsed to the end (also reported).
 */
int	content_parse(const char *path, int file, const struct content_sink *,
	    struct diag_list *diags);

/* Returns 1 if s is a valid id: [a-z0-9][a-z0-9-]*. */
int	content_valid_id(const char *s);
/* Returns 1 if s is a real calendar date, YYYY-MM-DD. */
int	content_valid_date(const char *s);
/* Returns 1 if s is HH:MM, 24-hour. */
int	content_valid_time(const char *s);

#endif
