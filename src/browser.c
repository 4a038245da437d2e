/*
 * browser.c: opens a URL with $BROWSER, xdg-open or open, detached: a
 * double fork puts the browser in its own session, away from the
 * terminal, and a close-on-exec pipe tells whether it started.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "browser.h"
#include "export.h"
#include "util.h"

#define BROWSER_MAXARGS	32

/*
 * Starts argv detached. Returns 0 if it was executed, else the errno of
 * the failure (ENOENT for a missing program).
 */
static int
browser_spawn(char *const argv[])
{
	pid_t	pid;
	int	fds[2], null, status, e = 0;
	ssize_t	n;

	if (pipe(fds) == -1)
		return errno;
	if (fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    (pid = fork()) == -1) {
		e = errno;
		close(fds[0]);
		close(fds[1]);
		return e;
	}
	if (pid == 0) {
		/* The middle child: a new session, then gone at once. */
		close(fds[0]);
		setsid();
		if ((pid = fork()) == -1) {
			e = errno;
			n = write(fds[1], &e, sizeof e);
			_exit(1);
		}
		if (pid != 0)
			_exit(0);
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
		execvp(argv[0], argv);
		e = errno;
		n = write(fds[1], &e, sizeof e);
		(void)n;
		_exit(127);
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* End of file: the pipe closed on exec, so the program started. */
	while ((n = read(fds[0], &e, sizeof e)) == -1 && errno == EINTR)
		;
	close(fds[0]);
	return n == (ssize_t)sizeof e ? e : 0;
}

/*
 * Splits one $BROWSER command at spaces into argv (pointing into cmd,
 * which it changes), with url for "%s" or at the end. Returns argc.
 */
static int
browser_argv(char *cmd, char *url, char *argv[BROWSER_MAXARGS])
{
	char	*w, *save = NULL;
	int	 argc = 0, subst = 0;

	for (w = strtok_r(cmd, " \t", &save); w != NULL &&
	    argc < BROWSER_MAXARGS - 2; w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "%s") == 0) {
			argv[argc++] = url;
			subst = 1;
		} else
			argv[argc++] = w;
	}
	if (argc > 0 && !subst)
		argv[argc++] = url;
	argv[argc] = NULL;
	return argc;
}

int
browser_open(const char *url, const char **how, char **err)
{
	static const char *const fallback[] = { "xdg-open", "open" };
	static char		 name[64];
	char			*argv[BROWSER_MAXARGS], *list, *cmd, *save = NULL;
	char			*u;
	const char		*b;
	size_t			 i;
	int			 e = ENOENT;

	*err = NULL;
	if (!export_url_linkable(url)) {
		*err = xstrdup("not an http or https URL; not opening it");
		return -1;
	}
	u = xstrdup(url);
	if ((b = getenv("BROWSER")) != NULL && *b != '\0') {
		list = xstrdup(b);
		for (cmd = strtok_r(list, ":", &save); cmd != NULL;
		    cmd = strtok_r(NULL, ":", &save)) {
			if (browser_argv(cmd, u, argv) == 0)
				continue;
			if ((e = browser_spawn(argv)) == 0) {
				b = strrchr(argv[0], '/');
				snprintf(name, sizeof name, "%s",
				    b != NULL ? b + 1 : argv[0]);
				*how = name;
				free(list);
				free(u);
				return 0;
			}
		}
		free(list);
		*err = xasprintf("$BROWSER could not start: %s", strerror(e));
		free(u);
		return -1;
	}
	for (i = 0; i < sizeof fallback / sizeof fallback[0]; i++) {
		argv[0] = xstrdup(fallback[i]);
		argv[1] = u;
		argv[2] = NULL;
		e = browser_spawn(argv);
		free(argv[0]);
		if (e == 0) {
			*how = fallback[i];
			free(u);
			return 0;
		}
	}
	free(u);
	*err = xstrdup("no browser: set $BROWSER, or install xdg-open");
	return -1;
}
