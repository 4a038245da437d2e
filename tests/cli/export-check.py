#!/usr/bin/python3
# export-check.py: reads one `dossier export` file back with a real parser
# of its format and checks it against the events the export should hold.
#
#   export-check.py NAME FORMAT FILE EVENTS.json [DOM.html]
#
# EVENTS.json is `dossier export --format json` of the same view (whose
# own keys export.sh checks against `show --json`). DOM.html, for html,
# is what headless chromium made of FILE. Prints PASS/FAIL lines, one per
# check, named NAME-FORMAT-CHECK. Debian's python3-markdown-it,
# python3-html5lib and python3-icalendar; csv and json from the library.
import csv
import os
import datetime
import html
import io
import json
import re
import sys

name, fmt, path = sys.argv[1], sys.argv[2], sys.argv[3]
events = json.load(open(sys.argv[4], encoding='utf-8'))
dom = sys.argv[5] if len(sys.argv) > 5 else None
raw = open(path, 'rb').read()
failed = False


def result(check, ok, why=''):
    global failed
    if ok:
        print('PASS %s-%s-%s' % (name, fmt, check))
    else:
        failed = True
        print('FAIL %s-%s-%s: %s' % (name, fmt, check, why))


def shown(s):
    """Text as dossier shows it: controls and bidi overrides escaped as
    the reader does (^[, <U+202E>), CR and CRLF as LF."""
    if s is None:
        return None
    s = s.replace('\r\n', '\n').replace('\r', '\n')
    out = []
    for ch in s:
        c = ord(ch)
        if ch in '\n\t':
            out.append(ch)
        elif c < 0x20:
            out.append('^' + chr(c + 64))
        elif c == 0x7f:
            out.append('^?')
        elif 0x80 <= c <= 0x9f or 0x202a <= c <= 0x202e or \
                0x2066 <= c <= 0x2069:
            out.append('<U+%04X>' % c)
        else:
            out.append(ch)
    return ''.join(out)


def squash(s):
    return re.sub(r'\s+', ' ', s).strip()


def in_order(text, titles, check):
    """Every title appears in text literally, in order."""
    text = squash(text)
    at = 0
    for t in titles:
        i = text.find(squash(t), at)
        if i < 0:
            where = 'missing' if squash(t) not in text else 'out of order'
            result(check, False, '%s: %r' % (where, t[:60]))
            return
        at = i + len(squash(t))
    result(check, True)


def html_tree(data):
    import html5lib
    p = html5lib.HTMLParser(tree=html5lib.treebuilders.getTreeBuilder(
        'etree'), namespaceHTMLElements=False)
    doc = p.parse(data)
    return p, doc


def dangers(doc, content_tags=()):
    """Script elements, event handler attributes, javascript: URLs,
    external resources, and elements that only content could have made."""
    bad = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == 'script':
            bad.append('a script element')
        if el.tag in content_tags:
            bad.append('a <%s> element from content' % el.tag)
        if el.tag in ('img', 'iframe', 'link', 'object', 'embed',
                      'video', 'audio', 'source'):
            bad.append('an external resource <%s>' % el.tag)
        for k, v in el.attrib.items():
            if k.lower().startswith('on'):
                bad.append('an event handler attribute %s' % k)
            if k in ('href', 'src', 'cite', 'action') and \
                    re.sub(r'[\s\x00-\x20]', '', v).lower().startswith(
                        'javascript:'):
                bad.append('a javascript: URL in %s' % k)
            if k == 'src':
                bad.append('a src attribute')
    return bad


def text_of(el):
    return ''.join(el.itertext())


titles = [shown(e['title']) for e in events]

# Every format is UTF-8.
try:
    text = raw.decode('utf-8')
    result('utf8', True)
except UnicodeDecodeError as e:
    result('utf8', False, str(e))
    sys.exit(1)

if fmt == 'markdown':
    from markdown_it import MarkdownIt
    md = MarkdownIt('commonmark')
    rendered = md.render(text)
    p, doc = html_tree(rendered)
    in_order(text_of(doc), titles, 'titles-render-literally')
    h3 = [squash(text_of(h)) for h in doc.iter('h3')]
    result('heading-per-event', len(h3) == len(events),
           '%d ### headings for %d events' % (len(h3), len(events)))
    ok = all(squash(t) in h for t, h in zip(titles, h3))
    result('headings-hold-titles', ok, 'a ### heading lacks its title')
    bad = dangers(doc, ('b', 'i', 'img', 'div', 'code', 'ol', 'h1x'))
    # Emphasis only where the export puts it, lists only for Sources.
    ems = {squash(text_of(e)) for e in doc.iter('em')}
    strong = {squash(text_of(e)) for e in doc.iter('strong')}
    if not ems <= {'Note:', 'My note:'}:
        bad.append('emphasis from content: %r' % sorted(ems)[:3])
    if not strong <= {'Actors:', 'Tags:', 'Marked'}:
        bad.append('strong from content: %r' % sorted(strong)[:3])
    if len(list(doc.iter('ul'))) > 1 or len(list(doc.iter('h1'))) != 1:
        bad.append('a list or heading made from content')
    result('no-markup-from-content', not bad, '; '.join(bad[:3]))
    quotes = sum(len(e.get('excerpts') or []) for e in events)
    bq = len(list(doc.iter('blockquote')))
    result('blockquote-per-excerpt', bq == quotes,
           '%d blockquotes for %d excerpts' % (bq, quotes))
    # Each cited source listed once under Sources.
    cited = []
    for e in events:
        for x in e.get('excerpts') or []:
            if x['source'] not in cited:
                cited.append(x['source'])
    uls = list(doc.iter('ul'))
    n = len(list(uls[-1].iter('li'))) if uls else 0
    result('sources-once', n == len(cited),
           '%d sources listed, %d cited' % (n, len(cited)))

elif fmt == 'html':
    import html5lib
    p, doc = html_tree(raw)
    result('no-parse-errors', not p.errors,
           '%d errors, first %r' % (len(p.errors), p.errors[:1]))
    bad = dangers(doc, ('b', 'i', 'div'))
    # Our own markup uses none of b/i/div except <b>Note:</b>.
    bad = [b for b in bad if b != 'a <b> element from content']
    for b in doc.iter('b'):
        if text_of(b) not in ('Note:', 'My note:'):
            bad.append('a <b> from content: %r' % text_of(b)[:30])
    result('no-script-no-handlers', not bad, '; '.join(bad[:3]))
    style = ''.join(text_of(s) for s in doc.iter('style'))
    ext = re.findall(r'url\(|@import|https?:', style)
    result('self-contained', not ext, 'style loads %r' % ext[:2])
    body = doc.find('body')
    in_order(text_of(body), titles, 'titles-in-order')
    ids = {el.get('id') for el in doc.iter() if isinstance(el.tag, str)}
    missing = [e['id'] for e in events if e['id'] not in ids]
    result('id-per-event', not missing, 'no id for %r' % missing[:3])
    days = sorted({e['date'] for e in events})
    toc = [a.get('href') for a in doc.iter('a')
           if (a.get('href') or '').startswith('#day_')]
    result('toc-by-day', toc == ['#day_' + d for d in days] and
           all(h[1:] in ids for h in toc), 'toc %r' % toc[:3])
    nq = sum(len(e.get('excerpts') or []) for e in events)
    bqs = list(doc.iter('blockquote'))
    result('blockquote-per-excerpt', len(bqs) == nq,
           '%d for %d' % (len(bqs), nq))
    ok = True
    for bq, x in zip(bqs, [x for e in events
                           for x in (e.get('excerpts') or [])]):
        want = x['url'] if (x['url'] or '').lower().startswith(
            ('http://', 'https://')) else None
        if bq.get('cite') != want:
            ok = False
    result('blockquote-cite', ok, 'a cite attribute is wrong')
    if dom is not None:
        d = open(dom, 'rb').read()
        p2, ddoc = html_tree(d)
        dbody = ddoc.find('body')
        if dbody is None or not text_of(dbody).strip():
            result('chromium-rendered', False, 'empty DOM from chromium')
        else:
            in_order(text_of(dbody), titles, 'chromium-titles-in-order')
            result('chromium-no-script', not dangers(ddoc, ('div',)),
                   '; '.join(dangers(ddoc, ('div',))[:3]))

elif fmt == 'csv':
    rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
    header = 'id,date,time,approximate,title,actors,tags,summary,sources,' \
        'marked,note'.split(',')
    result('header', rows and rows[0] == header, 'header %r' % rows[:1])
    result('record-per-event', len(rows) - 1 == len(events),
           '%d records for %d events' % (len(rows) - 1, len(events)))
    # Records end with CRLF: after removing the quoted fields, no bare LF.
    unq = re.sub(r'"(?:[^"]|"")*"', '', text)
    result('crlf', raw.endswith(b'\r\n') and '\n' not in
           unq.replace('\r\n', ''), 'a record ends without CRLF')
    bad = []
    for r, e in zip(rows[1:], events):
        want = [e['id'], e['date'], e['time'] or '',
                'true' if e['approximate'] else 'false', shown(e['title']),
                ';'.join(e['actors']), ';'.join(shown(t) for t in e['tags']),
                shown(e['summary'] or ''),
                ';'.join(dict.fromkeys(x['source'] for x in
                                       e.get('excerpts') or [])),
                # Marks and notes leave only with --notes (EXPORT_NOTES).
                ('true' if e.get('marked') else 'false')
                if os.environ.get('EXPORT_NOTES') else '',
                shown(e.get('note') or '')
                if os.environ.get('EXPORT_NOTES') else '']
        if r != want:
            bad.append('%s: %r' % (e['id'], [(a, b) for a, b in
                                            zip(r, want) if a != b][:1]))
    result('fields', not bad, '; '.join(bad[:2]))

elif fmt == 'json':
    data = json.loads(text)
    result('array', isinstance(data, list) and len(data) == len(events),
           'not an array of %d' % len(events))

elif fmt == 'ics':
    import icalendar
    phys = raw.split(b'\r\n')
    result('crlf', phys[-1] == b'' and all(b'\n' not in l and b'\r' not in l
                                          for l in phys),
           'a line end is not CRLF')
    long = [l for l in phys if len(l) > 75]
    result('folded-75', not long, '%d lines over 75 octets' % len(long))
    try:
        for l in phys:
            l.decode('utf-8')
        result('no-split-characters', True)
    except UnicodeDecodeError:
        result('no-split-characters', False, 'a fold splits a character')
    cal = icalendar.Calendar.from_ical(raw)
    result('calendar', cal.get('VERSION') == '2.0' and cal.get('PRODID'),
           'no VERSION 2.0 or PRODID')
    ves = [c for c in cal.walk('VEVENT')]
    result('vevent-per-event', len(ves) == len(events),
           '%d for %d' % (len(ves), len(events)))
    # icalendar 4.0 unescapes CATEGORIES before it splits them at commas
    # (so "a\\, b" becomes two): split the unfolded raw lines here.
    cats = []
    for cl in icalendar.parser.Contentlines.from_ical(text):
        if cl == 'BEGIN:VEVENT':
            cats.append([])
        elif cl.startswith('CATEGORIES:'):
            value = cl[len('CATEGORIES:'):]
            cats[-1] = [icalendar.parser.unescape_char(c) for c in
                        re.split(r'(?<!\\),|(?<=\\\\),', value)]
    bad = []
    for v, e in zip(ves, events):
        if str(v.get('UID')) != e['id'] + '@dossier':
            bad.append('UID %s' % v.get('UID'))
        if str(v.get('SUMMARY')) != shown(e['title']):
            bad.append('SUMMARY %r' % str(v.get('SUMMARY'))[:40])
        if v.get('DTSTAMP') is None:
            bad.append('no DTSTAMP')
        st = v.decoded('DTSTART')
        y, m, d = map(int, e['date'].split('-'))
        if e['time']:
            hh, mm = map(int, e['time'].split(':'))
            if st != datetime.datetime(y, m, d, hh, mm) or st.tzinfo:
                bad.append('DTSTART %r' % st)
        elif type(st) is not datetime.date or st != datetime.date(y, m, d):
            bad.append('DTSTART %r' % st)
        got = cats.pop(0) if cats else []
        if got != [shown(t) for t in e['tags']]:
            bad.append('CATEGORIES %r' % got)
        desc = str(v.get('DESCRIPTION') or '')
        if e['summary'] and squash(shown(e['summary'])) not in squash(desc):
            bad.append('DESCRIPTION lacks the summary of %s' % e['id'])
        for x in e.get('excerpts') or []:
            if squash(shown(x['quote'])) not in squash(desc):
                bad.append('DESCRIPTION lacks a quote of %s' % e['id'])
    result('events', not bad, '; '.join(bad[:3]))

elif fmt == 'timelinejs':
    data = json.loads(text)
    tl = data.get('events', [])
    result('document', isinstance(data.get('title', {}).get('text', {})
                                  .get('headline'), str)
           and len(tl) == len(events), 'no title or wrong event count')
    bad = []
    for t, e in zip(tl, events):
        y, m, d = map(int, e['date'].split('-'))
        sd = t['start_date']
        if t['unique_id'] != e['id'] or (int(sd['year']), int(sd['month']),
                                         int(sd['day'])) != (y, m, d):
            bad.append('id or date of %s' % e['id'])
        if e['time'] and (int(sd['hour']), int(sd['minute'])) != tuple(
                map(int, e['time'].split(':'))):
            bad.append('time of %s' % e['id'])
        head = html.unescape(t['text']['headline'])
        if head != shown(e['title']):
            bad.append('headline %r' % head[:40])
        if re.search(r'<[a-zA-Z/!]', t['text']['headline']):
            bad.append('markup in a headline')
        p, frag = html_tree(t['text']['text'])
        bad += dangers(frag, ('div', 'i', 'img'))
        if e['actor_names'] and t.get('group') != e['actor_names'][0]:
            bad.append('group %r' % t.get('group'))
    result('events', not bad, '; '.join(bad[:3]))

sys.exit(1 if failed else 0)
