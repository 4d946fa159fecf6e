/* SPDX-License-Identifier: GPL-2.0 */
/*
 * peb.h: the PEB, the TEB and the process parameters, which the kernel
 * fills at exec (personality/exec.c) and ntdll reads: the x64 offsets of
 * the fields we use, and the current thread's TEB and PEB through GS.
 */
#ifndef NTDLL_PEB_H
#define NTDLL_PEB_H

#include "ntbase.h"

/* TODO(uapi): these offsets are written in personality/exec.c too */
#define PEB_LDR				0x018
#define PEB_IMAGE_BASE			0x010
#define PEB_PROCESS_PARAMETERS		0x020
#define PEB_PROCESS_HEAP		0x030
#define PEB_ANSI_CODE_PAGE_DATA		0x0a0
#define PEB_OEM_CODE_PAGE_DATA		0x0a8
#define PEB_UNICODE_CASE_TABLE_DATA	0x0b0
#define TEB_CLIENT_ID_THREAD		0x048
#define TEB_TLS_POINTER			0x058
#define TEB_PEB				0x060
#define PP_STD_ERROR			0x030
#define PP_DLL_PATH			0x050
#define PP_IMAGE_PATH			0x060

typedef struct _PEB PEB;		/* opaque: reached through the offsets above */

#define NT_FIELD(base, off, type)	(*(type *)((BYTE *)(base) + (off)))

static inline BYTE *ntdll_teb(void)
{
	BYTE *teb;

	__asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
	return teb;
}

static inline BYTE *ntdll_peb(void)
{
	BYTE *peb;

	__asm__ volatile("mov %%gs:0x60, %0" : "=r"(peb));
	return peb;
}

static inline DWORD ntdll_thread_id(void)
{
	return (DWORD)NT_FIELD(ntdll_teb(), TEB_CLIENT_ID_THREAD, ULONG_PTR);
}

#endif
