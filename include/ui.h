/*
 * ui.h: the reader, a two-pane curses front end over the store. This is the
 * only module family (ui-*.c, keys.c) that includes curses.
 */
#ifndef DOSSIER_UI_H
#define DOSSIER_UI_H

#include "store.h"

struct ui_options {
	const char	*theme;		/* --theme NAME|FILE, or NULL */
	const char	*themes_dir;	/* directory of the bundled themes */
	int		 no_color;	/* --no-color or NO_COLOR */
	const char	*content;	/* content directory, for the top line */
	char		*config;	/* config.yaml, where t keeps the theme;
					   or NULL */
	int		 hyperlinks;	/* URLs as OSC 8 links: 1, 0, -1 by TERM
					   (--no-hyperlinks, config) */
	const char	*db;		/* --db, or NULL: to index it again */
	const char	*notes_path;	/* the user's notes.db, or NULL */
	const char	*corpus;	/* content's canonical name (notes.h) */
	const char	*view;		/* a saved view to open on, or NULL */
};

/*
 * Runs the reader until the user quits. Returns the process exit status: 0
 * after q, 1 if the terminal cannot be used (with a message on stderr). The
 * terminal is restored on every way out.
 */
int	ui_run(struct store *, const struct ui_options *);

#endif
