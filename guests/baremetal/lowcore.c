// SPDX-License-Identifier: GPL-2.0
/* New PSWs and control registers. */
#include "bm.h"

static void set_new_psw(unsigned long at, void (*handler)(void))
{
	volatile struct psw *psw = (volatile struct psw *)at;

	psw->mask = PSW_MASK_64;
	psw->addr = (uint64_t)handler;
}

uint64_t bm_stctg(int cr)
{
	uint64_t v;

	/* the register number is part of the instruction */
	switch (cr) {
#define STCTG(n)                                                        \
	case n:                                                         \
		asm volatile("stctg %%c" #n ",%%c" #n ",%0" : "=Q"(v)); \
		break
		STCTG(0);
		STCTG(1);
		STCTG(7);
		STCTG(13);
#undef STCTG
	default:
		bm_fatal("stctg: control register", cr, 0);
	}
	return v;
}

void bm_lctlg(int cr, uint64_t val)
{
	switch (cr) {
#define LCTLG(n)                                            \
	case n:                                             \
		asm volatile("lctlg %%c" #n ",%%c" #n ",%0" \
			     :                              \
			     : "Q"(val)                     \
			     : "memory");                   \
		break
		LCTLG(0);
		LCTLG(1);
		LCTLG(7);
		LCTLG(13);
#undef LCTLG
	default:
		bm_fatal("lctlg: control register", cr, 0);
	}
}

void bm_lowcore_init(void)
{
	set_new_psw(LC_RESTART_NEW_PSW, bm_other_entry);
	set_new_psw(LC_EXT_NEW_PSW, bm_ext_entry);
	set_new_psw(LC_SVC_NEW_PSW, bm_other_entry);
	set_new_psw(LC_PGM_NEW_PSW, bm_pgm_entry);
	set_new_psw(LC_MCCK_NEW_PSW, bm_other_entry);
	set_new_psw(LC_IO_NEW_PSW, bm_other_entry);
	/* only the service signal may interrupt, and only in our waits */
	bm_lctlg(0, (bm_stctg(0) & ~0xffffUL) | CR0_SSM);
}
