// SPDX-License-Identifier: GPL-2.0
/*
 * The DLL mapper: a DLL file mapped as an image section, as Windows' loader
 * maps it.  NtCreateSection(SEC_IMAGE) has the kernel check the file and lay
 * it out (once per file: its image cache), NtMapViewOfSection puts it in the
 * process with each section's protection, relocated by the kernel if it
 * cannot have its preferred base (STATUS_IMAGE_NOT_AT_BASE; the headers then
 * say where it is).  Nothing is read or copied here: the pages are shared
 * copy-on-write with every process that maps the same DLL.  The caller binds
 * the imports; the view goes with NtUnmapViewOfSection (ntdll_unmap_dll).
 */
#include "crt.h"
#include "loader.h"
#include "syscalls.h"

static NTSTATUS open_file(const UNICODE_STRING *nt_path, HANDLE *h)
{
	OBJECT_ATTRIBUTES oa;
	IO_STATUS_BLOCK iosb;

	memset(&oa, 0, sizeof(oa));
	oa.Length = sizeof(oa);
	oa.ObjectName = (PUNICODE_STRING)nt_path;
	/* no OBJ_CASE_INSENSITIVE: names are Linux paths, case-sensitive */
	return NtOpenFile(h, FILE_READ_DATA | FILE_EXECUTE | SYNCHRONIZE, &oa, &iosb,
			  FILE_SHARE_READ | FILE_SHARE_DELETE,
			  FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE);
}

/*
 * Map the DLL named by the NT path @nt_path ("\??\Z:\dir\x.dll").  A file
 * that cannot be opened is STATUS_OBJECT_NAME_NOT_FOUND (the caller tries
 * the next directory); one that is not an image STATUS_INVALID_IMAGE_FORMAT.
 */
NTSTATUS ntdll_map_dll_file(const UNICODE_STRING *nt_path, void **base)
{
	HANDLE file, section;
	SIZE_T size = 0;
	NTSTATUS st;

	st = open_file(nt_path, &file);
	if (!NT_SUCCESS(st))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	st = NtCreateSection(&section, SECTION_MAP_READ | SECTION_MAP_EXECUTE | SECTION_QUERY,
			     NULL, NULL, PAGE_EXECUTE_READ, SEC_IMAGE, file);
	NtClose(file);
	if (!NT_SUCCESS(st))
		return st;	/* STATUS_INVALID_IMAGE_FORMAT for a file that is not an image */
	*base = NULL;
	st = NtMapViewOfSection(section, NtCurrentProcess(), base, 0, 0, NULL, &size, ViewShare, 0,
				PAGE_EXECUTE_WRITECOPY);
	NtClose(section);		/* the view keeps the image */
	return st == STATUS_IMAGE_NOT_AT_BASE ? STATUS_SUCCESS : st;
}

void ntdll_unmap_dll(void *base)
{
	NtUnmapViewOfSection(NtCurrentProcess(), base);
}
