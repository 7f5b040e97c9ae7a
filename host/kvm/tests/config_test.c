// SPDX-License-Identifier: GPL-2.0
/* The runner's configuration file: values, defaults, file:line errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "kvm_config.h"
#include "kvm_nightly.h"

static char path[] = "build/tests/kvm-config-XXXXXX";

static int load(const char *text, struct kvm_config *c, char *err)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	kvm_config_default(c);
	return kvm_config_load(c, path, err, 512);
}

int main(void)
{
	struct kvm_backend_config b;
	struct kvm_config c;
	char err[512], want[600], out[600];
	int fd, rc;

	tap_plan_unknown();
	fd = mkstemp(path);
	if (!tap_ok(fd >= 0, "temporary file"))
		return tap_done();
	close(fd);

	rc = load("# IBM Z nightly\n"
		  "hosts = lpar1, lpar2 zhost\n"
		  "\n"
		  "ksrc=/src/linux   # the tree\n"
		  "boot = zipl\n"
		  "memory_mib = 1024\n"
		  "cpuset = core:2\n"
		  "stats = qmp\n"
		  "perf = no\n"
		  "suite = build/bin/gmapbench-{variant} --gmap_backend=kvm\n",
		  &c, err);
	tap_ok(rc == 0, "a full file loads (%s)", rc ? err : "ok");
	tap_ok(!strcmp(c.ksrc, "/src/linux") && !strcmp(c.boot, "zipl") &&
		       c.memory_mib == 1024 && !c.perf,
	       "values, trailing comment removed");
	tap_ok(c.smp == 1 && !strcmp(c.accel, "kvm") &&
		       !strcmp(c.cpu, "host") &&
		       !strcmp(c.debugfs, "/sys/kernel/debug"),
	       "defaults kept for keys not given");
	tap_ok(kvm_config_host_allowed(&c, "lpar2") &&
		       kvm_config_host_allowed(&c, "zhost") &&
		       !kvm_config_host_allowed(&c, "lpar") &&
		       !kvm_config_host_allowed(&c, "lpar1,") &&
		       !kvm_config_host_allowed(&c, ""),
	       "host guard: whole words of 'hosts' only");
	kvm_config_backend(&c, &b);
	tap_ok(b.stats == KVM_STATS_QMP && !strcmp(b.cpuset, "core:2") &&
		       b.memory_mib == 1024 && !b.perf &&
		       b.timeout_ms == 600 * 1000,
	       "backend configuration from the file");

#define BAD(text, line, needle)                                              \
	do {                                                                 \
		rc = load(text, &c, err);                                    \
		snprintf(want, sizeof(want), "%s:%d: ", path, line);         \
		tap_ok(rc == -EINVAL && !strncmp(err, want, strlen(want)) && \
			       strstr(err, needle),                          \
		       "error at line %d: %s", line, err);                   \
	} while (0)
	BAD("hosts = a\nbogus = 1\n", 2, "unknown key 'bogus'");
	BAD("\n\njust words\n", 3, "expected 'key = value'");
	BAD("boot = grub\n", 1, "kexec zipl");
	BAD("boot = kexe\n", 1, "one of");
	BAD("stats = debug\n", 1, "auto statsfd debugfs qmp none");
	BAD("memory_mib = 12x\n", 1, "not a number");
	BAD("memory_mib = -5\n", 1, "not a number");
	BAD("memory_mib = 8\n", 1, "16..");
	BAD("smp = 99999999999999999999\n", 1, "not a number");
	BAD("perf = maybe\n", 1, "yes or no");
	BAD("# c\ncpu = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    2, "longer than 63");
	rc = load("", &c, err);
	tap_ok(rc == 0 && !c.hosts[0] && !kvm_config_host_allowed(&c, "x"),
	       "empty file: defaults, and no host may reboot");
	unlink(path);
	kvm_config_default(&c);
	rc = kvm_config_load(&c, path, err, sizeof(err));
	tap_ok(rc == -ENOENT && strstr(err, path), "missing file: %s", err);
	rc = kvm_config_set(&c, "accel", "hvf", "--set", 0, err, sizeof(err));
	tap_ok(rc == -EINVAL && !strncmp(err, "--set: accel", 12),
	       "--set errors name the flag: %s", err);

	/* the kernel command line of a variant */
	kvm_nightly_cmdline(
		"BOOT_IMAGE=(hd0)/vmlinuz root=/dev/dasda1 kvm.nested=0 kvm.hpage=1 panic=0 quiet\n",
		"mitigations=off", 10, out, sizeof(out));
	tap_ok(!strcmp(out,
		       "root=/dev/dasda1 quiet kvm.nested=1 kvm.hpage=0 panic=10 panic_on_oops=1 mitigations=off"),
	       "cmdline: nested on, hpage off, panics end the boot, BOOT_IMAGE and panic=0 dropped: %s",
	       out);
	kvm_nightly_cmdline("root=/dev/dasda1 -- kvm.nested=0 single", "", 30,
			    out, sizeof(out));
	tap_ok(!strcmp(out,
		       "root=/dev/dasda1 kvm.nested=1 kvm.hpage=0 panic=30 panic_on_oops=1 -- kvm.nested=0 single"),
	       "cmdline: ours before \"--\", init's words after it untouched: %s",
	       out);
	rc = kvm_nightly_release(KVM_KSRC, "baseline", out, sizeof(out));
	tap_ok(rc == 0 && !strcmp(out, "6.1.192-gmapbench-baseline"),
	       "release from the pinned tree's Makefile: %s", out);
	return tap_done();
}
