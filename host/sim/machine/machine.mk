# SPDX-License-Identifier: GPL-2.0
#
# host/sim/machine: the simulated IBM Z machine's DAT walker, TLB and
# translation oracle (docs/machine.md). host/sim compiles SIM_MACHINE_SRCS
# into each variant's library with its own flags and SIM_MACHINE_CFLAGS.

SIM_MACHINE_DIR := host/sim/machine
SIM_MACHINE_SRCS := $(SIM_MACHINE_DIR)/dat.c $(SIM_MACHINE_DIR)/tlb.c \
	$(SIM_MACHINE_DIR)/oracle.c
SIM_MACHINE_HDRS := $(SIM_MACHINE_DIR)/dat.h $(SIM_MACHINE_DIR)/tlb.h \
	$(SIM_MACHINE_DIR)/oracle.h
SIM_MACHINE_CFLAGS := -I$(TOP)/$(SIM_MACHINE_DIR)
SIM_MACHINE_B := $(B)/sim-machine
SIM_MACHINE_TEST_NAMES := test-dat test-tlb test-oracle
SIM_MACHINE_TESTS := $(addprefix $(SIM_MACHINE_B)/,$(SIM_MACHINE_TEST_NAMES))
SIM_MACHINE_S390X_TESTS := $(addprefix $(SIM_MACHINE_B)/s390x/,$(SIM_MACHINE_TEST_NAMES))
SIM_MACHINE_S390X_CC := s390x-linux-gnu-gcc
SIM_MACHINE_BENCH := $(B)/bin/sim-machine-bench
SIM_MACHINE_TEST_HDRS := $(SIM_MACHINE_DIR)/tests/mtest.h

$(SIM_MACHINE_B)/test-%: $(SIM_MACHINE_DIR)/tests/test-%.c $(SIM_MACHINE_SRCS) \
		$(SIM_MACHINE_HDRS) $(SIM_MACHINE_TEST_HDRS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_MACHINE_CFLAGS) -o $@ $< $(SIM_MACHINE_SRCS) \
		$(LDFLAGS_TEST))

# The same tests on big-endian s390x, run under qemu-s390x by s390x.sh.
$(SIM_MACHINE_B)/s390x/test-%: $(SIM_MACHINE_DIR)/tests/test-%.c \
		$(SIM_MACHINE_SRCS) $(SIM_MACHINE_HDRS) $(SIM_MACHINE_TEST_HDRS)
	@mkdir -p $(@D)
	$(SIM_MACHINE_S390X_CC) -static $(CFLAGS_BASE) -O1 -I$(TOP)/tests/lib \
		$(SIM_MACHINE_CFLAGS) -o $@ $< $(SIM_MACHINE_SRCS)

$(SIM_MACHINE_BENCH): $(SIM_MACHINE_DIR)/bench/machine-bench.c \
		$(SIM_MACHINE_SRCS) $(SIM_MACHINE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RELEASE) $(SIM_MACHINE_CFLAGS) -o $@ $< $(SIM_MACHINE_SRCS)

.PHONY: sim-machine-perf
sim-machine-perf: $(SIM_MACHINE_BENCH)
	$(SIM_MACHINE_BENCH)

ALL_TARGETS += $(SIM_MACHINE_BENCH)
TESTS += $(SIM_MACHINE_TESTS) $(SIM_MACHINE_DIR)/tests/s390x.sh
CHECK_DEPS += $(SIM_MACHINE_S390X_TESTS)
PERF_TARGETS += sim-machine-perf
