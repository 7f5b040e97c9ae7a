// SPDX-License-Identifier: GPL-2.0
/* The QMP client: one line of JSON per message, in both directions. */
#include "kvm_error.h"
#include "kvm_qmp.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define QMP_LINE_MAX (16u << 20)

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Receives one message (a line) and parses it; NULL on error/timeout. */
static struct json *recv_msg(struct qmp *q, long long deadline, char *err,
			     size_t errlen)
{
	struct json_error jerr;
	struct json *doc;
	char *nl;
	ssize_t r;

	for (;;) {
		nl = q->len ? memchr(q->buf, '\n', q->len) : NULL;
		if (nl) {
			size_t n = nl - q->buf + 1;

			doc = json_parse(q->buf, n - 1, "qmp", &jerr);
			memmove(q->buf, q->buf + n, q->len - n);
			q->len -= n;
			if (!doc)
				kvm_fail(err, errlen, -EPROTO, "%s", jerr.msg);
			return doc;
		}
		if (q->len == q->cap) {
			char *b;

			if (q->cap >= QMP_LINE_MAX) {
				kvm_fail(err, errlen, -E2BIG,
					 "qmp: message longer than %u bytes",
					 QMP_LINE_MAX);
				return NULL;
			}
			b = realloc(q->buf, q->cap ? 2 * q->cap : 4096);
			if (!b) {
				kvm_fail(err, errlen, -ENOMEM,
					 "qmp: out of memory");
				return NULL;
			}
			q->buf = b;
			q->cap = q->cap ? 2 * q->cap : 4096;
		}
		{
			struct pollfd p = {.fd = q->fd, .events = POLLIN};
			long long left = deadline - now_ms();

			if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
				kvm_fail(err, errlen, -ETIMEDOUT,
					 "qmp: no answer from QEMU in time");
				return NULL;
			}
		}
		r = read(q->fd, q->buf + q->len, q->cap - q->len);
		if (r <= 0) {
			kvm_fail(err, errlen, -EPIPE,
				 "qmp: QEMU closed the socket%s",
				 r < 0 ? " (read error)" : "");
			return NULL;
		}
		q->len += r;
	}
}

static void note_event(struct qmp *q, const struct json *doc)
{
	const char *name = json_str(json_get(doc, "event"));

	if (!name)
		return;
	snprintf(q->events[q->nr_events % 8], sizeof(q->events[0]), "%s", name);
	q->nr_events++;
}

static int send_all(struct qmp *q, const char *s, char *err, size_t errlen)
{
	size_t len = strlen(s), off = 0;
	ssize_t w;

	while (off < len) {
		w = send(q->fd, s + off, len - off, MSG_NOSIGNAL);
		if (w <= 0)
			return kvm_fail(err, errlen, -EPIPE,
					"qmp: cannot send to QEMU");
		off += w;
	}
	return 0;
}

const struct json *qmp_execute(struct qmp *q, const char *cmd, int timeout_ms,
			       struct json **doc, char *err, size_t errlen)
{
	long long deadline = now_ms() + timeout_ms;
	const struct json *r;

	*doc = NULL;
	{
		/* one write: QEMU acts on a complete object at once (quit
		 * closes the socket before a separate newline arrives) */
		size_t n = strlen(cmd);
		char *line = malloc(n + 2);
		int rc;

		if (!line) {
			kvm_fail(err, errlen, -ENOMEM, "qmp: out of memory");
			return NULL;
		}
		memcpy(line, cmd, n);
		memcpy(line + n, "\n", 2);
		rc = send_all(q, line, err, errlen);
		free(line);
		if (rc)
			return NULL;
	}
	for (;;) {
		struct json *d = recv_msg(q, deadline, err, errlen);

		if (!d)
			return NULL;
		if (json_get(d, "event")) {
			note_event(q, d);
			json_free(d);
			continue;
		}
		r = json_get(d, "return");
		if (r) {
			*doc = d;
			return r;
		}
		r = json_get(d, "error");
		kvm_fail(err, errlen, -EIO, "qmp: %s: %s",
			 json_str(json_get(r, "class")) ?: "no class",
			 json_str(json_get(r, "desc")) ?: "unexpected reply");
		json_free(d);
		return NULL;
	}
}

int qmp_wait_event(struct qmp *q, const char *name, int timeout_ms, char *err,
		   size_t errlen)
{
	long long deadline = now_ms() + timeout_ms;
	unsigned int i;

	for (i = 0; i < 8 && i < q->nr_events; i++)
		if (!strcmp(q->events[(q->nr_events - 1 - i) % 8], name))
			return 0;
	for (;;) {
		struct json *d = recv_msg(q, deadline, err, errlen);
		bool hit;

		if (!d)
			return -ETIMEDOUT;
		note_event(q, d);
		hit = !strcmp(json_str(json_get(d, "event")) ?: "", name);
		json_free(d);
		if (hit)
			return 0;
	}
}

int qmp_connect(struct qmp *q, const char *path, int timeout_ms, char *err,
		size_t errlen)
{
	long long deadline = now_ms() + timeout_ms;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	const struct json *v, *ret;
	struct json *doc;

	memset(q, 0, sizeof(*q));
	q->fd = -1;
	if (strlen(path) >= sizeof(sa.sun_path))
		return kvm_fail(err, errlen, -ENAMETOOLONG,
				"qmp: socket path too long: %s", path);
	strcpy(sa.sun_path, path);
	for (;;) {
		q->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (q->fd < 0)
			return kvm_fail(err, errlen, -errno, "qmp: socket: %s",
					strerror(errno));
		if (!connect(q->fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		close(q->fd);
		q->fd = -1;
		if (now_ms() >= deadline)
			return kvm_fail(err, errlen, -ETIMEDOUT,
					"qmp: cannot connect to %s", path);
		usleep(20000);
	}
	doc = recv_msg(q, deadline, err, errlen);
	v = json_get(json_get(doc, "QMP"), "version");
	if (!v) {
		if (doc)
			kvm_fail(err, errlen, -EPROTO,
				 "qmp: %s: no QMP greeting", path);
		json_free(doc);
		qmp_close(q);
		return -EPROTO;
	}
	v = json_get(v, "qemu");
	snprintf(q->version, sizeof(q->version), "%.0f.%.0f.%.0f",
		 json_num(json_get(v, "major"), 0),
		 json_num(json_get(v, "minor"), 0),
		 json_num(json_get(v, "micro"), 0));
	json_free(doc);
	ret = qmp_execute(q, "{\"execute\":\"qmp_capabilities\"}",
			  (int)(deadline - now_ms()), &doc, err, errlen);
	if (!ret || ret->type != JSON_OBJECT) {
		json_free(doc);
		qmp_close(q);
		return -EPROTO;
	}
	json_free(doc);
	return 0;
}

void qmp_close(struct qmp *q)
{
	if (q->fd >= 0)
		close(q->fd);
	free(q->buf);
	q->fd = -1;
	q->buf = NULL;
	q->len = q->cap = 0;
}

static bool stat_value(const struct json *v, uint64_t *out)
{
	uint64_t item, sum = 0;
	size_t i;

	switch (v ? v->type : JSON_NULL) {
	case JSON_TRUE:
	case JSON_FALSE:
		*out = v->type == JSON_TRUE;
		return true;
	case JSON_NUMBER:
		return json_uint64(v, out);
	case JSON_ARRAY:
		for (i = 0; i < json_len(v); i++) {
			if (!json_uint64(json_at(v, i), &item))
				return false;
			sum += item;
		}
		*out = sum;
		return true;
	default:
		return false;
	}
}

int qmp_parse_stats(const struct json *ret, struct kvm_stat_set *out, char *err,
		    size_t errlen)
{
	size_t i, j;
	int n = 0;

	if (!ret || ret->type != JSON_ARRAY)
		return kvm_fail(
			err, errlen, -EINVAL,
			"query-stats: the return value is not an array");
	for (i = 0; i < json_len(ret); i++) {
		const struct json *r = json_at(ret, i);
		const char *prov = json_str(json_get(r, "provider"));
		const struct json *stats = json_get(r, "stats");

		if (!prov || !stats || stats->type != JSON_ARRAY)
			return kvm_fail(
				err, errlen, -EINVAL,
				"query-stats: result %zu lacks provider or stats (line %d)",
				i, r ? r->line : 0);
		if (strcmp(prov, "kvm"))
			continue;
		n++;
		for (j = 0; j < json_len(stats); j++) {
			const struct json *s = json_at(stats, j);
			const char *name = json_str(json_get(s, "name"));
			uint64_t v, old = 0;

			if (!name || !*name ||
			    strlen(name) >= KVM_STAT_NAME_MAX ||
			    !stat_value(json_get(s, "value"), &v))
				return kvm_fail(
					err, errlen, -EINVAL,
					"query-stats: result %zu stat %zu: bad name or value (line %d)",
					i, j, s ? s->line : 0);
			kvm_stat_get(out, name, &old);
			if (kvm_stat_put(out, name, old + v))
				return kvm_fail(err, errlen, -ENOMEM,
						"out of memory");
		}
	}
	return n;
}

int qmp_query_stats(struct qmp *q, const char *target, int timeout_ms,
		    struct kvm_stat_set *out, char *err, size_t errlen)
{
	char cmd[160];
	const struct json *ret;
	struct json *doc;
	int n;

	memset(out, 0, sizeof(*out));
	snprintf(
		cmd, sizeof(cmd),
		"{\"execute\":\"query-stats\",\"arguments\":{\"target\":\"%s\"}}",
		target);
	ret = qmp_execute(q, cmd, timeout_ms, &doc, err, errlen);
	if (!ret)
		return -EIO;
	n = qmp_parse_stats(ret, out, err, errlen);
	json_free(doc);
	if (n == 0) {
		kvm_stat_set_free(out);
		return kvm_fail(
			err, errlen, -ENODATA,
			"query-stats %s: no statistics from provider kvm (QEMU without KVM?)",
			target);
	}
	if (n < 0)
		kvm_stat_set_free(out);
	return n < 0 ? n : 0;
}
