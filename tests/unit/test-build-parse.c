/*
 * test-build-parse.c: the build's reading thread (store-build-parse.c)
 * hands the build the same records and problems, in the same order, as
 * content_parse does on the build's own thread: across files, in batches
 * that split a file, with the error limit, and when the build stops it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "unit.h"
#include "util.h"

/* What a sink saw, one line a call, and the problems between the calls. */
struct rec {
	struct buf		 log;
	struct diag_list	*diags;
	size_t			 ndiag;	/* problems written to log so far */
	int			 files;	/* file_fn calls */
	int			 fail_at;	/* fail the call of this number */
	int			 calls;
};

/* Writes the problems added to diags since the last call. */
static void
rec_diags(struct rec *r)
{
	char	line[512];

	for (; r->ndiag < r->diags->n; r->ndiag++) {
		const struct diag	*d = &r->diags->v[r->ndiag];

		snprintf(line, sizeof line, "diag %d %s:%d:%d %s\n",
		    d->level, d->file, d->line, d->col, d->msg);
		buf_add(&r->log, line, strlen(line));
	}
}

static int
rec_line(struct rec *r, const char *what, const char *a, const char *b,
    int file)
{
	rec_diags(r);
	buf_addf(&r->log, "%s %d %s %s\n", what, file, a,
	    b != NULL ? b : "-");
	return ++r->calls == r->fail_at ? -1 : 0;
}

static int
rec_actor(void *arg, int file, const struct content_actor *a)
{
	char	al[256] = "";
	int	i;

	for (i = 0; i < a->aliases.n; i++) {
		strncat(al, a->aliases.v[i], sizeof al - strlen(al) - 2);
		strcat(al, ",");
	}
	return rec_line(arg, "actor", a->id, al, file);
}

static int
rec_source(void *arg, int file, const struct content_source *s)
{
	return rec_line(arg, "source", s->id, s->title, file);
}

static int
rec_event(void *arg, int file, const struct content_event *e)
{
	char	more[1024];
	int	i;

	snprintf(more, sizeof more, "%s %s %d:%d a%d t%d x%d", e->date,
	    e->time, e->pos.line, e->pos.col, e->actors.n, e->tags.n,
	    e->nexcerpts);
	for (i = 0; i < e->nexcerpts; i++) {
		strncat(more, " ", sizeof more - strlen(more) - 1);
		strncat(more, e->excerpts[i].quote,
		    sizeof more - strlen(more) - 1);
	}
	for (i = 0; i < e->actors.n; i++) {
		strncat(more, " ", sizeof more - strlen(more) - 1);
		strncat(more, e->actors.v[i], sizeof more - strlen(more) - 1);
	}
	return rec_line(arg, "event", e->id, more, file);
}

static int
rec_corpus(void *arg, int file, const struct content_corpus *c)
{
	return rec_line(arg, "corpus", c->title, c->description,
	    file);
}

static void
rec_file(void *arg, int i)
{
	struct rec	*r = arg;

	(void)i;
	r->files++;
}

static void
rec_init(struct rec *r, struct content_sink *sink, struct diag_list *d)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->log);
	diag_init(d);
	r->diags = d;
	sink->arg = r;
	sink->actor = rec_actor;
	sink->source = rec_source;
	sink->event = rec_event;
	sink->corpus = rec_corpus;
}

/*
 * Writes a corpus: actors and sources, then files of n events each, with
 * a bad event every bad-th (0: none).
 */
static char *
corpus(int nfiles, int n, int bad)
{
	struct buf	 b;
	char		*dir, name[64], line[256];
	int		 f, i;

	dir = unit_newdir("c");
	unit_write_text(dir, "a.yaml", "corpus:\n  title: T\nactors:\n"
	    "  - id: x\n    name: X Y\n    kind: state\n"
	    "    aliases: [XY, Z]\nsources:\n  - id: s\n    title: S\n");
	for (f = 0; f < nfiles; f++) {
		buf_init(&b);
		buf_add(&b, "events:\n", 8);
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof line, "  - id: e-%d-%d\n"
			    "    date: 2025-06-%02d\n    title: \"T %d\"\n"
			    "    actors: [x]\n    excerpts:\n"
			    "      - source: s\n        quote: \"q %d %d\"\n",
			    f, i, 1 + i % 28, i, f, i);
			if (bad > 0 && i % bad == bad - 1)
				snprintf(line, sizeof line, "  - id: e-%d-%d\n"
				    "    date: 2025-13-01\n    title: T\n", f,
				    i);
			buf_add(&b, line, strlen(line));
		}
		snprintf(name, sizeof name, "e%02d.yaml", f);
		unit_write(dir, name, buf_str(&b), b.len);
		buf_free(&b);
	}
	return dir;
}

/* Both ways over dir; the logs must match. Returns the errors. */
static size_t
compare(const char *dir, int fail_at, int *calls)
{
	struct content_file	*files;
	struct content_sink	 sink;
	struct diag_list	 d1, d2, scan;
	struct rec		 r1, r2;
	struct store_parse	*p;
	int			*fids, *parse, n, i, rc;
	size_t			 errors;

	diag_init(&scan);
	n = content_scan(dir, &files, &scan);
	CHECK(n > 1);
	fids = xcalloc((size_t)n, sizeof *fids);
	parse = xcalloc((size_t)n, sizeof *parse);
	for (i = 0; i < n; i++) {
		fids[i] = 10 + i;
		parse[i] = i != 1;	/* one file is left as it was */
	}
	rec_init(&r1, &sink, &d1);
	r1.fail_at = fail_at;
	for (i = 0; i < n && !diag_full(&d1); i++) {
		if (!parse[i])
			continue;
		rec_file(&r1, i);
		content_parse(files[i].path, fids[i], &sink, &d1);
		if (fail_at > 0 && r1.calls >= fail_at)
			break;
	}
	rec_diags(&r1);

	rec_init(&r2, &sink, &d2);
	r2.fail_at = fail_at;
	p = store_parse_begin(files, fids, parse, n, &d2);
	CHECK(p != NULL);
	while ((rc = store_parse_next(p, &sink, rec_file, &d2)) == 1)
		;
	store_parse_end(p);
	CHECK_INT(rc, fail_at > 0 ? -1 : 0);
	if (fail_at > 0) {
		/* Stopped at the same call: the logs agree up to it. */
		r2.ndiag = d2.n;
		CHECK_INT(r2.calls, fail_at);
	} else
		rec_diags(&r2);
	CHECK_INT(r2.log.len, r1.log.len);
	CHECK(memcmp(buf_str(&r2.log), buf_str(&r1.log), r1.log.len) == 0);
	CHECK_INT(d2.n, d1.n);
	CHECK_INT(d2.errors, d1.errors);
	CHECK_INT(d2.truncated, d1.truncated);
	if (fail_at == 0)
		CHECK_INT(r2.files, r1.files);
	*calls = r1.calls;
	errors = d1.errors;
	buf_free(&r1.log);
	buf_free(&r2.log);
	diag_free(&d1);
	diag_free(&d2);
	diag_free(&scan);
	content_files_free(files, n);
	free(fids);
	free(parse);
	return errors;
}

/* Files of 5,000 events: batches split them. */
UNIT_TEST(parse_same_records)
{
	char	*dir = corpus(4, 5000, 0);
	int	 calls;

	compare(dir, 0, &calls);
	CHECK_INT(calls, 3 + 3 * 5000);
	free(dir);
}

/* Errors among the records, in order, and the limit of 100 reached. */
UNIT_TEST(parse_same_errors)
{
	char	*dir = corpus(3, 3000, 50);
	int	 calls;

	CHECK_INT(compare(dir, 0, &calls), DIAG_MAX_ERRORS);
	free(dir);
	dir = corpus(3, 300, 250);
	CHECK_INT(compare(dir, 0, &calls), 2);
	free(dir);
}

/* A sink that fails stops the reading, wherever it is. */
UNIT_TEST(parse_sink_fails)
{
	char	*dir = corpus(5, 3000, 0);
	int	 calls;

	compare(dir, 5000, &calls);
	compare(dir, 1, &calls);
	free(dir);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(parse_same_records),
	UNIT_ENTRY(parse_same_errors),
	UNIT_ENTRY(parse_sink_fails),
};

int
main(void)
{
	int	rc = UNIT_RUN(tests);

	unit_cleanup();
	return rc;
}
