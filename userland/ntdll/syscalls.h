/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syscalls.h: the system services ntdll itself calls (their stubs are
 * generated from syscalls/nt.tbl by gentbl.awk out=stubs) and the types
 * of their arguments.  The prototypes are kept by hand until nt.tbl
 * carries them.
 */
#ifndef NTDLL_SYSCALLS_H
#define NTDLL_SYSCALLS_H

#include "ntbase.h"

#define NtCurrentProcess()		((HANDLE)(LONG_PTR)-1)

typedef struct {
	union {
		NTSTATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef void (NTAPI *PIO_APC_ROUTINE)(PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock,
				       ULONG Reserved);

typedef struct {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES;

/* the layouts of uapi/nt.h's struct nt_object_attributes and struct nt_unicode_string */
_Static_assert(sizeof(OBJECT_ATTRIBUTES) == 0x30, "OBJECT_ATTRIBUTES");
_Static_assert(__builtin_offsetof(OBJECT_ATTRIBUTES, Attributes) == 0x18, "OBJECT_ATTRIBUTES");
_Static_assert(sizeof(UNICODE_STRING) == 0x10, "UNICODE_STRING");
_Static_assert(sizeof(IO_STATUS_BLOCK) == 0x10, "IO_STATUS_BLOCK");

/*
 * TODO(uapi): this class, its layout and the open options below are
 * private to syscalls/file.c (NTOS_FILE_*)
 */
typedef struct {
	LARGE_INTEGER AllocationSize;
	LARGE_INTEGER EndOfFile;
	ULONG NumberOfLinks;
	BOOLEAN DeletePending;
	BOOLEAN Directory;
} FILE_STANDARD_INFORMATION;

#define FileStandardInformation		5
#define FILE_SYNCHRONOUS_IO_NONALERT	0x00000020
#define FILE_NON_DIRECTORY_FILE		0x00000040

NTSTATUS NTAPI NtWriteFile(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK,
			   const void *, ULONG, PLARGE_INTEGER, PULONG);
NTSTATUS NTAPI NtReadFile(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK, PVOID,
			  ULONG, PLARGE_INTEGER, PULONG);
NTSTATUS NTAPI NtOpenFile(PHANDLE, ACCESS_MASK, OBJECT_ATTRIBUTES *, PIO_STATUS_BLOCK, ULONG,
			  ULONG);
NTSTATUS NTAPI NtQueryInformationFile(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, ULONG);
NTSTATUS NTAPI NtClose(HANDLE);
NTSTATUS NTAPI NtWaitForSingleObject(HANDLE, BOOLEAN, PLARGE_INTEGER);
NTSTATUS NTAPI NtAllocateVirtualMemory(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
NTSTATUS NTAPI NtFreeVirtualMemory(HANDLE, PVOID *, PSIZE_T, ULONG);
NTSTATUS NTAPI NtProtectVirtualMemory(HANDLE, PVOID *, PSIZE_T, ULONG, PULONG);
NTSTATUS NTAPI NtTerminateProcess(HANDLE, NTSTATUS);
#define ViewShare	1		/* SECTION_INHERIT */

NTSTATUS NTAPI NtCreateSection(PHANDLE, ACCESS_MASK, OBJECT_ATTRIBUTES *, PLARGE_INTEGER, ULONG,
			       ULONG, HANDLE);
NTSTATUS NTAPI NtMapViewOfSection(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, PLARGE_INTEGER,
				  PSIZE_T, ULONG, ULONG, ULONG);
NTSTATUS NTAPI NtUnmapViewOfSection(HANDLE, PVOID);
NTSTATUS NTAPI NtYieldExecution(void);
NTSTATUS NTAPI NtInitializeNlsFiles(PVOID *, LCID *, PLARGE_INTEGER);
NTSTATUS NTAPI NtOpenKey(PHANDLE, ACCESS_MASK, OBJECT_ATTRIBUTES *);
NTSTATUS NTAPI NtOpenThreadToken(HANDLE, ACCESS_MASK, BOOLEAN, PHANDLE);
NTSTATUS NTAPI NtOpenProcessTokenEx(HANDLE, ACCESS_MASK, ULONG, PHANDLE);
NTSTATUS NTAPI NtQueryInformationToken(HANDLE, ULONG, PVOID, ULONG, PULONG);

#endif
