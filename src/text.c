/*
 * text.c: UTF-8 decoding, display width, escaping of unsafe code points,
 * fitting and wrapping by display width, and the folding used to compare
 * quotes with article texts. Everything is linear in the length of the text.
 */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "text.h"
#include "util.h"

/* A range of code points, for the fallback width tables. */
struct text_range {
	int32_t	first;
	int32_t	last;
};

/*
 * Used only when wcwidth() knows nothing of Unicode (a locale that is not
 * UTF-8): the common combining blocks, and the East Asian wide blocks.
 */
static const struct text_range text_zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x2060, 0x2064 },
	{ 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xe0001, 0xe007f }, { 0xe0100, 0xe01ef },
};
static const struct text_range text_wide[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static int	text_in(const struct text_range *, size_t, int32_t);
static int	text_unsafe(int32_t);
static size_t	text_escape_form(const char *, size_t);
static size_t	text_unit(const char *, size_t, int, int *);
static int	text_space(int32_t);
static char	text_fold_cp(int32_t);

int
text_decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	int32_t			 c;
	size_t			 n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* 0x80-0xc1 are continuations or overlong two-byte leads. */
	if (u[0] < 0xc2 || u[0] > 0xf4)
		goto bad;
	if (u[0] < 0xe0) {
		n = 2;
		c = u[0] & 0x1f;
	} else if (u[0] < 0xf0) {
		n = 3;
		c = u[0] & 0x0f;
		if (u[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (u[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else {
		n = 4;
		c = u[0] & 0x07;
		if (u[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (u[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	}
	if (len < n)
		goto bad;
	/* Only the second byte has a narrowed range. */
	if (u[1] < lo || u[1] > hi)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return (int)n;

bad:
	*cp = -1;
	return 1;
}

int
text_valid(const char *s, size_t len, size_t *bad)
{
	size_t	i = 0;
	int32_t	cp;
	int	n;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (cp == -1) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += (size_t)n;
	}
	return 1;
}

static int
text_in(const struct text_range *r, size_t n, int32_t cp)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Returns 1 for a code point that must never reach the terminal raw. */
static int
text_unsafe(int32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	if (cp < 0x202a)
		return 0;
	return (cp <= 0x202e || (cp >= 0x2066 && cp <= 0x2069));
}

/* Set once, by whichever comes first: text_locale or text_locale_own. */
static pthread_once_t	text_locale_once = PTHREAD_ONCE_INIT;

static void
text_locale_user(void)
{
	setlocale(LC_CTYPE, "");
}

static void
text_locale_none(void)
{
}

void
text_locale(void)
{
	pthread_once(&text_locale_once, text_locale_user);
}

int
text_locale_utf8(void)
{
	const char	*cs;

	text_locale();
	cs = nl_langinfo(CODESET);
	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

void
text_locale_own(void)
{
	pthread_once(&text_locale_once, text_locale_none);
}

/*
 * Widths follow wcwidth() where it knows the code point. Where it does not
 * (-1 for a printable code point), an unassigned code point counts 1 in a
 * Unicode-aware locale; in any other locale a small built-in table stands in.
 * The highlight markers count 0, like ZWJ, ZWNJ and combining marks.
 */
int
text_cp_width(int32_t cp)
{
	int	w;

	if (cp < 0 || text_unsafe(cp))
		return -1;
	if (cp < 0x7f)
		return 1;
	if (cp == 0x200c || cp == 0x200d || cp == 0xfdd0 || cp == 0xfdd1)
		return 0;
	text_locale();
	if ((w = wcwidth((wchar_t)cp)) >= 0)
		return w > 2 ? 2 : w;
	if (wcwidth(0x4e00) == 2)
		return 1;
	if (text_in(text_zero, sizeof text_zero / sizeof text_zero[0], cp))
		return 0;
	if (text_in(text_wide, sizeof text_wide / sizeof text_wide[0], cp))
		return 2;
	return 1;
}

int
text_escape_cp(int32_t cp, unsigned char b, char *out)
{
	static const char	hex[] = "0123456789ABCDEF";

	if (cp < 0) {
		out[0] = '<';
		out[1] = hex[b >> 4];
		out[2] = hex[b & 0xf];
		out[3] = '>';
		out[4] = '\0';
		return 4;
	}
	if (!text_unsafe(cp))
		return 0;
	if (cp < 0x20 || cp == 0x7f) {
		out[0] = '^';
		out[1] = cp == 0x7f ? '?' : (char)(cp + 0x40);
		out[2] = '\0';
		return 2;
	}
	memcpy(out, "<U+", 3);
	out[3] = hex[(cp >> 12) & 0xf];
	out[4] = hex[(cp >> 8) & 0xf];
	out[5] = hex[(cp >> 4) & 0xf];
	out[6] = hex[cp & 0xf];
	out[7] = '>';
	out[8] = '\0';
	return 8;
}

/*
 * Returns the length of the escape form ("^X", "<XX>" or "<U+XXXX>") that s
 * starts with, or 0. Literal text of the same shape is taken for an escape
 * too, which only means it is never cut either.
 */
static size_t
text_escape_form(const char *s, size_t len)
{
	static const char	 carets[] = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_?";
	static const char	 hexdig[] = "0123456789ABCDEF";
	size_t			 i, n;

	if (s[0] == '^') {
		if (len >= 2 && s[1] != '\0' && strchr(carets, s[1]) != NULL)
			return 2;
		return 0;
	}
	if (s[0] != '<')
		return 0;
	if (len >= 8 && s[1] == 'U' && s[2] == '+' && s[7] == '>') {
		i = 3;
		n = 7;
	} else if (len >= 4 && s[3] == '>') {
		i = 1;
		n = 3;
	} else
		return 0;
	for (; i < n; i++) {
		if (s[i] == '\0' || strchr(hexdig, s[i]) == NULL)
			return 0;
	}
	return n + 1;
}

/*
 * Measures the unit s starts with: an escape form no wider than maxesc
 * columns, else one code point (a raw unsafe one counts as its escape
 * would; the caller should have escaped it). Returns its length in bytes
 * and stores its columns in *w; '\n' gets width 0.
 */
static size_t
text_unit(const char *s, size_t len, int maxesc, int *w)
{
	char	esc[16];
	int32_t	cp;
	size_t	n;
	int	cw;

	if ((unsigned char)s[0] < 0x80) {
		if (s[0] == '\n') {
			*w = 0;
			return 1;
		}
		if ((s[0] == '^' || s[0] == '<') &&
		    (n = text_escape_form(s, len)) != 0 && (int)n <= maxesc) {
			*w = (int)n;
			return n;
		}
		*w = text_escape_cp((unsigned char)s[0], 0, esc);
		if (*w == 0)
			*w = 1;
		return 1;
	}
	n = (size_t)text_decode(s, len, &cp);
	if ((cw = text_cp_width(cp)) < 0)
		cw = text_escape_cp(cp, (unsigned char)s[0], esc);
	*w = cw;
	return n;
}

int
text_width(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0;
	char			 esc[16];
	int32_t			 cp;
	int			 n, w, line = 0, best = 0;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			line++;
			i++;
			continue;
		}
		if (u[i] == '\n') {
			if (line > best)
				best = line;
			line = 0;
			i++;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if ((w = text_cp_width(cp)) < 0)
			w = text_escape_cp(cp, u[i], esc);
		line += w;
		i += (size_t)n;
	}
	return line > best ? line : best;
}

char *
text_escape(const char *s)
{
	struct buf	 b;
	size_t		 len = strlen(s), i = 0, start;
	char		 esc[16];
	int32_t		 cp;
	int		 n, elen;

	buf_init(&b);
	while (i < len) {
		/* Copy safe runs in one go. */
		start = i;
		for (;;) {
			if (i == len)
				break;
			if ((unsigned char)s[i] < 0x80) {
				if (text_unsafe((unsigned char)s[i]) &&
				    s[i] != '\n')
					break;
				i++;
				continue;
			}
			n = text_decode(s + i, len - i, &cp);
			if (cp < 0 || text_unsafe(cp))
				break;
			i += (size_t)n;
		}
		buf_add(&b, s + start, i - start);
		if (i == len)
			break;
		n = text_decode(s + i, len - i, &cp);
		elen = text_escape_cp(cp, (unsigned char)s[i], esc);
		buf_add(&b, esc, (size_t)elen);
		i += (size_t)n;
	}
	return buf_detach(&b);
}

/*
 * Fits one line: stops at the first '\n' (never included) so that nothing
 * after a newline is counted on this line. Zero-width code points (combining
 * marks, markers) after the last character that fits are included.
 */
size_t
text_fit(const char *s, int cols, int *used)
{
	size_t	len = strlen(s), i = 0, n;
	int	w, total = 0;

	if (cols < 0)
		cols = 0;
	while (i < len && s[i] != '\n') {
		n = text_unit(s + i, len - i, INT_MAX, &w);
		if (total + w > cols)
			break;
		total += w;
		i += n;
	}
	if (used != NULL)
		*used = total;
	return i;
}

/* Appends one line to the growing array. */
static void
text_wrap_add(struct text_line **lines, size_t *n, size_t *cap, size_t off,
    size_t len, int width)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*lines = xreallocarray(*lines, *cap, sizeof **lines);
	}
	(*lines)[*n].off = off;
	(*lines)[*n].len = len;
	(*lines)[*n].width = width;
	(*n)++;
}

/*
 * Greedy wrapping, one paragraph (between newlines) at a time. A break
 * opportunity is a run of spaces after some text on the line: the line ends
 * before the run and the next one starts after it. A word that does not fit
 * on a line of its own is cut before the character that overflows; escape
 * forms are kept whole unless they are wider than a line. The only line that
 * can be wider than width is one holding a single character wider than the
 * line (a wide character when width is 1). A final newline ends the last
 * line rather than starting an empty one.
 */
size_t
text_wrap(const char *s, int width, struct text_line **lines)
{
	size_t	len = strlen(s), n = 0, cap = 0, p = 0, end, i, j;
	size_t	start, brk_end, brk_next, un;
	int	w, brk_w, word_w, uw, have_brk;

	*lines = NULL;
	if (width < 1)
		width = 1;
	do {
		end = p;
		while (end < len && s[end] != '\n')
			end++;
		start = i = p;
		w = word_w = brk_w = 0;
		brk_end = brk_next = p;
		have_brk = 0;
		while (i < end) {
			if (s[i] == ' ') {
				for (j = i; j < end && s[j] == ' '; j++)
					/* nothing */;
				if (i > start) {
					have_brk = 1;
					brk_end = i;
					brk_w = w;
					brk_next = j;
				}
				w += (int)(j - i);
				word_w = 0;
				i = j;
				continue;
			}
			un = text_unit(s + i, end - i, width, &uw);
			if (w + uw <= width || i == start) {
				w += uw;
				word_w += uw;
				i += un;
				continue;
			}
			if (have_brk) {
				text_wrap_add(lines, &n, &cap, start,
				    brk_end - start, brk_w);
				start = brk_next;
				w = word_w;
				have_brk = 0;
			} else {
				/*
				 * Indentation wider than the line is dropped
				 * rather than left as an empty line.
				 */
				if (s[i - 1] != ' ')
					text_wrap_add(lines, &n, &cap, start,
					    i - start, w);
				start = i;
				w = word_w = 0;
			}
		}
		/* Trailing spaces are not part of the line. */
		for (j = end; j > start && s[j - 1] == ' '; j--)
			w--;
		text_wrap_add(lines, &n, &cap, start, j - start, w);
		p = end + 1;
	} while (p < len);
	return n;
}

/* White space for folding: ASCII and the Unicode space separators. */
static int
text_space(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202f: case 0x205f: case 0x3000:
		return 1;
	}
	return (cp >= 0x2000 && cp <= 0x200a);
}

/* Returns the ASCII stand-in for a typographic quote or dash, or 0. */
static char
text_fold_cp(int32_t cp)
{
	switch (cp) {
	case 0x201c: case 0x201d: case 0x201e: case 0x201f:
	case 0xab: case 0xbb: case 0x2033:
		return '"';
	case 0x2018: case 0x2019: case 0x201a: case 0x201b:
	case 0x2032: case 0x60: case 0xb4:
		return '\'';
	case 0x2212: case 0xfe58: case 0xfe63: case 0xff0d:
		return '-';
	}
	if (cp >= 0x2010 && cp <= 0x2015)
		return '-';
	return 0;
}

char *
text_fold(const char *s)
{
	return text_fold_map(s, NULL);
}

char *
text_fold_map(const char *s, size_t **mapp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, o = 0, k, *map = NULL;
	char			*out, c;
	int32_t			 cp;
	int			 n, pending = 0;

	/* Folding never makes the text longer. */
	out = xmalloc(len + 1);
	if (mapp != NULL)
		map = *mapp = xcalloc(len + 1, sizeof *map);
	while (i < len) {
		if (u[i] < 0x80) {
			cp = u[i];
			n = 1;
		} else
			n = text_decode(s + i, len - i, &cp);
		if (text_space(cp)) {
			pending = o != 0;
			i += (size_t)n;
			continue;
		}
		if (pending) {
			if (map != NULL)
				map[o] = i;	/* the run of space ends here */
			out[o++] = ' ';
			pending = 0;
		}
		if ((c = text_fold_cp(cp)) != 0) {
			if (map != NULL)
				map[o] = i;
			out[o++] = c;
		} else {
			for (k = 0; map != NULL && k < (size_t)n; k++)
				map[o + k] = i + k;
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
		}
		i += (size_t)n;
	}
	if (map != NULL)
		map[o] = len;
	out[o] = '\0';
	return out;
}

/*
 * The locale whose case mapping text_casefold uses: C.UTF-8 knows every
 * script's, where the user's locale may be C. NULL if there is none, and
 * then only ASCII letters fold. Made once; it lives as long as the process.
 */
static locale_t
text_case_locale(void)
{
	static locale_t	loc;
	static int	tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

char *
text_casefold(const char *s)
{
	locale_t	 loc = text_case_locale();
	size_t		 len = strlen(s), i = 0, o = 0;
	char		*out, enc[4];
	int32_t		 cp, lc;
	int		 n, m;

	/* Lower cases take at most one byte more than their capitals. */
	out = xmalloc(2 * len + 1);
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			out[o++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ?
			    s[i] - 'A' + 'a' : s[i]);
			i++;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		lc = loc != (locale_t)0 ? (int32_t)towlower_l((wint_t)cp, loc) :
		    cp;
		if (cp < 0 || lc == cp || (m = text_encode(lc, enc)) == 0) {
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
		} else {
			memcpy(out + o, enc, (size_t)m);
			o += (size_t)m;
		}
		i += (size_t)n;
	}
	out[o] = '\0';
	return out;
}

int
text_casecmp(const char *a, const char *b)
{
	char	*fa = text_casefold(a), *fb = text_casefold(b);
	int	 rc;

	rc = strcmp(fa, fb);
	free(fa);
	free(fb);
	return rc;
}

int
text_encode(int32_t cp, char out[4])
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff)
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
