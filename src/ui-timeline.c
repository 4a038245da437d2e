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

#include "paths.h"
#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-timeline.h"
#include "util.h"

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

int
ui_timeline_needed(struct ui *ui, int max)
{
	struct ui_timeline	*tl = &ui->tl;
	char			 date[11], prev[11] = "";
	int64_t			 p;
	int			 used = 0;

	if (tl->view == NULL || !store_view_done(tl->view) ||
	    (tl->count = store_view_count(tl->view)) >= max || tl->count == 0)
		return max;
	for (p = 1; p <= tl->count && used < max; p++) {
		ui_timeline_row_date(ui, p, date);
		used += 1 + (strcmp(date, prev) != 0);
		memcpy(prev, date, sizeof prev);
	}
	return used < max ? used : max;
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

/* Where a row's parts go: the gutters are the same for every row shown. */
struct ui_timeline_cols {
	int	mark_x;		/* "*+": -1 when no row shown is marked or
				   has a note */
	int	time_x;		/* -1: no row shown has a time */
	int	approx_x;	/* -1: none is approximate */
	int	title_x;
};

/*
 * Sizes the gutters from the rows that will show, as ui_timeline_draw
 * lays them out from top: a column of the user's marks and notes only if
 * one of them has either, a time column only if one has a time, a "~"
 * column only if one is approximate.
 */
static void
ui_timeline_columns(struct ui *ui, int h, struct ui_timeline_cols *c)
{
	const struct store_row	*r;
	char			 prev[11] = "";
	int64_t			 pos;
	int			 y = 0, times = 0, approx = 0, marks = 0, x = 1;

	for (pos = ui->tl.top; pos <= ui->tl.count && y < h; pos++, y++) {
		if ((r = ui_timeline_row(ui, pos)) == NULL)
			break;
		/* The user's marks and notes as they are now (ui-notes.c). */
		store_rows_notes(ui->store, (struct store_row *)(uintptr_t)r,
		    1);
		marks |= r->marked || r->noted;
		if (y == 0 || strcmp(r->date, prev) != 0) {
			y++;
			snprintf(prev, sizeof prev, "%s", r->date);
		}
		times |= r->time[0] != '\0';
		approx |= r->approximate;
	}
	c->mark_x = marks ? x : -1;
	x += marks ? 3 : 0;
	c->time_x = times ? x : -1;
	x += times ? 6 : 0;
	c->approx_x = approx ? x : -1;
	x += approx ? 2 : 0;
	c->title_x = x < 2 ? 2 : x;
}

/*
 * Draws one event row on line y. The title has the room it needs; the
 * actors, at the right, what it leaves, but at least the first actor
 * (with "…" when more follow), so that a long title never gives way to a
 * list of names.
 */
static void
ui_timeline_draw_row(struct ui *ui, WINDOW *w, int y, int width,
    const struct store_row *r, int selected,
    const struct ui_timeline_cols *c)
{
	struct ui_text	title, actors;
	enum theme_elem	e_time, e_title, e_actors, e_approx, e_fill;
	int		aw, tw, fw, room, floor;

	e_fill = selected ? THEME_TL_SELECTED : THEME_NORMAL;
	e_time = selected ? THEME_TL_SELECTED : THEME_TL_TIME;
	e_title = selected ? THEME_TL_SELECTED : THEME_TL_TITLE;
	e_actors = selected ? THEME_TL_SELECTED : THEME_TL_ACTORS;
	e_approx = selected ? THEME_TL_SELECTED : THEME_TL_APPROX;

	ui_draw_fill(ui, w, y, 0, width, e_fill);
	/* Where the keys go: a mark that needs no colour (ui_detail_draw). */
	if (selected && ui->focus == UI_FOCUS_TIMELINE)
		ui_draw_str(ui, w, y, 0, 1, ">", e_fill, 0);
	/* The user's mark and note, read as they are now (ui-notes.c). */
	if (r->marked && c->mark_x >= 0)
		ui_draw_str(ui, w, y, c->mark_x, 1, "*", e_title, 0);
	if (r->noted && c->mark_x >= 0)
		ui_draw_str(ui, w, y, c->mark_x + 1, 1, "+", e_approx, 0);
	if (r->time[0] != '\0' && c->time_x >= 0)
		ui_draw_str(ui, w, y, c->time_x, 5, r->time, e_time, 0);
	if (r->approximate && c->approx_x >= 0)
		ui_draw_str(ui, w, y, c->approx_x, 1, "~", e_approx, 0);

	ui_text_init(&title, r->title, 0);
	ui_text_init(&actors, r->actors, 0);
	room = width - c->title_x - 1;
	aw = ui_text_cols(&actors, 0, actors.len);
	tw = ui_text_cols(&title, 0, title.len);
	fw = ui_text_cols(&actors, 0, strcspn(actors.s, ","));
	floor = fw < aw ? fw + 1 : aw;
	if (aw > 0) {
		if (aw > room - tw - 2)
			aw = room - tw - 2 > floor ? room - tw - 2 : floor;
		if (aw < 4)
			aw = 0;
	}
	ui_draw_text(ui, w, y, c->title_x, room - (aw > 0 ? aw + 2 : 0),
	    &title, 0, title.len, e_title, NULL, UI_DRAW_ELLIPSIS);
	if (aw > 0)
		ui_draw_text(ui, w, y, width - 1 - aw, aw, &actors, 0,
		    actors.len, e_actors, NULL, UI_DRAW_ELLIPSIS);
	ui_text_free(&title);
	ui_text_free(&actors);
}

/*
 * An empty corpus: says what is missing and where the format is told, so
 * that a first try on a new directory does not end on a blank screen.
 */
static void
ui_timeline_draw_empty(struct ui *ui, WINDOW *w, int h, int width)
{
	struct ui_text		 t;
	struct text_line	*tl;
	char			*bundled, *s;
	size_t			 i, n;

	bundled = paths_content();
	s = xasprintf("No events in %s. dossier reads the YAML files"
	    " (*.yaml) there: an 'events:' list, with the 'actors:' and"
	    " 'sources:' they name.\n\nThe format is described in"
	    " %s/README.md (content/README.md in dossier's sources);"
	    " 'dossier check' says what is wrong.", ui->opts->content != NULL ?
	    ui->opts->content : "the content directory", bundled);
	ui_text_init(&t, s, 1);
	n = text_wrap(t.s, width - 2, &tl);
	for (i = 0; i < n && (int)i < h; i++)
		ui_draw_text(ui, w, (int)i, 1, width - 2, &t, tl[i].off,
		    tl[i].len, THEME_DT_LABEL, NULL, 0);
	free(tl);
	ui_text_free(&t);
	free(s);
	free(bundled);
}

void
ui_timeline_draw(struct ui *ui)
{
	struct ui_timeline	*tl = &ui->tl;
	const struct store_row	*r;
	struct ui_timeline_cols	 c;
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
		if (ui->total == 0)
			ui_timeline_draw_empty(ui, w, h, width);
		else
			ui_draw_str(ui, w, 0, 1, width - 2, "no events",
			    THEME_DT_LABEL, 0);
		wnoutrefresh(w);
		return;
	}
	ui_timeline_columns(ui, h, &c);
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
		ui_timeline_draw_row(ui, w, y, width, r, pos == tl->sel, &c);
		tl->map[y] = pos;
		y++;
	}
	wnoutrefresh(w);
}
