/*
 * test-text.c: unit tests for the text module: UTF-8 decoding, display
 * widths, escaping of unsafe code points, fitting, wrapping and folding.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "unit.h"
#include "util.h"

#define ON	TEXT_MARK_ON
#define OFF	TEXT_MARK_OFF

static char	*wrap_join(const char *, int, size_t *);
static int	 is_boundary(const char *, size_t);

/*
 * Wraps s and returns its lines joined with '|' (widths checked against
 * text_width on the way); *n gets the number of lines. Caller frees.
 */
static char *
wrap_join(const char *s, int width, size_t *n)
{
	struct text_line	*lines;
	struct buf		 b;
	char			*line;
	size_t			 i, count;

	count = text_wrap(s, width, &lines);
	buf_init(&b);
	for (i = 0; i < count; i++) {
		line = xstrndup(s + lines[i].off, lines[i].len);
		CHECK_INT(lines[i].width, text_width(line));
		if (i != 0)
			buf_addc(&b, '|');
		buf_adds(&b, line);
		free(line);
	}
	free(lines);
	if (n != NULL)
		*n = count;
	return buf_detach(&b);
}

/* Returns 1 if offset off of s is not inside a UTF-8 sequence. */
static int
is_boundary(const char *s, size_t off)
{
	return ((unsigned char)s[off] & 0xc0) != 0x80;
}

UNIT_TEST(decode_valid)
{
	int32_t	cp;

	CHECK_INT(text_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(text_decode("\xc3\xa9", 2, &cp), 2);		/* é */
	CHECK_INT(cp, 0xe9);
	CHECK_INT(text_decode("\xe2\x82\xac", 3, &cp), 3);	/* € */
	CHECK_INT(cp, 0x20ac);
	CHECK_INT(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4);	/* 😀 */
	CHECK_INT(cp, 0x1f600);
	CHECK_INT(text_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	CHECK_INT(cp, 0x10ffff);
	CHECK_INT(text_decode("\xed\x9f\xbf", 3, &cp), 3);	/* U+D7FF */
	CHECK_INT(cp, 0xd7ff);
	CHECK_INT(text_decode(TEXT_MARK_ON, 3, &cp), 3);
	CHECK_INT(cp, 0xfdd0);
	/* Only len bytes are read, whatever follows. */
	CHECK_INT(text_decode("\xc3\xa9xyz", 5, &cp), 2);
	CHECK_INT(cp, 0xe9);
}

UNIT_TEST(decode_invalid)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} bad[] = {
		{ "\x80", 1 },			/* lone continuation */
		{ "\xbf", 1 },
		{ "\xff", 1 },
		{ "\xfe", 1 },
		{ "\xc0\x80", 2 },		/* overlong NUL */
		{ "\xc1\xbf", 2 },		/* overlong DEL */
		{ "\xe0\x80\xaf", 3 },		/* overlong '/' */
		{ "\xe0\x9f\xbf", 3 },		/* overlong U+07FF */
		{ "\xf0\x80\x80\xaf", 4 },	/* overlong '/' */
		{ "\xf0\x8f\xbf\xbf", 4 },	/* overlong U+FFFF */
		{ "\xed\xa0\x80", 3 },		/* surrogate U+D800 */
		{ "\xed\xbf\xbf", 3 },		/* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", 4 },	/* U+110000 */
		{ "\xf5\x80\x80\x80", 4 },
		{ "\xc3", 1 },			/* truncated */
		{ "\xe2\x82", 2 },
		{ "\xf0\x9f\x98", 3 },
		{ "\xc3\xa9", 1 },		/* cut short by len */
		{ "\xe2\x82\x41", 3 },		/* bad continuation */
		{ "\xe2\x41\x82", 3 },
		{ "\xf0\x9f\x98\x41", 4 },
	};
	size_t	i;
	int32_t	cp;
	int	n;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		n = text_decode(bad[i].s, bad[i].len, &cp);
		if (n != 1 || cp != -1) {
			printf("  case %zu: n %d cp %ld\n", i, n, (long)cp);
			unit_failed = 1;
		}
	}
}

UNIT_TEST(valid_offsets)
{
	size_t	bad;

	CHECK(text_valid("", 0, &bad));
	CHECK(text_valid("plain ascii", 11, &bad));
	CHECK(text_valid("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80", 14,
	    &bad));
	bad = 99;
	CHECK(!text_valid("abc\xff" "def", 7, &bad));
	CHECK_INT(bad, 3);
	CHECK(!text_valid("\xc3\xa9\xe2\x82", 4, &bad));	/* truncated */
	CHECK_INT(bad, 2);
	CHECK(!text_valid("ab\xed\xa0\x80", 5, &bad));	/* surrogate */
	CHECK_INT(bad, 2);
	CHECK(!text_valid("\xc0\xaf", 2, &bad));		/* overlong */
	CHECK_INT(bad, 0);
	CHECK(!text_valid("x\xf4\x90\x80\x80", 5, &bad));
	CHECK_INT(bad, 1);
	/* The length given counts, not the NUL. */
	CHECK(text_valid("ab\xff", 2, &bad));
	CHECK(text_valid("a\0b", 3, NULL));
	CHECK(!text_valid("a\0\xff", 3, NULL));
}

UNIT_TEST(cp_widths)
{
	CHECK_INT(text_cp_width('a'), 1);
	CHECK_INT(text_cp_width(0x4e2d), 2);		/* 中 */
	CHECK_INT(text_cp_width(0xac00), 2);		/* 가 */
	CHECK_INT(text_cp_width(0x1f4bb), 2);		/* 💻 */
	CHECK_INT(text_cp_width(0x301), 0);		/* combining acute */
	CHECK_INT(text_cp_width(0x200d), 0);		/* ZWJ */
	CHECK_INT(text_cp_width(0x200c), 0);		/* ZWNJ */
	CHECK_INT(text_cp_width(0x200e), 0);		/* LRM */
	CHECK_INT(text_cp_width(0xfdd0), 0);		/* markers */
	CHECK_INT(text_cp_width(0xfdd1), 0);
	CHECK_INT(text_cp_width(0x378), 1);		/* unassigned */
	CHECK_INT(text_cp_width(0xe9), 1);
	CHECK_INT(text_cp_width(0x0), -1);
	CHECK_INT(text_cp_width('\t'), -1);
	CHECK_INT(text_cp_width(0x1b), -1);
	CHECK_INT(text_cp_width(0x7f), -1);
	CHECK_INT(text_cp_width(0x9b), -1);		/* C1 CSI */
	CHECK_INT(text_cp_width(0x202e), -1);		/* RLO */
	CHECK_INT(text_cp_width(0x2066), -1);		/* LRI */
	CHECK_INT(text_cp_width(-1), -1);
}

/* Widths stay sensible in a locale whose wcwidth() knows no Unicode. */
UNIT_TEST(cp_widths_c_locale)
{
	setlocale(LC_CTYPE, "C");
	CHECK_INT(text_cp_width('a'), 1);
	CHECK_INT(text_cp_width(0x4e2d), 2);
	CHECK_INT(text_cp_width(0x1f600), 2);
	CHECK_INT(text_cp_width(0x301), 0);
	CHECK_INT(text_cp_width(0x200d), 0);
	CHECK_INT(text_cp_width(0xe9), 1);
	CHECK_INT(text_cp_width(0x9b), -1);
	CHECK_INT(text_width("\xe4\xb8\xad" "e\xcc\x81" ON "x" OFF), 4);
	setlocale(LC_CTYPE, "C.UTF-8");
}

/*
 * Emoji ZWJ sequences count per code point: 👩‍💻 is 2 + 0 + 2 = 4 columns,
 * which is what most terminals without grapheme clustering draw.
 */
UNIT_TEST(string_widths)
{
	CHECK_INT(text_width(""), 0);
	CHECK_INT(text_width("hello"), 5);
	CHECK_INT(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);	/* 中文 */
	CHECK_INT(text_width("e\xcc\x81"), 1);		/* e + acute */
	CHECK_INT(text_width("caf\xc3\xa9"), 4);
	CHECK_INT(text_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"),
	    4);
	/* Persian می‌خواهم: seven letters and a ZWNJ. */
	CHECK_INT(text_width("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88"
	    "\xd8\xa7\xd9\x87\xd9\x85"), 7);
	CHECK_INT(text_width("a" ON "bc" OFF "d"), 4);
	/* Escapes count for their own length. */
	CHECK_INT(text_width("\x1b[2J"), 5);		/* ^[[2J */
	CHECK_INT(text_width("a\x7f"), 3);		/* a^? */
	CHECK_INT(text_width("\xc2\x9b"), 8);		/* <U+009B> */
	CHECK_INT(text_width("\xe2\x80\xae"), 8);	/* <U+202E> */
	CHECK_INT(text_width("x\xff"), 5);		/* x<FF> */
	CHECK_INT(text_width("a\tb"), 4);		/* a^Ib */
	/* Lines: the widest one. */
	CHECK_INT(text_width("ab\ncde\nf"), 3);
}

UNIT_TEST(width_matches_escaped)
{
	static const char *s[] = {
		"\x1b]52;c;SGVsbG8=\x07", "\xc2\x9b" "31m", "a\xe2\x80\xae" "b",
		"\xff\xfe", "tab\there", ON "\xe4\xb8\xad" OFF, "\x7f\x01",
		"e\xcc\x81\xe2\x80\x8d", "\xe2\x81\xa6x\xe2\x81\xa9",
	};
	size_t	 i;
	char	*e;

	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		e = text_escape(s[i]);
		CHECK_INT(text_width(s[i]), text_width(e));
		free(e);
	}
	/* Pure ASCII once escaped: one column a byte. */
	e = text_escape(s[0]);
	CHECK_INT(text_width(s[0]), strlen(e));
	free(e);
}

UNIT_TEST(escape_forms)
{
	static const struct {
		const char	*in;
		const char	*out;
	} t[] = {
		{ "\x1b[2J", "^[[2J" },
		{ "\x1b]52;c;SGVsbG8=\x07", "^[]52;c;SGVsbG8=^G" },
		{ "\x1b]52;c;SGVsbG8=\x1b\\", "^[]52;c;SGVsbG8=^[\\" },
		{ "\xc2\x9b" "2J", "<U+009B>2J" },
		{ "\xc2\x80\xc2\x9f", "<U+0080><U+009F>" },
		{ "del\x7f", "del^?" },
		{ "a\xe2\x80\xae" "b", "a<U+202E>b" },
		{ "\xe2\x80\xaa\xe2\x80\xad", "<U+202A><U+202D>" },
		{ "\xe2\x81\xa6\xe2\x81\xa9", "<U+2066><U+2069>" },
		{ "x\xff", "x<FF>" },
		{ "\xe2\x82", "<E2><82>" },
		{ "\xed\xa0\x80", "<ED><A0><80>" },
		{ "a\tb\rc", "a^Ib^Mc" },
		{ "\x01\x1f", "^A^_" },
		{ "line\nnext", "line\nnext" },
		{ ON "hit" OFF, ON "hit" OFF },
		/* Harmless: LRM, RLM, ZWJ, ZWNJ, combining marks, NBSP. */
		{ "\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\x8d\xe2\x80\x8c",
		  "\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\x8d\xe2\x80\x8c" },
		{ "e\xcc\x81\xc2\xa0", "e\xcc\x81\xc2\xa0" },
		{ "plain", "plain" },
		{ "", "" },
	};
	size_t	 i;
	char	*e;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		e = text_escape(t[i].in);
		CHECK_STR(e, t[i].out);
		free(e);
	}
}

UNIT_TEST(escape_never_raw)
{
	char	in[256 + 1], *e;
	size_t	i;
	int	c;

	/* Every byte value: nothing unsafe may survive. */
	for (c = 1; c < 256; c++)
		in[c - 1] = (char)c;
	in[255] = '\0';
	e = text_escape(in);
	CHECK(text_valid(e, strlen(e), NULL));
	for (i = 0; e[i] != '\0'; i++) {
		c = (unsigned char)e[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f) {
			printf("  raw control 0x%02x at %zu\n", c, i);
			unit_failed = 1;
		}
	}
	CHECK(strstr(e, "\xc2\x9b") == NULL);
	free(e);
}

UNIT_TEST(escape_cp_direct)
{
	char	out[16];

	CHECK_INT(text_escape_cp('a', 0, out), 0);
	CHECK_INT(text_escape_cp(0xfdd0, 0, out), 0);
	CHECK_INT(text_escape_cp(0x200f, 0, out), 0);
	CHECK_INT(text_escape_cp(0, 0, out), 2);
	CHECK_STR(out, "^@");
	CHECK_INT(text_escape_cp('\n', 0, out), 2);
	CHECK_STR(out, "^J");
	CHECK_INT(text_escape_cp(0x1b, 0, out), 2);
	CHECK_STR(out, "^[");
	CHECK_INT(text_escape_cp(0x7f, 0, out), 2);
	CHECK_STR(out, "^?");
	CHECK_INT(text_escape_cp(0x85, 0, out), 8);
	CHECK_STR(out, "<U+0085>");
	CHECK_INT(text_escape_cp(0x202c, 0, out), 8);
	CHECK_STR(out, "<U+202C>");
	CHECK_INT(text_escape_cp(-1, 0xab, out), 4);
	CHECK_STR(out, "<AB>");
	CHECK_INT(text_escape_cp(-1, 0x0f, out), 4);
	CHECK_STR(out, "<0F>");
}

UNIT_TEST(fit_basic)
{
	int	used = -1;

	CHECK_INT(text_fit("hello world", 5, &used), 5);
	CHECK_INT(used, 5);
	CHECK_INT(text_fit("hello world", 0, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(text_fit("hello world", -3, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(text_fit("hello", 80, &used), 5);
	CHECK_INT(used, 5);
	CHECK_INT(text_fit("", 5, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(text_fit("ab\ncd", 10, &used), 2);	/* one line */
	CHECK_INT(used, 2);
	CHECK_INT(text_fit("abc", 2, NULL), 2);
}

UNIT_TEST(fit_wide)
{
	const char	*cjk = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97";
	int		 used;

	CHECK_INT(text_fit(cjk, 3, &used), 3);		/* one of three */
	CHECK_INT(used, 2);
	CHECK_INT(text_fit(cjk, 1, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(text_fit(cjk, 4, &used), 6);
	CHECK_INT(used, 4);
	CHECK_INT(text_fit("a\xe4\xb8\xad", 2, &used), 1);
	CHECK_INT(used, 1);
	/* A combining mark goes with its letter. */
	CHECK_INT(text_fit("e\xcc\x81x", 1, &used), 3);
	CHECK_INT(used, 1);
	/* Markers are 0 wide and never cut. */
	CHECK_INT(text_fit(ON "ab" OFF "c", 2, &used), 8);
	CHECK_INT(used, 2);
	CHECK_INT(text_fit("a" ON "bc", 2, &used), 5);
	CHECK_INT(used, 2);
}

UNIT_TEST(fit_escape)
{
	int	used;

	CHECK_INT(text_fit("ab^[[2J", 3, &used), 2);	/* not "ab^" */
	CHECK_INT(used, 2);
	CHECK_INT(text_fit("ab^[[2J", 4, &used), 4);
	CHECK_INT(used, 4);
	CHECK_INT(text_fit("<U+202E>x", 7, &used), 0);
	CHECK_INT(used, 0);
	CHECK_INT(text_fit("<U+202E>x", 8, &used), 8);
	CHECK_INT(used, 8);
	CHECK_INT(text_fit("x<FF>", 3, &used), 1);
	CHECK_INT(used, 1);
	CHECK_INT(text_fit("x<FF>", 5, &used), 5);
	CHECK_INT(text_fit("del^?", 4, &used), 3);
	/* Text that only looks a bit like an escape is cut anywhere. */
	CHECK_INT(text_fit("a^b<xy>", 2, &used), 2);
	CHECK_INT(text_fit("a^b<xy>", 5, &used), 5);
	/* Raw unsafe input (not escaped first) is not split either. */
	CHECK_INT(text_fit("a\x1b" "b", 2, &used), 1);
	CHECK_INT(used, 1);
}

/* For every width, the fitted prefix is whole and measures what it says. */
UNIT_TEST(fit_never_cuts)
{
	const char	*src = "a\xe4\xb8\xad" "b\xcc\x81 " ON "\xf0\x9f\x98\x80"
			    OFF "\x1b[0m\xc2\x9b\xff\xe2\x80\xae" "c\xe2\x80\x8d";
	char		*s, *prefix;
	size_t		 n, last = 0;
	int		 cols, used;

	s = text_escape(src);
	for (cols = 0; cols <= text_width(s) + 2; cols++) {
		n = text_fit(s, cols, &used);
		CHECK(n >= last);
		CHECK(used <= cols);
		CHECK(is_boundary(s, n));
		prefix = xstrndup(s, n);
		CHECK(text_valid(prefix, n, NULL));
		CHECK_INT(text_width(prefix), used);
		/* Never inside an escape form. */
		CHECK(n == 0 || s[n - 1] != '^');
		CHECK(strrchr(prefix, '<') == NULL ||
		    strchr(strrchr(prefix, '<'), '>') != NULL);
		free(prefix);
		last = n;
	}
	CHECK_INT(last, strlen(s));
	free(s);
}

UNIT_TEST(wrap_paragraph)
{
	const char	*s = "The quick brown fox jumps over the lazy dog";
	char		*j;
	size_t		 n;

	j = wrap_join(s, 10, &n);
	CHECK_STR(j, "The quick|brown fox|jumps over|the lazy|dog");
	CHECK_INT(n, 5);
	free(j);
	j = wrap_join(s, 20, &n);
	CHECK_STR(j, "The quick brown fox|jumps over the lazy|dog");
	CHECK_INT(n, 3);
	free(j);
	j = wrap_join(s, 80, &n);
	CHECK_STR(j, s);
	CHECK_INT(n, 1);
	free(j);
	/* Several spaces between words; trailing spaces dropped. */
	j = wrap_join("one   two   three   ", 9, NULL);
	CHECK_STR(j, "one   two|three");
	free(j);
}

UNIT_TEST(wrap_narrow)
{
	struct text_line	*lines;
	size_t			 n, i;
	char			*j;

	j = wrap_join("ab cd", 1, &n);
	CHECK_STR(j, "a|b|c|d");
	CHECK_INT(n, 4);
	free(j);
	j = wrap_join("ab cd", 0, NULL);
	CHECK_STR(j, "a|b|c|d");
	free(j);
	j = wrap_join("ab cd", -5, NULL);
	CHECK_STR(j, "a|b|c|d");
	free(j);
	/* Width 1: every line one character; a wide one stands alone. */
	n = text_wrap("x\xe4\xb8\xad" "y", 1, &lines);
	CHECK_INT(n, 3);
	for (i = 0; i < n && i < 3; i++)
		CHECK(lines[i].len > 0);
	if (n == 3) {
		CHECK_INT(lines[1].len, 3);
		CHECK_INT(lines[1].width, 2);
	}
	free(lines);
	/* Indentation wider than the line does not make empty lines. */
	j = wrap_join("      abcd", 2, NULL);
	CHECK_STR(j, "ab|cd");
	free(j);
}

UNIT_TEST(wrap_long_word)
{
	char	*j;

	j = wrap_join("a supercalifragilistic word", 8, NULL);
	CHECK_STR(j, "a|supercal|ifragili|stic|word");
	free(j);
	j = wrap_join("abcdefghij", 3, NULL);
	CHECK_STR(j, "abc|def|ghi|j");
	free(j);
	/* Escapes stay whole when they fit on a line. */
	j = wrap_join("abc^[d", 4, NULL);
	CHECK_STR(j, "abc|^[d");
	free(j);
	j = wrap_join("ab<U+202E>cd", 9, NULL);
	CHECK_STR(j, "ab|<U+202E>c|d");
	free(j);
	/* ... and are cut only when wider than the line itself. */
	j = wrap_join("<U+202E>", 5, NULL);
	CHECK_STR(j, "<U+20|2E>");
	free(j);
}

UNIT_TEST(wrap_cjk)
{
	/* 中文字符测试: six wide characters, no spaces. */
	const char	*s = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6"
			    "\xe6\xb5\x8b\xe8\xaf\x95";
	char		*j;

	j = wrap_join(s, 5, NULL);
	CHECK_STR(j, "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97\xe7\xac\xa6|"
	    "\xe6\xb5\x8b\xe8\xaf\x95");
	free(j);
	j = wrap_join(s, 6, NULL);
	CHECK_STR(j, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97|"
	    "\xe7\xac\xa6\xe6\xb5\x8b\xe8\xaf\x95");
	free(j);
	/* Mixed with Latin words. */
	j = wrap_join("ab \xe4\xb8\xad\xe6\x96\x87 cd", 4, NULL);
	CHECK_STR(j, "ab|\xe4\xb8\xad\xe6\x96\x87|cd");
	free(j);
}

UNIT_TEST(wrap_markers)
{
	char	*j;

	j = wrap_join("see " ON "Putin" OFF " and " ON "Iran" OFF " talks",
	    10, NULL);
	CHECK_STR(j, "see " ON "Putin" OFF "|and " ON "Iran" OFF "|talks");
	free(j);
	/* A highlighted word cut in two keeps a marker on each side. */
	j = wrap_join(ON "abcdef" OFF, 3, NULL);
	CHECK_STR(j, ON "abc|def" OFF);
	free(j);
	/* Markers do not count: exactly 5 columns fit. */
	j = wrap_join(ON "ab" OFF "c" ON "de" OFF " f", 5, NULL);
	CHECK_STR(j, ON "ab" OFF "c" ON "de" OFF "|f");
	free(j);
}

UNIT_TEST(wrap_newlines)
{
	struct text_line	*lines;
	size_t			 n;
	char			*j;

	j = wrap_join("one\ntwo three\n\nfour\n", 20, &n);
	CHECK_STR(j, "one|two three||four");
	CHECK_INT(n, 4);
	free(j);
	j = wrap_join("abc   \nd", 20, NULL);
	CHECK_STR(j, "abc|d");
	free(j);
	j = wrap_join("  indented\n", 20, NULL);
	CHECK_STR(j, "  indented");
	free(j);
	n = text_wrap("", 10, &lines);
	CHECK_INT(n, 1);
	CHECK_INT(lines[0].len, 0);
	CHECK_INT(lines[0].width, 0);
	free(lines);
	n = text_wrap("\n", 10, &lines);
	CHECK_INT(n, 1);
	free(lines);
	n = text_wrap("\n\n", 10, &lines);
	CHECK_INT(n, 2);
	free(lines);
}

/*
 * Over many texts and widths: lines come in order, never overlap, hold
 * every non-space byte, fit the width (a single wide character excepted)
 * and never begin or end with a space, indentation apart.
 */
UNIT_TEST(wrap_invariants)
{
	static const char *src[] = {
		"The quick brown fox jumps over the lazy dog.",
		"  A paragraph\nwith  lines\n\nand a verylongwordthatneverends here",
		"\xe4\xb8\xad\xe6\x96\x87 mixed \xe5\xad\x97\xe7\xac\xa6 and "
		    "e\xcc\x81t\xc3\xa9 " ON "marked" OFF " words",
		"\x1b[2Jescapes\xc2\x9b and \xe2\x80\xae bidi \xff bytes\t",
		"x", "   ", "a b c d e f g h i j k l m n o p",
	};
	struct text_line	*lines;
	char			*s, *line, *c;
	size_t			 i, k, n, prev, nonspace, seen;
	int			 width;

	for (i = 0; i < sizeof src / sizeof src[0]; i++) {
		s = text_escape(src[i]);
		nonspace = 0;
		for (k = 0; s[k] != '\0'; k++)
			nonspace += s[k] != ' ' && s[k] != '\n';
		for (width = 1; width <= 30; width++) {
			n = text_wrap(s, width, &lines);
			CHECK(n >= 1);
			prev = 0;
			seen = 0;
			for (k = 0; k < n; k++) {
				CHECK(lines[k].off >= prev);
				prev = lines[k].off + lines[k].len;
				line = xstrndup(s + lines[k].off, lines[k].len);
				CHECK_INT(lines[k].width, text_width(line));
				CHECK(lines[k].width <= width ||
				    text_fit(line, width, NULL) == 0);
				CHECK(is_boundary(s, lines[k].off));
				CHECK(is_boundary(s, prev));
				CHECK(lines[k].len == 0 ||
				    line[lines[k].len - 1] != ' ');
				CHECK(strchr(line, '\n') == NULL);
				for (c = line; *c != '\0'; c++)
					seen += *c != ' ';
				free(line);
			}
			CHECK_INT(seen, nonspace);
			free(lines);
			if (unit_failed) {
				printf("  text %zu width %d\n", i, width);
				break;
			}
		}
		free(s);
	}
}

UNIT_TEST(fold_quotes)
{
	char	*f;

	f = text_fold("\xe2\x80\x9cHello,\xe2\x80\x9d he said");
	CHECK_STR(f, "\"Hello,\" he said");
	free(f);
	f = text_fold("\xe2\x80\x9e" "a\xe2\x80\x9f \xc2\xab" "b\xc2\xbb "
	    "c\xe2\x80\xb3");
	CHECK_STR(f, "\"a\" \"b\" c\"");
	free(f);
	f = text_fold("\xe2\x80\x98it\xe2\x80\x99s\xe2\x80\x9a\xe2\x80\x9b "
	    "5\xe2\x80\xb2 `x\xc2\xb4");
	CHECK_STR(f, "'it's'' 5' 'x'");
	free(f);
	f = text_fold("\"plain\" 'ascii'");
	CHECK_STR(f, "\"plain\" 'ascii'");
	free(f);
}

UNIT_TEST(fold_dashes)
{
	char	*f;

	/* U+2010..2015, minus, small and fullwidth hyphen-minus. */
	f = text_fold("a\xe2\x80\x90" "b\xe2\x80\x91" "c\xe2\x80\x92"
	    "d\xe2\x80\x93" "e\xe2\x80\x94" "f\xe2\x80\x95" "g\xe2\x88\x92"
	    "h\xef\xb9\x98" "i\xef\xb9\xa3" "j\xef\xbc\x8d" "k-l");
	CHECK_STR(f, "a-b-c-d-e-f-g-h-i-j-k-l");
	free(f);
	f = text_fold("S\xe2\x80\x91" "400");
	CHECK_STR(f, "S-400");
	free(f);
}

UNIT_TEST(fold_spaces)
{
	char	*f;

	f = text_fold("  a\t\tb\r\n c\xc2\xa0\xc2\xa0" "d\xe2\x80\x83"
	    "e\xe2\x80\xaf" "f\xe3\x80\x80" "g\xe2\x80\x80\xe2\x80\x8a"
	    "h \n ");
	CHECK_STR(f, "a b c d e f g h");
	free(f);
	f = text_fold(" \t\xc2\xa0\n ");
	CHECK_STR(f, "");
	free(f);
	f = text_fold("");
	CHECK_STR(f, "");
	free(f);
	/* Folded quote text matches folded article text. */
	f = text_fold("He called it \xe2\x80\x9c" "unconditional\xc2\xa0"
	    "surrender\xe2\x80\x9d \xe2\x80\x94 twice.");
	CHECK(strstr(f, "\"unconditional surrender\" - twice.") != NULL);
	free(f);
}

UNIT_TEST(fold_leaves_rest)
{
	char	*f;

	/* Accents, CJK, ZWSP, markers and bad bytes pass through. */
	f = text_fold("caf\xc3\xa9 \xe4\xb8\xad \xe2\x80\x8b" ON "x" OFF
	    " \xff!");
	CHECK_STR(f, "caf\xc3\xa9 \xe4\xb8\xad \xe2\x80\x8b" ON "x" OFF
	    " \xff!");
	free(f);
}

UNIT_TEST(casefold_scripts)
{
	char	*f;

	/* Latin with accents, Turkish dotted capital, Cyrillic, Greek. */
	f = text_casefold("ERDO\xc4\x9e" "AN \xc3\x89lys\xc3\xa9" "e");
	CHECK_STR(f, "erdo\xc4\x9f" "an \xc3\xa9lys\xc3\xa9" "e");
	free(f);
	f = text_casefold("\xd0\xad\xd1\x80\xd0\x94 \xce\xa3\xce\x91");
	CHECK_STR(f, "\xd1\x8d\xd1\x80\xd0\xb4 \xcf\x83\xce\xb1");
	free(f);
	/* A capital whose small letter is longer (U+023A, U+2C65). */
	f = text_casefold("\xc8\xba\xc8\xba");
	CHECK_STR(f, "\xe2\xb1\xa5\xe2\xb1\xa5");
	free(f);
	/* Bytes that are not UTF-8 stay as they are. */
	f = text_casefold("A\xff" "B\xc3");
	CHECK_STR(f, "a\xff" "b\xc3");
	free(f);
	CHECK(text_casecmp("\xd0\xad\xd1\x80\xd0\xb4\xd0\xbe\xd0\xb3\xd0"
	    "\xb0\xd0\xbd", "\xd0\xad\xd0\xa0\xd0\x94\xd0\x9e\xd0\x93\xd0"
	    "\x90\xd0\x9d") == 0);
	CHECK(text_casecmp("Brook", "brooke") != 0);
}

/* Large texts: linear time, so a few megabytes take well under a second. */
UNIT_TEST(large_text_linear)
{
	static const char	 piece[] = "Word \xe2\x80\x9cquote\xe2\x80\x9d "
				    "\xe4\xb8\xad\xe6\x96\x87 \xc2\xa0 e\xcc\x81 "
				    ON "hit" OFF "\n";
	size_t			 plen = sizeof piece - 1, n = 100000, i;
	struct text_line	*lines;
	char			*s, *f, *e;
	clock_t			 t0;
	double			 secs;

	s = xmalloc(plen * n + 1);
	for (i = 0; i < n; i++)
		memcpy(s + i * plen, piece, plen);
	s[plen * n] = '\0';
	t0 = clock();
	f = text_fold(s);
	CHECK(strncmp(f, "Word \"quote\" ", 13) == 0);
	CHECK_INT(text_width(s), text_width(piece));
	e = text_escape(s);
	CHECK_INT(strlen(e), strlen(s));
	CHECK_INT(text_wrap(e, 40, &lines), n);
	CHECK_INT(text_fit(e, 1 << 30, NULL), plen - 1);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (secs > 3.0) {
		printf("  took %.2f s for %zu bytes\n", secs, plen * n);
		unit_failed = 1;
	}
	free(lines);
	free(e);
	free(f);
	free(s);
}

UNIT_TEST(encode_typed)
{
	char	u[4];
	int32_t	cp;
	int	n;

	CHECK_INT(text_encode('a', u), 1);
	CHECK(u[0] == 'a');
	CHECK_INT(text_encode(0xe9, u), 2);		/* é */
	CHECK(memcmp(u, "\xc3\xa9", 2) == 0);
	CHECK_INT(text_encode(0x6771, u), 3);	/* 東 */
	CHECK(memcmp(u, "\xe6\x9d\xb1", 3) == 0);
	CHECK_INT(text_encode(0x1f600, u), 4);
	CHECK(memcmp(u, "\xf0\x9f\x98\x80", 4) == 0);
	/* Round trip through the decoder for a sweep of code points. */
	for (cp = 0xa0; cp < 0x30000; cp += 97) {
		n = text_encode(cp, u);
		if (cp >= 0xd800 && cp < 0xe000) {
			CHECK_INT(n, 0);
			continue;
		}
		{
			int32_t	back;

			CHECK_INT(text_decode(u, (size_t)n, &back), n);
			CHECK_INT(back, cp);
		}
	}
	/* Nothing that is not typed text. */
	CHECK_INT(text_encode(0x1b, u), 0);
	CHECK_INT(text_encode(0x7f, u), 0);
	CHECK_INT(text_encode(0x9b, u), 0);
	CHECK_INT(text_encode(0xd800, u), 0);
	CHECK_INT(text_encode(0x110000, u), 0);
	CHECK_INT(text_encode(-1, u), 0);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(encode_typed),
	UNIT_ENTRY(decode_valid),
	UNIT_ENTRY(decode_invalid),
	UNIT_ENTRY(valid_offsets),
	UNIT_ENTRY(cp_widths),
	UNIT_ENTRY(cp_widths_c_locale),
	UNIT_ENTRY(string_widths),
	UNIT_ENTRY(width_matches_escaped),
	UNIT_ENTRY(escape_forms),
	UNIT_ENTRY(escape_never_raw),
	UNIT_ENTRY(escape_cp_direct),
	UNIT_ENTRY(fit_basic),
	UNIT_ENTRY(fit_wide),
	UNIT_ENTRY(fit_escape),
	UNIT_ENTRY(fit_never_cuts),
	UNIT_ENTRY(wrap_paragraph),
	UNIT_ENTRY(wrap_narrow),
	UNIT_ENTRY(wrap_long_word),
	UNIT_ENTRY(wrap_cjk),
	UNIT_ENTRY(wrap_markers),
	UNIT_ENTRY(wrap_newlines),
	UNIT_ENTRY(wrap_invariants),
	UNIT_ENTRY(fold_quotes),
	UNIT_ENTRY(fold_dashes),
	UNIT_ENTRY(fold_spaces),
	UNIT_ENTRY(fold_leaves_rest),
	UNIT_ENTRY(casefold_scripts),
	UNIT_ENTRY(large_text_linear),
};

int
main(void)
{
	text_locale_own();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		printf("FAIL locale: C.UTF-8 not available\n");
		return 1;
	}
	return UNIT_RUN(tests);
}
