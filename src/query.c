/*
 * query.c: turns what a person types into a safe FTS5 MATCH expression.
 * Every term becomes an FTS5 string in double quotes, so no keyword, column
 * filter or operator the user types is ever taken as FTS5 syntax.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "text.h"
#include "util.h"

#define QUERY_MAX	1000	/* bytes of input */

static int	query_blank(char);
static int	query_searchable(const char *, size_t);
static void	query_emit(struct buf *, const char *, size_t, int);
static char	*query_echo(const char *);

/* White space between words: ASCII only (other spaces are left to FTS5). */
static int
query_blank(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f');
}

/*
 * Whether code point u is one the unicode61 tokenizer treats as a
 * separator though it is not ASCII: emoji, pictographs, arrows, dingbats
 * and other symbols, general punctuation, variation selectors and tags.
 * The index holds no token of them, so a word made only of them finds
 * nothing (README, "search rules").
 */
static int
query_symbol(uint32_t u)
{
	return (u == 0xa9 || u == 0xae ||
	    (u >= 0x2000 && u <= 0x206f) ||	/* punctuation, ZWJ */
	    (u >= 0x2190 && u <= 0x245f) ||	/* arrows ... OCR */
	    (u >= 0x2500 && u <= 0x2bff) ||	/* boxes ... dingbats */
	    (u >= 0xfe00 && u <= 0xfe0f) ||	/* variation selectors */
	    (u >= 0x1f10d && u <= 0x1faff) ||	/* emoji and pictographs */
	    (u >= 0xe0000 && u <= 0xe007f));	/* tags */
}

/*
 * Returns 1 if s[0..len) (valid UTF-8) has a letter or digit, that is
 * something the unicode61 tokenizer can make a token of: an ASCII letter
 * or digit, or any other character but the symbols of query_symbol.
 */
static int
query_searchable(const char *s, size_t len)
{
	size_t		i, k, n;
	uint32_t	u;
	unsigned char	c;

	for (i = 0; i < len; i += n) {
		c = (unsigned char)s[i];
		n = 1;
		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z'))
				return 1;
			continue;
		}
		/* Lead byte: the length and the first bits of u. */
		n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		u = c & (n == 4 ? 0x07 : n == 3 ? 0x0f : 0x1f);
		if (i + n > len)
			return 1;
		for (k = 1; k < n; k++)
			u = u << 6 | ((unsigned char)s[i + k] & 0x3f);
		if (!query_symbol(u))
			return 1;
	}
	return 0;
}

/*
 * Appends s[0..len) as one FTS5 string, with runs of blanks made one space,
 * '"' doubled and a '*' after it if prefix is set. Terms are separated by a
 * space, which FTS5 takes as AND.
 */
static void
query_emit(struct buf *b, const char *s, size_t len, int prefix)
{
	size_t	i;
	int	blank = 0;

	if (b->len != 0)
		buf_addc(b, ' ');
	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (query_blank(s[i])) {
			blank = 1;
			continue;
		}
		if (blank)
			buf_addc(b, ' ');
		blank = 0;
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
	if (prefix)
		buf_addc(b, '*');
}

/* Returns the input as one safe line for an error message; caller frees. */
static char *
query_echo(const char *input)
{
	struct buf	 b;
	char		*out;
	int		 blank = 0;

	buf_init(&b);
	for (; *input != '\0'; input++) {
		if (query_blank(*input)) {
			blank = b.len != 0;
			continue;
		}
		if (blank)
			buf_addc(&b, ' ');
		blank = 0;
		buf_addc(&b, *input);
	}
	out = text_escape(buf_str(&b));
	buf_free(&b);
	return out;
}

/*
 * Scans words and "phrases" left to right. A '"' anywhere opens a phrase
 * that runs to the next '"'; a word ends at a blank or a '"'. Trailing '*'s
 * on a word, on the last word of a phrase or right after a closing quote
 * make a prefix query. Terms with nothing to search for are dropped.
 */
char *
query_translate(const char *input, char **err)
{
	struct buf	 b;
	const char	*p, *start, *end;
	char		*echo;
	size_t		 len;
	int		 prefix;

	*err = NULL;
	if (input == NULL)
		input = "";
	len = strlen(input);
	if (len > QUERY_MAX) {
		*err = xstrdup("query too long");
		return NULL;
	}
	if (!text_valid(input, len, NULL)) {
		*err = xstrdup("query is not valid UTF-8");
		return NULL;
	}
	for (p = input; query_blank(*p); p++)
		/* nothing */;
	if (*p == '\0') {
		*err = xstrdup("empty query");
		return NULL;
	}

	buf_init(&b);
	p = input;
	while (*p != '\0') {
		if (query_blank(*p)) {
			p++;
			continue;
		}
		prefix = 0;
		if (*p == '"') {
			start = ++p;
			if ((end = strchr(start, '"')) == NULL) {
				buf_free(&b);
				*err = xstrdup("unclosed quote in query");
				return NULL;
			}
			p = end + 1;
			if (*p == '*') {
				prefix = 1;
				while (*p == '*')
					p++;
			}
			/*
			 * A '*' ending the last word inside the quotes; one
			 * standing alone is no prefix of anything.
			 */
			while (end > start && query_blank(end[-1]))
				end--;
			if (end > start && end[-1] == '*') {
				while (end > start && end[-1] == '*')
					end--;
				if (end > start && !query_blank(end[-1]))
					prefix = 1;
			}
		} else {
			start = p;
			while (*p != '\0' && !query_blank(*p) && *p != '"')
				p++;
			end = p;
			while (end > start && end[-1] == '*') {
				prefix = 1;
				end--;
			}
		}
		while (start < end && query_blank(*start))
			start++;
		if (query_searchable(start, (size_t)(end - start)))
			query_emit(&b, start, (size_t)(end - start), prefix);
	}

	if (b.len == 0) {
		buf_free(&b);
		echo = query_echo(input);
		*err = xasprintf("nothing to search for in \"%s\"", echo);
		free(echo);
		return NULL;
	}
	return buf_detach(&b);
}
