/*
 * theme-list.c: the theme files of a directory: listing them, their names
 * for messages, finding one given as NAME or FILE, and those that fit a
 * terminal's background. Part of the theme module (theme.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suggest.h"
#include "theme.h"

static int
theme_list_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
theme_list(const char *dir, char ***paths)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**v = NULL, *path;
	size_t		 n = 0, cap = 0, len;
	const char	*sep;

	*paths = NULL;
	if ((d = opendir(dir)) == NULL)
		return 0;
	len = strlen(dir);
	sep = len > 0 && dir[len - 1] == '/' ? "" : "/";
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s%s%s", dir, sep, de->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = path;
	}
	closedir(d);
	/* Same directory prefix, so sorting paths sorts the names. */
	if (n > 0)
		qsort(v, n, sizeof *v, theme_list_cmp);
	*paths = v;
	return n;
}

void
theme_list_free(char **paths, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

size_t
theme_list_names(const char *dir, char ***names)
{
	const char	*base;
	size_t		 n, i;

	n = theme_list(dir, names);
	for (i = 0; i < n; i++) {
		base = strrchr((*names)[i], '/');
		base = base != NULL ? base + 1 : (*names)[i];
		/* theme_list keeps only names ending in ".yaml". */
		memmove((*names)[i], base, strlen(base) - 5);
		(*names)[i][strlen(base) - 5] = '\0';
	}
	return n;
}

char *
theme_list_text(const char *dir)
{
	struct buf	  b;
	char		**names;
	size_t		  n, i;

	n = theme_list_names(dir, &names);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", names[i]);
	if (n == 0)
		buf_adds(&b, "none");
	theme_list_free(names, n);
	return buf_detach(&b);
}

char *
theme_list_path(const char *dir, const char *name)
{
	size_t	n = strlen(name);

	if (strchr(name, '/') != NULL || (n > 5 &&
	    strcmp(name + n - 5, ".yaml") == 0) || dir == NULL)
		return xstrdup(name);
	return xasprintf("%s/%s.yaml", dir, name);
}

char *
theme_list_missing(const char *dir, const char *name)
{
	const char	 *near;
	char		 *path, *list, **names, *why;
	size_t		  n;

	path = theme_list_path(dir, name);
	if (access(path, F_OK) == 0) {
		free(path);
		return NULL;
	}
	free(path);
	list = theme_list_text(dir);
	n = theme_list_names(dir, &names);
	near = suggest_word(name, strlen(name), (const char *const *)names,
	    n);
	if (near != NULL)
		why = xasprintf("no theme '%s' (did you mean '%s'? themes: %s)",
		    name, near, list);
	else
		why = xasprintf("no theme '%s' (themes: %s)", name, list);
	theme_list_free(names, n);
	free(list);
	return why;
}


size_t
theme_list_fitting(const char *dir, enum theme_background bg, char ***paths)
{
	struct diag_list	  dl;
	struct theme		 *t;
	char			**v;
	size_t			  n, i, kept = 0;

	n = theme_list(dir, &v);
	for (i = 0; i < n; i++) {
		diag_init(&dl);
		t = theme_load(v[i], &dl);
		if (theme_fits(t, bg))
			v[kept++] = v[i];
		else
			free(v[i]);
		theme_free(t);
		diag_free(&dl);
	}
	if (kept == 0) {
		free(v);
		v = NULL;
	}
	*paths = v;
	return kept;
}
