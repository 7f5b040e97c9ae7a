// SPDX-License-Identifier: GPL-2.0
/*
 * dat_exceptions: L1's tables for L2 raise each kind of DAT exception, and
 * L2 fetches and stores where they do. L1 delivers every exception to L2;
 * the oracle judges each one (code, TEID, level), L1 checks their number.
 * Kinds:
 *   1  reach: L2 just beyond what a segment, region-third and
 *      region-second table at the top can map (ASCE-type)
 *   2  an invalid entry at each level (region-first .. page translation)
 *   3  translation specification: a region entry of another table type,
 *      a segment entry with TT set, a PTE with bit 52 set
 *   4  private vs common: a common segment and a common 2 GiB frame
 *      (EDAT-2) under a private-space ASCE (translation
 *      specification), then the same ASCE not private
 *   5  real-space ASCE: L2 below L1's heap translates 1:1 (the origin
 *      changes each round: a new real-space shadow replaces the old);
 *      beyond L1 memory it is an addressing exception
 *   6  DAT protection in region-first and region-second entries (EDAT-1)
 *   7  beyond L1 memory: a region-second, region-third, segment and
 *      page table, a frame and the top table L1 designates there
 *      (addressing exceptions)
 *   8  a bit that means nothing without EDAT: P in the region-first,
 *      -second and -third entry; L2 fetches and stores as if it were
 *      not there
 *   9  an EDAT-2 bit at EDAT-1: CR in a region-third entry that
 *      designates a segment table, under a private ASCE
 *  10  high in L1 memory (2 GiB and more): real space at 512 MiB and
 *      2 GiB, a 1 MiB frame at L1 512 MiB, a 2 GiB frame at L1 2 GiB
 *      (the indexes and frame addresses of the fake tables are not 0);
 *      beyond L1 memory, a 2 GiB frame at 2 TiB and real space at
 *      region indexes 1 and 1024 (addressing exceptions)
 *  11  reserved bits (52, 59) in the ASCE of a region-first and of a
 *      segment table, between real-space runs: L1 invalidates its
 *      region-first entry, L2 must see it; a new real-space shadow
 *      replaces the old one, not these
 *  12  L2 pages under the last entry of every table; L1 rewrites the
 *      region-first, -second and -third entry above L2 0: the whole
 *      shadow, then whole shadow tables go, their last entries too;
 *      then entries in tables under the last entry above them
 *  13  tables at an odd 4 KiB: the top, region-second, region-third and
 *      segment table of L2 0 in turn moved to the second page of a new
 *      frame (TL 0); L1 invalidates its entry there, L2 must see it
 */
#include "scenario.h"

enum { KIND, ROUNDS };

static const struct scenario_param params[] = {
	[KIND] = {"kind", 1, 1, 13,
		  "1 reach, 2 invalid entries, 3 translation specification, "
		  "4 private/common, 5 real space, 6 region P, 7 beyond "
		  "L1 memory, 8 EDAT bits without EDAT, 9 EDAT-2 bits at "
		  "EDAT-1, 10 high in L1 memory, 11 reserved ASCE bits, 12 "
		  "last entries, 13 tables at an odd 4 KiB"},
	[ROUNDS] = {"rounds", 2, 1, 1 << 12, "rounds"},
};

static const enum l1_level levels[] = {L1_LVL_R1, L1_LVL_R2, L1_LVL_R3,
				       L1_LVL_SG, L1_LVL_PT};
#define NR_LEVELS (sizeof(levels) / sizeof(levels[0]))
#define ASCE_PRIVATE 0x100ULL /* bit 55 */
#define ASCE_REAL 0x20ULL /* bit 58 */
#define ASCE_RESERVED 0x810ULL /* bits 52 and 59 */
#define STE_CS 0x10ULL /* bit 59, common segment */
#define R3E_CR 0x10ULL /* bit 59, common region (FC=1) */
#define PTE_BIT52 0x800ULL
#define REAL_PAGES 16
#define REAL_STRIDE (L1_HEAP_START / REAL_PAGES)
/* kind 10: L1 addresses whose segment index (512) or region-third frame
 * address (1) is not 0 */
#define HIGH_SEG (512 * L1_SEG_SIZE)
#define HIGH_R3 L1_R3_SIZE

static void needs(const int64_t *a, struct scenario_needs *n)
{
	n->frames[L1_FRAME_PGT] = 6;
	n->frames[L1_FRAME_4K] = 8;
	n->frames[L1_FRAME_CRST] = a[KIND] == 13 ? 13 : 12;
	n->edat1 =
		a[KIND] == 4 || a[KIND] == 6 || a[KIND] == 9 || a[KIND] == 10;
	n->edat2 = a[KIND] == 4 || a[KIND] == 10;
	if (a[KIND] == 10)
		n->l1_bytes = HIGH_R3 + L1_SEG_SIZE;
}

/* L2 fetches, then stores, at each address */
static int touch(struct l1_gmap *g, bool edat, const uint64_t *addr,
		 unsigned int nr, uint64_t *faults)
{
	struct l1_l2_run runs[2 * NR_LEVELS];
	unsigned int i;

	for (i = 0; i < 2 * nr; i++)
		runs[i] = (struct l1_l2_run){
			.addr = addr[i % nr],
			.stride = 0,
			.count = 1,
			.flags = i >= nr ? L1_RUN_WRITE : 0,
		};
	return l1_run_l2_deliver(g, edat, runs, 2 * nr, faults);
}

/* 1: each top level (gs[i]: segment, region-third, region-second), just
 * past its reach */
static int reach(struct l1_gmap *gs, uint64_t *faults)
{
	uint64_t past;
	unsigned int i;
	int rc = 0;

	for (i = 0; i < 3 && !rc; i++) {
		past = l1_top_span(gs[i].top);
		rc = touch(&gs[i], false, &past, 1, faults);
	}
	return rc;
}

/* The wrong bits for a valid entry of the level: another table type, TT
 * on a segment entry, bit 52 of a PTE */
static void spec_bits(enum l1_level level, uint64_t *clear, uint64_t *set)
{
	*clear = level == L1_LVL_PT ? 0 : L1_RTE_TT_R1;
	switch (level) {
	case L1_LVL_R1:
		*set = L1_RTE_TT_R2;
		break;
	case L1_LVL_R2:
	case L1_LVL_SG:
		*set = L1_RTE_TT_R3;
		break;
	case L1_LVL_R3:
		*set = L1_RTE_TT_R1;
		break;
	default:
		*set = PTE_BIT52;
		break;
	}
}

/* 3: one entry at a time made a specification error, then restored */
static int spec(struct l1_gmap *g, uint64_t *faults)
{
	uint64_t clear, set, zero = 0;
	struct l1_walk w;
	unsigned int i;
	int rc = 0;

	l1_gmap_walk(g, 0, &w);
	for (i = 0; i < NR_LEVELS && !rc; i++) {
		spec_bits(levels[i], &clear, &set);
		rc = l1_gmap_change_entry(g, 0, levels[i], clear, set);
		if (!rc)
			rc = touch(g, false, &zero, 1, faults);
		if (!rc)
			rc = l1_gmap_change_entry(g, 0, levels[i], ~0ULL,
						  w.value[levels[i]]);
	}
	return rc;
}

/* 4: a common segment (L2 0) and a common 2 GiB frame (EDAT-2, L2 2 GiB,
 * L1 0), the ASCE private, then not */
static int private_common(struct l1_gmap *g, uint64_t *faults)
{
	const uint64_t asce = g->asce, addr[2] = {0, L1_R3_SIZE};
	int rc;

	rc = l1_gmap_change_entry(g, 0, L1_LVL_SG, 0, STE_CS);
	if (!rc)
		rc = l1_gmap_change_entry(g, L1_R3_SIZE, L1_LVL_R3, 0, R3E_CR);
	g->asce = asce | ASCE_PRIVATE;
	if (!rc)
		rc = touch(g, true, addr, 2, faults);
	g->asce = asce;
	if (!rc)
		rc = touch(g, true, addr, 2, faults);
	if (!rc)
		rc = l1_gmap_change_entry(g, 0, L1_LVL_SG, STE_CS, 0);
	if (!rc)
		rc = l1_gmap_change_entry(g, L1_R3_SIZE, L1_LVL_R3, R3E_CR, 0);
	return rc;
}

/* 5: a real-space ASCE, below L1's heap and beyond L1 memory */
static int real_space(struct l1_gmap *g, int64_t r, uint64_t *faults)
{
	const uint64_t mem = g->l1->plat->mem_bytes, asce = g->asce;
	const uint64_t beyond[2] = {mem, mem + L1_R3_SIZE};
	struct l1_l2_run runs[2];
	int rc, i;

	for (i = 0; i < 2; i++)
		runs[i] = (struct l1_l2_run){
			.addr = 0,
			.stride = REAL_STRIDE,
			.count = REAL_PAGES,
			.flags = i ? L1_RUN_WRITE : 0,
		};
	g->asce = (r & 1 ? L1_PAGE_SIZE : 0) | ASCE_REAL;
	rc = l1_run_l2(g, false, runs, 2, NULL, NULL);
	if (!rc)
		rc = touch(g, false, beyond, 2, faults);
	g->asce = asce;
	return rc;
}

/* 6: P in the region-first, then the region-second entry */
static int region_prot(struct l1_gmap *g, uint64_t *faults)
{
	const uint64_t zero = 0;
	unsigned int i;
	int rc = 0;

	for (i = 0; i < 2 && !rc; i++) {
		rc = l1_gmap_protect_entry(g, 0, levels[i], true);
		if (!rc)
			rc = touch(g, true, &zero, 1, faults);
		if (!rc)
			rc = l1_gmap_protect_entry(g, 0, levels[i], false);
	}
	return rc;
}

/* 7: beyond L1 memory, at each level in turn for the L2 address whose
 * index differs from 0's there: the region-second, region-third, segment
 * and page table, and the frame; then the top table itself */
static int beyond_mem(struct l1_gmap *g, const uint64_t *addr, uint64_t *faults)
{
	static const uint64_t origin[] = {
		[L1_LVL_R1] = L1_RTE_ORIGIN, [L1_LVL_R2] = L1_RTE_ORIGIN,
		[L1_LVL_R3] = L1_RTE_ORIGIN, [L1_LVL_SG] = L1_STE_PTO,
		[L1_LVL_PT] = L1_PTE_PFRA,
	};
	const uint64_t mem = g->l1->plat->mem_bytes, asce = g->asce;
	uint64_t old[NR_LEVELS];
	struct l1_walk w;
	unsigned int i;
	int rc = 0;

	for (i = 0; i < NR_LEVELS && !rc; i++) {
		l1_gmap_walk(g, addr[i], &w);
		old[i] = w.value[levels[i]];
		rc = l1_gmap_change_entry(g, addr[i], levels[i],
					  origin[levels[i]],
					  mem + i * L1_SEG_SIZE);
	}
	if (!rc)
		rc = touch(g, false, addr, NR_LEVELS, faults);
	g->asce = (asce & ~L1_ASCE_ORIGIN) | (mem + 8 * L1_SEG_SIZE);
	if (!rc)
		rc = touch(g, false, addr, 1, faults);
	g->asce = asce;
	while (i--)
		if (!rc)
			rc = l1_gmap_change_entry(g, addr[i], levels[i], ~0ULL,
						  old[i]);
	return rc;
}

/* One entry of L2 0's walk changed (clear, set), L2 0 fetched and stored,
 * the entry restored */
static int touch_changed(struct l1_gmap *g, bool edat, enum l1_level level,
			 uint64_t clear, uint64_t set, uint64_t *faults)
{
	const uint64_t zero = 0;
	struct l1_walk w;
	int rc;

	l1_gmap_walk(g, 0, &w);
	rc = l1_gmap_change_entry(g, 0, level, clear, set);
	if (!rc)
		rc = touch(g, edat, &zero, 1, faults);
	if (!rc)
		rc = l1_gmap_change_entry(g, 0, level, ~0ULL, w.value[level]);
	return rc;
}

/* 8: without EDAT, P in the region entries is not looked at: no
 * exception. (FC in the segment entry is not looked at either, but the
 * kernel passes it on to gmap_shadow_pgt(), whose BUG_ON stops L0.) */
static int no_edat_bits(struct l1_gmap *g, uint64_t *faults)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < 3 && !rc; i++)
		rc = touch_changed(g, false, levels[i], 0, L1_RTE_PROT, faults);
	return rc;
}

/* 9: at EDAT-1, CR of a region-third entry that designates a segment
 * table is not looked at: no exception, even private. (Nor FC, but the
 * kernel passes it on to gmap_shadow_sgt(), whose BUG_ON stops L0.) */
static int edat2_bits(struct l1_gmap *g, uint64_t *faults)
{
	const uint64_t asce = g->asce;
	int rc;

	g->asce = asce | ASCE_PRIVATE;
	rc = touch_changed(g, true, L1_LVL_R3, 0, R3E_CR, faults);
	g->asce = asce;
	return rc;
}

/* 10: L2 HIGH_SEG (a 1 MiB frame at L1 HIGH_SEG), HIGH_R3 (a 2 GiB frame
 * at L1 HIGH_R3) and 2 * HIGH_R3 (a 2 GiB frame at L1 2 TiB, beyond L1
 * memory); then in real space HIGH_SEG, HIGH_R3 and addresses beyond L1
 * memory whose region-third, region-second or region-first index is 1 or
 * 1024 (the fake tables' origins at those indexes) */
static int high(struct l1_gmap *g, uint64_t *faults)
{
	const uint64_t addr[3] = {HIGH_SEG, HIGH_R3, 2 * HIGH_R3};
	const uint64_t beyond[5] = {1024 * L1_R3_SIZE, L1_R2_SIZE,
				    1024 * L1_R2_SIZE, L1_R1_SIZE,
				    1024 * L1_R1_SIZE};
	const uint64_t asce = g->asce;
	int rc;

	rc = touch(g, true, addr, 3, faults);
	g->asce = ASCE_REAL;
	if (!rc)
		rc = touch(g, true, addr, 2, faults);
	if (!rc)
		rc = touch(g, true, beyond, 5, faults);
	g->asce = asce;
	return rc;
}

/* 11: the ASCE with its reserved bits 52 and 59 set, which nothing looks
 * at: a shadow like any other (its top table protected: L1 invalidates
 * its region-first entry), and one of a segment table (gs[1]). Real-space
 * shadows come and go around them: the new one replaces the old real-space
 * shadow, not these. */
static int reserved_asce(struct l1_gmap *gs, uint64_t *faults)
{
	const uint64_t asce = gs[0].asce, asce1 = gs[1].asce, zero = 0;
	struct l1_walk w;
	int rc;

	l1_gmap_walk(&gs[0], 0, &w);
	gs[0].asce = ASCE_REAL;
	rc = touch(&gs[0], false, &zero, 1, faults);
	gs[0].asce = asce | ASCE_RESERVED;
	gs[1].asce = asce1 | ASCE_RESERVED;
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	if (!rc)
		rc = touch(&gs[1], false, &zero, 1, faults);
	if (!rc)
		rc = l1_gmap_change_entry(&gs[0], 0, L1_LVL_R1, 0,
					  L1_RTE_INVALID);
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	/* valid again: a store, as for any invalid entry */
	l1_store(gs[0].l1, w.entry[L1_LVL_R1], w.value[L1_LVL_R1]);
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	/* the real-space shadow is still there */
	gs[0].asce = ASCE_REAL;
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	gs[0].asce = ASCE_REAL | L1_PAGE_SIZE;
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	gs[0].asce = asce | ASCE_RESERVED;
	if (!rc)
		rc = touch(&gs[0], false, &zero, 1, faults);
	if (!rc)
		rc = touch(&gs[1], false, &zero, 1, faults);
	gs[0].asce = asce;
	gs[1].asce = asce1;
	return rc;
}

/* 12: L2 pages under the last entry of each table (the last segment of
 * region-third 0, the last region-third entry of region-second 0, ...,
 * the last region-first entry); L1 rewrites the region-first,
 * region-second and region-third entry of L2 0 in turn (the whole shadow,
 * then whole shadow tables go, their last entries too, and come again),
 * then an entry in the segment, region-third and region-second table
 * under the last entry above them (whole tables at a non-zero index go).
 * The shadow the round ends with counts what is left: shadow_bytes. */
static int last_entries(struct l1_gmap *g, const uint64_t *addr,
			uint64_t *faults)
{
	/* the entry rewritten: its level, the address of addr[] */
	static const struct {
		enum l1_level level;
		unsigned int addr;
	} rewrite[] = {
		{L1_LVL_R1, 4}, {L1_LVL_R2, 4}, {L1_LVL_R3, 4},
		{L1_LVL_SG, 1}, {L1_LVL_R3, 2}, {L1_LVL_R2, 3},
	};
	unsigned int i;
	int rc;

	rc = touch(g, false, addr, NR_LEVELS, faults);
	for (i = 0; i < sizeof(rewrite) / sizeof(rewrite[0]) && !rc; i++) {
		rc = l1_gmap_rewrite_entry(g, addr[rewrite[i].addr],
					   rewrite[i].level);
		if (!rc)
			rc = touch(g, false, addr, NR_LEVELS, faults);
	}
	return rc;
}

/* 13: each table above L2 0's page table in turn (the top one, then the
 * region-second, region-third and segment table) moved to the second
 * 4 KiB of a new frame, one page of entries long (TL 0): L1 then
 * invalidates its entry for L2 0 there, L2 must see it */
static int odd_tables(struct l1_gmap *g, uint64_t *faults)
{
	const uint64_t asce = g->asce, top = g->top_origin, zero = 0;
	struct l1_walk w;
	uint64_t frame, old, moved;
	enum l1_level l;
	unsigned int i;
	int rc = 0;

	l1_gmap_walk(g, 0, &w);
	for (l = L1_LVL_R1; l <= L1_LVL_SG && !rc; l++) {
		frame = l1_alloc(g->l1, L1_FRAME_CRST);
		if (frame == L1_NO_FRAME)
			return -12;
		moved = frame + L1_PAGE_SIZE;
		old = l == L1_LVL_R1 ? top : w.value[l - 1] & L1_RTE_ORIGIN;
		for (i = 0; i < L1_PAGE_SIZE / 8; i++)
			l1_store(g->l1, moved + 8 * i,
				 l1_load(g->l1, old + 8 * i));
		if (l == L1_LVL_R1) {
			g->asce = (asce & ~(L1_ASCE_ORIGIN | L1_ASCE_TL_FULL)) |
				  moved;
			g->top_origin = moved;
		} else {
			rc = l1_gmap_change_entry(
				g, 0, l - 1,
				L1_RTE_ORIGIN | L1_RTE_TF_MASK | L1_RTE_TL_FULL,
				moved);
		}
		if (!rc)
			rc = touch(g, false, &zero, 1, faults);
		if (!rc)
			rc = l1_gmap_change_entry(g, 0, l, 0, L1_RTE_INVALID);
		if (!rc)
			rc = touch(g, false, &zero, 1, faults);
		/* valid again: a store, as for any invalid entry */
		l1_store(g->l1, moved, w.value[l]);
		if (l == L1_LVL_R1) {
			g->asce = asce;
			g->top_origin = top;
		} else if (!rc) {
			rc = l1_gmap_change_entry(g, 0, l - 1, ~0ULL,
						  w.value[l - 1]);
		}
		if (!rc)
			rc = touch(g, false, &zero, 1, faults);
		l1_free(g->l1, frame, L1_FRAME_CRST);
	}
	return rc;
}

/* The exceptions one round must raise */
static uint64_t per_round(int64_t kind)
{
	static const uint64_t n[] = {
		[1] = 6,  [2] = 10, [3] = 10, [4] = 4, [5] = 4,
		[6] = 2,  [7] = 12, [8] = 0,  [9] = 0, [10] = 12,
		[11] = 2, [12] = 0, [13] = 8,
	};
	return n[kind];
}

/* The gmaps of a kind, each with L2 0 mapped (kind 1 three, kind 11 a
 * region-first and a segment table on top); kind 4 a 2 GiB frame at
 * L2 2 GiB too, kind 7 every address of addr[] (kind 12 all but the
 * last), kind 10 the frames of high(); *nr of them */
static int setup(struct l1 *l1, int64_t kind, const uint64_t *addr,
		 struct l1_gmap *gs, unsigned int *nr)
{
	static const enum l1_level reach_tops[] = {L1_LVL_SG, L1_LVL_R3,
						   L1_LVL_R2};
	enum l1_level top = kind == 5	? L1_LVL_SG
			    : kind == 4 ? L1_LVL_R3
					: L1_LVL_R1;
	const unsigned int count = kind == 1 ? 3 : kind == 11 ? 2 : 1;
	unsigned int i;
	int rc = 0;

	for (*nr = 0; *nr < count && !rc; ++*nr) {
		rc = l1_gmap_create(&gs[*nr], l1,
				    kind == 1 ? reach_tops[*nr]
				    : *nr     ? L1_LVL_SG
					      : top);
		if (rc)
			return rc;
		rc = scn_map_new(&gs[*nr], 0, L1_MAP_4K);
	}
	if (kind == 4 && !rc)
		rc = l1_gmap_map(&gs[0], L1_R3_SIZE, 0, L1_MAP_2G, 0);
	if (kind == 10 && !rc)
		rc = l1_gmap_map(&gs[0], HIGH_SEG, HIGH_SEG, L1_MAP_1M, 0);
	if (kind == 10 && !rc)
		rc = l1_gmap_map(&gs[0], HIGH_R3, HIGH_R3, L1_MAP_2G, 0);
	if (kind == 10 && !rc)
		rc = l1_gmap_map(&gs[0], 2 * HIGH_R3, 1024 * HIGH_R3, L1_MAP_2G,
				 0);
	for (i = 0; kind == 7 && i < NR_LEVELS && !rc; i++)
		rc = scn_map_new(&gs[0], addr[i], L1_MAP_4K);
	for (i = 0; kind == 12 && i < NR_LEVELS - 1 && !rc; i++)
		rc = scn_map_new(&gs[0], addr[i], L1_MAP_4K);
	return rc;
}

static int run(struct l1 *l1, const int64_t *a)
{
	uint64_t addr[NR_LEVELS], faults = 0;
	struct l1_gmap gs[3];
	unsigned int i, nr;
	int64_t r;
	int rc;

	for (i = 0; i < NR_LEVELS; i++)
		addr[i] = l1_entry_span(levels[i]);
	if (a[KIND] == 12) {
		/* the last page under region-third 0, region-second 0,
		 * region-first 0, the last page of all; L2 0 */
		for (i = 0; i < 3; i++)
			addr[i] -= L1_PAGE_SIZE;
		addr[3] = -L1_PAGE_SIZE;
		addr[4] = 0;
	}
	rc = setup(l1, a[KIND], addr, gs, &nr);
	for (r = 0; r < a[ROUNDS] && !rc; r++) {
		switch (a[KIND]) {
		case 1:
			rc = reach(gs, &faults);
			break;
		case 2:
			rc = touch(gs, false, addr, NR_LEVELS, &faults);
			break;
		case 3:
			rc = spec(gs, &faults);
			break;
		case 4:
			rc = private_common(gs, &faults);
			break;
		case 5:
			rc = real_space(gs, r, &faults);
			break;
		case 6:
			rc = region_prot(gs, &faults);
			break;
		case 7:
			rc = beyond_mem(gs, addr, &faults);
			break;
		case 8:
			rc = no_edat_bits(gs, &faults);
			break;
		case 9:
			rc = edat2_bits(gs, &faults);
			break;
		case 10:
			rc = high(gs, &faults);
			break;
		case 11:
			rc = reserved_asce(gs, &faults);
			break;
		case 12:
			rc = last_entries(gs, addr, &faults);
			break;
		default:
			rc = odd_tables(gs, &faults);
			break;
		}
	}
	if (!rc && faults != per_round(a[KIND]) * a[ROUNDS])
		rc = -95;
	for (i = 0; i < nr; i++)
		l1_gmap_destroy(&gs[i]);
	return rc;
}

const struct scenario scn_dat_exceptions = {
	.name = "dat_exceptions",
	.desc = "L1's tables raise each DAT exception (reach, invalid, "
		"specification, private/common, real space, region P, "
		"addressing); the oracle judges each",
	.params = params,
	.nr_params = sizeof(params) / sizeof(params[0]),
	.needs = needs,
	.run = run,
};
