/*
 * test-query.c: unit tests for the query module: exact translations, every
 * error, and nasty input fed to a real FTS5 table, which must never reject
 * a translation we accept.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "unit.h"
#include "util.h"

static void	 check_translation(const char *, const char *, int);
static void	 check_error(const char *, const char *, int);
static sqlite3	*fts_open(void);
static int	 fts_count(sqlite3 *, const char *, const char *);

#define TRANSLATES(in, out)	check_translation(in, out, __LINE__)
#define FAILS(in, msg)		check_error(in, msg, __LINE__)

static void
check_translation(const char *in, const char *want, int line)
{
	static char	 sentinel;
	char		*got, *err = &sentinel;

	/* err must be cleared on success. */
	got = query_translate(in, &err);
	if (got == NULL || strcmp(got, want) != 0 || err != NULL) {
		printf("  line %d: '%s' -> '%s' (error '%s'), expected '%s'\n",
		    line, in, got != NULL ? got : "(null)",
		    err != NULL ? err : "(none)", want);
		unit_failed = 1;
	}
	free(got);
	if (err != &sentinel)
		free(err);
}

static void
check_error(const char *in, const char *want, int line)
{
	char	*got, *err = NULL;

	got = query_translate(in, &err);
	if (got != NULL || err == NULL || strcmp(err, want) != 0) {
		printf("  line %d: '%s' -> '%s' (error '%s'), expected "
		    "error '%s'\n", line, in != NULL ? in : "(null)",
		    got != NULL ? got : "(null)",
		    err != NULL ? err : "(none)", want);
		unit_failed = 1;
	}
	free(got);
	free(err);
}

/* Opens an in-memory FTS5 table like the store's, with a few rows. */
static sqlite3 *
fts_open(void)
{
	sqlite3	*db;
	char	*msg = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return NULL;
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(a, "
	    "tokenize='porter unicode61 remove_diacritics 2');"
	    "INSERT INTO t VALUES ('Putin and Iran talks');"
	    "INSERT INTO t VALUES ('NOT OR AND NEAR title x');"
	    "INSERT INTO t VALUES ('S-400 missiles delivered');"
	    "INSERT INTO t VALUES ('oil price rises as evacuation begins');"
	    "INSERT INTO t VALUES ('Bush said the bushes burned');"
	    "INSERT INTO t VALUES ('Erdo\xc4\x9f" "an caf\xc3\xa9');",
	    NULL, NULL, &msg) != SQLITE_OK) {
		printf("  fts5: %s\n", msg != NULL ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/*
 * Translates in and runs it as a MATCH. Returns the row count, -1 if the
 * translation was refused, or -2 (and fails the test) if SQLite rejected
 * an accepted translation.
 */
static int
fts_count(sqlite3 *db, const char *in, const char *why)
{
	sqlite3_stmt	*st;
	char		*q, *err = NULL;
	int		 rc, count = -1;

	if ((q = query_translate(in, &err)) == NULL) {
		if (err == NULL || strchr(err, '\n') != NULL) {
			printf("  %s: bad error for '%s'\n", why, in);
			unit_failed = 1;
		}
		free(err);
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?",
	    -1, &st, NULL) != SQLITE_OK) {
		printf("  prepare: %s\n", sqlite3_errmsg(db));
		unit_failed = 1;
		free(q);
		return -2;
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		count = sqlite3_column_int(st, 0);
	if (rc != SQLITE_DONE) {
		printf("  %s: '%s' -> '%s': %s\n", why, in, q,
		    sqlite3_errmsg(db));
		unit_failed = 1;
		count = -2;
	}
	sqlite3_finalize(st);
	free(q);
	return count;
}

UNIT_TEST(translate_examples)
{
	TRANSLATES("putin iran", "\"putin\" \"iran\"");
	TRANSLATES("\"unconditional surrender\"",
	    "\"unconditional surrender\"");
	TRANSLATES("bush*", "\"bush\"*");
	TRANSLATES("NOT OR", "\"NOT\" \"OR\"");
	TRANSLATES("S-400", "\"S-400\"");
	TRANSLATES("evac* \"oil price\"", "\"evac\"* \"oil price\"");
}

UNIT_TEST(translate_words)
{
	TRANSLATES("  putin\t\tiran\n", "\"putin\" \"iran\"");
	TRANSLATES("x", "\"x\"");
	TRANSLATES("bush**", "\"bush\"*");
	TRANSLATES("*bush", "\"*bush\"");
	TRANSLATES("x*y", "\"x*y\"");
	TRANSLATES("don't", "\"don't\"");
	TRANSLATES("'quoted'", "\"'quoted'\"");
	TRANSLATES("\xce\x95\xcf\x81\xce\xbd\xcf\x84\xce\xbf\xce\xb3\xce\xac"
	    "\xce\xbd", "\"\xce\x95\xcf\x81\xce\xbd\xcf\x84\xce\xbf\xce\xb3"
	    "\xce\xac\xce\xbd\"");
	TRANSLATES("\xc3\xbc*", "\"\xc3\xbc\"*");
	/* Letters of other scripts count; an emoji is no word (issue 11). */
	FAILS("\xf0\x9f\x92\xbb", "nothing to search for in "
	    "\"\xf0\x9f\x92\xbb\"");
	FAILS("\xe2\x9c\x88\xef\xb8\x8f", "nothing to search for in "
	    "\"\xe2\x9c\x88\xef\xb8\x8f\"");
	TRANSLATES("\xf0\x9f\x92\xbb x", "\"x\"");
}

UNIT_TEST(translate_phrases)
{
	TRANSLATES("\"oil pri*\"", "\"oil pri\"*");
	TRANSLATES("\"oil pri\"*", "\"oil pri\"*");
	TRANSLATES("\"oil pri**  \"", "\"oil pri\"*");
	TRANSLATES("\"  oil \t\n price  \"", "\"oil price\"");
	TRANSLATES("\"a *\"", "\"a\"");		/* a lone * is no prefix */
	TRANSLATES("a\"b c\"d", "\"a\" \"b c\" \"d\"");
	TRANSLATES("\"a\"\"b\"", "\"a\" \"b\"");
	TRANSLATES("\"x\"*y", "\"x\"* \"y\"");
	TRANSLATES("\"NOT putin\"", "\"NOT putin\"");
	TRANSLATES("\"a*b c\"", "\"a*b c\"");
}

UNIT_TEST(translate_syntax_is_text)
{
	TRANSLATES("title:x", "\"title:x\"");
	TRANSLATES("a:putin", "\"a:putin\"");
	TRANSLATES("(a OR b)", "\"(a\" \"OR\" \"b)\"");
	TRANSLATES("-x +y ^z", "\"-x\" \"+y\" \"^z\"");
	TRANSLATES("NEAR(a b, 5)", "\"NEAR(a\" \"b,\" \"5)\"");
	TRANSLATES("a AND NOT b", "\"a\" \"AND\" \"NOT\" \"b\"");
	TRANSLATES("{a b}:c", "\"{a\" \"b}:c\"");
	TRANSLATES("x \"\" * - \"*\" ()", "\"x\"");
}

UNIT_TEST(translate_errors)
{
	char	 big[1200], *q, *err;

	FAILS("", "empty query");
	FAILS(" \t\r\n ", "empty query");
	FAILS(NULL, "empty query");
	FAILS("a\"b", "unclosed quote in query");
	FAILS("\"abc", "unclosed quote in query");
	FAILS("\"a\" \"b", "unclosed quote in query");
	FAILS("\"", "unclosed quote in query");
	FAILS("- * ( )", "nothing to search for in \"- * ( )\"");
	FAILS("\"\"", "nothing to search for in \"\"\"\"");
	FAILS("\"*\"", "nothing to search for in \"\"*\"\"");
	FAILS("*", "nothing to search for in \"*\"");
	/* The input comes back on one line, with controls escaped. */
	FAILS("  -\n\x1b  +\t", "nothing to search for in \"- ^[ +\"");
	FAILS("\x01-\x7f", "nothing to search for in \"^A-^?\"");
	FAILS("\xff", "query is not valid UTF-8");
	FAILS("ab\xed\xa0\x80", "query is not valid UTF-8");
	FAILS("caf\xc3", "query is not valid UTF-8");

	memset(big, 'a', 1001);
	big[1001] = '\0';
	FAILS(big, "query too long");
	big[1000] = '\0';
	err = NULL;
	q = query_translate(big, &err);
	CHECK(q != NULL && err == NULL);
	CHECK(q != NULL && strlen(q) == 1002);
	free(q);
}

/* Translations mean what they say when run. */
UNIT_TEST(fts_results)
{
	sqlite3	*db;

	if ((db = fts_open()) == NULL) {
		unit_failed = 1;
		return;
	}
	CHECK_INT(fts_count(db, "putin iran", "and"), 1);
	CHECK_INT(fts_count(db, "NOT OR", "keywords"), 1);
	CHECK_INT(fts_count(db, "iran -putin", "minus"), 1);
	CHECK_INT(fts_count(db, "putin OR bush", "or"), 0);
	CHECK_INT(fts_count(db, "S-400", "hyphen"), 1);
	CHECK_INT(fts_count(db, "bush*", "prefix"), 1);
	CHECK_INT(fts_count(db, "evac* \"oil price\"", "mixed"), 1);
	CHECK_INT(fts_count(db, "\"oil pri*\"", "prefix phrase"), 1);
	CHECK_INT(fts_count(db, "\"price oil\"", "phrase order"), 0);
	CHECK_INT(fts_count(db, "title:x", "column"), 1);
	CHECK_INT(fts_count(db, "erdogan cafe", "diacritics"), 1);
	sqlite3_close(db);
}

/* Nothing anyone types makes FTS5 fail. */
UNIT_TEST(fts_nasty)
{
	static const char *nasty[] = {
		"NOT", "OR", "AND", "NEAR", "not or and near", "NEAR/3",
		"NEAR(a b)", "NEAR(a b, 2)", "a NOT", "OR a", "a AND", "(", ")",
		"((a)", "a)", "(a OR b", "*", "**", "\"*\"", "\"* *\"", "a *",
		"* a", "col:term", "a:b", ":x", "x:", "-", "-a", "+a", "^a",
		"a^", "{a}", "{a b}:c", "a + b", "\"\"", "\"\"\"\"", "''",
		"a'b", "a\\b", "\\", "%", "a%", "@a", "#", "$x", "a&b", "|",
		"~a", "`a`", "a;b", "a,b", "a.b", "a/b", "a?", "[a]", "<a>",
		"a=b", "x\"y\"z", "\"NOT\" OR \"AND\"", "S-400*", "e\xcc\x81",
		"\xcc\x81", "\xf0\x9f\x92\xbb*", "\xc2\xa0", "\xe2\x80\x8d",
		"\xe4\xb8\xad\xe6\x96\x87", "0", "0*", "_", "_*", "a_b*",
		"\"oil -*\"", "\"- x\"*", "\"x -\"*", "title : x",
	};
	static const char	 punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	sqlite3			*db;
	char			 in[1100];
	size_t			 i, k;
	int			 accepted = 0;

	if ((db = fts_open()) == NULL) {
		unit_failed = 1;
		return;
	}
	for (i = 0; i < sizeof nasty / sizeof nasty[0]; i++)
		accepted += fts_count(db, nasty[i], "list") >= 0;
	/* Every punctuation character alone, inside, after and before. */
	for (i = 0; punct[i] != '\0'; i++) {
		snprintf(in, sizeof in, "%c", punct[i]);
		fts_count(db, in, "alone");
		snprintf(in, sizeof in, "a%cb", punct[i]);
		accepted += fts_count(db, in, "inside") >= 0;
		snprintf(in, sizeof in, "x%c*", punct[i]);
		fts_count(db, in, "prefix");
		snprintf(in, sizeof in, "%cx %c", punct[i], punct[i]);
		fts_count(db, in, "around");
		snprintf(in, sizeof in, "\"a %c b%c\"*", punct[i], punct[i]);
		fts_count(db, in, "phrase");
	}
	/* All of it at once, and very long words. */
	snprintf(in, sizeof in, "x %s y", punct);
	accepted += fts_count(db, in, "all punctuation") >= 0;
	for (k = 0; k < 2; k++) {
		memset(in, k == 0 ? 'w' : '-', 999);
		in[999] = '*';
		in[1000] = '\0';
		fts_count(db, in, "long word");
	}
	for (k = 0; k + 4 <= 1000; k += 4)
		memcpy(in + k, "\xe4\xb8\xad" "a", 4);
	in[1000] = '\0';
	accepted += fts_count(db, in, "long wide word") >= 0;
	CHECK(accepted > 80);
	sqlite3_close(db);
}

/* Random strings from troublesome pieces, from a fixed seed. */
UNIT_TEST(fts_random)
{
	static const char *piece[] = {
		"a", "Z", "0", " ", " ", "\t", "\"", "\"", "*", "(", ")", ":",
		"-", "+", "^", "{", "}", ",", "NOT", "OR", "AND", "NEAR", "/",
		"'", "\\", ".", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x92\xbb",
		"\xc2\xa0", "\xcc\x81", "\n", "_", "%",
	};
	sqlite3		*db;
	const char	*p;
	char		 in[256];
	uint32_t	 seed = 12345;
	size_t		 len;
	int		 i, k, n, accepted = 0;

	if ((db = fts_open()) == NULL) {
		unit_failed = 1;
		return;
	}
	for (i = 0; i < 5000 && !unit_failed; i++) {
		seed = seed * 1103515245 + 12345;
		n = (int)((seed >> 16) % 12);
		len = 0;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245 + 12345;
			p = piece[(seed >> 16) %
			    (sizeof piece / sizeof piece[0])];
			memcpy(in + len, p, strlen(p));
			len += strlen(p);
		}
		in[len] = '\0';
		accepted += fts_count(db, in, "random") >= 0;
	}
	CHECK(accepted > 1000);
	sqlite3_close(db);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(translate_examples),
	UNIT_ENTRY(translate_words),
	UNIT_ENTRY(translate_phrases),
	UNIT_ENTRY(translate_syntax_is_text),
	UNIT_ENTRY(translate_errors),
	UNIT_ENTRY(fts_results),
	UNIT_ENTRY(fts_nasty),
	UNIT_ENTRY(fts_random),
};

int
main(void)
{
	return UNIT_RUN(tests);
}
