/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The markup the report is written in (report_doc.c walks the report once
 * for both): Markdown for report.md, HTML for report.html.
 *
 * Blocks (headings, paragraphs, tables, preformatted text, charts) follow
 * each other; Markdown separates them with a blank line. css classes
 * ("good", "bad", "info", "ok", "warning") colour what HTML shows;
 * Markdown has no colours and sets what markup_strong() writes in bold
 * instead, so the walker passes both and each language uses its own.
 */
#ifndef GMAPBENCH_COMPARE_MARKUP_H
#define GMAPBENCH_COMPARE_MARKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum markup_lang {
	MARKUP_MARKDOWN,
	MARKUP_HTML,
};

struct markup {
	enum markup_lang lang;
	FILE *f;
	bool blocks; /* a block was written */
	size_t col, ncols; /* the current cell's column; the table's columns */
	bool numeric[32]; /* right-aligned columns (HTML: class "n") */
};

/* Text, escaped; strong: bold in Markdown, plain in HTML (see above). */
void markup_text(struct markup *m, const char *s);
void markup_strong(struct markup *m, const char *s);
void markup_span(struct markup *m, const char *cls, const char *s);
const char *markup_plusminus(const struct markup *m);

/* Links within the page: an anchor (before a heading) and a link to it. */
void markup_anchor(struct markup *m, const char *id);
void markup_link(struct markup *m, const char *id, const char *s);

/* Blocks. level is 1 or 2; a cls may be NULL. */
void markup_heading_begin(struct markup *m, int level, const char *cls);
void markup_heading_end(struct markup *m, int level);
void markup_para_begin(struct markup *m, const char *cls);
void markup_para_end(struct markup *m);
/* a block of s as it is (a log) */
void markup_pre(struct markup *m, const char *s);

/*
 * A table: table_begin, th() for each column (s NULL: no heading),
 * head_end, then rows of cells. A row's cls NULL is no class, "" an empty
 * one (HTML keeps the attribute).
 */
void markup_table_begin(struct markup *m, const char *cls);
void markup_th(struct markup *m, const char *s, bool numeric);
void markup_head_end(struct markup *m);
void markup_row_begin(struct markup *m, const char *cls);
void markup_cell_begin(struct markup *m, const char *cls);
void markup_cell_end(struct markup *m);
void markup_row_end(struct markup *m);
/* one cell over span columns (Markdown: followed by empty ones) */
void markup_wide_cell(struct markup *m, const char *cls, size_t span,
		      const char *s);
void markup_table_end(struct markup *m);

/*
 * charts/<name>: Markdown links the PNG; HTML leaves a marker in a
 * <figure> that scripts/report replaces with the SVG.
 */
void markup_charts_begin(struct markup *m);
void markup_chart(struct markup *m, const char *name, const char *title);
void markup_charts_end(struct markup *m);

#endif
