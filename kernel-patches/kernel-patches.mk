# SPDX-License-Identifier: GPL-2.0
# kernel-patches: the checks every variant passes (see kernel-patches/README.md).
KPATCH_TESTS := kernel-patches/tests/variants.sh kernel-patches/tests/kernel-tree-broken.sh \
	kernel-patches/tests/kernel-check.sh kernel-patches/tests/kernel-check-6.12.sh
TESTS += $(KPATCH_TESTS)

.PHONY: kernel-check
kernel-check:
	+@for b in $(BASES); do \
		echo "kernel-check: base $$b"; \
		GMAPBENCH_BASE_GEN=$$b scripts/kernel-check $(VARIANTS_ALL) || exit 1; \
	done

# Every variant's README claims, on host/sim (scripts/check-claims)
TESTS += kernel-patches/tests/claims.sh
CHECK_DEPS += $(foreach v,$(VARIANTS) stale-pgt,$(B)/bin/gmapbench-$(v)) \
	$(B)/bin/gmapbench-counters

.PHONY: claims
claims: $(foreach v,$(VARIANTS),$(B)/bin/gmapbench-$(v)) $(B)/bin/gmapbench-counters
	+@scripts/check-claims $(VARIANTS)
