/*
 * keys.c: the binding table of the reader and the names of keys. Every key
 * the reader answers to is a line of keys_table below; the dispatcher, the
 * help overlay and the README's key list are all made from it.
 *
 * tests/screen/keys-doc.sh reads this table with sed: keep one binding a
 * line, in the form { MODE, "action", "keys", "label", handler }.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "ui-core.h"

static const struct keys_binding keys_bindings[] = {
	/* The timeline and detail panes. */
	{ KEYS_MAIN, "next", "j Down", "next event; in the detail pane, scroll down", ui_key_down },
	{ KEYS_MAIN, "previous", "k Up", "previous event; in the detail pane, scroll up", ui_key_up },
	{ KEYS_MAIN, "first", "g Home", "first event (detail pane: its top)", ui_key_first },
	{ KEYS_MAIN, "last", "G End", "last event (detail pane: its end)", ui_key_last },
	{ KEYS_MAIN, "page-down", "PgDn Ctrl-f Space", "a page down", ui_key_page_down },
	{ KEYS_MAIN, "page-up", "PgUp Ctrl-b", "a page up", ui_key_page_up },
	{ KEYS_MAIN, "half-down", "Ctrl-d", "half a page down", ui_key_half_down },
	{ KEYS_MAIN, "half-up", "Ctrl-u", "half a page up", ui_key_half_up },
	{ KEYS_MAIN, "focus", "Tab S-Tab", "move the focus between the timeline and the detail pane", ui_key_focus },
	{ KEYS_MAIN, "read", "Enter", "focus the detail pane to read and scroll it", ui_key_enter },
	{ KEYS_MAIN, "actor-next", "l > Right", "next actor of the event becomes the current actor", ui_key_actor_next },
	{ KEYS_MAIN, "actor-previous", "h < Left", "previous actor of the event becomes the current actor", ui_key_actor_prev },
	{ KEYS_MAIN, "actor-jump-next", "]", "next event involving the current actor (wraps round)", ui_key_actor_jump_next },
	{ KEYS_MAIN, "actor-jump-previous", "[", "previous event involving the current actor (wraps round)", ui_key_actor_jump_prev },
	{ KEYS_MAIN, "actors", "a", "list of all actors: type to narrow, Enter filters the timeline", ui_actors_key_open },
	{ KEYS_MAIN, "profile", "A", "profile of the current actor, with their events", ui_actors_key_profile },
	{ KEYS_MAIN, "search", "/", "search events and excerpts (words, \"a phrase\", prefix*)", ui_key_search },
	{ KEYS_MAIN, "search-next", "n", "next match of the search (wraps round)", ui_key_search_next },
	{ KEYS_MAIN, "search-previous", "N", "previous match of the search (wraps round)", ui_key_search_prev },
	{ KEYS_MAIN, "order", "o", "search results in date order or best first", ui_key_order },
	{ KEYS_MAIN, "clear", "Esc c", "clear the search and the filter, keeping the selected event", ui_key_clear },
	{ KEYS_MAIN, "date", "d", "go to a date: 2025-06-18, 06-18, or 18 in the month shown", ui_key_date },
	{ KEYS_MAIN, "theme", "t", "next theme", ui_key_theme },
	{ KEYS_MAIN, "help", "?", "this help", ui_help_key_open },
	{ KEYS_MAIN, "redraw", "Ctrl-l", "redraw the screen", ui_key_redraw },
	{ KEYS_MAIN, "mouse", "Mouse", "click selects a row or an actor; the wheel scrolls the pane under it", ui_key_mouse },
	{ KEYS_MAIN, "suspend", "Ctrl-z", "suspend (fg resumes)", ui_key_suspend },
	{ KEYS_MAIN, "interrupt", "Ctrl-c", "quit at once", ui_key_interrupt },
	{ KEYS_MAIN, "quit", "q", "quit", ui_key_quit },

	/* The actor list. */
	{ KEYS_ACTORS, "narrow", "", "type letters to narrow the list by name, id or alias", NULL },
	{ KEYS_ACTORS, "down", "Down Ctrl-n", "next actor", ui_actors_key_down },
	{ KEYS_ACTORS, "up", "Up Ctrl-p", "previous actor", ui_actors_key_up },
	{ KEYS_ACTORS, "page-down", "PgDn", "a page down", ui_actors_key_page_down },
	{ KEYS_ACTORS, "page-up", "PgUp", "a page up", ui_actors_key_page_up },
	{ KEYS_ACTORS, "first", "Home", "first actor", ui_actors_key_first },
	{ KEYS_ACTORS, "last", "End", "last actor", ui_actors_key_last },
	{ KEYS_ACTORS, "choose", "Enter", "filter the timeline to this actor", ui_actors_key_choose },
	{ KEYS_ACTORS, "profile", "Tab", "this actor's profile", ui_actors_key_show },
	{ KEYS_ACTORS, "erase", "Backspace", "erase the last letter typed", ui_actors_key_erase },
	{ KEYS_ACTORS, "erase-all", "Ctrl-u", "erase all that was typed", ui_actors_key_clear },
	{ KEYS_ACTORS, "mouse", "Mouse", "click selects, a second click chooses; the wheel scrolls", ui_key_mouse },
	{ KEYS_ACTORS, "close", "Esc q", "close (q only when nothing is typed)", ui_actors_key_close },

	/* An actor's profile. */
	{ KEYS_PROFILE, "down", "j Down", "next event", ui_profile_key_down },
	{ KEYS_PROFILE, "up", "k Up", "previous event", ui_profile_key_up },
	{ KEYS_PROFILE, "page-down", "PgDn Ctrl-f Space", "a page down", ui_profile_key_page_down },
	{ KEYS_PROFILE, "page-up", "PgUp Ctrl-b", "a page up", ui_profile_key_page_up },
	{ KEYS_PROFILE, "first", "g Home", "first event", ui_profile_key_first },
	{ KEYS_PROFILE, "last", "G End", "last event", ui_profile_key_last },
	{ KEYS_PROFILE, "jump", "Enter", "go to this event in the timeline", ui_profile_key_jump },
	{ KEYS_PROFILE, "filter", "f", "filter the timeline to this actor", ui_profile_key_filter },
	{ KEYS_PROFILE, "mouse", "Mouse", "click selects, a second click goes there; the wheel scrolls", ui_key_mouse },
	{ KEYS_PROFILE, "close", "Esc q", "close", ui_profile_key_close },

	/* The help. */
	{ KEYS_HELP, "down", "j Down", "scroll down", ui_help_key_down },
	{ KEYS_HELP, "up", "k Up", "scroll up", ui_help_key_up },
	{ KEYS_HELP, "page-down", "PgDn Ctrl-f Space", "a page down", ui_help_key_page_down },
	{ KEYS_HELP, "page-up", "PgUp Ctrl-b", "a page up", ui_help_key_page_up },
	{ KEYS_HELP, "first", "g Home", "top", ui_help_key_first },
	{ KEYS_HELP, "last", "G End", "end", ui_help_key_last },
	{ KEYS_HELP, "mouse", "Mouse", "the wheel scrolls", ui_key_mouse },
	{ KEYS_HELP, "close", "Esc q ?", "close the help", ui_help_key_close },

	/* The prompt of / and d. */
	{ KEYS_PROMPT, "accept", "Enter", "run the search or go to the date", ui_prompt_key_accept },
	{ KEYS_PROMPT, "cancel", "Esc Ctrl-g", "cancel", ui_prompt_key_cancel },
	{ KEYS_PROMPT, "left", "Left Ctrl-b", "cursor left", ui_prompt_key_left },
	{ KEYS_PROMPT, "right", "Right Ctrl-f", "cursor right", ui_prompt_key_right },
	{ KEYS_PROMPT, "home", "Home Ctrl-a", "start of the line", ui_prompt_key_home },
	{ KEYS_PROMPT, "end", "End Ctrl-e", "end of the line", ui_prompt_key_end },
	{ KEYS_PROMPT, "backspace", "Backspace", "erase before the cursor (on an empty line: cancel)", ui_prompt_key_backspace },
	{ KEYS_PROMPT, "delete", "Delete Ctrl-d", "erase under the cursor", ui_prompt_key_delete },
	{ KEYS_PROMPT, "kill-start", "Ctrl-u", "erase to the start", ui_prompt_key_kill_start },
	{ KEYS_PROMPT, "kill-end", "Ctrl-k", "erase to the end", ui_prompt_key_kill_end },
	{ KEYS_PROMPT, "kill-word", "Ctrl-w", "erase the word before the cursor", ui_prompt_key_kill_word },
	{ KEYS_PROMPT, "history-previous", "Up Ctrl-p", "earlier entry of the history", ui_prompt_key_history_prev },
	{ KEYS_PROMPT, "history-next", "Down Ctrl-n", "later entry of the history", ui_prompt_key_history_next },
};

#define KEYS_N		(sizeof keys_bindings / sizeof keys_bindings[0])
#define KEYS_MAXCODES	8	/* key codes of one binding */

/* The codes of each binding, parsed once from its names. */
static int	keys_codes[KEYS_N][KEYS_MAXCODES];
static int	keys_ncodes[KEYS_N];
static int	keys_ready;

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

/* Adds the codes of one key name to binding i; returns -1 if unknown. */
static int
keys_parse(size_t i, const char *name, size_t len)
{
	size_t	j, k;
	int	c;

	for (j = 0; j < KEYS_NNAMES; j++) {
		if (strlen(keys_names[j].name) != len ||
		    strncmp(keys_names[j].name, name, len) != 0)
			continue;
		for (k = 0; k < 3 && keys_names[j].codes[k] != 0; k++) {
			if (keys_ncodes[i] < KEYS_MAXCODES)
				keys_codes[i][keys_ncodes[i]++] =
				    keys_names[j].codes[k];
		}
		return 0;
	}
	if (len == 6 && strncmp(name, "Ctrl-", 5) == 0)
		c = name[5] & 0x1f;
	else if (len == 1 && (unsigned char)name[0] > ' ' &&
	    (unsigned char)name[0] < 0x7f)
		c = (unsigned char)name[0];
	else
		return -1;
	if (keys_ncodes[i] < KEYS_MAXCODES)
		keys_codes[i][keys_ncodes[i]++] = c;
	return 0;
}

void
keys_init(void)
{
	const char	*p, *q;
	size_t		 i;

	if (keys_ready)
		return;
	for (i = 0; i < KEYS_N; i++) {
		for (p = keys_bindings[i].keys; *p != '\0'; p = q) {
			while (*p == ' ')
				p++;
			for (q = p; *q != '\0' && *q != ' '; q++)
				;
			if (q > p && keys_parse(i, p, (size_t)(q - p)) != 0)
				fatal("key table: unknown key name '%.*s'",
				    (int)(q - p), p);
		}
	}
	keys_ready = 1;
}

const struct keys_binding *
keys_lookup(enum keys_mode mode, int key)
{
	size_t	i;
	int	j;

	keys_init();
	for (i = 0; i < KEYS_N; i++) {
		if (keys_bindings[i].mode != mode)
			continue;
		for (j = 0; j < keys_ncodes[i]; j++) {
			if (keys_codes[i][j] == key)
				return &keys_bindings[i];
		}
	}
	return NULL;
}

const struct keys_binding *
keys_table(size_t *n)
{
	*n = KEYS_N;
	return keys_bindings;
}

const char *
keys_mode_title(enum keys_mode mode)
{
	switch (mode) {
	case KEYS_MAIN:
		return "Timeline and detail";
	case KEYS_ACTORS:
		return "Actor list (a)";
	case KEYS_PROFILE:
		return "Actor profile (A)";
	case KEYS_HELP:
		return "Help (?)";
	case KEYS_PROMPT:
		return "Search and date prompts (/ and d)";
	case KEYS_NMODES:
		break;
	}
	return "";
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

void
keys_markdown(struct buf *b)
{
	const char	*p, *q;
	size_t		 i;
	int		 mode;

	for (mode = 0; mode < KEYS_NMODES; mode++) {
		buf_addf(b, "%s### %s\n\n| Keys | Action |\n| --- | --- |\n",
		    mode == 0 ? "" : "\n", keys_mode_title(mode));
		for (i = 0; i < KEYS_N; i++) {
			if ((int)keys_bindings[i].mode != mode)
				continue;
			buf_adds(b, "| ");
			if (keys_bindings[i].keys[0] == '\0')
				buf_adds(b, "(letters)");
			for (p = keys_bindings[i].keys; *p != '\0'; p = q) {
				while (*p == ' ')
					p++;
				for (q = p; *q != '\0' && *q != ' '; q++)
					;
				buf_addf(b, "%s`%.*s`", p == keys_bindings[i].keys ?
				    "" : " ", (int)(q - p), p);
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
