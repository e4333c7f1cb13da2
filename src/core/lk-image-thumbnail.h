/* lk-image-thumbnail.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/**
 * LK_IMAGE_THUMBNAIL_MAX_PIXELS:
 *
 * The largest picture Lorakeet decodes, in pixels (100 megapixels, 400 MB as RGBA). A
 * larger one is refused from its header, before anything is allocated: a small file can
 * claim an enormous size (a "decompression bomb").
 */
#define LK_IMAGE_THUMBNAIL_MAX_PIXELS ((guint64)100 * 1000 * 1000)

/**
 * lk_image_thumbnail_sniff_type:
 * @head: the first bytes of a file (at least 12 to recognise every format)
 * @length: how many bytes @head holds
 *
 * Tells which still-picture format a file is in from its first bytes, not its name: a PNG
 * saved as `.jpg` is still a PNG. Only the formats ComfyUI writes and every step of
 * Lorakeet reads are recognised (PNG, JPEG, WebP). Knowing the format lets
 * lk_image_thumbnail_decode() skip GdkPixbuf's own sniffing, which needs the shared MIME
 * database that sandboxes and test environments may lack.
 *
 * Returns: (nullable): the GdkPixbuf format name ("png", "jpeg" or "webp"), a static
 *   string, or %NULL when the bytes are none of these
 */
const char *lk_image_thumbnail_sniff_type     (const guint8   *head,
                                               gsize           length);

/**
 * lk_image_thumbnail_decode:
 * @data: the whole file
 * @length: its length in bytes
 * @type: (nullable): the GdkPixbuf format name ("png", "jpeg", "webp"…) when the caller
 *   already knows it, which skips content sniffing; %NULL to let GdkPixbuf find out
 * @max_size: the longest side of the result, in pixels
 * @original_width: (out) (optional): the picture's width, 0 when unknown
 * @original_height: (out) (optional): the picture's height, 0 when unknown
 * @cancellable: (nullable): stops decoding between chunks
 * @error: return location for an error
 *
 * Decodes a still picture (PNG, JPEG, WebP, or any format GdkPixbuf has a loader for)
 * straight to thumbnail size: the size is fixed as soon as the header is read, so loaders
 * that can decode smaller (JPEG) do, and pictures over %LK_IMAGE_THUMBNAIL_MAX_PIXELS are
 * refused before their pixels are allocated. The EXIF orientation is applied. Of an
 * animated WebP, the first frame is decoded. Blocking.
 *
 * Returns: (transfer full): the thumbnail picture, or %NULL with @error in
 *   %LK_THUMBNAIL_ERROR (%LK_THUMBNAIL_ERROR_TOO_LARGE, %LK_THUMBNAIL_ERROR_CORRUPT,
 *   %LK_THUMBNAIL_ERROR_UNSUPPORTED) or %G_IO_ERROR_CANCELLED
 */
GdkPixbuf *lk_image_thumbnail_decode          (const guint8   *data,
                                               gsize           length,
                                               const char     *type,
                                               int             max_size,
                                               int            *original_width,
                                               int            *original_height,
                                               GCancellable   *cancellable,
                                               GError        **error);

/**
 * lk_image_thumbnail_webp_duration:
 * @data: a WebP file
 * @length: its length in bytes
 *
 * Adds up the frame durations of an animated WebP from its `ANMF` chunks, without
 * decoding anything.
 *
 * Returns: the length of the animation in microseconds, or -1 for a still WebP or
 *   something that is not WebP
 */
gint64     lk_image_thumbnail_webp_duration   (const guint8   *data,
                                               gsize           length);

G_END_DECLS
