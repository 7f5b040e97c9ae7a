// SPDX-License-Identifier: GPL-2.0
/*
 * edat_toggle: L1 runs L2 on the same ASCE with CR0.EDAT on and off in
 * turn, over entries whose meaning EDAT changes, so that a shadow made
 * at one EDAT level must not serve the other:
 *   1  EDAT-1 segment frames (1 MiB) in every other segment, page
 *      tables in the others. With EDAT on L2 touches all; with EDAT off
 *      only the segments with page tables: an L1 segment entry with the
 *      format control set makes 6.1's shadow code BUG() when EDAT is off
 *      (gmap_shadow_pgt() is handed a segment-frame entry), though the
 *      architecture ignores the bit then.
 *   2  a region-third entry with DAT protection (EDAT-1) above page
 *      tables: with EDAT off the protection does not apply, L2's stores
 *      go through; with EDAT on they fault and L1 delivers the exception.
 */
#include "scenario.h"

enum { MODE, SEGMENTS, PAGES, ROUNDS };

static const struct scenario_param params[] = {
	[MODE] = {"mode", 1, 1, 2,
		  "1: segment frames, 2: region-third protection"},
	[SEGMENTS] = {"segments", 8, 1, 256, "segments L2 touches"},
	[PAGES] = {"pages", 8, 1, 15, "pages L2 touches in each segment"},
	[ROUNDS] = {"rounds", 4, 1, 1 << 12, "rounds, EDAT on and off in turn"},
};

/* Touches skip page 0 of a segment: in mode 1 it holds the page table */
#define TOUCH_STRIDE (16 * L1_PAGE_SIZE)

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->edat1 = true;
	n->frames[L1_FRAME_CRST] = 2;
	n->frames[L1_FRAME_4K] = a[SEGMENTS] * a[PAGES];
	n->frames[L1_FRAME_PGT] = a[SEGMENTS];
	if (a[MODE] == 1)
		n->frames[L1_FRAME_1M] = (a[SEGMENTS] + 1) / 2;
}

/* Mode 1: even segments are frames */
static bool is_frame(const int64_t *a, int64_t s)
{
	return a[MODE] == 1 && !(s & 1);
}

static int map_all(struct l1_gmap *g, const int64_t *a)
{
	int64_t s, j;
	int rc = 0;

	for (s = 0; s < a[SEGMENTS] && !rc; s++) {
		if (is_frame(a, s)) {
			rc = scn_map_new(g, s * L1_SEG_SIZE, L1_MAP_1M);
			continue;
		}
		for (j = 1; j <= a[PAGES] && !rc; j++) {
			rc = scn_map_new(g, s * L1_SEG_SIZE + j * TOUCH_STRIDE,
					 L1_MAP_4K);
		}
	}
	if (!rc && a[MODE] == 2)
		rc = l1_gmap_protect_entry(g, 0, L1_LVL_R3, true);
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	struct l1_l2_run runs[2 * 16];
	uint64_t faults = 0, want = 0;
	unsigned int nr, i;
	struct l1_gmap g;
	int64_t r, s;
	int rc;

	rc = l1_gmap_create(&g, l1, L1_LVL_R3);
	if (!rc)
		rc = map_all(&g, a);
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		bool edat = !(r & 1);

		for (s = 0, nr = 0; s < a[SEGMENTS] && !rc; s++) {
			if (!edat && is_frame(a, s))
				continue;
			for (i = 0; i < 2; i++)
				runs[nr++] = (struct l1_l2_run){
					.addr = s * L1_SEG_SIZE + TOUCH_STRIDE,
					.stride = TOUCH_STRIDE,
					.count = a[PAGES],
					.flags = i ? L1_RUN_WRITE : 0,
				};
			if (a[MODE] == 2 && edat)
				want += a[PAGES];
			if (nr == 32) {
				rc = l1_run_l2_deliver(&g, edat, runs, nr,
						       &faults);
				nr = 0;
			}
		}
		if (nr && !rc)
			rc = l1_run_l2_deliver(&g, edat, runs, nr, &faults);
	}
	if (!rc && faults != want)
		rc = -95;
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_edat_toggle = {
	.name = "edat_toggle",
	.desc = "CR0.EDAT on and off for the same ASCE over segment frames "
		"and region-third protection",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
