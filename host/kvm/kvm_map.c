// SPDX-License-Identifier: GPL-2.0
/* The mapping from KVM statistics, tracepoints, kprobes and CPU-MF counters
 * to the counters of docs/design.md. Keep docs/ibm-z.md's table in step. */
#include "kvm_map.h"

#include <string.h>

/*
 * exits_l0, host faults of L2 that L0 resolved without L1: every call of
 * kvm_s390_shadow_fault() (a global function of gaccess.c, called from
 * vsie.c: never inlined there) less the calls that are not such exits:
 *  - per fault reflected to L1 (not protection, which vsie.c injects
 *    without a call): the call in handle_fault() and the one in
 *    handle_last_fault() on the next entry: the L1 counts these faults
 *    (l1:reflected_dat);
 *  - map_prefix(): one call after each shadow gmap is acquired
 *    (gmap_shadow_create, gmap_shadow_reuse) and one more after each
 *    validity interception for the prefix (l1:sie_validity).
 * The new gmap (7.x) calls gaccess_shadow_fault() from the same places
 * (read, not run).
 */
#define EXITS_L0_NOT_EXITS                                         \
	" - l1:reflected_dat - l1:reflected_dat - l1:sie_validity" \
	" - gmap_shadow_create - gmap_shadow_reuse"

const struct kvm_map_row kvm_map_rows[GC_NR] = {
	[GC_vsie_entries] = {GC_vsie_entries, "instruction_sie",
			     "vCPU stat: SIE instructions of L1 intercepted"},
	[GC_exits_l0] = {GC_exits_l0,
			 "kprobe:kvm_s390_shadow_fault" EXITS_L0_NOT_EXITS
			 " | kprobe:gaccess_shadow_fault" EXITS_L0_NOT_EXITS,
			 "shadow-fault calls less reflected faults' two, "
			 "map_prefix()'s"},
	[GC_exits_l1] = {GC_exits_l1, "inject_program",
			 "vCPU stat: program interrupts L0 injected into L1"},
	[GC_shadow_create] = {GC_shadow_create, "gmap_shadow_create", NULL},
	[GC_shadow_reuse] = {GC_shadow_reuse, "gmap_shadow_reuse", NULL},
	[GC_shadow_r2t] = {GC_shadow_r2t, "gmap_shadow_r1_entry",
			   "an R1 entry shadowed: a shadow R2T made"},
	[GC_shadow_r3t] = {GC_shadow_r3t, "gmap_shadow_r2_entry", NULL},
	[GC_shadow_sgt] = {GC_shadow_sgt, "gmap_shadow_r3_entry", NULL},
	[GC_shadow_pgt] = {GC_shadow_pgt, "gmap_shadow_sg_entry", NULL},
	/* not gmap_shadow_pg_entry: that counts every shadow fault */
	[GC_shadow_pte] = {GC_shadow_pte, "kprobe:gmap_shadow_page",
			   "calls of gmap_shadow_page() (exported: never "
			   "inlined): a PTE of L1's being shadowed"},
	/* static, one caller each: either out of line (exact) or absent */
	[GC_prot_faults] = {GC_prot_faults, "kprobe:gmap_shadow_notify",
			    "once per shadow per L1 store to a protected page"},
	[GC_unshadow_pte] = {GC_unshadow_pte, "kprobe:gmap_unshadow_page",
			     "static, one caller: exact where not inlined"},
	[GC_unshadow_pgt] = {GC_unshadow_pgt, NULL,
			     "static with two callers: a kprobe would miss "
			     "inlined calls"},
	[GC_unshadow_sgt] = {GC_unshadow_sgt, NULL, "as unshadow_pgt"},
	[GC_unshadow_r3t] = {GC_unshadow_r3t, NULL, "as unshadow_pgt"},
	[GC_unshadow_r2t] = {GC_unshadow_r2t, NULL, "as unshadow_pgt"},
	[GC_unshadow_full] = {GC_unshadow_full, NULL, "as unshadow_pgt"},
	[GC_tlb_hits] = {GC_tlb_hits, NULL, "no CPU-MF counter of TLB hits"},
	[GC_tlb_misses] = {GC_tlb_misses,
			   "cpum_cf:DTLB2_WRITES + cpum_cf:ITLB2_WRITES | "
			   "cpum_cf:DTLB1_WRITES + cpum_cf:ITLB1_WRITES",
			   "translations written into the TLB (z14+: TLB2)"},
	[GC_tlb_purged] = {GC_tlb_purged, NULL, "not observable"},
	[GC_ipte] = {GC_ipte, NULL, "not observable"},
	[GC_idte] = {GC_idte, NULL, "not observable"},
	[GC_csp] = {GC_csp, NULL, "not observable"},
	[GC_crdte] = {GC_crdte, NULL, "not observable"},
	[GC_ptlb] = {GC_ptlb, NULL, "not observable"},
	[GC_shadow_bytes] = {GC_shadow_bytes, NULL, "not observable"},
	[GC_oracle_mismatches] = {GC_oracle_mismatches, NULL, "host/sim only"},
};

/*
 * Measured and reported in the run's deltas, each in its own column:
 * the notifier tracepoint (6.7+; shadow == 1: once per unshadow operation
 * of any level) and the vSIE notifier (called through a pointer: once per
 * unshadow operation, and for invalidations of L1's own gmap) count other
 * things than prot_faults.
 */
const char *const kvm_map_extras[] = {
	"tp:kvm-s390:kvm_s390_gmap_notifier",
	"kprobe:kvm_s390_vsie_gmap_notifier",
	"cpum_cf:TLB2_PTE_WRITES",
	"cpum_cf:TLB2_CRSTE_WRITES",
	"cpum_cf:TLB2_CRSTE_HPAGE_WRITES",
	"cpum_cf:TLB2_ENGINES_BUSY",
	"cpum_cf:CPU_CYCLES",
	"cpum_cf:INSTRUCTIONS",
	"tp:kvm:kvm_s390_sie_exit",
	NULL,
};

const char *kvm_map_tp_filter(const char *term)
{
	if (!strcmp(term, "tp:kvm-s390:kvm_s390_gmap_notifier"))
		return "shadow == 1";
	return NULL;
}

/* Copies the next whitespace-separated token of [*s, e) into tok. */
static bool next_token(const char **s, const char *e, char *tok, size_t n)
{
	const char *p = *s, *q;

	while (p < e && *p == ' ')
		p++;
	for (q = p; q < e && *q != ' '; q++)
		;
	*s = q;
	if (q == p || (size_t)(q - p) >= n)
		return false;
	memcpy(tok, p, q - p);
	tok[q - p] = 0;
	return true;
}

/* One alternative [s, e): terms joined by " + " and " - ". */
static bool eval_alt(const char *s, const char *e,
		     const struct kvm_stat_set *deltas, uint64_t *value)
{
	char tok[KVM_STAT_NAME_MAX + 32];
	int64_t acc = 0;
	int sign = 1;
	uint64_t v;

	for (;;) {
		if (!next_token(&s, e, tok, sizeof(tok)) ||
		    !kvm_stat_get(deltas, tok, &v))
			return false;
		acc += sign * (int64_t)v;
		if (!next_token(&s, e, tok, sizeof(tok)))
			break;
		if (strcmp(tok, "+") && strcmp(tok, "-"))
			return false;
		sign = tok[0] == '-' ? -1 : 1;
	}
	/* a difference of two noisy sources can dip below 0 */
	*value = acc < 0 ? 0 : (uint64_t)acc;
	return true;
}
bool kvm_map_eval(const char *source, const struct kvm_stat_set *deltas,
		  uint64_t *value)
{
	const char *s = source;

	while (s && *s) {
		const char *e = strchr(s, '|');

		if (!e)
			e = s + strlen(s);
		if (eval_alt(s, e, deltas, value))
			return true;
		s = *e ? e + 1 : e;
	}
	return false;
}

int kvm_map_counters(const struct kvm_stat_set *deltas,
		     struct gmap_counters *out)
{
	int id, n = 0;
	uint64_t v;

	memset(out, 0, sizeof(*out));
	for_each_counter(id) {
		const char *src = kvm_map_rows[id].source;

		if (src && kvm_map_eval(src, deltas, &v)) {
			gmap_counter_set(out, id, v);
			n++;
		}
	}
	return n;
}

static void each_term(const char *src, void (*fn)(const char *, void *),
		      void *arg)
{
	char tok[KVM_STAT_NAME_MAX + 32];
	const char *s = src, *e = src + strlen(src);

	while (s < e)
		if (next_token(&s, e, tok, sizeof(tok)) && strcmp(tok, "+") &&
		    strcmp(tok, "-") && strcmp(tok, "|"))
			fn(tok, arg);
}

void kvm_map_for_each_term(void (*fn)(const char *term, void *arg), void *arg)
{
	int id, i;

	/* may name a term twice; callers dedupe (the set does) */
	for_each_counter(id)
		if (kvm_map_rows[id].source)
			each_term(kvm_map_rows[id].source, fn, arg);
	for (i = 0; kvm_map_extras[i]; i++)
		fn(kvm_map_extras[i], arg);
}

unsigned int kvm_map_drop_uncounted(struct kvm_stat_set *d)
{
	static const char *const uncounted[] = {
		"gmap_shadow_r1_entry", "gmap_shadow_r2_entry",
		"gmap_shadow_r3_entry", "gmap_shadow_sg_entry",
		"gmap_shadow_pg_entry",
	};
	size_t i, k, kept = 0;
	unsigned int dropped = 0;

	for (i = 0; i < d->nr; i++) {
		for (k = 0; k < sizeof(uncounted) / sizeof(uncounted[0]); k++)
			if (!strcmp(d->stats[i].name, uncounted[k]))
				break;
		if (k < sizeof(uncounted) / sizeof(uncounted[0]))
			dropped++;
		else
			d->stats[kept++] = d->stats[i];
	}
	d->nr = kept;
	return dropped;
}
