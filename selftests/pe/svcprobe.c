// SPDX-License-Identifier: GPL-2.0
/*
 * svcprobe.exe: which of the services that ntdll.dll needs to load DLLs
 * the kernel has, for run_pe_tests.sh to skip what cannot work yet:
 * prints "memory=yes|no files=yes|no".  memory: NtAllocateVirtualMemory
 * and NtFreeVirtualMemory; files: NtOpenFile on this program's own image,
 * NtQueryInformationFile(FileStandardInformation) and a positional
 * NtReadFile that reads its "MZ".
 */
#include "ntdllrt.h"

typedef struct {
	ULONG Length;
	HANDLE RootDirectory;
	UNICODE_STRING *ObjectName;
	ULONG Attributes;
	void *SecurityDescriptor;
	void *SecurityQualityOfService;
} OBJECT_ATTRIBUTES;

_Static_assert(sizeof(OBJECT_ATTRIBUTES) == sizeof(struct nt_object_attributes),
	       "OBJECT_ATTRIBUTES");

NTSTATUS NtOpenFile(HANDLE *h, ULONG access, OBJECT_ATTRIBUTES *oa, IO_STATUS_BLOCK *iosb,
		    ULONG share, ULONG options);
NTSTATUS NtQueryInformationFile(HANDLE h, IO_STATUS_BLOCK *iosb, void *info, ULONG len,
				ULONG cls);
NTSTATUS NtClose(HANDLE h);

static WCHAR path[4 + 32768];

static int files(void)
{
	UNICODE_STRING *img = nt_image_path(), name;
	OBJECT_ATTRIBUTES oa = { sizeof(oa), 0, &name, 0, 0, 0 };
	IO_STATUS_BLOCK iosb;
	LARGE_INTEGER off;
	long long fsi[3];
	char mz[2] = { 0, 0 };
	unsigned int i, n = img->Length / 2;
	HANDLE h = 0;
	int ok;

	if (n > 32768)
		return 0;
	path[0] = '\\', path[1] = '?', path[2] = '?', path[3] = '\\';
	for (i = 0; i < n; i++)
		path[4 + i] = img->Buffer[i];
	name.Buffer = path;
	name.Length = name.MaximumLength = (USHORT)((4 + n) * 2);
	if (NtOpenFile(&h, 0x00100001, &oa, &iosb, 1, 0x20))
		return 0;
	off.QuadPart = 0;
	ok = !NtQueryInformationFile(h, &iosb, fsi, sizeof(fsi), 5) && fsi[1] > 64 &&
	     !NtReadFile(h, 0, 0, 0, &iosb, mz, 2, &off, 0) && mz[0] == 'M' && mz[1] == 'Z';
	NtClose(h);
	return ok;
}

int start(void *peb)
{
	ULONG_PTR size = 65536;
	void *mem = 0;
	int memory;

	(void)peb;
	memory = !NtAllocateVirtualMemory(NtCurrentProcess(), &mem, 0, &size, 0x3000, 4);
	if (memory) {
		size = 0;
		memory = !NtFreeVirtualMemory(NtCurrentProcess(), &mem, &size, 0x8000);
	}
	nt_puts(nt_stdout(), memory ? "memory=yes" : "memory=no");
	nt_puts(nt_stdout(), files() ? " files=yes\n" : " files=no\n");
	return 0;
}
