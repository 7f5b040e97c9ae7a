// SPDX-License-Identifier: GPL-2.0
/*
 * prot_fault_storm: L1 populates on demand. Its page tables exist (page 0
 * of every segment is mapped) and L0 shadows them at L2's first touch;
 * each further L2 page is a fault reflected to L1, whose PTE store hits
 * the page table L0 protects: a protection fault and a page-table
 * unshadow per page, then L0 shadows the table again.
 */
#include "scenario.h"

enum { PAGES, PAGES_PER_SEGMENT, WRITE };

static const struct scenario_param params[] = {
	[PAGES] = {"pages", 2048, 1, 1 << 20, "L2 pages touched"},
	[PAGES_PER_SEGMENT] = {"pages_per_segment", 256, 1, 256,
			       "of them in each 1 MiB segment"},
	[WRITE] = {"write", 1, 0, 1, "L2 stores (1) or fetches (0)"},
};

static uint64_t segments(const int64_t *a)
{
	return ((uint64_t)a[PAGES] + a[PAGES_PER_SEGMENT] - 1) /
	       a[PAGES_PER_SEGMENT];
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t span = segments(a) * L1_SEG_SIZE;

	n->frames[L1_FRAME_PGT] = segments(a);
	n->frames[L1_FRAME_CRST] =
		scn_crst_for(l1_top_for_span(span), span, segments(a));
	n->frames[L1_FRAME_4K] = 1;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t nseg = segments(a), s, left = a[PAGES], cnt;
	struct l1_gmap g;
	int rc;

	rc = scn_alias_init(l1, 1);
	if (!rc)
		rc = l1_gmap_create(&g, l1,
				    l1_top_for_span(nseg * L1_SEG_SIZE));
	if (rc)
		return rc;
	for (s = 0; s < nseg && !rc; s++)
		rc = l1_gmap_map(&g, s * L1_SEG_SIZE, scn_frame_alias(l1, 0),
				 L1_MAP_4K, 0);
	for (s = 0; s < nseg && !rc; s++) {
		cnt = left < (uint64_t)a[PAGES_PER_SEGMENT]
			      ? left
			      : (uint64_t)a[PAGES_PER_SEGMENT];
		rc = scn_run1(&g, false, s * L1_SEG_SIZE, L1_PAGE_SIZE, cnt,
			      a[WRITE]);
		left -= cnt;
	}
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_prot_fault_storm = {
	.name = "prot_fault_storm",
	.desc = "on-demand population into shadowed page tables: protection "
		"faults and page-table unshadows",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
