// SPDX-License-Identifier: GPL-2.0
/*
 * The night's report (output.h): one walk of the comparisons, the runs, the
 * failures, the change points and the charts, written through a markup
 * backend as Markdown (report.md) or HTML (report.html).
 */
#include "output.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "fmt.h"
#include "json.h"
#include "markup.h"
#include "verdict.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

static const char *const context_keys[][2] = {
	{"kernel_base", "kernel base"},
	{"gmapbench_commit", "commit"},
	{"base", "base"},
	{"backend", "backend"},
	{"host_name", "host"},
	{"cpu_model", "CPU"},
	{"topology", "topology"},
	{"pinning", "pinning"},
	{"library_build_type", "build"},
	{"date", "run at"},
};
#define NCTX ARRAY_SIZE(context_keys)

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
	return status_upper(s);
}

static const char *status_class(enum diff_status s)
{
	return s == ST_OK	  ? "ok"
	       : s == ST_IMPROVED ? "good"
	       : s == ST_CHANGED  ? "info"
				  : "bad";
}

struct column {
	const char *head;
	bool numeric;
};

static void table(struct markup *m, const char *cls, const struct column *c,
		  size_t n)
{
	size_t i;

	markup_table_begin(m, cls);
	for (i = 0; i < n; i++)
		markup_th(m, c[i].head, c[i].numeric);
	markup_head_end(m);
}

static void cell(struct markup *m, const char *s)
{
	markup_cell_begin(m, NULL);
	markup_text(m, s);
	markup_cell_end(m);
}

/* What markup marks: a class for HTML, bold for Markdown. */
static void strong_cell(struct markup *m, const char *cls, const char *s)
{
	markup_cell_begin(m, cls);
	markup_strong(m, s);
	markup_cell_end(m);
}

/* Numbers and words of our own, not escaped. */
__attribute__((format(printf, 2, 3))) static void cellf(struct markup *m,
							const char *fmt, ...)
{
	va_list ap;

	markup_cell_begin(m, NULL);
	va_start(ap, fmt);
	vfprintf(m->f, fmt, ap);
	va_end(ap);
	markup_cell_end(m);
}

static void heading(struct markup *m, const char *s)
{
	markup_heading_begin(m, 2, NULL);
	markup_text(m, s);
	markup_heading_end(m, 2);
}

static void title(struct markup *m, const struct report *r)
{
	markup_heading_begin(m, 1, NULL);
	markup_text(m, "gmapbench ");
	if (r->night) {
		markup_text(m, "night ");
		markup_text(m, r->night->date);
		markup_text(m, " on ");
		markup_text(m, r->night->host);
	} else {
		markup_text(m, "comparison");
	}
	markup_heading_end(m, 1);
}

static void exit_status(struct markup *m, const struct report *r)
{
	markup_para_begin(m, NULL);
	fprintf(m->f,
		"Exit status %d (0 nothing an operator must act on; 1 a wrong, hung, memory or failed variant, or a regression or behaviour change against %s; docs/verdicts.md).",
		r->exit_status,
		r->exit_vs_baseline ? "the baseline or the previous night"
				    : "the previous night");
	markup_para_end(m);
}

static void variant_id(char *buf, size_t len, const char *name)
{
	size_t i;

	snprintf(buf, len, "v-%s", name);
	for (i = 0; buf[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-_",
			    buf[i] | 0x20))
			buf[i] = '_';
}

/* docs/verdicts.md's top table: one row per variant, most serious first. */
static void top_table(struct markup *m, const struct variant_verdict *v,
		      size_t n)
{
	static const struct column cols[] = {
		{"variant"},
		{"status"},
		{"kernel work"},
		{"biggest counter change"},
		{"timing (real / cpu, noise floor)"},
	};
	char id[160];
	size_t i;

	table(m, "top", cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++) {
		markup_row_begin(m, NULL);
		variant_id(id, sizeof(id), v[i].name);
		markup_cell_begin(m, NULL);
		markup_link(m, id, v[i].name);
		markup_cell_end(m);
		strong_cell(m, status_class(v[i].status),
			    status_word(v[i].status));
		if (v[i].status >= ST_FAILED) {
			markup_wide_cell(m, "bad", 3, v[i].headline);
		} else {
			cell(m, v[i].kernel_work);
			cell(m, v[i].counter);
			cell(m, v[i].timing);
		}
		markup_row_end(m);
	}
	markup_table_end(m);
}

/* Noise and the night's time under the table: night_notes() as paragraphs. */
static void notes(struct markup *m, const struct report *r)
{
	char *text = NULL, *line, *save;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	night_notes(f, r);
	fclose(f);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		markup_para_begin(m, NULL);
		markup_text(m, line);
		markup_para_end(m);
	}
	free(text);
}

/* The context of each file of the night, and what makes its timings suspect. */
static void runs(struct markup *m, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k;
	struct column cols[NCTX + 2] = {{"variant"}};
	char buf[256], warn[16][160];

	for (k = 0; k < NCTX; k++)
		cols[k + 1].head = context_keys[k][1];
	cols[NCTX + 1].head = "load, CPUs, repetitions";
	heading(m, "Runs");
	table(m, "runs", cols, ARRAY_SIZE(cols));
	for (i = 0; i < nv; i++) {
		markup_row_begin(m, NULL);
		cell(m, label[i]);
		for (k = 0; k < NCTX; k++) {
			run_cell(buf, sizeof(buf), v[i], k);
			cell(m, buf);
		}
		load_cell(buf, sizeof(buf), v[i]);
		cellf(m, "%s", buf);
		markup_row_end(m);
	}
	markup_table_end(m);
	for (i = 0; i < nv; i++) {
		size_t nw = result_warnings(v[i], warn, 16);

		for (k = 0; k < nw; k++) {
			markup_para_begin(m, "warning");
			markup_strong(m, "Warning");
			markup_text(m, " (");
			markup_text(m, label[i]);
			markup_text(m, "): ");
			markup_text(m, warn[k]);
			markup_para_end(m);
		}
	}
	for (i = 0; r->night && i < r->night->nabsent; i++) {
		markup_para_begin(m, NULL);
		markup_text(m, r->night->absent[i].variant);
		markup_text(m, ": absent on this base: ");
		markup_text(m, r->night->absent[i].reason);
		markup_para_end(m);
	}
}

static void timings(struct markup *m, const struct diff *d)
{
	const struct column cols[] = {
		{"benchmark"},
		{"metric"},
		{d->old_label, true},
		{d->new_label, true},
		{"%change", true},
		{"p", true},
		{NULL},
	};
	char a[64], p[32];
	size_t k;

	table(m, NULL, cols, ARRAY_SIZE(cols));
	for (k = 0; k < d->nt; k++) {
		const struct timing_row *t = &d->t[k];

		markup_row_begin(m, t->verdict == CH_SAME	? ""
				    : t->verdict == CH_IMPROVED ? "good"
								: "bad");
		cell(m, t->bench);
		cell(m, t->metric);
		cellf(m, "%s (%s%.1f%%)",
		      fmt_value(a, sizeof(a), t->metric, t->old_mean),
		      markup_plusminus(m), t->old_cv);
		cellf(m, "%s (%s%.1f%%)",
		      fmt_value(a, sizeof(a), t->metric, t->new_mean),
		      markup_plusminus(m), t->new_cv);
		cellf(m, "%s", fmt_pct(p, sizeof(p), t->old_mean, t->new_mean));
		cellf(m, "%.2g", t->t.p);
		if (t->verdict == CH_REGRESSED)
			strong_cell(m, NULL, change_name(t->verdict));
		else
			cell(m, t->verdict == CH_SAME
					? ""
					: change_name(t->verdict));
		markup_row_end(m);
	}
	markup_table_end(m);
}

static void counters(struct markup *m, const struct diff *d)
{
	static const struct column cols[] = {
		{"benchmark"}, {"counter"},	  {"old", true},
		{"new", true}, {"%change", true}, {NULL},
	};
	char a[64], p[32];
	size_t k;

	table(m, NULL, cols, ARRAY_SIZE(cols));
	for (k = 0; k < d->nc; k++) {
		const struct counter_row *c = &d->c[k];

		markup_row_begin(m, c->kind == CK_WRONG ? "bad" : "info");
		cell(m, c->bench);
		cell(m, c->counter);
		cellf(m, "%s", fmt_value(a, sizeof(a), c->counter, c->old_v));
		cellf(m, "%s", fmt_value(a, sizeof(a), c->counter, c->new_v));
		cellf(m, "%s", fmt_pct(p, sizeof(p), c->old_v, c->new_v));
		if (c->kind == CK_WRONG)
			strong_cell(m, NULL, "WRONG");
		else
			cell(m, c->kind == CK_BEHAVIOUR ? "behaviour change"
							: kind_name(c->kind));
		markup_row_end(m);
	}
	markup_table_end(m);
}

static void comparison(struct markup *m, const struct diff *d)
{
	markup_heading_begin(m, 3, NULL);
	markup_text(m, "vs ");
	markup_text(m, d->kind[0] == 'p' ? "the previous night" : d->old_label);
	markup_text(m, ": ");
	markup_span(m, status_class(d->status), status_word(d->status));
	markup_heading_end(m, 3);
	if (!d->new_file)
		return;
	timings(m, d);
	if (d->nc)
		counters(m, d);
}

/* Below the top table, everything about one variant in its section. */
static void variant_section(struct markup *m, const struct report *r,
			    const struct variant_verdict *v)
{
	char id[160], buf[256];
	size_t i;

	variant_id(id, sizeof(id), v->name);
	markup_heading_begin(m, 2, NULL);
	markup_anchor(m, id);
	markup_text(m, v->name);
	markup_text(m, ": ");
	markup_span(m, status_class(v->status), status_word(v->status));
	markup_heading_end(m, 2);
	if (v->status >= ST_FAILED) {
		markup_para_begin(m, "warning");
		markup_strong(m, v->headline);
		markup_para_end(m);
	}
	for (i = 0; v->vs_base && i < v->vs_base->nm; i++) {
		const struct memory_row *x = &v->vs_base->m[i];

		snprintf(
			buf, sizeof(buf),
			"Peak RSS on %s: %.0f MiB, %.0f MiB in %s (more than max(%.0f%%, %.0f MiB) more).",
			x->suite, x->new_kib / 1024, x->old_kib / 1024,
			v->vs_base->old_label, MEMORY_GROWTH_PCT,
			MEMORY_GROWTH_MIB);
		markup_para_begin(m, "warning");
		markup_text(m, buf);
		markup_para_end(m);
	}
	for (i = 0; r->night && i < r->night->nfailed; i++) {
		const struct failure *fl = &r->night->failed[i];

		if (strcmp(fl->variant, v->name))
			continue;
		markup_heading_begin(m, 3, "bad");
		markup_text(m, fl->outcome);
		markup_text(m, ": ");
		markup_text(m, fl->what);
		markup_heading_end(m, 3);
		markup_pre(m, fl->tail);
	}
	if (v->vs_base)
		comparison(m, v->vs_base);
	if (v->vs_prev)
		comparison(m, v->vs_prev);
}

static void change_points(struct markup *m, const struct history *h)
{
	static const struct column cols[] = {
		{"night"},	   {"variant"},	     {"benchmark"},
		{"metric"},	   {"before", true}, {"after", true},
		{"%change", true}, {"p", true},
	};
	char a[64], p[32];
	double before, after;
	size_t i, k;

	markup_heading_begin(m, 2, NULL);
	fprintf(m->f, "Change points over %zu nights", h->nights);
	markup_heading_end(m, 2);
	if (!history_change_points(h)) {
		markup_para_begin(m, NULL);
		markup_text(m, "None found.");
		markup_para_end(m);
		return;
	}
	table(m, NULL, cols, ARRAY_SIZE(cols));
	for (i = 0; i < h->ns; i++) {
		const struct series *s = &h->s[i];

		for (k = 0; k < s->ncp; k++) {
			series_change_means(s, k, &before, &after);
			markup_row_begin(m, NULL);
			cell(m, s->dates[s->cp[k].index]);
			cell(m, s->variant);
			cell(m, s->bench);
			cell(m, s->metric);
			cellf(m, "%s",
			      fmt_value(a, sizeof(a), s->metric, before));
			cellf(m, "%s",
			      fmt_value(a, sizeof(a), s->metric, after));
			cellf(m, "%s", fmt_pct(p, sizeof(p), before, after));
			cellf(m, "%.3f", s->cp[k].p);
			markup_row_end(m);
		}
	}
	markup_table_end(m);
}

static void charts(struct markup *m, const struct report *r)
{
	struct chart *ch;
	size_t nch = charts_list(r, &ch), i;

	if (nch)
		heading(m, "Charts");
	if (!kernel_work_charted(r)) {
		markup_para_begin(m, NULL);
		markup_text(
			m,
			"Kernel work: no variant has kernel_bb counters on both sides of its comparison with the baseline (no count pass ran), so there is no kernel-work chart.");
		markup_para_end(m);
	}
	if (nch) {
		markup_charts_begin(m);
		for (i = 0; i < nch; i++)
			markup_chart(m, ch[i].name, ch[i].title);
		markup_charts_end(m);
	}
	free(ch);
}

static void report_doc(FILE *f, const struct report *r, enum markup_lang lang)
{
	struct markup m = {.lang = lang, .f = f};
	struct variant_verdict *v;
	size_t nv = verdicts_build(r, &v), i;

	title(&m, r);
	top_table(&m, v, nv);
	exit_status(&m, r);
	notes(&m, r);
	for (i = 0; i < nv; i++)
		variant_section(&m, r, &v[i]);
	runs(&m, r);
	if (r->h)
		change_points(&m, r->h);
	charts(&m, r);
	free(v);
}

void out_markdown(FILE *f, const struct report *r)
{
	report_doc(f, r, MARKUP_MARKDOWN);
}

void out_html(FILE *f, const struct report *r)
{
	report_doc(f, r, MARKUP_HTML);
}
