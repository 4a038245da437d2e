/*
 * export.c: walks a view of the timeline and hands each event, with its
 * day and the user's mark and note, to a format writer (export-*.c); writes
 * files through a temporary beside them; and the text helpers the writers
 * share (control characters, link safety, day names, citations).
 *
 * An export reads the view twice: once by rows, which is cheap, to know
 * its days (the HTML's table of contents, Markdown's approximate days),
 * then event by event through store_detail_get. Neither pass holds more
 * than a batch of events in memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "replace.h"
#include "text.h"

static const struct export_writer *const export_writers[EXPORT_NFORMATS] = {
	&export_markdown_writer,
	&export_html_writer,
	&export_csv_writer,
	&export_json_writer,
	&export_ics_writer,
	&export_timelinejs_writer,
};

#define EXPORT_BATCH	128

int
export_format_parse(const char *name, enum export_format *f)
{
	int	i;

	for (i = 0; i < EXPORT_NFORMATS; i++) {
		if (strcmp(name, export_writers[i]->name) == 0) {
			*f = (enum export_format)i;
			return 0;
		}
	}
	return -1;
}

const char *
export_format_name(enum export_format f)
{
	return export_writers[f]->name;
}

/* Ends with suffix, case-insensitive. */
static int
export_ends(const char *s, const char *suffix)
{
	size_t	ls = strlen(s), lx = strlen(suffix);

	return ls > lx && strcasecmp(s + ls - lx, suffix) == 0;
}

int
export_format_of_path(const char *path, enum export_format *f)
{
	int	i;

	/* ".timeline.json" before ".json": the longer one wins. */
	if (export_ends(path, export_timelinejs_writer.ext)) {
		*f = EXPORT_TIMELINEJS;
		return 0;
	}
	for (i = 0; i < EXPORT_NFORMATS; i++) {
		if (export_ends(path, export_writers[i]->ext)) {
			*f = (enum export_format)i;
			return 0;
		}
	}
	if (export_ends(path, ".markdown"))
		*f = EXPORT_MARKDOWN;
	else if (export_ends(path, ".htm"))
		*f = EXPORT_HTML;
	else
		return -1;
	return 0;
}

char *
export_title(struct store *s, const char *content)
{
	const char	*base;
	char		*t;
	size_t		 n;

	if ((t = store_export_title(s)) != NULL)
		return t;
	/* "a/b/", "a/b" and "b" all give "b". */
	n = strlen(content);
	while (n > 1 && content[n - 1] == '/')
		n--;
	for (base = content + n; base > content && base[-1] != '/'; base--)
		;
	return xstrndup(base, (size_t)(content + n - base));
}

const char *
export_format_list(void)
{
	return "markdown, html, csv, json, ics, timelinejs";
}

const char *
export_extension_list(void)
{
	return ".md, .html, .csv, .json, .ics, .timeline.json";
}

/* ---- Text helpers ---- */

void
export_clean(struct buf *b, const char *s)
{
	size_t	 len = strlen(s), i = 0;
	int32_t	 cp;
	char	 esc[16];
	int	 n, e;

	while (i < len) {
		if (s[i] == '\r') {
			/* CRLF and a lone CR both end a line. */
			buf_addc(b, '\n');
			i += s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\t')
			e = 0;
		else
			e = text_escape_cp(cp, (unsigned char)s[i], esc);
		if (e > 0)
			buf_add(b, esc, (size_t)e);
		else
			buf_add(b, s + i, (size_t)n);
		i += (size_t)n;
	}
	if (b->data == NULL)
		buf_adds(b, "");
}

int
export_url_linkable(const char *url)
{
	size_t	i;

	if (url == NULL)
		return 0;
	/* No white space or control anywhere: browsers strip them. */
	for (i = 0; url[i] != '\0'; i++) {
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return 0;
	}
	return strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "http://", 7) == 0;
}

void
export_day_name(const char *date, char *out)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mn[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int	y, m, d, yy;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		snprintf(out, 16, "%.10s", date);
		return;
	}
	/* Sakamoto's day of the week, Gregorian. */
	yy = m < 3 ? y - 1 : y;
	snprintf(out, 16, "%s %d %s %04d",
	    wd[(yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7], d,
	    mn[m - 1], y);
}

void
export_json_string(FILE *out, const char *s)
{
	const unsigned char	*p;

	fputc('"', out);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

char *
export_citation(const struct store_excerpt *x)
{
	struct buf	b;

	buf_init(&b);
	buf_addc(&b, '"');
	export_clean(&b, x->quote);
	buf_adds(&b, "\" \xe2\x80\x94 ");	/* em dash */
	export_clean(&b, x->source_title);
	if (x->publisher != NULL) {
		buf_adds(&b, ", ");
		export_clean(&b, x->publisher);
	}
	if (x->published != NULL) {
		buf_adds(&b, ", ");
		export_clean(&b, x->published);
	}
	/* "Supporting Iran Or Israel?." would be one stop too many. */
	if (strchr(".?!", b.data[b.len - 1]) == NULL)
		buf_addc(&b, '.');
	if (x->url != NULL) {
		buf_addc(&b, ' ');
		export_clean(&b, x->url);
	}
	return buf_detach(&b);
}

/* ---- Sources cited, once each ---- */

static size_t
export_hash(const char *s)
{
	size_t	h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Remembers the source of x if it is new. */
static void
export_cite(struct export_ctx *c, const struct store_excerpt *x)
{
	struct export_source	*src;
	size_t			 i, j;

	if (c->nsources * 2 >= c->hashcap) {
		free(c->hash);
		c->hashcap = c->hashcap == 0 ? 64 : c->hashcap * 2;
		c->hash = xcalloc(c->hashcap, sizeof *c->hash);
		for (j = 0; j < c->nsources; j++) {
			i = export_hash(c->sources[j].id) & (c->hashcap - 1);
			while (c->hash[i] != 0)
				i = (i + 1) & (c->hashcap - 1);
			c->hash[i] = j + 1;
		}
	}
	i = export_hash(x->source) & (c->hashcap - 1);
	for (; c->hash[i] != 0; i = (i + 1) & (c->hashcap - 1)) {
		if (strcmp(c->sources[c->hash[i] - 1].id, x->source) == 0)
			return;
	}
	if (c->nsources == c->capsources) {
		c->capsources = c->capsources == 0 ? 16 : c->capsources * 2;
		c->sources = xreallocarray(c->sources, c->capsources,
		    sizeof *c->sources);
	}
	src = &c->sources[c->nsources++];
	src->id = xstrdup(x->source);
	src->title = xstrdup(x->source_title);
	src->publisher = x->publisher != NULL ? xstrdup(x->publisher) : NULL;
	src->url = x->url != NULL ? xstrdup(x->url) : NULL;
	src->published = x->published != NULL ? xstrdup(x->published) : NULL;
	c->hash[i] = c->nsources;
}

static void
export_ctx_free(struct export_ctx *c)
{
	size_t	i;

	for (i = 0; i < c->nsources; i++) {
		free(c->sources[i].id);
		free(c->sources[i].title);
		free(c->sources[i].publisher);
		free(c->sources[i].url);
		free(c->sources[i].published);
	}
	free(c->sources);
	free(c->hash);
	free(c->days);
}

/* ---- The walk ---- */

/*
 * Asks for the user's mark and note of id into *p; returns 1 if the event
 * goes into the export, 0 if not (--marked), -1 on error.
 */
static int
export_keep(const struct export_options *o, const char *id,
    struct export_personal *p, char **err)
{
	memset(p, 0, sizeof *p);
	if (o->personal != NULL && o->personal(o->arg, id, p, err) == -1)
		return -1;
	return !o->marked_only || p->marked;
}

static void
export_personal_clear(struct export_personal *p)
{
	free(p->note);
	p->note = NULL;
}

/* The first pass: the days of the view and their counts. */
static int
export_days(struct export_ctx *c, struct store_view *v, char **err)
{
	struct store_row	 rows[EXPORT_BATCH];
	struct export_personal	 p;
	struct export_day	*d;
	size_t			 cap = 0;
	int64_t			 pos;
	int			 n, i, k = 1;

	for (pos = 1; k >= 0; pos += n) {
		if ((n = store_view_rows(v, pos, EXPORT_BATCH, rows)) == 0)
			break;
		for (i = 0; i < n && k >= 0; i++) {
			k = export_keep(c->o, rows[i].id, &p, err);
			export_personal_clear(&p);
			if (k != 1)
				continue;
			d = c->ndays > 0 ? &c->days[c->ndays - 1] : NULL;
			if (d == NULL || strcmp(d->date, rows[i].date) != 0) {
				if (c->ndays == cap) {
					cap = cap == 0 ? 64 : cap * 2;
					c->days = xreallocarray(c->days, cap,
					    sizeof *c->days);
				}
				d = &c->days[c->ndays++];
				memcpy(d->date, rows[i].date, sizeof d->date);
				d->events = d->approximate = 0;
			}
			d->events++;
			d->approximate += rows[i].approximate != 0;
			c->events++;
		}
		store_rows_clear(rows, n);
	}
	return k < 0 ? -1 : 0;
}

/* The second pass: each event to the writer. */
static int
export_events(struct export_ctx *c, const struct export_writer *w,
    struct store_view *v, char **err)
{
	struct store_row	 rows[EXPORT_BATCH];
	struct export_personal	 p;
	struct store_detail	*d;
	size_t			 day = 0;
	int64_t			 pos;
	int			 n, i, j, k = 1;

	for (pos = 1; k >= 0; pos += n) {
		if ((n = store_view_rows(v, pos, EXPORT_BATCH, rows)) == 0)
			break;
		for (i = 0; i < n && k >= 0; i++) {
			if ((k = export_keep(c->o, rows[i].id, &p, err)) != 1 ||
			    (d = store_detail_row(c->store, &rows[i],
			    NULL)) == NULL) {
				export_personal_clear(&p);
				continue;
			}
			while (day < c->ndays &&
			    strcmp(c->days[day].date, d->date) < 0)
				day++;
			if (day < c->ndays && (c->day == NULL ||
			    c->day != &c->days[day])) {
				c->day = &c->days[day];
				if (w->day != NULL)
					w->day(c, c->day);
			}
			w->event(c, d, c->o->notes ? &p : NULL);
			for (j = 0; j < d->nexcerpts; j++)
				export_cite(c, &d->excerpts[j]);
			c->n++;
			store_detail_free(d);
			export_personal_clear(&p);
		}
		store_rows_clear(rows, n);
	}
	return k < 0 ? -1 : 0;
}

int64_t
export_write(struct store *s, const struct store_filter *f,
    const struct export_options *o, FILE *out, char **err)
{
	const struct export_writer	*w = export_writers[o->format];
	struct store_filter		 df = *f;
	struct export_ctx		 c;
	struct store_view		*v;
	int64_t				 n = -1;

	*err = NULL;
	df.order = STORE_ORDER_DATE;	/* a search, in timeline order */
	if ((v = store_view_new(s, &df, err)) == NULL)
		return -1;
	memset(&c, 0, sizeof c);
	c.out = out;
	c.o = o;
	c.store = s;
	if (export_days(&c, v, err) == -1)
		goto out;
	w->begin(&c);
	if (export_events(&c, w, v, err) == -1)
		goto out;
	w->end(&c);
	if (fflush(out) != 0 || ferror(out)) {
		*err = xasprintf("write error: %s", strerror(errno));
		goto out;
	}
	n = c.n;
out:
	store_view_free(v);
	export_ctx_free(&c);
	return n;
}

int
export_file(struct store *s, const struct store_filter *f,
    const struct export_options *o, const char *path, int64_t *count,
    char **err)
{
	struct replace	 r;
	FILE		*out;

	*err = NULL;
	if ((out = replace_open(&r, path, -1, err)) == NULL)
		return -1;
	if ((*count = export_write(s, f, o, out, err)) < 0) {
		replace_abort(&r);
		return -1;
	}
	return replace_commit(&r, err);
}

int
export_event(struct store *s, int64_t seq, enum export_format fmt,
    const struct export_personal *p, FILE *out)
{
	const struct export_writer	*w = export_writers[fmt];
	struct export_options		 o;
	struct export_ctx		 c;
	struct store_detail		*d;

	if ((d = store_detail_get(s, seq, NULL)) == NULL)
		return -1;
	memset(&o, 0, sizeof o);
	o.format = fmt;
	o.notes = p != NULL;
	memset(&c, 0, sizeof c);
	c.out = out;
	c.o = &o;
	c.store = s;
	c.events = 1;
	w->event(&c, d, p);
	store_detail_free(d);
	export_ctx_free(&c);
	return 0;
}
