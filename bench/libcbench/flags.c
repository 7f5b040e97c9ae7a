// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line flags and their BENCHMARK_* environment variables, parsed as
 * Google Benchmark 1.7.1 parses them (--flag=value; a bare --bool_flag is
 * true), but a malformed value is an error naming the flag.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cb_flags cb_flags;

int cb_is_truthy(const char *v)
{
	if (strlen(v) == 1)
		return isalnum((unsigned char)v[0]) && !strchr("0fFnN", v[0]);
	if (!*v)
		return 1;
	return strcasecmp(v, "false") && strcasecmp(v, "no") &&
	       strcasecmp(v, "off");
}

enum kind { BOOL, INT, DOUBLE, STRING, KV };

struct flag {
	const char *name;
	enum kind kind;
	void *var;
};

static char *context_flag;

static const struct flag flags[] = {
	{"benchmark_list_tests", BOOL, &cb_flags.list_tests},
	{"benchmark_filter", STRING, &cb_flags.filter},
	{"benchmark_min_time", DOUBLE, &cb_flags.min_time},
	{"benchmark_min_warmup_time", DOUBLE, &cb_flags.min_warmup_time},
	{"benchmark_repetitions", INT, &cb_flags.repetitions},
	{"benchmark_enable_random_interleaving", BOOL,
	 &cb_flags.random_interleaving},
	{"benchmark_report_aggregates_only", BOOL,
	 &cb_flags.report_aggregates_only},
	{"benchmark_display_aggregates_only", BOOL,
	 &cb_flags.display_aggregates_only},
	{"benchmark_format", STRING, &cb_flags.format},
	{"benchmark_out", STRING, &cb_flags.out},
	{"benchmark_out_format", STRING, &cb_flags.out_format},
	{"benchmark_color", STRING, &cb_flags.color},
	{"benchmark_counters_tabular", BOOL, &cb_flags.counters_tabular},
	{"benchmark_perf_counters", STRING, &cb_flags.perf_counters},
	{"benchmark_context", KV, &context_flag},
	{"benchmark_time_unit", STRING, &cb_flags.time_unit},
	{"cbench_pin", INT, &cb_flags.pin_cpu},
	{"cbench_iterations_from", STRING, &cb_flags.iterations_from},
	{"v", INT, &cb_flags.v},
};

#define NFLAGS (sizeof(flags) / sizeof(flags[0]))

static void usage(void)
{
	printf("benchmark [--benchmark_list_tests={true|false}]\n"
	       "          [--benchmark_filter=<regex>]\n"
	       "          [--benchmark_min_time=<min_time>]\n"
	       "          [--benchmark_min_warmup_time=<min_warmup_time>]\n"
	       "          [--benchmark_repetitions=<num_repetitions>]\n"
	       "          [--benchmark_enable_random_interleaving={true|false}]\n"
	       "          [--benchmark_report_aggregates_only={true|false}]\n"
	       "          [--benchmark_display_aggregates_only={true|false}]\n"
	       "          [--benchmark_format=<console|json|csv>]\n"
	       "          [--benchmark_out=<filename>]\n"
	       "          [--benchmark_out_format=<json|console|csv>]\n"
	       "          [--benchmark_color={auto|true|false}]\n"
	       "          [--benchmark_counters_tabular={true|false}]\n"
	       "          [--benchmark_perf_counters=<event>,...]\n"
	       "          [--benchmark_context=<key>=<value>,...]\n"
	       "          [--benchmark_time_unit={ns|us|ms|s}]\n"
	       "          [--cbench_pin=<cpu>]\n"
	       "          [--cbench_iterations_from=<result.json>]\n"
	       "          [--v=<verbosity>]\n");
}

/* Stores text into the flag; origin names it in an error ("--x" or "X"). */
static void set_flag(const struct flag *fl, const char *text,
		     const char *origin)
{
	char *end;

	switch (fl->kind) {
	case BOOL:
		*(bool *)fl->var = cb_is_truthy(text);
		break;
	case INT: {
		long v;

		errno = 0;
		v = strtol(text, &end, 10);
		if (!*text || *end || errno || v < -2147483647L ||
		    v > 2147483647L)
			cb_fatal("%s: expected an integer, got \"%s\"", origin,
				 text);
		*(int *)fl->var = (int)v;
		break;
	}
	case DOUBLE: {
		double v;

		errno = 0;
		v = strtod(text, &end);
		if (!*text || *end || errno || !isfinite(v))
			cb_fatal("%s: expected a number, got \"%s\"", origin,
				 text);
		*(double *)fl->var = v;
		break;
	}
	case STRING:
	case KV:
		free(*(char **)fl->var);
		*(char **)fl->var = cb_xstrdup(text);
		break;
	}
}

/* The string flags, in the order of defaults()' table */
static char **const string_vars[] = {
	&cb_flags.filter,     &cb_flags.format, &cb_flags.out,
	&cb_flags.out_format, &cb_flags.color,	&cb_flags.perf_counters,
	&cb_flags.time_unit,  &context_flag,	&cb_flags.iterations_from,
};
#define NSTRINGS (sizeof(string_vars) / sizeof(string_vars[0]))

static void defaults(void)
{
	static const char *const strings[][2] = {
		{"BENCHMARK_FILTER", ""},
		{"BENCHMARK_FORMAT", "console"},
		{"BENCHMARK_OUT", ""},
		{"BENCHMARK_OUT_FORMAT", "json"},
		{"BENCHMARK_COLOR", "auto"},
		{"BENCHMARK_PERF_COUNTERS", ""},
		{"BENCHMARK_TIME_UNIT", ""},
		{"BENCHMARK_CONTEXT", ""},
		{"CBENCH_ITERATIONS_FROM", ""},
	};
	_Static_assert(sizeof(strings) / sizeof(strings[0]) == NSTRINGS,
		       "a default for each string flag");

	cb_flags.min_time = 0.5;
	cb_flags.min_warmup_time = 0.0;
	cb_flags.repetitions = 1;
	cb_flags.pin_cpu = -1;
	for (size_t i = 0; i < NSTRINGS; i++) {
		free(*string_vars[i]);
		*string_vars[i] = cb_xstrdup(strings[i][1]);
	}
	/* The environment, as in Google Benchmark: the upper-case name. */
	for (size_t i = 0; i < NFLAGS; i++) {
		char env[64];
		const char *v;
		size_t j;

		for (j = 0; flags[i].name[j] && j < sizeof(env) - 1; j++)
			env[j] = toupper((unsigned char)flags[i].name[j]);
		env[j] = 0;
		v = getenv(env);
		if (v && strcmp(flags[i].name, "v"))
			set_flag(&flags[i], v, env);
	}
}

/* k=v,k2=v2: as 1.7.1, no empty element and one '=' in each. */
static void parse_context(const char *s)
{
	char *copy = cb_xstrdup(s), *tok = copy, *next;

	for (; tok; tok = next) {
		char *eq;

		next = strchr(tok, ',');
		if (next)
			*next++ = 0;
		eq = strchr(tok, '=');
		if (!eq || eq == tok || strchr(eq + 1, '='))
			cb_fatal("--benchmark_context: expected key=value, got "
				 "\"%s\" in \"%s\"",
				 tok, s);
		*eq = 0;
		if (cb_context_key_is_builtin(tok))
			cb_fatal("--benchmark_context: key \"%s\" is one the "
				 "library writes itself; choose another name",
				 tok);
		cb_custom_context_add(tok, eq + 1);
	}
	free(copy);
}

/* 1: it is the flag (stored); 0: not it. */
static int match(const struct flag *fl, const char *arg)
{
	size_t n = strlen(fl->name);

	if (strncmp(arg, "--", 2) || strncmp(arg + 2, fl->name, n))
		return 0;
	arg += 2 + n;
	if (!*arg && fl->kind == BOOL) {
		*(bool *)fl->var = true;
		return 1;
	}
	if (*arg != '=')
		return 0;
	set_flag(fl, arg + 1, fl->name);
	return 1;
}

void cbench_initialize(int *argc, char **argv)
{
	int i, j;

	cb_executable = (argc && *argc > 0) ? argv[0] : "unknown";
	defaults();
	for (i = 1; argc && i < *argc; i++) {
		const char *a = argv[i];
		size_t k;

		for (k = 0; k < NFLAGS; k++)
			if (match(&flags[k], a))
				break;
		if (k < NFLAGS) {
			for (j = i; j < *argc - 1; j++)
				argv[j] = argv[j + 1];
			argv[--*argc] = NULL;
			i--;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-help")) {
			usage();
			exit(0);
		}
		if (!strncmp(a, "--benchmark_", 12) ||
		    !strncmp(a, "--cbench_", 9)) {
			fprintf(stderr,
				"%s: error: unrecognized command-line flag: "
				"%s\n(--help lists the flags)\n",
				cb_executable, a);
			exit(1);
		}
	}
	for (i = 0; i < 2; i++) {
		const char *v = i ? cb_flags.out_format : cb_flags.format;

		if (strcmp(v, "console") && strcmp(v, "json") &&
		    strcmp(v, "csv"))
			cb_fatal("--%s: expected console, json or csv, got "
				 "\"%s\"",
				 i ? "benchmark_out_format"
				   : "benchmark_format",
				 v);
	}
	if (!*cb_flags.color)
		cb_fatal("--benchmark_color: expected auto, true or false");
	if (*cb_flags.time_unit && cb_time_unit_default() < 0)
		cb_fatal("--benchmark_time_unit: expected ns, us, ms or s, got "
			 "\"%s\"",
			 cb_flags.time_unit);
	if (cb_flags.repetitions < 1)
		cb_fatal("--benchmark_repetitions: must be at least 1, got %d",
			 cb_flags.repetitions);
	if (cb_flags.min_time < 0 || cb_flags.min_warmup_time < 0)
		cb_fatal("--benchmark_min_time and --benchmark_min_warmup_time "
			 "must not be negative");
	if (*context_flag)
		parse_context(context_flag);
	if (*cb_flags.perf_counters)
		cb_perf_setup(cb_flags.perf_counters);
	cb_iterations_from_free();
	if (*cb_flags.iterations_from)
		cb_iterations_from_load(cb_flags.iterations_from);
}

int cb_time_unit_default(void)
{
	static const char *const names[] = {"ns", "us", "ms", "s"};

	if (!cb_flags.time_unit || !*cb_flags.time_unit)
		return CBENCH_NANOSECOND;
	for (int i = 0; i < 4; i++)
		if (!strcmp(cb_flags.time_unit, names[i]))
			return i;
	return -1;
}

const char *cbench_get_benchmark_filter(void)
{
	return cb_flags.filter ? cb_flags.filter : "";
}

void cbench_set_benchmark_filter(const char *filter)
{
	free(cb_flags.filter);
	cb_flags.filter = cb_xstrdup(filter);
}

enum cbench_time_unit cbench_get_default_time_unit(void)
{
	int u = cb_time_unit_default();

	return u < 0 ? CBENCH_NANOSECOND : (enum cbench_time_unit)u;
}

void cbench_set_default_time_unit(enum cbench_time_unit u)
{
	static const char *const names[] = {"ns", "us", "ms", "s"};

	if ((int)u < 0 || u > CBENCH_SECOND)
		cb_fatal("cbench_set_default_time_unit: not a unit (%d)",
			 (int)u);
	free(cb_flags.time_unit);
	cb_flags.time_unit = cb_xstrdup(names[u]);
}

bool cbench_report_unrecognized_arguments(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		fprintf(stderr,
			"%s: error: unrecognized command-line flag: %s\n",
			argv[0], argv[i]);
	return argc > 1;
}

void cb_flags_free(void)
{
	for (size_t i = 0; i < NSTRINGS; i++) {
		free(*string_vars[i]);
		*string_vars[i] = NULL;
	}
}
