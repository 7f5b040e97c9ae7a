# SPDX-License-Identifier: GPL-2.0
# kernel-patches: the checks every variant passes (see kernel-patches/README.md).
KPATCH_TESTS := kernel-patches/tests/variants.sh kernel-patches/tests/kernel-tree-broken.sh \
	kernel-patches/tests/kernel-check.sh
TESTS += $(KPATCH_TESTS)

.PHONY: kernel-check
kernel-check:
	@scripts/kernel-check $(VARIANTS)
