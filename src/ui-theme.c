/*
 * ui-theme.c: the reader's theme: the one chosen with --theme (else the
 * built-in one, monochrome without colours), mapped onto curses by
 * ui-draw.c, and the next theme of the themes directory on t.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "theme.h"
#include "ui-core.h"
#include "ui-draw.h"
#include "ui-theme.h"
#include "util.h"

/* Returns the path of a theme given as a NAME or a FILE; caller frees. */
static char *
ui_theme_path(const struct ui_options *o, const char *name)
{
	size_t	n = strlen(name);

	if (strchr(name, '/') != NULL || (n > 5 &&
	    strcmp(name + n - 5, ".yaml") == 0) || o->themes_dir == NULL)
		return xstrdup(name);
	return xasprintf("%s/%s.yaml", o->themes_dir, name);
}

/* Shows the first error of a theme that did not load. */
static void
ui_theme_error(struct ui *ui, const struct diag_list *dl, const char *path)
{
	const struct diag	*d;
	size_t			 i;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (d->level != DIAG_ERROR)
			continue;
		if (d->line > 0)
			ui_error(ui, "%s:%d:%d: error: %s (default theme used)",
			    d->file, d->line, d->col, d->msg);
		else
			ui_error(ui, "%s: error: %s (default theme used)",
			    d->file, d->msg);
		return;
	}
	ui_error(ui, "%s: cannot load the theme (default theme used)", path);
}

static void	ui_theme_keep(struct ui *, const struct theme *, const char *);

/* Makes th the theme in use (takes ownership) and redraws everything. */
static void
ui_theme_use(struct ui *ui, struct theme *th)
{
	theme_free(ui->theme);
	ui->theme = th;
	ui_draw_theme(ui, th, ui->color);
	ui_redraw(ui, UI_REDRAW_ALL);
}

/* Finds the theme in use among the theme files, for t to go on from. */
static void
ui_theme_find(struct ui *ui)
{
	const char	*base;
	size_t		 i, n;

	ui->theme_index = -1;
	for (i = 0; i < ui->ntheme_paths; i++) {
		base = strrchr(ui->theme_paths[i], '/');
		base = base != NULL ? base + 1 : ui->theme_paths[i];
		n = strlen(base) > 5 ? strlen(base) - 5 : 0;
		if (ui->theme->path != NULL &&
		    strcmp(ui->theme->path, ui->theme_paths[i]) == 0)
			ui->theme_index = (int)i;
		else if (ui->theme->name != NULL &&
		    strlen(ui->theme->name) == n &&
		    strncmp(ui->theme->name, base, n) == 0)
			ui->theme_index = (int)i;
		if (ui->theme_index >= 0)
			return;
	}
}

void
ui_theme_init(struct ui *ui)
{
	const struct ui_options	*o = ui->opts;
	struct diag_list	 dl;
	struct theme		*th = NULL;
	const char		*nc = getenv("NO_COLOR");
	char			*path;

	ui->color = has_colors() && !o->no_color && (nc == NULL ||
	    nc[0] == '\0');
	if (ui->color && start_color() != OK)
		ui->color = 0;
	if (ui->color && o->theme != NULL) {
		diag_init(&dl);
		path = ui_theme_path(o, o->theme);
		if ((th = theme_load(path, &dl)) == NULL)
			ui_theme_error(ui, &dl, path);
		free(path);
		diag_free(&dl);
	}
	if (th == NULL)
		th = theme_builtin(!ui->color);
	if (o->themes_dir != NULL)
		ui->ntheme_paths = theme_list(o->themes_dir,
		    &ui->theme_paths);
	ui_theme_use(ui, th);
	ui_theme_find(ui);
}

void
ui_theme_next(struct ui *ui)
{
	struct diag_list	 dl;
	struct theme		*th;
	const char		*path;
	int			 i;

	if (!ui->color) {
		ui_message(ui, "colours are off (%s): the monochrome theme "
		    "stays", ui->opts->no_color ? "--no-color or NO_COLOR" :
		    has_colors() ? "NO_COLOR" : "the terminal has none");
		return;
	}
	if (ui->ntheme_paths == 0) {
		/* No theme files: the two built-in themes take turns. */
		th = theme_builtin(!ui->theme->monochrome);
		ui_theme_use(ui, th);
		ui_message(ui, "theme: %s", th->name != NULL ? th->name :
		    th->monochrome ? "monochrome" : "default");
		return;
	}
	i = (ui->theme_index + 1) % (int)ui->ntheme_paths;
	path = ui->theme_paths[i];
	diag_init(&dl);
	if ((th = theme_load(path, &dl)) == NULL) {
		ui_theme_error(ui, &dl, path);
		diag_free(&dl);
		/* Step past it, so the next t tries the one after. */
		ui->theme_index = i;
		return;
	}
	diag_free(&dl);
	ui->theme_index = i;
	ui_theme_use(ui, th);
	ui_theme_keep(ui, th, path);
}

/*
 * Writes the theme chosen with t into config.yaml, so that it is kept
 * between runs, and says so (or why it could not be kept).
 */
static void
ui_theme_keep(struct ui *ui, const struct theme *th, const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*name, *err = NULL;
	size_t		 n;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	name = xstrndup(base, n > 5 && strcmp(base + n - 5, ".yaml") == 0 ?
	    n - 5 : n);
	if (ui->opts->config == NULL)
		ui_message(ui, "theme: %s", name);
	else if (config_save_theme(ui->opts->config, name, &err) == -1) {
		ui_error(ui, "theme: %s (not kept: %s)", name, err);
		free(err);
	} else
		ui_message(ui, "theme: %s%s (kept in %s)", name,
		    th->background == THEME_BG_LIGHT ? ", for light backgrounds"
		    : "", ui->opts->config);
	free(name);
}
