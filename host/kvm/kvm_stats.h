/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM statistics of one VM, from either of the kernel's two interfaces:
 *  - the binary stats file (KVM_GET_STATS_FD; layout of struct
 *    kvm_stats_header and struct kvm_stats_desc in include/uapi/linux/kvm.h),
 *  - the per-VM debugfs directory /sys/kernel/debug/kvm/<pid>-<fd>/, one
 *    file per statistic (VM and vCPU statistics, the latter summed).
 * Both give a kvm_stat_set: names with values (scalars; histograms keep
 * their buckets' sum).
 */
#ifndef GMAPBENCH_KVM_STATS_H
#define GMAPBENCH_KVM_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define KVM_STAT_NAME_MAX 96

/* The bits of kvm_stats_desc.flags, as include/uapi/linux/kvm.h has them */
#define KVM_STAT_TYPE(f) ((f)&0xf)
#define KVM_STAT_UNIT(f) (((f) >> 4) & 0xf)
#define KVM_STAT_BASE(f) (((f) >> 8) & 0xf)
enum {
	KVM_STAT_CUMULATIVE,
	KVM_STAT_INSTANT,
	KVM_STAT_PEAK,
	KVM_STAT_LINEAR_HIST,
	KVM_STAT_LOG_HIST
};
enum {
	KVM_STAT_UNIT_NONE,
	KVM_STAT_UNIT_BYTES,
	KVM_STAT_UNIT_SECONDS,
	KVM_STAT_UNIT_CYCLES,
	KVM_STAT_UNIT_BOOLEAN
};

struct kvm_stat {
	char name[KVM_STAT_NAME_MAX];
	uint32_t flags; /* kvm_stats_desc.flags (0 from debugfs) */
	int16_t exponent;
	uint16_t size; /* number of u64 data items (1 for scalars) */
	uint64_t value; /* the item, or the sum of a histogram's buckets */
};

struct kvm_stat_set {
	char id[64]; /* the header's id string, e.g. "kvm-1234" */
	struct kvm_stat *stats;
	size_t nr;
	/* descriptors of a type, unit or base this parser does not know
	 * (a newer kernel's): left out; the first one's name and flags */
	unsigned int skipped;
	char skip_note[128];
};

void kvm_stat_set_free(struct kvm_stat_set *s);
/* The value of the statistic called name; false if the set has none. */
bool kvm_stat_get(const struct kvm_stat_set *s, const char *name,
		  uint64_t *value);
/* Appends or replaces; returns 0 or -ENOMEM. */
int kvm_stat_put(struct kvm_stat_set *s, const char *name, uint64_t value);

/*
 * Parses a whole binary stats file held in buf[0..len). On error returns
 * -EINVAL (or -ENOMEM) with a message in err saying what is wrong and at
 * which offset; *out is then empty. A descriptor of unknown type, unit or
 * base is no error: it is skipped and counted (out->skipped, skip_note).
 */
int kvm_stats_parse(const void *buf, size_t len, struct kvm_stat_set *out,
		    char *err, size_t errlen);

/* Reads a stats fd (pread from offset 0 to the end of the data block). */
int kvm_stats_read_fd(int fd, struct kvm_stat_set *out, char *err,
		      size_t errlen);

/*
 * The binary statistics of the VM process pid runs (QEMU): its VM and
 * vCPU file descriptors are found in <proc>/<pid>/fd (links to
 * "anon_inode:kvm-vm" and "anon_inode:kvm-vcpu:N"), copied into this
 * process with pidfd_getfd(2) (needs ptrace rights over it: root), and
 * KVM_GET_STATS_FD gives each one's stats fd. The VM's statistics and the
 * vCPUs' (summed) go into out. Returns 0, or -errno with err: -ENOENT (no
 * KVM fd), -EPERM, -ENOTTY (a kernel before 5.14).
 */
int kvm_statsfd_read_pid(const char *proc, pid_t pid, struct kvm_stat_set *out,
			 char *err, size_t errlen);
/* For tests: what gives a stats fd for a KVM fd (default: the ioctl). */
extern int (*kvm_statsfd_get)(int kvm_fd);

/*
 * Finds the debugfs directory of the VM that process pid created, under
 * kvm_debugfs (normally /sys/kernel/debug/kvm): the entry "<pid>-<fd>".
 * Returns 0 with the path in dir, or -ENOENT / -EEXIST (more than one VM).
 */
int kvm_debugfs_find_vm(const char *kvm_debugfs, pid_t pid, char *dir,
			size_t dirlen, char *err, size_t errlen);

/* Reads every regular file of dir holding one unsigned integer. */
int kvm_debugfs_read(const char *dir, struct kvm_stat_set *out, char *err,
		     size_t errlen);

#endif /* GMAPBENCH_KVM_STATS_H */
