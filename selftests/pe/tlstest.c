// SPDX-License-Identifier: GPL-2.0
/*
 * tlstest.exe: implicit TLS of the exe.  The loader must have allocated
 * this thread's TLS block (the template's initial values, then zeros),
 * written _tls_index, and run the TLS callback with DLL_PROCESS_ATTACH
 * before the entry point; at the end the callback runs with
 * DLL_PROCESS_DETACH and says so on stdout (the last line).
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

/* TlsAlloc's bitmaps: RTL_BITMAP headers whose bits lie in the PEB */
static void check_tls_bitmaps(void *peb)
{
	struct { ULONG size; ULONG *bits; } *map, *exp;

	map = *(void **)((char *)peb + 0x78);
	exp = *(void **)((char *)peb + 0x150);
	CHECK("tlstest", map && map->size == 64);
	CHECK("tlstest", map && map->bits == (ULONG *)((char *)peb + 0x80));
	CHECK("tlstest", map && (map->bits[0] & 1));	/* slot 0 is reserved */
	CHECK("tlstest", exp && exp->size == 1024);
	CHECK("tlstest", exp && exp->bits == (ULONG *)((char *)peb + 0x158));
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
	return nt_done("tlstest");
}
