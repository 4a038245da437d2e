/*
 * ui-prompt.h: the prompt mode, a one-line editor on the status line for
 * the search (/) and the date (d): UTF-8 aware, Emacs keys, a history per
 * prompt. Opened with ui_mode_push(ui, &ui_prompt_mode, &args).
 */
#ifndef DOSSIER_UI_PROMPT_H
#define DOSSIER_UI_PROMPT_H

#include <stddef.h>

struct ui;

#define UI_PROMPT_HISTORY	50

/* Earlier entries of one prompt, newest first; owned by who opens it. */
struct ui_prompt_history {
	char	*v[UI_PROMPT_HISTORY];
	int	 n;
};

/* Frees the entries of a history. */
void	ui_prompt_history_free(struct ui_prompt_history *);

/*
 * What a prompt is opened with. done is called with the text on Enter
 * (the prompt is closed by then); Esc closes it silently. history and init
 * may be NULL. label and history must outlive the prompt.
 */
struct ui_prompt_args {
	const char			*label;		/* e.g. "/" */
	const char			*init;
	struct ui_prompt_history	*history;
	void				(*done)(struct ui *, const char *);
};

#endif
