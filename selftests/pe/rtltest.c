// SPDX-License-Identifier: GPL-2.0
/*
 * rtltest.exe: the counted-string functions of ntdll (ASCII only, so that
 * the ANSI code page does not matter and Wine agrees).
 */
#include "ntdllrt.h"

#define P "rtltest"

static int wcs_eq(const WCHAR *a, const WCHAR *b, unsigned int n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

int start(void *peb)
{
	UNICODE_STRING a, b, c;
	ANSI_STRING s, t;
	WCHAR buf[8];
	NTSTATUS st;

	(void)peb;
	RtlInitUnicodeString(&a, L"Kernel32.DLL");
	CHECK(P, a.Length == 24 && a.MaximumLength == 26);
	RtlInitUnicodeString(&b, L"kernel32.dll");
	CHECK(P, !RtlEqualUnicodeString(&a, &b, 0));
	CHECK(P, RtlEqualUnicodeString(&a, &b, 1));
	CHECK(P, RtlCompareUnicodeString(&a, &b, 1) == 0);
	CHECK(P, RtlCompareUnicodeString(&a, &b, 0) < 0);	/* 'K' < 'k' */
	RtlInitUnicodeString(&c, L"kernel");
	CHECK(P, RtlCompareUnicodeString(&c, &b, 0) < 0);	/* a prefix sorts first */
	CHECK(P, RtlCompareUnicodeString(&b, &c, 0) > 0);
	RtlInitUnicodeString(&c, 0);
	CHECK(P, c.Length == 0 && c.MaximumLength == 0 && c.Buffer == 0);

	/* copy: truncated to the destination, NUL-terminated when there is room */
	c.Buffer = buf;
	c.MaximumLength = sizeof(buf);
	c.Length = 0;
	RtlCopyUnicodeString(&c, &b);
	CHECK(P, c.Length == sizeof(buf) && wcs_eq(buf, L"kernel32", 8));
	c.MaximumLength = 8;
	RtlInitUnicodeString(&a, L"abc");
	RtlCopyUnicodeString(&c, &a);
	CHECK(P, c.Length == 6 && buf[3] == 0);

	/* append */
	c.MaximumLength = sizeof(buf);
	CHECK(P, RtlAppendUnicodeToString(&c, L"de") == 0);
	CHECK(P, c.Length == 10 && wcs_eq(buf, L"abcde", 6));
	CHECK(P, RtlAppendUnicodeToString(&c, L"fghij") == STATUS_BUFFER_TOO_SMALL);
	CHECK(P, c.Length == 10);
	RtlInitUnicodeString(&a, L"fg");
	CHECK(P, RtlAppendUnicodeStringToString(&c, &a) == 0 && c.Length == 14);
	CHECK(P, wcs_eq(buf, L"abcdefg", 8));

	/* ANSI <-> Unicode, allocated from the process heap */
	RtlInitAnsiString(&s, "Hello, NT");
	CHECK(P, s.Length == 9 && s.MaximumLength == 10);
	st = RtlAnsiStringToUnicodeString(&a, &s, 1);
	CHECK(P, st == 0 && a.Length == 18 && wcs_eq(a.Buffer, L"Hello, NT", 10));
	st = RtlUnicodeStringToAnsiString(&t, &a, 1);
	CHECK(P, st == 0 && t.Length == 9 && t.Buffer[8] == 'T' && t.Buffer[9] == 0);
	RtlFreeUnicodeString(&a);
	CHECK(P, a.Buffer == 0 && a.Length == 0);
	RtlFreeAnsiString(&t);
	CHECK(P, t.Buffer == 0);
	/* into a caller's buffer that is too small */
	c.Buffer = buf;
	c.MaximumLength = 4;
	c.Length = 0;
	CHECK(P, RtlAnsiStringToUnicodeString(&c, &s, 0) == STATUS_BUFFER_OVERFLOW);
	return nt_done(P);
}
