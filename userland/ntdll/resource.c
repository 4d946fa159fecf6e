// SPDX-License-Identifier: GPL-2.0
/*
 * Resources: LdrFindResource_U, LdrFindResourceDirectory_U,
 * LdrAccessResource and RtlFindMessage (the message tables FormatMessage
 * reads), over the resource directory of an image in memory.
 *
 * The directory is a tree of three levels (type, name, language); each
 * IMAGE_RESOURCE_DIRECTORY lists its named entries (sorted, compared
 * without regard to case) then its numbered ones (sorted).  A name is an
 * ID when its value is below 0x10000, else a string, "#123" being ID 123.
 * A language that is not there falls back as Windows' loader does: the
 * primary language with SUBLANG_NEUTRAL, LANG_NEUTRAL, en-US, English,
 * then the first one.  A module loaded as a data file (its base with bit 0
 * or 1 set) is laid out as its file: its RVAs go through its sections.
 * Every offset is checked against the image (or the resource section).
 */
#include "crt.h"
#include "image.h"
#include "loader.h"

#define RES_DIR_FLAG		0x80000000u
#define RES_NAME_FLAG		0x80000000u
#define RT_MESSAGETABLE		11
#define MESSAGE_RESOURCE_UNICODE	0x0001

#ifndef STATUS_RESOURCE_DATA_NOT_FOUND
#define STATUS_RESOURCE_DATA_NOT_FOUND	((NTSTATUS)0xC0000089)
#endif
#ifndef STATUS_RESOURCE_TYPE_NOT_FOUND
#define STATUS_RESOURCE_TYPE_NOT_FOUND	((NTSTATUS)0xC000008A)
#endif
#ifndef STATUS_RESOURCE_NAME_NOT_FOUND
#define STATUS_RESOURCE_NAME_NOT_FOUND	((NTSTATUS)0xC000008B)
#endif
#ifndef STATUS_RESOURCE_LANG_NOT_FOUND
#define STATUS_RESOURCE_LANG_NOT_FOUND	((NTSTATUS)0xC0000204)
#endif
#ifndef STATUS_MESSAGE_NOT_FOUND
#define STATUS_MESSAGE_NOT_FOUND	((NTSTATUS)0xC0000109)
#endif

/* The resource section of one image: where the directory is and how far it goes */
struct res {
	struct image im;
	int datafile;			/* laid out as the file, not as the image */
	const BYTE *root;
	ULONG root_rva, size;
};

/* @len bytes at @rva of the image, whatever its layout; NULL if outside */
static const void *res_rva(const struct res *r, ULONG rva, SIZE_T len)
{
	const IMAGE_SECTION_HEADER *s;
	WORD i;

	if (!r->datafile)
		return ntdll_image_rva(&r->im, rva, len);
	s = (const IMAGE_SECTION_HEADER *)((const BYTE *)&r->im.nt->OptionalHeader +
					   r->im.nt->FileHeader.SizeOfOptionalHeader);
	for (i = 0; i < r->im.nt->FileHeader.NumberOfSections; i++, s++)
		if (rva >= s->VirtualAddress && rva - s->VirtualAddress < s->SizeOfRawData &&
		    len <= s->SizeOfRawData - (rva - s->VirtualAddress))
			return r->im.base + s->PointerToRawData + (rva - s->VirtualAddress);
	return NULL;
}

static NTSTATUS res_open(struct res *r, void *base)
{
	IMAGE_DATA_DIRECTORY *d;

	if (!base)
		return STATUS_RESOURCE_DATA_NOT_FOUND;
	r->datafile = ((ULONG_PTR)base & 3) != 0;
	base = (void *)((ULONG_PTR)base & ~(ULONG_PTR)3);
	r->im.base = base;
	r->im.nt = ntdll_image_headers(base, 4096, 1);
	if (!r->im.nt)
		return STATUS_INVALID_IMAGE_FORMAT;
	r->im.size = r->im.nt->OptionalHeader.SizeOfImage;
	d = ntdll_image_dir(&r->im, IMAGE_DIRECTORY_ENTRY_RESOURCE);
	r->root_rva = d->VirtualAddress;
	r->size = d->Size;
	r->root = d->VirtualAddress && d->Size >= sizeof(IMAGE_RESOURCE_DIRECTORY) ?
		  res_rva(r, d->VirtualAddress, d->Size) : NULL;
	return r->root ? STATUS_SUCCESS : STATUS_RESOURCE_DATA_NOT_FOUND;
}

/* @len bytes at @off of the resource section */
static const void *res_at(const struct res *r, ULONG off, SIZE_T len)
{
	return off <= r->size && len <= r->size - off ? r->root + off : NULL;
}

/* The entries of the directory at @off, and how many there are */
static const IMAGE_RESOURCE_DIRECTORY_ENTRY *res_entries(const struct res *r, ULONG off,
							 unsigned int *named, unsigned int *ids)
{
	const IMAGE_RESOURCE_DIRECTORY *dir = res_at(r, off, sizeof(*dir));

	if (!dir)
		return NULL;
	*named = dir->NumberOfNamedEntries;
	*ids = dir->NumberOfIdEntries;
	return res_at(r, off + sizeof(*dir),
		      (SIZE_T)(*named + *ids) * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY));
}

static WCHAR upper(WCHAR c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* compare the entry's name (a counted string in the section) with @name (@len chars) */
static int res_name_cmp(const struct res *r, const IMAGE_RESOURCE_DIRECTORY_ENTRY *e,
			const WCHAR *name, SIZE_T len)
{
	const WORD *n = res_at(r, e->Name & ~RES_NAME_FLAG, sizeof(WORD));
	const WCHAR *s;
	SIZE_T i, elen;

	if (!n)
		return 1;
	elen = *n;
	s = res_at(r, (e->Name & ~RES_NAME_FLAG) + sizeof(WORD), elen * sizeof(WCHAR));
	if (!s)
		return 1;
	for (i = 0; i < elen && i < len; i++)
		if (upper(s[i]) != upper(name[i]))
			return upper(name[i]) < upper(s[i]) ? -1 : 1;
	return len < elen ? -1 : len > elen;
}

/*
 * The entry for @id (a number below 0x10000, else a NUL-terminated name;
 * "#N" is the number N) in the directory at @off; NULL if not there.
 */
static const IMAGE_RESOURCE_DIRECTORY_ENTRY *res_find(const struct res *r, ULONG off,
							  ULONG_PTR id)
{
	const IMAGE_RESOURCE_DIRECTORY_ENTRY *e;
	unsigned int named, ids, lo, hi, mid;
	const WCHAR *name = (const WCHAR *)id;
	SIZE_T len = 0;
	int c;

	e = res_entries(r, off, &named, &ids);
	if (!e)
		return NULL;
	if (id >= 0x10000 && name[0] == '#') {
		ULONG v = 0;
		SIZE_T i;

		for (i = 1; name[i] >= '0' && name[i] <= '9' && v < 0x10000; i++)
			v = v * 10 + (name[i] - '0');
		if (!name[i] && i > 1 && v < 0x10000)
			id = v;
	}
	if (id < 0x10000) {
		lo = named;
		hi = named + ids;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if ((e[mid].Name & 0xffff) < id)
				lo = mid + 1;
			else if ((e[mid].Name & 0xffff) > id)
				hi = mid;
			else
				return e[mid].Name & RES_NAME_FLAG ? NULL : &e[mid];
		}
		return NULL;
	}
	while (name[len] && len < 0x10000)
		len++;
	lo = 0;
	hi = named;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (!(e[mid].Name & RES_NAME_FLAG))
			return NULL;		/* a table that is not sorted as it must be */
		c = res_name_cmp(r, &e[mid], name, len);
		if (!c)
			return &e[mid];
		if (c > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The entry of language @lang at @off, with Windows' fallbacks; NULL if the directory is empty */
static const IMAGE_RESOURCE_DIRECTORY_ENTRY *res_find_lang(const struct res *r, ULONG off,
							       ULONG_PTR lang)
{
	const ULONG_PTR tries[] = { lang, lang & 0x3ff, 0, 0x0409, 0x0009 };
	const IMAGE_RESOURCE_DIRECTORY_ENTRY *e;
	unsigned int i, named, ids;

	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		if (tries[i] >= 0x10000)	/* a language is a number, never a name */
			continue;
		e = res_find(r, off, tries[i]);
		if (e)
			return e;
	}
	e = res_entries(r, off, &named, &ids);
	return e && named + ids ? e : NULL;	/* the first one */
}

/*
 * Walk @level levels (1 type, 2 name, 3 language) of @info from the root:
 * the offset of what the last level names (a directory, or the data
 * entry at the language level), and whether that is a directory.
 */
static NTSTATUS res_walk(const struct res *r, const ULONG_PTR *info, ULONG level, ULONG *off,
			 int *is_dir)
{
	static const NTSTATUS missing[3] = {
		STATUS_RESOURCE_TYPE_NOT_FOUND, STATUS_RESOURCE_NAME_NOT_FOUND,
		STATUS_RESOURCE_LANG_NOT_FOUND,
	};
	const IMAGE_RESOURCE_DIRECTORY_ENTRY *e;
	ULONG i;

	*off = 0;
	*is_dir = 1;
	for (i = 0; i < level; i++) {
		if (!*is_dir)
			return STATUS_RESOURCE_DATA_NOT_FOUND;
		/* LDR_RESOURCE_INFO's Language is a ULONG: the slot's high half is padding */
		e = i == 2 ? res_find_lang(r, *off, (ULONG)info[2]) : res_find(r, *off, info[i]);
		if (!e)
			return missing[i];
		*is_dir = (e->OffsetToData & RES_DIR_FLAG) != 0;
		*off = e->OffsetToData & ~RES_DIR_FLAG;
	}
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI LdrFindResourceDirectory_U(void *base, const ULONG_PTR *info, ULONG level,
					  const IMAGE_RESOURCE_DIRECTORY **dir)
{
	struct res r;
	NTSTATUS st;
	ULONG off;
	int is_dir;

	if (!info || !dir || level > 3)
		return STATUS_INVALID_PARAMETER;
	st = res_open(&r, base);
	if (NT_SUCCESS(st))
		st = res_walk(&r, info, level, &off, &is_dir);
	if (NT_SUCCESS(st) && (!is_dir || !res_at(&r, off, sizeof(**dir))))
		st = STATUS_RESOURCE_DATA_NOT_FOUND;
	if (NT_SUCCESS(st))
		*dir = res_at(&r, off, sizeof(**dir));
	return st;
}

/*
 * LdrFindResource_U(Base, Info { type, name, language }, Level, &Entry):
 * at level 3 the data entry; at a lower level what that level names (a
 * directory), as Windows returns it.
 */
NTSTATUS NTAPI LdrFindResource_U(void *base, const ULONG_PTR *info, ULONG level,
				 const IMAGE_RESOURCE_DATA_ENTRY **entry)
{
	struct res r;
	NTSTATUS st;
	ULONG off;
	int is_dir;

	if (!info || !entry || level > 3)
		return STATUS_INVALID_PARAMETER;
	st = res_open(&r, base);
	if (NT_SUCCESS(st))
		st = res_walk(&r, info, level, &off, &is_dir);
	if (NT_SUCCESS(st) && level == 3 && is_dir)
		st = STATUS_RESOURCE_DATA_NOT_FOUND;	/* a fourth level: not a resource */
	if (NT_SUCCESS(st) && !res_at(&r, off, sizeof(**entry)))
		st = STATUS_RESOURCE_DATA_NOT_FOUND;
	if (NT_SUCCESS(st))
		*entry = res_at(&r, off, sizeof(**entry));
	return st;
}

/* LdrAccessResource(Base, Entry, &Data, &Size): where the resource's bytes are */
NTSTATUS NTAPI LdrAccessResource(void *base, const IMAGE_RESOURCE_DATA_ENTRY *entry, void **data,
				 ULONG *size)
{
	const void *p;
	struct res r;
	NTSTATUS st;

	if (!entry)
		return STATUS_INVALID_PARAMETER;
	st = res_open(&r, base);
	if (!NT_SUCCESS(st))
		return st;
	p = res_rva(&r, entry->OffsetToData, entry->Size);
	if (!p)
		return STATUS_RESOURCE_DATA_NOT_FOUND;
	if (data)
		*data = (void *)p;
	if (size)
		*size = entry->Size;
	return STATUS_SUCCESS;
}

/*
 * RtlFindMessage(Base, Type, Language, MessageId, &Entry): the entry of
 * message @id in the message table (resource @type, name 1), whose blocks
 * give each a range of ids and where its entries start; each entry is
 * { USHORT Length; USHORT Flags; text }, Length covering all three.
 */
NTSTATUS NTAPI RtlFindMessage(void *base, ULONG type, ULONG lang, ULONG id,
			      const MESSAGE_RESOURCE_ENTRY **out)
{
	const ULONG_PTR info[3] = { type, 1, lang };	/* LDR_RESOURCE_INFO */
	const IMAGE_RESOURCE_DATA_ENTRY *entry;
	const MESSAGE_RESOURCE_BLOCK *block;
	const MESSAGE_RESOURCE_ENTRY *m;
	const BYTE *data;
	ULONG size, i, off, n, k;
	NTSTATUS st;

	if (!out)
		return STATUS_INVALID_PARAMETER;
	st = LdrFindResource_U(base, info, 3, &entry);
	if (NT_SUCCESS(st))
		st = LdrAccessResource(base, entry, (void **)&data, &size);
	if (!NT_SUCCESS(st))
		return st;
	if (size < sizeof(ULONG))
		return STATUS_MESSAGE_NOT_FOUND;
	n = *(const ULONG *)data;
	if (n > (size - sizeof(ULONG)) / sizeof(*block))
		return STATUS_MESSAGE_NOT_FOUND;
	block = (const MESSAGE_RESOURCE_BLOCK *)(data + sizeof(ULONG));
	for (i = 0; i < n; i++, block++) {
		if (id < block->LowId || id > block->HighId)
			continue;
		off = block->OffsetToEntries;
		for (k = block->LowId; off <= size - 4; k++) {
			m = (const MESSAGE_RESOURCE_ENTRY *)(data + off);
			if (m->Length < 4 || m->Length > size - off)
				return STATUS_MESSAGE_NOT_FOUND;
			if (k == id) {
				*out = m;
				return STATUS_SUCCESS;
			}
			off += m->Length;
		}
		return STATUS_MESSAGE_NOT_FOUND;
	}
	return STATUS_MESSAGE_NOT_FOUND;
}
