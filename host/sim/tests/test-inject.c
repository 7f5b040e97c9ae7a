// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection (gsim_inject()) through the gsim API. L1 builds a
 * segment-table ASCE over one page table of 256 pages; L2 stores to all
 * of them on a fresh machine, so the kernel builds the whole shadow:
 * gmap_shadow(), one shadow page table, 256 shadow PTEs.
 *
 * - counting: armed at an nth no run reaches, nothing fails, and the
 *   allocations and locks of the run are counted (A, L);
 * - ENOMEM at each k in 1..A: exactly the kth allocation fails (A stops
 *   counting there), the kernel's -ENOMEM is retried, L2 completes with
 *   no oracle mismatch, and some k costs an extra exit to L0;
 * - ENOMEM_RATE: the same seed and stream give the same failures and
 *   counters; at 1000 per thousand the machine reports no progress;
 * - LOCK: the action runs before exactly the nth acquisition; swapping
 *   out the top table's page there drops the whole shadow in the middle
 *   of the run (unshadow_full 1, with no L1 store), and L2 still
 *   completes correctly; past L, nothing runs;
 * - bad arguments are refused.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "gsim.h"
#include "tap.h"

#define SGT 0x100000ULL /* L2 segment table in L1 memory (16 KiB) */
#define PGT 0x200000ULL /* L2's page table (2 KiB) */
#define DATA 0x1000000ULL /* L1 frames of L2's pages */
#define NPAGES 256
#define STE_INVALID 0x20ULL
#define L2_ASCE (SGT | 0x3)
#define NEVER ((uint64_t)1 << 40)

struct result {
	int rc;
	enum gsim_exit exit;
	uint64_t accesses, mismatches;
	struct gmap_counters c;
	struct gsim_injected inj;
};

static struct gsim *machine(uint64_t seed)
{
	struct gsim_config cfg;
	char err[256];
	struct gsim *g;
	int i;

	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 64ULL << 20;
	cfg.seed = seed;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!g) {
		tap_diag("gsim_create: %s", err);
		exit(1);
	}
	gsim_l1_fill64(g, SGT, STE_INVALID, 2048);
	gsim_l1_store64(g, SGT, PGT);
	for (i = 0; i < NPAGES; i++)
		gsim_l1_store64(g, PGT + 8 * i, DATA + 4096ULL * i);
	gsim_counters_reset(g);
	return g;
}

/* A fresh machine, the injection armed, L2 stores to every page */
static struct result run(const struct gsim_inject *inj, uint64_t seed)
{
	struct gsim_l2_run l2 = {.addr = 0,
				 .stride = 4096,
				 .count = NPAGES,
				 .flags = GSIM_L2_WRITE};
	struct gsim_sie sie = {.asce = L2_ASCE, .runs = &l2, .nr_runs = 1};
	struct gsim *g = machine(seed);
	struct gsim_mismatches mm;
	struct result r;
	int k;

	memset(&r, 0, sizeof(r));
	if (gsim_inject(g, inj))
		tap_diag("gsim_inject: %s", gsim_error(g));
	r.rc = gsim_sie_run(g, &sie);
	r.exit = sie.exit;
	r.accesses = sie.accesses;
	gsim_mismatches(g, &mm);
	for (k = 1; k < GSIM_MM_NR; k++)
		r.mismatches += mm.count[k];
	gsim_counters(g, &r.c);
	gsim_injected(g, &r.inj);
	if (r.rc)
		tap_diag("gsim_sie_run: %d: %s", r.rc, gsim_error(g));
	gsim_destroy(g);
	return r;
}

static bool completed(const struct result *r)
{
	return !r->rc && r->exit == GSIM_EXIT_DONE && r->accesses == NPAGES &&
	       !r->mismatches;
}

#define C(r, name) ((r).c.v[GC_##name])

int main(void)
{
	struct gsim_inject inj = {.kind = GSIM_INJECT_ENOMEM, .nth = NEVER};
	struct result base, r, r2;
	uint64_t a, l, k, bad_k = 0 /* ks gone wrong */, retried = 0;
	struct gsim *g;

	/* counting: nothing fails, the run's allocations are counted */
	base = run(&inj, 1);
	a = base.inj.allocs_seen;
	tap_ok(completed(&base), "armed at %" PRIu64 ": L2 completes", NEVER);
	tap_ok(a > 3 && base.inj.allocs_failed == 0,
	       "%" PRIu64 " allocations of the shadow code, none failed", a);
	tap_eq(C(base, shadow_pte), NPAGES, "%d shadow PTEs", NPAGES);
	tap_eq(C(base, shadow_pgt), 1, "one shadow page table");

	/* ENOMEM at every k: exactly the kth fails, and is retried */
	for (k = 1; k <= a; k++) {
		inj.nth = k;
		r = run(&inj, 1);
		if (!completed(&r) || r.inj.allocs_failed != 1 ||
		    r.inj.allocs_seen != k) {
			if (bad_k++ >= 5)
				continue;
			tap_diag("k %" PRIu64 ": rc %d, %" PRIu64 " accesses, "
				 "%" PRIu64 " mismatches, %" PRIu64
				 " failed, %" PRIu64 " seen",
				 k, r.rc, r.accesses, r.mismatches,
				 r.inj.allocs_failed, r.inj.allocs_seen);
		}
		retried += C(r, exits_l0) > C(base, exits_l0);
	}
	tap_ok(!bad_k,
	       "ENOMEM at each k in 1..%" PRIu64 ": the kth allocation "
	       "fails, L2 completes with the oracle's agreement",
	       a);
	tap_ok(retried > 0,
	       "%" PRIu64 " of them cost an extra exit to L0 (a shadow fault "
	       "that returned -ENOMEM, run again)",
	       retried);

	/* a rate: deterministic; all of them: no progress, reported */
	inj = (struct gsim_inject){
		.kind = GSIM_INJECT_ENOMEM_RATE, .nth = 7, .permille = 200};
	r = run(&inj, 5);
	r2 = run(&inj, 5);
	tap_ok(completed(&r) && r.inj.allocs_failed > 0,
	       "rate 200/1000: %" PRIu64 " of %" PRIu64 " allocations fail, "
	       "L2 completes",
	       r.inj.allocs_failed, r.inj.allocs_seen);
	tap_ok(r2.inj.allocs_failed == r.inj.allocs_failed &&
		       r2.inj.allocs_seen == r.inj.allocs_seen &&
		       !memcmp(&r.c, &r2.c, sizeof(r.c)),
	       "the same seed and stream: the same failures and counters");
	inj.permille = 1000;
	r = run(&inj, 5);
	tap_eq(r.rc, -ELOOP, "rate 1000/1000: no progress, -ELOOP");

	/* LOCK: counted, then the action before exactly the nth */
	inj = (struct gsim_inject){.kind = GSIM_INJECT_LOCK,
				   .nth = NEVER,
				   .action = GSIM_ACT_L0_EVENT,
				   .event = GSIM_L0_SWAP,
				   .l1addr = SGT,
				   .len = 4096};
	base = run(&inj, 1);
	l = base.inj.locks_seen;
	tap_ok(completed(&base) && l > 10 && base.inj.actions == 0,
	       "%" PRIu64 " locks taken with none held, no action", l);
	tap_eq(C(base, unshadow_full), 0, "no unshadow without the action");
	inj.nth = l / 2;
	r = run(&inj, 1);
	tap_ok(r.inj.actions == 1 && r.inj.locks_seen == l / 2,
	       "the action runs once, before lock %" PRIu64 " (then counting "
	       "stops)",
	       l / 2);
	tap_eq(C(r, unshadow_full), 1,
	       "L0 swapped the top table's page inside the shadow "
	       "operation: the whole shadow went, with no L1 store");
	tap_ok(completed(&r) && C(r, shadow_create) == 2,
	       "L2 completes on a second shadow, with the oracle's agreement");
	inj.nth = l + 1;
	r = run(&inj, 1);
	tap_ok(r.inj.actions == 0 && C(r, unshadow_full) == 0,
	       "armed past the last lock: no action");

	/* bad arguments */
	g = machine(1);
	inj = (struct gsim_inject){.kind = GSIM_INJECT_ENOMEM, .nth = 0};
	tap_eq(gsim_inject(g, &inj), -EINVAL, "ENOMEM at 0: -EINVAL");
	inj = (struct gsim_inject){.kind = GSIM_INJECT_ENOMEM_RATE,
				   .permille = 1001};
	tap_eq(gsim_inject(g, &inj), -EINVAL, "a rate over 1000: -EINVAL");
	inj = (struct gsim_inject){.kind = GSIM_INJECT_LOCK,
				   .nth = 1,
				   .action = GSIM_ACT_L0_EVENT,
				   .l1addr = SGT + 8,
				   .len = 4096};
	tap_eq(gsim_inject(g, &inj), -EINVAL,
	       "an L0 event not on whole pages: -EINVAL");
	tap_ok(strstr(gsim_error(g), "whole pages") != NULL,
	       "the error names it: %s", gsim_error(g));
	gsim_destroy(g);
	return tap_done();
}
