/*
 * ui-view.c: what the timeline shows. Each change makes a new store view
 * (actor filter, search, order), keeps the selected event where it can,
 * and says what it found on the status line; a big view is walked on
 * while no key waits, and its count said when the walk ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-timeline.h"
#include "ui-view.h"
#include "util.h"

/* How ui_view_apply picks the event to select in the new view. */
enum ui_view_keep {
	UI_VIEW_KEEP_EVENT,	/* the selected one, or the next */
	UI_VIEW_KEEP_KNOWN,	/* the selected one if found, else the first */
	UI_VIEW_KEEP_FIRST	/* the first of the view */
};

/*
 * Makes the view for an actor filter and a search (either may be NULL) and
 * shows it. Returns 0, or -1 with a message and nothing changed when the
 * query cannot run or nothing matches.
 */
static int
ui_view_apply(struct ui *ui, const char *actor, const char *name,
    const char *query, enum store_order order, enum ui_view_keep keep)
{
	struct store_filter	 f;
	struct store_view	*v;
	char			*err = NULL, *na, *nn, *nq;
	int64_t			 pos;

	memset(&f, 0, sizeof f);
	f.actor = actor;
	f.query = query;
	f.order = query != NULL ? order : STORE_ORDER_DATE;
	ui_view_more(ui, &f);
	if ((v = store_view_new(ui->store, &f, &err)) == NULL) {
		ui_error(ui, "%s", err != NULL ? err : "the search cannot run");
		free(err);
		return -1;
	}
	/* Small views are whole at once; big ones go on while keys wait. */
	store_view_more(v, -1, UI_VIEW_WALK_FIRST_MS);
	if (store_view_count(v) == 0) {
		if (f.marked)
			ui_message(ui, "no marked event%s; m marks one",
			    query != NULL || actor != NULL ? " in this view" :
			    "");
		else if (query != NULL && actor != NULL)
			ui_message(ui, "no event with %s matches \"%s\"", name,
			    query);
		else if (query != NULL)
			ui_message(ui, "no event matches \"%s\"", query);
		else
			ui_message(ui, "no event involves %s", name);
		store_view_free(v);
		return -1;
	}
	if (keep == UI_VIEW_KEEP_FIRST)
		pos = 1;
	else if (keep == UI_VIEW_KEEP_KNOWN) {
		if ((pos = store_view_known(v, ui->seq)) == 0)
			pos = 1;
	} else
		pos = store_view_find(v, ui->seq);

	/* Copies first: actor and name may point into what is freed. */
	na = actor != NULL ? xstrdup(actor) : NULL;
	nn = name != NULL ? xstrdup(name) : NULL;
	nq = query != NULL ? xstrdup(query) : NULL;
	free(ui->filter_actor);
	free(ui->filter_name);
	free(ui->query);
	ui->filter_actor = na;
	ui->filter_name = nn;
	ui->query = nq;
	ui->order = f.order;
	ui->announce = UI_ANNOUNCE_NONE;
	ui_timeline_set_view(ui, v, pos);
	if (ui->view != NULL)
		store_view_free(ui->view);
	ui->view = v;
	ui_redraw(ui, UI_REDRAW_PANES);
	/* Stacked, the panes share the rows by what the view needs. */
	if (ui->stacked)
		ui_redraw(ui, UI_REDRAW_LAYOUT);
	return 0;
}

/*
 * The rest of a filter, beyond one actor and a search: several actors,
 * a tag, dates. ui_view_apply reads them from struct ui; to change them,
 * the new ones are swapped in, and back out if the view cannot be made.
 */
struct ui_view_more {
	char	**actors;
	int	  nactors;
	char	 *tag;
	char	 *from;
	char	 *to;
};

static void
ui_view_more_swap(struct ui *ui, struct ui_view_more *m)
{
	struct ui_view_more	t = *m;

	m->actors = ui->filter_actors;
	m->nactors = ui->filter_nactors;
	m->tag = ui->filter_tag;
	m->from = ui->filter_from;
	m->to = ui->filter_to;
	ui->filter_actors = t.actors;
	ui->filter_nactors = t.nactors;
	ui->filter_tag = t.tag;
	ui->filter_from = t.from;
	ui->filter_to = t.to;
}

static void
ui_view_more_free(struct ui_view_more *m)
{
	int	i;

	for (i = 0; i < m->nactors; i++)
		free(m->actors[i]);
	free(m->actors);
	free(m->tag);
	free(m->from);
	free(m->to);
	memset(m, 0, sizeof *m);
}

void
ui_view_more(struct ui *ui, struct store_filter *f)
{
	f->actors = (const char *const *)ui->filter_actors;
	f->nactors = ui->filter_nactors;
	f->tag = ui->filter_tag;
	f->from = ui->filter_from;
	f->to = ui->filter_to;
	f->marked = ui->marked_only;
}

void
ui_view_filter(struct ui *ui, struct store_filter *f)
{
	memset(f, 0, sizeof *f);
	f->actor = ui->filter_actor;
	f->query = ui->query;
	ui_view_more(ui, f);
}

/* Drops the rest of the filter (see ui_view_more) without a new view. */
static void
ui_view_more_drop(struct ui *ui)
{
	struct ui_view_more	m;

	memset(&m, 0, sizeof m);
	ui_view_more_swap(ui, &m);
	ui_view_more_free(&m);
}

/* The whole timeline, the filter dropped; returns as ui_view_apply. */
static int
ui_view_whole(struct ui *ui)
{
	ui_view_more_drop(ui);
	return ui_view_apply(ui, NULL, NULL, NULL, STORE_ORDER_DATE,
	    UI_VIEW_KEEP_EVENT);
}

void
ui_view_done(struct ui *ui)
{
	ui_view_more_drop(ui);
}

/*
 * Says how many events the view holds, once it knows: a view still being
 * walked says it when the walk ends (ui_view_walk).
 */
static void
ui_view_say(struct ui *ui, enum ui_announce what)
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
	else if (what == UI_ANNOUNCE_ACTOR && ui->filter_from != NULL)
		ui_message(ui, "%lld event%s with %s, %s to %s; Esc shows them"
		    " all", (long long)n, n == 1 ? "" : "s", ui->filter_name,
		    ui->filter_from, ui->filter_to);
	else if (what == UI_ANNOUNCE_ACTOR)
		ui_message(ui, "%lld event%s with %s; Esc shows them all",
		    (long long)n, n == 1 ? "" : "s", ui->filter_name);
}

void
ui_view_announce(struct ui *ui)
{
	ui_view_say(ui, ui->announce);
}

int
ui_view_filter_actor(struct ui *ui, const char *id, const char *name)
{
	return ui_view_filter_more(ui, &id, 1, name, NULL, NULL, NULL);
}

int
ui_view_filter_more(struct ui *ui, const char *const *actors, int nactors,
    const char *name, const char *tag, const char *from, const char *to)
{
	struct ui_view_more	m;
	int			i, rc;

	memset(&m, 0, sizeof m);
	if (nactors > 1) {
		m.actors = xcalloc((size_t)nactors, sizeof *m.actors);
		for (i = 0; i < nactors; i++)
			m.actors[i] = xstrdup(actors[i]);
		m.nactors = nactors;
	}
	m.tag = tag != NULL ? xstrdup(tag) : NULL;
	m.from = from != NULL ? xstrdup(from) : NULL;
	m.to = to != NULL ? xstrdup(to) : NULL;
	ui_view_more_swap(ui, &m);
	rc = ui_view_apply(ui, nactors == 1 ? actors[0] : NULL,
	    name != NULL ? name : tag, ui->query, ui->order,
	    UI_VIEW_KEEP_EVENT);
	if (rc != 0)
		ui_view_more_swap(ui, &m);	/* the old ones back */
	ui_view_more_free(&m);
	if (rc == 0)
		ui_view_say(ui, UI_ANNOUNCE_ACTOR);
	return rc;
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
ui_view_goto_seq(struct ui *ui, int64_t seq)
{
	int64_t	pos;

	if ((pos = ui_view_holds(ui, seq)) == 0) {
		ui_view_more_drop(ui);
		if (ui_view_apply(ui, NULL, NULL, NULL, STORE_ORDER_DATE,
		    UI_VIEW_KEEP_FIRST) != 0)
			return;
		ui_message(ui, "filter and search cleared to show that event");
		if ((pos = ui_view_holds(ui, seq)) == 0)
			return;
	}
	ui_timeline_select(ui, pos);
	ui->focus = UI_FOCUS_TIMELINE;
	ui_redraw(ui, UI_REDRAW_PANES);
}

/* The search itself, once the screen says "searching". */
static void
ui_view_search_now(struct ui *ui, const char *text)
{
	if (ui_view_apply(ui, ui->filter_actor, ui->filter_name, text,
	    STORE_ORDER_DATE, UI_VIEW_KEEP_FIRST) != 0)
		return;
	ui->reload++;
	ui->focus = UI_FOCUS_TIMELINE;
	ui_view_say(ui, UI_ANNOUNCE_SEARCH);
}

void
ui_view_search(struct ui *ui, const char *text)
{
	while (*text == ' ')
		text++;
	if (*text == '\0')
		return;
	/* A search of a large corpus takes a moment: say so first. */
	ui_message(ui, "searching for \"%s\"...", text);
	ui_later(ui, ui_view_search_now, text);
}

void
ui_view_search_step(struct ui *ui, int dir)
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
	ui_redraw(ui, UI_REDRAW_PANES);
	ui_timeline_select(ui, pos);
}

void
ui_view_order(struct ui *ui)
{
	enum store_order	o;

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
	if (ui_view_apply(ui, ui->filter_actor, ui->filter_name, ui->query, o,
	    o == STORE_ORDER_RANK ? UI_VIEW_KEEP_KNOWN :
	    UI_VIEW_KEEP_EVENT) == 0)
		ui_message(ui, o == STORE_ORDER_RANK ? "best matches first" :
		    "matches in date order");
}

void
ui_view_clear(struct ui *ui)
{
	if (ui->query == NULL && ui->filter_actor == NULL &&
	    ui->filter_name == NULL && ui->filter_from == NULL &&
	    !ui->marked_only) {
		if (ui->focus == UI_FOCUS_DETAIL) {
			ui->focus = UI_FOCUS_TIMELINE;
			ui_redraw(ui, UI_REDRAW_PANES);
		}
		return;
	}
	ui_view_more_drop(ui);
	ui->marked_only = 0;
	if (ui_view_apply(ui, NULL, NULL, NULL, STORE_ORDER_DATE,
	    UI_VIEW_KEEP_EVENT) != 0)
		return;
	ui->reload++;
	ui->focus = UI_FOCUS_TIMELINE;
	ui_message(ui, "the whole timeline");
}

void
ui_view_marked(struct ui *ui, int on)
{
	int	old = ui->marked_only;

	ui->marked_only = on;
	if (ui_view_apply(ui, ui->filter_actor, ui->filter_name, ui->query,
	    ui->order, UI_VIEW_KEEP_EVENT) != 0) {
		ui->marked_only = old;
		return;
	}
	if (on)
		ui_message(ui, "%lld marked event%s; M shows all again",
		    (long long)ui->tl.count, ui->tl.count == 1 ? "" : "s");
	else
		ui_message(ui, "all events again");
}

int
ui_view_saved(struct ui *ui, const char *actor, const char *name,
    const char *query, int marked)
{
	int	old = ui->marked_only;

	ui->marked_only = marked;
	if (ui_view_apply(ui, actor, name, query, STORE_ORDER_DATE,
	    UI_VIEW_KEEP_FIRST) != 0) {
		ui->marked_only = old;
		return -1;
	}
	ui->reload++;
	ui->focus = UI_FOCUS_TIMELINE;
	return 0;
}

/* The last event, once the screen says "finding". */
static void
ui_view_last_now(struct ui *ui, const char *unused)
{
	(void)unused;
	ui_timeline_grow(ui, -1, 0);
	ui_timeline_select(ui, ui->tl.count);
}

void
ui_view_last(struct ui *ui)
{
	if (ui->view != NULL && !store_view_done(ui->view)) {
		/* The end of a long walk takes a moment: say so. */
		ui_message(ui, "finding the last match...");
		ui_later(ui, ui_view_last_now, NULL);
		return;
	}
	ui_view_last_now(ui, NULL);
}

/*
 * Reads what the user typed at the date prompt: 2025-06-18, 2025-06 (its
 * first day), 06-18 or 18. Sets y, m, d, 0 for the parts not typed.
 * Returns 0, or -1 if it is not a date of that form.
 */
static int
ui_view_parse_date(const char *s, int *y, int *m, int *d)
{
	int	n = 0;

	*y = *m = *d = 0;
	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) == 3 && n >= 8)
		;
	else if (sscanf(s, "%4d-%2d%n", y, m, &n) == 2 && n >= 6 && *y > 31)
		*d = 1;
	else if (sscanf(s, "%2d-%2d%n", m, d, &n) == 2)
		*y = 0;
	else if (sscanf(s, "%2d%n", d, &n) == 1)
		*y = *m = 0;
	else
		return -1;
	while (s[n] == ' ')
		n++;
	if (s[n] != '\0' || *y < 0 || *y > 9999 || *m < 0 || *m > 12 ||
	    *d < 1 || *d > 31)
		return -1;
	return 0;
}

/* Writes y-m-d as YYYY-MM-DD into date (parts within range). */
static void
ui_view_ymd(char date[11], int y, int m, int d)
{
	char	b[48];

	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	memcpy(date, b, 10);
	date[10] = '\0';
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian). */
static long
ui_view_days(const char *date)
{
	int	y = 0, m = 0, d = 0;
	long	era, yoe, doy;

	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Whether the view holds an event on date. */
static int
ui_view_has_date(struct ui *ui, const char *date)
{
	struct store_row	r;
	int64_t			pos;
	int			same = 0;

	if ((pos = store_view_find_date(ui->view, date)) == 0)
		return 0;
	if (store_view_rows(ui->view, pos, 1, &r) == 1) {
		same = strcmp(r.date, date) == 0;
		store_rows_clear(&r, 1);
	}
	return same;
}

/*
 * Completes a date typed without its year (and month) into date: among
 * the dates of that form in the corpus's years that the view has events
 * on, the one nearest ref; if none has, ref's year and month. Returns 0;
 * 1 if no such day has events and ref's month has no such day (31 in
 * June); -1 if no year or month has such a day (06-31).
 */
static int
ui_view_complete_date(struct ui *ui, int m, int d, const char *ref,
    char date[11])
{
	char	c[11];
	int	y, mm, y0 = 0, y1 = 0, ry = 0, rm = 0, valid = 0;
	long	best = -1, dist, r;

	sscanf(ui->first, "%4d", &y0);
	sscanf(ui->last, "%4d", &y1);
	if (sscanf(ref, "%4d-%2d", &ry, &rm) != 2) {
		ry = y0 > 0 ? y0 : 2025;
		rm = 1;
	}
	r = ui_view_days(ref[0] != '\0' ? ref : ui->first);
	for (y = y0; y <= y1 && y > 0; y++) {
		for (mm = m != 0 ? m : 1; mm <= (m != 0 ? m : 12); mm++) {
			ui_view_ymd(c, y, mm, d);
			if (!content_valid_date(c))
				continue;
			valid = 1;
			if (!ui_view_has_date(ui, c))
				continue;
			dist = labs(ui_view_days(c) - r);
			if (best < 0 || dist < best) {
				best = dist;
				memcpy(date, c, 11);
			}
		}
	}
	if (best >= 0)
		return 0;
	/* No such day has events: the selected event's year and month. */
	ui_view_ymd(date, ry, m != 0 ? m : rm, d);
	if (content_valid_date(date))
		return 0;
	/* Other months have such a day, this one not, nor events on it. */
	return valid ? 1 : -1;
}

void
ui_view_date(struct ui *ui, const char *text)
{
	char	date[11], ref[11], day[16], got[11];
	int64_t	pos;
	int	y, m, d, rc;

	while (*text == ' ')
		text++;
	if (*text == '\0')
		return;
	ui_timeline_date(ui, ref);
	if (ref[0] == '\0')
		memcpy(ref, ui->first, sizeof ref);
	if (ui_view_parse_date(text, &y, &m, &d) != 0) {
		ui_error(ui, "not a date: '%s' (try 2025-06-18, 06-18, or 18 "
		    "for the nearest day with events)", text);
		return;
	}
	if (y != 0) {
		ui_view_ymd(date, y, m, d);
		if (!content_valid_date(date)) {
			ui_error(ui, "no such date: %s", date);
			return;
		}
	} else if ((rc = ui_view_complete_date(ui, m, d, ref, date)) > 0) {
		ui_message(ui, "no event on day %d of any month%s", d,
		    ui->query != NULL || ui->filter_actor != NULL ?
		    " in this view" : "");
		return;
	} else if (rc < 0) {
		if (m != 0)
			ui_error(ui, "no such date: %02d-%02d (no month %d "
			    "has %d days)", m, d, m, d);
		else
			ui_error(ui, "no such date: no month has %d days", d);
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
	ui_redraw(ui, UI_REDRAW_PANES);
	ui_timeline_select(ui, pos);
	ui_timeline_date(ui, got);
	if (strcmp(got, date) != 0)
		ui_message(ui, "nothing on %s; the next event follows", day);
}

void
ui_view_walk(struct ui *ui)
{
	if (!ui_timeline_grow(ui, -1, UI_VIEW_WALK_MS) &&
	    !store_view_done(ui->view))
		return;
	ui_redraw(ui, UI_REDRAW_STATUS);
	if (ui->tl.count < ui->tl.top + ui->tl.height)
		ui_redraw(ui, UI_REDRAW_TIMELINE);
	if (store_view_done(ui->view) && ui->announce != UI_ANNOUNCE_NONE)
		ui_view_say(ui, ui->announce);
}

void
ui_view_reload(struct ui *ui, const char *id, const char *date)
{
	struct store_detail	*d;
	struct store_filter	 f;
	char			*a, *n, *q, *err = NULL;
	int64_t			 pos;
	int			 found = 0;

	ui->seq = 0;
	if (id != NULL && (d = store_detail_by_id(ui->store, id, NULL)) != NULL) {
		ui->seq = d->seq;
		found = 1;
		store_detail_free(d);
	}
	a = ui->filter_actor != NULL ? xstrdup(ui->filter_actor) : NULL;
	n = ui->filter_name != NULL ? xstrdup(ui->filter_name) : NULL;
	q = ui->query != NULL ? xstrdup(ui->query) : NULL;
	if (ui->total == 0 || (ui_view_apply(ui, a, n, q, ui->order,
	    UI_VIEW_KEEP_EVENT) != 0 && ui_view_whole(ui) != 0)) {
		/* No event at all: an empty timeline. */
		free(ui->filter_actor);
		free(ui->filter_name);
		free(ui->query);
		ui->filter_actor = ui->filter_name = ui->query = NULL;
		memset(&f, 0, sizeof f);
		ui->view = store_view_new(ui->store, &f, &err);
		free(err);
		ui_timeline_set_view(ui, ui->view, 1);
	}
	free(a);
	free(n);
	free(q);
	if (!found && date != NULL && date[0] != '\0' &&
	    ui->view != NULL) {
		if ((pos = store_view_find_date(ui->view, date)) == 0)
			pos = ui->tl.count;
		ui_timeline_select(ui, pos);
	}
	ui->reload++;
}
