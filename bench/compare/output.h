/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What gmapbench-compare writes: the text table (output_text.c), JSON for
 * machines and verdict.json (output_json.c), the mailing-list summary
 * (summary.c), the report's Markdown and HTML sections (report_doc.c), and
 * the data files scripts/report turns into gnuplot charts (charts.c).
 */
#ifndef GMAPBENCH_COMPARE_OUTPUT_H
#define GMAPBENCH_COMPARE_OUTPUT_H

#include <stdio.h>

#include "diff.h"
#include "history.h"

struct report {
	struct diff *d;
	size_t nd;
	struct history *h; /* NULL without --history */
	const struct diff_opts *o;
	struct night *night; /* the night compared, or NULL */
	int exit_status;
	bool exit_vs_baseline; /* --exit-on=all (else previous) */
};

void out_text(FILE *f, const struct report *r);
/* The change points as out_text lists them (the summary ends with them). */
void out_text_change_points(FILE *f, const struct history *h);
void out_json(FILE *f, const struct report *r);
void out_verdict(FILE *f, const struct report *r);
void out_summary(FILE *f, const struct report *r);
void out_markdown(FILE *f, const struct report *r);
void out_html(FILE *f, const struct report *r);

/*
 * Writes DIR/charts.tsv (one chart a line: name, kind, title) and DIR/<name>.dat
 * for each; kinds: time, counters, history. Returns 0 or -1 (errno).
 */
int out_plot_data(const char *dir, const struct report *r);

#endif
