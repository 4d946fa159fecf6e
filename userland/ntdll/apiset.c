// SPDX-License-Identifier: GPL-2.0
/*
 * API sets: the virtual DLL names ("api-ms-win-crt-stdio-l1-1-0.dll",
 * "ext-ms-...") that programs built against the universal C runtime import,
 * each hosted by a real DLL (ucrtbase.dll, kernelbase.dll, ...).  Windows'
 * kernel maps the schema, the .apiset section of apisetschema.dll, into
 * every process at PEB->ApiSetMap; here ntdll maps it the first time a name
 * asks for it (from the system directory or the Win32 DLLs' directories,
 * where Wine's package has its apisetschema.dll), so that programs which
 * never import an API set pay nothing.
 *
 * The schema is Windows 10's version 6 layout: a header, entries sorted by
 * name with a hash table over them, and for each entry its values (the host
 * DLLs: the first the default, the others for one importing DLL each).  A
 * name is hashed without its ".dll" and without its last "-N" component,
 * so "api-ms-win-crt-stdio-l1-1-0" and "...-l1-1-1" find the same entry.
 * Every offset read from the schema is checked against its size.
 */
#include "crt.h"
#include "loader.h"
#include "peb.h"

#define PEB_API_SET_MAP		0x068
#define APISET_SCHEMA_V6	6

struct apiset_namespace {
	ULONG version, size, flags, count;
	ULONG entry_offset, hash_offset, hash_factor;
};

struct apiset_entry {
	ULONG flags, name_offset, name_length, hashed_length;
	ULONG value_offset, value_count;
};

struct apiset_value {
	ULONG flags, name_offset, name_length, value_offset, value_length;
};

struct apiset_hash {
	ULONG hash, index;
};

static const struct apiset_namespace *schema;
static int schema_tried;

/* @len bytes at @off lie inside the schema */
static int in_schema(ULONG off, ULONGLONG len)
{
	return off <= schema->size && len <= schema->size - off;
}

static const void *at(ULONG off)
{
	return (const BYTE *)schema + off;
}

/* The .apiset section of the image at @base, if it holds a version 6 schema */
static const struct apiset_namespace *find_schema(void *base)
{
	const struct apiset_namespace *ns;
	const IMAGE_SECTION_HEADER *sec;
	struct image im;
	WORD i;

	if (!NT_SUCCESS(ntdll_image_from_memory(&im, base)))
		return NULL;
	sec = ntdll_image_rva(&im, (ULONG)((BYTE *)IMAGE_FIRST_SECTION(im.nt) - im.base),
			      (SIZE_T)im.nt->FileHeader.NumberOfSections * sizeof(*sec));
	for (i = 0; sec && i < im.nt->FileHeader.NumberOfSections; i++, sec++) {
		if (memcmp(sec->Name, ".apiset", 8))
			continue;
		ns = ntdll_image_rva(&im, sec->VirtualAddress, sizeof(*ns));
		if (!ns || ns->version != APISET_SCHEMA_V6 ||
		    !ntdll_image_rva(&im, sec->VirtualAddress, ns->size))
			return NULL;
		return ns;
	}
	return NULL;
}

/* The schema, mapped on first use; NULL if there is none.  Loader lock held. */
static const struct apiset_namespace *get_schema(void)
{
	static const WCHAR name[] = L"apisetschema.dll";
	void *base = NULL;

	if (schema_tried)
		return schema;
	schema_tried = 1;
	if (!NT_SUCCESS(ntdll_ldr_map_system_image(name, sizeof(name) / sizeof(name[0]) - 1, &base)))
		return NULL;
	schema = find_schema(base);
	if (!schema) {
		ntdll_unmap_dll(base);
		return NULL;
	}
	if (!in_schema(schema->entry_offset, (ULONGLONG)schema->count * sizeof(struct apiset_entry)) ||
	    !in_schema(schema->hash_offset, (ULONGLONG)schema->count * sizeof(struct apiset_hash))) {
		schema = NULL;
		ntdll_unmap_dll(base);
		return NULL;
	}
	NT_FIELD(ntdll_peb(), PEB_API_SET_MAP, const void *) = schema;
	return schema;
}

static WCHAR lower(WCHAR c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int same_name(const WCHAR *a, const WCHAR *b, SIZE_T len)
{
	SIZE_T i;

	for (i = 0; i < len; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

/* "api-" or "ext-": a name the schema may know */
static int apiset_name(const WCHAR *name, SIZE_T len)
{
	return len > 4 && (same_name(name, L"api-", 4) || same_name(name, L"ext-", 4));
}

/*
 * The entry of the API set @name (@len characters, ".dll" or not), or
 * NULL.  Found through the hash of its name up to the last '-'.
 */
static const struct apiset_entry *find_entry(const WCHAR *name, SIZE_T len)
{
	const struct apiset_entry *entries, *e;
	const struct apiset_hash *hashes;
	SIZE_T i, hashed = 0;
	ULONG hash = 0, lo, hi, mid;

	for (i = 0; i < len && name[i] != '.'; i++)
		if (name[i] == '-')
			hashed = i;
	for (i = 0; i < hashed; i++)
		hash = hash * schema->hash_factor + lower(name[i]);
	entries = at(schema->entry_offset);
	hashes = at(schema->hash_offset);
	lo = 0;
	hi = schema->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (hashes[mid].hash < hash) {
			lo = mid + 1;
		} else if (hashes[mid].hash > hash) {
			hi = mid;
		} else {
			if (hashes[mid].index >= schema->count)
				return NULL;
			e = &entries[hashes[mid].index];
			if (e->hashed_length != hashed * sizeof(WCHAR) ||
			    !in_schema(e->name_offset, e->hashed_length) ||
			    !same_name(at(e->name_offset), name, hashed))
				return NULL;
			return e;
		}
	}
	return NULL;
}

/*
 * The host of entry @e for the importing DLL @host (its base name, or
 * NULL): the value made for that DLL, else the default.  FALSE if the set
 * has no host (an API set that nothing implements).
 */
static int entry_host(const struct apiset_entry *e, const WCHAR *host, SIZE_T host_len,
		      const WCHAR **out, SIZE_T *out_len)
{
	const struct apiset_value *v;
	ULONG i, pick = 0;

	if (!e->value_count ||
	    !in_schema(e->value_offset, (ULONGLONG)e->value_count * sizeof(*v)))
		return 0;
	v = at(e->value_offset);
	for (i = 1; host && i < e->value_count; i++)
		if (v[i].name_length == host_len * sizeof(WCHAR) &&
		    in_schema(v[i].name_offset, v[i].name_length) &&
		    same_name(at(v[i].name_offset), host, host_len)) {
			pick = i;
			break;
		}
	v += pick;
	if (!v->value_length || v->value_length % sizeof(WCHAR) ||
	    !in_schema(v->value_offset, v->value_length))
		return 0;
	*out = at(v->value_offset);
	*out_len = v->value_length / sizeof(WCHAR);
	return 1;
}

/*
 * @name (@len characters) as the loader should look for it: an API set's
 * host DLL in @out (room for LDR_MAX_NAME + 5 characters), imported by
 * @host (NULL for LdrLoadDll).  STATUS_SUCCESS with *@out_len 0 when @name
 * is not an API set the schema knows (it is then a file name like any
 * other), STATUS_DLL_NOT_FOUND for a set with no host.
 */
NTSTATUS ntdll_apiset_resolve(const WCHAR *name, SIZE_T len, const UNICODE_STRING *host,
			      WCHAR *out, SIZE_T *out_len)
{
	const struct apiset_entry *e;
	const WCHAR *target;
	SIZE_T tlen;

	*out_len = 0;
	if (!apiset_name(name, len) || !get_schema())
		return STATUS_SUCCESS;
	e = find_entry(name, len);
	if (!e)
		return STATUS_SUCCESS;
	if (!entry_host(e, host ? host->Buffer : NULL, host ? host->Length / 2 : 0,
			&target, &tlen) || tlen > LDR_MAX_NAME)
		return STATUS_DLL_NOT_FOUND;
	memcpy(out, target, tlen * sizeof(WCHAR));
	out[tlen] = 0;
	*out_len = tlen;
	return STATUS_SUCCESS;
}

/*
 * ApiSetQueryApiSetPresenceEx(Namespace, IsInSchema, Present): a name
 * without extension; in the schema only if it is the entry's name exactly
 * (every version number), present if a DLL hosts it.  A name with a '.',
 * or that is no API set name, is STATUS_INVALID_PARAMETER.
 */
NTSTATUS NTAPI ApiSetQueryApiSetPresenceEx(const UNICODE_STRING *ns, BOOLEAN *in_schema_out,
					   BOOLEAN *present)
{
	const struct apiset_entry *e = NULL;
	const WCHAR *target;
	SIZE_T i, len, tlen;
	BOOLEAN in = 0;

	if (!ns || !in_schema_out || !present)
		return STATUS_INVALID_PARAMETER;
	len = ns->Length / sizeof(WCHAR);
	for (i = 0; i < len; i++)
		if (ns->Buffer[i] == '.')
			return STATUS_INVALID_PARAMETER;
	if (!apiset_name(ns->Buffer, len))
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	if (get_schema())
		e = find_entry(ns->Buffer, len);
	in = e && e->name_length == len * sizeof(WCHAR) && in_schema(e->name_offset, e->name_length) &&
	     same_name(at(e->name_offset), ns->Buffer, len);
	*in_schema_out = in;
	*present = in && entry_host(e, NULL, 0, &target, &tlen);
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return STATUS_SUCCESS;
}

/*
 * ApiSetQueryApiSetPresence(Namespace, Present): whether the name, with
 * or without extension and whatever its last version number, finds a
 * hosted set; always STATUS_SUCCESS.
 */
NTSTATUS NTAPI ApiSetQueryApiSetPresence(const UNICODE_STRING *ns, BOOLEAN *present)
{
	const struct apiset_entry *e = NULL;
	const WCHAR *target;
	SIZE_T tlen;

	if (!ns || !present)
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire_rec(&ntdll_ldr_lock);
	if (apiset_name(ns->Buffer, ns->Length / 2) && get_schema())
		e = find_entry(ns->Buffer, ns->Length / 2);
	*present = e && entry_host(e, NULL, 0, &target, &tlen);
	ntdll_lock_release_rec(&ntdll_ldr_lock);
	return STATUS_SUCCESS;
}
