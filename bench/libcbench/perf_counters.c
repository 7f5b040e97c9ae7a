// SPDX-License-Identifier: GPL-2.0
/*
 * --benchmark_perf_counters=a,b: perf events by name through
 * perf_event_open(2), reported as counters averaged per iteration (as 1.7.1
 * does with libpfm).  Names: the generic hardware and software events
 * (cycles, instructions, task-clock, page-faults, ...) and PMU events
 * written PMU/NAME/ or PMU/term=value,.../, resolved from
 * <sysfs>/bus/event_source/devices/PMU/{type,events/NAME,format/TERM}, e.g.
 * cpum_cf/CPU_CYCLES/ on s390.  An event that cannot be opened is a warning
 * and is left out; it never stops the run.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

static const struct {
	const char *name;
	unsigned type;
	unsigned long long config;
} generic[] = {
	{"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
	{"cpu-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
	{"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
	{"cache-references", PERF_TYPE_HARDWARE,
	 PERF_COUNT_HW_CACHE_REFERENCES},
	{"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
	{"branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
	{"branch-instructions", PERF_TYPE_HARDWARE,
	 PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
	{"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
	{"bus-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BUS_CYCLES},
	{"stalled-cycles-frontend", PERF_TYPE_HARDWARE,
	 PERF_COUNT_HW_STALLED_CYCLES_FRONTEND},
	{"stalled-cycles-backend", PERF_TYPE_HARDWARE,
	 PERF_COUNT_HW_STALLED_CYCLES_BACKEND},
	{"ref-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_REF_CPU_CYCLES},
	{"cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK},
	{"task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
	{"page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
	{"faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
	{"minor-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN},
	{"major-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ},
	{"context-switches", PERF_TYPE_SOFTWARE,
	 PERF_COUNT_SW_CONTEXT_SWITCHES},
	{"cs", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
	{"cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
	{"migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
	{"alignment-faults", PERF_TYPE_SOFTWARE,
	 PERF_COUNT_SW_ALIGNMENT_FAULTS},
	{"emulation-faults", PERF_TYPE_SOFTWARE,
	 PERF_COUNT_SW_EMULATION_FAULTS},
};

static int read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = 0;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return 0;
}

/* Puts value into the bits a format file ("config:0-7,32-35") names. */
static int apply_format(struct cb_perf_event *ev, const char *fmt,
			unsigned long long value, char *err, size_t errlen)
{
	const char *colon = strchr(fmt, ':');
	unsigned long long *target;
	char field[16];
	const char *p;
	int shift = 0;

	if (!colon || colon - fmt >= (int)sizeof(field)) {
		snprintf(err, errlen, "bad format \"%s\"", fmt);
		return -1;
	}
	memcpy(field, fmt, colon - fmt);
	field[colon - fmt] = 0;
	if (!strcmp(field, "config"))
		target = &ev->config;
	else if (!strcmp(field, "config1"))
		target = &ev->config1;
	else if (!strcmp(field, "config2"))
		target = &ev->config2;
	else {
		snprintf(err, errlen, "unknown format field \"%s\"", field);
		return -1;
	}
	for (p = colon + 1; *p;) {
		char *end;
		int lo = (int)strtol(p, &end, 10), hi = lo;

		if (end == p) {
			snprintf(err, errlen, "bad format \"%s\"", fmt);
			return -1;
		}
		if (*end == '-')
			hi = (int)strtol(end + 1, &end, 10);
		for (int b = lo; b <= hi && b < 64; b++, shift++)
			if (value >> shift & 1)
				*target |= 1ULL << b;
		p = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			break;
	}
	return 0;
}

static int apply_terms(struct cb_perf_event *ev, const char *pmu_dir,
		       const char *terms, char *err, size_t errlen)
{
	char *copy = cb_xstrdup(terms), *save = NULL, *t;
	int rc = 0;

	for (t = strtok_r(copy, ",", &save); t && !rc;
	     t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '='), path[4096], fmt[256];
		unsigned long long v = 1;

		if (eq) {
			*eq = 0;
			v = strtoull(eq + 1, NULL, 0);
		}
		snprintf(path, sizeof(path), "%s/format/%s", pmu_dir, t);
		if (read_file(path, fmt, sizeof(fmt)) == 0)
			rc = apply_format(ev, fmt, v, err, errlen);
		else if (!strcmp(t, "event") || !strcmp(t, "config"))
			ev->config |= v; /* no format directory: the raw id */
		else {
			snprintf(err, errlen, "%s: no such format term", path);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

int cb_perf_resolve(const char *name, const char *sysfs_root,
		    struct cb_perf_event *ev, char *err, size_t errlen)
{
	const char *slash = strchr(name, '/');
	char pmu[256], ev_name[256], dir[2048], path[4096], buf[1024];
	size_t n;

	memset(ev, 0, sizeof(*ev));
	if (!slash) {
		for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]);
		     i++)
			if (!strcmp(name, generic[i].name)) {
				ev->name = cb_xstrdup(name);
				ev->type = generic[i].type;
				ev->config = generic[i].config;
				return 0;
			}
		snprintf(err, errlen,
			 "unknown event (not a generic event "
			 "name nor PMU/EVENT/)");
		return -1;
	}
	n = (size_t)(slash - name);
	if (!n || n >= sizeof(pmu) || name[strlen(name) - 1] != '/' ||
	    strlen(slash + 1) < 2 || strlen(slash + 1) - 1 >= sizeof(ev_name)) {
		snprintf(err, errlen, "expected PMU/EVENT/");
		return -1;
	}
	memcpy(pmu, name, n);
	pmu[n] = 0;
	snprintf(ev_name, sizeof(ev_name), "%.*s", (int)strlen(slash + 1) - 1,
		 slash + 1);
	snprintf(dir, sizeof(dir), "%s/bus/event_source/devices/%s",
		 sysfs_root ? sysfs_root : "/sys", pmu);
	snprintf(path, sizeof(path), "%s/type", dir);
	if (read_file(path, buf, sizeof(buf))) {
		snprintf(err, errlen, "no PMU \"%s\" (%s: %s)", pmu, path,
			 strerror(errno));
		return -1;
	}
	ev->type = (unsigned)strtoul(buf, NULL, 10);
	if (strchr(ev_name, '=')) {
		if (apply_terms(ev, dir, ev_name, err, errlen))
			return -1;
	} else {
		snprintf(path, sizeof(path), "%s/events/%s", dir, ev_name);
		if (read_file(path, buf, sizeof(buf))) {
			snprintf(err, errlen, "PMU %s has no event %s (%s)",
				 pmu, ev_name, path);
			return -1;
		}
		if (apply_terms(ev, dir, buf, err, errlen))
			return -1;
	}
	ev->name = cb_xstrdup(name);
	return 0;
}

static struct cb_perf_event events[32];
static int nevents;

static int open_event(const struct cb_perf_event *ev)
{
	struct perf_event_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = ev->type;
	a.config = ev->config;
	a.config1 = ev->config1;
	a.config2 = ev->config2;
	a.exclude_hv = 1;
	a.read_format =
		PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM)) {
		a.exclude_kernel = 1;
		fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1,
				  PERF_FLAG_FD_CLOEXEC);
	}
	return fd;
}

int cb_perf_setup(const char *list)
{
	char *copy = cb_xstrdup(list), *save = NULL, *t, err[512];
	int bad = 0;

	for (t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		struct cb_perf_event ev;
		int fd;

		/* PMU/a=1,b=2/ contains commas: glue the pieces back */
		while (strchr(t, '/') && t[strlen(t) - 1] != '/' && save &&
		       *save) {
			char *next = strtok_r(NULL, ",", &save);

			if (!next)
				break;
			t[strlen(t)] = ',';
			(void)next;
		}
		if (cb_perf_resolve(t, NULL, &ev, err, sizeof(err))) {
			fprintf(stderr,
				"%s: warning: --benchmark_perf_counters: "
				"%s: %s; not measured\n",
				cb_executable, t, err);
			bad++;
			continue;
		}
		fd = open_event(&ev);
		if (fd < 0) {
			fprintf(stderr,
				"%s: warning: --benchmark_perf_counters: "
				"%s: %s; not measured\n",
				cb_executable, t,
				errno == ENOENT || errno == EOPNOTSUPP ||
						errno == ENODEV
					? "not supported on this machine"
					: strerror(errno));
			free(ev.name);
			bad++;
			continue;
		}
		close(fd);
		if (nevents == 32) {
			free(ev.name);
			break;
		}
		events[nevents++] = ev;
	}
	free(copy);
	return bad ? -1 : 0;
}

int cb_perf_nevents(void)
{
	return nevents;
}

const char *cb_perf_event_name(int i)
{
	return events[i].name;
}

struct cb_perf {
	int fd[32];
	double start[32];
};

struct cb_perf *cb_perf_open(void)
{
	struct cb_perf *p = cb_xmalloc(sizeof(*p));

	for (int i = 0; i < nevents; i++)
		p->fd[i] = open_event(&events[i]);
	return p;
}

/* The count, scaled up when the kernel multiplexed the counter. */
static double value(int fd)
{
	unsigned long long v[3] = {0}; /* value, time enabled, running */

	if (fd < 0 || read(fd, v, sizeof(v)) != sizeof(v))
		return 0;
	if (v[2] && v[2] < v[1])
		return (double)v[0] * ((double)v[1] / (double)v[2]);
	return (double)v[0];
}

void cb_perf_start(struct cb_perf *p)
{
	for (int i = 0; i < nevents; i++)
		p->start[i] = value(p->fd[i]);
}

void cb_perf_stop(struct cb_perf *p, double *acc)
{
	for (int i = 0; i < nevents; i++)
		acc[i] += value(p->fd[i]) - p->start[i];
}

void cb_perf_close(struct cb_perf *p)
{
	for (int i = 0; i < nevents; i++)
		if (p->fd[i] >= 0)
			close(p->fd[i]);
	free(p);
}

void cb_perf_shutdown(void)
{
	for (int i = 0; i < nevents; i++)
		free(events[i].name);
	nevents = 0;
}
