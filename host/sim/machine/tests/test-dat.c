// SPDX-License-Identifier: GPL-2.0
/*
 * DAT walker against the rules of the Principles of Operation (SA22-7832,
 * chapter 3 "Dynamic Address Translation"), on synthetic real storage.
 * Each case names the rule it checks.
 */
#include <stdlib.h>

#include "dat.h"
#include "mtest.h"
#include "tap.h"

static struct mtest_mem M;

static int walk(uint64_t asce, uint64_t va, unsigned int edat,
		struct dat_result *r)
{
	return dat_translate(asce, va, edat, &M.mem, r);
}

static void test_each_designation_type(void)
{
	static const char *const names[] = {"region-first", "region-second",
					    "region-third", "segment"};
	/* an address each top table can reach */
	static const uint64_t va[] = {
		0x0123456789abc123ULL, 0x00000345678ab456ULL,
		0x000000056789c789ULL, 0x0000000012345abcULL};
	unsigned int top, l;
	struct dat_result r;
	uint64_t asce, pte;
	int rc;

	for (top = DAT_LVL_R1; top <= DAT_LVL_SG; top++) {
		asce = mtest_asce(&M, top);
		pte = mtest_map(&M, asce, va[top], 0x7654321000ULL, 0);
		rc = walk(asce, va[top], 0, &r);
		tap_ok(rc == 0 &&
			       r.raddr ==
				       (0x7654321000ULL | (va[top] & 0xfff)) &&
			       r.frame_size == DAT_PAGE_SIZE && !r.prot,
		       "PoP 3 'Translation Process': %s-table designation (DT) "
		       "walks %u tables to the page frame real address",
		       names[top], 5 - top);
		for (l = 0; l < top; l++)
			if (r.entry[l] != DAT_NO_ENTRY)
				break;
		tap_ok(l == top && r.entry[DAT_LVL_PT] == pte && r.top == top &&
			       r.entry[top] ==
				       (asce & DAT_ASCE_ORIGIN) +
					       mtest_idx(va[top], top) * 8,
		       "%s designation: the result names the entries used "
		       "(top entry = origin + 8 * index, page entry, none above)",
		       names[top]);
	}
}

static void test_real_space(void)
{
	struct dat_result r;

	tap_ok(walk(DAT_ASCE_REAL_SPACE | 0xabc000, 0x123456789ULL, 0, &r) ==
			       0 &&
		       r.raddr == 0x123456789ULL &&
		       r.entry[DAT_LVL_PT] == DAT_NO_ENTRY,
	       "PoP 3 'Control Register 1': real-space control R=1: the "
	       "virtual address is the real address, no table is used");
}

static void test_asce_type(void)
{
	struct dat_result r;
	uint64_t r2 = mtest_asce(&M, DAT_LVL_R2),
		 r3 = mtest_asce(&M, DAT_LVL_R3),
		 sg = mtest_asce(&M, DAT_LVL_SG);

	tap_eq(walk(r2, 1ULL << 53, 0, &r), DAT_PGM_ASCE_TYPE,
	       "PoP 3 'ASCE-type exception': region-second designation, "
	       "region-first index (bits 0-10) nonzero");
	tap_eq(walk(r3, 1ULL << 42, 0, &r), DAT_PGM_ASCE_TYPE,
	       "ASCE-type: region-third designation, bits 0-21 nonzero");
	tap_eq(walk(sg, 1ULL << 31, 0, &r), DAT_PGM_ASCE_TYPE,
	       "ASCE-type: segment-table designation, address >= 2 GiB");
	mtest_map(&M, sg, (1ULL << 31) - 4096, 0x5000, 0);
	tap_eq(walk(sg, (1ULL << 31) - 1, 0, &r), 0,
	       "segment-table designation: the last page below 2 GiB "
	       "translates");
}

static void test_top_table_length(void)
{
	static const int pgm[] = {DAT_PGM_REGION1, DAT_PGM_REGION2,
				  DAT_PGM_REGION3, DAT_PGM_SEGMENT};
	static const unsigned int shift[] = {53, 42, 31, 20};
	unsigned int top, tl;
	struct dat_result r;
	uint64_t asce, va_ok, va_out;

	for (top = DAT_LVL_R1; top <= DAT_LVL_SG; top++) {
		for (tl = 0; tl < 3; tl++) {
			asce = (mtest_asce(&M, top) & ~3ULL) | tl;
			/* last index inside TL, first outside it */
			va_ok = ((tl + 1) * 512ULL - 1) << shift[top];
			va_out = ((tl + 1) * 512ULL) << shift[top];
			mtest_map(&M, asce, va_ok, 0x9000, 0);
			if (!tap_ok(walk(asce, va_ok, 0, &r) == 0 &&
					    walk(asce, va_out, 0, &r) ==
						    pgm[top] &&
					    r.fault_level == top,
				    "PoP 3 'Table length': %s designation TL=%u: "
				    "index %u translates, index %u raises 0x%02x",
				    dat_level_name(top), tl, (tl + 1) * 512 - 1,
				    (tl + 1) * 512, pgm[top]))
				tap_diag("rc=0x%x level %u",
					 walk(asce, va_out, 0, &r),
					 r.fault_level);
		}
	}
}

static void test_offset_and_length(void)
{
	static const int pgm[] = {DAT_PGM_REGION2, DAT_PGM_REGION3,
				  DAT_PGM_SEGMENT};
	static const unsigned int shift[] = {42, 31, 20};
	struct dat_result r;
	unsigned int l;
	uint64_t asce, ea, e, base;

	for (l = DAT_LVL_R1; l <= DAT_LVL_R3; l++) {
		asce = mtest_asce(&M, DAT_LVL_R1);
		base = 5ULL << 53;
		/* next-lower index 512 (second quarter) mapped */
		mtest_map(&M, asce, base | 512ULL << shift[l], 0xa000, 0);
		mtest_map(&M, asce, base | 1024ULL << shift[l], 0xb000, 0);
		ea = mtest_entry(&M, asce, base, l);
		e = mtest_get(&M, ea);
		/* TF=1, TL=1: only indexes 512..1023 of the next table */
		mtest_set(&M, ea,
			  (e & ~(DAT_RTE_TF_MASK | DAT_RTE_TL_MASK)) | 1 << 6 |
				  1);
		tap_ok(walk(asce, base | 511ULL << shift[l], 0, &r) == pgm[l] &&
			       r.fault_level == l + 1,
		       "PoP 3 'Region-table entries': %s entry TF=1, next index "
		       "511 < 512 raises 0x%02x",
		       dat_level_name(l), pgm[l]);
		tap_ok(walk(asce, base | 512ULL << shift[l], 0, &r) == 0 &&
			       r.raddr == 0xa000,
		       "%s entry TF=1 TL=1: next index 512 translates",
		       dat_level_name(l));
		tap_eq(walk(asce, base | 1024ULL << shift[l], 0, &r), pgm[l],
		       "%s entry TL=1: next index 1024 > 1023 raises 0x%02x",
		       dat_level_name(l), pgm[l]);
	}
}

static void test_invalid(void)
{
	static const int pgm[] = {DAT_PGM_REGION1, DAT_PGM_REGION2,
				  DAT_PGM_REGION3, DAT_PGM_SEGMENT,
				  DAT_PGM_PAGE};
	struct dat_result r;
	uint64_t asce, va = 0x0040000123456000ULL, ea;
	unsigned int l;

	for (l = DAT_LVL_R1; l <= DAT_LVL_PT; l++) {
		asce = mtest_asce(&M, DAT_LVL_R1);
		mtest_map(&M, asce, va, 0xc000, 0);
		ea = mtest_entry(&M, asce, va, l);
		mtest_set(&M, ea,
			  mtest_get(&M, ea) |
				  (l == DAT_LVL_PT ? DAT_PTE_INVALID
						   : DAT_RTE_INVALID));
		tap_ok(walk(asce, va, 0, &r) == pgm[l] && r.fault_level == l &&
			       r.entry[l] == ea,
		       "PoP 3 'Translation Process': invalid %s entry (I=1) "
		       "raises 0x%02x (%s)",
		       dat_level_name(l), pgm[l], dat_pgm_name(pgm[l]));
	}
}

static void test_table_type(void)
{
	struct dat_result r;
	uint64_t asce, va = 0x0000345600000000ULL, ea;
	unsigned int l;

	for (l = DAT_LVL_R1; l <= DAT_LVL_SG; l++) {
		asce = mtest_asce(&M, DAT_LVL_R1);
		mtest_map(&M, asce, va, 0xd000, 0);
		ea = mtest_entry(&M, asce, va, l);
		mtest_set(&M, ea,
			  (mtest_get(&M, ea) & ~DAT_RTE_TT_MASK) |
				  mtest_tt((l + 1) % 4));
		tap_ok(walk(asce, va, 0, &r) == DAT_PGM_TRANS_SPEC &&
			       r.fault_level == l,
		       "PoP 3 'Translation-specification exception': %s entry "
		       "with the table-type bits of another table",
		       dat_level_name(l));
	}
}

static void test_pte_bits(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_R3), va = 0x12345000, ea;

	ea = mtest_map(&M, asce, va, 0xe000, DAT_PTE_ZERO);
	tap_eq(walk(asce, va, 0, &r), DAT_PGM_TRANS_SPEC,
	       "PoP 3 'Page-table entries': bit 52 one in a valid page-table "
	       "entry raises translation-specification");
	mtest_set(&M, ea, mtest_get(&M, ea) | DAT_PTE_INVALID);
	tap_eq(walk(asce, va, 0, &r), DAT_PGM_PAGE,
	       "page-table entry I=1 and bit 52 one: page-translation "
	       "(the invalid bit is looked at first)");
	mtest_set(&M, ea, 0xe000 | DAT_PTE_IEP | 0xff);
	tap_ok(walk(asce, va, 0, &r) == 0 && r.raddr == 0xe000 && !r.prot,
	       "page-table entry: bits 55-63 (IEP, software) do not change a "
	       "data translation");
}

static void test_protection(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_R1), va = 0x0000000300505000ULL;
	uint64_t ea[DAT_NR_LEVELS], v[DAT_NR_LEVELS];
	unsigned int l;

	mtest_map(&M, asce, va, 0xf000, 0);
	for (l = 0; l < DAT_NR_LEVELS; l++) {
		ea[l] = mtest_entry(&M, asce, va, l);
		v[l] = mtest_get(&M, ea[l]);
	}
	tap_ok(dat_access(asce, va, 0, true, &M.mem, &r) == 0 && !r.prot,
	       "no protection bit anywhere: a store translates");
	mtest_set(&M, ea[DAT_LVL_PT], v[DAT_LVL_PT] | DAT_PTE_PROT);
	tap_ok(dat_access(asce, va, 0, true, &M.mem, &r) ==
			       DAT_PGM_PROTECTION &&
		       dat_access(asce, va, 0, false, &M.mem, &r) == 0 &&
		       r.prot,
	       "PoP 3 'DAT protection': page-table entry P=1: fetch "
	       "translates, store raises protection 0x04");
	mtest_set(&M, ea[DAT_LVL_PT], v[DAT_LVL_PT]);
	mtest_set(&M, ea[DAT_LVL_SG], v[DAT_LVL_SG] | DAT_STE_PROT);
	tap_ok(walk(asce, va, 0, &r) == 0 && r.prot,
	       "DAT protection: segment entry P=1 protects the pages below "
	       "it (without EDAT-1 too)");
	mtest_set(&M, ea[DAT_LVL_SG], v[DAT_LVL_SG]);
	for (l = DAT_LVL_R1; l <= DAT_LVL_R3; l++) {
		mtest_set(&M, ea[l], v[l] | DAT_RTE_PROT);
		tap_ok(walk(asce, va, DAT_EDAT1, &r) == 0 && r.prot &&
			       walk(asce, va, 0, &r) == 0 && !r.prot,
		       "DAT protection: %s entry P=1 propagates down with "
		       "EDAT-1, is ignored without it",
		       dat_level_name(l));
		mtest_set(&M, ea[l], v[l]);
	}
}

static void test_edat1(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_R3), va = 0x3456789aULL, ea, pt;

	ea = mtest_entry(&M, asce, va, DAT_LVL_SG);
	/* a large segment entry; as a PTO it points to a page table */
	pt = mtest_table(&M, DAT_LVL_PT);
	mtest_set(&M, pt + DAT_PX(va) * 8, 0x44000);
	mtest_set(&M, ea, 0x7700000000ULL | (pt & 0xfff00) | DAT_STE_FC);
	/* pt & 0xfff00 keeps the PTO inside the 1 MiB frame bits: */
	mtest_set(&M, ea, (0x0ULL + pt) | DAT_STE_FC);
	tap_ok(walk(asce, va, DAT_EDAT1, &r) == 0 &&
		       r.raddr == ((pt & DAT_STE_SFAA) | (va & 0xfffff)) &&
		       r.frame_size == DAT_SEGMENT_SIZE &&
		       r.entry[DAT_LVL_PT] == DAT_NO_ENTRY,
	       "PoP 3 'Segment-table entries': FC=1 with EDAT-1: 1 MiB frame, "
	       "real = SFAA (bits 0-43) | address bits 44-63");
	tap_ok(walk(asce, va, 0, &r) == 0 &&
		       r.raddr == (0x44000 | (va & 0xfff)) &&
		       r.frame_size == DAT_PAGE_SIZE,
	       "segment entry FC=1 without EDAT-1: FC is ignored, the entry "
	       "designates a page table");
	mtest_set(&M, ea, 0x7700000000ULL | DAT_STE_FC | DAT_STE_PROT);
	tap_ok(walk(asce, va, DAT_EDAT1, &r) == 0 && r.prot &&
		       r.raddr == (0x7700000000ULL | (va & 0xfffff)),
	       "EDAT-1: segment entry FC=1 P=1: the 1 MiB frame is protected");
	mtest_set(&M, ea, 0x7700000000ULL | DAT_STE_FC | DAT_STE_INVALID);
	tap_eq(walk(asce, va, DAT_EDAT1, &r), DAT_PGM_SEGMENT,
	       "EDAT-1: invalid large segment entry: segment-translation");
}

static void test_edat2(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_R2), va = 0x00000123456789abULL,
		 ea, e;

	mtest_map(&M, asce, va, 0x1234000, 0);
	ea = mtest_entry(&M, asce, va, DAT_LVL_R3);
	e = mtest_get(&M, ea);
	mtest_set(&M, ea, 0x0000004f80000000ULL | DAT_R3E_FC | DAT_TT_REGION3);
	tap_ok(walk(asce, va, DAT_EDAT1 | DAT_EDAT2, &r) == 0 &&
		       r.raddr == (0x0000004f80000000ULL | (va & 0x7fffffff)) &&
		       r.frame_size == DAT_REGION3_SIZE &&
		       r.entry[DAT_LVL_SG] == DAT_NO_ENTRY,
	       "PoP 3 'Region-table entries': region-third entry FC=1 with "
	       "EDAT-2: 2 GiB frame, real = RFAA (bits 0-32) | bits 33-63");
	tap_ok(walk(asce, va, DAT_EDAT2, &r) != 0 ||
		       r.frame_size != DAT_REGION3_SIZE,
	       "EDAT-2 without EDAT-1 does not apply: no 2 GiB frame");
	mtest_set(&M, ea,
		  (e & DAT_RTE_ORIGIN) | DAT_R3E_FC | DAT_TT_REGION3 | 3);
	tap_ok(walk(asce, va, DAT_EDAT1, &r) == 0 &&
		       r.raddr == (0x1234000 | 0x9ab) &&
		       r.frame_size == DAT_PAGE_SIZE,
	       "region-third entry FC=1 with EDAT-1 only: FC ignored, the "
	       "segment table is walked");
	mtest_set(&M, ea,
		  0x80000000ULL | DAT_R3E_FC | DAT_RTE_PROT | DAT_TT_REGION3);
	tap_ok(walk(asce, va, DAT_EDAT1 | DAT_EDAT2, &r) == 0 && r.prot,
	       "EDAT-2: region-third entry FC=1 P=1: the 2 GiB frame is "
	       "protected");
	mtest_set(&M, ea,
		  0x80000000ULL | DAT_R3E_FC | DAT_R3E_CR | DAT_TT_REGION3);
	tap_ok(walk(asce | DAT_ASCE_PRIVATE, va, DAT_EDAT1 | DAT_EDAT2, &r) ==
			       DAT_PGM_TRANS_SPEC &&
		       walk(asce, va, DAT_EDAT1 | DAT_EDAT2, &r) == 0,
	       "EDAT-2: common-region bit in a private space (ASCE P=1) "
	       "raises translation-specification, else translates");
}

static void test_common_segment(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_SG), va = 0x00456000, ea;

	mtest_map(&M, asce, va, 0x2000, 0);
	ea = mtest_entry(&M, asce, va, DAT_LVL_SG);
	mtest_set(&M, ea, mtest_get(&M, ea) | DAT_STE_CS);
	tap_ok(walk(asce | DAT_ASCE_PRIVATE, va, 0, &r) == DAT_PGM_TRANS_SPEC &&
		       walk(asce, va, 0, &r) == 0,
	       "PoP 3 'Segment-table entries': common-segment bit with the "
	       "private-space control raises translation-specification");
}

static void test_addressing(void)
{
	struct dat_result r;
	uint64_t asce = mtest_asce(&M, DAT_LVL_SG), va = 0x00300000, ea;

	ea = mtest_entry(&M, asce, va, DAT_LVL_SG);
	mtest_set(&M, ea, 0x7ff0000000ULL); /* page table outside storage */
	tap_ok(walk(asce, va, 0, &r) == DAT_PGM_ADDRESSING &&
		       r.fault_level == DAT_LVL_PT,
	       "PoP 3: a table entry outside the configuration raises "
	       "addressing (0x05)");
}

static void test_direct_path(void)
{
	/* the same tree in host memory (V=R): real address = host pointer */
	uint64_t *sgt = aligned_alloc(4096, 2048 * 8),
		 *pgt = aligned_alloc(4096, 4096);
	struct dat_result a, b;
	unsigned int i, same = 0;

	for (i = 0; i < 2048; i++)
		sgt[i] = DAT_STE_INVALID;
	for (i = 0; i < 256; i++)
		pgt[i] = (0x100000ULL * 7 + i * 0x1000ULL) |
			 (i % 3 ? 0 : DAT_PTE_PROT) |
			 (i % 5 ? 0 : DAT_PTE_INVALID);
	sgt[3] = (uintptr_t)pgt;
	for (i = 0; i < 256; i++) {
		uint64_t asce = (uintptr_t)sgt | 3,
			 va = 0x300000 + i * 0x1000ULL;
		int ra = dat_translate(asce, va, 0, NULL, &a);
		int rb = dat_translate(asce, va, 0, &dat_mem_vr, &b);

		same += ra == rb &&
			(ra || (a.raddr == b.raddr && a.prot == b.prot &&
				a.raddr == (pgt[i] & DAT_PTE_PFRA) &&
				a.prot == !(i % 3)));
		same -= ra != (i % 5 ? 0 : DAT_PGM_PAGE);
	}
	tap_eq(same, 256,
	       "V=R fast path (mem NULL) and dat_mem_vr agree with "
	       "the page table on 256 pages");
	free(sgt);
	free(pgt);
}

int main(void)
{
	tap_plan_unknown();
	mtest_init(&M, 16 << 20);
	test_each_designation_type();
	test_real_space();
	test_asce_type();
	test_top_table_length();
	test_offset_and_length();
	test_invalid();
	test_table_type();
	test_pte_bits();
	test_protection();
	test_edat1();
	test_edat2();
	test_common_segment();
	test_addressing();
	test_direct_path();
	tap_eq(strcmp(dat_pgm_name(DAT_PGM_REGION3),
		      "region-third-translation"),
	       0, "dat_pgm_name names the codes");
	mtest_fini(&M);
	return tap_done();
}
