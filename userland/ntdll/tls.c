// SPDX-License-Identifier: GPL-2.0
/*
 * TlsAlloc's slot bitmaps, and implicit TLS (the IMAGE_TLS_DIRECTORY of the
 * exe and of DLLs): each such module gets a slot; a thread's
 * TEB->ThreadLocalStoragePointer points to a vector with, at that slot, the thread's copy of the module's template
 * (the raw data, then SizeOfZeroFill zero bytes).  The slot number is
 * written to the module's AddressOfIndex, where its code reads it.
 *
 * There is one thread today: the vector built here is the main thread's.
 * A thread-creation path will allocate a vector per new thread from
 * tls_mods[], the same way (and must then also grow every thread's vector
 * when a DLL with TLS is loaded at run time, as Windows does).
 */
#include "crt.h"
#include "heap.h"
#include "loader.h"
#include "peb.h"

#define MAX_TLS_DATA	(16 * 1024 * 1024)
#define MAX_CALLBACKS	256

/*
 * TlsAlloc's slots (kernelbase finds a clear bit in PEB->TlsBitmap, then in
 * PEB->TlsExpansionBitmap): the bitmaps' bits are in the PEB, their
 * RTL_BITMAP headers here, as on Windows.  Slot 0 is reserved.
 */
#define PEB_TLS_BITMAP			0x078
#define PEB_TLS_BITMAP_BITS		0x080	/* 64 bits: TEB->TlsSlots */
#define PEB_TLS_EXPANSION_BITMAP	0x238
#define PEB_TLS_EXPANSION_BITMAP_BITS	0x240	/* 1024 bits: TEB->TlsExpansionSlots */

static struct {			/* RTL_BITMAP */
	ULONG size;
	ULONG *bits;
} tls_bitmap, tls_expansion_bitmap;

void ntdll_tls_init_slots(BYTE *peb)
{
	tls_bitmap.size = 64;
	tls_bitmap.bits = &NT_FIELD(peb, PEB_TLS_BITMAP_BITS, ULONG);
	tls_expansion_bitmap.size = 1024;
	tls_expansion_bitmap.bits = &NT_FIELD(peb, PEB_TLS_EXPANSION_BITMAP_BITS, ULONG);
	tls_bitmap.bits[0] |= 1;
	NT_FIELD(peb, PEB_TLS_BITMAP, void *) = &tls_bitmap;
	NT_FIELD(peb, PEB_TLS_EXPANSION_BITMAP, void *) = &tls_expansion_bitmap;
}

static struct module **tls_mods;	/* slot -> module */
static unsigned int tls_cap;

static void *heap(void)
{
	return RtlGetProcessHeap();
}

/* the module's TLS directory, or NULL (none, or not inside the image) */
static IMAGE_TLS_DIRECTORY64 *tls_dir(const struct module *m)
{
	IMAGE_DATA_DIRECTORY *d = ntdll_image_dir(&m->im, IMAGE_DIRECTORY_ENTRY_TLS);

	if (!d->Size)
		return NULL;
	return ntdll_image_rva(&m->im, d->VirtualAddress, sizeof(IMAGE_TLS_DIRECTORY64));
}

/* the image RVA of the virtual address @va, if @len bytes there are inside it */
static void *va_in(const struct module *m, ULONGLONG va, SIZE_T len)
{
	if (va < (ULONG_PTR)m->im.base || va - (ULONG_PTR)m->im.base > 0xffffffffULL)
		return NULL;
	return ntdll_image_rva(&m->im, (ULONG)(va - (ULONG_PTR)m->im.base), len);
}

static NTSTATUS grow(unsigned int need)
{
	void **vec = NT_FIELD(ntdll_teb(), TEB_TLS_POINTER, void **), **nvec;
	struct module **nmods;
	unsigned int cap = tls_cap ? tls_cap : 8;

	while (cap < need)
		cap *= 2;
	nvec = RtlAllocateHeap(heap(), HEAP_ZERO_MEMORY, cap * sizeof(void *));
	nmods = RtlAllocateHeap(heap(), HEAP_ZERO_MEMORY, cap * sizeof(*nmods));
	if (!nvec || !nmods) {
		RtlFreeHeap(heap(), 0, nvec);
		RtlFreeHeap(heap(), 0, nmods);
		return STATUS_NO_MEMORY;
	}
	if (tls_cap) {
		memcpy(nvec, vec, tls_cap * sizeof(void *));
		memcpy(nmods, tls_mods, tls_cap * sizeof(*nmods));
	}
	/* the new vector is complete before the thread sees it */
	NT_FIELD(ntdll_teb(), TEB_TLS_POINTER, void **) = nvec;
	RtlFreeHeap(heap(), 0, vec);
	RtlFreeHeap(heap(), 0, tls_mods);
	tls_mods = nmods;
	tls_cap = cap;
	return STATUS_SUCCESS;
}

NTSTATUS ntdll_tls_add_module(struct module *m)
{
	IMAGE_TLS_DIRECTORY64 *td = tls_dir(m);
	ULONGLONG data;
	BYTE *tmpl, *block;
	unsigned int slot;
	ULONG *index;
	NTSTATUS st;

	if (!td)
		return ntdll_image_dir(&m->im, IMAGE_DIRECTORY_ENTRY_TLS)->Size ?
		       STATUS_INVALID_IMAGE_FORMAT : STATUS_SUCCESS;
	data = td->EndAddressOfRawData - td->StartAddressOfRawData;
	if (td->EndAddressOfRawData < td->StartAddressOfRawData || data > MAX_TLS_DATA ||
	    td->SizeOfZeroFill > MAX_TLS_DATA)
		return STATUS_INVALID_IMAGE_FORMAT;
	tmpl = data ? va_in(m, td->StartAddressOfRawData, data) : NULL;
	index = va_in(m, td->AddressOfIndex, sizeof(ULONG));
	if ((data && !tmpl) || !index)
		return STATUS_INVALID_IMAGE_FORMAT;
	for (slot = 0; slot < tls_cap && tls_mods[slot]; slot++)
		;
	if (slot == tls_cap) {
		st = grow(slot + 1);
		if (!NT_SUCCESS(st))
			return st;
	}
	block = RtlAllocateHeap(heap(), 0, data + td->SizeOfZeroFill + 16);
	if (!block)
		return STATUS_NO_MEMORY;
	memcpy(block, tmpl, data);
	memset(block + data, 0, td->SizeOfZeroFill + 16);
	tls_mods[slot] = m;
	NT_FIELD(ntdll_teb(), TEB_TLS_POINTER, void **)[slot] = block;
	m->tls_slot = (int)slot;
	m->e.TlsIndex = (USHORT)slot;
	ntdll_ldr_poke(m, index, &slot, sizeof(ULONG));
	return STATUS_SUCCESS;
}

void ntdll_tls_remove_module(struct module *m)
{
	void **vec = NT_FIELD(ntdll_teb(), TEB_TLS_POINTER, void **);

	if (m->tls_slot < 0 || (unsigned int)m->tls_slot >= tls_cap)
		return;
	RtlFreeHeap(heap(), 0, vec[m->tls_slot]);
	vec[m->tls_slot] = NULL;
	tls_mods[m->tls_slot] = NULL;
	m->tls_slot = -1;
}

typedef void (NTAPI *tls_callback_fn)(PVOID, DWORD, PVOID);

/* Run the module's TLS callbacks: a NULL-terminated array of addresses in the image. */
void ntdll_tls_callbacks(struct module *m, DWORD reason)
{
	IMAGE_TLS_DIRECTORY64 *td = tls_dir(m);
	unsigned int i;

	if (!td || !td->AddressOfCallBacks)
		return;
	for (i = 0; i < MAX_CALLBACKS; i++) {
		ULONGLONG *p = va_in(m, td->AddressOfCallBacks + i * 8ULL, 8);

		if (!p || !*p || !va_in(m, *p, 1))
			return;
		((tls_callback_fn)(ULONG_PTR)*p)(m->e.DllBase, reason, NULL);
	}
}
