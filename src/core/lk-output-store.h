/* lk-output-store.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-output-item.h"

G_BEGIN_DECLS

#define LK_TYPE_OUTPUT_STORE (lk_output_store_get_type ())
G_DECLARE_FINAL_TYPE (LkOutputStore, lk_output_store, LK, OUTPUT_STORE, GObject)

/**
 * LK_OUTPUT_STORE_DEFAULT_MAX_MONITORS:
 *
 * How many folders a store watches for changes by default. Each watched folder costs an
 * inotify watch, a limited resource shared by every program of the user.
 */
#define LK_OUTPUT_STORE_DEFAULT_MAX_MONITORS 256

/**
 * lk_output_store_new:
 * @directory: the output folder (ComfyUI's `output/`, or any folder of renders)
 *
 * Creates an empty store for @directory. Nothing is read until
 * lk_output_store_load_async() is called.
 *
 * The store is a #GListModel of #LkOutputItem, newest first. It is kept up to date by
 * watching @directory and its subfolders: a new file appears once its writer has
 * finished it, a changed file moves to the top, a deleted one disappears.
 *
 * A file counts as finished when its bytes end where its format says they end (PNG's
 * `IEND`, JPEG's end-of-image, GIF's trailer, WebP's RIFF size, an MP4 with its `moov`
 * index and no dangling box, a WebM with a known segment size) and, unless the writer
 * closed it, its size and modification time did not change over one check interval
 * (about a quarter of a second). A format without an end marker needs the stable size. A
 * file that stays cut short for ten seconds is shown anyway, so that the thumbnailer can
 * say what is wrong with it.
 *
 * Returns: (transfer full): a new store
 */
LkOutputStore  *lk_output_store_new                (const char           *directory);

/**
 * lk_output_store_get_directory:
 * @self: a store
 *
 * Returns: (transfer none): the absolute path of the output folder
 */
const char     *lk_output_store_get_directory      (LkOutputStore        *self);

/**
 * lk_output_store_get_loading:
 * @self: a store
 *
 * Returns: %TRUE while the first scan is still running
 */
gboolean        lk_output_store_get_loading        (LkOutputStore        *self);

/**
 * lk_output_store_dup_problems:
 * @self: a store
 *
 * What could not be read or watched: unreadable subfolders and files, loops of symbolic
 * links, folders beyond the watch limit. Each entry is a sentence for the artist. The
 * #LkOutputStore:problems property is notified when the list grows.
 *
 * Returns: (transfer full) (array zero-terminated=1): the problems, possibly empty
 */
char          **lk_output_store_dup_problems       (LkOutputStore        *self);

/**
 * lk_output_store_set_max_monitors:
 * @self: a store
 * @max_monitors: how many folders to watch at most
 *
 * Limits the number of folders watched for changes. Folders beyond the limit are still
 * listed but not refreshed live, and a problem says so. Set it before loading.
 */
void            lk_output_store_set_max_monitors   (LkOutputStore        *self,
                                                    guint                 max_monitors);

/**
 * lk_output_store_get_n_monitors:
 * @self: a store
 *
 * Returns: how many folders are being watched
 */
guint           lk_output_store_get_n_monitors     (LkOutputStore        *self);

/**
 * lk_output_store_load_async:
 * @self: a store
 * @cancellable: (nullable): stops the scan
 * @callback: called when the last batch is in the model
 * @user_data: data for @callback
 *
 * Scans the output folder in a worker thread and fills the model batch by batch, one
 * #GListModel::items-changed per batch, then keeps it live. Call it once.
 */
void            lk_output_store_load_async         (LkOutputStore        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);

/**
 * lk_output_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the folder was read; %FALSE with @error if the output folder itself
 *   cannot be read (missing, not a folder, no permission) or the scan was cancelled
 */
gboolean        lk_output_store_load_finish        (LkOutputStore        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/**
 * lk_output_store_add_path:
 * @self: a store
 * @path: an output file inside the store's folder, known to be complete
 *
 * Adds a file its writer reported as finished (ComfyUI's `executed` message, when the
 * output folder is local) without waiting for the folder watch: the file is checked in a
 * worker thread and inserted as soon as that returns. A file already shown is updated if
 * it changed. Paths outside the output folder are ignored.
 */
void            lk_output_store_add_path           (LkOutputStore        *self,
                                                    const char           *path);

/**
 * lk_output_store_find:
 * @self: a store
 * @path: an absolute path
 * @position: (out) (optional): where the item is in the model
 *
 * Returns: (transfer none) (nullable): the item for @path, if it is shown
 */
LkOutputItem   *lk_output_store_find               (LkOutputStore        *self,
                                                    const char           *path,
                                                    guint                *position);

G_END_DECLS
