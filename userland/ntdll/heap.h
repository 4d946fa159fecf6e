/* SPDX-License-Identifier: GPL-2.0 */
/*
 * heap.h: the Rtl heap (heap.c), as the rest of ntdll uses it.
 */
#ifndef NTDLL_HEAP_H
#define NTDLL_HEAP_H

#include "ntbase.h"

PVOID NTAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size);
BOOLEAN NTAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID p);
PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock,
			  PVOID params);
PVOID NTAPI RtlGetProcessHeap(void);

/* the process heap, its first segment in ntdll's .bss: once, at process start */
void *ntdll_heap_create_process_heap(void);

#endif
