// SPDX-License-Identifier: GPL-2.0
/* One scenario run of the L1 under qemu-system-s390x with KVM. */
#include "kvm_error.h"
#include "kvm_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "kvm_exec.h"
#include "kvm_map.h"
#include "kvm_perf.h"
#include "kvm_qmp.h"
#include "kvm_sie_check.h"

const char *kvm_backend_kernel_release(char *buf, size_t len)
{
	struct utsname u;

	snprintf(buf, len, "%s", uname(&u) ? "unknown" : u.release);
	return buf;
}

void kvm_run_report_free(struct kvm_run_report *r)
{
	kvm_stat_set_free(&r->deltas);
	kvm_stat_set_free(&r->l1_counts);
	free(r->console);
	r->console = NULL;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* The console output so far, read without blocking. */
struct outbuf {
	char *b;
	size_t len, cap;
};

static void drain(int fd, struct outbuf *o)
{
	ssize_t r;

	for (;;) {
		if (o->cap - o->len < 4096) {
			char *n = realloc(o->b, o->cap + 65536);

			if (!n)
				return;
			o->b = n;
			o->cap += 65536;
		}
		r = read(fd, o->b + o->len, o->cap - o->len - 1);
		if (r <= 0)
			return;
		o->len += r;
		o->b[o->len] = 0;
	}
}

enum src { SRC_NONE, SRC_STATSFD, SRC_DEBUGFS, SRC_QMP };

static void warn(const struct kvm_backend_config *c, const char *fmt, ...)
{
	FILE *f = c->log ?: stderr;
	va_list ap;

	fputs("# warning: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}

static int read_stats(const struct kvm_backend_config *c, enum src s, pid_t pid,
		      const char *vmdir, struct qmp *q,
		      struct kvm_stat_set *out, char *err, size_t errlen)
{
	struct kvm_stat_set vcpu;
	size_t i;
	int rc;

	if (s == SRC_STATSFD) {
		rc = kvm_statsfd_read_pid(c->proc, pid, out, err, errlen);
		if (!rc && out->skipped)
			warn(c,
			     "stats: %u descriptors of a type, unit or base "
			     "this parser does not know skipped, the first %s",
			     out->skipped, out->skip_note);
		return rc;
	}
	if (s == SRC_DEBUGFS)
		return kvm_debugfs_read(vmdir, out, err, errlen);
	rc = qmp_query_stats(q, "vm", 10000, out, err, errlen);
	if (rc)
		return rc;
	rc = qmp_query_stats(q, "vcpu", 10000, &vcpu, err, errlen);
	if (rc) {
		kvm_stat_set_free(out);
		return rc;
	}
	for (i = 0; i < vcpu.nr; i++)
		kvm_stat_put(out, vcpu.stats[i].name, vcpu.stats[i].value);
	kvm_stat_set_free(&vcpu);
	return 0;
}

static void build_argv(const struct kvm_backend_config *c, const char *append,
		       const char *qmparg, char *machine, size_t mlen,
		       char *mem, char *smp, char **argv)
{
	int n = 0;

	snprintf(machine, mlen, "s390-ccw-virtio,accel=%s", c->accel);
	sprintf(mem, "%u", c->memory_mib);
	sprintf(smp, "%u", c->smp);
	if (c->cpuset && *c->cpuset) {
		argv[n++] = "hwloc-bind";
		argv[n++] = (char *)c->cpuset;
		argv[n++] = "--";
	}
	argv[n++] = (char *)c->qemu;
	argv[n++] = "-machine";
	argv[n++] = machine;
	if (c->cpu && *c->cpu) {
		argv[n++] = "-cpu";
		argv[n++] = (char *)c->cpu;
	}
	argv[n++] = "-m";
	argv[n++] = mem;
	argv[n++] = "-smp";
	argv[n++] = smp;
	argv[n++] = "-nographic";
	argv[n++] = "-no-reboot";
	/* the L1's disabled wait is a shutdown: stop there, keep the VM
	 * (and its statistics) until we have read them */
	argv[n++] = "-no-shutdown";
	argv[n++] = "-qmp";
	argv[n++] = (char *)qmparg;
	argv[n++] = "-S";
	argv[n++] = "-kernel";
	argv[n++] = (char *)c->l1_elf;
	argv[n++] = "-append";
	argv[n++] = (char *)append;
	argv[n] = NULL;
}

static void log_step(const struct kvm_backend_config *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->log)
		return;
	fputs("# ", c->log);
	va_start(ap, fmt);
	vfprintf(c->log, fmt, ap);
	va_end(ap);
	fputc('\n', c->log);
	fflush(c->log);
}

/* The mapping sees the L1's own counts too ("l1:..." terms: exits_l0). */
static void map_with_l1_counts(const struct kvm_stat_set *deltas,
			       const struct kvm_stat_set *l1,
			       struct gmap_counters *out)
{
	struct kvm_stat_set all = {0};
	size_t i;

	for (i = 0; i < deltas->nr; i++)
		kvm_stat_put(&all, deltas->stats[i].name,
			     deltas->stats[i].value);
	for (i = 0; i < l1->nr; i++)
		kvm_stat_put(&all, l1->stats[i].name, l1->stats[i].value);
	kvm_map_counters(&all, out);
	kvm_stat_set_free(&all);
}

static bool accel_kvm(const struct kvm_backend_config *c)
{
	return !strcmp(c->accel, "kvm");
}

static const char *cpu_model(const struct kvm_backend_config *c)
{
	return c->cpu && *c->cpu ? c->cpu : "host";
}

/* Before the run: which vSIE properties the VM's CPU model lacks. */
static void model_sie_missing(const struct kvm_backend_config *c, struct qmp *q,
			      char *out, size_t outlen)
{
	char cmd[256], e2[256];
	const struct json *ret;
	struct json *doc;

	snprintf(cmd, sizeof(cmd),
		 "{\"execute\":\"query-cpu-model-expansion\",\"arguments\":"
		 "{\"type\":\"full\",\"model\":{\"name\":\"%s\"}}}",
		 cpu_model(c));
	ret = qmp_execute(q, cmd, 10000, &doc, e2, sizeof(e2));
	if (!ret) {
		snprintf(out, outlen, "query-cpu-model-expansion %s: %s",
			 cpu_model(c), e2);
		return;
	}
	if (kvm_sie_model_missing(ret, cpu_model(c), out, outlen) < 0)
		snprintf(out, outlen,
			 "query-cpu-model-expansion %s: no model.props",
			 cpu_model(c));
	json_free(doc);
}

/*
 * accel=kvm and the L1 found no SIE: its numbers are emulation, not KVM
 * numbers. The error names what is missing (kvm_sie_check.h).
 */
static int refuse_without_sie(const struct kvm_backend_config *c,
			      const char *scenario, const char *sie,
			      const char *model_missing, char *err,
			      size_t errlen)
{
	char why[1024] = "";

	kvm_sie_host_missing(c->sysfs, c->cpuinfo, why, sizeof(why));
	if (*model_missing) {
		size_t n = strlen(why);

		snprintf(why + n, sizeof(why) - n, "%s%s", n ? "; " : "",
			 model_missing);
	}
	return kvm_fail(
		err, errlen, -ENODEV,
		"kvm backend: %s: accel=kvm but the L1 ran without SIE "
		"(\"sie\":\"%s\"): its numbers would be emulation, not KVM "
		"numbers; refused. KVM offers SIE to L1 only with kvm.nested=1, "
		"SIEF2, ESOP, 64-bit SCAO and facility 3. Missing: %s",
		scenario, sie,
		why[0] ? why : "nothing the host shows (see docs/ibm-z.md)");
}

int kvm_backend_run_report(const struct kvm_backend_config *c,
			   const char *scenario, const char *args_kv,
			   struct kvm_run_report *r, char *err, size_t errlen)
{
	static unsigned int seq;
	char append[1024], sock[600], qmparg[700], machine[64], mem[16],
		smp[16], vmdir[1024] = "", model_missing[512] = "";
	char *argv[32];
	struct kvm_exec x = {.dry_run = c->dry_run, .log = c->log};
	struct kvm_perf_paths pp = {c->sysfs, c->tracefs, c->cpuinfo,
				    c->kallsyms};
	struct kvm_stat_set before = {0}, after = {0};
	struct outbuf out = {0};
	struct kvm_l1_report l1;
	struct kvm_perf perf = {0};
	enum src src = SRC_NONE;
	uint64_t t0, t1;
	struct qmp q;
	int rc, outfd = -1, status;
	pid_t pid;
	size_t i;

	memset(r, 0, sizeof(*r));
	kvm_backend_kernel_release(r->kernel_release,
				   sizeof(r->kernel_release));
	if (c->config_error)
		return kvm_fail(err, errlen, -EINVAL, "kvm backend: %s",
				c->config_error);
	if (!scenario || !*scenario || strpbrk(scenario, " \t\n"))
		return kvm_fail(err, errlen, -EINVAL,
				"kvm backend: bad scenario name '%s'",
				scenario ?: "");
	snprintf(append, sizeof(append), "%s%s%s", scenario,
		 args_kv && *args_kv ? " " : "", args_kv ?: "");
	snprintf(sock, sizeof(sock), "%s/qmp-%d-%u.sock", c->work_dir,
		 (int)getpid(), seq++);
	snprintf(qmparg, sizeof(qmparg), "unix:%s,server=on,wait=off", sock);
	build_argv(c, append, qmparg, machine, sizeof(machine), mem, smp, argv);

	if (c->dry_run) {
		struct kvm_stat_set none = {0};

		kvm_exec_spawn(&x, argv, NULL);
		log_step(c, "qmp: connect %s, qmp_capabilities", sock);
		log_step(
			c, "stats: %s%s",
			c->stats == KVM_STATS_NONE ? "none"
			: c->stats == KVM_STATS_QMP
				? "query-stats vm + vcpu (provider kvm)"
			: c->stats == KVM_STATS_DEBUGFS
				? "debugfs <debugfs>/kvm/<qemu pid>-<fd>/"
				: "KVM_GET_STATS_FD on QEMU's VM and vCPU fds "
				  "(pidfd_getfd of <proc>/<qemu pid>/fd/*)",
			c->stats == KVM_STATS_AUTO
				? ", else debugfs <debugfs>/kvm/<qemu pid>-<fd>/, "
				  "else query-stats"
				: "");
		log_step(c, "stats: proc %s, debugfs root %s/kvm", c->proc,
			 c->debugfs);
		log_step(
			c,
			"stats: gmap_shadow_*_entry left out if %s has "
			"gaccess_shadow_fault (the new gmap does not count them)",
			c->kallsyms);
		if (c->perf)
			kvm_perf_open(&perf, &pp, true, c->log);
		kvm_perf_close(&perf);
		if (accel_kvm(c))
			log_step(
				c,
				"sie: query-cpu-model-expansion %s (sief2 esop "
				"64bscao dateh); the run fails if the L1 says "
				"\"sie\":\"unavailable\" (%s/module/kvm/parameters/nested, %s features)",
				cpu_model(c), c->sysfs, c->cpuinfo);
		log_step(c, "qmp: cont; wait for SHUTDOWN (%d ms)",
			 c->timeout_ms);
		log_step(
			c,
			"stats and perf: read again, deltas mapped by kvm_map.c");
		log_step(c, "qmp: quit; console: the L1's JSON line");
		kvm_map_counters(&none, &r->counters);
		return 0;
	}

	if (access(c->l1_elf, R_OK))
		return kvm_fail(err, errlen, -ENOENT,
				"kvm backend: the L1 %s: %s", c->l1_elf,
				strerror(errno));
	mkdir(c->work_dir, 0755);
	unlink(sock);
	pid = kvm_exec_spawn(&x, argv, &outfd);
	if (pid < 0)
		return kvm_fail(err, errlen, pid,
				"kvm backend: cannot start %s: %s", argv[0],
				strerror(-pid));
	fcntl(outfd, F_SETFL, O_NONBLOCK);
	rc = qmp_connect(&q, sock, 30000, err, errlen);
	if (rc)
		goto kill;

	if (c->stats == KVM_STATS_AUTO || c->stats == KVM_STATS_FD) {
		char e2[256];

		if (!read_stats(c, SRC_STATSFD, pid, NULL, &q, &before, e2,
				sizeof(e2)))
			src = SRC_STATSFD;
		else if (c->stats == KVM_STATS_FD) {
			rc = kvm_fail(err, errlen, -ENODATA,
				      "kvm backend: stats fd: %s", e2);
			goto quit;
		} else {
			log_step(c, "stats: no stats fd (%s)", e2);
		}
		kvm_stat_set_free(&before);
	}
	if (src == SRC_NONE &&
	    (c->stats == KVM_STATS_AUTO || c->stats == KVM_STATS_DEBUGFS)) {
		char root[600], e2[256];

		snprintf(root, sizeof(root), "%s/kvm", c->debugfs);
		if (!kvm_debugfs_find_vm(root, pid, vmdir, sizeof(vmdir), e2,
					 sizeof(e2)))
			src = SRC_DEBUGFS;
		else if (c->stats == KVM_STATS_DEBUGFS) {
			rc = kvm_fail(err, errlen, -ENOENT, "kvm backend: %s",
				      e2);
			goto quit;
		}
	}
	if (src == SRC_NONE &&
	    (c->stats == KVM_STATS_AUTO || c->stats == KVM_STATS_QMP)) {
		char e2[256];

		if (!read_stats(c, SRC_QMP, pid, NULL, &q, &before, e2,
				sizeof(e2)))
			src = SRC_QMP;
		else if (c->stats == KVM_STATS_QMP) {
			rc = kvm_fail(err, errlen, -ENODATA, "kvm backend: %s",
				      e2);
			goto quit;
		}
		kvm_stat_set_free(&before);
	}
	snprintf(r->stats_source, sizeof(r->stats_source), "%s",
		 src == SRC_STATSFD   ? "statsfd"
		 : src == SRC_DEBUGFS ? "debugfs"
		 : src == SRC_QMP     ? "qmp"
				      : "none");
	log_step(c, "stats source: %s %s", r->stats_source, vmdir);
	if (src != SRC_NONE) {
		rc = read_stats(c, src, pid, vmdir, &q, &before, err, errlen);
		if (rc)
			goto quit;
	}
	if (accel_kvm(c))
		model_sie_missing(c, &q, model_missing, sizeof(model_missing));
	if (c->perf) {
		kvm_perf_open(&perf, &pp, false, c->log);
		kvm_perf_enable(&perf);
	}

	{
		struct json *doc;

		t0 = now_ns();
		if (!qmp_execute(&q, "{\"execute\":\"cont\"}", 10000, &doc, err,
				 errlen)) {
			rc = -EIO;
			goto quit;
		}
		json_free(doc);
	}
	for (;;) {
		char e2[256];

		if (!qmp_wait_event(&q, "SHUTDOWN", 200, e2, sizeof(e2)))
			break;
		drain(outfd, &out);
		if (now_ns() - t0 > (uint64_t)c->timeout_ms * 1000000) {
			rc = kvm_fail(
				err, errlen, -ETIMEDOUT,
				"kvm backend: %s %s: no shutdown in %d ms",
				scenario, args_kv ?: "", c->timeout_ms);
			goto quit;
		}
		if (strstr(e2, "closed")) {
			rc = kvm_fail(
				err, errlen, -EPIPE,
				"kvm backend: QEMU went away during the run");
			goto quit;
		}
	}
	t1 = now_ns();
	if (c->perf)
		kvm_perf_read(&perf, &r->deltas);
	if (src != SRC_NONE) {
		rc = read_stats(c, src, pid, vmdir, &q, &after, err, errlen);
		if (rc)
			goto quit;
		for (i = 0; i < after.nr; i++) {
			uint64_t b = 0;

			kvm_stat_get(&before, after.stats[i].name, &b);
			kvm_stat_put(&r->deltas, after.stats[i].name,
				     after.stats[i].value - b);
		}
	}
	r->timing.wall_ns = t1 - t0;
	rc = 0;
quit : {
	struct json *doc;

	if (qmp_execute(&q, "{\"execute\":\"quit\"}", 10000, &doc, NULL, 0))
		json_free(doc);
	qmp_close(&q);
}
kill:
	status = kvm_exec_wait(pid, 10000);
	unlink(sock);
	drain(outfd, &out);
	close(outfd);
	kvm_perf_close(&perf);
	kvm_stat_set_free(&before);
	kvm_stat_set_free(&after);
	if (rc) {
		if (out.len && errlen > strlen(err) + 32) {
			/* the last console line often says why */
			char *last = out.b + out.len;

			while (last > out.b &&
			       (last[-1] == '\n' || last[-1] == '\r'))
				*--last = 0;
			while (last > out.b && last[-1] != '\n')
				last--;
			snprintf(err + strlen(err), errlen - strlen(err),
				 " (console: %.160s)", last);
		}
		free(out.b);
		return rc;
	}
	rc = kvm_console_parse(out.b ?: "", out.len, &l1, err, errlen);
	free(out.b);
	if (rc)
		return rc;
	if (src != SRC_NONE &&
	    kvm_perf_kallsyms_has(c->kallsyms, "gaccess_shadow_fault") &&
	    kvm_map_drop_uncounted(&r->deltas))
		log_step(c, "stats: new gmap, gmap_shadow_*_entry not counted: "
			    "left out");
	map_with_l1_counts(&r->deltas, &l1.counts, &r->counters);
	r->timing.l1_ns = l1.l1_ns;
	r->timing.nr_phases = l1.nr_phases;
	memcpy(r->timing.phase, l1.phase, sizeof(l1.phase));
	snprintf(r->timing.sie, sizeof(r->timing.sie), "%s", l1.sie);
	r->l1_counts = l1.counts;
	l1.counts = (struct kvm_stat_set){0};
	r->console = l1.line;
	l1.line = NULL;
	if (l1.error[0] || l1.rc < 0 || strcmp(l1.scenario, scenario)) {
		rc = kvm_fail(err, errlen, -EIO, "L1: %s %s: %s (rc %lld)",
			      scenario, args_kv ?: "",
			      l1.error[0] ? l1.error : "wrong scenario ran",
			      (long long)l1.rc);
		kvm_l1_report_free(&l1);
		return rc;
	}
	if (accel_kvm(c) && strcmp(l1.sie, "available")) {
		rc = refuse_without_sie(c, scenario, l1.sie, model_missing, err,
					errlen);
		kvm_l1_report_free(&l1);
		return rc;
	}
	kvm_l1_report_free(&l1);
	if (status)
		log_step(c, "qemu exited with status %d", status);
	return 0;
}

int kvm_backend_run(const struct kvm_backend_config *cfg, const char *scenario,
		    const char *args_kv, struct gmap_counters *out,
		    struct kvm_run_timing *t, char *err, size_t errlen)
{
	struct kvm_run_report r;
	int rc =
		kvm_backend_run_report(cfg, scenario, args_kv, &r, err, errlen);

	if (out)
		*out = r.counters;
	if (t)
		*t = r.timing;
	kvm_run_report_free(&r);
	return rc;
}
