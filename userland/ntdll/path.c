// SPDX-License-Identifier: GPL-2.0
/*
 * DOS and NT path names.  A DOS path ("Z:\dir\x.dll") becomes an NT path
 * by the "\??\" prefix, which the object manager resolves through the
 * drive's symbolic link (Z: = the Linux root).
 */
#include "crt.h"
#include "heap.h"
#include "path.h"

void ntdll_path_dir(UNICODE_STRING *dir, const WCHAR *path, SIZE_T len)
{
	SIZE_T i = len;

	while (i && path[i - 1] != '\\')
		i--;
	dir->Buffer = (PWSTR)path;
	dir->Length = (USHORT)(i ? (i - 1) * 2 : 0);
	dir->MaximumLength = dir->Length;
}

NTSTATUS ntdll_path_dos_to_nt(UNICODE_STRING *p, const WCHAR *dir, SIZE_T dlen,
			      const WCHAR *name, SIZE_T nlen)
{
	SIZE_T len = 4 + dlen + (dlen ? 1 : 0) + nlen;
	WCHAR *b;

	if (len > 0x7ffe)
		return STATUS_OBJECT_NAME_INVALID;
	b = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, (len + 1) * 2);
	if (!b)
		return STATUS_NO_MEMORY;
	memcpy(b, L"\\??\\", 8);
	memcpy(b + 4, dir, dlen * 2);
	if (dlen)
		b[4 + dlen] = '\\';
	memcpy(b + len - nlen, name, nlen * 2);
	p->Buffer = b;
	p->Length = (USHORT)(len * 2);
	p->MaximumLength = (USHORT)(len * 2 + 2);
	return STATUS_SUCCESS;
}
