/* SPDX-License-Identifier: GPL-2.0 */
/*
 * codepage.h: the process's ANSI and OEM code pages (codepage.c): the
 * CPTABLEINFO and NLSTABLEINFO of Windows' x64 ABI and the conversions
 * the string functions use.
 */
#ifndef NTDLL_CODEPAGE_H
#define NTDLL_CODEPAGE_H

#include "ntbase.h"

typedef struct {
	USHORT CodePage;
	USHORT MaximumCharacterSize;	/* bytes */
	USHORT DefaultChar;		/* for UTF-16 with no mapping */
	USHORT UniDefaultChar;		/* for bytes with no mapping */
	USHORT TransDefaultChar;
	USHORT TransUniDefaultChar;
	USHORT DBCSCodePage;		/* 1: some characters take two bytes */
	UCHAR LeadByte[12];		/* lead-byte ranges, pairs ending with 0, 0 */
	USHORT *MultiByteTable;		/* byte -> UTF-16, 256 entries */
	void *WideCharTable;		/* UTF-16 -> code page: bytes, or USHORTs if DBCS */
	USHORT *DBCSRanges;
	USHORT *DBCSOffsets;		/* lead byte -> its 256-entry table, 0 if none */
} CPTABLEINFO;

typedef struct {
	CPTABLEINFO OemTableInfo;
	CPTABLEINFO AnsiTableInfo;
	USHORT *UpperCaseTable;
	USHORT *LowerCaseTable;
} NLSTABLEINFO;

_Static_assert(sizeof(CPTABLEINFO) == 0x40, "CPTABLEINFO");
_Static_assert(__builtin_offsetof(CPTABLEINFO, MultiByteTable) == 0x20, "CPTABLEINFO");
_Static_assert(sizeof(NLSTABLEINFO) == 0x90, "NLSTABLEINFO");

/* at process start: the code pages and case tables of the PEB */
void ntdll_codepage_init(void);

/* ANSI <-> UTF-16, with nls.h's conventions (whole characters, no status) */
SIZE_T ntdll_ansi_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap);
SIZE_T ntdll_utf16_to_ansi(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap);

#endif
