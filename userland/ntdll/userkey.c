// SPDX-License-Identifier: GPL-2.0
/*
 * The current user's registry key and the SID strings that name it.
 *
 * HKEY_CURRENT_USER is \Registry\User\<the token user's SID as a string>.
 * With no token to query (the kernel has no token services yet), the key
 * is the one Windows falls back to when a user has no loaded hive:
 * \Registry\User\.Default.  Whether that opens is the registry's answer
 * (the registry issue); kernelbase treats a failure as "no HKCU".
 */
#include "crt.h"
#include "heap.h"
#include "ntstatus.h"
#include "peb.h"
#include "syscalls.h"

#ifndef OBJ_CASE_INSENSITIVE
#define OBJ_CASE_INSENSITIVE	0x40	/* winternl.h's */
#endif

/* a SID: Revision, SubAuthorityCount, IdentifierAuthority[6] (big-endian), SubAuthority[] */
struct nt_sid {
	BYTE Revision;
	BYTE SubAuthorityCount;
	BYTE IdentifierAuthority[6];
	ULONG SubAuthority[];
};

static WCHAR *put_dec(WCHAR *p, ULONG v)
{
	WCHAR tmp[10];
	int n = 0;

	do
		tmp[n++] = L'0' + v % 10;
	while (v /= 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/*
 * "S-R-A-S1-S2-...": the authority in decimal when it fits in 32 bits,
 * else as 0x and twelve hex digits (Windows' rule).  @str gets the length
 * without the NUL, which is written too; a caller's buffer must hold it.
 */
NTSTATUS NTAPI RtlConvertSidToUnicodeString(PUNICODE_STRING str, PVOID psid, BOOLEAN alloc)
{
	static const char hex[] = "0123456789ABCDEF";
	WCHAR buf[2 + 11 + 15 + 11 * SID_MAX_SUB_AUTHORITIES];
	const struct nt_sid *sid = psid;
	const BYTE *a = sid->IdentifierAuthority;
	WCHAR *p = buf;
	USHORT len;
	int i;

	if (sid->Revision != SID_REVISION || sid->SubAuthorityCount > SID_MAX_SUB_AUTHORITIES)
		return STATUS_INVALID_SID;
	*p++ = L'S';
	*p++ = L'-';
	p = put_dec(p, sid->Revision);
	*p++ = L'-';
	if (a[0] || a[1]) {
		*p++ = L'0';
		*p++ = L'x';
		for (i = 0; i < 6; i++) {
			*p++ = hex[a[i] >> 4];
			*p++ = hex[a[i] & 15];
		}
	} else {
		p = put_dec(p, (ULONG)a[2] << 24 | (ULONG)a[3] << 16 | (ULONG)a[4] << 8 | a[5]);
	}
	for (i = 0; i < sid->SubAuthorityCount; i++) {
		*p++ = L'-';
		p = put_dec(p, sid->SubAuthority[i]);
	}
	*p++ = 0;
	len = (USHORT)((p - buf) * sizeof(WCHAR));
	if (alloc) {
		str->Buffer = RtlAllocateHeap(NT_FIELD(ntdll_peb(), PEB_PROCESS_HEAP, void *), 0, len);
		if (!str->Buffer)
			return STATUS_NO_MEMORY;
		str->MaximumLength = len;
	} else if (len > str->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	memcpy(str->Buffer, buf, len);
	str->Length = len - sizeof(WCHAR);
	return STATUS_SUCCESS;
}

/* the token user's key path, "\Registry\User\S-...", in @path (allocated) */
static NTSTATUS user_key_path(PUNICODE_STRING path)
{
	static const WCHAR prefix[] = L"\\Registry\\User\\";
	const SIZE_T plen = sizeof(prefix) - sizeof(WCHAR);
	union {
		struct { PVOID Sid; ULONG Attributes; } user;	/* TOKEN_USER */
		BYTE raw[sizeof(void *) * 2 + 8 + 4 * SID_MAX_SUB_AUTHORITIES];
	} info;
	UNICODE_STRING sid;
	HANDLE token;
	ULONG got;
	NTSTATUS st;

	st = NtOpenThreadToken((HANDLE)(LONG_PTR)-2, TOKEN_QUERY, TRUE, &token);
	if (st != STATUS_SUCCESS)
		st = NtOpenProcessTokenEx(NtCurrentProcess(), TOKEN_QUERY, 0, &token);
	if (st != STATUS_SUCCESS)
		return st;
	st = NtQueryInformationToken(token, TokenUser, &info, sizeof(info), &got);
	NtClose(token);
	if (st != STATUS_SUCCESS)
		return st;
	st = RtlConvertSidToUnicodeString(&sid, info.user.Sid, TRUE);
	if (st != STATUS_SUCCESS)
		return st;
	path->MaximumLength = (USHORT)(plen + sid.MaximumLength);
	path->Buffer = RtlAllocateHeap(NT_FIELD(ntdll_peb(), PEB_PROCESS_HEAP, void *), 0,
				       path->MaximumLength);
	if (path->Buffer) {
		memcpy(path->Buffer, prefix, plen);
		memcpy((BYTE *)path->Buffer + plen, sid.Buffer, sid.MaximumLength);
		path->Length = (USHORT)(plen + sid.Length);
	}
	RtlFreeHeap(NT_FIELD(ntdll_peb(), PEB_PROCESS_HEAP, void *), 0, sid.Buffer);
	return path->Buffer ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

static NTSTATUS open_key(HANDLE *key, ACCESS_MASK access, PUNICODE_STRING name)
{
	OBJECT_ATTRIBUTES oa = {
		.Length = sizeof(oa),
		.ObjectName = name,
		.Attributes = OBJ_CASE_INSENSITIVE,
	};

	return NtOpenKey(key, access, &oa);
}

/* HKEY_CURRENT_USER: the user's key, else .Default's */
NTSTATUS NTAPI RtlOpenCurrentUser(ACCESS_MASK access, HANDLE *key)
{
	static WCHAR fallback[] = L"\\Registry\\User\\.Default";
	UNICODE_STRING name;
	NTSTATUS st;

	*key = NULL;
	if (user_key_path(&name) == STATUS_SUCCESS) {
		st = open_key(key, access, &name);
		RtlFreeHeap(NT_FIELD(ntdll_peb(), PEB_PROCESS_HEAP, void *), 0, name.Buffer);
		if (st == STATUS_SUCCESS)
			return st;
	}
	name.Buffer = fallback;
	name.Length = sizeof(fallback) - sizeof(WCHAR);
	name.MaximumLength = sizeof(fallback);
	return open_key(key, access, &name);
}
