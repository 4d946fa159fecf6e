// SPDX-License-Identifier: GPL-2.0
/*
 * Resources as an ordinary Win32 program finds them (kernelbase's
 * FindResource, LoadResource, SizeofResource over ntdll's LdrFindResource_U
 * and LdrAccessResource; FormatMessage over RtlFindMessage and kernelbase's
 * message table): its own resources (win32_res.rc) by name, number,
 * "#number" and language, a DLL's version resource, messages, and what is
 * not there.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(HMODULE m, const char *name, const char *type, WORD lang)
{
	HRSRC r = lang ? FindResourceExA(m, type, name, lang) : FindResourceA(m, name, type);
	DWORD err = GetLastError();
	HGLOBAL g;

	if (!r) {
		printf("%s/%s: error %lu\n", IS_INTRESOURCE(name) ? "#" : name,
		       IS_INTRESOURCE(type) ? "#" : type, err);
		return;
	}
	g = LoadResource(m, r);
	printf("%s/%s: %lu bytes [%.*s]\n", IS_INTRESOURCE(name) ? "#" : name,
	       IS_INTRESOURCE(type) ? "#" : type, SizeofResource(m, r), (int)SizeofResource(m, r),
	       (const char *)LockResource(g));
}

int main(void)
{
	HMODULE self = GetModuleHandleA(NULL), k32 = GetModuleHandleA("kernel32.dll");
	char buf[256];
	HRSRC r;
	DWORD n;

	show(self, "MYDATA", (const char *)RT_RCDATA, 0);
	show(self, "mydata", (const char *)RT_RCDATA, 0);
	show(self, "MYDATA", (const char *)RT_RCDATA, MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
	show(self, MAKEINTRESOURCEA(7), (const char *)RT_RCDATA, 0);
	show(self, "#7", (const char *)RT_RCDATA, 0);
	show(self, "ZEBRA", "CUSTOM", 0);
	show(self, "NOPE", (const char *)RT_RCDATA, 0);
	show(self, "ZEBRA", "NOTYPE", 0);
	/* strings 16..31 are the string table's block 2: 17 is its second */
	r = FindResourceA(self, MAKEINTRESOURCEA(2), (const char *)RT_STRING);
	if (r) {
		const WCHAR *s = LockResource(LoadResource(self, r));

		s += 1 + s[0];		/* past string 16 (empty: length 0) */
		printf("string 17: %.*ls\n", (int)s[0], s + 1);
	} else {
		printf("string table: error %lu\n", GetLastError());
	}
	r = FindResourceA(k32, MAKEINTRESOURCEA(1), (const char *)RT_VERSION);
	if (r) {
		const WCHAR *key = (const WCHAR *)((const BYTE *)LockResource(LoadResource(k32, r)) + 6);

		printf("kernel32 version resource: %s\n",
		       !wcscmp(key, L"VS_VERSION_INFO") ? "VS_VERSION_INFO" : "other");
	} else {
		printf("kernel32 version resource: error %lu\n", GetLastError());
	}
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
			   ERROR_FILE_NOT_FOUND, 0, buf, sizeof(buf), NULL);
	/* the text is the message table's (Wine's words); that it is found is Windows' */
	printf("FormatMessage ERROR_FILE_NOT_FOUND: %s\n",
	       n > 4 && buf[n - 2] == '\r' && buf[n - 1] == '\n' ? "a line ending in CR LF" : "other");
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
			   0x0fffffff, 0, buf, sizeof(buf), NULL);
	printf("FormatMessage of no such message: %lu, error %lu\n", n, GetLastError());
	return 0;
}
