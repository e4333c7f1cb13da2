/* lk-file-hash.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * lk_file_sha256:
 * @file: a regular file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Computes the SHA-256 of the whole of @file, reading it in large blocks. This blocks for as
 * long as reading the file takes (seconds for a checkpoint), so call it from a worker
 * thread, or use lk_file_sha256_async(). Cancellation is checked between blocks.
 *
 * Errors are GIO's (%G_IO_ERROR_NOT_FOUND, %G_IO_ERROR_CANCELLED…), with the file's name in
 * the message.
 *
 * Returns: (transfer full) (nullable): 64 lowercase hexadecimal digits, or %NULL on error.
 */
char *lk_file_sha256        (GFile                *file,
                             GCancellable         *cancellable,
                             GError              **error);

/**
 * lk_file_sha256_async:
 * @file: a regular file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller when done
 * @user_data: data for @callback
 *
 * Computes the SHA-256 of @file in a worker thread. See lk_file_sha256().
 */
void  lk_file_sha256_async  (GFile                *file,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);

/**
 * lk_file_sha256_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes lk_file_sha256_async(). After a cancellation this reports
 * %G_IO_ERROR_CANCELLED even when the hash had been computed.
 *
 * Returns: (transfer full) (nullable): 64 lowercase hexadecimal digits, or %NULL on error.
 */
char *lk_file_sha256_finish (GAsyncResult         *result,
                             GError              **error);

G_END_DECLS
