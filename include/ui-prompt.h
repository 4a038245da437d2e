/*
 * ui-prompt.h: a one-line editor on the status line, for the search (/) and
 * the date (d) prompts: UTF-8 aware, Emacs keys, a history per prompt.
 */
#ifndef DOSSIER_UI_PROMPT_H
#define DOSSIER_UI_PROMPT_H

#include <stddef.h>

struct ui;

#define UI_PROMPT_HISTORY	50

struct ui_prompt_history {
	char	*v[UI_PROMPT_HISTORY];
	int	 n;
};

struct ui_prompt {
	int			 active;
	const char		*label;		/* static, e.g. "/" */
	char			*s;		/* the text, UTF-8 */
	size_t			 len;
	size_t			 cap;
	size_t			 cur;		/* cursor, a byte offset */
	int			 hpos;		/* history entry shown, or -1 */
	struct ui_prompt_history *history;	/* or NULL */
	void			(*done)(struct ui *, const char *);
};

void	ui_prompt_free(struct ui *);

/*
 * Opens the prompt with a label and an initial text. done is called with
 * the text on Enter (the prompt is closed by then); Esc closes it silently.
 * history may be NULL.
 */
void	ui_prompt_open(struct ui *, const char *label, const char *init,
	    struct ui_prompt_history *, void (*done)(struct ui *, const char *));

/* Draws the prompt on the status line and leaves the cursor in place. */
void	ui_prompt_draw(struct ui *);

/* Inserts a typed character (not a binding) at the cursor. */
void	ui_prompt_insert(struct ui *, int ch);

/* Key handlers of the KEYS_PROMPT table. */
void	ui_prompt_key_accept(struct ui *, int);
void	ui_prompt_key_cancel(struct ui *, int);
void	ui_prompt_key_left(struct ui *, int);
void	ui_prompt_key_right(struct ui *, int);
void	ui_prompt_key_home(struct ui *, int);
void	ui_prompt_key_end(struct ui *, int);
void	ui_prompt_key_backspace(struct ui *, int);
void	ui_prompt_key_delete(struct ui *, int);
void	ui_prompt_key_kill_start(struct ui *, int);
void	ui_prompt_key_kill_end(struct ui *, int);
void	ui_prompt_key_kill_word(struct ui *, int);
void	ui_prompt_key_history_prev(struct ui *, int);
void	ui_prompt_key_history_next(struct ui *, int);

#endif
