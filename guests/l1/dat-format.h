/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAT table formats as L1 writes them, from the z/Architecture Principles
 * of Operation (SA22-7832), chapter 3. Bit numbers are the architecture's
 * (bit 0 leftmost of a doubleword); values as a uint64_t holds them.
 */
#ifndef GMAPBENCH_L1_DAT_FORMAT_H
#define GMAPBENCH_L1_DAT_FORMAT_H

/* ASCE: table origin bits 0-51, DT bits 60-61, TL bits 62-63 */
#define L1_ASCE_ORIGIN 0xfffffffffffff000ULL
#define L1_ASCE_DT_R1 0x0cULL
#define L1_ASCE_DT_R2 0x08ULL
#define L1_ASCE_DT_R3 0x04ULL
#define L1_ASCE_DT_SG 0x00ULL
#define L1_ASCE_TL_FULL 0x03ULL /* 4 x 512 entries: the whole table */

/* Region-table entries: origin 0-51, TF 56-57, I 58, TT 60-61, TL 62-63 */
#define L1_RTE_ORIGIN 0xfffffffffffff000ULL
#define L1_RTE_FC 0x400ULL /* bit 53, region-third, EDAT-2 */
#define L1_RTE_PROT 0x200ULL /* bit 54, EDAT-1 */
#define L1_RTE_INVALID 0x20ULL /* bit 58 */
#define L1_RTE_TT_R1 0x0cULL
#define L1_RTE_TT_R2 0x08ULL
#define L1_RTE_TT_R3 0x04ULL
#define L1_RTE_TL_FULL 0x03ULL
#define L1_RTE_TF_SHIFT 6 /* bits 56-57: first 4 KiB of the table used */
#define L1_RTE_TF_MASK 0xc0ULL
#define L1_R3E_RFAA 0xffffffff80000000ULL /* bits 0-32, FC=1 */

/* Segment-table entries: PTO 0-52 (FC=0) or SFAA 0-43 (FC=1) */
#define L1_STE_PTO 0xfffffffffffff800ULL
#define L1_STE_SFAA 0xfffffffffff00000ULL
#define L1_STE_FC 0x400ULL /* bit 53, EDAT-1 */
#define L1_STE_PROT 0x200ULL /* bit 54 */
#define L1_STE_INVALID 0x20ULL /* bit 58 */
#define L1_STE_TT 0x00ULL /* bits 60-61: 00 */

/* Page-table entries: PFRA 0-51, I 53, P 54 */
#define L1_PTE_PFRA 0xfffffffffffff000ULL
#define L1_PTE_INVALID 0x400ULL
#define L1_PTE_PROT 0x200ULL

/* Indexes of an L2 address into each table, and what an entry maps */
#define L1_RFX(a) (((a) >> 53) & 0x7ff)
#define L1_RSX(a) (((a) >> 42) & 0x7ff)
#define L1_RTX(a) (((a) >> 31) & 0x7ff)
#define L1_SX(a) (((a) >> 20) & 0x7ff)
#define L1_PX(a) (((a) >> 12) & 0xff)
#define L1_PAGE_SIZE 0x1000ULL
#define L1_SEG_SIZE 0x100000ULL
#define L1_R3_SIZE 0x80000000ULL
#define L1_R2_SIZE 0x40000000000ULL
#define L1_R1_SIZE 0x20000000000000ULL

#define L1_CRST_ENTRIES 2048
#define L1_CRST_BYTES 0x4000ULL
#define L1_PT_ENTRIES 256
#define L1_PT_BYTES 0x800ULL

/* Program-interruption codes a host-translation fault may reflect */
#define L1_PGM_PROTECTION 0x04
#define L1_PGM_ADDRESSING 0x05
#define L1_PGM_SEGMENT 0x10
#define L1_PGM_PAGE 0x11
#define L1_PGM_TRANS_SPEC 0x12
#define L1_PGM_ASCE_TYPE 0x38
#define L1_PGM_REGION1 0x39
#define L1_PGM_REGION2 0x3a
#define L1_PGM_REGION3 0x3b

#endif /* GMAPBENCH_L1_DAT_FORMAT_H */
