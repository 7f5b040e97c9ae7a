/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated CPU's translation-lookaside buffer and the instructions that
 * purge it (IPTE, IDTE, CSP/CSPG, CRDTE, PTLB), with the architected
 * semantics of the Principles of Operation (SA22-7832): which entries each
 * one clears, and the table-entry updates it makes.
 *
 * An entry holds a combined translation: ASCE + 4 KiB virtual page -> real
 * page and protection (for L2 on the shadow ASCE: L2 page -> L0 real page),
 * and the real addresses of the table entries it was formed from, so that a
 * purge by table entry finds exactly the entries formed through that entry
 * (through a reverse index, not by scanning). Entries are tagged with the
 * ASCE's table origin. Set-associative, round-robin replacement per set from
 * a seeded state: deterministic.
 *
 * One CPU. The "local" (local-clearing control) forms clear this CPU only;
 * with one CPU that is the same set of entries, but they are counted apart.
 */
#ifndef GMAPBENCH_MACHINE_TLB_H
#define GMAPBENCH_MACHINE_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "dat.h"

#define TLB_DEFAULT_SETS 512
#define TLB_DEFAULT_WAYS 4

/* Instruction options (decoded from the M4 field and the option bits) */
#define TLB_OPT_LOCAL 0x1 /* local-clearing control: this CPU only */
#define TLB_OPT_GUEST_ASCE 0x2 /* clear only entries of the given ASCE */
#define TLB_OPT_NODAT \
	0x4 /* no-DAT-table-entry clearing: accepted,
				     * no effect (only full translations here) */

struct tlb_stats {
	uint64_t hits, misses;
	uint64_t inserts, evictions;
	uint64_t purged; /* entries cleared by any instruction */
	uint64_t ipte, ipte_local,
		ipte_ptes; /* instructions; PTEs invalidated */
	uint64_t idte, idte_local, idte_asce; /* idte_asce: clearing-by-ASCE */
	uint64_t csp, csp_purges; /* CSP/CSPG executed; of them, that purged */
	uint64_t crdte, crdte_replaced;
	uint64_t ptlb;
	/* the combined region-and-segment entries (CRSTEs), see tlb_translate */
	uint64_t crste_hits, crste_inserts, crste_purged;
};

/* One TLB entry; link[] are reverse-index nodes, one per table level. */
struct tlb_link {
	int32_t next, prev; /* node ids (slot * DAT_NR_LEVELS + level), -1 */
};
struct tlb_entry {
	uint64_t vpage; /* vaddr >> 12, TLB_VPAGE_NONE when empty */
	uint64_t tag; /* ASCE & DAT_ASCE_ORIGIN */
	uint64_t rpage; /* real page address (4 KiB aligned) */
	bool prot;
	uint8_t frame_order; /* 12, 20 or 31: the frame it came from */
	uint64_t entry[DAT_NR_LEVELS]; /* real addresses, DAT_NO_ENTRY */
	struct tlb_link link[DAT_NR_LEVELS];
};
#define TLB_VPAGE_NONE (~0ULL)
/* vpage of a CRSTE entry: (vaddr >> 20) | TLB_CRSTE_KEY; rpage = PTO */
#define TLB_CRSTE_KEY (1ULL << 62)

struct tlb {
	unsigned int sets, ways; /* powers of two */
	unsigned int set_shift; /* log2(sets) */
	struct tlb_entry *e; /* sets * ways, set-major */
	uint32_t *victim; /* per set: next way to replace */
	int32_t *bucket; /* reverse index heads, nbuckets */
	uint64_t nbuckets_mask;
	uint64_t nvalid;
	struct tlb_stats st;
	uint64_t ncrste; /* CRSTE entries valid */
	bool crste; /* cache CRSTEs (default on) */
	/*
	 * Where real storage starts (0 after tlb_init): the set hash takes
	 * the ASCE's origin relative to it, so the sets, and every count,
	 * do not depend on where the memory was mapped (host/sim: the
	 * arena's base, a host pointer).
	 */
	uint64_t origin_base;
};

/*
 * Creates a TLB of sets x ways (0: defaults; both rounded up to powers of
 * two); seed picks the replacement state. Returns 0 or -ENOMEM / -EINVAL.
 */
int tlb_init(struct tlb *t, unsigned int sets, unsigned int ways,
	     uint64_t seed);
void tlb_free(struct tlb *t);

static inline unsigned int tlb_set_of(const struct tlb *t, uint64_t tag,
				      uint64_t vpage)
{
	/* multiplicative hash: every page-number bit picks the set, so
	 * strided accesses (one page per segment) spread over the sets */
	uint64_t h = (vpage ^
		      ((tag - t->origin_base) >> 12) * 0xff51afd7ed558ccdULL) *
		     0x9e3779b97f4a7c15ULL;

	return (unsigned int)(h >> 40) & (t->sets - 1);
}

/*
 * Looks up asce + vaddr. On a hit stores the real address of vaddr and the
 * protection, counts a hit and returns true; else counts a miss.
 */
static inline bool tlb_lookup(struct tlb *t, uint64_t asce, uint64_t vaddr,
			      uint64_t *raddr, bool *prot)
{
	uint64_t tag = asce & DAT_ASCE_ORIGIN, vpage = vaddr >> 12;
	struct tlb_entry *e =
		t->e + (uint64_t)tlb_set_of(t, tag, vpage) * t->ways;
	unsigned int w;

	for (w = 0; w < t->ways; w++, e++) {
		if (e->vpage == vpage && e->tag == tag) {
			*raddr = e->rpage | (vaddr & 0xfff);
			*prot = e->prot;
			t->st.hits++;
			return true;
		}
	}
	t->st.misses++;
	return false;
}

/* Enters the translation of vaddr that a successful walk produced. */
void tlb_insert(struct tlb *t, uint64_t asce, uint64_t vaddr,
		const struct dat_result *res);

/*
 * Lookup, and on a miss dat_translate() + tlb_insert(). Returns 0 with
 * *raddr / *prot, or the walk's DAT_PGM_* code (res, if not NULL, then has
 * the walk; on a hit res is not filled).
 *
 * Like the hardware, it also keeps combined region-and-segment entries
 * (CRSTEs: ASCE + 1 MiB segment -> page-table origin and the upper
 * protection, formed from the region/segment entries; t->crste, default
 * on): on a page miss with a CRSTE hit only the page-table entry is read
 * (res->value[] of the upper levels is then DAT_NO_ENTRY). IDTE, CRDTE,
 * CSP, PTLB clear CRSTEs formed through their entries; IPTE does not.
 * A segment or region entry changed without one of those keeps being used.
 */
int tlb_translate(struct tlb *t, uint64_t asce, uint64_t vaddr,
		  unsigned int edat, const struct dat_mem *mem, uint64_t *raddr,
		  bool *prot, struct dat_result *res);

/* Clears the entries formed from the table entry at real address eaddr
 * (any level), only those tagged asce if opts has TLB_OPT_GUEST_ASCE.
 * Counts them in purged; returns how many. No instruction counted. */
uint64_t tlb_purge_entry(struct tlb *t, uint64_t eaddr, uint64_t asce,
			 unsigned int opts);

/*
 * IPTE: invalidates the page-table entries at pto + 8 * (page index of
 * vaddr .. + count) (pto: bits 0-52 used, as R1; count: additional entries
 * of the IPTE-range facility, clipped at the table end) by setting their
 * invalid bit, and clears the TLB entries formed from each. opts:
 * TLB_OPT_LOCAL, TLB_OPT_GUEST_ASCE (with asce), TLB_OPT_NODAT.
 * Returns 0, or DAT_PGM_ADDRESSING if mem cannot supply an entry.
 */
int tlb_ipte(struct tlb *t, const struct dat_mem *mem, uint64_t pto,
	     uint64_t vaddr, unsigned int count, uint64_t asce,
	     unsigned int opts);

/*
 * IDTE, invalidation-and-clearing: table designates a region or segment
 * table (origin | DAT_DT_* type, as R1); the entries selected by vaddr's
 * index for that type (.. + count more) get their invalid bit set, and the
 * TLB entries formed through them are cleared (only those of asce with
 * TLB_OPT_GUEST_ASCE). Returns 0 or DAT_PGM_ADDRESSING.
 */
int tlb_idte(struct tlb *t, const struct dat_mem *mem, uint64_t table,
	     uint64_t vaddr, unsigned int count, uint64_t asce,
	     unsigned int opts);

/* IDTE, clearing-by-ASCE: clears every entry tagged asce. */
void tlb_idte_asce(struct tlb *t, uint64_t asce, unsigned int opts);

/*
 * CSP (len 4) / CSPG (len 8): compare the operand at raddr with old; if
 * equal store new and, if purge (R2 bit 63), clear all TLB entries (all
 * CPUs). Returns the condition code: 0 equal, 1 not equal (then *cur, if
 * not NULL, gets the value found), or -DAT_PGM_ADDRESSING.
 */
int tlb_csp(struct tlb *t, const struct dat_mem *mem, uint64_t raddr,
	    unsigned int len, uint64_t old, uint64_t new_val, bool purge,
	    uint64_t *cur);

/*
 * CRDTE: the entry of the table designated by table (origin, as R2 even)
 * of type dtt (DAT_LVL_*: page, segment, region-3/2/1) selected by vaddr's
 * index: if it equals old it is replaced by new and the TLB entries formed
 * through it are cleared (only those of asce with TLB_OPT_GUEST_ASCE).
 * Returns cc 0 (replaced) / 1 (not equal, *cur gets the value), or
 * -DAT_PGM_ADDRESSING.
 */
int tlb_crdte(struct tlb *t, const struct dat_mem *mem, uint64_t old,
	      uint64_t new_val, uint64_t table, enum dat_level dtt,
	      uint64_t vaddr, uint64_t asce, unsigned int opts, uint64_t *cur);

/* PTLB: clears every entry of this CPU. */
void tlb_ptlb(struct tlb *t);

/* Zeroes the statistics (the counters' reset), not the entries. */
static inline void tlb_stats_reset(struct tlb *t)
{
	t->st = (struct tlb_stats){0};
}

/* Entries currently valid. */
static inline uint64_t tlb_valid_entries(const struct tlb *t)
{
	return t->nvalid;
}

#endif /* GMAPBENCH_MACHINE_TLB_H */
