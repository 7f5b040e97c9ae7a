// SPDX-License-Identifier: GPL-2.0
/*
 * L0 memory: an arena addressed V=R (a real address is the host pointer,
 * as __pa(x) == x on s390), its struct page array (FLATMEM) and a buddy-
 * less page allocator: free lists per order over a bump pointer. Blocks
 * are naturally aligned, as CRST tables (order 2) need. An allocation of
 * the kernel's shadow code fails on request (inject.c).
 */
#include <sys/mman.h>

#include "sim.h"

/*
 * The struct page array is calloc'ed: where an all-zero mutex is the
 * default one (glibc), its locks need no initialization per page.
 */
static bool sim_zero_mutex_ok;

static void sim_check_zero_mutex(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, zero;

	memset(&zero, 0, sizeof(zero));
	sim_zero_mutex_ok = !memcmp(&m, &zero, sizeof(m));
}

int sim_arena_init(struct gsim *g, uint64_t bytes)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	size_t align = 1UL << (PAGE_SHIFT + SIM_MAX_ORDER);
	unsigned long i;

	pthread_once(&once, sim_check_zero_mutex);
	g->map_len = bytes + align;
	/*
	 * Anywhere: the TLB hashes origins relative to the arena's base
	 * (tlb.origin_base), so no count depends on this address.
	 */
	g->map = mmap(NULL, g->map_len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (g->map == MAP_FAILED)
		return -ENOMEM;
	g->base = ((unsigned long)g->map + align - 1) & ~(align - 1);
	g->pages = bytes >> PAGE_SHIFT;
	g->next = 0;
	g->mem_map = calloc(g->pages, sizeof(struct page));
	if (!g->mem_map) {
		munmap(g->map, g->map_len);
		return -ENOMEM;
	}
	for (i = 0; i <= SIM_MAX_ORDER; i++)
		INIT_LIST_HEAD(&g->free_list[i]);
	sim_enter(g);
	return 0;
}

void sim_arena_free(struct gsim *g)
{
	unsigned long i;

	if (!g->mem_map)
		return;
	for (i = 0; i < g->next; i++)
		pthread_mutex_destroy(&g->mem_map[i].ptl);
	free(g->mem_map);
	munmap(g->map, g->map_len);
	g->mem_map = NULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct gsim *g = sim_cur;
	struct page *page;
	unsigned long i;

	BUG_ON(order > SIM_MAX_ORDER);
	if (sim_inject_alloc_fails(g))
		return NULL;
	if (!list_empty(&g->free_list[order])) {
		page = list_first_entry(&g->free_list[order], struct page, lru);
		list_del(&page->lru);
		/* fresh arena pages are zero (mmap); reused ones are not */
		memset((void *)page_to_phys(page), 0, PAGE_SIZE << order);
	} else {
		unsigned long n = 1UL << order;

		g->next = (g->next + n - 1) & ~(n - 1);
		if (g->next + n > g->pages)
			return NULL;
		page = &g->mem_map[g->next];
		if (!sim_zero_mutex_ok)
			for (i = 0; i < n; i++)
				pthread_mutex_init(&page[i].ptl, NULL);
		g->next += n;
	}
	page->index = 0;
	page->sim_order = order;
	INIT_LIST_HEAD(&page->lru);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	struct gsim *g = sim_cur;

	if (page->sim_order != order)
		sim_error(g, "free of a page of order %lu as order %u",
			  page->sim_order, order);
	list_add(&page->lru, &g->free_list[order]);
}

void get_page(struct page *page)
{
}

void put_page(struct page *page)
{
}
