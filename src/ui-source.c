/*
 * ui-source.c: the source mode (s): a source's text whole, wrapped to the
 * overlay, with every passage some excerpt quotes highlighted (found as
 * `check` finds quotes, by store_source_get) and the selected one most
 * strongly, labelled with the title of the event quoting it; n and N move
 * between passages, Enter goes to the event. A source without a text
 * shows what is known of it and says so.
 *
 * The text is escaped piece by piece between the passages' edges, so that
 * the byte offsets the store gives in the text as written map onto the
 * escaped text that is drawn.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-list.h"
#include "ui-source.h"
#include "ui-view.h"
#include "util.h"

/* Lines above the text: the source, the passage's label, a blank. */
#define UI_SOURCE_HEAD	4

struct ui_source {
	struct store_source	*src;		/* owned */
	char			*why;		/* the text's problem, or NULL */
	struct ui_text		 text;		/* escaped text drawn */
	/* Edges of the passages: in the text as written, in text.s. */
	size_t			*raw;
	size_t			*esc;
	int			 nedges;
	struct text_line	*lines;		/* text wrapped to width */
	size_t			 nlines;
	int			 width;
	struct ui_list		 list;		/* a scroller over lines */
	int			 sel;		/* selected passage, or -1 */
	int			 follow;	/* bring sel on screen */
};

static int
ui_source_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Escapes the text between the passages' edges, keeping the edges. */
static void
ui_source_prepare(struct ui_source *s)
{
	const struct store_source	*src = s->src;
	struct buf			 b;
	size_t				 len = strlen(src->text), *v;
	char				*piece, *esc;
	int				 i, n = 0;

	v = xreallocarray(NULL, (size_t)src->npassages * 2 + 2, sizeof *v);
	v[n++] = 0;
	v[n++] = len;
	for (i = 0; i < src->npassages; i++) {
		v[n++] = src->passages[i].start < len ?
		    src->passages[i].start : len;
		v[n++] = src->passages[i].end < len ?
		    src->passages[i].end : len;
	}
	qsort(v, (size_t)n, sizeof *v, ui_source_cmp);
	s->raw = xreallocarray(NULL, (size_t)n, sizeof *s->raw);
	s->esc = xreallocarray(NULL, (size_t)n, sizeof *s->esc);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s->nedges > 0 && s->raw[s->nedges - 1] == v[i])
			continue;
		if (s->nedges > 0) {
			piece = xstrndup(src->text + s->raw[s->nedges - 1],
			    v[i] - s->raw[s->nedges - 1]);
			esc = text_escape(piece);
			buf_adds(&b, esc);
			free(esc);
			free(piece);
		}
		s->raw[s->nedges] = v[i];
		s->esc[s->nedges++] = b.len;
	}
	free(v);
	s->text.len = b.len;
	s->text.s = buf_detach(&b);
	/* Nothing is an escape any more: the pieces are plain text now. */
	s->text.esc = xcalloc(s->text.len + 1, 1);
}

/* Picks the passage of the excerpt of event at line, else the first. */
static void
ui_source_pick(struct ui *ui, struct ui_source *s,
    const struct ui_source_args *args)
{
	int	i, q = -1;

	s->sel = s->src->npassages > 0 ? 0 : -1;
	if (args->event == NULL)
		return;
	for (i = 0; i < s->src->nquoters; i++) {
		if (strcmp(s->src->quoters[i].event, args->event) == 0 &&
		    (q < 0 || s->src->quoters[i].line == args->line))
			q = i;
	}
	for (i = 0; i < s->src->npassages; i++) {
		if (s->src->passages[i].quoter == q) {
			s->sel = i;
			return;
		}
	}
	if (q >= 0 && s->src->text != NULL)
		ui_message(ui, "this excerpt's quote is not found in the text");
}

static void
ui_source_free(struct ui *ui, void *data)
{
	struct ui_source	*s = data;

	(void)ui;
	store_source_free(s->src);
	free(s->why);
	free(s->text.s);
	free(s->text.esc);
	free(s->raw);
	free(s->esc);
	free(s->lines);
	free(s);
}

static void *
ui_source_init(struct ui *ui, const void *arg)
{
	const struct ui_source_args	*args = arg;
	struct ui_source		*s;
	char				*err = NULL;

	if (args == NULL || args->source == NULL)
		return NULL;
	s = xcalloc(1, sizeof *s);
	if ((s->src = store_source_get(ui->store, args->source, 1, &err)) ==
	    NULL) {
		ui_error(ui, "no source '%s' in the store", args->source);
		free(err);
		free(s);
		return NULL;
	}
	s->why = err;
	s->list.scroller = 1;
	if (s->src->text != NULL)
		ui_source_prepare(s);
	ui_source_pick(ui, s, args);
	s->follow = 1;
	return s;
}

static struct ui_list *
ui_source_list(struct ui *ui, void *data)
{
	struct ui_source	*s = data;

	(void)ui;
	return s->src->text != NULL ? &s->list : NULL;
}

/* The quoter of the selected passage, or NULL. */
static const struct store_quoter *
ui_source_quoter(struct ui_source *s)
{
	if (s->sel < 0)
		return NULL;
	return &s->src->quoters[s->src->passages[s->sel].quoter];
}

static void
ui_source_step(struct ui *ui, struct ui_source *s, int dir)
{
	int	n = s->src->npassages;

	if (n == 0) {
		ui_message(ui, s->src->text != NULL ? "no excerpt quotes a "
		    "passage of this text" : "this source has no text");
		return;
	}
	s->sel = ((s->sel < 0 ? 0 : s->sel) + (dir > 0 ? 1 : n - 1)) % n;
	s->follow = 1;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

/* Enter: the timeline selects the event quoting the passage. */
static void
ui_source_jump(struct ui *ui, struct ui_source *s)
{
	const struct store_quoter	*q;
	int64_t				 seq;

	if ((q = ui_source_quoter(s)) == NULL) {
		ui_message(ui, "no quoted passage selected");
		return;
	}
	seq = q->seq;
	ui_mode_close_all(ui);		/* frees s */
	ui_view_goto_seq(ui, seq);
}

static int
ui_source_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	(void)key;
	switch (a) {
	case KEYS_SEARCH_NEXT:
	case KEYS_SEARCH_PREVIOUS:
		ui_source_step(ui, data, a == KEYS_SEARCH_NEXT ? 1 : -1);
		return 1;
	case KEYS_JUMP:
		ui_source_jump(ui, data);
		return 1;
	case KEYS_CLOSE:
		ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
}

/* How strongly text.s[off] is highlighted: 2 selected, 1 quoted, 0. */
static int
ui_source_level(struct ui_source *s, int edge)
{
	const struct store_passage	*p;
	int				 i, level = 0;

	for (i = 0; i < s->src->npassages; i++) {
		p = &s->src->passages[i];
		if (p->start <= s->raw[edge] && s->raw[edge + 1] <= p->end &&
		    p->start < p->end) {
			if (i == s->sel)
				return 2;
			level = 1;
		}
	}
	return level;
}

/* Draws line l of the text at y, piece by piece between edges. */
static void
ui_source_line(struct ui *ui, struct ui_source *s, WINDOW *w, int y,
    size_t l, int width)
{
	static const enum theme_elem	 elems[] = { THEME_NORMAL,
	    THEME_SEARCH_MATCH, THEME_TL_SELECTED };
	size_t				 pos = s->lines[l].off, end, stop;
	int				 x = 2, e = 0;

	stop = pos + s->lines[l].len;
	while (pos < stop && x < width - 2) {
		while (e + 1 < s->nedges && s->esc[e + 1] <= pos)
			e++;
		end = e + 1 < s->nedges && s->esc[e + 1] < stop ?
		    s->esc[e + 1] : stop;
		x += ui_draw_text(ui, w, y, x, width - 2 - x, &s->text, pos,
		    end - pos, elems[e + 1 < s->nedges ?
		    ui_source_level(s, e) : 0], NULL, 0);
		pos = end;
	}
}

/* Scrolls so that the selected passage starts a third of the way down. */
static void
ui_source_follow(struct ui_source *s)
{
	size_t	off = 0, l;
	int	i;

	s->follow = 0;
	if (s->sel < 0)
		return;
	for (i = 0; i < s->nedges; i++) {
		if (s->raw[i] == s->src->passages[s->sel].start)
			off = s->esc[i];
	}
	for (l = 0; l + 1 < s->nlines && s->lines[l + 1].off <= off; l++)
		;
	s->list.top = (int64_t)l - s->list.height / 3;
	ui_list_scroll(&s->list, 0);
}

/* A source without a text: what is known of it. */
static void
ui_source_draw_meta(struct ui *ui, struct ui_source *s, WINDOW *w,
    int width)
{
	const struct store_source	*src = s->src;
	int				 y = 1;

	ui_draw_str(ui, w, y++, 2, width - 4, src->title, THEME_DT_TITLE,
	    UI_DRAW_ELLIPSIS);
	if (src->publisher != NULL)
		ui_draw_str(ui, w, y++, 2, width - 4, src->publisher,
		    THEME_EX_SOURCE, UI_DRAW_ELLIPSIS);
	if (src->published != NULL)
		ui_draw_str(ui, w, y++, 2, width - 4, src->published,
		    THEME_DT_DATE, UI_DRAW_ELLIPSIS);
	if (src->url != NULL)
		ui_draw_str(ui, w, y++, 2, width - 4, src->url,
		    THEME_DT_LABEL, UI_DRAW_ELLIPSIS);
	y++;
	ui_draw_str(ui, w, y++, 2, width - 4, s->why != NULL ? s->why :
	    "This source has no text (no text: in the content).",
	    s->why != NULL ? THEME_ERROR : THEME_NORMAL, UI_DRAW_ELLIPSIS);
}

static void
ui_source_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_source		*s = data;
	const struct store_quoter	*q;
	WINDOW				*w = ui->ov_win;
	struct buf			 b;
	int				 h, width, i;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	ui_draw_box(ui, w, s->src->title, s->src->text != NULL ?
	    "n/N:passage  Enter:go to  Esc:close" : "Esc:close");
	if (s->src->text == NULL) {
		ui_source_draw_meta(ui, s, w, width);
		wnoutrefresh(w);
		return;
	}
	buf_init(&b);
	buf_adds(&b, s->src->publisher != NULL ? s->src->publisher :
	    s->src->id);
	if (s->src->published != NULL)
		buf_addf(&b, ", %s", s->src->published);
	ui_draw_str(ui, w, 1, 2, width - 4, buf_str(&b), THEME_EX_SOURCE,
	    UI_DRAW_ELLIPSIS);
	buf_reset(&b);
	if ((q = ui_source_quoter(s)) != NULL)
		buf_addf(&b, "Passage %d of %d: %s, %s", s->sel + 1,
		    s->src->npassages, q->title, q->date);
	else
		buf_adds(&b, "No excerpt quotes a passage of this text.");
	ui_draw_str(ui, w, 2, 2, width - 4, buf_str(&b), THEME_DT_TITLE,
	    UI_DRAW_ELLIPSIS);
	buf_free(&b);

	if (width - 4 != s->width) {
		free(s->lines);
		s->width = width - 4;
		s->nlines = text_wrap(s->text.s, s->width > 0 ? s->width : 1,
		    &s->lines);
		s->follow = 1;
	}
	s->list.count = (int64_t)s->nlines;
	s->list.height = h - UI_SOURCE_HEAD - 1;
	if (s->list.height < 1) {
		wnoutrefresh(w);
		return;
	}
	if (s->follow)
		ui_source_follow(s);
	ui_list_show(&s->list);
	for (i = 0; i < s->list.height; i++) {
		if (s->list.top + i >= (int64_t)s->nlines)
			break;
		ui_source_line(ui, s, w, UI_SOURCE_HEAD + i,
		    (size_t)(s->list.top + i), width);
	}
	wnoutrefresh(w);
}

static void
ui_source_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse m)
{
	struct ui_source	*s = data;

	(void)y;
	(void)x;
	if (m == UI_MOUSE_CLICK || s->src->text == NULL)
		return;
	ui_list_scroll(&s->list, m == UI_MOUSE_WHEEL_UP ? -3 : 3);
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

const struct ui_mode ui_source_mode = {
	.name = "source",
	.open = KEYS_NONE,
	.init = ui_source_init,
	.free = ui_source_free,
	.draw = ui_source_draw,
	.key = ui_source_key,
	.list = ui_source_list,
	.mouse = ui_source_mouse,
};
