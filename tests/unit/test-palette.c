/*
 * test-palette.c: unit tests for the palette module: xterm's palette, WCAG 2
 * contrast, the pairs elements appear in at 8, 16 and 256 colours (bold
 * brightening, stand-ins for colours a terminal lacks), and every bundled
 * theme readable at every depth. Paths are relative to $TOP.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "theme.h"
#include "unit.h"

#define CHECK_NEAR(a, b) do {						\
	double unit_x_ = (a), unit_y_ = (b);				\
	if (fabs(unit_x_ - unit_y_) > 0.01) {				\
		printf("  %s:%d: %s == %.3f, expected %.3f\n",		\
		    __FILE__, __LINE__, #a, unit_x_, unit_y_);		\
		unit_failed = 1;					\
	}								\
} while (0)

/* Returns a newly allocated path under the checkout; caller frees. */
static char *
top_path(const char *rel)
{
	const char	*top = getenv("TOP");

	if (top == NULL || *top == '\0')
		return xstrdup(rel);
	return xasprintf("%s/%s", top, rel);
}

/* Loads a theme from text; NULL if it does not load. Caller frees. */
static struct theme *
theme_from(const char *text, struct diag_list *dl)
{
	return theme_load_buffer("test.yaml", text, strlen(text), dl);
}

/* Returns the number of pairs of t below their minimum at 8, 16 and 256. */
static int
low_pairs(const struct theme *t, int verbose)
{
	static const int	depths[] = { 8, 16, 256 };
	struct palette_pair	pp;
	size_t			d;
	int			e, low = 0;

	for (e = 0; e < THEME_NELEMS; e++) {
		for (d = 0; d < 3; d++) {
			palette_pair(t, e, depths[d], &pp);
			if (pp.ratio >= pp.min)
				continue;
			low++;
			if (verbose)
				printf("  %s: %s at %d colours: #%06x on "
				    "#%06x, %.2f:1\n", t->name,
				    theme_elem_name(e), depths[d],
				    (unsigned)pp.fg_rgb, (unsigned)pp.bg_rgb,
				    pp.ratio);
		}
	}
	return low;
}

UNIT_TEST(xterm_palette)
{
	CHECK_INT(palette_rgb(0), 0x000000);
	CHECK_INT(palette_rgb(8), 0x7f7f7f);
	CHECK_INT(palette_rgb(12), 0x5c5cff);
	CHECK_INT(palette_rgb(15), 0xffffff);
	CHECK_INT(palette_rgb(16), 0x000000);
	CHECK_INT(palette_rgb(75), 0x5fafff);
	CHECK_INT(palette_rgb(231), 0xffffff);
	CHECK_INT(palette_rgb(232), 0x080808);
	CHECK_INT(palette_rgb(244), 0x808080);
	CHECK_INT(palette_rgb(255), 0xeeeeee);
	CHECK_INT(palette_rgb88(79), 0xffffff);
	CHECK_INT(palette_rgb88(80), 0x2e2e2e);
}

UNIT_TEST(wcag_contrast)
{
	CHECK_NEAR(palette_luminance(0xffffff), 1.0);
	CHECK_NEAR(palette_luminance(0x000000), 0.0);
	CHECK_NEAR(palette_contrast(0xffffff, 0x000000), 21.0);
	CHECK_NEAR(palette_contrast(0x000000, 0xffffff), 21.0);
	CHECK_NEAR(palette_contrast(0x777777, 0x777777), 1.0);
	/* Figures from the issue: grey50 on cyan, #5c5cff on black. */
	CHECK_NEAR(palette_contrast(0x7f7f7f, 0x00cdcd), 2.02);
	CHECK_NEAR(palette_contrast(0x000000, 0x00cdcd), 10.61);
	CHECK_NEAR(palette_contrast(0x5c5cff, 0x000000), 4.43);
	/* #767676 is the lightest grey reading at 4.5:1 on white. */
	CHECK(palette_contrast(0x767676, 0xffffff) >= 4.5);
	CHECK(palette_contrast(0x777777, 0xffffff) < 4.5);
}

UNIT_TEST(bold_brightens_0_to_7)
{
	struct diag_list	 dl;
	struct theme		*t;
	struct palette_pair	 pp;

	diag_init(&dl);
	t = theme_from("name: t\nstyles:\n"
	    "  topline: { fg: black, bg: cyan, attrs: [bold] }\n"
	    "  status: { fg: 16, bg: cyan, attrs: [bold] }\n"
	    "  prompt: { fg: \"#000000\", bg: cyan, attrs: [bold] }\n", &dl);
	CHECK(t != NULL);
	if (t == NULL)
		goto out;
	/* Named black in bold: xterm shows grey50, at every depth. */
	palette_pair(t, THEME_TOPLINE, 256, &pp);
	CHECK_INT(pp.fg, 0);
	CHECK_INT(pp.fg_rgb, 0x7f7f7f);
	CHECK(pp.ratio < 4.5);
	palette_pair(t, THEME_TOPLINE, 8, &pp);
	CHECK_INT(pp.fg_rgb, 0x7f7f7f);
	/* Index 16 is not brightened: bold kept at 256 colours... */
	palette_pair(t, THEME_STATUS, 256, &pp);
	CHECK_INT(pp.fg, 16);
	CHECK_INT(pp.fg_rgb, 0x000000);
	CHECK(pp.attrs & THEME_BOLD);
	/* ...and dropped where it becomes 0, which bold would turn grey. */
	palette_pair(t, THEME_STATUS, 16, &pp);
	CHECK_INT(pp.fg, 0);
	CHECK_INT(pp.fg_rgb, 0x000000);
	CHECK(!(pp.attrs & THEME_BOLD));
	palette_pair(t, THEME_PROMPT, 8, &pp);
	CHECK_INT(pp.fg_rgb, 0x000000);
	CHECK(!(pp.attrs & THEME_BOLD));
	CHECK_NEAR(pp.ratio, 10.61);
	/* The loader warns at the element, line 3 column 3. */
	CHECK(dl.n >= 1);
	if (dl.n >= 1) {
		CHECK_INT(dl.v[0].level, DIAG_WARNING);
		CHECK_INT(dl.v[0].line, 3);
		CHECK_INT(dl.v[0].col, 3);
		CHECK(strstr(dl.v[0].msg, "'topline' reads at 2.0:1") != NULL);
	}
out:
	theme_free(t);
	diag_free(&dl);
}

/* Issue 11 item 4: on 8 colours a grey never becomes black on black. */
UNIT_TEST(grey_on_8_colours_is_dim_default)
{
	struct theme		*t;
	struct palette_pair	 pp;
	static const int	 greys[] = {
		THEME_BORDER, THEME_EX_NOTE, THEME_TL_APPROX
	};
	size_t			 i;

	t = theme_builtin(0);
	for (i = 0; i < 3; i++) {
		palette_pair(t, greys[i], 8, &pp);
		CHECK_INT(pp.fg, -1);
		CHECK(pp.attrs & THEME_DIM);
		CHECK(pp.ratio >= pp.min);
		/* 16 and 256 colours have the grey itself. */
		palette_pair(t, greys[i], 16, &pp);
		CHECK_INT(pp.fg, 8);
		CHECK(!(pp.attrs & THEME_DIM));
		palette_pair(t, greys[i], 256, &pp);
		CHECK_INT(pp.fg, 8);
	}
	theme_free(t);
}

/* A colour the terminal lacks becomes the nearest that reads. */
UNIT_TEST(stand_in_reads)
{
	struct diag_list	 dl;
	struct theme		*t;
	struct palette_pair	 pp;

	diag_init(&dl);
	t = theme_from("name: t\nstyles:\n"
	    "  escape: { fg: brightred }\n"
	    "  excerpt.source: { fg: \"#5fafff\" }\n"
	    "  detail.tag: { fg: \"#303030\" }\n"
	    "  error: { fg: \"#ffffff\", bg: \"#005f87\" }\n", &dl);
	CHECK(t != NULL);
	if (t == NULL)
		goto out;
	/* Red on black is 3.6:1: brightred on 8 colours takes another. */
	palette_pair(t, THEME_ESCAPE, 8, &pp);
	CHECK(pp.fg != 1);
	CHECK(pp.ratio >= 4.5);
	palette_pair(t, THEME_ESCAPE, 16, &pp);
	CHECK_INT(pp.fg, 9);
	/* #5fafff is 12 on 16 colours, 4.43:1: the nearest readable. */
	palette_pair(t, THEME_EX_SOURCE, 16, &pp);
	CHECK_INT(pp.fg, 6);
	palette_pair(t, THEME_EX_SOURCE, 256, &pp);
	CHECK_INT(pp.fg, 75);
	/* A dark grey: the default foreground, dimmed, at every depth. */
	palette_pair(t, THEME_DT_TAG, 8, &pp);
	CHECK_INT(pp.fg, -1);
	CHECK(pp.attrs & THEME_DIM);
	/* An element's own background changes when its text cannot read. */
	palette_pair(t, THEME_ERROR, 16, &pp);
	CHECK_INT(pp.bg, 4);
	CHECK(pp.ratio >= 4.5);
	/* Exact colours are left alone: #303030 exists at 256. */
	palette_pair(t, THEME_DT_TAG, 256, &pp);
	CHECK_INT(pp.fg, 236);
	CHECK(pp.ratio < 4.5);
out:
	theme_free(t);
	diag_free(&dl);
}

UNIT_TEST(background_kind)
{
	struct diag_list	 dl;
	struct theme		*t;

	diag_init(&dl);
	t = theme_builtin(0);
	CHECK_INT(palette_light(t), 0);
	theme_free(t);
	t = theme_from("name: paper\nstyles:\n  normal: { bg: \"#ffffd7\" }\n",
	    &dl);
	CHECK(t != NULL && palette_light(t) == 1);
	theme_free(t);
	t = theme_from("name: my-light\n", &dl);
	CHECK(t != NULL && palette_light(t) == 1);
	theme_free(t);
	diag_free(&dl);
}

/* The contract of issue 18: every bundled theme at every depth. */
UNIT_TEST(bundled_themes_readable)
{
	struct diag_list	 dl;
	struct theme		*t;
	char			**paths, *dir;
	size_t			 n, i, j;
	FILE			*null;

	dir = top_path("themes");
	n = theme_list(dir, &paths);
	CHECK(n >= 4);
	null = fopen("/dev/null", "w");
	for (i = 0; i < n; i++) {
		diag_init(&dl);
		t = theme_load(paths[i], &dl);
		CHECK(t != NULL);
		for (j = 0; j < dl.n; j++)
			printf("  %s:%d:%d: %s\n", dl.v[j].file, dl.v[j].line,
			    dl.v[j].col, dl.v[j].msg);
		CHECK_INT(dl.n, 0);
		if (t != NULL) {
			CHECK_INT(low_pairs(t, 1), 0);
			if (null != NULL)
				CHECK_INT(palette_check(t, null), 0);
		}
		theme_free(t);
		diag_free(&dl);
	}
	t = theme_builtin(0);
	CHECK_INT(low_pairs(t, 1), 0);
	theme_free(t);
	if (null != NULL)
		fclose(null);
	theme_list_free(paths, n);
	free(dir);
}

/* The check has teeth: the default theme's old colours fail it. */
UNIT_TEST(old_default_fails)
{
	struct diag_list	 dl;
	struct theme		*t;
	FILE			*null;

	diag_init(&dl);
	t = theme_from("name: old\nstyles:\n"
	    "  topline: { fg: black, bg: cyan, attrs: [bold] }\n"
	    "  timeline.selected: { fg: black, bg: \"#5fafff\", "
	    "attrs: [bold] }\n"
	    "  excerpt.source: { fg: brightblue, attrs: [underline] }\n"
	    "  search.match: { fg: black, bg: yellow, attrs: [bold] }\n"
	    "  detail.tag: { fg: magenta }\n", &dl);
	CHECK(t != NULL);
	if (t == NULL)
		goto out;
	/* 3 depths for topline, search.match and detail.tag, 2 for links
	 * (8 colours take a stand-in), 3 for the selection. */
	CHECK_INT(low_pairs(t, 0), 14);
	null = fopen("/dev/null", "w");
	if (null != NULL) {
		CHECK_INT(palette_check(t, null), 14);
		fclose(null);
	}
	CHECK_INT(dl.n, 5);
out:
	theme_free(t);
	diag_free(&dl);
}

UNIT_TEST(no_colours)
{
	struct theme		*t;
	struct palette_pair	 pp;

	t = theme_builtin(0);
	/* Without colours: the monochrome fallback, default colours. */
	palette_pair(t, THEME_TL_SELECTED, 0, &pp);
	CHECK_INT(pp.fg, -1);
	CHECK_INT(pp.bg, -1);
	CHECK_INT(pp.attrs, THEME_REVERSE);
	CHECK_INT(pp.fg_rgb, 0x000000);
	CHECK_INT(pp.bg_rgb, 0xffffff);
	theme_free(t);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(xterm_palette),
	UNIT_ENTRY(wcag_contrast),
	UNIT_ENTRY(bold_brightens_0_to_7),
	UNIT_ENTRY(grey_on_8_colours_is_dim_default),
	UNIT_ENTRY(stand_in_reads),
	UNIT_ENTRY(background_kind),
	UNIT_ENTRY(bundled_themes_readable),
	UNIT_ENTRY(old_default_fails),
	UNIT_ENTRY(no_colours),
};

int
main(void)
{
	return UNIT_RUN(tests);
}
