// SPDX-License-Identifier: GPL-2.0
/*
 * L1's frame allocator. The heap is cut into 1 MiB chunks; a chunk serves
 * one frame kind, with a bitmap of its slots. The bookkeeping lives in
 * struct l1 (L1's own data), never in the frames: a freed page table may
 * still be an origin page L0 protects, and writing a free-list link into it
 * would be a protection fault no real L1 allocator causes.
 */
#include "l1.h"

static const uint32_t slots_per_chunk[L1_NR_FRAME_KINDS] = {
	[L1_FRAME_PGT] = 512,
	[L1_FRAME_4K] = 256,
	[L1_FRAME_CRST] = 64,
	[L1_FRAME_1M] = 1,
};

uint64_t l1_frame_size(enum l1_frame_kind kind)
{
	return L1_CHUNK_SIZE / slots_per_chunk[kind];
}

int l1_init(struct l1 *l1, struct l1_platform *plat)
{
	uint64_t start = plat->heap_start, end = plat->heap_end;
	uint32_t i;

	l1->plat = plat;
	l1->err = 0;
	l1->insn = L1_INSN_STORE;
	for (i = 0; i < L1_NR_FRAME_KINDS; i++) {
		l1->cursor[i] = 0;
		l1->frames_in_use[i] = 0;
	}
	l1->stats = (struct l1_stats){0};
	start = (start + L1_CHUNK_SIZE - 1) & ~(L1_CHUNK_SIZE - 1);
	end &= ~(L1_CHUNK_SIZE - 1);
	if (end > plat->mem_bytes)
		end = plat->mem_bytes & ~(L1_CHUNK_SIZE - 1);
	if (end <= start)
		return -22;
	l1->heap_base = start;
	l1->nr_chunks = (end - start) / L1_CHUNK_SIZE;
	if (l1->nr_chunks > L1_MAX_CHUNKS)
		l1->nr_chunks = L1_MAX_CHUNKS;
	for (i = 0; i < l1->nr_chunks; i++)
		l1->chunk[i].kind = L1_CHUNK_EMPTY;
	return 0;
}

uint64_t l1_heap_bytes(const struct l1 *l1)
{
	return (uint64_t)l1->nr_chunks * L1_CHUNK_SIZE;
}

static uint64_t take_slot(struct l1 *l1, uint32_t c, enum l1_frame_kind kind)
{
	struct l1_chunk *ch = &l1->chunk[c];
	uint32_t n = slots_per_chunk[kind], w, bit;

	for (w = 0; w * 64 < n; w++) {
		uint64_t freebits = ~ch->used[w];

		if (n < 64)
			freebits &= (1ULL << n) - 1;
		if (!freebits)
			continue;
		bit = __builtin_ctzll(freebits);
		ch->used[w] |= 1ULL << bit;
		ch->free_slots--;
		l1->frames_in_use[kind]++;
		return l1->heap_base + (uint64_t)c * L1_CHUNK_SIZE +
		       (uint64_t)(w * 64 + bit) * l1_frame_size(kind);
	}
	return L1_NO_FRAME; /* free_slots said otherwise: cannot happen */
}

uint64_t l1_alloc(struct l1 *l1, enum l1_frame_kind kind)
{
	uint32_t n = l1->nr_chunks, i, c, empty = n;

	/* a partly used chunk of this kind first, from where we left off */
	for (i = 0; i < n; i++) {
		c = (l1->cursor[kind] + i) % n;
		if (l1->chunk[c].kind == kind && l1->chunk[c].free_slots) {
			l1->cursor[kind] = c;
			return take_slot(l1, c, kind);
		}
		if (l1->chunk[c].kind == L1_CHUNK_EMPTY && empty == n)
			empty = c;
	}
	if (empty == n)
		return L1_NO_FRAME;
	for (i = 0; i < 8; i++)
		l1->chunk[empty].used[i] = 0;
	l1->chunk[empty].kind = kind;
	l1->chunk[empty].free_slots = slots_per_chunk[kind];
	l1->cursor[kind] = empty;
	return take_slot(l1, empty, kind);
}

void l1_free(struct l1 *l1, uint64_t addr, enum l1_frame_kind kind)
{
	uint64_t off = addr - l1->heap_base;
	uint32_t c = off / L1_CHUNK_SIZE;
	uint32_t slot = (off % L1_CHUNK_SIZE) / l1_frame_size(kind);
	struct l1_chunk *ch;

	if (addr < l1->heap_base || c >= l1->nr_chunks)
		return;
	ch = &l1->chunk[c];
	if (ch->kind != kind || !(ch->used[slot / 64] & (1ULL << slot % 64)))
		return;
	ch->used[slot / 64] &= ~(1ULL << slot % 64);
	ch->free_slots++;
	l1->frames_in_use[kind]--;
	if (ch->free_slots == slots_per_chunk[kind])
		ch->kind = L1_CHUNK_EMPTY;
}

uint64_t l1_load(struct l1 *l1, uint64_t addr)
{
	uint64_t v = 0;
	int rc = l1->plat->load64(l1->plat->ctx, addr, &v);

	if (rc && !l1->err)
		l1->err = rc;
	return v;
}

void l1_store(struct l1 *l1, uint64_t addr, uint64_t val)
{
	int rc = l1->plat->store64(l1->plat->ctx, addr, val);

	l1->stats.l1_stores++;
	if (rc && !l1->err)
		l1->err = rc;
}

void l1_fill(struct l1 *l1, uint64_t addr, uint64_t val, uint64_t count)
{
	int rc = l1->plat->fill64(l1->plat->ctx, addr, val, count);

	l1->stats.l1_stores++;
	if (rc && !l1->err)
		l1->err = rc;
}
