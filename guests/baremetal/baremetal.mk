# SPDX-License-Identifier: GPL-2.0
# The bare-metal s390x L1 (boots under qemu-system-s390x): docs/baremetal.md
BAREMETAL_DIR := guests/baremetal
BAREMETAL_CC := s390x-linux-gnu-gcc
BAREMETAL_CFLAGS := -std=gnu11 -g -O2 -Wall -Wextra -Wno-unused-parameter \
	-ffreestanding -fno-builtin -nostdinc -isystem $(shell $(BAREMETAL_CC) -print-file-name=include 2>/dev/null) \
	-fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
	-march=z10 -mtune=z13 -msoft-float -mno-backchain --param=min-pagesize=0 -I$(BAREMETAL_DIR) -Iguests/l1
BAREMETAL_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-T,$(BAREMETAL_DIR)/baremetal.lds -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments
BAREMETAL_RT_SRCS := $(addprefix $(BAREMETAL_DIR)/, start.S lowcore.c sclp.c \
	print.c libc.c stckf.c cmdline.c probe.c runtime.c \
	platform-baremetal.c samples.c l2prog.S)
BAREMETAL_OBJ := $(B)/guests/baremetal
BAREMETAL_RT_OBJS := $(patsubst $(BAREMETAL_DIR)/%,$(BAREMETAL_OBJ)/%.o,$(BAREMETAL_RT_SRCS))
BAREMETAL_SELFTEST_ELF := $(B)/guests/baremetal-selftest.elf

$(BAREMETAL_OBJ)/%.c.o: $(BAREMETAL_DIR)/%.c FORCE
	$(call compile,$(BAREMETAL_CC) $(BAREMETAL_CFLAGS))

$(BAREMETAL_OBJ)/%.S.o: $(BAREMETAL_DIR)/%.S FORCE
	$(call compile,$(BAREMETAL_CC) $(BAREMETAL_CFLAGS) -D__ASSEMBLY__)

# the runtime needs guests/l1/util.c (l1_buf_*), which l1.elf has anyway
$(BAREMETAL_SELFTEST_ELF): $(BAREMETAL_RT_OBJS) $(BAREMETAL_OBJ)/selftest.c.o \
		guests/l1/util.c $(BAREMETAL_DIR)/baremetal.lds FORCE
	$(call link_args,$(BAREMETAL_CC) $(BAREMETAL_CFLAGS) $(BAREMETAL_LDFLAGS), \
		$(filter %.o %.c,$^) -lgcc)

ALL_TARGETS += $(BAREMETAL_SELFTEST_ELF)
CHECK_DEPS += $(BAREMETAL_SELFTEST_ELF)

TESTS += $(BAREMETAL_DIR)/tests/boot.sh $(BAREMETAL_DIR)/tests/platform.sh

# build/guests/l1.elf: guests/l1 and guests/scenarios (their fragment,
# guests/guests.mk, is read after this one: GUESTS_* are expanded in the
# recipe only), unchanged, on this runtime. Built once the scenarios exist.
GUESTS_L1_ELF := $(B)/guests/l1.elf
ifneq ($(wildcard guests/scenarios/*.c),)
$(GUESTS_L1_ELF): $(BAREMETAL_RT_OBJS) $(BAREMETAL_DIR)/l1-main.c \
		$(BAREMETAL_DIR)/baremetal.lds $(BAREMETAL_DIR)/baremetal.mk \
		$(wildcard $(BAREMETAL_DIR)/*.h guests/l1/*.[ch] guests/scenarios/*.[ch]) FORCE
	$(call link_args,$(BAREMETAL_CC) $(BAREMETAL_CFLAGS) $(GUESTS_CFLAGS) $(BAREMETAL_LDFLAGS), \
		$(BAREMETAL_RT_OBJS) $(BAREMETAL_DIR)/l1-main.c $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) -lgcc)

ALL_TARGETS += $(GUESTS_L1_ELF)
CHECK_DEPS += $(GUESTS_L1_ELF)
TESTS += $(BAREMETAL_DIR)/tests/l1elf.sh

# the same L1 on a fake SIE (tests/fake_sie.c: vSIE's exits, including
# interception code 0) that runs under TCG: the platform's SIE path tested
GUESTS_L1_FAKESIE_ELF := $(B)/guests/l1-fakesie.elf
$(GUESTS_L1_FAKESIE_ELF): $(BAREMETAL_RT_OBJS) $(BAREMETAL_DIR)/tests/fake_sie.c \
		$(BAREMETAL_DIR)/l1-main.c $(BAREMETAL_DIR)/baremetal.lds $(BAREMETAL_DIR)/baremetal.mk \
		$(wildcard $(BAREMETAL_DIR)/*.h guests/l1/*.[ch] guests/scenarios/*.[ch])
	$(BAREMETAL_CC) $(BAREMETAL_CFLAGS) $(GUESTS_CFLAGS) $(BAREMETAL_LDFLAGS) \
		-o $@ $(BAREMETAL_RT_OBJS) $(BAREMETAL_DIR)/tests/fake_sie.c \
		$(BAREMETAL_DIR)/l1-main.c $(GUESTS_L1_SRCS) $(GUESTS_SCENARIO_SRCS) -lgcc

CHECK_DEPS += $(GUESTS_L1_FAKESIE_ELF)
TESTS += $(BAREMETAL_DIR)/tests/fakesie.sh
# against host/sim (build/guests/sim-translate, guests/guests.mk)
TESTS += $(BAREMETAL_DIR)/tests/lra-vs-oracle.sh
endif
