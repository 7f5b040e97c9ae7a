/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Synchronous RCU for every host/sim build: the part of liburcu's API the
 * radix tree and its test harness use, for one thread per machine. There
 * are no concurrent readers, so a grace period is empty and call_rcu()
 * runs the callback at once: rcu_barrier() has nothing to wait for (with
 * liburcu it waited about 10 ms a machine for the call_rcu thread), and
 * s390x, which has no liburcu package, builds the same code.
 */
#ifndef GMAPBENCH_SIM_URCU_H
#define GMAPBENCH_SIM_URCU_H

#include <urcu/uatomic.h>

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

/* clang-format off */
#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
#define rcu_register_thread() do { } while (0)
#define rcu_unregister_thread() do { } while (0)
#define rcu_barrier() do { } while (0)
/* tools/include/linux/kernel.h, included first, defines it empty too */
#ifndef synchronize_rcu
#define synchronize_rcu() do { } while (0)
#endif
/* clang-format on */
#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_CONSUME)
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define rcu_cmpxchg_pointer(p, o, n) __sync_val_compare_and_swap(p, o, n)

static inline void call_rcu(struct rcu_head *head,
			    void (*func)(struct rcu_head *head))
{
	func(head);
}

#endif
