/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IBM Z runner's configuration file (docs/ibm-z.md, "Configuration"):
 * one "key = value" per line, "#" starts a comment, blank lines ignored.
 * Unknown keys, missing "=", bad numbers and bad choices are errors that
 * name the file and line.
 */
#ifndef GMAPBENCH_KVM_CONFIG_H
#define GMAPBENCH_KVM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kvm_backend.h"

#define KVM_CFG_STR 512

struct kvm_config {
	/* the nightly */
	char hosts[KVM_CFG_STR]; /* host names allowed to reboot */
	char ksrc[KVM_CFG_STR]; /* a kernel git tree */
	char kernel_base[128]; /* git ref the series apply to */
	char kernel_config[KVM_CFG_STR]; /* .config to start from */
	char boot[16]; /* kexec | zipl */
	char cmdline_extra[KVM_CFG_STR]; /* more kernel parameters */
	char proc_cmdline[KVM_CFG_STR]; /* the command line to start from */
	char state_dir[KVM_CFG_STR];
	char systemd_dir[KVM_CFG_STR]; /* where the resume unit goes */
	char repo[KVM_CFG_STR]; /* gmapbench checkout (kernel-patches/) */
	char variants[KVM_CFG_STR]; /* "" = every kernel-patches/<v>/series */
	/* command per variant; {variant} {release} {host} {date} */
	char suite[2 * KVM_CFG_STR];
	char restore[16]; /* reboot | none: after the last variant */
	unsigned int make_jobs;
	/* booting a variant so that the default kernel comes back by itself */
	char watchdog_arm[KVM_CFG_STR]; /* command; "none" to go without */
	char watchdog_disarm[KVM_CFG_STR]; /* command */
	/* a variant not up by then: did not boot */
	unsigned int boot_timeout_s;
	unsigned int panic_s; /* panic=N on the variant's command line */
	char zipl_entry[16]; /* boot = zipl: menu number of [gmapbench] */
	char zipl_default_entry[16]; /* the known-good kernel's; 0 = default */
	/* one run (struct kvm_backend_config) */
	char qemu[KVM_CFG_STR];
	char l1_elf[KVM_CFG_STR];
	char accel[16];
	char cpu[64];
	char cpuset[128];
	char stats[16];
	char debugfs[KVM_CFG_STR];
	char tracefs[KVM_CFG_STR];
	char sysfs[KVM_CFG_STR];
	char cpuinfo[KVM_CFG_STR];
	char kallsyms[KVM_CFG_STR];
	char proc[KVM_CFG_STR];
	char work_dir[KVM_CFG_STR];
	unsigned int memory_mib, smp, timeout_s;
	bool perf;
};

void kvm_config_default(struct kvm_config *c);
/* Reads path over the defaults in *c; 0 or -errno with "file:line: ..." */
int kvm_config_load(struct kvm_config *c, const char *path, char *err,
		    size_t errlen);
/* Sets one key (as a config line would); line 0 for command-line use. */
int kvm_config_set(struct kvm_config *c, const char *key, const char *value,
		   const char *file, int line, char *err, size_t errlen);
/* Fills a backend configuration that points into c (built-in defaults
 * for the rest). */
void kvm_config_backend(const struct kvm_config *c,
			struct kvm_backend_config *b);
/* Sets the run settings of c in b, which then points into c. */
void kvm_config_apply(const struct kvm_config *c, struct kvm_backend_config *b);
/* kvm_config.c, not kvm_backend.c: the backend reads no file */
/*
 * The built-in defaults, then the configuration file named by the
 * environment's GMAPBENCH_KVM_CONFIG if it is set: the nightly runs each
 * suite with it, so its runs use the configuration's QEMU, cpuset, stats
 * source, paths and timeout. A file that cannot be read sets config_error.
 */
void kvm_backend_config_default(struct kvm_backend_config *cfg);
/* The built-in defaults only. */
void kvm_backend_config_builtin(struct kvm_backend_config *cfg);

/* Is name one of the words of c->hosts? */
bool kvm_config_host_allowed(const struct kvm_config *c, const char *name);

#endif /* GMAPBENCH_KVM_CONFIG_H */
