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

struct state {
	char date[16];
	char variants[KVM_CFG_STR];
	unsigned int index;
	char phase[16]; /* build boot measure restore finished */
	char release[128];
	char failed[KVM_CFG_STR];
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

	say(o, "state: date=%s index=%u phase=%s release=%s failed=%s%s",
	    s->date, s->index, s->phase, s->release, s->failed,
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
		"date=%s\nvariants=%s\nindex=%u\nphase=%s\nrelease=%s\nfailed=%s\n",
		s->date, s->variants, s->index, s->phase, s->release,
		s->failed);
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

void kvm_nightly_cmdline(const char *cmdline, const char *extra, char *out,
			 size_t outlen)
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
		    !strncmp(w[i], "kvm.hpage=", 10))
			continue;
		len += snprintf(out + len, len < outlen ? outlen - len : 0,
				"%s ", w[i]);
	}
	snprintf(out + (len < outlen ? len : outlen - 1),
		 len < outlen ? outlen - len : 1,
		 "kvm.nested=1 kvm.hpage=0%s%s", extra && *extra ? " " : "",
		 extra ?: "");
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
		 const char *variant, char *err, size_t errlen)
{
	char series[2 * KVM_CFG_STR], line[1024], patch[3 * KVM_CFG_STR],
		cfg[KVM_CFG_STR + 16], jobs[16], lv[128], *name,
		script[KVM_CFG_STR + 16];
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
	rc = rc ?: RUN("make", "-C", (char *)c->ksrc, "modules_install");
	rc = rc ?: RUN("make", "-C", (char *)c->ksrc, "install");
	if (rc)
		return kvm_fail(err, errlen, -EIO,
				"%s: kernel build or install failed (%d)",
				variant, rc);
	return 0;
}

static int boot(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		const char *release, char *err, size_t errlen)
{
	char cmdline[4096] = "", params[4200], image[256], initrd[256],
	     initrd_arg[300], host[256];
	FILE *f;

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	if (!kvm_config_host_allowed(c, host))
		return kvm_fail(
			err, errlen, -EPERM,
			"REFUSING TO REBOOT: this host is '%s', not one of the configuration's hosts '%s'",
			host, c->hosts);
	f = fopen(o->proc_cmdline, "r");
	if (f) {
		if (!fgets(cmdline, sizeof(cmdline), f))
			cmdline[0] = 0;
		fclose(f);
	}
	kvm_nightly_cmdline(cmdline, c->cmdline_extra, params, sizeof(params));
	snprintf(image, sizeof(image), "/boot/vmlinuz-%s", release);
	snprintf(initrd, sizeof(initrd), "/boot/initrd.img-%s", release);
	snprintf(initrd_arg, sizeof(initrd_arg), "--initrd=%s", initrd);
	say(o, "boot: %s on host %s (allowed) with: %s", release, host, params);
	if (!strcmp(c->boot, "kexec")) {
		char append[4300];

		snprintf(append, sizeof(append), "--append=%s", params);
		if (RUN("kexec", "-l", image, initrd_arg, append))
			return kvm_fail(err, errlen, -EIO, "kexec -l %s failed",
					image);
		return RUN("systemctl", "kexec")
			       ? kvm_fail(err, errlen, -EIO,
					  "systemctl kexec failed")
			       : 0;
	}
	if (RUN("zipl", "--target", "/boot", "--image", image, "--ramdisk",
		initrd, "--parameters", params))
		return kvm_fail(err, errlen, -EIO, "zipl for %s failed", image);
	return RUN("systemctl", "reboot")
		       ? kvm_fail(err, errlen, -EIO, "systemctl reboot failed")
		       : 0;
}

/* Replaces {variant} {release} {host} {date} in the suite command. */
static void expand(const char *tmpl, const char *variant, const char *release,
		   const char *date, char *out, size_t n)
{
	char host[256];
	size_t len = 0;
	const char *p = tmpl;

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "unknown");
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

static int measure(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		   const char *variant, const struct state *s, char *err,
		   size_t errlen)
{
	char rel[128], nested[16] = "", cmd[4096], *argv[MAX_ARGS + 3],
		       outdir[KVM_CFG_STR], cfg[4096], env[4200];
	unsigned int n;
	FILE *f;
	int rc;

	if (!o->dry_run) {
		kvm_backend_kernel_release(rel, sizeof(rel));
		if (strcmp(rel, s->release))
			return kvm_fail(
				err, errlen, -ESRCH,
				"%s: running %s, expected %s: the variant's kernel did not boot",
				variant, rel, s->release);
		f = fopen(o->nested_param, "r");
		if (f) {
			if (!fgets(nested, sizeof(nested), f))
				nested[0] = 0;
			fclose(f);
		}
		if (nested[0] != 'Y' && nested[0] != '1')
			return kvm_fail(
				err, errlen, -ENODEV,
				"%s: %s is '%.1s', not Y: kvm.nested=1 did not take",
				variant, o->nested_param, nested);
	} else {
		say(o, "measure: check uname -r = %s and %s = Y", s->release,
		    o->nested_param);
	}
	expand(c->suite, variant, s->release, s->date, cmd, sizeof(cmd));
	/* results/<date>/<host>/ must exist for --benchmark_out */
	expand("results/{date}/{host}", variant, s->release, s->date, outdir,
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

int kvm_nightly_install_resume(const struct kvm_config *c,
			       const struct kvm_nightly_opts *o, char *err,
			       size_t errlen)
{
	char unit[KVM_CFG_STR + 64], tmp[KVM_CFG_STR + 80], repo[4096],
		self[4096], cfg[4096];
	FILE *f;

	if (!realpath(c->repo, repo) || !realpath(o->self, self) ||
	    !realpath(o->config_path, cfg))
		return kvm_fail(
			err, errlen, -ENOENT,
			"install-resume: cannot resolve the repository, %s or %s",
			o->self, o->config_path);
	snprintf(unit, sizeof(unit), "%s/gmapbench-kvm-resume.service",
		 c->systemd_dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", unit);
	say(o, "resume unit %s%s:", unit,
	    o->dry_run ? " (dry run: not written)" : "");
	f = o->dry_run ? o->log : fopen(tmp, "w");
	if (!f)
		return kvm_fail(err, errlen, -errno, "%s: %s", tmp,
				strerror(errno));
	fprintf(f,
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
	if (!o->dry_run && (fclose(f) || rename(tmp, unit)))
		return kvm_fail(err, errlen, -errno, "%s: %s", unit,
				strerror(errno));
	if (RUN("systemctl", "daemon-reload") ||
	    RUN("systemctl", "enable", "gmapbench-kvm-resume.service"))
		return kvm_fail(err, errlen, -EIO, "systemctl enable failed");
	return 0;
}

static void add_failed(struct state *s, const char *variant, const char *why,
		       const struct kvm_nightly_opts *o)
{
	say(o, "variant %s FAILED: %s", variant, why);
	if (strlen(s->failed) + strlen(variant) + 2 < sizeof(s->failed)) {
		if (s->failed[0])
			strcat(s->failed, " ");
		strcat(s->failed, variant);
	}
}

int kvm_nightly(const struct kvm_config *c, const struct kvm_nightly_opts *o,
		char *err, size_t errlen)
{
	char vbuf[KVM_CFG_STR], *v[MAX_VARIANTS], host[256], why[512];
	struct state s;
	unsigned int nv;
	int rc;

	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	/* refuse before anything else: this night ends in reboots */
	if (!kvm_config_host_allowed(c, host))
		return kvm_fail(
			err, errlen, -EPERM,
			"REFUSING TO RUN: this host is '%s', not one of the configuration's hosts '%s' (key 'hosts')",
			host, c->hosts);
	if (!*c->ksrc)
		return kvm_fail(
			err, errlen, -EINVAL,
			"configuration: 'ksrc' (a kernel git tree) is not set");
	if (o->resume) {
		rc = state_load(c, &s, err, errlen);
		if (rc)
			return rc;
		if (!strcmp(s.phase, "finished")) {
			say(o, "night of %s finished; nothing to do", s.date);
			return 0;
		}
	} else {
		time_t now = time(NULL);
		struct tm tm;

		memset(&s, 0, sizeof(s));
		strftime(s.date, sizeof(s.date), "%Y-%m-%d",
			 gmtime_r(&now, &tm));
		if (*c->variants)
			snprintf(s.variants, sizeof(s.variants), "%s",
				 c->variants);
		else if ((rc = list_variants(c, s.variants, sizeof(s.variants),
					     err, errlen)))
			return rc;
		snprintf(s.phase, sizeof(s.phase), "build");
		rc = state_save(c, o, &s, err, errlen);
		if (rc)
			return rc;
	}
	snprintf(vbuf, sizeof(vbuf), "%s", s.variants);
	nv = split(vbuf, v, MAX_VARIANTS);

	while (s.index < nv) {
		const char *var = v[s.index];

		if (!strcmp(s.phase, "build")) {
			say(o, "variant %s (%u of %u): build and install", var,
			    s.index + 1, nv);
			rc = build(c, o, var, why, sizeof(why));
			if (!rc && kvm_nightly_release(c->ksrc, var, s.release,
						       sizeof(s.release))) {
				snprintf(why, sizeof(why),
					 "%.200s/Makefile: no kernel version",
					 c->ksrc);
				rc = -EINVAL;
			}
			if (rc) {
				add_failed(&s, var, why, o);
				s.index++;
				continue;
			}
			snprintf(s.phase, sizeof(s.phase), "measure");
			/* saved before the reboot: the resume continues here */
			rc = state_save(c, o, &s, err, errlen);
			rc = rc ?: boot(c, o, s.release, err, errlen);
			if (rc)
				return rc;
			if (!o->dry_run)
				return 0; /* the machine reboots now */
			say(o,
			    "(the host reboots into %s; gmapbench-kvm-resume.service runs: %s --config %s nightly --resume)",
			    s.release, o->self, o->config_path);
		}
		if (!strcmp(s.phase, "measure")) {
			rc = measure(c, o, var, &s, why, sizeof(why));
			if (rc)
				add_failed(&s, var, why, o);
		}
		s.index++;
		snprintf(s.phase, sizeof(s.phase), "build");
		s.release[0] = 0;
		rc = state_save(c, o, &s, err, errlen);
		if (rc)
			return rc;
	}
	say(o, "all %u variants done%s%s", nv, s.failed[0] ? "; failed: " : "",
	    s.failed);
	snprintf(s.phase, sizeof(s.phase), "finished");
	rc = state_save(c, o, &s, err, errlen);
	if (rc)
		return rc;
	if (!strcmp(c->boot, "zipl"))
		/* the IPL record back to /etc/zipl.conf's default */
		RUN("zipl");
	if (!strcmp(c->restore, "reboot"))
		RUN("systemctl", "reboot");
	return s.failed[0] ? kvm_fail(err, errlen, -EIO, "variants failed: %s",
				      s.failed)
			   : 0;
}
