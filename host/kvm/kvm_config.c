// SPDX-License-Identifier: GPL-2.0
/* The runner's configuration file. */
#include "kvm_error.h"
#include "kvm_config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { STR, UINT, CHOICE, BOOL };

struct key {
	const char *name;
	enum kind kind;
	size_t off, size;
	const char *choices; /* CHOICE: space-separated */
	unsigned int min, max; /* UINT */
};

/* clang-format takes the #n of these for directives */
/* clang-format off */
#define OFF(n)		offsetof(struct kvm_config, n)
#define FIELD(n)	OFF(n), sizeof(((struct kvm_config *)0)->n)
#define S(n)		{ #n, STR, FIELD(n), NULL, 0, 0 }
#define C(n, ch)	{ #n, CHOICE, FIELD(n), ch, 0, 0 }
#define U(n, lo, hi)	{ #n, UINT, OFF(n), 0, NULL, lo, hi }
#define B(n)		{ #n, BOOL, OFF(n), 0, NULL, 0, 0 }
/* clang-format on */

static const struct key keys[] = {
	S(hosts),
	S(ksrc),
	S(kernel_base),
	S(kernel_config),
	C(boot, "kexec zipl"),
	S(cmdline_extra),
	S(proc_cmdline),
	S(state_dir),
	S(systemd_dir),
	S(repo),
	S(variants),
	S(suite),
	C(restore, "reboot none"),
	U(make_jobs, 1, 1024),
	S(watchdog_arm),
	S(watchdog_disarm),
	U(boot_timeout_s, 60, 86400),
	U(panic_s, 1, 3600),
	S(zipl_entry),
	S(zipl_default_entry),
	S(qemu),
	S(l1_elf),
	C(accel, "kvm tcg"),
	S(cpu),
	S(cpuset),
	C(stats, "auto statsfd debugfs qmp none"),
	S(debugfs),
	S(tracefs),
	S(sysfs),
	S(cpuinfo),
	S(kallsyms),
	S(proc),
	S(work_dir),
	U(memory_mib, 16, 1 << 20),
	U(smp, 1, 248),
	U(timeout_s, 1, 86400),
	B(perf),
};

void kvm_config_default(struct kvm_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->kernel_base, sizeof(c->kernel_base), "HEAD");
	snprintf(c->boot, sizeof(c->boot), "kexec");
	snprintf(c->state_dir, sizeof(c->state_dir), "/var/lib/gmapbench-kvm");
	snprintf(c->proc_cmdline, sizeof(c->proc_cmdline), "/proc/cmdline");
	snprintf(c->systemd_dir, sizeof(c->systemd_dir), "/etc/systemd/system");
	snprintf(c->repo, sizeof(c->repo), ".");
	snprintf(c->suite, sizeof(c->suite),
		 "build/bin/gmapbench-{variant} --gmap_backend=kvm "
		 "--benchmark_repetitions=9 --benchmark_format=json "
		 "--benchmark_out=results/{date}/{host}/{variant}.json");
	snprintf(c->restore, sizeof(c->restore), "reboot");
	c->make_jobs = 8;
	c->boot_timeout_s = 900;
	c->panic_s = 10;
	snprintf(c->zipl_default_entry, sizeof(c->zipl_default_entry), "0");
	snprintf(c->qemu, sizeof(c->qemu), "qemu-system-s390x");
	snprintf(c->l1_elf, sizeof(c->l1_elf), "build/guests/l1.elf");
	snprintf(c->accel, sizeof(c->accel), "kvm");
	snprintf(c->cpu, sizeof(c->cpu), "host");
	snprintf(c->stats, sizeof(c->stats), "auto");
	snprintf(c->debugfs, sizeof(c->debugfs), "/sys/kernel/debug");
	snprintf(c->tracefs, sizeof(c->tracefs), "/sys/kernel/tracing");
	snprintf(c->sysfs, sizeof(c->sysfs), "/sys");
	snprintf(c->cpuinfo, sizeof(c->cpuinfo), "/proc/cpuinfo");
	snprintf(c->kallsyms, sizeof(c->kallsyms), "/proc/kallsyms");
	snprintf(c->proc, sizeof(c->proc), "/proc");
	snprintf(c->work_dir, sizeof(c->work_dir), "build/host-kvm/run");
	c->memory_mib = 256;
	c->smp = 1;
	c->timeout_s = 600;
	c->perf = true;
}

int kvm_config_set(struct kvm_config *c, const char *key, const char *value,
		   const char *file, int line, char *err, size_t errlen)
{
	char where[KVM_CFG_STR + 16];
	const struct key *k;
	unsigned long v;
	char *end;

	if (line)
		snprintf(where, sizeof(where), "%s:%d", file, line);
	else
		snprintf(where, sizeof(where), "%s", file);
	for (k = keys; k < keys + sizeof(keys) / sizeof(keys[0]); k++)
		if (!strcmp(k->name, key))
			break;
	if (k == keys + sizeof(keys) / sizeof(keys[0]))
		return kvm_fail(err, errlen, -EINVAL, "%s: unknown key '%s'",
				where, key);
	switch (k->kind) {
	case CHOICE: {
		const char *p = strstr(k->choices, value);
		size_t n = strlen(value);

		if (!n || !p || (p > k->choices && p[-1] != ' ') ||
		    (p[n] && p[n] != ' '))
			return kvm_fail(err, errlen, -EINVAL,
					"%s: %s must be one of: %s (not '%s')",
					where, key, k->choices, value);
	}
		/* fallthrough */
	case STR:
		if (strlen(value) >= k->size)
			return kvm_fail(err, errlen, -EINVAL,
					"%s: %s: value longer than %zu bytes",
					where, key, k->size - 1);
		strcpy((char *)c + k->off, value);
		return 0;
	case UINT:
		errno = 0;
		v = strtoul(value, &end, 10);
		if (!isdigit((unsigned char)*value) || *end || errno ||
		    v < k->min || v > k->max)
			return kvm_fail(
				err, errlen, -EINVAL,
				"%s: %s: '%s' is not a number in %u..%u", where,
				key, value, k->min, k->max);
		*(unsigned int *)((char *)c + k->off) = v;
		return 0;
	case BOOL:
		if (!strcmp(value, "yes") || !strcmp(value, "1") ||
		    !strcmp(value, "true"))
			*(bool *)((char *)c + k->off) = true;
		else if (!strcmp(value, "no") || !strcmp(value, "0") ||
			 !strcmp(value, "false"))
			*(bool *)((char *)c + k->off) = false;
		else
			return kvm_fail(err, errlen, -EINVAL,
					"%s: %s: '%s' is not yes or no", where,
					key, value);
		return 0;
	}
	return -EINVAL;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

int kvm_config_load(struct kvm_config *c, const char *path, char *err,
		    size_t errlen)
{
	char buf[4096], *l, *eq, *hash;
	int line = 0, rc = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", path,
				strerror(errno));
	while (!rc && fgets(buf, sizeof(buf), f)) {
		line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			rc = kvm_fail(err, errlen, -EINVAL,
				      "%s:%d: line longer than %zu bytes", path,
				      line, sizeof(buf) - 2);
			break;
		}
		hash = strchr(buf, '#');
		if (hash)
			*hash = 0;
		l = trim(buf);
		if (!*l)
			continue;
		eq = strchr(l, '=');
		if (!eq) {
			rc = kvm_fail(err, errlen, -EINVAL,
				      "%s:%d: expected 'key = value', got '%s'",
				      path, line, l);
			break;
		}
		*eq = 0;
		rc = kvm_config_set(c, trim(l), trim(eq + 1), path, line, err,
				    errlen);
	}
	fclose(f);
	return rc;
}

void kvm_config_apply(const struct kvm_config *c, struct kvm_backend_config *b)
{
	b->qemu = c->qemu;
	b->l1_elf = c->l1_elf;
	b->accel = c->accel;
	b->cpu = c->cpu;
	b->cpuset = c->cpuset;
	b->memory_mib = c->memory_mib;
	b->smp = c->smp;
	b->stats = !strcmp(c->stats, "statsfd")	  ? KVM_STATS_FD
		   : !strcmp(c->stats, "debugfs") ? KVM_STATS_DEBUGFS
		   : !strcmp(c->stats, "qmp")	  ? KVM_STATS_QMP
		   : !strcmp(c->stats, "none")	  ? KVM_STATS_NONE
						  : KVM_STATS_AUTO;
	b->debugfs = c->debugfs;
	b->tracefs = c->tracefs;
	b->sysfs = c->sysfs;
	b->cpuinfo = c->cpuinfo;
	b->kallsyms = c->kallsyms;
	b->proc = c->proc;
	b->work_dir = c->work_dir;
	b->timeout_ms = c->timeout_s * 1000;
	b->perf = c->perf;
}

void kvm_config_backend(const struct kvm_config *c,
			struct kvm_backend_config *b)
{
	kvm_backend_config_builtin(b);
	kvm_config_apply(c, b);
}

bool kvm_config_host_allowed(const struct kvm_config *c, const char *name)
{
	const char *p = c->hosts;
	size_t n = strlen(name);

	if (!n)
		return false;
	while (*p) {
		size_t w;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		w = strcspn(p, " \t,");
		if (w == n && !strncmp(p, name, n))
			return true;
		p += w;
	}
	return false;
}

void kvm_backend_config_builtin(struct kvm_backend_config *c)
{
	memset(c, 0, sizeof(*c));
	c->qemu = "qemu-system-s390x";
	c->l1_elf = "build/guests/l1.elf";
	c->accel = "kvm";
	c->cpu = "host";
	c->cpuset = "";
	c->memory_mib = 256;
	c->smp = 1;
	c->stats = KVM_STATS_AUTO;
	c->debugfs = "/sys/kernel/debug";
	c->tracefs = "/sys/kernel/tracing";
	c->sysfs = "/sys";
	c->cpuinfo = "/proc/cpuinfo";
	c->kallsyms = "/proc/kallsyms";
	c->proc = "/proc";
	c->work_dir = "build/host-kvm/run";
	c->timeout_ms = 600000;
	c->perf = true;
}

void kvm_backend_config_default(struct kvm_backend_config *c)
{
	/* the backend configuration points into it: read once, kept */
	static struct kvm_config file;
	static char file_err[KVM_CFG_STR + 256];
	static int loaded; /* 0 not yet, 1 read, -1 failed */
	const char *path = getenv("GMAPBENCH_KVM_CONFIG");

	kvm_backend_config_builtin(c);
	if (!path || !*path)
		return;
	if (!loaded) {
		kvm_config_default(&file);
		if (kvm_config_load(&file, path, file_err, sizeof(file_err))) {
			size_t n = strlen(file_err);

			snprintf(file_err + n, sizeof(file_err) - n,
				 " (GMAPBENCH_KVM_CONFIG)");
			loaded = -1;
		} else {
			loaded = 1;
		}
	}
	if (loaded < 0)
		c->config_error = file_err;
	else
		kvm_config_apply(&file, c);
}
