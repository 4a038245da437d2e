/*
 * clipboard.c: copies text to the clipboard through the terminal (OSC 52)
 * and through the first clipboard tool of the display that takes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clipboard.h"
#include "util.h"

char *
clipboard_osc52(const char *text)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 len = strlen(text), i;
	struct buf		 b;
	unsigned int		 v;

	buf_init(&b);
	buf_adds(&b, "\033]52;c;");
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, b64[v & 63]);
	}
	if (len - i == 1) {
		v = (unsigned)p[i] << 16;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_adds(&b, "==");
	} else if (len - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, '=');
	}
	buf_addc(&b, '\a');
	return buf_detach(&b);
}

/* Writes all of s to fd; returns 0 or -1. */
static int
clipboard_write(int fd, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Runs argv with text on its standard input, nothing else of ours open
 * (no terminal), and waits for it. Returns 1 if it exited 0, else 0.
 */
static int
clipboard_run(char *const argv[], const char *text)
{
	struct sigaction	 sa, old;
	pid_t			 pid;
	int			 fds[2], null, status, ok;

	if (pipe(fds) == -1)
		return 0;
	/* A tool that dies early must not kill us with SIGPIPE. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		sigaction(SIGPIPE, &old, NULL);
		return 0;
	}
	if (pid == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(fds[0], 0);
		dup2(null, 1);
		dup2(null, 2);
		close(fds[0]);
		close(fds[1]);
		setsid();	/* no controlling terminal to draw on */
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	ok = clipboard_write(fds[1], text, strlen(text)) == 0;
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

char *
clipboard_copy(const char *text, int fd)
{
	static char	 wl[] = "wl-copy", xclip[] = "xclip", xsel[] = "xsel";
	static char	 pb[] = "pbcopy", sel[] = "-selection", clip[] = "clipboard";
	static char	 b[] = "-b";
	char		*wl_argv[] = { wl, NULL };
	char		*xclip_argv[] = { xclip, sel, clip, NULL };
	char		*xsel_argv[] = { xsel, b, NULL };
	char		*pb_argv[] = { pb, NULL };
	const char	*osc = NULL, *tool = NULL, *e;
	char		*seq;

	if (fd >= 0) {
		seq = clipboard_osc52(text);
		if (clipboard_write(fd, seq, strlen(seq)) == 0)
			osc = "OSC 52";
		free(seq);
	}
	/* The tools only where there is a display for them to reach. */
	if ((e = getenv("WAYLAND_DISPLAY")) != NULL && *e != '\0' &&
	    clipboard_run(wl_argv, text))
		tool = wl;
	if (tool == NULL && (e = getenv("DISPLAY")) != NULL && *e != '\0') {
		if (clipboard_run(xclip_argv, text))
			tool = xclip;
		else if (clipboard_run(xsel_argv, text))
			tool = xsel;
	}
#ifdef __APPLE__
	if (tool == NULL && clipboard_run(pb_argv, text))
		tool = pb;
#else
	(void)pb_argv;
#endif
	if (osc != NULL && tool != NULL)
		return xasprintf("%s and %s", osc, tool);
	if (osc != NULL || tool != NULL)
		return xstrdup(osc != NULL ? osc : tool);
	return NULL;
}
