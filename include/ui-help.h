/*
 * ui-help.h: the help overlay, every binding of the key table grouped by
 * where it applies, generated from the table itself.
 */
#ifndef DOSSIER_UI_HELP_H
#define DOSSIER_UI_HELP_H

struct ui;

struct ui_help {
	int	top;		/* first line shown */
	int	nlines;		/* lines of the whole help */
	int	height;		/* lines shown at the last draw */
};

void	ui_help_key_open(struct ui *, int);
void	ui_help_key_down(struct ui *, int);
void	ui_help_key_up(struct ui *, int);
void	ui_help_key_page_down(struct ui *, int);
void	ui_help_key_page_up(struct ui *, int);
void	ui_help_key_first(struct ui *, int);
void	ui_help_key_last(struct ui *, int);
void	ui_help_key_close(struct ui *, int);

#endif
