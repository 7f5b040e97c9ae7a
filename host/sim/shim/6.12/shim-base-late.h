/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 6.12 shim after the real s390 headers (host/sim/shim/shim.h): the
 * DAT-entry unions moved to asm/dat-bits.h; the link needs vm_layout and
 * __ptep_rdp (weak: each user defines them, the linker keeps one).
 */
#ifndef GMAPBENCH_SIM_SHIM_BASE_LATE_H
#define GMAPBENCH_SIM_SHIM_BASE_LATE_H

#include "asm/dat-bits.h"
#include "asm/page-states.h"

/* the generic names host/sim/l0 uses, as 6.12 spells them */
#define set_pte_at(mm, addr, ptep, pte) set_ptes(mm, addr, ptep, pte, 1)
#define pte_mkwrite(pte, ...) pte_mkwrite_novma(pte)

/* asm/ptrace.h; kvm-s390.h with facility 75 (ESOP-2) installed */
#define PGM_INT_CODE_MASK 0x7f
static inline bool kvm_s390_cur_gmap_fault_is_write(void)
{
	return current->thread.gmap_int_code == 0x04 /* PGM_PROTECTION */ ||
	       current->thread.gmap_teid.fsi == TEID_FSI_STORE;
}

__attribute__((weak)) struct vm_layout vm_layout;
/* CMMA is off (as on 6.1's host/sim): no ESSA is issued */
__attribute__((weak)) int cmma_flag;
__attribute__((weak)) unsigned long essa(unsigned long paddr, unsigned char cmd)
{
	BUG();
	return 0;
}

/* RDP is not installed (MACHINE_HAS_RDP is 0) */
__attribute__((weak)) void __ptep_rdp(unsigned long addr, pte_t *ptep,
				      int local)
{
	BUG();
}

#endif /* GMAPBENCH_SIM_SHIM_BASE_LATE_H */
