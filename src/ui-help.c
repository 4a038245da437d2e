/*
 * ui-help.c: the help overlay. It lists every binding of the key table,
 * mode by mode, with labels wrapped to the overlay's width; nothing here is
 * written by hand, so the help cannot drift from the keys.
 */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-help.h"
#include "util.h"

static void	ui_help_draw(struct ui *, WINDOW *);
static void	ui_help_mouse(struct ui *, WINDOW *, int, int,
		    enum ui_mouse);

const struct ui_overlay ui_help_overlay = {
	"help", KEYS_HELP, ui_help_draw, ui_help_mouse, NULL, NULL
};

/* One line of the help: a heading, or part of a binding's label. */
struct ui_help_line {
	const char	*heading;	/* or NULL */
	const char	*keys;		/* a binding's keys, or NULL */
	const char	*label;
	size_t		 off;
	size_t		 len;
	int		 x;		/* column of the label */
};

/* Columns of the keys column. */
#define UI_HELP_KEYS	19

/* Adds one line to *v; returns it zeroed. */
static struct ui_help_line *
ui_help_add(struct ui_help_line **v, int *n, int *cap)
{
	if (*n == *cap) {
		*cap = *cap * 2 + 64;
		*v = xreallocarray(*v, (size_t)*cap, sizeof **v);
	}
	memset(&(*v)[*n], 0, sizeof **v);
	return &(*v)[(*n)++];
}

/*
 * Lays the help out for width columns: keys on the left and the label
 * beside them, or, when narrow, the keys on a line of their own and the
 * label under them. Returns the number of lines; caller frees *out.
 */
static int
ui_help_layout(int width, struct ui_help_line **out)
{
	const struct keys_binding	*kb;
	struct ui_help_line		*v = NULL, *ln;
	struct text_line		*tl;
	size_t				 nkb, i, k, nw;
	int				 n = 0, cap = 0, mode, lx, narrow;

	kb = keys_table(&nkb);
	narrow = width < 56;
	lx = narrow ? 4 : UI_HELP_KEYS + 1;
	for (mode = 0; mode < KEYS_NMODES; mode++) {
		if (n > 0)
			ui_help_add(&v, &n, &cap);
		ui_help_add(&v, &n, &cap)->heading = keys_mode_title(mode);
		for (i = 0; i < nkb; i++) {
			if ((int)kb[i].mode != mode)
				continue;
			if (narrow)
				ui_help_add(&v, &n, &cap)->keys =
				    kb[i].keys[0] != '\0' ? kb[i].keys :
				    "letters";
			nw = text_wrap(kb[i].label, width - lx, &tl);
			for (k = 0; k < nw; k++) {
				ln = ui_help_add(&v, &n, &cap);
				if (k == 0 && !narrow)
					ln->keys = kb[i].keys[0] != '\0' ?
					    kb[i].keys : "letters";
				ln->label = kb[i].label;
				ln->off = tl[k].off;
				ln->len = tl[k].len;
				ln->x = lx;
			}
			free(tl);
		}
	}
	*out = v;
	return n;
}

void
ui_help_key_open(struct ui *ui, int key)
{
	(void)key;
	ui->help.top = 0;
	ui_overlay_push(ui, &ui_help_overlay);
}

static void
ui_help_scroll(struct ui *ui, int delta)
{
	struct ui_help	*hp = &ui->help;

	hp->top += delta;
	if (hp->top > hp->nlines - hp->height)
		hp->top = hp->nlines - hp->height;
	if (hp->top < 0)
		hp->top = 0;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

void
ui_help_key_down(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, 1);
}

void
ui_help_key_up(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, -1);
}

void
ui_help_key_page_down(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, ui->help.height > 1 ? ui->help.height - 1 : 1);
}

void
ui_help_key_page_up(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, -(ui->help.height > 1 ? ui->help.height - 1 : 1));
}

void
ui_help_key_first(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, -ui->help.nlines);
}

void
ui_help_key_last(struct ui *ui, int key)
{
	(void)key;
	ui_help_scroll(ui, ui->help.nlines);
}

void
ui_help_key_close(struct ui *ui, int key)
{
	(void)key;
	ui_overlay_pop(ui);
}

static void
ui_help_draw(struct ui *ui, WINDOW *w)
{
	struct ui_help		*hp = &ui->help;
	struct ui_help_line	*v, *ln;
	struct ui_text		 t;
	char			 hint[32];
	int			 h, width, y;

	getmaxyx(w, h, width);
	werase(w);
	hp->nlines = ui_help_layout(width - 4, &v);
	hp->height = h - 2;
	if (hp->top > hp->nlines - hp->height)
		hp->top = hp->nlines - hp->height;
	if (hp->top < 0)
		hp->top = 0;
	if (hp->nlines > hp->height)
		snprintf(hint, sizeof hint, "%d%%  q:close",
		    (hp->top + hp->height) * 100 / hp->nlines);
	else
		snprintf(hint, sizeof hint, "q:close");
	ui_draw_box(ui, w, "Keys", hint);
	for (y = 0; y < hp->height && hp->top + y < hp->nlines; y++) {
		ln = &v[hp->top + y];
		if (ln->heading != NULL) {
			ui_draw_str(ui, w, 1 + y, 2, width - 4, ln->heading,
			    THEME_DT_TITLE, UI_DRAW_ELLIPSIS);
			continue;
		}
		if (ln->keys != NULL)
			ui_draw_str(ui, w, 1 + y, 3, width - 5, ln->keys,
			    THEME_HELP_KEY, UI_DRAW_ELLIPSIS);
		if (ln->label == NULL)
			continue;
		ui_text_init(&t, ln->label, 0);
		ui_draw_text(ui, w, 1 + y, 2 + ln->x, width - 4 - ln->x, &t,
		    ln->off, ln->len, THEME_HELP, NULL, 0);
		ui_text_free(&t);
	}
	free(v);
	wnoutrefresh(w);
}

static void
ui_help_mouse(struct ui *ui, WINDOW *w, int y, int x, enum ui_mouse m)
{
	(void)w;
	(void)y;
	(void)x;
	if (m == UI_MOUSE_WHEEL_UP)
		ui_help_scroll(ui, -3);
	else if (m == UI_MOUSE_WHEEL_DOWN)
		ui_help_scroll(ui, 3);
}
