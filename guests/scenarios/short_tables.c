// SPDX-License-Identifier: GPL-2.0
/*
 * short_tables: L1 designates a table shorter than full, by the ASCE's
 * table length (TL), or by the table length or offset (TL, TF) in the
 * entry of the top table that designates the next one. L2 touches the
 * page just inside the valid part and the page just past it (which L1
 * maps too, in the unused part of the table): the one past must raise
 * the region- or segment-translation exception of that table, which L1
 * delivers to L2. Every other round L1 makes the table full again and
 * both pages must translate.
 */
#include "scenario.h"

enum { ASCE_LEVELS, LIMIT, LENGTH, ROUNDS };

static const struct scenario_param params[] = {
	[ASCE_LEVELS] = {"asce_levels", 3, 1, 4,
			 "table levels above the page tables (1 segment .. 4 "
			 "region-first)"},
	[LIMIT] = {"limit", 1, 1, 3,
		   "1: the ASCE's TL, 2: TL, 3: TF of the top table's entry"},
	[LENGTH] = {"length", 0, 0, 3,
		    "TL (0-2: 1-3 of 4 pages of entries) or TF (1-3)"},
	[ROUNDS] = {"rounds", 4, 1, 1 << 12, "rounds, short and full in turn"},
};

static int validate(const int64_t *a, struct l1_buf *err)
{
	if (a[LIMIT] != 1 && a[ASCE_LEVELS] < 2) {
		l1_buf_str(err, "short_tables: limit 2 or 3 needs a region "
				"table on top (asce_levels >= 2)");
		return -22;
	}
	if (a[LIMIT] == 3 ? !a[LENGTH] : a[LENGTH] == 3) {
		l1_buf_str(err, "short_tables: length must be 1-3 for a TF "
				"(limit 3), 0-2 for a TL");
		return -22;
	}
	return 0;
}

/* The table the limit applies to: the top one, or the one below it */
static enum l1_level limited(const int64_t *a)
{
	enum l1_level top = L1_LVL_PT - a[ASCE_LEVELS];

	return a[LIMIT] == 1 ? top : top + 1;
}

/* The pages just inside and just past the valid part of that table */
static void boundary(const int64_t *a, uint64_t *inside, uint64_t *past)
{
	uint64_t e = l1_entry_span(limited(a));

	if (a[LIMIT] == 3) {
		*inside = (uint64_t)a[LENGTH] * 512 * e;
		*past = *inside - L1_PAGE_SIZE;
	} else {
		*past = (uint64_t)(a[LENGTH] + 1) * 512 * e;
		*inside = *past - L1_PAGE_SIZE;
	}
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->frames[L1_FRAME_PGT] = 2;
	n->frames[L1_FRAME_4K] = 2;
	n->frames[L1_FRAME_CRST] = 1 + 2 * (a[ASCE_LEVELS] - 1);
}

/* Shortens (or, !sh, restores) the limited table */
static int set_limit(struct l1_gmap *g, const int64_t *a, bool sh)
{
	uint64_t bits = a[LIMIT] == 3 ? (uint64_t)a[LENGTH] << L1_RTE_TF_SHIFT
				      : (uint64_t)a[LENGTH];

	if (a[LIMIT] == 1) {
		/* a new ASCE: L0 makes (or finds) another shadow */
		g->asce = (g->asce & ~L1_ASCE_TL_FULL) |
			  (sh ? bits : L1_ASCE_TL_FULL);
		return 0;
	}
	return l1_gmap_change_entry(
		g, 0, g->top, L1_RTE_TF_MASK | L1_RTE_TL_FULL,
		sh ? bits | (a[LIMIT] == 3 ? L1_RTE_TL_FULL : 0)
		   : L1_RTE_TL_FULL);
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t inside, past, faults = 0, want = 0;
	struct l1_l2_run runs[4];
	struct l1_gmap g;
	int64_t r;
	int rc, i;

	boundary(a, &inside, &past);
	rc = l1_gmap_create(&g, l1, L1_LVL_PT - a[ASCE_LEVELS]);
	for (i = 0; i < 2 && !rc; i++)
		rc = scn_map_new(&g, i ? past : inside, L1_MAP_4K);
	for (i = 0; i < 4; i++)
		runs[i] = (struct l1_l2_run){
			.addr = i & 1 ? past : inside,
			.stride = 0,
			.count = 1,
			.flags = i & 2 ? L1_RUN_WRITE : 0,
		};
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		rc = set_limit(&g, a, !(r & 1));
		if (!rc)
			rc = l1_run_l2_deliver(&g, false, runs, 4, &faults);
		want += r & 1 ? 0 : 2;
	}
	if (!rc && faults != want)
		rc = -95;
	if (!rc)
		rc = set_limit(&g, a, false);
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_short_tables = {
	.name = "short_tables",
	.desc = "tables shorter than full (TL, TF): L2 touches just inside "
		"and just past their end",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
