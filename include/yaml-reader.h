/*
 * yaml-reader.h: the one YAML reader under content, themes and config. It
 * walks libyaml's event stream and reports problems as FILE:LINE:COL (libyaml
 * marks count from 0; positions here from 1), the same libyaml problem the
 * same way for every kind of file.
 *
 * Held-back reporting: what a caller says about the current event is held
 * until the next event parses. If that is a syntax error instead, libyaml
 * may have misread the event (an unclosed "{" swallows the next line into a
 * plain scalar), so the held messages are dropped and only the syntax error,
 * at its problem mark with its context mark, is shown.
 */
#ifndef DOSSIER_YAML_READER_H
#define DOSSIER_YAML_READER_H

#include <stddef.h>
#include <yaml.h>

#include "diag.h"

struct yaml_reader;

/* What differs between the kinds of file; the rest is the same for all. */
struct yaml_reader_opts {
	const char	*what;		/* "content", "themes": "aliases are
					   not allowed in WHAT" */
	int		 max_depth;	/* nested collections; 0 for no limit */
	/*
	 * An extra hint for a syntax error ("; quote ..."), newly allocated,
	 * or NULL for none; the reader adds the one for tab indentation.
	 */
	char		*(*hint)(const struct yaml_reader *,
			    const yaml_parser_t *);
};

struct yaml_reader {
	yaml_parser_t		 yp;
	yaml_event_t		 ev;		/* the current event */
	int			 have_ev;
	int			 stop;		/* no more events: an error */
	int			 ended;		/* the stream's end was read */
	int			 depth;		/* open collections */
	const char		*file;		/* for diagnostics */
	char			*data;		/* the input, BOM dropped */
	char			*alloc;		/* what data is in (owned) */
	size_t			 len;
	struct yaml_reader_opts	 opts;
	struct diag_list	*diags;
	struct diag_list	 pending;	/* held until the next event */
	size_t			 nerrors;	/* errors passed on to diags */
};

/* A mapping key, copied out of its event. */
struct yaml_reader_key {
	char		*s;		/* NUL-terminated; may hold NULs */
	size_t		 len;
	yaml_mark_t	 mark;
};

/*
 * Starts reading len bytes at data (copied; a UTF-8 byte order mark is
 * dropped so that it does not shift columns). Input that is not UTF-8 is
 * reported at its first bad byte and nothing is read: returns -1 then (the
 * reader is still to be closed), else 0.
 */
int	yaml_reader_open(struct yaml_reader *, const char *file,
	    const char *data, size_t len, const struct yaml_reader_opts *,
	    struct diag_list *);
/*
 * As yaml_reader_open, but takes data (allocated, NUL-terminated at
 * data[len]) instead of copying it: the reader frees it on closing.
 */
int	yaml_reader_open_owned(struct yaml_reader *, const char *file,
	    char *data, size_t len, const struct yaml_reader_opts *,
	    struct diag_list *);
/* Passes on what is still held, and frees the reader's memory. */
void	yaml_reader_close(struct yaml_reader *);

/*
 * Moves to the next event (r->ev), keeping count of the nesting and
 * reporting every alias (never followed). Returns 0, or -1 when there are
 * no more: after the stream's end, or (r->stop set) after a syntax error,
 * too deep a nesting, or once diags is full (each reported).
 */
int	yaml_reader_next(struct yaml_reader *);
/*
 * Consumes the node whose first event is current, leaving its last event
 * current. Iterative: deep nesting costs no stack. Returns 0, or -1 if
 * reading stopped on the way.
 */
int	yaml_reader_skip(struct yaml_reader *);
/*
 * Steps to the next key of the mapping being walked. Returns 1 with the key
 * in *k (caller frees k->s) and the first event of its value current, or 0
 * at the mapping's end or when reading has stopped. Keys that are not
 * scalars are reported ("keys must be names") and skipped with their values.
 */
int	yaml_reader_next_key(struct yaml_reader *, struct yaml_reader_key *);

/* Reports a problem with the current event: held (see above). */
void	yaml_reader_diag(struct yaml_reader *, enum diag_level,
	    const yaml_mark_t *, const char *, ...) UTIL_PRINTF(4, 5);
void	yaml_reader_vdiag(struct yaml_reader *, enum diag_level,
	    const yaml_mark_t *, const char *, va_list) UTIL_PRINTF(4, 0);
/* Reports a fact of the input at once: it stands whatever follows. */
void	yaml_reader_diag_now(struct yaml_reader *, enum diag_level,
	    const yaml_mark_t *, const char *, ...) UTIL_PRINTF(4, 5);
/* Errors reported so far, held ones included. */
size_t	yaml_reader_errors(const struct yaml_reader *);

/* Returns 1 if the event is a plain null scalar ("", "~", "null"). */
int	yaml_reader_is_null(const yaml_event_t *);
/* "a mapping", "a list", "a string", "an empty value" or "an alias". */
const char *yaml_reader_kind(const yaml_event_t *);
/* Returns 1 if the scalar event's value is exactly word. */
int	yaml_reader_is(const yaml_event_t *, const char *word);
/*
 * Parses a YAML 1.1 boolean scalar (true/false, yes/no, on/off, any case):
 * returns 1 or 0, or -1 if it is none of these.
 */
int	yaml_reader_bool(const yaml_event_t *);

/*
 * Returns a newly allocated printable copy of a value for a message (caller
 * frees): control characters, C1 and bidi controls escaped, long values cut.
 */
char	*yaml_reader_show(const char *, size_t);
/* The 0-based line and column (in characters) of a byte of the input. */
yaml_mark_t yaml_reader_mark_at(const struct yaml_reader *, size_t off);
/*
 * Returns line (0-based) of the input and its length in *len (no newline),
 * or NULL past the end.
 */
const char *yaml_reader_line(const struct yaml_reader *, size_t line,
	    size_t *len);

#endif
