#!/usr/bin/python3
# xterm.py: the reader in a real xterm on a virtual X server, measured from
# the pixels of a screenshot (tests/screen/xterm.sh) or photographed for
# people (make screenshots, tools/screenshots.sh).
#
#   xterm.py check                 the contrast test; PASS/FAIL lines
#   xterm.py shots DIR             PNGs of the reader into DIR
#   xterm.py proxy STATE TERM -- COMMAND...   (run by xterm itself)
#
# Xvfb picks a free display (-displayfd); xterm runs this script's proxy,
# which starts the reader in a pseudo-terminal of its own, copies every
# byte the reader writes to xterm unchanged, and passes on the keys the
# harness writes into a FIFO. Waiting is on conditions: the reader blocked
# waiting for a key with all its output copied, then two screenshots alike.
# Needs Xvfb, xterm, ImageMagick's import and the DejaVu Sans Mono font;
# the environment gives DOSSIER, TOP and TESTTMP as tests/run.sh sets them.
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

COLS, ROWS = 120, 36
BORDER = 4                      # xterm's internal border (-b)
FONT = "DejaVu Sans Mono"
TIMEOUT = 20 * float(os.environ.get("DOSSIER_TIME_SCALE", "1"))
TEXT_MIN, LINE_MIN = 4.5, 3.0


# --- colour arithmetic (WCAG 2, as src/palette.c) -------------------------

def luminance(rgb):
    def lin(c):
        v = c / 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hexrgb(rgb):
    return "#%02x%02x%02x" % rgb


# --- the proxy, run inside xterm -----------------------------------------

def proxy(state, term, argv):
    """Runs argv in a pty of xterm's size; copies output, feeds keys."""
    with open(os.path.join(state, "windowid"), "w") as f:
        f.write(os.environ.get("WINDOWID", ""))
    size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
    env = dict(os.environ, TERM=term)

    def controlling_tty():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                             env=env, start_new_session=True,
                             preexec_fn=controlling_tty)
    os.close(slave)
    with open(os.path.join(state, "pid"), "w") as f:
        f.write(str(child.pid))
    keys = os.open(os.path.join(state, "keys"), os.O_RDWR | os.O_NONBLOCK)
    log = open(os.path.join(state, "out"), "ab", buffering=0)
    while True:
        ready, _, _ = select.select([master, keys, 0], [], [])
        if master in ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            os.write(1, data)
            log.write(data)
        if keys in ready:
            os.write(master, os.read(keys, 4096))
        if 0 in ready:
            # The terminal's answers to the reader's queries go on to it.
            os.write(master, os.read(0, 4096))
    child.wait()
    with open(os.path.join(state, "status"), "w") as f:
        f.write(str(child.returncode))


# --- the harness ---------------------------------------------------------

class Failure(Exception):
    pass


def wait_for(what, cond, timeout=TIMEOUT):
    """Polls cond every 50 ms until it returns something true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(0.05)
    raise Failure("timed out waiting for " + what)


class Display:
    """A private Xvfb on the first free display number."""

    def __init__(self, scratch):
        r, w = os.pipe()
        self.log = open(os.path.join(scratch, "xvfb.log"), "wb")
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp", "-dpi", "96"],
            pass_fds=[w], stdout=self.log, stderr=self.log)
        os.close(w)
        number = b""
        end = time.monotonic() + TIMEOUT
        while not number.endswith(b"\n") and time.monotonic() < end:
            ready, _, _ = select.select([r], [], [], 0.5)
            if ready:
                chunk = os.read(r, 16)
                if not chunk:
                    break
                number += chunk
        os.close(r)
        if not number.strip().isdigit():
            self.close()
            raise Failure("Xvfb did not start (see xvfb.log)")
        self.name = ":" + number.decode().strip()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()
        self.log.close()


class Xterm:
    """A real xterm on the display, running the reader through the proxy."""

    def __init__(self, display, scratch, term, args):
        self.display = display
        self.state = os.path.join(scratch, "xterm-" + term)
        shutil.rmtree(self.state, ignore_errors=True)
        os.makedirs(self.state)
        os.mkfifo(os.path.join(self.state, "keys"))
        env = dict(os.environ, DISPLAY=display.name, LC_ALL="C.UTF-8")
        env.pop("WINDOWID", None)
        cmd = ["xterm", "-fa", FONT, "-fs", "10", "-bg", "black",
               "-fg", "white", "-geometry", "%dx%d+0+0" % (COLS, ROWS),
               "-b", str(BORDER), "+sb", "-xrm", "XTerm*cursorBlink: false",
               "-e", sys.executable, os.path.abspath(__file__), "proxy",
               self.state, term, "--"] + args
        self.log = open(os.path.join(self.state, "xterm.log"), "wb")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log,
                                     stderr=self.log)
        self.wid = wait_for("the xterm window", self._windowid)
        self.pid = int(wait_for("the reader", lambda: self._read("pid")))
        self.keyfd = os.open(os.path.join(self.state, "keys"), os.O_WRONLY)

    def _read(self, name):
        try:
            with open(os.path.join(self.state, name)) as f:
                return f.read().strip()
        except OSError:
            return ""

    def _windowid(self):
        if self.proc.poll() is not None:
            raise Failure("xterm exited (%s)" % self.proc.returncode)
        return self._read("windowid")

    def keys(self, text):
        os.write(self.keyfd, text.encode())

    def _idle(self):
        """The reader waits for a key (poll or read) and all is copied."""
        if self._read("status"):
            raise Failure("the reader exited (status %s)" %
                          self._read("status"))
        try:
            with open("/proc/%d/syscall" % self.pid) as f:
                call = f.read().split()[0]
        except OSError:
            return True         # no /proc: the screenshots settle it
        return call in ("0", "7", "23", "270", "271")

    def settle(self):
        """Waits for the reader to wait, then for the window to settle."""
        out = os.path.join(self.state, "out")

        def quiet():
            if not self._idle():
                return False
            size = os.path.getsize(out)
            time.sleep(0.05)
            return self._idle() and os.path.getsize(out) == size
        wait_for("the reader to wait for a key", quiet)
        last = [None]

        def same():
            shot = self.grab()
            if shot == last[0]:
                return shot
            last[0] = shot
            return None
        return wait_for("two screenshots alike", same)

    def grab(self, fmt="ppm"):
        """Returns the xterm window's pixels as a Picture (or PNG bytes)."""
        # PNGs without ImageMagick's time stamps: the same screen, the
        # same file.
        extra = ["-define", "png:exclude-chunks=date,time"] \
            if fmt == "png" else []
        data = subprocess.run(
            ["import", "-display", self.display.name, "-window", self.wid,
             "-depth", "8"] + extra + [fmt + ":-"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            check=True).stdout
        return data if fmt != "ppm" else Picture(data)

    def close(self):
        try:
            self.keys("q")
        except OSError:
            pass
        try:
            wait_for("the reader to quit", lambda: self._read("status"), 5)
        except Failure:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait()
        os.close(self.keyfd)
        self.log.close()


class Picture:
    """A PPM (P6) screenshot, with the xterm's character cells."""

    def __init__(self, data):
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
        if m is None:
            raise Failure("import did not write an 8-bit PPM")
        self.w, self.h = int(m.group(1)), int(m.group(2))
        self.px = data[m.end():m.end() + self.w * self.h * 3]
        self.cw = (self.w - 2 * BORDER) // COLS
        self.ch = (self.h - 2 * BORDER) // ROWS

    def __eq__(self, other):
        return isinstance(other, Picture) and self.px == other.px

    def pixel(self, x, y):
        i = (y * self.w + x) * 3
        return tuple(self.px[i:i + 3])

    def cells(self, row, col0, col1):
        """Counts the colours of the pixels of cells col0..col1 of row."""
        hist = {}
        for y in range(BORDER + row * self.ch, BORDER + (row + 1) * self.ch):
            for x in range(BORDER + col0 * self.cw,
                           BORDER + (col1 + 1) * self.cw):
                p = self.pixel(x, y)
                hist[p] = hist.get(p, 0) + 1
        return hist


def two_colours(hist):
    """The background and the text colour of a region's pixels.

    The background is the colour of most pixels. Glyph edges are blends of
    the text colour into the background, so the text colour is the one at
    the far end: of the colours that cover at least 3% of the other pixels,
    the farthest from the background.
    """
    ranked = sorted(hist.items(), key=lambda kv: -kv[1])
    bg = ranked[0][0]
    rest = ranked[1:]
    if not rest:
        return bg, bg
    total = sum(n for _, n in rest)
    common = [c for c, n in rest if n >= max(3, total * 0.03)] or [rest[0][0]]

    def dist(c):
        return sum((a - b) ** 2 for a, b in zip(c, bg))
    return bg, max(common, key=dist)


class Layout:
    """The same session in tmux, for where things are: text by position."""

    count = 0

    def __init__(self, term, args):
        # A new name each time: a server may still be shutting down.
        Layout.count += 1
        self.sock = "dossier-xterm-%d-%d" % (os.getpid(), Layout.count)
        self.tmux(["new-session", "-d", "-s", "t", "-x", str(COLS), "-y",
                   str(ROWS), "env", "TERM=" + term, "LC_ALL=C.UTF-8"] +
                  args + [";", "set", "-g", "status", "off"])

    def tmux(self, argv):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null"] +
                              argv, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode()

    def lines(self):
        return self.tmux(["capture-pane", "-p", "-t", "t"]).split("\n")

    def keys(self, text):
        self.tmux(["send-keys", "-t", "t", "-l", text])

    def wait(self, text):
        return wait_for("'%s' in tmux" % text,
                        lambda: any(text in ln for ln in self.lines()))

    def find(self, text, maxcol=COLS):
        """Returns (row, first column, last column) of text on the screen,
        the first whose column is below maxcol."""
        for row, ln in enumerate(self.lines()):
            at = ln.find(text)
            if 0 <= at < maxcol:
                col = len(ln[:at])
                return row, col, col + len(text) - 1
        raise Failure("'%s' is not on the screen" % text)

    def close(self):
        self.tmux(["kill-server"])


def reader_args(content, db):
    return [os.environ["DOSSIER"], "-C", content, "--db", db]


# Each step: keys to press, then text to wait for on the screen.
STEPS_SEARCH = [("/Bushehr\r", "3 matching events"),
                ("nn", "The count is the president")]


def measure(display, scratch, term, results, theme=None):
    """Opens the reader at term (with a theme file, else the default) and
    measures the regions of issue 18 into results."""
    fix = os.path.join(os.environ["TOP"], "tests/data/screen")
    args = reader_args(fix, os.path.join(scratch, "xterm.db"))
    if theme is not None:
        args += ["--theme", theme]
    lay = Layout(term, args)
    xt = None
    try:
        lay.wait(" 15 events")
        xt = Xterm(display, scratch, term, args)
        first = xt.settle()
        regions = [("header", lay.find("dossier · screen"), first, TEXT_MIN),
                   ("status", lay.find("?:help"), first, TEXT_MIN),
                   ("selected", lay.find("Agency board finds Iran", 60), first,
                    TEXT_MIN)]
        for keys, text in STEPS_SEARCH:
            lay.keys(keys)
            lay.wait(text)
            xt.keys(keys)
        shot = xt.settle()
        row, _, end = lay.find("stay on at Bushehr")
        regions += [("link", lay.find("The Week in Review"), shot, TEXT_MIN),
                    ("match", (row, end - 6, end), shot, TEXT_MIN),
                    ("note", lay.find("The count is the president"), shot,
                     TEXT_MIN)]
        for name, (row, c0, c1), pic, need in regions:
            hist = pic.cells(row, c0, c1)
            bg, fg = two_colours(hist)
            results.append((term, name, fg, bg, contrast(fg, bg), need,
                            hist))
        # The separator: the column of the first "│" on the top pane rows.
        row, col, _ = lay.find("│")
        hist = {}
        for r in range(row, row + 5):
            for k, v in shot.cells(r, col, col).items():
                hist[k] = hist.get(k, 0) + v
        bg, fg = two_colours(hist)
        results.append((term, "separator", fg, bg, contrast(fg, bg),
                        LINE_MIN, hist))
    finally:
        if xt is not None:
            xt.close()
        lay.close()


# The default theme's colours before issue 18: the test must fail on them
# (black in bold is drawn grey50; #5c5cff on black is 4.43:1).
OLD_DEFAULT = """name: old-default
styles:
  topline: { fg: black, bg: cyan, attrs: [bold] }
  timeline.selected: { fg: black, bg: "#5fafff", attrs: [bold] }
  excerpt.source: { fg: brightblue, attrs: [underline] }
  search.match: { fg: black, bg: yellow, attrs: [bold] }
"""


def report(results):
    """Prints a PASS or FAIL line a region; returns 1 if any is low."""
    bad = 0
    for term, name, fg, bg, ratio, need, hist in results:
        line = "xterm-%s-%s: %s on %s, %.2f:1 (needs %.1f:1)" % (
            term, name, hexrgb(fg), hexrgb(bg), ratio, need)
        print(("PASS " if ratio >= need else "FAIL ") + line)
        if ratio < need:
            top = sorted(hist.items(), key=lambda kv: -kv[1])[:8]
            print("  its commonest pixels: " + ", ".join(
                "%s x%d" % (hexrgb(c), n) for c, n in top))
            bad = 1
    return bad


def check():
    scratch = os.environ.get("TESTTMP") or "/tmp"
    try:
        display = Display(scratch)
    except Failure as e:
        print("FAIL xterm: %s" % e)
        return 1
    bad = 0
    try:
        for term in ("xterm", "xterm-256color"):
            results = []
            try:
                measure(display, scratch, term, results)
            except Failure as e:
                print("FAIL xterm-%s: %s" % (term, e))
                bad = 1
            bad |= report(results)
        # The measurement has teeth: the old colours fall below 4.5:1.
        old = os.path.join(scratch, "old-default.yaml")
        with open(old, "w") as f:
            f.write(OLD_DEFAULT)
        results = []
        try:
            measure(display, scratch, "xterm-256color", results, old)
            low = sorted(r[1] for r in results if r[4] < r[5])
            if low == ["header", "link", "match", "selected"]:
                print("PASS xterm-old-colours-fail: %s" % ", ".join(
                    "%s %.2f:1" % (r[1], r[4]) for r in results
                    if r[4] < r[5]))
            else:
                print("FAIL xterm-old-colours-fail: low regions %s, not "
                      "header, link, match and selected" % low)
                bad = 1
        except Failure as e:
            print("FAIL xterm-old-colours-fail: %s" % e)
            bad = 1
    finally:
        display.close()
    return bad


# --- screenshots for people ----------------------------------------------

# Each shot: a name, then (keys, text to wait for) steps from the first
# screen. Shots run in order in one session; "\x1b" is Esc.
SHOTS = [
    ("timeline", [("d2025-06-22\r", "22 Jun 2025"), ("\r", "")]),
    ("search", [("\x1b", ""), ("/Bushehr\r", "matching event")]),
    ("actors", [("\x1b", ""), ("a", "Find:")]),
    # The overview (issue 14) of Iran's June: i, the top actor's cell of
    # the last month, Enter, i again (by day), the cursor on the matrix.
    ("overview", [("\x1b", ""), ("i", "Overview:"), ("Gj\r", "events with"),
                  ("i", "by day"), ("jj", "")]),
]


def shots(outdir):
    scratch = os.environ.get("TESTTMP") or "/tmp"
    content = os.path.join(os.environ["TOP"], "content")
    args = reader_args(content, os.path.join(scratch, "shots.db"))
    display = Display(scratch)
    lay = xt = None
    try:
        lay = Layout("xterm-256color", args)
        lay.wait("events")
        xt = Xterm(display, scratch, "xterm-256color", args)
        xt.settle()
        for name, steps in SHOTS:
            for keys, text in steps:
                lay.keys(keys)
                if text:
                    lay.wait(text)
                xt.keys(keys)
            # A full redraw (Ctrl-L) paints every cell in one order, so
            # that glyphs that spill into their neighbours come out alike.
            xt.keys("\x0c")
            xt.settle()
            path = os.path.join(outdir, "screenshot-%s.png" % name)
            with open(path, "wb") as f:
                f.write(xt.grab("png"))
            print("wrote " + path)
    finally:
        if xt is not None:
            xt.close()
        if lay is not None:
            lay.close()
        display.close()
    return 0


def main():
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    if len(sys.argv) >= 5 and sys.argv[1] == "proxy" and sys.argv[4] == "--":
        proxy(sys.argv[2], sys.argv[3], sys.argv[5:])
        return 0
    if sys.argv[1:] == ["check"]:
        return check()
    if len(sys.argv) == 3 and sys.argv[1] == "shots":
        return shots(sys.argv[2])
    print(__doc__ or "usage: xterm.py check | shots DIR", file=sys.stderr)
    return 2


sys.exit(main())
