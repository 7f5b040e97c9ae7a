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
	unsigned int nreads; /* entries read so far, one per level */
	bool read_prot[DAT_NR_LEVELS]; /* L0 protects the page of read i */
};

static void *l1_ptr(void *ctx, uint64_t l1abs, unsigned int len)
{
	struct l1_view *v = ctx;
	struct dat_result r;
	int rc;

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

int oracle_check(const struct oracle_l1 *l1, uint64_t l2_asce,
		 unsigned int edat, uint64_t l2addr, bool write,
		 const struct oracle_observed *got, char *msg, size_t msglen)
{
	struct oracle_result r;

	if (msglen)
		msg[0] = 0;
	if (got->pgm)
		return 0; /* a shadow fault: the fault path decides */
	oracle_translate(l1, l2_asce, edat, l2addr, &r);
	switch (r.kind) {
	case ORACLE_L1_FAULT:
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: shadow translates to L0 %#" PRIx64
			 ", expected %s exception (0x%02x) from L1's %s table"
			 " (entry at L1 %#" PRIx64 " = %#" PRIx64 ")",
			 l2addr, write ? "store" : "fetch", got->raddr,
			 dat_pgm_name(r.pgm), r.pgm, dat_level_name(r.level),
			 r.level < DAT_NR_LEVELS ? r.l1_entry[r.level] : 0,
			 r.level < DAT_NR_LEVELS ? r.l1_value[r.level] : 0);
		return 1;
	case ORACLE_L0_FAULT:
		snprintf(
			msg, msglen,
			"L2 %#" PRIx64 " %s: shadow translates to L0 %#" PRIx64
			", but L0's gmap has no translation (%s) for L1 %#" PRIx64
			" (the %s %s)",
			l2addr, write ? "store" : "fetch", got->raddr,
			dat_pgm_name(r.pgm), r.l1abs, dat_level_name(r.level),
			r.level < DAT_NR_LEVELS ? "table entry"
						: "of L2's page");
		return 1;
	case ORACLE_OK:
		break;
	}
	if (got->raddr != r.l0real) {
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: shadow translates to L0 %#" PRIx64
			 ", expected L0 %#" PRIx64 " (L1 %#" PRIx64
			 ", L1 %s entry %#" PRIx64 ")",
			 l2addr, write ? "store" : "fetch", got->raddr,
			 r.l0real, r.l1abs,
			 r.frame_size == DAT_PAGE_SIZE	    ? "page"
			 : r.frame_size == DAT_SEGMENT_SIZE ? "segment"
							    : "region-third",
			 r.frame_size == DAT_PAGE_SIZE ? r.l1_value[DAT_LVL_PT]
			 : r.frame_size == DAT_SEGMENT_SIZE
				 ? r.l1_value[DAT_LVL_SG]
				 : r.l1_value[DAT_LVL_R3]);
		return 1;
	}
	if (r.prot && !got->prot) {
		snprintf(msg, msglen,
			 "L2 %#" PRIx64 " %s: shadow translates to L0 %#" PRIx64
			 " writable, expected protected by %s%s%s",
			 l2addr, write ? "store" : "fetch", got->raddr,
			 r.l1_prot ? "L1's tables" : "",
			 r.l1_prot && r.l0_prot ? " and " : "",
			 r.l0_prot ? "L0's gmap (L1 page protected)" : "");
		return 1;
	}
	return 0;
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
		 "L2 %#" PRIx64 ": L1's %s table entry at L1 %#" PRIx64
		 " is in a page L0 does not write-protect: a store by L1 "
		 "there would not unshadow",
		 l2addr, dat_level_name(l), r.l1_entry[l]);
	return 1;
}
