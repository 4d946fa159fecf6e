/* SPDX-License-Identifier: GPL-2.0 */
/*
 * path.h: DOS and NT path names (path.c).
 */
#ifndef NTDLL_PATH_H
#define NTDLL_PATH_H

#include "ntbase.h"

/* @dir = the directory part of the DOS path @path (@len characters), no trailing '\' */
void ntdll_path_dir(UNICODE_STRING *dir, const WCHAR *path, SIZE_T len);
/*
 * @p = "\??\" DIR "\" NAME (just "\??\" NAME when @dlen is 0) in a fresh
 * process-heap buffer; the DOS path starts at p->Buffer + 4.
 */
NTSTATUS ntdll_path_dos_to_nt(UNICODE_STRING *p, const WCHAR *dir, SIZE_T dlen,
			      const WCHAR *name, SIZE_T nlen);

#endif
