// SPDX-License-Identifier: GPL-2.0
/*
 * Characters: case mapping and code-page conversion.  "ANSI" is UTF-8
 * here, the code page of a UTF-8 Linux system; invalid UTF-8 becomes
 * U+FFFD, a lone surrogate '?'.  Case folding knows ASCII and Latin-1,
 * which covers DLL names.
 */
#include "nls.h"

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

SIZE_T ntdll_utf8_to_utf16(const BYTE *s, SIZE_T n, WCHAR *out, SIZE_T cap)
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

SIZE_T ntdll_utf16_to_utf8(const WCHAR *s, SIZE_T n, BYTE *out, SIZE_T cap)
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
