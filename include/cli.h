/*
 * cli.h: the command line: global options, the scriptable commands (check,
 * list, show, search, actors, index, stats) and, without a command, the
 * reader.
 */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

/* Runs dossier with argv; returns the process exit status. */
int	cli_main(int argc, char **argv);

#endif
