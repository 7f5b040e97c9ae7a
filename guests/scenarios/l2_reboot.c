// SPDX-License-Identifier: GPL-2.0
/*
 * l2_reboot: L2 boots (touches its pages, L1 maps them on demand), then L1
 * tears its gmap down and builds a fresh one for the next boot. The freed
 * tables are reused, so L1's new stores land on pages L0 still protects
 * for the old shadow.
 */
#include "scenario.h"

enum { PAGES, BOOTS, WRITE };

static const struct scenario_param params[] = {
	[PAGES] = {"pages", 1024, 1, 1 << 16, "L2 pages touched per boot"},
	[BOOTS] = {"boots", 4, 1, 1024,
		   "boots of L2 (each but the last ends in a teardown)"},
	[WRITE] = {"write", 1, 0, 1, "L2 stores (1) or fetches (0)"},
};

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->frames[L1_FRAME_PGT] = (a[PAGES] + 255) / 256;
	n->frames[L1_FRAME_CRST] = 1;
	n->frames[L1_FRAME_4K] = 1;
}

static int run(struct l1 *l1, const int64_t *a)
{
	struct l1_gmap g;
	int64_t b;
	int rc;

	rc = scn_alias_init(l1, 1);
	for (b = 0; b < a[BOOTS] && !rc; b++) {
		rc = l1_gmap_create(&g, l1, L1_LVL_SG);
		if (rc)
			break;
		rc = scn_run1(&g, false, 0, L1_PAGE_SIZE, a[PAGES], a[WRITE]);
		l1_gmap_destroy(&g);
	}
	return rc;
}

const struct scenario scn_l2_reboot = {
	.name = "l2_reboot",
	.desc = "L1 tears down and rebuilds an L2 gmap between boots",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
