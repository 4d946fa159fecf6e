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
NTSTATUS RtlFormatMessage(const WCHAR *msg, ULONG width, BOOLEAN ignore_inserts, BOOLEAN ansi,
			  BOOLEAN is_array, __builtin_va_list *args, WCHAR *buf, ULONG size,
			  ULONG *ret_len);
NTSTATUS ApiSetQueryApiSetPresence(const UNICODE_STRING *ns, BOOLEAN *present);
NTSTATUS ApiSetQueryApiSetPresenceEx(const UNICODE_STRING *ns, BOOLEAN *in_schema,
				     BOOLEAN *present);
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
int _vsnprintf(char *buf, ULONG_PTR count, const char *fmt, __builtin_va_list ap);
int _vsnwprintf(WCHAR *buf, ULONG_PTR count, const WCHAR *fmt, __builtin_va_list ap);
NTSTATUS RtlInitUnicodeStringEx(UNICODE_STRING *dst, const WCHAR *src);
BOOLEAN RtlCreateUnicodeString(UNICODE_STRING *dst, const WCHAR *src);
BOOLEAN RtlCreateUnicodeStringFromAsciiz(UNICODE_STRING *dst, const char *src);
NTSTATUS RtlDuplicateUnicodeString(ULONG flags, const UNICODE_STRING *src, UNICODE_STRING *dst);
NTSTATUS RtlUpcaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN alloc);
int RtlCompareUnicodeStrings(const WCHAR *s1, ULONG_PTR n1, const WCHAR *s2, ULONG_PTR n2,
			     BOOLEAN ci);
BOOLEAN RtlIsNameLegalDOS8Dot3(const UNICODE_STRING *name, ANSI_STRING *oem, BOOLEAN *spaces);
NTSTATUS RtlCharToInteger(const char *str, ULONG base, ULONG *value);
NTSTATUS RtlUnicodeStringToInteger(const UNICODE_STRING *str, ULONG base, ULONG *value);
NTSTATUS RtlGUIDFromString(const UNICODE_STRING *str, void *guid);
ULONG RtlUniform(ULONG *seed);
BOOLEAN RtlIsTextUnicode(const void *buf, int len, int *flags);
NTSTATUS RtlIpv4StringToAddressA(const char *str, BOOLEAN strict, const char **term,
				 unsigned char *addr);
NTSTATUS RtlIpv4StringToAddressExA(const char *str, BOOLEAN strict, unsigned char *addr,
				   USHORT *port);
NTSTATUS RtlIpv4AddressToStringExA(const unsigned char *addr, USHORT port, char *str,
				   ULONG *size);
NTSTATUS RtlIpv6StringToAddressA(const char *str, const char **term, unsigned char *addr);
NTSTATUS RtlIpv6StringToAddressExA(const char *str, unsigned char *addr, ULONG *scope,
				   USHORT *port);
NTSTATUS RtlIpv6AddressToStringExA(const unsigned char *addr, ULONG scope, USHORT port,
				   char *str, ULONG *size);

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

/* ---- errors, version, counters and time (errtest, timetest) ---- */

typedef struct {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
	USHORT wServicePackMajor;	/* RTL_OSVERSIONINFOEXW only, from here */
	USHORT wServicePackMinor;
	USHORT wSuiteMask;
	unsigned char wProductType;
	unsigned char wReserved;
} RTL_OSVERSIONINFOEXW;

typedef struct {
	USHORT Group;
	unsigned char Number;
	unsigned char Reserved;
} PROCESSOR_NUMBER;

typedef struct {
	short Year, Month, Day, Hour, Minute, Second, Milliseconds, Weekday;
} TIME_FIELDS;

typedef struct {
	int Bias;
	WCHAR StandardName[32];
	TIME_FIELDS StandardDate;
	int StandardBias;
	WCHAR DaylightName[32];
	TIME_FIELDS DaylightDate;
	int DaylightBias;
} RTL_TIME_ZONE_INFORMATION;

typedef struct {
	RTL_TIME_ZONE_INFORMATION tzi;
	WCHAR TimeZoneKeyName[128];
	BOOLEAN DynamicDaylightTimeDisabled;
} RTL_DYNAMIC_TIME_ZONE_INFORMATION;

ULONG RtlNtStatusToDosError(NTSTATUS status);
ULONG RtlNtStatusToDosErrorNoTeb(NTSTATUS status);
NTSTATUS RtlGetLastNtStatus(void);
ULONG RtlGetLastWin32Error(void);
void RtlSetLastWin32Error(ULONG error);
void RtlSetLastWin32ErrorAndNtStatusFromNtStatus(NTSTATUS status);
ULONG RtlGetThreadErrorMode(void);
NTSTATUS RtlSetThreadErrorMode(ULONG mode, ULONG *old);
NTSTATUS RtlGetVersion(RTL_OSVERSIONINFOEXW *info);
void RtlGetNtVersionNumbers(ULONG *major, ULONG *minor, ULONG *build);
BOOLEAN RtlGetProductInfo(ULONG major, ULONG minor, ULONG sp_major, ULONG sp_minor,
			  ULONG *product);
BOOLEAN RtlIsProcessorFeaturePresent(ULONG feature);
void RtlGetCurrentProcessorNumberEx(PROCESSOR_NUMBER *pn);
ULONG NtGetCurrentProcessorNumber(void);
int RtlQueryPerformanceCounter(LARGE_INTEGER *counter);
int RtlQueryPerformanceFrequency(LARGE_INTEGER *frequency);
LONGLONG RtlGetSystemTimePrecise(void);
int RtlQueryUnbiasedInterruptTime(unsigned long long *time);
ULONG NtGetTickCount(void);
void RtlTimeToTimeFields(const LARGE_INTEGER *time, TIME_FIELDS *tf);
BOOLEAN RtlTimeFieldsToTime(const TIME_FIELDS *tf, LARGE_INTEGER *time);
BOOLEAN RtlTimeToSecondsSince1970(const LARGE_INTEGER *time, ULONG *secs);
BOOLEAN RtlTimeToSecondsSince1980(const LARGE_INTEGER *time, ULONG *secs);
void RtlSecondsSince1970ToTime(ULONG secs, LARGE_INTEGER *time);
void RtlSecondsSince1980ToTime(ULONG secs, LARGE_INTEGER *time);
NTSTATUS RtlSystemTimeToLocalTime(const LARGE_INTEGER *system, LARGE_INTEGER *local);
NTSTATUS RtlLocalTimeToSystemTime(const LARGE_INTEGER *local, LARGE_INTEGER *system);
NTSTATUS RtlQueryTimeZoneInformation(RTL_TIME_ZONE_INFORMATION *tzi);
NTSTATUS RtlQueryDynamicTimeZoneInformation(RTL_DYNAMIC_TIME_ZONE_INFORMATION *dtzi);
NTSTATUS RtlSetTimeZoneInformation(const RTL_TIME_ZONE_INFORMATION *tzi);

/* ---- synchronization (synctest.c): the x64 layouts ---- */

typedef struct {
	unsigned short Type;
	unsigned short CreatorBackTraceIndex;
	void *CriticalSection;
	LIST_ENTRY ProcessLocksList;
	ULONG EntryCount;
	ULONG ContentionCount;
	ULONG_PTR Spare;		/* Wine's Spare[0]: Windows' Flags and two WORDs */
} RTL_CRITICAL_SECTION_DEBUG;

typedef struct {
	RTL_CRITICAL_SECTION_DEBUG *DebugInfo;
	int LockCount;
	int RecursionCount;
	HANDLE OwningThread;
	HANDLE LockSemaphore;
	ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION;

typedef struct { void *Ptr; } RTL_SRWLOCK, RTL_CONDITION_VARIABLE, RTL_RUN_ONCE;

typedef struct SLIST_ENTRY {
	struct SLIST_ENTRY *Next;
} __attribute__((aligned(16))) SLIST_ENTRY;

typedef struct {
	unsigned long long Alignment, Region;
} __attribute__((aligned(16))) SLIST_HEADER;

typedef ULONG (*RTL_RUN_ONCE_INIT_FN)(RTL_RUN_ONCE *once, void *param, void **context);

NTSTATUS RtlInitializeCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin);
NTSTATUS RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION *cs, ULONG spin, ULONG flags);
ULONG RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin);
NTSTATUS RtlEnterCriticalSection(RTL_CRITICAL_SECTION *cs);
int RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS RtlLeaveCriticalSection(RTL_CRITICAL_SECTION *cs);
NTSTATUS RtlDeleteCriticalSection(RTL_CRITICAL_SECTION *cs);
void RtlAcquirePebLock(void);
void RtlReleasePebLock(void);
void RtlInitializeSRWLock(RTL_SRWLOCK *l);
void RtlAcquireSRWLockExclusive(RTL_SRWLOCK *l);
void RtlAcquireSRWLockShared(RTL_SRWLOCK *l);
void RtlReleaseSRWLockExclusive(RTL_SRWLOCK *l);
void RtlReleaseSRWLockShared(RTL_SRWLOCK *l);
BOOLEAN RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK *l);
BOOLEAN RtlTryAcquireSRWLockShared(RTL_SRWLOCK *l);
void RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE *cv);
NTSTATUS RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *cs,
				     const LARGE_INTEGER *timeout);
NTSTATUS RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *l,
				      const LARGE_INTEGER *timeout, ULONG flags);
void RtlWakeConditionVariable(RTL_CONDITION_VARIABLE *cv);
void RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv);
NTSTATUS RtlWaitOnAddress(const void *addr, const void *cmp, ULONG_PTR size,
			  const LARGE_INTEGER *timeout);
void RtlWakeAddressSingle(const void *addr);
void RtlWakeAddressAll(const void *addr);
void RtlRunOnceInitialize(RTL_RUN_ONCE *once);
NTSTATUS RtlRunOnceBeginInitialize(RTL_RUN_ONCE *once, ULONG flags, void **context);
NTSTATUS RtlRunOnceComplete(RTL_RUN_ONCE *once, ULONG flags, void *context);
NTSTATUS RtlRunOnceExecuteOnce(RTL_RUN_ONCE *once, RTL_RUN_ONCE_INIT_FN fn, void *param,
			       void **context);
void RtlInitializeSListHead(SLIST_HEADER *list);
SLIST_ENTRY *RtlInterlockedPushEntrySList(SLIST_HEADER *list, SLIST_ENTRY *entry);
SLIST_ENTRY *RtlInterlockedPopEntrySList(SLIST_HEADER *list);
SLIST_ENTRY *RtlInterlockedFlushSList(SLIST_HEADER *list);
unsigned short RtlQueryDepthSList(SLIST_HEADER *list);
SLIST_ENTRY *RtlInterlockedPushListSList(SLIST_HEADER *list, SLIST_ENTRY *first,
					 SLIST_ENTRY *last, ULONG count);
SLIST_ENTRY *RtlInterlockedPushListSListEx(SLIST_HEADER *list, SLIST_ENTRY *first,
					   SLIST_ENTRY *last, ULONG count);


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
