# SPDX-License-Identifier: GPL-2.0
#
# bench/suites: build/bin/gmapbench-<variant>, one binary per kernel variant
# (the scenarios as libcbench families on host/sim or host/kvm), and
# build/bin/gmapbench-merge, which assembles a night from its parts.
# Its rules use other components' variables, so they are expanded late
# (LATE_RULES); the variables here are recursive for the same reason.

SUITES_DIR := bench/suites
SUITES_B := $(B)/bench
SUITES_BIN = $(B)/bin/gmapbench-$(1)
SUITES_MERGE := $(B)/bin/gmapbench-merge
SUITES_COUNTERS := $(B)/bin/gmapbench-counters
SUITES_CFLAGS = $(CFLAGS_RELEASE) $(LIBCBENCH_CFLAGS) $(SIM_CFLAGS) \
	$(GUESTS_CFLAGS) $(KVM_BACKEND_CFLAGS) -I$(TOP)/host
SUITES_GUEST_OBJS = $(patsubst %.c,$(SUITES_B)/obj/%.o,$(SUITES_DIR)/sets.c \
	$(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) $(GUESTS_SIM_SRCS))
SUITES_HDRS = $(SUITES_DIR)/sets.h $(GUESTS_HDRS) $(SIM_DIR)/gsim.h host/counters.h \
	$(LIBCBENCH_HDRS) $(KVM_HDRS)

# $(1): variant, $(2): object, $(3): its library, $(4): extra flags.
# The kernel base comes from the variant tree's Makefile, read when the
# object is made (its library has made the tree).
SUITES_KBASE = $(shell awk -F' = ' '/^VERSION/{v=$$2} /^PATCHLEVEL/{p=$$2} \
	/^SUBLEVEL/{s=$$2} END{printf "%s.%s.%s", v, p, s}' \
	$(B)/$(1)/linux/Makefile 2>/dev/null)
define SUITES_MAIN_OBJ
$(SUITES_B)/$(1)/$(2): $(SUITES_DIR)/gmapbench.c $(3) FORCE
	$$(call compile,$$(CC) $$(SUITES_CFLAGS) $(4) -DGMAPBENCH_VARIANT='"$(1)"' \
		-DGMAPBENCH_BASE='"$(BASE)"' \
		-DGMAPBENCH_KERNEL_BASE='"$(if $(KSRC),KSRC,linux-source-$(BASE_GEN)) $$(call SUITES_KBASE,$(1))"')
endef

# The commit every binary names (commit.c): its object is compiled again,
# and the binaries linked again, whenever `git describe` changes. Asked
# once a make, when the object is considered.
SUITES_COMMIT_O := $(SUITES_B)/commit.o
SUITES_COMMIT = $(or $(SUITES_COMMIT_ID),$(eval SUITES_COMMIT_ID := $(shell \
	git -C $(TOP) describe --always --dirty 2>/dev/null || echo unknown))$(SUITES_COMMIT_ID))
$(SUITES_COMMIT_O): $(SUITES_DIR)/commit.c FORCE
	$(call compile,$(CC) $(CFLAGS_RELEASE) -DGMAPBENCH_COMMIT='"$(SUITES_COMMIT)"')

# $(1): variant. gmapbench-<variant>, and its count build
# gmapbench-<variant>-cost (host/sim/cost), which --gmap_cost runs.
define SUITES_VARIANT
$(call SUITES_MAIN_OBJ,$(1),gmapbench.o,$(call SIM_LIB,$(1)),)
$(call SUITES_MAIN_OBJ,$(1),gmapbench-cost.o,$(call COST_LIB,$(1)),-DGMAPBENCH_COST)

$(call SUITES_BIN,$(1)): $(SUITES_B)/$(1)/gmapbench.o $(SUITES_GUEST_OBJS) \
		$(SUITES_COMMIT_O) $(call SIM_LIB,$(1)) $(KVM_LIB) $(LIBCBENCH_A) FORCE
	$$(call link,$$(CC),$$(SIM_LDLIBS) $$(LIBCBENCH_LIBS) -lm)

$(call SUITES_BIN,$(1))-cost: $(SUITES_B)/$(1)/gmapbench-cost.o \
		$(SUITES_GUEST_OBJS) $(SUITES_COMMIT_O) $(call COST_LIB,$(1)) \
		$(KVM_LIB) $(LIBCBENCH_A) FORCE
	$$(call link,$$(CC),$$(SIM_LDLIBS) $$(LIBCBENCH_LIBS) -lm)
endef

define SUITES_RULES
$(SUITES_B)/obj/%.o: %.c FORCE
	$$(call compile,$$(CC) $$(SUITES_CFLAGS))

$(SUITES_MERGE): $(SUITES_DIR)/merge.c $(LIB_JSON_SRCS) $(LIBCBENCH_A) FORCE
	$$(call link,$$(CC) $$(CFLAGS_RELEASE) $$(LIB_JSON_CFLAGS) \
		$$(LIBCBENCH_CFLAGS),$$(LIBCBENCH_LIBS))

$(SUITES_COUNTERS): $(SUITES_DIR)/counters.c $(LIB_JSON_SRCS) FORCE
	$$(call link,$$(CC) $$(CFLAGS_RELEASE) $$(LIB_JSON_CFLAGS) -I$(TOP)/host,-lm)

$(foreach v,$(VARIANTS) $(SIM_TEST_VARIANTS),$(eval $(call SUITES_VARIANT,$(v))))
# the count twins too: the night's count pass runs them, and make -jN builds
# them side by side instead of one variant at a time inside the night
ALL_TARGETS += $(foreach v,$(VARIANTS),$(call SUITES_BIN,$(v)) $(call SUITES_BIN,$(v))-cost) \
	$(SUITES_MERGE) \
	$(SUITES_COUNTERS)
endef
LATE_RULES += SUITES_RULES

# Google Benchmark 1.7.1 itself, the reference of tests/merge.sh
SUITES_MERGE_REF := $(SUITES_B)/tests/merge-ref
$(SUITES_MERGE_REF): $(SUITES_DIR)/tests/merge-ref.cc
	@mkdir -p $(@D)
	g++ -O2 -std=c++17 $< -o $@ -lbenchmark -lpthread

SUITES_TOOLS = $(SUITES_MERGE) $(SUITES_COUNTERS) $(B)/bin/gmapbench-compare
TESTS += $(SUITES_DIR)/tests/reference.sh $(SUITES_DIR)/tests/merge.sh \
	$(SUITES_DIR)/tests/nightly.sh $(SUITES_DIR)/tests/shards.sh \
	$(SUITES_DIR)/tests/merge-cost.sh $(SUITES_DIR)/tests/nightly-cost.sh
CHECK_DEPS += $(call SUITES_BIN,baseline) $(call SUITES_BIN,pgt-prefill) \
	$(call SUITES_BIN,stale-pgt) $(SUITES_TOOLS) $(SUITES_MERGE_REF)

# The reference night: the baseline's counters on every benchmark. Run
# after an intended change of behaviour and commit the file.
.PHONY: reference
reference: $(call SUITES_BIN,baseline) $(SUITES_COUNTERS)
	@mkdir -p $(B)/reference results/reference
	$(call SUITES_BIN,baseline) --gmap_check \
		--benchmark_min_time=0 --benchmark_out=$(B)/reference/baseline.json \
		--benchmark_out_format=json > /dev/null
	$(SUITES_COUNTERS) $(B)/reference/baseline.json > results/reference/baseline.counters.tmp
	mv results/reference/baseline.counters.tmp results/reference/baseline.counters
	@echo "results/reference/baseline.counters: $$(wc -l < results/reference/baseline.counters) values"
