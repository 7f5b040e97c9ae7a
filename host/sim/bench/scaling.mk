# SPDX-License-Identifier: GPL-2.0
#
# make perf: sim-scaling, how each scenario's time and memory grow with its
# size parameters (host/sim/bench/scaling.sets), on the baseline.
SIM_SCALING := $(B)/bin/sim-scaling
SIM_SCALING_SETS := host/sim/bench/scaling.sets
SIM_SCALING_VARIANT ?= baseline

define SIM_SCALING_RULES
$(SIM_SCALING): host/sim/bench/scaling.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS)
	@mkdir -p $$(@D)
	$(CC) $(CFLAGS_RELEASE) $(LIB_JSON_CFLAGS) -o $$@ $$< $(LIB_JSON_SRCS) -lm
endef
LATE_RULES += SIM_SCALING_RULES

.PHONY: sim-scaling
sim-scaling: $(SIM_SCALING) $(call SUITES_BIN,$(SIM_SCALING_VARIANT))
	$(SIM_SCALING) --bin=$(call SUITES_BIN,$(SIM_SCALING_VARIANT)) \
		--sets=$(SIM_SCALING_SETS)

ALL_TARGETS += $(SIM_SCALING)
PERF_TARGETS += sim-scaling

TESTS += host/sim/bench/tests/scaling.sh
CHECK_DEPS += $(SIM_SCALING) $(call SUITES_BIN,baseline)
