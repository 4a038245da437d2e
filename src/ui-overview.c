/*
 * ui-overview.c: the overview mode (i), the shape of the current view at a
 * glance: a bar chart of its events per day (per week or month when the
 * days do not fit) over its date span, and below it the actors (or tags)
 * with the most events in it, one row each, their counts shaded in the
 * same columns. A cursor walks the cells; Enter on one filters the
 * timeline to its row and dates, Enter on the chart goes to the column's
 * first event. Every count comes from the store's SQL aggregation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-core.h"
#include "ui-draw.h"
#include "ui-timeline.h"
#include "ui-view.h"
#include "util.h"

/* Columns of the row labels and the most rows the matrix shows. */
#define UI_OVERVIEW_LABEL	16
#define UI_OVERVIEW_MAXROWS	64

/* Where things are in the window, from its size (ui_overview_layout). */
struct ui_overview_geom {
	int	chart_y;	/* first line of the bars */
	int	chart_h;	/* lines of bars */
	int	axis_y;		/* the baseline; labels on the two below */
	int	head_y;		/* the matrix's heading line */
	int	rows_y;		/* its first row */
	int	rows_h;		/* rows that fit */
	int	legend_y;
	int	label_x;	/* row labels */
	int	label_w;
	int	plot_x;		/* the first column */
	int	plot_w;		/* columns that fit */
	int	total_x;	/* the totals */
	int	total_w;
};

/* The state of the open overview. */
struct ui_overview {
	enum store_stats_by	 unit;		/* DAY, WEEK or MONTH */
	enum store_stats_by	 rows;		/* ACTOR or TAG */
	int64_t			 first;		/* the span, in days */
	int64_t			 last;
	int64_t			 start;		/* first day of column 0 */
	int64_t			 ncols;
	int			 cw;		/* cells a column takes, 1-3 */
	int64_t			*chart;		/* events per column */
	int64_t			 chart_max;
	int64_t			 total;		/* events in the span */
	struct store_cross	 x;		/* the matrix */
	int64_t			 cell_max;
	int64_t			 left;		/* first column shown */
	int64_t			 col;		/* the cursor */
	int			 row;		/* -1: the chart */
	int64_t			 sel_col;	/* the selected event's, or -1 */
	int			 utf8;		/* the locale shows ░▒▓█ */
	struct ui_overview_geom	 g;
};

/* Day numbers (days since 1970-01-01) and dates, in UTC. */
static int64_t
ui_overview_day(const char *date)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	return (int64_t)(timegm(&tm) / 86400);
}

static void
ui_overview_date(int64_t day, char out[11])
{
	struct tm	tm;
	time_t		t = (time_t)(day * 86400 + 43200);

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Year * 12 + month - 1 of a day. */
static int64_t
ui_overview_month(int64_t day)
{
	char	d[11];
	int	y = 0, m = 1;

	ui_overview_date(day, d);
	sscanf(d, "%4d-%2d", &y, &m);
	return (int64_t)y * 12 + m - 1;
}

/* The first day of a month number (ui_overview_month). */
static int64_t
ui_overview_month_day(int64_t month)
{
	char	d[32];

	snprintf(d, sizeof d, "%04d-%02d-01", (int)(month / 12 % 10000),
	    (int)(month % 12) + 1);
	return ui_overview_day(d);
}

/* Monday on or before day (1970-01-01 was a Thursday). */
static int64_t
ui_overview_monday(int64_t day)
{
	int64_t	wd = ((day + 3) % 7 + 7) % 7;

	return day - wd;
}

/* The column of day (may be out of 0..ncols-1). */
static int64_t
ui_overview_col(struct ui_overview *ov, int64_t day)
{
	if (ov->unit == STORE_STATS_DAY)
		return day - ov->start;
	if (ov->unit == STORE_STATS_WEEK)
		return (ui_overview_monday(day) - ov->start) / 7;
	return ui_overview_month(day) - ui_overview_month(ov->start);
}

/* The first and last day of column c, within the span. */
static void
ui_overview_range(struct ui_overview *ov, int64_t c, int64_t *from,
    int64_t *to)
{
	if (ov->unit == STORE_STATS_DAY)
		*from = *to = ov->start + c;
	else if (ov->unit == STORE_STATS_WEEK) {
		*from = ov->start + 7 * c;
		*to = *from + 6;
	} else {
		*from = ui_overview_month_day(ui_overview_month(ov->start) +
		    c);
		*to = ui_overview_month_day(ui_overview_month(ov->start) + c +
		    1) - 1;
	}
	if (*from < ov->first)
		*from = ov->first;
	if (*to > ov->last)
		*to = ov->last;
}

/*
 * Whether the user's locale can show the shading blocks. The reader runs
 * in a UTF-8 locale whatever the user's is (ui.c), so ask the environment
 * as setlocale would have: LC_ALL, then LC_CTYPE, then LANG.
 */
static int
ui_overview_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char	*v;
	char		 low[64];
	size_t		 i, k;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		for (k = 0; v[k] != '\0' && k + 1 < sizeof low; k++)
			low[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ?
			    v[k] - 'A' + 'a' : v[k]);
		low[k] = '\0';
		return strstr(low, "utf-8") != NULL ||
		    strstr(low, "utf8") != NULL;
	}
	return 0;
}

/* Lays the window out; returns 0, or -1 if not even one row fits. */
static int
ui_overview_layout(struct ui *ui, struct ui_overview *ov)
{
	struct ui_overview_geom	*g = &ov->g;
	int			 h, w, inner;

	getmaxyx(ui->ov_win, h, w);
	inner = h - 2;
	memset(g, 0, sizeof *g);
	if (inner < 6 || w < 24)
		return -1;
	/* Bars, baseline and two label lines, heading, rows, legend. */
	g->chart_h = inner / 4;
	if (g->chart_h > 8)
		g->chart_h = 8;
	if (g->chart_h < 1)
		g->chart_h = 1;
	g->chart_y = 1;
	g->axis_y = g->chart_y + g->chart_h;
	g->head_y = g->axis_y + 3;
	g->rows_y = g->head_y + 1;
	g->legend_y = h - 2;
	g->rows_h = g->legend_y - g->rows_y;
	if (g->rows_h < 1) {
		/* The smallest screens: one label line, no heading. */
		g->head_y = g->axis_y + 2;
		g->rows_y = g->head_y;
		g->rows_h = g->legend_y - g->rows_y;
		if (g->rows_h < 1)
			g->rows_h = 0;
	}
	g->label_x = 2;
	g->label_w = (w - 4) / 5;
	if (g->label_w > UI_OVERVIEW_LABEL)
		g->label_w = UI_OVERVIEW_LABEL;
	g->total_w = 5;
	g->plot_x = g->label_x + g->label_w + 1;
	g->plot_w = w - 2 - g->plot_x - g->total_w;
	g->total_x = g->plot_x + g->plot_w;
	return g->plot_w < 4 ? -1 : 0;
}

/* Columns shown at once. */
static int64_t
ui_overview_vis(struct ui_overview *ov)
{
	return ov->g.plot_w / (ov->cw > 0 ? ov->cw : 1);
}

/* Keeps the cursor's column on screen. */
static void
ui_overview_show_col(struct ui_overview *ov)
{
	int64_t	w = ui_overview_vis(ov);

	if (ov->col < 0)
		ov->col = 0;
	if (ov->col >= ov->ncols)
		ov->col = ov->ncols - 1;
	if (ov->col < ov->left)
		ov->left = ov->col;
	if (ov->col >= ov->left + w)
		ov->left = ov->col - w + 1;
	if (ov->left > ov->ncols - w)
		ov->left = ov->ncols - w;
	if (ov->left < 0)
		ov->left = 0;
}

/*
 * Reads the counts for the window's size: the days of the view and its
 * top rows by day (one tally, store.h), summed into the columns that fit.
 * Returns 0, or -1 with a message.
 */
static int
ui_overview_load(struct ui *ui, struct ui_overview *ov)
{
	struct store_filter	 f;
	struct store_stats_row	*days;
	struct store_tally	*t;
	char			*err = NULL, start[11], sel[11];
	int64_t			 n, i, c, d, span, weeks;
	int			 maxrows, rc;

	ui_view_filter(ui, &f);
	maxrows = ov->g.rows_h > 0 ? ov->g.rows_h : 1;
	if (maxrows > UI_OVERVIEW_MAXROWS)
		maxrows = UI_OVERVIEW_MAXROWS;
	/* One pass over the view's events gives the days and the matrix. */
	if ((t = store_tally_new(ui->store, &f, ov->rows, maxrows, &err)) ==
	    NULL) {
		ui_error(ui, "%s", err);
		free(err);
		return -1;
	}
	n = store_tally_days(t, &days);
	if (n == 0 && (f.from == NULL || f.to == NULL)) {
		ui_message(ui, "no events to show");
		store_stats_free(days, n);
		store_tally_free(t);
		return -1;
	}
	/* The span: the view's dates if it has them, else its events'. */
	ov->first = ui_overview_day(f.from != NULL ? f.from : days[0].key);
	ov->last = ui_overview_day(f.to != NULL ? f.to : days[n - 1].key);
	span = ov->last - ov->first + 1;
	weeks = (ui_overview_monday(ov->last) -
	    ui_overview_monday(ov->first)) / 7 + 1;
	if (span <= ov->g.plot_w) {
		ov->unit = STORE_STATS_DAY;
		ov->start = ov->first;
	} else if (weeks <= ov->g.plot_w) {
		ov->unit = STORE_STATS_WEEK;
		ov->start = ui_overview_monday(ov->first);
	} else {
		ov->unit = STORE_STATS_MONTH;
		ov->start = ui_overview_month_day(ui_overview_month(ov->first));
	}
	ov->ncols = ui_overview_col(ov, ov->last) + 1;
	/* Few columns get wider, with a gap between them. */
	ov->cw = (int)(ov->g.plot_w / ov->ncols);
	if (ov->cw > 3)
		ov->cw = 3;
	if (ov->cw < 1)
		ov->cw = 1;
	free(ov->chart);
	ov->chart = xcalloc((size_t)ov->ncols, sizeof *ov->chart);
	ov->chart_max = ov->total = 0;
	for (i = 0; i < n; i++) {
		if (days[i].count == 0)
			continue;
		d = ui_overview_day(days[i].key);
		if ((c = ui_overview_col(ov, d)) < 0 || c >= ov->ncols)
			continue;
		ov->chart[c] += days[i].count;
		ov->total += days[i].count;
		if (ov->chart[c] > ov->chart_max)
			ov->chart_max = ov->chart[c];
	}
	store_stats_free(days, n);

	store_cross_free(&ov->x);
	ui_overview_date(ov->start, start);
	rc = store_tally_cross(t, ov->unit, start, ov->ncols, &ov->x, &err);
	store_tally_free(t);
	if (rc != 0) {
		ui_error(ui, "%s", err);
		free(err);
		return -1;
	}
	ov->cell_max = 0;
	for (i = 0; i < (int64_t)ov->x.nrows * ov->ncols; i++)
		if (ov->x.counts[i] > ov->cell_max)
			ov->cell_max = ov->x.counts[i];
	if (ov->row >= ov->x.nrows)
		ov->row = ov->x.nrows - 1;

	/* The selected event's column, where the cursor starts. */
	ov->sel_col = -1;
	ui_timeline_date(ui, sel);
	if (sel[0] != '\0') {
		c = ui_overview_col(ov, ui_overview_day(sel));
		if (c >= 0 && c < ov->ncols)
			ov->sel_col = c;
	}
	return 0;
}

static void
ui_overview_free(struct ui *ui, void *data)
{
	struct ui_overview	*ov = data;

	(void)ui;
	store_cross_free(&ov->x);
	free(ov->chart);
	free(ov);
}

/* Opens on the current view, the cursor on the selected event's day. */
static void *
ui_overview_init(struct ui *ui, const void *arg)
{
	struct ui_overview	*ov;

	(void)arg;
	ov = xcalloc(1, sizeof *ov);
	ov->rows = STORE_STATS_ACTOR;
	ov->row = -1;
	ov->utf8 = ui_overview_utf8();
	if (ui_overview_layout(ui, ov) != 0) {
		ui_message(ui, "the window is too small for the overview");
		ui_overview_free(ui, ov);
		return NULL;
	}
	if (ui_overview_load(ui, ov) != 0) {
		ui_overview_free(ui, ov);
		return NULL;
	}
	ov->col = ov->sel_col >= 0 ? ov->sel_col : ov->ncols - 1;
	/* The selected column at the middle, where it can be. */
	ov->left = ov->col - ui_overview_vis(ov) / 2;
	ui_overview_show_col(ov);
	return ov;
}

/* A new size: the columns may become days, weeks or months. */
static void
ui_overview_resize(struct ui *ui, void *data)
{
	struct ui_overview	*ov = data;
	int64_t			 from = 0, to;
	int			 had = ov->ncols > 0;

	/* The cursor stays on its first day, whatever the columns become. */
	if (had)
		ui_overview_range(ov, ov->col, &from, &to);
	if (ui_overview_layout(ui, ov) != 0 || ui_overview_load(ui, ov) != 0)
		return;
	if (had)
		ov->col = ui_overview_col(ov, from);
	ov->left = ov->col - ui_overview_vis(ov) / 2;
	ui_overview_show_col(ov);
	ui_redraw(ui, UI_REDRAW_OVERLAY | UI_REDRAW_STATUS);
}

/* Enter on the chart: the first event of the column in the view. */
static void
ui_overview_goto(struct ui *ui, struct ui_overview *ov)
{
	struct store_row	 r;
	char			 from[11], to[11];
	int64_t			 a, b, pos;
	int			 found = 0;

	ui_overview_range(ov, ov->col, &a, &b);
	ui_overview_date(a, from);
	ui_overview_date(b, to);
	if (ov->chart[ov->col] > 0 &&
	    (pos = store_view_find_date(ui->view, from)) > 0 &&
	    store_view_rows(ui->view, pos, 1, &r) == 1) {
		found = strcmp(r.date, to) <= 0;
		store_rows_clear(&r, 1);
	}
	if (!found) {
		ui_message(ui, "no event from %s to %s", from, to);
		return;
	}
	ui_mode_close_all(ui);		/* frees ov */
	ui->focus = UI_FOCUS_TIMELINE;
	ui_timeline_select(ui, pos);
	ui_redraw(ui, UI_REDRAW_PANES);
}

/* Enter on a cell: the timeline shows its row's events of its dates. */
static void
ui_overview_choose(struct ui *ui, struct ui_overview *ov)
{
	const char	*ids[UI_OVERVIEW_MAXROWS + 1];
	char		 from[11], to[11], *key, *name, *tag, *both = NULL;
	int64_t		 a, b;
	int		 n = 0, i;

	if (ov->row < 0) {
		ui_overview_goto(ui, ov);
		return;
	}
	if (ov->x.counts[(size_t)ov->row * (size_t)ov->ncols +
	    (size_t)ov->col] == 0) {
		ui_message(ui, "no event there");
		return;
	}
	ui_overview_range(ov, ov->col, &a, &b);
	ui_overview_date(a, from);
	ui_overview_date(b, to);
	key = xstrdup(ov->x.keys[ov->row]);
	name = xstrdup(ov->x.names[ov->row] != NULL ? ov->x.names[ov->row] :
	    key);
	tag = ui->filter_tag != NULL ? xstrdup(ui->filter_tag) : NULL;
	/* The cell counted the view's events: its actors stay with it. */
	if (ov->rows == STORE_STATS_ACTOR) {
		if (ui->filter_actor != NULL)
			ids[n++] = ui->filter_actor;
		for (i = 0; i < ui->filter_nactors && n < UI_OVERVIEW_MAXROWS;
		    i++)
			ids[n++] = ui->filter_actors[i];
		for (i = 0; i < n && strcmp(ids[i], key) != 0; i++)
			;
		if (i == n) {
			ids[n++] = key;
			if (n > 1)
				both = xasprintf("%s + %s", ui->filter_name,
				    name);
		} else
			both = xstrdup(ui->filter_name);
	} else if (tag != NULL && strcmp(tag, key) != 0) {
		ui_message(ui, "one tag at a time: Esc in the timeline clears"
		    " '%s' first", tag);
		goto out;
	} else {
		free(tag);
		tag = xstrdup(key);
		if (ui->filter_actor != NULL)
			ids[n++] = ui->filter_actor;
		for (i = 0; i < ui->filter_nactors && n < UI_OVERVIEW_MAXROWS;
		    i++)
			ids[n++] = ui->filter_actors[i];
		if (ui->filter_name != NULL)
			both = xasprintf("%s, %s", ui->filter_name, key);
	}
	ui_view_filter_more(ui, ids, n, both != NULL ? both : name, tag, from,
	    to);
	if (ui->filter_from != NULL && strcmp(ui->filter_from, from) == 0 &&
	    strcmp(ui->filter_to, to) == 0)
		ui_mode_close_all(ui);		/* frees ov */
out:
	free(both);
	free(tag);
	free(name);
	free(key);
}

static int
ui_overview_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_overview	*ov = data;

	(void)key;
	switch (a) {
	case KEYS_LEFT:
		ov->col--;
		break;
	case KEYS_RIGHT:
		ov->col++;
		break;
	case KEYS_FIRST:
		ov->col = 0;
		break;
	case KEYS_LAST:
		ov->col = ov->ncols - 1;
		break;
	case KEYS_PREVIOUS:
		if (ov->row >= 0)
			ov->row--;
		break;
	case KEYS_NEXT:
		if (ov->row + 1 < ov->x.nrows && ov->row + 1 < ov->g.rows_h)
			ov->row++;
		break;
	case KEYS_ROWS:
		ov->rows = ov->rows == STORE_STATS_ACTOR ? STORE_STATS_TAG :
		    STORE_STATS_ACTOR;
		if (ui_overview_load(ui, ov) != 0)
			ui_mode_pop(ui);
		break;
	case KEYS_CHOOSE:
		ui_overview_choose(ui, ov);
		return 1;	/* ov may be gone */
	case KEYS_CLOSE:
		ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
	ui_overview_show_col(ov);
	ui_redraw(ui, UI_REDRAW_OVERLAY | UI_REDRAW_STATUS);
	return 1;
}

/* The shade of a count: 0 blank, then four levels up to the largest. */
static int
ui_overview_level(struct ui_overview *ov, int64_t n)
{
	if (n <= 0 || ov->cell_max <= 0)
		return 0;
	return (int)((n * 4 + ov->cell_max - 1) / ov->cell_max);
}

static const char *
ui_overview_shade(struct ui_overview *ov, int level)
{
	static const char *const blocks[] = { " ", "\xe2\x96\x91",
	    "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88" };
	static const char *const plain[] = { " ", ".", ":", "*", "#" };

	return ov->utf8 ? blocks[level] : plain[level];
}

/*
 * Draws s (one cell wide) at y in column i of the plot: over its cells
 * but the gap, or all of them with full set (a line).
 */
static void
ui_overview_cell(struct ui *ui, struct ui_overview *ov, WINDOW *w, int y,
    int64_t i, const char *s, enum theme_elem e, int cursor, int full)
{
	int	k, n = ov->cw > 1 && !full ? ov->cw - 1 : ov->cw;

	for (k = 0; k < n; k++) {
		wattrset(w, ui_draw_attr(ui, e) | (cursor && k < (ov->cw > 1 ?
		    ov->cw - 1 : 1) ? A_REVERSE : 0));
		mvwaddstr(w, y, ov->g.plot_x + (int)i * ov->cw + k, s);
	}
}

/* The bars, the baseline with the selected event's column, the labels. */
static void
ui_overview_draw_chart(struct ui *ui, struct ui_overview *ov, WINDOW *w)
{
	struct ui_overview_geom	*g = &ov->g;
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char			 s[32], d[11], pd[11];
	int64_t			 c, from, to, v;
	int			 i, y, x, hv, cur, last_label = -100;
	int			 coarse_end = 0;

	snprintf(s, sizeof s, "%lld", (long long)ov->chart_max);
	ui_draw_str(ui, w, g->chart_y, g->label_x, g->label_w, "events",
	    THEME_DT_LABEL, 0);
	ui_draw_str(ui, w, g->chart_y, g->plot_x - 1 - (int)strlen(s),
	    (int)strlen(s), s, THEME_DT_LABEL, 0);
	snprintf(s, sizeof s, "per %s", ov->unit == STORE_STATS_DAY ? "day" :
	    ov->unit == STORE_STATS_WEEK ? "week" : "month");
	ui_draw_str(ui, w, g->axis_y, g->label_x, g->label_w, s,
	    THEME_DT_LABEL, 0);
	if (ov->left > 0)
		ui_draw_str(ui, w, g->axis_y + 1, g->plot_x - 2, 1, "<",
		    THEME_HELP_KEY, 0);
	if (ov->left + ui_overview_vis(ov) < ov->ncols)
		ui_draw_str(ui, w, g->axis_y + 1, g->total_x + 1, 1, ">",
		    THEME_HELP_KEY, 0);
	pd[0] = '\0';
	for (i = 0; i < ui_overview_vis(ov) && ov->left + i < ov->ncols; i++) {
		c = ov->left + i;
		x = g->plot_x + i * ov->cw;
		v = ov->chart[c];
		cur = ov->row < 0 && c == ov->col;
		hv = v > 0 ? (int)((v * g->chart_h + ov->chart_max - 1) /
		    ov->chart_max) : 0;
		for (y = 0; y < g->chart_h; y++)
			ui_overview_cell(ui, ov, w, g->chart_y + y, i,
			    g->chart_h - y <= hv ? (ov->utf8 ? "\xe2\x96\x88" :
			    "#") : " ", THEME_DT_ACTOR, cur, 0);
		ui_overview_cell(ui, ov, w, g->axis_y, i, ov->utf8 ?
		    "\xe2\x94\x80" : "-", THEME_BORDER, cur, 1);
		if (c == ov->sel_col)
			ui_overview_cell(ui, ov, w, g->axis_y, i, ov->utf8 ?
			    "\xe2\x96\xb2" : "^", THEME_ACTOR_CURRENT, cur, 0);
		/* The fine label every few columns, the coarse one below. */
		ui_overview_range(ov, c, &from, &to);
		ui_overview_date(ov->unit == STORE_STATS_WEEK ?
		    ov->start + 7 * c : from, d);
		if (ov->unit == STORE_STATS_DAY && (i - last_label) * ov->cw >=
		    3) {
			ui_draw_str(ui, w, g->axis_y + 1, x, 2, d + 8,
			    THEME_DT_LABEL, 0);
			last_label = i;
		} else if (ov->unit == STORE_STATS_WEEK && (i - last_label) *
		    ov->cw >= 6 && i * ov->cw + 5 <= g->plot_w) {
			ui_draw_str(ui, w, g->axis_y + 1, x, 5, d + 5,
			    THEME_DT_LABEL, 0);
			last_label = i;
		} else if (ov->unit == STORE_STATS_MONTH && (i - last_label) *
		    ov->cw >= 4 && i * ov->cw + 3 <= g->plot_w) {
			ui_draw_str(ui, w, g->axis_y + 1, x, 3,
			    mon[(ui_overview_month(from) % 12)],
			    THEME_DT_LABEL, 0);
			last_label = i;
		}
		if (g->head_y > g->axis_y + 2 && x >= coarse_end && (i == 0 ||
		    strncmp(pd, d, ov->unit == STORE_STATS_DAY ? 7 : 4) != 0)) {
			if (ov->unit == STORE_STATS_DAY)
				snprintf(s, sizeof s, "%s %.4s", mon[
				    (ui_overview_month(from) % 12)], d);
			else
				snprintf(s, sizeof s, "%.4s", d);
			coarse_end = x + 1 + ui_draw_str(ui, w, g->axis_y + 2,
			    x, g->plot_x + g->plot_w - x, s, THEME_DT_DATE, 0);
		}
		memcpy(pd, d, sizeof pd);
	}
}

/* One row of the matrix: its label, its shaded cells, its total. */
static void
ui_overview_draw_row(struct ui *ui, struct ui_overview *ov, WINDOW *w,
    int r)
{
	struct ui_overview_geom	*g = &ov->g;
	const int64_t		*cnt = ov->x.counts + (size_t)r *
				    (size_t)ov->ncols;
	char			 s[24];
	int64_t			 c;
	int			 i, y = g->rows_y + r;

	ui_draw_str(ui, w, y, g->label_x, g->label_w, ov->x.names[r] != NULL ?
	    ov->x.names[r] : ov->x.keys[r], r == ov->row ? THEME_HELP_KEY :
	    THEME_DT_ACTOR, UI_DRAW_ELLIPSIS);
	for (i = 0; i < ui_overview_vis(ov) && ov->left + i < ov->ncols;
	    i++) {
		c = ov->left + i;
		ui_overview_cell(ui, ov, w, y, i, ui_overview_shade(ov,
		    ui_overview_level(ov, cnt[c])), THEME_NORMAL,
		    r == ov->row && c == ov->col, 0);
	}
	snprintf(s, sizeof s, "%lld", (long long)ov->x.totals[r]);
	ui_draw_str(ui, w, y, g->total_x + g->total_w - (int)strlen(s),
	    (int)strlen(s), s, THEME_DT_LABEL, 0);
}

/* The shades and the counts each stands for. */
static void
ui_overview_draw_legend(struct ui *ui, struct ui_overview *ov, WINDOW *w)
{
	struct buf	b;
	int64_t		lo, hi;
	int		l;

	buf_init(&b);
	for (l = 1; l <= 4 && ov->cell_max > 0; l++) {
		lo = ov->cell_max * (l - 1) / 4 + 1;
		hi = ov->cell_max * l / 4;
		if (lo > hi)
			continue;
		buf_addf(&b, "%s %lld", ui_overview_shade(ov, l), (long long)lo);
		if (hi > lo)
			buf_addf(&b, "-%lld", (long long)hi);
		buf_adds(&b, "  ");
	}
	buf_adds(&b, "events a cell");
	ui_draw_str(ui, w, ov->g.legend_y, ov->g.plot_x, ov->g.plot_w +
	    ov->g.total_w, buf_str(&b), THEME_DT_LABEL, UI_DRAW_ELLIPSIS);
	buf_free(&b);
}

/* The status line: the cursor's row, dates and count, and the keys. */
static void
ui_overview_draw_status(struct ui *ui, struct ui_overview *ov)
{
	WINDOW		*w = ui->status_win;
	struct buf	 b;
	char		 from[11], to[11];
	int64_t		 a, z, n;
	const char	*hint;
	int		 hw;

	buf_init(&b);
	ui_overview_range(ov, ov->col, &a, &z);
	ui_overview_date(a, from);
	ui_overview_date(z, to);
	if (ov->row < 0) {
		n = ov->chart[ov->col];
		buf_adds(&b, " all");
	} else {
		n = ov->x.counts[(size_t)ov->row * (size_t)ov->ncols +
		    (size_t)ov->col];
		buf_addf(&b, " %s", ov->x.names[ov->row] != NULL ?
		    ov->x.names[ov->row] : ov->x.keys[ov->row]);
	}
	if (a == z)
		buf_addf(&b, ", %s", from);
	else
		buf_addf(&b, ", %s to %s", from, to);
	buf_addf(&b, ": %lld event%s", (long long)n, n == 1 ? "" : "s");
	hint = ov->row < 0 ? "Enter:go there  Tab:tags/actors  i:close " :
	    "Enter:filter  Tab:tags/actors  i:close ";
	hw = ui_draw_width(hint);
	ui_draw_fill(ui, w, 0, 0, ui->cols, THEME_STATUS);
	if (hw > ui->cols - (int)b.len - 2)
		hw = 0;
	ui_draw_str(ui, w, 0, 0, ui->cols - hw, buf_str(&b), THEME_STATUS,
	    UI_DRAW_ELLIPSIS);
	if (hw > 0)
		ui_draw_str(ui, w, 0, ui->cols - hw, hw, hint, THEME_STATUS, 0);
	buf_free(&b);
	wnoutrefresh(w);
}

static void
ui_overview_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_overview	*ov = data;
	WINDOW			*w = ui->ov_win;
	char			 title[96];
	int			 r;

	(void)flags;
	werase(w);
	snprintf(title, sizeof title, "Overview: %lld event%s, by %s",
	    (long long)ov->total, ov->total == 1 ? "" : "s",
	    ov->unit == STORE_STATS_DAY ? "day" : ov->unit ==
	    STORE_STATS_WEEK ? "week" : "month");
	ui_draw_box(ui, w, title, "i:close");
	if (ov->g.plot_w <= 0 || ov->ncols == 0) {
		wnoutrefresh(w);
		return;
	}
	ui_overview_draw_chart(ui, ov, w);
	if (ov->g.head_y > ov->g.axis_y + 2)
		ui_draw_str(ui, w, ov->g.head_y, ov->g.label_x, ov->g.label_w,
		    ov->rows == STORE_STATS_ACTOR ? "actors" : "tags",
		    THEME_DT_TITLE, 0);
	for (r = 0; r < ov->x.nrows && r < ov->g.rows_h; r++)
		ui_overview_draw_row(ui, ov, w, r);
	if (ov->x.nrows == 0 && ov->g.rows_h > 0)
		ui_draw_str(ui, w, ov->g.rows_y, ov->g.label_x, ov->g.label_w,
		    ov->rows == STORE_STATS_ACTOR ? "no actors" : "no tags",
		    THEME_DT_LABEL, 0);
	ui_overview_draw_legend(ui, ov, w);
	wnoutrefresh(w);
	ui_overview_draw_status(ui, ov);
}

const struct ui_mode ui_overview_mode = {
	.name = "overview",
	.open = KEYS_OVERVIEW,
	.init = ui_overview_init,
	.free = ui_overview_free,
	.resize = ui_overview_resize,
	.draw = ui_overview_draw,
	.key = ui_overview_key,
};
