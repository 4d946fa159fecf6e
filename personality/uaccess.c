// SPDX-License-Identifier: GPL-2.0
/*
 * The user-access steps the NT services share (see uaccess.h).
 */
#include <linux/bug.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "object.h"
#include "uaccess.h"

/*
 * Windows' ProbeForWrite: the memory is read and written back, so that a
 * bad pointer fails before the service does anything.  @size <= 16.
 */
ntstatus_t ntos_probe_write(u64 uaddr, u32 size)
{
	void __user *p = u64_to_user_ptr(uaddr);
	u8 buf[16];

	if (WARN_ON_ONCE(size > sizeof(buf)))
		return STATUS_INTERNAL_ERROR;
	if (copy_from_user(buf, p, size) || copy_to_user(p, buf, size))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

ntstatus_t ntos_query_check(u32 class, u32 len, u32 size)
{
	if (class)
		return STATUS_INVALID_INFO_CLASS;
	if (len != size)
		return STATUS_INFO_LENGTH_MISMATCH;
	return STATUS_SUCCESS;
}

ntstatus_t ntos_query_probe(u64 ubuf, u32 size, u64 ureturn)
{
	ntstatus_t status;

	if (ubuf & (sizeof(u32) - 1))
		return STATUS_DATATYPE_MISALIGNMENT;
	status = ntos_probe_write(ubuf, size);
	if (!status && ureturn)
		status = ntos_probe_write(ureturn, sizeof(u32));
	return status;
}

ntstatus_t ntos_query_copy(u64 ubuf, u64 ureturn, const void *info, u32 size)
{
	if (copy_to_user(u64_to_user_ptr(ubuf), info, size))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_u32(ureturn, size);
}

/* Returns @status, or STATUS_ACCESS_VIOLATION if the block cannot be written. */
ntstatus_t ntos_put_iosb(u64 uiosb, ntstatus_t status, u64 info)
{
	u64 iosb[2] = { ntos_status_raw(status), info };

	if (copy_to_user(u64_to_user_ptr(uiosb), iosb, sizeof(iosb)))
		return STATUS_ACCESS_VIOLATION;
	return status;
}

/* Read the UNICODE_STRING header at @ustr. */
ntstatus_t ntos_ustr_read(u64 ustr, struct nt_unicode_string *us)
{
	if (copy_from_user(us, u64_to_user_ptr(ustr), sizeof(*us)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/*
 * Copy the characters of @us (Length bytes, checked by the caller) into
 * @name, exactly once, so that what is used is what was checked.
 */
ntstatus_t ntos_ustr_copy_chars(const struct nt_unicode_string *us, struct ntos_name *name)
{
	u16 *chars;

	name->chars = NULL;
	name->len = 0;
	if (!us->length)
		return STATUS_SUCCESS;
	chars = kmalloc(us->length, GFP_KERNEL_ACCOUNT);
	if (!chars)
		return STATUS_NO_MEMORY;
	if (copy_from_user(chars, u64_to_user_ptr(us->buffer), us->length)) {
		kfree(chars);
		return STATUS_ACCESS_VIOLATION;
	}
	name->chars = chars;
	name->len = us->length / 2;
	return STATUS_SUCCESS;
}

/*
 * Copy a user UNICODE_STRING into @name, as object names are captured:
 * only Length counts (MaximumLength is not looked at).  The characters are
 * probed first, as Windows' ProbeForRead does (2-byte aligned, in user
 * space), and only then is Length checked: even, and leaving room for a
 * NUL in a UNICODE_STRING (so at most 0xfffc).
 */
ntstatus_t ntos_name_capture(struct ntos_name *name, u64 ustr)
{
	struct nt_unicode_string us;
	ntstatus_t status;

	name->chars = NULL;
	name->len = 0;
	status = ntos_ustr_read(ustr, &us);
	if (status)
		return status;
	if (us.length && (us.buffer & 1))
		return STATUS_DATATYPE_MISALIGNMENT;
	if (us.length && !access_ok(u64_to_user_ptr(us.buffer), us.length))
		return STATUS_ACCESS_VIOLATION;
	if ((us.length & 1) || us.length > 0xfffc)
		return STATUS_OBJECT_NAME_INVALID;
	return ntos_ustr_copy_chars(&us, name);
}

/* @n characters and a NUL at @uaddr */
ntstatus_t ntos_put_chars(u64 uaddr, const u16 *chars, u32 n)
{
	u16 nul = 0;

	if (copy_to_user(u64_to_user_ptr(uaddr), chars, n * sizeof(u16)) ||
	    copy_to_user(u64_to_user_ptr(uaddr + n * sizeof(u16)), &nul, sizeof(nul)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/*
 * Write @name into the caller's UNICODE_STRING at @ustr with a NUL after
 * it, as NtQuerySymbolicLinkObject does; *needed gets the bytes that takes.
 * When it does not fit, the caller's Length is left alone.
 */
ntstatus_t ntos_name_copy_out(const struct ntos_name *name, u64 ustr, u32 *needed)
{
	struct nt_unicode_string us;
	u32 bytes = name->len * 2;
	ntstatus_t status;

	*needed = bytes + sizeof(u16);
	status = ntos_ustr_read(ustr, &us);
	if (status)
		return status;
	if (us.maximum_length < bytes + sizeof(u16))
		return STATUS_BUFFER_TOO_SMALL;
	status = ntos_put_chars(us.buffer, name->chars, name->len);
	if (status)
		return status;
	us.length = bytes;
	if (copy_to_user(u64_to_user_ptr(ustr), &us.length, sizeof(us.length)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

s64 ntos_nt_time_now(void)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	return ntos_nt_time(ts);
}
