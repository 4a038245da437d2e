/*
 * ui-draw.h: drawing helpers every pane of the reader shares: content text
 * prepared for the screen (escaped, with its escapes remembered so they can
 * be styled), width-aware drawing that never cuts a character, theme styles
 * mapped onto curses attributes, boxes and day headings.
 */
#ifndef DOSSIER_UI_DRAW_H
#define DOSSIER_UI_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "theme.h"

struct ui;

/*
 * Text ready to draw: s is the content string with every unsafe code point
 * replaced by its escaped form (text_escape_cp) and the highlight markers
 * kept; esc[i] is 1 where byte i belongs to an escape. Owned by whoever made
 * it; free with ui_text_free.
 */
struct ui_text {
	char		*s;
	unsigned char	*esc;
	size_t		 len;
};

/*
 * Prepares raw (NULL counts as "") for display. With newlines set, '\n'
 * is kept so that text_wrap can break there; otherwise it is escaped too.
 */
void	ui_text_init(struct ui_text *, const char *raw, int newlines);
void	ui_text_free(struct ui_text *);

/* Display columns of t->s[off, off+len): markers count 0, escapes 1 a byte. */
int	ui_text_cols(const struct ui_text *, size_t off, size_t len);

/* ui_draw_text flags */
#define UI_DRAW_ELLIPSIS	0x01	/* end with "…" when it does not fit */

/*
 * Draws t->s[off, off+len) at y, x in at most cols columns, in the style of
 * elem, with marked terms in search.match and escapes in escape. *mark is
 * the marker state at off (1 inside a match) and is updated; it may be NULL
 * (starts outside). Returns the columns used. A character that would cross
 * the limit is not drawn; nothing is drawn past it.
 */
int	ui_draw_text(struct ui *, WINDOW *, int y, int x, int cols,
	    const struct ui_text *, size_t off, size_t len,
	    enum theme_elem elem, int *mark, int flags);

/* Same for a string of the reader's own (escaped as well, for safety). */
int	ui_draw_str(struct ui *, WINDOW *, int y, int x, int cols,
	    const char *s, enum theme_elem elem, int flags);

/* Fills n columns from y, x with blanks in the style of elem. */
void	ui_draw_fill(struct ui *, WINDOW *, int y, int x, int n,
	    enum theme_elem elem);

/* Draws a horizontal or vertical rule of n cells. */
void	ui_draw_hline(struct ui *, WINDOW *, int y, int x, int n,
	    enum theme_elem elem);
void	ui_draw_vline(struct ui *, WINDOW *, int y, int x, int n,
	    enum theme_elem elem);

/* Draws a border round w with a title at the top and a hint at the bottom. */
void	ui_draw_box(struct ui *, WINDOW *, const char *title,
	    const char *hint);

/* The curses attributes (colour pair included) of a theme element. */
attr_t	ui_draw_attr(struct ui *, enum theme_elem);

/*
 * Maps a theme onto the terminal: one colour pair per element, attributes
 * only when colour is off. color: non-zero if colours may be used.
 */
void	ui_draw_theme(struct ui *, const struct theme *, int color);

/* Writes "Fri 13 Jun 2025" for "2025-06-13" into out (at least 16 bytes). */
void	ui_draw_date(const char *date, char *out);

/* Display columns of a plain UTF-8 string of the reader's own. */
int	ui_draw_width(const char *s);

#endif
