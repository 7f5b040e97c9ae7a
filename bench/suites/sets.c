// SPDX-License-Identifier: GPL-2.0
/*
 * Nightly sets: the whole default nightly (every variant, 9 repetitions)
 * must fit in 15 minutes on 2 cores, so each runs in milliseconds on
 * host/sim. Large sets: the sizes a developer looks at before posting.
 */
#include <stdbool.h>

#include "sets.h"

#define N(s, ...)                   \
	{                           \
		s, false,           \
		{                   \
			__VA_ARGS__ \
		}                   \
	}
#define L(s, ...)                   \
	{                           \
		s, true,            \
		{                   \
			__VA_ARGS__ \
		}                   \
	}

const struct arg_set arg_sets[] = {
	N("table_creation", {"span_gib", 4}),
	N("table_creation", {"span_gib", 64}, {"stride_mib", 64}),
	L("table_creation", {"span_gib", 64}),
	L("table_creation", {"span_gib", 1024}, {"stride_mib", 256}),

	N("prot_fault_storm", {"pages", 2048}),
	L("prot_fault_storm", {"pages", 65536}),

	N("pte_churn", {"interval", 64}),
	N("pte_churn", {"interval", 8}),
	L("pte_churn", {"ws_pages", 4096}, {"interval", 16},
	  {"rewrites", 4096}),

	N("top_level_churn", {"level", 3}),
	N("top_level_churn", {"asce_levels", 4}, {"level", 4}),
	/* region-level unshadows: an entry below the top rewritten */
	N("top_level_churn", {"level", 1}),
	N("top_level_churn", {"level", 2}),
	N("top_level_churn", {"asce_levels", 4}, {"level", 3}),
	L("top_level_churn", {"ws_pages", 1024}, {"rewrites", 256}),

	N("multi_guest", {"guests", 4}),
	L("multi_guest", {"guests", 16}, {"pages", 256}),

	N("large_pages", {"edat", 1}),
	N("large_pages", {"edat", 2}),
	L("large_pages", {"edat", 1}, {"frames", 1024}),

	N("l2_reboot", {"pages", 1024}),
	L("l2_reboot", {"pages", 16384}, {"boots", 16}),

	/* rewrites across the whole top table, its last 4 KiB included */
	N("top_table_sweep", {"level", 3}),
	N("top_table_sweep", {"asce_levels", 1}, {"level", 1}),
	N("top_table_sweep", {"asce_levels", 4}, {"level", 4}),

	/* DAT protection at each level: stores fault, fetches translate */
	N("dat_protection", {"level", 1}),
	N("dat_protection", {"level", 2}),
	N("dat_protection", {"level", 3}),
	N("dat_protection", {"level", 4}),
	N("dat_protection", {"level", 5}),

	/* tables shorter than full: just inside and just past the end */
	N("short_tables", {"asce_levels", 1}, {"limit", 1}, {"length", 1}),
	N("short_tables", {"asce_levels", 3}, {"limit", 1}, {"length", 0}),
	N("short_tables", {"asce_levels", 2}, {"limit", 1}, {"length", 0}),
	N("short_tables", {"asce_levels", 4}, {"limit", 1}, {"length", 2}),
	N("short_tables", {"asce_levels", 2}, {"limit", 2}, {"length", 1}),
	N("short_tables", {"asce_levels", 3}, {"limit", 2}, {"length", 0}),
	N("short_tables", {"asce_levels", 2}, {"limit", 3}, {"length", 2}),
	N("short_tables", {"asce_levels", 3}, {"limit", 3}, {"length", 2}),
	N("short_tables", {"asce_levels", 4}, {"limit", 3}, {"length", 1}),
	/* the region-first entry's TL: the last page of a short region-second
	 * table */
	N("short_tables", {"asce_levels", 4}, {"limit", 2}, {"length", 1}),

	/* CR0.EDAT on and off for the same ASCE */
	N("edat_toggle", {"mode", 1}),
	N("edat_toggle", {"mode", 2}),

	/* L1 changes live entries with CSPG or CRDTE */
	N("l1_insns", {"insn", 1}, {"level", 1}),
	N("l1_insns", {"insn", 2}, {"level", 1}),
	N("l1_insns", {"insn", 1}, {"level", 2}),
	N("l1_insns", {"insn", 2}, {"level", 2}),

	/* L0 changes its backing of L1 under L2's shadow */
	N("l0_events", {"event", 1}),
	N("l0_events", {"event", 2}),
	N("l0_events", {"event", 3}),
	N("l0_events", {"event", 4}),
	N("l0_events", {"event", 4}, {"len_pages", 256}),
	N("l0_events", {"event", 1}, {"target", 2}),
	N("l0_events", {"event", 2}, {"target", 2}),
	N("l0_events", {"event", 1}, {"prefix", 1}),
	L("l0_events", {"event", 2}, {"pages", 16384}, {"rounds", 256}),

	/* every kind of DAT exception L1's tables raise, addressing too */
	N("dat_exceptions", {"kind", 1}),
	N("dat_exceptions", {"kind", 2}),
	N("dat_exceptions", {"kind", 3}),
	N("dat_exceptions", {"kind", 4}),
	N("dat_exceptions", {"kind", 5}),
	N("dat_exceptions", {"kind", 6}),
	N("dat_exceptions", {"kind", 7}),
	N("dat_exceptions", {"kind", 8}),
	N("dat_exceptions", {"kind", 9}),
	N("dat_exceptions", {"kind", 10}),
	N("dat_exceptions", {"kind", 11}),
	N("dat_exceptions", {"kind", 12}),
	N("dat_exceptions", {"kind", 13}),

	/* a fault injected inside L0's shadow operations: allocation
	 * failures, an L0 event or a second vCPU before the nth lock */
	N("races", {"kind", 1}),
	N("races", {"kind", 1}, {"asce_levels", 2}),
	N("races", {"kind", 2}),
	N("races", {"kind", 2}, {"permille", 250}),
	N("races", {"kind", 3}, {"target", 1}),
	N("races", {"kind", 3}, {"target", 2}),
	N("races", {"kind", 3}, {"target", 3}),
	N("races", {"kind", 3}, {"target", 4}),
	N("races", {"kind", 3}, {"target", 5}),
	N("races", {"kind", 3}, {"target", 6}),
	N("races", {"kind", 3}, {"target", 6}, {"event", 2}),
	N("races", {"kind", 3}, {"target", 5}, {"event", 3}),
	N("races", {"kind", 3}, {"target", 5}, {"asce_levels", 3}),
	N("races", {"kind", 3}, {"target", 5}, {"asce_levels", 1}),
	N("races", {"kind", 4}),
	N("races", {"kind", 5}),
	N("races", {"kind", 6}, {"target", 1}),
	N("races", {"kind", 6}, {"target", 4}),
	N("races", {"kind", 6}, {"target", 6}),
	L("races", {"kind", 2}, {"pages", 256}, {"rounds", 1024}),
};

const unsigned int nr_arg_sets = sizeof(arg_sets) / sizeof(arg_sets[0]);
