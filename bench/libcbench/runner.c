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
	int64_t complexity_n;
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
	int64_t complexity_n;
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

/* The last batch may pass the count: batch_leftover says by how much */
bool cbench_keep_running_batch_slow(cbench_state *st, int64_t n)
{
	if (n < 1)
		cb_fatal("%s: cbench_keep_running_batch(st, %lld): the batch "
			 "must be at least 1",
			 ((struct priv *)st)->in->name, (long long)n);
	if (!st->cb_started) {
		cbench_loop_start(st);
		if (!st->cb_error && st->cb_remaining >= n) {
			st->cb_remaining -= n;
			return true;
		}
	}
	if (st->cb_remaining != 0 && !st->cb_finished) {
		st->cb_batch_leftover = n - st->cb_remaining;
		st->cb_remaining = 0;
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

/* 1.7.1's check: BM_CHECK(started_ && !finished_ && !error_occurred_) */
static void check_in_loop(const cbench_state *st, const char *what)
{
	if (!st->cb_started || st->cb_finished || st->cb_error)
		cb_fatal("%s: %s() %s", ((const struct priv *)st)->in->name,
			 what,
			 st->cb_error ? "after cbench_skip_with_error()"
				      : "outside the timed loop");
}

void cbench_pause_timing(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	check_in_loop(st, "cbench_pause_timing");
	/* 1.7.1's StopTimer: BM_CHECK(running_) */
	if (!p->running)
		cb_fatal("%s: cbench_pause_timing() while paused", p->in->name);
	timer_stop(p);
}

void cbench_resume_timing(cbench_state *st)
{
	struct priv *p = (struct priv *)st;

	check_in_loop(st, "cbench_resume_timing");
	if (!p->running)
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
	((struct priv *)st)->complexity_n = n;
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
	if (in->fam->fixture_setup)
		in->fam->fixture_setup(&p.pub);
	in->fam->fn(&p.pub);
	if (in->fam->fixture_teardown)
		in->fam->fixture_teardown(&p.pub);
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
	m->complexity_n += p.complexity_n;
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

/* Runs iters iterations in each of n threads, between Setup and Teardown */
static void run_threads(const struct cb_instance *in, int64_t iters, int n,
			struct manager *m)
{
	pthread_t *tids = NULL;
	struct thread_arg *args = NULL;

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
}

static void do_n_iterations(const struct cb_instance *in, int64_t iters,
			    struct iter_result *r)
{
	struct manager *m = &r->m;
	int n = in->threads;

	if (cb_flags.v >= 2)
		fprintf(stderr, "-- LOG(2): Running %s for %lld\n", in->name,
			(long long)iters);
	memset(m, 0, sizeof(*m));
	run_threads(in, iters, n, m);
	m->real /= n;
	m->manual /= n;
	if (in->fam->process_cpu_time) /* every thread measured all of them */
		m->cpu /= n;
	if (cb_flags.v >= 2)
		fprintf(stderr, "-- LOG(2): Ran in %g/%g\n", m->cpu, m->real);
	r->iters = iters;
	r->seconds = m->cpu;
	if (in->fam->use_manual_time)
		r->seconds = m->manual;
	else if (in->fam->use_real_time)
		r->seconds = m->real;
}

static void manager_free(struct manager *m)
{
	cb_counters_free(&m->counters);
	free(m->error_message);
	free(m->label);
	memset(m, 0, sizeof(*m));
}

static void result_free(struct iter_result *r)
{
	manager_free(&r->m);
	memset(r, 0, sizeof(*r));
}

/*
 * With a memory manager, 1.7.1 runs the benchmark once more after each
 * repetition, in one thread, for at most 16 iterations.
 */
static void measure_memory(const struct cb_runner *r, struct cb_run *run)
{
	const struct cbench_memory_manager *mm = cb_memory_manager();
	int64_t iters = r->iters < 16 ? r->iters : 16;
	struct manager m = {0};

	if (!mm)
		return;
	run->memory = (struct cbench_memory_result){
		.total_allocated_bytes = CBENCH_MEMORY_TOMBSTONE,
		.net_heap_growth = CBENCH_MEMORY_TOMBSTONE,
	};
	if (mm->start)
		mm->start(mm->user);
	run_threads(r->in, iters, 1, &m);
	if (mm->stop)
		mm->stop(mm->user, &run->memory);
	manager_free(&m);
	run->has_memory = true;
	run->allocs_per_iter = (double)run->memory.num_allocs / (double)iters;
}

static double min_time_to_apply(const struct cb_runner *r)
{
	return r->warmup_done ? r->min_time : r->min_warmup_time;
}

static int64_t predict_iters(const struct cb_runner *r,
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

static bool should_report(const struct cb_runner *r,
			  const struct iter_result *i)
{
	double mt = min_time_to_apply(r);

	return i->m.error || i->iters >= CB_MAX_ITERATIONS ||
	       i->seconds >= mt ||
	       (i->m.real >= 5 * mt && !r->in->fam->use_manual_time);
}

void cb_runner_init(struct cb_runner *r, const struct cb_instance *in)
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
	if (!r->explicit_iters) {
		int64_t n = cb_iterations_from(in->name);

		r->reused_iters = n > 0;
		if (n)
			r->iters = n;
	}
	r->runs = cb_xmalloc(r->repeats * sizeof(*r->runs));
	r->display_aggregates_only = cb_flags.report_aggregates_only ||
				     cb_flags.display_aggregates_only;
	r->file_aggregates_only = cb_flags.report_aggregates_only;
	if (f->aggregation_mode) {
		r->display_aggregates_only = f->aggregation_mode & 1;
		r->file_aggregates_only = f->aggregation_mode & 2;
	}
}

static void warm_up(struct cb_runner *r)
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

void cb_runner_do_one_repetition(struct cb_runner *r)
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
		if (!first || r->explicit_iters || r->reused_iters ||
		    should_report(r, &i))
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
	run->complexity_n = i.m.complexity_n;
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
	measure_memory(r, run);
	r->done++;
}
