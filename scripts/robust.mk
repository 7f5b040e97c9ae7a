# SPDX-License-Identifier: GPL-2.0
#
# What must not break a night: a variant's build killed at each step and
# resumed, a failed build retried (scripts/kernel-tree, host/sim/sim.mk,
# scripts/nightly), a SIGTERM during an oracle pass. Their tests.
TESTS += scripts/tests/rebuild.sh scripts/tests/oracle-sigterm.sh
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/bin/gmapbench-job $(B)/bin/gmapbench-merge \
	$(B)/bin/gmapbench-spin-forever
