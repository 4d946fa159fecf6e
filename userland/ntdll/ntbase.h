/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntbase.h: what every file of our ntdll.dll needs: the Windows headers
 * for the basic and PE types (mingw-w64's windef.h and winnt.h), NTSTATUS
 * and its values (ntstatus.h, from uapi), counted strings.  The NT
 * structures here and in the other private headers are written from the
 * documented x64 layouts (offsets checked with static asserts), not copied
 * from any header.
 *
 * Naming: a function or variable that is not an export but is shared
 * between files starts with ntdll_ (check-exports.sh holds every global
 * symbol to that: an export of the spec or nt.tbl, or ntdll_*).  Static
 * functions and types need no prefix: they are never linked.
 */
#ifndef NTDLL_NTBASE_H
#define NTDLL_NTBASE_H

#define WIN32_NO_STATUS		/* winnt.h's STATUS_ codes are DWORDs: ours are ntstatus.h's */
#include <windef.h>
#include <winnt.h>

#include "ntstatus.h"

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
