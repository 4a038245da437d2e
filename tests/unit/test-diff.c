/*
 * test-diff.c: what a reload changed, event by event (store-diff.c): a
 * digest of one store against another built from edited content.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "unit.h"

static const char before[] =
    "events:\n"
    "  - id: kept\n"
    "    date: 2024-03-04\n"
    "    title: Kept as it is\n"
    "  - id: edited\n"
    "    date: 2024-03-05\n"
    "    title: Before the edit\n"
    "  - id: gone\n"
    "    date: 2024-03-06\n"
    "    title: Deleted\n";

/* Lines added above move every event down: not a change. */
static const char after[] =
    "# a comment that moves every line\n\n"
    "events:\n"
    "  - id: kept\n"
    "    date: 2024-03-04\n"
    "    title: Kept as it is\n"
    "  - id: edited\n"
    "    date: 2024-03-05\n"
    "    title: After the edit\n"
    "  - id: new-one\n"
    "    date: 2024-03-07\n"
    "    title: Added\n"
    "  - id: new-two\n"
    "    date: 2024-03-08\n"
    "    title: Added too\n";

static struct store *
open_text(const char *dir, const char *yaml)
{
	struct diag_list	 dl;
	struct store		*s;
	char			*err = NULL;

	unit_write_text(dir, "c.yaml", yaml);
	diag_init(&dl);
	s = store_open(dir, NULL, STORE_MEMORY, NULL, &dl, &err);
	if (s == NULL)
		printf("  store_open: %s\n", err != NULL ? err : "errors");
	free(err);
	diag_free(&dl);
	return s;
}

UNIT_TEST(diff_counts)
{
	struct store	*a, *b;
	char		*dir, *digest;
	int64_t		 changed, added, removed;

	dir = unit_newdir("diff");
	a = open_text(dir, before);
	b = open_text(dir, after);
	CHECK(a != NULL && b != NULL);
	if (a != NULL && b != NULL) {
		digest = store_digest(a);
		CHECK(digest != NULL);
		CHECK_INT(store_diff(b, digest, &changed, &added, &removed), 0);
		CHECK_INT(changed, 1);
		CHECK_INT(added, 2);
		CHECK_INT(removed, 1);
		/* Against itself: nothing. */
		CHECK_INT(store_diff(a, digest, &changed, &added, &removed), 0);
		CHECK_INT(changed + added + removed, 0);
		free(digest);
	}
	store_close(a);
	store_close(b);
	free(dir);
}

static const struct unit_test tests[] = {
	UNIT_ENTRY(diff_counts),
};

int
main(void)
{
	int	rc = UNIT_RUN(tests);

	unit_cleanup();
	return rc;
}
