// SPDX-License-Identifier: GPL-2.0
/*
 * top_level_churn: L2 cycles over a working set; every `interval` L2
 * accesses L1 rewrites the region- or segment-table entry above it
 * (invalidate, then the same value again). A store into a shadowed
 * upper-level table unshadows what lies below that entry; into the top
 * table, the whole shadow gmap.
 *
 * top_table_sweep: the same, with the working set under `spread` entries
 * of the top table, spread evenly from the first to the last (in the
 * table's last 4 KiB), so that the rewrites cover the whole table.
 */
#include "scenario.h"

enum { ASCE_LEVELS, LEVEL, WS_PAGES, INTERVAL, REWRITES, SPREAD };

static const struct scenario_param params[] = {
	[ASCE_LEVELS] = {"asce_levels", 3, 1, 4,
			 "table levels above the page tables (1 segment .. 4 "
			 "region-first)"},
	[LEVEL] = {"level", 3, 1, 4,
		   "the entry rewritten: 1 segment, 2 region-third, 3 "
		   "region-second, 4 region-first; = asce_levels: the top"},
	[WS_PAGES] = {"ws_pages", 64, 1, 1 << 16, "L2 working set, pages"},
	[INTERVAL] = {"interval", 256, 1, 1 << 20,
		      "L2 accesses between two rewrites"},
	[REWRITES] = {"rewrites", 32, 0, 1 << 16, "table-entry rewrites by L1"},
	[SPREAD] = {"spread", 8, 2, 2048,
		    "top-table entries the working set lies under, first to "
		    "last"},
};
#define NR_CHURN_PARAMS SPREAD /* top_level_churn has all but spread */

/* L2 page i: under top entry (i mod spread) spread over 0..2047 */
static uint64_t page_addr(const int64_t *a, uint64_t i)
{
	enum l1_level top = L1_LVL_PT - a[ASCE_LEVELS];
	uint64_t n = a[SPREAD], k = i % n;
	uint64_t idx = n > 1 ? k * (L1_CRST_ENTRIES - 1) / (n - 1) : 0;

	return idx * l1_entry_span(top) + (i / n) * L1_PAGE_SIZE;
}

static int validate(const int64_t *a, struct l1_buf *err)
{
	if (a[SPREAD] > a[WS_PAGES] ||
	    (a[ASCE_LEVELS] == 1 && a[WS_PAGES] / a[SPREAD] > 256)) {
		l1_buf_str(err, "top_table_sweep: spread must be at most "
				"ws_pages (and, with asce_levels 1, one page "
				"table per entry)");
		return -22;
	}
	if (a[LEVEL] <= a[ASCE_LEVELS])
		return 0;
	l1_buf_str(err, "top_level_churn: level ");
	l1_buf_int(err, a[LEVEL]);
	l1_buf_str(err, " is above the top table (asce_levels ");
	l1_buf_int(err, a[ASCE_LEVELS]);
	l1_buf_str(err, ")");
	return -22;
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t per = (a[WS_PAGES] + a[SPREAD] - 1) / a[SPREAD];

	n->frames[L1_FRAME_PGT] = a[SPREAD] * ((per + 255) / 256);
	n->frames[L1_FRAME_CRST] = 1 + a[SPREAD] * (a[ASCE_LEVELS] - 1);
	n->frames[L1_FRAME_4K] = 1;
}

/* L2 touches the first count pages of the working set, one run each
 * group of pages under one top entry */
static int spread_pass(struct l1_gmap *g, const int64_t *a, uint64_t count)
{
	struct l1_l2_run runs[64];
	uint64_t i, nr = 0;
	int rc = 0;

	for (i = 0; i < count && !rc; i++) {
		runs[nr++] = (struct l1_l2_run){
			.addr = page_addr(a, i), .stride = 0, .count = 1};
		if (nr == 64 || i + 1 == count) {
			rc = l1_run_l2(g, false, runs, nr, scn_map_alias, NULL);
			nr = 0;
		}
	}
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	enum l1_level top = L1_LVL_PT - a[ASCE_LEVELS];
	enum l1_level level = L1_LVL_PT - a[LEVEL];
	uint64_t ws = a[WS_PAGES], pos = 0, i;
	struct l1_gmap g;
	int64_t r;
	int rc;

	rc = scn_alias_init(l1, 1);
	if (!rc)
		rc = l1_gmap_create(&g, l1, top);
	if (rc)
		return rc;
	for (i = 0; i < ws && !rc; i++)
		rc = l1_gmap_map(&g, page_addr(a, i), scn_frame_alias(l1, 0),
				 L1_MAP_4K, 0);
	if (a[SPREAD] == 1) {
		if (!rc)
			rc = scn_cycle(&g, ws, &pos, ws, false);
		for (r = 0; r < a[REWRITES] && !rc; r++) {
			rc = scn_cycle(&g, ws, &pos, a[INTERVAL], false);
			if (!rc)
				rc = l1_gmap_rewrite_entry(
					&g, (r % ws) * L1_PAGE_SIZE, level);
		}
		l1_gmap_destroy(&g);
		return rc;
	}
	/* spread: each pass touches every page, in the order of page_addr */
	if (!rc)
		rc = spread_pass(&g, a, ws);
	for (r = 0; r < a[REWRITES] && !rc; r++) {
		rc = spread_pass(&g, a,
				 (uint64_t)a[INTERVAL] < ws
					 ? (uint64_t)a[INTERVAL]
					 : ws);
		if (!rc)
			rc = l1_gmap_rewrite_entry(&g, page_addr(a, r % ws),
						   level);
	}
	l1_gmap_destroy(&g);
	return rc;
}

/* top_level_churn: the working set under the first top entry alone */
static void churn_args(const int64_t *a, int64_t *b)
{
	int i;

	for (i = 0; i < NR_CHURN_PARAMS; i++)
		b[i] = a[i];
	b[SPREAD] = 1;
}

static int churn_validate(const int64_t *a, struct l1_buf *err)
{
	int64_t b[SPREAD + 1];

	churn_args(a, b);
	return validate(b, err);
}

static void churn_needs(const int64_t *a, struct scenario_needs *n)
{
	int64_t b[SPREAD + 1];

	churn_args(a, b);
	needs(b, n);
}

static int churn_run(struct l1 *l1, const int64_t *a)
{
	int64_t b[SPREAD + 1];

	churn_args(a, b);
	return run(l1, b);
}

const struct scenario scn_top_level_churn = {
	.name = "top_level_churn",
	.desc = "L1 rewrites region/segment-table entries: upper-level or "
		"full unshadows",
	.params = params,
	.nr_params = NR_CHURN_PARAMS,
	.needs = churn_needs,
	.validate = churn_validate,
	.run = churn_run,
};

const struct scenario scn_top_table_sweep = {
	.name = "top_table_sweep",
	.desc = "top_level_churn over entries from the first to the last of "
		"the top table",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
