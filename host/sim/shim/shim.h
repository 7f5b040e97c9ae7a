/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user-space kernel environment host/sim compiles the real s390 sources
 * in (gmap.c, pgtable.c, parts of pgalloc.c, gaccess.c, vsie.c). Force-
 * included (-include) before each of them and before host/sim's own L0
 * code. The generic kernel API comes from tools/include and
 * tools/testing/radix-tree; this file adds the s390 mm types the real
 * headers dereference (mm_struct, page, vma), the machine switches and the
 * prototypes of what host/sim/l0 implements; then it pulls in the real,
 * de-asm'ed s390 headers (build/VARIANT/gen-ENDIAN/asm).
 */
#ifndef GMAPBENCH_SIM_SHIM_H
#define GMAPBENCH_SIM_SHIM_H

#define CONFIG_64BIT 1
#define CONFIG_PGSTE 1
#define CONFIG_MMU 1
#define CONFIG_KVM 1
#define CONFIG_PHYS_ADDR_T_64BIT 1

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/bits.h>
#include <linux/bitops.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/rcupdate.h>
#include <linux/preempt.h>

/* ----------------------------------------------- fault injection hooks */
/*
 * host/sim/l0/inject.c: every spin lock of the kernel code (and of
 * host/sim's L0) goes through these, so that an L0 event can be fired
 * before a chosen acquisition inside a shadow operation; the kernel's
 * kzalloc() and radix_tree_preload() can fail on request, like
 * alloc_pages().
 */
void sim_spin_lock(spinlock_t *lock);
void sim_spin_unlock(spinlock_t *lock);
#undef spin_lock
#define spin_lock(x) sim_spin_lock(x)
#undef spin_unlock
#define spin_unlock(x) sim_spin_unlock(x)
void *sim_kzalloc(size_t size, gfp_t gfp);
#define kzalloc(size, gfp) sim_kzalloc(size, gfp)
/* the real one (tools/testing/radix-tree), and the one that can fail */
int(radix_tree_preload)(gfp_t gfp);
int sim_radix_tree_preload(gfp_t gfp);
#define radix_tree_preload(gfp) sim_radix_tree_preload(gfp)

/* ------------------------------------------------------------ compiler */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef fallthrough
#define fallthrough __attribute__((__fallthrough__))
#endif
#define __init
#define __initdata
#define __ro_after_init
#define __bootdata(x) x
#define __bootdata_preserved(x) x
#define EXPORT_SYMBOL(x)
#define EXPORT_SYMBOL_GPL(x)

/* A kernel warning is a simulation error: counted, the run goes on. */
void sim_kernel_warn(const char *file, int line, const char *cond);
#undef WARN_ON
#define WARN_ON(c)                                               \
	({                                                       \
		int __w = !!(c);                                 \
		if (__w)                                         \
			sim_kernel_warn(__FILE__, __LINE__, #c); \
		__w;                                             \
	})
#undef WARN_ON_ONCE
#define WARN_ON_ONCE(c) WARN_ON(c)
#define VM_BUG_ON(c) BUG_ON(c)
#define VM_WARN_ON(c) WARN_ON(c)

/* --------------------------------------------------------- scheduling */
#define cond_resched() \
	do {           \
	} while (0)
#define smp_processor_id() 0
#define might_sleep() \
	do {          \
	} while (0)
#define fatal_signal_pending(t) 0
#define cpu_relax() \
	do {        \
	} while (0)
#ifndef synchronize_rcu
#define synchronize_rcu() \
	do {              \
	} while (0)
#endif
#ifndef list_for_each_entry_rcu
#define list_for_each_entry_rcu(pos, head, member, ...) \
	list_for_each_entry(pos, head, member)
#endif
#ifndef list_add_rcu
#define list_add_rcu(n, h) list_add(n, h)
#define list_del_rcu(e) list_del(e)
#endif

#ifndef __GFP_ACCOUNT
#define __GFP_ACCOUNT 0
#endif
#ifndef GFP_KERNEL_ACCOUNT
#define GFP_KERNEL_ACCOUNT GFP_KERNEL
#endif
#ifndef GFP_ATOMIC
#define GFP_ATOMIC GFP_KERNEL
#endif

static inline void memset64(uint64_t *s, uint64_t v, size_t n)
{
	while (n--)
		*s++ = v;
}
static inline void atomic_dec(atomic_t *v)
{
	__atomic_sub_fetch(&v->counter, 1, __ATOMIC_SEQ_CST);
}
static inline void atomic_long_add(long i, atomic_long_t *v)
{
	__atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}
static inline void atomic_or(int i, atomic_t *v)
{
	__atomic_or_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}
static inline void atomic_andnot(int i, atomic_t *v)
{
	__atomic_and_fetch(&v->counter, ~i, __ATOMIC_SEQ_CST);
}

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define TASK_SIZE_MAX (-PAGE_SIZE)
#define TASK_SIZE TASK_SIZE_MAX

/* One CPU */
typedef struct {
	unsigned long bits[1];
} cpumask_t;
extern cpumask_t sim_cpu0_mask;
#define cpumask_of(cpu) (&sim_cpu0_mask)
static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
	return a->bits[0] == b->bits[0];
}
static inline void cpumask_copy(cpumask_t *d, const cpumask_t *s)
{
	*d = *s;
}

/* The DAT facilities of the simulated machine (host/sim/l0/machine.c) */
struct sim_facilities {
	int idte, tlb_lc, tlb_guest, esop, edat1, edat2;
};
extern struct sim_facilities sim_facilities;
#define MACHINE_HAS_IDTE (sim_facilities.idte)
#define MACHINE_HAS_TLB_LC (sim_facilities.tlb_lc)
#define MACHINE_HAS_TLB_GUEST (sim_facilities.tlb_guest)
#define MACHINE_HAS_ESOP (sim_facilities.esop)
#define MACHINE_HAS_EDAT1 (sim_facilities.edat1)
#define MACHINE_HAS_EDAT2 (sim_facilities.edat2)
#define MACHINE_HAS_NX 0

/* gmap_enable() stores the active gmap in the lowcore */
struct sim_lowcore {
	unsigned long gmap;
};
extern __thread struct sim_lowcore S390_lowcore;

/* ------------------------------------------------------------------ mm */
typedef struct {
	spinlock_t lock;
	cpumask_t cpu_attach_mask;
	atomic_t flush_count;
	unsigned int flush_mm;
	struct list_head pgtable_list;
	struct list_head gmap_list;
	unsigned long gmap_asce;
	unsigned long asce;
	unsigned long asce_limit;
	unsigned long vdso_base;
	atomic_t protected_count;
	unsigned int alloc_pgste : 1;
	unsigned int has_pgste : 1;
	unsigned int uses_skeys : 1;
	unsigned int uses_cmm : 1;
	unsigned int allow_gmap_hpage_1m : 1;
	unsigned int allow_cow_sharing : 1; /* 6.12 */
} mm_context_t;

struct mm_struct {
	mm_context_t context;
	void *pgd; /* s390-format top-level table of the host process */
	unsigned long def_flags;
	pthread_rwlock_t mmap_lock;
	cpumask_t cpu_mask;
};
#define mm_cpumask(mm) (&(mm)->cpu_mask)
extern struct mm_struct init_mm;

typedef unsigned long vm_flags_t;
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	struct mm_struct *vm_mm;
	vm_flags_t vm_flags;
	unsigned long vm_page_prot;
};

/* struct page: what gmap.c, pgtable.c and pgalloc.c use */
struct page {
	unsigned long flags;
	struct list_head lru;
	unsigned long index;
	atomic_t _refcount;
	spinlock_t ptl; /* split page-table lock */
	unsigned long sim_order; /* host/sim: order of the block it heads */
};
/* FLATMEM over the arena of host/sim/l0/arena.c (V=R: __pa(x) == x) */
extern __thread struct page *mem_map;
extern __thread unsigned long sim_arena_pfn0;
#define ARCH_PFN_OFFSET (sim_arena_pfn0)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
#define __free_page(p) __free_pages(p, 0)
void get_page(struct page *page);
void put_page(struct page *page);
#define PageDirty(p) 0
#define is_zero_pfn(pfn) 0
enum { PG_arch_1 = 1 };
#define pgtable_pmd_page_ctor(p) true
#define pgtable_pmd_page_dtor(p) \
	do {                     \
	} while (0)

#define mmap_read_lock(mm) pthread_rwlock_rdlock(&(mm)->mmap_lock)
#define mmap_read_unlock(mm) pthread_rwlock_unlock(&(mm)->mmap_lock)
#define mmap_write_lock(mm) pthread_rwlock_wrlock(&(mm)->mmap_lock)
#define mmap_write_unlock(mm) pthread_rwlock_unlock(&(mm)->mmap_lock)

#define FAULT_FLAG_WRITE 0x01
int fixup_user_fault(struct mm_struct *mm, unsigned long address,
		     unsigned int fault_flags, bool *unlocked);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
#define is_vm_hugetlb_page(vma) 0
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long size);

typedef struct {
	unsigned long val;
} swp_entry_t;
/* what differs between bases (struct thread_struct included) */
#include "shim-base.h"

struct task_struct {
	struct mm_struct *mm;
	struct thread_struct thread;
};
extern __thread struct task_struct sim_current_task;
#define current (&sim_current_task)
#define signal_pending(t) 0

extern unsigned long mio_wb_bit_mask;
int uv_destroy_owned_page(unsigned long paddr);
int uv_convert_owned_from_secure(unsigned long paddr);

/* ------------------------------------------ the real (de-asm'ed) headers */
#include "asm/page.h"

struct mmu_gather;
struct mm_walk;
struct mm_walk_ops {
	int (*pgd_entry)(void *, unsigned long, unsigned long,
			 struct mm_walk *);
	int (*pmd_entry)(pmd_t *pmd, unsigned long addr, unsigned long next,
			 struct mm_walk *walk);
	int (*pte_entry)(pte_t *pte, unsigned long addr, unsigned long next,
			 struct mm_walk *walk);
	int (*hugetlb_entry)(pte_t *pte, unsigned long hmask,
			     unsigned long addr, unsigned long next,
			     struct mm_walk *walk);
	int walk_lock; /* 6.12: enum page_walk_lock */
};
struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	pgd_t *pgd;
	struct vm_area_struct *vma;
	void *private;
};
int walk_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, const struct mm_walk_ops *ops,
		    void *private);
int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops,
		  void *private);
struct vma_iterator {
	struct mm_struct *mm;
	unsigned long index;
};
#define VMA_ITERATOR(name, mm_, addr) \
	struct vma_iterator name = {.mm = mm_, .index = addr}
struct vm_area_struct *vma_next(struct vma_iterator *vmi);
#define for_each_vma(vmi, vma) while ((vma = vma_next(&(vmi))) != NULL)

/* The host process page tables (host/sim/l0/hostmm.c) */
spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd);
pte_t *pte_alloc_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			  spinlock_t **ptlp);
pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			   spinlock_t **ptlp);
#define pte_unmap_unlock(pte, ptl) spin_unlock(ptl)
pte_t *get_locked_pte(struct mm_struct *mm, unsigned long addr,
		      spinlock_t **ptl);

#include "asm/pgtable.h"
#include "asm/pgalloc.h"
#include "asm/tlbflush.h"
#include "shim-base-late.h"

/*
 * Table origins are phys_addr_t on 6.12, which tools/include makes 32 bits
 * wide without CONFIG_PHYS_ADDR_T_64BIT: pointers would be truncated.
 */
_Static_assert(sizeof(phys_addr_t) == 8, "phys_addr_t must be 64 bits");
_Static_assert(sizeof(((pgd_t *)0)->pgd) == 8,
	       "region entries must be 64 bits");
_Static_assert(sizeof(((pte_t *)0)->pte) == 8,
	       "page-table entries must be 64 bits");
_Static_assert(sizeof(unsigned long) == 8, "host/sim needs an LP64 host");

#endif /* GMAPBENCH_SIM_SHIM_H */
