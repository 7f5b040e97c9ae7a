// SPDX-License-Identifier: GPL-2.0
/* TOD clock (STORE CLOCK FAST, bit 51 is one microsecond) and facilities */
#include "bm.h"

uint64_t bm_stckf(void)
{
	uint64_t tod;

	asm volatile("stckf %0" : "=Q"(tod) : : "cc");
	return tod;
}

uint64_t bm_tod_to_ns(uint64_t tod)
{
	/* ns = tod * 1000 / 4096 = tod * 125 / 512, without overflow */
	return (tod >> 9) * 125 + (((tod & 511) * 125) >> 9);
}

/* STORE FACILITY LIST EXTENDED: facility bit nr (0 is the leftmost). */
bool bm_facility(unsigned int nr)
{
	static uint64_t list[4];
	static bool stored;

	if (!stored) {
		register unsigned long r0 asm("0") = 3;

		asm volatile("stfle %0" : "=Q"(list), "+d"(r0) : : "cc");
		stored = true;
	}
	if (nr >= 256)
		return false;
	return (list[nr / 64] >> (63 - nr % 64)) & 1;
}
