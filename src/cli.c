/*
 * cli.c: the command line. Global options may come anywhere; each command
 * parses its own. Exit status: 0 success, 1 failure (bad content, no
 * search hits, unknown id), 2 usage errors and queries that cannot run.
 */
#include <errno.h>
#include <poll.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli-int.h"
#include "config.h"
#include "cli-filter.h"
#include "content.h"
#include "export.h"
#include "keys.h"
#include "notes.h"
#include "palette.h"
#include "paths.h"
#include "store.h"
#include "text.h"
#include "theme.h"
#include "ui.h"
#include "watch.h"

struct cli_cmd {
	const char	*name;
	int		(*fn)(struct cli *);
	const char	*usage;
	const char	*help;
};

static int	cli_check(struct cli *);
static int	cli_list(struct cli *);
static int	cli_show(struct cli *);
static int	cli_search(struct cli *);
static int	cli_actors(struct cli *);
static int	cli_index(struct cli *);
static int	cli_keys(struct cli *);

static const struct cli_cmd cli_cmds[] = {
	{ "check", cli_check, "check [--watch]",
	  "validate the content and report every problem (--watch: again "
	  "on every change, until Ctrl-C)" },
	{ "list", cli_list, "list [FILTERS] [--limit N] [--json] [--marked] "
	  "[--view NAME]", "print the timeline" },
	{ "show", cli_show, "show ID [--json] [--marked]",
	  "print one event with its actors, tags and excerpts" },
	{ "search", cli_search, "search QUERY... [FILTERS] [--limit N] [--json] "
	  "[--marked] [--view NAME]",
	  "full-text search over events, excerpts and your notes (limit: 1000)" },
	{ "actors", cli_actors, "actors [--json]",
	  "list actors by number of events" },
	{ "index", cli_index, "index [--force]",
	  "build or refresh the store now" },
	{ "export", cli_export, "export [--format FORMAT] [FILTERS] "
	  "[--query Q] [--marked] [--view NAME] [--notes] [-o FILE]",
	  "the timeline as markdown, html, csv, json, ics or timelinejs" },
	{ "source", cli_source, "source ID [--text] [--json]",
	  "a source, the events that quote it and, with --text, its text" },
	{ "keys", cli_keys, "keys [--markdown]",
	  "print the reader's key bindings: mode, action, keys" },
	{ "stats", cli_stats, "stats [--by day|week|month|actor|tag] [FILTERS] "
	  "[--json]", "count events by day, ISO week, month, actor or tag" },
	CLI_NOTES_CMDS
};
#define CLI_NCMDS (sizeof cli_cmds / sizeof cli_cmds[0])

static void
cli_usage(FILE *f)
{
	char	*dir, *themes;
	size_t	 i;

	fprintf(f, "usage: dossier [OPTIONS] [COMMAND [ARGS]]\n\n"
	    "Without a command, dossier opens the reader.\n\nCommands:\n");
	for (i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %s\n      %s\n", cli_cmds[i].usage,
		    cli_cmds[i].help);
	dir = paths_themes();
	themes = theme_list_text(dir);
	free(dir);
	fprintf(f, "\nFILTERS: --actor ID|NAME|ALIAS (again for events "
	    "involving all of them),\n  --any-actor (any of them instead), "
	    "--tag TAG, --from DATE, --to DATE\n"
	    "\nOptions:\n"
	    "  -C, --content DIR   content directory (default: "
	    "$DOSSIER_CONTENT, else the bundled content)\n"
	    "      --db PATH       database file (default: a cache under "
	    "$XDG_CACHE_HOME/dossier)\n"
	    "      --theme NAME    reader theme: a bundled name or a file\n"
	    "                      (themes: %s)\n"
	    "      --config FILE   settings (default: "
	    "$XDG_CONFIG_HOME/dossier/config.yaml)\n"
	    "      --notes FILE    your marks, notes and views (default: "
	    "$XDG_DATA_HOME/dossier/notes.db)\n"
	    "      --no-color      no colours (NO_COLOR is honoured too)\n"
	    "      --check-theme   print the theme's contrast at 8, 16 and "
	    "256 colours\n"
	    "      --no-hyperlinks URLs in the reader not made OSC 8 links\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n\n"
	    "Search words are ANDed; \"a phrase\" in quotes; word* for a prefix.\n"
	    "An argument that starts with '-' goes after '--':"
	    " dossier search -- -term\n", themes);
	free(themes);
}

/* A usage error: one line with a hint, exit status 2. */
int
cli_bad(const char *fmt, ...)
{
	va_list	ap;

	fputs("dossier: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (try 'dossier --help')\n", stderr);
	return 2;
}

/*
 * Writes content text: raw when stdout is not a terminal (with highlight
 * markers as [ and ]), escaped when it is (markers as bold or colour).
 * Newlines become spaces if flat is set.
 */
void
cli_put(struct cli *c, const char *s, int flat)
{
	const char	 stop[] = { TEXT_MARK_ON[0], '\n', '\r', '\0' };
	const char	*on, *off;
	char		*esc = NULL;
	size_t		 i, n;

	if (s == NULL)
		return;
	if (c->tty) {
		esc = text_escape(s);
		s = esc;
	}
	if (c->sgr) {
		on = c->no_color ? "\033[1m" : "\033[1;33m";
		off = c->no_color ? "\033[22m" : "\033[22;39m";
	} else {
		on = "[";
		off = "]";
	}
	/* Runs without a marker's first byte or a newline go out whole. */
	for (i = 0; s[i] != '\0'; i += n) {
		if ((n = strcspn(s + i, stop)) > 0)
			fwrite(s + i, 1, n, stdout);
		else if (strncmp(s + i, TEXT_MARK_ON, TEXT_MARK_LEN) == 0)
			n = TEXT_MARK_LEN, fputs(on, stdout);
		else if (strncmp(s + i, TEXT_MARK_OFF, TEXT_MARK_LEN) == 0)
			n = TEXT_MARK_LEN, fputs(off, stdout);
		else
			n = 1, putchar(flat && (s[i] == '\n' || s[i] == '\r') ?
			    ' ' : s[i]);
	}
	free(esc);
}

/* Prints diagnostics, on stderr. */
void
cli_diags(struct diag_list *d)
{
	diag_sort(d);
	diag_print(d, stderr);
}

/*
 * Draws a slow build's progress on stderr when it is a terminal: nothing
 * for the first half second, then a bar of the files read, then the step
 * of the SQL phase with its seconds; the line goes when the build ends.
 */
static void
cli_progress(const struct store_progress_info *i, void *arg)
{
	static const char	 bar[] = "##############################";
	const int		 width = (int)sizeof bar - 1;
	int			*shown = arg, done;
	char			 step[48] = "";

	if (i->finished) {
		if (*shown)
			fputs("\r\033[K", stderr);
		*shown = 0;
		return;
	}
	if (i->seconds < 0.5)
		return;
	if (i->step != NULL)
		snprintf(step, sizeof step, "%s, %.0f s", i->step,
		    i->step_seconds);
	done = i->files == 0 ? width : i->files_done * width / i->files;
	fprintf(stderr, "\rdossier: indexing [%.*s%*s] %d/%d files, %lld "
	    "events %s\033[K", done, bar, width - done, "", i->files_done,
	    i->files, (long long)i->events, step);
	fflush(stderr);
	*shown = 1;
}

/*
 * Opens the store, reporting problems; progress: show a slow build's
 * progress. Returns NULL (exit 1) on failure.
 */
struct store *
cli_open(struct cli *c, int flags, int progress)
{
	struct store_progress	 p = { cli_progress, NULL };
	struct diag_list	 d;
	struct store		*s;
	char			*err;
	int			 shown = 0;

	p.arg = &shown;
	progress = progress && isatty(STDERR_FILENO);
	diag_init(&d);
	s = store_open(c->content, c->db, flags, progress ? &p : NULL, &d,
	    &err);
	c->refused = s == NULL && errno == EPERM;
	cli_diags(&d);
	if (s == NULL) {
		if (err != NULL)
			fprintf(stderr, "dossier: %s\n", err);
		else if (d.errors > 0)
			fprintf(stderr, "dossier: %zu error%s in %s; nothing "
			    "indexed\n", d.errors, d.errors == 1 ? "" : "s",
			    c->content);
		free(err);
	}
	diag_free(&d);
	if (s != NULL && cli_notes_attach(c, s) == -1) {
		store_close(s);
		s = NULL;
	}
	return s;
}

/* Parses a positive count for --limit. */
int
cli_count(const char *v, int64_t *out)
{
	char	*end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || end == v || n < 1)
		return -1;
	*out = n;
	return 0;
}


/*
 * Takes the filter option at c->argv[*i] (and its value, moving *i on).
 * Returns 1 if it was one, 0 if not, -1 after a usage error.
 */
static int
cli_filter_opt(struct cli_filter *flt, struct cli *c, int *i)
{
	static const char *const names[] = { "--actor", "--tag", "--from",
	    "--to" };
	const char	*a = c->argv[*i], *v;
	size_t		 k;

	if (strcmp(a, "--any-actor") == 0) {
		flt->any = 1;
		return 1;
	}
	for (k = 0; k < sizeof names / sizeof names[0]; k++) {
		if (strcmp(a, names[k]) == 0)
			break;
	}
	if (k == sizeof names / sizeof names[0])
		return 0;
	if (*i + 1 == c->argc) {
		cli_bad("option '%s' needs a value", a);
		return -1;
	}
	v = c->argv[++*i];
	if (k == 0) {
		if (flt->actors == NULL)
			flt->actors = xcalloc((size_t)c->argc,
			    sizeof *flt->actors);
		flt->actors[flt->nactors++] = v;
	} else if (k == 1)
		flt->tag = v;
	else if (k == 2)
		flt->from = v;
	else
		flt->to = v;
	return 1;
}

/* Checks the filters that need no store: dates, and their order. */
static int
cli_filter_check(struct cli_filter *flt)
{
	if (cli_date_arg("--from", flt->from) || cli_date_arg("--to", flt->to))
		return 2;
	if (flt->from != NULL && flt->to != NULL &&
	    strcmp(flt->from, flt->to) > 0)
		return cli_bad("--from %s is after --to %s", flt->from,
		    flt->to);
	return 0;
}

/*
 * Parses a command's arguments: its own options (opts, values into vals
 * in table order, flags as "1"), up to npos positional arguments (the
 * rest NULL; after "--" all are positional) and, if flt is not NULL, the
 * filters (cli_filter_opt). Returns 0, or 2 after a usage error. The
 * shared way in for every command that filters events: list, search,
 * stats, export.
 */
int
cli_filter_opts(struct cli *c, struct cli_filter *flt,
    const struct cli_opt *opts, int nopts, const char **vals,
    const char **pos, int npos, const char *cmd)
{
	int	i, j, got = 0, rest = 0;

	for (i = 0; i < c->argc; i++) {
		const char	*a = c->argv[i];

		if (!rest && strcmp(a, "--") == 0) {
			rest = 1;	/* the rest are arguments */
			continue;
		}
		if (rest || a[0] != '-' || a[1] == '\0') {
			if (got == npos)
				return cli_bad("unexpected argument '%s'", a);
			pos[got++] = a;
			continue;
		}
		if (flt != NULL && (j = cli_filter_opt(flt, c, &i)) != 0) {
			if (j < 0)
				return 2;
			continue;
		}
		for (j = 0; j < nopts; j++) {
			if (strcmp(a, opts[j].name) == 0)
				break;
		}
		if (j == nopts) {
			fprintf(stderr, "dossier: unknown option '%s' for %s "
			    "(try 'dossier --help')\n", a, cmd);
			return 2;
		}
		if (!opts[j].arg)
			vals[j] = "1";
		else if (i + 1 == c->argc)
			return cli_bad("option '%s' needs a value", a);
		else
			vals[j] = c->argv[++i];
	}
	for (i = got; i < npos; i++)
		pos[i] = NULL;
	if (flt != NULL)
		return cli_filter_check(flt);
	return 0;
}

int
cli_opts(struct cli *c, const struct cli_opt *opts, int nopts,
    const char **vals, const char **pos, int npos, const char *cmd)
{
	return cli_filter_opts(c, NULL, opts, nopts, vals, pos, npos, cmd);
}

/* One report of `check`: every problem, then the counts. */
static int
cli_check_once(struct cli *c)
{
	struct diag_list	d;
	struct store_counts	n;
	char			*err;
	int			rc;

	diag_init(&d);
	rc = store_check(c->content, &d, &n, &err);
	cli_diags(&d);
	if (err != NULL) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
	}
	printf("%s: %lld events, %lld actors, %lld sources, %lld excerpts; "
	    "%zu error%s, %zu warning%s\n", c->content, (long long)n.events,
	    (long long)n.actors, (long long)n.sources, (long long)n.excerpts,
	    d.errors, d.errors == 1 ? "" : "s", d.warnings,
	    d.warnings == 1 ? "" : "s");
	diag_free(&d);
	return rc == 0 ? 0 : 1;
}

static volatile sig_atomic_t cli_stop;

static void
cli_on_signal(int sig)
{
	(void)sig;
	cli_stop = 1;
}

/*
 * check --watch: a report now and after every settled change to the
 * content, until Ctrl-C (status 0) or a signal to end.
 */
static int
cli_check_watch(struct cli *c)
{
	struct sigaction	 sa;
	struct pollfd		 p;
	struct watch		*w;
	int			 t;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	w = watch_new(c->content);
	fprintf(stderr, "dossier: watching %s (%s); Ctrl-C ends\n",
	    c->content, watch_method(w));
	(void)cli_check_once(c);
	while (!cli_stop && fflush(stdout) == 0) {
		p.fd = watch_fd(w);
		p.events = POLLIN;
		t = watch_timeout(w);
		if (poll(&p, p.fd >= 0 ? 1 : 0, t) == -1 && errno != EINTR)
			break;
		if (!cli_stop && watch_check(w)) {
			putchar('\n');
			(void)cli_check_once(c);
		}
	}
	watch_free(w);
	return 0;
}

static int
cli_check(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--watch", 0 } };
	const char	*v[1] = { NULL };
	int		 rc;

	if ((rc = cli_opts(c, opts, 1, v, NULL, 0, "check")) != 0)
		return rc;
	if (v[0] != NULL)
		return cli_check_watch(c);
	return cli_check_once(c);
}

int
cli_date_arg(const char *opt, const char *v)
{
	if (v != NULL && !content_valid_date(v)) {
		fprintf(stderr, "dossier: %s '%s' is not a date (expected "
		    "YYYY-MM-DD; try 'dossier --help')\n", opt, v);
		return 2;
	}
	return 0;
}

static void
cli_row(struct cli *c, const struct store_row *r)
{
	/* The marker has a column of its own: the columns stay aligned. */
	printf("%s%c %s ", r->date, r->approximate ? '~' : ' ',
	    r->time[0] != '\0' ? r->time : "--:--");
	cli_put(c, r->id, 1);
	putchar(' ');
	cli_put(c, r->title, 1);
	putchar('\n');
}

/*
 * Says "no events in DIR" on stderr when the corpus has none: an empty
 * result is then no answer to the filters but a sign of a wrong directory.
 */
void
cli_empty_corpus(struct cli *c, struct store *s)
{
	struct store_counts	n;

	store_counts(s, &n);
	if (n.events == 0)
		fprintf(stderr, "dossier: no events in %s\n", c->content);
}

/*
 * --view NAME and --marked on the filters as typed: the view's actors, tag
 * and dates fill what the options left unset (so its actors are resolved
 * as --actor is); its query and marked-only land in *extra. Returns 0 or
 * an exit status (reported).
 */
int
cli_filter_view(struct cli *c, struct cli_filter *flt, const char *view,
    int marked, struct store_filter *extra)
{
	int	rc, i;

	memset(extra, 0, sizeof *extra);
	if ((rc = cli_notes_filter(c, extra, view, marked)) != 0)
		return rc;
	if (c->view != NULL && flt->nactors == 0 && c->view->nactors > 0) {
		free(flt->actors);
		flt->actors = xcalloc((size_t)c->view->nactors,
		    sizeof *flt->actors);
		for (i = 0; i < c->view->nactors; i++)
			flt->actors[i] = c->view->actors[i];
		flt->nactors = c->view->nactors;
	}
	if (flt->tag == NULL)
		flt->tag = extra->tag;
	if (flt->from == NULL)
		flt->from = extra->from;
	if (flt->to == NULL)
		flt->to = extra->to;
	return 0;
}

static int
cli_list(struct cli *c)
{
	static const struct cli_opt opts[] = {
		{ "--limit", 1 }, { "--json", 0 }, { "--marked", 0 },
		{ "--view", 1 },
	};
	const char		*v[4] = { NULL };
	struct cli_filter	 flt;
	struct store_filter	 extra;
	struct store_view	*view;
	struct store_row	 rows[256];
	struct store		*s;
	int64_t			 limit = 0, pos, left;
	char			*err;
	int			 rc, n, i;

	memset(&flt, 0, sizeof flt);
	if ((rc = cli_filter_opts(c, &flt, opts, 4, v, NULL, 0, "list")) != 0)
		goto done;
	if (v[0] != NULL && cli_count(v[0], &limit) == -1) {
		rc = cli_bad("--limit '%s' is not a positive number", v[0]);
		goto done;
	}
	if ((rc = cli_filter_view(c, &flt, v[3], v[2] != NULL, &extra)) != 0)
		goto done;
	if ((s = cli_open(c, 0, 0)) == NULL) {
		rc = 1;
		goto done;
	}
	if ((rc = cli_filter_resolve(&flt, s)) != 0)
		goto close;
	flt.f.marked = extra.marked;
	cli_empty_corpus(c, s);
	if (v[1] != NULL) {
		rc = store_json_list(s, &flt.f, limit, stdout, &err);
		goto out;
	}
	if ((view = store_view_new(s, &flt.f, &err)) == NULL) {
		rc = -1;
		goto out;
	}
	/* Rows are read until they run out: a view is counted as it goes. */
	left = limit > 0 ? limit : INT64_MAX;
	for (pos = 1; left > 0 && !ferror(stdout); pos += n, left -= n) {
		n = store_view_rows(view, pos, left < 256 ? (int)left : 256,
		    rows);
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			cli_row(c, &rows[i]);
		store_rows_clear(rows, n);
	}
	store_view_free(view);
	rc = 0;
out:
	if (rc == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		rc = 1;
	}
close:
	store_close(s);
done:
	cli_filter_free(&flt);
	return rc;
}

static void
cli_show_text(struct cli *c, const struct store_detail *d)
{
	const struct store_excerpt	*x;
	int				 i;

	cli_put(c, d->title, 1);
	printf("\n\nid:      ");
	cli_put(c, d->id, 1);
	printf("\ndate:    %s%s%s%s\n", d->date, d->time[0] != '\0' ? " " : "",
	    d->time, d->approximate ? " (approximate)" : "");
	for (i = 0; i < d->nactors; i++) {
		printf("%s", i > 0 ? ", " : "actors:  ");
		cli_put(c, d->actors[i].name, 1);
		printf(" (");
		cli_put(c, d->actors[i].id, 1);
		printf(")%s", i + 1 == d->nactors ? "\n" : "");
	}
	for (i = 0; i < d->ntags; i++) {
		printf("%s", i > 0 ? ", " : "tags:    ");
		cli_put(c, d->tags[i], 1);
		printf("%s", i + 1 == d->ntags ? "\n" : "");
	}
	if (d->summary != NULL) {
		putchar('\n');
		cli_put(c, d->summary, 0);
		putchar('\n');
	}
	/* Each excerpt, then its source: title, publisher, date, URL. */
	for (i = 0; i < d->nexcerpts; i++) {
		x = &d->excerpts[i];
		printf("\n[%d] \"", i + 1);
		cli_put(c, x->quote, 1);
		printf("\"\n    \xe2\x80\x94 ");
		cli_put(c, x->source_title, 1);
		if (x->publisher != NULL) {
			printf(", ");
			cli_put(c, x->publisher, 1);
		}
		if (x->published != NULL)
			printf(", %s", x->published);
		putchar('\n');
		if (x->url != NULL) {
			/* Whole, on its own line, however long. */
			printf("    ");
			cli_put(c, x->url, 1);
			putchar('\n');
		}
		if (x->note != NULL) {
			printf("    note: ");
			cli_put(c, x->note, 1);
			putchar('\n');
		}
	}
}

static int
cli_show(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--json", 0 },
	    { "--marked", 0 } };
	const char		*v[2] = { NULL }, *id;
	struct store		*s;
	struct store_detail	*d;
	char			*err;
	int			 rc;

	if ((rc = cli_opts(c, opts, 2, v, &id, 1, "show")) != 0)
		return rc;
	if (id == NULL)
		return cli_bad("show needs an event id");
	c->need_notes = v[1] != NULL;
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	if (v[1] != NULL && cli_notes_require_mark(c, s, id) != 0) {
		store_close(s);
		return 1;
	}
	if (v[0] != NULL) {
		rc = store_json_show(s, id, stdout, &err);
		if (rc == -1) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
		}
	} else if ((d = store_detail_by_id(s, id, NULL)) != NULL) {
		cli_show_text(c, d);
		store_detail_free(d);
		rc = 0;
	} else
		rc = 1;
	if (rc == 1)
		fprintf(stderr, "dossier: no event '%s' (see 'dossier list')\n",
		    id);
	store_close(s);
	return rc == 0 ? 0 : 1;
}

static void
cli_hit(const struct store_hit *h, void *arg)
{
	struct cli	*c = arg;

	printf("%s ", h->date);
	cli_put(c, h->event, 1);
	printf(" %s: ", h->kind);
	cli_put(c, h->snippet, 1);
	putchar('\n');
}

#define CLI_SEARCH_MAX	1000	/* hits --limit may ask for */

static int
cli_search(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--limit", 1 },
	    { "--json", 0 }, { "--marked", 0 }, { "--view", 1 } };
	const char		*v[4] = { NULL }, **words;
	struct cli_filter	 flt;
	struct store_filter	 extra;
	struct store		*s;
	struct buf		 q;
	int64_t			 limit = 0, n = 0;
	char			*err = NULL;
	int			 rc, i;

	/* A search is a short process: its caches in one block (store.c). */
	store_library_pagecache();
	memset(&flt, 0, sizeof flt);
	buf_init(&q);
	/* The words left when the options are taken are the query. */
	words = xcalloc((size_t)c->argc + 1, sizeof *words);
	rc = cli_filter_opts(c, &flt, opts, 4, v, words, c->argc, "search");
	for (i = 0; rc == 0 && words[i] != NULL; i++) {
		if (i > 0)
			buf_addc(&q, ' ');
		buf_adds(&q, words[i]);
	}
	free(words);
	if (rc != 0)
		goto done;
	/* A saved view's query stands in when none is typed. */
	if ((rc = cli_filter_view(c, &flt, v[3], v[2] != NULL, &extra)) != 0)
		goto done;
	if (i == 0 && extra.query != NULL) {
		buf_adds(&q, extra.query);
		i = 1;
	}
	if (i == 0) {
		rc = cli_bad("search needs a query");
		goto done;
	}
	if (v[0] != NULL && cli_count(v[0], &limit) == -1) {
		rc = cli_bad("--limit '%s' is not a positive number", v[0]);
		goto done;
	}
	if (limit > CLI_SEARCH_MAX) {
		rc = cli_bad("--limit %s is more than %d", v[0],
		    CLI_SEARCH_MAX);
		goto done;
	}
	/* Each search path makes temp.unote if it reads it. */
	if ((s = cli_open(c, STORE_LAZY_NOTES | STORE_ONE_SHOT, 0)) == NULL) {
		rc = 1;
		goto done;
	}
	if ((rc = cli_filter_resolve(&flt, s)) == 0) {
		flt.f.query = buf_str(&q);
		flt.f.marked = extra.marked;
		if (extra.marked)
			store_search_marked(s, 1);
		if (v[1] != NULL) {
			if (store_json_search_filter(s, &flt.f, limit, stdout,
			    &n, &err) == -1)
				n = -1;
		} else
			n = store_search_filter(s, &flt.f, limit, cli_hit, c,
			    &err);
		if (n == -1) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
			rc = 2;
		} else
			rc = n > 0 ? 0 : 1;
	}
	store_close(s);
done:
	buf_free(&q);
	cli_filter_free(&flt);
	return rc;
}

/* Pads to a display width, so names in any script line up. */
void
cli_pad(struct cli *c, const char *s, int width)
{
	int	w = text_width(s);

	cli_put(c, s, 1);
	for (; w < width; w++)
		putchar(' ');
	putchar(' ');
}

static int
cli_actors(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--json", 0 } };
	const char		*v[1] = { NULL };
	struct store_actor	 a[128];
	struct store		*s;
	int64_t			 off;
	char			*err;
	int			 rc, n, i;

	if ((rc = cli_opts(c, opts, 1, v, NULL, 0, "actors")) != 0)
		return rc;
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	if (v[0] != NULL) {
		rc = store_json_actors(s, stdout, &err);
		if (rc == -1) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
			rc = 1;
		}
		store_close(s);
		return rc;
	}
	for (off = 0; (n = store_actor_list(s, NULL, off, 128, a)) > 0;
	    off += n) {
		for (i = 0; i < n; i++) {
			cli_pad(c, a[i].id, 20);
			cli_pad(c, a[i].name, 32);
			cli_pad(c, a[i].kind, 12);
			printf("%5lld\n", (long long)a[i].events);
		}
		store_actors_clear(a, n);
	}
	store_close(s);
	return 0;
}

static int
cli_index(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--force", 0 } };
	const char		*v[1] = { NULL };
	struct store_counts	 n;
	struct store		*s;
	int			 rc;

	if ((rc = cli_opts(c, opts, 1, v, NULL, 0, "index")) != 0)
		return rc;
	s = cli_open(c, v[0] != NULL ? STORE_REBUILD : 0, 1);
	if (s == NULL)
		return 1;
	store_counts(s, &n);
	printf("%s: %lld events, %lld actors, %lld sources, %lld excerpts\n",
	    store_path(s), (long long)n.events, (long long)n.actors,
	    (long long)n.sources, (long long)n.excerpts);
	store_close(s);
	return 0;
}

/*
 * --check-theme: the contrast table of the --theme (a bundled name or a
 * file; the built-in default without one). Exit 1 if a pair reads below
 * its minimum or the theme does not load.
 */
static int
cli_check_theme(struct cli *c)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*dir, *path;
	size_t			 n, low;
	int			 rc;

	diag_init(&dl);
	dir = path = NULL;
	if (c->theme == NULL)
		t = theme_builtin(0);
	else {
		n = strlen(c->theme);
		dir = paths_themes();
		if (strchr(c->theme, '/') != NULL || (n > 5 &&
		    strcmp(c->theme + n - 5, ".yaml") == 0) || dir == NULL)
			path = xstrdup(c->theme);
		else
			path = xasprintf("%s/%s.yaml", dir, c->theme);
		t = theme_load(path, &dl);
		diag_print(&dl, stderr);
	}
	rc = 1;
	if (t != NULL) {
		low = palette_check(t, stdout);
		printf("%zu of %d pairs below the minimum (text 4.5:1, lines "
		    "3:1)\n", low, 3 * THEME_NELEMS);
		rc = low > 0;
	}
	theme_free(t);
	diag_free(&dl);
	free(path);
	free(dir);
	return rc;
}

/* Prints the bindings in effect; reads no content. */
static int
cli_keys(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--markdown", 0 } };
	const char	*v[1] = { NULL };
	struct buf	 b;
	int		 rc;

	if ((rc = cli_opts(c, opts, 1, v, NULL, 0, "keys")) != 0)
		return rc;
	buf_init(&b);
	if (v[0] != NULL)
		keys_markdown(&b);
	else
		keys_list(&b);
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	return 0;
}

/*
 * Loads config.yaml (--config FILE, else the XDG path). Its problems go to
 * stderr, before any screen, and what is good in it is used. Returns 0, or
 * -1 if --config names a file that is not there (reported).
 */
static int
cli_config(struct cli *c)
{
	struct diag_list	 dl;
	char			*path;

	path = c->config_path != NULL ? xstrdup(c->config_path) :
	    config_default_path();
	diag_init(&dl);
	config_load(path, &c->config, &dl);
	if (c->config_path != NULL && c->config.path == NULL && dl.n == 0) {
		fprintf(stderr, "dossier: %s: no such config file\n", path);
		free(path);
		return -1;
	}
	diag_print(&dl, stderr);
	diag_free(&dl);
	free(path);
	return 0;
}

/*
 * Applies the config's keys: to the binding table, so that the reader, its
 * help and `dossier keys` all show them. A binding that names an unknown
 * mode, action or key is reported at its position and the rest apply.
 */
static void
cli_bindings(struct cli *c)
{
	struct diag_list	dl;

	if (c->config.nbindings == 0)
		return;
	diag_init(&dl);
	keys_apply_config(&c->config, &dl);
	diag_print(&dl, stderr);
	diag_free(&dl);
}

/*
 * Chooses the reader's theme: --theme, else the config's theme:, else none
 * (the built-in default). A theme that is not there is an error before the
 * reader opens: for --theme, exit status 2; in the config, reported at its
 * position and the default used. Returns 0 with *name set (or NULL), or 2.
 */
static int
cli_theme(struct cli *c, const char *dir, const char **name)
{
	struct diag_list	 dl;
	char			*why;

	if ((*name = c->theme) == NULL)
		*name = c->config.theme;
	if (*name == NULL || (why = theme_list_missing(dir, *name)) == NULL)
		return 0;
	*name = NULL;
	if (c->theme != NULL)
		fprintf(stderr, "dossier: %s\n", why);
	else {
		diag_init(&dl);
		diag_add(&dl, DIAG_ERROR, c->config.path, c->config.theme_line,
		    c->config.theme_col, "%s; the default is used", why);
		diag_print(&dl, stderr);
		diag_free(&dl);
	}
	free(why);
	return c->theme != NULL ? 2 : 0;
}

/*
 * Ends the output: flushes and closes stdout, checking that every write
 * got through. Returns 0, or 1 after "dossier: write error: REASON". A
 * reader that went away (a closed pipe) is no error to report.
 */
static int
cli_out_end(void)
{
	int	bad, saved;

	bad = ferror(stdout);
	if (bad) {
		/* The failed bytes wait in the buffer: this says why. */
		clearerr(stdout);
		errno = 0;
		if (fflush(stdout) == 0 || errno == 0)
			errno = EIO;
	} else if (fflush(stdout) != 0)
		bad = 1;
	saved = errno;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (!bad || saved == EPIPE)
		return 0;
	fprintf(stderr, "dossier: write error: %s\n", strerror(saved));
	return 1;
}

static int
cli_reader(struct cli *c)
{
	struct ui_options	 o;
	struct store		*s;
	const char		*theme;
	char			*themes;
	int			 rc;

	if (c->argc > 0)
		return cli_bad("unknown command '%s'", c->argv[0]);
	themes = paths_themes();
	if ((rc = cli_theme(c, themes, &theme)) != 0) {
		free(themes);
		return rc;
	}
	if ((s = cli_open(c, 0, 1)) == NULL) {
		free(themes);
		return 1;
	}
	memset(&o, 0, sizeof o);
	o.theme = theme;
	o.themes_dir = themes;
	o.no_color = c->no_color;
	/* --no-hyperlinks, else config.yaml's hyperlinks:, else by TERM. */
	o.hyperlinks = c->no_hyperlinks ? 0 : c->config.hyperlinks;
	o.content = c->content;
	o.config = c->config_path != NULL ? xstrdup(c->config_path) :
	    config_default_path();
	o.db = c->db;
	cli_notes_reader(c, &o);
	rc = ui_run(s, &o);
	cli_notes_reader(c, NULL);
	free(o.config);
	store_close(s);
	free(themes);
	cli_notes_reader(c, NULL);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	struct cli	 c;
	const char	*cmd = NULL, *nc;
	char		**rest;
	size_t		 k;
	int		 i, nrest = 0, rc;

	memset(&c, 0, sizeof c);
	rest = xcalloc((size_t)argc + 1, sizeof *rest);
	for (i = 1; i < argc; i++) {
		const char	*a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 ||
		    (cmd == NULL && strcmp(a, "help") == 0)) {
			cli_usage(stdout);
			free(rest);
			free(c.content);
			return cli_out_end();
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("dossier %s\n", DOSSIER_VERSION);
			free(rest);
			free(c.content);
			return cli_out_end();
		}
		if (strcmp(a, "--config") == 0) {
			if (i + 1 == argc) {
				free(rest);
				free(c.content);
				return cli_bad("option '%s' needs a value", a);
			}
			c.config_path = argv[++i];
			continue;
		}
		if (strncmp(a, "--config=", 9) == 0) {
			c.config_path = a + 9;
			continue;
		}
		if (strcmp(a, "-C") == 0 || strcmp(a, "--content") == 0 ||
		    strcmp(a, "--db") == 0 || strcmp(a, "--theme") == 0 ||
		    (strcmp(a, "--notes") == 0 && (cmd == NULL ||
		    strcmp(cmd, "export") != 0)) || (cmd == NULL &&
		    strcmp(a, "--view") == 0)) {
			if (i + 1 == argc) {
				free(rest);
				free(c.content);
				return cli_bad("option '%s' needs a value", a);
			}
			if (a[1] == 'C' || a[2] == 'c') {
				free(c.content);
				c.content = xstrdup(argv[++i]);
			} else if (a[2] == 'd')
				c.db = argv[++i];
			else if (a[2] == 'n')
				c.notes = argv[++i];
			else if (a[2] == 'v')
				c.view_name = argv[++i];
			else
				c.theme = argv[++i];
		} else if (strncmp(a, "--content=", 10) == 0) {
			free(c.content);
			c.content = xstrdup(a + 10);
		} else if (strncmp(a, "--db=", 5) == 0)
			c.db = a + 5;
		else if (strncmp(a, "--theme=", 8) == 0)
			c.theme = a + 8;
		else if (strncmp(a, "--notes=", 8) == 0)
			c.notes = a + 8;
		else if (strcmp(a, "--no-color") == 0)
			c.no_color = 1;
		else if (strcmp(a, "--check-theme") == 0)
			c.check_theme = 1;
		else if (strcmp(a, "--no-hyperlinks") == 0)
			c.no_hyperlinks = 1;
		else if (cmd == NULL && a[0] != '-')
			cmd = a;
		else if (cmd == NULL) {
			free(rest);
			free(c.content);
			return cli_bad("unknown option '%s'", a);
		} else
			rest[nrest++] = argv[i];
	}
	if ((nc = getenv("NO_COLOR")) != NULL && *nc != '\0')
		c.no_color = 1;
	if (cli_config(&c) == -1) {
		free(rest);
		free(c.content);
		return 2;
	}
	cli_bindings(&c);
	if (c.content == NULL)
		c.content = paths_content();
	c.tty = isatty(STDOUT_FILENO);
	/* A terminal that cannot show attributes gets the piped marks. */
	c.sgr = c.tty && getenv("TERM") != NULL && *getenv("TERM") != '\0' &&
	    strcmp(getenv("TERM"), "dumb") != 0;
	c.argc = nrest;
	c.argv = rest;
	if (c.check_theme)
		rc = cli_check_theme(&c);
	else if (cmd == NULL)
		rc = cli_reader(&c);
	else {
		for (k = 0; k < CLI_NCMDS; k++) {
			if (strcmp(cmd, cli_cmds[k].name) == 0)
				break;
		}
		/* A closed pipe is an error to see (EPIPE), not a signal. */
		signal(SIGPIPE, SIG_IGN);
		if (k == CLI_NCMDS)
			rc = cli_bad("unknown command '%s'", cmd);
		else
			rc = cli_cmds[k].fn(&c);
		if (cli_out_end() != 0)
			rc = 1;
	}
	if (c.refused)
		rc = 2;
	config_free(&c.config);
	cli_notes_free(&c);
	free(rest);
	free(c.content);
	return rc;
}
