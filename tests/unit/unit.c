/* unit.c: runs a table of unit tests and prints one PASS or FAIL line each. */
#include "unit.h"

int unit_failed;

int
unit_main(const struct unit_test *t, size_t n)
{
	size_t	i;
	int	bad = 0;

	for (i = 0; i < n; i++) {
		unit_failed = 0;
		t[i].fn();
		printf("%s %s\n", unit_failed ? "FAIL" : "PASS", t[i].name);
		bad |= unit_failed;
	}
	return bad;
}
