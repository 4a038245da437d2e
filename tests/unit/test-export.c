/*
 * test-export.c: unit tests for export.c: formats by name and extension,
 * day names, citations, and the hook that brings the user's marks and
 * notes into an export (--notes, --marked), over a small corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "unit.h"

static const char corpus[] =
"actors:\n"
"  - {id: ann, name: Ann, kind: person}\n"
"sources:\n"
"  - {id: wire, title: The Wire, publisher: Wire Co, url: "
"\"https://wire.example/a\", published: 2025-06-02}\n"
"  - {id: bare, title: \"Bare?\"}\n"
"events:\n"
"  - id: one\n"
"    date: 2025-06-01\n"
"    title: First\n"
"    actors: [ann]\n"
"    excerpts:\n"
"      - {source: wire, quote: \"Said \\\"this\\\" \\e[1m\"}\n"
"      - {source: bare, quote: Bare words}\n"
"  - id: two\n"
"    date: 2025-06-02\n"
"    time: \"10:30\"\n"
"    title: Second\n"
"  - id: three\n"
"    date: 2025-06-02\n"
"    time: \"11:00\"\n"
"    title: Third\n";

static struct store *
open_corpus(void)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*dir, *err = NULL;

	dir = unit_newdir("corpus");
	unit_write_text(dir, "c.yaml", corpus);
	diag_init(&dl);
	s = store_open(dir, NULL, STORE_MEMORY | STORE_QUIET, NULL, &dl,
	    &err);
	if (s == NULL)
		printf("  store_open: %s\n", err != NULL ? err : "diags");
	CHECK(s != NULL);
	diag_free(&dl);
	free(err);
	free(dir);
	return s;
}

/* Runs an export into a string; caller frees. */
static char *
run(struct store *s, const struct export_options *o, int64_t *n)
{
	struct store_filter	 f;
	char			*text = NULL, *err = NULL;
	size_t			 len = 0;
	FILE			*m;

	memset(&f, 0, sizeof f);
	m = open_memstream(&text, &len);
	*n = export_write(s, &f, o, m, &err);
	fclose(m);
	if (err != NULL)
		printf("  export: %s\n", err);
	free(err);
	return text;
}

UNIT_TEST(formats)
{
	enum export_format	f;

	CHECK_INT(export_format_parse("markdown", &f), 0);
	CHECK_INT(f, EXPORT_MARKDOWN);
	CHECK_INT(export_format_parse("timelinejs", &f), 0);
	CHECK_INT(f, EXPORT_TIMELINEJS);
	CHECK_INT(export_format_parse("pdf", &f), -1);
	CHECK_INT(export_format_of_path("a/b.timeline.json", &f), 0);
	CHECK_INT(f, EXPORT_TIMELINEJS);
	CHECK_INT(export_format_of_path("b.JSON", &f), 0);
	CHECK_INT(f, EXPORT_JSON);
	CHECK_INT(export_format_of_path("x.ics", &f), 0);
	CHECK_INT(f, EXPORT_ICS);
	CHECK_INT(export_format_of_path("x.htm", &f), 0);
	CHECK_INT(f, EXPORT_HTML);
	CHECK_INT(export_format_of_path("x.md", &f), 0);
	CHECK_INT(f, EXPORT_MARKDOWN);
	CHECK_INT(export_format_of_path("x.txt", &f), -1);
	CHECK_INT(export_format_of_path(".md", &f), -1);
	CHECK_STR(export_format_name(EXPORT_CSV), "csv");
}

UNIT_TEST(day_names)
{
	char	b[16];

	export_day_name("2025-06-13", b);
	CHECK_STR(b, "Fri 13 Jun 2025");
	export_day_name("2024-02-29", b);
	CHECK_STR(b, "Thu 29 Feb 2024");
	export_day_name("2000-01-01", b);
	CHECK_STR(b, "Sat 1 Jan 2000");
	export_day_name("1900-03-01", b);
	CHECK_STR(b, "Thu 1 Mar 1900");
}

UNIT_TEST(links)
{
	CHECK_INT(export_url_linkable("https://x.example/"), 1);
	CHECK_INT(export_url_linkable("HTTP://x.example/"), 1);
	CHECK_INT(export_url_linkable("javascript:alert(1)"), 0);
	CHECK_INT(export_url_linkable(" https://x.example/"), 0);
	CHECK_INT(export_url_linkable("https://x.example/\n"), 0);
	CHECK_INT(export_url_linkable("data:text/html,x"), 0);
	CHECK_INT(export_url_linkable(NULL), 0);
}

UNIT_TEST(citations)
{
	char			quote[] = "Words \033[1m", title[] = "Title";
	char			pub[] = "Pub", date[] = "2025-06-02";
	char			url[] = "https://x.example/a", who[] = "Who?";
	struct store_excerpt	x;
	char			*c;

	memset(&x, 0, sizeof x);
	x.quote = quote;
	x.source_title = title;
	x.publisher = pub;
	x.published = date;
	x.url = url;
	c = export_citation(&x);
	CHECK_STR(c, "\"Words ^[[1m\" \xe2\x80\x94 Title, Pub, 2025-06-02. "
	    "https://x.example/a");
	free(c);
	x.publisher = x.published = x.url = NULL;
	x.source_title = who;
	c = export_citation(&x);
	CHECK_STR(c, "\"Words ^[[1m\" \xe2\x80\x94 Who?");
	free(c);
}

/* The personal hook's stub: "two" marked with a note, "three" noted. */
static int
personal(void *arg, const char *id, struct export_personal *p, char **err)
{
	int	*calls = arg;

	(void)err;
	(*calls)++;
	if (strcmp(id, "two") == 0) {
		p->marked = 1;
		p->note = strdup("Mine, \"quoted\"\nsecond line");
	} else if (strcmp(id, "three") == 0)
		p->note = strdup("Only a note");
	return 0;
}

static int
personal_fails(void *arg, const char *id, struct export_personal *p,
    char **err)
{
	(void)arg;
	(void)p;
	if (strcmp(id, "two") == 0) {
		*err = strdup("notes are unreadable");
		return -1;
	}
	return 0;
}

UNIT_TEST(notes_only_with_notes)
{
	struct export_options	 o;
	struct store		*s = open_corpus();
	int64_t			 n;
	char			*t;
	int			 calls = 0;

	if (s == NULL)
		return;
	memset(&o, 0, sizeof o);
	o.format = EXPORT_CSV;
	o.personal = personal;
	o.arg = &calls;
	/* Without notes: the hook may be asked, nothing personal written. */
	t = run(s, &o, &n);
	CHECK_INT(n, 3);
	CHECK(strstr(t, "Mine") == NULL && strstr(t, "true,") == NULL);
	free(t);
	o.notes = 1;
	t = run(s, &o, &n);
	CHECK(strstr(t, ",true,\"Mine, \"\"quoted\"\"\nsecond line\"\r\n") !=
	    NULL);
	CHECK(strstr(t, ",false,Only a note\r\n") != NULL);
	CHECK(strstr(t, "bare,false,\r\n") != NULL);
	free(t);
	o.format = EXPORT_JSON;
	t = run(s, &o, &n);
	/* Each on its own line, as show --json writes them. */
	CHECK(strstr(t, "\n  \"marked\":true,\n  \"note\":\"Mine, "
	    "\\\"quoted\\\"\\nsecond line\"") != NULL);
	CHECK(strstr(t, "\n  \"marked\":false,\n  \"note\":null") != NULL);
	free(t);
	o.format = EXPORT_MARKDOWN;
	t = run(s, &o, &n);
	CHECK(strstr(t, "**Marked**") != NULL);
	CHECK(strstr(t, "*My note:* Mine, \"quoted\"\\\nsecond line") != NULL);
	free(t);
	store_close(s);
}

UNIT_TEST(marked_only)
{
	struct export_options	 o;
	struct store		*s = open_corpus();
	int64_t			 n;
	char			*t, *err = NULL;
	int			 calls = 0;

	if (s == NULL)
		return;
	memset(&o, 0, sizeof o);
	o.format = EXPORT_HTML;
	o.personal = personal;
	o.arg = &calls;
	o.marked_only = 1;
	t = run(s, &o, &n);
	CHECK_INT(n, 1);
	CHECK(strstr(t, "id=\"two\"") != NULL);
	CHECK(strstr(t, "id=\"one\"") == NULL);
	/* The table of contents counts only what is written. */
	CHECK(strstr(t, "<li><a href=\"#day_2025-06-02\">Mon 2 Jun 2025</a> "
	    "(1)</li>") != NULL);
	CHECK(strstr(t, "day_2025-06-01") == NULL);
	free(t);
	o.personal = personal_fails;
	t = run(s, &o, &n);
	CHECK_INT(n, -1);
	free(t);
	{
		struct store_filter	f;
		FILE			*m = fopen("/dev/null", "w");

		memset(&f, 0, sizeof f);
		CHECK_INT(export_write(s, &f, &o, m, &err), -1);
		CHECK_STR(err, "notes are unreadable");
		free(err);
		fclose(m);
	}
	store_close(s);
}

UNIT_TEST(one_event)
{
	struct store	*s = open_corpus();
	char		*t = NULL;
	size_t		 len = 0;
	FILE		*m;

	if (s == NULL)
		return;
	m = open_memstream(&t, &len);
	CHECK_INT(export_event(s, 1, EXPORT_MARKDOWN, NULL, m), 0);
	CHECK_INT(export_event(s, 99, EXPORT_MARKDOWN, NULL, m), -1);
	fclose(m);
	CHECK(strncmp(t, "\n### First\n\nSun 1 Jun 2025\n", 27) == 0);
	CHECK(strstr(t, "> Said \"this\" ^\\[\\[1m\n\n\xe2\x80\x94 [The Wire]"
	    "(<https://wire.example/a>), Wire Co, 2025-06-02\n") != NULL);
	CHECK(strstr(t, "\xe2\x80\x94 Bare?\n") != NULL);
	free(t);
	store_close(s);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		UNIT_ENTRY(formats),
		UNIT_ENTRY(day_names),
		UNIT_ENTRY(links),
		UNIT_ENTRY(citations),
		UNIT_ENTRY(notes_only_with_notes),
		UNIT_ENTRY(marked_only),
		UNIT_ENTRY(one_event),
	};

	return unit_main(tests, sizeof tests / sizeof tests[0]);
}
