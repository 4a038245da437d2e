/*
 * store-highlight.c: marks a search's terms in text the way the full-text index
 * matches them, with the index's own tokenizer (porter over unicode61), but
 * without asking the index. FTS5's highlight() would need a MATCH query per
 * piece of text, and a prefix query costs a walk over every term with that
 * prefix each time it runs: a screen of rows took half a second at a
 * million events. Tokenizing a title takes microseconds.
 *
 * Every phrase of the query is marked wherever it occurs, even in text
 * that does not match the whole query (as an OR of its phrases would).
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "text.h"
#include "util.h"

/* One token of a text or a phrase: its form after stemming, and where. */
struct mark_token {
	char	*form;
	int	 len;
	int	 start;		/* byte offsets in the text */
	int	 end;
};

struct mark_tokens {
	struct mark_token	*v;
	int			 n;
	int			 cap;
};

struct mark_phrase {
	struct mark_tokens	 t;
	int			 prefix;	/* the last token is a prefix */
};

struct store_highlighter {
	struct store_tokenizer	 t;
	struct mark_phrase	*p;
	int			 np;
};

static int
mark_token_cb(void *arg, int tflags, const char *token, int len, int start,
    int end)
{
	struct mark_tokens	*t = arg;
	struct mark_token	*k;

	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;	/* a synonym: same place, not used here */
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = xreallocarray(t->v, (size_t)t->cap, sizeof *t->v);
	}
	k = &t->v[t->n++];
	k->form = xmalloc((size_t)len + 1);
	memcpy(k->form, token, (size_t)len);
	k->form[len] = '\0';
	k->len = len;
	k->start = start;
	k->end = end;
	return SQLITE_OK;
}

static void
mark_tokens_free(struct mark_tokens *t)
{
	int	i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].form);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* Adds the phrase of text (len bytes, FTS5 quoting undone) to m. */
static void
mark_add_phrase(struct store_highlighter *m, const char *text, size_t len,
    int prefix)
{
	struct mark_phrase	*p;
	int			 flags = FTS5_TOKENIZE_QUERY;

	m->p = xreallocarray(m->p, (size_t)m->np + 1, sizeof *m->p);
	p = &m->p[m->np];
	memset(p, 0, sizeof *p);
	p->prefix = prefix;
	if (prefix)
		flags |= FTS5_TOKENIZE_PREFIX;
	m->t.api.xTokenize(m->t.tok, &p->t, flags, text, (int)len,
	    mark_token_cb);
	if (p->t.n == 0)
		mark_tokens_free(&p->t);
	else
		m->np++;
}

struct store_highlighter *
store_highlighter_new(sqlite3 *db, const char *match)
{
	struct store_highlighter	*m;
	struct store_phrase	*ph;
	int			 i, n;

	m = xcalloc(1, sizeof *m);
	if (store_tokenizer_open(db, &m->t) == -1) {
		free(m);
		return NULL;
	}
	n = store_phrases(match, &ph);
	for (i = 0; i < n; i++)
		mark_add_phrase(m, ph[i].text, strlen(ph[i].text),
		    ph[i].prefix);
	store_phrases_free(ph, n);
	return m;
}

void
store_highlighter_free(struct store_highlighter *m)
{
	int	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->np; i++)
		mark_tokens_free(&m->p[i].t);
	free(m->p);
	store_tokenizer_close(&m->t);
	free(m);
}

/* Whether phrase p occurs at token i of t. */
static int
mark_at(const struct mark_phrase *p, const struct mark_tokens *t, int i)
{
	const struct mark_token	*a, *b;
	int			 k;

	if (i + p->t.n > t->n)
		return 0;
	for (k = 0; k < p->t.n; k++) {
		a = &p->t.v[k];
		b = &t->v[i + k];
		if (p->prefix && k == p->t.n - 1) {
			if (b->len < a->len || memcmp(a->form, b->form,
			    (size_t)a->len) != 0)
				return 0;
		} else if (a->len != b->len || memcmp(a->form, b->form,
		    (size_t)a->len) != 0)
			return 0;
	}
	return 1;
}

char *
store_highlighter_apply(struct store_highlighter *m, const char *text)
{
	struct mark_tokens	 t;
	struct buf		 b;
	int			 i, k, from = 0, start = -1, end = -1, marked = 0;
	int			 len;

	if (m == NULL || m->np == 0 || text == NULL)
		return NULL;
	memset(&t, 0, sizeof t);
	len = (int)strlen(text);
	m->t.api.xTokenize(m->t.tok, &t, FTS5_TOKENIZE_DOCUMENT, text, len,
	    mark_token_cb);
	buf_init(&b);
	for (i = 0; i <= t.n; i++) {
		int	s = -1, e = -1;

		for (k = 0; i < t.n && k < m->np; k++) {
			if (!mark_at(&m->p[k], &t, i))
				continue;
			if (s == -1)
				s = t.v[i].start;
			if (t.v[i + m->p[k].t.n - 1].end > e)
				e = t.v[i + m->p[k].t.n - 1].end;
		}
		/* Spans that touch or overlap become one. */
		if (s != -1 && start != -1 && s <= end) {
			if (e > end)
				end = e;
			continue;
		}
		if (start != -1) {
			buf_add(&b, text + from, (size_t)(start - from));
			buf_adds(&b, TEXT_MARK_ON);
			buf_add(&b, text + start, (size_t)(end - start));
			buf_adds(&b, TEXT_MARK_OFF);
			from = end;
			marked = 1;
		}
		start = s;
		end = e;
	}
	mark_tokens_free(&t);
	if (!marked) {
		buf_free(&b);
		return NULL;
	}
	buf_adds(&b, text + from);
	return buf_detach(&b);
}
