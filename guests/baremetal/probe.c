// SPDX-License-Identifier: GPL-2.0
/*
 * Instructions that may raise a program interruption we recover from:
 * the SIE probe (an operation exception where the machine, e.g. QEMU TCG
 * or KVM without nested virtualization, offers no SIE), and LRAG/TPROT
 * through an ASCE that L1 built (QEMU's DAT as the oracle of our tables).
 */
#include "sie.h"

volatile uint64_t bm_pgm_resume, bm_pgm_code, bm_pgm_tec;

/* the probe guest: DIAG 0x500 at once */
extern const char bm_probe_guest[];
asm(".pushsection .text\n"
    "	.balign	8\n"
    "bm_probe_guest:\n"
    "	diag	0,0,0x500\n"
    "	j	bm_probe_guest\n"
    ".popsection\n");

static struct bm_scb probe_scb;
static uint8_t probe_prefix[8192] __attribute__((aligned(8192)));
static uint64_t probe_gregs[14];

void bm_scb_init(struct bm_scb *scb, uint64_t prefix, uint64_t pc)
{
	memset(scb, 0, sizeof(*scb));
	scb->cpuflags = SCB_CPUSTAT_ZARCH;
	scb->prefix = prefix & 0x7fffe000;
	scb->ihcpu = 0xffff;
	scb->mso = 0;
	scb->msl = 0xfffffffffff00000UL;
	scb->gpsw.mask = PSW_MASK_64;
	scb->gpsw.addr = pc;
	scb->gcr[0] = 0xe0;
	scb->gcr[14] = 0xc2000000;
}

uint64_t bm_sie_probe_run(struct bm_scb *scb)
{
	/* guest memory = ours, through a real-space designation */
	return bm_sie64(scb, probe_gregs, ASCE_REAL_SPACE);
}

static int sie_state = -1;

bool bm_sie_available(void)
{
	if (sie_state < 0)
		sie_state = bm_sie_probe();
	return sie_state;
}

bool bm_sie_probe(void)
{
	uint64_t code;

	bm_scb_init(&probe_scb, (uint64_t)probe_prefix,
		    (uint64_t)bm_probe_guest);
	code = bm_sie_probe_run(&probe_scb);
	if (code == PGM_OPERATION)
		return false;
	if (code)
		bm_fatal("SIE probe: unexpected program interruption", code,
			 bm_pgm_tec);
	if (probe_scb.icptcode != SCB_ICPT_INST ||
	    (probe_scb.ipa & 0xff00) != SCB_IPA_DIAG)
		bm_fatal("SIE probe: unexpected interception (a: code, b: ipa)",
			 probe_scb.icptcode, probe_scb.ipa);
	return true;
}

/*
 * LRAG and TPROT run in the secondary space (CR7 = asce) with DAT on;
 * instructions come from the primary space, a real-space designation
 * (identity). LRA should translate with DAT off too, but QEMU (7.2) then
 * returns the address untranslated.
 */
#define CR0_SEC_SPACE 0x0000000004000000UL

/*
 * The asm around insn: DAT on, secondary space, cc into %[cc]; a program
 * interruption resumes at 0: (bm_pgm_resume) with %[cc] untouched.
 * Operands: [cc] "+&d", [res] "=Q"(bm_pgm_resume), [m] "=Q"(a byte).
 */
#define IN_SECONDARY_SPACE(insn) \
	"\tlarl\t%%r1,0f\n"      \
	"\tstg\t%%r1,%[res]\n"   \
	"\tstosm\t%[m],0x04\n"   \
	"\tsacf\t256\n"          \
	"\t" insn "\n"           \
	"\tipm\t%[cc]\n"         \
	"\tsrl\t%[cc],28\n"      \
	"0:\tsacf\t0\n"          \
	"\tstnsm\t%[m],0xfb\n"   \
	"\tmvghi\t%[res],0\n"

static void lrag(uint64_t l2, struct l2_xlate *t)
{
	uint64_t r = 0;
	int cc = -1;
	uint8_t mask;

	bm_pgm_code = 0;
	asm volatile(IN_SECONDARY_SPACE("lrag\t%[r],0(%[a])")
		     : [r] "+&d"(r), [cc] "+&d"(cc), [res] "=Q"(bm_pgm_resume),
		       [m] "=Q"(mask)
		     : [a] "a"(l2)
		     : "r1", "cc", "memory");
	t->cc = cc;
	t->r1 = r;
	t->exc = 0;
	if (cc < 0)
		t->exc = bm_pgm_code;
	else if (cc == 3 && (r & 0x80000000UL))
		t->exc = r & 0xffff;
}

static int tprot(uint64_t l2)
{
	int cc = -1;
	uint8_t mask;

	bm_pgm_code = 0;
	asm volatile(IN_SECONDARY_SPACE("tprot\t0(%[a]),0")
		     : [cc] "+&d"(cc), [res] "=Q"(bm_pgm_resume), [m] "=Q"(mask)
		     : [a] "a"(l2)
		     : "r1", "cc", "memory");
	return cc;
}

static uint64_t saved_cr0, saved_cr1, saved_cr7;

void bm_dat_begin(uint64_t asce, bool edat)
{
	saved_cr0 = bm_stctg(0);
	saved_cr1 = bm_stctg(1);
	saved_cr7 = bm_stctg(7);
	bm_lctlg(0, (edat ? saved_cr0 | CR0_EDAT : saved_cr0 & ~CR0_EDAT) |
			    CR0_SEC_SPACE);
	bm_lctlg(1, ASCE_REAL_SPACE);
	bm_lctlg(7, asce);
}

void bm_dat_translate(uint64_t l2, struct l2_xlate *t)
{
	lrag(l2, t);
	t->tprot = tprot(l2);
}

void bm_dat_end(void)
{
	bm_lctlg(7, saved_cr7);
	bm_lctlg(1, saved_cr1);
	bm_lctlg(0, saved_cr0);
}

void bm_lra(uint64_t asce, bool edat, uint64_t l2, struct l2_xlate *t)
{
	bm_dat_begin(asce, edat);
	bm_dat_translate(l2, t);
	bm_dat_end();
}

void bm_json_lra(uint64_t l2, const struct l2_xlate *t)
{
	char line[160];
	struct l1_buf b;

	l1_buf_init(&b, line, sizeof(line));
	l1_buf_str(&b, "{");
	l2_xlate_json(l2, t, &b);
	l1_buf_str(&b, "}");
	bm_puts(line);
}
