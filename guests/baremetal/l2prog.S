/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L2 program run under SIE: one run of strided accesses, then DIAG
 * 0x500 (an instruction interception). In: r2 address, r3 stride, r4
 * count, r5 flags (bit 1: stores). r2 and r4 change only after an access
 * completed, so after a host fault the run resumes from r2/r4 at the top.
 * Stores are OI 0 (the byte keeps its value: this very code may lie in a
 * page the run writes to). Position independent: copied into L2 memory.
 * L2's own program interruptions (its program new PSW points at
 * bm_l2prog_pgm) end in DIAG 0x501.
 */
	.text
	.balign	8
	.globl	bm_l2prog, bm_l2prog_end, bm_l2prog_pgm
bm_l2prog:
0:	ltgr	%r4, %r4
	jz	2f
	tmll	%r5, 1
	jnz	1f
	lg	%r0, 0(%r2)
	j	3f
1:	oi	0(%r2), 0
3:	agr	%r2, %r3
	aghi	%r4, -1
	j	0b
2:	diag	0, 0, 0x500
	j	2b
bm_l2prog_pgm:
	diag	0, 0, 0x501
	j	bm_l2prog_pgm
bm_l2prog_end:

	.section .note.GNU-stack, "", @progbits
