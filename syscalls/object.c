// SPDX-License-Identifier: GPL-2.0
/*
 * Services on any object: NtClose, NtDuplicateObject, NtQueryObject,
 * NtMakeTemporaryObject.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/process.h"

#define NTOS_PROCESS_DUP_HANDLE		0x0040
#define NTOS_OBJ_PROTECT_CLOSE		0x00000001
#define NTOS_HANDLE_ATTRIBUTES		(OBJ_INHERIT | NTOS_OBJ_PROTECT_CLOSE)
#define NTOS_OBJECT_INFO_CLASSES	7	/* Windows 10's MaxObjectInfoClass */

static ntstatus_t ntos_nt_close(u64 handle)
{
	return ntos_handle_close(handle);
}

/* A process handle for NtDuplicateObject: only the caller itself, for now. */
static ntstatus_t ntos_dup_process(u64 handle)
{
	struct ntos_object *obj;
	ntstatus_t status;

	if (handle == NT_CURRENT_PROCESS)	/* the common case, without a reference */
		return STATUS_SUCCESS;
	status = ntos_handle_ref(handle, &ntos_process_type, NTOS_PROCESS_DUP_HANDLE, &obj, NULL);
	if (status)
		return status;
	if (obj != &ntos_process_current()->obj)
		status = STATUS_NOT_SUPPORTED;
	ntos_object_put(obj);
	return status;
}

static ntstatus_t ntos_nt_duplicate_object(u64 source_process, u64 source, u64 target_process,
					   u64 utarget, u32 access, u32 attributes, u32 options)
{
	struct ntos_handle_entry src;
	struct ntos_object *obj;
	u64 handle;
	ntstatus_t status;

	status = ntos_dup_process(source_process);
	if (status)
		return status;
	if (target_process) {
		status = ntos_dup_process(target_process);
		if (status)
			return status;
	} else if (!(options & DUPLICATE_CLOSE_SOURCE)) {
		return STATUS_INVALID_PARAMETER;
	}
	if (utarget && ntos_clear_handle_out(utarget))
		return STATUS_ACCESS_VIOLATION;

	status = ntos_handle_ref(source, NULL, 0, &obj, &src);
	if (status)
		return status;
	if (!target_process)
		goto close_source;

	if (!(options & DUPLICATE_SAME_ACCESS)) {
		if (access & NT_ACCESS_SYSTEM_SECURITY) {	/* needs SeSecurityPrivilege */
			status = STATUS_ACCESS_DENIED;
			goto close_source;
		}
		src.access = ntos_map_access(obj->type, access);
	}
	if (!(options & DUPLICATE_SAME_ATTRIBUTES))
		src.attributes = attributes & NTOS_HANDLE_ATTRIBUTES;

	ntos_object_handle_opened(obj);
	status = ntos_handle_insert(ntos_object_get(obj), src.access, src.attributes, &handle);
	if (status) {
		ntos_object_handle_closed(obj);
		ntos_object_put(obj);
	} else if (utarget && put_user(handle, (u64 __user *)u64_to_user_ptr(utarget))) {
		ntos_handle_close(handle);
		status = STATUS_ACCESS_VIOLATION;
	}
close_source:
	/* closed even when the duplicate could not be made, as on Windows */
	if (options & DUPLICATE_CLOSE_SOURCE) {
		ntstatus_t close_status = ntos_handle_close(source);

		if (!status && close_status && source != NT_CURRENT_PROCESS &&
		    source != NT_CURRENT_THREAD)
			status = close_status;
	}
	ntos_object_put(obj);
	return status;
}

static ntstatus_t ntos_query_basic(struct ntos_object *obj, const struct ntos_handle_entry *e,
				   u64 ubuf, u32 len, u32 *needed)
{
	struct nt_object_basic_information info = {};

	*needed = sizeof(info);
	if (len != sizeof(info))
		return STATUS_INFO_LENGTH_MISMATCH;
	info.attributes = e->attributes;
	if (READ_ONCE(obj->flags) & NTOS_OBJ_PERMANENT)
		info.attributes |= OBJ_PERMANENT;
	info.granted_access = e->access;
	info.handle_count = atomic_read(&obj->handles);
	info.pointer_count = kref_read(&obj->ref) - 1;	/* less our own */
	if (obj->type == &ntos_symlink_type)
		info.creation_time = obj->created;
	if (copy_to_user(u64_to_user_ptr(ubuf), &info, sizeof(info)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/* A UNICODE_STRING header at @ubuf, then the characters and a NUL. */
static ntstatus_t ntos_query_name(struct ntos_object *obj, u64 ubuf, u32 len, u32 *needed)
{
	struct nt_unicode_string us = {};
	struct ntos_name name;
	ntstatus_t status;

	status = ntos_ns_full_name(obj, &name);
	if (status)
		return status;
	*needed = sizeof(us) + (name.len ? name.len * 2 + sizeof(u16) : 0);
	if (len < *needed) {
		status = STATUS_INFO_LENGTH_MISMATCH;
		goto out;
	}
	if (name.len)
		ntos_ustr_set(&us, name.len * 2, ubuf + sizeof(us));
	if (copy_to_user(u64_to_user_ptr(ubuf), &us, sizeof(us)))
		status = STATUS_ACCESS_VIOLATION;
	else if (name.len)
		status = ntos_put_chars(ubuf + sizeof(us), name.chars, name.len);
out:
	kfree(name.chars);
	return status;
}

static ntstatus_t ntos_query_type(struct ntos_object *obj, u64 ubuf, u32 len, u32 *needed)
{
	const struct ntos_object_type *type = obj->type;
	struct nt_object_type_information info = {};
	unsigned int i, nlen = strlen(type->name);
	u16 chars[32] = {};

	*needed = sizeof(info) + ALIGN((nlen + 1) * sizeof(u16), 4);
	if (len < *needed)
		return STATUS_INFO_LENGTH_MISMATCH;
	for (i = 0; i < nlen && i < ARRAY_SIZE(chars) - 1; i++)
		chars[i] = type->name[i];
	ntos_ustr_set(&info.type_name, i * 2, ubuf + sizeof(info));
	info.total_number_of_objects = atomic_read(&type->nr_objects);
	info.total_number_of_handles = atomic_read(&type->nr_handles);
	info.high_water_number_of_objects = info.total_number_of_objects;
	info.high_water_number_of_handles = info.total_number_of_handles;
	info.invalid_attributes = 0;
	info.generic_mapping = type->mapping;
	info.valid_access_mask = type->valid_access;
	info.maintain_handle_count = 1;
	info.type_index = type->index;
	info.pool_type = 1;		/* PagedPool */
	if (copy_to_user(u64_to_user_ptr(ubuf), &info, sizeof(info)))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_chars(ubuf + sizeof(info), chars, i);
}

static ntstatus_t ntos_nt_query_object(u64 handle, u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct ntos_handle_entry e;
	struct ntos_object *obj;
	u32 needed = 0;
	ntstatus_t status;

	status = ntos_handle_ref(handle, NULL, 0, &obj, &e);
	if (status)
		return status;
	switch (class) {
	case OBJECT_BASIC_INFORMATION:
		status = ntos_query_basic(obj, &e, ubuf, len, &needed);
		break;
	case OBJECT_NAME_INFORMATION:
		status = ntos_query_name(obj, ubuf, len, &needed);
		break;
	case OBJECT_TYPE_INFORMATION:
		status = ntos_query_type(obj, ubuf, len, &needed);
		break;
	default:
		status = class < NTOS_OBJECT_INFO_CLASSES ? STATUS_NOT_IMPLEMENTED :
			 STATUS_INVALID_INFO_CLASS;
		break;
	}
	ntos_object_put(obj);
	if ((status == STATUS_SUCCESS || status == STATUS_INFO_LENGTH_MISMATCH) &&
	    ntos_put_u32(ureturn, needed))
		return STATUS_ACCESS_VIOLATION;
	return status;
}

static ntstatus_t ntos_nt_make_temporary_object(u64 handle)
{
	struct ntos_object *obj;
	ntstatus_t status;

	status = ntos_handle_ref(handle, NULL, NT_DELETE, &obj, NULL);
	if (status)
		return status;
	status = ntos_ns_make_temporary(obj);
	ntos_object_put(obj);
	return status;
}

