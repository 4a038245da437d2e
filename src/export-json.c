/*
 * export-json.c: the two JSON exports. json is an array of events with
 * exactly the keys of `show --json` (the store makes each object), plus
 * marked and note with --notes; timelinejs is TimelineJS3's document, its
 * texts as escaped HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static void
json_begin(struct export_ctx *c)
{
	fputc('[', c->out);
}

/*
 * Finds the keys marked and note where show --json writes them (when the
 * store joins the user's notes): ,"marked":BOOL,"note":null|STRING, white
 * space allowed around the comma. "\"marked\":" can only be a key: inside
 * a string its quotes would be escaped. Returns 1 with the span [*from,
 * *to) from the comma, else 0.
 */
static int
json_personal_span(const char *obj, size_t len, size_t *from, size_t *to)
{
	const char	*k, *p, *end = obj + len;

	/* The key, then back over the white space to its comma. */
	if ((p = strstr(obj, "\"marked\":")) == NULL)
		return 0;
	for (k = p; k > obj && (k[-1] == ' ' || k[-1] == '\n'); k--)
		;
	if (k == obj || *--k != ',')
		return 0;
	p += strlen("\"marked\":");
	if (strncmp(p, "true", 4) == 0)
		p += 4;
	else if (strncmp(p, "false", 5) == 0)
		p += 5;
	else
		return 0;
	while (p < end && (*p == ' ' || *p == '\n'))
		p++;
	if (*p++ != ',')
		return 0;
	while (p < end && (*p == ' ' || *p == '\n'))
		p++;
	if (strncmp(p, "\"note\":", 7) != 0)
		return 0;
	p += 7;
	if (strncmp(p, "null", 4) == 0)
		p += 4;
	else if (*p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\')
				p++;
		}
		if (p >= end)
			return 0;
		p++;
	} else
		return 0;
	*from = (size_t)(k - obj);
	*to = (size_t)(p - obj);
	return 1;
}

/* ,"marked":...,"note":... from p, or unmarked and no note without. */
static void
json_personal(FILE *out, const struct export_personal *p)
{
	fprintf(out, ",\"marked\":%s,\"note\":",
	    p != NULL && p->marked ? "true" : "false");
	if (p != NULL && p->note != NULL)
		export_json_string(out, p->note);
	else
		fputs("null", out);
}

static void
json_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	char	*obj = NULL, *err = NULL;
	size_t	 len = 0, from, to;
	FILE	*m;

	/* The object as show --json prints it, so the keys stay one. */
	if ((m = open_memstream(&obj, &len)) == NULL)
		fatal("open_memstream: out of memory");
	if (store_json_show(c->store, d->id, m, &err) != 0) {
		fclose(m);
		free(obj);
		free(err);
		return;
	}
	fclose(m);
	while (len > 0 && (obj[len - 1] == '\n' || obj[len - 1] == ' '))
		len--;
	fputs(c->n == 0 ? "\n  " : ",\n  ", c->out);
	if (json_personal_span(obj, len, &from, &to)) {
		/*
		 * show --json has them: their place is kept, their values
		 * are --notes' or, without it, nothing personal.
		 */
		fwrite(obj, 1, from, c->out);
		json_personal(c->out, p);
		fwrite(obj + to, 1, len - to, c->out);
	} else if (p != NULL && len > 0 && obj[len - 1] == '}') {
		/* The object's closing brace makes room for the two keys. */
		fwrite(obj, 1, len - 1, c->out);
		json_personal(c->out, p);
		fputc('}', c->out);
	} else
		fwrite(obj, 1, len, c->out);
	free(obj);
}

static void
json_end(struct export_ctx *c)
{
	fputs(c->n == 0 ? "]\n" : "\n]\n", c->out);
}

const struct export_writer export_json_writer = {
	.name = "json",
	.ext = ".json",
	.begin = json_begin,
	.event = json_event,
	.end = json_end,
};

/* ---- TimelineJS3 ---- */

static void
tljs_begin(struct export_ctx *c)
{
	struct buf	b;

	fputs("{\n  \"title\": {\"text\": {\"headline\": ", c->out);
	buf_init(&b);
	export_html_escape(&b, c->o->title != NULL ? c->o->title : "dossier");
	export_json_string(c->out, b.data);
	buf_reset(&b);
	buf_addf(&b, "<p>%lld event%s. A date marked ~ is inferred, not "
	    "stated.</p>", (long long)c->events, c->events == 1 ? "" : "s");
	fputs(", \"text\": ", c->out);
	export_json_string(c->out, b.data);
	fputs("}},\n  \"events\": [", c->out);
	buf_free(&b);
}

static void
tljs_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	struct buf	b;
	int		y, mo, da, h, mi;

	buf_init(&b);
	fputs(c->n == 0 ? "\n    {" : ",\n    {", c->out);
	fputs("\"unique_id\": ", c->out);
	export_json_string(c->out, d->id);
	sscanf(d->date, "%d-%d-%d", &y, &mo, &da);
	fprintf(c->out, ", \"start_date\": {\"year\": %d, \"month\": %d, "
	    "\"day\": %d", y, mo, da);
	if (d->time[0] != '\0' && sscanf(d->time, "%d:%d", &h, &mi) == 2)
		fprintf(c->out, ", \"hour\": %d, \"minute\": %d", h, mi);
	fputs("}, \"text\": {\"headline\": ", c->out);
	/* TimelineJS puts both texts into the page as HTML. */
	export_html_escape(&b, d->title);
	export_json_string(c->out, b.data);
	buf_reset(&b);
	buf_adds(&b, "");
	export_html_body(&b, d, p);
	fputs(", \"text\": ", c->out);
	export_json_string(c->out, b.data);
	fputc('}', c->out);
	if (d->nactors > 0) {
		fputs(", \"group\": ", c->out);
		export_json_string(c->out, d->actors[0].name);
	}
	fputc('}', c->out);
	buf_free(&b);
}

static void
tljs_end(struct export_ctx *c)
{
	fputs(c->n == 0 ? "]\n}\n" : "\n  ]\n}\n", c->out);
}

const struct export_writer export_timelinejs_writer = {
	.name = "timelinejs",
	.ext = ".timeline.json",
	.begin = tljs_begin,
	.event = tljs_event,
	.end = tljs_end,
};
