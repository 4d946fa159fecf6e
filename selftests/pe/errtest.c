// SPDX-License-Identifier: GPL-2.0
/*
 * errtest.exe: ntdll's NTSTATUS to Win32 error mapping (representative
 * pairs of Windows' table and the rules for whole classes of codes), the
 * thread's last status and error, its hard error mode; RtlGetVersion and
 * the other version and processor queries.
 */
#include "ntdllrt.h"

#define P "errtest"

#define KUSER_PROCESSOR_FEATURES	((const unsigned char *)0x7ffe0274)
#define PF_XMMI64_INSTRUCTIONS_AVAILABLE	10	/* SSE2: every x64 processor */
#define VER_NT_WORKSTATION		1
#define VER_SUITE_SINGLEUSERTS		0x100
#define ERROR_MR_MID_NOT_FOUND		317

static const struct {
	NTSTATUS status;
	ULONG error;
} pairs[] = {
	{ 0x00000000, 0 },		/* STATUS_SUCCESS */
	{ 0x00000001, 731 },		/* STATUS_WAIT_1: ERROR_WAIT_1 */
	{ 0x00000102, 1460 },		/* STATUS_TIMEOUT: ERROR_TIMEOUT */
	{ 0x00000103, 997 },		/* STATUS_PENDING: ERROR_IO_PENDING */
	{ 0x00000105, 234 },		/* STATUS_MORE_ENTRIES: ERROR_MORE_DATA */
	{ 0x40000000, 698 },		/* STATUS_OBJECT_NAME_EXISTS: ERROR_OBJECT_NAME_EXISTS */
	{ 0x80000005, 234 },		/* STATUS_BUFFER_OVERFLOW: ERROR_MORE_DATA */
	{ 0x80000006, 18 },		/* STATUS_NO_MORE_FILES */
	{ 0x8000001a, 259 },		/* STATUS_NO_MORE_ENTRIES: ERROR_NO_MORE_ITEMS */
	{ 0xc0000001, 31 },		/* STATUS_UNSUCCESSFUL: ERROR_GEN_FAILURE */
	{ 0xc0000002, 1 },		/* STATUS_NOT_IMPLEMENTED: ERROR_INVALID_FUNCTION */
	{ 0xc0000004, 24 },		/* STATUS_INFO_LENGTH_MISMATCH: ERROR_BAD_LENGTH */
	{ 0xc0000005, 998 },		/* STATUS_ACCESS_VIOLATION: ERROR_NOACCESS */
	{ 0xc0000008, 6 },		/* STATUS_INVALID_HANDLE */
	{ 0xc000000d, 87 },		/* STATUS_INVALID_PARAMETER */
	{ 0xc000000f, 2 },		/* STATUS_NO_SUCH_FILE: ERROR_FILE_NOT_FOUND */
	{ 0xc0000011, 38 },		/* STATUS_END_OF_FILE: ERROR_HANDLE_EOF */
	{ 0xc0000017, 8 },		/* STATUS_NO_MEMORY: ERROR_NOT_ENOUGH_MEMORY */
	{ 0xc0000022, 5 },		/* STATUS_ACCESS_DENIED */
	{ 0xc0000023, 122 },		/* STATUS_BUFFER_TOO_SMALL: ERROR_INSUFFICIENT_BUFFER */
	{ 0xc0000033, 123 },		/* STATUS_OBJECT_NAME_INVALID: ERROR_INVALID_NAME */
	{ 0xc0000034, 2 },		/* STATUS_OBJECT_NAME_NOT_FOUND: ERROR_FILE_NOT_FOUND */
	{ 0xc0000035, 183 },		/* STATUS_OBJECT_NAME_COLLISION: ERROR_ALREADY_EXISTS */
	{ 0xc000003a, 3 },		/* STATUS_OBJECT_PATH_NOT_FOUND: ERROR_PATH_NOT_FOUND */
	{ 0xc0000043, 32 },		/* STATUS_SHARING_VIOLATION */
	{ 0xc0000061, 1314 },		/* STATUS_PRIVILEGE_NOT_HELD */
	{ 0xc000007a, 127 },		/* STATUS_PROCEDURE_NOT_FOUND: ERROR_PROC_NOT_FOUND */
	{ 0xc000007b, 193 },		/* STATUS_INVALID_IMAGE_FORMAT: ERROR_BAD_EXE_FORMAT */
	{ 0xc000007f, 112 },		/* STATUS_DISK_FULL */
	{ 0xc00000ba, 5 },		/* STATUS_FILE_IS_A_DIRECTORY: ERROR_ACCESS_DENIED */
	{ 0xc00000bb, 50 },		/* STATUS_NOT_SUPPORTED */
	{ 0xc00000fd, 1001 },		/* STATUS_STACK_OVERFLOW */
	{ 0xc0000101, 145 },		/* STATUS_DIRECTORY_NOT_EMPTY: ERROR_DIR_NOT_EMPTY */
	{ 0xc0000103, 267 },		/* STATUS_NOT_A_DIRECTORY: ERROR_DIRECTORY */
	{ 0xc0000109, 317 },		/* STATUS_MESSAGE_NOT_FOUND */
	{ 0xc0000120, 995 },		/* STATUS_CANCELLED: ERROR_OPERATION_ABORTED */
	{ 0xc0000135, 126 },		/* STATUS_DLL_NOT_FOUND: ERROR_MOD_NOT_FOUND */
	{ 0xc0000139, 127 },		/* STATUS_ENTRYPOINT_NOT_FOUND: ERROR_PROC_NOT_FOUND */
	{ 0xc000014b, 109 },		/* STATUS_PIPE_BROKEN: ERROR_BROKEN_PIPE */
	{ 0xc0000906, 225 },		/* STATUS_VIRUS_INFECTED */
	{ 0xc038005c, 0xc038005c },	/* STATUS_VOLMGR_RAID5_NOT_SUPPORTED, the table's last */
	/* rules: FACILITY_NTWIN32 and facility 1 errors carry the error in their low word */
	{ 0xc0070005, 5 },
	{ 0x80070057, 87 },
	{ 0xc0010002, 2 },
	/* an HRESULT made from a status (0xD...) maps as the status */
	{ 0xd0000022, 5 },
	{ 0xd0000034, 2 },
	/* a customer code comes back as it is */
	{ 0xe0001234, 0xe0001234 },
	{ 0x20000001, 0x20000001 },
	/* unknown codes */
	{ 0xc0000fff, ERROR_MR_MID_NOT_FOUND },
	{ 0x00000004, ERROR_MR_MID_NOT_FOUND },
	{ 0xc0ff0001, ERROR_MR_MID_NOT_FOUND },
};

static unsigned char *teb(void)
{
	unsigned char *t;

	__asm__ volatile("mov %%gs:0x30, %0" : "=r"(t));
	return t;
}

static void check_pairs(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		ULONG e = RtlNtStatusToDosErrorNoTeb(pairs[i].status);

		if (e != pairs[i].error || RtlNtStatusToDosError(pairs[i].status) != e) {
			HANDLE h = nt_stderr();

			nt_puts(h, P ": status 0x");
			nt_put_hex(h, pairs[i].status, 8);
			nt_puts(h, " -> ");
			nt_put_udec(h, e);
			nt_puts(h, ", expected ");
			nt_put_udec(h, pairs[i].error);
			nt_puts(h, "\n");
			nt_failures++;
		}
	}
}

static void check_last(void)
{
	ULONG mode = 0xdead;

	/* the TEB's LastStatusValue: set by RtlNtStatusToDosError only */
	CHECK(P, RtlNtStatusToDosError(STATUS_OBJECT_NAME_NOT_FOUND) == 2);
	CHECK(P, RtlGetLastNtStatus() == STATUS_OBJECT_NAME_NOT_FOUND);
	CHECK(P, *(NTSTATUS *)(teb() + 0x1250) == STATUS_OBJECT_NAME_NOT_FOUND);
	CHECK(P, RtlNtStatusToDosErrorNoTeb(STATUS_ACCESS_VIOLATION) == 998);
	CHECK(P, RtlGetLastNtStatus() == STATUS_OBJECT_NAME_NOT_FOUND);
	/* both at once */
	RtlSetLastWin32Error(0);
	RtlSetLastWin32ErrorAndNtStatusFromNtStatus(STATUS_INVALID_HANDLE);
	CHECK(P, RtlGetLastWin32Error() == 6 && RtlGetLastNtStatus() == STATUS_INVALID_HANDLE);
	CHECK(P, *(ULONG *)(teb() + 0x68) == 6);
	RtlSetLastWin32Error(1234);
	CHECK(P, RtlGetLastWin32Error() == 1234);
	RtlSetLastWin32Error(0);

	/* the hard error mode: RTL_ERRORMODE_* bits (0x10, 0x20, 0x40) only */
	CHECK(P, RtlSetThreadErrorMode(0x10, &mode) == STATUS_SUCCESS && mode == 0);
	CHECK(P, RtlGetThreadErrorMode() == 0x10);
	CHECK(P, RtlSetThreadErrorMode(0x60, 0) == STATUS_SUCCESS);
	CHECK(P, RtlGetThreadErrorMode() == 0x60);
	CHECK(P, RtlSetThreadErrorMode(0x1, &mode) == STATUS_INVALID_PARAMETER_1);
	CHECK(P, RtlGetThreadErrorMode() == 0x60);
	CHECK(P, RtlSetThreadErrorMode(0, &mode) == STATUS_SUCCESS && mode == 0x60);
}

static void check_version(void)
{
	RTL_OSVERSIONINFOEXW v;
	PROCESSOR_NUMBER pn;
	ULONG major = 0, minor = 1, build = 0, product = 0, i;
	int same = 1;

	/* RTL_OSVERSIONINFOW: Windows 10 build 19045, and nothing past its end */
	memset(&v, 0xaa, sizeof(v));
	v.dwOSVersionInfoSize = 276;
	CHECK(P, RtlGetVersion(&v) == STATUS_SUCCESS);
	CHECK(P, v.dwMajorVersion == 10 && v.dwMinorVersion == 0);
	CHECK(P, v.dwBuildNumber == 19045 && v.dwPlatformId == 2);
	CHECK(P, v.szCSDVersion[0] == 0);
	CHECK(P, v.wServicePackMajor == 0xaaaa && v.wProductType == 0xaa);
	/* RTL_OSVERSIONINFOEXW: no service pack, a workstation */
	memset(&v, 0xaa, sizeof(v));
	v.dwOSVersionInfoSize = sizeof(v);
	CHECK(P, sizeof(v) == 284);
	CHECK(P, RtlGetVersion(&v) == STATUS_SUCCESS);
	CHECK(P, v.dwMajorVersion == 10 && v.dwBuildNumber == 19045);
	CHECK(P, v.wServicePackMajor == 0 && v.wServicePackMinor == 0);
	CHECK(P, v.wProductType == VER_NT_WORKSTATION);
	CHECK(P, v.wSuiteMask & VER_SUITE_SINGLEUSERTS);
	/* any other size */
	memset(&v, 0, sizeof(v));
	v.dwOSVersionInfoSize = 283;
	CHECK(P, RtlGetVersion(&v) == STATUS_INVALID_PARAMETER);
	v.dwOSVersionInfoSize = 0;
	CHECK(P, RtlGetVersion(&v) == STATUS_INVALID_PARAMETER);

	RtlGetNtVersionNumbers(&major, &minor, &build);
	CHECK(P, major == 10 && minor == 0 && build == (0xf0000000 | 19045));
	RtlGetNtVersionNumbers(0, 0, 0);
	CHECK(P, RtlGetProductInfo(10, 0, 0, 0, &product) && product != 0);
	CHECK(P, !RtlGetProductInfo(5, 1, 0, 0, &product) && product == 0);
	CHECK(P, !RtlGetProductInfo(10, 0, 0, 0, 0));

	/* the features are KUSER_SHARED_DATA's ProcessorFeatures[64] */
	CHECK(P, RtlIsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE));
	for (i = 0; i < 64; i++)
		if (!RtlIsProcessorFeaturePresent(i) != !KUSER_PROCESSOR_FEATURES[i])
			same = 0;
	CHECK(P, same);
	CHECK(P, !RtlIsProcessorFeaturePresent(64) && !RtlIsProcessorFeaturePresent(0xffffffff));

	memset(&pn, 0xaa, sizeof(pn));
	RtlGetCurrentProcessorNumberEx(&pn);
	CHECK(P, pn.Number < 64 && pn.Reserved == 0);
	CHECK(P, (ULONG)pn.Group * 64 + pn.Number < 4096);
}

int start(void *peb)
{
	(void)peb;
	check_pairs();
	check_last();
	check_version();
	return nt_done(P);
}
