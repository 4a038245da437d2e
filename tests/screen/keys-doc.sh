#!/bin/sh
# keys-doc.sh: every key of the binding table (src/keys.c) is in the
# README's key list, between <!-- keys:begin --> and <!-- keys:end -->,
# written `like this`; and every mode of the table has its heading there.
# The help overlay is made from the same table, so the three agree.

: "${TOP:?TOP not set}"

table=$TOP/src/keys.c
readme=$TOP/README.md

# The list the README holds (it may be empty while the README is written).
section=$(sed -n '/<!-- keys:begin -->/,/<!-- keys:end -->/p' "$readme" 2>/dev/null)
if [ -z "$section" ]; then
	echo "FAIL keys-doc: README.md has no <!-- keys:begin --> ... <!-- keys:end --> section"
	exit 0
fi

# One binding a line: { "mode", KEYS_ACTION, "keys", "label" },
keys=$(sed -n 's/^[[:space:]]*{ "[a-z-]*", KEYS_[A-Z_]*, "\([^"]*\)".*/\1/p' "$table")
if [ -z "$keys" ]; then
	echo "FAIL keys-doc: no bindings found in src/keys.c (has its format changed?)"
	exit 0
fi

missing=
for k in $keys; do
	if ! printf '%s\n' "$section" | grep -F -q -e "\`$k\`"; then
		case " $missing " in
		*" $k "*) ;;
		*) missing="$missing $k" ;;
		esac
	fi
done
if [ -n "$missing" ]; then
	echo "FAIL keys-doc: keys missing from README.md's key list:$missing"
else
	echo "PASS keys-doc"
fi

# Each mode's section title, one mode a line: { "name", "title" },
titles=$(sed -n 's/^[[:space:]]*{ "[a-z-]*", "\([^"]\{1,\}\)" },$/\1/p' "$table")
nomode=
for t in $(printf '%s\n' "$titles" | sed 's/ .*//'); do
	if ! printf '%s\n' "$section" | grep -q "^#.* $t"; then
		nomode="$nomode $t"
	fi
done
if [ -n "$nomode" ]; then
	echo "FAIL keys-doc-modes: README.md's key list lacks the sections:$nomode"
else
	echo "PASS keys-doc-modes"
fi

# The whole list is what `dossier keys --markdown` makes of the table:
# regenerate it with that command after a change to the bindings.
if [ -x "${DOSSIER:-}" ]; then
	printf '%s\n' "$section" | sed '1d;$d' >"$TESTTMP/readme-keys.md"
	if ! "$DOSSIER" keys --markdown >"$TESTTMP/gen-keys.md" 2>&1; then
		echo "FAIL keys-doc-generated: dossier keys --markdown failed"
	elif ! cmp -s "$TESTTMP/gen-keys.md" "$TESTTMP/readme-keys.md"; then
		echo "FAIL keys-doc-generated: README.md's key list differs from 'dossier keys --markdown'"
	else
		echo "PASS keys-doc-generated"
	fi
fi
exit 0
