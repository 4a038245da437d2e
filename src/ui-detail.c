/*
 * ui-detail.c: the detail pane. It loads the selected event with its
 * actors, tags and excerpts, lays it out as lines of styled segments at the
 * pane's width (wrapped by display width, highlights and escapes kept), and
 * shows a scrolled part of them. It also settles the current actor.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "text.h"
#include "ui-core.h"
#include "ui-detail.h"
#include "ui-draw.h"
#include "util.h"

/* Columns of the "Actors" and "Tags" labels. */
#define UI_DETAIL_LABEL	8

void
ui_detail_init(struct ui_detail *dt)
{
	memset(dt, 0, sizeof *dt);
	dt->dirty = 1;
}

/* Drops the built lines (not the event). */
static void
ui_detail_clear_lines(struct ui_detail *dt)
{
	size_t	i;

	for (i = 0; i < dt->ntexts; i++) {
		ui_text_free(dt->texts[i]);
		free(dt->texts[i]);
	}
	dt->ntexts = 0;
	dt->nsegs = 0;
	dt->nlines = 0;
}

void
ui_detail_free(struct ui_detail *dt)
{
	ui_detail_clear_lines(dt);
	free(dt->texts);
	free(dt->segs);
	free(dt->lines);
	free(dt->ex_line);
	store_detail_free(dt->d);
	free(dt->query);
	free(dt->unote);
	memset(dt, 0, sizeof *dt);
}

static int
ui_detail_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

void
ui_detail_sync(struct ui *ui, struct ui_detail *dt)
{
	struct store_detail	*d;
	int64_t			 seq;
	int			 i;

	seq = ui->seq;
	/* A new search reads the event again, from its top. */
	if (dt->reload != ui->reload) {
		dt->reload = ui->reload;
		dt->seq = -1;
	}
	if (seq == dt->seq && ui_detail_same(ui->query, dt->query) &&
	    (dt->d != NULL || seq == 0))
		return;
	store_detail_free(dt->d);
	free(dt->query);
	dt->d = seq != 0 ? store_detail_in_view(ui->view, seq) : NULL;
	dt->query = ui->query != NULL ? xstrdup(ui->query) : NULL;
	if (seq != dt->seq)
		dt->scroll = 0;
	/* A search shows where it matched, not only the event's top. */
	dt->seek = ui->query != NULL ? (dt->back ? -1 : 1) : 0;
	dt->seq = seq;
	dt->dirty = 1;
	ui_redraw(ui, UI_REDRAW_DETAIL | UI_REDRAW_STATUS);

	/* The current actor stays when this event involves them too. */
	if ((d = dt->d) == NULL || d->nactors == 0)
		return;
	for (i = 0; i < d->nactors; i++) {
		if (ui->actor != NULL &&
		    strcmp(d->actors[i].id, ui->actor) == 0)
			return;
	}
	ui_set_actor(ui, d->actors[0].id, d->actors[0].short_name);
}


void
ui_detail_resize(struct ui_detail *dt, int height, int width)
{
	dt->height = height;
	if (width != dt->width)
		dt->dirty = 1;
	dt->width = width;
}

/* Keeps a prepared copy of raw for the lines being built. */
static struct ui_text *
ui_detail_text(struct ui_detail *dt, const char *raw, int newlines)
{
	struct ui_text	*t;

	t = xmalloc(sizeof *t);
	ui_text_init(t, raw, newlines);
	dt->texts = xreallocarray(dt->texts, dt->ntexts + 1,
	    sizeof *dt->texts);
	dt->texts[dt->ntexts++] = t;
	return t;
}

static void
ui_detail_newline(struct ui_detail *dt)
{
	if (dt->nlines == dt->caplines) {
		dt->caplines = dt->caplines == 0 ? 64 : dt->caplines * 2;
		dt->lines = xreallocarray(dt->lines, dt->caplines,
		    sizeof *dt->lines);
	}
	dt->lines[dt->nlines].seg = dt->nsegs;
	dt->lines[dt->nlines].nseg = 0;
	dt->lines[dt->nlines].excerpt = dt->excerpt;
	dt->nlines++;
}

/* Adds a segment to the last line. */
static void
ui_detail_seg(struct ui_detail *dt, int x, enum theme_elem elem,
    const struct ui_text *t, size_t off, size_t len, int mark, int actor)
{
	struct ui_detail_seg	*s;

	if (dt->nlines == 0)
		ui_detail_newline(dt);
	if (dt->nsegs == dt->capsegs) {
		dt->capsegs = dt->capsegs == 0 ? 128 : dt->capsegs * 2;
		dt->segs = xreallocarray(dt->segs, dt->capsegs,
		    sizeof *dt->segs);
	}
	s = &dt->segs[dt->nsegs++];
	s->x = x;
	s->width = ui_text_cols(t, off, len);
	s->elem = elem;
	s->text = t;
	s->off = off;
	s->len = len;
	s->mark = mark;
	s->actor = actor;
	s->link = 0;
	dt->lines[dt->nlines - 1].nseg++;
}

/* Marker state after t->s[from, to), starting from state. */
static int
ui_detail_marks(const struct ui_text *t, size_t from, size_t to, int state)
{
	size_t	i;

	for (i = from; i + TEXT_MARK_LEN <= to; i++) {
		if (memcmp(t->s + i, TEXT_MARK_ON, TEXT_MARK_LEN) == 0)
			state = 1;
		else if (memcmp(t->s + i, TEXT_MARK_OFF, TEXT_MARK_LEN) == 0)
			state = 0;
	}
	return state;
}

/*
 * Wraps raw to width columns as lines starting at column x. With first
 * set, the first line continues the current one (after a label). With bar,
 * each line starts with it at column 0.
 */
static void
ui_detail_wrap(struct ui_detail *dt, const char *raw, int x, int width,
    enum theme_elem elem, int first, const struct ui_text *bar)
{
	struct ui_text		*t;
	struct text_line	*tl;
	size_t			 n, i, last = 0;
	int			 mark = 0;

	if (width < 1)
		width = 1;
	t = ui_detail_text(dt, raw, 1);
	n = text_wrap(t->s, width, &tl);
	for (i = 0; i < n; i++) {
		mark = ui_detail_marks(t, last, tl[i].off, mark);
		if (i > 0 || !first)
			ui_detail_newline(dt);
		if (bar != NULL)
			ui_detail_seg(dt, 0, THEME_BORDER, bar, 0, bar->len,
			    0, 0);
		ui_detail_seg(dt, x, elem, t, tl[i].off, tl[i].len, mark, 0);
		last = tl[i].off;
	}
	free(tl);
}

/* Adds a line holding one short string of the reader's own. */
static void
ui_detail_label(struct ui_detail *dt, int x, const char *s,
    enum theme_elem elem, int newline)
{
	struct ui_text	*t;

	if (newline)
		ui_detail_newline(dt);
	t = ui_detail_text(dt, s, 0);
	ui_detail_seg(dt, x, elem, t, 0, t->len, 0, 0);
}

/* Whether a word of s starts with term[0, n) (whole word unless prefix). */
static int
ui_detail_word_match(const char *s, const char *term, size_t n, int prefix)
{
	const char	*p;

	for (p = s; *p != '\0'; p++) {
		if ((p == s || p[-1] == ' ' || p[-1] == '-') &&
		    strncasecmp(p, term, n) == 0 &&
		    (prefix || p[n] == '\0' || p[n] == ' ' || p[n] == '-' ||
		    p[n] == ',' || p[n] == '.'))
			return 1;
	}
	return 0;
}

/*
 * Whether a term of the search names actor a by its name or an alias, so
 * that a hit found through an alias ("Alaqi") shows why: the actor is
 * highlighted in the Actors line. Terms are the query's words, a
 * trailing * making a prefix.
 */
static int
ui_detail_actor_hit(const char *query, const struct store_actor *a)
{
	const char	*p = query, *w;
	size_t		 n;
	int		 i, prefix;

	while (query != NULL && *p != '\0') {
		while (*p == ' ' || *p == '"')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ' && *p != '"')
			p++;
		n = (size_t)(p - w);
		if ((prefix = n > 0 && w[n - 1] == '*'))
			n--;
		if (n < 2)
			continue;
		if (ui_detail_word_match(a->name, w, n, prefix))
			return 1;
		for (i = 0; i < a->naliases; i++) {
			if (ui_detail_word_match(a->aliases[i], w, n, prefix))
				return 1;
		}
	}
	return 0;
}

/* Lays out the event's actors, flowing names onto as many lines as needed. */
static void
ui_detail_actors(struct ui *ui, struct ui_detail *dt, int width)
{
	struct store_detail	*d = dt->d;
	struct ui_text		*t, *sep;
	int			 i, x, w, room = width - UI_DETAIL_LABEL;
	enum theme_elem		 elem;

	ui_detail_label(dt, 0, "Actors", THEME_DT_LABEL, 1);
	sep = ui_detail_text(dt, ", ", 0);
	x = UI_DETAIL_LABEL;
	for (i = 0; i < d->nactors; i++) {
		t = ui_detail_text(dt, d->actors[i].name, 0);
		w = ui_text_cols(t, 0, t->len);
		if (x > UI_DETAIL_LABEL && x + w > width) {
			ui_detail_newline(dt);
			x = UI_DETAIL_LABEL;
		}
		elem = ui->actor != NULL &&
		    strcmp(ui->actor, d->actors[i].id) == 0 ?
		    THEME_ACTOR_CURRENT : THEME_DT_ACTOR;
		ui_detail_seg(dt, x, elem, t, 0, t->len,
		    ui_detail_actor_hit(dt->query, &d->actors[i]), i + 1);
		x += w < room ? w : room;
		if (i + 1 < d->nactors) {
			ui_detail_seg(dt, x, THEME_DT_LABEL, sep, 0, sep->len,
			    0, 0);
			x += 2;
		}
	}
}

/* Builds every line of the loaded event for the pane's width. */
static void
ui_detail_build(struct ui *ui, struct ui_detail *dt)
{
	struct store_detail	*d = dt->d;
	struct store_excerpt	*ex;
	struct buf		 b;
	char			 day[16];
	size_t			 k;
	int			 i, width = dt->width - 2;

	ui_detail_clear_lines(dt);
	dt->excerpt = 0;
	free(dt->ex_line);
	dt->ex_line = NULL;
	dt->dirty = 0;
	dt->actor_gen = ui->actor_gen;
	if (d == NULL || width < 4)
		return;
	buf_init(&b);

	ui_detail_wrap(dt, d->title, 0, width, THEME_DT_TITLE, 0, NULL);

	ui_draw_date(d->date, day);
	buf_adds(&b, day);
	if (d->time[0] != '\0')
		buf_addf(&b, ", %s", d->time);
	ui_detail_label(dt, 0, buf_str(&b), THEME_DT_DATE, 1);
	if (d->approximate)
		ui_detail_label(dt, ui_draw_width(buf_str(&b)) + 2,
		    "~ approximate date", THEME_TL_APPROX, 0);
	buf_reset(&b);

	if (d->nactors > 0)
		ui_detail_actors(ui, dt, width);
	if (d->ntags > 0) {
		for (i = 0; i < d->ntags; i++)
			buf_addf(&b, "%s%s", i > 0 ? ", " : "", d->tags[i]);
		ui_detail_label(dt, 0, "Tags", THEME_DT_LABEL, 1);
		ui_detail_wrap(dt, buf_str(&b), UI_DETAIL_LABEL,
		    width - UI_DETAIL_LABEL, THEME_DT_TAG, 1, NULL);
		buf_reset(&b);
	}
	if (dt->marked)
		ui_detail_label(dt, 0, "* marked", THEME_DT_TAG, 1);
	if (d->summary != NULL && d->summary[0] != '\0') {
		ui_detail_newline(dt);
		ui_detail_wrap(dt, d->summary, 0, width, THEME_DT_SUMMARY, 0,
		    NULL);
	}
	/* The user's own words, apart from the content's. */
	if (dt->unote != NULL) {
		ui_detail_newline(dt);
		ui_detail_label(dt, 0, "Your note (C edits it)", THEME_DT_LABEL,
		    1);
		ui_detail_wrap(dt, dt->unote, 2, width - 2, THEME_EX_NOTE, 0,
		    NULL);
	}

	dt->ex_line = xreallocarray(NULL, (size_t)d->nexcerpts + 1,
	    sizeof *dt->ex_line);
	for (i = 0; i < d->nexcerpts; i++) {
		ex = &d->excerpts[i];
		dt->excerpt = i + 1;
		ui_detail_newline(dt);
		dt->ex_line[i] = (int)dt->nlines;
		buf_adds(&b, ex->source_title != NULL ? ex->source_title :
		    ex->source);
		if (ex->publisher != NULL && ex->publisher[0] != '\0')
			buf_addf(&b, " \xc2\xb7 %s", ex->publisher);
		if (ex->published != NULL && ex->published[0] != '\0')
			buf_addf(&b, ", %s", ex->published);
		ui_detail_wrap(dt, buf_str(&b), 0, width, THEME_EX_SOURCE, 0,
		    NULL);
		buf_reset(&b);
		if (ex->quote != NULL && ex->quote[0] != '\0') {
			/* A bar down the quote's left, as mail readers do. */
			ui_detail_wrap(dt, ex->quote, 2, width - 2,
			    THEME_EX_QUOTE, 0,
			    ui_detail_text(dt, "\xe2\x94\x82", 0));
		}
		if (ex->note != NULL && ex->note[0] != '\0') {
			ui_detail_label(dt, 2, "Note", THEME_DT_LABEL, 1);
			ui_detail_wrap(dt, ex->note, 8, width - 8,
			    THEME_EX_NOTE, 1, NULL);
		}
		if (ex->url != NULL && ex->url[0] != '\0') {
			/* Whole, wrapped anywhere: a URL is never cut. */
			k = dt->nsegs;
			ui_detail_wrap(dt, ex->url, 2, width - 2,
			    THEME_DT_LABEL, 0, NULL);
			for (; k < dt->nsegs; k++)
				dt->segs[k].link = i + 1;
		}
	}
	dt->excerpt = 0;

	ui_detail_newline(dt);
	buf_addf(&b, "%s", d->id);
	if (d->file != NULL) {
		const char	*file = d->file, *dir = ui->opts->content;
		size_t		 n = dir != NULL ? strlen(dir) : 0;

		/* Relative to the content directory the top line names. */
		if (n > 0 && strncmp(file, dir, n) == 0 && file[n] == '/')
			file += n + 1;
		buf_addf(&b, " \xc2\xb7 %s:%d", file, d->line);
	}
	ui_detail_label(dt, 0, buf_str(&b), THEME_DT_LABEL, 1);
	buf_free(&b);
}

/*
 * Reads the user's mark and note of the event as they are now (another
 * dossier may have changed them); returns whether they changed.
 */
static int
ui_detail_notes(struct ui *ui, struct ui_detail *dt)
{
	char	*note = NULL;
	int	 marked = 0, changed;

	if (dt->d != NULL)
		store_note_get(ui->store, dt->d->id, &marked, &note);
	changed = marked != dt->marked || !ui_detail_same(note, dt->unote);
	free(dt->unote);
	dt->unote = note;
	dt->marked = marked;
	return changed;
}

/* Whether line l holds the start of a match. */
static int
ui_detail_line_matches(const struct ui_detail *dt, size_t l)
{
	const struct ui_detail_seg	*sg;
	size_t				 k, i;

	for (k = 0; k < dt->lines[l].nseg; k++) {
		sg = &dt->segs[dt->lines[l].seg + k];
		for (i = sg->off; i + TEXT_MARK_LEN <= sg->off + sg->len; i++) {
			if (memcmp(sg->text->s + i, TEXT_MARK_ON,
			    TEXT_MARK_LEN) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * The first line after from (dir > 0) or before it (dir < 0) that holds
 * a match, or -1.
 */
static int
ui_detail_find_match(const struct ui_detail *dt, int from, int dir)
{
	int	l;

	for (l = from + dir; l >= 0 && l < (int)dt->nlines; l += dir) {
		if (ui_detail_line_matches(dt, (size_t)l))
			return l;
	}
	return -1;
}

/*
 * Scrolls so that line l shows: not at all if it does already, else with
 * a third of the pane of what leads to it above.
 */
static void
ui_detail_show_line(struct ui *ui, struct ui_detail *dt, int l)
{
	int	top;

	if (dt->height <= 0 || (l >= dt->scroll && l < dt->scroll +
	    dt->height))
		return;
	top = l < dt->height ? 0 : l - dt->height / 3;
	if (top > (int)dt->nlines - dt->height)
		top = (int)dt->nlines - dt->height;
	if (top < 0)
		top = 0;
	dt->scroll = top;
	ui_redraw(ui, UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

/* Rebuilds the lines when the event, the width or the actor changed. */
static void
ui_detail_ensure(struct ui *ui, struct ui_detail *dt)
{
	int	l;

	ui_detail_sync(ui, dt);
	if (ui_detail_notes(ui, dt))
		dt->dirty = 1;
	if (dt->dirty || dt->actor_gen != ui->actor_gen)
		ui_detail_build(ui, dt);
	/* A search just loaded it: its first (or last) match shows. */
	if (dt->seek != 0 && dt->height > 0 && dt->nlines > 0) {
		l = dt->seek > 0 ? ui_detail_find_match(dt, -1, 1) :
		    ui_detail_find_match(dt, (int)dt->nlines, -1);
		dt->seek = 0;
		if (l >= 0)
			ui_detail_show_line(ui, dt, l);
	}
}

int
ui_detail_match_step(struct ui *ui, struct ui_detail *dt, int dir)
{
	int	l;

	ui_detail_ensure(ui, dt);
	if (dt->d == NULL || dt->height <= 0)
		return 0;
	/* The next match below the lines shown, or above them. */
	l = dir > 0 ? ui_detail_find_match(dt, dt->scroll + dt->height - 1,
	    1) : ui_detail_find_match(dt, dt->scroll, -1);
	if (l < 0)
		return 0;
	ui_detail_show_line(ui, dt, l);
	ui_message(ui, "%s match in this event", dir > 0 ? "next" :
	    "previous");
	return 1;
}

/*
 * Asks for a URL segment drawn at y of w to be made an OSC 8 hyperlink
 * once it is on the screen: the cursor saved, moved there, the link
 * opened, the same text written again (underlined), the link closed and
 * the cursor and attributes restored, so that curses' picture of the
 * screen stays true. Only URLs that may be links, and only text without
 * escapes of ours, are written so.
 */
static void
ui_detail_link(struct ui *ui, struct ui_detail *dt, WINDOW *w, int y,
    const struct ui_detail_seg *s)
{
	const char	*url = dt->d->excerpts[s->link - 1].url;
	const char	*t = s->text->s + s->off;
	size_t		 i;

	if (!export_url_linkable(url))
		return;
	for (i = 0; i < s->len; i++) {
		/* The URL was drawn as it is (nothing escaped). */
		if ((unsigned char)t[i] < 0x21 || t[i] == 0x7f)
			return;
	}
	buf_addf(&ui->after, "\0337\033[%d;%dH\033]8;;%s\033\\\033[4m",
	    getbegy(w) + y + 1, getbegx(w) + 1 + s->x + 1, url);
	buf_add(&ui->after, t, s->len);
	buf_adds(&ui->after, "\033[24m\033]8;;\033\\\0338");
}

/*
 * The furthest the pane scrolls: its end at the bottom, or the last
 * excerpt at the top, so that e and s can be on any excerpt.
 */
static int
ui_detail_max(struct ui_detail *dt, int h)
{
	int	max = (int)dt->nlines - h;

	if (dt->d != NULL && dt->ex_line != NULL && dt->d->nexcerpts > 0 &&
	    dt->ex_line[dt->d->nexcerpts - 1] > max)
		max = dt->ex_line[dt->d->nexcerpts - 1];
	return max;
}

void
ui_detail_draw(struct ui *ui, struct ui_detail *dt)
{
	struct ui_detail_seg	*s;
	WINDOW			*w = ui->dt_win;
	size_t			 l, k;
	int			 h, width, y, mark;

	getmaxyx(w, h, width);
	ui_detail_resize(dt, h, width);
	ui_detail_ensure(ui, dt);
	werase(w);
	if (dt->scroll > ui_detail_max(dt, h))
		dt->scroll = ui_detail_max(dt, h);
	if (dt->scroll < 0)
		dt->scroll = 0;
	for (y = 0; y < h; y++) {
		l = (size_t)dt->scroll + (size_t)y;
		if (l >= dt->nlines)
			break;
		for (k = 0; k < dt->lines[l].nseg; k++) {
			s = &dt->segs[dt->lines[l].seg + k];
			if (s->x >= width - 2)
				continue;
			mark = s->mark;
			ui_draw_text(ui, w, y, 1 + s->x, width - 2 - s->x,
			    s->text, s->off, s->len, s->elem, &mark,
			    UI_DRAW_ELLIPSIS);
			if (s->link > 0 && ui->hyperlinks)
				ui_detail_link(ui, dt, w, y, s);
		}
	}
	wnoutrefresh(w);
}

void
ui_detail_scroll(struct ui *ui, struct ui_detail *dt, int delta)
{
	int			 max, old = dt->scroll;

	ui_detail_ensure(ui, dt);
	max = ui_detail_max(dt, dt->height);
	dt->scroll += delta;
	if (dt->scroll > max)
		dt->scroll = max;
	if (dt->scroll < 0)
		dt->scroll = 0;
	if (dt->scroll != old)
		ui_redraw(ui, UI_REDRAW_DETAIL | UI_REDRAW_STATUS);
}

void
ui_detail_scroll_to(struct ui *ui, struct ui_detail *dt, int line)
{
	ui_detail_ensure(ui, dt);
	if (line < 0)
		line = (int)dt->nlines;
	ui_detail_scroll(ui, dt, line - dt->scroll);
}

void
ui_detail_cycle_actor(struct ui *ui, struct ui_detail *dt, int dir)
{
	struct store_detail	*d;
	int			 i, cur = -1;

	ui_detail_sync(ui, dt);
	if ((d = dt->d) == NULL || d->nactors == 0) {
		ui_message(ui, "this event names no actors");
		return;
	}
	for (i = 0; i < d->nactors; i++) {
		if (ui->actor != NULL &&
		    strcmp(d->actors[i].id, ui->actor) == 0)
			cur = i;
	}
	if (d->nactors == 1 && cur == 0) {
		ui_message(ui, "%s is this event's only actor",
		    d->actors[0].name);
		return;
	}
	cur = cur < 0 ? 0 : (cur + (dir > 0 ? 1 : d->nactors - 1)) %
	    d->nactors;
	ui_set_actor(ui, d->actors[cur].id, d->actors[cur].short_name);
}

int
ui_detail_excerpt(struct ui *ui, struct ui_detail *dt)
{
	int	i, n;

	ui_detail_ensure(ui, dt);
	if (dt->d == NULL || (n = dt->d->nexcerpts) == 0 ||
	    dt->ex_line == NULL)
		return -1;
	for (i = n - 1; i >= 0; i--) {
		if (dt->ex_line[i] <= dt->scroll)
			return i;
	}
	return dt->ex_line[0] < dt->scroll + dt->height ? 0 : -1;
}

void
ui_detail_click(struct ui *ui, struct ui_detail *dt, int y, int x)
{
	struct ui_detail_seg	*s;
	size_t			 l, k;

	ui_detail_ensure(ui, dt);
	l = (size_t)dt->scroll + (size_t)y;
	if (y < 0 || l >= dt->nlines || dt->d == NULL)
		return;
	for (k = 0; k < dt->lines[l].nseg; k++) {
		s = &dt->segs[dt->lines[l].seg + k];
		if (s->actor > 0 && x >= 1 + s->x && x < 1 + s->x + s->width) {
			ui_set_actor(ui, dt->d->actors[s->actor - 1].id,
			    dt->d->actors[s->actor - 1].short_name);
			return;
		}
	}
}
