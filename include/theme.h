/*
 * theme.h: colour themes loaded from YAML (themes/README.md describes the
 * format). A theme is a style for each screen element; this module knows
 * nothing of curses: the UI maps colours and attributes onto the terminal.
 */
#ifndef DOSSIER_THEME_H
#define DOSSIER_THEME_H

#include "diag.h"

/* Screen elements, one style each. Keep theme.c's name table in step. */
enum theme_elem {
	THEME_NORMAL,		/* "normal": default text and background */
	THEME_TOPLINE,		/* "topline" */
	THEME_STATUS,		/* "status" */
	THEME_MESSAGE,		/* "message": status-line messages */
	THEME_ERROR,		/* "error": status-line errors */
	THEME_BORDER,		/* "border" */
	THEME_TL_DAY,		/* "timeline.day" */
	THEME_TL_TIME,		/* "timeline.time" */
	THEME_TL_TITLE,		/* "timeline.title" */
	THEME_TL_ACTORS,	/* "timeline.actors" */
	THEME_TL_APPROX,	/* "timeline.approximate" */
	THEME_TL_SELECTED,	/* "timeline.selected" */
	THEME_DT_TITLE,		/* "detail.title" */
	THEME_DT_DATE,		/* "detail.date" */
	THEME_DT_LABEL,		/* "detail.label" */
	THEME_DT_ACTOR,		/* "detail.actor" */
	THEME_DT_TAG,		/* "detail.tag" */
	THEME_DT_SUMMARY,	/* "detail.summary" */
	THEME_EX_SOURCE,	/* "excerpt.source" */
	THEME_EX_QUOTE,		/* "excerpt.quote" */
	THEME_EX_NOTE,		/* "excerpt.note" */
	THEME_ACTOR_CURRENT,	/* "actor.current" */
	THEME_SEARCH_MATCH,	/* "search.match" */
	THEME_PROMPT,		/* "prompt" */
	THEME_HELP,		/* "help" */
	THEME_HELP_KEY,		/* "help.key" */
	THEME_ESCAPE,		/* "escape": escaped control characters */
	THEME_NELEMS
};

/* Attribute bits, independent of curses. */
#define THEME_BOLD	0x01
#define THEME_DIM	0x02
#define THEME_UNDERLINE	0x04
#define THEME_REVERSE	0x08
#define THEME_ITALIC	0x10
#define THEME_BLINK	0x20

/* A colour: the terminal default, a palette index, or an RGB value. */
enum theme_color_kind {
	THEME_COLOR_DEFAULT,
	THEME_COLOR_INDEX,	/* 0..255; 0..15 are the 16 named colours */
	THEME_COLOR_RGB
};

struct theme_color {
	enum theme_color_kind	kind;
	int			value;	/* index, or 0xRRGGBB */
};

struct theme_style {
	struct theme_color	fg;
	struct theme_color	bg;
	int			attrs;	/* THEME_* bits */
};

/* The terminal background a theme's colours are for ("background:"). */
enum theme_background {
	THEME_BG_DARK,		/* the default */
	THEME_BG_LIGHT
};

struct theme {
	char			*name;	/* from the file's "name:" */
	char			*path;	/* file it came from, NULL if built in */
	int			 monochrome;	/* attributes only */
	enum theme_background	 background;
	struct theme_style	 style[THEME_NELEMS];
};

/* Returns the element's key in theme files ("timeline.day"). */
const char	*theme_elem_name(enum theme_elem);

/* Returns the element whose key is name ("timeline.day"), or -1 if none. */
int		 theme_elem_find(const char *name);

/*
 * Loads a theme file. Elements the file does not set fall back to the
 * built-in default's styles. Returns a new theme (free with theme_free), or
 * NULL with every problem added to diags as FILE:LINE:COL.
 */
struct theme	*theme_load(const char *path, struct diag_list *diags);

/*
 * Loads a theme from len bytes at data (the fuzz target's way in); file names
 * it in diagnostics and becomes the theme's path. Otherwise as theme_load.
 */
struct theme	*theme_load_buffer(const char *file, const char *data,
		     size_t len, struct diag_list *diags);

/* Returns a new copy of the built-in dark default or monochrome theme. */
struct theme	*theme_builtin(int monochrome);

void		 theme_free(struct theme *);

/*
 * Returns the style to draw an element with on a terminal showing ncolors
 * colours (pass 0 for none: a monochrome terminal, NO_COLOR, --no-color).
 * Without colours a colour theme gives way to the element's monochrome
 * fallback (the built-in monochrome style), so every element stays
 * distinguishable by attributes alone. Valid until theme_free.
 */
const struct theme_style *theme_style(const struct theme *, enum theme_elem,
		     int ncolors);

/*
 * Parses a colour: a name of the 16 ("red", "brightred", "default"...),
 * 0..255, or "#rrggbb". Returns 0, or -1 if it is none of these.
 */
int		 theme_parse_color(const char *, struct theme_color *);

/*
 * Maps a colour onto a terminal with ncolors colours (8, 16, 88 or 256):
 * returns the nearest palette index, or -1 for the default colour.
 */
int		 theme_color_index(const struct theme_color *, int ncolors);

/*
 * Lists theme files (*.yaml) in dir, sorted by name. Returns the count and a
 * newly allocated array of newly allocated paths; caller frees both
 * (theme_list_free).
 */
size_t		 theme_list(const char *dir, char ***paths);
void		 theme_list_free(char **, size_t);

/*
 * Lists the names of the themes in dir (file names without ".yaml"), sorted
 * as theme_list. Free with theme_list_free.
 */
size_t		 theme_list_names(const char *dir, char ***names);

/*
 * Returns the names of dir's themes as "default, light, mono", newly
 * allocated (caller frees); "none" if there are none.
 */
char		*theme_list_text(const char *dir);

/*
 * Returns the file a theme given as NAME or FILE is read from, newly
 * allocated (caller frees): a name with a '/' or ending in ".yaml" is a
 * file as it is; otherwise dir/NAME.yaml (NAME itself if dir is NULL).
 */
char		*theme_list_path(const char *dir, const char *name);

/*
 * Returns NULL if the theme NAME or FILE is there to be read, else a newly
 * allocated one-line reason (caller frees): "no theme 'x' (did you mean
 * 'y'? themes: a, b)".
 */
char		*theme_list_missing(const char *dir, const char *name);

/*
 * Returns 1 if the theme can be drawn on a terminal with background bg:
 * it is for that background, or monochrome (attributes fit any).
 */
int		 theme_fits(const struct theme *, enum theme_background bg);

/*
 * Lists the theme files of dir that load without errors and fit bg (for t
 * to offer only themes that will be readable), sorted as theme_list.
 * Returns the count and sets *paths; free with theme_list_free.
 */
size_t		 theme_list_fitting(const char *dir, enum theme_background bg,
		     char ***paths);

#endif
