#!/bin/sh
# live.sh: the reader follows its content while it is open (issue 15):
# another program changes a file, adds one, removes one, writes a new file
# and renames it over the old one (as editors do), breaks the content and
# mends it; each change is on screen within 2 seconds without a key. Then
# the same with the stat poll that DOSSIER_WATCH=poll forces.

. "$(dirname "$0")/lib.sh"

CORPUS=$TESTTMP/corpus
FILE=$CORPUS/corpus.yaml

# live_start [ENV...]: the reader on a fresh copy of the curator corpus.
live_start() {
	rm -rf "$CORPUS"
	cp -R "$TOP/tests/data/curator" "$CORPUS"
	screen_new
	tmx new-session -d -s t -x 100 -y 30 \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 $* \
	    '$DOSSIER' -C '$CORPUS' --db '$TESTTMP/live.db' \
	    2>'$TESTTMP/stderr'; sleep 600"
	screen_wait " 3 events"
}

live_start
keys j j
status_wait " 3/3" >/dev/null

# A title changed in place (sed -i: a new file renamed over the old).
sed -i 's/title: Harbour office announces the lighthouse closure/title: Harbour office confirms the closure/' "$FILE"
check live-change "a changed title is not on screen within 2 s" \
    screen_wait "Harbour office confirms" 2
check live-change-status "the status line does not say 1 event changed" \
    status_wait "1 event changed"
check live-change-selection "the selection moved" status_wait " 3/3"

# A file added: its event shows; removed: it goes.
cat >"$CORPUS/more.yaml" <<'EOF'
events:
  - id: keeper-retires
    date: 2024-03-07
    title: The last lighthouse keeper retires
EOF
check live-add "an added file's event is not on screen within 2 s" \
    screen_wait "The last lighthouse keeper retires" 2
check live-add-status "the status line does not say 1 event added" \
    status_wait "1 event added"
check live-add-count "the top line does not count 4 events" screen_wait " 4 events" 1
rm "$CORPUS/more.yaml"
check live-remove "a removed file's event is still on screen after 2 s" \
    screen_gone "The last lighthouse keeper retires" 2
check live-remove-status "the status line does not say 1 event removed" \
    status_wait "1 event removed"

# An editor's save: a new file written beside, then renamed over.
sed 's/title: Fishermen doubt the plan/title: Fishermen oppose the plan/' \
    "$FILE" >"$CORPUS/.corpus.yaml.tmp"
mv "$CORPUS/.corpus.yaml.tmp" "$FILE"
check live-rename "a file renamed over the old is not on screen within 2 s" \
    screen_wait "Fishermen oppose the plan" 2

# Broken content: the errors overlay over the last good store; mended,
# the overlay closes by itself.
sed -i 's/date: 2024-03-05/date: 2024-03-32/' "$FILE"
check live-error "broken content does not open the errors overlay within 2 s" \
    screen_wait "error in the content" 2
check live-error-store "the last good store is not on screen" \
    screen_wait " 3 events" 1
sed -i 's/date: 2024-03-32/date: 2024-03-05/' "$FILE"
check live-error-mended "the errors overlay does not close when the content is mended" \
    screen_gone "error in the content" 2

# A burst of writes settles into one reload: the last title shows.
for i in 1 2 3 4 5 6 7 8; do
	sed -i "s/title: Mayor defends the closure.*/title: Mayor defends the closure $i/" "$FILE"
done
check live-burst "the last of a burst of writes is not on screen" \
    screen_wait "Mayor defends the closure 8" 2

# The stat poll, as where inotify is not to be had.
live_start DOSSIER_WATCH=poll
sed -i 's/title: Mayor defends the closure/title: Mayor backs the closure/' "$FILE"
check live-poll "with DOSSIER_WATCH=poll a change is not on screen within 2 s" \
    screen_wait "Mayor backs the closure" 2
touch "$CORPUS/texts/empty.yaml"
cat >"$CORPUS/texts/empty.yaml" <<'EOF'
events:
  - id: keeper-retires
    date: 2024-03-07
    title: The last lighthouse keeper retires
EOF
check live-poll-add "with the poll an added file is not on screen within 2 s" \
    screen_wait "The last lighthouse keeper retires" 2

[ $SCREEN_FAILED = 0 ]
