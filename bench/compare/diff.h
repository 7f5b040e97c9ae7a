/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One comparison of two result files (old -> new): timings judged with the
 * Mann-Whitney U test and a noise floor, deterministic counters exactly.
 */
#ifndef GMAPBENCH_COMPARE_DIFF_H
#define GMAPBENCH_COMPARE_DIFF_H

#include "results.h"
#include "stats.h"

enum change {
	CH_SAME,
	CH_IMPROVED, /* significantly faster */
	CH_REGRESSED, /* significantly slower */
	CH_CHANGED, /* significant, no better/worse direction known */
};

struct timing_row {
	const char *bench;
	const char *metric; /* real_time, cpu_time, or a measured counter */
	size_t n_old, n_new;
	double old_mean, old_cv, new_mean, new_cv;
	double change_pct; /* (new - old) / old * 100 */
	double floor_pct; /* max(noise floor, 2 x CV of old) */
	struct mwu_result t;
	enum change verdict;
};

enum counter_kind {
	CK_BEHAVIOUR, /* a deterministic counter changed */
	CK_WRONG, /* oracle_mismatches > 0 */
	CK_NONDETERMINISTIC, /* repetitions of one file disagree */
	CK_PRESENCE, /* present on one side only */
};

struct counter_row {
	const char *bench;
	const char *counter;
	double old_v, new_v; /* NAN when absent */
	bool old_present, new_present;
	const char *side; /* for CK_WRONG / CK_NONDETERMINISTIC: "old"/"new" */
	enum counter_kind kind;
};

struct diff_opts {
	double alpha; /* default 0.05 */
	double noise_floor; /* percent, default 5 */
};

/* docs/verdicts.md, from the least to the most serious */
enum diff_status {
	ST_OK,
	ST_CHANGED, /* behaviour changes, nothing faster or slower */
	ST_IMPROVED, /* faster or less kernel work; counters may change */
	ST_REGRESSED,
	ST_FAILED,
	ST_MEMORY,
	ST_HUNG,
	ST_WRONG,
};

/* A suite on which the new variant's peak RSS grew significantly. */
struct memory_row {
	const char *suite;
	double old_kib, new_kib;
};

struct diff {
	const char *kind; /* "baseline", "previous", "files" */
	const char *old_label, *new_label;
	/* new_file is NULL when the variant failed without results */
	struct result_file *old_file, *new_file;
	struct timing_row *t;
	size_t nt;
	struct counter_row *c;
	size_t nc;
	char **only_old, **only_new; /* benchmarks present on one side */
	size_t n_only_old, n_only_new;
	const struct failure
		*failed; /* most serious failure of the new variant */
	size_t nfailed;
	struct memory_row *m; /* peak RSS against the baseline (memory.c) */
	size_t nm;
	size_t regressions, improvements, behaviour, wrong;
	enum diff_status status;
};

bool counter_is_deterministic(const char *name);
void diff_run(struct diff *d, const struct diff_opts *o);
void diff_free(struct diff *d);
const char *diff_status_name(enum diff_status s);
/* The status a failure (a job that did not end done) gives a variant. */
enum diff_status failure_status(const struct failure *f);
/*
 * Exit status wanted for a set of diffs (docs/verdicts.md): 0 nothing an
 * operator must act on, 1 otherwise. Wrong, hung, memory and failed
 * variants and lost benchmarks always count; regressions and behaviour
 * changes of a variant against the baseline only with vs_baseline (a
 * patch that changes the counters it is meant to change is the point of a
 * variant, not an alarm).
 */
int diff_exit_status(const struct diff *d, size_t n, bool vs_baseline);

#endif
