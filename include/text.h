/*
 * text.h: UTF-8 decoding, display width, wrapping by display width, escaping
 * of control characters, and the folding used to compare quotes with texts.
 * No curses here: the UI and the command line both use it.
 */
#ifndef DOSSIER_TEXT_H
#define DOSSIER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Highlight markers: the store puts these around matched terms (through FTS5
 * highlight() and snippet()). They are Unicode noncharacters, which no news
 * text contains; the loader rejects content that does.
 */
#define TEXT_MARK_ON	"\xef\xb7\x90"	/* U+FDD0 */
#define TEXT_MARK_OFF	"\xef\xb7\x91"	/* U+FDD1 */
#define TEXT_MARK_LEN	3

/*
 * Decodes one code point from s (at most len bytes). Returns the number of
 * bytes used (1 to 4) and stores the code point in *cp; on an invalid or
 * truncated sequence returns 1 and stores -1. len must be at least 1.
 */
int	text_decode(const char *s, size_t len, int32_t *cp);

/*
 * Encodes a code point someone typed as UTF-8 into out (4 bytes) and
 * returns its length, or returns 0 if it is not text one can type: a C0 or
 * C1 control, DEL, a surrogate or past U+10FFFF.
 */
int	text_encode(int32_t cp, char out[4]);

/*
 * Returns 1 if s[0..len) is valid UTF-8 (no overlongs, surrogates or values
 * past U+10FFFF); otherwise 0 and *bad is the offset of the first bad byte.
 */
int	text_valid(const char *s, size_t len, size_t *bad);

/*
 * Display columns of one code point as the terminal shows it: wcwidth-based,
 * 0 for combining marks, ZWJ and ZWNJ, 2 for wide characters. Control
 * characters return -1 (they are never sent raw: see text_escape_cp).
 * The highlight markers count 0; an unassigned code point counts 1.
 */
int	text_cp_width(int32_t cp);

/*
 * The locale's character type. dossier sets it on first need, not at start:
 * loading it maps and reads files (1% to 3% of a search at a million
 * events, pairwise), and most commands print what they read without
 * measuring one width. text_locale() sets the user's LC_CTYPE once, from
 * the environment; the width functions call it before they ask wcwidth().
 * text_locale_utf8() does too, and says whether the locale in use has
 * UTF-8 for its character set. A program that sets the locale itself (the
 * reader) calls text_locale_own() first, so that the user's never replaces
 * its own.
 */
void	text_locale(void);
int	text_locale_utf8(void);
void	text_locale_own(void);

/*
 * Writes the escaped form of a control or otherwise unsafe code point into
 * out (at least 16 bytes) and returns its length, or returns 0 if cp is safe
 * to show as is. Unsafe: C0 (except none), DEL, C1, bidi overrides and
 * isolates (U+202A-202E, U+2066-2069), and invalid bytes (cp == -1, shown
 * from byte b). Forms: "^[" style for C0 and DEL, "<U+XXXX>" otherwise,
 * "<XX>" for an invalid byte. Tab is not safe either: shown as "^I".
 */
int	text_escape_cp(int32_t cp, unsigned char b, char *out);

/*
 * Display width of s as shown after escaping: escapes count for their own
 * length, highlight markers count for 0. If s holds newlines, the width of
 * its widest line. text_width(s) == text_width(text_escape(s)).
 */
int	text_width(const char *s);

/*
 * Returns a newly allocated copy of s with every unsafe code point replaced by
 * its escaped form (see text_escape_cp). Highlight markers and '\n' are kept
 * (text_wrap breaks lines there); every other C0 control, tab and CR
 * included, is escaped. Caller frees.
 */
char	*text_escape(const char *s);

/*
 * Returns how many bytes of s fit in cols display columns without cutting a
 * character (escapes are never cut either); *used gets the columns taken.
 * s is expected to be escaped already (text_escape). Fits one line: stops
 * before the first '\n'. Zero-width code points (combining marks, markers)
 * right after the last character that fits are included.
 */
size_t	text_fit(const char *s, int cols, int *used);

/* One wrapped line: a byte range of the string given to text_wrap. */
struct text_line {
	size_t	off;
	size_t	len;
	int	width;
};

/*
 * Wraps s (escaped already) to lines of at most width columns, breaking at
 * spaces where it can and inside a word only when a word is longer than a
 * line. Explicit newlines break lines. Returns the number of lines and sets
 * *lines to a newly allocated array; caller frees. Trailing spaces of a line
 * are not part of it. Always returns at least 1 line (maybe empty); a final
 * newline ends the last line rather than starting an empty one. Width < 1
 * counts as 1; a line is wider than width only when it is a single character
 * wider than the line (a wide character at width 1). Markers stay where they
 * are, so a highlight opened on one line may close on a later one: renderers
 * carry the highlight state from line to line.
 */
size_t	text_wrap(const char *s, int width, struct text_line **lines);

/*
 * Returns a newly allocated folded copy of s for quote matching: runs of
 * white space become one space (and leading or trailing ones go), typographic
 * double quotes become '"', typographic apostrophes and single quotes become
 * '\'', and the dashes (hyphen, en, em, minus, figure) become '-'. Caller
 * frees.
 */
char	*text_fold(const char *s);
/*
 * The same, and *map (caller frees; NULL not to have it) gets, for each
 * byte of the result and one past its end, the offset in s it came from,
 * so a passage found in folded text can be shown in the original.
 */
char	*text_fold_map(const char *s, size_t **map);

/*
 * Returns a newly allocated copy of s with every letter in its lower case,
 * by Unicode's simple mapping (C.UTF-8's, whatever the user's locale), so
 * that names compare without regard to case in any script; bytes that are
 * not valid UTF-8 are kept as they are. Caller frees.
 */
char	*text_casefold(const char *s);
/* strcmp of the two strings' case folds: 0 when they differ only in case. */
int	 text_casecmp(const char *a, const char *b);


#endif
