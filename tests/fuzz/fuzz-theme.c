/* fuzz-theme.c: libFuzzer target for the theme loader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "theme.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 path[64];
	struct diag_list	 d;
	struct theme		*t;
	FILE			*f;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz-theme.%d.yaml",
		    (int)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	diag_init(&d);
	t = theme_load(path, &d);
	/* A theme comes back exactly when there is no error. */
	if ((t == NULL) != (d.errors > 0))
		abort();
	theme_free(t);
	diag_free(&d);
	return 0;
}
