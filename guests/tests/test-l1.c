// SPDX-License-Identifier: GPL-2.0
/*
 * The L1 table builder and allocator on the fake machine: every table
 * level, EDAT frames, invalidate-then-change, protection, teardown, the
 * SIE loop with on-demand mapping; and a cross-check of the tables with
 * host/sim's DAT walker (written independently from the same manual).
 */
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "fake-platform.h"
#include "l1.h"
#include "tap.h"

#define MEM (64ULL << 20)
#define HEAP (4ULL << 20)

static struct fake f;
static struct l1 l1;

static void setup(bool edat1, bool edat2)
{
	fake_fini(&f);
	fake_init(&f, MEM, HEAP, edat1, edat2);
	l1_init(&l1, &f.plat);
}

static void test_alloc(void)
{
	uint64_t a, b, c, d, first;
	int n = 0;

	setup(false, false);
	tap_eq(l1_heap_bytes(&l1), MEM - HEAP, "heap is [heap_start, mem)");
	a = l1_alloc(&l1, L1_FRAME_PGT);
	b = l1_alloc(&l1, L1_FRAME_PGT);
	c = l1_alloc(&l1, L1_FRAME_CRST);
	d = l1_alloc(&l1, L1_FRAME_1M);
	tap_ok(a >= HEAP && a % 2048 == 0 && b == a + 2048,
	       "page tables: 2 KiB, packed (a=%#llx b=%#llx)",
	       (unsigned long long)a, (unsigned long long)b);
	tap_ok(c % 16384 == 0 && c / L1_CHUNK_SIZE != a / L1_CHUNK_SIZE,
	       "region/segment tables 16 KiB aligned, in their own chunk");
	tap_ok(d % L1_CHUNK_SIZE == 0 && d != (c & ~(L1_CHUNK_SIZE - 1)),
	       "1 MiB frames aligned, a chunk each");
	l1_free(&l1, a, L1_FRAME_PGT);
	tap_eq(l1_alloc(&l1, L1_FRAME_PGT), a, "a freed slot is reused");
	l1_free(&l1, a, L1_FRAME_PGT);
	l1_free(&l1, a, L1_FRAME_PGT); /* double free: ignored */
	tap_eq(l1.frames_in_use[L1_FRAME_PGT], 1, "double free is ignored");
	l1_free(&l1, b, L1_FRAME_PGT);
	l1_free(&l1, c, L1_FRAME_CRST);
	l1_free(&l1, d, L1_FRAME_1M);
	tap_ok(l1.chunk[(a - HEAP) / L1_CHUNK_SIZE].kind == L1_CHUNK_EMPTY,
	       "an emptied chunk goes back to the pool");
	first = l1_alloc(&l1, L1_FRAME_1M);
	while (l1_alloc(&l1, L1_FRAME_1M) != L1_NO_FRAME)
		n++;
	tap_eq(n + 1, (MEM - HEAP) / L1_CHUNK_SIZE,
	       "exhaustion after every chunk (first %#llx)",
	       (unsigned long long)first);
	tap_eq(l1_alloc(&l1, L1_FRAME_PGT), L1_NO_FRAME,
	       "no page table once the heap is full");
}

static int xlate(struct l1_gmap *g, uint64_t va, int edat, bool w, uint64_t *pa)
{
	return fake_translate(&f, g->asce, va, edat, w, pa);
}

static void test_levels(void)
{
	static const int top_pgm[] = {0x39, 0x3a, 0x3b, 0x10};
	static const struct {
		enum l1_level top;
		uint64_t va;
		int tables;
		uint64_t asce_dt;
	} cases[] = {
		{L1_LVL_SG, 0x7ff00000ULL + 0x5000, 2, 0x0},
		{L1_LVL_R3, 0x3ff80000000ULL + 0x123000, 3, 0x4},
		{L1_LVL_R2, 0x1f000000000000ULL + 0x42000, 4, 0x8},
		{L1_LVL_R1, 0xfff0000000000000ULL + 0x3000, 5, 0xc},
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct l1_gmap g;
		struct l1_walk w;
		uint64_t frame, pa = 0;
		int rc;

		setup(false, false);
		rc = l1_gmap_create(&g, &l1, cases[i].top);
		tap_ok(!rc && (g.asce & 0xc) == cases[i].asce_dt &&
			       (g.asce & 3) == 3,
		       "top %u: ASCE %#llx type and length", cases[i].top,
		       (unsigned long long)g.asce);
		frame = l1_alloc(&l1, L1_FRAME_4K);
		tap_eq(xlate(&g, cases[i].va, 0, false, &pa),
		       top_pgm[cases[i].top],
		       "top %u: unmapped address faults at the top level",
		       cases[i].top);
		rc = l1_gmap_map(&g, cases[i].va, frame, L1_MAP_4K, 0);
		tap_eq(rc, 0, "top %u: map 4K", cases[i].top);
		tap_eq(g.tables, cases[i].tables, "top %u: one table per level",
		       cases[i].top);
		rc = xlate(&g, cases[i].va + 0x18, 0, true, &pa);
		tap_ok(!rc && pa == frame + 0x18,
		       "top %u: the fake's walker translates to the frame "
		       "(rc %#x pa %#llx)",
		       cases[i].top, rc, (unsigned long long)pa);
		tap_eq(xlate(&g, cases[i].va + 0x1000, 0, false, &pa), 0x11,
		       "top %u: the next page is a page-translation fault",
		       cases[i].top);
		l1_gmap_walk(&g, cases[i].va + 0x18, &w);
		tap_ok(w.valid && w.l1addr == frame + 0x18 &&
			       w.last == L1_LVL_PT,
		       "top %u: L1's own walk agrees", cases[i].top);
		l1_gmap_destroy(&g);
		tap_ok(l1.frames_in_use[L1_FRAME_CRST] == 0 &&
			       l1.frames_in_use[L1_FRAME_PGT] == 0 &&
			       l1.stats.tables_alloc == l1.stats.tables_freed,
		       "top %u: teardown frees every table", cases[i].top);
	}
	setup(false, false);
	{
		struct l1_gmap g;

		l1_gmap_create(&g, &l1, L1_LVL_R3);
		tap_eq(l1_gmap_map(&g, 1ULL << 42, 0x100000, L1_MAP_4K, 0), -34,
		       "beyond the top table's reach: -34");
		tap_eq(l1_gmap_map(&g, 0x1800, 0x100000, L1_MAP_4K, 0), -22,
		       "misaligned: -22");
		tap_eq(xlate(&g, 1ULL << 42, 0, false, &(uint64_t){0}), 0x38,
		       "the fake also says ASCE-type beyond reach");
		l1_gmap_destroy(&g);
	}
}

static void test_edat(void)
{
	struct l1_gmap g;
	uint64_t seg, pa = 0, pt_frame;
	int rc;

	setup(true, true);
	l1_gmap_create(&g, &l1, L1_LVL_R3);
	seg = l1_alloc(&l1, L1_FRAME_1M);
	rc = l1_gmap_map(&g, 0x40100000ULL, seg, L1_MAP_1M, 0);
	tap_eq(rc, 0, "EDAT-1: map a 1 MiB segment frame");
	rc = xlate(&g, 0x40100000ULL + 0xabcd8, 1, true, &pa);
	tap_ok(!rc && pa == seg + 0xabcd8,
	       "EDAT-1: translates inside the "
	       "frame (rc %#x)",
	       rc);
	l1_fill(&l1, seg, L1_PTE_INVALID, 256);
	tap_eq(xlate(&g, 0x40100000ULL, 0, false, &pa), 0x11,
	       "without EDAT the FC bit is ignored: the frame is a page table");
	tap_eq(g.tables, 2, "EDAT-1: no page table");
	rc = l1_gmap_map(&g, 0x80000000ULL * 3, 0, L1_MAP_2G, L1_MAP_PROT);
	tap_eq(rc, 0, "EDAT-2: map a 2 GiB region frame at L1 0");
	rc = xlate(&g, 0x80000000ULL * 3 + 0x123458, 2, false, &pa);
	tap_ok(!rc && pa == 0x123458, "EDAT-2: translates (rc %#x)", rc);
	tap_eq(xlate(&g, 0x80000000ULL * 3 + 0x123458, 2, true, &pa), 0x04,
	       "EDAT-2: the region P bit protects");
	tap_eq(l1_gmap_protect(&g, 0x80000000ULL * 3, false), 0,
	       "unprotect the region frame");
	tap_eq(xlate(&g, 0x80000000ULL * 3 + 0x8, 2, true, &pa), 0,
	       "then a store translates");
	pt_frame = l1_alloc(&l1, L1_FRAME_4K);
	tap_eq(l1_gmap_map(&g, 0x40100000ULL + 0x3000, pt_frame, L1_MAP_4K, 0),
	       -17, "a 4K map under a segment frame: -17");
	l1_gmap_map(&g, 0x1000, pt_frame, L1_MAP_4K, 0);
	tap_eq(l1_gmap_map(&g, 0, seg, L1_MAP_1M, 0), -17,
	       "a 1M map over a page table: -17");
	l1_gmap_destroy(&g);
	tap_eq(l1.frames_in_use[L1_FRAME_CRST] + l1.frames_in_use[L1_FRAME_PGT],
	       0, "EDAT teardown frees the tables, not the frames");
	tap_eq(l1.frames_in_use[L1_FRAME_1M], 1,
	       "the data frame is the "
	       "caller's");
}

static void test_rewrite(void)
{
	struct l1_gmap g;
	struct l1_walk w;
	uint64_t a, b, pa = 0, stores;

	setup(false, false);
	l1_gmap_create(&g, &l1, L1_LVL_SG);
	a = l1_alloc(&l1, L1_FRAME_4K);
	b = l1_alloc(&l1, L1_FRAME_4K);
	l1_gmap_map(&g, 0x5000, a, L1_MAP_4K, 0);
	l1_gmap_walk(&g, 0x5000, &w);
	f.watch_addr = w.entry[L1_LVL_PT];
	f.nr_watch = 0;
	stores = f.stores;
	l1_gmap_map(&g, 0x5000, a, L1_MAP_4K, 0);
	tap_eq(f.stores, stores, "mapping the same frame again stores nothing");
	l1_gmap_map(&g, 0x5000, b, L1_MAP_4K, 0);
	tap_ok(f.nr_watch == 2 && f.watch_vals[0] == (a | L1_PTE_INVALID) &&
		       f.watch_vals[1] == b,
	       "rewrite: invalidate, then the new value (%u stores)",
	       f.nr_watch);
	tap_eq(l1.stats.rewrites, 1, "counted as one rewrite");
	tap_ok(!xlate(&g, 0x5008, 0, false, &pa) && pa == b + 8,
	       "L2 now reaches the new frame");
	f.nr_watch = 0;
	tap_eq(l1_gmap_protect(&g, 0x5000, true), 0, "protect");
	tap_ok(f.nr_watch == 2 && f.watch_vals[0] == (b | L1_PTE_INVALID) &&
		       f.watch_vals[1] == (b | L1_PTE_PROT),
	       "protect: invalidate, then set with P");
	tap_eq(xlate(&g, 0x5008, 0, true, &pa), 0x04, "a store is refused");
	tap_eq(xlate(&g, 0x5008, 0, false, &pa), 0, "a fetch is not");
	tap_eq(l1_gmap_unmap(&g, 0x5000), 0, "unmap");
	tap_eq(xlate(&g, 0x5008, 0, false, &pa), 0x11, "then it faults");
	tap_eq(l1_gmap_unmap(&g, 0x5000), -2, "unmapping again: -2");

	l1_gmap_map(&g, 0x300000, a, L1_MAP_4K, 0);
	l1_gmap_walk(&g, 0x300000, &w);
	f.watch_addr = w.entry[L1_LVL_SG];
	f.nr_watch = 0;
	tap_eq(l1_gmap_rewrite_entry(&g, 0x300000, L1_LVL_SG), 0,
	       "rewrite a segment-table entry");
	tap_ok(f.nr_watch == 2 &&
		       f.watch_vals[0] ==
			       (w.value[L1_LVL_SG] | L1_STE_INVALID) &&
		       f.watch_vals[1] == w.value[L1_LVL_SG],
	       "segment entry: invalidated, then the same value again");
	tap_eq(l1_gmap_rewrite_entry(&g, 0x400000, L1_LVL_SG), -2,
	       "rewriting an invalid entry: -2");
	tap_eq(l1_gmap_rewrite_entry(&g, 0x300000, L1_LVL_R3), -22,
	       "a level above the top: -22");
	tap_eq(g.tables, 3, "top + two page tables");
	tap_eq(l1_gmap_unmap_table(&g, 0x300000, L1_LVL_SG), 0,
	       "unmap the page table of segment 3");
	tap_ok(g.tables == 2 && l1.frames_in_use[L1_FRAME_PGT] == 1,
	       "its page table is freed");
	tap_eq(xlate(&g, 0x300000, 0, false, &pa), 0x10,
	       "and L2 gets a segment-translation fault");
	l1_gmap_destroy(&g);
}

/* host/sim's DAT walker must read the tables as the fake does */
static void *fake_ptr(void *ctx, uint64_t raddr, unsigned int len)
{
	return raddr + len <= f.size ? f.mem + raddr : NULL;
}

static void test_cross_check(void)
{
	struct dat_mem mem = {.ptr = fake_ptr};
	struct dat_result res;
	struct l1_gmap g;
	uint64_t va[] = {0x0, 0x7fffe000ULL, 0x80000000ULL * 5 + 0x3000,
			 0x3ff00000000ULL, 0x123456789000ULL};
	uint64_t fr, pa;
	unsigned int i, agree = 0;
	int rc, rc2;

	setup(true, true);
	l1_gmap_create(&g, &l1, L1_LVL_R2);
	for (i = 0; i < 4; i++) {
		fr = l1_alloc(&l1, L1_FRAME_4K);
		l1_gmap_map(&g, va[i], fr, L1_MAP_4K, i == 2 ? L1_MAP_PROT : 0);
	}
	l1_gmap_map(&g, 0x80000000ULL * 9, 0, L1_MAP_2G, 0);
	l1_gmap_map(&g, 0x80000000ULL * 10 + 0x500000,
		    l1_alloc(&l1, L1_FRAME_1M), L1_MAP_1M, 0);
	for (i = 0; i < 64; i++) {
		uint64_t a = i < 5 ? va[i]
				   : (i - 5) * 0x40080001000ULL % (1ULL << 44);

		if (i == 60)
			a = 0x80000000ULL * 9 + 0x1234000;
		if (i == 61)
			a = 0x80000000ULL * 10 + 0x5ff000;
		pa = 0;
		rc = fake_translate(&f, g.asce, a, 2, true, &pa);
		rc2 = dat_access(g.asce, a, DAT_EDAT1 | DAT_EDAT2, true, &mem,
				 &res);
		if (rc == rc2 && (rc || res.raddr == pa))
			agree++;
		else
			tap_diag("%#llx: fake %#x/%#llx, dat.c %#x/%#llx",
				 (unsigned long long)a, rc,
				 (unsigned long long)pa, rc2,
				 (unsigned long long)res.raddr);
	}
	tap_eq(agree, 64,
	       "host/sim's DAT walker reads L1's tables as the "
	       "fake does");
	l1_gmap_destroy(&g);
}

struct demand {
	uint64_t frame;
	unsigned int faults;
};

static int map_on_demand(void *arg, struct l1_gmap *g, const struct l1_sie *sie)
{
	struct demand *d = arg;

	d->faults++;
	return l1_gmap_map(g, sie->trans_exc_addr, d->frame, L1_MAP_4K, 0);
}

static int map_nothing(void *arg, struct l1_gmap *g, const struct l1_sie *sie)
{
	return 0;
}

static void test_run(void)
{
	struct l1_l2_run runs[] = {
		{.addr = 0x100000,
		 .stride = 0x1000,
		 .count = 40,
		 .flags = L1_RUN_WRITE},
		{.addr = 0x100000, .stride = 0x800, .count = 80},
	};
	struct demand d;
	struct l1_gmap g;
	int rc;

	setup(false, false);
	l1_gmap_create(&g, &l1, L1_LVL_SG);
	d.frame = l1_alloc(&l1, L1_FRAME_4K);
	d.faults = 0;
	rc = l1_run_l2(&g, false, runs, 2, map_on_demand, &d);
	tap_eq(rc, 0, "SIE loop runs to the end");
	tap_eq(d.faults, 40, "one reflected fault per new page");
	tap_ok(l1.stats.reflected == 40 && l1.stats.sies == 41 &&
		       l1.stats.accesses == 120,
	       "stats: %llu SIEs, %llu reflected, %llu accesses",
	       (unsigned long long)l1.stats.sies,
	       (unsigned long long)l1.stats.reflected,
	       (unsigned long long)l1.stats.accesses);
	tap_eq(l1.stats.pages_mapped, 40, "40 pages mapped, all aliased");
	rc = l1_run_l2(&g, false, runs, 2, map_on_demand, &d);
	tap_ok(!rc && d.faults == 40, "a second pass faults no more");
	runs[0].addr = 0x900000;
	tap_eq(l1_run_l2(&g, false, runs, 1, map_nothing, NULL), -35,
	       "a handler that maps nothing ends the run with -35");
	l1_gmap_destroy(&g);
}

int main(void)
{
	tap_plan_unknown();
	test_alloc();
	test_levels();
	test_edat();
	test_rewrite();
	test_cross_check();
	test_run();
	fake_fini(&f);
	return tap_done();
}
