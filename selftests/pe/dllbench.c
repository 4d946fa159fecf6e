// SPDX-License-Identifier: GPL-2.0
/*
 * dllbench.exe N: LdrLoadDll + LdrUnloadDll of ntt_big.dll (1 MiB, beside
 * this program) N times, after one load that puts its image in the cache;
 * prints "dll_load_cached NS" (ns per load and unload) for ntbench.
 */
#include "ntdllrt.h"

#define P "dllbench"

int start(void *peb)
{
	LARGE_INTEGER t0, t1, freq;
	unsigned long long i, ns;
	long long n = 0;
	UNICODE_STRING name;
	WCHAR **argv;
	void *h;
	NTSTATUS st;
	int argc;

	(void)peb;
	argc = nt_args(&argv);
	if (argc < 2 || nt_wtoi(argv[1], &n) || n <= 0)
		n = 1000;
	RtlInitUnicodeString(&name, L"ntt_big.dll");
	st = LdrLoadDll(0, 0, &name, &h);
	if (st) {
		nt_report(P, "LdrLoadDll(ntt_big.dll)", st);
		return 1;
	}
	LdrUnloadDll(h);
	NtQueryPerformanceCounter(&t0, &freq);
	for (i = 0; i < (unsigned long long)n; i++) {
		st = LdrLoadDll(0, 0, &name, &h);
		if (st) {
			nt_report(P, "LdrLoadDll(ntt_big.dll)", st);
			return 1;
		}
		LdrUnloadDll(h);
	}
	NtQueryPerformanceCounter(&t1, 0);
	ns = (unsigned long long)(t1.QuadPart - t0.QuadPart) * 1000000000ULL /
	     (unsigned long long)freq.QuadPart / (unsigned long long)n;
	nt_puts(nt_stdout(), "dll_load_cached ");
	nt_put_udec(nt_stdout(), ns);
	nt_puts(nt_stdout(), "\n");
	return 0;
}
