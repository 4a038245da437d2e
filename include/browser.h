/*
 * browser.h: opens a URL in the user's browser, detached from the
 * terminal: $BROWSER, else xdg-open, else open. The URL never passes
 * through a shell. No curses here.
 */
#ifndef DOSSIER_BROWSER_H
#define DOSSIER_BROWSER_H

/*
 * Starts the browser on url (an http or https URL; anything else is
 * refused) in a session of its own, with no terminal: standard input,
 * output and error on /dev/null, and not our child (nothing to reap).
 * $BROWSER is a list of commands separated by ':'; the first that starts
 * is used; in each, words split at spaces, "%s" stands for the URL, else
 * the URL is the last argument. Returns 0 with the program's name in
 * *how (static), or -1 with a one-line message in *err (caller frees).
 */
int	browser_open(const char *url, const char **how, char **err);

#endif
