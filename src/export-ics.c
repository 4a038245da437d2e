/*
 * export-ics.c: the iCalendar export, RFC 5545: one VEVENT per event, an
 * all-day date or a floating date-time, text escaped, lines folded at 75
 * octets without splitting a UTF-8 character, CRLF line ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"

#define ICS_LINE	75	/* octets a line may hold, CRLF aside */

/* Writes one content line, folded (RFC 5545 3.1). */
static void
ics_line(FILE *out, const char *s)
{
	size_t	len = strlen(s), room = ICS_LINE, n;

	while (len > room) {
		n = room;
		/* Back off to the start of a UTF-8 character. */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		fwrite(s, 1, n, out);
		fputs("\r\n ", out);
		s += n;
		len -= n;
		room = ICS_LINE - 1;	/* the leading space counts */
	}
	fputs(s, out);
	fputs("\r\n", out);
}

/* Appends s to b as a TEXT value: \\ \; \, and \n escaped. */
static void
ics_text(struct buf *b, const char *s)
{
	struct buf	 t;
	const char	*p;

	buf_init(&t);
	export_clean(&t, s);
	for (p = t.data; *p != '\0'; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf_addc(b, '\\');
			buf_addc(b, *p);
		} else if (*p == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *p);
	}
	buf_free(&t);
}

/* NAME:VALUE with value as text. */
static void
ics_prop(FILE *out, const char *name, const char *value)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, name);
	buf_addc(&b, ':');
	ics_text(&b, value);
	ics_line(out, b.data);
	buf_free(&b);
}

/*
 * The time stamp of the export, UTC: now, or SOURCE_DATE_EPOCH when set
 * (reproducible output). out holds at least 17 bytes.
 */
static void
ics_stamp(char *out)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (e != NULL && *e != '\0')
		t = (time_t)strtoll(e, NULL, 10);
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void
ics_begin(struct export_ctx *c)
{
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//dossier//dossier " DOSSIER_VERSION "//EN\r\n"
	    "CALSCALE:GREGORIAN\r\n", c->out);
	ics_prop(c->out, "X-WR-CALNAME", c->o->title != NULL ? c->o->title :
	    "dossier");
}

static void
ics_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	const struct store_excerpt	*x;
	struct buf			 b;
	char				*cite, stamp[17];
	int				 i;

	ics_stamp(stamp);
	buf_init(&b);
	fputs("BEGIN:VEVENT\r\n", c->out);
	buf_adds(&b, "UID:");
	ics_text(&b, d->id);
	buf_adds(&b, "@dossier");
	ics_line(c->out, b.data);
	fprintf(c->out, "DTSTAMP:%s\r\n", stamp);
	if (d->time[0] != '\0')
		fprintf(c->out, "DTSTART:%.4s%.2s%.2sT%.2s%.2s00\r\n", d->date,
		    d->date + 5, d->date + 8, d->time, d->time + 3);
	else
		fprintf(c->out, "DTSTART;VALUE=DATE:%.4s%.2s%.2s\r\n", d->date,
		    d->date + 5, d->date + 8);
	ics_prop(c->out, "SUMMARY", d->title);
	/* The description: summary, then each excerpt with its citation. */
	buf_reset(&b);
	if (d->approximate)
		buf_adds(&b, "(Date inferred, not stated.)\n\n");
	if (p != NULL && p->marked)
		buf_adds(&b, "Marked.\n\n");
	if (p != NULL && p->note != NULL)
		buf_addf(&b, "My note: %s\n\n", p->note);
	if (d->summary != NULL)
		buf_addf(&b, "%s\n\n", d->summary);
	for (i = 0; i < d->nexcerpts; i++) {
		x = &d->excerpts[i];
		cite = export_citation(x);
		buf_addf(&b, "%s\n\n", cite);
		free(cite);
		if (x->note != NULL)
			buf_addf(&b, "Note: %s\n\n", x->note);
	}
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	if (b.len > 0)
		ics_prop(c->out, "DESCRIPTION", b.data);
	if (d->ntags > 0) {
		/* A list of texts: the commas between them stay bare. */
		buf_reset(&b);
		buf_adds(&b, "CATEGORIES:");
		for (i = 0; i < d->ntags; i++) {
			if (i > 0)
				buf_addc(&b, ',');
			ics_text(&b, d->tags[i]);
		}
		ics_line(c->out, b.data);
	}
	fputs("END:VEVENT\r\n", c->out);
	buf_free(&b);
}

static void
ics_end(struct export_ctx *c)
{
	fputs("END:VCALENDAR\r\n", c->out);
}

const struct export_writer export_ics_writer = {
	.name = "ics",
	.ext = ".ics",
	.begin = ics_begin,
	.event = ics_event,
	.end = ics_end,
};
