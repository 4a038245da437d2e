/*
 * store-build-update.c: what an update of the store does that a full
 * build does not (store-build.c calls it): setting apart the events a
 * changed file still holds as they were, removing the others, and moving
 * actors' counts of events by what went and came. Each function returns
 * 0, or -1 with *err set if it was NULL (the caller frees).
 *
 * No event row holds its place in the timeline (store-pos.c works it out
 * from count_day), so an event added or removed moves no other row: what
 * an update writes is the rows of the events that changed, their links
 * and index rows, and the narrow counts of the days after them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

/* The connection and where its first error goes. */
struct upd {
	sqlite3	 *db;
	char	**err;
};

static int
build_exec(struct upd *b, const char *sql, const char *what)
{
	return store_build_exec(b->db, b->err, sql, what);
}

static int
build_run(struct upd *b, const char *sql, const int64_t *v, int n)
{
	return store_build_run(b->db, b->err, sql, v, n);
}

static int64_t
build_int(struct upd *b, const char *sql)
{
	return store_build_int(b->db, b->err, sql);
}

/* FNV-1a, 64 bits, over n bytes of p, going on from h. */
static uint64_t
build_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 1099511628211u;
	}
	return h;
}

/* A string (or NULL) into the hash, led by its length: no two lists of
 * strings hash alike by their bytes alone. */
static uint64_t
build_fnv_str(uint64_t h, const char *v)
{
	uint64_t	n = v != NULL ? strlen(v) : UINT64_MAX;

	h = build_fnv(h, &n, sizeof n);
	return v != NULL ? build_fnv(h, v, n) : h;
}

static uint64_t
build_fnv_int(uint64_t h, int64_t v)
{
	return build_fnv(h, &v, sizeof v);
}

/*
 * Binds, at i and i + 1, a hash of what the store keeps of event e but
 * its id and place (its date and text, actors, tags and excerpts), and a
 * hash of its places (the event's and its excerpts'): an update keeps an
 * old event whose hash and columns are the same (store_update_match).
 */
void
store_update_hash(sqlite3_stmt *st, int i, const struct content_event *e)
{
	uint64_t	h = 14695981039346656037u, p = h;
	int		k;

	h = build_fnv_str(h, e->date);
	h = build_fnv_str(h, e->time);
	h = build_fnv_int(h, e->approximate);
	h = build_fnv_str(h, e->title);
	h = build_fnv_str(h, e->summary);
	h = build_fnv_int(h, e->actors.n);
	for (k = 0; k < e->actors.n; k++)
		h = build_fnv_str(h, e->actors.v[k]);
	h = build_fnv_int(h, e->tags.n);
	for (k = 0; k < e->tags.n; k++)
		h = build_fnv_str(h, e->tags.v[k]);
	h = build_fnv_int(h, e->nexcerpts);
	p = build_fnv_int(p, e->pos.line);
	p = build_fnv_int(p, e->pos.col);
	for (k = 0; k < e->nexcerpts; k++) {
		h = build_fnv_str(h, e->excerpts[k].source);
		h = build_fnv_str(h, e->excerpts[k].quote);
		h = build_fnv_str(h, e->excerpts[k].note);
		p = build_fnv_int(p, e->excerpts[k].pos.line);
		p = build_fnv_int(p, e->excerpts[k].pos.col);
	}
	sqlite3_bind_int64(st, i, (int64_t)h);
	sqlite3_bind_int64(st, i + 1, (int64_t)p);
}

/*
 * Removes the actors, sources and corpus section of changed and vanished
 * files, remembering their ids (references to them are checked later).
 * Their events stay until store_update_diff has seen which of them the files
 * still hold as they were; until then they are in gone_event, and the
 * checks pass over them.
 */
int
store_update_remove(sqlite3 *db, char **err)
{
	struct upd	 u = { db, err }, *b = &u;

	static const char sql[] =
	    "INSERT OR IGNORE INTO chg_actor SELECT id FROM actor"
	    "  WHERE fid IN (SELECT fid FROM chg);"
	    "INSERT OR IGNORE INTO gone_source SELECT id FROM source"
	    "  WHERE fid IN (SELECT fid FROM chg);"
	    "INSERT INTO gone_event SELECT rid FROM event"
	    "  WHERE fid IN (SELECT fid FROM chg);"
	    "DELETE FROM alias WHERE aid IN (SELECT aid FROM actor"
	    "  WHERE fid IN (SELECT fid FROM chg));"
	    "DELETE FROM actor WHERE fid IN (SELECT fid FROM chg);"
	    "DELETE FROM source WHERE fid IN (SELECT fid FROM chg);"
	    "DELETE FROM corpus WHERE fid IN (SELECT fid FROM chg);";

	return build_exec(b, sql, "updating the store");
}

/*
 * Sets apart (in same) the staged events that an old event of a changed
 * file holds already, the same in all that is stored but their place in
 * the files: the usual edit changes one event of a month's file, a
 * comment none. Those keep their rows, keys, numbers and index rows
 * (store_update_diff). Their date and text are compared, their actors,
 * tags and excerpts by the hash the sink made of all (store_update_hash),
 * their places by another. Only reads the store.
 */
int
store_update_match(sqlite3 *db, char **err)
{
	struct upd	 u = { db, err }, *b = &u;
	static const char sql[] =
	    "INSERT INTO same SELECT e.rin, o.rid, NOT (o.fid IS e.fid AND"
	    "  o.place = e.place)"
	    "  FROM ev_in e JOIN event o ON o.id = e.id"
	    "  WHERE o.rid IN (SELECT rid FROM gone_event) AND o.hash = e.hash"
	    "  AND o.date = e.date AND o.time IS e.time"
	    "  AND o.approximate = e.approximate AND o.title = e.title"
	    "  AND o.summary IS e.summary;";
	int64_t	n;

	if ((n = build_int(b, "SELECT EXISTS (SELECT 1 FROM gone_event)")) !=
	    1)
		return n == -1 ? -1 : 0;
	return build_exec(b, sql, "updating the store");
}

/*
 * Writes the new places of the events store_update_match set apart, and removes
 * the other old events of changed files, as the build once removed
 * them all. Returns 0 or -1.
 */
int
store_update_diff(sqlite3 *db, int64_t *dev, int64_t *dex, char **err)
{
	struct upd	 u = { db, err }, *b = &u;
	static const char same[] =
	    "UPDATE event SET fid = e.fid, line = e.line, col = e.col,"
	    "  place = e.place"
	    "  FROM same s JOIN ev_in e ON e.rin = s.rin"
	    "  WHERE s.pos AND event.rid = s.rid;"
	    "UPDATE excerpt SET fid = e.fid, line = x.line, col = x.col"
	    "  FROM same s JOIN ev_in e ON e.rin = s.rin"
	    "  JOIN ex_in x ON x.rin = s.rin"
	    "  WHERE s.pos AND excerpt.rid = s.rid AND excerpt.ord = x.ord;"
	    "DELETE FROM gone_event WHERE rid IN (SELECT rid FROM same);";
	static const char gone[] =
	    /* Actors' numbers of events: what goes, counted (build_refresh). */
	    "INSERT INTO adelta SELECT actor, -count(*) FROM event_actor"
	    "  WHERE rid IN (SELECT rid FROM gone_event) GROUP BY actor;"
	    "INSERT OR IGNORE INTO tday SELECT " STORE_DAY_OF("rid")
	    "  FROM gone_event;"
	    "DELETE FROM fts WHERE rowid IN (SELECT rid FROM gone_event"
	    "  UNION ALL SELECT xid FROM excerpt"
	    "  WHERE rid IN (SELECT rid FROM gone_event));"
	    "DELETE FROM event_actor WHERE rid IN (SELECT rid FROM gone_event);"
	    "DELETE FROM event_tag WHERE rid IN (SELECT rid FROM gone_event);"
	    "DELETE FROM excerpt WHERE rid IN (SELECT rid FROM gone_event);"
	    "DELETE FROM event WHERE rid IN (SELECT rid FROM gone_event);";
	int64_t		 n;

	if ((n = build_int(b, "SELECT count(*) FROM gone_event")) == -1)
		return -1;
	/* Nothing old to set apart: a full build, or new files only. */
	if (n == 0)
		return 0;
	if (build_exec(b, same, "updating the store") == -1)
		return -1;
	if ((n = build_int(b, "SELECT count(*) FROM gone_event")) == -1 ||
	    (*dex = build_int(b, "SELECT count(*) FROM excerpt"
	    " WHERE rid IN (SELECT rid FROM gone_event)")) == -1)
		return -1;
	*dev = -n;
	*dex = -*dex;
	return build_exec(b, gone, "updating the store");
}

/*
 * Counts actors' events: all of them in a full build, and for the actors
 * the files read defined (new rows); else the count of the others moves
 * by the links of the events that went and came (adelta).
 */
int
store_update_nevents(sqlite3 *db, int all, int64_t aid0, char **err)
{
	struct upd	 u = { db, err }, *b = &u;
#define BUILD_NEVENTS "UPDATE actor SET nevents =" \
	" (SELECT count(*) FROM event_actor WHERE actor = actor.id)"

	if (all)
		return build_exec(b, BUILD_NEVENTS, "indexing");
	if (build_exec(b, "INSERT INTO adelta SELECT actor, count(*) FROM"
	    " event_actor WHERE rid IN (SELECT rid FROM emap) GROUP BY actor",
	    "indexing") == -1 ||
	    build_run(b, "UPDATE actor SET nevents = nevents + (SELECT sum(n)"
	    " FROM adelta WHERE adelta.actor = actor.id) WHERE aid <= ?1 AND"
	    " id IN (SELECT actor FROM adelta)", &aid0, 1) == -1)
		return -1;
	return build_run(b, BUILD_NEVENTS " WHERE aid > ?1", &aid0, 1);
}
