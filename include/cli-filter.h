/*
 * cli-filter.h: the filters of list, search, stats and export, as typed
 * (parsed by cli.c's cli_filter_opts) and as the store takes them, with
 * actors found by id, name or alias and "did you mean" for the unknown.
 */
#ifndef DOSSIER_CLI_FILTER_H
#define DOSSIER_CLI_FILTER_H

#include "store.h"

struct cli_filter {
	const char	**actors;	/* as typed (nactors), array owned */
	int		  nactors;
	int		  any;		/* --any-actor */
	const char	 *tag;
	const char	 *from;
	const char	 *to;
	char		**ids;		/* the actors' ids (nids), owned */
	int		  nids;
	struct store_filter f;		/* valid until cli_filter_free */
};

/*
 * Turns the filters as typed into flt->f, against the store: each actor
 * to its id (several: events involving all of them, or any with
 * --any-actor), the tag checked. Returns 0, or 1 after a message on
 * stderr (an unknown or ambiguous actor, an unknown tag, each with a
 * suggestion where one is near).
 */
int	cli_filter_resolve(struct cli_filter *, struct store *);
/* Frees what flt holds and zeroes it. */
void	cli_filter_free(struct cli_filter *);

#endif
