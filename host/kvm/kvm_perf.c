// SPDX-License-Identifier: GPL-2.0
/* perf_event_open for CPU-MF counters, tracepoints and kprobes. */
#include "kvm_perf.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kvm_cpumcf.h"
#include "kvm_map.h"

static int read_uint(const char *path, unsigned long *v)
{
	char buf[64], *end;
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -EINVAL;
	}
	fclose(f);
	errno = 0;
	*v = strtoul(buf, &end, 0);
	return errno || end == buf ? -EINVAL : 0;
}

unsigned int kvm_perf_parse_cpulist(const char *s, int *cpus, unsigned int max)
{
	unsigned int n = 0;
	char *end;

	while (*s && *s != '\n') {
		long a = strtol(s, &end, 10), b = a;

		if (end == s || a < 0)
			return 0;
		s = end;
		if (*s == '-') {
			b = strtol(s + 1, &end, 10);
			if (end == s + 1 || b < a)
				return 0;
			s = end;
		}
		for (; a <= b && n < max; a++)
			cpus[n++] = (int)a;
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return 0;
	}
	return n;
}

bool kvm_perf_kallsyms_has(const char *kallsyms, const char *sym)
{
	char line[512], name[256], type;
	bool found = false;
	FILE *f = fopen(kallsyms, "r");

	if (!f)
		return false;
	/* "000003ff80123456 t gmap_unshadow_page\t[kvm]" */
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %c %255s", &type, name) == 2 &&
		    (type == 't' || type == 'T') && !strcmp(name, sym))
			found = true;
	fclose(f);
	return found;
}

/* Fills type/config of one term; 0, or -ENOENT with the reason logged. */
static int resolve(struct kvm_perf_event *e, const struct kvm_perf_paths *pp,
		   FILE *log)
{
	char path[1024], why[600];
	unsigned long v;
	int code;

	if (!strncmp(e->term, "cpum_cf:", 8)) {
		snprintf(path, sizeof(path),
			 "%s/bus/event_source/devices/cpum_cf", pp->sysfs);
		code = cpumcf_resolve(path, pp->cpuinfo, e->term + 8, why,
				      sizeof(why));
		strcat(path, "/type");
		if (code < 0 || read_uint(path, &v)) {
			if (log)
				fprintf(log, "# perf: %s: %s\n", e->term,
					code < 0
						? why
						: "no cpum_cf PMU (see lscpumf)");
			return -ENOENT;
		}
		if (log)
			fprintf(log, "# perf: %s: code %d from %s\n", e->term,
				code, why);
		e->type = (uint32_t)v;
		e->config = (uint64_t)code;
		return 0;
	}
	if (!strncmp(e->term, "tp:", 3)) {
		const char *sys = e->term + 3, *colon = strchr(sys, ':');

		if (!colon)
			return -ENOENT;
		snprintf(path, sizeof(path), "%s/events/%.*s/%s/id",
			 pp->tracefs, (int)(colon - sys), sys, colon + 1);
		if (read_uint(path, &v)) {
			if (log)
				fprintf(log, "# perf: %s: no tracepoint (%s)\n",
					e->term, path);
			return -ENOENT;
		}
		e->type = PERF_TYPE_TRACEPOINT;
		e->config = v;
		e->filter = kvm_map_tp_filter(e->term);
		return 0;
	}
	if (!strncmp(e->term, "kprobe:", 7)) {
		snprintf(path, sizeof(path),
			 "%s/bus/event_source/devices/kprobe/type", pp->sysfs);
		if (!kvm_perf_kallsyms_has(pp->kallsyms, e->term + 7) ||
		    read_uint(path, &v)) {
			if (log)
				fprintf(log, "# perf: %s: %s\n", e->term,
					"not in kallsyms or no kprobe PMU");
			return -ENOENT;
		}
		e->type = (uint32_t)v;
		e->config = 0;
		return 0;
	}
	return -ENOENT; /* a KVM statistic, not a perf event */
}

static void add_term(const char *term, void *arg)
{
	struct kvm_perf *p = arg;
	unsigned int i;

	if (strncmp(term, "cpum_cf:", 8) && strncmp(term, "tp:", 3) &&
	    strncmp(term, "kprobe:", 7))
		return;
	for (i = 0; i < p->nr; i++)
		if (!strcmp(p->ev[i].term, term))
			return;
	{
		struct kvm_perf_event *n =
			realloc(p->ev, (p->nr + 1) * sizeof(*n));

		if (!n)
			return;
		p->ev = n;
		memset(&n[p->nr], 0, sizeof(n[0]));
		snprintf(n[p->nr].term, sizeof(n[0].term), "%s", term);
		p->nr++;
	}
}

static int open_one(struct kvm_perf_event *e, int cpu)
{
	struct perf_event_attr a = {0};
	int fd;

	a.size = sizeof(a);
	a.type = e->type;
	a.config = e->config;
	a.disabled = 1;
	/* raw cpum_cf events take no user/kernel exclusion: leave all 0 */
	if (!strncmp(e->term, "kprobe:", 7)) {
		a.config1 =
			(uint64_t)(uintptr_t)(e->term + 7); /* kprobe_func */
		a.config2 = 0; /* probe_offset */
	}
	fd = (int)syscall(SYS_perf_event_open, &a, -1, cpu, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd >= 0 && e->filter &&
	    ioctl(fd, PERF_EVENT_IOC_SET_FILTER, e->filter)) {
		close(fd);
		return -1;
	}
	return fd;
}

int kvm_perf_open(struct kvm_perf *p, const struct kvm_perf_paths *pp,
		  bool dry_run, FILE *log)
{
	char path[1024], buf[4096];
	unsigned int i, c;
	int opened = 0;
	FILE *f;

	memset(p, 0, sizeof(*p));
	kvm_map_for_each_term(add_term, p);
	snprintf(path, sizeof(path), "%s/devices/system/cpu/online", pp->sysfs);
	f = fopen(path, "r");
	if (f && fgets(buf, sizeof(buf), f))
		p->nr_cpus = kvm_perf_parse_cpulist(buf, p->cpus, 1024);
	if (f)
		fclose(f);
	for (i = 0; i < p->nr; i++) {
		struct kvm_perf_event *e = &p->ev[i];

		if (resolve(e, pp, log))
			continue;
		if (log)
			fprintf(log,
				"# perf: %s: perf_event_open type=%u config=0x%llx%s%s%s on %u CPUs\n",
				e->term, e->type, (unsigned long long)e->config,
				e->filter ? " filter '" : "", e->filter ?: "",
				e->filter ? "'" : "", p->nr_cpus);
		if (dry_run || !p->nr_cpus)
			continue;
		e->fds = calloc(p->nr_cpus, sizeof(int));
		if (!e->fds)
			continue;
		for (c = 0; c < p->nr_cpus; c++) {
			int fd = open_one(e, p->cpus[c]);

			if (fd < 0)
				break;
			e->fds[e->nr_fds++] = fd;
		}
		if (e->nr_fds < p->nr_cpus) {
			if (log)
				fprintf(log,
					"# perf: %s: perf_event_open on CPU %d: %s\n",
					e->term, p->cpus[e->nr_fds],
					strerror(errno));
			while (e->nr_fds)
				close(e->fds[--e->nr_fds]);
			free(e->fds);
			e->fds = NULL;
			continue;
		}
		opened++;
	}
	return opened;
}

void kvm_perf_enable(struct kvm_perf *p)
{
	unsigned int i, c;

	for (i = 0; i < p->nr; i++)
		for (c = 0; c < p->ev[i].nr_fds; c++) {
			ioctl(p->ev[i].fds[c], PERF_EVENT_IOC_RESET, 0);
			ioctl(p->ev[i].fds[c], PERF_EVENT_IOC_ENABLE, 0);
		}
}

void kvm_perf_read(struct kvm_perf *p, struct kvm_stat_set *out)
{
	unsigned int i, c;

	for (i = 0; i < p->nr; i++) {
		uint64_t sum = 0, v;
		bool ok = p->ev[i].nr_fds > 0;

		for (c = 0; c < p->ev[i].nr_fds; c++) {
			ioctl(p->ev[i].fds[c], PERF_EVENT_IOC_DISABLE, 0);
			if (read(p->ev[i].fds[c], &v, sizeof(v)) != sizeof(v))
				ok = false;
			else
				sum += v;
		}
		if (ok)
			kvm_stat_put(out, p->ev[i].term, sum);
	}
}

void kvm_perf_close(struct kvm_perf *p)
{
	unsigned int i;

	for (i = 0; i < p->nr; i++) {
		while (p->ev[i].nr_fds)
			close(p->ev[i].fds[--p->ev[i].nr_fds]);
		free(p->ev[i].fds);
	}
	free(p->ev);
	memset(p, 0, sizeof(*p));
}
