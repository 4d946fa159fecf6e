# SPDX-License-Identifier: GPL-2.0
#
# ntpersona top-level Makefile.
#
#   make                 build ntpersona.ko for KVER (default: Debian's 6.1)
#   make KVER=6.12       ... for another installed Debian kernel (series or release)
#   make KDIR=/path      ... against any prepared kernel tree
#   make run             install what is missing, build, boot a guest, run the demo
#   make check           install what is missing, build, lint, run every test
#                        in the guest for each kernel of KVERS
#   make check-debug     the suite on a debug kernel built once from Debian's source
#   make fuzz            the long fuzz runs on the debug kernel
#   make lint            checkpatch --strict, sparse and W=1 on the module
#   make bench           the benchmark figures, one guest run per kernel
#   make ntdll-exports   what our ntdll.dll exports: implemented or stub, counts
#
# Out of tree in the usual way too: make -C /lib/modules/$KVER/build M=$PWD

KVER ?= 6.1
KVERS ?= 6.1 6.12
ifeq ($(origin KVER),command line)
KVERS := $(KVER)
endif
RESOLVED_KVER := $(shell bash -c '. scripts/lib.sh && ntos_kver $(KVER)' 2>/dev/null)
ifeq ($(RESOLVED_KVER),debug)
KDIR ?= $(shell scripts/debug-kernel)
else
KDIR ?= /lib/modules/$(RESOLVED_KVER)/build
endif
BUILD := build/$(if $(RESOLVED_KVER),$(RESOLVED_KVER),custom)
USERBUILD := build/user

MODULE_SRCS := Kbuild $(shell find module personality syscalls uapi -name '*.[ch]' -o -name '*.tbl' -o -name '*.awk' 2>/dev/null)

.PHONY: all module testmods user guest deps run check check-debug debug-kernel fuzz lint bench \
	ntdll-exports clean

all: module

# The module is built in a shadow tree per kernel so that objects of two
# kernels never mix in the source directories.
module: $(BUILD)/ntpersona.ko

$(BUILD)/ntpersona.ko: $(MODULE_SRCS)
	@test -d "$(KDIR)" || { echo "no kernel headers for KVER=$(KVER) (KDIR=$(KDIR)); run 'make deps'" >&2; exit 1; }
	@mkdir -p $(BUILD)
	@tar -cf - $(MODULE_SRCS) | tar -xf - -C $(BUILD)
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD) modules

# Test-only modules (the test bed's own self-test), per kernel.
testmods: $(BUILD)/testmods/ntos_warn_test.ko

$(BUILD)/testmods/ntos_warn_test.ko: selftests/testbed/warn_module/ntos_warn_test.c
	@mkdir -p $(BUILD)/testmods
	@cp selftests/testbed/warn_module/* $(BUILD)/testmods/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD)/testmods modules

# Linux-side programs: the admin CLI and the kselftest binaries, static; our
# ntdll.dll (build/user/system32) and the PE test programs.
user:
	@$(MAKE) -s -C userland OUT=$(CURDIR)/$(USERBUILD)
	@$(MAKE) -s -C userland/ntdll BUILD=$(CURDIR)/build
	@$(MAKE) -s -C selftests/pe BUILD=$(CURDIR)/build
	@$(MAKE) -s -C selftests OUT=$(CURDIR)/$(USERBUILD)/selftests EXTRA=$(CURDIR)/build/extra

# Everything scripts/vm puts into a guest for KVER.
guest: module testmods user

deps:
	@scripts/deps

run: deps
	@$(MAKE) -s guest KVER=$(KVER)
	@scripts/vm --kver $(KVER) -- /usr/lib/ntpersona/demo

check: deps
	@scripts/check $(KVERS)

# The whole suite on the debug kernel (KASAN, lockdep, kmemleak, UBSAN, ...).
check-debug: deps
	@scripts/check debug

debug-kernel:
	@scripts/debug-kernel

# The long fuzz runs, on the debug kernel (selftests/fuzz/run_fuzz.sh):
# 1,000,000 NT calls, 10,000 PE images, the wait stress, 10,000 kills with
# unload attempts.  FUZZ_SEED=S seeds every stage (default: the clock).
FUZZ_SEED ?=
fuzz: deps
	@scripts/vm --debug-kernel --smp 2 --timeout 7200 -- \
		/usr/lib/ntpersona/fuzz/run_fuzz.sh $(FUZZ_SEED)

bench: deps
	@scripts/bench $(KVERS)

lint:
	@scripts/lint $(KVER)

# userland/ntdll/ntdll.spec as a list, and the counts
ntdll-exports:
	@$(MAKE) -s -C userland/ntdll exports-report

clean:
	rm -rf build
	$(MAKE) -s -C selftests clean
