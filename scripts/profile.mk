# SPDX-License-Identifier: GPL-2.0
#
# scripts/profile: the callgrind drill-down of one benchmark, its test.
TESTS += scripts/tests/profile.sh
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/bin/gmapbench-pgt-prefill
