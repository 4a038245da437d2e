/*
 * export-html.c: the HTML export, one self-contained HTML5 file: inline
 * CSS (dark and light by prefers-color-scheme, a print sheet), no script,
 * no external resource (a Content-Security-Policy says so to the
 * browser), a table of contents by day, an id per day and per event.
 * Every content string is escaped; only http and https URLs become links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static const char html_style[] =
":root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fdfdfb;--dim:#5f6368;"
"--rule:#d8d8d2;--accent:#8a3b12;--quote:#f3f1ea}\n"
"@media (prefers-color-scheme:dark){:root{--fg:#e6e4de;--bg:#17181a;"
"--dim:#a0a4aa;--rule:#3a3c40;--accent:#f0a36a;--quote:#222427}}\n"
"body{margin:0 auto;max-width:46rem;padding:1.5rem 1rem;background:"
"var(--bg);color:var(--fg);font:1.05rem/1.55 Georgia,'Times New Roman',"
"serif;overflow-wrap:anywhere}\n"
"h1,h2,h3,nav,.meta,figcaption,footer{font-family:system-ui,sans-serif}\n"
"h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2.2rem 0 "
".6rem;padding-bottom:.2rem;border-bottom:1px solid var(--rule)}\n"
"h3{font-size:1.05rem;margin:1.6rem 0 .3rem}\n"
"a{color:var(--accent)}.meta,figcaption,.lede,footer{color:var(--dim);"
"font-size:.9rem}\n"
".summary,.note{white-space:pre-line}\n"
"blockquote{margin:.8rem 0 .2rem;padding:.5rem .9rem;border-left:3px solid "
"var(--accent);background:var(--quote);white-space:pre-line}\n"
"figure{margin:0 0 1rem}.approx{color:var(--dim)}\n"
".mark{font-weight:bold;color:var(--accent)}\n"
"nav ol{columns:2;padding-left:1.2rem}\n"
"@media print{:root{--fg:#000;--bg:#fff;--dim:#333;--quote:#fff;"
"--accent:#000}body{max-width:none;font-size:11pt}nav{display:none}"
"article{break-inside:avoid}h2{break-after:avoid}"
"figcaption a[href]::after{content:\" <\" attr(href) \">\"}}\n";

void
export_html_escape(struct buf *b, const char *s)
{
	struct buf	 t;
	const char	*p;

	buf_init(&t);
	export_clean(&t, s);
	for (p = t.data; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *p);
		}
	}
	buf_free(&t);
}

/* Writes s escaped to out. */
static void
html_put(FILE *out, const char *s)
{
	struct buf	b;

	buf_init(&b);
	export_html_escape(&b, s);
	fputs(buf_str(&b), out);
	buf_free(&b);
}

/* Title (a link when it may be), publisher and date, into b. */
static void
html_cite(struct buf *b, const char *title, const char *url,
    const char *publisher, const char *published)
{
	buf_adds(b, "<cite>");
	if (export_url_linkable(url)) {
		buf_adds(b, "<a href=\"");
		export_html_escape(b, url);
		buf_adds(b, "\">");
		export_html_escape(b, title);
		buf_adds(b, "</a>");
	} else
		export_html_escape(b, title);
	buf_adds(b, "</cite>");
	if (publisher != NULL) {
		buf_adds(b, ", ");
		export_html_escape(b, publisher);
	}
	if (published != NULL) {
		buf_adds(b, ", <time>");
		export_html_escape(b, published);
		buf_adds(b, "</time>");
	}
	/* A URL that is not a link is still shown, as text. */
	if (url != NULL && !export_url_linkable(url)) {
		buf_adds(b, ", <span class=\"url\">");
		export_html_escape(b, url);
		buf_adds(b, "</span>");
	}
}

void
export_html_body(struct buf *b, const struct store_detail *d,
    const struct export_personal *p)
{
	const struct store_excerpt	*x;
	int				 i;

	if (p != NULL && p->marked)
		buf_adds(b, "<p class=\"mark\">Marked</p>\n");
	if (p != NULL && p->note != NULL) {
		buf_adds(b, "<p class=\"note\" dir=\"auto\"><b>My note:</b> ");
		export_html_escape(b, p->note);
		buf_adds(b, "</p>\n");
	}
	if (d->summary != NULL) {
		buf_adds(b, "<p class=\"summary\" dir=\"auto\">");
		export_html_escape(b, d->summary);
		buf_adds(b, "</p>\n");
	}
	for (i = 0; i < d->nexcerpts; i++) {
		x = &d->excerpts[i];
		buf_adds(b, "<figure>\n<blockquote");
		if (export_url_linkable(x->url)) {
			buf_adds(b, " cite=\"");
			export_html_escape(b, x->url);
			buf_addc(b, '"');
		}
		buf_adds(b, " dir=\"auto\">");
		export_html_escape(b, x->quote);
		buf_adds(b, "</blockquote>\n<figcaption>\xe2\x80\x94 ");
		html_cite(b, x->source_title, x->url, x->publisher,
		    x->published);
		buf_adds(b, "</figcaption>\n</figure>\n");
		if (x->note != NULL) {
			buf_adds(b, "<p class=\"note\" dir=\"auto\">"
			    "<b>Note:</b> ");
			export_html_escape(b, x->note);
			buf_adds(b, "</p>\n");
		}
	}
}

static void
html_begin(struct export_ctx *c)
{
	const char	*title = c->o->title != NULL ? c->o->title : "dossier";
	char		 name[16];
	size_t		 i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<meta name=\"generator\" content=\"dossier " DOSSIER_VERSION
	    "\">\n<title>", c->out);
	html_put(c->out, title);
	fprintf(c->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1 dir=\"auto\">", html_style);
	html_put(c->out, title);
	fprintf(c->out, "</h1>\n<p class=\"lede\">%lld event%s. A date marked "
	    "~ is inferred, not stated.</p>\n</header>\n",
	    (long long)c->events, c->events == 1 ? "" : "s");
	if (c->ndays == 0)
		return;
	fputs("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Days"
	    "</h2>\n<ol>\n", c->out);
	for (i = 0; i < c->ndays; i++) {
		export_day_name(c->days[i].date, name);
		/* "_" is in no event id, so day ids never meet them. */
		fprintf(c->out, "<li><a href=\"#day_%s\">%s</a> (%lld)</li>\n",
		    c->days[i].date, name, (long long)c->days[i].events);
	}
	fputs("</ol>\n</nav>\n<main>\n", c->out);
}

static void
html_day(struct export_ctx *c, const struct export_day *d)
{
	char	name[16];

	export_day_name(d->date, name);
	if (d != c->days)
		fputs("</section>\n", c->out);
	fprintf(c->out, "<section id=\"day_%s\">\n<h2><time datetime=\"%s\">"
	    "%s</time>%s</h2>\n", d->date, d->date, name,
	    d->approximate == d->events ? " <span class=\"approx\">~</span>" :
	    "");
}

static void
html_event(struct export_ctx *c, const struct store_detail *d,
    const struct export_personal *p)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	buf_adds(&b, "<article id=\"");
	export_html_escape(&b, d->id);
	buf_adds(&b, "\">\n<h3 dir=\"auto\">");
	if (d->time[0] != '\0')
		buf_addf(&b, "<time datetime=\"%sT%s\">%s</time> ", d->date,
		    d->time, d->time);
	export_html_escape(&b, d->title);
	if (d->approximate && (c->day == NULL ||
	    c->day->approximate != c->day->events))
		buf_adds(&b, " <span class=\"approx\">~</span>");
	buf_adds(&b, "</h3>\n");
	if (d->nactors + d->ntags > 0) {
		buf_adds(&b, "<p class=\"meta\">");
		for (i = 0; i < d->nactors; i++) {
			buf_adds(&b, i == 0 ? "Actors: " : ", ");
			export_html_escape(&b, d->actors[i].name);
		}
		for (i = 0; i < d->ntags; i++) {
			if (i == 0)
				buf_adds(&b, d->nactors > 0 ?
				    " \xc2\xb7 Tags: " : "Tags: ");
			else
				buf_adds(&b, ", ");
			export_html_escape(&b, d->tags[i]);
		}
		buf_adds(&b, "</p>\n");
	}
	export_html_body(&b, d, p);
	buf_adds(&b, "</article>\n");
	fputs(buf_str(&b), c->out);
	buf_free(&b);
}

static void
html_end(struct export_ctx *c)
{
	struct buf	b;
	size_t		i;

	if (c->ndays > 0)
		fputs("</section>\n</main>\n", c->out);
	if (c->nsources > 0) {
		buf_init(&b);
		buf_adds(&b, "<section id=\"sources\">\n<h2>Sources</h2>\n"
		    "<ul>\n");
		for (i = 0; i < c->nsources; i++) {
			buf_adds(&b, "<li>");
			html_cite(&b, c->sources[i].title, c->sources[i].url,
			    c->sources[i].publisher, c->sources[i].published);
			buf_adds(&b, "</li>\n");
		}
		buf_adds(&b, "</ul>\n</section>\n");
		fputs(buf_str(&b), c->out);
		buf_free(&b);
	}
	fputs("<footer><p>Exported by dossier " DOSSIER_VERSION ".</p>"
	    "</footer>\n</body>\n</html>\n", c->out);
}

const struct export_writer export_html_writer = {
	.name = "html",
	.ext = ".html",
	.begin = html_begin,
	.day = html_day,
	.event = html_event,
	.end = html_end,
};
