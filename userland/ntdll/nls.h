/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nls.h: characters (nls.c): case mapping and UTF-8, which the code
 * pages (codepage.c) and the string functions build on.
 */
#ifndef NTDLL_NLS_H
#define NTDLL_NLS_H

#include "ntbase.h"

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c);
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c);

/* l_intl.nls's upper- and lower-case tables (NULL: ASCII and Latin-1 only) */
void ntdll_nls_set_case_tables(const USHORT *upper, const USHORT *lower);

/*
 * UTF-8 <-> UTF-16.  With no @out: the units needed.  Otherwise whole
 * characters into @out (room for @cap units) until the next does not
 * fit; the units written.  *@st (may be NULL): STATUS_SUCCESS,
 * STATUS_SOME_NOT_MAPPED (invalid input, converted to U+FFFD) or
 * STATUS_BUFFER_TOO_SMALL (stopped early).
 */
SIZE_T ntdll_utf8_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap, NTSTATUS *st);
SIZE_T ntdll_utf16_to_utf8(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap, NTSTATUS *st);

#endif
