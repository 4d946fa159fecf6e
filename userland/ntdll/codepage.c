// SPDX-License-Identifier: GPL-2.0
/*
 * Code pages: the ANSI and OEM code pages of the process, read from the
 * NLS tables the kernel maps for it (PEB AnsiCodePageData and
 * OemCodePageData, views of c_<cp>.nls), and the conversions between
 * them and UTF-16 that Windows' ntdll exports.
 *
 * A c_<cp>.nls file is an array of USHORTs: a header (its size in the
 * first word, then the code page, the maximum character size, the
 * default characters and twelve lead-byte range bytes), the 256-entry
 * byte -> UTF-16 table preceded by the offset of the UTF-16 -> code page
 * table, an optional glyph table, then the double-byte ranges (a count,
 * then a 256-entry offset table per lead byte, zero for a single byte).
 * RtlInitCodePageTable turns that into a CPTABLEINFO, and kernelbase.dll
 * does the same with the PEB fields for GetACP, MultiByteToWideChar and
 * friends, so our conversions and kernelbase's always agree.
 *
 * A NULL PEB field (the table could not be mapped) means UTF-8, as in
 * Windows' "beta: UTF-8 for worldwide language support" mode: the
 * conversions then decode and encode UTF-8 (nls.c).  Before
 * ntdll_codepage_init runs both code pages are UTF-8.
 *
 * The tables are read-only views and the CPTABLEINFOs are written once at
 * process start, before any other thread exists: no lock is needed.
 */
#include "codepage.h"
#include "crt.h"
#include "heap.h"
#include "nls.h"
#include "peb.h"
#include "syscalls.h"

#define CP_UTF8_ID	65001
#define MAX_USTR	0xfffe		/* largest even USHORT */

/* what a UTF-8 "table" gives: no tables, '?' and U+FFFD for the unmappable */
#define UTF8_INFO { \
	.CodePage = CP_UTF8_ID, .MaximumCharacterSize = 4, .DefaultChar = '?', \
	.UniDefaultChar = 0xfffd, .TransDefaultChar = '?', .TransUniDefaultChar = '?', \
}

static const CPTABLEINFO utf8_info = UTF8_INFO;
static NLSTABLEINFO ntdll_nls = { .OemTableInfo = UTF8_INFO, .AnsiTableInfo = UTF8_INFO };

void NTAPI RtlInitCodePageTable(USHORT *table, CPTABLEINFO *info)
{
	USHORT *p;

	/* kernelbase passes { 0, CP_UTF8 } for its UTF-8 table; NULL is a missing one */
	if (!table || table[1] == CP_UTF8_ID) {
		*info = utf8_info;
		return;
	}
	info->CodePage = table[1];
	info->MaximumCharacterSize = table[2];
	info->DefaultChar = table[3];
	info->UniDefaultChar = table[4];
	info->TransDefaultChar = table[5];
	info->TransUniDefaultChar = table[6];
	memcpy(info->LeadByte, table + 7, sizeof(info->LeadByte));
	p = table + table[0];
	/* p[0]: where the UTF-16 -> code page table starts, counted from p[1] */
	info->WideCharTable = p + 1 + p[0];
	info->MultiByteTable = p + 1;
	p += 1 + 256;
	if (*p++)		/* the OEM glyph table, which conversions do not use */
		p += 256;
	info->DBCSRanges = p;
	info->DBCSCodePage = *p ? 1 : 0;
	info->DBCSOffsets = *p ? p + 1 : NULL;
}

void NTAPI RtlInitNlsTables(USHORT *ansi, USHORT *oem, USHORT *casetable, NLSTABLEINFO *info)
{
	RtlInitCodePageTable(ansi, &info->AnsiTableInfo);
	RtlInitCodePageTable(oem, &info->OemTableInfo);
	/* l_intl.nls: a word, the offset of the lower-case table, then the upper-case one */
	info->UpperCaseTable = casetable ? casetable + 2 : NULL;
	info->LowerCaseTable = casetable ? casetable + casetable[1] + 2 : NULL;
}

void NTAPI RtlResetRtlTranslations(const NLSTABLEINFO *info)
{
	ntdll_nls = *info;
	ntdll_nls_set_case_tables(info->UpperCaseTable, info->LowerCaseTable);
}

void ntdll_codepage_init(void)
{
	BYTE *peb = ntdll_peb();
	NLSTABLEINFO info;

	RtlInitNlsTables(NT_FIELD(peb, PEB_ANSI_CODE_PAGE_DATA, USHORT *),
			 NT_FIELD(peb, PEB_OEM_CODE_PAGE_DATA, USHORT *),
			 NT_FIELD(peb, PEB_UNICODE_CASE_TABLE_DATA, USHORT *), &info);
	RtlResetRtlTranslations(&info);
}

/*
 * locale.nls, which kernelbase reads for every locale query: mapped once
 * per process by NtInitializeNlsFiles and kept, as Windows keeps it.
 */
NTSTATUS NTAPI RtlGetLocaleFileMappingAddress(void **base, LCID *lcid, LARGE_INTEGER *size)
{
	static void *view;
	static LCID view_lcid;
	static LARGE_INTEGER view_size;

	if (!base || !lcid || !size)
		return STATUS_INVALID_PARAMETER;
	if (!__atomic_load_n(&view, __ATOMIC_ACQUIRE)) {
		void *addr = NULL, *none = NULL;
		LCID id = 0;
		LARGE_INTEGER sz = { 0 };
		NTSTATUS st = NtInitializeNlsFiles(&addr, &id, &sz);

		if (!NT_SUCCESS(st))
			return st;
		view_lcid = id;
		view_size = sz;
		/* two threads raced: the process keeps one view, the loser's goes */
		if (!__atomic_compare_exchange_n(&view, &none, addr, 0, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE))
			NtUnmapViewOfSection(NtCurrentProcess(), addr);
	}
	*base = view;
	*lcid = view_lcid;
	*size = view_size;
	return STATUS_SUCCESS;
}

/* ---- conversions with one CPTABLEINFO ---- */

static int is_utf8(const CPTABLEINFO *info)
{
	return info->CodePage == CP_UTF8_ID || !info->MultiByteTable;
}

/*
 * Code page -> UTF-16: into @out (room for @cap units, may be NULL);
 * returns the units written (or, with no @out, the units needed).  A
 * lead byte with nothing after it converts alone, as Windows does.
 */
static SIZE_T cp_to_utf16(const CPTABLEINFO *info, const BYTE *s, SIZE_T n, WCHAR *out,
			  SIZE_T cap)
{
	SIZE_T i = 0, o = 0;

	if (is_utf8(info))
		return ntdll_utf8_to_utf16(s, n, out, cap, NULL);
	while (i < n && (!out || o < cap)) {
		USHORT off = info->DBCSOffsets ? info->DBCSOffsets[s[i]] : 0;
		WCHAR c;

		if (off && i + 1 < n) {
			c = info->DBCSOffsets[off + s[i + 1]];
			i += 2;
		} else {
			c = info->MultiByteTable[s[i]];
			i++;
		}
		if (out)
			out[o] = c;
		o++;
	}
	return o;
}

/*
 * UTF-16 -> code page: into @out (room for @cap bytes, may be NULL);
 * returns the bytes written (or needed).  A double-byte character that
 * does not fit whole is not written.
 */
static SIZE_T utf16_to_cp(const CPTABLEINFO *info, const WCHAR *s, SIZE_T n, BYTE *out,
			  SIZE_T cap)
{
	SIZE_T i, o = 0;

	if (is_utf8(info))
		return ntdll_utf16_to_utf8(s, n, out, cap, NULL);
	if (!info->DBCSCodePage) {
		const BYTE *uni2cp = info->WideCharTable;

		if (out && n > cap)
			n = cap;
		if (out)
			for (i = 0; i < n; i++)
				out[i] = uni2cp[s[i]];
		return n;
	}
	for (i = 0; i < n; i++) {
		USHORT mb = ((const USHORT *)info->WideCharTable)[s[i]];
		SIZE_T len = mb & 0xff00 ? 2 : 1;

		if (out) {
			if (o + len > cap)
				break;
			if (len == 2)
				out[o] = (BYTE)(mb >> 8);
			out[o + len - 1] = (BYTE)mb;
		}
		o += len;
	}
	return o;
}

SIZE_T ntdll_ansi_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap)
{
	return cp_to_utf16(&ntdll_nls.AnsiTableInfo, s, n, out, cap);
}

SIZE_T ntdll_utf16_to_ansi(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap)
{
	return utf16_to_cp(&ntdll_nls.AnsiTableInfo, s, n, out, cap);
}

/* ---- the exports: lengths in bytes, as Windows counts them ---- */

NTSTATUS NTAPI RtlCustomCPToUnicodeN(CPTABLEINFO *info, WCHAR *dst, DWORD dstlen, DWORD *reslen,
				     const char *src, DWORD srclen)
{
	SIZE_T units = cp_to_utf16(info, (const BYTE *)src, srclen, dst, dstlen / 2);

	if (reslen)
		*reslen = (DWORD)(units * 2);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToCustomCPN(CPTABLEINFO *info, char *dst, DWORD dstlen, DWORD *reslen,
				     const WCHAR *src, DWORD srclen)
{
	SIZE_T bytes = utf16_to_cp(info, src, srclen / 2, (BYTE *)dst, dstlen);

	if (reslen)
		*reslen = (DWORD)bytes;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlMultiByteToUnicodeN(WCHAR *dst, DWORD dstlen, DWORD *reslen, const char *src,
				      DWORD srclen)
{
	return RtlCustomCPToUnicodeN(&ntdll_nls.AnsiTableInfo, dst, dstlen, reslen, src, srclen);
}

NTSTATUS NTAPI RtlOemToUnicodeN(WCHAR *dst, DWORD dstlen, DWORD *reslen, const char *src,
				DWORD srclen)
{
	return RtlCustomCPToUnicodeN(&ntdll_nls.OemTableInfo, dst, dstlen, reslen, src, srclen);
}

NTSTATUS NTAPI RtlUnicodeToMultiByteN(char *dst, DWORD dstlen, DWORD *reslen, const WCHAR *src,
				      DWORD srclen)
{
	return RtlUnicodeToCustomCPN(&ntdll_nls.AnsiTableInfo, dst, dstlen, reslen, src, srclen);
}

NTSTATUS NTAPI RtlUnicodeToOemN(char *dst, DWORD dstlen, DWORD *reslen, const WCHAR *src,
				DWORD srclen)
{
	return RtlUnicodeToCustomCPN(&ntdll_nls.OemTableInfo, dst, dstlen, reslen, src, srclen);
}

NTSTATUS NTAPI RtlMultiByteToUnicodeSize(DWORD *size, const char *src, DWORD srclen)
{
	*size = (DWORD)(cp_to_utf16(&ntdll_nls.AnsiTableInfo, (const BYTE *)src, srclen, NULL, 0) *
			2);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToMultiByteSize(DWORD *size, const WCHAR *src, DWORD srclen)
{
	*size = (DWORD)utf16_to_cp(&ntdll_nls.AnsiTableInfo, src, srclen / 2, NULL, 0);
	return STATUS_SUCCESS;
}

/* the string sizes count the terminating NUL */
DWORD NTAPI RtlAnsiStringToUnicodeSize(const ANSI_STRING *s)
{
	return (DWORD)((ntdll_ansi_to_utf16((const BYTE *)s->Buffer, s->Length, NULL, 0) + 1) * 2);
}

DWORD NTAPI RtlxAnsiStringToUnicodeSize(const ANSI_STRING *s)
{
	return RtlAnsiStringToUnicodeSize(s);
}

DWORD NTAPI RtlOemStringToUnicodeSize(const ANSI_STRING *s)
{
	return (DWORD)((cp_to_utf16(&ntdll_nls.OemTableInfo, (const BYTE *)s->Buffer, s->Length,
				    NULL, 0) + 1) * 2);
}

DWORD NTAPI RtlxOemStringToUnicodeSize(const ANSI_STRING *s)
{
	return RtlOemStringToUnicodeSize(s);
}

DWORD NTAPI RtlUnicodeStringToAnsiSize(const UNICODE_STRING *s)
{
	return (DWORD)(ntdll_utf16_to_ansi(s->Buffer, s->Length / 2, NULL, 0) + 1);
}

DWORD NTAPI RtlxUnicodeStringToAnsiSize(const UNICODE_STRING *s)
{
	return RtlUnicodeStringToAnsiSize(s);
}

DWORD NTAPI RtlUnicodeStringToOemSize(const UNICODE_STRING *s)
{
	return (DWORD)(utf16_to_cp(&ntdll_nls.OemTableInfo, s->Buffer, s->Length / 2, NULL, 0) +
		       1);
}

DWORD NTAPI RtlxUnicodeStringToOemSize(const UNICODE_STRING *s)
{
	return RtlUnicodeStringToOemSize(s);
}

NTSTATUS NTAPI RtlOemStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src,
					   BOOLEAN alloc)
{
	const CPTABLEINFO *oem = &ntdll_nls.OemTableInfo;
	SIZE_T units = cp_to_utf16(oem, (const BYTE *)src->Buffer, src->Length, NULL, 0);
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
	cp_to_utf16(oem, (const BYTE *)src->Buffer, src->Length, dst->Buffer, units);
	dst->Length = (USHORT)bytes;
	if (bytes + 2 <= dst->MaximumLength)
		dst->Buffer[units] = 0;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringToOemString(PANSI_STRING dst, const UNICODE_STRING *src,
					   BOOLEAN alloc)
{
	const CPTABLEINFO *oem = &ntdll_nls.OemTableInfo;
	SIZE_T bytes = utf16_to_cp(oem, src->Buffer, src->Length / 2, NULL, 0);

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
	utf16_to_cp(oem, src->Buffer, src->Length / 2, (BYTE *)dst->Buffer, bytes);
	dst->Length = (USHORT)bytes;
	if (bytes + 1 <= dst->MaximumLength)
		dst->Buffer[bytes] = 0;
	return STATUS_SUCCESS;
}

void NTAPI RtlFreeOemString(PANSI_STRING s)
{
	if (s->Buffer)
		RtlFreeHeap(RtlGetProcessHeap(), 0, s->Buffer);
	s->Buffer = NULL;
	s->Length = s->MaximumLength = 0;
}

/* one ANSI character (two bytes for a lead byte) at *@p, which moves past it */
WCHAR NTAPI RtlAnsiCharToUnicodeChar(char **p)
{
	const CPTABLEINFO *ansi = &ntdll_nls.AnsiTableInfo;
	const BYTE *s = (const BYTE *)*p;
	SIZE_T n = 1;
	WCHAR c;

	if (is_utf8(ansi)) {
		while (n < 4 && (s[n] & 0xc0) == 0x80)
			n++;
	} else if (ansi->DBCSOffsets && ansi->DBCSOffsets[s[0]] && s[1]) {
		n = 2;
	}
	if (!cp_to_utf16(ansi, s, n, &c, 1))
		c = ansi->UniDefaultChar;
	*p += n;
	return c;
}

/*
 * UTF-8 whatever the code pages are.  No @dst asks for the size only;
 * invalid input converts to U+FFFD with STATUS_SOME_NOT_MAPPED, and
 * input that does not fit gives STATUS_BUFFER_TOO_SMALL with what fit.
 */
NTSTATUS NTAPI RtlUTF8ToUnicodeN(WCHAR *dst, DWORD dstlen, DWORD *reslen, const char *src,
				 DWORD srclen)
{
	NTSTATUS st;

	if (!src)
		return STATUS_INVALID_PARAMETER_4;
	if (!reslen)
		return STATUS_INVALID_PARAMETER;
	*reslen = (DWORD)ntdll_utf8_to_utf16((const BYTE *)src, srclen, dst, dstlen / 2, &st) * 2;
	return st;
}

NTSTATUS NTAPI RtlUnicodeToUTF8N(char *dst, DWORD dstlen, DWORD *reslen, const WCHAR *src,
				 DWORD srclen)
{
	NTSTATUS st;

	if (!src)
		return STATUS_INVALID_PARAMETER_4;
	if (!reslen)
		return STATUS_INVALID_PARAMETER;
	if (dst && (srclen & 1))
		return STATUS_INVALID_PARAMETER_5;
	*reslen = (DWORD)ntdll_utf16_to_utf8(src, srclen / 2, (BYTE *)dst, dstlen, &st);
	return st;
}
