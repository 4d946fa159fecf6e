/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdllrt.h: for the PE test programs and DLLs that import ntdll.dll (ours
 * in the guest; Wine's runs them too): the loader, heap and Rtl functions
 * they call, on top of ntrt.h.  The system calls of ntrt.h come from
 * ntdll.dll's exports as well (linked with its import library).
 */
#ifndef NTDLLRT_H
#define NTDLLRT_H

#include "ntrt.h"

typedef struct {
	USHORT Length;
	USHORT MaximumLength;
	char *Buffer;
} ANSI_STRING;

typedef struct LIST_ENTRY {
	struct LIST_ENTRY *Flink, *Blink;
} LIST_ENTRY;

#define HEAP_GROWABLE			0x00000002
#define HEAP_ZERO_MEMORY		0x00000008
#define DLL_PROCESS_DETACH		0
#define DLL_PROCESS_ATTACH		1

/* offsets of the x64 PEB_LDR_DATA and LDR_DATA_TABLE_ENTRY (TODO(uapi): with the PEB's) */
#define PEB_LDR				0x18
#define PEB_PROCESS_HEAP		0x30
#define LDR_IN_LOAD_ORDER		0x10
#define LDR_IN_MEMORY_ORDER		0x20
#define LDR_IN_INIT_ORDER		0x30
#define ENTRY_DLL_BASE			0x30	/* from the entry's InLoadOrderLinks */
#define ENTRY_BASE_DLL_NAME		0x58

NTSTATUS LdrLoadDll(WCHAR *path, ULONG *flags, UNICODE_STRING *name, void **base);
NTSTATUS LdrGetDllHandle(WCHAR *path, ULONG *flags, UNICODE_STRING *name, void **base);
NTSTATUS LdrGetProcedureAddress(void *base, ANSI_STRING *name, ULONG ordinal, void **addr);
NTSTATUS LdrUnloadDll(void *base);
NTSTATUS LdrAddRefDll(ULONG flags, void *base);
NTSTATUS LdrGetDllHandleEx(ULONG flags, WCHAR *path, ULONG *chars, UNICODE_STRING *name,
			   void **base);
NTSTATUS LdrGetDllFullName(void *base, UNICODE_STRING *name);
NTSTATUS LdrDisableThreadCalloutsForDll(void *base);
NTSTATUS LdrFindEntryForAddress(void *addr, void **entry);
void *RtlPcToFileHeader(void *pc, void **base);
void *RtlImageNtHeader(void *base);
void *RtlImageDirectoryEntryToData(void *base, BOOLEAN image, USHORT dir, ULONG *size);
void *LdrResolveDelayLoadedAPI(void *base, const void *desc, void *dll_hook, void *sys_hook,
			       ULONG_PTR *slot, ULONG flags);
void *RtlCreateHeap(ULONG flags, void *base, ULONG_PTR reserve, ULONG_PTR commit, void *lock,
		    void *params);
void *RtlDestroyHeap(void *heap);
void *RtlAllocateHeap(void *heap, ULONG flags, ULONG_PTR size);
BOOLEAN RtlFreeHeap(void *heap, ULONG flags, void *p);
void *RtlReAllocateHeap(void *heap, ULONG flags, void *p, ULONG_PTR size);
ULONG_PTR RtlSizeHeap(void *heap, ULONG flags, void *p);
void RtlInitUnicodeString(UNICODE_STRING *dst, const WCHAR *src);
void RtlInitAnsiString(ANSI_STRING *dst, const char *src);
void RtlCopyUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src);
BOOLEAN RtlEqualUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ci);
int RtlCompareUnicodeString(const UNICODE_STRING *a, const UNICODE_STRING *b, BOOLEAN ci);
NTSTATUS RtlAppendUnicodeToString(UNICODE_STRING *dst, const WCHAR *src);
NTSTATUS RtlAppendUnicodeStringToString(UNICODE_STRING *dst, const UNICODE_STRING *src);
void RtlFreeUnicodeString(UNICODE_STRING *s);
void RtlFreeAnsiString(ANSI_STRING *s);
NTSTATUS RtlAnsiStringToUnicodeString(UNICODE_STRING *dst, const ANSI_STRING *src,
				      BOOLEAN alloc);
NTSTATUS RtlUnicodeStringToAnsiString(ANSI_STRING *dst, const UNICODE_STRING *src,
				      BOOLEAN alloc);
NTSTATUS NtAllocateVirtualMemory(HANDLE process, void **base, ULONG_PTR zero_bits,
				 ULONG_PTR *size, ULONG type, ULONG protect);
NTSTATUS NtFreeVirtualMemory(HANDLE process, void **base, ULONG_PTR *size, ULONG type);

static inline void *process_heap(void)
{
	return *(void **)(nt_peb() + PEB_PROCESS_HEAP);
}

/* ---- checks: a failed one says so on stderr and counts ---- */

static int nt_failures;

#define CHECK(prog, cond) do {						\
	if (!(cond)) {							\
		HANDLE e_ = nt_stderr();				\
		nt_puts(e_, prog ": check failed: " #cond " (line ");	\
		nt_put_udec(e_, __LINE__);				\
		nt_puts(e_, ")\n");					\
		nt_failures++;						\
	}								\
} while (0)

/* end of a test program: a summary line, status = number of failed checks */
NTRT_FN int nt_done(const char *prog)
{
	HANDLE o = nt_failures ? nt_stderr() : nt_stdout();

	nt_puts(o, prog);
	nt_puts(o, nt_failures ? ": FAILED\n" : ": all checks passed\n");
	return nt_failures;
}

static inline int nt_wcseq(const WCHAR *a, const char *b)
{
	while (*a && *a == (WCHAR)*b) {
		a++;
		b++;
	}
	return *a == (WCHAR)*b;
}

/* does the UNICODE_STRING @u equal ASCII @s, ignoring ASCII case */
static inline int nt_us_ieq(const UNICODE_STRING *u, const char *s)
{
	unsigned int i, n = u->Length / 2;

	for (i = 0; i < n && s[i]; i++) {
		WCHAR a = u->Buffer[i], b = (WCHAR)s[i];

		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return i == n && !s[i];
}


/* ---- environment, process parameters, paths, DLL directories (envtest, pathtest) ---- */

NTSTATUS RtlCreateEnvironment(BOOLEAN clone, WCHAR **env);
NTSTATUS RtlDestroyEnvironment(WCHAR *env);
NTSTATUS RtlSetCurrentEnvironment(WCHAR *env, WCHAR **old);
NTSTATUS RtlSetEnvironmentVariable(WCHAR **env, UNICODE_STRING *name, UNICODE_STRING *value);
NTSTATUS RtlQueryEnvironmentVariable_U(WCHAR *env, UNICODE_STRING *name, UNICODE_STRING *value);
NTSTATUS RtlExpandEnvironmentStrings_U(WCHAR *env, UNICODE_STRING *src, UNICODE_STRING *dst,
				       ULONG *len);
NTSTATUS RtlCreateProcessParametersEx(void **params, UNICODE_STRING *image, UNICODE_STRING *dll_path,
				      UNICODE_STRING *cur_dir, UNICODE_STRING *cmd_line, WCHAR *env,
				      UNICODE_STRING *title, UNICODE_STRING *desktop,
				      UNICODE_STRING *shell, UNICODE_STRING *runtime, ULONG flags);
void RtlDestroyProcessParameters(void *params);
void *RtlNormalizeProcessParams(void *params);
ULONG_PTR RtlSizeHeap(void *heap, ULONG flags, void *p);
ULONG RtlDetermineDosPathNameType_U(const WCHAR *path);
ULONG RtlIsDosDeviceName_U(const WCHAR *name);
ULONG RtlGetFullPathName_U(const WCHAR *name, ULONG size, WCHAR *buffer, WCHAR **file_part);
BOOLEAN RtlDosPathNameToNtPathName_U(const WCHAR *dos, UNICODE_STRING *nt, WCHAR **file_part,
				     void *relative);
NTSTATUS RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR *dos, UNICODE_STRING *nt,
						 WCHAR **file_part, void *relative);
ULONG RtlGetCurrentDirectory_U(ULONG size, WCHAR *buffer);
NTSTATUS RtlSetCurrentDirectory_U(UNICODE_STRING *dir);
BOOLEAN RtlDoesFileExists_U(const WCHAR *name);
ULONG RtlDosSearchPath_U(const WCHAR *path, const WCHAR *name, const WCHAR *ext, ULONG size,
			 WCHAR *buffer, WCHAR **file_part);
NTSTATUS RtlGetSearchPath(WCHAR **path);
NTSTATUS RtlGetExePath(const WCHAR *name, WCHAR **path);
void RtlReleasePath(WCHAR *path);
NTSTATUS RtlSetSearchPathMode(ULONG flags);
NTSTATUS LdrSetDllDirectory(UNICODE_STRING *dir);
NTSTATUS LdrGetDllDirectory(UNICODE_STRING *dir);
NTSTATUS LdrAddDllDirectory(UNICODE_STRING *dir, void **cookie);
NTSTATUS LdrRemoveDllDirectory(void *cookie);
NTSTATUS LdrSetDefaultDllDirectories(ULONG flags);
NTSTATUS LdrGetDllPath(const WCHAR *module, ULONG flags, WCHAR **path, WCHAR **unknown);

/* running under Wine's ntdll (the host's second opinion)? */
NTRT_FN int nt_on_wine(void)
{
	UNICODE_STRING n = { 18, 20, (WCHAR *)L"ntdll.dll" };
	ANSI_STRING f = { 16, 17, (char *)"wine_get_version" };
	void *base = 0, *fn = 0;

	if (LdrGetDllHandle(0, 0, &n, &base))
		return 0;
	return !LdrGetProcedureAddress(base, &f, 0, &fn) && fn;
}

#endif
