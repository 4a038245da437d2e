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
 * Finds the values of the keys marked and note where show --json writes
 * them (when the store joins the user's notes): "marked":BOOL, then white
 * space, a comma and white space, then "note":null|STRING. "\"marked\":"
 * can only be a key: inside a string its quotes would be escaped. Returns
 * 1 with the spans of the two values, v[0..1] and v[2..3], else 0.
 */
static int
json_personal_span(const char *obj, size_t len, size_t v[4])
{
	const char	*p, *end = obj + len;

	if ((p = strstr(obj, "\"marked\":")) == NULL)
		return 0;
	p += strlen("\"marked\":");
	v[0] = (size_t)(p - obj);
	if (strncmp(p, "true", 4) == 0)
		p += 4;
	else if (strncmp(p, "false", 5) == 0)
		p += 5;
	else
		return 0;
	v[1] = (size_t)(p - obj);
	while (p < end && (*p == ' ' || *p == '\n'))
		p++;
	if (p >= end || *p++ != ',')
		return 0;
	while (p < end && (*p == ' ' || *p == '\n'))
		p++;
	if (strncmp(p, "\"note\":", 7) != 0)
		return 0;
	p += 7;
	v[2] = (size_t)(p - obj);
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
	v[3] = (size_t)(p - obj);
	return 1;
}

/* The value of marked from p: unmarked without it. */
static void
json_marked(FILE *out, const struct export_personal *p)
{
	fputs(p != NULL && p->marked ? "true" : "false", out);
}

/* The value of note from p: none without it. */
static void
json_note(FILE *out, const struct export_personal *p)
{
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
	size_t	 len = 0, v[4];
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
	if (json_personal_span(obj, len, v)) {
		/*
		 * show --json has them: their place and layout are kept,
		 * their values are --notes' or, without it, nothing
		 * personal.
		 */
		fwrite(obj, 1, v[0], c->out);
		json_marked(c->out, p);
		fwrite(obj + v[1], 1, v[2] - v[1], c->out);
		json_note(c->out, p);
		fwrite(obj + v[3], 1, len - v[3], c->out);
	} else if (p != NULL && len > 0 && obj[len - 1] == '}') {
		/* The object's closing brace makes room for the two keys. */
		fwrite(obj, 1, len - 1, c->out);
		fputs(",\"marked\":", c->out);
		json_marked(c->out, p);
		fputs(",\"note\":", c->out);
		json_note(c->out, p);
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
