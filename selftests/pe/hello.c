// SPDX-License-Identifier: GPL-2.0
/*
 * hello.exe: "Hello from ntpersona" with NtWriteFile on StandardOutput, then
 * returns 0 from the entry point (the process ends with that status).
 * "hello.exe err" writes the line on StandardError instead.
 */
#include "ntrt.h"

static const char msg[] = "Hello from ntpersona\n";

int start(void *peb)
{
	WCHAR **argv;
	int argc = nt_args(&argv);
	HANDLE h = nt_stdout();
	NTSTATUS st;

	(void)peb;
	if (argc > 1 && argv[1][0] == 'e' && argv[1][1] == 'r' && argv[1][2] == 'r' && !argv[1][3])
		h = nt_stderr();
	st = nt_write(h, msg, sizeof(msg) - 1);
	if (!NT_SUCCESS(st)) {
		nt_report("hello", "NtWriteFile", st);
		return 1;
	}
	return 0;
}
