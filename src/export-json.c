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

static void
json_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	char	*obj = NULL, *err = NULL;
	size_t	 len = 0;
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
	/*
	 * Where show --json has the keys already (the user's notes are
	 * joined in the store), they stay as it wrote them. ",\"marked\":"
	 * can only be a key: inside a string its quotes would be escaped.
	 */
	if (p == NULL || strstr(obj, ",\"marked\":") != NULL) {
		fwrite(obj, 1, len, c->out);
	} else {
		/* The object's closing brace makes room for two keys. */
		if (len > 0 && obj[len - 1] == '}')
			len--;
		fwrite(obj, 1, len, c->out);
		fprintf(c->out, ",\"marked\":%s,\"note\":",
		    p->marked ? "true" : "false");
		if (p->note != NULL)
			export_json_string(c->out, p->note);
		else
			fputs("null", c->out);
		fputc('}', c->out);
	}
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
	if (d->approximate)
		buf_adds(&b, " ~");
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
