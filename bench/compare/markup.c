// SPDX-License-Identifier: GPL-2.0
/* The report's markup (markup.h): each element in Markdown and in HTML. */
#include "markup.h"

#include <string.h>

static bool html(const struct markup *m)
{
	return m->lang == MARKUP_HTML;
}

/* Markdown: a blank line between blocks. */
static void md_block(struct markup *m)
{
	if (m->blocks)
		fputc('\n', m->f);
	m->blocks = true;
}

/* HTML: <tag> or <tag class="cls">. */
static void open_tag(struct markup *m, const char *tag, const char *cls)
{
	if (cls)
		fprintf(m->f, "<%s class=\"%s\">", tag, cls);
	else
		fprintf(m->f, "<%s>", tag);
}

static void html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		const char *e = *s == '<'   ? "&lt;"
				: *s == '>' ? "&gt;"
				: *s == '&' ? "&amp;"
				: *s == '"' ? "&quot;"
					    : NULL;

		if (e)
			fputs(e, f);
		else
			fputc(*s, f);
	}
}

static void md_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("|*_<", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

void markup_text(struct markup *m, const char *s)
{
	if (html(m))
		html_text(m->f, s);
	else
		md_text(m->f, s);
}

/* In HTML the class of the enclosing cell or paragraph marks it. */
void markup_strong(struct markup *m, const char *s)
{
	const char *bold = html(m) ? "" : "**";

	fputs(bold, m->f);
	markup_text(m, s);
	fputs(bold, m->f);
}

void markup_span(struct markup *m, const char *cls, const char *s)
{
	if (html(m))
		open_tag(m, "span", cls);
	markup_text(m, s);
	if (html(m))
		fputs("</span>", m->f);
}

const char *markup_plusminus(const struct markup *m)
{
	return html(m) ? "&plusmn;" : "±";
}

void markup_heading_begin(struct markup *m, int level, const char *cls)
{
	char tag[3] = {'h', (char)('0' + level)};

	if (html(m)) {
		open_tag(m, tag, cls);
	} else {
		md_block(m);
		fprintf(m->f, "%.*s ", level, "######");
	}
}

void markup_heading_end(struct markup *m, int level)
{
	if (html(m))
		fprintf(m->f, "</h%d>", level);
	fputc('\n', m->f);
}

/* Markdown: a paragraph with a class (a warning) stands out as a quote. */
void markup_para_begin(struct markup *m, const char *cls)
{
	if (html(m)) {
		open_tag(m, "p", cls);
	} else {
		md_block(m);
		if (cls)
			fputs("> ", m->f);
	}
}

void markup_para_end(struct markup *m)
{
	fputs(html(m) ? "</p>\n" : "\n", m->f);
}

void markup_pre(struct markup *m, const char *s)
{
	size_t n = strlen(s);

	if (html(m)) {
		fputs("<pre>", m->f);
		html_text(m->f, s);
		fputs("</pre>\n", m->f);
	} else {
		md_block(m);
		fprintf(m->f, "```\n%s%s```\n", s,
			n && s[n - 1] != '\n' ? "\n" : "");
	}
}

void markup_table_begin(struct markup *m, const char *cls)
{
	m->ncols = 0;
	if (html(m)) {
		open_tag(m, "table", cls);
		fputs("<tr>", m->f);
	} else {
		md_block(m);
		fputc('|', m->f);
	}
}

void markup_th(struct markup *m, const char *s, bool numeric)
{
	if (m->ncols < sizeof(m->numeric) / sizeof(*m->numeric))
		m->numeric[m->ncols++] = numeric;
	if (html(m)) {
		fputs("<th>", m->f);
		html_text(m->f, s);
		fputs("</th>", m->f);
		return;
	}
	if (s) {
		fputc(' ', m->f);
		md_text(m->f, s);
	}
	fputs(" |", m->f);
}

/* Markdown: the line under the heading aligns the numeric columns right. */
void markup_head_end(struct markup *m)
{
	size_t i;

	if (html(m)) {
		fputs("</tr>\n", m->f);
		return;
	}
	fputs("\n|", m->f);
	for (i = 0; i < m->ncols; i++)
		fputs(m->numeric[i] ? "---:|" : "---|", m->f);
	fputc('\n', m->f);
}

void markup_row_begin(struct markup *m, const char *cls)
{
	m->col = 0;
	if (html(m))
		open_tag(m, "tr", cls);
	else
		fputc('|', m->f);
}

/* HTML: numeric columns have the style's class "n" (right-aligned). */
void markup_cell_begin(struct markup *m, const char *cls)
{
	if (!cls && m->col < m->ncols && m->numeric[m->col])
		cls = "n";
	m->col++;
	if (html(m))
		open_tag(m, "td", cls);
	else
		fputc(' ', m->f);
}

void markup_cell_end(struct markup *m)
{
	fputs(html(m) ? "</td>" : " |", m->f);
}

void markup_row_end(struct markup *m)
{
	fputs(html(m) ? "</tr>\n" : "\n", m->f);
}

void markup_table_end(struct markup *m)
{
	if (html(m))
		fputs("</table>\n", m->f);
}

void markup_charts_begin(struct markup *m)
{
	if (html(m))
		fputs("<div class=\"charts\">\n", m->f);
}

void markup_chart(struct markup *m, const char *name, const char *title)
{
	if (html(m)) {
		fprintf(m->f,
			"<figure class=\"chart\" id=\"chart-%s\">\n<!--chart:%s-->\n<figcaption>",
			name, name);
		html_text(m->f, title);
		fputs("</figcaption></figure>\n", m->f);
	} else {
		md_block(m);
		fputs("![", m->f);
		md_text(m->f, title);
		fprintf(m->f, "](charts/%s.png)\n", name);
	}
}

void markup_charts_end(struct markup *m)
{
	if (html(m))
		fputs("</div>\n", m->f);
}

/* An anchor for links within the page; ids are our own words, not escaped. */
void markup_anchor(struct markup *m, const char *id)
{
	fprintf(m->f, "<a id=\"%s\"></a>", id);
}

void markup_link(struct markup *m, const char *id, const char *s)
{
	if (html(m)) {
		fprintf(m->f, "<a href=\"#%s\">", id);
		markup_text(m, s);
		fputs("</a>", m->f);
	} else {
		fputc('[', m->f);
		markup_text(m, s);
		fprintf(m->f, "](#%s)", id);
	}
}

/* A cell over span columns; Markdown has none: empty cells follow it. */
void markup_wide_cell(struct markup *m, const char *cls, size_t span,
		      const char *s)
{
	size_t i;

	if (html(m)) {
		fprintf(m->f, "<td colspan=\"%zu\"%s%s%s>", span,
			cls ? " class=\"" : "", cls ? cls : "",
			cls ? "\"" : "");
		markup_text(m, s);
		fputs("</td>", m->f);
		m->col += span;
		return;
	}
	markup_cell_begin(m, cls);
	markup_strong(m, s);
	markup_cell_end(m);
	for (i = 1; i < span; i++) {
		markup_cell_begin(m, NULL);
		markup_cell_end(m);
	}
}
