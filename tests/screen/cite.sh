#!/bin/sh
# cite.sh: what leaves the reader (issue 13): y puts the excerpt's
# citation into tmux's buffer through OSC 52 (set-clipboard on), Y the
# event's Markdown; x writes a file equal to `dossier export` with the
# same filters, and asks before replacing one; O runs $BROWSER with the
# source's URL; the detail pane shows a URL whole and, unless
# --no-hyperlinks or hyperlinks: false in config.yaml, as an OSC 8
# hyperlink.
. "$(dirname "$0")/lib.sh"

D="$DOSSIER -C $SCREEN_FIX --db $SCREEN_DB"
cd "$TESTTMP" || exit 1

# goto DATE: the first event of DATE, by the date prompt.
goto() {
	keys d
	type_text "$1"
	keys Enter
}

# buffer_wait TEXT: waits until tmux's newest buffer holds TEXT.
buffer_wait() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		if tmx show-buffer 2>/dev/null | grep -F -q -e "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# The stub browser writes what it was given, then the test reads it.
cat >"$TESTTMP/browser" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$TESTTMP/opened.tmp" && mv "$TESTTMP/opened.tmp" "$TESTTMP/opened"
EOF
chmod +x "$TESTTMP/browser"
BROWSER=$TESTTMP/browser
export BROWSER

screen_start 100 30
tmx set -s set-clipboard on
goto 2025-06-18
keys j
screen_wait "Putin points to Bushehr"
keys y
want='"More than two hundred of our people work at Bushehr." — The Week in Review, Example Wire, 2025-06-19. https://example.org/week'
if status_wait "copied excerpt 1" && buffer_wait "$want" &&
    [ "$(tmx show-buffer)" = "$want" ]; then
	pass cite-y-citation-in-tmux-buffer
else
	fail cite-y-citation-in-tmux-buffer "buffer: $(tmx show-buffer 2>&1)"
fi
check cite-y-status-says-how "no OSC 52 in the status line" \
    status_wait "OSC 52"

keys Y
if buffer_wait "### 23:00 Putin points to Bushehr" &&
    tmx show-buffer | grep -qF '> More than two hundred of our people work at Bushehr.'; then
	pass cite-Y-event-markdown
else
	fail cite-Y-event-markdown "buffer: $(tmx show-buffer 2>&1 | head -5)"
fi

# O: the stub gets the URL, and the screen stays as it was.
before=$(screen | head -n 20)
keys O
n=100
while [ ! -f "$TESTTMP/opened" ] && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
if [ "$(cat "$TESTTMP/opened" 2>/dev/null)" = "https://example.org/week" ] &&
    status_wait "opened https://example.org/week"; then
	pass cite-O-runs-browser-with-url
else
	fail cite-O-runs-browser-with-url "got '$(cat "$TESTTMP/opened" 2>&1)'"
fi
check cite-O-screen-undisturbed "the panes changed" \
    test "$(screen | head -n 20)" = "$before"

# The URL is in the detail pane, whole.
check cite-url-whole "the URL is not shown whole" \
    screen_wait "https://example.org/week"

# A source without a URL says so.
rm -f "$TESTTMP/opened"
goto 2025-06-13
keys j
screen_wait "Daily Notes"
keys O
check cite-O-no-url "no message for a source without a URL" \
    status_wait "has no URL"
check cite-O-no-url-no-browser "the browser ran anyway" \
    test ! -f "$TESTTMP/opened"

# x: the prompt is prefilled with dossier-YYYYMMDD-HHMM.md; Enter writes
# it here, equal to dossier export.
keys x
if screen_wait "Export to" && status_line |
    grep -qE 'dossier-[0-9]{8}-[0-9]{4}\.md'; then
	pass cite-x-prompt-prefilled
else
	fail cite-x-prompt-prefilled "status: $(status_line)"
fi
keys Enter
status_wait "wrote 15 events to dossier-"
f=$(ls "$TESTTMP"/dossier-*.md 2>/dev/null | head -n 1)
$D export >"$TESTTMP/cli.md"
check cite-x-equals-export "the file differs from dossier export" \
    cmp -s "$f" "$TESTTMP/cli.md"

# With a search: the file holds what export --query does; .html is HTML.
keys /
type_text "Bushehr"
keys Enter
screen_wait "matching events"
keys x C-u
type_text "$TESTTMP/view.html"
keys Enter
status_wait "to $TESTTMP/view.html (html)"
$D export --query Bushehr --format html >"$TESTTMP/cli.html"
check cite-x-search-equals-export "the file differs from export --query" \
    cmp -s "$TESTTMP/view.html" "$TESTTMP/cli.html"

# An existing file: n keeps it, y replaces it.
printf 'mine\n' >"$TESTTMP/keep.md"
keys x C-u
type_text "$TESTTMP/keep.md"
keys Enter
check cite-x-asks-before-replacing "no question" \
    status_wait "keep.md exists: replace it? (y/n)"
keys n
status_wait "kept as it was"
check cite-x-n-keeps-file "the file changed" \
    test "$(cat "$TESTTMP/keep.md")" = mine
keys x C-u
type_text "$TESTTMP/keep.md"
keys Enter
status_wait "exists: replace it?"
keys y
status_wait "wrote"
$D export --query Bushehr >"$TESTTMP/cli-keep.md"
check cite-x-y-replaces-file "the file was not replaced" \
    cmp -s "$TESTTMP/keep.md" "$TESTTMP/cli-keep.md"

# An extension that names no format is refused.
keys x C-u
type_text "$TESTTMP/notes.txt"
keys Enter
check cite-x-unknown-extension "no error" \
    status_wait "names no format"
keys q
exit_wait >/dev/null

# OSC 8: the URL as a hyperlink in what the reader sends; none with
# --no-hyperlinks. script(1) keeps the raw bytes.
if command -v script >/dev/null 2>&1; then
	for mode in on off config; do
		opt=
		[ $mode = off ] && opt=--no-hyperlinks
		# hyperlinks: false in config.yaml turns them off too.
		[ $mode = config ] && opt="--config $TESTTMP/config.yaml" &&
		    printf 'hyperlinks: false\n' >"$TESTTMP/config.yaml"
		rm -f "$TESTTMP/raw" "$TESTTMP/done"
		screen_new
		tmx new-session -d -s t -x 100 -y 30 \
		    "env TERM=xterm-256color LC_ALL=C.UTF-8 script -qfc \"'$DOSSIER' -C '$SCREEN_FIX' --db '$SCREEN_DB' $opt\" '$TESTTMP/raw'; touch '$TESTTMP/done'; sleep 600"
		screen_wait " 15 events"
		goto 2025-06-18
		keys j
		screen_wait "https://example.org/week"
		keys q
		n=200
		while [ ! -f "$TESTTMP/done" ] && [ $n -gt 0 ]; do
			sleep 0.05
			n=$((n - 1))
		done
		if grep -qF "$(printf '\033]8;;https://example.org/week\033\\')" "$TESTTMP/raw"; then
			got=on
		else
			got=off
		fi
		want=$mode
		[ $mode = config ] && want=off
		check cite-osc8-$mode "hyperlinks $got, expected $want" \
		    test $got = $want
	done
else
	echo "SKIP cite-osc8: no script(1)"
fi
[ $SCREEN_FAILED = 0 ]
