// SPDX-License-Identifier: GPL-2.0
/*
 * gmapbench-job: runs one job of a night (an oracle pass, a count pass or a
 * timed round) under a time and a memory limit, and writes its outcome as
 * docs/verdicts.md defines it: state/<name>.<outcome>, one file, written to
 * a temporary name and renamed. See usage[] and docs/nightly.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: gmapbench-job [options] -- COMMAND [ARG...]\n"
	"\n"
	"  --state=DIR/NAME    write DIR/NAME.<outcome>: done, failed, wrong, hung\n"
	"                      or memory (and remove NAME's other outcomes)\n"
	"  --log=FILE          the command's stdout and stderr (appended)\n"
	"  --tee               copy the command's stdout to ours as well\n"
	"  --timeout=SECONDS   kill the job's process group after this (0: none)\n"
	"  --memory=KIB        kill it when its resident set passes this (0: none)\n"
	"  --rename=TMP:FINAL  on success rename TMP to FINAL; a missing or empty\n"
	"                      TMP fails the job (repeatable, up to 4)\n"
	"  --check-json=FILE   a Google Benchmark JSON with oracle_mismatches > 0\n"
	"                      makes the job wrong, whatever its exit status\n"
	"\n"
	"Outcome: exit 0 done; 3 wrong; 4 or the time limit hung; the memory limit\n"
	"memory; anything else failed. A done file holds wall_s= and peak_rss_kib=;\n"
	"the others a headline, then the tail of the log.\n"
	"Exit status: 0 done, 1 another outcome (recorded), 2 the job could not be\n"
	"run or its outcome not written (the message names the file and errno).\n";

#define TAIL_LINES 30
#define MAX_RENAMES 4
#define POLL_MS 20

static const char *const outcomes[] = {"done", "failed", "wrong", "hung",
				       "memory"};

static volatile sig_atomic_t stop_signal;

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt,
								...)
{
	va_list ap;

	fprintf(stderr, "gmapbench-job: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void on_signal(int sig)
{
	stop_signal = sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long parse_long(const char *opt, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		die("%s=%s: expected a non-negative integer", opt, s);
	return v;
}

/* The job's resident set in KiB, from /proc; -1 once it is gone. */
static long rss_kib(pid_t pid)
{
	char path[64], buf[128];
	long size, resident;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/statm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	if (sscanf(buf, "%ld %ld", &size, &resident) != 2)
		return -1;
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The last lines of a file, at most max bytes; "" if it cannot be read. */
static char *file_tail(const char *path, int lines, size_t max)
{
	char *buf = calloc(1, max + 1), *p;
	off_t size;
	ssize_t n;
	int fd;

	if (!buf)
		die("out of memory");
	fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return buf;
	size = lseek(fd, 0, SEEK_END);
	if (size < 0)
		size = 0;
	n = pread(fd, buf, max, size > (off_t)max ? size - (off_t)max : 0);
	close(fd);
	if (n <= 0) {
		buf[0] = 0;
		return buf;
	}
	buf[n] = 0;
	p = buf + n;
	if (p > buf && p[-1] == '\n')
		p--;
	while (p > buf && (p[-1] != '\n' || --lines > 0))
		p--;
	memmove(buf, p, strlen(p) + 1);
	return buf;
}

/*
 * The first line of the log that starts with "gmapbench: <word> " as
 * "<word> on <benchmark> (<rest>)", the headline docs/verdicts.md asks
 * for; false if there is none.
 */
static bool log_headline(const char *log, const char *word, char *out,
			 size_t len)
{
	char line[2048], prefix[64];
	bool found = false;
	FILE *f;

	f = log ? fopen(log, "r") : NULL;
	if (!f)
		return false;
	snprintf(prefix, sizeof(prefix), "gmapbench: %s ", word);
	while (!found && fgets(line, sizeof(line), f)) {
		char *bench, *rest;

		if (strncmp(line, prefix, strlen(prefix)))
			continue;
		line[strcspn(line, "\n")] = 0;
		bench = line + strlen(prefix);
		rest = strstr(bench, ": ");
		if (rest) {
			*rest = 0;
			snprintf(out, len, "%s on %s (%s)", word, bench,
				 rest + 2);
		} else {
			snprintf(out, len, "%s: %s", word, bench);
		}
		found = true;
	}
	fclose(f);
	return found;
}

/*
 * The first message of the log that says WRONG, after its last
 * "WRONG: " (the binaries before docs/verdicts.md's WRONG lines print
 * "<binary>: <suite>: WRONG: oracle: <message>"); false if there is none.
 */
static bool log_wrong(const char *log, char *out, size_t len)
{
	char line[2048], *w = NULL, *p;
	FILE *f = log ? fopen(log, "r") : NULL;

	out[0] = 0;
	if (!f)
		return false;
	while (!w && fgets(line, sizeof(line), f))
		for (p = strstr(line, "WRONG: "); p;
		     p = strstr(p + 1, "WRONG: "))
			w = p + strlen("WRONG: ");
	fclose(f);
	if (!w)
		return false;
	w[strcspn(w, "\n")] = 0;
	snprintf(out, len, "%.*s", (int)len - 1, w);
	return true;
}

/*
 * Mismatches in a Google Benchmark JSON: the first benchmark with
 * oracle_mismatches > 0 and how many it has; false when there are none.
 */
static bool json_mismatches(const char *path, const char *log, char *out,
			    size_t len)
{
	char line[4096], name[1024] = "?", first[400];
	bool found = false;
	FILE *f = fopen(path, "r");
	double n;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t");

		if (sscanf(p, "\"name\": \"%1023[^\"]\"", name) == 1)
			continue;
		if (sscanf(p, "\"oracle_mismatches\": %lf", &n) == 1 && n > 0) {
			snprintf(out, len, "WRONG on %s (%.15g mismatches%s%s)",
				 name, n,
				 log_wrong(log, first, sizeof(first))
					 ? "; first: "
					 : "",
				 first);
			found = true;
		}
	}
	fclose(f);
	return found;
}

static void write_all(int fd, const char *s, size_t n, const char *path)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die("%s: %s", path, strerror(errno));
		s += w;
		n -= (size_t)w;
	}
}

/* state/NAME.<outcome> with text, via a temporary name; the others go. */
static void write_state(const char *state, const char *outcome,
			const char *text)
{
	char path[4096], tmp[4200];
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s.%s", state, outcome);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("%s: %s", tmp, strerror(errno));
	write_all(fd, text, strlen(text), tmp);
	if (close(fd)) {
		unlink(tmp);
		die("%s: %s", tmp, strerror(errno));
	}
	for (i = 0; i < sizeof(outcomes) / sizeof(*outcomes); i++) {
		char other[4200];

		if (!strcmp(outcomes[i], outcome))
			continue;
		snprintf(other, sizeof(other), "%s.%s", state, outcomes[i]);
		if (unlink(other) && errno != ENOENT)
			die("%s: %s", other, strerror(errno));
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		die("%s: %s", path, strerror(errno));
	}
}

struct job {
	const char *state, *log, *check_json;
	const char *renames[MAX_RENAMES]; /* TMP:FINAL */
	int nrenames;
	bool tee;
	long timeout_s, memory_kib;
	/* what happened */
	pid_t pid;
	int status;
	bool timed_out, over_memory;
	long peak_kib;
	double wall_s;
	int log_errno; /* a failed write to the log */
};

static void start(struct job *j, char **argv, int *out_pipe)
{
	int p[2] = {-1, -1}, logfd;

	logfd = open(j->log ? j->log : "/dev/null",
		     O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (logfd < 0)
		die("%s: %s", j->log, strerror(errno));
	if (j->tee && pipe2(p, O_CLOEXEC))
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	j->pid = fork();
	if (j->pid < 0)
		die("fork: %s", strerror(errno));
	if (!j->pid) {
		/* its own process group, killed whole; gone when we are */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGPIPE, SIG_DFL);
		dup2(j->tee ? p[1] : logfd, STDOUT_FILENO);
		dup2(logfd, STDERR_FILENO);
		execvp(argv[0], argv);
		dprintf(STDERR_FILENO, "gmapbench-job: %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	setpgid(j->pid, j->pid);
	close(logfd);
	if (j->tee)
		close(p[1]);
	*out_pipe = p[0];
}

/* Copies what the job printed to the log and to our stdout. */
static bool pump(struct job *j, int fd, int logfd)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof(buf));
	ssize_t w;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	w = write(logfd, buf, (size_t)n);
	if (w != n && !j->log_errno)
		j->log_errno = w < 0 ? errno : ENOSPC;
	if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n || fflush(stdout))
		clearerr(stdout); /* nobody reads the progress: fine */
	return true;
}

static void watch(struct job *j, int out)
{
	int pidfd = (int)syscall(SYS_pidfd_open, j->pid, 0);
	int logfd = -1;
	double t0 = now();
	struct rusage ru = {0};
	bool exited = false;

	if (out >= 0) {
		logfd = open(j->log ? j->log : "/dev/null",
			     O_WRONLY | O_APPEND | O_CLOEXEC);
		if (logfd < 0)
			die("%s: %s", j->log, strerror(errno));
	}
	while (!exited || out >= 0) {
		struct pollfd pf[2] = {{out, POLLIN, 0}, {pidfd, POLLIN, 0}};
		long rss;
		pid_t w;

		if (poll(pf, 2, POLL_MS) > 0 && out >= 0 &&
		    (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !pump(j, out, logfd)) {
			close(out);
			out = -1;
		}
		if (!exited) {
			w = wait4(j->pid, &j->status, WNOHANG, &ru);
			if (w == j->pid) {
				exited = true;
				j->wall_s = now() - t0;
				/* whatever it left running goes with it */
				kill(-j->pid, SIGKILL);
				continue;
			}
		}
		if (stop_signal) {
			kill(-j->pid, SIGKILL);
			waitpid(j->pid, NULL, 0);
			signal(stop_signal, SIG_DFL);
			raise(stop_signal);
			exit(128 + stop_signal);
		}
		if (exited)
			continue;
		rss = rss_kib(j->pid);
		if (rss > j->peak_kib)
			j->peak_kib = rss;
		if (j->memory_kib && rss > j->memory_kib && !j->over_memory) {
			j->over_memory = true;
			kill(-j->pid, SIGKILL);
		}
		if (j->timeout_s && !j->timed_out &&
		    now() - t0 > (double)j->timeout_s) {
			j->timed_out = true;
			kill(-j->pid, SIGKILL);
		}
	}
	if (pidfd >= 0)
		close(pidfd);
	if (logfd >= 0)
		close(logfd);
	if (ru.ru_maxrss > j->peak_kib)
		j->peak_kib = ru.ru_maxrss;
}

/* The outcome of a finished job, its headline in h. */
static const char *judge(struct job *j, char *h, size_t len)
{
	int st = j->status;

	if (j->log_errno) {
		snprintf(h, len, "FAILED: cannot write the log %s: %s", j->log,
			 strerror(j->log_errno));
		return "failed";
	}
	if (j->over_memory) {
		snprintf(
			h, len,
			"MEMORY: resident set %ld MiB passed the limit of %ld MiB (--job-memory), killed",
			j->peak_kib / 1024, j->memory_kib / 1024);
		return "memory";
	}
	if (j->timed_out) {
		snprintf(
			h, len,
			"HUNG: still running after %ld s (--job-timeout), killed",
			j->timeout_s);
		return "hung";
	}
	if (WIFSIGNALED(st)) {
		snprintf(h, len, "FAILED: killed by signal %d (%s)",
			 WTERMSIG(st), strsignal(WTERMSIG(st)));
		return "failed";
	}
	switch (WEXITSTATUS(st)) {
	case 0:
		if (j->check_json &&
		    json_mismatches(j->check_json, j->log, h, len))
			return "wrong";
		return "done";
	case 3:
		if (!log_headline(j->log, "WRONG", h, len) &&
		    !(j->check_json &&
		      json_mismatches(j->check_json, j->log, h, len)))
			snprintf(h, len, "WRONG: exit 3 (oracle mismatches)");
		return "wrong";
	case 4:
		if (!log_headline(j->log, "HUNG", h, len))
			snprintf(h, len, "HUNG: exit 4 (L2 made no progress)");
		return "hung";
	default: {
		/* the last line of the log usually says why */
		char *last = file_tail(j->log, 1, 300);

		snprintf(h, len, "FAILED: exit %d%s%s", WEXITSTATUS(st),
			 *last ? ": " : "", last);
		free(last);
		return "failed";
	}
	}
}

/* Whether the file system that holds path has no block left for us. */
static bool disk_full(const char *path)
{
	char dir[4096], *slash;
	struct statvfs sv;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	return !statvfs(slash ? dir : ".", &sv) && sv.f_bavail == 0;
}

/* --rename TMP:FINAL once the job is done; a headline if it cannot be. */
static bool finish_output(const char *arg, char *h, size_t len)
{
	char tmp[4096];
	const char *colon = strchr(arg, ':');
	struct stat st;

	snprintf(tmp, sizeof(tmp), "%.*s", (int)(colon - arg), arg);
	if (stat(tmp, &st) || !st.st_size) {
		/* a full disk is the likely cause: say so in its words */
		snprintf(h, len, "FAILED: exit 0 but no results in %.1024s%s",
			 tmp,
			 disk_full(tmp) ? ": No space left on device" : "");
		unlink(tmp);
		return false;
	}
	if (rename(tmp, colon + 1)) {
		snprintf(h, len, "FAILED: %.1024s: %s", colon + 1,
			 strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"state", required_argument, NULL, 's'},
		{"log", required_argument, NULL, 'l'},
		{"tee", no_argument, NULL, 'T'},
		{"timeout", required_argument, NULL, 't'},
		{"memory", required_argument, NULL, 'm'},
		{"rename", required_argument, NULL, 'r'},
		{"check-json", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0}};
	struct job j = {0};
	char headline[2048], *text, *tail;
	const char *outcome;
	int c, out = -1;
	size_t tlen;

	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			j.state = optarg;
			break;
		case 'l':
			j.log = optarg;
			break;
		case 'T':
			j.tee = true;
			break;
		case 't':
			j.timeout_s = parse_long("--timeout", optarg);
			break;
		case 'm':
			j.memory_kib = parse_long("--memory", optarg);
			break;
		case 'r':
			if (!strchr(optarg, ':'))
				die("--rename=%s: expected TMP:FINAL", optarg);
			if (j.nrenames == MAX_RENAMES)
				die("--rename=%s: at most %d", optarg,
				    MAX_RENAMES);
			j.renames[j.nrenames++] = optarg;
			break;
		case 'j':
			j.check_json = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind >= argc || !j.state) {
		fputs(usage, stderr);
		return 2;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, SIG_IGN);
	start(&j, argv + optind, &out);
	watch(&j, out);

	outcome = judge(&j, headline, sizeof(headline));
	for (int i = 0; i < j.nrenames && !strcmp(outcome, "done"); i++)
		if (!finish_output(j.renames[i], headline, sizeof(headline)))
			outcome = "failed";
	if (!strcmp(outcome, "done")) {
		char done[128];

		snprintf(done, sizeof(done), "wall_s=%.3f\npeak_rss_kib=%ld\n",
			 j.wall_s, j.peak_kib);
		write_state(j.state, "done", done);
		return 0;
	}
	for (int i = 0; i < j.nrenames; i++) {
		char tmp[4096];

		snprintf(tmp, sizeof(tmp), "%.*s",
			 (int)(strchr(j.renames[i], ':') - j.renames[i]),
			 j.renames[i]);
		unlink(tmp);
	}
	tail = file_tail(j.log, TAIL_LINES, 16384);
	tlen = strlen(headline) + strlen(tail) + 64;
	text = malloc(tlen);
	if (!text)
		die("out of memory");
	snprintf(text, tlen, "%s\n%s%s", headline, tail,
		 *tail && tail[strlen(tail) - 1] != '\n' ? "\n" : "");
	write_state(j.state, outcome, text);
	fprintf(stderr, "gmapbench-job: %s: %s\n", j.state, headline);
	free(text);
	free(tail);
	return j.log_errno ? 2 : 1;
}
