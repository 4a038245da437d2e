/*
 * test-source.c: a source's quoted passages (store-source.c) and the watch
 * on a content directory (watch.c).
 */
#include <sys/stat.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "text.h"
#include "unit.h"
#include "util.h"
#include "watch.h"

static const char text_wire[] =
    "Officials said the old lighthouse\n"
    "would close.  The mayor called it \xe2\x80\x9c" "a small price\n"
    "for a safe coast\xe2\x80\x9d and left.\n"
    "It was the third \xe2\x80\x94 in ten years.\n";

static const char corpus_yaml[] =
    "sources:\n"
    "  - id: wire\n"
    "    title: Wire\n"
    "    text: wire.txt\n"
    "  - id: bare\n"
    "    title: Bare\n"
    "events:\n"
    "  - id: b-second\n"
    "    date: 2024-03-05\n"
    "    title: Second\n"
    "    excerpts:\n"
    "      - source: wire\n"
    "        quote: \"\\\"a small price for a safe coast\\\"\"\n"
    "  - id: a-first\n"
    "    date: 2024-03-04\n"
    "    title: First\n"
    "    excerpts:\n"
    "      - source: wire\n"
    "        quote: \"third - in ten\"\n"
    "      - source: wire\n"
    "        quote: the old lighthouse would close\n"
    "      - source: bare\n"
    "        quote: anything\n";

static struct store *
open_corpus(char **dir)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*err = NULL;

	*dir = unit_newdir("source");
	unit_write_text(*dir, "wire.txt", text_wire);
	unit_write_text(*dir, "c.yaml", corpus_yaml);
	diag_init(&dl);
	s = store_open(*dir, NULL, STORE_MEMORY, NULL, &dl, &err);
	if (s == NULL) {
		printf("  store_open: %s\n", err != NULL ? err : "errors");
		diag_print(&dl, stdout);
	}
	free(err);
	diag_free(&dl);
	return s;
}

/* The passage as written in the text. */
static char *
passage(const struct store_source *src, int i)
{
	return xstrndup(src->text + src->passages[i].start,
	    src->passages[i].end - src->passages[i].start);
}

UNIT_TEST(source_passages)
{
	struct store_source	*src;
	struct store		*s;
	char			*dir, *err = NULL, *p;

	if ((s = open_corpus(&dir)) == NULL) {
		unit_failed = 1;
		free(dir);
		return;
	}
	src = store_source_get(s, "wire", 1, &err);
	CHECK(src != NULL && err == NULL);
	if (src != NULL) {
		CHECK_STR(src->title, "Wire");
		/* Quoters in timeline order, then by place in the event. */
		CHECK_INT(src->nquoters, 3);
		CHECK_STR(src->quoters[0].event, "a-first");
		CHECK_STR(src->quoters[0].quote, "third - in ten");
		CHECK_STR(src->quoters[1].event, "a-first");
		CHECK_STR(src->quoters[2].event, "b-second");
		/* Passages in text order, exactly as written there. */
		CHECK_INT(src->npassages, 3);
		if (src->npassages == 3) {
			p = passage(src, 0);
			CHECK_STR(p, "the old lighthouse\nwould close");
			free(p);
			CHECK_INT(src->passages[0].quoter, 1);
			p = passage(src, 1);
			CHECK_STR(p, "\xe2\x80\x9c" "a small price\nfor a safe "
			    "coast\xe2\x80\x9d");
			free(p);
			CHECK_INT(src->passages[1].quoter, 2);
			p = passage(src, 2);
			CHECK_STR(p, "third \xe2\x80\x94 in ten");
			free(p);
		}
	}
	store_source_free(src);
	/* No text: the source still comes, with no passages. */
	src = store_source_get(s, "bare", 1, &err);
	CHECK(src != NULL && src->text == NULL && src->npassages == 0);
	CHECK(src != NULL && src->nquoters == 1);
	store_source_free(src);
	CHECK(store_source_get(s, "nosuch", 1, &err) == NULL);
	store_close(s);
	free(dir);
}

UNIT_TEST(source_fold_map)
{
	size_t	*map;
	char	*f;

	f = text_fold_map("  a\xe2\x80\x94  b ", &map);
	CHECK_STR(f, "a- b");
	CHECK_INT(map[0], 2);	/* a */
	CHECK_INT(map[1], 3);	/* the dash's first byte */
	CHECK_INT(map[2], 8);	/* the space, where the run ends */
	CHECK_INT(map[3], 8);	/* b */
	CHECK_INT(map[4], 10);	/* past the end of the input */
	free(map);
	free(f);
}

/* Waits up to ms for the watch to report a settled change. */
static int
watch_wait(struct watch *w, int ms)
{
	struct pollfd	p;
	struct timespec	t0, t;
	int		t_ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (watch_check(w))
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &t);
		t_ms = (int)((t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (t_ms >= ms)
			return 0;
		p.fd = watch_fd(w);
		p.events = POLLIN;
		(void)poll(&p, p.fd >= 0 ? 1 : 0, 20);
	}
}

static void
watch_cases(const char *how)
{
	struct watch	*w;
	char		*dir, *a, *b;

	if (how != NULL)
		setenv("DOSSIER_WATCH", how, 1);
	else
		unsetenv("DOSSIER_WATCH");
	dir = unit_newdir("watch");
	unit_write_text(dir, "a.yaml", "events: []\n");
	w = watch_new(dir);
	CHECK_STR(watch_method(w), how != NULL ? "poll" : "inotify");
	/* Nothing happened: nothing to say. */
	CHECK(!watch_wait(w, 300));
	/* A write. */
	unit_write_text(dir, "a.yaml", "events: []\nactors: []\n");
	CHECK(watch_wait(w, 5000));
	/* An editor's save: a new file renamed over the old one. */
	a = xasprintf("%s/.a.yaml.new", dir);
	b = xasprintf("%s/a.yaml", dir);
	unit_write_text(dir, ".a.yaml.new", "sources: []\n");
	CHECK(rename(a, b) == 0);
	CHECK(watch_wait(w, 5000));
	/* A file in a new directory; then a removal. */
	unit_write_text(dir, "sub/b.yaml", "events: []\n");
	CHECK(watch_wait(w, 5000));
	CHECK(unlink(b) == 0);
	CHECK(watch_wait(w, 5000));
	/* A burst of writes is one change. */
	unit_write_text(dir, "c.yaml", "events: []\n");
	unit_write_text(dir, "c.yaml", "events: []\nactors: []\n");
	unit_write_text(dir, "c.yaml", "events: []\n#\n");
	CHECK(watch_wait(w, 5000));
	CHECK(!watch_wait(w, 300));
	watch_free(w);
	free(a);
	free(b);
	free(dir);
}

UNIT_TEST(watch_inotify)
{
	watch_cases(NULL);
}

UNIT_TEST(watch_poll)
{
	watch_cases("poll");
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(source_passages),
	UNIT_ENTRY(source_fold_map),
	UNIT_ENTRY(watch_inotify),
	UNIT_ENTRY(watch_poll),
};

int
main(void)
{
	int	rc = UNIT_RUN(tests);

	unit_cleanup();
	return rc;
}
