// SPDX-License-Identifier: GPL-2.0
/*
 * printftest.exe: ntdll's _vsnprintf and _vsnwprintf (through variadic
 * wrappers): a table of formats and what Windows' ntdll makes of them,
 * run through both (the wide one with the format widened), then the
 * string conversions of each width, %Z, %n, truncation and the results.
 *
 * Under Wine (ntdll exports wine_get_version) the checks where Wine's ntdll
 * is known to differ from Windows' are skipped and counted on stdout:
 * %Z (Wine has no counted-string conversion) and a NULL buffer with a
 * nonzero count (Wine counts, Windows since Vista fails).
 */
#include "ntdllrt.h"

#define P "printftest"

static int on_wine, wine_skipped;

/* a check Wine's ntdll is known to fail */
#define WCHECK(cond) do {						\
	if (on_wine)							\
		wine_skipped++;						\
	else								\
		CHECK(P, cond);						\
} while (0)

static int sn(char *b, ULONG_PTR n, const char *f, ...)
{
	__builtin_va_list ap;
	int r;

	__builtin_va_start(ap, f);
	r = _vsnprintf(b, n, f, ap);
	__builtin_va_end(ap);
	return r;
}

static int snw(WCHAR *b, ULONG_PTR n, const WCHAR *f, ...)
{
	__builtin_va_list ap;
	int r;

	__builtin_va_start(ap, f);
	r = _vsnwprintf(b, n, f, ap);
	__builtin_va_end(ap);
	return r;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int wcseq(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* numbers, characters, flags: the same in both widths (ASCII formats) */
static const struct {
	const char *fmt, *want;
	ULONG_PTR a[3];
} common[] = {
	{ "%d", "0", { 0 } },
	{ "%d", "-1", { 0xffffffff } },
	{ "%i", "123", { 123 } },
	{ "%u", "4294967295", { 0xffffffff } },
	{ "%x", "beef", { 0xbeef } },
	{ "%X", "BEEF", { 0xbeef } },
	{ "%o", "10", { 8 } },
	{ "%#o", "010", { 8 } },
	{ "%#o", "0", { 0 } },
	{ "%#x %#x", "0 0x1", { 0, 1 } },
	{ "%#X", "0XFF", { 255 } },
	{ "%5d", "   42", { 42 } },
	{ "%-5d|", "42   |", { 42 } },
	{ "%05d", "00042", { 42 } },
	{ "%05d", "-0042", { (ULONG)-42 } },
	{ "%+d %+d", "+5 -5", { 5, (ULONG)-5 } },
	{ "% d|% d", " 5|-5", { 5, (ULONG)-5 } },
	{ "%+ d|% +d", "+5|+5", { 5, 5 } },
	{ "%+u %+x", "5 a", { 5, 10 } },
	{ "%.3d", "007", { 7 } },
	{ "%.0d|%.0x|", "||", { 0, 0 } },
	{ "%5.3d|%-6.3d|", "  007|-007  |", { 7, (ULONG)-7 } },
	{ "%*d|", "   7|", { 4, 7 } },
	{ "%-*d|", "7   |", { 4, 7 } },
	{ "%*d|", "7   |", { (ULONG)-4, 7 } },
	{ "%.*d", "007", { 3, 7 } },
	{ "%#010x", "0x0000001f", { 0x1f } },
	{ "%#10x|", "      0x1f|", { 0x1f } },
	{ "%-#6x|", "0x1f  |", { 0x1f } },
	{ "%hx %hd", "3456 4614", { 0x123456, 987654 } },
	{ "%hu", "32768", { 0xffff8000 } },
	{ "%ld %lx", "-1 34567890", { 0xffffffff, 0x1234567890 } },
	{ "%I64x %d", "1234567890 1", { 0x1234567890, 1 } },
	{ "%I32x %d", "123456 1", { 0x123456, 1 } },
	{ "%Ix %zx", "1234567890 1234567890", { 0x1234567890, 0x1234567890 } },
	{ "%tx %jx", "1234567890 1234567890", { 0x1234567890, 0x1234567890 } },
	{ "%llx %lld", "1234567890 -2", { 0x1234567890, (ULONG_PTR)-2 } },
	{ "%I64d", "-9223372036854775808", { 0x8000000000000000ull } },
	{ "%I64u", "18446744073709551615", { ~0ull } },
	{ "%I64o", "1777777777777777777777", { ~0ull } },
	{ "%Lx %Fd", "10 3", { 0x10, 3 } },
	{ "%p", "0000000000001234", { 0x1234 } },
	{ "%p", "FEDCBA9876543210", { 0xfedcba9876543210ull } },
	{ "%20p|", "    0000000000001234|", { 0x1234 } },
	{ "%c%c", "AB", { 'A', 'B' } },
	{ "%3c|%-3c|", "  A|A  |", { 'A', 'A' } },
	{ "%%|100%%", "%|100%", { 0 } },
	/* no floating point: the conversion character is printed, nothing taken */
	{ "%f|%d", "f|5", { 5 } },
	{ "%5.2f|%e|%g|%E|%G", "f|e|g|E|G", { 0 } },
	{ "%y%d", "y1", { 1 } },
	{ "a%", "a", { 0 } },
};

static void widen(WCHAR *w, const char *s)
{
	while ((*w++ = (unsigned char)*s++))
		;
}

static void table(void)
{
	unsigned int i;
	char buf[64];
	WCHAR wbuf[64], wfmt[64], wwant[64];
	int r;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
		const char *want = common[i].want;
		int ok;

		r = sn(buf, sizeof(buf), common[i].fmt, common[i].a[0], common[i].a[1],
		       common[i].a[2]);
		ok = r == (int)nt_strlen(want) && streq(buf, want);
		widen(wfmt, common[i].fmt);
		widen(wwant, want);
		r = snw(wbuf, 64, wfmt, common[i].a[0], common[i].a[1], common[i].a[2]);
		ok = ok && r == (int)nt_strlen(want) && wcseq(wbuf, wwant);
		if (!ok) {
			nt_puts(nt_stderr(), P ": format \"");
			nt_puts(nt_stderr(), common[i].fmt);
			nt_puts(nt_stderr(), "\": \"");
			nt_puts(nt_stderr(), buf);
			nt_puts(nt_stderr(), "\", want \"");
			nt_puts(nt_stderr(), want);
			nt_puts(nt_stderr(), "\"\n");
		}
		CHECK(P, ok);
	}
}

static void strings(void)
{
	ANSI_STRING as = { 4, 5, "ansi" };
	UNICODE_STRING us = { 6, 8, L"uni" };
	ANSI_STRING as_null = { 0, 0, 0 };
	char buf[64];
	WCHAR w[64];
	int r, n = -1;

	/* narrow: %s narrow, %S wide, h and l/w force */
	CHECK(P, sn(buf, 64, "%s|%5s|%-5s|%.2s", "abc", "abc", "abc", "abc") == 18 &&
	      streq(buf, "abc|  abc|abc  |ab"));
	CHECK(P, sn(buf, 64, "%05s", "ab") == 5 && streq(buf, "000ab"));
	CHECK(P, sn(buf, 64, "%S|%ls|%ws|%hs|%hS", L"wi", L"de", L"ws", "hs", "hS") == 14 &&
	      streq(buf, "wi|de|ws|hs|hS"));
	CHECK(P, sn(buf, 64, "%.1S|%4S|", L"wide", L"w") == 7 && streq(buf, "w|   w|"));
	CHECK(P, sn(buf, 64, "%c%C%lc%wc%hc", 'a', L'b', L'c', L'd', 'e') == 5 &&
	      streq(buf, "abcde"));
	CHECK(P, sn(buf, 64, "%s|%S|%.3s|%8s", (char *)0, (WCHAR *)0, (char *)0, (char *)0) == 26 &&
	      streq(buf, "(null)|(null)|(nu|  (null)"));
	CHECK(P, sn(buf, 64, "a%cb", 0) == 3 && buf[0] == 'a' && buf[1] == 0 && buf[2] == 'b');

	/* wide: %s wide, %S narrow */
	CHECK(P, snw(w, 64, L"%s|%S|%hs|%ls|%ws|%hS", L"ab", "cd", "ef", L"gh", L"ij", "kl") == 17 &&
	      wcseq(w, L"ab|cd|ef|gh|ij|kl"));
	CHECK(P, snw(w, 64, L"%c%C%hc%lc", L'a', 'b', 'c', L'd') == 4 && wcseq(w, L"abcd"));
	CHECK(P, snw(w, 64, L"%s|%S|%-7s|", (WCHAR *)0, (char *)0, (WCHAR *)0) == 22 &&
	      wcseq(w, L"(null)|(null)|(null) |"));
	CHECK(P, snw(w, 64, L"%.2s|%3S", L"wide", "n") == 6 && wcseq(w, L"wi|  n"));

	/* %Z: ANSI_STRING; %wZ, %lZ: UNICODE_STRING; NULL (or no Buffer): (null) */
	r = sn(buf, 64, "%Z|%wZ|%lZ|%6Z|%-5wZ|%Z|%Z", &as, &us, &us, &as, &us, (void *)0, &as_null);
	WCHECK(r == 39 && streq(buf, "ansi|uni|uni|  ansi|uni  |(null)|(null)"));
	r = snw(w, 64, L"%Z|%wZ|%hZ", &as, &us, &as);
	WCHECK(r == 13 && wcseq(w, L"ansi|uni|ansi"));

	/* %n stores the count so far */
	CHECK(P, sn(buf, 64, "ab%ncd", &n) == 4 && n == 2 && streq(buf, "abcd"));
	n = -1;
	CHECK(P, snw(w, 64, L"abc%nd", &n) == 4 && n == 3 && wcseq(w, L"abcd"));

	/* a UTF-16 string in a narrow one and back: the ANSI code page, 1252 */
	r = sn(buf, 64, "%S", L"\x00e9\x20ac");
	CHECK(P, r == 2 && streq(buf, "\xe9\x80"));
	r = snw(w, 64, L"%S", "\xe9\x80");
	CHECK(P, r == 2 && w[0] == 0xe9 && w[1] == 0x20ac && w[2] == 0);
}

static void sizes(void)
{
	char buf[16];
	WCHAR w[16];
	unsigned int i;
	int r;

	/* fits exactly: the count, no NUL; one short: -1, the buffer filled */
	for (i = 0; i < 16; i++)
		buf[i] = '|';
	CHECK(P, sn(buf, 4, "test") == 4 && buf[3] == 't' && buf[4] == '|');
	CHECK(P, sn(buf, 3, "test") == -1 && buf[2] == 's' && buf[3] == 't' && buf[4] == '|');
	buf[0] = '|';
	buf[2] = '|';
	CHECK(P, sn(buf, 3, "%s", "test") == -1 && buf[0] == 't' && buf[2] == 's' &&
	      buf[3] == 't');
	CHECK(P, sn(buf, 5, "test") == 4 && buf[4] == 0);
	buf[2] = '|';
	CHECK(P, sn(buf, 2, "%d", 12345) == -1 && buf[0] == '1' && buf[1] == '2' && buf[2] == '|');
	buf[0] = '|';
	CHECK(P, sn(buf, 0, "abc") == -1 && buf[0] == '|');
	CHECK(P, sn(buf, 3, "%5d", 1) == -1 && buf[0] == ' ' && buf[2] == ' ');
	/* no buffer and no room: the length it would take */
	CHECK(P, sn(0, 0, "hello %d", 42) == 8);
	CHECK(P, snw(0, 0, L"%s %d", L"hello", 42) == 8);
	r = sn(0, 1, "x");
	WCHECK(r < 0);

	for (i = 0; i < 16; i++)
		w[i] = '|';
	CHECK(P, snw(w, 4, L"test") == 4 && w[3] == 't' && w[4] == '|');
	CHECK(P, snw(w, 3, L"test") == -1 && w[2] == 's' && w[3] == 't' && w[4] == '|');
	CHECK(P, snw(w, 3, L"%S", "test") == -1 && w[2] == 's');
	CHECK(P, snw(w, 5, L"test") == 4 && w[4] == 0);
	CHECK(P, snw(w, 16, L"%d-%x", 10, 255) == 5 && wcseq(w, L"10-ff"));
	w[0] = '|';
	CHECK(P, snw(w, 0, L"abc") == -1 && w[0] == '|');
}

int start(void *peb)
{
	(void)peb;
	on_wine = nt_on_wine();
	table();
	strings();
	sizes();
	if (on_wine) {
		nt_puts(nt_stdout(), P ": under Wine, skipped ");
		nt_put_udec(nt_stdout(), wine_skipped);
		nt_puts(nt_stdout(), " checks where Wine's ntdll differs\n");
	}
	return nt_done(P);
}
