// SPDX-License-Identifier: GPL-2.0
/*
 * Counted strings: the Rtl*UnicodeString / Rtl*AnsiString functions.
 * Lengths are in bytes and exclude any terminating NUL, which is written
 * only when there is room (as Windows does).  "ANSI" is UTF-8 here: the
 * code page of a UTF-8 Linux system.  Case folding knows ASCII and
 * Latin-1, which covers DLL names.
 */
#include "ntdll.h"

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

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
		return c - 0x20;
	if (c == 0xff)
		return 0x178;
	return c;
}

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 0x20;
	if (c == 0x178)
		return 0xff;
	return c;
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

/* the next code point of UTF-8 @s (of @n bytes) at *@i; U+FFFD for bad bytes */
static unsigned int utf8_next(const BYTE *s, SIZE_T n, SIZE_T *i)
{
	unsigned int c = s[(*i)++], need, min;

	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c < 0xe0) {
		need = 1, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c < 0xf0) {
		need = 2, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c < 0xf5) {
		need = 3, min = 0x10000, c &= 0x07;
	} else {
		return 0xfffd;
	}
	for (; need; need--) {
		if (*i >= n || (s[*i] & 0xc0) != 0x80)
			return 0xfffd;
		c = c << 6 | (s[(*i)++] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
		return 0xfffd;
	return c;
}

/* UTF-8 -> UTF-16 into @out (room for @cap units, may be NULL); units needed */
static SIZE_T utf8_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap)
{
	SIZE_T i = 0, o = 0;

	while (i < n) {
		unsigned int c = utf8_next(s, n, &i);

		if (c >= 0x10000) {
			if (out && o + 2 <= cap) {
				out[o] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
				out[o + 1] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
			}
			o += 2;
		} else {
			if (out && o < cap)
				out[o] = (WCHAR)c;
			o++;
		}
	}
	return o;
}

/* UTF-16 -> UTF-8 into @out (room for @cap bytes, may be NULL); bytes needed */
static SIZE_T utf16_to_utf8(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap)
{
	SIZE_T i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned int c = s[i];
		BYTE b[4];
		int k, len;

		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && s[i + 1] >= 0xdc00 &&
		    s[i + 1] < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c < 0xe000) {
			c = '?';
		}
		if (c < 0x80) {
			b[0] = (BYTE)c, len = 1;
		} else if (c < 0x800) {
			b[0] = (BYTE)(0xc0 | c >> 6), b[1] = (BYTE)(0x80 | (c & 0x3f)), len = 2;
		} else if (c < 0x10000) {
			b[0] = (BYTE)(0xe0 | c >> 12), b[1] = (BYTE)(0x80 | ((c >> 6) & 0x3f));
			b[2] = (BYTE)(0x80 | (c & 0x3f)), len = 3;
		} else {
			b[0] = (BYTE)(0xf0 | c >> 18), b[1] = (BYTE)(0x80 | ((c >> 12) & 0x3f));
			b[2] = (BYTE)(0x80 | ((c >> 6) & 0x3f));
			b[3] = (BYTE)(0x80 | (c & 0x3f)), len = 4;
		}
		for (k = 0; k < len; k++, o++)
			if (out && o < cap)
				out[o] = b[k];
	}
	return o;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src,
					    BOOLEAN alloc)
{
	SIZE_T units = utf8_to_utf16((const BYTE *)src->Buffer, src->Length, NULL, 0);
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
	utf8_to_utf16((const BYTE *)src->Buffer, src->Length, dst->Buffer, units);
	dst->Length = (USHORT)bytes;
	if (bytes + 2 <= dst->MaximumLength)
		dst->Buffer[units] = 0;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING dst, const UNICODE_STRING *src,
					    BOOLEAN alloc)
{
	SIZE_T bytes = utf16_to_utf8(src->Buffer, src->Length / 2, NULL, 0);

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
	utf16_to_utf8(src->Buffer, src->Length / 2, (BYTE *)dst->Buffer, bytes);
	dst->Length = (USHORT)bytes;
	if (bytes + 1 <= dst->MaximumLength)
		dst->Buffer[bytes] = 0;
	return STATUS_SUCCESS;
}
