/*
 * keys.h: the reader's key bindings as data. Keys bind to named actions
 * (next, page-down, search...) per mode (main, actors, help...); the
 * dispatcher, the help overlay, `dossier keys` and the README's key list
 * all come from the one table, so a key that works is a key that is
 * documented. Bindings can be changed by name (keys_bind), as config.yaml
 * does. No curses here: key codes are plain ints (see KEYS_FN).
 */
#ifndef DOSSIER_KEYS_H
#define DOSSIER_KEYS_H

#include <stddef.h>

#include "util.h"

struct config;
struct diag_list;

/*
 * What a key does. The names (keys_action_name) are those of config.yaml
 * and `dossier keys`; an action means the same in every mode that binds it
 * (next is the next row of whichever list is shown).
 */
enum keys_action {
	KEYS_NONE,
	/* Movement, handled for any list by ui-list.c. */
	KEYS_NEXT,
	KEYS_PREVIOUS,
	KEYS_FIRST,
	KEYS_LAST,
	KEYS_PAGE_DOWN,
	KEYS_PAGE_UP,
	KEYS_HALF_DOWN,
	KEYS_HALF_UP,
	/* The main screen. */
	KEYS_FOCUS,
	KEYS_READ,
	KEYS_ACTOR_NEXT,
	KEYS_ACTOR_PREVIOUS,
	KEYS_ACTOR_JUMP_NEXT,
	KEYS_ACTOR_JUMP_PREVIOUS,
	KEYS_ACTORS,
	KEYS_PROFILE,
	KEYS_SEARCH,
	KEYS_SEARCH_NEXT,
	KEYS_SEARCH_PREVIOUS,
	KEYS_ORDER,
	KEYS_CLEAR,
	KEYS_DATE,
	KEYS_EDIT,		/* the curator's loop (ui-edit.c) */
	KEYS_SOURCE,
	KEYS_THEME,
	KEYS_HELP,
	KEYS_REDRAW,
	KEYS_MOUSE,
	KEYS_SUSPEND,
	KEYS_INTERRUPT,
	KEYS_QUIT,
	KEYS_EXPORT,
	KEYS_COPY,
	KEYS_COPY_EVENT,
	KEYS_OPEN_SOURCE,
	/* Overlays. */
	KEYS_NARROW,		/* a note for the help: typed letters narrow */
	KEYS_CHOOSE,
	KEYS_JUMP,
	KEYS_FILTER,
	KEYS_ERASE,
	KEYS_ERASE_ALL,
	KEYS_CLOSE,
	/* The line editor of the prompts. */
	KEYS_ACCEPT,
	KEYS_CANCEL,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_HOME,
	KEYS_END,
	KEYS_BACKSPACE,
	KEYS_DELETE,
	KEYS_KILL_START,
	KEYS_KILL_END,
	KEYS_KILL_WORD,
	KEYS_HISTORY_PREVIOUS,
	KEYS_HISTORY_NEXT,
	/* The overview (i), and marking actors in the actor list. */
	KEYS_OVERVIEW,
	KEYS_ROWS,
	KEYS_MARK_ACTOR,
	/* Marks, notes and saved views (ui-notes.c, ui-note.c, ui-views.c). */
	KEYS_MARK,
	KEYS_MARK_NEXT,
	KEYS_MARK_PREVIOUS,
	KEYS_MARKED_ONLY,
	KEYS_NOTE,
	KEYS_NOTE_EXTERNAL,
	KEYS_VIEW_SAVE,
	KEYS_VIEWS,
	KEYS_SAVE,
	KEYS_NEWLINE,
	KEYS_REMOVE,
	KEYS_NACTIONS
};

/*
 * A key as the dispatcher sees it: a character (its code point) or a curses
 * function key (KEY_DOWN...) shifted out of the code point range, so that
 * 'Ă' (U+0102) and KEY_DOWN (0402) never meet.
 */
#define KEYS_FN(k)	(0x40000000 | (k))
#define KEYS_IS_FN(k)	(((k) & 0x40000000) != 0)

/*
 * One binding row: in mode (a mode's name, "main"), keys (key names
 * separated by spaces, "j Down") do action; label says so in the help.
 * A row with empty default keys is a note for the help only.
 */
struct keys_binding {
	const char		*mode;
	enum keys_action	 action;
	const char		*keys;		/* the default keys */
	const char		*label;
};

/* Parses every key name of the table; an unknown name is a bug (fatal). */
void		 keys_init(void);

/* Drops every rebinding: the defaults again. */
void		 keys_reset(void);

/* The modes of the table, in the order the help shows them. */
int		 keys_nmodes(void);
const char	*keys_mode_name(int mode);
/* The heading of a mode's section ("Actor list (a)"). */
const char	*keys_mode_title(int mode);
/* Returns the index of the mode called name, or -1. */
int		 keys_mode_find(const char *name);

/* An action's name ("page-down"), and back (-1 if unknown). */
const char	*keys_action_name(enum keys_action);
int		 keys_action_find(const char *name);

/* Returns the action key does in mode (an index), or KEYS_NONE. */
enum keys_action keys_lookup(int mode, int key);

/*
 * The binding rows, and the keys row i has now (the default unless
 * rebound; may be ""). Static storage, valid until the next keys_bind.
 */
const struct keys_binding *keys_table(size_t *n);
const char	*keys_keys(size_t i);

/* Returns the display name of a key ("Down", "Ctrl-f", "j"). */
const char	*keys_name(int key, char buf[16]);

/*
 * Binds keys (names separated by spaces; "" unbinds) to action in mode,
 * all given by name. A key taken from another action of the same mode
 * leaves it, so that a key does one thing per mode. Returns 0, or -1 with
 * the reason in *err (caller frees), e.g. "unknown action 'nxt' (did you
 * mean 'next'?)", and nothing changed.
 */
int		 keys_bind(const char *mode, const char *action,
		    const char *keys, char **err);

/*
 * Applies the key bindings of a configuration (config->bindings, in
 * order). Each unknown mode, action or key name is an error at its
 * FILE:LINE:COL in dl, and that binding is skipped. Returns the number of
 * errors added.
 */
int		 keys_apply_config(const struct config *, struct diag_list *dl);

/*
 * Appends the effective bindings to b, one a line: mode, action and keys
 * separated by tabs (what `dossier keys` prints).
 */
void		 keys_list(struct buf *b);

/*
 * Appends the README's key list, as Markdown, to b: one table per mode
 * with every binding's keys in backquotes and its label
 * (`dossier keys --markdown`).
 */
void		 keys_markdown(struct buf *b);

#endif
