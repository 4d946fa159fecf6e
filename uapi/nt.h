/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Windows NT x64 structures and constants that cross the NT system-call
 * boundary, with Windows' layouts and values and kernel-style names.  The
 * offsets in the comments are the x64 ones; every struct is checked against
 * them at build time (personality/layout.c).
 */
#ifndef _UAPI_NTPERSONA_NT_H
#define _UAPI_NTPERSONA_NT_H

#include <linux/types.h>

/* Pseudo-handles */
#define NT_CURRENT_PROCESS	((__u64)-1)
#define NT_CURRENT_THREAD	((__u64)-2)

/* UNICODE_STRING: lengths in bytes, not counting a terminating NUL */
struct nt_unicode_string {
	__u16 length;			/* 0x00 */
	__u16 maximum_length;		/* 0x02 */
	__u32 pad;			/* 0x04 */
	__u64 buffer;			/* 0x08: wchar_t * */
};

/* OBJECT_ATTRIBUTES (0x30 bytes) */
struct nt_object_attributes {
	__u32 length;			/* 0x00: must be 0x30 */
	__u32 pad;
	__u64 root_directory;		/* 0x08: HANDLE */
	__u64 object_name;		/* 0x10: UNICODE_STRING * */
	__u32 attributes;		/* 0x18: OBJ_* */
	__u32 pad2;
	__u64 security_descriptor;	/* 0x20 */
	__u64 security_qos;		/* 0x28 */
};

#define OBJ_INHERIT			0x00000002
#define OBJ_PERMANENT			0x00000010
#define OBJ_EXCLUSIVE			0x00000020
#define OBJ_CASE_INSENSITIVE		0x00000040
#define OBJ_OPENIF			0x00000080
#define OBJ_OPENLINK			0x00000100
#define OBJ_KERNEL_HANDLE		0x00000200
#define OBJ_FORCE_ACCESS_CHECK		0x00000400
#define OBJ_IGNORE_IMPERSONATED_DEVICEMAP 0x00000800
#define OBJ_DONT_REPARSE		0x00001000
#define OBJ_VALID_ATTRIBUTES		0x00001ff2

/* Access rights */
#define NT_DELETE			0x00010000
#define NT_READ_CONTROL			0x00020000
#define NT_WRITE_DAC			0x00040000
#define NT_WRITE_OWNER			0x00080000
#define NT_SYNCHRONIZE			0x00100000
#define NT_STANDARD_RIGHTS_REQUIRED	0x000f0000
#define NT_STANDARD_RIGHTS_READ		NT_READ_CONTROL
#define NT_STANDARD_RIGHTS_WRITE	NT_READ_CONTROL
#define NT_STANDARD_RIGHTS_EXECUTE	NT_READ_CONTROL
#define NT_ACCESS_SYSTEM_SECURITY	0x01000000
#define NT_MAXIMUM_ALLOWED		0x02000000
#define NT_GENERIC_ALL			0x10000000
#define NT_GENERIC_EXECUTE		0x20000000
#define NT_GENERIC_WRITE		0x40000000
#define NT_GENERIC_READ			0x80000000

#define DIRECTORY_QUERY			0x0001
#define DIRECTORY_TRAVERSE		0x0002
#define DIRECTORY_CREATE_OBJECT		0x0004
#define DIRECTORY_CREATE_SUBDIRECTORY	0x0008
#define DIRECTORY_ALL_ACCESS		(NT_STANDARD_RIGHTS_REQUIRED | 0x000f)

#define SYMBOLIC_LINK_QUERY		0x0001
#define SYMBOLIC_LINK_ALL_ACCESS	(NT_STANDARD_RIGHTS_REQUIRED | 0x0001)

#define EVENT_QUERY_STATE		0x0001
#define EVENT_MODIFY_STATE		0x0002
#define EVENT_ALL_ACCESS		0x001f0003
#define MUTANT_QUERY_STATE		0x0001
#define MUTANT_ALL_ACCESS		0x001f0001
#define SEMAPHORE_QUERY_STATE		0x0001
#define SEMAPHORE_MODIFY_STATE		0x0002
#define SEMAPHORE_ALL_ACCESS		0x001f0003
#define TIMER_QUERY_STATE		0x0001
#define TIMER_MODIFY_STATE		0x0002
#define TIMER_ALL_ACCESS		0x001f0003
#define THREAD_ALERT			0x0004
#define SECTION_QUERY			0x0001
#define SECTION_MAP_WRITE		0x0002
#define SECTION_MAP_READ		0x0004
#define SECTION_MAP_EXECUTE		0x0008
#define SECTION_EXTEND_SIZE		0x0010
#define SECTION_ALL_ACCESS		0x000f001f

/* NtCreateSection's AllocationAttributes */
#define SEC_FILE			0x00800000
#define SEC_IMAGE			0x01000000
#define SEC_RESERVE			0x04000000
#define SEC_COMMIT			0x08000000
#define SEC_NOCACHE			0x10000000
#define SEC_LARGE_PAGES			0x80000000

/* SECTION_INHERIT, SECTION_INFORMATION_CLASS */
#define NT_VIEW_SHARE			1
#define NT_VIEW_UNMAP			2
#define NT_SECTION_BASIC_INFORMATION	0
#define NT_SECTION_IMAGE_INFORMATION	1

/* SectionBasicInformation (class 0) */
struct nt_section_basic_information {
	__u64 base_address;
	__u32 allocation_attributes;
	__u32 pad;
	__s64 maximum_size;
};

/* EVENT_TYPE, TIMER_TYPE, WAIT_TYPE */
#define NT_NOTIFICATION_EVENT		0
#define NT_SYNCHRONIZATION_EVENT	1
#define NT_NOTIFICATION_TIMER		0
#define NT_SYNCHRONIZATION_TIMER	1
#define NT_WAIT_ALL			0
#define NT_WAIT_ANY			1
#define NT_MAXIMUM_WAIT_OBJECTS		64

/* EventBasicInformation (class 0) */
struct nt_event_basic_information {
	__u32 event_type;
	__s32 event_state;
};

/* MutantBasicInformation (class 0), MutantOwnerInformation (class 1) */
struct nt_mutant_basic_information {
	__s32 current_count;
	__u8 owned_by_caller;
	__u8 abandoned_state;
	__u8 pad[2];
};

struct nt_client_id {
	__u64 unique_process;
	__u64 unique_thread;
};

/* SemaphoreBasicInformation (class 0) */
struct nt_semaphore_basic_information {
	__s32 current_count;
	__s32 maximum_count;
};

/* TimerBasicInformation (class 0): RemainingTime in 100 ns, negative once due */
struct nt_timer_basic_information {
	__s64 remaining_time;
	__u8 timer_state;
	__u8 pad[7];
};

/* NtDuplicateObject options */
#define DUPLICATE_CLOSE_SOURCE		0x00000001
#define DUPLICATE_SAME_ACCESS		0x00000002
#define DUPLICATE_SAME_ATTRIBUTES	0x00000004

/* NtQueryObject information classes */
#define OBJECT_BASIC_INFORMATION	0
#define OBJECT_NAME_INFORMATION		1
#define OBJECT_TYPE_INFORMATION		2

/* OBJECT_BASIC_INFORMATION (0x38 bytes) */
struct nt_object_basic_information {
	__u32 attributes;		/* 0x00 */
	__u32 granted_access;		/* 0x04 */
	__u32 handle_count;		/* 0x08 */
	__u32 pointer_count;		/* 0x0c */
	__u32 paged_pool_charge;	/* 0x10 */
	__u32 non_paged_pool_charge;	/* 0x14 */
	__u32 reserved[3];		/* 0x18 */
	__u32 name_info_size;		/* 0x24 */
	__u32 type_info_size;		/* 0x28 */
	__u32 security_descriptor_size;	/* 0x2c */
	__s64 creation_time;		/* 0x30 */
};

/* GENERIC_MAPPING */
struct nt_generic_mapping {
	__u32 generic_read;
	__u32 generic_write;
	__u32 generic_execute;
	__u32 generic_all;
};

/* OBJECT_TYPE_INFORMATION (0x68 bytes, followed by the name's characters) */
struct nt_object_type_information {
	struct nt_unicode_string type_name;	/* 0x00 */
	__u32 total_number_of_objects;		/* 0x10 */
	__u32 total_number_of_handles;		/* 0x14 */
	__u32 total_paged_pool_usage;
	__u32 total_non_paged_pool_usage;
	__u32 total_name_pool_usage;
	__u32 total_handle_table_usage;
	__u32 high_water_number_of_objects;	/* 0x28 */
	__u32 high_water_number_of_handles;
	__u32 high_water_paged_pool_usage;
	__u32 high_water_non_paged_pool_usage;
	__u32 high_water_name_pool_usage;
	__u32 high_water_handle_table_usage;
	__u32 invalid_attributes;		/* 0x40 */
	struct nt_generic_mapping generic_mapping; /* 0x44 */
	__u32 valid_access_mask;		/* 0x54 */
	__u8 security_required;			/* 0x58 */
	__u8 maintain_handle_count;
	__u8 type_index;
	__u8 reserved_byte;
	__u32 pool_type;			/* 0x5c */
	__u32 default_paged_pool_charge;	/* 0x60 */
	__u32 default_non_paged_pool_charge;	/* 0x64 */
};

/* OBJECT_DIRECTORY_INFORMATION (0x20 bytes per entry) */
struct nt_object_directory_information {
	struct nt_unicode_string name;
	struct nt_unicode_string type_name;
};

/* ---- NtQuerySystemInformation ---- */

/* SYSTEM_INFORMATION_CLASS: the classes served */
#define NT_SYSTEM_BASIC_INFORMATION		0x00
#define NT_SYSTEM_PROCESSOR_INFORMATION		0x01	/* Wine's SystemCpuInformation */
#define NT_SYSTEM_TIME_OF_DAY_INFORMATION	0x03
#define NT_SYSTEM_INTERRUPT_INFORMATION		0x17
#define NT_SYSTEM_KERNEL_DEBUGGER_INFORMATION	0x23
#define NT_SYSTEM_RANGE_START_INFORMATION	0x32
#define NT_SYSTEM_EMULATION_BASIC_INFORMATION	0x3e
#define NT_SYSTEM_EMULATION_PROCESSOR_INFORMATION 0x3f

/* SYSTEM_BASIC_INFORMATION */
struct nt_system_basic_information {
	__u32 reserved;
	__u32 timer_resolution;			/* 100 ns units */
	__u32 page_size;
	__u32 number_of_physical_pages;
	__u32 lowest_physical_page_number;
	__u32 highest_physical_page_number;
	__u32 allocation_granularity;
	__u32 pad;
	__u64 minimum_user_mode_address;	/* 0x20 */
	__u64 maximum_user_mode_address;
	__u64 active_processors_affinity_mask;	/* 0x30 */
	__s8 number_of_processors;		/* 0x38 */
	__u8 pad2[7];
};

/* SYSTEM_PROCESSOR_INFORMATION */
struct nt_system_processor_information {
	__u16 processor_architecture;		/* 9: AMD64 */
	__u16 processor_level;			/* the CPU family */
	__u16 processor_revision;		/* model << 8 | stepping */
	__u16 maximum_processors;
	__u32 processor_feature_bits;
};

/* SYSTEM_TIMEOFDAY_INFORMATION */
struct nt_system_time_of_day_information {
	__s64 boot_time;
	__s64 current_time;
	__s64 time_zone_bias;
	__u32 time_zone_id;
	__u32 reserved;
	__u64 boot_time_bias;			/* 0x20 */
	__u64 sleep_time_bias;
};

/* SYSTEM_INTERRUPT_INFORMATION, one per processor */
struct nt_system_interrupt_information {
	__u32 context_switches;
	__u32 dpc_count;
	__u32 dpc_rate;
	__u32 time_increment;
	__u32 dpc_bypass_count;
	__u32 apc_bypass_count;
};

/* SYSTEM_KERNEL_DEBUGGER_INFORMATION */
struct nt_system_kernel_debugger_information {
	__u8 kernel_debugger_enabled;
	__u8 kernel_debugger_not_present;
};

/* ---- NtQueryDirectoryFile(Ex) ---- */

/* FILE_ATTRIBUTE_* */
#define NT_FILE_ATTRIBUTE_READONLY		0x00000001
#define NT_FILE_ATTRIBUTE_HIDDEN		0x00000002
#define NT_FILE_ATTRIBUTE_DIRECTORY		0x00000010
#define NT_FILE_ATTRIBUTE_ARCHIVE		0x00000020
#define NT_FILE_ATTRIBUTE_NORMAL		0x00000080

/* FILE_INFORMATION_CLASS: the directory classes served */
#define NT_FILE_DIRECTORY_INFORMATION		1
#define NT_FILE_FULL_DIRECTORY_INFORMATION	2
#define NT_FILE_BOTH_DIRECTORY_INFORMATION	3
#define NT_FILE_NAMES_INFORMATION		12
#define NT_FILE_ID_BOTH_DIRECTORY_INFORMATION	37
#define NT_FILE_ID_FULL_DIRECTORY_INFORMATION	38

/* NtQueryDirectoryFileEx's QueryFlags */
#define NT_SL_RESTART_SCAN			0x01
#define NT_SL_RETURN_SINGLE_ENTRY		0x02
#define NT_SL_INDEX_SPECIFIED			0x04

/*
 * The common head of FILE_DIRECTORY_INFORMATION and its bigger siblings;
 * each entry starts 8-byte aligned, NextEntryOffset 0 ends the list.
 */
struct nt_file_directory_information {
	__u32 next_entry_offset;
	__u32 file_index;
	__s64 creation_time;
	__s64 last_access_time;
	__s64 last_write_time;
	__s64 change_time;
	__s64 end_of_file;
	__s64 allocation_size;
	__u32 file_attributes;
	__u32 file_name_length;			/* bytes */
};	/* FileName at 0x40 */

/* FILE_FULL_DIR_INFORMATION: + EaSize, FileName at 0x44 */
/* FILE_BOTH_DIR_INFORMATION: + EaSize, ShortNameLength, ShortName[12], FileName at 0x5e */
/* FILE_ID_BOTH_DIR_INFORMATION: as BOTH, then FileId at 0x60, FileName at 0x68 */
/* FILE_ID_FULL_DIR_INFORMATION: as FULL, then FileId at 0x48, FileName at 0x50 */
/* FILE_NAMES_INFORMATION: NextEntryOffset, FileIndex, FileNameLength, FileName at 0x0c */

/* ---- NtQueryVolumeInformationFile ---- */

/* FS_INFORMATION_CLASS: the classes served */
#define NT_FILE_FS_VOLUME_INFORMATION		1
#define NT_FILE_FS_SIZE_INFORMATION		3
#define NT_FILE_FS_DEVICE_INFORMATION		4
#define NT_FILE_FS_ATTRIBUTE_INFORMATION	5
#define NT_FILE_FS_FULL_SIZE_INFORMATION	7

/* DEVICE_TYPE values and the characteristics we report */
#define NT_FILE_DEVICE_DISK			0x07
#define NT_FILE_DEVICE_NAMED_PIPE		0x11
#define NT_FILE_DEVICE_NULL			0x15
#define NT_FILE_DEVICE_UNKNOWN			0x22
#define NT_FILE_DEVICE_CONSOLE			0x50
#define NT_FILE_DEVICE_IS_MOUNTED		0x20
#define NT_FILE_REMOTE_DEVICE			0x10

/* FILE_FS_DEVICE_INFORMATION */
struct nt_file_fs_device_information {
	__u32 device_type;
	__u32 characteristics;
};

/* FILE_FS_VOLUME_INFORMATION (VolumeLabel follows at 0x12) */
struct nt_file_fs_volume_information {
	__s64 volume_creation_time;
	__u32 volume_serial_number;
	__u32 volume_label_length;		/* bytes */
	__u8 supports_objects;
	__u8 pad;
	__u16 volume_label[3];
};

/* FILE_FS_SIZE_INFORMATION */
struct nt_file_fs_size_information {
	__s64 total_allocation_units;
	__s64 available_allocation_units;
	__u32 sectors_per_allocation_unit;
	__u32 bytes_per_sector;
};

/* FILE_FS_FULL_SIZE_INFORMATION */
struct nt_file_fs_full_size_information {
	__s64 total_allocation_units;
	__s64 caller_available_allocation_units;
	__s64 actual_available_allocation_units;
	__u32 sectors_per_allocation_unit;
	__u32 bytes_per_sector;
};

/* FILE_FS_ATTRIBUTE_INFORMATION (FileSystemName follows at 0x0c) */
struct nt_file_fs_attribute_information {
	__u32 file_system_attributes;
	__s32 maximum_component_name_length;
	__u32 file_system_name_length;		/* bytes */
	__u16 file_system_name[2];
};

/* ---- NtQueryInformationFile, NtSetInformationFile ---- */

/* FILE_INFORMATION_CLASS: the classes served */
#define NT_FILE_BASIC_INFORMATION		4
#define NT_FILE_STANDARD_INFORMATION		5
#define NT_FILE_INTERNAL_INFORMATION		6
#define NT_FILE_EA_INFORMATION			7
#define NT_FILE_ACCESS_INFORMATION		8
#define NT_FILE_NAME_INFORMATION		9
#define NT_FILE_RENAME_INFORMATION		10
#define NT_FILE_LINK_INFORMATION		11
#define NT_FILE_DISPOSITION_INFORMATION		13
#define NT_FILE_POSITION_INFORMATION		14
#define NT_FILE_MODE_INFORMATION		16
#define NT_FILE_ALIGNMENT_INFORMATION		17
#define NT_FILE_ALL_INFORMATION			18
#define NT_FILE_ALLOCATION_INFORMATION		19
#define NT_FILE_END_OF_FILE_INFORMATION		20
#define NT_FILE_NETWORK_OPEN_INFORMATION	34
#define NT_FILE_ATTRIBUTE_TAG_INFORMATION	35
#define NT_FILE_ID_INFORMATION			59
#define NT_FILE_DISPOSITION_INFORMATION_EX	64
#define NT_FILE_RENAME_INFORMATION_EX		65

/* FILE_DISPOSITION_INFORMATION_EX.Flags */
#define NT_FILE_DISPOSITION_DELETE		0x00000001
#define NT_FILE_DISPOSITION_POSIX_SEMANTICS	0x00000002
#define NT_FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK	0x00000004
#define NT_FILE_DISPOSITION_ON_CLOSE		0x00000008
#define NT_FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE	0x00000010

/* FILE_RENAME_INFORMATION_EX.Flags */
#define NT_FILE_RENAME_REPLACE_IF_EXISTS	0x00000001
#define NT_FILE_RENAME_POSIX_SEMANTICS		0x00000002
#define NT_FILE_RENAME_IGNORE_READONLY_ATTRIBUTE	0x00000040

/* FILE_BASIC_INFORMATION */
struct nt_file_basic_information {
	__s64 creation_time;
	__s64 last_access_time;
	__s64 last_write_time;
	__s64 change_time;
	__u32 file_attributes;
	__u32 pad;
};

/* FILE_STANDARD_INFORMATION */
struct nt_file_standard_information {
	__s64 allocation_size;
	__s64 end_of_file;
	__u32 number_of_links;
	__u8 delete_pending;
	__u8 directory;
	__u8 pad[2];
};

/* FILE_NAME_INFORMATION (FileName follows at 0x04) */
struct nt_file_name_information {
	__u32 file_name_length;			/* bytes */
	__u16 file_name[2];
};

/*
 * FILE_ALL_INFORMATION: Basic, Standard, Internal (IndexNumber), Ea
 * (EaSize), Access (AccessFlags), Position (CurrentByteOffset), Mode,
 * Alignment (AlignmentRequirement), Name (its FileName at 0x64).
 */
struct nt_file_all_information {
	struct nt_file_basic_information basic;
	struct nt_file_standard_information standard;
	__s64 index_number;
	__u32 ea_size;
	__u32 access_flags;
	__s64 current_byte_offset;
	__u32 mode;
	__u32 alignment_requirement;
	struct nt_file_name_information name;
};

/* FILE_NETWORK_OPEN_INFORMATION */
struct nt_file_network_open_information {
	__s64 creation_time;
	__s64 last_access_time;
	__s64 last_write_time;
	__s64 change_time;
	__s64 allocation_size;
	__s64 end_of_file;
	__u32 file_attributes;
	__u32 pad;
};

/* FILE_ATTRIBUTE_TAG_INFORMATION */
struct nt_file_attribute_tag_information {
	__u32 file_attributes;
	__u32 reparse_tag;
};

/* FILE_ID_INFORMATION */
struct nt_file_id_information {
	__u64 volume_serial_number;
	__u8 file_id[16];
};

/*
 * FILE_RENAME_INFORMATION and FILE_LINK_INFORMATION (FileName follows at
 * 0x14): ReplaceIfExists is a BOOLEAN in the first byte of the classes
 * without Ex, the ULONG Flags of FileRenameInformationEx.
 */
struct nt_file_rename_information {
	__u32 flags;
	__u32 pad;
	__u64 root_directory;
	__u32 file_name_length;			/* bytes */
	__u16 file_name[2];
};

#endif /* _UAPI_NTPERSONA_NT_H */
