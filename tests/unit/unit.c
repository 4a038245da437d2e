/*
 * unit.c: runs a table of unit tests and prints one PASS or FAIL line each;
 * and the scratch directory the tests write their files in.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>

#include "unit.h"
#include "util.h"

int unit_failed;

int
unit_main(const struct unit_test *t, size_t n)
{
	size_t	i;
	int	bad = 0;

	for (i = 0; i < n; i++) {
		unit_failed = 0;
		t[i].fn();
		printf("%s %s\n", unit_failed ? "FAIL" : "PASS", t[i].name);
		bad |= unit_failed;
	}
	return bad;
}

static char	*unit_dir;	/* the scratch directory, once made */
static int	 unit_ndirs;	/* for unique directory names */

const char *
unit_tmpdir(void)
{
	const char	*base;

	if (unit_dir != NULL)
		return unit_dir;
	if ((base = getenv("TESTTMP")) == NULL || *base == '\0')
		base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	unit_dir = xasprintf("%s/unit.XXXXXX", base);
	if (mkdtemp(unit_dir) == NULL) {
		printf("cannot make %s: %s\n", unit_dir, strerror(errno));
		exit(2);
	}
	return unit_dir;
}

char *
unit_newdir(const char *what)
{
	char	*d;

	d = xasprintf("%s/%s%d", unit_tmpdir(), what, ++unit_ndirs);
	if (mkdir(d, 0700) == -1) {
		printf("cannot make %s: %s\n", d, strerror(errno));
		exit(2);
	}
	return d;
}

void
unit_write(const char *dir, const char *name, const char *data, size_t len)
{
	char	*path, *p;
	FILE	*f;

	if (dir == NULL)
		path = xstrdup(name);
	else {
		path = xasprintf("%s/%s", dir, name);
		for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL;
		    p++) {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		printf("cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
	free(path);
}

void
unit_write_text(const char *dir, const char *name, const char *text)
{
	unit_write(dir, name, text, strlen(text));
}

void
unit_set_mtime(const char *dir, const char *name, time_t t)
{
	struct timespec	 ts[2];
	char		*path;

	path = xasprintf("%s/%s", dir, name);
	ts[0].tv_sec = ts[1].tv_sec = t;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, 0) == -1) {
		printf("cannot date %s: %s\n", path, strerror(errno));
		exit(2);
	}
	free(path);
}

static int
unit_rm_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void
unit_rm_rf(const char *path)
{
	nftw(path, unit_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void
unit_cleanup(void)
{
	if (unit_dir != NULL) {
		unit_rm_rf(unit_dir);
		free(unit_dir);
		unit_dir = NULL;
	}
}
