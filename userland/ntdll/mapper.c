// SPDX-License-Identifier: GPL-2.0
/*
 * The DLL mapper: a DLL file mapped as an image, from user space, with the NT memory and
 * file services (as Windows' loader does with sections, minus sharing):
 * open it, check its headers, allocate SizeOfImage at its preferred base
 * (anywhere otherwise), read the headers and each section's raw data into
 * place with positional NtReadFile.  The caller relocates, binds imports,
 * then sets the final protections (ntdll_image_protect): until then it is RW.
 */
#include "crt.h"
#include "heap.h"
#include "loader.h"
#include "syscalls.h"
#include "virtual.h"

#define HDR_READ	0x1000		/* headers read first: one page */

/* exactly @len bytes at @off, or a failure (a short file is STATUS_END_OF_FILE) */
static NTSTATUS read_at(HANDLE h, void *buf, ULONG len, ULONGLONG off)
{
	BYTE *p = buf;

	while (len) {
		IO_STATUS_BLOCK iosb;
		LARGE_INTEGER o;
		NTSTATUS st;

		o.QuadPart = off;
		iosb.Status = STATUS_PENDING;
		iosb.Information = 0;
		st = NtReadFile(h, NULL, NULL, NULL, &iosb, p, len, &o, NULL);
		if (st == STATUS_PENDING) {
			NtWaitForSingleObject(h, FALSE, NULL);
			st = iosb.Status;
		}
		if (!NT_SUCCESS(st))
			return st;
		if (!iosb.Information || iosb.Information > len)
			return STATUS_END_OF_FILE;
		p += iosb.Information;
		off += iosb.Information;
		len -= (ULONG)iosb.Information;
	}
	return STATUS_SUCCESS;
}

static NTSTATUS open_file(const UNICODE_STRING *nt_path, HANDLE *h)
{
	OBJECT_ATTRIBUTES oa;
	IO_STATUS_BLOCK iosb;

	memset(&oa, 0, sizeof(oa));
	oa.Length = sizeof(oa);
	oa.ObjectName = (PUNICODE_STRING)nt_path;
	/* no OBJ_CASE_INSENSITIVE: names are Linux paths, case-sensitive */
	return NtOpenFile(h, FILE_READ_DATA | SYNCHRONIZE, &oa, &iosb, FILE_SHARE_READ,
			  FILE_SYNCHRONOUS_IO_NONALERT);
}

/* Read the image in @h (of @fsize bytes) into fresh memory at *@base. */
static NTSTATUS map_from(HANDLE h, ULONGLONG fsize, void **base)
{
	BYTE *hdr, *mem = NULL;
	IMAGE_NT_HEADERS64 *nt;
	IMAGE_SECTION_HEADER *s;
	ULONG hlen = fsize < HDR_READ ? (ULONG)fsize : HDR_READ;
	NTSTATUS st;
	unsigned int i;

	hdr = RtlAllocateHeap(RtlGetProcessHeap(), 0, HDR_READ);
	if (!hdr)
		return STATUS_NO_MEMORY;
	st = read_at(h, hdr, hlen, 0);
	if (!NT_SUCCESS(st))
		goto out;
	st = STATUS_INVALID_IMAGE_FORMAT;
	nt = ntdll_image_headers(hdr, hlen, 0);
	if (!nt || !ntdll_image_sections_ok(nt, fsize))
		goto out;
	/* the preferred base first, anywhere else when it is taken */
	mem = (BYTE *)nt->OptionalHeader.ImageBase;
	st = ntdll_vm_alloc((void **)&mem, nt->OptionalHeader.SizeOfImage, PAGE_READWRITE);
	if (!NT_SUCCESS(st)) {
		mem = NULL;
		st = ntdll_vm_alloc((void **)&mem, nt->OptionalHeader.SizeOfImage, PAGE_READWRITE);
		if (!NT_SUCCESS(st))
			goto out;
	}
	memcpy(mem, hdr, nt->OptionalHeader.SizeOfHeaders < hlen ?
			 nt->OptionalHeader.SizeOfHeaders : hlen);
	s = (IMAGE_SECTION_HEADER *)((BYTE *)&nt->OptionalHeader +
				     nt->FileHeader.SizeOfOptionalHeader);
	for (i = 0; i < nt->FileHeader.NumberOfSections; i++, s++) {
		ULONG vsize = s->Misc.VirtualSize ? s->Misc.VirtualSize : s->SizeOfRawData;
		ULONG raw = s->SizeOfRawData < vsize ? s->SizeOfRawData : vsize;

		if (!raw)
			continue;	/* .bss: fresh memory is zero */
		st = read_at(h, mem + s->VirtualAddress, raw, s->PointerToRawData);
		if (!NT_SUCCESS(st)) {
			st = STATUS_INVALID_IMAGE_FORMAT;
			goto out;
		}
	}
	*base = mem;
	mem = NULL;
	st = STATUS_SUCCESS;
out:
	if (mem)
		ntdll_vm_free(mem);
	RtlFreeHeap(RtlGetProcessHeap(), 0, hdr);
	return st;
}

/*
 * Map the DLL named by the NT path @nt_path ("\??\Z:\dir\x.dll").  A file
 * that cannot be opened is STATUS_OBJECT_NAME_NOT_FOUND (the caller tries
 * the next directory); one that is not an image STATUS_INVALID_IMAGE_FORMAT.
 */
NTSTATUS ntdll_map_dll_file(const UNICODE_STRING *nt_path, void **base)
{
	FILE_STANDARD_INFORMATION fsi;
	IO_STATUS_BLOCK iosb;
	HANDLE h;
	NTSTATUS st;

	st = open_file(nt_path, &h);
	if (!NT_SUCCESS(st))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	memset(&fsi, 0, sizeof(fsi));
	st = NtQueryInformationFile(h, &iosb, &fsi, sizeof(fsi), FileStandardInformation);
	if (NT_SUCCESS(st) && (fsi.Directory || fsi.EndOfFile.QuadPart < 0))
		st = STATUS_OBJECT_NAME_NOT_FOUND;
	if (NT_SUCCESS(st))
		st = map_from(h, (ULONGLONG)fsi.EndOfFile.QuadPart, base);
	NtClose(h);
	return st;
}
