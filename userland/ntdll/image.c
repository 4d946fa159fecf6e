// SPDX-License-Identifier: GPL-2.0
/*
 * A PE32+ image in memory, as the loader sees it: its headers checked once,
 * then every RVA the loader follows (directories, names, thunks, relocation
 * blocks) checked against SizeOfImage before it is touched, so that a
 * malformed image makes the load fail and never makes ntdll fault.
 */
#include "crt.h"
#include "image.h"
#include "virtual.h"

#define PAGE_SIZE_	0x1000

static IMAGE_SECTION_HEADER *image_sections(const IMAGE_NT_HEADERS64 *nt)
{
	return (IMAGE_SECTION_HEADER *)((BYTE *)&nt->OptionalHeader +
					nt->FileHeader.SizeOfOptionalHeader);
}

/*
 * The NT headers at @buf, or NULL when they are not those of an x64 PE32+
 * image whose section table fits in SizeOfHeaders.  @len bytes are
 * readable there: the start of a file, or the first page of a mapped image
 * (@mapped: then all of SizeOfImage is).
 */
IMAGE_NT_HEADERS64 *ntdll_image_headers(const void *buf, SIZE_T len, int mapped)
{
	const IMAGE_DOS_HEADER *dos = buf;
	IMAGE_NT_HEADERS64 *nt;
	const IMAGE_OPTIONAL_HEADER64 *opt;
	SIZE_T end;

	if (len < sizeof(*dos) + sizeof(*nt) || dos->e_magic != IMAGE_DOS_SIGNATURE ||
	    dos->e_lfanew < 0 || (ULONG)dos->e_lfanew > len - sizeof(*nt))
		return NULL;
	nt = (IMAGE_NT_HEADERS64 *)((BYTE *)buf + dos->e_lfanew);
	opt = &nt->OptionalHeader;
	if (nt->Signature != IMAGE_NT_SIGNATURE ||
	    nt->FileHeader.Machine != IMAGE_FILE_MACHINE_AMD64 ||
	    nt->FileHeader.SizeOfOptionalHeader < __builtin_offsetof(IMAGE_OPTIONAL_HEADER64,
								   DataDirectory) ||
	    opt->Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC || nt->FileHeader.NumberOfSections > 96)
		return NULL;
	if (opt->SectionAlignment < PAGE_SIZE_ || opt->SectionAlignment & (PAGE_SIZE_ - 1) ||
	    !opt->FileAlignment || opt->FileAlignment > opt->SectionAlignment ||
	    opt->ImageBase & 0xffff || !opt->SizeOfImage || opt->SizeOfImage > 0x40000000 ||
	    opt->SizeOfHeaders > opt->SizeOfImage || (!mapped && opt->SizeOfHeaders > len))
		return NULL;
	end = (BYTE *)image_sections(nt) - (BYTE *)buf +
	      (SIZE_T)nt->FileHeader.NumberOfSections * sizeof(IMAGE_SECTION_HEADER);
	if (end > opt->SizeOfHeaders)
		return NULL;
	return nt;
}

/*
 * The sections in order, without overlaps, inside SizeOfImage; with a
 * @file_size, their raw data inside the file.  The same rules as the
 * kernel's mapper (personality/pe.c): VirtualSize 0 means SizeOfRawData.
 */
int ntdll_image_sections_ok(const IMAGE_NT_HEADERS64 *nt, ULONGLONG file_size)
{
	const IMAGE_SECTION_HEADER *s = image_sections(nt);
	ULONG align = nt->OptionalHeader.SectionAlignment;
	ULONG size = nt->OptionalHeader.SizeOfImage;
	ULONGLONG next = (nt->OptionalHeader.SizeOfHeaders + align - 1) & ~(ULONGLONG)(align - 1);
	unsigned int i;

	for (i = 0; i < nt->FileHeader.NumberOfSections; i++, s++) {
		ULONG vsize = s->Misc.VirtualSize ? s->Misc.VirtualSize : s->SizeOfRawData;
		ULONG raw = s->SizeOfRawData < vsize ? s->SizeOfRawData : vsize;

		if (s->VirtualAddress & (align - 1) || s->VirtualAddress < next || !vsize ||
		    s->VirtualAddress >= size || vsize > size - s->VirtualAddress)
			return 0;
		if (file_size && raw && (s->PointerToRawData > file_size ||
					 raw > file_size - s->PointerToRawData))
			return 0;
		next = ((ULONGLONG)s->VirtualAddress + vsize + align - 1) & ~(ULONGLONG)(align - 1);
	}
	return 1;
}

NTSTATUS ntdll_image_from_memory(struct image *im, void *base)
{
	IMAGE_NT_HEADERS64 *nt = ntdll_image_headers(base, PAGE_SIZE_, 1);

	/* the first page is mapped whatever SizeOfHeaders says, and the rest */
	if (!nt || !ntdll_image_sections_ok(nt, 0))
		return STATUS_INVALID_IMAGE_FORMAT;
	im->base = base;
	im->nt = nt;
	im->size = nt->OptionalHeader.SizeOfImage;
	return STATUS_SUCCESS;
}

/* @len bytes at @rva, or NULL if they are not all inside the image */
void *ntdll_image_rva(const struct image *im, ULONG rva, SIZE_T len)
{
	if (rva >= im->size || len > im->size - rva)
		return NULL;
	return im->base + rva;
}

/* the NUL-terminated string at @rva, or NULL if its end is past the image */
const char *ntdll_image_str(const struct image *im, ULONG rva)
{
	const char *s = ntdll_image_rva(im, rva, 1);
	SIZE_T i, max;

	if (!s)
		return NULL;
	max = im->size - rva;
	for (i = 0; i < max; i++)
		if (!s[i])
			return s;
	return NULL;
}

/* data directory @which; an absent or out-of-image one reads as empty */
IMAGE_DATA_DIRECTORY *ntdll_image_dir(const struct image *im, unsigned int which)
{
	return ntdll_image_dir_checked(im, which, NULL);
}

/* the same, and *@bad = 1 when it is there but not inside the image */
IMAGE_DATA_DIRECTORY *ntdll_image_dir_checked(const struct image *im, unsigned int which,
					      int *bad)
{
	static IMAGE_DATA_DIRECTORY none;
	const IMAGE_OPTIONAL_HEADER64 *opt = &im->nt->OptionalHeader;
	IMAGE_DATA_DIRECTORY *d;
	SIZE_T have = (im->nt->FileHeader.SizeOfOptionalHeader -
		       __builtin_offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory)) /
		      sizeof(IMAGE_DATA_DIRECTORY);

	if (which >= opt->NumberOfRvaAndSizes || which >= have)
		return &none;
	d = (IMAGE_DATA_DIRECTORY *)&opt->DataDirectory[which];
	if (!d->VirtualAddress || !ntdll_image_rva(im, d->VirtualAddress, d->Size)) {
		if (bad && d->VirtualAddress)
			*bad = 1;
		none.VirtualAddress = none.Size = 0;
		return &none;
	}
	return d;
}

/*
 * Apply the base relocations for an image that sits at im->base instead
 * of @old_base.  Only DIR64 and ABSOLUTE (padding) exist in x64 images;
 * anything else means a broken image.  The image must be writable.
 */
NTSTATUS ntdll_image_relocate(const struct image *im, ULONG_PTR old_base)
{
	ULONG_PTR delta = (ULONG_PTR)im->base - old_base;
	IMAGE_DATA_DIRECTORY *d = ntdll_image_dir(im, IMAGE_DIRECTORY_ENTRY_BASERELOC);
	ULONG p, end;

	if (!delta)
		return STATUS_SUCCESS;
	/* no relocations is fine (nothing to fix) unless the image says it cannot move */
	if (im->nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED)
		return STATUS_CONFLICTING_ADDRESSES;
	for (p = d->VirtualAddress, end = p + d->Size; end - p >= sizeof(IMAGE_BASE_RELOCATION);) {
		IMAGE_BASE_RELOCATION *b = ntdll_image_rva(im, p, sizeof(*b));
		WORD *e;
		ULONG i, n;

		if (b->SizeOfBlock < sizeof(*b) || b->SizeOfBlock > end - p || b->SizeOfBlock & 1)
			return STATUS_INVALID_IMAGE_FORMAT;
		n = (b->SizeOfBlock - sizeof(*b)) / 2;
		e = (WORD *)(b + 1);
		for (i = 0; i < n; i++) {
			ULONGLONG *t;

			switch (e[i] >> 12) {
			case IMAGE_REL_BASED_ABSOLUTE:
				break;
			case IMAGE_REL_BASED_DIR64:
				t = ntdll_image_rva(im, b->VirtualAddress + (e[i] & 0xfff), 8);
				if (!t || b->VirtualAddress >= im->size)
					return STATUS_INVALID_IMAGE_FORMAT;
				*t += delta;
				break;
			default:
				return STATUS_INVALID_IMAGE_FORMAT;
			}
		}
		p += b->SizeOfBlock;
	}
	return STATUS_SUCCESS;
}

static ULONG section_protection(DWORD ch)
{
	/* W^X: a writable and executable section is mapped execute-read */
	if (ch & IMAGE_SCN_MEM_EXECUTE)
		return ch & (IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE) ? PAGE_EXECUTE_READ :
									 PAGE_EXECUTE;
	if (ch & IMAGE_SCN_MEM_WRITE)
		return PAGE_READWRITE;
	return ch & IMAGE_SCN_MEM_READ ? PAGE_READONLY : PAGE_NOACCESS;
}

/* Give each section of an image we mapped its final protection; headers read-only. */
NTSTATUS ntdll_image_protect(const struct image *im)
{
	const IMAGE_SECTION_HEADER *s = image_sections(im->nt);
	ULONG align = im->nt->OptionalHeader.SectionAlignment;
	unsigned int i, n = im->nt->FileHeader.NumberOfSections;
	NTSTATUS st;
	ULONG old;

	/* the section table is read from the headers before they become read-only */
	for (i = 0; i < n; i++, s++) {
		ULONG vsize = s->Misc.VirtualSize ? s->Misc.VirtualSize : s->SizeOfRawData;
		SIZE_T size = ((SIZE_T)vsize + align - 1) & ~(SIZE_T)(align - 1);

		if (size > im->size - s->VirtualAddress)
			size = im->size - s->VirtualAddress;
		st = ntdll_vm_protect(im->base + s->VirtualAddress, size,
				section_protection(s->Characteristics), &old);
		if (!NT_SUCCESS(st))
			return st;
	}
	return ntdll_vm_protect(im->base, im->nt->OptionalHeader.SizeOfHeaders, PAGE_READONLY, &old);
}

/* the index of @name in the sorted name table, or -1 */
static long find_name(const struct image *im, const ULONG *names, ULONG n, const char *name,
		      WORD hint)
{
	ULONG lo = 0, hi = n;
	const char *s;

	if (hint < n && (s = ntdll_image_str(im, names[hint])) && !strcmp(s, name))
		return hint;
	while (lo < hi) {
		ULONG mid = lo + (hi - lo) / 2;
		int c;

		s = ntdll_image_str(im, names[mid]);
		if (!s)
			return -1;
		c = strcmp(name, s);
		if (!c)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

NTSTATUS ntdll_image_export(const struct image *im, const char *name, WORD hint, WORD ordinal,
			    void **addr, const char **fwd)
{
	NTSTATUS nf = name ? STATUS_PROCEDURE_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
	IMAGE_DATA_DIRECTORY *d = ntdll_image_dir(im, IMAGE_DIRECTORY_ENTRY_EXPORT);
	IMAGE_EXPORT_DIRECTORY *ed = ntdll_image_rva(im, d->VirtualAddress, sizeof(*ed));
	const ULONG *funcs, *names;
	const WORD *ords;
	ULONG i, rva;

	*addr = NULL;
	*fwd = NULL;
	if (!d->Size || !ed || ed->NumberOfFunctions > 0x10000 || ed->NumberOfNames > 0x10000)
		return nf;
	funcs = ntdll_image_rva(im, ed->AddressOfFunctions, (SIZE_T)ed->NumberOfFunctions * 4);
	if (!funcs)
		return nf;
	if (name) {
		long idx;

		names = ntdll_image_rva(im, ed->AddressOfNames, (SIZE_T)ed->NumberOfNames * 4);
		ords = ntdll_image_rva(im, ed->AddressOfNameOrdinals, (SIZE_T)ed->NumberOfNames * 2);
		if (!names || !ords)
			return nf;
		idx = find_name(im, names, ed->NumberOfNames, name, hint);
		if (idx < 0)
			return nf;
		i = ords[idx];
	} else {
		if (ordinal < ed->Base)
			return nf;
		i = ordinal - ed->Base;
	}
	if (i >= ed->NumberOfFunctions || !(rva = funcs[i]) || rva >= im->size)
		return nf;
	if (rva >= d->VirtualAddress && rva - d->VirtualAddress < d->Size) {
		*fwd = ntdll_image_str(im, rva);
		return *fwd ? STATUS_SUCCESS : STATUS_INVALID_IMAGE_FORMAT;
	}
	*addr = im->base + rva;
	return STATUS_SUCCESS;
}
