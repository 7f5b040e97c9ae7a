/* SPDX-License-Identifier: GPL-2.0 */
/* What a benchmark row of Google Benchmark 1.7.1's JSON holds. */
#ifndef GBENCH_JSON_H
#define GBENCH_JSON_H

#include <stdbool.h>

/*
 * True for the keys json_reporter.cc writes in every row (name, indexes,
 * run type, repetitions, threads, aggregate, error, iterations, times,
 * unit, label); any other number in a row is a user counter.
 */
bool gbench_fixed_key(const char *key);

#endif
