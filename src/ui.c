/*
 * ui.c: the reader's main loop: terminal setup and restore, signals, the
 * layout of the panes, colours from the theme, the top and status lines,
 * and the key handlers of the main screen.
 *
 * Design: handlers only change state and set redraw flags (ui_redraw); the
 * loop reads a key, then every key already typed, then draws what the flags
 * name once and calls doupdate(). Holding j down on a slow terminal thus
 * costs one screen update per batch, not one per key, and a detail is only
 * read from the store for the event that ends up selected.
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "text.h"
#include "theme.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui.h"
#include "util.h"

/* Keys read without waiting, after the first, before the screen is drawn. */
#define UI_TYPEAHEAD	128
/* Rows the wheel scrolls. */
#define UI_WHEEL	3
/* A view being walked: time to finish at once, and each step while idle. */
#define UI_WALK_FIRST_MS	2
#define UI_WALK_MS		15

/* Set by the signal handler; the loop ends on it. */
static volatile sig_atomic_t	 ui_signal;
/* The terminal is in curses mode and must be restored. */
static int			 ui_active;
static SCREEN			*ui_screen;

static void	ui_layout(struct ui *);
static void	ui_draw(struct ui *);
static void	ui_vmessage(struct ui *, int, const char *, va_list)
		    UTIL_PRINTF(3, 0);

/* Restores the terminal; safe to call twice, from atexit and fatal. */
static void
ui_restore(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	curs_set(1);
	endwin();
}

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

void
ui_redraw(struct ui *ui, unsigned flags)
{
	ui->redraw |= flags;
}

static void
ui_vmessage(struct ui *ui, int error, const char *fmt, va_list ap)
{
	free(ui->msg);
	ui->msg = xvasprintf(fmt, ap);
	ui->msg_error = error;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 1, fmt, ap);
	va_end(ap);
}

void
ui_overlay_push(struct ui *ui, const struct ui_overlay *ov)
{
	if (ui->nov == UI_MAX_OVERLAYS)
		ui_overlay_pop(ui);
	ui->ov[ui->nov++] = ov;
	ui_redraw(ui, UI_REDRAW_OVERLAY | UI_REDRAW_STATUS);
}

void
ui_overlay_pop(struct ui *ui)
{
	const struct ui_overlay	*ov;

	if (ui->nov == 0)
		return;
	ov = ui->ov[--ui->nov];
	if (ov->close != NULL)
		ov->close(ui);
	ui_redraw(ui, UI_REDRAW_PANES | UI_REDRAW_OVERLAY);
}

void
ui_overlay_close_all(struct ui *ui)
{
	while (ui->nov > 0)
		ui_overlay_pop(ui);
}

void
ui_set_actor(struct ui *ui, const char *id, const char *short_name)
{
	if (id != NULL && ui->actor != NULL && strcmp(id, ui->actor) == 0 &&
	    short_name != NULL && ui->actor_name != NULL &&
	    strcmp(short_name, ui->actor_name) == 0)
		return;
	free(ui->actor);
	free(ui->actor_name);
	ui->actor = id != NULL ? xstrdup(id) : NULL;
	ui->actor_name = id == NULL ? NULL :
	    xstrdup(short_name != NULL ? short_name : id);
	ui->dt.dirty = 1;
	ui_redraw(ui, UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

/* How ui_apply picks the event to select in the new view. */
enum ui_keep {
	UI_KEEP_EVENT,		/* the selected one, or the next */
	UI_KEEP_KNOWN,		/* the selected one if found, else the first */
	UI_KEEP_FIRST		/* the first of the view */
};

/*
 * Makes the view for an actor filter and a search (either may be NULL) and
 * shows it. Returns 0, or -1 with a message and nothing changed when the
 * query cannot run or nothing matches.
 */
static int
ui_apply(struct ui *ui, const char *actor, const char *name,
    const char *query, enum store_order order, enum ui_keep keep)
{
	struct store_filter	 f;
	struct store_view	*v;
	char			*err = NULL;
	int64_t			 seq, pos;

	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.query = query;
	f.order = query != NULL ? order : STORE_ORDER_DATE;
	if ((v = store_view_new(ui->store, &f, &err)) == NULL) {
		ui_error(ui, "%s", err != NULL ? err : "the search cannot run");
		free(err);
		return -1;
	}
	/* Small views are whole at once; big ones go on while keys wait. */
	store_view_more(v, -1, UI_WALK_FIRST_MS);
	if (store_view_count(v) == 0) {
		if (query != NULL && actor != NULL)
			ui_message(ui, "no event with %s matches \"%s\"", name,
			    query);
		else if (query != NULL)
			ui_message(ui, "no event matches \"%s\"", query);
		else
			ui_message(ui, "no event involves %s", name);
		store_view_free(v);
		return -1;
	}
	seq = ui_timeline_seq(ui);
	if (keep == UI_KEEP_FIRST)
		pos = 1;
	else if (keep == UI_KEEP_KNOWN) {
		if ((pos = store_view_known(v, seq)) == 0)
			pos = 1;
	} else
		pos = store_view_find(v, seq);

	/* Copies first: actor and name may point into what is freed. */
	{
		char	*na = actor != NULL ? xstrdup(actor) : NULL;
		char	*nn = name != NULL ? xstrdup(name) : NULL;
		char	*nq = query != NULL ? xstrdup(query) : NULL;

		free(ui->filter_actor);
		free(ui->filter_name);
		free(ui->query);
		ui->filter_actor = na;
		ui->filter_name = nn;
		ui->query = nq;
	}
	ui->order = f.order;
	ui->announce = UI_ANNOUNCE_NONE;
	ui_timeline_set_view(ui, v, pos);
	if (ui->view != NULL)
		store_view_free(ui->view);
	ui->view = v;
	ui_redraw(ui, UI_REDRAW_PANES);
	return 0;
}

/*
 * Says how many events the view holds, once it knows: a view still being
 * walked says it when the walk ends (ui_walk).
 */
static void
ui_announce(struct ui *ui, enum ui_announce what)
{
	int64_t	n = ui->tl.count;

	ui->announce = UI_ANNOUNCE_NONE;
	if (ui->view != NULL && !store_view_done(ui->view)) {
		ui->announce = what;
		ui_message(ui, "%s... n/N: next/previous, Esc: all events",
		    what == UI_ANNOUNCE_SEARCH ? "searching" : "counting");
		return;
	}
	if (what == UI_ANNOUNCE_SEARCH)
		ui_message(ui, "%lld matching event%s; n/N: next/previous,"
		    " Esc: all events", (long long)n, n == 1 ? "" : "s");
	else if (what == UI_ANNOUNCE_ACTOR)
		ui_message(ui, "%lld event%s with %s; Esc shows them all",
		    (long long)n, n == 1 ? "" : "s", ui->filter_name);
}

int
ui_filter_actor(struct ui *ui, const char *id, const char *name)
{
	if (ui_apply(ui, id, name, ui->query, ui->order, UI_KEEP_EVENT) != 0)
		return -1;
	ui_announce(ui, UI_ANNOUNCE_ACTOR);
	return 0;
}

/* Position of the event with number seq in the view, or 0 if not there. */
static int64_t
ui_view_holds(struct ui *ui, int64_t seq)
{
	struct store_row	r;
	int64_t			pos;
	int			found = 0;

	pos = store_view_find(ui->view, seq);
	if (pos > 0 && store_view_rows(ui->view, pos, 1, &r) == 1) {
		found = r.seq == seq;
		store_rows_clear(&r, 1);
	}
	return found ? pos : 0;
}

void
ui_goto_seq(struct ui *ui, int64_t seq)
{
	int64_t	pos;

	if ((pos = ui_view_holds(ui, seq)) == 0) {
		if (ui_apply(ui, NULL, NULL, NULL, STORE_ORDER_DATE,
		    UI_KEEP_FIRST) != 0)
			return;
		ui_message(ui, "filter and search cleared to show that event");
		if ((pos = ui_view_holds(ui, seq)) == 0)
			return;
	}
	ui_timeline_select(ui, pos);
	ui->focus = UI_FOCUS_TIMELINE;
	ui_redraw(ui, UI_REDRAW_PANES);
}

/* Theme. */

/* Returns the path of a theme given as a NAME or a FILE; caller frees. */
static char *
ui_theme_path(const struct ui_options *o, const char *name)
{
	size_t	n = strlen(name);

	if (strchr(name, '/') != NULL || (n > 5 &&
	    strcmp(name + n - 5, ".yaml") == 0) || o->themes_dir == NULL)
		return xstrdup(name);
	return xasprintf("%s/%s.yaml", o->themes_dir, name);
}

/* Shows the first error of a theme that did not load. */
static void
ui_theme_error(struct ui *ui, const struct diag_list *dl, const char *path)
{
	const struct diag	*d;
	size_t			 i;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (d->level != DIAG_ERROR)
			continue;
		if (d->line > 0)
			ui_error(ui, "%s:%d:%d: error: %s (default theme used)",
			    d->file, d->line, d->col, d->msg);
		else
			ui_error(ui, "%s: error: %s (default theme used)",
			    d->file, d->msg);
		return;
	}
	ui_error(ui, "%s: cannot load the theme (default theme used)", path);
}

/* Makes th the theme in use (takes ownership) and redraws everything. */
static void
ui_theme_use(struct ui *ui, struct theme *th)
{
	theme_free(ui->theme);
	ui->theme = th;
	ui_draw_theme(ui, th, ui->color);
	ui_redraw(ui, UI_REDRAW_ALL);
}

/* Finds the theme in use among the theme files, for t to go on from. */
static void
ui_theme_find(struct ui *ui)
{
	const char	*base;
	size_t		 i, n;

	ui->theme_index = -1;
	for (i = 0; i < ui->ntheme_paths; i++) {
		base = strrchr(ui->theme_paths[i], '/');
		base = base != NULL ? base + 1 : ui->theme_paths[i];
		n = strlen(base) > 5 ? strlen(base) - 5 : 0;
		if (ui->theme->path != NULL &&
		    strcmp(ui->theme->path, ui->theme_paths[i]) == 0)
			ui->theme_index = (int)i;
		else if (ui->theme->name != NULL &&
		    strlen(ui->theme->name) == n &&
		    strncmp(ui->theme->name, base, n) == 0)
			ui->theme_index = (int)i;
		if (ui->theme_index >= 0)
			return;
	}
}

static void
ui_theme_init(struct ui *ui)
{
	const struct ui_options	*o = ui->opts;
	struct diag_list	 dl;
	struct theme		*th = NULL;
	const char		*nc = getenv("NO_COLOR");
	char			*path;

	ui->color = has_colors() && !o->no_color && (nc == NULL ||
	    nc[0] == '\0');
	if (ui->color && start_color() != OK)
		ui->color = 0;
	if (ui->color && o->theme != NULL) {
		diag_init(&dl);
		path = ui_theme_path(o, o->theme);
		if ((th = theme_load(path, &dl)) == NULL)
			ui_theme_error(ui, &dl, path);
		free(path);
		diag_free(&dl);
	}
	if (th == NULL)
		th = theme_builtin(!ui->color);
	if (o->themes_dir != NULL)
		ui->ntheme_paths = theme_list(o->themes_dir,
		    &ui->theme_paths);
	ui_theme_use(ui, th);
	ui_theme_find(ui);
}

void
ui_key_theme(struct ui *ui, int key)
{
	struct diag_list	 dl;
	struct theme		*th;
	const char		*path;
	int			 i;

	(void)key;
	if (!ui->color) {
		ui_message(ui, "colours are off (%s): the monochrome theme "
		    "stays", ui->opts->no_color ? "--no-color or NO_COLOR" :
		    has_colors() ? "NO_COLOR" : "the terminal has none");
		return;
	}
	if (ui->ntheme_paths == 0) {
		/* No theme files: the two built-in themes take turns. */
		th = theme_builtin(!ui->theme->monochrome);
		ui_theme_use(ui, th);
		ui_message(ui, "theme: %s", th->name != NULL ? th->name :
		    th->monochrome ? "monochrome" : "default");
		return;
	}
	i = (ui->theme_index + 1) % (int)ui->ntheme_paths;
	path = ui->theme_paths[i];
	diag_init(&dl);
	if ((th = theme_load(path, &dl)) == NULL) {
		ui_theme_error(ui, &dl, path);
		diag_free(&dl);
		/* Step past it, so the next t tries the one after. */
		ui->theme_index = i;
		return;
	}
	diag_free(&dl);
	ui->theme_index = i;
	ui_theme_use(ui, th);
	ui_message(ui, "theme: %s", th->name != NULL ? th->name : path);
}

/* Layout. */

static void
ui_delwin(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

static void
ui_delete_windows(struct ui *ui)
{
	ui_delwin(&ui->top_win);
	ui_delwin(&ui->tl_win);
	ui_delwin(&ui->sep_win);
	ui_delwin(&ui->dt_win);
	ui_delwin(&ui->status_win);
	ui_delwin(&ui->ov_win);
}

static WINDOW *
ui_newwin(struct ui *ui, int h, int w, int y, int x)
{
	WINDOW	*win;

	if ((win = newwin(h, w, y, x)) == NULL)
		fatal("cannot make a %dx%d window", w, h);
	wbkgdset(win, ui->attr[THEME_NORMAL] | ' ');
	return win;
}

/*
 * Makes the windows for the terminal's size: the panes side by side from
 * UI_WIDE_COLS columns, stacked below, nothing but a notice when smaller
 * than UI_MIN_COLS x UI_MIN_LINES.
 */
static void
ui_layout(struct ui *ui)
{
	int	rows, tlh, tlw, ow;

	ui_delete_windows(ui);
	getmaxyx(stdscr, ui->lines, ui->cols);
	ui->too_small = ui->cols < UI_MIN_COLS || ui->lines < UI_MIN_LINES;
	if (ui->too_small) {
		ui->top_win = ui_newwin(ui, ui->lines > 0 ? ui->lines : 1,
		    ui->cols > 0 ? ui->cols : 1, 0, 0);
		return;
	}
	rows = ui->lines - 2;
	ui->top_win = ui_newwin(ui, 1, ui->cols, 0, 0);
	ui->status_win = ui_newwin(ui, 1, ui->cols, ui->lines - 1, 0);
	ui->stacked = ui->cols < UI_WIDE_COLS;
	if (ui->stacked) {
		tlh = (rows - 1) * 9 / 20;
		if (tlh < 3)
			tlh = 3;
		ui->tl_win = ui_newwin(ui, tlh, ui->cols, 1, 0);
		ui->sep_win = ui_newwin(ui, 1, ui->cols, 1 + tlh, 0);
		ui->dt_win = ui_newwin(ui, rows - tlh - 1, ui->cols, 2 + tlh,
		    0);
	} else {
		/* Titles want the room more than wrapped text does. */
		tlw = ui->cols * 55 / 100;
		if (tlw > 96)
			tlw = 96;
		ui->tl_win = ui_newwin(ui, rows, tlw, 1, 0);
		ui->sep_win = ui_newwin(ui, rows, 1, 1, tlw);
		ui->dt_win = ui_newwin(ui, rows, ui->cols - tlw - 1, 1,
		    tlw + 1);
	}
	ow = ui->cols >= 64 ? ui->cols - 8 : ui->cols;
	if (ow > 100)
		ow = 100;
	ui->ov_win = ui_newwin(ui, rows, ow, 1, (ui->cols - ow) / 2);
	leaveok(ui->tl_win, TRUE);
	leaveok(ui->dt_win, TRUE);
	leaveok(ui->sep_win, TRUE);
	leaveok(ui->top_win, TRUE);
	leaveok(ui->ov_win, TRUE);
	ui_timeline_resize(ui, getmaxy(ui->tl_win));
	ui_detail_resize(ui, getmaxy(ui->dt_win), getmaxx(ui->dt_win));
}

/* Drawing. */

static void
ui_draw_small(struct ui *ui)
{
	char	s[96];

	werase(ui->top_win);
	snprintf(s, sizeof s, "terminal too small (%dx%d, need %dx%d)",
	    ui->cols, ui->lines, UI_MIN_COLS, UI_MIN_LINES);
	/* The short form where the long one would be cut. */
	if ((int)strlen(s) > ui->cols)
		snprintf(s, sizeof s, "terminal too small: %dx%d",
		    UI_MIN_COLS, UI_MIN_LINES);
	ui_draw_str(ui, ui->top_win, 0, 0, ui->cols, s, THEME_ERROR,
	    UI_DRAW_ELLIPSIS);
	wnoutrefresh(ui->top_win);
}

static void
ui_draw_top(struct ui *ui)
{
	WINDOW		*w = ui->top_win;
	struct buf	 l, r;
	const char	*base = NULL;
	int		 rw;

	buf_init(&l);
	buf_init(&r);
	if (ui->opts->content != NULL) {
		base = strrchr(ui->opts->content, '/');
		base = base != NULL && base[1] != '\0' ? base + 1 :
		    ui->opts->content;
	}
	buf_adds(&l, " dossier");
	if (base != NULL)
		buf_addf(&l, " \xc2\xb7 %s", base);
	if (ui->first[0] != '\0')
		buf_addf(&l, " \xc2\xb7 %s to %s", ui->first, ui->last);
	buf_addf(&l, " \xc2\xb7 %lld event%s", (long long)ui->total,
	    ui->total == 1 ? "" : "s");
	if (ui->filter_name != NULL)
		buf_addf(&r, "actor: %s", ui->filter_name);
	if (ui->query != NULL)
		buf_addf(&r, "%ssearch: \"%s\"%s", r.len > 0 ? "  " : "",
		    ui->query, ui->order == STORE_ORDER_RANK ?
		    " best first" : "");
	if (r.len > 0)
		buf_addc(&r, ' ');

	ui_draw_fill(ui, w, 0, 0, ui->cols, THEME_TOPLINE);
	rw = ui_draw_width(buf_str(&r));
	if (rw > ui->cols - 12)
		rw = ui->cols - 12;
	ui_draw_str(ui, w, 0, 0, ui->cols - rw - (rw > 0 ? 1 : 0),
	    buf_str(&l), THEME_TOPLINE, UI_DRAW_ELLIPSIS);
	if (rw > 0)
		ui_draw_str(ui, w, 0, ui->cols - rw, rw, buf_str(&r),
		    THEME_TOPLINE, UI_DRAW_ELLIPSIS);
	buf_free(&l);
	buf_free(&r);
	wnoutrefresh(w);
}

static void
ui_draw_sep(struct ui *ui)
{
	WINDOW	*w = ui->sep_win;
	char	 s[48];
	int	 h, pct;

	werase(w);
	if (!ui->stacked) {
		ui_draw_vline(ui, w, 0, 0, getmaxy(w), THEME_BORDER);
		wnoutrefresh(w);
		return;
	}
	ui_draw_hline(ui, w, 0, 0, ui->cols, THEME_BORDER);
	/* In the stacked layout the rule says how much of the detail shows. */
	h = ui->dt.height;
	if ((int)ui->dt.nlines > h && h > 0) {
		pct = (ui->dt.scroll + h) * 100 / (int)ui->dt.nlines;
		snprintf(s, sizeof s, " %s %d%% ",
		    ui->focus == UI_FOCUS_DETAIL ? "detail" : "more: Tab", pct);
		ui_draw_str(ui, w, 0, ui->cols - ui_draw_width(s) - 2,
		    ui_draw_width(s), s, THEME_BORDER, 0);
	}
	wnoutrefresh(w);
}

/* The key hints of the status line, for the state the reader is in. */
static void
ui_hints(struct ui *ui, struct buf *b)
{
	if (ui->focus == UI_FOCUS_DETAIL) {
		buf_adds(b, "j/k:scroll h/l:actor ");
		if (ui->actor_name != NULL)
			buf_addf(b, "]:next %s ", ui->actor_name);
		buf_adds(b, "Tab:timeline ?:help q:quit");
		return;
	}
	if (ui->query != NULL)
		buf_adds(b, "n/N:next/prev match o:order Esc:clear ");
	else if (ui->filter_actor != NULL)
		buf_adds(b, "Esc:all events ");
	else
		buf_adds(b, "?:help /:search a:actors ");
	if (ui->actor_name != NULL)
		buf_addf(b, "]:next %s ", ui->actor_name);
	if (ui->query != NULL || ui->filter_actor != NULL)
		buf_adds(b, "?:help ");
	buf_adds(b, "q:quit");
}

static void
ui_draw_status(struct ui *ui)
{
	WINDOW		*w = ui->status_win;
	struct buf	 l, r;
	int		 rw, h;
	enum theme_elem	 e = THEME_STATUS;

	buf_init(&l);
	buf_init(&r);
	if (ui->focus == UI_FOCUS_DETAIL && (h = ui->dt.height) > 0) {
		if ((int)ui->dt.nlines <= h)
			buf_adds(&r, "  detail: all ");
		else
			buf_addf(&r, "  detail: %d%% ", (ui->dt.scroll + h) *
			    100 / (int)ui->dt.nlines);
	}
	buf_addf(&r, " %lld/%lld%s ", (long long)ui->tl.sel,
	    (long long)ui->tl.count, ui->view != NULL &&
	    !store_view_done(ui->view) ? "+" : "");
	if (ui->msg != NULL) {
		buf_addf(&l, " %s", ui->msg);
		e = ui->msg_error ? THEME_ERROR : THEME_MESSAGE;
	} else {
		buf_addc(&l, ' ');
		ui_hints(ui, &l);
	}
	ui_draw_fill(ui, w, 0, 0, ui->cols, THEME_STATUS);
	rw = ui_draw_width(buf_str(&r));
	ui_draw_str(ui, w, 0, 0, ui->cols - rw, buf_str(&l), e,
	    UI_DRAW_ELLIPSIS);
	ui_draw_str(ui, w, 0, ui->cols - rw, rw, buf_str(&r), THEME_STATUS, 0);
	buf_free(&l);
	buf_free(&r);
	wnoutrefresh(w);
}

/* Draws what the redraw flags name, then updates the terminal once. */
static void
ui_draw(struct ui *ui)
{
	unsigned	f = ui->redraw;

	ui->redraw = 0;
	if (f & UI_REDRAW_LAYOUT) {
		ui_layout(ui);
		f = UI_REDRAW_ALL;
	}
	if (f & UI_REDRAW_CLEAR)
		clearok(curscr, TRUE);
	if (ui->too_small) {
		ui_draw_small(ui);
		doupdate();
		return;
	}
	/* The current actor is settled before anything shows it. */
	ui_detail_sync(ui);
	if (f & UI_REDRAW_TIMELINE)
		ui_timeline_draw(ui);
	if (f & UI_REDRAW_DETAIL) {
		ui_detail_draw(ui);
		ui_draw_sep(ui);
		f |= UI_REDRAW_STATUS;	/* the detail position is there */
	}
	if (f & (UI_REDRAW_DETAIL | UI_REDRAW_STATUS | UI_REDRAW_TOP))
		ui_draw_top(ui);
	if ((f & UI_REDRAW_STATUS) && !ui->prompt.active)
		ui_draw_status(ui);
	if (ui->nov > 0 && (f & (UI_REDRAW_OVERLAY | UI_REDRAW_TIMELINE |
	    UI_REDRAW_DETAIL))) {
		touchwin(ui->ov_win);
		ui->ov[ui->nov - 1]->draw(ui, ui->ov_win);
	}
	/* Last, so that the cursor ends up in the prompt. */
	if (ui->prompt.active) {
		ui_prompt_draw(ui);
		wnoutrefresh(ui->status_win);
	}
	doupdate();
}

/* Key handlers of the main screen. */

void
ui_key_down(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_FOCUS_DETAIL)
		ui_detail_scroll(ui, 1);
	else
		ui_timeline_move(ui, 1);
}

void
ui_key_up(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_FOCUS_DETAIL)
		ui_detail_scroll(ui, -1);
	else
		ui_timeline_move(ui, -1);
}

void
ui_key_first(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_FOCUS_DETAIL)
		ui_detail_scroll_to(ui, 0);
	else
		ui_timeline_select(ui, 1);
}

void
ui_key_last(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_FOCUS_DETAIL)
		ui_detail_scroll_to(ui, -1);
	else {
		if (ui->view != NULL && !store_view_done(ui->view)) {
			/* The end of a long walk takes a moment: say so. */
			ui_message(ui, "finding the last match...");
			ui_draw(ui);
		}
		ui_timeline_grow(ui, -1, 0);
		ui_timeline_select(ui, ui->tl.count);
	}
}

/* A page of the focused pane; half a page with half set. */
static void
ui_page(struct ui *ui, int dir, int half)
{
	int	n;

	if (ui->focus == UI_FOCUS_DETAIL) {
		n = half ? ui->dt.height / 2 : ui->dt.height - 1;
		ui_detail_scroll(ui, dir * (n > 0 ? n : 1));
	} else
		ui_timeline_page(ui, dir, half);
}

void
ui_key_page_down(struct ui *ui, int key)
{
	(void)key;
	ui_page(ui, 1, 0);
}

void
ui_key_page_up(struct ui *ui, int key)
{
	(void)key;
	ui_page(ui, -1, 0);
}

void
ui_key_half_down(struct ui *ui, int key)
{
	(void)key;
	ui_page(ui, 1, 1);
}

void
ui_key_half_up(struct ui *ui, int key)
{
	(void)key;
	ui_page(ui, -1, 1);
}

static void
ui_focus(struct ui *ui, enum ui_focus f)
{
	ui->focus = f;
	ui_redraw(ui, UI_REDRAW_STATUS | UI_REDRAW_DETAIL);
}

void
ui_key_focus(struct ui *ui, int key)
{
	(void)key;
	ui_focus(ui, ui->focus == UI_FOCUS_DETAIL ? UI_FOCUS_TIMELINE :
	    UI_FOCUS_DETAIL);
}

void
ui_key_enter(struct ui *ui, int key)
{
	(void)key;
	if (ui->tl.count > 0)
		ui_focus(ui, UI_FOCUS_DETAIL);
}

void
ui_key_actor_next(struct ui *ui, int key)
{
	(void)key;
	ui_detail_cycle_actor(ui, 1);
}

void
ui_key_actor_prev(struct ui *ui, int key)
{
	(void)key;
	ui_detail_cycle_actor(ui, -1);
}

/* Goes to the next (dir > 0) or previous event of the current actor. */
static void
ui_actor_jump(struct ui *ui, int dir)
{
	int64_t	pos;
	int	wrapped = 0;

	ui_detail_sync(ui);
	if (ui->actor == NULL) {
		ui_message(ui, "no current actor: this event names none");
		return;
	}
	pos = store_view_next_actor(ui->view, ui->tl.sel, ui->actor, dir);
	if (pos == 0) {
		pos = store_view_next_actor(ui->view, dir > 0 ? 0 :
		    ui->tl.count + 1, ui->actor, dir);
		wrapped = 1;
	}
	if (pos == 0 || (wrapped && pos == ui->tl.sel)) {
		ui_message(ui, "no other event with %s%s", ui->actor_name,
		    ui->query != NULL || ui->filter_actor != NULL ?
		    " in this view" : "");
		return;
	}
	ui_timeline_select(ui, pos);
	if (wrapped)
		ui_message(ui, "wrapped round to the %s event with %s",
		    dir > 0 ? "first" : "last", ui->actor_name);
}

void
ui_key_actor_jump_next(struct ui *ui, int key)
{
	(void)key;
	ui_actor_jump(ui, 1);
}

void
ui_key_actor_jump_prev(struct ui *ui, int key)
{
	(void)key;
	ui_actor_jump(ui, -1);
}

static void
ui_search_done(struct ui *ui, const char *text)
{
	while (*text == ' ')
		text++;
	if (*text == '\0')
		return;
	/* A search of a large corpus takes a moment: say so first. */
	ui_message(ui, "searching for \"%s\"...", text);
	ui_draw(ui);
	if (ui_apply(ui, ui->filter_actor, ui->filter_name, text,
	    STORE_ORDER_DATE, UI_KEEP_FIRST) != 0)
		return;
	ui_detail_reload(ui);
	ui->focus = UI_FOCUS_TIMELINE;
	ui_announce(ui, UI_ANNOUNCE_SEARCH);
}

void
ui_key_search(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_open(ui, "/", NULL, &ui->search_history, ui_search_done);
}

/* Moves through the matches of the search, wrapping round. */
static void
ui_search_step(struct ui *ui, int dir)
{
	int64_t	pos;

	if (ui->query == NULL) {
		ui_message(ui, "no search; press / to search");
		return;
	}
	pos = ui->tl.sel + dir;
	/* Wrapping needs the end: past it, or back to it from the first. */
	ui_timeline_grow(ui, pos < 1 ? -1 : pos, 0);
	if (ui->tl.count == 1) {
		ui_message(ui, "this is the only match");
		return;
	}
	if (pos > ui->tl.count) {
		pos = 1;
		ui_message(ui, "search wrapped round to the first match");
	} else if (pos < 1) {
		pos = ui->tl.count;
		ui_message(ui, "search wrapped round to the last match");
	}
	ui->focus = UI_FOCUS_TIMELINE;
	ui_timeline_select(ui, pos);
}

void
ui_key_search_next(struct ui *ui, int key)
{
	(void)key;
	ui_search_step(ui, 1);
}

void
ui_key_search_prev(struct ui *ui, int key)
{
	(void)key;
	ui_search_step(ui, -1);
}

void
ui_key_order(struct ui *ui, int key)
{
	enum store_order	o;

	(void)key;
	if (ui->query == NULL) {
		ui_message(ui, "o orders search results; press / to search");
		return;
	}
	o = ui->order == STORE_ORDER_DATE ? STORE_ORDER_RANK :
	    STORE_ORDER_DATE;
	/*
	 * Best first keeps the selected event if it is among the best found
	 * at once, else starts at the best match: finding its place further
	 * down would rank every match, where the first screen needs a few.
	 */
	if (ui_apply(ui, ui->filter_actor, ui->filter_name, ui->query, o,
	    o == STORE_ORDER_RANK ? UI_KEEP_KNOWN : UI_KEEP_EVENT) == 0)
		ui_message(ui, o == STORE_ORDER_RANK ? "best matches first" :
		    "matches in date order");
}

void
ui_key_clear(struct ui *ui, int key)
{
	(void)key;
	if (ui->query == NULL && ui->filter_actor == NULL) {
		if (ui->focus == UI_FOCUS_DETAIL)
			ui_focus(ui, UI_FOCUS_TIMELINE);
		return;
	}
	if (ui_apply(ui, NULL, NULL, NULL, STORE_ORDER_DATE,
	    UI_KEEP_EVENT) != 0)
		return;
	ui_detail_reload(ui);
	ui->focus = UI_FOCUS_TIMELINE;
	ui_message(ui, "the whole timeline");
}

/*
 * Reads what the user typed at the date prompt into date (YYYY-MM-DD),
 * filling a missing year and month from ref. Returns 0, or -1 if it is not
 * a date.
 */
static int
ui_parse_date(const char *s, const char *ref, char date[11])
{
	int	y = 0, m = 0, d = 0, n = 0, ry = 0, rm = 0;

	while (*s == ' ')
		s++;
	if (sscanf(ref, "%4d-%2d", &ry, &rm) != 2) {
		ry = 2025;
		rm = 1;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n >= 8)
		;
	else if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n >= 6 &&
	    y > 31)
		d = 1;
	else if (sscanf(s, "%2d-%2d%n", &m, &d, &n) == 2)
		y = ry;
	else if (sscanf(s, "%2d%n", &d, &n) == 1) {
		y = ry;
		m = rm;
	} else
		return -1;
	while (s[n] == ' ')
		n++;
	if (s[n] != '\0' || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return -1;
	snprintf(date, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

static void
ui_date_done(struct ui *ui, const char *text)
{
	char	date[11], ref[11], day[16], got[11];
	int64_t	pos;

	while (*text == ' ')
		text++;
	if (*text == '\0')
		return;
	ui_timeline_date(ui, ref);
	if (ref[0] == '\0')
		memcpy(ref, ui->first, sizeof ref);
	if (ui_parse_date(text, ref, date) != 0) {
		ui_error(ui, "not a date: '%s' (try 2025-06-18, 06-18, or 18 "
		    "for a day of the month shown)", text);
		return;
	}
	ui_draw_date(date, day);
	if ((pos = store_view_find_date(ui->view, date)) == 0) {
		ui_message(ui, "no event on or after %s%s", day,
		    ui->query != NULL || ui->filter_actor != NULL ?
		    " in this view" : "");
		return;
	}
	ui->focus = UI_FOCUS_TIMELINE;
	ui_timeline_select(ui, pos);
	ui_timeline_date(ui, got);
	if (strcmp(got, date) != 0)
		ui_message(ui, "nothing on %s; the next event follows", day);
}

void
ui_key_date(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_open(ui, "Date (2025-06-18, 06-18 or 18): ", NULL,
	    &ui->date_history, ui_date_done);
}

void
ui_key_redraw(struct ui *ui, int key)
{
	(void)key;
	ui_redraw(ui, UI_REDRAW_ALL);
}

void
ui_key_quit(struct ui *ui, int key)
{
	(void)key;
	ui->running = 0;
	ui->status = 0;
}

void
ui_key_interrupt(struct ui *ui, int key)
{
	(void)key;
	ui->running = 0;
	ui->status = 128 + SIGINT;
}

void
ui_key_suspend(struct ui *ui, int key)
{
	(void)key;
	/* Reached in raw mode only; curses' SIGTSTP handler does the rest. */
	raise(SIGTSTP);
	ui_redraw(ui, UI_REDRAW_ALL);
}

void
ui_key_mouse(struct ui *ui, int key)
{
	MEVENT		 ev;
	enum ui_mouse	 m;
	WINDOW		*w;
	int		 y, x;

	(void)key;
	if (getmouse(&ev) != OK || ui->too_small)
		return;
	if (ev.bstate & BUTTON1_PRESSED)
		m = UI_MOUSE_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		m = UI_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		m = UI_MOUSE_WHEEL_DOWN;
#endif
	else
		return;
	if (ui->nov > 0) {
		w = ui->ov_win;
		if (!wenclose(w, ev.y, ev.x))
			return;
		y = ev.y - getbegy(w);
		x = ev.x - getbegx(w);
		if (ui->ov[ui->nov - 1]->mouse != NULL)
			ui->ov[ui->nov - 1]->mouse(ui, w, y, x, m);
		return;
	}
	if (wenclose(ui->tl_win, ev.y, ev.x)) {
		if (m == UI_MOUSE_CLICK) {
			if (ui->focus != UI_FOCUS_TIMELINE)
				ui_focus(ui, UI_FOCUS_TIMELINE);
			ui_timeline_click(ui, ev.y - getbegy(ui->tl_win));
		} else
			ui_timeline_scroll(ui, m == UI_MOUSE_WHEEL_UP ?
			    -UI_WHEEL : UI_WHEEL);
	} else if (wenclose(ui->dt_win, ev.y, ev.x)) {
		if (m == UI_MOUSE_CLICK) {
			if (ui->focus != UI_FOCUS_DETAIL)
				ui_focus(ui, UI_FOCUS_DETAIL);
			ui_detail_click(ui, ev.y - getbegy(ui->dt_win),
			    ev.x - getbegx(ui->dt_win));
		} else
			ui_detail_scroll(ui, m == UI_MOUSE_WHEEL_UP ?
			    -UI_WHEEL : UI_WHEEL);
	}
}

/* Input. */

/*
 * Walks the view on for a moment while no key waits, then shows what the
 * new count changes, and the count itself once the walk ends.
 */
static void
ui_walk(struct ui *ui)
{
	if (!ui_timeline_grow(ui, -1, UI_WALK_MS) &&
	    !store_view_done(ui->view))
		return;
	ui_redraw(ui, UI_REDRAW_STATUS);
	if (ui->tl.count < ui->tl.top + ui->tl.height)
		ui_redraw(ui, UI_REDRAW_TIMELINE);
	if (store_view_done(ui->view) && ui->announce != UI_ANNOUNCE_NONE)
		ui_announce(ui, ui->announce);
}

/* Reads a key, waiting for one or not; returns -1 when there is none. */
static int
ui_read(int wait)
{
	wint_t	wc;
	int	r;

	wtimeout(stdscr, wait ? -1 : 0);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return KEYS_FN((int)wc);
	return (int)wc;
}

/* Hands one key to the prompt, the topmost overlay or the main screen. */
static void
ui_dispatch(struct ui *ui, int key)
{
	const struct keys_binding	*kb;
	const struct ui_overlay		*ov;
	char				 name[16];

	if (ui->msg != NULL) {
		free(ui->msg);
		ui->msg = NULL;
		ui_redraw(ui, UI_REDRAW_STATUS);
	}
	if (key == KEYS_FN(KEY_RESIZE)) {
		ui_redraw(ui, UI_REDRAW_LAYOUT);
		return;
	}
	if (ui->too_small) {
		if (key == 'q' || key == ('c' & 0x1f))
			ui_key_quit(ui, key);
		return;
	}
	if (ui->prompt.active) {
		if ((kb = keys_lookup(KEYS_PROMPT, key)) != NULL &&
		    kb->handler != NULL)
			kb->handler(ui, key);
		else if (!KEYS_IS_FN(key))
			ui_prompt_insert(ui, key);
		return;
	}
	if (ui->nov > 0) {
		ov = ui->ov[ui->nov - 1];
		if ((kb = keys_lookup(ov->mode, key)) != NULL &&
		    kb->handler != NULL)
			kb->handler(ui, key);
		else if (ov->insert != NULL && !KEYS_IS_FN(key))
			ov->insert(ui, key);
		return;
	}
	if ((kb = keys_lookup(KEYS_MAIN, key)) != NULL && kb->handler != NULL) {
		kb->handler(ui, key);
		return;
	}
	if (!KEYS_IS_FN(key) && key > ' ')
		ui_message(ui, "%s does nothing here; ? lists the keys",
		    keys_name(key, name));
}

/* Setup and teardown. */

/*
 * Makes sure the locale is UTF-8: the user's if it is, else C.UTF-8, as
 * content is UTF-8 whatever the locale says.
 */
static void
ui_locale(void)
{
	const char	*cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0))
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/*
 * Teaches curses the Home and End sequences of the other common terminals:
 * with TERM saying xterm inside tmux or screen, or the other way round,
 * Home and End would otherwise arrive as Esc and garbage.
 */
static void
ui_keys_extra(void)
{
	static const struct {
		const char	*seq;
		int		 code;
	} extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	size_t	i;

	for (i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].code);
	}
}

/* Catches the signals that end the reader, so the loop restores first. */
static void
ui_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

static void
ui_free(struct ui *ui)
{
	size_t	i;

	ui_overlay_close_all(ui);
	ui_actors_free(ui);
	ui_prompt_free(ui);
	for (i = 0; i < UI_PROMPT_HISTORY; i++) {
		if ((int)i < ui->search_history.n)
			free(ui->search_history.v[i]);
		if ((int)i < ui->date_history.n)
			free(ui->date_history.v[i]);
	}
	ui_detail_free(ui);
	ui_timeline_free(ui);
	if (ui->view != NULL)
		store_view_free(ui->view);
	free(ui->filter_actor);
	free(ui->filter_name);
	free(ui->query);
	free(ui->actor);
	free(ui->actor_name);
	free(ui->msg);
	theme_free(ui->theme);
	theme_list_free(ui->theme_paths, ui->ntheme_paths);
	ui_delete_windows(ui);
}

int
ui_run(struct store *store, const struct ui_options *opts)
{
	struct ui		 ui;
	struct store_filter	 f;
	struct store_counts	 counts;
	const char		*term = getenv("TERM");
	char			*err = NULL;
	int			 key, n, walking;
	static int		 registered;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "dossier: the reader needs a terminal; in "
		    "scripts use a command, e.g. 'dossier list'\n");
		return 1;
	}
	if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "dossier: the reader needs a terminal that can "
		    "move the cursor, but TERM is %s; set TERM (e.g. "
		    "TERM=xterm-256color) or use a command such as "
		    "'dossier list'\n", term == NULL || term[0] == '\0' ?
		    "not set" : "'dumb'");
		return 1;
	}

	memset(&ui, 0, sizeof ui);
	ui.store = store;
	ui.opts = opts;
	ui.running = 1;
	ui.theme_index = -1;
	keys_init();
	ui_locale();
	ui_signals();

	memset(&f, 0, sizeof f);
	f.order = STORE_ORDER_DATE;
	if ((ui.view = store_view_new(store, &f, &err)) == NULL) {
		fprintf(stderr, "dossier: %s\n", err != NULL ? err :
		    "cannot read the timeline");
		free(err);
		return 1;
	}
	store_date_range(store, ui.first, ui.last);
	store_counts(store, &counts);
	ui.total = counts.events;

	if ((ui_screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "dossier: cannot use the terminal '%s' (no "
		    "terminfo entry?); try TERM=xterm-256color\n", term);
		store_view_free(ui.view);
		return 1;
	}
	ui_active = 1;
	if (!registered) {
		atexit(ui_restore);
		registered = 1;
	}
	util_set_fatal_hook(ui_restore);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	ui_keys_extra();
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	ui_theme_init(&ui);
	/* stdscr is never drawn on; a first refresh keeps getch from it. */
	wnoutrefresh(stdscr);

	ui_timeline_init(&ui);
	ui_detail_init(&ui);
	ui_layout(&ui);
	/* It opens on the earliest event. */
	ui_timeline_set_view(&ui, ui.view, 1);
	ui_redraw(&ui, UI_REDRAW_ALL);

	while (ui.running) {
		if (ui_signal != 0)
			break;
		if (ui.redraw != 0)
			ui_draw(&ui);
		walking = ui.view != NULL && !store_view_done(ui.view);
		if (!walking && ui.announce != UI_ANNOUNCE_NONE) {
			/* The walk ended under a key (G, say). */
			ui_announce(&ui, ui.announce);
			continue;
		}
		if ((key = ui_read(!walking)) < 0) {
			if (walking)
				ui_walk(&ui);
			continue;
		}
		ui_dispatch(&ui, key);
		/* Every key already typed goes before the next draw. */
		for (n = 0; n < UI_TYPEAHEAD && ui.running && ui_signal == 0;
		    n++) {
			if ((key = ui_read(0)) < 0)
				break;
			ui_dispatch(&ui, key);
		}
	}
	if (ui_signal != 0)
		ui.status = 128 + ui_signal;

	ui_free(&ui);
	ui_restore();
	delscreen(ui_screen);
	ui_screen = NULL;
	util_set_fatal_hook(NULL);
	return ui.status;
}
