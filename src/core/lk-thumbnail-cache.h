/* lk-thumbnail-cache.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-thumbnail.h"

G_BEGIN_DECLS

#define LK_TYPE_THUMBNAIL_CACHE (lk_thumbnail_cache_get_type ())
G_DECLARE_FINAL_TYPE (LkThumbnailCache, lk_thumbnail_cache, LK, THUMBNAIL_CACHE, GObject)

/**
 * lk_thumbnail_cache_new:
 * @base_dir: (nullable): the cache folder, or %NULL for `$XDG_CACHE_HOME/thumbnails`,
 *   the folder file managers share
 *
 * Creates an accessor for a freedesktop.org thumbnail cache: thumbnails live in
 * `normal/`, `large/`, `x-large/` and `xx-large/` as `<md5 of the file URI>.png`, carrying
 * `Thumb::URI`, `Thumb::MTime` and `Thumb::Size` text chunks that tell whether they still
 * match the file; files that cannot be thumbnailed get an entry in
 * `fail/lorakeet-<version>/`. Entries are written to a temporary file and renamed, with
 * permissions 0600 in folders created 0700.
 *
 * The object never changes after creation: any thread may use it.
 *
 * Returns: (transfer full): a new cache accessor
 */
LkThumbnailCache *lk_thumbnail_cache_new            (const char        *base_dir);

/**
 * lk_thumbnail_cache_get_base_dir:
 * @self: a cache
 *
 * Returns: (transfer none): the cache folder
 */
const char       *lk_thumbnail_cache_get_base_dir   (LkThumbnailCache  *self);

/**
 * lk_thumbnail_cache_dup_path:
 * @self: a cache
 * @uri: the URI of the original file
 * @size: the thumbnail size
 *
 * Returns: (transfer full): where the thumbnail of @uri at @size lives
 */
char             *lk_thumbnail_cache_dup_path       (LkThumbnailCache  *self,
                                                     const char        *uri,
                                                     LkThumbnailSize    size);

/**
 * lk_thumbnail_cache_dup_fail_path:
 * @self: a cache
 * @uri: the URI of the original file
 *
 * Returns: (transfer full): where Lorakeet records that @uri could not be thumbnailed
 */
char             *lk_thumbnail_cache_dup_fail_path  (LkThumbnailCache  *self,
                                                     const char        *uri);

/**
 * lk_thumbnail_cache_is_inside:
 * @self: a cache
 * @path: an absolute path
 *
 * Files inside the cache are never thumbnailed into it.
 *
 * Returns: %TRUE if @path lies inside the cache folder
 */
gboolean          lk_thumbnail_cache_is_inside      (LkThumbnailCache  *self,
                                                     const char        *path);

/**
 * lk_thumbnail_cache_lookup:
 * @self: a cache
 * @uri: the URI of the original file
 * @mtime: the file's modification time, in seconds since the epoch
 * @file_size: the file's size in bytes
 * @size: the thumbnail size wanted
 *
 * Reads a valid thumbnail: one whose `Thumb::URI` is @uri, whose `Thumb::MTime` is @mtime
 * and, when it has one, whose `Thumb::Size` is @file_size. A larger size's thumbnail is
 * used, scaled down, when @size has none. Stale, unreadable and foreign-format entries are
 * misses, so the caller regenerates them. Blocking: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the thumbnail, or %NULL on a miss
 */
LkThumbnail      *lk_thumbnail_cache_lookup         (LkThumbnailCache  *self,
                                                     const char        *uri,
                                                     gint64             mtime,
                                                     goffset            file_size,
                                                     LkThumbnailSize    size);

/**
 * lk_thumbnail_cache_lookup_failure:
 * @self: a cache
 * @uri: the URI of the original file
 * @mtime: the file's modification time, in seconds since the epoch
 * @file_size: the file's size in bytes
 *
 * Looks for Lorakeet's record that this very version of the file could not be
 * thumbnailed. Blocking.
 *
 * Returns: (transfer full) (nullable): the reason recorded, or %NULL if there is no
 *   valid record
 */
char             *lk_thumbnail_cache_lookup_failure (LkThumbnailCache  *self,
                                                     const char        *uri,
                                                     gint64             mtime,
                                                     goffset            file_size);

/**
 * lk_thumbnail_cache_save:
 * @self: a cache
 * @thumbnail: the thumbnail
 * @uri: the URI of the original file
 * @mtime: the file's modification time, in seconds since the epoch
 * @file_size: the file's size in bytes
 * @mime_type: (nullable): the file's content type, for `Thumb::Mimetype`
 * @size: the size folder to write to
 * @error: return location for an error
 *
 * Writes @thumbnail as the cache entry of @uri. Blocking.
 *
 * Returns: %TRUE on success; %FALSE with @error (a sentence naming the folder) if the
 *   cache cannot be written, for example because it is read-only or full
 */
gboolean          lk_thumbnail_cache_save           (LkThumbnailCache  *self,
                                                     LkThumbnail       *thumbnail,
                                                     const char        *uri,
                                                     gint64             mtime,
                                                     goffset            file_size,
                                                     const char        *mime_type,
                                                     LkThumbnailSize    size,
                                                     GError           **error);

/**
 * lk_thumbnail_cache_save_failure:
 * @self: a cache
 * @uri: the URI of the original file
 * @mtime: the file's modification time, in seconds since the epoch
 * @file_size: the file's size in bytes
 * @reason: why the file cannot be thumbnailed
 * @error: return location for an error
 *
 * Records in `fail/lorakeet-<version>/` that this version of the file cannot be
 * thumbnailed, so it is not decoded again until it changes. Blocking.
 *
 * Returns: %TRUE on success
 */
gboolean          lk_thumbnail_cache_save_failure   (LkThumbnailCache  *self,
                                                     const char        *uri,
                                                     gint64             mtime,
                                                     goffset            file_size,
                                                     const char        *reason,
                                                     GError           **error);

G_END_DECLS
