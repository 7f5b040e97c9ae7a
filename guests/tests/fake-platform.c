// SPDX-License-Identifier: GPL-2.0
/* The fake machine of fake-platform.h, with its own DAT walker. */
#include <stdlib.h>
#include <string.h>

#include "fake-platform.h"

static int fake_load64(void *ctx, uint64_t a, uint64_t *v)
{
	struct fake *f = ctx;

	if (a % 8 || a + 8 > f->size)
		return -14;
	memcpy(v, f->mem + a, 8);
	f->loads++;
	return 0;
}

static int fake_store64(void *ctx, uint64_t a, uint64_t v)
{
	struct fake *f = ctx;

	if (a % 8 || a + 8 > f->size)
		return -14;
	memcpy(f->mem + a, &v, 8);
	f->stores++;
	if (a == f->watch_addr && f->nr_watch < 8)
		f->watch_vals[f->nr_watch++] = v;
	return 0;
}

static int fake_fill64(void *ctx, uint64_t a, uint64_t v, uint64_t n)
{
	uint64_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = fake_store64(ctx, a + 8 * i, v);
		if (rc)
			return rc;
	}
	return 0;
}

static uint64_t rd(struct fake *f, uint64_t a, int *rc)
{
	uint64_t v = 0;

	if (fake_load64(f, a, &v))
		*rc = 0x05; /* addressing */
	return v;
}

int fake_translate(struct fake *f, uint64_t asce, uint64_t va, int edat,
		   bool write, uint64_t *l1addr)
{
	/* shift of each level's index, its exception code, its table type */
	static const int shift[] = {53, 42, 31, 20};
	static const int pgm[] = {0x39, 0x3a, 0x3b, 0x10};
	int dt = (asce >> 2) & 3, top = 3 - dt, lvl, rc = 0;
	uint64_t table = asce & ~0xfffULL, e = 0;
	bool prot = false;

	/* addresses beyond the top table's reach: ASCE-type exception */
	if (top > 0 && (va >> (shift[top] + 11)))
		return 0x38;
	/* beyond the ASCE's table length: the top table's exception */
	if (((va >> shift[top]) & 0x7ff) >> 9 > (asce & 3))
		return pgm[top];
	for (lvl = top; lvl < 4; lvl++) {
		e = rd(f, table + 8 * ((va >> shift[lvl]) & 0x7ff), &rc);
		if (rc)
			return rc;
		if (e & 0x20)
			return pgm[lvl];
		if (((e >> 2) & 3) != (uint64_t)(3 - lvl))
			return 0x12; /* table type mismatch */
		if ((lvl == 3 || edat >= 1) && (e & 0x200))
			prot = true;
		if (lvl == 2 && edat >= 2 && (e & 0x400)) {
			*l1addr = (e & 0xffffffff80000000ULL) |
				  (va & 0x7fffffffULL);
			goto frame;
		}
		if (lvl == 3 && edat >= 1 && (e & 0x400)) {
			*l1addr = (e & 0xfffffffffff00000ULL) | (va & 0xfffff);
			goto frame;
		}
		/* a region entry's table offset and length bound the
		 * index into the table it designates */
		if (lvl < 3) {
			uint64_t nx = ((va >> shift[lvl + 1]) & 0x7ff) >> 9;

			if (nx < ((e >> 6) & 3) || nx > (e & 3))
				return pgm[lvl + 1];
		}
		table = lvl == 3 ? e & ~0x7ffULL : e & ~0xfffULL;
	}
	e = rd(f, table + 8 * ((va >> 12) & 0xff), &rc);
	if (rc)
		return rc;
	if (e & 0x400)
		return 0x11;
	if (e & 0x800)
		return 0x12;
	if (e & 0x200)
		prot = true;
	*l1addr = (e & ~0xfffULL) | (va & 0xfff);
frame:
	if (*l1addr >= f->size)
		return 0x05;
	return write && prot ? 0x04 : 0;
}

static int fake_sie(void *ctx, struct l1_sie *s)
{
	struct fake *f = ctx;
	int edat = s->cr0_edat ? (f->plat.edat2 ? 2 : f->plat.edat1) : 0;
	uint64_t l1addr;
	int pgm;

	f->sies++;
	s->accesses = 0;
	for (; s->run < s->nr_runs; s->run++, s->done = 0) {
		const struct l1_l2_run *r = &s->runs[s->run];
		bool w = r->flags & L1_RUN_WRITE;

		for (; s->done < r->count; s->done++) {
			uint64_t a = r->addr + s->done * r->stride;

			pgm = fake_translate(f, s->asce, a, edat, w, &l1addr);
			if (pgm) {
				s->exit = L1_EXIT_PGM;
				s->pgm_code = pgm;
				s->trans_exc_addr = a & ~0xfffULL;
				s->write = w;
				return 0;
			}
			s->accesses++;
		}
	}
	s->exit = L1_EXIT_DONE;
	return 0;
}

void fake_init(struct fake *f, uint64_t size, uint64_t heap_start, bool edat1,
	       bool edat2)
{
	memset(f, 0, sizeof(*f));
	f->mem = calloc(1, size);
	f->size = size;
	f->watch_addr = ~0ULL;
	f->plat = (struct l1_platform){
		.ctx = f,
		.mem_bytes = size,
		.heap_start = heap_start,
		.heap_end = size,
		.edat1 = edat1,
		.edat2 = edat2,
		.load64 = fake_load64,
		.store64 = fake_store64,
		.fill64 = fake_fill64,
		.sie = fake_sie,
	};
}

void fake_fini(struct fake *f)
{
	free(f->mem);
	f->mem = NULL;
}
