// SPDX-License-Identifier: GPL-2.0
/*
 * The system's version and the processor's features, as the kernel
 * records them: the PEB's OS* fields (personality/exec.c: Windows 10,
 * build 19045) and KUSER_SHARED_DATA (product type, suite mask, the
 * ProcessorFeatures[] array).
 */
#include "crt.h"
#include "kuser.h"
#include "peb.h"

/* winnt.h declares RtlGetProductInfo dllimport (from kernel32): here it is defined */
#pragma GCC diagnostic ignored "-Wattributes"

#define PEB_OS_MAJOR_VERSION	0x118
#define PEB_OS_MINOR_VERSION	0x11c
#define PEB_OS_BUILD_NUMBER	0x120
#define PEB_OS_CSD_VERSION	0x122	/* service pack: major in the high byte */
#define PEB_OS_PLATFORM_ID	0x124
#define PEB_CSD_VERSION		0x2e8	/* UNICODE_STRING: "Service Pack N", or empty */

#define NT_BUILD_FREE		0xf0000000	/* RtlGetNtVersionNumbers: a free (retail) build */

_Static_assert(sizeof(OSVERSIONINFOW) == 276, "RTL_OSVERSIONINFOW");
_Static_assert(sizeof(OSVERSIONINFOEXW) == 284, "RTL_OSVERSIONINFOEXW");

ULONG NtGetCurrentProcessorNumber(void);

static UCHAR product_type(void)
{
	const volatile struct nt_kuser_shared_data *k = ntdll_kuser();

	return k->product_type_is_valid ? (UCHAR)k->nt_product_type : VER_NT_WORKSTATION;
}

static USHORT suite_mask(void)
{
	USHORT mask = (USHORT)ntdll_kuser()->suite_mask;

	/* a Windows 10 workstation (Pro) has exactly this one while the kernel says none */
	return mask ? mask : VER_SUITE_SINGLEUSERTS;
}

/* RTL_OSVERSIONINFOW, or RTL_OSVERSIONINFOEXW with the service pack and product */
NTSTATUS NTAPI RtlGetVersion(OSVERSIONINFOEXW *info)
{
	BYTE *peb = ntdll_peb();
	const UNICODE_STRING *csd = &NT_FIELD(peb, PEB_CSD_VERSION, UNICODE_STRING);
	size_t n = 0;

	if (info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOW) &&
	    info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXW))
		return STATUS_INVALID_PARAMETER;
	info->dwMajorVersion = NT_FIELD(peb, PEB_OS_MAJOR_VERSION, ULONG);
	info->dwMinorVersion = NT_FIELD(peb, PEB_OS_MINOR_VERSION, ULONG);
	info->dwBuildNumber = NT_FIELD(peb, PEB_OS_BUILD_NUMBER, USHORT);
	info->dwPlatformId = NT_FIELD(peb, PEB_OS_PLATFORM_ID, ULONG);
	if (csd->Buffer) {
		n = csd->Length / sizeof(WCHAR);
		if (n > 127)
			n = 127;
		memcpy(info->szCSDVersion, csd->Buffer, n * sizeof(WCHAR));
	}
	info->szCSDVersion[n] = 0;
	if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXW)) {
		USHORT sp = NT_FIELD(peb, PEB_OS_CSD_VERSION, USHORT);

		info->wServicePackMajor = sp >> 8;
		info->wServicePackMinor = sp & 0xff;
		info->wSuiteMask = suite_mask();
		info->wProductType = product_type();
		info->wReserved = 0;
	}
	return STATUS_SUCCESS;
}

void NTAPI RtlGetNtVersionNumbers(ULONG *major, ULONG *minor, ULONG *build)
{
	BYTE *peb = ntdll_peb();

	if (major)
		*major = NT_FIELD(peb, PEB_OS_MAJOR_VERSION, ULONG);
	if (minor)
		*minor = NT_FIELD(peb, PEB_OS_MINOR_VERSION, ULONG);
	if (build)
		*build = NT_BUILD_FREE | NT_FIELD(peb, PEB_OS_BUILD_NUMBER, USHORT);
}

/*
 * The edition for a program written for the given version: products exist
 * from Windows Vista (6.0) on.  The edition is Windows 10 Pro's on a
 * workstation, a standard server's otherwise.
 */
BOOLEAN NTAPI RtlGetProductInfo(ULONG major, ULONG minor, ULONG sp_major, ULONG sp_minor,
				ULONG *product)
{
	(void)minor;
	(void)sp_major;
	(void)sp_minor;
	if (!product)
		return FALSE;
	if (major < 6) {
		*product = PRODUCT_UNDEFINED;
		return FALSE;
	}
	*product = product_type() == VER_NT_WORKSTATION ? PRODUCT_PROFESSIONAL :
							   PRODUCT_STANDARD_SERVER;
	return TRUE;
}

BOOLEAN NTAPI RtlIsProcessorFeaturePresent(ULONG feature)
{
	return feature < NT_PROCESSOR_FEATURE_MAX &&
	       ntdll_kuser()->processor_features[feature] != 0;
}

/* groups of 64 processors, as Windows counts them on x64 */
void NTAPI RtlGetCurrentProcessorNumberEx(PROCESSOR_NUMBER *pn)
{
	ULONG cpu = NtGetCurrentProcessorNumber();

	pn->Group = (WORD)(cpu / 64);
	pn->Number = (BYTE)(cpu % 64);
	pn->Reserved = 0;
}
