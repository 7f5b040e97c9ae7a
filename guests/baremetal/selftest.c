// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime's own test payload (build/guests/baremetal-selftest.elf):
 * scenario "tables" builds a small, known set of DAT tables in L1 memory
 * and prints what the machine's DAT (LRAG, TPROT) makes of sample L2
 * addresses. tests/boot.sh derives the expected translations from the
 * layout documented here:
 *
 *   base + 0x00000  segment table, 2048 entries (ASCE "seg")
 *   base + 0x04000  region-third table, 2048 entries (ASCE "r3t"),
 *                   entry 1 -> the segment table, others invalid
 *   base + 0x08000  page table of segment 0: page 0 -> F0, page 2 -> F2
 *                   (DAT-protected), other pages invalid
 *   base + 0x08800  page table of segment 3: page 5 -> F5
 *   base + 0x10000  F0, base + 0x12000 F2, base + 0x15000 F5
 *   base + 0x100000 a 1 MiB frame, segment 2 (EDAT-1 large page)
 *   segment 1 and 4-2047 invalid
 */
#include "dat-format.h"
#include "platform-baremetal.h"
#include "runtime.h"

static void st(uint64_t addr, uint64_t val)
{
	*(volatile uint64_t *)addr = val;
}

static void fill(uint64_t addr, uint64_t val, uint64_t n)
{
	while (n--) {
		st(addr, val);
		addr += 8;
	}
}

static const uint64_t samples_seg[] = {
	0x0, 0x1000, 0x2010, 0x100000, 0x201234, 0x305abc, 0x80000000,
};
static const uint64_t samples_r3t[] = {0x0, 0x80000000, 0x80002010};

static void print_samples(uint64_t asce, bool edat, const uint64_t *s, int n,
			  bool *first)
{
	struct l2_xlate t;

	for (int i = 0; i < n; i++) {
		bm_lra(asce, edat, s[i], &t);
		bm_puts(*first ? "" : ",");
		*first = false;
		bm_json_lra(s[i], &t);
	}
}

static const uint64_t base = (uint64_t)__l1_mem_start;
static const uint64_t sto = (uint64_t)__l1_mem_start;
static const uint64_t r3to = (uint64_t)__l1_mem_start + 0x4000;
static const uint64_t pt0 = (uint64_t)__l1_mem_start + 0x8000;
static const uint64_t pt3 = (uint64_t)__l1_mem_start + 0x8800;

static void build_tables(void)
{
	fill(sto, L1_STE_INVALID, L1_CRST_ENTRIES);
	fill(r3to, L1_RTE_TT_R3 | L1_RTE_INVALID, L1_CRST_ENTRIES);
	fill(pt0, L1_PTE_INVALID, L1_PT_ENTRIES);
	fill(pt3, L1_PTE_INVALID, L1_PT_ENTRIES);
	st(pt0 + 0 * 8, base + 0x10000);
	st(pt0 + 2 * 8, (base + 0x12000) | L1_PTE_PROT);
	st(pt3 + 5 * 8, base + 0x15000);
	st(sto + 0 * 8, pt0);
	st(sto + 2 * 8, (base + 0x100000) | L1_STE_FC);
	st(sto + 3 * 8, pt3);
	st(r3to + 1 * 8, sto | L1_RTE_TT_R3 | L1_RTE_TL_FULL);
}

static void scenario_sie(const struct bm_cmdline *cl);
static void scenario_invalidate(const struct bm_cmdline *cl);

void bm_program(const struct bm_cmdline *cl)
{
	uint64_t edat = 1, asce_seg, asce_r3t, t0, t1;
	bool sie, first = true;

	if (cl->error) {
		bm_json_error(cl, cl->error, cl->key[0]);
		return;
	}
	if (!strcmp(cl->scenario, "sie") && !cl->nargs) {
		scenario_sie(cl);
		return;
	}
	if (!strcmp(cl->scenario, "invalidate") && !cl->nargs) {
		scenario_invalidate(cl);
		return;
	}
	if (strcmp(cl->scenario, "tables")) {
		bm_json_error(
			cl,
			"unknown scenario (this payload has: tables, sie, invalidate)",
			cl->scenario);
		return;
	}
	for (int i = 0; i < cl->nargs; i++) {
		if (strcmp(cl->key[i], "edat")) {
			bm_json_error(cl, "unknown parameter", cl->key[i]);
			return;
		}
		if (!bm_parse_u64(cl->val[i], &edat) || edat > 1) {
			bm_json_error(cl, "bad value for edat (0 or 1)",
				      cl->val[i]);
			return;
		}
	}
	if (bm_mem_size < base + 0x200000) {
		bm_json_error(cl, "memory too small for the test tables", NULL);
		return;
	}
	sie = bm_sie_probe();
	bm_puts(sie ? "# SIE available\n"
		    : "# SIE unavailable: checking tables with LRAG\n");

	t0 = bm_stckf();
	build_tables();
	asce_seg = sto | L1_ASCE_TL_FULL;
	asce_r3t = r3to | L1_ASCE_DT_R3 | L1_ASCE_TL_FULL;
	t1 = bm_stckf();

	bm_puts("{");
	bm_json_args(cl);
	bm_puts(",\"sie\":");
	bm_json_str(sie ? "available" : "unavailable");
	bm_puts(",\"edat1\":");
	bm_puts(bm_facility(FAC_EDAT1) ? "true" : "false");
	bm_puts(",\"edat2\":");
	bm_puts(bm_facility(FAC_EDAT2) ? "true" : "false");
	bm_puts(",\"mem_size\":");
	bm_putu(bm_mem_size);
	bm_puts(",\"l1_base\":\"");
	bm_putx(base);
	bm_puts("\",\"asce_seg\":\"");
	bm_putx(asce_seg);
	bm_puts("\",\"asce_r3t\":\"");
	bm_putx(asce_r3t);
	bm_puts("\",\"phases\":[{\"name\":\"build\",\"stckf_ns\":");
	bm_putu(bm_tod_to_ns(t1 - t0));
	bm_puts("}],\"translations\":[");
	print_samples(asce_seg, edat, samples_seg,
		      sizeof(samples_seg) / sizeof(samples_seg[0]), &first);
	print_samples(asce_r3t, edat, samples_r3t,
		      sizeof(samples_r3t) / sizeof(samples_r3t[0]), &first);
	bm_puts("]}\n");
}

/*
 * Scenario "sie": the platform's sie() over the same tables. Runs: 4
 * stores at 0x0, 0x1000, 0x2000, 0x3000, then 16 fetches from 0x305000.
 * Page 1 is unmapped (fault 0x11), page 2 protected (0x04), page 3
 * unmapped (0x11); after each exit the fault is "handled" the way an L1
 * would, and sie() resumes.
 */
static void scenario_sie(const struct bm_cmdline *cl)
{
	static const struct l1_l2_run runs[] = {
		{.addr = 0x0,
		 .stride = 0x1000,
		 .count = 4,
		 .flags = L1_RUN_WRITE},
		{.addr = 0x305000, .stride = 8, .count = 16},
	};
	struct l1_platform *p = bm_platform();
	struct l1_sie s = {
		.asce = sto | L1_ASCE_TL_FULL, .runs = runs, .nr_runs = 2};
	uint64_t total = 0;
	int rc = 0, n;

	build_tables();
	bm_puts("{");
	bm_json_args(cl);
	bm_puts(",\"exits\":[");
	for (n = 0; n < 8; n++) {
		rc = p->sie(p->ctx, &s);
		if (rc)
			break;
		total += s.accesses;
		bm_puts(n ? "," : "");
		bm_puts("{\"exit\":");
		bm_json_str(s.exit == L1_EXIT_DONE ? "done" : "pgm");
		if (s.exit == L1_EXIT_PGM) {
			bm_puts(",\"code\":\"");
			bm_putx(s.pgm_code);
			bm_puts("\",\"addr\":\"");
			bm_putx(s.trans_exc_addr);
			bm_puts("\",\"write\":");
			bm_puts(s.write ? "true" : "false");
		}
		bm_puts(",\"accesses\":");
		bm_putu(s.accesses);
		bm_puts("}");
		if (s.exit == L1_EXIT_DONE)
			break;
		/* what L1 would do: map the page, or lift the protection */
		if (s.pgm_code == 0x11)
			p->store64(p->ctx, pt0 + L1_PX(s.trans_exc_addr) * 8,
				   base + 0x10000 + s.trans_exc_addr);
		else if (s.pgm_code == 0x04)
			p->store64(p->ctx, pt0 + L1_PX(s.trans_exc_addr) * 8,
				   base + 0x10000 + s.trans_exc_addr);
	}
	bm_puts("],\"rc\":");
	bm_putu(-rc);
	bm_puts(",\"accesses\":");
	bm_putu(total);
	bm_puts(",\"l1_base\":\"");
	bm_putx(base);
	bm_puts("\"");
	bm_platform_json();
	bm_puts("}\n");
}

/*
 * Scenario "invalidate": the platform's invalidate hook (IPTE, IDTE) on
 * page 0's PTE, segment 3's entry and the region-third entry 1.
 */
static void scenario_invalidate(const struct bm_cmdline *cl)
{
	struct l1_platform *p = bm_platform();
	uint64_t asce_seg = sto | L1_ASCE_TL_FULL,
		 asce_r3t = r3to | L1_ASCE_DT_R3 | L1_ASCE_TL_FULL;
	struct l2_xlate t;
	int rc = 0;

	build_tables();
	rc |= p->invalidate(p->ctx, L1_LVL_PT, pt0, asce_seg, 0x0);
	rc |= p->invalidate(p->ctx, L1_LVL_SG, sto + 3 * 8, asce_seg, 0x300000);
	rc |= p->invalidate(p->ctx, L1_LVL_R3, r3to + 1 * 8, asce_r3t,
			    0x80000000);
	bm_puts("{");
	bm_json_args(cl);
	bm_puts(",\"rc\":");
	bm_putu(-rc);
	bm_puts(",\"pte0\":\"");
	bm_putx(*(volatile uint64_t *)pt0);
	bm_puts("\",\"ste3\":\"");
	bm_putx(*(volatile uint64_t *)(sto + 3 * 8));
	bm_puts("\",\"r3e1\":\"");
	bm_putx(*(volatile uint64_t *)(r3to + 8));
	bm_puts("\",\"pte2\":\"");
	bm_putx(*(volatile uint64_t *)(pt0 + 2 * 8));
	bm_puts("\",\"l1_base\":\"");
	bm_putx(base);
	bm_puts("\",\"translations\":[");
	bm_lra(asce_seg, false, 0x0, &t);
	bm_json_lra(0x0, &t);
	bm_puts(",");
	bm_lra(asce_seg, false, 0x305abc, &t);
	bm_json_lra(0x305abc, &t);
	bm_puts(",");
	bm_lra(asce_seg, false, 0x2010, &t);
	bm_json_lra(0x2010, &t);
	bm_puts(",");
	bm_lra(asce_r3t, false, 0x80002010, &t);
	bm_json_lra(0x80002010, &t);
	bm_puts("]}\n");
}
