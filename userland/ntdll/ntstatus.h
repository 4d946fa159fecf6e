/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntstatus.h: NTSTATUS and its values for ntdll and the PE test programs,
 * which are built with the Windows compiler: the values are uapi's, shared
 * with the kernel (uapi/ntstatus.h), plus the few it does not have yet.
 *
 * NTSTATUS is Windows' LONG in size and in the ABI, but unsigned here:
 * uapi's values are plain unsigned constants (the kernel's type is u32),
 * and comparing them with a signed NTSTATUS would be a signed/unsigned
 * comparison at every "st == STATUS_X".  Test a status's class with
 * NT_SUCCESS (uapi's: it looks at the sign bit), never with "< 0".
 */
#ifndef NTDLL_NTSTATUS_H
#define NTDLL_NTSTATUS_H

#include <linux/types.h>		/* compat/linux/types.h under mingw */

typedef __u32 NTSTATUS;

/* each value an NTSTATUS, where uapi/ntstatus.h lets its user say so */
#define NTOS_STATUS_VALUE(v)	((NTSTATUS)(v))
#include "../../uapi/ntstatus.h"

/*
 * TODO(uapi): values the kernel does not return (yet), used by the loader
 * and the tests; each to move to uapi/ntstatus.h (the #ifndef lets it).
 */
#ifndef STATUS_PROCEDURE_NOT_FOUND
#define STATUS_PROCEDURE_NOT_FOUND		0xc000007a
#endif
#ifndef STATUS_INVALID_IMAGE_FORMAT
#define STATUS_INVALID_IMAGE_FORMAT		0xc000007b
#endif
#ifndef STATUS_DLL_NOT_FOUND
#define STATUS_DLL_NOT_FOUND			0xc0000135
#endif
#ifndef STATUS_ORDINAL_NOT_FOUND
#define STATUS_ORDINAL_NOT_FOUND		0xc0000138
#endif
#ifndef STATUS_ENTRYPOINT_NOT_FOUND
#define STATUS_ENTRYPOINT_NOT_FOUND		0xc0000139
#endif
#ifndef STATUS_DLL_INIT_FAILED
#define STATUS_DLL_INIT_FAILED			0xc0000142
#endif
#ifndef STATUS_PIPE_BROKEN
#define STATUS_PIPE_BROKEN			0xc000014b
#endif
#ifndef STATUS_NAME_TOO_LONG
#define STATUS_NAME_TOO_LONG			0xc0000106
#endif

#ifndef STATUS_SHARING_VIOLATION
#define STATUS_SHARING_VIOLATION		0xc0000043
#endif
#ifndef STATUS_VARIABLE_NOT_FOUND
#define STATUS_VARIABLE_NOT_FOUND		0xc0000100
#endif
#ifndef STATUS_NAME_TOO_LONG
#define STATUS_NAME_TOO_LONG			0xc0000106
#endif

#ifndef STATUS_INVALID_SID
#define STATUS_INVALID_SID			0xc0000078
#endif

#endif
