/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How NT services touch the caller's memory: the one place for each step
 * every service repeats.  Pointer arguments are user addresses kept as u64
 * until used; a fault is STATUS_ACCESS_VIOLATION, never an errno.
 *
 * - optional out-parameters (0: none): ntos_put_u8/u32/s32/u64; required
 *   ones: ntos_write_u64(); a required in-parameter: ntos_get_u64()
 * - a handle out-parameter: ntos_clear_handle_out() first, the handle
 *   itself by ntos_handle_create() (handle.c) with ntos_write_u64()
 * - NtQueryXxx: ntos_query_check() (class, exact length), ntos_query_probe()
 *   (buffer and ReturnLength written before anything is done),
 *   ntos_query_copy() (the data, then ReturnLength)
 * - IO_STATUS_BLOCK: ntos_put_iosb()
 * - UNICODE_STRING in: ntos_ustr_read() and ntos_ustr_copy_chars(), with the
 *   caller's validity rule between the two (ntos_name_capture() is the one
 *   for object names); out: ntos_put_chars() (the characters and a NUL),
 *   ntos_ustr_set() (a header), ntos_name_copy_out()
 * - NT time (100 ns since 1601): ntos_nt_time(), ntos_nt_time_now()
 */
#ifndef _NTOS_UACCESS_H
#define _NTOS_UACCESS_H

#include <linux/time64.h>
#include <linux/types.h>
#include <linux/uaccess.h>

#include "status.h"
#include "../uapi/nt.h"

struct ntos_name;

static inline ntstatus_t ntos_put_u8(u64 uaddr, u8 v)
{
	if (uaddr && put_user(v, (u8 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

static inline ntstatus_t ntos_put_u32(u64 uaddr, u32 v)
{
	if (uaddr && put_user(v, (u32 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

static inline ntstatus_t ntos_put_s32(u64 uaddr, s32 v)
{
	if (uaddr && put_user(v, (s32 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

static inline ntstatus_t ntos_put_u64(u64 uaddr, u64 v)
{
	if (uaddr && put_user(v, (u64 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/* A required in-parameter of pointer size (a PVOID *, a PSIZE_T) */
static inline ntstatus_t ntos_get_u64(u64 uaddr, u64 *v)
{
	return get_user(*v, (u64 __user *)u64_to_user_ptr(uaddr)) ?
	       STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
}

/* A required out-parameter of 64 bits: a handle, a LARGE_INTEGER */
static inline ntstatus_t ntos_write_u64(u64 uaddr, u64 v)
{
	return put_user(v, (u64 __user *)u64_to_user_ptr(uaddr)) ?
	       STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
}

/*
 * A service that returns a handle first clears the caller's handle slot:
 * a bad address then fails before anything is created, and a failure
 * leaves NULL there, as Windows 7 and later do.
 */
static inline ntstatus_t ntos_clear_handle_out(u64 uhandle)
{
	return ntos_write_u64(uhandle, 0);
}

/* an out-parameter is probed (read and written back) before anything is done */
ntstatus_t ntos_probe_write(u64 uaddr, u32 size);

/* NtQueryXxx of a fixed-size struct: the class and exact length come first */
ntstatus_t ntos_query_check(u32 class, u32 len, u32 size);
/* then the buffer (ULONG-aligned) and ReturnLength are probed, before the handle */
ntstatus_t ntos_query_probe(u64 ubuf, u32 size, u64 ureturn);
/* the data, then the optional ReturnLength (a ULONG), written only on success */
ntstatus_t ntos_query_copy(u64 ubuf, u64 ureturn, const void *info, u32 size);

/* IO_STATUS_BLOCK: @status, then @info (the bytes moved, a disposition) */
ntstatus_t ntos_put_iosb(u64 uiosb, ntstatus_t status, u64 info);

ntstatus_t ntos_ustr_read(u64 ustr, struct nt_unicode_string *us);
ntstatus_t ntos_ustr_copy_chars(const struct nt_unicode_string *us, struct ntos_name *name);
ntstatus_t ntos_name_capture(struct ntos_name *name, u64 ustr);
ntstatus_t ntos_put_chars(u64 uaddr, const u16 *chars, u32 n);
ntstatus_t ntos_name_copy_out(const struct ntos_name *name, u64 ustr, u32 *needed);

/* A UNICODE_STRING header for @bytes of characters at @buffer, NUL after them. */
static inline void ntos_ustr_set(struct nt_unicode_string *us, u32 bytes, u64 buffer)
{
	us->length = bytes;
	us->maximum_length = bytes + sizeof(u16);
	us->pad = 0;
	us->buffer = buffer;
}

/* 1601-01-01 (NT's epoch) to 1970-01-01 (Linux's), in NT's 100 ns units */
#define NTOS_NT_EPOCH_OFFSET	116444736000000000LL
#define NTOS_NT_TICKS_PER_SEC	10000000LL

static inline s64 ntos_nt_time(struct timespec64 t)
{
	return NTOS_NT_EPOCH_OFFSET + t.tv_sec * NTOS_NT_TICKS_PER_SEC + t.tv_nsec / 100;
}

s64 ntos_nt_time_now(void);

#endif /* _NTOS_UACCESS_H */
