// SPDX-License-Identifier: GPL-2.0
/*
 * The printf family ntdll exports: _vsnprintf and _vsnwprintf, with the
 * grammar of Windows' ntdll (the C run time's, without floating point):
 *
 *	%[flags][width][.precision][size]conversion
 *	flags		- + space # 0
 *	width, precision	digits or *
 *	size		h l ll L w I I32 I64 j z t F
 *	conversion	d i u o x X c C s S Z p n
 *
 * %s and %c take the function's own character width, %S and %C the other
 * one; h forces narrow, l and w wide.  %Z prints an ANSI_STRING, %wZ (or
 * %lZ) a UNICODE_STRING.  A NULL string prints "(null)".  Any other
 * conversion character (the floating-point ones among them) is not a
 * conversion: the '%' and what follows it up to that character are
 * dropped, the character itself is printed and no argument is taken.
 *
 * The result: the number of characters written; when they do not all fit
 * in @count, the buffer is filled to @count and the result is -1.  The
 * terminating NUL is written only when there is room for it.
 *
 * Strings of the other width go through the ANSI code page
 * (RtlAnsiStringToUnicodeString and RtlUnicodeStringToAnsiString), in
 * pieces that do not split a surrogate pair or a UTF-8 sequence.
 */
#include <stdarg.h>

#include "crt.h"
#include "rtlstring.h"

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING dst, const ANSI_STRING *src,
					    BOOLEAN alloc);
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING dst, const UNICODE_STRING *src,
					    BOOLEAN alloc);

#define CHUNK	128	/* source characters converted at a time */

struct out {
	void *buf;		/* char or WCHAR */
	SIZE_T len;		/* room, in characters */
	SIZE_T used;
	int wide;
	int full;		/* something did not fit */
};

struct spec {
	int left, zero, alt, sign;	/* sign: 0, '+' or ' ' (later '-') */
	int width, prec;		/* prec < 0: none */
	int shrt, lng, wide, i64;	/* h; l; w; ll, I64, I, j, z, t */
	unsigned int conv;
};

/* @n characters of the output's own width */
static void put_units(struct out *o, const void *s, SIZE_T n)
{
	SIZE_T room, k, size = o->wide ? 2 : 1;

	if (o->full)
		return;
	if (!o->buf) {
		o->used += n;
		return;
	}
	room = o->len - o->used;
	k = n < room ? n : room;
	memcpy((BYTE *)o->buf + o->used * size, s, k * size);
	o->used += k;
	if (k < n)
		o->full = 1;
}

static void put_unit(struct out *o, unsigned int c)
{
	WCHAR w = (WCHAR)c;
	char a = (char)c;

	put_units(o, o->wide ? (const void *)&w : (const void *)&a, 1);
}

static void pad(struct out *o, unsigned int c, int n)
{
	while (n-- > 0 && !o->full)
		put_unit(o, c);
}

static void put_wstr(struct out *o, const WCHAR *s, SIZE_T n)
{
	char tmp[CHUNK * 4];
	UNICODE_STRING u;
	ANSI_STRING a;

	if (o->wide) {
		put_units(o, s, n);
		return;
	}
	while (n && !o->full) {
		SIZE_T k = n < CHUNK ? n : CHUNK;

		/* keep a surrogate pair together */
		if (k < n && s[k - 1] >= 0xd800 && s[k - 1] < 0xdc00)
			k--;
		u.Buffer = (PWSTR)s;
		u.Length = u.MaximumLength = (USHORT)(k * 2);
		a.Buffer = tmp;
		a.Length = 0;
		a.MaximumLength = sizeof(tmp);
		if (RtlUnicodeStringToAnsiString(&a, &u, FALSE) == STATUS_SUCCESS)
			put_units(o, tmp, a.Length);
		s += k;
		n -= k;
	}
}

static void put_astr(struct out *o, const char *s, SIZE_T n)
{
	WCHAR tmp[CHUNK];
	UNICODE_STRING u;
	ANSI_STRING a;

	if (!o->wide) {
		put_units(o, s, n);
		return;
	}
	while (n && !o->full) {
		SIZE_T k = n < CHUNK ? n : CHUNK;

		/* do not end a piece inside a UTF-8 sequence */
		while (k < n && k > CHUNK - 4 && ((BYTE)s[k] & 0xc0) == 0x80)
			k--;
		a.Buffer = (PCHAR)s;
		a.Length = a.MaximumLength = (USHORT)k;
		u.Buffer = tmp;
		u.Length = 0;
		u.MaximumLength = sizeof(tmp);
		if (RtlAnsiStringToUnicodeString(&u, &a, FALSE) == STATUS_SUCCESS)
			put_units(o, tmp, u.Length / 2);
		s += k;
		n -= k;
	}
}

/* padding and sign before a field of @len characters (the sign only for d and i) */
static void fill_left(struct out *o, struct spec *sp, int len)
{
	int sign = sp->sign;

	if (sign && sp->conv != 'd' && sp->conv != 'i')
		sign = 0;
	if (sign) {
		sp->width--;
		if (sp->zero)
			put_unit(o, sign);
	}
	if (!sp->left)
		pad(o, sp->zero ? '0' : ' ', sp->width - len);
	if (sign && !sp->zero)
		put_unit(o, sign);
}

static void fill_right(struct out *o, const struct spec *sp, int len)
{
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

/* a string field; @n < 0: up to the NUL (and no further than the precision) */
static void field_str(struct out *o, struct spec *sp, const void *s, int wide, SSIZE_T n,
		      int use_prec)
{
	const WCHAR *w = s;
	const char *a = s;

	if (n < 0) {
		for (n = 0; !use_prec || sp->prec < 0 || n < sp->prec; n++)
			if (wide ? !w[n] : !a[n])
				break;
	}
	if (use_prec && sp->prec >= 0 && sp->prec < n)
		n = sp->prec;
	if (n > 0x7fffffff)
		n = 0x7fffffff;
	fill_left(o, sp, (int)n);
	if (wide)
		put_wstr(o, w, n);
	else
		put_astr(o, a, n);
	fill_right(o, sp, (int)n);
}

static void field_null(struct out *o, struct spec *sp, int use_prec)
{
	field_str(o, sp, "(null)", 0, -1, use_prec);
}

/* d i u o x X: [prefix][zeros][digits], padded */
static void field_int(struct out *o, struct spec *sp, ULONGLONG v)
{
	const char *xdigits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int base = 10;
	char digits[24], prefix[2];
	int nd = 0, np = 0, zeros, len, i;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X')
		base = 16;
	if ((sp->conv == 'd' || sp->conv == 'i') && (LONGLONG)v < 0) {
		v = -v;
		sp->sign = '-';
	}
	/* with 0 and #, the zeros go between 0x and the digits */
	if (base == 16 && sp->zero && sp->alt && !sp->left && sp->prec < sp->width - 2)
		sp->prec = sp->width - 2;
	if (!v) {
		sp->alt = 0;
		if (sp->prec)
			digits[nd++] = '0';
	}
	for (; v; v /= base)
		digits[nd++] = xdigits[v % base];
	zeros = sp->prec > nd ? sp->prec - nd : 0;
	if (sp->alt && base == 16) {
		prefix[np++] = '0';
		prefix[np++] = sp->conv == 'X' ? 'X' : 'x';
	} else if (sp->alt && base == 8 && !zeros && digits[nd - 1] != '0') {
		prefix[np++] = '0';
	}
	len = np + zeros + nd;
	fill_left(o, sp, len);
	for (i = 0; i < np; i++)
		put_unit(o, prefix[i]);
	pad(o, '0', zeros);
	while (nd && !o->full)
		put_unit(o, digits[--nd]);
	fill_right(o, sp, len);
}

static unsigned int fmt_at(const void *f, int wide, SIZE_T i)
{
	return wide ? ((const WCHAR *)f)[i] : (BYTE)((const char *)f)[i];
}

static int is_int_conv(unsigned int c)
{
	return c == 'd' || c == 'i' || c == 'o' || c == 'u' || c == 'x' || c == 'X';
}

/* the size prefixes; returns the index of the conversion character */
static SIZE_T parse_size(const void *f, int wide, SIZE_T p, struct spec *sp)
{
	for (;;) {
		unsigned int c = fmt_at(f, wide, p), c1 = c ? fmt_at(f, wide, p + 1) : 0;

		if (c == 'l' && c1 == 'l') {
			sp->i64 = 1;
			p += 2;
		} else if (c == 'l') {
			sp->lng = 1;
			p++;
		} else if (c == 'h') {
			sp->shrt = 1;
			p++;
		} else if (c == 'w') {
			sp->wide = 1;
			p++;
		} else if (c == 'L' || c == 'F') {
			p++;
		} else if (c == 'j') {
			sp->i64 = 1;
			p++;
		} else if ((c == 'z' || c == 't') && is_int_conv(c1)) {
			sp->i64 = 1;
			p++;
		} else if (c == 'I') {
			unsigned int c2 = c1 ? fmt_at(f, wide, p + 2) : 0;

			if (c1 == '6' && c2 == '4') {
				sp->i64 = 1;
				p += 3;
			} else if (c1 == '3' && c2 == '2') {
				p += 3;
			} else if (is_int_conv(c1)) {
				sp->i64 = 1;	/* pointer-sized */
				p++;
			} else if (!c1 || (c1 >= '0' && c1 <= '9')) {
				return p;
			} else {
				p++;
			}
		} else {
			return p;
		}
	}
}

/* which width a string or character conversion takes: 1 wide, 0 narrow */
static int str_wide(const struct spec *sp, int fn_wide)
{
	if (sp->wide || sp->lng)
		return 1;
	if (sp->shrt)
		return 0;
	return (sp->conv == 'S' || sp->conv == 'C') ? !fn_wide : fn_wide;
}

static int format(struct out *o, const void *f, va_list *ap)
{
	int wide = o->wide;
	SIZE_T p = 0, q;
	unsigned int c;

	while (fmt_at(f, wide, p)) {
		struct spec sp;

		for (q = p; (c = fmt_at(f, wide, q)) && c != '%'; q++)
			;
		if (q != p) {
			put_units(o, (const BYTE *)f + p * (wide ? 2 : 1), q - p);
			if (o->full)
				return -1;
			p = q;
			if (!c)
				break;
		}
		p++;
		if (fmt_at(f, wide, p) == '%') {
			put_unit(o, '%');
			if (o->full)
				return -1;
			p++;
			continue;
		}
		memset(&sp, 0, sizeof(sp));
		for (;; p++) {
			c = fmt_at(f, wide, p);
			if (c == '+' || c == ' ') {
				if (sp.sign != '+')
					sp.sign = c;
			} else if (c == '-') {
				sp.left = 1;
			} else if (c == '0') {
				sp.zero = 1;
			} else if (c == '#') {
				sp.alt = 1;
			} else {
				break;
			}
		}
		if (fmt_at(f, wide, p) == '*') {
			sp.width = va_arg(*ap, int);
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
			p++;
		} else {
			for (; (c = fmt_at(f, wide, p)) >= '0' && c <= '9'; p++)
				sp.width = sp.width * 10 + (c - '0');
		}
		sp.prec = -1;
		if (fmt_at(f, wide, p) == '.') {
			sp.prec = 0;
			p++;
			if (fmt_at(f, wide, p) == '*') {
				sp.prec = va_arg(*ap, int);
				p++;
			} else {
				for (; (c = fmt_at(f, wide, p)) >= '0' && c <= '9'; p++)
					sp.prec = sp.prec * 10 + (c - '0');
			}
		}
		p = parse_size(f, wide, p, &sp);
		sp.conv = c = fmt_at(f, wide, p);

		if (c == 's' || c == 'S') {
			const void *s = va_arg(*ap, const void *);

			if (!s)
				field_null(o, &sp, 1);
			else
				field_str(o, &sp, s, str_wide(&sp, wide), -1, 1);
		} else if (c == 'c' || c == 'C') {
			int ch = va_arg(*ap, int);
			WCHAR w = (WCHAR)ch;
			char a = (char)ch;

			if (str_wide(&sp, wide))
				field_str(o, &sp, &w, 1, 1, 1);
			else
				field_str(o, &sp, &a, 0, 1, 1);
		} else if (c == 'Z') {
			const ANSI_STRING *s = va_arg(*ap, const ANSI_STRING *);

			if (!s || !s->Buffer)
				field_null(o, &sp, 0);
			else if (sp.wide || sp.lng)
				field_str(o, &sp, s->Buffer, 1, s->Length / 2, 0);
			else
				field_str(o, &sp, s->Buffer, 0, s->Length, 0);
		} else if (c == 'p') {
			ULONG_PTR v = (ULONG_PTR)va_arg(*ap, void *);

			sp.conv = 'X';
			sp.prec = 2 * sizeof(void *);
			sp.zero = 0;
			sp.sign = 0;
			field_int(o, &sp, v);
		} else if (c == 'n') {
			int *n = va_arg(*ap, int *);

			*n = (int)o->used;
		} else if (c == '$') {
			return -1;	/* positional arguments: not in ntdll */
		} else if (is_int_conv(c)) {
			ULONGLONG v;

			if (sp.i64)
				v = va_arg(*ap, ULONGLONG);
			else if (c == 'd' || c == 'i')
				v = sp.shrt ? (LONGLONG)(short)va_arg(*ap, int) :
					(LONGLONG)va_arg(*ap, int);
			else
				v = sp.shrt ? (unsigned short)va_arg(*ap, int) :
					(unsigned int)va_arg(*ap, int);
			field_int(o, &sp, v);
		} else {
			continue;	/* not a conversion: c is printed as text */
		}
		if (o->full)
			return -1;
		p++;
	}
	return (int)o->used;
}

static int vsn(void *buf, SIZE_T count, const void *fmt, va_list ap, int wide)
{
	struct out o = { buf, count, 0, wide, 0 };
	va_list args;
	int r;

	if (!fmt || (!buf && count))
		return -1;
	va_copy(args, ap);
	r = format(&o, fmt, &args);
	va_end(args);
	if (buf && o.used < count) {
		if (wide)
			((WCHAR *)buf)[o.used] = 0;
		else
			((char *)buf)[o.used] = 0;
	}
	return r;
}

int _vsnprintf(char *buf, SIZE_T count, const char *fmt, va_list ap)
{
	return vsn(buf, count, fmt, ap, 0);
}

int _vsnwprintf(WCHAR *buf, SIZE_T count, const WCHAR *fmt, va_list ap)
{
	return vsn(buf, count, fmt, ap, 1);
}
