/*
 * ui-timeline.c: the timeline pane. Events of the current view, one a row,
 * under day headings; the heading of the first row on screen always shows,
 * so the date is never off screen.
 *
 * Design: the pane keeps a window of rows (a few screens) read with
 * store_view_rows around what it shows; every movement costs at most one
 * window read, whatever the size of the view. Layout is computed from the
 * top position: a heading line before each change of date, and one at the
 * top of the pane.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-timeline.h"
#include "util.h"

/* Columns before the title: " HH:MM ~ ". */
#define UI_TIMELINE_LEFT	9

void
ui_timeline_init(struct ui *ui)
{
	memset(&ui->tl, 0, sizeof ui->tl);
}

static void
ui_timeline_drop_cache(struct ui_timeline *tl)
{
	store_rows_clear(tl->cache, tl->cache_n);
	tl->cache_n = 0;
	tl->cache_pos = 0;
}

void
ui_timeline_free(struct ui *ui)
{
	ui_timeline_drop_cache(&ui->tl);
	free(ui->tl.cache);
	free(ui->tl.map);
	memset(&ui->tl, 0, sizeof ui->tl);
}

/*
 * Returns the row at position pos (1..count), reading a new window round
 * it when the cached one does not hold it. The pointer is valid until the
 * next call: callers copy what they keep.
 */
static const struct store_row *
ui_timeline_row(struct ui *ui, int64_t pos)
{
	struct ui_timeline	*tl = &ui->tl;
	int64_t			 from;
	int			 want;

	if (pos < 1 || pos > tl->count || tl->view == NULL)
		return NULL;
	if (tl->cache_n > 0 && pos >= tl->cache_pos &&
	    pos < tl->cache_pos + tl->cache_n)
		return &tl->cache[pos - tl->cache_pos];
	/* Three screens: one above, the one shown, one below. */
	want = tl->height > 0 ? tl->height * 3 : 64;
	if (want < 64)
		want = 64;
	if (want > tl->cache_cap) {
		ui_timeline_drop_cache(tl);
		tl->cache = xreallocarray(tl->cache, (size_t)want,
		    sizeof *tl->cache);
		tl->cache_cap = want;
	}
	from = pos - want / 3;
	if (from < 1)
		from = 1;
	ui_timeline_drop_cache(tl);
	tl->cache_n = store_view_rows(tl->view, from, tl->cache_cap, tl->cache);
	tl->cache_pos = from;
	if (pos >= tl->cache_pos + tl->cache_n)
		return NULL;
	return &tl->cache[pos - tl->cache_pos];
}

/* Copies the date of row pos into date ("" if none). */
static void
ui_timeline_row_date(struct ui *ui, int64_t pos, char date[11])
{
	const struct store_row	*r;

	r = ui_timeline_row(ui, pos);
	snprintf(date, 11, "%s", r != NULL ? r->date : "");
}

/*
 * Publishes the selected event's number in ui->seq, where the other panes
 * and the modes read it. Called whenever the selection moves.
 */
static void
ui_timeline_settle(struct ui *ui)
{
	const struct store_row	*r;

	r = ui_timeline_row(ui, ui->tl.sel);
	ui->seq = r != NULL ? r->seq : 0;
}

/*
 * Returns the smallest top such that rows top..pos fit the pane with their
 * headings: pos then sits on the last line.
 */
static int64_t
ui_timeline_fit_top(struct ui *ui, int64_t pos)
{
	char	date[11], prev[11];
	int64_t	t = pos;
	int	used;

	if (pos <= 1)
		return 1;
	used = 2;		/* the top heading and row pos */
	ui_timeline_row_date(ui, pos, date);
	while (t > 1) {
		ui_timeline_row_date(ui, t - 1, prev);
		if (used + 1 + (strcmp(prev, date) != 0) > ui->tl.height)
			break;
		used += 1 + (strcmp(prev, date) != 0);
		memcpy(date, prev, sizeof date);
		t--;
	}
	return t;
}

/* Returns the last position shown whole when top is the first one. */
static int64_t
ui_timeline_last_shown(struct ui *ui, int64_t top)
{
	char	date[11], prev[11];
	int64_t	p;
	int	used;

	if (ui->tl.count == 0)
		return 0;
	used = 2;
	ui_timeline_row_date(ui, top, prev);
	for (p = top + 1; p <= ui->tl.count; p++) {
		ui_timeline_row_date(ui, p, date);
		if (used + 1 + (strcmp(prev, date) != 0) > ui->tl.height)
			break;
		used += 1 + (strcmp(prev, date) != 0);
		memcpy(prev, date, sizeof prev);
	}
	return p - 1;
}

/* Moves top so that the selection shows, as little as it can. */
static void
ui_timeline_show_sel(struct ui *ui)
{
	struct ui_timeline	*tl = &ui->tl;

	if (tl->count == 0 || tl->height <= 0) {
		tl->top = tl->count == 0 ? 0 : 1;
		return;
	}
	if (tl->top < 1)
		tl->top = 1;
	if (tl->sel < tl->top)
		tl->top = tl->sel;
	else if (tl->sel > ui_timeline_last_shown(ui, tl->top))
		tl->top = ui_timeline_fit_top(ui, tl->sel);
}

void
ui_timeline_set_view(struct ui *ui, struct store_view *view, int64_t sel)
{
	struct ui_timeline	*tl = &ui->tl;

	ui_timeline_drop_cache(tl);
	tl->view = view;
	tl->count = 0;
	/* A view being walked: enough for a few screens round sel. */
	ui_timeline_grow(ui, sel + 3 * (tl->height + 1), 0);
	tl->top = 0;
	tl->sel = 0;
	if (tl->count > 0) {
		tl->sel = sel < 1 ? 1 : sel > tl->count ? tl->count : sel;
		/*
		 * Put the selection some way down the pane, so that what led
		 * to it shows too, but leave no blank space at the bottom.
		 */
		tl->top = tl->sel - tl->height / 4;
		if (tl->top < ui_timeline_fit_top(ui, tl->sel))
			tl->top = ui_timeline_fit_top(ui, tl->sel);
		if (tl->top > ui_timeline_fit_top(ui, tl->count))
			tl->top = ui_timeline_fit_top(ui, tl->count);
		if (tl->top > tl->sel)
			tl->top = tl->sel;
		if (tl->top < 1)
			tl->top = 1;
	}
	ui_timeline_settle(ui);
	ui_redraw(ui, UI_REDRAW_PANES);
}

void
ui_timeline_resize(struct ui *ui, int height)
{
	struct ui_timeline	*tl = &ui->tl;
	int64_t			 maxtop;

	tl->height = height;
	ui_timeline_show_sel(ui);
	/* A taller pane shows more of what comes before, not blank lines. */
	if (tl->count > 0 && tl->top > (maxtop = ui_timeline_fit_top(ui,
	    tl->count)))
		tl->top = maxtop > tl->sel ? tl->sel : maxtop;
}

int
ui_timeline_grow(struct ui *ui, int64_t upto, int ms)
{
	struct ui_timeline	*tl = &ui->tl;
	int64_t			 old = tl->count;

	if (tl->view == NULL)
		return 0;
	if (!store_view_done(tl->view) && (upto < 0 || upto > tl->count))
		store_view_more(tl->view, upto, ms);
	tl->count = store_view_count(tl->view);
	return tl->count != old;
}

void
ui_timeline_select(struct ui *ui, int64_t pos)
{
	struct ui_timeline	*tl = &ui->tl;

	ui_timeline_grow(ui, pos, 0);
	if (tl->count == 0)
		return;
	if (pos < 1)
		pos = 1;
	if (pos > tl->count)
		pos = tl->count;
	if (pos == tl->sel)
		return;
	tl->sel = pos;
	ui_timeline_show_sel(ui);
	ui_timeline_settle(ui);
	ui_redraw(ui, UI_REDRAW_TIMELINE | UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

void
ui_timeline_move(struct ui *ui, int64_t delta)
{
	if (ui->tl.count == 0)
		return;
	ui_timeline_select(ui, ui->tl.sel + delta);
}

/* Rows that fit from top, at least one. */
static int64_t
ui_timeline_shown(struct ui *ui)
{
	int64_t	n;

	n = ui_timeline_last_shown(ui, ui->tl.top) - ui->tl.top + 1;
	return n < 1 ? 1 : n;
}

void
ui_timeline_page(struct ui *ui, int dir, int half)
{
	struct ui_timeline	*tl = &ui->tl;
	int64_t			 page, maxtop, off;

	ui_timeline_grow(ui, tl->top + 3 * (tl->height + 1), 0);
	if (tl->count == 0)
		return;
	page = ui_timeline_shown(ui);
	if (half)
		page = page / 2 > 0 ? page / 2 : 1;
	else if (page > 1)
		page--;		/* one row of context, as less keeps */
	off = tl->sel - tl->top;
	maxtop = ui_timeline_fit_top(ui, tl->count);
	if (dir > 0) {
		if (tl->top >= maxtop) {
			/* The last page shows: go to the last row. */
			ui_timeline_select(ui, tl->count);
			return;
		}
		tl->top += page;
		if (tl->top > maxtop)
			tl->top = maxtop;
	} else {
		if (tl->top <= 1) {
			ui_timeline_select(ui, 1);
			return;
		}
		tl->top -= page;
		if (tl->top < 1)
			tl->top = 1;
	}
	/* The selection keeps its place on the screen. */
	tl->sel = tl->top + off;
	if (tl->sel > tl->count)
		tl->sel = tl->count;
	if (tl->sel > ui_timeline_last_shown(ui, tl->top))
		tl->sel = ui_timeline_last_shown(ui, tl->top);
	ui_timeline_settle(ui);
	ui_redraw(ui, UI_REDRAW_TIMELINE | UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

void
ui_timeline_scroll(struct ui *ui, int delta)
{
	struct ui_timeline	*tl = &ui->tl;
	int64_t			 maxtop, last, old = tl->sel;

	ui_timeline_grow(ui, tl->top + delta + 2 * (tl->height + 1), 0);
	if (tl->count == 0)
		return;
	maxtop = ui_timeline_fit_top(ui, tl->count);
	tl->top += delta;
	if (tl->top > maxtop)
		tl->top = maxtop;
	if (tl->top < 1)
		tl->top = 1;
	last = ui_timeline_last_shown(ui, tl->top);
	if (tl->sel < tl->top)
		tl->sel = tl->top;
	if (tl->sel > last)
		tl->sel = last;
	ui_timeline_settle(ui);
	ui_redraw(ui, UI_REDRAW_TIMELINE | UI_REDRAW_STATUS |
	    (old != tl->sel ? UI_REDRAW_DETAIL : 0));
}

void
ui_timeline_click(struct ui *ui, int y)
{
	struct ui_timeline	*tl = &ui->tl;

	if (y < 0 || y >= tl->map_n || tl->map[y] == 0)
		return;
	ui_timeline_select(ui, tl->map[y]);
}

void
ui_timeline_date(struct ui *ui, char date[11])
{
	ui_timeline_row_date(ui, ui->tl.sel, date);
}

/* Draws one event row on line y. */
static void
ui_timeline_draw_row(struct ui *ui, WINDOW *w, int y, int width,
    const struct store_row *r, int selected)
{
	struct ui_text	title, actors;
	enum theme_elem	e_time, e_title, e_actors, e_approx, e_fill;
	int		aw, tw, room, x;

	e_fill = selected ? THEME_TL_SELECTED : THEME_NORMAL;
	e_time = selected ? THEME_TL_SELECTED : THEME_TL_TIME;
	e_title = selected ? THEME_TL_SELECTED : THEME_TL_TITLE;
	e_actors = selected ? THEME_TL_SELECTED : THEME_TL_ACTORS;
	e_approx = selected ? THEME_TL_SELECTED : THEME_TL_APPROX;

	ui_draw_fill(ui, w, y, 0, width, e_fill);
	if (r->time[0] != '\0')
		ui_draw_str(ui, w, y, 1, 5, r->time, e_time, 0);
	if (r->approximate)
		ui_draw_str(ui, w, y, 7, 1, "~", e_approx, 0);
	/* The user's mark and note, read as they are now (ui-notes.c). */
	if (r->marked)
		ui_draw_str(ui, w, y, 0, 1, "*", e_title, 0);
	if (r->noted)
		ui_draw_str(ui, w, y, 8, 1, "+", e_approx, 0);

	ui_text_init(&title, r->title, 0);
	ui_text_init(&actors, r->actors, 0);
	room = width - UI_TIMELINE_LEFT - 1;
	aw = ui_text_cols(&actors, 0, actors.len);
	tw = ui_text_cols(&title, 0, title.len);
	/* Actors take what the title leaves, and at least a quarter. */
	if (aw > 0) {
		if (aw > room - tw - 2 && aw > room / 4)
			aw = room - tw - 2 > room / 4 ? room - tw - 2 :
			    room / 4;
		if (aw < 4)
			aw = 0;
	}
	x = UI_TIMELINE_LEFT;
	ui_draw_text(ui, w, y, x, room - (aw > 0 ? aw + 2 : 0), &title, 0,
	    title.len, e_title, NULL, UI_DRAW_ELLIPSIS);
	if (aw > 0)
		ui_draw_text(ui, w, y, width - 1 - aw, aw, &actors, 0,
		    actors.len, e_actors, NULL, UI_DRAW_ELLIPSIS);
	ui_text_free(&title);
	ui_text_free(&actors);
}

void
ui_timeline_draw(struct ui *ui)
{
	struct ui_timeline	*tl = &ui->tl;
	const struct store_row	*r;
	WINDOW			*w = ui->tl_win;
	char			 prev[11], day[16];
	int64_t			 pos;
	int			 h, width, y;

	getmaxyx(w, h, width);
	tl->height = h;
	if (tl->map_n != h) {
		tl->map = xreallocarray(tl->map, (size_t)h, sizeof *tl->map);
		tl->map_n = h;
	}
	memset(tl->map, 0, (size_t)h * sizeof *tl->map);
	werase(w);
	if (tl->count == 0) {
		ui_draw_str(ui, w, 0, 1, width - 2, "no events", THEME_DT_LABEL,
		    0);
		wnoutrefresh(w);
		return;
	}
	prev[0] = '\0';
	y = 0;
	for (pos = tl->top; pos <= tl->count && y < h; pos++) {
		if ((r = ui_timeline_row(ui, pos)) == NULL)
			break;
		if (y == 0 || strcmp(r->date, prev) != 0) {
			/* A heading needs its first row under it. */
			if (y + 1 >= h)
				break;
			ui_draw_date(r->date, day);
			ui_draw_str(ui, w, y, 0, width, day, THEME_TL_DAY, 0);
			y++;
			snprintf(prev, sizeof prev, "%s", r->date);
		}
		store_rows_notes(ui->store, (struct store_row *)(uintptr_t)r,
		    1);
		ui_timeline_draw_row(ui, w, y, width, r, pos == tl->sel);
		tl->map[y] = pos;
		y++;
	}
	wnoutrefresh(w);
}
