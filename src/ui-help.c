/*
 * ui-help.c: the help mode. It lists every binding of the key table, mode
 * by mode, as bound now, with labels wrapped to the overlay's width;
 * nothing here is written by hand, so the help cannot drift from the keys.
 *
 * It is also the model of a mode: this file, its rows in the key table
 * (src/keys.c) and its line in include/ui-modes.h are all there is. It
 * opens on the "help" action of any mode below it that does not take the
 * action itself, scrolls with the generic list (ui-list.c) and handles
 * only its own close.
 */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-list.h"
#include "util.h"

/* Lines the help scrolls by for one turn of the wheel. */
#define UI_HELP_WHEEL	3

/* One line of the help: a heading, or part of a binding's label. */
struct ui_help_line {
	const char	*heading;	/* or NULL */
	const char	*keys;		/* a binding's keys, or NULL */
	const char	*label;
	size_t		 off;
	size_t		 len;
	int		 x;		/* column of the label */
};

/* The state of the open help: a list that only scrolls. */
struct ui_help {
	struct ui_list	list;		/* count: lines; top: the first shown */
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

	const char			*keys;

	kb = keys_table(&nkb);
	narrow = width < 56;
	lx = narrow ? 4 : UI_HELP_KEYS + 1;
	for (mode = 0; mode < keys_nmodes(); mode++) {
		if (n > 0)
			ui_help_add(&v, &n, &cap);
		ui_help_add(&v, &n, &cap)->heading = keys_mode_title(mode);
		for (i = 0; i < nkb; i++) {
			if (keys_mode_find(kb[i].mode) != mode)
				continue;
			/* A row is a note when it has no keys by default. */
			keys = kb[i].keys[0] != '\0' ? keys_keys(i) : "letters";
			if (narrow)
				ui_help_add(&v, &n, &cap)->keys = keys;
			nw = text_wrap(kb[i].label, width - lx, &tl);
			for (k = 0; k < nw; k++) {
				ln = ui_help_add(&v, &n, &cap);
				if (k == 0 && !narrow)
					ln->keys = keys;
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

static void *
ui_help_init(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
	return xcalloc(1, sizeof (struct ui_help));
}

static void
ui_help_free(struct ui *ui, void *data)
{
	(void)ui;
	free(data);
}

static struct ui_list *
ui_help_list(struct ui *ui, void *data)
{
	struct ui_help	*hp = data;

	(void)ui;
	return &hp->list;
}

static int
ui_help_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	(void)data;
	(void)key;
	if (a != KEYS_CLOSE)
		return 0;
	ui_mode_pop(ui);
	return 1;
}

static void
ui_help_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_help		*hp = data;
	struct ui_list		*l = &hp->list;
	WINDOW			*w = ui->ov_win;
	struct ui_help_line	*v, *ln;
	struct ui_text		 t;
	char			 hint[32];
	int			 h, width, y;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	l->count = ui_help_layout(width - 4, &v);
	l->height = h - 2;
	l->scroller = 1;
	ui_list_show(l);
	if (l->count > l->height)
		snprintf(hint, sizeof hint, "%d%%  q:close",
		    (int)((l->top + l->height) * 100 / l->count));
	else
		snprintf(hint, sizeof hint, "q:close");
	ui_draw_box(ui, w, "Keys", hint);
	for (y = 0; y < l->height && l->top + y < l->count; y++) {
		ln = &v[l->top + y];
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
ui_help_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse m)
{
	struct ui_help	*hp = data;

	(void)y;
	(void)x;
	if (m == UI_MOUSE_CLICK)
		return;
	ui_list_scroll(&hp->list, m == UI_MOUSE_WHEEL_UP ? -UI_HELP_WHEEL :
	    UI_HELP_WHEEL);
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

const struct ui_mode ui_help_mode = {
	.name = "help",
	.open = KEYS_HELP,
	.init = ui_help_init,
	.free = ui_help_free,
	.draw = ui_help_draw,
	.key = ui_help_key,
	.list = ui_help_list,
	.mouse = ui_help_mouse,
};
