// SPDX-License-Identifier: GPL-2.0
/* The sampled L2 addresses of l1.elf and sim-translate (samples.h). */
#include "samples.h"

#define PAGE_SIZE 0x1000ULL
#define SEGMENT_SIZE 0x100000ULL
#define REGION3_SIZE 0x80000000ULL

static void sample(struct l2_samples *ss, uint64_t l2, const struct l1_sie *s,
		   enum l2_why why)
{
	struct l2_sample *sm;

	for (int i = 0; i < ss->n; i++) {
		sm = &ss->s[i];
		if (sm->l2 != l2)
			continue;
		sm->asce = s->asce;
		sm->edat = s->cr0_edat;
		if (why < sm->why)
			sm->why = why;
		return;
	}
	if (ss->n < L2_SAMPLES_MAX)
		ss->s[ss->n++] = (struct l2_sample){
			.l2 = l2,
			.asce = s->asce,
			.edat = s->cr0_edat,
			.why = why,
		};
}

/* beyond last by one unit of size, unless that wraps around */
static void probe(struct l2_samples *ss, uint64_t last, uint64_t size,
		  const struct l1_sie *s)
{
	uint64_t a = (last & ~(size - 1)) + size;

	if (a > last)
		sample(ss, a, s, L2_WHY_PROBE);
}

static void sample_run(struct l2_samples *ss, const struct l1_sie *s,
		       size_t run)
{
	const struct l1_l2_run *r = &s->runs[run];
	uint64_t last = r->addr + (r->count - 1) * (uint64_t)r->stride;

	sample(ss, r->addr, s, L2_WHY_RUN);
	sample(ss, last, s, L2_WHY_RUN);
	probe(ss, last, PAGE_SIZE, s);
	probe(ss, last, SEGMENT_SIZE, s);
	probe(ss, last, REGION3_SIZE, s);
}

void l2_samples_after_sie(struct l2_samples *ss, size_t run0, uint64_t done0,
			  const struct l1_sie *s)
{
	size_t end = s->exit == L1_EXIT_PGM ? s->run + 1 : s->nr_runs;

	/* a run is entered when it starts (not on a resume within it) */
	for (size_t r = run0; r < end && r < s->nr_runs; r++)
		if (s->runs[r].count && (r > run0 || !done0))
			sample_run(ss, s, r);
	if (s->exit == L1_EXIT_PGM)
		sample(ss, s->trans_exc_addr & ~(PAGE_SIZE - 1), s,
		       L2_WHY_FAULT);
}

static void int_or_null(struct l1_buf *b, int v)
{
	if (v < 0)
		l1_buf_str(b, "null");
	else
		l1_buf_int(b, v);
}

void l2_xlate_json(uint64_t l2, const struct l2_xlate *t, struct l1_buf *b)
{
	l1_buf_str(b, "\"l2\":\"");
	l1_buf_hex(b, l2);
	l1_buf_str(b, "\",\"cc\":");
	int_or_null(b, t->cc);
	if (t->cc == 0 || (t->cc > 0 && !t->exc)) {
		l1_buf_str(b, t->cc == 0 ? ",\"l1\":\"" : ",\"r1\":\"");
		l1_buf_hex(b, t->r1);
		l1_buf_str(b, "\"");
	}
	l1_buf_str(b, ",\"exc\":\"");
	l1_buf_hex(b, t->exc);
	l1_buf_str(b, "\",\"tprot\":");
	int_or_null(b, t->tprot);
}

void l2_sample_json(const struct l2_sample *sm, struct l1_buf *b)
{
	static const char *const why[] = {
		[L2_WHY_RUN] = "run",
		[L2_WHY_FAULT] = "fault",
		[L2_WHY_PROBE] = "probe",
	};

	l1_buf_str(b, "{");
	l2_xlate_json(sm->l2, &sm->t, b);
	l1_buf_str(b, ",\"why\":\"");
	l1_buf_str(b, why[sm->why]);
	l1_buf_str(b, "\"}");
}
