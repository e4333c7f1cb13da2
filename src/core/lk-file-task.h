/* lk-file-task.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LkFileReadFunc:
 * @file: the file to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A blocking reader of one file, such as lk_png_info_load().
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*LkFileReadFunc) (GFile         *file,
                                    GCancellable  *cancellable,
                                    GError       **error);

/**
 * lk_file_task_run:
 * @file: the file to read
 * @read: the blocking reader, run in a worker thread
 * @result_free: frees what @read returns (g_object_unref, g_free…)
 * @source_tag: the public `_async` function, checked again by lk_file_task_finish()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when @read has returned
 * @user_data: data for @callback
 *
 * The one `_async` implementation behind every "read this file off the main thread" call of
 * the core, so each class writes only its blocking reader.
 */
void     lk_file_task_run    (GFile               *file,
                              LkFileReadFunc       read,
                              GDestroyNotify       result_free,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);

/**
 * lk_file_task_finish:
 * @result: the result given to the callback
 * @source_tag: the same tag as given to lk_file_task_run()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the reader returned, or %NULL with @error set
 */
gpointer lk_file_task_finish (GAsyncResult        *result,
                              gpointer             source_tag,
                              GError             **error);

G_END_DECLS
