// SPDX-License-Identifier: GPL-2.0
/*
 * rtltest.exe: the counted-string functions of ntdll (ASCII only, so that
 * the ANSI code page does not matter and Wine agrees), the string to
 * number conversions, GUIDs, RtlUniform, RtlIsTextUnicode, the IPv4 and
 * IPv6 address strings and RtlIsNameLegalDOS8Dot3.
 *
 * Under Wine (ntdll exports wine_get_version) the checks where Wine's ntdll
 * does what Windows XP did rather than what Windows does since Vista are
 * skipped and counted on stdout: an empty or odd-length string for
 * RtlUnicodeStringToInteger, RtlUniform's sequence, a GUID string whose
 * Length is short.
 */
#include "ntdllrt.h"

#define P "rtltest"

static int on_wine, wine_skipped;

/* a check Wine's ntdll is known to fail */
#define WCHECK(cond) do {						\
	if (on_wine)							\
		wine_skipped++;						\
	else								\
		CHECK(P, cond);						\
} while (0)

static int wcs_eq(const WCHAR *a, const WCHAR *b, unsigned int n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* @s widened into a static buffer, as a UNICODE_STRING */
static UNICODE_STRING *wide(const char *s)
{
	static WCHAR buf[80];
	static UNICODE_STRING u;
	unsigned int n = 0;

	while (s[n] && n < 79) {
		buf[n] = (unsigned char)s[n];
		n++;
	}
	buf[n] = 0;
	u.Buffer = buf;
	u.Length = (USHORT)(n * 2);
	u.MaximumLength = (USHORT)(n * 2 + 2);
	return &u;
}

static void more_strings(void)
{
	static const WCHAR abc[] = L"abc";
	UNICODE_STRING a, b, e = { 0, 0, 0 };
	WCHAR buf[4], *big;
	unsigned int i;

	/* RtlInitUnicodeStringEx: as RtlInitUnicodeString, but a too long string fails */
	CHECK(P, RtlInitUnicodeStringEx(&a, abc) == 0 && a.Length == 6 && a.MaximumLength == 8 &&
	      a.Buffer == abc);
	CHECK(P, RtlInitUnicodeStringEx(&a, 0) == 0 && a.Length == 0 && a.MaximumLength == 0 &&
	      a.Buffer == 0);
	big = RtlAllocateHeap(process_heap(), 0, 0x8001 * 2);
	CHECK(P, big != 0);
	if (big) {
		for (i = 0; i < 0x8000; i++)
			big[i] = 'X';
		big[0x8000] = 0;
		a.Length = 1;
		a.MaximumLength = 2;
		a.Buffer = buf;
		CHECK(P, RtlInitUnicodeStringEx(&a, big) == STATUS_NAME_TOO_LONG);
		CHECK(P, a.Length == 1 && a.MaximumLength == 2 && a.Buffer == buf);
		big[0x7ffe] = 0;	/* 0x7ffe characters: 0xfffc bytes, the most */
		CHECK(P, RtlInitUnicodeStringEx(&a, big) == 0 && a.Length == 0xfffc);
		big[0x7ffe] = 'X';
		big[0x7fff] = 0;
		CHECK(P, RtlInitUnicodeStringEx(&a, big) == STATUS_NAME_TOO_LONG);
		RtlFreeHeap(process_heap(), 0, big);
	}

	/* RtlCreateUnicodeString*: heap copies, NUL-terminated */
	CHECK(P, RtlCreateUnicodeString(&a, abc) && a.Length == 6 && a.MaximumLength == 8 &&
	      a.Buffer != abc && a.Buffer[2] == 'c' && a.Buffer[3] == 0);
	RtlFreeUnicodeString(&a);
	CHECK(P, RtlCreateUnicodeString(&a, L"") && a.Length == 0 && a.MaximumLength == 2 &&
	      a.Buffer && a.Buffer[0] == 0);
	RtlFreeUnicodeString(&a);
	CHECK(P, RtlCreateUnicodeStringFromAsciiz(&a, "Hello") && a.Length == 10 &&
	      a.MaximumLength == 12 && wcs_eq(a.Buffer, L"Hello", 6));
	RtlFreeUnicodeString(&a);

	/* RtlDuplicateUnicodeString: flags 0, 1 (NUL), 3 (NUL, and a buffer when empty) */
	RtlInitUnicodeString(&b, abc);
	CHECK(P, RtlDuplicateUnicodeString(0, &b, &a) == 0 && a.Length == 6 &&
	      a.MaximumLength == 6 && a.Buffer != abc && wcs_eq(a.Buffer, abc, 3));
	RtlFreeUnicodeString(&a);
	CHECK(P, RtlDuplicateUnicodeString(1, &b, &a) == 0 && a.Length == 6 &&
	      a.MaximumLength == 8 && wcs_eq(a.Buffer, abc, 4));
	RtlFreeUnicodeString(&a);
	a.Buffer = buf;
	CHECK(P, RtlDuplicateUnicodeString(1, &e, &a) == 0 && a.Length == 0 &&
	      a.MaximumLength == 0 && a.Buffer == 0);
	CHECK(P, RtlDuplicateUnicodeString(3, &e, &a) == 0 && a.Length == 0 &&
	      a.MaximumLength == 2 && a.Buffer && a.Buffer[0] == 0);
	RtlFreeUnicodeString(&a);
	CHECK(P, RtlDuplicateUnicodeString(2, &b, &a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlDuplicateUnicodeString(4, &b, &a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlDuplicateUnicodeString(1, 0, &a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlDuplicateUnicodeString(1, &b, 0) == STATUS_INVALID_PARAMETER);
	b.MaximumLength = 4;	/* Length > MaximumLength */
	CHECK(P, RtlDuplicateUnicodeString(1, &b, &a) == STATUS_INVALID_PARAMETER);
	e.MaximumLength = 4;	/* room, but no buffer */
	CHECK(P, RtlDuplicateUnicodeString(1, &e, &a) == STATUS_INVALID_PARAMETER);

	/* RtlUpcaseUnicodeString: allocated (no NUL), into a buffer, in place */
	RtlInitUnicodeString(&b, L"MiXed");
	CHECK(P, RtlUpcaseUnicodeString(&a, &b, 1) == 0 && a.Length == 10 &&
	      a.MaximumLength == 10 && wcs_eq(a.Buffer, L"MIXED", 5));
	RtlFreeUnicodeString(&a);
	a.Buffer = buf;
	a.Length = 0;
	a.MaximumLength = sizeof(buf);
	CHECK(P, RtlUpcaseUnicodeString(&a, &b, 0) == STATUS_BUFFER_OVERFLOW);
	RtlInitUnicodeString(&b, L"ab");
	CHECK(P, RtlUpcaseUnicodeString(&a, &b, 0) == 0 && a.Length == 4 &&
	      wcs_eq(buf, L"AB", 2));
	buf[0] = 'x';
	a.Length = 2;
	CHECK(P, RtlUpcaseUnicodeString(&a, &a, 0) == 0 && buf[0] == 'X');

	/* RtlCompareUnicodeStrings: counted in characters */
	CHECK(P, RtlCompareUnicodeStrings(L"abc", 3, L"abd", 3, 0) < 0);
	CHECK(P, RtlCompareUnicodeStrings(L"ABC", 3, L"abc", 3, 1) == 0);
	CHECK(P, RtlCompareUnicodeStrings(L"ABC", 3, L"abc", 3, 0) < 0);
	CHECK(P, RtlCompareUnicodeStrings(L"abcd", 4, L"abc", 3, 0) > 0);
	CHECK(P, RtlCompareUnicodeStrings(L"abcd", 3, L"abcx", 3, 0) == 0);
}

static const struct {
	ULONG base;
	const char *s;
	ULONG v;
} ints[] = {
	{ 0, "1234567", 1234567 },
	{ 0, "-214", (ULONG)-214 },
	{ 0, "+214", 214 },
	{ 0, "--214", 0 },
	{ 0, "\001\002 \t\n214", 214 },
	{ 0, " \n \r \t-214", (ULONG)-214 },
	{ 0, "+214 0", 214 },
	{ 0, " 214.01", 214 },
	{ 0, "f81", 0 },
	{ 0, "0x12345", 0x12345 },
	{ 0, "00x12345", 0 },
	{ 0, "1x34", 1 },
	{ 0, "-9999999999", (ULONG)-1410065407 },
	{ 0, "4294967295", 0xffffffff },
	{ 0, "4294967296", 0 },
	{ 0, "056789", 56789 },
	{ 0, "0b1011101100", 748 },
	{ 0, "-0b10123456789", (ULONG)-5 },
	{ 0, "0b", 0 },
	{ 0, "0o1234567", 01234567 },
	{ 0, "0o56789", 0567 },
	{ 0, "0d1011101100", 0 },
	{ 0, "0xabcdefgh", 0xabcdef },
	{ 0, "-0xFEDCBA00", 19088896 },
	{ 0, "0x", 0 },
	{ 0, "  ", 0 },
	{ 2, "1011101100", 748 },
	{ 2, "0b1011101100", 0 },
	{ 8, "1011101100", 136610368 },
	{ 8, "8", 0 },
	{ 10, "-1011101100", (ULONG)-1011101100 },
	{ 10, "0x1011101100", 0 },
	{ 16, "0x1011101100", 0 },
	{ 16, "fEdCbA98", 0xfedcba98 },
	{ 16, "-1", 0xffffffff },
};

static void integers(void)
{
	UNICODE_STRING u;
	unsigned int i;
	NTSTATUS st;
	ULONG v;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int ok;

		v = 0xdeadbeef;
		ok = RtlCharToInteger(ints[i].s, ints[i].base, &v) == 0 && v == ints[i].v;
		v = 0xdeadbeef;
		ok = ok && RtlUnicodeStringToInteger(wide(ints[i].s), ints[i].base, &v) == 0 &&
			v == ints[i].v;
		if (!ok) {
			nt_puts(nt_stderr(), P ": integer \"");
			nt_puts(nt_stderr(), ints[i].s);
			nt_puts(nt_stderr(), "\"\n");
		}
		CHECK(P, ok);
	}
	/* bad base, no value */
	CHECK(P, RtlCharToInteger("12", 3, &v) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlCharToInteger("12", 17, &v) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlUnicodeStringToInteger(wide("12"), 1, &v) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlCharToInteger("12", 10, 0) == STATUS_ACCESS_VIOLATION);
	CHECK(P, RtlUnicodeStringToInteger(wide("12"), 10, 0) == STATUS_ACCESS_VIOLATION);
	/* the Length counts, not a NUL */
	u = *wide("1234567");
	u.Length = 10;
	CHECK(P, RtlUnicodeStringToInteger(&u, 0, &v) == 0 && v == 12345);
	/* an empty string: STATUS_SUCCESS and 0 before Vista, STATUS_INVALID_PARAMETER since */
	v = 7;
	st = RtlCharToInteger("", 0, &v);
	CHECK(P, (st == 0 && v == 0) || (st == STATUS_INVALID_PARAMETER && v == 7));
	u.Length = 0;
	st = RtlUnicodeStringToInteger(&u, 10, &v);
	WCHECK(st == STATUS_INVALID_PARAMETER);
	u.Length = 5;	/* odd */
	st = RtlUnicodeStringToInteger(&u, 10, &v);
	WCHECK(st == STATUS_INVALID_PARAMETER);
}

struct guid {
	ULONG d1;
	USHORT d2, d3;
	unsigned char d4[8];
};

static void guids(void)
{
	static const unsigned char d4[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	struct guid g;
	UNICODE_STRING u;
	unsigned int i;
	int same = 1;

	CHECK(P, RtlGUIDFromString(wide("{01234567-89AB-CDEF-0123-456789abcdef}"), &g) == 0);
	for (i = 0; i < 8; i++)
		same = same && g.d4[i] == d4[i];
	CHECK(P, g.d1 == 0x01234567 && g.d2 == 0x89ab && g.d3 == 0xcdef && same);
	CHECK(P, RtlGUIDFromString(wide("01234567-89AB-CDEF-0123-456789abcdef"), &g) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlGUIDFromString(wide("{01234567-89AB-CDEF-0123-456789abcdeg}"), &g) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlGUIDFromString(wide("{01234567-89AB-CDEF-0123-456789abcdef]"), &g) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlGUIDFromString(wide("{01234567+89AB-CDEF-0123-456789abcdef}"), &g) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlGUIDFromString(wide("{0123"), &g) == STATUS_INVALID_PARAMETER);
	u = *wide("{01234567-89AB-CDEF-0123-456789abcdef}");
	u.Length -= 2;
	WCHECK(RtlGUIDFromString(&u, &g) == STATUS_INVALID_PARAMETER);
}

static void uniform(void)
{
	ULONG seed = 0, r;

	r = RtlUniform(&seed);
	CHECK(P, r == 0x7fffffc3 && seed == r);
	seed = 1;
	CHECK(P, RtlUniform(&seed) == 0x7fffffb1);
	/* (seed * 0x7fffffed + 0x7fffffc3) % 0x7fffffff: what Windows computes since Vista */
	seed = 2;
	r = RtlUniform(&seed);
	WCHECK(r == 0x7fffff9f && seed == r);
	seed = 0x6bca1aa;
	r = RtlUniform(&seed);
	WCHECK(r == (ULONG)((0x6bca1aaull * 0x7fffffed + 0x7fffffc3) % 0x7fffffff));
}

#define TU_STATISTICS		0x0002
#define TU_CONTROLS		0x0004
#define TU_SIGNATURE		0x0008
#define TU_REVERSE_SIGNATURE	0x0080
#define TU_ODD_LENGTH		0x0200
#define TU_NULL_BYTES		0x1000

static void text_unicode(void)
{
	static const WCHAR hello[] = L"Hello world";
	static const WCHAR bom[] = { 0xfeff, 'a', 'b', 0 };
	static const WCHAR rbom[] = { 0xfffe, 0x6100, 0x6200, 0 };
	int f;

	CHECK(P, RtlIsTextUnicode(hello, 22, 0));
	CHECK(P, !RtlIsTextUnicode("Hello world", 11, 0));
	CHECK(P, !RtlIsTextUnicode("Hello world!", 12, 0));
	f = TU_CONTROLS;
	CHECK(P, RtlIsTextUnicode(hello, 22, &f) && f == TU_CONTROLS);
	f = TU_NULL_BYTES | TU_STATISTICS;
	CHECK(P, RtlIsTextUnicode(hello, 22, &f) && f == (TU_NULL_BYTES | TU_STATISTICS));
	f = -1;
	CHECK(P, RtlIsTextUnicode(bom, 6, &f) && (f & TU_SIGNATURE));
	f = -1;
	CHECK(P, !RtlIsTextUnicode(rbom, 6, &f) && (f & TU_REVERSE_SIGNATURE));
	f = -1;
	CHECK(P, !RtlIsTextUnicode(hello, 21, &f) && (f & TU_ODD_LENGTH));
	f = -1;
	CHECK(P, !RtlIsTextUnicode("a", 1, &f) && f == 0);
}

static int bytes_are(const unsigned char *a, const char *want, unsigned int n)
{
	while (n--)
		if (*a++ != (unsigned char)*want++)
			return 0;
	return 1;
}

static int str_is(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void ipv4(void)
{
	static const unsigned char a1234[4] = { 1, 2, 3, 4 };
	unsigned char a[4];
	const char *s, *t;
	char buf[32];
	USHORT port;
	ULONG n;

	s = "1.2.3.4";
	CHECK(P, RtlIpv4StringToAddressA(s, 1, &t, a) == 0 && t == s + 7 &&
	      bytes_are(a, "\1\2\3\4", 4));
	s = "1.2.3.4:80";
	CHECK(P, RtlIpv4StringToAddressA(s, 1, &t, a) == 0 && t == s + 7);
	s = "0x7f.1";
	CHECK(P, RtlIpv4StringToAddressA(s, 0, &t, a) == 0 && t == s + 6 &&
	      bytes_are(a, "\x7f\0\0\1", 4));
	CHECK(P, RtlIpv4StringToAddressA(s, 1, &t, a) == STATUS_INVALID_PARAMETER);
	s = "010.0.0.1";
	CHECK(P, RtlIpv4StringToAddressA(s, 0, &t, a) == 0 && bytes_are(a, "\10\0\0\1", 4));
	CHECK(P, RtlIpv4StringToAddressA(s, 1, &t, a) == STATUS_INVALID_PARAMETER);
	s = "1.2.3";
	CHECK(P, RtlIpv4StringToAddressA(s, 0, &t, a) == 0 && bytes_are(a, "\1\2\0\3", 4));
	CHECK(P, RtlIpv4StringToAddressA(s, 1, &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressA("16909060", 0, &t, a) == 0 &&
	      bytes_are(a, "\1\2\3\4", 4));
	CHECK(P, RtlIpv4StringToAddressA("256.1.1.1", 0, &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressA("1.2.3.4.5", 0, &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressA("1.2..4", 0, &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressA("", 0, &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressA("1.2.256", 0, &t, a) == 0 &&
	      bytes_are(a, "\1\2\1\0", 4));
	CHECK(P, RtlIpv4StringToAddressA("1.2.65536", 0, &t, a) == STATUS_INVALID_PARAMETER);

	/* the Ex form: the whole string, maybe a port (network order) */
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4:80", 1, a, &port) == 0 && port == 0x5000 &&
	      bytes_are(a, "\1\2\3\4", 4));
	/* no port: 0, as documented (Wine leaves it) */
	port = 0xdead;
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4", 1, a, &port) == 0);
	WCHECK(port == 0);
	/* the address is stored before the port fails */
	a[0] = 0;
	CHECK(P, RtlIpv4StringToAddressExA("5.6.7.8:", 1, a, &port) == STATUS_INVALID_PARAMETER &&
	      bytes_are(a, "\5\6\7\10", 4));
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4:0xffff", 1, a, &port) == 0 && port == 0xffff);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4:011064", 1, a, &port) == 0 && port == 0x3412);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4: 1", 1, a, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4:0", 1, a, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4:65536", 1, a, &port) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4 ", 1, a, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressExA("1.2.3.4", 1, a, 0) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv4StringToAddressExA(0, 1, a, &port) == STATUS_INVALID_PARAMETER);

	n = sizeof(buf);
	CHECK(P, RtlIpv4AddressToStringExA(a1234, 0, buf, &n) == 0 && n == 8 &&
	      str_is(buf, "1.2.3.4"));
	n = sizeof(buf);
	CHECK(P, RtlIpv4AddressToStringExA(a1234, 0x5000, buf, &n) == 0 && n == 11 &&
	      str_is(buf, "1.2.3.4:80"));
	n = 7;
	CHECK(P, RtlIpv4AddressToStringExA(a1234, 0, buf, &n) == STATUS_INVALID_PARAMETER &&
	      n == 8);
	CHECK(P, RtlIpv4AddressToStringExA(a1234, 0, buf, 0) == STATUS_INVALID_PARAMETER);
}

static void ipv6(void)
{
	unsigned char a[16];
	const char *s, *t;
	char buf[64];
	USHORT port;
	ULONG scope, n;

	s = "::";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 2 &&
	      bytes_are(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	s = "::1";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 3 &&
	      bytes_are(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16));
	s = "1:2:3:4:5:6:7:8";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 15 &&
	      bytes_are(a, "\0\1\0\2\0\3\0\4\0\5\0\6\0\7\0\10", 16));
	s = "FE80::aBcD";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 10 &&
	      bytes_are(a, "\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\xab\xcd", 16));
	s = "1::";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 3 &&
	      bytes_are(a, "\0\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	s = "::ffff:1.2.3.4";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 14 &&
	      bytes_are(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff\1\2\3\4", 16));
	s = "fe80::1%5";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 7);
	/* a second "::" ends the address */
	s = "1::2::3";
	CHECK(P, RtlIpv6StringToAddressA(s, &t, a) == 0 && t == s + 4 &&
	      bytes_are(a, "\0\1\0\0\0\0\0\0\0\0\0\0\0\0\0\2", 16));
	CHECK(P, RtlIpv6StringToAddressExA(s, a, &scope, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA("12345::", &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA(":1", &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA("1:2:3:4:5:6:7", &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA("1:2:3:4:5:6:7:", &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA("::1.2.3.256", &t, a) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressA("", &t, a) == STATUS_INVALID_PARAMETER);

	CHECK(P, RtlIpv6StringToAddressExA("fe80::1%5", a, &scope, &port) == 0 && scope == 5 &&
	      port == 0 && a[0] == 0xfe && a[15] == 1);
	CHECK(P, RtlIpv6StringToAddressExA("[::1]:80", a, &scope, &port) == 0 && scope == 0 &&
	      port == 0x5000 && a[15] == 1);
	CHECK(P, RtlIpv6StringToAddressExA("[fe80::2%3]", a, &scope, &port) == 0 && scope == 3 &&
	      port == 0 && a[15] == 2);
	CHECK(P, RtlIpv6StringToAddressExA("[::1", a, &scope, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressExA("::1]", a, &scope, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressExA("[::1]:0", a, &scope, &port) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressExA("::1 ", a, &scope, &port) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlIpv6StringToAddressExA("::1", a, 0, &port) == STATUS_INVALID_PARAMETER);

	/* to a string: lower case, the first longest run of zero groups as :: */
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 0, 0, buf, &n) == 0 && n == 4 &&
	      str_is(buf, "::1"));
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 0, 0, buf, &n) == 0 && str_is(buf, "::"));
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 5, 0x5000, buf, &n) == 0 &&
	      str_is(buf, "[fe80::1%5]:80") && n == 15);
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\0\0\0\0\0\0\0\0\0\xff\xff\1\2\3\4", 0, 0, buf, &n) == 0 &&
	      str_is(buf, "::ffff:1.2.3.4"));
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\1\0\0\0\0\0\2\0\0\0\0\0\0\0\3", 0, 0, buf, &n) == 0 &&
	      str_is(buf, "1:0:0:2::3"));
	n = sizeof(buf);
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\1\0\0\0\2\0\3\0\4\0\5\0\6\xab\xcd", 0, 0, buf, &n) == 0 &&
	      str_is(buf, "1:0:2:3:4:5:6:abcd"));
	n = 3;
	CHECK(P, RtlIpv6AddressToStringExA((const unsigned char *)
		"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 0, 0, buf, &n) == STATUS_INVALID_PARAMETER &&
	      n == 4);
	CHECK(P, RtlIpv6AddressToStringExA(0, 0, 0, buf, &n) == STATUS_INVALID_PARAMETER);
}

NTSTATUS RtlConvertSidToUnicodeString(UNICODE_STRING *str, void *sid, BOOLEAN alloc);
NTSTATUS RtlQueryInformationActivationContext(ULONG flags, HANDLE ctx, void *subinst,
					      ULONG cls, void *buf, ULONG_PTR size, ULONG_PTR *ret);
NTSTATUS RtlGetActiveActivationContext(HANDLE *ctx);
NTSTATUS RtlOpenCurrentUser(ULONG access, HANDLE *key);
NTSTATUS NtClose(HANDLE h);

/* S-R-A-S1-...: decimal authority up to 32 bits, 0x + 12 hex digits beyond */
static void sids(void)
{
	static const unsigned char world[12] = { 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
	static const unsigned char admins[16] = { 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0 };
	static const unsigned char big[8] = { 1, 0, 0x12, 0x34, 0, 0, 0, 0xab };
	static const unsigned char bad[8] = { 2, 0, 0, 0, 0, 0, 0, 1 };
	UNICODE_STRING u;
	WCHAR buf[8];

	CHECK(P, RtlConvertSidToUnicodeString(&u, (void *)world, 1) == 0 && u.Length == 14 &&
	      u.MaximumLength == 16 && wcs_eq(u.Buffer, L"S-1-1-0", 8));
	RtlFreeUnicodeString(&u);
	CHECK(P, RtlConvertSidToUnicodeString(&u, (void *)admins, 1) == 0 && u.Length == 24 &&
	      wcs_eq(u.Buffer, L"S-1-5-32-544", 13));
	RtlFreeUnicodeString(&u);
	WCHECK(RtlConvertSidToUnicodeString(&u, (void *)big, 1) == 0 && u.Length == 36 &&
	       wcs_eq(u.Buffer, L"S-1-0x1234000000AB", 19));
	if (!on_wine)
		RtlFreeUnicodeString(&u);
	/* a caller's buffer must hold the NUL too */
	u.Buffer = buf;
	u.MaximumLength = 14;
	CHECK(P, RtlConvertSidToUnicodeString(&u, (void *)world, 0) == STATUS_BUFFER_OVERFLOW);
	u.MaximumLength = 16;
	CHECK(P, RtlConvertSidToUnicodeString(&u, (void *)world, 0) == 0 && u.Length == 14 &&
	      wcs_eq(buf, L"S-1-1-0", 8));
	WCHECK(RtlConvertSidToUnicodeString(&u, (void *)bad, 1) == STATUS_INVALID_SID);
}

/*
 * A program without a manifest has only the process default activation
 * context: no compatibility elements (four bytes: ElementCount 0), run
 * level unspecified; handles that name no context are refused.
 */
static void activation_context(void)
{
	ULONG info[4] = { 0xaa, 0xaa, 0xaa, 0xaa };
	HANDLE ctx = (HANDLE)1, key = (HANDLE)1;
	ULONG_PTR len = 0;
	NTSTATUS st;

	/* Wine gives its process default context a manifest with elements */
	WCHECK(RtlQueryInformationActivationContext(0, 0, 0, 6, 0, 0, &len) ==
	       STATUS_BUFFER_TOO_SMALL && len == 4);
	WCHECK(RtlQueryInformationActivationContext(0, 0, 0, 6, info, sizeof(info), &len) == 0 &&
	       len == 4 && info[0] == 0 && info[1] == 0xaa);
	CHECK(P, RtlQueryInformationActivationContext(0, 0, 0, 5, info, 8, &len) ==
	      STATUS_BUFFER_TOO_SMALL && len == 12);
	CHECK(P, RtlQueryInformationActivationContext(0, 0, 0, 5, info, 12, &len) == 0 &&
	      info[0] == 0 && info[1] == 0 && info[2] == 0);
	/* the active context, by flag, with a handle: invalid */
	CHECK(P, RtlQueryInformationActivationContext(4, (HANDLE)1, 0, 6, info, 16, &len) ==
	      STATUS_INVALID_PARAMETER);
	/* a module's context: by base, not by an address that is no module's */
	CHECK(P, RtlQueryInformationActivationContext(8, 0, 0, 6, info, 16, &len) ==
	      STATUS_INVALID_PARAMETER);
	CHECK(P, RtlQueryInformationActivationContext(0x10, (HANDLE)0x1000, 0, 6, info, 16, &len) ==
	      STATUS_DLL_NOT_FOUND);
	CHECK(P, RtlGetActiveActivationContext(&ctx) == 0 && ctx == 0);

	/* HKEY_CURRENT_USER: a key, or a failure that leaves no handle */
	st = RtlOpenCurrentUser(0x20019, &key);
	CHECK(P, st == 0 ? key != 0 : key == 0);
	if (st == 0)
		NtClose(key);
}

static void dos83(void)
{
	static const struct {
		const char *name;
		int legal, spaces;
	} names[] = {
		{ "FILE.TXT", 1, 0 }, { "file.txt", 1, 0 }, { "abcdefgh.ijk", 1, 0 },
		{ "a b.txt", 1, 1 }, { ".", 1, 0 }, { "..", 1, 0 }, { "NOEXT", 1, 0 },
		{ "longfilename.txt", 0, 0 }, { "abcdefghi", 0, 0 }, { "a.abcd", 0, 0 },
		{ " ab", 0, 0 }, { "ab ", 0, 0 }, { "ab .t", 0, 0 }, { "a.b.c", 0, 0 },
		{ "...", 0, 0 }, { ".a", 0, 0 }, { "a+b", 0, 0 }, { "a*", 0, 0 },
		{ "ab.", 0, 0 }, { "a\\b", 0, 0 }, { "a:b", 0, 0 },
	};
	unsigned int i;
	BOOLEAN sp;
	ANSI_STRING oem;
	char buf[12];

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int ok;

		sp = 7;
		ok = RtlIsNameLegalDOS8Dot3(wide(names[i].name), 0, &sp) == names[i].legal;
		if (names[i].legal)
			ok = ok && sp == names[i].spaces;
		if (!ok) {
			nt_puts(nt_stderr(), P ": 8.3 name \"");
			nt_puts(nt_stderr(), names[i].name);
			nt_puts(nt_stderr(), "\"\n");
		}
		CHECK(P, ok);
	}
	oem.Buffer = buf;
	oem.Length = 0;
	oem.MaximumLength = sizeof(buf);
	CHECK(P, RtlIsNameLegalDOS8Dot3(wide("file.txt"), &oem, 0) && oem.Length == 8 &&
	      bytes_are((unsigned char *)buf, "FILE.TXT", 8));
}

/*
 * RtlFormatMessage as FormatMessage asks it: inserts from an array with
 * and without a printf format, escapes, %0, inserts and escapes left alone
 * (IgnoreInserts keeps "%%" whole, as Windows), line breaks kept or made
 * spaces (MaxWidth 0xff), a buffer too short.
 */
static int wsame(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void format_message(void)
{
	static const WCHAR msg[] = L"Hello %1, you have %2!d! new %3!s! (%4!02x!).%n%%done%0ignored";
	static const WCHAR want[] = L"Hello Bob, you have 3 new mails (0a).\r\n%done";
	static const WCHAR kept[] = L"Hello %1, you have %2!d! new %3!s! (%4!02x!).\r\n%%done";
	ULONG_PTR argv[4] = { (ULONG_PTR)L"Bob", 3, (ULONG_PTR)L"mails", 10 };
	__builtin_va_list *args = (__builtin_va_list *)argv;	/* an array: itself */
	WCHAR buf[128];
	ULONG len = 0;

	CHECK(P, RtlFormatMessage(msg, 0, 0, 0, 1, args, buf, sizeof(buf), &len) == 0);
	CHECK(P, wsame(buf, want) && len == sizeof(want));
	CHECK(P, RtlFormatMessage(msg, 0, 1, 0, 1, args, buf, sizeof(buf), &len) == 0);
	CHECK(P, wsame(buf, kept));
	CHECK(P, RtlFormatMessage(L"one\r\ntwo\r\n", 0, 1, 0, 0, 0, buf, sizeof(buf), &len) == 0);
	CHECK(P, wsame(buf, L"one\r\ntwo\r\n"));
	CHECK(P, RtlFormatMessage(L"one\r\ntwo", 0xff, 1, 0, 0, 0, buf, sizeof(buf), &len) == 0);
	CHECK(P, wsame(buf, L"one two"));
	CHECK(P, RtlFormatMessage(msg, 0, 1, 0, 1, args, buf, 8, &len) == STATUS_BUFFER_OVERFLOW);
}

int start(void *peb)
{
	UNICODE_STRING a, b, c;
	ANSI_STRING s, t;
	WCHAR buf[8];
	NTSTATUS st;

	(void)peb;
	RtlInitUnicodeString(&a, L"Kernel32.DLL");
	CHECK(P, a.Length == 24 && a.MaximumLength == 26);
	RtlInitUnicodeString(&b, L"kernel32.dll");
	CHECK(P, !RtlEqualUnicodeString(&a, &b, 0));
	CHECK(P, RtlEqualUnicodeString(&a, &b, 1));
	CHECK(P, RtlCompareUnicodeString(&a, &b, 1) == 0);
	CHECK(P, RtlCompareUnicodeString(&a, &b, 0) < 0);	/* 'K' < 'k' */
	RtlInitUnicodeString(&c, L"kernel");
	CHECK(P, RtlCompareUnicodeString(&c, &b, 0) < 0);	/* a prefix sorts first */
	CHECK(P, RtlCompareUnicodeString(&b, &c, 0) > 0);
	RtlInitUnicodeString(&c, 0);
	CHECK(P, c.Length == 0 && c.MaximumLength == 0 && c.Buffer == 0);

	/* copy: truncated to the destination, NUL-terminated when there is room */
	c.Buffer = buf;
	c.MaximumLength = sizeof(buf);
	c.Length = 0;
	RtlCopyUnicodeString(&c, &b);
	CHECK(P, c.Length == sizeof(buf) && wcs_eq(buf, L"kernel32", 8));
	c.MaximumLength = 8;
	RtlInitUnicodeString(&a, L"abc");
	RtlCopyUnicodeString(&c, &a);
	CHECK(P, c.Length == 6 && buf[3] == 0);

	/* append */
	c.MaximumLength = sizeof(buf);
	CHECK(P, RtlAppendUnicodeToString(&c, L"de") == 0);
	CHECK(P, c.Length == 10 && wcs_eq(buf, L"abcde", 6));
	CHECK(P, RtlAppendUnicodeToString(&c, L"fghij") == STATUS_BUFFER_TOO_SMALL);
	CHECK(P, c.Length == 10);
	RtlInitUnicodeString(&a, L"fg");
	CHECK(P, RtlAppendUnicodeStringToString(&c, &a) == 0 && c.Length == 14);
	CHECK(P, wcs_eq(buf, L"abcdefg", 8));

	/* ANSI <-> Unicode, allocated from the process heap */
	RtlInitAnsiString(&s, "Hello, NT");
	CHECK(P, s.Length == 9 && s.MaximumLength == 10);
	st = RtlAnsiStringToUnicodeString(&a, &s, 1);
	CHECK(P, st == 0 && a.Length == 18 && wcs_eq(a.Buffer, L"Hello, NT", 10));
	st = RtlUnicodeStringToAnsiString(&t, &a, 1);
	CHECK(P, st == 0 && t.Length == 9 && t.Buffer[8] == 'T' && t.Buffer[9] == 0);
	RtlFreeUnicodeString(&a);
	CHECK(P, a.Buffer == 0 && a.Length == 0);
	RtlFreeAnsiString(&t);
	CHECK(P, t.Buffer == 0);
	/* into a caller's buffer that is too small */
	c.Buffer = buf;
	c.MaximumLength = 4;
	c.Length = 0;
	CHECK(P, RtlAnsiStringToUnicodeString(&c, &s, 0) == STATUS_BUFFER_OVERFLOW);

	on_wine = nt_on_wine();
	more_strings();
	integers();
	guids();
	uniform();
	text_unicode();
	ipv4();
	ipv6();
	dos83();
	sids();
	activation_context();
	format_message();
	if (on_wine) {
		nt_puts(nt_stdout(), P ": under Wine, skipped ");
		nt_put_udec(nt_stdout(), wine_skipped);
		nt_puts(nt_stdout(), " checks where Wine's ntdll differs\n");
	}
	return nt_done(P);
}
