/*
 * store-counts.c: the counts of events by day, and by day and actor or tag,
 * that the build keeps so that `stats` and the overview of the whole
 * corpus read a few thousand rows instead of every event.
 *
 * A new store counts everything once, from the indexes, at the end of its
 * build. An update counts again only the days it touched: temporary
 * triggers on the event table and its links note the day (the high bits of
 * rid, store-int.h) of every row inserted, deleted or moved, whatever part
 * of the build does it, and the end of the build counts those days again.
 */
#include <stddef.h>

#include "store.h"
#include "store-int.h"
#include "util.h"

/* The tables, made by the first build of a store. */
static const char counts_schema[] =
	"CREATE TABLE IF NOT EXISTS count_day(day INTEGER PRIMARY KEY,"
	"  n INT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS count_actor(actor TEXT NOT NULL,"
	"  day INT NOT NULL, n INT NOT NULL, PRIMARY KEY(actor, day))"
	"  WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS count_tag(tag TEXT NOT NULL,"
	"  day INT NOT NULL, n INT NOT NULL, PRIMARY KEY(tag, day))"
	"  WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS cday(day INTEGER PRIMARY KEY);"
	"DELETE FROM temp.cday;";

/* SQL: a trigger noting the days of table t's rows as they change. */
#define COUNTS_TRIGGERS(t) \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_i_" t " AFTER INSERT ON" \
	"  main." t " WHEN new.rid >= 0 BEGIN INSERT OR IGNORE INTO" \
	"  temp.cday VALUES (new.rid >> " STORE_XSTR(STORE_DBITS) "); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_d_" t " AFTER DELETE ON" \
	"  main." t " WHEN old.rid >= 0 BEGIN INSERT OR IGNORE INTO" \
	"  temp.cday VALUES (old.rid >> " STORE_XSTR(STORE_DBITS) "); END;" \
	"CREATE TEMP TRIGGER IF NOT EXISTS cday_u_" t " AFTER UPDATE OF rid" \
	"  ON main." t " BEGIN INSERT OR IGNORE INTO temp.cday SELECT" \
	"  new.rid >> " STORE_XSTR(STORE_DBITS) " WHERE new.rid >= 0;" \
	"  INSERT OR IGNORE INTO temp.cday SELECT old.rid >> " \
	STORE_XSTR(STORE_DBITS) " WHERE old.rid >= 0; END;"

static const char counts_triggers[] =
	COUNTS_TRIGGERS("event") COUNTS_TRIGGERS("event_actor")
	COUNTS_TRIGGERS("event_tag");

static const char counts_untrigger[] =
	"DROP TRIGGER IF EXISTS temp.cday_i_event;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event;"
	"DROP TRIGGER IF EXISTS temp.cday_i_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event_actor;"
	"DROP TRIGGER IF EXISTS temp.cday_i_event_tag;"
	"DROP TRIGGER IF EXISTS temp.cday_d_event_tag;"
	"DROP TRIGGER IF EXISTS temp.cday_u_event_tag;";

/*
 * Everything counted: days from the index on event(date) (a date's day
 * number is its key's, STORE_KEY_BASE), actors and tags from their
 * indexes, whose order keeps each (key, day) group together.
 */
static const char counts_all[] =
	"DELETE FROM count_day; DELETE FROM count_actor;"
	"DELETE FROM count_tag;"
	"INSERT INTO count_day SELECT CAST(julianday(date) - 1721059.5 AS INT),"
	"  count(*) FROM event INDEXED BY event_date GROUP BY date;"
	"INSERT INTO count_actor SELECT actor, rid >> " STORE_XSTR(STORE_DBITS)
	"  , count(*) FROM event_actor INDEXED BY event_actor_actor"
	"  GROUP BY 1, 2;"
	"INSERT INTO count_tag SELECT tag, rid >> " STORE_XSTR(STORE_DBITS)
	"  , count(*) FROM event_tag INDEXED BY event_tag_tag GROUP BY 1, 2;";

/* The days in temp.cday counted again, each a range of keys. */
#define COUNTS_RANGE(c) "rid >= " c ".day << " STORE_XSTR(STORE_DBITS) \
	" AND rid < (" c ".day + 1) << " STORE_XSTR(STORE_DBITS)
static const char counts_days[] =
	"DELETE FROM count_day WHERE day IN (SELECT day FROM temp.cday);"
	"DELETE FROM count_actor WHERE day IN (SELECT day FROM temp.cday);"
	"DELETE FROM count_tag WHERE day IN (SELECT day FROM temp.cday);"
	"INSERT INTO count_day SELECT c.day, count(*) FROM temp.cday c"
	"  JOIN event ON " COUNTS_RANGE("c") " GROUP BY c.day;"
	"INSERT INTO count_actor SELECT g.actor, c.day, count(*)"
	"  FROM temp.cday c JOIN event_actor g ON g." COUNTS_RANGE("c")
	"  GROUP BY 1, 2;"
	"INSERT INTO count_tag SELECT g.tag, c.day, count(*)"
	"  FROM temp.cday c JOIN event_tag g ON g." COUNTS_RANGE("c")
	"  GROUP BY 1, 2;"
	"DELETE FROM temp.cday;";

static int
counts_exec(sqlite3 *db, const char *sql, char **err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	*err = xasprintf("counting events: %s", sqlite3_errmsg(db));
	return -1;
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
	if (counts_exec(db, counts_untrigger, err) == -1)
		return -1;
	return counts_exec(db, fresh ? counts_all : counts_days, err);
}
