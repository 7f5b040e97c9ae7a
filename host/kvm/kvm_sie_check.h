/* SPDX-License-Identifier: GPL-2.0 */
/*
 * With accel=kvm a run whose L1 did not execute SIE measured QEMU's
 * emulation of nothing: its numbers are not KVM numbers, and the run
 * fails. Linux offers SIE to a KVM guest (kvm_s390_cpu_feat_init() in
 * arch/s390/kvm/kvm-s390.c) only with kvm.nested=1 and the host's SIEF2,
 * ESOP, 64-bit SCAO and facility 3 (DAT enhancement); QEMU's CPU model
 * carries "sief2" only when KVM reports it. These name what is missing.
 */
#ifndef GMAPBENCH_KVM_SIE_CHECK_H
#define GMAPBENCH_KVM_SIE_CHECK_H

#include <stddef.h>

#include "json.h"

/* The QEMU CPU-model properties vSIE needs, with their facilities. */
struct kvm_sie_feature {
	const char *prop; /* query-cpu-model-expansion property */
	const char *facility;
};
extern const struct kvm_sie_feature kvm_sie_features[];

/*
 * Appends to out what the host shows missing: kvm's "nested" parameter
 * (<sysfs>/module/kvm/parameters/nested must read 1) and "sie" in the
 * features line of cpuinfo (the host's SIEF2). Returns how many.
 */
int kvm_sie_host_missing(const char *sysfs, const char *cpuinfo, char *out,
			 size_t outlen);

/*
 * Appends to out the properties of kvm_sie_features that the "return"
 * value of query-cpu-model-expansion (model.props) has false or lacks.
 * Returns how many, or -EINVAL if ret has no model.props.
 */
int kvm_sie_model_missing(const struct json *ret, const char *model, char *out,
			  size_t outlen);

#endif /* GMAPBENCH_KVM_SIE_CHECK_H */
