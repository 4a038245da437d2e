/*
 * replace.h: replacing a file whole, through a temporary file beside it
 * that is written, synced and renamed over it, so that a reader sees the
 * old file or the new, never half of one, and a failed write leaves the old
 * file as it was. The config's theme and `dossier export -o` use it.
 */
#ifndef DOSSIER_REPLACE_H
#define DOSSIER_REPLACE_H

#include <sys/types.h>

#include <stdio.h>

struct replace {
	char	*path;		/* the file replaced (owned) */
	char	*tmp;		/* the temporary file beside it (owned) */
	FILE	*f;		/* open on tmp until commit or abort */
};

/*
 * Opens a temporary file beside path, with the mode mode, or when mode is
 * -1, path's own mode if it exists, else what a new file gets under the
 * umask. Returns r->f, or NULL with *err set (caller frees).
 */
FILE	*replace_open(struct replace *r, const char *path, int mode,
	    char **err);
/*
 * Flushes, syncs and closes r->f, then renames the temporary file over the
 * path. Returns 0, or -1 with *err set (the temporary file gone, the old
 * file untouched). Frees r's memory either way.
 */
int	 replace_commit(struct replace *r, char **err);
/* Drops the temporary file and frees r's memory; the old file stays. */
void	 replace_abort(struct replace *r);

#endif
