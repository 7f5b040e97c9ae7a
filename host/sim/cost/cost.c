// SPDX-License-Identifier: GPL-2.0
/*
 * The count build's basic-block counter (cost.h): a table of the return
 * addresses of the trace-pc callbacks, open addressing, grown at half
 * full. This file itself is not instrumented.
 */
#include "cost.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost_syms.h"

const char *const cost_file_names[COST_NR_FILES] = {
	[COST_GMAP] = "gmap",	    [COST_PGTABLE] = "pgtable",
	[COST_PGALLOC] = "pgalloc", [COST_GACCESS] = "gaccess",
	[COST_VSIE] = "vsie",
};

struct cost_slot {
	uintptr_t pc; /* 0: free */
	uint64_t count;
	enum cost_file file;
};

static bool cost_on;
static struct cost_slot *cost_tab;
static size_t cost_size, cost_used; /* cost_size: a power of two */

static size_t cost_hash(uintptr_t pc, size_t size)
{
	return (size_t)(((uint64_t)pc * 0x9e3779b97f4a7c15ULL) >> 32) &
	       (size - 1);
}

static void cost_oom(void)
{
	fputs("gmapbench: count build: out of memory for the basic-block table\n",
	      stderr);
	abort();
}

static void cost_insert(struct cost_slot *tab, size_t size,
			const struct cost_slot *s)
{
	size_t i = cost_hash(s->pc, size);

	while (tab[i].pc)
		i = (i + 1) & (size - 1);
	tab[i] = *s;
}

static void cost_grow(void)
{
	size_t size = cost_size ? 2 * cost_size : 1 << 14, i;
	struct cost_slot *tab = calloc(size, sizeof(*tab));

	if (!tab)
		cost_oom();
	for (i = 0; i < cost_size; i++)
		if (cost_tab[i].pc)
			cost_insert(tab, size, &cost_tab[i]);
	free(cost_tab);
	cost_tab = tab;
	cost_size = size;
}

static inline __attribute__((always_inline)) void cost_hit(uintptr_t pc,
							   enum cost_file file)
{
	size_t i;

	if (__builtin_expect(!cost_on, 0))
		return;
	if (__builtin_expect(2 * (cost_used + 1) > cost_size, 0))
		cost_grow();
	i = cost_hash(pc, cost_size);
	for (;;) {
		struct cost_slot *s = &cost_tab[i];

		if (s->pc == pc) {
			s->count++;
			return;
		}
		if (!s->pc) {
			*s = (struct cost_slot){pc, 1, file};
			cost_used++;
			return;
		}
		i = (i + 1) & (cost_size - 1);
	}
}

/* the renamed __sanitizer_cov_trace_pc of each kernel object */
#define COST_CALLBACK(name, file)                                       \
	void cost_bb_##name(void);                                      \
	void cost_bb_##name(void)                                       \
	{                                                               \
		cost_hit((uintptr_t)__builtin_return_address(0), file); \
	}
COST_CALLBACK(gmap, COST_GMAP)
COST_CALLBACK(pgtable, COST_PGTABLE)
COST_CALLBACK(pgalloc, COST_PGALLOC)
COST_CALLBACK(gaccess, COST_GACCESS)
COST_CALLBACK(vsie, COST_VSIE)

void cost_start(void)
{
	cost_on = true;
}

void cost_stop(void)
{
	cost_on = false;
}

void cost_reset(void)
{
	if (cost_tab)
		memset(cost_tab, 0, cost_size * sizeof(*cost_tab));
	cost_used = 0;
}

static bool cost_is_vsie_function(const char *name)
{
	size_t i;

	for (i = 0; i < cost_nr_vsie_functions; i++)
		if (!strcmp(cost_vsie_functions[i], name))
			return true;
	return false;
}

static int cost_by_name(const void *a, const void *b)
{
	return strcmp(((const struct cost_func *)a)->name,
		      ((const struct cost_func *)b)->name);
}

static int cost_by_count(const void *a, const void *b)
{
	const struct cost_func *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

int cost_collect(struct cost_totals *t, char *err, size_t errlen)
{
	struct cost_func *f;
	size_t i, n = 0, k;

	memset(t, 0, sizeof(*t));
	if (cost_syms_load(err, errlen))
		return -1;
	f = calloc(cost_used + 1, sizeof(*f));
	if (!f)
		cost_oom();
	for (i = 0; i < cost_size; i++) {
		const struct cost_slot *s = &cost_tab[i];
		const char *name;

		if (!s->pc)
			continue;
		/* a return address: the block's call is just before it */
		name = cost_syms_function(s->pc - 1);
		if (!name)
			name = "(unknown)";
		/* our vSIE loop around vsie.c's functions is not the kernel */
		if (s->file == COST_VSIE && !cost_is_vsie_function(name))
			continue;
		t->total += s->count;
		t->file[s->file] += s->count;
		f[n++] = (struct cost_func){name, s->count};
	}
	/* one entry per function, most counted first */
	qsort(f, n, sizeof(*f), cost_by_name);
	for (i = 0, k = 0; i < n; i++) {
		if (k && !strcmp(f[k - 1].name, f[i].name))
			f[k - 1].count += f[i].count;
		else
			f[k++] = f[i];
	}
	qsort(f, k, sizeof(*f), cost_by_count);
	t->funcs = f;
	t->nfuncs = k;
	return 0;
}

void cost_totals_free(struct cost_totals *t)
{
	free(t->funcs);
	t->funcs = NULL;
	t->nfuncs = 0;
}
