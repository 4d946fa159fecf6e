// SPDX-License-Identifier: GPL-2.0
/*
 * Object symbolic links: NtCreateSymbolicLinkObject,
 * NtOpenSymbolicLinkObject, NtQuerySymbolicLinkObject.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "create.h"
#include "service.h"
#include "../personality/handle.h"
#include "../personality/object.h"

/*
 * A link's target, checked as Windows checks it: a present, even Length no
 * larger than a non-zero MaximumLength.  It need not be a valid path: it is
 * only resolved when the link is followed.
 */
static ntstatus_t ntos_target_capture(struct ntos_name *target, u64 utarget)
{
	struct nt_unicode_string us;
	ntstatus_t status;

	target->chars = NULL;
	target->len = 0;
	status = ntos_ustr_read(utarget, &us);
	if (status)
		return status;
	if (!us.maximum_length || (us.length & 1) || us.length > us.maximum_length)
		return STATUS_INVALID_PARAMETER;
	return ntos_ustr_copy_chars(&us, target);
}

static ntstatus_t ntos_nt_create_symbolic_link_object(u64 uhandle, u32 access, u64 uoa, u64 utarget)
{
	struct ntos_symlink *link;
	struct ntos_name target;
	struct ntos_oa oa;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	if (!uoa)
		return STATUS_ACCESS_VIOLATION;
	/* the target is probed and checked before the name, as on Windows */
	status = ntos_target_capture(&target, utarget);
	if (status)
		return status;
	status = ntos_oa_capture(&oa, uoa, true);
	if (status) {
		kfree(target.chars);
		return status;
	}
	link = ntos_symlink_create(&target);
	if (!link) {
		kfree(target.chars);
		status = STATUS_NO_MEMORY;
	} else {
		status = ntos_create_object(uhandle, access, &oa, &link->obj);
	}
	ntos_oa_free(&oa);
	return status;
}

static ntstatus_t ntos_nt_open_symbolic_link_object(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_symlink_type);
}

static ntstatus_t ntos_nt_query_symbolic_link_object(u64 handle, u64 utarget, u64 ureturn)
{
	struct ntos_symlink *link;
	struct ntos_object *obj;
	u32 needed = 0;
	ntstatus_t status;

	status = ntos_handle_ref(handle, &ntos_symlink_type, SYMBOLIC_LINK_QUERY, &obj, NULL);
	if (status)
		return status;
	link = container_of(obj, struct ntos_symlink, obj);
	status = ntos_name_copy_out(&link->target, utarget, &needed);
	if ((status == STATUS_SUCCESS || status == STATUS_BUFFER_TOO_SMALL) &&
	    ntos_put_u32(ureturn, needed))
		status = STATUS_ACCESS_VIOLATION;
	ntos_object_put(obj);
	return status;
}

