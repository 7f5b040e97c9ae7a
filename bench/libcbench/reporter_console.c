// SPDX-License-Identifier: GPL-2.0
/* The console table of 1.7.1's console_reporter.cc; context on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { DEFAULT, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

__attribute__((format(printf, 3, 4))) static void
cprint(struct cb_reporter *r, int color, const char *fmt, ...)
{
	va_list ap;

	if (r->color && color != DEFAULT)
		fprintf(r->out, "\033[0;3%dm", color);
	va_start(ap, fmt);
	vfprintf(r->out, fmt, ap);
	va_end(ap);
	if (r->color)
		fputs("\033[m", r->out);
}

static void console_context(struct cb_reporter *r)
{
	r->printed_header = false;
	cb_counters_free(&r->prev_counters);
	cb_print_basic_context(r->err);
}

static void format_time(char *buf, size_t len, double t)
{
	if (t < 1.0)
		snprintf(buf, len, "%10.3f", t);
	else if (t < 10.0)
		snprintf(buf, len, "%10.2f", t);
	else if (t < 100.0)
		snprintf(buf, len, "%10.1f", t);
	else if (t > 9999999999.0)
		snprintf(buf, len, "%1.4e", t);
	else
		snprintf(buf, len, "%10.0f", t);
}

static void header(struct cb_reporter *r, const struct cb_run *run)
{
	char *line = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&line, &len);

	fprintf(m, "%-*s %13s %15s %12s", r->name_width, "Benchmark", "Time",
		"CPU", "Iterations");
	if (run->counters.n) {
		if (r->tabular)
			for (int i = 0; i < run->counters.n; i++)
				fprintf(m, " %10s", run->counters.v[i].name);
		else
			fputs(" UserCounters...", m);
	}
	fclose(m);
	for (size_t i = 0; i < len; i++)
		fputc('-', r->out);
	fprintf(r->out, "\n%s\n", line);
	for (size_t i = 0; i < len; i++)
		fputc('-', r->out);
	fputc('\n', r->out);
	free(line);
}

static bool same_names(const struct cb_counters *a, const struct cb_counters *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name))
			return false;
	return true;
}

static void console_run(struct cb_reporter *r, const struct cb_run *run)
{
	char *name = cb_benchmark_name(run);
	char rt[64], ct[64];

	cprint(r, GREEN, "%-*s ", r->name_width, name);
	free(name);
	if (run->error) {
		cprint(r, RED, "ERROR OCCURRED: '%s'",
		       run->error_message ? run->error_message : "");
		cprint(r, DEFAULT, "\n");
		return;
	}
	if (run->report_big_o) {
		const char *o = cb_big_o_string(run->big_o);

		cprint(r, YELLOW, "%10.2f %-4s %10.2f %-4s ",
		       cb_adjusted_real(run), o, cb_adjusted_cpu(run), o);
	} else if (run->report_rms) {
		cprint(r, YELLOW, "%10.0f %-4s %10.0f %-4s ",
		       cb_adjusted_real(run) * 100, "%",
		       cb_adjusted_cpu(run) * 100, "%");
	} else if (run->aggregate_unit != CB_AGG_PERCENTAGE) {
		const char *u = cb_time_unit_string(run->time_unit);

		format_time(rt, sizeof(rt), cb_adjusted_real(run));
		format_time(ct, sizeof(ct), cb_adjusted_cpu(run));
		cprint(r, YELLOW, "%s %-4s %s %-4s ", rt, u, ct, u);
	} else {
		cprint(r, YELLOW, "%10.2f %-4s %10.2f %-4s ",
		       100. * run->real_acc, "%", 100. * run->cpu_acc, "%");
	}
	if (!run->report_big_o && !run->report_rms)
		cprint(r, CYAN, "%10lld", (long long)run->iterations);
	for (int i = 0; i < run->counters.n; i++) {
		const struct cb_counter *c = &run->counters.v[i];
		int width = (int)strlen(c->name);
		const char *unit = "";
		char s[64];

		if (width < 10)
			width = 10;
		if (run->aggregate_unit == CB_AGG_PERCENTAGE) {
			snprintf(s, sizeof(s), "%.2f", c->value * 100);
			unit = "%";
		} else {
			cb_human_readable(s, sizeof(s), c->value, c->base);
			if (c->flags & CBENCH_COUNTER_RATE)
				unit = (c->flags & CBENCH_COUNTER_INVERT)
					       ? "s"
					       : "/s";
		}
		if (r->tabular)
			cprint(r, DEFAULT, " %*s%s", width - (int)strlen(unit),
			       s, unit);
		else
			cprint(r, DEFAULT, " %s=%s%s", c->name, s, unit);
	}
	if (run->label && *run->label)
		cprint(r, DEFAULT, " %s", run->label);
	cprint(r, DEFAULT, "\n");
}

static void console_runs(struct cb_reporter *r, const struct cb_run *runs,
			 int n)
{
	for (int i = 0; i < n; i++) {
		bool print = !r->printed_header;

		if (r->tabular &&
		    !same_names(&runs[i].counters, &r->prev_counters))
			print = true;
		if (print) {
			r->printed_header = true;
			cb_counters_free(&r->prev_counters);
			cb_counters_copy(&r->prev_counters, &runs[i].counters);
			header(r, &runs[i]);
		}
		console_run(r, &runs[i]);
	}
}

static void console_finalize(struct cb_reporter *r)
{
	cb_counters_free(&r->prev_counters);
}

void cb_console_reporter(struct cb_reporter *r)
{
	r->context = console_context;
	r->runs = console_runs;
	r->finalize = console_finalize;
}
