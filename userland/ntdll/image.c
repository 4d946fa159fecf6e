// SPDX-License-Identifier: GPL-2.0
/*
 * A PE32+ image in memory, as the loader sees it: its headers checked once,
 * then every RVA the loader follows (directories, names, thunks, relocation
 * blocks) checked against SizeOfImage before it is touched, so that a
 * malformed image makes the load fail and never makes ntdll fault.
 */
#include "crt.h"
#include "image.h"

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

/* Is [@p, @p + @n) inside one section of @im that is mapped writable (copy-on-write)? */
int ntdll_image_writable(const struct image *im, const void *p, SIZE_T n)
{
	const IMAGE_SECTION_HEADER *s = image_sections(im->nt);
	unsigned int i, count = im->nt->FileHeader.NumberOfSections;
	ULONG_PTR rva = (const BYTE *)p - im->base;

	if ((const BYTE *)p < im->base || rva >= im->size || n > im->size - rva)
		return 0;
	for (i = 0; i < count; i++, s++) {
		ULONG vsize = s->Misc.VirtualSize ? s->Misc.VirtualSize : s->SizeOfRawData;

		if (rva >= s->VirtualAddress && rva - s->VirtualAddress < vsize &&
		    n <= vsize - (rva - s->VirtualAddress))
			return !!(s->Characteristics & IMAGE_SCN_MEM_WRITE);
	}
	return 0;
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
