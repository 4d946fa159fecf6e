// SPDX-License-Identifier: GPL-2.0
/*
 * Counted strings: the Rtl*UnicodeString / Rtl*AnsiString functions.
 * Lengths are in bytes and exclude any terminating NUL, which is written
 * only when there is room (as Windows does).  The conversions and case
 * folding are nls.c's.
 */
#include "codepage.h"
#include "crt.h"
#include "heap.h"
#include "nls.h"
#include "rtlstring.h"

#define MAX_USTR	0xfffe		/* largest even USHORT */

void NTAPI RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
	SIZE_T n = src ? wcslen(src) * 2 : 0;

	if (n > MAX_USTR - 2)
		n = MAX_USTR - 2;
	dst->Length = (USHORT)n;
	dst->MaximumLength = src ? (USHORT)(n + 2) : 0;
	dst->Buffer = (PWSTR)src;
}

void NTAPI RtlInitAnsiString(PANSI_STRING dst, PCSTR src)
{
	SIZE_T n = src ? strlen(src) : 0;

	if (n > 0xfffe)
		n = 0xfffe;
	dst->Length = (USHORT)n;
	dst->MaximumLength = src ? (USHORT)(n + 1) : 0;
	dst->Buffer = (PCHAR)src;
}

LONG NTAPI RtlCompareUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b,
				   BOOLEAN ci)
{
	SIZE_T na = a->Length / 2, nb = b->Length / 2, i;

	for (i = 0; i < na && i < nb; i++) {
		WCHAR x = a->Buffer[i], y = b->Buffer[i];

		if (ci) {
			x = RtlUpcaseUnicodeChar(x);
			y = RtlUpcaseUnicodeChar(y);
		}
		if (x != y)
			return (LONG)x - (LONG)y;
	}
	return (LONG)na - (LONG)nb;
}

BOOLEAN NTAPI RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b,
				    BOOLEAN ci)
{
	return a->Length == b->Length && !RtlCompareUnicodeString(a, b, ci);
}

/* as much of @src as fits; NUL-terminated when there is room */
void NTAPI RtlCopyUnicodeString(PUNICODE_STRING dst, const UNICODE_STRING *src)
{
	USHORT n;

	if (!src) {
		dst->Length = 0;
		return;
	}
	n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
	n &= ~1;
	memmove(dst->Buffer, src->Buffer, n);
	dst->Length = n;
	if (n + 2 <= dst->MaximumLength)
		dst->Buffer[n / 2] = 0;
}

static NTSTATUS append(PUNICODE_STRING dst, const WCHAR *src, SIZE_T bytes)
{
	if (bytes > (SIZE_T)dst->MaximumLength - dst->Length)
		return STATUS_BUFFER_TOO_SMALL;
	memmove((BYTE *)dst->Buffer + dst->Length, src, bytes);
	dst->Length += (USHORT)bytes;
	if (dst->Length + 2 <= dst->MaximumLength)
		dst->Buffer[dst->Length / 2] = 0;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING dst, PCWSTR src)
{
	return src ? append(dst, src, wcslen(src) * 2) : STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING dst, const UNICODE_STRING *src)
{
	return append(dst, src->Buffer, src->Length);
}

void NTAPI RtlFreeUnicodeString(PUNICODE_STRING s)
{
	if (s->Buffer)
		RtlFreeHeap(RtlGetProcessHeap(), 0, s->Buffer);
	s->Buffer = NULL;
	s->Length = s->MaximumLength = 0;
}

void NTAPI RtlFreeAnsiString(PANSI_STRING s)
{
	if (s->Buffer)
		RtlFreeHeap(RtlGetProcessHeap(), 0, s->Buffer);
	s->Buffer = NULL;
	s->Length = s->MaximumLength = 0;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src,
					    BOOLEAN alloc)
{
	SIZE_T units = ntdll_ansi_to_utf16((const BYTE *)src->Buffer, src->Length, NULL, 0);
	SIZE_T bytes = units * 2;

	if (bytes > MAX_USTR - 2)
		return STATUS_INVALID_PARAMETER_2;
	if (alloc) {
		dst->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 2);
		if (!dst->Buffer)
			return STATUS_NO_MEMORY;
		dst->MaximumLength = (USHORT)(bytes + 2);
	} else if (bytes > dst->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	ntdll_ansi_to_utf16((const BYTE *)src->Buffer, src->Length, dst->Buffer, units);
	dst->Length = (USHORT)bytes;
	if (bytes + 2 <= dst->MaximumLength)
		dst->Buffer[units] = 0;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING dst, const UNICODE_STRING *src,
					    BOOLEAN alloc)
{
	SIZE_T bytes = ntdll_utf16_to_ansi(src->Buffer, src->Length / 2, NULL, 0);

	if (bytes > 0xfffe)
		return STATUS_INVALID_PARAMETER_2;
	if (alloc) {
		dst->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, bytes + 1);
		if (!dst->Buffer)
			return STATUS_NO_MEMORY;
		dst->MaximumLength = (USHORT)(bytes + 1);
	} else if (bytes > dst->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	ntdll_utf16_to_ansi(src->Buffer, src->Length / 2, (BYTE *)dst->Buffer, bytes);
	dst->Length = (USHORT)bytes;
	if (bytes + 1 <= dst->MaximumLength)
		dst->Buffer[bytes] = 0;
	return STATUS_SUCCESS;
}
