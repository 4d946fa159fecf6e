/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdll.h: the types, structure layouts and internal interfaces of our
 * ntdll.dll.  PE image structures come from mingw-w64's winnt.h; the NT
 * structures below are written from the documented x64 layouts (offsets
 * checked with static asserts), not copied from any header.
 */
#ifndef NTDLL_H
#define NTDLL_H

#define WIN32_NO_STATUS		/* the STATUS_ codes are ours, as NTSTATUS */
#include <windef.h>
#include <winnt.h>

typedef LONG NTSTATUS;
typedef unsigned short WCHAR16;

#define NT_SUCCESS(s)			((NTSTATUS)(s) >= 0)
#define STATUS_SUCCESS			((NTSTATUS)0x00000000)
#define STATUS_PENDING			((NTSTATUS)0x00000103)
#define STATUS_IMAGE_NOT_AT_BASE	((NTSTATUS)0x40000003)
#define STATUS_BUFFER_OVERFLOW		((NTSTATUS)0x80000005)
#define STATUS_UNSUCCESSFUL		((NTSTATUS)0xC0000001)
#define STATUS_NOT_IMPLEMENTED		((NTSTATUS)0xC0000002)
#define STATUS_INVALID_PARAMETER	((NTSTATUS)0xC000000D)
#define STATUS_END_OF_FILE		((NTSTATUS)0xC0000011)
#define STATUS_NO_MEMORY		((NTSTATUS)0xC0000017)
#define STATUS_CONFLICTING_ADDRESSES	((NTSTATUS)0xC0000018)
#define STATUS_BUFFER_TOO_SMALL		((NTSTATUS)0xC0000023)
#define STATUS_OBJECT_NAME_INVALID	((NTSTATUS)0xC0000033)
#define STATUS_OBJECT_NAME_NOT_FOUND	((NTSTATUS)0xC0000034)
#define STATUS_INVALID_PARAMETER_2	((NTSTATUS)0xC00000F0)
#define STATUS_PROCEDURE_NOT_FOUND	((NTSTATUS)0xC000007A)
#define STATUS_INVALID_IMAGE_FORMAT	((NTSTATUS)0xC000007B)
#define STATUS_DLL_NOT_FOUND		((NTSTATUS)0xC0000135)
#define STATUS_ORDINAL_NOT_FOUND	((NTSTATUS)0xC0000138)
#define STATUS_ENTRYPOINT_NOT_FOUND	((NTSTATUS)0xC0000139)
#define STATUS_DLL_INIT_FAILED		((NTSTATUS)0xC0000142)
#define STATUS_INTERNAL_ERROR		((NTSTATUS)0xC00000E5)

#define NtCurrentProcess()		((HANDLE)(LONG_PTR)-1)

/* ---- strings ---- */

typedef struct {
	USHORT Length;			/* bytes, without a terminating NUL */
	USHORT MaximumLength;
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;

typedef struct {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} ANSI_STRING, *PANSI_STRING;

/* ---- I/O ---- */

typedef struct {
	union {
		NTSTATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef void (NTAPI *PIO_APC_ROUTINE)(PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock,
				       ULONG Reserved);

typedef struct {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES;

typedef struct {
	LARGE_INTEGER AllocationSize;
	LARGE_INTEGER EndOfFile;
	ULONG NumberOfLinks;
	BOOLEAN DeletePending;
	BOOLEAN Directory;
} FILE_STANDARD_INFORMATION;

#define FileStandardInformation		5
#define FILE_SHARE_READ_			0x00000001
#define FILE_READ_DATA_			0x00000001
#define SYNCHRONIZE_			0x00100000
#define FILE_SYNCHRONOUS_IO_NONALERT	0x00000020
#define FILE_NON_DIRECTORY_FILE		0x00000040

/* ---- PEB, TEB, process parameters (x64 offsets) ---- */

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
#define LDRP_PROCESS_ATTACH_CALLED	0x00080000

/* LDR_DLL_LOAD_REASON */
#define LoadReasonStaticDependency	0
#define LoadReasonStaticForwarderDependency 1
#define LoadReasonDynamicForwarderDependency 2
#define LoadReasonDynamicLoad		4

#define PEB_LDR				0x018
#define PEB_IMAGE_BASE			0x010
#define PEB_PROCESS_PARAMETERS		0x020
#define PEB_PROCESS_HEAP		0x030
#define TEB_CLIENT_ID_THREAD		0x048
#define TEB_TLS_POINTER			0x058
#define TEB_PEB				0x060
#define PP_STD_ERROR			0x030
#define PP_IMAGE_PATH			0x060

typedef struct _PEB PEB;		/* opaque: reached through the offsets above */

static inline BYTE *nt_teb(void)
{
	BYTE *teb;

	__asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
	return teb;
}

static inline BYTE *nt_peb(void)
{
	BYTE *peb;

	__asm__ volatile("mov %%gs:0x60, %0" : "=r"(peb));
	return peb;
}

#define NT_FIELD(base, off, type)	(*(type *)((BYTE *)(base) + (off)))

/* ---- system services (generated stubs, syscalls/gentbl.awk out=stubs) ---- */

NTSTATUS NTAPI NtWriteFile(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK,
			   const void *, ULONG, PLARGE_INTEGER, PULONG);
NTSTATUS NTAPI NtReadFile(HANDLE, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK, PVOID,
			  ULONG, PLARGE_INTEGER, PULONG);
NTSTATUS NTAPI NtOpenFile(PHANDLE, ACCESS_MASK, OBJECT_ATTRIBUTES *, PIO_STATUS_BLOCK, ULONG,
			  ULONG);
NTSTATUS NTAPI NtQueryInformationFile(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, ULONG);
NTSTATUS NTAPI NtClose(HANDLE);
NTSTATUS NTAPI NtWaitForSingleObject(HANDLE, BOOLEAN, PLARGE_INTEGER);
NTSTATUS NTAPI NtAllocateVirtualMemory(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
NTSTATUS NTAPI NtFreeVirtualMemory(HANDLE, PVOID *, PSIZE_T, ULONG);
NTSTATUS NTAPI NtProtectVirtualMemory(HANDLE, PVOID *, PSIZE_T, ULONG, PULONG);
NTSTATUS NTAPI NtTerminateProcess(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtYieldExecution(void);

/* ---- exported run-time functions used inside ntdll ---- */

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t wcslen(const WCHAR *s);
int strcmp(const char *a, const char *b);

void NTAPI RtlInitUnicodeString(PUNICODE_STRING dst, PCWSTR src);
void NTAPI RtlInitAnsiString(PANSI_STRING dst, PCSTR src);
BOOLEAN NTAPI RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b,
				    BOOLEAN case_insensitive);
WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR c);
PVOID NTAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size);
BOOLEAN NTAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID p);
PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock,
			  PVOID params);
PVOID NTAPI RtlGetProcessHeap(void);
void *heap_create_process_heap(void);
void NTAPI RtlExitUserProcess(NTSTATUS status) __attribute__((noreturn));

/* ---- a lock for threads: interlocked ops, NtYieldExecution while busy ---- */

struct nt_lock {
	volatile LONG word;		/* 0 free, 1 held */
	volatile DWORD owner;		/* thread id of the holder (recursive locks) */
	unsigned int depth;
};

static inline DWORD nt_thread_id(void)
{
	return (DWORD)NT_FIELD(nt_teb(), TEB_CLIENT_ID_THREAD, ULONG_PTR);
}

static inline void nt_lock(struct nt_lock *l)
{
	while (__atomic_exchange_n(&l->word, 1, __ATOMIC_ACQUIRE))
		NtYieldExecution();
}

static inline void nt_unlock(struct nt_lock *l)
{
	__atomic_store_n(&l->word, 0, __ATOMIC_RELEASE);
}

/* recursive: DllMain may call LdrLoadDll while the loader holds the lock */
static inline void nt_lock_rec(struct nt_lock *l)
{
	DWORD me = nt_thread_id();

	if (l->word && l->owner == me) {
		l->depth++;
		return;
	}
	nt_lock(l);
	l->owner = me;
	l->depth = 1;
}

static inline void nt_unlock_rec(struct nt_lock *l)
{
	if (--l->depth)
		return;
	l->owner = 0;
	nt_unlock(l);
}

/* ---- report.c: one line on StandardError ---- */

void nt_report(const char *fmt, ...);
/* a stub of ntdll.spec was called: one fixme line, the first time */
void ntdll_stub_called(int *said, const char *name);

/* ---- image.c: a mapped PE32+ image, every RVA bounds-checked ---- */

struct image {
	BYTE *base;
	SIZE_T size;			/* SizeOfImage */
	IMAGE_NT_HEADERS64 *nt;
};

IMAGE_NT_HEADERS64 *image_headers(const void *buf, SIZE_T len, int mapped);
int image_sections_ok(const IMAGE_NT_HEADERS64 *nt, ULONGLONG file_size);
NTSTATUS image_from_memory(struct image *im, void *base);
void *image_rva(const struct image *im, ULONG rva, SIZE_T len);
const char *image_str(const struct image *im, ULONG rva);
IMAGE_DATA_DIRECTORY *image_dir(const struct image *im, unsigned int which);
IMAGE_DATA_DIRECTORY *image_dir_checked(const struct image *im, unsigned int which, int *bad);
NTSTATUS image_relocate(const struct image *im, ULONG_PTR old_base);
NTSTATUS image_protect(const struct image *im);
/* an export: by @name (with @hint) when @name, else by @ordinal; forwarders in *@fwd */
NTSTATUS image_export(const struct image *im, const char *name, WORD hint, WORD ordinal,
		      void **addr, const char **fwd);

/* ---- file.c: a DLL file mapped as an image with the memory services ---- */

NTSTATUS file_map_image(const UNICODE_STRING *nt_path, void **base);
NTSTATUS vm_alloc(void **base, SIZE_T size, ULONG prot);
void vm_free(void *base);
NTSTATUS vm_protect(void *addr, SIZE_T size, ULONG prot, ULONG *old);

/* ---- ldr.c, tls.c, start.c: modules ---- */

struct module {
	LDR_DATA_TABLE_ENTRY e;		/* first: PEB->Ldr lists point here */
	struct image im;
	unsigned int refs;		/* 0 = pinned (loaded at process start) */
	int pinned;
	int linked;			/* imports resolved (or being resolved) */
	int init_state;			/* 0 not yet, 1 running, 2 attached */
	int mapped_by_us;		/* unmap on unload */
	unsigned int gen;		/* the load operation that brought it */
	struct module **deps;		/* references this module holds */
	unsigned int ndeps, cap_deps;
	int tls_slot;			/* -1: no implicit TLS */
	WCHAR names[];			/* FullDllName, then BaseDllName */
};

extern struct nt_lock ldr_lock;
extern PEB_LDR_DATA ldr_data;
extern struct module *ldr_exe, *ldr_ntdll;
extern int ldr_report_errors;		/* at process start: say what failed on stderr */

struct module *ldr_new_module(void *base, const WCHAR *full, SIZE_T full_len);
NTSTATUS ldr_link(struct module *m);
NTSTATUS ldr_load(const WCHAR *name, SIZE_T len, const WCHAR *search, struct module *importer,
		  ULONG reason, struct module **out);
NTSTATUS ldr_init_modules(struct module *root, void *reserved);
void ldr_poke(struct module *m, void *p, const void *v, SIZE_T n);
void ldr_pin_all(void);
void ldr_set_dirs(const WCHAR *exe_path, SIZE_T exe_len, const WCHAR *sysdir);
void ldr_detach_all(void);

NTSTATUS tls_add_module(struct module *m);
void tls_callbacks(struct module *m, DWORD reason);
void tls_remove_module(struct module *m);

#endif
