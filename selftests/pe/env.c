// SPDX-License-Identifier: GPL-2.0
/*
 * env.exe: prints the environment block of the process parameters, one
 * NAME=value per line (UTF-8), like env(1).  "env.exe path" prints the
 * ImagePathName and the CommandLine instead.
 */
#include "ntrt.h"

int start(void *peb)
{
	const WCHAR *e = nt_environment();
	HANDLE out = nt_stdout();
	WCHAR **argv;
	int argc = nt_args(&argv);

	(void)peb;
	if (argc > 1) {
		UNICODE_STRING *ip = nt_image_path(), *cl = nt_command_line();

		nt_puts(out, "ImagePathName=");
		nt_put_wstr(out, ip->Buffer, ip->Length / 2);
		nt_puts(out, "\nCommandLine=");
		nt_put_wstr(out, cl->Buffer, cl->Length / 2);
		nt_puts(out, "\n");
		return 0;
	}
	if (!e) {
		nt_puts(nt_stderr(), "env: no environment block\n");
		return 1;
	}
	while (*e) {
		unsigned long long n = nt_wcslen(e);

		if (!NT_SUCCESS(nt_put_wstr(out, e, n)) || !NT_SUCCESS(nt_puts(out, "\n")))
			return 1;
		e += n + 1;
	}
	return 0;
}
