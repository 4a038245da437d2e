#!/bin/sh
# xterm.sh: the reader in a real xterm (Xvfb, DejaVu Sans Mono 10, black
# background) at TERM=xterm and TERM=xterm-256color, measured from the
# screenshot's pixels: the header, the status line, the selected row, a
# link, a search match and a correction note reach 4.5:1 against what is
# behind them, and the pane separator 3:1 (issue 18). tests/screen/xterm.py
# does the work.
set -u
for tool in Xvfb xterm import python3 tmux; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP xterm: $tool is not installed (sh .ci/deps test)"
		exit 0
	fi
done
python3 "$TOP/tests/screen/xterm.py" check
