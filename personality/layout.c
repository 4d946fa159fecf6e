// SPDX-License-Identifier: GPL-2.0
/*
 * The uapi structures against Windows' x64 layouts, at build time.  The
 * numbers here are Windows' own (the public symbols of ntdll.dll and
 * ntoskrnl.exe, build 19041, as the ReactOS and phnt headers record them),
 * written out rather than derived, so a wrong field or gap in uapi/ fails
 * the build.  Nothing here is code.
 */
#include <linux/build_bug.h>
#include <linux/stddef.h>

#include "../uapi/nt.h"
#include "../uapi/ntpeb.h"

#define NTOS_AT(type, field, off) static_assert(offsetof(struct type, field) == (off))
#define NTOS_SIZE(type, size) static_assert(sizeof(struct type) == (size))

NTOS_SIZE(nt_unicode_string, 0x10);
NTOS_AT(nt_unicode_string, maximum_length, 0x02);
NTOS_AT(nt_unicode_string, buffer, 0x08);

NTOS_SIZE(nt_object_attributes, 0x30);
NTOS_AT(nt_object_attributes, root_directory, 0x08);
NTOS_AT(nt_object_attributes, object_name, 0x10);
NTOS_AT(nt_object_attributes, attributes, 0x18);
NTOS_AT(nt_object_attributes, security_descriptor, 0x20);
NTOS_AT(nt_object_attributes, security_qos, 0x28);

NTOS_SIZE(nt_client_id, 0x10);
NTOS_SIZE(nt_event_basic_information, 0x08);
NTOS_SIZE(nt_mutant_basic_information, 0x08);
NTOS_SIZE(nt_semaphore_basic_information, 0x08);
NTOS_SIZE(nt_timer_basic_information, 0x10);
NTOS_SIZE(nt_generic_mapping, 0x10);
NTOS_SIZE(nt_section_basic_information, 0x18);
NTOS_AT(nt_section_basic_information, allocation_attributes, 0x08);
NTOS_AT(nt_section_basic_information, maximum_size, 0x10);

NTOS_SIZE(nt_object_basic_information, 0x38);
NTOS_AT(nt_object_basic_information, name_info_size, 0x24);
NTOS_AT(nt_object_basic_information, creation_time, 0x30);

NTOS_SIZE(nt_object_type_information, 0x68);
NTOS_AT(nt_object_type_information, total_number_of_objects, 0x10);
NTOS_AT(nt_object_type_information, high_water_number_of_objects, 0x28);
NTOS_AT(nt_object_type_information, invalid_attributes, 0x40);
NTOS_AT(nt_object_type_information, generic_mapping, 0x44);
NTOS_AT(nt_object_type_information, valid_access_mask, 0x54);
NTOS_AT(nt_object_type_information, security_required, 0x58);
NTOS_AT(nt_object_type_information, pool_type, 0x5c);
NTOS_AT(nt_object_type_information, default_non_paged_pool_charge, 0x64);

NTOS_SIZE(nt_object_directory_information, 0x20);

NTOS_AT(nt_peb, image_base_address, 0x010);
NTOS_AT(nt_peb, ldr, 0x018);
NTOS_AT(nt_peb, process_parameters, 0x020);
NTOS_AT(nt_peb, process_heap, 0x030);
NTOS_AT(nt_peb, number_of_processors, 0x0b8);
NTOS_AT(nt_peb, os_major_version, 0x118);
NTOS_AT(nt_peb, os_minor_version, 0x11c);
NTOS_AT(nt_peb, os_build_number, 0x120);
NTOS_AT(nt_peb, os_platform_id, 0x124);
NTOS_AT(nt_peb, image_subsystem, 0x128);
static_assert(sizeof(struct nt_peb) <= NT_PEB_BLOCK_SIZE);

NTOS_AT(nt_teb, stack_base, 0x008);
NTOS_AT(nt_teb, stack_limit, 0x010);
NTOS_AT(nt_teb, self, 0x030);
NTOS_AT(nt_teb, client_id, 0x040);
NTOS_AT(nt_teb, thread_local_storage_pointer, 0x058);
NTOS_AT(nt_teb, process_environment_block, 0x060);
static_assert(sizeof(struct nt_teb) <= NT_TEB_BLOCK_SIZE);

NTOS_SIZE(nt_rtl_user_process_parameters, 0x440);
NTOS_AT(nt_rtl_user_process_parameters, flags, 0x008);
NTOS_AT(nt_rtl_user_process_parameters, standard_input, 0x020);
NTOS_AT(nt_rtl_user_process_parameters, standard_output, 0x028);
NTOS_AT(nt_rtl_user_process_parameters, standard_error, 0x030);
NTOS_AT(nt_rtl_user_process_parameters, current_directory_path, 0x038);
NTOS_AT(nt_rtl_user_process_parameters, image_path_name, 0x060);
NTOS_AT(nt_rtl_user_process_parameters, command_line, 0x070);
NTOS_AT(nt_rtl_user_process_parameters, environment, 0x080);
NTOS_AT(nt_rtl_user_process_parameters, environment_size, 0x3f0);
