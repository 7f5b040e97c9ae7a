// SPDX-License-Identifier: GPL-2.0
/*
 * dat_protection: L1 maps L2's memory with DAT protection at one level of
 * its tables, L2 fetches (must translate) and stores (must fault with a
 * protection exception, which L1 delivers to L2); then L1 lifts the
 * protection and L2 stores again (must succeed). Every L2 page has its
 * own L1 frame. Levels:
 *   1  page-table entries
 *   2  segment-table entries that designate page tables
 *   3  the region-third entry above them (EDAT-1)
 *   4  EDAT-1 segment frames (1 MiB)
 *   5  EDAT-2 region-third frames (2 GiB), touched up to frames x 1 MiB
 *      deep when protected; they alias L1 [0, 2 GiB), so unprotected
 *      they are touched below L1's heap only (L1_HEAP_START), where no
 *      L1 table lies
 */
#include "scenario.h"

enum { LEVEL, SEGMENTS, PAGES, ROUNDS };

static const struct scenario_param params[] = {
	[LEVEL] = {"level", 1, 1, 5,
		   "protected entries: 1 PTE, 2 segment, 3 region-third, "
		   "4 segment frame, 5 region-third frame"},
	[SEGMENTS] = {"segments", 4, 1, 256,
		      "segments (levels 1-4) or 2 GiB frames (level 5)"},
	[PAGES] = {"pages", 16, 1, 256,
		   "pages L2 touches in each segment or frame"},
	[ROUNDS] = {"rounds", 2, 1, 1 << 12,
		    "protect, fetch, store; unprotect, store: rounds"},
};

#define R3_DEEP_STRIDE (L1_SEG_SIZE + 16 * L1_PAGE_SIZE)

static uint64_t unit(const int64_t *a)
{
	return a[LEVEL] == 5 ? L1_R3_SIZE : L1_SEG_SIZE;
}

/* Bytes between touches in a segment or frame; deep: beyond its first
 * MiB (level 5) */
static uint64_t stride(const int64_t *a, bool deep)
{
	uint64_t within = a[LEVEL] == 5 ? L1_HEAP_START : L1_SEG_SIZE;

	if (deep)
		return R3_DEEP_STRIDE;
	return (within / a[PAGES]) & ~(L1_PAGE_SIZE - 1);
}

static uint64_t touch(const int64_t *a, int64_t j, bool deep)
{
	return (uint64_t)j * stride(a, deep);
}

/* Levels 3 and 5 need a region-third table at the top at least */
static enum l1_level top_of(const int64_t *a, uint64_t span)
{
	enum l1_level top = l1_top_for_span(span);

	if ((a[LEVEL] == 3 || a[LEVEL] == 5) && top > L1_LVL_R3)
		top = L1_LVL_R3;
	return top;
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t span = (uint64_t)a[SEGMENTS] * unit(a);
	enum l1_level top = top_of(a, span);

	n->frames[L1_FRAME_CRST] = scn_crst_for(top, span, a[SEGMENTS]);
	n->edat1 = a[LEVEL] >= 3;
	n->edat2 = a[LEVEL] == 5;
	if (a[LEVEL] <= 3) {
		n->frames[L1_FRAME_PGT] = a[SEGMENTS];
		n->frames[L1_FRAME_4K] = a[SEGMENTS] * a[PAGES];
	} else if (a[LEVEL] == 4) {
		n->frames[L1_FRAME_1M] = a[SEGMENTS];
	} else {
		n->l1_bytes = touch(a, a[PAGES] - 1, true) + L1_PAGE_SIZE;
	}
}

static enum l1_level prot_level(const int64_t *a)
{
	static const enum l1_level lvl[] = {
		[1] = L1_LVL_PT, [2] = L1_LVL_SG, [3] = L1_LVL_R3,
		[4] = L1_LVL_SG, [5] = L1_LVL_R3,
	};
	return lvl[a[LEVEL]];
}

static int map_all(struct l1_gmap *g, const int64_t *a)
{
	int64_t s, j;
	int rc = 0;

	for (s = 0; s < a[SEGMENTS] && !rc; s++) {
		if (a[LEVEL] == 5)
			rc = l1_gmap_map(g, s * L1_R3_SIZE, 0, L1_MAP_2G, 0);
		if (a[LEVEL] == 4) {
			rc = scn_map_new(g, s * L1_SEG_SIZE, L1_MAP_1M);
		}
		for (j = 0; a[LEVEL] <= 3 && j < a[PAGES] && !rc; j++) {
			rc = scn_map_new(g,
					 s * L1_SEG_SIZE + touch(a, j, false),
					 L1_MAP_4K);
		}
	}
	return rc;
}

/* Sets or clears P on the entries of the level: one per touch for PTEs */
static int protect_all(struct l1_gmap *g, const int64_t *a, bool prot)
{
	enum l1_level level = prot_level(a);
	int64_t s, j;
	int rc = 0;

	for (s = 0; s < a[SEGMENTS] && !rc; s++) {
		for (j = 0; j < (level == L1_LVL_PT ? a[PAGES] : 1) && !rc; j++)
			rc = l1_gmap_protect_entry(
				g, s * unit(a) + touch(a, j, false), level,
				prot);
		if (level == L1_LVL_R3 && a[LEVEL] == 3)
			break; /* one region-third entry above all */
	}
	return rc;
}

/* L2 touches every segment or frame; deep: beyond its first MiB */
static int touch_all(struct l1_gmap *g, const int64_t *a, bool write, bool deep,
		     uint64_t *faults)
{
	struct l1_l2_run runs[16];
	unsigned int nr = 0;
	int64_t s;
	int rc = 0;

	for (s = 0; s < a[SEGMENTS] && !rc; s++) {
		runs[nr++] = (struct l1_l2_run){
			.addr = s * unit(a),
			.stride = (int64_t)stride(a, deep),
			.count = a[PAGES],
			.flags = write ? L1_RUN_WRITE : 0,
		};
		if (nr == 16 || s + 1 == a[SEGMENTS]) {
			rc = l1_run_l2_deliver(g, a[LEVEL] >= 3, runs, nr,
					       faults);
			nr = 0;
		}
	}
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t span = (uint64_t)a[SEGMENTS] * unit(a), faults = 0, want;
	bool deep = a[LEVEL] == 5;
	struct l1_gmap g;
	int64_t r;
	int rc;

	rc = l1_gmap_create(&g, l1, top_of(a, span));
	if (!rc)
		rc = map_all(&g, a);
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		rc = protect_all(&g, a, true);
		if (!rc)
			rc = touch_all(&g, a, false, deep, &faults);
		if (!rc)
			rc = touch_all(&g, a, true, deep, &faults);
		if (!rc)
			rc = protect_all(&g, a, false);
		if (!rc)
			rc = touch_all(&g, a, true, false, &faults);
	}
	/* the oracle judges each exception; L1 checks their number */
	want = (uint64_t)a[ROUNDS] * a[SEGMENTS] * a[PAGES];
	if (!rc && faults != want)
		rc = -95;
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_dat_protection = {
	.name = "dat_protection",
	.desc = "DAT protection at each level: L2 stores fault, fetches "
		"translate, until L1 lifts it",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
