/*
 * ui-timeline.h: the timeline pane, the events of the current view under
 * day headings. It holds only a window of rows around the screen, so a view
 * of a million events costs what a view of fifty does.
 */
#ifndef DOSSIER_UI_TIMELINE_H
#define DOSSIER_UI_TIMELINE_H

#include <stdint.h>

#include "store.h"

struct ui;

struct ui_timeline {
	struct store_view *view;	/* owned by struct ui */
	int64_t		 count;		/* events in the view */
	int64_t		 sel;		/* selected position, 1-based; 0 if empty */
	int64_t		 top;		/* first position on screen */
	int		 height;	/* lines of the pane at the last layout */

	/* Cached window of rows: positions cache_pos .. cache_pos+cache_n-1. */
	struct store_row *cache;
	int64_t		 cache_pos;
	int		 cache_n;
	int		 cache_cap;

	/* Position drawn on each screen line (0 for a heading), for the mouse. */
	int64_t		*map;
	int		 map_n;
};

void	ui_timeline_init(struct ui *);
void	ui_timeline_free(struct ui *);

/* Shows view (not owned) with position sel selected. */
void	ui_timeline_set_view(struct ui *, struct store_view *, int64_t sel);

/* The pane was resized to height lines: keep the selection visible. */
void	ui_timeline_resize(struct ui *, int height);
/*
 * Lines the whole view needs, headings included, or max if it needs as
 * many or more (or is still being walked): for a layout that gives the
 * rest to the detail pane.
 */
int	ui_timeline_needed(struct ui *, int max);

void	ui_timeline_draw(struct ui *);

/* Selects position pos (clamped) and scrolls it into view. */
void	ui_timeline_select(struct ui *, int64_t pos);
/*
 * Finds more of a view that is still being walked, up to position upto
 * (< 0: all of it) for at most ms milliseconds (<= 0: no limit), and takes
 * its new count. Returns whether the count changed.
 */
int	ui_timeline_grow(struct ui *, int64_t upto, int ms);
void	ui_timeline_move(struct ui *, int64_t delta);
/* Moves by a page (dir > 0 down) or, with half set, half a page. */
void	ui_timeline_page(struct ui *, int dir, int half);
/* Scrolls the view by delta rows, dragging the selection along. */
void	ui_timeline_scroll(struct ui *, int delta);
/* Handles a click on line y of the pane. */
void	ui_timeline_click(struct ui *, int y);

/* The selected event's date, or "" if none (its number is ui->seq). */
void	ui_timeline_date(struct ui *, char date[11]);

#endif
