/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The side file of gmapbench --gmap_cost_out (docs/verdicts.md): JSON,
 * benchmark -> function -> basic blocks per iteration, written to a
 * temporary name and renamed when closed.
 */
#ifndef GMAPBENCH_SIM_COST_OUT_H
#define GMAPBENCH_SIM_COST_OUT_H

#include <stdint.h>

#include "cost.h"

struct cost_out;

/* NULL with a message in err when path cannot be written */
struct cost_out *cost_out_open(const char *path, char *err, size_t errlen);
/* what bench counted in iterations; bench again (a repetition) replaces it */
void cost_out_add(struct cost_out *o, const char *bench,
		  const struct cost_totals *t, int64_t iterations);
/* writes, renames and frees; -1 with a message in err on failure */
int cost_out_close(struct cost_out *o, char *err, size_t errlen);

#endif
