# SPDX-License-Identifier: GPL-2.0
#
# What must not break a night: a variant's build killed at each step and
# resumed, a failed build retried (scripts/kernel-tree, host/sim/sim.mk,
# scripts/nightly), a SIGTERM during an oracle pass; and the report's
# Noise and Night lines said once. Their tests.
TESTS += scripts/tests/rebuild.sh scripts/tests/oracle-sigterm.sh scripts/tests/report-notes.sh
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/bin/gmapbench-job $(B)/bin/gmapbench-merge \
	$(B)/bin/gmapbench-spin-forever $(B)/bin/gmapbench-compare
