/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exception.h: the process-wide exception state that the exception
 * dispatcher reads (rtlmisc.c keeps it).
 */
#ifndef NTDLL_EXCEPTION_H
#define NTDLL_EXCEPTION_H

#include "ntbase.h"

/* RtlSetUnhandledExceptionFilter's filter, decoded (NULL: none) */
PVOID ntdll_unhandled_exception_filter(void);

#endif
