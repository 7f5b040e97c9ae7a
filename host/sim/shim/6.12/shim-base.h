/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the 6.12 base's sources need of the shim beyond host/sim/shim/shim.h
 * (included from it, before the real s390 headers; shim-base-late.h after
 * them): the generic mm names that drifted since 6.1 (ptdesc, folios, the
 * pagewalk lock, COW sharing) and the s390 ones (get_lowcore(), RDP,
 * cspg/crdte returning bool, gmap_teid). Paths host/sim never takes on 6.12
 * (secure guests, COW unsharing, swap) are stubs.
 */
#ifndef GMAPBENCH_SIM_SHIM_BASE_H
#define GMAPBENCH_SIM_SHIM_BASE_H

#include <generated/autoconf.h>

/* cspg() and crdte() return whether they swapped (host/sim/l0/instr.c) */
#define SIM_CMPXCHG_RET bool
#define SIM_CMPXCHG_RETURN(ok) return (ok)

#define MACHINE_HAS_RDP 0
#define get_lowcore() (&S390_lowcore)

/* L2's last fault as 6.12 records it: the TEID of asm/fault.h */
#include "teid.h"
struct thread_struct {
	unsigned long gmap_addr; /* host/sim's record, kept in gmap_teid */
	unsigned int gmap_write_flag;
	union teid gmap_teid;
	unsigned int gmap_int_code;
};
#define sim_base_fault_set(t)                                               \
	do {                                                                \
		(t)->gmap_teid.val = 0;                                     \
		(t)->gmap_teid.addr = (t)->gmap_addr >> PAGE_SHIFT;         \
		(t)->gmap_teid.fsi = (t)->gmap_write_flag ? TEID_FSI_STORE  \
							  : TEID_FSI_FETCH; \
	} while (0)

/* A page-table descriptor is its struct page, as in the kernel. */
struct ptdesc {
	unsigned long __page_flags;
	struct list_head pt_list;
	unsigned long pt_index;
};
_Static_assert(offsetof(struct ptdesc, pt_list) == offsetof(struct page, lru) &&
		       offsetof(struct ptdesc, pt_index) ==
			       offsetof(struct page, index),
	       "struct ptdesc overlays struct page");
#define page_ptdesc(p) ((struct ptdesc *)(p))
#define ptdesc_page(pt) ((struct page *)(pt))
#define virt_to_ptdesc(x) page_ptdesc(virt_to_page(x))
#define ptdesc_to_virt(pt) page_to_virt(ptdesc_page(pt))
#define pagetable_alloc(gfp, order) page_ptdesc(alloc_pages(gfp, order))
#define pagetable_free(pt) \
	__free_pages(ptdesc_page(pt), ptdesc_page(pt)->sim_order)
#define pagetable_pte_ctor(pt) true
#define pagetable_pte_dtor(pt) \
	do {                   \
	} while (0)
#define pagetable_pmd_ctor(pt) true
#define pagetable_pmd_dtor(pt) \
	do {                   \
	} while (0)
#define pmd_pgtable_page(pmd)                        \
	virt_to_page((void *)((unsigned long)(pmd) & \
			      ~(PTRS_PER_PMD * sizeof(pmd_t) - 1)))

/* A folio is its head page: flags first, as in struct page. */
struct folio {
	unsigned long flags;
};
#define page_folio(p) ((struct folio *)(p))
#define pfn_folio(pfn) page_folio(pfn_to_page(pfn))
#define folio_put(f) put_page((struct page *)(f))
#define pfn_swap_entry_folio(e) page_folio(pfn_swap_entry_to_page(e))

/* the page walk's lock and the fault API (COW unsharing, not reached) */
enum page_walk_lock { PGWALK_RDLOCK, PGWALK_WRLOCK, PGWALK_WRLOCK_VERIFY };
typedef unsigned int vm_fault_t;
#define VM_PFNMAP 0x400
#define VM_FAULT_OOM 0x1
#define VM_FAULT_ERROR VM_FAULT_OOM
#define FAULT_FLAG_REMOTE 0x80
#define FAULT_FLAG_UNSHARE 0x400
struct pt_regs;
static inline vm_fault_t handle_mm_fault(struct vm_area_struct *vma,
					 unsigned long addr, unsigned int flags,
					 struct pt_regs *regs)
{
	return VM_FAULT_OOM;
}
static inline bool is_cow_mapping(vm_flags_t flags)
{
	return false;
}
#define walk_page_range_vma(vma, start, end, ops, priv) (-EINVAL)
#define ksm_disable(mm) 0
#define zap_page_range_single(vma, addr, size, details) \
	zap_page_range(vma, addr, size)

/* secure (protected) guests: never on host/sim */
#define uv_convert_from_secure_pte(pte) \
	({                              \
		(void)(pte);            \
		0;                      \
	})
#define uv_destroy_pte(pte)  \
	({                   \
		(void)(pte); \
		0;           \
	})
static inline int uv_destroy_folio(struct folio *folio)
{
	return 0;
}

/* asm/page.h defines it from CONFIG_PAGE_SHIFT */
#undef PAGE_SHIFT

static inline long __atomic64_or_barrier(long val, void *ptr)
{
	return __atomic_fetch_or((long *)ptr, val, __ATOMIC_SEQ_CST);
}

#endif /* GMAPBENCH_SIM_SHIM_BASE_H */
