/*
 * ui-notes.h: the reader's side of what the user writes (src/ui-notes.c):
 * notes.db opened at the first change, marks and notes saved one
 * committed transaction at a time, and the main screen's actions on them
 * (m, u, U, M, E, v). A failed save says why and changes nothing; the
 * reader goes on.
 */
#ifndef DOSSIER_UI_NOTES_H
#define DOSSIER_UI_NOTES_H

#include "keys.h"

struct ui;
struct notes_view;

/*
 * Saves text as the note of event (date: its date); "" removes it.
 * Returns 0 once committed (and says so), -1 with the reason shown.
 */
int	ui_notes_save(struct ui *, const char *event, const char *date,
	    const char *text);

/* Handles a main-screen action on marks, notes or views; 1 if it did. */
int	ui_notes_key(struct ui *, enum keys_action);

/* Shows a saved view (v as notes_view_get made it). Returns 0 or -1. */
int	ui_notes_apply(struct ui *, const struct notes_view *v);
/* Opens the reader on the saved view called name (--view). */
void	ui_notes_open_view(struct ui *, const char *name);

/* The notes of the reader, opened (made if need be) on first use; NULL
 * with the reason shown if they cannot be. */
struct notes *ui_notes_handle(struct ui *);
/* Closes them, at the end. */
void	ui_notes_close(struct ui *);

#endif
