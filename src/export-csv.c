/*
 * export-csv.c: the CSV export, RFC 4180: UTF-8, CRLF between records, a
 * header, fields quoted when they hold a comma, a quote or a line break.
 * Actors, tags and sources are ids joined by ';'; marked and note stay
 * empty without --notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/* Writes one field, quoted if it must be; s NULL writes nothing. */
static void
csv_field(FILE *out, const char *s, int last)
{
	struct buf	 b;
	const char	*p;

	if (s != NULL) {
		buf_init(&b);
		export_clean(&b, s);
		if (strpbrk(b.data, ",\"\n") == NULL)
			fputs(b.data, out);
		else {
			fputc('"', out);
			for (p = b.data; *p != '\0'; p++) {
				if (*p == '"')
					fputc('"', out);
				fputc(*p, out);
			}
			fputc('"', out);
		}
		buf_free(&b);
	}
	fputs(last ? "\r\n" : ",", out);
}

static void
csv_begin(struct export_ctx *c)
{
	fputs("id,date,time,approximate,title,actors,tags,summary,sources,"
	    "marked,note\r\n", c->out);
}

static void
csv_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	struct buf	b;
	int		i, j;

	csv_field(c->out, d->id, 0);
	csv_field(c->out, d->date, 0);
	csv_field(c->out, d->time, 0);
	csv_field(c->out, d->approximate ? "true" : "false", 0);
	csv_field(c->out, d->title, 0);
	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < d->nactors; i++)
		buf_addf(&b, "%s%s", i > 0 ? ";" : "", d->actors[i].id);
	csv_field(c->out, b.data, 0);
	buf_reset(&b);
	buf_adds(&b, "");
	for (i = 0; i < d->ntags; i++)
		buf_addf(&b, "%s%s", i > 0 ? ";" : "", d->tags[i]);
	csv_field(c->out, b.data, 0);
	csv_field(c->out, d->summary != NULL ? d->summary : "", 0);
	/* Each source once, in the order of its first excerpt. */
	buf_reset(&b);
	buf_adds(&b, "");
	for (i = 0; i < d->nexcerpts; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(d->excerpts[j].source,
			    d->excerpts[i].source) == 0)
				break;
		}
		if (j == i)
			buf_addf(&b, "%s%s", b.len > 0 ? ";" : "",
			    d->excerpts[i].source);
	}
	csv_field(c->out, b.data, 0);
	buf_free(&b);
	csv_field(c->out, p == NULL ? "" : p->marked ? "true" : "false", 0);
	csv_field(c->out, p == NULL || p->note == NULL ? "" : p->note, 1);
}

static void
csv_end(struct export_ctx *c)
{
	(void)c;
}

const struct export_writer export_csv_writer = {
	.name = "csv",
	.ext = ".csv",
	.begin = csv_begin,
	.event = csv_event,
	.end = csv_end,
};
