/* SPDX-License-Identifier: GPL-2.0 */
/* z/Architecture lowcore offsets and the fixed addresses of the image. */
#ifndef BM_LOWCORE_H
#define BM_LOWCORE_H

#define LC_EXT_PARAMS 0x80
#define LC_EXT_CODE 0x86
#define LC_PGM_ILC 0x8c
#define LC_PGM_CODE 0x8e
#define LC_TRANS_EXC 0xa8
#define LC_EXT_OLD_PSW 0x130
#define LC_SVC_OLD_PSW 0x140
#define LC_PGM_OLD_PSW 0x150
#define LC_MCCK_OLD_PSW 0x160
#define LC_IO_OLD_PSW 0x170
#define LC_RESTART_NEW_PSW 0x1a0
#define LC_EXT_NEW_PSW 0x1b0
#define LC_SVC_NEW_PSW 0x1c0
#define LC_PGM_NEW_PSW 0x1d0
#define LC_MCCK_NEW_PSW 0x1e0
#define LC_IO_NEW_PSW 0x1f0
/* software save areas in the lowcore (0x200-0x2ff are free for programs) */
#define LC_PGM_SAVE 0x200
#define LC_EXT_SAVE 0x280

#define EXT_SERVICE_SIGNAL 0x2401
#define STACK_FRAME 160

#define BM_CMDLINE_ADDR 0x10480
#define BM_CMDLINE_SIZE 896

/* 64-bit addressing, everything else off (DAT, I/O, external, machine check) */
#define PSW_MASK_64 0x0000000180000000UL
#define PSW_MASK_EXT 0x0100000000000000UL
#define PSW_MASK_WAIT 0x0002000000000000UL

#endif
