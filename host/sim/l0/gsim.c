// SPDX-License-Identifier: GPL-2.0
/*
 * The gsim API (host/sim/gsim.h): the machine, L0's process and gmap for
 * L1, L1's memory accesses through the machine, and the counters.
 */
#include "sim.h"

void radix_tree_init(void);

static pthread_once_t sim_once = PTHREAD_ONCE_INIT;
static __thread bool sim_rcu_registered;
/* unregisters a thread from RCU when it ends: liburcu's grace periods
 * would wait forever for a registered thread that is gone */
static pthread_key_t sim_rcu_key;

static void sim_rcu_thread_exit(void *unused)
{
	rcu_unregister_thread();
}

static void sim_global_init(void)
{
	radix_tree_init();
	pthread_key_create(&sim_rcu_key, sim_rcu_thread_exit);
}

_Static_assert((int)GSIM_LVL_R1 == (int)DAT_LVL_R1 &&
		       (int)GSIM_LVL_PT == (int)DAT_LVL_PT,
	       "gsim and DAT levels");
_Static_assert((int)GSIM_MM_TRANSLATION == (int)ORACLE_MM_TRANSLATION &&
		       (int)GSIM_MM_PROTECTION == (int)ORACLE_MM_PROTECTION &&
		       (int)GSIM_MM_EXCEPTION == (int)ORACLE_MM_EXCEPTION &&
		       (int)GSIM_MM_NR == (int)ORACLE_NR_MISMATCH_KINDS,
	       "gsim and oracle mismatch kinds");

void gsim_mismatches(struct gsim *g, struct gsim_mismatches *out)
{
	*out = g->mismatches;
}

const char *gsim_mismatch_kind_name(unsigned int kind)
{
	return oracle_mismatch_name(kind);
}

bool gsim_hung(struct gsim *g)
{
	return g->hung;
}

int gsim_l0_event(struct gsim *g, enum gsim_l0_event ev, uint64_t l1addr,
		  uint64_t len)
{
	sim_enter(g);
	if ((l1addr | len) & (PAGE_SIZE - 1) || l1addr >= g->cfg.l1_mem_bytes ||
	    len > g->cfg.l1_mem_bytes - l1addr) {
		sim_error(g,
			  "gsim_l0_event: L1 0x%llx + 0x%llx: not whole "
			  "pages of L1's memory",
			  (unsigned long long)l1addr, (unsigned long long)len);
		return -EINVAL;
	}
	return sim_l0_event(g, ev, l1addr, len);
}

void sim_kernel_warn(const char *file, int line, const char *cond)
{
	struct gsim *g = sim_cur;

	if (g) {
		g->c[SC_kernel_warnings]++;
		sim_error(g, "kernel warning at %s:%d: %s", file, line, cond);
	}
}

void gsim_config_default(struct gsim_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->l1_mem_bytes = 256UL << 20;
	cfg->l1_edat1 = true;
	cfg->l1_edat2 = true;
	cfg->check = GSIM_CHECK_ON;
	cfg->seed = 1;
}

static void set_facility(struct kvm *kvm, unsigned int nr)
{
	kvm->arch.fac_list[nr / 64] |= 1UL << (63 - nr % 64);
}

struct gsim *gsim_create(const struct gsim_config *cfg, char *err,
			 size_t errlen)
{
	uint64_t arena;
	struct gsim *g;
	int rc;

	if (!cfg->l1_mem_bytes || cfg->l1_mem_bytes % (1UL << 20) ||
	    cfg->l1_mem_bytes > (1UL << 40)) {
		snprintf(err, errlen,
			 "l1_mem_bytes=%llu: must be a non-zero multiple of "
			 "1 MiB up to 1 TiB",
			 (unsigned long long)cfg->l1_mem_bytes);
		return NULL;
	}
	if (cfg->l1_hpage_1m) {
		/* kvm_arch_init(): "A KVM host that supports nesting cannot
		 * back its KVM guests with huge pages" */
		snprintf(err, errlen,
			 "l1_hpage_1m: Linux 6.1 KVM refuses huge-page backing "
			 "together with nested virtualization (vSIE)");
		return NULL;
	}
	if (cfg->l1_edat2 && !cfg->l1_edat1) {
		snprintf(err, errlen, "l1_edat2: needs l1_edat1");
		return NULL;
	}
	if (cfg->check != GSIM_CHECK_OFF && cfg->check != GSIM_CHECK_ON) {
		snprintf(err, errlen, "check=%d: not a gsim_check", cfg->check);
		return NULL;
	}
	arena = cfg->arena_bytes;
	if (!arena) {
		/* l1_mem / 8 is whole MiB only if l1_mem is whole 8 MiB */
		arena = cfg->l1_mem_bytes + cfg->l1_mem_bytes / 8 +
			(64UL << 20);
		arena = (arena + (1UL << 20) - 1) & ~((1UL << 20) - 1);
	}
	if (arena % (1UL << 20) || arena < cfg->l1_mem_bytes + (8UL << 20)) {
		snprintf(err, errlen,
			 "arena_bytes=%llu: must be a multiple of 1 MiB and "
			 "hold l1_mem_bytes + 8 MiB",
			 (unsigned long long)arena);
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	g->cfg = *cfg;
	g->cfg.arena_bytes = arena;
	pthread_once(&sim_once, sim_global_init);
	if (!sim_rcu_registered) {
		rcu_register_thread();
		/* any non-NULL value: the key's destructor runs at exit */
		pthread_setspecific(sim_rcu_key, &sim_rcu_key);
		sim_rcu_registered = true;
	}
	rc = tlb_init(&g->tlb, cfg->tlb_sets, cfg->tlb_ways, cfg->seed);
	if (rc) {
		snprintf(err, errlen, "tlb_sets=%u tlb_ways=%u: %s",
			 cfg->tlb_sets, cfg->tlb_ways, strerror(-rc));
		free(g);
		return NULL;
	}
	if (sim_arena_init(g, arena) ||
	    !(g->l1_of_page = calloc(g->pages, sizeof(*g->l1_of_page))) ||
	    !(g->host_pt = calloc(g->pages, 1))) {
		free(g->l1_of_page);
		free(g->host_pt);
		if (g->mem_map)
			sim_arena_free(g);
		snprintf(err, errlen, "arena_bytes=%llu: cannot map",
			 (unsigned long long)arena);
		tlb_free(&g->tlb);
		free(g);
		return NULL;
	}
	/* the TLB's sets: by the origin within the arena, not the pointer */
	g->tlb.origin_base = g->base;
	g->mm = sim_mm_create(g);
	g->vma = (struct vm_area_struct){
		.vm_start = SIM_L1_VMADDR,
		.vm_end = SIM_L1_VMADDR + cfg->l1_mem_bytes,
		.vm_mm = g->mm,
	};
	current->mm = g->mm;
	if (cfg->l1_edat1)
		set_facility(&g->kvm, 8);
	if (cfg->l1_edat2)
		set_facility(&g->kvm, 78);
	/* kvm_arch_init_vm(): the gmap for L1, and the memslot mapping */
	g->gmap = g->mm ? gmap_create(g->mm, cfg->l1_mem_bytes - 1) : NULL;
	if (!g->gmap ||
	    gmap_map_segment(g->gmap, SIM_L1_VMADDR, 0, cfg->l1_mem_bytes) ||
	    sim_vsie_init(g)) {
		snprintf(err, errlen, "arena_bytes=%llu: too small for L0",
			 (unsigned long long)arena);
		gsim_destroy(g);
		return NULL;
	}
	g->gmap->private = &g->kvm;
	g->oracle.gmap_asce = g->gmap->asce;
	g->oracle.gmap_edat = DAT_EDAT1;
	g->oracle.l0mem = NULL;
	g->oracle.l1_mem_bytes = cfg->l1_mem_bytes;
	g->oracle.l1_of_l0 = sim_l1_of_l0;
	g->oracle.ctx = g;
	gsim_counters_reset(g);
	return g;
}

void gsim_destroy(struct gsim *g)
{
	if (!g)
		return;
	sim_enter(g);
	sim_vsie_fini(g);
	if (g->gmap) {
		gmap_remove(g->gmap);
		g->gmap = NULL;
	}
	if (g->mm)
		sim_mm_destroy(g, g->mm);
	/* free the radix-tree nodes RCU still holds before the next machine */
	rcu_barrier();
	sim_arena_free(g);
	free(g->l1_of_page);
	free(g->host_pt);
	tlb_free(&g->tlb);
	if (sim_cur == g)
		sim_cur = NULL;
	free(g);
}

/*
 * Translates an L1 address for an L1 access: the machine's TLB and DAT on
 * L0's gmap for L1; a fault is an exit to L0, resolved by the real
 * gmap_fault() (as kvm_arch_fault_in_page() does), then retried.
 */
static int l1_translate(struct gsim *g, uint64_t l1addr, bool write,
			uint64_t *raddr)
{
	int tries;

	if (l1addr >= g->cfg.l1_mem_bytes || (l1addr & 7))
		return -EFAULT;
	for (tries = 0; tries < 4; tries++) {
		bool prot;
		int pgm, rc;

		pgm = tlb_translate(&g->tlb, g->gmap->asce, l1addr, DAT_EDAT1,
				    NULL, raddr, &prot, NULL);
		if (!pgm && !(write && prot))
			return 0;
		g->in_l1_store = write;
		rc = gmap_fault(g->gmap, l1addr, write ? FAULT_FLAG_WRITE : 0);
		g->in_l1_store = false;
		if (rc) {
			sim_error(g, "gmap_fault(L1 0x%llx): %d",
				  (unsigned long long)l1addr, rc);
			return rc;
		}
	}
	sim_error(g, "L1 0x%llx: no translation after gmap_fault",
		  (unsigned long long)l1addr);
	return -EIO;
}

int gsim_l1_load64(struct gsim *g, uint64_t l1addr, uint64_t *val)
{
	uint64_t raddr;
	int rc;

	sim_enter(g);
	rc = l1_translate(g, l1addr, false, &raddr);
	if (!rc)
		*val = *(volatile uint64_t *)raddr;
	return rc;
}

int gsim_l1_store64(struct gsim *g, uint64_t l1addr, uint64_t val)
{
	uint64_t raddr;
	int rc;

	sim_enter(g);
	rc = l1_translate(g, l1addr, true, &raddr);
	if (!rc)
		*(volatile uint64_t *)raddr = val;
	return rc;
}

int gsim_l1_fill64(struct gsim *g, uint64_t l1addr, uint64_t val,
		   uint64_t count)
{
	uint64_t i;
	int rc;

	for (i = 0; i < count; i++) {
		rc = gsim_l1_store64(g, l1addr + 8 * i, val);
		if (rc)
			return rc;
	}
	return 0;
}

int gsim_l1_cspg(struct gsim *g, uint64_t l1addr, uint64_t old, uint64_t new)
{
	uint64_t raddr;
	int rc;

	sim_enter(g);
	rc = l1_translate(g, l1addr, true, &raddr);
	if (rc)
		return rc;
	rc = tlb_csp(&g->tlb, NULL, raddr, 8, old, new, true, NULL);
	return rc < 0 ? -EFAULT : rc;
}

int gsim_l1_crdte(struct gsim *g, enum gsim_level level, uint64_t l1entry,
		  uint64_t old, uint64_t new, uint64_t l2asce, uint64_t l2addr)
{
	static const unsigned int shift[] = {53, 42, 31, 20, 12};
	uint64_t raddr, idx;
	int rc;

	sim_enter(g);
	if (level > GSIM_LVL_PT)
		return -EINVAL;
	rc = l1_translate(g, l1entry, true, &raddr);
	if (rc)
		return rc;
	/* the machine finds the entry from the table origin and l2addr: an
	 * origin that gives raddr, whatever frames L0 backs the table with */
	idx = (l2addr >> shift[level]) & (level == GSIM_LVL_PT ? 0xff : 0x7ff);
	rc = tlb_crdte(&g->tlb, NULL, old, new, raddr - idx * 8,
		       (enum dat_level)level, l2addr, l2asce, 0, NULL);
	return rc < 0 ? -EFAULT : rc;
}

int gsim_sie_run(struct gsim *g, struct gsim_sie *sie)
{
	sim_enter(g);
	if (sie->run > sie->nr_runs || (sie->nr_runs && !sie->runs)) {
		sim_error(g, "gsim_sie_run: bad progress (run %zu of %zu)",
			  sie->run, sie->nr_runs);
		return -EINVAL;
	}
	return sim_vsie_run(g, sie);
}

void gsim_counters(struct gsim *g, struct gmap_counters *out)
{
	const struct kvm_vm_stat *s = &g->kvm.stat, *s0 = &g->stat0;
	const struct tlb_stats *t = &g->tlb.st, *t0 = &g->tlb0;

	sim_enter(g);
	memset(out, 0, sizeof(*out));
#define OWN(name) gmap_counter_set(out, GC_##name, g->c[SC_##name])
	OWN(vsie_entries);
	OWN(exits_l0);
	OWN(exits_l1);
	OWN(prot_faults);
	OWN(unshadow_pte);
	OWN(unshadow_pgt);
	OWN(unshadow_sgt);
	OWN(unshadow_r3t);
	OWN(unshadow_r2t);
	OWN(unshadow_full);
	OWN(oracle_mismatches);
#undef OWN
#define STAT(name, field) gmap_counter_set(out, GC_##name, s->field - s0->field)
	STAT(shadow_create, gmap_shadow_create);
	STAT(shadow_reuse, gmap_shadow_reuse);
	/* an rN_entry is counted when a shadow of the table it designates
	 * is made: the region-first entry gets a shadow region-second table */
	STAT(shadow_r2t, gmap_shadow_r1_entry);
	STAT(shadow_r3t, gmap_shadow_r2_entry);
	STAT(shadow_sgt, gmap_shadow_r3_entry);
	STAT(shadow_pgt, gmap_shadow_sg_entry);
	STAT(shadow_pte, gmap_shadow_pg_entry);
#undef STAT
#define TLB(name, field) gmap_counter_set(out, GC_##name, t->field - t0->field)
	TLB(tlb_hits, hits);
	TLB(tlb_misses, misses);
	TLB(tlb_purged, purged);
	TLB(ipte, ipte);
	TLB(idte, idte);
	TLB(csp, csp);
	TLB(crdte, crdte);
	TLB(ptlb, ptlb);
#undef TLB
	gmap_counter_set(out, GC_shadow_bytes, sim_shadow_bytes(g));
}

void gsim_counters_reset(struct gsim *g)
{
	memset(g->c, 0, sizeof(g->c));
	memset(&g->mismatches, 0, sizeof(g->mismatches));
	g->hung = false;
	g->stat0 = g->kvm.stat;
	g->tlb0 = g->tlb.st;
}

const char *gsim_error(struct gsim *g)
{
	return g->err;
}
