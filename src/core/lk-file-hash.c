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

static void
lk_file_sha256_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  char *hex;

  if (!(hex = lk_file_sha256 (file, cancellable, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hex, g_free);
}

void
lk_file_sha256_async (GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_file_sha256_async);
  g_task_set_name (task, "[lorakeet] lk_file_sha256_async");
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, lk_file_sha256_worker);
}

char *
lk_file_sha256_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_file_sha256_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
