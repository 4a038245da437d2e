#!/bin/sh
# overview.sh: i opens the overview of the view on the bundled content, at
# 120x40 and 80x24: the top actors of the matrix, a cell's count in the
# status line, Enter on it filtering the timeline to that many events, the
# chart's empty days (those `dossier list` has no event on, whatever the
# content is now), Enter on the chart, Tab to tags, resize, the smallest
# size, mono and NO_COLOR, a locale without UTF-8; and marking several
# actors with Ctrl-t in the actor list. Every expected count comes from
# the command line over the same content.

. "$(dirname "$0")/lib.sh"

CONTENT=$TOP/content
DB=$TESTTMP/content.db

if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP overview: python3 is not installed"
	exit 0
fi

# ov_start W H [ENV...]: the reader on the bundled content, in a W x H
# terminal, with ENV (NAME=value) added to its environment.
ov_start() {
	_w=$1 _h=$2
	shift 2
	screen_new
	tmx new-session -d -s t -x "$_w" -y "$_h" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 $* '$DOSSIER' -C '$CONTENT' \
	    --db '$DB' 2>'$TESTTMP/stderr'; sleep 600"
	screen_wait "dossier ·" 20 || fail overview-start "the reader did not start"
}

dossier() {
	"$DOSSIER" -C "$CONTENT" --db "$DB" "$@"
}

# pos_wait N M: waits until the status line ends with the position N/M.
pos_wait() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		if status_line | grep -q " $1/$2 *\$"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# until_ok COMMAND...: waits until COMMAND succeeds.
until_ok() {
	_n=100
	while [ "$_n" -gt 0 ]; do
		if "$@"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# Counts from the command line.
nlist() {
	dossier list "$@" | wc -l | tr -d ' '
}

# The actors with the most events, and the June 2025 span of the corpus.
dossier actors --json >"$TESTTMP/actors.json"
top3=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
a.sort(key=lambda x: (-x["events"], x["id"]))
print("\n".join(x["name"][:12] for x in a[:3]))
print(a[0]["id"]); print(a[0]["name"])' "$TESTTMP/actors.json")
top_id=$(echo "$top3" | sed -n 4p)
top_name=$(echo "$top3" | sed -n 5p)
last=$(dossier list | tail -n 1 | cut -c1-10)
month=$(echo "$last" | cut -c1-7)
cell_n=$(nlist --actor "$top_id" --from "$month-01" --to "$last")

# chart_check SPAN_FROM SPAN_TO: the bars over each day of the span are
# empty exactly where `dossier list` (the view's filter, in $TESTTMP/days)
# has no event. Reads the screen from stdin: the day labels under the
# baseline ("per day") give each day's column.
cat >"$TESTTMP/chart.py" <<'EOF'
import datetime, re, sys
lines = sys.stdin.read().split("\n")
have = set(open(sys.argv[1]).read().split())
a = datetime.date.fromisoformat(sys.argv[2])
b = datetime.date.fromisoformat(sys.argv[3])
base = next(i for i, l in enumerate(lines) if "per day" in l)
left = lines[base + 1].index("\u2502")
labels = [(m.start(), int(m.group())) for m in
    re.finditer(r"\b\d\d\b", lines[base + 1][left:])]
labels = [(x + left, d) for x, d in labels]
(x0, d0), (x1, d1) = labels[0], labels[1]
cw = (x1 - x0) // (d1 - d0)
top = next(i for i, l in enumerate(lines) if "Overview:" in l) + 1
bad, empty = [], 0
d = a
while d <= b:
    x = x0 + (d - a).days * cw
    bar = any(lines[y][x] in "\u2588#" for y in range(top, base))
    if bar != (d.isoformat() in have):
        bad.append(d.isoformat())
    empty += not bar
    d += datetime.timedelta(days=1)
if bad or empty == 0:
    print("days drawn wrong: %s (%d empty)" % (bad, empty))
    sys.exit(1)
EOF
chart_check() {
	screen | python3 "$TESTTMP/chart.py" "$TESTTMP/days" "$1" "$2"
}

# rows_check N NAME...: the first matrix rows after the heading are NAMEs.
rows_check() {
	_got=$(screen | sed -n '/│ actors /,$p' | sed -n '2,4p' |
	    sed 's/^[^│]*│ \(.\{12\}\).*/\1/; s/ *$//')
	[ "$_got" = "$1" ]
}

for size in 120x40 80x24; do
	w=${size%x*} h=${size#*x}
	ov_start "$w" "$h"
	keys i
	check "overview-open-$size" "i does not open the overview" \
	    screen_wait "Overview: $(nlist) events"
	check "overview-top-actors-$size" "the matrix's first rows are not the top actors" \
	    until_ok rows_check "$(echo "$top3" | head -n 3)"
	# The last column (the month of the last event), the top actor's row.
	keys G j
	check "overview-cell-$size" "the status line lacks the cell's count ($cell_n)" \
	    status_wait "$top_name, $month-01 to $last: $cell_n events"
	keys Enter
	check "overview-enter-$size" "Enter does not filter to the cell's $cell_n events" \
	    pos_wait 1 "$cell_n"
	check "overview-enter-top-$size" "the top line does not say the filter" \
	    line_wait 1 "$month-01 to $last"
	# Its overview is by day: the empty days as `list` has them.
	dossier list --actor "$top_id" --from "$month-01" --to "$last" |
	    cut -c1-10 | sort -u >"$TESTTMP/days"
	keys i
	screen_wait "by day" >/dev/null
	check "overview-empty-days-$size" "the chart's days do not match list" \
	    until_ok chart_check "$month-01" "$last"
	# Enter on the chart: the first event of the busiest day.
	busy=$(dossier list --actor "$top_id" --from "$month-01" --to "$last" |
	    cut -c1-10 | uniq -c | sort -k1,1nr -k2 | head -n 1 | awk '{print $2}')
	before=$(dossier list --actor "$top_id" --from "$month-01" --to "$last" |
	    awk -v d="$busy" '$1 < d' | wc -l | tr -d ' ')
	keys g
	n=1
	while [ "$n" -lt "$(echo "$busy" | cut -c9-10 | sed 's/^0//')" ]; do
		keys l
		n=$((n + 1))
	done
	status_wait "all, $busy:" >/dev/null
	keys Enter
	check "overview-chart-enter-$size" "Enter on $busy does not select its first event" \
	    pos_wait "$((before + 1))" "$cell_n"
	keys Escape
	check "overview-esc-clears-$size" "Esc in the timeline does not clear the cell filter" \
	    pos_wait "[0-9]*" "$(nlist)"
done

# Tab: tags, most events first.
ov_start 120 40
keys i
screen_wait "Overview:" >/dev/null
top_tag=$(dossier stats --by tag | head -n 1 | awk '{print $1}')
keys Tab
check overview-tab-tags "Tab does not show the tags" until_ok \
    sh -c "tmux -L $SCREEN_SOCK capture-pane -p -t t | sed -n '/│ tags /{n;p;}' | grep -q '│ $top_tag '"
keys Tab
check overview-tab-actors "Tab does not come back to the actors" screen_wait "│ actors "
# Resize while open: still drawn, fewer rows, the cursor's column kept.
tmx resize-window -t t -x 80 -y 24
check overview-resize "the overview is not drawn again at 80x24" until_ok \
    sh -c "tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q '┌─ Overview:' &&
    tmux -L $SCREEN_SOCK capture-pane -p -t t | sed -n 23p | grep -q 'i:close ─┘'"
tmx resize-window -t t -x 40 -y 12
check overview-min-size "the overview breaks at the minimum size" \
    screen_wait "Overview:"
keys i
check overview-close-i "i does not close the overview" screen_gone "Overview:"
keys i Escape
check overview-close-esc "Esc does not close the overview" screen_gone "Overview:"

# Mono and NO_COLOR: shading by characters, the cursor in reverse video.
ov_start 120 40 NO_COLOR=1
keys i G j
status_wait "$top_name" >/dev/null
check overview-nocolor-shades "NO_COLOR: the cells are not shaded by characters" \
    screen_wait "░ 1"
check overview-nocolor-cursor "NO_COLOR: the cursor is not in reverse video" \
    until_ok sh -c "tmux -L $SCREEN_SOCK capture-pane -e -p -t t | grep -q '\[7m'"
screen_new
tmx new-session -d -s t -x 120 -y 40 \
    "env TERM=xterm-256color LC_ALL=C.UTF-8 '$DOSSIER' -C '$CONTENT' --db '$DB' \
    --theme mono; sleep 600"
screen_wait "dossier ·" 20 >/dev/null
keys i
check overview-mono "--theme mono: no shaded matrix" screen_wait "▓ "

# A locale without UTF-8: . : * # for the shades, # for the bars.
ov_start 120 40 LC_ALL=C
keys i
screen_wait "Overview:" >/dev/null
check overview-c-locale "LC_ALL=C: the shades are not . : * #" until_ok \
    sh -c "tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q '\. 1.*# ' &&
    ! tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q '[░▒▓█]'"

# The actor list: Ctrl-t marks two actors, typed spaces and all; Enter
# filters to the events with both, and the top line names them.
second=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
a = [x for x in a if " " in x["name"]]
a.sort(key=lambda x: (-x["events"], x["id"]))
print(a[0]["id"]); print(a[0]["name"])' "$TESTTMP/actors.json")
second_id=$(echo "$second" | sed -n 1p)
second_name=$(echo "$second" | sed -n 2p)
both=$(nlist --actor "$top_id" --actor "$second_id")
ov_start 120 40
keys a
screen_wait "Actors:" >/dev/null
type_text "$top_name"
keys C-t C-u
type_text "$second_name"
keys C-t
check overview-marks-title "the actor list does not say which are marked" \
    screen_wait "marked: "
keys Enter
check overview-marks-filter "Enter does not filter to the $both events with both" \
    pos_wait 1 "$both"
check overview-marks-top "the top line does not name both actors" \
    line_wait 1 "actors: "

tmx kill-server >/dev/null 2>&1
exit 0
