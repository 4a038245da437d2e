/*
 * ui-actors.c: the actor list mode (a). It shows every actor with their
 * number of events, narrowed as the user types, read from the store a
 * window at a time; Enter filters the timeline to the chosen actor, Tab
 * opens their profile.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-list.h"
#include "ui-view.h"
#include "util.h"

#define UI_ACTORS_FILTER_MAX	128
/* Actors that can be marked at once (Ctrl-t). */
#define UI_ACTORS_MARKS		16
/* Lines a list scrolls by for one turn of the wheel. */
#define UI_ACTORS_WHEEL		3

/* The state of the open list. */
struct ui_actors {
	char			 filter[UI_ACTORS_FILTER_MAX];
	size_t			 flen;
	struct ui_list		 list;		/* count: actors matching */
	int			 stale;		/* count to be read again */
	int64_t			 total;		/* all actors */
	int			 list_y;	/* first list line in the window */
	/* The marked actors, in the order marked: ids and short names. */
	char			*marked[UI_ACTORS_MARKS];
	char			*marked_name[UI_ACTORS_MARKS];
	int			 nmarked;

	/* Window of actors: cache_off .. cache_off+cache_n-1. */
	struct store_actor	*cache;
	int64_t			 cache_off;
	int			 cache_n;
	int			 cache_cap;
};

static void
ui_actors_drop_cache(struct ui_actors *al)
{
	store_actors_clear(al->cache, al->cache_n);
	al->cache_n = 0;
	al->cache_off = 0;
}

static void
ui_actors_free(struct ui *ui, void *data)
{
	struct ui_actors	*al = data;

	int			 i;

	(void)ui;
	for (i = 0; i < al->nmarked; i++) {
		free(al->marked[i]);
		free(al->marked_name[i]);
	}
	ui_actors_drop_cache(al);
	free(al->cache);
	free(al);
}

/*
 * The filter changed: select the first actor and count again, but only
 * when the count is next needed, so that typing a name costs one count per
 * screen update rather than one per letter.
 */
static void
ui_actors_refresh(struct ui *ui, struct ui_actors *al)
{
	ui_actors_drop_cache(al);
	al->stale = 1;
	al->list.sel = 0;
	al->list.top = 0;
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

/* Brings the count up to date with the filter. */
static void
ui_actors_sync(struct ui *ui, struct ui_actors *al)
{
	if (!al->stale)
		return;
	al->list.count = store_actor_count(ui->store, al->filter);
	al->stale = 0;
}

/* Returns actor i (0-based) of the filtered list, reading round it. */
static const struct store_actor *
ui_actors_get(struct ui *ui, struct ui_actors *al, int64_t i)
{
	int64_t	from;

	ui_actors_sync(ui, al);
	if (i < 0 || i >= al->list.count)
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

/* Opens the list, unless the corpus names no actors. */
static void *
ui_actors_init(struct ui *ui, const void *arg)
{
	struct ui_actors	*al;

	(void)arg;
	al = xcalloc(1, sizeof *al);
	ui_actors_refresh(ui, al);
	ui_actors_sync(ui, al);
	al->total = al->list.count;
	if (al->list.count == 0) {
		ui_message(ui, "this corpus names no actors");
		ui_actors_free(ui, al);
		return NULL;
	}
	return al;
}

static struct ui_list *
ui_actors_list(struct ui *ui, void *data)
{
	struct ui_actors	*al = data;

	ui_actors_sync(ui, al);
	return &al->list;
}

static void
ui_actors_insert(struct ui *ui, void *data, int ch)
{
	struct ui_actors	*al = data;
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
	ui_actors_refresh(ui, al);
}

/* Returns the place of id among the marked, or -1. */
static int
ui_actors_marked(struct ui_actors *al, const char *id)
{
	int	i;

	for (i = 0; i < al->nmarked; i++)
		if (strcmp(al->marked[i], id) == 0)
			return i;
	return -1;
}

/* Ctrl-t: marks the selected actor, or unmarks it. */
static void
ui_actors_mark(struct ui *ui, struct ui_actors *al)
{
	const struct store_actor	*a;
	int				 i;

	if ((a = ui_actors_get(ui, al, al->list.sel)) == NULL)
		return;
	if ((i = ui_actors_marked(al, a->id)) >= 0) {
		free(al->marked[i]);
		free(al->marked_name[i]);
		al->nmarked--;
		memmove(al->marked + i, al->marked + i + 1,
		    (size_t)(al->nmarked - i) * sizeof *al->marked);
		memmove(al->marked_name + i, al->marked_name + i + 1,
		    (size_t)(al->nmarked - i) * sizeof *al->marked_name);
	} else if (al->nmarked == UI_ACTORS_MARKS) {
		ui_message(ui, "%d actors are marked already", UI_ACTORS_MARKS);
		return;
	} else {
		al->marked[al->nmarked] = xstrdup(a->id);
		al->marked_name[al->nmarked++] = xstrdup(a->short_name !=
		    NULL ? a->short_name : a->name);
	}
	ui_redraw(ui, UI_REDRAW_OVERLAY);
}

/* The marked actors' names joined by " + "; caller frees. */
static char *
ui_actors_marked_names(struct ui_actors *al)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < al->nmarked; i++)
		buf_addf(&b, "%s%s", i > 0 ? " + " : "", al->marked_name[i]);
	return buf_detach(&b);
}

/* Enter with actors marked: the events involving all of them. */
static void
ui_actors_choose_marked(struct ui *ui, struct ui_actors *al)
{
	char	*name = ui_actors_marked_names(al);

	if (ui_view_filter_more(ui, (const char *const *)al->marked,
	    al->nmarked, name, NULL, NULL, NULL) == 0)
		ui_mode_close_all(ui);		/* frees al */
	free(name);
}

/* Enter: the timeline shows the selected actor's events. */
static void
ui_actors_choose(struct ui *ui, struct ui_actors *al)
{
	const struct store_actor	*a;
	char				*id, *name, *sname;

	if (al->nmarked > 0) {
		ui_actors_choose_marked(ui, al);
		return;
	}

	if ((a = ui_actors_get(ui, al, al->list.sel)) == NULL) {
		ui_message(ui, "no actor matches '%s'", al->filter);
		return;
	}
	/* Copies: filtering may read the store and move the cache. */
	id = xstrdup(a->id);
	name = xstrdup(a->name);
	sname = xstrdup(a->short_name != NULL ? a->short_name : a->name);
	ui_set_actor(ui, id, sname);
	if (ui_view_filter_actor(ui, id, name) == 0)
		ui_mode_close_all(ui);		/* frees al */
	free(id);
	free(name);
	free(sname);
}

static int
ui_actors_key(struct ui *ui, void *data, enum keys_action a, int key)
{
	struct ui_actors		*al = data;
	const struct store_actor	*ac;
	char				*id;

	ui_actors_sync(ui, al);
	switch (a) {
	case KEYS_CHOOSE:
		ui_actors_choose(ui, al);
		return 1;
	case KEYS_MARK_ACTOR:
		ui_actors_mark(ui, al);
		return 1;
	case KEYS_PROFILE:
		if ((ac = ui_actors_get(ui, al, al->list.sel)) == NULL)
			return 1;
		id = xstrdup(ac->id);
		ui_mode_push(ui, &ui_profile_mode, id);
		free(id);
		return 1;
	case KEYS_ERASE:
		if (al->flen == 0)
			return 1;
		al->flen--;
		while (al->flen > 0 &&
		    ((unsigned char)al->filter[al->flen] & 0xc0) == 0x80)
			al->flen--;
		al->filter[al->flen] = '\0';
		ui_actors_refresh(ui, al);
		return 1;
	case KEYS_ERASE_ALL:
		al->flen = 0;
		al->filter[0] = '\0';
		ui_actors_refresh(ui, al);
		return 1;
	case KEYS_CLOSE:
		/* q is a letter once something is typed: "Iraq". */
		if (key == 'q' && al->flen > 0)
			ui_actors_insert(ui, al, key);
		else
			ui_mode_pop(ui);
		return 1;
	default:
		return 0;
	}
}

/* Draws one actor on line y. */
static void
ui_actors_draw_row(struct ui *ui, WINDOW *w, int y, int width,
    const struct store_actor *a, int selected, int marked)
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
	if (marked)
		ui_draw_str(ui, w, y, 1, 1, "+", THEME_HELP_KEY, 0);
}

static void
ui_actors_draw(struct ui *ui, void *data, unsigned flags)
{
	struct ui_actors		*al = data;
	const struct store_actor	*a;
	WINDOW				*w = ui->ov_win;
	char				 title[160], *name;
	int				 h, width, y, x;
	int64_t				 i;

	(void)flags;
	getmaxyx(w, h, width);
	werase(w);
	ui_actors_sync(ui, al);
	if (al->flen > 0)
		snprintf(title, sizeof title, "Actors: %lld of %lld",
		    (long long)al->list.count, (long long)al->total);
	else
		snprintf(title, sizeof title, "Actors: %lld",
		    (long long)al->list.count);
	if (al->nmarked > 0) {
		name = ui_actors_marked_names(al);
		snprintf(title + strlen(title), sizeof title - strlen(title),
		    ", marked: %s", name);
		free(name);
	}
	ui_draw_box(ui, w, title, al->nmarked > 0 ? "Enter:all marked  "
	    "C-t:mark  Esc:close" : "Enter:filter  C-t:mark  Tab:profile  "
	    "Esc:close");

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
	al->list.height = h - 1 - al->list_y;
	if (al->list.height < 1)
		al->list.height = 1;
	if (al->list.sel >= al->list.top + al->list.height)
		al->list.top = al->list.sel - al->list.height + 1;
	if (al->list.count == 0)
		ui_draw_str(ui, w, al->list_y, 2, width - 4,
		    "no actor matches", THEME_DT_LABEL, 0);
	for (y = 0; y < al->list.height; y++) {
		i = al->list.top + y;
		if ((a = ui_actors_get(ui, al, i)) == NULL)
			break;
		ui_actors_draw_row(ui, w, al->list_y + y, width, a,
		    i == al->list.sel, ui_actors_marked(al, a->id) >= 0);
	}
	wnoutrefresh(w);
}

static void
ui_actors_mouse(struct ui *ui, void *data, int y, int x, enum ui_mouse m)
{
	struct ui_actors	*al = data;

	(void)x;
	ui_actors_sync(ui, al);
	switch (ui_list_mouse(&al->list, m == UI_MOUSE_CLICK ? 0 :
	    m == UI_MOUSE_WHEEL_UP ? -UI_ACTORS_WHEEL : UI_ACTORS_WHEEL,
	    y - al->list_y)) {
	case UI_LIST_CHOSEN:
		ui_actors_choose(ui, al);
		break;
	case UI_LIST_MOVED:
		ui_redraw(ui, UI_REDRAW_OVERLAY);
		break;
	case UI_LIST_MISSED:
		break;
	}
}

const struct ui_mode ui_actors_mode = {
	.name = "actors",
	.open = KEYS_ACTORS,
	.init = ui_actors_init,
	.free = ui_actors_free,
	.draw = ui_actors_draw,
	.key = ui_actors_key,
	.list = ui_actors_list,
	.mouse = ui_actors_mouse,
	.insert = ui_actors_insert,
};
