/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crt.h: the C run-time functions ntdll exports (crt.c) and uses itself;
 * gcc may also call them for loops and structure copies.
 */
#ifndef NTDLL_CRT_H
#define NTDLL_CRT_H

#include "ntbase.h"

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t wcslen(const WCHAR *s);
int strcmp(const char *a, const char *b);

#endif
