/*
 * cli-export.c: `dossier export`, the view a list or a search shows taken
 * away as Markdown, HTML, CSV, JSON, iCalendar or TimelineJS (export.c
 * writes them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-filter.h"
#include "cli-int.h"
#include "export.h"
#include "store.h"

/* export --notes: the user's mark and note of an event, from the store. */
static int
cli_export_personal(void *arg, const char *id, struct export_personal *p,
    char **err)
{
	(void)err;
	if (store_note_get(arg, id, &p->marked, &p->note) == -1)
		p->marked = 0;
	return 0;
}

/*
 * export: the events list (or search) would show, in a format for other
 * programs; to stdout, or to -o FILE through a temporary file. The
 * filters are list's (cli_filter_opts), --query search's.
 */
int
cli_export(struct cli *c)
{
	static const struct cli_opt opts[] = {
		{ "--format", 1 }, { "--query", 1 }, { "--marked", 0 },
		{ "--view", 1 }, { "--notes", 0 }, { "-o", 1 },
	};
	const char		*v[6] = { NULL };
	struct export_options	 o;
	struct cli_filter	 flt;
	struct store_filter	 extra;
	struct store		*s = NULL;
	int64_t			 n;
	char			*err = NULL, *title = NULL;
	int			 rc;

	memset(&flt, 0, sizeof flt);
	memset(&o, 0, sizeof o);
	if ((rc = cli_filter_opts(c, &flt, opts, 6, v, NULL, 0,
	    "export")) != 0)
		goto done;
	rc = 2;
	if (v[0] != NULL && export_format_parse(v[0], &o.format) == -1) {
		cli_bad("unknown format '%s' (formats: %s)", v[0],
		    export_format_list());
		goto done;
	}
	if (v[0] == NULL && v[5] != NULL &&
	    export_format_of_path(v[5], &o.format) == -1) {
		cli_bad("cannot tell a format from '%s' (give --format, or one "
		    "of %s)", v[5], export_extension_list());
		goto done;
	}
	/* A saved view fills what the options leave unset. */
	if ((rc = cli_filter_view(c, &flt, v[3], v[2] != NULL, &extra)) != 0)
		goto done;
	rc = 1;
	if (v[4] != NULL) {
		c->need_notes = 1;	/* asked for: not having them fails */
		o.notes = 1;
		o.personal = cli_export_personal;
	}
	if ((s = cli_open(c, 0, 0)) == NULL ||
	    cli_filter_resolve(&flt, s) != 0)
		goto done;
	o.arg = s;
	flt.f.query = v[1] != NULL ? v[1] : extra.query;
	flt.f.marked = extra.marked;
	title = export_title(s, c->content);
	o.title = title;
	if (v[5] != NULL)
		rc = export_file(s, &flt.f, &o, v[5], &n, &err);
	else
		rc = (n = export_write(s, &flt.f, &o, stdout, &err)) < 0 ? -1 :
		    0;
	if (rc == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		rc = 1;
	}
done:
	if (s != NULL)
		store_close(s);
	free(title);
	cli_filter_free(&flt);
	return rc;
}

