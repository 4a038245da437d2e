/*
 * ui-confirm.h: the confirmation mode, a yes-or-no question on the status
 * line ("dossier.md exists: replace it? (y/n)"). Opened with
 * ui_mode_push(ui, &ui_confirm_mode, &args).
 */
#ifndef DOSSIER_UI_CONFIRM_H
#define DOSSIER_UI_CONFIRM_H

struct ui;

/*
 * What the question is opened with: yes is called with arg (copied) after
 * y, once the question is closed; n or Esc close it and call no, if not
 * NULL, with arg.
 */
struct ui_confirm_args {
	const char	*question;	/* copied */
	const char	*arg;		/* copied */
	void		(*yes)(struct ui *, const char *arg);
	void		(*no)(struct ui *, const char *arg);
};

#endif
