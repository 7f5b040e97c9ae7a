/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sample statistics and the two-sided Mann-Whitney U test, with the choices
 * of scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="auto"):
 * the exact null distribution when either sample has at most 8 values and
 * there are no ties, otherwise the normal approximation with tie and
 * continuity correction.
 */
#ifndef GMAPBENCH_COMPARE_STATS_H
#define GMAPBENCH_COMPARE_STATS_H

#include <stdbool.h>
#include <stddef.h>

double stats_mean(const double *x, size_t n);
double stats_stddev(const double *x, size_t n); /* sample (n - 1) */
double stats_cv(const double *x, size_t n); /* stddev / |mean|, 0 if n < 2 */
double stats_median(const double *x, size_t n);

struct mwu_result {
	double u1; /* U statistic of x, as scipy returns it */
	double p; /* two-sided p-value */
	bool exact; /* exact distribution (else normal approximation) */
};

/* Returns false when a sample is empty or the sizes are too large. */
bool mann_whitney_u(const double *x, size_t n1, const double *y, size_t n2,
		    struct mwu_result *r);

#endif
