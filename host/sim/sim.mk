# SPDX-License-Identifier: GPL-2.0
#
# host/sim: the real L0 shadow-gmap code of each kernel variant, in user
# space, on the simulated machine (docs/host-sim.md).
#
# For others to link against (one library per variant):
#   $(call SIM_LIB,<variant>)      build/<variant>/libgmapsim.a      (-O2)
#   $(call SIM_LIB_SAN,<variant>)  build/<variant>/libgmapsim-san.a  (ASan/UBSan)
#   SIM_LDLIBS                     what they need at link time
#   SIM_CFLAGS                     -I for gsim.h and counters.h
# Variants: $(VARIANTS), plus the deliberately broken ones under
# tests/variants/ (SIM_TEST_VARIANTS), which only the tests use.

SIM_DIR := host/sim
SIM_B := $(B)/sim
SIM_LIB = $(B)/$(1)/libgmapsim.a
SIM_LIB_SAN = $(B)/$(1)/libgmapsim-san.a
SIM_LDLIBS := -lpthread
SIM_CFLAGS := -I$(TOP)/$(SIM_DIR) -I$(TOP)/host
SIM_S390X_CC := s390x-linux-gnu-gcc
SIM_TEST_VARIANTS := $(sort $(patsubst tests/variants/%/series,%,\
	$(wildcard tests/variants/*/series)))
SIM_VARIANT_DIR = $(if $(wildcard kernel-patches/$(1)/series),kernel-patches/$(1),tests/variants/$(1))

# ---------------------------------------------------------------- kgen
SIM_KGEN := $(SIM_B)/kgen
SIM_KGEN_SAN := $(SIM_B)/kgen-san
SIM_KSRC := $(SIM_DIR)/kgen/ksrc.c $(SIM_DIR)/kgen/ksrc.h
$(SIM_KGEN): $(SIM_DIR)/kgen/kgen.c $(SIM_KSRC) FORCE
	$(call link,$(CC) $(CFLAGS_RELEASE))
$(SIM_KGEN_SAN): $(SIM_DIR)/kgen/kgen.c $(SIM_KSRC) FORCE
	$(call link,$(CC) $(CFLAGS_TEST),$(LDFLAGS_TEST))

# ------------------------------------------------ per variant libraries
SIM_L0_SRCS := $(addprefix $(SIM_DIR)/l0/,current.c arena.c inject.c instr.c hostmm.c vsie_loop.c gsim.c)
SIM_URCU_HDRS := $(wildcard $(SIM_DIR)/shim/urcu/*.h $(SIM_DIR)/shim/urcu/*/*.h)
SIM_L0_HDRS := $(SIM_URCU_HDRS) $(SIM_DIR)/l0/sim.h $(SIM_DIR)/gsim.h host/counters.h \
	$(SIM_DIR)/shim/shim.h $(SIM_DIR)/shim/kvm.h \
	$(wildcard $(SIM_DIR)/shim/include/*/*.h) \
	$(wildcard $(SIM_SHIM_BASE)/*.h $(SIM_SHIM_BASE)/*/*.h) $(SIM_MACHINE_HDRS)
SIM_KERNEL_OBJS := gmap pgtable pgalloc_pgste gaccess_shadow
SIM_GEN_SRCS := $(addsuffix .c,$(SIM_KERNEL_OBJS)) radix-tree.c
SIM_RT_OBJS := radix-tree rt-linux rt-slab
# kernel sources keep kernel style; only what the kernel's W=1 build
# would not show is silenced
SIM_KVM_SHIM := -include $(TOP)/$(SIM_DIR)/shim/kvm.h
SIM_KERNEL_WARN := -Wno-sign-compare -Wno-unused-function \
	-Wno-address-of-packed-member -Wno-unused-but-set-variable \
	-Wno-type-limits -Wno-shift-negative-value -Wno-unused-variable \
	-Wno-empty-body -Wno-implicit-fallthrough

# $(1) variant, $(2) flavour (rel san be), $(3) compiler + flags,
# $(4) gen dir endianness, $(5) tools/arch dir
define SIM_FLAVOUR
SIM_$(1)_$(2)_CC := $(3)
SIM_$(1)_$(2)_O := $(B)/$(1)/sim-$(2)
SIM_$(1)_$(2)_GEN := $(B)/$(1)/gen-$(4)
SIM_$(1)_$(2)_TREE := $(B)/$(1)/linux
SIM_$(1)_$(2)_INC := -D_LGPL_SOURCE -I$$(SIM_$(1)_$(2)_GEN) \
	-I$$(SIM_$(1)_$(2)_GEN)/generated \
	-I$(TOP)/$(SIM_DIR)/shim/urcu \
	-I$(TOP)/$(SIM_SHIM_BASE) -I$(TOP)/$(SIM_DIR)/shim/include \
	$$(addprefix -I$$(SIM_$(1)_$(2)_TREE)/,$(SIM_HARNESS)) \
	-I$$(SIM_$(1)_$(2)_TREE)/tools/include \
	-I$$(SIM_$(1)_$(2)_TREE)/tools/arch/$(5)/include
SIM_$(1)_$(2)_RTCC := $(3) -D_LGPL_SOURCE -I$$(SIM_$(1)_$(2)_GEN) \
	-I$$(SIM_$(1)_$(2)_GEN)/generated \
	-I$(TOP)/$(SIM_DIR)/shim/urcu \
	$$(addprefix -I$$(SIM_$(1)_$(2)_TREE)/,$(SIM_HARNESS)) \
	-I$$(SIM_$(1)_$(2)_TREE)/tools/include \
	-I$$(SIM_$(1)_$(2)_TREE)/tools/arch/$(5)/include \
	-Wno-type-limits -Wno-unused-function -Wno-maybe-uninitialized \
	-Wno-unused-parameter -Wno-sign-compare
SIM_$(1)_$(2)_KCC := $(3) $$(SIM_$(1)_$(2)_INC) $(SIM_KERNEL_WARN) \
	-Werror=implicit-function-declaration \
	-include $(TOP)/$(SIM_DIR)/shim/shim.h
SIM_$(1)_$(2)_OBJS := \
	$$(addprefix $$(SIM_$(1)_$(2)_O)/,$$(addsuffix .o,$(SIM_KERNEL_OBJS) \
	$(SIM_RT_OBJS) $(notdir $(SIM_L0_SRCS:.c=)) \
	$(notdir $(SIM_MACHINE_SRCS:.c=))))

$$(SIM_$(1)_$(2)_O)/gmap.o $$(SIM_$(1)_$(2)_O)/pgtable.o \
$$(SIM_$(1)_$(2)_O)/pgalloc_pgste.o: $$(SIM_$(1)_$(2)_O)/%.o: \
		$$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile_src,$$(SIM_$(1)_$(2)_KCC),$$(SIM_$(1)_$(2)_GEN)/$$*.c)
$$(SIM_$(1)_$(2)_O)/gaccess_shadow.o: $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile_src,$$(SIM_$(1)_$(2)_KCC) $$(SIM_KVM_SHIM), \
		$$(SIM_$(1)_$(2)_GEN)/gaccess_shadow.c)
$$(SIM_$(1)_$(2)_O)/radix-tree.o: $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile_src,$$(SIM_$(1)_$(2)_RTCC),$$(SIM_$(1)_$(2)_GEN)/radix-tree.c)
$$(SIM_$(1)_$(2)_O)/rt-linux.o: $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile_src,$$(SIM_$(1)_$(2)_RTCC), \
		$$(SIM_$(1)_$(2)_TREE)/$(firstword $(SIM_HARNESS))/linux.c)
$$(SIM_$(1)_$(2)_O)/rt-slab.o: $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile_src,$$(SIM_$(1)_$(2)_RTCC), \
		$$(SIM_$(1)_$(2)_TREE)/tools/lib/slab.c)
$$(SIM_$(1)_$(2)_O)/%.o: $(SIM_DIR)/l0/%.c $$(SIM_$(1)_$(2)_GEN)/tree FORCE
	$$(call compile,$$(SIM_$(1)_$(2)_KCC) $$(SIM_KVM_SHIM) \
		-I$(TOP)/$(SIM_DIR) $(SIM_MACHINE_CFLAGS))
$$(SIM_$(1)_$(2)_O)/%.o: $(SIM_MACHINE_DIR)/%.c FORCE
	$$(call compile,$$(SIM_$(1)_$(2)_CC) $(SIM_MACHINE_CFLAGS))
endef

# $(1) variant
define SIM_VARIANT
$(B)/$(1)/gen-le/tree $(B)/$(1)/gen-be/tree: $(B)/$(1)/gen-%/tree: \
		$(SIM_KGEN) $(SIM_DIR)/kgen/gen-kernel.sh $(SIM_MANIFEST) $(SIM_BASE_STAMP) \
		$(wildcard $(call SIM_VARIANT_DIR,$(1))/*) | $(SIM_B)/.pristine
	$(SIM_DIR)/kgen/gen-kernel.sh $(TOP)/$(SIM_KGEN) \
		$(call SIM_VARIANT_DIR,$(1)) $(B)/$(1) $$*
$(eval $(call SIM_FLAVOUR,$(1),rel,$(CC) $(CFLAGS_RELEASE),le,x86))
$(eval $(call SIM_FLAVOUR,$(1),san,$(CC) $(CFLAGS_BASE) -O1 $(SAN_FLAGS),le,x86))
$(eval $(call SIM_FLAVOUR,$(1),be,$(SIM_S390X_CC) $(CFLAGS_BASE) -O1,be,s390))
$(call SIM_LIB,$(1)): $$(SIM_$(1)_rel_OBJS) FORCE
	$$(call archive,$(AR))
$(call SIM_LIB_SAN,$(1)): $$(SIM_$(1)_san_OBJS) FORCE
	$$(call archive,$(AR))
$(B)/$(1)/libgmapsim-s390x.a: $$(SIM_$(1)_be_OBJS) FORCE
	$$(call archive,s390x-linux-gnu-ar)

# the two generations of a variant share its patched tree: one at a time
$(B)/$(1)/gen-be/tree: | $(B)/$(1)/gen-le/tree
# the generated sources are made with their tree stamp; rules that name
# one (cost.mk) wait for the stamp instead of finding no rule for the file
$(addprefix $(B)/$(1)/gen-le/,$(SIM_GEN_SRCS)): $(B)/$(1)/gen-le/tree ;
$(addprefix $(B)/$(1)/gen-be/,$(SIM_GEN_SRCS)): $(B)/$(1)/gen-be/tree ;
endef

# the pristine kernel is unpacked once, before any variant needs it
$(SIM_B)/.pristine:
	@mkdir -p $(@D)
	scripts/kernel-tree kernel-patches/baseline $(B)/baseline > /dev/null
	touch $@

$(foreach v,$(sort $(VARIANTS) $(SIM_TEST_VARIANTS)),$(eval $(call SIM_VARIANT,$(v))))

ALL_TARGETS += $(foreach v,$(VARIANTS),$(call SIM_LIB,$(v)))

# ------------------------------------------------------------ make perf
SIM_PERF_BINS := $(foreach v,$(VARIANTS),$(B)/bin/sim-perf-$(v))
$(B)/bin/sim-perf-%: $(SIM_DIR)/bench/sim-perf.c $(B)/%/libgmapsim.a FORCE
	$(call link,$(CC) $(CFLAGS_RELEASE) $(SIM_CFLAGS),$(SIM_LDLIBS))

# SIM_PERF_PAGES: L2 pages the scenario touches
SIM_PERF_PAGES ?= 1048576
.PHONY: sim-perf
sim-perf: $(SIM_PERF_BINS)
	@for v in $(VARIANTS); do \
		echo "== host/sim speed, variant $$v"; \
		$(B)/bin/sim-perf-$$v $(SIM_PERF_PAGES) || exit 1; \
	done

ALL_TARGETS += $(SIM_PERF_BINS)
PERF_TARGETS += sim-perf
