/*
 * cli-int.h: what the command line's files share (cli.c parses and runs
 * the commands; cli-notes.c holds those on the user's own notes).
 */
#ifndef DOSSIER_CLI_INT_H
#define DOSSIER_CLI_INT_H

#include "config.h"
#include "store.h"
#include "util.h"

struct notes_view;

/* What the global options set. */
struct cli {
	char		*content;
	const char	*db;
	const char	*theme;
	const char	*config_path;	/* --config FILE, or NULL */
	struct config	 config;	/* what config.yaml says */
	const char	*notes;		/* --notes FILE, or NULL: the default */
	int		 no_color;
	int		 check_theme;	/* --check-theme */
	int		 no_hyperlinks;	/* --no-hyperlinks */
	int		 tty;		/* stdout is a terminal */
	int		 sgr;		/* ...that shows attributes */
	int		 refused;	/* the store's file was not ours: exit 2 */
	int		 argc;		/* the command's own arguments */
	char		**argv;
	int		 need_notes;	/* a failure to read them is fatal */
	struct notes_view *view;	/* --view NAME, owned (cli-notes.c) */
	const char	*view_name;	/* --view NAME before any command */
	char		*notes_path;	/* what the reader was given, owned */
	char		*corpus;
};

/*
 * The option parser of the commands: each option has a name and whether it
 * takes a value; values land in vals[] in table order, flags as "1".
 * Returns 0, or the exit status of a usage error (reported).
 */
struct cli_opt {
	const char	*name;
	int		 arg;
};
int	cli_opts(struct cli *, const struct cli_opt *opts, int nopts,
	    const char **vals, const char **pos, int npos, const char *cmd);

/* A usage error: one line with a hint; returns exit status 2. */
int	cli_bad(const char *, ...) UTIL_PRINTF(1, 2);
/* Writes content text, escaped on a terminal; flat: newlines as spaces. */
void	cli_put(struct cli *, const char *s, int flat);
/*
 * Opens the store and attaches the notes (cli_notes_attach); NULL (the
 * reason reported) on failure.
 */
struct store *cli_open(struct cli *, int flags, int progress);
/* 0 if v is NULL or a date, else 2 with a message. */
int	cli_date_arg(const char *opt, const char *v);

/* cli-notes.c: the commands on the user's notes, for cli.c's table. */
int	cli_mark(struct cli *);
int	cli_unmark(struct cli *);
int	cli_note(struct cli *);
int	cli_notes(struct cli *);
int	cli_view(struct cli *);
#define CLI_NOTES_CMDS \
	{ "mark", cli_mark, "mark ID...", "mark events" }, \
	{ "unmark", cli_unmark, "unmark ID...", "remove marks" }, \
	{ "note", cli_note, "note ID TEXT", \
	  "set an event's note ('-': read it from stdin; '': remove it)" }, \
	{ "notes", cli_notes, "notes [--json] [--orphans] | notes export | " \
	  "notes import FILE", "list, export or merge your marks and notes" }, \
	{ "view", cli_view, "view save NAME [--actor ID]... [--tag TAG] " \
	  "[--from DATE] [--to DATE] [--query Q] [--marked] | view list " \
	  "[--json] | view rm NAME", "saved views" },
/*
 * Attaches the notes.db to a newly opened store. Returns 0; -1 (reported)
 * if they cannot be read and c->need_notes is set, else a warning.
 */
int	cli_notes_attach(struct cli *, struct store *);
/*
 * Applies --view NAME (view, or NULL) and --marked (marked) to f: the
 * view's tag, dates, query and marked-only fill what the options left
 * unset; its actors stay in c->view for the caller to resolve. Strings
 * stay valid until cli_notes_free. Returns 0, or an exit status
 * (reported).
 */
int	cli_notes_filter(struct cli *, struct store_filter *f,
	    const char *view, int marked);
/* show --marked: 0 if event id is marked, else 1 (reported). */
int	cli_notes_require_mark(struct cli *, struct store *, const char *id);
void	cli_notes_free(struct cli *);
/*
 * Fills the reader's options on the notes (their file, the corpus, the
 * view to open on); with o NULL, frees what it filled.
 */
struct ui_options;
void	cli_notes_reader(struct cli *, struct ui_options *o);

#endif
