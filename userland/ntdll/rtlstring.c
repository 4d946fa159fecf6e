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

NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING dst, PCWSTR src)
{
	SIZE_T n = src ? wcslen(src) * 2 : 0;

	if (n > MAX_USTR - 2)
		return STATUS_NAME_TOO_LONG;
	dst->Length = (USHORT)n;
	dst->MaximumLength = src ? (USHORT)(n + 2) : 0;
	dst->Buffer = (PWSTR)src;
	return STATUS_SUCCESS;
}

/* a copy of @src on the process heap, NUL-terminated; FALSE when too long or no memory */
BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING dst, PCWSTR src)
{
	SIZE_T n = (wcslen(src) + 1) * 2;

	if (n > MAX_USTR)
		return FALSE;
	dst->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, n);
	if (!dst->Buffer)
		return FALSE;
	memcpy(dst->Buffer, src, n);
	dst->Length = (USHORT)(n - 2);
	dst->MaximumLength = (USHORT)n;
	return TRUE;
}

BOOLEAN NTAPI RtlCreateUnicodeStringFromAsciiz(PUNICODE_STRING dst, PCSTR src)
{
	ANSI_STRING a;

	RtlInitAnsiString(&a, src);
	return RtlAnsiStringToUnicodeString(dst, &a, TRUE) == STATUS_SUCCESS;
}

#define DUP_NUL_TERMINATE	1	/* RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE */
#define DUP_ALLOCATE_NULL	2	/* ..._ALLOCATE_NULL_STRING: a buffer even when empty */

/*
 * A heap copy of @src.  Flags: 0, NULL_TERMINATE, or both; ALLOCATE_NULL_STRING
 * alone and unknown bits are STATUS_INVALID_PARAMETER, as is an inconsistent
 * @src.  An empty @src gives an empty string without a buffer unless both flags.
 */
NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG flags, const UNICODE_STRING *src,
					 PUNICODE_STRING dst)
{
	SIZE_T max;

	if (!src || !dst || flags == DUP_ALLOCATE_NULL ||
	    (flags & ~(DUP_NUL_TERMINATE | DUP_ALLOCATE_NULL)) ||
	    src->Length > src->MaximumLength ||
	    (src->Length && !src->Buffer) ||
	    (!src->Length && src->MaximumLength && !src->Buffer))
		return STATUS_INVALID_PARAMETER;
	if (!src->Length && flags != (DUP_NUL_TERMINATE | DUP_ALLOCATE_NULL)) {
		dst->Length = dst->MaximumLength = 0;
		dst->Buffer = NULL;
		return STATUS_SUCCESS;
	}
	max = src->Length + ((flags & DUP_NUL_TERMINATE) ? 2 : 0);
	if (max > MAX_USTR)
		return STATUS_NAME_TOO_LONG;
	dst->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, max);
	if (!dst->Buffer)
		return STATUS_NO_MEMORY;
	memcpy(dst->Buffer, src->Buffer, src->Length);
	dst->Length = src->Length;
	dst->MaximumLength = (USHORT)max;
	if (flags & DUP_NUL_TERMINATE)
		dst->Buffer[src->Length / 2] = 0;
	return STATUS_SUCCESS;
}

/* @src upper-cased into @dst (in place when they are the same); no NUL is added */
NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING dst, const UNICODE_STRING *src,
				      BOOLEAN alloc)
{
	USHORT n = src->Length & ~1, i;

	if (alloc) {
		dst->Buffer = RtlAllocateHeap(RtlGetProcessHeap(), 0, n);
		if (!dst->Buffer && n)
			return STATUS_NO_MEMORY;
		dst->MaximumLength = n;
	} else if (n > dst->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	for (i = 0; i < n / 2; i++)
		dst->Buffer[i] = RtlUpcaseUnicodeChar(src->Buffer[i]);
	dst->Length = n;
	return STATUS_SUCCESS;
}

/* @n1 and @n2 characters; negative, 0 or positive as for RtlCompareUnicodeString */
LONG NTAPI RtlCompareUnicodeStrings(const WCHAR *s1, SIZE_T n1, const WCHAR *s2, SIZE_T n2,
				    BOOLEAN ci)
{
	UNICODE_STRING a, b;
	SIZE_T n = n1 < n2 ? n1 : n2, i;

	/* the counted compare takes USHORT lengths: compare longer strings here */
	if (n1 <= MAX_USTR / 2 && n2 <= MAX_USTR / 2) {
		a.Buffer = (PWSTR)s1;
		a.Length = a.MaximumLength = (USHORT)(n1 * 2);
		b.Buffer = (PWSTR)s2;
		b.Length = b.MaximumLength = (USHORT)(n2 * 2);
		return RtlCompareUnicodeString(&a, &b, ci);
	}
	for (i = 0; i < n; i++) {
		WCHAR x = ci ? RtlUpcaseUnicodeChar(s1[i]) : s1[i];
		WCHAR y = ci ? RtlUpcaseUnicodeChar(s2[i]) : s2[i];

		if (x != y)
			return (LONG)x - (LONG)y;
	}
	return (LONG)(n1 - n2);
}

NTSTATUS NTAPI RtlUnicodeStringToOemString(PANSI_STRING dst, const UNICODE_STRING *src,
					   BOOLEAN alloc);

/*
 * Is @name a valid 8.3 name (upper-cased, in the OEM code page): at most 8
 * characters, a dot and 3 more, none of *?<>|"+=,;[]:/\ or 0xe5, no
 * leading or trailing blank, no blank before the dot; "." and ".." are.
 * @oem (optional) receives the OEM name; *@spaces whether it has blanks.
 */
BOOLEAN NTAPI RtlIsNameLegalDOS8Dot3(const UNICODE_STRING *name, PANSI_STRING oem,
				     BOOLEAN *spaces)
{
	static const char illegal[] = "*?<>|\"+=,;[]:/\\\xe5";
	WCHAR up[12];
	char buf[12];
	ANSI_STRING local;
	UNICODE_STRING u;
	int i, dot = -1, blank = 0, n;

	if (name->Length > sizeof(up))
		return FALSE;
	for (i = 0; i < name->Length / 2; i++)
		up[i] = RtlUpcaseUnicodeChar(name->Buffer[i]);
	u.Buffer = up;
	u.Length = u.MaximumLength = name->Length & ~1;
	if (!oem) {
		local.Buffer = buf;
		local.Length = 0;
		local.MaximumLength = sizeof(buf);
		oem = &local;
	}
	if (RtlUnicodeStringToOemString(oem, &u, FALSE) != STATUS_SUCCESS)
		return FALSE;
	n = oem->Length;
	if (n > 12)
		return FALSE;
	if (n && oem->Buffer[0] == '.') {
		if (n != 1 && (n != 2 || oem->Buffer[1] != '.'))
			return FALSE;
		if (spaces)
			*spaces = FALSE;
		return TRUE;
	}
	for (i = 0; i < n; i++) {
		char c = oem->Buffer[i];

		if (c == ' ') {
			if (!i || i == n - 1 || oem->Buffer[i + 1] == '.')
				return FALSE;
			blank = 1;
		} else if (c == '.') {
			if (dot >= 0)
				return FALSE;
			dot = i;
		} else {
			const char *p = illegal;

			while (*p && *p != c)
				p++;
			if (*p || !c)
				return FALSE;
		}
	}
	if (dot < 0 ? n > 8 : (dot > 8 || n - dot > 4 || dot == n - 1))
		return FALSE;
	if (spaces)
		*spaces = blank;
	return TRUE;
}
