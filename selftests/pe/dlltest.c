// SPDX-License-Identifier: GPL-2.0
/*
 * dlltest.exe: DLLs.  ntt_static.dll is a static import (its DllMain ran
 * before this entry point, and it was relocated: it is linked at ntdll's
 * base); ntt_dll.dll is loaded at run time with LdrLoadDll and used through
 * LdrGetProcedureAddress (by name, by ordinal, a forwarder, errors), then
 * unloaded (reference counted; DllMain(DLL_PROCESS_DETACH) at zero).  The
 * PEB->Ldr lists are walked as a debugger or a CRT would.
 */
#include "ntdllrt.h"

#define P "dlltest"

int ntt_static_attach(int *reserved_set);
const char *ntt_static_message(void);

/* the InLoadOrder entry named @name (or NULL); *@pos its position from 0 */
static unsigned char *find_entry(void *peb, unsigned int list, const char *name, int *pos)
{
	LIST_ENTRY *head = (LIST_ENTRY *)(*(unsigned char **)((char *)peb + PEB_LDR) + list), *e;
	int i = 0;

	for (e = head->Flink; e != head && i < 1000; e = e->Flink, i++) {
		/* the links are at 0x00, 0x10, 0x20 of the entry for the three lists */
		unsigned char *entry = (unsigned char *)e - (list - LDR_IN_LOAD_ORDER);

		if (nt_us_ieq((UNICODE_STRING *)(entry + ENTRY_BASE_DLL_NAME), name)) {
			*pos = i;
			return entry;
		}
	}
	return 0;
}

static int list_length(void *peb, unsigned int list)
{
	LIST_ENTRY *head = (LIST_ENTRY *)(*(unsigned char **)((char *)peb + PEB_LDR) + list), *e;
	int i = 0;

	for (e = head->Flink; e != head && i < 1000; e = e->Flink)
		i++;
	return i;
}

static void *proc(void *base, const char *name, ULONG ordinal, NTSTATUS *st)
{
	ANSI_STRING a;
	void *p = 0;

	RtlInitAnsiString(&a, name);
	*st = LdrGetProcedureAddress(base, name ? &a : 0, ordinal, &p);
	return p;
}

static NTSTATUS handle(const WCHAR *name, void **base)
{
	UNICODE_STRING u;

	RtlInitUnicodeString(&u, name);
	*base = 0;
	return LdrGetDllHandle(0, 0, &u, base);
}

/* the tail of @s (@n characters) is @tail, case-insensitively */
static int ends_with(const WCHAR *s, unsigned int n, const char *tail)
{
	unsigned int t = 0;

	while (tail[t])
		t++;
	if (t > n)
		return 0;
	for (s += n - t; *tail; s++, tail++)
		if ((*s | 0x20) != (*tail | 0x20))
			return 0;
	return 1;
}

/* A delay-load descriptor over this exe's data (RVAs from the exe's base). */
static struct {
	ULONG attrs, dll, module, iat, names, bound, unload, stamp;
} delay;
static void *delay_module;
static ULONG_PTR delay_iat[3], delay_names[3];
static struct { unsigned short hint; char name[16]; } delay_by_name[2] = {
	{ 0, "NtClose" }, { 0, "NtNoSuchCall" }
};
static const char delay_dll[] = "ntdll.dll";
static ULONG hook_reason;
static void *hook_thunk;

static void *dll_hook(ULONG reason, void **info)
{
	hook_reason = reason;
	hook_thunk = info[2];		/* DELAYLOAD_INFO.ThunkAddress */
	return (void *)dll_hook;
}

/*
 * The API set schema (apisetschema.dll, next to the Win32 DLLs), as
 * Windows answers (the cases of Wine's kernel32 module tests): Ex wants
 * the exact name without extension, the other takes any version and an
 * extension.
 */
static void api_sets(void)
{
	static const struct {
		const WCHAR *name;
		BOOLEAN present;
		NTSTATUS status;
		BOOLEAN present_ex, in_schema;
	} sets[] = {
		{ L"api-ms-win-core-console-l1-1-0", 1, 0, 1, 1 },
		{ L"api-ms-win-core-console-l1-1-0.dll", 1, STATUS_INVALID_PARAMETER, 0, 0 },
		{ L"API-MS-WIN-CRT-STDIO-L1-1-0", 1, 0, 1, 1 },
		{ L"api-ms-win-core-console-l1-1-9", 1, 0, 0, 0 },
		{ L"api-ms-win-core-console-l1-1", 0, 0, 0, 0 },
		{ L"api-ms-win-core-console-l1-1-0.fake", 1, STATUS_INVALID_PARAMETER, 0, 0 },
		{ L"api-ms-win-foo-bar-l1-1-0", 0, 0, 0, 0 },
		{ L"api-ms-win-foo-bar-l1-1-0.dll", 0, STATUS_INVALID_PARAMETER, 0, 0 },
		{ L"kernel32", 0, STATUS_INVALID_PARAMETER, 0, 0 },
		{ L"", 0, STATUS_INVALID_PARAMETER, 0, 0 },
	};
	UNICODE_STRING name;
	BOOLEAN in, present;
	unsigned int i;
	NTSTATUS st;
	void *h;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		RtlInitUnicodeString(&name, sets[i].name);
		present = 0xff;
		CHECK(P, ApiSetQueryApiSetPresence(&name, &present) == 0 &&
			 present == sets[i].present);
		in = present = 0xff;
		st = ApiSetQueryApiSetPresenceEx(&name, &in, &present);
		CHECK(P, st == sets[i].status);
		if (st)
			CHECK(P, in == 0xff && present == 0xff);
		else
			CHECK(P, in == sets[i].in_schema && present == sets[i].present_ex);
	}
	/* a set whose host is not loaded: no handle, as for the host's own name */
	RtlInitUnicodeString(&name, L"api-ms-win-crt-math-l1-1-0.dll");
	CHECK(P, LdrGetDllHandle(0, 0, &name, &h) == STATUS_DLL_NOT_FOUND);
}

static ULONG rva(void *exe, const void *p)
{
	return (ULONG)((const char *)p - (const char *)exe);
}

/* the loader's answers about modules, and its small requests */
static void loader_queries(void *peb, void *exe, void *h, void *ntdll, void *fn)
{
	WCHAR buf[300];
	UNICODE_STRING full = { 0, sizeof(buf), buf };
	void *b = (void *)1, *entry = 0, *nt, *dir;
	UNICODE_STRING name;
	ULONG size = 0;
	NTSTATUS st;

	CHECK(P, RtlPcToFileHeader(fn, &b) == h && b == h);
	CHECK(P, RtlPcToFileHeader((char *)exe + 0x1000, &b) == exe && b == exe);
	CHECK(P, !RtlPcToFileHeader((void *)0x10000, &b) && !b);
	CHECK(P, LdrFindEntryForAddress(fn, &entry) == 0 &&
		 *(void **)((char *)entry + ENTRY_DLL_BASE) == h);
	CHECK(P, LdrFindEntryForAddress((void *)0x10000, &entry) == STATUS_NO_MORE_ENTRIES);

	CHECK(P, LdrGetDllFullName(h, &full) == 0 && ends_with(buf, full.Length / 2, "\\ntt_dll.dll") &&
		 !buf[full.Length / 2]);
	CHECK(P, LdrGetDllFullName(0, &full) == 0 && ends_with(buf, full.Length / 2, "\\dlltest.exe"));
	full.MaximumLength = 4;
	buf[2] = 0x2323;
	CHECK(P, LdrGetDllFullName(0, &full) == STATUS_BUFFER_TOO_SMALL && full.Length == 4 &&
		 buf[2] == 0x2323);
	full.MaximumLength = sizeof(buf);
	CHECK(P, LdrGetDllFullName((void *)0x10000, &full) == STATUS_DLL_NOT_FOUND);

	nt = RtlImageNtHeader(h);
	CHECK(P, nt && nt == (char *)h + *(int *)((char *)h + 0x3c) && *(ULONG *)nt == 0x4550);
	CHECK(P, !RtlImageNtHeader(0));
	CHECK(P, !RtlImageNtHeader((char *)h + 0x1000));	/* no MZ there */
	dir = RtlImageDirectoryEntryToData(h, 1, 0, &size);	/* the export directory */
	CHECK(P, dir && size >= 40 && (char *)dir > (char *)h);
	CHECK(P, !RtlImageDirectoryEntryToData(h, 1, 16, &size));
	CHECK(P, !RtlImageDirectoryEntryToData(h, 1, 4, &size));	/* no certificates... */
	CHECK(P, RtlImageDirectoryEntryToData(exe, 1, 1, &size) != 0);	/* ...imports, yes */

	/* LdrAddRefDll and LdrGetDllHandleEx take references: two more unloads */
	CHECK(P, LdrAddRefDll(0, h) == 0);
	/* as Windows (and ReactOS); Wine takes the reference, and says INVALID_PARAMETER */
	CHECK(P, LdrAddRefDll(2, h) == STATUS_INVALID_PARAMETER);
	CHECK(P, LdrAddRefDll(0, (void *)0x10000) == STATUS_DLL_NOT_FOUND);
	RtlInitUnicodeString(&name, L"ntt_dll");
	CHECK(P, LdrGetDllHandleEx(0, 0, 0, &name, &b) == 0 && b == h);
	CHECK(P, LdrGetDllHandleEx(1, 0, 0, &name, &b) == 0 && b == h);	/* unchanged */
	CHECK(P, LdrGetDllHandleEx(3, 0, 0, &name, &b) == STATUS_INVALID_PARAMETER);
	CHECK(P, LdrGetDllHandleEx(8, 0, 0, &name, &b) == STATUS_INVALID_PARAMETER);
	CHECK(P, LdrUnloadDll(h) == 0 && LdrUnloadDll(h) == 0);

	/* no thread callouts: refused for a DLL with implicit TLS (ntt_dll's) */
	CHECK(P, LdrDisableThreadCalloutsForDll(h) == STATUS_DLL_NOT_FOUND);
	CHECK(P, LdrDisableThreadCalloutsForDll(ntdll) == 0);
	CHECK(P, LdrDisableThreadCalloutsForDll((void *)0x10000) == STATUS_DLL_NOT_FOUND);

	/* a delay-loaded import: resolved and stored on first call; a missing one goes to the hook */
	delay.attrs = 1;
	delay.dll = rva(exe, delay_dll);
	delay.module = rva(exe, &delay_module);
	delay.iat = rva(exe, delay_iat);
	delay.names = rva(exe, delay_names);
	delay_names[0] = rva(exe, &delay_by_name[0]);
	delay_names[1] = rva(exe, &delay_by_name[1]);
	b = LdrResolveDelayLoadedAPI(exe, &delay, dll_hook, 0, &delay_iat[0], 0);
	CHECK(P, b && b == proc(ntdll, "NtClose", 0, &st) && delay_iat[0] == (ULONG_PTR)b &&
		 delay_module == ntdll);
	b = LdrResolveDelayLoadedAPI(exe, &delay, dll_hook, 0, &delay_iat[1], 0);
	CHECK(P, b == (void *)dll_hook && hook_reason == 4 && hook_thunk == &delay_iat[1] &&
		 !delay_iat[1]);
	(void)peb;
}

int start(void *peb)
{
	void *exe = *(void **)((char *)peb + 0x10), *h = 0, *h2 = 0, *ntdll, *sbase, *p;
	UNICODE_STRING name;
	volatile int detached = 0;
	int reserved_set = -1, pos = -1, loaded_pos = -1;
	unsigned char *e;
	NTSTATUS st;
	const char *msg;

	/* the static import: initialized first, with reserved != NULL; relocated */
	CHECK(P, ntt_static_attach(&reserved_set) == DLL_PROCESS_ATTACH);
	CHECK(P, reserved_set == 1);
	msg = ntt_static_message();
	CHECK(P, msg && msg[0] == 'r' && msg[8] == 'd' && !msg[9]);
	CHECK(P, handle(L"ntt_static.dll", &sbase) == 0 && sbase);

	/* PEB->Ldr: the exe first, then ntdll.dll, as on Windows */
	e = find_entry(peb, LDR_IN_LOAD_ORDER, "dlltest.exe", &pos);
	CHECK(P, e && pos == 0 && *(void **)(e + ENTRY_DLL_BASE) == exe);
	e = find_entry(peb, LDR_IN_LOAD_ORDER, "ntdll.dll", &pos);
	CHECK(P, e && pos == 1);
	CHECK(P, find_entry(peb, LDR_IN_LOAD_ORDER, "ntt_static.dll", &pos) != 0);
	CHECK(P, find_entry(peb, LDR_IN_INIT_ORDER, "ntdll.dll", &pos) && pos == 0);
	CHECK(P, find_entry(peb, LDR_IN_INIT_ORDER, "ntt_static.dll", &pos) != 0);
	CHECK(P, !find_entry(peb, LDR_IN_INIT_ORDER, "dlltest.exe", &pos));
	CHECK(P, list_length(peb, LDR_IN_LOAD_ORDER) == list_length(peb, LDR_IN_MEMORY_ORDER));
	CHECK(P, handle(L"NTDLL", &ntdll) == 0 && ntdll);
	CHECK(P, sbase != ntdll);	/* one of the two was moved (Wine's ntdll is elsewhere) */

	/* not loaded yet, then loaded at run time */
	CHECK(P, handle(L"ntt_dll.dll", &h) == STATUS_DLL_NOT_FOUND);
	RtlInitUnicodeString(&name, L"ntt_dll.dll");
	st = LdrLoadDll(0, 0, &name, &h);
	CHECK(P, st == 0 && h);
	if (st || !h)
		return nt_done(P);
	CHECK(P, find_entry(peb, LDR_IN_LOAD_ORDER, "ntt_dll.dll", &loaded_pos) != 0);
	CHECK(P, ((int (*)(int *))proc(h, "ntt_attach", 0, &st))(&reserved_set) ==
		 DLL_PROCESS_ATTACH);
	CHECK(P, reserved_set == 0);		/* NULL for a dynamic load */
	p = proc(h, "ntt_add", 0, &st);
	CHECK(P, st == 0 && p && ((int (*)(int, int))p)(2, 3) == 5);
	CHECK(P, proc(h, 0, 5, &st) == p && st == 0);		/* ntt_add is @5 */
	p = proc(h, 0, 7, &st);
	CHECK(P, st == 0 && p && ((int (*)(void))p)() == 77);
	CHECK(P, !proc(h, "ntt_no_such_export", 0, &st) && st == STATUS_PROCEDURE_NOT_FOUND);
	/* ours says STATUS_ORDINAL_NOT_FOUND, Wine STATUS_PROCEDURE_NOT_FOUND */
	CHECK(P, !proc(h, 0, 999, &st) &&
		 (st == STATUS_ORDINAL_NOT_FOUND || st == STATUS_PROCEDURE_NOT_FOUND));
	p = proc(h, "ntt_fwd_strlen", 0, &st);
	CHECK(P, st == 0 && p && p == proc(ntdll, "strlen", 0, &st));
	p = proc(h, "ntt_tls_value", 0, &st);
	CHECK(P, st == 0 && p && ((int (*)(void))p)() == 4321);

	loader_queries(peb, exe, h, ntdll, p);

	/* a second load is the same module; unloads count down */
	CHECK(P, LdrLoadDll(0, 0, &name, &h2) == 0 && h2 == h);
	((void (*)(volatile int *))proc(h, "ntt_set_detach_flag", 0, &st))(&detached);
	CHECK(P, LdrUnloadDll(h) == 0);
	CHECK(P, !detached && handle(L"ntt_dll.dll", &h2) == 0 && h2 == h);
	CHECK(P, LdrUnloadDll(h) == 0);
	CHECK(P, detached);
	CHECK(P, handle(L"ntt_dll.dll", &h2) == STATUS_DLL_NOT_FOUND);

	/* a DLL that is nowhere */
	RtlInitUnicodeString(&name, L"ntt_nowhere.dll");
	CHECK(P, LdrLoadDll(0, 0, &name, &h) == STATUS_DLL_NOT_FOUND);

	api_sets();
	return nt_done(P);
}
