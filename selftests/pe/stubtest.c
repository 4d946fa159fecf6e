// SPDX-License-Identifier: GPL-2.0
/*
 * stubtest: ntdll.dll as ntdll.spec describes it, seen from a program.
 * Every export of the spec resolves in the ntdll.dll that runs
 * (LdrGetProcedureAddress), and every stub returns what the spec says
 * (STATUS_NOT_IMPLEMENTED, FALSE, NULL or its number), twice.  Each stub
 * called is named on stdout ("stub NAME"): run_pe_tests.sh checks that
 * stderr has exactly one fixme line for each, in that order.  The table
 * comes from the spec (genspec.awk out=names), so the test follows the
 * spec as stubs are added or implemented.
 */
#include "ntdllrt.h"

#define P "stubtest"

enum result { NTDLL_SPEC_IMPLEMENTED, NTDLL_SPEC_STATUS, NTDLL_SPEC_FALSE, NTDLL_SPEC_NULL,
	      NTDLL_SPEC_VOID, NTDLL_SPEC_VALUE };

static const struct spec_export {
	const char *name;
	enum result result;
	long long value;
} spec[] = {
#define NTDLL_SPEC_EXPORT(name, result, value) { #name, result, value },
#include "ntdll_spec.h"
#undef NTDLL_SPEC_EXPORT
};

/* a stub takes no arguments as far as it is concerned (stubs.c) */
typedef long long (*stub_fn)(void);

static int result_ok(const struct spec_export *e, long long r)
{
	switch (e->result) {
	case NTDLL_SPEC_STATUS:
		return (NTSTATUS)r == STATUS_NOT_IMPLEMENTED;
	case NTDLL_SPEC_FALSE:
		return (unsigned char)r == 0;
	case NTDLL_SPEC_NULL:
		return r == 0;
	case NTDLL_SPEC_VALUE:
		return r == e->value;
	default:
		return 1;
	}
}

int start(void *peb)
{
	static const WCHAR ntdll_name[] = L"ntdll.dll";
	unsigned int i, impl = 0, stubs = 0, resolved = 0;
	UNICODE_STRING u;
	void *ntdll = 0;

	(void)peb;
	RtlInitUnicodeString(&u, ntdll_name);
	CHECK(P, LdrGetDllHandle(0, 0, &u, &ntdll) == STATUS_SUCCESS && ntdll);
	CHECK(P, sizeof(spec) / sizeof(spec[0]) == NTDLL_SPEC_EXPORTS);
	for (i = 0; ntdll && i < sizeof(spec) / sizeof(spec[0]); i++) {
		const struct spec_export *e = &spec[i];
		ANSI_STRING a;
		void *addr = 0;
		stub_fn f;

		RtlInitAnsiString(&a, e->name);
		if (LdrGetProcedureAddress(ntdll, &a, 0, &addr) != STATUS_SUCCESS || !addr) {
			nt_puts(nt_stderr(), P ": ntdll.dll does not export ");
			nt_puts(nt_stderr(), e->name);
			nt_puts(nt_stderr(), "\n");
			nt_failures++;
			continue;
		}
		resolved++;
		if (e->result == NTDLL_SPEC_IMPLEMENTED) {
			impl++;
			continue;
		}
		stubs++;
		nt_puts(nt_stdout(), "stub ");
		nt_puts(nt_stdout(), e->name);
		nt_puts(nt_stdout(), "\n");
		f = (stub_fn)addr;
		CHECK(P, result_ok(e, f()));
		CHECK(P, result_ok(e, f()));	/* the second call says nothing */
	}
	CHECK(P, impl == NTDLL_SPEC_IMPLEMENTED && stubs == NTDLL_SPEC_STUBS);
	nt_puts(nt_stdout(), "ntdll.spec: ");
	nt_put_udec(nt_stdout(), resolved);
	nt_puts(nt_stdout(), " exports resolve: ");
	nt_put_udec(nt_stdout(), impl);
	nt_puts(nt_stdout(), " implemented, ");
	nt_put_udec(nt_stdout(), stubs);
	nt_puts(nt_stdout(), " stubs\n");
	return nt_done(P);
}
