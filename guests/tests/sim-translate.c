// SPDX-License-Identifier: GPL-2.0
/*
 * build/guests/sim-translate: the scenario l1.elf runs, on host/sim, with
 * the L2 translations l1.elf reports under QEMU TCG, computed here by
 * host/sim's own DAT walker (host/sim/machine/dat.h) over L1's memory:
 *
 *   sim-translate [-m MIB] <scenario> [name=value ...]
 *
 * Same command line as l1.elf (-m as qemu's), same JSON fields for what
 * both have ("scenario", "args", "rc", "l1", "heap_start", "heap_end",
 * "translations"), so guests/baremetal/tests/lra-vs-oracle.sh compares
 * them line by line. The machine is the one QEMU TCG is: L1 memory of
 * MIB MiB, no EDAT; L1's heap starts at L1_HEAP_START on both.
 *
 * LRAG and TPROT are modelled as QEMU 7.2 implements them: every DAT
 * exception is LRAG cc 3 with the code (real hardware gives cc 1/2 for an
 * invalid segment/page entry), and TPROT cc 3 for the translation
 * exceptions, 1 for DAT protection.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "platform-sim.h"
#include "samples.h"
#include "scenario.h"

static struct {
	struct gsim *g;
	struct l1_platform *p;
	int (*sie)(void *ctx, struct l1_sie *s);
	struct l2_samples samples;
} st;

/* dat_mem over L1 memory: each table entry read as L1 reads it */
static void *l1_entry(void *ctx, uint64_t l1addr, unsigned int len)
{
	static uint64_t v;

	if (len != sizeof(v) || gsim_l1_load64(st.g, l1addr, &v))
		return NULL;
	return &v;
}

static void translate(uint64_t asce, bool edat, uint64_t l2, struct l2_xlate *t)
{
	const struct dat_mem mem = {.ptr = l1_entry};
	unsigned int facilities = 0;
	struct dat_result r;
	int pgm;

	if (edat && st.p->edat1)
		facilities = DAT_EDAT1 | (st.p->edat2 ? DAT_EDAT2 : 0);
	pgm = dat_translate(asce, l2, facilities, &mem, &r);
	*t = (struct l2_xlate){.cc = 3, .exc = pgm, .tprot = 3};
	switch (pgm) {
	case 0:
		*t = (struct l2_xlate){.r1 = r.raddr, .tprot = r.prot};
		break;
	case DAT_PGM_ASCE_TYPE:
	case DAT_PGM_REGION1:
	case DAT_PGM_REGION2:
	case DAT_PGM_REGION3:
	case DAT_PGM_SEGMENT:
	case DAT_PGM_PAGE:
		break;
	default: /* addressing, translation specification: interruptions */
		t->cc = t->tprot = -1;
	}
}

/* the platform's sie(), sampling as l1.elf does (samples.h) */
static int sie(void *ctx, struct l1_sie *s)
{
	size_t run0 = s->run;
	uint64_t done0 = s->done;
	int rc = st.sie(ctx, s);

	if (rc)
		return rc;
	l2_samples_after_sie(&st.samples, run0, done0, s);
	if (s->exit != L1_EXIT_DONE)
		return 0;
	for (int i = 0; i < st.samples.n; i++) {
		struct l2_sample *sm = &st.samples.s[i];

		if (sm->asce != s->asce)
			continue;
		translate(sm->asce, sm->edat, sm->l2, &sm->t);
		sm->have = true;
	}
	return 0;
}

static void print_result(const struct scenario *s, const int64_t *args,
			 const struct scenario_result *res,
			 const struct gmap_counters *c)
{
	const struct l1_stats *l = &res->l1;
	char line[192];
	struct l1_buf b;
	int n = 0;

	printf("{\"scenario\":\"%s\",\"args\":{", s->name);
	for (unsigned int i = 0; i < s->nr_params; i++)
		printf("%s\"%s\":%" PRId64, i ? "," : "", s->params[i].name,
		       args[i]);
	printf("},\"rc\":%d", res->rc);
	if (res->rc)
		printf(",\"error\":\"%s\"", res->error);
	printf(",\"l1\":{\"sies\":%" PRIu64 ",\"reflected\":%" PRIu64
	       ",\"accesses\":%" PRIu64 ",\"pages_mapped\":%" PRIu64
	       ",\"rewrites\":%" PRIu64 ",\"invalidations\":%" PRIu64
	       ",\"tables_alloc\":%" PRIu64 ",\"tables_freed\":%" PRIu64
	       ",\"l1_stores\":%" PRIu64 "}",
	       l->sies, l->reflected, l->accesses, l->pages_mapped, l->rewrites,
	       l->invalidations, l->tables_alloc, l->tables_freed,
	       l->l1_stores);
	printf(",\"oracle_mismatches\":%" PRIu64 ",\"heap_start\":\"0x%" PRIx64
	       "\",\"heap_end\":\"0x%" PRIx64 "\",\"translations\":[",
	       c->v[GC_oracle_mismatches], st.p->heap_start, st.p->heap_end);
	for (int i = 0; i < st.samples.n; i++) {
		if (!st.samples.s[i].have)
			continue;
		l1_buf_init(&b, line, sizeof(line));
		l2_sample_json(&st.samples.s[i], &b);
		printf("%s%s", n++ ? "," : "", line);
	}
	printf("]}\n");
}

static int usage(const char *why, const char *what)
{
	fprintf(stderr,
		"sim-translate: %s%s%s\n"
		"usage: sim-translate [-m MIB] <scenario> [name=value ...]\n",
		why, what ? ": " : "", what ? what : "");
	return 2;
}

int main(int argc, char **argv)
{
	static struct scenario_result res;
	int64_t args[SCENARIO_MAX_PARAMS];
	const struct scenario *s;
	struct gsim_config cfg;
	struct gmap_counters c;
	struct l1_platform p;
	unsigned long mib = 64;
	char err[256], *end;
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "-m")) {
		errno = 0;
		mib = strtoul(argv[2], &end, 10);
		if (errno || *end || !mib || mib > (1UL << 20))
			return usage("-m: not a size in MiB", argv[2]);
		i = 3;
	}
	if (i >= argc)
		return usage("no scenario", NULL);
	s = scenario_find(argv[i]);
	if (!s)
		return usage("unknown scenario", argv[i]);
	scenario_defaults(s, args);
	for (i++; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		long long v;

		if (!eq)
			return usage("argument is not name=value", argv[i]);
		*eq = 0;
		errno = 0;
		v = strtoll(eq + 1, &end, 10);
		if (errno || end == eq + 1 || *end)
			return usage("bad value: not an integer", argv[i]);
		if (scenario_set(s, args, argv[i], v, err, sizeof(err)))
			return usage(err, NULL);
	}

	gsim_config_default(&cfg);
	cfg.l1_mem_bytes = (uint64_t)mib << 20;
	cfg.l1_edat1 = cfg.l1_edat2 = false; /* as QEMU 7.2 TCG */
	cfg.check = GSIM_CHECK_ON;
	st.g = gsim_create(&cfg, err, sizeof(err));
	if (!st.g)
		return usage("gsim_create", err);
	l1_sim_platform(&p, st.g, &cfg, false);
	st.p = &p;
	st.sie = p.sie;
	p.sie = sie;
	if (scenario_check(s, args, &p, err, sizeof(err))) {
		gsim_destroy(st.g);
		return usage(err, NULL);
	}
	scenario_run(s, args, &p, &res);
	gsim_counters(st.g, &c);
	print_result(s, args, &res, &c);
	if (res.rc || c.v[GC_oracle_mismatches])
		fprintf(stderr, "sim-translate: %s\n", gsim_error(st.g));
	gsim_destroy(st.g);
	return res.rc || c.v[GC_oracle_mismatches] ? 1 : 0;
}
