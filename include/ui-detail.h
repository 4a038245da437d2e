/*
 * ui-detail.h: the detail pane, everything about the selected event: title,
 * date, actors (the current actor highlighted), tags, summary and excerpts,
 * wrapped to the pane's width. It also owns the choice of current actor.
 */
#ifndef DOSSIER_UI_DETAIL_H
#define DOSSIER_UI_DETAIL_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "theme.h"

struct ui;
struct ui_text;

/* A piece of one line: a byte range of a prepared text in one style. */
struct ui_detail_seg {
	int			 x;
	int			 width;
	enum theme_elem		 elem;
	const struct ui_text	*text;
	size_t			 off;
	size_t			 len;
	int			 mark;		/* marker state at off */
	int			 actor;		/* actor index + 1 when clickable */
	int			 link;		/* excerpt index + 1: its URL */
};

struct ui_detail_line {
	size_t	seg;		/* first segment */
	size_t	nseg;
	int	excerpt;	/* the excerpt it shows, index + 1, or 0 */
};

struct ui_detail {
	struct store_detail	*d;		/* loaded event, or NULL */
	int64_t			 seq;		/* its timeline number */
	char			*query;		/* highlight it was loaded with */

	/* Lines built for width, the current actor and d; dirty forces it. */
	int			 width;
	int			 dirty;
	unsigned		 actor_gen;	/* ui->actor_gen built for */
	unsigned		 reload;	/* ui->reload read for */
	int			 marked;	/* the user's mark and note, */
	char			*unote;		/* as the lines show them */
	struct ui_text		**texts;
	size_t			 ntexts;
	struct ui_detail_seg	*segs;
	size_t			 nsegs;
	size_t			 capsegs;
	struct ui_detail_line	*lines;
	size_t			 nlines;
	size_t			 caplines;

	int			 excerpt;	/* being laid out, index + 1 */

	int			 scroll;	/* first line shown */
	int			 height;	/* lines of the pane */
	int			*ex_line;	/* first line of each excerpt */
	/*
	 * After a search loads an event: bring its first match (1) or its
	 * last (-1) into view once the lines are built; 0 once done. back
	 * asks for the last: the event was reached going backwards (N).
	 */
	int			 seek;
	int			 back;
};

/* The pane belongs to the main screen (ui-main.c), which passes it. */
void	ui_detail_init(struct ui_detail *);
void	ui_detail_free(struct ui_detail *);

/*
 * Loads the selected event (ui->seq) if it changed, or if ui->reload did
 * (a new search), and settles the current actor: kept when the new event
 * involves them, else the event's first actor. Cheap when nothing changed.
 * Handlers that use the current actor call it.
 */
void	ui_detail_sync(struct ui *, struct ui_detail *);
void	ui_detail_resize(struct ui_detail *, int height, int width);
void	ui_detail_draw(struct ui *, struct ui_detail *);

/* Scrolls by delta lines; clamps. */
void	ui_detail_scroll(struct ui *, struct ui_detail *, int delta);
/* Scrolls to a line; -1: the end. */
void	ui_detail_scroll_to(struct ui *, struct ui_detail *, int line);
/* Chooses the next (dir > 0) or previous actor of the event. */
void	ui_detail_cycle_actor(struct ui *, struct ui_detail *, int dir);
/*
 * The excerpt the pane is focused on: the one holding its top line, else
 * the first that starts on screen; -1 if none shows (or none exists).
 */
int	ui_detail_excerpt(struct ui *, struct ui_detail *);
/*
 * Scrolls to the next (dir > 0) or previous match of the search in the
 * event that lies outside the lines shown. Returns 1 if there was one, 0
 * if the event has no further match that way (the caller moves on).
 */
int	ui_detail_match_step(struct ui *, struct ui_detail *, int dir);
/* Handles a click at y, x of the pane: an actor becomes current. */
void	ui_detail_click(struct ui *, struct ui_detail *, int y, int x);

#endif
