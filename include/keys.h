/*
 * keys.h: the reader's key bindings as one data table. The dispatcher, the
 * help overlay and the README's key list all come from it, so a key that
 * works is a key that is documented.
 */
#ifndef DOSSIER_KEYS_H
#define DOSSIER_KEYS_H

#include "util.h"

struct ui;

/* Where a binding applies: the main screen, an overlay, or the prompt. */
enum keys_mode {
	KEYS_MAIN,		/* the timeline and detail panes */
	KEYS_ACTORS,		/* the actor list overlay */
	KEYS_PROFILE,		/* the actor profile overlay */
	KEYS_HELP,		/* the help overlay */
	KEYS_PROMPT,		/* the line editor of / and d */
	KEYS_NMODES
};

/*
 * A key as the dispatcher sees it: a character (its code point) or a curses
 * function key (KEY_DOWN...) shifted out of the code point range, so that
 * 'Ă' (U+0102) and KEY_DOWN (0402) never meet.
 */
#define KEYS_FN(k)	(0x40000000 | (k))
#define KEYS_IS_FN(k)	(((k) & 0x40000000) != 0)

/*
 * One binding. keys holds key names separated by spaces ("j Down"); the
 * names are those the help overlay and the README show. A binding with
 * empty keys is a note for the help overlay only ("type to narrow").
 */
struct keys_binding {
	enum keys_mode	 mode;
	const char	*action;	/* short name, e.g. "next-event" */
	const char	*keys;
	const char	*label;		/* what it does, for the help */
	void		(*handler)(struct ui *, int key);
};

/* Parses every key name of the table; an unknown name is a bug (fatal). */
void			 keys_init(void);

/* Returns the binding of key in mode, or NULL. */
const struct keys_binding *keys_lookup(enum keys_mode, int key);

/* Returns the whole table and its length; static storage. */
const struct keys_binding *keys_table(size_t *n);

/* Returns the heading of a mode's section ("Actor list"). */
const char		*keys_mode_title(enum keys_mode);

/* Returns the display name of a key ("Down", "Ctrl-f", "j"); static. */
const char		*keys_name(int key, char buf[16]);

/*
 * Appends the README's key list, as Markdown, to b: one table per mode
 * with every binding's keys in backquotes and its label.
 */
void			 keys_markdown(struct buf *b);

#endif
