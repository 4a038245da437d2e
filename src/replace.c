/*
 * replace.c: replaces a file whole through a temporary file beside it
 * (see replace.h): mkstemp in the same directory, so that the rename stays
 * on one file system, then fsync before the rename.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replace.h"
#include "util.h"

static void
replace_free(struct replace *r)
{
	free(r->path);
	free(r->tmp);
	memset(r, 0, sizeof *r);
}

FILE *
replace_open(struct replace *r, const char *path, int mode, char **err)
{
	struct stat	st;
	mode_t		mask;
	int		fd;

	*err = NULL;
	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	r->tmp = xasprintf("%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(r->tmp)) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		replace_free(r);
		return NULL;
	}
	/* mkstemp makes 0600: give the file what it is to have. */
	if (mode == -1 && stat(path, &st) == 0)
		mode = (int)(st.st_mode & 07777);
	else if (mode == -1) {
		mask = umask(0);
		umask(mask);
		mode = (int)(0666 & ~mask);
	}
	fchmod(fd, (mode_t)mode);
	if ((r->f = fdopen(fd, "wb")) == NULL) {
		*err = xasprintf("%s: %s", r->tmp, strerror(errno));
		close(fd);
		unlink(r->tmp);
		replace_free(r);
		return NULL;
	}
	return r->f;
}

int
replace_commit(struct replace *r, char **err)
{
	int	saved = 0;

	*err = NULL;
	if (fflush(r->f) != 0 || ferror(r->f))
		saved = errno != 0 ? errno : EIO;
	/* EINVAL: a file that cannot be synced (a pipe, /dev/null). */
	else if (fsync(fileno(r->f)) != 0 && errno != EINVAL)
		saved = errno;
	if (fclose(r->f) != 0 && saved == 0)
		saved = errno != 0 ? errno : EIO;
	r->f = NULL;
	if (saved == 0 && rename(r->tmp, r->path) != 0)
		saved = errno;
	if (saved != 0) {
		*err = xasprintf("%s: %s", r->path, strerror(saved));
		unlink(r->tmp);
		replace_free(r);
		return -1;
	}
	replace_free(r);
	return 0;
}

void
replace_abort(struct replace *r)
{
	if (r->f != NULL)
		fclose(r->f);
	if (r->tmp != NULL)
		unlink(r->tmp);
	replace_free(r);
}
