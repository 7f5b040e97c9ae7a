// SPDX-License-Identifier: GPL-2.0
/*
 * The smoke sequence, through the gsim API, with the counters each step
 * must give, worked out from the kernel code (6.1, baseline):
 *
 * L1 builds an L2 address space in its memory: a segment-table ASCE
 * (16 KiB table, TL=3) whose first 16 entries point to 2 KiB page tables
 * (two per 4 KiB page, 8 pages), 4096 pages of 4 KiB. Then L2 touches all
 * of them (cold), again (warm), L1 rewrites one PTE, L2 touches all,
 * L1 rewrites a segment-table entry (the top level), L2 touches all.
 *
 * Also run by tests/s390x.sh on s390x (qemu-s390x): the same counters, with
 * no bitfield re-layout, cross-check the little-endian one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsim.h"
#include "tap.h"

#define SGT 0x100000ULL /* L2 segment table in L1 memory (16 KiB) */
#define PGT 0x200000ULL /* L2 page tables, 2 KiB each */
#define DATA 0x1000000ULL /* L1 frames of L2's pages */
#define NSEG 16
#define NPAGES (NSEG * 256)
#define STE_INVALID 0x20ULL
#define PTE_INVALID 0x400ULL
#define L2_ASCE (SGT | 0x3) /* DT=segment, TL=3: 2048 entries */

static struct gsim *g;
static struct gmap_counters c;

static void store(uint64_t addr, uint64_t val)
{
	if (gsim_l1_store64(g, addr, val))
		tap_diag("store 0x%" PRIx64 ": %s", addr, gsim_error(g));
}

static void l1_build(void)
{
	int i;

	gsim_l1_fill64(g, SGT, STE_INVALID, 2048);
	for (i = 0; i < NSEG; i++)
		store(SGT + 8 * i, PGT + 2048 * i);
	for (i = 0; i < NPAGES; i++)
		store(PGT + 8 * i, DATA + 4096ULL * i);
}

/* Prints the counters in one line: tests/s390x.sh compares the lines. */
static void snapshot(const char *phase)
{
	int id;

	gsim_counters(g, &c);
	printf("# counters %s:", phase);
	for_each_counter(id)
		printf(" %s=%" PRIu64, gmap_counter_names[id], c.v[id]);
	printf("\n");
	gsim_counters_reset(g);
}

static void l2_touch_all(const char *phase)
{
	struct gsim_l2_run run = {.addr = 0, .stride = 4096, .count = NPAGES};
	struct gsim_sie sie = {.asce = L2_ASCE, .runs = &run, .nr_runs = 1};

	tap_eq(gsim_sie_run(g, &sie), 0, "%s: SIE runs", phase);
	tap_eq(sie.exit, GSIM_EXIT_DONE, "%s: L2 ran every access", phase);
	tap_eq(sie.accesses, NPAGES, "%s: %d accesses", phase, NPAGES);
	snapshot(phase);
}

#define C(name) c.v[GC_##name]

int main(void)
{
	struct gsim_config cfg;
	char err[256];

	tap_plan_unknown();
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 64ULL << 20;
	/* big enough that 4096 L2 and the L1 pages never compete for a set */
	cfg.tlb_sets = 16384;
	cfg.tlb_ways = 8;
	cfg.check = GSIM_CHECK_ON;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!tap_ok(g != NULL, "gsim_create")) {
		tap_diag("%s", err);
		return tap_done();
	}
	l1_build();
	snapshot("build");
	tap_eq(C(prot_faults), 0, "build: nothing shadowed, nothing protected");

	l2_touch_all("cold");
	/* one SIE from L1; the first acquire_gmap_shadow() creates the
	 * shadow, every exit resolved in L0 loops back to it (reuse) */
	tap_eq(C(vsie_entries), 1, "cold: vsie_entries");
	tap_eq(C(shadow_create), 1, "cold: shadow_create");
	/* every page faults once: the first of a segment makes the shadow
	 * page table and its PTE in the same kvm_s390_shadow_fault() */
	tap_eq(C(exits_l0), NPAGES, "cold: one exit per page");
	tap_eq(C(shadow_reuse), NPAGES, "cold: shadow_reuse after each exit");
	tap_eq(C(shadow_pgt), NSEG, "cold: shadow_pgt, one per segment");
	tap_eq(C(shadow_pte), NPAGES, "cold: shadow_pte");
	tap_eq(C(shadow_sgt) + C(shadow_r3t) + C(shadow_r2t), 0,
	       "cold: no region tables under a segment-table ASCE");
	tap_eq(C(exits_l1), 0, "cold: L1's tables map everything");
	/* the faulting access misses, faults, then misses again and walks */
	tap_eq(C(tlb_misses), 2 * NPAGES, "cold: two misses per page");
	tap_eq(C(tlb_hits), 0, "cold: no hits");
	/* IPTE to protect: 4 pages of the segment table (gmap_shadow()'s
	 * gmap_protect_range()), and the 8 pages of page tables
	 * (gmap_shadow_pgt() -> gmap_protect_rmap(); the second 2K table of
	 * a page finds it protected already) */
	tap_eq(C(ipte), 4 + 8, "cold: ipte");
	tap_eq(C(idte), 0, "cold: idte");
	/* a 16 KiB shadow segment table + 16 shadow page tables of 4 KiB
	 * (2 KiB PTEs + 2 KiB PGSTEs) */
	tap_eq(C(shadow_bytes), 16384 + NSEG * 4096, "cold: shadow_bytes");
	tap_eq(C(oracle_mismatches), 0, "cold: oracle agrees");

	l2_touch_all("warm");
	tap_eq(C(exits_l0), 0, "warm: no exits");
	tap_eq(C(tlb_hits), NPAGES, "warm: every access hits the TLB");
	tap_eq(C(shadow_reuse), 1, "warm: the shadow is reused");
	tap_eq(C(oracle_mismatches), 0, "warm: oracle agrees");

	/* L1 rewrites the PTE of page 7 of segment 3 (same value): the 4K
	 * page with the page tables of segments 2 and 3 is protected */
	store(PGT + 3 * 2048 + 7 * 8, DATA + 4096ULL * (3 * 256 + 7));
	snapshot("pte-write");
	tap_eq(C(prot_faults), 1, "pte-write: one protection fault");
	/* gmap_shadow_notify() finds the two rmaps of that page: both
	 * shadow page tables go (gmap_unshadow_pgt(), one IDTE each) */
	tap_eq(C(unshadow_pgt), 2, "pte-write: unshadow_pgt");
	tap_eq(C(unshadow_pte) + C(unshadow_full), 0,
	       "pte-write: nothing else unshadowed");
	tap_eq(C(idte), 2, "pte-write: idte");
	/* ptep_xchg_direct() of the write-protect break */
	tap_eq(C(ipte), 1, "pte-write: ipte");
	/* 2 x 256 L2 translations through those segment entries, and L1's
	 * own (protected) translation of the page it stored to */
	tap_eq(C(tlb_purged), 512 + 1, "pte-write: tlb_purged");
	tap_eq(C(shadow_bytes), 16384 + (NSEG - 2) * 4096,
	       "pte-write: shadow_bytes");

	l2_touch_all("after-pte-write");
	tap_eq(C(exits_l0), 512, "after-pte-write: the two segments refault");
	tap_eq(C(shadow_pgt), 2, "after-pte-write: shadow_pgt");
	tap_eq(C(shadow_pte), 512, "after-pte-write: shadow_pte");
	tap_eq(C(shadow_create), 0, "after-pte-write: no new shadow");
	tap_eq(C(tlb_hits), NPAGES - 512, "after-pte-write: tlb_hits");
	tap_eq(C(ipte), 1, "after-pte-write: the page is protected again");
	tap_eq(C(oracle_mismatches), 0, "after-pte-write: oracle agrees");

	/* L1 writes its segment table: the top level, the shadow must go */
	store(SGT + 100 * 8, STE_INVALID);
	snapshot("top-write");
	tap_eq(C(prot_faults), 1, "top-write: one protection fault");
	tap_eq(C(unshadow_full), 1, "top-write: unshadow_full");
	tap_eq(C(unshadow_pgt), 0, "top-write: no notifier per page table");
	/* gmap_unshadow() -> gmap_flush_tlb(): IDTE clearing by ASCE */
	tap_eq(C(idte), 1, "top-write: idte");
	tap_eq(C(shadow_bytes), 0, "top-write: no shadow left");

	l2_touch_all("after-top-write");
	tap_eq(C(shadow_create), 1, "after-top-write: a new shadow");
	tap_eq(C(exits_l0), NPAGES, "after-top-write: every page refaults");
	tap_eq(C(shadow_pgt), NSEG, "after-top-write: shadow_pgt");
	/* only the segment-table page L1 wrote lost its protection */
	tap_eq(C(ipte), 1, "after-top-write: ipte");
	tap_eq(C(oracle_mismatches), 0, "after-top-write: oracle agrees");

	tap_ok(gsim_error(g)[0] == 0, "no simulation error");
	if (gsim_error(g)[0])
		tap_diag("%s", gsim_error(g));
	gsim_destroy(g);
	return tap_done();
}
