/*
 * ui-views.c: the saved views (V), a mode: a list of the views saved with v
 * or `dossier view save`, each with what it filters; Enter shows one, d
 * deletes one after a confirmation (y). The list moves with ui-list.c.
 */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "notes.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-list.h"
#include "ui-notes.h"
#include "util.h"

struct ui_views {
	struct notes_view	*v;
	int			 n;
	struct ui_list		 list;
	int			 confirm;	/* d was pressed: y deletes */
};

static void
ui_views_clear(struct ui_views *s)
{
	while (s->n > 0)
		notes_view_clear(&s->v[--s->n]);
	free(s->v);
	s->v = NULL;
}

/* Reads the views again; returns their number or -1 (said). */
static int
ui_views_read(struct ui *ui, struct ui_views *s)
{
	struct notes	*n;
	char		*err = NULL;
	int		 count;

	ui_views_clear(s);
	if ((n = ui_notes_handle(ui)) == NULL)
		return -1;
	if ((count = notes_view_list(n, &s->v, &err)) == -1) {
		ui_error(ui, "%s", err);
		free(err);
		return -1;
	}
	s->n = count;
	s->list.count = count;
	if (s->list.sel >= count)
		s->list.sel = count > 0 ? count - 1 : 0;
	return count;
}

static void *
ui_views_init(struct ui *ui, const void *arg)
{
	struct ui_views	*s;
	int		 n;

	(void)arg;
	s = xcalloc(1, sizeof *s);
	if ((n = ui_views_read(ui, s)) <= 0) {
		if (n == 0)
			ui_message(ui, "no saved views; v saves the one shown");
		free(s);
		return NULL;
	}
	ui_redraw(ui, UI_REDRAW_OVERLAY);
	return s;
}

static void
ui_views_free(struct ui *ui, void *data)
{
	ui_views_clear(data);
	free(data);
	ui_redraw(ui, UI_REDRAW_ALL);
}

static struct ui_list *
ui_views_list(struct ui *ui, void *data)
{
	struct ui_views	*s = data;

	(void)ui;
	return &s->list;
}

/* Deletes the selected view, confirmed. */
static void
ui_views_delete(struct ui *ui, struct ui_views *s)
{
	struct notes	*n;
	char		*err = NULL, *name;

	name = xstrdup(s->v[s->list.sel].name);
	if ((n = ui_notes_handle(ui)) != NULL &&
	    notes_view_rm(n, name, &err) == -1) {
		ui_error(ui, "%s", err);
		free(err);
	} else if (n != NULL)
		ui_message(ui, "view '%s' deleted", name);
	free(name);
	if (ui_views_read(ui, s) <= 0)
		ui_mode_pop(ui);
	else
		ui_redraw(ui, UI_REDRAW_OVERLAY);
}

static int
ui_views_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_views		*s = data;
	struct notes_view	 v;

	(void)key;
	if (s->confirm) {
		/* Any bound key but y (an insert) keeps the view. */
		s->confirm = 0;
		ui_message(ui, "view kept");
		ui_redraw(ui, UI_REDRAW_OVERLAY);
		return 1;
	}
	switch (a) {
	case KEYS_CHOOSE:
		/* The mode goes first; the view it shows is copied. */
		v = s->v[s->list.sel];
		memset(&s->v[s->list.sel], 0, sizeof v);
		ui_mode_pop(ui);
		ui_notes_apply(ui, &v);
		notes_view_clear(&v);
		return 1;
	case KEYS_REMOVE:
		s->confirm = 1;
		ui_message(ui, "delete view '%s'? y deletes it, any other key "
		    "keeps it", s->v[s->list.sel].name);
		return 1;
	case KEYS_CLOSE:
		ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
}

static void
ui_views_insert(struct ui *ui, void *data, int ch)
{
	struct ui_views	*s = data;

	if (!s->confirm)
		return;
	s->confirm = 0;
	if (ch == 'y' || ch == 'Y')
		ui_views_delete(ui, s);
	else {
		ui_message(ui, "view kept");
		ui_redraw(ui, UI_REDRAW_OVERLAY);
	}
}

/* What a view filters, in a line. */
static void
ui_views_describe(const struct notes_view *v, struct buf *b)
{
	int	i;

	for (i = 0; i < v->nactors; i++)
		buf_addf(b, "%sactor: %s", b->len > 0 ? "  " : "",
		    v->actors[i]);
	if (v->tag != NULL)
		buf_addf(b, "%stag: %s", b->len > 0 ? "  " : "", v->tag);
	if (v->from != NULL || v->to != NULL)
		buf_addf(b, "%s%s to %s", b->len > 0 ? "  " : "",
		    v->from != NULL ? v->from : "start",
		    v->to != NULL ? v->to : "end");
	if (v->query != NULL)
		buf_addf(b, "%ssearch: \"%s\"", b->len > 0 ? "  " : "",
		    v->query);
	if (v->marked)
		buf_addf(b, "%smarked only", b->len > 0 ? "  " : "");
	if (b->len == 0)
		buf_adds(b, "all events");
}

static void
ui_views_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_views	*s = data;
	struct ui_list	*l = &s->list;
	WINDOW		*w = ui->ov_win;
	struct buf	 b;
	int		 h, width, y, nw;
	int64_t		 i;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	ui_draw_box(ui, w, "Saved views", "Enter:show  d:delete  Esc:close");
	l->height = h - 2;
	ui_list_show(l);
	nw = 16;
	buf_init(&b);
	for (y = 0; y < l->height && (i = l->top + y) < l->count; y++) {
		enum theme_elem	e = i == l->sel ? THEME_TL_SELECTED : THEME_HELP;

		ui_draw_fill(ui, w, 1 + y, 1, width - 2, e);
		ui_draw_str(ui, w, 1 + y, 2, nw, s->v[i].name, e,
		    UI_DRAW_ELLIPSIS);
		buf_reset(&b);
		buf_adds(&b, "");
		ui_views_describe(&s->v[i], &b);
		ui_draw_str(ui, w, 1 + y, 3 + nw, width - 5 - nw, buf_str(&b),
		    e, UI_DRAW_ELLIPSIS);
	}
	buf_free(&b);
	wnoutrefresh(w);
}

const struct ui_mode ui_views_mode = {
	.name = "views",
	.open = KEYS_VIEWS,
	.init = ui_views_init,
	.free = ui_views_free,
	.draw = ui_views_draw,
	.key = ui_views_key,
	.list = ui_views_list,
	.insert = ui_views_insert,
};
