// SPDX-License-Identifier: GPL-2.0
/*
 * host/sim's speed, for one variant (make perf): L1 maps PAGES L2 pages
 * (1 Mi by default: 4 GiB of L2, each on its own L1 frame) under a
 * region-third ASCE, then
 *   cold    L2 touches every page: one shadow fault each (exits_l0/s);
 *   hit     L2 runs over a working set that fits the TLB (accesses/s);
 *   unshadow L1 rewrites one PTE in every page of page tables: each store
 *           is a protection fault that unshadows two shadow page tables
 *           (unshadows/s); 4 rounds, L2 touching every page between
 *           them (not timed) to shadow them again;
 * and the peak RSS. The oracle is off, as in the speed runs. Times are
 * CPU time of the process (the machine is shared; one thread works).
 *
 *   sim-perf-<variant> [PAGES]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gsim.h"

/*
 * L1's memory: the region-third table, the segment tables (16 KiB each),
 * the page tables (2 KiB each) from 2 MiB, L2's frames from 64 MiB or, for
 * more than 4 Mi pages, from the first MiB after the page tables.
 */
#define R3T 0x100000ULL
#define SGT 0x104000ULL
#define PGT_MIN 0x200000ULL
#define DATA_MIN 0x4000000ULL
#define MIB_UP(x) (((x) + (1ULL << 20) - 1) & ~((1ULL << 20) - 1))
#define MAX_SGT 2048 /* the region-third table: 4 TiB of L2 */
#define UNSHADOW_ROUNDS 4

static uint64_t PGT, DATA;

static struct gsim *g;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void store(uint64_t addr, uint64_t val)
{
	if (gsim_l1_store64(g, addr, val)) {
		fprintf(stderr, "sim-perf: L1 store at 0x%" PRIx64 ": %s\n",
			addr, gsim_error(g));
		exit(1);
	}
}

static void run(uint64_t asce, struct gsim_l2_run *runs, size_t n)
{
	struct gsim_sie sie = {.asce = asce, .runs = runs, .nr_runs = n};

	if (gsim_sie_run(g, &sie) || sie.exit != GSIM_EXIT_DONE) {
		fprintf(stderr, "sim-perf: SIE: exit %d pgm 0x%x: %s\n",
			sie.exit, sie.pgm_code, gsim_error(g));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	char *end = "";
	uint64_t pages = argc > 1 ? strtoull(argv[1], &end, 0) : 1ULL << 20;
	uint64_t nseg = (pages + 255) / 256, nsgt = (nseg + 2047) / 2048;
	uint64_t asce = R3T | 0x4 | 0x3, i, r;
	struct gsim_l2_run hot[256];
	struct gmap_counters c, sum;
	struct gsim_config cfg;
	struct rusage ru;
	char err[256];
	double t0, t_cold, t_hit, t_unsh;

	if (*end || !pages || nsgt > MAX_SGT) {
		fprintf(stderr,
			"sim-perf: PAGES=%s: expected 1 to %llu (the 4 TiB "
			"of a region-third table)\n",
			argc > 1 ? argv[1] : "", MAX_SGT * 2048ULL * 256);
		return 2;
	}
	PGT = MIB_UP(SGT + nsgt * 16384);
	PGT = PGT < PGT_MIN ? PGT_MIN : PGT;
	DATA = MIB_UP(PGT + nseg * 2048);
	DATA = DATA < DATA_MIN ? DATA_MIN : DATA;
	gsim_config_default(&cfg);
	cfg.check = GSIM_CHECK_OFF;
	cfg.l1_mem_bytes = MIB_UP(DATA + pages * 4096);
	g = gsim_create(&cfg, err, sizeof(err));
	if (!g) {
		fprintf(stderr, "sim-perf: %s\n", err);
		return 1;
	}
	/* L1 builds the tables */
	gsim_l1_fill64(g, R3T, 0x20 | 0x4, 2048);
	for (i = 0; i < nsgt; i++) {
		gsim_l1_fill64(g, SGT + i * 16384, 0x20, 2048);
		store(R3T + 8 * i, (SGT + i * 16384) | 0x4 | 0x3);
	}
	for (i = 0; i < nseg; i++)
		store(SGT + 8 * i, PGT + 2048 * i);
	for (i = 0; i < pages; i++)
		store(PGT + 8 * i, DATA + 4096 * i);
	gsim_counters_reset(g);

	struct gsim_l2_run all = {.addr = 0, .stride = 4096, .count = pages};
	t0 = now();
	run(asce, &all, 1);
	t_cold = now() - t0;
	gsim_counters(g, &c);
	printf("cold: %" PRIu64 " shadow faults in %.3f s: %.0f faults/s\n",
	       c.v[GC_exits_l0], t_cold, c.v[GC_exits_l0] / t_cold);
	printf("      shadow_bytes %" PRIu64 " (%" PRIu64 " page tables)\n",
	       c.v[GC_shadow_bytes], c.v[GC_shadow_pgt]);

	/* 1024 pages (fit the default 2048-entry TLB), 8 accesses per page
	 * per pass, 256 passes per SIE, 8 SIEs: 16 Mi accesses */
	for (i = 0; i < 256; i++)
		hot[i] = (struct gsim_l2_run){
			.addr = 0, .stride = 512, .count = 8 * 1024};
	run(asce, hot, 1);
	gsim_counters_reset(g);
	t0 = now();
	for (i = 0; i < 8; i++)
		run(asce, hot, 256);
	t_hit = now() - t0;
	gsim_counters(g, &c);
	printf("hit:  %" PRIu64 " accesses in %.3f s: %.1f M accesses/s "
	       "(%" PRIu64 " TLB misses)\n",
	       c.v[GC_tlb_hits] + c.v[GC_tlb_misses], t_hit,
	       (c.v[GC_tlb_hits] + c.v[GC_tlb_misses]) / t_hit / 1e6,
	       c.v[GC_tlb_misses]);

	/* UNSHADOW_ROUNDS rounds, each after L2 has shadowed everything
	 * again (not timed): one round alone lasts a few ms */
	t_unsh = 0;
	memset(&sum, 0, sizeof(sum));
	for (r = 0; r < UNSHADOW_ROUNDS; r++) {
		if (r)
			run(asce, &all, 1);
		gsim_counters_reset(g);
		t0 = now();
		for (i = 0; i < nseg; i += 2)
			store(PGT + 2048 * i, DATA + 4096 * (256 * i));
		t_unsh += now() - t0;
		gsim_counters(g, &c);
		sum.v[GC_unshadow_pgt] += c.v[GC_unshadow_pgt];
		sum.v[GC_prot_faults] += c.v[GC_prot_faults];
	}
	printf("unshadow: %" PRIu64 " page tables in %.3f s: %.0f unshadows/s "
	       "(%" PRIu64 " protection faults, %d rounds)\n",
	       sum.v[GC_unshadow_pgt], t_unsh, sum.v[GC_unshadow_pgt] / t_unsh,
	       sum.v[GC_prot_faults], UNSHADOW_ROUNDS);

	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %.1f MiB for %" PRIu64 " L2 pages\n",
	       ru.ru_maxrss / 1024.0, pages);
	gsim_destroy(g);
	return 0;
}
