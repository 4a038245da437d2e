/*
 * palette.h: colours as a terminal shows them. xterm's default palette,
 * the pair of colours each theme element is drawn in at 8, 16, 88 and 256
 * colours (bold brightening included, and a readable stand-in where the
 * terminal lacks a colour), and WCAG 2 contrast. No curses: the reader,
 * --check-theme and the theme loader's warnings all use these figures.
 */
#ifndef DOSSIER_PALETTE_H
#define DOSSIER_PALETTE_H

#include <stdio.h>

#include "diag.h"
#include "theme.h"

/* WCAG 2 minimum contrast: text, and lines that structure the screen. */
#define PALETTE_TEXT_MIN	4.5
#define PALETTE_LINE_MIN	3.0

/* Returns xterm's default RGB (0xRRGGBB) for an index of its 256 colours. */
int	palette_rgb(int index);

/* Returns the RGB of an index of xterm's 88-colour palette. */
int	palette_rgb88(int index);

/* WCAG 2 relative luminance of an RGB colour, 0 (black) to 1 (white). */
double	palette_luminance(int rgb);

/* WCAG 2 contrast ratio of two RGB colours, 1 to 21, in either order. */
double	palette_contrast(int a, int b);

/*
 * Returns 1 if the theme is for a light background, 0 for a dark one: from
 * its normal background when it sets one, else from its name.
 */
int	palette_light(const struct theme *);

/* The minimum contrast an element needs: lines 3:1, text 4.5:1. */
double	palette_min(enum theme_elem);

/* What an element looks like on a terminal, as xterm draws it. */
struct palette_pair {
	int	fg;		/* index to draw with, -1 the terminal default */
	int	bg;
	int	attrs;		/* THEME_* bits to draw with */
	int	fg_rgb;		/* colours that appear: bold, dim, reverse */
	int	bg_rgb;
	double	ratio;		/* their contrast */
	double	min;		/* what the element needs */
};

/*
 * Works out how element e of theme t appears on a terminal of ncolors
 * colours (0 for none: attributes only). Colours map to the nearest the
 * terminal has; where that falls below the element's minimum contrast, a
 * colour the terminal could not show exactly is replaced by the nearest
 * readable one (a grey by the default foreground, dimmed). RGB colours and
 * indexes from 16 drop bold where xterm would brighten them.
 */
void	palette_pair(const struct theme *, enum theme_elem, int ncolors,
	    struct palette_pair *);

/*
 * Prints the contrast table of a theme (element, depth, colours, ratio,
 * ok or LOW) at 8, 16 and 256 colours. Returns the number of LOW pairs.
 */
size_t	palette_check(const struct theme *, FILE *);

/*
 * Adds a warning to dl for each element of t (loaded from file) that reads
 * below its minimum at 8, 16 or 256 colours, at the element's line and
 * column (elem_line and elem_col, 1-based, 0 where the file does not set
 * it). Returns the number of warnings added.
 */
size_t	palette_warn(const struct theme *, const char *file,
	    const int *elem_line, const int *elem_col, struct diag_list *dl);

#endif
