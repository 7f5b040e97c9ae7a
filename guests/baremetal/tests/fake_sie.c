// SPDX-License-Identifier: GPL-2.0
/*
 * A fake SIE for build/guests/l1-fakesie.elf: bm_sie64() (start.S, weak)
 * as vSIE would run the L2 program (l2prog.S) of the bare-metal platform,
 * with L2's accesses translated through L1's tables by QEMU's DAT (LRAG,
 * TPROT), so that platform-baremetal.c's SIE path runs under TCG:
 *  - the SIE probe guest ends in its DIAG 0x500 interception;
 *  - L2's prefix pages that do not translate: validity interception 0x37;
 *  - an access that does not translate: a host program interruption with
 *    its code and the TEC (page address, store bit);
 *  - the first and then every FAKE_SIE_ZERO_EVERY-th entry stops after half
 *    the accesses left (none before the prefix translates) with
 *    interception code 0 (what vSIE before 6.11 returned when a
 *    signal or an interrupt broke the run);
 *  - the run's end: the DIAG 0x500 interception.
 */
#include "sie.h"

#ifndef FAKE_SIE_ZERO_EVERY
#define FAKE_SIE_ZERO_EVERY 3
#endif
#define PAGE_MASK (~0xfffUL)
#define TEC_STORE 0x400UL

static uint64_t entries;

static void intercept_diag(struct bm_scb *scb, unsigned int code)
{
	scb->icptcode = SCB_ICPT_INST;
	scb->ipa = SCB_IPA_DIAG;
	scb->ipb = code << 16;
}

/* L2 address to L1 address; the program-interruption code or 0 */
static uint64_t translate(uint64_t asce, bool edat, uint64_t l2, bool write,
			  uint64_t *l1)
{
	struct l2_xlate t;

	bm_lra(asce, edat, l2, &t);
	if (t.cc)
		return t.exc ? t.exc : 0x05;
	if (write && t.tprot)
		return 0x04;
	*l1 = (t.r1 & PAGE_MASK) | (l2 & ~PAGE_MASK);
	return 0;
}

uint64_t bm_sie64(void *p, uint64_t g[14], uint64_t asce)
{
	struct bm_scb *scb = p;
	bool edat = bm_stctg(0) & CR0_EDAT, write = g[5] & 1;
	uint64_t l1, code, n = g[4];
	bool prefix_ok, stop = false;

	scb->icptcode = 0;
	if (asce == ASCE_REAL_SPACE) { /* the probe */
		intercept_diag(scb, 0x500);
		return 0;
	}
	prefix_ok = !translate(asce, edat, 0x0, false, &l1) &&
		    !translate(asce, edat, 0x1000, false, &l1);
	if (entries++ % FAKE_SIE_ZERO_EVERY == 0) {
		n = prefix_ok ? g[4] / 2 : 0;
		stop = true;
	} else if (!prefix_ok) {
		scb->icptcode = SCB_ICPT_VALIDITY;
		scb->ipb = 0x0037 << 16;
		return 0;
	}
	while (n--) {
		code = translate(asce, edat, g[2], write, &l1);
		if (code) {
			bm_pgm_tec =
				(g[2] & PAGE_MASK) | (write ? TEC_STORE : 0);
			return code;
		}
		if (write)
			*(volatile uint8_t *)l1 |= 0;
		else
			(void)*(volatile uint8_t *)l1;
		g[2] += g[3];
		g[4]--;
	}
	if (stop)
		return 0; /* interception code 0: stopped in the middle */
	intercept_diag(scb, 0x500);
	return 0;
}
