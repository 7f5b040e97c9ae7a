// SPDX-License-Identifier: GPL-2.0
/*
 * table_creation: a sparse L2 span, one touch per stride (default one per
 * segment). L1 has every touched page mapped before L2 runs, so each touch
 * makes L0 build shadow tables down to a page table: shadow region,
 * segment and page-table creation, no exits to L1.
 */
#include "scenario.h"

enum { SPAN_GIB, STRIDE_MIB, ASCE_LEVELS, PREBUILD, PASSES };

static const struct scenario_param params[] = {
	[SPAN_GIB] = {"span_gib", 4, 1, 1024, "L2 address span, GiB"},
	[STRIDE_MIB] = {"stride_mib", 1, 1, 1 << 20,
			"MiB between touches (1: every segment, 2048: every "
			"region-third entry)"},
	[ASCE_LEVELS] = {"asce_levels", 0, 0, 4,
			 "table levels above the page tables (1 segment .. 4 "
			 "region-first), 0: fewest covering the span"},
	[PREBUILD] = {"prebuild", 1, 0, 1,
		      "1: L1 maps every touched page first, 0: on demand"},
	[PASSES] = {"passes", 1, 1, 64, "L2 passes over the touches"},
};

static uint64_t span_of(const int64_t *a)
{
	return (uint64_t)a[SPAN_GIB] << 30;
}

static uint64_t touches(const int64_t *a)
{
	return span_of(a) / ((uint64_t)a[STRIDE_MIB] << 20);
}

static int validate(const int64_t *a, struct l1_buf *err)
{
	if (touches(a) == 0) {
		l1_buf_str(err, "table_creation: stride_mib is larger than "
				"span_gib: no touch");
		return -22;
	}
	return scn_check_levels("table_creation", a[ASCE_LEVELS], span_of(a),
				err);
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	enum l1_level top = scn_top(a[ASCE_LEVELS], span_of(a));

	n->frames[L1_FRAME_PGT] = touches(a);
	n->frames[L1_FRAME_CRST] = scn_crst_for(top, span_of(a), touches(a));
	n->frames[L1_FRAME_4K] = 1;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t stride = (uint64_t)a[STRIDE_MIB] << 20, n = touches(a), i;
	struct l1_gmap g;
	int64_t pass;
	int rc;

	rc = scn_alias_init(l1, 1);
	if (!rc)
		rc = l1_gmap_create(&g, l1,
				    scn_top(a[ASCE_LEVELS], span_of(a)));
	if (rc)
		return rc;
	for (i = 0; a[PREBUILD] && i < n && !rc; i++)
		rc = l1_gmap_map(&g, i * stride, scn_frame_alias(l1, 0),
				 L1_MAP_4K, 0);
	for (pass = 0; pass < a[PASSES] && !rc; pass++)
		rc = scn_run1(&g, false, 0, stride, n, false);
	l1_gmap_destroy(&g);
	return rc;
}

const struct scenario scn_table_creation = {
	.name = "table_creation",
	.desc = "sparse L2 span, one touch per segment or region: shadow "
		"table creation",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
