// SPDX-License-Identifier: GPL-2.0
/*
 * Activation contexts, as far as a process without a manifest has them:
 * the process default context, which is empty.  PEB->ActivationContextData
 * (0x2f8) stays NULL, no context is ever activated, and the queries answer
 * for the default one as Windows does for a program without a manifest:
 * no assemblies, no compatibility elements (so kernelbase's GetVersionEx
 * reports Windows 8, 6.2.9200, the answer Windows gives an unmanifested
 * program), run level unspecified.  Manifests, CreateActCtx and the
 * activation stack are not done: those exports stay stubs.
 */
#include "crt.h"
#include "loader.h"
#include "ntstatus.h"

/* winnt.h's ACTIVATION_CONTEXT_INFO_CLASS */
#define ACTCTX_BASIC_INFORMATION	1	/* ActivationContextBasicInformation */
#define ACTCTX_RUN_LEVEL_INFORMATION	5	/* RunlevelInformationInActivationContext */
#define ACTCTX_COMPATIBILITY_INFORMATION 6	/* CompatibilityInformationInActivationContext */

/* RtlQueryInformationActivationContext's flags */
#define QUERY_USE_ACTIVE_ACTCTX		0x00000004
#define QUERY_IS_HMODULE		0x00000008
#define QUERY_IS_ADDRESS		0x00000010

/* ACTIVATION_CONTEXT_BASIC_INFORMATION */
struct actctx_basic {
	HANDLE hActCtx;
	ULONG dwFlags;
};

/* ACTIVATION_CONTEXT_RUN_LEVEL_INFORMATION */
struct actctx_run_level {
	ULONG ulFlags;
	ULONG RunLevel;		/* ACTCTX_RUN_LEVEL_UNSPECIFIED */
	ULONG UiAccess;
};

/* ACTIVATION_CONTEXT_COMPATIBILITY_INFORMATION with no elements */
#define ACTCTX_COMPATIBILITY_EMPTY	4	/* DWORD ElementCount */

NTSTATUS NTAPI LdrFindEntryForAddress(PVOID addr, LDR_DATA_TABLE_ENTRY **entry);

/*
 * Only the default context exists: NULL names it, the active one is it, and
 * every loaded module (by base, or by an address inside it) is in it.
 */
NTSTATUS NTAPI RtlQueryInformationActivationContext(ULONG flags, HANDLE ctx, PVOID subinst,
						    ULONG cls, PVOID buf, SIZE_T size,
						    SIZE_T *ret)
{
	SIZE_T len;

	LDR_DATA_TABLE_ENTRY *entry;

	(void)subinst;
	if (flags & QUERY_USE_ACTIVE_ACTCTX) {
		if (ctx)
			return STATUS_INVALID_PARAMETER;
	} else if (flags & (QUERY_IS_HMODULE | QUERY_IS_ADDRESS)) {
		if (!ctx)
			return STATUS_INVALID_PARAMETER;
		if (LdrFindEntryForAddress(ctx, &entry) != STATUS_SUCCESS ||
		    ((flags & QUERY_IS_HMODULE) && entry->DllBase != ctx))
			return STATUS_DLL_NOT_FOUND;
	} else if (ctx) {
		return STATUS_INVALID_PARAMETER;	/* not a context of ours */
	}
	switch (cls) {
	case ACTCTX_BASIC_INFORMATION:
		len = sizeof(struct actctx_basic);
		break;
	case ACTCTX_RUN_LEVEL_INFORMATION:
		len = sizeof(struct actctx_run_level);
		break;
	case ACTCTX_COMPATIBILITY_INFORMATION:
		len = ACTCTX_COMPATIBILITY_EMPTY;
		break;
	default:
		/* the assembly and file classes: no assembly to describe */
		return STATUS_INVALID_PARAMETER;
	}
	if (ret)
		*ret = len;
	if (!buf || size < len)
		return STATUS_BUFFER_TOO_SMALL;
	memset(buf, 0, len);
	return STATUS_SUCCESS;
}

/* the active context is the default one: NULL, nothing to reference */
NTSTATUS NTAPI RtlGetActiveActivationContext(HANDLE *ctx)
{
	*ctx = NULL;
	return STATUS_SUCCESS;
}

void NTAPI RtlAddRefActivationContext(HANDLE ctx)
{
	(void)ctx;
}

void NTAPI RtlReleaseActivationContext(HANDLE ctx)
{
	(void)ctx;
}
