// SPDX-License-Identifier: GPL-2.0
/*
 * The count build's basic-block counter (cost.h). cost.mk renames each
 * kernel object's .text to its own section, gmapcost_<file>, so the
 * linker's __start_/__stop_ symbols bound that file's code: a callback
 * counts its return address in the file's array of counters, one per
 * byte of code. This file itself is not instrumented.
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

/* the code of a file, and a counter per byte of it */
struct cost_section {
	const char *start, *stop;
	uint64_t *count;
};

#define COST_SECTION(name) \
	extern const char __start_gmapcost_##name[], __stop_gmapcost_##name[]
COST_SECTION(gmap);
COST_SECTION(pgtable);
COST_SECTION(pgalloc);
COST_SECTION(gaccess);
COST_SECTION(vsie);

static struct cost_section cost_sec[COST_NR_FILES] = {
	[COST_GMAP] = {__start_gmapcost_gmap, __stop_gmapcost_gmap},
	[COST_PGTABLE] = {__start_gmapcost_pgtable, __stop_gmapcost_pgtable},
	[COST_PGALLOC] = {__start_gmapcost_pgalloc, __stop_gmapcost_pgalloc},
	[COST_GACCESS] = {__start_gmapcost_gaccess, __stop_gmapcost_gaccess},
	[COST_VSIE] = {__start_gmapcost_vsie, __stop_gmapcost_vsie},
};
static bool cost_on;
static uint64_t cost_outside; /* return addresses out of their section */
static const char *cost_outside_pc; /* the first */

static void cost_alloc(void)
{
	int f;

	for (f = 0; f < COST_NR_FILES; f++) {
		struct cost_section *s = &cost_sec[f];

		if (s->count)
			continue;
		s->count = calloc(s->stop - s->start + 1, sizeof(*s->count));
		if (!s->count) {
			fputs("gmapbench: count build: out of memory\n",
			      stderr);
			abort();
		}
	}
}

static inline __attribute__((always_inline)) void cost_hit(const char *pc,
							   enum cost_file file,
							   const char *start,
							   const char *stop)
{
	size_t off = (size_t)(pc - start);

	if (__builtin_expect(!cost_on, 0))
		return;
	if (__builtin_expect(off <= (size_t)(stop - start), 1))
		cost_sec[file].count[off]++;
	else if (!cost_outside++)
		cost_outside_pc = pc;
}

/* the renamed __sanitizer_cov_trace_pc of each kernel object */
#define COST_CALLBACK(name, file)                                          \
	void cost_bb_##name(void);                                         \
	void cost_bb_##name(void)                                          \
	{                                                                  \
		cost_hit(__builtin_return_address(0), file,                \
			 __start_gmapcost_##name, __stop_gmapcost_##name); \
	}
COST_CALLBACK(gmap, COST_GMAP)
COST_CALLBACK(pgtable, COST_PGTABLE)
COST_CALLBACK(pgalloc, COST_PGALLOC)
COST_CALLBACK(gaccess, COST_GACCESS)
COST_CALLBACK(vsie, COST_VSIE)

void cost_start(void)
{
	cost_alloc();
	cost_on = true;
}

void cost_stop(void)
{
	cost_on = false;
}

void cost_reset(void)
{
	int f;

	cost_alloc();
	for (f = 0; f < COST_NR_FILES; f++)
		memset(cost_sec[f].count, 0,
		       (cost_sec[f].stop - cost_sec[f].start + 1) *
			       sizeof(*cost_sec[f].count));
	cost_outside = 0;
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
	struct cost_func *f = NULL;
	const char *name;
	size_t i, n = 0, k;
	int file;

	memset(t, 0, sizeof(*t));
	if (cost_syms_load(err, errlen))
		return -1;
	if (cost_outside) {
		name = cost_syms_function((uintptr_t)cost_outside_pc - 1);
		snprintf(
			err, errlen,
			"count build: %llu basic blocks outside the kernel's sections, the first in %s (host/sim/cost/cost.mk)",
			(unsigned long long)cost_outside,
			name ? name : "(unknown)");
		return -1;
	}
	cost_alloc();
	for (file = 0; file < COST_NR_FILES; file++) {
		const struct cost_section *s = &cost_sec[file];

		for (i = 0; i <= (size_t)(s->stop - s->start); i++) {
			if (!s->count[i])
				continue;
			/* a return address: the block's call is before it */
			name = cost_syms_function((uintptr_t)(s->start + i) -
						  1);
			if (!name)
				name = "(unknown)";
			/* our vSIE loop around vsie.c's functions is not the
			 * kernel's work */
			if (file == COST_VSIE && !cost_is_vsie_function(name))
				continue;
			t->total += s->count[i];
			t->file[file] += s->count[i];
			f = realloc(f, (n + 1) * sizeof(*f));
			if (!f) {
				snprintf(err, errlen,
					 "count build: out of memory");
				return -1;
			}
			f[n++] = (struct cost_func){name, s->count[i]};
		}
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
