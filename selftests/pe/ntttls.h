/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntttls.h: implicit TLS without a C runtime, for the TLS tests.  The linker
 * makes the image's TLS directory from the symbol _tls_used (as mingw's
 * CRT defines it in tlssup.c); the template is the .tls section, between
 * the markers in .tls$AAA and .tls$ZZZ (the linker sorts .tls$* by name).
 * Each thread's copy is at TEB->ThreadLocalStoragePointer[_tls_index].
 */
#ifndef NTTTLS_H
#define NTTTLS_H

typedef void (*ntt_tls_callback)(void *module, ULONG reason, void *reserved);

typedef struct {
	ULONG_PTR StartAddressOfRawData;
	ULONG_PTR EndAddressOfRawData;
	ULONG_PTR AddressOfIndex;
	ULONG_PTR AddressOfCallBacks;
	ULONG SizeOfZeroFill;
	ULONG Characteristics;
} NTT_TLS_DIRECTORY;

#define NTT_TLS_VAR(decl)	__attribute__((section(".tls$B"))) decl

/* the directory, with the callbacks @cbs (a NULL-terminated array, or NULL) */
#define NTT_TLS_DIRECTORY(cbs)						\
	__attribute__((section(".tls$AAA"))) char ntt_tls_start = 0;	\
	__attribute__((section(".tls$ZZZ"))) char ntt_tls_end = 0;	\
	ULONG _tls_index = 0xdead;					\
	__attribute__((used)) const NTT_TLS_DIRECTORY _tls_used = {	\
		(ULONG_PTR)&ntt_tls_start, (ULONG_PTR)&ntt_tls_end,	\
		(ULONG_PTR)&_tls_index, (ULONG_PTR)(cbs), 0, 0 }

/* this thread's copy of the TLS variable @var */
#define NTT_TLS(type, var) (*(type *)(					\
	(*(char ***)(nt_teb_ptr() + 0x58))[_tls_index] +		\
	((char *)&(var) - &ntt_tls_start)))

static inline unsigned char *nt_teb_ptr(void)
{
	unsigned char *teb;

	__asm__ volatile("mov %%gs:0x30, %0" : "=r"(teb));
	return teb;
}

#endif
