/*
 * ui-list.h: the movement of any list on screen (the actor list, a
 * profile's events, the help), as htop's Panel_onKey: a mode hands it the
 * movement actions it does not handle itself. A list is a window of height
 * rows over count items; it reads nothing and draws nothing, so it serves
 * lists read from the store a window at a time.
 */
#ifndef DOSSIER_UI_LIST_H
#define DOSSIER_UI_LIST_H

#include <stdint.h>

#include "keys.h"

struct ui_list {
	int64_t	count;		/* items */
	int64_t	sel;		/* selected item, 0-based (unused in a scroller) */
	int64_t	top;		/* first item shown, 0-based */
	int	height;		/* rows shown at the last draw */
	int	scroller;	/* no selection: movement scrolls the text */
};

/*
 * Handles a movement action (next, previous, page-down, page-up, first,
 * last). Returns 1 if the action was one (the list may have moved: redraw
 * it), 0 if the action is not movement.
 */
int	ui_list_key(struct ui_list *, enum keys_action);

/* Selects item i (clamped) and scrolls it into view; in a scroller, scrolls. */
void	ui_list_select(struct ui_list *, int64_t i);

/* Moves by delta rows, as the mouse wheel does. */
void	ui_list_scroll(struct ui_list *, int64_t delta);

/* Keeps the selection on screen after height changed (a draw). */
void	ui_list_show(struct ui_list *);

/* The item shown on row y of the list (0-based), or -1 past the end. */
int64_t	ui_list_at(const struct ui_list *, int y);

/* What a mouse event did to a list (ui_list_mouse). */
enum ui_list_hit {
	UI_LIST_MISSED,		/* past the items: nothing to do */
	UI_LIST_MOVED,		/* scrolled or selected: redraw */
	UI_LIST_CHOSEN		/* a click on the selected item: act on it */
};
/*
 * A mouse event on the list, as every list overlay takes it: the wheel
 * scrolls by scroll rows (negative: up), or, when scroll is 0, a click on
 * row y of the list selects the item there, or chooses it if it is the
 * selected one already.
 */
enum ui_list_hit ui_list_mouse(struct ui_list *, int scroll, int y);

#endif
