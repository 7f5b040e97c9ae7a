// SPDX-License-Identifier: GPL-2.0
/* The nightly state machine: build -> boot -> measure per variant. */
#include "kvm_error.h"
#include "kvm_nightly.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kvm_backend.h"
#include "kvm_exec.h"

#define MAX_VARIANTS 64
#define MAX_ARGS 64
#define ON_PANIC "/sys/firmware/shutdown_actions/on_panic"

static void say(const struct kvm_nightly_opts *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->log)
		return;
	fputs("# ", o->log);
	va_start(ap, fmt);
	vfprintf(o->log, fmt, ap);
	va_end(ap);
	fputc('\n', o->log);
	fflush(o->log);
}

/*
 * phase: build (on the default kernel), measure (the variant booted, or
 * should have), suite (the suite started on it), restore (rebooting into
 * the default kernel), finished.
 */
struct state {
	char date[16];
	char variants[KVM_CFG_STR];
	unsigned int index;
	char phase[16];
	char release[128];
	char default_release[128]; /* uname -r when the night started */
	long long boot_started; /* seconds since the epoch */
	char failed[KVM_CFG_STR];
	char no_boot[KVM_CFG_STR]; /* variants that did not boot */
};

static void state_path(const struct kvm_config *c, char *p, size_t n)
{
	snprintf(p, n, "%s/state", c->state_dir);
}

static int state_load(const struct kvm_config *c, struct state *s, char *err,
		      size_t errlen)
{
	char path[KVM_CFG_STR + 16], line[1024], *eq, *nl;
	int n = 0;
	FILE *f;

	memset(s, 0, sizeof(*s));
	state_path(c, path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", path,
				strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		n++;
		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		eq = strchr(line, '=');
		if (!eq) {
			fclose(f);
			return kvm_fail(err, errlen, -EINVAL,
					"%s:%d: expected key=value", path, n);
		}
		*eq++ = 0;
		if (!strcmp(line, "date"))
			snprintf(s->date, sizeof(s->date), "%s", eq);
		else if (!strcmp(line, "variants"))
			snprintf(s->variants, sizeof(s->variants), "%s", eq);
		else if (!strcmp(line, "index"))
			s->index = (unsigned int)strtoul(eq, NULL, 10);
		else if (!strcmp(line, "phase"))
			snprintf(s->phase, sizeof(s->phase), "%s", eq);
		else if (!strcmp(line, "release"))
			snprintf(s->release, sizeof(s->release), "%s", eq);
		else if (!strcmp(line, "failed"))
			snprintf(s->failed, sizeof(s->failed), "%s", eq);
		else if (!strcmp(line, "default_release"))
			snprintf(s->default_release, sizeof(s->default_release),
				 "%s", eq);
		else if (!strcmp(line, "boot_started"))
			s->boot_started = strtoll(eq, NULL, 10);
		else if (!strcmp(line, "did_not_boot"))
			snprintf(s->no_boot, sizeof(s->no_boot), "%s", eq);
		else {
			fclose(f);
			return kvm_fail(err, errlen, -EINVAL,
					"%s:%d: unknown key '%s'", path, n,
					line);
		}
	}
	fclose(f);
	return 0;
}

/* Written to a temporary name and renamed; printed only in a dry run. */
static int state_save(const struct kvm_config *c,
		      const struct kvm_nightly_opts *o, const struct state *s,
		      char *err, size_t errlen)
{
	char path[KVM_CFG_STR + 16], tmp[KVM_CFG_STR + 32];
	FILE *f;

	say(o,
	    "state: date=%s index=%u phase=%s release=%s failed=%s did_not_boot=%s%s",
	    s->date, s->index, s->phase, s->release, s->failed, s->no_boot,
	    o->dry_run ? " (dry run: not written)" : "");
	if (o->dry_run)
		return 0;
	mkdir(c->state_dir, 0755);
	state_path(c, path, sizeof(path));
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", tmp,
				strerror(errno));
	fprintf(f,
		"date=%s\nvariants=%s\nindex=%u\nphase=%s\nrelease=%s\n"
		"default_release=%s\nboot_started=%lld\nfailed=%s\n"
		"did_not_boot=%s\n",
		s->date, s->variants, s->index, s->phase, s->release,
		s->default_release, s->boot_started, s->failed, s->no_boot);
	if (fclose(f) || rename(tmp, path))
		return kvm_fail(err, errlen, -errno, "%s: %s", path,
				strerror(errno));
	return 0;
}

static unsigned int split(char *s, char **w, unsigned int max)
{
	unsigned int n = 0;
	char *save, *t;

	for (t = strtok_r(s, " \t", &save); t && n < max;
	     t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	return n;
}

/* Every kernel-patches/<v>/series of the repository, sorted. */
static int list_variants(const struct kvm_config *c, char *out, size_t n,
			 char *err, size_t errlen)
{
	char dir[KVM_CFG_STR + 32], p[2 * KVM_CFG_STR];
	struct dirent **names;
	int i, k;

	snprintf(dir, sizeof(dir), "%s/kernel-patches", c->repo);
	k = scandir(dir, &names, NULL, alphasort);
	if (k < 0)
		return kvm_fail(err, errlen, -errno, "%s: %s", dir,
				strerror(errno));
	out[0] = 0;
	for (i = 0; i < k; i++) {
		snprintf(p, sizeof(p), "%s/%s/series", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && !access(p, R_OK) &&
		    strlen(out) + strlen(names[i]->d_name) + 2 < n) {
			if (out[0])
				strcat(out, " ");
			strcat(out, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return out[0] ? 0
		      : kvm_fail(err, errlen, -ENOENT,
				 "%s: no variant has a series file", dir);
}

int kvm_nightly_release(const char *ksrc, const char *variant, char *out,
			size_t outlen)
{
	char path[KVM_CFG_STR + 16], line[256], v[4][64] = {"", "", "", ""};
	static const char *const keys[] = {"VERSION", "PATCHLEVEL", "SUBLEVEL",
					   "EXTRAVERSION"};
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/Makefile", ksrc);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < 4; i++) {
			size_t k = strlen(keys[i]);
			char *p = line + k;

			if (strncmp(line, keys[i], k) ||
			    (*p != ' ' && *p != '='))
				continue;
			while (*p == ' ' || *p == '=')
				p++;
			p[strcspn(p, " \n")] = 0;
			if (!v[i][0])
				snprintf(v[i], sizeof(v[i]), "%s", p);
		}
	fclose(f);
	if (!v[0][0] || !v[1][0])
		return -EINVAL;
	snprintf(out, outlen, "%s.%s.%s%s-gmapbench-%s", v[0], v[1],
		 v[2][0] ? v[2] : "0", v[3], variant);
	return 0;
}

void kvm_nightly_cmdline(const char *cmdline, const char *extra,
			 unsigned int panic_s, char *out, size_t outlen)
{
	char buf[4096], *w[256];
	unsigned int n, i;
	size_t len = 0;

	snprintf(buf, sizeof(buf), "%s", cmdline);
	buf[strcspn(buf, "\n")] = 0;
	n = split(buf, w, 256);
	out[0] = 0;
	/* after "--" the words are init's: ours go before it */
	for (i = 0; i < n && strcmp(w[i], "--"); i++) {
		if (!strncmp(w[i], "BOOT_IMAGE=", 11) ||
		    !strncmp(w[i], "kvm.nested=", 11) ||
		    !strncmp(w[i], "kvm.hpage=", 10) ||
		    !strncmp(w[i], "panic=", 6) ||
		    !strncmp(w[i], "panic_on_oops=", 14))
			continue;
		len += snprintf(out + len, len < outlen ? outlen - len : 0,
				"%s ", w[i]);
	}
	snprintf(out + (len < outlen ? len : outlen - 1),
		 len < outlen ? outlen - len : 1,
		 "kvm.nested=1 kvm.hpage=0 panic=%u panic_on_oops=1%s%s",
		 panic_s, extra && *extra ? " " : "", extra ?: "");
	for (; i < n; i++) {
		len = strlen(out);
		snprintf(out + len, outlen - len, " %s", w[i]);
	}
}

static int run(const struct kvm_nightly_opts *o, char **argv,
	       const char *out_path)
{
	struct kvm_exec x = {.dry_run = o->dry_run, .log = o->log};

	return kvm_exec_run(&x, argv, out_path);
}

#define RUN(...)                                      \
	({                                            \
		char *__argv[] = {__VA_ARGS__, NULL}; \
		run(o, __argv, NULL);                 \
	})

static int build(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		 const char *variant, char *release, size_t release_len,
		 char *err, size_t errlen)
{
	char series[2 * KVM_CFG_STR], line[1024], patch[3 * KVM_CFG_STR],
		cfg[KVM_CFG_STR + 16], jobs[16], lv[128], *name,
		script[KVM_CFG_STR + 16], image[KVM_CFG_STR + 32],
		map[KVM_CFG_STR + 16], dst_image[256], dst_map[256],
		dst_cfg[256], dst_initrd[256];
	FILE *f;
	int rc;

	snprintf(series, sizeof(series), "%s/kernel-patches/%s/series", c->repo,
		 variant);
	f = fopen(series, "r");
	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", series,
				strerror(errno));
	rc = RUN("git", "-C", (char *)c->ksrc, "checkout", "--detach",
		 "--force", (char *)c->kernel_base);
	while (!rc && fgets(line, sizeof(line), f)) {
		name = line + strspn(line, " \t");
		name[strcspn(name, " \t\r\n#")] = 0;
		if (!*name)
			continue;
		snprintf(patch, sizeof(patch), "%s/kernel-patches/%s/%s",
			 c->repo, variant, name);
		rc = RUN("git", "-C", (char *)c->ksrc, "am", "--3way", patch);
		if (rc)
			RUN("git", "-C", (char *)c->ksrc, "am", "--abort");
	}
	fclose(f);
	if (rc)
		return kvm_fail(err, errlen, -EIO,
				"%s: the series does not apply to %s", variant,
				c->kernel_base);
	snprintf(cfg, sizeof(cfg), "%s/.config", c->ksrc);
	snprintf(jobs, sizeof(jobs), "-j%u", c->make_jobs);
	snprintf(lv, sizeof(lv), "-gmapbench-%s", variant);
	snprintf(script, sizeof(script), "%s/scripts/config", c->ksrc);
	if (*c->kernel_config)
		rc = RUN("cp", (char *)c->kernel_config, cfg);
	else
		rc = RUN("make", "-C", (char *)c->ksrc, "defconfig");
	/* KVM with nesting support, its statistics, tracepoints, kprobes,
	 * perf and the CPU-MF counter facility */
	rc = rc
		     ?: RUN(script, "--file", cfg, "--enable", "VIRTUALIZATION",
			    "--enable", "KVM", "--enable", "DEBUG_FS",
			    "--enable", "PERF_EVENTS", "--enable", "KPROBES",
			    "--enable", "KPROBE_EVENTS", "--enable", "FTRACE",
			    "--enable", "TRACEPOINTS", "--disable",
			    "LOCALVERSION_AUTO", "--set-str", "LOCALVERSION",
			    lv);
	rc = rc ?: RUN("make", "-C", (char *)c->ksrc, "olddefconfig");
	rc = rc ?: RUN("make", "-C", (char *)c->ksrc, jobs);
	if (rc)
		return kvm_fail(err, errlen, -EIO,
				"%s: kernel build failed (%d)", variant, rc);
	if (kvm_nightly_release(c->ksrc, variant, release, release_len))
		return kvm_fail(err, errlen, -EINVAL,
				"%.200s/Makefile: no kernel version", c->ksrc);
	/*
	 * Not "make install": Debian's installkernel runs the postinst
	 * hooks, which move the /boot/vmlinuz links and run zipl, i.e. make
	 * the variant the default kernel. Only files of its own release.
	 */
	snprintf(image, sizeof(image), "%s/arch/s390/boot/bzImage", c->ksrc);
	snprintf(map, sizeof(map), "%s/System.map", c->ksrc);
	snprintf(dst_image, sizeof(dst_image), "/boot/vmlinuz-%s", release);
	snprintf(dst_map, sizeof(dst_map), "/boot/System.map-%s", release);
	snprintf(dst_cfg, sizeof(dst_cfg), "/boot/config-%s", release);
	snprintf(dst_initrd, sizeof(dst_initrd), "/boot/initrd.img-%s",
		 release);
	rc = RUN("make", "-C", (char *)c->ksrc, "modules_install");
	rc = rc ?: RUN("install", "-m", "0644", image, dst_image);
	rc = rc ?: RUN("install", "-m", "0644", map, dst_map);
	rc = rc ?: RUN("install", "-m", "0644", cfg, dst_cfg);
	rc = rc ?: RUN("mkinitramfs", "-o", dst_initrd, release);
	if (rc)
		return kvm_fail(err, errlen, -EIO,
				"%s: kernel install failed (%d)", variant, rc);
	return 0;
}

/* Replaces {variant} {release} {host} {date} {timeout} in a command. */
static void expand(const char *tmpl, const char *variant, const char *release,
		   const char *date, unsigned int timeout_s, char *out,
		   size_t n)
{
	char host[256], timeout[16];
	size_t len = 0;
	const char *p = tmpl;

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "unknown");
	snprintf(timeout, sizeof(timeout), "%u", timeout_s);
	while (*p && len + 1 < n) {
		const char *v = NULL;
		size_t k = 0;

		if (!strncmp(p, "{variant}", 9))
			v = variant, k = 9;
		else if (!strncmp(p, "{release}", 9))
			v = release, k = 9;
		else if (!strncmp(p, "{host}", 6))
			v = host, k = 6;
		else if (!strncmp(p, "{date}", 6))
			v = date, k = 6;
		else if (!strncmp(p, "{timeout}", 9))
			v = timeout, k = 9;
		if (v) {
			len += snprintf(out + len, n - len, "%s", v);
			if (len >= n)
				len = n - 1;
			p += k;
		} else {
			out[len++] = *p++;
		}
	}
	out[len] = 0;
}

/*
 * Arms the outside watchdog, or disarms it ("none": nothing to do). A
 * watchdog that does not arm stops the night before any reboot.
 */
static int watchdog(const struct kvm_config *c,
		    const struct kvm_nightly_opts *o, const struct state *s,
		    const char *variant, bool arm)
{
	const char *tmpl = arm ? c->watchdog_arm : c->watchdog_disarm;
	char cmd[2 * KVM_CFG_STR], *argv[MAX_ARGS + 1];
	unsigned int n;

	if (!strcmp(c->watchdog_arm, "none")) {
		if (arm)
			say(o,
			    "watchdog: none (watchdog_arm = none): if %s hangs, "
			    "the host stays down until someone re-IPLs it",
			    s->release);
		return 0;
	}
	if (!*tmpl)
		return 0;
	expand(tmpl, variant, s->release, s->date, c->boot_timeout_s, cmd,
	       sizeof(cmd));
	n = split(cmd, argv, MAX_ARGS);
	argv[n] = NULL;
	return n ? run(o, argv, NULL) : 0;
}

/*
 * Boots release once, so that the default kernel comes back by itself:
 *  - kexec: the firmware's IPL (and re-IPL) target stays the default
 *    kernel; the variant runs with panic=N panic_on_oops=1, and its
 *    on_panic action is re-IPL (the resume unit sets it);
 *  - zipl: /etc/zipl.conf keeps its default; its [gmapbench] menu entry
 *    (zipl_entry) boots /boot/vmlinuz-gmapbench, and a chreipl selects it
 *    for the next IPL only; the variant's first act is to chreipl the
 *    default entry back.
 * The outside watchdog is armed last before the reboot.
 */
static int boot(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		const struct state *s, const char *variant, char *err,
		size_t errlen)
{
	char cmdline[4096] = "", params[4200], image[256], initrd[256],
	     initrd_arg[300], host[256];
	const char *release = s->release;
	FILE *f;

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	if (!kvm_config_host_allowed(c, host))
		return kvm_fail(
			err, errlen, -EPERM,
			"REFUSING TO REBOOT: this host is '%s', not one of the configuration's hosts '%s'",
			host, c->hosts);
	snprintf(image, sizeof(image), "/boot/vmlinuz-%s", release);
	snprintf(initrd, sizeof(initrd), "/boot/initrd.img-%s", release);
	if (!strcmp(c->boot, "kexec")) {
		char append[4300];

		f = fopen(o->proc_cmdline, "r");
		if (f) {
			if (!fgets(cmdline, sizeof(cmdline), f))
				cmdline[0] = 0;
			fclose(f);
		}
		kvm_nightly_cmdline(cmdline, c->cmdline_extra, c->panic_s,
				    params, sizeof(params));
		say(o,
		    "boot: %s once on host %s (kexec; re-IPL stays %s) with: %s",
		    release, host, s->default_release, params);
		snprintf(initrd_arg, sizeof(initrd_arg), "--initrd=%s", initrd);
		snprintf(append, sizeof(append), "--append=%s", params);
		if (RUN("kexec", "-l", image, initrd_arg, append))
			return kvm_fail(err, errlen, -EIO, "kexec -l %s failed",
					image);
		if (watchdog(c, o, s, variant, true)) {
			RUN("kexec", "-u");
			return kvm_fail(
				err, errlen, -EIO,
				"the watchdog did not arm: not booting %s",
				release);
		}
		return RUN("systemctl", "kexec")
			       ? kvm_fail(err, errlen, -EIO,
					  "systemctl kexec failed")
			       : 0;
	}
	say(o,
	    "boot: %s once on host %s (zipl menu entry %s, one-shot chreipl; "
	    "the default entry stays %s)",
	    release, host, c->zipl_entry, s->default_release);
	if (RUN("cp", image, "/boot/vmlinuz-gmapbench") ||
	    RUN("cp", initrd, "/boot/initrd.img-gmapbench") || RUN("zipl"))
		return kvm_fail(
			err, errlen, -EIO,
			"zipl: writing %s to the [gmapbench] entry failed",
			image);
	if (RUN("chreipl", "node", "/boot", "-L", (char *)c->zipl_entry))
		return kvm_fail(err, errlen, -EIO, "chreipl -L %s failed",
				c->zipl_entry);
	if (watchdog(c, o, s, variant, true)) {
		RUN("chreipl", "node", "/boot", "-L",
		    (char *)c->zipl_default_entry);
		return kvm_fail(err, errlen, -EIO,
				"the watchdog did not arm: not booting %s",
				release);
	}
	return RUN("systemctl", "reboot")
		       ? kvm_fail(err, errlen, -EIO, "systemctl reboot failed")
		       : 0;
}

static int measure(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		   const char *variant, const struct state *s, char *err,
		   size_t errlen)
{
	char nested[16] = "", cmd[4096], *argv[MAX_ARGS + 3],
	     outdir[KVM_CFG_STR], cfg[4096], env[4200];
	unsigned int n;
	FILE *f;
	int rc;

	if (!o->dry_run) {
		f = fopen(o->nested_param, "r");
		if (f) {
			if (!fgets(nested, sizeof(nested), f))
				nested[0] = 0;
			fclose(f);
		}
		/* an int parameter on s390: "1" (a bool's "Y" also taken) */
		if (nested[0] != '1' && nested[0] != 'Y')
			return kvm_fail(
				err, errlen, -ENODEV,
				"%s: %s is '%.1s', not 1: kvm.nested=1 did not take",
				variant, o->nested_param, nested);
	} else {
		say(o, "measure: check %s = 1", o->nested_param);
	}
	expand(c->suite, variant, s->release, s->date, 0, cmd, sizeof(cmd));
	/* results/<date>/<host>/ must exist for --benchmark_out */
	expand("results/{date}/{host}", variant, s->release, s->date, 0, outdir,
	       sizeof(outdir));
	RUN("mkdir", "-p", outdir);
	/* the suite's runs read this configuration (kvm_backend_config_default) */
	if (!o->config_path || !realpath(o->config_path, cfg))
		return kvm_fail(err, errlen, -ENOENT,
				"suite: cannot resolve %s",
				o->config_path ?: "the configuration");
	snprintf(env, sizeof(env), "GMAPBENCH_KVM_CONFIG=%s", cfg);
	argv[0] = "env";
	argv[1] = env;
	n = split(cmd, argv + 2, MAX_ARGS);
	argv[n + 2] = NULL;
	if (!n)
		return kvm_fail(err, errlen, -EINVAL, "suite: empty command");
	rc = run(o, argv, NULL);
	if (rc)
		return kvm_fail(err, errlen, -EIO,
				"%s: the suite exited with %d", variant, rc);
	return 0;
}

/* Writes one systemd unit (or prints it in a dry run). */
static int write_unit(const struct kvm_config *c,
		      const struct kvm_nightly_opts *o, const char *name,
		      const char *text, char *err, size_t errlen)
{
	char unit[KVM_CFG_STR + 64], tmp[KVM_CFG_STR + 80];
	FILE *f;

	snprintf(unit, sizeof(unit), "%s/%s", c->systemd_dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", unit);
	say(o, "unit %s%s:", unit, o->dry_run ? " (dry run: not written)" : "");
	f = o->dry_run ? o->log : fopen(tmp, "w");
	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", tmp,
				strerror(errno));
	fputs(text, f);
	if (!o->dry_run && (fclose(f) || rename(tmp, unit)))
		return kvm_fail(err, errlen, -errno, "%s: %s", unit,
				strerror(errno));
	return 0;
}

int kvm_nightly_install_resume(const struct kvm_config *c,
			       const struct kvm_nightly_opts *o, char *err,
			       size_t errlen)
{
	char repo[4096], self[4096], cfg[4096], text[3 * 4096 + 1024];
	int rc;

	if (!realpath(c->repo, repo) || !realpath(o->self, self) ||
	    !realpath(o->config_path, cfg))
		return kvm_fail(
			err, errlen, -ENOENT,
			"install-resume: cannot resolve the repository, %s or %s",
			o->self, o->config_path);
	snprintf(
		text, sizeof(text),
		"[Unit]\n"
		"Description=gmapbench IBM Z nightly: continue after a reboot\n"
		"After=local-fs.target network-online.target\n"
		"ConditionPathExists=%s/state\n\n"
		"[Service]\n"
		"Type=oneshot\n"
		"WorkingDirectory=%s\n"
		"ExecStart=%s --config %s nightly --resume\n\n"
		"[Install]\n"
		"WantedBy=multi-user.target\n",
		c->state_dir, repo, self, cfg);
	rc = write_unit(c, o, "gmapbench-kvm-resume.service", text, err,
			errlen);
	if (rc)
		return rc;
	/* s390's default on_panic action is "stop": the LPAR would stay
	 * down. During a night a panic re-IPLs, which boots the default
	 * kernel (kexec and the one-shot chreipl leave it the IPL target). */
	snprintf(
		text, sizeof(text),
		"[Unit]\n"
		"Description=gmapbench IBM Z nightly: re-IPL the default kernel on a panic\n"
		"DefaultDependencies=no\n"
		"After=local-fs.target\n"
		"Before=sysinit.target\n"
		"ConditionPathExists=%s/state\n"
		"ConditionPathExists=%s\n\n"
		"[Service]\n"
		"Type=oneshot\n"
		"ExecStart=/bin/sh -c 'echo reipl > %s'\n\n"
		"[Install]\n"
		"WantedBy=sysinit.target\n",
		c->state_dir, ON_PANIC, ON_PANIC);
	rc = write_unit(c, o, "gmapbench-kvm-on-panic.service", text, err,
			errlen);
	if (rc)
		return rc;
	if (RUN("systemctl", "daemon-reload") ||
	    RUN("systemctl", "enable", "gmapbench-kvm-resume.service",
		"gmapbench-kvm-on-panic.service"))
		return kvm_fail(err, errlen, -EIO, "systemctl enable failed");
	return 0;
}

static void add_word(char *list, size_t size, const char *word)
{
	if (strlen(list) + strlen(word) + 2 < size) {
		if (list[0])
			strcat(list, " ");
		strcat(list, word);
	}
}

static void add_failed(struct state *s, const char *variant, const char *why,
		       const struct kvm_nightly_opts *o)
{
	say(o, "variant %s FAILED: %s", variant, why);
	add_word(s->failed, sizeof(s->failed), variant);
}

static bool word_in(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (list && *list) {
		size_t w;

		list += strspn(list, " ,");
		w = strcspn(list, " ,");
		if (w == n && !strncmp(list, word, n))
			return true;
		list += w;
	}
	return false;
}

/*
 * The kernel running now. A dry run has none to ask: the variant's
 * release after its boot (or the default kernel's if dry_run_no_boot
 * names it), the default kernel's after a restore.
 */
static void running_release(const struct kvm_nightly_opts *o,
			    const struct state *s, const char *variant,
			    char *out, size_t n)
{
	if (!o->dry_run)
		kvm_backend_kernel_release(out, n);
	else if (variant && !word_in(o->dry_run_no_boot, variant))
		snprintf(out, n, "%s", s->release);
	else
		snprintf(out, n, "%s", s->default_release);
}

static long long now_s(const struct kvm_nightly_opts *o, const struct state *s)
{
	return o->dry_run ? s->boot_started : (long long)time(NULL);
}

/*
 * After the reboot into s->release: disarm the watchdog; on the variant,
 * make every later re-IPL the default kernel (zipl), measure, and set the
 * phase to restore. Back on another kernel, the variant did not boot (or
 * went down during its suite). Returns 0, or -errno to stop the night.
 */
static int after_boot(const struct kvm_config *c,
		      const struct kvm_nightly_opts *o, struct state *s,
		      const char *var, char *err, size_t errlen)
{
	char running[128], why[512];
	bool in_suite = !strcmp(s->phase, "suite");
	long long up_s;
	int rc;

	running_release(o, s, var, running, sizeof(running));
	say(o, "after the reboot: uname -r is %s%s, the variant's is %s",
	    running, o->dry_run ? " (dry run: as if)" : "", s->release);
	watchdog(c, o, s, var, false);
	if (strcmp(running, s->release)) {
		if (in_suite) {
			snprintf(
				why, sizeof(why),
				"the host went down during the suite and came back on %s",
				running);
			add_failed(s, var, why, o);
		} else {
			say(o,
			    "variant %s DID NOT BOOT: %s did not come back within %u s; the host is on %s",
			    var, s->release, c->boot_timeout_s, running);
			add_word(s->no_boot, sizeof(s->no_boot), var);
		}
		/* on the default kernel the night goes on from here */
		snprintf(s->phase, sizeof(s->phase), "%s",
			 strcmp(running, s->default_release) ? "restore"
							     : "next");
		return 0;
	}
	if (!strcmp(c->boot, "zipl") && RUN("chreipl", "node", "/boot", "-L",
					    (char *)c->zipl_default_entry))
		return kvm_fail(
			err, errlen, -EIO,
			"chreipl of the default entry %s failed on %s: re-IPL the default kernel by hand (docs/ibm-z.md, Recovery)",
			c->zipl_default_entry, s->release);
	up_s = now_s(o, s) - s->boot_started;
	if (!in_suite && up_s > (long long)c->boot_timeout_s) {
		say(o,
		    "variant %s DID NOT BOOT in time: up after %lld s, boot_timeout_s is %u",
		    var, up_s, c->boot_timeout_s);
		add_word(s->no_boot, sizeof(s->no_boot), var);
	} else if (in_suite) {
		add_failed(s, var, "the suite was interrupted (a reboot)", o);
	} else {
		snprintf(s->phase, sizeof(s->phase), "suite");
		rc = state_save(c, o, s, err, errlen);
		if (rc)
			return rc;
		rc = measure(c, o, var, s, why, sizeof(why));
		if (rc)
			add_failed(s, var, why, o);
	}
	snprintf(s->phase, sizeof(s->phase), "restore");
	return 0;
}

/* Back to the default kernel, with a reboot (phase "restoring"). */
static int restore(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		   struct state *s, unsigned int nv, char *err, size_t errlen)
{
	int rc;

	if (s->index + 1 == nv && !strcmp(c->restore, "none")) {
		say(o, "restore = none: staying on %s after the last variant",
		    s->release);
		snprintf(s->phase, sizeof(s->phase), "next");
		return 0;
	}
	snprintf(s->phase, sizeof(s->phase), "restoring");
	rc = state_save(c, o, s, err, errlen);
	if (rc)
		return rc;
	say(o, "restore: reboot into the default kernel %s",
	    s->default_release);
	if (!strcmp(c->boot, "zipl"))
		RUN("chreipl", "node", "/boot", "-L",
		    (char *)c->zipl_default_entry);
	if (RUN("systemctl", "reboot"))
		return kvm_fail(
			err, errlen, -EIO,
			"systemctl reboot failed: the host is still on %s",
			s->release);
	return 0;
}

/* Refused before any command: this night ends in reboots. */
static int refuse_unsafe(const struct kvm_config *c, char *err, size_t errlen)
{
	char host[256];

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	if (!kvm_config_host_allowed(c, host))
		return kvm_fail(
			err, errlen, -EPERM,
			"REFUSING TO RUN: this host is '%s', not one of the configuration's hosts '%s' (key 'hosts')",
			host, c->hosts);
	if (!*c->ksrc)
		return kvm_fail(
			err, errlen, -EINVAL,
			"configuration: 'ksrc' (a kernel git tree) is not set");
	if (!*c->watchdog_arm)
		return kvm_fail(
			err, errlen, -EINVAL,
			"REFUSING TO RUN: no outside watchdog (key 'watchdog_arm'): a variant that hangs would leave the LPAR down until someone re-IPLs it; set watchdog_arm (and watchdog_disarm) to commands, or watchdog_arm = none (docs/ibm-z.md)");
	if (!strcmp(c->boot, "zipl") &&
	    (!*c->zipl_entry ||
	     strspn(c->zipl_entry, "0123456789") != strlen(c->zipl_entry)))
		return kvm_fail(
			err, errlen, -EINVAL,
			"configuration: boot = zipl needs zipl_entry, the menu number of the [gmapbench] section of /etc/zipl.conf (docs/ibm-z.md)");
	return 0;
}

/* The state of a resumed night, or of a new one (saved); 1: finished. */
static int start_or_resume(const struct kvm_config *c,
			   const struct kvm_nightly_opts *o, struct state *s,
			   char *err, size_t errlen)
{
	int rc;

	if (o->resume) {
		rc = state_load(c, s, err, errlen);
		if (rc)
			return rc;
		if (!strcmp(s->phase, "finished")) {
			say(o, "night of %s finished; nothing to do", s->date);
			return 1;
		}
		if (!*s->default_release)
			return kvm_fail(
				err, errlen, -EINVAL,
				"%s/state: no default_release (an older gmapbench-kvm's): re-IPL the default kernel, remove the file and start the night again",
				c->state_dir);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		memset(s, 0, sizeof(*s));
		strftime(s->date, sizeof(s->date), "%Y-%m-%d",
			 gmtime_r(&now, &tm));
		kvm_backend_kernel_release(s->default_release,
					   sizeof(s->default_release));
		if (*c->variants)
			snprintf(s->variants, sizeof(s->variants), "%s",
				 c->variants);
		else if ((rc = list_variants(c, s->variants,
					     sizeof(s->variants), err, errlen)))
			return rc;
		snprintf(s->phase, sizeof(s->phase), "build");
		say(o, "the default kernel: %s (restored after every variant)",
		    s->default_release);
		rc = state_save(c, o, s, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * Phase "build": the variant built, installed and booted (saved before the
 * reboot, so that the resume goes on); 1: the machine reboots now.
 */
static int build_and_boot(const struct kvm_config *c,
			  const struct kvm_nightly_opts *o, struct state *s,
			  const char *var, unsigned int nv, char *err,
			  size_t errlen)
{
	char why[512];
	int rc;

	say(o, "variant %s (%u of %u): build and install", var, s->index + 1,
	    nv);
	rc = build(c, o, var, s->release, sizeof(s->release), why, sizeof(why));
	if (rc) {
		add_failed(s, var, why, o);
		snprintf(s->phase, sizeof(s->phase), "next");
	} else {
		snprintf(s->phase, sizeof(s->phase), "measure");
		s->boot_started = (long long)time(NULL);
		/* saved before the reboot: the resume goes on */
		rc = state_save(c, o, s, err, errlen);
		if (rc)
			return rc;
		rc = boot(c, o, s, var, why, sizeof(why));
		if (rc) {
			/* still on the default kernel */
			watchdog(c, o, s, var, false);
			add_failed(s, var, why, o);
			snprintf(s->phase, sizeof(s->phase), "next");
		} else if (!o->dry_run) {
			return 1; /* the machine reboots */
		} else {
			say(o,
			    "(the host boots %s; gmapbench-kvm-resume.service then runs: %s --config %s nightly --resume; if %s is not up within %u s, the watchdog re-IPLs the default kernel %s, and the resume finds it there)",
			    s->release, o->self, o->config_path, s->release,
			    c->boot_timeout_s, s->default_release);
		}
	}
	return 0;
}

/* Phase "restoring", after the reboot: it must be the default kernel. */
static int check_restored(const struct kvm_nightly_opts *o,
			  const struct state *s, char *err, size_t errlen)
{
	char running[128];

	running_release(o, s, NULL, running, sizeof(running));
	if (strcmp(running, s->default_release))
		return kvm_fail(
			err, errlen, -ESRCH,
			"restore: running %s, not the default kernel %s: re-IPL the default kernel (docs/ibm-z.md, Recovery), then run nightly --resume",
			running, s->default_release);
	say(o, "restore: back on the default kernel %s", running);
	return 0;
}

/* After the last variant: the night's status. */
static int finish(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		  struct state *s, unsigned int nv, char *err, size_t errlen)
{
	int rc;

	say(o, "all %u variants done%s%s%s%s", nv,
	    s->failed[0] ? "; failed: " : "", s->failed,
	    s->no_boot[0] ? "; did not boot: " : "", s->no_boot);
	snprintf(s->phase, sizeof(s->phase), "finished");
	rc = state_save(c, o, s, err, errlen);
	if (rc)
		return rc;
	if (s->failed[0] || s->no_boot[0])
		return kvm_fail(err, errlen, -EIO,
				"variants failed: %s; did not boot: %s",
				s->failed[0] ? s->failed : "none",
				s->no_boot[0] ? s->no_boot : "none");
	return 0;
}

int kvm_nightly(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		char *err, size_t errlen)
{
	char vbuf[KVM_CFG_STR], *v[MAX_VARIANTS];
	struct state s;
	unsigned int nv;
	int rc;

	rc = refuse_unsafe(c, err, errlen);
	if (rc)
		return rc;
	rc = start_or_resume(c, o, &s, err, errlen);
	if (rc)
		return rc > 0 ? 0 : rc;
	snprintf(vbuf, sizeof(vbuf), "%s", s.variants);
	nv = split(vbuf, v, MAX_VARIANTS);

	while (s.index < nv) {
		const char *var = v[s.index];

		if (!strcmp(s.phase, "build")) {
			rc = build_and_boot(c, o, &s, var, nv, err, errlen);
			if (rc)
				return rc > 0 ? 0 : rc;
		}
		if (!strcmp(s.phase, "measure") || !strcmp(s.phase, "suite")) {
			rc = after_boot(c, o, &s, var, err, errlen);
			if (rc)
				return rc;
		}
		if (!strcmp(s.phase, "restore")) {
			rc = restore(c, o, &s, nv, err, errlen);
			if (rc ||
			    (!o->dry_run && !strcmp(s.phase, "restoring")))
				return rc; /* the machine reboots */
		}
		if (!strcmp(s.phase, "restoring")) {
			rc = check_restored(o, &s, err, errlen);
			if (rc)
				return rc;
		}
		s.index++;
		snprintf(s.phase, sizeof(s.phase), "build");
		s.release[0] = 0;
		rc = state_save(c, o, &s, err, errlen);
		if (rc)
			return rc;
	}
	return finish(c, o, &s, nv, err, errlen);
}
