// SPDX-License-Identifier: GPL-2.0
/*
 * libcbench's pieces one by one: statistics, number formatting, argument
 * ranges and instance names, the filter, counters, the list behind the
 * "sanitizers" context key, and the perf event resolver against a fake
 * sysfs tree.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../internal.h"
#include "tap.h"

static void noop(cbench_state *st)
{
	while (cbench_keep_running(st)) {
	}
}

static double cube_root(int64_t n)
{
	return cbrt((double)n);
}

/* The least-squares fit of the complexity rows, on exact curves */
static void test_complexity_fit(void)
{
	static const struct {
		enum cbench_big_o c;
		const char *name;
	} curves[] = {
		{CBENCH_O_1, "(1)"},	     {CBENCH_O_N, "N"},
		{CBENCH_O_N_SQUARED, "N^2"}, {CBENCH_O_N_CUBED, "N^3"},
		{CBENCH_O_LOG_N, "lgN"},     {CBENCH_O_N_LOG_N, "NlgN"},
	};
	int64_t n[6] = {4, 8, 16, 32, 64, 128};
	double t[6];
	struct cb_fit fit;

	/* t = 3e-9 * f(n) exactly: coefficient 3e-9, rms 0, and auto finds f */
	for (size_t c = 0; c < sizeof(curves) / sizeof(curves[0]); c++) {
		for (int i = 0; i < 6; i++) {
			double x = (double)n[i];
			double f[] = {1,	 x,	  x * x,
				      x * x * x, log2(x), x * log2(x)};

			t[i] = 3e-9 * f[c];
		}
		fit = cb_fit_curve(n, t, 6, curves[c].c, NULL);
		tap_ok(fabs(fit.coef / 3e-9 - 1) < 1e-12 && fit.rms < 1e-12,
		       "fit O(%s): coefficient %g, rms %g", curves[c].name,
		       fit.coef, fit.rms);
		fit = cb_fit_curve(n, t, 6, CBENCH_O_AUTO, NULL);
		tap_ok(fit.complexity == curves[c].c &&
			       !strcmp(cb_big_o_string(fit.complexity),
				       curves[c].name),
		       "auto fit of 3e-9 * %s picks %s", curves[c].name,
		       cb_big_o_string(fit.complexity));
	}
	for (int i = 0; i < 6; i++)
		t[i] = 2 * cbrt((double)n[i]) * (i == 2 ? 1.1 : 1.0);
	fit = cb_fit_curve(n, t, 6, CBENCH_O_LAMBDA, cube_root);
	tap_ok(fit.complexity == CBENCH_O_LAMBDA && fit.coef > 2 &&
		       fit.coef < 2.1 && fit.rms > 0.01 && fit.rms < 0.1 &&
		       !strcmp(cb_big_o_string(fit.complexity), "f(N)"),
	       "a curve of our own, 10%% off at one point: coefficient %g, "
	       "rms %g, f(N)",
	       fit.coef, fit.rms);
}

static char *names_of(const char *filter)
{
	struct cb_instance *in;
	char err[256], *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int n = cb_find_instances(filter, &in, err, sizeof(err));

	for (int i = 0; i < n; i++)
		fprintf(m, "%s%s", i ? " " : "", in[i].name);
	if (n < 0)
		fprintf(m, "ERROR: %s", err);
	fclose(m);
	if (n > 0)
		cb_free_instances(in, n);
	return buf;
}

static void name_is(const char *filter, const char *want)
{
	char *got = names_of(filter);

	if (!tap_ok(!strcmp(got, want), "instances of %s", filter))
		tap_diag("got  %s\nwant %s", got, want);
	free(got);
}

/* Get/SetBenchmarkFilter, Get/SetDefaultTimeUnit, ClearRegisteredBenchmarks */
static void test_getters_and_clear(void)
{
	char *got;

	cbench_set_benchmark_filter("BM_x/[0-9]+$");
	tap_ok(!strcmp(cbench_get_benchmark_filter(), "BM_x/[0-9]+$"),
	       "the filter set is the filter got");
	cbench_set_default_time_unit(CBENCH_MILLISECOND);
	tap_ok(cbench_get_default_time_unit() == CBENCH_MILLISECOND &&
		       !strcmp(cb_flags.time_unit, "ms"),
	       "default time unit ms, as --benchmark_time_unit=ms");
	cbench_set_default_time_unit(CBENCH_NANOSECOND);
	cbench_clear_registered_benchmarks();
	got = names_of("");
	tap_ok(!strcmp(got, ""), "no family left after clearing: \"%s\"", got);
	free(got);
	cbench_register("BM_again", noop);
	got = names_of("");
	tap_ok(!strcmp(got, "BM_again"), "registering again after clearing");
	free(got);
	cbench_set_benchmark_filter("nothing matches this");
	cb_flags.list_tests = true;
	printf("# ");
	fflush(stdout);
	tap_ok(cbench_run_specified_spec("BM_ag") == 1,
	       "cbench_run_specified_spec: the spec, not the filter");
	cb_flags.list_tests = false;
}

static void human(double v, double k, const char *want)
{
	char buf[64];

	cb_human_readable(buf, sizeof(buf), v, k);
	if (!tap_ok(!strcmp(buf, want), "human readable %g (base %g) is %s", v,
		    k, want))
		tap_diag("got %s", buf);
}

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[4096], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = 0;
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static void test_perf_resolver(void)
{
	char exe[PATH_MAX], root[PATH_MAX + 32], err[512];
	struct cb_perf_event ev;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = 0;
	*strrchr(exe, '/') = 0;
	snprintf(root, sizeof(root), "%s/fake-sysfs-XXXXXX", exe);
	if (!tap_ok(mkdtemp(root) != NULL, "fake sysfs directory"))
		return;
	write_file(root, "bus/event_source/devices/cpum_cf/type", "10\n");
	write_file(root, "bus/event_source/devices/cpum_cf/format/event",
		   "config:0-63\n");
	write_file(root, "bus/event_source/devices/cpum_cf/events/CPU_CYCLES",
		   "event=0x0000\n");
	write_file(root, "bus/event_source/devices/cpum_cf/events/INSTRUCTIONS",
		   "event=0x0001\n");
	write_file(root,
		   "bus/event_source/devices/cpum_cf/events/L1D_DIR_WRITES",
		   "event=0x0020\n");
	write_file(root, "bus/event_source/devices/odd/type", "42\n");
	write_file(root, "bus/event_source/devices/odd/format/event",
		   "config:8-15\n");
	write_file(root, "bus/event_source/devices/odd/format/umask",
		   "config:0-3,20-23\n");
	write_file(root, "bus/event_source/devices/odd/events/THING",
		   "event=0x12,umask=0x35\n");

	tap_ok(cb_perf_resolve("cpum_cf/CPU_CYCLES/", root, &ev, err,
			       sizeof(err)) == 0 &&
		       ev.type == 10 && ev.config == 0,
	       "cpum_cf/CPU_CYCLES/ resolves to type 10, config 0");
	free(ev.name);
	tap_ok(cb_perf_resolve("cpum_cf/INSTRUCTIONS/", root, &ev, err,
			       sizeof(err)) == 0 &&
		       ev.type == 10 && ev.config == 1,
	       "cpum_cf/INSTRUCTIONS/ resolves to config 1");
	free(ev.name);
	tap_ok(cb_perf_resolve("cpum_cf/L1D_DIR_WRITES/", root, &ev, err,
			       sizeof(err)) == 0 &&
		       ev.config == 0x20 &&
		       !strcmp(ev.name, "cpum_cf/L1D_DIR_WRITES/"),
	       "cpum_cf/L1D_DIR_WRITES/ resolves to 0x20, named as given");
	free(ev.name);
	tap_ok(cb_perf_resolve("odd/THING/", root, &ev, err, sizeof(err)) ==
			       0 &&
		       ev.type == 42 && ev.config == 0x301205,
	       "format bit ranges place each term (config 0x%llx)", ev.config);
	free(ev.name);
	tap_ok(cb_perf_resolve("cpum_cf/event=0x21/", root, &ev, err,
			       sizeof(err)) == 0 &&
		       ev.config == 0x21,
	       "inline terms PMU/event=0x21/");
	free(ev.name);
	tap_ok(cb_perf_resolve("cpum_cf/NOPE/", root, &ev, err, sizeof(err)) &&
		       strstr(err, "NOPE"),
	       "a missing event is an error naming it: %s", err);
	tap_ok(cb_perf_resolve("nopmu/X/", root, &ev, err, sizeof(err)) &&
		       strstr(err, "nopmu"),
	       "a missing PMU is an error naming it: %s", err);
	tap_ok(cb_perf_resolve("cycles", root, &ev, err, sizeof(err)) == 0 &&
		       ev.type == 0 /* PERF_TYPE_HARDWARE */ && ev.config == 0,
	       "generic 'cycles' is a hardware event");
	free(ev.name);
	tap_ok(cb_perf_resolve("task-clock", root, &ev, err, sizeof(err)) ==
			       0 &&
		       ev.type == 1 /* PERF_TYPE_SOFTWARE */,
	       "generic 'task-clock' is a software event");
	free(ev.name);
	tap_ok(cb_perf_resolve("bogus-event", root, &ev, err, sizeof(err)) != 0,
	       "an unknown generic name is an error");
	tap_ok(cb_perf_resolve("cpum_cf/", root, &ev, err, sizeof(err)) != 0,
	       "a malformed PMU event is an error");
	{
		char cmd[PATH_MAX + 64];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		if (system(cmd))
			tap_diag("could not remove %s", root);
	}
}

int main(void)
{
	tap_plan_unknown();

	/* statistics.cc */
	{
		double v[] = {1, 2, 3, 4}, w[] = {5, 1, 3}, one[] = {7};

		tap_ok(cb_stat_mean(v, 4) == 2.5, "mean");
		tap_ok(cb_stat_median(v, 4) == 2.5, "median of an even count");
		tap_ok(cb_stat_median(w, 3) == 3, "median of an odd count");
		tap_ok(fabs(cb_stat_stddev(v, 4) - sqrt(5.0 / 3)) < 1e-15,
		       "sample standard deviation");
		tap_ok(cb_stat_stddev(one, 1) == 0 && cb_stat_cv(one, 1) == 0,
		       "one sample: stddev and cv 0");
		tap_ok(fabs(cb_stat_cv(v, 4) - sqrt(5.0 / 3) / 2.5) < 1e-15,
		       "coefficient of variation");
		tap_ok(cb_stat_median(w, 2) == 3, "median of 2 is their mean");
	}

	/* custom context: a key the reporter writes itself is not added */
	{
		const struct cb_kv *kv;
		int n0 = cb_custom_context(&kv), found = 0;

		cbench_add_custom_context("cpu_model", "mine");
		cbench_add_custom_context("unit_key", "v");
		int n = cb_custom_context(&kv);
		for (int i = 0; i < n; i++)
			found += !strcmp(kv[i].key, "cpu_model");
		tap_ok(n == n0 + 1 && !found,
		       "a built-in context key is refused, another one added");
		tap_ok(cb_context_key_is_builtin("date") &&
			       !cb_context_key_is_builtin("dates"),
		       "built-in keys match whole names only");
	}

	/* string_util.cc HumanReadableNumber, values seen from 1.7.1 */
	human(4.8403e-7, 1000, "484.03n");
	human(3.47436e9, 1000, "3.47436G");
	human(3.0 * 1024 * 1024, 1024, "3M");
	human(1000, 1000, "1000");
	human(1100, 1000, "1100");
	human(1101, 1000, "1.101k");
	human(0.000123, 1000, "123u");
	human(0.5, 1000, "0.5");
	human(0.0099, 1000, "9.9m");
	human(0, 1000, "0");
	human(-2500, 1000, "-2.5k");

	/* names and ranges as benchmark_register.cc makes them */
	{
		cbench_family *f;

		f = cbench_register("BM_r", noop);
		cbench_add_range(f, 8, 512);
		name_is("^BM_r/", "BM_r/8 BM_r/64 BM_r/512");
		f = cbench_register("BM_neg", noop);
		cbench_add_range(f, -64, 64);
		name_is("BM_neg", "BM_neg/-64 BM_neg/-8 BM_neg/-1 BM_neg/0 "
				  "BM_neg/1 BM_neg/8 BM_neg/64");
		f = cbench_register("BM_prod", noop);
		cbench_set_range_multiplier(f, 2);
		cbench_add_ranges(f, 1, 4, 10, 20);
		cbench_set_arg_names(f, "a", "");
		name_is("BM_prod",
			"BM_prod/a:1/10 BM_prod/a:2/10 BM_prod/a:4/10 "
			"BM_prod/a:1/16 BM_prod/a:2/16 BM_prod/a:4/16 "
			"BM_prod/a:1/20 BM_prod/a:2/20 BM_prod/a:4/20");
		f = cbench_register("BM_dense", noop);
		cbench_add_dense_range(f, 0, 10, 5);
		name_is("BM_dense", "BM_dense/0 BM_dense/5 BM_dense/10");
		f = cbench_register("BM_all", noop);
		cbench_add_args(f, 3, 4);
		cbench_set_min_time(f, 0.25);
		cbench_set_iterations(f, 7);
		cbench_set_repetitions(f, 2);
		cbench_use_real_time(f);
		cbench_set_thread_range(f, 1, 4);
		name_is("BM_all",
			"BM_all/3/4/min_time:0.250/iterations:7/repeats:2/"
			"real_time/threads:1 "
			"BM_all/3/4/min_time:0.250/iterations:7/repeats:2/"
			"real_time/threads:2 "
			"BM_all/3/4/min_time:0.250/iterations:7/repeats:2/"
			"real_time/threads:4");
		f = cbench_register("BM_man", noop);
		cbench_use_real_time(f);
		cbench_use_manual_time(f);
		name_is("BM_man", "BM_man/manual_time");
		name_is("-^BM_[a-o]",
			"BM_r/8 BM_r/64 BM_r/512 BM_prod/a:1/10 "
			"BM_prod/a:2/10 BM_prod/a:4/10 BM_prod/a:1/16 "
			"BM_prod/a:2/16 BM_prod/a:4/16 BM_prod/a:1/20 "
			"BM_prod/a:2/20 BM_prod/a:4/20");
		name_is("BM_r/(8|512)$", "BM_r/8 BM_r/512");
		{
			char *e = names_of("(");

			tap_ok(strstr(e, "ERROR") &&
				       strstr(e, "--benchmark_filter"),
			       "a filter that does not compile: %s", e);
			free(e);
		}
		cb_registry_free();
	}

	/* counters keep std::map's order */
	{
		struct cb_counters c = {0};

		cb_counters_set(&c, "zeta", 1, 0, 1000, false);
		cb_counters_set(&c, "Alpha", 2, 0, 1000, false);
		cb_counters_set(&c, "alpha", 3, 0, 1000, false);
		cb_counters_set(&c, "alpha", 4, 0, 1000, true);
		tap_ok(c.n == 3 && !strcmp(c.v[0].name, "Alpha") &&
			       !strcmp(c.v[1].name, "alpha") &&
			       !strcmp(c.v[2].name, "zeta") &&
			       c.v[1].value == 7,
		       "counters sorted by byte order, add accumulates");
		cb_counters_free(&c);
	}

	/* the "sanitizers" context key: each name once, in order */
	{
		static const char *const cases[][2] = {
			{"address,address,undefined", "address,undefined"},
			{"address,undefined,", "address,undefined"},
			{",thread,,thread,undefined", "thread,undefined"},
			{"address,addr", "address,addr"},
			{"", ""},
		};
		char out[64];

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			cb_name_list_unique(cases[i][0], out, sizeof(out));
			if (!tap_ok(!strcmp(out, cases[i][1]),
				    "name list \"%s\" is \"%s\"", cases[i][0],
				    cases[i][1]))
				tap_diag("got \"%s\"", out);
		}
		cb_name_list_unique("address,undefined", out, 12);
		tap_ok(!strcmp(out, "address"),
		       "a name that does not fit is left out: \"%s\"", out);
	}

	test_complexity_fit();
	test_getters_and_clear();
	test_perf_resolver();
	cbench_shutdown();
	return tap_done();
}
