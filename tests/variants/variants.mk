# SPDX-License-Identifier: GPL-2.0
#
# tests/variants: deliberately broken kernel variants, one per class of
# shadow-code bug the oracle must catch (each README.md says which and
# how). Those with an expect file are run by caught.sh, which also runs
# every correct variant of kernel-patches/ over the nightly sets. The
# release binaries: ASan adds nothing to what the oracle sees.

VARIANTS_TEST_DIR := tests/variants
VARIANTS_TEST_EXPECTED := $(patsubst $(VARIANTS_TEST_DIR)/%/expect,%,\
	$(wildcard $(VARIANTS_TEST_DIR)/*/expect))
TESTS += $(VARIANTS_TEST_DIR)/caught.sh
CHECK_DEPS += $(foreach v,$(VARIANTS_TEST_EXPECTED) $(VARIANTS),\
	$(B)/bin/gmapbench-$(v))

# the gmapbench binaries' exit statuses for bad flags and a clean run (the
# test of bench/suites/gmapbench.c, registered here to leave suites.mk be)
TESTS += bench/suites/tests/exit-status.sh
