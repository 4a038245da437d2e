/*
 * fuzz-content.c: libFuzzer target for the content loader. Each input is
 * one YAML file in a content directory of its own, checked the way
 * `dossier check` does (parse, validate, cross-check, index in memory).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*fuzz_dir;
static char	*fuzz_file;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list	 d;
	struct store_counts	 n;
	FILE			*f;
	char			*err = NULL;

	if (fuzz_dir == NULL) {
		char	tmpl[] = "/tmp/fuzz-content.XXXXXX";

		if (mkdtemp(tmpl) == NULL)
			abort();
		fuzz_dir = strdup(tmpl);
		fuzz_file = malloc(strlen(tmpl) + 16);
		sprintf(fuzz_file, "%s/in.yaml", tmpl);
	}
	if ((f = fopen(fuzz_file, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	diag_init(&d);
	store_check(fuzz_dir, &d, &n, &err);
	/* Every diagnostic must carry a file; positions are 1-based or 0. */
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].file == NULL || d.v[i].line < 0 || d.v[i].col < 0)
			abort();
	}
	free(err);
	diag_free(&d);
	return 0;
}
