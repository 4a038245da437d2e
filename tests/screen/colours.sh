#!/bin/sh
# colours.sh: the grey elements (pane separator, correction notes, the ~ of
# approximate dates) stay readable at every colour depth (issue 11, item
# 4). Read from tmux's copy of the screen with capture-pane -e: on 8
# colours (TERM=xterm) they are the default foreground, dimmed, never black
# on the default background; on 16 and 256 colours they are bright black.

. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP colours: python3 is not installed"
	exit 0
fi

note="The count is the president"
sep=$(printf '\342\224\202')

# start TERM: the fixture at 120x40 under TERM, the putin-bushehr event
# selected by the search "Bushehr" (third hit: its excerpt has a note, and
# bushehr-staff-stay shows a ~ above it).
start() {
	rm -f "$TESTTMP/status"
	screen_new
	tmx new-session -d -s t -x 120 -y 40 \
	    "env TERM=$1 LC_ALL=C.UTF-8 '$DOSSIER' -C '$SCREEN_FIX' \
	    --db '$SCREEN_DB' 2>'$TESTTMP/stderr'; echo \$? >'$TESTTMP/status'; \
	    sleep 600"
	screen_wait " 15 events" || return 1
	keys /
	type_text "Bushehr"
	keys Enter
	screen_wait "3 matching events" || return 1
	keys n n
	screen_wait "$note"
}

# attrs TEXT: the colours and attributes of TEXT's first character.
attrs() {
	tmx capture-pane -e -p -t t | python3 "$TOP/tests/screen/cells.py" "$1" |
	    cut -f 2
}

for term in xterm xterm-16color xterm-256color; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		echo "SKIP colours-$term: no terminfo entry for $term"
		continue
	fi
	if ! start "$term"; then
		fail "colours-$term" "the reader did not show the note"
		continue
	fi
	case $term in
	xterm) want="fg=default bg=default bold=0 dim=1" ;;
	*) want="fg=8 bg=default bold=0 dim=0" ;;
	esac
	for what in note sep approx; do
		case $what in
		note) got=$(attrs "$note") ;;
		sep) got=$(attrs "$sep") ;;
		approx) got=$(attrs "~ Russian staff") ;;
		esac
		case $got in
		"$want"*) pass "colours-$term-$what" ;;
		*) fail "colours-$term-$what" "drawn as '$got', not '$want'" ;;
		esac
	done
	keys q
	exit_wait >/dev/null
done
exit 0
