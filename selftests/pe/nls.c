// SPDX-License-Identifier: GPL-2.0
/*
 * nls.exe: the NLS pointers of the PEB after process start (x64 offsets
 * 0xa0 AnsiCodePageData, 0xa8 OemCodePageData, 0xb0 UnicodeCaseTableData):
 * each points at a read-only MEM_MAPPED view of its table, the ANSI one
 * code page 1252 and the OEM one 437 (the CodePage field of the code page
 * file header, at byte 2), and each is the view NtGetNlsSectionPtr gives
 * the process for that table (one view per table per process).
 *
 * Prints "nls ok", status 0; or the number of the check that failed.
 */
#include "ntrt.h"

NTSTATUS NtGetNlsSectionPtr(ULONG Type, ULONG Id, void *Context, void **Ptr, ULONG_PTR *Size);
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
#define MEM_MAPPED	0x40000
#define PAGE_READONLY	0x02

static int failed(int check, const char *what, NTSTATUS st)
{
	nt_report("nls", what, st);
	return check;
}

/* the PEB field at @off: a committed read-only view that NtGetNlsSectionPtr(@type, @id) gives too */
static int table(unsigned char *peb, int off, ULONG type, ULONG id, int check)
{
	unsigned char *p = *(unsigned char **)(peb + off);
	MEMORY_BASIC_INFORMATION m;
	ULONG_PTR len = 0, size = 0;
	void *q = 0;
	NTSTATUS st;

	if (!p)
		return failed(check, "a PEB NLS field is NULL", STATUS_UNSUCCESSFUL);
	st = NtQueryVirtualMemory(NtCurrentProcess(), p, 0, &m, sizeof(m), &len);
	if (!NT_SUCCESS(st))
		return failed(check + 1, "NtQueryVirtualMemory", st);
	if (m.AllocationBase != p || m.Type != MEM_MAPPED || m.State != MEM_COMMIT ||
	    m.Protect != PAGE_READONLY)
		return failed(check + 2, "not a read-only mapped view", STATUS_UNSUCCESSFUL);
	st = NtGetNlsSectionPtr(type, id, 0, &q, &size);
	if (!NT_SUCCESS(st))
		return failed(check + 3, "NtGetNlsSectionPtr", st);
	if (q != p || size < m.RegionSize)
		return failed(check + 4, "NtGetNlsSectionPtr gives another view", STATUS_UNSUCCESSFUL);
	return 0;
}

int start(void *peb)
{
	unsigned char *pp = nt_peb();
	int r;

	if ((unsigned char *)peb != pp)
		return failed(1, "rcx is not the PEB", STATUS_UNSUCCESSFUL);
	r = table(pp, 0xa0, 11, 1252, 10);
	if (!r)
		r = table(pp, 0xa8, 11, 437, 20);
	if (!r)
		r = table(pp, 0xb0, 10, 0, 30);
	if (r)
		return r;
	if ((*(USHORT **)(pp + 0xa0))[1] != 1252)
		return failed(40, "AnsiCodePageData is not code page 1252", STATUS_UNSUCCESSFUL);
	if ((*(USHORT **)(pp + 0xa8))[1] != 437)
		return failed(41, "OemCodePageData is not code page 437", STATUS_UNSUCCESSFUL);
	nt_puts(nt_stdout(), "nls ok\n");
	return 0;
}
