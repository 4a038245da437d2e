#!/bin/sh
# hostile.sh: content full of terminal escapes (ESC, CSI, OSC 0/8/52, C0,
# C1, DEL, bidi overrides) written by the command line to a terminal: the
# raw bytes that reach the pseudo-terminal must hold none of them, except
# the SGR sequences dossier itself writes to highlight search matches. ZWJ
# and ZWNJ are text and must pass through.
set -u

if ! command -v script >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP hostile: needs script(1) and python3"
	exit 0
fi
H=$TOP/tests/data/hostile

# check NAME ARGS...: runs dossier ARGS on a pseudo-terminal, checks bytes.
check() {
	name=$1
	shift
	script -qec "$DOSSIER -C $H $*" /dev/null >"$TESTTMP/$name.raw" 2>&1
	python3 - "$TESTTMP/$name.raw" "$name" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
name = sys.argv[2]
# dossier's own highlight: SGR bold/colour on and off, nothing else.
ours = re.compile(rb'\x1b\[(1|1;33|22|22;39)m')
rest = ours.sub(b'', data)
bad = []
if b'\x1b' in rest: bad.append('ESC')
if b'\x07' in rest: bad.append('BEL')
if b'\x7f' in rest: bad.append('DEL')
if re.search(rb'\xc2[\x80-\x9f]', rest): bad.append('C1')
if re.search(rb'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', rest): bad.append('bidi')
if re.search(rb'[\x00-\x06\x08\x0b\x0c\x0e-\x1f]', rest.replace(b'\r\n', b'\n')): bad.append('C0')
if b'PWNED' in rest and b'^[]0;PWNED' not in rest: bad.append('title not shown escaped')
if bad:
    print('FAIL hostile-%s: raw %s reached the terminal' % (name, ', '.join(bad)))
else:
    print('PASS hostile-%s' % name)
PY
}

check show show hostile-title
check list list
check search-title search pwned
check search-clip search clipboard
check actors actors

# Legitimate zero-width characters pass through untouched.
script -qec "$DOSSIER -C $H show zwj-family" /dev/null >"$TESTTMP/zwj.raw" 2>&1
if grep -q "$(printf '\342\200\215')" "$TESTTMP/zwj.raw" &&
    grep -q "$(printf '\342\200\214')" "$TESTTMP/zwj.raw"; then
	echo "PASS hostile-zwj-zwnj-pass-through"
else
	echo "FAIL hostile-zwj-zwnj-pass-through: ZWJ or ZWNJ missing"
fi

# Piped output is the content itself, byte for byte (escaping is for terminals).
"$DOSSIER" -C "$H" show hostile-title --json >"$TESTTMP/json" 2>&1
if grep -q 'u001b' "$TESTTMP/json" && ! grep -q "$(printf '\033')" "$TESTTMP/json"; then
	echo "PASS hostile-json-escapes-controls"
else
	echo "FAIL hostile-json-escapes-controls: raw ESC in JSON or no \\u001b"
fi
