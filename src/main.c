/*
 * main.c: sets the locale's character type and hands over to the command
 * line. Only LC_CTYPE: it says how text is encoded and how wide it is,
 * while the other categories (numbers, times, messages) would change
 * nothing dossier prints and cost a file each to load at every start; the
 * reader sets the whole locale itself (ui.c). SQLite is set up once,
 * before any thread or connection exists.
 */
#include <locale.h>

#include "cli.h"
#include "store.h"

int
main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	store_library_init();
	return cli_main(argc, argv);
}
