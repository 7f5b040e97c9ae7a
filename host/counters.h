/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counters every backend reports (docs/design.md, Counters), under the
 * same names on host/sim and host/kvm. A backend that cannot observe a
 * counter leaves it absent (its bit clear in .present), never 0.
 */
#ifndef GMAPBENCH_COUNTERS_H
#define GMAPBENCH_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>

#define GMAP_COUNTERS(C) \
	C(vsie_entries)  \
	C(exits_l0)      \
	C(exits_l1)      \
	C(shadow_create) \
	C(shadow_reuse)  \
	C(shadow_r2t)    \
	C(shadow_r3t)    \
	C(shadow_sgt)    \
	C(shadow_pgt)    \
	C(shadow_pte)    \
	C(prot_faults)   \
	C(unshadow_pte)  \
	C(unshadow_pgt)  \
	C(unshadow_sgt)  \
	C(unshadow_r3t)  \
	C(unshadow_r2t)  \
	C(unshadow_full) \
	C(tlb_hits)      \
	C(tlb_misses)    \
	C(tlb_purged)    \
	C(ipte)          \
	C(idte)          \
	C(csp)           \
	C(crdte)         \
	C(ptlb)          \
	C(shadow_bytes)  \
	C(oracle_mismatches)

enum gmap_counter_id {
#define GMAP_COUNTER_ENUM(name) GC_##name,
	GMAP_COUNTERS(GMAP_COUNTER_ENUM)
#undef GMAP_COUNTER_ENUM
		GC_NR
};

_Static_assert(GC_NR <= 64, "presence mask is one 64-bit word");

struct gmap_counters {
	uint64_t v[GC_NR];
	uint64_t present; /* bit GC_x set: v[GC_x] was observed */
};

static const char *const gmap_counter_names[GC_NR] = {
#define GMAP_COUNTER_NAME(name) [GC_##name] = #name,
	GMAP_COUNTERS(GMAP_COUNTER_NAME)
#undef GMAP_COUNTER_NAME
};

#define for_each_counter(id) for ((id) = 0; (id) < GC_NR; (id)++)

static inline bool gmap_counter_present(const struct gmap_counters *c,
					enum gmap_counter_id id)
{
	return c->present & (1ULL << id);
}

static inline void gmap_counter_set(struct gmap_counters *c,
				    enum gmap_counter_id id, uint64_t v)
{
	c->v[id] = v;
	c->present |= 1ULL << id;
}

/* Look a counter up by its name; GC_NR if there is none of that name. */
static inline enum gmap_counter_id gmap_counter_lookup(const char *name)
{
	int i;

	for (i = 0; i < GC_NR; i++)
		if (!__builtin_strcmp(gmap_counter_names[i], name))
			return (enum gmap_counter_id)i;
	return GC_NR;
}

#endif /* GMAPBENCH_COUNTERS_H */
