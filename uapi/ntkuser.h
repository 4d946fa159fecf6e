/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * KUSER_SHARED_DATA: the page every NT process sees read-only at
 * 0x7ffe0000, written by the kernel (personality/kuser.c).  The layout is
 * Windows' x64 one (ntddk.h's KUSER_SHARED_DATA, build 19041, as the
 * ReactOS and Wine headers record it), up to the fields after QpcData;
 * every offset is checked at build time (personality/layout.c).  The rest
 * of the page reads as zeros.
 */
#ifndef _UAPI_NTPERSONA_NTKUSER_H
#define _UAPI_NTPERSONA_NTKUSER_H

#include <linux/types.h>

#define NT_KUSER_SHARED_DATA	0x7ffe0000UL
#define NT_KUSER_SIZE		0x1000

/*
 * A 64-bit time user space reads without a lock: the writer stores
 * high2_time, then the quadword low_part + high1_time at once; a reader
 * that reads high1_time, low_part, high2_time and finds the two highs equal
 * has a consistent value (and an x64 reader may read the quadword whole).
 */
struct nt_ksystem_time {
	__u32 low_part;
	__s32 high1_time;
	__s32 high2_time;
};

/* NtProductType */
#define NT_PRODUCT_WIN_NT		1	/* VER_NT_WORKSTATION */
/* NXSupportPolicy, bits 0-1 of MitigationPolicies */
#define NT_NX_SUPPORT_POLICY_ALWAYSOFF	0
#define NT_NX_SUPPORT_POLICY_ALWAYSON	1
#define NT_NX_SUPPORT_POLICY_OPTIN	2
#define NT_NX_SUPPORT_POLICY_OPTOUT	3
/* QpcBypassEnabled */
#define NT_QPC_BYPASS_ENABLED		0x01
#define NT_QPC_BYPASS_USE_HV_PAGE	0x02
#define NT_QPC_BYPASS_USE_MFENCE	0x10
#define NT_QPC_BYPASS_USE_LFENCE	0x20
#define NT_QPC_BYPASS_USE_RDTSCP	0x80

/* ProcessorFeatures[] indexes (winnt.h's PF_*) */
#define NT_PF_COMPARE_EXCHANGE_DOUBLE		2
#define NT_PF_MMX_INSTRUCTIONS_AVAILABLE	3
#define NT_PF_XMMI_INSTRUCTIONS_AVAILABLE	6
#define NT_PF_3DNOW_INSTRUCTIONS_AVAILABLE	7
#define NT_PF_RDTSC_INSTRUCTION_AVAILABLE	8
#define NT_PF_PAE_ENABLED			9
#define NT_PF_XMMI64_INSTRUCTIONS_AVAILABLE	10
#define NT_PF_SSE_DAZ_MODE_AVAILABLE		11
#define NT_PF_NX_ENABLED			12
#define NT_PF_SSE3_INSTRUCTIONS_AVAILABLE	13
#define NT_PF_COMPARE_EXCHANGE128		14
#define NT_PF_XSAVE_ENABLED			17
#define NT_PF_SECOND_LEVEL_ADDRESS_TRANSLATION	20
#define NT_PF_RDWRFSGSBASE_AVAILABLE		22
#define NT_PF_FASTFAIL_AVAILABLE		23
#define NT_PF_RDRAND_INSTRUCTION_AVAILABLE	28
#define NT_PF_RDTSCP_INSTRUCTION_AVAILABLE	32
#define NT_PF_RDPID_INSTRUCTION_AVAILABLE	33
#define NT_PF_MONITORX_INSTRUCTION_AVAILABLE	35
#define NT_PF_SSSE3_INSTRUCTIONS_AVAILABLE	36
#define NT_PF_SSE4_1_INSTRUCTIONS_AVAILABLE	37
#define NT_PF_SSE4_2_INSTRUCTIONS_AVAILABLE	38
#define NT_PF_AVX_INSTRUCTIONS_AVAILABLE	39
#define NT_PF_AVX2_INSTRUCTIONS_AVAILABLE	40
#define NT_PF_AVX512F_INSTRUCTIONS_AVAILABLE	41
#define NT_PROCESSOR_FEATURE_MAX		64

struct nt_kuser_shared_data {
	__u32 tick_count_low_deprecated;		/* 0x000 */
	__u32 tick_count_multiplier;			/* 0x004 */
	struct nt_ksystem_time interrupt_time;		/* 0x008: 100 ns since boot */
	struct nt_ksystem_time system_time;		/* 0x014: 100 ns since 1601, UTC */
	struct nt_ksystem_time time_zone_bias;		/* 0x020: UTC - local, 100 ns */
	__u16 image_number_low;				/* 0x02c */
	__u16 image_number_high;			/* 0x02e */
	__u16 nt_system_root[260];			/* 0x030 */
	__u32 max_stack_trace_depth;			/* 0x238 */
	__u32 crypto_exponent;				/* 0x23c */
	__u32 time_zone_id;				/* 0x240 */
	__u32 large_page_minimum;			/* 0x244 */
	__u32 ait_sampling_value;			/* 0x248 */
	__u32 app_compat_flag;				/* 0x24c */
	__u64 rng_seed_version;				/* 0x250 */
	__u32 global_validation_runlevel;		/* 0x258 */
	__s32 time_zone_bias_stamp;			/* 0x25c */
	__u32 nt_build_number;				/* 0x260 */
	__u32 nt_product_type;				/* 0x264 */
	__u8 product_type_is_valid;			/* 0x268 */
	__u8 reserved0;					/* 0x269 */
	__u16 native_processor_architecture;		/* 0x26a */
	__u32 nt_major_version;				/* 0x26c */
	__u32 nt_minor_version;				/* 0x270 */
	__u8 processor_features[NT_PROCESSOR_FEATURE_MAX]; /* 0x274 */
	__u32 maximum_user_mode_address_deprecated;	/* 0x2b4 */
	__u32 system_range_start_deprecated;		/* 0x2b8 */
	__u32 time_slip;				/* 0x2bc */
	__u32 alternative_architecture;			/* 0x2c0 */
	__u32 boot_id;					/* 0x2c4 */
	__u32 system_expiration_date[2];		/* 0x2c8: LARGE_INTEGER */
	__u32 suite_mask;				/* 0x2d0 */
	__u8 kd_debugger_enabled;			/* 0x2d4 */
	__u8 mitigation_policies;			/* 0x2d5: NXSupportPolicy in bits 0-1 */
	__u16 cycles_per_yield;				/* 0x2d6 */
	__u32 active_console_id;			/* 0x2d8 */
	__u32 dismount_count;				/* 0x2dc */
	__u32 com_plus_package;				/* 0x2e0 */
	__u32 last_system_rit_event_tick_count;		/* 0x2e4 */
	__u32 number_of_physical_pages;			/* 0x2e8 */
	__u8 safe_boot_mode;				/* 0x2ec */
	__u8 virtualization_flags;			/* 0x2ed */
	__u8 reserved12[2];				/* 0x2ee */
	__u32 shared_data_flags;			/* 0x2f0 */
	__u32 data_flags_pad;				/* 0x2f4 */
	__u64 test_ret_instruction;			/* 0x2f8 */
	__s64 qpc_frequency;				/* 0x300 */
	__u32 system_call;				/* 0x308 */
	__u32 reserved2;				/* 0x30c */
	__u64 full_number_of_physical_pages;		/* 0x310 */
	__u64 system_call_pad;				/* 0x318 */
	struct nt_ksystem_time tick_count;		/* 0x320: see tick_count_multiplier */
	__u32 tick_count_pad;				/* 0x32c */
	__u32 cookie;					/* 0x330 */
	__u32 cookie_pad;				/* 0x334 */
	__s64 console_session_foreground_process_id;	/* 0x338 */
	__u64 time_update_lock;				/* 0x340 */
	__u64 baseline_system_time_qpc;			/* 0x348 */
	__u64 baseline_interrupt_time_qpc;		/* 0x350 */
	__u64 qpc_system_time_increment;		/* 0x358 */
	__u64 qpc_interrupt_time_increment;		/* 0x360 */
	__u8 qpc_system_time_increment_shift;		/* 0x368 */
	__u8 qpc_interrupt_time_increment_shift;	/* 0x369 */
	__u16 unparked_processor_count;			/* 0x36a */
	__u32 enclave_feature_mask[4];			/* 0x36c */
	__u32 telemetry_coverage_round;			/* 0x37c */
	__u16 user_mode_global_logger[16];		/* 0x380 */
	__u32 image_file_execution_options;		/* 0x3a0 */
	__u32 lang_generation_count;			/* 0x3a4 */
	__u64 reserved4;				/* 0x3a8 */
	__u64 interrupt_time_bias;			/* 0x3b0 */
	__u64 qpc_bias;					/* 0x3b8 */
	__u32 active_processor_count;			/* 0x3c0 */
	__u8 active_group_count;			/* 0x3c4 */
	__u8 reserved9;					/* 0x3c5 */
	__u8 qpc_bypass_enabled;			/* 0x3c6 */
	__u8 qpc_shift;					/* 0x3c7 */
	__u64 time_zone_bias_effective_start;		/* 0x3c8 */
	__u64 time_zone_bias_effective_end;		/* 0x3d0 */
	__u8 rest[NT_KUSER_SIZE - 0x3d8];		/* 0x3d8: XState and later, zero */
};

#endif /* _UAPI_NTPERSONA_NTKUSER_H */
