/*
 * cli-stats.c: `dossier stats`, the events that pass the filters counted
 * by day, week, month, actor or tag (store-stats.c counts them in SQL).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-filter.h"
#include "cli-int.h"
#include "store.h"
#include "text.h"

/* Writes s as a JSON string (RFC 8259: '"', '\\' and controls escaped). */
static void
cli_json_str(const char *s)
{
	putchar('"');
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

#define CLI_BAR_WIDTH	40	/* the longest bar of stats */

/* stats as text: key (name) count bar, in aligned columns. */
static void
cli_stats_text(struct cli *c, const struct store_stats_row *r, int64_t n)
{
	const char	*mark;
	int64_t		 i, max = 0;
	int		 kw = 0, nw = 0, cw = 1, w, bar, k;
	char		 num[24];

	/* A terminal that shows UTF-8 gets blocks, else plain '#'. */
	mark = c->tty && text_locale_utf8() ?
	    "\u2588" : "#";
	for (i = 0; i < n; i++) {
		if ((w = text_width(r[i].key)) > kw)
			kw = w;
		if (r[i].name != NULL && (w = text_width(r[i].name)) > nw)
			nw = w;
		if ((w = snprintf(num, sizeof num, "%lld",
		    (long long)r[i].count)) > cw)
			cw = w;
		if (r[i].count > max)
			max = r[i].count;
	}
	for (i = 0; i < n && !ferror(stdout); i++) {
		cli_pad(c, r[i].key, kw);
		if (r[i].name != NULL)
			cli_pad(c, r[i].name, nw);
		printf("%*lld", cw, (long long)r[i].count);
		/* Rounded up: a day with one event shows. */
		bar = max == 0 ? 0 : (int)((r[i].count * CLI_BAR_WIDTH +
		    max - 1) / max);
		if (bar > 0)
			putchar(' ');
		for (k = 0; k < bar; k++)
			fputs(mark, stdout);
		putchar('\n');
	}
}

int
cli_stats(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--by", 1 }, { "--json", 0 } };
	static const char *const by[] = { "day", "week", "month", "actor",
	    "tag" };
	const char		*v[2] = { NULL };
	struct cli_filter	 flt;
	struct store_stats_row	*r;
	struct store		*s;
	int64_t			 n, i;
	char			*err;
	int			 rc, k = 0;

	memset(&flt, 0, sizeof flt);
	if ((rc = cli_filter_opts(c, &flt, opts, 2, v, NULL, 0, "stats")) != 0)
		goto done;
	for (k = 0; v[0] != NULL && k < 5 && strcmp(v[0], by[k]) != 0; k++)
		/* nothing */;
	if (k == 5) {
		rc = cli_bad("--by '%s' is not one of day, week, month, actor, "
		    "tag", v[0]);
		goto done;
	}
	if ((s = cli_open(c, 0, 0)) == NULL) {
		rc = 1;
		goto done;
	}
	if ((rc = cli_filter_resolve(&flt, s)) != 0)
		goto close;
	cli_empty_corpus(c, s);
	if ((n = store_stats(s, &flt.f, (enum store_stats_by)k, &r, &err)) ==
	    -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		rc = 1;
		goto close;
	}
	if (v[1] == NULL)
		cli_stats_text(c, r, n);
	else {
		/* As list writes its arrays: an element a line. */
		putchar('[');
		for (i = 0; i < n; i++) {
			fputs(i == 0 ? "\n  {\"key\":" : ",\n  {\"key\":",
			    stdout);
			cli_json_str(r[i].key);
			if (r[i].name != NULL) {
				fputs(",\"name\":", stdout);
				cli_json_str(r[i].name);
			}
			printf(",\"count\":%lld}", (long long)r[i].count);
		}
		fputs(n == 0 ? "]\n" : "\n]\n", stdout);
	}
	store_stats_free(r, n);
close:
	store_close(s);
done:
	cli_filter_free(&flt);
	return rc;
}

