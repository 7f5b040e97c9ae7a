// SPDX-License-Identifier: GPL-2.0
/*
 * The translation oracle catches a wrong shadow. L1 maps 2 segments of L2
 * pages, L2 touches them, L1 remaps one L2 page to another frame (a store
 * to a protected page-table page), L2 touches them again. Built twice:
 * against baseline (every translation agrees with the oracle) and against
 * tests/variants/stale-pgt (EXPECT_STALE), whose gmap_shadow_notify()
 * keeps the stale shadow page table and lets L0 unprotect its L1 page
 * tables: the oracle must count mismatches (translation and origin
 * protection), report them through gsim_error() and let the run go on.
 */
#include <inttypes.h>
#include <string.h>

#include "gsim.h"
#include "tap.h"

#define SGT 0x100000ULL
#define PGT 0x200000ULL
#define DATA 0x1000000ULL
#define NEW_FRAME 0x2000000ULL
#define NPAGES 512

int main(void)
{
	struct gsim_l2_run run = {.addr = 0, .stride = 4096, .count = NPAGES};
	struct gsim_sie sie = {.asce = SGT | 3, .runs = &run, .nr_runs = 1};
	struct gmap_counters c;
	struct gsim_config cfg;
	struct gsim *g;
	char err[256];
	int i;

	tap_plan_unknown();
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 64ULL << 20;
	cfg.check = GSIM_CHECK_ON;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!tap_ok(g != NULL, "gsim_create"))
		return tap_done();
	gsim_l1_fill64(g, SGT, 0x20, 2048);
	gsim_l1_store64(g, SGT, PGT);
	gsim_l1_store64(g, SGT + 8, PGT + 2048);
	for (i = 0; i < NPAGES; i++)
		gsim_l1_store64(g, PGT + 8 * i, DATA + 4096ULL * i);

	tap_eq(gsim_sie_run(g, &sie), 0, "cold touch runs");
	gsim_counters(g, &c);
	tap_eq(c.v[GC_oracle_mismatches], 0, "cold touch: shadow agrees");

	/* L2 page 300 (segment 1) moves to another L1 frame */
	tap_eq(gsim_l1_store64(g, PGT + 8 * 300, NEW_FRAME), 0, "L1 remaps");
	gsim_counters(g, &c);
	tap_eq(c.v[GC_prot_faults], 1, "the store hit a protected page");
#ifdef EXPECT_STALE
	tap_eq(c.v[GC_unshadow_pgt], 0, "stale-pgt: no page table unshadowed");
#else
	tap_eq(c.v[GC_unshadow_pgt], 2, "baseline: both page tables go");
#endif

	sie.run = 0;
	sie.done = 0;
	tap_eq(gsim_sie_run(g, &sie), 0, "second touch runs to the end");
	tap_eq(sie.exit, GSIM_EXIT_DONE, "second touch: done");
	tap_eq(sie.accesses, NPAGES, "second touch: every access made");
	gsim_counters(g, &c);
#ifdef EXPECT_STALE
	/* the stale TLB entry (no IDTE) gives the old frame: one access */
	tap_ok(c.v[GC_oracle_mismatches] >= 1,
	       "stale-pgt: the oracle reports the stale translation (%" PRIu64
	       ")",
	       c.v[GC_oracle_mismatches]);
	tap_ok(strstr(gsim_error(g), "oracle") != NULL,
	       "stale-pgt: gsim_error() says what the oracle saw");
	/* the store broke L0's write protection of the page holding both
	 * L1 page tables, and nothing was unshadowed: every translation
	 * through them fails the origin-protection check
	 * (oracle_check_protected), the 511 right ones too; the last one,
	 * L2 page 511, names the level */
	tap_eq(c.v[GC_oracle_mismatches], NPAGES,
	       "stale-pgt: every access through the unprotected L1 page "
	       "tables is reported");
	tap_ok(strstr(gsim_error(g), "page table entry at L1 0x200ff8, in a "
				     "page L0 does not write-protect"),
	       "stale-pgt: the last report names L1's page-table entry");
	tap_diag("%s", gsim_error(g));
#else
	tap_eq(c.v[GC_oracle_mismatches], 0, "baseline: shadow agrees");
	tap_ok(gsim_error(g)[0] == 0, "baseline: no error");
#endif
	gsim_destroy(g);
	return tap_done();
}
