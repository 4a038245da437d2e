/*
 * ui-core.h: the reader's shared state and the services of its main loop
 * (src/ui.c) that the panes and overlays call: redraw requests, status-line
 * messages, overlays, and changing what the timeline shows. ui.h is the
 * outside's view of the reader; this header is the inside's.
 */
#ifndef DOSSIER_UI_CORE_H
#define DOSSIER_UI_CORE_H

#include <curses.h>
#include <stdint.h>

#include "keys.h"
#include "store.h"
#include "theme.h"
#include "ui-actors.h"
#include "ui-detail.h"
#include "ui-help.h"
#include "ui-prompt.h"
#include "ui-timeline.h"
#include "ui.h"

/* Redraw flags: handlers set them, the main loop draws once per batch. */
#define UI_REDRAW_TOP		0x01
#define UI_REDRAW_TIMELINE	0x02
#define UI_REDRAW_DETAIL	0x04
#define UI_REDRAW_STATUS	0x08
#define UI_REDRAW_OVERLAY	0x10
#define UI_REDRAW_LAYOUT	0x20	/* windows are made again */
#define UI_REDRAW_CLEAR		0x40	/* repaint the whole terminal */
#define UI_REDRAW_PANES		(UI_REDRAW_TIMELINE | UI_REDRAW_DETAIL | \
				 UI_REDRAW_STATUS | UI_REDRAW_TOP)
#define UI_REDRAW_ALL		0x7f

/* Smallest usable terminal. */
#define UI_MIN_COLS		40
#define UI_MIN_LINES		12
/* From this width the panes sit side by side. */
#define UI_WIDE_COLS		100

enum ui_focus {
	UI_FOCUS_TIMELINE,
	UI_FOCUS_DETAIL
};

/* Mouse events as the panes see them. */
enum ui_mouse {
	UI_MOUSE_CLICK,
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN
};

/* What an overlay does; one static table per kind, as tmux's modes. */
struct ui_overlay {
	const char	*name;
	enum keys_mode	 mode;
	void		(*draw)(struct ui *, WINDOW *);
	/* y, x relative to the overlay window. */
	void		(*mouse)(struct ui *, WINDOW *, int y, int x,
			    enum ui_mouse);
	/* Typed characters that no binding takes, or NULL to ignore them. */
	void		(*insert)(struct ui *, int ch);
	void		(*close)(struct ui *);
};

extern const struct ui_overlay ui_actors_overlay;
extern const struct ui_overlay ui_profile_overlay;
extern const struct ui_overlay ui_help_overlay;

#define UI_MAX_OVERLAYS	4

/* Counts the reader says once a view being walked knows them. */
enum ui_announce {
	UI_ANNOUNCE_NONE,
	UI_ANNOUNCE_SEARCH,	/* "N matching events" */
	UI_ANNOUNCE_ACTOR	/* "N events with NAME" */
};

struct ui {
	struct store		*store;		/* not owned */
	const struct ui_options	*opts;		/* not owned */
	int			 running;
	int			 status;	/* exit status of ui_run */
	unsigned		 redraw;	/* UI_REDRAW_* */

	/* The screen and its windows (NULL while too small). */
	int			 cols;
	int			 lines;
	int			 too_small;
	int			 stacked;	/* timeline above the detail */
	WINDOW			*top_win;
	WINDOW			*tl_win;
	WINDOW			*sep_win;
	WINDOW			*dt_win;
	WINDOW			*status_win;
	WINDOW			*ov_win;
	enum ui_focus		 focus;

	/* Theme and its curses mapping. */
	struct theme		*theme;
	int			 color;		/* colours in use */
	attr_t			 attr[THEME_NELEMS];
	char			**theme_paths;	/* themes_dir's files */
	size_t			 ntheme_paths;
	int			 theme_index;	/* into theme_paths, or -1 */

	/* What the timeline shows. */
	char			 first[11];	/* corpus date range */
	char			 last[11];
	int64_t			 total;		/* events in the corpus */
	struct store_view	*view;
	char			*filter_actor;	/* actor id, or NULL */
	char			*filter_name;	/* their name */
	char			*query;		/* search as typed, or NULL */
	enum store_order	 order;

	/* The current actor (see ui_detail_sync). */
	char			*actor;		/* id, or NULL */
	char			*actor_name;	/* short name */

	/* Panes, prompt and overlays. */
	struct ui_timeline	 tl;
	struct ui_detail	 dt;
	struct ui_prompt	 prompt;
	struct ui_prompt_history search_history;
	struct ui_prompt_history date_history;
	struct ui_actors	 actors;
	struct ui_profile	 profile;
	struct ui_help		 help;
	const struct ui_overlay	*ov[UI_MAX_OVERLAYS];
	int			 nov;

	/* Status-line message. */
	char			*msg;
	int			 msg_error;
	/* What to say when the view's walk ends (ui_walk). */
	enum ui_announce	 announce;
};

void	ui_redraw(struct ui *, unsigned);

/* Shows a message or an error in the status line until the next key. */
void	ui_message(struct ui *, const char *, ...) UTIL_PRINTF(2, 3);
void	ui_error(struct ui *, const char *, ...) UTIL_PRINTF(2, 3);

/* Opens an overlay on top of the others, or closes the topmost. */
void	ui_overlay_push(struct ui *, const struct ui_overlay *);
void	ui_overlay_pop(struct ui *);
void	ui_overlay_close_all(struct ui *);

/* Sets the current actor (id and short name copied; NULL for none). */
void	ui_set_actor(struct ui *, const char *id, const char *short_name);

/*
 * Filters the timeline to an actor (NULL: no actor filter), keeping the
 * search, and selects the event nearest the selected one. Returns 0, or -1
 * with a message shown and nothing changed.
 */
int	ui_filter_actor(struct ui *, const char *id, const char *name);

/*
 * Selects the event with timeline number seq, dropping the filter and the
 * search if the current view does not hold it.
 */
void	ui_goto_seq(struct ui *, int64_t seq);

/* KEYS_MAIN handlers (src/ui.c). */
void	ui_key_down(struct ui *, int);
void	ui_key_up(struct ui *, int);
void	ui_key_first(struct ui *, int);
void	ui_key_last(struct ui *, int);
void	ui_key_page_down(struct ui *, int);
void	ui_key_page_up(struct ui *, int);
void	ui_key_half_down(struct ui *, int);
void	ui_key_half_up(struct ui *, int);
void	ui_key_focus(struct ui *, int);
void	ui_key_enter(struct ui *, int);
void	ui_key_actor_next(struct ui *, int);
void	ui_key_actor_prev(struct ui *, int);
void	ui_key_actor_jump_next(struct ui *, int);
void	ui_key_actor_jump_prev(struct ui *, int);
void	ui_key_search(struct ui *, int);
void	ui_key_search_next(struct ui *, int);
void	ui_key_search_prev(struct ui *, int);
void	ui_key_order(struct ui *, int);
void	ui_key_clear(struct ui *, int);
void	ui_key_date(struct ui *, int);
void	ui_key_theme(struct ui *, int);
void	ui_key_redraw(struct ui *, int);
void	ui_key_quit(struct ui *, int);
void	ui_key_interrupt(struct ui *, int);
void	ui_key_suspend(struct ui *, int);
void	ui_key_mouse(struct ui *, int);

#endif
