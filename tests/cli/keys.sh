#!/bin/sh
# keys.sh: `dossier keys` prints every binding of the table as mode,
# action and keys separated by tabs, reads no content (it works with a
# content directory that does not exist), and refuses unknown options.
#
# Run by tests/run.sh, which sets DOSSIER, TOP and TESTTMP.

: "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

out=$TESTTMP/keys.out
if ! "$DOSSIER" -C "$TESTTMP/no-such-content" keys >"$out" 2>"$TESTTMP/keys.err"; then
	echo "FAIL keys-list: exit status $? ($(head -1 "$TESTTMP/keys.err"))"
elif ! grep -q "$(printf '^main\tnext\tj Down$')" "$out" ||
    ! grep -q "$(printf '^help\tclose\tEsc q ?$')" "$out" ||
    ! grep -q "$(printf '^prompt\thistory-previous\tUp Ctrl-p$')" "$out"; then
	echo "FAIL keys-list: expected bindings missing: $(head -3 "$out" | tr '\t\n' ' ;')"
elif awk -F '\t' 'NF != 3 || $3 == "" { bad = 1 } END { exit !bad }' "$out"; then
	echo "FAIL keys-list: a line is not MODE<TAB>ACTION<TAB>KEYS"
elif [ "$(cut -f1,2 "$out" | sort | uniq -d)" != "" ]; then
	echo "FAIL keys-list: an action listed twice in one mode"
else
	echo "PASS keys-list"
fi

"$DOSSIER" keys --bogus >/dev/null 2>"$TESTTMP/keys.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "bogus" "$TESTTMP/keys.err"; then
	echo "PASS keys-bad-option"
else
	echo "FAIL keys-bad-option: exit $rc, stderr: $(head -1 "$TESTTMP/keys.err")"
fi
