// SPDX-License-Identifier: GPL-2.0
/*
 * pte_churn: L2 cycles over a working set; every `interval` L2 accesses
 * L1 moves one of its pages to the other of two frames (what KSM, swap or
 * migration in L1 do): invalidate the PTE, store the new one. Each move
 * is a store into a page table L0 shadows.
 */
#include "scenario.h"

enum { WS_PAGES, INTERVAL, REWRITES, WRITE };

static const struct scenario_param params[] = {
	[WS_PAGES] = {"ws_pages", 256, 1, 1 << 16,
		      "L2 working set, pages (contiguous from 0)"},
	[INTERVAL] = {"interval", 64, 1, 1 << 20,
		      "L2 accesses between two PTE rewrites"},
	[REWRITES] = {"rewrites", 256, 0, 1 << 20, "PTE rewrites by L1"},
	[WRITE] = {"write", 0, 0, 1, "L2 stores (1) or fetches (0)"},
};

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t span = (uint64_t)a[WS_PAGES] * L1_PAGE_SIZE;

	n->frames[L1_FRAME_PGT] = (a[WS_PAGES] + 255) / 256;
	n->frames[L1_FRAME_CRST] = scn_crst_for(l1_top_for_span(span), span,
						n->frames[L1_FRAME_PGT]);
	n->frames[L1_FRAME_4K] = 2;
}

/* L2 runs `count` accesses over the working set from page *pos on */
int scn_cycle(struct l1_gmap *g, uint64_t ws, uint64_t *pos, uint64_t count,
	      bool write)
{
	struct l1_l2_run runs[8];
	unsigned int nr = 0;
	uint64_t n;
	int rc = 0;

	while (count && !rc) {
		n = ws - *pos < count ? ws - *pos : count;
		runs[nr++] = (struct l1_l2_run){
			.addr = *pos * L1_PAGE_SIZE,
			.stride = L1_PAGE_SIZE,
			.count = n,
			.flags = write ? L1_RUN_WRITE : 0,
		};
		*pos = (*pos + n) % ws;
		count -= n;
		if (nr == 8 || !count) {
			rc = l1_run_l2(g, false, runs, nr, scn_map_alias, NULL);
			nr = 0;
		}
	}
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t ws = a[WS_PAGES], pos = 0, i, page;
	struct l1_gmap g;
	int64_t r;
	int rc;

	rc = scn_alias_init(l1, 2);
	if (!rc)
		rc = l1_gmap_create(&g, l1, l1_top_for_span(ws * L1_PAGE_SIZE));
	if (rc)
		return rc;
	/* every page on alias frame 0 first; a rewrite flips it */
	for (i = 0; i < ws && !rc; i++)
		rc = l1_gmap_map(&g, i * L1_PAGE_SIZE,
				 scn_frame_alias(l1, i * 2 * L1_PAGE_SIZE),
				 L1_MAP_4K, 0);
	if (!rc)
		rc = scn_cycle(&g, ws, &pos, ws, a[WRITE]);
	for (r = 0; r < a[REWRITES] && !rc; r++) {
		rc = scn_cycle(&g, ws, &pos, a[INTERVAL], a[WRITE]);
		page = r % ws;
		if (!rc)
			rc = l1_gmap_map(
				&g, page * L1_PAGE_SIZE,
				scn_frame_alias(l1, (r / ws + 1) % 2 *
							    L1_PAGE_SIZE),
				L1_MAP_4K, 0);
	}
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_pte_churn = {
	.name = "pte_churn",
	.desc = "L1 rewrites a PTE of L2's working set every interval L2 "
		"accesses",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
