/*
 * paths.c: finds the bundled content and themes. A binary in a checkout
 * (TOP/build/dossier, with TOP/content beside it) uses the checkout's, so
 * that a developer sees what they edit; an installed binary uses
 * DOSSIER_DATADIR.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

#ifndef DOSSIER_DATADIR
#define DOSSIER_DATADIR "/usr/local/share/dossier"
#endif

/*
 * Returns TOP/sub if this binary lives below TOP/build/ (build/dossier, or
 * build/asan/dossier for a sanitizer build) and TOP/sub exists.
 */
static char *
paths_checkout(const char *sub)
{
	char		 exe[PATH_MAX], *slash, *p;
	struct stat	 sb;
	ssize_t		 n;
	int		 up;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	for (up = 0; up < 3; up++) {
		if ((slash = strrchr(exe, '/')) == NULL)
			return NULL;
		*slash = '\0';
		if (up == 0)
			continue;	/* the binary's own directory */
		p = xasprintf("%s/%s", exe, sub);
		if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			/* Only a checkout has a Makefile beside content/. */
			free(p);
			p = xasprintf("%s/Makefile", exe);
			if (stat(p, &sb) == 0) {
				free(p);
				return xasprintf("%s/%s", exe, sub);
			}
		}
		free(p);
	}
	return NULL;
}

static char *
paths_find(const char *sub)
{
	char	*p;

	if ((p = paths_checkout(sub)) != NULL)
		return p;
	return xasprintf("%s/%s", DOSSIER_DATADIR, sub);
}

char *
paths_content(void)
{
	const char	*env = getenv("DOSSIER_CONTENT");

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return paths_find("content");
}

char *
paths_themes(void)
{
	return paths_find("themes");
}
