/* SPDX-License-Identifier: GPL-2.0 */
/*
 * host/sim's L0: the state of one simulated machine (struct gsim) shared by
 * the files of host/sim/l0. Compiled with the kernel shim (shim.h, kvm.h)
 * force-included, like the kernel sources it runs.
 */
#ifndef GMAPBENCH_SIM_L0_H
#define GMAPBENCH_SIM_L0_H

#include "gsim.h"
#include "oracle.h"
#include "tlb.h"

#define SIM_MAX_ORDER 9 /* up to 2 MiB blocks; a 1 MiB segment is order 8 */
/* where L0's process maps L1's memory (host virtual, 1 MiB aligned) */
#define SIM_L1_VMADDR (1UL << 40)

/*
 * Our own code in a kernel object (vsie_loop.c holds vsie.c's): not counted
 * in the count build (host/sim/cost/cost.mk), no basic-block callback.
 */
#if __has_attribute(no_sanitize_coverage)
#define SIM_NOT_COUNTED __attribute__((no_sanitize_coverage))
#else
#define SIM_NOT_COUNTED
#endif

/* own counters, those the kernel's statistics and the TLB do not give */
enum sim_counter {
	SC_vsie_entries,
	SC_exits_l0,
	SC_exits_l1,
	SC_prot_faults,
	SC_unshadow_pte,
	SC_unshadow_pgt,
	SC_unshadow_sgt,
	SC_unshadow_r3t,
	SC_unshadow_r2t,
	SC_unshadow_full,
	SC_oracle_mismatches,
	SC_kernel_warnings,
	SC_NR
};

/* inject.c: what gsim_inject() armed, and where the run is */
struct sim_inject {
	struct gsim_inject arm;
	uint64_t prng; /* ENOMEM_RATE's state (splitmix64) */
	uint64_t count; /* allocations or lock acquisitions seen since armed */
	/* the kernel's shadow code runs (vsie_loop.c sets it) */
	bool in_op;
	/* L0's own memory management, or an action: never injected */
	unsigned int in_l0;
	struct gsim_injected done;
};

struct gsim {
	struct gsim_config cfg;

	/* the arena: L0 "real" memory, V=R */
	void *map;
	size_t map_len;
	unsigned long base, pages, next;
	struct list_head free_list[SIM_MAX_ORDER + 1];
	struct page *mem_map;

	/* the CPU */
	struct tlb tlb;

	/* L0: the process that runs L1, its gmap, KVM's structures */
	struct mm_struct *mm;
	struct vm_area_struct vma; /* L1's memory in the process */
	struct gmap *gmap;
	struct kvm kvm;
	struct kvm_vcpu vcpu;
	struct kvm_s390_sie_block sie_block; /* L1's SIE block (CRs) */
	void *vsie_page; /* struct vsie_page, in the arena */
	struct oracle_l1 oracle;
	bool in_l1_store;
	/* per arena page: 1 + the L1 address it backs, 0 if none (messages) */
	uint64_t *l1_of_page;
	/* per arena page: it holds page tables of L0's process */
	unsigned char *host_pt;
	/* L1 pages L0 swapped out: their saved contents, by L1 page */
	struct sim_swapped *swapped;
	bool hung;
	struct gsim_mismatches mismatches;

	struct sim_inject inject;

	uint64_t c[SC_NR];
	/* what the counters read at the last reset */
	struct kvm_vm_stat stat0;
	struct tlb_stats tlb0;
	char err[512];
};

/* current.c: the machine the current thread runs (set on every gsim_*
 * entry) */
extern __thread struct gsim *sim_cur;
void sim_enter(struct gsim *g);
void sim_error(struct gsim *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* counts a mismatch of the oracle (enum oracle_mismatch) and keeps the
 * first message of its kind */
void sim_mismatch(struct gsim *g, int kind, const char *msg);

/* arena.c */
int sim_arena_init(struct gsim *g, uint64_t bytes);
void sim_arena_free(struct gsim *g);

/* inject.c */
/* the allocation at hand fails (ENOMEM, ENOMEM_RATE) */
bool sim_inject_alloc_fails(struct gsim *g);
/* the kernel's shadow code runs from here to sim_inject_op_end() */
void sim_inject_op_begin(struct gsim *g);
void sim_inject_op_end(struct gsim *g);
/* L0's own code: nothing injected in between */
void sim_inject_l0_begin(struct gsim *g);
void sim_inject_l0_end(struct gsim *g);

/* hostmm.c */
struct mm_struct *sim_mm_create(struct gsim *g);
void sim_mm_destroy(struct gsim *g, struct mm_struct *mm);
int sim_l0_event(struct gsim *g, enum gsim_l0_event ev, uint64_t l1addr,
		 uint64_t len);
uint64_t sim_l1_of_l0(void *ctx, uint64_t l0real);

/* vsie_loop.c */
int sim_vsie_init(struct gsim *g);
void sim_vsie_fini(struct gsim *g);
int sim_vsie_run(struct gsim *g, struct gsim_sie *sie);
uint64_t sim_shadow_bytes(struct gsim *g);
/* a second vCPU, for an injected action (enum gsim_inject_action) */
void sim_second_vcpu(struct gsim *g, enum gsim_inject_action action);

#endif /* GMAPBENCH_SIM_L0_H */
