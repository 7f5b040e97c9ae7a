/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SIE state description (SCB) fields this L1 uses, at the offsets of
 * the architecture (the same as struct kvm_s390_sie_block in Linux).
 */
#ifndef BM_SIE_H
#define BM_SIE_H

#include "bm.h"

struct bm_scb {
	uint32_t cpuflags; /* 0x000 */
	uint32_t prefix; /* 0x004: guest prefix, bits 1-18 */
	uint8_t r008[0x044 - 0x008];
	uint16_t lctl; /* 0x044 */
	int16_t icpua; /* 0x046 */
	uint32_t ictl; /* 0x048 */
	uint32_t eca; /* 0x04c */
	uint8_t icptcode; /* 0x050 */
	uint8_t icptstatus; /* 0x051 */
	uint16_t ihcpu; /* 0x052 */
	uint8_t r054; /* 0x054 */
	uint8_t iictl; /* 0x055 */
	uint16_t ipa; /* 0x056 */
	uint32_t ipb; /* 0x058 */
	uint8_t r05c[0x080 - 0x05c];
	uint64_t mso; /* 0x080 */
	uint64_t msl; /* 0x088 */
	struct psw gpsw; /* 0x090 */
	uint64_t gg14; /* 0x0a0 */
	uint64_t gg15; /* 0x0a8 */
	uint8_t r0b0[0x0cc - 0x0b0];
	uint16_t pgmilc; /* 0x0cc */
	uint16_t iprcc; /* 0x0ce */
	uint8_t r0d0[0x0e8 - 0x0d0];
	uint64_t tecmc; /* 0x0e8 */
	uint8_t r0f0[0x100 - 0x0f0];
	uint64_t gcr[16]; /* 0x100 */
	uint8_t r180[0x200 - 0x180];
} __attribute__((packed, aligned(512)));

_Static_assert(__builtin_offsetof(struct bm_scb, icptcode) == 0x50, "scb");
_Static_assert(__builtin_offsetof(struct bm_scb, ipa) == 0x56, "scb");
_Static_assert(__builtin_offsetof(struct bm_scb, gpsw) == 0x90, "scb");
_Static_assert(__builtin_offsetof(struct bm_scb, tecmc) == 0xe8, "scb");
_Static_assert(__builtin_offsetof(struct bm_scb, gcr) == 0x100, "scb");
_Static_assert(sizeof(struct bm_scb) == 0x200, "scb");

#define SCB_CPUSTAT_ZARCH 0x00000800
#define SCB_CPUSTAT_GED 0x00000004 /* guest EDAT-1 */
#define SCB_CPUSTAT_GED2 0x00000010 /* guest EDAT-2 */
#define SCB_ICPT_INST 0x04
#define SCB_ICPT_PROGI 0x08
#define SCB_ICPT_VALIDITY 0x20
#define SCB_IPA_DIAG 0x8300
#define ASCE_REAL_SPACE 0x20UL
#define PGM_OPERATION 0x01

/* Runs the probe guest; returns 0 after its DIAG intercept. */
uint64_t bm_sie_probe_run(struct bm_scb *scb);
void bm_scb_init(struct bm_scb *scb, uint64_t prefix, uint64_t pc);

#endif
