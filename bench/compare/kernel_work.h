/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel work (docs/verdicts.md): the count pass's kernel_bb, the basic
 * blocks the kernel's code ran per iteration, old -> new, and the
 * functions that moved most (<variant>.functions.json).
 */
#ifndef GMAPBENCH_COMPARE_KERNEL_WORK_H
#define GMAPBENCH_COMPARE_KERNEL_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diff.h"

/* kernel_bb*: judged exactly, more is a regression, less an improvement */
bool is_kernel_work(const char *counter);

struct kernel_work {
	size_t n; /* benchmarks with kernel_bb > 0 on both sides */
	double geomean; /* of kernel_bb new/old over them */
	const char *worst; /* the benchmark of the highest ratio */
	double worst_ratio;
	const char *moved; /* the benchmark of the ratio furthest from 1 */
	double moved_ratio;
};

/*
 * Over the benchmarks of suite (all of them when NULL). The one place that
 * computes kernel work: the text and JSON output, the report's top table
 * and its chart use it. Returns false when no benchmark has kernel_bb on
 * both sides.
 */
bool kernel_work(const struct diff *d, const char *suite,
		 struct kernel_work *kw);

struct function_move {
	const char *function;
	double old_v, new_v; /* per iteration; 0 when absent on a side */
};

/*
 * The functions of bench whose count moved most (|new - old|, largest
 * first), at most max of them, from the files' functions; returns how many.
 */
size_t kernel_work_functions(const struct diff *d, const char *bench,
			     struct function_move *out, size_t max);

/*
 * "<new>: kernel work ×9.8 on <benchmark>: f +78.1 M, g -2 k, ...
 * (geometric mean ×1.23 over 19 benchmarks)": the benchmark that moved
 * most and its top functions, or "<new>: kernel work unchanged on 19
 * benchmarks"; nothing without kernel_bb on both sides.
 */
void kernel_work_line(FILE *f, const struct diff *d);

#endif
