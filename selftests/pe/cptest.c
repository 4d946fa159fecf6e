// SPDX-License-Identifier: GPL-2.0
/*
 * cptest.exe: the code-page layer of ntdll.  An en-US process has ANSI
 * code page 1252 and OEM code page 437 (the PEB's c_1252.nls and
 * c_437.nls views), converts UTF-8 with RtlUTF8ToUnicodeN whatever its
 * code pages are, maps case through l_intl.nls, and finds locale.nls
 * through RtlGetLocaleFileMappingAddress.  Windows' answers; Wine agrees
 * when its Unix locale is en_US.
 */
#include "ntdllrt.h"

#define P "cptest"

typedef struct {
	USHORT CodePage, MaximumCharacterSize, DefaultChar, UniDefaultChar;
	USHORT TransDefaultChar, TransUniDefaultChar, DBCSCodePage;
	unsigned char LeadByte[12];
	USHORT *MultiByteTable;
	void *WideCharTable;
	USHORT *DBCSRanges, *DBCSOffsets;
} CPTABLEINFO;

#define PEB_ANSI_CODE_PAGE_DATA		0xa0
#define PEB_OEM_CODE_PAGE_DATA		0xa8

void RtlInitCodePageTable(USHORT *table, CPTABLEINFO *info);
NTSTATUS RtlMultiByteToUnicodeN(WCHAR *dst, ULONG dstlen, ULONG *reslen, const char *src,
				ULONG srclen);
NTSTATUS RtlMultiByteToUnicodeSize(ULONG *size, const char *src, ULONG srclen);
NTSTATUS RtlUnicodeToMultiByteN(char *dst, ULONG dstlen, ULONG *reslen, const WCHAR *src,
				ULONG srclen);
NTSTATUS RtlUnicodeToMultiByteSize(ULONG *size, const WCHAR *src, ULONG srclen);
NTSTATUS RtlOemToUnicodeN(WCHAR *dst, ULONG dstlen, ULONG *reslen, const char *src,
			  ULONG srclen);
NTSTATUS RtlUnicodeToOemN(char *dst, ULONG dstlen, ULONG *reslen, const WCHAR *src,
			  ULONG srclen);
NTSTATUS RtlUTF8ToUnicodeN(WCHAR *dst, ULONG dstlen, ULONG *reslen, const char *src,
			   ULONG srclen);
NTSTATUS RtlUnicodeToUTF8N(char *dst, ULONG dstlen, ULONG *reslen, const WCHAR *src,
			   ULONG srclen);
ULONG RtlUnicodeStringToAnsiSize(const UNICODE_STRING *s);
ULONG RtlAnsiStringToUnicodeSize(const ANSI_STRING *s);
NTSTATUS RtlOemStringToUnicodeString(UNICODE_STRING *dst, const ANSI_STRING *src,
				     BOOLEAN alloc);
NTSTATUS RtlUnicodeStringToOemString(ANSI_STRING *dst, const UNICODE_STRING *src,
				     BOOLEAN alloc);
void RtlFreeOemString(ANSI_STRING *s);
WCHAR RtlUpcaseUnicodeChar(WCHAR c);
WCHAR RtlDowncaseUnicodeChar(WCHAR c);
NTSTATUS RtlGetLocaleFileMappingAddress(void **base, ULONG *lcid, LARGE_INTEGER *size);

int start(void *peb)
{
	USHORT utf8_table[2] = { 0, 65001 };
	WCHAR w[8], euro[2] = { 0x20ac, 0x4e00 };
	void *locale, *locale2;
	LARGE_INTEGER size;
	UNICODE_STRING us;
	ANSI_STRING as;
	CPTABLEINFO ci;
	char b[8];
	ULONG n, lcid;
	NTSTATUS st;

	(void)peb;
	/* the PEB's tables */
	RtlInitCodePageTable(*(USHORT **)(nt_peb() + PEB_ANSI_CODE_PAGE_DATA), &ci);
	CHECK(P, ci.CodePage == 1252 && ci.MaximumCharacterSize == 1 && !ci.DBCSCodePage);
	CHECK(P, ci.DefaultChar == '?' && ci.MultiByteTable && ci.MultiByteTable[0x80] == 0x20ac);
	RtlInitCodePageTable(*(USHORT **)(nt_peb() + PEB_OEM_CODE_PAGE_DATA), &ci);
	CHECK(P, ci.CodePage == 437 && ci.MultiByteTable[0x82] == 0xe9);
	RtlInitCodePageTable(utf8_table, &ci);
	CHECK(P, ci.CodePage == 65001 && ci.MaximumCharacterSize == 4 && !ci.MultiByteTable);

	/* ANSI = 1252 */
	st = RtlMultiByteToUnicodeN(w, sizeof(w), &n, "a\x80\xe9", 3);
	CHECK(P, !st && n == 6 && w[0] == 'a' && w[1] == 0x20ac && w[2] == 0xe9);
	st = RtlMultiByteToUnicodeN(w, 4, &n, "abc", 3);	/* room for two */
	CHECK(P, !st && n == 4);
	CHECK(P, !RtlMultiByteToUnicodeSize(&n, "a\x80\xe9", 3) && n == 6);
	st = RtlUnicodeToMultiByteN(b, sizeof(b), &n, euro, sizeof(euro));
	CHECK(P, !st && n == 2 && (unsigned char)b[0] == 0x80 && b[1] == '?');
	CHECK(P, !RtlUnicodeToMultiByteSize(&n, euro, sizeof(euro)) && n == 2);
	RtlInitAnsiString(&as, "\x80x");
	CHECK(P, RtlAnsiStringToUnicodeSize(&as) == 6);
	CHECK(P, !RtlAnsiStringToUnicodeString(&us, &as, 1) && us.Length == 4 &&
	      us.Buffer[0] == 0x20ac && us.Buffer[1] == 'x' && us.Buffer[2] == 0);
	CHECK(P, RtlUnicodeStringToAnsiSize(&us) == 3);
	RtlFreeUnicodeString(&us);

	/* OEM = 437 */
	st = RtlOemToUnicodeN(w, sizeof(w), &n, "\x82\xe1", 2);
	CHECK(P, !st && n == 4 && w[0] == 0xe9 && w[1] == 0xdf);
	w[0] = 0xe9;
	st = RtlUnicodeToOemN(b, sizeof(b), &n, w, 2);
	CHECK(P, !st && n == 1 && (unsigned char)b[0] == 0x82);
	RtlInitAnsiString(&as, "\x82");
	CHECK(P, !RtlOemStringToUnicodeString(&us, &as, 1) && us.Length == 2 &&
	      us.Buffer[0] == 0xe9);
	CHECK(P, !RtlUnicodeStringToOemString(&as, &us, 1) && as.Length == 1 &&
	      (unsigned char)as.Buffer[0] == 0x82 && as.Buffer[1] == 0);
	RtlFreeOemString(&as);
	RtlFreeUnicodeString(&us);
	us.Length = 2;
	us.MaximumLength = 2;
	us.Buffer = w;
	as.MaximumLength = 0;
	as.Length = 0;
	as.Buffer = b;
	CHECK(P, RtlUnicodeStringToOemString(&as, &us, 0) == STATUS_BUFFER_OVERFLOW);

	/* UTF-8: sizes, bad bytes, a small buffer, bad arguments */
	st = RtlUTF8ToUnicodeN(0, 0, &n, "h\xc3\xa9\xf0\x9f\x98\x80", 7);
	CHECK(P, !st && n == 8);
	st = RtlUTF8ToUnicodeN(w, sizeof(w), &n, "h\xc3\xa9\xf0\x9f\x98\x80", 7);
	CHECK(P, !st && n == 8 && w[1] == 0xe9 && w[2] == 0xd83d && w[3] == 0xde00);
	st = RtlUTF8ToUnicodeN(w, sizeof(w), &n, "a\xff", 2);
	CHECK(P, st == STATUS_SOME_NOT_MAPPED && n == 4 && w[1] == 0xfffd);
	st = RtlUTF8ToUnicodeN(w, 4, &n, "abc", 3);
	CHECK(P, st == STATUS_BUFFER_TOO_SMALL && n == 4);
	CHECK(P, RtlUTF8ToUnicodeN(w, 4, &n, 0, 3) == STATUS_INVALID_PARAMETER_4);
	CHECK(P, RtlUTF8ToUnicodeN(w, 4, 0, "a", 1) == STATUS_INVALID_PARAMETER);
	w[0] = 'x';
	w[1] = 0xd800;		/* a lone surrogate */
	st = RtlUnicodeToUTF8N(b, sizeof(b), &n, w, 4);
	CHECK(P, st == STATUS_SOME_NOT_MAPPED && n == 4 && (unsigned char)b[1] == 0xef &&
	      (unsigned char)b[2] == 0xbf && (unsigned char)b[3] == 0xbd);
	w[1] = 0xe9;
	st = RtlUnicodeToUTF8N(b, 2, &n, w, 4);
	CHECK(P, st == STATUS_BUFFER_TOO_SMALL && n == 1);
	CHECK(P, !RtlUnicodeToUTF8N(0, 0, &n, w, 4) && n == 3);
	CHECK(P, RtlUnicodeToUTF8N(b, sizeof(b), &n, w, 3) == STATUS_INVALID_PARAMETER_5);

	/* case through l_intl.nls: Greek and Cyrillic, not only Latin-1 */
	CHECK(P, RtlUpcaseUnicodeChar(0x3b1) == 0x391 && RtlDowncaseUnicodeChar(0x391) == 0x3b1);
	CHECK(P, RtlUpcaseUnicodeChar(0x44f) == 0x42f && RtlUpcaseUnicodeChar('q') == 'Q');
	CHECK(P, RtlUpcaseUnicodeChar(0xe9) == 0xc9 && RtlDowncaseUnicodeChar('1') == '1');

	/* locale.nls: one view for the process, the default locale en-US */
	st = RtlGetLocaleFileMappingAddress(&locale, &lcid, &size);
	CHECK(P, !st && locale && lcid == 0x409);
	st = RtlGetLocaleFileMappingAddress(&locale2, &lcid, &size);
	CHECK(P, !st && locale2 == locale);
	return nt_done(P);
}
