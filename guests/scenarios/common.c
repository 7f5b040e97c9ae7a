// SPDX-License-Identifier: GPL-2.0
/* What the scenarios share: aliased data frames, on-demand mapping. */
#include "scenario.h"

/* The L1 data frames L2 pages alias: page n uses frame n % nr */
#define SCN_MAX_ALIAS 16
static uint64_t alias_frame[SCN_MAX_ALIAS];
static unsigned int nr_alias;

int scn_alias_init(struct l1 *l1, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr && i < SCN_MAX_ALIAS; i++) {
		alias_frame[i] = l1_alloc(l1, L1_FRAME_4K);
		if (alias_frame[i] == L1_NO_FRAME)
			return -12;
	}
	nr_alias = i;
	return 0;
}

uint64_t scn_frame_alias(struct l1 *l1, uint64_t l2addr)
{
	return alias_frame[(l2addr / L1_PAGE_SIZE) % nr_alias];
}

/* The fault handler of on-demand population: map the page to its alias */
int scn_map_alias(void *arg, struct l1_gmap *g, const struct l1_sie *sie)
{
	uint64_t page = sie->trans_exc_addr & ~(L1_PAGE_SIZE - 1);

	switch (sie->pgm_code) {
	case L1_PGM_PAGE:
	case L1_PGM_SEGMENT:
	case L1_PGM_REGION3:
	case L1_PGM_REGION2:
	case L1_PGM_REGION1:
		return l1_gmap_map(g, page, scn_frame_alias(g->l1, page),
				   L1_MAP_4K, 0);
	case L1_PGM_PROTECTION:
		return l1_gmap_protect(g, page, false);
	default:
		return -95;
	}
}

int scn_run1(struct l1_gmap *g, bool edat, uint64_t addr, int64_t stride,
	     uint64_t count, bool write)
{
	struct l1_l2_run run = {
		.addr = addr,
		.stride = stride,
		.count = count,
		.flags = write ? L1_RUN_WRITE : 0,
	};

	return l1_run_l2(g, edat, &run, 1, scn_map_alias, NULL);
}

/* Heap chunks the frames need: whole chunks per kind, one spare each */
uint64_t scn_chunks(const struct scenario_needs *n)
{
	uint64_t total = 0, per;
	unsigned int k;

	for (k = 0; k < L1_NR_FRAME_KINDS; k++) {
		if (!n->frames[k])
			continue;
		per = L1_CHUNK_SIZE / l1_frame_size(k);
		total += (n->frames[k] + per - 1) / per + 1;
	}
	return total;
}

enum l1_level scn_top(int64_t asce_levels, uint64_t span)
{
	return asce_levels ? (enum l1_level)(L1_LVL_PT - asce_levels)
			   : l1_top_for_span(span);
}

/* Region/segment tables a gmap over [0, span) with n leaves spread evenly
 * may need at most: the top, and per level one table per leaf or per
 * span the level's table covers, whichever is fewer. */
uint64_t scn_crst_for(enum l1_level top, uint64_t span, uint64_t leaves)
{
	static const uint64_t covers[] = {
		[L1_LVL_R2] = L1_R1_SIZE,
		[L1_LVL_R3] = L1_R2_SIZE,
		[L1_LVL_SG] = L1_R3_SIZE,
	};
	uint64_t n = 1, t;
	int l;

	for (l = top + 1; l <= L1_LVL_SG; l++) {
		t = (span + covers[l] - 1) / covers[l];
		n += t < leaves ? t : leaves;
	}
	return n;
}

/* "asce_levels N covers only X GiB" when levels do not reach span */
int scn_check_levels(const char *name, int64_t levels, uint64_t span,
		     struct l1_buf *err)
{
	uint64_t reach;

	if (!levels)
		return 0;
	reach = l1_top_span(L1_LVL_PT - levels);
	if (!reach || span <= reach)
		return 0;
	l1_buf_str(err, name);
	l1_buf_str(err, ": asce_levels ");
	l1_buf_int(err, levels);
	l1_buf_str(err, " reaches ");
	l1_buf_int(err, (int64_t)(reach >> 30));
	l1_buf_str(err, " GiB of L2, the span is ");
	l1_buf_int(err, (int64_t)(span >> 30));
	l1_buf_str(err, " GiB (0 picks the level)");
	return -22;
}

/* Maps l2addr to a new L1 frame of its own (4 KiB or 1 MiB) */
int scn_map_new(struct l1_gmap *g, uint64_t l2addr, enum l1_map_size size)
{
	uint64_t f =
		l1_alloc(g->l1, size == L1_MAP_1M ? L1_FRAME_1M : L1_FRAME_4K);

	if (f == L1_NO_FRAME)
		return -12;
	return l1_gmap_map(g, l2addr, f, size, 0);
}
