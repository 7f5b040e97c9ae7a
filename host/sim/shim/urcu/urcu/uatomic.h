/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim: liburcu's atomics the radix-tree harness uses (../urcu.h) */
#ifndef GMAPBENCH_SIM_URCU_UATOMIC_H
#define GMAPBENCH_SIM_URCU_UATOMIC_H
#define uatomic_inc(p) __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST)
#define uatomic_dec(p) __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST)
#define uatomic_read(p) __atomic_load_n(p, __ATOMIC_SEQ_CST)
#define uatomic_set(p, v) __atomic_store_n(p, v, __ATOMIC_SEQ_CST)
#endif
