// SPDX-License-Identifier: GPL-2.0
/*
 * exitcode.exe N: ends with NtTerminateProcess(NtCurrentProcess(), N).
 * N is decimal or 0x-hexadecimal (an NTSTATUS such as 0xC0000005 works);
 * Linux sees its low 8 bits.  Without N, or with a bad one: status 2 after
 * a message on StandardError.
 */
#include "ntrt.h"

int start(void *peb)
{
	WCHAR **argv;
	int argc = nt_args(&argv);
	long long n;

	(void)peb;
	if (argc != 2 || nt_wtoi(argv[1], &n)) {
		nt_puts(nt_stderr(), "usage: exitcode.exe NUMBER\n");
		return nt_exit(2);
	}
	return nt_exit((NTSTATUS)n);
}
