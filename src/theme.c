/*
 * theme.c: colour themes. Holds the built-in dark and monochrome styles, the
 * YAML loader (libyaml events; every problem reported as FILE:LINE:COL) and
 * the mapping of colours onto 8, 16, 88 and 256-colour terminals.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "palette.h"
#include "theme.h"

#define THEME_MAX_SIZE	(1024 * 1024)	/* bytes in a theme file */
#define THEME_MAX_DEPTH	32		/* nested collections; 4 are used */
#define THEME_MAX_NAME	100		/* bytes in a theme's name */
#define THEME_SHOW_MAX	40		/* characters of a value quoted back */

/* Keys in theme files, indexed by element: the contract with the README. */
static const char *const theme_elem_names[THEME_NELEMS] = {
	[THEME_NORMAL] = "normal",
	[THEME_TOPLINE] = "topline",
	[THEME_STATUS] = "status",
	[THEME_MESSAGE] = "message",
	[THEME_ERROR] = "error",
	[THEME_BORDER] = "border",
	[THEME_TL_DAY] = "timeline.day",
	[THEME_TL_TIME] = "timeline.time",
	[THEME_TL_TITLE] = "timeline.title",
	[THEME_TL_ACTORS] = "timeline.actors",
	[THEME_TL_APPROX] = "timeline.approximate",
	[THEME_TL_SELECTED] = "timeline.selected",
	[THEME_DT_TITLE] = "detail.title",
	[THEME_DT_DATE] = "detail.date",
	[THEME_DT_LABEL] = "detail.label",
	[THEME_DT_ACTOR] = "detail.actor",
	[THEME_DT_TAG] = "detail.tag",
	[THEME_DT_SUMMARY] = "detail.summary",
	[THEME_EX_SOURCE] = "excerpt.source",
	[THEME_EX_QUOTE] = "excerpt.quote",
	[THEME_EX_NOTE] = "excerpt.note",
	[THEME_ACTOR_CURRENT] = "actor.current",
	[THEME_SEARCH_MATCH] = "search.match",
	[THEME_PROMPT] = "prompt",
	[THEME_HELP] = "help",
	[THEME_HELP_KEY] = "help.key",
	[THEME_ESCAPE] = "escape",
};

/*
 * The built-in dark default, written as a theme file would be; a NULL colour
 * means "as normal". themes/default.yaml must match it (test-theme checks).
 */
struct theme_spec {
	const char	*fg;
	const char	*bg;
	int		 attrs;
};

static const struct theme_spec theme_dark[THEME_NELEMS] = {
	[THEME_NORMAL] =	{ NULL, NULL, 0 },
	[THEME_TOPLINE] =	{ "16", "cyan", THEME_BOLD },
	[THEME_STATUS] =	{ "black", "cyan", 0 },
	[THEME_MESSAGE] =	{ "brightgreen", NULL, 0 },
	[THEME_ERROR] =		{ "brightwhite", "red", THEME_BOLD },
	[THEME_BORDER] =	{ "brightblack", NULL, 0 },
	[THEME_TL_DAY] =	{ "cyan", NULL, THEME_BOLD },
	[THEME_TL_TIME] =	{ "yellow", NULL, 0 },
	[THEME_TL_TITLE] =	{ NULL, NULL, 0 },
	[THEME_TL_ACTORS] =	{ "green", NULL, 0 },
	[THEME_TL_APPROX] =	{ "brightblack", NULL, THEME_ITALIC },
	[THEME_TL_SELECTED] =	{ "16", "#87afff", THEME_BOLD },
	[THEME_DT_TITLE] =	{ "brightwhite", NULL, THEME_BOLD },
	[THEME_DT_DATE] =	{ "cyan", NULL, 0 },
	[THEME_DT_LABEL] =	{ "yellow", NULL, THEME_BOLD },
	[THEME_DT_ACTOR] =	{ "green", NULL, 0 },
	[THEME_DT_TAG] =	{ "brightmagenta", NULL, 0 },
	[THEME_DT_SUMMARY] =	{ NULL, NULL, 0 },
	[THEME_EX_SOURCE] =	{ "#5fafff", NULL, THEME_UNDERLINE },
	[THEME_EX_QUOTE] =	{ "#d7d7af", NULL, THEME_ITALIC },
	[THEME_EX_NOTE] =	{ "brightblack", NULL, 0 },
	[THEME_ACTOR_CURRENT] =	{ "brightgreen", NULL, THEME_BOLD | THEME_UNDERLINE },
	[THEME_SEARCH_MATCH] =	{ "16", "yellow", THEME_BOLD },
	[THEME_PROMPT] =	{ "brightwhite", NULL, THEME_BOLD },
	[THEME_HELP] =		{ "white", "236", 0 },
	[THEME_HELP_KEY] =	{ "brightyellow", "236", THEME_BOLD },
	[THEME_ESCAPE] =	{ "brightred", NULL, 0 },
};

/*
 * The built-in monochrome theme: attributes only (a zeroed colour is the
 * terminal default). It is also every element's fallback when a colour theme
 * meets a terminal without colours, so no two neighbours may look alike.
 * themes/mono.yaml must match it.
 */
static const struct theme_style theme_mono[THEME_NELEMS] = {
	[THEME_NORMAL] =	{ .attrs = 0 },
	[THEME_TOPLINE] =	{ .attrs = THEME_REVERSE | THEME_BOLD },
	[THEME_STATUS] =	{ .attrs = THEME_REVERSE },
	[THEME_MESSAGE] =	{ .attrs = THEME_BOLD },
	[THEME_ERROR] =		{ .attrs = THEME_REVERSE | THEME_BOLD },
	[THEME_BORDER] =	{ .attrs = THEME_DIM },
	[THEME_TL_DAY] =	{ .attrs = THEME_BOLD },
	[THEME_TL_TIME] =	{ .attrs = 0 },
	[THEME_TL_TITLE] =	{ .attrs = 0 },
	[THEME_TL_ACTORS] =	{ .attrs = THEME_DIM },
	[THEME_TL_APPROX] =	{ .attrs = THEME_DIM | THEME_ITALIC },
	[THEME_TL_SELECTED] =	{ .attrs = THEME_REVERSE },
	[THEME_DT_TITLE] =	{ .attrs = THEME_BOLD },
	[THEME_DT_DATE] =	{ .attrs = THEME_UNDERLINE },
	[THEME_DT_LABEL] =	{ .attrs = THEME_BOLD },
	[THEME_DT_ACTOR] =	{ .attrs = THEME_UNDERLINE },
	[THEME_DT_TAG] =	{ .attrs = THEME_DIM },
	[THEME_DT_SUMMARY] =	{ .attrs = 0 },
	[THEME_EX_SOURCE] =	{ .attrs = THEME_UNDERLINE },
	[THEME_EX_QUOTE] =	{ .attrs = THEME_ITALIC },
	[THEME_EX_NOTE] =	{ .attrs = THEME_DIM },
	[THEME_ACTOR_CURRENT] =	{ .attrs = THEME_BOLD | THEME_UNDERLINE },
	[THEME_SEARCH_MATCH] =	{ .attrs = THEME_REVERSE | THEME_BOLD },
	[THEME_PROMPT] =	{ .attrs = THEME_BOLD },
	[THEME_HELP] =		{ .attrs = 0 },
	[THEME_HELP_KEY] =	{ .attrs = THEME_BOLD },
	[THEME_ESCAPE] =	{ .attrs = THEME_BOLD },
};

/* Colour names: the index is the palette index; then the aliases. */
static const char *const theme_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow",
	"brightblue", "brightmagenta", "brightcyan", "brightwhite",
	"gray", "grey", "default"
};
#define THEME_NCOLOR_NAMES \
	(sizeof theme_color_names / sizeof theme_color_names[0])

static const struct {
	const char	*name;
	int		 bit;
} theme_attrs[] = {
	{ "bold", THEME_BOLD },
	{ "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "italic", THEME_ITALIC },
	{ "blink", THEME_BLINK },
	{ "none", 0 }
};
#define THEME_NATTRS (sizeof theme_attrs / sizeof theme_attrs[0])

static const char *const theme_style_keys[] = { "fg", "bg", "attrs" };
static const char *const theme_top_keys[] = { "name", "monochrome", "styles" };

/* A mapping key, copied out of its event. */
struct theme_key {
	char		*s;
	size_t		 len;
	yaml_mark_t	 mark;
};

/* The loader's state: the libyaml parser and what the file has said. */
struct theme_parser {
	yaml_parser_t		 yp;
	yaml_event_t		 ev;		/* the current event */
	int			 have_ev;
	int			 stop;		/* no more events: syntax error */
	int			 depth;		/* open collections */
	const char		*file;
	const char		*data;		/* input, for reader errors */
	size_t			 len;
	struct diag_list	*diags;
	struct diag_list	 pending;	/* held until the next event */
	size_t			 nerrors;

	char			*name;
	int			 name_line;	/* where each top key was, or 0 */
	int			 mono_line;
	int			 styles_line;
	int			 monochrome;
	struct theme_style	 style[THEME_NELEMS];
	int			 elem_line[THEME_NELEMS];
	int			 elem_col[THEME_NELEMS];
	yaml_mark_t		 fg_mark[THEME_NELEMS];
	yaml_mark_t		 bg_mark[THEME_NELEMS];
	int			 fg_set[THEME_NELEMS];
	int			 bg_set[THEME_NELEMS];
};

const char *
theme_elem_name(enum theme_elem e)
{
	if ((unsigned)e >= THEME_NELEMS)
		return NULL;
	return theme_elem_names[e];
}

/* Returns the element called s (len bytes, maybe not NUL-terminated), or -1. */
static int
theme_elem_findn(const char *s, size_t len)
{
	int	e;

	for (e = 0; e < THEME_NELEMS; e++) {
		if (strlen(theme_elem_names[e]) == len &&
		    memcmp(theme_elem_names[e], s, len) == 0)
			return e;
	}
	return -1;
}

int
theme_elem_find(const char *name)
{
	if (name == NULL)
		return -1;
	return theme_elem_findn(name, strlen(name));
}

/* Compares a counted string with a C string; ASCII case folded if nocase. */
static int
theme_equal(const char *s, size_t len, const char *word, int nocase)
{
	if (strlen(word) != len)
		return 0;
	if (nocase)
		return strncasecmp(s, word, len) == 0;
	return memcmp(s, word, len) == 0;
}

/*
 * Optimal string alignment distance (Levenshtein plus transpositions), ASCII
 * case folded. Both strings are short: callers cap them at 64 bytes.
 */
static size_t
theme_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	d[65][65], i, j, cost, v;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = strncasecmp(a + i - 1, b + j - 1, 1) != 0;
			v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/*
 * Returns the word of the list that s most likely meant, or NULL: the closest
 * within a third of s's length (at least one edit), else the one word whose
 * part after a dot is s ("day" for "timeline.day").
 */
static const char *
theme_suggest(const char *s, size_t len, const char *const *words, size_t n)
{
	const char	*best = NULL, *dot;
	size_t		 i, d, bestd = SIZE_MAX, limit;
	int		 suffix = 0;

	if (len == 0 || len > 64)
		return NULL;
	limit = len / 3 > 1 ? len / 3 : 1;
	for (i = 0; i < n; i++) {
		if (strlen(words[i]) > 64)
			continue;
		d = theme_distance(s, len, words[i], strlen(words[i]));
		if (d < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	if (best != NULL && bestd <= limit && bestd < len)
		return best;
	best = NULL;
	for (i = 0; i < n; i++) {
		dot = strrchr(words[i], '.');
		if (dot != NULL && theme_equal(s, len, dot + 1, 0)) {
			best = words[i];
			suffix++;
		}
	}
	return suffix == 1 ? best : NULL;
}

/*
 * Returns a newly allocated printable copy of a value for a message: control
 * characters, C1 and bidi controls escaped, long values cut. Input is UTF-8.
 */
static char *
theme_show(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct buf		 b;
	size_t			 i, chars = 0, n;

	buf_init(&b);
	for (i = 0; i < len; i += n) {
		if (chars++ == THEME_SHOW_MAX) {
			buf_adds(&b, "...");
			break;
		}
		n = 1;
		if (u[i] >= 0xc0)
			n = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : 2;
		if (i + n > len)
			n = len - i;
		if (u[i] < 0x20 || u[i] == 0x7f)
			buf_addf(&b, "\\x%02x", u[i]);
		else if (n == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0)
			buf_addf(&b, "\\u%04x", u[i + 1]);
		else if (n == 3 && u[i] == 0xe2 && ((u[i + 1] == 0x80 &&
		    u[i + 2] >= 0xaa && u[i + 2] <= 0xae) ||
		    (u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9)))
			buf_addf(&b, "\\u20%02x", (u[i + 1] & 0x3) << 6 |
			    (u[i + 2] & 0x3f));
		else
			buf_add(&b, s + i, n);
	}
	return buf_detach(&b);
}

int
theme_parse_color(const char *s, struct theme_color *c)
{
	char	*end;
	long	 v;
	size_t	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < THEME_NCOLOR_NAMES; i++) {
		if (strcasecmp(s, theme_color_names[i]) != 0)
			continue;
		if (strcmp(theme_color_names[i], "default") == 0) {
			c->kind = THEME_COLOR_DEFAULT;
			c->value = 0;
		} else {
			c->kind = THEME_COLOR_INDEX;
			c->value = i < 16 ? (int)i : 8;	/* gray, grey */
		}
		return 0;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 3)
			return -1;
		v = strtol(s, &end, 10);
		if (v > 255)
			return -1;
		c->kind = THEME_COLOR_INDEX;
		c->value = (int)v;
		return 0;
	}
	if (s[0] == '#' && strlen(s) == 7 &&
	    strspn(s + 1, "0123456789abcdefABCDEF") == 6) {
		c->kind = THEME_COLOR_RGB;
		c->value = (int)strtol(s + 1, NULL, 16);
		return 0;
	}
	return -1;
}

/* Returns the squared distance of two RGB values. */
static long
theme_dist(int a, int b)
{
	long	dr, dg, db;

	dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
	dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
	db = (a & 0xff) - (b & 0xff);
	return dr * dr + dg * dg + db * db;
}

/*
 * Returns the index in [first, last] of the palette whose colour is nearest
 * rgb (squared distance in RGB space; the lowest index wins a tie).
 */
static int
theme_nearest(int rgb, int first, int last, int (*palette)(int))
{
	int	i, best = first;
	long	d, bestd = -1;

	for (i = first; i <= last; i++) {
		d = theme_dist(rgb, palette(i));
		if (bestd == -1 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/*
 * Maps RGB onto the 16 or 8 ANSI colours. Plain nearest colour sends a mid
 * grey to yellow on 8 colours (there is no mid grey), so colours whose
 * channels lie within 32 of each other go to the nearest grey instead.
 */
static int
theme_nearest_ansi(int rgb, int ncolors)
{
	static const int	greys16[] = { 0, 8, 7, 15 }, greys8[] = { 0, 7 };
	const int		*greys = ncolors >= 16 ? greys16 : greys8;
	int			 r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff;
	int			 b = rgb & 0xff, hi, lo, i, n, best;

	hi = r > g ? r : g;
	hi = hi > b ? hi : b;
	lo = r < g ? r : g;
	lo = lo < b ? lo : b;
	if (hi - lo > 32)
		return theme_nearest(rgb, 0, ncolors >= 16 ? 15 : 7,
		    palette_rgb);
	n = ncolors >= 16 ? 4 : 2;
	best = greys[0];
	for (i = 1; i < n; i++) {
		if (theme_dist(rgb, palette_rgb(greys[i])) <
		    theme_dist(rgb, palette_rgb(best)))
			best = greys[i];
	}
	return best;
}

/*
 * Indexes always mean the xterm 256-colour palette, so 16-255 become RGB on
 * smaller terminals. RGB never maps to 0-15 on 88 or 256 colours, since
 * terminals redefine those; on 8 colours a bright colour is its dark twin.
 */
int
theme_color_index(const struct theme_color *c, int ncolors)
{
	int	rgb;

	if (c == NULL || c->kind == THEME_COLOR_DEFAULT || ncolors < 8)
		return -1;
	if (c->kind == THEME_COLOR_INDEX) {
		if (c->value < 0 || c->value > 255)
			return -1;
		if (c->value < 16 && ncolors >= 16)
			return c->value;
		if (c->value < 16)
			return c->value & 7;
		if (ncolors >= 256)
			return c->value;
		rgb = palette_rgb(c->value);
	} else
		rgb = c->value & 0xffffff;
	if (ncolors >= 256)
		return theme_nearest(rgb, 16, 255, palette_rgb);
	if (ncolors >= 88)
		return theme_nearest(rgb, 16, 87, palette_rgb88);
	return theme_nearest_ansi(rgb, ncolors);
}

/* Adds a diagnostic at a libyaml mark (0-based) to a list. */
static void UTIL_PRINTF(5, 0)
theme_vdiag(struct theme_parser *p, struct diag_list *dl,
    enum diag_level level, const yaml_mark_t *mark, const char *fmt,
    va_list ap)
{
	char	*msg;

	msg = xvasprintf(fmt, ap);
	diag_add(dl, level, p->file, (int)mark->line + 1,
	    (int)mark->column + 1, "%s", msg);
	free(msg);
	if (dl == p->diags && level == DIAG_ERROR)
		p->nerrors++;
}

/*
 * Reports a problem with what the current event says. It is held until the
 * next event parses: when that is a syntax error instead, libyaml may have
 * misread this one (an unclosed "{" swallows the next line), so it is
 * dropped and only the syntax error is shown.
 */
static void UTIL_PRINTF(4, 5)
theme_diag(struct theme_parser *p, enum diag_level level,
    const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	theme_vdiag(p, &p->pending, level, mark, fmt, ap);
	va_end(ap);
}

/* Reports a problem at once: syntax errors and other facts of the input. */
static void UTIL_PRINTF(4, 5)
theme_diag_now(struct theme_parser *p, enum diag_level level,
    const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	theme_vdiag(p, p->diags, level, mark, fmt, ap);
	va_end(ap);
}

/* Passes the held diagnostics on, or drops them if keep is 0. */
static void
theme_flush(struct theme_parser *p, int keep)
{
	struct diag	*d;
	size_t		 i;

	for (i = 0; keep && i < p->pending.n; i++) {
		d = &p->pending.v[i];
		diag_add(p->diags, d->level, d->file, d->line, d->col, "%s",
		    d->msg);
		if (d->level == DIAG_ERROR)
			p->nerrors++;
	}
	diag_free(&p->pending);
}

/*
 * Works out the 0-based line and column (in characters, as libyaml counts)
 * of a byte offset of the input.
 */
static yaml_mark_t
theme_mark_at(const char *data, size_t len, size_t off)
{
	yaml_mark_t	m;
	size_t		i;

	memset(&m, 0, sizeof m);
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n' || (data[i] == '\r' &&
		    (i + 1 == len || data[i + 1] != '\n'))) {
			m.line++;
			m.column = 0;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80)
			m.column++;
	}
	m.index = off;
	return m;
}

/* Returns the start of a line (0-based) of the input, or NULL. */
static const char *
theme_line(const struct theme_parser *p, size_t line)
{
	const char	*s = p->data, *end = p->data + p->len;

	while (line-- > 0 && (s = memchr(s, '\n', (size_t)(end - s))) != NULL)
		s++;
	return s;
}

/*
 * Returns 1 if line (0-based) of the input holds an unquoted #rrggbb, which
 * YAML takes for a comment since it follows a space.
 */
static int
theme_line_has_rgb(const struct theme_parser *p, size_t line)
{
	const char	*s, *end = p->data + p->len, *nl;

	if ((s = theme_line(p, line)) == NULL)
		return 0;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		nl = end;
	if (nl - s < 8)
		return 0;
	for (s++; s + 7 <= nl; s++) {
		if (*s == '#' && (s[-1] == ' ' || s[-1] == '\t') &&
		    strspn(s + 1, "0123456789abcdefABCDEF") >= 6)
			return 1;
	}
	return 0;
}

/* Returns the character at a mark (line and column), or -1. */
static int
theme_char_at(const struct theme_parser *p, const yaml_mark_t *m)
{
	const char	*s, *end = p->data + p->len;
	size_t		 col = 0;

	if ((s = theme_line(p, m->line)) == NULL)
		return -1;
	for (; s < end && *s != '\n'; s++) {
		if (((unsigned char)*s & 0xc0) == 0x80)
			continue;
		if (col++ == m->column)
			return (unsigned char)*s;
	}
	return -1;
}

/* Reports libyaml's error: a reader error by offset, others at their mark. */
static void
theme_syntax_error(struct theme_parser *p)
{
	const yaml_parser_t	*yp = &p->yp;
	yaml_mark_t		 m;
	const char		*problem, *hint;

	problem = yp->problem != NULL ? yp->problem : "YAML syntax error";
	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		fatal("out of memory parsing %s", p->file);
	case YAML_READER_ERROR:
		m = theme_mark_at(p->data, p->len, yp->problem_offset);
		if (yp->problem_value != -1)
			theme_diag_now(p, DIAG_ERROR, &m, "%s (#%X)", problem,
			    (unsigned)yp->problem_value);
		else
			theme_diag_now(p, DIAG_ERROR, &m, "%s", problem);
		break;
	default:
		/* Hints for the usual causes: tabs and unquoted colours. */
		hint = "";
		if (theme_char_at(p, &yp->problem_mark) == '\t')
			hint = "; indent with spaces, not tabs";
		else if (theme_line_has_rgb(p, yp->problem_mark.line) ||
		    (yp->context != NULL &&
		    theme_line_has_rgb(p, yp->context_mark.line)))
			hint = "; quote #rrggbb colours (\"#5fafff\"), since "
			    "# starts a comment";
		if (yp->context != NULL)
			theme_diag_now(p, DIAG_ERROR, &yp->problem_mark,
			    "%s (%s at line %zu, column %zu)%s", problem,
			    yp->context, yp->context_mark.line + 1,
			    yp->context_mark.column + 1, hint);
		else
			theme_diag_now(p, DIAG_ERROR, &yp->problem_mark, "%s%s",
			    problem, hint);
		break;
	}
}

/*
 * Moves to the next event, keeping count of the nesting and reporting
 * aliases (never followed). Returns 0, or -1 when there are no more events:
 * after a syntax error or too deep a nesting (both reported).
 */
static int
theme_next(struct theme_parser *p)
{
	if (p->have_ev) {
		yaml_event_delete(&p->ev);
		p->have_ev = 0;
	}
	if (p->stop)
		return -1;
	if (!yaml_parser_parse(&p->yp, &p->ev)) {
		theme_flush(p, 0);
		theme_syntax_error(p);
		p->stop = 1;
		return -1;
	}
	theme_flush(p, 1);
	p->have_ev = 1;
	switch (p->ev.type) {
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++p->depth > THEME_MAX_DEPTH) {
			theme_diag_now(p, DIAG_ERROR, &p->ev.start_mark,
			    "nesting deeper than %d levels", THEME_MAX_DEPTH);
			p->stop = 1;
			return -1;
		}
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		p->depth--;
		break;
	case YAML_ALIAS_EVENT:
		theme_diag_now(p, DIAG_ERROR, &p->ev.start_mark,
		    "aliases are not allowed in themes (write the value out "
		    "in full)");
		break;
	default:
		break;
	}
	return 0;
}

/* Consumes the node starting at the current event, leaving its last current. */
static void
theme_skip(struct theme_parser *p)
{
	int	depth;

	if (p->ev.type != YAML_MAPPING_START_EVENT &&
	    p->ev.type != YAML_SEQUENCE_START_EVENT)
		return;
	depth = p->depth - 1;
	while (p->depth > depth) {
		if (theme_next(p) == -1)
			return;
	}
}

/* Returns 1 if the current event is a null scalar ("", "~", "null"). */
static int
theme_is_null(const yaml_event_t *ev)
{
	const char	*s = (const char *)ev->data.scalar.value;
	size_t		 len = ev->data.scalar.length;

	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return len == 0 || theme_equal(s, len, "~", 0) ||
	    theme_equal(s, len, "null", 0) || theme_equal(s, len, "Null", 0) ||
	    theme_equal(s, len, "NULL", 0);
}

/* Describes the current node for "must be X, not Y" messages. */
static const char *
theme_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_SCALAR_EVENT:
		return theme_is_null(ev) ? "an empty value" : "a string";
	default:
		return "an alias";
	}
}

/*
 * Returns 1 if the current node is of the wanted type; otherwise reports
 * "WHAT must be WANT, not KIND" (aliases are reported already), consumes the
 * node and returns 0.
 */
static int
theme_expect(struct theme_parser *p, yaml_event_type_t type,
    const char *what, const char *want)
{
	if (p->ev.type == type)
		return 1;
	if (p->ev.type != YAML_ALIAS_EVENT)
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
		    "%s must be %s, not %s", what, want, theme_kind(&p->ev));
	theme_skip(p);
	return 0;
}

/*
 * Steps to the next key of the mapping being walked. Returns 1 with the key
 * in *k (caller frees k->s) and the first event of its value current, or 0
 * at the mapping's end or when parsing has stopped. Keys that are not
 * strings are reported and skipped with their values.
 */
static int
theme_next_key(struct theme_parser *p, struct theme_key *k)
{
	for (;;) {
		if (theme_next(p) == -1 ||
		    p->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (p->ev.type == YAML_SCALAR_EVENT)
			break;
		if (p->ev.type != YAML_ALIAS_EVENT)
			theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
			    "keys must be names, not %s", theme_kind(&p->ev));
		theme_skip(p);
		if (theme_next(p) == -1)
			return 0;
		theme_skip(p);
	}
	k->len = p->ev.data.scalar.length;
	k->s = xstrndup((const char *)p->ev.data.scalar.value, k->len);
	k->mark = p->ev.start_mark;
	if (theme_next(p) == -1) {
		free(k->s);
		return 0;
	}
	return 1;
}

/* Reports a key given twice and skips its value; returns 1 if it was. */
static int
theme_duplicate(struct theme_parser *p, const struct theme_key *k, int first)
{
	char	*show;

	if (first == 0)
		return 0;
	show = theme_show(k->s, k->len);
	theme_diag(p, DIAG_ERROR, &k->mark,
	    "'%s' is given twice (first on line %d)", show, first);
	free(show);
	theme_skip(p);
	return 1;
}

/* Parses a colour value into *c, reporting what is wrong with a bad one. */
static void
theme_parse_color_node(struct theme_parser *p, const struct theme_key *k,
    int e, struct theme_color *c)
{
	const char	*s, *suggest, *elem = theme_elem_names[e];
	char		*what, *show;
	size_t		 len;

	what = xasprintf("'%s' of '%s'", k->s, elem);
	if (!theme_expect(p, YAML_SCALAR_EVENT, what, "a colour"))
		goto out;
	s = (const char *)p->ev.data.scalar.value;
	len = p->ev.data.scalar.length;
	if (theme_is_null(&p->ev)) {
		if (theme_line_has_rgb(p, k->mark.line))
			theme_diag(p, DIAG_ERROR, &k->mark, "%s has no value "
			    "(quote #rrggbb colours, as in %s: \"#5fafff\", "
			    "since # starts a comment)", what, k->s);
		else
			theme_diag(p, DIAG_ERROR, &k->mark, "%s has no value "
			    "(expected one of the 16 names, 0-255 or #rrggbb)",
			    what);
		goto out;
	}
	if (memchr(s, '\0', len) == NULL && theme_parse_color(s, c) == 0)
		goto out;

	show = theme_show(s, len);
	if (s[0] == '#')
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "bad colour '%s' "
		    "(expected #rrggbb: '#' and six hex digits)", show);
	else if (len > 0 && strspn(s, "0123456789") == len)
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "colour %s is out "
		    "of range (expected 0-255)", show);
	else if ((suggest = theme_suggest(s, len, theme_color_names,
	    THEME_NCOLOR_NAMES)) != NULL)
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "unknown colour "
		    "'%s' (did you mean '%s'?)", show, suggest);
	else
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "unknown colour "
		    "'%s' (expected one of the 16 names, 0-255 or #rrggbb)",
		    show);
	free(show);
out:
	free(what);
}

/* Adds the attribute named by the current scalar to *attrs. */
static void
theme_parse_attr(struct theme_parser *p, int *attrs)
{
	const char	*s = (const char *)p->ev.data.scalar.value, *suggest;
	const char	*names[THEME_NATTRS];
	size_t		 len = p->ev.data.scalar.length, i;
	char		*show;

	for (i = 0; i < THEME_NATTRS; i++) {
		if (theme_equal(s, len, theme_attrs[i].name, 1)) {
			*attrs |= theme_attrs[i].bit;
			return;
		}
		names[i] = theme_attrs[i].name;
	}
	if (theme_is_null(&p->ev)) {
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "empty attribute "
		    "(expected bold, dim, underline, reverse, italic, blink or "
		    "none)");
		return;
	}
	show = theme_show(s, len);
	if ((suggest = theme_suggest(s, len, names, THEME_NATTRS)) != NULL)
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "unknown "
		    "attribute '%s' (did you mean '%s'?)", show, suggest);
	else
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "unknown "
		    "attribute '%s' (expected bold, dim, underline, reverse, "
		    "italic, blink or none)", show);
	free(show);
}

/* Parses attrs: one name or a list of names. */
static void
theme_parse_attrs(struct theme_parser *p, const struct theme_key *k, int e,
    int *attrs)
{
	const char	*elem = theme_elem_names[e];

	*attrs = 0;
	if (p->ev.type == YAML_SCALAR_EVENT) {
		if (theme_is_null(&p->ev))
			theme_diag(p, DIAG_ERROR, &k->mark, "'attrs' of '%s' has "
			    "no value (write [] or none for no attributes)",
			    elem);
		else
			theme_parse_attr(p, attrs);
		return;
	}
	if (p->ev.type != YAML_SEQUENCE_START_EVENT) {
		if (p->ev.type != YAML_ALIAS_EVENT)
			theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "'attrs' of "
			    "'%s' must be a list such as [bold, underline] or "
			    "one name, not %s", elem, theme_kind(&p->ev));
		theme_skip(p);
		return;
	}
	while (theme_next(p) == 0 && p->ev.type != YAML_SEQUENCE_END_EVENT) {
		if (p->ev.type == YAML_SCALAR_EVENT)
			theme_parse_attr(p, attrs);
		else {
			if (p->ev.type != YAML_ALIAS_EVENT)
				theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
				    "attributes of '%s' must be names, not %s",
				    elem, theme_kind(&p->ev));
			theme_skip(p);
		}
	}
}

/* Parses one element's style: a mapping of fg, bg and attrs. */
static void
theme_parse_style(struct theme_parser *p, int e)
{
	struct theme_style	*st = &p->style[e];
	struct theme_key	 k;
	const char		*elem = theme_elem_names[e], *suggest;
	char			*what, *show;
	int			 line[3] = { 0, 0, 0 }, i;

	memset(st, 0, sizeof *st);
	if (theme_is_null(&p->ev)) {
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "the style of '%s' "
		    "is empty (expected a mapping such as { fg: cyan, attrs: "
		    "[bold] }, or {} for plain text)", elem);
		return;
	}
	what = xasprintf("the style of '%s'", elem);
	if (!theme_expect(p, YAML_MAPPING_START_EVENT, what,
	    "a mapping such as { fg: cyan, attrs: [bold] }")) {
		free(what);
		return;
	}
	free(what);
	while (theme_next_key(p, &k)) {
		for (i = 0; i < 3; i++) {
			if (theme_equal(k.s, k.len, theme_style_keys[i], 0))
				break;
		}
		if (i == 3) {
			show = theme_show(k.s, k.len);
			suggest = theme_suggest(k.s, k.len, theme_style_keys, 3);
			if (suggest != NULL)
				theme_diag(p, DIAG_ERROR, &k.mark, "unknown key "
				    "'%s' in the style of '%s' (did you mean "
				    "'%s'?)", show, elem, suggest);
			else
				theme_diag(p, DIAG_ERROR, &k.mark, "unknown key "
				    "'%s' in the style of '%s' (expected fg, bg "
				    "or attrs)", show, elem);
			free(show);
			theme_skip(p);
		} else if (!theme_duplicate(p, &k, line[i])) {
			line[i] = (int)k.mark.line + 1;
			if (i == 0) {
				p->fg_set[e] = 1;
				p->fg_mark[e] = k.mark;
				theme_parse_color_node(p, &k, e, &st->fg);
			} else if (i == 1) {
				p->bg_set[e] = 1;
				p->bg_mark[e] = k.mark;
				theme_parse_color_node(p, &k, e, &st->bg);
			} else
				theme_parse_attrs(p, &k, e, &st->attrs);
		}
		free(k.s);
	}
}

/* Parses styles: a mapping of element names to styles. */
static void
theme_parse_styles(struct theme_parser *p)
{
	struct theme_key	 k;
	const char		*suggest;
	char			*show;
	int			 e;

	if (theme_is_null(&p->ev))
		return;		/* "styles:" and nothing: all defaults */
	if (!theme_expect(p, YAML_MAPPING_START_EVENT, "'styles'",
	    "a mapping of elements to styles"))
		return;
	while (theme_next_key(p, &k)) {
		if ((e = theme_elem_findn(k.s, k.len)) == -1) {
			show = theme_show(k.s, k.len);
			suggest = theme_suggest(k.s, k.len, theme_elem_names,
			    THEME_NELEMS);
			if (suggest != NULL)
				theme_diag(p, DIAG_ERROR, &k.mark, "unknown "
				    "element '%s' (did you mean '%s'?)", show,
				    suggest);
			else
				theme_diag(p, DIAG_ERROR, &k.mark, "unknown "
				    "element '%s' (themes/README.md lists them)",
				    show);
			free(show);
			theme_skip(p);
		} else if (!theme_duplicate(p, &k, p->elem_line[e])) {
			p->elem_line[e] = (int)k.mark.line + 1;
			p->elem_col[e] = (int)k.mark.column + 1;
			theme_parse_style(p, e);
		}
		free(k.s);
	}
}

/* Parses name: a short string without control characters. */
static void
theme_parse_name(struct theme_parser *p)
{
	const unsigned char	*s;
	size_t			 len, i;

	if (!theme_expect(p, YAML_SCALAR_EVENT, "'name'", "a string"))
		return;
	s = p->ev.data.scalar.value;
	len = p->ev.data.scalar.length;
	if (theme_is_null(&p->ev)) {
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
		    "'name' is empty (give the theme a name)");
		return;
	}
	if (len > THEME_MAX_NAME) {
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "'name' is longer "
		    "than %d bytes", THEME_MAX_NAME);
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f || (s[i] == 0xc2 &&
		    i + 1 < len && s[i + 1] < 0xa0)) {
			theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
			    "'name' contains control characters");
			return;
		}
	}
	free(p->name);
	p->name = xstrndup((const char *)s, len);
}

/* Parses monochrome: a boolean. */
static void
theme_parse_monochrome(struct theme_parser *p)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	const char	*s;
	char		*show;
	size_t		 len, i;

	if (!theme_expect(p, YAML_SCALAR_EVENT, "'monochrome'",
	    "true or false"))
		return;
	s = (const char *)p->ev.data.scalar.value;
	len = p->ev.data.scalar.length;
	for (i = 0; i < 3; i++) {
		if (theme_equal(s, len, yes[i], 1)) {
			p->monochrome = 1;
			return;
		}
		if (theme_equal(s, len, no[i], 1)) {
			p->monochrome = 0;
			return;
		}
	}
	show = theme_show(s, len);
	theme_diag(p, DIAG_ERROR, &p->ev.start_mark,
	    "'monochrome' must be true or false, not '%s'", show);
	free(show);
}

/* Parses the top-level mapping; unknown keys are warnings. */
static void
theme_parse_top(struct theme_parser *p)
{
	struct theme_key	 k;
	const char		*suggest;
	char			*show;

	while (theme_next_key(p, &k)) {
		if (theme_equal(k.s, k.len, "name", 0)) {
			if (!theme_duplicate(p, &k, p->name_line)) {
				p->name_line = (int)k.mark.line + 1;
				theme_parse_name(p);
			}
		} else if (theme_equal(k.s, k.len, "monochrome", 0)) {
			if (!theme_duplicate(p, &k, p->mono_line)) {
				p->mono_line = (int)k.mark.line + 1;
				theme_parse_monochrome(p);
			}
		} else if (theme_equal(k.s, k.len, "styles", 0)) {
			if (!theme_duplicate(p, &k, p->styles_line)) {
				p->styles_line = (int)k.mark.line + 1;
				theme_parse_styles(p);
			}
		} else if (theme_elem_findn(k.s, k.len) != -1) {
			/* An element at the top: "styles:" was forgotten. */
			theme_diag(p, DIAG_ERROR, &k.mark, "element '%s' must "
			    "go under 'styles:'", k.s);
			theme_skip(p);
		} else {
			show = theme_show(k.s, k.len);
			suggest = theme_suggest(k.s, k.len, theme_top_keys, 3);
			if (suggest != NULL)
				theme_diag(p, DIAG_WARNING, &k.mark, "unknown "
				    "key '%s' ignored (did you mean '%s'?)",
				    show, suggest);
			else
				theme_diag(p, DIAG_WARNING, &k.mark, "unknown "
				    "key '%s' ignored (expected name, "
				    "monochrome or styles)", show);
			free(show);
			theme_skip(p);
		}
		free(k.s);
	}
}

/* Parses the stream: one document whose root is the top-level mapping. */
static void
theme_parse(struct theme_parser *p)
{
	yaml_mark_t	root, start = { 0, 0, 0 };

	if (theme_next(p) == -1 || theme_next(p) == -1)	/* stream, doc */
		return;
	if (p->ev.type == YAML_STREAM_END_EVENT) {
		theme_diag(p, DIAG_ERROR, &start, "the theme is empty (expected "
		    "'name:' and 'styles:')");
		return;
	}
	if (theme_next(p) == -1)
		return;
	root = p->ev.start_mark;
	if (theme_is_null(&p->ev))
		theme_diag(p, DIAG_ERROR, &root, "the theme is empty (expected "
		    "'name:' and 'styles:')");
	else if (theme_expect(p, YAML_MAPPING_START_EVENT, "a theme",
	    "a mapping of name, monochrome and styles")) {
		theme_parse_top(p);
		if (!p->stop && p->name_line == 0)
			theme_diag(p, DIAG_ERROR, &root, "missing 'name' (add a "
			    "line such as 'name: mytheme')");
	}
	if (theme_next(p) == -1 || theme_next(p) == -1)	/* doc end, next */
		return;
	if (p->ev.type == YAML_DOCUMENT_START_EVENT)
		theme_diag(p, DIAG_ERROR, &p->ev.start_mark, "a theme file holds "
		    "one YAML document (remove this second one)");
}

/*
 * Checks that buf is UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF), reporting the first bad byte of each line and replacing every
 * bad byte with '?' so that libyaml can go on to find the other problems.
 */
static void
theme_check_utf8(struct theme_parser *p, char *buf, size_t len)
{
	unsigned char	*u = (unsigned char *)buf;
	size_t		 i, n, j, reported = SIZE_MAX;
	yaml_mark_t	 m;
	uint32_t	 cp;

	for (i = 0; i < len; i += n) {
		n = 1;
		if (u[i] < 0x80)
			continue;
		if (u[i] >= 0xc2 && u[i] <= 0xdf)
			n = 2;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			n = 3;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			n = 4;
		else
			n = 0;
		if (n != 0 && i + n <= len) {
			cp = u[i] & (0x7f >> n);
			for (j = 1; j < n && (u[i + j] & 0xc0) == 0x80; j++)
				cp = cp << 6 | (u[i + j] & 0x3f);
			if (j == n && !(n == 3 && cp < 0x800) &&
			    !(n == 4 && (cp < 0x10000 || cp > 0x10ffff)) &&
			    !(cp >= 0xd800 && cp <= 0xdfff))
				continue;
		}
		n = 1;
		m = theme_mark_at(buf, len, i);
		if (m.line != reported) {
			theme_diag_now(p, DIAG_ERROR, &m, "invalid UTF-8 (byte "
			    "0x%02x): save the theme as UTF-8", u[i]);
			reported = m.line;
		}
		u[i] = '?';
	}
}

/* Fills the styles the file left out: see themes/README.md. */
static void
theme_resolve(struct theme *t, const struct theme_parser *p)
{
	struct theme_style	*st;
	const struct theme_spec	*spec;
	int			 e, fg_inherit, bg_inherit;

	for (e = 0; e < THEME_NELEMS; e++) {
		st = &t->style[e];
		if (p != NULL && p->elem_line[e] != 0) {
			*st = p->style[e];
			fg_inherit = !p->fg_set[e];
			bg_inherit = !p->bg_set[e];
		} else if (t->monochrome) {
			*st = theme_mono[e];
			fg_inherit = bg_inherit = 1;
		} else {
			spec = &theme_dark[e];
			memset(st, 0, sizeof *st);
			st->attrs = spec->attrs;
			if (spec->fg != NULL)
				theme_parse_color(spec->fg, &st->fg);
			if (spec->bg != NULL)
				theme_parse_color(spec->bg, &st->bg);
			fg_inherit = spec->fg == NULL;
			bg_inherit = spec->bg == NULL;
		}
		/* normal comes first, so it is final by the time it is used. */
		if (e != THEME_NORMAL && fg_inherit)
			st->fg = t->style[THEME_NORMAL].fg;
		if (e != THEME_NORMAL && bg_inherit)
			st->bg = t->style[THEME_NORMAL].bg;
		if (t->monochrome) {
			memset(&st->fg, 0, sizeof st->fg);
			memset(&st->bg, 0, sizeof st->bg);
		}
	}
}

struct theme *
theme_builtin(int monochrome)
{
	struct theme	*t;

	t = xcalloc(1, sizeof *t);
	t->name = xstrdup(monochrome ? "mono" : "default");
	t->path = NULL;
	t->monochrome = monochrome != 0;
	theme_resolve(t, NULL);
	return t;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->path);
	free(t);
}

const struct theme_style *
theme_style(const struct theme *t, enum theme_elem e, int ncolors)
{
	if ((unsigned)e >= THEME_NELEMS)
		e = THEME_NORMAL;
	if (t == NULL || (!t->monochrome && ncolors < 8))
		return &theme_mono[e];
	return &t->style[e];
}

struct theme *
theme_load_buffer(const char *file, const char *data, size_t len,
    struct diag_list *diags)
{
	struct theme_parser	 p;
	struct theme		*t = NULL;
	char			*buf;
	int			 e;

	if (len > THEME_MAX_SIZE) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "theme file is larger "
		    "than 1 MiB (%zu bytes)", len);
		return NULL;
	}
	/* A UTF-8 byte order mark would shift libyaml's columns: drop it. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	buf = xstrndup(data, len);

	memset(&p, 0, sizeof p);
	diag_init(&p.pending);
	p.file = file;
	p.data = buf;
	p.len = len;
	p.diags = diags;
	theme_check_utf8(&p, buf, len);
	if (!yaml_parser_initialize(&p.yp))
		fatal("out of memory");
	yaml_parser_set_input_string(&p.yp, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p.yp, YAML_UTF8_ENCODING);
	theme_parse(&p);
	theme_flush(&p, 1);
	if (p.have_ev)
		yaml_event_delete(&p.ev);
	yaml_parser_delete(&p.yp);

	if (p.nerrors == 0 && p.monochrome) {
		for (e = 0; e < THEME_NELEMS; e++) {
			if (p.fg_set[e])
				theme_diag_now(&p, DIAG_WARNING, &p.fg_mark[e],
				    "'fg' of '%s' is ignored in a monochrome "
				    "theme", theme_elem_names[e]);
			if (p.bg_set[e])
				theme_diag_now(&p, DIAG_WARNING, &p.bg_mark[e],
				    "'bg' of '%s' is ignored in a monochrome "
				    "theme", theme_elem_names[e]);
		}
	}
	if (p.nerrors == 0) {
		t = xcalloc(1, sizeof *t);
		t->name = p.name;
		p.name = NULL;
		t->path = xstrdup(file);
		t->monochrome = p.monochrome;
		theme_resolve(t, &p);
		/* Pairs too faint to read: warnings at their elements. */
		palette_warn(t, file, p.elem_line, p.elem_col, diags);
	}
	free(p.name);
	free(buf);
	return t;
}

struct theme *
theme_load(const char *path, struct diag_list *diags)
{
	struct theme	*t;
	FILE		*f;
	char		*data;
	size_t		 len;

	if ((f = fopen(path, "rb")) == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open theme: %s",
		    strerror(errno));
		return NULL;
	}
	/* Read one byte past the limit: enough to know the file is too big. */
	data = xmalloc(THEME_MAX_SIZE + 1);
	len = fread(data, 1, THEME_MAX_SIZE + 1, f);
	if (ferror(f)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read theme: %s",
		    strerror(errno));
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	if (len > THEME_MAX_SIZE) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "theme file is larger "
		    "than 1 MiB");
		free(data);
		return NULL;
	}
	t = theme_load_buffer(path, data, len, diags);
	free(data);
	return t;
}

static int
theme_list_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
theme_list(const char *dir, char ***paths)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**v = NULL, *path;
	size_t		 n = 0, cap = 0, len;
	const char	*sep;

	*paths = NULL;
	if ((d = opendir(dir)) == NULL)
		return 0;
	len = strlen(dir);
	sep = len > 0 && dir[len - 1] == '/' ? "" : "/";
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s%s%s", dir, sep, de->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = path;
	}
	closedir(d);
	/* Same directory prefix, so sorting paths sorts the names. */
	if (n > 0)
		qsort(v, n, sizeof *v, theme_list_cmp);
	*paths = v;
	return n;
}

void
theme_list_free(char **paths, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
