/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stub.h: what the generated stub bodies (genspec.awk out=stubs) need, and
 * nothing else: they give their exports no prototypes, so they must not see
 * the Windows headers' declarations of the same names.
 */
#ifndef NTDLL_STUB_H
#define NTDLL_STUB_H

#include "ntstatus.h"

/* "ntdll: fixme: NAME is not implemented" on StandardError, once per *@said */
void ntdll_stub_called(int *said, const char *name);

#endif
