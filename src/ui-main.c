/*
 * ui-main.c: the main screen as a mode, at the bottom of the mode stack:
 * the top line, the timeline and detail panes with the rule between them,
 * and the status line with its key hints; its actions move the focused
 * pane, change what the timeline shows (through ui-view.c) and open the
 * prompts. Actions it leaves (help, actors) open the mode bound to them.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ui-cite.h"
#include "ui-core.h"
#include "ui-detail.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-notes.h"
#include "ui-prompt.h"
#include "ui-source.h"
#include "ui-theme.h"
#include "ui-timeline.h"
#include "ui-view.h"
#include "util.h"

/* Rows the wheel scrolls. */
#define UI_MAIN_WHEEL	3

/*
 * The main screen's own state: the detail pane, its prompts' histories,
 * the corpus's title for the top line.
 */
struct ui_main {
	struct ui_detail	 dt;
	char			*title;		/* or NULL: the directory's name */
	struct ui_prompt_history search_history;
	struct ui_prompt_history date_history;
};

static void *
ui_main_init(struct ui *ui, const void *arg)
{
	struct ui_main	*m;

	(void)arg;
	m = xcalloc(1, sizeof *m);
	ui_detail_init(&m->dt);
	m->title = store_corpus_title(ui->store);
	return m;
}

static void
ui_main_free(struct ui *ui, void *data)
{
	struct ui_main	*m = data;

	(void)ui;
	ui_detail_free(&m->dt);
	free(m->title);
	ui_prompt_history_free(&m->search_history);
	ui_prompt_history_free(&m->date_history);
	free(m);
}

/* The windows were made again: the panes take their new sizes. */
static void
ui_main_resize(struct ui *ui, void *data)
{
	struct ui_main	*m = data;

	ui_timeline_resize(ui, getmaxy(ui->tl_win));
	ui_detail_resize(&m->dt, getmaxy(ui->dt_win), getmaxx(ui->dt_win));
}

static void
ui_main_draw_top(struct ui *ui, struct ui_main *m)
{
	WINDOW		*w = ui->top_win;
	struct buf	 l, r;
	const char	*base = NULL, *q;
	int		 rw;

	buf_init(&l);
	buf_init(&r);
	if (ui->opts->content != NULL) {
		base = strrchr(ui->opts->content, '/');
		base = base != NULL && base[1] != '\0' ? base + 1 :
		    ui->opts->content;
	}
	buf_adds(&l, " dossier");
	if (m->title != NULL)
		buf_addf(&l, " \xc2\xb7 %s", m->title);
	else if (base != NULL)
		buf_addf(&l, " \xc2\xb7 %s", base);
	if (ui->first[0] != '\0')
		buf_addf(&l, " \xc2\xb7 %s to %s", ui->first, ui->last);
	buf_addf(&l, " \xc2\xb7 %lld event%s", (long long)ui->total,
	    ui->total == 1 ? "" : "s");
	if (ui->filter_name != NULL)
		buf_addf(&r, "%s: %s", ui->filter_nactors > 1 ? "actors" :
		    ui->filter_tag != NULL ? "tag" : "actor", ui->filter_name);
	if (ui->filter_from != NULL)
		buf_addf(&r, "%s%s to %s", r.len > 0 ? "  " : "",
		    ui->filter_from, ui->filter_to);
	if (ui->query != NULL) {
		/* A query with its own quotes (a phrase) shows as typed. */
		q = strchr(ui->query, '"') != NULL ? "" : "\"";
		buf_addf(&r, "%ssearch: %s%s%s%s", r.len > 0 ? "  " : "", q,
		    ui->query, q, ui->order == STORE_ORDER_RANK ?
		    " best first" : "");
	}
	if (ui->marked_only)
		buf_addf(&r, "%smarked only", r.len > 0 ? "  " : "");
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
ui_main_draw_sep(struct ui *ui, struct ui_main *m)
{
	WINDOW	*w = ui->sep_win;
	char	 s[48];
	int	 h, pct;

	werase(w);
	/*
	 * The focus shows by shape, not colour, so that mono and NO_COLOR
	 * see it too: a heavy rule when the detail pane has it, a ">" on
	 * the timeline's selected row when the timeline has.
	 */
	if (!ui->stacked) {
		if (ui->focus == UI_FOCUS_DETAIL) {
			for (h = 0; h < getmaxy(w); h++)
				ui_draw_str(ui, w, h, 0, 1, "\xe2\x94\x83",
				    THEME_BORDER, 0);
		} else
			ui_draw_vline(ui, w, 0, 0, getmaxy(w), THEME_BORDER);
		wnoutrefresh(w);
		return;
	}
	if (ui->focus == UI_FOCUS_DETAIL) {
		for (h = 0; h < ui->cols; h++)
			ui_draw_str(ui, w, 0, h, 1, "\xe2\x94\x81",
			    THEME_BORDER, 0);
	} else
		ui_draw_hline(ui, w, 0, 0, ui->cols, THEME_BORDER);
	/* In the stacked layout the rule says how much of the detail shows. */
	h = m->dt.height;
	if ((int)m->dt.nlines > h && h > 0) {
		pct = (m->dt.scroll + h) * 100 / (int)m->dt.nlines;
		pct = pct > 100 ? 100 : pct;	/* past the end: e, s */
		snprintf(s, sizeof s, " %s %d%% ",
		    ui->focus == UI_FOCUS_DETAIL ? "detail" : "more: Tab", pct);
		ui_draw_str(ui, w, 0, ui->cols - ui_draw_width(s) - 2,
		    ui_draw_width(s), s, THEME_BORDER, 0);
	}
	wnoutrefresh(w);
}

/* The key hints of the status line, for the state the reader is in. */
static void
ui_main_hints(struct ui *ui, struct buf *b)
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
	else if (ui->filter_name != NULL)
		buf_adds(b, "Esc:all events ");
	else
		buf_adds(b, "?:help /:search a:actors ");
	if (ui->actor_name != NULL)
		buf_addf(b, "]:next %s ", ui->actor_name);
	if (ui->query != NULL || ui->filter_name != NULL)
		buf_adds(b, "?:help ");
	buf_adds(b, "q:quit");
}

/*
 * The key hints of a mode over the main screen (an overlay), made from
 * its rows of the key table: the first key of each action that is not a
 * movement, as KEY:action. A new mode gets its hints from its bindings.
 */
static void
ui_main_mode_hints(int mode, struct buf *b)
{
	const struct keys_binding	*t;
	const char			*name = keys_mode_name(mode), *k;
	size_t				 i, n, len;

	t = keys_table(&n);
	for (i = 0; i < n; i++) {
		k = keys_keys(i);
		if (strcmp(t[i].mode, name) != 0 || *k == '\0')
			continue;
		switch (t[i].action) {
		case KEYS_NEXT: case KEYS_PREVIOUS: case KEYS_FIRST:
		case KEYS_LAST: case KEYS_PAGE_DOWN: case KEYS_PAGE_UP:
		case KEYS_HALF_DOWN: case KEYS_HALF_UP: case KEYS_MOUSE:
		case KEYS_ERASE: case KEYS_ERASE_ALL: case KEYS_REDRAW:
			continue;
		default:
			break;
		}
		len = strcspn(k, " ");
		buf_addf(b, "%.*s:%s ", (int)len, k,
		    keys_action_name(t[i].action));
	}
}

static void
ui_main_draw_status(struct ui *ui, struct ui_main *m)
{
	WINDOW		*w = ui->status_win;
	struct buf	 l, r;
	int		 rw, h;
	enum theme_elem	 e = THEME_STATUS;

	buf_init(&l);
	buf_init(&r);
	if (ui->focus == UI_FOCUS_DETAIL && (h = m->dt.height) > 0) {
		if ((int)m->dt.nlines <= h)
			buf_adds(&r, "  detail: all ");
		else
			buf_addf(&r, "  detail: %d%% ", (m->dt.scroll + h) *
			    100 / (int)m->dt.nlines > 100 ? 100 :
			    (m->dt.scroll + h) * 100 / (int)m->dt.nlines);
	}
	buf_addf(&r, " %lld/%lld%s ", (long long)ui->tl.sel,
	    (long long)ui->tl.count, ui->view != NULL &&
	    !store_view_done(ui->view) ? "+" : "");
	if (ui->msg != NULL) {
		buf_addf(&l, " %s", ui->msg);
		e = ui->msg_error ? THEME_ERROR : THEME_MESSAGE;
	} else {
		buf_addc(&l, ' ');
		/* An overlay's own keys, not the timeline's. */
		if (ui->nmodes > 1 && !ui_mode_status_taken(ui))
			ui_main_mode_hints(ui_mode_top(ui)->keys, &l);
		else
			ui_main_hints(ui, &l);
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

/* Draws what the flags name of the panes, the top and the status line. */
static void
ui_main_draw(struct ui *ui, void *data, unsigned f)
{
	struct ui_main	*m = data;

	/* The current actor is settled before anything shows it. */
	ui_detail_sync(ui, &m->dt);
	if (f & UI_REDRAW_TIMELINE)
		ui_timeline_draw(ui);
	if (f & UI_REDRAW_DETAIL) {
		ui_detail_draw(ui, &m->dt);
		ui_main_draw_sep(ui, m);
		f |= UI_REDRAW_STATUS;	/* the detail position is there */
	}
	if (f & (UI_REDRAW_DETAIL | UI_REDRAW_STATUS | UI_REDRAW_TOP))
		ui_main_draw_top(ui, m);
	if ((f & UI_REDRAW_STATUS) && !ui_mode_status_taken(ui))
		ui_main_draw_status(ui, m);
}

static void
ui_main_focus(struct ui *ui, enum ui_focus f)
{
	ui->focus = f;
	/* Both panes: each shows whether it has the focus. */
	ui_redraw(ui, UI_REDRAW_STATUS | UI_REDRAW_DETAIL | UI_REDRAW_TIMELINE);
}

/* A page of the focused pane; half a page with half set. */
static void
ui_main_page(struct ui *ui, struct ui_main *m, int dir, int half)
{
	int	n;

	if (ui->focus == UI_FOCUS_DETAIL) {
		n = half ? m->dt.height / 2 : m->dt.height - 1;
		ui_detail_scroll(ui, &m->dt, dir * (n > 0 ? n : 1));
	} else
		ui_timeline_page(ui, dir, half);
}

/* Goes to the next (dir > 0) or previous event of the current actor. */
static void
ui_main_actor_jump(struct ui *ui, struct ui_main *m, int dir)
{
	int64_t	pos;
	int	wrapped = 0;

	ui_detail_sync(ui, &m->dt);
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

/*
 * n and N: the matches of the selected event outside the lines shown
 * first, then the next or previous matching event (at its last match when
 * going back).
 */
static void
ui_main_search_step(struct ui *ui, struct ui_main *m, int dir)
{
	if (ui->query != NULL && ui_detail_match_step(ui, &m->dt, dir))
		return;
	m->dt.back = dir < 0;
	ui_view_search_step(ui, dir);
	ui_detail_sync(ui, &m->dt);
	m->dt.back = 0;
}

/* Opens the prompt of / or d. */
static void
ui_main_prompt(struct ui *ui, const char *label,
    struct ui_prompt_history *h, void (*done)(struct ui *, const char *))
{
	struct ui_prompt_args	args;

	memset(&args, 0, sizeof args);
	args.label = label;
	args.history = h;
	args.done = done;
	ui_mode_push(ui, &ui_prompt_mode, &args);
}

/*
 * The excerpt e and s work on: in the detail pane, the one at its top;
 * from the timeline, the event's first (-1: none).
 */
static int
ui_main_excerpt(struct ui *ui, struct ui_main *m)
{
	int	k;

	ui_detail_sync(ui, &m->dt);
	if (m->dt.d == NULL || m->dt.d->nexcerpts == 0)
		return -1;
	if (ui->focus == UI_FOCUS_DETAIL &&
	    (k = ui_detail_excerpt(ui, &m->dt)) >= 0)
		return k;
	return ui->focus == UI_FOCUS_DETAIL ? -1 : 0;
}

/* e: the event, or the excerpt the detail pane is on, in the editor. */
static void
ui_main_edit(struct ui *ui, struct ui_main *m)
{
	struct store_detail	*d;
	int			 k = ui_main_excerpt(ui, m);

	if ((d = m->dt.d) == NULL || d->file == NULL) {
		ui_message(ui, "no event to edit");
		return;
	}
	ui_edit(ui, d->file, ui->focus == UI_FOCUS_DETAIL && k >= 0 ?
	    d->excerpts[k].line : d->line);
}

/* s: the text of the excerpt's source. */
static void
ui_main_source(struct ui *ui, struct ui_main *m)
{
	struct ui_source_args	 args;
	int			 k = ui_main_excerpt(ui, m);

	if (k < 0) {
		ui_message(ui, "no excerpt here, so no source to read");
		return;
	}
	args.source = m->dt.d->excerpts[k].source;
	args.event = m->dt.d->id;
	args.line = m->dt.d->excerpts[k].line;
	ui_mode_push(ui, &ui_source_mode, &args);
}

/* The movement actions, for the focused pane. */
static int
ui_main_move(struct ui *ui, struct ui_main *m, enum keys_action a)
{
	int	detail = ui->focus == UI_FOCUS_DETAIL;

	switch (a) {
	case KEYS_NEXT:
	case KEYS_PREVIOUS:
		if (detail)
			ui_detail_scroll(ui, &m->dt, a == KEYS_NEXT ? 1 : -1);
		else
			ui_timeline_move(ui, a == KEYS_NEXT ? 1 : -1);
		return 1;
	case KEYS_FIRST:
		if (detail)
			ui_detail_scroll_to(ui, &m->dt, 0);
		else
			ui_timeline_select(ui, 1);
		return 1;
	case KEYS_LAST:
		if (detail)
			ui_detail_scroll_to(ui, &m->dt, -1);
		else
			ui_view_last(ui);
		return 1;
	case KEYS_PAGE_DOWN:
	case KEYS_PAGE_UP:
		ui_main_page(ui, m, a == KEYS_PAGE_DOWN ? 1 : -1, 0);
		return 1;
	case KEYS_HALF_DOWN:
	case KEYS_HALF_UP:
		ui_main_page(ui, m, a == KEYS_HALF_DOWN ? 1 : -1, 1);
		return 1;
	default:
		return 0;
	}
}

static int
ui_main_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_main	*m = data;

	(void)key;
	if (ui_main_move(ui, m, a))
		return 1;
	switch (a) {
	case KEYS_FOCUS:
		ui_main_focus(ui, ui->focus == UI_FOCUS_DETAIL ?
		    UI_FOCUS_TIMELINE : UI_FOCUS_DETAIL);
		break;
	case KEYS_READ:
		if (ui->tl.count > 0)
			ui_main_focus(ui, UI_FOCUS_DETAIL);
		break;
	case KEYS_ACTOR_NEXT:
	case KEYS_ACTOR_PREVIOUS:
		ui_detail_cycle_actor(ui, &m->dt,
		    a == KEYS_ACTOR_NEXT ? 1 : -1);
		break;
	case KEYS_ACTOR_JUMP_NEXT:
	case KEYS_ACTOR_JUMP_PREVIOUS:
		ui_main_actor_jump(ui, m, a == KEYS_ACTOR_JUMP_NEXT ? 1 : -1);
		break;
	case KEYS_PROFILE:
		ui_detail_sync(ui, &m->dt);
		if (ui->actor == NULL)
			ui_message(ui, "no current actor: this event names none");
		else
			ui_mode_push(ui, &ui_profile_mode, ui->actor);
		break;
	case KEYS_SEARCH:
		ui_main_prompt(ui, "/", &m->search_history, ui_view_search);
		break;
	case KEYS_SEARCH_NEXT:
	case KEYS_SEARCH_PREVIOUS:
		ui_main_search_step(ui, m, a == KEYS_SEARCH_NEXT ? 1 : -1);
		break;
	case KEYS_ORDER:
		ui_view_order(ui);
		break;
	case KEYS_CLEAR:
		ui_view_clear(ui);
		break;
	case KEYS_DATE:
		ui_main_prompt(ui, "Date (2025-06-18, 06-18 or 18): ",
		    &m->date_history, ui_view_date);
		break;
	case KEYS_EDIT:
		ui_main_edit(ui, m);
		break;
	case KEYS_SOURCE:
		ui_main_source(ui, m);
		break;
	case KEYS_THEME:
		ui_theme_next(ui);
		break;
	case KEYS_EXPORT:
		ui_cite_export(ui);
		break;
	case KEYS_COPY:
	case KEYS_COPY_EVENT:
		ui_cite_copy(ui, &m->dt, a == KEYS_COPY_EVENT);
		break;
	case KEYS_OPEN_SOURCE:
		ui_cite_open(ui, &m->dt);
		break;
	case KEYS_REDRAW:
		ui_redraw(ui, UI_REDRAW_ALL);
		break;
	case KEYS_QUIT:
		ui->running = 0;
		ui->status = 0;
		break;
	case KEYS_INTERRUPT:
		ui->running = 0;
		ui->status = 128 + SIGINT;
		break;
	case KEYS_SUSPEND:
		/* Reached in raw mode only; curses' SIGTSTP handler does the rest. */
		raise(SIGTSTP);
		ui_redraw(ui, UI_REDRAW_ALL);
		break;
	default:
		/* Marks, notes and views; else a mode it opens (help...). */
		return ui_notes_key(ui, a);
	}
	return 1;
}

/* A click or the wheel on the screen, at y, x. */
static void
ui_main_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse mo)
{
	struct ui_main	*m = data;

	if (wenclose(ui->tl_win, y, x)) {
		if (mo == UI_MOUSE_CLICK) {
			if (ui->focus != UI_FOCUS_TIMELINE)
				ui_main_focus(ui, UI_FOCUS_TIMELINE);
			ui_timeline_click(ui, y - getbegy(ui->tl_win));
		} else
			ui_timeline_scroll(ui, mo == UI_MOUSE_WHEEL_UP ?
			    -UI_MAIN_WHEEL : UI_MAIN_WHEEL);
	} else if (wenclose(ui->dt_win, y, x)) {
		if (mo == UI_MOUSE_CLICK) {
			if (ui->focus != UI_FOCUS_DETAIL)
				ui_main_focus(ui, UI_FOCUS_DETAIL);
			ui_detail_click(ui, &m->dt, y - getbegy(ui->dt_win),
			    x - getbegx(ui->dt_win));
		} else
			ui_detail_scroll(ui, &m->dt, mo == UI_MOUSE_WHEEL_UP ?
			    -UI_MAIN_WHEEL : UI_MAIN_WHEEL);
	}
}

/* A character bound to nothing. */
static void
ui_main_insert(struct ui *ui, void *data, int ch)
{
	char	name[16];

	(void)data;
	if (ch > ' ')
		ui_message(ui, "%s does nothing here; ? lists the keys",
		    keys_name(ch, name));
}

const struct ui_mode ui_main_mode = {
	.name = "main",
	.open = KEYS_NONE,
	.init = ui_main_init,
	.free = ui_main_free,
	.resize = ui_main_resize,
	.draw = ui_main_draw,
	.key = ui_main_key,
	.mouse = ui_main_mouse,
	.insert = ui_main_insert,
};
