/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L1 platform on host/sim: L1's loads and stores and SIE go through
 * the simulated machine (host/sim/gsim.h). Hosted code (not freestanding).
 */
#ifndef GMAPBENCH_L1_PLATFORM_SIM_H
#define GMAPBENCH_L1_PLATFORM_SIM_H

#include "gsim.h"
#include "platform.h"

/* L1 keeps [0, L1_SIM_HEAP_START) for itself; its frames come from above */
#define L1_SIM_HEAP_START L1_HEAP_START

/*
 * Fills *p for the machine g, created from cfg (its memory size and the
 * EDAT facilities offered to L1). No clock hook if clock is false (for
 * bit-reproducible runs), no log hook (set p->log to have one).
 */
void l1_sim_platform(struct l1_platform *p, struct gsim *g,
		     const struct gsim_config *cfg, bool clock);

#endif /* GMAPBENCH_L1_PLATFORM_SIM_H */
