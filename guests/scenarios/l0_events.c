// SPDX-License-Identifier: GPL-2.0
/*
 * l0_events: L0 changes how it backs L1's memory while L2 runs: it swaps
 * out, migrates or write-protects the L1 pages that hold L2's data or
 * L2's page tables, or discards L1 memory that held L2's data (a page,
 * or a whole segment). The shadow entries made from those pages must go
 * (ptep_notify -> gmap_shadow_notify), and L2's next touch must reach
 * the new frame. With prefix:1, L2's prefix area is L2's first two
 * pages, and L1 also remaps page 0 every round: a store near L2's
 * prefix, which the vSIE notifier must see (map_prefix again).
 */
#include "scenario.h"

enum { EVENT, TARGET, PAGES, LEN_PAGES, ROUNDS, WRITE, PREFIX };

static const struct scenario_param params[] = {
	[EVENT] = {"event", 1, 1, 4,
		   "1 swap out, 2 migrate, 3 write-protect, 4 discard"},
	[TARGET] = {"target", 1, 1, 2,
		    "L1 pages holding 1: L2's data, 2: L2's page tables"},
	[PAGES] = {"pages", 512, 2, 1 << 16,
		   "L2 pages, each on its own L1 frame"},
	[LEN_PAGES] = {"len_pages", 1, 1, 256,
		       "L1 pages per event (256 with target 1: a segment)"},
	[ROUNDS] = {"rounds", 8, 1, 1 << 12, "L2 pass, then an L0 event"},
	[WRITE] = {"write", 1, 0, 1, "L2 stores (1) or fetches (0)"},
	[PREFIX] = {"prefix", 0, 0, 1,
		    "L2's prefix on its first pages, remapped each round"},
};

static int validate(const int64_t *a, struct l1_buf *err)
{
	if (a[EVENT] == 4 && a[TARGET] != 1) {
		l1_buf_str(err, "l0_events: discard (event 4) only of L2's "
				"data (target 1): L1 still needs its tables");
		return -22;
	}
	if (a[LEN_PAGES] != 1 && a[LEN_PAGES] != 256) {
		l1_buf_str(err, "l0_events: len_pages is 1 or 256");
		return -22;
	}
	return 0;
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t span = (uint64_t)a[PAGES] * L1_PAGE_SIZE;

	n->l0_events = true;
	n->frames[L1_FRAME_PGT] = (a[PAGES] + 255) / 256;
	n->frames[L1_FRAME_CRST] = scn_crst_for(l1_top_for_span(span), span,
						n->frames[L1_FRAME_PGT]);
	n->frames[L1_FRAME_4K] = a[PAGES] + (a[PREFIX] ? a[ROUNDS] : 0);
}

/* The L1 page the event hits in round r: L2 page r's frame or table */
static uint64_t target_page(struct l1_gmap *g, const int64_t *a, int64_t r)
{
	uint64_t l2 = (uint64_t)(r * 97 % a[PAGES]) * L1_PAGE_SIZE;
	struct l1_walk w;

	l1_gmap_walk(g, l2, &w);
	if (a[TARGET] == 2)
		return w.entry[L1_LVL_PT] & ~(L1_PAGE_SIZE - 1);
	if (a[LEN_PAGES] == 256)
		return w.l1addr & ~(L1_SEG_SIZE - 1);
	return w.l1addr & ~(L1_PAGE_SIZE - 1);
}

static int run(struct l1 *l1, const int64_t *a)
{
	static const int event[] = {[1] = L1_L0_SWAP,
				    [2] = L1_L0_MIGRATE,
				    [3] = L1_L0_WRPROTECT,
				    [4] = L1_L0_DISCARD};
	struct l1_platform *p = l1->plat;
	uint64_t ws = a[PAGES], i, faults = 0;
	struct l1_l2_run run = {
		.addr = 0,
		.stride = L1_PAGE_SIZE,
		.count = ws,
		.flags = a[WRITE] ? L1_RUN_WRITE : 0,
	};
	struct l1_gmap g;
	int64_t r;
	int rc;

	rc = l1_gmap_create(&g, l1, l1_top_for_span(ws * L1_PAGE_SIZE));
	g.has_prefix = a[PREFIX];
	for (i = 0; i < ws && !rc; i++)
		rc = scn_map_new(&g, i * L1_PAGE_SIZE, L1_MAP_4K);
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
		if (!rc)
			rc = p->l0_event(p->ctx, event[a[EVENT]],
					 target_page(&g, a, r),
					 a[LEN_PAGES] * L1_PAGE_SIZE);
		if (!rc && a[PREFIX])
			rc = scn_map_new(&g, 0, L1_MAP_4K);
	}
	if (!rc)
		rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
	if (!rc && faults)
		rc = -95;
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_l0_events = {
	.name = "l0_events",
	.desc = "L0 swaps out, migrates, write-protects or discards L1's "
		"pages under L2's shadow",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
