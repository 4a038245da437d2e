/*
 * watch.h: notices when a content directory changes, by any program:
 * inotify on every directory below it on Linux (so that an editor that
 * writes a new file and renames it over the old one is caught), else a
 * stat of every content file once a second. A burst of writes settles
 * into one change. DOSSIER_WATCH=poll forces the stat poll (tests).
 *
 * The watch never reads or writes content; it only says "look again".
 */
#ifndef DOSSIER_WATCH_H
#define DOSSIER_WATCH_H

struct watch;

/* How long a burst of changes must be quiet before it counts (ms). */
#define WATCH_SETTLE_MS		150
/* How often the poll fallback looks (ms). */
#define WATCH_POLL_MS		1000

/*
 * Starts watching dir and every directory below it. Never fails: where
 * inotify cannot be had, it polls. Caller frees with watch_free.
 */
struct watch	*watch_new(const char *dir);
void		 watch_free(struct watch *);

/* "inotify" or "poll". */
const char	*watch_method(const struct watch *);

/*
 * The descriptor to wait on for readability (poll(2) or ncurses'
 * timeout), or -1 when the watch polls: then call watch_check within
 * watch_timeout's milliseconds anyway.
 */
int		 watch_fd(const struct watch *);

/*
 * Milliseconds until watch_check has something to decide (a burst to
 * settle, a poll to make), or -1 when only the descriptor can wake it.
 */
int		 watch_timeout(const struct watch *);

/*
 * Takes in what happened since the last call, without blocking. Returns
 * 1 once a change has settled (and forgets it), else 0.
 */
int		 watch_check(struct watch *);

#endif
