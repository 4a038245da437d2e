/*
 * suggest.c: "did you mean": the nearest word of a list by edit distance,
 * with one rule for every caller so that a typo gets the same help in a
 * theme, in content and in the config.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"
#include "util.h"

size_t
suggest_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1], i, j, cost, v;

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = strncasecmp(a + i - 1, b + j - 1, 1) != 0;
			v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			/* "bleu" is one slip from "blue", not two. */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

void
suggest_init(struct suggest *sg, const char *s, size_t len)
{
	memset(sg, 0, sizeof *sg);
	sg->s = s;
	sg->len = len;
	sg->bestd = SIZE_MAX;
}

/* Returns 1 if word is the best so far (and notes it as such). */
static int
suggest_consider(struct suggest *sg, const char *word)
{
	const char	*dot;
	size_t		 d, n;

	if (word == NULL || sg->len == 0 || sg->len > SUGGEST_MAX_LEN)
		return 0;
	n = strlen(word);
	dot = strrchr(word, '.');
	if (dot != NULL && strlen(dot + 1) == sg->len &&
	    memcmp(dot + 1, sg->s, sg->len) == 0) {
		sg->suffix = word;
		sg->nsuffix++;
	}
	d = suggest_distance(sg->s, sg->len, word, n);
	if (d >= sg->bestd)
		return 0;
	sg->bestd = d;
	sg->best = word;
	return 1;
}

void
suggest_add(struct suggest *sg, const char *word)
{
	suggest_consider(sg, word);
}

void
suggest_add_copy(struct suggest *sg, const char *word)
{
	const char	*suffix = sg->suffix;

	if (suggest_consider(sg, word)) {
		free(sg->best_copy);
		sg->best_copy = xstrdup(word);
		sg->best = sg->best_copy;
	}
	/* A suffix match of a copied word would dangle: do without. */
	if (sg->suffix != suffix) {
		sg->suffix = NULL;
		sg->nsuffix = 2;
	}
}

const char *
suggest_result(const struct suggest *sg)
{
	size_t	limit;

	limit = sg->len / 3 > 1 ? sg->len / 3 : 1;
	if (sg->best != NULL && sg->bestd <= limit)
		return sg->best;
	return sg->nsuffix == 1 ? sg->suffix : NULL;
}

void
suggest_free(struct suggest *sg)
{
	free(sg->best_copy);
	memset(sg, 0, sizeof *sg);
}

const char *
suggest_word(const char *s, size_t len, const char *const *words, size_t n)
{
	struct suggest	 sg;
	const char	*r;
	size_t		 i;

	suggest_init(&sg, s, len);
	for (i = 0; i < n; i++)
		suggest_add(&sg, words[i]);
	r = suggest_result(&sg);
	suggest_free(&sg);
	return r;
}
