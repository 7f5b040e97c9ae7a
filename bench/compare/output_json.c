// SPDX-License-Identifier: GPL-2.0
/* JSON for machines: the whole comparison, and verdict.json (output.h). */
#include "output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "json.h"
#include "kernel_work.h"
#include "verdict.h"

static void json_kv_str(FILE *f, const char *k, const char *v, bool comma)
{
	json_put_string(f, k);
	fputc(':', f);
	if (v)
		json_put_string(f, v);
	else
		fputs("null", f);
	if (comma)
		fputc(',', f);
}

static void json_kv_num(FILE *f, const char *k, double v, bool comma)
{
	json_put_string(f, k);
	fputc(':', f);
	json_put_number(f, v);
	if (comma)
		fputc(',', f);
}

/* The comma before every element of an array or object but the first. */
static void json_next(FILE *f, size_t *n)
{
	if ((*n)++)
		fputc(',', f);
}

static void json_kv_strings(FILE *f, const char *k, char *const *v, size_t n)
{
	size_t i, m = 0;

	json_put_string(f, k);
	fputs(":[", f);
	for (i = 0; i < n; i++) {
		json_next(f, &m);
		json_put_string(f, v[i]);
	}
	fputc(']', f);
}

static void json_timing(FILE *f, const struct timing_row *t)
{
	fputc('{', f);
	json_kv_str(f, "benchmark", t->bench, true);
	json_kv_str(f, "metric", t->metric, true);
	json_kv_str(f, "unit", is_time(t->metric) ? "ns" : "", true);
	json_kv_num(f, "old_mean", t->old_mean, true);
	json_kv_num(f, "old_cv_pct", t->old_cv, true);
	json_kv_num(f, "old_n", (double)t->n_old, true);
	json_kv_num(f, "new_mean", t->new_mean, true);
	json_kv_num(f, "new_cv_pct", t->new_cv, true);
	json_kv_num(f, "new_n", (double)t->n_new, true);
	json_kv_num(f, "change_pct", t->change_pct, true);
	json_kv_num(f, "noise_floor_pct", t->floor_pct, true);
	json_kv_num(f, "u", t->t.u1, true);
	json_kv_num(f, "p", t->t.p, true);
	json_kv_str(f, "method", t->t.exact ? "exact" : "asymptotic", true);
	json_kv_str(f, "verdict", change_name(t->verdict), false);
	fputc('}', f);
}

static void json_counter(FILE *f, const struct counter_row *c)
{
	fputc('{', f);
	json_kv_str(f, "benchmark", c->bench, true);
	json_kv_str(f, "counter", c->counter, true);
	json_kv_num(f, "old", c->old_present ? c->old_v : NAN, true);
	json_kv_num(f, "new", c->new_present ? c->new_v : NAN, true);
	if (c->side)
		json_kv_str(f, "side", c->side, true);
	json_kv_str(f, "kind", kind_name(c->kind), false);
	fputc('}', f);
}

static void json_context(FILE *f, const struct result_file *rf)
{
	static const char *const keys[] = {
		"variant",
		"base",
		"kernel_base",
		"backend",
		"gmapbench_commit",
		"host_name",
		"cpu_model",
		"topology",
		"pinning",
		"library_build_type",
		"date",
		"nightly_date",
	};
	char warn[16][160], *wp[16];
	size_t i, n;

	fputc('{', f);
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (context_str(rf, keys[i]))
			json_kv_str(f, keys[i], context_str(rf, keys[i]), true);
	json_kv_num(f, "num_cpus",
		    json_num(json_get(rf->context, "num_cpus"), NAN), true);
	json_kv_num(
		f, "load_avg_1m",
		json_num(json_at(json_get(rf->context, "load_avg"), 0), NAN),
		true);
	n = result_warnings(rf, warn, 16);
	for (i = 0; i < n; i++)
		wp[i] = warn[i];
	json_kv_strings(f, "warnings", wp, n);
	fputc('}', f);
}

/* "kernel_work": kernel_work() and the top functions of its moved one */
static void json_kernel_work(FILE *f, const struct diff *d)
{
	struct function_move top[10];
	struct kernel_work kw;
	size_t i, n, m = 0;

	json_put_string(f, "kernel_work");
	if (!kernel_work(d, NULL, &kw)) {
		fputs(":null,", f);
		return;
	}
	fputs(":{", f);
	json_kv_num(f, "benchmarks", (double)kw.n, true);
	json_kv_num(f, "geomean", kw.geomean, true);
	json_kv_str(f, "worst", kw.worst, true);
	json_kv_num(f, "worst_ratio", kw.worst_ratio, true);
	json_kv_str(f, "moved", kw.moved, true);
	json_kv_num(f, "moved_ratio", kw.moved_ratio, true);
	json_put_string(f, "functions");
	fputs(":[", f);
	n = kernel_work_functions(d, kw.moved, top, 10);
	for (i = 0; i < n; i++) {
		json_next(f, &m);
		fputc('{', f);
		json_kv_str(f, "function", top[i].function, true);
		json_kv_num(f, "old", top[i].old_v, true);
		json_kv_num(f, "new", top[i].new_v, false);
		fputc('}', f);
	}
	fputs("]},", f);
}

static void json_diff(FILE *f, const struct diff *d, bool only_significant)
{
	size_t i, nt = 0, nc = 0;

	fputc('{', f);
	json_kv_str(f, "kind", d->kind, true);
	json_kv_str(f, "old", d->old_label, true);
	json_kv_str(f, "new", d->new_label, true);
	json_kv_str(f, "old_file", d->old_file ? d->old_file->path : NULL,
		    true);
	json_kv_str(f, "new_file", d->new_file ? d->new_file->path : NULL,
		    true);
	json_kv_str(f, "status", diff_status_name(d->status), true);
	json_kv_num(f, "regressions", (double)d->regressions, true);
	json_kv_num(f, "improvements", (double)d->improvements, true);
	json_kv_num(f, "behaviour_changes", (double)d->behaviour, true);
	json_kv_num(f, "wrong", (double)d->wrong, true);
	if (d->nfailed) {
		json_put_string(f, "failed");
		fputs(":{", f);
		json_kv_str(f, "what", d->failed->what, true);
		json_kv_str(f, "outcome", d->failed->outcome, true);
		json_kv_str(f, "headline", d->failed->headline, true);
		json_kv_str(f, "log_tail", d->failed->tail, false);
		fputs("},", f);
	}
	if (d->nm) {
		size_t k, nm = 0;

		json_put_string(f, "peak_rss_growth");
		fputs(":[", f);
		for (k = 0; k < d->nm; k++) {
			json_next(f, &nm);
			fputc('{', f);
			json_kv_str(f, "suite", d->m[k].suite, true);
			json_kv_num(f, "old_kib", d->m[k].old_kib, true);
			json_kv_num(f, "new_kib", d->m[k].new_kib, false);
			fputc('}', f);
		}
		fputs("],", f);
	}
	if (!only_significant && d->new_file) {
		json_put_string(f, "context");
		fputc(':', f);
		json_context(f, d->new_file);
		fputc(',', f);
	}
	json_put_string(f,
			only_significant ? "significant_timings" : "timings");
	fputs(":[", f);
	for (i = 0; i < d->nt; i++) {
		if (only_significant && d->t[i].verdict == CH_SAME)
			continue;
		json_next(f, &nt);
		json_timing(f, &d->t[i]);
	}
	fputs("],", f);
	json_put_string(f, "counters");
	fputs(":[", f);
	for (i = 0; i < d->nc; i++) {
		json_next(f, &nc);
		json_counter(f, &d->c[i]);
	}
	fputs("],", f);
	json_kernel_work(f, d);
	json_kv_strings(f, "only_old", d->only_old, d->n_only_old);
	fputc(',', f);
	json_kv_strings(f, "only_new", d->only_new, d->n_only_new);
	fputc('}', f);
}

static void json_kv_change_points(FILE *f, const struct history *h)
{
	size_t i, k, n = 0;
	double before, after;

	json_put_string(f, "change_points");
	fputs(":[", f);
	for (i = 0; h && i < h->ns; i++) {
		const struct series *s = &h->s[i];

		for (k = 0; k < s->ncp; k++) {
			series_change_means(s, k, &before, &after);
			json_next(f, &n);
			fputc('{', f);
			json_kv_str(f, "night", s->dates[s->cp[k].index], true);
			json_kv_str(f, "host", s->host, true);
			json_kv_str(f, "variant", s->variant, true);
			json_kv_str(f, "benchmark", s->bench, true);
			json_kv_str(f, "metric", s->metric, true);
			json_kv_num(f, "before_mean", before, true);
			json_kv_num(f, "after_mean", after, true);
			json_kv_num(f, "change_pct",
				    before ? (after - before) / fabs(before) *
						     100
					   : NAN,
				    true);
			json_kv_num(f, "p", s->cp[k].p, true);
			json_kv_num(f, "qhat", s->cp[k].qhat, false);
			fputc('}', f);
		}
	}
	fputc(']', f);
}

/* "exit_status" and what it means, with a comma after */
static void json_exit_status(FILE *f, const struct report *r)
{
	json_kv_num(f, "exit_status", r->exit_status, true);
	json_put_string(f, "exit_status_meaning");
	fprintf(f,
		":{\"0\":\"nothing an operator must act on\",\"1\":\"a wrong, hung, memory or failed variant, or regressions or behaviour changes%s\",\"2\":\"bad input\"},",
		r->exit_vs_baseline ? "" : " against the previous night");
}

void out_json(FILE *f, const struct report *r)
{
	size_t i, n = 0;

	fputc('{', f);
	json_kv_str(f, "tool", "gmapbench-compare", true);
	json_kv_num(f, "version", 1, true);
	json_kv_num(f, "alpha", r->o->alpha, true);
	json_kv_num(f, "noise_floor_pct", r->o->noise_floor, true);
	json_exit_status(f, r);
	json_put_string(f, "comparisons");
	fputs(":[", f);
	for (i = 0; i < r->nd; i++) {
		json_next(f, &n);
		json_diff(f, &r->d[i], false);
	}
	fputs("],", f);
	json_kv_num(f, "history_nights", r->h ? (double)r->h->nights : 0, true);
	json_kv_change_points(f, r->h);
	fputs("}\n", f);
}

/*
 * The significant rows of each comparison against the baseline (or of the
 * two files), or against the previous night, by the new variant's name.
 */
static void json_kv_diffs(FILE *f, const char *k, const struct report *r,
			  bool previous)
{
	size_t i, n = 0;

	json_put_string(f, k);
	fputs(":{", f);
	for (i = 0; i < r->nd; i++) {
		if (!strcmp(r->d[i].kind, "previous") != previous)
			continue;
		json_next(f, &n);
		json_put_string(f, r->d[i].new_label);
		fputc(':', f);
		json_diff(f, &r->d[i], true);
	}
	fputc('}', f);
}

/* The report's top table, most serious first, and the night's noise. */
static void json_kv_top(FILE *f, const struct report *r)
{
	struct variant_verdict *v;
	size_t n = verdicts_build(r, &v), i, m = 0, nb;
	const struct night_time *t = r->night ? &r->night->time : NULL;
	double cv = baseline_cv_median(r, &nb);

	json_put_string(f, "top");
	fputs(":[", f);
	for (i = 0; i < n; i++) {
		json_next(f, &m);
		fputc('{', f);
		json_kv_str(f, "variant", v[i].name, true);
		json_kv_str(f, "status", diff_status_name(v[i].status), true);
		if (v[i].status >= ST_FAILED)
			json_kv_str(f, "headline", v[i].headline, true);
		json_kv_str(f, "kernel_work", v[i].kernel_work, true);
		json_kv_str(f, "biggest_counter_change", v[i].counter, true);
		json_kv_str(f, "timing", v[i].timing, false);
		fputc('}', f);
	}
	fputs("],", f);
	json_kv_num(f, "baseline_real_time_cv_median_pct", nb ? cv : NAN, true);
	json_kv_num(f, "night_wall_s", t && t->wall > 0 ? t->wall : NAN, true);
	/* the timed rounds' share of the night's wall time (docs/report.md) */
	json_kv_num(f, "measurement_share_pct",
		    t && t->wall > 0 ? t->timed / t->wall * 100 : NAN, false);
	free(v);
}

void out_verdict(FILE *f, const struct report *r)
{
	fputc('{', f);
	if (r->night) {
		json_kv_str(f, "night", r->night->date, true);
		json_kv_str(f, "host", r->night->host, true);
	}
	json_exit_status(f, r);
	json_put_string(f, "status_meaning");
	fputs(":{\"wrong\":\"a translation or a reflected exception disagreed with the oracle\",\"hung\":\"a job ran past its time limit, or L2 made no progress\",\"memory\":\"a job hit its memory limit, or peak RSS grew significantly against the baseline\",\"failed\":\"did not apply, build or run; crashed; lost benchmarks; unreadable results\",\"regressed\":\"significantly slower, or more kernel work\",\"changed\":\"a deterministic counter changed, nothing slower\",\"improved\":\"significantly faster or less kernel work, nothing worse\",\"ok\":\"nothing significant\"},",
	      f);
	json_kv_top(f, r);
	fputc(',', f);
	json_kv_diffs(f, "variants", r, false);
	fputc(',', f);
	json_kv_diffs(f, "previous_night", r, true);
	fputc(',', f);
	json_kv_change_points(f, r->h);
	fputs("}\n", f);
}
