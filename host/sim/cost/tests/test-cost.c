// SPDX-License-Identifier: GPL-2.0
/*
 * The count build (cost.h) through the gsim API: the smoke sequence's cold
 * touch, warm touch and PTE rewrite on a fresh machine, twice, counted
 * only around the L1 stores and SIE runs. Both runs must count the same
 * basic blocks, per file and per function; setting a machine up counts
 * nothing. Also run under qemu-s390x (host/sim/tests/s390x.sh), which
 * compares the "# kernel_bb" lines of two runs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "gsim.h"
#include "tap.h"

#define SGT 0x100000ULL
#define PGT 0x200000ULL
#define DATA 0x1000000ULL
#define NSEG 4
#define NPAGES (NSEG * 256)
#define STE_INVALID 0x20ULL
#define L2_ASCE (SGT | 0x3)

static void touch_all(struct gsim *g)
{
	struct gsim_l2_run run = {.addr = 0, .stride = 4096, .count = NPAGES};
	struct gsim_sie sie = {.asce = L2_ASCE, .runs = &run, .nr_runs = 1};

	cost_start();
	if (gsim_sie_run(g, &sie) || sie.exit != GSIM_EXIT_DONE)
		tap_diag("SIE: exit %d: %s", (int)sie.exit, gsim_error(g));
	cost_stop();
}

/* one sequence on a fresh machine; what it counted in t */
static int sequence(struct cost_totals *t, uint64_t *setup_bb)
{
	struct cost_totals setup;
	struct gsim_config cfg;
	char err[256];
	struct gsim *g;
	int i, rc = 0;

	cost_reset();
	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = 32ULL << 20;
	g = gsim_create(&cfg, err, sizeof(err));
	if (!g) {
		tap_diag("gsim_create: %s", err);
		return -1;
	}
	gsim_l1_fill64(g, SGT, STE_INVALID, 2048);
	for (i = 0; i < NSEG; i++)
		gsim_l1_store64(g, SGT + 8 * i, PGT + 2048 * i);
	for (i = 0; i < NPAGES; i++)
		gsim_l1_store64(g, PGT + 8 * i, DATA + 4096ULL * i);
	if (cost_collect(&setup, err, sizeof(err))) {
		tap_diag("cost_collect: %s", err);
		rc = -1;
	}
	*setup_bb = setup.total;
	cost_totals_free(&setup);

	touch_all(g); /* cold: every page faults into the shadow code */
	touch_all(g); /* warm */
	cost_start(); /* a PTE rewrite: protection fault, unshadow */
	gsim_l1_store64(g, PGT + 8 * 7, DATA + 4096ULL * 7);
	cost_stop();
	touch_all(g);
	gsim_destroy(g);
	if (cost_collect(t, err, sizeof(err))) {
		tap_diag("cost_collect: %s", err);
		rc = -1;
	}
	return rc;
}

static bool has_function(const struct cost_totals *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nfuncs; i++)
		if (!strcmp(t->funcs[i].name, name))
			return t->funcs[i].count > 0;
	return false;
}

int main(void)
{
	struct cost_totals a, b;
	uint64_t setup_a, setup_b, sum = 0, fsum = 0;
	bool same;
	size_t i;
	int f;

	tap_plan_unknown();
	if (!tap_ok(!sequence(&a, &setup_a) && !sequence(&b, &setup_b),
		    "two sequences counted"))
		return tap_done();
	tap_eq(setup_a, 0,
	       "setting up a machine (counting off) counts nothing");
	tap_ok(a.total > 0, "the sequence counts kernel basic blocks: %" PRIu64,
	       a.total);
	for (f = 0; f < COST_NR_FILES; f++) {
		tap_ok(a.file[f] > 0, "kernel_bb_%s > 0 (%" PRIu64 ")",
		       cost_file_names[f], a.file[f]);
		sum += a.file[f];
	}
	tap_eq(sum, a.total, "the files add up to kernel_bb");
	for (i = 0; i < a.nfuncs; i++)
		fsum += a.funcs[i].count;
	tap_eq(fsum, a.total, "the functions add up to kernel_bb");
	tap_ok(has_function(&a, "gmap_shadow_page"),
	       "gmap.c's gmap_shadow_page counted");
	tap_ok(has_function(&a, "kvm_s390_shadow_fault"),
	       "gaccess.c's kvm_s390_shadow_fault counted");
	tap_ok(has_function(&a, "acquire_gmap_shadow"),
	       "vsie.c's acquire_gmap_shadow counted");
	tap_ok(!has_function(&a, "sim_vsie_run"),
	       "our vSIE loop (sim_vsie_run) is not the kernel's work");

	same = a.total == b.total && a.nfuncs == b.nfuncs;
	for (f = 0; f < COST_NR_FILES; f++)
		same &= a.file[f] == b.file[f];
	for (i = 0; same && i < a.nfuncs; i++)
		same = !strcmp(a.funcs[i].name, b.funcs[i].name) &&
		       a.funcs[i].count == b.funcs[i].count;
	tap_ok(same, "a second machine counts the same, per file and function");
	printf("# kernel_bb=%" PRIu64, a.total);
	for (f = 0; f < COST_NR_FILES; f++)
		printf(" %s=%" PRIu64, cost_file_names[f], a.file[f]);
	printf("\n");
	for (i = 0; i < a.nfuncs; i++)
		printf("# kernel_bb %s=%" PRIu64 "\n", a.funcs[i].name,
		       a.funcs[i].count);
	cost_totals_free(&a);
	cost_totals_free(&b);
	return tap_done();
}
