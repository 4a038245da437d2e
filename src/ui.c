/*
 * ui.c: the reader's main loop: terminal setup and restore, signals, the
 * layout of the windows, and the one place that draws.
 *
 * Design: handlers only change state and set redraw flags (ui_redraw); the
 * loop reads a key, then every key already typed, then draws what the flags
 * name once and calls doupdate(). Holding j down on a slow terminal thus
 * costs one screen update per batch, not one per key, and a detail is only
 * read from the store for the event that ends up selected. Work that must
 * show a message first (a search of a large corpus) asks for it with
 * ui_later: the loop draws, then does it. The loop knows the modes only
 * through their tables (struct ui_mode, on the stack in ui-core.c).
 */
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "text.h"
#include "theme.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-live.h"
#include "ui-notes.h"
#include "ui-theme.h"
#include "ui-view.h"
#include "ui.h"
#include "util.h"

/* Keys read without waiting, after the first, before the screen is drawn. */
#define UI_TYPEAHEAD	128

/* Set by the signal handler; the loop ends on it. */
static volatile sig_atomic_t	 ui_signal;
/* The terminal is in curses mode and must be restored. */
static int			 ui_active;
static SCREEN			*ui_screen;

/* Restores the terminal; safe to call twice, from atexit and fatal. */
static void
ui_restore(void)
{
	if (!ui_active)
		return;
	ui_active = 0;
	curs_set(1);
	endwin();
}

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/* Layout. */

static void
ui_delwin(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

static void
ui_delete_windows(struct ui *ui)
{
	ui_delwin(&ui->top_win);
	ui_delwin(&ui->tl_win);
	ui_delwin(&ui->sep_win);
	ui_delwin(&ui->dt_win);
	ui_delwin(&ui->status_win);
	ui_delwin(&ui->ov_win);
}

static WINDOW *
ui_newwin(struct ui *ui, int h, int w, int y, int x)
{
	WINDOW	*win;

	if ((win = newwin(h, w, y, x)) == NULL)
		fatal("cannot make a %dx%d window", w, h);
	wbkgdset(win, ui->attr[THEME_NORMAL] | ' ');
	return win;
}

/*
 * Makes the windows for the terminal's size: the panes side by side from
 * UI_WIDE_COLS columns, stacked below, nothing but a notice when smaller
 * than UI_MIN_COLS x UI_MIN_LINES.
 */
static void
ui_layout(struct ui *ui)
{
	struct ui_mode_entry	*e;
	int			 rows, tlh, tlw, ow, i;

	ui_delete_windows(ui);
	getmaxyx(stdscr, ui->lines, ui->cols);
	ui->too_small = ui->cols < UI_MIN_COLS || ui->lines < UI_MIN_LINES;
	if (ui->too_small) {
		ui->top_win = ui_newwin(ui, ui->lines > 0 ? ui->lines : 1,
		    ui->cols > 0 ? ui->cols : 1, 0, 0);
		return;
	}
	rows = ui->lines - 2;
	ui->top_win = ui_newwin(ui, 1, ui->cols, 0, 0);
	ui->status_win = ui_newwin(ui, 1, ui->cols, ui->lines - 1, 0);
	ui->stacked = ui->cols < UI_WIDE_COLS;
	if (ui->stacked) {
		tlh = (rows - 1) * 9 / 20;
		if (tlh < 3)
			tlh = 3;
		/* A short view (a search with a hit or two) leaves the rest. */
		tlh = ui_timeline_needed(ui, tlh);
		if (tlh < 2)
			tlh = 2;
		ui->tl_win = ui_newwin(ui, tlh, ui->cols, 1, 0);
		ui->sep_win = ui_newwin(ui, 1, ui->cols, 1 + tlh, 0);
		ui->dt_win = ui_newwin(ui, rows - tlh - 1, ui->cols, 2 + tlh,
		    0);
	} else {
		/* Titles want the room more than wrapped text does. */
		tlw = ui->cols * 55 / 100;
		if (tlw > 96)
			tlw = 96;
		ui->tl_win = ui_newwin(ui, rows, tlw, 1, 0);
		ui->sep_win = ui_newwin(ui, rows, 1, 1, tlw);
		ui->dt_win = ui_newwin(ui, rows, ui->cols - tlw - 1, 1,
		    tlw + 1);
	}
	ow = ui->cols >= 64 ? ui->cols - 8 : ui->cols;
	if (ow > 100)
		ow = 100;
	ui->ov_win = ui_newwin(ui, rows, ow, 1, (ui->cols - ow) / 2);
	leaveok(ui->tl_win, TRUE);
	leaveok(ui->dt_win, TRUE);
	leaveok(ui->sep_win, TRUE);
	leaveok(ui->top_win, TRUE);
	leaveok(ui->ov_win, TRUE);
	for (i = 0; i < ui->nmodes; i++) {
		e = &ui->modes[i];
		if (e->mode->resize != NULL)
			e->mode->resize(ui, e->data);
	}
}

/* Drawing. */

static void
ui_draw_small(struct ui *ui)
{
	char	s[96];

	werase(ui->top_win);
	/* What there is and what is needed, each on a line where it fits. */
	snprintf(s, sizeof s, "%dx%d: needs at least %dx%d", ui->cols,
	    ui->lines, UI_MIN_COLS, UI_MIN_LINES);
	if (ui->lines > 1)
		ui_draw_str(ui, ui->top_win, 0, 0, ui->cols,
		    "terminal too small", THEME_ERROR, UI_DRAW_ELLIPSIS);
	ui_draw_str(ui, ui->top_win, ui->lines > 1, 0, ui->cols, s,
	    THEME_ERROR, UI_DRAW_ELLIPSIS);
	wnoutrefresh(ui->top_win);
}

/*
 * Draws what the redraw flags name, then updates the terminal once: the
 * main screen, the topmost overlay over it, and last a mode on the status
 * line (a prompt), so that the cursor ends up there.
 */
static void
ui_draw(struct ui *ui)
{
	struct ui_mode_entry	*e, *ov = NULL;
	unsigned		 f = ui->redraw;
	int			 i;

	ui->redraw = 0;
	if (f & UI_REDRAW_LAYOUT) {
		ui_layout(ui);
		f = UI_REDRAW_ALL;
	}
	if (f & UI_REDRAW_CLEAR)
		clearok(curscr, TRUE);
	if (ui->too_small) {
		ui_draw_small(ui);
		doupdate();
		return;
	}
	for (i = 1; i < ui->nmodes; i++) {
		if (!ui->modes[i].mode->status_line)
			ov = &ui->modes[i];
	}
	e = &ui->modes[0];
	e->mode->draw(ui, e->data, f);
	if (ov != NULL && (f & (UI_REDRAW_OVERLAY | UI_REDRAW_TIMELINE |
	    UI_REDRAW_DETAIL))) {
		touchwin(ui->ov_win);
		ov->mode->draw(ui, ov->data, f);
	}
	if (ui->nmodes > 1 && ui_mode_status_taken(ui)) {
		e = ui_mode_top(ui);
		e->mode->draw(ui, e->data, f);
	}
	doupdate();
	/* The detail pane's hyperlinks, unless an overlay covers them. */
	if (ui->after.len > 0 && ov == NULL) {
		fflush(stdout);
		if (write(STDOUT_FILENO, ui->after.data, ui->after.len) < 0)
			ui->hyperlinks = 0;
	}
	buf_reset(&ui->after);
}

/*
 * Whether TERM's terminal takes OSC 8 hyperlinks, or at least ignores
 * them: all but the consoles and old terminals known to show them as
 * garbage.
 */
static int
ui_hyperlinks_by_term(const char *term)
{
	static const char *const no[] = { "linux", "dumb", "cons", "vt",
	    "sun", "wsvt", "pcvt", "ansi" };
	size_t	i;

	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (strncmp(term, no[i], strlen(no[i])) == 0)
			return 0;
	}
	return 1;
}

/* Reads a key, waiting for one or not; returns -1 when there is none. */
static int
ui_read(int wait)
{
	wint_t	wc;
	int	r;

	wtimeout(stdscr, wait ? -1 : 0);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return KEYS_FN((int)wc);
	return (int)wc;
}

/*
 * Waits for a key or a change to the content, whichever comes first (a
 * view being walked waits for neither). Returns the key, or -1 when there
 * is none (the content may have been reloaded: the loop draws).
 */
static int
ui_wait(struct ui *ui, int walking)
{
	struct pollfd	p[2];
	int		key;

	if (ui_live_check(ui))
		return -1;
	if ((key = ui_read(0)) >= 0 || walking)
		return key;
	p[0].fd = STDIN_FILENO;
	p[0].events = POLLIN;
	p[1].fd = ui_live_fd(ui);
	p[1].events = POLLIN;
	(void)poll(p, p[1].fd >= 0 ? 2 : 1, ui_live_timeout(ui));
	if (ui_live_check(ui))
		return -1;
	return ui_read(0);
}

/* Hands one key to the topmost mode, after what every key does. */
static void
ui_dispatch(struct ui *ui, int key)
{
	if (ui->msg != NULL) {
		free(ui->msg);
		ui->msg = NULL;
		ui_redraw(ui, UI_REDRAW_STATUS);
	}
	if (key == KEYS_FN(KEY_RESIZE)) {
		ui_redraw(ui, UI_REDRAW_LAYOUT);
		return;
	}
	if (ui->too_small) {
		if (key == 'q' || key == ('c' & 0x1f)) {
			ui->running = 0;
			ui->status = key == 'q' ? 0 : 128 + SIGINT;
		}
		return;
	}
	ui_mode_key(ui, key);
}

/* Setup and teardown. */

/*
 * Makes sure the locale is UTF-8: the user's if it is, else C.UTF-8, as
 * content is UTF-8 whatever the locale says.
 */
static void
ui_locale(void)
{
	text_locale_own();
	setlocale(LC_ALL, "");
	if (text_locale_utf8())
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/*
 * Teaches curses the Home and End sequences of the other common terminals:
 * with TERM saying xterm inside tmux or screen, or the other way round,
 * Home and End would otherwise arrive as Esc and garbage.
 */
static void
ui_keys_extra(void)
{
	static const struct {
		const char	*seq;
		int		 code;
	} extra[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	size_t	i;

	for (i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].code);
	}
}

/* Catches the signals that end the reader, so the loop restores first. */
static void
ui_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

static void
ui_free(struct ui *ui)
{
	ui_mode_free_all(ui);
	ui_notes_close(ui);
	ui_timeline_free(ui);
	if (ui->view != NULL)
		store_view_free(ui->view);
	ui_live_free(ui);
	free(ui->filter_actor);
	free(ui->filter_name);
	free(ui->query);
	ui_view_done(ui);
	free(ui->actor);
	free(ui->actor_name);
	free(ui->msg);
	free(ui->later_arg);
	buf_free(&ui->after);
	theme_free(ui->theme);
	theme_list_free(ui->theme_paths, ui->ntheme_paths);
	ui_delete_windows(ui);
}

int
ui_run(struct store *store, const struct ui_options *opts)
{
	struct ui		 ui;
	struct store_filter	 f;
	struct store_counts	 counts;
	const char		*term = getenv("TERM");
	char			*err = NULL;
	int			 key, n, walking;
	static int		 registered;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "dossier: the reader needs a terminal; in "
		    "scripts use a command, e.g. 'dossier list'\n");
		return 1;
	}
	if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "dossier: the reader needs a terminal that can "
		    "move the cursor, but TERM is %s; set TERM (e.g. "
		    "TERM=xterm-256color) or use a command such as "
		    "'dossier list'\n", term == NULL || term[0] == '\0' ?
		    "not set" : "'dumb'");
		return 1;
	}

	memset(&ui, 0, sizeof ui);
	ui.store = store;
	ui.opts = opts;
	ui.running = 1;
	ui.theme_index = -1;
	ui.hyperlinks = opts->hyperlinks >= 0 ? opts->hyperlinks :
	    ui_hyperlinks_by_term(term);
	keys_init();
	ui_locale();
	ui_signals();

	memset(&f, 0, sizeof f);
	f.order = STORE_ORDER_DATE;
	if ((ui.view = store_view_new(store, &f, &err)) == NULL) {
		fprintf(stderr, "dossier: %s\n", err != NULL ? err :
		    "cannot read the timeline");
		free(err);
		return 1;
	}
	store_date_range(store, ui.first, ui.last);
	store_counts(store, &counts);
	ui.total = counts.events;

	if ((ui_screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "dossier: cannot use the terminal '%s' (no "
		    "terminfo entry?); try TERM=xterm-256color\n", term);
		store_view_free(ui.view);
		return 1;
	}
	ui_active = 1;
	if (!registered) {
		atexit(ui_restore);
		registered = 1;
	}
	util_set_fatal_hook(ui_restore);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	ui_keys_extra();
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	ui_theme_init(&ui);
	/* stdscr is never drawn on; a first refresh keeps getch from it. */
	wnoutrefresh(stdscr);

	ui_timeline_init(&ui);
	ui_mode_push(&ui, &ui_main_mode, NULL);
	ui_layout(&ui);
	/* It opens on the earliest event. */
	ui_timeline_set_view(&ui, ui.view, 1);
	if (opts->view != NULL)
		ui_notes_open_view(&ui, opts->view);
	ui_redraw(&ui, UI_REDRAW_ALL);
	ui_live_start(&ui);

	while (ui.running) {
		if (ui_signal != 0)
			break;
		if (ui.redraw != 0)
			ui_draw(&ui);
		walking = ui.view != NULL && !store_view_done(ui.view);
		if (!walking && ui.announce != UI_ANNOUNCE_NONE) {
			/* The walk ended under a key (G, say). */
			ui_view_announce(&ui);
			continue;
		}
		/* What waited for the screen: it shows now. */
		if (ui_run_later(&ui))
			continue;
		if ((key = ui_wait(&ui, walking)) < 0) {
			if (walking)
				ui_view_walk(&ui);
			continue;
		}
		ui_dispatch(&ui, key);
		/*
		 * Every key already typed goes before the next draw, unless
		 * a key left work for after it.
		 */
		for (n = 0; n < UI_TYPEAHEAD && ui.running && ui_signal == 0 &&
		    ui.later == NULL; n++) {
			if ((key = ui_read(0)) < 0)
				break;
			ui_dispatch(&ui, key);
		}
	}
	if (ui_signal != 0)
		ui.status = 128 + ui_signal;

	ui_free(&ui);
	ui_restore();
	delscreen(ui_screen);
	ui_screen = NULL;
	util_set_fatal_hook(NULL);
	return ui.status;
}
