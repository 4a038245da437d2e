/*
 * notes.h: what the user writes (marks, notes and saved views), kept in
 * one SQLite file of its own, apart from the disposable cache. Rows are
 * keyed by the content directory's canonical path (the corpus) and the
 * event id, so one file serves every corpus and a rebuilt store loses
 * nothing. This module never calls curses and never reads the store.
 *
 * Every change is one transaction, committed (synchronous=FULL, WAL)
 * before the function returns 0. A failed change leaves the file as it was
 * and returns -1 with a one-line message in *err (caller frees).
 */
#ifndef DOSSIER_NOTES_H
#define DOSSIER_NOTES_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/* "DOSN" in the file's header: the application_id of a notes.db. */
#define NOTES_APP_ID		0x444f534e
#define NOTES_FORMAT		"dossier-notes"
#define NOTES_VERSION		1
#define NOTES_BUSY_MS		5000	/* how long a writer waits its turn */

/* notes_open flags */
#define NOTES_CREATE		0x01	/* make the file (and its directory) */
#define NOTES_READONLY		0x02	/* never write */

struct notes;

/*
 * The default file: $XDG_DATA_HOME/dossier/notes.db, else
 * ~/.local/share/dossier/notes.db. Returns a new string (caller frees), or
 * NULL when there is neither.
 */
char		*notes_default_path(void);

/*
 * The canonical name of a content directory (its real path, else the path
 * as given). Returns a new string; caller frees.
 */
char		*notes_corpus(const char *content);

/*
 * Checks that path is a notes.db of dossier's without changing a byte of
 * it. Returns 0 if it is one, 1 if it does not exist or is an empty file
 * (a new one may be made there), -1 if it is foreign, corrupt or
 * unreadable (a one-line reason in *err, caller frees).
 */
int		 notes_check(const char *path, char **err);

/*
 * Opens the notes of corpus (see notes_corpus) in the file at path.
 * Without NOTES_CREATE, a missing file gives NULL with *err NULL. A
 * foreign or corrupt file is refused (NULL, *err set) and left as it is.
 * The result is valid until notes_close.
 */
struct notes	*notes_open(const char *path, const char *corpus, int flags,
		    char **err);
void		 notes_close(struct notes *);
const char	*notes_path(struct notes *);

/* One event's mark and note, as stored. Strings owned by the entry. */
struct notes_entry {
	char	*event;
	char	*date;		/* the event's date when last written, or NULL */
	int	 marked;
	char	*note;		/* NULL when there is none */
	char	*updated;	/* ISO 8601 UTC, e.g. 2025-06-13T04:00:00.000Z */
};
void		 notes_entry_clear(struct notes_entry *);

/*
 * Sets (marked 1) or clears (0) the marks of n events at once, in one
 * transaction; dates[i] (or NULL) is event i's date, kept so that an
 * orphan still sorts. Returns 0 or -1.
 */
int		 notes_mark(struct notes *, const char *const *ids,
		    const char *const *dates, int n, int marked, char **err);
/* Toggles one event's mark; *now gets the new state. Returns 0 or -1. */
int		 notes_toggle(struct notes *, const char *id, const char *date,
		    int *now, char **err);
/* Sets an event's note; NULL or "" removes it. Returns 0 or -1. */
int		 notes_set(struct notes *, const char *id, const char *date,
		    const char *text, char **err);
/*
 * Reads one event's entry into *out (free with notes_entry_clear).
 * Returns 1 if there is one, 0 if not, -1 on failure.
 */
int		 notes_get(struct notes *, const char *id,
		    struct notes_entry *out, char **err);
/*
 * Calls fn for every entry of the corpus by event id, the unmarked and
 * unnoted ones (kept so that a merge knows what was removed) included.
 * The entry is valid during the call. Returns their number or -1.
 */
int64_t		 notes_each(struct notes *,
		    void (*fn)(const struct notes_entry *, void *), void *arg,
		    char **err);

/* What notes_merge did. */
struct notes_merged {
	int	added;		/* events the file did not have */
	int	updated;	/* newer than what the file had */
	int	kept;		/* what the file had was as new or newer */
};
/*
 * Merges entries into the corpus in one transaction: for each event the
 * newer updated wins. Returns 0 or -1 (nothing merged).
 */
int		 notes_merge(struct notes *, const struct notes_entry *v,
		    int n, struct notes_merged *out, char **err);

/* A saved view. Strings owned by the view; NULL when not set. */
struct notes_view {
	char	*name;
	char	**actors;
	int	 nactors;
	char	*tag;
	char	*from;
	char	*to;
	char	*query;
	int	 marked;
};
void		 notes_view_clear(struct notes_view *);
/* Non-zero if name is a valid view name: [a-z0-9][a-z0-9-]*. */
int		 notes_view_name_ok(const char *name);
/* Saves v, replacing a view of that name. Returns 0 or -1. */
int		 notes_view_save(struct notes *, const struct notes_view *v,
		    char **err);
/* Reads a view into *out: 1 found, 0 none of that name, -1 failure. */
int		 notes_view_get(struct notes *, const char *name,
		    struct notes_view *out, char **err);
/* Removes a view: 1 removed, 0 none of that name, -1 failure. */
int		 notes_view_rm(struct notes *, const char *name, char **err);
/*
 * Every view of the corpus by name into *out (caller frees each with
 * notes_view_clear, then the array). Returns their number or -1.
 */
int		 notes_view_list(struct notes *, struct notes_view **out,
		    char **err);

/* Every view of the corpus as a JSON array; returns their number or -1. */
int		 notes_view_json(struct notes *, FILE *out, char **err);

/*
 * notes-yaml.c: the export format, YAML ("notes:" a list of {event,
 * marked, note, updated}). notes_export writes every entry of the corpus
 * to out; returns 0 or -1. notes_import reads file, reporting problems to
 * diags as FILE:LINE:COL, and merges it only if there are none. Returns 0,
 * or -1 (diags, or *err for a failed merge; nothing imported).
 */
int		 notes_export(struct notes *, FILE *out, char **err);
int		 notes_import(struct notes *, const char *file,
		    struct diag_list *diags, struct notes_merged *out,
		    char **err);

#endif
