/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PE images as a process maps them: checked and laid out once per file,
 * and shared by every process that maps the same file.
 */
#ifndef _NTOS_IMAGE_H
#define _NTOS_IMAGE_H

#include <linux/types.h>

#include "pe.h"
#include "status.h"

struct file;
struct ntos_image;
struct ntos_vm;

int ntos_image_load(struct file *file, struct ntos_image **out);
ntstatus_t ntos_image_get(struct file *file, struct ntos_image **out);
void ntos_image_put(struct ntos_image *image);
const struct ntos_pe *ntos_image_pe(const struct ntos_image *image);
bool ntos_image_has_imports(const struct ntos_image *image);
ntstatus_t ntos_image_map(struct ntos_vm *vm, struct ntos_image *image, unsigned long *base);
void ntos_image_cache_exit(void);

#endif /* _NTOS_IMAGE_H */
