/*
 * diag.c: collects diagnostics for people and prints them GNU style, one a
 * line: "FILE:LINE:COL: error: MESSAGE".
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "text.h"

void
diag_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
}

void
diag_free(struct diag_list *dl)
{
	size_t	i;

	for (i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].msg);
	}
	free(dl->v);
	diag_init(dl);
}

int
diag_full(const struct diag_list *dl)
{
	return dl->errors >= DIAG_MAX_ERRORS;
}

void
diag_add(struct diag_list *dl, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;

	if (level == DIAG_ERROR && diag_full(dl)) {
		dl->truncated = 1;
		return;
	}
	if (dl->n == dl->cap) {
		dl->cap = dl->cap == 0 ? 16 : dl->cap * 2;
		dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
	}
	d = &dl->v[dl->n++];
	d->level = level;
	d->file = xstrdup(file != NULL ? file : "");
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	d->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
	/* The last error kept: callers stop looking, and the print says so. */
	if (diag_full(dl))
		dl->truncated = 1;
}

void
diag_truncate(struct diag_list *dl, size_t n)
{
	while (dl->n > n) {
		dl->n--;
		if (dl->v[dl->n].level == DIAG_ERROR)
			dl->errors--;
		else
			dl->warnings--;
		free(dl->v[dl->n].file);
		free(dl->v[dl->n].msg);
	}
	if (!diag_full(dl))
		dl->truncated = 0;
}

/* Insertion sort: stable, and lists are short (at most ~100 errors). */
void
diag_sort(struct diag_list *dl)
{
	struct diag	tmp;
	size_t		i, j;
	int		c;

	for (i = 1; i < dl->n; i++) {
		tmp = dl->v[i];
		for (j = i; j > 0; j--) {
			c = strcmp(dl->v[j - 1].file, tmp.file);
			if (c == 0)
				c = dl->v[j - 1].line - tmp.line;
			if (c == 0)
				c = dl->v[j - 1].col - tmp.col;
			if (c <= 0)
				break;
			dl->v[j] = dl->v[j - 1];
		}
		dl->v[j] = tmp;
	}
}

/*
 * Prints every diagnostic. Messages quote content and file names, so on a
 * terminal their control characters are shown escaped, never sent.
 */
void
diag_print(const struct diag_list *dl, FILE *f)
{
	const struct diag	*d;
	const char		*what;
	char			*file, *msg;
	size_t			 i;
	int			 tty = isatty(fileno(f));

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		what = d->level == DIAG_ERROR ? "error" : "warning";
		file = tty ? text_escape(d->file) : d->file;
		msg = tty ? text_escape(d->msg) : d->msg;
		if (d->line > 0)
			fprintf(f, "%s:%d:%d: %s: %s\n", file, d->line,
			    d->col, what, msg);
		else
			fprintf(f, "%s: %s: %s\n", file, what, msg);
		if (tty) {
			free(file);
			free(msg);
		}
	}
	if (dl->truncated)
		fprintf(f, "dossier: too many errors, stopped after %d\n",
		    DIAG_MAX_ERRORS);
}
