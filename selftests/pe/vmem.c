// SPDX-License-Identifier: GPL-2.0
/*
 * vmem.exe: the virtual memory services from a Windows program, as
 * Windows documents them (VirtualQuery/VirtualAlloc/VirtualProtect/
 * VirtualFree over the Nt* services):
 *
 *   - its own image is MEM_IMAGE, committed, headers read-only, code
 *     execute-read, AllocationBase = the image base;
 *   - its stack is committed private read-write memory;
 *   - 1 MiB reserved and committed read-write keeps its contents through
 *     PAGE_READONLY and back (the old protection is returned each time),
 *     half decommitted is MEM_RESERVE, released is MEM_FREE;
 *   - with ntdll.dll loaded (PEB->Ldr): its headers are an image too; made
 *     writable, written and made read-only again they keep the write, and
 *     the next process still sees the original (every process maps the
 *     same ntdll copy-on-write).
 *
 * Status 0, or the number of the check that failed (reported on stderr).
 */
#include "ntrt.h"

NTSTATUS NtAllocateVirtualMemory(HANDLE Process, void **Base, ULONG_PTR ZeroBits,
				 ULONG_PTR *Size, ULONG Type, ULONG Protect);
NTSTATUS NtFreeVirtualMemory(HANDLE Process, void **Base, ULONG_PTR *Size, ULONG Type);
NTSTATUS NtProtectVirtualMemory(HANDLE Process, void **Base, ULONG_PTR *Size, ULONG Protect,
				ULONG *Old);
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

#define MEM_COMMIT		0x1000
#define MEM_RESERVE		0x2000
#define MEM_DECOMMIT		0x4000
#define MEM_RELEASE		0x8000
#define MEM_FREE		0x10000
#define MEM_PRIVATE		0x20000
#define MEM_IMAGE		0x1000000
#define PAGE_NOACCESS		0x01
#define PAGE_READONLY		0x02
#define PAGE_READWRITE		0x04
#define PAGE_WRITECOPY		0x08
#define PAGE_EXECUTE_READ	0x20

static int failed(int check, const char *what, NTSTATUS st)
{
	nt_report("vmem", what, st);
	return check;
}

static NTSTATUS query(const void *addr, MEMORY_BASIC_INFORMATION *m)
{
	ULONG_PTR len = 0;
	NTSTATUS st = NtQueryVirtualMemory(NtCurrentProcess(), addr, 0, m, sizeof(*m), &len);

	return NT_SUCCESS(st) && len != sizeof(*m) ? STATUS_INTERNAL_ERROR : st;
}

/* ntdll.dll's headers: the DOS stub's "This program..." at 0x4e is ours to write. */
static int ntdll_headers(void *peb)
{
	unsigned char *ldr = *(unsigned char **)((unsigned char *)peb + 0x18);
	MEMORY_BASIC_INFORMATION m;
	ULONG_PTR size = 4096;
	unsigned char *ntdll;
	void *base;
	ULONG old;
	NTSTATUS st;

	if (ldr) {	/* InLoadOrderModuleList: the program, then ntdll; DllBase at 0x30 */
		unsigned char *second = **(unsigned char ***)(ldr + 0x10);

		ntdll = *(unsigned char **)(second + 0x30);
		st = query(ntdll, &m);
		if (!NT_SUCCESS(st) || m.Type != MEM_IMAGE || m.Protect != PAGE_READONLY ||
		    m.AllocationBase != ntdll)
			return failed(14, "ntdll headers: type/protect/base", m.Protect);
		if (ntdll[0x4e] != 'T')
			return failed(15, "ntdll's DOS stub (written by an earlier process?)", ntdll[0x4e]);
		base = ntdll;
		st = NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, PAGE_READWRITE, &old);
		if (!NT_SUCCESS(st) || old != PAGE_READONLY)
			return failed(16, "NtProtectVirtualMemory(ntdll headers, PAGE_READWRITE)", st);
		ntdll[0x4e] = 't';
		st = NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, PAGE_READONLY, &old);
		if (!NT_SUCCESS(st) || old != PAGE_WRITECOPY)
			return failed(17, "NtProtectVirtualMemory(ntdll headers, PAGE_READONLY)", st);
		if (ntdll[0x4e] != 't' || ntdll[0] != 'M')
			return failed(18, "ntdll headers after two protection changes", ntdll[0x4e]);
	}
	nt_puts(nt_stdout(), "vmem ok\n");
	return 0;
}

int start(void *peb)
{
	unsigned char *image = *(unsigned char **)((unsigned char *)peb + 0x10);
	MEMORY_BASIC_INFORMATION m;
	ULONG_PTR size = 1 << 20;
	void *base = 0, *half;
	unsigned char *p;
	ULONG old = 0, i;
	NTSTATUS st;

	st = query(image, &m);
	if (!NT_SUCCESS(st))
		return failed(1, "NtQueryVirtualMemory(image)", st);
	if (m.Type != MEM_IMAGE || m.State != MEM_COMMIT || m.AllocationBase != image ||
	    m.Protect != PAGE_READONLY)
		return failed(2, "image headers: type/state/base/protect", m.Protect);
	st = query((void *)start, &m);
	if (!NT_SUCCESS(st) || m.Type != MEM_IMAGE || m.Protect != PAGE_EXECUTE_READ ||
	    m.AllocationBase != image)
		return failed(3, "image code: type/protect/base", m.Protect);
	st = query(&m, &m);
	if (!NT_SUCCESS(st) || m.Type != MEM_PRIVATE || m.State != MEM_COMMIT ||
	    m.Protect != PAGE_READWRITE)
		return failed(4, "stack: type/state/protect", m.Protect);

	st = NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &size, MEM_RESERVE | MEM_COMMIT,
				     PAGE_READWRITE);
	if (!NT_SUCCESS(st) || size != 1 << 20 || ((ULONG_PTR)base & 0xffff))
		return failed(5, "NtAllocateVirtualMemory(1 MiB)", st);
	p = base;
	for (i = 0; i < size; i++)
		p[i] = (unsigned char)(i * 13);
	st = NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, PAGE_READONLY, &old);
	if (!NT_SUCCESS(st) || old != PAGE_READWRITE)
		return failed(6, "NtProtectVirtualMemory(PAGE_READONLY)", st);
	st = query(p + 4096, &m);
	if (!NT_SUCCESS(st) || m.Protect != PAGE_READONLY || m.AllocationBase != base ||
	    m.RegionSize != size - 4096 || m.AllocationProtect != PAGE_READWRITE)
		return failed(7, "query after PAGE_READONLY", m.Protect);
	st = NtProtectVirtualMemory(NtCurrentProcess(), &base, &size, PAGE_READWRITE, &old);
	if (!NT_SUCCESS(st) || old != PAGE_READONLY)
		return failed(8, "NtProtectVirtualMemory(PAGE_READWRITE)", st);
	for (i = 0; i < size; i += 4091)
		if (p[i] != (unsigned char)(i * 13))
			return failed(9, "contents after two protection changes", i);

	half = p + size / 2;
	size /= 2;
	st = NtFreeVirtualMemory(NtCurrentProcess(), &half, &size, MEM_DECOMMIT);
	if (!NT_SUCCESS(st))
		return failed(10, "NtFreeVirtualMemory(MEM_DECOMMIT)", st);
	st = query(half, &m);
	if (!NT_SUCCESS(st) || m.State != MEM_RESERVE || m.RegionSize != size)
		return failed(11, "query after decommit", m.State);
	size = 0;
	st = NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
	if (!NT_SUCCESS(st) || size != 1 << 20)
		return failed(12, "NtFreeVirtualMemory(MEM_RELEASE)", st);
	st = query(p, &m);
	if (!NT_SUCCESS(st) || m.State != MEM_FREE)
		return failed(13, "query after release", m.State);
	return ntdll_headers(peb);
}
