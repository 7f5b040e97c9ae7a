// SPDX-License-Identifier: GPL-2.0
/*
 * The charts of a report (charts.h) and the gnuplot data files
 * scripts/report draws them from (out_plot_data, output.h).
 */
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fmt.h"
#include "kernel_work.h"
#include "verdict.h"

size_t night_files(const struct report *r, struct result_file **v,
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

/* A new chart of the kind at the end of *c, zeroed; exits without memory. */
static struct chart *add_chart(struct chart **c, size_t *n, const char *kind)
{
	*c = realloc(*c, (*n + 1) * sizeof(**c));
	if (!*c)
		exit(2);
	memset(&(*c)[*n], 0, sizeof(**c));
	(*c)[*n].kind = kind;
	return &(*c)[(*n)++];
}

/* Whether any variant has kernel_bb on both sides of its baseline comparison. */
bool kernel_work_charted(const struct report *r)
{
	struct kernel_work kw;
	size_t i;

	for (i = 0; i < r->nd; i++)
		if (!strcmp(r->d[i].kind, "baseline") &&
		    kernel_work(&r->d[i], NULL, &kw))
			return true;
	return false;
}

size_t charts_list(const struct report *r, struct chart **out)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), n = 0, i, k;
	struct chart *c = NULL, *x;

	for (i = 0; nv && i < v[0]->nb; i++) {
		const struct bench *b = &v[0]->b[i];
		bool any = false;

		if (b->error || !b->nrep)
			continue;
		x = add_chart(&c, &n, "time");
		snprintf(x->name, sizeof(x->name), "time-%zu", i);
		x->bench = i;
		snprintf(x->title, sizeof(x->title),
			 "%s: real and CPU time per iteration", b->name);
		for (k = 0; k < b->ncounters; k++)
			if (counter_is_deterministic(b->cnames[k]) &&
			    counter_nonzero(v, nv, b->name, b->cnames[k]))
				any = true;
		if (any) {
			x = add_chart(&c, &n, "counters");
			snprintf(x->name, sizeof(x->name), "counters-%zu", i);
			x->bench = i;
			snprintf(x->title, sizeof(x->title),
				 "%s: counters per iteration (log scale)",
				 b->name);
		}
	}
	if (nv && kernel_work_charted(r)) {
		x = add_chart(&c, &n, "kernelwork");
		snprintf(x->name, sizeof(x->name), "kernel-work");
		snprintf(
			x->title, sizeof(x->title),
			"kernel work against %s per scenario (kernel_bb, geometric mean, log scale)",
			label[0]);
	}
	for (i = 0; r->h && i < r->h->ns; i++) {
		const struct series *s = &r->h->s[i];

		/* every real_time series of the night's variants, and any with a change point */
		if (s->n < 2 || (strcmp(s->metric, "real_time") && !s->ncp))
			continue;
		if (r->night && strcmp(s->host, r->night->host))
			continue;
		x = add_chart(&c, &n, "history");
		snprintf(x->name, sizeof(x->name), "history-%zu", i);
		x->s = s;
		snprintf(x->title, sizeof(x->title),
			 "%s %s %s over %zu nights%s", s->variant, s->bench,
			 s->metric, s->n,
			 s->ncp ? " (change points marked)" : "");
	}
	*out = c;
	return n;
}

static void plot_time(FILE *f, const struct report *r, const struct chart *c)
{
	struct result_file *v[64];
	const char *label[64], *unit;
	size_t nv = night_files(r, v, label, 64), i;
	const struct bench *b0 = &v[0]->b[c->bench];
	double scale = fmt_time_scale(stats_mean(b0->real_ns, b0->nrep), &unit);

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

/* One scenario a line, a ratio per variant ('?': no kernel_bb). */
static void plot_kernel_work(FILE *f, const struct report *r)
{
	struct result_file *v[64];
	const char *label[64];
	size_t nv = night_files(r, v, label, 64), i, k;
	char suite[128], last[128] = "";

	fprintf(f, "scenario");
	for (k = 0; k < r->nd; k++)
		if (!strcmp(r->d[k].kind, "baseline") && r->d[k].new_file)
			fprintf(f, " \"%s\"", r->d[k].new_label);
	fprintf(f, "\n");
	for (i = 0; nv && i < v[0]->nb; i++) {
		snprintf(suite, sizeof(suite), "%.*s",
			 (int)strcspn(v[0]->b[i].name, "/"), v[0]->b[i].name);
		if (!strcmp(suite, last))
			continue;
		snprintf(last, sizeof(last), "%s", suite);
		fprintf(f, "%s", suite);
		for (k = 0; k < r->nd; k++) {
			struct kernel_work kw;

			if (strcmp(r->d[k].kind, "baseline") ||
			    !r->d[k].new_file)
				continue;
			if (!kernel_work(&r->d[k], suite, &kw))
				fprintf(f, " ?");
			else
				fprintf(f, " %.6g", kw.geomean);
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
		scale = fmt_time_scale(stats_mean(s->v, s->n), &unit);
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
	size_t n = charts_list(r, &c), i;
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
		else if (!strcmp(c[i].kind, "kernelwork"))
			plot_kernel_work(f, r);
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
