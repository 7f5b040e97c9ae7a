// SPDX-License-Identifier: GPL-2.0
/*
 * CSV as 1.7.1's csv_reporter.cc writes it, with one difference: the rows
 * are held until the end and the header names the union of all user
 * counters, where 1.7.1 aborts when a later family adds a counter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const elements[] = {
	"name",		  "iterations",	      "real_time",	  "cpu_time",
	"time_unit",	  "bytes_per_second", "items_per_second", "label",
	"error_occurred", "error_message",
};

static void csv_context(struct cb_reporter *r)
{
	cb_print_basic_context(r->err);
	fflush(r->err);
}

static void escape(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static bool special(const char *name)
{
	return !strcmp(name, "bytes_per_second") ||
	       !strcmp(name, "items_per_second");
}

static void csv_runs(struct cb_reporter *r, const struct cb_run *runs, int n)
{
	for (int i = 0; i < n; i++) {
		if (r->nheld == r->capheld) {
			r->capheld = r->capheld ? 2 * r->capheld : 16;
			r->held = cb_xrealloc(r->held,
					      r->capheld * sizeof(*r->held));
		}
		cb_run_copy(&r->held[r->nheld++], &runs[i]);
		/* keep names alive: run_name belongs to the instance list */
		r->held[r->nheld - 1].run_name = cb_xstrdup(runs[i].run_name);
		for (int k = 0; k < runs[i].counters.n; k++)
			if (!special(runs[i].counters.v[k].name))
				cb_counters_set(&r->prev_counters,
						runs[i].counters.v[k].name, 0,
						0, 1000, false);
	}
}

static void csv_row(struct cb_reporter *r, const struct cb_run *run)
{
	FILE *f = r->out;
	char *name = cb_benchmark_name(run);
	const struct cb_counter *c;

	escape(f, name);
	free(name);
	fputc(',', f);
	if (run->error) {
		fputs(",,,,,,,true,", f);
		escape(f, run->error_message ? run->error_message : "");
		fputc('\n', f);
		return;
	}
	/* no iterations, and the curve for a unit, in the complexity rows */
	if (!run->report_big_o && !run->report_rms)
		fprintf(f, "%lld", (long long)run->iterations);
	fprintf(f, ",%g,%g,%s,", cb_adjusted_real(run), cb_adjusted_cpu(run),
		run->report_big_o ? cb_big_o_string(run->big_o)
		: run->report_rms ? ""
				  : cb_time_unit_string(run->time_unit));
	if ((c = cb_counters_find(&run->counters, "bytes_per_second")))
		fprintf(f, "%g", c->value);
	fputc(',', f);
	if ((c = cb_counters_find(&run->counters, "items_per_second")))
		fprintf(f, "%g", c->value);
	fputc(',', f);
	if (run->label && *run->label)
		escape(f, run->label);
	fputs(",,", f);
	for (int i = 0; i < r->prev_counters.n; i++) {
		c = cb_counters_find(&run->counters,
				     r->prev_counters.v[i].name);
		if (c)
			fprintf(f, ",%g", c->value);
		else
			fputc(',', f);
	}
	fputc('\n', f);
}

static void csv_finalize(struct cb_reporter *r)
{
	for (size_t i = 0; i < sizeof(elements) / sizeof(elements[0]); i++)
		fprintf(r->out, "%s%s", i ? "," : "", elements[i]);
	for (int i = 0; i < r->prev_counters.n; i++)
		fprintf(r->out, ",\"%s\"", r->prev_counters.v[i].name);
	fputc('\n', r->out);
	for (int i = 0; i < r->nheld; i++) {
		csv_row(r, &r->held[i]);
		free((char *)r->held[i].run_name);
		cb_run_free(&r->held[i]);
	}
	free(r->held);
	r->held = NULL;
	r->nheld = r->capheld = 0;
	cb_counters_free(&r->prev_counters);
}

void cb_csv_reporter(struct cb_reporter *r)
{
	r->context = csv_context;
	r->runs = csv_runs;
	r->finalize = csv_finalize;
}
