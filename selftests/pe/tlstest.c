// SPDX-License-Identifier: GPL-2.0
/*
 * tlstest.exe: implicit TLS of the exe.  The loader must have allocated
 * this thread's TLS block (the template's initial values, then zeros),
 * written _tls_index, and run the TLS callback with DLL_PROCESS_ATTACH
 * before the entry point; at the end the callback runs with
 * DLL_PROCESS_DETACH and says so on stdout (the last line).  Also fiber
 * local storage as Windows 10 gives it (RtlFls*): index 0 and indices past
 * 4079 refused, any other readable and writable, allocated or not; a
 * slot's callback runs on the value when the slot is freed, and at process
 * exit before the DLLs' detach (the line before the last).
 */
#include "ntdllrt.h"
#include "ntttls.h"

NTT_TLS_VAR(int tls_var) = 0x5eed;
NTT_TLS_VAR(int tls_zero[4]) = { 0 };

static volatile int attach_calls, attach_reason = -1, entry_started;
static void *attach_module;

static void tls_callback(void *module, ULONG reason, void *reserved)
{
	(void)reserved;
	if (reason == DLL_PROCESS_ATTACH) {
		attach_calls++;
		attach_reason = entry_started ? -2 : (int)reason;
		attach_module = module;
	} else if (reason == DLL_PROCESS_DETACH) {
		nt_puts(nt_stdout(), "tlstest: callback: process detach\n");
	}
}

static const ntt_tls_callback callbacks[] = { tls_callback, 0 };
NTT_TLS_DIRECTORY(callbacks);

typedef void (*fls_callback)(void *value);
NTSTATUS RtlFlsAlloc(fls_callback callback, ULONG *index);
NTSTATUS RtlFlsFree(ULONG index);
NTSTATUS RtlFlsGetValue(ULONG index, void **value);
NTSTATUS RtlFlsSetValue(ULONG index, void *value);


static void *fls_freed_value;
static int fls_calls;

static void fls_on_free(void *value)
{
	fls_calls++;
	fls_freed_value = value;
}

static void fls_on_exit(void *value)
{
	if (value == (void *)&fls_calls)
		nt_puts(nt_stdout(), "tlstest: fls callback at exit\n");
}

static void check_fls(void)
{
	ULONG a = 0, b = 0, c = 0;
	void *v = (void *)1;

	CHECK("tlstest", RtlFlsGetValue(0, &v) == STATUS_INVALID_PARAMETER && v == (void *)1);
	CHECK("tlstest", RtlFlsSetValue(0, v) == STATUS_INVALID_PARAMETER);
	CHECK("tlstest", RtlFlsGetValue(0xff0, &v) == STATUS_INVALID_PARAMETER);
	CHECK("tlstest", RtlFlsFree(0) == STATUS_INVALID_PARAMETER);
	CHECK("tlstest", RtlFlsFree(127) == STATUS_INVALID_PARAMETER);	/* not allocated */
	CHECK("tlstest", RtlFlsGetValue(127, &v) == 0 && !v);		/* but readable */
	CHECK("tlstest", RtlFlsSetValue(127, (void *)0x217) == 0);
	CHECK("tlstest", RtlFlsGetValue(127, &v) == 0 && v == (void *)0x217);
	CHECK("tlstest", RtlFlsSetValue(127, 0) == 0);
	CHECK("tlstest", RtlFlsAlloc(fls_on_free, &a) == 0 && a >= 1 && a < 0xff0);
	CHECK("tlstest", RtlFlsAlloc(0, &b) == 0 && b != a && b >= 1 && b < 0xff0);
	CHECK("tlstest", RtlFlsGetValue(a, &v) == 0 && !v);
	CHECK("tlstest", RtlFlsSetValue(a, (void *)0x1234) == 0);
	CHECK("tlstest", RtlFlsSetValue(4000, (void *)0x4000) == 0);	/* grows the block */
	CHECK("tlstest", RtlFlsGetValue(a, &v) == 0 && v == (void *)0x1234);
	CHECK("tlstest", RtlFlsGetValue(4000, &v) == 0 && v == (void *)0x4000);
	CHECK("tlstest", RtlFlsSetValue(b, (void *)0x99) == 0);
	CHECK("tlstest", RtlFlsFree(a) == 0 && fls_calls == 1 && fls_freed_value == (void *)0x1234);
	CHECK("tlstest", RtlFlsGetValue(a, &v) == 0 && !v);		/* cleared by the free */
	CHECK("tlstest", RtlFlsFree(a) == STATUS_INVALID_PARAMETER && fls_calls == 1);
	CHECK("tlstest", RtlFlsFree(b) == 0 && fls_calls == 1);	/* no callback */
	CHECK("tlstest", RtlFlsAlloc(fls_on_free, &c) == 0 && c == a);	/* the lowest free one */
	CHECK("tlstest", RtlFlsSetValue(c, 0) == 0 && RtlFlsFree(c) == 0 && fls_calls == 1);
	CHECK("tlstest", RtlFlsAlloc(fls_on_exit, &a) == 0);
	CHECK("tlstest", RtlFlsSetValue(a, &fls_calls) == 0);
}

/* TlsAlloc's bitmaps: RTL_BITMAP headers whose bits lie in the PEB */
static void check_tls_bitmaps(void *peb)
{
	struct { ULONG size; ULONG *bits; } *map, *exp;

	map = *(void **)((char *)peb + 0x78);
	exp = *(void **)((char *)peb + 0x238);
	CHECK("tlstest", map && map->size == 64);
	CHECK("tlstest", map && map->bits == (ULONG *)((char *)peb + 0x80));
	CHECK("tlstest", map && (map->bits[0] & 1));	/* slot 0 is reserved */
	CHECK("tlstest", exp && exp->size == 1024);
	CHECK("tlstest", exp && exp->bits == (ULONG *)((char *)peb + 0x240));
}

int start(void *peb)
{
	entry_started = 1;
	CHECK("tlstest", attach_calls == 1);
	CHECK("tlstest", attach_reason == DLL_PROCESS_ATTACH);
	CHECK("tlstest", attach_module == *(void **)((char *)peb + 0x10));
	CHECK("tlstest", _tls_index != 0xdead);
	CHECK("tlstest", *(void **)(nt_teb_ptr() + 0x58) != 0);
	CHECK("tlstest", NTT_TLS(int, tls_var) == 0x5eed);
	CHECK("tlstest", NTT_TLS(int, tls_zero[3]) == 0);
	NTT_TLS(int, tls_var) = 7;
	CHECK("tlstest", NTT_TLS(int, tls_var) == 7);
	CHECK("tlstest", tls_var == 0x5eed);		/* the template is not the copy */
	check_tls_bitmaps(peb);
	check_fls();
	return nt_done("tlstest");
}
