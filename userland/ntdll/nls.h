/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nls.h: characters (nls.c): case mapping, and the conversions between
 * UTF-16 and the ANSI code page (UTF-8 here, the code page of a UTF-8
 * Linux system) that the string functions build on.
 */
#ifndef NTDLL_NLS_H
#define NTDLL_NLS_H

#include "ntbase.h"

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c);
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c);

/* UTF-8 -> UTF-16 into @out (room for @cap units, may be NULL); units needed */
SIZE_T ntdll_utf8_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap);
/* UTF-16 -> UTF-8 into @out (room for @cap bytes, may be NULL); bytes needed */
SIZE_T ntdll_utf16_to_utf8(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap);

#endif
