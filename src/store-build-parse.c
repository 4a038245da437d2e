/*
 * store-build-parse.c: reads a build's content files on a thread of its
 * own while the build's thread saves what was read, so that parsing and
 * inserting share the two cores. The reading thread copies each record,
 * and each problem it reports, into batches of a few megabytes; the
 * build's thread takes the batches in order and hands their records to
 * its sink, with the problems between them where they were found, so the
 * build sees exactly the calls a parse on its own thread would make.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

/* A batch is handed over at this many records or bytes of copies. */
#define PARSE_BATCH_ITEMS	4096
#define PARSE_BATCH_BYTES	(4u << 20)
/* Batches read ahead of the build at most: bounds the memory held. */
#define PARSE_AHEAD		3
#define PARSE_CHUNK		(256u << 10)

enum parse_kind { PARSE_ACTOR, PARSE_SOURCE, PARSE_EVENT, PARSE_CORPUS };

/* One record as read, its strings in its batch's arena. */
struct parse_item {
	enum parse_kind	 kind;
	int		 file;		/* as given to content_parse */
	int		 index;		/* of the file in the build's list */
	size_t		 ndiag;		/* the batch's problems before it */
	union {
		struct content_actor	a;
		struct content_source	s;
		struct content_event	e;
		struct content_corpus	c;
	} u;
};

/* A chunk of an arena; the bytes follow. */
struct parse_chunk {
	struct parse_chunk	*next;
	size_t			 used, size;
};

struct parse_batch {
	struct parse_item	*items;
	int			 n, cap;
	struct parse_chunk	*chunks;	/* first is the newest */
	size_t			 bytes;
	struct diag_list	 diags;		/* problems found, in order */
	struct parse_batch	*next;
};

struct store_parse {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	/* Set up before the thread starts, read-only after. */
	struct content_file	*files;
	const int		*fids, *parse;
	int			 nfiles;
	/* The reading thread's own. */
	struct parse_batch	*cur;
	int			 index;		/* file being read */
	size_t			 errors;	/* errors reported so far */
	struct diag_list	 fdiags;	/* the file's problems */
	size_t			 moved;		/* those in batches already */
	/* The build's thread's own. */
	int			 last;		/* file of the last record */
	/* Under lock. */
	struct parse_batch	*head, *tail;	/* ready, oldest first */
	int			 ready;
	int			 done;		/* every file read */
	int			 stop;		/* the build wants no more */
};

static void *
parse_alloc(struct parse_batch *b, size_t n)
{
	struct parse_chunk	*c = b->chunks;
	size_t			 size;
	void			*p;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		size = n > PARSE_CHUNK ? n : PARSE_CHUNK;
		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = b->chunks;
		b->chunks = c;
		b->bytes += size;
	}
	p = (char *)(c + 1) + c->used;
	c->used += n;
	return p;
}

static char *
parse_str(struct parse_batch *b, const char *s)
{
	size_t	n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	return memcpy(parse_alloc(b, n), s, n);
}

static void
parse_strs(struct parse_batch *b, struct content_strs *dst,
    const struct content_strs *src)
{
	int	i;

	memset(dst, 0, sizeof *dst);
	if (src->n == 0)
		return;
	dst->v = parse_alloc(b, (size_t)src->n * sizeof *dst->v);
	dst->pos = parse_alloc(b, (size_t)src->n * sizeof *dst->pos);
	for (i = 0; i < src->n; i++) {
		dst->v[i] = parse_str(b, src->v[i]);
		dst->pos[i] = src->pos[i];
	}
	dst->n = dst->cap = src->n;
}

static void
parse_batch_free(struct parse_batch *b)
{
	struct parse_chunk	*c, *next;

	if (b == NULL)
		return;
	for (c = b->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(b->items);
	diag_free(&b->diags);
	free(b);
}

/*
 * Hands the current batch to the build, waiting while it has enough read
 * ahead. Returns 0, or -1 if the build wants no more.
 */
static int
parse_push(struct store_parse *p)
{
	struct parse_batch	*b = p->cur;
	int			 stop;

	p->cur = NULL;
	pthread_mutex_lock(&p->lock);
	while (p->ready >= PARSE_AHEAD && !p->stop)
		pthread_cond_wait(&p->cond, &p->lock);
	stop = p->stop;
	if (!stop && b != NULL) {
		if (p->tail != NULL)
			p->tail->next = b;
		else
			p->head = b;
		p->tail = b;
		p->ready++;
		b = NULL;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	parse_batch_free(b);
	return stop ? -1 : 0;
}

/* The batch records go to. */
static struct parse_batch *
parse_batch(struct store_parse *p)
{
	if (p->cur == NULL) {
		p->cur = xcalloc(1, sizeof *p->cur);
		diag_init(&p->cur->diags);
	}
	return p->cur;
}

/* Moves the file's problems reported since the last call into the batch. */
static void
parse_take(struct store_parse *p)
{
	struct parse_batch	*b;
	const struct diag	*d;

	if (p->moved == p->fdiags.n)
		return;
	b = parse_batch(p);
	for (; p->moved < p->fdiags.n; p->moved++) {
		d = &p->fdiags.v[p->moved];
		diag_add(&b->diags, d->level, d->file, d->line, d->col, "%s",
		    d->msg);
	}
}

/* A new item of kind k in the current batch; the caller fills u. */
static struct parse_item *
parse_item(struct store_parse *p, enum parse_kind k, int file)
{
	struct parse_batch	*b;
	struct parse_item	*it;

	parse_take(p);
	b = parse_batch(p);
	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 256 : b->cap * 2;
		b->items = xreallocarray(b->items, (size_t)b->cap,
		    sizeof *b->items);
	}
	it = &b->items[b->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->file = file;
	it->index = p->index;
	it->ndiag = b->diags.n;
	return it;
}

/* After an item: hands the batch over when it is big enough. */
static int
parse_added(struct store_parse *p)
{
	struct parse_batch	*b = p->cur;

	if (b->n < PARSE_BATCH_ITEMS && b->bytes < PARSE_BATCH_BYTES)
		return 0;
	return parse_push(p);
}

static int
parse_actor(void *arg, int file, const struct content_actor *a)
{
	struct store_parse	*p = arg;
	struct parse_item	*it = parse_item(p, PARSE_ACTOR, file);
	struct parse_batch	*b = p->cur;
	struct content_actor	*d = &it->u.a;

	d->id = parse_str(b, a->id);
	d->name = parse_str(b, a->name);
	d->kind = parse_str(b, a->kind);
	d->role = parse_str(b, a->role);
	d->affiliation = parse_str(b, a->affiliation);
	d->shortname = parse_str(b, a->shortname);
	parse_strs(b, &d->aliases, &a->aliases);
	d->pos = a->pos;
	d->aff_pos = a->aff_pos;
	return parse_added(p);
}

static int
parse_source(void *arg, int file, const struct content_source *s)
{
	struct store_parse	*p = arg;
	struct parse_item	*it = parse_item(p, PARSE_SOURCE, file);
	struct parse_batch	*b = p->cur;
	struct content_source	*d = &it->u.s;

	d->id = parse_str(b, s->id);
	d->title = parse_str(b, s->title);
	d->publisher = parse_str(b, s->publisher);
	d->url = parse_str(b, s->url);
	d->published = parse_str(b, s->published);
	d->text = parse_str(b, s->text);
	d->note = parse_str(b, s->note);
	d->pos = s->pos;
	d->text_pos = s->text_pos;
	return parse_added(p);
}

static int
parse_event(void *arg, int file, const struct content_event *e)
{
	struct store_parse		*p = arg;
	struct parse_item		*it = parse_item(p, PARSE_EVENT, file);
	struct parse_batch		*b = p->cur;
	struct content_event		*d = &it->u.e;
	const struct content_excerpt	*x;
	int				 i;

	d->id = parse_str(b, e->id);
	memcpy(d->date, e->date, sizeof d->date);
	memcpy(d->time, e->time, sizeof d->time);
	d->approximate = e->approximate;
	d->title = parse_str(b, e->title);
	d->summary = parse_str(b, e->summary);
	parse_strs(b, &d->actors, &e->actors);
	parse_strs(b, &d->tags, &e->tags);
	d->pos = e->pos;
	if (e->nexcerpts > 0) {
		d->excerpts = parse_alloc(b,
		    (size_t)e->nexcerpts * sizeof *d->excerpts);
		for (i = 0; i < e->nexcerpts; i++) {
			x = &e->excerpts[i];
			d->excerpts[i].source = parse_str(b, x->source);
			d->excerpts[i].quote = parse_str(b, x->quote);
			d->excerpts[i].note = parse_str(b, x->note);
			d->excerpts[i].pos = x->pos;
			d->excerpts[i].source_pos = x->source_pos;
			d->excerpts[i].quote_pos = x->quote_pos;
		}
		d->nexcerpts = d->capexcerpts = e->nexcerpts;
	}
	return parse_added(p);
}

static int
parse_corpus(void *arg, int file, const struct content_corpus *c)
{
	struct store_parse	*p = arg;
	struct parse_item	*it = parse_item(p, PARSE_CORPUS, file);
	struct parse_batch	*b = p->cur;

	it->u.c.title = parse_str(b, c->title);
	it->u.c.description = parse_str(b, c->description);
	it->u.c.pos = c->pos;
	return parse_added(p);
}

/* The reading thread: every file to read, in order, then the end. */
static void *
parse_main(void *arg)
{
	struct store_parse	*p = arg;
	struct content_sink	 sink;
	int			 i, stop = 0;

	sink.arg = p;
	sink.actor = parse_actor;
	sink.source = parse_source;
	sink.event = parse_event;
	sink.corpus = parse_corpus;
	for (i = 0; i < p->nfiles && !stop; i++) {
		if (!p->parse[i])
			continue;
		if (p->errors >= DIAG_MAX_ERRORS)
			break;
		p->index = i;
		/*
		 * The reader stops a file once DIAG_MAX_ERRORS errors are
		 * held, counting those reported before, as it would with
		 * the build's own list: the count goes on from them.
		 */
		diag_init(&p->fdiags);
		p->fdiags.errors = p->errors;
		p->moved = 0;
		content_parse(p->files[i].path, p->fids[i], &sink, &p->fdiags);
		parse_take(p);
		p->errors = p->fdiags.errors;
		diag_free(&p->fdiags);
		pthread_mutex_lock(&p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
	}
	if (p->cur != NULL && !stop)
		parse_push(p);
	parse_batch_free(p->cur);
	p->cur = NULL;
	pthread_mutex_lock(&p->lock);
	p->done = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct store_parse *
store_parse_begin(struct content_file *files, const int *fids,
    const int *parse, int nfiles, const struct diag_list *diags)
{
	struct store_parse	*p;

	p = xcalloc(1, sizeof *p);
	p->errors = diags->errors;
	p->last = -1;
	p->files = files;
	p->fids = fids;
	p->parse = parse;
	p->nfiles = nfiles;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->thread, NULL, parse_main, p) != 0) {
		pthread_cond_destroy(&p->cond);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	return p;
}

/* Moves problems [from, to) of batch b into diags, in order. */
static void
parse_diags(struct parse_batch *b, size_t from, size_t to,
    struct diag_list *diags)
{
	const struct diag	*d;
	size_t			 i;

	for (i = from; i < to; i++) {
		d = &b->diags.v[i];
		diag_add(diags, d->level, d->file, d->line, d->col, "%s",
		    d->msg);
	}
}

int
store_parse_next(struct store_parse *p, const struct content_sink *sink,
    void (*file_fn)(void *, int), struct diag_list *diags)
{
	struct parse_batch	*b;
	struct parse_item	*it;
	size_t			 nd = 0;
	int			 i, rc = 0;

	pthread_mutex_lock(&p->lock);
	while (p->head == NULL && !p->done)
		pthread_cond_wait(&p->cond, &p->lock);
	if ((b = p->head) != NULL) {
		p->head = b->next;
		if (p->head == NULL)
			p->tail = NULL;
		p->ready--;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	if (b == NULL)
		return 0;
	for (i = 0; i < b->n && rc == 0; i++) {
		it = &b->items[i];
		parse_diags(b, nd, it->ndiag, diags);
		nd = it->ndiag;
		/* A full list stops the reading, as it would on one thread. */
		if (diag_full(diags))
			break;
		if (it->index != p->last && file_fn != NULL)
			file_fn(sink->arg, it->index);
		p->last = it->index;
		switch (it->kind) {
		case PARSE_ACTOR:
			rc = sink->actor(sink->arg, it->file, &it->u.a);
			break;
		case PARSE_SOURCE:
			rc = sink->source(sink->arg, it->file, &it->u.s);
			break;
		case PARSE_EVENT:
			rc = sink->event(sink->arg, it->file, &it->u.e);
			break;
		case PARSE_CORPUS:
			rc = sink->corpus(sink->arg, it->file, &it->u.c);
			break;
		}
	}
	if (rc == 0)
		parse_diags(b, nd, b->diags.n, diags);
	parse_batch_free(b);
	if (rc != 0)
		return -1;
	return diag_full(diags) ? 0 : 1;
}

void
store_parse_end(struct store_parse *p)
{
	struct parse_batch	*b, *next;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		parse_batch_free(b);
	}
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
