// SPDX-License-Identifier: GPL-2.0
/*
 * large_pages: L1 backs L2 with EDAT-1 1 MiB segment frames or EDAT-2
 * 2 GiB region-third frames; L2 touches pages inside each. L0 shadows a
 * large frame with "fake" tables of smaller frames. EDAT-1 frames alias
 * one L1 1 MiB frame; EDAT-2 frames all alias L1 [0, 2 GiB), which holds
 * L1's own tables too: they are mapped DAT-protected, L2 only fetches.
 * (Writable, an L2 fetch from a page L0 protects as a shadowed table
 * would make L0 break the protection, unshadow, and start over forever.)
 */
#include "scenario.h"

enum { EDAT, FRAMES, TOUCHES, TOUCH_STRIDE_KIB, WRITE };

static const struct scenario_param params[] = {
	[EDAT] = {"edat", 1, 1, 2,
		  "1: 1 MiB segment frames, 2: 2 GiB region frames"},
	[FRAMES] = {"frames", 64, 1, 4096, "large frames L2 touches"},
	[TOUCHES] = {"touches", 16, 1, 4096, "pages touched in each frame"},
	[TOUCH_STRIDE_KIB] = {"touch_stride_kib", 64, 4, 1 << 20,
			      "KiB between touches in a frame (multiple of "
			      "4)"},
	[WRITE] = {"write", 0, 0, 1, "L2 stores (edat:1 only)"},
};

static uint64_t frame_bytes(const int64_t *a)
{
	return a[EDAT] == 2 ? L1_R3_SIZE : L1_SEG_SIZE;
}

static uint64_t reach(const int64_t *a)
{
	return (uint64_t)a[TOUCHES] * ((uint64_t)a[TOUCH_STRIDE_KIB] << 10);
}

static int validate(const int64_t *a, struct l1_buf *err)
{
	if (a[TOUCH_STRIDE_KIB] % 4) {
		l1_buf_str(err, "large_pages: touch_stride_kib must be a "
				"multiple of 4");
		return -22;
	}
	if (reach(a) > frame_bytes(a)) {
		l1_buf_str(err, "large_pages: touches x touch_stride_kib = ");
		l1_buf_int(err, (int64_t)(reach(a) >> 10));
		l1_buf_str(err, " KiB does not fit in one frame of ");
		l1_buf_int(err, (int64_t)(frame_bytes(a) >> 10));
		l1_buf_str(err, " KiB");
		return -22;
	}
	if (a[WRITE] && a[EDAT] == 2) {
		l1_buf_str(err, "large_pages: write:1 needs edat:1 (EDAT-2 "
				"frames alias L1's own memory)");
		return -22;
	}
	return 0;
}

static void needs(const int64_t *a, struct scenario_needs *n)
{
	uint64_t span = (uint64_t)a[FRAMES] * frame_bytes(a);
	enum l1_level top = l1_top_for_span(span);

	if (a[EDAT] == 2 && top > L1_LVL_R3)
		top = L1_LVL_R3;
	n->edat1 = true;
	n->edat2 = a[EDAT] == 2;
	n->frames[L1_FRAME_CRST] = scn_crst_for(top, span, a[FRAMES]);
	if (a[EDAT] == 1)
		n->frames[L1_FRAME_1M] = 1;
	else
		n->l1_bytes = reach(a); /* L2 reaches L1 [0, reach) */
}

static int run(struct l1 *l1, const int64_t *a)
{
	bool edat2 = a[EDAT] == 2;
	uint64_t fb = frame_bytes(a), span = a[FRAMES] * fb, f, target = 0;
	enum l1_level top = l1_top_for_span(span);
	struct l1_l2_run runs[16];
	struct l1_gmap g;
	unsigned int nr = 0;
	int rc;

	if (edat2 && top > L1_LVL_R3)
		top = L1_LVL_R3;
	if (!edat2) {
		target = l1_alloc(l1, L1_FRAME_1M);
		if (target == L1_NO_FRAME)
			return -12;
	}
	rc = l1_gmap_create(&g, l1, top);
	for (f = 0; f < (uint64_t)a[FRAMES] && !rc; f++)
		rc = l1_gmap_map(&g, f * fb, target,
				 edat2 ? L1_MAP_2G : L1_MAP_1M,
				 edat2 ? L1_MAP_PROT : 0);
	for (f = 0; f < (uint64_t)a[FRAMES] && !rc; f++) {
		runs[nr++] = (struct l1_l2_run){
			.addr = f * fb,
			.stride = (int64_t)a[TOUCH_STRIDE_KIB] << 10,
			.count = a[TOUCHES],
			.flags = a[WRITE] ? L1_RUN_WRITE : 0,
		};
		if (nr == 16 || f + 1 == (uint64_t)a[FRAMES]) {
			rc = l1_run_l2(&g, true, runs, nr, NULL, NULL);
			nr = 0;
		}
	}
	l1_gmap_destroy(&g);
	if (!edat2)
		l1_free(l1, target, L1_FRAME_1M);
	return rc;
}

const struct scenario scn_large_pages = {
	.name = "large_pages",
	.desc = "EDAT-1 / EDAT-2 large-frame backing: fake shadow tables",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.validate = validate,
	.run = run,
};
