/*
 * ui-live.h: the reader follows its content as it changes (src/ui-live.c):
 * a watch on the content directory wakes the main loop, the content is
 * checked again, and a valid one is indexed and swapped in under the
 * panes with the selection kept; an invalid one leaves the last good
 * store on screen and opens the errors overlay (ui-errors.c).
 */
#ifndef DOSSIER_UI_LIVE_H
#define DOSSIER_UI_LIVE_H

struct ui;
struct diag_list;

/* Starts watching ui->opts->content; ui_live_free stops. */
void	ui_live_start(struct ui *);
void	ui_live_free(struct ui *);

/* The descriptor the main loop waits on (-1: none) and for how long (ms,
 * -1: no limit), as watch_fd and watch_timeout. */
int	ui_live_fd(struct ui *);
int	ui_live_timeout(struct ui *);

/*
 * Takes in what the watch saw, without blocking; once a change has
 * settled and no overlay but the errors one is open, reloads. Returns
 * whether it reloaded.
 */
int	ui_live_check(struct ui *);

/*
 * Checks the content again and, if valid, indexes it and swaps the store
 * in, keeping the selected event (or the nearest by date). why is NULL
 * for a change the watch saw (nothing said when no event changed), else
 * what to say before the changes ("" for nothing), as an error if error.
 */
void	ui_live_reload(struct ui *, const char *why, int error);

/* The errors overlay's argument: the list, which init takes over. */
struct ui_errors_args {
	struct diag_list	*diags;
};

#endif
