/*
 * ui-notes.c: the reader's side of the user's notes: notes.db opened (made
 * if need be) at the first change and attached to the store, so that the
 * panes read marks and notes as they are now; the main screen's actions on
 * them: m marks, u/U go from mark to mark, M shows marked events only, E
 * edits the note in $VISUAL or $EDITOR, v saves the view. Each change is
 * one committed transaction; one that fails says why and changes nothing.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notes.h"
#include "text.h"
#include "ui-core.h"
#include "ui-notes.h"
#include "ui-prompt.h"
#include "ui-timeline.h"
#include "ui-view.h"
#include "util.h"

struct notes *
ui_notes_handle(struct ui *ui)
{
	char	*err = NULL;

	if (ui->notes != NULL)
		return ui->notes;
	if (ui->opts->notes_path == NULL) {
		ui_error(ui, "nowhere to keep notes: HOME is not set (use "
		    "--notes FILE)");
		return NULL;
	}
	ui->notes = notes_open(ui->opts->notes_path, ui->opts->corpus,
	    NOTES_CREATE, &err);
	if (ui->notes == NULL) {
		ui_error(ui, "%s", err != NULL ? err : "cannot open the notes");
		free(err);
		return NULL;
	}
	/* A file made just now: the store reads it from here on. */
	if (store_attach_notes(ui->store, ui->opts->notes_path,
	    ui->opts->corpus, &err) == -1) {
		ui_error(ui, "%s", err);
		free(err);
	}
	return ui->notes;
}

void
ui_notes_close(struct ui *ui)
{
	notes_close(ui->notes);
	ui->notes = NULL;
}

/* The selected event, or NULL with a message; free with store_detail_free. */
static struct store_detail *
ui_notes_event(struct ui *ui, const char *what)
{
	struct store_detail	*d;

	if (ui->seq == 0 || (d = store_detail_get(ui->store, ui->seq,
	    NULL)) == NULL) {
		ui_message(ui, "no event to %s", what);
		return NULL;
	}
	return d;
}

int
ui_notes_save(struct ui *ui, const char *event, const char *date,
    const char *text)
{
	struct notes	*n;
	char		*err = NULL;

	if ((n = ui_notes_handle(ui)) == NULL)
		return -1;
	if (notes_set(n, event, date, text, &err) == -1) {
		ui_error(ui, "%s", err);
		free(err);
		return -1;
	}
	ui_message(ui, *text != '\0' ? "note saved" : "note removed");
	ui_redraw(ui, UI_REDRAW_PANES);
	return 0;
}

/* m: marks the selected event, or removes its mark. */
static void
ui_notes_mark(struct ui *ui)
{
	struct store_detail	*d;
	struct notes		*n;
	char			*err = NULL;
	int			 now;

	if ((d = ui_notes_event(ui, "mark")) == NULL)
		return;
	if ((n = ui_notes_handle(ui)) != NULL) {
		if (notes_toggle(n, d->id, d->date, &now, &err) == 0)
			ui_message(ui, now ? "marked (u/U: next/previous "
			    "marked, M: marked only)" : "mark removed");
		else {
			ui_error(ui, "%s", err);
			free(err);
		}
	}
	store_detail_free(d);
	ui_redraw(ui, UI_REDRAW_PANES);
}

/* u and U: the next or previous marked event, wrapping round. */
static void
ui_notes_jump(struct ui *ui, int dir)
{
	int64_t	pos;
	int	wrapped = 0;

	if (ui->view == NULL || ui->tl.count == 0)
		return;
	pos = store_view_next_marked(ui->view, ui->tl.sel, dir);
	if (pos == 0) {
		pos = store_view_next_marked(ui->view, dir > 0 ? 0 :
		    store_view_count(ui->view) + 1, dir);
		wrapped = 1;
	}
	if (pos == 0) {
		ui_message(ui, "no marked event%s; m marks one",
		    ui->query != NULL || ui->filter_actor != NULL ?
		    " in this view" : "");
		return;
	}
	if (wrapped && pos == ui->tl.sel) {
		ui_message(ui, "no other marked event");
		return;
	}
	ui_timeline_select(ui, pos);
	if (wrapped)
		ui_message(ui, "wrapped round to the %s marked event",
		    dir > 0 ? "first" : "last");
}

/* Reads a whole small file; NULL on failure. Caller frees. */
static char *
ui_notes_slurp(const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b);
	buf_adds(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

/*
 * Runs the editor on path with the screen handed back to the terminal;
 * returns its exit status, or -1 if it could not run.
 */
static int
ui_notes_run_editor(struct ui *ui, const char *editor, const char *path)
{
	char	*cmd;
	pid_t	 pid;
	int	 status = -1;

	cmd = xasprintf("%s \"$1\"", editor);
	def_prog_mode();
	endwin();
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	free(cmd);
	reset_prog_mode();
	ui_redraw(ui, UI_REDRAW_ALL | UI_REDRAW_CLEAR);
	return status;
}

/* E: the selected event's note in $VISUAL or $EDITOR. */
static void
ui_notes_external(struct ui *ui)
{
	struct store_detail	*d;
	const char		*editor, *tmp;
	char			*path, *old = NULL, *text;
	size_t			 len, bad;
	FILE			*f;
	int			 fd, marked, rc;

	if (((editor = getenv("VISUAL")) == NULL || *editor == '\0') &&
	    ((editor = getenv("EDITOR")) == NULL || *editor == '\0')) {
		ui_message(ui, "set VISUAL or EDITOR to edit notes in an "
		    "editor; C edits them here");
		return;
	}
	if ((d = ui_notes_event(ui, "write a note on")) == NULL)
		return;
	store_note_get(ui->store, d->id, &marked, &old);
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = xasprintf("%s/dossier-note-XXXXXX", tmp);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		ui_error(ui, "cannot make a file for the editor in %s: %s",
		    tmp, strerror(errno));
		goto out;
	}
	if (old != NULL)
		fprintf(f, "%s\n", old);
	fclose(f);
	rc = ui_notes_run_editor(ui, editor, path);
	text = rc == 0 ? ui_notes_slurp(path) : NULL;
	if (rc != 0)
		ui_message(ui, "the editor exited with status %d; note not "
		    "changed", rc);
	else if (text == NULL)
		ui_error(ui, "cannot read back %s", path);
	else {
		for (len = strlen(text); len > 0 && (text[len - 1] == '\n' ||
		    text[len - 1] == '\r'); len--)
			text[len - 1] = '\0';
		if (!text_valid(text, len, &bad))
			ui_error(ui, "the note is not valid UTF-8; not saved");
		else if (strcmp(text, old != NULL ? old : "") == 0)
			ui_message(ui, "note not changed");
		else
			ui_notes_save(ui, d->id, d->date, text);
	}
	free(text);
	unlink(path);
out:
	free(path);
	free(old);
	store_detail_free(d);
}

/* v's prompt is done: saves what the timeline shows under that name. */
static void
ui_notes_view_named(struct ui *ui, const char *name)
{
	struct notes_view	 v;
	struct notes		*n;
	char			*actors[1], *err = NULL;

	while (*name == ' ')
		name++;
	if (*name == '\0')
		return;
	if (!notes_view_name_ok(name)) {
		ui_error(ui, "'%s' is not a view name: lower-case letters, "
		    "digits and '-'", name);
		return;
	}
	if ((n = ui_notes_handle(ui)) == NULL)
		return;
	memset(&v, 0, sizeof v);
	v.name = (char *)(uintptr_t)name;
	if (ui->filter_actor != NULL) {
		actors[0] = ui->filter_actor;
		v.actors = actors;
		v.nactors = 1;
	}
	v.query = ui->query;
	v.marked = ui->marked_only;
	if (notes_view_save(n, &v, &err) == -1) {
		ui_error(ui, "%s", err);
		free(err);
		return;
	}
	ui_message(ui, "view '%s' saved; V lists the saved views", name);
}

int
ui_notes_apply(struct ui *ui, const struct notes_view *v)
{
	struct store_actor	 a;
	const char		*actor = NULL;
	char			*name = NULL;
	int			 rc;

	if (v->nactors > 0) {
		if (store_actor_get(ui->store, v->actors[0], &a) == -1) {
			ui_error(ui, "view '%s': no actor '%s' in this "
			    "content", v->name, v->actors[0]);
			return -1;
		}
		actor = v->actors[0];
		name = xstrdup(a.short_name);
		store_actors_clear(&a, 1);
	}
	rc = ui_view_saved(ui, actor, name, v->query, v->marked);
	free(name);
	if (rc == 0)
		ui_message(ui, "view '%s'; Esc shows all events", v->name);
	return rc;
}

void
ui_notes_open_view(struct ui *ui, const char *name)
{
	struct notes_view	 v;
	struct notes		*n;
	char			*err = NULL;
	int			 rc;

	if ((n = ui_notes_handle(ui)) == NULL)
		return;
	if ((rc = notes_view_get(n, name, &v, &err)) == 1) {
		ui_notes_apply(ui, &v);
		notes_view_clear(&v);
	} else if (rc == 0)
		ui_error(ui, "no view '%s'; V lists the saved views", name);
	else {
		ui_error(ui, "%s", err);
		free(err);
	}
}

int
ui_notes_key(struct ui *ui, enum keys_action a)
{
	struct ui_prompt_args	args;

	switch (a) {
	case KEYS_MARK:
		ui_notes_mark(ui);
		return 1;
	case KEYS_MARK_NEXT:
	case KEYS_MARK_PREVIOUS:
		ui_notes_jump(ui, a == KEYS_MARK_NEXT ? 1 : -1);
		return 1;
	case KEYS_MARKED_ONLY:
		ui_view_marked(ui, !ui->marked_only);
		return 1;
	case KEYS_NOTE_EXTERNAL:
		ui_notes_external(ui);
		return 1;
	case KEYS_VIEW_SAVE:
		memset(&args, 0, sizeof args);
		args.label = "Save this view as: ";
		args.done = ui_notes_view_named;
		ui_mode_push(ui, &ui_prompt_mode, &args);
		return 1;
	default:
		return 0;
	}
}
