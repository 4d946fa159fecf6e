/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h: one line on the process's StandardError (report.c), for what
 * a user must see: why a program did not start, a stub that was called.
 */
#ifndef NTDLL_REPORT_H
#define NTDLL_REPORT_H

/* "ntdll: " then @fmt with %s (char *), %S (WCHAR *), %u (unsigned int) */
void ntdll_report(const char *fmt, ...);

/* a stub export was called (stubs.c, stub.h): one fixme line, the first time */
void ntdll_stub_called(int *said, const char *name);

#endif
