/* SPDX-License-Identifier: GPL-2.0 */
/* guests/l1's platform on bare metal (see platform-baremetal.c) */
#ifndef BM_PLATFORM_BAREMETAL_H
#define BM_PLATFORM_BAREMETAL_H

#include "platform.h"

/* The platform over this machine's memory; SIE probed on first use. */
struct l1_platform *bm_platform(void);
/* ,"sie":..,"sie_calls":..,..,"translations":[...] (leading comma) */
void bm_platform_json(void);

/* L2 addresses 0x0-0x1fff hold L2's lowcore and the L2 program (SIE). */
#define BM_L2_PROG_ADDR 0x1800UL

#endif
