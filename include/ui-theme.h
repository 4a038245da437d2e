/*
 * ui-theme.h: the theme the reader draws with: loaded at start from
 * --theme or the built-in one, and changed to the next theme file on t.
 */
#ifndef DOSSIER_UI_THEME_H
#define DOSSIER_UI_THEME_H

struct ui;

/*
 * Decides whether colours are used, loads the theme of the options (an
 * error shows on the status line and the default theme is used) and maps
 * it onto the terminal. Called once curses is up.
 */
void	ui_theme_init(struct ui *);

/* Loads the next theme of the themes directory and redraws everything. */
void	ui_theme_next(struct ui *);

#endif
