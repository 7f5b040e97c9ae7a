/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the output formats write numbers, changes and verdicts: each helper
 * formats into buf (len bytes) and returns it.
 */
#ifndef GMAPBENCH_COMPARE_FMT_H
#define GMAPBENCH_COMPARE_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"

/* real_time or cpu_time: nanoseconds */
bool is_time(const char *metric);
/* 12.34us; "-" for NAN */
/* ns in the unit (ns, us, ms, s) fmt_time uses for |ns|: the divisor */
double fmt_time_scale(double ns, const char **unit);
const char *fmt_time(char *buf, size_t len, double ns);
/* a time for timings, the number for counters; "absent" for NAN */
const char *fmt_value(char *buf, size_t len, const char *metric, double v);
/* +1.23%; "-" when a side is absent, "new" from zero */
const char *fmt_pct(char *buf, size_t len, double old_v, double new_v);
/* one decimal, for the summary headlines */
const char *fmt_pct1(char *buf, size_t len, double old_v, double new_v);

const char *change_name(enum change c);
const char *kind_name(enum counter_kind k);

#endif
