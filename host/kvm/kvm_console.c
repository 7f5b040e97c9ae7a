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

/* The last line that starts with '{' (its \r removed), or NULL. */
static const char *last_json_line(const char *text, size_t len,
				  size_t *line_len, int *line_nr)
{
	const char *p = text, *end = text + len, *best = NULL, *nl;
	int line = 0;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		line++;
		/* the serial console may add \r; the JSON starts the line */
		if (p < nl && *p == '{') {
			best = p;
			*line_len = nl - p;
			*line_nr = line;
			while (*line_len && best[*line_len - 1] == '\r')
				(*line_len)--;
		}
	}
	return best;
}

/* "phases": [{"name":..., "stckf_ns":N}, ...]; 0 or -EINVAL */
static int take_phases(struct kvm_l1_report *r, const struct json *ph,
		       const char *name, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < json_len(ph) && r->nr_phases < KVM_L1_PHASES_MAX; i++) {
		const struct json *e = json_at(ph, i);
		uint64_t ns;

		if (!json_uint64(json_get(e, "stckf_ns"), &ns))
			return kvm_fail(
				err, errlen, -EINVAL,
				"L1 %s: phase %zu has no stckf_ns count", name,
				i);
		snprintf(r->phase[r->nr_phases].name, sizeof(r->phase[0].name),
			 "%s", json_str(json_get(e, "name")) ?: "?");
		r->phase[r->nr_phases++].ns = ns;
		r->l1_ns += ns;
	}
	return 0;
}

/* The fields of the L1's JSON object doc (named name) into r. */
static int take_report(struct kvm_l1_report *r, const struct json *doc,
		       const char *name, char *err, size_t errlen)
{
	const struct json *v = json_get(doc, "error");
	int rc;

	if (json_str(v)) {
		const char *detail = json_str(json_get(doc, "detail"));

		snprintf(r->error, sizeof(r->error), "%s%s%s", json_str(v),
			 detail ? ": " : "", detail ?: "");
		r->rc = -1;
	}
	json_int64(json_get(doc, "rc"), &r->rc);
	if (!json_str(json_get(doc, "scenario")) && !r->error[0])
		return kvm_fail(err, errlen, -EINVAL,
				"L1 %s: no \"scenario\" and no \"error\"",
				name);
	snprintf(r->scenario, sizeof(r->scenario), "%s",
		 json_str(json_get(doc, "scenario")) ?: "");
	snprintf(r->sie, sizeof(r->sie), "%s",
		 json_str(json_get(doc, "sie")) ?: "");
	rc = take_phases(r, json_get(doc, "phases"), name, err, errlen);
	if (rc)
		return rc;
	put_counts(r, json_get(doc, "l1"), "l1:");
	put_counts(r, doc, "l1:");
	return 0;
}

int kvm_console_parse(const char *text, size_t len, struct kvm_l1_report *r,
		      char *err, size_t errlen)
{
	const char *best;
	size_t best_len = 0;
	int best_line = 0, rc;
	struct json_error jerr;
	struct json *doc;
	char name[32];

	memset(r, 0, sizeof(*r));
	best = last_json_line(text, len, &best_len, &best_line);
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
	rc = take_report(r, doc, name, err, errlen);
	json_free(doc);
	if (rc)
		kvm_l1_report_free(r);
	return rc;
}
