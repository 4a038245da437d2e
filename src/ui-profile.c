/*
 * ui-profile.c: the actor profile mode (A, or Tab in the actor list): one
 * actor's kind, role, affiliation and aliases, and their events in order;
 * Enter goes to one in the timeline, f filters the timeline to them.
 * Opened with ui_mode_push(ui, &ui_profile_mode, actor_id).
 */
#include <stdlib.h>
#include <string.h>

#include "ui-core.h"
#include "ui-draw.h"
#include "ui-list.h"
#include "ui-view.h"
#include "util.h"

/* Lines the list scrolls by for one turn of the wheel. */
#define UI_PROFILE_WHEEL	3

/* The state of an open profile. */
struct ui_profile {
	struct store_actor	 actor;
	struct store_view	*view;		/* the actor's events, owned */
	struct ui_list		 list;		/* item i is view position i+1 */
	int			 list_y;
};

static void
ui_profile_free(struct ui *ui, void *data)
{
	struct ui_profile	*pf = data;

	(void)ui;
	store_actors_clear(&pf->actor, 1);
	if (pf->view != NULL)
		store_view_free(pf->view);
	free(pf);
}

/* Opens the profile of the actor whose id is arg. */
static void *
ui_profile_init(struct ui *ui, const void *arg)
{
	const char		*id = arg;
	struct ui_profile	*pf;
	struct store_filter	 f;
	struct store_row	 r;
	char			*err = NULL;
	int64_t			 p;

	pf = xcalloc(1, sizeof *pf);
	if (store_actor_get(ui->store, id, &pf->actor) != 0) {
		ui_error(ui, "no actor '%s' in the store", id);
		free(pf);
		return NULL;
	}
	memset(&f, 0, sizeof f);
	f.actor = pf->actor.id;
	f.order = STORE_ORDER_DATE;
	if ((pf->view = store_view_new(ui->store, &f, &err)) == NULL) {
		ui_error(ui, "%s", err != NULL ? err : "cannot list events");
		free(err);
		ui_profile_free(ui, pf);
		return NULL;
	}
	pf->list.count = store_view_count(pf->view);
	/* Start on the event the timeline shows, if it is theirs. */
	if (pf->list.count > 0) {
		p = store_view_find(pf->view, ui->seq);
		if (p > 0 && store_view_rows(pf->view, p, 1, &r) == 1) {
			if (r.seq == ui->seq)
				pf->list.sel = p - 1;
			store_rows_clear(&r, 1);
		}
	}
	return pf;
}

static struct ui_list *
ui_profile_list(struct ui *ui, void *data)
{
	struct ui_profile	*pf = data;

	(void)ui;
	return &pf->list;
}

/* Enter: the timeline selects the event, with this actor current. */
static void
ui_profile_jump(struct ui *ui, struct ui_profile *pf)
{
	struct store_row	 r;
	int64_t			 seq;
	char			*id, *sname;

	if (pf->list.count == 0 ||
	    store_view_rows(pf->view, pf->list.sel + 1, 1, &r) != 1)
		return;
	seq = r.seq;
	store_rows_clear(&r, 1);
	id = xstrdup(pf->actor.id);
	sname = xstrdup(pf->actor.short_name != NULL ? pf->actor.short_name :
	    pf->actor.name);
	ui_mode_close_all(ui);		/* frees pf */
	ui_set_actor(ui, id, sname);
	ui_view_goto_seq(ui, seq);
	free(id);
	free(sname);
}

/* f: the timeline shows this actor's events. */
static void
ui_profile_filter(struct ui *ui, struct ui_profile *pf)
{
	char	*id, *name, *sname;

	id = xstrdup(pf->actor.id);
	name = xstrdup(pf->actor.name);
	sname = xstrdup(pf->actor.short_name != NULL ? pf->actor.short_name :
	    pf->actor.name);
	ui_set_actor(ui, id, sname);
	if (ui_view_filter_actor(ui, id, name) == 0)
		ui_mode_close_all(ui);		/* frees pf */
	free(id);
	free(name);
	free(sname);
}

static int
ui_profile_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KEYS_JUMP:
		ui_profile_jump(ui, data);
		return 1;
	case KEYS_FILTER:
		ui_profile_filter(ui, data);
		return 1;
	case KEYS_CLOSE:
		ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
}

/* Draws "Label  value" on line y if value is set; returns the next line. */
static int
ui_profile_field(struct ui *ui, WINDOW *w, int y, int width,
    const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return y;
	ui_draw_str(ui, w, y, 2, 14, label, THEME_DT_LABEL, 0);
	ui_draw_str(ui, w, y, 16, width - 18, value, THEME_DT_SUMMARY,
	    UI_DRAW_ELLIPSIS);
	return y + 1;
}

/* Draws the list's event rows from line pf->list_y. */
static void
ui_profile_draw_rows(struct ui *ui, struct ui_profile *pf, WINDOW *w,
    int width)
{
	struct store_row	*rows;
	char			 day[16];
	int			 i, n, x, y;
	enum theme_elem		 e;

	rows = xcalloc((size_t)pf->list.height, sizeof *rows);
	n = pf->list.count > 0 ? store_view_rows(pf->view, pf->list.top + 1,
	    pf->list.height, rows) : 0;
	for (i = 0; i < n; i++) {
		y = pf->list_y + i;
		e = pf->list.top + i == pf->list.sel ? THEME_TL_SELECTED :
		    THEME_NORMAL;
		ui_draw_fill(ui, w, y, 1, width - 2, e);
		ui_draw_date(rows[i].date, day);
		ui_draw_str(ui, w, y, 2, 16, day, e == THEME_NORMAL ?
		    THEME_TL_DAY : e, 0);
		x = 19;
		if (rows[i].time[0] != '\0')
			ui_draw_str(ui, w, y, x, 5, rows[i].time,
			    e == THEME_NORMAL ? THEME_TL_TIME : e, 0);
		if (rows[i].approximate)
			ui_draw_str(ui, w, y, x + 6, 1, "~",
			    e == THEME_NORMAL ? THEME_TL_APPROX : e, 0);
		ui_draw_str(ui, w, y, x + 8, width - x - 10, rows[i].title,
		    e == THEME_NORMAL ? THEME_TL_TITLE : e, UI_DRAW_ELLIPSIS);
	}
	store_rows_clear(rows, n);
	free(rows);
}

static void
ui_profile_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_profile	*pf = data;
	struct store_actor	*a = &pf->actor;
	WINDOW			*w = ui->ov_win;
	struct buf		 b;
	int			 h, width, y, i;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	ui_draw_box(ui, w, a->name, "Enter:go to  f:filter  Esc:close");
	buf_init(&b);
	y = 1;
	ui_draw_str(ui, w, y++, 2, width - 4, a->name, THEME_DT_TITLE,
	    UI_DRAW_ELLIPSIS);
	y = ui_profile_field(ui, w, y, width, "Kind", a->kind);
	y = ui_profile_field(ui, w, y, width, "Role", a->role);
	y = ui_profile_field(ui, w, y, width, "Affiliation",
	    a->affiliation_name != NULL ? a->affiliation_name :
	    a->affiliation);
	for (i = 0; i < a->naliases; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", a->aliases[i]);
	y = ui_profile_field(ui, w, y, width, "Also known as", buf_str(&b));
	buf_reset(&b);
	buf_addf(&b, "%lld event%s", (long long)pf->list.count,
	    pf->list.count == 1 ? "" : "s");
	y = ui_profile_field(ui, w, y, width, "Events", buf_str(&b));
	buf_free(&b);

	pf->list_y = y + 1;
	pf->list.height = h - 1 - pf->list_y;
	if (pf->list.height < 1) {
		pf->list.height = 0;
		wnoutrefresh(w);
		return;
	}
	ui_list_show(&pf->list);
	ui_profile_draw_rows(ui, pf, w, width);
	wnoutrefresh(w);
}

static void
ui_profile_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse m)
{
	struct ui_profile	*pf = data;

	(void)x;
	switch (ui_list_mouse(&pf->list, m == UI_MOUSE_CLICK ? 0 :
	    m == UI_MOUSE_WHEEL_UP ? -UI_PROFILE_WHEEL : UI_PROFILE_WHEEL,
	    y - pf->list_y)) {
	case UI_LIST_CHOSEN:
		ui_profile_jump(ui, pf);
		break;
	case UI_LIST_MOVED:
		ui_redraw(ui, UI_REDRAW_OVERLAY);
		break;
	case UI_LIST_MISSED:
		break;
	}
}

const struct ui_mode ui_profile_mode = {
	.name = "profile",
	.open = KEYS_NONE,
	.init = ui_profile_init,
	.free = ui_profile_free,
	.draw = ui_profile_draw,
	.key = ui_profile_key,
	.list = ui_profile_list,
	.mouse = ui_profile_mouse,
	.insert = NULL,
};
