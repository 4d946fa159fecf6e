// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_big.dll: a DLL of 1 MiB (its data), for the dll_load_cached figure of
 * make bench: what LdrLoadDll + LdrUnloadDll cost once the image is cached.
 */
#include "ntdllrt.h"

#define BIG	(1 << 20)

/* initialized, so it is in the file: the DLL is over 1 MiB on disk */
__attribute__((used)) const unsigned char ntt_big_blob[BIG] = { 1, 2, 3 };

__attribute__((dllexport)) unsigned int ntt_big_byte(unsigned int i)
{
	return ntt_big_blob[i % BIG];
}

int __stdcall DllMain(void *base, unsigned long reason, void *reserved)
{
	(void)base;
	(void)reason;
	(void)reserved;
	return 1;
}
