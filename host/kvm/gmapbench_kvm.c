// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-kvm: the IBM Z runner (docs/ibm-z.md).
 *
 *   gmapbench-kvm [--dry-run [--dry-run-no-boot=V,...]] --config FILE
 *                 [--set KEY=VALUE]... COMMAND
 *     nightly [--resume]     build, boot and measure every variant
 *     install-resume         the systemd unit that resumes after reboots
 *     run SCENARIO [K=V]...  one run of the L1; prints a JSON object
 *     check-config           parse the configuration and print it
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kvm_backend.h"
#include "kvm_config.h"
#include "kvm_nightly.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: gmapbench-kvm [--dry-run [--dry-run-no-boot=VARIANT,...]] --config FILE\n"
		"                     [--set KEY=VALUE]... COMMAND\n"
		"  nightly [--resume]      build, boot (kvm.nested=1) and measure every variant\n"
		"  install-resume          install the systemd unit that resumes after reboots\n"
		"  run SCENARIO [K=V]...   one run of the L1 under QEMU/KVM; JSON on stdout\n"
		"  check-config            parse the configuration\n");
	return 2;
}

static void print_report(const char *scenario, const char *args,
			 const struct kvm_run_report *r, int rc,
			 const char *err)
{
	unsigned int i;
	size_t k;
	int id;

	printf("{\"scenario\":");
	json_put_string(stdout, scenario);
	printf(",\"args\":");
	json_put_string(stdout, args);
	printf(",\"rc\":%d", rc);
	if (rc) {
		printf(",\"error\":");
		json_put_string(stdout, err);
	}
	printf(",\"kernel_release\":");
	json_put_string(stdout, r->kernel_release);
	printf(",\"stats_source\":");
	json_put_string(stdout, r->stats_source);
	printf(",\"sie\":");
	json_put_string(stdout, r->timing.sie);
	printf(",\"wall_ns\":%llu,\"l1_ns\":%llu,\"phases\":[",
	       (unsigned long long)r->timing.wall_ns,
	       (unsigned long long)r->timing.l1_ns);
	for (i = 0; i < r->timing.nr_phases; i++) {
		printf("%s{\"name\":", i ? "," : "");
		json_put_string(stdout, r->timing.phase[i].name);
		printf(",\"stckf_ns\":%llu}",
		       (unsigned long long)r->timing.phase[i].ns);
	}
	printf("],\"counters\":{");
	for (i = 0, id = 0; id < GC_NR; id++)
		if (gmap_counter_present(&r->counters, id))
			printf("%s\"%s\":%llu", i++ ? "," : "",
			       gmap_counter_names[id],
			       (unsigned long long)r->counters.v[id]);
	printf("},\"absent\":[");
	for (i = 0, id = 0; id < GC_NR; id++)
		if (!gmap_counter_present(&r->counters, id))
			printf("%s\"%s\"", i++ ? "," : "",
			       gmap_counter_names[id]);
	printf("],\"deltas\":{");
	for (k = 0; k < r->deltas.nr; k++) {
		printf("%s", k ? "," : "");
		json_put_string(stdout, r->deltas.stats[k].name);
		printf(":%llu", (unsigned long long)r->deltas.stats[k].value);
	}
	printf("},\"l1\":{");
	for (k = 0; k < r->l1_counts.nr; k++) {
		printf("%s", k ? "," : "");
		json_put_string(stdout, r->l1_counts.stats[k].name + 3);
		printf(":%llu",
		       (unsigned long long)r->l1_counts.stats[k].value);
	}
	printf("}}\n");
}

/* --set KEY=VALUE; 0, or the exit status 2 with the reason printed */
static int set_option(struct kvm_config *c, const char *arg)
{
	char kv[2048], err[1024], *eq;

	snprintf(kv, sizeof(kv), "%s", arg);
	eq = strchr(kv, '=');
	if (!eq) {
		fprintf(stderr, "gmapbench-kvm: --set %s: expected KEY=VALUE\n",
			kv);
		return 2;
	}
	*eq = 0;
	if (kvm_config_set(c, kv, eq + 1, "--set", 0, err, sizeof(err))) {
		fprintf(stderr, "gmapbench-kvm: %s\n", err);
		return 2;
	}
	return 0;
}

/*
 * The options before the command, in order (--config before the --set
 * that change it). Returns the command's index, or -(exit status).
 */
static int parse_options(int argc, char **argv, struct kvm_nightly_opts *o,
			 struct kvm_config *c)
{
	char err[1024];
	int i, rc;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--dry-run")) {
			o->dry_run = true;
		} else if (!strncmp(argv[i], "--dry-run-no-boot=", 18)) {
			/* the dry run lets these variants' boots fail */
			o->dry_run_no_boot = argv[i] + 18;
		} else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			o->config_path = argv[++i];
			rc = kvm_config_load(c, o->config_path, err,
					     sizeof(err));
			if (rc) {
				fprintf(stderr, "gmapbench-kvm: %s\n", err);
				return -1;
			}
		} else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
			rc = set_option(c, argv[++i]);
			if (rc)
				return -rc;
		} else if (!strcmp(argv[i], "--help")) {
			usage();
			return 0;
		} else {
			fprintf(stderr, "gmapbench-kvm: unknown option %s\n",
				argv[i]);
			return -usage();
		}
	}
	if (i >= argc || !o->config_path)
		return -usage();
	if (o->dry_run_no_boot && !o->dry_run) {
		fprintf(stderr,
			"gmapbench-kvm: --dry-run-no-boot needs --dry-run\n");
		return -2;
	}
	return i;
}

/* run's K=V arguments as one "k=v k=v" string; 0, or exit status 2 */
static int join_run_args(int argc, char **argv, char *args, size_t len)
{
	int i;

	args[0] = 0;
	for (i = 0; i < argc; i++) {
		if (!strchr(argv[i], '=')) {
			fprintf(stderr, "gmapbench-kvm: run: '%s' is not K=V\n",
				argv[i]);
			return 2;
		}
		snprintf(args + strlen(args), len - strlen(args), "%s%s",
			 args[0] ? " " : "", argv[i]);
	}
	return 0;
}

/* run SCENARIO [K=V...]: the report as one JSON line (none in a dry run) */
static int run_command(const struct kvm_config *c,
		       const struct kvm_nightly_opts *o, const char *scenario,
		       const char *args, char *err, size_t errlen)
{
	struct kvm_backend_config b;
	struct kvm_run_report r;
	int rc;

	kvm_config_backend(c, &b);
	b.dry_run = o->dry_run;
	b.log = o->dry_run ? stdout : stderr;
	rc = kvm_backend_run_report(&b, scenario, args, &r, err, errlen);
	if (!o->dry_run)
		print_report(scenario, args, &r, rc, rc ? err : "");
	kvm_run_report_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	struct kvm_nightly_opts o = {
		.log = stdout,
		.proc_cmdline = "/proc/cmdline",
		.nested_param = "/sys/module/kvm/parameters/nested"};
	struct kvm_config c;
	const char *cmd;
	char err[1024];
	int i, rc;

	kvm_config_default(&c);
	o.self = argv[0];
	i = parse_options(argc, argv, &o, &c);
	if (i <= 0)
		return -i;
	cmd = argv[i++];
	o.proc_cmdline = c.proc_cmdline;

	if (!strcmp(cmd, "nightly")) {
		if (i < argc && !strcmp(argv[i], "--resume"))
			o.resume = true, i++;
		if (i < argc)
			return usage();
		rc = kvm_nightly(&c, &o, err, sizeof(err));
	} else if (!strcmp(cmd, "install-resume")) {
		rc = kvm_nightly_install_resume(&c, &o, err, sizeof(err));
	} else if (!strcmp(cmd, "run")) {
		char args[1024];

		if (i >= argc)
			return usage();
		if (join_run_args(argc - i - 1, argv + i + 1, args,
				  sizeof(args)))
			return 2;
		rc = run_command(&c, &o, argv[i], args, err, sizeof(err));
	} else if (!strcmp(cmd, "check-config")) {
		printf("# %s: ok; hosts '%s', boot %s, ksrc '%s', qemu %s, l1_elf %s\n",
		       o.config_path, c.hosts, c.boot, c.ksrc, c.qemu,
		       c.l1_elf);
		rc = 0;
	} else {
		fprintf(stderr, "gmapbench-kvm: unknown command %s\n", cmd);
		return usage();
	}
	if (rc) {
		fprintf(stderr, "gmapbench-kvm: %s\n", err);
		return 1;
	}
	return 0;
}
