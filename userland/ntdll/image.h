/* SPDX-License-Identifier: GPL-2.0 */
/*
 * image.h: a PE32+ image in memory (image.c), every RVA the loader follows
 * bounds-checked against SizeOfImage.
 */
#ifndef NTDLL_IMAGE_H
#define NTDLL_IMAGE_H

#include "ntbase.h"

struct image {
	BYTE *base;
	SIZE_T size;			/* SizeOfImage */
	IMAGE_NT_HEADERS64 *nt;
};

IMAGE_NT_HEADERS64 *ntdll_image_headers(const void *buf, SIZE_T len, int mapped);
int ntdll_image_sections_ok(const IMAGE_NT_HEADERS64 *nt, ULONGLONG file_size);
NTSTATUS ntdll_image_from_memory(struct image *im, void *base);
void *ntdll_image_rva(const struct image *im, ULONG rva, SIZE_T len);
const char *ntdll_image_str(const struct image *im, ULONG rva);
IMAGE_DATA_DIRECTORY *ntdll_image_dir(const struct image *im, unsigned int which);
IMAGE_DATA_DIRECTORY *ntdll_image_dir_checked(const struct image *im, unsigned int which,
					      int *bad);
int ntdll_image_writable(const struct image *im, const void *p, SIZE_T n);
/* an export: by @name (with @hint) when @name, else by @ordinal; forwarders in *@fwd */
NTSTATUS ntdll_image_export(const struct image *im, const char *name, WORD hint, WORD ordinal,
			    void **addr, const char **fwd);

#endif
