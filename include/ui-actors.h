/*
 * ui-actors.h: two overlays about actors: the list of all actors with their
 * event counts, narrowed as the user types, and one actor's profile with
 * their events in order.
 */
#ifndef DOSSIER_UI_ACTORS_H
#define DOSSIER_UI_ACTORS_H

#include <stdint.h>

#include "store.h"

struct ui;

#define UI_ACTORS_FILTER_MAX	128

struct ui_actors {
	char			 filter[UI_ACTORS_FILTER_MAX];
	size_t			 flen;
	int64_t			 count;		/* actors matching filter */
	int			 stale;		/* count to be read again */
	int64_t			 total;		/* all actors */
	int64_t			 sel;		/* 0-based */
	int64_t			 top;
	int			 height;	/* list lines at the last draw */
	int			 list_y;	/* first list line in the window */

	/* Window of actors: cache_off .. cache_off+cache_n-1. */
	struct store_actor	*cache;
	int64_t			 cache_off;
	int			 cache_n;
	int			 cache_cap;
};

struct ui_profile {
	struct store_actor	 actor;
	int			 loaded;
	struct store_view	*view;		/* the actor's events, owned */
	int64_t			 count;
	int64_t			 sel;		/* 1-based */
	int64_t			 top;
	int			 height;
	int			 list_y;
};

void	ui_actors_free(struct ui *);

/* Opens the actor list (a), or the current actor's profile (A). */
void	ui_actors_key_open(struct ui *, int);
void	ui_actors_key_profile(struct ui *, int);

/* Opens the profile of actor id over whatever is open. */
void	ui_actors_open_profile(struct ui *, const char *id);

/* Inserts a typed character into the list's filter. */
void	ui_actors_insert(struct ui *, int ch);

/* KEYS_ACTORS handlers. */
void	ui_actors_key_down(struct ui *, int);
void	ui_actors_key_up(struct ui *, int);
void	ui_actors_key_page_down(struct ui *, int);
void	ui_actors_key_page_up(struct ui *, int);
void	ui_actors_key_first(struct ui *, int);
void	ui_actors_key_last(struct ui *, int);
void	ui_actors_key_choose(struct ui *, int);
void	ui_actors_key_show(struct ui *, int);
void	ui_actors_key_erase(struct ui *, int);
void	ui_actors_key_clear(struct ui *, int);
void	ui_actors_key_close(struct ui *, int);

/* KEYS_PROFILE handlers. */
void	ui_profile_key_down(struct ui *, int);
void	ui_profile_key_up(struct ui *, int);
void	ui_profile_key_page_down(struct ui *, int);
void	ui_profile_key_page_up(struct ui *, int);
void	ui_profile_key_first(struct ui *, int);
void	ui_profile_key_last(struct ui *, int);
void	ui_profile_key_jump(struct ui *, int);
void	ui_profile_key_filter(struct ui *, int);
void	ui_profile_key_close(struct ui *, int);

#endif
