// SPDX-License-Identifier: GPL-2.0
/*
 * The KVM binary-stats parser on buffers laid out with the uapi's own
 * struct kvm_stats_header / struct kvm_stats_desc (linux/kvm.h of the
 * same 6.1 kernel), truncated and corrupted; the debugfs reader on a fake
 * directory tree; and the counter mapping on the deltas they give.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"
#include "kvm_map.h"
#include "kvm_stats.h"

struct def {
	const char *name;
	uint32_t flags;
	int16_t exponent;
	uint16_t size;
	uint64_t data[4];
};

/* Lays out header, id, descriptors and data as KVM_GET_STATS_FD does. */
static size_t build(unsigned char *buf, size_t cap, uint32_t name_size,
		    const char *id, const struct def *d, unsigned int n)
{
	struct kvm_stats_header h = {0};
	size_t desc_size = sizeof(struct kvm_stats_desc) + name_size;
	uint32_t off = 0;
	unsigned int i;

	h.name_size = name_size;
	h.num_desc = n;
	h.id_offset = sizeof(h);
	h.desc_offset = h.id_offset + name_size;
	h.data_offset = h.desc_offset + n * desc_size;
	memset(buf, 0, cap);
	memcpy(buf, &h, sizeof(h));
	strncpy((char *)buf + h.id_offset, id, name_size - 1);
	for (i = 0; i < n; i++) {
		struct kvm_stats_desc *k =
			(void *)(buf + h.desc_offset + i * desc_size);

		k->flags = d[i].flags;
		k->exponent = d[i].exponent;
		k->size = d[i].size;
		k->offset = off;
		k->bucket_size = 0;
		strncpy(k->name, d[i].name, name_size);
		memcpy(buf + h.data_offset + off, d[i].data, 8 * d[i].size);
		off += 8 * d[i].size;
	}
	return h.data_offset + off;
}

static const struct def defs[] = {
	{"instruction_sie", KVM_STATS_TYPE_CUMULATIVE, 0, 1, {12345}},
	{"gmap_shadow_create", KVM_STATS_TYPE_CUMULATIVE, 0, 1, {7}},
	{"x",
	 KVM_STATS_TYPE_INSTANT | KVM_STATS_UNIT_BYTES | KVM_STATS_BASE_POW2,
	 10,
	 1,
	 {4}},
	{"halt_poll_success_ns",
	 KVM_STATS_TYPE_CUMULATIVE | KVM_STATS_UNIT_SECONDS,
	 -9,
	 1,
	 {1000000000ull}},
	{"halt_wait_hist",
	 KVM_STATS_TYPE_LOG_HIST | KVM_STATS_UNIT_SECONDS,
	 -9,
	 4,
	 {1, 2, 3, 4}},
	{"a_rather_long_statistic_name_of_sixty_three_characters_exactly_",
	 KVM_STATS_TYPE_PEAK | KVM_STATS_UNIT_BOOLEAN,
	 0,
	 1,
	 {1}},
};
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static unsigned char buf[16384];

#ifndef KVM_KSRC
#define KVM_KSRC "build/kernel/pristine/linux-source-6.1"
#endif

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL;
	size_t n = 0;

	if (!f)
		return NULL;
	if (getdelim(&s, &n, 0, f) < 0) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

struct field {
	const char *name;
	size_t off, size;
};

/*
 * Lays out "struct <tag> { ... };" from the kernel's header text with C's
 * natural alignment and compares every member with the compiled struct.
 */
static void layout(const char *text, const char *tag, const struct field *f,
		   unsigned int nf, size_t compiled_size)
{
	static const struct {
		const char *type;
		size_t size;
	} types[] = {{"__u8", 1},  {"char", 1},	 {"__u16", 2}, {"__s16", 2},
		     {"__u32", 4}, {"__s32", 4}, {"__u64", 8}, {"__s64", 8}};
	char open[64], line[256];
	const char *p, *end;
	size_t off = 0, align = 1;
	unsigned int seen = 0, bad = 0, i;
	regex_t member, flex;
	regmatch_t m[3];

	snprintf(open, sizeof(open), "struct %s {\n", tag);
	p = strstr(text, open);
	if (!tap_ok(p != NULL, "uapi kvm.h defines struct %s", tag))
		return;
	p += strlen(open);
	end = strstr(p, "\n};");
	regcomp(&member, "^[ \t]*([a-z_0-9]+)[ \t]+([a-z_0-9]+);",
		REG_EXTENDED);
	regcomp(&flex,
		"^[ \t]*__DECLARE_FLEX_ARRAY\\(([a-z_0-9]+), *([a-z_0-9]+)\\);",
		REG_EXTENDED);
	while (end && p < end) {
		size_t n = strcspn(p, "\n"), sz = 0, k;
		bool is_flex;

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		p += n + 1;
		is_flex = !regexec(&flex, line, 3, m, 0);
		if (!is_flex && regexec(&member, line, 3, m, 0))
			continue;
		line[m[1].rm_eo] = line[m[2].rm_eo] = 0;
		for (k = 0; k < sizeof(types) / sizeof(types[0]); k++)
			if (!strcmp(types[k].type, line + m[1].rm_so))
				sz = types[k].size;
		if (!sz) {
			bad++;
			tap_diag("%s: unknown type %s", tag, line + m[1].rm_so);
			continue;
		}
		off = (off + sz - 1) / sz * sz;
		align = sz > align ? sz : align;
		for (i = 0; i < nf; i++)
			if (!strcmp(f[i].name, line + m[2].rm_so))
				break;
		if (i == nf || f[i].off != off ||
		    f[i].size != (is_flex ? 0 : sz)) {
			bad++;
			tap_diag("%s.%s: offset %zu size %zu in the header",
				 tag, line + m[2].rm_so, off, is_flex ? 0 : sz);
		}
		seen++;
		off += is_flex ? 0 : sz;
	}
	regfree(&member);
	regfree(&flex);
	off = (off + align - 1) / align * align;
	tap_ok(!bad && seen == nf && off == compiled_size,
	       "struct %s: %u members, %zu bytes, laid out as the kernel's "
	       "uapi header says",
	       tag, seen, off);
}

#define FIELD(s, m)                                                   \
	{                                                             \
#m, offsetof(struct s, m), sizeof(((struct s *)0)->m) \
	}
#define FLEX(s, m)                           \
	{                                    \
#m, offsetof(struct s, m), 0 \
	}

/*
 * The structs and flag values this test and the parser use are those of
 * the pinned kernel tree's include/uapi/linux/kvm.h, read now.
 */
static void uapi(void)
{
	static const struct field hdr[] = {
		FIELD(kvm_stats_header, flags),
		FIELD(kvm_stats_header, name_size),
		FIELD(kvm_stats_header, num_desc),
		FIELD(kvm_stats_header, id_offset),
		FIELD(kvm_stats_header, desc_offset),
		FIELD(kvm_stats_header, data_offset),
	};
	static const struct field desc[] = {
		FIELD(kvm_stats_desc, flags),
		FIELD(kvm_stats_desc, exponent),
		FIELD(kvm_stats_desc, size),
		FIELD(kvm_stats_desc, offset),
		FIELD(kvm_stats_desc, bucket_size),
		FLEX(kvm_stats_desc, name),
	};
	/* each flag value the header defines, as the parser decodes it */
	static const struct {
		const char *name;
		unsigned int compiled, parser;
	} flags[] = {
		{"TYPE_CUMULATIVE", KVM_STATS_TYPE_CUMULATIVE,
		 KVM_STAT_CUMULATIVE},
		{"TYPE_INSTANT", KVM_STATS_TYPE_INSTANT, KVM_STAT_INSTANT},
		{"TYPE_PEAK", KVM_STATS_TYPE_PEAK, KVM_STAT_PEAK},
		{"TYPE_LINEAR_HIST", KVM_STATS_TYPE_LINEAR_HIST,
		 KVM_STAT_LINEAR_HIST},
		{"TYPE_LOG_HIST", KVM_STATS_TYPE_LOG_HIST, KVM_STAT_LOG_HIST},
		{"UNIT_NONE", KVM_STATS_UNIT_NONE, KVM_STAT_UNIT_NONE},
		{"UNIT_BYTES", KVM_STATS_UNIT_BYTES, KVM_STAT_UNIT_BYTES},
		{"UNIT_SECONDS", KVM_STATS_UNIT_SECONDS, KVM_STAT_UNIT_SECONDS},
		{"UNIT_CYCLES", KVM_STATS_UNIT_CYCLES, KVM_STAT_UNIT_CYCLES},
		{"UNIT_BOOLEAN", KVM_STATS_UNIT_BOOLEAN, KVM_STAT_UNIT_BOOLEAN},
		{"BASE_POW10", KVM_STATS_BASE_POW10, 0},
		{"BASE_POW2", KVM_STATS_BASE_POW2, 1},
	};
	char *text = slurp(KVM_KSRC "/include/uapi/linux/kvm.h");
	char *types = slurp(KVM_KSRC "/include/linux/kvm_types.h");
	unsigned int i, defined = 0, bad = 0;
	const char *p;

	if (!tap_ok(text != NULL, "read %s/include/uapi/linux/kvm.h", KVM_KSRC))
		goto out;
	layout(text, "kvm_stats_header", hdr, 6,
	       sizeof(struct kvm_stats_header));
	layout(text, "kvm_stats_desc", desc, 6, sizeof(struct kvm_stats_desc));
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		char key[64], kind[8];
		unsigned int v, shift, decoded;

		snprintf(key, sizeof(key), "#define KVM_STATS_%s",
			 flags[i].name);
		p = strstr(text, key);
		snprintf(kind, sizeof(kind), "%.4s", flags[i].name);
		if (!p ||
		    sscanf(p + strlen(key),
			   " (0x%x << KVM_STATS_%*[A-Z]_SHIFT)", &v) != 1) {
			bad++;
			tap_diag("KVM_STATS_%s: not found", flags[i].name);
			continue;
		}
		defined++;
		shift = !strcmp(kind, "TYPE")	? 0
			: !strcmp(kind, "UNIT") ? 4
						: 8;
		decoded = !strcmp(kind, "TYPE")	  ? KVM_STAT_TYPE(v << shift)
			  : !strcmp(kind, "UNIT") ? KVM_STAT_UNIT(v << shift)
						  : KVM_STAT_BASE(v << shift);
		if (v << shift != flags[i].compiled ||
		    decoded != flags[i].parser) {
			bad++;
			tap_diag("KVM_STATS_%s = 0x%x << %u: compiled 0x%x, "
				 "parser %u",
				 flags[i].name, v, shift, flags[i].compiled,
				 decoded);
		}
	}
	tap_ok(!bad && defined == 12,
	       "12 type/unit/base flags: the header's values, decoded by the "
	       "parser as their names say");
	p = strstr(text, "#define KVM_STATS_TYPE_SHIFT");
	tap_ok(p && strtol(p + 28, NULL, 0) == 0 &&
		       strstr(text, "#define KVM_STATS_UNIT_SHIFT\t\t4") &&
		       strstr(text, "#define KVM_STATS_BASE_SHIFT\t\t8"),
	       "shifts 0, 4, 8 as KVM_STAT_TYPE/UNIT/BASE use");
	p = types ? strstr(types, "#define KVM_STATS_NAME_SIZE") : NULL;
	tap_ok(p && strtol(p + 27, NULL, 0) == 48 && KVM_STAT_NAME_MAX > 48,
	       "KVM_STATS_NAME_SIZE is 48 (linux/kvm_types.h): tested below "
	       "and fits KVM_STAT_NAME_MAX");
out:
	free(text);
	free(types);
}

static void binary(void)
{
	struct kvm_stat_set s;
	char err[256];
	uint64_t v;
	size_t len, cut;
	int rc, bad = 0;
	unsigned int i;

	_Static_assert(sizeof(struct kvm_stats_header) == 24, "header");
	_Static_assert(offsetof(struct kvm_stats_desc, name) == 16, "desc");
	tap_ok(strlen(defs[5].name) == 63, "a 63-character name is tested");

	/* KVM_STATS_NAME_SIZE is 48 in 6.1; try it and others */
	{
		static const uint32_t sizes[] = {48, 64, 72, 200};

		for (i = 0; i < 4; i++) {
			unsigned int n = sizes[i] > 64 ? NDEFS : NDEFS - 1;

			len = build(buf, sizeof(buf), sizes[i], "kvm-4711",
				    defs, n);
			rc = kvm_stats_parse(buf, len, &s, err, sizeof(err));
			tap_ok(rc == 0 && s.nr == n,
			       "name_size %u: %u stats parsed (%s)", sizes[i],
			       n, rc ? err : "ok");
			kvm_stat_set_free(&s);
		}
	}
	len = build(buf, sizeof(buf), 72, "kvm-4711", defs, NDEFS);
	rc = kvm_stats_parse(buf, len, &s, err, sizeof(err));
	tap_ok(rc == 0, "parse a 6-descriptor file");
	tap_ok(!strcmp(s.id, "kvm-4711"), "id string: %s", s.id);
	tap_ok(kvm_stat_get(&s, "instruction_sie", &v) && v == 12345,
	       "instruction_sie = 12345");
	tap_ok(kvm_stat_get(&s, "halt_wait_hist", &v) && v == 10 &&
		       s.stats[4].size == 4 &&
		       KVM_STAT_TYPE(s.stats[4].flags) == KVM_STAT_LOG_HIST,
	       "histogram: 4 buckets summed to 10, type log-hist");
	tap_ok(s.stats[3].exponent == -9 &&
		       KVM_STAT_UNIT(s.stats[3].flags) == KVM_STAT_UNIT_SECONDS,
	       "exponent -9 and unit seconds kept");
	tap_ok(s.stats[2].exponent == 10 &&
		       KVM_STAT_BASE(s.stats[2].flags) == 1 &&
		       KVM_STAT_UNIT(s.stats[2].flags) == KVM_STAT_UNIT_BYTES,
	       "1-char name, exponent 10 base 2, bytes");
	tap_ok(kvm_stat_get(&s, defs[5].name, &v) && v == 1,
	       "the 63-character name found");
	tap_ok(!kvm_stat_get(&s, "instruction_si", &v), "no prefix matching");
	kvm_stat_set_free(&s);

	/* every truncation: an error, never a crash or a partial set */
	for (cut = 0; cut < len; cut++) {
		rc = kvm_stats_parse(buf, cut, &s, err, sizeof(err));
		if (rc != -EINVAL || s.nr || !err[0])
			bad++;
	}
	tap_ok(!bad, "all %zu truncations rejected with a message", len);
	kvm_stats_parse(buf, len - 1, &s, err, sizeof(err));
	tap_ok(strstr(err, "a_rather_long") && strstr(err, "beyond"),
	       "truncated data names the statistic: %s", err);

	{
		struct kvm_stats_header *h = (void *)buf;
		unsigned char save[sizeof(buf)];
		struct kvm_stats_desc *d0;

		memcpy(save, buf, sizeof(buf));
#define CORRUPT(what, stmt, needle)                                          \
	do {                                                                 \
		memcpy(buf, save, sizeof(buf));                              \
		stmt;                                                        \
		rc = kvm_stats_parse(buf, len, &s, err, sizeof(err));        \
		tap_ok(rc == -EINVAL && strstr(err, needle), "%s: %s", what, \
		       err);                                                 \
		kvm_stat_set_free(&s);                                       \
	} while (0)
		d0 = (void *)(buf + h->desc_offset);
		CORRUPT("name_size 0", h->name_size = 0, "name_size");
		CORRUPT("name_size huge", h->name_size = 0xffffffff,
			"name_size");
		CORRUPT("num_desc huge", h->num_desc = 0x7fffffff, "num_desc");
		CORRUPT("num_desc past end", h->num_desc = NDEFS + 1,
			"descriptors");
		CORRUPT("desc_offset wraps", h->desc_offset = 0xfffffff0,
			"descriptors");
		CORRUPT("id_offset past end", h->id_offset = len, "id");
		CORRUPT("data_offset past end", h->data_offset = len + 1,
			"data_offset");
		CORRUPT("data offset overflow", d0->offset = 0xfffffff8,
			"instruction_sie");
		CORRUPT("unterminated name", memset(d0->name, 'A', 72), "NUL");
		CORRUPT("empty name", d0->name[0] = 0, "empty");
		CORRUPT("size 0", d0->size = 0, "size");
		CORRUPT("unterminated id", memset(buf + h->id_offset, 'i', 72),
			"id");
		/* a newer kernel's kind of statistic: skipped, not fatal */
		{
			static const struct {
				const char *what;
				uint32_t flags;
			} unknown[] = {
				{"type 5", 5},
				{"unit 5", 5 << 4},
				{"base 2", 2 << 8},
				{"a bit above base", 1u << 12},
			};
			unsigned int k;

			for (k = 0; k < sizeof(unknown) / sizeof(unknown[0]);
			     k++) {
				memcpy(buf, save, sizeof(buf));
				d0->flags = unknown[k].flags;
				rc = kvm_stats_parse(buf, len, &s, err,
						     sizeof(err));
				tap_ok(rc == 0 && s.nr == NDEFS - 1 &&
					       s.skipped == 1 &&
					       strstr(s.skip_note,
						      "instruction_sie") &&
					       !kvm_stat_get(&s,
							     "instruction_sie",
							     &v) &&
					       kvm_stat_get(
						       &s, "gmap_shadow_create",
						       &v) &&
					       v == 7,
				       "%s: that descriptor skipped (%s), the "
				       "other %zu read",
				       unknown[k].what, s.skip_note, s.nr);
				kvm_stat_set_free(&s);
			}
		}
		memcpy(buf, save, sizeof(buf));
	}

	/* the same through a file descriptor */
	{
		char path[] = "build/tests/kvm-stats-XXXXXX";
		int fd = mkstemp(path);

		rc = fd >= 0 && write(fd, buf, len) == (ssize_t)len
			     ? kvm_stats_read_fd(fd, &s, err, sizeof(err))
			     : -1;
		tap_ok(rc == 0 && s.nr == NDEFS, "read through an fd (%s)",
		       rc ? err : "ok");
		kvm_stat_set_free(&s);
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
	}
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void debugfs(void)
{
	char root[] = "build/tests/kvm-debugfs-XXXXXX", vm[256], p[512];
	char found[512], err[256];
	struct kvm_stat_set s;
	uint64_t v;
	int rc;

	if (!tap_ok(mkdtemp(root) != NULL, "fake debugfs root"))
		return;
	snprintf(vm, sizeof(vm), "%s/4711-12", root);
	mkdir(vm, 0755);
	snprintf(p, sizeof(p), "%s/47110-9", root); /* another pid prefix */
	mkdir(p, 0755);
	put_file(vm, "instruction_sie", "100\n");
	put_file(vm, "gmap_shadow_create", "3\n");
	put_file(vm, "gmap_shadow_pg_entry", "18446744073709551615\n");
	put_file(vm, "inject_program", "9");
	put_file(vm, "garbage", "abc\n");
	put_file(vm, "negative", "-1\n");
	put_file(vm, "overflow", "18446744073709551616\n");
	put_file(vm, "two_lines", "1\n2\n");
	snprintf(p, sizeof(p), "%s/vcpu0", vm);
	mkdir(p, 0755);
	put_file(p, "pid", "4712\n");

	rc = kvm_debugfs_find_vm(root, 4711, found, sizeof(found), err,
				 sizeof(err));
	tap_ok(rc == 0 && !strcmp(found, vm), "find the VM of pid 4711: %s",
	       rc ? err : found);
	rc = kvm_debugfs_find_vm(root, 471, found, sizeof(found), err,
				 sizeof(err));
	tap_ok(rc == -ENOENT && strstr(err, "471-"),
	       "pid 471 has no VM (prefix, not substring): %s", err);
	snprintf(p, sizeof(p), "%s/4711-15", root);
	mkdir(p, 0755);
	rc = kvm_debugfs_find_vm(root, 4711, found, sizeof(found), err,
				 sizeof(err));
	tap_ok(rc == -EEXIST, "two VMs of one pid: %s", err);
	rmdir(p);

	rc = kvm_debugfs_read(vm, &s, err, sizeof(err));
	tap_ok(rc == 0 && s.nr == 4,
	       "4 statistics read, junk files skipped (%zu)", s.nr);
	tap_ok(kvm_stat_get(&s, "instruction_sie", &v) && v == 100,
	       "instruction_sie = 100");
	tap_ok(kvm_stat_get(&s, "gmap_shadow_pg_entry", &v) && v == UINT64_MAX,
	       "full 64-bit value");
	tap_ok(kvm_stat_get(&s, "inject_program", &v) && v == 9,
	       "no trailing newline");
	tap_ok(!kvm_stat_get(&s, "overflow", &v) &&
		       !kvm_stat_get(&s, "negative", &v),
	       "overflowing and negative values skipped");
	tap_ok(!strcmp(s.id, "4711-12"), "id is the directory name");
	kvm_stat_set_free(&s);
	snprintf(p, sizeof(p), "%s/vcpu0", vm);
	rc = kvm_debugfs_read(p, &s, err, sizeof(err));
	tap_ok(rc == -ENOENT && strstr(err, "no statistics"),
	       "a directory without statistics: %s", err);
	rc = kvm_debugfs_read("build/tests/no-such-dir", &s, err, sizeof(err));
	tap_ok(rc == -ENOENT && strstr(err, "no-such-dir"), "missing: %s", err);

	/* clean up the fake tree */
	{
		static const char *const f[] = {"instruction_sie",
						"gmap_shadow_create",
						"gmap_shadow_pg_entry",
						"inject_program",
						"garbage",
						"negative",
						"overflow",
						"two_lines",
						"vcpu0/pid"};
		unsigned int i;

		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
			snprintf(p, sizeof(p), "%s/%s", vm, f[i]);
			unlink(p);
		}
		snprintf(p, sizeof(p), "%s/vcpu0", vm);
		rmdir(p);
		rmdir(vm);
		snprintf(p, sizeof(p), "%s/47110-9", root);
		rmdir(p);
		rmdir(root);
	}
}

static void add(struct kvm_stat_set *s, const char *n, uint64_t v)
{
	kvm_stat_put(s, n, v);
}

static void mapping(void)
{
	struct kvm_stat_set d = {0};
	struct gmap_counters c;
	uint64_t v;
	int n, id;

	/* every counter has a row, and rows without a source say why */
	n = 0;
	for_each_counter(id)
		if ((int)kvm_map_rows[id].id != id ||
		    (!kvm_map_rows[id].source && !kvm_map_rows[id].note))
			n++;
	tap_ok(n == 0, "mapping: one row per counter, a note where no source");

	/* a 6.1 kernel: statistics, no tracepoint, kprobes, z15 CPU-MF,
	 * the L1's counts */
	add(&d, "instruction_sie", 50);
	add(&d, "inject_program", 20);
	add(&d, "gmap_shadow_create", 2);
	add(&d, "gmap_shadow_reuse", 48);
	add(&d, "gmap_shadow_r1_entry", 0);
	add(&d, "gmap_shadow_r2_entry", 1);
	add(&d, "gmap_shadow_r3_entry", 2);
	add(&d, "gmap_shadow_sg_entry", 3);
	add(&d, "gmap_shadow_pg_entry", 400);
	add(&d, "kprobe:kvm_s390_shadow_fault", 400);
	add(&d, "kprobe:gmap_shadow_page", 150);
	add(&d, "kprobe:gmap_shadow_notify", 6);
	add(&d, "l1:reflected_dat", 100);
	add(&d, "l1:reflected_prot", 10);
	add(&d, "l1:sie_validity", 2);
	add(&d, "cpum_cf:DTLB2_WRITES", 1000);
	add(&d, "cpum_cf:ITLB2_WRITES", 24);
	add(&d, "cpum_cf:DTLB1_WRITES", 5);
	n = kvm_map_counters(&d, &c);
	tap_eq(n, 12, "12 counters present from these sources");
	tap_ok(gmap_counter_present(&c, GC_vsie_entries) &&
		       c.v[GC_vsie_entries] == 50,
	       "vsie_entries <- instruction_sie");
	/* 400 calls: 2 per DAT fault reflected (100), one per shadow
	 * acquired (2 + 48) and per prefix validity (2): 148 L0 exits */
	tap_ok(c.v[GC_exits_l1] == 20 && c.v[GC_exits_l0] == 148,
	       "exits_l0 = shadow-fault calls - 2 x reflected DAT faults - "
	       "map_prefix calls (%llu)",
	       (unsigned long long)c.v[GC_exits_l0]);
	tap_ok(c.v[GC_shadow_r2t] == 0 &&
		       gmap_counter_present(&c, GC_shadow_r2t) &&
		       c.v[GC_shadow_r3t] == 1 && c.v[GC_shadow_pgt] == 3,
	       "shadow_r2t..pgt <- gmap_shadow_r1..sg_entry (0 is present)");
	tap_ok(c.v[GC_shadow_pte] == 150,
	       "shadow_pte <- gmap_shadow_page calls, not gmap_shadow_pg_entry "
	       "(every shadow fault)");
	tap_ok(c.v[GC_prot_faults] == 6, "prot_faults <- gmap_shadow_notify");
	tap_ok(c.v[GC_tlb_misses] == 1024,
	       "tlb_misses = DTLB2_WRITES + ITLB2_WRITES (first alternative)");
	tap_ok(!gmap_counter_present(&c, GC_unshadow_pte) &&
		       !gmap_counter_present(&c, GC_tlb_hits) &&
		       !gmap_counter_present(&c, GC_oracle_mismatches),
	       "unobserved counters are absent, not 0");
	add(&d, "tp:kvm-s390:kvm_s390_gmap_notifier", 5);
	add(&d, "kprobe:kvm_s390_vsie_gmap_notifier", 9);
	kvm_map_counters(&d, &c);
	tap_ok(c.v[GC_prot_faults] == 6 &&
		       !gmap_counter_present(&c, GC_unshadow_full),
	       "the notifier tracepoint and the vSIE notifier feed no counter "
	       "(their own columns in the deltas)");
	d.nr -= 2;
	for (n = 0; kvm_map_extras[n]; n++)
		;
	tap_ok(n > 2 &&
		       !strcmp(kvm_map_extras[0],
			       "tp:kvm-s390:kvm_s390_gmap_notifier") &&
		       !strcmp(kvm_map_extras[1],
			       "kprobe:kvm_s390_vsie_gmap_notifier"),
	       "both notifier counts are measured as extras");
	/* a kernel where gmap_shadow_notify was inlined: prot_faults absent */
	for (n = 0; n < (int)d.nr; n++)
		if (!strcmp(d.stats[n].name, "kprobe:gmap_shadow_notify"))
			d.stats[n] = d.stats[--d.nr];
	kvm_map_counters(&d, &c);
	tap_ok(!gmap_counter_present(&c, GC_prot_faults),
	       "no kprobe:gmap_shadow_notify (inlined): prot_faults absent");
	for (id = 0;
	     kvm_map_rows[GC_unshadow_pgt + id].id <= GC_unshadow_full &&
	     id < 5;
	     id++)
		if (kvm_map_rows[GC_unshadow_pgt + id].source)
			break;
	tap_eq(id, 5,
	       "unshadow_pgt..full: no kprobe on static functions with several callers");
	tap_ok(kvm_map_eval("inject_program - instruction_sie", &d, &v) &&
		       v == 0,
	       "a difference below 0 is clamped to 0");
	tap_ok(!kvm_map_eval("nosuch | also_not", &d, &v) &&
		       kvm_map_eval(
			       "nosuch | gmap_shadow_create + gmap_shadow_reuse",
			       &d, &v) &&
		       v == 50,
	       "alternatives: the first complete one");
	tap_ok(!kvm_map_eval("gmap_shadow_create +", &d, &v) &&
		       !kvm_map_eval("gmap_shadow_create * inject_program", &d,
				     &v),
	       "malformed expressions are not evaluated");
	tap_ok(kvm_map_tp_filter("tp:kvm-s390:kvm_s390_gmap_notifier") &&
		       !strcmp(kvm_map_tp_filter(
				       "tp:kvm-s390:kvm_s390_gmap_notifier"),
			       "shadow == 1"),
	       "the notifier tracepoint is filtered on shadow == 1");

	/* a kernel with the new gmap: the entry statistics are not counted */
	n = (int)d.nr;
	tap_eq(kvm_map_drop_uncounted(&d), 5,
	       "new gmap: the five gmap_shadow_*_entry statistics dropped");
	tap_ok((int)d.nr == n - 5 &&
		       kvm_stat_get(&d, "gmap_shadow_create", &v) && v == 2 &&
		       !kvm_stat_get(&d, "gmap_shadow_pg_entry", &v) &&
		       kvm_stat_get(&d, "cpum_cf:ITLB2_WRITES", &v) && v == 24,
	       "new gmap: every other delta kept, in place");
	kvm_map_counters(&d, &c);
	tap_ok(!gmap_counter_present(&c, GC_shadow_r2t) &&
		       !gmap_counter_present(&c, GC_shadow_pgt) &&
		       gmap_counter_present(&c, GC_shadow_create) &&
		       gmap_counter_present(&c, GC_shadow_reuse),
	       "new gmap: shadow_r2t..pgt absent, shadow_create/reuse present");
	add(&d, "gmap_shadow_sg_entry", 9);
	tap_ok(kvm_stat_get(&d, "gmap_shadow_sg_entry", &v) && v == 9 &&
		       kvm_map_drop_uncounted(&d) == 1 && d.nr == (size_t)n - 5,
	       "the set still grows and shrinks after dropping");
	kvm_stat_set_free(&d);
}

/* A memfd stands for the stats fd: it is one, of the uapi layout. */
static int memfd_is_stats_fd(int kvm_fd)
{
	return dup(kvm_fd);
}

static int stats_memfd(const char *id, const struct def *d, unsigned int n)
{
	unsigned char b[4096];
	size_t len =
		build(b, sizeof(b), 48, id, d, n); /* KVM_STATS_NAME_SIZE */
	int fd = memfd_create(id, MFD_CLOEXEC);

	if (fd >= 0 && write(fd, b, len) != (ssize_t)len) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/*
 * kvm_statsfd_read_pid on this process: a fake <proc>/<pid>/fd with links
 * named like QEMU's KVM fds, pointing (by number) at memfds laid out as
 * KVM_GET_STATS_FD's files; pidfd_getfd copies them for real.
 */
static void statsfd(void)
{
	static const struct def vm[] = {
		{"gmap_shadow_create", KVM_STATS_TYPE_CUMULATIVE, 0, 1, {3}},
		{"future_kind", 7, 0, 1, {1}},
	};
	static const struct def vcpu0[] = {
		{"instruction_sie", KVM_STATS_TYPE_CUMULATIVE, 0, 1, {40}},
	};
	static const struct def vcpu1[] = {
		{"instruction_sie", KVM_STATS_TYPE_CUMULATIVE, 0, 1, {2}},
	};
	char proc[] = "build/tests/kvm-proc-XXXXXX", dir[256], l[300], t[64],
	     err[256];
	int fds[3], k, rc, pidfd;
	struct kvm_stat_set s;
	uint64_t v;

	int (*ioctl_get)(int) = kvm_statsfd_get;

	pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (pidfd < 0 ||
	    (rc = (int)syscall(SYS_pidfd_getfd, pidfd, 0, 0)) < 0) {
		tap_skip("pidfd_open/pidfd_getfd not allowed here: %s",
			 strerror(errno));
		if (pidfd >= 0)
			close(pidfd);
		return;
	}
	close(rc);
	close(pidfd);
	fds[0] = stats_memfd("kvm-4711", vm, 2);
	fds[1] = stats_memfd("kvm-4711/vcpu-0", vcpu0, 1);
	fds[2] = stats_memfd("kvm-4711/vcpu-1", vcpu1, 1);
	if (!mkdtemp(proc) || fds[0] < 0 || fds[1] < 0 || fds[2] < 0) {
		tap_ok(0, "fake stats fds and proc tree");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/%d", proc, (int)getpid());
	mkdir(dir, 0755);
	strcat(dir, "/fd");
	mkdir(dir, 0755);
	for (k = 0; k < 3; k++) {
		snprintf(l, sizeof(l), "%s/%d", dir, fds[k]);
		snprintf(t, sizeof(t),
			 k ? "anon_inode:kvm-vcpu:%d" : "anon_inode:kvm-vm",
			 k - 1);
		tap_ok(!symlink(t, l), "fake link %s -> %s", l, t);
	}
	snprintf(l, sizeof(l), "%s/0", dir);
	symlink("/dev/pts/0", l); /* not KVM's: ignored */

	kvm_statsfd_get = memfd_is_stats_fd;
	rc = kvm_statsfd_read_pid(proc, getpid(), &s, err, sizeof(err));
	tap_ok(rc == 0 && kvm_stat_get(&s, "instruction_sie", &v) && v == 42,
	       "stats fds of the VM and two vCPUs: vCPU statistics summed (%s)",
	       rc ? err : "ok");
	tap_ok(rc == 0 && kvm_stat_get(&s, "gmap_shadow_create", &v) &&
		       v == 3 && s.nr == 2,
	       "the VM's statistics read, nothing from other fds");
	tap_ok(s.skipped == 1 && strstr(s.skip_note, "future_kind"),
	       "a descriptor of unknown type skipped and reported: %s",
	       s.skip_note);
	kvm_stat_set_free(&s);
	for (k = 0; k < 3; k++) {
		close(fds[k]);
		snprintf(l, sizeof(l), "%s/%d", dir, fds[k]);
		unlink(l);
	}
	snprintf(l, sizeof(l), "%s/987", dir);
	symlink("anon_inode:kvm-vm", l);
	rc = kvm_statsfd_read_pid(proc, getpid(), &s, err, sizeof(err));
	tap_ok(rc == -EBADF && strstr(err, "pidfd_getfd fd 987"),
	       "a VM fd that is gone: an error naming the step: %s", err);
	kvm_statsfd_get = ioctl_get;
	rc = kvm_statsfd_read_pid(proc, 999999999, &s, err, sizeof(err));
	tap_ok(rc == -ENOENT && strstr(err, "999999999/fd"),
	       "a process without fds here: -ENOENT naming the path: %s", err);
	snprintf(l, sizeof(l), "rm -rf %s", proc);
	tap_ok(system(l) == 0, "fake proc tree removed");
}

int main(void)
{
	tap_plan_unknown();
	uapi();
	binary();
	debugfs();
	mapping();
	statsfd();
	return tap_done();
}
