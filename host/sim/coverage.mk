# SPDX-License-Identifier: GPL-2.0
#
# make coverage: gcov line and branch coverage of the kernel's shadow code
# by the nightly scenario set (docs/coverage.md).
#
#   build/<variant>/sim-cov/           the host/sim library of a variant,
#                                      built with --coverage (-O0: the
#                                      counts map onto source lines)
#   build/<variant>/gmapbench-cov      gmapbench linked to it
#   build/coverage/covreport           reads gcov's JSON, writes the report
#
# COVERAGE_VARIANT (default baseline) picks the variant; COVERAGE_ARGS are
# passed to scripts/coverage.

COV_DIR := host/sim/coverage
COV_B := $(B)/coverage
COV_REPORT := $(COV_B)/covreport
COV_VARIANT ?= $(or $(COVERAGE_VARIANT),baseline)
COV_BIN = $(B)/$(1)/gmapbench-cov
COV_LIB = $(B)/$(1)/libgmapsim-cov.a
# -fkeep-static-functions: a static function nothing calls still counts as
# compiled, with all its lines never run
COV_CFLAGS = $(CFLAGS_BASE) -O0 --coverage -fkeep-static-functions

$(COV_REPORT): $(COV_DIR)/covreport.c $(COV_DIR)/covrules.c $(COV_DIR)/covrules.h \
		$(LIB_JSON_SRCS) $(LIB_JSON_HDRS) FORCE
	$(call link_args,$(CC) $(CFLAGS_RELEASE) $(LIB_JSON_CFLAGS),$(COV_DIR)/covreport.c \
		$(COV_DIR)/covrules.c $(LIB_JSON_SRCS) -lm)

# $(1): variant. Late: it needs sim.mk's and bench/suites' variables.
define COV_VARIANT_RULES
$(eval $(call SIM_FLAVOUR,$(1),cov,$(CC) $(COV_CFLAGS),le,x86))
$(call COV_LIB,$(1)): $$(SIM_$(1)_cov_OBJS) FORCE
	$$(call archive,$$(AR))
$(call COV_BIN,$(1)): $(SUITES_B)/$(1)/gmapbench.o $(SUITES_GUEST_OBJS) \
		$(SUITES_COMMIT_O) $(call COV_LIB,$(1)) $(KVM_LIB) $(LIBCBENCH_A) FORCE
	$$(call link,$$(CC) --coverage,$(SIM_LDLIBS) $(LIBCBENCH_LIBS) -lm)
endef

define COV_RULES
$(foreach v,$(sort $(VARIANTS) $(SIM_TEST_VARIANTS)),$(eval $(call COV_VARIANT_RULES,$(v))))
endef
LATE_RULES += COV_RULES

.PHONY: coverage
coverage:
	@scripts/deps
	@$(MAKE) --no-print-directory $(JOBS) $(call COV_BIN,$(COV_VARIANT)) \
		$(call SUITES_BIN,$(COV_VARIANT)) $(COV_REPORT)
	+@scripts/coverage --variant=$(COV_VARIANT) $(COVERAGE_ARGS)

TESTS += $(COV_DIR)/tests/coverage.sh $(COV_DIR)/tests/inject.sh
CHECK_DEPS += $(call COV_BIN,baseline) $(COV_REPORT)
