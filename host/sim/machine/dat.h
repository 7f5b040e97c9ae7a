/* SPDX-License-Identifier: GPL-2.0 */
/*
 * z/Architecture dynamic address translation (DAT), written from the
 * Principles of Operation (SA22-7832, chapter 3 "Dynamic Address
 * Translation"), independent of the kernel headers it is used to check.
 *
 * Values are as software sees a doubleword: bit 63 of the architecture
 * (the rightmost bit) is the value 1, bit 0 is 1 << 63. Table entries are
 * kept in host byte order (the sim's tables are written by C code).
 * Prefixing is not modelled: real == absolute.
 */
#ifndef GMAPBENCH_MACHINE_DAT_H
#define GMAPBENCH_MACHINE_DAT_H

#include <stdbool.h>
#include <stdint.h>

/* Address-space-control element */
#define DAT_ASCE_ORIGIN 0xfffffffffffff000ULL /* bits 0-51 */
#define DAT_ASCE_REAL_SPACE 0x20ULL /* bit 58 R: no tables, real = vaddr */
#define DAT_ASCE_DT_MASK 0x0cULL /* bits 60-61 designation type */
#define DAT_ASCE_TL_MASK 0x03ULL /* bits 62-63 table length */
#define DAT_ASCE_PRIVATE 0x100ULL /* bit 55 P: private space */
#define DAT_DT_REGION1 0x0cULL
#define DAT_DT_REGION2 0x08ULL
#define DAT_DT_REGION3 0x04ULL
#define DAT_DT_SEGMENT 0x00ULL

/* Region-table entries (region-first, -second, -third) */
#define DAT_RTE_ORIGIN 0xfffffffffffff000ULL /* next table origin */
#define DAT_RTE_PROT 0x200ULL /* bit 54 P, when EDAT-1 applies */
#define DAT_RTE_TF_MASK 0xc0ULL /* bits 56-57 table offset */
#define DAT_RTE_INVALID 0x20ULL /* bit 58 I */
#define DAT_RTE_TT_MASK 0x0cULL /* bits 60-61 table type */
#define DAT_RTE_TL_MASK 0x03ULL /* bits 62-63 table length */
#define DAT_TT_REGION1 0x0cULL
#define DAT_TT_REGION2 0x08ULL
#define DAT_TT_REGION3 0x04ULL
#define DAT_TT_SEGMENT 0x00ULL
/* region-third entry with FC=1 (EDAT-2): a 2 GiB region frame */
#define DAT_R3E_FC 0x400ULL /* bit 53 format control */
#define DAT_R3E_RFAA 0xffffffff80000000ULL /* bits 0-32 */
#define DAT_R3E_CR 0x10ULL /* bit 59 common region (FC=1) */

/* Segment-table entries */
#define DAT_STE_PTO 0xfffffffffffff800ULL /* bits 0-52, FC=0 */
#define DAT_STE_SFAA 0xfffffffffff00000ULL /* bits 0-43, FC=1 */
#define DAT_STE_FC 0x400ULL /* bit 53, when EDAT-1 applies */
#define DAT_STE_PROT 0x200ULL /* bit 54 P */
#define DAT_STE_INVALID 0x20ULL /* bit 58 I */
#define DAT_STE_CS 0x10ULL /* bit 59 common segment */
#define DAT_STE_TT_MASK 0x0cULL /* bits 60-61, must be 00 */

/* Page-table entries */
#define DAT_PTE_PFRA 0xfffffffffffff000ULL /* bits 0-51 */
#define DAT_PTE_ZERO 0x800ULL /* bit 52: must be 0 */
#define DAT_PTE_INVALID 0x400ULL /* bit 53 I */
#define DAT_PTE_PROT 0x200ULL /* bit 54 P */
#define DAT_PTE_IEP 0x100ULL /* bit 55 instruction-execution prot. */

/* Virtual-address fields: index of each table, and the sizes they map */
#define DAT_RFX(va) (((va) >> 53) & 0x7ff) /* bits 0-10 */
#define DAT_RSX(va) (((va) >> 42) & 0x7ff) /* bits 11-21 */
#define DAT_RTX(va) (((va) >> 31) & 0x7ff) /* bits 22-32 */
#define DAT_SX(va) (((va) >> 20) & 0x7ff) /* bits 33-43 */
#define DAT_PX(va) (((va) >> 12) & 0xff) /* bits 44-51 */
#define DAT_PAGE_SIZE 0x1000ULL
#define DAT_SEGMENT_SIZE 0x100000ULL /* 1 MiB */
#define DAT_REGION3_SIZE 0x80000000ULL /* 2 GiB */
#define DAT_REGION2_SIZE 0x40000000000ULL /* 4 TiB */
#define DAT_REGION1_SIZE 0x20000000000000ULL /* 8 PiB */

/* Facilities that apply to a translation (installed AND enabled in CR0) */
#define DAT_EDAT1 0x1 /* EDAT-1: segment FC, region P */
#define DAT_EDAT2 0x2 /* EDAT-2: region-third FC (needs EDAT1) */

/* Program-interruption codes DAT recognizes */
#define DAT_PGM_PROTECTION 0x04
#define DAT_PGM_ADDRESSING 0x05
#define DAT_PGM_SEGMENT 0x10
#define DAT_PGM_PAGE 0x11
#define DAT_PGM_TRANS_SPEC 0x12
#define DAT_PGM_ASCE_TYPE 0x38
#define DAT_PGM_REGION1 0x39
#define DAT_PGM_REGION2 0x3a
#define DAT_PGM_REGION3 0x3b

/* The table levels of a walk, top to bottom */
enum dat_level {
	DAT_LVL_R1, /* region-first table entry */
	DAT_LVL_R2, /* region-second */
	DAT_LVL_R3, /* region-third */
	DAT_LVL_SG, /* segment */
	DAT_LVL_PT, /* page */
	DAT_NR_LEVELS
};
#define DAT_NO_ENTRY (~0ULL) /* entry[] of a level the walk did not use */

/*
 * Storage that DAT reads table entries from, by real address. ptr returns a
 * host pointer to len bytes at raddr, or NULL if raddr is not available
 * (addressing exception). dat_mem_vr is the V=R identity (raddr is the host
 * pointer), as in host/sim's arena.
 */
struct dat_mem {
	void *(*ptr)(void *ctx, uint64_t raddr, unsigned int len);
	void *ctx;
};
extern const struct dat_mem dat_mem_vr;

/* What a walk found. On an exception, fields below the faulting level hold
 * DAT_NO_ENTRY and fault_level names the table whose entry (or whose
 * index, for a length violation) raised it. */
struct dat_result {
	uint64_t raddr; /* real address of vaddr */
	uint64_t frame_size; /* DAT_PAGE_SIZE, _SEGMENT_SIZE or _REGION3_SIZE */
	bool prot; /* DAT protection from any level */
	uint8_t top; /* enum dat_level of the ASCE's table */
	uint8_t fault_level; /* enum dat_level, valid when the walk failed */
	uint64_t entry[DAT_NR_LEVELS]; /* real address of each entry used */
	uint64_t value[DAT_NR_LEVELS]; /* and its value as read */
};

/*
 * Translates vaddr by the tables that asce designates, reading entries
 * through mem (NULL: dat_mem_vr, fastest). edat is DAT_EDAT1|DAT_EDAT2 as
 * they apply. Returns 0 and fills *res, or the program-interruption code
 * (DAT_PGM_*) the architecture assigns, with res->fault_level set. Does not
 * check protection against an access: see dat_access().
 */
int dat_translate(uint64_t asce, uint64_t vaddr, unsigned int edat,
		  const struct dat_mem *mem, struct dat_result *res);

/* dat_translate() then, for a store, DAT_PGM_PROTECTION if res->prot. */
int dat_access(uint64_t asce, uint64_t vaddr, unsigned int edat, bool write,
	       const struct dat_mem *mem, struct dat_result *res);

/* The name of a DAT_PGM_* code ("page-translation", ...), "?" if unknown */
const char *dat_pgm_name(int pgm);
/* "region-first", ..., "page" */
const char *dat_level_name(unsigned int level);

#endif /* GMAPBENCH_MACHINE_DAT_H */
