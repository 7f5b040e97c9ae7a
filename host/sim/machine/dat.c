// SPDX-License-Identifier: GPL-2.0
/*
 * The DAT walk of z/Architecture (PoP chapter 3, "Translation Process"):
 * ASCE -> region-first/-second/-third -> segment -> page table, with the
 * table-length, table-offset, invalid, table-type and protection rules and
 * the EDAT-1 (1 MiB segment frame) and EDAT-2 (2 GiB region frame) formats.
 */
#include <stddef.h>
#include <string.h>

#include "dat.h"

static void *vr_ptr(void *ctx, uint64_t raddr, unsigned int len)
{
	return (void *)(uintptr_t)raddr;
}

const struct dat_mem dat_mem_vr = {.ptr = vr_ptr};

/* Bit position of the index each table level takes from the address. */
static const unsigned int dat_shift[DAT_NR_LEVELS] = {53, 42, 31, 20, 12};

/* The exception a missing or out-of-length entry of each table raises. */
static const int dat_level_pgm[DAT_NR_LEVELS] = {
	DAT_PGM_REGION1, DAT_PGM_REGION2, DAT_PGM_REGION3,
	DAT_PGM_SEGMENT, DAT_PGM_PAGE,
};

/* Table type each region/segment entry must carry (TT, bits 60-61). */
static const uint64_t dat_level_tt[DAT_LVL_PT] = {
	DAT_TT_REGION1,
	DAT_TT_REGION2,
	DAT_TT_REGION3,
	DAT_TT_SEGMENT,
};

static inline unsigned int dat_index(uint64_t va, unsigned int level)
{
	return (unsigned int)(va >> dat_shift[level]) &
	       (level == DAT_LVL_PT ? 0xff : 0x7ff);
}

static inline int dat_fail(struct dat_result *res, unsigned int level, int pgm)
{
	res->fault_level = (uint8_t)level;
	return pgm;
}

/*
 * The walk; direct: entries are read straight from raddr as a host pointer
 * (V=R), so that the compiler drops the callback in that instance.
 */
static inline __attribute__((always_inline)) int
dat_walk(uint64_t asce, uint64_t va, unsigned int edat,
	 const struct dat_mem *mem, const bool direct, struct dat_result *res)
{
	const bool edat1 = edat & DAT_EDAT1;
	const bool edat2 = edat1 && (edat & DAT_EDAT2);
	const bool private_space = asce & DAT_ASCE_PRIVATE;
	uint64_t origin = asce & DAT_ASCE_ORIGIN, e, eaddr;
	unsigned int level, idx;
	const uint64_t *p;

	res->prot = false;
	for (level = 0; level < DAT_NR_LEVELS; level++)
		res->entry[level] = res->value[level] = DAT_NO_ENTRY;

	if (asce & DAT_ASCE_REAL_SPACE) {
		/* real-space designation: the address is the real address */
		res->top = DAT_NR_LEVELS;
		res->raddr = va;
		res->frame_size = DAT_PAGE_SIZE;
		return 0;
	}

	/* The designation type names the top table; the address bits that
	 * would index tables above it must be zero (ASCE-type exception). */
	level = 3 - (unsigned int)((asce & DAT_ASCE_DT_MASK) >> 2);
	res->top = (uint8_t)level;
	if (level > DAT_LVL_R1 && (va >> (dat_shift[level] + 11)))
		return dat_fail(res, level, DAT_PGM_ASCE_TYPE);
	/* The top table's length (TL, in units of 512 entries) */
	if ((dat_index(va, level) >> 9) > (asce & DAT_ASCE_TL_MASK))
		return dat_fail(res, level, dat_level_pgm[level]);

	for (;; level++) {
		idx = dat_index(va, level);
		eaddr = origin + idx * 8ULL;
		if (direct) {
			p = (const uint64_t *)(uintptr_t)eaddr;
		} else {
			p = mem->ptr(mem->ctx, eaddr, 8);
			if (!p)
				return dat_fail(res, level, DAT_PGM_ADDRESSING);
		}
		e = *p;
		res->entry[level] = eaddr;
		res->value[level] = e;

		if (level == DAT_LVL_PT) {
			if (e & DAT_PTE_INVALID)
				return dat_fail(res, level, DAT_PGM_PAGE);
			if (e & DAT_PTE_ZERO)
				return dat_fail(res, level, DAT_PGM_TRANS_SPEC);
			if (e & DAT_PTE_PROT)
				res->prot = true;
			res->raddr = (e & DAT_PTE_PFRA) | (va & 0xfff);
			res->frame_size = DAT_PAGE_SIZE;
			return 0;
		}

		if (e & DAT_RTE_INVALID) /* same bit in segment entries */
			return dat_fail(res, level, dat_level_pgm[level]);
		if ((e & DAT_RTE_TT_MASK) != dat_level_tt[level])
			return dat_fail(res, level, DAT_PGM_TRANS_SPEC);

		if (level == DAT_LVL_SG) {
			if ((e & DAT_STE_CS) && private_space)
				return dat_fail(res, level, DAT_PGM_TRANS_SPEC);
			if (e & DAT_STE_PROT)
				res->prot = true;
			if (edat1 && (e & DAT_STE_FC)) {
				res->raddr = (e & DAT_STE_SFAA) |
					     (va & (DAT_SEGMENT_SIZE - 1));
				res->frame_size = DAT_SEGMENT_SIZE;
				return 0;
			}
			origin = e & DAT_STE_PTO;
			continue;
		}

		/* region-first, -second or -third entry */
		if (edat1 && (e & DAT_RTE_PROT))
			res->prot = true;
		if (level == DAT_LVL_R3 && edat2 && (e & DAT_R3E_FC)) {
			if ((e & DAT_R3E_CR) && private_space)
				return dat_fail(res, level, DAT_PGM_TRANS_SPEC);
			res->raddr = (e & DAT_R3E_RFAA) |
				     (va & (DAT_REGION3_SIZE - 1));
			res->frame_size = DAT_REGION3_SIZE;
			return 0;
		}
		/* The next table's offset and length (TF, TL) bound its
		 * index; outside, the next table's exception. */
		idx = dat_index(va, level + 1) >> 9;
		if (idx < ((e & DAT_RTE_TF_MASK) >> 6) ||
		    idx > (e & DAT_RTE_TL_MASK))
			return dat_fail(res, level + 1,
					dat_level_pgm[level + 1]);
		origin = e & DAT_RTE_ORIGIN;
	}
}

int dat_translate(uint64_t asce, uint64_t vaddr, unsigned int edat,
		  const struct dat_mem *mem, struct dat_result *res)
{
	if (!mem || mem == &dat_mem_vr)
		return dat_walk(asce, vaddr, edat, NULL, true, res);
	return dat_walk(asce, vaddr, edat, mem, false, res);
}

int dat_access(uint64_t asce, uint64_t vaddr, unsigned int edat, bool write,
	       const struct dat_mem *mem, struct dat_result *res)
{
	int rc = dat_translate(asce, vaddr, edat, mem, res);

	if (!rc && write && res->prot)
		return DAT_PGM_PROTECTION;
	return rc;
}

const char *dat_pgm_name(int pgm)
{
	switch (pgm) {
	case 0:
		return "none";
	case DAT_PGM_PROTECTION:
		return "protection";
	case DAT_PGM_ADDRESSING:
		return "addressing";
	case DAT_PGM_SEGMENT:
		return "segment-translation";
	case DAT_PGM_PAGE:
		return "page-translation";
	case DAT_PGM_TRANS_SPEC:
		return "translation-specification";
	case DAT_PGM_ASCE_TYPE:
		return "ASCE-type";
	case DAT_PGM_REGION1:
		return "region-first-translation";
	case DAT_PGM_REGION2:
		return "region-second-translation";
	case DAT_PGM_REGION3:
		return "region-third-translation";
	}
	return "?";
}

const char *dat_level_name(unsigned int level)
{
	static const char *const names[] = {"region-first", "region-second",
					    "region-third", "segment", "page"};

	return level < DAT_NR_LEVELS ? names[level] : "frame";
}
