/*
 * ui-note.c: the note editor, a mode over the main screen: the selected
 * event's note as lines of text. Enter adds a line, Ctrl-S or Ctrl-X saves
 * it (one committed transaction, through ui-notes.c), Esc cancels and
 * keeps the old note. A save that fails keeps the editor open, so nothing
 * typed is lost.
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "keys.h"
#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-notes.h"
#include "util.h"

struct ui_note {
	char	*event;		/* the event's id */
	char	 date[11];
	char	*title;
	struct buf text;	/* the note, UTF-8, '\n' between lines */
	size_t	 cur;		/* the cursor, a byte offset */
	int	 top;		/* first line shown */
	struct termios tio;	/* the terminal's modes before, */
	int	 tio_saved;	/* restored at the end */
};

static void *
ui_note_init(struct ui *ui, const void *arg)
{
	struct store_detail	*d;
	struct ui_note		*e;
	char			*note = NULL;
	int			 marked;

	(void)arg;
	if (ui->seq == 0 || (d = store_detail_get(ui->store, ui->seq,
	    NULL)) == NULL) {
		ui_message(ui, "no event to write a note on");
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->event = xstrdup(d->id);
	snprintf(e->date, sizeof e->date, "%s", d->date);
	e->title = xstrdup(d->title);
	store_detail_free(d);
	buf_init(&e->text);
	buf_adds(&e->text, "");
	if (store_note_get(ui->store, e->event, &marked, &note) == 0 &&
	    note != NULL)
		buf_adds(&e->text, note);
	free(note);
	e->cur = e->text.len;
	/* Ctrl-S saves: the terminal's flow control must not take it. */
	if (tcgetattr(STDIN_FILENO, &e->tio) == 0) {
		struct termios	t = e->tio;

		e->tio_saved = 1;
		t.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	curs_set(1);
	ui_redraw(ui, UI_REDRAW_OVERLAY);
	return e;
}

static void
ui_note_free(struct ui *ui, void *data)
{
	struct ui_note	*e = data;

	if (e->tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &e->tio);
	free(e->event);
	free(e->title);
	buf_free(&e->text);
	free(e);
	curs_set(0);
	ui_redraw(ui, UI_REDRAW_ALL);
}

/* Byte offset of the code point before (dir < 0) or after off. */
static size_t
ui_note_step(const struct buf *t, size_t off, int dir)
{
	if (dir < 0) {
		if (off == 0)
			return 0;
		off--;
		while (off > 0 && ((unsigned char)t->data[off] & 0xc0) == 0x80)
			off--;
		return off;
	}
	if (off >= t->len)
		return t->len;
	off++;
	while (off < t->len && ((unsigned char)t->data[off] & 0xc0) == 0x80)
		off++;
	return off;
}

/* Start of the line holding off. */
static size_t
ui_note_bol(const struct buf *t, size_t off)
{
	while (off > 0 && t->data[off - 1] != '\n')
		off--;
	return off;
}

/* End of the line holding off (its '\n', or the end). */
static size_t
ui_note_eol(const struct buf *t, size_t off)
{
	while (off < t->len && t->data[off] != '\n')
		off++;
	return off;
}

/* Code points from a to b. */
static int
ui_note_cps(const struct buf *t, size_t a, size_t b)
{
	int	n = 0;

	while (a < b) {
		a = ui_note_step(t, a, 1);
		n++;
	}
	return n;
}

/* Moves the cursor to the line before or after, at the same place. */
static void
ui_note_vertical(struct ui_note *e, int dir)
{
	struct buf	*t = &e->text;
	size_t		 bol = ui_note_bol(t, e->cur), to;
	int		 col = ui_note_cps(t, bol, e->cur);

	if (dir < 0) {
		if (bol == 0)
			return;
		to = ui_note_bol(t, bol - 1);
	} else {
		to = ui_note_eol(t, e->cur);
		if (to == t->len)
			return;
		to++;
	}
	while (col-- > 0 && to < t->len && t->data[to] != '\n')
		to = ui_note_step(t, to, 1);
	e->cur = to;
}

/* Inserts len bytes at the cursor. */
static void
ui_note_insert_bytes(struct ui_note *e, const char *s, size_t len)
{
	struct buf	*t = &e->text;
	size_t		 tail = t->len - e->cur;

	buf_add(t, s, len);	/* grows it; the bytes are moved below */
	memmove(t->data + e->cur + len, t->data + e->cur, tail);
	memcpy(t->data + e->cur, s, len);
	e->cur += len;
}

/* Removes the bytes from a to b. */
static void
ui_note_erase(struct ui_note *e, size_t a, size_t b)
{
	struct buf	*t = &e->text;

	memmove(t->data + a, t->data + b, t->len - b + 1);
	t->len -= b - a;
	e->cur = a;
}

static int
ui_note_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_note	*e = data;
	struct buf	*t = &e->text;

	(void)key;
	switch (a) {
	case KEYS_SAVE:
		if (ui_notes_save(ui, e->event, e->date, buf_str(t)) == 0)
			ui_mode_pop(ui);
		return 1;
	case KEYS_CANCEL:
		ui_message(ui, "note not changed");
		ui_mode_pop(ui);
		return 1;
	case KEYS_NEWLINE:
		ui_note_insert_bytes(e, "\n", 1);
		break;
	case KEYS_BACKSPACE:
		if (e->cur > 0)
			ui_note_erase(e, ui_note_step(t, e->cur, -1), e->cur);
		break;
	case KEYS_DELETE:
		if (e->cur < t->len)
			ui_note_erase(e, e->cur, ui_note_step(t, e->cur, 1));
		break;
	case KEYS_LEFT:
	case KEYS_RIGHT:
		e->cur = ui_note_step(t, e->cur, a == KEYS_LEFT ? -1 : 1);
		break;
	case KEYS_PREVIOUS:
	case KEYS_NEXT:
		ui_note_vertical(e, a == KEYS_PREVIOUS ? -1 : 1);
		break;
	case KEYS_HOME:
		e->cur = ui_note_bol(t, e->cur);
		break;
	case KEYS_END:
		e->cur = ui_note_eol(t, e->cur);
		break;
	default:
		return 1;	/* nothing else reaches below an editor */
	}
	ui_redraw(ui, UI_REDRAW_OVERLAY);
	return 1;
}

/* A typed character goes into the note. */
static void
ui_note_insert(struct ui *ui, void *data, int ch)
{
	struct ui_note	*e = data;
	char		 u[4];
	int		 n;

	if (ch < ' ' || ch == 0x7f || KEYS_IS_FN(ch))
		return;
	if ((n = text_encode(ch, u)) <= 0)
		return;
	ui_note_insert_bytes(e, u, (size_t)n);
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

static void
ui_note_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_note	*e = data;
	struct buf	*t = &e->text;
	WINDOW		*w = ui->ov_win;
	char		*head, *line;
	size_t		 off, eol;
	int		 h, width, rows, y, cy = 0, cx = 0, n, col;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	head = xasprintf("Note on %s", e->event);
	ui_draw_box(ui, w, head, "Enter:new line  Ctrl-S/Ctrl-X:save  "
	    "Esc:cancel");
	free(head);
	ui_draw_str(ui, w, 1, 2, width - 4, e->title, THEME_DT_TITLE,
	    UI_DRAW_ELLIPSIS);
	rows = h - 4;
	/* Which line the cursor is on, to keep it in sight. */
	for (off = 0, n = 0; off < e->cur; off++)
		n += t->data[off] == '\n';
	if (n < e->top)
		e->top = n;
	if (rows > 0 && n >= e->top + rows)
		e->top = n - rows + 1;
	off = 0;
	for (y = 0; y < e->top && off <= t->len; y++)
		off = ui_note_eol(t, off) + 1;
	for (y = 0; y < rows && off <= t->len; y++) {
		eol = ui_note_eol(t, off);
		line = xstrndup(t->data + off, eol - off);
		ui_draw_str(ui, w, 3 + y, 2, width - 4, line, THEME_HELP,
		    UI_DRAW_ELLIPSIS);
		if (e->cur >= off && e->cur <= eol) {
			/* The cursor's column: what comes before it. */
			line[e->cur - off] = '\0';
			col = ui_draw_width(line);
			cy = 3 + y;
			cx = 2 + (col < width - 5 ? col : width - 5);
		}
		free(line);
		off = eol + 1;
	}
	wmove(w, cy, cx);
	wnoutrefresh(w);
}

const struct ui_mode ui_note_mode = {
	.name = "note",
	.open = KEYS_NOTE,
	.init = ui_note_init,
	.free = ui_note_free,
	.draw = ui_note_draw,
	.key = ui_note_key,
	.insert = ui_note_insert,
};
