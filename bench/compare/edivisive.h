/* SPDX-License-Identifier: GPL-2.0 */
/*
 * E-divisive means change-point detection (Matteson & James 2014, as used
 * by MongoDB's signal-processing-algorithms and Apache Otava/Hunter):
 * hierarchical bisection on the energy statistic q-hat, each candidate
 * kept only if a permutation test (seeded, so deterministic) finds it
 * significant at level alpha.
 */
#ifndef GMAPBENCH_COMPARE_EDIVISIVE_H
#define GMAPBENCH_COMPARE_EDIVISIVE_H

#include <stddef.h>
#include <stdint.h>

struct change_point {
	size_t index; /* first point of the new segment */
	double qhat;
	double p; /* permutation p-value */
};

struct edivisive_opts {
	double alpha; /* default 0.05 */
	int permutations; /* default 199 */
	size_t min_size; /* smallest segment, default 2 */
	uint64_t seed;
};

/*
 * Finds change points in x[0..n), sorted by index; returns how many were
 * written (at most max).
 */
size_t edivisive(const double *x, size_t n, const struct edivisive_opts *o,
		 struct change_point *out, size_t max);

uint64_t edivisive_seed(const char *key); /* FNV-1a of a series name */

#endif
