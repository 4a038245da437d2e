/*
 * diag.h: diagnostics for people, in GNU style: "FILE:LINE:COL: error: MSG".
 * A list collects them in one run; it stops collecting errors after
 * DIAG_MAX_ERRORS and remembers that it did.
 */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stdio.h>

#include "util.h"

#define DIAG_MAX_ERRORS 100

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

struct diag {
	enum diag_level	 level;
	char		*file;	/* as given to diag_add */
	int		 line;	/* 1-based; 0 when the problem has no position */
	int		 col;	/* 1-based; 0 when none */
	char		*msg;
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
	size_t		 warnings;
	int		 truncated;	/* the limit was reached: looking stopped */
};

void	diag_init(struct diag_list *);
void	diag_free(struct diag_list *);
/* Adds a diagnostic; line and col are 1-based, 0 for "no position". */
void	diag_add(struct diag_list *, enum diag_level, const char *file,
	    int line, int col, const char *fmt, ...) UTIL_PRINTF(6, 7);
/* Non-zero once DIAG_MAX_ERRORS errors are held: callers may stop early. */
int	diag_full(const struct diag_list *);
/* Drops every diagnostic after the first n. */
void	diag_truncate(struct diag_list *, size_t n);
/* Sorts by file, line and column, keeping the order of equal positions. */
void	diag_sort(struct diag_list *);
/* Prints every diagnostic, one a line, then a note if some were dropped. */
void	diag_print(const struct diag_list *, FILE *);

#endif
