/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/types.h for the Windows compiler (x86_64-w64-mingw32-gcc), so that
 * ntdll and the PE test programs include the uapi headers (uapi/nt.h,
 * uapi/ntstatus.h) as the kernel and the Linux tests do: the fixed-size
 * types those headers are written with, nothing else.
 */
#ifndef NTDLL_COMPAT_LINUX_TYPES_H
#define NTDLL_COMPAT_LINUX_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;

#endif
