# lib.sh: helpers for the screen tests, sourced by tests/screen/*.sh.
#
# Each test drives the real binary ($DOSSIER) in a private tmux server of
# fixed size on the fixture corpus tests/data/screen, sends keys, and reads
# the screen with capture-pane. Waiting is always polling (every 0.05 s, up
# to a timeout), never a blind sleep. The binary's exit status is written to
# $TESTTMP/status by the pane's command once it ends.
#
# Run by tests/run.sh, which sets DOSSIER, TOP, TESTTMP and XDG_CACHE_HOME.

: "${TOP:?TOP not set}" "${DOSSIER:?DOSSIER not set}" "${TESTTMP:?TESTTMP not set}"

SCREEN_N=0
# Waits poll every 0.05 s up to a limit (5 s unless said), which a slow
# build stretches: make asan sets DOSSIER_TIME_SCALE=4. A wait that is met
# returns at once, so only a failing check takes the longer time.
SCREEN_SCALE=${DOSSIER_TIME_SCALE:-1}
SCREEN_SOCK=dossier-$$-$SCREEN_N
SCREEN_FIX=$TOP/tests/data/screen
SCREEN_DB=$TESTTMP/screen.db
SCREEN_FAILED=0

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP $(basename "$0" .sh): tmux is not installed"
	exit 0
fi

tmx() {
	tmux -L "$SCREEN_SOCK" -f /dev/null "$@"
}

trap 'tmx kill-server >/dev/null 2>&1' EXIT INT TERM

# Run on its own (tests/run.sh runs every tests/screen/*.sh), this file
# checks what the other tests stand on: a private tmux server that starts,
# runs a command at a fixed size, and shows its output to capture-pane.
if [ "$(basename "$0")" = lib.sh ]; then
	tmx new-session -d -s t -x 50 -y 10 "printf 'screen-lib ok\\n'; sleep 600"
	_n=100
	while [ "$_n" -gt 0 ]; do
		if tmx capture-pane -p -t t 2>/dev/null | grep -q 'screen-lib ok'; then
			break
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	if [ "$_n" -gt 0 ] && [ "$(tmx display -p -t t '#{window_width}x#{window_height}')" = 50x10 ]; then
		echo "PASS screen-lib"
	else
		echo "FAIL screen-lib: a private tmux server does not run and capture a pane"
	fi
	exit 0
fi

# screen_new: ends the current tmux server and names a new one. A new name
# each time: a client can reach a server that is still shutting down.
screen_new() {
	tmx kill-server >/dev/null 2>&1
	SCREEN_N=$((SCREEN_N + 1))
	SCREEN_SOCK=dossier-$$-$SCREEN_N
}

# screen_start W H [ARGS...]: starts dossier on the fixture in a W x H
# terminal with ARGS after the global options, and waits for its first
# screen (SCREEN_FIX, SCREEN_DB and SCREEN_READY, the text the first
# screen shows, may be set for another corpus). The pane stays after dossier exits, so the screen can be read.
screen_start() {
	_w=$1 _h=$2
	shift 2
	rm -f "$TESTTMP/status" "$TESTTMP/stty"
	screen_new
	_args=
	for _a in "$@"; do
		_args="$_args '$_a'"
	done
	tmx new-session -d -s t -x "$_w" -y "$_h" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 '$DOSSIER' -C '$SCREEN_FIX' \
	    --db '$SCREEN_DB' $_args 2>'$TESTTMP/stderr'; \
	    echo \$? >'$TESTTMP/status.tmp'; stty -a >'$TESTTMP/stty' 2>&1; \
	    mv '$TESTTMP/status.tmp' '$TESTTMP/status'; sleep 600"
	screen_wait "${SCREEN_READY:- 15 events}" ||
	    screen_wait "terminal too small"
}

# keys KEY...: sends keys (tmux key names: Enter, Escape, C-c, Down...).
keys() {
	tmx send-keys -t t "$@"
}

# type TEXT: sends TEXT literally.
type_text() {
	tmx send-keys -t t -l "$1"
}

# screen: the screen as text; screen_e: with attributes as escapes.
screen() {
	tmx capture-pane -p -t t
}

screen_e() {
	tmx capture-pane -e -p -t t
}

# line N: line N (1-based) of the screen.
line() {
	screen | sed -n "${1}p"
}

# screen_wait TEXT [SECONDS]: waits until TEXT (fixed string) shows.
screen_wait() {
	_n=$(( ${2:-5} * 20 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ]; do
		if screen | grep -F -q -e "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# screen_gone TEXT [SECONDS]: waits until TEXT no longer shows.
screen_gone() {
	_n=$(( ${2:-5} * 20 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ]; do
		if ! screen | grep -F -q -e "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# line_wait N TEXT: waits until line N contains TEXT.
line_wait() {
	_n=$(( 100 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ]; do
		if line "$1" | grep -F -q -e "$2"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# status_line: the last line of the screen.
status_line() {
	screen | tail -n 1
}

# status_wait TEXT: waits until the status line contains TEXT.
status_wait() {
	_n=$(( 100 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ]; do
		if status_line | grep -F -q -e "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# exit_wait: waits for dossier to exit and prints its exit status.
exit_wait() {
	_n=$(( 100 * SCREEN_SCALE ))
	while [ "$_n" -gt 0 ]; do
		if [ -f "$TESTTMP/status" ]; then
			cat "$TESTTMP/status"
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	echo "none"
	return 1
}

# pass NAME / fail NAME WHY: a result line; a failure shows the screen.
pass() {
	echo "PASS $1"
}

fail() {
	echo "FAIL $1: $2"
	echo "--- screen:"
	screen 2>/dev/null | sed 's/^/| /'
	SCREEN_FAILED=1
}

# check NAME WHY COMMAND...: PASS if COMMAND succeeds, else FAIL with WHY.
check() {
	_name=$1 _why=$2
	shift 2
	if "$@"; then
		pass "$_name"
	else
		fail "$_name" "$_why"
	fi
}

# expect_screen NAME FILE: the screen, trailing blanks cut, equals FILE.
expect_screen() {
	screen | sed 's/[[:space:]]*$//' >"$TESTTMP/$1.screen"
	# UPDATE_SCREENS=1 rewrites the expected file: review it with git diff.
	[ -n "${UPDATE_SCREENS:-}" ] && cp "$TESTTMP/$1.screen" "$2"
	if diff -u "$2" "$TESTTMP/$1.screen" >"$TESTTMP/$1.diff"; then
		pass "$1"
	else
		echo "FAIL $1: screen differs from $(basename "$2")"
		sed 's/^/| /' "$TESTTMP/$1.diff"
		SCREEN_FAILED=1
	fi
}
