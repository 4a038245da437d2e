/*
 * notes-yaml.c: the user's notes and marks as YAML, for backups and for
 * sharing: written with libyaml's emitter (so any text round-trips) and
 * read back with a small reader of libyaml's events, reporting problems
 * as FILE:LINE:COL. This reader is its own: the shared YAML reader was
 * being written elsewhere at the same time; it can move onto that later.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "notes.h"
#include "util.h"

/* --- export --- */

struct nx {
	yaml_emitter_t	 em;
	int		 ok;
};

static void
nx_emit(struct nx *x, yaml_event_t *ev)
{
	if (x->ok && !yaml_emitter_emit(&x->em, ev))
		x->ok = 0;
}

/* A scalar: quoted so that no reader takes it for a number or a date. */
static void
nx_scalar(struct nx *x, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t	ev;
	int		plain = style == YAML_PLAIN_SCALAR_STYLE;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)
	    (uintptr_t)s, (int)strlen(s), plain, !plain, style);
	nx_emit(x, &ev);
}

static void
nx_entry(const struct notes_entry *e, void *arg)
{
	struct nx	*x = arg;
	yaml_event_t	 ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	nx_emit(x, &ev);
	nx_scalar(x, "event", YAML_PLAIN_SCALAR_STYLE);
	nx_scalar(x, e->event, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	nx_scalar(x, "marked", YAML_PLAIN_SCALAR_STYLE);
	nx_scalar(x, e->marked ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
	nx_scalar(x, "note", YAML_PLAIN_SCALAR_STYLE);
	if (e->note == NULL)
		nx_scalar(x, "null", YAML_PLAIN_SCALAR_STYLE);
	else
		nx_scalar(x, e->note, strchr(e->note, '\n') != NULL ?
		    YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	nx_scalar(x, "updated", YAML_PLAIN_SCALAR_STYLE);
	nx_scalar(x, e->updated, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	yaml_mapping_end_event_initialize(&ev);
	nx_emit(x, &ev);
}

static int
nx_write(void *data, unsigned char *buf, size_t size)
{
	return fwrite(buf, 1, size, data) == size;
}

int
notes_export(struct notes *n, FILE *out, char **err)
{
	struct nx	x;
	yaml_event_t	ev;
	int64_t		count;

	*err = NULL;
	memset(&x, 0, sizeof x);
	x.ok = 1;
	yaml_emitter_initialize(&x.em);
	yaml_emitter_set_output(&x.em, nx_write, out);
	yaml_emitter_set_unicode(&x.em, 1);
	yaml_emitter_set_width(&x.em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	nx_emit(&x, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	nx_emit(&x, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	nx_emit(&x, &ev);
	nx_scalar(&x, "notes", YAML_PLAIN_SCALAR_STYLE);
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE);
	nx_emit(&x, &ev);
	count = notes_each(n, nx_entry, &x, err);
	yaml_sequence_end_event_initialize(&ev);
	nx_emit(&x, &ev);
	yaml_mapping_end_event_initialize(&ev);
	nx_emit(&x, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	nx_emit(&x, &ev);
	yaml_stream_end_event_initialize(&ev);
	nx_emit(&x, &ev);
	if (!x.ok && *err == NULL)
		*err = xasprintf("cannot write the export: %s",
		    x.em.problem != NULL ? x.em.problem : "write error");
	yaml_emitter_delete(&x.em);
	if (count < 0 || !x.ok || fflush(out) != 0 || ferror(out)) {
		if (*err == NULL)
			*err = xstrdup("cannot write the export");
		return -1;
	}
	return 0;
}

/* --- import --- */

struct ni {
	yaml_parser_t		 p;
	yaml_event_t		 ev;
	int			 have;		/* ev holds an event */
	int			 broken;	/* a syntax error: stop */
	const char		*file;
	struct diag_list	*d;
	struct notes_entry	*v;
	int			 n;
	int			 cap;
};

static void	ni_error(struct ni *, const yaml_mark_t *, const char *, ...)
		    UTIL_PRINTF(3, 4);

static void
ni_error(struct ni *y, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* libyaml's marks count from 0. */
	diag_add(y->d, DIAG_ERROR, y->file, (int)m->line + 1,
	    (int)m->column + 1, "%s", msg);
	free(msg);
}

/* Reads the next event into y->ev. Returns 0, or -1 on a syntax error. */
static int
ni_next(struct ni *y)
{
	if (y->have)
		yaml_event_delete(&y->ev);
	y->have = 0;
	if (y->broken)
		return -1;
	if (!yaml_parser_parse(&y->p, &y->ev)) {
		ni_error(y, &y->p.problem_mark, "%s%s%s",
		    y->p.problem != NULL ? y->p.problem : "invalid YAML",
		    y->p.context != NULL ? " " : "",
		    y->p.context != NULL ? y->p.context : "");
		y->broken = 1;
		return -1;
	}
	y->have = 1;
	if (y->ev.type == YAML_ALIAS_EVENT) {
		ni_error(y, &y->ev.start_mark, "aliases are not allowed here");
		y->broken = 1;
		return -1;
	}
	return 0;
}

/* Skips the node whose first event is in y->ev. Returns 0 or -1. */
static int
ni_skip(struct ni *y)
{
	int	depth = 0;

	do {
		switch (y->ev.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (depth > 0 && ni_next(y) == -1)
			return -1;
	} while (depth > 0);
	return 0;
}

static const char *
ni_text(struct ni *y)
{
	return (const char *)y->ev.data.scalar.value;
}

/* Is the scalar in y->ev a YAML null? */
static int
ni_null(struct ni *y)
{
	const char	*s = ni_text(y);

	return y->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || *s == '\0' ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}

/* YYYY-MM-DDTHH:MM:SS, optional fraction, Z. */
static int
ni_time_ok(const char *s)
{
	static const char	 pat[] = "dddd-dd-ddTdd:dd:dd";
	size_t			 i;

	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	}
	s += i;
	if (*s == '.') {
		if (s[1] < '0' || s[1] > '9')
			return 0;
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	}
	return strcmp(s, "Z") == 0;
}

/* Reads one {event, marked, note, updated}; y->ev holds its start. */
static int
ni_entry(struct ni *y)
{
	struct notes_entry	 e;
	yaml_mark_t		 start = y->ev.start_mark, key;
	char			 name[16];
	int			 i, seen_marked = 0;

	memset(&e, 0, sizeof e);
	if (y->ev.type != YAML_MAPPING_START_EVENT) {
		ni_error(y, &start, "each note must be a mapping with event, "
		    "marked, note and updated");
		return ni_skip(y);
	}
	for (;;) {
		if (ni_next(y) == -1)
			goto fail;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		key = y->ev.start_mark;
		if (y->ev.type != YAML_SCALAR_EVENT) {
			ni_error(y, &key, "a key must be a plain word");
			if (ni_skip(y) == -1 || ni_next(y) == -1 ||
			    ni_skip(y) == -1)
				goto fail;
			continue;
		}
		snprintf(name, sizeof name, "%s", ni_text(y));
		if (ni_next(y) == -1)
			goto fail;
		if (y->ev.type != YAML_SCALAR_EVENT) {
			ni_error(y, &y->ev.start_mark, "'%s' must be a single "
			    "value, not a list or mapping", name);
			if (ni_skip(y) == -1)
				goto fail;
			continue;
		}
		if (strcmp(name, "event") == 0) {
			free(e.event);
			e.event = xstrdup(ni_text(y));
			if (*e.event == '\0')
				ni_error(y, &y->ev.start_mark, "the event id "
				    "is empty");
		} else if (strcmp(name, "marked") == 0) {
			seen_marked = 1;
			if (strcmp(ni_text(y), "true") == 0)
				e.marked = 1;
			else if (strcmp(ni_text(y), "false") == 0)
				e.marked = 0;
			else
				ni_error(y, &y->ev.start_mark, "marked must be "
				    "true or false, not '%s'", ni_text(y));
		} else if (strcmp(name, "note") == 0) {
			free(e.note);
			e.note = ni_null(y) ? NULL : xstrdup(ni_text(y));
		} else if (strcmp(name, "updated") == 0) {
			free(e.updated);
			e.updated = xstrdup(ni_text(y));
			if (!ni_time_ok(e.updated))
				ni_error(y, &y->ev.start_mark, "updated must be "
				    "an ISO 8601 UTC time such as "
				    "2025-06-13T04:00:00Z, not '%s'",
				    e.updated);
		} else
			ni_error(y, &key, "unknown key '%s' (expected event, "
			    "marked, note or updated)", name);
	}
	if (e.event == NULL)
		ni_error(y, &start, "a note without 'event'");
	if (e.updated == NULL)
		ni_error(y, &start, "a note without 'updated'");
	if (!seen_marked)
		ni_error(y, &start, "a note without 'marked'");
	for (i = 0; e.event != NULL && i < y->n; i++) {
		if (strcmp(y->v[i].event, e.event) == 0) {
			ni_error(y, &start, "event '%s' is given twice",
			    e.event);
			break;
		}
	}
	if (e.event == NULL || e.updated == NULL) {
		notes_entry_clear(&e);
		return 0;
	}
	if (y->n == y->cap) {
		y->cap = y->cap == 0 ? 32 : y->cap * 2;
		y->v = xreallocarray(y->v, (size_t)y->cap, sizeof *y->v);
	}
	y->v[y->n++] = e;
	return 0;
fail:
	notes_entry_clear(&e);
	return -1;
}

/* Reads the document: a mapping whose key notes holds the list. */
static void
ni_document(struct ni *y)
{
	yaml_mark_t	key;
	int		found = 0;

	while (ni_next(y) == 0 && y->ev.type != YAML_MAPPING_START_EVENT) {
		if (y->ev.type == YAML_STREAM_END_EVENT)
			break;
		if (y->ev.type == YAML_SEQUENCE_START_EVENT ||
		    y->ev.type == YAML_SCALAR_EVENT) {
			ni_error(y, &y->ev.start_mark, "expected a mapping "
			    "with the key 'notes'");
			return;
		}
	}
	if (y->broken || y->ev.type != YAML_MAPPING_START_EVENT) {
		if (!y->broken)
			ni_error(y, &y->ev.start_mark, "the file is empty; "
			    "expected 'notes:' as 'dossier notes export' "
			    "writes it");
		return;
	}
	while (ni_next(y) == 0 && y->ev.type != YAML_MAPPING_END_EVENT) {
		key = y->ev.start_mark;
		if (y->ev.type != YAML_SCALAR_EVENT ||
		    strcmp(ni_text(y), "notes") != 0) {
			ni_error(y, &key, "unknown key%s%s%s (expected "
			    "'notes')", y->ev.type == YAML_SCALAR_EVENT ?
			    " '" : "", y->ev.type == YAML_SCALAR_EVENT ?
			    ni_text(y) : "", y->ev.type == YAML_SCALAR_EVENT ?
			    "'" : "");
			if (ni_skip(y) == -1 || ni_next(y) == -1 ||
			    ni_skip(y) == -1)
				return;
			continue;
		}
		found = 1;
		if (ni_next(y) == -1)
			return;
		if (y->ev.type == YAML_SCALAR_EVENT && ni_null(y))
			continue;	/* "notes:" with nothing: none */
		if (y->ev.type != YAML_SEQUENCE_START_EVENT) {
			ni_error(y, &y->ev.start_mark, "'notes' must be a "
			    "list");
			if (ni_skip(y) == -1)
				return;
			continue;
		}
		while (ni_next(y) == 0 &&
		    y->ev.type != YAML_SEQUENCE_END_EVENT) {
			if (ni_entry(y) == -1)
				return;
		}
	}
	if (!y->broken && !found)
		ni_error(y, &y->ev.start_mark, "no 'notes' key");
}

int
notes_import(struct notes *n, const char *file, struct diag_list *diags,
    struct notes_merged *out, char **err)
{
	struct ni	 y;
	FILE		*f;
	int		 i, rc = -1;
	size_t		 before = diags->errors;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if ((f = fopen(file, "rb")) == NULL) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		return -1;
	}
	memset(&y, 0, sizeof y);
	y.file = file;
	y.d = diags;
	yaml_parser_initialize(&y.p);
	yaml_parser_set_input_file(&y.p, f);
	ni_document(&y);
	if (y.have)
		yaml_event_delete(&y.ev);
	yaml_parser_delete(&y.p);
	fclose(f);
	if (diags->errors == before)
		rc = notes_merge(n, y.v, y.n, out, err);
	for (i = 0; i < y.n; i++)
		notes_entry_clear(&y.v[i]);
	free(y.v);
	return rc;
}
