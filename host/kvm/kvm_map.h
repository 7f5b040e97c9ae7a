/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where each counter of host/counters.h comes from on a real IBM Z host:
 * the one mapping table (kvm_map.c), documented in docs/ibm-z.md.
 *
 * A source is an expression over observed deltas of one run:
 *   alternative (" | " alternative)*   the first whose terms all exist wins
 *   alternative := term ((" + " | " - ") term)*   (spaces required)
 *   term := KVM statistic name        instruction_sie
 *         | "cpum_cf:" event name     cpum_cf:DTLB2_WRITES
 *         | "tp:" system ":" event     tp:kvm-s390:kvm_s390_gmap_notifier
 *         | "kprobe:" symbol           kprobe:gmap_unshadow_page
 * A counter none of whose alternatives can be computed is absent.
 */
#ifndef GMAPBENCH_KVM_MAP_H
#define GMAPBENCH_KVM_MAP_H

#include "../counters.h"
#include "kvm_stats.h"

struct kvm_map_row {
	enum gmap_counter_id id;
	const char *source; /* NULL: no source on a real host */
	const char *note;
};

extern const struct kvm_map_row kvm_map_rows[GC_NR];

/* Events that are not counters of host/counters.h but worth exporting. */
extern const char *const kvm_map_extras[];

/* A tracepoint's filter, for the "tp:" terms that need one (or NULL). */
const char *kvm_map_tp_filter(const char *term);

/*
 * Fills out from the deltas (KVM statistics by bare name, perf events by
 * prefixed name, one set). Returns the number of counters made present.
 */
int kvm_map_counters(const struct kvm_stat_set *deltas,
		     struct gmap_counters *out);

/* Evaluates one source expression; false if no alternative is complete. */
bool kvm_map_eval(const char *source, const struct kvm_stat_set *deltas,
		  uint64_t *value);

/*
 * The new gmap (7.x, arch/s390/kvm/gmap.c) still exports the statistics
 * gmap_shadow_{r1,r2,r3,sg,pg}_entry, but nothing increments them any more:
 * on such a kernel (gaccess_shadow_fault in kallsyms) the backend drops
 * them from the deltas, so shadow_r2t..shadow_pte are absent, not 0.
 * Returns how many were dropped.
 */
unsigned int kvm_map_drop_uncounted(struct kvm_stat_set *deltas);

/* Calls fn for every distinct term the table and the extras name. */
void kvm_map_for_each_term(void (*fn)(const char *term, void *arg), void *arg);

#endif /* GMAPBENCH_KVM_MAP_H */
