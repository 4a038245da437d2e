/*
 * keys.c: the binding table of the reader, the names of actions and keys,
 * and rebinding by name. Every key the reader answers to is a row of
 * keys_bindings below, under a mode of keys_modes; the dispatcher, the
 * help overlay, `dossier keys` and the README's key list are all made from
 * them.
 *
 * tests/screen/keys-doc.sh reads these tables with sed: keep one mode a
 * line, { "name", "title" }, and one binding a line, in the form
 * { "mode", KEYS_ACTION, "keys", "label" }.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "keys.h"
#include "suggest.h"

/* The modes, in the order of the help; ui_mode.name refers to these. */
static const struct {
	const char	*name;
	const char	*title;
} keys_modes[] = {
	{ "main", "Timeline and detail" },
	{ "actors", "Actor list (a)" },
	{ "profile", "Actor profile (A)" },
	{ "help", "Help (?)" },
	{ "prompt", "Search and date prompts (/ and d)" },
	{ "overview", "Overview (i)" },
	{ "confirm", "Confirmation (x over an existing file)" },
	{ "errors", "Content errors (after an edit)" },
	{ "source", "Source text (s)" },
	{ "note", "Note editor (C)" },
	{ "views", "Saved views (V)" },
};
#define KEYS_NMODES	((int)(sizeof keys_modes / sizeof keys_modes[0]))

static const char *const keys_action_names[KEYS_NACTIONS] = {
	[KEYS_NONE] = "none",
	[KEYS_NEXT] = "next",
	[KEYS_PREVIOUS] = "previous",
	[KEYS_FIRST] = "first",
	[KEYS_LAST] = "last",
	[KEYS_PAGE_DOWN] = "page-down",
	[KEYS_PAGE_UP] = "page-up",
	[KEYS_HALF_DOWN] = "half-down",
	[KEYS_HALF_UP] = "half-up",
	[KEYS_FOCUS] = "focus",
	[KEYS_READ] = "read",
	[KEYS_ACTOR_NEXT] = "actor-next",
	[KEYS_ACTOR_PREVIOUS] = "actor-previous",
	[KEYS_ACTOR_JUMP_NEXT] = "actor-jump-next",
	[KEYS_ACTOR_JUMP_PREVIOUS] = "actor-jump-previous",
	[KEYS_ACTORS] = "actors",
	[KEYS_PROFILE] = "profile",
	[KEYS_SEARCH] = "search",
	[KEYS_SEARCH_NEXT] = "search-next",
	[KEYS_SEARCH_PREVIOUS] = "search-previous",
	[KEYS_ORDER] = "order",
	[KEYS_CLEAR] = "clear",
	[KEYS_DATE] = "date",
	[KEYS_EDIT] = "edit",
	[KEYS_SOURCE] = "source",
	[KEYS_THEME] = "theme",
	[KEYS_HELP] = "help",
	[KEYS_REDRAW] = "redraw",
	[KEYS_MOUSE] = "mouse",
	[KEYS_SUSPEND] = "suspend",
	[KEYS_INTERRUPT] = "interrupt",
	[KEYS_QUIT] = "quit",
	[KEYS_EXPORT] = "export",
	[KEYS_COPY] = "copy",
	[KEYS_COPY_EVENT] = "copy-event",
	[KEYS_OPEN_SOURCE] = "open-source",
	[KEYS_NARROW] = "narrow",
	[KEYS_CHOOSE] = "choose",
	[KEYS_JUMP] = "jump",
	[KEYS_FILTER] = "filter",
	[KEYS_ERASE] = "erase",
	[KEYS_ERASE_ALL] = "erase-all",
	[KEYS_CLOSE] = "close",
	[KEYS_ACCEPT] = "accept",
	[KEYS_CANCEL] = "cancel",
	[KEYS_LEFT] = "left",
	[KEYS_RIGHT] = "right",
	[KEYS_HOME] = "home",
	[KEYS_END] = "end",
	[KEYS_BACKSPACE] = "backspace",
	[KEYS_DELETE] = "delete",
	[KEYS_KILL_START] = "kill-start",
	[KEYS_KILL_END] = "kill-end",
	[KEYS_KILL_WORD] = "kill-word",
	[KEYS_HISTORY_PREVIOUS] = "history-previous",
	[KEYS_HISTORY_NEXT] = "history-next",
	[KEYS_OVERVIEW] = "overview",
	[KEYS_ROWS] = "rows",
	[KEYS_MARK_ACTOR] = "mark-actor",
	[KEYS_MARK] = "mark",
	[KEYS_MARK_NEXT] = "mark-next",
	[KEYS_MARK_PREVIOUS] = "mark-previous",
	[KEYS_MARKED_ONLY] = "marked-only",
	[KEYS_NOTE] = "note",
	[KEYS_NOTE_EXTERNAL] = "note-external",
	[KEYS_VIEW_SAVE] = "view-save",
	[KEYS_VIEWS] = "views",
	[KEYS_SAVE] = "save",
	[KEYS_NEWLINE] = "newline",
	[KEYS_REMOVE] = "remove",
};

static const struct keys_binding keys_bindings[] = {
	/* The timeline and detail panes. */
	{ "main", KEYS_NEXT, "j Down", "next event; in the detail pane, scroll down" },
	{ "main", KEYS_PREVIOUS, "k Up", "previous event; in the detail pane, scroll up" },
	{ "main", KEYS_FIRST, "g Home", "first event (detail pane: its top)" },
	{ "main", KEYS_LAST, "G End", "last event (detail pane: its end)" },
	{ "main", KEYS_PAGE_DOWN, "PgDn Ctrl-f Space", "a page down" },
	{ "main", KEYS_PAGE_UP, "PgUp Ctrl-b", "a page up" },
	{ "main", KEYS_HALF_DOWN, "Ctrl-d", "half a page down" },
	{ "main", KEYS_HALF_UP, "Ctrl-u", "half a page up" },
	{ "main", KEYS_FOCUS, "Tab S-Tab", "move the focus between the timeline and the detail pane" },
	{ "main", KEYS_READ, "Enter", "focus the detail pane to read and scroll it" },
	{ "main", KEYS_ACTOR_NEXT, "l > Right", "next actor of the event becomes the current actor" },
	{ "main", KEYS_ACTOR_PREVIOUS, "h < Left", "previous actor of the event becomes the current actor" },
	{ "main", KEYS_ACTOR_JUMP_NEXT, "]", "next event involving the current actor (wraps round)" },
	{ "main", KEYS_ACTOR_JUMP_PREVIOUS, "[", "previous event involving the current actor (wraps round)" },
	{ "main", KEYS_ACTORS, "a", "list of all actors: type to narrow, Enter filters the timeline" },
	{ "main", KEYS_PROFILE, "A", "profile of the current actor, with their events" },
	{ "main", KEYS_OVERVIEW, "i", "overview of the view: events by day, actors by day" },
	{ "main", KEYS_SEARCH, "/", "search events and excerpts (words, \"a phrase\", prefix*)" },
	{ "main", KEYS_SEARCH_NEXT, "n", "next match of the search (wraps round)" },
	{ "main", KEYS_SEARCH_PREVIOUS, "N", "previous match of the search (wraps round)" },
	{ "main", KEYS_ORDER, "o", "search results in date order or best first" },
	{ "main", KEYS_CLEAR, "Esc c", "clear the search and the filter, keeping the selected event" },
	{ "main", KEYS_DATE, "d", "go to a date: 2025-06-18, or 06-18 or 18 nearest the event" },
	{ "main", KEYS_EDIT, "e", "edit the event (detail pane: the excerpt at its top) in $VISUAL or $EDITOR" },
	{ "main", KEYS_SOURCE, "s", "the text of the excerpt's source, its quoted passages highlighted" },
	{ "main", KEYS_THEME, "t", "next theme" },
	{ "main", KEYS_HELP, "?", "this help" },
	{ "main", KEYS_REDRAW, "Ctrl-l", "redraw the screen" },
	{ "main", KEYS_MOUSE, "Mouse", "click selects a row or an actor; the wheel scrolls the pane under it" },
	{ "main", KEYS_SUSPEND, "Ctrl-z", "suspend (fg resumes)" },
	{ "main", KEYS_INTERRUPT, "Ctrl-c", "quit at once" },
	{ "main", KEYS_EXPORT, "x", "export this view to a file: .md, .html, .csv, .json, .ics or .timeline.json" },
	{ "main", KEYS_COPY, "y", "copy the excerpt with its citation (detail pane: the one at its top)" },
	{ "main", KEYS_COPY_EVENT, "Y", "copy the whole event as Markdown" },
	{ "main", KEYS_OPEN_SOURCE, "O", "open the excerpt's source in the browser ($BROWSER)" },
	{ "main", KEYS_QUIT, "q", "quit" },
	{ "main", KEYS_MARK, "m", "mark the event, or remove its mark (a * in its row)" },
	{ "main", KEYS_MARK_NEXT, "u", "next marked event (wraps round)" },
	{ "main", KEYS_MARK_PREVIOUS, "U", "previous marked event (wraps round)" },
	{ "main", KEYS_MARKED_ONLY, "M", "marked events only, or all events again (with the search and the actor filter)" },
	{ "main", KEYS_NOTE, "C", "write the event's note here: Enter adds a line, Ctrl-S saves" },
	{ "main", KEYS_NOTE_EXTERNAL, "E", "edit the event's note in $VISUAL or $EDITOR" },
	{ "main", KEYS_VIEW_SAVE, "v", "save this view (search, actor, marked only) under a name" },
	{ "main", KEYS_VIEWS, "V", "saved views: Enter shows one, d deletes one" },

	/* The actor list. */
	{ "actors", KEYS_NARROW, "", "type letters to narrow the list by name, id or alias" },
	{ "actors", KEYS_NEXT, "Down Ctrl-n", "next actor" },
	{ "actors", KEYS_PREVIOUS, "Up Ctrl-p", "previous actor" },
	{ "actors", KEYS_PAGE_DOWN, "PgDn", "a page down" },
	{ "actors", KEYS_PAGE_UP, "PgUp", "a page up" },
	{ "actors", KEYS_FIRST, "Home", "first actor" },
	{ "actors", KEYS_LAST, "End", "last actor" },
	{ "actors", KEYS_CHOOSE, "Enter", "filter the timeline to this actor" },
	{ "actors", KEYS_MARK_ACTOR, "Ctrl-t", "mark or unmark this actor: Enter then filters to events with all the marked" },
	{ "actors", KEYS_PROFILE, "Tab", "this actor's profile" },
	{ "actors", KEYS_ERASE, "Backspace", "erase the last letter typed" },
	{ "actors", KEYS_ERASE_ALL, "Ctrl-u", "erase all that was typed" },
	{ "actors", KEYS_MOUSE, "Mouse", "click selects, a second click chooses; the wheel scrolls" },
	{ "actors", KEYS_CLOSE, "Esc q", "close (q only when nothing is typed)" },

	/* An actor's profile. */
	{ "profile", KEYS_NEXT, "j Down", "next event" },
	{ "profile", KEYS_PREVIOUS, "k Up", "previous event" },
	{ "profile", KEYS_PAGE_DOWN, "PgDn Ctrl-f Space", "a page down" },
	{ "profile", KEYS_PAGE_UP, "PgUp Ctrl-b", "a page up" },
	{ "profile", KEYS_FIRST, "g Home", "first event" },
	{ "profile", KEYS_LAST, "G End", "last event" },
	{ "profile", KEYS_JUMP, "Enter", "go to this event in the timeline" },
	{ "profile", KEYS_FILTER, "f", "filter the timeline to this actor" },
	{ "profile", KEYS_MOUSE, "Mouse", "click selects, a second click goes there; the wheel scrolls" },
	{ "profile", KEYS_CLOSE, "Esc q", "close" },

	/* The help. */
	{ "help", KEYS_NEXT, "j Down", "scroll down" },
	{ "help", KEYS_PREVIOUS, "k Up", "scroll up" },
	{ "help", KEYS_PAGE_DOWN, "PgDn Ctrl-f Space", "a page down" },
	{ "help", KEYS_PAGE_UP, "PgUp Ctrl-b", "a page up" },
	{ "help", KEYS_FIRST, "g Home", "top" },
	{ "help", KEYS_LAST, "G End", "end" },
	{ "help", KEYS_MOUSE, "Mouse", "the wheel scrolls" },
	{ "help", KEYS_CLOSE, "Esc q ?", "close the help" },

	/* The prompt of / and d. */
	{ "prompt", KEYS_ACCEPT, "Enter", "run the search or go to the date" },
	{ "prompt", KEYS_CANCEL, "Esc Ctrl-g", "cancel" },
	{ "prompt", KEYS_LEFT, "Left Ctrl-b", "cursor left" },
	{ "prompt", KEYS_RIGHT, "Right Ctrl-f", "cursor right" },
	{ "prompt", KEYS_HOME, "Home Ctrl-a", "start of the line" },
	{ "prompt", KEYS_END, "End Ctrl-e", "end of the line" },
	{ "prompt", KEYS_BACKSPACE, "Backspace", "erase before the cursor (on an empty line: cancel)" },
	{ "prompt", KEYS_DELETE, "Delete Ctrl-d", "erase under the cursor" },
	{ "prompt", KEYS_KILL_START, "Ctrl-u", "erase to the start" },
	{ "prompt", KEYS_KILL_END, "Ctrl-k", "erase to the end" },
	{ "prompt", KEYS_KILL_WORD, "Ctrl-w", "erase the word before the cursor" },
	{ "prompt", KEYS_HISTORY_PREVIOUS, "Up Ctrl-p", "earlier entry of the history" },
	{ "prompt", KEYS_HISTORY_NEXT, "Down Ctrl-n", "later entry of the history" },

	/* The overview. */
	{ "overview", KEYS_LEFT, "h Left", "the column before" },
	{ "overview", KEYS_RIGHT, "l Right", "the column after" },
	{ "overview", KEYS_PREVIOUS, "k Up", "the row above (at the top, the chart)" },
	{ "overview", KEYS_NEXT, "j Down", "the row below" },
	{ "overview", KEYS_FIRST, "g Home", "the first column" },
	{ "overview", KEYS_LAST, "G End", "the last column" },
	{ "overview", KEYS_CHOOSE, "Enter", "a cell: filter the timeline to its row and dates; the chart: go to the column's first event" },
	{ "overview", KEYS_ROWS, "Tab", "rows by actor or by tag" },
	{ "overview", KEYS_CLOSE, "Esc q i", "close" },
	/* A question of yes or no. */
	{ "confirm", KEYS_ACCEPT, "y", "yes" },
	{ "confirm", KEYS_CANCEL, "n Esc Ctrl-g", "no" },
	/* The errors overlay (ui-errors.c) and a source's text (ui-source.c). */
	{ "errors", KEYS_NEXT, "j Down", "next problem" },
	{ "errors", KEYS_PREVIOUS, "k Up", "previous problem" },
	{ "errors", KEYS_PAGE_DOWN, "PgDn Ctrl-f Space", "a page down" },
	{ "errors", KEYS_PAGE_UP, "PgUp Ctrl-b", "a page up" },
	{ "errors", KEYS_FIRST, "g Home", "first problem" },
	{ "errors", KEYS_LAST, "G End", "last problem" },
	{ "errors", KEYS_EDIT, "Enter e", "edit the file at the problem's line" },
	{ "errors", KEYS_MOUSE, "Mouse", "click selects, a second click edits; the wheel scrolls" },
	{ "errors", KEYS_CLOSE, "Esc q", "close (the last good version stays)" },
	{ "source", KEYS_NEXT, "j Down", "scroll down" },
	{ "source", KEYS_PREVIOUS, "k Up", "scroll up" },
	{ "source", KEYS_PAGE_DOWN, "PgDn Ctrl-f Space", "a page down" },
	{ "source", KEYS_PAGE_UP, "PgUp Ctrl-b", "a page up" },
	{ "source", KEYS_FIRST, "g Home", "top" },
	{ "source", KEYS_LAST, "G End", "end" },
	{ "source", KEYS_SEARCH_NEXT, "n", "next quoted passage" },
	{ "source", KEYS_SEARCH_PREVIOUS, "N", "previous quoted passage" },
	{ "source", KEYS_JUMP, "Enter", "go to the event quoting this passage" },
	{ "source", KEYS_MOUSE, "Mouse", "the wheel scrolls" },
	{ "source", KEYS_CLOSE, "Esc q", "close" },
	/* The note editor of C. */
	{ "note", KEYS_SAVE, "Ctrl-s Ctrl-x", "save the note (an empty one is removed)" },
	{ "note", KEYS_CANCEL, "Esc", "cancel: the old note stays" },
	{ "note", KEYS_NEWLINE, "Enter", "a new line" },
	{ "note", KEYS_LEFT, "Left", "cursor left" },
	{ "note", KEYS_RIGHT, "Right", "cursor right" },
	{ "note", KEYS_PREVIOUS, "Up", "line above" },
	{ "note", KEYS_NEXT, "Down", "line below" },
	{ "note", KEYS_HOME, "Home Ctrl-a", "start of the line" },
	{ "note", KEYS_END, "End Ctrl-e", "end of the line" },
	{ "note", KEYS_BACKSPACE, "Backspace", "erase before the cursor" },
	{ "note", KEYS_DELETE, "Delete Ctrl-d", "erase under the cursor" },

	/* The saved views of V. */
	{ "views", KEYS_NEXT, "j Down", "next view" },
	{ "views", KEYS_PREVIOUS, "k Up", "previous view" },
	{ "views", KEYS_FIRST, "g Home", "first view" },
	{ "views", KEYS_LAST, "G End", "last view" },
	{ "views", KEYS_CHOOSE, "Enter", "show this view" },
	{ "views", KEYS_REMOVE, "d", "delete this view (y confirms)" },
	{ "views", KEYS_CLOSE, "Esc q", "close" },
};

#define KEYS_N		(sizeof keys_bindings / sizeof keys_bindings[0])
#define KEYS_MAXCODES	8	/* key codes of one binding */

/*
 * The effective state of each row: its keys now (NULL: the default) and
 * their codes, parsed from the names. Defined here and only here.
 */
static char	*keys_cur[KEYS_N];
static int	 keys_codes[KEYS_N][KEYS_MAXCODES];
static int	 keys_ncodes[KEYS_N];
static int	 keys_rowmode[KEYS_N];
static int	 keys_ready;

/* Named keys; a name may stand for several codes (Enter is ^M, ^J, KEY_ENTER). */
static const struct {
	const char	*name;
	int		 codes[3];
} keys_names[] = {
	{ "Down",	{ KEYS_FN(KEY_DOWN) } },
	{ "Up",		{ KEYS_FN(KEY_UP) } },
	{ "Left",	{ KEYS_FN(KEY_LEFT) } },
	{ "Right",	{ KEYS_FN(KEY_RIGHT) } },
	{ "PgDn",	{ KEYS_FN(KEY_NPAGE) } },
	{ "PgUp",	{ KEYS_FN(KEY_PPAGE) } },
	{ "Home",	{ KEYS_FN(KEY_HOME), KEYS_FN(KEY_FIND) } },
	{ "End",	{ KEYS_FN(KEY_END), KEYS_FN(KEY_SELECT) } },
	{ "Enter",	{ '\r', '\n', KEYS_FN(KEY_ENTER) } },
	{ "Tab",	{ '\t' } },
	{ "S-Tab",	{ KEYS_FN(KEY_BTAB) } },
	{ "Esc",	{ 033 } },
	{ "Space",	{ ' ' } },
	{ "Backspace",	{ KEYS_FN(KEY_BACKSPACE), 0177, '\b' } },
	{ "Delete",	{ KEYS_FN(KEY_DC) } },
	{ "Mouse",	{ KEYS_FN(KEY_MOUSE) } },
};
#define KEYS_NNAMES	(sizeof keys_names / sizeof keys_names[0])

/*
 * Puts the codes of one key name (len bytes at name) in codes (room for
 * 3). Returns how many, or 0 if the name is unknown.
 */
static int
keys_parse_name(const char *name, size_t len, int codes[3])
{
	size_t	j;
	int	k;

	for (j = 0; j < KEYS_NNAMES; j++) {
		if (strlen(keys_names[j].name) != len ||
		    strncmp(keys_names[j].name, name, len) != 0)
			continue;
		for (k = 0; k < 3 && keys_names[j].codes[k] != 0; k++)
			codes[k] = keys_names[j].codes[k];
		return k;
	}
	if (len == 6 && strncmp(name, "Ctrl-", 5) == 0 &&
	    name[5] >= 'a' && name[5] <= 'z')
		codes[0] = name[5] & 0x1f;
	else if (len == 1 && (unsigned char)name[0] > ' ' &&
	    (unsigned char)name[0] < 0x7f)
		codes[0] = (unsigned char)name[0];
	else
		return 0;
	return 1;
}

/* Steps to the next space-separated name of *p; returns 0 at the end. */
static int
keys_token(const char **p, const char **name, size_t *len)
{
	const char	*q;

	while (**p == ' ')
		(*p)++;
	if (**p == '\0')
		return 0;
	for (q = *p; *q != '\0' && *q != ' '; q++)
		;
	*name = *p;
	*len = (size_t)(q - *p);
	*p = q;
	return 1;
}

/* Parses the codes of every row from its keys now. */
static void
keys_parse_all(void)
{
	const char	*p, *name;
	size_t		 i, len;
	int		 codes[3], n, k;

	for (i = 0; i < KEYS_N; i++) {
		keys_ncodes[i] = 0;
		p = keys_keys(i);
		while (keys_token(&p, &name, &len)) {
			if ((n = keys_parse_name(name, len, codes)) == 0)
				fatal("key table: unknown key name '%.*s'",
				    (int)len, name);
			for (k = 0; k < n && keys_ncodes[i] < KEYS_MAXCODES;
			    k++)
				keys_codes[i][keys_ncodes[i]++] = codes[k];
		}
	}
}

void
keys_init(void)
{
	size_t	i;

	if (keys_ready)
		return;
	for (i = 0; i < KEYS_N; i++) {
		if ((keys_rowmode[i] = keys_mode_find(keys_bindings[i].mode)) <
		    0)
			fatal("key table: unknown mode '%s'",
			    keys_bindings[i].mode);
	}
	keys_parse_all();
	keys_ready = 1;
}

void
keys_reset(void)
{
	size_t	i;

	for (i = 0; i < KEYS_N; i++) {
		free(keys_cur[i]);
		keys_cur[i] = NULL;
	}
	if (keys_ready)
		keys_parse_all();
}

int
keys_nmodes(void)
{
	return KEYS_NMODES;
}

const char *
keys_mode_name(int mode)
{
	return mode >= 0 && mode < KEYS_NMODES ? keys_modes[mode].name : "";
}

const char *
keys_mode_title(int mode)
{
	return mode >= 0 && mode < KEYS_NMODES ? keys_modes[mode].title : "";
}

int
keys_mode_find(const char *name)
{
	int	i;

	for (i = 0; i < KEYS_NMODES; i++) {
		if (strcmp(keys_modes[i].name, name) == 0)
			return i;
	}
	return -1;
}

const char *
keys_action_name(enum keys_action a)
{
	return (int)a >= 0 && a < KEYS_NACTIONS ? keys_action_names[a] : "";
}

int
keys_action_find(const char *name)
{
	int	i;

	for (i = 1; i < KEYS_NACTIONS; i++) {
		if (strcmp(keys_action_names[i], name) == 0)
			return i;
	}
	return -1;
}

enum keys_action
keys_lookup(int mode, int key)
{
	size_t	i;
	int	j;

	keys_init();
	for (i = 0; i < KEYS_N; i++) {
		if (keys_rowmode[i] != mode)
			continue;
		for (j = 0; j < keys_ncodes[i]; j++) {
			if (keys_codes[i][j] == key)
				return keys_bindings[i].action;
		}
	}
	return KEYS_NONE;
}

const struct keys_binding *
keys_table(size_t *n)
{
	*n = KEYS_N;
	return keys_bindings;
}

const char *
keys_keys(size_t i)
{
	if (i >= KEYS_N)
		return "";
	return keys_cur[i] != NULL ? keys_cur[i] : keys_bindings[i].keys;
}

const char *
keys_name(int key, char buf[16])
{
	size_t	j, k;

	for (j = 0; j < KEYS_NNAMES; j++) {
		for (k = 0; k < 3; k++) {
			if (keys_names[j].codes[k] == key && key != 0)
				return keys_names[j].name;
		}
	}
	if (!KEYS_IS_FN(key) && key > 0 && key < ' ')
		snprintf(buf, 16, "Ctrl-%c", key | 0x60);
	else if (!KEYS_IS_FN(key) && key > ' ' && key < 0x7f)
		snprintf(buf, 16, "%c", key);
	else
		snprintf(buf, 16, "<%#x>", (unsigned)key);
	return buf;
}

/*
 * Returns what to say about an unknown name among n candidates given by
 * get(i, arg): " (did you mean 'x'?)" when one is near, else "". Caller
 * frees.
 */
static char *
keys_suggest(const char *name, size_t n,
    const char *(*get)(size_t, const void *), const void *arg)
{
	struct suggest	 sg;
	const char	*c;
	char		*out;
	size_t		 i;

	suggest_init(&sg, name, strlen(name));
	for (i = 0; i < n; i++) {
		if ((c = get(i, arg)) != NULL && c[0] != '\0')
			suggest_add(&sg, c);
	}
	c = suggest_result(&sg);
	out = c != NULL ? xasprintf(" (did you mean '%s'?)", c) : xstrdup("");
	suggest_free(&sg);
	return out;
}

static const char *
keys_get_mode(size_t i, const void *arg)
{
	(void)arg;
	return keys_modes[i].name;
}

/* The actions of one mode (arg points to its index). */
static const char *
keys_get_action(size_t i, const void *arg)
{
	if (keys_rowmode[i] != *(const int *)arg ||
	    keys_bindings[i].keys[0] == '\0')
		return NULL;
	return keys_action_names[keys_bindings[i].action];
}

static const char *
keys_get_key(size_t i, const void *arg)
{
	(void)arg;
	return keys_names[i].name;
}

/* Returns whether one of the n codes is a key of the names in keys. */
static int
keys_takes(const char *keys, const int *codes, int n)
{
	const char	*p, *name;
	size_t		 len;
	int		 kc[3], kn, j, k;

	for (p = keys; keys_token(&p, &name, &len);) {
		kn = keys_parse_name(name, len, kc);
		for (j = 0; j < kn; j++) {
			for (k = 0; k < n; k++) {
				if (kc[j] == codes[k])
					return 1;
			}
		}
	}
	return 0;
}

/* Where a binding went wrong, for keys_apply_config's positions. */
enum keys_fault {
	KEYS_OK,
	KEYS_BAD_NAME,		/* the mode or the action */
	KEYS_BAD_KEY
};

/* keys_bind, saying which part was wrong. */
static enum keys_fault
keys_bind_at(const char *mode, const char *action, const char *keys,
    char **err)
{
	struct buf	 b;
	const char	*p, *name;
	char		*s;
	size_t		 i, len;
	int		 m, a, codes[3], n, row = -1, clash;

	keys_init();
	*err = NULL;
	if ((m = keys_mode_find(mode)) < 0) {
		s = keys_suggest(mode, KEYS_NMODES, keys_get_mode, NULL);
		*err = xasprintf("unknown mode '%s'%s", mode, s);
		free(s);
		return KEYS_BAD_NAME;
	}
	a = keys_action_find(action);
	for (i = 0; a > 0 && i < KEYS_N; i++) {
		if (keys_rowmode[i] == m && (int)keys_bindings[i].action == a &&
		    keys_bindings[i].keys[0] != '\0')
			row = (int)i;
	}
	if (row < 0) {
		s = keys_suggest(action, KEYS_N, keys_get_action, &m);
		*err = a < 0 ? xasprintf("unknown action '%s'%s", action, s) :
		    xasprintf("the %s mode has no action '%s'%s", mode,
		    action, s);
		free(s);
		return KEYS_BAD_NAME;
	}
	/* Every name first: a bad one changes nothing. */
	for (p = keys; keys_token(&p, &name, &len);) {
		if (keys_parse_name(name, len, codes) == 0) {
			char	*bad = xstrndup(name, len);

			s = keys_suggest(bad, KEYS_NNAMES, keys_get_key, NULL);
			*err = xasprintf("unknown key '%s'%s", bad, s);
			free(bad);
			free(s);
			return KEYS_BAD_KEY;
		}
	}
	/* Other actions of the mode give up the keys taken. */
	for (i = 0; i < KEYS_N; i++) {
		if ((int)i == row || keys_rowmode[i] != m)
			continue;
		buf_init(&b);
		clash = 0;
		for (p = keys_keys(i); keys_token(&p, &name, &len);) {
			n = keys_parse_name(name, len, codes);
			if (keys_takes(keys, codes, n))
				clash = 1;
			else
				buf_addf(&b, "%s%.*s", b.len > 0 ? " " : "",
				    (int)len, name);
		}
		if (clash) {
			free(keys_cur[i]);
			keys_cur[i] = buf_detach(&b);
		}
		buf_free(&b);
	}
	free(keys_cur[row]);
	keys_cur[row] = xstrdup(keys);
	keys_parse_all();
	return KEYS_OK;
}

int
keys_bind(const char *mode, const char *action, const char *keys, char **err)
{
	return keys_bind_at(mode, action, keys, err) == KEYS_OK ? 0 : -1;
}

int
keys_apply_config(const struct config *c, struct diag_list *dl)
{
	const struct config_binding	*cb;
	const char			*file;
	char				*err;
	int				 i, errors = 0;

	file = c->path != NULL ? c->path : "config.yaml";
	for (i = 0; i < c->nbindings; i++) {
		cb = &c->bindings[i];
		switch (keys_bind_at(cb->mode, cb->action, cb->keys != NULL ?
		    cb->keys : "", &err)) {
		case KEYS_OK:
			continue;
		case KEYS_BAD_NAME:
			/* An unknown mode is reported at its first action. */
			diag_add(dl, DIAG_ERROR, file, cb->line, cb->col, "%s",
			    err);
			break;
		case KEYS_BAD_KEY:
			diag_add(dl, DIAG_ERROR, file, cb->kline, cb->kcol, "%s",
			    err);
			break;
		}
		free(err);
		errors++;
	}
	return errors;
}

void
keys_list(struct buf *b)
{
	size_t	i;

	keys_init();
	for (i = 0; i < KEYS_N; i++) {
		/* Notes for the help are no bindings. */
		if (keys_bindings[i].keys[0] == '\0')
			continue;
		buf_addf(b, "%s\t%s\t%s\n", keys_bindings[i].mode,
		    keys_action_names[keys_bindings[i].action], keys_keys(i));
	}
}

void
keys_markdown(struct buf *b)
{
	const char	*p, *name;
	size_t		 i, len;
	int		 mode, first;

	keys_init();
	for (mode = 0; mode < KEYS_NMODES; mode++) {
		buf_addf(b, "%s### %s\n\n| Keys | Action |\n| --- | --- |\n",
		    mode == 0 ? "" : "\n", keys_modes[mode].title);
		for (i = 0; i < KEYS_N; i++) {
			if (keys_rowmode[i] != mode)
				continue;
			buf_adds(b, "| ");
			if (keys_bindings[i].keys[0] == '\0')
				buf_adds(b, "(letters)");
			first = 1;
			for (p = keys_keys(i); keys_token(&p, &name, &len);) {
				buf_addf(b, "%s`%.*s`", first ? "" : " ",
				    (int)len, name);
				first = 0;
			}
			buf_adds(b, " | ");
			/* A label may hold '|' only escaped in a Markdown table. */
			for (p = keys_bindings[i].label; *p != '\0'; p++) {
				if (*p == '|')
					buf_addc(b, '\\');
				buf_addc(b, *p);
			}
			buf_adds(b, " |\n");
		}
	}
}
