// SPDX-License-Identifier: GPL-2.0
/*
 * What every NtCreateXxx and NtOpenXxx of a named object type shares:
 * naming the new object (or opening the existing one with OBJ_OPENIF) and
 * returning a handle, in Windows' order of checks.
 */
#include "create.h"
#include "../personality/handle.h"

/*
 * Name @obj as @oa says (unnamed if it has no name) and store a handle to
 * it, or with OBJ_OPENIF to the existing object of that name, at @uhandle.
 * Takes over the caller's reference to @obj.  A new object may be created
 * with no access: its handle then grants none.
 */
ntstatus_t ntos_create_object(u64 uhandle, u32 access, const struct ntos_oa *oa,
			      struct ntos_object *obj)
{
	struct ntos_object *existing;
	ntstatus_t status, hstatus;

	access = ntos_map_access(obj->type, access);
	status = ntos_ns_insert(oa, obj, access, &existing);
	if (existing) {
		ntos_object_put(obj);
		obj = existing;
	} else if (!ntos_nt_success(status)) {
		ntos_object_put(obj);
		return status;
	}
	hstatus = ntos_handle_create(obj, access, oa->attributes, uhandle);
	return hstatus ? hstatus : status;
}

/*
 * The end of an NtCreateXxx, once the service has checked its own
 * arguments and made @obj: capture the OBJECT_ATTRIBUTES at @uoa and name
 * @obj by them (see ntos_create_object).  Takes over the reference to @obj.
 */
ntstatus_t ntos_create_named(u64 uhandle, u32 access, u64 uoa, struct ntos_object *obj)
{
	struct ntos_oa oa;
	ntstatus_t status;

	status = ntos_oa_capture(&oa, uoa, true);
	if (status) {
		ntos_object_put(obj);
		return status;
	}
	status = ntos_create_object(uhandle, access, &oa, obj);
	ntos_oa_free(&oa);
	return status;
}

/* NtOpenXxx: a handle at @uhandle to the object of @type that @uoa names. */
ntstatus_t ntos_open_object(u64 uhandle, u32 access, u64 uoa, const struct ntos_object_type *type)
{
	struct ntos_object *obj;
	struct ntos_oa oa;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	status = ntos_oa_capture(&oa, uoa, false);
	if (status)
		return status;
	access = ntos_map_access(type, access);
	status = ntos_ns_open(&oa, type, access, &obj);
	if (!status)
		status = ntos_handle_create(obj, access, oa.attributes, uhandle);
	ntos_oa_free(&oa);
	return status;
}
