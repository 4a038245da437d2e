/*
 * export-md.c: the Markdown export, CommonMark: a heading per day and per
 * event, excerpts as block quotes with their citations, and the sources
 * cited. Content text is escaped so that it renders as typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/*
 * Characters that mean something inline wherever they stand: escaped
 * always. Others mean something only at the start of a line.
 */
#define MD_INLINE	"\\`*_[]<>&#|~!"
#define MD_LINE_START	"-+=>"

/*
 * Trims b's text to lines that hold something: no blanks at either end of
 * the text or of a line (at a line's start they would make code), no empty
 * line (it would end the paragraph or the quote).
 */
static void
md_lines(struct buf *b)
{
	char	*r = b->data, *w = b->data;
	int	 nl = 0;

	while (*r == ' ' || *r == '\t' || *r == '\n')
		r++;
	for (; *r != '\0'; r++) {
		if (*r == '\n') {
			while (w > b->data && (w[-1] == ' ' || w[-1] == '\t'))
				w--;
			nl = 1;
		} else if (nl && (*r == ' ' || *r == '\t'))
			continue;
		else {
			if (nl)
				*w++ = '\n';
			nl = 0;
			*w++ = *r;
		}
	}
	while (w > b->data && (w[-1] == ' ' || w[-1] == '\t'))
		w--;
	*w = '\0';
	b->len = (size_t)(w - b->data);
}

/*
 * Writes s as CommonMark text that renders literally. Each line after the
 * first starts with prefix ("" or "> " in a block quote); what would open
 * a block at a line's start is escaped there. A line break in s stays a
 * line break (a hard break) in the paragraph.
 */
static void
md_text(FILE *out, const char *s, const char *prefix)
{
	struct buf	 b;
	const char	*p, *q;
	int		 start = 1;

	buf_init(&b);
	export_clean(&b, s);
	md_lines(&b);
	for (p = b.data; *p != '\0'; p++) {
		if (start) {
			start = 0;
			/* "1." or "1)" would start a list. */
			for (q = p; *q >= '0' && *q <= '9'; q++)
				;
			if (q > p && (*q == '.' || *q == ')')) {
				fwrite(p, 1, (size_t)(q - p), out);
				fprintf(out, "\\%c", *q);
				p = q;
				continue;
			}
			if (*p != '\0' && strchr(MD_LINE_START, *p) != NULL) {
				fprintf(out, "\\%c", *p);
				continue;
			}
		}
		if (*p == '\n') {
			/* A backslash before the newline: a hard break. */
			fprintf(out, "\\\n%s", prefix);
			start = 1;
		} else if (strchr(MD_INLINE, *p) != NULL)
			fprintf(out, "\\%c", *p);
		else
			fputc(*p, out);
	}
	buf_free(&b);
}

/*
 * Writes a link destination in pointy brackets, percent-encoding what
 * may not stand there.
 */
static void
md_url(FILE *out, const char *url)
{
	const unsigned char	*p;

	fputc('<', out);
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '<' || *p == '>' ||
		    *p == '\\')
			fprintf(out, "%%%02X", *p);
		else
			fputc(*p, out);
	}
	fputc('>', out);
}

/* Title, as a link when it may be one, then publisher and date. */
static void
md_cite(FILE *out, const char *title, const char *url, const char *publisher,
    const char *published)
{
	if (export_url_linkable(url)) {
		fputc('[', out);
		md_text(out, title, "");
		fputs("](", out);
		md_url(out, url);
		fputc(')', out);
	} else
		md_text(out, title, "");
	if (publisher != NULL) {
		fputs(", ", out);
		md_text(out, publisher, "");
	}
	if (published != NULL) {
		fputs(", ", out);
		md_text(out, published, "");
	}
}

static void
md_begin(struct export_ctx *c)
{
	fputs("# ", c->out);
	md_text(c->out, c->o->title != NULL ? c->o->title : "dossier", "");
	fprintf(c->out, "\n\n%lld event%s", (long long)c->events,
	    c->events == 1 ? "" : "s");
	if (c->ndays > 0) {
		char	first[16], last[16];

		export_day_name(c->days[0].date, first);
		export_day_name(c->days[c->ndays - 1].date, last);
		if (c->ndays == 1)
			fprintf(c->out, ", %s", first);
		else
			fprintf(c->out, ", %s to %s", first, last);
	}
	fputs(". A date marked \\~ is inferred, not stated.\n", c->out);
}

static void
md_day(struct export_ctx *c, const struct export_day *d)
{
	char	name[16];

	export_day_name(d->date, name);
	/* "~" when every event of the day has an inferred date. */
	fprintf(c->out, "\n## %s%s\n", name,
	    d->approximate == d->events ? " \\~" : "");
}

/* The line of actors and tags, if the event has either. */
static void
md_who(FILE *out, const struct store_detail *d)
{
	int	i;

	if (d->nactors + d->ntags > 0)
		fputc('\n', out);
	for (i = 0; i < d->nactors; i++) {
		fputs(i == 0 ? "**Actors:** " : ", ", out);
		md_text(out, d->actors[i].name, "");
	}
	for (i = 0; i < d->ntags; i++) {
		if (i == 0)
			fputs(d->nactors > 0 ? " \xc2\xb7 **Tags:** " :
			    "**Tags:** ", out);	/* middle dot */
		else
			fputs(", ", out);
		md_text(out, d->tags[i], "");
	}
	if (d->nactors + d->ntags > 0)
		fputc('\n', out);
}

static void
md_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	const struct store_excerpt	*x;
	FILE				*out = c->out;
	char				 name[16];
	int				 i;

	/*
	 * Each block starts with an empty line. "~" after the title unless
	 * the day's heading says it for all its events.
	 */
	fputs("\n### ", out);
	if (d->time[0] != '\0')
		fprintf(out, "%s ", d->time);
	md_text(out, d->title, "");
	if (d->approximate && c->day != NULL &&
	    c->day->approximate != c->day->events)
		fputs(" \\~", out);
	fputc('\n', out);
	if (c->day == NULL) {
		/* An event on its own (the reader's Y): say its day. */
		export_day_name(d->date, name);
		fprintf(out, "\n%s%s\n", name, d->approximate ? " \\~" : "");
	}
	md_who(out, d);
	if (p != NULL && p->marked)
		fputs("\n**Marked**\n", out);
	if (p != NULL && p->note != NULL) {
		fputs("\n*My note:* ", out);
		md_text(out, p->note, "");
		fputc('\n', out);
	}
	if (d->summary != NULL) {
		fputc('\n', out);
		md_text(out, d->summary, "");
		fputc('\n', out);
	}
	for (i = 0; i < d->nexcerpts; i++) {
		x = &d->excerpts[i];
		fputs("\n> ", out);
		md_text(out, x->quote, "> ");
		fputs("\n\n\xe2\x80\x94 ", out);	/* em dash */
		md_cite(out, x->source_title, x->url, x->publisher,
		    x->published);
		fputc('\n', out);
		if (x->note != NULL) {
			fputs("\n*Note:* ", out);
			md_text(out, x->note, "");
			fputc('\n', out);
		}
	}
}

static void
md_end(struct export_ctx *c)
{
	const struct export_source	*s;
	size_t				 i;

	if (c->nsources == 0)
		return;
	fputs("\n## Sources\n\n", c->out);
	for (i = 0; i < c->nsources; i++) {
		s = &c->sources[i];
		fputs("- ", c->out);
		md_cite(c->out, s->title, s->url, s->publisher, s->published);
		if (s->url != NULL && !export_url_linkable(s->url)) {
			fputs(" (", c->out);
			md_text(c->out, s->url, "");
			fputc(')', c->out);
		}
		fputc('\n', c->out);
	}
}

const struct export_writer export_markdown_writer = {
	.name = "markdown",
	.ext = ".md",
	.begin = md_begin,
	.day = md_day,
	.event = md_event,
	.end = md_end,
};
