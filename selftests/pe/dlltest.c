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
	return nt_done(P);
}
