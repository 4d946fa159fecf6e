// SPDX-License-Identifier: GPL-2.0
/*
 * mkimports VALID.exe DIR: variants of a valid PE32+ image that imports
 * ntdll.dll (hello_ntdll.exe) with a malformed import table, one file per
 * defect (DIR/NAME.exe).  run_pe_tests.sh expects each to fail cleanly
 * (never hang, never crash): the kernel refuses it (126) or ntdll ends the
 * process with STATUS_INVALID_IMAGE_FORMAT or a not-found status.
 *
 * Runs on the build host; deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *img;
static size_t img_len;
static uint32_t opt, sec, nsec, size_image, imp_rva;

static uint32_t get32(uint32_t off)
{
	return img[off] | img[off + 1] << 8 | img[off + 2] << 16 | (uint32_t)img[off + 3] << 24;
}

static void put32(unsigned char *p, uint32_t off, uint32_t v)
{
	p[off] = v;
	p[off + 1] = v >> 8;
	p[off + 2] = v >> 16;
	p[off + 3] = v >> 24;
}

static void put64(unsigned char *p, uint32_t off, uint64_t v)
{
	put32(p, off, (uint32_t)v);
	put32(p, off + 4, (uint32_t)(v >> 32));
}

/* the file offset of @rva, or exit */
static uint32_t file_off(uint32_t rva)
{
	uint32_t i;

	for (i = 0; i < nsec; i++) {
		uint32_t s = sec + 40 * i, va = get32(s + 12), raw = get32(s + 16);

		if (rva >= va && rva - va < raw)
			return get32(s + 20) + rva - va;
	}
	fprintf(stderr, "mkimports: RVA %#x is not in the file\n", rva);
	exit(1);
}

static void write_variant(const char *dir, const char *name, const unsigned char *p)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.exe", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, img_len, f) != img_len || fclose(f)) {
		perror(path);
		exit(1);
	}
	printf("%s\n", path);
}

int main(int argc, char **argv)
{
	unsigned char *v;
	uint32_t desc, ilt, iat;
	FILE *f;
	long n;

	if (argc != 3) {
		fprintf(stderr, "usage: mkimports VALID.exe DIR\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 512 || fseek(f, 0, SEEK_SET))
		return perror(argv[1]), 1;
	img_len = n;
	img = malloc(img_len);
	v = malloc(img_len);
	if (!img || !v || fread(img, 1, img_len, f) != img_len)
		return perror(argv[1]), 1;
	fclose(f);
	opt = get32(0x3c) + 24;
	nsec = img[get32(0x3c) + 6] | img[get32(0x3c) + 7] << 8;
	sec = opt + (img[get32(0x3c) + 20] | img[get32(0x3c) + 21] << 8);
	size_image = get32(opt + 56);
	imp_rva = get32(opt + 112 + 8);
	if (!imp_rva) {
		fprintf(stderr, "mkimports: %s has no imports\n", argv[1]);
		return 1;
	}
	desc = file_off(imp_rva);
	ilt = file_off(get32(desc));
	iat = file_off(get32(desc + 16));

#define VARIANT(name, change) do { memcpy(v, img, img_len); change; \
	write_variant(argv[2], name, v); } while (0)

	/* the DLL name's RVA past SizeOfImage */
	VARIANT("name-past-image", put32(v, desc + 12, size_image + 0x1000));
	/* the name at the very last byte of the image: no room for its NUL */
	VARIANT("name-at-end", put32(v, desc + 12, size_image - 1));
	/* lookup and address tables past the image */
	VARIANT("thunks-past-image", (put32(v, desc, 0xfffffff0), put32(v, desc + 16, 0xfffffff8)));
	/* an import by name whose hint/name entry is past the image */
	VARIANT("hint-name-past-image", (put64(v, ilt, size_image + 16),
					 put64(v, iat, size_image + 16)));
	/* a hint/name RVA with bits above 31 set (not an ordinal, not an RVA) */
	VARIANT("hint-name-high-bits", (put64(v, ilt, 0x1234500000010ULL),
					put64(v, iat, 0x1234500000010ULL)));
	/* an ordinal ntdll.dll does not have */
	VARIANT("bad-ordinal", (put64(v, ilt, 0x800000000000fff0ULL),
				put64(v, iat, 0x800000000000fff0ULL)));
	/* the import directory at the end of the image: descriptors run off it */
	VARIANT("directory-at-end", (put32(v, opt + 112 + 8, size_image - 8),
				     put32(v, opt + 112 + 12, 20)));
	/* a descriptor with a name but no address table */
	VARIANT("no-address-table", put32(v, desc + 16, 0));
	/*
	 * an import loop: the program imports from itself (its own name,
	 * written over the DOS stub's text at 0x4e, inside the headers)
	 */
	VARIANT("self-import", (memcpy(v + 0x4e, "self-import.exe", 16), put32(v, desc + 12, 0x4e)));
	return 0;
}
