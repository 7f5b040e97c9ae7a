/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verdict on each variant of a night (docs/verdicts.md): its status
 * over all its comparisons and jobs, and the cells of the report's top
 * table. summary.c, report_doc.c and output_json.c write them.
 */
#ifndef GMAPBENCH_COMPARE_VERDICT_H
#define GMAPBENCH_COMPARE_VERDICT_H

#include "output.h"

/*
 * A peak RSS that grows by more than max(MEMORY_GROWTH_PCT %, MEMORY_GROWTH_MIB)
 * against the baseline's on the same suite is a memory verdict (docs/report.md).
 */
#define MEMORY_GROWTH_PCT 25.0
#define MEMORY_GROWTH_MIB 64.0

struct variant_verdict {
	const char *name;
	enum diff_status status;
	const struct diff *vs_base, *vs_prev; /* NULL when there is none */
	const struct failure *failure; /* the most serious, or NULL */
	char headline[600]; /* for wrong, hung, memory, failed */
	char kernel_work[160];
	char counter[240];
	char timing[240];
};

/* Adds d's memory rows: suites where its peak RSS grew against base's. */
void diff_judge_memory(struct diff *d, const struct night *n, const char *base);

/* One verdict per variant of the report, most serious first; returns how many. */
size_t verdicts_build(const struct report *r, struct variant_verdict **out);

/*
 * Kernel work of d's new file against its old (kernel_work()), as "×0.98
 * (worst ×9.8 pte_churn/...)", or "no kernel_bb" without the counter.
 */
const char *kernel_work_cell(char *buf, size_t len, const struct diff *d);

/* The median over the baseline's benchmarks of the real_time CV in %; NAN without. */
double baseline_cv_median(const struct report *r, size_t *nbench);

/* |ln(new/old)|: how big a change is, for ranking (verdict.c) */
double change_magnitude(double old_v, double new_v);

/* The night's notes under the top table: noise and where its time went. */
void night_notes(FILE *f, const struct report *r);

/* docs/verdicts.md's word for a status: ok, changed, ..., wrong */
const char *status_upper(enum diff_status s);

#endif
