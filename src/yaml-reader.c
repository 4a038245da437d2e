/*
 * yaml-reader.c: libyaml's event API with positions and diagnostics, shared
 * by the content, theme and config loaders, so that a syntax error, a bad
 * byte or an alias reads the same whichever file it is in.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "yaml-reader.h"

#define YAML_READER_SHOW_MAX	40	/* characters of a value quoted back */

/* Adds a diagnostic at a libyaml mark (0-based) to a list. */
static void UTIL_PRINTF(5, 0)
yaml_reader_vdiag_to(struct yaml_reader *r, struct diag_list *dl,
    enum diag_level level, const yaml_mark_t *mark, const char *fmt,
    va_list ap)
{
	char	*msg;

	msg = xvasprintf(fmt, ap);
	diag_add(dl, level, r->file, (int)mark->line + 1,
	    (int)mark->column + 1, "%s", msg);
	free(msg);
	if (dl == r->diags && level == DIAG_ERROR)
		r->nerrors++;
}

void
yaml_reader_vdiag(struct yaml_reader *r, enum diag_level level,
    const yaml_mark_t *mark, const char *fmt, va_list ap)
{
	yaml_reader_vdiag_to(r, &r->pending, level, mark, fmt, ap);
}

void
yaml_reader_diag(struct yaml_reader *r, enum diag_level level,
    const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag_to(r, &r->pending, level, mark, fmt, ap);
	va_end(ap);
}

void
yaml_reader_diag_now(struct yaml_reader *r, enum diag_level level,
    const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag_to(r, r->diags, level, mark, fmt, ap);
	va_end(ap);
}

size_t
yaml_reader_errors(const struct yaml_reader *r)
{
	return r->nerrors + r->pending.errors;
}

/* Passes the held diagnostics on, or drops them if keep is 0. */
static void
yaml_reader_flush(struct yaml_reader *r, int keep)
{
	struct diag	*d;
	size_t		 i;

	for (i = 0; keep && i < r->pending.n; i++) {
		d = &r->pending.v[i];
		diag_add(r->diags, d->level, d->file, d->line, d->col, "%s",
		    d->msg);
		if (d->level == DIAG_ERROR)
			r->nerrors++;
	}
	diag_free(&r->pending);
}

yaml_mark_t
yaml_reader_mark_at(const struct yaml_reader *r, size_t off)
{
	yaml_mark_t	m;
	size_t		i;

	/* libyaml breaks lines at LF, CR LF and a lone CR. */
	memset(&m, 0, sizeof m);
	if (off > r->len)
		off = r->len;
	for (i = 0; i < off; i++) {
		if (r->data[i] == '\n' || (r->data[i] == '\r' &&
		    (i + 1 == r->len || r->data[i + 1] != '\n'))) {
			m.line++;
			m.column = 0;
		} else if (((unsigned char)r->data[i] & 0xc0) != 0x80)
			m.column++;
	}
	m.index = off;
	return m;
}

const char *
yaml_reader_line(const struct yaml_reader *r, size_t line, size_t *len)
{
	const char	*s = r->data, *end = r->data + r->len, *nl;

	while (line-- > 0) {
		if ((s = memchr(s, '\n', (size_t)(end - s))) == NULL)
			return NULL;
		s++;
	}
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		nl = end;
	*len = (size_t)(nl - s);
	return s;
}

/* Returns the character at a mark (line and column), or -1. */
static int
yaml_reader_char_at(const struct yaml_reader *r, const yaml_mark_t *m)
{
	const char	*s;
	size_t		 len, i, col = 0;

	if ((s = yaml_reader_line(r, m->line, &len)) == NULL)
		return -1;
	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (col++ == m->column)
			return (unsigned char)s[i];
	}
	return -1;
}

/*
 * Reports libyaml's error, the same way for every kind of file: a reader
 * error (a bad character) where its offset is, with the byte or code point;
 * a scanner or parser error at its problem mark, naming the construct it
 * was in and where that began (the context mark).
 */
static void
yaml_reader_syntax_error(struct yaml_reader *r)
{
	const yaml_parser_t	*yp = &r->yp;
	yaml_mark_t		 m;
	const char		*problem, *hint;
	char			*extra = NULL;

	problem = yp->problem != NULL ? yp->problem : "YAML syntax error";
	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		fatal("out of memory parsing %s", r->file);
	case YAML_READER_ERROR:
		m = yaml_reader_mark_at(r, yp->problem_offset);
		if (yp->problem_value >= 0 && yp->problem_value < 0x100)
			yaml_reader_diag_now(r, DIAG_ERROR, &m, "%s (byte "
			    "0x%02x)", problem, (unsigned)yp->problem_value);
		else if (yp->problem_value >= 0x100)
			yaml_reader_diag_now(r, DIAG_ERROR, &m, "%s (U+%04X)",
			    problem, (unsigned)yp->problem_value);
		else
			yaml_reader_diag_now(r, DIAG_ERROR, &m, "%s", problem);
		break;
	default:
		hint = "";
		if (yaml_reader_char_at(r, &yp->problem_mark) == '\t' &&
		    strstr(problem, "tab") == NULL)
			hint = "; indent with spaces, not tabs";
		else if (r->opts.hint != NULL &&
		    (extra = r->opts.hint(r, yp)) != NULL)
			hint = extra;
		if (yp->context != NULL)
			yaml_reader_diag_now(r, DIAG_ERROR, &yp->problem_mark,
			    "%s (%s at line %zu, column %zu)%s", problem,
			    yp->context, yp->context_mark.line + 1,
			    yp->context_mark.column + 1, hint);
		else
			yaml_reader_diag_now(r, DIAG_ERROR, &yp->problem_mark,
			    "%s%s", problem, hint);
		free(extra);
		break;
	}
}

/* Starts reading data (NUL-terminated, owned by the reader from now on). */
static int
yaml_reader_start(struct yaml_reader *r, const char *file, char *data,
    size_t len, const struct yaml_reader_opts *opts, struct diag_list *diags)
{
	yaml_mark_t	m;
	size_t		bad;

	memset(r, 0, sizeof *r);
	diag_init(&r->pending);
	r->file = file;
	r->diags = diags;
	if (opts != NULL)
		r->opts = *opts;
	if (r->opts.what == NULL)
		r->opts.what = "this file";
	r->alloc = data;
	/* A byte order mark would shift libyaml's columns: drop it. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r->data = data;
	r->len = len;
	if (!yaml_parser_initialize(&r->yp))
		fatal("out of memory");
	/*
	 * libyaml would stop at a bad byte too, but say less about where;
	 * after one, the rest of a file is seldom text worth reading.
	 */
	if (!text_valid(r->data, len, &bad)) {
		m = yaml_reader_mark_at(r, bad);
		yaml_reader_diag_now(r, DIAG_ERROR, &m, "invalid UTF-8 (byte "
		    "0x%02x)", (unsigned char)r->data[bad]);
		r->stop = 1;
		return -1;
	}
	yaml_parser_set_input_string(&r->yp, (const unsigned char *)r->data,
	    len);
	yaml_parser_set_encoding(&r->yp, YAML_UTF8_ENCODING);
	return 0;
}

int
yaml_reader_open(struct yaml_reader *r, const char *file, const char *data,
    size_t len, const struct yaml_reader_opts *opts, struct diag_list *diags)
{
	return yaml_reader_start(r, file, xstrndup(data, len), len, opts,
	    diags);
}

int
yaml_reader_open_owned(struct yaml_reader *r, const char *file, char *data,
    size_t len, const struct yaml_reader_opts *opts, struct diag_list *diags)
{
	return yaml_reader_start(r, file, data, len, opts, diags);
}

void
yaml_reader_close(struct yaml_reader *r)
{
	yaml_reader_flush(r, 1);
	if (r->have_ev)
		yaml_event_delete(&r->ev);
	r->have_ev = 0;
	yaml_parser_delete(&r->yp);
	free(r->alloc);
	r->alloc = r->data = NULL;
}

int
yaml_reader_next(struct yaml_reader *r)
{
	if (r->have_ev) {
		yaml_event_delete(&r->ev);
		r->have_ev = 0;
	}
	if (r->stop || r->ended)
		return -1;
	if (!yaml_parser_parse(&r->yp, &r->ev)) {
		yaml_reader_flush(r, 0);
		yaml_reader_syntax_error(r);
		r->stop = 1;
		return -1;
	}
	r->have_ev = 1;
	yaml_reader_flush(r, 1);
	/* Past the limit, looking further only costs time. */
	if (diag_full(r->diags)) {
		r->stop = 1;
		return -1;
	}
	switch (r->ev.type) {
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++r->depth > r->opts.max_depth && r->opts.max_depth > 0) {
			yaml_reader_diag_now(r, DIAG_ERROR, &r->ev.start_mark,
			    "nesting deeper than %d levels", r->opts.max_depth);
			r->stop = 1;
			return -1;
		}
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		r->depth--;
		break;
	case YAML_STREAM_END_EVENT:
		r->ended = 1;	/* libyaml gives empty events after it */
		break;
	case YAML_ALIAS_EVENT:
		yaml_reader_diag_now(r, DIAG_ERROR, &r->ev.start_mark,
		    "aliases are not allowed in %s (write the value out in "
		    "full)", r->opts.what);
		break;
	default:
		break;
	}
	return 0;
}

int
yaml_reader_skip(struct yaml_reader *r)
{
	int	depth;

	if (!r->have_ev || (r->ev.type != YAML_MAPPING_START_EVENT &&
	    r->ev.type != YAML_SEQUENCE_START_EVENT))
		return 0;
	depth = r->depth - 1;
	while (r->depth > depth) {
		if (yaml_reader_next(r) == -1)
			return -1;
	}
	return 0;
}

int
yaml_reader_next_key(struct yaml_reader *r, struct yaml_reader_key *k)
{
	for (;;) {
		if (yaml_reader_next(r) == -1 ||
		    r->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (r->ev.type == YAML_SCALAR_EVENT)
			break;
		if (r->ev.type != YAML_ALIAS_EVENT)
			yaml_reader_diag(r, DIAG_ERROR, &r->ev.start_mark,
			    "keys must be names, not %s",
			    yaml_reader_kind(&r->ev));
		if (yaml_reader_skip(r) == -1 || yaml_reader_next(r) == -1 ||
		    yaml_reader_skip(r) == -1)
			return 0;
	}
	k->len = r->ev.data.scalar.length;
	k->s = xstrndup((const char *)r->ev.data.scalar.value, k->len);
	k->mark = r->ev.start_mark;
	if (yaml_reader_next(r) == -1) {
		free(k->s);
		k->s = NULL;
		return 0;
	}
	return 1;
}

int
yaml_reader_is(const yaml_event_t *ev, const char *word)
{
	return ev->type == YAML_SCALAR_EVENT &&
	    ev->data.scalar.length == strlen(word) &&
	    memcmp(ev->data.scalar.value, word, ev->data.scalar.length) == 0;
}

int
yaml_reader_is_null(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return ev->data.scalar.length == 0 || yaml_reader_is(ev, "~") ||
	    yaml_reader_is(ev, "null") || yaml_reader_is(ev, "Null") ||
	    yaml_reader_is(ev, "NULL");
}

int
yaml_reader_bool(const yaml_event_t *ev)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	const char	*s = (const char *)ev->data.scalar.value;
	size_t		 len = ev->data.scalar.length, i;

	if (ev->type != YAML_SCALAR_EVENT)
		return -1;
	for (i = 0; i < 3; i++) {
		if (len == strlen(yes[i]) && strncasecmp(s, yes[i], len) == 0)
			return 1;
		if (len == strlen(no[i]) && strncasecmp(s, no[i], len) == 0)
			return 0;
	}
	return -1;
}

const char *
yaml_reader_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_SCALAR_EVENT:
		return yaml_reader_is_null(ev) ? "an empty value" : "a string";
	default:
		return "an alias";
	}
}

char *
yaml_reader_show(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b;
	size_t			 i, chars = 0, n;

	buf_init(&b);
	for (i = 0; i < len; i += n) {
		if (chars++ == YAML_READER_SHOW_MAX) {
			buf_adds(&b, "...");
			break;
		}
		n = 1;
		if (u[i] >= 0xc0)
			n = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : 2;
		if (i + n > len)
			n = len - i;
		/* C0 and DEL, then C1, then the bidi embeddings/isolates. */
		if (u[i] < 0x20 || u[i] == 0x7f)
			buf_addf(&b, "\\x%02x", u[i]);
		else if (n == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0)
			buf_addf(&b, "\\u%04x", u[i + 1]);
		else if (n == 3 && u[i] == 0xe2 && ((u[i + 1] == 0x80 &&
		    u[i + 2] >= 0xaa && u[i + 2] <= 0xae) ||
		    (u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9)))
			buf_addf(&b, "\\u20%02x", (u[i + 1] & 0x3) << 6 |
			    (u[i + 2] & 0x3f));
		else
			buf_add(&b, s + i, n);
	}
	return buf_detach(&b);
}
