// SPDX-License-Identifier: GPL-2.0
/*
 * Counters do not depend on where the arena is: the same scenario on two
 * machines alive at the same time in one process (so their arenas are at
 * different host addresses; one machine per thread, as gsim.h asks) gives
 * the same counters, phase by phase.
 *
 * The scenario is made to depend on the TLB's sets: the default TLB
 * (512 sets x 4 ways) and a hot set of 1792 pages over 7 segments, near
 * its 2048 entries, so which pages share a set decides hits and misses. A
 * set index that hashed the shadow tables' host addresses would move them.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "gsim.h"
#include "tap.h"

#define SGT 0x100000ULL /* L2 segment table in L1 memory (16 KiB) */
#define PGT 0x200000ULL /* L2 page tables, 2 KiB each */
#define DATA 0x1000000ULL /* L1 frames of L2's pages */
#define NSEG 16
#define NPAGES (NSEG * 256)
#define L2_ASCE (SGT | 0x3)

enum { PH_BUILD, PH_COLD, PH_HOT, PH_PTE_WRITE, PH_AFTER, PH_NR };
static const char *const phase_name[PH_NR] = {"build", "cold", "hot",
					      "pte-write", "after-pte-write"};

struct machine {
	struct gsim *g;
	struct gmap_counters c[PH_NR];
	int failed; /* a call that failed, with its message in err */
	char err[256];
};

static int fail(struct machine *m, const char *what)
{
	snprintf(m->err, sizeof(m->err), "%s: %s", what,
		 m->g ? gsim_error(m->g) : "no machine");
	m->failed = 1;
	return -1;
}

static int l2_run(struct machine *m, const struct gsim_l2_run *runs, size_t n)
{
	struct gsim_sie sie = {.asce = L2_ASCE, .runs = runs, .nr_runs = n};

	if (gsim_sie_run(m->g, &sie) || sie.exit != GSIM_EXIT_DONE)
		return fail(m, "SIE");
	return 0;
}

static void snapshot(struct machine *m, int phase)
{
	gsim_counters(m->g, &m->c[phase]);
	gsim_counters_reset(m->g);
}

/* Runs the scenario on a new machine, which is left alive in m->g. */
static void *scenario(void *arg)
{
	struct gsim_l2_run all = {.addr = 0, .stride = 4096, .count = NPAGES};
	struct gsim_l2_run hot = {
		.addr = 4 * 256 * 4096ULL, .stride = 4096, .count = 7 * 256};
	struct machine *m = arg;
	struct gsim_config cfg;
	int i;

	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 64ULL << 20;
	m->g = gsim_create(&cfg, m->err, sizeof(m->err));
	if (!m->g) {
		m->failed = 1;
		return NULL;
	}
	if (gsim_l1_fill64(m->g, SGT, 0x20, 2048))
		return fail(m, "fill"), NULL;
	for (i = 0; i < NSEG; i++)
		if (gsim_l1_store64(m->g, SGT + 8 * i, PGT + 2048 * i))
			return fail(m, "store"), NULL;
	for (i = 0; i < NPAGES; i++)
		if (gsim_l1_store64(m->g, PGT + 8 * i, DATA + 4096ULL * i))
			return fail(m, "store"), NULL;
	snapshot(m, PH_BUILD);
	if (l2_run(m, &all, 1))
		return NULL;
	snapshot(m, PH_COLD);
	for (i = 0; i < 8; i++)
		if (l2_run(m, &hot, 1))
			return NULL;
	snapshot(m, PH_HOT);
	if (gsim_l1_store64(m->g, PGT + 5 * 2048, DATA + 4096ULL * 5 * 256))
		return fail(m, "store"), NULL;
	snapshot(m, PH_PTE_WRITE);
	if (l2_run(m, &all, 1) || l2_run(m, &hot, 1))
		return NULL;
	snapshot(m, PH_AFTER);
	if (gsim_error(m->g)[0])
		fail(m, "simulation error");
	return NULL;
}

/* The scenario in a thread of its own, which destroys its machine. */
static void *second(void *arg)
{
	struct machine *m = arg;

	scenario(m);
	gsim_destroy(m->g);
	m->g = NULL;
	return NULL;
}

static void compare(const struct machine *a, const struct machine *b)
{
	int p, id, bad;

	for (p = 0; p < PH_NR; p++) {
		bad = 0;
		for_each_counter(id) {
			if (a->c[p].v[id] == b->c[p].v[id])
				continue;
			tap_diag("%s: %s %" PRIu64 " vs %" PRIu64,
				 phase_name[p], gmap_counter_names[id],
				 a->c[p].v[id], b->c[p].v[id]);
			bad++;
		}
		tap_ok(!bad,
		       "%s: the second machine's counters are the first's",
		       phase_name[p]);
	}
}

int main(void)
{
	static struct machine a, b;
	pthread_t th;

	tap_plan_unknown();
	scenario(&a);
	if (!tap_ok(!a.failed, "first machine ran the scenario"))
		tap_diag("%s", a.err);
	/* the hot phase must miss the TLB: else the sets do not matter */
	tap_ok(a.c[PH_HOT].v[GC_tlb_misses] > 0 &&
		       a.c[PH_HOT].v[GC_tlb_hits] > 0,
	       "hot: hits (%" PRIu64 ") and misses (%" PRIu64 ") both occur",
	       a.c[PH_HOT].v[GC_tlb_hits], a.c[PH_HOT].v[GC_tlb_misses]);
	/* a is alive: b's arena is somewhere else */
	if (tap_eq(pthread_create(&th, NULL, second, &b), 0,
		   "second machine in its own thread"))
		pthread_join(th, NULL);
	if (!tap_ok(!b.failed, "second machine ran the scenario"))
		tap_diag("%s", b.err);
	compare(&a, &b);
	tap_eq(a.c[PH_AFTER].v[GC_oracle_mismatches] +
		       b.c[PH_AFTER].v[GC_oracle_mismatches],
	       0, "the oracle agrees on both");
	gsim_destroy(a.g);
	return tap_done();
}
