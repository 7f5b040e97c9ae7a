/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry, interrupt entry points, the SIE call and the final disabled wait
 * of the bare-metal L1. QEMU's IPL starts us at 0x10000 in 64-bit mode.
 *
 * Program interrupts are either expected (bm_pgm_resume holds where to go
 * on, with every register as it was at the interrupt) or fatal (reported by
 * bm_pgm_fatal() in C). External interrupts only serve the SCLP
 * service signal.
 */
#include "lowcore.h"

	.section .init, "ax"
	.globl	_start
_start:
	sam64
	larl	%r15, __stack_top
	aghi	%r15, -STACK_FRAME
	xc	0(8, %r15), 0(%r15)
	/* clear .bss: a byte loop is fast enough for a few KiB */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
0:	clgr	%r2, %r3
	jnl	1f
	mvi	0(%r2), 0
	aghi	%r2, 1
	j	0b
1:	brasl	%r14, bm_main
	brasl	%r14, bm_halt

	/* QEMU copies the -append string here (its KERN_PARM_AREA) */
	.org	BM_CMDLINE_ADDR - 0x10000
	.globl	bm_cmdline
bm_cmdline:
	.fill	BM_CMDLINE_SIZE, 1, 0
	.org	0x800

	.text
/* void bm_halt(void): disabled wait at 0xfff, QEMU's "shut down" PSW */
	.globl	bm_halt
bm_halt:
	larl	%r1, .Lhalt_psw
	lpswe	0(%r1)
	.balign	8
.Lhalt_psw:
	.quad	0x0002000180000000, 0xfff

	.globl	bm_pgm_entry
bm_pgm_entry:
	stmg	%r0, %r15, LC_PGM_SAVE
	larl	%r1, bm_pgm_resume
	lg	%r2, 0(%r1)
	ltgr	%r2, %r2
	jz	1f
	mvghi	0(%r1), 0
	stg	%r2, LC_PGM_OLD_PSW + 8
	larl	%r1, bm_pgm_code
	llgh	%r3, LC_PGM_CODE
	stg	%r3, 0(%r1)
	larl	%r1, bm_pgm_tec
	mvc	0(8, %r1), LC_TRANS_EXC
	lmg	%r0, %r15, LC_PGM_SAVE
	lpswe	LC_PGM_OLD_PSW
1:	larl	%r15, __irq_stack_top
	aghi	%r15, -STACK_FRAME
	xc	0(8, %r15), 0(%r15)
	brasl	%r14, bm_pgm_fatal
	brasl	%r14, bm_halt

	.globl	bm_ext_entry
bm_ext_entry:
	stmg	%r0, %r15, LC_EXT_SAVE
	llgh	%r1, LC_EXT_CODE
	chi	%r1, EXT_SERVICE_SIGNAL
	jne	1f
	larl	%r1, bm_sclp_pending
	mvhi	0(%r1), 0
	/* back to where the enabled wait was, disabled and running */
1:	ni	LC_EXT_OLD_PSW, 0xfe
	ni	LC_EXT_OLD_PSW + 1, 0xfd
	lmg	%r0, %r15, LC_EXT_SAVE
	lpswe	LC_EXT_OLD_PSW

/* svc, machine check, I/O, restart: none is expected */
	.globl	bm_other_entry
bm_other_entry:
	stmg	%r0, %r15, LC_PGM_SAVE
	larl	%r15, __irq_stack_top
	aghi	%r15, -STACK_FRAME
	xc	0(8, %r15), 0(%r15)
	brasl	%r14, bm_other_fatal
	brasl	%r14, bm_halt

/*
 * uint64_t bm_sie64(void *scb, uint64_t gregs[14], uint64_t asce)
 * Runs SIE with CR1 = asce (the guest's memory) and guest r0-r13 from
 * gregs, stores them back at the exit. Returns 0 after an interception,
 * or the program-interruption code of a host fault (or of SIE itself,
 * operation exception 1 where there is no SIE); bm_pgm_tec then holds the
 * translation-exception identification.
 */
	.globl	bm_sie64
	.weak	bm_sie64		/* tests/fake_sie.c replaces it */
bm_sie64:
	stmg	%r6, %r15, 48(%r15)
	lgr	%r1, %r15
	aghi	%r15, -(STACK_FRAME + 24)
	stg	%r1, 0(%r15)
	stg	%r2, STACK_FRAME(%r15)
	stg	%r3, STACK_FRAME + 8(%r15)
	stg	%r4, STACK_FRAME + 16(%r15)
	lctlg	%c1, %c1, STACK_FRAME + 16(%r15)
	larl	%r1, bm_pgm_code
	mvghi	0(%r1), 0
	larl	%r1, bm_pgm_resume
	larl	%r0, .Lsie_exit
	stg	%r0, 0(%r1)
	lg	%r14, STACK_FRAME(%r15)
	lmg	%r0, %r13, 0(%r3)
	.insn	s, 0xb2140000, 0(%r14)		/* sie */
.Lsie_exit:
	lg	%r14, STACK_FRAME + 8(%r15)
	stmg	%r0, %r13, 0(%r14)
	larl	%r1, bm_pgm_resume
	mvghi	0(%r1), 0
	larl	%r1, bm_pgm_code
	lg	%r2, 0(%r1)
	lmg	%r6, %r15, STACK_FRAME + 24 + 48(%r15)
	br	%r14

	.section .note.GNU-stack, "", @progbits
