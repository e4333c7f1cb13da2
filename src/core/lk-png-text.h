/* lk-png-text.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decoding of PNG text chunks, for lk-png-info.c. */

guint32   _lk_png_crc32            (const guint8  *type,
                                    const guint8  *data,
                                    gsize          length);

/* Decodes the data of a tEXt, zTXt or iTXt chunk (@type is its four-letter type). On
 * success sets *keyword and *text (UTF-8, owned by the caller) and may set *warning when the
 * text needed repair. On failure returns FALSE and sets *warning to why the chunk was
 * skipped. @max_text bounds the decoded text; *inflated is set to the bytes decompressed,
 * successfully or not, so the caller can bound the work over a whole file. */
gboolean  _lk_png_text_decode      (const char    *type,
                                    const guint8  *data,
                                    gsize          length,
                                    gsize          max_text,
                                    gsize         *inflated,
                                    char         **keyword,
                                    char         **text,
                                    char         **warning);

G_END_DECLS
