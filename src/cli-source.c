/*
 * cli-source.c: `dossier source`, a source with the excerpts that quote it
 * and, when asked, its text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-int.h"
#include "store.h"

/* source ID: what the source is, who quotes it, and maybe its text. */
int
cli_source(struct cli *c)
{
	static const struct cli_opt opts[] = {
		{ "--text", 0 }, { "--json", 0 },
	};
	const char		*v[2] = { NULL }, *id[1];
	struct store_source	*src;
	struct store		*s;
	char			*err = NULL, *jerr;
	int			 rc, i;

	if ((rc = cli_opts(c, opts, 2, v, id, 1, "source")) != 0)
		return rc;
	if (id[0] == NULL)
		return cli_bad("source needs a source id");
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	if ((src = store_source_get(s, id[0], v[0] != NULL, &err)) == NULL) {
		fprintf(stderr, "dossier: no source '%s'\n", id[0]);
		store_close(s);
		return 1;
	}
	rc = 0;
	if (err != NULL) {
		fprintf(stderr, "dossier: %s\n", err);
		rc = 1;
	}
	if (v[1] != NULL) {
		if (store_json_source(s, id[0], src->text, stdout, &jerr) != 0) {
			fprintf(stderr, "dossier: %s\n", jerr);
			free(jerr);
			rc = 1;
		}
	} else {
		cli_put(c, src->title, 1);
		printf("\n\nid:        ");
		cli_put(c, src->id, 1);
		printf("\npublisher: ");
		cli_put(c, src->publisher != NULL ? src->publisher : "-", 1);
		printf("\npublished: %s\nurl:       ",
		    src->published != NULL ? src->published : "-");
		cli_put(c, src->url != NULL ? src->url : "-", 1);
		printf("\ntext:      ");
		cli_put(c, src->text_path != NULL ? src->text_path : "-", 1);
		printf("\n\nquoted by %d excerpt%s:\n", src->nquoters,
		    src->nquoters == 1 ? "" : "s");
		for (i = 0; i < src->nquoters; i++) {
			printf("%s ", src->quoters[i].date);
			cli_put(c, src->quoters[i].event, 1);
			putchar(' ');
			cli_put(c, src->quoters[i].title, 1);
			printf("\n    \"");
			cli_put(c, src->quoters[i].quote, 1);
			printf("\"\n");
		}
		if (src->text != NULL) {
			printf("\n");
			cli_put(c, src->text, 0);
			if (*src->text != '\0' &&
			    src->text[strlen(src->text) - 1] != '\n')
				putchar('\n');
		}
	}
	free(err);
	store_source_free(src);
	store_close(s);
	return rc;
}

