// SPDX-License-Identifier: GPL-2.0
/* The verdict on each variant of a night (verdict.h). */
#include "verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "fmt.h"
#include "kernel_work.h"

void diff_judge_memory(struct diff *d, const struct night *n, const char *base)
{
	size_t i, k;

	for (i = 0; n && i < n->nrss; i++) {
		const struct peak_rss *v = &n->rss[i];

		if (strcmp(v->variant, d->new_label))
			continue;
		for (k = 0; k < n->nrss; k++) {
			const struct peak_rss *b = &n->rss[k];
			double allowed;

			if (strcmp(b->variant, base) ||
			    strcmp(b->suite, v->suite))
				continue;
			allowed = fmax(b->kib * MEMORY_GROWTH_PCT / 100,
				       MEMORY_GROWTH_MIB * 1024);
			if (v->kib - b->kib <= allowed)
				continue;
			d->m = realloc(d->m, (d->nm + 1) * sizeof(*d->m));
			if (!d->m)
				exit(2);
			d->m[d->nm++] =
				(struct memory_row){v->suite, b->kib, v->kib};
		}
	}
}

const char *status_upper(enum diff_status s)
{
	static const char *const words[] = {
		[ST_OK] = "ok",		  [ST_IMPROVED] = "improved",
		[ST_CHANGED] = "changed", [ST_REGRESSED] = "REGRESSED",
		[ST_FAILED] = "FAILED",	  [ST_MEMORY] = "MEMORY",
		[ST_HUNG] = "HUNG",	  [ST_WRONG] = "WRONG",
	};

	return words[s];
}

/*
 * "×1.23"; a ratio that is not 1 but would print as ×1.00 gets the digits
 * that show it moved (×1.0061): kernel work is exact, a change is a change
 */
static const char *ratio_cell(char *buf, size_t len, double r)
{
	int digits = 2;

	while (r != 1.0 && digits < 6 && fabs(r - 1.0) < 0.5 * pow(10, -digits))
		digits++;
	snprintf(buf, len, "\u00d7%.*f", digits, r);
	return buf;
}

const char *kernel_work_cell(char *buf, size_t len, const struct diff *d)
{
	struct kernel_work kw;
	char mean[32], worst[32];

	if (!kernel_work(d, NULL, &kw))
		snprintf(buf, len, "no kernel_bb");
	else
		snprintf(buf, len, "%s (worst %s %s)",
			 ratio_cell(mean, sizeof(mean), kw.geomean),
			 ratio_cell(worst, sizeof(worst), kw.worst_ratio),
			 kw.worst);
	return buf;
}

/*
 * How big a change is: |ln(new/old)|, so that a 16-fold drop weighs what
 * a 16-fold rise does; to or from zero by the factor of the other value;
 * present on one side only as a doubling.
 */
double change_magnitude(double old_v, double new_v)
{
	old_v = fabs(old_v);
	new_v = fabs(new_v);
	if (isnan(old_v) || isnan(new_v))
		return log(2);
	if (old_v == 0 || new_v == 0)
		return log1p(old_v + new_v);
	return fabs(log(new_v / old_v));
}

static void counter_cell(char *buf, size_t len, const struct diff *d)
{
	const struct counter_row *best = NULL;
	double bm = -1;
	char a[64], b[64];
	size_t i;

	for (i = 0; d && i < d->nc; i++) {
		const struct counter_row *c = &d->c[i];

		if (c->kind != CK_BEHAVIOUR ||
		    change_magnitude(c->old_v, c->new_v) <= bm)
			continue;
		bm = change_magnitude(c->old_v, c->new_v);
		best = c;
	}
	if (!best) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%s on %s: %s \u2192 %s", best->counter, best->bench,
		 fmt_value(a, sizeof(a), best->counter, best->old_v),
		 fmt_value(b, sizeof(b), best->counter, best->new_v));
}

static const struct timing_row *timing_of(const struct diff *d,
					  const char *bench, const char *metric)
{
	size_t i;

	for (i = 0; i < d->nt; i++)
		if (!strcmp(d->t[i].bench, bench) &&
		    !strcmp(d->t[i].metric, metric))
			return &d->t[i];
	return NULL;
}

static void timing_cell(char *buf, size_t len, const struct diff *d)
{
	const struct timing_row *best = NULL, *real, *cpu;
	size_t i, others = 0;
	char a[32], b[32];

	for (i = 0; d && i < d->nt; i++) {
		const struct timing_row *t = &d->t[i];

		if (t->verdict == CH_SAME || !is_time(t->metric))
			continue;
		if (!best || fabs(t->change_pct) > fabs(best->change_pct)) {
			if (best && strcmp(best->bench, t->bench))
				others++;
			best = t;
		} else if (strcmp(best->bench, t->bench)) {
			others++;
		}
	}
	if (!best) {
		snprintf(buf, len, "-");
		return;
	}
	real = timing_of(d, best->bench, "real_time");
	cpu = timing_of(d, best->bench, "cpu_time");
	snprintf(buf, len, "real %s / cpu %s on %s (noise floor %.0f%%)%s",
		 real ? fmt_pct(a, sizeof(a), real->old_mean, real->new_mean)
		      : "-",
		 cpu ? fmt_pct(b, sizeof(b), cpu->old_mean, cpu->new_mean)
		     : "-",
		 best->bench, best->floor_pct, others ? "; and others" : "");
}

/* "WORD on <what>: rest" from a state file's "WORD: rest" */
static void failure_headline(char *buf, size_t len, const struct failure *f)
{
	const char *colon = strstr(f->headline, ": ");

	if (!*f->headline)
		snprintf(buf, len, "FAILED (%s)", f->what);
	else if (colon && !strstr(f->headline, " on "))
		snprintf(buf, len, "%.*s on %s: %s", (int)(colon - f->headline),
			 f->headline, f->what, colon + 2);
	else
		snprintf(buf, len, "%s", f->headline);
}

static void headline(struct variant_verdict *v)
{
	const struct diff *d = v->vs_base;
	size_t i;

	if (v->failure && failure_status(v->failure) == v->status) {
		failure_headline(v->headline, sizeof(v->headline), v->failure);
		return;
	}
	for (i = 0; d && i < d->nc; i++) {
		if (d->c[i].kind == CK_WRONG && d->c[i].side[0] == 'n') {
			snprintf(v->headline, sizeof(v->headline),
				 "WRONG on %s (%.15g oracle_mismatches)",
				 d->c[i].bench, d->c[i].new_v);
			return;
		}
	}
	if (d && d->nm) {
		const struct memory_row *w = &d->m[0];

		for (i = 1; i < d->nm; i++)
			if (d->m[i].new_kib / d->m[i].old_kib >
			    w->new_kib / w->old_kib)
				w = &d->m[i];
		snprintf(
			v->headline, sizeof(v->headline),
			"MEMORY on %s: peak RSS %.0f MiB vs %.0f MiB of %s (+%.0f%%)",
			w->suite, w->new_kib / 1024, w->old_kib / 1024,
			d->old_label, (w->new_kib / w->old_kib - 1) * 100);
		return;
	}
	if (v->failure) {
		failure_headline(v->headline, sizeof(v->headline), v->failure);
		return;
	}
	snprintf(v->headline, sizeof(v->headline), "FAILED: %s",
		 d && d->n_only_old ? "lost benchmarks" : "no results");
}

static struct variant_verdict *find(struct variant_verdict *v, size_t n,
				    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static struct variant_verdict *add(struct variant_verdict **v, size_t *n,
				   const char *name)
{
	struct variant_verdict *x = find(*v, *n, name);

	if (x)
		return x;
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		exit(2);
	x = &(*v)[(*n)++];
	memset(x, 0, sizeof(*x));
	x->name = name;
	return x;
}

static int cmp_verdict(const void *a, const void *b)
{
	const struct variant_verdict *x = a, *y = b;

	if (x->status != y->status)
		return (int)y->status - (int)x->status;
	return strcmp(x->name, y->name);
}

size_t verdicts_build(const struct report *r, struct variant_verdict **out)
{
	struct variant_verdict *v = NULL, *x;
	size_t n = 0, i;

	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		if (strcmp(d->kind, "previous")) {
			if (d->old_file && strcmp(d->kind, "files"))
				add(&v, &n, d->old_label);
			add(&v, &n, d->new_label)->vs_base = d;
		} else {
			add(&v, &n, d->new_label)->vs_prev = d;
		}
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *f = &r->night->failed[i];

		x = add(&v, &n, f->variant);
		if (!x->failure || failure_rank(f) > failure_rank(x->failure))
			x->failure = f;
	}
	for (i = 0; i < n; i++) {
		const struct diff *d =
			v[i].vs_base ? v[i].vs_base : v[i].vs_prev;

		x = &v[i];
		x->status = ST_OK;
		if (x->vs_base)
			x->status = x->vs_base->status;
		if (x->vs_prev && x->vs_prev->status > x->status)
			x->status = x->vs_prev->status;
		if (x->failure && failure_status(x->failure) > x->status)
			x->status = failure_status(x->failure);
		if (x->status >= ST_FAILED)
			headline(x);
		if (d) {
			kernel_work_cell(x->kernel_work, sizeof(x->kernel_work),
					 d);
			counter_cell(x->counter, sizeof(x->counter), d);
			timing_cell(x->timing, sizeof(x->timing), d);
		} else {
			snprintf(x->kernel_work, sizeof(x->kernel_work), "-");
			snprintf(x->counter, sizeof(x->counter), "-");
			snprintf(x->timing, sizeof(x->timing), "-");
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_verdict);
	*out = v;
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double baseline_cv_median(const struct report *r, size_t *nbench)
{
	struct result_file *v[1];
	const char *label[1];
	double *cv, med = NAN;
	size_t i, n = 0;

	*nbench = 0;
	if (!night_files(r, v, label, 1))
		return NAN;
	cv = calloc(v[0]->nb + 1, sizeof(*cv));
	if (!cv)
		exit(2);
	for (i = 0; i < v[0]->nb; i++)
		if (v[0]->b[i].nrep >= 2 && !v[0]->b[i].error)
			cv[n++] =
				stats_cv(v[0]->b[i].real_ns, v[0]->b[i].nrep) *
				100;
	if (n) {
		qsort(cv, n, sizeof(*cv), cmp_double);
		med = n % 2 ? cv[n / 2] : (cv[n / 2 - 1] + cv[n / 2]) / 2;
	}
	free(cv);
	*nbench = n;
	return med;
}

void night_notes(FILE *f, const struct report *r)
{
	const struct night_time *t = r->night ? &r->night->time : NULL;
	const double parts[] = {t ? t->build : NAN, t ? t->oracle : NAN,
				t ? t->cost : NAN,  t ? t->timed : NAN,
				t ? t->merge : NAN, t ? t->report : NAN};
	static const char *const names[] = {"build", "oracle", "cost",
					    "timed", "merge",  "report"};
	size_t nb, i, sep = 0;
	double cv = baseline_cv_median(r, &nb);

	if (nb)
		fprintf(f,
			"\nNoise: median baseline real_time CV %.1f%% over %zu benchmarks.\n",
			cv, nb);
	if (!t || isnan(t->wall) || !(t->wall > 0))
		return;
	fprintf(f, "Night: %.0f s wall:", t->wall);
	/* a phase that took no time did not run (no count pass; the report
	 * of this run is not timed yet) */
	for (i = 0; i < sizeof(parts) / sizeof(*parts); i++)
		if (!isnan(parts[i]) && parts[i] > 0)
			fprintf(f, "%s %s %.1f s (%.0f%%)", sep++ ? "," : "",
				names[i], parts[i], parts[i] / t->wall * 100);
	fprintf(f, "; measurement share (timed / wall) %.0f%%, goal >= 60%%.\n",
		t->timed / t->wall * 100);
}
