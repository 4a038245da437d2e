/*
 * store-pos.c: an event's position in the whole timeline (1 for the
 * first), worked out when asked for instead of kept in every event row.
 *
 * Design note: keys (rid) follow the timeline, so a position is a count
 * of keys. count_day keeps, for each day with events, how many it has (n)
 * and how many come before it (cum, store-counts.c); the index on
 * event(date), whose entries end with rid, orders a day's events by key.
 * So the position of event rid is its day's cum plus the events of that
 * day up to rid, and the event at position p is the one p - cum into the
 * day whose cum < p <= cum + n: each a seek or two and a walk over one
 * day's index entries. An update that adds or removes an event rewrites
 * the cum of the days after it (a few thousand narrow rows), where a
 * number in each row moved every later event. Callers that walk many
 * events in order count from a first position (start + row number), or
 * go on from the last one (store_pos_next), not a lookup per row.
 */
#include <stdint.h>

#include "store.h"
#include "store-int.h"

/* SQL: the date (YYYY-MM-DD) of day number d, as in keys (store-int.h). */
#define POS_DATE(d) "date((" d ") + 1721059.5)"

/* The events of day ?1 with keys in (?2, ?3], through the date index. */
static int64_t
pos_count(struct store *s, int64_t day, int64_t lo, int64_t hi)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	st = store_stmt(s, "SELECT count(*) FROM event INDEXED BY event_date"
	    " WHERE date = " POS_DATE("?1") " AND rid > ?2 AND rid <= ?3");
	sqlite3_bind_int64(st, 1, day);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* The events on days before day. */
static int64_t
pos_before_day(struct store *s, int64_t day)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	st = store_stmt(s, "SELECT cum + n FROM count_day WHERE day < ?1"
	    " ORDER BY day DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, day);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int64_t
store_pos_total(struct store *s)
{
	return pos_before_day(s, INT64_MAX);
}

int64_t
store_pos_of(struct store *s, int64_t rid)
{
	int64_t	day = rid >> STORE_DBITS;

	return pos_before_day(s, day) + pos_count(s, day,
	    (day << STORE_DBITS) - 1, rid);
}

int64_t
store_pos_next(struct store *s, struct store_pos_walk *w, int64_t rid)
{
	int64_t	day = rid >> STORE_DBITS;

	/* On from the last one if it was earlier the same day. */
	if (w->pos > 0 && rid == w->rid)
		return w->pos;
	if (w->pos > 0 && rid > w->rid && (w->rid >> STORE_DBITS) == day)
		w->pos += pos_count(s, day, w->rid, rid);
	else
		w->pos = store_pos_of(s, rid);
	w->rid = rid;
	return w->pos;
}

int64_t
store_pos_key(struct store *s, int64_t pos)
{
	sqlite3_stmt	*st;
	int64_t		 day = 0, off = -1, rid = -1;

	if (pos < 1)
		return -1;
	st = store_stmt(s, "SELECT day, ?1 - cum - 1 FROM count_day"
	    " WHERE cum < ?1 AND cum + n >= ?1 ORDER BY cum DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, pos);
	if (sqlite3_step(st) == SQLITE_ROW) {
		day = sqlite3_column_int64(st, 0);
		off = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (off < 0)
		return -1;
	st = store_stmt(s, "SELECT rid FROM event INDEXED BY event_date"
	    " WHERE date = " POS_DATE("?1") " ORDER BY rid LIMIT 1 OFFSET ?2");
	sqlite3_bind_int64(st, 1, day);
	sqlite3_bind_int64(st, 2, off);
	if (sqlite3_step(st) == SQLITE_ROW)
		rid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rid;
}

int64_t
store_pos_before(struct store *s, const char *date, int on)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	/* The first date past it that has events: those before it count. */
	st = store_stmt(s, on ? "SELECT c.cum FROM count_day c WHERE c.day ="
	    " (SELECT CAST(julianday(date) - 1721059.5 AS INT) FROM event"
	    " WHERE date > ?1 ORDER BY date LIMIT 1)" : "SELECT c.cum FROM"
	    " count_day c WHERE c.day = (SELECT CAST(julianday(date) -"
	    " 1721059.5 AS INT) FROM event WHERE date >= ?1 ORDER BY date"
	    " LIMIT 1)");
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n >= 0 ? n : store_pos_total(s);
}
