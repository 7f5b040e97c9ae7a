// SPDX-License-Identifier: GPL-2.0
/* The output formats of gmapbench-compare (output.h). */
#include "output.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"

/* ---- formatting helpers ---- */

static const char *fmt_time(char *buf, size_t len, double ns)
{
	if (isnan(ns))
		snprintf(buf, len, "-");
	else if (fabs(ns) < 1e3)
		snprintf(buf, len, "%.2fns", ns);
	else if (fabs(ns) < 1e6)
		snprintf(buf, len, "%.2fus", ns / 1e3);
	else if (fabs(ns) < 1e9)
		snprintf(buf, len, "%.2fms", ns / 1e6);
	else
		snprintf(buf, len, "%.3fs", ns / 1e9);
	return buf;
}

static bool is_time(const char *metric)
{
	return !strcmp(metric, "real_time") || !strcmp(metric, "cpu_time");
}

static const char *fmt_value(char *buf, size_t len, const char *metric,
			     double v)
{
	if (is_time(metric))
		return fmt_time(buf, len, v);
	if (isnan(v))
		snprintf(buf, len, "absent");
	else
		snprintf(buf, len, "%.15g", v);
	return buf;
}

static const char *fmt_pct(char *buf, size_t len, double old_v, double new_v)
{
	if (isnan(old_v) || isnan(new_v))
		snprintf(buf, len, "-");
	else if (old_v == new_v)
		snprintf(buf, len, "0.00%%");
	else if (old_v == 0)
		snprintf(buf, len, "new");
	else
		snprintf(buf, len, "%+.2f%%",
			 (new_v - old_v) / fabs(old_v) * 100);
	return buf;
}

/* One decimal, for the summary headlines. */
static const char *fmt_pct1(char *buf, size_t len, double old_v, double new_v)
{
	if (isnan(old_v) || isnan(new_v) || old_v == 0)
		return fmt_pct(buf, len, old_v, new_v);
	snprintf(buf, len, "%+.1f%%", (new_v - old_v) / fabs(old_v) * 100);
	return buf;
}

/* How much a row matters when ordering a summary: |%change|, 0 -> x as 100. */
/*
 * How big a change is, for picking a headline: |ln(new/old)|, so that a
 * 16-fold drop weighs what a 16-fold rise does (percentages would rank
 * -94% below +100%). To or from zero counts as a change by the factor of
 * the other value; present on one side only as a doubling.
 */
static double magnitude(double old_v, double new_v)
{
	old_v = fabs(old_v);
	new_v = fabs(new_v);
	if (isnan(old_v) || isnan(new_v))
		return log(2);
	if (old_v == 0 || new_v == 0)
		return log1p(old_v + new_v);
	return fabs(log(new_v / old_v));
}

static const char *change_name(enum change c)
{
	return c == CH_IMPROVED	   ? "improvement"
	       : c == CH_REGRESSED ? "regression"
	       : c == CH_CHANGED   ? "change"
				   : "same";
}

static const char *kind_name(enum counter_kind k)
{
	return k == CK_BEHAVIOUR	  ? "behaviour"
	       : k == CK_WRONG		  ? "wrong"
	       : k == CK_NONDETERMINISTIC ? "nondeterministic"
					  : "presence";
}

static void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void md_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '<')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* The new variant's name as the report uses it. */
static const char *new_name(const struct diff *d)
{
	return d->new_label;
}

/* ---- the text table (mmtests / LKP style) ---- */

static void text_diff(FILE *f, const struct diff *d, const struct diff_opts *o)
{
	char a[64], b[64], p[32];
	size_t i;

	fprintf(f, "%s -> %s (vs %s)\n", d->old_label, d->new_label, d->kind);
	fprintf(f, "  old: %s\n", d->old_file ? d->old_file->path : "-");
	fprintf(f, "  new: %s\n",
		d->new_file ? d->new_file->path : "(no results)");
	if (d->nfailed)
		fprintf(f, "  FAILED: %s\n", d->failed->what);
	if (!d->new_file) {
		fprintf(f, "status: %s\n\n", diff_status_name(d->status));
		return;
	}
	fprintf(f, "\n%-36s %-10s %22s %22s %9s %1s %9s\n", "benchmark",
		"metric", d->old_label, d->new_label, "%change", "", "p");
	for (i = 0; i < d->nt; i++) {
		const struct timing_row *t = &d->t[i];
		char oc[64], nc[64];

		snprintf(oc, sizeof(oc), "%s (+-%4.1f%%)",
			 fmt_value(a, sizeof(a), t->metric, t->old_mean),
			 t->old_cv);
		snprintf(nc, sizeof(nc), "%s (+-%4.1f%%)",
			 fmt_value(b, sizeof(b), t->metric, t->new_mean),
			 t->new_cv);
		fprintf(f, "%-36s %-10s %22s %22s %9s %1s %9.2g\n", t->bench,
			t->metric, oc, nc,
			fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
			t->verdict != CH_SAME ? "*" : "", t->t.p);
	}
	if (d->nc) {
		fprintf(f, "\n%-36s %-18s %14s    %-14s %9s\n",
			"counters (exact)", "counter", d->old_label,
			d->new_label, "%change");
		for (i = 0; i < d->nc; i++) {
			const struct counter_row *c = &d->c[i];

			if (c->kind == CK_WRONG) {
				fprintf(f,
					"%-36s %-18s %s = %.15g in %s  WRONG\n",
					c->bench, c->counter, c->counter,
					c->side[0] == 'n' ? c->new_v : c->old_v,
					c->side[0] == 'n' ? d->new_label
							  : d->old_label);
				continue;
			}
			if (c->kind == CK_NONDETERMINISTIC) {
				fprintf(f,
					"%-36s %-18s repetitions of %s disagree  NONDETERMINISTIC\n",
					c->bench, c->counter,
					c->side[0] == 'n' ? d->new_label
							  : d->old_label);
				continue;
			}
			fprintf(f, "%-36s %-18s %14s -> %-14s %9s  BEHAVIOUR\n",
				c->bench, c->counter,
				fmt_value(a, sizeof(a), c->counter, c->old_v),
				fmt_value(b, sizeof(b), c->counter, c->new_v),
				fmt_pct(p, sizeof(p), c->old_v, c->new_v));
		}
	}
	for (i = 0; i < d->n_only_old; i++)
		fprintf(f, "only in %s: %s\n", d->old_label, d->only_old[i]);
	for (i = 0; i < d->n_only_new; i++)
		fprintf(f, "only in %s: %s\n", d->new_label, d->only_new[i]);
	fprintf(f,
		"status: %s (%zu regressions, %zu improvements, %zu behaviour changes, %zu wrong)\n\n",
		diff_status_name(d->status), d->regressions, d->improvements,
		d->behaviour, d->wrong);
	(void)o;
}

static void text_history(FILE *f, const struct history *h)
{
	size_t i, k, n = 0;
	char a[64], b[64];

	for (i = 0; i < h->ns; i++)
		n += h->s[i].ncp;
	fprintf(f,
		"change points over %zu night(s) (E-divisive means, permutation test):\n",
		h->nights);
	if (!n)
		fprintf(f, "  none\n");
	for (i = 0; i < h->ns; i++) {
		const struct series *s = &h->s[i];

		for (k = 0; k < s->ncp; k++) {
			size_t from = k ? s->cp[k - 1].index : 0;
			size_t to = k + 1 < s->ncp ? s->cp[k + 1].index : s->n;
			double before =
				series_segment_mean(s, from, s->cp[k].index);
			double after =
				series_segment_mean(s, s->cp[k].index, to);
			char p[32];

			fprintf(f, "  %s %s %s %s %s: %s -> %s (%s) p=%.3f\n",
				s->dates[s->cp[k].index], s->host, s->variant,
				s->bench, s->metric,
				fmt_value(a, sizeof(a), s->metric, before),
				fmt_value(b, sizeof(b), s->metric, after),
				fmt_pct(p, sizeof(p), before, after),
				s->cp[k].p);
		}
	}
}

void out_text(FILE *f, const struct report *r)
{
	size_t i;

	fprintf(f,
		"gmapbench-compare: alpha %g, noise floor max(%g%%, 2 x CV of the old sample); * = significant\n\n",
		r->o->alpha, r->o->noise_floor);
	for (i = 0; i < r->nd; i++)
		text_diff(f, &r->d[i], r->o);
	if (r->h)
		text_history(f, r->h);
}

/* ---- JSON ---- */

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
	char warn[16][160];
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
	json_put_string(f, "warnings");
	fputs(":[", f);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_put_string(f, warn[i]);
	}
	fputs("]}", f);
}

static void json_diff(FILE *f, const struct diff *d, bool only_significant)
{
	size_t i;
	bool first = true;

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
		json_kv_str(f, "log_tail", d->failed->tail, false);
		fputs("},", f);
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
		if (!first)
			fputc(',', f);
		first = false;
		json_timing(f, &d->t[i]);
	}
	fputs("],", f);
	json_put_string(f, "counters");
	fputs(":[", f);
	for (i = 0; i < d->nc; i++) {
		if (i)
			fputc(',', f);
		json_counter(f, &d->c[i]);
	}
	fputs("],", f);
	json_put_string(f, "only_old");
	fputs(":[", f);
	for (i = 0; i < d->n_only_old; i++) {
		if (i)
			fputc(',', f);
		json_put_string(f, d->only_old[i]);
	}
	fputs("],", f);
	json_put_string(f, "only_new");
	fputs(":[", f);
	for (i = 0; i < d->n_only_new; i++) {
		if (i)
			fputc(',', f);
		json_put_string(f, d->only_new[i]);
	}
	fputs("]}", f);
}

static void json_change_points(FILE *f, const struct history *h)
{
	size_t i, k;
	bool first = true;

	fputc('[', f);
	for (i = 0; h && i < h->ns; i++) {
		const struct series *s = &h->s[i];

		for (k = 0; k < s->ncp; k++) {
			size_t from = k ? s->cp[k - 1].index : 0;
			size_t to = k + 1 < s->ncp ? s->cp[k + 1].index : s->n;
			double before =
				series_segment_mean(s, from, s->cp[k].index);
			double after =
				series_segment_mean(s, s->cp[k].index, to);

			if (!first)
				fputc(',', f);
			first = false;
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

static void json_exit_meaning(FILE *f)
{
	json_put_string(f, "exit_status_meaning");
	fputs(":{\"0\":\"nothing significant\",\"1\":\"regressions, behaviour changes, wrong results or failed variants\",\"2\":\"bad input\"}",
	      f);
}

void out_json(FILE *f, const struct report *r)
{
	size_t i;

	fputc('{', f);
	json_kv_str(f, "tool", "gmapbench-compare", true);
	json_kv_num(f, "version", 1, true);
	json_kv_num(f, "alpha", r->o->alpha, true);
	json_kv_num(f, "noise_floor_pct", r->o->noise_floor, true);
	json_kv_num(f, "exit_status", r->exit_status, true);
	json_exit_meaning(f);
	fputc(',', f);
	json_put_string(f, "comparisons");
	fputs(":[", f);
	for (i = 0; i < r->nd; i++) {
		if (i)
			fputc(',', f);
		json_diff(f, &r->d[i], false);
	}
	fputs("],", f);
	json_kv_num(f, "history_nights", r->h ? (double)r->h->nights : 0, true);
	json_put_string(f, "change_points");
	fputc(':', f);
	json_change_points(f, r->h);
	fputs("}\n", f);
}

void out_verdict(FILE *f, const struct report *r)
{
	size_t i, nvar = 0;

	fputc('{', f);
	if (r->night) {
		json_kv_str(f, "night", r->night->date, true);
		json_kv_str(f, "host", r->night->host, true);
	}
	json_kv_num(f, "exit_status", r->exit_status, true);
	json_exit_meaning(f);
	fputc(',', f);
	json_put_string(f, "status_meaning");
	fputs(":{\"ok\":\"nothing significant\",\"improved\":\"faster, no regression\",\"changed\":\"deterministic counters changed, timings not significantly\",\"regressed\":\"significantly slower\",\"wrong\":\"translations disagreed with the oracle\",\"failed\":\"did not apply, build or run\"},",
	      f);
	json_put_string(f, "variants");
	fputs(":{", f);
	for (i = 0; i < r->nd; i++) {
		if (strcmp(r->d[i].kind, "baseline") &&
		    strcmp(r->d[i].kind, "files"))
			continue;
		if (nvar++)
			fputc(',', f);
		json_put_string(f, new_name(&r->d[i]));
		fputc(':', f);
		json_diff(f, &r->d[i], true);
	}
	fputs("},", f);
	json_put_string(f, "previous_night");
	fputs(":{", f);
	{
		bool first = true;

		for (i = 0; i < r->nd; i++) {
			if (strcmp(r->d[i].kind, "previous"))
				continue;
			if (!first)
				fputc(',', f);
			first = false;
			json_put_string(f, new_name(&r->d[i]));
			fputc(':', f);
			json_diff(f, &r->d[i], true);
		}
	}
	fputs("},", f);
	json_put_string(f, "change_points");
	fputc(':', f);
	json_change_points(f, r->h);
	fputs("}\n", f);
}

/* ---- the mailing-list summary ---- */

struct line {
	double weight;
	char text[512];
};

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	return (x->weight < y->weight) - (x->weight > y->weight);
}

/* The one line that says most about a comparison; its weight orders lines. */
static double headline(const struct diff *d, char *buf, size_t len)
{
	const struct counter_row *bc = NULL;
	const struct timing_row *bt = NULL, *reg = NULL;
	double bm = -1, tm = -1, rm = -1;
	char p[32];
	size_t i;

	if (d->status == ST_FAILED && !d->new_file) {
		snprintf(buf, len, "%s: FAILED (%s)", new_name(d),
			 d->nfailed ? d->failed->what : "no results");
		return 900;
	}
	for (i = 0; i < d->nc; i++) {
		if (d->c[i].kind == CK_WRONG && d->c[i].side[0] == 'n') {
			snprintf(
				buf, len,
				"%s: WRONG: %.15g oracle_mismatches on %s vs %s",
				new_name(d), d->c[i].new_v, d->c[i].bench,
				d->old_label);
			return 1000;
		}
		if (d->c[i].kind == CK_BEHAVIOUR &&
		    magnitude(d->c[i].old_v, d->c[i].new_v) > bm) {
			bm = magnitude(d->c[i].old_v, d->c[i].new_v);
			bc = &d->c[i];
		}
	}
	for (i = 0; i < d->nt; i++) {
		const struct timing_row *t = &d->t[i];

		if (t->verdict == CH_SAME)
			continue;
		if (t->verdict == CH_REGRESSED && fabs(t->change_pct) > rm) {
			rm = fabs(t->change_pct);
			reg = t;
		}
		if (magnitude(t->old_mean, t->new_mean) > tm) {
			tm = magnitude(t->old_mean, t->new_mean);
			bt = t;
		}
	}
	if (reg) {
		snprintf(buf, len, "%s: %s %s on %s vs %s (regression, p=%.2g)",
			 new_name(d),
			 fmt_pct1(p, sizeof(p), reg->old_mean, reg->new_mean),
			 reg->metric, reg->bench, d->old_label, reg->t.p);
		return 500 + rm;
	}
	if (bc && bm >= tm) {
		snprintf(buf, len, "%s: %s %s on %s vs %s", new_name(d),
			 fmt_pct1(p, sizeof(p), bc->old_v, bc->new_v),
			 bc->counter, bc->bench, d->old_label);
		return 100 + fmin(bm, 39);
	}
	if (bt) {
		snprintf(buf, len, "%s: %s %s on %s vs %s (%s)", new_name(d),
			 fmt_pct1(p, sizeof(p), bt->old_mean, bt->new_mean),
			 bt->metric, bt->bench, d->old_label,
			 change_name(bt->verdict));
		return 100 + fmin(tm, 39);
	}
	snprintf(buf, len, "%s: no significant change vs %s%s", new_name(d),
		 d->old_label, d->nfailed ? " (but a suite FAILED)" : "");
	return d->nfailed ? 900 : 0;
}

void out_summary(FILE *f, const struct report *r)
{
	struct line *lines = calloc(r->nd + 1, sizeof(*lines));
	size_t i, k, n = 0, ncp = 0;
	char a[64], b[64], p[32];
	bool any;

	if (!lines)
		return;
	for (i = 0; i < r->nd; i++) {
		if (!strcmp(r->d[i].kind, "previous"))
			continue;
		lines[n].weight = headline(&r->d[i], lines[n].text,
					   sizeof(lines[n].text));
		n++;
	}
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i].text);
	free(lines);

	any = false;
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			if (t->verdict != CH_REGRESSED &&
			    t->verdict != CH_CHANGED)
				continue;
			if (!any)
				fprintf(f, "\nRegressions:\n");
			any = true;
			fprintf(f,
				"  %s vs %s: %s %s %s -> %s (%s, p=%.2g, noise floor %.1f%%)\n",
				d->new_label, d->old_label, t->bench, t->metric,
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p, t->floor_pct);
		}
	}
	any = false;
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		for (k = 0; k < d->nc; k++) {
			const struct counter_row *c = &d->c[k];

			if (c->kind == CK_NONDETERMINISTIC)
				continue;
			if (!any)
				fprintf(f,
					"\nBehaviour changes (deterministic counters):\n");
			any = true;
			if (c->kind == CK_WRONG)
				fprintf(f, "  %s: %s %s = %.15g  WRONG\n",
					c->side[0] == 'n' ? d->new_label
							  : d->old_label,
					c->bench, c->counter,
					c->side[0] == 'n' ? c->new_v
							  : c->old_v);
			else
				fprintf(f, "  %s vs %s: %s %s %s -> %s (%s)\n",
					d->new_label, d->old_label, c->bench,
					c->counter,
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v));
		}
	}
	any = false;
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];
		const char *t = fl->tail, *nl;
		int lines_left = 10;

		if (!any)
			fprintf(f, "\nFailed variants:\n");
		any = true;
		fprintf(f, "  %s (%s); end of its log:\n", fl->variant,
			fl->what);
		/* the last lines of the tail */
		for (nl = t + strlen(t); nl > t && lines_left >= 0; nl--)
			if (nl[-1] == '\n' && nl != t + strlen(t))
				lines_left--;
		for (t = nl; *t;) {
			const char *e = strchr(t, '\n');
			size_t l = e ? (size_t)(e - t) : strlen(t);

			fprintf(f, "    | %.*s\n", (int)l, t);
			t += l + (e ? 1 : 0);
		}
	}
	for (i = 0; r->h && i < r->h->ns; i++)
		ncp += r->h->s[i].ncp;
	if (ncp) {
		fprintf(f, "\n");
		text_history(f, r->h);
	}
}

/* ---- charts: the list shared by the data files, Markdown and HTML ---- */

struct chart {
	char name[64];
	const char *kind;
	char title[512];
	size_t bench; /* time, counters: index in the first old file */
	const struct series *s; /* history */
};

/* The files of the night: the baseline and every variant compared with it. */
static size_t night_files(const struct report *r, struct result_file **v,
			  const char **label, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < r->nd && n < max; i++) {
		const struct diff *d = &r->d[i];

		if (!strcmp(d->kind, "previous"))
			continue;
		if (!n && d->old_file) {
			label[n] = d->old_label;
			v[n++] = d->old_file;
		}
		if (d->new_file && n < max) {
			label[n] = d->new_label;
			v[n++] = d->new_file;
		}
	}
	return n;
}

static bool counter_nonzero(struct result_file **v, size_t nv,
			    const char *bench, const char *counter)
{
	size_t i;

	for (i = 0; i < nv; i++) {
		const struct bench *b = result_bench(v[i], bench);
		bool found;
		double x = b ? bench_counter(b, counter, &found) : NAN;

		if (b && found && x > 0)
			return true;
	}
	return false;
}

static size_t list_charts(const struct report *r, struct chart **out)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), n = 0, i, k;
	struct chart *c = NULL;

#define ADD()                                         \
	do {                                          \
		c = realloc(c, (n + 1) * sizeof(*c)); \
		if (!c)                               \
			exit(2);                      \
		memset(&c[n], 0, sizeof(*c));         \
	} while (0)
	for (i = 0; nv && i < v[0]->nb; i++) {
		const struct bench *b = &v[0]->b[i];
		bool any = false;

		if (b->error || !b->nrep)
			continue;
		ADD();
		snprintf(c[n].name, sizeof(c[n].name), "time-%zu", i);
		c[n].kind = "time";
		c[n].bench = i;
		snprintf(c[n].title, sizeof(c[n].title),
			 "%s: real and CPU time per iteration", b->name);
		n++;
		for (k = 0; k < b->ncounters; k++)
			if (counter_is_deterministic(b->cnames[k]) &&
			    counter_nonzero(v, nv, b->name, b->cnames[k]))
				any = true;
		if (any) {
			ADD();
			snprintf(c[n].name, sizeof(c[n].name), "counters-%zu",
				 i);
			c[n].kind = "counters";
			c[n].bench = i;
			snprintf(c[n].title, sizeof(c[n].title),
				 "%s: counters per iteration (log scale)",
				 b->name);
			n++;
		}
	}
	for (i = 0; r->h && i < r->h->ns; i++) {
		const struct series *s = &r->h->s[i];

		/* every real_time series of the night's variants, and any with a change point */
		if (s->n < 2 || (strcmp(s->metric, "real_time") && !s->ncp))
			continue;
		if (r->night && strcmp(s->host, r->night->host))
			continue;
		ADD();
		snprintf(c[n].name, sizeof(c[n].name), "history-%zu", i);
		c[n].kind = "history";
		c[n].s = s;
		snprintf(c[n].title, sizeof(c[n].title),
			 "%s %s %s over %zu nights%s", s->variant, s->bench,
			 s->metric, s->n,
			 s->ncp ? " (change points marked)" : "");
		n++;
	}
#undef ADD
	*out = c;
	return n;
}

static double time_scale(double ns, const char **unit)
{
	if (ns < 1e3) {
		*unit = "ns";
		return 1;
	}
	if (ns < 1e6) {
		*unit = "us";
		return 1e3;
	}
	if (ns < 1e9) {
		*unit = "ms";
		return 1e6;
	}
	*unit = "s";
	return 1e9;
}

static void plot_time(FILE *f, const struct report *r, const struct chart *c)
{
	struct result_file *v[64];
	const char *label[64], *unit;
	size_t nv = night_files(r, v, label, 64), i;
	const struct bench *b0 = &v[0]->b[c->bench];
	double scale = time_scale(stats_mean(b0->real_ns, b0->nrep), &unit);

	fprintf(f,
		"# unit %s\n# variant real_mean real_stddev cpu_mean cpu_stddev\n",
		unit);
	for (i = 0; i < nv; i++) {
		const struct bench *b = result_bench(v[i], b0->name);

		if (!b || !b->nrep || b->error)
			fprintf(f, "\"%s\" ? ? ? ?\n", label[i]);
		else
			fprintf(f, "\"%s\" %.6g %.6g %.6g %.6g\n", label[i],
				stats_mean(b->real_ns, b->nrep) / scale,
				stats_stddev(b->real_ns, b->nrep) / scale,
				stats_mean(b->cpu_ns, b->nrep) / scale,
				stats_stddev(b->cpu_ns, b->nrep) / scale);
	}
}

static void plot_counters(FILE *f, const struct report *r,
			  const struct chart *c)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k;
	const struct bench *b0 = &v[0]->b[c->bench];

	fprintf(f, "counter");
	for (i = 0; i < nv; i++)
		fprintf(f, " \"%s\"", label[i]);
	fprintf(f, "\n");
	for (k = 0; k < b0->ncounters; k++) {
		const char *name = b0->cnames[k];

		if (!counter_is_deterministic(name) ||
		    !counter_nonzero(v, nv, b0->name, name))
			continue;
		fprintf(f, "%s", name);
		for (i = 0; i < nv; i++) {
			const struct bench *b = result_bench(v[i], b0->name);
			bool found = false;
			double x = b ? bench_counter(b, name, &found) : NAN;

			/* zero has no place on a log scale: missing */
			if (found && x > 0)
				fprintf(f, " %.15g", x);
			else
				fprintf(f, " ?");
		}
		fprintf(f, "\n");
	}
}

static void plot_history(FILE *f, const struct chart *c)
{
	const struct series *s = c->s;
	const char *unit = "";
	double scale = 1;
	size_t i, k;

	if (is_time(s->metric))
		scale = time_scale(stats_mean(s->v, s->n), &unit);
	fprintf(f,
		"# unit %s\n# index night value segment_mean change_point(0/1)\n",
		unit);
	for (i = 0; i < s->n; i++) {
		size_t from = 0, to = s->n;
		bool cp = false;

		for (k = 0; k < s->ncp; k++) {
			if (s->cp[k].index <= i)
				from = s->cp[k].index;
			else if (s->cp[k].index < to)
				to = s->cp[k].index;
			if (s->cp[k].index == i)
				cp = true;
		}
		fprintf(f, "%zu %s %.10g %.10g %d\n", i, s->dates[i],
			s->v[i] / scale,
			series_segment_mean(s, from, to) / scale, cp);
	}
}

int out_plot_data(const char *dir, const struct report *r)
{
	struct chart *c;
	size_t n = list_charts(r, &c), i;
	char path[8192];
	FILE *m, *f;

	if (mkdir(dir, 0777) && errno != EEXIST)
		return -1;
	snprintf(path, sizeof(path), "%s/charts.tsv", dir);
	m = fopen(path, "w");
	if (!m)
		return -1;
	for (i = 0; i < n; i++) {
		fprintf(m, "%s\t%s\t%s\n", c[i].name, c[i].kind, c[i].title);
		snprintf(path, sizeof(path), "%s/%s.dat", dir, c[i].name);
		f = fopen(path, "w");
		if (!f) {
			fclose(m);
			free(c);
			return -1;
		}
		if (!strcmp(c[i].kind, "time"))
			plot_time(f, r, &c[i]);
		else if (!strcmp(c[i].kind, "counters"))
			plot_counters(f, r, &c[i]);
		else
			plot_history(f, &c[i]);
		if (fclose(f)) {
			fclose(m);
			free(c);
			return -1;
		}
	}
	free(c);
	return fclose(m) ? -1 : 0;
}

/* ---- Markdown and HTML ---- */

static const char *const context_keys[][2] = {
	{"kernel_base", "kernel base"},
	{"gmapbench_commit", "commit"},
	{"backend", "backend"},
	{"host_name", "host"},
	{"cpu_model", "CPU"},
	{"topology", "topology"},
	{"pinning", "pinning"},
	{"library_build_type", "build"},
	{"date", "run at"},
};
#define NCTX (sizeof(context_keys) / sizeof(*context_keys))

static void run_cell(char *buf, size_t len, const struct result_file *rf,
		     size_t k)
{
	const char *s = context_str(rf, context_keys[k][0]);
	const char *running = context_str(rf, "kernel_release");

	/* host/kvm: the kernel that ran, beside the base the variant is on */
	if (!strcmp(context_keys[k][0], "kernel_base") && running)
		snprintf(buf, len, "%s (running %s)", s ? s : "-", running);
	else
		snprintf(buf, len, "%s", s ? s : "-");
}

static void load_cell(char *buf, size_t len, const struct result_file *rf)
{
	const struct json *l = json_get(rf->context, "load_avg");
	size_t minrep = 0, i;

	for (i = 0; i < rf->nb; i++)
		if (!minrep || rf->b[i].nrep < minrep)
			minrep = rf->b[i].nrep;
	snprintf(buf, len, "%.2f / %g CPUs, %zu reps",
		 json_num(json_at(l, 0), NAN),
		 json_num(json_get(rf->context, "num_cpus"), NAN), minrep);
}

static const char *status_word(enum diff_status s)
{
	return s == ST_OK	   ? "ok"
	       : s == ST_CHANGED   ? "behaviour changed"
	       : s == ST_IMPROVED  ? "improved"
	       : s == ST_REGRESSED ? "REGRESSED"
	       : s == ST_WRONG	   ? "WRONG"
				   : "FAILED";
}

void out_markdown(FILE *f, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k, nch;
	char a[64], b[64], p[32], cell[256], warn[16][160];
	struct chart *ch;

	if (r->night)
		fprintf(f, "# gmapbench night %s on %s\n\n", r->night->date,
			r->night->host);
	else
		fprintf(f, "# gmapbench comparison\n\n");
	fprintf(f,
		"Exit status %d (0 nothing significant, 1 regressions, behaviour changes, wrong results or failed variants).\n\n",
		r->exit_status);
	fprintf(f,
		"| variant | vs | status | regressions | improvements | behaviour changes |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		fprintf(f, "| ");
		md_esc(f, d->new_label);
		fprintf(f, " | ");
		md_esc(f, d->kind[0] == 'p' ? "previous night" : d->old_label);
		fprintf(f, " | **%s** | %zu | %zu | %zu |\n",
			status_word(d->status), d->regressions, d->improvements,
			d->behaviour);
	}
	fprintf(f, "\n## Runs\n\n| variant |");
	for (k = 0; k < NCTX; k++)
		fprintf(f, " %s |", context_keys[k][1]);
	fprintf(f, " load, CPUs, repetitions |\n|---|");
	for (k = 0; k <= NCTX; k++)
		fprintf(f, "---|");
	fprintf(f, "\n");
	for (i = 0; i < nv; i++) {
		fprintf(f, "| ");
		md_esc(f, label[i]);
		fprintf(f, " |");
		for (k = 0; k < NCTX; k++) {
			run_cell(cell, sizeof(cell), v[i], k);
			fputc(' ', f);
			md_esc(f, cell);
			fprintf(f, " |");
		}
		load_cell(cell, sizeof(cell), v[i]);
		fprintf(f, " %s |\n", cell);
	}
	for (i = 0; i < nv; i++) {
		size_t nw = result_warnings(v[i], warn, 16);

		for (k = 0; k < nw; k++) {
			fprintf(f, "\n> **Warning** (");
			md_esc(f, label[i]);
			fprintf(f, "): ");
			md_esc(f, warn[k]);
			fprintf(f, "\n");
		}
	}
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		if (!d->new_file)
			continue;
		fprintf(f, "\n## ");
		md_esc(f, d->new_label);
		fprintf(f, " vs ");
		md_esc(f,
		       d->kind[0] == 'p' ? "the previous night" : d->old_label);
		fprintf(f, ": %s\n\n", status_word(d->status));
		fprintf(f, "| benchmark | metric | ");
		md_esc(f, d->old_label);
		fprintf(f, " | ");
		md_esc(f, d->new_label);
		fprintf(f,
			" | %%change | p | |\n|---|---|---:|---:|---:|---:|---|\n");
		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			fprintf(f, "| ");
			md_esc(f, t->bench);
			fprintf(f, " | ");
			md_esc(f, t->metric);
			fprintf(f,
				" | %s (±%.1f%%) | %s (±%.1f%%) | %s | %.2g | %s |\n",
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				t->old_cv,
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				t->new_cv,
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p,
				t->verdict == CH_SAME ? ""
				: t->verdict == CH_REGRESSED
					? "**regression**"
					: change_name(t->verdict));
		}
		if (d->nc) {
			fprintf(f,
				"\n| benchmark | counter | old | new | %%change | |\n|---|---|---:|---:|---:|---|\n");
			for (k = 0; k < d->nc; k++) {
				const struct counter_row *c = &d->c[k];

				fprintf(f, "| ");
				md_esc(f, c->bench);
				fprintf(f, " | ");
				md_esc(f, c->counter);
				fprintf(f, " | %s | %s | %s | %s |\n",
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v),
					c->kind == CK_WRONG ? "**WRONG**"
					: c->kind == CK_BEHAVIOUR
						? "behaviour change"
						: kind_name(c->kind));
			}
		}
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];

		fprintf(f, "\n## FAILED: ");
		md_esc(f, fl->variant);
		fprintf(f, " (");
		md_esc(f, fl->what);
		fprintf(f, ")\n\n```\n%s%s```\n", fl->tail,
			fl->tail[0] && fl->tail[strlen(fl->tail) - 1] != '\n'
				? "\n"
				: "");
	}
	if (r->h) {
		size_t ncp = 0;

		fprintf(f, "\n## Change points over %zu nights\n\n",
			r->h->nights);
		for (i = 0; i < r->h->ns; i++)
			ncp += r->h->s[i].ncp;
		if (!ncp)
			fprintf(f, "None found.\n");
		else
			fprintf(f,
				"| night | variant | benchmark | metric | before | after | %%change | p |\n|---|---|---|---|---:|---:|---:|---:|\n");
		for (i = 0; i < r->h->ns; i++) {
			const struct series *s = &r->h->s[i];

			for (k = 0; k < s->ncp; k++) {
				size_t from = k ? s->cp[k - 1].index : 0;
				size_t to = k + 1 < s->ncp ? s->cp[k + 1].index
							   : s->n;
				double bf = series_segment_mean(s, from,
								s->cp[k].index);
				double af = series_segment_mean(
					s, s->cp[k].index, to);

				fprintf(f, "| %s | ", s->dates[s->cp[k].index]);
				md_esc(f, s->variant);
				fprintf(f, " | ");
				md_esc(f, s->bench);
				fprintf(f, " | ");
				md_esc(f, s->metric);
				fprintf(f, " | %s | %s | %s | %.3f |\n",
					fmt_value(a, sizeof(a), s->metric, bf),
					fmt_value(b, sizeof(b), s->metric, af),
					fmt_pct(p, sizeof(p), bf, af),
					s->cp[k].p);
			}
		}
	}
	nch = list_charts(r, &ch);
	if (nch)
		fprintf(f, "\n## Charts\n");
	for (i = 0; i < nch; i++) {
		fprintf(f, "\n![");
		md_esc(f, ch[i].title);
		fprintf(f, "](charts/%s.png)\n", ch[i].name);
	}
	free(ch);
}

static const char *status_class(enum diff_status s)
{
	return s == ST_OK	  ? "ok"
	       : s == ST_IMPROVED ? "good"
	       : s == ST_CHANGED  ? "info"
				  : "bad";
}

void out_html(FILE *f, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k, nch;
	char a[64], b[64], p[32], cell[256], warn[16][160];
	struct chart *ch;

	fprintf(f, "<h1>gmapbench ");
	if (r->night) {
		fprintf(f, "night ");
		html_esc(f, r->night->date);
		fprintf(f, " on ");
		html_esc(f, r->night->host);
	} else {
		fprintf(f, "comparison");
	}
	fprintf(f,
		"</h1>\n<p>Exit status %d (0 nothing significant, 1 regressions, behaviour changes, wrong results or failed variants).</p>\n",
		r->exit_status);
	fprintf(f,
		"<table class=\"verdict\"><tr><th>variant</th><th>vs</th><th>status</th><th>regressions</th><th>improvements</th><th>behaviour changes</th></tr>\n");
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		fprintf(f, "<tr><td>");
		html_esc(f, d->new_label);
		fprintf(f, "</td><td>");
		html_esc(f,
			 d->kind[0] == 'p' ? "previous night" : d->old_label);
		fprintf(f,
			"</td><td class=\"%s\">%s</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>\n",
			status_class(d->status), status_word(d->status),
			d->regressions, d->improvements, d->behaviour);
	}
	fprintf(f,
		"</table>\n<h2>Runs</h2>\n<table class=\"runs\"><tr><th>variant</th>");
	for (k = 0; k < NCTX; k++)
		fprintf(f, "<th>%s</th>", context_keys[k][1]);
	fprintf(f, "<th>load, CPUs, repetitions</th></tr>\n");
	for (i = 0; i < nv; i++) {
		fprintf(f, "<tr><td>");
		html_esc(f, label[i]);
		fprintf(f, "</td>");
		for (k = 0; k < NCTX; k++) {
			run_cell(cell, sizeof(cell), v[i], k);
			fprintf(f, "<td>");
			html_esc(f, cell);
			fprintf(f, "</td>");
		}
		load_cell(cell, sizeof(cell), v[i]);
		fprintf(f, "<td>%s</td></tr>\n", cell);
	}
	fprintf(f, "</table>\n");
	for (i = 0; i < nv; i++) {
		size_t nw = result_warnings(v[i], warn, 16);

		for (k = 0; k < nw; k++) {
			fprintf(f, "<p class=\"warning\">Warning (");
			html_esc(f, label[i]);
			fprintf(f, "): ");
			html_esc(f, warn[k]);
			fprintf(f, "</p>\n");
		}
	}
	for (i = 0; i < r->nd; i++) {
		const struct diff *d = &r->d[i];

		if (!d->new_file)
			continue;
		fprintf(f, "<h2>");
		html_esc(f, d->new_label);
		fprintf(f, " vs ");
		html_esc(f, d->kind[0] == 'p' ? "the previous night"
					      : d->old_label);
		fprintf(f, ": <span class=\"%s\">%s</span></h2>\n",
			status_class(d->status), status_word(d->status));
		fprintf(f, "<table><tr><th>benchmark</th><th>metric</th><th>");
		html_esc(f, d->old_label);
		fprintf(f, "</th><th>");
		html_esc(f, d->new_label);
		fprintf(f, "</th><th>%%change</th><th>p</th><th></th></tr>\n");
		for (k = 0; k < d->nt; k++) {
			const struct timing_row *t = &d->t[k];

			fprintf(f, "<tr class=\"%s\"><td>",
				t->verdict == CH_SAME	    ? ""
				: t->verdict == CH_IMPROVED ? "good"
							    : "bad");
			html_esc(f, t->bench);
			fprintf(f, "</td><td>");
			html_esc(f, t->metric);
			fprintf(f,
				"</td><td class=\"n\">%s (&plusmn;%.1f%%)</td><td class=\"n\">%s (&plusmn;%.1f%%)</td><td class=\"n\">%s</td><td class=\"n\">%.2g</td><td>%s</td></tr>\n",
				fmt_value(a, sizeof(a), t->metric, t->old_mean),
				t->old_cv,
				fmt_value(b, sizeof(b), t->metric, t->new_mean),
				t->new_cv,
				fmt_pct(p, sizeof(p), t->old_mean, t->new_mean),
				t->t.p,
				t->verdict == CH_SAME
					? ""
					: change_name(t->verdict));
		}
		fprintf(f, "</table>\n");
		if (d->nc) {
			fprintf(f,
				"<table><tr><th>benchmark</th><th>counter</th><th>old</th><th>new</th><th>%%change</th><th></th></tr>\n");
			for (k = 0; k < d->nc; k++) {
				const struct counter_row *c = &d->c[k];

				fprintf(f, "<tr class=\"%s\"><td>",
					c->kind == CK_WRONG ? "bad" : "info");
				html_esc(f, c->bench);
				fprintf(f, "</td><td>");
				html_esc(f, c->counter);
				fprintf(f,
					"</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
					fmt_value(a, sizeof(a), c->counter,
						  c->old_v),
					fmt_value(b, sizeof(b), c->counter,
						  c->new_v),
					fmt_pct(p, sizeof(p), c->old_v,
						c->new_v),
					c->kind == CK_WRONG ? "WRONG"
					: c->kind == CK_BEHAVIOUR
						? "behaviour change"
						: kind_name(c->kind));
			}
			fprintf(f, "</table>\n");
		}
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];

		fprintf(f, "<h2 class=\"bad\">FAILED: ");
		html_esc(f, fl->variant);
		fprintf(f, " (");
		html_esc(f, fl->what);
		fprintf(f, ")</h2>\n<pre>");
		html_esc(f, fl->tail);
		fprintf(f, "</pre>\n");
	}
	if (r->h) {
		size_t ncp = 0;

		fprintf(f, "<h2>Change points over %zu nights</h2>\n",
			r->h->nights);
		for (i = 0; i < r->h->ns; i++)
			ncp += r->h->s[i].ncp;
		if (!ncp)
			fprintf(f, "<p>None found.</p>\n");
		else
			fprintf(f,
				"<table><tr><th>night</th><th>variant</th><th>benchmark</th><th>metric</th><th>before</th><th>after</th><th>%%change</th><th>p</th></tr>\n");
		for (i = 0; i < r->h->ns; i++) {
			const struct series *s = &r->h->s[i];

			for (k = 0; k < s->ncp; k++) {
				size_t from = k ? s->cp[k - 1].index : 0;
				size_t to = k + 1 < s->ncp ? s->cp[k + 1].index
							   : s->n;
				double bf = series_segment_mean(s, from,
								s->cp[k].index);
				double af = series_segment_mean(
					s, s->cp[k].index, to);

				fprintf(f, "<tr><td>");
				html_esc(f, s->dates[s->cp[k].index]);
				fprintf(f, "</td><td>");
				html_esc(f, s->variant);
				fprintf(f, "</td><td>");
				html_esc(f, s->bench);
				fprintf(f, "</td><td>");
				html_esc(f, s->metric);
				fprintf(f,
					"</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%.3f</td></tr>\n",
					fmt_value(a, sizeof(a), s->metric, bf),
					fmt_value(b, sizeof(b), s->metric, af),
					fmt_pct(p, sizeof(p), bf, af),
					s->cp[k].p);
			}
		}
		if (ncp)
			fprintf(f, "</table>\n");
	}
	nch = list_charts(r, &ch);
	if (nch)
		fprintf(f, "<h2>Charts</h2>\n<div class=\"charts\">\n");
	for (i = 0; i < nch; i++) {
		/* scripts/report replaces the marker with the chart's SVG */
		fprintf(f,
			"<figure class=\"chart\" id=\"chart-%s\">\n<!--chart:%s-->\n<figcaption>",
			ch[i].name, ch[i].name);
		html_esc(f, ch[i].title);
		fprintf(f, "</figcaption></figure>\n");
	}
	if (nch)
		fprintf(f, "</div>\n");
	free(ch);
}
