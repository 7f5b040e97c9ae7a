/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The charts of a report: one list for the gnuplot data files
 * (out_plot_data), the Markdown and the HTML, so that they name the same
 * charts.
 */
#ifndef GMAPBENCH_COMPARE_CHARTS_H
#define GMAPBENCH_COMPARE_CHARTS_H

#include "output.h"

struct chart {
	char name[64]; /* charts/<name>.svg, .png; <name>.dat */
	const char
		*kind; /* time, counters, history: scripts/report.d/<kind>.gp */
	char title[512];
	size_t bench; /* time, counters: index in the first old file */
	const struct series *s; /* history */
};

/* The charts of r in *out (to be freed); returns how many. */
size_t charts_list(const struct report *r, struct chart **out);

/* Whether the report has a kernel-work chart (kernel_bb on both sides). */
bool kernel_work_charted(const struct report *r);

/*
 * The files of the night, at most max: the baseline and every variant
 * compared with it, with their labels. Returns how many.
 */
size_t night_files(const struct report *r, struct result_file **v,
		   const char **label, size_t max);

#endif
