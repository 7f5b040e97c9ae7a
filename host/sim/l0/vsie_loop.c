// SPDX-License-Identifier: GPL-2.0
/*
 * The vSIE loop. vsie.c's shadow-gmap functions are compiled from the real
 * source (build/<variant>/gen-*\/vsie_shadow.c, included below so that its
 * static functions are callable here); the loop around them mirrors
 * vsie_run()/do_vsie_run() of arch/s390/kvm/vsie.c, with the SIE
 * instruction replaced by the simulated CPU running L2's accesses on the
 * shadow ASCE: TLB lookup, DAT walk of the shadow tables on a miss, and a
 * host-translation exit to L0 when the walk fails.
 */
#include "sim.h"

#include "vsie_shadow.c"

static pthread_once_t sim_notifiers_once = PTHREAD_ONCE_INIT;

/*
 * Counts what the real unshadow code tears down, from the range it hands
 * the gmap notifiers: gmap_unshadow_page() a page, _pgt() a segment,
 * _sgt() a region-third entry's range, _r3t() a region-second's, _r2t() a
 * region-first's, gmap_unshadow() (the whole shadow) 0..-1.
 */
SIM_NOT_COUNTED static void
sim_count_unshadow(struct gmap *gmap, unsigned long start, unsigned long end)
{
	struct gsim *g =
		container_of((struct kvm *)gmap->private, struct gsim, kvm);
	unsigned long len = end - start + 1;

	if (!gmap_is_shadow(gmap))
		return;
	if (start == 0 && end == -1UL)
		g->c[SC_unshadow_full]++;
	else if (len == PAGE_SIZE)
		g->c[SC_unshadow_pte]++;
	else if (len == _SEGMENT_SIZE)
		g->c[SC_unshadow_pgt]++;
	else if (len == _REGION3_SIZE)
		g->c[SC_unshadow_sgt]++;
	else if (len == _REGION2_SIZE)
		g->c[SC_unshadow_r3t]++;
	else if (len == _REGION1_SIZE)
		g->c[SC_unshadow_r2t]++;
	else
		sim_error(g, "gmap notifier: unexpected range %lx-%lx", start,
			  end);
}

static struct gmap_notifier sim_unshadow_nb = {
	.notifier_call = sim_count_unshadow,
};
/* as kvm-s390.c registers it */
static struct gmap_notifier vsie_gmap_nb = {
	.notifier_call = kvm_s390_vsie_gmap_notifier,
};

SIM_NOT_COUNTED static void sim_register_notifiers(void)
{
	gmap_register_pte_notifier(&vsie_gmap_nb);
	gmap_register_pte_notifier(&sim_unshadow_nb);
}

/* gaccess.c's ipte lock, one vCPU: the count is the whole lock */
SIM_NOT_COUNTED void ipte_lock(struct kvm *kvm)
{
	kvm->arch.ipte_lock_count++;
}

SIM_NOT_COUNTED void ipte_unlock(struct kvm *kvm)
{
	kvm->arch.ipte_lock_count--;
}

/* The program interruption for L1: remembered for the exit to L1. */
SIM_NOT_COUNTED int kvm_s390_inject_prog_irq(struct kvm_vcpu *vcpu,
					     struct kvm_s390_pgm_info *pgm)
{
	vcpu->arch.pgm = *pgm;
	vcpu->arch.pgm_pending = true;
	return 0;
}

SIM_NOT_COUNTED int sim_vsie_init(struct gsim *g)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	struct vsie_page *vp;

	BUILD_BUG_ON(sizeof(struct vsie_page) > PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	pthread_once(&sim_notifiers_once, sim_register_notifiers);
	vp = page_to_virt(page);
	/* until an SIE gives L2's prefix: out of the notifier's interest */
	vp->scb_s.prefix = (1UL << 31) >> GUEST_PREFIX_SHIFT;
	g->vsie_page = vp;
	g->kvm.arch.vsie.pages[0] = page;
	g->kvm.arch.vsie.page_count = 1;
	g->vcpu.kvm = &g->kvm;
	g->vcpu.arch.sie_block = &g->sie_block;
	g->vcpu.arch.gmap = g->gmap;
	return 0;
}

SIM_NOT_COUNTED void sim_vsie_fini(struct gsim *g)
{
	struct vsie_page *vp = g->vsie_page;

	if (vp) {
		release_gmap_shadow(vp);
		g->kvm.arch.vsie.page_count = 0;
		__free_pages(virt_to_page(vp), 0);
		g->vsie_page = NULL;
	}
}

SIM_NOT_COUNTED uint64_t sim_shadow_bytes(struct gsim *g)
{
	struct gmap *sg;
	struct page *page;
	uint64_t bytes = 0;

	list_for_each_entry(sg, &g->gmap->children, list) {
		list_for_each_entry(page, &sg->crst_list, lru)
			bytes += PAGE_SIZE << CRST_ALLOC_ORDER;
		list_for_each_entry(page, &sg->pt_list, lru)
			bytes += PAGE_SIZE;
	}
	return bytes;
}

/*
 * A second vCPU of L1 in the vSIE, for an injected action (inject.c),
 * between two steps of the first one's shadow operation: it resolves the
 * same shadow fault (handle_fault() for the L2 access at hand, on the
 * shadow the first one uses), or acquires a shadow of the same ASCE
 * (gmap_shadow(), as acquire_gmap_shadow() on another vsie_page; it
 * lets its reference go at once, as a vCPU leaving the vSIE does).
 */
SIM_NOT_COUNTED void sim_second_vcpu(struct gsim *g,
				     enum gsim_inject_action action)
{
	struct vsie_page *vp = g->vsie_page;
	union ctlreg0 cr0 = {.val = g->sie_block.gcr[0]};
	struct gmap *sg;
	int edat;

	if (action == GSIM_ACT_SECOND_FAULT) {
		if (vp->gmap)
			handle_fault(&g->vcpu, vp);
		return;
	}
	/* acquire_gmap_shadow()'s EDAT level */
	edat = cr0.edat && test_kvm_facility(&g->kvm, 8);
	edat += edat && test_kvm_facility(&g->kvm, 78);
	sg = gmap_shadow(g->gmap, g->sie_block.gcr[1], edat);
	if (!IS_ERR(sg))
		gmap_put(sg);
}

/* The DAT facilities that apply to L2's tables, as acquire_gmap_shadow()
 * decides them (CR0 EDAT and the facilities offered to L1). */
SIM_NOT_COUNTED static unsigned int l2_edat(struct gsim *g,
					    const struct gsim_sie *sie)
{
	unsigned int edat = 0;

	if (sie->cr0_edat && g->cfg.l1_edat1) {
		edat = DAT_EDAT1;
		if (g->cfg.l1_edat2)
			edat |= DAT_EDAT2;
	}
	return edat;
}

SIM_NOT_COUNTED static void oracle_compare(struct gsim *g,
					   const struct gsim_sie *sie,
					   uint64_t addr, bool write,
					   uint64_t raddr, bool prot)
{
	struct oracle_observed got = {.pgm = 0, .raddr = raddr, .prot = prot};
	enum oracle_mismatch kind;
	char msg[320];

	/* the translation, then the origin protection of the L1 tables it
	 * comes from (an L1 store there must unshadow it) */
	kind = oracle_check(&g->oracle, sie->asce, l2_edat(g, sie), addr, write,
			    &got, msg, sizeof(msg));
	if (!kind)
		kind = oracle_check_protected(&g->oracle, sie->asce,
					      l2_edat(g, sie), addr, msg,
					      sizeof(msg));
	if (kind)
		sim_mismatch(g, kind, msg);
}

/* The exception handle_fault() reflected to L1, against the oracle's walk */
SIM_NOT_COUNTED static void
oracle_compare_exception(struct gsim *g, const struct gsim_sie *sie,
			 const struct kvm_s390_pgm_info *pgm)
{
	struct oracle_exception got = {.pgm = pgm->code,
				       .teid = pgm->trans_exc_code};
	enum oracle_mismatch kind;
	char msg[320];

	kind = oracle_check_exception(&g->oracle, sie->asce, l2_edat(g, sie),
				      current->thread.gmap_addr,
				      current->thread.gmap_write_flag, &got,
				      msg, sizeof(msg));
	if (kind)
		sim_mismatch(g, kind, msg);
}

/*
 * SIE runs L2 only with its prefix pages mapped in the shadow: after
 * map_prefix() succeeded and nothing unshadowed them since (else the
 * notifier had set PROG_REQUEST). A prefix page the shadow does not
 * translate, or translates wrongly, is a mismatch.
 */
SIM_NOT_COUNTED static void oracle_check_prefix(struct gsim *g,
						const struct gsim_sie *sie,
						unsigned long asce)
{
	struct dat_result r;
	char msg[320];

	if (dat_translate(asce, sie->prefix, DAT_EDAT1 | DAT_EDAT2, NULL, &r)) {
		snprintf(msg, sizeof(msg),
			 "L2 %#llx (L2's prefix): not mapped by the shadow at "
			 "SIE entry, though map_prefix() was not asked to map "
			 "it again (no PROG_REQUEST)",
			 (unsigned long long)sie->prefix);
		sim_mismatch(g, ORACLE_MM_TRANSLATION, msg);
		return;
	}
	oracle_compare(g, sie, sie->prefix, false, r.raddr, r.prot);
}

/*
 * Runs L2's accesses on the shadow ASCE until all are done or one faults.
 * Returns 0 when done, else the program-interruption code of the SIE exit
 * (host DAT exception, or protection on a store), with the address in
 * current->thread as the kernel's fault handler leaves it.
 */
SIM_NOT_COUNTED static int run_l2(struct gsim *g, struct gsim_sie *sie,
				  unsigned long asce)
{
	const bool check = g->cfg.check == GSIM_CHECK_ON;
	struct tlb *t = &g->tlb;

	while (sie->run < sie->nr_runs) {
		const struct gsim_l2_run *r = &sie->runs[sie->run];
		const bool write = r->flags & GSIM_L2_WRITE;
		uint64_t addr = r->addr + (uint64_t)r->stride * sie->done;

		for (; sie->done < r->count; sie->done++, addr += r->stride) {
			uint64_t raddr;
			bool prot;
			int pgm;

			pgm = tlb_translate(t, asce, addr,
					    DAT_EDAT1 | DAT_EDAT2, NULL, &raddr,
					    &prot, NULL);
			if (!pgm && write && prot)
				pgm = PGM_PROTECTION;
			if (pgm) {
				current->thread.gmap_addr = addr;
				current->thread.gmap_int_code = pgm;
				current->thread.gmap_write_flag = write;
				sim_base_fault_set(&current->thread);
				return pgm;
			}
			if (check)
				oracle_compare(g, sie, addr, write, raddr,
					       prot);
			sie->accesses++;
		}
		sie->run++;
		sie->done = 0;
	}
	return 0;
}

/* shadow_scb(): the prefix L1 gives, a change unmaps the old one */
SIM_NOT_COUNTED static void set_prefix(struct vsie_page *vp,
				       const struct gsim_sie *sie)
{
	uint32_t prefix = (sie->has_prefix ? sie->prefix : 1UL << 31) >>
			  GUEST_PREFIX_SHIFT;

	if (vp->scb_s.prefix != prefix)
		prefix_unmapped(vp);
	vp->scb_s.prefix = prefix;
}

/*
 * vsie_run(): -EFAULT, an L1 table or frame beyond L1 memory, is an
 * addressing exception, presented to L1 as a program intercept (no TEID)
 * for the L2 access in current->thread.
 */
static void addressing_exit(struct gsim *g, struct gsim_sie *sie)
{
	struct kvm_s390_pgm_info pgm = {.code = PGM_ADDRESSING};

	g->c[SC_exits_l1]++;
	if (g->cfg.check == GSIM_CHECK_ON)
		oracle_compare_exception(g, sie, &pgm);
	sie->exit = GSIM_EXIT_PGM;
	sie->pgm_code = PGM_ADDRESSING;
	sie->teid = 0;
	sie->trans_exc_addr = current->thread.gmap_addr;
	sie->write = current->thread.gmap_write_flag;
}

/* The L2 access run_l2() is at, as the fault handler would leave it */
static void set_fault_access(const struct gsim_sie *sie)
{
	const struct gsim_l2_run *r = &sie->runs[sie->run];

	current->thread.gmap_addr = r->addr + (uint64_t)r->stride * sie->done;
	current->thread.gmap_write_flag = r->flags & GSIM_L2_WRITE;
}

/* The same L2 access faulting to L0 this often in a row, with no access
 * done in between, is no progress: a correct kernel resolves a shadow
 * fault in one or two exits */
#define SIM_HANG_FAULTS 256

SIM_NOT_COUNTED int sim_vsie_run(struct gsim *g, struct gsim_sie *sie)
{
	const bool check = g->cfg.check == GSIM_CHECK_ON;
	struct vsie_page *vp = g->vsie_page;
	struct kvm_vcpu *vcpu = &g->vcpu;
	union ctlreg0 cr0 = {.val = 0};
	unsigned long last_addr = -1UL;
	unsigned int last_code = 0, repeats = 0, prefix_tries = 0;
	unsigned int acquire_tries = 0;
	uint64_t last_accesses = 0;
	int rc;

	/* L1's control registers, as SIE finds them in L1's state */
	cr0.edat = sie->cr0_edat;
	g->sie_block.gcr[0] = cr0.val;
	g->sie_block.gcr[1] = sie->asce;
	sie->exit = GSIM_EXIT_DONE;
	sie->accesses = 0;
	set_prefix(vp, sie);
	g->c[SC_vsie_entries]++;
	for (;;) {
		/* vsie_run() */
		sim_inject_op_begin(g);
		rc = acquire_gmap_shadow(vcpu, vp);
		sim_inject_op_end(g);
		if (rc == -EAGAIN || rc == -ENOMEM) {
			/* vsie_run() again (-ENOMEM: KVM_RUN again) */
			if (++acquire_tries < SIM_HANG_FAULTS)
				continue;
			g->hung = true;
			sim_error(g,
				  "no progress: acquire_gmap_shadow() failed "
				  "%u times in a row (%d)",
				  acquire_tries, rc);
			return -ELOOP;
		}
		acquire_tries = 0;
		if (rc == -EFAULT && sie->run < sie->nr_runs) {
			/* L2's top table beyond L1 memory */
			set_fault_access(sie);
			addressing_exit(g, sie);
			return 0;
		}
		if (rc) {
			sim_error(g, "acquire_gmap_shadow: %d", rc);
			return rc;
		}
		if (sie->has_prefix) {
			sim_inject_op_begin(g);
			rc = map_prefix(vcpu, vp);
			sim_inject_op_end(g);
			if (rc == -ENOMEM)
				rc = -EAGAIN; /* KVM_RUN again */
			if (rc > 0) {
				sie->exit = GSIM_EXIT_VALIDITY;
				return 0;
			}
			if (rc && rc != -EAGAIN) {
				sim_error(g, "map_prefix: %d", rc);
				return rc;
			}
			/* SIE does not enter with PROG_REQUEST set */
			if (rc || !prefix_is_mapped(vp)) {
				if (++prefix_tries < SIM_HANG_FAULTS)
					continue;
				g->hung = true;
				sim_error(g,
					  "no progress: L2's prefix at 0x%llx "
					  "is never mapped (map_prefix() %u "
					  "times)",
					  (unsigned long long)sie->prefix,
					  prefix_tries);
				return -ELOOP;
			}
			if (check)
				oracle_check_prefix(g, sie, vp->gmap->asce);
		}
		/* do_vsie_run() */
		sim_inject_op_begin(g);
		handle_last_fault(vcpu, vp);
		sim_inject_op_end(g);
		if (!run_l2(g, sie, vp->gmap->asce))
			return 0;
		if (current->thread.gmap_addr == last_addr &&
		    current->thread.gmap_int_code == last_code &&
		    sie->accesses == last_accesses) {
			if (++repeats >= SIM_HANG_FAULTS) {
				g->hung = true;
				sim_error(
					g,
					"no progress: L2 %s at 0x%lx faults "
					"(0x%02x) to L0 %u times in a row with "
					"nothing changed",
					current->thread.gmap_write_flag
						? "store"
						: "fetch",
					last_addr, last_code, repeats);
				return -ELOOP;
			}
		} else {
			repeats = 0;
			last_addr = current->thread.gmap_addr;
			last_code = current->thread.gmap_int_code;
			last_accesses = sie->accesses;
		}
		vcpu->arch.pgm_pending = false;
		sim_inject_op_begin(g);
		rc = handle_fault(vcpu, vp);
		sim_inject_op_end(g);
		/* -ENOMEM: vsie_run() fails, KVM_RUN is run again */
		if (rc == 0 || rc == -EAGAIN || rc == -ENOMEM) {
			g->c[SC_exits_l0]++;
			continue;
		}
		if (rc > 0 && vcpu->arch.pgm_pending) {
			g->c[SC_exits_l1]++;
			if (check)
				oracle_compare_exception(g, sie,
							 &vcpu->arch.pgm);
			sie->exit = GSIM_EXIT_PGM;
			sie->pgm_code = vcpu->arch.pgm.code;
			sie->teid = vcpu->arch.pgm.trans_exc_code;
			sie->trans_exc_addr = current->thread.gmap_addr;
			sie->write = current->thread.gmap_write_flag;
			return 0;
		}
		if (rc == -EFAULT) {
			addressing_exit(g, sie);
			return 0;
		}
		sim_error(g, "handle_fault at L2 0x%lx: %d",
			  current->thread.gmap_addr, rc);
		return rc < 0 ? rc : -EIO;
	}
}
