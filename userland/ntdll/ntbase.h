/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntbase.h: what every file of our ntdll.dll needs: the Windows headers
 * for the basic and PE types (mingw-w64's windef.h and winnt.h), NTSTATUS
 * and its values, counted strings.  The NT structures here and in the
 * other private headers are written from the documented x64 layouts
 * (offsets checked with static asserts), not copied from any header.
 *
 * Naming: a function or variable that is not an export but is shared
 * between files starts with ntdll_ (check-exports.sh holds every global
 * symbol to that: an export of the spec or nt.tbl, or ntdll_*).  Static
 * functions and types need no prefix: they are never linked.
 */
#ifndef NTDLL_NTBASE_H
#define NTDLL_NTBASE_H

#define WIN32_NO_STATUS		/* the STATUS_ codes are ours, as NTSTATUS */
#include <windef.h>
#include <winnt.h>

typedef LONG NTSTATUS;

#define NT_SUCCESS(s)			((NTSTATUS)(s) >= 0)
#define STATUS_SUCCESS			((NTSTATUS)0x00000000)
#define STATUS_PENDING			((NTSTATUS)0x00000103)
#define STATUS_IMAGE_NOT_AT_BASE	((NTSTATUS)0x40000003)
#define STATUS_BUFFER_OVERFLOW		((NTSTATUS)0x80000005)
#define STATUS_UNSUCCESSFUL		((NTSTATUS)0xC0000001)
#define STATUS_NOT_IMPLEMENTED		((NTSTATUS)0xC0000002)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000D)
#define STATUS_END_OF_FILE		((NTSTATUS)0xC0000011)
#define STATUS_NO_MEMORY		((NTSTATUS)0xC0000017)
#define STATUS_CONFLICTING_ADDRESSES	((NTSTATUS)0xC0000018)
#define STATUS_BUFFER_TOO_SMALL		((NTSTATUS)0xC0000023)
#define STATUS_OBJECT_NAME_INVALID	((NTSTATUS)0xC0000033)
#define STATUS_OBJECT_NAME_NOT_FOUND	((NTSTATUS)0xC0000034)
#define STATUS_INVALID_PARAMETER_2	((NTSTATUS)0xC00000F0)
#define STATUS_PROCEDURE_NOT_FOUND	((NTSTATUS)0xC000007A)
#define STATUS_INVALID_IMAGE_FORMAT	((NTSTATUS)0xC000007B)
#define STATUS_DLL_NOT_FOUND		((NTSTATUS)0xC0000135)
#define STATUS_ORDINAL_NOT_FOUND	((NTSTATUS)0xC0000138)
#define STATUS_ENTRYPOINT_NOT_FOUND	((NTSTATUS)0xC0000139)
#define STATUS_DLL_INIT_FAILED		((NTSTATUS)0xC0000142)
#define STATUS_INTERNAL_ERROR		((NTSTATUS)0xC00000E5)

typedef struct {
	USHORT Length;			/* bytes, without a terminating NUL */
	USHORT MaximumLength;
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;

typedef struct {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} ANSI_STRING, *PANSI_STRING;

#endif
