/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the 6.1 base's sources need of the shim beyond host/sim/shim/shim.h
 * (included from it, before the real s390 headers; shim-base-late.h after
 * them).
 */
#ifndef GMAPBENCH_SIM_SHIM_BASE_H
#define GMAPBENCH_SIM_SHIM_BASE_H

/* cspg() and crdte() return nothing (host/sim/l0/instr.c) */
#define SIM_CMPXCHG_RET void
#define SIM_CMPXCHG_RETURN(ok) \
	do {                   \
		(void)(ok);    \
		return;        \
	} while (0)

/* L2's last fault: address, write flag and code (vsie.c handle_fault()) */
struct thread_struct {
	unsigned long gmap_addr;
	unsigned int gmap_write_flag;
	unsigned int gmap_int_code;
};
#define sim_base_fault_set(t) \
	do {                  \
	} while (0)

#endif /* GMAPBENCH_SIM_SHIM_BASE_H */
