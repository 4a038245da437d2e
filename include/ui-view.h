/*
 * ui-view.h: what the timeline shows: the view made from an actor filter,
 * a search and an order, and the moves that change or search it (go to an
 * event, a date, the next match, the last row of a view still being
 * walked). It sits below the modes, which call it; it calls only the
 * timeline pane and ui-core.
 */
#ifndef DOSSIER_UI_VIEW_H
#define DOSSIER_UI_VIEW_H

#include <stdint.h>

struct ui;
struct store_filter;

/* Time to finish walking a new view at once, and each step while idle. */
#define UI_VIEW_WALK_FIRST_MS	2
#define UI_VIEW_WALK_MS		15

/*
 * Filters the timeline to an actor (NULL: no actor filter), keeping the
 * search, and selects the event nearest the selected one. Returns 0, or -1
 * with a message shown and nothing changed.
 */
int	ui_view_filter_actor(struct ui *, const char *id, const char *name);

/*
 * Filters the timeline to the events involving all of actors (ids; one
 * is an actor filter), with tag, from from to to (YYYY-MM-DD, inclusive);
 * NULL or 0 for none of each. name is what the header and the status
 * line call the filter ("Iran + Russia"). Keeps the search. Returns 0,
 * or -1 with a message shown and nothing changed.
 */
int	ui_view_filter_more(struct ui *, const char *const *actors,
	    int nactors, const char *name, const char *tag, const char *from,
	    const char *to);
/* Fills f with what the timeline shows now (strings not copied). */
void	ui_view_filter(struct ui *, struct store_filter *f);
/* Sets the several actors, tag and dates of f from the view. */
void	ui_view_more(struct ui *, struct store_filter *f);
/* Frees what the view's filter holds (at the end). */
void	ui_view_done(struct ui *);

/*
 * Selects the event with timeline number seq, dropping the filter and the
 * search if the current view does not hold it.
 */
void	ui_view_goto_seq(struct ui *, int64_t seq);

/* The done functions of the search (/) and date (d) prompts. */
void	ui_view_search(struct ui *, const char *text);
void	ui_view_date(struct ui *, const char *text);

/* Moves to the next (dir > 0) or previous match, wrapping round. */
void	ui_view_search_step(struct ui *, int dir);
/* Switches the search between date order and best first. */
void	ui_view_order(struct ui *);
/* Drops the search and the filter, keeping the selected event. */
void	ui_view_clear(struct ui *);
/* Shows only the user's marked events (on), or all again, with the rest. */
void	ui_view_marked(struct ui *, int on);
/*
 * Shows a saved view: actor (name: what to call them), query and marked
 * only; returns 0, or -1 with a message and nothing changed.
 */
int	ui_view_saved(struct ui *, const char *actor, const char *name,
	    const char *query, int marked);
/* Selects the last event, walking the view to its end first. */
void	ui_view_last(struct ui *);

/*
 * Walks a view still being walked a little further while no key waits,
 * and says the count once the walk ends. For the main loop.
 */
void	ui_view_walk(struct ui *);
/* Says what ui->announce holds now that the walk has ended. */
void	ui_view_announce(struct ui *);

/*
 * After ui->store was swapped (ui-live.c), with no view: makes the view
 * again with the same filter, search and order (the whole timeline if
 * that now shows nothing) and selects the event id, or if it is gone the
 * first on or after date (else the last).
 */
void	ui_view_reload(struct ui *, const char *id, const char *date);

#endif
