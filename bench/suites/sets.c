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
	L("top_level_churn", {"ws_pages", 1024}, {"rewrites", 256}),

	N("multi_guest", {"guests", 4}),
	L("multi_guest", {"guests", 16}, {"pages", 256}),

	N("large_pages", {"edat", 1}),
	N("large_pages", {"edat", 2}),
	L("large_pages", {"edat", 1}, {"frames", 1024}),

	N("l2_reboot", {"pages", 1024}),
	L("l2_reboot", {"pages", 16384}, {"boots", 16}),
};

const unsigned int nr_arg_sets = sizeof(arg_sets) / sizeof(arg_sets[0]);
