// SPDX-License-Identifier: GPL-2.0
/*
 * The translation oracle: L1's tables for L2 composed with L0's gmap for L1,
 * by two DAT walks of its own, read-only.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oracle.h"

/* L1 absolute storage, seen through L0's gmap for L1 */
struct l1_view {
	const struct oracle_l1 *l1;
	const struct dat_mem *l0mem;
	int l0_pgm; /* the gmap walk that failed, 0 if none */
	uint64_t l0_fault_addr; /* the L1 absolute address it was for */
	bool beyond; /* an entry beyond L1 memory (l0_fault_addr) */
	unsigned int nreads; /* entries read so far, one per level */
	bool read_prot[DAT_NR_LEVELS]; /* L0 protects the page of read i */
};

/* An L1 absolute address beyond L1 memory: an addressing exception */
static bool beyond_l1(const struct oracle_l1 *l1, uint64_t l1abs)
{
	return l1->l1_mem_bytes && l1abs >= l1->l1_mem_bytes;
}

static void *l1_ptr(void *ctx, uint64_t l1abs, unsigned int len)
{
	struct l1_view *v = ctx;
	struct dat_result r;
	int rc;

	if (beyond_l1(v->l1, l1abs)) {
		v->beyond = true;
		v->l0_fault_addr = l1abs;
		return NULL;
	}
	rc = dat_translate(v->l1->gmap_asce, l1abs, v->l1->gmap_edat, v->l0mem,
			   &r);
	if (rc) {
		v->l0_pgm = rc;
		v->l0_fault_addr = l1abs;
		return NULL;
	}
	if (v->nreads < DAT_NR_LEVELS)
		v->read_prot[v->nreads++] = r.prot;
	return v->l0mem->ptr(v->l0mem->ctx, r.raddr, len);
}

enum oracle_kind oracle_translate(const struct oracle_l1 *l1, uint64_t l2_asce,
				  unsigned int edat, uint64_t l2addr,
				  struct oracle_result *res)
{
	struct l1_view view = {.l1 = l1,
			       .l0mem = l1->l0mem ? l1->l0mem : &dat_mem_vr};
	const struct dat_mem l1mem = {.ptr = l1_ptr, .ctx = &view};
	struct dat_result w1, w0;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = dat_translate(l2_asce, l2addr, edat, &l1mem, &w1);
	memcpy(res->l1_entry, w1.entry, sizeof(res->l1_entry));
	memcpy(res->l1_value, w1.value, sizeof(res->l1_value));
	for (unsigned int i = 0; i < view.nreads; i++)
		if (!view.read_prot[i])
			res->l1_table_unprot |= (uint8_t)(1u << (w1.top + i));
	if (rc) {
		res->level = w1.fault_level;
		if (rc == DAT_PGM_ADDRESSING && view.beyond) {
			res->pgm = DAT_PGM_ADDRESSING;
			res->l1abs = view.l0_fault_addr;
			return res->kind = ORACLE_L1_FAULT;
		}
		if (rc == DAT_PGM_ADDRESSING && view.l0_pgm) {
			/* the page of L1's table entry is not mapped by L0 */
			res->pgm = view.l0_pgm;
			res->l1abs = view.l0_fault_addr;
			return res->kind = ORACLE_L0_FAULT;
		}
		res->pgm = rc;
		return res->kind = ORACLE_L1_FAULT;
	}
	res->l1abs = w1.raddr;
	res->l1_prot = w1.prot;
	res->frame_size = w1.frame_size;
	if (beyond_l1(l1, w1.raddr)) {
		/* the frame: gmap_shadow_page() finds no L0 mapping */
		res->level = DAT_NR_LEVELS;
		res->pgm = DAT_PGM_ADDRESSING;
		return res->kind = ORACLE_L1_FAULT;
	}

	rc = dat_translate(l1->gmap_asce, w1.raddr, l1->gmap_edat, view.l0mem,
			   &w0);
	if (rc) {
		res->level = DAT_NR_LEVELS;
		res->pgm = rc;
		return res->kind = ORACLE_L0_FAULT;
	}
	res->l0real = w0.raddr;
	res->l0_prot = w0.prot;
	res->prot = res->l1_prot || res->l0_prot;
	return res->kind = ORACLE_OK;
}

const char *oracle_mismatch_name(enum oracle_mismatch kind)
{
	static const char *const names[] = {
		[ORACLE_MATCH] = "match",
		[ORACLE_MM_TRANSLATION] = "translation",
		[ORACLE_MM_PROTECTION] = "protection",
		[ORACLE_MM_EXCEPTION] = "exception",
	};

	return kind < ORACLE_NR_MISMATCH_KINDS ? names[kind] : "?";
}

/* "L1 0x2000 (L0 0x7f..)": the L1 frame behind an L0 real address */
static const char *frame_name(const struct oracle_l1 *l1, uint64_t l0real,
			      char *buf, size_t len)
{
	uint64_t l1abs =
		l1->l1_of_l0 ? l1->l1_of_l0(l1->ctx, l0real) : ORACLE_NO_L1;

	if (l1abs == ORACLE_NO_L1)
		snprintf(buf, len, "no L1 frame (L0 %#" PRIx64 ")", l0real);
	else
		snprintf(buf, len, "L1 %#" PRIx64 " (L0 %#" PRIx64 ")",
			 (uint64_t)(l1abs & ~(DAT_PAGE_SIZE - 1)), l0real);
	return buf;
}

/* Where L1's walk faulted: "L1's page table (entry at L1 0x.. = 0x..)",
 * or, for a table-length or -offset violation, no entry was read */
static void fault_site(const struct oracle_result *r, char *buf, size_t len)
{
	if (r->pgm == DAT_PGM_ADDRESSING) {
		snprintf(buf, len, "L1 %#" PRIx64 " beyond L1 memory (%s)",
			 (uint64_t)(r->level < DAT_NR_LEVELS
					    ? r->l1abs
					    : r->l1abs & ~(DAT_PAGE_SIZE - 1)),
			 r->level < DAT_NR_LEVELS ? dat_level_name(r->level)
						  : "the frame");
	} else if (r->level >= DAT_NR_LEVELS) {
		snprintf(buf, len, "L0's gmap for the frame");
	} else if (r->l1_entry[r->level] == DAT_NO_ENTRY) {
		snprintf(buf, len,
			 "L1's %s table (index beyond the length or below the "
			 "offset of the table above)",
			 dat_level_name(r->level));
	} else {
		snprintf(buf, len,
			 "L1's %s table (entry at L1 %#" PRIx64 " = %#" PRIx64
			 ")",
			 dat_level_name(r->level), r->l1_entry[r->level],
			 r->l1_value[r->level]);
	}
}

enum oracle_mismatch oracle_check(const struct oracle_l1 *l1, uint64_t l2_asce,
				  unsigned int edat, uint64_t l2addr,
				  bool write, const struct oracle_observed *got,
				  char *msg, size_t msglen)
{
	const char *op = write ? "store" : "fetch";
	char used[80], want[80], site[160];
	struct oracle_result r;

	if (msglen)
		msg[0] = 0;
	if (got->pgm)
		return ORACLE_MATCH; /* a shadow fault: the fault path decides */
	oracle_translate(l1, l2_asce, edat, l2addr, &r);
	frame_name(l1, got->raddr, used, sizeof(used));
	switch (r.kind) {
	case ORACLE_L1_FAULT:
		fault_site(&r, site, sizeof(site));
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: the shadow uses %s, expected no "
			 "frame but a %s exception (0x%02x) from %s",
			 l2addr, op, used, dat_pgm_name(r.pgm), r.pgm, site);
		return ORACLE_MM_EXCEPTION;
	case ORACLE_L0_FAULT:
		snprintf(
			msg, msglen,
			"L2 %#" PRIx64 " %s: the shadow uses %s, expected no "
			"frame: L0's gmap has no translation (%s) for L1 %#" PRIx64
			" (the %s %s)",
			l2addr, op, used, dat_pgm_name(r.pgm), r.l1abs,
			dat_level_name(r.level),
			r.level < DAT_NR_LEVELS ? "table entry"
						: "of L2's page");
		return ORACLE_MM_TRANSLATION;
	case ORACLE_OK:
		break;
	}
	if (got->raddr != r.l0real) {
		snprintf(want, sizeof(want),
			 "L1 %#" PRIx64 " (L0 %#" PRIx64 ")",
			 (uint64_t)(r.l1abs & ~(DAT_PAGE_SIZE - 1)), r.l0real);
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: the shadow uses %s, expected %s "
			 "(L1 %s entry %#" PRIx64 ")",
			 l2addr, op, used, want,
			 r.frame_size == DAT_PAGE_SIZE	    ? "page"
			 : r.frame_size == DAT_SEGMENT_SIZE ? "segment"
							    : "region-third",
			 r.frame_size == DAT_PAGE_SIZE ? r.l1_value[DAT_LVL_PT]
			 : r.frame_size == DAT_SEGMENT_SIZE
				 ? r.l1_value[DAT_LVL_SG]
				 : r.l1_value[DAT_LVL_R3]);
		return ORACLE_MM_TRANSLATION;
	}
	if (r.prot && !got->prot) {
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: the shadow maps %s writable, "
			 "expected protected by %s%s%s",
			 l2addr, op, used, r.l1_prot ? "L1's tables" : "",
			 r.l1_prot && r.l0_prot ? " and " : "",
			 r.l0_prot ? "L0's gmap (L1 page protected)" : "");
		return ORACLE_MM_PROTECTION;
	}
	return ORACLE_MATCH;
}

uint64_t oracle_teid(uint64_t l2addr, bool write, int pgm)
{
	if (pgm == DAT_PGM_ADDRESSING)
		return 0; /* an intercept, no TEID */
	return (uint64_t)(l2addr & ~(DAT_PAGE_SIZE - 1)) |
	       (write ? 0x400 : 0x800) | (pgm == DAT_PGM_PROTECTION ? 0x4 : 0);
}

enum oracle_mismatch oracle_check_exception(const struct oracle_l1 *l1,
					    uint64_t l2_asce, unsigned int edat,
					    uint64_t l2addr, bool write,
					    const struct oracle_exception *got,
					    char *msg, size_t msglen)
{
	const char *op = write ? "store" : "fetch";
	struct oracle_result r;
	char site[160], frame[80];
	int pgm = 0;

	if (msglen)
		msg[0] = 0;
	switch (oracle_translate(l1, l2_asce, edat, l2addr, &r)) {
	case ORACLE_L1_FAULT:
		pgm = r.pgm;
		break;
	case ORACLE_L0_FAULT:
		if (r.level < DAT_NR_LEVELS)
			return ORACLE_MATCH; /* L0 must map a table first */
		break; /* L1's walk succeeded, L0 did not map the frame */
	case ORACLE_OK:
		break;
	}
	if (r.kind != ORACLE_L1_FAULT && write && r.l1_prot)
		pgm = DAT_PGM_PROTECTION;
	if (!pgm) {
		snprintf(frame, sizeof(frame), "L1 %#" PRIx64,
			 (uint64_t)(r.l1abs & ~(DAT_PAGE_SIZE - 1)));
		snprintf(msg, msglen,
			 "L2 %#" PRIx64
			 " %s: %s exception (0x%02x, TEID %#" PRIx64
			 ") reflected to L1, expected none: L1's tables map %s"
			 "%s",
			 l2addr, op, dat_pgm_name(got->pgm), got->pgm,
			 got->teid, frame,
			 r.l1_prot ? " protected" : " writable");
		return ORACLE_MM_EXCEPTION;
	}
	if (got->pgm == pgm && got->teid == oracle_teid(l2addr, write, pgm))
		return ORACLE_MATCH;
	if (pgm == DAT_PGM_PROTECTION)
		snprintf(site, sizeof(site), "L1's tables protect L1 %#" PRIx64,
			 (uint64_t)(r.l1abs & ~(DAT_PAGE_SIZE - 1)));
	else
		fault_site(&r, site, sizeof(site));
	snprintf(msg, msglen,
		 "L2 %#" PRIx64 " %s: %s exception (0x%02x, TEID %#" PRIx64
		 ") reflected to L1, expected %s (0x%02x, TEID %#" PRIx64
		 ") from %s",
		 l2addr, op, dat_pgm_name(got->pgm), got->pgm, got->teid,
		 dat_pgm_name(pgm), pgm, oracle_teid(l2addr, write, pgm), site);
	return ORACLE_MM_EXCEPTION;
}

int oracle_check_protected(const struct oracle_l1 *l1, uint64_t l2_asce,
			   unsigned int edat, uint64_t l2addr, char *msg,
			   size_t msglen)
{
	struct oracle_result r;
	unsigned int l;

	if (msglen)
		msg[0] = 0;
	if (oracle_translate(l1, l2_asce, edat, l2addr, &r) != ORACLE_OK ||
	    !r.l1_table_unprot)
		return 0;
	for (l = 0; !(r.l1_table_unprot & (1u << l)); l++)
		;
	snprintf(msg, msglen,
		 "L2 %#" PRIx64 ": the shadow uses L1 %#" PRIx64
		 " through L1's %s table entry at L1 %#" PRIx64
		 ", in a page L0 does not write-protect: a store by L1 "
		 "there would not unshadow",
		 l2addr, (uint64_t)(r.l1abs & ~(DAT_PAGE_SIZE - 1)),
		 dat_level_name(l), r.l1_entry[l]);
	return ORACLE_MM_PROTECTION;
}
