// SPDX-License-Identifier: GPL-2.0
/* The SIE loop of L1: run L2, map on demand what it faults on, resume. */
#include "l1.h"

/* The SIE block for L2 on g, at the start of runs */
static struct l1_sie sie_for(const struct l1_gmap *g, bool edat,
			     const struct l1_l2_run *runs, size_t nr_runs)
{
	return (struct l1_sie){
		.asce = g->asce,
		.cr0_edat = edat,
		.has_prefix = g->has_prefix,
		.prefix = g->prefix,
		.runs = runs,
		.nr_runs = nr_runs,
	};
}

/* One SIE, counted: 1 for an exception reflected to L1 (remembered), 0
 * when L2 ran every access, or a negative error */
static int sie_once(struct l1 *l1, struct l1_sie *sie)
{
	struct l1_platform *p = l1->plat;
	int rc = p->sie(p->ctx, sie);

	l1->stats.sies++;
	if (rc)
		return rc;
	l1->stats.accesses += sie->accesses;
	if (sie->exit == L1_EXIT_DONE)
		return 0;
	if (sie->exit == L1_EXIT_VALIDITY)
		return L1_ERR_VALIDITY;
	l1->stats.reflected++;
	l1->last_pgm = sie->pgm_code;
	l1->last_exc_addr = sie->trans_exc_addr;
	return 1;
}

int l1_run_l2(struct l1_gmap *g, bool edat, const struct l1_l2_run *runs,
	      size_t nr_runs, l1_fault_fn fault, void *arg)
{
	struct l1 *l1 = g->l1;
	struct l1_sie sie = sie_for(g, edat, runs, nr_runs);
	uint64_t last_addr = ~0ULL;
	uint16_t last_code = 0;
	int rc;

	for (;;) {
		rc = sie_once(l1, &sie);
		if (rc <= 0)
			return rc ? rc : l1->err;
		if (!sie.accesses && sie.trans_exc_addr == last_addr &&
		    sie.pgm_code == last_code)
			return L1_ERR_NO_PROGRESS; /* mapped, yet faults again */
		last_addr = sie.trans_exc_addr;
		last_code = sie.pgm_code;
		rc = fault ? fault(arg, g, &sie) : -14;
		if (rc)
			return rc;
		if (l1->err)
			return l1->err;
	}
}

int l1_run_l2_deliver(struct l1_gmap *g, bool edat,
		      const struct l1_l2_run *runs, size_t nr_runs,
		      uint64_t *faults)
{
	struct l1 *l1 = g->l1;
	struct l1_sie sie = sie_for(g, edat, runs, nr_runs);
	int rc;

	while (sie.run < nr_runs) {
		rc = sie_once(l1, &sie);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
		if (faults)
			(*faults)++;
		if (++sie.done >= runs[sie.run].count) {
			sie.run++;
			sie.done = 0;
		}
	}
	return l1->err;
}
