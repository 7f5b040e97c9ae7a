// SPDX-License-Identifier: GPL-2.0
/*
 * Families (what CBENCH() and cbench_register() create), their argument
 * sets, and the instances they expand to with Google Benchmark's names:
 * BM_x/n:8/m:2/min_time:0.500/iterations:10/repeats:3/real_time/threads:2.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "internal.h"

static struct cbench_family **families;
static int nfamilies;

cbench_family *cbench_register(const char *name, cbench_fn fn)
{
	struct cbench_family *f = cb_xmalloc(sizeof(*f));

	if (!name || !*name || !fn)
		cb_fatal(
			"cbench_register: a family needs a name and a function");
	f->name = cb_xstrdup(name);
	f->fn = fn;
	f->range_multiplier = 8;
	cb_default_statistics(f);
	families = cb_xrealloc(families, (nfamilies + 1) * sizeof(*families));
	families[nfamilies++] = f;
	return f;
}

void cbench_add_args_n(cbench_family *f, const int64_t *args, size_t n)
{
	if (f->nsets && (size_t)f->nargs[0] != n)
		cb_fatal("%s: every argument set needs %d arguments, got %zu",
			 f->name, f->nargs[0], n);
	f->args = cb_xrealloc(f->args, (f->nsets + 1) * sizeof(*f->args));
	f->nargs = cb_xrealloc(f->nargs, (f->nsets + 1) * sizeof(*f->nargs));
	f->args[f->nsets] = cb_xmalloc(n * sizeof(int64_t));
	memcpy(f->args[f->nsets], args, n * sizeof(int64_t));
	f->nargs[f->nsets++] = (int)n;
}

void cbench_add_arg(cbench_family *f, int64_t x)
{
	cbench_add_args_n(f, &x, 1);
}

struct vec {
	int64_t *v;
	int n;
};

static void push(struct vec *v, int64_t x)
{
	v->v = cb_xrealloc(v->v, (v->n + 1) * sizeof(int64_t));
	v->v[v->n++] = x;
}

/* Powers of mult in [lo, hi], as AddPowers. */
static void add_powers(struct vec *d, int64_t lo, int64_t hi, int mult)
{
	for (int64_t i = 1; i <= hi; i *= mult) {
		if (i >= lo)
			push(d, i);
		if (i > INT64_MAX / mult)
			break;
	}
}

/* Google Benchmark's AddRange: lo, powers of mult in between, hi. */
static void add_range(struct vec *d, int64_t lo, int64_t hi, int mult)
{
	int64_t lo_in, hi_in;

	if (hi < lo || mult < 2)
		cb_fatal("a range needs lo <= hi and a multiplier >= 2 "
			 "(got %lld..%lld, %d)",
			 (long long)lo, (long long)hi, mult);
	push(d, lo);
	if (lo == hi)
		return;
	if (lo + 1 == hi) {
		push(d, hi);
		return;
	}
	lo_in = lo + 1;
	hi_in = hi - 1;
	if (lo_in < 0) {
		int start = d->n;

		add_powers(d, -(hi_in < -1 ? hi_in : -1), -lo_in, mult);
		for (int i = start, j = d->n - 1; i < j; i++, j--) {
			int64_t t = d->v[i];

			d->v[i] = d->v[j];
			d->v[j] = t;
		}
		for (int i = start; i < d->n; i++)
			d->v[i] = -d->v[i];
	}
	if (lo < 0 && hi >= 0)
		push(d, 0);
	if (hi_in > 0)
		add_powers(d, lo_in > 1 ? lo_in : 1, hi_in, mult);
	if (hi != d->v[d->n - 1])
		push(d, hi);
}

/* ArgsProduct: the first list varies fastest. */
void cbench_args_product_n(cbench_family *f,
			   const struct cbench_arg_list *lists, size_t nlists)
{
	size_t total = 1, idx[64] = {0};
	int64_t args[64];

	if (nlists > 64)
		cb_fatal("%s: an argument product of more than 64 lists",
			 f->name);
	for (size_t i = 0; i < nlists; i++) {
		if (!lists[i].n)
			cb_fatal("%s: argument list %zu of the product is "
				 "empty",
				 f->name, i);
		total *= lists[i].n;
	}
	for (size_t t = 0; t < total; t++) {
		size_t a = 0;

		for (size_t i = 0; i < nlists; i++)
			args[i] = lists[i].v[idx[i]];
		cbench_add_args_n(f, args, nlists);
		do {
			idx[a] = (idx[a] + 1) % lists[a].n;
		} while (idx[a++] == 0 && a < nlists);
	}
}

void cbench_add_ranges_n(cbench_family *f, const int64_t *lo_hi, size_t pairs)
{
	struct vec lists[64] = {{0}};
	struct cbench_arg_list product[64] = {{0}};

	if (pairs > 64)
		cb_fatal("%s: at most 64 ranges", f->name);
	for (size_t i = 0; i < pairs; i++) {
		add_range(&lists[i], lo_hi[2 * i], lo_hi[2 * i + 1],
			  f->range_multiplier);
		product[i] = (struct cbench_arg_list){lists[i].v,
						      (size_t)lists[i].n};
	}
	cbench_args_product_n(f, product, pairs);
	for (size_t i = 0; i < pairs; i++)
		free(lists[i].v);
}

void cbench_add_range(cbench_family *f, int64_t lo, int64_t hi)
{
	int64_t p[2] = {lo, hi};

	cbench_add_ranges_n(f, p, 1);
}

void cbench_set_range_multiplier(cbench_family *f, int mult)
{
	if (mult < 2)
		cb_fatal("%s: range multiplier must be >= 2", f->name);
	f->range_multiplier = mult;
}

void cbench_add_dense_range(cbench_family *f, int64_t start, int64_t limit,
			    int64_t step)
{
	if (step < 1 || start > limit)
		cb_fatal("%s: dense range needs start <= limit and step >= 1",
			 f->name);
	for (int64_t a = start; a <= limit; a += step)
		cbench_add_arg(f, a);
}

void cbench_set_arg_names_n(cbench_family *f, const char *const *names,
			    size_t n)
{
	for (int i = 0; i < f->narg_names; i++)
		free(f->arg_names[i]);
	free(f->arg_names);
	f->arg_names = cb_xmalloc(n * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		f->arg_names[i] = cb_xstrdup(names[i]);
	f->narg_names = (int)n;
}

void cbench_set_threads(cbench_family *f, int n)
{
	if (n < 1)
		cb_fatal("%s: thread count must be >= 1", f->name);
	f->thread_counts =
		cb_xrealloc(f->thread_counts, (f->nthreads + 1) * sizeof(int));
	f->thread_counts[f->nthreads++] = n;
}

void cbench_set_thread_range(cbench_family *f, int lo, int hi)
{
	if (lo < 1 || hi < lo)
		cb_fatal("%s: thread range needs 1 <= lo <= hi", f->name);
	for (int t = lo; t < hi; t *= 2)
		cbench_set_threads(f, t);
	cbench_set_threads(f, hi);
}

void cbench_set_dense_thread_range(cbench_family *f, int lo, int hi, int stride)
{
	if (lo < 1 || hi < lo || stride < 1)
		cb_fatal("%s: dense thread range needs 1 <= lo <= hi and "
			 "stride >= 1",
			 f->name);
	for (int t = lo; t < hi; t += stride)
		cbench_set_threads(f, t);
	cbench_set_threads(f, hi);
}

void cbench_apply(cbench_family *f, void (*fn)(cbench_family *f))
{
	fn(f);
}

void cbench_set_complexity(cbench_family *f, enum cbench_big_o c)
{
	if (c < CBENCH_O_NONE || c > CBENCH_O_AUTO)
		cb_fatal("%s: cbench_set_complexity: not a complexity (%d); "
			 "cbench_set_complexity_fn() takes a curve",
			 f->name, (int)c);
	f->complexity = c;
}

void cbench_set_complexity_fn(cbench_family *f, cbench_big_o_fn fn)
{
	if (!fn)
		cb_fatal("%s: cbench_set_complexity_fn needs a function",
			 f->name);
	f->complexity = CBENCH_O_LAMBDA;
	f->complexity_fn = fn;
}

void cbench_set_fixture(cbench_family *f, cbench_fixture_fn setup,
			cbench_fixture_fn teardown)
{
	f->fixture_setup = setup;
	f->fixture_teardown = teardown;
}

void cbench_set_repetitions(cbench_family *f, int n)
{
	if (n < 1)
		cb_fatal("%s: repetitions must be >= 1", f->name);
	f->repetitions = n;
}

void cbench_set_unit(cbench_family *f, enum cbench_time_unit u)
{
	f->unit = u;
	f->unit_set = true;
}

void cbench_set_iterations(cbench_family *f, int64_t n)
{
	if (n < 1)
		cb_fatal("%s: iterations must be >= 1", f->name);
	f->iterations = n;
}

void cbench_set_min_time(cbench_family *f, double s)
{
	if (!(s > 0))
		cb_fatal("%s: min time must be > 0", f->name);
	f->min_time = s;
}

void cbench_set_min_warmup_time(cbench_family *f, double s)
{
	if (!(s >= 0))
		cb_fatal("%s: min warmup time must be >= 0", f->name);
	f->min_warmup_time = s;
}

void cbench_use_real_time(cbench_family *f)
{
	f->use_real_time = true;
}

void cbench_use_manual_time(cbench_family *f)
{
	f->use_manual_time = true;
}

void cbench_measure_process_cpu_time(cbench_family *f)
{
	f->process_cpu_time = true;
}

void cbench_set_report_aggregates_only(cbench_family *f, bool v)
{
	f->aggregation_mode = 4 | (v ? 3 : 0);
}

void cbench_set_display_aggregates_only(cbench_family *f, bool v)
{
	f->aggregation_mode = 4 | (v ? 1 : 0);
}

void cbench_set_user(cbench_family *f, void *user)
{
	f->user = user;
}

void cbench_set_name(cbench_family *f, const char *name)
{
	if (!name || !*name)
		cb_fatal("%s: cbench_set_name needs a name", f->name);
	free(f->name);
	f->name = cb_xstrdup(name);
}

void cbench_set_arg_name(cbench_family *f, const char *name)
{
	cbench_set_arg_names_n(f, &name, 1);
}

void cbench_set_thread_per_cpu(cbench_family *f)
{
	cbench_set_threads(f, (int)sysconf(_SC_NPROCESSORS_ONLN));
}

void cbench_set_setup(cbench_family *f, cbench_setup_fn fn)
{
	f->setup = fn;
}

void cbench_set_teardown(cbench_family *f, cbench_setup_fn fn)
{
	f->teardown = fn;
}

static char *instance_name(const struct cbench_family *f, const int64_t *args,
			   int nargs, int threads)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	fputs(f->name, m);
	for (int i = 0; i < nargs; i++) {
		fputc('/', m);
		if (i < f->narg_names && *f->arg_names[i])
			fprintf(m, "%s:", f->arg_names[i]);
		fprintf(m, "%lld", (long long)args[i]);
	}
	if (f->min_time != 0)
		fprintf(m, "/min_time:%0.3f", f->min_time);
	if (f->min_warmup_time != 0)
		fprintf(m, "/min_warmup_time:%0.3f", f->min_warmup_time);
	if (f->iterations)
		fprintf(m, "/iterations:%lld", (long long)f->iterations);
	if (f->repetitions)
		fprintf(m, "/repeats:%d", f->repetitions);
	if (f->process_cpu_time)
		fputs("/process_time", m);
	if (f->use_manual_time)
		fputs("/manual_time", m);
	else if (f->use_real_time)
		fputs("/real_time", m);
	if (f->nthreads)
		fprintf(m, "/threads:%d", threads);
	fclose(m);
	return buf;
}

int cb_find_instances(const char *filter, struct cb_instance **out, char *err,
		      size_t errlen)
{
	static const int64_t noargs[1];
	static const int one_thread = 1;
	const char *spec = filter;
	bool negative = false;
	struct cb_instance *v = NULL;
	int n = 0, next_family = 0, rc;
	regex_t re;

	if (!spec || !*spec || !strcmp(spec, "all"))
		spec = ".";
	if (spec[0] == '-') {
		spec++;
		negative = true;
	}
	rc = regcomp(&re, spec, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char msg[256];

		regerror(rc, &re, msg, sizeof(msg));
		snprintf(err, errlen,
			 "--benchmark_filter: could not compile regular "
			 "expression \"%s\": %s",
			 spec, msg);
		return -1;
	}
	for (int fi = 0; fi < nfamilies; fi++) {
		struct cbench_family *f = families[fi];
		int family_index = next_family, per_family = 0;

		/* 1.7.1 skips these families entirely */
		if (!strncmp(f->name, "DISABLED_", 9))
			continue;
		int nsets = f->nsets ? f->nsets : 1;
		const int *tc = f->nthreads ? f->thread_counts : &one_thread;
		int ntc = f->nthreads ? f->nthreads : 1;

		for (int s = 0; s < nsets; s++) {
			const int64_t *args = f->nsets ? f->args[s] : noargs;
			int nargs = f->nsets ? f->nargs[s] : 0;

			for (int t = 0; t < ntc; t++) {
				char *name =
					instance_name(f, args, nargs, tc[t]);
				bool m = regexec(&re, name, 0, NULL, 0) == 0;

				if (m == negative) {
					free(name);
					continue;
				}
				v = cb_xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = (struct cb_instance){
					.fam = f,
					.name = name,
					.name_without_args = instance_name(
						f, args, 0, tc[t]),
					.family_index = family_index,
					.per_family_instance_index =
						per_family++,
					.args = args,
					.nargs = nargs,
					.threads = tc[t],
				};
				if (next_family == family_index)
					next_family++;
			}
		}
	}
	regfree(&re);
	*out = v;
	return n;
}

void cb_free_instances(struct cb_instance *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].name_without_args);
	}
	free(v);
}

int cb_instance_repetitions(const struct cb_instance *in)
{
	return in->fam->repetitions ? in->fam->repetitions
				    : cb_flags.repetitions;
}

void cb_registry_free(void)
{
	for (int i = 0; i < nfamilies; i++) {
		struct cbench_family *f = families[i];

		for (int s = 0; s < f->nsets; s++)
			free(f->args[s]);
		free(f->args);
		free(f->nargs);
		for (int s = 0; s < f->narg_names; s++)
			free(f->arg_names[s]);
		free(f->arg_names);
		free(f->thread_counts);
		for (int s = 0; s < f->nstats; s++)
			free(f->stats[s].name);
		free(f->stats);
		free(f->name);
		free(f);
	}
	free(families);
	families = NULL;
	nfamilies = 0;
}

void cbench_clear_registered_benchmarks(void)
{
	cb_registry_free();
}
