/*
 * ui-cite.c: the reader's ways out. x writes the view on screen (its
 * search and actor filter, in timeline order) through export.c, asking
 * before it replaces a file; y and Y copy a citation or an event through
 * clipboard.c; O opens a source through browser.c. The excerpt meant is
 * the one at the top of the detail pane when it has the focus, else the
 * event's first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "browser.h"
#include "clipboard.h"
#include "export.h"
#include "ui-cite.h"
#include "ui-confirm.h"
#include "ui-core.h"
#include "ui-detail.h"
#include "ui-prompt.h"
#include "ui-view.h"
#include "util.h"

/* The filter of the view on screen, as export reads it. */
static void
ui_cite_filter(struct ui *ui, struct store_filter *f)
{
	ui_view_filter(ui, f);		/* its tag, dates, actors too */
	f->order = STORE_ORDER_DATE;
}

/* Writes the view to path, now: the status line says what came of it. */
static void
ui_cite_write(struct ui *ui, const char *path)
{
	struct export_options	 o;
	struct store_filter	 f;
	int64_t			 n = 0;
	char			*err = NULL, *title;

	memset(&o, 0, sizeof o);
	if (export_format_of_path(path, &o.format) == -1) {
		ui_error(ui, "%s: the extension names no format (%s)", path,
		    export_extension_list());
		return;
	}
	title = export_title(ui->store, ui->opts->content != NULL ?
	    ui->opts->content : "dossier");
	o.title = title;
	ui_cite_filter(ui, &f);
	if (export_file(ui->store, &f, &o, path, &n, &err) == -1) {
		ui_error(ui, "%s", err);
		free(err);
	} else
		ui_message(ui, "wrote %lld event%s to %s (%s)", (long long)n,
		    n == 1 ? "" : "s", path, export_format_name(o.format));
	free(title);
}

/* A big view takes a while: the status line says so first. */
static void
ui_cite_later(struct ui *ui, const char *path)
{
	ui_message(ui, "writing %s...", path);
	ui_later(ui, ui_cite_write, path);
}

static void
ui_cite_kept(struct ui *ui, const char *path)
{
	ui_message(ui, "%s kept as it was; nothing written", path);
}

/* The name typed at x's prompt: asks first if it names a file. */
static void
ui_cite_export_done(struct ui *ui, const char *typed)
{
	struct ui_confirm_args	 a;
	enum export_format	 fmt;
	struct stat		 st;
	const char		*home = getenv("HOME");
	char			*path, *q;

	if (*typed == '\0')
		return;
	/* "~/" is the home directory, as a shell would have it. */
	if (strncmp(typed, "~/", 2) == 0 && home != NULL && *home != '\0')
		path = xasprintf("%s/%s", home, typed + 2);
	else
		path = xstrdup(typed);
	if (export_format_of_path(path, &fmt) == -1)
		ui_error(ui, "%s: the extension names no format (%s)", path,
		    export_extension_list());
	else if (stat(path, &st) == -1)
		ui_cite_later(ui, path);
	else if (S_ISDIR(st.st_mode))
		ui_error(ui, "%s is a directory", path);
	else {
		q = xasprintf("%s exists: replace it?", path);
		memset(&a, 0, sizeof a);
		a.question = q;
		a.arg = path;
		a.yes = ui_cite_later;
		a.no = ui_cite_kept;
		ui_mode_push(ui, &ui_confirm_mode, &a);
		free(q);
	}
	free(path);
}

void
ui_cite_export(struct ui *ui)
{
	struct ui_prompt_args		 a;
	struct tm			 tm;
	time_t				 now = time(NULL);
	char				 name[64];

	localtime_r(&now, &tm);
	strftime(name, sizeof name, "dossier-%Y%m%d-%H%M.md", &tm);
	memset(&a, 0, sizeof a);
	a.label = "Export to (.md .html .csv .json .ics .timeline.json): ";
	a.init = name;
	a.done = ui_cite_export_done;
	ui_mode_push(ui, &ui_prompt_mode, &a);
}

/*
 * The excerpt meant: the one the detail pane is on when it has the focus
 * (as e and s take it), else the first. Returns its index, or -1 if the
 * event has none.
 */
static int
ui_cite_excerpt(struct ui *ui, struct ui_detail *dt)
{
	int	k;

	ui_detail_sync(ui, dt);
	if (dt->d == NULL || dt->d->nexcerpts == 0)
		return -1;
	if (ui->focus == UI_FOCUS_DETAIL &&
	    (k = ui_detail_excerpt(ui, dt)) >= 0)
		return k;
	return 0;
}

/* Hands text to the clipboard and says so, what as what. */
static void
ui_cite_clip(struct ui *ui, const char *text, const char *what)
{
	char	*how;

	fflush(stdout);
	if ((how = clipboard_copy(text, STDOUT_FILENO)) == NULL)
		ui_error(ui, "could not copy: no terminal and no clipboard tool");
	else
		ui_message(ui, "copied %s (%s)", what, how);
	free(how);
}

void
ui_cite_copy(struct ui *ui, struct ui_detail *dt, int whole)
{
	char	*text = NULL, *p;
	size_t	 len = 0;
	FILE	*m;
	int	 i;

	if (whole) {
		ui_detail_sync(ui, dt);
		if (dt->d == NULL) {
			ui_message(ui, "no event to copy");
			return;
		}
		if ((m = open_memstream(&text, &len)) == NULL)
			fatal("open_memstream: %s", strerror(errno));
		export_event(ui->store, dt->seq, EXPORT_MARKDOWN, NULL, m);
		fclose(m);
		for (p = text; *p == '\n'; p++)
			;
		ui_cite_clip(ui, p, "the event as Markdown");
		free(text);
		return;
	}
	if ((i = ui_cite_excerpt(ui, dt)) < 0) {
		ui_message(ui, "this event has no excerpt to copy");
		return;
	}
	text = export_citation(&dt->d->excerpts[i]);
	p = xasprintf("excerpt %d with its citation", i + 1);
	ui_cite_clip(ui, text, p);
	free(p);
	free(text);
}

void
ui_cite_open(struct ui *ui, struct ui_detail *dt)
{
	const struct store_excerpt	*x;
	const char			*how;
	char				*err;
	int				 i;

	if ((i = ui_cite_excerpt(ui, dt)) < 0) {
		ui_message(ui, "this event cites no source to open");
		return;
	}
	x = &dt->d->excerpts[i];
	if (x->url == NULL || *x->url == '\0') {
		/* Else the event's first source that has one. */
		for (i = 0; i < dt->d->nexcerpts; i++) {
			if (dt->d->excerpts[i].url != NULL &&
			    *dt->d->excerpts[i].url != '\0')
				break;
		}
		if (i == dt->d->nexcerpts) {
			ui_message(ui, "%s has no URL (nor has any source of "
			    "this event)", x->source_title);
			return;
		}
		x = &dt->d->excerpts[i];
	}
	if (browser_open(x->url, &how, &err) == -1) {
		ui_error(ui, "%s: %s", x->url, err);
		free(err);
	} else
		ui_message(ui, "opened %s with %s", x->url, how);
}
