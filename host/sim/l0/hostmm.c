// SPDX-License-Identifier: GPL-2.0
/*
 * L0's process that runs L1 (QEMU, on a real host): its page tables in
 * s390 format with PGSTEs (region-third top, as a 6.1 process below
 * 4 TiB has), one VMA holding L1's memory, and the page-fault handling the
 * gmap code calls: fixup_user_fault() faults anonymous pages in and breaks
 * write protection through the real ptep_xchg_direct(), where a PGSTE
 * notification bit fires ptep_notify() -> gmap_shadow_notify().
 */
#include "sim.h"

static pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr);

/* An L1 page L0 swapped out: its contents, until L1 touches it again */
struct sim_swapped {
	unsigned long vmaddr;
	struct page *page;
	struct sim_swapped *next;
};

struct mm_struct *sim_mm_create(struct gsim *g)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));
	struct page *page = alloc_pages(GFP_KERNEL, CRST_ALLOC_ORDER);
	unsigned long *pgd;

	if (!mm || !page) {
		free(mm);
		return NULL;
	}
	pgd = (unsigned long *)page_to_phys(page);
	crst_table_init(pgd, _REGION3_ENTRY_EMPTY);
	mm->pgd = pgd;
	mm->context.asce = __pa(pgd) | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS |
			   _ASCE_TYPE_REGION3;
	mm->context.asce_limit = _REGION2_SIZE;
	mm->context.has_pgste = 1;
	mm->context.alloc_pgste = 1;
	spin_lock_init(&mm->context.lock);
	INIT_LIST_HEAD(&mm->context.gmap_list);
	INIT_LIST_HEAD(&mm->context.pgtable_list);
	pthread_rwlock_init(&mm->mmap_lock, NULL);
	mm->cpu_mask = sim_cpu0_mask;
	mm->context.cpu_attach_mask = sim_cpu0_mask;
	return mm;
}

void sim_mm_destroy(struct gsim *g, struct mm_struct *mm)
{
	struct sim_swapped *s;

	while ((s = g->swapped)) {
		g->swapped = s->next;
		free(s);
	}
	pthread_rwlock_destroy(&mm->mmap_lock);
	pthread_mutex_destroy(&mm->context.lock);
	free(mm);
}

/* The PTE of addr in the process page tables, allocating tables on the way */
static pte_t *host_pte(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	pud_t *pud = pud_offset(p4d_offset(pgd_offset(mm, addr), addr), addr);
	pmd_t *pmd;

	if (pud_none(*pud)) {
		struct page *pg;
		unsigned long *sgt;

		if (!alloc)
			return NULL;
		pg = alloc_pages(GFP_KERNEL, CRST_ALLOC_ORDER);
		if (!pg)
			return NULL;
		sgt = (unsigned long *)page_to_phys(pg);
		crst_table_init(sgt, _SEGMENT_ENTRY_EMPTY);
		set_pud(pud, __pud(__pa(sgt) | _REGION3_ENTRY));
	}
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd)) {
		struct page *pg;

		if (!alloc)
			return NULL;
		/* 6.12 returns a ptdesc, its struct page */
		pg = (struct page *)page_table_alloc_pgste(mm);
		if (!pg)
			return NULL;
		sim_cur->host_pt[pg - sim_cur->mem_map] = 1;
		set_pmd(pmd, __pmd(page_to_phys(pg) | _SEGMENT_ENTRY));
	}
	return pte_offset_kernel(pmd, addr);
}

/* linux/pgtable.h's, for the s390 page-table layout */
static pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)(pmd_val(*pmd) & _SEGMENT_ENTRY_ORIGIN) +
	       ((addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1));
}

static spinlock_t *pte_lockptr(pte_t *ptep)
{
	return &virt_to_page(ptep)->ptl;
}

spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = &virt_to_page(pmd)->ptl;

	spin_lock(ptl);
	return ptl;
}

pte_t *pte_alloc_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			  spinlock_t **ptlp)
{
	pte_t *ptep;

	if (pmd_val(*pmd) & _SEGMENT_ENTRY_INVALID)
		return NULL;
	ptep = pte_offset_kernel(pmd, addr);
	*ptlp = pte_lockptr(ptep);
	spin_lock(*ptlp);
	return ptep;
}

pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			   spinlock_t **ptlp)
{
	return pte_alloc_map_lock(mm, pmd, addr, ptlp);
}

pte_t *get_locked_pte(struct mm_struct *mm, unsigned long addr,
		      spinlock_t **ptl)
{
	pte_t *ptep;

	sim_inject_l0_begin(sim_cur);
	ptep = host_pte(mm, addr, true);
	sim_inject_l0_end(sim_cur);
	if (!ptep)
		return NULL;
	*ptl = pte_lockptr(ptep);
	spin_lock(*ptl);
	return ptep;
}

/* The L1 page an arena page backs, for the oracle's messages */
static void set_l1_of_page(struct gsim *g, struct page *page,
			   unsigned long vmaddr)
{
	g->l1_of_page[page - g->mem_map] =
		vmaddr ? (vmaddr & PAGE_MASK) - SIM_L1_VMADDR + 1 : 0;
}

uint64_t sim_l1_of_l0(void *ctx, uint64_t l0real)
{
	struct gsim *g = ctx;
	uint64_t i = (l0real - g->base) >> PAGE_SHIFT;

	if (l0real < g->base || i >= g->pages || !g->l1_of_page[i])
		return ORACLE_NO_L1;
	return g->l1_of_page[i] - 1;
}

/* A swapped-out page comes back in the new frame page (a swap-in) */
static void swap_in(struct gsim *g, unsigned long vmaddr, struct page *page)
{
	struct sim_swapped **pp, *s;

	for (pp = &g->swapped; (s = *pp); pp = &s->next) {
		if (s->vmaddr != vmaddr)
			continue;
		copy_page(page_to_virt(page), page_to_virt(s->page));
		__free_pages(s->page, 0);
		*pp = s->next;
		free(s);
		return;
	}
}

/*
 * handle_mm_fault() for L1's anonymous memory. A first touch maps a new
 * zeroed page, dirty and writable (the simulated process never maps the
 * zero page, so a later store needs no copy-on-write). A store to a PTE
 * that is write-protected (by gmap_protect_rmap(), which also set the
 * PGSTE VSIE bit) takes do_wp_page()'s path: ptep_set_access_flags() ->
 * the real ptep_xchg_direct().
 */
static int do_fixup_user_fault(struct gsim *g, struct mm_struct *mm,
			       unsigned long address, unsigned int fault_flags);

/* L0's own memory management: no fault is injected in it (inject.c) */
int fixup_user_fault(struct mm_struct *mm, unsigned long address,
		     unsigned int fault_flags, bool *unlocked)
{
	struct gsim *g = sim_cur;
	int rc;

	sim_inject_l0_begin(g);
	rc = do_fixup_user_fault(g, mm, address, fault_flags);
	sim_inject_l0_end(g);
	return rc;
}

static int do_fixup_user_fault(struct gsim *g, struct mm_struct *mm,
			       unsigned long address, unsigned int fault_flags)
{
	pte_t *ptep, entry;
	spinlock_t *ptl;

	if (address < g->vma.vm_start || address >= g->vma.vm_end)
		return -EFAULT;
	ptep = host_pte(mm, address, true);
	if (!ptep)
		return -ENOMEM;
	ptl = pte_lockptr(ptep);
	spin_lock(ptl);
	entry = *ptep;
	if (pte_val(entry) & _PAGE_INVALID) {
		struct page *page = alloc_pages(GFP_KERNEL, 0);

		if (!page) {
			spin_unlock(ptl);
			return -ENOMEM;
		}
		swap_in(g, address, page);
		set_l1_of_page(g, page, address);
		entry = pte_mkyoung(pte_mkdirty(mk_pte(page, PAGE_SHARED)));
		set_pte_at(mm, address, ptep, entry);
	} else if ((fault_flags & FAULT_FLAG_WRITE) &&
		   (pte_val(entry) & _PAGE_PROTECT)) {
		pgste_t pgste =
			__pgste(*(unsigned long *)(ptep + PTRS_PER_PTE));

		if (g->in_l1_store && (pgste_val(pgste) & PGSTE_VSIE_BIT))
			g->c[SC_prot_faults]++;
		entry = pte_mkyoung(pte_mkdirty(pte_mkwrite(entry)));
		ptep_xchg_direct(mm, address, ptep, entry);
	}
	spin_unlock(ptl);
	return 0;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct gsim *g = sim_cur;

	if (addr >= g->vma.vm_start && addr < g->vma.vm_end)
		return &g->vma;
	return NULL;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct gsim *g = sim_cur;

	return addr < g->vma.vm_end ? &g->vma : NULL;
}

struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	struct gsim *g = sim_cur;

	if (vmi->index >= g->vma.vm_end)
		return NULL;
	vmi->index = g->vma.vm_end;
	return &g->vma;
}

/*
 * Clears the present PTE of vmaddr as try_to_unmap_one() and
 * zap_pte_range() do, by the real ptep_xchg_direct() (flushes; a PGSTE
 * VSIE bit fires ptep_notify()), and returns the page it mapped, or NULL.
 */
static struct page *unmap_page(struct gsim *g, unsigned long vmaddr)
{
	pte_t *ptep = host_pte(g->mm, vmaddr, false), old;
	spinlock_t *ptl;

	if (!ptep)
		return NULL;
	ptl = pte_lockptr(ptep);
	spin_lock(ptl);
	old = *ptep;
	if (!(pte_val(old) & _PAGE_INVALID))
		ptep_xchg_direct(g->mm, vmaddr, ptep, __pte(_PAGE_INVALID));
	spin_unlock(ptl);
	if (pte_val(old) & _PAGE_INVALID)
		return NULL;
	return virt_to_page((void *)(pte_val(old) & PAGE_MASK));
}

static void free_l1_page(struct gsim *g, struct page *page)
{
	set_l1_of_page(g, page, 0);
	__free_pages(page, 0);
}

/* The mm's unmap of anonymous memory, as gmap_discard() calls it */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long size)
{
	struct gsim *g = sim_cur;
	unsigned long a;
	struct page *page;

	for (a = start; a < start + size; a += PAGE_SIZE) {
		page = unmap_page(g, a);
		if (page)
			free_l1_page(g, page);
	}
}

static int swap_out(struct gsim *g, unsigned long vmaddr)
{
	struct sim_swapped *s = malloc(sizeof(*s));
	struct page *page;

	if (!s)
		return -ENOMEM;
	page = unmap_page(g, vmaddr);
	if (!page) {
		free(s);
		return 0;
	}
	set_l1_of_page(g, page, 0);
	*s = (struct sim_swapped){vmaddr, page, g->swapped};
	g->swapped = s;
	return 0;
}

/* migrate_pages(): unmap, copy into a new frame, map that */
static int migrate(struct gsim *g, unsigned long vmaddr)
{
	struct page *new = alloc_pages(GFP_KERNEL, 0), *old;
	pte_t *ptep, entry;
	spinlock_t *ptl;

	if (!new)
		return -ENOMEM;
	old = unmap_page(g, vmaddr);
	if (!old) {
		__free_pages(new, 0);
		return 0;
	}
	copy_page(page_to_virt(new), page_to_virt(old));
	free_l1_page(g, old);
	set_l1_of_page(g, new, vmaddr);
	ptep = host_pte(g->mm, vmaddr, false);
	ptl = pte_lockptr(ptep);
	spin_lock(ptl);
	entry = pte_mkyoung(pte_mkdirty(mk_pte(new, PAGE_SHARED)));
	set_pte_at(g->mm, vmaddr, ptep, entry);
	spin_unlock(ptl);
	return 0;
}

/* write_protect_page() of KSM, or dirty logging: flushed at once */
static void wrprotect(struct gsim *g, unsigned long vmaddr)
{
	pte_t *ptep = host_pte(g->mm, vmaddr, false), old;
	spinlock_t *ptl;

	if (!ptep)
		return;
	ptl = pte_lockptr(ptep);
	spin_lock(ptl);
	old = *ptep;
	if (!(pte_val(old) & (_PAGE_INVALID | _PAGE_PROTECT)))
		ptep_xchg_direct(g->mm, vmaddr, ptep, pte_wrprotect(old));
	spin_unlock(ptl);
}

int sim_l0_event(struct gsim *g, enum gsim_l0_event ev, uint64_t l1addr,
		 uint64_t len)
{
	unsigned long a, vm = SIM_L1_VMADDR + l1addr;
	int rc = 0;

	if (ev == GSIM_L0_DISCARD) {
		gmap_discard(g->gmap, l1addr, l1addr + len);
		return 0;
	}
	for (a = vm; a < vm + len && !rc; a += PAGE_SIZE) {
		switch (ev) {
		case GSIM_L0_SWAP:
			rc = swap_out(g, a);
			break;
		case GSIM_L0_MIGRATE:
			rc = migrate(g, a);
			break;
		case GSIM_L0_WRPROTECT:
			wrprotect(g, a);
			break;
		default:
			sim_error(g, "gsim_l0_event: unknown event %d", ev);
			return -EINVAL;
		}
	}
	return rc;
}

/* Paths the simulated L0 never takes (no KSM merging, no CMMA, no keys) */
int walk_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, const struct mm_walk_ops *ops,
		    void *private)
{
	sim_error(sim_cur, "walk_page_range: not simulated");
	return -EINVAL;
}

int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops,
		  void *private)
{
	sim_error(sim_cur, "walk_page_vma: not simulated");
	return -EINVAL;
}

int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags)
{
	return 0;
}

int uv_destroy_owned_page(unsigned long paddr)
{
	return 0;
}

int uv_convert_owned_from_secure(unsigned long paddr)
{
	return 0;
}
