// SPDX-License-Identifier: GPL-2.0
/*
 * The machine the current thread runs, as the kernel code sees it (its
 * per-thread globals), and the simulation's error and mismatch reports.
 * Every other file of l0 uses these; this one uses none of them.
 */
#include <stdarg.h>

#include "sim.h"

__thread struct gsim *sim_cur;
/* The kernel code's globals, per thread: one machine per thread. */
__thread struct page *mem_map;
__thread unsigned long sim_arena_pfn0;

void sim_enter(struct gsim *g)
{
	sim_cur = g;
	mem_map = g->mem_map;
	sim_arena_pfn0 = g->base >> PAGE_SHIFT;
}

void sim_error(struct gsim *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->err, sizeof(g->err), fmt, ap);
	va_end(ap);
}

void sim_mismatch(struct gsim *g, int kind, const char *msg)
{
	g->c[SC_oracle_mismatches]++;
	g->mismatches.count[kind]++;
	if (!g->mismatches.first[kind][0])
		snprintf(g->mismatches.first[kind],
			 sizeof(g->mismatches.first[kind]), "%s", msg);
	if (!g->mismatches.first_kind)
		g->mismatches.first_kind = kind;
	sim_error(g, "oracle: %s", msg);
}
