// SPDX-License-Identifier: GPL-2.0
/*
 * The functions kgen -d turned from inline assembly into prototypes: each
 * executes its instruction on the simulated CPU (host/sim/machine/tlb.h:
 * the table-entry update and the architected TLB purge) and is counted
 * there (ipte, idte, csp, crdte, ptlb).
 */
#include "sim.h"

struct sim_facilities sim_facilities = {
	.idte = 1,
	.tlb_lc = 1,
	.tlb_guest = 1,
	.esop = 1,
	.edat1 = 1,
	.edat2 = 1,
};
__thread struct sim_lowcore S390_lowcore;
__thread struct task_struct sim_current_task;
struct mm_struct init_mm;
unsigned long mio_wb_bit_mask;
cpumask_t sim_cpu0_mask = {{1}};

static unsigned int ipte_opts(unsigned long opt, int local)
{
	return (local ? TLB_OPT_LOCAL : 0) |
	       (opt & IPTE_GUEST_ASCE ? TLB_OPT_GUEST_ASCE : 0) |
	       (opt & IPTE_NODAT ? TLB_OPT_NODAT : 0);
}

static unsigned int idte_opts(unsigned long opt, int local)
{
	return (local ? TLB_OPT_LOCAL : 0) |
	       (opt & IDTE_GUEST_ASCE ? TLB_OPT_GUEST_ASCE : 0) |
	       (opt & IDTE_NODAT ? TLB_OPT_NODAT : 0);
}

static void check(int rc, const char *insn)
{
	if (rc < 0 || rc == DAT_PGM_ADDRESSING)
		sim_error(sim_cur, "%s: addressing exception", insn);
}

/*
 * The guest-ASCE option limits the clearing to TLB entries of that ASCE:
 * mm->context.gmap_asce, L1's gmap. Entries formed through a shadow page
 * table belong to the shadow gmap's ASCE, under which SIE ran L2, and
 * 6.1 relies on the IPTE of ptep_unshadow_pte() clearing them (as it does
 * on the machines nested KVM runs on: else a swapped-out L1 page would
 * stay reachable from L2). Clearing more TLB entries than asked is always
 * architecturally allowed; so the option is dropped for a page table that
 * is not one of L0's process.
 */
static unsigned long shadow_ipte_opt(pte_t *ptep, unsigned long opt)
{
	struct gsim *g = sim_cur;

	if (!g->host_pt[virt_to_page(ptep) - g->mem_map])
		opt &= ~IPTE_GUEST_ASCE;
	return opt;
}

void __ptep_ipte(unsigned long address, pte_t *ptep, unsigned long opt,
		 unsigned long asce, int local)
{
	opt = shadow_ipte_opt(ptep, opt);
	check(tlb_ipte(&sim_cur->tlb, NULL, __pa(ptep), address, 0, asce,
		       ipte_opts(opt, local)),
	      "ipte");
}

void __ptep_ipte_range(unsigned long address, int nr, pte_t *ptep, int local)
{
	check(tlb_ipte(&sim_cur->tlb, NULL, __pa(ptep), address, nr, 0,
		       ipte_opts(0, local)),
	      "ipte");
}

/* IDTE of a region or segment entry (8 bytes), index in a table of type dt */
static void idte_entry(void *entry, unsigned long index, unsigned long dt,
		       unsigned long addr, unsigned long opt,
		       unsigned long asce, int local)
{
	unsigned long origin = __pa(entry) - index * sizeof(unsigned long);

	check(tlb_idte(&sim_cur->tlb, NULL, origin | dt, addr, 0, asce,
		       idte_opts(opt, local)),
	      "idte");
}

void __pmdp_idte(unsigned long addr, pmd_t *pmdp, unsigned long opt,
		 unsigned long asce, int local)
{
	idte_entry(pmdp, pmd_index(addr), DAT_DT_SEGMENT, addr & HPAGE_MASK,
		   opt, asce, local);
}

void __pudp_idte(unsigned long addr, pud_t *pudp, unsigned long opt,
		 unsigned long asce, int local)
{
	idte_entry(pudp, pud_index(addr), DAT_DT_REGION3, addr & PUD_MASK, opt,
		   asce, local);
}

/* gmap.c: idte of one region or segment entry, asce = origin | type */
void gmap_idte_one(unsigned long asce, unsigned long vaddr)
{
	check(tlb_idte(&sim_cur->tlb, NULL, asce, vaddr, 0, 0, 0), "idte");
}

void __tlb_flush_idte(unsigned long asce)
{
	tlb_idte_asce(&sim_cur->tlb, asce, 0);
}

void __tlb_flush_local(void)
{
	tlb_ptlb(&sim_cur->tlb);
}

/*
 * CSP addresses a word; s390 code names the low-order word of a doubleword
 * entry as (unsigned int *)entry + 1 (big-endian). On a little-endian host
 * that word is at offset 0 of the doubleword.
 */
void csp(unsigned int *ptr, unsigned int old, unsigned int new)
{
	unsigned long raddr = __pa(ptr);

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if ((raddr & 7) == 4)
		raddr -= 4;
#endif
	check(tlb_csp(&sim_cur->tlb, NULL, raddr, 4, old, new, true, NULL),
	      "csp");
}

SIM_CMPXCHG_RET cspg(unsigned long *ptr, unsigned long old, unsigned long new)
{
	int rc = tlb_csp(&sim_cur->tlb, NULL, __pa(ptr), 8, old, new, true,
			 NULL);

	check(rc, "cspg");
	SIM_CMPXCHG_RETURN(rc == 0);
}

SIM_CMPXCHG_RET crdte(unsigned long old, unsigned long new,
		      unsigned long *table, unsigned long dtt,
		      unsigned long address, unsigned long asce)
{
	enum dat_level lvl;
	int rc;

	switch (dtt) {
	case CRDTE_DTT_PAGE:
		lvl = DAT_LVL_PT;
		break;
	case CRDTE_DTT_SEGMENT:
		lvl = DAT_LVL_SG;
		break;
	case CRDTE_DTT_REGION3:
		lvl = DAT_LVL_R3;
		break;
	case CRDTE_DTT_REGION2:
		lvl = DAT_LVL_R2;
		break;
	default:
		lvl = DAT_LVL_R1;
		break;
	}
	rc = tlb_crdte(&sim_cur->tlb, NULL, old, new, __pa(table), lvl, address,
		       asce, 0, NULL);
	check(rc, "crdte");
	SIM_CMPXCHG_RETURN(rc == 0);
}

/*
 * The PGSTE lock: the PCL bit of the PGSTE, taken by compare-and-swap.
 * Weak: 6.12 has them in C (pgtable.c), 6.1 in inline assembly.
 */
__attribute__((weak)) pgste_t pgste_get_lock(pte_t *ptep)
{
	unsigned long *p = (unsigned long *)(ptep + PTRS_PER_PTE);
	unsigned long old, new;

	do {
		old = __atomic_load_n(p, __ATOMIC_RELAXED) & ~PGSTE_PCL_BIT;
		new = old | PGSTE_PCL_BIT;
	} while (!__atomic_compare_exchange_n(p, &old, new, 0, __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	return __pgste(new);
}

__attribute__((weak)) void pgste_set_unlock(pte_t *ptep, pgste_t pgste)
{
	unsigned long *p = (unsigned long *)(ptep + PTRS_PER_PTE);

	__atomic_store_n(p, pgste_val(pgste) & ~PGSTE_PCL_BIT,
			 __ATOMIC_RELEASE);
}

/*
 * Storage keys are not modelled: L0 never enables them for L1
 * (mm->context.uses_skeys stays 0), so these are not reached in the
 * shadow paths; they keep the semantics of a machine whose keys are 0.
 */
void page_set_storage_key(unsigned long addr, unsigned char skey, int mapped)
{
}

unsigned char page_get_storage_key(unsigned long addr)
{
	return 0;
}

int page_reset_referenced(unsigned long addr)
{
	return 0;
}

void copy_page(void *to, void *from)
{
	memcpy(to, from, PAGE_SIZE);
}

void __storage_key_init_range(unsigned long start, unsigned long end)
{
}
