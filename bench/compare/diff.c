// SPDX-License-Identifier: GPL-2.0
/* Comparing two result files (diff.h). */
#include "diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "kernel_work.h"

bool counter_is_deterministic(const char *name)
{
	return gmap_counter_lookup(name) != GC_NR || is_kernel_work(name);
}

static void *grow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n + 1) * size);
	if (!p) {
		perror("gmapbench-compare");
		exit(2);
	}
	return p;
}

static void add_timing(struct diff *d, const struct diff_opts *o,
		       const char *bench, const char *metric, const double *x,
		       size_t nx, const double *y, size_t ny,
		       bool lower_is_better)
{
	struct timing_row r = {.bench = bench, .metric = metric};

	r.n_old = nx;
	r.n_new = ny;
	r.old_mean = stats_mean(x, nx);
	r.new_mean = stats_mean(y, ny);
	r.old_cv = stats_cv(x, nx) * 100;
	r.new_cv = stats_cv(y, ny) * 100;
	r.change_pct = r.old_mean != 0 ? (r.new_mean - r.old_mean) /
						 fabs(r.old_mean) * 100
				       : (r.new_mean == 0 ? 0 : INFINITY);
	r.floor_pct = fmax(o->noise_floor, 2 * r.old_cv);
	if (!mann_whitney_u(x, nx, y, ny, &r.t))
		r.t = (struct mwu_result){0, 1, false};
	if (r.t.p < o->alpha && fabs(r.change_pct) > r.floor_pct) {
		if (!lower_is_better)
			r.verdict = CH_CHANGED;
		else
			r.verdict =
				r.change_pct > 0 ? CH_REGRESSED : CH_IMPROVED;
	}
	d->t = grow(d->t, d->nt, sizeof(*d->t));
	d->t[d->nt++] = r;
}

static void add_counter(struct diff *d, const char *bench, const char *counter,
			double ov, bool op, double nv, bool np,
			enum counter_kind kind, const char *side)
{
	d->c = grow(d->c, d->nc, sizeof(*d->c));
	d->c[d->nc++] = (struct counter_row){bench, counter, ov,   nv,
					     op,    np,	     side, kind};
}

/* All repetitions of a deterministic counter must agree. */
static bool counter_agrees(const struct bench *b, size_t c)
{
	size_t r;

	for (r = 1; r < b->nrep; r++)
		if (!(b->cvals[c][r] == b->cvals[c][0]) &&
		    !(isnan(b->cvals[c][r]) && isnan(b->cvals[c][0])))
			return false;
	return true;
}

static void check_file_counters(struct diff *d, const struct bench *b,
				const char *side)
{
	size_t c;

	for (c = 0; c < b->ncounters; c++) {
		if (!counter_is_deterministic(b->cnames[c]))
			continue;
		if (!counter_agrees(b, c))
			add_counter(d, b->name, b->cnames[c], NAN, false, NAN,
				    false, CK_NONDETERMINISTIC, side);
		if (!strcmp(b->cnames[c], "oracle_mismatches") && b->nrep) {
			double worst = 0;
			size_t r;

			for (r = 0; r < b->nrep; r++)
				if (b->cvals[c][r] > worst)
					worst = b->cvals[c][r];
			if (worst > 0)
				add_counter(d, b->name, b->cnames[c],
					    *side == 'o' ? worst : NAN,
					    *side == 'o',
					    *side == 'n' ? worst : NAN,
					    *side == 'n', CK_WRONG, side);
		}
	}
}

static void compare_counters(struct diff *d, const struct bench *ob,
			     const struct bench *nb)
{
	size_t c;

	for (c = 0; c < ob->ncounters; c++) {
		const char *name = ob->cnames[c];
		bool op, np;
		double ov, nv;

		if (!counter_is_deterministic(name))
			continue;
		ov = bench_counter(ob, name, &op);
		nv = bench_counter(nb, name, &np);
		/* a new wrong result is reported as WRONG, not as a change */
		if (!strcmp(name, "oracle_mismatches") && np && nv > 0)
			continue;
		if (op && np && ov != nv)
			add_counter(d, ob->name, name, ov, op, nv, np,
				    CK_BEHAVIOUR, NULL);
		/* a night without its count pass (--no-cost) lacks kernel_bb:
		 * nothing measured, not a change */
		else if (op != np && !is_kernel_work(name))
			add_counter(d, ob->name, name, ov, op, nv, np,
				    CK_PRESENCE, NULL);
	}
	for (c = 0; c < nb->ncounters; c++) {
		bool op, np;
		double nv;

		if (!counter_is_deterministic(nb->cnames[c]) ||
		    is_kernel_work(nb->cnames[c]))
			continue;
		bench_counter(ob, nb->cnames[c], &op);
		nv = bench_counter(nb, nb->cnames[c], &np);
		if (!op && np) {
			size_t k;
			bool seen = false;

			for (k = 0; k < ob->ncounters; k++)
				if (!strcmp(ob->cnames[k], nb->cnames[c]))
					seen = true;
			if (!seen)
				add_counter(d, nb->name, nb->cnames[c], NAN,
					    false, nv, true, CK_PRESENCE, NULL);
		}
	}
}

/* Measured (non-deterministic) user counters, judged like timings. */
static void compare_measured(struct diff *d, const struct diff_opts *o,
			     const struct bench *ob, const struct bench *nb)
{
	size_t c, k;

	for (c = 0; c < ob->ncounters; c++) {
		if (counter_is_deterministic(ob->cnames[c]))
			continue;
		for (k = 0; k < nb->ncounters; k++) {
			if (strcmp(ob->cnames[c], nb->cnames[k]))
				continue;
			add_timing(d, o, ob->name, ob->cnames[c], ob->cvals[c],
				   ob->nrep, nb->cvals[k], nb->nrep, false);
		}
	}
}

void diff_run(struct diff *d, const struct diff_opts *o)
{
	size_t i;

	if (d->new_file) {
		for (i = 0; i < d->old_file->nb; i++) {
			const struct bench *ob = &d->old_file->b[i];
			const struct bench *nb =
				result_bench(d->new_file, ob->name);

			check_file_counters(d, ob, "old");
			/* nothing to compare against: the new side counts it */
			if (ob->error || !ob->nrep)
				continue;
			/* lost: missing or failed in the new file */
			if (!nb || nb->error || !nb->nrep) {
				d->only_old = grow(d->only_old, d->n_only_old,
						   sizeof(char *));
				d->only_old[d->n_only_old++] = ob->name;
				continue;
			}
			add_timing(d, o, ob->name, "real_time", ob->real_ns,
				   ob->nrep, nb->real_ns, nb->nrep, true);
			add_timing(d, o, ob->name, "cpu_time", ob->cpu_ns,
				   ob->nrep, nb->cpu_ns, nb->nrep, true);
			compare_measured(d, o, ob, nb);
			compare_counters(d, ob, nb);
		}
		for (i = 0; i < d->new_file->nb; i++) {
			const struct bench *nb = &d->new_file->b[i];

			const struct bench *ob =
				result_bench(d->old_file, nb->name);

			check_file_counters(d, nb, "new");
			if (nb->error || !nb->nrep)
				continue;
			if (!ob || ob->error || !ob->nrep) {
				d->only_new = grow(d->only_new, d->n_only_new,
						   sizeof(char *));
				d->only_new[d->n_only_new++] = nb->name;
			}
		}
	}
	/* a WRONG row found in one file shows the other file's value too */
	for (i = 0; d->new_file && i < d->nc; i++) {
		struct counter_row *c = &d->c[i];
		bool nw = c->kind == CK_WRONG && c->side[0] == 'n';
		const struct bench *b;

		if (c->kind != CK_WRONG)
			continue;
		b = result_bench(nw ? d->old_file : d->new_file, c->bench);
		if (!b)
			continue;
		if (nw)
			c->old_v =
				bench_counter(b, c->counter, &c->old_present);
		else
			c->new_v =
				bench_counter(b, c->counter, &c->new_present);
	}
	for (i = 0; i < d->nt; i++) {
		d->regressions += d->t[i].verdict == CH_REGRESSED ||
				  d->t[i].verdict == CH_CHANGED;
		d->improvements += d->t[i].verdict == CH_IMPROVED;
	}
	for (i = 0; i < d->nc; i++) {
		const struct counter_row *c = &d->c[i];

		/* more kernel work is a regression, less an improvement */
		if (c->kind == CK_BEHAVIOUR &&
		    !strcmp(c->counter, "kernel_bb")) {
			d->regressions += c->new_v > c->old_v;
			d->improvements += c->new_v < c->old_v;
		}
		d->behaviour += d->c[i].kind == CK_BEHAVIOUR ||
				d->c[i].kind == CK_PRESENCE;
		d->wrong += d->c[i].kind == CK_WRONG &&
			    !strcmp(d->c[i].side, "new");
	}
	/* the most serious of what happened (docs/verdicts.md) */
	d->status = ST_OK;
	if (d->improvements)
		d->status = ST_IMPROVED;
	if (d->behaviour)
		d->status = ST_CHANGED;
	if (d->regressions)
		d->status = ST_REGRESSED;
	if (!d->new_file && d->status < ST_FAILED)
		d->status = ST_FAILED;
	if (d->nfailed && failure_status(d->failed) > d->status)
		d->status = failure_status(d->failed);
	if (d->nm && d->status < ST_MEMORY)
		d->status = ST_MEMORY;
	if (d->wrong)
		d->status = ST_WRONG;
}

enum diff_status failure_status(const struct failure *f)
{
	static const enum diff_status by_rank[] = {
		ST_FAILED, ST_FAILED, ST_MEMORY, ST_HUNG, ST_WRONG};

	return by_rank[failure_rank(f)];
}

void diff_free(struct diff *d)
{
	free(d->t);
	free(d->c);
	free(d->only_old);
	free(d->only_new);
	free(d->m);
}

const char *diff_status_name(enum diff_status s)
{
	static const char *const names[] = {
		[ST_OK] = "ok",
		[ST_CHANGED] = "changed",
		[ST_IMPROVED] = "improved",
		[ST_REGRESSED] = "regressed",
		[ST_FAILED] = "failed",
		[ST_MEMORY] = "memory",
		[ST_HUNG] = "hung",
		[ST_WRONG] = "wrong",
	};

	return names[s];
}

int diff_exit_status(const struct diff *d, size_t n, bool vs_baseline)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (d[i].wrong || d[i].n_only_old || d[i].status >= ST_FAILED)
			return 1;
		if (!vs_baseline && !strcmp(d[i].kind, "baseline"))
			continue;
		if (d[i].regressions || d[i].behaviour)
			return 1;
	}
	return 0;
}
