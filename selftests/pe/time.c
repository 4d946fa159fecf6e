// SPDX-License-Identifier: GPL-2.0
/*
 * time.exe [UNIXSECONDS]: prints NtQuerySystemTime as Unix seconds and as
 * the raw 100 ns count since 1601, and NtQueryPerformanceCounter's counter
 * and frequency:
 *
 *	unix 1764000000
 *	systemtime 133000000000000000
 *	qpc 123456789 freq 10000000
 *
 * Status 0; 1 if UNIXSECONDS is given and the system time is more than 60 s
 * away from it; 3 if a service fails or the counter is not sane (frequency
 * 0, or going backwards).
 */
#include "ntrt.h"

#define EPOCH_1601_TO_1970	116444736000000000ULL	/* 100 ns units */

int start(void *peb)
{
	LARGE_INTEGER t, c1, c2, f;
	HANDLE out = nt_stdout();
	WCHAR **argv;
	int argc = nt_args(&argv);
	long long unix_s, want;
	NTSTATUS st;

	(void)peb;
	st = NtQuerySystemTime(&t);
	if (!NT_SUCCESS(st)) {
		nt_report("time", "NtQuerySystemTime", st);
		return 3;
	}
	f.QuadPart = 0;
	st = NtQueryPerformanceCounter(&c1, &f);
	if (NT_SUCCESS(st))
		st = NtQueryPerformanceCounter(&c2, 0);
	if (!NT_SUCCESS(st)) {
		nt_report("time", "NtQueryPerformanceCounter", st);
		return 3;
	}
	unix_s = (long long)(((unsigned long long)t.QuadPart - EPOCH_1601_TO_1970) / 10000000ULL);
	nt_puts(out, "unix ");
	nt_put_udec(out, (unsigned long long)unix_s);
	nt_puts(out, "\nsystemtime ");
	nt_put_udec(out, (unsigned long long)t.QuadPart);
	nt_puts(out, "\nqpc ");
	nt_put_udec(out, (unsigned long long)c1.QuadPart);
	nt_puts(out, " freq ");
	nt_put_udec(out, (unsigned long long)f.QuadPart);
	nt_puts(out, "\n");
	if (f.QuadPart <= 0 || c2.QuadPart < c1.QuadPart) {
		nt_puts(nt_stderr(), "time: performance counter not sane\n");
		return 3;
	}
	if (argc > 1) {
		if (nt_wtoi(argv[1], &want)) {
			nt_puts(nt_stderr(), "usage: time.exe [UNIXSECONDS]\n");
			return 2;
		}
		if (unix_s - want > 60 || want - unix_s > 60) {
			nt_puts(nt_stderr(), "time: more than 60 s away from the expected time\n");
			return 1;
		}
	}
	return 0;
}
