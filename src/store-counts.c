/*
 * store-counts.c: the counts of events by day, and by day and actor or tag,
 * that the build keeps so that `stats` and the overview of the whole
 * corpus read a few thousand rows instead of every event.
 *
 * A new store counts everything once, from the indexes, at the end of its
 * build. An update counts again only the days it touched: temporary
 * triggers on the event table and its links note the day (the high bits of
 * rid, store-int.h) of every row inserted, deleted or moved, whatever part
 * of the build does it (and of a link, its actor or tag), and the end of
 * the build counts those days (those actors' and tags' days) again.
 *
 * count_day keeps a running sum as well (cum: the events of the days
 * before), from which store-pos.c tells an event's place in the
 * timeline. An update sums again the days from the first it touched on,
 * writing only the rows whose sum moved: for an event added or removed in
 * the middle of a decade, a few thousand narrow rows.
 *
 * For a filtered overview, each day's links are kept packed as well
 * (count_link, one blob a day and kind): its events in key order, each
 * with the numbers of its actors (tags), numbers that count_key gives
 * once and for all, so that an update need not write any other day again.
 * A record: the key's low bits, the number of links, the links, each an
 * unsigned LEB128 varint.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store-int.h"
#include "util.h"

/* The tables, made by the first build of a store. */
static const char counts_schema[] =
	"CREATE TABLE IF NOT EXISTS count_day(day INTEGER PRIMARY KEY,"
	"  n INT NOT NULL, cum INT NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS count_day_cum ON count_day(cum);"
	"CREATE TABLE IF NOT EXISTS count_actor(actor TEXT NOT NULL,"
	"  day INT NOT NULL, n INT NOT NULL, PRIMARY KEY(actor, day))"
	"  WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS count_tag(tag TEXT NOT NULL,"
	"  day INT NOT NULL, n INT NOT NULL, PRIMARY KEY(tag, day))"
	"  WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS count_key(num INTEGER PRIMARY KEY,"
	"  kind INT NOT NULL, key TEXT NOT NULL, UNIQUE(kind, key));"
	"CREATE TABLE IF NOT EXISTS count_link(id INTEGER PRIMARY KEY,"
	"  links BLOB NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS cday(day INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS ckey(kind INT, key TEXT, day INT,"
	"  PRIMARY KEY(kind, key, day)) WITHOUT ROWID;"
	"DELETE FROM temp.cday; DELETE FROM temp.ckey;";

/* SQL: a trigger noting the days of table t's rows as they change. */
#define COUNTS_TRIGGERS(t) \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_i_" t " AFTER INSERT ON" \
	"  main." t " WHEN new.rid >= 0 BEGIN INSERT OR IGNORE INTO" \
	"  cday VALUES (new.rid >> " STORE_XSTR(STORE_DBITS) "); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_d_" t " AFTER DELETE ON" \
	"  main." t " WHEN old.rid >= 0 BEGIN INSERT OR IGNORE INTO" \
	"  cday VALUES (old.rid >> " STORE_XSTR(STORE_DBITS) "); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_u_" t " AFTER UPDATE OF rid" \
	"  ON main." t " BEGIN INSERT OR IGNORE INTO cday SELECT" \
	"  new.rid >> " STORE_XSTR(STORE_DBITS) " WHERE new.rid >= 0;" \
	"  INSERT OR IGNORE INTO cday SELECT old.rid >> " \
	STORE_XSTR(STORE_DBITS) " WHERE old.rid >= 0; END;"

/*
 * SQL: triggers noting the actor (tag) and day of link table t's rows
 * (column k, kind n: 0 actors, 1 tags) as they change: only those counts
 * go, where a pass over count_actor's million rows at 1M events took 0.2
 * s, and a seek for every actor 0.06 to 0.09 s, of an update of 0.8 s.
 */
#define COUNTS_KEY_TRIGGERS(t, k, n) \
	"CREATE TEMP TRIGGER IF NOT EXISTS ckey_i_" t " AFTER INSERT ON" \
	"  main." t " WHEN new.rid >= 0 BEGIN INSERT OR IGNORE INTO ckey" \
	"  VALUES (" n ", new." k ", new.rid >> " STORE_XSTR(STORE_DBITS) \
	"); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS ckey_d_" t " AFTER DELETE ON" \
	"  main." t " WHEN old.rid >= 0 BEGIN INSERT OR IGNORE INTO ckey" \
	"  VALUES (" n ", old." k ", old.rid >> " STORE_XSTR(STORE_DBITS) \
	"); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS ckey_u_" t " AFTER UPDATE OF rid" \
	"  ON main." t " BEGIN INSERT OR IGNORE INTO ckey SELECT " n ", new." \
	k ", new.rid >> " STORE_XSTR(STORE_DBITS) " WHERE new.rid >= 0;" \
	"  INSERT OR IGNORE INTO ckey SELECT " n ", old." k ", old.rid >> " \
	STORE_XSTR(STORE_DBITS) " WHERE old.rid >= 0; END;"

static const char counts_triggers[] =
	COUNTS_TRIGGERS("event") COUNTS_TRIGGERS("event_actor")
	COUNTS_TRIGGERS("event_tag")
	COUNTS_KEY_TRIGGERS("event_actor", "actor", "0")
	COUNTS_KEY_TRIGGERS("event_tag", "tag", "1");

static const char counts_untrigger[] =
	"DROP TRIGGER IF EXISTS temp.cday_i_event;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event;"
	"DROP TRIGGER IF EXISTS temp.cday_i_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_i_event_tag;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event_tag;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event_tag;"
	"DROP TRIGGER IF EXISTS temp.ckey_i_event_actor;"
	"DROP TRIGGER IF EXISTS temp.ckey_d_event_actor;"
	"DROP TRIGGER IF EXISTS temp.ckey_u_event_actor;"
	"DROP TRIGGER IF EXISTS temp.ckey_i_event_tag;"
	"DROP TRIGGER IF EXISTS temp.ckey_d_event_tag;"
	"DROP TRIGGER IF EXISTS temp.ckey_u_event_tag;";

/*
 * Everything counted: days from the index on event(date) (a date's day
 * number is its key's, STORE_KEY_BASE), actors and tags from their
 * indexes, whose order keeps each (key, day) group together.
 */
static const char counts_all[] =
	"DELETE FROM count_day; DELETE FROM count_actor;"
	"DELETE FROM count_tag; DELETE FROM count_link;"
	"INSERT INTO count_day(day, n) SELECT CAST(julianday(date) - 1721059.5"
	"  AS INT), count(*) FROM event INDEXED BY event_date GROUP BY date;"
	"INSERT INTO count_actor SELECT actor, rid >> " STORE_XSTR(STORE_DBITS)
	"  , count(*) FROM event_actor INDEXED BY event_actor_actor"
	"  GROUP BY 1, 2;"
	"INSERT INTO count_tag SELECT tag, rid >> " STORE_XSTR(STORE_DBITS)
	"  , count(*) FROM event_tag INDEXED BY event_tag_tag GROUP BY 1, 2;";

/* The days in temp.cday (the actors' and tags' days in temp.ckey)
 * counted again, each a range of keys. */
#define COUNTS_RANGE(c) "rid >= " c ".day << " STORE_XSTR(STORE_DBITS) \
	" AND rid < (" c ".day + 1) << " STORE_XSTR(STORE_DBITS)
/*
 * Rows go by their keys, each a seek: counts of actors and tags by the
 * pairs temp.ckey noted, blobs by day (an expression on count_link's key
 * made a pass over all of it: 0.09 s at 1M events).
 */
static const char counts_days[] =
	"DELETE FROM count_day WHERE day IN (SELECT day FROM temp.cday);"
	"DELETE FROM count_actor WHERE (actor, day) IN (SELECT key, day"
	"  FROM temp.ckey WHERE kind = 0);"
	"DELETE FROM count_tag WHERE (tag, day) IN (SELECT key, day"
	"  FROM temp.ckey WHERE kind = 1);"
	"DELETE FROM count_link WHERE id IN (SELECT day * 2 FROM temp.cday"
	"  UNION ALL SELECT day * 2 + 1 FROM temp.cday);"
	"INSERT INTO count_day(day, n) SELECT c.day, count(*) FROM temp.cday c"
	"  JOIN event ON " COUNTS_RANGE("c") " GROUP BY c.day;"
	"INSERT INTO count_actor SELECT k.key, k.day, count(*)"
	"  FROM temp.ckey k JOIN event_actor g ON g.actor = k.key"
	"  AND g." COUNTS_RANGE("k") " WHERE k.kind = 0 GROUP BY 1, 2;"
	"INSERT INTO count_tag SELECT k.key, k.day, count(*)"
	"  FROM temp.ckey k JOIN event_tag g ON g.tag = k.key"
	"  AND g." COUNTS_RANGE("k") " WHERE k.kind = 1 GROUP BY 1, 2;";

/*
 * SQL: the running sums of the days from day lo on, each day's the events
 * of the days before it, written where they moved.
 */
#define COUNTS_CUM(lo) "UPDATE count_day SET cum = c.cum FROM (SELECT day," \
	" coalesce((SELECT cum + n FROM count_day WHERE day < " lo \
	" ORDER BY day DESC LIMIT 1), 0) + sum(n) OVER (ORDER BY day ROWS" \
	" UNBOUNDED PRECEDING) - n AS cum FROM count_day WHERE day >= " lo \
	") c WHERE count_day.day = c.day AND count_day.cum <> c.cum;"

static const char counts_cum_all[] = COUNTS_CUM("-1");
static const char counts_cum_days[] =
	COUNTS_CUM("(SELECT min(day) FROM temp.cday)");

static int
counts_exec(sqlite3 *db, const char *sql, char **err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	*err = xasprintf("counting events: %s", sqlite3_errmsg(db));
	return -1;
}

/* A key's number in a build (counts_links): count_key's, cached. */
struct counts_num {
	char	*key;
	int64_t	 num;
};
struct counts_dict {
	sqlite3		*db;
	int		 kind;
	struct counts_num *v;	/* open addressing */
	size_t		 size, used;
	sqlite3_stmt	*add;
};

static uint32_t
counts_hash(const char *p)
{
	uint32_t	h = 2166136261u;

	while (*p != '\0')
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* The slot of key in d (empty if it is not there). */
static struct counts_num *
counts_slot(struct counts_dict *d, const char *key)
{
	size_t	i = counts_hash(key) & (d->size - 1);

	while (d->v[i].key != NULL && strcmp(d->v[i].key, key) != 0)
		i = (i + 1) & (d->size - 1);
	return &d->v[i];
}

static void
counts_put(struct counts_dict *d, const char *key, int64_t num)
{
	struct counts_num	*old, *e;
	size_t			 i, n;

	if (2 * (d->used + 1) > d->size) {
		old = d->v;
		n = d->size;
		d->size = n == 0 ? 1024 : n * 2;
		d->v = xcalloc(d->size, sizeof *d->v);
		for (i = 0; i < n; i++)
			if (old[i].key != NULL)
				*counts_slot(d, old[i].key) = old[i];
		free(old);
	}
	e = counts_slot(d, key);
	e->key = xstrdup(key);
	e->num = num;
	d->used++;
}

/* The number of key, given by count_key if it is new; -1 on failure. */
static int64_t
counts_num(struct counts_dict *d, const char *key)
{
	struct counts_num	*e;
	int64_t			 num;

	if (d->size > 0 && (e = counts_slot(d, key))->key != NULL)
		return e->num;
	sqlite3_bind_int(d->add, 1, d->kind);
	sqlite3_bind_text(d->add, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(d->add) != SQLITE_DONE) {
		sqlite3_reset(d->add);
		return -1;
	}
	sqlite3_reset(d->add);
	num = sqlite3_last_insert_rowid(d->db);
	counts_put(d, key, num);
	return num;
}

static void
counts_dict_free(struct counts_dict *d)
{
	size_t	i;

	for (i = 0; i < d->size; i++)
		free(d->v[i].key);
	free(d->v);
	sqlite3_finalize(d->add);
}

/* Appends v to b as an unsigned LEB128 varint. */
static void
counts_varint(struct buf *b, uint64_t v)
{
	while (v >= 0x80) {
		buf_addc(b, (char)(v & 0x7f) | (char)0x80);
		v >>= 7;
	}
	buf_addc(b, (char)v);
}

/* Writes the blob of day (kind) from b; b is reset. Returns 0 or -1. */
static int
counts_flush(sqlite3_stmt *ins, int kind, int64_t day, struct buf *b)
{
	int	rc;

	if (b->len == 0)
		return 0;
	sqlite3_bind_int64(ins, 1, day * 2 + kind);
	sqlite3_bind_blob(ins, 2, b->data, (int)b->len, SQLITE_STATIC);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	buf_reset(b);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Packs the links of kind (0 actors, 1 tags) of every day whose rid is
 * in [lo, hi) into count_link (the days' old blobs gone already).
 */
static int
counts_links_range(struct counts_dict *d, sqlite3_stmt *sel,
    sqlite3_stmt *ins, int64_t lo, int64_t hi, struct buf *b,
    struct buf *ev)
{
	int64_t	rid, last = -1, day = -1, num;
	int	rc, n = 0;

	sqlite3_bind_int64(sel, 1, lo);
	sqlite3_bind_int64(sel, 2, hi);
	for (;;) {
		rc = sqlite3_step(sel);
		rid = rc == SQLITE_ROW ? sqlite3_column_int64(sel, 0) : -1;
		if (rid != last && last >= 0) {
			/* The last event's record. */
			counts_varint(b, (uint64_t)last &
			    ((UINT64_C(1) << STORE_DBITS) - 1));
			counts_varint(b, (uint64_t)n);
			buf_add(b, ev->data, ev->len);
			buf_reset(ev);
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if ((rid >> STORE_DBITS) != day) {
			if (counts_flush(ins, d->kind, day, b) == -1)
				goto fail;
			day = rid >> STORE_DBITS;
		}
		last = rid;
		if ((num = counts_num(d, (const char *)
		    sqlite3_column_text(sel, 1))) == -1)
			goto fail;
		counts_varint(ev, (uint64_t)num);
		n++;
	}
	sqlite3_reset(sel);
	if (rc != SQLITE_DONE || counts_flush(ins, d->kind, day, b) == -1)
		return -1;
	return 0;
fail:
	sqlite3_reset(sel);
	return -1;
}

/* The blobs of kind: every day (all), else those of temp.cday. */
static int
counts_links(sqlite3 *db, int kind, int all)
{
	struct counts_dict	 d;
	struct buf		 b, ev;
	sqlite3_stmt		*sel = NULL, *ins = NULL, *st = NULL;
	int64_t			 day;
	int			 rc = -1;

	memset(&d, 0, sizeof d);
	d.db = db;
	d.kind = kind;
	buf_init(&b);
	buf_init(&ev);
	if (sqlite3_prepare_v2(db, "INSERT INTO count_key(kind, key) VALUES"
	    " (?1, ?2)", -1, &d.add, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, kind == 0 ? "SELECT rid, actor FROM"
	    " event_actor WHERE rid >= ?1 AND rid < ?2 ORDER BY rid, ord" :
	    "SELECT rid, tag FROM event_tag WHERE rid >= ?1 AND rid < ?2"
	    " ORDER BY rid, ord", -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO count_link(id, links) VALUES"
	    " (?1, ?2)", -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT key, num FROM count_key WHERE"
	    " kind = ?1", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int(st, 1, kind);
	while (sqlite3_step(st) == SQLITE_ROW)
		counts_put(&d, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	st = NULL;
	if (all) {
		rc = counts_links_range(&d, sel, ins, 0, INT64_MAX, &b, &ev);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT day FROM temp.cday ORDER BY day",
	    -1, &st, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		day = sqlite3_column_int64(st, 0);
		if (counts_links_range(&d, sel, ins, day << STORE_DBITS,
		    (day + 1) << STORE_DBITS, &b, &ev) == -1)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	counts_dict_free(&d);
	buf_free(&b);
	buf_free(&ev);
	return rc;
}

int
store_counts_begin(sqlite3 *db, int fresh, char **err)
{
	if (counts_exec(db, counts_untrigger, err) == -1 ||
	    counts_exec(db, counts_schema, err) == -1)
		return -1;
	/* A new store is counted whole at the end: no triggers. */
	return fresh ? 0 : counts_exec(db, counts_triggers, err);
}

int
store_counts_end(sqlite3 *db, int fresh, char **err)
{
	if (counts_exec(db, counts_untrigger, err) == -1 ||
	    counts_exec(db, fresh ? counts_all : counts_days, err) == -1 ||
	    counts_exec(db, fresh ? counts_cum_all : counts_cum_days, err) ==
	    -1)
		return -1;
	if (counts_links(db, 0, fresh) == -1 ||
	    counts_links(db, 1, fresh) == -1) {
		*err = xasprintf("counting events: %s", sqlite3_errmsg(db));
		return -1;
	}
	return counts_exec(db, "DELETE FROM temp.cday; DELETE FROM temp.ckey",
	    err);
}
