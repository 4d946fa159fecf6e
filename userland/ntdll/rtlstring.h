/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtlstring.h: the counted-string functions (rtlstring.c) the rest of
 * ntdll uses.
 */
#ifndef NTDLL_RTLSTRING_H
#define NTDLL_RTLSTRING_H

#include "ntbase.h"

void NTAPI RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src);
void NTAPI RtlInitAnsiString(PANSI_STRING dst, PCSTR src);
void NTAPI RtlCopyUnicodeString(PUNICODE_STRING dst, const UNICODE_STRING *src);
BOOLEAN NTAPI RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b,
				    BOOLEAN case_insensitive);

#endif
