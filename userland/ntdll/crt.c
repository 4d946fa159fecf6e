// SPDX-License-Identifier: GPL-2.0
/*
 * The C run-time functions ntdll.dll exports (as Windows' does) and that
 * gcc may call for loops and structure copies even when freestanding.
 * Byte loops through volatile pointers so gcc does not turn them back into
 * calls to themselves.
 */
#include "crt.h"

void *memcpy(void *d, const void *s, size_t n)
{
	volatile BYTE *p = d;
	const BYTE *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	volatile BYTE *p = d;
	const BYTE *q = s;

	if (p <= q || p >= q + n)
		return memcpy(d, s, n);
	while (n--)
		p[n] = q[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	volatile BYTE *p = d;

	while (n--)
		*p++ = (BYTE)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const BYTE *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t wcslen(const WCHAR *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (BYTE)*a - (BYTE)*b;
}
