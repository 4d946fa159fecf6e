// SPDX-License-Identifier: GPL-2.0
/*
 * dllpath.exe: prints ProcessParameters->DllPath, the directories of the
 * Win32 DLLs that ntdll searches after the system directory (the module
 * parameter dll_path as DOS paths), then a newline.
 */
#include "ntrt.h"

int start(void *peb)
{
	UNICODE_STRING *u = (UNICODE_STRING *)(nt_params() + 0x50);	/* DllPath */

	(void)peb;
	if (u->Length & 1 || u->Length > u->MaximumLength)
		return 2;
	if (u->Length && nt_put_wstr(nt_stdout(), u->Buffer, u->Length / 2))
		return 1;
	return nt_puts(nt_stdout(), "\n") ? 1 : 0;
}
