/*
 * ui-draw.c: what every pane needs to put text on the screen: content made
 * safe (control characters escaped, the escapes remembered for styling),
 * drawing by display width that never cuts a character, theme styles as
 * curses attributes, boxes, and day headings.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "util.h"

static int
ui_draw_is_mark(const char *s, size_t left, int on)
{
	return left >= TEXT_MARK_LEN &&
	    memcmp(s, on ? TEXT_MARK_ON : TEXT_MARK_OFF, TEXT_MARK_LEN) == 0;
}

void
ui_text_init(struct ui_text *t, const char *raw, int newlines)
{
	struct buf	 b, e;
	size_t		 len, i, n;
	int32_t		 cp;
	char		 out[16];
	int		 k;

	buf_init(&b);
	buf_init(&e);
	if (raw == NULL)
		raw = "";
	len = strlen(raw);
	for (i = 0; i < len; i += n) {
		if (ui_draw_is_mark(raw + i, len - i, 1) ||
		    ui_draw_is_mark(raw + i, len - i, 0)) {
			n = TEXT_MARK_LEN;
			buf_add(&b, raw + i, n);
			buf_add(&e, "\0\0\0", n);
			continue;
		}
		n = (size_t)text_decode(raw + i, len - i, &cp);
		if (newlines && cp == '\n') {
			buf_addc(&b, '\n');
			buf_addc(&e, 0);
			continue;
		}
		k = text_escape_cp(cp, (unsigned char)raw[i], out);
		if (k > 0) {
			buf_add(&b, out, (size_t)k);
			while (k-- > 0)
				buf_addc(&e, 1);
		} else {
			buf_add(&b, raw + i, n);
			buf_add(&e, "\0\0\0\0", n);
		}
	}
	t->len = b.len;
	t->s = buf_detach(&b);
	t->esc = (unsigned char *)buf_detach(&e);
}

void
ui_text_free(struct ui_text *t)
{
	free(t->s);
	free(t->esc);
	memset(t, 0, sizeof *t);
}

/*
 * Walks s[off, off+len) one unit at a time (a marker, an escape byte or a
 * character) and calls back with its columns; stops when fn returns
 * non-zero. The workhorse of measuring and drawing alike.
 */
struct ui_draw_unit {
	size_t	off;		/* byte offset */
	size_t	n;		/* bytes */
	int	cols;		/* display columns (0 for a marker) */
	int	mark;		/* 1 on, 0 off, -1 not a marker */
	int	esc;
};

static void
ui_draw_next(const struct ui_text *t, size_t off, size_t end,
    struct ui_draw_unit *u)
{
	int32_t	cp;
	int	w;

	u->off = off;
	u->mark = -1;
	u->esc = 0;
	if (ui_draw_is_mark(t->s + off, end - off, 1) ||
	    ui_draw_is_mark(t->s + off, end - off, 0)) {
		u->mark = ui_draw_is_mark(t->s + off, end - off, 1);
		u->n = TEXT_MARK_LEN;
		u->cols = 0;
		return;
	}
	if (t->esc != NULL && t->esc[off]) {
		u->esc = 1;
		u->n = 1;
		u->cols = 1;
		return;
	}
	u->n = (size_t)text_decode(t->s + off, end - off, &cp);
	w = cp == '\n' ? 0 : text_cp_width(cp);
	u->cols = w < 0 ? 1 : w;
}

int
ui_text_cols(const struct ui_text *t, size_t off, size_t len)
{
	struct ui_draw_unit	u;
	size_t			end = off + len;
	int			cols = 0;

	while (off < end) {
		ui_draw_next(t, off, end, &u);
		cols += u.cols;
		off += u.n;
	}
	return cols;
}

attr_t
ui_draw_attr(struct ui *ui, enum theme_elem elem)
{
	return ui->attr[elem];
}

/* Writes bytes s[0, n) in attr; runs of one style go out in one call. */
static void
ui_draw_run(WINDOW *w, const char *s, size_t n, attr_t attr)
{
	if (n == 0)
		return;
	wattrset(w, attr);
	waddnstr(w, s, (int)n);
}

int
ui_draw_text(struct ui *ui, WINDOW *w, int y, int x, int cols,
    const struct ui_text *t, size_t off, size_t len, enum theme_elem elem,
    int *markp, int flags)
{
	struct ui_draw_unit	 u;
	size_t			 end = off + len, run = off, p;
	attr_t			 cur, a;
	int			 used = 0, limit = cols, mark, ell = 0;

	if (cols <= 0 || len == 0)
		return 0;
	mark = markp != NULL ? *markp : 0;
	if ((flags & UI_DRAW_ELLIPSIS) && ui_text_cols(t, off, len) > cols) {
		limit = cols - 1;
		ell = 1;
	}
	wmove(w, y, x);
	cur = ui->attr[mark ? THEME_SEARCH_MATCH : elem];
	for (p = off; p < end; p += u.n) {
		ui_draw_next(t, p, end, &u);
		if (u.mark >= 0) {
			ui_draw_run(w, t->s + run, p - run, cur);
			mark = u.mark;
			run = p + u.n;
			cur = ui->attr[mark ? THEME_SEARCH_MATCH : elem];
			continue;
		}
		if (used + u.cols > limit)
			break;
		/* Newlines never reach the terminal. */
		if (t->s[p] == '\n') {
			ui_draw_run(w, t->s + run, p - run, cur);
			run = p + 1;
			continue;
		}
		a = u.esc ? ui->attr[THEME_ESCAPE] :
		    ui->attr[mark ? THEME_SEARCH_MATCH : elem];
		if (a != cur) {
			ui_draw_run(w, t->s + run, p - run, cur);
			run = p;
			cur = a;
		}
		used += u.cols;
	}
	ui_draw_run(w, t->s + run, p - run, cur);
	/* Markers after the cut still change the state for the next line. */
	for (; p < end; p += u.n) {
		ui_draw_next(t, p, end, &u);
		if (u.mark >= 0)
			mark = u.mark;
	}
	if (ell) {
		wattrset(w, ui->attr[elem]);
		waddstr(w, "\xe2\x80\xa6");
		used++;
	}
	if (markp != NULL)
		*markp = mark;
	return used;
}

int
ui_draw_str(struct ui *ui, WINDOW *w, int y, int x, int cols, const char *s,
    enum theme_elem elem, int flags)
{
	struct ui_text	t;
	int		used;

	ui_text_init(&t, s, 0);
	used = ui_draw_text(ui, w, y, x, cols, &t, 0, t.len, elem, NULL,
	    flags);
	ui_text_free(&t);
	return used;
}

int
ui_draw_width(const char *s)
{
	struct ui_text	t;
	int		cols;

	ui_text_init(&t, s, 0);
	cols = ui_text_cols(&t, 0, t.len);
	ui_text_free(&t);
	return cols;
}

void
ui_draw_fill(struct ui *ui, WINDOW *w, int y, int x, int n,
    enum theme_elem elem)
{
	if (n <= 0)
		return;
	wattrset(w, ui->attr[elem]);
	mvwhline(w, y, x, ' ', n);
}

/*
 * Lines are drawn with the Unicode box characters rather than the
 * terminal's alternate character set: the locale is UTF-8 anyway, and what
 * is on the screen is then what capture-pane and screen readers see.
 */
void
ui_draw_hline(struct ui *ui, WINDOW *w, int y, int x, int n,
    enum theme_elem elem)
{
	wattrset(w, ui->attr[elem]);
	wmove(w, y, x);
	while (n-- > 0)
		waddstr(w, "\xe2\x94\x80");
}

void
ui_draw_vline(struct ui *ui, WINDOW *w, int y, int x, int n,
    enum theme_elem elem)
{
	wattrset(w, ui->attr[elem]);
	while (n-- > 0)
		mvwaddstr(w, y++, x, "\xe2\x94\x82");
}

void
ui_draw_box(struct ui *ui, WINDOW *w, const char *title, const char *hint)
{
	int	h, wd, tw;

	getmaxyx(w, h, wd);
	if (h < 2 || wd < 2)
		return;
	ui_draw_hline(ui, w, 0, 1, wd - 2, THEME_BORDER);
	ui_draw_hline(ui, w, h - 1, 1, wd - 2, THEME_BORDER);
	ui_draw_vline(ui, w, 1, 0, h - 2, THEME_BORDER);
	ui_draw_vline(ui, w, 1, wd - 1, h - 2, THEME_BORDER);
	mvwaddstr(w, 0, 0, "\xe2\x94\x8c");
	mvwaddstr(w, 0, wd - 1, "\xe2\x94\x90");
	mvwaddstr(w, h - 1, 0, "\xe2\x94\x94");
	/* The bottom-right cell last: curses may not move past it. */
	mvwaddstr(w, h - 1, wd - 1, "\xe2\x94\x98");
	if (title != NULL && wd > 6) {
		ui_draw_str(ui, w, 0, 2, 1, " ", THEME_BORDER, 0);
		tw = ui_draw_str(ui, w, 0, 3, wd - 7, title, THEME_HELP_KEY,
		    UI_DRAW_ELLIPSIS);
		ui_draw_str(ui, w, 0, 3 + tw, 1, " ", THEME_BORDER, 0);
	}
	if (hint != NULL && wd > 6) {
		tw = ui_draw_width(hint);
		if (tw > wd - 6)
			tw = wd - 6;
		ui_draw_str(ui, w, h - 1, wd - tw - 4, 1, " ", THEME_BORDER, 0);
		ui_draw_str(ui, w, h - 1, wd - tw - 3, tw, hint, THEME_HELP,
		    UI_DRAW_ELLIPSIS);
		ui_draw_str(ui, w, h - 1, wd - 3, 1, " ", THEME_BORDER, 0);
	}
}

/* Maps theme attribute bits onto curses ones. */
static attr_t
ui_draw_attrs(int bits)
{
	attr_t	a = A_NORMAL;

	if (bits & THEME_BOLD)
		a |= A_BOLD;
	if (bits & THEME_DIM)
		a |= A_DIM;
	if (bits & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & THEME_REVERSE)
		a |= A_REVERSE;
#ifdef A_ITALIC
	if (bits & THEME_ITALIC)
		a |= A_ITALIC;
#endif
	if (bits & THEME_BLINK)
		a |= A_BLINK;
	return a;
}

void
ui_draw_theme(struct ui *ui, const struct theme *th, int color)
{
	struct palette_pair	pp;
	int			i, fg, bg, ncolors, defaults;

	ncolors = COLORS >= 256 ? 256 : COLORS >= 88 ? 88 :
	    COLORS >= 16 ? 16 : 8;
	defaults = color && use_default_colors() == OK;
	for (i = 0; i < THEME_NELEMS; i++) {
		/* The pair --check-theme measures: readable at this depth. */
		palette_pair(th, i, color ? ncolors : 0, &pp);
		ui->attr[i] = ui_draw_attrs(pp.attrs);
		if (!color || th->monochrome || i + 1 >= COLOR_PAIRS)
			continue;
		fg = pp.fg;
		bg = pp.bg;
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(i + 1), (short)fg, (short)bg);
		ui->attr[i] |= COLOR_PAIR(i + 1);
	}
}

/* Day of the week, 0 for Sunday (Sakamoto's method). */
static int
ui_draw_weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

void
ui_draw_date(const char *date, char *out)
{
	static const char *days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int	y, m, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31 || y < 1) {
		snprintf(out, 16, "%.15s", date);
		return;
	}
	snprintf(out, 16, "%s %d %s %d", days[ui_draw_weekday(y, m, d)], d,
	    months[m - 1], y % 10000);
}
