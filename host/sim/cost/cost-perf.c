// SPDX-License-Identifier: GPL-2.0
/*
 * sim-cost-perf (make perf): what the count pass costs, and whether its
 * counts repeat. On every benchmark of the nightly set (the suites the
 * binary lists, as scripts/nightly runs them) it times an iteration natively and in the count build (--gmap_cost), side by side
 * in alternating processes, and prints the ratio (CPU time, the least of
 * the rounds: the machine is shared) with its geometric mean and worst;
 * then it runs the count pass as the nightly does (one iteration per
 * benchmark) --runs times and counts the benchmarks whose kernel_bb*
 * counters were identical in every run.
 *
 *	sim-cost-perf --bin=GMAPBENCH [--filter=REGEX] [--rounds=N]
 *		      [--runs=N] [--min-time=S]
 *
 * Exit status: 0 measured, 1 a benchmark's counts differed between runs,
 * 2 bad options or a run that failed.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"

#define MAX_BENCH 256
#define RATIO_GOAL 3.0

struct bench {
	char *name;
	double native, count; /* CPU seconds per iteration, least; NAN none */
	char *counts; /* run 1's kernel_bb* as text */
	int same; /* runs whose kernel_bb* equalled run 1's */
};

static const char *bin, *filter, *min_time = "0.05";
static int rounds = 3, runs = 10;
static struct bench bench[MAX_BENCH];
static size_t nbench;

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "sim-cost-perf: %s%s\n", msg, arg);
	exit(2);
}

static double unit_seconds(const char *unit)
{
	if (!unit || !strcmp(unit, "ns"))
		return 1e-9;
	if (!strcmp(unit, "us"))
		return 1e-6;
	if (!strcmp(unit, "ms"))
		return 1e-3;
	return 1.0;
}

static struct bench *bench_of(const char *name)
{
	size_t i;

	for (i = 0; i < nbench; i++)
		if (!strcmp(bench[i].name, name))
			return &bench[i];
	if (nbench == MAX_BENCH)
		die("more benchmarks than fit; narrow --filter", "");
	bench[nbench] = (struct bench){strdup(name), NAN, NAN, NULL, 0};
	if (!bench[nbench].name)
		die("out of memory", "");
	return &bench[nbench++];
}

/* the row's kernel_bb* counters as "key=value ..." */
static char *counts_of(const struct json *row)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		die("out of memory", "");
	for (i = 0; i < json_len(row); i++) {
		const char *k = json_key(row, i);

		if (!strncmp(k, "kernel_bb", 9))
			fprintf(f, "%s=%.17g ", k,
				json_num(json_get(row, k), NAN));
	}
	fclose(f);
	return text;
}

/* Runs the binary once; fills the benchmarks; 0, or -1 said on stderr. */
static int run(int cost, const char *mt, int run_nr)
{
	char out[] = "/tmp/sim-cost-perf.XXXXXX";
	char log[] = "/tmp/sim-cost-perf-log.XXXXXX";
	char outflag[64], filt[512], mtflag[64];
	const struct json *rows;
	struct json_error err;
	struct json *doc;
	int fd, lfd, status;
	size_t i;
	pid_t pid;

	fd = mkstemp(out);
	if (fd < 0)
		return perror("sim-cost-perf: mkstemp"), -1;
	close(fd);
	lfd = mkstemp(log);
	if (lfd < 0) {
		unlink(out);
		return perror("sim-cost-perf: mkstemp"), -1;
	}
	snprintf(outflag, sizeof(outflag), "--benchmark_out=%s", out);
	snprintf(filt, sizeof(filt), "--benchmark_filter=%s", filter);
	snprintf(mtflag, sizeof(mtflag), "--benchmark_min_time=%s", mt);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || dup2(lfd, 2) < 0)
			_exit(127);
		execl(bin, bin, filt, mtflag, "--benchmark_repetitions=1",
		      "--benchmark_out_format=json", outflag,
		      cost ? "--gmap_cost" : NULL, (char *)NULL);
		perror(bin);
		_exit(127);
	}
	close(lfd);
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("sim-cost-perf: fork");
		unlink(out), unlink(log);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "sim-cost-perf: %s %s%s: exit status %d (%s)\n",
			bin, filt, cost ? " --gmap_cost" : "",
			WIFEXITED(status) ? WEXITSTATUS(status) : -1, log);
		unlink(out);
		return -1;
	}
	unlink(log);
	doc = json_parse_file(out, &err);
	unlink(out);
	if (!doc) {
		fprintf(stderr, "sim-cost-perf: %s\n", err.msg);
		return -1;
	}
	rows = json_get(doc, "benchmarks");
	for (i = 0; i < json_len(rows); i++) {
		const struct json *r = json_at(rows, i);
		const char *type = json_str(json_get(r, "run_type"));
		const char *name = json_str(json_get(r, "run_name"));
		struct bench *b;
		double t, *least;
		char *c;

		if ((type && strcmp(type, "iteration")) || !name)
			continue;
		if (json_get(r, "error_occurred") &&
		    json_get(r, "error_occurred")->type == JSON_TRUE) {
			fprintf(stderr, "sim-cost-perf: %s: %s\n", name,
				json_str(json_get(r, "error_message")));
			json_free(doc);
			return -1;
		}
		b = bench_of(name);
		if (run_nr) { /* a count run for the identity */
			c = counts_of(r);
			if (!b->counts)
				b->counts = c, b->same = 1;
			else
				b->same += !strcmp(b->counts, c), free(c);
			continue;
		}
		t = json_num(json_get(r, "cpu_time"), NAN) *
		    unit_seconds(json_str(json_get(r, "time_unit")));
		least = cost ? &b->count : &b->native;
		if (isnan(*least) || t < *least)
			*least = t;
	}
	json_free(doc);
	return 0;
}

/* the nightly set: "^(<suite>|...)/" of the suites the binary lists */
static const char *nightly_filter(void)
{
	static char f[4096];
	char cmd[4200], line[256];
	size_t len = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "'%s' --gmap_list_suites", bin);
	p = popen(cmd, "r");
	if (!p)
		die("cannot run ", cmd);
	len = snprintf(f, sizeof(f), "^(");
	while (fgets(line, sizeof(line), p) && len < sizeof(f) - 300) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			len += snprintf(f + len, sizeof(f) - len, "%s%s",
					f[len - 1] == '(' ? "" : "|", line);
	}
	if (pclose(p) || f[len - 1] == '(')
		die("no suites from ", cmd);
	snprintf(f + len, sizeof(f) - len, ")/");
	return f;
}

static const char *kernel_bb(const struct bench *b, char *buf, size_t len)
{
	const char *p = b->counts ? strstr(b->counts, "kernel_bb=") : NULL;

	snprintf(buf, len, "%.*s", p ? (int)strcspn(p + 10, " ") : 1,
		 p ? p + 10 : "-");
	return buf;
}

static int report(void)
{
	double lsum = 0, worst = 0;
	size_t i, n = 0, same = 0, w = 0;
	int width = 9;
	char bb[64];

	for (i = 0; i < nbench; i++)
		if ((int)strlen(bench[i].name) > width)
			width = (int)strlen(bench[i].name);
	printf("%-*s %12s %12s %7s %14s %9s\n", width, "benchmark",
	       "native/iter", "count/iter", "ratio", "kernel_bb", "identical");
	for (i = 0; i < nbench; i++) {
		const struct bench *b = &bench[i];
		double ratio = b->count / b->native;

		printf("%-*s %9.3f ms %9.3f ms %6.2fx %14s %6d/%d\n", width,
		       b->name, b->native * 1e3, b->count * 1e3, ratio,
		       kernel_bb(b, bb, sizeof(bb)), b->same, runs);
		same += b->same == runs && b->counts && *b->counts;
		if (!isfinite(ratio) || ratio <= 0)
			continue;
		lsum += log(ratio);
		if (!n++ || ratio > worst)
			worst = ratio, w = i;
	}
	if (n)
		printf("count pass cost per iteration vs native (CPU time, least of %d): geometric mean %.2fx, worst %.2fx (%s); goal <= %.0fx: %s\n",
		       rounds, exp(lsum / n), worst, bench[w].name, RATIO_GOAL,
		       worst <= RATIO_GOAL ? "met" : "MISSED by the worst");
	printf("kernel_bb identical in %d of %d runs: %zu of %zu benchmarks\n",
	       runs, runs, same, nbench);
	return same == nbench ? 0 : 1;
}

static int number(const char *flag, const char *v, int max)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n < 1 || n > max)
		die(flag, ": expected a whole number from 1 to 1000");
	return (int)n;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"bin", required_argument, NULL, 'b'},
		{"filter", required_argument, NULL, 'f'},
		{"rounds", required_argument, NULL, 'r'},
		{"runs", required_argument, NULL, 'n'},
		{"min-time", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	int c, k;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			bin = optarg;
			break;
		case 'f':
			filter = optarg;
			break;
		case 'r':
			rounds = number("--rounds", optarg, 1000);
			break;
		case 'n':
			runs = number("--runs", optarg, 1000);
			break;
		case 'm':
			if (!(strtod(optarg, &end) >= 0) || *end || !*optarg)
				die("--min-time: expected seconds, not ",
				    optarg);
			min_time = optarg;
			break;
		default:
			die("usage: sim-cost-perf --bin=GMAPBENCH "
			    "[--filter=REGEX] [--rounds=N] [--runs=N] "
			    "[--min-time=S]",
			    "");
		}
	}
	if (optind < argc)
		die("unexpected argument ", argv[optind]);
	if (!bin)
		die("--bin is required", "");
	if (access(bin, X_OK))
		die("--bin: cannot run ", bin);
	if (!filter)
		filter = nightly_filter();
	printf("cost-perf: %s on '%s': %d rounds of native and count runs "
	       "(--benchmark_min_time=%s), %d count passes\n",
	       bin, filter, rounds, min_time, runs);
	for (k = 0; k < rounds; k++)
		if (run(0, min_time, 0) || run(1, min_time, 0))
			return 2;
	for (k = 1; k <= runs; k++)
		if (run(1, "0", k))
			return 2;
	if (!nbench)
		die("no benchmark matches --filter=", filter);
	return report();
}
