// SPDX-License-Identifier: GPL-2.0
/*
 * teb.exe NPROC: the main thread's TEB and the PEB's version fields as a
 * process made by the PE exec finds them at its entry point, at the x64
 * offsets Windows 10 uses (what Wine's kernelbase reads): NtTib with the
 * stack bounds around the running stack and Self = gs:[0x30], ClientId =
 * this process and thread, the PEB pointer, LastErrorValue 0,
 * CurrentLocale 0x0409 (the module's default), StaticUnicodeString empty
 * over the TEB's own 261-character buffer, DeallocationStack at or below
 * StackLimit; the PEB's NumberOfProcessors = NPROC and OS version
 * 10.0.19045, platform 2.  Prints "teb ok"; status 0, 1 for a wrong field
 * (named on stderr), 2 for bad arguments.
 */
#include "ntrt.h"
#include "ntttls.h"

NTSTATUS NtQueryInformationProcess(HANDLE Process, int Class, void *Info, ULONG Length,
				   ULONG *ReturnLength);

#define AT(p, off, type)	(*(type *)((unsigned char *)(p) + (off)))

static int wrong(const char *what)
{
	nt_puts(nt_stderr(), "teb: wrong ");
	nt_puts(nt_stderr(), what);
	nt_puts(nt_stderr(), "\n");
	return 1;
}

int start(void *peb)
{
	struct { NTSTATUS exit; void *peb; ULONG_PTR affinity, prio, pid, parent; } pbi;
	unsigned char *teb = nt_teb_ptr(), *sp = (unsigned char *)&pbi;
	UNICODE_STRING *su;
	WCHAR **argv;
	long long nproc;
	ULONG len;

	if (nt_args(&argv) != 2 || nt_wtoi(argv[1], &nproc))
		return 2;
	if (AT(teb, 0x30, unsigned char *) != teb)
		return wrong("NtTib.Self");
	if (AT(teb, 0x60, void *) != peb || nt_peb() != peb)
		return wrong("ProcessEnvironmentBlock");
	if (!(AT(teb, 0x08, unsigned char *) > sp && AT(teb, 0x10, unsigned char *) < sp))
		return wrong("NtTib.StackBase/StackLimit");
	if (AT(teb, 0x1478, unsigned char *) > AT(teb, 0x10, unsigned char *) ||
	    !AT(teb, 0x1478, unsigned char *))
		return wrong("DeallocationStack");
	if (NtQueryInformationProcess(NtCurrentProcess(), 0, &pbi, sizeof(pbi), &len) ||
	    AT(teb, 0x40, ULONG_PTR) != pbi.pid || !AT(teb, 0x48, ULONG_PTR))
		return wrong("ClientId");
	if (AT(teb, 0x68, ULONG) != 0)
		return wrong("LastErrorValue");
	if (AT(teb, 0x108, ULONG) != 0x0409)
		return wrong("CurrentLocale");
	su = &AT(teb, 0x1258, UNICODE_STRING);
	if (su->Length != 0 || su->MaximumLength != 261 * 2 || su->Buffer != (WCHAR *)(teb + 0x1268))
		return wrong("StaticUnicodeString");
	if (AT(peb, 0xb8, ULONG) != (ULONG)nproc)
		return wrong("PEB NumberOfProcessors");
	if (AT(peb, 0x118, ULONG) != 10 || AT(peb, 0x11c, ULONG) != 0 ||
	    AT(peb, 0x120, USHORT) != 19045 || AT(peb, 0x124, ULONG) != 2)
		return wrong("PEB OS version");
	nt_puts(nt_stdout(), "teb ok\n");
	return 0;
}
