# SPDX-License-Identifier: GPL-2.0
#
# host/sim's tests (included after host/sim/sim.mk by the top Makefile).

SIM_T := $(SIM_B)/tests
SIM_TEST_BROKEN := stale-pgt

# the layout of the generated DAT unions, on this host and on s390x
$(SIM_T)/test-layout: $(SIM_DIR)/tests/test-layout.c $(B)/baseline/gen-le/tree FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) -I$(B)/baseline/gen-le -o $@ $< $(LDFLAGS_TEST))
$(SIM_T)/s390x/test-layout: $(SIM_DIR)/tests/test-layout.c \
		$(B)/baseline/gen-be/tree
	@mkdir -p $(@D)
	$(SIM_S390X_CC) -static $(CFLAGS_BASE) -O1 -I$(TOP)/tests/lib \
		-I$(B)/baseline/gen-be -o $@ $<

$(SIM_T)/test-smoke: $(SIM_DIR)/tests/test-smoke.c \
		$(call SIM_LIB_SAN,baseline) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_CFLAGS) -o $@ $(build_inputs) $(SIM_LDLIBS) $(LDFLAGS_TEST))
$(SIM_T)/s390x/test-smoke: $(SIM_DIR)/tests/test-smoke.c \
		$(B)/baseline/libgmapsim-s390x.a
	@mkdir -p $(@D)
	$(SIM_S390X_CC) -static $(CFLAGS_BASE) -O1 -I$(TOP)/tests/lib \
		$(SIM_CFLAGS) -o $@ $^ -lpthread

$(SIM_T)/test-oracle-baseline: $(SIM_DIR)/tests/test-oracle.c \
		$(call SIM_LIB_SAN,baseline) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_CFLAGS) -o $@ $(build_inputs) $(SIM_LDLIBS) $(LDFLAGS_TEST))
$(SIM_T)/test-oracle-$(SIM_TEST_BROKEN): $(SIM_DIR)/tests/test-oracle.c \
		$(call SIM_LIB_SAN,$(SIM_TEST_BROKEN)) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) -DEXPECT_STALE $(SIM_CFLAGS) -o $@ $(build_inputs) \
		$(SIM_LDLIBS) $(LDFLAGS_TEST))

TESTS += $(SIM_DIR)/tests/test-kgen.sh $(SIM_T)/test-layout \
	$(SIM_T)/test-smoke $(SIM_T)/test-oracle-baseline \
	$(SIM_T)/test-oracle-$(SIM_TEST_BROKEN) $(SIM_DIR)/tests/s390x.sh
CHECK_DEPS += $(SIM_KGEN_SAN) $(SIM_T)/s390x/test-layout \
	$(SIM_T)/s390x/test-smoke

# the config checks, and counters independent of the arena's address
$(SIM_T)/test-config $(SIM_T)/test-determinism: $(SIM_T)/test-%: \
		$(SIM_DIR)/tests/test-%.c $(call SIM_LIB_SAN,baseline) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_CFLAGS) -o $@ $(build_inputs) $(SIM_LDLIBS) $(LDFLAGS_TEST))
TESTS += $(SIM_T)/test-config $(SIM_T)/test-determinism

# fault injection inside the shadow operations (gsim_inject)
$(SIM_T)/test-inject: $(SIM_DIR)/tests/test-inject.c \
		$(call SIM_LIB_SAN,baseline) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_CFLAGS) -o $@ $(build_inputs) $(SIM_LDLIBS) $(LDFLAGS_TEST))
TESTS += $(SIM_T)/test-inject
