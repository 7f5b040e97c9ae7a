// SPDX-License-Identifier: GPL-2.0
/*
 * L2 gmap tables in L1 memory, in s390 DAT format (dat-format.h). Entries
 * of a live table are changed the architected way: invalidate, then store
 * the new value. On host/sim each of those stores is what L0 sees.
 */
#include "l1.h"

static unsigned int index_of(enum l1_level level, uint64_t a)
{
	switch (level) {
	case L1_LVL_R1:
		return L1_RFX(a);
	case L1_LVL_R2:
		return L1_RSX(a);
	case L1_LVL_R3:
		return L1_RTX(a);
	case L1_LVL_SG:
		return L1_SX(a);
	default:
		return L1_PX(a);
	}
}

/* The invalid entry of a table of that level */
static uint64_t empty_entry(enum l1_level level)
{
	static const uint64_t empty[L1_NR_LEVELS] = {
		[L1_LVL_R1] = L1_RTE_TT_R1 | L1_RTE_INVALID,
		[L1_LVL_R2] = L1_RTE_TT_R2 | L1_RTE_INVALID,
		[L1_LVL_R3] = L1_RTE_TT_R3 | L1_RTE_INVALID,
		[L1_LVL_SG] = L1_STE_TT | L1_STE_INVALID,
		[L1_LVL_PT] = L1_PTE_INVALID,
	};
	return empty[level];
}

static uint64_t invalid_bit(enum l1_level level)
{
	return level == L1_LVL_PT ? L1_PTE_INVALID : L1_RTE_INVALID;
}

static bool is_frame(enum l1_level level, uint64_t e)
{
	return level == L1_LVL_PT ||
	       ((level == L1_LVL_R3 || level == L1_LVL_SG) && (e & L1_RTE_FC));
}

/* The entry of a table at level that designates the next table */
static uint64_t table_entry(enum l1_level level, uint64_t origin)
{
	static const uint64_t tt[L1_NR_LEVELS] = {
		[L1_LVL_R1] = L1_RTE_TT_R1 | L1_RTE_TL_FULL,
		[L1_LVL_R2] = L1_RTE_TT_R2 | L1_RTE_TL_FULL,
		[L1_LVL_R3] = L1_RTE_TT_R3 | L1_RTE_TL_FULL,
		[L1_LVL_SG] = L1_STE_TT,
	};
	return origin | tt[level];
}

static uint64_t table_origin(enum l1_level level, uint64_t e)
{
	return level == L1_LVL_SG ? e & L1_STE_PTO : e & L1_RTE_ORIGIN;
}

uint64_t l1_top_span(enum l1_level top)
{
	static const uint64_t span[] = {
		[L1_LVL_R1] = 0, /* the whole 64-bit space: 0 means 2^64 */
		[L1_LVL_R2] = L1_R1_SIZE,
		[L1_LVL_R3] = L1_R2_SIZE,
		[L1_LVL_SG] = L1_R3_SIZE,
	};
	return span[top];
}

uint64_t l1_entry_span(enum l1_level level)
{
	static const uint64_t span[] = {
		[L1_LVL_R1] = L1_R1_SIZE,   [L1_LVL_R2] = L1_R2_SIZE,
		[L1_LVL_R3] = L1_R3_SIZE,   [L1_LVL_SG] = L1_SEG_SIZE,
		[L1_LVL_PT] = L1_PAGE_SIZE,
	};
	return span[level];
}

enum l1_level l1_top_for_span(uint64_t span)
{
	if (span <= L1_R3_SIZE)
		return L1_LVL_SG;
	if (span <= L1_R2_SIZE)
		return L1_LVL_R3;
	if (span <= L1_R1_SIZE)
		return L1_LVL_R2;
	return L1_LVL_R1;
}

static bool in_reach(const struct l1_gmap *g, uint64_t l2addr)
{
	uint64_t span = l1_top_span(g->top);

	return !span || l2addr < span;
}

/* Allocates and clears a table for level; L1_NO_FRAME if out of memory */
static uint64_t new_table(struct l1_gmap *g, enum l1_level level)
{
	struct l1 *l1 = g->l1;
	bool pt = level == L1_LVL_PT;
	uint64_t t = l1_alloc(l1, pt ? L1_FRAME_PGT : L1_FRAME_CRST);

	if (t == L1_NO_FRAME)
		return t;
	l1_fill(l1, t, empty_entry(level),
		pt ? L1_PT_ENTRIES : L1_CRST_ENTRIES);
	l1->stats.tables_alloc++;
	g->tables++;
	return t;
}

int l1_gmap_create(struct l1_gmap *g, struct l1 *l1, enum l1_level top)
{
	static const uint64_t dt[] = {
		[L1_LVL_R1] = L1_ASCE_DT_R1,
		[L1_LVL_R2] = L1_ASCE_DT_R2,
		[L1_LVL_R3] = L1_ASCE_DT_R3,
		[L1_LVL_SG] = L1_ASCE_DT_SG,
	};

	g->l1 = l1;
	g->top = top;
	g->tables = 0;
	g->has_prefix = false;
	g->prefix = 0;
	if (top > L1_LVL_SG)
		return -22;
	g->top_origin = new_table(g, top);
	if (g->top_origin == L1_NO_FRAME)
		return -12;
	g->asce = g->top_origin | dt[top] | L1_ASCE_TL_FULL;
	return l1->err;
}

static void invalidate(struct l1_gmap *g, enum l1_level level, uint64_t entry,
		       uint64_t old, uint64_t l2addr)
{
	struct l1 *l1 = g->l1;
	struct l1_platform *p = l1->plat;
	int rc;

	l1->stats.invalidations++;
	if (!p->invalidate) {
		l1_store(l1, entry, old | invalid_bit(level));
		return;
	}
	rc = p->invalidate(p->ctx, level, entry, g->asce, l2addr);
	if (rc && !l1->err)
		l1->err = rc;
}

/* L1's instruction, or its failure as an error */
static void insn_rc(struct l1 *l1, int rc)
{
	if (rc && !l1->err)
		l1->err = rc > 0 ? -5 : rc; /* not equal: a race, none here */
}

/* Invalidate-then-change of a leaf; nothing if it already holds val */
static void set_entry(struct l1_gmap *g, enum l1_level level, uint64_t entry,
		      uint64_t val, uint64_t l2addr)
{
	struct l1 *l1 = g->l1;
	struct l1_platform *p = l1->plat;
	uint64_t old = l1_load(l1, entry);

	if (old == val)
		return;
	if (!(old & invalid_bit(level))) {
		l1->stats.rewrites++;
		if (l1->insn == L1_INSN_CRDTE && p->crdte &&
		    !(val & invalid_bit(level))) {
			insn_rc(l1, p->crdte(p->ctx, level, entry, old, val,
					     g->asce, l2addr));
			l1->stats.pages_mapped++;
			return;
		}
		if (l1->insn == L1_INSN_CSPG && p->cspg) {
			l1->stats.invalidations++;
			insn_rc(l1, p->cspg(p->ctx, entry, old,
					    old | invalid_bit(level)));
		} else {
			invalidate(g, level, entry, old, l2addr);
		}
	}
	l1_store(l1, entry, val);
	if (!(val & invalid_bit(level)))
		l1->stats.pages_mapped++;
}

/*
 * The L1 address of the entry at level for l2addr, creating the tables
 * above it if create. Returns 0, -2 (a table is missing), -17 (a frame is
 * in the way), -12 (out of memory).
 */
static int entry_at(struct l1_gmap *g, uint64_t l2addr, enum l1_level level,
		    bool create, uint64_t *entry)
{
	struct l1 *l1 = g->l1;
	uint64_t table = g->top_origin, e, e_addr, next;
	enum l1_level l;

	for (l = g->top; l < level; l++) {
		e_addr = table + 8ULL * index_of(l, l2addr);
		e = l1_load(l1, e_addr);
		if (l1->err)
			return l1->err;
		if (e & L1_RTE_INVALID) {
			if (!create)
				return -2;
			next = new_table(g, l + 1);
			if (next == L1_NO_FRAME)
				return -12;
			e = table_entry(l, next);
			l1_store(l1, e_addr, e);
		} else if (is_frame(l, e)) {
			return -17;
		}
		table = table_origin(l, e);
	}
	*entry = table + 8ULL * index_of(level, l2addr);
	return l1->err;
}

int l1_gmap_map(struct l1_gmap *g, uint64_t l2addr, uint64_t l1addr,
		enum l1_map_size size, unsigned int flags)
{
	static const enum l1_level leaf[] = {
		[L1_MAP_4K] = L1_LVL_PT,
		[L1_MAP_1M] = L1_LVL_SG,
		[L1_MAP_2G] = L1_LVL_R3,
	};
	static const uint64_t bytes[] = {
		[L1_MAP_4K] = L1_PAGE_SIZE,
		[L1_MAP_1M] = L1_SEG_SIZE,
		[L1_MAP_2G] = L1_R3_SIZE,
	};
	bool prot = flags & L1_MAP_PROT;
	uint64_t entry, val, old;
	int rc;

	if ((l2addr | l1addr) & (bytes[size] - 1))
		return -22;
	if (!in_reach(g, l2addr) || leaf[size] < g->top)
		return -34;
	rc = entry_at(g, l2addr, leaf[size], true, &entry);
	if (rc)
		return rc;
	switch (size) {
	case L1_MAP_4K:
		val = l1addr | (prot ? L1_PTE_PROT : 0);
		break;
	case L1_MAP_1M:
		val = l1addr | L1_STE_FC | L1_STE_TT | (prot ? L1_STE_PROT : 0);
		break;
	default:
		val = l1addr | L1_RTE_FC | L1_RTE_TT_R3 |
		      (prot ? L1_RTE_PROT : 0);
		break;
	}
	if (size != L1_MAP_4K) {
		/* a valid table below the entry is not ours to overwrite */
		old = l1_load(g->l1, entry);
		if (!(old & L1_RTE_INVALID) && !(old & L1_RTE_FC))
			return -17;
	}
	set_entry(g, leaf[size], entry, val, l2addr);
	return g->l1->err;
}

/* The valid leaf for l2addr: its level and entry address, or -2 */
static int find_leaf(struct l1_gmap *g, uint64_t l2addr, enum l1_level *level,
		     uint64_t *entry, uint64_t *val)
{
	struct l1_walk w;

	l1_gmap_walk(g, l2addr, &w);
	if (g->l1->err)
		return g->l1->err;
	if (!w.valid)
		return -2;
	*level = w.last;
	*entry = w.entry[w.last];
	*val = w.value[w.last];
	return 0;
}

int l1_gmap_unmap(struct l1_gmap *g, uint64_t l2addr)
{
	enum l1_level level;
	uint64_t entry, val;
	int rc = find_leaf(g, l2addr, &level, &entry, &val);

	if (rc)
		return rc;
	invalidate(g, level, entry, val, l2addr);
	return g->l1->err;
}

int l1_gmap_protect(struct l1_gmap *g, uint64_t l2addr, bool prot)
{
	enum l1_level level;
	uint64_t entry, val, bit;
	int rc = find_leaf(g, l2addr, &level, &entry, &val);

	if (rc)
		return rc;
	bit = level == L1_LVL_PT ? L1_PTE_PROT : L1_RTE_PROT;
	set_entry(g, level, entry, prot ? val | bit : val & ~bit, l2addr);
	return g->l1->err;
}

int l1_gmap_change_entry(struct l1_gmap *g, uint64_t l2addr,
			 enum l1_level level, uint64_t clear, uint64_t set)
{
	uint64_t entry, val;
	int rc;

	if (level < g->top)
		return -22;
	rc = entry_at(g, l2addr, level, false, &entry);
	if (rc)
		return rc;
	val = l1_load(g->l1, entry);
	if (val & invalid_bit(level))
		return -2;
	set_entry(g, level, entry, (val & ~clear) | set, l2addr);
	return g->l1->err;
}

int l1_gmap_protect_entry(struct l1_gmap *g, uint64_t l2addr,
			  enum l1_level level, bool prot)
{
	uint64_t bit = level == L1_LVL_PT ? L1_PTE_PROT : L1_RTE_PROT;

	return l1_gmap_change_entry(g, l2addr, level, prot ? 0 : bit,
				    prot ? bit : 0);
}

/*
 * Invalidates the valid region or segment entry for l2addr at level;
 * gives its address and the value it had.
 */
static int invalidate_crste(struct l1_gmap *g, uint64_t l2addr,
			    enum l1_level level, uint64_t *entry, uint64_t *val)
{
	int rc;

	if (level < g->top || level >= L1_LVL_PT)
		return -22;
	rc = entry_at(g, l2addr, level, false, entry);
	if (rc)
		return rc;
	*val = l1_load(g->l1, *entry);
	if (*val & L1_RTE_INVALID)
		return -2;
	invalidate(g, level, *entry, *val, l2addr);
	return 0;
}

int l1_gmap_rewrite_entry(struct l1_gmap *g, uint64_t l2addr,
			  enum l1_level level)
{
	struct l1 *l1 = g->l1;
	uint64_t entry, val;
	int rc = invalidate_crste(g, l2addr, level, &entry, &val);

	if (rc)
		return rc;
	l1_store(l1, entry, val);
	l1->stats.rewrites++;
	return l1->err;
}

/* Frees the table at origin (of level) and every table below it */
static void free_tables(struct l1_gmap *g, uint64_t origin, enum l1_level level)
{
	struct l1 *l1 = g->l1;
	unsigned int i;
	uint64_t e;

	if (level < L1_LVL_PT) {
		for (i = 0; i < L1_CRST_ENTRIES && !l1->err; i++) {
			e = l1_load(l1, origin + 8ULL * i);
			if (!(e & L1_RTE_INVALID) && !is_frame(level, e))
				free_tables(g, table_origin(level, e),
					    level + 1);
		}
	}
	l1_free(l1, origin, level == L1_LVL_PT ? L1_FRAME_PGT : L1_FRAME_CRST);
	l1->stats.tables_freed++;
	g->tables--;
}

int l1_gmap_unmap_table(struct l1_gmap *g, uint64_t l2addr, enum l1_level level)
{
	uint64_t entry, val;
	int rc = invalidate_crste(g, l2addr, level, &entry, &val);

	if (rc)
		return rc;
	if (!is_frame(level, val))
		free_tables(g, table_origin(level, val), level + 1);
	return g->l1->err;
}

void l1_gmap_destroy(struct l1_gmap *g)
{
	if (g->tables)
		free_tables(g, g->top_origin, g->top);
	g->asce = 0;
	g->top_origin = 0;
}

void l1_gmap_walk(struct l1_gmap *g, uint64_t l2addr, struct l1_walk *w)
{
	struct l1 *l1 = g->l1;
	uint64_t table = g->top_origin, e = 0, mask;
	enum l1_level l;

	for (l = 0; l < L1_NR_LEVELS; l++)
		w->entry[l] = w->value[l] = ~0ULL;
	w->valid = false;
	w->prot = false;
	w->last = g->top;
	if (!in_reach(g, l2addr))
		return;
	for (l = g->top; l < L1_NR_LEVELS; l++) {
		w->last = l;
		w->entry[l] = table + 8ULL * index_of(l, l2addr);
		e = w->value[l] = l1_load(l1, w->entry[l]);
		if (e & invalid_bit(l))
			return;
		if (l != L1_LVL_PT && (e & L1_RTE_PROT))
			w->prot = true;
		if (is_frame(l, e))
			break;
		table = table_origin(l, e);
	}
	if (l == L1_LVL_PT) {
		w->frame_size = L1_PAGE_SIZE;
		mask = L1_PTE_PFRA;
		w->prot |= !!(e & L1_PTE_PROT);
	} else if (l == L1_LVL_SG) {
		w->frame_size = L1_SEG_SIZE;
		mask = L1_STE_SFAA;
	} else {
		w->frame_size = L1_R3_SIZE;
		mask = L1_R3E_RFAA;
	}
	w->valid = true;
	w->l1addr = (e & mask) | (l2addr & (w->frame_size - 1));
}
