/*
 * test-theme.c: unit tests for the theme module: the shipped themes, colour
 * parsing and mapping, every broken fixture's exact diagnostics, fallbacks
 * and theme_list. Paths are relative to $TOP, or to the working directory.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "theme.h"
#include "unit.h"

#define FIXTURES "tests/data/themes"

/* Returns a newly allocated path under the checkout; caller frees. */
static char *
top_path(const char *rel)
{
	const char	*top = getenv("TOP");

	if (top == NULL || *top == '\0')
		return xstrdup(rel);
	return xasprintf("%s/%s", top, rel);
}

/* Returns every diagnostic, one a line, with name in place of the path. */
static char *
format_diags(const struct diag_list *dl, const char *path, const char *name)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];

		buf_addf(&b, "%s:%d:%d: %s: %s\n",
		    strcmp(d->file, path) == 0 ? name : d->file, d->line,
		    d->col, d->level == DIAG_ERROR ? "error" : "warning",
		    d->msg);
	}
	return buf_detach(&b);
}

/*
 * Loads a fixture and checks it fails (or, if loads is set, succeeds) with
 * exactly the expected diagnostics: file, line, column, level and message.
 */
static void
check_fixture(const char *name, int loads, const char *expected)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*rel, *path, *got;

	rel = xasprintf("%s/%s", FIXTURES, name);
	path = top_path(rel);
	diag_init(&dl);
	t = theme_load(path, &dl);
	if (loads)
		CHECK(t != NULL);
	else
		CHECK(t == NULL);
	got = format_diags(&dl, path, name);
	CHECK_STR(got, expected);
	theme_free(t);
	diag_free(&dl);
	free(got);
	free(path);
	free(rel);
}

static int
same_color(const struct theme_color *a, const struct theme_color *b)
{
	return a->kind == b->kind && a->value == b->value;
}

static int
same_style(const struct theme_style *a, const struct theme_style *b)
{
	return same_color(&a->fg, &b->fg) && same_color(&a->bg, &b->bg) &&
	    a->attrs == b->attrs;
}

/* Loads a shipped theme, checking it gives no diagnostics at all. */
static struct theme *
load_shipped(const char *name)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*rel, *path;

	rel = xasprintf("themes/%s.yaml", name);
	path = top_path(rel);
	diag_init(&dl);
	t = theme_load(path, &dl);
	if (dl.n != 0) {
		printf("  %s:\n", path);
		diag_print(&dl, stdout);
	}
	CHECK_INT(dl.n, 0);
	CHECK(t != NULL);
	if (t != NULL) {
		CHECK_STR(t->name, name);
		CHECK_STR(t->path, path);
	}
	diag_free(&dl);
	free(path);
	free(rel);
	return t;
}

static int
color_index(const char *s, int ncolors)
{
	struct theme_color	c;

	if (theme_parse_color(s, &c) != 0)
		return -2;
	return theme_color_index(&c, ncolors);
}

UNIT_TEST(elem_names)
{
	char	*path, *readme = NULL, *key;
	FILE	*f;
	long	 len;
	int	 e, e2;

	path = top_path("themes/README.md");
	if ((f = fopen(path, "rb")) != NULL) {
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		readme = xmalloc((size_t)len + 1);
		readme[fread(readme, 1, (size_t)len, f)] = '\0';
		fclose(f);
	}
	CHECK(readme != NULL);
	for (e = 0; e < THEME_NELEMS; e++) {
		CHECK(theme_elem_name(e) != NULL);
		if (theme_elem_name(e) == NULL)
			continue;
		CHECK_INT(theme_elem_find(theme_elem_name(e)), e);
		for (e2 = 0; e2 < e; e2++)
			CHECK(strcmp(theme_elem_name(e), theme_elem_name(e2)));
		/* The README documents every element as `name`. */
		key = xasprintf("`%s`", theme_elem_name(e));
		if (readme != NULL && strstr(readme, key) == NULL) {
			printf("  README lacks %s\n", key);
			unit_failed = 1;
		}
		free(key);
	}
	CHECK_STR(theme_elem_name(THEME_TL_DAY), "timeline.day");
	CHECK_STR(theme_elem_name(THEME_SEARCH_MATCH), "search.match");
	CHECK(theme_elem_name(THEME_NELEMS) == NULL);
	CHECK_INT(theme_elem_find("timeline.dya"), -1);
	CHECK_INT(theme_elem_find(NULL), -1);
	free(readme);
	free(path);
}

UNIT_TEST(shipped_themes_load_cleanly)
{
	static const char *const names[] = {
		"default", "light", "mono", "solarized-dark"
	};
	struct theme	*t;
	size_t		 i;
	int		 e;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		t = load_shipped(names[i]);
		if (t == NULL)
			continue;
		CHECK_INT(t->monochrome, strcmp(names[i], "mono") == 0);
		/* A monochrome theme has no colours left. */
		for (e = 0; t->monochrome && e < THEME_NELEMS; e++) {
			CHECK_INT(t->style[e].fg.kind, THEME_COLOR_DEFAULT);
			CHECK_INT(t->style[e].bg.kind, THEME_COLOR_DEFAULT);
		}
		theme_free(t);
	}
}

UNIT_TEST(builtin_matches_shipped)
{
	struct theme	*file, *builtin;
	int		 mono, e;

	for (mono = 0; mono <= 1; mono++) {
		file = load_shipped(mono ? "mono" : "default");
		builtin = theme_builtin(mono);
		CHECK_INT(builtin->monochrome, mono);
		CHECK(builtin->path == NULL);
		CHECK_STR(builtin->name, mono ? "mono" : "default");
		for (e = 0; file != NULL && e < THEME_NELEMS; e++) {
			if (!same_style(&file->style[e], &builtin->style[e])) {
				printf("  %s: %s differs\n", file->path,
				    theme_elem_name(e));
				unit_failed = 1;
			}
		}
		theme_free(file);
		theme_free(builtin);
	}
	/* Spot checks of the documented defaults. */
	builtin = theme_builtin(0);
	CHECK_INT(builtin->style[THEME_TL_SELECTED].bg.kind, THEME_COLOR_RGB);
	CHECK_INT(builtin->style[THEME_TL_SELECTED].bg.value, 0x87afff);
	CHECK_INT(builtin->style[THEME_TL_DAY].fg.value, 6);
	CHECK_INT(builtin->style[THEME_TL_DAY].attrs, THEME_BOLD);
	CHECK_INT(builtin->style[THEME_NORMAL].fg.kind, THEME_COLOR_DEFAULT);
	theme_free(builtin);
	builtin = theme_builtin(1);
	CHECK_INT(builtin->style[THEME_TL_SELECTED].attrs, THEME_REVERSE);
	CHECK_INT(builtin->style[THEME_ACTOR_CURRENT].attrs,
	    THEME_BOLD | THEME_UNDERLINE);
	theme_free(builtin);
}

UNIT_TEST(mono_distinguishes_elements)
{
	/* Pairs that share a place on screen must look different in mono. */
	static const int pairs[][2] = {
		{ THEME_TL_SELECTED, THEME_NORMAL },
		{ THEME_TL_SELECTED, THEME_TL_TITLE },
		{ THEME_SEARCH_MATCH, THEME_NORMAL },
		{ THEME_SEARCH_MATCH, THEME_TL_SELECTED },
		{ THEME_SEARCH_MATCH, THEME_ACTOR_CURRENT },
		{ THEME_ACTOR_CURRENT, THEME_DT_ACTOR },
		{ THEME_TL_DAY, THEME_TL_TITLE },
		{ THEME_TL_APPROX, THEME_TL_TIME },
		{ THEME_TL_ACTORS, THEME_TL_TITLE },
		{ THEME_DT_TITLE, THEME_DT_SUMMARY },
		{ THEME_DT_LABEL, THEME_DT_SUMMARY },
		{ THEME_DT_TAG, THEME_DT_SUMMARY },
		{ THEME_EX_QUOTE, THEME_EX_SOURCE },
		{ THEME_EX_NOTE, THEME_EX_QUOTE },
		{ THEME_STATUS, THEME_NORMAL },
		{ THEME_TOPLINE, THEME_NORMAL },
		{ THEME_ERROR, THEME_MESSAGE },
		{ THEME_HELP_KEY, THEME_HELP },
		{ THEME_ESCAPE, THEME_NORMAL },
	};
	struct theme	*dark;
	size_t		 i;
	int		 a, b;

	dark = theme_builtin(0);
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		a = theme_style(dark, pairs[i][0], 0)->attrs;
		b = theme_style(dark, pairs[i][1], 0)->attrs;
		if (a == b) {
			printf("  %s and %s look alike in mono\n",
			    theme_elem_name(pairs[i][0]),
			    theme_elem_name(pairs[i][1]));
			unit_failed = 1;
		}
	}
	theme_free(dark);
}

UNIT_TEST(style_without_colours)
{
	struct theme			*dark, *mono;
	const struct theme_style	*st;

	dark = theme_builtin(0);
	mono = theme_builtin(1);
	/* With colours: the theme's own style. */
	CHECK(theme_style(dark, THEME_TL_SELECTED, 256) ==
	    &dark->style[THEME_TL_SELECTED]);
	CHECK(theme_style(dark, THEME_TL_SELECTED, 8) ==
	    &dark->style[THEME_TL_SELECTED]);
	/* Without: the monochrome fallback, no colours. */
	st = theme_style(dark, THEME_TL_SELECTED, 0);
	CHECK_INT(st->attrs, THEME_REVERSE);
	CHECK_INT(st->fg.kind, THEME_COLOR_DEFAULT);
	CHECK_INT(st->bg.kind, THEME_COLOR_DEFAULT);
	CHECK_INT(theme_style(dark, THEME_SEARCH_MATCH, 2)->attrs,
	    THEME_REVERSE | THEME_BOLD);
	/* A monochrome theme is its own fallback. */
	CHECK(theme_style(mono, THEME_STATUS, 0) == &mono->style[THEME_STATUS]);
	CHECK(theme_style(mono, THEME_STATUS, 256) ==
	    &mono->style[THEME_STATUS]);
	CHECK_INT(theme_style(NULL, THEME_STATUS, 256)->attrs, THEME_REVERSE);
	theme_free(dark);
	theme_free(mono);
}

UNIT_TEST(parse_color)
{
	static const struct {
		const char	*s;
		int		 kind;
		int		 value;
	} good[] = {
		{ "black", THEME_COLOR_INDEX, 0 },
		{ "red", THEME_COLOR_INDEX, 1 },
		{ "white", THEME_COLOR_INDEX, 7 },
		{ "brightblack", THEME_COLOR_INDEX, 8 },
		{ "gray", THEME_COLOR_INDEX, 8 },
		{ "grey", THEME_COLOR_INDEX, 8 },
		{ "brightred", THEME_COLOR_INDEX, 9 },
		{ "brightwhite", THEME_COLOR_INDEX, 15 },
		{ "Magenta", THEME_COLOR_INDEX, 5 },
		{ "default", THEME_COLOR_DEFAULT, 0 },
		{ "0", THEME_COLOR_INDEX, 0 },
		{ "16", THEME_COLOR_INDEX, 16 },
		{ "255", THEME_COLOR_INDEX, 255 },
		{ "#ff0000", THEME_COLOR_RGB, 0xff0000 },
		{ "#5FafFF", THEME_COLOR_RGB, 0x5fafff },
		{ "#000000", THEME_COLOR_RGB, 0 },
	};
	static const char *const bad[] = {
		"", "bleu", "256", "1000", "-1", "+1", "1.5", " red", "red ",
		"#ff00", "#ff00000", "#gg0000", "ff0000", "#", "0x10",
		"bright", "brightdefault",
	};
	struct theme_color	c;
	size_t			i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		c.kind = THEME_COLOR_RGB;
		c.value = -1;
		CHECK_INT(theme_parse_color(good[i].s, &c), 0);
		CHECK_INT(c.kind, good[i].kind);
		CHECK_INT(c.value, good[i].value);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c.kind = THEME_COLOR_RGB;
		c.value = 12345;
		if (theme_parse_color(bad[i], &c) != -1) {
			printf("  accepted '%s'\n", bad[i]);
			unit_failed = 1;
		}
		/* A failed parse leaves the colour alone. */
		CHECK_INT(c.value, 12345);
	}
	CHECK_INT(theme_parse_color(NULL, &c), -1);
}

UNIT_TEST(color_index_256)
{
	struct theme_color	c;
	int			i;

	/* Exact cube and ramp colours, never the terminal-defined 0-15. */
	CHECK_INT(color_index("#ff0000", 256), 196);
	CHECK_INT(color_index("#000000", 256), 16);
	CHECK_INT(color_index("#ffffff", 256), 231);
	CHECK_INT(color_index("#5fafff", 256), 75);
	CHECK_INT(color_index("#d7d7af", 256), 187);
	CHECK_INT(color_index("#080808", 256), 232);
	CHECK_INT(color_index("#eeeeee", 256), 255);
	/* Nearest: #808080 is ramp 244 exactly, #7f7f7f and #828282 near. */
	CHECK_INT(color_index("#808080", 256), 244);
	CHECK_INT(color_index("#7f7f7f", 256), 244);
	CHECK_INT(color_index("#828282", 256), 244);
	CHECK_INT(color_index("#fe0101", 256), 196);
	CHECK_INT(color_index("#002b36", 256), 234);	/* #1c1c1c */
	CHECK_INT(color_index("#268bd2", 256), 32);
	/* Indexes and names are themselves; default is -1. */
	for (i = 0; i < 256; i++) {
		c.kind = THEME_COLOR_INDEX;
		c.value = i;
		CHECK_INT(theme_color_index(&c, 256), i);
	}
	CHECK_INT(color_index("brightred", 256), 9);
	CHECK_INT(color_index("default", 256), -1);
	/* More colours than 256 behave as 256; fewer than 8 as none. */
	CHECK_INT(color_index("#ff0000", 16777216), 196);
	CHECK_INT(color_index("#ff0000", 0), -1);
	CHECK_INT(color_index("red", 2), -1);
	c.kind = THEME_COLOR_INDEX;
	c.value = 300;
	CHECK_INT(theme_color_index(&c, 256), -1);
	CHECK_INT(theme_color_index(NULL, 256), -1);
}

UNIT_TEST(color_index_88)
{
	CHECK_INT(color_index("#ff0000", 88), 64);	/* cube (3,0,0) */
	CHECK_INT(color_index("196", 88), 64);
	CHECK_INT(color_index("#000000", 88), 16);
	CHECK_INT(color_index("#e7e7e7", 88), 87);	/* grey ramp */
	CHECK_INT(color_index("#2e2e2e", 88), 80);
	CHECK_INT(color_index("5", 88), 5);
	CHECK_INT(color_index("231", 88), 79);		/* white of the cube */
}

UNIT_TEST(color_index_16)
{
	CHECK_INT(color_index("#ff0000", 16), 9);
	CHECK_INT(color_index("#cd0000", 16), 1);
	CHECK_INT(color_index("#808080", 16), 8);
	CHECK_INT(color_index("#5fafff", 16), 12);
	CHECK_INT(color_index("#000000", 16), 0);
	CHECK_INT(color_index("#ffffff", 16), 15);
	CHECK_INT(color_index("#303030", 16), 0);	/* greys: 0 8 7 15 */
	CHECK_INT(color_index("#d0d0d0", 16), 7);
	CHECK_INT(color_index("#002b36", 16), 0);
	CHECK_INT(color_index("196", 16), 9);
	CHECK_INT(color_index("244", 16), 8);
	CHECK_INT(color_index("236", 16), 0);
	CHECK_INT(color_index("21", 16), 4);		/* #0000ff */
	CHECK_INT(color_index("12", 16), 12);
	CHECK_INT(color_index("brightcyan", 16), 14);
	CHECK_INT(color_index("default", 16), -1);
}

UNIT_TEST(color_index_8)
{
	/* Bright names become their dark twins. */
	CHECK_INT(color_index("brightred", 8), 1);
	CHECK_INT(color_index("brightblack", 8), 0);
	CHECK_INT(color_index("brightwhite", 8), 7);
	CHECK_INT(color_index("green", 8), 2);
	CHECK_INT(color_index("#ff0000", 8), 1);
	CHECK_INT(color_index("196", 8), 1);
	CHECK_INT(color_index("21", 8), 4);
	CHECK_INT(color_index("#5fafff", 8), 6);
	/* Greys go to black or white, not to the nearest hue (yellow). */
	CHECK_INT(color_index("#808080", 8), 7);
	CHECK_INT(color_index("#303030", 8), 0);
	CHECK_INT(color_index("#ffd700", 8), 3);
	CHECK_INT(color_index("default", 8), -1);
}

/* Every broken fixture, with exactly what it must say. */
UNIT_TEST(fixture_unknown_colour)
{
	check_fixture("unknown-colour.yaml", 0,
	    "unknown-colour.yaml:4:23: error: unknown colour 'bleu' (did you "
	    "mean 'blue'?)\n"
	    "unknown-colour.yaml:5:28: error: colour 300 is out of range "
	    "(expected 0-255)\n"
	    "unknown-colour.yaml:6:15: error: bad colour '#fff' (expected "
	    "#rrggbb: '#' and six hex digits)\n"
	    "unknown-colour.yaml:7:17: error: unknown colour 'purple' "
	    "(expected one of the 16 names, 0-255 or #rrggbb)\n");
}

UNIT_TEST(fixture_unknown_element)
{
	check_fixture("unknown-element.yaml", 0,
	    "unknown-element.yaml:4:3: error: unknown element 'timeline.dya' "
	    "(did you mean 'timeline.day'?)\n"
	    "unknown-element.yaml:5:3: error: unknown element 'selected' "
	    "(did you mean 'timeline.selected'?)\n"
	    "unknown-element.yaml:6:3: error: unknown element 'sidebar' "
	    "(themes/README.md lists them)\n"
	    "unknown-element.yaml:7:19: error: unknown key 'fgg' in the style "
	    "of 'detail.title' (did you mean 'fg'?)\n");
}

UNIT_TEST(fixture_unknown_attr)
{
	check_fixture("unknown-attr.yaml", 0,
	    "unknown-attr.yaml:4:33: error: unknown attribute 'blod' (did you "
	    "mean 'bold'?)\n"
	    "unknown-attr.yaml:6:12: error: unknown attribute 'sparkle' "
	    "(expected bold, dim, underline, reverse, italic, blink or "
	    "none)\n");
}

UNIT_TEST(fixture_syntax)
{
	/* Only the syntax error: not the misread "cyan status" before it. */
	check_fixture("syntax.yaml", 0,
	    "syntax.yaml:5:9: error: did not find expected ',' or '}' (while "
	    "parsing a flow mapping at line 4, column 17)\n");
	check_fixture("flow-comment-colour.yaml", 0,
	    "flow-comment-colour.yaml:5:9: error: did not find expected ',' "
	    "or '}' (while parsing a flow mapping at line 4, column 17); "
	    "quote #rrggbb colours (\"#00ffff\" on line 4), since # starts "
	    "a comment\n");
	/* The error falls on the next line: the hint finds the colour. */
	check_fixture("flow-comment-colour-last.yaml", 0,
	    "flow-comment-colour-last.yaml:6:1: error: did not find expected "
	    "node content (while parsing a flow node at line 6, column 1); "
	    "quote #rrggbb colours (\"#ff0000\" on line 5), since # starts "
	    "a comment\n");
	check_fixture("tab-indent.yaml", 0,
	    "tab-indent.yaml:4:1: error: found character that cannot start "
	    "any token (while scanning for the next token at line 4, column "
	    "1); indent with spaces, not tabs\n");
}

UNIT_TEST(fixture_structure)
{
	check_fixture("missing-name.yaml", 0,
	    "missing-name.yaml:2:1: error: missing 'name' (add a line such as "
	    "'name: mytheme')\n");
	check_fixture("empty.yaml", 0,
	    "empty.yaml:1:1: error: the theme is empty (expected 'name:' and "
	    "'styles:')\n");
	check_fixture("not-a-mapping.yaml", 0,
	    "not-a-mapping.yaml:2:1: error: a theme must be a mapping of "
	    "name, monochrome and styles, not a list\n");
	check_fixture("styles-list.yaml", 0,
	    "styles-list.yaml:4:3: error: 'styles' must be a mapping of "
	    "elements to styles, not a list\n");
	check_fixture("two-documents.yaml", 0,
	    "two-documents.yaml:2:1: error: a theme file holds one YAML "
	    "document (remove this second one)\n");
	check_fixture("top-level-element.yaml", 0,
	    "top-level-element.yaml:3:1: error: element 'timeline.day' must "
	    "go under 'styles:'\n");
	check_fixture("duplicate.yaml", 0,
	    "duplicate.yaml:5:3: error: 'status' is given twice (first on "
	    "line 4)\n"
	    "duplicate.yaml:6:22: error: 'fg' is given twice (first on line "
	    "6)\n"
	    "duplicate.yaml:7:1: error: 'name' is given twice (first on line "
	    "2)\n");
}

UNIT_TEST(fixture_wrong_types)
{
	check_fixture("wrong-types.yaml", 0,
	    "wrong-types.yaml:2:7: error: 'name' must be a string, not a "
	    "list\n"
	    "wrong-types.yaml:3:13: error: 'monochrome' must be true or "
	    "false, not 'maybe'\n"
	    "wrong-types.yaml:5:11: error: the style of 'status' must be a "
	    "mapping such as { fg: cyan, attrs: [bold] }, not a string\n"
	    "wrong-types.yaml:6:15: error: 'fg' of 'help' must be a colour, "
	    "not a list\n"
	    "wrong-types.yaml:6:26: error: 'bg' of 'help' must be a colour, "
	    "not a mapping\n"
	    "wrong-types.yaml:6:43: error: 'attrs' of 'help' must be a list "
	    "such as [bold, underline] or one name, not a mapping\n"
	    "wrong-types.yaml:7:27: error: attributes of 'prompt' must be "
	    "names, not a list\n");
	check_fixture("comment-colour.yaml", 0,
	    "comment-colour.yaml:5:5: error: 'fg' of 'status' has no value "
	    "(quote #rrggbb colours, as in fg: \"#ff0000\", since # starts a "
	    "comment)\n"
	    "comment-colour.yaml:6:5: error: 'bg' of 'status' has no value "
	    "(expected one of the 16 names, 0-255 or #rrggbb)\n");
}

UNIT_TEST(fixture_hostile)
{
	check_fixture("alias.yaml", 0,
	    "alias.yaml:5:12: error: aliases are not allowed in themes (write "
	    "the value out in full)\n"
	    "alias.yaml:6:15: error: aliases are not allowed in themes (write "
	    "the value out in full)\n");
	/* As in content: the first bad byte, then nothing more is read. */
	check_fixture("invalid-utf8.yaml", 0,
	    "invalid-utf8.yaml:2:10: error: invalid UTF-8 (byte 0xe9)\n");
	check_fixture("control-char.yaml", 0,
	    "control-char.yaml:2:10: error: control characters are not "
	    "allowed (byte 0x01)\n");
	check_fixture("deep.yaml", 0,
	    "deep.yaml:3:9: error: 'styles' must be a mapping of elements to "
	    "styles, not a list\n"
	    "deep.yaml:3:40: error: nesting deeper than 32 levels\n");
}

UNIT_TEST(fixture_warnings_only)
{
	check_fixture("good/unknown-key.yaml", 1,
	    "good/unknown-key.yaml:3:1: warning: unknown key 'author' ignored "
	    "(expected name, background, monochrome or styles)\n"
	    "good/unknown-key.yaml:4:1: warning: unknown key 'style' ignored "
	    "(did you mean 'styles'?)\n");
	check_fixture("good/mono-colours.yaml", 1,
	    "good/mono-colours.yaml:5:13: warning: 'fg' of 'status' is "
	    "ignored in a monochrome theme\n");
	/* Loads; a light normal under dark defaults reads badly (palette.c). */
	check_fixture("good/partial.yaml", 1,
	    "good/partial.yaml:5:3: warning: 'timeline.day' reads at 3.8:1 on "
	    "8, 16 colours (#5c5cff on #e5e5e5; text needs 4.5:1): choose "
	    "other colours (dossier --check-theme shows them all)\n"
	    "good/partial.yaml:6:3: warning: 'timeline.selected' reads at "
	    "2.2:1 on 8, 16, 256 colours (#0000ee on #000000; text needs "
	    "4.5:1): choose other colours (dossier --check-theme shows them "
	    "all)\n"
	    "good/partial.yaml:4:3: warning: 15 elements left to the defaults "
	    "read below the minimum contrast on this theme's background: "
	    "message, timeline.time, timeline.actors, timeline.approximate, "
	    "detail.title, detail.date, detail.label, detail.actor, "
	    "detail.tag, excerpt.source, excerpt.quote, excerpt.note, "
	    "actor.current, prompt, escape (set them, or see dossier "
	    "--check-theme)\n");
}

UNIT_TEST(cannot_open)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*path;

	path = top_path(FIXTURES "/no-such-theme.yaml");
	diag_init(&dl);
	t = theme_load(path, &dl);
	CHECK(t == NULL);
	CHECK_INT(dl.n, 1);
	if (dl.n == 1) {
		CHECK_STR(dl.v[0].file, path);
		CHECK_INT(dl.v[0].line, 0);
		CHECK_INT(dl.v[0].col, 0);
		CHECK_INT(dl.v[0].level, DIAG_ERROR);
		CHECK_STR(dl.v[0].msg,
		    "cannot open theme: No such file or directory");
	}
	diag_free(&dl);
	free(path);
}

UNIT_TEST(fallback_to_default)
{
	struct diag_list	 dl;
	struct theme		*t, *dark;
	char			*path;
	const struct theme_style *st;

	path = top_path(FIXTURES "/good/partial.yaml");
	diag_init(&dl);
	t = theme_load(path, &dl);
	dark = theme_builtin(0);
	CHECK(t != NULL);
	if (t == NULL)
		goto out;
	CHECK_STR(t->name, "partial");
	CHECK_INT(t->monochrome, 0);
	/* Set in the file. */
	st = &t->style[THEME_NORMAL];
	CHECK_INT(st->fg.kind, THEME_COLOR_INDEX);
	CHECK_INT(st->fg.value, 0);
	CHECK_INT(st->bg.kind, THEME_COLOR_RGB);
	CHECK_INT(st->bg.value, 0xffffd7);
	/* Set, but without bg: normal's bg. */
	st = &t->style[THEME_TL_DAY];
	CHECK_INT(st->fg.value, 4);
	CHECK_INT(st->bg.value, 0xffffd7);
	CHECK_INT(st->attrs, THEME_BOLD);
	/* Set, but without fg: normal's fg. */
	st = &t->style[THEME_TL_SELECTED];
	CHECK_INT(st->fg.kind, THEME_COLOR_INDEX);
	CHECK_INT(st->fg.value, 0);
	CHECK_INT(st->bg.value, 4);
	CHECK_INT(st->attrs, THEME_REVERSE);
	/* Not set, and plain in the default: all normal's. */
	CHECK(same_style(&t->style[THEME_TL_TITLE], &t->style[THEME_NORMAL]));
	/* Not set: the default's style, whose own bg is normal's. */
	CHECK(same_style(&t->style[THEME_STATUS], &dark->style[THEME_STATUS]));
	CHECK(same_style(&t->style[THEME_HELP], &dark->style[THEME_HELP]));
	st = &t->style[THEME_EX_QUOTE];
	CHECK_INT(st->fg.value, 0xd7d7af);
	CHECK_INT(st->bg.value, 0xffffd7);
	CHECK_INT(st->attrs, THEME_ITALIC);
out:
	theme_free(t);
	theme_free(dark);
	diag_free(&dl);
	free(path);
}

UNIT_TEST(fallback_to_mono)
{
	struct diag_list	 dl;
	struct theme		*t, *mono;
	char			*path;
	int			 e;

	path = top_path(FIXTURES "/good/mono-colours.yaml");
	diag_init(&dl);
	t = theme_load(path, &dl);
	mono = theme_builtin(1);
	CHECK(t != NULL);
	for (e = 0; t != NULL && e < THEME_NELEMS; e++) {
		/* status is set (colour dropped); the rest are mono's. */
		if (e != THEME_STATUS)
			CHECK(same_style(&t->style[e], &mono->style[e]));
	}
	if (t != NULL) {
		CHECK_INT(t->monochrome, 1);
		CHECK_INT(t->style[THEME_STATUS].attrs, THEME_REVERSE);
		CHECK_INT(t->style[THEME_STATUS].fg.kind, THEME_COLOR_DEFAULT);
	}
	theme_free(t);
	theme_free(mono);
	diag_free(&dl);
	free(path);
}

UNIT_TEST(unknown_key_loads)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*path;

	/* Colours and attributes are case-blind; none adds nothing. */
	path = top_path(FIXTURES "/good/unknown-key.yaml");
	diag_init(&dl);
	t = theme_load(path, &dl);
	CHECK(t != NULL);
	CHECK_INT(dl.errors, 0);
	CHECK_INT(dl.warnings, 2);
	if (t != NULL) {
		CHECK_INT(t->style[THEME_STATUS].fg.value, 1);
		CHECK_INT(t->style[THEME_STATUS].attrs, THEME_BOLD);
	}
	theme_free(t);
	diag_free(&dl);
	free(path);
}

UNIT_TEST(size_limit)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			*data, path[] = "/tmp/test-theme.XXXXXX";
	size_t			 max = 1024 * 1024, i;
	FILE			*f;
	int			 fd;

	/* Exactly 1 MiB loads: a name, then comment lines. */
	data = xmalloc(max + 1);
	memset(data, '#', max + 1);
	memcpy(data, "name: big\n", 10);
	for (i = 80; i < max + 1; i += 80)
		data[i] = '\n';
	diag_init(&dl);
	t = theme_load_buffer("big.yaml", data, max, &dl);
	CHECK(t != NULL);
	CHECK_INT(dl.n, 0);
	theme_free(t);
	diag_free(&dl);

	/* One byte more does not, from memory or from a file. */
	diag_init(&dl);
	CHECK(theme_load_buffer("big.yaml", data, max + 1, &dl) == NULL);
	CHECK_INT(dl.n, 1);
	diag_free(&dl);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		CHECK(!"cannot make a temporary file");
		free(data);
		return;
	}
	fwrite(data, 1, max + 1, f);
	fclose(f);
	diag_init(&dl);
	CHECK(theme_load(path, &dl) == NULL);
	CHECK_INT(dl.n, 1);
	if (dl.n == 1) {
		CHECK_INT(dl.v[0].line, 0);
		CHECK_STR(dl.v[0].msg, "theme file is larger than 1 MiB");
	}
	diag_free(&dl);
	unlink(path);
	free(data);
}

UNIT_TEST(many_aliases_capped)
{
	struct diag_list	 dl;
	struct buf		 b;
	int			 i;

	/*
	 * A billion-laughs shape: every alias refused, the list capped and
	 * marked so (diag_print then says it stopped).
	 */
	buf_init(&b);
	buf_adds(&b, "name: laughs\nx: &a [lol, lol]\ny: [");
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "*a, ");
	buf_adds(&b, "*a]\n");
	diag_init(&dl);
	CHECK(theme_load_buffer("laughs.yaml", b.data, b.len, &dl) == NULL);
	CHECK_INT(dl.errors, DIAG_MAX_ERRORS);
	CHECK(dl.truncated);
	diag_free(&dl);
	buf_free(&b);
}

UNIT_TEST(byte_order_mark)
{
	static const char	 data[] = "\xef\xbb\xbfname: [x]\n";
	struct diag_list	 dl;

	/* The BOM is dropped and does not shift columns. */
	diag_init(&dl);
	CHECK(theme_load_buffer("bom.yaml", data, sizeof data - 1, &dl) ==
	    NULL);
	CHECK_INT(dl.n, 1);
	if (dl.n == 1) {
		CHECK_INT(dl.v[0].line, 1);
		CHECK_INT(dl.v[0].col, 7);
	}
	diag_free(&dl);
}

UNIT_TEST(escaped_values_in_messages)
{
	static const char	 data[] = "name: esc\nstyles:\n"
	    "  status: { fg: \"\\e[2J\\u202e\" }\n"
	    "  \"help\\0\": {}\n";
	struct diag_list	 dl;

	/* Values quoted back must not carry escapes to the terminal. */
	diag_init(&dl);
	CHECK(theme_load_buffer("esc.yaml", data, sizeof data - 1, &dl) ==
	    NULL);
	CHECK_INT(dl.n, 2);
	if (dl.n == 2) {
		CHECK_STR(dl.v[0].msg, "unknown colour '\\x1b[2J\\u202e' "
		    "(expected one of the 16 names, 0-255 or #rrggbb)");
		CHECK_STR(dl.v[1].msg, "unknown element 'help\\x00' (did you "
		    "mean 'help'?)");
	}
	diag_free(&dl);
}

/* Mutates a shipped theme at random: nothing may crash or leak. */
UNIT_TEST(mutations_do_not_crash)
{
	static const char	 bytes[] = "{}[],:&*!|>'\"%@`#-?\t\n \xff\xc3";
	struct diag_list	 dl;
	struct theme		*t;
	char			*path, *orig, *data;
	size_t			 len, i, n;
	uint32_t		 seed = 12345;
	FILE			*f;
	int			 round;

	path = top_path("themes/default.yaml");
	if ((f = fopen(path, "rb")) == NULL) {
		CHECK(!"cannot open themes/default.yaml");
		free(path);
		return;
	}
	orig = xmalloc(8192);
	len = fread(orig, 1, 8192, f);
	fclose(f);
	data = xmalloc(len);
	for (round = 0; round < 2000; round++) {
		memcpy(data, orig, len);
		n = 1 + round % 8;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			data[(seed >> 8) % len] =
			    bytes[(seed >> 20) % (sizeof bytes - 1)];
		}
		seed = seed * 1103515245 + 12345;
		diag_init(&dl);
		t = theme_load_buffer("fuzz.yaml", data,
		    (seed >> 8) % (len + 1), &dl);
		/* A theme comes back exactly when there are no errors. */
		CHECK((t != NULL) == (dl.errors == 0));
		theme_free(t);
		diag_free(&dl);
	}
	free(data);
	free(orig);
	free(path);
}

UNIT_TEST(list_shipped)
{
	char	**paths, *dir, *want;
	size_t	  n, i;
	static const char *const names[] = {
		"default.yaml", "light.yaml", "mono.yaml", "solarized-dark.yaml"
	};

	dir = top_path("themes");
	n = theme_list(dir, &paths);
	CHECK_INT(n, 4);
	for (i = 0; i < n && i < 4; i++) {
		want = xasprintf("%s/%s", dir, names[i]);
		CHECK_STR(paths[i], want);
		free(want);
	}
	theme_list_free(paths, n);
	free(dir);
}

UNIT_TEST(list_order_and_filter)
{
	static const char *const files[] = {
		"zeta.yaml", "b.yaml", "a.yaml", "B.yaml", "notes.txt",
		"c.yml", ".hidden.yaml", ".yaml", "a.yaml~"
	};
	char	  dir[] = "/tmp/test-theme-dir.XXXXXX", *p, **paths;
	size_t	  n, i;
	FILE	 *f;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"cannot make a temporary directory");
		return;
	}
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		p = xasprintf("%s/%s", dir, files[i]);
		if ((f = fopen(p, "w")) != NULL)
			fclose(f);
		free(p);
	}
	p = xasprintf("%s/dir.yaml", dir);	/* a directory: not a theme */
	mkdir(p, 0700);
	free(p);

	/* Byte order, so upper case first; a trailing slash is fine. */
	p = xasprintf("%s/", dir);
	n = theme_list(p, &paths);
	free(p);
	CHECK_INT(n, 4);
	if (n == 4) {
		static const char *const want[] = {
			"B.yaml", "a.yaml", "b.yaml", "zeta.yaml"
		};

		for (i = 0; i < 4; i++) {
			p = xasprintf("%s/%s", dir, want[i]);
			CHECK_STR(paths[i], p);
			free(p);
		}
	}
	theme_list_free(paths, n);

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		p = xasprintf("%s/%s", dir, files[i]);
		unlink(p);
		free(p);
	}
	p = xasprintf("%s/dir.yaml", dir);
	rmdir(p);
	free(p);
	rmdir(dir);

	n = theme_list("/nonexistent/themes", &paths);
	CHECK_INT(n, 0);
	CHECK(paths == NULL);
	theme_list_free(paths, n);
}

UNIT_TEST(background_declared)
{
	static const struct {
		const char	*name;
		int		 bg;
	} shipped[] = {
		{ "default", THEME_BG_DARK }, { "light", THEME_BG_LIGHT },
		{ "mono", THEME_BG_DARK }, { "solarized-dark", THEME_BG_DARK },
	};
	struct theme	*t;
	size_t		 i;

	for (i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		t = load_shipped(shipped[i].name);
		if (t == NULL)
			continue;
		CHECK_INT(t->background, shipped[i].bg);
		/* mono fits both; the others only their own. */
		CHECK(theme_fits(t, shipped[i].bg));
		CHECK_INT(theme_fits(t, !shipped[i].bg), t->monochrome);
		theme_free(t);
	}
	/*
	 * The light theme brings its own background: on a dark terminal,
	 * black titles are no longer black on the terminal's black.
	 */
	t = load_shipped("light");
	if (t != NULL) {
		CHECK_INT(t->style[THEME_NORMAL].bg.kind, THEME_COLOR_RGB);
		CHECK_INT(t->style[THEME_NORMAL].bg.value, 0xffffff);
		CHECK_INT(t->style[THEME_NORMAL].fg.value, 0x000000);
		CHECK_INT(t->style[THEME_DT_TITLE].bg.kind, THEME_COLOR_RGB);
		CHECK_INT(t->style[THEME_DT_TITLE].bg.value, 0xffffff);
		CHECK_INT(theme_color_index(&t->style[THEME_NORMAL].bg, 8), 7);
		CHECK_INT(theme_color_index(&t->style[THEME_NORMAL].bg, 256),
		    231);
	}
	theme_free(t);
	/* The dark default keeps the terminal's own background. */
	t = load_shipped("default");
	if (t != NULL)
		CHECK_INT(t->style[THEME_NORMAL].bg.kind, THEME_COLOR_DEFAULT);
	theme_free(t);
}

UNIT_TEST(background_errors)
{
	static const char	 bad[] = "name: x\nbackground: ligth\n";
	static const char	 list[] = "name: x\nbackground: [dark]\n";
	static const char	 own[] = "name: x\nbackground: light\n"
	    "styles:\n  normal: { bg: default }\n";
	struct diag_list	 dl;
	struct theme		*t;

	diag_init(&dl);
	CHECK(theme_load_buffer("b.yaml", bad, sizeof bad - 1, &dl) == NULL);
	CHECK(theme_load_buffer("l.yaml", list, sizeof list - 1, &dl) ==
	    NULL);
	CHECK_INT(dl.n, 2);
	if (dl.n == 2) {
		CHECK_INT(dl.v[0].line, 2);
		CHECK_INT(dl.v[0].col, 13);
		CHECK_STR(dl.v[0].msg, "'background' must be dark or light, "
		    "not 'ligth' (did you mean 'light'?)");
		CHECK_STR(dl.v[1].msg, "'background' must be dark or light, "
		    "not a list");
	}
	diag_free(&dl);
	/* A light theme that names its background keeps it. */
	diag_init(&dl);
	t = theme_load_buffer("o.yaml", own, sizeof own - 1, &dl);
	CHECK(t != NULL);
	if (t != NULL) {
		CHECK_INT(t->background, THEME_BG_LIGHT);
		CHECK_INT(t->style[THEME_NORMAL].bg.kind, THEME_COLOR_DEFAULT);
	}
	theme_free(t);
	diag_free(&dl);
}

UNIT_TEST(names_and_paths)
{
	char	*dir, **v, *s;
	size_t	 n;

	dir = top_path("themes");
	n = theme_list_names(dir, &v);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(v[0], "default");
		CHECK_STR(v[3], "solarized-dark");
	}
	theme_list_free(v, n);
	s = theme_list_text(dir);
	CHECK_STR(s, "default, light, mono, solarized-dark");
	free(s);
	s = theme_list_text("/nonexistent");
	CHECK_STR(s, "none");
	free(s);
	s = theme_list_path("/t", "light");
	CHECK_STR(s, "/t/light.yaml");
	free(s);
	s = theme_list_path("/t", "./mine.yaml");
	CHECK_STR(s, "./mine.yaml");
	free(s);
	s = theme_list_path("/t", "mine.yaml");
	CHECK_STR(s, "mine.yaml");
	free(s);
	/* What t may offer on each background. */
	n = theme_list_fitting(dir, THEME_BG_DARK, &v);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK(strstr(v[0], "/default.yaml") != NULL);
		CHECK(strstr(v[1], "/mono.yaml") != NULL);
		CHECK(strstr(v[2], "/solarized-dark.yaml") != NULL);
	}
	theme_list_free(v, n);
	n = theme_list_fitting(dir, THEME_BG_LIGHT, &v);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK(strstr(v[0], "/light.yaml") != NULL);
		CHECK(strstr(v[1], "/mono.yaml") != NULL);
	}
	theme_list_free(v, n);
	free(dir);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(elem_names),
	UNIT_ENTRY(shipped_themes_load_cleanly),
	UNIT_ENTRY(builtin_matches_shipped),
	UNIT_ENTRY(mono_distinguishes_elements),
	UNIT_ENTRY(style_without_colours),
	UNIT_ENTRY(parse_color),
	UNIT_ENTRY(color_index_256),
	UNIT_ENTRY(color_index_88),
	UNIT_ENTRY(color_index_16),
	UNIT_ENTRY(color_index_8),
	UNIT_ENTRY(fixture_unknown_colour),
	UNIT_ENTRY(fixture_unknown_element),
	UNIT_ENTRY(fixture_unknown_attr),
	UNIT_ENTRY(fixture_syntax),
	UNIT_ENTRY(fixture_structure),
	UNIT_ENTRY(fixture_wrong_types),
	UNIT_ENTRY(fixture_hostile),
	UNIT_ENTRY(fixture_warnings_only),
	UNIT_ENTRY(cannot_open),
	UNIT_ENTRY(fallback_to_default),
	UNIT_ENTRY(fallback_to_mono),
	UNIT_ENTRY(unknown_key_loads),
	UNIT_ENTRY(size_limit),
	UNIT_ENTRY(many_aliases_capped),
	UNIT_ENTRY(byte_order_mark),
	UNIT_ENTRY(escaped_values_in_messages),
	UNIT_ENTRY(mutations_do_not_crash),
	UNIT_ENTRY(list_shipped),
	UNIT_ENTRY(list_order_and_filter),
	UNIT_ENTRY(background_declared),
	UNIT_ENTRY(background_errors),
	UNIT_ENTRY(names_and_paths),
};

int
main(void)
{
	return UNIT_RUN(tests);
}
