// SPDX-License-Identifier: GPL-2.0
/*
 * The context block: what Google Benchmark 1.7.1's sysinfo.cc reports
 * (host, CPUs, MHz, scaling governor, load), how the library was built
 * (debug or release, sanitizers), the caches from hwloc (1.7.1 finds none
 * on some machines), the CPU model and topology from hwloc, the
 * --cbench_pin binding, and the program's own keys.
 */
#include <hwloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static struct cb_kv *custom;
static int ncustom;

/*
 * The keys the JSON reporter writes itself: a custom key of the same name
 * would make a second one in the same object, which strict readers
 * (gmapbench-merge and -compare among them) refuse.
 */
static const char *const builtin_keys[] = {
	"date",
	"host_name",
	"executable",
	"num_cpus",
	"mhz_per_cpu",
	"cpu_scaling_enabled",
	"caches",
	"load_avg",
	"library_build_type",
	"sanitizers",
	"cpu_model",
	"topology",
	"cbench_pin",
	"cbench_iterations_from",
};

bool cb_context_key_is_builtin(const char *key)
{
	for (size_t i = 0; i < sizeof(builtin_keys) / sizeof(*builtin_keys);
	     i++)
		if (!strcmp(builtin_keys[i], key))
			return true;
	return false;
}

void cb_custom_context_add(const char *key, const char *value)
{
	int i;

	if (cb_context_key_is_builtin(key)) {
		fprintf(stderr,
			"%s: warning: context key '%s' is the library's own; "
			"ignoring '%s'\n",
			cb_executable, key, value);
		return;
	}
	for (i = 0; i < ncustom; i++)
		if (!strcmp(custom[i].key, key))
			break;
	if (i < ncustom) {
		/* AddCustomContext keeps the first value and warns */
		fprintf(stderr,
			"%s: warning: context key '%s' already set to "
			"'%s'; ignoring '%s'\n",
			cb_executable, key, custom[i].value, value);
		return;
	}
	custom = cb_xrealloc(custom, (ncustom + 1) * sizeof(*custom));
	for (i = ncustom; i > 0 && strcmp(custom[i - 1].key, key) > 0; i--)
		custom[i] = custom[i - 1];
	custom[i] = (struct cb_kv){cb_xstrdup(key), cb_xstrdup(value)};
	ncustom++;
}

void cbench_add_custom_context(const char *key, const char *value)
{
	cb_custom_context_add(key, value);
}

int cb_custom_context(const struct cb_kv **kv)
{
	*kv = custom;
	return ncustom;
}

const char *cb_build_type(void)
{
#ifdef NDEBUG
	return "release";
#else
	return "debug";
#endif
}

/*
 * The sanitizers the compiler announces (gcc: address and thread; clang
 * also memory and undefined), then those the build names in
 * CBENCH_SANITIZERS (gcc's undefined, say): see cbench.h.
 */
#ifdef __has_feature
#define CB_HAS_FEATURE(f) __has_feature(f)
#else
#define CB_HAS_FEATURE(f) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || CB_HAS_FEATURE(address_sanitizer)
#define CB_SAN_ADDRESS "address,"
#else
#define CB_SAN_ADDRESS ""
#endif
#if defined(__SANITIZE_THREAD__) || CB_HAS_FEATURE(thread_sanitizer)
#define CB_SAN_THREAD "thread,"
#else
#define CB_SAN_THREAD ""
#endif
#if CB_HAS_FEATURE(memory_sanitizer)
#define CB_SAN_MEMORY "memory,"
#else
#define CB_SAN_MEMORY ""
#endif
#if CB_HAS_FEATURE(undefined_behavior_sanitizer)
#define CB_SAN_UNDEFINED "undefined,"
#else
#define CB_SAN_UNDEFINED ""
#endif
#ifndef CBENCH_SANITIZERS
#define CBENCH_SANITIZERS ""
#endif
static const char sanitizers_built[] = CB_SAN_ADDRESS CB_SAN_THREAD
	CB_SAN_MEMORY CB_SAN_UNDEFINED CBENCH_SANITIZERS;

static bool list_has(const char *list, const char *name, size_t len)
{
	size_t n;

	for (; *list; list += n + (list[n] == ',')) {
		n = strcspn(list, ",");
		if (n == len && !strncmp(list, name, len))
			return true;
	}
	return false;
}

void cb_name_list_unique(const char *list, char *out, size_t size)
{
	size_t n, len = 0;

	if (size)
		out[0] = 0;
	for (; *list; list += n + (list[n] == ',')) {
		n = strcspn(list, ",");
		if (!n || list_has(out, list, n) || len + !!len + n >= size)
			continue;
		if (len)
			out[len++] = ',';
		memcpy(out + len, list, n);
		len += n;
		out[len] = 0;
	}
}

const char *cb_sanitizers(void)
{
	static char names[sizeof(sanitizers_built)];

	if (!names[0])
		cb_name_list_unique(sanitizers_built, names, sizeof(names));
	return names;
}

static hwloc_topology_t topo;
static bool topo_ok;

static hwloc_topology_t topology(void)
{
	if (!topo_ok) {
		if (hwloc_topology_init(&topo) == 0 &&
		    hwloc_topology_set_icache_types_filter(
			    topo, HWLOC_TYPE_FILTER_KEEP_ALL) == 0 &&
		    hwloc_topology_load(topo) == 0)
			topo_ok = true;
	}
	return topo_ok ? topo : NULL;
}

static struct cb_sysinfo si;
static bool si_done;

static bool read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = 0;
	return ok;
}

static double cycles_per_second(void)
{
	char buf[256];
	FILE *f;
	double v = 0, bogo = 0;

	if (read_line("/sys/devices/system/cpu/cpu0/tsc_freq_khz", buf,
		      sizeof(buf)))
		return atof(buf) * 1000.0;
	if (read_line("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq",
		      buf, sizeof(buf)))
		return atof(buf) * 1000.0;
	f = fopen("/proc/cpuinfo", "r");
	if (f) {
		while (fgets(buf, sizeof(buf), f)) {
			char *colon = strchr(buf, ':');

			if (!colon)
				continue;
			if (!strncmp(buf, "cpu MHz", 7) && !v)
				v = atof(colon + 1) * 1000000.0;
			else if (!strncasecmp(buf, "bogomips", 8) && !bogo)
				bogo = atof(colon + 1) * 1000000.0;
		}
		fclose(f);
	}
	if (v)
		return v;
	if (bogo)
		return bogo;
	return 1e9;
}

static void add_cache(hwloc_obj_t o)
{
	struct cb_cache *c;

	if (si.ncaches >= 16)
		return;
	c = &si.caches[si.ncaches++];
	c->level = (int)o->attr->cache.depth;
	c->size = (long long)o->attr->cache.size;
	c->num_sharing = hwloc_bitmap_weight(o->cpuset);
	switch (o->attr->cache.type) {
	case HWLOC_OBJ_CACHE_DATA:
		c->type = "Data";
		break;
	case HWLOC_OBJ_CACHE_INSTRUCTION:
		c->type = "Instruction";
		break;
	default:
		c->type = "Unified";
	}
}

static int cache_order(const void *a, const void *b)
{
	const struct cb_cache *x = a, *y = b;

	if (x->level != y->level)
		return x->level - y->level;
	return strcmp(x->type, y->type); /* Data before Instruction */
}

static void from_hwloc(void)
{
	hwloc_topology_t t = topology();
	hwloc_obj_t pu, o;
	const char *model = NULL;
	int npkg, ncore, npu;

	if (!t)
		return;
	pu = hwloc_get_obj_by_type(t, HWLOC_OBJ_PU, 0);
	for (o = pu ? pu->parent : NULL; o; o = o->parent) {
		if (hwloc_obj_type_is_cache(o->type))
			add_cache(o);
		if (!model)
			model = hwloc_obj_get_info_by_name(o, "CPUModel");
	}
	qsort(si.caches, si.ncaches, sizeof(si.caches[0]), cache_order);
	if (model) {
		size_t n;

		snprintf(si.cpu_model, sizeof(si.cpu_model), "%s", model);
		n = strlen(si.cpu_model);
		while (n && si.cpu_model[n - 1] == ' ')
			si.cpu_model[--n] = 0;
	}
	npkg = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PACKAGE);
	ncore = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
	npu = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU);
	snprintf(si.topology, sizeof(si.topology),
		 "%d package%s, %d core%s, %d PU%s, %d NUMA node%s", npkg,
		 npkg == 1 ? "" : "s", ncore, ncore == 1 ? "" : "s", npu,
		 npu == 1 ? "" : "s",
		 hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE),
		 hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE) == 1 ? ""
								      : "s");
}

const struct cb_sysinfo *cb_sysinfo(void)
{
	char path[128], gov[64];
	double load[3];

	if (si_done)
		return &si;
	si_done = true;
	if (gethostname(si.host_name, sizeof(si.host_name) - 1))
		strcpy(si.host_name, "unknown");
	si.num_cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	si.cycles_per_second = cycles_per_second();
	for (int cpu = 0; cpu < si.num_cpus; cpu++) {
		snprintf(
			path, sizeof(path),
			"/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor",
			cpu);
		if (read_line(path, gov, sizeof(gov)) &&
		    strcmp(gov, "performance")) {
			si.scaling_enabled = true;
			break;
		}
	}
	si.nload = getloadavg(load, 3);
	if (si.nload < 0)
		si.nload = 0;
	for (int i = 0; i < si.nload; i++)
		si.load_avg[i] = load[i];
	from_hwloc();
	return &si;
}

int cb_pin_thread(int cpu, char *err, size_t errlen)
{
	hwloc_topology_t t = topology();
	hwloc_obj_t pu;

	if (!t) {
		snprintf(err, errlen, "hwloc could not load the topology");
		return -1;
	}
	pu = hwloc_get_pu_obj_by_os_index(t, (unsigned)cpu);
	if (!pu) {
		snprintf(err, errlen, "no such CPU (the machine has %d)",
			 hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU));
		return -1;
	}
	if (hwloc_set_cpubind(t, pu->cpuset, HWLOC_CPUBIND_THREAD)) {
		snprintf(err, errlen, "hwloc_set_cpubind failed: %m");
		return -1;
	}
	cb_sysinfo();
	snprintf(si.pinned, sizeof(si.pinned), "PU L#%u (OS CPU %d)",
		 pu->logical_index, cpu);
	return 0;
}

void cb_local_date_time(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char ts[32], tz[16];
	long off;

	localtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(tz, sizeof(tz), "%z", &tm);
	off = strtol(tz, NULL, 10);
	snprintf(buf, len, "%s%c%02ld:%02ld", ts, off < 0 ? '-' : '+',
		 labs(off) / 100, labs(off) % 100);
}

void cb_context_free(void)
{
	for (int i = 0; i < ncustom; i++) {
		free(custom[i].key);
		free(custom[i].value);
	}
	free(custom);
	custom = NULL;
	ncustom = 0;
	if (topo_ok)
		hwloc_topology_destroy(topo);
	topo_ok = false;
}
