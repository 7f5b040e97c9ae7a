/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake machine for the L1 tests: L1 memory is plain host memory, and SIE
 * runs L2 through an in-test DAT walker over L1's tables (no L0, no
 * shadow). It records every store so tests can check the order of writes.
 */
#ifndef GMAPBENCH_GUESTS_FAKE_PLATFORM_H
#define GMAPBENCH_GUESTS_FAKE_PLATFORM_H

#include "platform.h"

struct fake {
	struct l1_platform plat;
	uint8_t *mem;
	uint64_t size;
	uint64_t loads, stores, sies;
	/* the last stores to watch_addr, oldest first */
	uint64_t watch_addr;
	uint64_t watch_vals[8];
	unsigned int nr_watch;
};

/* heap: [heap_start, size) */
void fake_init(struct fake *f, uint64_t size, uint64_t heap_start, bool edat1,
	       bool edat2);
void fake_fini(struct fake *f);

/*
 * The test's own DAT walk of L1's tables: 0 and the L1 address, or the
 * program-interruption code. edat: 0, 1 (EDAT-1) or 2 (EDAT-1 and -2).
 */
int fake_translate(struct fake *f, uint64_t asce, uint64_t l2addr, int edat,
		   bool write, uint64_t *l1addr);

#endif
