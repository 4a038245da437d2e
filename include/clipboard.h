/*
 * clipboard.h: copying text to the system clipboard from a terminal
 * program: an OSC 52 sequence to the terminal (which tmux passes on with
 * set-clipboard on), and the first clipboard tool that works when a
 * display is there (wl-copy, xclip, xsel, pbcopy). No curses here.
 */
#ifndef DOSSIER_CLIPBOARD_H
#define DOSSIER_CLIPBOARD_H

#include <stddef.h>

/*
 * The OSC 52 sequence that sets the clipboard to text (base64,
 * BEL-terminated); returns a new string, caller frees.
 */
char	*clipboard_osc52(const char *text);

/*
 * Copies text: writes the OSC 52 sequence to the terminal fd (if fd >= 0)
 * and gives text to the first of wl-copy (with WAYLAND_DISPLAY), xclip
 * -selection clipboard, xsel -b (with DISPLAY) and pbcopy (on macOS)
 * that exits 0; the tools run without a terminal, their output thrown
 * away. Returns a new string saying how ("OSC 52", "OSC 52 and xclip"),
 * or NULL if nothing took it; caller frees.
 */
char	*clipboard_copy(const char *text, int fd);

#endif
