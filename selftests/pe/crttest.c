// SPDX-License-Identifier: GPL-2.0
/*
 * crttest.exe: the C run-time exports of ntdll.dll that Wine's DLLs import
 * (strings, characters, strtol/wcstol/wcstoul, __chkstk) and Wine's debug
 * channels (__wine_dbg_*).  Functions are looked up by name
 * (LdrGetProcedureAddress), so no C run-time header is involved.  The
 * debug lines go to stderr; ntdll_tests.sh compares them, with and without
 * NTPERSONA_DEBUG.
 */
#include "ntdllrt.h"

#define P "crttest"

static void *ntdll;

static void *fn(const char *name)
{
	ANSI_STRING a;
	void *addr = 0;

	RtlInitAnsiString(&a, name);
	if (LdrGetProcedureAddress(ntdll, &a, 0, &addr) != STATUS_SUCCESS)
		addr = 0;
	CHECK(P, addr != 0);
	return addr;
}

#define F(type, name, args) type (*name) args = (type (*) args)fn(#name)

struct channel {
	unsigned char flags;
	char name[15];
};

int start(void *peb)
{
	static const WCHAR ntdll_name[] = L"ntdll.dll";
	UNICODE_STRING u;
	char buf[16];
	WCHAR wbuf[16];
	char *end;
	WCHAR *wend;

	(void)peb;
	RtlInitUnicodeString(&u, ntdll_name);
	CHECK(P, LdrGetDllHandle(0, 0, &u, &ntdll) == STATUS_SUCCESS && ntdll);
	if (!ntdll)
		return nt_done(P);
	{
		F(char *, strchr, (const char *, int));
		F(char *, strrchr, (const char *, int));
		F(char *, strpbrk, (const char *, const char *));
		F(char *, strcpy, (char *, const char *));
		F(char *, strcat, (char *, const char *));
		F(int, strncmp, (const char *, const char *, unsigned long long));
		F(int, _strnicmp, (const char *, const char *, unsigned long long));
		F(long, strtol, (const char *, char **, int));
		F(int, isalnum, (int));
		F(int, isalpha, (int));
		F(int, islower, (int));
		F(int, isxdigit, (int));
		F(int, tolower, (int));
		const char *s = "a/b/c";

		CHECK(P, strchr(s, '/') == s + 1 && strrchr(s, '/') == s + 3);
		CHECK(P, strchr(s, 0) == s + 5 && !strchr(s, 'x'));
		CHECK(P, strpbrk(s, "cb") == s + 2 && !strpbrk(s, "xy"));
		CHECK(P, strcpy(buf, "ab") == buf && strcat(buf, "cd") == buf);
		CHECK(P, buf[0] == 'a' && buf[3] == 'd' && buf[4] == 0);
		CHECK(P, strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0);
		CHECK(P, strncmp("ab", "ab", 10) == 0 && strncmp("b", "a", 1) > 0);
		CHECK(P, _strnicmp("HeLLo", "hello!", 5) == 0 && _strnicmp("a", "B", 1) < 0);
		CHECK(P, strtol("  -0x1f!", &end, 0) == -31 && *end == '!');
		CHECK(P, strtol("0777", &end, 0) == 511 && *end == 0);
		CHECK(P, strtol("zz", &end, 36) == 1295);
		CHECK(P, strtol("2147483648", &end, 10) == 2147483647L && *end == 0);
		CHECK(P, strtol("-2147483649", &end, 10) == -2147483647L - 1);
		CHECK(P, strtol("abc", &end, 10) == 0 && end[0] == 'a');
		CHECK(P, strtol("+12", 0, 10) == 12);
		CHECK(P, isalnum('7') && isalnum('q') && !isalnum('-'));
		CHECK(P, isalpha('Z') && !isalpha('1') && islower('z') && !islower('Z'));
		CHECK(P, isxdigit('F') && isxdigit('a') && !isxdigit('g'));
		CHECK(P, tolower('Q') == 'q' && tolower('1') == '1');
	}
	{
		F(WCHAR *, wcschr, (const WCHAR *, WCHAR));
		F(WCHAR *, wcsrchr, (const WCHAR *, WCHAR));
		F(WCHAR *, wcspbrk, (const WCHAR *, const WCHAR *));
		F(WCHAR *, wcsstr, (const WCHAR *, const WCHAR *));
		F(WCHAR *, wcscpy, (WCHAR *, const WCHAR *));
		F(WCHAR *, wcscat, (WCHAR *, const WCHAR *));
		F(unsigned long long, wcsspn, (const WCHAR *, const WCHAR *));
		F(unsigned long long, wcscspn, (const WCHAR *, const WCHAR *));
		F(unsigned long long, wcsnlen, (const WCHAR *, unsigned long long));
		F(int, wcscmp, (const WCHAR *, const WCHAR *));
		F(int, wcsncmp, (const WCHAR *, const WCHAR *, unsigned long long));
		F(int, _wcsicmp, (const WCHAR *, const WCHAR *));
		F(int, _wcsnicmp, (const WCHAR *, const WCHAR *, unsigned long long));
		F(long, wcstol, (const WCHAR *, WCHAR **, int));
		F(unsigned long, wcstoul, (const WCHAR *, WCHAR **, int));
		F(WCHAR, towupper, (WCHAR));
		const WCHAR *w = L"C:\\dir\\file.txt";

		CHECK(P, wcschr(w, L'\\') == w + 2 && wcsrchr(w, L'\\') == w + 6);
		CHECK(P, !wcschr(w, L'Q') && wcschr(w, 0) == w + 15);
		CHECK(P, wcspbrk(w, L".\\") == w + 2 && wcsstr(w, L"file") == w + 7);
		CHECK(P, !wcsstr(w, L"files") && wcsstr(w, L"") == w);
		CHECK(P, wcscpy(wbuf, L"ab") == wbuf && wcscat(wbuf, L"c") == wbuf && wbuf[2] == L'c');
		CHECK(P, wcsspn(L"aabx", L"ab") == 3 && wcscspn(L"abc.d", L".") == 3);
		CHECK(P, wcsnlen(L"abcdef", 4) == 4 && wcsnlen(L"ab", 4) == 2);
		CHECK(P, wcscmp(L"abc", L"abc") == 0 && wcscmp(L"abc", L"abd") < 0);
		CHECK(P, wcscmp(L"\xe9", L"z") > 0);	/* unsigned UTF-16 units */
		CHECK(P, wcsncmp(L"abcx", L"abcy", 3) == 0 && wcsncmp(L"b", L"a", 5) > 0);
		CHECK(P, _wcsicmp(L"Kernel32.DLL", L"kernel32.dll") == 0);
		CHECK(P, _wcsicmp(L"a", L"B") < 0 && _wcsnicmp(L"ABx", L"aby", 2) == 0);
		CHECK(P, wcstol(L" 0x10z", &wend, 16) == 16 && *wend == L'z');
		CHECK(P, wcstoul(L"4294967295", 0, 10) == 4294967295UL);
		CHECK(P, wcstoul(L"4294967296", 0, 10) == 4294967295UL);
		CHECK(P, wcstoul(L"-1", 0, 10) == 4294967295UL);
		CHECK(P, towupper(L'a') == L'A' && towupper(L'1') == L'1');
	}
	{
		struct bitmap { unsigned int size; unsigned int *buf; } bm;
		F(unsigned long long, RtlCompareMemory, (const void *, const void *, unsigned long long));
		F(void, RtlFillMemory, (void *, unsigned long long, unsigned char));
		F(void, RtlZeroMemory, (void *, unsigned long long));
		F(void, RtlMoveMemory, (void *, const void *, unsigned long long));
		F(void, RtlSetLastWin32Error, (unsigned int));
		F(unsigned int, RtlLengthRequiredSid, (unsigned int));
		F(unsigned int, RtlLengthSid, (void *));
		F(unsigned char *, RtlSubAuthorityCountSid, (void *));
		F(unsigned int *, RtlSubAuthoritySid, (void *, unsigned int));
		F(void *, RtlEncodePointer, (void *));
		F(void *, RtlDecodePointer, (void *));
		F(unsigned long long, VerSetConditionMask, (unsigned long long, unsigned int, unsigned char));
		F(char, RtlUpperChar, (char));
		F(void, RtlInitializeBitMap, (struct bitmap *, unsigned int *, unsigned int));
		F(void, RtlSetBits, (struct bitmap *, unsigned int, unsigned int));
		F(void, RtlClearBits, (struct bitmap *, unsigned int, unsigned int));
		F(unsigned char, RtlAreBitsSet, (struct bitmap *, unsigned int, unsigned int));
		F(unsigned char, RtlAreBitsClear, (struct bitmap *, unsigned int, unsigned int));
		F(unsigned int, RtlFindClearBitsAndSet, (struct bitmap *, unsigned int, unsigned int));
		unsigned char sid[16] = { 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0 };
		unsigned int bits[2] = { 0, 0 };
		void *enc;

		CHECK(P, RtlCompareMemory("abcd", "abxd", 4) == 2 && RtlCompareMemory("ab", "ab", 2) == 2);
		RtlFillMemory(buf, 4, 'x');
		CHECK(P, buf[0] == 'x' && buf[3] == 'x');
		RtlMoveMemory(buf + 1, buf, 3);
		RtlZeroMemory(buf, 1);
		CHECK(P, buf[0] == 0 && buf[1] == 'x');
		RtlSetLastWin32Error(183);
		{
			char *teb;

			__asm__("movq %%gs:0x30, %0" : "=r"(teb));
			CHECK(P, *(unsigned int *)(teb + 0x68) == 183);	/* TEB.LastErrorValue */
		}
		CHECK(P, RtlLengthRequiredSid(2) == 16 && RtlLengthSid(sid) == 16);
		CHECK(P, *RtlSubAuthorityCountSid(sid) == 2 && *RtlSubAuthoritySid(sid, 1) == 544);
		enc = RtlEncodePointer(sid);
		CHECK(P, RtlDecodePointer(enc) == sid);
		CHECK(P, VerSetConditionMask(VerSetConditionMask(0, 2, 3), 1, 3) == 0x1b); /* >= major, minor */
		CHECK(P, VerSetConditionMask(5, 0, 3) == 5);
		CHECK(P, RtlUpperChar('q') == 'Q' && RtlUpperChar('7') == '7');
		RtlInitializeBitMap(&bm, bits, 40);
		CHECK(P, bm.size == 40 && bm.buf == bits);
		RtlSetBits(&bm, 0, 1);
		CHECK(P, bits[0] == 1 && RtlAreBitsSet(&bm, 0, 1) && RtlAreBitsClear(&bm, 1, 39));
		CHECK(P, RtlFindClearBitsAndSet(&bm, 1, 0) == 1 && bits[0] == 3);
		CHECK(P, RtlFindClearBitsAndSet(&bm, 4, 30) == 30 && bits[0] == 0xc0000003 && bits[1] == 3);
		CHECK(P, RtlFindClearBitsAndSet(&bm, 38, 0) == 0xFFFFFFFF);
		RtlClearBits(&bm, 30, 4);
		CHECK(P, RtlAreBitsClear(&bm, 2, 38) && !RtlAreBitsSet(&bm, 0, 41));
	}
	{
		/* __chkstk: probes RAX bytes below RSP, keeps every register */
		void *chkstk = fn("__chkstk");
		unsigned long long rax = 0x5000, rcx = 0x1234;

		if (chkstk) {
			__asm__ volatile("subq $0x6000, %%rsp\n\t"
					 "addq $0x6000, %%rsp\n\t"
					 "call *%2"
					 : "+a"(rax), "+c"(rcx) : "r"(chkstk) : "memory");
			CHECK(P, rax == 0x5000 && rcx == 0x1234);
		}
	}
	{
		F(unsigned char, __wine_dbg_get_channel_flags, (struct channel *));
		F(int, __wine_dbg_header, (int, struct channel *, const char *));
		F(int, __wine_dbg_output, (const char *));
		F(const char *, __wine_dbg_strdup, (const char *));
		struct channel heap = { 0xff, "heap" }, file = { 0xff, "file" };
		static const char text[] = "copied";
		const char *c;
		unsigned char hf, ff;

		/* NTPERSONA_DEBUG unset: fixme and err (1, 2); "warn+heap,-file" adds warn to
		 * heap and clears file's */
		hf = __wine_dbg_get_channel_flags(&heap);
		ff = __wine_dbg_get_channel_flags(&file);
		CHECK(P, heap.flags == hf && file.flags == ff);
		nt_puts(nt_stdout(), "heap ");
		nt_put_udec(nt_stdout(), hf);
		nt_puts(nt_stdout(), " file ");
		nt_put_udec(nt_stdout(), ff);
		nt_puts(nt_stdout(), "\n");
		CHECK(P, __wine_dbg_header(3, &heap, "f") == -1);	/* trace: off */
		if (hf & 1) {
			CHECK(P, __wine_dbg_header(0, &heap, "alloc") > 0);
			CHECK(P, __wine_dbg_output("a line\n") == 7);
			/* a line made in parts: one header, at its start (as Wine's) */
			CHECK(P, __wine_dbg_header(0, &heap, "part") > 0);
			CHECK(P, __wine_dbg_output("one ") == 4);
			CHECK(P, __wine_dbg_header(0, &heap, "part") == 0);
			CHECK(P, __wine_dbg_output("two\n") == 4);
		}
		if (hf & 4) {
			CHECK(P, __wine_dbg_header(2, &heap, "free") > 0);
			CHECK(P, __wine_dbg_output("warned\n") == 7);
		}
		CHECK(P, (__wine_dbg_header(1, &file, "open") == -1) == !(ff & 2));
		if (ff & 2)
			__wine_dbg_output("err line\n");
		c = __wine_dbg_strdup(text);
		CHECK(P, c && c != text && c[0] == 'c' && c[6] == 0);
	}
	return nt_done(P);
}
