/*
 * ui-list.c: movement in a windowed list, shared by every list-like mode.
 * A page moves the window and the selection together, so the selection
 * keeps its row on screen, as the timeline and less do.
 */
#include "ui-list.h"

/* Clamps the first row so that the window stays over the items. */
static void
ui_list_clamp_top(struct ui_list *l)
{
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_show(struct ui_list *l)
{
	if (l->scroller) {
		ui_list_clamp_top(l);
		return;
	}
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->height > 0 && l->sel >= l->top + l->height)
		l->top = l->sel - l->height + 1;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_select(struct ui_list *l, int64_t i)
{
	if (l->scroller) {
		l->top = i;
		ui_list_clamp_top(l);
		return;
	}
	if (l->count == 0)
		return;
	if (i >= l->count)
		i = l->count - 1;
	if (i < 0)
		i = 0;
	l->sel = i;
	ui_list_show(l);
}

void
ui_list_scroll(struct ui_list *l, int64_t delta)
{
	ui_list_select(l, (l->scroller ? l->top : l->sel) + delta);
}

/* Moves a page (dir > 0: down); the selection keeps its row. */
static void
ui_list_page(struct ui_list *l, int dir)
{
	int64_t	page = l->height > 1 ? l->height - 1 : 1;

	if (l->scroller) {
		ui_list_scroll(l, dir * page);
		return;
	}
	l->top += dir * page;
	ui_list_clamp_top(l);
	ui_list_select(l, l->sel + dir * page);
}

int
ui_list_key(struct ui_list *l, enum keys_action a)
{
	switch (a) {
	case KEYS_NEXT:
		ui_list_scroll(l, 1);
		return 1;
	case KEYS_PREVIOUS:
		ui_list_scroll(l, -1);
		return 1;
	case KEYS_PAGE_DOWN:
		ui_list_page(l, 1);
		return 1;
	case KEYS_PAGE_UP:
		ui_list_page(l, -1);
		return 1;
	case KEYS_FIRST:
		ui_list_select(l, 0);
		return 1;
	case KEYS_LAST:
		ui_list_select(l, l->count - 1);
		return 1;
	default:
		return 0;
	}
}

int64_t
ui_list_at(const struct ui_list *l, int y)
{
	int64_t	i = l->top + y;

	return y >= 0 && y < l->height && i < l->count ? i : -1;
}

enum ui_list_hit
ui_list_mouse(struct ui_list *l, int scroll, int y)
{
	int64_t	i;

	if (scroll != 0) {
		ui_list_scroll(l, scroll);
		return UI_LIST_MOVED;
	}
	if ((i = ui_list_at(l, y)) < 0)
		return UI_LIST_MISSED;
	if (i == l->sel)
		return UI_LIST_CHOSEN;
	ui_list_select(l, i);
	return UI_LIST_MOVED;
}
