/*
 * watch.c: notices changes to a content directory (watch.h). On Linux an
 * inotify watch on every directory below it; elsewhere, or when inotify
 * cannot be had, a fingerprint of every content file's size and time,
 * taken once a second.
 *
 * Directories are watched rather than files: an editor that saves by
 * writing a new file and renaming it over the old one replaces the inode
 * a file watch would hold. Names that editors use for their own scratch
 * (dot files, "x~", vim's "4913") are not changes to the content.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "content.h"
#include "util.h"
#include "watch.h"

/* Directories watched at most: a corpus with more polls instead. */
#define WATCH_MAX_DIRS	4096

struct watch {
	char		*dir;
	int		 fd;		/* inotify, or -1 when polling */
	int		 ndirs;
	int64_t		 pending;	/* when the last change came (ms), or 0 */
	int64_t		 next_poll;	/* polling: when to look again (ms) */
	uint64_t	 print;		/* polling: the last fingerprint */
};

static int64_t
watch_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A hash of every content file's name, size and time; 0 for none. */
static uint64_t
watch_fingerprint(const char *dir)
{
	struct content_file	*files;
	struct diag_list	 d;
	uint64_t		 h = 14695981039346656037ULL;
	int			 n, i;
	size_t			 j;

	diag_init(&d);
	n = content_scan(dir, &files, &d);
	diag_free(&d);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)files[i].rel;
		int64_t	 v[2] = { (int64_t)files[i].size, files[i].mtime_ns };

		for (j = 0; p[j] != '\0'; j++)
			h = (h ^ p[j]) * 1099511628211ULL;
		for (j = 0; j < sizeof v; j++)
			h = (h ^ ((const unsigned char *)v)[j]) *
			    1099511628211ULL;
	}
	content_files_free(files, n);
	return h == 0 ? 1 : h;
}

/* 1 if a name in a watched directory is an editor's scratch, not content. */
static int
watch_scratch(const char *name)
{
	size_t	len = strlen(name), i;

	if (name[0] == '.' || len == 0 || name[len - 1] == '~')
		return 1;
	for (i = 0; i < len && name[i] >= '0' && name[i] <= '9'; i++)
		;
	return i == len;	/* vim's probe file, "4913" */
}

#ifdef __linux__
#define WATCH_EVENTS (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | \
	IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | \
	IN_MOVE_SELF | IN_ONLYDIR)

/* Watches path and every directory below it; -1 past WATCH_MAX_DIRS. */
static int
watch_add_tree(struct watch *w, const char *path, int depth)
{
	struct dirent	*de;
	DIR		*d;
	char		*sub;
	int		 rc = 0;

	if (depth > 64)
		return 0;	/* a loop of links: content_scan reports it */
	if (inotify_add_watch(w->fd, path, WATCH_EVENTS) < 0)
		return errno == ENOSPC ? -1 : 0;
	if (++w->ndirs > WATCH_MAX_DIRS)
		return -1;
	if ((d = opendir(path)) == NULL)
		return 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct stat	st;

		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc = watch_add_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
	return rc;
}

/* Starts inotify; returns 0, or -1 (nothing held) to poll instead. */
static int
watch_inotify(struct watch *w)
{
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return -1;
	if (watch_add_tree(w, w->dir, 0) == -1 || w->ndirs == 0) {
		close(w->fd);
		w->fd = -1;
		return -1;
	}
	return 0;
}

/*
 * Reads every queued event; returns 1 if one is a change to content. A
 * new directory is watched at once, with what may already be in it.
 */
static int
watch_read(struct watch *w)
{
	char		 buf[8192]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t		 n;
	int		 changed = 0;

	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		char	*p = buf;

		while (p < buf + n) {
			const struct inotify_event *ev = (void *)p;

			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW)
				changed = 1;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF))
				changed = 1;
			if (ev->len == 0 || watch_scratch(ev->name))
				continue;
			changed = 1;
			if ((ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				/* Watched again from the top: cheap, and
				 * the inotify watch of a known directory
				 * is only updated. */
				w->ndirs = 0;
				(void)watch_add_tree(w, w->dir, 0);
			}
		}
	}
	return changed;
}
#endif

struct watch *
watch_new(const char *dir)
{
	struct watch	*w = xcalloc(1, sizeof *w);
	const char	*how = getenv("DOSSIER_WATCH");

	w->dir = xstrdup(dir);
	w->fd = -1;
#ifdef __linux__
	if (how == NULL || strcmp(how, "poll") != 0)
		(void)watch_inotify(w);
#else
	(void)how;
#endif
	if (w->fd == -1) {
		w->print = watch_fingerprint(dir);
		w->next_poll = watch_now() + WATCH_POLL_MS;
	}
	return w;
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->fd != -1)
		close(w->fd);
	free(w->dir);
	free(w);
}

const char *
watch_method(const struct watch *w)
{
	return w->fd != -1 ? "inotify" : "poll";
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

int
watch_timeout(const struct watch *w)
{
	int64_t	now = watch_now(), t = -1;

	if (w->pending != 0)
		t = w->pending + WATCH_SETTLE_MS - now;
	else if (w->fd == -1)
		t = w->next_poll - now;
	if (t == -1)
		return -1;
	return t < 0 ? 0 : (int)t;
}

int
watch_check(struct watch *w)
{
	int64_t		now = watch_now();
	uint64_t	print;

#ifdef __linux__
	if (w->fd != -1 && watch_read(w))
		w->pending = now;
#endif
	if (w->fd == -1 && now >= w->next_poll) {
		w->next_poll = now + WATCH_POLL_MS;
		if ((print = watch_fingerprint(w->dir)) != w->print) {
			w->print = print;
			w->pending = now;
		}
	}
	if (w->pending != 0 && now - w->pending >= WATCH_SETTLE_MS) {
		w->pending = 0;
		return 1;
	}
	return 0;
}
