// SPDX-License-Identifier: GPL-2.0
/* What keeps KVM from offering SIE to the L1 (kvm_sie_check.h). */
#include "kvm_sie_check.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const struct kvm_sie_feature kvm_sie_features[] = {
	{"sief2", "SIEF2 (SIE interception format 2)"},
	{"esop", "ESOP (enhanced suppression on protection)"},
	{"64bscao", "64-bit SCAO"},
	{"dateh", "facility 3 (DAT enhancement)"},
	{NULL, NULL},
};

static void add(char *out, size_t outlen, const char *fmt, const char *a,
		const char *b)
{
	size_t n = strlen(out);

	if (n + 2 >= outlen)
		return;
	if (n)
		n += snprintf(out + n, outlen - n, "; ");
	snprintf(out + n, outlen - n, fmt, a, b);
}

int kvm_sie_host_missing(const char *sysfs, const char *cpuinfo, char *out,
			 size_t outlen)
{
	char path[1024], line[4096] = "";
	int missing = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/module/kvm/parameters/nested", sysfs);
	f = fopen(path, "r");
	if (!f) {
		add(out, outlen, "no %s%s: is the kvm module loaded?", path,
		    "");
		missing++;
	} else {
		if (!fgets(line, sizeof(line), f))
			line[0] = 0;
		fclose(f);
		line[strcspn(line, "\n")] = 0;
		if (strcmp(line, "1") && strcmp(line, "Y")) {
			add(out, outlen,
			    "nested: %s reads '%s', not 1 (boot with kvm.nested=1)",
			    path, line);
			missing++;
		}
	}
	f = fopen(cpuinfo, "r");
	if (!f)
		return missing;
	/* "features\t: esan3 zarch stfle msa ldisp eimm dfp edat ... sie" */
	while (fgets(line, sizeof(line), f)) {
		char *p = strchr(line, ':'), *w, *save;
		bool sie = false;

		if (strncmp(line, "features", 8) || !p)
			continue;
		for (w = strtok_r(p + 1, " \t\n", &save); w;
		     w = strtok_r(NULL, " \t\n", &save))
			sie |= !strcmp(w, "sie");
		if (!sie) {
			add(out, outlen,
			    "SIEF2: %s's features lack 'sie' (the LPAR offers no SIEF2 to Linux)%s",
			    cpuinfo, "");
			missing++;
		}
		break;
	}
	fclose(f);
	return missing;
}

int kvm_sie_model_missing(const struct json *ret, const char *model, char *out,
			  size_t outlen)
{
	const struct json *props = json_get(json_get(ret, "model"), "props");
	const struct kvm_sie_feature *ft;
	char what[160];
	int missing = 0;

	if (!props)
		return -EINVAL;
	for (ft = kvm_sie_features; ft->prop; ft++) {
		const struct json *v = json_get(props, ft->prop);

		if (v && v->type == JSON_TRUE)
			continue;
		snprintf(what, sizeof(what), "CPU model '%s' has no '%s'",
			 model, ft->prop);
		add(out, outlen, "%s: %s", ft->facility, what);
		missing++;
	}
	return missing;
}
