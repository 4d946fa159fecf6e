/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtual.h: the calling process's virtual memory, through the NT memory
 * services (virtual.c): what the heap and the DLL mapper build on.
 */
#ifndef NTDLL_VIRTUAL_H
#define NTDLL_VIRTUAL_H

#include "ntbase.h"

/* @size bytes reserved and committed with @prot, at *@base (NULL: anywhere) */
NTSTATUS ntdll_vm_alloc(void **base, SIZE_T size, ULONG prot);
/* the whole region at @base released */
void ntdll_vm_free(void *base);
NTSTATUS ntdll_vm_protect(void *addr, SIZE_T size, ULONG prot, ULONG *old);

#endif
