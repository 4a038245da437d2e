/*
 * ui-core.h: the reader's shared state and the services every mode may
 * call (src/ui-core.c): redraw requests, status-line messages, the stack
 * of modes and the key dispatch through it, and the current actor. ui.h is
 * the outside's view of the reader; this header is the inside's.
 *
 * A mode (the main screen, a prompt, an overlay) is a const struct ui_mode
 * in its own file, with its state behind a void * that the stack holds,
 * as tmux's window modes; struct ui keeps only what every mode shares.
 */
#ifndef DOSSIER_UI_CORE_H
#define DOSSIER_UI_CORE_H

#include <curses.h>
#include <stdint.h>

#include "keys.h"
#include "store.h"
#include "theme.h"
#include "ui-list.h"
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

/* Mouse events as the modes see them. */
enum ui_mouse {
	UI_MOUSE_CLICK,
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN
};

struct ui;
struct notes;

/*
 * What a mode does; one const table per mode. Every function but draw may
 * be NULL. data is what init returned.
 */
struct ui_mode {
	const char	*name;		/* its section of the key table */
	/* An action that opens it from any mode below (KEYS_NONE: none). */
	enum keys_action open;
	int		 status_line;	/* drawn on the status line */
	/* Returns the mode's state (arg as given to ui_mode_push), or NULL
	 * to stay closed, having said why with ui_message. */
	void		*(*init)(struct ui *, const void *arg);
	void		 (*free)(struct ui *, void *data);
	void		 (*resize)(struct ui *, void *data);
	/* flags: the UI_REDRAW_* being drawn. */
	void		 (*draw)(struct ui *, void *data, unsigned flags);
	/* Returns 1 if it handled the action, 0 to let the list have it. */
	int		 (*key)(struct ui *, void *data, enum keys_action,
			    int key);
	/* The list that takes the movement actions key leaves, or NULL. */
	struct ui_list	*(*list)(struct ui *, void *data);
	/* y, x in the overlay window (the screen for the main mode). */
	void		 (*mouse)(struct ui *, void *data, int y, int x,
			    enum ui_mouse);
	/* A typed character that no binding takes. */
	void		 (*insert)(struct ui *, void *data, int ch);
};

/* The modes (ui-modes.h): ui_main_mode, ui_help_mode... */
#define UI_MODE(n)	extern const struct ui_mode ui_##n##_mode;
#include "ui-modes.h"
#undef UI_MODE

struct ui_mode_entry {
	const struct ui_mode	*mode;
	int			 keys;		/* its mode in the key table */
	void			*data;
};

#define UI_MAX_MODES	8

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

	/* Theme and its curses mapping (ui-theme.c). */
	struct theme		*theme;
	int			 color;		/* colours in use */
	attr_t			 attr[THEME_NELEMS];
	char			**theme_paths;	/* themes_dir's files */
	size_t			 ntheme_paths;
	int			 theme_index;	/* into theme_paths, or -1 */

	/* What the timeline shows (ui-view.c). */
	char			 first[11];	/* corpus date range */
	char			 last[11];
	int64_t			 total;		/* events in the corpus */
	struct store_view	*view;
	char			*filter_actor;	/* actor id, or NULL */
	char			*filter_name;	/* their name */
	char			*query;		/* search as typed, or NULL */
	/* Several actors (all of them), a tag, dates: NULL/0 for none. */
	char			**filter_actors;
	int			 filter_nactors;
	char			*filter_tag;
	char			*filter_from;	/* YYYY-MM-DD, inclusive */
	char			*filter_to;
	enum store_order	 order;
	enum ui_announce	 announce;	/* to say when the walk ends */
	int			 marked_only;	/* M: the user's marked events */
	struct notes		*notes;		/* opened at the first change
						 * (ui-notes.c), or NULL */

	/*
	 * The selection: the timeline's position in the view, and the
	 * selected event's number (0: none), which the other panes read.
	 */
	struct ui_timeline	 tl;
	int64_t			 seq;
	/* Bumped when the selected event must be read again (a search). */
	unsigned		 reload;

	/* The current actor (see ui_detail_sync) and its generation. */
	char			*actor;		/* id, or NULL */
	char			*actor_name;	/* short name */
	unsigned		 actor_gen;

	/* The modes, the main screen at the bottom. */
	struct ui_mode_entry	 modes[UI_MAX_MODES];
	int			 nmodes;

	/* Status-line message. */
	char			*msg;
	int			 msg_error;

	/*
	 * URLs as OSC 8 hyperlinks: the detail pane puts the sequences that
	 * make its URLs links in after, which the loop sends once doupdate
	 * has drawn them (curses cannot draw them itself).
	 */
	int			 hyperlinks;
	struct buf		 after;
	/* The watch on the content and what it waits to do (ui-live.c). */
	struct ui_live		*live;

	/* Work to do once the screen shows what led to it (ui_later). */
	void			(*later)(struct ui *, const char *);
	char			*later_arg;
};

void	ui_redraw(struct ui *, unsigned);

/* Shows a message or an error in the status line until the next key. */
void	ui_message(struct ui *, const char *, ...) UTIL_PRINTF(2, 3);
void	ui_error(struct ui *, const char *, ...) UTIL_PRINTF(2, 3);

/*
 * Opens mode on top of the others, giving arg to its init. Returns 0, or
 * -1 if the mode chose not to open.
 */
int	ui_mode_push(struct ui *, const struct ui_mode *, const void *arg);
/* Closes the topmost mode (never the main screen). */
void	ui_mode_pop(struct ui *);
/* Closes every mode above the main screen. */
void	ui_mode_close_all(struct ui *);
/* Closes every mode, the main screen too (at the end). */
void	ui_mode_free_all(struct ui *);
/* The topmost mode. */
struct ui_mode_entry *ui_mode_top(struct ui *);
/* Whether the topmost mode draws on the status line (a prompt). */
int	ui_mode_status_taken(struct ui *);

/*
 * Hands one key to the topmost mode: its binding's action to its key
 * function, then to its list, then to a mode that the action opens; a
 * character that no binding takes goes to its insert.
 */
void	ui_mode_key(struct ui *, int key);

/* Sets the current actor (id and short name copied; NULL for none). */
void	ui_set_actor(struct ui *, const char *id, const char *short_name);

/*
 * Asks the main loop to draw the screen and then call fn(ui, arg) (arg is
 * copied): for slow work whose message must show first ("searching...").
 */
void	ui_later(struct ui *, void (*fn)(struct ui *, const char *),
	    const char *arg);
/* Runs what ui_later asked for, if anything; returns whether it did. */
int	ui_run_later(struct ui *);

#endif
