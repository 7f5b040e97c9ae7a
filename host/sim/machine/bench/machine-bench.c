// SPDX-License-Identifier: GPL-2.0
/*
 * sim-machine-bench: speed of the simulated machine's hot paths (make perf).
 * V=R tables in host memory, a region-first ASCE (a 4-level walk):
 *   tlb_hit      TLB-hit lookups per second (1024 resident pages)
 *   dat_walk     4-level DAT walks per second (direct V=R reads)
 *   tlb_miss     TLB misses refilled per second (CRSTE hit + PTE read)
 *   ipte_full    IPTEs per second, each on a full TLB (ns per IPTE for
 *                two TLB sizes: the reverse index keeps it independent of
 *                the TLB size)
 * Rates are per second of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID),
 * so that other load on the machine distorts them less.
 * Prints one "name value unit" line per result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dat.h"
#include "tlb.h"

#define NPT 64 /* page tables of 256 pages: 16384 pages, 64 MiB */
#define VA_BASE 0x0040000000000000ULL

static uint64_t *tables[4 + NPT];
static uint64_t asce;

/* CPU time of this thread, in seconds */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t *table(unsigned int n, uint64_t fill)
{
	uint64_t *t = aligned_alloc(4096, n * 8 < 4096 ? 4096 : n * 8);
	unsigned int i;

	if (!t)
		abort();
	for (i = 0; i < n; i++)
		t[i] = fill;
	return t;
}

static uint64_t va_of(unsigned int page)
{
	return VA_BASE + (uint64_t)page * 4096;
}

static void build(void)
{
	uint64_t *r1 = table(2048, DAT_RTE_INVALID | DAT_TT_REGION1),
		 *r2 = table(2048, DAT_RTE_INVALID | DAT_TT_REGION2),
		 *r3 = table(2048, DAT_RTE_INVALID | DAT_TT_REGION3),
		 *sg = table(2048, DAT_STE_INVALID);
	unsigned int p, i;

	r1[DAT_RFX(VA_BASE)] = (uintptr_t)r2 | DAT_TT_REGION1 | 3;
	r2[DAT_RSX(VA_BASE)] = (uintptr_t)r3 | DAT_TT_REGION2 | 3;
	r3[DAT_RTX(VA_BASE)] = (uintptr_t)sg | DAT_TT_REGION3 | 3;
	for (p = 0; p < NPT; p++) {
		uint64_t *pt = table(256, 0);

		for (i = 0; i < 256; i++)
			pt[i] = 0x100000000ULL + (p * 256ULL + i) * 4096;
		sg[DAT_SX(va_of(p * 256))] = (uintptr_t)pt;
		tables[4 + p] = pt;
	}
	tables[0] = r1, tables[1] = r2, tables[2] = r3, tables[3] = sg;
	asce = (uintptr_t)r1 | DAT_DT_REGION1 | 3;
}

static void bench_tlb_hit(void)
{
	struct tlb t;
	uint64_t ra, sum = 0, n = 0, i;
	bool prot;
	double t0, dt;

	tlb_init(&t, 0, 0, 1);
	for (i = 0; i < 1024; i++)
		tlb_translate(&t, asce, va_of(i), 0, NULL, &ra, &prot, NULL);
	t0 = now();
	do {
		for (i = 0; i < 1u << 20; i++) {
			if (tlb_lookup(&t, asce, va_of(i & 1023) + (i & 0xff8),
				       &ra, &prot))
				sum += ra;
		}
		n += 1u << 20;
		dt = now() - t0;
	} while (dt < 0.5);
	printf("sim-machine tlb_hit %.1f M/s (hits %llu of %llu, sum %llx)\n",
	       n / dt / 1e6, (unsigned long long)t.st.hits,
	       (unsigned long long)n, (unsigned long long)(sum & 0xf));
	tlb_free(&t);
}

static void bench_dat_walk(void)
{
	struct dat_result r;
	uint64_t n = 0, sum = 0, i;
	double t0 = now(), dt;

	do {
		for (i = 0; i < 1u << 18; i++) {
			if (!dat_translate(asce,
					   va_of((i * 97) & (NPT * 256 - 1)), 0,
					   NULL, &r))
				sum += r.raddr;
		}
		n += 1u << 18;
		dt = now() - t0;
	} while (dt < 0.5);
	printf("sim-machine dat_walk_4level %.2f M/s (sum %llx)\n",
	       n / dt / 1e6, (unsigned long long)(sum & 0xf));
}

/* TLB misses refilled by tlb_translate (a CRSTE hit + the PTE, or a walk) */
static void bench_tlb_miss(void)
{
	struct tlb t;
	uint64_t ra, n = 0, i, sum = 0;
	bool prot;
	double t0, dt;

	tlb_init(&t, 0, 0, 1);
	t0 = now();
	do {
		for (i = 0; i < 1u << 18; i++)
			if (!tlb_translate(&t, asce, va_of(i & (NPT * 256 - 1)),
					   0, NULL, &ra, &prot, NULL))
				sum += ra;
		n += 1u << 18;
		dt = now() - t0;
	} while (dt < 0.5);
	printf("sim-machine tlb_miss_refill %.2f M/s (misses %llu, crste hits "
	       "%llu, sum %llx)\n",
	       n / dt / 1e6, (unsigned long long)t.st.misses,
	       (unsigned long long)t.st.crste_hits,
	       (unsigned long long)(sum & 0xf));
	tlb_free(&t);
}

static void bench_ipte(unsigned int sets, unsigned int ways)
{
	struct tlb t;
	uint64_t ra, n = 0, i, cap;
	unsigned int p;
	bool prot;
	double dt = 0, t0;

	tlb_init(&t, sets, ways, 1);
	cap = (uint64_t)t.sets * t.ways;
	while (dt < 0.3) {
		/* fill: restore the PTEs, translate every page until full */
		for (p = 0; p < NPT; p++)
			for (i = 0; i < 256; i++)
				tables[4 + p][i] &= ~DAT_PTE_INVALID;
		for (i = 0; i < NPT * 256; i++)
			tlb_translate(&t, asce, va_of(i), 0, NULL, &ra, &prot,
				      NULL);
		t0 = now();
		for (p = 0; p < NPT; p++)
			for (i = 0; i < 256; i++)
				tlb_ipte(&t, NULL, (uintptr_t)tables[4 + p],
					 va_of(p * 256 + i), 0, 0, 0);
		dt += now() - t0;
		n += NPT * 256;
	}
	printf("sim-machine ipte_full_tlb_%ux%u %.2f M/s (%.1f ns/IPTE, "
	       "TLB %llu entries, %llu purged)\n",
	       t.sets, t.ways, n / dt / 1e6, dt / n * 1e9,
	       (unsigned long long)cap, (unsigned long long)t.st.purged);
	tlb_free(&t);
}

int main(void)
{
	build();
	bench_tlb_hit();
	bench_dat_walk();
	bench_tlb_miss();
	bench_ipte(0, 0);
	bench_ipte(4096, 4);
	return 0;
}
