/* lk-phash.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/**
 * LK_PHASH_BITS:
 *
 * The number of bits of a perceptual hash; two unrelated images differ in about half.
 */
#define LK_PHASH_BITS 64

/**
 * lk_phash_compute:
 * @pixbuf: an image, of any size (it is reduced to 32×32 grey first)
 *
 * The DCT perceptual hash of an image: the image is reduced to 32×32 luma (transparent
 * pixels over white), transformed with a 2-D DCT-II, and each of the 8×8 lowest-frequency
 * coefficients becomes one bit, set when the coefficient is above their median (the DC term,
 * which only says how bright the image is, is left out of the median and its bit is always
 * 0). Resizing, re-encoding and mild noise change few bits; a different picture changes
 * about half.
 *
 * Returns: the 64-bit hash
 */
guint64 lk_phash_compute  (GdkPixbuf *pixbuf);

/**
 * lk_phash_distance:
 * @a: a hash
 * @b: another hash
 *
 * Returns: the Hamming distance between @a and @b, 0–%LK_PHASH_BITS
 */
guint   lk_phash_distance (guint64    a,
                           guint64    b);

G_END_DECLS
