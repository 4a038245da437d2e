/*
 * theme.c: colour themes. Holds the built-in dark and monochrome styles, the
 * loader (through the shared YAML reader; every problem reported as
 * FILE:LINE:COL) and the mapping of colours onto 8, 16, 88 and 256-colour
 * terminals. The theme files of a directory are theme-list.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "palette.h"
#include "suggest.h"
#include "theme.h"
#include "yaml-reader.h"

#define THEME_MAX_SIZE	(1024 * 1024)	/* bytes in a theme file */
#define THEME_MAX_DEPTH	32		/* nested collections; 4 are used */
#define THEME_MAX_NAME	100		/* bytes in a theme's name */

static char	*theme_syntax_hint(const struct yaml_reader *,
		    const yaml_parser_t *);

/* How themes are read: aliases refused, nesting capped (4 levels used). */
static const struct yaml_reader_opts theme_yaml_opts = {
	"themes", THEME_MAX_DEPTH, theme_syntax_hint
};

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
static const char *const theme_top_keys[] = {
	"name", "background", "monochrome", "styles"
};
#define THEME_NTOP (sizeof theme_top_keys / sizeof theme_top_keys[0])
static const char *const theme_backgrounds[] = { "dark", "light" };

/* The loader's state: the shared YAML reader and what the file has said. */
struct theme_parser {
	struct yaml_reader	 r;

	char			*name;
	int			 name_line;	/* where each top key was, or 0 */
	int			 mono_line;
	int			 styles_line;
	int			 monochrome;
	int			 bg_line;	/* of "background:", or 0 */
	enum theme_background	 background;
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

/* Reports an error about the current event (held: see yaml-reader.h). */
static void UTIL_PRINTF(3, 4)
theme_error(struct theme_parser *p, const yaml_mark_t *m, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag(&p->r, DIAG_ERROR, m, fmt, ap);
	va_end(ap);
}

/* Reports a warning about the current event, held likewise. */
static void UTIL_PRINTF(3, 4)
theme_warning(struct theme_parser *p, const yaml_mark_t *m, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag(&p->r, DIAG_WARNING, m, fmt, ap);
	va_end(ap);
}

/*
 * Returns a newly allocated copy of the first unquoted #rrggbb on line
 * (0-based) of the input, which YAML takes for a comment since it follows
 * a space; NULL if there is none. Caller frees.
 */
static char *
theme_line_rgb(const struct yaml_reader *r, size_t line)
{
	const char	*s;
	size_t		 len, i;

	if ((s = yaml_reader_line(r, line, &len)) == NULL)
		return NULL;
	for (i = 1; i + 7 <= len; i++) {
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t') &&
		    strspn(s + i + 1, "0123456789abcdefABCDEF") >= 6)
			return xstrndup(s + i, 7);
	}
	return NULL;
}

/* Returns 1 if line (0-based) holds nothing but blanks and a comment. */
static int
theme_line_blank(const struct yaml_reader *r, size_t line)
{
	const char	*s;
	size_t		 len, i;

	if ((s = yaml_reader_line(r, line, &len)) == NULL)
		return 1;
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r');
	    i++)
		;
	return i == len || s[i] == '#';
}

/*
 * The reader's hint for a syntax error caused by an unquoted #rrggbb: the
 * comment it starts cut off the rest of its line (a closing "}"), so libyaml
 * stumbles there or on a later line. Looks at the problem's line, back over
 * blank and comment lines to the last line with content, and at the line of
 * the construct the error is in. Returns a newly allocated hint or NULL.
 */
static char *
theme_syntax_hint(const struct yaml_reader *r, const yaml_parser_t *yp)
{
	char	*rgb, *hint;
	size_t	 line = yp->problem_mark.line;

	for (;;) {
		if ((rgb = theme_line_rgb(r, line)) != NULL)
			break;
		if (line == 0 || (line != yp->problem_mark.line &&
		    !theme_line_blank(r, line)))
			break;
		line--;
	}
	if (rgb == NULL && yp->context != NULL &&
	    (rgb = theme_line_rgb(r, yp->context_mark.line)) != NULL)
		line = yp->context_mark.line;
	if (rgb == NULL)
		return NULL;
	hint = xasprintf("; quote #rrggbb colours (\"%s\" on line %zu), since "
	    "# starts a comment", rgb, line + 1);
	free(rgb);
	return hint;
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
	if (p->r.ev.type == type)
		return 1;
	if (p->r.ev.type != YAML_ALIAS_EVENT)
		theme_error(p, &p->r.ev.start_mark,
		    "%s must be %s, not %s", what, want,
		    yaml_reader_kind(&p->r.ev));
	yaml_reader_skip(&p->r);
	return 0;
}

/* Reports a key given twice and skips its value; returns 1 if it was. */
static int
theme_duplicate(struct theme_parser *p, const struct yaml_reader_key *k,
    int first)
{
	char	*show;

	if (first == 0)
		return 0;
	show = yaml_reader_show(k->s, k->len);
	theme_error(p, &k->mark,
	    "'%s' is given twice (first on line %d)", show, first);
	free(show);
	yaml_reader_skip(&p->r);
	return 1;
}

/* Parses a colour value into *c, reporting what is wrong with a bad one. */
static void
theme_parse_color_node(struct theme_parser *p, const struct yaml_reader_key *k,
    int e, struct theme_color *c)
{
	const char	*s, *suggest, *elem = theme_elem_names[e];
	char		*what, *show, *rgb;
	size_t		 len;

	what = xasprintf("'%s' of '%s'", k->s, elem);
	if (!theme_expect(p, YAML_SCALAR_EVENT, what, "a colour"))
		goto out;
	s = (const char *)p->r.ev.data.scalar.value;
	len = p->r.ev.data.scalar.length;
	if (yaml_reader_is_null(&p->r.ev)) {
		if ((rgb = theme_line_rgb(&p->r, k->mark.line)) != NULL)
			theme_error(p, &k->mark, "%s has "
			    "no value (quote #rrggbb colours, as in %s: "
			    "\"%s\", since # starts a comment)", what, k->s,
			    rgb);
		else
			theme_error(p, &k->mark, "%s has "
			    "no value (expected one of the 16 names, 0-255 or "
			    "#rrggbb)", what);
		free(rgb);
		goto out;
	}
	if (memchr(s, '\0', len) == NULL && theme_parse_color(s, c) == 0)
		goto out;

	show = yaml_reader_show(s, len);
	if (s[0] == '#')
		theme_error(p, &p->r.ev.start_mark, "bad colour '%s' "
		    "(expected #rrggbb: '#' and six hex digits)", show);
	else if (len > 0 && strspn(s, "0123456789") == len)
		theme_error(p, &p->r.ev.start_mark, "colour %s is out "
		    "of range (expected 0-255)", show);
	else if ((suggest = suggest_word(s, len, theme_color_names,
	    THEME_NCOLOR_NAMES)) != NULL)
		theme_error(p, &p->r.ev.start_mark, "unknown colour "
		    "'%s' (did you mean '%s'?)", show, suggest);
	else
		theme_error(p, &p->r.ev.start_mark, "unknown colour "
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
	const char	*s = (const char *)p->r.ev.data.scalar.value, *suggest;
	const char	*names[THEME_NATTRS];
	size_t		 len = p->r.ev.data.scalar.length, i;
	char		*show;

	for (i = 0; i < THEME_NATTRS; i++) {
		if (theme_equal(s, len, theme_attrs[i].name, 1)) {
			*attrs |= theme_attrs[i].bit;
			return;
		}
		names[i] = theme_attrs[i].name;
	}
	if (yaml_reader_is_null(&p->r.ev)) {
		theme_error(p, &p->r.ev.start_mark, "empty attribute "
		    "(expected bold, dim, underline, reverse, italic, blink or "
		    "none)");
		return;
	}
	show = yaml_reader_show(s, len);
	if ((suggest = suggest_word(s, len, names, THEME_NATTRS)) != NULL)
		theme_error(p, &p->r.ev.start_mark, "unknown "
		    "attribute '%s' (did you mean '%s'?)", show, suggest);
	else
		theme_error(p, &p->r.ev.start_mark, "unknown "
		    "attribute '%s' (expected bold, dim, underline, reverse, "
		    "italic, blink or none)", show);
	free(show);
}

/* Parses attrs: one name or a list of names. */
static void
theme_parse_attrs(struct theme_parser *p, const struct yaml_reader_key *k,
    int e, int *attrs)
{
	const char	*elem = theme_elem_names[e];

	*attrs = 0;
	if (p->r.ev.type == YAML_SCALAR_EVENT) {
		if (yaml_reader_is_null(&p->r.ev))
			theme_error(p, &k->mark, "'attrs' of '%s' has "
			    "no value (write [] or none for no attributes)",
			    elem);
		else
			theme_parse_attr(p, attrs);
		return;
	}
	if (p->r.ev.type != YAML_SEQUENCE_START_EVENT) {
		if (p->r.ev.type != YAML_ALIAS_EVENT)
			theme_error(p, &p->r.ev.start_mark, "'attrs' of "
			    "'%s' must be a list such as [bold, underline] or "
			    "one name, not %s", elem,
			    yaml_reader_kind(&p->r.ev));
		yaml_reader_skip(&p->r);
		return;
	}
	while (yaml_reader_next(&p->r) == 0 &&
	    p->r.ev.type != YAML_SEQUENCE_END_EVENT) {
		if (p->r.ev.type == YAML_SCALAR_EVENT)
			theme_parse_attr(p, attrs);
		else {
			if (p->r.ev.type != YAML_ALIAS_EVENT)
				theme_error(p, &p->r.ev.start_mark,
				    "attributes of '%s' must be names, not %s",
				    elem, yaml_reader_kind(&p->r.ev));
			yaml_reader_skip(&p->r);
		}
	}
}

/* Parses one element's style: a mapping of fg, bg and attrs. */
static void
theme_parse_style(struct theme_parser *p, int e)
{
	struct theme_style	*st = &p->style[e];
	struct yaml_reader_key	 k;
	const char		*elem = theme_elem_names[e], *suggest;
	char			*what, *show;
	int			 line[3] = { 0, 0, 0 }, i;

	memset(st, 0, sizeof *st);
	if (yaml_reader_is_null(&p->r.ev)) {
		theme_error(p, &p->r.ev.start_mark, "the style of '%s' "
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
	while (yaml_reader_next_key(&p->r, &k)) {
		for (i = 0; i < 3; i++) {
			if (theme_equal(k.s, k.len, theme_style_keys[i], 0))
				break;
		}
		if (i == 3) {
			show = yaml_reader_show(k.s, k.len);
			suggest = suggest_word(k.s, k.len, theme_style_keys, 3);
			if (suggest != NULL)
				theme_error(p, &k.mark, "unknown key "
				    "'%s' in the style of '%s' (did you mean "
				    "'%s'?)", show, elem, suggest);
			else
				theme_error(p, &k.mark, "unknown key "
				    "'%s' in the style of '%s' (expected fg, "
				    "bg or attrs)", show, elem);
			free(show);
			yaml_reader_skip(&p->r);
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
	struct yaml_reader_key	 k;
	const char		*suggest;
	char			*show;
	int			 e;

	if (yaml_reader_is_null(&p->r.ev))
		return;		/* "styles:" and nothing: all defaults */
	if (!theme_expect(p, YAML_MAPPING_START_EVENT, "'styles'",
	    "a mapping of elements to styles"))
		return;
	while (yaml_reader_next_key(&p->r, &k)) {
		if ((e = theme_elem_findn(k.s, k.len)) == -1) {
			show = yaml_reader_show(k.s, k.len);
			suggest = suggest_word(k.s, k.len, theme_elem_names,
			    THEME_NELEMS);
			if (suggest != NULL)
				theme_error(p, &k.mark, "unknown "
				    "element '%s' (did you mean '%s'?)", show,
				    suggest);
			else
				theme_error(p, &k.mark, "unknown "
				    "element '%s' (themes/README.md lists "
				    "them)", show);
			free(show);
			yaml_reader_skip(&p->r);
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
	s = p->r.ev.data.scalar.value;
	len = p->r.ev.data.scalar.length;
	if (yaml_reader_is_null(&p->r.ev)) {
		theme_error(p, &p->r.ev.start_mark,
		    "'name' is empty (give the theme a name)");
		return;
	}
	if (len > THEME_MAX_NAME) {
		theme_error(p, &p->r.ev.start_mark, "'name' is longer "
		    "than %d bytes", THEME_MAX_NAME);
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f || (s[i] == 0xc2 &&
		    i + 1 < len && s[i + 1] < 0xa0)) {
			theme_error(p, &p->r.ev.start_mark,
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
	s = (const char *)p->r.ev.data.scalar.value;
	len = p->r.ev.data.scalar.length;
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
	show = yaml_reader_show(s, len);
	theme_error(p, &p->r.ev.start_mark,
	    "'monochrome' must be true or false, not '%s'", show);
	free(show);
}

/* Parses background: dark or light, what the theme's colours are for. */
static void
theme_parse_background(struct theme_parser *p)
{
	const char	*s, *suggest;
	char		*show;
	size_t		 len;

	if (!theme_expect(p, YAML_SCALAR_EVENT, "'background'",
	    "dark or light"))
		return;
	s = (const char *)p->r.ev.data.scalar.value;
	len = p->r.ev.data.scalar.length;
	if (theme_equal(s, len, "dark", 1)) {
		p->background = THEME_BG_DARK;
		return;
	}
	if (theme_equal(s, len, "light", 1)) {
		p->background = THEME_BG_LIGHT;
		return;
	}
	show = yaml_reader_show(s, len);
	if ((suggest = suggest_word(s, len, theme_backgrounds, 2)) != NULL)
		theme_error(p, &p->r.ev.start_mark, "'background' must be dark "
		    "or light, not '%s' (did you mean '%s'?)", show, suggest);
	else
		theme_error(p, &p->r.ev.start_mark, "'background' must be dark "
		    "or light, not '%s'", show);
	free(show);
}

/* Parses the top-level mapping; unknown keys are warnings. */
static void
theme_parse_top(struct theme_parser *p)
{
	struct yaml_reader_key	 k;
	const char		*suggest;
	char			*show;

	while (yaml_reader_next_key(&p->r, &k)) {
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
		} else if (theme_equal(k.s, k.len, "background", 0)) {
			if (!theme_duplicate(p, &k, p->bg_line)) {
				p->bg_line = (int)k.mark.line + 1;
				theme_parse_background(p);
			}
		} else if (theme_equal(k.s, k.len, "styles", 0)) {
			if (!theme_duplicate(p, &k, p->styles_line)) {
				p->styles_line = (int)k.mark.line + 1;
				theme_parse_styles(p);
			}
		} else if (theme_elem_findn(k.s, k.len) != -1) {
			/* An element at the top: "styles:" was forgotten. */
			theme_error(p, &k.mark, "element '%s' must "
			    "go under 'styles:'", k.s);
			yaml_reader_skip(&p->r);
		} else {
			show = yaml_reader_show(k.s, k.len);
			suggest = suggest_word(k.s, k.len, theme_top_keys,
			    THEME_NTOP);
			if (suggest != NULL)
				theme_warning(p, &k.mark, "unknown "
				    "key '%s' ignored (did you mean '%s'?)",
				    show, suggest);
			else
				theme_warning(p, &k.mark, "unknown "
				    "key '%s' ignored (expected name, "
				    "background, monochrome or styles)", show);
			free(show);
			yaml_reader_skip(&p->r);
		}
		free(k.s);
	}
}

/* Parses the stream: one document whose root is the top-level mapping. */
static void
theme_parse(struct theme_parser *p)
{
	yaml_mark_t	root, start = { 0, 0, 0 };

	/* The stream's start, then the document's. */
	if (yaml_reader_next(&p->r) == -1 || yaml_reader_next(&p->r) == -1)
		return;
	if (p->r.ev.type == YAML_STREAM_END_EVENT) {
		theme_error(p, &start, "the theme is empty (expected "
		    "'name:' and 'styles:')");
		return;
	}
	if (yaml_reader_next(&p->r) == -1)
		return;
	root = p->r.ev.start_mark;
	if (yaml_reader_is_null(&p->r.ev))
		theme_error(p, &root, "the theme is empty (expected "
		    "'name:' and 'styles:')");
	else if (theme_expect(p, YAML_MAPPING_START_EVENT, "a theme",
	    "a mapping of name, monochrome and styles")) {
		theme_parse_top(p);
		if (!p->r.stop && p->name_line == 0)
			theme_error(p, &root, "missing 'name' (add a "
			    "line such as 'name: mytheme')");
	}
	/* The document's end, then what follows it. */
	if (yaml_reader_next(&p->r) == -1 || yaml_reader_next(&p->r) == -1)
		return;
	if (p->r.ev.type == YAML_DOCUMENT_START_EVENT)
		theme_error(p, &p->r.ev.start_mark, "a theme file holds "
		    "one YAML document (remove this second one)");
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
		/*
		 * A light theme is drawn on the light background it needs,
		 * whatever the terminal's own: unless its normal says which,
		 * black on white (each terminal's nearest).
		 */
		if (e == THEME_NORMAL && t->background == THEME_BG_LIGHT &&
		    !t->monochrome) {
			if (fg_inherit && st->fg.kind == THEME_COLOR_DEFAULT) {
				st->fg.kind = THEME_COLOR_RGB;
				st->fg.value = 0x000000;
			}
			if (bg_inherit && st->bg.kind == THEME_COLOR_DEFAULT) {
				st->bg.kind = THEME_COLOR_RGB;
				st->bg.value = 0xffffff;
			}
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

/* Warns that a colour in a monochrome theme is ignored. */
static void
theme_mono_warning(struct theme_parser *p, const char *key,
    const yaml_mark_t *m, int e)
{
	diag_add(p->r.diags, DIAG_WARNING, p->r.file, (int)m->line + 1,
	    (int)m->column + 1, "'%s' of '%s' is ignored in a monochrome "
	    "theme", key, theme_elem_names[e]);
}

struct theme *
theme_load_buffer(const char *file, const char *data, size_t len,
    struct diag_list *diags)
{
	struct theme_parser	 p;
	struct theme		*t = NULL;
	size_t			 nerrors;
	int			 e;

	if (len > THEME_MAX_SIZE) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "theme file is larger "
		    "than 1 MiB (%zu bytes)", len);
		return NULL;
	}
	memset(&p, 0, sizeof p);
	if (yaml_reader_open(&p.r, file, data, len, &theme_yaml_opts,
	    diags) == 0)
		theme_parse(&p);
	yaml_reader_close(&p.r);

	nerrors = yaml_reader_errors(&p.r);
	for (e = 0; nerrors == 0 && p.monochrome && e < THEME_NELEMS; e++) {
		if (p.fg_set[e])
			theme_mono_warning(&p, "fg", &p.fg_mark[e], e);
		if (p.bg_set[e])
			theme_mono_warning(&p, "bg", &p.bg_mark[e], e);
	}
	if (nerrors == 0) {
		t = xcalloc(1, sizeof *t);
		t->name = p.name;
		p.name = NULL;
		t->path = xstrdup(file);
		t->monochrome = p.monochrome;
		t->background = p.background;
		theme_resolve(t, &p);
		/* Pairs too faint to read: warnings at their elements. */
		palette_warn(t, file, p.elem_line, p.elem_col, diags);
	}
	free(p.name);
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

int
theme_fits(const struct theme *t, enum theme_background bg)
{
	return t != NULL && (t->monochrome || t->background == bg);
}
