// SPDX-License-Identifier: GPL-2.0
/*
 * top_level_churn: L2 cycles over a working set; every `interval` L2
 * accesses L1 rewrites the region- or segment-table entry above it
 * (invalidate, then the same value again). A store into a shadowed
 * upper-level table unshadows what lies below that entry; into the top
 * table, the whole shadow gmap.
 */
#include "scenario.h"

enum { ASCE_LEVELS, LEVEL, WS_PAGES, INTERVAL, REWRITES };

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
};

static int validate(const int64_t *a, struct l1_buf *err)
{
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
	n->frames[L1_FRAME_PGT] = (a[WS_PAGES] + 255) / 256;
	n->frames[L1_FRAME_CRST] = a[ASCE_LEVELS];
	n->frames[L1_FRAME_4K] = 1;
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
		rc = l1_gmap_map(&g, i * L1_PAGE_SIZE, scn_frame_alias(l1, 0),
				 L1_MAP_4K, 0);
	if (!rc)
		rc = scn_cycle(&g, ws, &pos, ws, false);
	for (r = 0; r < a[REWRITES] && !rc; r++) {
		rc = scn_cycle(&g, ws, &pos, a[INTERVAL], false);
		if (!rc)
			rc = l1_gmap_rewrite_entry(&g, (r % ws) * L1_PAGE_SIZE,
						   level);
	}
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_top_level_churn = {
	.name = "top_level_churn",
	.desc = "L1 rewrites region/segment-table entries: upper-level or "
		"full unshadows",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
