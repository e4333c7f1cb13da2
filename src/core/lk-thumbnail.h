/* lk-thumbnail.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/**
 * LkThumbnailSize:
 * @LK_THUMBNAIL_SIZE_NORMAL: 128 pixels, the cache's `normal` folder
 * @LK_THUMBNAIL_SIZE_LARGE: 256 pixels, `large`
 * @LK_THUMBNAIL_SIZE_X_LARGE: 512 pixels, `x-large`
 * @LK_THUMBNAIL_SIZE_XX_LARGE: 1024 pixels, `xx-large`
 *
 * The sizes of the freedesktop thumbnail cache: the longer side of a thumbnail is at most
 * this many pixels.
 */
typedef enum
{
  LK_THUMBNAIL_SIZE_NORMAL,
  LK_THUMBNAIL_SIZE_LARGE,
  LK_THUMBNAIL_SIZE_X_LARGE,
  LK_THUMBNAIL_SIZE_XX_LARGE,
} LkThumbnailSize;

#define LK_THUMBNAIL_N_SIZES (LK_THUMBNAIL_SIZE_XX_LARGE + 1)

/**
 * LkThumbnailSource:
 * @LK_THUMBNAIL_SOURCE_MEMORY: from the thumbnailer's memory cache
 * @LK_THUMBNAIL_SOURCE_CACHE: from the thumbnail cache on disk (ours or another program's)
 * @LK_THUMBNAIL_SOURCE_GENERATED: decoded from the file just now
 *
 * Where a thumbnail came from.
 */
typedef enum
{
  LK_THUMBNAIL_SOURCE_MEMORY,
  LK_THUMBNAIL_SOURCE_CACHE,
  LK_THUMBNAIL_SOURCE_GENERATED,
} LkThumbnailSource;

/**
 * LK_THUMBNAIL_ERROR:
 *
 * The error domain of thumbnails that cannot be made. The message says what is wrong with
 * the file, for the tile that shows it as broken.
 */
#define LK_THUMBNAIL_ERROR (lk_thumbnail_error_quark ())

/**
 * LkThumbnailError:
 * @LK_THUMBNAIL_ERROR_EMPTY: the file has no bytes
 * @LK_THUMBNAIL_ERROR_UNSUPPORTED: not an image or clip Lorakeet can read
 * @LK_THUMBNAIL_ERROR_CORRUPT: the file is damaged
 * @LK_THUMBNAIL_ERROR_TRUNCATED: the file is cut short
 * @LK_THUMBNAIL_ERROR_TOO_LARGE: the picture has more pixels than Lorakeet opens
 * @LK_THUMBNAIL_ERROR_NO_VIDEO: a clip without a picture (sound only)
 * @LK_THUMBNAIL_ERROR_TIMEOUT: decoding took too long and was given up
 * @LK_THUMBNAIL_ERROR_NO_DECODER: this computer lacks the decoder (a GStreamer plugin);
 *   the file itself may be fine
 * @LK_THUMBNAIL_ERROR_FAILED_BEFORE: an earlier attempt failed and the file has not
 *   changed since; the message is that attempt's reason
 *
 * Why a thumbnail could not be made.
 */
typedef enum
{
  LK_THUMBNAIL_ERROR_EMPTY,
  LK_THUMBNAIL_ERROR_UNSUPPORTED,
  LK_THUMBNAIL_ERROR_CORRUPT,
  LK_THUMBNAIL_ERROR_TRUNCATED,
  LK_THUMBNAIL_ERROR_TOO_LARGE,
  LK_THUMBNAIL_ERROR_NO_VIDEO,
  LK_THUMBNAIL_ERROR_TIMEOUT,
  LK_THUMBNAIL_ERROR_NO_DECODER,
  LK_THUMBNAIL_ERROR_FAILED_BEFORE,
} LkThumbnailError;

GQuark lk_thumbnail_error_quark (void);

#define LK_TYPE_THUMBNAIL (lk_thumbnail_get_type ())
G_DECLARE_FINAL_TYPE (LkThumbnail, lk_thumbnail, LK, THUMBNAIL, GObject)

/**
 * lk_thumbnail_size_get_pixels:
 * @size: a thumbnail size
 *
 * Returns: the longest side of a thumbnail of @size, in pixels
 */
int                lk_thumbnail_size_get_pixels    (LkThumbnailSize   size);

/**
 * lk_thumbnail_size_get_name:
 * @size: a thumbnail size
 *
 * Returns: (transfer none): the name of the cache folder for @size, such as "large"
 */
const char        *lk_thumbnail_size_get_name      (LkThumbnailSize   size);

/**
 * lk_thumbnail_size_from_name:
 * @name: "normal", "large", "x-large" or "xx-large"
 * @size: (out): the size
 *
 * Returns: %TRUE if @name is one of the cache's sizes
 */
gboolean           lk_thumbnail_size_from_name     (const char       *name,
                                                    LkThumbnailSize  *size);

/**
 * lk_thumbnail_fit_pixbuf:
 * @pixbuf: a picture
 * @max_size: the longest side allowed, in pixels
 *
 * Scales @pixbuf down, keeping its aspect ratio, so that neither side exceeds @max_size.
 * Pictures already small enough are not scaled up.
 *
 * Returns: (transfer full): the scaled picture, or a new reference to @pixbuf
 */
GdkPixbuf         *lk_thumbnail_fit_pixbuf         (GdkPixbuf        *pixbuf,
                                                    int               max_size);

/**
 * lk_thumbnail_new:
 * @pixbuf: the thumbnail picture
 * @source: where it came from
 *
 * Creates a thumbnail. Producers fill in the rest with the setters before handing it
 * over; after that it does not change.
 *
 * Returns: (transfer full): a new thumbnail
 */
LkThumbnail       *lk_thumbnail_new                (GdkPixbuf        *pixbuf,
                                                    LkThumbnailSource source);

/**
 * lk_thumbnail_copy_with_source:
 * @self: a thumbnail
 * @source: where the copy comes from
 *
 * Returns: (transfer full): a thumbnail sharing @self's picture and details, with @source
 */
LkThumbnail       *lk_thumbnail_copy_with_source   (LkThumbnail      *self,
                                                    LkThumbnailSource source);

/**
 * lk_thumbnail_get_pixbuf:
 * @self: a thumbnail
 *
 * Returns: (transfer none): the picture; never modify it, it may be shared
 */
GdkPixbuf         *lk_thumbnail_get_pixbuf         (LkThumbnail      *self);

/**
 * lk_thumbnail_get_source:
 * @self: a thumbnail
 *
 * Returns: where the thumbnail came from
 */
LkThumbnailSource  lk_thumbnail_get_source         (LkThumbnail      *self);

/**
 * lk_thumbnail_get_duration:
 * @self: a thumbnail
 *
 * Returns: the length of the clip in microseconds, for the tile's badge, or -1 for a still
 *   image or a clip of unknown length
 */
gint64             lk_thumbnail_get_duration       (LkThumbnail      *self);

/**
 * lk_thumbnail_set_duration:
 * @self: a thumbnail
 * @duration: the clip length in microseconds, or -1
 *
 * Sets the clip length.
 */
void               lk_thumbnail_set_duration       (LkThumbnail      *self,
                                                    gint64            duration);

/**
 * lk_thumbnail_get_original_width:
 * @self: a thumbnail
 *
 * Returns: the width of the original picture, or 0 if unknown
 */
int                lk_thumbnail_get_original_width (LkThumbnail      *self);

/**
 * lk_thumbnail_get_original_height:
 * @self: a thumbnail
 *
 * Returns: the height of the original picture, or 0 if unknown
 */
int                lk_thumbnail_get_original_height (LkThumbnail     *self);

/**
 * lk_thumbnail_set_original_size:
 * @self: a thumbnail
 * @width: the width of the original picture, or 0
 * @height: its height, or 0
 *
 * Records the size of the original picture.
 */
void               lk_thumbnail_set_original_size  (LkThumbnail      *self,
                                                    int               width,
                                                    int               height);

/**
 * lk_thumbnail_get_warning:
 * @self: a thumbnail
 *
 * Returns: (transfer none) (nullable): a sentence about something that went wrong around
 *   a good thumbnail, such as a thumbnail cache that could not be written
 */
const char        *lk_thumbnail_get_warning        (LkThumbnail      *self);

/**
 * lk_thumbnail_set_warning:
 * @self: a thumbnail
 * @warning: (nullable): the sentence
 *
 * Sets the warning.
 */
void               lk_thumbnail_set_warning        (LkThumbnail      *self,
                                                    const char       *warning);

/**
 * lk_thumbnail_get_cost:
 * @self: a thumbnail
 *
 * Returns: roughly how many bytes of memory the thumbnail holds
 */
gsize              lk_thumbnail_get_cost           (LkThumbnail      *self);

G_END_DECLS
