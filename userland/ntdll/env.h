/* SPDX-License-Identifier: GPL-2.0 */
/*
 * env.h: the process parameters and environment blocks (env.c), DOS paths
 * and the current directory (path.c), DLL directories and search paths
 * (dlldir.c): the Windows 10 x64 RTL_USER_PROCESS_PARAMETERS and what the
 * three files share.
 */
#ifndef NTDLL_ENV_H
#define NTDLL_ENV_H

#include "ntbase.h"
#include "peb.h"

#define NTDLL_MAX_PATH			260

/* NtCreateFile's options and OBJECT_ATTRIBUTES.Attributes (winternl.h's) */
#ifndef FILE_DIRECTORY_FILE
#define FILE_DIRECTORY_FILE		0x00000001
#endif
#ifndef OBJ_CASE_INSENSITIVE
#define OBJ_CASE_INSENSITIVE		0x00000040
#endif

typedef struct {
	UNICODE_STRING DosPath;
	HANDLE Handle;
} CURDIR;

typedef struct {
	USHORT Flags;
	USHORT Length;
	ULONG TimeStamp;
	ANSI_STRING DosPath;
} RTL_DRIVE_LETTER_CURDIR;

typedef struct {
	ULONG MaximumLength;
	ULONG Length;
	ULONG Flags;
	ULONG DebugFlags;
	HANDLE ConsoleHandle;
	ULONG ConsoleFlags;
	HANDLE StandardInput;
	HANDLE StandardOutput;
	HANDLE StandardError;
	CURDIR CurrentDirectory;
	UNICODE_STRING DllPath;
	UNICODE_STRING ImagePathName;
	UNICODE_STRING CommandLine;
	PWSTR Environment;
	ULONG StartingX;
	ULONG StartingY;
	ULONG CountX;
	ULONG CountY;
	ULONG CountCharsX;
	ULONG CountCharsY;
	ULONG FillAttribute;
	ULONG WindowFlags;
	ULONG ShowWindowFlags;
	UNICODE_STRING WindowTitle;
	UNICODE_STRING DesktopInfo;
	UNICODE_STRING ShellInfo;
	UNICODE_STRING RuntimeData;
	RTL_DRIVE_LETTER_CURDIR CurrentDirectories[32];
	ULONG_PTR EnvironmentSize;
	ULONG_PTR EnvironmentVersion;
	PVOID PackageDependencyData;
	ULONG ProcessGroupId;
	ULONG LoaderThreads;
	UNICODE_STRING RedirectionDllName;
	UNICODE_STRING HeapPartitionName;
	ULONG_PTR *DefaultThreadpoolCpuSetMasks;
	ULONG DefaultThreadpoolCpuSetMaskCount;
	ULONG DefaultThreadpoolThreadMaximum;
} RTL_USER_PROCESS_PARAMETERS;

#define PP_OFF(f)	__builtin_offsetof(RTL_USER_PROCESS_PARAMETERS, f)
_Static_assert(PP_OFF(StandardError) == PP_STD_ERROR, "process parameters");
_Static_assert(PP_OFF(CurrentDirectory) == 0x38, "process parameters");
_Static_assert(PP_OFF(DllPath) == PP_DLL_PATH, "process parameters");
_Static_assert(PP_OFF(ImagePathName) == PP_IMAGE_PATH, "process parameters");
_Static_assert(PP_OFF(Environment) == 0x80, "process parameters");
_Static_assert(PP_OFF(WindowTitle) == 0xb0, "process parameters");
_Static_assert(PP_OFF(RuntimeData) == 0xe0, "process parameters");
_Static_assert(PP_OFF(CurrentDirectories) == 0xf0, "process parameters");
_Static_assert(PP_OFF(EnvironmentSize) == 0x3f0, "process parameters");
_Static_assert(sizeof(RTL_USER_PROCESS_PARAMETERS) == 0x440, "process parameters");

#define RTL_USER_PROC_PARAMS_NORMALIZED	0x00000001

static inline RTL_USER_PROCESS_PARAMETERS *ntdll_params(void)
{
	return NT_FIELD(ntdll_peb(), PEB_PROCESS_PARAMETERS, RTL_USER_PROCESS_PARAMETERS *);
}

/*
 * The PEB lock, which Windows takes around every use of the process's
 * environment and current directory.  RtlAcquirePebLock/RtlReleasePebLock
 * are still stubs (the sync family), and processes have one thread: these
 * mark the places that must take it once it exists.
 */
static inline void ntdll_peb_lock(void)
{
}

static inline void ntdll_peb_unlock(void)
{
}

/* ---- env.c ---- */

SIZE_T NTAPI RtlSizeHeap(PVOID heap, ULONG flags, PVOID p);	/* heap.c */

/*
 * The value of the variable @name (@len characters, case-insensitive) in
 * the environment block @env, or NULL
 */
const WCHAR *ntdll_env_find(const WCHAR *env, const WCHAR *name, SIZE_T len);
/* case-insensitive comparison of @n characters: 0 if equal */
int ntdll_wcsnicmp(const WCHAR *a, const WCHAR *b, SIZE_T n);

/* ---- path.c ---- */

/* RTL_PATH_TYPE */
#define RtlPathTypeUnknown		0
#define RtlPathTypeUncAbsolute		1
#define RtlPathTypeDriveAbsolute	2
#define RtlPathTypeDriveRelative	3
#define RtlPathTypeRooted		4
#define RtlPathTypeRelative		5
#define RtlPathTypeLocalDevice		6
#define RtlPathTypeRootLocalDevice	7

ULONG NTAPI RtlDetermineDosPathNameType_U(PCWSTR path);
ULONG NTAPI RtlGetFullPathName_U(PCWSTR name, ULONG size, PWSTR buffer, PWSTR *file_part);
NTSTATUS NTAPI RtlDosPathNameToNtPathName_U_WithStatus(PCWSTR dos, PUNICODE_STRING nt,
						       PWSTR *file_part, void *relative);

#endif
