/*
 * ui-prompt.c: the one-line editor of the search (/) and date (d) prompts,
 * drawn on the status line. The text is UTF-8; the cursor moves by code
 * point and the line scrolls sideways to keep the cursor in sight.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-prompt.h"
#include "util.h"

void
ui_prompt_free(struct ui *ui)
{
	free(ui->prompt.s);
	memset(&ui->prompt, 0, sizeof ui->prompt);
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

void
ui_prompt_open(struct ui *ui, const char *label, const char *init,
    struct ui_prompt_history *h, void (*done)(struct ui *, const char *))
{
	struct ui_prompt	*p = &ui->prompt;

	p->active = 1;
	p->label = label;
	p->history = h;
	p->hpos = -1;
	p->done = done;
	ui_prompt_set(p, init != NULL ? init : "");
	curs_set(1);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

static void
ui_prompt_close(struct ui *ui)
{
	ui->prompt.active = 0;
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

void
ui_prompt_draw(struct ui *ui)
{
	struct ui_prompt	*p = &ui->prompt;
	struct ui_text		 t;
	WINDOW			*w = ui->status_win;
	size_t			 start = 0;
	int			 width, lw, room, x, h;
	int32_t			 cp;

	getmaxyx(w, h, width);
	(void)h;
	ui_draw_fill(ui, w, 0, 0, width, THEME_PROMPT);
	lw = ui_draw_str(ui, w, 0, 0, width, p->label, THEME_PROMPT, 0);
	room = width - lw - 1;
	if (room < 1)
		return;
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
}

void
ui_prompt_insert(struct ui *ui, int ch)
{
	struct ui_prompt	*p = &ui->prompt;
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
ui_prompt_cut(struct ui *ui, size_t from, size_t to)
{
	struct ui_prompt	*p = &ui->prompt;

	if (from >= to)
		return;
	memmove(p->s + from, p->s + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_accept(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;
	char			*text;

	(void)key;
	text = xstrdup(p->s);
	ui_prompt_remember(p->history, text);
	ui_prompt_close(ui);
	if (p->done != NULL)
		p->done(ui, text);
	free(text);
}

void
ui_prompt_key_cancel(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_close(ui);
}

void
ui_prompt_key_left(struct ui *ui, int key)
{
	(void)key;
	ui->prompt.cur = ui_prompt_back(ui->prompt.s, ui->prompt.cur);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_right(struct ui *ui, int key)
{
	(void)key;
	ui->prompt.cur = ui_prompt_fwd(ui->prompt.s, ui->prompt.len,
	    ui->prompt.cur);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_home(struct ui *ui, int key)
{
	(void)key;
	ui->prompt.cur = 0;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_end(struct ui *ui, int key)
{
	(void)key;
	ui->prompt.cur = ui->prompt.len;
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_backspace(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;

	(void)key;
	/* Backspace on an empty line leaves the prompt, as in less and vi. */
	if (p->len == 0) {
		ui_prompt_close(ui);
		return;
	}
	ui_prompt_cut(ui, ui_prompt_back(p->s, p->cur), p->cur);
}

void
ui_prompt_key_delete(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;

	(void)key;
	ui_prompt_cut(ui, p->cur, ui_prompt_fwd(p->s, p->len, p->cur));
}

void
ui_prompt_key_kill_start(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_cut(ui, 0, ui->prompt.cur);
}

void
ui_prompt_key_kill_end(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;
	size_t			 cur = p->cur;

	(void)key;
	ui_prompt_cut(ui, p->cur, p->len);
	p->cur = cur;
}

void
ui_prompt_key_kill_word(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;
	size_t			 from = p->cur;

	(void)key;
	while (from > 0 && p->s[from - 1] == ' ')
		from--;
	while (from > 0 && p->s[from - 1] != ' ')
		from--;
	ui_prompt_cut(ui, from, p->cur);
}

/* Shows history entry i (-1: an empty line). */
static void
ui_prompt_history(struct ui *ui, int i)
{
	struct ui_prompt	*p = &ui->prompt;

	/* Past either end: stay, as readline does. */
	if (p->history == NULL || i >= p->history->n || i < -1)
		return;
	p->hpos = i;
	ui_prompt_set(p, i < 0 ? "" : p->history->v[i]);
	ui_redraw(ui, UI_REDRAW_STATUS);
}

void
ui_prompt_key_history_prev(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_history(ui, ui->prompt.hpos + 1);
}

void
ui_prompt_key_history_next(struct ui *ui, int key)
{
	(void)key;
	ui_prompt_history(ui, ui->prompt.hpos - 1);
}
