// SPDX-License-Identifier: GPL-2.0
/*
 * TLB model and purge instructions against the Principles of Operation
 * (SA22-7832): what IPTE, IDTE, CSP/CSPG, CRDTE and PTLB clear, and what
 * they leave, on synthetic real storage. Each case names its rule.
 */
#include <errno.h>
#include <stdlib.h>

#include "mtest.h"
#include "tap.h"
#include "tlb.h"

static struct mtest_mem M;
static struct tlb T;

static int xlate(uint64_t asce, uint64_t va, uint64_t *ra)
{
	bool prot;

	return tlb_translate(&T, asce, va, DAT_EDAT1, &M.mem, ra, &prot, NULL);
}

static bool cached(uint64_t asce, uint64_t va)
{
	uint64_t ra;
	bool prot;
	struct tlb_stats s = T.st;
	bool hit = tlb_lookup(&T, asce, va, &ra, &prot);

	T.st = s; /* a probe, not an access */
	return hit;
}

/* A segment-table ASCE whose pages 0x100000 + i * 4096 (i < n) map to
 * frame 0x40000000 + i * 4096; returns the page table origin */
static uint64_t build(uint64_t *asce, unsigned int n)
{
	unsigned int i;

	*asce = mtest_asce(&M, DAT_LVL_SG);
	for (i = 0; i < n; i++)
		mtest_map(&M, *asce, 0x100000 + i * 4096ULL,
			  0x40000000 + i * 4096ULL, 0);
	return mtest_entry(&M, *asce, 0x100000, DAT_LVL_PT);
}

static void fresh(void)
{
	tlb_free(&T);
	if (tlb_init(&T, 64, 4, 1))
		abort();
}

static void test_hit_miss(void)
{
	uint64_t asce, ra = 0;

	fresh();
	build(&asce, 4);
	tap_ok(xlate(asce, 0x101234, &ra) == 0 && ra == 0x40001234 &&
		       T.st.misses == 1 && T.st.hits == 0,
	       "first access: TLB miss, DAT walk, real address 0x40001234");
	tap_ok(xlate(asce, 0x101ff8, &ra) == 0 && ra == 0x40001ff8 &&
		       T.st.hits == 1 && T.st.misses == 1,
	       "second access to the page: TLB hit, same frame");
	tap_ok(!cached(asce + 0x4000, 0x101000),
	       "entries are tagged by ASCE: another ASCE misses");
}

static void test_ipte(void)
{
	uint64_t asce, ra, pto;

	fresh();
	pto = build(&asce, 4);
	xlate(asce, 0x100000, &ra);
	xlate(asce, 0x101000, &ra);
	tap_ok(tlb_ipte(&T, &M.mem, pto, 0x100000, 0, 0, 0) == 0 &&
		       (mtest_get(&M, pto) & DAT_PTE_INVALID) &&
		       !cached(asce, 0x100000) && cached(asce, 0x101000) &&
		       T.st.purged == 1 && T.st.ipte == 1,
	       "PoP 'IPTE': sets the page-table entry invalid and clears the "
	       "TLB entries formed from it, and only those");
	tap_eq(xlate(asce, 0x100000, &ra), DAT_PGM_PAGE,
	       "after IPTE the page raises page-translation");
	tlb_ipte(&T, &M.mem, pto + 8, 0x101000, 0, 0, TLB_OPT_LOCAL);
	tap_ok(T.st.ipte == 2 && T.st.ipte_local == 1 &&
		       !cached(asce, 0x101000),
	       "IPTE local-clearing control (M4): clears this CPU, counted as "
	       "local");
	tap_ok((mtest_get(&M, pto + 8) & DAT_PTE_INVALID),
	       "IPTE: R1 designates the page table, the page index of R2 "
	       "selects the entry (R1 low bits ignored)");
}

static void test_ipte_guest_asce(void)
{
	uint64_t a1, a2, ra, pto, ste;

	fresh();
	pto = build(&a1, 2);
	a2 = mtest_asce(&M, DAT_LVL_SG);
	ste = mtest_entry(&M, a1, 0x100000, DAT_LVL_SG);
	mtest_set(&M, mtest_entry(&M, a2, 0x100000, DAT_LVL_SG),
		  mtest_get(&M, ste)); /* both spaces share the page table */
	xlate(a1, 0x100000, &ra);
	xlate(a2, 0x100000, &ra);
	tlb_ipte(&T, &M.mem, pto, 0x100000, 0, a1, TLB_OPT_GUEST_ASCE);
	tap_ok(!cached(a1, 0x100000) && cached(a2, 0x100000),
	       "IPTE with the guest-ASCE option: clears only the entries of "
	       "that ASCE; the other space keeps its (now stale) entry");
	mtest_set(&M, pto, 0x40000000);
	xlate(a1, 0x100000, &ra);
	xlate(a2, 0x100000, &ra);
	tlb_ipte(&T, &M.mem, pto, 0x100000, 0, 0, 0);
	tap_ok(!cached(a1, 0x100000) && !cached(a2, 0x100000),
	       "IPTE without the option: clears the entries of every ASCE "
	       "formed from the entry");
}

static void test_ipte_range(void)
{
	uint64_t asce, ra, pto;
	unsigned int i, inval = 0, hits = 0;

	fresh();
	pto = build(&asce, 256);
	for (i = 0; i < 6; i++)
		xlate(asce, 0x100000 + i * 4096ULL, &ra);
	tlb_ipte(&T, &M.mem, pto, 0x101000, 3, 0, 0);
	for (i = 0; i < 6; i++) {
		inval += !!(mtest_get(&M, pto + i * 8) & DAT_PTE_INVALID);
		hits += cached(asce, 0x100000 + i * 4096ULL);
	}
	tap_ok(inval == 4 && hits == 2 && cached(asce, 0x100000) &&
		       cached(asce, 0x105000) && T.st.ipte == 1 &&
		       T.st.ipte_ptes == 4,
	       "IPTE-range: additional count 3 invalidates entries 1..4 and "
	       "clears their TLB entries; 0 and 5 stay");
	tlb_ipte(&T, &M.mem, pto, 0x1fe000, 10, 0, 0);
	tap_ok(T.st.ipte_ptes == 6 &&
		       (mtest_get(&M, pto + 255 * 8) & DAT_PTE_INVALID),
	       "IPTE-range stops at the end of the page table (index 255)");
}

static void test_idte(void)
{
	uint64_t asce, ra, ste, sto;
	unsigned int i, left = 0;

	fresh();
	asce = mtest_asce(&M, DAT_LVL_SG);
	for (i = 0; i < 8; i++) {
		mtest_map(&M, asce, 0x200000 + i * 4096ULL,
			  0x9000000 + i * 4096ULL, 0);
		mtest_map(&M, asce, 0x300000 + i * 4096ULL,
			  0xa000000 + i * 4096ULL, 0);
		xlate(asce, 0x200000 + i * 4096ULL, &ra);
		xlate(asce, 0x300000 + i * 4096ULL, &ra);
	}
	ste = mtest_entry(&M, asce, 0x200000, DAT_LVL_SG);
	sto = asce & DAT_ASCE_ORIGIN;
	tlb_idte(&T, &M.mem, sto | DAT_DT_SEGMENT, 0x200000, 0, 0, 0);
	for (i = 0; i < 8; i++)
		left += cached(asce, 0x200000 + i * 4096ULL) * 100 +
			cached(asce, 0x300000 + i * 4096ULL);
	tap_ok(left == 8 && (mtest_get(&M, ste) & DAT_STE_INVALID) &&
		       T.st.purged == 8 && T.st.idte == 1,
	       "PoP 'IDTE' invalidation-and-clearing: the segment entry is "
	       "invalid and the 8 entries formed through it are cleared; the "
	       "8 of the other segment stay");
	tap_eq(xlate(asce, 0x200000, &ra), DAT_PGM_SEGMENT,
	       "after IDTE the segment raises segment-translation");
}

static void test_idte_region(void)
{
	uint64_t asce, ra, r3e;

	fresh();
	asce = mtest_asce(&M, DAT_LVL_R3);
	mtest_map(&M, asce, 0x80000000ULL, 0x1000, 0);
	mtest_map(&M, asce, 0x80100000ULL, 0x2000, 0);
	mtest_map(&M, asce, 0x100000000ULL, 0x3000, 0);
	xlate(asce, 0x80000000ULL, &ra);
	xlate(asce, 0x80100000ULL, &ra);
	xlate(asce, 0x100000000ULL, &ra);
	r3e = mtest_entry(&M, asce, 0x80000000ULL, DAT_LVL_R3);
	tlb_idte(&T, &M.mem, (asce & DAT_ASCE_ORIGIN) | DAT_DT_REGION3,
		 0x80000000ULL, 0, 0, TLB_OPT_LOCAL);
	tap_ok(!cached(asce, 0x80000000ULL) && !cached(asce, 0x80100000ULL) &&
		       cached(asce, 0x100000000ULL) &&
		       (mtest_get(&M, r3e) & DAT_RTE_INVALID) &&
		       T.st.idte_local == 1,
	       "IDTE on a region-third entry (R1 DT=region-third): clears "
	       "everything formed through it, across segments; local counted");
	tlb_idte(&T, &M.mem, (asce & DAT_ASCE_ORIGIN) | DAT_DT_REGION3,
		 0x100000000ULL, 0, asce + 0x1000, TLB_OPT_GUEST_ASCE);
	tap_ok(cached(asce, 0x100000000ULL),
	       "IDTE with guest-ASCE option and another ASCE: the entry is "
	       "invalidated but this ASCE's TLB entry stays");
}

static void test_idte_asce(void)
{
	uint64_t a1, a2, ra;

	fresh();
	build(&a1, 3);
	build(&a2, 3);
	xlate(a1, 0x100000, &ra);
	xlate(a1, 0x101000, &ra);
	xlate(a2, 0x100000, &ra);
	tlb_idte_asce(&T, a1, 0);
	tap_ok(!cached(a1, 0x100000) && !cached(a1, 0x101000) &&
		       cached(a2, 0x100000) && T.st.idte_asce == 1 &&
		       T.st.purged == 2,
	       "IDTE clearing-by-ASCE: every entry of that ASCE is cleared, "
	       "other ASCEs keep theirs, no table entry changes");
}

static void test_csp(void)
{
	uint64_t a, ra, cur = 0, word = 0x20000;

	fresh();
	build(&a, 3);
	xlate(a, 0x100000, &ra);
	xlate(a, 0x101000, &ra);
	mtest_set(&M, word, 0x1111222233334444ULL);
	tap_ok(tlb_csp(&T, &M.mem, word, 8, 5, 6, true, &cur) == 1 &&
		       cur == 0x1111222233334444ULL &&
		       tlb_valid_entries(&T) == 2,
	       "PoP 'CSPG': unequal: cc 1, the value found returned, nothing "
	       "purged");
	tap_ok(tlb_csp(&T, &M.mem, word, 8, 0x1111222233334444ULL, 7, true,
		       NULL) == 0 &&
		       mtest_get(&M, word) == 7 && tlb_valid_entries(&T) == 0 &&
		       T.st.csp == 2 && T.st.csp_purges == 1,
	       "CSPG: equal with the purge bit: stored, all TLB entries of all "
	       "CPUs cleared");
	xlate(a, 0x100000, &ra);
	tap_ok(tlb_csp(&T, &M.mem, word, 8, 7, 8, false, NULL) == 0 &&
		       tlb_valid_entries(&T) == 1,
	       "CSPG without the purge bit (R2 bit 63 zero): no clearing");
	{
		uint32_t w = 3;
		uint64_t waddr = (uintptr_t)&w;

		tap_ok(tlb_csp(&T, NULL, waddr, 4, 3, 9, true, NULL) == 0 &&
			       w == 9 && tlb_valid_entries(&T) == 0,
		       "CSP (word) on V=R storage: swap and purge");
	}
}

static void test_crdte(void)
{
	uint64_t a, ra, pto, ste, cur = 0;

	fresh();
	pto = build(&a, 3);
	xlate(a, 0x100000, &ra);
	xlate(a, 0x101000, &ra);
	tap_ok(tlb_crdte(&T, &M.mem, 0x12345, 0x77000, pto, DAT_LVL_PT,
			 0x101000, a, 0, &cur) == 1 &&
		       cur == 0x40001000 && cached(a, 0x101000),
	       "PoP 'CRDTE': entry unequal to the first operand: cc 1, "
	       "nothing replaced or cleared");
	tap_ok(tlb_crdte(&T, &M.mem, 0x40001000, 0x77000, pto, DAT_LVL_PT,
			 0x101000, a, 0, NULL) == 0 &&
		       !cached(a, 0x101000) && cached(a, 0x100000) &&
		       xlate(a, 0x101000, &ra) == 0 && ra == 0x77000,
	       "CRDTE on a page-table entry: replaced, the TLB entries formed "
	       "from it cleared, the new frame used next");
	ste = mtest_entry(&M, a, 0x100000, DAT_LVL_SG);
	xlate(a, 0x100000, &ra);
	tap_ok(tlb_crdte(&T, &M.mem, mtest_get(&M, ste),
			 mtest_get(&M, ste) | DAT_STE_PROT, a & DAT_ASCE_ORIGIN,
			 DAT_LVL_SG, 0x100000, a, 0, NULL) == 0 &&
		       tlb_valid_entries(&T) == 0 && T.st.crdte == 3 &&
		       T.st.crdte_replaced == 2,
	       "CRDTE on a segment entry: every entry formed through it "
	       "cleared");
}

static void test_ptlb_and_stale(void)
{
	uint64_t a, ra, pto;

	fresh();
	pto = build(&a, 3);
	xlate(a, 0x100000, &ra);
	mtest_set(&M, pto, 0x55000);
	tap_ok(xlate(a, 0x100000, &ra) == 0 && ra == 0x40000000,
	       "PoP 'TLB': a changed valid entry without a purge leaves the "
	       "old translation usable (what the oracle catches)");
	xlate(a, 0x101000, &ra);
	tlb_ptlb(&T);
	tap_ok(tlb_valid_entries(&T) == 0 && T.st.ptlb == 1 &&
		       xlate(a, 0x100000, &ra) == 0 && ra == 0x55000,
	       "PoP 'PTLB': clears every entry of this CPU; the new value is "
	       "used next");
}

static void test_large_frames(void)
{
	uint64_t a, ra, ste, pto;

	fresh();
	pto = build(&a, 2);
	ste = mtest_entry(&M, a, 0x500000, DAT_LVL_SG);
	mtest_set(&M, ste, 0x3300000 | DAT_STE_FC);
	tap_ok(xlate(a, 0x5abcde, &ra) == 0 && ra == 0x33abcde &&
		       cached(a, 0x5ab000) && !cached(a, 0x5ac000),
	       "EDAT-1 1 MiB frame: the TLB holds the 4 KiB page accessed");
	tlb_ipte(&T, &M.mem, pto, 0x100000, 0, 0, 0);
	tap_ok(cached(a, 0x5ab000), "IPTE of an unrelated PTE leaves it");
	tlb_idte(&T, &M.mem, (a & DAT_ASCE_ORIGIN), 0x500000, 0, 0, 0);
	tap_ok(!cached(a, 0x5ab000),
	       "IDTE of the large segment entry clears it");
}

static void test_replacement(void)
{
	struct tlb t1, t2;
	uint64_t a, ra, i, same = 0;
	struct dat_result r;
	bool p1, p2;

	build(&a, 64);
	tlb_init(&t1, 1, 2, 42);
	tap_eq(t1.sets * t1.ways, 2, "1 x 2 geometry");
	for (i = 0; i < 3; i++) {
		dat_translate(a, 0x100000 + i * 4096, 0, &M.mem, &r);
		tlb_insert(&t1, a, 0x100000 + i * 4096, &r);
	}
	tap_ok(tlb_valid_entries(&t1) == 2 && t1.st.evictions == 1,
	       "a full set replaces one way: 2 valid, 1 eviction");
	tlb_free(&t1);
	tlb_init(&t1, 4, 2, 7);
	tlb_init(&t2, 4, 2, 7);
	for (i = 0; i < 2000; i++) {
		uint64_t va = 0x100000 + (((i * 7) ^ (i >> 3)) % 12) * 4096;

		tlb_translate(&t1, a, va, 0, &M.mem, &ra, &p1, NULL);
		tlb_translate(&t2, a, va, 0, &M.mem, &ra, &p2, NULL);
	}
	same = t1.st.hits == t2.st.hits && t1.st.evictions == t2.st.evictions;
	tap_ok(same && t1.st.hits > 0 && t1.st.evictions > 0,
	       "same seed, same accesses: same hits (%llu) and evictions",
	       (unsigned long long)t1.st.hits);
	tlb_free(&t1);
	tlb_free(&t2);
}

/* Random inserts and purges; after each purge no valid entry may still
 * name the purged table entry, and every entry still valid must not */
static void test_reverse_index(void)
{
	uint64_t a[2], pto[2], ra, seed = 12345, bad = 0, purges = 0, n, i, k;
	unsigned int j;

	fresh();
	pto[0] = build(&a[0], 256);
	pto[1] = build(&a[1], 256);
	for (i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (seed >> 33) & 1;
		k = (seed >> 40) & 255;
		if ((seed >> 20) % 8) {
			mtest_set(&M, pto[j] + k * 8, 0x40000000 + k * 4096);
			xlate(a[j], 0x100000 + k * 4096, &ra);
			continue;
		}
		tlb_ipte(&T, &M.mem, pto[j], 0x100000 + k * 4096, 0, 0, 0);
		purges++;
		n = (uint64_t)T.sets * T.ways;
		for (uint64_t s = 0; s < n; s++)
			if (T.e[s].vpage != TLB_VPAGE_NONE &&
			    T.e[s].entry[DAT_LVL_PT] == pto[j] + k * 8)
				bad++;
	}
	n = 0;
	for (uint64_t s = 0; s < (uint64_t)T.sets * T.ways; s++)
		n += T.e[s].vpage != TLB_VPAGE_NONE &&
		     !(T.e[s].vpage & TLB_CRSTE_KEY);
	tap_ok(bad == 0 && n == tlb_valid_entries(&T) && purges > 1000,
	       "reverse index: after %llu random IPTEs no entry formed from a "
	       "purged PTE survives, valid count %llu consistent",
	       (unsigned long long)purges, (unsigned long long)n);
}

/* A tiny TLB has few reverse-index buckets: the nodes of one entry share
 * chains with each other and with other entries; a purge must still find
 * every entry formed through the table entry */
static void test_crowded_index(void)
{
	uint64_t asce, ra, ste, va, left = 0, round;
	struct tlb small;
	bool prot;
	unsigned int i;

	for (round = 0; round < 8; round++) {
		tlb_init(&small, 1, 4, round);
		asce = mtest_asce(&M, DAT_LVL_R1);
		va = (round + 1) << 33;
		for (i = 0; i < 4; i++) {
			mtest_map(&M, asce, va + i * 4096ULL,
				  0x7000 + i * 4096ULL, 0);
			tlb_translate(&small, asce, va + i * 4096ULL, 0, &M.mem,
				      &ra, &prot, NULL);
		}
		ste = mtest_entry(&M, asce, va, DAT_LVL_SG);
		tlb_idte(&small, &M.mem,
			 (ste - DAT_SX(va) * 8) | DAT_DT_SEGMENT, va, 0, 0, 0);
		left += tlb_valid_entries(&small);
		tlb_free(&small);
	}
	tap_eq(left, 0,
	       "IDTE of a segment entry in a crowded reverse index (1 x 4 TLB, "
	       "8 layouts): all 4 entries formed through it cleared");
}

static void test_crste(void)
{
	uint64_t a, ra, pto, ste, pt2, v;
	struct dat_result r;
	bool prot;

	fresh();
	pto = build(&a, 4);
	ste = mtest_entry(&M, a, 0x100000, DAT_LVL_SG);
	v = mtest_get(&M, ste);
	xlate(a, 0x100000, &ra);
	tap_ok(T.ncrste == 1 && T.st.crste_inserts == 1,
	       "a walk to a page table forms a CRSTE (ASCE + segment -> PTO)");
	pt2 = mtest_table(&M, DAT_LVL_PT);
	mtest_set(&M, pt2 + 8, 0x66000);
	mtest_set(&M, ste, pt2); /* changed without IDTE */
	tap_ok(xlate(a, 0x101000, &ra) == 0 && ra == 0x40001000 &&
		       T.st.crste_hits == 1,
	       "PoP 'TLB': a CRSTE formed before the segment entry changed "
	       "keeps translating the other pages of the segment (old PTO)");
	tlb_ipte(&T, &M.mem, pto, 0x102000, 0, 0, 0);
	tap_ok(T.ncrste == 1, "IPTE leaves CRSTEs alone");
	tlb_idte(&T, &M.mem, a & DAT_ASCE_ORIGIN, 0x100000, 0, 0, 0);
	mtest_set(&M, ste, pt2);
	tap_ok(T.ncrste == 0 && T.st.crste_purged == 1 &&
		       xlate(a, 0x101000, &ra) == 0 && ra == 0x66000,
	       "IDTE of the segment entry clears its CRSTE: the new page table "
	       "is used");
	mtest_set(&M, ste, v | DAT_STE_PROT);
	tlb_ptlb(&T);
	xlate(a, 0x100000, &ra);
	tap_ok(tlb_translate(&T, a, 0x101000, 0, &M.mem, &ra, &prot, &r) == 0 &&
		       prot && T.st.crste_hits == 2 &&
		       r.entry[DAT_LVL_SG] == ste &&
		       r.entry[DAT_LVL_PT] == pto + 8,
	       "through a CRSTE: the segment protection applies and the result "
	       "names the entries used");
	mtest_set(&M, pto + 16, 0x40002000 | DAT_PTE_INVALID);
	tap_ok(tlb_translate(&T, a, 0x102000, 0, &M.mem, &ra, &prot, &r) ==
			       DAT_PGM_PAGE &&
		       r.fault_level == DAT_LVL_PT,
	       "through a CRSTE: an invalid PTE raises page-translation");
	mtest_set(&M, ste, v);
	tlb_ptlb(&T);
	T.crste = false;
	xlate(a, 0x100000, &ra);
	mtest_set(&M, ste, pt2);
	tap_ok(T.ncrste == 0 && xlate(a, 0x101000, &ra) == 0 && ra == 0x66000,
	       "crste off: every miss walks from the top");
	T.crste = true;
}

static void test_idte_count_and_bad_geometry(void)
{
	uint64_t a, ra, i, inval = 0, r1e;
	struct tlb x;

	fresh();
	a = mtest_asce(&M, DAT_LVL_SG);
	for (i = 0; i < 5; i++) {
		mtest_map(&M, a, 0x800000 + (i << 20), 0x1000 * (i + 1), 0);
		xlate(a, 0x800000 + (i << 20), &ra);
	}
	tlb_idte(&T, &M.mem, a & DAT_ASCE_ORIGIN, 0x900000, 2, 0, 0);
	for (i = 0; i < 5; i++)
		inval += !!(mtest_get(&M,
				      mtest_entry(&M, a, 0x800000 + (i << 20),
						  DAT_LVL_SG)) &
			    DAT_STE_INVALID)
			 << i;
	tap_ok(inval == 0xe && cached(a, 0x800000) && !cached(a, 0x900000) &&
		       !cached(a, 0xb00000) && cached(a, 0xc00000),
	       "IDTE additional-entries count 2: segment entries 9..11 "
	       "invalidated and cleared, 8 and 12 stay");
	a = mtest_asce(&M, DAT_LVL_R1);
	mtest_map(&M, a, 3ULL << 53, 0x5000, 0);
	xlate(a, 3ULL << 53, &ra);
	r1e = mtest_entry(&M, a, 3ULL << 53, DAT_LVL_R1);
	tlb_idte(&T, &M.mem, (a & DAT_ASCE_ORIGIN) | DAT_DT_REGION1, 3ULL << 53,
		 0, 0, 0);
	tap_ok(!cached(a, 3ULL << 53) && (mtest_get(&M, r1e) & DAT_RTE_INVALID),
	       "IDTE with a region-first table designation: index from bits "
	       "0-10, the entry invalid and its translations cleared");
	tap_eq(tlb_init(&x, 1u << 21, 4, 0), -EINVAL,
	       "tlb_init refuses more than 2^20 sets");
}

static void test_stats(void)
{
	uint64_t a, ra, pto;

	fresh();
	pto = build(&a, 4);
	xlate(a, 0x100000, &ra);
	xlate(a, 0x100000, &ra);
	xlate(a, 0x101000, &ra);
	tlb_ipte(&T, &M.mem, pto, 0x100000, 1, 0, 0);
	tlb_idte_asce(&T, a, 0);
	tlb_ptlb(&T);
	tap_ok(T.st.hits == 1 && T.st.misses == 2 && T.st.purged == 2 &&
		       T.st.ipte == 1 && T.st.idte == 1 &&
		       T.st.idte_asce == 1 && T.st.ptlb == 1 && T.st.csp == 0 &&
		       T.st.crdte == 0,
	       "statistics: hits, misses, purged and one count per "
	       "instruction");
	tlb_stats_reset(&T);
	tap_eq(T.st.hits + T.st.misses + T.st.ipte, 0, "tlb_stats_reset");
}

/*
 * With every change of a valid entry made by an architected purging
 * instruction, the TLB (with CRSTEs) must always agree with a fresh walk.
 */
static void test_coherent_when_purged(void)
{
	uint64_t a[2], va, ra, e, ea, seed = 99, bad = 0, ops[8] = {0}, i;
	struct dat_result w;
	unsigned int j, k, s, op;
	int rc1, rc2;
	bool prot;

	fresh();
	for (j = 0; j < 2; j++) {
		a[j] = mtest_asce(&M, DAT_LVL_R3);
		for (s = 0; s < 8; s++)
			for (k = 0; k < 16; k++)
				mtest_map(&M, a[j], (s << 20) + k * 4096ULL,
					  0x1000000 + (j * 128 + s * 16 + k) *
							      4096ULL,
					  0);
	}
	for (i = 0; i < 30000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (seed >> 60) & 1;
		s = (seed >> 50) & 7;
		k = (seed >> 40) & 15;
		op = (seed >> 33) % 16;
		va = (s << 20) + k * 4096ULL;
		ea = mtest_entry(&M, a[j], va, DAT_LVL_PT);
		switch (op) {
		case 0: /* IPTE, then a new frame (invalid -> valid: no purge) */
			tlb_ipte(&T, &M.mem, ea, va, 0, a[j],
				 (seed & 1) ? TLB_OPT_GUEST_ASCE : 0);
			if (seed & 0x30)
				mtest_set(
					&M, ea,
					(seed & 0xfff000) |
						(seed & 4 ? DAT_PTE_PROT : 0));
			break;
		case 1: /* CRDTE a PTE to another frame / protection */
			e = mtest_get(&M, ea);
			tlb_crdte(&T, &M.mem, e,
				  (seed & 0x7ff000) |
					  (seed & 8 ? DAT_PTE_PROT : 0),
				  ea & ~0x7ffULL, DAT_LVL_PT, va, a[j], 0,
				  NULL);
			break;
		case 2: /* CSPG with purge on a PTE (rare: it clears all) */
			if ((seed >> 8) & 15)
				break;
			e = mtest_get(&M, ea);
			tlb_csp(&T, &M.mem, ea, 8, e, e ^ DAT_PTE_PROT, true,
				NULL);
			break;
		case 3: /* IDTE the segment, then toggle its protection back in */
			ea = mtest_entry(&M, a[j], va, DAT_LVL_SG);
			e = mtest_get(&M, ea);
			tlb_idte(&T, &M.mem, ea - DAT_SX(va) * 8, va, 0, a[j],
				 (seed & 1) ? TLB_OPT_GUEST_ASCE : 0);
			if (seed & 0x30)
				mtest_set(&M, ea,
					  (e ^ DAT_STE_PROT) &
						  ~DAT_STE_INVALID);
			break;
		case 4: /* clearing by ASCE after rewriting a PTE (rare) */
			if ((seed >> 8) & 15)
				break;
			mtest_set(&M, ea, (seed & 0x3ff000));
			tlb_idte_asce(&T, a[j], 0);
			break;
		case 5:
			if ((seed & 0xff) == 0)
				tlb_ptlb(&T);
			break;
		default: /* an access */
			va += seed & 0xfff;
			rc1 = tlb_translate(&T, a[j], va, 0, &M.mem, &ra, &prot,
					    NULL);
			rc2 = dat_translate(a[j], va, 0, &M.mem, &w);
			bad += rc1 != rc2 ||
			       (!rc1 && (ra != w.raddr || prot != w.prot));
			break;
		}
		ops[op < 6 ? op : 6]++;
	}
	tap_ok(bad == 0 && ops[0] && ops[1] && ops[2] && ops[3] && ops[4] &&
		       T.st.hits > 500 && T.st.crste_hits > 100,
	       "30000 random accesses and purging changes (IPTE, CRDTE, CSPG, "
	       "IDTE, clearing-by-ASCE, PTLB): the TLB always agrees with a "
	       "fresh walk (%llu disagree, %llu hits, %llu CRSTE hits)",
	       (unsigned long long)bad, (unsigned long long)T.st.hits,
	       (unsigned long long)T.st.crste_hits);
}

int main(void)
{
	tap_plan_unknown();
	mtest_init(&M, 64 << 20);
	test_crowded_index();
	tap_eq(tlb_init(&T, 0, 0, 0), 0, "default geometry");
	tap_ok(T.sets == TLB_DEFAULT_SETS && T.ways == TLB_DEFAULT_WAYS,
	       "defaults %u x %u", T.sets, T.ways);
	test_hit_miss();
	test_ipte();
	test_ipte_guest_asce();
	test_ipte_range();
	test_idte();
	test_idte_region();
	test_idte_asce();
	test_csp();
	test_crdte();
	test_ptlb_and_stale();
	test_large_frames();
	test_replacement();
	test_reverse_index();
	test_stats();
	test_crste();
	test_idte_count_and_bad_geometry();
	test_coherent_when_purged();
	tlb_free(&T);
	mtest_fini(&M);
	return tap_done();
}
