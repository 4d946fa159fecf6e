/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loader.h: the loader's modules (loader.c, imports.c), the DLL mapper
 * (mapper.c), implicit TLS (tls.c) and the process start (start.c): the
 * Windows x64 layouts of PEB->Ldr and its entries, and what the loader's
 * files share.
 */
#ifndef NTDLL_LOADER_H
#define NTDLL_LOADER_H

#include "ntbase.h"
#include "image.h"
#include "sync.h"

/* ---- PEB->Ldr ---- */

typedef struct {
	ULONG Length;
	BOOLEAN Initialized;
	PVOID SsHandle;
	LIST_ENTRY InLoadOrderModuleList;
	LIST_ENTRY InMemoryOrderModuleList;
	LIST_ENTRY InInitializationOrderModuleList;
	PVOID EntryInProgress;
	BOOLEAN ShutdownInProgress;
	HANDLE ShutdownThreadId;
} PEB_LDR_DATA;

_Static_assert(__builtin_offsetof(PEB_LDR_DATA, InLoadOrderModuleList) == 0x10, "PEB_LDR_DATA");
_Static_assert(__builtin_offsetof(PEB_LDR_DATA, InInitializationOrderModuleList) == 0x30,
	       "PEB_LDR_DATA");
_Static_assert(sizeof(PEB_LDR_DATA) == 0x58, "PEB_LDR_DATA");

/* The Windows 10 x64 LDR_DATA_TABLE_ENTRY: the fields we fill, the rest kept as padding. */
typedef struct {
	LIST_ENTRY InLoadOrderLinks;
	LIST_ENTRY InMemoryOrderLinks;
	LIST_ENTRY InInitializationOrderLinks;
	PVOID DllBase;
	PVOID EntryPoint;
	ULONG SizeOfImage;
	UNICODE_STRING FullDllName;
	UNICODE_STRING BaseDllName;
	ULONG Flags;
	USHORT ObsoleteLoadCount;
	USHORT TlsIndex;
	LIST_ENTRY HashLinks;
	ULONG TimeDateStamp;
	BYTE reserved_88[0xf8 - 0x88];
	ULONG_PTR OriginalBase;
	LARGE_INTEGER LoadTime;
	ULONG BaseNameHashValue;
	ULONG LoadReason;
	ULONG ImplicitPathOptions;
	ULONG ReferenceCount;
	ULONG DependentLoadFlags;
	UCHAR SigningLevel;
} LDR_DATA_TABLE_ENTRY;

_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, DllBase) == 0x30, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, FullDllName) == 0x48, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, BaseDllName) == 0x58, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, TlsIndex) == 0x6e, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, HashLinks) == 0x70, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, OriginalBase) == 0xf8, "LDR entry");
_Static_assert(__builtin_offsetof(LDR_DATA_TABLE_ENTRY, ReferenceCount) == 0x114, "LDR entry");
_Static_assert(sizeof(LDR_DATA_TABLE_ENTRY) == 0x120, "LDR entry");

/* LDR_DATA_TABLE_ENTRY.Flags bits */
#define LDRP_IMAGE_DLL			0x00000004
#define LDRP_LOAD_IN_PROGRESS		0x00001000
#define LDRP_ENTRY_PROCESSED		0x00004000
#define LDRP_DONT_CALL_FOR_THREADS	0x00040000
#define LDRP_PROCESS_ATTACH_CALLED	0x00080000

/* LDR_DLL_LOAD_REASON */
#define LoadReasonStaticDependency	0
#define LoadReasonStaticForwarderDependency 1
#define LoadReasonDynamicForwarderDependency 2
#define LoadReasonDynamicLoad		4

/* ---- modules (loader.c) ---- */

struct module {
	LDR_DATA_TABLE_ENTRY e;		/* first: PEB->Ldr lists point here */
	struct image im;
	unsigned int refs;		/* 0 = pinned (loaded at process start) */
	int pinned;
	int linked;			/* imports resolved (or being resolved) */
	int init_state;			/* 0 not yet, 1 running, 2 attached */
	int mapped_by_us;		/* a view we mapped: unmap on unload */
	unsigned int gen;		/* the load operation that brought it */
	struct module **deps;		/* references this module holds */
	unsigned int ndeps, cap_deps;
	int tls_slot;			/* -1: no implicit TLS */
	WCHAR names[];			/* FullDllName, then BaseDllName */
};

#define LDR_MAX_NAME	260		/* a DLL file name, in characters */
#define LDR_MAX_DEPTH	64		/* nested loads, forwarders and initializers */

extern struct ntdll_lock ntdll_ldr_lock;
extern PEB_LDR_DATA ntdll_ldr_data;
extern struct module *ntdll_ldr_exe, *ntdll_ldr_ntdll;
extern int ntdll_ldr_report_errors;	/* at process start: say what failed on stderr */
extern int ntdll_ldr_reported;		/* the innermost failure already said why */
extern unsigned int ntdll_ldr_depth;	/* nested loads now */

struct module *ntdll_ldr_new_module(void *base, const WCHAR *full, SIZE_T full_len);
struct module *ntdll_ldr_find(const WCHAR *name, SIZE_T len);
struct module *ntdll_ldr_find_base(const void *base);
NTSTATUS ntdll_ldr_load(const WCHAR *name, SIZE_T len, const WCHAR *search,
			struct module *importer, ULONG reason, struct module **out);
NTSTATUS ntdll_ldr_init_modules(struct module *root, void *reserved);
NTSTATUS ntdll_ldr_map_system_image(const WCHAR *name, SIZE_T len, void **base);
/* apiset.c: an API set's host DLL in @out (*@out_len 0: not an API set) */
NTSTATUS ntdll_apiset_resolve(const WCHAR *name, SIZE_T len, const UNICODE_STRING *host,
			      WCHAR *out, SIZE_T *out_len);
void ntdll_ldr_poke(struct module *m, void *p, const void *v, SIZE_T n);
void ntdll_ldr_pin_all(void);
void ntdll_ldr_set_dirs(const WCHAR *exe_path, SIZE_T exe_len, const WCHAR *sysdir,
			const UNICODE_STRING *dll_path);
void ntdll_ldr_detach_all(void);

/* the exported loader functions ldrinfo.c builds on */
NTSTATUS NTAPI LdrLoadDll(PWSTR path, PULONG flags, PUNICODE_STRING name, PVOID *base);
NTSTATUS NTAPI LdrGetDllHandle(PWSTR path, PULONG chars, PUNICODE_STRING name, PVOID *base);
NTSTATUS NTAPI LdrGetProcedureAddress(PVOID base, PANSI_STRING name, ULONG ordinal,
				      PVOID *addr);

/* ---- imports and forwarders (imports.c) ---- */

NTSTATUS ntdll_ldr_link(struct module *m);
NTSTATUS ntdll_ldr_resolve(struct module *m, const char *name, WORD hint, WORD ordinal,
			   void **addr, unsigned int depth);

/* ---- a DLL file mapped as an image section (mapper.c) ---- */

NTSTATUS ntdll_map_dll_file(const UNICODE_STRING *nt_path, void **base);
void ntdll_unmap_dll(void *base);

/* ---- the process start and end (start.c) ---- */

void NTAPI RtlExitUserProcess(NTSTATUS status) __attribute__((noreturn));

/* ---- implicit TLS (tls.c) ---- */

void ntdll_tls_init_slots(BYTE *peb);

/* fls.c: FLS; TEB.FlsSlots (x64) holds the thread's values */
#define TEB_FLS_SLOTS		0x17c8
NTSTATUS ntdll_fls_thread_init(void);
void NTAPI RtlProcessFlsData(void *data, ULONG flags);
NTSTATUS ntdll_tls_add_module(struct module *m);
void ntdll_tls_callbacks(struct module *m, DWORD reason);
void ntdll_tls_remove_module(struct module *m);

#endif
