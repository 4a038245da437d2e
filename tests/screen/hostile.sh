#!/bin/sh
# hostile.sh: the reader on content full of terminal escapes (ESC, CSI,
# OSC 0/8/52, C0, C1, DEL, bidi overrides). The raw bytes the reader writes
# to its pseudo-terminal are checked: curses' own sequences are fine, but
# no OSC, BEL, DEL, C1 or bidi control from the content may get through,
# and the content's escapes must be visible in their escaped form.
set -u

if ! command -v script >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP reader-hostile: needs script(1) and python3"
	exit 0
fi
H=$TOP/tests/data/hostile
raw=$TESTTMP/reader.raw

# Keys, slowly: move, open the detail, search, open the actor list, quit.
{
	sleep 1.5
	for k in j k '	' j '	' / p w n e d "$(printf '\r')" o a m a l \
	    "$(printf '\033')" A "$(printf '\033')" G g; do
		printf '%s' "$k"
		sleep 0.15
	done
	sleep 0.5
	printf 'q'
	sleep 0.5
} | LINES=40 COLUMNS=120 TERM=xterm-256color \
    script -qfec "$DOSSIER -C $H --db $TESTTMP/h.db" "$raw" >/dev/null 2>&1
status=$?

python3 - "$raw" "$status" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
status = sys.argv[2]
bad = []
if b'\x1b]' in data: bad.append('an OSC sequence')
if b'\x07' in data: bad.append('BEL')
if b'\x7f' in data: bad.append('DEL')
if re.search(rb'\xc2[\x80-\x9f]', data): bad.append('a C1 control')
if re.search(rb'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', data): bad.append('a bidi control')
# Escapes are drawn in their own style: look past curses' SGR and charset.
plain = re.sub(rb'\x1b\[[0-9;]*m|\x1b\(B', b'', data)
shown = [s for s in (b'^[]0;PWNED', b'<U+202E>', b'^?', b'^[[2J') if s not in plain]
if status != '0':
    print('FAIL reader-hostile: exit status %s' % status)
elif bad:
    print('FAIL reader-hostile: raw %s reached the terminal' % ', '.join(bad))
elif shown:
    print('FAIL reader-hostile: not shown escaped: %s' % b', '.join(shown).decode())
else:
    print('PASS reader-hostile (%d bytes checked)' % len(data))
PY
