// SPDX-License-Identifier: GPL-2.0
/*
 * TLB model and the purging instructions (PoP: "Translation-Lookaside
 * Buffer", IPTE, IDTE, CSP/CSPG, CRDTE, PTLB).
 *
 * Reverse index: every valid entry links one node per table entry it was
 * formed from into a hash chain keyed by that entry's real address, so a
 * purge by table entry visits only the entries that may match.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tlb.h"

#define NODE(slot, lvl) ((int32_t)((slot)*DAT_NR_LEVELS + (lvl)))
#define NODE_SLOT(n) ((uint64_t)(n) / DAT_NR_LEVELS)
#define NODE_LVL(n) ((unsigned int)((uint64_t)(n) % DAT_NR_LEVELS))

static unsigned int pow2_at_least(unsigned int v)
{
	unsigned int p = 1;

	while (p < v)
		p <<= 1;
	return p;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t bucket_of(const struct tlb *t, uint64_t eaddr)
{
	return ((eaddr >> 3) * 0x9e3779b97f4a7c15ULL >> 20) & t->nbuckets_mask;
}

static struct tlb_link *link_of(struct tlb *t, int32_t n)
{
	return &t->e[NODE_SLOT(n)].link[NODE_LVL(n)];
}

static void reset_all(struct tlb *t)
{
	uint64_t i, n = (uint64_t)t->sets * t->ways;
	unsigned int l;

	for (i = 0; i < n; i++) {
		t->e[i].vpage = TLB_VPAGE_NONE;
		t->e[i].tag = 0;
		for (l = 0; l < DAT_NR_LEVELS; l++) {
			t->e[i].entry[l] = DAT_NO_ENTRY;
			t->e[i].link[l].next = t->e[i].link[l].prev = -1;
		}
	}
	memset(t->bucket, 0xff, (t->nbuckets_mask + 1) * sizeof(*t->bucket));
	t->nvalid = 0;
	t->ncrste = 0;
}

int tlb_init(struct tlb *t, unsigned int sets, unsigned int ways, uint64_t seed)
{
	uint64_t n, nb, s = seed;
	unsigned int i;

	memset(t, 0, sizeof(*t));
	if (!sets)
		sets = TLB_DEFAULT_SETS;
	if (!ways)
		ways = TLB_DEFAULT_WAYS;
	if (sets > (1u << 20) || ways > 64)
		return -EINVAL;
	t->sets = pow2_at_least(sets);
	t->ways = pow2_at_least(ways);
	t->set_shift = (unsigned int)__builtin_ctz(t->sets);
	n = (uint64_t)t->sets * t->ways;
	nb = pow2_at_least((unsigned int)(n * 2));
	t->nbuckets_mask = nb - 1;
	t->e = calloc(n, sizeof(*t->e));
	t->victim = calloc(t->sets, sizeof(*t->victim));
	t->bucket = calloc(nb, sizeof(*t->bucket));
	if (!t->e || !t->victim || !t->bucket) {
		tlb_free(t);
		return -ENOMEM;
	}
	for (i = 0; i < t->sets; i++)
		t->victim[i] = (uint32_t)(splitmix(&s) & (t->ways - 1));
	t->crste = true;
	reset_all(t);
	return 0;
}

void tlb_free(struct tlb *t)
{
	free(t->e);
	free(t->victim);
	free(t->bucket);
	t->e = NULL;
	t->victim = NULL;
	t->bucket = NULL;
}

static void node_link(struct tlb *t, int32_t n, uint64_t eaddr)
{
	int32_t *head = &t->bucket[bucket_of(t, eaddr)];
	struct tlb_link *l = link_of(t, n);

	l->prev = -1;
	l->next = *head;
	if (*head >= 0)
		link_of(t, *head)->prev = n;
	*head = n;
}

static void node_unlink(struct tlb *t, int32_t n, uint64_t eaddr)
{
	struct tlb_link *l = link_of(t, n);

	if (l->prev >= 0)
		link_of(t, l->prev)->next = l->next;
	else
		t->bucket[bucket_of(t, eaddr)] = l->next;
	if (l->next >= 0)
		link_of(t, l->next)->prev = l->prev;
	l->next = l->prev = -1;
}

static void slot_clear(struct tlb *t, uint64_t slot)
{
	struct tlb_entry *e = &t->e[slot];
	unsigned int l;

	for (l = 0; l < DAT_NR_LEVELS; l++) {
		if (e->entry[l] != DAT_NO_ENTRY) {
			node_unlink(t, NODE(slot, l), e->entry[l]);
			e->entry[l] = DAT_NO_ENTRY;
		}
	}
	if (e->vpage & TLB_CRSTE_KEY)
		t->ncrste--;
	else
		t->nvalid--;
	e->vpage = TLB_VPAGE_NONE;
}

/* Enters key (a vpage or a CRSTE key) of tag, formed from entries[] */
static void insert_key(struct tlb *t, uint64_t tag, uint64_t key,
		       uint64_t rpage, bool prot, uint8_t order,
		       const uint64_t *entries, unsigned int nlevels)
{
	unsigned int set = tlb_set_of(t, tag, key), w, way = t->ways, l;
	uint64_t base = (uint64_t)set * t->ways, slot;
	struct tlb_entry *e;

	for (w = 0; w < t->ways; w++) {
		e = &t->e[base + w];
		if (e->vpage == key && e->tag == tag) {
			slot_clear(t, base + w); /* re-formed: replace */
			way = w;
			break;
		}
		if (e->vpage == TLB_VPAGE_NONE && way == t->ways)
			way = w;
	}
	if (way == t->ways) {
		way = t->victim[set];
		t->victim[set] = (way + 1) & (t->ways - 1);
		slot_clear(t, base + way);
		t->st.evictions++;
	}
	slot = base + way;
	e = &t->e[slot];
	e->vpage = key;
	e->tag = tag;
	e->rpage = rpage;
	e->prot = prot;
	e->frame_order = order;
	for (l = 0; l < DAT_NR_LEVELS; l++) {
		e->entry[l] = l < nlevels ? entries[l] : DAT_NO_ENTRY;
		if (e->entry[l] != DAT_NO_ENTRY)
			node_link(t, NODE(slot, l), e->entry[l]);
	}
	if (key & TLB_CRSTE_KEY)
		t->ncrste++;
	else
		t->nvalid++;
}

void tlb_insert(struct tlb *t, uint64_t asce, uint64_t vaddr,
		const struct dat_result *res)
{
	insert_key(t, asce & DAT_ASCE_ORIGIN, vaddr >> 12,
		   res->raddr & ~0xfffULL, res->prot,
		   (uint8_t)__builtin_ctzll(res->frame_size), res->entry,
		   DAT_NR_LEVELS);
	t->st.inserts++;
}

static struct tlb_entry *find_key(struct tlb *t, uint64_t tag, uint64_t key)
{
	struct tlb_entry *e =
		t->e + (uint64_t)tlb_set_of(t, tag, key) * t->ways;
	unsigned int w;

	for (w = 0; w < t->ways; w++, e++)
		if (e->vpage == key && e->tag == tag)
			return e;
	return NULL;
}

/* The protection the region and segment entries of a walk contribute */
static bool upper_prot(const struct dat_result *res, unsigned int edat)
{
	unsigned int l;

	for (l = DAT_LVL_R1; l < DAT_LVL_SG; l++)
		if (res->value[l] != DAT_NO_ENTRY && (edat & DAT_EDAT1) &&
		    (res->value[l] & DAT_RTE_PROT))
			return true;
	return res->value[DAT_LVL_SG] & DAT_STE_PROT;
}

/* The page-table step of DAT from a CRSTE (as the walker does it) */
static int page_step(const struct tlb_entry *c, uint64_t asce, uint64_t vaddr,
		     const struct dat_mem *mem, struct dat_result *res)
{
	uint64_t eaddr = c->rpage + DAT_PX(vaddr) * 8ULL, e;
	const uint64_t *p;
	unsigned int l;

	res->prot = c->prot;
	for (l = 0; l < DAT_NR_LEVELS; l++) {
		res->entry[l] = l < DAT_LVL_PT ? c->entry[l] : eaddr;
		res->value[l] = DAT_NO_ENTRY;
	}
	res->top = (uint8_t)(3 - ((asce & DAT_ASCE_DT_MASK) >> 2));
	res->fault_level = DAT_LVL_PT;
	p = (!mem || mem == &dat_mem_vr) ? (const uint64_t *)(uintptr_t)eaddr
					 : mem->ptr(mem->ctx, eaddr, 8);
	if (!p)
		return DAT_PGM_ADDRESSING;
	e = *p;
	res->value[DAT_LVL_PT] = e;
	if (e & DAT_PTE_INVALID)
		return DAT_PGM_PAGE;
	if (e & DAT_PTE_ZERO)
		return DAT_PGM_TRANS_SPEC;
	res->prot |= !!(e & DAT_PTE_PROT);
	res->raddr = (e & DAT_PTE_PFRA) | (vaddr & 0xfff);
	res->frame_size = DAT_PAGE_SIZE;
	return 0;
}

int tlb_translate(struct tlb *t, uint64_t asce, uint64_t vaddr,
		  unsigned int edat, const struct dat_mem *mem, uint64_t *raddr,
		  bool *prot, struct dat_result *res)
{
	uint64_t tag = asce & DAT_ASCE_ORIGIN;
	uint64_t ckey = (vaddr >> 20) | TLB_CRSTE_KEY;
	bool use_crste = t->crste && !(asce & DAT_ASCE_REAL_SPACE);
	struct tlb_entry *c = NULL;
	struct dat_result local;
	int rc;

	if (tlb_lookup(t, asce, vaddr, raddr, prot))
		return 0;
	if (!res)
		res = &local;
	if (use_crste)
		c = find_key(t, tag, ckey);
	if (c) {
		t->st.crste_hits++;
		rc = page_step(c, asce, vaddr, mem, res);
	} else {
		rc = dat_translate(asce, vaddr, edat, mem, res);
		if (!rc && use_crste &&
		    res->entry[DAT_LVL_PT] != DAT_NO_ENTRY) {
			insert_key(t, tag, ckey,
				   res->value[DAT_LVL_SG] & DAT_STE_PTO,
				   upper_prot(res, edat), 20, res->entry,
				   DAT_LVL_PT);
			t->st.crste_inserts++;
		}
	}
	if (rc)
		return rc;
	tlb_insert(t, asce, vaddr, res);
	*raddr = res->raddr;
	*prot = res->prot;
	return 0;
}

uint64_t tlb_purge_entry(struct tlb *t, uint64_t eaddr, uint64_t asce,
			 unsigned int opts)
{
	uint64_t tag = asce & DAT_ASCE_ORIGIN, slot, cleared = 0;
	int32_t n = t->bucket[bucket_of(t, eaddr)], nx;

	while (n >= 0) {
		slot = NODE_SLOT(n);
		nx = link_of(t, n)->next;
		if (t->e[slot].entry[NODE_LVL(n)] == eaddr &&
		    (!(opts & TLB_OPT_GUEST_ASCE) || t->e[slot].tag == tag)) {
			/* the entry's other nodes may follow in this chain */
			while (nx >= 0 && NODE_SLOT(nx) == slot)
				nx = link_of(t, nx)->next;
			if (t->e[slot].vpage & TLB_CRSTE_KEY)
				t->st.crste_purged++;
			else
				cleared++;
			slot_clear(t, slot);
		}
		n = nx;
	}
	t->st.purged += cleared;
	return cleared;
}

static uint64_t *entry_ptr(const struct dat_mem *mem, uint64_t raddr)
{
	if (!mem)
		mem = &dat_mem_vr;
	return mem->ptr(mem->ctx, raddr, 8);
}

int tlb_ipte(struct tlb *t, const struct dat_mem *mem, uint64_t pto,
	     uint64_t vaddr, unsigned int count, uint64_t asce,
	     unsigned int opts)
{
	unsigned int idx = DAT_PX(vaddr), i;
	uint64_t eaddr, *p;

	t->st.ipte++;
	if (opts & TLB_OPT_LOCAL)
		t->st.ipte_local++;
	if (count > 255 - idx)
		count = 255 - idx;
	for (i = 0; i <= count; i++) {
		eaddr = (pto & ~0x7ffULL) + (idx + i) * 8ULL;
		p = entry_ptr(mem, eaddr);
		if (!p)
			return DAT_PGM_ADDRESSING;
		*p |= DAT_PTE_INVALID;
		t->st.ipte_ptes++;
		tlb_purge_entry(t, eaddr, asce, opts);
	}
	return 0;
}

int tlb_idte(struct tlb *t, const struct dat_mem *mem, uint64_t table,
	     uint64_t vaddr, unsigned int count, uint64_t asce,
	     unsigned int opts)
{
	unsigned int level =
		3 - (unsigned int)((table & DAT_ASCE_DT_MASK) >> 2);
	unsigned int idx = (unsigned int)(vaddr >> (53 - 11 * level)) & 0x7ff;
	unsigned int i;
	uint64_t eaddr, *p;

	t->st.idte++;
	if (opts & TLB_OPT_LOCAL)
		t->st.idte_local++;
	if (count > 2047 - idx)
		count = 2047 - idx;
	for (i = 0; i <= count; i++) {
		eaddr = (table & DAT_ASCE_ORIGIN) + (idx + i) * 8ULL;
		p = entry_ptr(mem, eaddr);
		if (!p)
			return DAT_PGM_ADDRESSING;
		*p |= DAT_RTE_INVALID; /* the same bit in segment entries */
		tlb_purge_entry(t, eaddr, asce, opts);
	}
	return 0;
}

void tlb_idte_asce(struct tlb *t, uint64_t asce, unsigned int opts)
{
	uint64_t tag = asce & DAT_ASCE_ORIGIN, i;
	uint64_t n = (uint64_t)t->sets * t->ways;

	t->st.idte++;
	t->st.idte_asce++;
	if (opts & TLB_OPT_LOCAL)
		t->st.idte_local++;
	for (i = 0; i < n; i++) {
		if (t->e[i].vpage != TLB_VPAGE_NONE && t->e[i].tag == tag) {
			if (t->e[i].vpage & TLB_CRSTE_KEY)
				t->st.crste_purged++;
			else
				t->st.purged++;
			slot_clear(t, i);
		}
	}
}

static void purge_all(struct tlb *t)
{
	t->st.purged += t->nvalid;
	t->st.crste_purged += t->ncrste;
	if (t->nvalid || t->ncrste)
		reset_all(t);
}

int tlb_csp(struct tlb *t, const struct dat_mem *mem, uint64_t raddr,
	    unsigned int len, uint64_t old, uint64_t new_val, bool purge,
	    uint64_t *cur)
{
	void *p;
	uint64_t v;

	if (!mem)
		mem = &dat_mem_vr;
	p = mem->ptr(mem->ctx, raddr & ~(uint64_t)(len - 1), len);
	if (!p)
		return -DAT_PGM_ADDRESSING;
	t->st.csp++;
	v = len == 4 ? *(uint32_t *)p : *(uint64_t *)p;
	if (len == 4)
		old = (uint32_t)old;
	if (v != old) {
		if (cur)
			*cur = v;
		return 1;
	}
	if (len == 4)
		*(uint32_t *)p = (uint32_t)new_val;
	else
		*(uint64_t *)p = new_val;
	if (purge) {
		t->st.csp_purges++;
		purge_all(t);
	}
	return 0;
}

int tlb_crdte(struct tlb *t, const struct dat_mem *mem, uint64_t old,
	      uint64_t new_val, uint64_t table, enum dat_level dtt,
	      uint64_t vaddr, uint64_t asce, unsigned int opts, uint64_t *cur)
{
	uint64_t eaddr, *p;

	if (dtt == DAT_LVL_PT)
		eaddr = (table & ~0x7ffULL) + DAT_PX(vaddr) * 8ULL;
	else
		eaddr = (table & DAT_ASCE_ORIGIN) +
			((vaddr >> (53 - 11 * (unsigned int)dtt)) & 0x7ff) * 8;
	p = entry_ptr(mem, eaddr);
	if (!p)
		return -DAT_PGM_ADDRESSING;
	t->st.crdte++;
	if (*p != old) {
		if (cur)
			*cur = *p;
		return 1;
	}
	*p = new_val;
	t->st.crdte_replaced++;
	tlb_purge_entry(t, eaddr, asce, opts);
	return 0;
}

void tlb_ptlb(struct tlb *t)
{
	t->st.ptlb++;
	purge_all(t);
}
