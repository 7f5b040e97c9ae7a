/* SPDX-License-Identifier: GPL-2.0 */
/*
 * host/sim: the simulated IBM Z machine with the real L0 shadow-gmap code.
 *
 * This is the whole interface the L1 mini-hypervisor (guests/l1, through its
 * sim platform) and the bench backends use; host/kvm's backend mirrors it.
 * One library per kernel variant: build/<variant>/libgmapsim.a.
 *
 * Addresses: "L1 address" is an L1 guest absolute address (what L1's own
 * stores use); "L2 address" is an L2 guest absolute address, translated by
 * the ASCE that L1 designates for L2 (L1's CR1 at SIE time).
 *
 * Single vCPU, single-threaded: one struct gsim per thread at most.
 */
#ifndef GMAPBENCH_GSIM_H
#define GMAPBENCH_GSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../counters.h"

struct gsim;

enum gsim_check {
	GSIM_CHECK_OFF = 0, /* no oracle: the speed runs */
	GSIM_CHECK_ON, /* every L2 access is checked against the oracle */
};

struct gsim_config {
	uint64_t l1_mem_bytes; /* size of L1's memory; multiple of 1 MiB */
	uint64_t arena_bytes; /* L0 memory for everything; 0: derived */
	unsigned int tlb_sets; /* simulated TLB geometry; 0: default */
	unsigned int tlb_ways;
	bool l1_edat1; /* facility 8 offered to L1 (EDAT-1) */
	bool l1_edat2; /* facility 78 offered to L1 (EDAT-2) */
	bool l1_hpage_1m; /* L0 backs L1 with 1 MiB segments (gmap hpage) */
	enum gsim_check check;
	uint64_t seed; /* for anything random inside the machine */
};

/* Fills *cfg with the defaults. */
void gsim_config_default(struct gsim_config *cfg);

/*
 * Creates the machine, L0's process and gmap for L1, and L1's memory.
 * On error returns NULL and writes a message naming the bad field to err.
 */
struct gsim *gsim_create(const struct gsim_config *cfg, char *err,
			 size_t errlen);
void gsim_destroy(struct gsim *g);

/*
 * L1's own memory accesses, by L1 address. They go through the machine:
 * L0's gmap for L1, L0's process page tables, the TLB. A store to a page
 * that L0 protected because it holds a shadowed L1 table takes the real
 * kernel fault path (ptep_notify -> gmap_shadow_notify -> unshadow) and
 * counts in prot_faults. Return 0, or -EFAULT outside L1's memory.
 */
int gsim_l1_load64(struct gsim *g, uint64_t l1addr, uint64_t *val);
int gsim_l1_store64(struct gsim *g, uint64_t l1addr, uint64_t val);
/*
 * L1's instructions on its own tables for L2 (entries in L1 memory): CSPG
 * (compare l1addr's doubleword with old, store new if equal, purge the
 * TLB) and CRDTE (the same for the entry of the given level, enum
 * gsim_level, that l2addr selects, clearing the TLB entries formed
 * through it). The store takes L0's protection path like any L1 store.
 * Return 0 swapped, 1 not equal, or -EFAULT.
 */
enum gsim_level {
	GSIM_LVL_R1,
	GSIM_LVL_R2,
	GSIM_LVL_R3,
	GSIM_LVL_SG,
	GSIM_LVL_PT
};
int gsim_l1_cspg(struct gsim *g, uint64_t l1addr, uint64_t old, uint64_t new);
int gsim_l1_crdte(struct gsim *g, enum gsim_level level, uint64_t l1entry,
		  uint64_t old, uint64_t new, uint64_t l2asce, uint64_t l2addr);
/* count stores of the same value at l1addr, l1addr + 8, ... */
int gsim_l1_fill64(struct gsim *g, uint64_t l1addr, uint64_t val,
		   uint64_t count);

/* One run of L2 accesses: count accesses at addr, addr + stride, ... */
struct gsim_l2_run {
	uint64_t addr;
	int64_t stride;
	uint64_t count;
	uint32_t flags;
};
#define GSIM_L2_WRITE 0x1 /* stores instead of fetches */

enum gsim_exit {
	GSIM_EXIT_DONE, /* L2 ran every access: intercept to L1 */
	GSIM_EXIT_PGM, /* a host-translation fault reflected to L1 */
	GSIM_EXIT_VALIDITY, /* validity intercept: L2's prefix not mapped */
};

/*
 * The state of one SIE: what L1 designates, and where L2 is. L1 fills the
 * "in" part once, calls gsim_sie_run(), handles a GSIM_EXIT_PGM (maps the
 * page in its tables) and calls gsim_sie_run() again with the same block:
 * the run resumes at the faulting access.
 */
struct gsim_sie {
	/* in */
	uint64_t asce; /* L2's ASCE as L1 designates it (L1 CR1) */
	bool cr0_edat; /* L1's CR0 EDAT bit */
	/* L2's prefix area (8 KiB aligned L2 address), which SIE needs
	 * mapped (vsie.c map_prefix()) and whose unshadowing the vSIE gmap
	 * notifier watches; with !has_prefix it is parked at 2 GiB, out of
	 * the notifier's interest, and never mapped */
	bool has_prefix;
	uint64_t prefix;
	const struct gsim_l2_run *runs;
	size_t nr_runs;
	/* progress, kept between calls; zero it to start from the top */
	size_t run;
	uint64_t done; /* accesses done in runs[run] */
	/* out, after each call */
	enum gsim_exit exit;
	uint16_t pgm_code; /* PGM_* code L1 receives, for GSIM_EXIT_PGM */
	uint64_t trans_exc_addr; /* the L2 address that faulted */
	uint64_t teid; /* the translation-exception identification */
	bool write; /* the faulting access was a store */
	uint64_t accesses; /* L2 accesses completed by this call */
};

/*
 * Returns 0, or -errno if the simulation itself failed (with gsim_error()).
 * -ELOOP: L2 made no progress (the same access faulting to L0 again and
 * again with nothing changed); gsim_hung() is then true and gsim_error()
 * names the L2 address.
 */
int gsim_sie_run(struct gsim *g, struct gsim_sie *sie);
bool gsim_hung(struct gsim *g);

/*
 * L0's own changes to the memory that backs L1, through the real kernel
 * paths (ptep_notify() on a PGSTE_VSIE page -> gmap_shadow_notify()):
 *   SWAP       L0 unmaps the pages (swap-out); L1's next touch maps
 *              their contents back in new frames
 *   MIGRATE    L0 moves the pages to new frames at once
 *   WRPROTECT  L0 write-protects them (dirty logging, KSM)
 *   DISCARD    gmap_discard(): L1 gave the range up (its content is lost)
 * l1addr and len in whole pages. Returns 0 or -EINVAL / -ENOMEM.
 */
enum gsim_l0_event {
	GSIM_L0_SWAP,
	GSIM_L0_MIGRATE,
	GSIM_L0_WRPROTECT,
	GSIM_L0_DISCARD,
};
int gsim_l0_event(struct gsim *g, enum gsim_l0_event ev, uint64_t l1addr,
		  uint64_t len);

/*
 * Fault injection inside L0's shadow operations (docs/coverage.md): what
 * the kernel's shadow code meets on a busy host, made deterministic. It
 * acts only while the vSIE loop runs the kernel's code (acquiring the
 * shadow gmap, mapping L2's prefix, resolving a shadow fault), never in
 * L0's own memory management:
 *   ENOMEM       the nth allocation of the kernel code from now (pages
 *                and kzalloc) fails, once
 *   ENOMEM_RATE  every such allocation fails with probability
 *                permille / 1000, drawn from a PRNG seeded with the
 *                machine's seed and `nth`, until GSIM_INJECT_OFF
 *   LOCK         just before the nth spin_lock() from now taken with no
 *                spin lock held, the action runs, once
 * The actions (for LOCK): an L0 event on L1's pages [l1addr, l1addr +
 * len) (another L0 CPU swapping, migrating... them), a second vCPU
 * resolving the same shadow fault (handle_fault() for the L2 access at
 * hand), or a second vCPU acquiring a shadow of the same ASCE
 * (gmap_shadow(), whose reference it drops at once).
 * An -ENOMEM reaches the vSIE loop as the kernel returns it; like a
 * KVM_RUN that fails with -ENOMEM and is run again, the loop retries.
 * Returns 0 or -EINVAL (a bad kind, action or range).
 */
enum gsim_inject_kind {
	GSIM_INJECT_OFF,
	GSIM_INJECT_ENOMEM,
	GSIM_INJECT_ENOMEM_RATE,
	GSIM_INJECT_LOCK,
};
enum gsim_inject_action {
	GSIM_ACT_L0_EVENT,
	GSIM_ACT_SECOND_FAULT,
	GSIM_ACT_SECOND_SHADOW,
};
struct gsim_inject {
	enum gsim_inject_kind kind;
	uint64_t nth; /* ENOMEM, LOCK: >= 1; ENOMEM_RATE: the PRNG stream */
	unsigned int permille; /* ENOMEM_RATE: 1..1000 */
	enum gsim_inject_action action; /* LOCK */
	enum gsim_l0_event event; /* GSIM_ACT_L0_EVENT */
	uint64_t l1addr, len;
	/* LOCK: the allocation right after the action fails (the fix-up
	 * the action forces runs out of memory) */
	bool then_enomem;
};
int gsim_inject(struct gsim *g, const struct gsim_inject *inj);
/* Injections done since creation: allocations failed, actions run */
struct gsim_injected {
	uint64_t allocs_failed;
	uint64_t actions;
	uint64_t allocs_seen; /* kernel allocations counted by ENOMEM */
	uint64_t locks_seen; /* acquisitions counted by LOCK */
};
void gsim_injected(struct gsim *g, struct gsim_injected *out);

/*
 * The oracle's mismatches since creation or the last counter reset, by
 * kind (their sum is the oracle_mismatches counter), with the first
 * message of each kind.
 */
enum gsim_mismatch_kind {
	GSIM_MM_TRANSLATION = 1, /* another L1 frame, or one where none */
	GSIM_MM_PROTECTION, /* writable where protected; an unprotected
			     * L1 table page */
	GSIM_MM_EXCEPTION, /* a reflected exception missing, spurious or
			    * wrong (code, TEID, table level) */
	GSIM_MM_NR
};
struct gsim_mismatches {
	uint64_t count[GSIM_MM_NR]; /* [0] unused */
	char first[GSIM_MM_NR][320];
	unsigned int first_kind; /* of the very first mismatch, 0: none */
};
void gsim_mismatches(struct gsim *g, struct gsim_mismatches *out);
/* "translation", "protection", "exception" */
const char *gsim_mismatch_kind_name(unsigned int kind);

/* The counters of docs/design.md, since creation or the last reset. */
void gsim_counters(struct gsim *g, struct gmap_counters *out);
void gsim_counters_reset(struct gsim *g);

/* The last error or oracle mismatch, as a readable line ("" if none). */
const char *gsim_error(struct gsim *g);

#endif /* GMAPBENCH_GSIM_H */
