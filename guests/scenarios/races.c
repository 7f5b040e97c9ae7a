// SPDX-License-Identifier: GPL-2.0
/*
 * races: what a busy host does to L0's shadow code in the middle of a
 * shadow operation, made deterministic by the platform's inject hook.
 * Every round L0 first drops the shadow: it swaps out the L1 pages of
 * L2's tables from the top down (every page of a table: the notifier
 * then finds entries its first page already unshadowed, and tables
 * below one already gone), then L2's data page, then the top table's
 * (the whole shadow goes), so that L2's next pass builds it again from
 * the top: acquire the shadow gmap, shadow each table, then each page.
 * During
 * that pass one fault is injected into L0's shadow code, at the nth
 * occasion, n = 1 + round % span:
 *   kind 1  the nth allocation of L0's shadow code fails (-ENOMEM)
 *   kind 2  each allocation fails with probability permille / 1000
 *   kind 3  before the nth lock L0 takes, L0 swaps out, migrates or
 *           write-protects (event) the L1 page of one of L2's tables
 *           or of L2's data (target): L0 unmaps an L1 page between the
 *           kernel's walk and its use of the entry
 *   kind 4  before the nth lock, a second vCPU resolves the same shadow
 *           fault: "Race with shadow"
 *   kind 5  before the nth lock, a second vCPU acquires a shadow of the
 *           same ASCE: "another one was faster", a shadow not yet
 *           initialized
 *   kind 6  kind 3, and the allocation right after the L0 event fails:
 *           the fix-up the event forces runs out of memory
 * The kernel must retry or reflect correctly: the oracle checks every
 * access, and the last pass (no injection) must fault nowhere.
 */
#include "scenario.h"

enum { KIND, SPAN, PERMILLE, TARGET, EVENT, ASCE_LEVELS, PAGES, ROUNDS };

static const struct scenario_param params[] = {
	[KIND] = {"kind", 1, 1, 6,
		  "1 nth allocation fails, 2 allocations fail at a rate, 3 an "
		  "L0 event, 4 a second vCPU's fault, 5 a second vCPU's "
		  "shadow, before the nth lock, 6 kind 3 and an allocation "
		  "failure"},
	[SPAN] = {"span", 64, 1, 4096, "round r injects at n = 1 + r % span"},
	[PERMILLE] = {"permille", 100, 1, 250,
		      "kind 2: the allocations that fail, per thousand"},
	[TARGET] = {"target", 1, 1, 6,
		    "kind 3, 6: the L1 page of 1 the top table, 2..5 the table "
		    "of region-second..page-table level, 6 L2's data"},
	[EVENT] = {"event", 1, 1, 3,
		   "kind 3, 6: 1 swap out, 2 migrate, 3 write-protect"},
	[ASCE_LEVELS] = {"asce_levels", 4, 1, 4,
			 "tables above the page tables: 1 segment-table "
			 "top .. 4 region-first top"},
	[PAGES] = {"pages", 8, 1, 256, "L2 pages, in one segment"},
	[ROUNDS] = {"rounds", 64, 1, 1 << 14,
		    "each: drop the shadow, inject, L2 pass"},
};

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->l0_events = true;
	n->inject = true;
	n->frames[L1_FRAME_PGT] = 1;
	n->frames[L1_FRAME_CRST] = a[ASCE_LEVELS];
	n->frames[L1_FRAME_4K] = a[PAGES];
}

/* The L1 page the L0 event of round r hits (kind 3) */
static uint64_t target_page(struct l1_gmap *g, const int64_t *a, int64_t r)
{
	uint64_t l2 = (uint64_t)(r % a[PAGES]) * L1_PAGE_SIZE;
	enum l1_level lvl = L1_LVL_R1 + (a[TARGET] - 1);
	struct l1_walk w;

	if (a[TARGET] == 1)
		return g->top_origin & ~(L1_PAGE_SIZE - 1);
	l1_gmap_walk(g, l2, &w);
	if (a[TARGET] == 6)
		return w.l1addr & ~(L1_PAGE_SIZE - 1);
	/* a level above the top: the top table itself */
	if (lvl <= g->top)
		return g->top_origin & ~(L1_PAGE_SIZE - 1);
	return w.entry[lvl] & ~(L1_PAGE_SIZE - 1);
}

/*
 * L0 drops L2's shadow: the L1 pages of the tables L2's page 0 is
 * translated through, from the level below the top down (each one whole),
 * L2's data page, then the top table.
 */
static int drop_shadow(struct l1_gmap *g)
{
	struct l1_platform *p = g->l1->plat;
	enum l1_level lvl;
	struct l1_walk w;
	int rc = 0;

	l1_gmap_walk(g, 0, &w);
	for (lvl = g->top + 1; lvl <= L1_LVL_PT && !rc; lvl++) {
		uint64_t size = L1_PAGE_SIZE * (lvl == L1_LVL_PT ? 1 : 4);

		rc = p->l0_event(p->ctx, L1_L0_SWAP, w.entry[lvl] & ~(size - 1),
				 size);
	}
	if (!rc)
		rc = p->l0_event(p->ctx, L1_L0_SWAP,
				 w.l1addr & ~(L1_PAGE_SIZE - 1), L1_PAGE_SIZE);
	if (!rc)
		rc = p->l0_event(p->ctx, L1_L0_SWAP,
				 g->top_origin & ~(L1_PAGE_SIZE - 1),
				 L1_PAGE_SIZE);
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	static const int event[] = {
		[1] = L1_L0_SWAP, [2] = L1_L0_MIGRATE, [3] = L1_L0_WRPROTECT};
	static const int action[] = {[3] = L1_ACT_L0_EVENT,
				     [4] = L1_ACT_SECOND_FAULT,
				     [5] = L1_ACT_SECOND_SHADOW,
				     [6] = L1_ACT_L0_EVENT};
	struct l1_platform *p = l1->plat;
	struct l1_l2_run run = {
		.addr = 0,
		.stride = L1_PAGE_SIZE,
		.count = a[PAGES],
		.flags = L1_RUN_WRITE,
	};
	struct l1_inject off = {.kind = L1_INJ_OFF};
	uint64_t i, faults = 0;
	struct l1_gmap g;
	int64_t r;
	int rc;

	rc = l1_gmap_create(&g, l1, L1_LVL_PT - a[ASCE_LEVELS]);
	for (i = 0; i < (uint64_t)a[PAGES] && !rc; i++)
		rc = scn_map_new(&g, i * L1_PAGE_SIZE, L1_MAP_4K);
	if (!rc)
		rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		struct l1_inject inj = {
			.kind = a[KIND] == 1   ? L1_INJ_ENOMEM
				: a[KIND] == 2 ? L1_INJ_ENOMEM_RATE
					       : L1_INJ_LOCK,
			.nth = 1 + r % a[SPAN],
			.permille = a[PERMILLE],
			.action = action[a[KIND] < 3 ? 3 : a[KIND]],
			.event = event[a[EVENT]],
			.l1addr = target_page(&g, a, r),
			.len = L1_PAGE_SIZE,
			.then_enomem = a[KIND] == 6,
		};

		/* the pass builds the shadow again */
		rc = drop_shadow(&g);
		if (!rc)
			rc = p->inject(p->ctx, &inj);
		if (!rc)
			rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
		if (!rc)
			rc = p->inject(p->ctx, &off);
	}
	if (!rc)
		rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
	if (!rc && faults)
		rc = -95;
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_races = {
	.name = "races",
	.desc = "an allocation failure, an L0 event or a second vCPU inside "
		"L0's shadow operations",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
