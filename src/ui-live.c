/*
 * ui-live.c: the reader follows its content. The watch (watch.c) wakes the
 * main loop when the content directory changes; once a burst has settled
 * the content is checked as `dossier check` checks it. Valid: the store is
 * opened again on the same database (only the changed files are read),
 * swapped in under the panes, the view made again with the same filter
 * and search, the selection kept on the same event id (or the nearest by
 * date), and the status line says what changed, as counted in SQL from a
 * digest taken before (store-diff.c). Invalid: the last good store stays
 * on screen and the errors overlay lists every problem.
 *
 * A reload waits while an overlay other than the errors one is open (the
 * actor list, a profile, a prompt hold what the old store gave them); it
 * happens as soon as they close.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "store.h"
#include "ui-core.h"
#include "ui-live.h"
#include "ui-timeline.h"
#include "ui-view.h"
#include "util.h"
#include "watch.h"

struct ui_live {
	struct watch	*w;
	struct store	*first;		/* the store ui_run was given */
	int		 pending;	/* a change waits for the overlays */
	char		*seen;		/* the content's stamp at the last check */
};

void
ui_live_start(struct ui *ui)
{
	ui->live = xcalloc(1, sizeof *ui->live);
	ui->live->first = ui->store;
	if (ui->opts->content != NULL)
		ui->live->w = watch_new(ui->opts->content);
}

void
ui_live_free(struct ui *ui)
{
	if (ui->live == NULL)
		return;
	if (ui->live->w != NULL)
		watch_free(ui->live->w);
	free(ui->live->seen);
	/* The first store is its owner's (cli.c); later ones are ours. */
	if (ui->store != ui->live->first) {
		store_close(ui->store);
		ui->store = ui->live->first;
	}
	free(ui->live);
	ui->live = NULL;
}

int
ui_live_fd(struct ui *ui)
{
	return ui->live != NULL && ui->live->w != NULL ?
	    watch_fd(ui->live->w) : -1;
}

int
ui_live_timeout(struct ui *ui)
{
	return ui->live != NULL && ui->live->w != NULL ?
	    watch_timeout(ui->live->w) : -1;
}

/* Whether the stack lets the store change: the main screen, or errors. */
static int
ui_live_may(struct ui *ui)
{
	return ui->nmodes == 1 || (ui->nmodes == 2 &&
	    ui->modes[1].mode == &ui_errors_mode);
}

int
ui_live_check(struct ui *ui)
{
	if (ui->live == NULL || ui->live->w == NULL)
		return 0;
	if (watch_check(ui->live->w))
		ui->live->pending = 1;
	if (!ui->live->pending || !ui_live_may(ui))
		return 0;
	ui_live_reload(ui, NULL, 0);
	return 1;
}

/* Shows the problems in the errors overlay (a new one); takes d. */
static void
ui_live_errors(struct ui *ui, struct diag_list *d)
{
	struct ui_errors_args	 args;

	if (ui_mode_top(ui)->mode == &ui_errors_mode)
		ui_mode_pop(ui);
	diag_sort(d);
	args.diags = d;
	if (ui_mode_push(ui, &ui_errors_mode, &args) != 0)
		diag_free(d);
	ui_error(ui, "%zu error%s in the content; the last good version is "
	    "shown", d->errors, d->errors == 1 ? "" : "s");
}

/* Says what changed: "2 events changed, 1 added". */
static void
ui_live_say(struct ui *ui, const char *why, int error, int64_t changed,
    int64_t added, int64_t removed)
{
	struct buf	b;

	buf_init(&b);
	if (changed > 0)
		buf_addf(&b, "%lld event%s changed", (long long)changed,
		    changed == 1 ? "" : "s");
	if (added > 0)
		buf_addf(&b, "%s%lld %sadded", b.len > 0 ? ", " : "",
		    (long long)added, b.len > 0 ? "" : added == 1 ?
		    "event " : "events ");
	if (removed > 0)
		buf_addf(&b, "%s%lld %sremoved", b.len > 0 ? ", " : "",
		    (long long)removed, b.len > 0 ? "" : removed == 1 ?
		    "event " : "events ");
	if (b.len == 0 && why == NULL) {
		buf_free(&b);
		return;
	}
	if (b.len == 0)
		buf_adds(&b, "no event changed");
	if (why != NULL && *why != '\0' && error)
		ui_error(ui, "%s; %s", why, buf_str(&b));
	else if (why != NULL && *why != '\0')
		ui_message(ui, "%s; %s", why, buf_str(&b));
	else
		ui_message(ui, "%s", buf_str(&b));
	buf_free(&b);
}

/* Says why alone, as ui_live_say would before what changed. */
static void
ui_live_say_only(struct ui *ui, const char *why, int error)
{
	if (error)
		ui_error(ui, "%s", why);
	else
		ui_message(ui, "%s", why);
}

/*
 * Indexes the content again and swaps the new store in. The view is
 * dropped first: its statements and temporary table belong to the old
 * connection, and an update in place must not wait for them.
 */
static void
ui_live_swap(struct ui *ui, const char *why, int error)
{
	struct store_detail	*d;
	struct store_counts	 counts;
	struct diag_list	 dl;
	struct store		*ns;
	char			*digest, *id = NULL, *err = NULL, date[11] = "";
	int64_t			 changed, added, removed;

	if (ui->seq != 0 &&
	    (d = store_detail_get(ui->store, ui->seq, NULL)) != NULL) {
		id = xstrdup(d->id);
		memcpy(date, d->date, sizeof date);
		store_detail_free(d);
	}
	digest = store_digest(ui->store);
	ui_timeline_set_view(ui, NULL, 0);
	if (ui->view != NULL)
		store_view_free(ui->view);
	ui->view = NULL;

	diag_init(&dl);
	ns = store_open(ui->opts->content, ui->opts->db, STORE_QUIET, NULL,
	    &dl, &err);
	diag_free(&dl);
	if (ns != NULL) {
		if (ui->store != ui->live->first)
			store_close(ui->store);
		ui->store = ns;
	}
	store_date_range(ui->store, ui->first, ui->last);
	store_counts(ui->store, &counts);
	ui->total = counts.events;
	ui_view_reload(ui, id, date);
	if (ns == NULL)
		ui_error(ui, "cannot index the content: %s", err != NULL ?
		    err : "unknown error");
	else if (digest != NULL &&
	    store_diff(ui->store, digest, &changed, &added, &removed) == 0)
		ui_live_say(ui, why, error, changed, added, removed);
	free(err);
	free(digest);
	free(id);
	ui_redraw(ui, UI_REDRAW_ALL);
}

void
ui_live_reload(struct ui *ui, const char *why, int error)
{
	struct diag_list	 d;
	struct store_counts	 n;
	struct ui_mode_entry	*top;
	char			*err = NULL, *stamp;

	if (ui->live == NULL || ui->opts->content == NULL)
		return;
	ui->live->pending = 0;
	/*
	 * The watch also hears what an editor run from e wrote, after e
	 * has reloaded it: a stamp already checked is nothing new.
	 */
	stamp = store_stamp(ui->opts->content);
	if (why == NULL && stamp != NULL && ui->live->seen != NULL &&
	    strcmp(stamp, ui->live->seen) == 0) {
		free(stamp);
		return;
	}
	free(ui->live->seen);
	ui->live->seen = stamp;
	/* Nothing written since the store was built (an editor quit). */
	if (store_fresh(ui->store, ui->opts->content)) {
		if ((top = ui_mode_top(ui)) != NULL &&
		    top->mode == &ui_errors_mode)
			ui_mode_pop(ui);
		if (why != NULL && *why != '\0')
			ui_live_say_only(ui, why, error);
		else if (why != NULL)
			ui_message(ui, "no change");
		return;
	}
	diag_init(&d);
	if (store_check(ui->opts->content, &d, &n, &err) != 0) {
		if (d.errors == 0) {
			ui_error(ui, "cannot check the content: %s",
			    err != NULL ? err : "unknown error");
			diag_free(&d);
		} else
			ui_live_errors(ui, &d);
		free(err);
		return;
	}
	diag_free(&d);
	/* A good edit closes the errors overlay by itself, and says so. */
	if ((top = ui_mode_top(ui)) != NULL && top->mode == &ui_errors_mode) {
		ui_mode_pop(ui);
		if (why == NULL || *why == '\0') {
			why = "the content checks again";
			error = 0;
		}
	}
	ui_live_swap(ui, why, error);
}
