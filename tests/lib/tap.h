/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test Anything Protocol output for the C tests, as kselftest prints it.
 * scripts/run-tests reads it from every test program and adds it up.
 *
 *	tap_plan_unknown();
 *	tap_ok(x == 3, "decode %s", name);
 *	tap_skip("needs IBM Z");
 *	return tap_done();
 */
#ifndef GMAPBENCH_TAP_H
#define GMAPBENCH_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int tap_count, tap_failed;

static inline void tap_plan_unknown(void)
{
	printf("TAP version 13\n");
	fflush(stdout);
}

static inline void tap_vresult(bool ok, const char *directive, const char *fmt,
			       va_list ap)
{
	printf("%sok %d - ", ok ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	printf("\n");
	fflush(stdout);
	if (!ok)
		tap_failed++;
}

__attribute__((format(printf, 2, 3))) static inline bool
tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(ok, NULL, fmt, ap);
	va_end(ap);
	return ok;
}

__attribute__((format(printf, 1, 2))) static inline void
tap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(true, "SKIP", fmt, ap);
	va_end(ap);
}

/* A diagnostic line: shown with the test's output, ignored by the count. */
__attribute__((format(printf, 1, 2))) static inline void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

/* Compare two integers and say both when they differ. */
#define tap_eq(a, b, ...)                                                      \
	({                                                                     \
		long long __a = (long long)(a), __b = (long long)(b);          \
		if (__a != __b)                                                \
			tap_diag("%s = %lld, expected %s = %lld", #a, __a, #b, \
				 __b);                                         \
		tap_ok(__a == __b, __VA_ARGS__);                               \
	})

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* GMAPBENCH_TAP_H */
