/*
 * cli-filter.c: the command line's filters against the store: an actor
 * typed as an id, a name or an alias (ASCII case folded) becomes its id,
 * an unknown actor or tag gets the nearest known one as a suggestion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-filter.h"
#include "suggest.h"
#include "store.h"
#include "text.h"
#include "util.h"

void
cli_filter_free(struct cli_filter *flt)
{
	int	i;

	for (i = 0; i < flt->nids; i++)
		free(flt->ids[i]);
	free(flt->ids);
	free(flt->actors);
	memset(flt, 0, sizeof *flt);
}

/* The shared did-you-mean distance (suggest.c), capped for an int. */
static int
filter_distance(const char *a, const char *b)
{
	size_t	d = suggest_distance(a, strlen(a), b, strlen(b));

	return d > 64 ? 64 : (int)d;
}

/* Keeps word as *best if it is nearer what than *bestd. */
static void
filter_nearer(const char *what, const char *word, char **best, int *bestd)
{
	int	d = filter_distance(what, word);

	if (d < *bestd) {
		free(*best);
		*best = xstrdup(word);
		*bestd = d;
	}
}

/* " (did you mean 'x'?)" if best is near enough to what, else "". */
static const char *
filter_mean(const char *what, const char *best, int bestd, char *buf,
    size_t len)
{
	int	limit = (int)strlen(what) / 3;

	if (best == NULL || bestd > (limit > 1 ? limit : 1))
		return "";
	snprintf(buf, len, " (did you mean '%s'?)", best);
	return buf;
}

/*
 * Finds the actor typed as what: its id, else its name, else one of its
 * aliases, case-insensitive. Returns its id (caller frees), or NULL after
 * a message (unknown, with a suggestion; or ambiguous).
 */
static char *
filter_actor_find(struct store *s, const char *what)
{
	struct store_actor	 a[64];
	char			*found[3] = { NULL, NULL, NULL }, *best = NULL;
	char			 mean[160];
	int64_t			 off;
	int			 n, i, k, bestd = 64, many = 0;

	/* Those whose id, name or an alias holds what, then exact ones. */
	for (off = 0; (n = store_actor_list(s, what, off, 64, a)) > 0;
	    off += n) {
		for (i = 0; i < n; i++) {
			if (off == 0 && i == 0)
				best = xstrdup(a[i].name);
			if (text_casecmp(a[i].id, what) == 0 && found[0] == NULL)
				found[0] = xstrdup(a[i].id);
			if (text_casecmp(a[i].name, what) == 0) {
				many += found[1] != NULL;
				if (found[1] == NULL)
					found[1] = xstrdup(a[i].id);
			}
			for (k = 0; k < a[i].naliases; k++) {
				if (text_casecmp(a[i].aliases[k], what) != 0)
					continue;
				if (found[2] != NULL &&
				    strcmp(found[2], a[i].id) != 0)
					many++;
				if (found[2] == NULL)
					found[2] = xstrdup(a[i].id);
			}
		}
		store_actors_clear(a, n);
	}
	for (k = 0; k < 3 && found[k] == NULL; k++)
		/* the id first, then a name, then an alias */;
	if (k < 3 && (k == 0 || many == 0)) {
		free(best);
		for (i = 0; i < 3; i++) {
			if (i != k)
				free(found[i]);
		}
		return found[k];
	}
	for (i = 0; i < 3; i++)
		free(found[i]);
	if (k < 3) {
		fprintf(stderr, "dossier: actor '%s' names more than one actor "
		    "(give its id; see 'dossier actors')\n", what);
		free(best);
		return NULL;
	}
	/* Unknown: the nearest id, name or alias (or one that holds it). */
	bestd = best != NULL ? 1 : 64;
	for (off = 0; (n = store_actor_list(s, NULL, off, 64, a)) > 0;
	    off += n) {
		for (i = 0; i < n; i++) {
			filter_nearer(what, a[i].id, &best, &bestd);
			filter_nearer(what, a[i].name, &best, &bestd);
			for (k = 0; k < a[i].naliases; k++)
				filter_nearer(what, a[i].aliases[k], &best,
				    &bestd);
		}
		store_actors_clear(a, n);
	}
	fprintf(stderr, "dossier: unknown actor '%s'%s\n", what,
	    filter_mean(what, best, bestd, mean, sizeof mean));
	free(best);
	return NULL;
}

/*
 * Turns the filters as typed into flt->f, against the store: each actor
 * to its id (several: all of them, or any with --any-actor), the tag
 * checked. Returns 0, or 1 after a message (an unknown actor or tag).
 */
int
cli_filter_resolve(struct cli_filter *flt, struct store *s)
{
	char	**tags, *best = NULL, *id, mean[160];
	int64_t	  n, i;
	int	  k, bestd = 64;

	memset(&flt->f, 0, sizeof flt->f);
	flt->ids = xcalloc((size_t)flt->nactors + 1, sizeof *flt->ids);
	for (k = 0; k < flt->nactors; k++) {
		if ((id = filter_actor_find(s, flt->actors[k])) == NULL)
			return 1;
		for (i = 0; i < flt->nids && strcmp(flt->ids[i], id) != 0; i++)
			/* the same actor twice counts once */;
		if (i < flt->nids)
			free(id);
		else
			flt->ids[flt->nids++] = id;
	}
	if (flt->tag != NULL && !store_stats_has_tag(s, flt->tag)) {
		n = store_stats_tags(s, &tags);
		for (i = 0; i < n; i++) {
			filter_nearer(flt->tag, tags[i], &best, &bestd);
			free(tags[i]);
		}
		free(tags);
		fprintf(stderr, "dossier: unknown tag '%s'%s\n", flt->tag,
		    filter_mean(flt->tag, best, bestd, mean, sizeof mean));
		free(best);
		return 1;
	}
	if (flt->nids == 1)
		flt->f.actor = flt->ids[0];
	else if (flt->nids > 1) {
		flt->f.actors = (const char *const *)flt->ids;
		flt->f.nactors = flt->nids;
		flt->f.any_actor = flt->any;
	}
	flt->f.tag = flt->tag;
	flt->f.from = flt->from;
	flt->f.to = flt->to;
	return 0;
}
