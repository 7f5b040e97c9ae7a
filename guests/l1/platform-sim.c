// SPDX-License-Identifier: GPL-2.0
/* struct l1_platform over host/sim's gsim (platform-sim.h). */
#include <stddef.h>
#include <time.h>

#include "platform-sim.h"

/* L1's runs are handed to the machine as they are */
_Static_assert(sizeof(struct l1_l2_run) == sizeof(struct gsim_l2_run) &&
		       offsetof(struct l1_l2_run, addr) ==
			       offsetof(struct gsim_l2_run, addr) &&
		       offsetof(struct l1_l2_run, stride) ==
			       offsetof(struct gsim_l2_run, stride) &&
		       offsetof(struct l1_l2_run, count) ==
			       offsetof(struct gsim_l2_run, count) &&
		       offsetof(struct l1_l2_run, flags) ==
			       offsetof(struct gsim_l2_run, flags),
	       "struct l1_l2_run and struct gsim_l2_run differ");
_Static_assert(L1_RUN_WRITE == GSIM_L2_WRITE, "write flag");
_Static_assert((int)L1_LVL_R1 == (int)GSIM_LVL_R1 &&
		       (int)L1_LVL_PT == (int)GSIM_LVL_PT,
	       "levels");
_Static_assert((int)L1_L0_SWAP == (int)GSIM_L0_SWAP &&
		       (int)L1_L0_MIGRATE == (int)GSIM_L0_MIGRATE &&
		       (int)L1_L0_WRPROTECT == (int)GSIM_L0_WRPROTECT &&
		       (int)L1_L0_DISCARD == (int)GSIM_L0_DISCARD,
	       "L0 events");

static int sim_load64(void *ctx, uint64_t a, uint64_t *v)
{
	return gsim_l1_load64(ctx, a, v);
}

static int sim_store64(void *ctx, uint64_t a, uint64_t v)
{
	return gsim_l1_store64(ctx, a, v);
}

static int sim_fill64(void *ctx, uint64_t a, uint64_t v, uint64_t n)
{
	return gsim_l1_fill64(ctx, a, v, n);
}

static int sim_sie(void *ctx, struct l1_sie *s)
{
	struct gsim_sie g = {
		.asce = s->asce,
		.cr0_edat = s->cr0_edat,
		.has_prefix = s->has_prefix,
		.prefix = s->prefix,
		.runs = (const struct gsim_l2_run *)s->runs,
		.nr_runs = s->nr_runs,
		.run = s->run,
		.done = s->done,
	};
	int rc = gsim_sie_run(ctx, &g);

	s->run = g.run;
	s->done = g.done;
	s->exit = g.exit == GSIM_EXIT_DONE  ? L1_EXIT_DONE
		  : g.exit == GSIM_EXIT_PGM ? L1_EXIT_PGM
					    : L1_EXIT_VALIDITY;
	s->pgm_code = g.pgm_code;
	s->teid = g.teid;
	s->trans_exc_addr = g.trans_exc_addr;
	s->write = g.write;
	s->accesses = g.accesses;
	return rc;
}

static int sim_l0_event(void *ctx, int ev, uint64_t a, uint64_t len)
{
	return gsim_l0_event(ctx, (enum gsim_l0_event)ev, a, len);
}

_Static_assert((int)L1_INJ_LOCK == (int)GSIM_INJECT_LOCK &&
		       (int)L1_INJ_ENOMEM_RATE ==
			       (int)GSIM_INJECT_ENOMEM_RATE &&
		       (int)L1_ACT_SECOND_SHADOW == (int)GSIM_ACT_SECOND_SHADOW,
	       "fault injection");

static int sim_inject(void *ctx, const struct l1_inject *inj)
{
	struct gsim_inject g = {
		.kind = (enum gsim_inject_kind)inj->kind,
		.nth = inj->nth,
		.permille = inj->permille,
		.action = (enum gsim_inject_action)inj->action,
		.event = (enum gsim_l0_event)inj->event,
		.l1addr = inj->l1addr,
		.len = inj->len,
		.then_enomem = inj->then_enomem,
	};

	return gsim_inject(ctx, &g);
}

static int sim_cspg(void *ctx, uint64_t a, uint64_t old, uint64_t new)
{
	return gsim_l1_cspg(ctx, a, old, new);
}

static int sim_crdte(void *ctx, enum l1_level level, uint64_t entry,
		     uint64_t old, uint64_t new, uint64_t asce, uint64_t l2addr)
{
	return gsim_l1_crdte(ctx, (enum gsim_level)level, entry, old, new, asce,
			     l2addr);
}

static uint64_t sim_now(void *ctx)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void l1_sim_platform(struct l1_platform *p, struct gsim *g,
		     const struct gsim_config *cfg, bool clock)
{
	*p = (struct l1_platform){
		.ctx = g,
		.mem_bytes = cfg->l1_mem_bytes,
		.heap_start = L1_SIM_HEAP_START,
		.heap_end = cfg->l1_mem_bytes,
		.edat1 = cfg->l1_edat1,
		.edat2 = cfg->l1_edat2,
		.load64 = sim_load64,
		.store64 = sim_store64,
		.fill64 = sim_fill64,
		.sie = sim_sie,
		.l0_event = sim_l0_event,
		.inject = sim_inject,
		.cspg = sim_cspg,
		.crdte = sim_crdte,
		.now = clock ? sim_now : NULL,
	};
}
