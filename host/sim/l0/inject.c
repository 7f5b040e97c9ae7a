// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection inside L0's shadow operations (gsim_inject(), gsim.h):
 * the kernel's allocations fail on request, and an action (an L0 event,
 * a second vCPU) runs just before a chosen spin_lock() of the kernel's
 * shadow code, where a real host lets another CPU in. Deterministic: the
 * nth event since arming, or a PRNG seeded from the machine's seed.
 */
#include "sim.h"

/* spin locks the current thread holds: an action runs only with none */
static __thread unsigned int sim_locks_held;

/* splitmix64: a seeded stream, the same on every host */
SIM_NOT_COUNTED static uint64_t sim_prng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

SIM_NOT_COUNTED static bool sim_inject_active(struct gsim *g)
{
	return g && g->inject.in_op && !g->inject.in_l0 &&
	       g->inject.arm.kind != GSIM_INJECT_OFF;
}

int gsim_inject(struct gsim *g, const struct gsim_inject *inj)
{
	struct sim_inject *s = &g->inject;
	const char *bad = NULL;

	sim_enter(g);
	switch (inj->kind) {
	case GSIM_INJECT_OFF:
		break;
	case GSIM_INJECT_ENOMEM:
		if (!inj->nth)
			bad = "nth must be >= 1";
		break;
	case GSIM_INJECT_ENOMEM_RATE:
		if (!inj->permille || inj->permille > 1000)
			bad = "permille must be 1..1000";
		break;
	case GSIM_INJECT_LOCK:
		if (!inj->nth)
			bad = "nth must be >= 1";
		else if (inj->action > GSIM_ACT_SECOND_SHADOW)
			bad = "not a gsim_inject_action";
		else if (inj->action == GSIM_ACT_L0_EVENT &&
			 ((inj->l1addr | inj->len) & (PAGE_SIZE - 1) ||
			  !inj->len || inj->l1addr >= g->cfg.l1_mem_bytes ||
			  inj->len > g->cfg.l1_mem_bytes - inj->l1addr ||
			  inj->event > GSIM_L0_DISCARD))
			bad = "the L0 event is not one of whole pages of L1";
		break;
	default:
		bad = "not a gsim_inject_kind";
	}
	if (bad) {
		sim_error(g, "gsim_inject: kind %d: %s", inj->kind, bad);
		return -EINVAL;
	}
	s->arm = *inj;
	s->count = 0;
	s->prng = g->cfg.seed * 0x100000001b3ULL + inj->nth;
	return 0;
}

void gsim_injected(struct gsim *g, struct gsim_injected *out)
{
	*out = g->inject.done;
}

SIM_NOT_COUNTED void sim_inject_op_begin(struct gsim *g)
{
	g->inject.in_op = true;
}

SIM_NOT_COUNTED void sim_inject_op_end(struct gsim *g)
{
	g->inject.in_op = false;
}

SIM_NOT_COUNTED void sim_inject_l0_begin(struct gsim *g)
{
	g->inject.in_l0++;
}

SIM_NOT_COUNTED void sim_inject_l0_end(struct gsim *g)
{
	g->inject.in_l0--;
}

SIM_NOT_COUNTED bool sim_inject_alloc_fails(struct gsim *g)
{
	struct sim_inject *s = &g->inject;
	bool fail;

	if (!sim_inject_active(g))
		return false;
	switch (s->arm.kind) {
	case GSIM_INJECT_ENOMEM:
		s->done.allocs_seen++;
		fail = ++s->count == s->arm.nth;
		if (fail)
			s->arm.kind = GSIM_INJECT_OFF;
		break;
	case GSIM_INJECT_ENOMEM_RATE:
		s->done.allocs_seen++;
		fail = sim_prng_next(&s->prng) % 1000 < s->arm.permille;
		break;
	default:
		return false;
	}
	s->done.allocs_failed += fail;
	return fail;
}

/* The kernel's kzalloc(), failing on request (shim.h) */
SIM_NOT_COUNTED void *sim_kzalloc(size_t size, gfp_t gfp)
{
	if (sim_inject_alloc_fails(sim_cur))
		return NULL;
	return (kzalloc)(size, gfp);
}

/* The kernel's radix_tree_preload(), failing on request (shim.h) */
SIM_NOT_COUNTED int sim_radix_tree_preload(gfp_t gfp)
{
	if (sim_inject_alloc_fails(sim_cur))
		return -ENOMEM;
	return (radix_tree_preload)(gfp);
}

SIM_NOT_COUNTED static void sim_inject_action(struct gsim *g)
{
	const struct gsim_inject *a = &g->inject.arm;

	g->inject.done.actions++;
	if (a->action == GSIM_ACT_L0_EVENT) {
		sim_inject_l0_begin(g);
		sim_l0_event(g, a->event, a->l1addr, a->len);
		sim_inject_l0_end(g);
	} else {
		sim_second_vcpu(g, a->action);
	}
}

SIM_NOT_COUNTED void sim_spin_lock(spinlock_t *lock)
{
	struct gsim *g = sim_cur;

	if (!sim_locks_held && sim_inject_active(g) &&
	    g->inject.arm.kind == GSIM_INJECT_LOCK) {
		g->inject.done.locks_seen++;
		if (++g->inject.count == g->inject.arm.nth) {
			/* once: the action's own locks do not count */
			g->inject.arm.kind = GSIM_INJECT_OFF;
			sim_inject_action(g);
			if (g->inject.arm.then_enomem) {
				g->inject.arm.kind = GSIM_INJECT_ENOMEM;
				g->inject.arm.nth = 1;
				g->inject.count = 0;
			}
		}
	}
	pthread_mutex_lock(lock);
	sim_locks_held++;
}

SIM_NOT_COUNTED void sim_spin_unlock(spinlock_t *lock)
{
	sim_locks_held--;
	pthread_mutex_unlock(lock);
}
