/*
 * cli.c: the command line. Global options may come anywhere; each command
 * parses its own. Exit status: 0 success, 1 failure (bad content, no
 * search hits, unknown id), 2 usage errors and queries that cannot run.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli-int.h"
#include "content.h"
#include "keys.h"
#include "paths.h"
#include "store.h"
#include "text.h"
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
static int	cli_source(struct cli *);
static int	cli_keys(struct cli *);

static const struct cli_cmd cli_cmds[] = {
	{ "check", cli_check, "check [--watch]",
	  "validate the content and report every problem (--watch: again "
	  "on every change, until Ctrl-C)" },
	{ "list", cli_list, "list [--actor ID] [--tag TAG] [--from DATE] "
	  "[--to DATE] [--limit N] [--json] [--marked] [--view NAME]",
	  "print the timeline" },
	{ "show", cli_show, "show ID [--json] [--marked]",
	  "print one event with its actors, tags and excerpts" },
	{ "search", cli_search, "search QUERY [--limit N] [--json] [--marked] "
	  "[--view NAME]",
	  "full-text search over events and excerpts" },
	{ "actors", cli_actors, "actors [--json]",
	  "list actors by number of events" },
	{ "index", cli_index, "index [--force]",
	  "build or refresh the store now" },
	{ "source", cli_source, "source ID [--text] [--json]",
	  "a source, the events that quote it and, with --text, its text" },
	{ "keys", cli_keys, "keys [--markdown]",
	  "print the reader's key bindings: mode, action, keys" },
	CLI_NOTES_CMDS
};
#define CLI_NCMDS (sizeof cli_cmds / sizeof cli_cmds[0])

static void
cli_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: dossier [OPTIONS] [COMMAND [ARGS]]\n\n"
	    "Without a command, dossier opens the reader.\n\nCommands:\n");
	for (i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %-58s\n      %s\n", cli_cmds[i].usage,
		    cli_cmds[i].help);
	fprintf(f, "\nOptions:\n"
	    "  -C, --content DIR   content directory (default: "
	    "$DOSSIER_CONTENT, else the bundled content)\n"
	    "      --db PATH       database file (default: a cache under "
	    "$XDG_CACHE_HOME/dossier)\n"
	    "      --theme NAME    reader theme: a bundled name or a file\n"
	    "      --notes FILE    your marks, notes and views (default: "
	    "$XDG_DATA_HOME/dossier/notes.db)\n"
	    "      --no-color      no colours (NO_COLOR is honoured too)\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n\n"
	    "Search words are ANDed; \"a phrase\" in quotes; word* for a prefix.\n"
	    "An argument that starts with '-' goes after '--':"
	    " dossier search -- -term\n");
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
	const char	*on, *off;
	char		*esc = NULL;
	size_t		 i;

	if (s == NULL)
		return;
	if (c->tty) {
		esc = text_escape(s);
		s = esc;
		on = c->no_color ? "\033[1m" : "\033[1;33m";
		off = c->no_color ? "\033[22m" : "\033[22;39m";
	} else {
		on = "[";
		off = "]";
	}
	for (i = 0; s[i] != '\0'; i++) {
		if (strncmp(s + i, TEXT_MARK_ON, TEXT_MARK_LEN) == 0) {
			fputs(on, stdout);
			i += TEXT_MARK_LEN - 1;
		} else if (strncmp(s + i, TEXT_MARK_OFF, TEXT_MARK_LEN) == 0) {
			fputs(off, stdout);
			i += TEXT_MARK_LEN - 1;
		} else if (flat && (s[i] == '\n' || s[i] == '\r'))
			putchar(' ');
		else
			putchar(s[i]);
	}
	free(esc);
}

/* Prints diagnostics, on stderr. */
static void
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
static int
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

int
cli_opts(struct cli *c, const struct cli_opt *opts, int nopts,
    const char **vals, const char **pos, int npos, const char *cmd)
{
	int	i, j, got = 0;

	for (i = 0; i < c->argc; i++) {
		const char	*a = c->argv[i];

		if (a[0] != '-' || a[1] == '\0' || strcmp(a, "--") == 0) {
			if (strcmp(a, "--") == 0 && i + 1 < c->argc)
				a = c->argv[++i];
			if (got == npos)
				return cli_bad("unexpected argument '%s'", a);
			pos[got++] = a;
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
	return 0;
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
	fflush(stdout);
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
	while (!cli_stop) {
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
	printf("%s%s %s ", r->date, r->approximate ? "~" : "",
	    r->time[0] != '\0' ? r->time : "--:--");
	cli_put(c, r->id, 1);
	putchar(' ');
	cli_put(c, r->title, 1);
	putchar('\n');
}

static int
cli_list(struct cli *c)
{
	static const struct cli_opt opts[] = {
		{ "--actor", 1 }, { "--tag", 1 }, { "--from", 1 },
		{ "--to", 1 }, { "--limit", 1 }, { "--json", 0 },
		{ "--marked", 0 }, { "--view", 1 },
	};
	const char		*v[8] = { NULL };
	struct store_filter	 f;
	struct store_view	*view;
	struct store_row	 rows[256];
	struct store		*s;
	int64_t			 limit = 0, pos, left;
	char			*err;
	int			 rc, n, i;

	if ((rc = cli_opts(c, opts, 8, v, NULL, 0, "list")) != 0)
		return rc;
	if (v[4] != NULL && cli_count(v[4], &limit) == -1)
		return cli_bad("--limit '%s' is not a positive number", v[4]);
	if (cli_date_arg("--from", v[2]) || cli_date_arg("--to", v[3]))
		return 2;
	memset(&f, 0, sizeof f);
	f.actor = v[0];
	f.tag = v[1];
	f.from = v[2];
	f.to = v[3];
	if ((rc = cli_notes_filter(c, &f, v[7], v[6] != NULL)) != 0)
		return rc;
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	if (v[5] != NULL) {
		rc = store_json_list(s, &f, limit, stdout, &err);
		goto out;
	}
	if ((view = store_view_new(s, &f, &err)) == NULL) {
		rc = -1;
		goto out;
	}
	/* Rows are read until they run out: a view is counted as it goes. */
	left = limit > 0 ? limit : INT64_MAX;
	for (pos = 1; left > 0; pos += n, left -= n) {
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
	store_close(s);
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
	for (i = 0; i < d->nexcerpts; i++) {
		x = &d->excerpts[i];
		printf("\n[%d] ", i + 1);
		cli_put(c, x->source_title, 1);
		if (x->publisher != NULL || x->published != NULL) {
			printf(" (");
			cli_put(c, x->publisher, 1);
			printf("%s%s)", x->publisher != NULL &&
			    x->published != NULL ? ", " : "",
			    x->published != NULL ? x->published : "");
		}
		printf("\n    \"");
		cli_put(c, x->quote, 1);
		printf("\"\n");
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

static int
cli_search(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--limit", 1 },
	    { "--json", 0 }, { "--marked", 0 }, { "--view", 1 } };
	const char	*v[4] = { NULL }, *q;
	struct store_filter f;
	struct store	*s;
	int64_t		 limit = 0, n;
	char		*err = NULL;
	int		 rc;

	if ((rc = cli_opts(c, opts, 4, v, &q, 1, "search")) != 0)
		return rc;
	memset(&f, 0, sizeof f);
	f.query = q;
	if ((rc = cli_notes_filter(c, &f, v[3], v[2] != NULL)) != 0)
		return rc;
	q = f.query;
	if (q == NULL)
		return cli_bad("search needs a query");
	if (v[0] != NULL && cli_count(v[0], &limit) == -1)
		return cli_bad("--limit '%s' is not a positive number", v[0]);
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	store_search_marked(s, f.marked);
	if (v[1] != NULL) {
		if (store_json_search(s, q, limit, stdout, &n, &err) == -1)
			n = -1;
	} else
		n = store_search(s, q, limit, cli_hit, c, &err);
	store_close(s);
	if (n == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		return 2;
	}
	return n > 0 ? 0 : 1;
}

/* Pads to a display width, so names in any script line up. */
static void
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

/* source ID: what the source is, who quotes it, and maybe its text. */
static int
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

static int
cli_reader(struct cli *c)
{
	struct ui_options	 o;
	struct store		*s;
	char			*themes;
	int			 rc;

	if (c->argc > 0)
		return cli_bad("unknown command '%s'", c->argv[0]);
	if ((s = cli_open(c, 0, 1)) == NULL)
		return 1;
	themes = paths_themes();
	memset(&o, 0, sizeof o);
	o.theme = c->theme;
	o.themes_dir = themes;
	o.no_color = c->no_color;
	o.content = c->content;
	cli_notes_reader(c, &o);
	rc = ui_run(s, &o);
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

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_usage(stdout);
			free(rest);
			free(c.content);
			return 0;
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("dossier %s\n", DOSSIER_VERSION);
			free(rest);
			free(c.content);
			return 0;
		}
		if (strcmp(a, "-C") == 0 || strcmp(a, "--content") == 0 ||
		    strcmp(a, "--db") == 0 || strcmp(a, "--theme") == 0 ||
		    strcmp(a, "--notes") == 0 || (cmd == NULL &&
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
	if (c.content == NULL)
		c.content = paths_content();
	c.tty = isatty(STDOUT_FILENO);
	c.argc = nrest;
	c.argv = rest;
	if (cmd == NULL)
		rc = cli_reader(&c);
	else {
		for (k = 0; k < CLI_NCMDS; k++) {
			if (strcmp(cmd, cli_cmds[k].name) == 0)
				break;
		}
		if (k == CLI_NCMDS)
			rc = cli_bad("unknown command '%s'", cmd);
		else
			rc = cli_cmds[k].fn(&c);
	}
	fflush(stdout);
	cli_notes_free(&c);
	free(rest);
	free(c.content);
	return rc;
}
