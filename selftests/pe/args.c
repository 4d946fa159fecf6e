// SPDX-License-Identifier: GPL-2.0
/*
 * args.exe: splits its command line (the CommandLine UNICODE_STRING of the
 * process parameters) with the MS C runtime rules and prints every argument,
 * argv[0] included, on a line of its own (UTF-8).
 */
#include "ntrt.h"

int start(void *peb)
{
	WCHAR **argv;
	int argc = nt_args(&argv), i;
	HANDLE out = nt_stdout();

	(void)peb;
	for (i = 0; i < argc; i++) {
		if (!NT_SUCCESS(nt_put_wstr(out, argv[i], nt_wcslen(argv[i]))) ||
		    !NT_SUCCESS(nt_puts(out, "\n")))
			return 1;
	}
	return 0;
}
