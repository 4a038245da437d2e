/*
 * ui-confirm.c: the confirmation mode: a question on the status line that
 * y answers yes and n or Esc no; any other key asks again.
 */
#include <stdlib.h>
#include <string.h>

#include "ui-confirm.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "util.h"

struct ui_confirm {
	char	*question;
	char	*arg;
	void	(*yes)(struct ui *, const char *);
	void	(*no)(struct ui *, const char *);
};

static void *
ui_confirm_init(struct ui *ui, const void *arg)
{
	const struct ui_confirm_args	*a = arg;
	struct ui_confirm		*c;

	c = xcalloc(1, sizeof *c);
	c->question = xasprintf("%s (y/n)", a->question);
	c->arg = xstrdup(a->arg != NULL ? a->arg : "");
	c->yes = a->yes;
	c->no = a->no;
	ui_redraw(ui, UI_REDRAW_STATUS);
	return c;
}

static void
ui_confirm_free(struct ui *ui, void *data)
{
	struct ui_confirm	*c = data;

	free(c->question);
	free(c->arg);
	free(c);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

static void
ui_confirm_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_confirm	*c = data;
	WINDOW			*w = ui->status_win;
	int			 width, h;

	(void)flags;
	getmaxyx(w, h, width);
	(void)h;
	ui_draw_fill(ui, w, 0, 0, width, THEME_PROMPT);
	ui_draw_str(ui, w, 0, 0, width, c->question, THEME_PROMPT, 0);
	wnoutrefresh(w);
}

/* Closes the question, then answers: the answer may open another mode. */
static void
ui_confirm_answer(struct ui *ui, struct ui_confirm *c, int yes)
{
	void	(*fn)(struct ui *, const char *) = yes ? c->yes : c->no;
	char	*arg = c->arg;

	c->arg = NULL;
	ui_mode_pop(ui);
	if (fn != NULL)
		fn(ui, arg);
	free(arg);
}

static int
ui_confirm_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	(void)key;
	if (a != KEYS_ACCEPT && a != KEYS_CANCEL)
		return 0;
	ui_confirm_answer(ui, data, a == KEYS_ACCEPT);
	return 1;
}

/* Anything else: the question stays, and says how to answer. */
static void
ui_confirm_insert(struct ui *ui, void *data, int ch)
{
	(void)data;
	(void)ch;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

const struct ui_mode ui_confirm_mode = {
	.name = "confirm",
	.open = KEYS_NONE,
	.status_line = 1,
	.init = ui_confirm_init,
	.free = ui_confirm_free,
	.draw = ui_confirm_draw,
	.key = ui_confirm_key,
	.insert = ui_confirm_insert,
};
