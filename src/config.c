/*
 * config.c: the user's config.yaml, read with the shared YAML reader (every
 * problem as FILE:LINE:COL, the rest kept), and its theme line rewritten in
 * place, atomically, when the reader keeps a theme chosen with t.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "replace.h"
#include "suggest.h"
#include "yaml-reader.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* bytes in config.yaml */
#define CONFIG_MAX_DEPTH	16		/* nested collections; 3 used */
#define CONFIG_MAX_VALUE	1000		/* bytes in one value */

static const char *const config_top_keys[] = { "theme", "hyperlinks", "keys" };
#define CONFIG_NTOP (sizeof config_top_keys / sizeof config_top_keys[0])

static const struct yaml_reader_opts config_yaml_opts = {
	"the config", CONFIG_MAX_DEPTH, NULL
};

/* The loader's state: the reader, the result and where keys were. */
struct config_parser {
	struct yaml_reader	 r;
	struct config		*c;
	int			 line[CONFIG_NTOP];	/* of each top key */
	int			 cap;			/* of c->bindings */
};

char *
config_default_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home;

	/* The XDG spec: a relative XDG_CONFIG_HOME is to be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/dossier/config.yaml", xdg);
	if ((home = getenv("HOME")) != NULL && home[0] != '\0')
		return xasprintf("%s/.config/dossier/config.yaml", home);
	return NULL;
}

void
config_free(struct config *c)
{
	int	i;

	for (i = 0; i < c->nbindings; i++) {
		free(c->bindings[i].mode);
		free(c->bindings[i].action);
		free(c->bindings[i].keys);
	}
	free(c->bindings);
	free(c->path);
	free(c->theme);
	memset(c, 0, sizeof *c);
	c->hyperlinks = -1;
}

/* Reports an error about the current event (held: see yaml-reader.h). */
static void UTIL_PRINTF(3, 4)
config_error(struct config_parser *p, const yaml_mark_t *m, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	yaml_reader_vdiag(&p->r, DIAG_ERROR, m, fmt, ap);
	va_end(ap);
}

/*
 * Returns 1 if the current node is a usable string value (a scalar, not
 * empty, short, without control characters); otherwise reports what it is,
 * naming the value as what, skips it and returns 0.
 */
static int
config_string(struct config_parser *p, const char *what, const char *example)
{
	const yaml_event_t	*ev = &p->r.ev;
	const unsigned char	*s = ev->data.scalar.value;
	size_t			 len, i;

	if (ev->type != YAML_SCALAR_EVENT) {
		if (ev->type != YAML_ALIAS_EVENT)
			config_error(p, &ev->start_mark, "%s must be a string "
			    "such as %s, not %s", what, example,
			    yaml_reader_kind(ev));
		yaml_reader_skip(&p->r);
		return 0;
	}
	len = ev->data.scalar.length;
	if (yaml_reader_is_null(ev) || len == 0) {
		config_error(p, &ev->start_mark, "%s has no value (write one "
		    "such as %s)", what, example);
		return 0;
	}
	if (len > CONFIG_MAX_VALUE) {
		config_error(p, &ev->start_mark, "%s is longer than %d bytes",
		    what, CONFIG_MAX_VALUE);
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f) {
			config_error(p, &ev->start_mark, "%s contains control "
			    "characters", what);
			return 0;
		}
	}
	return 1;
}

/* Reports a key given twice and skips its value; returns 1 if it was. */
static int
config_duplicate(struct config_parser *p, const struct yaml_reader_key *k,
    int first)
{
	char	*show;

	if (first == 0)
		return 0;
	show = yaml_reader_show(k->s, k->len);
	config_error(p, &k->mark, "'%s' is given twice (first on line %d)",
	    show, first);
	free(show);
	yaml_reader_skip(&p->r);
	return 1;
}

/* Adds one binding, copying the current scalar as its keys. */
static void
config_add_binding(struct config_parser *p, const char *mode,
    const struct yaml_reader_key *action)
{
	struct config		*c = p->c;
	struct config_binding	*b;

	if (c->nbindings == p->cap) {
		p->cap = p->cap == 0 ? 16 : p->cap * 2;
		c->bindings = xreallocarray(c->bindings, (size_t)p->cap,
		    sizeof *c->bindings);
	}
	b = &c->bindings[c->nbindings++];
	b->mode = xstrdup(mode);
	b->action = xstrdup(action->s);
	b->keys = xstrndup((const char *)p->r.ev.data.scalar.value,
	    p->r.ev.data.scalar.length);
	b->line = (int)action->mark.line + 1;
	b->col = (int)action->mark.column + 1;
	b->kline = (int)p->r.ev.start_mark.line + 1;
	b->kcol = (int)p->r.ev.start_mark.column + 1;
}

/* Returns the line of mode's binding of action, or 0 if there is none. */
static int
config_bound(const struct config *c, const char *mode, const char *action)
{
	int	i;

	for (i = 0; i < c->nbindings; i++) {
		if (strcmp(c->bindings[i].mode, mode) == 0 &&
		    strcmp(c->bindings[i].action, action) == 0)
			return c->bindings[i].line;
	}
	return 0;
}

/* Reads one mode's bindings: a mapping of action names to keys. */
static void
config_parse_mode(struct config_parser *p, const struct yaml_reader_key *mode)
{
	struct yaml_reader_key	 k;
	char			*what, *show;
	int			 first;

	if (yaml_reader_is_null(&p->r.ev))
		return;		/* "main:" and nothing: no change */
	if (p->r.ev.type != YAML_MAPPING_START_EVENT) {
		show = yaml_reader_show(mode->s, mode->len);
		if (p->r.ev.type != YAML_ALIAS_EVENT)
			config_error(p, &p->r.ev.start_mark, "the keys of "
			    "mode '%s' must be a mapping of actions to keys, "
			    "such as { next: \"j Down\" }, not %s", show,
			    yaml_reader_kind(&p->r.ev));
		free(show);
		yaml_reader_skip(&p->r);
		return;
	}
	while (yaml_reader_next_key(&p->r, &k)) {
		show = yaml_reader_show(k.s, k.len);
		what = xasprintf("the keys of '%s'", show);
		free(show);
		first = config_bound(p->c, mode->s, k.s);
		if (!config_duplicate(p, &k, first) &&
		    config_string(p, what, "\"j Down\""))
			config_add_binding(p, mode->s, &k);
		free(what);
		free(k.s);
	}
}

/* Reads keys: a mapping of mode names to their bindings. */
static void
config_parse_keys(struct config_parser *p)
{
	struct yaml_reader_key	 k;

	if (yaml_reader_is_null(&p->r.ev))
		return;
	if (p->r.ev.type != YAML_MAPPING_START_EVENT) {
		if (p->r.ev.type != YAML_ALIAS_EVENT)
			config_error(p, &p->r.ev.start_mark, "'keys' must be "
			    "a mapping of modes, such as main: { next: "
			    "\"j Down\" }, not %s", yaml_reader_kind(&p->r.ev));
		yaml_reader_skip(&p->r);
		return;
	}
	while (yaml_reader_next_key(&p->r, &k)) {
		config_parse_mode(p, &k);
		free(k.s);
	}
}

/* Reports a value that is not a boolean, and skips it. */
static void
config_bad_bool(struct config_parser *p, const char *key)
{
	const yaml_event_t	*ev = &p->r.ev;
	char			*show;

	if (ev->type == YAML_SCALAR_EVENT && !yaml_reader_is_null(ev)) {
		show = yaml_reader_show((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		config_error(p, &ev->start_mark, "'%s' must be true or false, "
		    "not '%s'", key, show);
		free(show);
	} else if (ev->type != YAML_ALIAS_EVENT)
		config_error(p, &ev->start_mark, "'%s' must be true or false, "
		    "not %s", key, yaml_reader_kind(ev));
	yaml_reader_skip(&p->r);
}

/* Reads the top-level mapping; an unknown key is an error. */
static void
config_parse_top(struct config_parser *p)
{
	struct yaml_reader_key	 k;
	const char		*suggest;
	char			*show;
	size_t			 i;
	int			 b;

	while (yaml_reader_next_key(&p->r, &k)) {
		for (i = 0; i < CONFIG_NTOP; i++) {
			if (strcmp(k.s, config_top_keys[i]) == 0 &&
			    strlen(config_top_keys[i]) == k.len)
				break;
		}
		if (i == CONFIG_NTOP) {
			show = yaml_reader_show(k.s, k.len);
			suggest = suggest_word(k.s, k.len, config_top_keys,
			    CONFIG_NTOP);
			if (suggest != NULL)
				config_error(p, &k.mark, "unknown key '%s' "
				    "(did you mean '%s'?)", show, suggest);
			else
				config_error(p, &k.mark, "unknown key '%s' "
				    "(expected theme, hyperlinks or keys)",
				    show);
			free(show);
			yaml_reader_skip(&p->r);
		} else if (!config_duplicate(p, &k, p->line[i])) {
			p->line[i] = (int)k.mark.line + 1;
			if (i == 0 && config_string(p, "'theme'",
			    "solarized-dark")) {
				free(p->c->theme);
				p->c->theme = xstrndup(
				    (const char *)p->r.ev.data.scalar.value,
				    p->r.ev.data.scalar.length);
				p->c->theme_line =
				    (int)p->r.ev.start_mark.line + 1;
				p->c->theme_col =
				    (int)p->r.ev.start_mark.column + 1;
			} else if (i == 1) {
				if ((b = yaml_reader_bool(&p->r.ev)) != -1)
					p->c->hyperlinks = b;
				else
					config_bad_bool(p, "hyperlinks");
			} else if (i == 2)
				config_parse_keys(p);
		}
		free(k.s);
	}
}

/* Reads the stream: at most one document, whose root is a mapping. */
static void
config_parse(struct config_parser *p)
{
	/* The stream's start, then the document's (or the stream's end). */
	if (yaml_reader_next(&p->r) == -1 || yaml_reader_next(&p->r) == -1 ||
	    p->r.ev.type == YAML_STREAM_END_EVENT)
		return;
	if (yaml_reader_next(&p->r) == -1)
		return;
	if (yaml_reader_is_null(&p->r.ev))
		;	/* only comments: nothing set */
	else if (p->r.ev.type != YAML_MAPPING_START_EVENT) {
		if (p->r.ev.type != YAML_ALIAS_EVENT)
			config_error(p, &p->r.ev.start_mark, "the config "
			    "must be a mapping of theme, hyperlinks and keys, "
			    "not %s", yaml_reader_kind(&p->r.ev));
		yaml_reader_skip(&p->r);
	} else
		config_parse_top(p);
	/* The document's end, then what follows it. */
	if (yaml_reader_next(&p->r) == -1 || yaml_reader_next(&p->r) == -1)
		return;
	if (p->r.ev.type == YAML_DOCUMENT_START_EVENT)
		config_error(p, &p->r.ev.start_mark, "a config file holds one "
		    "YAML document (remove this second one)");
}

/* Parses len bytes of data as the config at path into c (zeroed first). */
static void
config_load_data(const char *path, const char *data, size_t len,
    struct config *c, struct diag_list *diags)
{
	struct config_parser	 p;

	memset(c, 0, sizeof *c);
	c->hyperlinks = -1;
	c->path = xstrdup(path);
	memset(&p, 0, sizeof p);
	p.c = c;
	if (yaml_reader_open(&p.r, path, data, len, &config_yaml_opts,
	    diags) == 0)
		config_parse(&p);
	yaml_reader_close(&p.r);
}

int
config_load(const char *path, struct config *c, struct diag_list *diags)
{
	struct stat		 sb;
	char			*data;
	size_t			 len, before = diags->errors;

	memset(c, 0, sizeof *c);
	c->hyperlinks = -1;
	if (path == NULL)
		return 0;
	/* One stat: none is no config; other failures are read's to say. */
	if (stat(path, &sb) == -1) {
		if (errno == ENOENT)
			return 0;
	} else if (S_ISDIR(sb.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the "
		    "config: it is a directory");
		return -1;
	}
	if ((data = util_read_file(path, CONFIG_MAX_SIZE, &len)) == NULL) {
		if (errno == EFBIG)
			diag_add(diags, DIAG_ERROR, path, 0, 0, "the config is "
			    "larger than 1 MiB");
		else
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read "
			    "the config: %s", strerror(errno));
		return -1;
	}
	config_load_data(path, data, len, c, diags);
	free(data);
	return diags->errors > before || diags->truncated ? -1 : 0;
}

/*
 * Returns the theme name as YAML, newly allocated: plain when that reads
 * back as the same string, else double-quoted. NULL for a name that has
 * control characters or is empty.
 */
static char *
config_yaml_value(const char *name)
{
	static const char	 safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/+-";
	struct buf		 b;
	const char		*s;

	if (*name == '\0')
		return NULL;
	for (s = name; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return NULL;
	}
	/* "-x" or "." would not be plain strings; "null" not a string. */
	if (strspn(name, safe) == strlen(name) && name[0] != '-' &&
	    name[0] != '.' && strcmp(name, "null") != 0 &&
	    strcmp(name, "true") != 0 && strcmp(name, "false") != 0 &&
	    strspn(name, "0123456789.+-") != strlen(name))
		return xstrdup(name);
	buf_init(&b);
	buf_addc(&b, '"');
	for (s = name; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '"');
	return buf_detach(&b);
}

/*
 * The byte offset of a mark in the reader's input. libyaml's index counts
 * characters, not bytes; and its lines break at a lone CR as well as at
 * LF, so the index, not the line and column, finds the byte.
 */
static size_t
config_offset(const struct yaml_reader *r, const yaml_mark_t *m)
{
	size_t	i, chars = 0;

	for (i = 0; i < r->len; i++) {
		if (((unsigned char)r->data[i] & 0xc0) == 0x80)
			continue;
		if (chars++ == m->index)
			return i;
	}
	return r->len;
}

/*
 * The column where the mapping entry of the key at m starts: the key's
 * own, or that of the '?' before it on its line ("?  key", an explicit
 * key: a fuzzer's find).
 */
static int
config_entry_column(const struct yaml_reader *r, const yaml_mark_t *m)
{
	size_t	at = config_offset(r, m), i = at;

	while (i > 0 && (r->data[i - 1] == ' ' || r->data[i - 1] == '\t'))
		i--;
	if (i > 0 && r->data[i - 1] == '?' && (i == 1 ||
	    r->data[i - 2] == '\n' || r->data[i - 2] == '\r' ||
	    r->data[i - 2] == ' ') && m->column >= at - i + 1)
		return (int)(m->column - (at - i + 1));
	return (int)m->column;
}

/*
 * Where the theme's value is in data (a config file's bytes): sets *start
 * and *end to the byte range of the value (equal for "theme:" with none)
 * and returns 1; returns 0 if the file has no theme key (*start is then
 * where to add a line), or -1 with *err set if the file cannot be edited
 * safely (a YAML error, a root that is not a block mapping).
 */
static int
config_find_theme(const char *path, const char *data, size_t len,
    size_t *start, size_t *end, int *indent, char **err)
{
	struct yaml_reader	 r;
	struct yaml_reader_key	 k;
	struct diag_list	 dl;
	const struct diag	*d;
	int			 rc = 0;

	diag_init(&dl);
	*start = *end = len;
	if (yaml_reader_open(&r, path, data, len, &config_yaml_opts, &dl) ==
	    0 && yaml_reader_next(&r) == 0 && yaml_reader_next(&r) == 0 &&
	    r.ev.type == YAML_DOCUMENT_START_EVENT &&
	    yaml_reader_next(&r) == 0 && (!yaml_reader_is_null(&r.ev) ||
	    r.ev.data.scalar.length > 0)) {
		/* An explicit null root ("null", "~") takes no key after it. */
		if (r.ev.type != YAML_MAPPING_START_EVENT ||
		    r.ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE) {
			*err = xasprintf("%s: the config is not a mapping of "
			    "one key a line: the theme is not saved", path);
			rc = -1;
		}
		while (rc != -1 && yaml_reader_next_key(&r, &k)) {
			/* A key added goes where the others start. */
			*indent = config_entry_column(&r, &k.mark);
			if (strcmp(k.s, "theme") == 0 && k.len == 5 &&
			    rc == 0) {
				*start = config_offset(&r, &r.ev.start_mark);
				*end = config_offset(&r, &r.ev.end_mark);
				rc = 1;
			}
			free(k.s);
			yaml_reader_skip(&r);
		}
	}
	/* Read to the end: a file with a YAML error is not edited. */
	while (yaml_reader_next(&r) == 0 && r.ev.type != YAML_STREAM_END_EVENT)
		;
	/* A block scalar's value runs to its last line break: keep that. */
	while (rc == 1 && *end > *start && (r.data[*end - 1] == '\n' ||
	    r.data[*end - 1] == '\r' || r.data[*end - 1] == ' '))
		(*end)--;
	/* The BOM the reader dropped shifts every index by three. */
	if (rc == 1 && len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		*start += 3;
		*end += 3;
	}
	yaml_reader_close(&r);
	if (rc != -1 && dl.errors > 0) {
		d = &dl.v[0];
		*err = xasprintf("%s:%d:%d: error: %s (the theme is not saved)",
		    d->file, d->line, d->col, d->msg);
		rc = -1;
	}
	diag_free(&dl);
	return rc;
}

/* Makes the directories above path, as mkdir -p, each 0700. */
static int
config_mkdirs(const char *path)
{
	char	*dir, *s;

	dir = xstrdup(path);
	for (s = strchr(dir + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*s = '/';
	}
	free(dir);
	return 0;
}

/* Writes len bytes over path, whole or not at all (replace.h). */
static int
config_replace(const char *path, const char *data, size_t len, mode_t mode,
    char **err)
{
	struct replace	 r;
	FILE		*f;

	if ((f = replace_open(&r, path, (int)mode, err)) == NULL)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		replace_abort(&r);
		return -1;
	}
	return replace_commit(&r, err);
}

/* Whether a and b hold the same settings but for the theme. */
static int
config_same_but_theme(const struct config *a, const struct config *b)
{
	const struct config_binding	*x, *y;
	int				 i;

	if (a->hyperlinks != b->hyperlinks || a->nbindings != b->nbindings)
		return 0;
	for (i = 0; i < a->nbindings; i++) {
		x = &a->bindings[i];
		y = &b->bindings[i];
		if (strcmp(x->mode, y->mode) != 0 ||
		    strcmp(x->action, y->action) != 0 ||
		    strcmp(x->keys, y->keys) != 0)
			return 0;
	}
	return 1;
}

/*
 * Whether new (the edited file) reads back as old did, with theme as its
 * theme and no error that old did not have: the edit is only ever made
 * in a layout config_find_theme understands, and this proves it was.
 */
static int
config_edit_ok(const char *path, const char *old, size_t oldlen,
    const char *new, size_t newlen, const char *theme)
{
	struct diag_list	 d1, d2;
	struct config		 c1, c2;
	int			 ok;

	diag_init(&d1);
	diag_init(&d2);
	config_load_data(path, old, oldlen, &c1, &d1);
	config_load_data(path, new, newlen, &c2, &d2);
	ok = d2.errors <= d1.errors && !d2.truncated && c2.theme != NULL &&
	    strcmp(c2.theme, theme) == 0 && config_same_but_theme(&c1, &c2);
	config_free(&c1);
	config_free(&c2);
	diag_free(&d1);
	diag_free(&d2);
	return ok;
}

int
config_save_theme(const char *path, const char *theme, char **err)
{
	struct buf	 b;
	struct stat	 sb;
	char		*data = NULL, *value, real[PATH_MAX];
	const char	*target = path;
	size_t		 len = 0, start, end;
	mode_t		 mode = 0644;
	int		 rc, indent = 0;

	*err = NULL;
	if ((value = config_yaml_value(theme)) == NULL) {
		*err = xasprintf("cannot save the theme name '%s'", theme);
		return -1;
	}
	/* A config that links elsewhere (dotfiles) is edited where it is. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    realpath(path, real) != NULL)
		target = real;
	if (stat(target, &sb) == 0)
		mode = sb.st_mode & 07777;
	if ((data = util_read_file(target, CONFIG_MAX_SIZE, &len)) == NULL) {
		if (errno != ENOENT) {
			*err = xasprintf("%s: %s", target, strerror(errno));
			free(value);
			return -1;
		}
		len = 0;
	}
	rc = config_find_theme(target, data != NULL ? data : "", len, &start,
	    &end, &indent, err);
	if (rc == -1) {
		free(data);
		free(value);
		return -1;
	}
	buf_init(&b);
	if (rc == 1) {
		/* Only the value changes: comments and the rest stay. */
		buf_add(&b, data, start);
		if (start == 0 || data[start - 1] == ':')
			buf_addc(&b, ' ');
		buf_adds(&b, value);
		buf_add(&b, data + end, len - end);
	} else {
		if (len > 0)
			buf_add(&b, data, len);
		if (len > 0 && data[len - 1] != '\n')
			buf_addc(&b, '\n');
		buf_addf(&b, "%*stheme: %s\n", indent, "", value);
	}
	rc = 0;
	if (!config_edit_ok(target, data != NULL ? data : "", len, b.data,
	    b.len, theme)) {
		*err = xasprintf("%s: the config is not laid out as this edit "
		    "expects: the theme is not saved", target);
		rc = -1;
	} else if (config_mkdirs(target) == -1) {
		*err = xasprintf("%s: %s", target, strerror(errno));
		rc = -1;
	} else
		rc = config_replace(target, b.data, b.len, mode, err);
	buf_free(&b);
	free(data);
	free(value);
	return rc;
}
