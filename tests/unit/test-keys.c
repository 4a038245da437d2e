/*
 * test-keys.c: unit tests for the key table: default lookups, rebinding by
 * name (a key taken from another action, errors that change nothing), the
 * bindings of a hand-built configuration with their FILE:LINE:COL errors,
 * and the listings `dossier keys` prints.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "keys.h"
#include "ui-list.h"
#include "unit.h"

/* The keys row (mode, action) has now, or NULL if there is no such row. */
static const char *
keys_of(const char *mode, enum keys_action a)
{
	const struct keys_binding	*kb;
	size_t				 n, i;

	kb = keys_table(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(kb[i].mode, mode) == 0 && kb[i].action == a)
			return keys_keys(i);
	}
	return NULL;
}

UNIT_TEST(defaults)
{
	int	main_ = keys_mode_find("main"), help = keys_mode_find("help");

	keys_reset();
	CHECK(main_ >= 0 && help >= 0);
	CHECK_INT(keys_mode_find("nothing"), -1);
	CHECK_INT(keys_lookup(main_, 'j'), KEYS_NEXT);
	CHECK_INT(keys_lookup(main_, KEYS_FN(KEY_DOWN)), KEYS_NEXT);
	CHECK_INT(keys_lookup(main_, '\r'), KEYS_READ);
	CHECK_INT(keys_lookup(main_, 'z'), KEYS_NONE);
	CHECK_INT(keys_lookup(main_, 'x'), KEYS_EXPORT);
	/* The same key, another action in another mode. */
	CHECK_INT(keys_lookup(help, '?'), KEYS_CLOSE);
	CHECK_INT(keys_lookup(main_, '?'), KEYS_HELP);
	CHECK_STR(keys_action_name(KEYS_PAGE_DOWN), "page-down");
	CHECK_INT(keys_action_find("page-down"), KEYS_PAGE_DOWN);
	CHECK_INT(keys_action_find("none"), -1);
	CHECK_STR(keys_mode_title(help), "Help (?)");
}

UNIT_TEST(bind_by_name)
{
	int	main_ = keys_mode_find("main");
	char	*err = NULL;

	keys_reset();
	CHECK_INT(keys_bind("main", "next", "x Down", &err), 0);
	CHECK(err == NULL);
	CHECK_INT(keys_lookup(main_, 'x'), KEYS_NEXT);
	CHECK_INT(keys_lookup(main_, 'j'), KEYS_NONE);
	CHECK_STR(keys_of("main", KEYS_NEXT), "x Down");
	/* Other modes keep their own j. */
	CHECK_INT(keys_lookup(keys_mode_find("help"), 'j'), KEYS_NEXT);

	/* A key taken from another action leaves it. */
	CHECK_INT(keys_bind("main", "next", "k", &err), 0);
	CHECK_INT(keys_lookup(main_, 'k'), KEYS_NEXT);
	CHECK_STR(keys_of("main", KEYS_PREVIOUS), "Up");
	CHECK_INT(keys_lookup(main_, KEYS_FN(KEY_UP)), KEYS_PREVIOUS);

	/* Enter is three codes: taking ^J takes the name from "read". */
	CHECK_INT(keys_bind("main", "quit", "Ctrl-j", &err), 0);
	CHECK_STR(keys_of("main", KEYS_READ), "");
	CHECK_INT(keys_lookup(main_, '\r'), KEYS_NONE);

	keys_reset();
	CHECK_STR(keys_of("main", KEYS_NEXT), "j Down");
	CHECK_STR(keys_of("main", KEYS_PREVIOUS), "k Up");
	CHECK_INT(keys_lookup(main_, 'j'), KEYS_NEXT);
}

/* keys_bind fails with message want and changes nothing. */
static void
check_bind_error(const char *mode, const char *action, const char *keys,
    const char *want)
{
	char	*err = NULL;

	CHECK_INT(keys_bind(mode, action, keys, &err), -1);
	CHECK_STR(err, want);
	free(err);
	CHECK_STR(keys_of("main", KEYS_NEXT), "j Down");
	CHECK_STR(keys_of("main", KEYS_SEARCH), "/");
}

UNIT_TEST(bind_errors)
{
	keys_reset();
	check_bind_error("mian", "next", "x",
	    "unknown mode 'mian' (did you mean 'main'?)");
	check_bind_error("main", "nxt", "x",
	    "unknown action 'nxt' (did you mean 'next'?)");
	check_bind_error("main", "next", "x Dwn",
	    "unknown key 'Dwn' (did you mean 'Down'?)");
	check_bind_error("main", "next", "Ctrl-",
	    "unknown key 'Ctrl-'");
	check_bind_error("prompt", "search", "x",
	    "the prompt mode has no action 'search'");
	check_bind_error("zzzzzz", "next", "x", "unknown mode 'zzzzzz'");
	/* A note of the help is no action to bind. */
	check_bind_error("actors", "narrow", "x",
	    "the actors mode has no action 'narrow'");
}

/* Fills b with copies, as config_load would; free with binding_free. */
static void
binding_set(struct config_binding *b, const char *mode, const char *action,
    const char *keys, int line, int col, int kline, int kcol)
{
	b->mode = xstrdup(mode);
	b->action = xstrdup(action);
	b->keys = xstrdup(keys);
	b->line = line;
	b->col = col;
	b->kline = kline;
	b->kcol = kcol;
}

static void
binding_free(struct config_binding *b)
{
	free(b->mode);
	free(b->action);
	free(b->keys);
}

UNIT_TEST(apply_config)
{
	struct config_binding	 b[4];
	struct config		 c;
	struct diag_list	 dl;
	int			 main_ = keys_mode_find("main"), i;

	keys_reset();
	memset(b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	binding_set(&b[0], "main", "search", "s /", 3, 11, 3, 19);
	binding_set(&b[1], "main", "nxt", "x", 4, 11, 4, 16);
	binding_set(&b[2], "actors", "choose", "Enter Spcae", 6, 5, 6, 13);
	binding_set(&b[3], "profle", "jump", "o", 8, 5, 8, 11);
	c.path = xstrdup("/home/u/.config/dossier/config.yaml");
	c.bindings = b;
	c.nbindings = 4;
	diag_init(&dl);
	CHECK_INT(keys_apply_config(&c, &dl), 3);
	CHECK_INT(dl.n, 3);
	if (dl.n == 3) {
		CHECK_INT(dl.v[0].line, 4);
		CHECK_INT(dl.v[0].col, 11);
		CHECK_STR(dl.v[0].msg,
		    "unknown action 'nxt' (did you mean 'next'?)");
		CHECK_INT(dl.v[1].line, 6);
		CHECK_INT(dl.v[1].col, 13);
		CHECK_STR(dl.v[1].msg,
		    "unknown key 'Spcae' (did you mean 'Space'?)");
		CHECK_INT(dl.v[2].line, 8);
		CHECK_INT(dl.v[2].col, 5);
		CHECK_STR(dl.v[2].msg,
		    "unknown mode 'profle' (did you mean 'profile'?)");
		CHECK_STR(dl.v[2].file, c.path);
		CHECK_INT(dl.v[0].level, DIAG_ERROR);
	}
	diag_free(&dl);
	/* The good binding is in, the bad ones left the defaults. */
	CHECK_INT(keys_lookup(main_, 's'), KEYS_SEARCH);
	CHECK_INT(keys_lookup(main_, '/'), KEYS_SEARCH);
	CHECK_STR(keys_of("actors", KEYS_CHOOSE), "Enter");
	keys_reset();
	for (i = 0; i < 4; i++)
		binding_free(&b[i]);
	free(c.path);
}

UNIT_TEST(listings)
{
	struct buf	 b;
	char		*err = NULL;

	keys_reset();
	buf_init(&b);
	keys_list(&b);
	CHECK(strncmp(buf_str(&b), "main\tnext\tj Down\n", 17) == 0);
	CHECK(strstr(buf_str(&b), "\nhelp\tclose\tEsc q ?\n") != NULL);
	/* Notes of the help are not bindings. */
	CHECK(strstr(buf_str(&b), "narrow") == NULL);
	buf_reset(&b);

	CHECK_INT(keys_bind("help", "close", "x", &err), 0);
	keys_list(&b);
	CHECK(strstr(buf_str(&b), "\nhelp\tclose\tx\n") != NULL);
	buf_reset(&b);
	keys_markdown(&b);
	CHECK(strncmp(buf_str(&b), "### Timeline and detail\n\n| Keys | Action |",
	    42) == 0);
	CHECK(strstr(buf_str(&b), "| `x` | close the help |") != NULL);
	CHECK(strstr(buf_str(&b), "| (letters) | type letters") != NULL);
	buf_free(&b);
	keys_reset();
}

/* The mouse on a list: the wheel scrolls, a click selects, then chooses. */
UNIT_TEST(list_mouse)
{
	struct ui_list	l = { 100, 0, 0, 10, 0 };

	CHECK_INT(ui_list_mouse(&l, 0, 3), UI_LIST_MOVED);
	CHECK_INT(l.sel, 3);
	CHECK_INT(ui_list_mouse(&l, 0, 3), UI_LIST_CHOSEN);
	CHECK_INT(l.sel, 3);
	CHECK_INT(ui_list_mouse(&l, 0, 10), UI_LIST_MISSED);
	CHECK_INT(ui_list_mouse(&l, 0, -1), UI_LIST_MISSED);
	CHECK_INT(ui_list_mouse(&l, 5, 0), UI_LIST_MOVED);
	CHECK_INT(l.sel, 8);
	CHECK_INT(ui_list_mouse(&l, -20, 0), UI_LIST_MOVED);
	CHECK_INT(l.sel, 0);
	/* Past the last item of a short list. */
	l.count = 2;
	CHECK_INT(ui_list_mouse(&l, 0, 2), UI_LIST_MISSED);
	CHECK_INT(ui_list_mouse(&l, 0, 1), UI_LIST_MOVED);
	CHECK_INT(l.sel, 1);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(defaults),
	UNIT_ENTRY(bind_by_name),
	UNIT_ENTRY(bind_errors),
	UNIT_ENTRY(apply_config),
	UNIT_ENTRY(listings),
	UNIT_ENTRY(list_mouse),
};

int
main(void)
{
	return UNIT_RUN(tests);
}
