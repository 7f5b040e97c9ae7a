// SPDX-License-Identifier: GPL-2.0
/*
 * l1_insns: L1 changes live entries of L2's tables with its own
 * instructions, as Linux does besides plain stores: CSPG sets the invalid
 * bit of the old entry (and purges) before L1 stores the new one, or
 * CRDTE replaces a valid entry by another valid one in one go. Every
 * `interval` L2 accesses L1 moves one L2 page to its other frame (level
 * 1: the PTE) or one segment to its other page table (level 2: the
 * segment-table entry; the two page tables map the segment's pages to
 * different frames). Each change is a store into a page L0 protects.
 */
#include "scenario.h"

enum { INSN, LEVEL, SEGMENTS, INTERVAL, REWRITES };

static const struct scenario_param params[] = {
	[INSN] = {"insn", 1, 1, 2, "1: CSPG then a store, 2: CRDTE"},
	[LEVEL] = {"level", 1, 1, 2, "entries changed: 1 PTE, 2 segment"},
	[SEGMENTS] = {"segments", 2, 1, 64, "segments of 256 L2 pages"},
	[INTERVAL] = {"interval", 64, 1, 1 << 20,
		      "L2 accesses between two changes"},
	[REWRITES] = {"rewrites", 64, 1, 1 << 16, "entries L1 changes"},
};

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->frames[L1_FRAME_1M] = 2 * a[SEGMENTS];
	n->frames[L1_FRAME_PGT] = 2 * a[SEGMENTS];
	n->frames[L1_FRAME_CRST] = 2;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t frames[2][64], pgt[2][64], nseg = a[SEGMENTS], faults = 0;
	uint64_t ws = nseg * L1_PT_ENTRIES, pos = 0, n, s, j, page;
	struct l1_l2_run run;
	struct l1_gmap g;
	int64_t r;
	int rc, k;

	rc = l1_gmap_create(&g, l1, L1_LVL_SG);
	/* each page has a frame in each of two 1 MiB blocks per segment */
	for (s = 0; s < nseg && !rc; s++) {
		for (k = 0; k < 2; k++) {
			frames[k][s] = l1_alloc(l1, L1_FRAME_1M);
			if (frames[k][s] == L1_NO_FRAME)
				rc = -12;
		}
		for (j = 0; j < L1_PT_ENTRIES && !rc; j++)
			rc = l1_gmap_map(&g, s * L1_SEG_SIZE + j * L1_PAGE_SIZE,
					 frames[0][s] + j * L1_PAGE_SIZE,
					 L1_MAP_4K, 0);
		if (rc)
			break;
		/* the other page table of the segment: the other frames */
		pgt[1][s] = l1_alloc(l1, L1_FRAME_PGT);
		if (pgt[1][s] == L1_NO_FRAME)
			return -12;
		for (j = 0; j < L1_PT_ENTRIES; j++)
			l1_store(l1, pgt[1][s] + 8 * j,
				 frames[1][s] + j * L1_PAGE_SIZE);
	}
	l1->insn = a[INSN] == 1 ? L1_INSN_CSPG : L1_INSN_CRDTE;
	for (r = 0; r < a[REWRITES] && !rc; r++) {
		n = (uint64_t)a[INTERVAL] < ws - pos ? (uint64_t)a[INTERVAL]
						     : ws - pos;
		run = (struct l1_l2_run){.addr = pos * L1_PAGE_SIZE,
					 .stride = L1_PAGE_SIZE,
					 .count = n};
		pos = (pos + n) % ws;
		rc = l1_run_l2_deliver(&g, false, &run, 1, &faults);
		if (rc)
			break;
		if (a[LEVEL] == 1) {
			page = (uint64_t)r * 37 % ws;
			s = page / L1_PT_ENTRIES;
			k = (int)(r / ws + 1) % 2;
			rc = l1_gmap_map(&g, page * L1_PAGE_SIZE,
					 frames[k][s] + page % L1_PT_ENTRIES *
								L1_PAGE_SIZE,
					 L1_MAP_4K, 0);
		} else {
			struct l1_walk w;

			s = r % nseg;
			l1_gmap_walk(&g, s * L1_SEG_SIZE, &w);
			/* swap the segment's page tables */
			k = (w.value[L1_LVL_SG] & L1_STE_PTO) != pgt[1][s];
			if (k)
				pgt[0][s] = w.value[L1_LVL_SG] & L1_STE_PTO;
			rc = l1_gmap_change_entry(&g, s * L1_SEG_SIZE,
						  L1_LVL_SG, L1_STE_PTO,
						  pgt[k][s]);
		}
	}
	if (!rc && faults)
		rc = -95;
	/* the page table linked last is freed with the tables */
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_l1_insns = {
	.name = "l1_insns",
	.desc = "L1 changes live table entries with CSPG or CRDTE",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
