// SPDX-License-Identifier: GPL-2.0
/*
 * The QMP client against a real qemu-system-s390x under TCG (no KVM here):
 * the handshake, query-stats as TCG answers it, the error path, and the
 * parser on the response shape of qapi/stats.json.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "kvm_exec.h"
#include "kvm_qmp.h"

static void parse_shapes(void)
{
	/* two vCPUs and a VM result, a histogram, a bool, another provider */
	static const char doc[] =
		"[{\"provider\":\"kvm\",\"qom-path\":\"/machine/unattached/device[0]\","
		"\"stats\":[{\"name\":\"instruction_sie\",\"value\":7},"
		"{\"name\":\"halt_wait_hist\",\"value\":[1,2,3]}]},"
		"{\"provider\":\"kvm\",\"qom-path\":\"/machine/unattached/device[1]\","
		"\"stats\":[{\"name\":\"instruction_sie\",\"value\":18446744073709551610}]},"
		"{\"provider\":\"kvm\",\"stats\":[{\"name\":\"gmap_shadow_create\",\"value\":3},"
		"{\"name\":\"flag\",\"value\":true}]},"
		"{\"provider\":\"other\",\"stats\":[{\"name\":\"instruction_sie\",\"value\":1000}]}]";
	static const char *const bad[] = {
		"{}",
		"[{\"stats\":[]}]",
		"[{\"provider\":\"kvm\",\"stats\":[{\"name\":\"x\",\"value\":-1}]}]",
		"[{\"provider\":\"kvm\",\"stats\":[{\"name\":\"x\",\"value\":1.5}]}]",
		"[{\"provider\":\"kvm\",\"stats\":[{\"name\":\"x\",\"value\":[1,\"a\"]}]}]",
		"[{\"provider\":\"kvm\",\"stats\":[{\"value\":1}]}]",
	};
	struct kvm_stat_set s = {0};
	struct json_error jerr;
	struct json *j = json_parse(doc, strlen(doc), "doc", &jerr);
	char err[256];
	uint64_t v = 0;
	size_t i;
	int n;

	n = qmp_parse_stats(j, &s, err, sizeof(err));
	tap_ok(n == 3, "parse: 3 kvm results (got %d: %s)", n,
	       n < 0 ? err : "");
	tap_ok(kvm_stat_get(&s, "instruction_sie", &v) &&
		       v == 7 + 18446744073709551610ull,
	       "parse: vCPU scalars summed as uint64 (wraps like the kernel's)");
	tap_ok(kvm_stat_get(&s, "halt_wait_hist", &v) && v == 6,
	       "parse: a list value is the sum of its buckets");
	tap_ok(kvm_stat_get(&s, "gmap_shadow_create", &v) && v == 3,
	       "parse: VM result without qom-path");
	tap_ok(kvm_stat_get(&s, "flag", &v) && v == 1, "parse: boolean as 1");
	json_free(j);
	kvm_stat_set_free(&s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		j = json_parse(bad[i], strlen(bad[i]), "bad", &jerr);
		err[0] = 0;
		n = qmp_parse_stats(j, &s, err, sizeof(err));
		tap_ok(n == -EINVAL && strstr(err, "query-stats"),
		       "parse rejects %s: %s", bad[i], err);
		json_free(j);
		kvm_stat_set_free(&s);
	}
}

int main(void)
{
	char dir[] = "build/tests/kvm-qmp-XXXXXX", sock[128], err[256];
	char sockarg[160];
	struct kvm_exec x = {.dry_run = false, .log = stdout};
	struct kvm_stat_set s;
	const struct json *ret;
	struct json *doc;
	struct qmp q;
	pid_t pid;
	int rc;

	tap_plan_unknown();
	parse_shapes();

	if (!mkdtemp(dir)) {
		tap_ok(false, "mkdtemp %s: %s", dir, strerror(errno));
		return tap_done();
	}
	snprintf(sock, sizeof(sock), "%s/qmp.sock", dir);
	snprintf(sockarg, sizeof(sockarg), "unix:%s,server=on,wait=off", sock);
	{
		char *argv[] = {"qemu-system-s390x",
				"-machine",
				"s390-ccw-virtio,accel=tcg",
				"-nographic",
				"-nodefaults",
				"-m",
				"64",
				"-qmp",
				sockarg,
				"-S",
				NULL};

		printf("# ");
		pid = kvm_exec_spawn(&x, argv, NULL);
	}
	if (!tap_ok(pid > 0, "qemu-system-s390x started (%d)", (int)pid)) {
		rmdir(dir);
		return tap_done();
	}
	rc = qmp_connect(&q, sock, 20000, err, sizeof(err));
	if (tap_ok(rc == 0, "handshake: greeting and qmp_capabilities (%s)",
		   rc ? err : q.version)) {
		tap_ok(q.version[0] >= '1' && strchr(q.version, '.'),
		       "greeting names QEMU's version %s", q.version);

		ret = qmp_execute(&q, "{\"execute\":\"query-status\"}", 10000,
				  &doc, err, sizeof(err));
		tap_ok(ret && !strcmp(json_str(json_get(ret, "status")) ?: "",
				      "prelaunch"),
		       "query-status: prelaunch under -S");
		json_free(doc);

		/* TCG has no stats provider: an empty list, not an error */
		ret = qmp_execute(
			&q,
			"{\"execute\":\"query-stats\",\"arguments\":{\"target\":\"vm\"}}",
			10000, &doc, err, sizeof(err));
		tap_ok(ret && ret->type == JSON_ARRAY && json_len(ret) == 0,
		       "query-stats vm under TCG answers [] (%s)",
		       ret ? json_type_name(ret->type) : err);
		json_free(doc);
		rc = qmp_query_stats(&q, "vcpu", 10000, &s, err, sizeof(err));
		tap_ok(rc == -ENODATA && strstr(err, "provider kvm"),
		       "qmp_query_stats under TCG: -ENODATA, \"%s\"", err);

		ret = qmp_execute(
			&q,
			"{\"execute\":\"query-stats\",\"arguments\":{\"target\":\"nosuch\"}}",
			10000, &doc, err, sizeof(err));
		tap_ok(!ret && strstr(err, "GenericError"),
		       "bad target: QMP error reported: %s", err);
		ret = qmp_execute(&q, "{\"execute\":\"no-such-command\"}",
				  10000, &doc, err, sizeof(err));
		tap_ok(!ret && strstr(err, "CommandNotFound"),
		       "unknown command: %s", err);

		ret = qmp_execute(&q, "{\"execute\":\"quit\"}", 10000, &doc,
				  err, sizeof(err));
		/* QEMU may exit before its reply to quit reaches us: EOF is fine */
		tap_ok(ret || strstr(err, "closed the socket"),
		       "quit accepted (reply, or EOF as QEMU exits): %s",
		       ret ? "reply" : err);
		json_free(doc);
		qmp_close(&q);
	}
	rc = kvm_exec_wait(pid, 20000);
	tap_ok(rc == 0, "QEMU exited with status 0 after quit (%d)", rc);
	unlink(sock);
	rmdir(dir);

	rc = qmp_connect(&q, sock, 200, err, sizeof(err));
	tap_ok(rc == -ETIMEDOUT && strstr(err, sock),
	       "connect to a missing socket times out naming it: %s", err);
	return tap_done();
}
