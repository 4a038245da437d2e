/*
 * util.h: allocation wrappers that never return NULL, and a growable string
 * buffer. On allocation failure the registered fatal hook (the reader's
 * terminal restore) runs before the process exits.
 */
#ifndef DOSSIER_UTIL_H
#define DOSSIER_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __GNUC__
#define UTIL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UTIL_NORETURN __attribute__((noreturn))
#else
#define UTIL_PRINTF(f, a)
#define UTIL_NORETURN
#endif

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; caller frees. */
char	*xasprintf(const char *, ...) UTIL_PRINTF(1, 2);
char	*xvasprintf(const char *, va_list) UTIL_PRINTF(1, 0);

/* Called before exiting on a fatal error, e.g. to restore the terminal. */
void	 util_set_fatal_hook(void (*)(void));
/* Prints "dossier: MESSAGE" to stderr, runs the hook and exits 1. */
void	 fatal(const char *, ...) UTIL_PRINTF(1, 2) UTIL_NORETURN;

/*
 * Reads the whole of path into a newly allocated buffer, NUL-terminated at
 * (*len) (caller frees). Returns NULL with errno set on failure: EFBIG if
 * the file holds more than max bytes (0: no limit).
 */
char	*util_read_file(const char *path, size_t max, size_t *len);

/* A growable NUL-terminated byte string. */
struct buf {
	char	*data;		/* always NUL-terminated once anything is added */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...) UTIL_PRINTF(2, 3);
/* Returns the contents (never NULL) and leaves the buffer empty; caller frees. */
char	*buf_detach(struct buf *);
/* Returns the contents as a C string, valid until the next change. */
const char *buf_str(struct buf *);

#endif
