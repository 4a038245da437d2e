/*
 * ui-errors.c: the errors mode, opened by ui-live.c when the content no
 * longer checks: every problem as FILE:LINE:COL: error: MESSAGE, one a
 * line, over the last good store, which stays usable below. Enter opens
 * the editor at the selected problem; a good edit closes the overlay (the
 * reload pops it). Opened with ui_mode_push(ui, &ui_errors_mode, args).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-list.h"
#include "ui-live.h"
#include "util.h"

/* The state of the open overlay: the problems and the list over them. */
struct ui_errors {
	struct diag_list	 d;		/* owned */
	struct ui_list		 list;
};

/* Takes over args->diags. */
static void *
ui_errors_init(struct ui *ui, const void *arg)
{
	const struct ui_errors_args	*args = arg;
	struct ui_errors		*e;

	(void)ui;
	if (args == NULL || args->diags == NULL)
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->d = *args->diags;
	e->list.count = (int64_t)e->d.n;
	return e;
}

static void
ui_errors_free(struct ui *ui, void *data)
{
	struct ui_errors	*e = data;

	(void)ui;
	diag_free(&e->d);
	free(e);
}

static struct ui_list *
ui_errors_list(struct ui *ui, void *data)
{
	struct ui_errors	*e = data;

	(void)ui;
	return &e->list;
}

/* Enter: the editor at the problem (this overlay may be gone after). */
static void
ui_errors_edit(struct ui *ui, struct ui_errors *e)
{
	struct diag	*g;

	if (e->list.count == 0)
		return;
	g = &e->d.v[e->list.sel];
	if (g->file == NULL || g->line == 0) {
		ui_message(ui, "this problem has no place in a file");
		return;
	}
	ui_edit(ui, g->file, g->line);
}

static int
ui_errors_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KEYS_EDIT:
	case KEYS_CHOOSE:
		ui_errors_edit(ui, data);
		return 1;
	case KEYS_CLOSE:
		ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
}

/* One problem as `check` prints it. */
static void
ui_errors_format(const struct diag *g, struct buf *b)
{
	buf_adds(b, g->file != NULL ? g->file : "dossier");
	if (g->line > 0)
		buf_addf(b, ":%d", g->line);
	if (g->col > 0)
		buf_addf(b, ":%d", g->col);
	buf_addf(b, ": %s: %s", g->level == DIAG_ERROR ? "error" : "warning",
	    g->msg);
}

static void
ui_errors_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_errors	*e = data;
	WINDOW			*w = ui->ov_win;
	struct buf		 b;
	char			 title[64];
	int			 h, width, i, y;
	int64_t			 k;
	enum theme_elem		 el;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	snprintf(title, sizeof title, "%zu error%s in the content",
	    e->d.errors, e->d.errors == 1 ? "" : "s");
	ui_draw_box(ui, w, title, "Enter:edit  Esc:close");
	ui_draw_str(ui, w, 1, 2, width - 4, "The last good version stays "
	    "on screen until the content checks again.", THEME_DT_LABEL,
	    UI_DRAW_ELLIPSIS);
	e->list.height = h - 4;
	if (e->list.height < 1) {
		wnoutrefresh(w);
		return;
	}
	ui_list_show(&e->list);
	buf_init(&b);
	for (i = 0; i < e->list.height; i++) {
		k = e->list.top + i;
		if (k >= e->list.count)
			break;
		y = 3 + i;
		el = k == e->list.sel ? THEME_TL_SELECTED :
		    e->d.v[k].level == DIAG_ERROR ? THEME_ERROR : THEME_NORMAL;
		ui_draw_fill(ui, w, y, 1, width - 2, el);
		buf_reset(&b);
		ui_errors_format(&e->d.v[k], &b);
		ui_draw_str(ui, w, y, 2, width - 4, buf_str(&b), el,
		    UI_DRAW_ELLIPSIS);
	}
	buf_free(&b);
	wnoutrefresh(w);
}

static void
ui_errors_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse m)
{
	struct ui_errors	*e = data;

	(void)x;
	/* The list starts below the box's top, the note and a blank line. */
	switch (ui_list_mouse(&e->list, m == UI_MOUSE_CLICK ? 0 :
	    m == UI_MOUSE_WHEEL_UP ? -3 : 3, y - 3)) {
	case UI_LIST_CHOSEN:
		ui_errors_edit(ui, e);
		break;
	case UI_LIST_MOVED:
		ui_redraw(ui, UI_REDRAW_OVERLAY);
		break;
	case UI_LIST_MISSED:
		break;
	}
}

const struct ui_mode ui_errors_mode = {
	.name = "errors",
	.open = KEYS_NONE,
	.init = ui_errors_init,
	.free = ui_errors_free,
	.draw = ui_errors_draw,
	.key = ui_errors_key,
	.list = ui_errors_list,
	.mouse = ui_errors_mouse,
};
