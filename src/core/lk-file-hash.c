/* lk-file-hash.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-file-hash"

#include "config.h"

#include <fcntl.h>

#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>

#include "lk-file-hash.h"
#include "lk-file-task.h"

/* Large enough that the per-read overhead vanishes next to hashing, small enough to stay in
 * the CPU cache between read() and the hash. */
#define BLOCK_SIZE (1024 * 1024)

char *
lk_file_sha256 (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, &local_error)))
    goto failed;

#ifdef POSIX_FADV_SEQUENTIAL
  if (G_IS_FILE_DESCRIPTOR_BASED (stream))
    posix_fadvise (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream)),
                   0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (BLOCK_SIZE);

  for (;;)
    {
      gssize n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, BLOCK_SIZE,
                                           cancellable, &local_error);

      if (n_read < 0)
        goto failed;
      if (n_read == 0)
        break;

      g_checksum_update (checksum, buffer, n_read);
    }

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, &local_error))
    goto failed;

  /* g_checksum_get_string() is lowercase hex. */
  return g_strdup (g_checksum_get_string (checksum));

failed:
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (&local_error, _("Could not read %s to compute its checksum: "), name);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

void
lk_file_sha256_async (GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  lk_file_task_run (file, (LkFileReadFunc)lk_file_sha256, g_free, lk_file_sha256_async,
                    cancellable, callback, user_data);
}

char *
lk_file_sha256_finish (GAsyncResult  *result,
                       GError       **error)
{
  return lk_file_task_finish (result, lk_file_sha256_async, error);
}
