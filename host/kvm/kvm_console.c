// SPDX-License-Identifier: GPL-2.0
/* Reading the L1's JSON line from its console output. */
#include "kvm_error.h"
#include "kvm_console.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void kvm_l1_report_free(struct kvm_l1_report *r)
{
	kvm_stat_set_free(&r->counts);
	free(r->line);
	r->line = NULL;
}

static void put_counts(struct kvm_l1_report *r, const struct json *obj,
		       const char *prefix)
{
	char name[KVM_STAT_NAME_MAX];
	uint64_t v;
	size_t i;

	for (i = 0; i < json_len(obj); i++) {
		if (!json_uint64(json_at(obj, i), &v))
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, json_key(obj, i));
		kvm_stat_put(&r->counts, name, v);
	}
}

int kvm_console_parse(const char *text, size_t len, struct kvm_l1_report *r,
		      char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *best = NULL, *nl;
	size_t best_len = 0, i;
	int line = 0, best_line = 0;
	const struct json *ph, *v;
	struct json_error jerr;
	struct json *doc;
	char name[32];

	memset(r, 0, sizeof(*r));
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		line++;
		/* the serial console may add \r; the JSON starts the line */
		if (p < nl && *p == '{') {
			best = p;
			best_len = nl - p;
			best_line = line;
			while (best_len && best[best_len - 1] == '\r')
				best_len--;
		}
	}
	if (!best)
		return kvm_fail(
			err, errlen, -ENOENT,
			"L1 console: no JSON line in %zu bytes of output", len);
	snprintf(name, sizeof(name), "console line %d", best_line);
	doc = json_parse(best, best_len, name, &jerr);
	if (!doc)
		return kvm_fail(err, errlen, -EINVAL, "L1 %s", jerr.msg);
	if (doc->type != JSON_OBJECT) {
		json_free(doc);
		return kvm_fail(err, errlen, -EINVAL, "L1 %s: not an object",
				name);
	}
	r->line = strndup(best, best_len);
	v = json_get(doc, "error");
	if (json_str(v)) {
		const char *detail = json_str(json_get(doc, "detail"));

		snprintf(r->error, sizeof(r->error), "%s%s%s", json_str(v),
			 detail ? ": " : "", detail ?: "");
		r->rc = -1;
	}
	json_int64(json_get(doc, "rc"), &r->rc);
	if (!json_str(json_get(doc, "scenario")) && !r->error[0]) {
		json_free(doc);
		kvm_l1_report_free(r);
		return kvm_fail(err, errlen, -EINVAL,
				"L1 %s: no \"scenario\" and no \"error\"",
				name);
	}
	snprintf(r->scenario, sizeof(r->scenario), "%s",
		 json_str(json_get(doc, "scenario")) ?: "");
	snprintf(r->sie, sizeof(r->sie), "%s",
		 json_str(json_get(doc, "sie")) ?: "");
	ph = json_get(doc, "phases");
	for (i = 0; i < json_len(ph) && r->nr_phases < KVM_L1_PHASES_MAX; i++) {
		const struct json *e = json_at(ph, i);
		uint64_t ns;

		if (!json_uint64(json_get(e, "stckf_ns"), &ns)) {
			json_free(doc);
			kvm_l1_report_free(r);
			return kvm_fail(
				err, errlen, -EINVAL,
				"L1 %s: phase %zu has no stckf_ns count", name,
				i);
		}
		snprintf(r->phase[r->nr_phases].name, sizeof(r->phase[0].name),
			 "%s", json_str(json_get(e, "name")) ?: "?");
		r->phase[r->nr_phases++].ns = ns;
		r->l1_ns += ns;
	}
	put_counts(r, json_get(doc, "l1"), "l1:");
	put_counts(r, doc, "l1:");
	json_free(doc);
	return 0;
}
