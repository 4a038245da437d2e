#!/bin/sh
# text.sh: UTF-8 on screen: wide characters take two columns, combining
# marks none, lines wrap by display width and never inside a character, in
# both layouts.

. "$(dirname "$0")/lib.sh"

screen_start 120 40
keys d
type_text 15
keys Enter j
status_wait " 8/15" >/dev/null
expect_screen text-wide-120x40 "$TOP/tests/screen/expected/text-wide-120x40.txt"
tmx resize-window -t t -x 60 -y 20
keys Enter j j j
screen_wait "café" >/dev/null
expect_screen text-wide-60x20 "$TOP/tests/screen/expected/text-wide-60x20.txt"
# The fixture writes e + U+0301 and n + U+0303: decomposed, as typed here.
check text-combining "combining marks not kept with their letter" sh -c \
    "tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q '$(printf 'such as cafe\314\201$')' &&
    tmux -L $SCREEN_SOCK capture-pane -p -t t | grep -q '$(printf ' and man\314\203ana that')'"
keys q
status=$(exit_wait)
check text-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
