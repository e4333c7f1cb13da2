/* lk-png-info.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LK_PNG_INFO_MAX_TEXT_LENGTH:
 *
 * The largest text a single chunk may hold after decompression (64 MB). Larger text chunks
 * are skipped with a warning; this also stops zlib bombs in zTXt/iTXt.
 */
#define LK_PNG_INFO_MAX_TEXT_LENGTH (64 * 1024 * 1024)

#define LK_PNG_INFO_ERROR (lk_png_info_error_quark ())

/**
 * LkPngInfoError:
 * @LK_PNG_INFO_ERROR_NOT_PNG: the file does not start with the PNG signature (empty, or
 *   another format with a .png name)
 * @LK_PNG_INFO_ERROR_TRUNCATED: the file ends before its IEND chunk (still being written, or
 *   an interrupted copy)
 * @LK_PNG_INFO_ERROR_CORRUPT: the chunk structure is damaged: a chunk length over 2^31-1, a
 *   missing or invalid IHDR, a bad IHDR checksum, a chunk type that is not four letters
 *
 * Errors of %LK_PNG_INFO_ERROR. Messages name the file and say what to do.
 */
typedef enum
{
  LK_PNG_INFO_ERROR_NOT_PNG,
  LK_PNG_INFO_ERROR_TRUNCATED,
  LK_PNG_INFO_ERROR_CORRUPT,
} LkPngInfoError;

GQuark lk_png_info_error_quark (void);

#define LK_TYPE_PNG_INFO (lk_png_info_get_type ())

G_DECLARE_FINAL_TYPE (LkPngInfo, lk_png_info, LK, PNG_INFO, GObject)

/*
 * What is read
 *
 * The signature, IHDR (which must come first), and every tEXt, zTXt and iTXt chunk up to
 * IEND, wherever they are: ComfyUI writes its `prompt` and `workflow` chunks before IDAT,
 * other tools after it. Image data is never read: lk_png_info_load() skips IDAT and other
 * chunks by seeking, so a 30000×30000 image costs a few reads.
 *
 * Problems that leave the text usable are warnings, not errors: a text chunk whose CRC does
 * not match, a malformed or undecompressable text chunk, a repeated keyword (the first one
 * wins), a text over %LK_PNG_INFO_MAX_TEXT_LENGTH. Those chunks are left out and
 * lk_png_info_get_warnings() says why.
 *
 * A truncated file is an error and no #LkPngInfo is returned, even when its text chunks
 * were complete: the frame is unfinished or damaged, and the artist should know that first.
 *
 * Text: tEXt and zTXt are Latin-1 by the PNG specification, but ComfyUI (through Pillow)
 * writes UTF-8 in them, so text that is valid UTF-8 is taken as UTF-8 and anything else is
 * converted from Latin-1. iTXt is UTF-8; invalid sequences are replaced (with a warning).
 * All text returned is valid UTF-8.
 */

/**
 * lk_png_info_parse:
 * @data: (array length=length): a whole PNG file in memory
 * @length: the number of bytes at @data
 * @error: return location for a #GError in %LK_PNG_INFO_ERROR
 *
 * Parses a PNG held in memory. Pure and bounded (suitable for fuzzing).
 *
 * Returns: (transfer full) (nullable): a new #LkPngInfo, or %NULL with @error set.
 */
LkPngInfo  *lk_png_info_parse        (const guint8         *data,
                                      gsize                 length,
                                      GError              **error);

/**
 * lk_png_info_load:
 * @file: a PNG file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the chunk headers and text chunks of @file, seeking over everything else. Blocking:
 * call it from a worker thread or use lk_png_info_load_async(). Errors are in
 * %LK_PNG_INFO_ERROR, or GIO's for a file that cannot be opened or read.
 *
 * Returns: (transfer full) (nullable): a new #LkPngInfo, or %NULL with @error set.
 */
LkPngInfo  *lk_png_info_load         (GFile                *file,
                                      GCancellable         *cancellable,
                                      GError              **error);

/**
 * lk_png_info_load_async:
 * @file: a PNG file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs lk_png_info_load() in a worker thread.
 */
void        lk_png_info_load_async   (GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);

/**
 * lk_png_info_load_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes lk_png_info_load_async().
 *
 * Returns: (transfer full) (nullable): a new #LkPngInfo, or %NULL with @error set.
 */
LkPngInfo  *lk_png_info_load_finish  (GAsyncResult         *result,
                                      GError              **error);

/**
 * lk_png_info_get_width:
 * @self: a #LkPngInfo
 *
 * Returns: the image width from IHDR, in pixels (1 to 2^31-1).
 */
guint       lk_png_info_get_width      (LkPngInfo  *self);

/**
 * lk_png_info_get_height:
 * @self: a #LkPngInfo
 *
 * Returns: the image height from IHDR, in pixels (1 to 2^31-1).
 */
guint       lk_png_info_get_height     (LkPngInfo  *self);

/**
 * lk_png_info_get_bit_depth:
 * @self: a #LkPngInfo
 *
 * Returns: bits per sample or palette index: 1, 2, 4, 8 or 16.
 */
guint       lk_png_info_get_bit_depth  (LkPngInfo  *self);

/**
 * lk_png_info_get_color_type:
 * @self: a #LkPngInfo
 *
 * Returns: the PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
 */
guint       lk_png_info_get_color_type (LkPngInfo  *self);

/**
 * lk_png_info_get_text:
 * @self: a #LkPngInfo
 * @key: a keyword, such as "prompt" or "workflow" (compared exactly)
 *
 * Returns: (transfer none) (nullable): the UTF-8 text of the first valid text chunk with
 *   keyword @key, or %NULL when there is none.
 */
const char *lk_png_info_get_text       (LkPngInfo  *self,
                                        const char *key);

/**
 * lk_png_info_dup_keys:
 * @self: a #LkPngInfo
 *
 * Returns: (transfer full): the keywords of the text chunks read, in file order, as a
 *   %NULL-terminated array (empty when there are none).
 */
char      **lk_png_info_dup_keys       (LkPngInfo  *self);

/**
 * lk_png_info_get_warnings:
 * @self: a #LkPngInfo
 *
 * Problems that did not stop the parse (see "What is read" above), one sentence each, in
 * file order. At most 64 are kept.
 *
 * Returns: (transfer none) (array zero-terminated=1): a %NULL-terminated array, empty when
 *   all was well.
 */
const char * const *lk_png_info_get_warnings (LkPngInfo *self);

G_END_DECLS
