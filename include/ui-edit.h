/*
 * ui-edit.h: hands a content file to the user's editor from the reader
 * (src/ui-edit.c), curses ended before and restored after, then reloads.
 */
#ifndef DOSSIER_UI_EDIT_H
#define DOSSIER_UI_EDIT_H

struct ui;

/*
 * Runs $VISUAL, else $EDITOR, else vi on file at line (+LINE FILE, through
 * sh -c, so that the variable may hold arguments); read-only in the
 * editor's way when the content cannot be written. Whatever the editor
 * does (an exit status, a suspend, a signal), the screen comes back; then
 * the content is checked and reloaded (ui_live_reload).
 */
void	ui_edit(struct ui *, const char *file, int line);

#endif
