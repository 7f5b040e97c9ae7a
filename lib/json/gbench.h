/* SPDX-License-Identifier: GPL-2.0 */
/* What a benchmark row of Google Benchmark 1.7.1's JSON holds. */
#ifndef GBENCH_JSON_H
#define GBENCH_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

/*
 * True for the keys json_reporter.cc writes in every row (name, indexes,
 * run type, repetitions, threads, aggregate, error, iterations, times,
 * unit, label); any other number in a row is a user counter.
 */
bool gbench_fixed_key(const char *key);

/*
 * The checks every reader of a file's "benchmarks" array makes before it
 * counts a sample: a row is an object; an iteration row (run_type
 * "iteration", or no run_type and no aggregate_name) that did not fail has
 * real_time and cpu_time finite and > 0 and an integer iterations > 0 (as
 * far as it has them); no two rows are the same sample: same name and
 * run_type, and for iteration rows the same repetition_index. Returns 0,
 * or -1 with "path:line:col: benchmarks[i] (name): ..." in err.
 */
int gbench_check_rows(const struct json *benchmarks, const char *path,
		      char *err, size_t errlen);

#endif
