# SPDX-License-Identifier: GPL-2.0
#
# A variant's build killed at each step and resumed, and a failed build
# retried by the nightly (scripts/kernel-tree, host/sim/sim.mk,
# scripts/nightly): its test.
TESTS += scripts/tests/rebuild.sh
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/bin/gmapbench-job $(B)/bin/gmapbench-merge
