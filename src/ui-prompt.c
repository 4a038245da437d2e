/*
 * ui-prompt.c: the prompt mode, the one-line editor of the search (/) and
 * date (d) prompts, drawn on the status line. The text is UTF-8; the
 * cursor moves by code point and the line scrolls sideways to keep the
 * cursor in sight.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-prompt.h"
#include "util.h"

/* The state of an open prompt. */
struct ui_prompt {
	const char			*label;		/* not owned */
	char				*s;		/* the text, UTF-8 */
	size_t				 len;
	size_t				 cap;
	size_t				 cur;		/* cursor, a byte offset */
	int				 hpos;		/* entry shown, or -1 */
	struct ui_prompt_history	*history;	/* or NULL; not owned */
	void				(*done)(struct ui *, const char *);
};

void
ui_prompt_history_free(struct ui_prompt_history *h)
{
	int	i;

	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	h->n = 0;
}

/* Replaces the text with s, cursor at the end. */
static void
ui_prompt_set(struct ui_prompt *p, const char *s)
{
	size_t	n = strlen(s);

	if (n + 1 > p->cap) {
		p->cap = n + 64;
		p->s = xrealloc(p->s, p->cap);
	}
	memcpy(p->s, s, n + 1);
	p->len = n;
	p->cur = n;
}

/* Opens a prompt; arg is a struct ui_prompt_args. */
static void *
ui_prompt_init(struct ui *ui, const void *arg)
{
	const struct ui_prompt_args	*a = arg;
	struct ui_prompt		*p;

	p = xcalloc(1, sizeof *p);
	p->label = a->label;
	p->history = a->history;
	p->hpos = -1;
	p->done = a->done;
	ui_prompt_set(p, a->init != NULL ? a->init : "");
	curs_set(1);
	ui_redraw(ui, UI_REDRAW_STATUS);
	return p;
}

static void
ui_prompt_free(struct ui *ui, void *data)
{
	struct ui_prompt	*p = data;

	free(p->s);
	free(p);
	curs_set(0);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

/* Adds s to the front of history h, dropping an equal older entry. */
static void
ui_prompt_remember(struct ui_prompt_history *h, const char *s)
{
	int	i, j;

	if (h == NULL || s[0] == '\0')
		return;
	for (i = 0; i < h->n; i++) {
		if (strcmp(h->v[i], s) == 0) {
			free(h->v[i]);
			for (j = i; j + 1 < h->n; j++)
				h->v[j] = h->v[j + 1];
			h->n--;
			break;
		}
	}
	if (h->n == UI_PROMPT_HISTORY)
		free(h->v[--h->n]);
	memmove(h->v + 1, h->v, (size_t)h->n * sizeof *h->v);
	h->v[0] = xstrdup(s);
	h->n++;
}

/* Draws the prompt on the status line and leaves the cursor in place. */
static void
ui_prompt_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_prompt	*p = data;
	struct ui_text		 t;
	WINDOW			*w = ui->status_win;
	size_t			 start = 0;
	int			 width, lw, room, x, h;
	int32_t			 cp;

	(void)flags;
	getmaxyx(w, h, width);
	(void)h;
	ui_draw_fill(ui, w, 0, 0, width, THEME_PROMPT);
	lw = ui_draw_str(ui, w, 0, 0, width, p->label, THEME_PROMPT, 0);
	room = width - lw - 1;
	if (room < 1) {
		wnoutrefresh(w);
		return;
	}
	ui_text_init(&t, p->s, 0);
	/*
	 * The prepared text may be longer than p->s (escapes), so measure
	 * the part before the cursor on its own and scroll from the left in
	 * whole characters until the cursor fits.
	 */
	{
		struct ui_text	before;
		char		*pre = xstrndup(p->s, p->cur);

		ui_text_init(&before, pre, 0);
		while (start < p->cur &&
		    ui_text_cols(&before, 0, before.len) > room) {
			ui_text_free(&before);
			start += (size_t)text_decode(p->s + start,
			    p->len - start, &cp);
			free(pre);
			pre = xstrndup(p->s + start, p->cur - start);
			ui_text_init(&before, pre, 0);
		}
		x = lw + ui_text_cols(&before, 0, before.len);
		ui_text_free(&before);
		free(pre);
	}
	ui_text_free(&t);
	ui_text_init(&t, p->s + start, 0);
	ui_draw_text(ui, w, 0, lw, room, &t, 0, t.len, THEME_PROMPT, NULL, 0);
	ui_text_free(&t);
	wmove(w, 0, x);
	wnoutrefresh(w);
}

/* Inserts a typed character (not a binding) at the cursor. */
static void
ui_prompt_insert(struct ui *ui, void *data, int ch)
{
	struct ui_prompt	*p = data;
	char			 u[4];
	size_t			 n;

	/* Only what can be typed: no controls, nothing invalid. */
	if ((n = (size_t)text_encode(ch, u)) == 0)
		return;
	if (p->len + n + 1 > p->cap) {
		p->cap = p->len + n + 64;
		p->s = xrealloc(p->s, p->cap);
	}
	memmove(p->s + p->cur + n, p->s + p->cur, p->len - p->cur + 1);
	memcpy(p->s + p->cur, u, n);
	p->len += n;
	p->cur += n;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

/* Offset of the code point before off. */
static size_t
ui_prompt_back(const char *s, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* Offset of the code point after off. */
static size_t
ui_prompt_fwd(const char *s, size_t len, size_t off)
{
	int32_t	cp;

	if (off >= len)
		return len;
	return off + (size_t)text_decode(s + off, len - off, &cp);
}

/* Removes bytes [from, to) of the text. */
static void
ui_prompt_cut(struct ui *ui, struct ui_prompt *p, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(p->s + from, p->s + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

/* Enter: closes the prompt, then hands the text on. */
static void
ui_prompt_accept(struct ui *ui, struct ui_prompt *p)
{
	void	(*done)(struct ui *, const char *) = p->done;
	char	*text;

	text = xstrdup(p->s);
	ui_prompt_remember(p->history, text);
	ui_mode_pop(ui);		/* frees p */
	if (done != NULL)
		done(ui, text);
	free(text);
}

/* Ctrl-w: erases the word before the cursor. */
static void
ui_prompt_kill_word(struct ui *ui, struct ui_prompt *p)
{
	size_t	from = p->cur;

	while (from > 0 && p->s[from - 1] == ' ')
		from--;
	while (from > 0 && p->s[from - 1] != ' ')
		from--;
	ui_prompt_cut(ui, p, from, p->cur);
}

/* Shows history entry i (-1: an empty line). */
static void
ui_prompt_history(struct ui *ui, struct ui_prompt *p, int i)
{
	/* Past either end: stay, as readline does. */
	if (p->history == NULL || i >= p->history->n || i < -1)
		return;
	p->hpos = i;
	ui_prompt_set(p, i < 0 ? "" : p->history->v[i]);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

static int
ui_prompt_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_prompt	*p = data;
	size_t			 cur = p->cur;

	(void)key;
	switch (a) {
	case KEYS_ACCEPT:
		ui_prompt_accept(ui, p);
		return 1;
	case KEYS_CANCEL:
		ui_mode_pop(ui);
		return 1;
	case KEYS_LEFT:
		p->cur = ui_prompt_back(p->s, p->cur);
		break;
	case KEYS_RIGHT:
		p->cur = ui_prompt_fwd(p->s, p->len, p->cur);
		break;
	case KEYS_HOME:
		p->cur = 0;
		break;
	case KEYS_END:
		p->cur = p->len;
		break;
	case KEYS_BACKSPACE:
		/* Backspace on an empty line leaves the prompt, as in less. */
		if (p->len == 0)
			ui_mode_pop(ui);
		else
			ui_prompt_cut(ui, p, ui_prompt_back(p->s, p->cur),
			    p->cur);
		return 1;
	case KEYS_DELETE:
		ui_prompt_cut(ui, p, p->cur, ui_prompt_fwd(p->s, p->len,
		    p->cur));
		return 1;
	case KEYS_KILL_START:
		ui_prompt_cut(ui, p, 0, p->cur);
		return 1;
	case KEYS_KILL_END:
		ui_prompt_cut(ui, p, p->cur, p->len);
		p->cur = cur;
		return 1;
	case KEYS_KILL_WORD:
		ui_prompt_kill_word(ui, p);
		return 1;
	case KEYS_HISTORY_PREVIOUS:
		ui_prompt_history(ui, p, p->hpos + 1);
		return 1;
	case KEYS_HISTORY_NEXT:
		ui_prompt_history(ui, p, p->hpos - 1);
		return 1;
	default:
		return 0;
	}
	ui_redraw(ui, UI_REDRAW_STATUS);
	return 1;
}

const struct ui_mode ui_prompt_mode = {
	.name = "prompt",
	.open = KEYS_NONE,
	.status_line = 1,
	.init = ui_prompt_init,
	.free = ui_prompt_free,
	.draw = ui_prompt_draw,
	.key = ui_prompt_key,
	.insert = ui_prompt_insert,
};
