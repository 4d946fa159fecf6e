// SPDX-License-Identifier: GPL-2.0
/*
 * The process start: ntdll's entry point, where the kernel enters a new
 * NT process (NTOS_IOC_EXEC_PE, docs/exec.md), and its end.
 *
 * The kernel has mapped the exe (imports unresolved) and ntdll, set the GS
 * base to the TEB, filled the PEB and the process parameters, and calls
 *
 *	start(PEB *peb, void *exe_entry, void *ntdll_base, const WCHAR *system_dir)
 *
 * as a Windows x64 function that must not return.  Here: the process heap,
 * PEB->Ldr, the exe's imports (loading DLLs), TLS, DllMain of each DLL in
 * dependency order, the exe's TLS callbacks, then the exe's entry point
 * int entry(PEB *), whose value ends the process.
 */
#include "ntdll.h"

static void NTAPI __attribute__((noreturn)) fail(NTSTATUS st)
{
	NtTerminateProcess(NtCurrentProcess(), st);
	for (;;)
		NtTerminateProcess(NtCurrentProcess(), st);
}

/* "DIR\name" in a heap buffer */
static WCHAR *join(const WCHAR *dir, const WCHAR *name, SIZE_T *len)
{
	SIZE_T a = wcslen(dir), b = wcslen(name);
	WCHAR *p = RtlAllocateHeap(RtlGetProcessHeap(), 0, (a + 1 + b + 1) * 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a * 2);
	p[a] = '\\';
	memcpy(p + a + 1, name, (b + 1) * 2);
	*len = a + 1 + b;
	return p;
}

typedef int (*exe_entry_fn)(PEB *);

void NTAPI __attribute__((noreturn)) LdrpProcessStart(PEB *peb, void *exe_entry,
						       void *ntdll_base, const WCHAR *sysdir)
{
	BYTE *params = NT_FIELD(peb, PEB_PROCESS_PARAMETERS, BYTE *);
	UNICODE_STRING *image = (UNICODE_STRING *)(params + PP_IMAGE_PATH);
	void *exe_base = NT_FIELD(peb, PEB_IMAGE_BASE, void *);
	WCHAR *ntdll_path;
	SIZE_T len;
	NTSTATUS st;

	NT_FIELD(peb, PEB_PROCESS_HEAP, void *) = heap_create_process_heap();
	ldr_data.Length = sizeof(ldr_data);
	ldr_data.InLoadOrderModuleList.Flink = ldr_data.InLoadOrderModuleList.Blink =
		&ldr_data.InLoadOrderModuleList;
	ldr_data.InMemoryOrderModuleList.Flink = ldr_data.InMemoryOrderModuleList.Blink =
		&ldr_data.InMemoryOrderModuleList;
	ldr_data.InInitializationOrderModuleList.Flink =
		ldr_data.InInitializationOrderModuleList.Blink =
		&ldr_data.InInitializationOrderModuleList;
	ldr_data.Initialized = TRUE;
	NT_FIELD(peb, PEB_LDR, PEB_LDR_DATA *) = &ldr_data;
	ldr_report_errors = 1;
	nt_lock_rec(&ldr_lock);

	if (!sysdir)
		sysdir = L"";
	ldr_set_dirs(image->Buffer, image->Length / 2, sysdir);
	/* load order as on Windows: the exe, ntdll, then what the exe imports */
	ldr_exe = ldr_new_module(exe_base, image->Buffer, image->Length / 2);
	ntdll_path = join(sysdir, L"ntdll.dll", &len);
	if (ntdll_path)
		ldr_ntdll = ldr_new_module(ntdll_base, ntdll_path, len);
	if (!ldr_exe || !ldr_ntdll) {
		nt_report("cannot start %S: bad image headers or no memory", image->Buffer);
		fail(STATUS_INVALID_IMAGE_FORMAT);
	}
	ldr_exe->e.EntryPoint = exe_entry;
	ldr_exe->e.LoadReason = LoadReasonStaticDependency;
	/* ntdll needs no initialization: it is running it */
	ldr_ntdll->linked = 1;
	ldr_ntdll->init_state = 2;
	ldr_ntdll->e.EntryPoint = NULL;
	ldr_ntdll->e.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
	ldr_data.InInitializationOrderModuleList.Flink = &ldr_ntdll->e.InInitializationOrderLinks;
	ldr_data.InInitializationOrderModuleList.Blink = &ldr_ntdll->e.InInitializationOrderLinks;
	ldr_ntdll->e.InInitializationOrderLinks.Flink = &ldr_data.InInitializationOrderModuleList;
	ldr_ntdll->e.InInitializationOrderLinks.Blink = &ldr_data.InInitializationOrderModuleList;

	st = ldr_link(ldr_exe);
	if (NT_SUCCESS(st))
		st = tls_add_module(ldr_exe);
	if (!NT_SUCCESS(st))
		fail(st);
	ldr_pin_all();
	st = ldr_init_modules(ldr_exe, (void *)1);
	if (!NT_SUCCESS(st))
		fail(st);
	tls_callbacks(ldr_exe, DLL_PROCESS_ATTACH);
	ldr_report_errors = 0;
	nt_unlock_rec(&ldr_lock);

	RtlExitUserProcess(((exe_entry_fn)exe_entry)(peb));
}

/* DLL_PROCESS_DETACH everywhere, then the end of the process with @status */
void NTAPI RtlExitUserProcess(NTSTATUS status)
{
	ldr_detach_all();
	fail(status);
}

PVOID NTAPI RtlGetCurrentPeb(void)
{
	return nt_peb();
}
