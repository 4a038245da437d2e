/*
 * searchbench.c: times searches through the store's own interface, as the
 * command line and the reader make them, on a built store.
 *
 *	searchbench [-r RUNS] [-n ROWS] CONTENT DB QUERIES
 *
 * For each query (one a line in QUERIES; # starts a comment), after one
 * untimed warm-up, RUNS times (default 5) each:
 *  - cli: store_search with a limit of 50, as "dossier search Q --limit 50";
 *  - reader: what the reader does on Enter in the search prompt: a view of
 *    the query in date order (store_view_new), its first ROWS rows (default
 *    120: the timeline caches three screens) with the terms marked, and the
 *    first event's details with its matches marked.
 * A query's time is the median of its runs; a query stops being repeated
 * once its runs took SB_BUDGET ms (slow searches on a big corpus), after at
 * least one timed run. The reader's time is also split: view_ms is
 * store_view_new alone. A view in date order is walked lazily, so the
 * reader's time is its first screen; walk_ms, not part of it, is the time
 * the rest of the walk then takes to count every match (what the reader
 * does while it waits for keys). Prints a line per query, then p50 and
 * p95 over the queries, as "key value" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "store.h"

#define SB_MAXQ		64
#define SB_MAXRUNS	101
#define SB_BUDGET	3000.0	/* ms of timed runs a query may take */

static double	sb_view_ms;	/* store_view_new's part of the last run */
static double	sb_first_ms;	/* the last run up to its first screen */
static double	sb_walk_ms;	/* the rest of its walk */

static double
sb_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
sb_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
sb_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, sb_cmp);
	return v[n / 2];
}

/* The p-th percentile (nearest rank) of n values; sorts them. */
static double
sb_pct(double *v, int n, int p)
{
	int	k = (p * n + 99) / 100;

	qsort(v, (size_t)n, sizeof *v, sb_cmp);
	return v[k < 1 ? 0 : k > n ? n - 1 : k - 1];
}

static void
sb_hit(const struct store_hit *h, void *arg)
{
	size_t	*sum = arg;

	/* Touch what a caller would print. */
	*sum += strlen(h->snippet) + strlen(h->title);
}

/* One search as the command line makes it; returns hits or -1. */
static int64_t
sb_cli(struct store *s, const char *q)
{
	size_t	 sum = 0;
	char	*err = NULL;
	int64_t	 n;

	n = store_search(s, q, 50, sb_hit, &sum, &err);
	if (n < 0) {
		fprintf(stderr, "searchbench: %s: %s\n", q, err);
		free(err);
	}
	return n;
}

/* One search as the reader makes it; returns the view's count or -1. */
static int64_t
sb_reader(struct store *s, const char *q, int nrows)
{
	struct store_filter	 f;
	struct store_view	*v;
	struct store_row	*rows;
	struct store_detail	*d;
	char			*err = NULL;
	double			 t0;
	int64_t			 count;
	int			 got;

	memset(&f, 0, sizeof f);
	f.query = q;
	f.order = STORE_ORDER_DATE;
	t0 = sb_now();
	v = store_view_new(s, &f, &err);
	sb_view_ms = sb_now() - t0;
	if (v == NULL) {
		fprintf(stderr, "searchbench: %s: %s\n", q, err);
		free(err);
		return -1;
	}
	rows = calloc((size_t)nrows, sizeof *rows);
	if (rows == NULL)
		exit(1);
	(void)store_view_find(v, 1);
	got = store_view_rows(v, 1, nrows, rows);
	if (got > 0) {
		d = store_detail_in_view(v, rows[0].seq);
		store_detail_free(d);
	}
	store_rows_clear(rows, got);
	free(rows);
	sb_first_ms = sb_now() - t0;
	t0 = sb_now();
	store_view_more(v, -1, 0);
	count = store_view_count(v);
	sb_walk_ms = sb_now() - t0;
	store_view_free(v);
	return count;
}

int
main(int argc, char **argv)
{
	struct diag_list	 diags;
	struct store		*s;
	FILE			*f;
	char			*err = NULL, line[1024], *q[SB_MAXQ];
	double			 t[SB_MAXRUNS], tv[SB_MAXRUNS], tw[SB_MAXRUNS];
	double			 cli[SB_MAXQ], rd[SB_MAXQ], wk[SB_MAXQ], t0, sum;
	int64_t			 hits[SB_MAXQ], nc;
	size_t			 len;
	int			 c, runs = 5, nrows = 120, nq = 0, i, r;

	/* As the reader's process sets SQLite up (main.c). */
	store_library_init();
	while ((c = getopt(argc, argv, "r:n:")) != -1) {
		switch (c) {
		case 'r':
			runs = atoi(optarg);
			break;
		case 'n':
			nrows = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 3 || runs < 1 || runs > SB_MAXRUNS || nrows < 1)
		goto usage;

	if ((f = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	while (nq < SB_MAXQ && fgets(line, sizeof line, f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len > 0 && line[0] != '#')
			q[nq++] = strdup(line);
	}
	fclose(f);

	diag_init(&diags);
	s = store_open(argv[0], argv[1], 0, NULL, &diags, &err);
	diag_print(&diags, stderr);
	diag_free(&diags);
	if (s == NULL) {
		fprintf(stderr, "searchbench: %s\n", err != NULL ? err :
		    "cannot open the store");
		return 1;
	}

	for (i = 0; i < nq; i++) {
		if ((nc = sb_cli(s, q[i])) < 0)
			return 1;
		for (r = 0, sum = 0; r < runs && (r == 0 || sum < SB_BUDGET);
		    r++) {
			t0 = sb_now();
			sb_cli(s, q[i]);
			sum += t[r] = sb_now() - t0;
		}
		cli[i] = sb_median(t, r);
		if ((hits[i] = sb_reader(s, q[i], nrows)) < 0)
			return 1;
		for (r = 0, sum = 0; r < runs && (r == 0 || sum < SB_BUDGET);
		    r++) {
			sb_reader(s, q[i], nrows);
			sum += t[r] = sb_first_ms;
			tv[r] = sb_view_ms;
			tw[r] = sb_walk_ms;
		}
		rd[i] = sb_median(t, r);
		wk[i] = sb_median(tw, r);
		printf("query cli_ms %.3f reader_ms %.3f view_ms %.3f walk_ms %.3f"
		    " runs %d events %lld cli_hits %lld %s\n", cli[i], rd[i],
		    sb_median(tv, r), wk[i], r, (long long)hits[i],
		    (long long)nc, q[i]);
	}
	printf("queries %d\nruns %d\n", nq, runs);
	printf("cli_p50_ms %.3f\n", sb_pct(cli, nq, 50));
	printf("cli_p95_ms %.3f\n", sb_pct(cli, nq, 95));
	printf("reader_p50_ms %.3f\n", sb_pct(rd, nq, 50));
	printf("reader_p95_ms %.3f\n", sb_pct(rd, nq, 95));
	printf("walk_p50_ms %.3f\n", sb_pct(wk, nq, 50));
	printf("walk_p95_ms %.3f\n", sb_pct(wk, nq, 95));
	store_close(s);
	for (i = 0; i < nq; i++)
		free(q[i]);
	return 0;
usage:
	fprintf(stderr, "usage: searchbench [-r RUNS] [-n ROWS] CONTENT DB "
	    "QUERIES\n");
	return 2;
}
