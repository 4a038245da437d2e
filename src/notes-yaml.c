/*
 * notes-yaml.c: the user's notes and marks as YAML, for backups and for
 * sharing: written with libyaml's emitter (so any text round-trips) and
 * read back with the shared YAML reader (yaml-reader.c), which reports
 * problems as FILE:LINE:COL in the same words as for content and config.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "notes.h"
#include "suggest.h"
#include "util.h"
#include "yaml-reader.h"

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

/* Nested collections an export has: the root, the list, a note. */
#define NI_MAX_DEPTH	8

static const struct yaml_reader_opts ni_opts = {
	"a notes file", NI_MAX_DEPTH, NULL
};

struct ni {
	struct yaml_reader	 r;
	struct notes_entry	*v;
	int			 n;
	int			 cap;
};

static void	ni_error(struct ni *, const yaml_mark_t *, const char *, ...)
		    UTIL_PRINTF(3, 4);

/* Reports an error about the current event (held: see yaml-reader.h). */
static void
ni_error(struct ni *y, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag(&y->r, DIAG_ERROR, m, fmt, ap);
	va_end(ap);
}

static const char *
ni_text(struct ni *y)
{
	return (const char *)y->r.ev.data.scalar.value;
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

/* One key's scalar value of a note into e (the value is current). */
static void
ni_field(struct ni *y, struct notes_entry *e, const struct yaml_reader_key *k,
    int *seen_marked)
{
	const yaml_mark_t	*m = &y->r.ev.start_mark;

	if (strcmp(k->s, "event") == 0) {
		free(e->event);
		e->event = xstrdup(ni_text(y));
		if (*e->event == '\0')
			ni_error(y, m, "the event id is empty");
	} else if (strcmp(k->s, "marked") == 0) {
		*seen_marked = 1;
		if (yaml_reader_is(&y->r.ev, "true"))
			e->marked = 1;
		else if (yaml_reader_is(&y->r.ev, "false"))
			e->marked = 0;
		else
			ni_error(y, m, "marked must be true or false, not "
			    "'%s'", ni_text(y));
	} else if (strcmp(k->s, "note") == 0) {
		free(e->note);
		e->note = yaml_reader_is_null(&y->r.ev) ? NULL :
		    xstrdup(ni_text(y));
	} else if (strcmp(k->s, "updated") == 0) {
		free(e->updated);
		e->updated = xstrdup(ni_text(y));
		if (!ni_time_ok(e->updated))
			ni_error(y, m, "updated must be an ISO 8601 UTC time "
			    "such as 2025-06-13T04:00:00Z, not '%s'",
			    e->updated);
	} else
		ni_error(y, &k->mark, "unknown key '%s' (expected event, "
		    "marked, note or updated)", k->s);
}

/* Keeps e as read (the list takes it), or clears it if it is not whole. */
static void
ni_keep(struct ni *y, struct notes_entry *e, const yaml_mark_t *start,
    int seen_marked)
{
	int	i;

	if (e->event == NULL)
		ni_error(y, start, "a note without 'event'");
	if (e->updated == NULL)
		ni_error(y, start, "a note without 'updated'");
	if (!seen_marked)
		ni_error(y, start, "a note without 'marked'");
	for (i = 0; e->event != NULL && i < y->n; i++) {
		if (strcmp(y->v[i].event, e->event) == 0) {
			ni_error(y, start, "event '%s' is given twice",
			    e->event);
			break;
		}
	}
	if (e->event == NULL || e->updated == NULL) {
		notes_entry_clear(e);
		return;
	}
	if (y->n == y->cap) {
		y->cap = y->cap == 0 ? 32 : y->cap * 2;
		y->v = xreallocarray(y->v, (size_t)y->cap, sizeof *y->v);
	}
	y->v[y->n++] = *e;
}

/* Reads one {event, marked, note, updated}; its first event is current. */
static void
ni_entry(struct ni *y)
{
	struct notes_entry	 e;
	struct yaml_reader_key	 k;
	yaml_mark_t		 start = y->r.ev.start_mark;
	int			 seen_marked = 0;

	if (y->r.ev.type != YAML_MAPPING_START_EVENT) {
		if (y->r.ev.type != YAML_ALIAS_EVENT)
			ni_error(y, &start, "each note must be a mapping with "
			    "event, marked, note and updated");
		yaml_reader_skip(&y->r);
		return;
	}
	memset(&e, 0, sizeof e);
	while (yaml_reader_next_key(&y->r, &k)) {
		if (y->r.ev.type != YAML_SCALAR_EVENT) {
			if (y->r.ev.type != YAML_ALIAS_EVENT)
				ni_error(y, &y->r.ev.start_mark, "'%s' must "
				    "be a single value, not %s", k.s,
				    yaml_reader_kind(&y->r.ev));
			yaml_reader_skip(&y->r);
		} else
			ni_field(y, &e, &k, &seen_marked);
		free(k.s);
	}
	if (y->r.stop) {
		notes_entry_clear(&e);
		return;
	}
	ni_keep(y, &e, &start, seen_marked);
}

/* The value of 'notes' (current): a list of notes, or nothing. */
static void
ni_list(struct ni *y)
{
	if (yaml_reader_is_null(&y->r.ev))
		return;		/* "notes:" with nothing: none */
	if (y->r.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (y->r.ev.type != YAML_ALIAS_EVENT)
			ni_error(y, &y->r.ev.start_mark, "'notes' must be a "
			    "list, not %s", yaml_reader_kind(&y->r.ev));
		yaml_reader_skip(&y->r);
		return;
	}
	while (yaml_reader_next(&y->r) == 0 &&
	    y->r.ev.type != YAML_SEQUENCE_END_EVENT)
		ni_entry(y);
}

/* Reads the stream: one document, a mapping whose key notes is the list. */
static void
ni_document(struct ni *y)
{
	static const char *const ni_top[] = { "notes" };
	struct yaml_reader_key	 k;
	char			*show;
	int			 found = 0;

	/* The stream's start, then the document's (or the stream's end). */
	if (yaml_reader_next(&y->r) == -1 || yaml_reader_next(&y->r) == -1)
		return;
	if (y->r.ev.type == YAML_STREAM_END_EVENT ||
	    (yaml_reader_next(&y->r) == 0 && yaml_reader_is_null(&y->r.ev))) {
		ni_error(y, &y->r.ev.start_mark, "the file is empty; expected "
		    "'notes:' as 'dossier notes export' writes it");
		return;
	}
	if (y->r.stop)
		return;
	if (y->r.ev.type != YAML_MAPPING_START_EVENT) {
		if (y->r.ev.type != YAML_ALIAS_EVENT)
			ni_error(y, &y->r.ev.start_mark, "expected a mapping "
			    "with the key 'notes', not %s",
			    yaml_reader_kind(&y->r.ev));
		yaml_reader_skip(&y->r);
		return;
	}
	while (yaml_reader_next_key(&y->r, &k)) {
		if (strcmp(k.s, "notes") != 0 || k.len != 5) {
			show = yaml_reader_show(k.s, k.len);
			if (suggest_word(k.s, k.len, ni_top, 1) != NULL)
				ni_error(y, &k.mark, "unknown key '%s' (did "
				    "you mean 'notes'?)", show);
			else
				ni_error(y, &k.mark, "unknown key '%s' "
				    "(expected 'notes')", show);
			free(show);
			yaml_reader_skip(&y->r);
		} else {
			found = 1;
			ni_list(y);
		}
		free(k.s);
	}
	if (!y->r.stop && !found)
		ni_error(y, &y->r.ev.start_mark, "no 'notes' key");
}

int
notes_import(struct notes *n, const char *file, struct diag_list *diags,
    struct notes_merged *out, char **err)
{
	struct ni	 y;
	char		*data;
	size_t		 len, before = diags->errors;
	int		 i, rc = -1;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if ((data = util_read_file(file, 0, &len)) == NULL) {
		*err = xasprintf("%s: %s", file, strerror(errno));
		return -1;
	}
	memset(&y, 0, sizeof y);
	if (yaml_reader_open_owned(&y.r, file, data, len, &ni_opts,
	    diags) == 0)
		ni_document(&y);
	yaml_reader_close(&y.r);
	if (diags->errors == before && !diags->truncated)
		rc = notes_merge(n, y.v, y.n, out, err);
	for (i = 0; i < y.n; i++)
		notes_entry_clear(&y.v[i]);
	free(y.v);
	return rc;
}
