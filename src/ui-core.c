/*
 * ui-core.c: the floor every mode stands on: redraw requests, messages on
 * the status line, the stack of modes with the key dispatch through it,
 * and the current actor. It calls no mode by name: modes are reached only
 * through their struct ui_mode tables.
 *
 * What a keystroke goes through: ui.c reads it; ui_mode_key looks it up in
 * the key table under the topmost mode's name, giving an action; the
 * mode's key function handles the action or declines; a declined movement
 * action goes to the mode's list (ui-list.c); an action no mode handles
 * may open a mode (struct ui_mode.open); a character bound to nothing goes
 * to the mode's insert. Handlers only change state and set redraw flags.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ui-core.h"
#include "ui-list.h"
#include "util.h"

/* Every mode, for the actions that open one. */
static const struct ui_mode *const ui_modes[] = {
#define UI_MODE(n)	&ui_##n##_mode,
#include "ui-modes.h"
#undef UI_MODE
};
#define UI_NMODES	(sizeof ui_modes / sizeof ui_modes[0])

void
ui_redraw(struct ui *ui, unsigned flags)
{
	ui->redraw |= flags;
}

static void	ui_vmessage(struct ui *, int, const char *, va_list)
		    UTIL_PRINTF(3, 0);

static void
ui_vmessage(struct ui *ui, int error, const char *fmt, va_list ap)
{
	free(ui->msg);
	ui->msg = xvasprintf(fmt, ap);
	ui->msg_error = error;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 1, fmt, ap);
	va_end(ap);
}

int
ui_mode_push(struct ui *ui, const struct ui_mode *mode, const void *arg)
{
	struct ui_mode_entry	*e;
	void			*data = NULL;

	if (ui->nmodes == UI_MAX_MODES)
		ui_mode_pop(ui);
	if (mode->init != NULL && (data = mode->init(ui, arg)) == NULL)
		return -1;
	e = &ui->modes[ui->nmodes++];
	e->mode = mode;
	e->data = data;
	if ((e->keys = keys_mode_find(mode->name)) < 0)
		fatal("mode %s has no section in the key table", mode->name);
	ui_redraw(ui, UI_REDRAW_OVERLAY | UI_REDRAW_STATUS);
	return 0;
}

/* Closes the topmost mode, whichever it is. */
static void
ui_mode_close(struct ui *ui)
{
	struct ui_mode_entry	*e;

	if (ui->nmodes == 0)
		return;
	e = &ui->modes[--ui->nmodes];
	if (e->mode->free != NULL)
		e->mode->free(ui, e->data);
	memset(e, 0, sizeof *e);
	ui_redraw(ui, UI_REDRAW_PANES | UI_REDRAW_OVERLAY);
}

void
ui_mode_pop(struct ui *ui)
{
	if (ui->nmodes > 1)
		ui_mode_close(ui);
}

void
ui_mode_close_all(struct ui *ui)
{
	while (ui->nmodes > 1)
		ui_mode_close(ui);
}

void
ui_mode_free_all(struct ui *ui)
{
	while (ui->nmodes > 0)
		ui_mode_close(ui);
}

struct ui_mode_entry *
ui_mode_top(struct ui *ui)
{
	return ui->nmodes > 0 ? &ui->modes[ui->nmodes - 1] : NULL;
}

int
ui_mode_status_taken(struct ui *ui)
{
	return ui->nmodes > 0 && ui->modes[ui->nmodes - 1].mode->status_line;
}

/* Reads a mouse event and hands it to the topmost mode. */
static void
ui_mode_mouse(struct ui *ui, struct ui_mode_entry *e)
{
	MEVENT		 ev;
	enum ui_mouse	 m;
	WINDOW		*w = ui->ov_win;

	if (getmouse(&ev) != OK || ui->too_small || e->mode->mouse == NULL)
		return;
	if (ev.bstate & BUTTON1_PRESSED)
		m = UI_MOUSE_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		m = UI_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		m = UI_MOUSE_WHEEL_DOWN;
#endif
	else
		return;
	/* The main screen sees the screen; an overlay its own window. */
	if (e == &ui->modes[0])
		e->mode->mouse(ui, e->data, ev.y, ev.x, m);
	else if (wenclose(w, ev.y, ev.x))
		e->mode->mouse(ui, e->data, ev.y - getbegy(w),
		    ev.x - getbegx(w), m);
}

void
ui_mode_key(struct ui *ui, int key)
{
	struct ui_mode_entry	*e;
	const struct ui_mode	*m;
	struct ui_list		*l;
	enum keys_action	 a;
	size_t			 i;

	if ((e = ui_mode_top(ui)) == NULL)
		return;
	m = e->mode;
	if ((a = keys_lookup(e->keys, key)) == KEYS_NONE) {
		if (!KEYS_IS_FN(key) && m->insert != NULL)
			m->insert(ui, e->data, key);
		return;
	}
	if (a == KEYS_MOUSE) {
		ui_mode_mouse(ui, e);
		return;
	}
	if (m->key != NULL && m->key(ui, e->data, a, key))
		return;
	if (m->list != NULL && (l = m->list(ui, e->data)) != NULL &&
	    ui_list_key(l, a)) {
		ui_redraw(ui, UI_REDRAW_OVERLAY);
		return;
	}
	for (i = 0; i < UI_NMODES; i++) {
		if (ui_modes[i]->open == a) {
			ui_mode_push(ui, ui_modes[i], NULL);
			return;
		}
	}
}

void
ui_set_actor(struct ui *ui, const char *id, const char *short_name)
{
	if (id != NULL && ui->actor != NULL && strcmp(id, ui->actor) == 0 &&
	    short_name != NULL && ui->actor_name != NULL &&
	    strcmp(short_name, ui->actor_name) == 0)
		return;
	free(ui->actor);
	free(ui->actor_name);
	ui->actor = id != NULL ? xstrdup(id) : NULL;
	ui->actor_name = id == NULL ? NULL :
	    xstrdup(short_name != NULL ? short_name : id);
	/* The panes that show the current actor see the new generation. */
	ui->actor_gen++;
	ui_redraw(ui, UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

void
ui_later(struct ui *ui, void (*fn)(struct ui *, const char *),
    const char *arg)
{
	free(ui->later_arg);
	ui->later = fn;
	ui->later_arg = xstrdup(arg != NULL ? arg : "");
}

int
ui_run_later(struct ui *ui)
{
	void	(*fn)(struct ui *, const char *) = ui->later;
	char	*arg = ui->later_arg;

	if (fn == NULL)
		return 0;
	ui->later = NULL;
	ui->later_arg = NULL;
	fn(ui, arg);
	free(arg);
	return 1;
}
