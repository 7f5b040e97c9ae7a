# SPDX-License-Identifier: GPL-2.0
# host/kvm: the real IBM Z backend (docs/ibm-z.md).
#
#   build/bin/gmapbench-kvm      the runner (nightly steps, one run, --dry-run)
#   build/host-kvm/libgmapkvm.a  the backend the bench suites link (kvm_backend.h)

KVM_DIR := host/kvm
KVM_OBJDIR := $(B)/host-kvm
KVM_LIB_SRCS := $(addprefix $(KVM_DIR)/,kvm_error.c kvm_stats.c kvm_map.c kvm_cpumcf.c \
	kvm_qmp.c kvm_exec.c kvm_perf.c kvm_config.c kvm_console.c \
	kvm_sie_check.c kvm_backend.c kvm_nightly.c)
# lib/json's fragment is read after this one: its files by name in
# prerequisites, its variables only in recipes
KVM_HDRS := $(wildcard $(KVM_DIR)/*.h) host/counters.h lib/json/json.h
KVM_CFLAGS = -I$(KVM_DIR) $(LIB_JSON_CFLAGS)
KVM_LIB := $(KVM_OBJDIR)/libgmapkvm.a
# what a program linking the backend adds
KVM_BACKEND_CFLAGS = $(KVM_CFLAGS)
KVM_BACKEND_LIBS := $(KVM_LIB)
KVM_FUZZ_SECONDS ?= 60
KVM_KSRC ?= $(B)/kernel/pristine/linux-source-6.1

KVM_LIB_OBJS := $(patsubst $(KVM_DIR)/%.c,$(KVM_OBJDIR)/%.o,$(KVM_LIB_SRCS)) \
	$(KVM_OBJDIR)/json.o

$(KVM_OBJDIR)/%.o: $(KVM_DIR)/%.c FORCE
	$(call compile,$(CC) $(CFLAGS_RELEASE) $(KVM_CFLAGS))

$(KVM_OBJDIR)/json.o: lib/json/json.c FORCE
	$(call compile,$(CC) $(CFLAGS_RELEASE) $(LIB_JSON_CFLAGS))

$(KVM_LIB): $(KVM_LIB_OBJS) FORCE
	$(call archive,$(AR))

$(B)/bin/gmapbench-kvm: $(KVM_DIR)/gmapbench_kvm.c $(KVM_LIB) $(KVM_HDRS) FORCE
	$(call link_args,$(CC) $(CFLAGS_RELEASE) $(KVM_CFLAGS),$< $(KVM_LIB) -lm)

ALL_TARGETS += $(KVM_LIB) $(B)/bin/gmapbench-kvm

# Tests: built from the sources with the sanitizers.
KVM_TEST_SRCS := $(KVM_LIB_SRCS) lib/json/json.c
KVM_TEST_DEPS := $(KVM_TEST_SRCS) $(KVM_HDRS) tests/lib/tap.h

$(B)/tests/kvm-%-test: $(KVM_DIR)/tests/%_test.c $(KVM_TEST_DEPS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(KVM_CFLAGS) -DKVM_KSRC='"$(KVM_KSRC)"' \
		-o $@ $< $(KVM_TEST_SRCS) $(LDFLAGS_TEST) -lm)

KVM_C_TESTS := stats qmp cpumcf config console perf
TESTS += $(patsubst %,$(B)/tests/kvm-%-test,$(KVM_C_TESTS)) \
	$(KVM_DIR)/tests/runner_test.sh $(KVM_DIR)/tests/l1_boot_test.sh \
	$(KVM_DIR)/tests/suite_json_test.sh

# the tests that read the pinned kernel tree need it unpacked: host/sim's
# stamp does it once (sim.mk is read later; the name is written out here)
$(B)/tests/kvm-cpumcf-test $(B)/tests/kvm-config-test $(B)/tests/kvm-stats-test: | $(B)/sim/.pristine

CHECK_DEPS += $(B)/bin/gmapbench-kvm
# suite_json_test.sh runs a suite on the kvm backend and reads its JSON
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/tests/json-get
# l1_boot_test.sh boots the L1 (built once guests/scenarios exist)
ifneq ($(GUESTS_L1_ELF),)
ifneq ($(wildcard guests/scenarios/*.c),)
CHECK_DEPS += $(GUESTS_L1_ELF)
endif
endif

# the harness (tests/fuzz/fuzz.mk builds it for make fuzz and make check)
FUZZ_HARNESSES += kvm-stats
FUZZ_kvm-stats_SRCS = $(KVM_DIR)/fuzz/stats_fuzz.c $(KVM_DIR)/kvm_stats.c $(KVM_DIR)/kvm_error.c
FUZZ_kvm-stats_CFLAGS = $(KVM_CFLAGS)
FUZZ_kvm-stats_DEPS = $(KVM_HDRS)
FUZZ_kvm-stats_SEEDS = $(KVM_DIR)/fuzz/seeds
FUZZ_kvm-stats_SECONDS = $(KVM_FUZZ_SECONDS)
FUZZ_kvm-stats_MAX_LEN = 8192
