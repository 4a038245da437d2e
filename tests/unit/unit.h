/*
 * unit.h: a tiny unit-test harness. Each test binary defines its tests with
 * UNIT_TEST, lists them in a table and calls unit_main; each test prints
 * "PASS name" or "FAIL name: why" and tests/run.sh adds them up.
 */
#ifndef DOSSIER_UNIT_H
#define DOSSIER_UNIT_H

#include <stdio.h>
#include <string.h>

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

#define UNIT_RUN(table) unit_main(table, sizeof(table) / sizeof(table[0]))

#endif
