#!/usr/bin/python3
# cells.py: reads a screen as `tmux capture-pane -e -p` writes it (text with
# SGR escapes) on stdin and prints the colours and attributes of the first
# character of each TEXT given as an argument, one line each:
#   TEXT<TAB>fg=N|default bg=N|default bold=0|1 dim=0|1 reverse=0|1
# or TEXT<TAB>missing. Colours are palette indexes (30-37 are 0-7, 90-97
# are 8-15, 38;5;N is N). Used by tests/screen/colours.sh.
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def apply(state, params):
    """Applies one SGR sequence's parameters to state (a dict)."""
    codes = [int(p) if p else 0 for p in params.replace(":", ";").split(";")]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=0, dim=0, reverse=0)
        elif c == 1:
            state["bold"] = 1
        elif c == 2:
            state["dim"] = 1
        elif c == 22:
            state["bold"] = state["dim"] = 0
        elif c == 7:
            state["reverse"] = 1
        elif c == 27:
            state["reverse"] = 0
        elif 30 <= c <= 37:
            state["fg"] = c - 30
        elif 90 <= c <= 97:
            state["fg"] = c - 90 + 8
        elif 40 <= c <= 47:
            state["bg"] = c - 40
        elif 100 <= c <= 107:
            state["bg"] = c - 100 + 8
        elif c == 39:
            state["fg"] = None
        elif c == 49:
            state["bg"] = None
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            state["fg" if c == 38 else "bg"] = codes[i + 2]
            i += 2
        elif c in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
            i += 4
        i += 1


def cells(text):
    """Returns the screen as lines of (character, state) pairs."""
    state = dict(fg=None, bg=None, bold=0, dim=0, reverse=0)
    lines = []
    for raw in text.split("\n"):
        row = []
        pos = 0
        for m in SGR.finditer(raw):
            for ch in raw[pos:m.start()]:
                row.append((ch, dict(state)))
            apply(state, m.group(1))
            pos = m.end()
        for ch in raw[pos:]:
            row.append((ch, dict(state)))
        lines.append(row)
    return lines


def describe(st):
    def col(v):
        return "default" if v is None else str(v)
    return "fg=%s bg=%s bold=%d dim=%d reverse=%d" % (
        col(st["fg"]), col(st["bg"]), st["bold"], st["dim"], st["reverse"])


def main():
    screen = cells(sys.stdin.read())
    for want in sys.argv[1:]:
        found = None
        for row in screen:
            s = "".join(ch for ch, _ in row)
            at = s.find(want)
            if at >= 0:
                found = row[at][1]
                break
        print("%s\t%s" % (want, describe(found) if found else "missing"))


main()
