// SPDX-License-Identifier: GPL-2.0
/* Kernel work of a comparison (kernel_work.h). */
#include "kernel_work.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool is_kernel_work(const char *counter)
{
	return !strncmp(counter, "kernel_bb", 9);
}

bool kernel_work(const struct diff *d, const char *suite,
		 struct kernel_work *kw)
{
	size_t i, sl = suite ? strlen(suite) : 0;
	double log_sum = 0;

	memset(kw, 0, sizeof(*kw));
	if (!d->old_file || !d->new_file)
		return false;
	for (i = 0; i < d->new_file->nb; i++) {
		const struct bench *nb = &d->new_file->b[i];
		const struct bench *ob = result_bench(d->old_file, nb->name);
		bool op, np;
		double ov, nv, r;

		if (suite &&
		    (strncmp(nb->name, suite, sl) || nb->name[sl] != '/'))
			continue;
		if (!ob || ob->error || nb->error)
			continue;
		ov = bench_counter(ob, "kernel_bb", &op);
		nv = bench_counter(nb, "kernel_bb", &np);
		if (!op || !np || !(ov > 0) || !(nv > 0))
			continue;
		r = nv / ov;
		log_sum += log(r);
		if (!kw->n || r > kw->worst_ratio) {
			kw->worst = nb->name;
			kw->worst_ratio = r;
		}
		if (!kw->n || fabs(log(r)) > fabs(log(kw->moved_ratio))) {
			kw->moved = nb->name;
			kw->moved_ratio = r;
		}
		kw->n++;
	}
	if (kw->n)
		kw->geomean = exp(log_sum / (double)kw->n);
	return kw->n > 0;
}

static double count_of(const struct json *funcs, const char *f)
{
	return json_num(json_get(funcs, f), 0);
}

static void consider(struct function_move *out, size_t *n, size_t max,
		     const char *f, double ov, double nv)
{
	size_t i;

	if (ov == nv)
		return;
	for (i = 0; i < *n; i++)
		if (!strcmp(out[i].function, f))
			return;
	if (*n == max &&
	    fabs(nv - ov) <= fabs(out[max - 1].new_v - out[max - 1].old_v))
		return;
	i = *n < max ? (*n)++ : max - 1;
	/* insertion: largest move first, ties in the order met */
	while (i > 0 &&
	       fabs(nv - ov) > fabs(out[i - 1].new_v - out[i - 1].old_v)) {
		out[i] = out[i - 1];
		i--;
	}
	out[i] = (struct function_move){f, ov, nv};
}

size_t kernel_work_functions(const struct diff *d, const char *bench,
			     struct function_move *out, size_t max)
{
	const struct json *of, *nf;
	size_t i, n = 0;

	if (!max || !d->old_file || !d->new_file)
		return 0;
	of = json_get(d->old_file->functions, bench);
	nf = json_get(d->new_file->functions, bench);
	if (!of && !nf)
		return 0;
	for (i = 0; i < json_len(nf); i++)
		consider(out, &n, max, json_key(nf, i),
			 count_of(of, json_key(nf, i)),
			 json_num(json_at(nf, i), 0));
	for (i = 0; i < json_len(of); i++)
		consider(out, &n, max, json_key(of, i),
			 json_num(json_at(of, i), 0),
			 count_of(nf, json_key(of, i)));
	return n;
}

/* +78.1 M, -2.05 k, +12 */
static const char *fmt_count_delta(char *buf, size_t len, double v)
{
	double a = fabs(v);

	if (a >= 1e9)
		snprintf(buf, len, "%+.3g G", v / 1e9);
	else if (a >= 1e6)
		snprintf(buf, len, "%+.3g M", v / 1e6);
	else if (a >= 1e3)
		snprintf(buf, len, "%+.3g k", v / 1e3);
	else
		snprintf(buf, len, "%+.0f", v);
	return buf;
}

void kernel_work_line(FILE *f, const struct diff *d)
{
	struct function_move top[3];
	struct kernel_work kw;
	char delta[32];
	size_t i, n;

	if (!kernel_work(d, NULL, &kw))
		return;
	if (kw.moved_ratio == 1) {
		fprintf(f, "%s: kernel work unchanged on %zu benchmarks\n",
			d->new_label, kw.n);
		return;
	}
	fprintf(f, "%s: kernel work \u00d7%.3g on %s", d->new_label,
		kw.moved_ratio, kw.moved);
	n = kernel_work_functions(d, kw.moved, top, 3);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s %s", i ? ", " : ": ", top[i].function,
			fmt_count_delta(delta, sizeof(delta),
					top[i].new_v - top[i].old_v));
	fprintf(f, " (geometric mean \u00d7%.3g over %zu benchmarks)\n",
		kw.geomean, kw.n);
}
