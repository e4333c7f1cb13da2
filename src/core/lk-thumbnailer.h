/* lk-thumbnailer.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-thumbnail-cache.h"
#include "lk-thumbnail.h"

G_BEGIN_DECLS

/**
 * LK_THUMBNAILER_DEFAULT_MEMORY_LIMIT:
 *
 * How many bytes of thumbnails a thumbnailer keeps in memory by default: about 900
 * `normal` or 230 `large` thumbnails of portrait renders.
 */
#define LK_THUMBNAILER_DEFAULT_MEMORY_LIMIT ((gsize)64 * 1024 * 1024)

#define LK_TYPE_THUMBNAILER (lk_thumbnailer_get_type ())
G_DECLARE_FINAL_TYPE (LkThumbnailer, lk_thumbnailer, LK, THUMBNAILER, GObject)

/**
 * lk_thumbnailer_new:
 * @cache: (nullable): the thumbnail cache to read and fill, or %NULL for the user's
 *   shared one (`$XDG_CACHE_HOME/thumbnails`)
 *
 * Creates a thumbnailer. It decodes on its own pool of threads, one per processor core,
 * newest request first (the tiles that just scrolled into view), and keeps recent
 * thumbnails in memory up to %LK_THUMBNAILER_DEFAULT_MEMORY_LIMIT bytes.
 *
 * Returns: (transfer full): a new thumbnailer
 */
LkThumbnailer    *lk_thumbnailer_new              (LkThumbnailCache     *cache);

/**
 * lk_thumbnailer_get_cache:
 * @self: a thumbnailer
 *
 * Returns: (transfer none): the thumbnail cache it uses
 */
LkThumbnailCache *lk_thumbnailer_get_cache        (LkThumbnailer        *self);

/**
 * lk_thumbnailer_get_cache_problem:
 * @self: a thumbnailer
 *
 * Tells whether thumbnails are being shared through the cache. A cache that is read-only
 * or full does not stop thumbnails being made, but each is then made again every time;
 * the gallery shows this sentence so the artist can fix it. Changes are notified through
 * #LkThumbnailer:cache-problem in the context requests complete in.
 *
 * Returns: (nullable): why the most recent thumbnail could not be written to the cache,
 *   naming the folder and the fix, or %NULL if it was written
 */
const char       *lk_thumbnailer_get_cache_problem (LkThumbnailer       *self);

/**
 * lk_thumbnailer_get_n_threads:
 * @self: a thumbnailer
 *
 * Returns: how many threads decode at once
 */
guint             lk_thumbnailer_get_n_threads    (LkThumbnailer        *self);

/**
 * lk_thumbnailer_set_memory_limit:
 * @self: a thumbnailer
 * @bytes: the bound on thumbnails kept in memory
 *
 * Changes the memory bound, dropping the least recently used thumbnails if needed.
 */
void              lk_thumbnailer_set_memory_limit (LkThumbnailer        *self,
                                                   gsize                 bytes);

/**
 * lk_thumbnailer_get_memory_usage:
 * @self: a thumbnailer
 *
 * Returns: how many bytes of thumbnails are kept in memory
 */
gsize             lk_thumbnailer_get_memory_usage (LkThumbnailer        *self);

/**
 * lk_thumbnailer_lookup:
 * @self: a thumbnailer
 * @path: the file
 * @size: the thumbnail size
 * @mtime: the file's modification time in microseconds since the epoch, as the
 *   #LkOutputItem knows it
 * @file_size: the file's size in bytes
 *
 * Looks in memory only, without touching the disk, so a tile being bound can show a
 * thumbnail at once instead of waiting for lk_thumbnailer_load_async().
 *
 * Returns: (transfer full) (nullable): the thumbnail of this version of the file, or %NULL
 */
LkThumbnail      *lk_thumbnailer_lookup           (LkThumbnailer        *self,
                                                   const char           *path,
                                                   LkThumbnailSize       size,
                                                   gint64                mtime,
                                                   goffset               file_size);

/**
 * lk_thumbnailer_load_async:
 * @self: a thumbnailer
 * @path: the file, an image or a clip
 * @size: the thumbnail size
 * @cancellable: (nullable): cancel it when the tile is unbound; a request not yet started
 *   is then skipped, one running stops at its next check
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the thumbnail of @path: from memory, else from the thumbnail cache (entries written
 * by file managers included), else by decoding the file in a worker thread and saving the
 * result in the cache. A file that failed before and has not changed since fails again at
 * once with the recorded reason.
 */
void              lk_thumbnailer_load_async       (LkThumbnailer        *self,
                                                   const char           *path,
                                                   LkThumbnailSize       size,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);

/**
 * lk_thumbnailer_load_finish:
 * @self: a thumbnailer
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the thumbnail, or %NULL with @error: %LK_THUMBNAIL_ERROR with a
 *   sentence for the broken tile, %G_IO_ERROR for a file that is gone or unreadable, or
 *   %G_IO_ERROR_CANCELLED. A thumbnail whose cache entry could not be written carries a
 *   warning (lk_thumbnail_get_warning()).
 */
LkThumbnail      *lk_thumbnailer_load_finish      (LkThumbnailer        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
