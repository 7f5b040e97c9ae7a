/* SPDX-License-Identifier: GPL-2.0 */
/* libcbench internals shared by its source files. */
#ifndef CBENCH_INTERNAL_H
#define CBENCH_INTERNAL_H

#include <pthread.h>
#include <stdio.h>

#include "cbench.h"

#define CB_MAX_ITERATIONS 1000000000LL /* kMaxIterations */

struct cb_counter {
	char *name;
	double value;
	unsigned flags;
	int base;
};

struct cb_counters {
	struct cb_counter *v; /* sorted by strcmp(name), like std::map */
	int n, cap;
};

/* One aggregate over repetitions: mean, median, ... or ComputeStatistics */
struct cb_statistic {
	char *name;
	cbench_statistic_fn fn;
	int unit; /* CB_AGG_TIME or CB_AGG_PERCENTAGE */
};

struct cbench_family {
	char *name;
	cbench_fn fn;
	void *user;
	int64_t **args; /* each of nargs[i] values */
	int *nargs;
	int nsets;
	char **arg_names;
	int narg_names;
	int range_multiplier;
	int *thread_counts;
	int nthreads;
	int repetitions;
	int unit;
	bool unit_set;
	int64_t iterations;
	double min_time, min_warmup_time;
	bool use_real_time, use_manual_time, process_cpu_time;
	int aggregation_mode; /* 0 unset, bit0 display, bit1 file */
	cbench_setup_fn setup, teardown;
	cbench_fixture_fn fixture_setup, fixture_teardown;
	enum cbench_big_o complexity;
	cbench_big_o_fn complexity_fn;
	struct cb_statistic
		*stats; /* mean, median, stddev, cv, then the user's */
	int nstats;
};

struct cb_instance {
	struct cbench_family *fam;
	char *name;
	char *name_without_args; /* the run name of the _BigO and _RMS rows */
	int family_index, per_family_instance_index;
	const int64_t *args;
	int nargs;
	int threads;
};

enum { CB_AGG_NONE, CB_AGG_TIME, CB_AGG_PERCENTAGE };

struct cb_run {
	const char *run_name;
	const char *aggregate_name; /* NULL: an iteration run */
	int aggregate_unit;
	int family_index, per_family_instance_index;
	int64_t repetitions, repetition_index;
	int threads;
	bool error;
	char *error_message;
	int64_t iterations;
	double real_acc, cpu_acc; /* seconds, summed over the iterations */
	int time_unit;
	struct cb_counters counters;
	char *label;
	int64_t complexity_n;
	bool report_big_o, report_rms; /* the _BigO and _RMS rows */
	enum cbench_big_o big_o;
	bool has_memory; /* a memory manager measured the run */
	double allocs_per_iter;
	struct cbench_memory_result memory;
};

/* flags.c */
struct cb_flags {
	bool list_tests;
	char *filter;
	double min_time, min_warmup_time;
	int repetitions;
	bool random_interleaving;
	bool report_aggregates_only, display_aggregates_only;
	char *format, *out, *out_format, *color;
	bool counters_tabular;
	char *perf_counters;
	char *time_unit;
	int pin_cpu; /* -1: not pinned */
	char *iterations_from; /* "": estimate every count */
	int v;
};
extern struct cb_flags cb_flags;
int cb_time_unit_default(void);
int cb_is_truthy(const char *v);
void cb_flags_free(void);

/* iterations_from.c: --cbench_iterations_from (fatal on a bad file) */
void cb_iterations_from_load(const char *path);
int64_t cb_iterations_from(const char *run_name); /* per thread; 0: none */
const char *cb_iterations_from_file(void); /* "" when not given */
void cb_iterations_from_free(void);

/* context.c */
struct cb_kv {
	char *key, *value;
};
bool cb_context_key_is_builtin(const char *key);
void cb_custom_context_add(const char *key, const char *value);
int cb_custom_context(const struct cb_kv **kv); /* sorted by key */
struct cb_cache {
	const char *type;
	int level;
	long long size;
	int num_sharing;
};
struct cb_sysinfo {
	char host_name[256];
	int num_cpus;
	double cycles_per_second;
	bool scaling_enabled;
	struct cb_cache caches[16];
	int ncaches;
	double load_avg[3];
	int nload;
	char cpu_model[256];
	char topology[256];
	char pinned[128]; /* "" when not pinned */
};
const struct cb_sysinfo *cb_sysinfo(void);
/* How libcbench was compiled (cbench.h): "release" or "debug" */
const char *cb_build_type(void);
/* The sanitizers it was compiled with, "address,undefined"; "" for none */
const char *cb_sanitizers(void);
/* The names of a comma-separated list, each once, in out (size >= strlen) */
void cb_name_list_unique(const char *list, char *out, size_t size);
void cb_local_date_time(char *buf, size_t len);
int cb_pin_thread(int cpu, char *err, size_t errlen);
void cb_context_free(void);

/* registry.c */
int cb_find_instances(const char *filter, struct cb_instance **out, char *err,
		      size_t errlen);
void cb_free_instances(struct cb_instance *v, int n);
void cb_registry_free(void);
int cb_instance_repetitions(const struct cb_instance *in);

/* counters.c */
void cb_counters_set(struct cb_counters *c, const char *name, double v,
		     unsigned flags, int base, bool add);
struct cb_counter *cb_counters_find(const struct cb_counters *c,
				    const char *name);
void cb_counters_free(struct cb_counters *c);
void cb_counters_copy(struct cb_counters *dst, const struct cb_counters *src);

/* statistics.c */
double cb_stat_mean(const double *v, int n);
double cb_stat_median(const double *v, int n);
double cb_stat_stddev(const double *v, int n);
double cb_stat_cv(const double *v, int n);
/* The aggregates of f's statistics over n runs into out; how many */
int cb_compute_family_stats(const struct cb_run *runs, int n,
			    const struct cbench_family *f, struct cb_run *out);
/* mean, median, stddev and cv only (out has room for 4) */
int cb_compute_stats(const struct cb_run *runs, int n, struct cb_run *out);
void cb_default_statistics(struct cbench_family *f);

/* complexity.c: the _BigO and _RMS rows of a family's runs */
const char *cb_big_o_string(enum cbench_big_o c);
struct cb_fit {
	enum cbench_big_o complexity;
	double coef, rms;
};
struct cb_fit cb_fit_curve(const int64_t *n, const double *t, int count,
			   enum cbench_big_o c, cbench_big_o_fn fn);
/* 2 rows into out (from runs without an error), 0 for fewer than 2 runs */
int cb_compute_big_o(const struct cb_run *runs, int n,
		     const struct cb_instance *first, struct cb_run *out);

/* memory_manager.c */
const struct cbench_memory_manager *cb_memory_manager(void);

/* runner.c: the repetitions of one instance */
struct cb_runner {
	const struct cb_instance *in;
	double min_time, min_warmup_time;
	bool warmup_done, explicit_iters;
	bool reused_iters; /* from --cbench_iterations_from: no estimation */
	int repeats, done;
	int64_t iters;
	struct cb_run *runs;
	bool display_aggregates_only, file_aggregates_only;
};
void cb_runner_init(struct cb_runner *r, const struct cb_instance *in);
void cb_runner_do_one_repetition(struct cb_runner *r);

/* reporters */
struct cb_reporter {
	FILE *out, *err;
	bool color, tabular;
	int name_width;
	/* private state of each kind */
	bool printed_header, first_report;
	struct cb_counters prev_counters;
	struct cb_run
		*held; /* csv: runs held until the counter union is known */
	int nheld, capheld;
	void (*context)(struct cb_reporter *r);
	void (*runs)(struct cb_reporter *r, const struct cb_run *runs, int n);
	void (*finalize)(struct cb_reporter *r);
};
/* reporter.c: the reporter of a format name */
int cb_reporter_init(struct cb_reporter *r, const char *format, FILE *out,
		     FILE *err);
/* report.c: what the reporters share */
void cb_print_basic_context(FILE *f);
double cb_adjusted_real(const struct cb_run *r);
double cb_adjusted_cpu(const struct cb_run *r);
const char *cb_time_unit_string(int u);
double cb_time_unit_multiplier(int u); /* 1e9 for ns */
char *cb_benchmark_name(const struct cb_run *r);
void cb_human_readable(char *buf, size_t len, double n, double one_k);
void cb_run_free(struct cb_run *r);
void cb_run_copy(struct cb_run *dst, const struct cb_run *src);
/* reporter_json.c, reporter_console.c, reporter_csv.c */
void cb_json_reporter(struct cb_reporter *r);
void cb_console_reporter(struct cb_reporter *r);
void cb_csv_reporter(struct cb_reporter *r);

/* perf_counters.c */
struct cb_perf;
struct cb_perf_event {
	char *name;
	unsigned type;
	unsigned long long config, config1, config2;
};
int cb_perf_resolve(const char *name, const char *sysfs_root,
		    struct cb_perf_event *ev, char *err, size_t errlen);
int cb_perf_setup(const char *list); /* parse + probe, warns; 0 ok */
int cb_perf_nevents(void);
const char *cb_perf_event_name(int i);
struct cb_perf *cb_perf_open(void);
void cb_perf_start(struct cb_perf *p);
void cb_perf_stop(struct cb_perf *p, double *accum);
void cb_perf_close(struct cb_perf *p);
void cb_perf_shutdown(void);

/* output.c: the --benchmark_out file, renamed into place at the end */
int cb_output_open(const char *path, FILE **f, char *err, size_t errlen);
int cb_output_commit(FILE *f, char *err, size_t errlen);
void cb_output_abandon(void);
const char *cb_output_tmp_path(void); /* "" when none */

/* crash.c: what is running, for the message of a crash */
extern const struct cb_instance *cb_current_instance;
extern int cb_current_repetition, cb_current_repeats;
void cb_crash_handlers_install(void);
void cb_crash_handlers_remove(void);

/* color.c: --benchmark_color=auto */
int cb_color_auto(void);

/* xalloc.c */
void *cb_xmalloc(size_t n);
void *cb_xrealloc(void *p, size_t n);
char *cb_xstrdup(const char *s);
char *cb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* fatal.c */
extern const char *cb_executable; /* argv[0], for messages */
void cb_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif
