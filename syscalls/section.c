// SPDX-License-Identifier: GPL-2.0
/*
 * Section services: NtCreateSection, NtOpenSection, NtMapViewOfSection,
 * NtUnmapViewOfSection(Ex), NtQuerySection, NtExtendSection
 * (personality/section.c has the object, personality/vm.c the views).
 * Views are mapped into the calling process only: another process's
 * handle is STATUS_NOT_SUPPORTED, as for the memory services.
 *
 * Not supported: SectionImageInformation of an image section
 * (STATUS_NOT_IMPLEMENTED, for now), SEC_NOCACHE, SEC_LARGE_PAGES and the other attributes
 * (STATUS_INVALID_PARAMETER_6), ZeroBits (accepted up to 21, not
 * honoured), MEM_TOP_DOWN (accepted: Linux places mappings top-down).
 */
#include <linux/mm.h>
#include <linux/uaccess.h>

#include "create.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/section.h"
#include "../personality/vm.h"

#define NTOS_PROCESS_VM_OPERATION	0x0008
#define NTOS_FILE_READ_DATA		0x0001
#define NTOS_FILE_WRITE_DATA		0x0002
#define NTOS_FILE_EXECUTE		0x0020
#define NTOS_MEM_RESERVE_VIEW		0x00002000	/* MEM_RESERVE */
#define NTOS_MEM_TOP_DOWN		0x00100000
#define NTOS_MAX_ZERO_BITS		21
#define NTOS_SEC_KINDS			(SEC_COMMIT | SEC_RESERVE | SEC_IMAGE)

/* The file access a section of protection @protect needs of its file. */
static u32 ntos_section_file_access(u32 protect)
{
	u32 access = NTOS_FILE_READ_DATA;

	if (protect == NTOS_PAGE_READWRITE || protect == NTOS_PAGE_EXECUTE_READWRITE)
		access |= NTOS_FILE_WRITE_DATA;
	if (protect & (NTOS_PAGE_EXECUTE | NTOS_PAGE_EXECUTE_READ | NTOS_PAGE_EXECUTE_READWRITE |
		       NTOS_PAGE_EXECUTE_WRITECOPY))
		access |= NTOS_FILE_EXECUTE;
	return access;
}

static ntstatus_t ntos_nt_create_section(u64 uhandle, u32 access, u64 uoa, u64 usize, u32 protect,
					 u32 attributes, u64 file_handle)
{
	struct ntos_object *fobj = NULL;
	struct ntos_handle_entry info;
	struct ntos_section *s;
	ntstatus_t status;
	u64 size = 0;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	if (usize && ntos_get_u64(usize, &size))
		return STATUS_ACCESS_VIOLATION;
	if (!(attributes & NTOS_SEC_KINDS))
		attributes |= SEC_COMMIT;
	if ((attributes & ~NTOS_SEC_KINDS) || hweight32(attributes) != 1)
		return STATUS_INVALID_PARAMETER_6;
	if ((s64)size < 0)
		return STATUS_SECTION_TOO_BIG;
	if (!file_handle && (attributes & SEC_IMAGE))
		return STATUS_INVALID_FILE_FOR_SECTION;
	if (!file_handle && !size)
		return STATUS_INVALID_PARAMETER_4;
	if (!ntos_section_map_access(protect) || protect == NTOS_PAGE_NOACCESS)
		return STATUS_INVALID_PAGE_PROTECTION;
	if (file_handle) {
		/* an image is executed, whatever the protection asked */
		status = ntos_handle_ref(file_handle, &ntos_file_type,
					 attributes & SEC_IMAGE ? NTOS_FILE_EXECUTE :
					 ntos_section_file_access(protect), &fobj, &info);
		if (status)
			return status;
	}
	status = ntos_section_new(fobj ? ntos_file_of(fobj) : NULL, size, protect, attributes,
				  fobj && (info.access & NTOS_FILE_WRITE_DATA), &s);
	ntos_object_put(fobj);
	if (status)
		return status;
	return ntos_create_named(uhandle, access, uoa, &s->obj);
}

static ntstatus_t ntos_nt_open_section(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_section_type);
}

static ntstatus_t ntos_nt_map_view_of_section(u64 section, u64 process, u64 ubase, u64 zero_bits,
					      u64 commit, u64 uoffset, u64 usize, u32 inherit,
					      u32 type, u32 protect)
{
	unsigned long base, size;
	struct ntos_object *obj;
	struct ntos_vm *vm;
	ntstatus_t status;
	u64 offset = 0;
	u32 need;

	if (get_user(base, (unsigned long __user *)u64_to_user_ptr(ubase)) ||
	    get_user(size, (unsigned long __user *)u64_to_user_ptr(usize)) ||
	    (uoffset && ntos_get_u64(uoffset, &offset)))
		return STATUS_ACCESS_VIOLATION;
	if (zero_bits > NTOS_MAX_ZERO_BITS)
		return STATUS_INVALID_PARAMETER_4;
	if (inherit != NT_VIEW_SHARE && inherit != NT_VIEW_UNMAP)
		return STATUS_INVALID_PARAMETER_8;
	if (type & ~(NTOS_MEM_TOP_DOWN | NTOS_MEM_RESERVE_VIEW))
		return STATUS_INVALID_PARAMETER_9;
	need = ntos_section_map_access(protect);
	if (!need)
		return STATUS_INVALID_PAGE_PROTECTION;
	if (base >= TASK_SIZE_MAX)
		return STATUS_INVALID_PARAMETER_3;
	if (!IS_ALIGNED(base, NTOS_VM_GRANULARITY) || !IS_ALIGNED(offset, NTOS_VM_GRANULARITY))
		return STATUS_MAPPED_ALIGNMENT;
	status = ntos_handle_ref(section, &ntos_section_type, need, &obj, NULL);
	if (status)
		return status;
	status = ntos_process_vm_of(process, NTOS_PROCESS_VM_OPERATION, &vm);
	if (!status && base && size > TASK_SIZE_MAX - base)
		status = STATUS_INVALID_VIEW_SIZE;
	if (!status)
		status = ntos_section_map(ntos_to_section(obj), vm, &base, offset, &size, commit,
					  protect);
	ntos_object_put(obj);
	if (!ntos_nt_success(status))
		return status;
	if (put_user(base, (unsigned long __user *)u64_to_user_ptr(ubase)) ||
	    put_user(size, (unsigned long __user *)u64_to_user_ptr(usize))) {
		ntos_vm_unmap_view(vm, base);
		return STATUS_ACCESS_VIOLATION;
	}
	return status;	/* STATUS_IMAGE_NOT_AT_BASE too */
}

static ntstatus_t ntos_nt_unmap_view_of_section(u64 process, u64 base)
{
	struct ntos_vm *vm;
	ntstatus_t status;

	status = ntos_process_vm_of(process, NTOS_PROCESS_VM_OPERATION, &vm);
	if (status)
		return status;
	if (base >= TASK_SIZE_MAX)
		return STATUS_NOT_MAPPED_VIEW;
	return ntos_vm_unmap_view(vm, base);
}

#define NTOS_MEM_UNMAP_WITH_TRANSIENT_BOOST	0x00000001

static ntstatus_t ntos_nt_unmap_view_of_section_ex(u64 process, u64 base, u32 flags)
{
	if (flags & ~NTOS_MEM_UNMAP_WITH_TRANSIENT_BOOST)
		return STATUS_INVALID_PARAMETER;
	return ntos_nt_unmap_view_of_section(process, base);
}

static ntstatus_t ntos_nt_query_section(u64 handle, u32 class, u64 ubuf, u64 len, u64 ureturn)
{
	struct nt_section_basic_information info = {};
	struct ntos_object *obj;
	struct ntos_section *s;
	ntstatus_t status;

	if (class == NT_SECTION_IMAGE_INFORMATION) {
		status = ntos_handle_ref(handle, &ntos_section_type, SECTION_QUERY, &obj, NULL);
		if (status)
			return status;
		status = ntos_to_section(obj)->image ? STATUS_NOT_IMPLEMENTED :
						       STATUS_SECTION_NOT_IMAGE;
		ntos_object_put(obj);
		return status;
	}
	if (class != NT_SECTION_BASIC_INFORMATION)
		return STATUS_INVALID_INFO_CLASS;
	if (len < sizeof(info))
		return STATUS_INFO_LENGTH_MISMATCH;
	/* the buffer is probed before the handle is looked at (24 bytes: two probes) */
	status = ntos_probe_write(ubuf, 16);
	if (!status)
		status = ntos_probe_write(ubuf + 16, sizeof(info) - 16);
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_section_type, SECTION_QUERY, &obj, NULL);
	if (status)
		return status;
	s = ntos_to_section(obj);
	mutex_lock(&s->lock);
	info.allocation_attributes = s->attributes;
	info.maximum_size = s->size;
	mutex_unlock(&s->lock);
	ntos_object_put(obj);
	if (copy_to_user(u64_to_user_ptr(ubuf), &info, sizeof(info)))
		return STATUS_ACCESS_VIOLATION;
	return ureturn ? ntos_put_u64(ureturn, sizeof(info)) : STATUS_SUCCESS;	/* a SIZE_T */
}

static ntstatus_t ntos_nt_extend_section(u64 handle, u64 usize)
{
	struct ntos_object *obj;
	ntstatus_t status;
	u64 size;

	if (ntos_get_u64(usize, &size))
		return STATUS_ACCESS_VIOLATION;
	if ((s64)size < 0)
		return STATUS_SECTION_TOO_BIG;
	status = ntos_handle_ref(handle, &ntos_section_type, SECTION_EXTEND_SIZE, &obj, NULL);
	if (status)
		return status;
	status = ntos_section_extend(ntos_to_section(obj), &size);
	ntos_object_put(obj);
	if (status)
		return status;
	return ntos_put_u64(usize, size);
}
