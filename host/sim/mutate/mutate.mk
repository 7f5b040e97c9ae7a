# SPDX-License-Identifier: GPL-2.0
#
# host/sim/mutate: the mutant generator of scripts/mutate (docs/mutation.md),
# built on kgen's reader of kernel sources (host/sim/kgen/ksrc.c).

MUTATE_DIR := host/sim/mutate
MUTATE_GEN := $(B)/sim/mutgen
MUTATE_GEN_SAN := $(B)/sim/mutgen-san
MUTATE_SRCS := $(MUTATE_DIR)/mutgen.c host/sim/kgen/ksrc.c
MUTATE_CFLAGS := -Ihost/sim/kgen

$(MUTATE_GEN): $(MUTATE_SRCS) host/sim/kgen/ksrc.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RELEASE) $(MUTATE_CFLAGS) -o $@ $(MUTATE_SRCS)
$(MUTATE_GEN_SAN): $(MUTATE_SRCS) host/sim/kgen/ksrc.h FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(MUTATE_CFLAGS) -o $@ $(MUTATE_SRCS) $(LDFLAGS_TEST))

TESTS += $(MUTATE_DIR)/tests/test-mutgen.sh $(MUTATE_DIR)/tests/test-mutate.sh
CHECK_DEPS += $(MUTATE_GEN) $(MUTATE_GEN_SAN) $(B)/bin/gmapbench-counters
