/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal QMP client (QEMU Machine Protocol over a UNIX socket), enough
 * for the backend: the capabilities handshake, commands, waiting for an
 * event, and query-stats (qapi/stats.json, QEMU 7.1+) into a kvm_stat_set.
 */
#ifndef GMAPBENCH_KVM_QMP_H
#define GMAPBENCH_KVM_QMP_H

#include <stddef.h>

#include "json.h"
#include "kvm_stats.h"

struct qmp {
	int fd;
	char *buf; /* bytes received, not yet consumed */
	size_t len, cap;
	char version[64]; /* QEMU's version from the greeting */
	char events[8][48]; /* names of the last events seen */
	unsigned int nr_events;
};

/*
 * Connects to path (retrying while QEMU creates it, up to timeout_ms),
 * reads the greeting and negotiates capabilities. 0 or -errno with err.
 */
int qmp_connect(struct qmp *q, const char *path, int timeout_ms, char *err,
		size_t errlen);
void qmp_close(struct qmp *q);

/*
 * Sends one command (a JSON object text) and returns the parsed reply:
 * the value of "return" inside *doc (free *doc with json_free). A QMP
 * "error" reply gives NULL with "class: desc" in err.
 */
const struct json *qmp_execute(struct qmp *q, const char *cmd, int timeout_ms,
			       struct json **doc, char *err, size_t errlen);

/* Waits for an event called name (or finds it already seen). */
int qmp_wait_event(struct qmp *q, const char *name, int timeout_ms, char *err,
		   size_t errlen);

/*
 * query-stats for target "vm" or "vcpu", provider kvm; vCPU statistics are
 * summed over the vCPUs. An empty result (no KVM provider, e.g. TCG) is
 * -ENODATA with a message.
 */
int qmp_query_stats(struct qmp *q, const char *target, int timeout_ms,
		    struct kvm_stat_set *out, char *err, size_t errlen);

/*
 * The parser of a query-stats "return" value ([StatsResult]): adds every
 * statistic of provider "kvm" (values summed over results; a list value
 * is summed; a boolean is 0/1). Returns the number of results read, or
 * -EINVAL with a message naming the offending element.
 */
int qmp_parse_stats(const struct json *ret, struct kvm_stat_set *out, char *err,
		    size_t errlen);

#endif /* GMAPBENCH_KVM_QMP_H */
