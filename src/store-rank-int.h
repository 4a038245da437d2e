/*
 * store-rank-int.h: what the ranking's two files share: store-rank.c
 * scores hits (the heap, FTS5's aux functions, day blocks and passes) and
 * store-rank-days.c reads the bounds into the days a query may be found on.
 */
#ifndef DOSSIER_STORE_RANK_INT_H
#define DOSSIER_STORE_RANK_INT_H

#include <stdint.h>

#include "store-int.h"
#include "util.h"

#define RANK_BLOCKS	256	/* days scored one at a time, at most */
#define RANK_HITS_A_DAY	2048	/* hits a pass takes in the time of a day */
#define RANK_GAP	8	/* beaten days a run of days may span */
#define RANK_EXPAND	20000	/* term-days a prefix may stand for */
#define RANK_OR		64	/* terms a prefix may be written as */
#define RANK_UP		(1 + 1e-9)	/* bounds err upwards... */
#define RANK_DOWN	(1 - 1e-9)	/* ...and floors downwards */
#define RANK_PTR	"dossier_rank"
#define RANK_SPLIT	20000	/* hits worth a second thread in a pass */
/* Rows of a lone phrase's rarest token worth a second thread: at 1M,
 * phrases whose rarest token is in 198k and 311k rows took 8% to 15%
 * less in halves, those in 40k to 48k rows 2% to 4% more (pairwise). */
#define RANK_SPLIT_WALK	100000

/* A day that may hold hits: the most a hit in it can score, the least
 * its best hit scores (0 if not known). */
struct rank_day {
	int64_t		 day;
	double		 bound;
	double		 floor;
	int64_t		 n;		/* rows of its rarest phrase, at most */
	int		 done;		/* scored already */
};

/* What one phrase's terms say of a day (h, before idf and k1 + 1). */
struct rank_pday {
	int64_t		 day;
	double		 peak;		/* bound, scaled to today, at most 1 */
	double		 low;		/* floor, or 0 */
	int64_t		 n;		/* rows holding the term */
};

struct rank_phrase {
	char		*fts;		/* the phrase alone, in FTS5 syntax */
	int		 ntok;
	int		 prefix;
	int64_t		 df;		/* rows holding it, or -1 */
	int64_t		 most;		/* rows holding its rarest token */
	double		 idf;		/* 1 while a lone phrase is ranked */
	struct rank_pday *days;		/* by day; NULL if not known */
	int		 ndays;
	int		 known;
};

/* A span's scale for today's average, up and down (store-stat.c). */
struct rank_span {
	int64_t		 span;
	double		 up;		/* max(1, avgdl / reference) */
	double		 down;		/* min(1, avgdl / reference) */
};

/* The ranking's state, which rank_score reaches through a pointer. */
struct rank_ctx {
	struct rank_phrase *p;
	int		 np;
	double		 avgdl;
	int64_t		 nrow;
	int64_t		 ntok;
	double		*f;		/* each phrase's weighted count */
	double		 floor;		/* the k-th best floor, or -1 */
	int64_t		 visits;	/* rows rank_score was called on */
	sqlite3		**db2;		/* a second connection's slot, or NULL */
	int		 began;		/* reads begun on both (rank_begin) */
	int		 own;		/* and on db by rank_begin itself */
	/* a pass: days in day order, for rank_day_beaten */
	int		 pass;
	struct rank_day	*byday;
	int		 nbyday;
	int		 cursor;
	/* the best hits so far: a heap with the worst on top */
	struct store_rank_hit *heap;
	int		 n;
	int		 k;
	struct store_rank_info info;
};

/* store-rank-days.c */
char	*rank_fts(const struct store_phrase *p);
int	 rank_phrase_days(sqlite3 *db, const struct rank_span *sp, int nsp,
	    struct store_tokenizer *tz, const struct store_phrase *ph,
	    struct rank_phrase *p);
int	 rank_is_term(struct store_tokenizer *tz, const char *term);
int	 rank_count(sqlite3 *db, struct rank_phrase *p);
double	 rank_idf(int64_t nrow, int64_t df);
int	 rank_day_cmp(const void *x, const void *y);
int	 rank_day_bydate(const void *x, const void *y);
int	 rank_days(struct rank_ctx *c, struct rank_day **out);

#endif
