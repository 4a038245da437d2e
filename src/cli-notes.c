/*
 * cli-notes.c: the commands on what the user writes (mark, unmark, note,
 * notes, view) and the --marked and --view options of list, show and
 * search. The data lives in notes.db (notes.h); the store only reads it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-int.h"
#include "content.h"
#include "notes.h"
#include "store.h"
#include "text.h"
#include "ui.h"

/* The notes file to use: --notes, else the default. Caller frees. */
static char *
cli_notes_path(struct cli *c)
{
	char	*p;

	if (c->notes != NULL)
		return xstrdup(c->notes);
	if ((p = notes_default_path()) == NULL)
		fprintf(stderr, "dossier: nowhere to keep notes (neither "
		    "XDG_DATA_HOME nor HOME is set); use --notes FILE\n");
	return p;
}

/*
 * Opens the notes of this corpus: for writing (made if missing) or, with
 * NOTES_READONLY, only if they exist (NULL, *missing set, if not).
 * Returns NULL with the reason reported otherwise.
 */
static struct notes *
cli_notes_open(struct cli *c, int flags, int *missing)
{
	struct notes	*n;
	char		*path, *corpus, *err;

	if (missing != NULL)
		*missing = 0;
	if ((path = cli_notes_path(c)) == NULL)
		return NULL;
	corpus = notes_corpus(c->content);
	n = notes_open(path, corpus, flags, &err);
	if (n == NULL && err == NULL && missing != NULL)
		*missing = 1;
	else if (n == NULL) {
		fprintf(stderr, "dossier: %s\n", err != NULL ? err :
		    "cannot open the notes");
		free(err);
	}
	free(corpus);
	free(path);
	return n;
}

int
cli_notes_attach(struct cli *c, struct store *s)
{
	char	*path, *corpus, *err = NULL;
	int	 rc;

	if ((path = cli_notes_path(c)) == NULL)
		return c->need_notes ? -1 : store_attach_notes(s, NULL, NULL,
		    &err);
	rc = notes_check(path, &err);
	if (rc == 0) {
		/* The corpus's real path keys its notes (notes_corpus). */
		corpus = notes_corpus(c->content);
		rc = store_attach_notes(s, path, corpus, &err);
		free(corpus);
	} else if (rc == 1)
		rc = store_attach_notes(s, NULL, NULL, &err);
	free(path);
	if (rc == -1) {
		if (c->need_notes) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
			return -1;
		}
		fprintf(stderr, "dossier: warning: %s (marks and notes are "
		    "not shown)\n", err);
		free(err);
		store_attach_notes(s, NULL, NULL, &err);
	}
	return 0;
}

int
cli_notes_filter(struct cli *c, struct store_filter *f, const char *view,
    int marked)
{
	struct notes	*n;
	char		*err;
	int		 missing, rc;

	if (marked) {
		f->marked = 1;
		c->need_notes = 1;
	}
	if (view == NULL)
		view = c->view_name;	/* given before the command */
	if (view == NULL)
		return 0;
	c->need_notes = 1;
	if ((n = cli_notes_open(c, NOTES_READONLY, &missing)) == NULL &&
	    !missing)
		return 1;
	cli_notes_free(c);
	c->view = xcalloc(1, sizeof *c->view);
	rc = n != NULL ? notes_view_get(n, view, c->view, &err) : 0;
	notes_close(n);
	if (rc == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		return 1;
	}
	if (rc == 0) {
		fprintf(stderr, "dossier: no view '%s' (see 'dossier view "
		    "list')\n", view);
		return 1;
	}
	/*
	 * What the command line gave wins; the view fills the rest. Its
	 * actors (c->view->actors) are the caller's to take, as typed, so
	 * that they are resolved as --actor is.
	 */
	if (f->tag == NULL)
		f->tag = c->view->tag;
	if (f->from == NULL)
		f->from = c->view->from;
	if (f->to == NULL)
		f->to = c->view->to;
	if (f->query == NULL)
		f->query = c->view->query;
	if (c->view->marked)
		f->marked = 1;
	return 0;
}

int
cli_notes_require_mark(struct cli *c, struct store *s, const char *id)
{
	struct notes		*n;
	struct notes_entry	 e;
	char			*err;
	int			 rc = 0, missing;

	(void)s;
	if ((n = cli_notes_open(c, NOTES_READONLY, &missing)) == NULL &&
	    !missing)
		return 1;
	if (n != NULL && (rc = notes_get(n, id, &e, &err)) == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		notes_close(n);
		return 1;
	}
	notes_close(n);
	if (rc == 1 && e.marked) {
		notes_entry_clear(&e);
		return 0;
	}
	if (rc == 1)
		notes_entry_clear(&e);
	fprintf(stderr, "dossier: event '%s' is not marked\n", id);
	return 1;
}

void
cli_notes_free(struct cli *c)
{
	if (c->view != NULL) {
		notes_view_clear(c->view);
		free(c->view);
		c->view = NULL;
	}
}

/*
 * Finds each id in the content (its date into dates[i], owned), or, if
 * orphans_ok, in the notes. Returns 0, or 1 with the unknown id reported.
 */
static int
cli_notes_ids(struct cli *c, struct store *s, struct notes *n,
    char **ids, int count, char **dates, int orphans_ok, const char *none)
{
	struct store_detail	*d;
	struct notes_entry	 e;
	char			*err;
	int			 i, rc;

	for (i = 0; i < count; i++) {
		if ((d = store_detail_by_id(s, ids[i], NULL)) != NULL) {
			dates[i] = xstrdup(d->date);
			store_detail_free(d);
			continue;
		}
		rc = orphans_ok ? notes_get(n, ids[i], &e, &err) : 0;
		if (rc == 1) {
			notes_entry_clear(&e);
			continue;	/* an orphan: its entry is there */
		}
		if (rc == -1) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
		} else
			fprintf(stderr, "dossier: no event '%s' in %s (see "
			    "'dossier list'); %s\n", ids[i], c->content, none);
		return 1;
	}
	return 0;
}

/* mark and unmark: every id known, then all in one transaction. */
static int
cli_mark_set(struct cli *c, int marked, const char *cmd)
{
	struct store	*s;
	struct notes	*n;
	const char	**pos;
	char		**dates, *err;
	int		 rc, i, ok;

	pos = xcalloc((size_t)c->argc + 1, sizeof *pos);
	if ((rc = cli_opts(c, NULL, 0, NULL, pos, c->argc, cmd)) != 0)
		goto out;
	rc = 1;
	for (i = 0; i < c->argc && pos[i] != NULL; i++)
		;
	if (i == 0) {
		free(pos);
		return cli_bad("%s needs event ids", cmd);
	}
	c->need_notes = 1;
	dates = xcalloc((size_t)i, sizeof *dates);
	if ((s = cli_open(c, 0, 0)) == NULL)
		goto out2;
	if ((n = cli_notes_open(c, NOTES_CREATE, NULL)) != NULL) {
		ok = cli_notes_ids(c, s, n, (char **)(uintptr_t)pos, i, dates,
		    !marked, marked ? "nothing marked" : "nothing unmarked") ==
		    0;
		/* The writer closes last, so that it checkpoints the WAL. */
		store_close(s);
		s = NULL;
		if (ok && notes_mark(n, pos, (const char *const *)dates, i,
		    marked, &err) == 0)
			rc = 0;
		else if (ok) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
		}
		notes_close(n);
	}
	store_close(s);
out2:
	while (i-- > 0)
		free(dates[i]);
	free(dates);
out:
	free(pos);
	return rc;
}

int
cli_mark(struct cli *c)
{
	return cli_mark_set(c, 1, "mark");
}

int
cli_unmark(struct cli *c)
{
	return cli_mark_set(c, 0, "unmark");
}

/* Reads all of stdin as a note; NULL (reported) if it cannot. */
static char *
cli_notes_stdin(void)
{
	struct buf	b;
	char		chunk[4096];
	size_t		n;

	buf_init(&b);
	buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		fprintf(stderr, "dossier: cannot read the note from stdin: "
		    "%s\n", strerror(errno));
		buf_free(&b);
		return NULL;
	}
	if (strlen(buf_str(&b)) != b.len) {
		fprintf(stderr, "dossier: the note holds a NUL byte; nothing "
		    "saved\n");
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int
cli_note(struct cli *c)
{
	const char	*pos[2];
	struct store	*s;
	struct notes	*n;
	char		*text, *date = NULL, *err;
	size_t		 len, bad;
	int		 rc, ok;

	if ((rc = cli_opts(c, NULL, 0, NULL, pos, 2, "note")) != 0)
		return rc;
	if (pos[0] == NULL || pos[1] == NULL)
		return cli_bad("note needs an event id and a text ('-' reads "
		    "it from stdin, '' removes the note)");
	if (strcmp(pos[1], "-") == 0) {
		if ((text = cli_notes_stdin()) == NULL)
			return 1;
	} else
		text = xstrdup(pos[1]);
	/* A trailing newline (echo, an editor) is not part of the note. */
	for (len = strlen(text); len > 0 && (text[len - 1] == '\n' ||
	    text[len - 1] == '\r'); len--)
		text[len - 1] = '\0';
	if (!text_valid(text, len, &bad)) {
		fprintf(stderr, "dossier: the note is not valid UTF-8 (byte "
		    "%zu); nothing saved\n", bad + 1);
		free(text);
		return 1;
	}
	rc = 1;
	c->need_notes = 1;
	if ((s = cli_open(c, 0, 0)) == NULL) {
		free(text);
		return 1;
	}
	if ((n = cli_notes_open(c, NOTES_CREATE, NULL)) != NULL) {
		ok = cli_notes_ids(c, s, n, (char **)(uintptr_t)pos, 1, &date,
		    1, "nothing saved") == 0;
		store_close(s);
		s = NULL;
		if (ok && notes_set(n, pos[0], date, text, &err) == 0)
			rc = 0;
		else if (ok) {
			fprintf(stderr, "dossier: %s\n", err);
			free(err);
		}
		notes_close(n);
	}
	store_close(s);
	free(date);
	free(text);
	return rc;
}

/* One line of 'dossier notes': DATE ID * FIRST-LINE-OF-NOTE. */
static void
cli_notes_line(const struct store_note *e, void *arg)
{
	struct cli	*c = arg;
	const char	*nl;
	char		*first;

	printf("%s ", e->date != NULL ? e->date : "----------");
	cli_put(c, e->event, 1);
	printf(" %s", e->marked ? "*" : "-");
	if (e->note != NULL) {
		nl = strchr(e->note, '\n');
		first = nl != NULL ? xstrndup(e->note, (size_t)(nl - e->note)) :
		    xstrdup(e->note);
		putchar(' ');
		cli_put(c, first, 1);
		free(first);
	}
	putchar('\n');
}

static int
cli_notes_export(struct cli *c)
{
	struct notes	*n;
	char		*err;
	int		 missing, rc = 0;

	if (c->argc != 1)
		return cli_bad("unexpected argument '%s'", c->argv[1]);
	if ((n = cli_notes_open(c, NOTES_READONLY, &missing)) == NULL &&
	    !missing)
		return 1;
	if (n == NULL) {
		printf("notes: []\n");	/* nothing written yet */
		return 0;
	}
	if (notes_export(n, stdout, &err) == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		rc = 1;
	}
	notes_close(n);
	return rc;
}

static int
cli_notes_import(struct cli *c)
{
	struct diag_list	 d;
	struct notes_merged	 m;
	struct notes		*n;
	char			*err = NULL;
	int			 rc = 1;

	if (c->argc != 2)
		return c->argc < 2 ? cli_bad("notes import needs a file") :
		    cli_bad("unexpected argument '%s'", c->argv[2]);
	if ((n = cli_notes_open(c, NOTES_CREATE, NULL)) == NULL)
		return 1;
	diag_init(&d);
	if (notes_import(n, c->argv[1], &d, &m, &err) == 0) {
		printf("%d added, %d updated, %d kept\n", m.added, m.updated,
		    m.kept);
		rc = 0;
	} else {
		diag_sort(&d);
		diag_print(&d, stderr);
		if (err != NULL)
			fprintf(stderr, "dossier: %s\n", err);
		else
			fprintf(stderr, "dossier: %zu error%s in %s; nothing "
			    "imported\n", d.errors, d.errors == 1 ? "" : "s",
			    c->argv[1]);
		free(err);
	}
	diag_free(&d);
	notes_close(n);
	return rc;
}

int
cli_notes(struct cli *c)
{
	static const struct cli_opt opts[] = { { "--json", 0 },
	    { "--orphans", 0 } };
	const char	*v[2] = { NULL, NULL };
	struct store	*s;
	char		*err;
	int		 rc;

	if (c->argc > 0 && strcmp(c->argv[0], "export") == 0)
		return cli_notes_export(c);
	if (c->argc > 0 && strcmp(c->argv[0], "import") == 0)
		return cli_notes_import(c);
	if ((rc = cli_opts(c, opts, 2, v, NULL, 0, "notes")) != 0)
		return rc;
	c->need_notes = 1;
	if ((s = cli_open(c, 0, 0)) == NULL)
		return 1;
	if (v[0] != NULL)
		rc = store_json_notes(s, v[1] != NULL, stdout, &err);
	else
		rc = store_notes_list(s, v[1] != NULL, cli_notes_line, c,
		    &err) < 0 ? -1 : 0;
	store_close(s);
	if (rc == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		return 1;
	}
	return 0;
}

/* view save NAME [--actor ID]... [--tag T] [--from D] [--to D] ... */
static int
cli_view_save(struct cli *c)
{
	struct notes_view	 v;
	struct store_actor	 a;
	struct store		*s;
	struct notes		*n;
	const char		*o;
	char			**dst;
	char			*err;
	int			 i, rc = 1;

	memset(&v, 0, sizeof v);
	if (c->argc < 2)
		return cli_bad("view save needs a name");
	if (!notes_view_name_ok(c->argv[1])) {
		fprintf(stderr, "dossier: '%s' is not a view name (lower-case "
		    "letters, digits and '-', starting with a letter or a "
		    "digit)\n", c->argv[1]);
		return 2;
	}
	v.name = c->argv[1];
	v.actors = xcalloc((size_t)c->argc, sizeof *v.actors);
	for (i = 2; i < c->argc; i++) {
		o = c->argv[i];
		dst = NULL;
		if (strcmp(o, "--marked") == 0) {
			v.marked = 1;
			continue;
		}
		if (strcmp(o, "--actor") == 0)
			dst = &v.actors[v.nactors];
		else if (strcmp(o, "--tag") == 0)
			dst = &v.tag;
		else if (strcmp(o, "--from") == 0)
			dst = &v.from;
		else if (strcmp(o, "--to") == 0)
			dst = &v.to;
		else if (strcmp(o, "--query") == 0)
			dst = &v.query;
		if (dst == NULL) {
			rc = o[0] == '-' ? (fprintf(stderr, "dossier: unknown "
			    "option '%s' for view save (try 'dossier --help')"
			    "\n", o), 2) : cli_bad("unexpected argument '%s'",
			    o);
			goto out;
		}
		if (i + 1 == c->argc) {
			rc = cli_bad("option '%s' needs a value", o);
			goto out;
		}
		*dst = c->argv[++i];
		if (strcmp(o, "--actor") == 0)
			v.nactors++;
	}
	if (cli_date_arg("--from", v.from) || cli_date_arg("--to", v.to)) {
		rc = 2;
		goto out;
	}
	c->need_notes = 1;
	if ((s = cli_open(c, 0, 0)) == NULL)
		goto out;
	for (i = 0; i < v.nactors; i++) {
		if (store_actor_get(s, v.actors[i], &a) == -1) {
			fprintf(stderr, "dossier: no actor '%s' (see 'dossier "
			    "actors'); nothing saved\n", v.actors[i]);
			store_close(s);
			goto out;
		}
		store_actors_clear(&a, 1);
	}
	store_close(s);
	if ((n = cli_notes_open(c, NOTES_CREATE, NULL)) == NULL)
		goto out;
	if (notes_view_save(n, &v, &err) == 0)
		rc = 0;
	else {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
	}
	notes_close(n);
out:
	free(v.actors);		/* the strings are argv's */
	return rc;
}

/* A view as the options that make it. */
static void
cli_view_line(struct cli *c, const struct notes_view *v)
{
	int	i;

	cli_put(c, v->name, 1);
	putchar(':');
	for (i = 0; i < v->nactors; i++) {
		printf(" --actor ");
		cli_put(c, v->actors[i], 1);
	}
	if (v->tag != NULL) {
		printf(" --tag ");
		cli_put(c, v->tag, 1);
	}
	if (v->from != NULL)
		printf(" --from %s", v->from);
	if (v->to != NULL)
		printf(" --to %s", v->to);
	if (v->query != NULL) {
		printf(" --query '");
		cli_put(c, v->query, 1);
		putchar('\'');
	}
	if (v->marked)
		printf(" --marked");
	putchar('\n');
}

static int
cli_view_list(struct cli *c)
{
	struct notes_view	*v = NULL;
	struct notes		*n;
	char			*err;
	int			 json, missing, count = 0, i;

	json = c->argc == 2 && strcmp(c->argv[1], "--json") == 0;
	if (c->argc > 2 || (c->argc == 2 && !json))
		return cli_bad("unexpected argument '%s'", c->argv[1]);
	if ((n = cli_notes_open(c, NOTES_READONLY, &missing)) == NULL &&
	    !missing)
		return 1;
	if (n != NULL && json) {
		count = notes_view_json(n, stdout, &err);
	} else if (n != NULL)
		count = notes_view_list(n, &v, &err);
	else if (json)
		printf("[]\n");
	notes_close(n);
	if (count == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		return 1;
	}
	for (i = 0; !json && i < count; i++) {
		cli_view_line(c, &v[i]);
		notes_view_clear(&v[i]);
	}
	free(v);
	return 0;
}

static int
cli_view_rm(struct cli *c)
{
	struct notes	*n;
	char		*err;
	int		 rc, missing;

	if (c->argc != 2)
		return c->argc < 2 ? cli_bad("view rm needs a name") :
		    cli_bad("unexpected argument '%s'", c->argv[2]);
	if ((n = cli_notes_open(c, 0, &missing)) == NULL && !missing)
		return 1;
	rc = n != NULL ? notes_view_rm(n, c->argv[1], &err) : 0;
	notes_close(n);
	if (rc == -1) {
		fprintf(stderr, "dossier: %s\n", err);
		free(err);
		return 1;
	}
	if (rc == 0) {
		fprintf(stderr, "dossier: no view '%s' (see 'dossier view "
		    "list')\n", c->argv[1]);
		return 1;
	}
	return 0;
}

int
cli_view(struct cli *c)
{
	if (c->argc == 0)
		return cli_bad("view needs save, list or rm");
	if (strcmp(c->argv[0], "save") == 0)
		return cli_view_save(c);
	if (strcmp(c->argv[0], "list") == 0)
		return cli_view_list(c);
	if (strcmp(c->argv[0], "rm") == 0)
		return cli_view_rm(c);
	return cli_bad("unknown view command '%s' (save, list or rm)",
	    c->argv[0]);
}

void
cli_notes_reader(struct cli *c, struct ui_options *o)
{
	if (o == NULL) {
		free(c->notes_path);
		free(c->corpus);
		c->notes_path = c->corpus = NULL;
		return;
	}
	c->notes_path = c->notes != NULL ? xstrdup(c->notes) :
	    notes_default_path();
	c->corpus = notes_corpus(c->content);
	o->notes_path = c->notes_path;
	o->corpus = c->corpus;
	o->view = c->view_name;
}
