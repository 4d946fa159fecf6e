// SPDX-License-Identifier: GPL-2.0
/* System information services: NtGetCurrentProcessorNumber, NtQuerySystemInformation. */
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

#include "service.h"
#include "../personality/uaccess.h"

/* The cheapest service there is: the dispatch round trip's benchmark. */
static u32 ntos_nt_get_current_processor_number(void)
{
	return raw_smp_processor_id();
}

/*
 * NtQuerySystemInformation: the classes Wine's DLLs ask at start and for
 * GetSystemInfo, GetTickCount-style queries and RtlGenRandom.  Each
 * class has Windows' length rule: the fixed structs want their exact size
 * (Basic) or at least it (Processor, KernelDebugger), TimeOfDay copies
 * any prefix up to its size, Interrupt wants one entry per processor.
 */
struct ntos_sysinfo {
	u32 size;		/* what the class writes */
	u32 need;		/* for a mismatch's ReturnLength: 0 leaves it alone */
	union {
		struct nt_system_basic_information basic;
		struct nt_system_processor_information cpu;
		struct nt_system_time_of_day_information tod;
		struct nt_system_kernel_debugger_information kd;
		u64 range_start;
	} u;
};

/* Windows' x64 user range and system range start */
#define NTOS_USER_MIN		0x10000ULL
#define NTOS_USER_MAX		0x7ffffffeffffULL
#define NTOS_SYSTEM_RANGE	0xffff800000000000ULL

static unsigned int ntos_sysinfo_cpus(void)
{
	return min_t(unsigned int, num_online_cpus(), 64);
}

static void ntos_sysinfo_basic(struct nt_system_basic_information *b)
{
	unsigned int cpus = ntos_sysinfo_cpus();
	unsigned long pages = totalram_pages();

	b->timer_resolution = 156250;	/* 15.625 ms, Windows' default tick */
	b->page_size = PAGE_SIZE;
	b->number_of_physical_pages = min_t(unsigned long, pages, U32_MAX);
	b->lowest_physical_page_number = 1;
	b->highest_physical_page_number = min_t(unsigned long, pages, U32_MAX);
	b->allocation_granularity = SZ_64K;
	b->minimum_user_mode_address = NTOS_USER_MIN;
	b->maximum_user_mode_address = NTOS_USER_MAX;
	b->active_processors_affinity_mask = cpus == 64 ? ~0ULL : (1ULL << cpus) - 1;
	b->number_of_processors = cpus;
}

static void ntos_sysinfo_cpu(struct nt_system_processor_information *c)
{
	c->processor_architecture = 9;	/* PROCESSOR_ARCHITECTURE_AMD64 */
	c->processor_level = boot_cpu_data.x86;
	c->processor_revision = boot_cpu_data.x86_model << 8 | boot_cpu_data.x86_stepping;
	c->maximum_processors = ntos_sysinfo_cpus();
}

static void ntos_sysinfo_time_of_day(struct nt_system_time_of_day_information *t)
{
	s64 now = ntos_nt_time_now();

	t->current_time = now;
	t->boot_time = now - div_s64(ktime_get_boottime_ns(), 100);
	/* UTC: the registry that would name a time zone does not exist yet */
	t->time_zone_id = 0;
}

static ntstatus_t ntos_sysinfo_fill(u32 class, u32 len, struct ntos_sysinfo *si)
{
	switch (class) {
	case NT_SYSTEM_BASIC_INFORMATION:
	case NT_SYSTEM_EMULATION_BASIC_INFORMATION:
		si->size = sizeof(si->u.basic);
		if (len != si->size)
			return STATUS_INFO_LENGTH_MISMATCH;
		ntos_sysinfo_basic(&si->u.basic);
		return STATUS_SUCCESS;
	case NT_SYSTEM_PROCESSOR_INFORMATION:
	case NT_SYSTEM_EMULATION_PROCESSOR_INFORMATION:
		si->size = sizeof(si->u.cpu);
		if (len < si->size)
			return STATUS_INFO_LENGTH_MISMATCH;
		ntos_sysinfo_cpu(&si->u.cpu);
		return STATUS_SUCCESS;
	case NT_SYSTEM_TIME_OF_DAY_INFORMATION:
		if (len > sizeof(si->u.tod))
			return STATUS_INFO_LENGTH_MISMATCH;
		si->size = len;
		ntos_sysinfo_time_of_day(&si->u.tod);
		return STATUS_SUCCESS;
	case NT_SYSTEM_KERNEL_DEBUGGER_INFORMATION:
		si->size = sizeof(si->u.kd);
		if (len < si->size)
			return STATUS_INFO_LENGTH_MISMATCH;
		si->u.kd.kernel_debugger_not_present = 1;
		return STATUS_SUCCESS;
	case NT_SYSTEM_RANGE_START_INFORMATION:
		si->size = sizeof(si->u.range_start);
		if (len != si->size)
			return STATUS_INFO_LENGTH_MISMATCH;
		si->u.range_start = NTOS_SYSTEM_RANGE;
		return STATUS_SUCCESS;
	default:
		return STATUS_INVALID_INFO_CLASS;
	}
}

/*
 * SystemInterruptInformation: one SYSTEM_INTERRUPT_INFORMATION per
 * processor.  Its counters mean nothing to a program, but Wine's
 * advapi32 (RtlGenRandom, so rand_s and CryptGenRandom) takes this class
 * as its entropy source, as Wine's own ntdll fills it: the entries are
 * random bytes from the kernel's CSPRNG.
 */
static ntstatus_t ntos_sysinfo_interrupts(u64 ubuf, u32 len, u64 ureturn)
{
	u32 need = ntos_sysinfo_cpus() * sizeof(struct nt_system_interrupt_information);
	u8 chunk[64];
	u32 done;

	if (len < need)
		return ntos_put_u32(ureturn, need) ?: STATUS_INFO_LENGTH_MISMATCH;
	for (done = 0; done < need; done += sizeof(chunk)) {
		u32 n = min_t(u32, need - done, sizeof(chunk));

		get_random_bytes(chunk, n);
		if (copy_to_user(u64_to_user_ptr(ubuf + done), chunk, n))
			return STATUS_ACCESS_VIOLATION;
	}
	memzero_explicit(chunk, sizeof(chunk));
	return ntos_put_u32(ureturn, need);
}

static ntstatus_t ntos_nt_query_system_information(u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct ntos_sysinfo si = { 0 };
	ntstatus_t status;

	if (class == NT_SYSTEM_INTERRUPT_INFORMATION)
		return ntos_sysinfo_interrupts(ubuf, len, ureturn);
	status = ntos_sysinfo_fill(class, len, &si);
	if (status)
		return status;
	return ntos_query_copy(ubuf, ureturn, &si.u, si.size);
}
