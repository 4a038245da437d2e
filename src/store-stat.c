/*
 * store-stat.c: the bounds that let store-rank.c find a search's best hits
 * without scoring every hit. For each term and each day of the timeline it
 * keeps how many index rows of that day hold the term, and the largest
 * share of bm25 the term earns in any of them (its "peak").
 *
 * Design note. bm25 gives a row, for each phrase of a query, idf times
 * (k1 + 1) times h = F / (F + k1 (1 - b + b D / avgdl)), where F is the
 * phrase's weighted count in the row and D the row's length in tokens.
 * The peak of a term on a day is the largest h of the term in that day's
 * rows, worked out against the average row length avgdl of the index up
 * to that day's end (the "reference": the average grows and shrinks with
 * the index). Against a later average a, no h can have grown by more than
 * a / reference, so the peak times max(1, a / reference) bounds them all
 * whatever the index became, and the best row's h is still at least the
 * peak times min(1, a / reference): each span of days keeps the smallest
 * and largest references its peaks were made with.
 *
 * Rows reach the index in key order, so days, and spans of 32 days, come
 * one after another. A span is gathered in memory and written as one row
 * per term, whose blob lists the term's days in order, 13 bytes a day:
 * the day within the span (1 byte), the rows holding the term (4 bytes,
 * little-endian) and the peak (an IEEE double, 8 bytes, little-endian).
 * A full build tokenizes on a thread of its own while the main thread
 * fills the index; an update makes the spans it touched again from the
 * index (store_stat_redo).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

#define STAT_NONE	UINT32_MAX
#define STAT_BATCH	(1 << 20)	/* bytes of rows handed over at once */
#define STAT_QUEUE	4		/* batches waiting, at most */
#define STAT_SEEN_MAX	(1 << 18)	/* a day's rows' terms held at once */
#define STAT_TERMS_MAX	(1 << 20)	/* terms a span may have */

static const double stat_weight[STORE_NCOLS] = { STORE_WEIGHTS };
static uint32_t stat_terms_max = STAT_TERMS_MAX;	/* store_stat_cap */

void
store_stat_cap(uint32_t terms)
{
	stat_terms_max = terms > 0 ? terms : STAT_TERMS_MAX;
}

/* A term seen in the span being gathered. */
struct stat_term {
	uint32_t	 off;		/* its bytes in the arena */
	uint32_t	 len;
	uint32_t	 hash;
	uint32_t	 first;		/* its days in the pool: a list */
	uint32_t	 last;
	uint64_t	 stamp;		/* the row f belongs to */
	double		 f;		/* weighted count in that row */
};

/* One day of one term. */
struct stat_day {
	uint32_t	 next;
	uint32_t	 n;
	double		 peak;
	uint8_t		 day;		/* within the span */
};

/* A term in a row of the day being gathered. */
struct stat_seen {
	uint32_t	 term;
	double		 f;
	int64_t		 len;		/* the row's tokens */
};

/* A finished span, made into its rows (see the design note). */
struct stat_out {
	struct stat_out	*next;
	int64_t		 span;
	int64_t		 rows;
	int64_t		 tokens;
	double		 refmin;	/* the smallest reference used */
	double		 refmax;	/* and the largest */
	struct buf	 b;		/* u32 len, term, u32 len, blob; ... */
};

/* Gathers spans from rows in key order; single-threaded. */
struct stat_acc {
	struct store_tokenizer	 tok;
	int64_t			 span;		/* being gathered, or -1 */
	struct buf		 arena;		/* the span's terms */
	struct stat_term	*terms;
	uint32_t		 nterms, capterms;
	uint32_t		*slots;		/* hash table: term + 1 */
	uint32_t		 nslots;
	struct stat_day		*pool;
	uint32_t		 npool, cappool;
	uint32_t		*touched;	/* terms of the current row */
	uint32_t		 ntouched, captouched;
	struct stat_seen	*seen;		/* the day's rows, term by term */
	uint32_t		 nseen, capseen;
	uint8_t			 day;		/* being gathered, in the span */
	uint64_t		 stamp;
	int			 col;		/* column being tokenized */
	int64_t			 rowlen;	/* its row's tokens so far */
	int64_t			 rows, tokens;	/* of the span */
	double			 refmin, refmax;
	int64_t			 allrows, alltokens; /* of the index so far */
	int			 off;		/* a span had too many terms */
	/* finished spans go here */
	void			(*emit)(void *, struct stat_out *);
	void			*arg;
};

/* Rows on their way to the thread: records of rowid, 4 lengths, bytes. */
struct stat_batch {
	struct stat_batch	*next;
	struct buf		 b;
};

struct store_stat {
	sqlite3			*db;
	sqlite3_stmt		*ins_span;
	sqlite3_stmt		*ins_term;
	char			*err;
	struct stat_acc		*acc;
	/* the thread, when there is one */
	int			 threaded;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct stat_batch	*cur;		/* being filled */
	struct stat_batch	*inq, *inq_tail;
	int			 ninq;
	struct stat_out		*outq, *outq_tail;
	int			 closing;
};

static uint32_t
stat_hash(const char *p, int n)
{
	uint32_t	h = 2166136261u;
	int		i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

static void
stat_put32(struct buf *b, uint32_t v)
{
	unsigned char	c[4];

	c[0] = v & 0xff;
	c[1] = (v >> 8) & 0xff;
	c[2] = (v >> 16) & 0xff;
	c[3] = (v >> 24) & 0xff;
	buf_add(b, c, 4);
}

uint32_t
store_stat_get32(const unsigned char *c)
{
	return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 |
	    (uint32_t)c[3] << 24;
}

static void
stat_putdouble(struct buf *b, double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof u);
	stat_put32(b, (uint32_t)(u & 0xffffffffu));
	stat_put32(b, (uint32_t)(u >> 32));
}

double
store_stat_getdouble(const unsigned char *c)
{
	uint64_t	u;
	double		d;

	u = (uint64_t)store_stat_get32(c) |
	    (uint64_t)store_stat_get32(c + 4) << 32;
	memcpy(&d, &u, sizeof d);
	return d;
}

static struct stat_acc *
stat_acc_new(sqlite3 *db)
{
	struct stat_acc	*a;

	a = xcalloc(1, sizeof *a);
	if (store_tokenizer_open(db, &a->tok) == -1) {
		free(a);
		return NULL;
	}
	a->span = -1;
	buf_init(&a->arena);
	a->nslots = 4096;
	a->slots = xcalloc(a->nslots, sizeof *a->slots);
	return a;
}

static void
stat_acc_free(struct stat_acc *a)
{
	if (a == NULL)
		return;
	store_tokenizer_close(&a->tok);
	buf_free(&a->arena);
	free(a->terms);
	free(a->slots);
	free(a->pool);
	free(a->touched);
	free(a->seen);
	free(a);
}

static void
stat_rehash(struct stat_acc *a)
{
	uint32_t	i, j, mask;

	free(a->slots);
	a->nslots *= 2;
	a->slots = xcalloc(a->nslots, sizeof *a->slots);
	mask = a->nslots - 1;
	for (i = 0; i < a->nterms; i++) {
		for (j = a->terms[i].hash & mask; a->slots[j] != 0;
		    j = (j + 1) & mask)
			/* probe */;
		a->slots[j] = i + 1;
	}
}

/* Returns the index of the term p[0..n), adding it if it is new. */
static uint32_t
stat_term_find(struct stat_acc *a, const char *p, int n)
{
	struct stat_term	*t;
	uint32_t		 h = stat_hash(p, n), mask = a->nslots - 1, j;

	for (j = h & mask; a->slots[j] != 0; j = (j + 1) & mask) {
		t = &a->terms[a->slots[j] - 1];
		if (t->hash == h && t->len == (uint32_t)n &&
		    memcmp(a->arena.data + t->off, p, (size_t)n) == 0)
			return a->slots[j] - 1;
	}
	if (a->nterms == a->capterms) {
		a->capterms = a->capterms == 0 ? 1024 : a->capterms * 2;
		a->terms = xreallocarray(a->terms, a->capterms,
		    sizeof *a->terms);
	}
	t = &a->terms[a->nterms];
	t->off = (uint32_t)a->arena.len;
	t->len = (uint32_t)n;
	t->hash = h;
	t->first = t->last = STAT_NONE;
	t->stamp = 0;
	t->f = 0;
	buf_add(&a->arena, p, (size_t)n);
	a->slots[j] = ++a->nterms;
	if (a->nterms * 2 > a->nslots)
		stat_rehash(a);
	return a->nterms - 1;
}

/* The tokenizer's callback: one token of column a->col. */
static int
stat_token(void *arg, int tflags, const char *token, int n, int start,
    int end)
{
	struct stat_acc		*a = arg;
	struct stat_term	*t;
	uint32_t		 i;

	(void)start;
	(void)end;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	a->rowlen++;
	if (n > STORE_TOKEN_MAX)
		n = STORE_TOKEN_MAX;
	i = stat_term_find(a, token, n);
	t = &a->terms[i];
	if (t->stamp != a->stamp) {
		t->stamp = a->stamp;
		t->f = 0;
		if (a->ntouched == a->captouched) {
			a->captouched = a->captouched == 0 ? 256 :
			    a->captouched * 2;
			a->touched = xreallocarray(a->touched, a->captouched,
			    sizeof *a->touched);
		}
		a->touched[a->ntouched++] = i;
	}
	t->f += stat_weight[a->col];
	return SQLITE_OK;
}

static void	stat_day_close(struct stat_acc *);

/* A term's bytes, for sorting a span's terms. */
struct stat_key {
	const char	*p;
	uint32_t	 len;
	uint32_t	 term;
};

/* As SQLite's BINARY collation: bytes, then length. */
static int
stat_key_cmp(const void *x, const void *y)
{
	const struct stat_key	*s = x, *t = y;
	int			 c;

	c = memcmp(s->p, t->p, s->len < t->len ? s->len : t->len);
	if (c != 0)
		return c;
	return s->len < t->len ? -1 : s->len > t->len;
}

/* Hands the span gathered so far to emit and starts afresh. */
static void
stat_acc_flush(struct stat_acc *a)
{
	struct stat_out		*o;
	struct stat_term	*t;
	struct stat_day		*d;
	struct stat_key		*order;
	uint32_t		 i, k, nd;

	if (a->span < 0)
		return;
	stat_day_close(a);
	if (a->off)
		goto reset;
	o = xcalloc(1, sizeof *o);
	o->span = a->span;
	o->rows = a->rows;
	o->tokens = a->tokens;
	o->refmin = a->refmin;
	o->refmax = a->refmax;
	buf_init(&o->b);
	order = xreallocarray(NULL, a->nterms + 1, sizeof *order);
	for (i = 0; i < a->nterms; i++) {
		order[i].p = a->arena.data + a->terms[i].off;
		order[i].len = a->terms[i].len;
		order[i].term = i;
	}
	qsort(order, a->nterms, sizeof *order, stat_key_cmp);
	for (i = 0; i < a->nterms; i++) {
		t = &a->terms[order[i].term];
		stat_put32(&o->b, t->len);
		buf_add(&o->b, a->arena.data + t->off, t->len);
		for (nd = 0, k = t->first; k != STAT_NONE; k = a->pool[k].next)
			nd++;
		stat_put32(&o->b, nd * STORE_STAT_DAYREC);
		for (k = t->first; k != STAT_NONE; k = d->next) {
			d = &a->pool[k];
			buf_addc(&o->b, (char)d->day);
			stat_put32(&o->b, d->n);
			stat_putdouble(&o->b, d->peak);
		}
	}
	free(order);
	a->emit(a->arg, o);
reset:
	a->span = -1;
	buf_reset(&a->arena);
	a->nterms = 0;
	memset(a->slots, 0, a->nslots * sizeof *a->slots);
	a->npool = 0;
	a->rows = a->tokens = 0;
}

/*
 * Works out the peaks of the day gathered so far, all against one
 * reference: the average row of the index up to the day's end.
 */
static void
stat_day_close(struct stat_acc *a)
{
	struct stat_term	*t;
	struct stat_day		*d;
	struct stat_seen	*r;
	double			 avgdl, k, h;
	uint32_t		 i;

	if (a->nseen == 0)
		return;
	avgdl = (double)a->alltokens / (double)a->allrows;
	if (avgdl <= 0)
		avgdl = 1;	/* no token yet: any reference will do */
	if (a->refmin == 0 || avgdl < a->refmin)
		a->refmin = avgdl;
	if (avgdl > a->refmax)
		a->refmax = avgdl;
	for (i = 0; i < a->nseen; i++) {
		r = &a->seen[i];
		t = &a->terms[r->term];
		/* As FTS5 writes it: k1 * (1 - b + b * D / avgdl). */
		k = STORE_BM25_K1 * (1 - STORE_BM25_B + STORE_BM25_B *
		    (double)r->len / avgdl);
		h = r->f / (r->f + k);
		if (t->last != STAT_NONE && a->pool[t->last].day == a->day) {
			d = &a->pool[t->last];
			d->n++;
			if (h > d->peak)
				d->peak = h;
			continue;
		}
		if (a->npool == a->cappool) {
			a->cappool = a->cappool == 0 ? 4096 : a->cappool * 2;
			a->pool = xreallocarray(a->pool, a->cappool,
			    sizeof *a->pool);
		}
		d = &a->pool[a->npool];
		d->next = STAT_NONE;
		d->n = 1;
		d->peak = h;
		d->day = a->day;
		if (t->last == STAT_NONE)
			t->first = a->npool;
		else
			a->pool[t->last].next = a->npool;
		t->last = a->npool++;
	}
	a->nseen = 0;
}

/* Adds one index row; rows come in key order. */
static void
stat_acc_row(struct stat_acc *a, int64_t rowid, const char *const *text,
    const int *len)
{
	struct stat_seen	*r;
	uint32_t		 i;
	uint8_t			 day;
	int			 c;

	if (a->off)
		return;
	day = (uint8_t)((rowid >> STORE_DBITS) & (STORE_SPAN_DAYS - 1));
	if (rowid >> (STORE_DBITS + STORE_SPAN_BITS) != a->span) {
		stat_acc_flush(a);
		a->span = rowid >> (STORE_DBITS + STORE_SPAN_BITS);
		a->refmin = a->refmax = 0;
	} else if (day != a->day)
		stat_day_close(a);
	a->day = day;
	a->stamp++;
	a->ntouched = 0;
	a->rowlen = 0;
	for (c = 0; c < STORE_NCOLS; c++) {
		if (text[c] == NULL)
			continue;
		a->col = c;
		a->tok.api.xTokenize(a->tok.tok, a, FTS5_TOKENIZE_DOCUMENT,
		    text[c], len[c], stat_token);
	}
	a->allrows++;
	a->alltokens += a->rowlen;
	a->rows++;
	a->tokens += a->rowlen;
	for (i = 0; i < a->ntouched; i++) {
		if (a->nseen == a->capseen) {
			a->capseen = a->capseen == 0 ? 4096 : a->capseen * 2;
			a->seen = xreallocarray(a->seen, a->capseen,
			    sizeof *a->seen);
		}
		r = &a->seen[a->nseen++];
		r->term = a->touched[i];
		r->f = a->terms[a->touched[i]].f;
		r->len = a->rowlen;
	}
	/*
	 * Memory stays bounded: a crowded day is closed in parts (each part
	 * against its own reference, which the span's range covers), and a
	 * span of more terms than that turns the bounds off.
	 */
	if (a->nseen >= STAT_SEEN_MAX)
		stat_day_close(a);
	if (a->nterms > stat_terms_max)
		a->off = 1;
}

static void
stat_out_free(struct stat_out *o)
{
	buf_free(&o->b);
	free(o);
}

/* Writes a finished span into the store; on the connection's thread. */
static void
stat_write(struct store_stat *s, struct stat_out *o)
{
	const unsigned char	*p, *end;
	uint32_t		 n, m;
	sqlite3_stmt		*st;

	if (s->err != NULL) {
		stat_out_free(o);
		return;
	}
	st = s->ins_span;
	sqlite3_bind_int64(st, 1, o->span);
	sqlite3_bind_int64(st, 2, o->rows);
	sqlite3_bind_int64(st, 3, o->tokens);
	sqlite3_bind_double(st, 4, o->refmin);
	sqlite3_bind_double(st, 5, o->refmax);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(st);
	st = s->ins_term;
	p = (const unsigned char *)o->b.data;
	end = p + o->b.len;
	while (p != NULL && p < end) {
		n = store_stat_get32(p);
		m = store_stat_get32(p + 4 + n);
		sqlite3_bind_int64(st, 1, o->span);
		sqlite3_bind_text(st, 2, (const char *)p + 4, (int)n,
		    SQLITE_STATIC);
		sqlite3_bind_blob(st, 3, p + 8 + n, (int)m, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(st);
		p += 8 + n + m;
	}
	stat_out_free(o);
	return;
fail:
	s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
	sqlite3_reset(st);
	stat_out_free(o);
}

/* emit for the inline case: straight into the store. */
static void
stat_emit_write(void *arg, struct stat_out *o)
{
	stat_write(arg, o);
}

/* emit on the thread: queued for the main thread to write. */
static void
stat_emit_queue(void *arg, struct stat_out *o)
{
	struct store_stat	*s = arg;

	pthread_mutex_lock(&s->mu);
	if (s->outq_tail != NULL)
		s->outq_tail->next = o;
	else
		s->outq = o;
	s->outq_tail = o;
	pthread_mutex_unlock(&s->mu);
}

/* Feeds the rows of a batch to the gatherer. */
static void
stat_batch_run(struct stat_acc *a, struct stat_batch *bt)
{
	const unsigned char	*p = (const unsigned char *)bt->b.data;
	const unsigned char	*end = p + bt->b.len;
	const char		*text[STORE_NCOLS];
	int			 len[STORE_NCOLS], c;
	int64_t			 rowid;

	while (p != NULL && p < end) {
		rowid = (int64_t)((uint64_t)store_stat_get32(p) |
		    (uint64_t)store_stat_get32(p + 4) << 32);
		p += 8;
		for (c = 0; c < STORE_NCOLS; c++) {
			len[c] = (int)store_stat_get32(p);
			p += 4;
		}
		for (c = 0; c < STORE_NCOLS; c++) {
			text[c] = len[c] < 0 ? NULL : (const char *)p;
			if (len[c] > 0)
				p += len[c];
		}
		stat_acc_row(a, rowid, text, len);
	}
}

static void *
stat_thread(void *arg)
{
	struct store_stat	*s = arg;
	struct stat_batch	*bt;

	for (;;) {
		pthread_mutex_lock(&s->mu);
		while (s->inq == NULL && !s->closing)
			pthread_cond_wait(&s->cv, &s->mu);
		bt = s->inq;
		if (bt != NULL) {
			s->inq = bt->next;
			if (s->inq == NULL)
				s->inq_tail = NULL;
			s->ninq--;
			pthread_cond_broadcast(&s->cv);
		}
		pthread_mutex_unlock(&s->mu);
		if (bt == NULL)
			break;
		stat_batch_run(s->acc, bt);
		buf_free(&bt->b);
		free(bt);
	}
	stat_acc_flush(s->acc);
	return NULL;
}

/* Writes what the thread has finished; on the main thread. */
static void
stat_drain(struct store_stat *s)
{
	struct stat_out	*o, *next;

	pthread_mutex_lock(&s->mu);
	o = s->outq;
	s->outq = s->outq_tail = NULL;
	pthread_mutex_unlock(&s->mu);
	for (; o != NULL; o = next) {
		next = o->next;
		stat_write(s, o);
	}
}

/* Hands the batch being filled to the thread, waiting if it is behind. */
static void
stat_push(struct store_stat *s)
{
	struct stat_batch	*bt = s->cur;

	s->cur = NULL;
	if (bt == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	while (s->ninq >= STAT_QUEUE)
		pthread_cond_wait(&s->cv, &s->mu);
	if (s->inq_tail != NULL)
		s->inq_tail->next = bt;
	else
		s->inq = bt;
	s->inq_tail = bt;
	s->ninq++;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static struct store_stat *
stat_new(sqlite3 *db)
{
	struct store_stat	*s;

	s = xcalloc(1, sizeof *s);
	s->db = db;
	if ((s->acc = stat_acc_new(db)) == NULL) {
		free(s);
		return NULL;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO bound_span(span, rows,"
	    " tokens, refmin, refmax) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &s->ins_span,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO bound_term(span, term, days)"
	    " VALUES (?1, ?2, ?3)", -1, &s->ins_term, NULL) != SQLITE_OK)
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(db));
	s->acc->emit = stat_emit_write;
	s->acc->arg = s;
	return s;
}

static void
stat_free(struct store_stat *s)
{
	sqlite3_finalize(s->ins_span);
	sqlite3_finalize(s->ins_term);
	stat_acc_free(s->acc);
	free(s->err);
	free(s);
}

struct store_stat *
store_stat_begin(sqlite3 *db, int threaded)
{
	struct store_stat	*s;
	sigset_t		 all, old;

	if ((s = stat_new(db)) == NULL)
		return NULL;
	if (!threaded || s->err != NULL)
		return s;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->acc->emit = stat_emit_queue;
	/* Signals are the main thread's business (the reader's handlers). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	s->threaded = pthread_create(&s->thread, NULL, stat_thread, s) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!s->threaded) {
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		s->acc->emit = stat_emit_write;
	}
	return s;
}

void
store_stat_row(struct store_stat *s, int64_t rowid,
    const char *const text[STORE_NCOLS], const int len[STORE_NCOLS])
{
	struct buf	*b;
	int		 c;

	if (s == NULL)
		return;
	if (!s->threaded) {
		stat_acc_row(s->acc, rowid, text, len);
		return;
	}
	if (s->cur == NULL) {
		s->cur = xcalloc(1, sizeof *s->cur);
		buf_init(&s->cur->b);
	}
	b = &s->cur->b;
	stat_put32(b, (uint32_t)((uint64_t)rowid & 0xffffffffu));
	stat_put32(b, (uint32_t)((uint64_t)rowid >> 32));
	for (c = 0; c < STORE_NCOLS; c++)
		stat_put32(b, text[c] == NULL ? UINT32_MAX : (uint32_t)len[c]);
	for (c = 0; c < STORE_NCOLS; c++) {
		if (text[c] != NULL && len[c] > 0)
			buf_add(b, text[c], (size_t)len[c]);
	}
	if (b->len >= STAT_BATCH) {
		stat_push(s);
		stat_drain(s);
	}
}

/*
 * No bounds at all, and a span -1 that says so, for updates to leave them
 * off and searches to rank with FTS5 until the next full build.
 */
static void
stat_turn_off(struct store_stat *s)
{
	if (sqlite3_exec(s->db, "DELETE FROM bound_span; DELETE FROM bound_term;"
	    "INSERT INTO bound_span VALUES (-1, 0, 0, 0, 0)", NULL, NULL,
	    NULL) != SQLITE_OK)
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
}

int
store_stat_end(struct store_stat *s, char **err)
{
	int	rc;

	if (s == NULL)
		return 0;
	if (s->threaded) {
		stat_push(s);
		pthread_mutex_lock(&s->mu);
		s->closing = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
		stat_drain(s);
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
	} else
		stat_acc_flush(s->acc);
	if (s->acc->off && s->err == NULL)
		stat_turn_off(s);
	rc = s->err != NULL ? -1 : 0;
	if (rc == -1 && err != NULL) {
		*err = s->err;
		s->err = NULL;
	}
	stat_free(s);
	return rc;
}

/* SQLite's varint at *p (at most 9 bytes before end); moves *p on. */
static uint64_t
stat_varint(const unsigned char **p, const unsigned char *end)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 9 && *p < end; i++) {
		if (i == 8)
			return v << 8 | *(*p)++;
		v = v << 7 | (**p & 0x7f);
		if (!(*(*p)++ & 0x80))
			break;
	}
	return v;
}

/* A term's old days, or new ones, while a span's are merged. */
struct stat_mterm {
	const char		*term;
	int			 len;
	const unsigned char	*days;
	int			 ndays;		/* its records */
};

/*
 * Writes term's days: the old records but those of the days in mask,
 * and the new ones, in day order; no row when none is left.
 */
static int
stat_merge_term(struct store_stat *s, sqlite3_stmt *put, sqlite3_stmt *del,
    int64_t span, uint32_t mask, const struct stat_mterm *o,
    const struct stat_mterm *n)
{
	struct stat_mterm	 t = o != NULL ? *o : *n;
	struct buf		 b;
	int			 i = 0, j = 0, rc;
	const unsigned char	*r;

	buf_init(&b);
	while ((o != NULL && i < o->ndays) || (n != NULL && j < n->ndays)) {
		if (o != NULL && i < o->ndays) {
			r = o->days + (size_t)i * STORE_STAT_DAYREC;
			if (mask & (1u << r[0])) {
				i++;
				continue;
			}
			if (n == NULL || j >= n->ndays ||
			    r[0] < n->days[(size_t)j * STORE_STAT_DAYREC]) {
				buf_add(&b, r, STORE_STAT_DAYREC);
				i++;
				continue;
			}
		}
		buf_add(&b, n->days + (size_t)j++ * STORE_STAT_DAYREC,
		    STORE_STAT_DAYREC);
	}
	if (b.len == 0) {
		sqlite3_bind_int64(del, 1, span);
		sqlite3_bind_text(del, 2, t.term, t.len, SQLITE_STATIC);
		rc = sqlite3_step(del);
		sqlite3_reset(del);
	} else {
		sqlite3_bind_int64(put, 1, span);
		sqlite3_bind_text(put, 2, t.term, t.len, SQLITE_STATIC);
		sqlite3_bind_blob(put, 3, b.data, (int)b.len, SQLITE_STATIC);
		rc = sqlite3_step(put);
		sqlite3_reset(put);
	}
	buf_free(&b);
	if (rc != SQLITE_DONE && s->err == NULL)
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
stat_mterm_cmp(const struct stat_mterm *x, const struct stat_mterm *y)
{
	int	c;

	c = memcmp(x->term, y->term, (size_t)(x->len < y->len ? x->len :
	    y->len));
	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* emit for stat_redo_days: the span gathered is kept for the merge. */
static void
stat_emit_keep(void *arg, struct stat_out *o)
{
	if (*(struct stat_out **)arg != NULL)
		stat_out_free(*(struct stat_out **)arg);
	*(struct stat_out **)arg = o;
}

/*
 * Makes the days in mask of span again, o being what their rows gave (or
 * NULL if they have none left): each term keeps its other days, the
 * span's rows and tokens are counted from FTS5's sizes of its rows, and
 * its references widen to cover the new peaks'.
 */
static void
stat_merge_span(struct store_stat *s, int64_t span, uint32_t mask,
    const struct stat_out *o)
{
	sqlite3_stmt		*old = NULL, *put = NULL, *del = NULL;
	sqlite3_stmt		*st = NULL;
	struct stat_mterm	*v = NULL, n;
	const unsigned char	*p, *end, *sz;
	size_t			 nv = 0, cap = 0, i;
	int64_t			 rows = 0, tokens = 0;
	double			 refmin = 0, refmax = 0;
	int			 rc, c, had = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT term, days FROM bound_term"
	    " WHERE span = ?1 ORDER BY term", -1, &old, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO bound_term(span,"
	    " term, days) VALUES (?1, ?2, ?3)", -1, &put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "DELETE FROM bound_term WHERE span = ?1"
	    " AND term = ?2", -1, &del, NULL) != SQLITE_OK)
		goto fail;
	/* The old terms first, copied: the table changes under them. */
	sqlite3_bind_int64(old, 1, span);
	while ((rc = sqlite3_step(old)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[nv].len = sqlite3_column_bytes(old, 0);
		v[nv].term = xmalloc((size_t)v[nv].len + 1);
		memcpy((char *)(uintptr_t)v[nv].term,
		    sqlite3_column_text(old, 0), (size_t)v[nv].len);
		v[nv].ndays = sqlite3_column_bytes(old, 1) / STORE_STAT_DAYREC;
		v[nv].days = xmalloc((size_t)sqlite3_column_bytes(old, 1) + 1);
		memcpy((unsigned char *)(uintptr_t)v[nv].days,
		    sqlite3_column_blob(old, 1),
		    (size_t)sqlite3_column_bytes(old, 1));
		nv++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	/* Both lists are in term order: one walk merges them. */
	p = o != NULL ? (const unsigned char *)o->b.data : NULL;
	end = p != NULL ? p + o->b.len : NULL;
	i = 0;
	while (i < nv || (p != NULL && p < end)) {
		if (p != NULL && p < end) {
			n.len = (int)store_stat_get32(p);
			n.term = (const char *)p + 4;
			n.ndays = (int)(store_stat_get32(p + 4 + n.len) /
			    STORE_STAT_DAYREC);
			n.days = p + 8 + n.len;
		}
		c = i >= nv ? 1 : p == NULL || p >= end ? -1 :
		    stat_mterm_cmp(&v[i], &n);
		if (c < 0) {
			/* Only old days: written again only if some go. */
			for (rc = 0; rc < v[i].ndays; rc++) {
				if (mask & (1u << v[i].days[(size_t)rc *
				    STORE_STAT_DAYREC]))
					break;
			}
			if (rc < v[i].ndays && stat_merge_term(s, put, del,
			    span, mask, &v[i], NULL) == -1)
				goto out;
			i++;
			continue;
		}
		if (stat_merge_term(s, put, del, span, mask,
		    c == 0 ? &v[i] : NULL, &n) == -1)
			goto out;
		if (c == 0)
			i++;
		p += 8 + n.len + (size_t)n.ndays * STORE_STAT_DAYREC;
	}
	/* The span's row, its counts from FTS5's own sizes of its rows. */
	if (sqlite3_prepare_v2(s->db, "SELECT sz FROM fts_docsize WHERE"
	    " id >= ?1 AND id < ?2", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, span << (STORE_DBITS + STORE_SPAN_BITS));
	sqlite3_bind_int64(st, 2, (span + 1) << (STORE_DBITS +
	    STORE_SPAN_BITS));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		sz = sqlite3_column_blob(st, 0);
		end = sz + sqlite3_column_bytes(st, 0);
		while (sz != NULL && sz < end)
			tokens += (int64_t)stat_varint(&sz, end);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, "SELECT refmin, refmax FROM bound_span"
	    " WHERE span = ?1", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, span);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		refmin = sqlite3_column_double(st, 0);
		refmax = sqlite3_column_double(st, 1);
		had = 1;
	}
	sqlite3_finalize(st);
	if (o != NULL) {
		if (!had || o->refmin < refmin)
			refmin = o->refmin;
		if (!had || o->refmax > refmax)
			refmax = o->refmax;
	}
	if (sqlite3_prepare_v2(s->db, rows == 0 ? "DELETE FROM bound_span"
	    " WHERE span = ?1" : "INSERT OR REPLACE INTO bound_span(span, rows,"
	    " tokens, refmin, refmax) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, span);
	if (rows > 0) {
		sqlite3_bind_int64(st, 2, rows);
		sqlite3_bind_int64(st, 3, tokens);
		sqlite3_bind_double(st, 4, refmin);
		sqlite3_bind_double(st, 5, refmax);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	goto out;
fail:
	if (s->err == NULL)
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
out:
	for (i = 0; i < nv; i++) {
		free((char *)(uintptr_t)v[i].term);
		free((unsigned char *)(uintptr_t)v[i].days);
	}
	free(v);
	sqlite3_finalize(old);
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	sqlite3_finalize(st);
}

/*
 * An update's usual case: the days in temp.tday (of spans not made again
 * whole) are made again from their rows alone, and merged into their
 * spans (stat_merge_span); a month's file touches a few days of a span of
 * 32, and reading every row of the span cost most of a small update.
 */
static void
stat_redo_days(struct store_stat *s)
{
	sqlite3_stmt	*days = NULL, *rows = NULL, *tot = NULL;
	struct stat_out	*keep = NULL;
	const char	*text[STORE_NCOLS];
	int64_t		 span = -1, day, next, allrows, alltokens;
	uint32_t	 mask = 0;
	int		 len[STORE_NCOLS], c, rc;

	if (sqlite3_prepare_v2(s->db, "SELECT day FROM temp.tday WHERE"
	    " (day >> " STORE_XSTR(STORE_SPAN_BITS) ") NOT IN (SELECT span FROM"
	    " temp.tspan) ORDER BY day", -1, &days, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT rowid, title, body, note, actors"
	    " FROM fts WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid", -1,
	    &rows, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT total(rows), total(tokens) FROM"
	    " bound_span WHERE span >= 0", -1, &tot, NULL) != SQLITE_OK ||
	    sqlite3_step(tot) != SQLITE_ROW) {
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
		goto out;
	}
	/* The reference: the index's average row, as its spans count it. */
	allrows = (int64_t)sqlite3_column_double(tot, 0);
	alltokens = (int64_t)sqlite3_column_double(tot, 1);
	sqlite3_reset(tot);
	s->acc->emit = stat_emit_keep;
	s->acc->arg = &keep;
	do {
		rc = sqlite3_step(days);
		day = rc == SQLITE_ROW ? sqlite3_column_int64(days, 0) : -1;
		next = day < 0 ? -1 : day >> STORE_SPAN_BITS;
		if (span >= 0 && next != span) {
			stat_acc_flush(s->acc);
			stat_merge_span(s, span, mask, keep);
			if (keep != NULL)
				stat_out_free(keep);
			keep = NULL;
			mask = 0;
		}
		if (day < 0 || s->err != NULL || s->acc->off)
			break;
		if (next != span) {
			s->acc->allrows = allrows;
			s->acc->alltokens = alltokens;
		}
		span = next;
		mask |= 1u << (day & (STORE_SPAN_DAYS - 1));
		sqlite3_bind_int64(rows, 1, day << STORE_DBITS);
		sqlite3_bind_int64(rows, 2, (day + 1) << STORE_DBITS);
		while ((c = sqlite3_step(rows)) == SQLITE_ROW) {
			for (c = 0; c < STORE_NCOLS; c++) {
				text[c] = (const char *)sqlite3_column_text(rows,
				    c + 1);
				len[c] = sqlite3_column_bytes(rows, c + 1);
			}
			stat_acc_row(s->acc, sqlite3_column_int64(rows, 0), text,
			    len);
		}
		if (c != SQLITE_DONE && s->err == NULL)
			s->err = xasprintf("indexing: %s",
			    sqlite3_errmsg(s->db));
		sqlite3_reset(rows);
	} while (s->err == NULL);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && s->err == NULL)
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(s->db));
out:
	if (keep != NULL)
		stat_out_free(keep);
	s->acc->emit = stat_emit_write;
	s->acc->arg = s;
	sqlite3_finalize(days);
	sqlite3_finalize(rows);
	sqlite3_finalize(tot);
}

int
store_stat_redo(sqlite3 *db, char **err)
{
	struct store_stat	*s;
	sqlite3_stmt		*spans = NULL, *rows = NULL;
	const char		*text[STORE_NCOLS];
	int			 len[STORE_NCOLS], c, rc;
	int64_t			 span;

	/* No day touched (places or comments changed): nothing to do. */
	if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS tspan(span"
	    " INTEGER PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS tday(day"
	    " INTEGER PRIMARY KEY)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM temp.tspan)"
	    " OR EXISTS (SELECT 1 FROM temp.tday)", -1, &spans, NULL) !=
	    SQLITE_OK || sqlite3_step(spans) != SQLITE_ROW) {
		*err = xasprintf("indexing: %s", sqlite3_errmsg(db));
		sqlite3_finalize(spans);
		return -1;
	}
	rc = sqlite3_column_int(spans, 0);
	sqlite3_finalize(spans);
	spans = NULL;
	if (rc == 0)
		return 0;
	if ((s = stat_new(db)) == NULL)
		return 0;	/* no tokenizer: searches rank the slow way */
	/* Bounds turned off stay off (stat_turn_off). */
	if (s->err == NULL && (sqlite3_prepare_v2(db, "SELECT 1 FROM"
	    " bound_span WHERE span = -1", -1, &spans, NULL) != SQLITE_OK ||
	    (rc = sqlite3_step(spans)) == SQLITE_ROW)) {
		sqlite3_finalize(spans);
		stat_free(s);
		return 0;
	}
	sqlite3_finalize(spans);
	spans = NULL;
	/* The rest of the index still counts towards the average row. */
	if (s->err == NULL && (sqlite3_prepare_v2(db, "SELECT total(rows),"
	    " total(tokens) FROM bound_span WHERE span NOT IN"
	    " (SELECT span FROM temp.tspan)", -1, &spans, NULL) != SQLITE_OK ||
	    sqlite3_step(spans) != SQLITE_ROW))
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(db));
	if (s->err == NULL) {
		s->acc->allrows = sqlite3_column_int64(spans, 0);
		s->acc->alltokens = sqlite3_column_int64(spans, 1);
	}
	sqlite3_finalize(spans);
	spans = NULL;
	if (s->err == NULL && (sqlite3_exec(db, "DELETE FROM bound_span WHERE"
	    " span IN (SELECT span FROM temp.tspan); DELETE FROM bound_term"
	    " WHERE span IN (SELECT span FROM temp.tspan)", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT span FROM temp.tspan ORDER BY span",
	    -1, &spans, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid, title, body, note, actors"
	    " FROM fts WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid", -1,
	    &rows, NULL) != SQLITE_OK))
		s->err = xasprintf("indexing: %s", sqlite3_errmsg(db));
	while (s->err == NULL && (rc = sqlite3_step(spans)) == SQLITE_ROW) {
		span = sqlite3_column_int64(spans, 0);
		sqlite3_bind_int64(rows, 1, span << (STORE_DBITS +
		    STORE_SPAN_BITS));
		sqlite3_bind_int64(rows, 2, (span + 1) << (STORE_DBITS +
		    STORE_SPAN_BITS));
		while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
			for (c = 0; c < STORE_NCOLS; c++) {
				text[c] = (const char *)sqlite3_column_text(rows,
				    c + 1);
				len[c] = sqlite3_column_bytes(rows, c + 1);
			}
			stat_acc_row(s->acc, sqlite3_column_int64(rows, 0),
			    text, len);
		}
		if (rc != SQLITE_DONE && s->err == NULL)
			s->err = xasprintf("indexing: %s", sqlite3_errmsg(db));
		sqlite3_reset(rows);
		/* Written before the next span's rows are read. */
		stat_acc_flush(s->acc);
	}
	sqlite3_finalize(spans);
	sqlite3_finalize(rows);
	if (s->err == NULL && !s->acc->off)
		stat_redo_days(s);
	return store_stat_end(s, err);
}
