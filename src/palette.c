/*
 * palette.c: colours as xterm shows them, and whether they can be read.
 * Holds xterm's default palette, works out the pair of colours each theme
 * element appears in at each colour depth, and measures WCAG 2 contrast.
 * The reader draws with palette_pair, so what is checked is what is drawn.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"

/* xterm's default RGB for the 16 ANSI colours (its XTerm-col resources). */
static const int palette_ansi[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
	0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff
};

/* The steps of the 6x6x6 cube (256 colours) and 4x4x4 cube (88). */
static const int palette_cube6[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };
static const int palette_cube4[4] = { 0x00, 0x8b, 0xcd, 0xff };
static const int palette_grey88[8] = {
	0x2e, 0x5c, 0x73, 0x8b, 0xa2, 0xb9, 0xd0, 0xe7
};

/* The depths --check-theme and the loader's warnings look at. */
static const int palette_depths[] = { 8, 16, 256 };
#define PALETTE_NDEPTHS	(sizeof palette_depths / sizeof palette_depths[0])

int
palette_rgb(int i)
{
	int	n, grey;

	if (i < 0 || i > 255)
		return 0;
	if (i < 16)
		return palette_ansi[i];
	if (i < 232) {
		n = i - 16;
		return palette_cube6[n / 36] << 16 |
		    palette_cube6[n / 6 % 6] << 8 | palette_cube6[n % 6];
	}
	grey = 8 + 10 * (i - 232);
	return grey << 16 | grey << 8 | grey;
}

int
palette_rgb88(int i)
{
	int	n, grey;

	if (i < 0 || i > 87)
		return 0;
	if (i < 16)
		return palette_ansi[i];
	if (i < 80) {
		n = i - 16;
		return palette_cube4[n / 16] << 16 |
		    palette_cube4[n / 4 % 4] << 8 | palette_cube4[n % 4];
	}
	grey = palette_grey88[i - 80];
	return grey << 16 | grey << 8 | grey;
}

/* One sRGB channel (0-255) made linear, as WCAG 2 defines it. */
static double
palette_linear(int c)
{
	double	v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double
palette_luminance(int rgb)
{
	return 0.2126 * palette_linear(rgb >> 16 & 0xff) +
	    0.7152 * palette_linear(rgb >> 8 & 0xff) +
	    0.0722 * palette_linear(rgb & 0xff);
}

double
palette_contrast(int a, int b)
{
	double	la = palette_luminance(a), lb = palette_luminance(b), t;

	if (la < lb) {
		t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

/*
 * Until themes say "background: dark|light", the background is read from
 * the theme: its own normal background if it sets one, else its name.
 */
int
palette_light(const struct theme *t)
{
	const struct theme_color	*bg;

	if (t == NULL)
		return 0;
	bg = &t->style[THEME_NORMAL].bg;
	if (bg->kind == THEME_COLOR_RGB)
		return palette_luminance(bg->value) > 0.4;
	if (bg->kind == THEME_COLOR_INDEX)
		return palette_luminance(palette_rgb(bg->value)) > 0.4;
	return t->name != NULL && strstr(t->name, "light") != NULL;
}

double
palette_min(enum theme_elem e)
{
	return e == THEME_BORDER ? PALETTE_LINE_MIN : PALETTE_TEXT_MIN;
}

/* The RGB a terminal of ncolors colours shows for index i. */
static int
palette_shown(int i, int ncolors)
{
	if (ncolors >= 88 && ncolors < 256)
		return palette_rgb88(i);
	return palette_rgb(i);
}

/* xterm draws faint (dim) text at two thirds of each channel. */
static int
palette_dim(int rgb)
{
	return ((rgb >> 16 & 0xff) * 2 / 3) << 16 |
	    ((rgb >> 8 & 0xff) * 2 / 3) << 8 | (rgb & 0xff) * 2 / 3;
}

/* Squared distance of two RGB colours. */
static long
palette_dist(int a, int b)
{
	long	dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
	long	dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
	long	db = (a & 0xff) - (b & 0xff);

	return dr * dr + dg * dg + db * db;
}

/* A grey: channels within 32 of each other (as theme.c's mapping says). */
static int
palette_is_grey(int rgb)
{
	int	r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
	int	hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int	lo = r < g ? (r < b ? r : b) : (g < b ? g : b);

	return hi - lo <= 32;
}

/* One colour of a pair as the theme asks for it and as it appears. */
struct palette_side {
	int	want;		/* the RGB the theme asks for */
	int	named;		/* one of the 16 names (index 0-15) */
	int	value;		/* the theme's index, when named */
	int	idx;		/* what the terminal is told, -1 default */
	int	rgb;		/* what it shows, before dim */
	int	bold;		/* bold stays on */
};

/*
 * Fills in how index idx shows as a foreground: xterm draws colours 0-7 in
 * bold as 8-15 (boldColors). Bold is kept for the 16 names, which the theme
 * chose knowing that, and where brightening gives what the theme asked for
 * (brightred bold on 8 colours); otherwise it is dropped, so that "#000000"
 * or index 16 in bold stays black.
 */
static void
palette_fg_show(struct palette_side *s, int idx, int bold, int ncolors,
    int deffg)
{
	s->idx = idx;
	s->bold = bold;
	s->rgb = idx < 0 ? deffg : palette_shown(idx, ncolors);
	if (!bold || idx < 0 || idx > 7)
		return;
	if (s->named || palette_rgb(idx + 8) == s->want)
		s->rgb = palette_rgb(idx + 8);
	else
		s->bold = 0;
}

/* Reads a theme colour into a side: what it asks for, and the mapping. */
static void
palette_side_init(struct palette_side *s, const struct theme_color *c,
    int ncolors, int def)
{
	memset(s, 0, sizeof *s);
	if (c->kind == THEME_COLOR_DEFAULT || ncolors < 8) {
		s->want = def;
		s->idx = -1;
		s->rgb = def;
		return;
	}
	s->want = c->kind == THEME_COLOR_RGB ? c->value & 0xffffff :
	    palette_rgb(c->value);
	s->named = c->kind == THEME_COLOR_INDEX && c->value < 16;
	s->value = c->value;
	s->idx = theme_color_index(c, ncolors);
	s->rgb = s->idx < 0 ? def : palette_shown(s->idx, ncolors);
}

/* Returns 1 if the terminal shows a side only approximately. */
static int
palette_approx(const struct palette_side *s, int ncolors)
{
	if (s->named && (s->value < 8 || ncolors >= 16))
		return 0;	/* the terminal has this entry: it is exact */
	return s->idx >= 0 && s->rgb != s->want;
}

/* The indexes a terminal of ncolors offers for a colour that is not named. */
static void
palette_range(int ncolors, int *first, int *last)
{
	*first = ncolors >= 88 ? 16 : 0;
	*last = ncolors >= 256 ? 255 : ncolors >= 88 ? 87 :
	    ncolors >= 16 ? 15 : 7;
}

/*
 * Replaces the foreground by a readable one against bg_rgb: a grey by the
 * default foreground, dimmed; another colour by the terminal's nearest
 * that reaches min; failing both, the default foreground.
 */
static void
palette_fg_rescue(struct palette_side *fg, int *attrs, int bg_rgb,
    double min, int ncolors, int deffg)
{
	struct palette_side	 c;
	int			 i, first, last, best = -1, rgb;
	long			 d, bestd = -1;

	if (palette_is_grey(fg->want)) {
		rgb = palette_dim(deffg);
		if (palette_contrast(rgb, bg_rgb) >= min) {
			fg->idx = -1;
			fg->rgb = deffg;
			fg->bold = *attrs & THEME_BOLD;
			*attrs |= THEME_DIM;
			return;
		}
	}
	palette_range(ncolors, &first, &last);
	for (i = first; i <= last; i++) {
		c = *fg;
		c.named = 0;
		palette_fg_show(&c, i, *attrs & THEME_BOLD, ncolors, deffg);
		rgb = *attrs & THEME_DIM ? palette_dim(c.rgb) : c.rgb;
		if (palette_contrast(rgb, bg_rgb) < min)
			continue;
		d = palette_dist(c.rgb, fg->want);
		if (bestd == -1 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	fg->named = 0;
	palette_fg_show(fg, best, *attrs & THEME_BOLD, ncolors, deffg);
}

/*
 * Replaces an element's own background by the nearest that fg_rgb reads
 * on, other than normal's background (normal_rgb); else leaves it.
 */
static void
palette_bg_rescue(struct palette_side *bg, int fg_rgb, int normal_rgb,
    double min, int ncolors)
{
	int	i, first, last, best = -1;
	long	d, bestd = -1;

	palette_range(ncolors, &first, &last);
	for (i = first; i <= last; i++) {
		/* On normal's background the element would not stand out. */
		if (palette_contrast(fg_rgb, palette_shown(i, ncolors)) < min ||
		    palette_shown(i, ncolors) == normal_rgb)
			continue;
		d = palette_dist(palette_shown(i, ncolors), bg->want);
		if (bestd == -1 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (best >= 0) {
		bg->idx = best;
		bg->rgb = palette_shown(best, ncolors);
	}
}

void
palette_pair(const struct theme *t, enum theme_elem e, int ncolors,
    struct palette_pair *pp)
{
	const struct theme_style	*st, *normal;
	struct theme_color		 fgc, bgc;
	struct palette_side		 fg, bg, nbg;
	int				 light, deffg, defbg, attrs, fg_rgb;

	if (ncolors > 256)
		ncolors = 256;
	light = palette_light(t);
	deffg = light ? 0x000000 : 0xffffff;
	defbg = light ? 0xffffff : 0x000000;
	st = theme_style(t, e, ncolors);
	normal = theme_style(t, THEME_NORMAL, ncolors);
	attrs = st->attrs;
	if (t == NULL || t->monochrome || ncolors < 8)
		ncolors = 0;
	/* An element's "default" is normal's colour (ui_draw_theme's rule). */
	fgc = st->fg;
	bgc = st->bg;
	if (e != THEME_NORMAL && fgc.kind == THEME_COLOR_DEFAULT)
		fgc = normal->fg;
	if (e != THEME_NORMAL && bgc.kind == THEME_COLOR_DEFAULT)
		bgc = normal->bg;
	palette_side_init(&bg, &bgc, ncolors, defbg);
	palette_side_init(&nbg, &normal->bg, ncolors, defbg);
	palette_side_init(&fg, &fgc, ncolors, deffg);
	palette_fg_show(&fg, fg.idx, attrs & THEME_BOLD, ncolors, deffg);
	pp->min = palette_min(e);

	fg_rgb = attrs & THEME_DIM ? palette_dim(fg.rgb) : fg.rgb;
	if (palette_contrast(fg_rgb, bg.rgb) < pp->min &&
	    palette_approx(&fg, ncolors))
		palette_fg_rescue(&fg, &attrs, bg.rgb, pp->min, ncolors,
		    deffg);
	fg_rgb = attrs & THEME_DIM ? palette_dim(fg.rgb) : fg.rgb;
	/* Only a background of the element's own: a patch elsewhere jars. */
	if (palette_contrast(fg_rgb, bg.rgb) < pp->min &&
	    palette_approx(&bg, ncolors) && e != THEME_NORMAL &&
	    memcmp(&bgc, &normal->bg, sizeof bgc) != 0)
		palette_bg_rescue(&bg, fg_rgb, nbg.rgb, pp->min, ncolors);

	if (!fg.bold)
		attrs &= ~THEME_BOLD;
	pp->fg = fg.idx;
	pp->bg = bg.idx;
	pp->attrs = attrs;
	pp->fg_rgb = fg_rgb;
	pp->bg_rgb = bg.rgb;
	pp->ratio = palette_contrast(fg_rgb, bg.rgb);
	if (attrs & THEME_REVERSE) {
		pp->fg_rgb = bg.rgb;
		pp->bg_rgb = fg_rgb;
	}
}

/* Writes a drawn colour as "#rrggbb" plus its index or "default". */
static void
palette_colour_name(char *out, size_t len, int idx, int rgb)
{
	if (idx < 0)
		snprintf(out, len, "#%06x default", (unsigned)rgb);
	else
		snprintf(out, len, "#%06x %d", (unsigned)rgb, idx);
}

/* Writes the attributes that change how colours appear ("bold dim"). */
static void
palette_attr_name(char *out, size_t len, int attrs)
{
	snprintf(out, len, "%s%s%s", attrs & THEME_BOLD ? "bold " : "",
	    attrs & THEME_DIM ? "dim " : "",
	    attrs & THEME_REVERSE ? "reverse " : "");
	if (*out == '\0')
		snprintf(out, len, "-");
	else
		out[strlen(out) - 1] = '\0';
}

size_t
palette_check(const struct theme *t, FILE *f)
{
	struct palette_pair	pp;
	char			fg[32], bg[32], at[32];
	size_t			d, low = 0;
	int			e;

	fprintf(f, "theme %s (%s background)\n", t->name != NULL ? t->name :
	    "?", palette_light(t) ? "light" : "dark");
	fprintf(f, "%-22s %5s  %-20s %-20s %-16s %7s  %s\n", "role", "depth",
	    "fg", "bg", "attrs", "ratio", "result");
	for (e = 0; e < THEME_NELEMS; e++) {
		for (d = 0; d < PALETTE_NDEPTHS; d++) {
			palette_pair(t, e, palette_depths[d], &pp);
			palette_colour_name(fg, sizeof fg, pp.fg, pp.fg_rgb);
			palette_colour_name(bg, sizeof bg, pp.bg, pp.bg_rgb);
			if (pp.attrs & THEME_REVERSE) {
				palette_colour_name(fg, sizeof fg, pp.bg,
				    pp.fg_rgb);
				palette_colour_name(bg, sizeof bg, pp.fg,
				    pp.bg_rgb);
			}
			palette_attr_name(at, sizeof at, pp.attrs);
			fprintf(f, "%-22s %5d  %-20s %-20s %-16s %6.2f:1  %s\n",
			    theme_elem_name(e), palette_depths[d], fg, bg, at,
			    pp.ratio, pp.ratio >= pp.min ? "ok" : "LOW");
			if (pp.ratio < pp.min)
				low++;
		}
	}
	return low;
}

/*
 * Returns 1 if element e reads below its minimum at some depth, with the
 * worst pair in *worst and the depths ("8, 16") added to depths.
 */
static int
palette_low(const struct theme *t, int e, struct palette_pair *worst,
    struct buf *depths)
{
	struct palette_pair	pp;
	size_t			d;
	int			low = 0;

	memset(worst, 0, sizeof *worst);
	worst->ratio = 99;
	for (d = 0; d < PALETTE_NDEPTHS; d++) {
		palette_pair(t, e, palette_depths[d], &pp);
		if (pp.ratio >= pp.min)
			continue;
		buf_addf(depths, "%s%d", low ? ", " : "", palette_depths[d]);
		if (pp.ratio < worst->ratio)
			*worst = pp;
		low = 1;
	}
	return low;
}

size_t
palette_warn(const struct theme *t, const char *file, const int *elem_line,
    const int *elem_col, struct diag_list *dl)
{
	struct palette_pair	worst;
	struct buf		depths, left;
	size_t			n = 0, nleft = 0;
	int			e;

	buf_init(&left);
	for (e = 0; e < THEME_NELEMS; e++) {
		buf_init(&depths);
		if (!palette_low(t, e, &worst, &depths)) {
			buf_free(&depths);
			continue;
		}
		if (elem_line[e] == 0) {
			/* Left to the defaults: one warning names them all. */
			buf_addf(&left, "%s%s", nleft++ ? ", " : "",
			    theme_elem_name(e));
		} else {
			diag_add(dl, DIAG_WARNING, file, elem_line[e],
			    elem_col[e], "'%s' reads at %.1f:1 on %s colours "
			    "(#%06x on #%06x; %s needs %.1f:1): choose other "
			    "colours (dossier --check-theme shows them all)",
			    theme_elem_name(e), worst.ratio, buf_str(&depths),
			    (unsigned)worst.fg_rgb, (unsigned)worst.bg_rgb,
			    e == THEME_BORDER ? "a line" : "text", worst.min);
			n++;
		}
		buf_free(&depths);
	}
	if (nleft > 0) {
		diag_add(dl, DIAG_WARNING, file, elem_line[THEME_NORMAL],
		    elem_col[THEME_NORMAL], "%zu element%s left to the "
		    "defaults read%s below the minimum contrast on this "
		    "theme's background: %s (set %s, or see dossier "
		    "--check-theme)", nleft, nleft == 1 ? "" : "s",
		    nleft == 1 ? "s" : "", buf_str(&left),
		    nleft == 1 ? "it" : "them");
		n++;
	}
	buf_free(&left);
	return n;
}
