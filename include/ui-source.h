/*
 * ui-source.h: what opens the source mode (src/ui-source.c), a source's
 * text with its quoted passages: ui_mode_push(ui, &ui_source_mode, &args).
 */
#ifndef DOSSIER_UI_SOURCE_H
#define DOSSIER_UI_SOURCE_H

struct ui_source_args {
	const char	*source;	/* the source id */
	const char	*event;		/* the excerpt's event id, or NULL */
	int		 line;		/* and its line: its passage is selected */
};

#endif
