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

/*
 * One run, step by step. Each step says what it does (to c->log) and, in
 * a dry run, stops there: the dry run prints the real run's own steps.
 */
struct run {
	const struct kvm_backend_config *c;
	const char *scenario, *args_kv;
	struct kvm_run_report *r;
	char *err;
	size_t errlen;
	bool dry;
	char append[1024], sock[600], qmparg[700], machine[64], mem[16],
		smp[16];
	char *argv[32];
	pid_t pid;
	int outfd;
	struct qmp q;
	bool qmp_up;
	enum src src;
	char vmdir[1024];
	struct kvm_stat_set before;
	struct kvm_perf perf;
	struct outbuf out;
	char model_missing[512];
	uint64_t t0;
};

static int prepare(struct run *run)
{
	static unsigned int seq;
	const struct kvm_backend_config *c = run->c;
	const char *scenario = run->scenario, *args_kv = run->args_kv;

	if (c->config_error)
		return kvm_fail(run->err, run->errlen, -EINVAL,
				"kvm backend: %s", c->config_error);
	if (!scenario || !*scenario || strpbrk(scenario, " \t\n"))
		return kvm_fail(run->err, run->errlen, -EINVAL,
				"kvm backend: bad scenario name '%s'",
				scenario ?: "");
	snprintf(run->append, sizeof(run->append), "%s%s%s", scenario,
		 args_kv && *args_kv ? " " : "", args_kv ?: "");
	snprintf(run->sock, sizeof(run->sock), "%s/qmp-%d-%u.sock", c->work_dir,
		 (int)getpid(), seq++);
	snprintf(run->qmparg, sizeof(run->qmparg), "unix:%s,server=on,wait=off",
		 run->sock);
	build_argv(c, run->append, run->qmparg, run->machine,
		   sizeof(run->machine), run->mem, run->smp, run->argv);
	return 0;
}

/* QEMU started stopped (-S), its QMP connected. */
static int start_qemu(struct run *run)
{
	const struct kvm_backend_config *c = run->c;
	struct kvm_exec x = {.dry_run = run->dry, .log = c->log};
	int rc;

	if (!run->dry && access(c->l1_elf, R_OK))
		return kvm_fail(run->err, run->errlen, -ENOENT,
				"kvm backend: the L1 %s: %s", c->l1_elf,
				strerror(errno));
	if (!run->dry) {
		mkdir(c->work_dir, 0755);
		unlink(run->sock);
	}
	run->pid = kvm_exec_spawn(&x, run->argv, run->dry ? NULL : &run->outfd);
	if (run->pid < 0)
		return kvm_fail(run->err, run->errlen, run->pid,
				"kvm backend: cannot start %s: %s",
				run->argv[0], strerror(-run->pid));
	if (!run->dry)
		fcntl(run->outfd, F_SETFL, O_NONBLOCK);
	log_step(c, "qmp: connect %s, qmp_capabilities", run->sock);
	if (run->dry)
		return 0;
	rc = qmp_connect(&run->q, run->sock, 30000, run->err, run->errlen);
	run->qmp_up = !rc;
	return rc;
}

/* The sources a setting tries, in order, ending with SRC_NONE. */
static const enum src *stats_candidates(enum kvm_stats_source s)
{
	static const enum src autos[] = {SRC_STATSFD, SRC_DEBUGFS, SRC_QMP,
					 SRC_NONE},
			      fd[] = {SRC_STATSFD, SRC_NONE},
			      debugfs[] = {SRC_DEBUGFS, SRC_NONE},
			      qmp[] = {SRC_QMP, SRC_NONE}, none[] = {SRC_NONE};

	switch (s) {
	case KVM_STATS_AUTO:
		return autos;
	case KVM_STATS_FD:
		return fd;
	case KVM_STATS_DEBUGFS:
		return debugfs;
	case KVM_STATS_QMP:
		return qmp;
	default:
		return none;
	}
}

static const char *src_name(enum src s)
{
	return s == SRC_STATSFD	  ? "statsfd"
	       : s == SRC_DEBUGFS ? "debugfs"
	       : s == SRC_QMP	  ? "qmp"
				  : "none";
}

static void log_stats_try(const struct run *run, enum src s)
{
	const struct kvm_backend_config *c = run->c;
	char pid[32] = "<qemu pid>";

	if (!run->dry)
		snprintf(pid, sizeof(pid), "%d", (int)run->pid);
	if (s == SRC_STATSFD)
		log_step(c,
			 "stats: try KVM_GET_STATS_FD on QEMU's VM and vCPU "
			 "fds (pidfd_getfd of %s/%s/fd/*)",
			 c->proc, pid);
	else if (s == SRC_DEBUGFS)
		log_step(c, "stats: try debugfs %s/kvm/%s-<fd>/", c->debugfs,
			 pid);
	else
		log_step(c, "stats: try query-stats vm + vcpu (provider kvm)");
}

/* 0 and *vmdir set (debugfs) when source s answers. */
static int try_stats_source(struct run *run, enum src s, char *e2, size_t e2len)
{
	int rc;

	if (s == SRC_DEBUGFS) {
		char root[600];

		snprintf(root, sizeof(root), "%s/kvm", run->c->debugfs);
		return kvm_debugfs_find_vm(root, run->pid, run->vmdir,
					   sizeof(run->vmdir), e2, e2len);
	}
	rc = read_stats(run->c, s, run->pid, NULL, &run->q, &run->before, e2,
			e2len);
	kvm_stat_set_free(&run->before);
	return rc;
}

/*
 * The first source of the setting's list that answers; with a single
 * source (stats = statsfd, debugfs, qmp) its failure fails the run.
 */
static int choose_stats_source(struct run *run)
{
	static const char *const what[] = {
		[SRC_STATSFD] = "stats fd",
		[SRC_DEBUGFS] = "debugfs",
		[SRC_QMP] = "query-stats",
	};
	static const char *const prefix[] = {
		[SRC_STATSFD] = "stats fd: ",
		[SRC_DEBUGFS] = "",
		[SRC_QMP] = "",
	};
	static const int errnos[] = {
		[SRC_STATSFD] = -ENODATA,
		[SRC_DEBUGFS] = -ENOENT,
		[SRC_QMP] = -ENODATA,
	};
	const enum src *s = stats_candidates(run->c->stats);
	bool alone = s[0] != SRC_NONE && s[1] == SRC_NONE;
	char e2[256];

	for (; *s != SRC_NONE; s++) {
		log_stats_try(run, *s);
		if (run->dry)
			continue;
		if (!try_stats_source(run, *s, e2, sizeof(e2))) {
			run->src = *s;
			break;
		}
		if (alone)
			return kvm_fail(run->err, run->errlen, errnos[*s],
					"kvm backend: %s%s", prefix[*s], e2);
		log_step(run->c, "stats: no %s (%s)", what[*s], e2);
	}
	if (run->dry)
		return 0;
	snprintf(run->r->stats_source, sizeof(run->r->stats_source), "%s",
		 src_name(run->src));
	log_step(run->c, "stats source: %s%s%s", run->r->stats_source,
		 *run->vmdir ? " " : "", run->vmdir);
	return 0;
}

static int read_stats_before(struct run *run)
{
	if (run->dry || run->src == SRC_NONE)
		return 0;
	return read_stats(run->c, run->src, run->pid, run->vmdir, &run->q,
			  &run->before, run->err, run->errlen);
}

/* Before the run: which vSIE properties the VM's CPU model lacks. */
static void ask_cpu_model(struct run *run)
{
	const struct kvm_backend_config *c = run->c;
	char cmd[256], e2[256];
	const struct json *ret;
	struct json *doc;

	if (!accel_kvm(c))
		return;
	log_step(c,
		 "sie: query-cpu-model-expansion %s (sief2 esop 64bscao "
		 "dateh); the run fails if the L1 says \"sie\":\"unavailable\" "
		 "(%s/module/kvm/parameters/nested, %s features)",
		 cpu_model(c), c->sysfs, c->cpuinfo);
	if (run->dry)
		return;
	snprintf(cmd, sizeof(cmd),
		 "{\"execute\":\"query-cpu-model-expansion\",\"arguments\":"
		 "{\"type\":\"full\",\"model\":{\"name\":\"%s\"}}}",
		 cpu_model(c));
	ret = qmp_execute(&run->q, cmd, 10000, &doc, e2, sizeof(e2));
	if (!ret) {
		snprintf(run->model_missing, sizeof(run->model_missing),
			 "query-cpu-model-expansion %s: %s", cpu_model(c), e2);
		return;
	}
	if (kvm_sie_model_missing(ret, cpu_model(c), run->model_missing,
				  sizeof(run->model_missing)) < 0)
		snprintf(run->model_missing, sizeof(run->model_missing),
			 "query-cpu-model-expansion %s: no model.props",
			 cpu_model(c));
	json_free(doc);
}

static void start_perf(struct run *run)
{
	const struct kvm_backend_config *c = run->c;
	struct kvm_perf_paths pp = {c->sysfs, c->tracefs, c->cpuinfo,
				    c->kallsyms};

	if (!c->perf)
		return;
	kvm_perf_open(&run->perf, &pp, run->dry, c->log);
	if (!run->dry)
		kvm_perf_enable(&run->perf);
}

/* "cont", then the console drained until the L1's shutdown. */
static int run_to_shutdown(struct run *run)
{
	const struct kvm_backend_config *c = run->c;
	struct json *doc;
	char e2[256];

	log_step(c, "qmp: cont; wait for SHUTDOWN (%d ms)", c->timeout_ms);
	if (run->dry)
		return 0;
	run->t0 = now_ns();
	if (!qmp_execute(&run->q, "{\"execute\":\"cont\"}", 10000, &doc,
			 run->err, run->errlen))
		return -EIO;
	json_free(doc);
	while (qmp_wait_event(&run->q, "SHUTDOWN", 200, e2, sizeof(e2))) {
		drain(run->outfd, &run->out);
		if (now_ns() - run->t0 > (uint64_t)c->timeout_ms * 1000000)
			return kvm_fail(
				run->err, run->errlen, -ETIMEDOUT,
				"kvm backend: %s %s: no shutdown in %d ms",
				run->scenario, run->args_kv ?: "",
				c->timeout_ms);
		if (strstr(e2, "closed"))
			return kvm_fail(
				run->err, run->errlen, -EPIPE,
				"kvm backend: QEMU went away during the run");
	}
	run->r->timing.wall_ns = now_ns() - run->t0;
	return 0;
}

/* perf's counts and the statistics' growth since read_stats_before. */
static int read_deltas(struct run *run)
{
	struct kvm_run_report *r = run->r;
	struct kvm_stat_set after = {0};
	size_t i;
	int rc;

	log_step(run->c, "stats and perf: read again, the deltas");
	if (run->dry)
		return 0;
	if (run->c->perf)
		kvm_perf_read(&run->perf, &r->deltas);
	if (run->src == SRC_NONE)
		return 0;
	rc = read_stats(run->c, run->src, run->pid, run->vmdir, &run->q, &after,
			run->err, run->errlen);
	if (rc) {
		kvm_stat_set_free(&after);
		return rc;
	}
	for (i = 0; i < after.nr; i++) {
		uint64_t b = 0;

		kvm_stat_get(&run->before, after.stats[i].name, &b);
		kvm_stat_put(&r->deltas, after.stats[i].name,
			     after.stats[i].value - b);
	}
	kvm_stat_set_free(&after);
	return 0;
}

/* QMP "quit", QEMU reaped, the console read to its end; its status. */
static int stop_qemu(struct run *run)
{
	struct json *doc;
	int status;

	log_step(run->c, "qmp: quit");
	if (run->qmp_up) {
		if (qmp_execute(&run->q, "{\"execute\":\"quit\"}", 10000, &doc,
				NULL, 0))
			json_free(doc);
		qmp_close(&run->q);
	}
	status = kvm_exec_wait(run->pid, 10000);
	if (!run->dry)
		unlink(run->sock);
	if (run->outfd >= 0) {
		drain(run->outfd, &run->out);
		close(run->outfd);
	}
	kvm_perf_close(&run->perf);
	kvm_stat_set_free(&run->before);
	return status;
}

/* The last console line often says why a run failed: added to err. */
static void append_last_console_line(struct run *run)
{
	char *err = run->err, *b = run->out.b, *last = b + run->out.len;

	if (!run->out.len || run->errlen <= strlen(err) + 32)
		return;
	while (last > b && (last[-1] == '\n' || last[-1] == '\r'))
		*--last = 0;
	while (last > b && last[-1] != '\n')
		last--;
	snprintf(err + strlen(err), run->errlen - strlen(err),
		 " (console: %.160s)", last);
}

static void drop_uncounted(struct run *run)
{
	const struct kvm_backend_config *c = run->c;

	log_step(c,
		 "stats: gmap_shadow_*_entry left out if %s has "
		 "gaccess_shadow_fault (the new gmap does not count them)",
		 c->kallsyms);
	if (run->src != SRC_NONE &&
	    kvm_perf_kallsyms_has(c->kallsyms, "gaccess_shadow_fault") &&
	    kvm_map_drop_uncounted(&run->r->deltas))
		log_step(c, "stats: new gmap, gmap_shadow_*_entry not counted: "
			    "left out");
}

/* The L1's report, checked, into the run's report. */
static int take_l1_report(struct run *run, struct kvm_l1_report *l1)
{
	const struct kvm_backend_config *c = run->c;
	struct kvm_run_report *r = run->r;

	map_with_l1_counts(&r->deltas, &l1->counts, &r->counters);
	r->timing.l1_ns = l1->l1_ns;
	r->timing.nr_phases = l1->nr_phases;
	memcpy(r->timing.phase, l1->phase, sizeof(l1->phase));
	snprintf(r->timing.sie, sizeof(r->timing.sie), "%s", l1->sie);
	r->l1_counts = l1->counts;
	l1->counts = (struct kvm_stat_set){0};
	r->console = l1->line;
	l1->line = NULL;
	if (l1->error[0] || l1->rc < 0 || strcmp(l1->scenario, run->scenario))
		return kvm_fail(run->err, run->errlen, -EIO,
				"L1: %s %s: %s (rc %lld)", run->scenario,
				run->args_kv ?: "",
				l1->error[0] ? l1->error : "wrong scenario ran",
				(long long)l1->rc);
	if (accel_kvm(c) && strcmp(l1->sie, "available"))
		return refuse_without_sie(c, run->scenario, l1->sie,
					  run->model_missing, run->err,
					  run->errlen);
	return 0;
}

/* The console's JSON line and the deltas, mapped to the counters. */
static int report(struct run *run)
{
	struct kvm_l1_report l1;
	int rc;

	log_step(run->c, "console: the L1's JSON line");
	drop_uncounted(run);
	if (run->dry) {
		struct kvm_stat_set none = {0};

		kvm_map_counters(&none, &run->r->counters);
		return 0;
	}
	rc = kvm_console_parse(run->out.b ?: "", run->out.len, &l1, run->err,
			       run->errlen);
	if (rc)
		return rc;
	rc = take_l1_report(run, &l1);
	kvm_l1_report_free(&l1);
	return rc;
}

int kvm_backend_run_report(const struct kvm_backend_config *c,
			   const char *scenario, const char *args_kv,
			   struct kvm_run_report *r, char *err, size_t errlen)
{
	struct run run = {
		.c = c,
		.scenario = scenario,
		.args_kv = args_kv,
		.r = r,
		.err = err,
		.errlen = errlen,
		.dry = c->dry_run,
		.outfd = -1,
	};
	int rc, status;

	memset(r, 0, sizeof(*r));
	kvm_backend_kernel_release(r->kernel_release,
				   sizeof(r->kernel_release));
	rc = prepare(&run);
	if (rc)
		return rc;
	rc = start_qemu(&run);
	if (run.pid < 0)
		return rc;
	if (!rc)
		rc = choose_stats_source(&run);
	if (!rc)
		rc = read_stats_before(&run);
	if (!rc) {
		ask_cpu_model(&run);
		start_perf(&run);
		rc = run_to_shutdown(&run);
	}
	if (!rc)
		rc = read_deltas(&run);
	status = stop_qemu(&run);
	if (!rc)
		rc = report(&run);
	else
		append_last_console_line(&run);
	free(run.out.b);
	if (!rc && status)
		log_step(c, "qemu exited with status %d", status);
	return rc;
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
