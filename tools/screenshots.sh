#!/bin/sh
# screenshots.sh: make screenshots. PNGs of the reader in the same real
# xterm as tests/screen/xterm.sh (Xvfb, DejaVu Sans Mono 10, black
# background, TERM=xterm-256color, 120x36) on the bundled content, into
# docs/: the timeline with an event open, a search with highlights, the
# actor list and the overview (see SHOTS in xterm.py).
# Regenerate them with the command; never edit them by hand.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DOSSIER=${DOSSIER:-$TOP/build/dossier}
TESTTMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-shots.XXXXXX")
trap 'rm -rf "$TESTTMP"' EXIT INT TERM
XDG_CACHE_HOME=$TESTTMP/cache
XDG_DATA_HOME=$TESTTMP/data
XDG_CONFIG_HOME=$TESTTMP/config
LC_ALL=C.UTF-8
export TOP DOSSIER TESTTMP XDG_CACHE_HOME XDG_DATA_HOME XDG_CONFIG_HOME LC_ALL
unset NO_COLOR DOSSIER_CONTENT DISPLAY WAYLAND_DISPLAY
mkdir -p "$XDG_CACHE_HOME" "$TOP/docs"
python3 "$TOP/tests/screen/xterm.py" shots "$TOP/docs"
