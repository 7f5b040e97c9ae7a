/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L1 mini-hypervisor: a frame allocator over L1 memory, L2 gmap tables
 * in s390 DAT format built in that memory (region-1/2/3, segment and page
 * tables, EDAT-1 segment frames and EDAT-2 region-third frames), and the
 * SIE loop that maps on demand when L2 faults. Every access to L1 memory
 * goes through struct l1_platform (platform.h).
 *
 * Not reentrant per struct l1; separate struct l1s are independent.
 */
#ifndef GMAPBENCH_L1_H
#define GMAPBENCH_L1_H

#include "dat-format.h"
#include "platform.h"

/* Frames L1 allocates; a 1 MiB chunk of the heap holds one kind only */
enum l1_frame_kind {
	L1_FRAME_PGT, /* 2 KiB page table (256 entries) */
	L1_FRAME_4K, /* 4 KiB data page */
	L1_FRAME_CRST, /* 16 KiB region or segment table (2048 entries) */
	L1_FRAME_1M, /* 1 MiB data frame (EDAT-1 segment frame) */
	L1_NR_FRAME_KINDS
};
#define L1_NO_FRAME (~0ULL)
#define L1_CHUNK_SIZE 0x100000ULL
#define L1_MAX_CHUNKS 4096 /* heap beyond 4 GiB is not used */

struct l1_chunk {
	uint64_t used[8]; /* one bit per slot: 512 slots of 2 KiB at most */
	uint16_t free_slots;
	uint8_t kind; /* enum l1_frame_kind, or L1_CHUNK_EMPTY */
};
#define L1_CHUNK_EMPTY 0xff

/* What L1 did: the L1 side of a scenario's result */
struct l1_stats {
	uint64_t sies; /* platform->sie() calls */
	uint64_t reflected; /* L1_EXIT_PGM exits handled */
	uint64_t accesses; /* L2 accesses completed */
	uint64_t pages_mapped; /* leaf entries made valid (any size) */
	uint64_t rewrites; /* valid entries invalidated and changed */
	uint64_t invalidations; /* entries invalidated (any reason) */
	uint64_t tables_alloc; /* region/segment/page tables allocated */
	uint64_t tables_freed;
	uint64_t l1_stores; /* store64 calls (fill64 counts as one) */
};

/* How L1 changes a valid entry of a live table (struct l1.insn) */
enum l1_insn {
	L1_INSN_STORE, /* invalidate (hook or store), then store */
	L1_INSN_CSPG, /* CSPG sets the invalid bit and purges, then store */
	L1_INSN_CRDTE, /* CRDTE replaces the valid entry in one go */
};
struct l1 {
	struct l1_platform *plat;
	enum l1_insn insn; /* L1_INSN_STORE after l1_init() */
	int err; /* first platform error, sticky */
	uint64_t heap_base;
	uint32_t nr_chunks;
	uint32_t cursor[L1_NR_FRAME_KINDS];
	uint64_t frames_in_use[L1_NR_FRAME_KINDS];
	struct l1_stats stats;
	uint16_t last_pgm; /* the last reflected fault: code, L2 address */
	uint64_t last_exc_addr;
	struct l1_chunk chunk[L1_MAX_CHUNKS];
};

/* Prepares l1 over plat's heap. Returns 0 or -22 if the heap is unusable. */
int l1_init(struct l1 *l1, struct l1_platform *plat);
/* A frame of the kind, aligned to its size; L1_NO_FRAME when exhausted. */
uint64_t l1_alloc(struct l1 *l1, enum l1_frame_kind kind);
void l1_free(struct l1 *l1, uint64_t addr, enum l1_frame_kind kind);
uint64_t l1_frame_size(enum l1_frame_kind kind);
/* Bytes of heap the allocator can hand out as that kind, at most. */
uint64_t l1_heap_bytes(const struct l1 *l1);

/* Platform accessors that count and remember the first error */
uint64_t l1_load(struct l1 *l1, uint64_t addr);
void l1_store(struct l1 *l1, uint64_t addr, uint64_t val);
void l1_fill(struct l1 *l1, uint64_t addr, uint64_t val, uint64_t count);

/* One L2 guest's gmap: its tables and the ASCE L1 designates for it */
struct l1_gmap {
	struct l1 *l1;
	uint64_t asce;
	uint64_t top_origin;
	enum l1_level top; /* L1_LVL_R1 .. L1_LVL_SG */
	uint64_t tables; /* tables held, the top one included */
	bool has_prefix; /* L2's prefix, for every SIE on this gmap */
	uint64_t prefix;
};

/* The smallest top level whose table covers [0, span) */
enum l1_level l1_top_for_span(uint64_t span);
/* The L2 bytes one entry of a table of that level maps */
uint64_t l1_entry_span(enum l1_level level);
/* The span a top level covers */
uint64_t l1_top_span(enum l1_level top);

/* Allocates and clears the top table. 0, or -12 when out of L1 memory. */
int l1_gmap_create(struct l1_gmap *g, struct l1 *l1, enum l1_level top);
/* Frees every table and clears g; data frames are the caller's. */
void l1_gmap_destroy(struct l1_gmap *g);

/* Leaf sizes l1_gmap_map makes */
enum l1_map_size {
	L1_MAP_4K, /* page-table entry */
	L1_MAP_1M, /* segment-table entry with FC=1 (EDAT-1) */
	L1_MAP_2G, /* region-third entry with FC=1 (EDAT-2) */
};
#define L1_MAP_PROT 0x1 /* DAT protection on the leaf */

/*
 * Maps the L2 frame at l2addr (aligned to the size) to the L1 frame at
 * l1addr, creating the tables on the way. A valid leaf that differs is
 * invalidated first, then changed (counted as a rewrite); an identical one
 * is left alone. Returns 0, -12 out of L1 memory, -34 l2addr beyond the
 * top table, -17 a larger frame or a table is in the way, -22 misaligned,
 * or the platform's error.
 */
int l1_gmap_map(struct l1_gmap *g, uint64_t l2addr, uint64_t l1addr,
		enum l1_map_size size, unsigned int flags);
/* Invalidates the leaf mapping l2addr (tables stay). -2 if none. */
int l1_gmap_unmap(struct l1_gmap *g, uint64_t l2addr);
/* Invalidate, then set the leaf again with DAT protection on or off. */
int l1_gmap_protect(struct l1_gmap *g, uint64_t l2addr, bool prot);
/*
 * Invalidates the region- or segment-table entry of the level for l2addr,
 * then stores its old value again: the write L0 sees when L1 rewrites an
 * upper-level entry. -2 if the entry is not valid.
 */
int l1_gmap_rewrite_entry(struct l1_gmap *g, uint64_t l2addr,
			  enum l1_level level);
/*
 * Sets or clears DAT protection (or, for a region or segment entry that
 * designates a table, the P bit that protects all below it) of the valid
 * entry at level for l2addr: invalidate, then store. -2 if not valid.
 */
int l1_gmap_protect_entry(struct l1_gmap *g, uint64_t l2addr,
			  enum l1_level level, bool prot);
/* The same for any bits: the entry becomes (old & ~clear) | set.
 * With clear = ~0 the entry becomes set, a valid entry of the level. */
int l1_gmap_change_entry(struct l1_gmap *g, uint64_t l2addr,
			 enum l1_level level, uint64_t clear, uint64_t set);
/* Invalidates that entry and frees the tables below it. */
int l1_gmap_unmap_table(struct l1_gmap *g, uint64_t l2addr,
			enum l1_level level);

/* A walk of L1's tables for one L2 address */
struct l1_walk {
	uint64_t entry[L1_NR_LEVELS]; /* L1 address of each entry used */
	uint64_t value[L1_NR_LEVELS];
	enum l1_level last; /* level of the last entry read */
	bool valid; /* it was a valid leaf */
	uint64_t l1addr; /* translation, when valid */
	uint64_t frame_size;
	bool prot;
};
void l1_gmap_walk(struct l1_gmap *g, uint64_t l2addr, struct l1_walk *w);

/*
 * Runs L2 on g until every access is done. Each reflected fault goes to
 * fault(arg, g, sie), which maps what L2 needs and returns 0, or fails the
 * run with its negative value. A fault that repeats at the same address
 * and code right after fault() returned 0 fails the run with
 * L1_ERR_NO_PROGRESS.
 */
#define L1_ERR_NO_PROGRESS (-35)
/* SIE refused to run L2: a validity intercept (prefix not mapped) */
#define L1_ERR_VALIDITY (-71)
typedef int (*l1_fault_fn)(void *arg, struct l1_gmap *g,
			   const struct l1_sie *sie);
int l1_run_l2(struct l1_gmap *g, bool edat, const struct l1_l2_run *runs,
	      size_t nr_runs, l1_fault_fn fault, void *arg);
/*
 * Runs L2 on g until every access is done; L1 delivers each reflected
 * exception to L2, whose handler goes on with the next access (the
 * faulting one is skipped). Counts the exceptions in *faults (if not
 * NULL). Where the exceptions must come from is the oracle's to judge.
 */
int l1_run_l2_deliver(struct l1_gmap *g, bool edat,
		      const struct l1_l2_run *runs, size_t nr_runs,
		      uint64_t *faults);

#endif /* GMAPBENCH_L1_H */
