/*
 * ptyrun.c: drives the real reader in a pseudo-terminal of fixed size and
 * times what a person feels: the first screen, moving the selection, paging,
 * searching; and reads the reader's peak memory from /proc.
 *
 *	ptyrun [-1] [-c COLS] [-r ROWS] [-q QUIET_MS] [-p PATTERN] [-j KEYS]
 *	    [-P PAGES] [-s QUERIES] [-d DUMP] -- COMMAND [ARG...]
 *
 * How things are timed: a response to a key is complete when the reader
 * waits for the next key, blocked reading the terminal or polling for it
 * without a short time limit (its system call in /proc/PID/syscall), and
 * everything it wrote has been read; its time is from writing the key to the LAST byte of that output.
 * So a response drawn in several frames ("searching..." first, then the
 * results) counts whole. Cursor visibility changes, which curses writes at
 * once, do not start a response. Where /proc cannot tell, a response ends
 * after QUIET_MS (default 25) without output, which is not counted.
 *
 *  - first screen: from fork until PATTERN (the status line's position,
 *    "1/N") has been drawn and the reader waits for a key, i.e. the first
 *    complete frame is on the screen (with -1, nothing more: the reader is
 *    told to quit);
 *  - keys: KEYS presses of j one at a time (default 200), each waiting for
 *    its response: p50, p95, mean, max;
 *  - paging: G (to the last event), then PAGES presses of PgUp and PAGES of
 *    PgDn (default 50 each);
 *  - memory: VmHWM (peak resident set) and VmRSS after paging;
 *  - searches (-s FILE, one query a line): "/", Ctrl-U, the query, then
 *    Enter timed twice: until the first screen of results is drawn (the
 *    frame with the search's "n/N: next" message; the reader may go on
 *    counting matches after it), and until the reader waits for a key
 *    again; each query runs twice, the first time reported as "cold";
 *    VmHWM after them;
 *  - -d DUMP: everything written and read, with times, for debugging.
 *
 * Prints "key value" lines on stdout. Exits 1 if the command fails to draw.
 */
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int	 pr_fd = -1;		/* the master side */
static pid_t	 pr_pid;
static FILE	*pr_dump;
static int	 pr_quiet = 25;		/* ms */
static double	 pr_last;		/* time of the last byte read */
static int	 pr_sig;		/* a read had more than cursor moves */
static unsigned long long pr_bytes;
static const char *pr_mark;		/* a pattern whose arrival is timed */
static int	 pr_seen(const char *);
static double	 pr_mark_t;		/* when it arrived, or -1 */

/* For PATTERN: the last bytes read, across reads. */
static char	 pr_tail[8192];
static size_t	 pr_tlen;

static double
pr_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * Reads what the reader wrote for up to ms milliseconds. Returns the number
 * of bytes read, or -1 when the reader has gone.
 */
/*
 * Returns 1 if buf holds more than cursor visibility changes: curs_set()
 * writes those at once, ahead of the frame that doupdate() writes later,
 * so they do not start a response.
 */
static int
pr_significant(const char *buf, size_t n)
{
	static const char	*skip[] = { "\033[?25l", "\033[?25h",
				    "\033[?12l", "\033[?12h" };
	size_t			 i, j, len;

	for (i = 0; i < n;) {
		for (j = 0; j < sizeof skip / sizeof skip[0]; j++) {
			len = strlen(skip[j]);
			if (n - i >= len && memcmp(buf + i, skip[j], len) == 0)
				break;
		}
		if (j == sizeof skip / sizeof skip[0])
			return 1;
		i += len;
	}
	return 0;
}

static long
pr_read(int ms)
{
	struct pollfd	pfd = { pr_fd, POLLIN, 0 };
	char		buf[65536];
	ssize_t		n;
	size_t		keep;
	long		got = 0;
	int		rc;

	rc = poll(&pfd, 1, ms);
	if (rc <= 0)
		return rc == 0 || errno == EINTR ? 0 : -1;
	for (;;) {
		n = read(pr_fd, buf, sizeof buf);
		if (n > 0) {
			pr_last = pr_now();
			pr_sig |= pr_significant(buf, (size_t)n);
			got += n;
			pr_bytes += (unsigned long long)n;
			if (pr_dump != NULL) {
				fprintf(pr_dump, "\n<<< %.3f read %zd\n",
				    pr_last, n);
				fwrite(buf, 1, (size_t)n, pr_dump);
			}
			/* Keep the tail for pattern matching. */
			if ((size_t)n >= sizeof pr_tail) {
				memcpy(pr_tail, buf + n - sizeof pr_tail / 2,
				    sizeof pr_tail / 2);
				pr_tlen = sizeof pr_tail / 2;
			} else {
				if (pr_tlen + (size_t)n > sizeof pr_tail) {
					keep = sizeof pr_tail - (size_t)n;
					memmove(pr_tail, pr_tail + pr_tlen -
					    keep, keep);
					pr_tlen = keep;
				}
				memcpy(pr_tail + pr_tlen, buf, (size_t)n);
				pr_tlen += (size_t)n;
			}
			if (pr_mark != NULL && pr_mark_t < 0 &&
			    pr_seen(pr_mark))
				pr_mark_t = pr_last;
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			break;
		/* EIO: the slave side is closed, the reader is gone. */
		return got > 0 ? got : -1;
	}
	return got;
}

static int
pr_seen(const char *pattern)
{
	size_t	n = strlen(pattern), i;

	if (pr_tlen < n)
		return 0;
	for (i = 0; i + n <= pr_tlen; i++) {
		if (memcmp(pr_tail + i, pattern, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Returns 1 if the reader is blocked reading the terminal, that is waiting
 * for a key; 0 if not; -1 if /proc cannot tell.
 */
static int
pr_idle(void)
{
	char		path[64], buf[128];
	long		nr;
	unsigned long	a1 = 1, a2 = 0, a3 = 0;
	int		fd;
	ssize_t		n;

	snprintf(path, sizeof path, "/proc/%ld/syscall", (long)pr_pid);
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (strncmp(buf, "running", 7) == 0)
		return 0;
	if (sscanf(buf, "%ld %lx %lx %lx", &nr, &a1, &a2, &a3) < 1)
		return -1;
	/* Blocked reading the terminal. */
	if (nr == SYS_read)
		return a1 == 0;
	/*
	 * Or waiting in poll for a key or a content change (the reader with
	 * its watch): with no time limit, or a long one (the watch's poll
	 * fallback); a poll with a short limit is a check between work.
	 */
	if (nr == SYS_poll)
		return (int)a3 < 0 || (int)a3 >= 100;
	if (nr == SYS_ppoll)
		return a3 == 0;
	return 0;
}

/*
 * Waits for a response: output within max_ms, then until the reader waits
 * for a key with all its output read (or, without /proc, until pr_quiet ms
 * pass without output), max_ms at most. Returns the time of the last byte,
 * or -1 if nothing came.
 */
static double
pr_settle(int max_ms)
{
	double	deadline = pr_now() + max_ms, left;
	long	n;
	int	seen = 0, idle;

	pr_last = -1;
	for (;;) {
		pr_sig = 0;
		/* Never a negative poll timeout: that waits for ever. */
		left = deadline - pr_now();
		n = pr_read(seen ? 2 : left > 0 ? (int)left + 1 : 0);
		if (n < 0)
			return seen ? pr_last : -1;
		if (n > 0 && pr_sig)
			seen = 1;
		if (pr_now() >= deadline)
			return seen ? pr_last : -1;
		if (!seen || n > 0)
			continue;
		if ((idle = pr_idle()) == 1) {
			/* It wrote everything before it blocked. */
			while (pr_read(0) > 0)
				;
			return pr_last;
		}
		if (idle == -1 && pr_now() - pr_last >= pr_quiet)
			return pr_last;
	}
}

/* Sends s and returns the time to its response, in ms (-1: none came). */
static double
pr_key(const char *s, size_t len, int max_ms)
{
	double	t0, t;

	t0 = pr_now();
	if (pr_dump != NULL)
		fprintf(pr_dump, "\n>>> %.3f write %.*s\n", t0, (int)len, s);
	if (write(pr_fd, s, len) != (ssize_t)len)
		return -1;
	if ((t = pr_settle(max_ms)) < 0)
		return -1;
	return t - t0;
}

static int
pr_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The p-th percentile (nearest rank) of n sorted values. */
static double
pr_pct(const double *v, int n, int p)
{
	int	k = (p * n + 99) / 100;

	if (n == 0)
		return -1;
	return v[k < 1 ? 0 : k > n ? n - 1 : k - 1];
}

/* Prints p50, p95, mean and max of n timings under name. */
static void
pr_stats(const char *name, double *v, int n, int missed)
{
	double	sum = 0;
	int	i;

	qsort(v, (size_t)n, sizeof *v, pr_cmp);
	for (i = 0; i < n; i++)
		sum += v[i];
	printf("%s_n %d\n%s_missed %d\n", name, n, name, missed);
	if (n == 0)
		return;
	printf("%s_p50_ms %.3f\n%s_p95_ms %.3f\n%s_mean_ms %.3f\n"
	    "%s_max_ms %.3f\n", name, pr_pct(v, n, 50), name, pr_pct(v, n, 95),
	    name, sum / n, name, v[n - 1]);
}

/* Presses key count times, each timed; prints the statistics. */
static void
pr_repeat(const char *name, const char *key, int count)
{
	double	*v, t;
	int	 i, n = 0, missed = 0;

	if ((v = calloc((size_t)count + 1, sizeof *v)) == NULL)
		exit(1);
	for (i = 0; i < count; i++) {
		if ((t = pr_key(key, strlen(key), 2000)) < 0)
			missed++;
		else
			v[n++] = t;
	}
	pr_stats(name, v, n, missed);
	free(v);
}

/* Prints the reader's peak and current resident set, in kB. */
static void
pr_memory(const char *prefix)
{
	char	path[64], line[256];
	FILE	*f;
	long	v;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pr_pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmHWM: %ld", &v) == 1)
			printf("%shwm_kb %ld\n", prefix, v);
		else if (sscanf(line, "VmRSS: %ld", &v) == 1)
			printf("%srss_kb %ld\n", prefix, v);
	}
	fclose(f);
}

/*
 * Types query (len bytes) into the search prompt and times Enter: *t to
 * the end of the response, *first to the first screen of results (-1 if
 * none came). Returns 0, or -1 if the reader did not respond.
 */
static int
pr_search(const char *query, size_t len, double *t, double *first)
{
	double	t0;

	/* Open the prompt, empty it, type the query: not timed. */
	pr_key("/", 1, 2000);
	pr_key("\025", 1, 300);
	pr_key(query, len, 2000);
	pr_tlen = 0;
	pr_mark = "n/N: next";
	pr_mark_t = -1;
	t0 = pr_now();
	*t = pr_key("\r", 1, 120000);
	pr_mark = NULL;
	*first = pr_mark_t >= 0 ? pr_mark_t - t0 : -1;
	return *t < 0 ? -1 : 0;
}

/*
 * Runs each query of path as a search in the reader, twice in a row; the
 * second is the measure (the index pages it needs are in memory, as on a
 * machine that keeps its page cache), the first is printed as "cold": on
 * a machine that pages idle cache out, it reads them from disk. Prints
 * the timings.
 */
static void
pr_searches(const char *path)
{
	FILE	*f;
	char	 line[1024];
	double	 v[256], first[256], cold[256], t, tf;
	size_t	 len;
	int	 n = 0, nf = 0, nc = 0, missed = 0;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	while (n < 256 && fgets(line, sizeof line, f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (pr_search(line, len, &t, &tf) == 0 && tf >= 0) {
			printf("search_cold_query_ms %.3f %s\n", tf, line);
			cold[nc++] = tf;
		}
		if (pr_search(line, len, &t, &tf) == -1) {
			missed++;
			continue;
		}
		printf("search_query_ms %.3f %s\n", t, line);
		v[n++] = t;
		if (tf >= 0) {
			printf("search_first_query_ms %.3f %s\n", tf, line);
			first[nf++] = tf;
		}
	}
	fclose(f);
	pr_stats("search", v, n, missed);
	pr_stats("search_first", first, nf, n + missed - nf);
	pr_stats("search_cold", cold, nc, n + missed - nc);
}

static void
pr_usage(void)
{
	fprintf(stderr, "usage: ptyrun [-1] [-c COLS] [-r ROWS] [-q QUIET_MS] "
	    "[-p PATTERN] [-j KEYS] [-P PAGES] [-s QUERIES] [-d DUMP] -- "
	    "COMMAND [ARG...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct winsize	 ws;
	const char	*pattern = NULL, *queries = NULL, *dump = NULL;
	double		 t0, deadline, t;
	int		 c, cols = 120, rows = 40, keys = 200, pages = 50;
	int		 status, found = 0, i, only_first = 0;

	while ((c = getopt(argc, argv, "1c:r:q:p:j:P:s:d:")) != -1) {
		switch (c) {
		case '1':
			only_first = 1;
			break;
		case 'c':
			cols = atoi(optarg);
			break;
		case 'r':
			rows = atoi(optarg);
			break;
		case 'q':
			pr_quiet = atoi(optarg);
			break;
		case 'p':
			pattern = optarg;
			break;
		case 'j':
			keys = atoi(optarg);
			break;
		case 'P':
			pages = atoi(optarg);
			break;
		case 's':
			queries = optarg;
			break;
		case 'd':
			dump = optarg;
			break;
		default:
			pr_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		pr_usage();
	if (dump != NULL && (pr_dump = fopen(dump, "wb")) == NULL) {
		perror(dump);
		return 1;
	}

	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	t0 = pr_now();
	if ((pr_pid = forkpty(&pr_fd, NULL, NULL, &ws)) == -1) {
		perror("forkpty");
		return 1;
	}
	if (pr_pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		if (getenv("LC_ALL") == NULL)
			setenv("LC_ALL", "C.UTF-8", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	fcntl(pr_fd, F_SETFL, fcntl(pr_fd, F_GETFL) | O_NONBLOCK);

	/* The first screen: until PATTERN is drawn, then its burst ends. */
	deadline = t0 + 120000;
	while (pr_now() < deadline) {
		if (pr_read(100) < 0)
			break;
		if (pattern == NULL ? pr_bytes > 0 : pr_seen(pattern)) {
			found = 1;
			break;
		}
	}
	if (!found) {
		fprintf(stderr, "ptyrun: no first screen%s%s%s\n",
		    pattern != NULL ? " (no '" : "",
		    pattern != NULL ? pattern : "",
		    pattern != NULL ? "' in the output)" : "");
		kill(pr_pid, SIGTERM);
		waitpid(pr_pid, &status, 0);
		return 1;
	}
	/* The rest of that frame, until the reader waits for a key. */
	while (pr_now() < deadline) {
		if (pr_read(2) != 0)
			continue;
		if ((i = pr_idle()) == 1 || (i == -1 && pr_now() - pr_last >=
		    pr_quiet))
			break;
	}
	while (pr_read(0) > 0)
		;
	printf("first_screen_ms %.3f\n", pr_last - t0);
	pr_memory("first_");
	if (only_first)
		goto quit;

	pr_repeat("key_j", "j", keys);
	t = pr_key("G", 1, 30000);
	printf("key_end_ms %.3f\n", t);
	pr_repeat("key_pgup", "\033[5~", pages);
	pr_repeat("key_pgdn", "\033[6~", pages);
	pr_memory("");

	if (queries != NULL) {
		pr_searches(queries);
		pr_memory("search_");
		pr_key("c", 1, 30000);
	}

quit:
	/* Quit, and make sure of it. */
	if (write(pr_fd, "q", 1) != 1)
		kill(pr_pid, SIGTERM);
	for (i = 0; i < 500; i++) {
		if (waitpid(pr_pid, &status, WNOHANG) == pr_pid)
			break;
		if (pr_read(10) < 0)
			usleep(10000);
	}
	if (i == 500) {
		kill(pr_pid, SIGKILL);
		waitpid(pr_pid, &status, 0);
		fprintf(stderr, "ptyrun: the reader did not quit on q\n");
	}
	printf("output_bytes %llu\n", pr_bytes);
	if (pr_dump != NULL)
		fclose(pr_dump);
	return 0;
}
