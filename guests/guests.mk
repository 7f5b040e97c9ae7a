# SPDX-License-Identifier: GPL-2.0
#
# guests: the portable L1 mini-hypervisor (guests/l1) and the L2 scenarios
# (guests/scenarios), docs/guests.md. For the other components:
#
#   GUESTS_L1_SRCS        L1's sources (portable, freestanding)
#   GUESTS_SCENARIO_SRCS  the scenarios and their registry (portable)
#   GUESTS_CFLAGS         include paths for both
#   GUESTS_SIM_SRCS       the host/sim platform (links with libgmapsim)
#   GUESTS_HDRS           headers, for dependencies
#
# The portable sources are compiled for s390x with -ffreestanding -nostdinc
# -nostdlib, and their undefined symbols checked, so that a libc call or
# header fails the build here rather than in guests/baremetal.

GUESTS_DIR := guests
GUESTS_B := $(B)/guests
GUESTS_L1_SRCS := $(GUESTS_DIR)/l1/util.c $(GUESTS_DIR)/l1/alloc.c \
	$(GUESTS_DIR)/l1/l2_tables.c $(GUESTS_DIR)/l1/run.c
GUESTS_SCENARIO_SRCS := $(sort $(wildcard $(GUESTS_DIR)/scenarios/*.c))
GUESTS_SIM_SRCS := $(GUESTS_DIR)/l1/platform-sim.c
GUESTS_CFLAGS := -I$(TOP)/$(GUESTS_DIR)/l1 -I$(TOP)/$(GUESTS_DIR)/scenarios
GUESTS_HDRS := $(wildcard $(GUESTS_DIR)/l1/*.h $(GUESTS_DIR)/scenarios/*.h)
GUESTS_TEST_HDRS := $(wildcard $(GUESTS_DIR)/tests/*.h) tests/lib/tap.h

# --- freestanding s390x build check ---------------------------------------
GUESTS_S390X_CC := s390x-linux-gnu-gcc
GUESTS_S390X_FLAGS := -std=gnu11 $(CFLAGS_WARN) -Werror -O2 -ffreestanding \
	-nostdlib -nostdinc -isystem $(shell $(GUESTS_S390X_CC) \
	-print-file-name=include 2>/dev/null)
GUESTS_PORTABLE_SRCS := $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS)
GUESTS_S390X_OBJS := $(patsubst $(GUESTS_DIR)/%.c,$(GUESTS_B)/s390x/%.o,\
	$(GUESTS_PORTABLE_SRCS))
# symbols a bare-metal runtime provides besides platform.h's hooks
GUESTS_RUNTIME_SYMS := memset memcpy

$(GUESTS_B)/s390x/%.o: $(GUESTS_DIR)/%.c FORCE
	$(call compile,$(GUESTS_S390X_CC) $(GUESTS_S390X_FLAGS) $(GUESTS_CFLAGS))

$(GUESTS_B)/s390x/portable.ok: $(GUESTS_S390X_OBJS)
	@mkdir -p $(@D)
	$(GUESTS_S390X_CC) -nostdlib -r -o $(GUESTS_B)/s390x/portable.o $^
	@undef=$$(s390x-linux-gnu-nm -u $(GUESTS_B)/s390x/portable.o | \
		awk '{print $$2}' | grep -vxE '$(subst $() ,|,$(GUESTS_RUNTIME_SYMS))'); \
	if [ -n "$$undef" ]; then \
		echo "guests: portable code needs symbols no bare-metal" \
			"runtime has: $$undef" >&2; exit 1; fi
	@touch $@

ALL_TARGETS += $(GUESTS_B)/s390x/portable.ok
CHECK_DEPS += $(GUESTS_B)/s390x/portable.ok

# --- tests on the fake machine ----------------------------------------------
GUESTS_TEST_CFLAGS := $(CFLAGS_TEST) $(GUESTS_CFLAGS) \
	-I$(TOP)/$(GUESTS_DIR)/tests -I$(TOP)/host/sim/machine
GUESTS_FAKE_SRCS := $(GUESTS_DIR)/tests/fake-platform.c

$(GUESTS_B)/test-l1: $(GUESTS_DIR)/tests/test-l1.c $(GUESTS_FAKE_SRCS) \
		$(GUESTS_L1_SRCS) host/sim/machine/dat.c $(GUESTS_HDRS) \
		$(GUESTS_TEST_HDRS) FORCE
	$(call if_changed,$(CC) $(GUESTS_TEST_CFLAGS) -o $@ $(filter %.c,$^) $(LDFLAGS_TEST))

TESTS += $(GUESTS_B)/test-l1

$(GUESTS_B)/test-scenarios: $(GUESTS_DIR)/tests/test-scenarios.c \
		$(GUESTS_FAKE_SRCS) $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) \
		$(GUESTS_HDRS) $(GUESTS_TEST_HDRS) FORCE
	$(call if_changed,$(CC) $(GUESTS_TEST_CFLAGS) -o $@ $(filter %.c,$^) $(LDFLAGS_TEST))

TESTS += $(GUESTS_B)/test-scenarios

# --- every scenario on host/sim's baseline, oracle on -----------------------
# host/sim/sim.mk is read after this fragment, so its library is named by
# path here (SIM_LIB_SAN would still be empty); SIM_CFLAGS and SIM_LDLIBS are
# only used in the recipe, expanded when it runs.
GUESTS_SIM_LIB := $(B)/baseline/libgmapsim-san.a

$(GUESTS_B)/test-sim-scenarios: $(GUESTS_DIR)/tests/test-sim-scenarios.c \
		$(GUESTS_SIM_SRCS) $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) \
		$(GUESTS_HDRS) $(GUESTS_TEST_HDRS) $(GUESTS_SIM_LIB) FORCE
	$(call if_changed,$(CC) $(GUESTS_TEST_CFLAGS) $(SIM_CFLAGS) -o $@ $(filter %.c,$^) \
		$(GUESTS_SIM_LIB) $(SIM_LDLIBS) $(LDFLAGS_TEST))

TESTS += $(GUESTS_B)/test-sim-scenarios

# --- the scenario and l1.elf's sampled translations on host/sim -------------
# build/guests/sim-translate: host/sim's DAT walker on the same scenario as
# l1.elf, for guests/baremetal/tests/lra-vs-oracle.sh (docs/baremetal.md).
GUESTS_SIM_TRANSLATE := $(GUESTS_B)/sim-translate

$(GUESTS_SIM_TRANSLATE): $(GUESTS_DIR)/tests/sim-translate.c \
		$(GUESTS_DIR)/baremetal/samples.c $(GUESTS_DIR)/baremetal/samples.h \
		$(GUESTS_SIM_SRCS) $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) \
		$(GUESTS_HDRS) $(GUESTS_SIM_LIB) FORCE
	$(call if_changed,$(CC) $(GUESTS_TEST_CFLAGS) -I$(TOP)/$(GUESTS_DIR)/baremetal \
		$(SIM_CFLAGS) -o $@ $(filter %.c,$^) $(GUESTS_SIM_LIB) \
		$(SIM_LDLIBS) $(LDFLAGS_TEST))

CHECK_DEPS += $(GUESTS_SIM_TRANSLATE)
