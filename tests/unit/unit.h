/*
 * unit.h: a tiny unit-test harness. Each test binary defines its tests with
 * UNIT_TEST, lists them in a table and calls unit_main; each test prints
 * "PASS name" or "FAIL name: why" and tests/run.sh adds them up.
 */
#ifndef DOSSIER_UNIT_H
#define DOSSIER_UNIT_H

#include <stdio.h>
#include <string.h>
#include <time.h>

struct unit_test {
	const char	*name;
	void		(*fn)(void);
};

extern int unit_failed;	/* set by a failed check in the running test */

#define UNIT_TEST(name) static void name(void)
#define UNIT_ENTRY(name) { #name, name }

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("  %s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		unit_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *unit_a_ = (a), *unit_b_ = (b);			\
	if (unit_a_ == NULL || unit_b_ == NULL ||			\
	    strcmp(unit_a_, unit_b_) != 0) {				\
		printf("  %s:%d: \"%s\" != \"%s\"\n", __FILE__,		\
		    __LINE__, unit_a_ ? unit_a_ : "(null)",		\
		    unit_b_ ? unit_b_ : "(null)");			\
		unit_failed = 1;					\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long unit_a_ = (long long)(a), unit_b_ = (long long)(b);	\
	if (unit_a_ != unit_b_) {					\
		printf("  %s:%d: %s == %lld, expected %lld\n",		\
		    __FILE__, __LINE__, #a, unit_a_, unit_b_);		\
		unit_failed = 1;					\
	}								\
} while (0)

/* Runs every test in the table; returns 0 if all passed, else 1. */
int	unit_main(const struct unit_test *, size_t);

/*
 * A scratch directory for files the tests write, made on first use under
 * $TESTTMP (else $TMPDIR, else /tmp) and removed by unit_cleanup. Failing
 * to make or write anything there ends the run with status 2.
 */
const char *unit_tmpdir(void);
/* Returns a new, empty directory WHATn in the scratch one; caller frees. */
char	*unit_newdir(const char *what);
/*
 * Writes len bytes to dir/name (name alone if dir is NULL), making missing
 * parent directories below dir.
 */
void	 unit_write(const char *dir, const char *name, const char *data,
	    size_t len);
void	 unit_write_text(const char *dir, const char *name, const char *text);
/* Sets dir/name's access and modification times to t (seconds). */
void	 unit_set_mtime(const char *dir, const char *name, time_t t);
/* Removes a directory tree without following symbolic links. */
void	 unit_rm_rf(const char *path);
/* Removes the scratch directory, if one was made. */
void	 unit_cleanup(void);

#define UNIT_RUN(table) unit_main(table, sizeof(table) / sizeof(table[0]))

#endif
