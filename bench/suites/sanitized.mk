# SPDX-License-Identifier: GPL-2.0
#
# make sanitized: build/san/bin/gmapbench-<variant>, every variant's
# gmapbench under ASan (with LeakSanitizer) and UBSan: the scenarios, the
# variant's host/sim library (libgmapsim-san.a) and libcbench all built
# with SAN_FLAGS. bench/suites/tests/sanitized.sh runs the nightly sets
# under them, one short iteration each.

SAN_BIN = $(B)/san/bin/gmapbench-$(1)
SAN_OBJ_B := $(B)/san/obj
SAN_BINS = $(foreach v,$(VARIANTS),$(call SAN_BIN,$(v)))
SAN_GUEST_OBJS = $(patsubst %.c,$(SAN_OBJ_B)/%.o,$(SUITES_DIR)/sets.c \
	$(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) $(GUESTS_SIM_SRCS))

# passed by name: the sanitizer flags' commas would split a $(call) argument
SAN_MAIN_FLAGS = -O1 $(SAN_FLAGS)

# $(1): variant
define SAN_VARIANT
$(call SUITES_MAIN_OBJ,$(1),gmapbench-san.o,$(call SIM_LIB_SAN,$(1)),$$(SAN_MAIN_FLAGS))

$(call SAN_BIN,$(1)): $(SUITES_B)/$(1)/gmapbench-san.o $(SAN_GUEST_OBJS) \
		$(SUITES_COMMIT_O) $(call SIM_LIB_SAN,$(1)) $(KVM_LIB) $(LIBCBENCH_SAN_A)
	@mkdir -p $$(@D)
	$(CC) $(SAN_FLAGS) -o $$@.tmp $$^ $(SIM_LDLIBS) $(LIBCBENCH_LIBS) -lm && mv $$@.tmp $$@
endef

define SAN_RULES
$(SAN_OBJ_B)/%.o: %.c $(SUITES_HDRS)
	@mkdir -p $$(@D)
	$(CC) $(SUITES_CFLAGS) -O1 $(SAN_FLAGS) -c -o $$@.tmp $$< && mv $$@.tmp $$@

$(foreach v,$(VARIANTS),$(eval $(call SAN_VARIANT,$(v))))
endef
LATE_RULES += SAN_RULES

.PHONY: sanitized
sanitized: $(SAN_BINS)

TESTS += bench/suites/tests/sanitized.sh
CHECK_DEPS += $(SAN_BINS)
