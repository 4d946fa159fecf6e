// SPDX-License-Identifier: GPL-2.0
/*
 * Characters: case mapping and UTF-8.  Case mapping uses the tables of
 * l_intl.nls (PEB UnicodeCaseTableData, set by codepage.c at process
 * start), as Windows does; before that, or without the table, ASCII and
 * Latin-1, which covers DLL names.  The code pages themselves are
 * codepage.c's; UTF-8 is here because every code page falls back to it.
 */
#include "nls.h"

static const USHORT *upper_table, *lower_table;

void ntdll_nls_set_case_tables(const USHORT *upper, const USHORT *lower)
{
	upper_table = upper;
	lower_table = lower;
}

/* l_intl.nls: three levels (high byte, next nibble, low nibble) give a delta */
static WCHAR casemap(const USHORT *t, WCHAR c)
{
	return (WCHAR)(c + t[t[t[c >> 8] + ((c >> 4) & 0x0f)] + (c & 0x0f)]);
}

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c)
{
	if (c >= 'a' && c <= 'z')
		return c - 0x20;
	if (c < 0x80)
		return c;
	if (upper_table)
		return casemap(upper_table, c);
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return c - 0x20;
	if (c == 0xff)
		return 0x178;
	return c;
}

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c < 0x80)
		return c;
	if (lower_table)
		return casemap(lower_table, c);
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 0x20;
	if (c == 0x178)
		return 0xff;
	return c;
}

/* U+FFFD itself, well encoded, is not an error */
static int utf8_is_fffd(const BYTE *s, SIZE_T n)
{
	return n == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] == 0xbd;
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

/*
 * UTF-8 -> UTF-16.  With no @out: the units needed.  Otherwise whole
 * characters into @out until the next does not fit in @cap units; the
 * units written.  *@st (may be NULL) gets STATUS_SOME_NOT_MAPPED for
 * invalid input (which becomes U+FFFD) and STATUS_BUFFER_TOO_SMALL when
 * the output stopped early.
 */
SIZE_T ntdll_utf8_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap, NTSTATUS *st)
{
	SIZE_T i = 0, o = 0;

	if (st)
		*st = STATUS_SUCCESS;
	while (i < n) {
		SIZE_T at = i;
		unsigned int c = utf8_next(s, n, &i);
		SIZE_T len = c >= 0x10000 ? 2 : 1;

		if (c == 0xfffd && st && !utf8_is_fffd(s + at, i - at))
			*st = STATUS_SOME_NOT_MAPPED;
		if (out && o + len > cap) {
			if (st)
				*st = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		if (out && len == 2) {
			out[o] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
			out[o + 1] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
		} else if (out) {
			out[o] = (WCHAR)c;
		}
		o += len;
	}
	return o;
}

/*
 * UTF-16 -> UTF-8, the same way: a lone surrogate becomes U+FFFD
 * (STATUS_SOME_NOT_MAPPED).
 */
SIZE_T ntdll_utf16_to_utf8(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap, NTSTATUS *st)
{
	SIZE_T i, o = 0;

	if (st)
		*st = STATUS_SUCCESS;
	for (i = 0; i < n; i++) {
		unsigned int c = s[i];
		BYTE b[4];
		SIZE_T k, len;

		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && s[i + 1] >= 0xdc00 &&
		    s[i + 1] < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c < 0xe000) {
			c = 0xfffd;
			if (st)
				*st = STATUS_SOME_NOT_MAPPED;
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
		if (out && o + len > cap) {
			if (st)
				*st = STATUS_BUFFER_TOO_SMALL;
			break;
		}
		for (k = 0; out && k < len; k++)
			out[o + k] = b[k];
		o += len;
	}
	return o;
}
