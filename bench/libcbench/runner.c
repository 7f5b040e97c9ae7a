// SPDX-License-Identifier: GPL-2.0
/*
 * Running the instances as Google Benchmark 1.7.1's benchmark_runner.cc
 * does: grow the iteration count (x10 while a run is under 10% of the min
 * time, else min_time * 1.4 / seconds) until a run lasts min_time, reuse
 * that count for the other repetitions, N threads with a start/stop barrier.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* ---- one run of N threads -------------------------------------------------*/

struct manager {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int running, entered, phase;
	/* results, summed over the threads */
	int64_t iterations;
	double real, cpu, manual;
	struct cb_counters counters;
	bool error;
	char *error_message;
	char *label;
};

struct priv {
	cbench_state pub; /* first: the state pointer is the priv pointer */
	struct manager *mgr;
	const struct cb_instance *in;
	bool running;
	double real_start, cpu_start;
	double real, cpu, manual;
	struct cb_counters counters;
	struct cb_perf *perf;
	double *perf_acc;
};

static double now_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now_cpu(const struct priv *p)
{
	struct timespec ts;

	clock_gettime(p->in->fam->process_cpu_time ? CLOCK_PROCESS_CPUTIME_ID
						   : CLOCK_THREAD_CPUTIME_ID,
		      &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Google Benchmark's Barrier: the last thread in releases the others. */
static void barrier_wait(struct manager *m)
{
	pthread_mutex_lock(&m->lock);
	int phase = m->phase;

	if (++m->entered < m->running) {
		while (m->phase == phase && m->entered != m->running)
			pthread_cond_wait(&m->cond, &m->lock);
	}
	if (m->phase == phase) {
		m->phase++;
		m->entered = 0;
		pthread_cond_broadcast(&m->cond);
	}
	pthread_mutex_unlock(&m->lock);
}

static void barrier_remove_thread(struct manager *m)
{
	pthread_mutex_lock(&m->lock);
	m->running--;
	if (m->entered)
		pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

static void timer_start(struct priv *p)
{
	if (p->perf)
		cb_perf_start(p->perf);
	p->real_start = now_real();
	p->cpu_start = now_cpu(p);
	p->running = true;
}

static void timer_stop(struct priv *p)
{
	double cpu = now_cpu(p), real = now_real();

	p->real += real - p->real_start;
	p->cpu += cpu - p->cpu_start;
	if (p->perf)
		cb_perf_stop(p->perf, p->perf_acc);
	p->running = false;
}

int64_t cbench_loop_start(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	if (st->cb_started)
		cb_fatal("%s: a second timed loop in one run", p->in->name);
	st->cb_started = true;
	st->cb_remaining = st->cb_error ? 0 : st->cb_max_iterations;
	if (st->cb_threads > 1)
		barrier_wait(p->mgr);
	if (!st->cb_error)
		timer_start(p);
	return st->cb_remaining;
}

bool cbench_loop_finish(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	if (!st->cb_finished) {
		if (!st->cb_error && p->running)
			timer_stop(p);
		st->cb_remaining = 0;
		st->cb_finished = true;
		if (st->cb_threads > 1)
			barrier_wait(p->mgr);
	}
	return false;
}

/* Starts the timed loop on the first call, ends it after the last iteration */
bool cbench_keep_running_slow(cbench_state *st)
{
	if (!st->cb_started && cbench_loop_start(st)) {
		st->cb_remaining--;
		return true;
	}
	return cbench_loop_finish(st);
}

int64_t cbench_range_checked(const cbench_state *st, int i)
{
	const struct priv *p = (const struct priv *)st;

	cb_fatal("%s: cbench_range(st, %d) but the instance has %d "
		 "argument(s)",
		 p->in->name, i, st->cb_nargs);
}

void cbench_pause_timing(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	if (p->running)
		timer_stop(p);
}

void cbench_resume_timing(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	if (!p->running && st->cb_started && !st->cb_finished && !st->cb_error)
		timer_start(p);
}

void cbench_set_iteration_time(cbench_state *st, double seconds)
{
	((struct priv *)st)->manual += seconds;
}

void cbench_skip_with_error(cbench_state *st, const char *msg)
{
	struct priv *p = (struct priv *)st;
	struct manager *m = p->mgr;

	st->cb_error = true;
	pthread_mutex_lock(&m->lock);
	if (!m->error) {
		m->error = true;
		m->error_message = cb_xstrdup(msg);
	}
	pthread_mutex_unlock(&m->lock);
	st->cb_remaining = 0;
	if (p->running)
		timer_stop(p);
}

void cbench_set_label(cbench_state *st, const char *label)
{
	struct manager *m = ((struct priv *)st)->mgr;

	pthread_mutex_lock(&m->lock);
	free(m->label);
	m->label = cb_xstrdup(label);
	pthread_mutex_unlock(&m->lock);
}

void cbench_counter_ex(cbench_state *st, const char *name, double value,
		       unsigned flags, enum cbench_counter_base base)
{
	cb_counters_set(&((struct priv *)st)->counters, name, value, flags,
			base, false);
}

void cbench_counter(cbench_state *st, const char *name, double value,
		    unsigned flags)
{
	cbench_counter_ex(st, name, value, flags, CBENCH_BASE_1000);
}

void cbench_counter_add(cbench_state *st, const char *name, double value,
			unsigned flags)
{
	cb_counters_set(&((struct priv *)st)->counters, name, value, flags,
			CBENCH_BASE_1000, true);
}

void cbench_set_bytes_processed(cbench_state *st, int64_t bytes)
{
	cbench_counter_ex(st, "bytes_per_second", (double)bytes,
			  CBENCH_COUNTER_RATE, CBENCH_BASE_1024);
}

void cbench_set_items_processed(cbench_state *st, int64_t items)
{
	cbench_counter_ex(st, "items_per_second", (double)items,
			  CBENCH_COUNTER_RATE, CBENCH_BASE_1000);
}

void cbench_set_complexity_n(cbench_state *st, int64_t n)
{
	(void)st;
	(void)n; /* accepted for source compatibility; no BigO fit */
}

struct thread_arg {
	const struct cb_instance *in;
	int64_t iters;
	int index;
	struct manager *mgr;
};

static void run_in_thread(const struct cb_instance *in, int64_t iters,
			  int index, struct manager *m)
{
	struct priv p = {0};
	int nperf = cb_perf_nevents();
	double perf_acc[64] = {0};

	p.pub.cb_max_iterations = iters;
	p.pub.cb_args = in->args;
	p.pub.cb_nargs = in->nargs;
	p.pub.cb_thread_index = index;
	p.pub.cb_threads = in->threads;
	p.pub.cb_user = in->fam->user;
	p.mgr = m;
	p.in = in;
	if (nperf) {
		p.perf = cb_perf_open();
		p.perf_acc = perf_acc;
	}
	in->fam->fn(&p.pub);
	if (!p.pub.cb_error && !p.pub.cb_finished)
		cb_fatal("%s: the benchmark returned before "
			 "cbench_keep_running() returned false",
			 in->name);
	if (p.perf) {
		for (int i = 0; i < nperf; i++)
			cb_counters_set(&p.counters, cb_perf_event_name(i),
					perf_acc[i],
					CBENCH_COUNTER_AVG_ITERATIONS,
					CBENCH_BASE_1000, false);
		cb_perf_close(p.perf);
	}
	pthread_mutex_lock(&m->lock);
	m->iterations += cbench_iterations(&p.pub);
	m->cpu += p.cpu;
	m->real += p.real;
	m->manual += p.manual;
	for (int i = 0; i < p.counters.n; i++) {
		struct cb_counter *c = &p.counters.v[i];
		struct cb_counter *e = cb_counters_find(&m->counters, c->name);

		if (e)
			e->value += c->value;
		else
			cb_counters_set(&m->counters, c->name, c->value,
					c->flags, c->base, false);
	}
	pthread_mutex_unlock(&m->lock);
	cb_counters_free(&p.counters);
	if (in->threads > 1)
		barrier_remove_thread(m);
}

static void *thread_main(void *arg)
{
	struct thread_arg *a = arg;

	run_in_thread(a->in, a->iters, a->index, a->mgr);
	return NULL;
}

struct iter_result {
	struct manager m;
	int64_t iters;
	double seconds;
};

/* Benchmark::Setup/Teardown get a state of one iteration, thread 0. */
static void setup_or_teardown(const struct cb_instance *in, cbench_setup_fn fn)
{
	struct priv p = {0};

	p.pub.cb_max_iterations = 1;
	p.pub.cb_remaining = 1;
	p.pub.cb_args = in->args;
	p.pub.cb_nargs = in->nargs;
	p.pub.cb_threads = in->threads;
	p.pub.cb_user = in->fam->user;
	p.in = in;
	fn(&p.pub);
}

static void do_n_iterations(const struct cb_instance *in, int64_t iters,
			    struct iter_result *r)
{
	struct manager *m = &r->m;
	int n = in->threads;
	pthread_t *tids = NULL;
	struct thread_arg *args = NULL;

	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	m->running = n;
	if (in->fam->setup)
		setup_or_teardown(in, in->fam->setup);
	if (n > 1) {
		tids = cb_xmalloc((n - 1) * sizeof(*tids));
		args = cb_xmalloc((n - 1) * sizeof(*args));
		for (int i = 0; i < n - 1; i++) {
			args[i] = (struct thread_arg){in, iters, i + 1, m};
			if (pthread_create(&tids[i], NULL, thread_main,
					   &args[i]))
				cb_fatal("%s: cannot start thread %d: %s",
					 in->name, i + 1, strerror(errno));
		}
	}
	run_in_thread(in, iters, 0, m);
	for (int i = 0; i < n - 1; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	free(args);
	if (in->fam->teardown)
		setup_or_teardown(in, in->fam->teardown);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->cond);
	m->real /= n;
	m->manual /= n;
	if (in->fam->process_cpu_time) /* every thread measured all of them */
		m->cpu /= n;
	r->iters = iters;
	r->seconds = m->cpu;
	if (in->fam->use_manual_time)
		r->seconds = m->manual;
	else if (in->fam->use_real_time)
		r->seconds = m->real;
}

static void result_free(struct iter_result *r)
{
	cb_counters_free(&r->m.counters);
	free(r->m.error_message);
	free(r->m.label);
	memset(r, 0, sizeof(*r));
}

struct runner {
	const struct cb_instance *in;
	double min_time, min_warmup_time;
	bool warmup_done, explicit_iters;
	int repeats, done;
	int64_t iters;
	struct cb_run *runs;
	bool display_aggregates_only, file_aggregates_only;
};

static double min_time_to_apply(const struct runner *r)
{
	return r->warmup_done ? r->min_time : r->min_warmup_time;
}

static int64_t predict_iters(const struct runner *r,
			     const struct iter_result *i)
{
	double mt = min_time_to_apply(r);
	double mult = mt * 1.4 / (i->seconds > 1e-9 ? i->seconds : 1e-9);
	double a, b;
	int64_t next;

	if (!(i->seconds / mt > 0.1))
		mult = 10.0;
	a = mult * (double)i->iters;
	b = (double)i->iters + 1.0;
	next = lround(a > b ? a : b);
	return next < CB_MAX_ITERATIONS ? next : CB_MAX_ITERATIONS;
}

static bool should_report(const struct runner *r, const struct iter_result *i)
{
	double mt = min_time_to_apply(r);

	return i->m.error || i->iters >= CB_MAX_ITERATIONS ||
	       i->seconds >= mt ||
	       (i->m.real >= 5 * mt && !r->in->fam->use_manual_time);
}

static void runner_init(struct runner *r, const struct cb_instance *in)
{
	const struct cbench_family *f = in->fam;

	memset(r, 0, sizeof(*r));
	r->in = in;
	r->min_time = f->min_time != 0 ? f->min_time : cb_flags.min_time;
	r->min_warmup_time = (f->min_time != 0 && f->min_warmup_time > 0)
				     ? f->min_warmup_time
				     : cb_flags.min_warmup_time;
	r->warmup_done = !(r->min_warmup_time > 0);
	r->repeats = cb_instance_repetitions(in);
	r->explicit_iters = f->iterations != 0;
	r->iters = r->explicit_iters ? f->iterations : 1;
	r->runs = cb_xmalloc(r->repeats * sizeof(*r->runs));
	r->display_aggregates_only = cb_flags.report_aggregates_only ||
				     cb_flags.display_aggregates_only;
	r->file_aggregates_only = cb_flags.report_aggregates_only;
	if (f->aggregation_mode) {
		r->display_aggregates_only = f->aggregation_mode & 1;
		r->file_aggregates_only = f->aggregation_mode & 2;
	}
}

static void warm_up(struct runner *r)
{
	int64_t backup = r->iters;
	struct iter_result i;

	for (;;) {
		do_n_iterations(r->in, r->iters, &i);
		if (should_report(r, &i)) {
			result_free(&i);
			break;
		}
		r->iters = predict_iters(r, &i);
		result_free(&i);
	}
	r->warmup_done = true;
	r->iters = backup;
}

static void do_one_repetition(struct runner *r)
{
	const struct cb_instance *in = r->in;
	bool first = r->done == 0;
	struct cb_run *run = &r->runs[r->done];
	struct iter_result i;

	cb_current_instance = in;
	cb_current_repetition = r->done;
	cb_current_repeats = r->repeats;
	if (!r->warmup_done)
		warm_up(r);
	for (;;) {
		do_n_iterations(in, r->iters, &i);
		if (!first || r->explicit_iters || should_report(r, &i))
			break;
		r->iters = predict_iters(r, &i);
		result_free(&i);
	}
	memset(run, 0, sizeof(*run));
	run->run_name = in->name;
	run->family_index = in->family_index;
	run->per_family_instance_index = in->per_family_instance_index;
	run->error = i.m.error;
	run->error_message = i.m.error_message;
	i.m.error_message = NULL;
	run->label = i.m.label;
	i.m.label = NULL;
	run->iterations = i.m.iterations;
	run->time_unit =
		in->fam->unit_set ? in->fam->unit : cb_time_unit_default();
	run->threads = in->threads;
	run->repetition_index = r->done;
	run->repetitions = r->repeats;
	if (!run->error) {
		run->real_acc =
			in->fam->use_manual_time ? i.m.manual : i.m.real;
		run->cpu_acc = i.m.cpu;
		run->counters = i.m.counters;
		memset(&i.m.counters, 0, sizeof(i.m.counters));
		/* internal::Finish */
		for (int k = 0; k < run->counters.n; k++) {
			struct cb_counter *c = &run->counters.v[k];
			double v = c->value;

			if (c->flags & CBENCH_COUNTER_RATE)
				v /= i.seconds;
			if (c->flags & CBENCH_COUNTER_AVG_THREADS)
				v /= in->threads;
			if (c->flags & CBENCH_COUNTER_ITERATION_INVARIANT)
				v *= (double)run->iterations;
			if (c->flags & CBENCH_COUNTER_AVG_ITERATIONS)
				v /= (double)run->iterations;
			if (c->flags & CBENCH_COUNTER_INVERT)
				v = 1.0 / v;
			c->value = v;
		}
	}
	result_free(&i);
	r->done++;
}

/* ---- the whole run --------------------------------------------------------*/

static void report(struct cb_reporter *rep, bool aggregates_only,
		   struct cb_run *runs, int n, struct cb_run *aggs, int nagg)
{
	if (!(aggregates_only && nagg))
		rep->runs(rep, runs, n);
	if (nagg)
		rep->runs(rep, aggs, nagg);
}

static unsigned long long rng_state;

static unsigned long long rng_next(void)
{
	/* splitmix64 */
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int cbench_run_specified(void)
{
	struct cb_instance *in = NULL;
	struct cb_reporter disp = {0}, file = {0};
	FILE *out_file = NULL;
	bool have_file;
	char err[512];
	int n, name_width = 10, stat_width = 0, total = 0, *order;
	bool might_have_aggregates;

	if (!cb_flags.format) {
		int argc = 0;

		cbench_initialize(&argc, NULL);
	}
	n = cb_find_instances(cb_flags.filter, &in, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "%s: error: %s\n", cb_executable, err);
		return -1;
	}
	if (cb_flags.list_tests) {
		for (int i = 0; i < n; i++)
			printf("%s\n", in[i].name);
		cb_free_instances(in, n);
		return n;
	}
	if (n == 0) {
		fprintf(stderr,
			"Failed to match any benchmarks against regex: %s\n",
			cb_flags.filter);
		return 0;
	}
	have_file = cb_flags.out && *cb_flags.out;
	if (have_file &&
	    cb_output_open(cb_flags.out, &out_file, err, sizeof(err))) {
		fprintf(stderr, "%s: error: %s\n", cb_executable, err);
		cb_free_instances(in, n);
		return -1;
	}
	if (cb_flags.pin_cpu >= 0 &&
	    cb_pin_thread(cb_flags.pin_cpu, err, sizeof(err))) {
		fprintf(stderr, "%s: error: --cbench_pin=%d: %s\n",
			cb_executable, cb_flags.pin_cpu, err);
		if (out_file)
			cb_output_abandon();
		cb_free_instances(in, n);
		return -1;
	}
	cb_crash_handlers_install();

	cb_reporter_init(&disp, cb_flags.format, stdout, stderr);
	if (!strcmp(cb_flags.color, "auto"))
		disp.color = cb_color_auto();
	else
		disp.color = cb_is_truthy(cb_flags.color);
	disp.tabular = cb_flags.counters_tabular;
	/* as 1.7.1: a console file gets neither color nor columns */
	if (have_file)
		cb_reporter_init(&file, cb_flags.out_format, out_file,
				 out_file);

	might_have_aggregates = cb_flags.repetitions > 1;
	for (int i = 0; i < n; i++) {
		int len = (int)strlen(in[i].name);

		if (len > name_width)
			name_width = len;
		if (cb_instance_repetitions(&in[i]) > 1)
			might_have_aggregates = true;
		stat_width = 6; /* "median", "stddev" */
	}
	if (might_have_aggregates)
		name_width += 1 + stat_width;
	disp.name_width = file.name_width = name_width;

	disp.context(&disp);
	fflush(disp.out);
	fflush(disp.err);
	if (have_file) {
		file.context(&file);
		fflush(out_file);
	}

	struct runner *runners = cb_xmalloc(n * sizeof(*runners));

	for (int i = 0; i < n; i++) {
		runner_init(&runners[i], &in[i]);
		total += runners[i].repeats;
	}
	order = cb_xmalloc(total * sizeof(int));
	for (int i = 0, k = 0; i < n; i++)
		for (int j = 0; j < runners[i].repeats; j++)
			order[k++] = i;
	if (cb_flags.random_interleaving) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		rng_state = (unsigned long long)ts.tv_nsec ^
			    ((unsigned long long)ts.tv_sec << 32) ^ getpid();
		for (int i = total - 1; i > 0; i--) {
			int j = (int)(rng_next() % (unsigned long long)(i + 1));
			int t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
	}
	for (int k = 0; k < total; k++) {
		struct runner *r = &runners[order[k]];
		struct cb_run aggs[4];
		int nagg;

		do_one_repetition(r);
		if (r->done < r->repeats)
			continue;
		nagg = cb_compute_stats(r->runs, r->repeats, aggs);
		report(&disp, r->display_aggregates_only, r->runs, r->repeats,
		       aggs, nagg);
		fflush(disp.out);
		if (have_file) {
			report(&file, r->file_aggregates_only, r->runs,
			       r->repeats, aggs, nagg);
			fflush(out_file);
		}
		for (int i = 0; i < r->repeats; i++)
			cb_run_free(&r->runs[i]);
		for (int i = 0; i < nagg; i++)
			cb_run_free(&aggs[i]);
		free(r->runs);
		r->runs = NULL;
	}
	cb_current_instance = NULL;
	disp.finalize(&disp);
	fflush(disp.out);
	if (have_file) {
		file.finalize(&file);
		if (cb_output_commit(out_file, err, sizeof(err))) {
			fprintf(stderr, "%s: error: %s\n", cb_executable, err);
			total = -1;
		}
	}
	cb_crash_handlers_remove();
	free(order);
	free(runners);
	cb_free_instances(in, n);
	return total < 0 ? -1 : n;
}
