// SPDX-License-Identifier: GPL-2.0
/*
 * The translation oracle on hand-built two-level trees: L1's tables for L2
 * live in L1 memory, which L0's gmap maps to L0 real frames in a permuted
 * order (so that reading L1 memory without the gmap gives wrong answers).
 */
#include <stdio.h>
#include <string.h>

#include "mtest.h"
#include "oracle.h"
#include "tap.h"

#define L1_SIZE (8ULL << 20)
#define L1_BASE (16ULL << 20) /* L0 real of L1's memory */

static struct mtest_mem M; /* L0 real storage */
static struct oracle_l1 L1;
static struct mtest_mem L1mem; /* L1 absolute, a view of M */

static uint64_t l1_to_l0(uint64_t l1abs)
{
	return L1_BASE + ((((l1abs >> 12) ^ 5)) << 12) + (l1abs & 0xfff);
}

static void setup(void)
{
	uint64_t a;

	mtest_init(&M, 32ULL << 20);
	/* L1's tables from L1 absolute 1 MiB on */
	mtest_view(&L1mem, &M, L1_SIZE, 0x100000, l1_to_l0);
	/* L0's gmap for L1: region-third table on top, 4 KiB pages */
	L1.gmap_asce = mtest_asce(&M, DAT_LVL_R3);
	L1.gmap_edat = DAT_EDAT1;
	L1.l0mem = &M.mem;
	for (a = 0; a < L1_SIZE; a += 4096)
		mtest_map(&M, L1.gmap_asce, a, l1_to_l0(a), 0);
}

static void test_compose(void)
{
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_R2);
	uint64_t l2 = 0x0000012345678abcULL;

	mtest_map(&L1mem, asce, l2, 0x00345000, 0);
	tap_ok(oracle_translate(&L1, asce, 0, l2, &r) == ORACLE_OK &&
		       r.l1abs == 0x00345abc &&
		       r.l0real == l1_to_l0(0x00345abc) && !r.prot &&
		       r.frame_size == DAT_PAGE_SIZE,
	       "L2 -> L1 absolute by L1's 4-level tables -> L0 real by the "
	       "gmap (L1 page 0x345 at L0 %#llx)",
	       (unsigned long long)l1_to_l0(0x00345000));
	tap_ok(r.l1_entry[DAT_LVL_PT] ==
			       mtest_entry(&L1mem, asce, l2, DAT_LVL_PT) &&
		       r.l1_value[DAT_LVL_PT] == 0x00345000,
	       "the result names L1's entries by L1 absolute address");
}

static void test_l1_fault(void)
{
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), ea;

	ea = mtest_map(&L1mem, asce, 0x00700000, 0x00200000, 0);
	mtest_set(&L1mem, ea, mtest_get(&L1mem, ea) | DAT_PTE_INVALID);
	tap_ok(oracle_translate(&L1, asce, 0, 0x00700000, &r) ==
			       ORACLE_L1_FAULT &&
		       r.pgm == DAT_PGM_PAGE && r.level == DAT_LVL_PT,
	       "invalid L1 page-table entry: L1 fault, page-translation");
	tap_ok(oracle_translate(&L1, asce, 0, 0x80000000ULL, &r) ==
			       ORACLE_L1_FAULT &&
		       r.pgm == DAT_PGM_ASCE_TYPE,
	       "L2 address beyond L1's segment-table designation: ASCE-type");
}

static void test_l0_fault(void)
{
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), gpte, ste;

	mtest_map(&L1mem, asce, 0x00123000, 0x00456000, 0);
	gpte = mtest_entry(&M, L1.gmap_asce, 0x00456000, DAT_LVL_PT);
	mtest_set(&M, gpte, mtest_get(&M, gpte) | DAT_PTE_INVALID);
	tap_ok(oracle_translate(&L1, asce, 0, 0x00123000, &r) ==
			       ORACLE_L0_FAULT &&
		       r.level == DAT_NR_LEVELS && r.pgm == DAT_PGM_PAGE &&
		       r.l1abs == 0x00456000,
	       "L0's gmap does not map the L1 frame: L0 fault on the frame");
	mtest_set(&M, gpte, mtest_get(&M, gpte) & ~DAT_PTE_INVALID);
	ste = mtest_entry(&L1mem, asce, 0x00123000, DAT_LVL_SG);
	/* the page table's L1 page: */
	mtest_set(&L1mem, ste, mtest_get(&L1mem, ste));
	gpte = mtest_entry(&M, L1.gmap_asce,
			   mtest_entry(&L1mem, asce, 0x00123000, DAT_LVL_PT),
			   DAT_LVL_PT);
	mtest_set(&M, gpte, mtest_get(&M, gpte) | DAT_PTE_INVALID);
	tap_ok(oracle_translate(&L1, asce, 0, 0x00123000, &r) ==
			       ORACLE_L0_FAULT &&
		       r.level == DAT_LVL_PT,
	       "L0's gmap does not map the L1 page holding L1's page table: "
	       "L0 fault at that level (entries are read through the gmap)");
	mtest_set(&M, gpte, mtest_get(&M, gpte) & ~DAT_PTE_INVALID);
}

static void test_protection(void)
{
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), gpte;

	mtest_map(&L1mem, asce, 0x00010000, 0x00011000, DAT_PTE_PROT);
	mtest_map(&L1mem, asce, 0x00020000, 0x00021000, 0);
	gpte = mtest_entry(&M, L1.gmap_asce, 0x00021000, DAT_LVL_PT);
	mtest_set(&M, gpte, mtest_get(&M, gpte) | DAT_PTE_PROT);
	tap_ok(oracle_translate(&L1, asce, 0, 0x00010000, &r) == ORACLE_OK &&
		       r.prot && r.l1_prot && !r.l0_prot,
	       "L1 page-table entry P=1: the composition is protected (L1)");
	tap_ok(oracle_translate(&L1, asce, 0, 0x00020000, &r) == ORACLE_OK &&
		       r.prot && !r.l1_prot && r.l0_prot,
	       "L0 protects the L1 page (e.g. it holds shadowed tables): the "
	       "composition is protected (L0)");
	mtest_set(&M, gpte, mtest_get(&M, gpte) & ~DAT_PTE_PROT);
}

static void test_large(void)
{
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_R3), ste, r3e;

	ste = mtest_entry(&L1mem, asce, 0x00500000, DAT_LVL_SG);
	mtest_set(&L1mem, ste, 0x00300000 | DAT_STE_FC);
	tap_ok(oracle_translate(&L1, asce, DAT_EDAT1, 0x005abcde, &r) ==
			       ORACLE_OK &&
		       r.l1abs == 0x003abcde &&
		       r.l0real == l1_to_l0(0x003abcde) &&
		       r.frame_size == DAT_SEGMENT_SIZE,
	       "L1 EDAT-1 1 MiB frame over 4 KiB gmap pages: each 4 KiB part "
	       "composes through its own gmap entry");
	r3e = mtest_entry(&L1mem, asce, 0x80000000ULL, DAT_LVL_R3);
	mtest_set(&L1mem, r3e, 0x0 | DAT_R3E_FC | DAT_TT_REGION3);
	tap_ok(oracle_translate(&L1, asce, DAT_EDAT1 | DAT_EDAT2, 0x80012345ULL,
				&r) == ORACLE_OK &&
		       r.l1abs == 0x12345 && r.l0real == l1_to_l0(0x12345) &&
		       r.frame_size == DAT_REGION3_SIZE,
	       "L1 EDAT-2 2 GiB frame (RFAA 0): L2 0x80012345 -> L1 0x12345");
}

static void test_hpage_gmap(void)
{
	struct oracle_l1 h = L1;
	struct oracle_result r;
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), gste;

	/* an L0 gmap with a 1 MiB segment frame for L1 7 MiB .. 8 MiB */
	h.gmap_asce = mtest_asce(&M, DAT_LVL_R3);
	mtest_map(&M, h.gmap_asce, 0x00700000, 0, 0); /* create the tables */
	gste = mtest_entry(&M, h.gmap_asce, 0x00700000, DAT_LVL_SG);
	mtest_set(&M, gste, 0x01f00000 | DAT_STE_FC);
	/* L1's tables must be readable: map L1 page of the table */
	for (uint64_t a = 0; a < L1_SIZE; a += 4096)
		if (a >> 20 != 7)
			mtest_map(&M, h.gmap_asce, a, l1_to_l0(a), 0);
	mtest_map(&L1mem, asce, 0x00abc000, 0x00723000, 0);
	tap_ok(oracle_translate(&h, asce, 0, 0x00abc010, &r) == ORACLE_OK &&
		       r.l0real == 0x01f23010,
	       "gmap with an EDAT-1 1 MiB segment frame (hpage backing of L1)");
}

static void test_check_protected(void)
{
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_R3), ea[3], g;
	uint64_t l2 = 0x00345000;
	struct oracle_result r;
	char msg[512];
	unsigned int l;

	mtest_map(&L1mem, asce, l2, 0x00400000, 0);
	for (l = DAT_LVL_R3; l <= DAT_LVL_PT; l++)
		ea[l - DAT_LVL_R3] = mtest_entry(&L1mem, asce, l2, l);
	tap_ok(oracle_check_protected(&L1, asce, 0, l2, msg, sizeof(msg)) ==
			       ORACLE_MM_PROTECTION &&
		       strstr(msg, "region-third"),
	       "origin protection: no L1 table page protected in L0: the top "
	       "one is named: %s",
	       msg);
	for (l = 0; l < 2; l++) {
		g = mtest_entry(&M, L1.gmap_asce, ea[l], DAT_LVL_PT);
		mtest_set(&M, g, mtest_get(&M, g) | DAT_PTE_PROT);
	}
	oracle_translate(&L1, asce, 0, l2, &r);
	tap_ok(oracle_check_protected(&L1, asce, 0, l2, msg, sizeof(msg)) ==
			       ORACLE_MM_PROTECTION &&
		       strstr(msg, "page table") &&
		       r.l1_table_unprot == 1u << DAT_LVL_PT,
	       "origin protection: region-third and segment table pages "
	       "protected, the page table's is not: %s",
	       msg);
	g = mtest_entry(&M, L1.gmap_asce, ea[2], DAT_LVL_PT);
	mtest_set(&M, g, mtest_get(&M, g) | DAT_PTE_PROT);
	tap_ok(oracle_check_protected(&L1, asce, 0, l2, msg, sizeof(msg)) ==
			       0 &&
		       oracle_translate(&L1, asce, 0, l2, &r) == ORACLE_OK &&
		       !r.prot,
	       "origin protection: all table pages protected: consistent, and "
	       "the data page stays writable");
	for (l = 0; l < 3; l++) {
		g = mtest_entry(&M, L1.gmap_asce, ea[l], DAT_LVL_PT);
		mtest_set(&M, g, mtest_get(&M, g) & ~DAT_PTE_PROT);
	}
}

static void test_check(void)
{
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), ea;
	struct oracle_observed got = {0};
	char msg[512];

	mtest_map(&L1mem, asce, 0x00030000, 0x00031000, 0);
	got.raddr = l1_to_l0(0x00031008);
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, false, &got, msg,
			    sizeof(msg)) == 0 &&
		       !msg[0],
	       "oracle_check: the right L0 real address is no mismatch");
	got.raddr = 0x00031008; /* L1 absolute taken for L0 real */
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, true, &got, msg,
			    sizeof(msg)) == ORACLE_MM_TRANSLATION &&
		       strstr(msg, "expected L1 0x31000 (L0 "),
	       "oracle_check: a wrong real address is a translation mismatch "
	       "naming the L1 frame expected: %s",
	       msg);
	got.raddr = l1_to_l0(0x00031008);
	ea = mtest_entry(&L1mem, asce, 0x00030000, DAT_LVL_PT);
	mtest_set(&L1mem, ea, mtest_get(&L1mem, ea) | DAT_PTE_INVALID);
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, false, &got, msg,
			    sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "page-translation") &&
		       strstr(msg, "page table"),
	       "oracle_check: a stale shadow entry for an invalidated L1 PTE "
	       "is a mismatch: %s",
	       msg);
	mtest_set(&L1mem, ea, 0x00031000 | DAT_PTE_PROT);
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, false, &got, msg,
			    sizeof(msg)) == ORACLE_MM_PROTECTION &&
		       strstr(msg, "writable"),
	       "oracle_check: writable where L1 protects is a mismatch: %s",
	       msg);
	got.prot = true;
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, false, &got, msg,
			    sizeof(msg)) == 0,
	       "oracle_check: protected like L1 says: no mismatch");
	got.pgm = DAT_PGM_SEGMENT;
	mtest_set(&L1mem, ea, 0x00031000);
	tap_ok(oracle_check(&L1, asce, 0, 0x00030008, true, &got, msg,
			    sizeof(msg)) == 0,
	       "oracle_check: a shadow fault (not yet shadowed) is no mismatch");
}

/* the L1 frame behind an L0 real address, as host/sim's l1_of_page says */
static uint64_t l0_to_l1(void *ctx, uint64_t l0)
{
	uint64_t a;

	for (a = 0; a < L1_SIZE; a += 4096)
		if (l1_to_l0(a) == (l0 & ~0xfffULL))
			return a;
	return ORACLE_NO_L1;
}

static void test_check_names_frames(void)
{
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG);
	struct oracle_observed got = {0};
	char msg[512];

	mtest_map(&L1mem, asce, 0x00040000, 0x00041000, 0);
	L1.l1_of_l0 = l0_to_l1;
	got.raddr = l1_to_l0(0x00052010);
	tap_ok(oracle_check(&L1, asce, 0, 0x00040010, false, &got, msg,
			    sizeof(msg)) == ORACLE_MM_TRANSLATION &&
		       strstr(msg, "L2 0x40010") &&
		       strstr(msg, "uses L1 0x52000 (L0 ") &&
		       strstr(msg, "expected L1 0x41000 (L0 "),
	       "a mismatch names the L2 address, the L1 frame the shadow used "
	       "and the one expected: %s",
	       msg);
	got.raddr = 0x7000; /* backs no L1 frame */
	oracle_check(&L1, asce, 0, 0x00040010, false, &got, msg, sizeof(msg));
	tap_ok(strstr(msg, "uses no L1 frame (L0 0x7000)") != NULL,
	       "an L0 frame that backs no L1 page is named so: %s", msg);
	L1.l1_of_l0 = NULL;
	/* segment index 0x200 is beyond a segment table of TL 0 (512) */
	got.raddr = l1_to_l0(0x00041000);
	tap_ok(oracle_check(&L1, asce & ~3ULL, 0, 0x20000000ULL, false, &got,
			    msg, sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "beyond the length") &&
		       !strstr(msg, "0xffffffffffffffff"),
	       "a table-length violation names no entry: %s", msg);
}

static void test_check_exception(void)
{
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), ea;
	struct oracle_exception got;
	char msg[512];

	mtest_map(&L1mem, asce, 0x00060000, 0x00061000, 0);
	ea = mtest_entry(&L1mem, asce, 0x00060000, DAT_LVL_PT);
	got = (struct oracle_exception){DAT_PGM_PAGE,
					oracle_teid(0x60000, false, 0x11)};
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, false, &got,
				      msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "expected none"),
	       "a reflected exception where L1's tables translate is "
	       "spurious: %s",
	       msg);
	mtest_set(&L1mem, ea, mtest_get(&L1mem, ea) | DAT_PTE_INVALID);
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, false, &got,
				      msg, sizeof(msg)) == ORACLE_MATCH,
	       "a page-translation exception for an invalid L1 PTE, TEID "
	       "0x60800 (fetch): right");
	got.teid = oracle_teid(0x60000, true, 0x11);
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, false, &got,
				      msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "TEID 0x60400") &&
		       strstr(msg, "TEID 0x60800"),
	       "a TEID that says store for a fetch is wrong: %s", msg);
	got = (struct oracle_exception){DAT_PGM_SEGMENT,
					oracle_teid(0x60000, false, 0x10)};
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, false, &got,
				      msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "segment-translation") &&
		       strstr(msg, "expected page-translation"),
	       "the wrong table level (code) is wrong: %s", msg);
	mtest_set(&L1mem, ea, 0x00061000 | DAT_PTE_PROT);
	got = (struct oracle_exception){DAT_PGM_PROTECTION,
					oracle_teid(0x60000, true, 0x04)};
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, true, &got, msg,
				      sizeof(msg)) == ORACLE_MATCH &&
		       got.teid == 0x60404,
	       "a protection exception for a store into an L1-protected page, "
	       "TEID 0x60404: right");
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, false, &got,
				      msg, sizeof(msg)) == ORACLE_MM_EXCEPTION,
	       "a protection exception for a fetch is spurious: %s", msg);
	mtest_set(&L1mem, ea, 0x00061000);
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00060010, true, &got, msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "writable"),
	       "a protection exception where L1 maps writable is spurious: %s",
	       msg);
	got = (struct oracle_exception){
		DAT_PGM_SEGMENT, oracle_teid(0x20000000ULL, false, 0x10)};
	tap_ok(oracle_check_exception(&L1, asce & ~3ULL, 0, 0x20000000ULL,
				      false, &got, msg,
				      sizeof(msg)) == ORACLE_MATCH,
	       "a segment-translation exception past the ASCE's table length: "
	       "right");
	tap_ok(!strcmp(oracle_mismatch_name(ORACLE_MM_EXCEPTION),
		       "exception") &&
		       !strcmp(oracle_mismatch_name(ORACLE_MM_TRANSLATION),
			       "translation") &&
		       !strcmp(oracle_mismatch_name(ORACLE_MM_PROTECTION),
			       "protection"),
	       "the kinds' names");
}

/* An L1 table or frame at or beyond the end of L1 memory: the addressing
 * exception vsie_run() presents, without a TEID */
static void test_addressing(void)
{
	uint64_t asce = mtest_asce(&L1mem, DAT_LVL_SG), ste;
	struct oracle_exception got = {DAT_PGM_ADDRESSING, 0};
	struct oracle_observed seen = {.raddr = l1_to_l0(0x00062000)};
	struct oracle_result r;
	char msg[512];

	L1.l1_mem_bytes = L1_SIZE;
	mtest_map(&L1mem, asce, 0x00070000, L1_SIZE, 0);
	mtest_map(&L1mem, asce, 0x00071000, L1_SIZE - 4096, 0);
	tap_ok(oracle_translate(&L1, asce, 0, 0x00070000, &r) ==
			       ORACLE_L1_FAULT &&
		       r.pgm == DAT_PGM_ADDRESSING &&
		       r.level == DAT_NR_LEVELS && r.l1abs == L1_SIZE,
	       "a frame at the end of L1 memory: addressing");
	tap_ok(oracle_translate(&L1, asce, 0, 0x00071000, &r) == ORACLE_OK,
	       "the last frame of L1 memory translates");
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00070008, true, &got, msg,
				      sizeof(msg)) == ORACLE_MATCH &&
		       oracle_teid(0x70000, true, DAT_PGM_ADDRESSING) == 0,
	       "an addressing exception, no TEID, for it: right");
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00071008, false, &got,
				      msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "expected none"),
	       "an addressing exception where L1 memory holds the frame is "
	       "spurious: %s",
	       msg);
	got = (struct oracle_exception){DAT_PGM_PAGE,
					oracle_teid(0x70000, false, 0x11)};
	tap_ok(oracle_check_exception(&L1, asce, 0, 0x00070008, false, &got,
				      msg,
				      sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "expected addressing") &&
		       strstr(msg, "beyond L1 memory (the frame)"),
	       "another exception for it is wrong: %s", msg);
	/* the page table of segment 0x5 beyond L1 memory */
	ste = mtest_entry(&L1mem, asce, 0x00500000, DAT_LVL_SG);
	mtest_set(&L1mem, ste, L1_SIZE + 0x800);
	tap_ok(oracle_check(&L1, asce, 0, 0x00500000, false, &seen, msg,
			    sizeof(msg)) == ORACLE_MM_EXCEPTION &&
		       strstr(msg, "addressing") &&
		       strstr(msg, "beyond L1 memory (page)"),
	       "a translation through a page table beyond L1 memory: "
	       "addressing missing: %s",
	       msg);
	L1.l1_mem_bytes = 0;
	tap_ok(oracle_translate(&L1, asce, 0, 0x00500000, &r) ==
		       ORACLE_L0_FAULT,
	       "without l1_mem_bytes, L0's gmap decides (no translation)");
	mtest_set(&L1mem, ste, DAT_STE_INVALID);
}

/*
 * Random trees: a spec of L2 pages (R3 designation, 64 segments) -> L1
 * frames, some invalid, some protected, some segments 1 MiB frames; the
 * oracle must give exactly what the spec says for random addresses.
 */
static uint64_t rnd_state = 0x1234567;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void test_random_trees(void)
{
	enum { NSEG = 16, NPG = 256 };
	static int8_t seg_kind[NSEG]; /* 0 absent, 1 page table, 2 large */
	static uint32_t frame[NSEG][NPG]; /* L1 page number, 0: invalid */
	static uint8_t pprot[NSEG][NPG], sprot[NSEG];
	unsigned int tree, i, s, p, bad = 0, checked = 0, faults = 0;
	uint64_t asce, base, va, ste, bit, exp;
	struct oracle_result r;

	for (tree = 0; tree < 4; tree++) {
		asce = mtest_asce(&L1mem, DAT_LVL_R3);
		base = (rnd() % 512) << 31; /* a random region-third index */
		for (s = 0; s < NSEG; s++) {
			seg_kind[s] = (int8_t)(rnd() % 3);
			sprot[s] = rnd() % 4 == 0;
			va = base + ((uint64_t)s << 20);
			if (seg_kind[s] == 0)
				continue;
			ste = mtest_entry(&L1mem, asce, va, DAT_LVL_SG);
			bit = sprot[s] ? DAT_STE_PROT : 0;
			if (seg_kind[s] == 2) {
				/* a 1 MiB frame in L1 1..7 MiB */
				frame[s][0] = (uint32_t)(1 + rnd() % 7) << 8;
				mtest_set(&L1mem, ste,
					  (uint64_t)frame[s][0] << 12 |
						  DAT_STE_FC | bit);
				continue;
			}
			mtest_set(&L1mem, ste,
				  mtest_table(&L1mem, DAT_LVL_PT) | bit);
			for (p = 0; p < NPG; p++) {
				frame[s][p] =
					rnd() % 5 ? (uint32_t)(1 + rnd() % 2047)
						  : 0;
				pprot[s][p] = rnd() % 3 == 0;
				bit = pprot[s][p] ? DAT_PTE_PROT : 0;
				mtest_map(&L1mem, asce, va + p * 4096ULL,
					  (uint64_t)frame[s][p] << 12,
					  frame[s][p] ? bit : DAT_PTE_INVALID);
			}
		}
		for (i = 0; i < 4000; i++) {
			s = rnd() % NSEG;
			p = rnd() % NPG;
			va = base + ((uint64_t)s << 20) + p * 4096ULL +
			     rnd() % 4096;
			oracle_translate(&L1, asce, DAT_EDAT1, va, &r);
			checked++;
			if (seg_kind[s] == 0 ||
			    (seg_kind[s] == 1 && !frame[s][p])) {
				faults++;
				bad += r.kind != ORACLE_L1_FAULT ||
				       r.pgm != (seg_kind[s] ? DAT_PGM_PAGE
							     : DAT_PGM_SEGMENT);
				continue;
			}
			exp = seg_kind[s] == 2 ? ((uint64_t)frame[s][0] << 12) +
							 (va & 0xfffff)
					       : ((uint64_t)frame[s][p] << 12) +
							 (va & 0xfff);
			bad += r.kind != ORACLE_OK || r.l1abs != exp ||
			       r.l0real != l1_to_l0(exp) ||
			       r.prot != (sprot[s] ||
					  (seg_kind[s] == 1 && pprot[s][p]));
		}
	}
	tap_ok(bad == 0 && faults > 0 && faults < checked,
	       "random trees: %u addresses (%u faults) compose exactly as the "
	       "spec that built them, %u differ",
	       checked, faults, bad);
}

int main(void)
{
	tap_plan_unknown();
	setup();
	test_compose();
	test_l1_fault();
	test_l0_fault();
	test_protection();
	test_large();
	test_hpage_gmap();
	test_check();
	test_check_protected();
	test_check_names_frames();
	test_check_exception();
	test_addressing();
	test_random_trees();
	mtest_fini(&M);
	return tap_done();
}
