// SPDX-License-Identifier: GPL-2.0
/*
 * The DAT-entry unions of arch/s390/kvm/gaccess.c and union ctlreg0, as
 * kgen generated them for this host (re-laid-out on little-endian, as
 * written on s390x), decode known entries field by field. The values are
 * built from the architecture's bit numbers (bit 0 is 1 << 63).
 */
#include <stdint.h>

#include "tap.h"

#include "ctlreg0.h"
#include "dat_unions.h"

#define BIT(n) (1UL << (63 - (n))) /* architecture bit n */

int main(void)
{
	union asce asce = {.val = (0x123456UL << 12) | BIT(55) | BIT(58) |
				  (2UL << 2) | 3};
	union region1_table_entry r1 = {.val = (0xabcdeUL << 12) | BIT(54) |
					       (1UL << 6) | BIT(58) |
					       (3UL << 2) | 1};
	union region3_table_entry r3;
	union segment_table_entry ste;
	union page_table_entry pte;
	union vaddress va;
	union ctlreg0 cr0 = {.val = BIT(40)};

	tap_plan_unknown();
	tap_eq(sizeof(asce) + sizeof(r1) + sizeof(pte), 24,
	       "unions are doublewords");
	tap_eq(asce.origin, 0x123456, "asce: origin");
	tap_ok(asce.p && asce.r && !asce.g && !asce.s && !asce.x,
	       "asce: p and r set, g s x clear");
	tap_eq(asce.dt, 2, "asce: designation type region-second");
	tap_eq(asce.tl, 3, "asce: table length");

	tap_eq(r1.rto, 0xabcde, "region-first entry: origin");
	tap_ok(r1.p && r1.i, "region-first entry: p and i");
	tap_eq(r1.tf, 1, "region-first entry: table offset");
	tap_eq(r1.tt, 3, "region-first entry: table type");
	tap_eq(r1.tl, 1, "region-first entry: table length");

	r3.val = (0x5UL << 31) | BIT(53) | BIT(54) | BIT(58) | (1UL << 2);
	tap_eq(r3.fc, 1, "region-third entry: format control");
	tap_eq(r3.fc1.rfaa, 5, "region-third entry fc1: frame address");
	tap_ok(r3.fc1.p && r3.fc1.i && !r3.fc1.iep,
	       "region-third entry fc1: p, i, not iep");
	tap_eq(r3.tt, 1, "region-third entry: table type");
	r3.val = (0x777UL << 12) | (2UL << 6) | 3;
	tap_eq(r3.fc0.sto, 0x777, "region-third entry fc0: origin");
	tap_eq(r3.fc0.tf, 2, "region-third entry fc0: offset");
	tap_eq(r3.fc0.tl, 3, "region-third entry fc0: length");

	ste.val = (0x246UL << 11) | BIT(54) | BIT(59);
	tap_eq(ste.fc0.pto, 0x246, "segment entry fc0: page-table origin");
	tap_ok(ste.fc0.p && ste.cs && !ste.fc && !ste.i,
	       "segment entry: p, cs; not fc, not i");
	ste.val = (0x3fUL << 20) | BIT(53) | BIT(55) | BIT(58);
	tap_eq(ste.fc1.sfaa, 0x3f, "segment entry fc1: frame address");
	tap_ok(ste.fc && ste.fc1.iep && ste.i && !ste.fc1.p,
	       "segment entry fc1: fc, iep, i; not p");

	pte.val = (0xfedcbUL << 12) | BIT(52) | BIT(54);
	tap_eq(pte.pfra, 0xfedcb, "pte: frame");
	tap_ok(pte.z && pte.p && !pte.i && !pte.iep, "pte: z and p only");
	pte.val = BIT(53);
	tap_ok(pte.i && !pte.z && !pte.p, "pte: i only");

	va.addr = (1UL << 53) * 3 + (1UL << 42) * 5 + (1UL << 31) * 7 +
		  (1UL << 20) * 9 + (1UL << 12) * 11 + 13;
	tap_ok(va.rfx == 3 && va.rsx == 5 && va.rtx == 7 && va.sx == 9 &&
		       va.px == 11 && va.bx == 13,
	       "vaddress: rfx rsx rtx sx px bx");
	tap_eq(va.sx01, 0, "vaddress: sx01 (first two bits of sx)");

	tap_ok(cr0.edat && !cr0.lap && !cr0.afp, "ctlreg0: edat is bit 40");
	return tap_done();
}
