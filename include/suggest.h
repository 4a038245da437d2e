/*
 * suggest.h: the one "did you mean": the word of a list nearest to what was
 * typed, for theme elements and colours, content ids, config keys and theme
 * names alike.
 */
#ifndef DOSSIER_SUGGEST_H
#define DOSSIER_SUGGEST_H

#include <stddef.h>

/* Words longer than this are never compared (nor suggested). */
#define SUGGEST_MAX_LEN	64

/*
 * A search for the nearest word, fed one candidate at a time (for lists
 * that are not arrays, such as rows of a query). Holds pointers only: the
 * typed string and the best candidate must live until suggest_result.
 */
struct suggest {
	const char	*s;		/* what was typed */
	size_t		 len;
	const char	*best;		/* nearest candidate so far */
	size_t		 bestd;
	char		*best_copy;	/* suggest_add_copy's own copy */
	const char	*suffix;	/* the one candidate whose part after
					   the last dot is s */
	int		 nsuffix;
};

/*
 * Optimal string alignment distance (Levenshtein plus transposition of
 * neighbours), ASCII case folded; SIZE_MAX if either is longer than
 * SUGGEST_MAX_LEN bytes.
 */
size_t	suggest_distance(const char *a, size_t la, const char *b, size_t lb);

void	suggest_init(struct suggest *, const char *s, size_t len);
/* Considers word, which must outlive the search. */
void	suggest_add(struct suggest *, const char *word);
/* Considers word, copying it if it is the best so far. */
void	suggest_add_copy(struct suggest *, const char *word);
/*
 * Returns what s most likely meant, or NULL: the nearest word within a
 * third of s's length (at least one edit), else the one word whose part after its last dot is s
 * ("day" for "timeline.day"). Valid until suggest_free.
 */
const char *suggest_result(const struct suggest *);
void	suggest_free(struct suggest *);

/* The same over an array of n words: returns one of them, or NULL. */
const char *suggest_word(const char *s, size_t len,
	    const char *const *words, size_t n);

#endif
