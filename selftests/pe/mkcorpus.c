// SPDX-License-Identifier: GPL-2.0
/*
 * mkcorpus VALID.exe DIR: writes malformed variants of a valid PE32+ image
 * (hello.exe) into DIR, one file per defect, named after it (DIR/NAME.exe).
 * run_pe_tests.sh runs each with ntpersona-run and expects a clean failure:
 * a non-zero status that is not a signal, and no kernel report.
 *
 * Runs on the build host; deterministic (same input, same corpus).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned char *img;	/* the valid image */
static size_t img_len;
static const char *outdir;
static int written;

/* offsets in the valid image */
static uint32_t pe;		/* "PE\0\0" (e_lfanew) */
static uint32_t coff;		/* IMAGE_FILE_HEADER */
static uint32_t opt;		/* IMAGE_OPTIONAL_HEADER64 */
static uint32_t sec;		/* the section table */
static unsigned int nsec;

#define COFF_MACHINE		0
#define COFF_NSECTIONS		2
#define COFF_OPTSIZE		16
#define COFF_CHARACTERISTICS	18
#define OPT_MAGIC		0
#define OPT_ENTRY		16
#define OPT_SECTION_ALIGN	32
#define OPT_FILE_ALIGN		36
#define OPT_SIZE_OF_IMAGE	56
#define OPT_SIZE_OF_HEADERS	60
#define SEC_SIZE		40
#define SEC_VSIZE		8
#define SEC_VADDR		12
#define SEC_RAWSIZE		16
#define SEC_RAWPTR		20

static uint16_t get16(const unsigned char *p, uint32_t off)
{
	return p[off] | p[off + 1] << 8;
}

static uint32_t get32(const unsigned char *p, uint32_t off)
{
	return get16(p, off) | (uint32_t)get16(p, off + 2) << 16;
}

static void put16(unsigned char *p, uint32_t off, uint16_t v)
{
	p[off] = v;
	p[off + 1] = v >> 8;
}

static void put32(unsigned char *p, uint32_t off, uint32_t v)
{
	put16(p, off, v);
	put16(p, off + 2, v >> 16);
}

static void die(const char *what)
{
	fprintf(stderr, "mkcorpus: %s\n", what);
	exit(1);
}

static void emit(const char *name, const unsigned char *p, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.exe", outdir, name);
	f = fopen(path, "wb");
	if (!f || (len && fwrite(p, 1, len, f) != len) || fclose(f)) {
		fprintf(stderr, "mkcorpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	written++;
}

/* a fresh copy of the valid image, @extra bytes longer (zeroed) */
static unsigned char *copy(size_t extra)
{
	unsigned char *p = calloc(1, img_len + extra);

	if (!p)
		die("out of memory");
	memcpy(p, img, img_len);
	return p;
}

/* emit the copy @p (of length img_len) and free it */
static void emit_free(const char *name, unsigned char *p)
{
	emit(name, p, img_len);
	free(p);
}

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("cannot read the valid image");
	img_len = n;
	img = malloc(img_len);
	if (!img || fread(img, 1, img_len, f) != img_len)
		die("cannot read the valid image");
	fclose(f);

	if (img_len < 0x40 || img[0] != 'M' || img[1] != 'Z')
		die("not an MZ image");
	pe = get32(img, 0x3c);
	if (pe + 24 > img_len || memcmp(img + pe, "PE\0\0", 4))
		die("no PE signature");
	coff = pe + 4;
	opt = coff + 20;
	nsec = get16(img, coff + COFF_NSECTIONS);
	sec = opt + get16(img, coff + COFF_OPTSIZE);
	if (get16(img, opt + OPT_MAGIC) != 0x20b || get16(img, coff + COFF_MACHINE) != 0x8664)
		die("not a PE32+ x86-64 image");
	if (nsec < 2 || sec + nsec * SEC_SIZE > img_len)
		die("need an image with at least two sections");
}

int main(int argc, char **argv)
{
	uint32_t size_of_image, last, headers_end;
	unsigned char *p;

	if (argc != 3) {
		fprintf(stderr, "usage: mkcorpus VALID.exe DIR\n");
		return 2;
	}
	load(argv[1]);
	outdir = argv[2];
	if (mkdir(outdir, 0755) && errno != EEXIST)
		die("cannot create the output directory");
	size_of_image = get32(img, opt + OPT_SIZE_OF_IMAGE);
	last = sec + (nsec - 1) * SEC_SIZE;
	headers_end = sec + nsec * SEC_SIZE;

	/* --- truncations --- */
	emit("trunc_mz_only", img, 2);
	emit("trunc_dos_header", img, 0x20);
	emit("trunc_before_pe_signature", img, pe + 2);
	emit("trunc_coff_header", img, coff + 10);
	emit("trunc_optional_header", img, opt + 0x30);
	emit("trunc_section_table", img, sec + SEC_SIZE + SEC_SIZE / 2);
	emit("trunc_headers_end", img, headers_end);
	emit("trunc_half", img, img_len / 2);
	{	/* the last byte of data the image needs: min(SizeOfRawData, VirtualSize) */
		uint32_t raw = get32(img, last + SEC_RAWSIZE), vs = get32(img, last + SEC_VSIZE);
		uint32_t need = get32(img, last + SEC_RAWPTR) + (vs && vs < raw ? vs : raw);

		if (!raw || need > img_len)
			die("the last section has no data in the file");
		emit("trunc_last_section_data", img, need - 1);
	}

	/* --- DOS header / e_lfanew --- */
	p = copy(0);
	put32(p, 0x3c, img_len + 0x100);
	emit_free("lfanew_past_eof", p);

	p = copy(0);
	put32(p, 0x3c, 0xfffffff0);
	emit_free("lfanew_huge", p);

	p = copy(0);
	put32(p, 0x3c, 0x80000000);
	emit_free("lfanew_negative", p);

	p = copy(0);
	put32(p, 0x3c, 0);
	emit_free("lfanew_zero", p);

	/* the headers moved one byte up: a complete but misaligned PE header */
	if (headers_end + 1 > get32(img, opt + OPT_SIZE_OF_HEADERS))
		die("no room in the headers to misalign e_lfanew");
	p = copy(0);
	memmove(p + pe + 1, img + pe, headers_end - pe);
	p[pe] = 0;
	put32(p, 0x3c, pe + 1);
	emit_free("lfanew_misaligned", p);

	p = copy(0);
	p[pe + 1] = 'X';
	emit_free("bad_pe_signature", p);

	/* --- COFF header --- */
	p = copy(0);
	put16(p, coff + COFF_MACHINE, 0x14c);		/* IMAGE_FILE_MACHINE_I386 */
	emit_free("machine_i386", p);

	p = copy(0);
	put16(p, coff + COFF_MACHINE, 0xaa64);		/* IMAGE_FILE_MACHINE_ARM64 */
	emit_free("machine_arm64", p);

	p = copy(0);
	put16(p, coff + COFF_NSECTIONS, 0xffff);
	emit_free("sections_ffff", p);

	p = copy(0);
	put16(p, coff + COFF_NSECTIONS, 0);
	emit_free("sections_zero", p);

	p = copy(0);
	put16(p, coff + COFF_OPTSIZE, 0x10);
	emit_free("optional_header_too_small", p);

	p = copy(0);
	put16(p, coff + COFF_OPTSIZE, 0xfff0);
	emit_free("optional_header_huge", p);

	p = copy(0);						/* not IMAGE_FILE_EXECUTABLE_IMAGE */
	put16(p, coff + COFF_CHARACTERISTICS, get16(img, coff + COFF_CHARACTERISTICS) & ~0x0002);
	emit_free("not_executable_image", p);

	p = copy(0);						/* IMAGE_FILE_DLL */
	put16(p, coff + COFF_CHARACTERISTICS, get16(img, coff + COFF_CHARACTERISTICS) | 0x2000);
	emit_free("dll", p);

	/* --- optional header --- */
	p = copy(0);
	put16(p, opt + OPT_MAGIC, 0x10b);		/* PE32 */
	emit_free("magic_pe32", p);

	p = copy(0);
	put16(p, opt + OPT_MAGIC, 0x107);		/* ROM image */
	emit_free("magic_rom", p);

	p = copy(0);
	put32(p, opt + OPT_SIZE_OF_IMAGE, 0xfffff000);
	emit_free("size_of_image_huge", p);

	p = copy(0);
	put32(p, opt + OPT_SIZE_OF_IMAGE, 0);
	emit_free("size_of_image_zero", p);

	p = copy(0);
	put32(p, opt + OPT_SIZE_OF_HEADERS, 0xfffff000);
	emit_free("size_of_headers_huge", p);

	p = copy(0);
	put32(p, opt + OPT_ENTRY, size_of_image + 0x1000);
	emit_free("entry_past_image", p);

	p = copy(0);
	put32(p, opt + OPT_ENTRY, 0xfffffff0);
	emit_free("entry_huge", p);

	p = copy(0);					/* SectionAlignment < FileAlignment */
	put32(p, opt + OPT_FILE_ALIGN, 0x1000);
	put32(p, opt + OPT_SECTION_ALIGN, 0x200);
	emit_free("section_align_below_file_align", p);

	p = copy(0);
	put32(p, opt + OPT_FILE_ALIGN, 0x300);
	emit_free("file_align_not_pow2", p);

	p = copy(0);
	put32(p, opt + OPT_SECTION_ALIGN, 0x1800);
	emit_free("section_align_not_pow2", p);

	p = copy(0);
	put32(p, opt + OPT_SECTION_ALIGN, 0);
	emit_free("section_align_zero", p);

	p = copy(0);
	put32(p, opt + OPT_FILE_ALIGN, 0);
	emit_free("file_align_zero", p);

	/* --- sections --- */
	p = copy(0);					/* the second section on top of the first */
	put32(p, sec + SEC_SIZE + SEC_VADDR, get32(img, sec + SEC_VADDR));
	emit_free("sections_overlap", p);

	p = copy(0);					/* the first one grown into the second */
	put32(p, sec + SEC_VSIZE,
	      get32(img, sec + SEC_SIZE + SEC_VADDR) - get32(img, sec + SEC_VADDR) + 0x1000);
	emit_free("sections_overlap_vsize", p);

	p = copy(0);
	put32(p, last + SEC_VADDR, size_of_image);
	emit_free("section_rva_past_image", p);

	p = copy(0);
	put32(p, last + SEC_VADDR, 0xfffff000);
	emit_free("section_rva_huge", p);

	p = copy(0);
	put32(p, last + SEC_VSIZE, 0xfffff000);
	emit_free("section_vsize_huge", p);

	p = copy(0);					/* raw data past the end of the file */
	put32(p, last + SEC_RAWPTR, (img_len + 0x1ff) & ~0x1ffu);
	if (!get32(img, last + SEC_RAWSIZE))
		put32(p, last + SEC_RAWSIZE, 0x200);
	emit_free("section_raw_past_eof", p);

	p = copy(0);		/* ptr + size wraps 32 bits; VirtualSize 0: all of it is needed */
	put32(p, sec + SEC_RAWSIZE, 0xfffffe00);
	put32(p, sec + SEC_VSIZE, 0);
	emit_free("section_raw_size_huge", p);

	p = copy(0);
	put32(p, sec + SEC_RAWPTR, 0xfffffe00);
	emit_free("section_raw_ptr_huge", p);

	p = copy(0);					/* a section inside the headers page */
	put32(p, sec + SEC_VADDR, 0);
	emit_free("section_rva_zero", p);

	/* all of it zero but MZ, and a text file that starts with MZ */
	p = calloc(1, img_len);
	if (!p)
		die("out of memory");
	p[0] = 'M';
	p[1] = 'Z';
	emit_free("zeros", p);
	{
		static const char text[] = "MZ is not a program, it is a line of text.\n";

		emit("text_mz", (const unsigned char *)text, sizeof(text) - 1);
	}

	printf("mkcorpus: %d images in %s\n", written, outdir);
	return 0;
}
