/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L2 addresses whose translations l1.elf reports ("translations" in its
 * JSON), kept by the same rules by build/guests/sim-translate on host/sim,
 * so that the two lists compare line by line (tests/lra-vs-oracle.sh):
 *
 *   run    the first and the last access of each run sie() enters;
 *   fault  the page of each fault reflected to L1;
 *   probe  past each run's last access: the next page, the next segment
 *          and the next 2 GiB region (mostly invalid or out of reach).
 *
 * Each is translated through the ASCE of its latest sample at every DONE
 * exit of that ASCE, while L1's tables are live; how is the platform's
 * business. Portable (platform.h only): linked into both.
 */
#ifndef BM_SAMPLES_H
#define BM_SAMPLES_H

#include "platform.h"

#define L2_SAMPLES_MAX 64

enum l2_why { L2_WHY_RUN, L2_WHY_FAULT, L2_WHY_PROBE };

/* A translation as LRAG and TPROT report it (docs/baremetal.md) */
struct l2_xlate {
	int cc; /* LRAG's condition code; -1: a program interruption */
	uint64_t r1; /* LRAG's register: the L1 address for cc 0 */
	uint16_t exc; /* exception code (cc 3, or the interruption's) */
	int tprot; /* TPROT's cc; -1: a program interruption */
};

struct l2_sample {
	uint64_t l2, asce;
	bool edat;
	bool have; /* t holds its translation at the last DONE exit */
	enum l2_why why;
	struct l2_xlate t;
};

struct l2_samples {
	struct l2_sample s[L2_SAMPLES_MAX];
	int n;
};

/*
 * After a sie() call on s that began at run run0 with done0 accesses done
 * (and succeeded): samples the runs it entered and, for L1_EXIT_PGM, the
 * faulting page.
 */
void l2_samples_after_sie(struct l2_samples *ss, size_t run0, uint64_t done0,
			  const struct l1_sie *s);

/* "l2":..,"cc":..,["l1"|"r1":..,]"exc":..,"tprot":.. (members, no braces) */
void l2_xlate_json(uint64_t l2, const struct l2_xlate *t, struct l1_buf *b);
/* {"l2":..,"cc":..,["l1"|"r1":..,]"exc":..,"tprot":..,"why":..} */
void l2_sample_json(const struct l2_sample *sm, struct l1_buf *b);

#endif
