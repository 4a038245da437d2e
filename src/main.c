/*
 * main.c: sets SQLite up and hands over to the command line. SQLite is set
 * up once, before any thread or connection exists. The locale is left
 * unset here: text.c sets LC_CTYPE (how text is encoded and how wide it
 * is) the first time a width is measured, as most commands never measure
 * one, and the reader sets the whole locale itself (ui.c). The other
 * categories (numbers, times, messages) would change nothing dossier
 * prints.
 */
#include "cli.h"
#include "store.h"

int
main(int argc, char **argv)
{
	store_library_init();
	return cli_main(argc, argv);
}
