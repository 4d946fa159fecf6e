/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The Windows x64 process and thread environment blocks, as far as
 * ntpersona fills or reads them: the kernel builds them at exec
 * (personality/exec.c), our ntdll.dll reads them.  Only the leading fields
 * are declared; what lies between is reserved space of the right size.
 * Every offset is checked against Windows' own at build time
 * (personality/layout.c); the blocks are mapped by the kernel with room for
 * the whole of Windows' structures (NT_PEB_BLOCK_SIZE, NT_TEB_BLOCK_SIZE).
 */
#ifndef _UAPI_NTPERSONA_NTPEB_H
#define _UAPI_NTPERSONA_NTPEB_H

#include <linux/types.h>

#include "nt.h"

#define NT_PEB_BLOCK_SIZE	0x1000	/* what the kernel maps for the PEB */
#define NT_TEB_BLOCK_SIZE	0x2000	/* and for a TEB */

/* PEB (the fields up to ImageSubsystem) */
struct nt_peb {
	__u8 reserved0[0x10];
	__u64 image_base_address;		/* 0x010 */
	__u64 ldr;				/* 0x018: PEB_LDR_DATA * */
	__u64 process_parameters;		/* 0x020 */
	__u64 sub_system_data;			/* 0x028 */
	__u64 process_heap;			/* 0x030 */
	__u8 reserved1[0xa0 - 0x38];
	__u64 ansi_code_page_data;		/* 0x0a0: c_1252.nls's view */
	__u64 oem_code_page_data;		/* 0x0a8: c_437.nls's */
	__u64 unicode_case_table_data;		/* 0x0b0: l_intl.nls's */
	__u32 number_of_processors;		/* 0x0b8 */
	__u32 nt_global_flag;			/* 0x0bc */
	__u8 reserved2[0x118 - 0xc0];
	__u32 os_major_version;			/* 0x118 */
	__u32 os_minor_version;			/* 0x11c */
	__u16 os_build_number;			/* 0x120 */
	__u16 os_csd_version;			/* 0x122 */
	__u32 os_platform_id;			/* 0x124: VER_PLATFORM_WIN32_NT */
	__u32 image_subsystem;			/* 0x128 */
	__u32 image_subsystem_major_version;	/* 0x12c */
};

/* TEB (NT_TIB, then the fields up to ThreadLocalStoragePointer and the PEB) */
struct nt_teb {
	__u64 exception_list;			/* 0x000 */
	__u64 stack_base;			/* 0x008 */
	__u64 stack_limit;			/* 0x010 */
	__u64 sub_system_tib;			/* 0x018 */
	__u64 fiber_data;			/* 0x020 */
	__u64 arbitrary_user_pointer;		/* 0x028 */
	__u64 self;				/* 0x030 */
	__u64 environment_pointer;		/* 0x038 */
	struct nt_client_id client_id;		/* 0x040 */
	__u64 active_rpc_handle;		/* 0x050 */
	__u64 thread_local_storage_pointer;	/* 0x058 */
	__u64 process_environment_block;	/* 0x060 */
	__u32 last_error_value;			/* 0x068 */
	__u8 reserved0[0x108 - 0x06c];
	__u32 current_locale;			/* 0x108: LCID */
	__u8 reserved1[0x1250 - 0x10c];
	__u32 last_status_value;		/* 0x1250 */
	__u32 pad;
	struct nt_unicode_string static_unicode_string;	/* 0x1258 */
	__u16 static_unicode_buffer[261];	/* 0x1268 */
	__u8 reserved2[0x1478 - 0x1472];
	__u64 deallocation_stack;		/* 0x1478: the stack reservation's base */
};

#define NT_TEB_STATIC_UNICODE_CHARS	261	/* MAX_PATH + 1 */

/* RTL_USER_PROCESS_PARAMETERS (0x440 bytes on Windows 10 2004 and later) */
struct nt_rtl_user_process_parameters {
	__u32 maximum_length;			/* 0x000 */
	__u32 length;				/* 0x004 */
	__u32 flags;				/* 0x008: NT_PP_NORMALIZED */
	__u32 debug_flags;			/* 0x00c */
	__u64 console_handle;			/* 0x010 */
	__u32 console_flags;			/* 0x018 */
	__u32 pad;
	__u64 standard_input;			/* 0x020 */
	__u64 standard_output;			/* 0x028 */
	__u64 standard_error;			/* 0x030 */
	struct nt_unicode_string current_directory_path;	/* 0x038 (CURDIR.DosPath) */
	__u64 current_directory_handle;		/* 0x048 */
	struct nt_unicode_string dll_path;	/* 0x050 */
	struct nt_unicode_string image_path_name;	/* 0x060 */
	struct nt_unicode_string command_line;	/* 0x070 */
	__u64 environment;			/* 0x080 */
	__u8 reserved0[0x3f0 - 0x88];
	__u64 environment_size;			/* 0x3f0 */
	__u8 reserved1[0x440 - 0x3f8];
};

#define NT_PP_NORMALIZED	0x1	/* pointers are addresses, not offsets */

#endif /* _UAPI_NTPERSONA_NTPEB_H */
