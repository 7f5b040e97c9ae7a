/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The translation oracle: what an L2 address must translate to, composed by
 * its own walks and independent of the shadow gmap code under test.
 *
 *   L2 address --(L1's DAT tables for L2, in L1 memory)--> L1 absolute
 *   L1 absolute --(L0's gmap for L1: gmap tables whose segment entries point
 *                  to L0's process page tables)--> L0 real
 *
 * Every L1 table entry address is an L1 absolute address, itself translated
 * through L0's gmap before it is read. Protection composes: the access is
 * protected if L1's tables or L0's gmap (e.g. an L1 page holding shadowed
 * tables) protect it. The oracle only reads; it never touches a TLB.
 */
#ifndef GMAPBENCH_MACHINE_ORACLE_H
#define GMAPBENCH_MACHINE_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dat.h"

/* L0's view of L1 */
struct oracle_l1 {
	uint64_t gmap_asce; /* L0's gmap for L1 (L1 absolute -> L0 real) */
	unsigned int gmap_edat; /* DAT_EDAT* for the gmap walk (hpage) */
	const struct dat_mem *l0mem; /* L0 real storage; NULL: dat_mem_vr */
	/* L1 absolute storage ends here: an L1 table or frame at or beyond
	 * it is an addressing exception (vsie_run() presents it to L1);
	 * 0: not checked */
	uint64_t l1_mem_bytes;
	/* names the L1 absolute frame an L0 real address backs, for
	 * messages; NULL or a return of ORACLE_NO_L1: unknown */
	uint64_t (*l1_of_l0)(void *ctx, uint64_t l0real);
	void *ctx;
};
#define ORACLE_NO_L1 (~0ULL)

enum oracle_kind {
	ORACLE_OK, /* translates: l0real, prot */
	ORACLE_L1_FAULT, /* L1's tables raise pgm (reflect to L1) */
	ORACLE_L0_FAULT, /* L0's gmap does not map an L1 page the walk
				 * needs (a table entry's page or the frame):
				 * L0 must resolve it first */
};

struct oracle_result {
	enum oracle_kind kind;
	int pgm; /* DAT_PGM_* of the failing walk, 0 if OK */
	int level; /* L1_FAULT: level of L1's walk that faulted;
				 * L0_FAULT: level of L1's walk whose entry
				 * (or DAT_NR_LEVELS: the frame) was unmapped */
	uint64_t l1abs; /* L2 address -> L1 absolute (if reached) */
	uint64_t l0real; /* -> L0 real */
	bool prot; /* L1 or L0 protection */
	bool l1_prot, l0_prot; /* each part of it */
	uint64_t frame_size; /* of L1's translation */
	uint64_t l1_entry[DAT_NR_LEVELS]; /* L1 absolute entry addresses */
	uint64_t l1_value[DAT_NR_LEVELS]; /* and their values */
	/* bit (1 << level): the L1 page holding that level's entry is not
	 * write-protected by L0's gmap (see oracle_check_protected) */
	uint8_t l1_table_unprot;
};

/*
 * Composes the translation of l2addr by L2's ASCE (as L1 designates it)
 * with edat = the DAT_EDAT* that apply to L1's tables. Returns res->kind.
 */
enum oracle_kind oracle_translate(const struct oracle_l1 *l1, uint64_t l2_asce,
				  unsigned int edat, uint64_t l2addr,
				  struct oracle_result *res);

/* What the shadow (walk or TLB) produced for one L2 access */
struct oracle_observed {
	int pgm; /* 0: translated; else the code it raised */
	uint64_t raddr; /* L0 real, if translated */
	bool prot; /* and its protection */
};

/* What a check found: the kinds of mismatch gmapbench counts */
enum oracle_mismatch {
	ORACLE_MATCH,
	ORACLE_MM_TRANSLATION, /* another frame, or none where one is used */
	ORACLE_MM_PROTECTION, /* writable where protected, or an L1 table
				 * entry L0 does not write-protect */
	ORACLE_MM_EXCEPTION, /* an exception missing, spurious or wrong */
	ORACLE_NR_MISMATCH_KINDS
};
/* "translation", "protection", "exception" */
const char *oracle_mismatch_name(enum oracle_mismatch kind);

/*
 * Checks one L2 access (write: a store) against the composition. A shadow
 * fault is never a mismatch (shadows fill lazily; the fault path resolves
 * or reflects). A translation is a mismatch if the composition faults
 * (ORACLE_MM_EXCEPTION: the exception is missing), or gives another real
 * address (ORACLE_MM_TRANSLATION), or is protected where the shadow
 * translation is writable, for fetches too: such an entry is wrong already
 * (ORACLE_MM_PROTECTION). Returns ORACLE_MATCH if consistent, else the
 * kind with a one-line description (the L2 address, the L1 frame the
 * shadow used and the one expected, which level) in msg.
 */
enum oracle_mismatch oracle_check(const struct oracle_l1 *l1, uint64_t l2_asce,
				  unsigned int edat, uint64_t l2addr,
				  bool write, const struct oracle_observed *got,
				  char *msg, size_t msglen);

/* A program interruption reflected to L1 for an L2 access */
struct oracle_exception {
	int pgm; /* program-interruption code */
	uint64_t teid; /* translation-exception identification */
};
/* The TEID of a DAT exception for l2addr: bits 0-51 the page, bits 52-53
 * 10 fetch / 01 store, bit 61 for protection (DAT protection); primary
 * space (bits 62-63 zero); 0 for an addressing exception */
uint64_t oracle_teid(uint64_t l2addr, bool write, int pgm);

/*
 * Checks an exception the shadow code reflected to L1 for an L2 access
 * (write: a store) against the oracle's walk of L1's tables: the code
 * (which names the table level) and the TEID must be those that walk
 * raises, or DAT protection for a store that L1's tables protect; an
 * exception where L1's tables translate and allow the access is spurious.
 * A walk that needs an L1 table page L0 does not map cannot be judged
 * (match). Returns ORACLE_MATCH or ORACLE_MM_EXCEPTION with msg.
 */
enum oracle_mismatch oracle_check_exception(const struct oracle_l1 *l1,
					    uint64_t l2_asce, unsigned int edat,
					    uint64_t l2addr, bool write,
					    const struct oracle_exception *got,
					    char *msg, size_t msglen);

/*
 * Shadow coherence, for an L2 address the shadow translates: every L1 table
 * entry the translation depends on must lie in an L1 page that L0 keeps
 * write-protected (the shadow's origin protection), else a store by L1 to
 * it would not unshadow. Returns 0, or ORACLE_MM_PROTECTION with msg
 * naming the level and the L1 address. Only meaningful where the
 * composition translates (ORACLE_OK).
 */
int oracle_check_protected(const struct oracle_l1 *l1, uint64_t l2_asce,
			   unsigned int edat, uint64_t l2addr, char *msg,
			   size_t msglen);

#endif /* GMAPBENCH_MACHINE_ORACLE_H */
