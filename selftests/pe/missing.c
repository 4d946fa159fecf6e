// SPDX-License-Identifier: GPL-2.0
/*
 * missing_dll.exe, missing_export.exe, missing_ordinal.exe: this file linked
 * with import libraries that promise what is not there (missing_*.def): a
 * DLL that does not exist, a name ntt_dll.dll does not export, an ordinal
 * it does not have.  The process must not start: STATUS_DLL_NOT_FOUND,
 * STATUS_ENTRYPOINT_NOT_FOUND, STATUS_ORDINAL_NOT_FOUND, a line on stderr.
 */
#include "ntrt.h"

int ntt_missing(void);

int start(void *peb)
{
	(void)peb;
	nt_puts(nt_stdout(), "missing: the entry point ran\n");
	return ntt_missing();
}
