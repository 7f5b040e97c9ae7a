// SPDX-License-Identifier: GPL-2.0
/*
 * sim-scaling: how each scenario's time and memory grow with its size
 * parameters (make perf). For every line of the sets file it runs the
 * gmapbench binary at three sizes of one parameter, the others at their
 * defaults (--gmap_args), and prints a table per scenario: the sizes, the
 * CPU time per iteration (the least of the repetitions: the machine is
 * shared), the peak RSS of the process, L2's accesses and L0's exits, and
 * the growth exponent of each (the least-squares slope of log y over
 * log size). Time growing faster than the scenario's own work (accesses,
 * exits) is flagged superlinear, with the set's note on its cause.
 *
 *	sim-scaling --bin=GMAPBENCH --sets=FILE [--repetitions=N]
 *		    [--only=SCENARIO]
 *
 * A sets line: SCENARIO PARAMETER SIZE SIZE SIZE [| cause of superlinear
 * growth, as measured]. '#' starts a comment.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"

#define NR_SIZES 3
/* time growing this much faster than the work is superlinear */
#define SUPERLINEAR_MARGIN 0.15

struct point {
	double size, cpu_s, rss_mib, accesses, exits;
};

struct set {
	char scenario[64], param[64], note[512];
	long long sizes[NR_SIZES];
	int line;
};

static const char *bin, *sets_path;
static int repetitions = 3;

static void die(const char *fmt, const char *a, int b)
{
	fprintf(stderr, "sim-scaling: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
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

/* Runs one size; fills p, returns 0 or -1 with the reason on stderr. */
static int measure(const struct set *s, long long size, struct point *p)
{
	char args[256], reps[64], out[] = "/tmp/sim-scaling.XXXXXX";
	char log[] = "/tmp/sim-scaling-log.XXXXXX";
	const struct json *rows;
	struct json_error err;
	struct rusage ru;
	struct json *doc;
	int fd, status;
	size_t i, n = 0;
	pid_t pid;

	fd = mkstemp(out);
	if (fd < 0)
		return perror("sim-scaling: mkstemp"), -1;
	close(fd);
	fd = mkstemp(log);
	if (fd < 0) {
		unlink(out);
		return perror("sim-scaling: mkstemp"), -1;
	}
	snprintf(args, sizeof(args), "--gmap_args=%s/%s:%lld", s->scenario,
		 s->param, size);
	snprintf(reps, sizeof(reps), "--benchmark_repetitions=%d", repetitions);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char outflag[64];

		snprintf(outflag, sizeof(outflag), "--benchmark_out=%s", out);
		if (!freopen("/dev/null", "w", stdout) || dup2(fd, 2) < 0)
			_exit(127);
		execl(bin, bin, args, reps, "--benchmark_min_time=0",
		      "--benchmark_out_format=json", outflag, (char *)NULL);
		perror(bin);
		_exit(127);
	}
	close(fd);
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		perror("sim-scaling: fork");
		unlink(out), unlink(log);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "sim-scaling: %s %s: exit status %d (%s)\n",
			bin, args, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			log);
		unlink(out);
		return -1;
	}
	unlink(log);
	doc = json_parse_file(out, &err);
	unlink(out);
	if (!doc) {
		fprintf(stderr, "sim-scaling: %s\n", err.msg);
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->size = (double)size;
	p->rss_mib = ru.ru_maxrss / 1024.0;
	rows = json_get(doc, "benchmarks");
	for (i = 0; i < json_len(rows); i++) {
		const struct json *r = json_at(rows, i);
		const char *type = json_str(json_get(r, "run_type"));
		double t;

		if (type && strcmp(type, "iteration"))
			continue;
		if (json_get(r, "error_occurred") &&
		    json_get(r, "error_occurred")->type == JSON_TRUE) {
			fprintf(stderr, "sim-scaling: %s: %s\n", args,
				json_str(json_get(r, "error_message")));
			json_free(doc);
			return -1;
		}
		t = json_num(json_get(r, "cpu_time"), NAN) *
		    unit_seconds(json_str(json_get(r, "time_unit")));
		if (!n++ || t < p->cpu_s)
			p->cpu_s = t;
		p->accesses = json_num(json_get(r, "l2_accesses"), 0);
		p->exits = json_num(json_get(r, "exits_l0"), 0) +
			   json_num(json_get(r, "exits_l1"), 0);
	}
	json_free(doc);
	if (!n || !isfinite(p->cpu_s)) {
		fprintf(stderr, "sim-scaling: %s: no timed iteration\n", args);
		return -1;
	}
	return 0;
}

/* least-squares slope of log(y) over log(x); NAN if y is not positive */
static double exponent(const struct point *p, size_t off)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, x, y;
	int i;

	for (i = 0; i < NR_SIZES; i++) {
		y = *(const double *)((const char *)&p[i] + off);
		if (y <= 0)
			return NAN;
		x = log(p[i].size), y = log(y);
		sx += x, sy += y, sxx += x * x, sxy += x * y;
	}
	return (NR_SIZES * sxy - sx * sy) / (NR_SIZES * sxx - sx * sx);
}

static void print_set(const struct set *s, const struct point *p)
{
	double et = exponent(p, offsetof(struct point, cpu_s));
	double er = exponent(p, offsetof(struct point, rss_mib));
	double ea = exponent(p, offsetof(struct point, accesses));
	double ee = exponent(p, offsetof(struct point, exits));
	double work = fmax(isnan(ea) ? 0 : ea, isnan(ee) ? 0 : ee);
	int i;

	for (i = 0; i < NR_SIZES; i++)
		printf("  %-18s %10lld %12.3f ms %10.1f MiB %12.0f %10.0f\n",
		       i ? "" : s->param, (long long)p[i].size,
		       p[i].cpu_s * 1e3, p[i].rss_mib, p[i].accesses,
		       p[i].exits);
	printf("  %-18s %10s %12.2f    %10.2f     %12.2f %10.2f   %s\n",
	       "  growth exponent", "", et, er, ea, ee,
	       et > fmax(1.0, work) + SUPERLINEAR_MARGIN ? "SUPERLINEAR"
	       : et > 1.0 + SUPERLINEAR_MARGIN		 ? "superlinear work"
							 : "linear");
	if (et <= 1.0 + SUPERLINEAR_MARGIN)
		return;
	if (*s->note)
		printf("  cause: %s\n", s->note);
	else
		printf("  cause not yet measured: scripts/profile baseline "
		       "%s/%s:%lld --vs-bench=%s/%s:%lld\n",
		       s->scenario, s->param, s->sizes[NR_SIZES - 1],
		       s->scenario, s->param, s->sizes[0]);
}

static int parse_set(char *line, int nr, struct set *s)
{
	char *bar = strchr(line, '|');
	int n;

	memset(s, 0, sizeof(*s));
	s->line = nr;
	if (bar) {
		*bar++ = '\0';
		bar += strspn(bar, " \t");
		snprintf(s->note, sizeof(s->note), "%s", bar);
		s->note[strcspn(s->note, "\n")] = '\0';
	}
	n = sscanf(line, "%63s %63s %lld %lld %lld", s->scenario, s->param,
		   &s->sizes[0], &s->sizes[1], &s->sizes[2]);
	if (n != 5 || s->sizes[0] <= 0 || s->sizes[1] <= s->sizes[0] ||
	    s->sizes[2] <= s->sizes[1])
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"bin", required_argument, NULL, 'b'},
		{"sets", required_argument, NULL, 's'},
		{"repetitions", required_argument, NULL, 'r'},
		{"only", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *only = NULL;
	char prev[64] = "", *buf = NULL, *end;
	struct point p[NR_SIZES];
	size_t cap = 0;
	struct set s;
	int c, i, nr = 0, failed = 0;
	FILE *f;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			bin = optarg;
			break;
		case 's':
			sets_path = optarg;
			break;
		case 'o':
			only = optarg;
			break;
		case 'r':
			repetitions = (int)strtol(optarg, &end, 10);
			if (*end || repetitions < 1 || repetitions > 100)
				die("--repetitions=%s: expected 1 to 100",
				    optarg, 0);
			break;
		default:
			die("usage: sim-scaling --bin=GMAPBENCH --sets=FILE "
			    "[--repetitions=N] [--only=SCENARIO]%s",
			    "", 0);
		}
	}
	if (!bin || !sets_path)
		die("--bin and --sets are required%s", "", 0);
	f = fopen(sets_path, "r");
	if (!f)
		die("%s: cannot open (errno %d)", sets_path, errno);
	printf("scaling of %s: CPU time per iteration (least of %d), peak "
	       "RSS of the process, and the scenario's work\n",
	       bin, repetitions);
	while (getline(&buf, &cap, f) >= 0) {
		nr++;
		if (buf[strspn(buf, " \t\n")] == '\0' ||
		    buf[strspn(buf, " \t")] == '#')
			continue;
		if (parse_set(buf, nr, &s))
			die("%s:%d: expected SCENARIO PARAMETER SIZE SIZE SIZE "
			    "(growing) [| note]",
			    sets_path, nr);
		if (only && strcmp(only, s.scenario))
			continue;
		if (strcmp(prev, s.scenario)) {
			printf("\n%s\n  %-18s %10s %15s %14s %12s %10s\n",
			       s.scenario, "parameter", "size", "time/iter",
			       "peak RSS", "l2_accesses", "exits");
			snprintf(prev, sizeof(prev), "%s", s.scenario);
		}
		for (i = 0; i < NR_SIZES; i++)
			if (measure(&s, s.sizes[i], &p[i]))
				break;
		if (i < NR_SIZES) {
			printf("  %-18s FAILED at size %lld (%s:%d)\n", s.param,
			       s.sizes[i], sets_path, nr);
			failed++;
			continue;
		}
		print_set(&s, p);
		fflush(stdout);
	}
	free(buf);
	fclose(f);
	return failed ? 1 : 0;
}
