/*
 * ui-cite.h: what leaves the reader: the view exported to a file (x), an
 * excerpt's citation or the whole event copied (y, Y), a source opened in
 * the browser (O). The main screen's actions call these.
 */
#ifndef DOSSIER_UI_CITE_H
#define DOSSIER_UI_CITE_H

struct ui;
struct ui_detail;

/* x: asks for a file name, prefilled dossier-YYYYMMDD-HHMM.md. */
void	ui_cite_export(struct ui *);
/* y (whole 0) and Y (whole 1): copies to the clipboard. */
void	ui_cite_copy(struct ui *, struct ui_detail *, int whole);
/* O: opens the excerpt's source URL, else the event's first URL. */
void	ui_cite_open(struct ui *, struct ui_detail *);

#endif
