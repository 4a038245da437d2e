/*
 * ui-edit.c: the `e` of the curator's loop: the reader hands a content
 * file to $VISUAL (else $EDITOR, else vi) at a line, as calcurse hands
 * notes to $EDITOR, and takes the screen back whatever the editor did.
 *
 * The command is `sh -c 'EDITOR [RO] "$@" [RO-AFTER]' sh +LINE FILE`: the
 * variable may hold arguments, and the file name never passes through the
 * shell's parsing. While the editor runs, the reader ignores Ctrl-C and
 * Ctrl-\ (they are the editor's) and leaves Ctrl-Z to its default, so
 * that a suspended editor stops the reader with it and fg brings both.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-core.h"
#include "ui-edit.h"
#include "ui-live.h"
#include "util.h"

/*
 * The editor's own way of opening a file read-only, by the name of the
 * program (the first word of the command): before the file, or after.
 */
static const struct {
	const char	*name;
	const char	*before;
	const char	*after;
} ui_edit_readonly[] = {
	{ "vi", "-R", "" }, { "vim", "-R", "" }, { "nvim", "-R", "" },
	{ "gvim", "-R", "" }, { "view", "", "" }, { "nvi", "-R", "" },
	{ "ex", "-R", "" }, { "nano", "-v", "" }, { "pico", "-v", "" },
	{ "emacs", "", "-f view-mode" }, { "micro", "-readonly true", "" },
	{ "kak", "-ro", "" }, { "mg", "-R", "" },
};

/* The index of the editor command's program in ui_edit_readonly, or -1. */
static int
ui_edit_kind(const char *cmd)
{
	const char	*end, *base;
	size_t		 i, n;

	cmd += strspn(cmd, " \t");
	end = cmd + strcspn(cmd, " \t");
	for (base = end; base > cmd && base[-1] != '/'; base--)
		;
	n = (size_t)(end - base);
	for (i = 0; i < sizeof ui_edit_readonly / sizeof ui_edit_readonly[0];
	    i++) {
		if (strlen(ui_edit_readonly[i].name) == n &&
		    strncmp(base, ui_edit_readonly[i].name, n) == 0)
			return (int)i;
	}
	return -1;
}

/* Whether the user may write the content directory and the file. */
static int
ui_edit_writable(struct ui *ui, const char *file)
{
	return access(file, W_OK) == 0 && (ui->opts->content == NULL ||
	    access(ui->opts->content, W_OK) == 0);
}

/*
 * Runs cmd with +LINE and file through sh and waits for it. Returns the
 * wait status, or -1 if it could not start.
 */
static int
ui_edit_run(const char *cmd, const char *plus, const char *file)
{
	struct sigaction	 ign, dfl, oint, oquit, otstp;
	pid_t			 pid;
	int			 st = -1;

	memset(&ign, 0, sizeof ign);
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	/* curses' handler would redraw the reader over the editor. */
	sigaction(SIGTSTP, &dfl, &otstp);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", plus, file,
		    (char *)NULL);
		_exit(127);
	}
	while (pid > 0) {
		if (waitpid(pid, &st, WUNTRACED) == -1) {
			if (errno == EINTR)
				continue;
			st = -1;
			break;
		}
		if (!WIFSTOPPED(st))
			break;
		/*
		 * Stopped: with the reader (Ctrl-Z stops the whole job, and
		 * this is seen after fg), or alone, which would leave the
		 * reader waiting for ever; either way it goes on.
		 */
		kill(pid, SIGCONT);
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGTSTP, &otstp, NULL);
	return pid > 0 ? st : -1;
}

void
ui_edit(struct ui *ui, const char *file, int line)
{
	const char	*ed;
	char		*cmd, *path, plus[24], *why = NULL;
	int		 k, st, ro;

	if ((ed = getenv("VISUAL")) == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || ed[strspn(ed, " \t")] == '\0')
		ed = "vi";
	/* Copied: a reload frees what file points into. */
	path = xstrdup(file);
	ro = !ui_edit_writable(ui, path);
	k = ui_edit_kind(ed);
	cmd = xasprintf("exec %s %s \"$@\" %s", ed, ro && k >= 0 ?
	    ui_edit_readonly[k].before : "", ro && k >= 0 ?
	    ui_edit_readonly[k].after : "");
	snprintf(plus, sizeof plus, "+%d", line > 0 ? line : 1);

	def_prog_mode();
	endwin();
	st = ui_edit_run(cmd, plus, path);
	/* Whatever the editor left, the reader's terminal modes return. */
	reset_prog_mode();
	ui_redraw(ui, UI_REDRAW_LAYOUT | UI_REDRAW_CLEAR);

	if (st == -1)
		why = xasprintf("cannot run the editor (%s)", ed);
	else if (WIFSIGNALED(st))
		why = xasprintf("the editor was killed (signal %d)",
		    WTERMSIG(st));
	else if (WIFEXITED(st) && WEXITSTATUS(st) > 128 &&
	    WEXITSTATUS(st) < 128 + 65)
		/* A shell's way of saying that its command was killed. */
		why = xasprintf("the editor was killed (signal %d)",
		    WEXITSTATUS(st) - 128);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		why = xasprintf("the editor '%s' was not found (set VISUAL or "
		    "EDITOR)", ed);
	else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		why = xasprintf("the editor exited with status %d",
		    WEXITSTATUS(st));
	if (why == NULL && ro)
		ui_live_reload(ui, "read-only: the content cannot be written",
		    0);
	else
		ui_live_reload(ui, why != NULL ? why : "", why != NULL);
	free(why);
	free(cmd);
	free(path);
}
