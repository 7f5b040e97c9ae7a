// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-<variant>: one libcbench family per L2 scenario, run on a
 * backend (host/sim, the default, or host/kvm on IBM Z).
 *
 * Every Google Benchmark flag works, plus:
 *   --gmap_check              the translation oracle checks every L2 access
 *   --gmap_backend=sim|kvm    where L0 is (default sim)
 *   --gmap_seed=N             seed of the simulated machine (default 1)
 *   --gmap_list_suites        print the suite (scenario) names and exit
 *   --gmap_args=SCENARIO[/NAME:VALUE...]
 *                             run only these arguments (repeatable)
 *   --gmap_cost               count the kernel's basic blocks (cost.c)
 *   --gmap_cost_out=FILE      and write them per function to FILE
 *   --gmap_kvm_*=...          host/kvm settings (see --help)
 *
 * Family <scenario> holds the nightly-sized argument sets, family
 * <scenario>_large the larger ones: select those with --benchmark_filter.
 * One iteration is one scenario run on a fresh machine, so the counters,
 * exported per iteration, are deterministic.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbench.h"
#include "commit.h"
#include "counters.h"
#include "gsim.h"
#include "kvm_backend.h"
#include "kvm_config.h"
#include "platform-sim.h"
#include "scenario.h"
#include "sets.h"
#ifdef GMAPBENCH_COST
#include "cost/cost_out.h"
#endif

#ifndef GMAPBENCH_VARIANT
#define GMAPBENCH_VARIANT "unknown"
#endif
#ifndef GMAPBENCH_BASE
#define GMAPBENCH_BASE "unknown"
#endif
#ifndef GMAPBENCH_KERNEL_BASE
#define GMAPBENCH_KERNEL_BASE "unknown"
#endif

enum backend { BACKEND_SIM, BACKEND_KVM };

/* What a family runs: its scenario, and its name for the WRONG/HUNG lines */
struct family {
	const struct scenario *s;
	char name[64];
	struct family *next;
};
static struct family *families;

/* The outcome of the run, for the exit status (docs/verdicts.md) */
static struct {
	bool wrong; /* an oracle mismatch: 3 */
	bool hung; /* no progress: 4 */
	bool error; /* a benchmark reported an error: 1 */
} outcome;

static struct {
	bool check;
	enum backend backend;
	uint64_t seed;
	bool list_suites;
	const char **only; /* --gmap_args */
	unsigned int nr_only;
	struct kvm_backend_config kvm;
	bool cost; /* --gmap_cost */
	const char *cost_out; /* --gmap_cost_out */
} opt;

static void usage(FILE *f)
{
	fprintf(f,
		"gmapbench-%s: the shadow-gmap scenarios as benchmarks (variant %s)\n"
		"\n"
		"  --gmap_check              check every L2 translation against the oracle\n"
		"  --gmap_backend=sim|kvm    L0: host/sim (default) or a real IBM Z host\n"
		"  --gmap_seed=N             seed of the simulated machine (default 1)\n"
		"  --gmap_list_suites        print the suite names and exit\n"
		"  --gmap_args=SCENARIO[/NAME:VALUE...]\n"
		"                            run only these arguments, the others at\n"
		"                            their defaults (repeatable; replaces the sets)\n"
		"  --gmap_cost               count the basic blocks the kernel's code\n"
		"                            runs in each scenario (kernel_bb, kernel_bb_<file>\n"
		"                            per iteration), in the count build\n"
		"                            (build/bin/gmapbench-%s-cost, run in its place)\n"
		"  --gmap_cost_out=FILE      --gmap_cost, and the counts per function as JSON:\n"
		"                            {benchmark: {function: count per iteration}}\n"
		"  --gmap_kvm_qemu=PATH      host/kvm: qemu-system-s390x\n"
		"  --gmap_kvm_elf=PATH       host/kvm: the bare-metal L1 (build/guests/l1.elf)\n"
		"  --gmap_kvm_cpuset=LOC     host/kvm: hwloc-bind location of QEMU\n"
		"  --gmap_kvm_accel=kvm|tcg  host/kvm: accelerator (tcg only for tests)\n"
		"  --gmap_kvm_cpu=MODEL      host/kvm: QEMU -cpu (default host; \"\" for\n"
		"                            QEMU's default, as under tcg)\n"
		"  --gmap_kvm_dry_run        host/kvm: print the commands, run nothing\n"
		"\n"
		"Families: <scenario> (nightly sizes) and <scenario>_large.\n"
		"All Google Benchmark flags (--benchmark_*) are accepted too.\n",
		GMAPBENCH_VARIANT, GMAPBENCH_VARIANT, GMAPBENCH_VARIANT);
}

static const char *flag_value(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n))
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	return arg[n] ? NULL : "";
}

static void die(const char *fmt, const char *a)
{
	fprintf(stderr, "gmapbench-%s: ", GMAPBENCH_VARIANT);
	fprintf(stderr, fmt, a);
	fputc('\n', stderr);
	exit(1);
}

/* Consumes the --gmap_* flags, leaves everything else for libcbench. */
static void parse_gmap_flags(int *argc, char **argv)
{
	int i, n = 1;
	const char *v;
	char *end;

	kvm_backend_config_default(&opt.kvm);
	opt.seed = 1;
	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "--help", 6) || !strcmp(a, "-h")) {
			usage(stdout);
			argv[n++] = argv[i]; /* libcbench prints its part */
		} else if ((v = flag_value(a, "--gmap_check"))) {
			opt.check =
				!*v || !strcmp(v, "true") || !strcmp(v, "1");
			if (*v && !opt.check && strcmp(v, "false") &&
			    strcmp(v, "0"))
				die("--gmap_check=%s: expected true or false",
				    v);
		} else if ((v = flag_value(a, "--gmap_backend"))) {
			if (!strcmp(v, "sim"))
				opt.backend = BACKEND_SIM;
			else if (!strcmp(v, "kvm"))
				opt.backend = BACKEND_KVM;
			else
				die("--gmap_backend=%s: expected sim or kvm",
				    v);
		} else if ((v = flag_value(a, "--gmap_seed"))) {
			errno = 0;
			opt.seed = strtoull(v, &end, 0);
			if (!*v || *end || errno)
				die("--gmap_seed=%s: expected an unsigned integer",
				    v);
		} else if ((v = flag_value(a, "--gmap_list_suites"))) {
			opt.list_suites = true;
		} else if ((v = flag_value(a, "--gmap_args"))) {
			opt.only = realloc(opt.only, (opt.nr_only + 1) *
							     sizeof(*opt.only));
			if (!opt.only)
				die("%s: out of memory", a);
			opt.only[opt.nr_only++] = v;
		} else if ((v = flag_value(a, "--gmap_cost_out"))) {
			if (!*v)
				die("%s: expected --gmap_cost_out=FILE", a);
			opt.cost_out = v;
			opt.cost = true;
		} else if ((v = flag_value(a, "--gmap_cost"))) {
			opt.cost = !*v || !strcmp(v, "true") || !strcmp(v, "1");
			if (*v && !opt.cost && strcmp(v, "false") &&
			    strcmp(v, "0"))
				die("--gmap_cost=%s: expected true or false",
				    v);
		} else if ((v = flag_value(a, "--gmap_kvm_qemu"))) {
			opt.kvm.qemu = v;
		} else if ((v = flag_value(a, "--gmap_kvm_elf"))) {
			opt.kvm.l1_elf = v;
		} else if ((v = flag_value(a, "--gmap_kvm_cpuset"))) {
			opt.kvm.cpuset = v;
		} else if ((v = flag_value(a, "--gmap_kvm_accel"))) {
			opt.kvm.accel = v;
		} else if ((v = flag_value(a, "--gmap_kvm_cpu"))) {
			opt.kvm.cpu = v;
		} else if ((v = flag_value(a, "--gmap_kvm_dry_run"))) {
			opt.kvm.dry_run = true;
			opt.kvm.log = stdout;
		} else if (!strncmp(a, "--gmap_", 7)) {
			die("unknown flag '%s' (see --help)", a);
		} else {
			argv[n++] = argv[i];
		}
	}
	argv[n] = NULL;
	*argc = n;
}

static void export_counters(cbench_state *st, const struct gmap_counters *sum)
{
	int id;

	for_each_counter(id)
		if (gmap_counter_present(sum, id))
			cbench_counter(st, gmap_counter_names[id],
				       (double)sum->v[id],
				       CBENCH_COUNTER_AVG_ITERATIONS);
}

/*
 * A counter is exported only if every iteration observed it: an average
 * over the runs that had it, divided by all of them, would be wrong.
 */
static void add_counters(struct gmap_counters *sum,
			 const struct gmap_counters *c, bool first)
{
	int id;

	for_each_counter(id) {
		/* shadow_bytes is a level, not an event count: it sums too,
		 * and the per-iteration average is the level of one run */
		sum->v[id] += c->v[id];
	}
	sum->present = first ? c->present : sum->present & c->present;
}

#ifdef GMAPBENCH_COST
static struct cost_out *cost_out; /* --gmap_cost_out */

static void cost_benchmark_start(void)
{
	if (opt.cost)
		cost_reset();
}

static void cost_scenario(bool running)
{
	if (opt.cost && running)
		cost_start();
	else if (opt.cost)
		cost_stop();
}

/* kernel_bb and kernel_bb_<file> per iteration, and the functions */
static void cost_benchmark_end(cbench_state *st, const char *bench)
{
	struct cost_totals t;
	char name[64], err[256];
	int f;

	if (!opt.cost)
		return;
	if (cost_collect(&t, err, sizeof(err))) {
		cbench_skip_with_error(st, err);
		return;
	}
	cbench_counter(st, "kernel_bb", (double)t.total,
		       CBENCH_COUNTER_AVG_ITERATIONS);
	for (f = 0; f < COST_NR_FILES; f++) {
		snprintf(name, sizeof(name), "kernel_bb_%s",
			 cost_file_names[f]);
		cbench_counter(st, name, (double)t.file[f],
			       CBENCH_COUNTER_AVG_ITERATIONS);
	}
	if (cost_out)
		cost_out_add(cost_out, bench, &t, cbench_iterations(st));
	cost_totals_free(&t);
}

static void cost_out_start(void)
{
	char err[512];

	if (opt.cost_out &&
	    !(cost_out = cost_out_open(opt.cost_out, err, sizeof(err))))
		die("--gmap_cost_out=%s", err);
}

static int cost_out_finish(void)
{
	char err[512];

	if (cost_out && cost_out_close(cost_out, err, sizeof(err))) {
		fprintf(stderr, "gmapbench-%s: --gmap_cost_out=%s\n",
			GMAPBENCH_VARIANT, err);
		return 1;
	}
	return 0;
}
#else
static void cost_benchmark_start(void)
{
}

static void cost_scenario(bool running)
{
}

static void cost_benchmark_end(cbench_state *st, const char *bench)
{
}

static void cost_out_start(void)
{
}

static int cost_out_finish(void)
{
	return 0;
}
#endif

static void args_of(cbench_state *st, const struct scenario *s, int64_t *args)
{
	unsigned int i;

	scenario_defaults(s, args);
	for (i = 0; i < s->nr_params; i++)
		args[i] = cbench_range(st, i);
}

/* The machine a run of s with args needs: L1 memory from its needs. */
static void sim_config(const struct scenario *s, const int64_t *args,
		       struct gsim_config *cfg)
{
	struct scenario_needs n;
	uint64_t heap = 0, tables;
	int k;

	scenario_needs(s, args, &n);
	for (k = 0; k < L1_NR_FRAME_KINDS; k++)
		heap += n.frames[k] * l1_frame_size(k);
	gsim_config_default(cfg);
	/* the allocator hands out whole 1 MiB chunks of one kind each */
	heap += (uint64_t)L1_NR_FRAME_KINDS << 20;
	heap = (heap + 2 * heap / 8 + (1 << 20) - 1) & ~((1ULL << 20) - 1);
	cfg->l1_mem_bytes = L1_SIM_HEAP_START + heap + n.l1_bytes;
	cfg->l1_mem_bytes =
		(cfg->l1_mem_bytes + (8 << 20) - 1) & ~((8ULL << 20) - 1);
	/* L0 holds L1's memory, its own tables for it, and the shadow
	 * tables: a shadow page table is 4 KiB (with PGSTEs) per 2 KiB L1
	 * page table, a shadow region/segment table as large as L1's */
	tables = n.frames[L1_FRAME_PGT] * 2 * l1_frame_size(L1_FRAME_PGT) +
		 n.frames[L1_FRAME_CRST] * l1_frame_size(L1_FRAME_CRST);
	cfg->arena_bytes = cfg->l1_mem_bytes + cfg->l1_mem_bytes / 8 +
			   2 * tables + (64ULL << 20);
	cfg->arena_bytes =
		(cfg->arena_bytes + (1 << 20) - 1) & ~((1ULL << 20) - 1);
	cfg->l1_edat1 = n.edat1;
	cfg->l1_edat2 = n.edat2;
	cfg->check = opt.check ? GSIM_CHECK_ON : GSIM_CHECK_OFF;
	cfg->seed = opt.seed;
}

/* "pte_churn/ws_pages:256/interval:8/...": libcbench's instance name */
static void benchmark_name(const struct family *fam, const int64_t *args,
			   char *buf, size_t len)
{
	size_t n = snprintf(buf, len, "%s", fam->name);
	unsigned int i;

	for (i = 0; i < fam->s->nr_params && n < len; i++)
		n += snprintf(buf + n, len - n, "/%s:%lld",
			      fam->s->params[i].name, (long long)args[i]);
}

/* The mismatches of one benchmark, over its iterations */
struct bm_mismatches {
	uint64_t count[GSIM_MM_NR];
	char first[320];
};

static void add_mismatches(struct bm_mismatches *m, struct gsim *g)
{
	struct gsim_mismatches mm;
	unsigned int k;

	gsim_mismatches(g, &mm);
	for (k = 1; k < GSIM_MM_NR; k++)
		m->count[k] += mm.count[k];
	if (!m->first[0] && mm.first_kind)
		snprintf(m->first, sizeof(m->first), "%s",
			 mm.first[mm.first_kind]);
}

/* gmapbench: WRONG <name>: <N> mismatches (<kind> <n>, ...); first: ... */
static void report_wrong(const char *name, const struct bm_mismatches *m)
{
	char kinds[128];
	uint64_t total = 0;
	size_t n = 0;
	unsigned int k;

	kinds[0] = 0;
	for (k = 1; k < GSIM_MM_NR; k++) {
		if (!m->count[k])
			continue;
		total += m->count[k];
		n += snprintf(kinds + n, sizeof(kinds) - n, "%s%s %llu",
			      n ? ", " : "", gsim_mismatch_kind_name(k),
			      (unsigned long long)m->count[k]);
	}
	if (!total)
		return;
	outcome.wrong = true;
	fprintf(stderr,
		"gmapbench: WRONG %s: %llu mismatches (%s); first: %s\n", name,
		(unsigned long long)total, kinds, m->first);
}

static void bm_error(cbench_state *st, const char *msg)
{
	outcome.error = true;
	cbench_skip_with_error(st, msg);
}

static void bm_sim(cbench_state *st)
{
	const struct family *fam = cbench_user(st);
	const struct scenario *s = fam->s;
	int64_t args[SCENARIO_MAX_PARAMS];
	struct gmap_counters sum = {0}, c;
	struct bm_mismatches mm = {{0}};
	struct scenario_result res;
	struct l1_platform plat;
	struct gsim_config cfg;
	uint64_t accesses = 0;
	char err[512], name[256];
	bool first = true;
	struct gsim *g;

	args_of(st, s, args);
	benchmark_name(fam, args, name, sizeof(name));
	sim_config(s, args, &cfg);
	cost_benchmark_start();
	while (cbench_keep_running(st)) {
		cbench_pause_timing(st);
		g = gsim_create(&cfg, err, sizeof(err));
		if (!g) {
			bm_error(st, err);
			break;
		}
		l1_sim_platform(&plat, g, &cfg, false);
		if (scenario_check(s, args, &plat, err, sizeof(err))) {
			gsim_destroy(g);
			bm_error(st, err);
			break;
		}
		cbench_resume_timing(st);
		cost_scenario(true);
		scenario_run(s, args, &plat, &res);
		cost_scenario(false);
		cbench_pause_timing(st);
		gsim_counters(g, &c);
		add_mismatches(&mm, g);
		if (gsim_hung(g) || res.rc == L1_ERR_NO_PROGRESS) {
			/* no progress: the run of this benchmark ends */
			snprintf(err, sizeof(err), "%s",
				 gsim_hung(g) ? gsim_error(g) : res.error);
			fprintf(stderr, "gmapbench: HUNG %s: %s\n", name, err);
			outcome.hung = true;
			gsim_destroy(g);
			cbench_skip_with_error(st, err);
			break;
		}
		if (res.rc) {
			snprintf(err, sizeof(err), "%s: %s (%d)%s%s", s->name,
				 res.error, res.rc, *gsim_error(g) ? ": " : "",
				 gsim_error(g));
			gsim_destroy(g);
			bm_error(st, err);
			break;
		}
		add_counters(&sum, &c, first);
		first = false;
		accesses += res.l1.accesses;
		gsim_destroy(g);
		cbench_resume_timing(st);
	}
	report_wrong(name, &mm);
	if (cbench_error_occurred(st))
		return;
	export_counters(st, &sum);
	cost_benchmark_end(st, name);
	cbench_counter(st, "l2_accesses", (double)accesses,
		       CBENCH_COUNTER_AVG_ITERATIONS);
	cbench_set_items_processed(st, (int64_t)accesses);
}

/* "k=v k=v" for the bare-metal L1's command line */
static void args_kv(const struct scenario *s, const int64_t *args, char *buf,
		    size_t len)
{
	unsigned int i;
	size_t n = 0;

	buf[0] = 0;
	for (i = 0; i < s->nr_params && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s=%lld", i ? " " : "",
			      s->params[i].name, (long long)args[i]);
}

static void bm_kvm(cbench_state *st)
{
	const struct scenario *s = ((const struct family *)cbench_user(st))->s;
	int64_t args[SCENARIO_MAX_PARAMS];
	struct gmap_counters sum = {0}, c;
	struct kvm_run_timing t;
	char kv[512], err[1024]; /* the SIE refusal names facilities */
	bool first = true;

	args_of(st, s, args);
	args_kv(s, args, kv, sizeof(kv));
	while (cbench_keep_running(st)) {
		if (kvm_backend_run(&opt.kvm, s->name, kv, &c, &t, err,
				    sizeof(err))) {
			bm_error(st, err);
			return;
		}
		add_counters(&sum, &c, first);
		first = false;
		/* the L1's own STCKF time of its phases is the iteration */
		cbench_set_iteration_time(st, t.l1_ns ? t.l1_ns * 1e-9
						      : t.wall_ns * 1e-9);
	}
	export_counters(st, &sum);
}

static cbench_family *new_family(const struct scenario *s, const char *name)
{
	const char *names[SCENARIO_MAX_PARAMS];
	struct family *fam = calloc(1, sizeof(*fam));
	cbench_family *f;
	unsigned int i;

	if (!fam)
		die("%s: out of memory", name);
	fam->s = s;
	snprintf(fam->name, sizeof(fam->name), "%s", name);
	fam->next = families;
	families = fam;
	for (i = 0; i < s->nr_params; i++)
		names[i] = s->params[i].name;
	f = cbench_register(fam->name,
			    opt.backend == BACKEND_KVM ? bm_kvm : bm_sim);
	cbench_set_user(f, fam);
	cbench_set_arg_names_n(f, names, s->nr_params);
	cbench_set_unit(f, CBENCH_MILLISECOND);
	if (opt.backend == BACKEND_KVM)
		cbench_use_manual_time(f);
	return f;
}

/*
 * Registers <scenario> and <scenario>_large with their sets (sets.c); a
 * scenario without a nightly set runs at its defaults. A set naming an
 * unknown parameter or a value out of range is a bug: say so and stop.
 */
static void register_scenario(const struct scenario *s)
{
	int64_t args[SCENARIO_MAX_PARAMS];
	cbench_family *fam[2] = {NULL, NULL};
	char name[128], err[256];
	unsigned int i, k, nightly = 0;

	for (i = 0; i < nr_arg_sets; i++) {
		const struct arg_set *set = &arg_sets[i];

		if (strcmp(set->scenario, s->name))
			continue;
		scenario_defaults(s, args);
		for (k = 0; k < SET_MAX_ARGS && set->args[k].name; k++)
			if (scenario_set(s, args, set->args[k].name,
					 set->args[k].value, err, sizeof(err)))
				die("bench/suites/sets.c: %s", err);
		if (!fam[set->large]) {
			snprintf(name, sizeof(name), "%s%s", s->name,
				 set->large ? "_large" : "");
			fam[set->large] = new_family(s, name);
		}
		cbench_add_args_n(fam[set->large], args, s->nr_params);
		nightly += !set->large;
	}
	if (!nightly) {
		scenario_defaults(s, args);
		cbench_add_args_n(new_family(s, s->name), args, s->nr_params);
	}
}

/* --gmap_args=table_creation/span_gib:4: one instance, in its family */
static void register_only(const char *spec)
{
	int64_t args[SCENARIO_MAX_PARAMS];
	const struct scenario *s;
	const char *slash = strchr(spec, '/');
	char name[128], err[256];
	size_t n = slash ? (size_t)(slash - spec) : strlen(spec);

	snprintf(name, sizeof(name), "%.*s", (int)n, spec);
	s = scenario_find(name);
	if (!s)
		die("--gmap_args=%s: unknown scenario (see --gmap_list_suites)",
		    spec);
	scenario_defaults(s, args);
	if (slash && slash[1] &&
	    scenario_parse(s, args, slash + 1, err, sizeof(err))) {
		fprintf(stderr, "gmapbench-%s: --gmap_args=%s: %s\n",
			GMAPBENCH_VARIANT, spec, err);
		exit(1);
	}
	cbench_add_args_n(new_family(s, s->name), args, s->nr_params);
}

#ifndef GMAPBENCH_COST
/* --gmap_cost: the count build of this binary runs in its place */
static void exec_count_build(char **argv)
{
	char self[4096], twin[4200];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		die("--gmap_cost: /proc/self/exe: %s", strerror(errno));
	self[n] = 0;
	snprintf(twin, sizeof(twin), "%s-cost", self);
	execv(twin, argv);
	fprintf(stderr,
		"gmapbench-%s: --gmap_cost: %s: %s (make build/bin/gmapbench-%s-cost)\n",
		GMAPBENCH_VARIANT, twin, strerror(errno), GMAPBENCH_VARIANT);
	exit(1);
}
#endif

static void free_families(void)
{
	struct family *f;

	while ((f = families)) {
		families = f->next;
		free(f);
	}
}

int main(int argc, char **argv)
{
	char **all_args = malloc((argc + 1) * sizeof(*all_args));
	unsigned int i;
	char rel[128];

	if (!all_args)
		die("%s: out of memory", argv[0]);
	memcpy(all_args, argv, (argc + 1) * sizeof(*all_args));
	parse_gmap_flags(&argc, argv);
	if (opt.list_suites) {
		for (i = 0; i < scenario_count(); i++)
			printf("%s\n", scenario_at(i)->name);
		free(all_args);
		return 0;
	}
	if (opt.cost && opt.backend == BACKEND_KVM)
		die("--gmap_cost: counts host/sim's kernel code, not %s",
		    "--gmap_backend=kvm");
#ifndef GMAPBENCH_COST
	if (opt.cost)
		exec_count_build(all_args);
#endif
	free(all_args);
	cbench_initialize(&argc, argv);
	if (cbench_report_unrecognized_arguments(argc, argv))
		return 1;

	cbench_add_custom_context("variant", GMAPBENCH_VARIANT);
	cbench_add_custom_context("base", GMAPBENCH_BASE);
	cbench_add_custom_context("kernel_base", GMAPBENCH_KERNEL_BASE);
	cbench_add_custom_context("gmapbench_commit", gmapbench_commit);
	cbench_add_custom_context("backend",
				  opt.backend == BACKEND_KVM ? "kvm" : "sim");
	cbench_add_custom_context("gmap_check", opt.check ? "true" : "false");
	if (opt.cost)
		cbench_add_custom_context("gmap_cost", "true");
	cost_out_start();
	if (opt.backend == BACKEND_KVM)
		cbench_add_custom_context(
			"kernel_release",
			kvm_backend_kernel_release(rel, sizeof(rel)));

	for (i = 0; i < opt.nr_only; i++)
		register_only(opt.only[i]);
	for (i = 0; !opt.nr_only && i < scenario_count(); i++)
		register_scenario(scenario_at(i));
	if (cbench_run_specified() < 0) {
		cbench_shutdown();
		return 1; /* a bad regex, --benchmark_out or --cbench_pin */
	}
	cbench_shutdown();
	free_families();
	if (cost_out_finish())
		return 1;
	if (outcome.wrong)
		return 3;
	if (outcome.hung)
		return 4;
	return outcome.error ? 1 : 0;
}
