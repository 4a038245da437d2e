#!/bin/sh
# monkey.sh: 20,000 random keys and resizes sent through tmux to the reader,
# on the bundled corpus and on a generated 100,000-event corpus: the reader
# must not crash, hang or report a sanitizer error, and q must still leave
# with exit status 0. MONKEY_KEYS and MONKEY_EVENTS make it smaller.
set -u

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP monkey: tmux is not installed"
	exit 0
fi
KEYS=${MONKEY_KEYS:-20000}
EVENTS=${MONKEY_EVENTS:-100000}
# Each run has a server of its own: a new session on the socket of one
# just killed can reach that server as it exits ("server exited
# unexpectedly"), since kill-server does not wait for it to go.
SOCK=dossier-monkey-$$
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT INT TERM

# Sanitizer reports (under make asan) go to files we can look for.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$TESTTMP/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$TESTTMP/ubsan"

# Every key the reader knows, and some it does not; no q, C-c or C-z (they
# would end the run early: the end of the run tests them), nor x (an
# export of the whole view into the current directory: tests/screen/cite.sh
# tests it).
KEYLIST="j k g G h l < > [ ] a A n N o c d t ? / z 7 Up Down Left Right
PPage NPage Home End Tab Enter Escape BSpace C-f C-b C-l C-d C-u Space e 1 8
- Z"

# settle: waits until the screen stops changing (two captures 0.1 s apart
# agree), up to 60 s; fails if it never does.
settle() {
	prev=""
	n=0
	while [ $n -lt 600 ]; do
		cur=$(tm capture-pane -p 2>/dev/null | cksum)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# start NAME CONTENT: the reader in a 120x40 tmux pane, its store in
# $TESTTMP/NAME.db, its exit status in $TESTTMP/exit. Waits for the first
# screen: the position ("1/40") ends the status line. The store may be
# building first; its progress line must not count ("19/122 files").
# Returns 1 if no first screen came within two minutes.
start() {
	SOCK=dossier-monkey-$$-$1-$(date +%s%N)
	rm -f "$TESTTMP/exit"
	tm -f /dev/null new-session -d -x 120 -y 40 \
	    "TERM=xterm-256color EDITOR=true $DOSSIER -C '$2' --db '$TESTTMP/$1.db'; echo \$? >'$TESTTMP/exit'"
	i=0
	while ! tm capture-pane -p 2>/dev/null | grep -qE '[0-9]+/[0-9]+ *$'; do
		i=$((i + 1))
		[ $i -gt 1200 ] && return 1
		sleep 0.1
	done
	return 0
}

# What a sanitizer that stopped the reader wrote (log_path above), if any.
sanitizer_report() {
	head -c 1500 "$TESTTMP"/asan* "$TESTTMP"/ubsan* 2>/dev/null |
	    sed 's/^/  | /'
}

# monkey NAME CONTENT: one run of the reader under a stream of random keys.
monkey() {
	name=$1
	content=$2
	if ! start "$name" "$content"; then
		echo "FAIL monkey-$name: no first screen"
		tm kill-server 2>/dev/null
		return
	fi
	# Batches of 100 keys a line, each key quoted for the shell.
	awk -v n="$KEYS" -v list="$KEYLIST" -v seed=42 'BEGIN {
		nk = split(list, key, /[ \n]+/)
		srand(seed)
		for (i = 0; i < n; i++) {
			k = key[int(rand() * nk) + 1]
			printf "\047%s\047%s", k, (i % 100 == 99 ? "\n" : " ")
		}
		printf "\n"
	}' >"$TESTTMP/keys"
	sizes="120x40 60x20 30x8 40x12 200x60 80x24 100x30 20x5 99x30"
	line=0
	while read -r batch; do
		[ -n "$batch" ] || continue
		line=$((line + 1))
		eval "tm send-keys -t 0 $batch" 2>/dev/null || break
		# Backpressure: at most 400 keys wait at a time (a sanitized
		# build on 100k events is slow, not hung).
		if [ $((line % 4)) = 0 ] && ! settle; then
			echo "FAIL monkey-$name: no answer after batch $line"
			tm kill-server 2>/dev/null
			return
		fi
		# A resize every few batches, a storm of them now and then.
		if [ $((line % 7)) = 0 ]; then
			set -f
			sz=$(echo $sizes | tr ' ' '\n' | sed -n "$((line % 9 + 1))p")
			set +f
			tm resize-window -t 0 -x "${sz%x*}" -y "${sz#*x}" 2>/dev/null
		fi
		if [ $((line % 50)) = 0 ]; then
			for sz in 50x15 51x16 52x17 120x40; do
				tm resize-window -t 0 -x "${sz%x*}" -y "${sz#*x}" 2>/dev/null
			done
		fi
	done <"$TESTTMP/keys"
	tm resize-window -t 0 -x 120 -y 40 2>/dev/null
	# Still alive and answering? Ctrl-L must bring back a full screen.
	tm send-keys -t 0 Escape Escape Escape C-l 2>/dev/null
	# Let it finish what the last keys began (a sanitized reader on a
	# busy machine may take seconds to rank or count at 100k events).
	settle
	if [ -f "$TESTTMP/exit" ]; then
		echo "FAIL monkey-$name: the reader exited early (status $(cat "$TESTTMP/exit"))"
		sanitizer_report
		tm kill-server 2>/dev/null
		return
	fi
	tm send-keys -t 0 q 2>/dev/null
	i=0
	while [ ! -f "$TESTTMP/exit" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
		[ $((i % 10)) = 0 ] && tm send-keys -t 0 Escape q 2>/dev/null
	done
	# What it showed last, to tell a busy reader from a hung one.
	shown=$(tm capture-pane -p 2>/dev/null | tail -n 2 | tr -s ' ')
	tm kill-server 2>/dev/null
	if [ ! -f "$TESTTMP/exit" ]; then
		echo "FAIL monkey-$name: q did not quit (hung?); last lines: $shown"
	elif [ "$(cat "$TESTTMP/exit")" != 0 ]; then
		echo "FAIL monkey-$name: exit status $(cat "$TESTTMP/exit")"
		sanitizer_report
	elif [ -n "$(ls "$TESTTMP"/asan* "$TESTTMP"/ubsan* 2>/dev/null)" ]; then
		echo "FAIL monkey-$name: sanitizer report:"
		sanitizer_report
	else
		echo "PASS monkey-$name ($KEYS keys)"
	fi
}

# walk NAME CONTENT WORD: a search of a big corpus shows its first screen
# at once and goes on counting while no key comes ("N+" in the corner),
# then says how many events matched: as many as the command line finds.
walk() {
	name=$1
	content=$2
	word=$3
	if ! start "$name" "$content"; then
		echo "FAIL walk-$name: no first screen"
		tm kill-server 2>/dev/null
		return
	fi
	want=$("$DOSSIER" -C "$content" --db "$TESTTMP/$name.db" search "$word" \
	    --json | grep -o '"event":"[^"]*"' | sort -u | wc -l)
	tm send-keys -t 0 / "$word" Enter 2>/dev/null
	i=0
	while ! tm capture-pane -p 2>/dev/null | grep -q 'matching events'; do
		i=$((i + 1))
		[ $i -gt 300 ] && break
		sleep 0.1
	done
	last=$(tm capture-pane -p 2>/dev/null | tail -n 1)
	tm send-keys -t 0 G 2>/dev/null
	i=0
	while end=$(tm capture-pane -p 2>/dev/null | tail -n 1); do
		case $end in *" $want/$want") break ;; esac
		i=$((i + 1))
		[ $i -gt 300 ] && break
		sleep 0.1
	done
	tm kill-server 2>/dev/null
	case $last in
	*" $want matching events"*" 1/$want") ;;
	*)	echo "FAIL walk-$name: expected $want matching events, 1/$want; got: $last"
		return ;;
	esac
	case $end in
	*" $want/$want") echo "PASS walk-$name ($want events match '$word')" ;;
	*)	echo "FAIL walk-$name: G does not reach $want/$want: $end" ;;
	esac
}

monkey bundled "$TOP/content"

if cc -O2 -o "$TESTTMP/gen" "$TOP/tests/bench/gen.c" 2>"$TESTTMP/gen.err" &&
    "$TESTTMP/gen" "$EVENTS" "$TESTTMP/big" 7 >/dev/null 2>&1; then
	walk "generated-$EVENTS" "$TESTTMP/big" minister
	monkey "generated-$EVENTS" "$TESTTMP/big"
else
	echo "FAIL monkey-generated: cannot generate the corpus: $(head -c 300 "$TESTTMP/gen.err")"
fi
rm -rf "$TESTTMP/big" "$TESTTMP"/*.db
