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
 *
 * A Win32 program (one whose imports bring in kernel32.dll) starts as on
 * Windows: kernel32.dll's tree (kernelbase.dll first) is initialized before
 * any other DLL, and the entry point is entered through kernel32's
 * BaseThreadInitThunk(0, entry, PEB), which ends the thread with the
 * entry's value.  A program that does not use kernel32 (ours that import
 * only ntdll.dll and DLLs built on it) runs native, like a Windows native
 * image: kernel32 is not loaded for it.
 */
#include "codepage.h"
#include "crt.h"
#include "heap.h"
#include "loader.h"
#include "peb.h"
#include "report.h"
#include "syscalls.h"

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
typedef void (NTAPI *thread_thunk_fn)(ULONG flags, void *entry, void *arg);

/* kernel32's BaseThreadInitThunk, which enters a Win32 program's exe */
static thread_thunk_fn thread_thunk(struct module *k32)
{
	void *thunk = NULL;
	NTSTATUS st;

	st = ntdll_ldr_resolve(k32, "BaseThreadInitThunk", 0, 0, &thunk, 0);
	if (!NT_SUCCESS(st)) {
		ntdll_report("cannot find BaseThreadInitThunk in kernel32.dll");
		fail(st);
	}
	return thunk;
}

void NTAPI __attribute__((noreturn)) ntdll_process_start(PEB *peb, void *exe_entry,
						       void *ntdll_base, const WCHAR *sysdir)
{
	BYTE *params = NT_FIELD(peb, PEB_PROCESS_PARAMETERS, BYTE *);
	UNICODE_STRING *image = (UNICODE_STRING *)(params + PP_IMAGE_PATH);
	void *exe_base = NT_FIELD(peb, PEB_IMAGE_BASE, void *);
	thread_thunk_fn thunk = NULL;
	struct module *k32 = NULL;
	LIST_ENTRY *init_list;
	WCHAR *ntdll_path;
	SIZE_T len;
	NTSTATUS st;

	ntdll_codepage_init();
	NT_FIELD(peb, PEB_PROCESS_HEAP, void *) = ntdll_heap_create_process_heap();
	ntdll_sync_process_init((BYTE *)peb);
	ntdll_tls_init_slots((BYTE *)peb);
	st = ntdll_fls_thread_init();
	if (!NT_SUCCESS(st))
		fail(st);
	ntdll_ldr_data.Length = sizeof(ntdll_ldr_data);
	ntdll_ldr_data.InLoadOrderModuleList.Flink = ntdll_ldr_data.InLoadOrderModuleList.Blink =
		&ntdll_ldr_data.InLoadOrderModuleList;
	ntdll_ldr_data.InMemoryOrderModuleList.Flink = ntdll_ldr_data.InMemoryOrderModuleList.Blink =
		&ntdll_ldr_data.InMemoryOrderModuleList;
	ntdll_ldr_data.InInitializationOrderModuleList.Flink =
		ntdll_ldr_data.InInitializationOrderModuleList.Blink =
		&ntdll_ldr_data.InInitializationOrderModuleList;
	ntdll_ldr_data.Initialized = TRUE;
	NT_FIELD(peb, PEB_LDR, PEB_LDR_DATA *) = &ntdll_ldr_data;
	ntdll_ldr_report_errors = 1;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);

	if (!sysdir)
		sysdir = L"";
	ntdll_ldr_set_dirs(image->Buffer, image->Length / 2, sysdir,
			   (UNICODE_STRING *)(params + PP_DLL_PATH));
	/* load order as on Windows: the exe, ntdll, then what the exe imports */
	ntdll_ldr_exe = ntdll_ldr_new_module(exe_base, image->Buffer, image->Length / 2);
	ntdll_path = join(sysdir, L"ntdll.dll", &len);
	if (ntdll_path)
		ntdll_ldr_ntdll = ntdll_ldr_new_module(ntdll_base, ntdll_path, len);
	if (!ntdll_ldr_exe || !ntdll_ldr_ntdll) {
		ntdll_report("cannot start %S: bad image headers or no memory", image->Buffer);
		fail(STATUS_INVALID_IMAGE_FORMAT);
	}
	ntdll_ldr_exe->e.EntryPoint = exe_entry;
	ntdll_ldr_exe->e.LoadReason = LoadReasonStaticDependency;
	/* ntdll needs no initialization: it is running it */
	ntdll_ldr_ntdll->linked = 1;
	ntdll_ldr_ntdll->init_state = 2;
	ntdll_ldr_ntdll->e.EntryPoint = NULL;
	ntdll_ldr_ntdll->e.Flags |= LDRP_ENTRY_PROCESSED | LDRP_PROCESS_ATTACH_CALLED;
	init_list = &ntdll_ldr_data.InInitializationOrderModuleList;
	init_list->Flink = init_list->Blink = &ntdll_ldr_ntdll->e.InInitializationOrderLinks;
	ntdll_ldr_ntdll->e.InInitializationOrderLinks.Flink = init_list;
	ntdll_ldr_ntdll->e.InInitializationOrderLinks.Blink = init_list;

	st = ntdll_ldr_link(ntdll_ldr_exe);
	if (NT_SUCCESS(st))
		st = ntdll_tls_add_module(ntdll_ldr_exe);
	if (!NT_SUCCESS(st))
		fail(st);
	ntdll_ldr_pin_all();
	k32 = ntdll_ldr_find(L"kernel32.dll", 12);
	if (k32)
		thunk = thread_thunk(k32);
	st = k32 ? ntdll_ldr_init_modules(k32, (void *)1) : STATUS_SUCCESS;
	if (NT_SUCCESS(st))
		st = ntdll_ldr_init_modules(ntdll_ldr_exe, (void *)1);
	if (!NT_SUCCESS(st))
		fail(st);
	ntdll_tls_callbacks(ntdll_ldr_exe, DLL_PROCESS_ATTACH);
	ntdll_ldr_report_errors = 0;
	ntdll_lock_release_rec(&ntdll_ldr_lock);

	if (thunk)
		thunk(0, exe_entry, peb);
	RtlExitUserProcess(((exe_entry_fn)exe_entry)(peb));
}

/*
 * The end of the calling thread.  Processes have one thread today, so it is
 * always the last one, and the last thread's end is the process's.
 */
void NTAPI RtlExitUserThread(ULONG status)
{
	RtlExitUserProcess(status);
}

/*
 * The thread's FLS callbacks, DLL_PROCESS_DETACH everywhere, then the end of
 * the process with @status
 */
void NTAPI RtlExitUserProcess(NTSTATUS status)
{
	RtlProcessFlsData(NT_FIELD(ntdll_teb(), TEB_FLS_SLOTS, void *), 1);
	ntdll_ldr_detach_all();
	fail(status);
}

PVOID NTAPI RtlGetCurrentPeb(void)
{
	return ntdll_peb();
}
