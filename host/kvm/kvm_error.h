/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMAPBENCH_KVM_ERROR_H
#define GMAPBENCH_KVM_ERROR_H

#include <stddef.h>

/* Formats the message into err (errlen may be 0) and returns rc. */
int kvm_fail(char *err, size_t errlen, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* GMAPBENCH_KVM_ERROR_H */
