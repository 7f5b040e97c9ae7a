# SPDX-License-Identifier: GPL-2.0
#
# host/sim/cost: the count flavour of each variant's library, for
# `gmapbench-<variant> --gmap_cost` (docs/verdicts.md, "Kernel work").
#
#   $(call COST_LIB,<variant>)   build/<variant>/libgmapsim-cnt.a
#   build/<variant>/libgmapsim-cnt-s390x.a   the same for s390x (qemu-s390x)
# cost_out.o (--gmap_cost_out) needs lib/json's json_put_string.
#
# The objects of the rel (and be) library, but the kernel's (gmap.o,
# pgtable.o, pgalloc_pgste.o, gaccess_shadow.o, and vsie_loop.o, which
# holds vsie.c's shadow code) compiled again with the same flags and
# -fsanitize-coverage=trace-pc, their callback renamed to cost_bb_<file>
# (cost.c). vsie_loop.o's own functions are told from vsie.c's by their
# source file in the debug information (vsie_functions.c, generated).
# Rules use sim.mk's per-flavour variables, so they are expanded late.

COST_DIR := host/sim/cost
COST_LIB = $(B)/$(1)/libgmapsim-cnt.a
COST_HDRS := $(COST_DIR)/cost.h $(COST_DIR)/cost_syms.h $(COST_DIR)/cost_out.h
# one .text per object (no cold partition), renamed gmapcost_<file>; no
# sibling calls: a callback reached by a jump would see its caller's caller
COST_TRACE := -fsanitize-coverage=trace-pc -fno-reorder-blocks-and-partition \
	-fno-optimize-sibling-calls
# vsie.c's static functions stay functions of their own, not inlined into
# our loop, where they would not count as the kernel's
COST_VSIE_NOINLINE := -fno-inline-functions-called-once \
	-fno-inline-small-functions -fno-inline-functions

# $(1) variant, $(2) flavour, $(3) object, $(4) file (cost.h), $(5) source,
# $(6) extra flags, $(7) objcopy. Compiled to $@.tmp.o, copied renamed
# to $@.tmp, then renamed $@.
define COST_OBJ
COST_$(1)_$(2)_$(3)_CC := $$(SIM_$(1)_$(2)_KCC) $(COST_TRACE) $(6)
COST_$(1)_$(2)_$(3)_CP := $(7) --redefine-sym __sanitizer_cov_trace_pc=cost_bb_$(4) \
	--rename-section .text=gmapcost_$(4)
$$(SIM_$(1)_$(2)_O)/cov/$(3).o: $(5) $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call if_changed,$$(COST_$(1)_$(2)_$(3)_CC) -c $(5) -o $$@.tmp.o && \
		$$(COST_$(1)_$(2)_$(3)_CP) $$@.tmp.o $$@,$$(COST_$(1)_$(2)_$(3)_CC) \
		$$(build_depflags) -c $(5) -o $$@.tmp.o && \
		$$(COST_$(1)_$(2)_$(3)_CP) $$@.tmp.o $$@.tmp && mv -f $$@.tmp $$@ && \
		rm -f $$@.tmp.o && $$(build_depdone))
endef

# $(1) variant, $(2) sim.mk flavour (rel, be), $(3) its compiler + flags,
# $(6) binutils prefix, $(7) library
define COST_FLAVOUR
$(eval $(call COST_OBJ,$(1),$(2),gmap,gmap,$$(SIM_$(1)_$(2)_GEN)/gmap.c,,$(6)objcopy))
$(eval $(call COST_OBJ,$(1),$(2),pgtable,pgtable,$$(SIM_$(1)_$(2)_GEN)/pgtable.c,,$(6)objcopy))
$(eval $(call COST_OBJ,$(1),$(2),pgalloc_pgste,pgalloc,$$(SIM_$(1)_$(2)_GEN)/pgalloc_pgste.c,,$(6)objcopy))
$(eval $(call COST_OBJ,$(1),$(2),gaccess_shadow,gaccess,$$(SIM_$(1)_$(2)_GEN)/gaccess_shadow.c,-include $(TOP)/$(SIM_DIR)/shim/kvm.h,$(6)objcopy))
$(eval $(call COST_OBJ,$(1),$(2),vsie_loop,vsie,$(SIM_DIR)/l0/vsie_loop.c,-include $(TOP)/$(SIM_DIR)/shim/kvm.h -I$(TOP)/$(SIM_DIR) $(SIM_MACHINE_CFLAGS) $(COST_VSIE_NOINLINE),$(6)objcopy))
COST_$(1)_$(2)_COV := $$(addprefix $$(SIM_$(1)_$(2)_O)/cov/,gmap.o pgtable.o \
	pgalloc_pgste.o gaccess_shadow.o vsie_loop.o)

# the functions of vsie_loop.o whose source is the kernel's vsie.c
$$(SIM_$(1)_$(2)_O)/cov/vsie_functions.c: $$(SIM_$(1)_$(2)_O)/cov/vsie_loop.o \
		$(COST_DIR)/vsie-functions.sh
	$(COST_DIR)/vsie-functions.sh $(6)nm $$< > $$@.tmp
	mv $$@.tmp $$@
$$(SIM_$(1)_$(2)_O)/cov/%.o: $$(SIM_$(1)_$(2)_O)/cov/%.c FORCE
	$$(call compile,$$(SIM_$(1)_$(2)_CC) -I$(TOP)/$(COST_DIR))
$$(SIM_$(1)_$(2)_O)/cov/%.o: $(COST_DIR)/%.c FORCE
	$$(call compile,$$(SIM_$(1)_$(2)_CC) -I$(TOP)/lib/json)

$(7): $$(filter-out $$(addprefix $$(SIM_$(1)_$(2)_O)/,$$(notdir \
		$$(COST_$(1)_$(2)_COV))),$$(SIM_$(1)_$(2)_OBJS)) \
		$$(COST_$(1)_$(2)_COV) \
		$$(addprefix $$(SIM_$(1)_$(2)_O)/cov/,cost.o cost_syms.o \
		cost_out.o vsie_functions.o) FORCE
	$$(call archive,$(6)ar)
endef

define COST_RULES
$(foreach v,$(sort $(VARIANTS) $(SIM_TEST_VARIANTS)),\
$(eval $(call COST_FLAVOUR,$(v),rel,$(CC) $(CFLAGS_RELEASE),,,,$(call COST_LIB,$(v))))\
$(eval $(call COST_FLAVOUR,$(v),be,$(SIM_S390X_CC) $(CFLAGS_BASE) -O1,,,s390x-linux-gnu-,$(B)/$(v)/libgmapsim-cnt-s390x.a)))
endef
LATE_RULES += COST_RULES

# ---------------------------------------------------------------- tests
COST_T := $(B)/sim/tests
$(COST_T)/test-cost: $(COST_DIR)/tests/test-cost.c $(call COST_LIB,baseline) \
		$(COST_HDRS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(SIM_CFLAGS) -I$(TOP)/$(COST_DIR) -o $@ $< \
		$(call COST_LIB,baseline) -lpthread $(LDFLAGS_TEST))
$(COST_T)/s390x/test-cost: $(COST_DIR)/tests/test-cost.c \
		$(B)/baseline/libgmapsim-cnt-s390x.a $(COST_HDRS)
	@mkdir -p $(@D)
	$(SIM_S390X_CC) -static $(CFLAGS_BASE) -O1 -I$(TOP)/tests/lib \
		$(SIM_CFLAGS) -I$(TOP)/$(COST_DIR) -o $@ $< \
		$(B)/baseline/libgmapsim-cnt-s390x.a -lpthread

# host/sim/tests/s390x.sh runs the s390x one
TESTS += $(COST_T)/test-cost $(COST_DIR)/tests/gmapbench-cost.sh
CHECK_DEPS += $(COST_T)/s390x/test-cost $(B)/bin/gmapbench-baseline-cost \
	$(B)/bin/gmapbench-pgt-prefill-cost

# ---------------------------------------------------------------- make perf
# cost-perf: the count pass's cost per iteration against a native one on
# the nightly set, and kernel_bb identical run to run (cost-perf.c)
COST_PERF := $(B)/bin/sim-cost-perf
COST_PERF_VARIANT ?= baseline
COST_PERF_ARGS ?=

define COST_PERF_RULES
$(COST_PERF): $(COST_DIR)/cost-perf.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS) FORCE
	$$(call link_args,$(CC) $(CFLAGS_RELEASE) $(LIB_JSON_CFLAGS),$$< $(LIB_JSON_SRCS) -lm)
endef
LATE_RULES += COST_PERF_RULES

.PHONY: cost-perf
cost-perf: $(COST_PERF) $(call SUITES_BIN,$(COST_PERF_VARIANT)) \
		$(call SUITES_BIN,$(COST_PERF_VARIANT))-cost
	$(COST_PERF) --bin=$(call SUITES_BIN,$(COST_PERF_VARIANT)) $(COST_PERF_ARGS)

ALL_TARGETS += $(COST_PERF)
PERF_TARGETS += cost-perf
TESTS += $(COST_DIR)/tests/cost-perf.sh
CHECK_DEPS += $(COST_PERF)
