/* lk-file-task.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-file-task.h"

typedef struct
{
  GFile          *file;
  LkFileReadFunc  read;
  GDestroyNotify  result_free;
} FileTask;

static void
file_task_free (gpointer data)
{
  FileTask *file_task = data;

  g_clear_object (&file_task->file);
  g_free (file_task);
}

static void
file_task_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FileTask *file_task = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (!(result = file_task->read (file_task->file, cancellable, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, file_task->result_free);
}

void
lk_file_task_run (GFile               *file,
                  LkFileReadFunc       read,
                  GDestroyNotify       result_free,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FileTask *file_task;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (read != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  file_task = g_new0 (FileTask, 1);
  file_task->file = g_object_ref (file);
  file_task->read = read;
  file_task->result_free = result_free;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, file_task, file_task_free);
  g_task_run_in_thread (task, file_task_worker);
}

gpointer
lk_file_task_finish (GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
