// SPDX-License-Identifier: GPL-2.0
/*
 * The loader's questions and small requests about loaded modules: which
 * module holds an address, a module's full name, its headers and data
 * directories, references and pins, no thread callouts, and delay-loaded
 * imports resolved on first call.  All under the loader lock.
 */
/* winnt.h declares RtlPcToFileHeader dllimport (from kernel32): here it is defined */
#define RtlPcToFileHeader winnt_RtlPcToFileHeader
#include "crt.h"
#include "loader.h"
#include "rtlstring.h"
#undef RtlPcToFileHeader

#define LDR_ADDREF_DLL_PIN			1
#define LDR_GET_DLL_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 1
#define LDR_GET_DLL_HANDLE_EX_FLAG_PIN		2
#define DELAYLOAD_GPA_FAILURE			4

/* What a delay-load failure hook is told (Windows' DELAYLOAD_INFO, x64). */
typedef struct {
	ULONG Size;
	const IMAGE_DELAYLOAD_DESCRIPTOR *DelayloadDescriptor;
	IMAGE_THUNK_DATA64 *ThunkAddress;
	const char *TargetDllName;
	struct {
		ULONG ImportDescribedByName;
		union {
			const char *Name;
			ULONG Ordinal;
		} Description;
	} TargetApiDescriptor;
	PVOID TargetModuleBase;
	PVOID Unused;
	ULONG LastError;
} DELAYLOAD_INFO;

_Static_assert(sizeof(DELAYLOAD_INFO) == 0x48, "DELAYLOAD_INFO");

typedef void *(NTAPI *delayload_dll_hook)(ULONG reason, DELAYLOAD_INFO *info);
typedef void *(NTAPI *delayload_sys_hook)(const char *dll, const char *proc);

/* the module whose image holds @p; the loader lock is held */
static struct module *module_at(const void *p)
{
	LIST_ENTRY *head = &ntdll_ldr_data.InLoadOrderModuleList, *n;

	for (n = head->Flink; n != head; n = n->Flink) {
		struct module *m = (struct module *)n;	/* InLoadOrderLinks is first */
		const BYTE *base = m->e.DllBase;

		if ((const BYTE *)p >= base && (const BYTE *)p - base < m->e.SizeOfImage)
			return m;
	}
	return NULL;
}

PVOID NTAPI RtlPcToFileHeader(PVOID pc, PVOID *base)
{
	struct module *m;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = module_at(pc);
	*base = m ? m->e.DllBase : NULL;
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return *base;
}

NTSTATUS NTAPI LdrFindEntryForAddress(PVOID addr, LDR_DATA_TABLE_ENTRY **entry)
{
	struct module *m;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = module_at(addr);
	if (m)
		*entry = &m->e;
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return m ? STATUS_SUCCESS : STATUS_NO_MORE_ENTRIES;
}

/*
 * No DLL_THREAD_ATTACH/DETACH for @base.  Windows refuses a module with
 * implicit TLS: its TLS callbacks need the thread notifications.
 */
NTSTATUS NTAPI LdrDisableThreadCalloutsForDll(PVOID base)
{
	NTSTATUS st = STATUS_SUCCESS;
	struct module *m;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = ntdll_ldr_find_base(base);
	if (!m || m->tls_slot >= 0)
		st = STATUS_DLL_NOT_FOUND;
	else
		m->e.Flags |= LDRP_DONT_CALL_FOR_THREADS;
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}

/* caller holds the loader lock */
static void add_ref(struct module *m, int pin)
{
	if (pin)
		m->pinned = 1;
	else if (!m->pinned)
		m->refs++;
}

NTSTATUS NTAPI LdrAddRefDll(ULONG flags, PVOID base)
{
	NTSTATUS st = STATUS_SUCCESS;
	struct module *m;

	if (flags & ~LDR_ADDREF_DLL_PIN)
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = ntdll_ldr_find_base(base);
	if (m)
		add_ref(m, flags & LDR_ADDREF_DLL_PIN);
	else
		st = STATUS_DLL_NOT_FOUND;
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}

/*
 * GetModuleHandleEx: LdrGetDllHandle that takes a reference (or pins)
 * unless told not to.
 */
NTSTATUS NTAPI LdrGetDllHandleEx(ULONG flags, PWSTR path, PULONG chars, PUNICODE_STRING name,
				 PVOID *base)
{
	const ULONG both = LDR_GET_DLL_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT |
			   LDR_GET_DLL_HANDLE_EX_FLAG_PIN;
	NTSTATUS st;

	/* bit 2 is accepted and means nothing (as on Windows) */
	if (flags & ~(both | 4) || (flags & both) == both)
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	st = LdrGetDllHandle(path, chars, name, base);
	if (NT_SUCCESS(st) && !(flags & LDR_GET_DLL_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT))
		add_ref(ntdll_ldr_find_base(*base), flags & LDR_GET_DLL_HANDLE_EX_FLAG_PIN);
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}

/*
 * The full path of module @base (NULL: the exe) into @name, NUL-terminated;
 * STATUS_BUFFER_TOO_SMALL (with as much as fits) when it does not fit.
 */
NTSTATUS NTAPI LdrGetDllFullName(PVOID base, PUNICODE_STRING name)
{
	NTSTATUS st = STATUS_DLL_NOT_FOUND;
	struct module *m;

	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	m = base ? ntdll_ldr_find_base(base) : ntdll_ldr_exe;
	if (m) {
		RtlCopyUnicodeString(name, &m->e.FullDllName);
		st = name->MaximumLength < m->e.FullDllName.Length + sizeof(WCHAR) ?
		     STATUS_BUFFER_TOO_SMALL : STATUS_SUCCESS;
	}
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return st;
}

/* the NT headers of the image (or image file) at @base, NULL if it is not one */
PIMAGE_NT_HEADERS NTAPI RtlImageNtHeader(PVOID base)
{
	const IMAGE_DOS_HEADER *dos = base;
	IMAGE_NT_HEADERS64 *nt;

	if (!base || dos->e_magic != IMAGE_DOS_SIGNATURE || dos->e_lfanew < 0 ||
	    dos->e_lfanew > 0x10000000)
		return NULL;
	nt = (IMAGE_NT_HEADERS64 *)((BYTE *)base + dos->e_lfanew);
	return nt->Signature == IMAGE_NT_SIGNATURE ? (PIMAGE_NT_HEADERS)nt : NULL;
}

/*
 * Data directory @dir of the image at @base: mapped as an image (@image),
 * or a file's bytes, where the RVA goes through the section table.  The
 * directory's size in *@size.
 */
PVOID NTAPI RtlImageDirectoryEntryToData(PVOID base, BOOLEAN image, USHORT dir, PULONG size)
{
	BYTE *b = (BYTE *)((ULONG_PTR)base & ~(ULONG_PTR)3);	/* LoadLibraryEx's tag bits */
	IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)RtlImageNtHeader(b);
	const IMAGE_SECTION_HEADER *sec;
	ULONG rva;
	WORD i;

	if (!nt || nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC ||
	    dir >= nt->OptionalHeader.NumberOfRvaAndSizes ||
	    !nt->OptionalHeader.DataDirectory[dir].VirtualAddress)
		return NULL;
	rva = nt->OptionalHeader.DataDirectory[dir].VirtualAddress;
	*size = nt->OptionalHeader.DataDirectory[dir].Size;
	if (image || rva < nt->OptionalHeader.SizeOfHeaders)
		return b + rva;
	sec = (const IMAGE_SECTION_HEADER *)((BYTE *)&nt->OptionalHeader +
					     nt->FileHeader.SizeOfOptionalHeader);
	for (i = 0; i < nt->FileHeader.NumberOfSections; i++, sec++)
		if (rva >= sec->VirtualAddress && rva - sec->VirtualAddress < sec->SizeOfRawData)
			return b + sec->PointerToRawData + (rva - sec->VirtualAddress);
	return NULL;
}

/*
 * The first call of a delay-loaded import (Windows' __delayLoadHelper2 and
 * Wine's DLLs call this): load the DLL the descriptor names, find the
 * function for IAT slot @slot, store it there and return it.  A failure
 * goes to @dll_hook (DELAYLOAD_GPA_FAILURE) or else @sys_hook, whose value
 * is returned (a function that fails the call).
 */
PVOID NTAPI LdrResolveDelayLoadedAPI(PVOID base, const IMAGE_DELAYLOAD_DESCRIPTOR *desc,
				     delayload_dll_hook dll_hook, delayload_sys_hook sys_hook,
				     IMAGE_THUNK_DATA64 *slot, ULONG flags)
{
	BYTE *b = base;
	PVOID *module = (PVOID *)(b + desc->ModuleHandleRVA);
	IMAGE_THUNK_DATA64 *iat = (IMAGE_THUNK_DATA64 *)(b + desc->ImportAddressTableRVA);
	IMAGE_THUNK_DATA64 *names = (IMAGE_THUNK_DATA64 *)(b + desc->ImportNameTableRVA);
	const char *dll = (const char *)(b + desc->DllNameRVA);
	ULONGLONG entry = names[slot - iat].u1.Ordinal;
	int by_ordinal = IMAGE_SNAP_BY_ORDINAL64(entry);
	const char *proc = by_ordinal ? NULL :
			   (const char *)((IMAGE_IMPORT_BY_NAME *)(b + (ULONG)entry))->Name;
	WCHAR wdll[LDR_MAX_NAME + 1];
	NTSTATUS st = STATUS_SUCCESS;
	DELAYLOAD_INFO info;
	ANSI_STRING aname;
	UNICODE_STRING u;
	PVOID fn = NULL;
	SIZE_T n;

	(void)flags;
	if (!*module) {
		for (n = 0; dll[n] && n < LDR_MAX_NAME; n++)
			wdll[n] = (BYTE)dll[n];		/* DLL names are ASCII */
		u.Buffer = wdll;
		u.Length = u.MaximumLength = (USHORT)(n * 2);
		st = dll[n] ? STATUS_DLL_NOT_FOUND : LdrLoadDll(NULL, NULL, &u, module);
	}
	if (NT_SUCCESS(st)) {
		if (proc)
			RtlInitAnsiString(&aname, proc);
		st = LdrGetProcedureAddress(*module, proc ? &aname : NULL,
					    by_ordinal ? IMAGE_ORDINAL64(entry) : 0, &fn);
	}
	if (NT_SUCCESS(st)) {
		slot->u1.Function = (ULONG_PTR)fn;
		return fn;
	}
	memset(&info, 0, sizeof(info));
	info.Size = sizeof(info);
	info.DelayloadDescriptor = desc;
	info.ThunkAddress = slot;
	info.TargetDllName = dll;
	info.TargetApiDescriptor.ImportDescribedByName = !by_ordinal;
	if (by_ordinal)
		info.TargetApiDescriptor.Description.Ordinal = IMAGE_ORDINAL64(entry);
	else
		info.TargetApiDescriptor.Description.Name = proc;
	info.TargetModuleBase = *module;
	info.LastError = st;
	if (dll_hook)
		return dll_hook(DELAYLOAD_GPA_FAILURE, &info);
	return sys_hook ? sys_hook(dll, by_ordinal ? (const char *)IMAGE_ORDINAL64(entry) : proc) :
			  NULL;
}
