// SPDX-License-Identifier: GPL-2.0
/*
 * The L1 platform (guests/l1/platform.h) on bare metal: L1 memory is this
 * machine's memory, loads and stores are plain. sie() runs L2 with a real
 * SIE where the machine has one (IBM Z, KVM with nested=1). Where it has
 * none (QEMU TCG), sie() performs L2's accesses itself through the
 * machine's DAT on L1's tables (LRAG, TPROT): the same exits, with the
 * translation done by an implementation nobody here wrote.
 *
 * Either way a sample of L2 addresses (samples.h) is kept, translated
 * through LRAG and TPROT at each DONE exit of their ASCE (while L1's tables
 * are live); bm_platform_json() prints them.
 */
#include "bm.h"
#include "platform-baremetal.h"
#include "samples.h"
#include "sie.h"

#define EFAULT 14
#define EINVAL 22
#define EIO 5
#define PAGE_MASK (~0xfffUL)
#define TEC_STORE(tec) (((tec)&0xc00) == 0x400)
#define DIAG_DONE 0x500
#define DIAG_L2_PGM 0x501
#define VALIDITY_PREFIX 0x0037

static struct bm_plat {
	struct l1_platform p;
	struct bm_scb scb;
	uint64_t gregs[14];
	uint64_t sie_calls, sie_entries, sie_reentries, emulated_accesses;
	/* what L0 reflected into L1 during SIE (host/kvm's exits_l0) */
	uint64_t reflected_dat, reflected_prot, sie_validity;
	struct l2_samples samples;
} plat;

static int check(uint64_t a)
{
	if (a & 7)
		return -EINVAL;
	if (a >= plat.p.mem_bytes || plat.p.mem_bytes - a < 8)
		return -EFAULT;
	return 0;
}

static int load64(void *ctx, uint64_t a, uint64_t *val)
{
	int rc = check(a);

	if (!rc)
		*val = *(volatile uint64_t *)a;
	return rc;
}

static int store64(void *ctx, uint64_t a, uint64_t val)
{
	int rc = check(a);

	if (!rc)
		*(volatile uint64_t *)a = val;
	return rc;
}

static int fill64(void *ctx, uint64_t a, uint64_t val, uint64_t count)
{
	int rc = check(a);

	if (rc)
		return rc;
	if (count &&
	    (count > plat.p.mem_bytes / 8 || a + count * 8 > plat.p.mem_bytes))
		return -EFAULT;
	for (uint64_t i = 0; i < count; i++)
		((volatile uint64_t *)a)[i] = val;
	return 0;
}

/*
 * The architected invalidation of a live entry: IPTE for a page-table
 * entry, IDTE (invalidation-and-clearing, one entry) for region and
 * segment entries. Tables are whole: a page table is 2 KiB aligned, a
 * region or segment table 16 KiB.
 */
static int invalidate(void *ctx, enum l1_level level, uint64_t entry,
		      uint64_t asce, uint64_t l2addr)
{
	static const uint64_t dt[] = {[L1_LVL_R1] = 0xc,
				      [L1_LVL_R2] = 0x8,
				      [L1_LVL_R3] = 0x4,
				      [L1_LVL_SG] = 0x0};
	int rc = check(entry);

	if (rc)
		return rc;
	if (level == L1_LVL_PT) {
		asm volatile("ipte %0,%1"
			     :
			     : "a"(entry & ~0x7ffUL), "a"(l2addr)
			     : "memory");
		return 0;
	}
	if ((unsigned int)level >= L1_LVL_PT)
		return -EINVAL;
	/* R2: the index bits of l2addr; bit 52 off, count (53-63) 0 */
	asm volatile(".insn rrf,0xb98e0000,%0,%1,%2,0"
		     :
		     : "a"((entry & ~0x3fffUL) | dt[level]),
		       "a"(l2addr & ~0xfffffUL), "a"(0UL)
		     : "memory");
	return 0;
}

static uint64_t now(void *ctx)
{
	return bm_tod_to_ns(bm_stckf());
}

static void log_line(void *ctx, const char *line)
{
	bm_puts("# ");
	bm_puts(line);
	bm_puts("\n");
}

/* The samples of this ASCE, through the tables as they are now (live) */
static void translate_samples(const struct l1_sie *s)
{
	struct l2_sample *sm;

	bm_dat_begin(s->asce, s->cr0_edat);
	for (int i = 0; i < plat.samples.n; i++) {
		sm = &plat.samples.s[i];
		if (sm->asce != s->asce)
			continue;
		bm_dat_translate(sm->l2, &sm->t);
		sm->have = true;
	}
	bm_dat_end();
}

/* Next run with accesses left; false when all are done. */
static bool next_run(struct l1_sie *s)
{
	while (s->run < s->nr_runs && s->done >= s->runs[s->run].count) {
		s->run++;
		s->done = 0;
	}
	return s->run < s->nr_runs;
}

static void exit_pgm(struct l1_sie *s, uint16_t code, uint64_t l2, bool write)
{
	s->exit = L1_EXIT_PGM;
	s->pgm_code = code;
	s->trans_exc_addr = l2 & PAGE_MASK;
	s->write = write;
}

/* Without SIE: L2's accesses through the machine's DAT, page by page. */
static int sie_emulated(struct l1_sie *s)
{
	uint64_t page = 1, l1page = 0;
	bool writable = false;
	struct l2_xlate t;
	int rc = 0;

	bm_dat_begin(s->asce, s->cr0_edat);
	while (next_run(s)) {
		const struct l1_l2_run *r = &s->runs[s->run];
		bool write = r->flags & L1_RUN_WRITE;

		for (; s->done < r->count; s->done++, s->accesses++) {
			uint64_t l2 = r->addr + s->done * r->stride;
			volatile uint8_t *p;

			if ((l2 & PAGE_MASK) != page || (write && !writable)) {
				bm_dat_translate(l2, &t);
				if (t.cc != 0) {
					if (!t.exc) {
						rc = -EIO;
						goto out;
					}
					exit_pgm(s, t.exc, l2, write);
					goto out;
				}
				if (write && t.tprot != 0) {
					exit_pgm(s, 0x04, l2, true);
					goto out;
				}
				page = l2 & PAGE_MASK;
				l1page = t.r1 & PAGE_MASK;
				writable = t.tprot == 0;
			}
			p = (volatile uint8_t *)(l1page | (l2 & ~PAGE_MASK));
			if (l1page + 0x1000 > plat.p.mem_bytes) {
				exit_pgm(s, 0x05, l2, write); /* addressing */
				goto out;
			}
			if (write)
				*p |= 0;
			else
				(void)*p;
			plat.emulated_accesses++;
		}
	}
	s->exit = L1_EXIT_DONE;
out:
	bm_dat_end();
	return rc;
}

/*
 * L2's lowcore and program live at L2 0x0-0x1fff. L1 maps those pages on
 * demand like any other (a validity interception for an unmapped prefix
 * is reflected as a page-translation fault on it); once they translate,
 * the program and L2's new PSWs are put there.
 */
static bool install_l2_program(struct l1_sie *s)
{
	size_t len = bm_l2prog_end - bm_l2prog;
	struct l2_xlate lc, pg;
	uint64_t *psw;

	bm_dat_begin(s->asce, s->cr0_edat);
	bm_dat_translate(0x0, &lc);
	bm_dat_translate(BM_L2_PROG_ADDR, &pg);
	bm_dat_end();
	if (lc.cc || pg.cc)
		return false;
	if (memcmp((void *)pg.r1, bm_l2prog, len))
		memcpy((void *)pg.r1, bm_l2prog, len);
	/* program, machine-check, external, I/O, restart, svc new PSWs */
	for (uint64_t off = 0x1a0; off < 0x200; off += 16) {
		psw = (uint64_t *)(lc.r1 + off);
		psw[0] = PSW_MASK_64;
		psw[1] = BM_L2_PROG_ADDR + (bm_l2prog_pgm - bm_l2prog);
	}
	return true;
}

/*
 * One SIE, re-entered while it ends with interception code 0 and no
 * program interruption, as kvm-unit-tests' sie() does: before 6.11
 * ("KVM: s390: vsie: retry SIE instruction on host intercepts") vSIE
 * returns to L1 with code 0 when a signal, an interrupt or SIE inhibition
 * broke the run. The guest PSW and registers are where L2 stopped.
 */
static uint64_t sie_until_intercept(struct bm_scb *scb, uint64_t asce)
{
	uint64_t code;

	for (;;) {
		plat.sie_entries++;
		code = bm_sie64(scb, plat.gregs, asce);
		if (code || scb->icptcode)
			return code;
		plat.sie_reentries++;
	}
}

/* The validity interception does not say which of the two pages it was */
static uint64_t unmapped_prefix_page(const struct l1_sie *s)
{
	struct l2_xlate t;

	bm_lra(s->asce, s->cr0_edat, 0x0, &t);
	return t.cc ? 0x0 : 0x1000;
}

static int sie_real(struct l1_sie *s)
{
	uint64_t cr0 = bm_stctg(0), code, left;
	const struct l1_l2_run *r;
	struct bm_scb *scb = &plat.scb;
	int rc = 0;

	bm_lctlg(0, s->cr0_edat ? cr0 | CR0_EDAT : cr0 & ~CR0_EDAT);
	while (next_run(s)) {
		r = &s->runs[s->run];
		install_l2_program(s);
		bm_scb_init(scb, 0, BM_L2_PROG_ADDR);
		memset(plat.gregs, 0, sizeof(plat.gregs));
		plat.gregs[2] = r->addr + s->done * r->stride;
		plat.gregs[3] = r->stride;
		plat.gregs[4] = r->count - s->done;
		plat.gregs[5] = r->flags & L1_RUN_WRITE;
		code = sie_until_intercept(scb, s->asce);
		left = plat.gregs[4];
		if (left > r->count - s->done) {
			rc = -EIO;
			break;
		}
		s->accesses += (r->count - s->done) - left;
		s->done = r->count - left;
		if (code) {
			/* a host-translation fault: reflected to L1 */
			if ((code & 0x7f) == 0x04)
				plat.reflected_prot++;
			else
				plat.reflected_dat++;
			exit_pgm(s, code & 0x7f, bm_pgm_tec,
				 TEC_STORE(bm_pgm_tec));
			goto out;
		}
		if (scb->icptcode == SCB_ICPT_VALIDITY &&
		    (scb->ipb >> 16) == VALIDITY_PREFIX) {
			plat.sie_validity++;
			exit_pgm(s, 0x11, unmapped_prefix_page(s), true);
			goto out;
		}
		if (scb->icptcode == SCB_ICPT_INST &&
		    (scb->ipa & 0xff00) == SCB_IPA_DIAG &&
		    ((scb->ipb >> 16) & 0xfff) == DIAG_DONE && !left)
			continue;
		bm_puts("# SIE: unexpected interception code ");
		bm_putx(scb->icptcode);
		bm_puts(" ipa ");
		bm_putx(scb->ipa);
		bm_puts(" ipb ");
		bm_putx(scb->ipb);
		bm_puts("\n");
		rc = -EIO;
		break;
	}
	if (!rc)
		s->exit = L1_EXIT_DONE;
out:
	bm_lctlg(0, cr0);
	return rc;
}

static int sie(void *ctx, struct l1_sie *s)
{
	size_t run0 = s->run;
	uint64_t done0 = s->done;
	int rc;

	plat.sie_calls++;
	s->accesses = 0;
	s->exit = L1_EXIT_DONE;
	rc = bm_sie_available() ? sie_real(s) : sie_emulated(s);
	if (!rc)
		l2_samples_after_sie(&plat.samples, run0, done0, s);
	if (!rc && s->exit == L1_EXIT_DONE)
		translate_samples(s);
	return rc;
}

struct l1_platform *bm_platform(void)
{
	plat.p.ctx = &plat;
	plat.p.mem_bytes = bm_mem_size;
	plat.p.heap_start = L1_HEAP_START; /* >= __l1_mem_start: the .lds */
	plat.p.heap_end = bm_mem_size & ~0xfffffUL;
	plat.p.edat1 = bm_facility(FAC_EDAT1);
	plat.p.edat2 = plat.p.edat1 && bm_facility(FAC_EDAT2);
	plat.p.load64 = load64;
	plat.p.store64 = store64;
	plat.p.fill64 = fill64;
	plat.p.sie = sie;
	plat.p.invalidate = invalidate;
	plat.p.now = now;
	plat.p.log = log_line;
	return &plat.p;
}

void bm_platform_json(void)
{
	int n = 0;

	bm_puts(",\"sie\":");
	bm_json_str(bm_sie_available() ? "available" : "unavailable");
	bm_puts(",\"sie_calls\":");
	bm_putu(plat.sie_calls);
	bm_puts(",\"sie_entries\":");
	bm_putu(plat.sie_entries);
	bm_puts(",\"sie_reentries\":");
	bm_putu(plat.sie_reentries);
	bm_puts(",\"reflected_dat\":");
	bm_putu(plat.reflected_dat);
	bm_puts(",\"reflected_prot\":");
	bm_putu(plat.reflected_prot);
	bm_puts(",\"sie_validity\":");
	bm_putu(plat.sie_validity);
	bm_puts(",\"emulated_accesses\":");
	bm_putu(plat.emulated_accesses);
	bm_puts(",\"heap_start\":\"");
	bm_putx(plat.p.heap_start);
	bm_puts("\",\"heap_end\":\"");
	bm_putx(plat.p.heap_end);
	bm_puts("\",\"edat1\":");
	bm_puts(plat.p.edat1 ? "true" : "false");
	bm_puts(",\"edat2\":");
	bm_puts(plat.p.edat2 ? "true" : "false");
	bm_puts(",\"translations\":[");
	for (int i = 0; i < plat.samples.n; i++) {
		char line[192];
		struct l1_buf b;

		if (!plat.samples.s[i].have)
			continue;
		if (n++)
			bm_puts(",");
		l1_buf_init(&b, line, sizeof(line));
		l2_sample_json(&plat.samples.s[i], &b);
		bm_puts(line);
	}
	bm_puts("]");
}
