// SPDX-License-Identifier: GPL-2.0
/*
 * Every scenario on host/sim's baseline variant, oracle on: it must run
 * with no oracle mismatch and move the counters guests/scenarios/README.md
 * says it moves, by the amounts it says (one run on a fresh machine).
 */
#include <stdio.h>
#include <string.h>

#include "platform-sim.h"
#include "scenario.h"
#include "tap.h"

static const struct scenario *s;
static int64_t args[SCENARIO_MAX_PARAMS];
static struct gmap_counters c;
static struct scenario_result res;

#define C(name) ((int64_t)c.v[GC_##name])

/* One fresh machine, one run; false (with diagnostics) if it failed */
static bool run(const char *name, const char *spec)
{
	struct gsim_config cfg;
	struct l1_platform p;
	struct gsim *g;
	char err[256];
	int i;

	s = scenario_find(name);
	scenario_defaults(s, args);
	if (scenario_parse(s, args, spec, err, sizeof(err))) {
		tap_diag("%s", err);
		return false;
	}
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 128ULL << 20;
	cfg.check = GSIM_CHECK_ON;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!g) {
		tap_diag("gsim_create: %s", err);
		return false;
	}
	l1_sim_platform(&p, g, &cfg, false);
	if (scenario_check(s, args, &p, err, sizeof(err))) {
		tap_diag("%s", err);
		gsim_destroy(g);
		return false;
	}
	scenario_run(s, args, &p, &res);
	gsim_counters(g, &c);
	if (res.rc)
		tap_diag("%s; machine: %s", res.error, gsim_error(g));
	if (C(oracle_mismatches))
		tap_diag("oracle: %s", gsim_error(g));
	for (i = 0; i < GC_NR; i++)
		if (c.v[i] && i != GC_tlb_hits && i != GC_tlb_misses &&
		    i != GC_tlb_purged && i != GC_shadow_bytes)
			printf("#   %s=%llu\n", gmap_counter_names[i],
			       (unsigned long long)c.v[i]);
	gsim_destroy(g);
	return !res.rc && !C(oracle_mismatches);
}

/* the run, then the README line's claim */
#define EXPECT(name, spec, claim, desc)                                      \
	do {                                                                 \
		bool ran = run(name, spec);                                  \
		tap_ok(ran, "%s %s: runs, 0 oracle mismatches", name, spec); \
		tap_ok(ran && (claim), "%s %s: %s", name, spec, desc);       \
	} while (0)

int main(void)
{
	tap_plan_unknown();

	EXPECT("table_creation", "span_gib:1",
	       C(vsie_entries) == 1 && C(exits_l1) == 0 &&
		       C(exits_l0) == 1024 && C(shadow_pgt) == 1024 &&
		       C(shadow_pte) == 1024 && C(shadow_create) == 1 &&
		       C(prot_faults) == 0,
	       "one L0 exit, shadow pgt and pte per touched segment");
	EXPECT("table_creation", "span_gib:64/stride_mib:2048/asce_levels:4",
	       C(exits_l0) == 32 && C(shadow_r2t) == 32 &&
		       C(shadow_r3t) == 32 && C(shadow_sgt) == 32 &&
		       C(shadow_pgt) == 32 && C(exits_l1) == 0,
	       "region-first top: every level shadowed per touch");
	EXPECT("prot_fault_storm", "pages:512",
	       C(exits_l1) == 510 && C(prot_faults) == 510 &&
		       C(unshadow_pgt) >= 510 && C(unshadow_pgt) <= 512 &&
		       C(shadow_pte) >= 512 && C(unshadow_full) == 0,
	       "a reflected fault, a protection fault and a pgt unshadow "
	       "per page not premapped");
	EXPECT("pte_churn", "ws_pages:64/interval:16/rewrites:32",
	       C(prot_faults) == 32 && C(unshadow_pgt) == 32 &&
		       C(vsie_entries) == 33 && C(exits_l1) == 0 &&
		       C(exits_l0) == 64 + 31 * 16 && C(unshadow_full) == 0,
	       "a protection fault and a pgt unshadow per rewrite, then "
	       "L0 refaults the interval's pages");
	EXPECT("top_level_churn", "rewrites:8",
	       C(prot_faults) == 8 && C(unshadow_full) == 8 &&
		       C(shadow_create) == 8 && C(exits_l1) == 0,
	       "rewriting the top table: a full unshadow per rewrite");
	EXPECT("top_level_churn", "rewrites:8/level:2",
	       C(prot_faults) == 8 && C(unshadow_r3t) == 8 &&
		       C(unshadow_full) == 0 && C(shadow_create) == 1,
	       "rewriting a region-third entry: an r3t unshadow each");
	EXPECT("top_level_churn", "rewrites:8/level:1",
	       C(prot_faults) == 8 && C(unshadow_sgt) == 8 &&
		       C(unshadow_full) == 0,
	       "rewriting a segment-table entry: an sgt unshadow each");
	EXPECT("multi_guest", "guests:3/pages:16/rounds:4",
	       C(shadow_create) == 12 && C(shadow_pgt) == 3 &&
		       C(shadow_pte) == 48 && C(prot_faults) == 0 &&
		       C(exits_l0) == 48,
	       "gmap_shadow() at every switch, but tables built once per "
	       "guest");
	EXPECT("large_pages", "edat:1/frames:8/touches:4",
	       C(shadow_pgt) == 8 && C(shadow_pte) == 32 && C(exits_l0) == 32 &&
		       C(exits_l1) == 0,
	       "EDAT-1: a fake shadow page table per segment frame");
	EXPECT("large_pages", "edat:2/frames:4/touches:4/touch_stride_kib:512",
	       C(shadow_sgt) == 8 && C(shadow_pgt) == 8 &&
		       C(shadow_pte) == 16 && C(exits_l1) == 0,
	       "EDAT-2: region frames shadowed through fake segment and "
	       "page tables, one walk per segment touched");
	EXPECT("l2_reboot", "pages:300/boots:3",
	       C(exits_l1) == 900 && C(prot_faults) >= 900 &&
		       C(unshadow_full) >= 3 * 2 &&
		       C(unshadow_pgt) >= 900 - 3 * 2,
	       "every boot refaults every page through L1; each new segment "
	       "is a full unshadow (segment-table top)");
	for (int lvl = 1; lvl <= 5; lvl++) {
		char spec[64];

		snprintf(spec, sizeof(spec),
			 "level:%d/segments:2/pages:4/rounds:1", lvl);
		EXPECT("dat_protection", spec, C(exits_l1) == 8,
		       "each protected store is reflected, no fetch, no store "
		       "after L1 lifts the protection");
	}
	EXPECT("short_tables", "asce_levels:3/limit:1/length:0/rounds:2",
	       C(exits_l1) == 2,
	       "ASCE TL: the fetch and the store just past the end fault in "
	       "the short round only");
	EXPECT("short_tables", "asce_levels:3/limit:3/length:2/rounds:2",
	       C(exits_l1) == 2, "region-third entry TF: the same");
	EXPECT("short_tables", "asce_levels:2/limit:2/length:1/rounds:2",
	       C(exits_l1) == 2, "region-second entry TL: the same");
	EXPECT("edat_toggle", "mode:2/segments:2/pages:4/rounds:2",
	       C(exits_l1) == 8 && C(shadow_create) == 2,
	       "region-third protection holds with EDAT only; one shadow per "
	       "EDAT level of the ASCE");
	EXPECT("l0_events", "event:1/pages:8/rounds:2",
	       C(unshadow_pte) == 2 && C(exits_l1) == 0,
	       "a swapped-out L1 frame unshadows its shadow PTE");
	EXPECT("l0_events", "event:2/target:2/pages:8/rounds:2",
	       C(unshadow_pgt) == 2,
	       "a migrated L1 page-table page unshadows its shadow page table");
	EXPECT("l0_events", "event:4/len_pages:256/pages:8/rounds:1",
	       C(unshadow_pte) == 8,
	       "discarding the segment of L2's frames unshadows every page");
	EXPECT("l0_events", "event:1/pages:8/rounds:2/prefix:1",
	       C(oracle_mismatches) == 0 && C(unshadow_pgt) >= 2,
	       "L1 rewriting the PTE of L2's prefix page: map_prefix again");
	EXPECT("l1_insns", "insn:1/level:1/rewrites:8",
	       C(csp) == 8 && C(prot_faults) >= 1 &&
		       C(unshadow_pgt) == C(prot_faults),
	       "a CSPG on a shadowed page table is a protection fault and "
	       "a page-table unshadow");
	EXPECT("l1_insns", "insn:2/level:2/rewrites:8",
	       C(crdte) == 8 && C(unshadow_full) == 8,
	       "each CRDTE of a segment entry (the top table) unshadows all");
	EXPECT("races", "kind:1/rounds:8/span:8",
	       C(exits_l1) == 0 && C(unshadow_full) == 8 &&
		       C(shadow_create) == 9,
	       "the nth allocation fails in each round: retried, nothing "
	       "reflected to L1, one new shadow per dropped one");
	EXPECT("races", "kind:4/rounds:16/span:16",
	       C(exits_l1) == 0 && C(unshadow_full) == 16 &&
		       C(shadow_create) == 17,
	       "a second vCPU's fault inside the first one's: the same");
	EXPECT("races", "kind:6/rounds:16/span:16/target:4",
	       C(exits_l1) == 0 && C(unshadow_full) == 16,
	       "L0 swaps the segment table's page before the nth lock, and "
	       "the fix-up runs out of memory: retried, nothing reflected");
	EXPECT("dat_exceptions", "kind:1/rounds:2",
	       C(exits_l1) == 12 && C(exits_l0) == 0,
	       "beyond the reach of a segment, region-third and region-second "
	       "table on top: an ASCE-type exception for each access");
	EXPECT("dat_exceptions", "kind:2/rounds:2", C(exits_l1) == 20,
	       "an invalid entry at each of the five levels, fetch and store");
	EXPECT("dat_exceptions", "kind:3/rounds:2",
	       C(exits_l1) == 20 && (int64_t)res.l1.accesses == 0,
	       "a specification error at each level, fetch and store");
	EXPECT("dat_exceptions", "kind:4/rounds:2",
	       C(exits_l1) == 8 && (int64_t)res.l1.accesses == 8,
	       "common segment and region frame: faults under the private "
	       "ASCE only");
	EXPECT("dat_exceptions", "kind:5/rounds:2",
	       C(exits_l1) == 8 && (int64_t)res.l1.accesses == 64 &&
		       C(shadow_create) == 2 && C(unshadow_full) == 1,
	       "real space translates below L1's heap, addressing beyond L1 "
	       "memory; the second real-space ASCE replaces the first shadow");
	EXPECT("dat_exceptions", "kind:6/rounds:2",
	       C(exits_l1) == 4 && (int64_t)res.l1.accesses == 4,
	       "region-first and region-second P: stores fault, fetches not");
	EXPECT("dat_exceptions", "kind:7/rounds:2",
	       C(exits_l1) == 24 && C(unshadow_r2t) >= 2 &&
		       C(unshadow_r3t) >= 2 && C(unshadow_sgt) >= 2 &&
		       C(unshadow_pgt) >= 2,
	       "addressing for a table or frame beyond L1 memory at each "
	       "level; the shadow table made for it is unshadowed again");
	EXPECT("dat_exceptions", "kind:8/rounds:2",
	       C(exits_l1) == 0 && (int64_t)res.l1.accesses == 12,
	       "region P without EDAT: no access faults");
	/* kind 9 needs a machine without EDAT-2 and kind 10 2 GiB of L1
	 * memory: gmapbench makes them from the scenario's needs, this
	 * machine has both EDATs and 128 MiB */
	EXPECT("dat_exceptions", "kind:11/rounds:2",
	       C(exits_l1) == 4 && C(unshadow_full) >= 2,
	       "reserved ASCE bits: the invalid region-first entry faults, "
	       "L1's top-table store unshadows the whole shadow");
	EXPECT("dat_exceptions", "kind:12/rounds:2",
	       C(exits_l1) == 0 && C(unshadow_full) == 2 &&
		       C(unshadow_r2t) == 4 && C(unshadow_r3t) == 4 &&
		       C(unshadow_sgt) == 2,
	       "the last entry of every table: the whole shadow once a round, "
	       "whole region tables twice (at index 0 and 2047), whole "
	       "segment tables once");
	return tap_done();
}
