/*
 * test-content.c: unit tests for the content loader: content_parse over
 * small YAML files with a sink that records what it is handed, the id,
 * date and time checks, and content_scan's walk (recursion, order, what it
 * ignores, symbolic links). Files live in a private directory under
 * $TESTTMP (else $TMPDIR or /tmp), removed at the end.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "text.h"
#include "unit.h"
#include "util.h"

/* What the recording sink saw, one line per record, and how to stop. */
struct rec {
	struct buf	 b;
	int		 n;
	int		 stop_after;	/* return -1 after this many; 0: never */
};

static void
add_str(struct buf *b, const char *key, const char *v)
{
	buf_addf(b, " %s=%s", key, v != NULL ? v : "(null)");
}

static void
add_strs(struct buf *b, const char *key, const struct content_strs *s)
{
	int	i;

	buf_addf(b, " %s=[", key);
	for (i = 0; i < s->n; i++)
		buf_addf(b, "%s%s@%d:%d", i > 0 ? "," : "", s->v[i],
		    s->pos[i].line, s->pos[i].col);
	buf_adds(b, "]");
}

static int
rec_done(struct rec *r)
{
	buf_adds(&r->b, "\n");
	r->n++;
	return r->stop_after > 0 && r->n >= r->stop_after ? -1 : 0;
}

static int
rec_actor(void *arg, int file, const struct content_actor *a)
{
	struct rec	*r = arg;

	buf_addf(&r->b, "actor %d @%d:%d", file, a->pos.line, a->pos.col);
	add_str(&r->b, "id", a->id);
	add_str(&r->b, "name", a->name);
	add_str(&r->b, "kind", a->kind);
	add_str(&r->b, "role", a->role);
	add_str(&r->b, "aff", a->affiliation);
	if (a->affiliation != NULL)
		buf_addf(&r->b, "@%d:%d", a->aff_pos.line, a->aff_pos.col);
	add_strs(&r->b, "aliases", &a->aliases);
	if (a->shortname != NULL)
		add_str(&r->b, "short", a->shortname);
	return rec_done(r);
}

static int
rec_source(void *arg, int file, const struct content_source *s)
{
	struct rec	*r = arg;

	buf_addf(&r->b, "source %d @%d:%d", file, s->pos.line, s->pos.col);
	add_str(&r->b, "id", s->id);
	add_str(&r->b, "title", s->title);
	add_str(&r->b, "publisher", s->publisher);
	add_str(&r->b, "url", s->url);
	add_str(&r->b, "published", s->published);
	add_str(&r->b, "text", s->text);
	if (s->text != NULL)
		buf_addf(&r->b, "@%d:%d", s->text_pos.line, s->text_pos.col);
	if (s->note != NULL)
		add_str(&r->b, "note", s->note);
	return rec_done(r);
}

static int
rec_event(void *arg, int file, const struct content_event *e)
{
	struct rec			*r = arg;
	const struct content_excerpt	*x;
	int				 i;

	buf_addf(&r->b, "event %d @%d:%d", file, e->pos.line, e->pos.col);
	add_str(&r->b, "id", e->id);
	buf_addf(&r->b, " date=%s time=%s approx=%d", e->date, e->time,
	    e->approximate);
	add_str(&r->b, "title", e->title);
	add_str(&r->b, "summary", e->summary);
	add_strs(&r->b, "actors", &e->actors);
	add_strs(&r->b, "tags", &e->tags);
	for (i = 0; i < e->nexcerpts; i++) {
		x = &e->excerpts[i];
		buf_addf(&r->b, " x%d@%d:%d{source=%s@%d:%d quote=%s@%d:%d",
		    i, x->pos.line, x->pos.col, x->source, x->source_pos.line,
		    x->source_pos.col, x->quote, x->quote_pos.line,
		    x->quote_pos.col);
		add_str(&r->b, "note", x->note);
		buf_adds(&r->b, "}");
	}
	return rec_done(r);
}

static int
rec_corpus(void *arg, int file, const struct content_corpus *c)
{
	struct rec	*r = arg;

	buf_addf(&r->b, "corpus %d @%d:%d", file, c->pos.line, c->pos.col);
	add_str(&r->b, "title", c->title);
	add_str(&r->b, "description", c->description);
	return rec_done(r);
}

/* Diagnostics one a line, with name in place of path. */
static char *
format_diags(const struct diag_list *dl, const char *path, const char *name)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];

		buf_addf(&b, "%s:%d:%d: %s: %s\n",
		    path != NULL && strcmp(d->file, path) == 0 ? name : d->file,
		    d->line, d->col,
		    d->level == DIAG_ERROR ? "error" : "warning", d->msg);
	}
	return buf_detach(&b);
}

/* The result of parsing one file. */
struct parsed {
	int	 rc;
	char	*records;	/* the sink's lines */
	char	*diags;		/* with "F" for the file's path */
	size_t	 errors;
	size_t	 warnings;
};

static void
parsed_free(struct parsed *p)
{
	free(p->records);
	free(p->diags);
}

/*
 * Writes len bytes of yaml to a new file and parses it as file index 3,
 * stopping the sink after stop_after records (0: never).
 */
static struct parsed
parse_bytes(const char *yaml, size_t len, int stop_after)
{
	struct content_sink	 sink;
	struct diag_list	 dl;
	struct parsed		 p;
	struct rec		 r;
	char			*dir, *path;

	dir = unit_newdir("d");
	unit_write(dir, "f.yaml", yaml, len);
	path = xasprintf("%s/f.yaml", dir);
	memset(&r, 0, sizeof r);
	buf_init(&r.b);
	r.stop_after = stop_after;
	sink.arg = &r;
	sink.actor = rec_actor;
	sink.source = rec_source;
	sink.event = rec_event;
	sink.corpus = rec_corpus;
	diag_init(&dl);
	p.rc = content_parse(path, 3, &sink, &dl);
	p.records = buf_detach(&r.b);
	p.diags = format_diags(&dl, path, "F");
	p.errors = dl.errors;
	p.warnings = dl.warnings;
	diag_free(&dl);
	free(path);
	free(dir);
	return p;
}

static struct parsed
parse(const char *yaml)
{
	return parse_bytes(yaml, strlen(yaml), 0);
}

/* Parses yaml and checks rc, records and diagnostics exactly. */
#define PARSES(yaml, rc_, records_, diags_) do {			\
	struct parsed	p_ = parse(yaml);				\
	CHECK_INT(p_.rc, rc_);						\
	CHECK_STR(p_.records, records_);				\
	CHECK_STR(p_.diags, diags_);					\
	parsed_free(&p_);						\
} while (0)

UNIT_TEST(parse_actor)
{
	PARSES("actors:\n"
	    "  - id: alpha\n"
	    "    name: Anna Alpha\n"
	    "    kind: person\n"
	    "    role: Foreign Minister\n"
	    "    affiliation: ruritania\n"
	    "    aliases: [Alpha, \"Minister Alpha\"]\n"
	    "  - id: ruritania\n"
	    "    name: Ruritania\n"
	    "    kind: state\n"
	    "    aliases:\n"
	    "      - Kingdom of Ruritania\n"
	    "  - {id: league, name: The League, kind: organization}\n",
	    0,
	    "actor 3 @2:9 id=alpha name=Anna Alpha kind=person "
	    "role=Foreign Minister aff=ruritania@6:18 "
	    "aliases=[Alpha@7:15,Minister Alpha@7:22]\n"
	    "actor 3 @8:9 id=ruritania name=Ruritania kind=state "
	    "role=(null) aff=(null) aliases=[Kingdom of Ruritania@12:9]\n"
	    "actor 3 @13:10 id=league name=The League kind=organization "
	    "role=(null) aff=(null) aliases=[]\n",
	    "");
}

UNIT_TEST(parse_source)
{
	PARSES("sources:\n"
	    "  - id: gazette\n"
	    "    title: The Gazette\n"
	    "    publisher: Gazette Press\n"
	    "    url: https://gazette.example/a?b=c#d\n"
	    "    published: 2024-02-29\n"
	    "    text: texts/gazette.txt\n"
	    "  - id: wire\n"
	    "    title: 'The ''Wire'''\n",
	    0,
	    "source 3 @2:9 id=gazette title=The Gazette "
	    "publisher=Gazette Press url=https://gazette.example/a?b=c#d "
	    "published=2024-02-29 text=texts/gazette.txt@7:11\n"
	    "source 3 @8:9 id=wire title=The 'Wire' publisher=(null) "
	    "url=(null) published=(null) text=(null)\n",
	    "");
	PARSES("sources:\n"
	    "  - id: gazette\n"
	    "    title: The Gazette\n"
	    "    published: 2023-02-29\n",
	    0, "",
	    "F:4:16: error: '2023-02-29' is not a real date (expected "
	    "YYYY-MM-DD)\n");
}

UNIT_TEST(parse_event)
{
	PARSES("events:\n"
	    "  - id: talks-open\n"
	    "    date: 2024-03-01\n"
	    "    time: \"09:30\"\n"
	    "    approximate: true\n"
	    "    title: Talks open\n"
	    "    summary: >-\n"
	    "      Two lines\n"
	    "      folded.\n"
	    "    actors: [alpha, brook]\n"
	    "    tags:\n"
	    "      - diplomacy\n"
	    "      - border talks\n"
	    "    excerpts:\n"
	    "      - source: gazette\n"
	    "        quote: \"They met.\"\n"
	    "        note: Day one.\n"
	    "      - {source: wire, quote: Later.}\n",
	    0,
	    "event 3 @2:9 id=talks-open date=2024-03-01 time=09:30 approx=1 "
	    "title=Talks open summary=Two lines folded. "
	    "actors=[alpha@10:14,brook@10:21] "
	    "tags=[diplomacy@12:9,border talks@13:9] "
	    "x0@15:9{source=gazette@15:17 quote=They met.@16:16 note=Day one.} "
	    "x1@18:9{source=wire@18:18 quote=Later.@18:31 note=(null)}\n",
	    "");
}

UNIT_TEST(parse_defaults_and_nulls)
{
	/* Optional fields left out or null: no time, not approximate. */
	PARSES("events:\n"
	    "  - id: bare\n"
	    "    date: 2024-01-01\n"
	    "    title: Bare\n"
	    "  - id: nulls\n"
	    "    date: 2024-01-02\n"
	    "    time: ~\n"
	    "    approximate: null\n"
	    "    title: Nulls\n"
	    "    summary:\n"
	    "    actors: ~\n"
	    "    tags: []\n"
	    "    excerpts: null\n"
	    "  - id: false-approx\n"
	    "    date: 2024-01-03\n"
	    "    approximate: False\n"
	    "    title: Not approximate\n",
	    0,
	    "event 3 @2:9 id=bare date=2024-01-01 time= approx=0 title=Bare "
	    "summary=(null) actors=[] tags=[]\n"
	    "event 3 @5:9 id=nulls date=2024-01-02 time= approx=0 title=Nulls "
	    "summary=(null) actors=[] tags=[]\n"
	    "event 3 @14:9 id=false-approx date=2024-01-03 time= approx=0 "
	    "title=Not approximate summary=(null) actors=[] tags=[]\n",
	    "");
	/* A quoted "null" is text, not a null. */
	PARSES("actors:\n"
	    "  - {id: n, name: \"null\", kind: person, role: \"~\"}\n",
	    0,
	    "actor 3 @2:10 id=n name=null kind=person role=~ aff=(null) "
	    "aliases=[]\n",
	    "");
}

UNIT_TEST(parse_required_fields)
{
	PARSES("actors:\n  - {name: A, kind: person}\n"
	    "  - {id: b, kind: person}\n  - {id: c, name: C}\n", 0, "",
	    "F:2:5: error: actor has no 'id'\n"
	    "F:3:5: error: actor has no 'name'\n"
	    "F:4:5: error: actor has no 'kind'\n");
	PARSES("sources:\n  - {title: T}\n  - {id: s}\n", 0, "",
	    "F:2:5: error: source has no 'id'\n"
	    "F:3:5: error: source has no 'title'\n");
	PARSES("events:\n  - {date: 2024-01-01, title: T}\n"
	    "  - {id: b, title: T}\n  - {id: c, date: 2024-01-01}\n", 0, "",
	    "F:2:5: error: event has no 'id'\n"
	    "F:3:5: error: event has no 'date'\n"
	    "F:4:5: error: event has no 'title'\n");
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    excerpts:\n      - {quote: Q}\n      - {source: s}\n", 0, "",
	    "F:6:9: error: excerpt has no 'source'\n"
	    "F:7:9: error: excerpt has no 'quote'\n");
	/* Present but null is reported as empty. */
	PARSES("actors:\n  - id: a\n    name:\n    kind: person\n", 0, "",
	    "F:2:5: error: actor has an empty 'name'\n");
	PARSES("events:\n  - id: a\n    date: ~\n    title: T\n", 0, "",
	    "F:2:5: error: event has an empty 'date'\n");
}

UNIT_TEST(parse_wrong_types)
{
	PARSES("actors:\n  - id: [a, b]\n    name: A\n    kind: person\n", 0,
	    "", "F:2:9: error: expected text for 'id', found a list\n");
	PARSES("actors:\n  - id: a\n    name: {first: A}\n    kind: person\n",
	    0, "", "F:3:11: error: expected text for 'name', found a mapping\n");
	PARSES("actors:\n  - id: a\n    name: A\n    kind: person\n"
	    "    aliases: Alpha\n", 0, "",
	    "F:5:14: error: expected a list for 'aliases' (write [a, b]), "
	    "found text\n");
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    approximate: maybe\n", 0, "",
	    "F:5:18: error: expected true or false for 'approximate', found "
	    "'maybe'\n");
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    excerpts: {source: s, quote: q}\n", 0, "",
	    "F:5:15: error: expected a list of excerpts, found a mapping\n");
	PARSES("events: {id: e}\n", 0, "",
	    "F:1:9: error: expected a list under 'events:', found a mapping\n");
	PARSES("- a\n- b\n", 0, "",
	    "F:1:1: error: expected a mapping with 'actors:', 'sources:' or "
	    "'events:', found a list\n");
	PARSES("events:\n  - just text\n", 0, "",
	    "F:2:5: error: expected event (a mapping with event fields), "
	    "found text\n");
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    tags: [ok, [nested]]\n", 0, "",
	    "F:5:16: error: expected text for 'tags', found a list\n");
}

UNIT_TEST(parse_bad_values)
{
	PARSES("actors:\n  - {id: Alpha, name: A, kind: person}\n"
	    "  - {id: a b, name: B, kind: state}\n"
	    "  - {id: -a, name: C, kind: person}\n"
	    "  - {id: c, name: C, kind: politician}\n", 0, "",
	    "F:2:10: error: 'Alpha' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n"
	    "F:3:10: error: 'a b' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n"
	    "F:4:10: error: '-a' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n"
	    "F:5:28: error: unknown kind 'politician' (expected person, state "
	    "or organization)\n");
	PARSES("events:\n  - {id: a, date: 2025-02-30, title: T}\n"
	    "  - {id: b, date: 2025-6-1, title: T}\n"
	    "  - {id: c, date: 2025-06-01, time: \"24:00\", title: T}\n"
	    "  - {id: d, date: 2025-06-01, time: \"9:5\", title: T}\n"
	    "  - {id: e, date: 2025-06-01, title: T, actors: [Bad]}\n"
	    "  - {id: f, date: 2025-06-01, title: T, tags: [\"\"]}\n", 0, "",
	    "F:2:19: error: '2025-02-30' is not a real date (expected "
	    "YYYY-MM-DD)\n"
	    "F:3:19: error: '2025-6-1' is not a real date (expected "
	    "YYYY-MM-DD)\n"
	    "F:4:37: error: '24:00' is not a time (expected HH:MM, 24-hour)\n"
	    "F:5:37: error: '9:5' is not a time (expected HH:MM, 24-hour)\n"
	    "F:6:50: error: 'Bad' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n"
	    "F:7:48: error: empty item in 'tags'\n");
	/* A field given twice. */
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: A\n"
	    "    title: B\n", 0, "",
	    "F:5:5: error: 'title' is given twice in this event\n");
}

UNIT_TEST(parse_title_one_line)
{
	struct parsed	p;

	p = parse("events:\n  - id: e\n    date: 2024-01-01\n"
	    "    title: |\n      two\n      lines\n");
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "");
	CHECK_INT(p.errors, 1);
	/* Where it is reported: tests/bad/multiline-title. */
	CHECK(strstr(p.diags, "event title must be one line") != NULL);
	parsed_free(&p);
	/* A summary may have many lines. */
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    summary: |\n      two\n      lines\n", 0,
	    "event 3 @2:9 id=e date=2024-01-01 time= approx=0 title=T "
	    "summary=two\nlines\n actors=[] tags=[]\n", "");
}

UNIT_TEST(parse_only_valid_records_handed_on)
{
	/* The bad record is reported; its neighbours still go through. */
	PARSES("actors:\n  - {id: a, name: A, kind: person}\n"
	    "  - {id: B, name: B, kind: person}\n"
	    "  - {id: c, name: C, kind: state}\n", 0,
	    "actor 3 @2:10 id=a name=A kind=person role=(null) aff=(null) "
	    "aliases=[]\n"
	    "actor 3 @4:10 id=c name=C kind=state role=(null) aff=(null) "
	    "aliases=[]\n",
	    "F:3:10: error: 'B' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n");
	/* One bad excerpt makes the whole event invalid. */
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    excerpts:\n      - {source: s, quote: ok}\n"
	    "      - {source: S, quote: bad}\n", 0, "",
	    "F:7:18: error: 'S' is not a valid id (use a-z, 0-9 and '-', "
	    "starting with a letter or digit)\n");
}

UNIT_TEST(parse_unknown_keys_warn)
{
	PARSES("events:\n  - id: e\n    date: 2024-01-01\n    title: T\n"
	    "    location: {city: Strelsau}\n"
	    "places: [a, b]\n", 0,
	    "event 3 @2:9 id=e date=2024-01-01 time= approx=0 title=T "
	    "summary=(null) actors=[] tags=[]\n",
	    "F:5:5: warning: unknown field 'location' in event (ignored)\n"
	    "F:6:1: warning: unknown section 'places' (ignored; expected "
	    "actors, sources or events)\n");
}

UNIT_TEST(parse_documents_and_empties)
{
	PARSES("", 0, "", "");
	PARSES("# only a comment\n", 0, "", "");
	PARSES("---\n...\n", 0, "", "");
	PARSES("events: []\nactors: []\nsources:\n", 0, "", "");
	PARSES("---\nactors:\n  - {id: a, name: A, kind: person}\n"
	    "---\nactors:\n  - {id: b, name: B, kind: state}\n", 0,
	    "actor 3 @3:10 id=a name=A kind=person role=(null) aff=(null) "
	    "aliases=[]\n"
	    "actor 3 @6:10 id=b name=B kind=state role=(null) aff=(null) "
	    "aliases=[]\n", "");
}

UNIT_TEST(parse_bom_and_crlf)
{
	static const char bom[] = "\xef\xbb\xbf" "events:\n"
	    "  - {id: e, date: 2024-01-01, title: T}\n";
	static const char crlf[] = "events:\r\n  - id: e\r\n"
	    "    date: 2024-01-01\r\n    title: Line\r\n"
	    "    summary: >-\r\n      folded\r\n      text\r\n";
	struct parsed	p;

	p = parse_bytes(bom, sizeof bom - 1, 0);
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "event 3 @2:10 id=e date=2024-01-01 time= "
	    "approx=0 title=T summary=(null) actors=[] tags=[]\n");
	CHECK_STR(p.diags, "");
	parsed_free(&p);
	p = parse_bytes(crlf, sizeof crlf - 1, 0);
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "event 3 @2:9 id=e date=2024-01-01 time= "
	    "approx=0 title=Line summary=folded text actors=[] tags=[]\n");
	CHECK_STR(p.diags, "");
	parsed_free(&p);
	/* After a BOM, columns count from the first real character. */
	p = parse_bytes("\xef\xbb\xbf" "events: \xff\n", 13, 0);
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.diags, "F:1:9: error: invalid UTF-8 (byte 0xff)\n");
	parsed_free(&p);
}

UNIT_TEST(parse_bad_bytes)
{
	static const char nul[] = "events:\n  - {id: e, date: 2024-01-01, "
	    "title: A\0B}\n";
	struct parsed	p;

	/* Columns count characters: the é before the bad byte is one. */
	p = parse("events:\n  - id: e\n    date: 2024-01-01\n"
	    "    title: Caf\xc3\xa9 \xff\n");
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.records, "");
	CHECK_STR(p.diags, "F:4:17: error: invalid UTF-8 (byte 0xff)\n");
	parsed_free(&p);
	/* An overlong encoding and a lone continuation byte. */
	p = parse("events: [\xc0\xaf]\n");
	CHECK_STR(p.diags, "F:1:10: error: invalid UTF-8 (byte 0xc0)\n");
	parsed_free(&p);
	p = parse("# \x80\n");
	CHECK_STR(p.diags, "F:1:3: error: invalid UTF-8 (byte 0x80)\n");
	parsed_free(&p);
	p = parse_bytes(nul, sizeof nul - 1, 0);
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.diags, "F:2:39: error: control characters are not "
	    "allowed (byte 0x00)\n");
	parsed_free(&p);
	p = parse("events:\n  - {id: e, date: 2024-01-01, title: A\x07}\n");
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.diags, "F:2:39: error: control characters are not "
	    "allowed (byte 0x07)\n");
	parsed_free(&p);
	/* Nor may a NUL written as a YAML escape. */
	PARSES("events:\n  - {id: e, date: 2024-01-01, title: \"A\\0B\"}\n", 0,
	    "", "F:2:38: error: 'title' contains a NUL character\n");
	/* The highlight markers may not appear in content. */
	p = parse("events:\n  - {id: e, date: 2024-01-01, title: \"A"
	    TEXT_MARK_ON "B\"}\n");
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "");
	CHECK_STR(p.diags, "F:2:38: error: 'title' contains a Unicode "
	    "noncharacter (U+FDD0 or U+FDD1)\n");
	parsed_free(&p);
	/* An escape written in YAML is content like any other text. */
	PARSES("events:\n  - {id: e, date: 2024-01-01, title: \"A\\eB\"}\n", 0,
	    "event 3 @2:10 id=e date=2024-01-01 time= approx=0 "
	    "title=A\x1b" "B summary=(null) actors=[] tags=[]\n", "");
}

UNIT_TEST(parse_syntax_errors)
{
	struct parsed	p;

	/* Records read before the error are handed on; rc says it failed. */
	p = parse("actors:\n  - {id: a, name: A, kind: person}\n"
	    "  - {id: b, name: \"B, kind: person}\n");
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.records, "actor 3 @2:10 id=a name=A kind=person "
	    "role=(null) aff=(null) aliases=[]\n");
	CHECK_STR(p.diags, "F:4:1: error: found unexpected end of stream "
	    "(while scanning a quoted scalar at line 3, column 19)\n");
	parsed_free(&p);
	p = parse("events:\n  - id: e\n    date: 2024-01-01\n"
	    "\ttitle: T\n");
	CHECK_INT(p.rc, -1);
	CHECK_STR(p.diags, "F:4:1: error: found a tab character that "
	    "violates indentation (while scanning a plain scalar at line 3, "
	    "column 11)\n");
	parsed_free(&p);
	p = parse("events: [a, b\n");
	CHECK_INT(p.rc, -1);
	/*
	 * 'a' is no event; what was said of 'b', the record the syntax error
	 * cut short, is dropped as misleading; then the syntax error.
	 */
	CHECK_INT(p.errors, 2);
	CHECK(strstr(p.diags, "F:2:1: error: did not find expected ',' or "
	    "']' (while parsing a flow sequence at line 1, column 9)\n") != NULL);
	parsed_free(&p);
}

UNIT_TEST(parse_aliases_refused)
{
	struct parsed	p;

	PARSES("actors:\n  - id: a\n    name: &n Anna\n    kind: person\n"
	    "  - id: b\n    name: *n\n    kind: person\n", 0,
	    "actor 3 @2:9 id=a name=Anna kind=person role=(null) aff=(null) "
	    "aliases=[]\n",
	    "F:6:11: error: aliases are not allowed in content (write the "
	    "value out in full)\n");
	/* Nine levels of laughs: refused where they stand, never expanded. */
	p = parse("x:\n"
	    "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	    "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	    "  i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
	    "events:\n  - {id: e, date: 2024-01-01, title: *i}\n");
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "");
	CHECK_INT(p.errors, 73);
	CHECK_INT(p.warnings, 1);
	parsed_free(&p);
}

UNIT_TEST(parse_deep_nesting)
{
	struct buf	b;
	struct parsed	p;
	int		i;

	/* Skipped without recursion: no stack to run out of. */
	buf_init(&b);
	buf_adds(&b, "x: ");
	for (i = 0; i < 10000; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 10000; i++)
		buf_addc(&b, ']');
	buf_adds(&b, "\nevents:\n  - {id: e, date: 2024-01-01, title: T}\n");
	p = parse(buf_str(&b));
	CHECK_INT(p.rc, 0);
	CHECK_STR(p.records, "event 3 @3:10 id=e date=2024-01-01 time= "
	    "approx=0 title=T summary=(null) actors=[] tags=[]\n");
	CHECK_STR(p.diags, "F:1:1: warning: unknown section 'x' (ignored; "
	    "expected actors, sources or events)\n");
	parsed_free(&p);
	buf_free(&b);
}

UNIT_TEST(parse_long_scalar)
{
	struct buf	b;
	struct parsed	p;
	char		chunk[1025];

	memset(chunk, 'x', 1024);
	chunk[1024] = '\0';
	/* On one line: refused before libyaml reads it, at its line. */
	buf_init(&b);
	buf_adds(&b, "events:\n  - id: e\n    date: 2024-01-01\n    title: ");
	while (b.len < 1024 * 1024 + 100)
		buf_adds(&b, chunk);
	buf_adds(&b, "\n");
	p = parse(buf_str(&b));
	CHECK_STR(p.records, "");
	CHECK_STR(p.diags, "F:4:1: error: line is longer than 1048576 bytes "
	    "(the limit for one value)\n");
	parsed_free(&p);
	buf_free(&b);
	/* Folded over many short lines: the value's own limit, at the value. */
	buf_init(&b);
	buf_adds(&b, "events:\n  - id: e\n    date: 2024-01-01\n"
	    "    title: >-\n");
	while (b.len < 1024 * 1024 * 11 / 10) {
		buf_adds(&b, "      ");
		buf_adds(&b, chunk);
		buf_adds(&b, "\n");
	}
	p = parse(buf_str(&b));
	CHECK_STR(p.records, "");
	CHECK(strstr(p.diags, "F:4:12: error: 'title' is too long (") ==
	    p.diags);
	CHECK(strstr(p.diags, "the limit is 1048576)\n") != NULL);
	parsed_free(&p);
	buf_free(&b);
}

UNIT_TEST(parse_sink_stops)
{
	static const char yaml[] = "actors:\n"
	    "  - {id: a, name: A, kind: person}\n"
	    "  - {id: b, name: B, kind: person}\n"
	    "  - {id: c, name: C, kind: person}\n";
	struct parsed	p;

	/* The sink says stop after two: the third is never read. */
	p = parse_bytes(yaml, sizeof yaml - 1, 2);
	CHECK_INT(p.rc, -1);
	CHECK_INT(p.errors, 0);
	CHECK_STR(p.records, "actor 3 @2:10 id=a name=A kind=person "
	    "role=(null) aff=(null) aliases=[]\n"
	    "actor 3 @3:10 id=b name=B kind=person role=(null) aff=(null) "
	    "aliases=[]\n");
	parsed_free(&p);
}

UNIT_TEST(parse_unreadable)
{
	struct content_sink	 sink;
	struct diag_list	 dl;
	char			*dir, *path;

	memset(&sink, 0, sizeof sink);
	diag_init(&dl);
	dir = unit_newdir("d");
	path = xasprintf("%s/missing.yaml", dir);
	CHECK_INT(content_parse(path, 0, &sink, &dl), -1);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, path);
		CHECK_INT(dl.v[0].line, 0);
		CHECK_STR(dl.v[0].msg, "cannot read: No such file or directory");
	}
	diag_free(&dl);
	/* A directory cannot be read as a file either. */
	CHECK_INT(content_parse(dir, 0, &sink, &dl), -1);
	CHECK_INT(dl.errors, 1);
	diag_free(&dl);
	free(path);
	free(dir);
}

UNIT_TEST(valid_id)
{
	char	long_id[202];

	CHECK_INT(content_valid_id("a"), 1);
	CHECK_INT(content_valid_id("0"), 1);
	CHECK_INT(content_valid_id("putin"), 1);
	CHECK_INT(content_valid_id("g7-summit-2025"), 1);
	CHECK_INT(content_valid_id("9a"), 1);
	CHECK_INT(content_valid_id("a--b-"), 1);
	CHECK_INT(content_valid_id(""), 0);
	CHECK_INT(content_valid_id("-a"), 0);
	CHECK_INT(content_valid_id("Putin"), 0);
	CHECK_INT(content_valid_id("a_b"), 0);
	CHECK_INT(content_valid_id("a b"), 0);
	CHECK_INT(content_valid_id("a.b"), 0);
	CHECK_INT(content_valid_id("a/b"), 0);
	CHECK_INT(content_valid_id("caf\xc3\xa9"), 0);
	CHECK_INT(content_valid_id(" a"), 0);
	CHECK_INT(content_valid_id("a\n"), 0);
	memset(long_id, 'a', 200);
	long_id[200] = '\0';
	CHECK_INT(content_valid_id(long_id), 1);
	long_id[200] = 'a';
	long_id[201] = '\0';
	CHECK_INT(content_valid_id(long_id), 0);
}

UNIT_TEST(valid_date)
{
	CHECK_INT(content_valid_date("2025-06-13"), 1);
	CHECK_INT(content_valid_date("2025-01-31"), 1);
	CHECK_INT(content_valid_date("2025-12-31"), 1);
	CHECK_INT(content_valid_date("0001-01-01"), 1);
	CHECK_INT(content_valid_date("9999-12-31"), 1);
	/* Leap years: every 4th, not every 100th, but every 400th. */
	CHECK_INT(content_valid_date("2024-02-29"), 1);
	CHECK_INT(content_valid_date("2023-02-29"), 0);
	CHECK_INT(content_valid_date("2000-02-29"), 1);
	CHECK_INT(content_valid_date("1900-02-29"), 0);
	CHECK_INT(content_valid_date("2100-02-29"), 0);
	CHECK_INT(content_valid_date("2400-02-29"), 1);
	CHECK_INT(content_valid_date("2023-02-28"), 1);
	CHECK_INT(content_valid_date("2024-02-30"), 0);
	CHECK_INT(content_valid_date("2025-02-30"), 0);
	/* Month lengths. */
	CHECK_INT(content_valid_date("2025-04-30"), 1);
	CHECK_INT(content_valid_date("2025-04-31"), 0);
	CHECK_INT(content_valid_date("2025-06-31"), 0);
	CHECK_INT(content_valid_date("2025-09-31"), 0);
	CHECK_INT(content_valid_date("2025-11-31"), 0);
	CHECK_INT(content_valid_date("2025-07-31"), 1);
	CHECK_INT(content_valid_date("2025-08-31"), 1);
	CHECK_INT(content_valid_date("2025-13-01"), 0);
	CHECK_INT(content_valid_date("2025-00-10"), 0);
	CHECK_INT(content_valid_date("2025-01-00"), 0);
	CHECK_INT(content_valid_date("2025-01-32"), 0);
	CHECK_INT(content_valid_date("0000-01-01"), 0);
	/* Form. */
	CHECK_INT(content_valid_date("2025-6-1"), 0);
	CHECK_INT(content_valid_date("2025-06-1"), 0);
	CHECK_INT(content_valid_date("25-06-01"), 0);
	CHECK_INT(content_valid_date("2025/06/01"), 0);
	CHECK_INT(content_valid_date("2025-06-01 "), 0);
	CHECK_INT(content_valid_date(" 2025-06-01"), 0);
	CHECK_INT(content_valid_date("2025-06-01T00:00"), 0);
	CHECK_INT(content_valid_date("+025-06-01"), 0);
	CHECK_INT(content_valid_date("2025-0a-01"), 0);
	CHECK_INT(content_valid_date(""), 0);
}

UNIT_TEST(valid_time)
{
	CHECK_INT(content_valid_time("00:00"), 1);
	CHECK_INT(content_valid_time("09:30"), 1);
	CHECK_INT(content_valid_time("12:00"), 1);
	CHECK_INT(content_valid_time("23:59"), 1);
	CHECK_INT(content_valid_time("24:00"), 0);
	CHECK_INT(content_valid_time("23:60"), 0);
	CHECK_INT(content_valid_time("30:00"), 0);
	CHECK_INT(content_valid_time("9:05"), 0);
	CHECK_INT(content_valid_time("09:5"), 0);
	CHECK_INT(content_valid_time("9:5"), 0);
	CHECK_INT(content_valid_time("0930"), 0);
	CHECK_INT(content_valid_time("09.30"), 0);
	CHECK_INT(content_valid_time("09:30:00"), 0);
	CHECK_INT(content_valid_time("09:3a"), 0);
	CHECK_INT(content_valid_time(" 9:30"), 0);
	CHECK_INT(content_valid_time(""), 0);
}

/* The scanned files' relative paths, one a line. */
static char *
scan_list(const char *dir, int *n, struct diag_list *dl)
{
	struct content_file	*files;
	struct buf		 b;
	struct stat		 sb;
	char			*want;
	int			 i;

	buf_init(&b);
	*n = content_scan(dir, &files, dl);
	for (i = 0; i < *n; i++) {
		buf_addf(&b, "%s\n", files[i].rel);
		/* path is dir/rel; size and mtime are the file's. */
		want = xasprintf("%s/%s", dir, files[i].rel);
		CHECK_STR(files[i].path, want);
		free(want);
		if (stat(files[i].path, &sb) == 0) {
			CHECK_INT(files[i].size, sb.st_size);
			CHECK_INT(files[i].mtime_ns,
			    (int64_t)sb.st_mtim.tv_sec * 1000000000 +
			    sb.st_mtim.tv_nsec);
		} else
			CHECK(!"scanned file cannot be stat'ed");
	}
	content_files_free(files, *n < 0 ? 0 : *n);
	return buf_detach(&b);
}

UNIT_TEST(scan_sorted_and_filtered)
{
	struct diag_list	 dl;
	char			*dir, *got;
	int			 n;

	dir = unit_newdir("d");
	unit_write_text(dir, "b.yaml", "events: []\n");
	unit_write_text(dir, "a.yaml", "events: []\n");
	unit_write_text(dir, "Z.yaml", "events: []\n");
	unit_write_text(dir, "sub/c.yaml", "x");
	unit_write_text(dir, "sub/deeper/d.yaml", "");
	unit_write_text(dir, "sub-x.yaml", "");
	unit_write_text(dir, "dir.yaml/e.yaml", "");	/* a directory named .yaml */
	/* Not content: other names, dot files and dot directories. */
	unit_write_text(dir, "notes.txt", "");
	unit_write_text(dir, "old.yml", "");
	unit_write_text(dir, "a.yaml.bak", "");
	unit_write_text(dir, "yaml", "");
	unit_write_text(dir, ".yaml", "");
	unit_write_text(dir, ".hidden.yaml", "");
	unit_write_text(dir, ".git/config.yaml", "");
	unit_write_text(dir, "sub/.swp.yaml", "");
	diag_init(&dl);
	got = scan_list(dir, &n, &dl);
	CHECK_INT(n, 7);
	CHECK_STR(got, "Z.yaml\na.yaml\nb.yaml\ndir.yaml/e.yaml\nsub-x.yaml\n"
	    "sub/c.yaml\nsub/deeper/d.yaml\n");
	CHECK_INT(dl.n, 0);
	free(got);
	diag_free(&dl);
	free(dir);
}

UNIT_TEST(scan_empty_and_missing)
{
	static struct content_file sentinel;
	struct content_file	*files;
	struct diag_list	 dl;
	char			*dir, *path, *got;
	int			 n;

	dir = unit_newdir("d");
	diag_init(&dl);
	got = scan_list(dir, &n, &dl);
	CHECK_INT(n, 0);
	CHECK_STR(got, "");
	CHECK_INT(dl.n, 0);
	free(got);

	path = xasprintf("%s/missing", dir);
	files = &sentinel;	/* must be reset to NULL */
	CHECK_INT(content_scan(path, &files, &dl), -1);
	CHECK(files == NULL);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, path);
		CHECK_STR(dl.v[0].msg, "cannot read: No such file or directory");
	}
	diag_free(&dl);
	free(path);

	unit_write_text(dir, "file.yaml", "");
	path = xasprintf("%s/file.yaml", dir);
	CHECK_INT(content_scan(path, &files, &dl), -1);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1)
		CHECK_STR(dl.v[0].msg, "not a directory");
	diag_free(&dl);
	free(path);
	free(dir);
}

UNIT_TEST(scan_symlinks)
{
	struct diag_list	 dl;
	char			*dir, *other, *p, *q, *got, *diags;
	int			 n;

	dir = unit_newdir("d");
	other = unit_newdir("d");
	unit_write_text(dir, "a.yaml", "");
	unit_write_text(dir, "sub/b.yaml", "");
	unit_write_text(other, "elsewhere.yaml", "");
	unit_write_text(other, "more/c.yaml", "");
	/* Links to a file and to a directory are followed... */
	p = xasprintf("%s/elsewhere.yaml", other);
	q = xasprintf("%s/linked.yaml", dir);
	CHECK(symlink(p, q) == 0);
	free(p);
	free(q);
	p = xasprintf("%s/more", other);
	q = xasprintf("%s/more-link", dir);
	CHECK(symlink(p, q) == 0);
	free(p);
	free(q);
	/* ...a link back up is a loop, reported and skipped... */
	q = xasprintf("%s/sub/up", dir);
	CHECK(symlink("..", q) == 0);
	free(q);
	/* ...and a dangling .yaml link is reported; others are not. */
	q = xasprintf("%s/gone.yaml", dir);
	CHECK(symlink("nowhere.yaml", q) == 0);
	free(q);
	q = xasprintf("%s/gone.txt", dir);
	CHECK(symlink("nowhere.txt", q) == 0);
	free(q);
	/* A link to itself cannot be followed at all. */
	q = xasprintf("%s/self", dir);
	CHECK(symlink("self", q) == 0);
	free(q);

	diag_init(&dl);
	got = scan_list(dir, &n, &dl);
	CHECK_INT(n, 4);
	CHECK_STR(got, "a.yaml\nlinked.yaml\nmore-link/c.yaml\nsub/b.yaml\n");
	diag_sort(&dl);
	diags = format_diags(&dl, NULL, NULL);
	p = xasprintf("%s/gone.yaml:0:0: error: cannot read: No such file or "
	    "directory\n"
	    "%s/self:0:0: error: cannot read: Too many levels of symbolic "
	    "links\n"
	    "%s/sub/up:0:0: error: symbolic link loop (skipped)\n",
	    dir, dir, dir);
	CHECK_STR(diags, p);
	free(p);
	free(diags);
	free(got);
	diag_free(&dl);
	free(other);
	free(dir);
}

UNIT_TEST(scan_unreadable_dir)
{
	struct diag_list	 dl;
	char			*dir, *sub, *got;
	int			 n;

	/* Permissions mean nothing to root: there is nothing to test. */
	if (geteuid() == 0) {
		printf("  skipped: running as root\n");
		return;
	}
	dir = unit_newdir("d");
	unit_write_text(dir, "a.yaml", "");
	unit_write_text(dir, "locked/b.yaml", "");
	sub = xasprintf("%s/locked", dir);
	CHECK(chmod(sub, 0) == 0);
	diag_init(&dl);
	got = scan_list(dir, &n, &dl);
	CHECK_INT(n, 1);
	CHECK_STR(got, "a.yaml\n");
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, sub);
		CHECK_STR(dl.v[0].msg,
		    "cannot read directory: Permission denied");
	}
	chmod(sub, 0700);
	diag_free(&dl);
	free(got);
	free(sub);
	free(dir);
}

/*
 * The walk stops 64 directories down, with one error naming the directory
 * it did not enter; long paths and a top directory given with a trailing
 * "/" keep their paths as "DIR/REL".
 */
UNIT_TEST(scan_depth_limit)
{
	struct diag_list	 dl;
	struct buf		 rel;
	char			*dir, *top, *got, *want, *deep;
	int			 n, i;

	dir = unit_newdir("d");
	buf_init(&rel);
	for (i = 1; i <= 64; i++) {
		buf_addf(&rel, "%slevel-%02d", i > 1 ? "/" : "", i);
		if (i == 63 || i == 64) {
			want = xasprintf("%s/at-%d.yaml", buf_str(&rel), i);
			unit_write_text(dir, want, "");
			free(want);
		}
	}
	deep = xasprintf("%s/%s", dir, buf_str(&rel));
	diag_init(&dl);
	got = scan_list(dir, &n, &dl);
	CHECK_INT(n, 1);
	want = xasprintf("%.*s/at-63.yaml\n", (int)(rel.len - 9),
	    buf_str(&rel));
	CHECK_STR(got, want);
	CHECK_INT(dl.errors, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, deep);
		CHECK_STR(dl.v[0].msg,
		    "directories nested too deep (limit 64)");
	}
	free(got);
	diag_free(&dl);

	/* "DIR/" as the top: paths are "DIR//REL", rel as before. */
	top = xasprintf("%s/", dir);
	diag_init(&dl);
	got = scan_list(top, &n, &dl);
	CHECK_INT(n, 1);
	CHECK_STR(got, want);
	CHECK_INT(dl.errors, 1);
	free(got);
	diag_free(&dl);
	free(top);
	free(want);
	free(deep);
	buf_free(&rel);
	free(dir);
}

UNIT_TEST(parse_actor_short)
{
	PARSES("actors:\n"
	    "  - id: ministry\n"
	    "    name: Ministry of Foreign Affairs of Ruritania\n"
	    "    kind: organization\n"
	    "    short: Ruritanian MFA\n",
	    0,
	    "actor 3 @2:9 id=ministry name=Ministry of Foreign Affairs of "
	    "Ruritania kind=organization role=(null) aff=(null) aliases=[] "
	    "short=Ruritanian MFA\n",
	    "");
	/* A label is one line of text, not a list, not empty, not twice. */
	PARSES("actors:\n"
	    "  - {id: a, name: A, kind: state, short: \"two\\nlines\"}\n"
	    "  - {id: b, name: B, kind: state, short: [B]}\n"
	    "  - {id: c, name: C, kind: state, short: ''}\n"
	    "  - {id: d, name: D, kind: state, short: D, short: E}\n",
	    0, "",
	    "F:2:42: error: 'short' must be one line of text\n"
	    "F:3:42: error: expected text for 'short', found a list\n"
	    "F:4:42: error: 'short' must be one line of text\n"
	    "F:5:45: error: 'short' is given twice in this actor\n");
}

UNIT_TEST(parse_source_note)
{
	PARSES("sources:\n"
	    "  - id: wire\n"
	    "    title: The Wire\n"
	    "    note: >-\n"
	    "      A commentary; its figures\n"
	    "      have no source.\n",
	    0,
	    "source 3 @2:9 id=wire title=The Wire publisher=(null) "
	    "url=(null) published=(null) text=(null) "
	    "note=A commentary; its figures have no source.\n",
	    "");
	PARSES("sources:\n"
	    "  - {id: wire, title: The Wire, note: {a: b}}\n",
	    0, "",
	    "F:2:39: error: expected text for 'note', found a mapping\n");
}

UNIT_TEST(parse_corpus)
{
	PARSES("corpus:\n"
	    "  title: The Ruritanian Crisis\n"
	    "  description: What happened, day by day.\n"
	    "events: []\n",
	    0,
	    "corpus 3 @2:3 title=The Ruritanian Crisis "
	    "description=What happened, day by day.\n",
	    "");
	/* The description is optional; an unknown field only warns. */
	PARSES("corpus: {title: Crisis, editor: me}\n",
	    0,
	    "corpus 3 @1:9 title=Crisis description=(null)\n",
	    "F:1:25: warning: unknown field 'editor' in corpus (ignored)\n");
}

UNIT_TEST(parse_corpus_errors)
{
	PARSES("corpus:\n"
	    "  description: no title\n",
	    0, "",
	    "F:2:3: error: corpus has no 'title'\n");
	PARSES("corpus: [a, b]\n",
	    0, "",
	    "F:1:9: error: expected corpus (a mapping with corpus fields), "
	    "found a list\n");
	PARSES("corpus:\n"
	    "  title: |\n"
	    "    two\n"
	    "    lines\n",
	    0, "",
	    "F:2:10: error: 'title' must be one line of text\n");
	PARSES("corpus: {title: ~}\n",
	    0, "",
	    "F:1:9: error: corpus has an empty 'title'\n");
	/*
	 * The loader hands each section on; the store refuses a second one
	 * (tests/bad/corpus-twice), since it may be in another file.
	 */
	PARSES("corpus: {title: A}\n"
	    "corpus: {title: B}\n",
	    0,
	    "corpus 3 @1:9 title=A description=(null)\n"
	    "corpus 3 @2:9 title=B description=(null)\n",
	    "");
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(parse_actor),
	UNIT_ENTRY(parse_source),
	UNIT_ENTRY(parse_event),
	UNIT_ENTRY(parse_defaults_and_nulls),
	UNIT_ENTRY(parse_required_fields),
	UNIT_ENTRY(parse_wrong_types),
	UNIT_ENTRY(parse_bad_values),
	UNIT_ENTRY(parse_title_one_line),
	UNIT_ENTRY(parse_only_valid_records_handed_on),
	UNIT_ENTRY(parse_unknown_keys_warn),
	UNIT_ENTRY(parse_documents_and_empties),
	UNIT_ENTRY(parse_bom_and_crlf),
	UNIT_ENTRY(parse_bad_bytes),
	UNIT_ENTRY(parse_syntax_errors),
	UNIT_ENTRY(parse_aliases_refused),
	UNIT_ENTRY(parse_deep_nesting),
	UNIT_ENTRY(parse_long_scalar),
	UNIT_ENTRY(parse_sink_stops),
	UNIT_ENTRY(parse_unreadable),
	UNIT_ENTRY(valid_id),
	UNIT_ENTRY(valid_date),
	UNIT_ENTRY(valid_time),
	UNIT_ENTRY(scan_sorted_and_filtered),
	UNIT_ENTRY(scan_empty_and_missing),
	UNIT_ENTRY(scan_symlinks),
	UNIT_ENTRY(scan_unreadable_dir),
	UNIT_ENTRY(scan_depth_limit),
	UNIT_ENTRY(parse_actor_short),
	UNIT_ENTRY(parse_source_note),
	UNIT_ENTRY(parse_corpus),
	UNIT_ENTRY(parse_corpus_errors),
};

int
main(void)
{
	int	rc;

	rc = UNIT_RUN(tests);
	unit_cleanup();
	return rc;
}
