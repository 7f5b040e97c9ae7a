/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine under the L1 mini-hypervisor: how L1 touches its own memory
 * and how it runs an L2 guest. The L1 code (guests/l1) and the scenarios
 * (guests/scenarios) use nothing else, so that they compile unchanged for
 *
 *   host/sim    guests/l1/platform-sim.c, over host/sim/gsim.h: every L1
 *               store goes through the simulated machine and may hit an
 *               origin page L0 protected (the real protection-fault path);
 *   bare metal  guests/baremetal/: plain loads and stores, a real SIE on
 *               IBM Z (under TCG: the tables checked through QEMU's DAT).
 *
 * Freestanding: only <stdint.h>, <stdbool.h>, <stddef.h>. The compiler may
 * still emit calls to memset/memcpy for large struct copies; a bare-metal
 * runtime provides those two.
 *
 * Addresses: "L1 address" is an L1 absolute address; "L2 address" an L2
 * absolute address, translated by the ASCE that L1 designates for L2.
 */
#ifndef GMAPBENCH_L1_PLATFORM_H
#define GMAPBENCH_L1_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One run of L2 accesses: count accesses at addr, addr + stride, ... */
struct l1_l2_run {
	uint64_t addr;
	int64_t stride;
	uint64_t count;
	uint32_t flags;
};
#define L1_RUN_WRITE 0x1 /* stores instead of fetches */

enum l1_exit {
	L1_EXIT_DONE, /* L2 ran every access */
	L1_EXIT_PGM, /* a host-translation fault reflected to L1 */
	L1_EXIT_VALIDITY, /* validity intercept: L2's prefix is not mapped */
};

/*
 * One SIE, as gsim_sie: L1 fills the "in" part, calls platform->sie(),
 * handles an L1_EXIT_PGM (maps the page in its tables) and calls sie()
 * again with the same block: the run resumes at the faulting access.
 */
struct l1_sie {
	/* in */
	uint64_t asce; /* L2's ASCE as L1 designates it */
	bool cr0_edat; /* L1 enables EDAT for L2 */
	bool has_prefix; /* L2's prefix area (8 KiB) at L2 address prefix: */
	uint64_t prefix; /* SIE needs it mapped (else L1_EXIT_VALIDITY) */
	const struct l1_l2_run *runs;
	size_t nr_runs;
	/* progress, kept between calls; zero it to start from the top */
	size_t run;
	uint64_t done; /* accesses done in runs[run] */
	/* out, after each call */
	enum l1_exit exit;
	uint16_t pgm_code; /* program-interruption code, L1_EXIT_PGM */
	uint64_t trans_exc_addr; /* the L2 address that faulted */
	uint64_t teid; /* translation-exception identification */
	bool write; /* the faulting access was a store */
	uint64_t accesses; /* L2 accesses completed by this call */
};

/* What L0 does to L1's memory (the l0_event hook) */
enum l1_l0_event {
	L1_L0_SWAP, /* unmapped, contents back in new frames on next touch */
	L1_L0_MIGRATE, /* moved to new frames */
	L1_L0_WRPROTECT, /* write-protected (dirty logging, KSM) */
	L1_L0_DISCARD, /* discarded: L1 gave the memory up */
	L1_NR_L0_EVENTS
};

/*
 * Fault injection inside L0's next shadow operations (the inject hook):
 * the nth allocation of L0's shadow code fails, or each one fails with a
 * probability (permille, from a PRNG seeded by nth), or just before the
 * nth lock L0's shadow code takes, an action runs: an L0 event on L1's
 * pages [l1addr, l1addr + len), a second vCPU resolving the same shadow
 * fault, or a second vCPU shadowing the same ASCE; then_enomem: and the
 * allocation after the action fails. Once (the rate: until L1_INJ_OFF).
 */
enum l1_inject_kind {
	L1_INJ_OFF,
	L1_INJ_ENOMEM,
	L1_INJ_ENOMEM_RATE,
	L1_INJ_LOCK,
};
enum l1_inject_action {
	L1_ACT_L0_EVENT,
	L1_ACT_SECOND_FAULT,
	L1_ACT_SECOND_SHADOW,
};
struct l1_inject {
	enum l1_inject_kind kind;
	uint64_t nth;
	unsigned int permille;
	enum l1_inject_action action;
	enum l1_l0_event event;
	uint64_t l1addr, len;
	bool then_enomem; /* L1_INJ_LOCK: the next allocation fails too */
};

/* Which table an invalidation is for (the invalidate hook) */
enum l1_level {
	L1_LVL_R1, /* region-first table entry */
	L1_LVL_R2,
	L1_LVL_R3,
	L1_LVL_SG, /* segment-table entry */
	L1_LVL_PT, /* page-table entry */
	L1_NR_LEVELS
};

/*
 * Where L1's heap starts on every platform. The same start and memory size
 * give the same allocations, so L1's tables and frames sit at the same L1
 * addresses on host/sim and on bare metal, and L2 translations compare as
 * they are (guests/baremetal/tests/lra-vs-oracle.sh).
 */
#define L1_HEAP_START 0x100000ULL

/*
 * The platform. Hooks return 0 or a negative errno-style value (-14 for an
 * address outside L1 memory); any failure ends the scenario with an error.
 */
struct l1_platform {
	void *ctx; /* passed to every hook */

	/* L1 memory: [0, mem_bytes). L1's frame allocator may use only
	 * [heap_start, heap_end) (both 1 MiB aligned; heap_start is
	 * L1_HEAP_START). */
	uint64_t mem_bytes;
	uint64_t heap_start, heap_end;
	/* facilities offered to L1 */
	bool edat1, edat2;

	/* L1's own 8-byte accesses, by L1 address (8-byte aligned) */
	int (*load64)(void *ctx, uint64_t l1addr, uint64_t *val);
	int (*store64)(void *ctx, uint64_t l1addr, uint64_t val);
	/* count stores of val at l1addr, l1addr + 8, ... */
	int (*fill64)(void *ctx, uint64_t l1addr, uint64_t val, uint64_t count);

	/* Runs L2 until done or a fault reflected to L1; see l1_sie. */
	int (*sie)(void *ctx, struct l1_sie *sie);

	/*
	 * Optional (NULL: L1 stores the invalid bit itself with store64).
	 * Invalidates the table entry at entry_addr (L1 address) of the
	 * given level in the tables that asce designates, for L2 address
	 * l2addr, the way the architecture wants it done on a live table
	 * (IPTE for a PTE, IDTE or CSP for the others), and purges the TLB.
	 * Afterwards the entry must read back with its invalid bit set.
	 */
	int (*invalidate)(void *ctx, enum l1_level level, uint64_t entry_addr,
			  uint64_t asce, uint64_t l2addr);

	/*
	 * Optional (NULL: not possible here; host/sim has it). L0 changes its
	 * backing of L1's pages [l1addr, l1addr + len), whole pages, through
	 * the host kernel's paths: enum l1_l0_event.
	 */
	int (*l0_event)(void *ctx, int event, uint64_t l1addr, uint64_t len);
	/*
	 * Optional (NULL: not possible here; host/sim has it). Arms (or,
	 * with L1_INJ_OFF, disarms) a fault injection in L0's next shadow
	 * operations: struct l1_inject. Returns 0 or -22.
	 */
	int (*inject)(void *ctx, const struct l1_inject *inj);
	/*
	 * Optional (NULL: L1 cannot use the instruction; see l1.insn). L1's
	 * CSPG on the doubleword at l1addr (compare with old, store new,
	 * purge the TLB), and CRDTE replacing the entry at entry_addr of the
	 * given level for l2addr in the tables asce designates. Return 0 if
	 * swapped, 1 if the entry was not old, or a negative error.
	 */
	int (*cspg)(void *ctx, uint64_t l1addr, uint64_t old, uint64_t new);
	int (*crdte)(void *ctx, enum l1_level level, uint64_t entry_addr,
		     uint64_t old, uint64_t new, uint64_t asce,
		     uint64_t l2addr);
	/* A timestamp in nanoseconds (monotonic); NULL: no clock. */
	uint64_t (*now)(void *ctx);
	/* One line of text for a person, no newline; NULL: silent. */
	void (*log)(void *ctx, const char *line);
};

/* Freestanding helpers (guests/l1/util.c) */
size_t l1_strlen(const char *s);
int l1_strcmp(const char *a, const char *b);

/* A bounded text buffer: appends never overflow and keep the NUL. */
struct l1_buf {
	char *p;
	size_t size; /* of p, including the NUL */
	size_t len;
};
void l1_buf_init(struct l1_buf *b, char *p, size_t size);
void l1_buf_str(struct l1_buf *b, const char *s);
void l1_buf_int(struct l1_buf *b, int64_t v);
void l1_buf_hex(struct l1_buf *b, uint64_t v); /* 0x... */

#endif /* GMAPBENCH_L1_PLATFORM_H */
