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
#include "../uapi/ntkuser.h"
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
NTOS_AT(nt_teb, last_error_value, 0x068);
NTOS_AT(nt_teb, current_locale, 0x108);
NTOS_AT(nt_teb, last_status_value, 0x1250);
NTOS_AT(nt_teb, static_unicode_string, 0x1258);
NTOS_AT(nt_teb, static_unicode_buffer, 0x1268);
NTOS_AT(nt_teb, deallocation_stack, 0x1478);
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

NTOS_SIZE(nt_ksystem_time, 0x0c);
NTOS_SIZE(nt_kuser_shared_data, NT_KUSER_SIZE);
NTOS_AT(nt_kuser_shared_data, tick_count_multiplier, 0x004);
NTOS_AT(nt_kuser_shared_data, interrupt_time, 0x008);
NTOS_AT(nt_kuser_shared_data, system_time, 0x014);
NTOS_AT(nt_kuser_shared_data, time_zone_bias, 0x020);
NTOS_AT(nt_kuser_shared_data, image_number_low, 0x02c);
NTOS_AT(nt_kuser_shared_data, image_number_high, 0x02e);
NTOS_AT(nt_kuser_shared_data, nt_system_root, 0x030);
NTOS_AT(nt_kuser_shared_data, max_stack_trace_depth, 0x238);
NTOS_AT(nt_kuser_shared_data, time_zone_id, 0x240);
NTOS_AT(nt_kuser_shared_data, large_page_minimum, 0x244);
NTOS_AT(nt_kuser_shared_data, rng_seed_version, 0x250);
NTOS_AT(nt_kuser_shared_data, nt_build_number, 0x260);
NTOS_AT(nt_kuser_shared_data, nt_product_type, 0x264);
NTOS_AT(nt_kuser_shared_data, product_type_is_valid, 0x268);
NTOS_AT(nt_kuser_shared_data, native_processor_architecture, 0x26a);
NTOS_AT(nt_kuser_shared_data, nt_major_version, 0x26c);
NTOS_AT(nt_kuser_shared_data, nt_minor_version, 0x270);
NTOS_AT(nt_kuser_shared_data, processor_features, 0x274);
NTOS_AT(nt_kuser_shared_data, time_slip, 0x2bc);
NTOS_AT(nt_kuser_shared_data, system_expiration_date, 0x2c8);
NTOS_AT(nt_kuser_shared_data, suite_mask, 0x2d0);
NTOS_AT(nt_kuser_shared_data, kd_debugger_enabled, 0x2d4);
NTOS_AT(nt_kuser_shared_data, mitigation_policies, 0x2d5);
NTOS_AT(nt_kuser_shared_data, cycles_per_yield, 0x2d6);
NTOS_AT(nt_kuser_shared_data, active_console_id, 0x2d8);
NTOS_AT(nt_kuser_shared_data, number_of_physical_pages, 0x2e8);
NTOS_AT(nt_kuser_shared_data, safe_boot_mode, 0x2ec);
NTOS_AT(nt_kuser_shared_data, shared_data_flags, 0x2f0);
NTOS_AT(nt_kuser_shared_data, test_ret_instruction, 0x2f8);
NTOS_AT(nt_kuser_shared_data, qpc_frequency, 0x300);
NTOS_AT(nt_kuser_shared_data, system_call, 0x308);
NTOS_AT(nt_kuser_shared_data, full_number_of_physical_pages, 0x310);
NTOS_AT(nt_kuser_shared_data, tick_count, 0x320);
NTOS_AT(nt_kuser_shared_data, cookie, 0x330);
NTOS_AT(nt_kuser_shared_data, console_session_foreground_process_id, 0x338);
NTOS_AT(nt_kuser_shared_data, time_update_lock, 0x340);
NTOS_AT(nt_kuser_shared_data, baseline_interrupt_time_qpc, 0x350);
NTOS_AT(nt_kuser_shared_data, qpc_interrupt_time_increment, 0x360);
NTOS_AT(nt_kuser_shared_data, qpc_interrupt_time_increment_shift, 0x369);
NTOS_AT(nt_kuser_shared_data, unparked_processor_count, 0x36a);
NTOS_AT(nt_kuser_shared_data, enclave_feature_mask, 0x36c);
NTOS_AT(nt_kuser_shared_data, user_mode_global_logger, 0x380);
NTOS_AT(nt_kuser_shared_data, image_file_execution_options, 0x3a0);
NTOS_AT(nt_kuser_shared_data, interrupt_time_bias, 0x3b0);
NTOS_AT(nt_kuser_shared_data, qpc_bias, 0x3b8);
NTOS_AT(nt_kuser_shared_data, active_processor_count, 0x3c0);
NTOS_AT(nt_kuser_shared_data, active_group_count, 0x3c4);
NTOS_AT(nt_kuser_shared_data, qpc_bypass_enabled, 0x3c6);
NTOS_AT(nt_kuser_shared_data, qpc_shift, 0x3c7);
NTOS_AT(nt_kuser_shared_data, time_zone_bias_effective_start, 0x3c8);
NTOS_AT(nt_kuser_shared_data, time_zone_bias_effective_end, 0x3d0);

/* NLS (personality/nls.c) */
NTOS_AT(nt_peb, ansi_code_page_data, 0x0a0);
NTOS_AT(nt_peb, oem_code_page_data, 0x0a8);
NTOS_AT(nt_peb, unicode_case_table_data, 0x0b0);

NTOS_SIZE(nt_system_basic_information, 0x40);
NTOS_AT(nt_system_basic_information, minimum_user_mode_address, 0x20);
NTOS_AT(nt_system_basic_information, active_processors_affinity_mask, 0x30);
NTOS_AT(nt_system_basic_information, number_of_processors, 0x38);
NTOS_SIZE(nt_system_processor_information, 0x0c);
NTOS_SIZE(nt_system_time_of_day_information, 0x30);
NTOS_AT(nt_system_time_of_day_information, boot_time_bias, 0x20);
NTOS_SIZE(nt_system_interrupt_information, 0x18);
NTOS_SIZE(nt_system_kernel_debugger_information, 0x02);
NTOS_SIZE(nt_file_fs_device_information, 0x08);
NTOS_SIZE(nt_file_fs_volume_information, 0x18);
NTOS_AT(nt_file_fs_volume_information, volume_label, 0x12);
NTOS_SIZE(nt_file_fs_size_information, 0x18);
NTOS_SIZE(nt_file_fs_full_size_information, 0x20);
NTOS_SIZE(nt_file_fs_attribute_information, 0x10);
NTOS_AT(nt_file_fs_attribute_information, file_system_name, 0x0c);
