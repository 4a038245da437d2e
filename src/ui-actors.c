/*
 * ui-actors.c: the actor overlays. The list (a) shows every actor with
 * their number of events, narrowed as the user types, read from the store a
 * window at a time; Enter filters the timeline to the chosen actor. The
 * profile (A) shows one actor and their events in order; Enter goes to one.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-actors.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "util.h"

static void	ui_actors_draw(struct ui *, WINDOW *);
static void	ui_actors_mouse(struct ui *, WINDOW *, int, int,
		    enum ui_mouse);
static void	ui_actors_close(struct ui *);
static void	ui_profile_draw(struct ui *, WINDOW *);
static void	ui_profile_mouse(struct ui *, WINDOW *, int, int,
		    enum ui_mouse);
static void	ui_profile_close(struct ui *);

const struct ui_overlay ui_actors_overlay = {
	"actors", KEYS_ACTORS, ui_actors_draw, ui_actors_mouse,
	ui_actors_insert, ui_actors_close
};

const struct ui_overlay ui_profile_overlay = {
	"profile", KEYS_PROFILE, ui_profile_draw, ui_profile_mouse, NULL,
	ui_profile_close
};

/* Lines a list scrolls by for one turn of the wheel. */
#define UI_ACTORS_WHEEL	3

static void
ui_actors_drop_cache(struct ui_actors *al)
{
	store_actors_clear(al->cache, al->cache_n);
	al->cache_n = 0;
	al->cache_off = 0;
}

void
ui_actors_free(struct ui *ui)
{
	ui_actors_drop_cache(&ui->actors);
	free(ui->actors.cache);
	ui_profile_close(ui);
	memset(&ui->actors, 0, sizeof ui->actors);
}

/*
 * The filter changed: select the first actor and count again, but only
 * when the count is next needed, so that typing a name costs one count per
 * screen update rather than one per letter.
 */
static void
ui_actors_refresh(struct ui *ui)
{
	struct ui_actors	*al = &ui->actors;

	ui_actors_drop_cache(al);
	al->stale = 1;
	al->sel = 0;
	al->top = 0;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

/* Brings the count up to date with the filter. */
static void
ui_actors_sync(struct ui *ui)
{
	struct ui_actors	*al = &ui->actors;

	if (!al->stale)
		return;
	al->count = store_actor_count(ui->store, al->filter);
	al->stale = 0;
}

/* Returns actor i (0-based) of the filtered list, reading round it. */
static const struct store_actor *
ui_actors_get(struct ui *ui, int64_t i)
{
	struct ui_actors	*al = &ui->actors;
	int64_t			 from;

	ui_actors_sync(ui);
	if (i < 0 || i >= al->count)
		return NULL;
	if (al->cache_n > 0 && i >= al->cache_off &&
	    i < al->cache_off + al->cache_n)
		return &al->cache[i - al->cache_off];
	if (al->cache_cap == 0) {
		al->cache_cap = 200;
		al->cache = xcalloc((size_t)al->cache_cap, sizeof *al->cache);
	}
	ui_actors_drop_cache(al);
	from = i - al->cache_cap / 3;
	if (from < 0)
		from = 0;
	al->cache_n = store_actor_list(ui->store, al->filter, from,
	    al->cache_cap, al->cache);
	al->cache_off = from;
	if (i >= al->cache_off + al->cache_n)
		return NULL;
	return &al->cache[i - al->cache_off];
}

void
ui_actors_key_open(struct ui *ui, int key)
{
	struct ui_actors	*al = &ui->actors;

	(void)key;
	al->filter[0] = '\0';
	al->flen = 0;
	ui_actors_refresh(ui);
	ui_actors_sync(ui);
	al->total = al->count;
	if (al->count == 0) {
		ui_message(ui, "this corpus names no actors");
		return;
	}
	ui_overlay_push(ui, &ui_actors_overlay);
}

static void
ui_actors_close(struct ui *ui)
{
	ui_actors_drop_cache(&ui->actors);
}

/* Selects index i (clamped) and scrolls it into view. */
static void
ui_actors_select(struct ui *ui, int64_t i)
{
	struct ui_actors	*al = &ui->actors;

	ui_actors_sync(ui);
	if (al->count == 0)
		return;
	if (i >= al->count)
		i = al->count - 1;
	if (i < 0)
		i = 0;
	al->sel = i;
	if (al->sel < al->top)
		al->top = al->sel;
	if (al->height > 0 && al->sel >= al->top + al->height)
		al->top = al->sel - al->height + 1;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

void
ui_actors_insert(struct ui *ui, int ch)
{
	struct ui_actors	*al = &ui->actors;
	char			 u[4];
	int			 n;

	/* Only what can be typed: no controls, nothing invalid. */
	if ((n = text_encode(ch, u)) == 0)
		return;
	if (al->flen + (size_t)n + 1 > sizeof al->filter)
		return;
	memcpy(al->filter + al->flen, u, (size_t)n);
	al->flen += (size_t)n;
	al->filter[al->flen] = '\0';
	ui_actors_refresh(ui);
}

void
ui_actors_key_erase(struct ui *ui, int key)
{
	struct ui_actors	*al = &ui->actors;

	(void)key;
	if (al->flen == 0)
		return;
	al->flen--;
	while (al->flen > 0 && ((unsigned char)al->filter[al->flen] & 0xc0) ==
	    0x80)
		al->flen--;
	al->filter[al->flen] = '\0';
	ui_actors_refresh(ui);
}

void
ui_actors_key_clear(struct ui *ui, int key)
{
	(void)key;
	ui->actors.flen = 0;
	ui->actors.filter[0] = '\0';
	ui_actors_refresh(ui);
}

void
ui_actors_key_down(struct ui *ui, int key)
{
	(void)key;
	ui_actors_select(ui, ui->actors.sel + 1);
}

void
ui_actors_key_up(struct ui *ui, int key)
{
	(void)key;
	ui_actors_select(ui, ui->actors.sel - 1);
}

void
ui_actors_key_page_down(struct ui *ui, int key)
{
	int64_t	page = ui->actors.height > 1 ? ui->actors.height - 1 : 1;

	(void)key;
	ui_actors_sync(ui);
	ui->actors.top += page;
	if (ui->actors.top > ui->actors.count - ui->actors.height)
		ui->actors.top = ui->actors.count - ui->actors.height;
	if (ui->actors.top < 0)
		ui->actors.top = 0;
	ui_actors_select(ui, ui->actors.sel + page);
}

void
ui_actors_key_page_up(struct ui *ui, int key)
{
	int64_t	page = ui->actors.height > 1 ? ui->actors.height - 1 : 1;

	(void)key;
	ui->actors.top -= page;
	if (ui->actors.top < 0)
		ui->actors.top = 0;
	ui_actors_select(ui, ui->actors.sel - page);
}

void
ui_actors_key_first(struct ui *ui, int key)
{
	(void)key;
	ui_actors_select(ui, 0);
}

void
ui_actors_key_last(struct ui *ui, int key)
{
	(void)key;
	ui_actors_sync(ui);
	ui_actors_select(ui, ui->actors.count - 1);
}

void
ui_actors_key_choose(struct ui *ui, int key)
{
	const struct store_actor	*a;
	char				*id, *name, *sname;

	(void)key;
	if ((a = ui_actors_get(ui, ui->actors.sel)) == NULL) {
		ui_message(ui, "no actor matches '%s'", ui->actors.filter);
		return;
	}
	/* Copies: filtering may read the store and move the cache. */
	id = xstrdup(a->id);
	name = xstrdup(a->name);
	sname = xstrdup(a->short_name != NULL ? a->short_name : a->name);
	ui_set_actor(ui, id, sname);
	if (ui_filter_actor(ui, id, name) == 0)
		ui_overlay_close_all(ui);
	free(id);
	free(name);
	free(sname);
}

void
ui_actors_key_show(struct ui *ui, int key)
{
	const struct store_actor	*a;
	char				*id;

	(void)key;
	if ((a = ui_actors_get(ui, ui->actors.sel)) == NULL)
		return;
	id = xstrdup(a->id);
	ui_actors_open_profile(ui, id);
	free(id);
}

void
ui_actors_key_close(struct ui *ui, int key)
{
	/* q is a letter once something is typed: "Iraq". */
	if (key == 'q' && ui->actors.flen > 0) {
		ui_actors_insert(ui, key);
		return;
	}
	ui_overlay_pop(ui);
}

/* Draws one actor on line y. */
static void
ui_actors_draw_row(struct ui *ui, WINDOW *w, int y, int width,
    const struct store_actor *a, int selected)
{
	char		 n[24];
	enum theme_elem	 e_name, e_dim;
	int		 x = 2, room, used, kw = 0;

	e_name = selected ? THEME_TL_SELECTED : THEME_DT_ACTOR;
	e_dim = selected ? THEME_TL_SELECTED : THEME_DT_LABEL;
	ui_draw_fill(ui, w, y, 1, width - 2, selected ? THEME_TL_SELECTED :
	    THEME_NORMAL);
	snprintf(n, sizeof n, "%lld", (long long)a->events);
	room = width - 4 - 7;		/* borders, margins, count */
	if (width >= 56)
		kw = 13;		/* "organization" and a space */
	used = ui_draw_str(ui, w, y, x, room - kw, a->name, e_name,
	    UI_DRAW_ELLIPSIS);
	if (a->role != NULL && room - kw - used > 8)
		ui_draw_str(ui, w, y, x + used + 2, room - kw - used - 2,
		    a->role, e_dim, UI_DRAW_ELLIPSIS);
	if (kw > 0)
		ui_draw_str(ui, w, y, x + room - kw + 1, kw - 1, a->kind,
		    e_dim, 0);
	ui_draw_str(ui, w, y, width - 2 - (int)strlen(n), (int)strlen(n), n,
	    e_name, 0);
}

static void
ui_actors_draw(struct ui *ui, WINDOW *w)
{
	struct ui_actors		*al = &ui->actors;
	const struct store_actor	*a;
	char				 title[64];
	int				 h, width, y, x;
	int64_t				 i;

	getmaxyx(w, h, width);
	werase(w);
	ui_actors_sync(ui);
	if (al->flen > 0)
		snprintf(title, sizeof title, "Actors: %lld of %lld",
		    (long long)al->count, (long long)al->total);
	else
		snprintf(title, sizeof title, "Actors: %lld",
		    (long long)al->count);
	ui_draw_box(ui, w, title, "Enter:filter  Tab:profile  Esc:close");

	/* The filter line, with a block cursor of its own. */
	x = 2 + ui_draw_str(ui, w, 1, 2, width - 4, "Find: ", THEME_DT_LABEL,
	    0);
	x += ui_draw_str(ui, w, 1, x, width - 3 - x, al->filter, THEME_PROMPT,
	    0);
	if (x < width - 2) {
		wattrset(w, ui_draw_attr(ui, THEME_PROMPT) | A_REVERSE);
		mvwaddch(w, 1, x, ' ');
	}
	if (al->flen == 0 && x + 2 < width - 2)
		ui_draw_str(ui, w, 1, x + 2, width - 4 - x,
		    "type to narrow by name, id or alias", THEME_DT_LABEL,
		    UI_DRAW_ELLIPSIS);

	al->list_y = 3;
	al->height = h - 1 - al->list_y;
	if (al->height < 1)
		al->height = 1;
	if (al->sel >= al->top + al->height)
		al->top = al->sel - al->height + 1;
	if (al->count == 0)
		ui_draw_str(ui, w, al->list_y, 2, width - 4,
		    "no actor matches", THEME_DT_LABEL, 0);
	for (y = 0; y < al->height; y++) {
		i = al->top + y;
		if ((a = ui_actors_get(ui, i)) == NULL)
			break;
		ui_actors_draw_row(ui, w, al->list_y + y, width, a,
		    i == al->sel);
	}
	wnoutrefresh(w);
}

static void
ui_actors_mouse(struct ui *ui, WINDOW *w, int y, int x, enum ui_mouse m)
{
	struct ui_actors	*al = &ui->actors;
	int64_t			 i;

	(void)w;
	(void)x;
	ui_actors_sync(ui);
	if (m == UI_MOUSE_WHEEL_UP || m == UI_MOUSE_WHEEL_DOWN) {
		ui_actors_select(ui, al->sel + (m == UI_MOUSE_WHEEL_UP ?
		    -UI_ACTORS_WHEEL : UI_ACTORS_WHEEL));
		return;
	}
	if (y < al->list_y || y >= al->list_y + al->height)
		return;
	i = al->top + (y - al->list_y);
	if (i >= al->count)
		return;
	if (i == al->sel)
		ui_actors_key_choose(ui, 0);
	else
		ui_actors_select(ui, i);
}

/* The profile. */

static void
ui_profile_close(struct ui *ui)
{
	struct ui_profile	*pf = &ui->profile;

	if (pf->loaded)
		store_actors_clear(&pf->actor, 1);
	if (pf->view != NULL)
		store_view_free(pf->view);
	memset(pf, 0, sizeof *pf);
}

void
ui_actors_open_profile(struct ui *ui, const char *id)
{
	struct ui_profile	*pf = &ui->profile;
	struct store_filter	 f;
	char			*err = NULL;

	if (ui->nov > 0 && ui->ov[ui->nov - 1] == &ui_profile_overlay)
		ui_overlay_pop(ui);
	ui_profile_close(ui);
	if (store_actor_get(ui->store, id, &pf->actor) != 0) {
		ui_error(ui, "no actor '%s' in the store", id);
		return;
	}
	pf->loaded = 1;
	memset(&f, 0, sizeof f);
	f.actor = pf->actor.id;
	f.order = STORE_ORDER_DATE;
	if ((pf->view = store_view_new(ui->store, &f, &err)) == NULL) {
		ui_error(ui, "%s", err != NULL ? err : "cannot list events");
		free(err);
		ui_profile_close(ui);
		return;
	}
	pf->count = store_view_count(pf->view);
	pf->sel = pf->count > 0 ? 1 : 0;
	pf->top = 1;
	/* Start on the event the timeline shows, if it is theirs. */
	if (pf->count > 0) {
		int64_t	seq = ui_timeline_seq(ui), p;
		struct store_row	r;

		p = store_view_find(pf->view, seq);
		if (p > 0 && store_view_rows(pf->view, p, 1, &r) == 1) {
			if (r.seq == seq)
				pf->sel = p;
			store_rows_clear(&r, 1);
		}
	}
	ui_overlay_push(ui, &ui_profile_overlay);
}

void
ui_actors_key_profile(struct ui *ui, int key)
{
	(void)key;
	ui_detail_sync(ui);
	if (ui->actor == NULL) {
		ui_message(ui, "no current actor: this event names none");
		return;
	}
	ui_actors_open_profile(ui, ui->actor);
}

static void
ui_profile_select(struct ui *ui, int64_t i)
{
	struct ui_profile	*pf = &ui->profile;

	if (pf->count == 0)
		return;
	if (i > pf->count)
		i = pf->count;
	if (i < 1)
		i = 1;
	pf->sel = i;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

void
ui_profile_key_down(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, ui->profile.sel + 1);
}

void
ui_profile_key_up(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, ui->profile.sel - 1);
}

void
ui_profile_key_page_down(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, ui->profile.sel +
	    (ui->profile.height > 1 ? ui->profile.height - 1 : 1));
}

void
ui_profile_key_page_up(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, ui->profile.sel -
	    (ui->profile.height > 1 ? ui->profile.height - 1 : 1));
}

void
ui_profile_key_first(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, 1);
}

void
ui_profile_key_last(struct ui *ui, int key)
{
	(void)key;
	ui_profile_select(ui, ui->profile.count);
}

void
ui_profile_key_jump(struct ui *ui, int key)
{
	struct ui_profile	*pf = &ui->profile;
	struct store_row	 r;
	int64_t			 seq;
	char			*id, *sname;

	(void)key;
	if (pf->count == 0 || store_view_rows(pf->view, pf->sel, 1, &r) != 1)
		return;
	seq = r.seq;
	store_rows_clear(&r, 1);
	id = xstrdup(pf->actor.id);
	sname = xstrdup(pf->actor.short_name != NULL ? pf->actor.short_name :
	    pf->actor.name);
	ui_overlay_close_all(ui);
	ui_set_actor(ui, id, sname);
	ui_goto_seq(ui, seq);
	free(id);
	free(sname);
}

void
ui_profile_key_filter(struct ui *ui, int key)
{
	struct ui_profile	*pf = &ui->profile;
	char			*id, *name, *sname;

	(void)key;
	id = xstrdup(pf->actor.id);
	name = xstrdup(pf->actor.name);
	sname = xstrdup(pf->actor.short_name != NULL ? pf->actor.short_name :
	    pf->actor.name);
	ui_set_actor(ui, id, sname);
	if (ui_filter_actor(ui, id, name) == 0)
		ui_overlay_close_all(ui);
	free(id);
	free(name);
	free(sname);
}

void
ui_profile_key_close(struct ui *ui, int key)
{
	(void)key;
	ui_overlay_pop(ui);
}

/* Draws "Label  value" on line y if value is set; returns the next line. */
static int
ui_profile_field(struct ui *ui, WINDOW *w, int y, int width,
    const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return y;
	ui_draw_str(ui, w, y, 2, 14, label, THEME_DT_LABEL, 0);
	ui_draw_str(ui, w, y, 16, width - 18, value, THEME_DT_SUMMARY,
	    UI_DRAW_ELLIPSIS);
	return y + 1;
}

static void
ui_profile_draw(struct ui *ui, WINDOW *w)
{
	struct ui_profile	*pf = &ui->profile;
	struct store_actor	*a = &pf->actor;
	struct store_row	*rows;
	struct buf		 b;
	char			 day[16];
	int			 h, width, y, i, n, x;
	enum theme_elem		 e;

	getmaxyx(w, h, width);
	werase(w);
	ui_draw_box(ui, w, a->name, "Enter:go to  f:filter  Esc:close");
	buf_init(&b);
	y = 1;
	ui_draw_str(ui, w, y++, 2, width - 4, a->name, THEME_DT_TITLE,
	    UI_DRAW_ELLIPSIS);
	y = ui_profile_field(ui, w, y, width, "Kind", a->kind);
	y = ui_profile_field(ui, w, y, width, "Role", a->role);
	y = ui_profile_field(ui, w, y, width, "Affiliation",
	    a->affiliation_name != NULL ? a->affiliation_name :
	    a->affiliation);
	for (i = 0; i < a->naliases; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", a->aliases[i]);
	y = ui_profile_field(ui, w, y, width, "Also known as", buf_str(&b));
	buf_reset(&b);
	buf_addf(&b, "%lld event%s", (long long)pf->count,
	    pf->count == 1 ? "" : "s");
	y = ui_profile_field(ui, w, y, width, "Events", buf_str(&b));
	buf_free(&b);

	pf->list_y = y + 1;
	pf->height = h - 1 - pf->list_y;
	if (pf->height < 1) {
		pf->height = 0;
		wnoutrefresh(w);
		return;
	}
	if (pf->sel < pf->top)
		pf->top = pf->sel;
	if (pf->sel >= pf->top + pf->height)
		pf->top = pf->sel - pf->height + 1;
	if (pf->top < 1)
		pf->top = 1;
	rows = xcalloc((size_t)pf->height, sizeof *rows);
	n = pf->count > 0 ? store_view_rows(pf->view, pf->top, pf->height,
	    rows) : 0;
	for (i = 0; i < n; i++) {
		y = pf->list_y + i;
		e = pf->top + i == pf->sel ? THEME_TL_SELECTED : THEME_NORMAL;
		ui_draw_fill(ui, w, y, 1, width - 2, e);
		ui_draw_date(rows[i].date, day);
		ui_draw_str(ui, w, y, 2, 16, day, e == THEME_NORMAL ?
		    THEME_TL_DAY : e, 0);
		x = 19;
		if (rows[i].time[0] != '\0')
			ui_draw_str(ui, w, y, x, 5, rows[i].time,
			    e == THEME_NORMAL ? THEME_TL_TIME : e, 0);
		if (rows[i].approximate)
			ui_draw_str(ui, w, y, x + 6, 1, "~",
			    e == THEME_NORMAL ? THEME_TL_APPROX : e, 0);
		ui_draw_str(ui, w, y, x + 8, width - x - 10, rows[i].title,
		    e == THEME_NORMAL ? THEME_TL_TITLE : e, UI_DRAW_ELLIPSIS);
	}
	store_rows_clear(rows, n);
	free(rows);
	wnoutrefresh(w);
}

static void
ui_profile_mouse(struct ui *ui, WINDOW *w, int y, int x, enum ui_mouse m)
{
	struct ui_profile	*pf = &ui->profile;
	int64_t			 i;

	(void)w;
	(void)x;
	if (m == UI_MOUSE_WHEEL_UP || m == UI_MOUSE_WHEEL_DOWN) {
		ui_profile_select(ui, pf->sel + (m == UI_MOUSE_WHEEL_UP ?
		    -UI_ACTORS_WHEEL : UI_ACTORS_WHEEL));
		return;
	}
	if (y < pf->list_y || y >= pf->list_y + pf->height)
		return;
	i = pf->top + (y - pf->list_y);
	if (i > pf->count)
		return;
	if (i == pf->sel)
		ui_profile_key_jump(ui, 0);
	else
		ui_profile_select(ui, i);
}
