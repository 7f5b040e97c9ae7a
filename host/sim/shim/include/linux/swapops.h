/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim shim: the simulated host never swaps, so no swap entry occurs */
#ifndef GMAPBENCH_SHIM_SWAPOPS_H
#define GMAPBENCH_SHIM_SWAPOPS_H
/* one-line stubs */
/* clang-format off */
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS };
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t e = { pte_val(pte) };

	return e;
}
static inline int non_swap_entry(swp_entry_t e) { return 1; }
static inline int is_migration_entry(swp_entry_t e) { return 0; }
static inline struct page *pfn_swap_entry_to_page(swp_entry_t e)
{
	BUG();
	return NULL;
}
static inline int mm_counter(const void *page_or_folio) { return MM_ANONPAGES; }
static inline void dec_mm_counter(struct mm_struct *mm, int member) { }
static inline int free_swap_and_cache(swp_entry_t e) { return 0; }
/* clang-format on */
#endif
