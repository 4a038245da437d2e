/*
 * fuzz-config.c: libFuzzer target for config.yaml: loading never crashes
 * or leaks, and a file that loads cleanly still loads cleanly, with the new
 * theme, after config_save_theme has rewritten its theme line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 path[64];
	struct diag_list	 d;
	struct config		 c;
	FILE			*f;
	char			*err = NULL;
	int			 rc;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/tmp/fuzz-config.%d.yaml",
		    (int)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	diag_init(&d);
	rc = config_load(path, &c, &d);
	/* -1 exactly when there is an error. */
	if ((rc == -1) != (d.errors > 0))
		abort();
	config_free(&c);
	diag_free(&d);
	if (rc == -1)
		return 0;
	if (config_save_theme(path, "fuzz-theme", &err) == 0) {
		diag_init(&d);
		if (config_load(path, &c, &d) != 0 || c.theme == NULL ||
		    strcmp(c.theme, "fuzz-theme") != 0)
			abort();
		config_free(&c);
		diag_free(&d);
	}
	free(err);
	return 0;
}
