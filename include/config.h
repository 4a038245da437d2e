/*
 * config.h: the user's configuration, $XDG_CONFIG_HOME/dossier/config.yaml
 * (else ~/.config/dossier/config.yaml), read with the shared YAML reader.
 * This module only reads and writes the file; what a binding means (action
 * and key names) is checked by the keys module, which reports problems at
 * the positions kept here.
 *
 *   theme: solarized-dark
 *   hyperlinks: false
 *   keys:
 *     main: { next: "j Down", search: "/" }
 *     actors: { choose: "Enter" }
 */
#ifndef DOSSIER_CONFIG_H
#define DOSSIER_CONFIG_H

#include "diag.h"

/* One "action: keys" pair under keys: MODE:, with its position. */
struct config_binding {
	char	*mode;		/* the mode's name as written */
	char	*action;	/* the action's name as written */
	char	*keys;		/* the keys, space-separated, as written */
	int	 line, col;	/* 1-based position of the action's name */
	int	 kline, kcol;	/* 1-based position of the keys' value */
};

struct config {
	char			*path;		/* the file read, or NULL */
	char			*theme;		/* theme: NAME, or NULL */
	int			 theme_line, theme_col;
	int			 hyperlinks;	/* -1 unset, else 0 or 1 */
	struct config_binding	*bindings;
	int			 nbindings;
};

/*
 * The default path, honouring XDG_CONFIG_HOME and HOME. Returns a newly
 * allocated string (caller frees), or NULL when neither is set.
 */
char	*config_default_path(void);

/*
 * Reads path into c (which is zeroed first). A missing file is not an
 * error: returns 0 with c empty (c->path NULL). Problems go to diags as
 * FILE:LINE:COL errors; returns -1 if there was any, with whatever was
 * read before kept in c so the reader can still open with the rest.
 */
int	config_load(const char *path, struct config *c, struct diag_list *);

/*
 * Sets "theme: NAME" in the file at path, keeping every other line as it
 * is (a missing file or directory is created). The file is replaced
 * atomically (a temporary beside it, then rename). Returns 0, or -1 with a
 * one-line reason in *err (caller frees).
 */
int	config_save_theme(const char *path, const char *theme, char **err);

/* Frees what c holds and zeroes it. */
void	config_free(struct config *c);

#endif
