/*
 * query.h: turns what a person types into a safe FTS5 query. Words are
 * ANDed, "double quotes" make a phrase, a trailing * makes a prefix. Nothing
 * the user types reaches FTS5 as syntax: every term is a quoted string.
 */
#ifndef DOSSIER_QUERY_H
#define DOSSIER_QUERY_H

/*
 * Returns a newly allocated FTS5 MATCH expression for input (caller frees),
 * or NULL with a newly allocated one-line reason in *err (caller frees):
 * an empty query, an unclosed quote, or nothing searchable in it.
 */
char	*query_translate(const char *input, char **err);

#endif
