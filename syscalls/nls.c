// SPDX-License-Identifier: GPL-2.0
/*
 * National language support: NtGetNlsSectionPtr, NtInitializeNlsFiles,
 * NtQueryDefaultLocale, NtQueryDefaultUILanguage, NtQueryInstallUILanguage.
 *
 * The tables are read-only views of the `.nls` files of nls_dir, one per
 * table per process, shared by every process (personality/nls.c).  The
 * locale is the module parameter locale (en-US, 0x0409, by default): the
 * user's and the system's alike, and its LANGID the UI languages (there is
 * no per-user profile to read).
 *
 * Statuses (Wine's dlls/ntdll/unix/env.c and ReactOS's ntoskrnl/ex/locale.c
 * agree): an unknown SectionType, or sort keys with an id, is
 * STATUS_INVALID_PARAMETER_1; the case table with an id STATUS_UNSUCCESSFUL;
 * a code page without a file STATUS_OBJECT_NAME_NOT_FOUND, and so an
 * unknown normalization form (Wine's choice; ReactOS says
 * STATUS_INVALID_PARAMETER_1).  The out-parameters are probed before
 * anything is mapped: a bad one is STATUS_ACCESS_VIOLATION and maps nothing.
 * ContextData is ignored, as by both.
 */
#include "service.h"
#include "../personality/nls.h"

/* A required out-parameter of 32 or 16 bits */
static ntstatus_t ntos_nls_put_u32(u64 uaddr, u32 v)
{
	return put_user(v, (u32 __user *)u64_to_user_ptr(uaddr)) ?
	       STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
}

static ntstatus_t ntos_nls_put_u16(u64 uaddr, u16 v)
{
	return put_user(v, (u16 __user *)u64_to_user_ptr(uaddr)) ?
	       STATUS_ACCESS_VIOLATION : STATUS_SUCCESS;
}

static ntstatus_t ntos_nt_get_nls_section_ptr(u32 section_type, u32 section_data,
					      u64 context_data, u64 section_pointer,
					      u64 section_size)
{
	unsigned long base, size;
	ntstatus_t status;

	status = ntos_probe_write(section_pointer, sizeof(u64));
	if (!status)
		status = ntos_probe_write(section_size, sizeof(u64));
	if (!status)
		status = ntos_nls_view(section_type, section_data, &base, &size);
	if (!status)
		status = ntos_write_u64(section_pointer, base);
	if (!status)
		status = ntos_write_u64(section_size, size);
	return status;
}

/* locale.nls; DefaultCasingTableSize gets the view's size, as ReactOS gives it */
static ntstatus_t ntos_nt_initialize_nls_files(u64 base_address, u64 default_locale_id,
					       u64 default_casing_table_size)
{
	unsigned long base, size;
	ntstatus_t status;

	status = ntos_probe_write(base_address, sizeof(u64));
	if (!status)
		status = ntos_probe_write(default_locale_id, sizeof(u32));
	if (!status)
		status = ntos_probe_write(default_casing_table_size, sizeof(u64));
	if (!status)
		status = ntos_nls_locale_view(&base, &size);
	if (!status)
		status = ntos_write_u64(base_address, base);
	if (!status)
		status = ntos_nls_put_u32(default_locale_id, ntos_nls_lcid());
	if (!status)
		status = ntos_write_u64(default_casing_table_size, size);
	return status;
}

static ntstatus_t ntos_nt_query_default_locale(u8 user_profile, u64 default_locale_id)
{
	return ntos_nls_put_u32(default_locale_id, ntos_nls_lcid());
}

static ntstatus_t ntos_nt_query_default_ui_language(u64 default_ui_language_id)
{
	return ntos_nls_put_u16(default_ui_language_id, ntos_nls_lcid() & 0xffff);
}

static ntstatus_t ntos_nt_query_install_ui_language(u64 install_ui_language_id)
{
	return ntos_nls_put_u16(install_ui_language_id, ntos_nls_lcid() & 0xffff);
}
