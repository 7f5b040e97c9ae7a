/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim shim: FLATMEM over the simulator's arena */
/* clang-format takes (pfn) - X for a cast */
/* clang-format off */
#define page_to_pfn(page) ((unsigned long)((page) - mem_map) + ARCH_PFN_OFFSET)
#define pfn_to_page(pfn) (mem_map + ((pfn) - ARCH_PFN_OFFSET))
#define pfn_valid(pfn) ((pfn) >= ARCH_PFN_OFFSET)
/* clang-format on */
