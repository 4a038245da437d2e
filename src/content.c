/*
 * content.c: finds content files and parses them with libyaml's event API,
 * checking each record against the content format (content/README.md) and
 * handing valid ones to a sink. Nothing is expanded or held beyond one
 * record: aliases are refused, unexpected structures are skipped without
 * recursion, so hostile files cost time and memory in proportion to their
 * size.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "content.h"
#include "text.h"
#include "yaml-reader.h"

#define CONTENT_MAX_SCALAR	(1024 * 1024)
#define CONTENT_MAX_DEPTH	64	/* directory nesting */

/* The parser's state for one file. */
struct cparse {
	struct yaml_reader	 r;	/* r.stop: give up on this file */
	int			 file;
	const struct content_sink *sink;
	int			 bad;	/* the current record is invalid */
};

/* How content is read: aliases refused; any nesting, skipped flat. */
static const struct yaml_reader_opts content_yaml_opts = {
	"content", 0, NULL
};

enum rec_kind {
	REC_ACTOR,
	REC_SOURCE,
	REC_EVENT,
	REC_EXCERPT,
	REC_CORPUS
};

static const char *rec_names[] = { "actor", "source", "event", "excerpt",
    "corpus" };

/* Position of a libyaml mark, 1-based. */
static struct content_pos
cp_pos(const yaml_mark_t *m)
{
	struct content_pos	p;

	p.line = (int)m->line + 1;
	p.col = (int)m->column + 1;
	return p;
}

static void
cp_error(struct cparse *cp, const yaml_mark_t *m, const char *fmt, ...)
    UTIL_PRINTF(3, 4);

/* Reports an error at mark m and marks the current record invalid. */
static void
cp_error(struct cparse *cp, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	yaml_reader_diag(&cp->r, DIAG_ERROR, m, "%s", msg);
	free(msg);
	cp->bad = 1;
}

/*
 * Moves to the next event. Returns 0, or -1 once the file is given up
 * (a syntax error, too many errors: reported). An alias, reported by the
 * reader, makes the record it is in invalid.
 */
static int
cp_next(struct cparse *cp)
{
	if (yaml_reader_next(&cp->r) == -1)
		return -1;
	if (cp->r.ev.type == YAML_ALIAS_EVENT)
		cp->bad = 1;
	return 0;
}

static const char *
cp_node_name(yaml_event_type_t t)
{
	switch (t) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "text";
	}
}

/* Is the current event an alias (reported by the reader)? */
static int
cp_alias(struct cparse *cp)
{
	return cp->r.ev.type == YAML_ALIAS_EVENT;
}

/* Is the current event a YAML null ("", "~", "null")? */
static int
cp_is_null(const yaml_event_t *ev)
{
	return yaml_reader_is_null(ev);
}

/* Skips the node whose first event is current (see yaml_reader_skip). */
static int
cp_skip(struct cparse *cp)
{
	return yaml_reader_skip(&cp->r);
}

/*
 * Reads the current node as a string into *out (newly allocated, or NULL
 * for a YAML null). Returns 0, or -1 after reporting a wrong type or a bad
 * value (and skipping the node).
 */
static int
cp_string(struct cparse *cp, const char *field, char **out)
{
	yaml_event_t	*ev = &cp->r.ev;
	const char	*v;
	size_t		 n;

	*out = NULL;
	if (ev->type == YAML_ALIAS_EVENT)
		return -1;
	if (ev->type != YAML_SCALAR_EVENT) {
		cp_error(cp, &ev->start_mark, "expected text for '%s', found %s",
		    field, cp_node_name(ev->type));
		cp_skip(cp);
		return -1;
	}
	if (cp_is_null(ev))
		return 0;
	v = (const char *)ev->data.scalar.value;
	n = ev->data.scalar.length;
	if (n > CONTENT_MAX_SCALAR) {
		cp_error(cp, &ev->start_mark,
		    "'%s' is too long (%zu bytes; the limit is %d)", field, n,
		    CONTENT_MAX_SCALAR);
		return -1;
	}
	if (memchr(v, '\0', n) != NULL) {
		cp_error(cp, &ev->start_mark, "'%s' contains a NUL character",
		    field);
		return -1;
	}
	if (strstr(v, TEXT_MARK_ON) != NULL || strstr(v, TEXT_MARK_OFF) != NULL) {
		cp_error(cp, &ev->start_mark,
		    "'%s' contains a Unicode noncharacter (U+FDD0 or U+FDD1)",
		    field);
		return -1;
	}
	*out = xstrndup(v, n);
	return 0;
}

static void
strs_add(struct content_strs *s, const char *v, struct content_pos pos)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 4 : s->cap * 2;
		s->v = xreallocarray(s->v, (size_t)s->cap, sizeof *s->v);
		s->pos = xreallocarray(s->pos, (size_t)s->cap, sizeof *s->pos);
	}
	s->v[s->n] = xstrdup(v);
	s->pos[s->n] = pos;
	s->n++;
}

static void
strs_free(struct content_strs *s)
{
	int	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s->pos);
	memset(s, 0, sizeof *s);
}

/*
 * Reads a list of strings ([a, b] or a block list). If ids is set, each
 * must be a valid id. Returns 0, or -1 after reporting.
 */
static int
cp_strlist(struct cparse *cp, const char *field, int ids,
    struct content_strs *out)
{
	char	*v;
	int	 rc = 0;

	if (cp->r.ev.type == YAML_SCALAR_EVENT && cp_is_null(&cp->r.ev))
		return 0;
	if (cp_alias(cp))
		return -1;
	if (cp->r.ev.type != YAML_SEQUENCE_START_EVENT) {
		cp_error(cp, &cp->r.ev.start_mark,
		    "expected a list for '%s' (write [a, b]), found %s", field,
		    cp_node_name(cp->r.ev.type));
		cp_skip(cp);
		return -1;
	}
	for (;;) {
		if (cp_next(cp) == -1)
			return -1;
		if (cp->r.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (cp_string(cp, field, &v) == -1) {
			rc = -1;
			continue;
		}
		if (v == NULL || *v == '\0') {
			cp_error(cp, &cp->r.ev.start_mark,
			    "empty item in '%s'", field);
			rc = -1;
		} else if (ids && !content_valid_id(v)) {
			cp_error(cp, &cp->r.ev.start_mark,
			    "'%s' is not a valid id (use a-z, 0-9 and '-', "
			    "starting with a letter or digit)", v);
			rc = -1;
		} else
			strs_add(out, v, cp_pos(&cp->r.ev.start_mark));
		free(v);
	}
	return rc;
}

/* Reads a true/false value. */
static int
cp_bool(struct cparse *cp, const char *field, int *out)
{
	char	*v;
	int	 rc = 0;

	if (cp_string(cp, field, &v) == -1)
		return -1;
	if (v == NULL)
		*out = 0;
	else if (strcmp(v, "true") == 0 || strcmp(v, "True") == 0 ||
	    strcmp(v, "TRUE") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "False") == 0 ||
	    strcmp(v, "FALSE") == 0)
		*out = 0;
	else {
		cp_error(cp, &cp->r.ev.start_mark,
		    "expected true or false for '%s', found '%s'", field, v);
		rc = -1;
	}
	free(v);
	return rc;
}

int
content_valid_id(const char *s)
{
	const char	*p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	}
	return p - s <= 200;
}

static int
content_digits(const char *s, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

int
content_valid_date(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, leap;

	if (strlen(s) != 10 || !content_digits(s, 4) || s[4] != '-' ||
	    !content_digits(s + 5, 2) || s[7] != '-' || !content_digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

int
content_valid_time(const char *s)
{
	int	h, m;

	if (strlen(s) != 5 || !content_digits(s, 2) || s[2] != ':' ||
	    !content_digits(s + 3, 2))
		return 0;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60;
}

/* One record being read: which kind, and the struct it fills. */
struct rec {
	enum rec_kind		 kind;
	yaml_mark_t		 start;
	unsigned		 seen;	/* bit per field index */
	union {
		struct content_actor	*actor;
		struct content_source	*source;
		struct content_event	*event;
		struct content_excerpt	*excerpt;
		struct content_corpus	*corpus;
	} u;
};

static int	cp_excerpts(struct cparse *, struct content_event *);

/*
 * Fields of each record kind, in one table: name, required, and the kind it
 * belongs to. A field's index is its bit in rec.seen.
 */
struct field {
	enum rec_kind	 kind;
	const char	*name;
	int		 required;
};

static const struct field fields[] = {
	{ REC_ACTOR, "id", 1 }, { REC_ACTOR, "name", 1 },
	{ REC_ACTOR, "kind", 1 }, { REC_ACTOR, "role", 0 },
	{ REC_ACTOR, "affiliation", 0 }, { REC_ACTOR, "aliases", 0 },
	{ REC_SOURCE, "id", 1 }, { REC_SOURCE, "title", 1 },
	{ REC_SOURCE, "publisher", 0 }, { REC_SOURCE, "url", 0 },
	{ REC_SOURCE, "published", 0 }, { REC_SOURCE, "text", 0 },
	{ REC_EVENT, "id", 1 }, { REC_EVENT, "date", 1 },
	{ REC_EVENT, "time", 0 }, { REC_EVENT, "approximate", 0 },
	{ REC_EVENT, "title", 1 }, { REC_EVENT, "summary", 0 },
	{ REC_EVENT, "actors", 0 }, { REC_EVENT, "tags", 0 },
	{ REC_EVENT, "excerpts", 0 },
	{ REC_EXCERPT, "source", 1 }, { REC_EXCERPT, "quote", 1 },
	{ REC_EXCERPT, "note", 0 },
	{ REC_ACTOR, "short", 0 }, { REC_SOURCE, "note", 0 },
	{ REC_CORPUS, "title", 1 }, { REC_CORPUS, "description", 0 },
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))

/* Index of a field of kind k, or -1. */
static int
field_find(enum rec_kind k, const char *name)
{
	int	i;

	for (i = 0; i < NFIELDS; i++) {
		if (fields[i].kind == k && strcmp(fields[i].name, name) == 0)
			return i;
	}
	return -1;
}

/* Reads one string field and checks it is set and, for ids, valid. */
static void
rec_text(struct cparse *cp, const char *field, char **dst, int id)
{
	char	*v;

	if (cp_string(cp, field, &v) == -1)
		return;
	if (v != NULL && id && !content_valid_id(v)) {
		cp_error(cp, &cp->r.ev.start_mark,
		    "'%s' is not a valid id (use a-z, 0-9 and '-', starting "
		    "with a letter or digit)", v);
		free(v);
		return;
	}
	free(*dst);
	*dst = v;
}

/* Reads a one-line text field: an actor's short label, a corpus title. */
static void
rec_line(struct cparse *cp, const char *field, char **dst)
{
	const yaml_mark_t	m = cp->r.ev.start_mark;

	rec_text(cp, field, dst, 0);
	if (*dst != NULL && (**dst == '\0' || strchr(*dst, '\n') != NULL))
		cp_error(cp, &m, "'%s' must be one line of text", field);
}

/* Reads the value of field f (current event) into the record. */
static void
rec_field(struct cparse *cp, struct rec *r, int f)
{
	const char		*name = fields[f].name;
	const yaml_mark_t	 m = cp->r.ev.start_mark;
	struct content_actor	*a;
	struct content_source	*s;
	struct content_event	*e;
	struct content_excerpt	*x;
	struct content_corpus	*c;
	char			*v = NULL;

	switch (r->kind) {
	case REC_ACTOR:
		a = r->u.actor;
		if (strcmp(name, "id") == 0) {
			a->pos = cp_pos(&m);
			rec_text(cp, name, &a->id, 1);
		} else if (strcmp(name, "name") == 0)
			rec_text(cp, name, &a->name, 0);
		else if (strcmp(name, "kind") == 0)
			rec_text(cp, name, &a->kind, 0);
		else if (strcmp(name, "role") == 0)
			rec_text(cp, name, &a->role, 0);
		else if (strcmp(name, "affiliation") == 0) {
			a->aff_pos = cp_pos(&m);
			rec_text(cp, name, &a->affiliation, 1);
		} else if (strcmp(name, "short") == 0)
			rec_line(cp, name, &a->shortname);
		else
			cp_strlist(cp, name, 0, &a->aliases);
		if (strcmp(name, "kind") == 0 && a->kind != NULL &&
		    strcmp(a->kind, "person") != 0 &&
		    strcmp(a->kind, "state") != 0 &&
		    strcmp(a->kind, "organization") != 0) {
			cp_error(cp, &m, "unknown kind '%s' (expected person, "
			    "state or organization)", a->kind);
		}
		break;
	case REC_SOURCE:
		s = r->u.source;
		if (strcmp(name, "id") == 0) {
			s->pos = cp_pos(&m);
			rec_text(cp, name, &s->id, 1);
		} else if (strcmp(name, "title") == 0)
			rec_text(cp, name, &s->title, 0);
		else if (strcmp(name, "publisher") == 0)
			rec_text(cp, name, &s->publisher, 0);
		else if (strcmp(name, "url") == 0)
			rec_text(cp, name, &s->url, 0);
		else if (strcmp(name, "text") == 0) {
			s->text_pos = cp_pos(&m);
			rec_text(cp, name, &s->text, 0);
		} else if (strcmp(name, "note") == 0)
			rec_text(cp, name, &s->note, 0);
		else {
			rec_text(cp, name, &s->published, 0);
			if (s->published != NULL &&
			    !content_valid_date(s->published))
				cp_error(cp, &m, "'%s' is not a real date "
				    "(expected YYYY-MM-DD)", s->published);
		}
		break;
	case REC_EVENT:
		e = r->u.event;
		if (strcmp(name, "id") == 0) {
			e->pos = cp_pos(&m);
			rec_text(cp, name, &e->id, 1);
		} else if (strcmp(name, "title") == 0) {
			rec_text(cp, name, &e->title, 0);
			if (e->title != NULL && strchr(e->title, '\n') != NULL)
				cp_error(cp, &m, "event title must be one line");
		} else if (strcmp(name, "summary") == 0)
			rec_text(cp, name, &e->summary, 0);
		else if (strcmp(name, "approximate") == 0)
			cp_bool(cp, name, &e->approximate);
		else if (strcmp(name, "actors") == 0)
			cp_strlist(cp, name, 1, &e->actors);
		else if (strcmp(name, "tags") == 0)
			cp_strlist(cp, name, 0, &e->tags);
		else if (strcmp(name, "excerpts") == 0)
			cp_excerpts(cp, e);
		else if (cp_string(cp, name, &v) == 0 && v != NULL) {
			if (strcmp(name, "date") == 0) {
				if (!content_valid_date(v))
					cp_error(cp, &m, "'%s' is not a real "
					    "date (expected YYYY-MM-DD)", v);
				else
					memcpy(e->date, v, 11);
			} else {
				if (!content_valid_time(v))
					cp_error(cp, &m, "'%s' is not a time "
					    "(expected HH:MM, 24-hour)", v);
				else
					memcpy(e->time, v, 6);
			}
		}
		free(v);
		break;
	case REC_EXCERPT:
		x = r->u.excerpt;
		if (strcmp(name, "source") == 0) {
			x->source_pos = cp_pos(&m);
			rec_text(cp, name, &x->source, 1);
		} else if (strcmp(name, "quote") == 0) {
			x->quote_pos = cp_pos(&m);
			rec_text(cp, name, &x->quote, 0);
		} else
			rec_text(cp, name, &x->note, 0);
		break;
	case REC_CORPUS:
		c = r->u.corpus;
		if (strcmp(name, "title") == 0)
			rec_line(cp, name, &c->title);
		else
			rec_text(cp, name, &c->description, 0);
		break;
	}
}

/*
 * Reads a record's mapping (current event: its start) field by field, then
 * checks that the required fields are there. Returns 0 if the record is
 * valid, -1 if not (reported), and sets cp->r.stop on a parse error.
 */
static int
cp_record(struct cparse *cp, struct rec *r)
{
	yaml_mark_t	 km;
	char		*key = NULL;
	int		 f, i, outer_bad = cp->bad;
	const char	*what = rec_names[r->kind];

	cp->bad = 0;
	r->start = cp->r.ev.start_mark;
	if (cp_alias(cp)) {
		cp->bad |= outer_bad;
		return -1;
	}
	if (cp->r.ev.type != YAML_MAPPING_START_EVENT) {
		cp_error(cp, &cp->r.ev.start_mark, "expected %s (a mapping "
		    "with %s fields), found %s", what, what,
		    cp_node_name(cp->r.ev.type));
		cp_skip(cp);
		cp->bad |= outer_bad;
		return -1;
	}
	/* Every way out of the loop goes through the cleanup below it. */
	for (;;) {
		if (cp_next(cp) == -1)
			break;
		if (cp->r.ev.type == YAML_MAPPING_END_EVENT)
			break;
		km = cp->r.ev.start_mark;
		free(key);
		key = NULL;
		if (cp_alias(cp))
			continue;
		if (cp->r.ev.type != YAML_SCALAR_EVENT) {
			cp_error(cp, &km, "expected a field name, found %s",
			    cp_node_name(cp->r.ev.type));
			if (cp_skip(cp) == -1 || cp_next(cp) == -1 ||
			    cp_skip(cp) == -1)
				break;
			continue;
		}
		key = xstrdup((const char *)cp->r.ev.data.scalar.value);
		if (cp_next(cp) == -1)
			break;
		f = field_find(r->kind, key);
		if (f == -1) {
			yaml_reader_diag(&cp->r, DIAG_WARNING, &km,
			    "unknown field '%s' in %s (ignored)", key, what);
			if (cp_skip(cp) == -1)
				break;
			continue;
		}
		if (r->seen & (1u << f)) {
			cp_error(cp, &km, "'%s' is given twice in this %s",
			    key, what);
			if (cp_skip(cp) == -1)
				break;
			continue;
		}
		r->seen |= 1u << f;
		rec_field(cp, r, f);
		if (cp->r.stop)
			break;
	}
	free(key);
	if (cp->r.stop)
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		if (fields[i].kind == r->kind && fields[i].required &&
		    !(r->seen & (1u << i)))
			cp_error(cp, &r->start, "%s has no '%s'", what,
			    fields[i].name);
	}
	i = cp->bad ? -1 : 0;
	cp->bad |= outer_bad;
	return i;
}

/* Reads a required text field that YAML gave as null: report it. */
static void
rec_require(struct cparse *cp, struct rec *r, const char *v, const char *f)
{
	if (v == NULL && (r->seen & (1u << field_find(r->kind, f))))
		cp_error(cp, &r->start, "%s has an empty '%s'",
		    rec_names[r->kind], f);
}

static void
excerpt_free(struct content_excerpt *x)
{
	free(x->source);
	free(x->quote);
	free(x->note);
}

/* Reads an event's excerpts list. */
static int
cp_excerpts(struct cparse *cp, struct content_event *e)
{
	struct content_excerpt	 x;
	struct rec		 r;
	int			 ok, n = 0;

	if (cp->r.ev.type == YAML_SCALAR_EVENT && cp_is_null(&cp->r.ev))
		return 0;
	if (cp_alias(cp))
		return 0;
	if (cp->r.ev.type != YAML_SEQUENCE_START_EVENT) {
		cp_error(cp, &cp->r.ev.start_mark, "expected a list of "
		    "excerpts, found %s", cp_node_name(cp->r.ev.type));
		return cp_skip(cp);
	}
	for (;;) {
		if (cp_next(cp) == -1)
			return -1;
		if (cp->r.ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		memset(&x, 0, sizeof x);
		memset(&r, 0, sizeof r);
		if (++n == CONTENT_MAX_EXCERPTS + 1) {
			/* The store numbers excerpts within their event. */
			cp_error(cp, &cp->r.ev.start_mark, "an event has at "
			    "most %d excerpts", CONTENT_MAX_EXCERPTS);
			cp->bad = 1;
		}
		r.kind = REC_EXCERPT;
		r.u.excerpt = &x;
		x.pos = cp_pos(&cp->r.ev.start_mark);
		ok = cp_record(cp, &r) == 0;
		if (cp->r.stop) {
			excerpt_free(&x);
			return -1;
		}
		if (ok) {
			rec_require(cp, &r, x.source, "source");
			rec_require(cp, &r, x.quote, "quote");
			ok = x.source != NULL && x.quote != NULL;
		}
		if (!ok || e->nexcerpts == CONTENT_MAX_EXCERPTS) {
			cp->bad = 1;
			excerpt_free(&x);
			continue;
		}
		if (e->nexcerpts == e->capexcerpts) {
			e->capexcerpts = e->capexcerpts == 0 ? 2 :
			    e->capexcerpts * 2;
			e->excerpts = xreallocarray(e->excerpts,
			    (size_t)e->capexcerpts, sizeof *e->excerpts);
		}
		e->excerpts[e->nexcerpts++] = x;
	}
}

static void
actor_free(struct content_actor *a)
{
	free(a->id);
	free(a->name);
	free(a->kind);
	free(a->role);
	free(a->affiliation);
	free(a->shortname);
	strs_free(&a->aliases);
}

static void
source_free(struct content_source *s)
{
	free(s->id);
	free(s->title);
	free(s->publisher);
	free(s->url);
	free(s->published);
	free(s->text);
	free(s->note);
}

static void
event_free(struct content_event *e)
{
	int	i;

	free(e->id);
	free(e->title);
	free(e->summary);
	strs_free(&e->actors);
	strs_free(&e->tags);
	for (i = 0; i < e->nexcerpts; i++)
		excerpt_free(&e->excerpts[i]);
	free(e->excerpts);
}

/* Reads one record of kind k and hands it to the sink if valid. */
static void
cp_one(struct cparse *cp, enum rec_kind k)
{
	struct content_actor	a;
	struct content_source	s;
	struct content_event	e;
	struct content_corpus	c;
	struct rec		r;
	int			ok, rc = 0;

	memset(&r, 0, sizeof r);
	r.kind = k;
	cp->bad = 0;
	switch (k) {
	case REC_ACTOR:
		memset(&a, 0, sizeof a);
		r.u.actor = &a;
		ok = cp_record(cp, &r) == 0;
		if (ok) {
			rec_require(cp, &r, a.id, "id");
			rec_require(cp, &r, a.name, "name");
			rec_require(cp, &r, a.kind, "kind");
			ok = a.id != NULL && a.name != NULL && a.kind != NULL;
		}
		if (ok && !cp->r.stop && cp->sink->actor != NULL)
			rc = cp->sink->actor(cp->sink->arg, cp->file, &a);
		actor_free(&a);
		break;
	case REC_SOURCE:
		memset(&s, 0, sizeof s);
		r.u.source = &s;
		ok = cp_record(cp, &r) == 0;
		if (ok) {
			rec_require(cp, &r, s.id, "id");
			rec_require(cp, &r, s.title, "title");
			ok = s.id != NULL && s.title != NULL;
		}
		if (ok && !cp->r.stop && cp->sink->source != NULL)
			rc = cp->sink->source(cp->sink->arg, cp->file, &s);
		source_free(&s);
		break;
	case REC_CORPUS:
		memset(&c, 0, sizeof c);
		r.u.corpus = &c;
		c.pos = cp_pos(&cp->r.ev.start_mark);
		ok = cp_record(cp, &r) == 0;
		if (ok) {
			rec_require(cp, &r, c.title, "title");
			ok = c.title != NULL;
		}
		if (ok && !cp->r.stop && cp->sink->corpus != NULL)
			rc = cp->sink->corpus(cp->sink->arg, cp->file, &c);
		free(c.title);
		free(c.description);
		break;
	default:
		memset(&e, 0, sizeof e);
		r.u.event = &e;
		ok = cp_record(cp, &r) == 0;
		if (ok) {
			rec_require(cp, &r, e.id, "id");
			rec_require(cp, &r, e.title, "title");
			if (e.date[0] == '\0' &&
			    (r.seen & (1u << field_find(k, "date"))) &&
			    !cp->bad)
				cp_error(cp, &r.start, "event has an empty "
				    "'date'");
			ok = !cp->bad && e.id != NULL && e.title != NULL &&
			    e.date[0] != '\0';
		}
		if (ok && !cp->r.stop && cp->sink->event != NULL)
			rc = cp->sink->event(cp->sink->arg, cp->file, &e);
		event_free(&e);
		break;
	}
	if (rc == -1)
		cp->r.stop = 1;
}

/* Reads a top-level list of records of kind k. */
static void
cp_list(struct cparse *cp, enum rec_kind k, const char *key)
{
	if (cp->r.ev.type == YAML_SCALAR_EVENT && cp_is_null(&cp->r.ev))
		return;
	if (cp_alias(cp))
		return;
	if (cp->r.ev.type != YAML_SEQUENCE_START_EVENT) {
		cp_error(cp, &cp->r.ev.start_mark,
		    "expected a list under '%s:', found %s", key,
		    cp_node_name(cp->r.ev.type));
		cp_skip(cp);
		return;
	}
	for (;;) {
		if (cp_next(cp) == -1)
			return;
		if (cp->r.ev.type == YAML_SEQUENCE_END_EVENT)
			return;
		cp_one(cp, k);
		if (cp->r.stop)
			return;
	}
}

/* Reads one document: a mapping of actors, sources and events. */
static void
cp_document(struct cparse *cp)
{
	yaml_mark_t	 km;
	char		*key;

	if (cp->r.ev.type == YAML_SCALAR_EVENT && cp_is_null(&cp->r.ev))
		return;
	if (cp_alias(cp))
		return;
	if (cp->r.ev.type != YAML_MAPPING_START_EVENT) {
		cp_error(cp, &cp->r.ev.start_mark, "expected a mapping with "
		    "'actors:', 'sources:' or 'events:', found %s",
		    cp_node_name(cp->r.ev.type));
		cp_skip(cp);
		return;
	}
	for (;;) {
		if (cp_next(cp) == -1)
			return;
		if (cp->r.ev.type == YAML_MAPPING_END_EVENT)
			return;
		km = cp->r.ev.start_mark;
		if (cp->r.ev.type != YAML_SCALAR_EVENT) {
			cp_error(cp, &km, "expected 'actors:', 'sources:' or "
			    "'events:', found %s", cp_node_name(cp->r.ev.type));
			if (cp_skip(cp) == -1 || cp_next(cp) == -1 ||
			    cp_skip(cp) == -1)
				return;
			continue;
		}
		key = xstrdup((const char *)cp->r.ev.data.scalar.value);
		if (cp_next(cp) == -1) {
			free(key);
			return;
		}
		if (strcmp(key, "actors") == 0)
			cp_list(cp, REC_ACTOR, key);
		else if (strcmp(key, "sources") == 0)
			cp_list(cp, REC_SOURCE, key);
		else if (strcmp(key, "events") == 0)
			cp_list(cp, REC_EVENT, key);
		else if (strcmp(key, "corpus") == 0)
			cp_one(cp, REC_CORPUS);
		else {
			yaml_reader_diag(&cp->r, DIAG_WARNING, &km,
			    "unknown section '%s' (ignored; expected actors, "
			    "sources or events)", key);
			cp_skip(cp);
		}
		free(key);
		if (cp->r.stop)
			return;
	}
}

/* Reads a whole file into memory; returns NULL and sets errno on failure. */
static char *
content_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Offset of the first line longer than a value may be, or (size_t)-1. */
static size_t
content_long_line(const char *buf, size_t len)
{
	const char	*p = buf, *end = buf + len, *nl;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) > CONTENT_MAX_SCALAR)
			return (size_t)(p - buf);
		p = nl + 1;
	}
	return (size_t)-1;
}

int
content_parse(const char *path, int file, const struct content_sink *sink,
    struct diag_list *diags)
{
	struct cparse	 cp;
	char		*buf;
	size_t		 len, bad, i;
	int		 line, rc;

	if ((buf = content_read(path, &len)) == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	/*
	 * A value is at most CONTENT_MAX_SCALAR bytes: a longer line is
	 * refused before libyaml, or even the UTF-8 check, spends time on it.
	 */
	if ((bad = content_long_line(buf, len)) != (size_t)-1) {
		for (i = 0, line = 1; i < bad; i++)
			line += buf[i] == '\n';
		diag_add(diags, DIAG_ERROR, path, line, 1, "line is longer "
		    "than %d bytes (the limit for one value)",
		    CONTENT_MAX_SCALAR);
		free(buf);
		return -1;
	}
	memset(&cp, 0, sizeof cp);
	cp.file = file;
	cp.sink = sink;
	yaml_reader_open_owned(&cp.r, path, buf, len, &content_yaml_opts,
	    diags);
	while (cp_next(&cp) == 0) {
		if (cp.r.ev.type == YAML_STREAM_END_EVENT)
			break;
		if (cp.r.ev.type == YAML_DOCUMENT_START_EVENT) {
			if (cp_next(&cp) == -1)
				break;
			cp_document(&cp);
		}
	}
	rc = cp.r.stop ? -1 : 0;
	yaml_reader_close(&cp.r);
	return rc;
}

/*
 * The directory walk's state: what it found, the directories it is in,
 * and the path of the current entry. Entries are looked at relative to
 * their directory's descriptor (fstatat, openat), so the kernel walks a
 * name, not the whole path, and no path is formatted unless a file is
 * kept or a problem reported.
 */
struct scan {
	struct content_file	*files;
	int			 n;
	int			 cap;
	struct diag_list	*diags;
	dev_t			 devs[CONTENT_MAX_DEPTH];
	ino_t			 inos[CONTENT_MAX_DEPTH];
	int			 depth;
	char			*path;	/* top + "/" + rel of the entry */
	size_t			 len;	/* strlen(path) */
	size_t			 size;	/* allocated */
	size_t			 top;	/* strlen of the top directory */
};

static int
scan_cmp(const void *a, const void *b)
{
	const struct content_file	*fa = a, *fb = b;

	return strcmp(fa->rel, fb->rel);
}

static int
scan_is_yaml(const char *name)
{
	size_t	n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0 && name[0] != '.';
}

/* Appends "/" and name to the walk's path; returns the length to go back to. */
static size_t
scan_push(struct scan *sc, const char *name)
{
	size_t	old = sc->len, n = strlen(name);

	if (sc->len + n + 2 > sc->size) {
		sc->size = sc->size * 2 > sc->len + n + 2 ? sc->size * 2 :
		    sc->len + n + 2;
		sc->path = xrealloc(sc->path, sc->size);
	}
	sc->path[sc->len++] = '/';
	memcpy(sc->path + sc->len, name, n + 1);
	sc->len += n;
	return old;
}

/* Keeps the file at the walk's path, whose stat is st. */
static void
scan_add(struct scan *sc, const struct stat *st)
{
	struct content_file	*f;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap == 0 ? 16 : sc->cap * 2;
		sc->files = xreallocarray(sc->files, (size_t)sc->cap,
		    sizeof *sc->files);
	}
	f = &sc->files[sc->n++];
	/* One allocation: rel is the tail of path. */
	f->path = xmalloc(sc->len + 1);
	memcpy(f->path, sc->path, sc->len + 1);
	f->rel = f->path + sc->top + 1;
	f->size = st->st_size;
	f->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
	    st->st_mtim.tv_nsec;
}

static void	scan_dir(struct scan *, DIR *, const struct stat *);

/*
 * Opens the directory name of the directory open at dfd (the walk's path
 * names it) and walks it; st is its stat.
 */
static void
scan_sub(struct scan *sc, int dfd, const char *name, const struct stat *st)
{
	DIR	*d;
	int	 fd, e;

	fd = openat(dfd, name, O_RDONLY | O_NONBLOCK | O_DIRECTORY |
	    O_CLOEXEC);
	if (fd == -1 || (d = fdopendir(fd)) == NULL) {
		e = errno;
		if (fd != -1)
			close(fd);
		diag_add(sc->diags, DIAG_ERROR, sc->path, 0, 0,
		    "cannot read directory: %s", strerror(e));
		return;
	}
	scan_dir(sc, d, st);
}

/*
 * Walks the open directory d, at the walk's path, whose stat is st, and
 * closes it. A directory already on the current path is a symbolic link
 * loop.
 */
static void
scan_dir(struct scan *sc, DIR *d, const struct stat *st)
{
	struct dirent	*de;
	struct stat	 est;
	size_t		 old;
	int		 i, dfd = dirfd(d);

	for (i = 0; i < sc->depth; i++) {
		if (sc->devs[i] == st->st_dev && sc->inos[i] == st->st_ino) {
			diag_add(sc->diags, DIAG_ERROR, sc->path, 0, 0,
			    "symbolic link loop (skipped)");
			closedir(d);
			return;
		}
	}
	if (sc->depth == CONTENT_MAX_DEPTH) {
		diag_add(sc->diags, DIAG_ERROR, sc->path, 0, 0,
		    "directories nested too deep (limit %d)",
		    CONTENT_MAX_DEPTH);
		closedir(d);
		return;
	}
	sc->devs[sc->depth] = st->st_dev;
	sc->inos[sc->depth] = st->st_ino;
	sc->depth++;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		old = scan_push(sc, de->d_name);
		/* Symbolic links are followed, as stat(2) does. */
		if (fstatat(dfd, de->d_name, &est, 0) == -1) {
			if (scan_is_yaml(de->d_name) || errno == ELOOP)
				diag_add(sc->diags, DIAG_ERROR, sc->path, 0, 0,
				    "cannot read: %s", strerror(errno));
		} else if (S_ISDIR(est.st_mode))
			scan_sub(sc, dfd, de->d_name, &est);
		else if (S_ISREG(est.st_mode) && scan_is_yaml(de->d_name))
			scan_add(sc, &est);
		sc->len = old;
		sc->path[old] = '\0';
	}
	closedir(d);
	sc->depth--;
}

int
content_scan(const char *dir, struct content_file **files,
    struct diag_list *diags)
{
	struct scan	sc;
	struct stat	st;
	DIR		*d;
	int		 e;

	*files = NULL;
	if ((d = opendir(dir)) == NULL || fstat(dirfd(d), &st) == -1) {
		/* Say why, as a stat of dir would. */
		e = errno;
		if (d != NULL)
			closedir(d);
		if (stat(dir, &st) == -1) {
			diag_add(diags, DIAG_ERROR, dir, 0, 0,
			    "cannot read: %s", strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			diag_add(diags, DIAG_ERROR, dir, 0, 0,
			    "not a directory");
			return -1;
		}
		diag_add(diags, DIAG_ERROR, dir, 0, 0,
		    "cannot read directory: %s", strerror(e));
		return 0;
	}
	memset(&sc, 0, sizeof sc);
	sc.diags = diags;
	sc.top = sc.len = strlen(dir);
	sc.size = sc.len + 256;
	sc.path = xmalloc(sc.size);
	memcpy(sc.path, dir, sc.len + 1);
	scan_dir(&sc, d, &st);
	free(sc.path);
	if (sc.n > 1)
		qsort(sc.files, (size_t)sc.n, sizeof *sc.files, scan_cmp);
	*files = sc.files;
	return sc.n;
}

void
content_files_free(struct content_file *files, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(files[i].path);	/* rel is part of it */
	free(files);
}
