// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers in strings: RtlCharToInteger and RtlUnicodeStringToInteger,
 * GUIDs (RtlGUIDFromString), RtlUniform, RtlIsTextUnicode, and the IPv4
 * and IPv6 address parsers and formatters (the ANSI ones Wine's DLLs
 * import).  Addresses are in network byte order (IN_ADDR: 4 bytes, IN6_ADDR:
 * 16 bytes), so are the ports.
 */
#include <stdarg.h>

#include "crt.h"
#include "rtlstring.h"

int _vsnprintf(char *buf, SIZE_T count, const char *fmt, va_list ap);

static int fmt(char *buf, SIZE_T n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = _vsnprintf(buf, n, f, ap);
	va_end(ap);
	return r;
}

static int digit_of(unsigned int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * "{whitespace} [+|-] [0x|0o|0b] {digits}" (the prefix only for base 0,
 * which is otherwise 10); whitespace is every character up to ' '.  The
 * value wraps at 32 bits; the first character that is not a digit of the
 * base ends the number.  An empty string is STATUS_INVALID_PARAMETER (as
 * since Vista).
 */
static NTSTATUS to_integer(const void *s, SIZE_T n, int wide, ULONG base, ULONG *value)
{
	const WCHAR *w = s;
	const char *a = s;
	SIZE_T i = 0;
	ULONG v = 0;
	int neg = 0;

#define AT(k) (wide ? (unsigned int)w[k] : (unsigned int)(BYTE)a[k])
	if (base && base != 2 && base != 8 && base != 10 && base != 16)
		return STATUS_INVALID_PARAMETER;
	if (!n)
		return STATUS_INVALID_PARAMETER;
	if (!value)
		return STATUS_ACCESS_VIOLATION;
	/* CHAR is signed: the bytes from 0x80 count as blanks too */
	while (i < n && (AT(i) <= ' ' || (!wide && AT(i) >= 0x80)))
		i++;
	if (i < n && (AT(i) == '+' || AT(i) == '-'))
		neg = AT(i++) == '-';
	if (!base) {
		base = 10;
		if (i + 1 < n && AT(i) == '0') {
			unsigned int c = AT(i + 1);

			if (c == 'x')
				base = 16;
			else if (c == 'o')
				base = 8;
			else if (c == 'b')
				base = 2;
			if (base != 10)
				i += 2;
		}
	}
	for (; i < n; i++) {
		int d = digit_of(AT(i));

		if (d >= (int)base)
			break;
		v = v * base + d;
	}
#undef AT
	*value = neg ? -v : v;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlCharToInteger(const char *str, ULONG base, ULONG *value)
{
	return to_integer(str, strlen(str), 0, base, value);
}

NTSTATUS NTAPI RtlUnicodeStringToInteger(const UNICODE_STRING *str, ULONG base, ULONG *value)
{
	if (str->Length & 1)
		return STATUS_INVALID_PARAMETER;
	return to_integer(str->Buffer, str->Length / 2, 1, base, value);
}

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", hex digits in either case */
NTSTATUS NTAPI RtlGUIDFromString(PUNICODE_STRING str, GUID *guid)
{
	static const char shape[] = "{........-....-....-....-............}";
	const WCHAR *s = str->Buffer;
	BYTE b[16];
	int i, k = 0;

	if (!s || str->Length < 38 * 2)
		return STATUS_INVALID_PARAMETER;
	for (i = 0; i < 38; i++) {
		int hi, lo;

		if (shape[i] != '.') {
			if (s[i] != (WCHAR)shape[i])
				return STATUS_INVALID_PARAMETER;
			continue;
		}
		hi = digit_of(s[i]);
		lo = digit_of(s[i + 1]);
		if (hi > 15 || lo > 15)
			return STATUS_INVALID_PARAMETER;
		b[k++] = (BYTE)(hi << 4 | lo);
		i++;
	}
	guid->Data1 = (ULONG)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	guid->Data2 = (USHORT)(b[4] << 8 | b[5]);
	guid->Data3 = (USHORT)(b[6] << 8 | b[7]);
	memcpy(guid->Data4, b + 8, 8);
	return STATUS_SUCCESS;
}

/* Lehmer's generator as documented (and as Windows since Vista computes it) */
ULONG NTAPI RtlUniform(PULONG seed)
{
	ULONG r = (ULONG)(((ULONGLONG)*seed * 0x7fffffed + 0x7fffffc3) % 0x7fffffff);

	*seed = r;
	return r;
}

static int wcs_has(const WCHAR *set, WCHAR c)
{
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

/*
 * The tests asked for in *@pf (all without @pf); the ones passed are
 * returned there.  Looks at the first 256 characters; a last NUL byte is
 * not counted.
 */
BOOLEAN NTAPI RtlIsTextUnicode(const void *buf, INT len, INT *pf)
{
	static const WCHAR controls[] = { '\r', '\n', '\t', ' ', 0x3000, 0 };
	static const WCHAR rcontrols[] = { 0x0d00, 0x0a00, 0x0900, 0x2000, 0 };
	const WCHAR *s = buf;
	ULONG want = pf ? (ULONG)*pf : ~0u, got = 0;
	int i, n;

	if (len < 2) {
		if (pf)
			*pf = 0;
		return FALSE;
	}
	if (len & 1)
		got |= IS_TEXT_UNICODE_ODD_LENGTH;
	if (!((const BYTE *)buf)[len - 1])
		len--;
	n = len / 2 > 256 ? 256 : len / 2;
	if (n && s[0] == 0xfeff)
		got |= IS_TEXT_UNICODE_SIGNATURE;
	if (n && s[0] == 0xfffe)
		got |= IS_TEXT_UNICODE_REVERSE_SIGNATURE;
	if (want & IS_TEXT_UNICODE_STATISTICS) {
		int ascii = 0;

		for (i = 0; i < n; i++)
			ascii += s[i] <= 0xff;
		if (ascii > n / 2)
			got |= IS_TEXT_UNICODE_STATISTICS;
	}
	for (i = 0; i < n; i++) {
		if ((want & IS_TEXT_UNICODE_NULL_BYTES) && (!(s[i] & 0xff) || !(s[i] >> 8)))
			got |= IS_TEXT_UNICODE_NULL_BYTES;
		if ((want & IS_TEXT_UNICODE_CONTROLS) && wcs_has(controls, s[i]))
			got |= IS_TEXT_UNICODE_CONTROLS;
		if ((want & IS_TEXT_UNICODE_REVERSE_CONTROLS) && wcs_has(rcontrols, s[i]))
			got |= IS_TEXT_UNICODE_REVERSE_CONTROLS;
	}
	got &= want;
	if (pf)
		*pf = (INT)got;
	if (got & (IS_TEXT_UNICODE_REVERSE_MASK | IS_TEXT_UNICODE_NOT_UNICODE_MASK))
		return FALSE;
	return (got & (IS_TEXT_UNICODE_NOT_ASCII_MASK | IS_TEXT_UNICODE_UNICODE_MASK)) != 0;
}

/* ---- IPv4 ---- */

/*
 * One part of an IPv4 address: decimal, or (not @strict) 0x hex or
 * 0-prefixed octal.  False when there is no digit (an empty part before a
 * '.' takes the '.') or the value drops below what it was (Windows' test
 * for overflow: the 32-bit value may wrap without it).
 */
static int ipv4_part(const char **sp, int strict, ULONG *value)
{
	const char *s = *sp;
	ULONG v = 0, prev = 0;
	int base = 10, any = 0, d;

	if (*s == '.') {
		*sp = s + 1;
		return 0;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (s[0] == '0' && s[1] >= '0' && s[1] <= '9') {
		s++;
		base = 8;
	}
	if (strict && base != 10) {
		*sp = s;
		return 0;
	}
	for (; (d = digit_of((BYTE)*s)) < base; s++) {
		v = v * base + d;
		any = 1;
		if (v < prev) {
			*sp = s;
			return 0;
		}
		prev = v;
	}
	*sp = s;
	*value = v;
	return any;
}

/*
 * "a.b.c.d"; not @strict also "a.b.c" (c: 16 bits), "a.b" (b: 24) and "a"
 * (32), parts in hex or octal.  *@end: where parsing stopped.
 */
static NTSTATUS ipv4_parse(const char *s, int strict, const char **end, BYTE *addr)
{
	ULONG part[4], v;
	int n = 0, i;

	for (;;) {
		if (!ipv4_part(&s, strict, &part[n]))
			goto bad;
		n++;
		if (*s != '.' || n == 4)
			break;
		s++;
	}
	if (*s == '.' || (strict && n < 4))
		goto bad;
	for (i = 0; i < n - 1; i++)
		if (part[i] > 0xff)
			goto bad;
	v = part[n - 1];
	if (n > 1 && v >> (8 * (5 - n)))
		goto bad;
	for (i = 0; i < n - 1; i++)
		addr[i] = (BYTE)part[i];
	for (i = 3; i >= n - 1; i--, v >>= 8)
		addr[i] = (BYTE)v;
	*end = s;
	return STATUS_SUCCESS;
bad:
	*end = s;
	return STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI RtlIpv4StringToAddressA(const char *str, BOOLEAN strict, const char **term,
				       BYTE *addr)
{
	const char *end;
	NTSTATUS st;

	if (!str || !addr)
		return STATUS_INVALID_PARAMETER;
	st = ipv4_parse(str, strict, &end, addr);
	if (term)
		*term = end;
	return st;
}

/* the whole string: an address, then maybe ":port" (1 to 65535; 0 when none) */
NTSTATUS NTAPI RtlIpv4StringToAddressExA(const char *str, BOOLEAN strict, BYTE *addr,
					 USHORT *port)
{
	const char *end;
	ULONG p = 0;

	if (!str || !addr || !port)
		return STATUS_INVALID_PARAMETER;
	/* the address is stored even when the port then fails */
	if (ipv4_parse(str, strict, &end, addr))
		return STATUS_INVALID_PARAMETER;
	if (*end == ':') {
		end++;
		if (!ipv4_part(&end, 0, &p) || !p || p > 0xffff)
			return STATUS_INVALID_PARAMETER;
	}
	if (*end)
		return STATUS_INVALID_PARAMETER;
	*port = (USHORT)(p >> 8 | (p & 0xff) << 8);
	return STATUS_SUCCESS;
}

/* *@size: room in, then the size with the NUL; too small: STATUS_INVALID_PARAMETER */
static NTSTATUS put_result(const char *tmp, int n, char *str, ULONG *size)
{
	NTSTATUS st = STATUS_INVALID_PARAMETER;

	if (*size >= (ULONG)n + 1) {
		memcpy(str, tmp, n + 1);
		st = STATUS_SUCCESS;
	}
	*size = n + 1;
	return st;
}

NTSTATUS NTAPI RtlIpv4AddressToStringExA(const BYTE *addr, USHORT port, char *str, ULONG *size)
{
	char tmp[32];
	int n;

	if (!addr || !str || !size)
		return STATUS_INVALID_PARAMETER;
	n = fmt(tmp, sizeof(tmp), "%u.%u.%u.%u", addr[0], addr[1], addr[2], addr[3]);
	if (port)
		n += fmt(tmp + n, sizeof(tmp) - n, ":%u", (port >> 8 | (port & 0xff) << 8) & 0xffff);
	return put_result(tmp, n, str, size);
}

/* ---- IPv6 ---- */

static int hexlen(const char *s)
{
	int n = 0;

	while (digit_of((BYTE)s[n]) < 16)
		n++;
	return n;
}

/* the dotted tail of an IPv6 address: four decimal parts of 1 to 3 digits */
static int ipv6_v4tail(const char **sp, BYTE *out)
{
	const char *s = *sp;
	int i, k;

	for (i = 0; i < 4; i++) {
		ULONG v = 0;

		for (k = 0; k < 4 && s[k] >= '0' && s[k] <= '9'; k++)
			v = v * 10 + (s[k] - '0');
		if (!k || k > 3 || v > 255)
			return 0;
		out[i] = (BYTE)v;
		s += k;
		if (i < 3) {
			if (*s != '.')
				return 0;
			s++;
		}
	}
	*sp = s;
	return 1;
}

/*
 * Up to eight groups of 1 to 4 hex digits separated by ':', one "::"
 * standing for at least one group of zeros, the last 32 bits maybe a
 * dotted IPv4 address.  *@end: where parsing stopped.
 */
static NTSTATUS ipv6_parse(const char *s, const char **end, BYTE *addr, int *hex_tail)
{
	USHORT w[8];
	BYTE v4[4];
	int n = 0, gap = -1, i, len;

	*hex_tail = 0;
	if (s[0] == ':') {
		if (s[1] != ':')
			goto bad;
		gap = 0;
		s += 2;
		if (!hexlen(s))
			goto done;
	}
	for (;;) {
		int dec = 0;

		len = hexlen(s);
		while (s[dec] >= '0' && s[dec] <= '9')
			dec++;
		/*
		 * decimal digits then '.': the IPv4 tail, where it fits; otherwise
		 * a hex group that the '.' ends
		 */
		if (dec == len && s[len] == '.' && n <= (gap < 0 ? 6 : 5)) {
			if (!ipv6_v4tail(&s, v4))
				goto bad;
			w[n++] = (USHORT)(v4[0] << 8 | v4[1]);
			w[n++] = (USHORT)(v4[2] << 8 | v4[3]);
			break;
		}
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && hexlen(s + 2)) {
			/*
			 * Windows' quirk: "0x" and hex digits end the address as one
			 * last group (saturated at 0x7fffffff, then its low 16 bits),
			 * the 'x' its end; never valid for the Ex form
			 */
			ULONGLONG v = 0;

			for (i = 2; i < 2 + hexlen(s + 2); i++) {
				v = v << 4 | digit_of((BYTE)s[i]);
				if (v > 0x7fffffff)
					v = 0x7fffffff;
			}
			w[n++] = (USHORT)v;
			s++;
			*hex_tail = 1;
			if (n < 8 && gap < 0)
				goto bad;
			break;
		}
		if (!len || len > 4)
			goto bad;
		for (w[n] = 0, i = 0; i < len; i++)
			w[n] = (USHORT)(w[n] << 4 | digit_of((BYTE)s[i]));
		n++;
		s += len;
		if (*s != ':' || n == (gap < 0 ? 8 : 7))
			break;
		if (s[1] == ':') {
			if (gap >= 0)
				break;	/* a second "::" ends the address */
			gap = n;
			s += 2;
			if (!hexlen(s))
				break;
		} else {
			s++;
		}
	}
done:
	if (gap < 0 ? n != 8 : n > 7)
		goto bad;
	memset(addr, 0, 16);
	for (i = 0; i < n; i++) {
		int at = (gap < 0 || i < gap) ? i : 8 - n + i;

		addr[2 * at] = (BYTE)(w[i] >> 8);
		addr[2 * at + 1] = (BYTE)w[i];
	}
	*end = s;
	return STATUS_SUCCESS;
bad:
	*end = s;
	return STATUS_INVALID_PARAMETER;
}

NTSTATUS NTAPI RtlIpv6StringToAddressA(const char *str, const char **term, BYTE *addr)
{
	const char *end;
	NTSTATUS st;
	int hex_tail;

	if (!str || !addr)
		return STATUS_INVALID_PARAMETER;
	st = ipv6_parse(str, &end, addr, &hex_tail);
	if (term)
		*term = end;
	return st;
}

/* the whole string: "addr", "addr%scope", "[addr]", "[addr%scope]:port" */
NTSTATUS NTAPI RtlIpv6StringToAddressExA(const char *str, BYTE *addr, ULONG *scope,
					 USHORT *port)
{
	const char *s = str;
	ULONG sc = 0, p = 0;
	int bracket, hex_tail;
	BYTE a[16];

	if (!str || !addr || !scope || !port)
		return STATUS_INVALID_PARAMETER;
	bracket = *s == '[';
	s += bracket;
	if (ipv6_parse(s, &s, a, &hex_tail) || hex_tail)
		return STATUS_INVALID_PARAMETER;
	if (*s == '%') {
		s++;
		if (!ipv4_part(&s, 1, &sc))
			return STATUS_INVALID_PARAMETER;
	}
	if (bracket) {
		if (*s++ != ']')
			return STATUS_INVALID_PARAMETER;
		if (*s == ':') {
			s++;
			if (!ipv4_part(&s, 0, &p) || !p || p > 0xffff)
				return STATUS_INVALID_PARAMETER;
		}
	}
	if (*s)
		return STATUS_INVALID_PARAMETER;
	memcpy(addr, a, 16);
	*scope = sc;
	*port = (USHORT)(p >> 8 | (p & 0xff) << 8);
	return STATUS_SUCCESS;
}

static USHORT word_at(const BYTE *a, int i)
{
	return (USHORT)(a[2 * i] << 8 | a[2 * i + 1]);
}

/* the forms written with a dotted IPv4 tail: ISATAP, compatible, mapped, translated */
static int v4_tail(const BYTE *a)
{
	int i;

	if (word_at(a, 5) == 0x5efe && !(word_at(a, 4) & ~0x0200))
		return 1;
	for (i = 0; i < 4; i++)
		if (word_at(a, i))
			return 0;
	if (word_at(a, 4) == 0xffff)
		return !word_at(a, 5) && word_at(a, 6);
	if (word_at(a, 4))
		return 0;
	return (!word_at(a, 5) || word_at(a, 5) == 0xffff) && word_at(a, 6);
}

/* RFC 5952's form: lower case, the first longest run of two or more zero groups as "::" */
NTSTATUS NTAPI RtlIpv6AddressToStringExA(const BYTE *addr, ULONG scope, USHORT port, char *str,
					 ULONG *size)
{
	char tmp[80];
	int end, gap = -1, gaplen = 1, i, n = 0;

	if (!addr || !str || !size)
		return STATUS_INVALID_PARAMETER;
	end = v4_tail(addr) ? 6 : 8;
	for (i = 0; i < end; i++) {
		int k = i;

		while (k < end && !word_at(addr, k))
			k++;
		if (k - i > gaplen) {
			gap = i;
			gaplen = k - i;
		}
		if (k > i)
			i = k - 1;
	}
	if (port)
		tmp[n++] = '[';
	for (i = 0; i < end;) {
		if (i == gap) {
			tmp[n++] = ':';
			i += gaplen;
			if (i == end)
				tmp[n++] = ':';
			continue;
		}
		if (i)
			tmp[n++] = ':';
		n += fmt(tmp + n, sizeof(tmp) - n, "%x", word_at(addr, i));
		i++;
	}
	if (end == 6) {
		if (tmp[n - 1] != ':')
			tmp[n++] = ':';
		n += fmt(tmp + n, sizeof(tmp) - n, "%u.%u.%u.%u", addr[12], addr[13], addr[14],
			 addr[15]);
	}
	if (scope)
		n += fmt(tmp + n, sizeof(tmp) - n, "%%%u", scope);
	if (port)
		n += fmt(tmp + n, sizeof(tmp) - n, "]:%u", (port >> 8 | (port & 0xff) << 8) & 0xffff);
	tmp[n] = 0;
	return put_result(tmp, n, str, size);
}
