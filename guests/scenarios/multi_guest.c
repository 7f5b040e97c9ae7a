// SPDX-License-Identifier: GPL-2.0
/*
 * multi_guest: N L2 guests, each with its own gmap and ASCE, run round
 * robin over the same-sized working set: L0 creates one shadow gmap per
 * guest, then finds it again (or not, if it keeps too few).
 */
#include "scenario.h"

enum { GUESTS, PAGES, ROUNDS, WRITE };

#define MAX_GUESTS 64

static const struct scenario_param params[] = {
	[GUESTS] = {"guests", 4, 1, MAX_GUESTS, "L2 guests"},
	[PAGES] = {"pages", 64, 1, 1 << 16, "pages each guest touches"},
	[ROUNDS] = {"rounds", 16, 1, 1 << 16,
		    "round-robin rounds (one SIE per guest each)"},
	[WRITE] = {"write", 0, 0, 1, "L2 stores (1) or fetches (0)"},
};

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->frames[L1_FRAME_PGT] = a[GUESTS] * ((a[PAGES] + 255) / 256);
	n->frames[L1_FRAME_CRST] = a[GUESTS];
	n->frames[L1_FRAME_4K] = 1;
}

static int run(struct l1 *l1, const int64_t *a)
{
	static struct l1_gmap g[MAX_GUESTS];
	uint64_t pages = a[PAGES], i;
	int64_t n = a[GUESTS], k, made = 0, r;
	int rc;

	rc = scn_alias_init(l1, 1);
	for (k = 0; k < n && !rc; k++) {
		rc = l1_gmap_create(&g[k], l1, L1_LVL_SG);
		made += !rc;
		for (i = 0; i < pages && !rc; i++)
			rc = l1_gmap_map(&g[k], i * L1_PAGE_SIZE,
					 scn_frame_alias(l1, 0), L1_MAP_4K, 0);
	}
	for (r = 0; r < a[ROUNDS] && !rc; r++)
		for (k = 0; k < n && !rc; k++)
			rc = scn_run1(&g[k], false, 0, L1_PAGE_SIZE, pages,
				      a[WRITE]);
	for (k = 0; k < made; k++)
		l1_gmap_destroy(&g[k]);
	return rc;
}

const struct scenario scn_multi_guest = {
	.name = "multi_guest",
	.desc = "N L2 guests round robin: shadow gmap create versus reuse",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
