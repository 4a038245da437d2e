#!/bin/sh
# header.sh: the top line names the corpus by its title (the "corpus:"
# section, else the directory), shows a phrase search with its quotes
# once; a terminal too small says its size and the size needed; an empty
# content directory says what is missing and where the format is told.

. "$(dirname "$0")/lib.sh"

# The fixture has no corpus: section: the directory's name.
screen_start 80 24
check header-dirname "without corpus: the top line does not name the directory" \
    line_wait 1 " dossier · screen · "

type_text '/"Putin phones"'
keys Enter
check header-phrase "a phrase search shows its quotes doubled" \
    line_wait 1 'search: "Putin phones"'
no_doubled() {
	! line 1 | grep -F -q '""Putin'
}
check header-phrase-once "a phrase search shows its quotes doubled" no_doubled
keys Escape
type_text '/bushehr'
keys Enter
check header-word "a word search is not shown in quotes" \
    line_wait 1 'search: "bushehr"'

# 30x8: what the terminal is and what is needed.
tmx resize-window -t t -x 30 -y 8
check header-small "30x8 does not say 30x8: needs at least 40x12" \
    screen_wait "30x8: needs at least 40x12"

# A corpus with a title: the top line names it.
mkdir -p "$TESTTMP/titled"
cp "$SCREEN_FIX"/*.yaml "$TESTTMP/titled/"
cat >"$TESTTMP/titled/corpus.yaml" <<'YAML'
corpus:
  title: Twelve days in June
  description: The fixture, with a title.
YAML
SCREEN_FIX=$TESTTMP/titled SCREEN_DB=$TESTTMP/titled.db
screen_start 80 24
check header-title "the top line does not name the corpus by its title" \
    line_wait 1 " dossier · Twelve days in June · 2025-"

# An empty directory: what is missing, and where the format is told.
mkdir -p "$TESTTMP/empty"
SCREEN_FIX=$TESTTMP/empty SCREEN_DB=$TESTTMP/empty.db SCREEN_READY=" 0 events"
screen_start 80 24
check header-empty "an empty directory gives no hint" \
    screen_wait "No events in $TESTTMP/empty"
names_format() {
	screen | tr -s ' \n' '  ' | grep -F -q 'content/README.md'
}
check header-empty-format "an empty directory does not say where the format is told" \
    names_format

exit 0
