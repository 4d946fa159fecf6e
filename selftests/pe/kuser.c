// SPDX-License-Identifier: GPL-2.0
/*
 * kuser.exe UPTIME_MS UNIXSECONDS NPROC: reads KUSER_SHARED_DATA at
 * 0x7ffe0000 the way Windows programs do, in a process made by the PE exec,
 * and checks it against the Linux view the caller passes: TickCount within
 * 2 s of UPTIME_MS, SystemTime within 60 s of UNIXSECONDS, NPROC active
 * processors, version 10.0.19045, the performance counter's frequency as
 * NtQueryPerformanceCounter gives it, and NtQueryVirtualMemory's view of
 * the page (committed, read-only, one page).  Prints "kuser ok"; status 0,
 * 1 for a wrong field (named on stderr), 2 for bad arguments, 3 if a
 * service fails.
 */
#include "ntrt.h"
#include "../../uapi/ntkuser.h"

NTSTATUS NtQueryVirtualMemory(HANDLE Process, const void *Address, int Class, void *Info,
			      ULONG_PTR Length, ULONG_PTR *ReturnLength);

typedef struct {
	void *BaseAddress;
	void *AllocationBase;
	ULONG AllocationProtect;
	USHORT PartitionId;
	ULONG_PTR RegionSize;
	ULONG State;
	ULONG Protect;
	ULONG Type;
} MEMORY_BASIC_INFORMATION;

#define MEM_COMMIT	0x1000
#define PAGE_READONLY	0x02
#define EPOCH_1601_TO_1970	116444736000000000LL

static volatile struct nt_kuser_shared_data *const k =
	(volatile struct nt_kuser_shared_data *)NT_KUSER_SHARED_DATA;

static long long ksystem_time(volatile struct nt_ksystem_time *t)
{
	int high;
	unsigned int low;

	do {
		high = t->high1_time;
		__sync_synchronize();
		low = t->low_part;
		__sync_synchronize();
	} while (high != t->high2_time);
	return (long long)((unsigned long long)(unsigned int)high << 32 | low);
}

static int wrong(const char *what)
{
	nt_puts(nt_stderr(), "kuser: wrong ");
	nt_puts(nt_stderr(), what);
	nt_puts(nt_stderr(), "\n");
	return 1;
}

static long long dist(long long a, long long b)
{
	return a > b ? a - b : b - a;
}

int start(void *peb)
{
	static const char root[] = "C:\\windows";
	MEMORY_BASIC_INFORMATION m;
	LARGE_INTEGER c, f;
	long long up_ms, unix_s, nproc, tick, st;
	WCHAR **argv;
	int argc = nt_args(&argv);
	ULONG_PTR len = 0;
	NTSTATUS s;
	unsigned int i;

	(void)peb;
	if (argc != 4 || nt_wtoi(argv[1], &up_ms) || nt_wtoi(argv[2], &unix_s) ||
	    nt_wtoi(argv[3], &nproc)) {
		nt_puts(nt_stderr(), "usage: kuser.exe UPTIME_MS UNIXSECONDS NPROC\n");
		return 2;
	}
	if (k->nt_major_version != 10 || k->nt_minor_version != 0 || k->nt_build_number != 19045)
		return wrong("version");
	if (k->nt_product_type != NT_PRODUCT_WIN_NT || !k->product_type_is_valid)
		return wrong("product type");
	for (i = 0; i < sizeof(root); i++)
		if (k->nt_system_root[i] != (unsigned char)root[i])
			return wrong("NtSystemRoot");
	tick = (long long)(((unsigned __int128)ksystem_time(&k->tick_count) *
			    k->tick_count_multiplier) >> 24);
	if (dist(tick, up_ms) > 2000)
		return wrong("TickCount");
	st = (ksystem_time(&k->system_time) - EPOCH_1601_TO_1970) / 10000000;
	if (dist(st, unix_s) > 60)
		return wrong("SystemTime");
	if (k->active_processor_count != nproc)
		return wrong("ActiveProcessorCount");
	if (!k->processor_features[NT_PF_XMMI64_INSTRUCTIONS_AVAILABLE])
		return wrong("ProcessorFeatures (an x86-64 CPU has SSE2)");
	s = NtQueryPerformanceCounter(&c, &f);
	if (!NT_SUCCESS(s)) {
		nt_report("kuser", "NtQueryPerformanceCounter", s);
		return 3;
	}
	if (f.QuadPart != k->qpc_frequency || k->qpc_bypass_enabled)
		return wrong("QpcFrequency");
	if (c.QuadPart < ksystem_time(&k->interrupt_time))
		return wrong("InterruptTime (ahead of the performance counter)");
	s = NtQueryVirtualMemory(NtCurrentProcess(), (void *)(NT_KUSER_SHARED_DATA + 8), 0, &m,
				 sizeof(m), &len);
	if (!NT_SUCCESS(s)) {
		nt_report("kuser", "NtQueryVirtualMemory", s);
		return 3;
	}
	if ((ULONG_PTR)m.BaseAddress != NT_KUSER_SHARED_DATA || m.RegionSize != NT_KUSER_SIZE ||
	    m.State != MEM_COMMIT || m.Protect != PAGE_READONLY)
		return wrong("NtQueryVirtualMemory");
	nt_puts(nt_stdout(), "kuser ok\n");
	return 0;
}
