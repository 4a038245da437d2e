/*
 * timeit.c: runs a command a number of times and reports its wall time and
 * peak memory, for the benchmark driver (POSIX sh has no portable timer).
 *
 *	timeit [-n RUNS] [-o OUT] [-e ERR] -- COMMAND [ARG...]
 *	timeit [-n RUNS] [-o OUT] [-e ERR] -- A [ARG...] ::: B [ARG...]
 *
 * The command's stdout goes to OUT (default /dev/null), its stderr to ERR
 * (default: inherited). Prints one line on stdout:
 *	runs N median_ms X min_ms X max_ms X maxrss_kb X
 * With two commands, they run pairwise, A B A B ..., RUNS times each, so
 * that a load that comes and goes weighs on both alike; the line is
 *	runs N a_median_ms X b_median_ms X ratio X a_min_ms X b_min_ms X
 * (ratio: A's median over B's). Exits 1 if any run fails (-1: if any
 * exits with a status above 1, for commands that say "none" with 1).
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
ti_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
ti_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Runs argv once; returns its wall time in ms, or -1 if it failed. */
static int	ti_ok_status;	/* -1: the highest exit status that is fine */

static double
ti_run(char **argv, const char *out, const char *err, long *maxrss)
{
	struct rusage	ru;
	pid_t		pid;
	double		t0, t;
	int		status, fd;

	t0 = ti_now();
	if ((pid = fork()) == -1) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1 ||
		    dup2(fd, 1) == -1)
			_exit(126);
		close(fd);
		if (err != NULL) {
			if ((fd = open(err, O_WRONLY | O_CREAT | O_APPEND,
			    0644)) == -1 || dup2(fd, 2) == -1)
				_exit(126);
			close(fd);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1) {
		perror("wait4");
		return -1;
	}
	t = ti_now() - t0;
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) > ti_ok_status) {
		fprintf(stderr, "timeit: %s failed (status %d)\n", argv[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
		    WTERMSIG(status));
		return -1;
	}
	return t;
}

/* Runs a (na words) and b alternately, n times each; prints the line. */
static int
ti_pairwise(char **a, int na, char **b, int n, const char *out,
    const char *err)
{
	double	*ta, *tb, ma, mb;
	long	 maxrss = 0;
	int	 i;

	a[na] = NULL;
	if (na < 1 || b[0] == NULL)
		return 2;
	ta = calloc((size_t)n, sizeof *ta);
	tb = calloc((size_t)n, sizeof *tb);
	if (ta == NULL || tb == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		if ((ta[i] = ti_run(a, out, err, &maxrss)) < 0 ||
		    (tb[i] = ti_run(b, out, err, &maxrss)) < 0)
			return 1;
	}
	qsort(ta, (size_t)n, sizeof *ta, ti_cmp);
	qsort(tb, (size_t)n, sizeof *tb, ti_cmp);
	ma = ta[n / 2];
	mb = tb[n / 2];
	printf("runs %d a_median_ms %.2f b_median_ms %.2f ratio %.3f"
	    " a_min_ms %.2f b_min_ms %.2f\n", n, ma, mb, mb > 0 ? ma / mb : 0,
	    ta[0], tb[0]);
	free(ta);
	free(tb);
	return 0;
}

int
main(int argc, char **argv)
{
	const char	*out = "/dev/null", *err = NULL;
	double		*t;
	long		 maxrss = 0;
	int		 c, n = 1, i;

	while ((c = getopt(argc, argv, "1n:o:e:")) != -1) {
		switch (c) {
		case '1':
			ti_ok_status = 1;
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			err = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || n < 1)
		goto usage;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], ":::") == 0)
			return ti_pairwise(argv, i, argv + i + 1, n, out, err);
	}
	if ((t = calloc((size_t)n, sizeof *t)) == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		if ((t[i] = ti_run(argv, out, err, &maxrss)) < 0)
			return 1;
	}
	qsort(t, (size_t)n, sizeof *t, ti_cmp);
	printf("runs %d median_ms %.2f min_ms %.2f max_ms %.2f maxrss_kb %ld\n",
	    n, t[n / 2], t[0], t[n - 1], maxrss);
	free(t);
	return 0;
usage:
	fprintf(stderr, "usage: timeit [-1] [-n RUNS] [-o OUT] [-e ERR] -- "
	    "COMMAND [ARG...] [::: COMMAND [ARG...]]\n");
	return 2;
}
