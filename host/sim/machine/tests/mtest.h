/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Synthetic real storage for the machine tests: a zeroed buffer that holds
 * real addresses 0 .. size-1, a bump allocator for DAT tables in it, and a
 * helper that builds the tables down to a 4 KiB mapping; the same in a
 * view of it (a guest's memory, mapped to real storage as the test likes).
 */
#ifndef GMAPBENCH_MACHINE_MTEST_H
#define GMAPBENCH_MACHINE_MTEST_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"

struct mtest_mem {
	uint8_t *buf;
	uint64_t size, next;
	struct dat_mem mem;
	/* a view (mtest_view()): its addresses live in real's storage */
	struct mtest_mem *real;
	uint64_t (*to_real)(uint64_t addr);
};

static void *mtest_ptr(void *ctx, uint64_t raddr, unsigned int len)
{
	struct mtest_mem *m = ctx;

	if (raddr >= m->size || m->size - raddr < len)
		return NULL;
	return m->buf + raddr;
}

static inline void mtest_init(struct mtest_mem *m, uint64_t size)
{
	m->buf = aligned_alloc(4096, size);
	if (!m->buf)
		abort();
	memset(m->buf, 0, size);
	m->size = size;
	m->next = 0x10000;
	m->mem.ptr = mtest_ptr;
	m->mem.ctx = m;
}

/*
 * Storage of size bytes whose addresses to_real() maps into real's storage
 * (e.g. a guest's memory): the helpers below build tables in it too, from
 * address next on.
 */
static inline void mtest_view(struct mtest_mem *v, struct mtest_mem *real,
			      uint64_t size, uint64_t next,
			      uint64_t (*to_real)(uint64_t addr))
{
	memset(v, 0, sizeof(*v));
	v->size = size;
	v->next = next;
	v->real = real;
	v->to_real = to_real;
}

static inline void mtest_fini(struct mtest_mem *m)
{
	free(m->buf);
}

static inline uint64_t *mtest_word(struct mtest_mem *m, uint64_t addr)
{
	uint64_t *p;

	if (m->real)
		return mtest_word(m->real, m->to_real(addr));
	p = mtest_ptr(m, addr, 8);
	if (!p)
		abort();
	return p;
}

static inline uint64_t mtest_get(struct mtest_mem *m, uint64_t addr)
{
	return *mtest_word(m, addr);
}

static inline void mtest_set(struct mtest_mem *m, uint64_t addr, uint64_t v)
{
	*mtest_word(m, addr) = v;
}

/* The table type bits that the entries of a table at level carry */
static inline uint64_t mtest_tt(unsigned int level)
{
	static const uint64_t tt[] = {DAT_TT_REGION1, DAT_TT_REGION2,
				      DAT_TT_REGION3, DAT_TT_SEGMENT};
	return tt[level];
}

/* A new table of level (DAT_LVL_*), every entry invalid. */
static inline uint64_t mtest_table(struct mtest_mem *m, unsigned int level)
{
	uint64_t n = level == DAT_LVL_PT ? 256 : 2048, t, i;

	m->next = (m->next + 4095) & ~4095ULL;
	t = m->next;
	m->next += n * 8;
	if (m->next > m->size)
		abort();
	for (i = 0; i < n; i++)
		mtest_set(m, t + i * 8,
			  level == DAT_LVL_PT
				  ? DAT_PTE_INVALID
				  : DAT_RTE_INVALID | mtest_tt(level));
	return t;
}

static inline unsigned int mtest_idx(uint64_t va, unsigned int level)
{
	static const unsigned int shift[] = {53, 42, 31, 20, 12};

	return (unsigned int)(va >> shift[level]) &
	       (level == DAT_LVL_PT ? 0xff : 0x7ff);
}

/* An ASCE of the given top level with a fresh table and full length */
static inline uint64_t mtest_asce(struct mtest_mem *m, unsigned int top)
{
	return mtest_table(m, top) | (uint64_t)(3 - top) << 2 | 3;
}

/*
 * Address (in m) of the entry for va at level, creating the tables above it
 * (valid, TF 0, TL 3) as needed. No entry above level may be a large frame
 * (its frame address would be taken for a table origin).
 */
static inline uint64_t mtest_entry(struct mtest_mem *m, uint64_t asce,
				   uint64_t va, unsigned int level)
{
	unsigned int l = 3 - (unsigned int)((asce & DAT_ASCE_DT_MASK) >> 2);
	uint64_t origin = asce & DAT_ASCE_ORIGIN, ea, e, t;

	for (;; l++) {
		ea = origin + mtest_idx(va, l) * 8ULL;
		if (l == level)
			return ea;
		e = mtest_get(m, ea);
		if (e & DAT_RTE_INVALID) {
			t = mtest_table(m, l + 1);
			e = l == DAT_LVL_SG ? t : t | mtest_tt(l) | 3;
			mtest_set(m, ea, e);
		}
		origin = e & (l == DAT_LVL_SG ? DAT_STE_PTO : DAT_RTE_ORIGIN);
	}
}

/* Maps the 4 KiB page of va to the frame at real, pte bits added */
static inline uint64_t mtest_map(struct mtest_mem *m, uint64_t asce,
				 uint64_t va, uint64_t real, uint64_t bits)
{
	uint64_t ea = mtest_entry(m, asce, va, DAT_LVL_PT);

	mtest_set(m, ea, (real & DAT_PTE_PFRA) | bits);
	return ea;
}

#endif /* GMAPBENCH_MACHINE_MTEST_H */
