// SPDX-License-Identifier: GPL-2.0
/* KVM statistics: the binary stats format and the debugfs directory. */
#include "kvm_error.h"
#include "kvm_stats.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* struct kvm_stats_header and struct kvm_stats_desc, without the name */
#define HDR_SIZE 24
#define DESC_FIXED 16
#define NAME_SIZE_MAX 4096
#define NUM_DESC_MAX 65536
#define STATS_FILE_MAX (64u << 20)

void kvm_stat_set_free(struct kvm_stat_set *s)
{
	free(s->stats);
	s->stats = NULL;
	s->nr = 0;
	s->id[0] = 0;
	s->skipped = 0;
	s->skip_note[0] = 0;
}

static struct kvm_stat *find(const struct kvm_stat_set *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->stats[i].name, name))
			return &s->stats[i];
	return NULL;
}

bool kvm_stat_get(const struct kvm_stat_set *s, const char *name,
		  uint64_t *value)
{
	struct kvm_stat *st = find(s, name);

	if (st)
		*value = st->value;
	return st != NULL;
}

static struct kvm_stat *append(struct kvm_stat_set *s)
{
	struct kvm_stat *n;

	/* grow in powers of two: nr is a power of two when full */
	if (!s->nr || !(s->nr & (s->nr - 1))) {
		n = realloc(s->stats, (s->nr ? 2 * s->nr : 1) * sizeof(*n));
		if (!n)
			return NULL;
		s->stats = n;
	}
	n = &s->stats[s->nr++];
	memset(n, 0, sizeof(*n));
	return n;
}

int kvm_stat_put(struct kvm_stat_set *s, const char *name, uint64_t value)
{
	struct kvm_stat *st = find(s, name);

	if (!st) {
		st = append(s);
		if (!st)
			return -ENOMEM;
		snprintf(st->name, sizeof(st->name), "%s", name);
		st->size = 1;
	}
	st->value = value;
	return 0;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* A NUL-terminated string within p[0..size); its length or -1. */
static long bounded_strlen(const unsigned char *p, size_t size)
{
	const void *nul = memchr(p, 0, size);

	return nul ? (const unsigned char *)nul - p : -1;
}

/* The binary stats header (struct kvm_stats_header), checked. */
struct stats_hdr {
	uint32_t name_size, num_desc, id_off, desc_off, data_off;
	uint64_t desc_size;
};

static int parse_header(const unsigned char *b, size_t len, struct stats_hdr *h,
			struct kvm_stat_set *out, char *err, size_t errlen)
{
	long l;

	if (len < HDR_SIZE)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats: %zu bytes, shorter than the %d-byte header",
			len, HDR_SIZE);
	h->name_size = get32(b + 4);
	h->num_desc = get32(b + 8);
	h->id_off = get32(b + 12);
	h->desc_off = get32(b + 16);
	h->data_off = get32(b + 20);
	if (h->name_size < 1 || h->name_size > NAME_SIZE_MAX)
		return kvm_fail(err, errlen, -EINVAL,
				"stats header: name_size %u out of range 1..%d",
				h->name_size, NAME_SIZE_MAX);
	if (h->num_desc > NUM_DESC_MAX)
		return kvm_fail(err, errlen, -EINVAL,
				"stats header: num_desc %u > %d", h->num_desc,
				NUM_DESC_MAX);
	if ((uint64_t)h->id_off + h->name_size > len)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats header: id at %u + %u beyond the %zu bytes",
			h->id_off, h->name_size, len);
	l = bounded_strlen(b + h->id_off, h->name_size);
	if (l < 0)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats id at offset %u: no NUL within name_size %u",
			h->id_off, h->name_size);
	snprintf(out->id, sizeof(out->id), "%.*s", (int)l, b + h->id_off);
	h->desc_size = DESC_FIXED + (uint64_t)h->name_size;
	if (h->desc_off + h->desc_size * h->num_desc > len)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats: %u descriptors of %llu bytes at %u end beyond the %zu bytes",
			h->num_desc, (unsigned long long)h->desc_size,
			h->desc_off, len);
	if (h->data_off > len)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats header: data_offset %u beyond the %zu bytes",
			h->data_off, len);
	return 0;
}

/* Descriptor i and the sum of its data into out (or skipped, counted). */
static int parse_desc(const unsigned char *b, size_t len,
		      const struct stats_hdr *h, uint64_t i,
		      struct kvm_stat_set *out, char *err, size_t errlen)
{
	const unsigned char *d = b + h->desc_off + i * h->desc_size;
	const char *name = (const char *)d + DESC_FIXED;
	uint32_t flags = get32(d), offset = get32(d + 8);
	uint64_t end, k, sum = 0, item;
	struct kvm_stat *st;
	int16_t exponent;
	uint16_t size;
	long l;

	memcpy(&exponent, d + 4, 2);
	memcpy(&size, d + 6, 2);
	l = bounded_strlen(d + DESC_FIXED, h->name_size);
	if (l <= 0 || l >= KVM_STAT_NAME_MAX)
		return kvm_fail(err, errlen, -EINVAL,
				"stats descriptor %llu at offset %llu: name %s",
				(unsigned long long)i,
				(unsigned long long)(d - b),
				l < 0	 ? "not NUL-terminated"
				: l == 0 ? "empty"
					 : "too long");
	if (size == 0)
		return kvm_fail(err, errlen, -EINVAL,
				"stats descriptor \"%.*s\": size 0 invalid",
				(int)l, name);
	if (KVM_STAT_TYPE(flags) > KVM_STAT_LOG_HIST ||
	    KVM_STAT_UNIT(flags) > KVM_STAT_UNIT_BOOLEAN ||
	    KVM_STAT_BASE(flags) > 1 || (flags >> 12)) {
		/* a newer kernel's kind of statistic: not ours */
		if (!out->skipped++)
			snprintf(out->skip_note, sizeof(out->skip_note),
				 "\"%.*s\" (flags 0x%x)", (int)l, name, flags);
		return 0;
	}
	end = (uint64_t)h->data_off + offset + 8ull * size;
	if (end > len)
		return kvm_fail(
			err, errlen, -EINVAL,
			"stats \"%.*s\": data at %u+%u (%u items) beyond the %zu bytes",
			(int)l, name, h->data_off, offset, size, len);
	for (k = 0; k < size; k++) {
		memcpy(&item, b + h->data_off + offset + 8 * k, 8);
		sum += item;
	}
	st = append(out);
	if (!st)
		return kvm_fail(err, errlen, -ENOMEM, "stats: out of memory");
	memcpy(st->name, name, l);
	st->name[l] = 0;
	st->flags = flags;
	st->exponent = exponent;
	st->size = size;
	st->value = sum;
	return 0;
}

int kvm_stats_parse(const void *buf, size_t len, struct kvm_stat_set *out,
		    char *err, size_t errlen)
{
	struct stats_hdr h = {0};
	uint64_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse_header(buf, len, &h, out, err, errlen);
	if (rc)
		return rc;
	for (i = 0; i < h.num_desc; i++) {
		rc = parse_desc(buf, len, &h, i, out, err, errlen);
		if (rc) {
			kvm_stat_set_free(out);
			return rc;
		}
	}
	return 0;
}

int kvm_stats_read_fd(int fd, struct kvm_stat_set *out, char *err,
		      size_t errlen)
{
	size_t cap = 4096, len = 0;
	unsigned char *buf = NULL, *n;
	ssize_t r;
	int rc;

	/* the file has no size: read until pread returns 0 */
	for (;;) {
		if (!buf || len == cap) {
			if (buf)
				cap *= 2;
			if (cap > STATS_FILE_MAX) {
				free(buf);
				return kvm_fail(err, errlen, -EFBIG,
						"stats fd: more than %u bytes",
						STATS_FILE_MAX);
			}
			n = realloc(buf, cap);
			if (!n) {
				free(buf);
				return kvm_fail(err, errlen, -ENOMEM,
						"stats fd: out of memory");
			}
			buf = n;
		}
		r = pread(fd, buf + len, cap - len, len);
		if (r < 0) {
			rc = -errno;
			free(buf);
			return kvm_fail(err, errlen, rc, "stats fd: %s",
					strerror(-rc));
		}
		if (!r)
			break;
		len += r;
	}
	rc = kvm_stats_parse(buf, len, out, err, errlen);
	free(buf);
	return rc;
}

static int stats_fd_ioctl(int kvm_fd)
{
	return ioctl(kvm_fd, KVM_GET_STATS_FD, NULL);
}

int (*kvm_statsfd_get)(int kvm_fd) = stats_fd_ioctl;

/* One KVM fd of pid's: copied here, its statistics added to out. */
static int read_one(int pidfd, int target_fd, struct kvm_stat_set *out,
		    char *err, size_t errlen)
{
	struct kvm_stat_set one;
	int fd, sfd, rc;
	size_t i;

	fd = (int)syscall(SYS_pidfd_getfd, pidfd, target_fd, 0);
	if (fd < 0)
		return kvm_fail(err, errlen, -errno, "pidfd_getfd fd %d: %s",
				target_fd, strerror(errno));
	sfd = kvm_statsfd_get(fd);
	rc = -errno;
	close(fd);
	if (sfd < 0)
		return kvm_fail(err, errlen, rc,
				"KVM_GET_STATS_FD on fd %d: %s", target_fd,
				strerror(-rc));
	rc = kvm_stats_read_fd(sfd, &one, err, errlen);
	close(sfd);
	if (rc)
		return rc;
	for (i = 0; i < one.nr && !rc; i++) {
		uint64_t v = 0;

		kvm_stat_get(out, one.stats[i].name, &v);
		rc = kvm_stat_put(out, one.stats[i].name,
				  v + one.stats[i].value);
	}
	if (one.skipped && !out->skipped++)
		snprintf(out->skip_note, sizeof(out->skip_note), "%s",
			 one.skip_note);
	else if (one.skipped)
		out->skipped += one.skipped - 1;
	kvm_stat_set_free(&one);
	return rc ? kvm_fail(err, errlen, rc, "stats: out of memory") : 0;
}

int kvm_statsfd_read_pid(const char *proc, pid_t pid, struct kvm_stat_set *out,
			 char *err, size_t errlen)
{
	char dir[512], link[768], target[128];
	int pidfd, nr = 0, rc = 0;
	struct dirent *e;
	ssize_t n;
	DIR *d;

	memset(out, 0, sizeof(*out));
	snprintf(dir, sizeof(dir), "%s/%d/fd", proc, (int)pid);
	d = opendir(dir);
	if (!d)
		return kvm_fail(err, errlen, -errno, "%s: %s", dir,
				strerror(errno));
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0) {
		rc = -errno;
		closedir(d);
		return kvm_fail(err, errlen, rc, "pidfd_open %d: %s", (int)pid,
				strerror(-rc));
	}
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = 0;
		if (strcmp(target, "anon_inode:kvm-vm") &&
		    strncmp(target, "anon_inode:kvm-vcpu:", 20))
			continue;
		rc = read_one(pidfd, atoi(e->d_name), out, err, errlen);
		nr++;
	}
	close(pidfd);
	closedir(d);
	if (!rc && !nr)
		rc = kvm_fail(err, errlen, -ENOENT,
			      "%s: no KVM VM or vCPU file descriptor", dir);
	if (rc)
		kvm_stat_set_free(out);
	else
		snprintf(out->id, sizeof(out->id), "statsfd-%d", (int)pid);
	return rc;
}

int kvm_debugfs_find_vm(const char *kvm_debugfs, pid_t pid, char *dir,
			size_t dirlen, char *err, size_t errlen)
{
	char prefix[32];
	struct dirent *e;
	int found = 0;
	DIR *d;

	d = opendir(kvm_debugfs);
	if (!d)
		return kvm_fail(err, errlen, -errno, "%s: %s", kvm_debugfs,
				strerror(errno));
	snprintf(prefix, sizeof(prefix), "%d-", (int)pid);
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		if (!found++)
			snprintf(dir, dirlen, "%s/%s", kvm_debugfs, e->d_name);
	}
	closedir(d);
	if (!found)
		return kvm_fail(err, errlen, -ENOENT,
				"%s: no VM of process %d (no %s* entry)",
				kvm_debugfs, (int)pid, prefix);
	if (found > 1)
		return kvm_fail(err, errlen, -EEXIST,
				"%s: process %d has %d VMs; expected one",
				kvm_debugfs, (int)pid, found);
	return 0;
}

/* One unsigned decimal integer and an optional newline; false otherwise. */
static bool read_u64_file(int dfd, const char *name, uint64_t *v)
{
	char buf[64], *end;
	ssize_t r;
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0 || buf[0] < '0' || buf[0] > '9')
		return false;
	buf[r] = 0;
	errno = 0;
	*v = strtoull(buf, &end, 10);
	return !errno && (*end == 0 || (*end == '\n' && end[1] == 0));
}

int kvm_debugfs_read(const char *dir, struct kvm_stat_set *out, char *err,
		     size_t errlen)
{
	struct dirent *e;
	struct stat st;
	uint64_t v;
	int dfd;
	DIR *d;

	memset(out, 0, sizeof(*out));
	d = opendir(dir);
	if (!d)
		return kvm_fail(err, errlen, -errno, "%s: %s", dir,
				strerror(errno));
	dfd = dirfd(d);
	snprintf(out->id, sizeof(out->id), "%s",
		 strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    strlen(e->d_name) >= KVM_STAT_NAME_MAX)
			continue;
		if (fstatat(dfd, e->d_name, &st, 0) || !S_ISREG(st.st_mode))
			continue;
		/* "pid" and other non-statistics files hold no plain u64 */
		if (!strcmp(e->d_name, "pid") ||
		    !read_u64_file(dfd, e->d_name, &v))
			continue;
		if (kvm_stat_put(out, e->d_name, v)) {
			closedir(d);
			kvm_stat_set_free(out);
			return kvm_fail(err, errlen, -ENOMEM, "out of memory");
		}
	}
	closedir(d);
	if (!out->nr)
		return kvm_fail(err, errlen, -ENOENT,
				"%s: no statistics files in it", dir);
	return 0;
}
