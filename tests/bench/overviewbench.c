/*
 * overviewbench.c: times the counts the reader's overview (i) reads, on a
 * built store, against the naive way of getting them.
 *
 *	overviewbench [-r RUNS] CONTENT DB [QUERY]
 *
 * A (the overview): what ui-overview.c asks the store for at 120x40: one
 * tally of the view (store_tally_new: without a filter, the counts the
 * build keeps; with one, one pass over its events), its days summed into
 * the columns that fit (77 days, else weeks, else months), and the top 23
 * actors by those columns (store_tally_cross). B (naive): a view of the same
 * events walked row by row in C, each row's date and actors counted in a
 * hash table. The runs go A B A B...; each prints its median, and B / A.
 * With QUERY, the overview of that search; without, the whole corpus.
 * Output: "overview_ms N", "naive_ms N", "ratio N", "events N".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "store.h"

#define OB_MAXRUNS	51
#define OB_COLS		77	/* the plot's columns at 120x40 */
#define OB_ROWS		23	/* the matrix's rows at 120x40 */
#define OB_HASH		(1 << 16)

static double
ob_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
ob_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date. */
static int64_t
ob_day(const char *d)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	sscanf(d, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	return (int64_t)(timegm(&tm) / 86400);
}

/* A: the overview's counts, as ui-overview.c reads them; returns the events. */
static int64_t
ob_overview(struct store *s, const struct store_filter *f)
{
	struct store_stats_row	*rows;
	struct store_tally	*t;
	struct store_cross	 x;
	enum store_stats_by	 unit;
	char			*err = NULL, start[11];
	int64_t			 n, i, span, ncols, total = 0;

	if ((t = store_tally_new(s, f, STORE_STATS_ACTOR, OB_ROWS, &err)) ==
	    NULL) {
		fprintf(stderr, "overviewbench: %s\n", err);
		free(err);
		return 0;
	}
	if ((n = store_tally_days(t, &rows)) <= 0) {
		store_stats_free(rows, n);
		store_tally_free(t);
		return 0;
	}
	span = ob_day(rows[n - 1].key) - ob_day(rows[0].key) + 1;
	snprintf(start, sizeof start, "%s", rows[0].key);
	if (span <= OB_COLS) {
		unit = STORE_STATS_DAY;
		ncols = span;
	} else if (span / 7 + 2 <= OB_COLS) {
		unit = STORE_STATS_WEEK;
		ncols = span / 7 + 2;
	} else {
		unit = STORE_STATS_MONTH;
		ncols = span / 28 + 2;
	}
	for (i = 0; i < n; i++)
		total += rows[i].count;
	store_stats_free(rows, n);
	if (store_tally_cross(t, unit, start, ncols, &x, &err) != 0) {
		fprintf(stderr, "overviewbench: %s\n", err);
		free(err);
		store_tally_free(t);
		return 0;
	}
	store_tally_free(t);
	store_cross_free(&x);
	return total;
}

/* FNV-1a of a string of n bytes. */
static uint32_t
ob_hash(const char *p, size_t n)
{
	uint32_t	h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* B: every event of the view read, its date and actors counted in C. */
static int64_t
ob_naive(struct store *s, const struct store_filter *f)
{
	static char		*names[OB_HASH];
	static int64_t		 counts[OB_HASH];
	struct store_view	*v;
	struct store_row	 r[256];
	char			*err = NULL, *p, *q;
	int64_t			*days, pos = 1, total = 0, d0 = -1;
	uint32_t		 h;
	int			 k, n;

	if ((v = store_view_new(s, f, &err)) == NULL) {
		free(err);
		return 0;
	}
	days = calloc(400000, sizeof *days);
	while ((n = store_view_rows(v, pos, 256, r)) > 0) {
		for (k = 0; k < n; k++) {
			if (d0 < 0)
				d0 = ob_day(r[k].date);
			days[(ob_day(r[k].date) - d0) % 400000]++;
			total++;
			for (p = r[k].actors; p != NULL && *p != '\0'; p = q) {
				if ((q = strstr(p, ", ")) == NULL)
					q = p + strlen(p);
				h = ob_hash(p, (size_t)(q - p)) & (OB_HASH - 1);
				while (names[h] != NULL && (strncmp(names[h], p,
				    (size_t)(q - p)) != 0 ||
				    names[h][q - p] != '\0'))
					h = (h + 1) & (OB_HASH - 1);
				if (names[h] == NULL)
					names[h] = strndup(p, (size_t)(q - p));
				counts[h]++;
				if (*q != '\0')
					q += 2;
			}
		}
		store_rows_clear(r, n);
		pos += n;
	}
	store_view_free(v);
	free(days);
	for (k = 0; k < OB_HASH; k++) {
		free(names[k]);
		names[k] = NULL;
		counts[k] = 0;
	}
	return total;
}

int
main(int argc, char **argv)
{
	struct diag_list	 diags;
	struct store_filter	 f;
	struct store		*s;
	char			*err = NULL;
	double			 a[OB_MAXRUNS], b[OB_MAXRUNS], t, ma, mb;
	int64_t			 na = 0, nb = 0;
	int			 c, i, runs = 5;

	/* As the reader's process sets SQLite up (main.c). */
	store_library_init();
	while ((c = getopt(argc, argv, "r:")) != -1) {
		if (c != 'r')
			goto usage;
		runs = atoi(optarg);
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3 || runs < 1 || runs > OB_MAXRUNS)
		goto usage;
	diag_init(&diags);
	s = store_open(argv[0], argv[1], 0, NULL, &diags, &err);
	diag_print(&diags, stderr);
	diag_free(&diags);
	if (s == NULL) {
		fprintf(stderr, "overviewbench: %s\n", err != NULL ? err :
		    "cannot open the store");
		return 1;
	}
	memset(&f, 0, sizeof f);
	f.query = argc == 3 ? argv[2] : NULL;
	/* One untimed run of each: the pages they read come warm. */
	ob_overview(s, &f);
	ob_naive(s, &f);
	for (i = 0; i < runs; i++) {
		t = ob_now();
		na = ob_overview(s, &f);
		a[i] = ob_now() - t;
		t = ob_now();
		nb = ob_naive(s, &f);
		b[i] = ob_now() - t;
	}
	qsort(a, (size_t)runs, sizeof *a, ob_cmp);
	qsort(b, (size_t)runs, sizeof *b, ob_cmp);
	ma = a[runs / 2];
	mb = b[runs / 2];
	if (na != nb)
		fprintf(stderr, "overviewbench: the overview counted %lld "
		    "events, the walk %lld\n", (long long)na, (long long)nb);
	printf("overview_ms %.2f\nnaive_ms %.2f\nratio %.1f\nevents %lld\n",
	    ma, mb, ma > 0 ? mb / ma : 0, (long long)na);
	store_close(s);
	return na == nb ? 0 : 1;
usage:
	fprintf(stderr, "usage: overviewbench [-r RUNS] CONTENT DB [QUERY]\n");
	return 2;
}
