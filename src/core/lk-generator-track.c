/* lk-generator-track.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Following jobs into the catalog. Every state change of a ComfyUI job is written as it
 * happens (queued, running, and the final state with its reason), outputs are written as soon
 * as the server reports them, then found in the shared output folder or downloaded, and
 * announced. The catalog runs its statements in order on one connection, so a job's writes
 * land in the order they were made. A job leaves the generator's list once the catalog holds
 * its outcome and its files are in place. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-output.h"
#include "lk-download.h"
#include "lk-generator-private.h"

static void job_state_cb   (LkJob          *job,
                            GParamSpec     *pspec,
                            LkGeneratorJob *self);
static void job_prompt_cb  (LkJob          *job,
                            GParamSpec     *pspec,
                            LkGeneratorJob *self);
static void job_outputs_cb (GListModel     *outputs,
                            guint           position,
                            guint           removed,
                            guint           added,
                            LkGeneratorJob *self);

/* ---- writing to the catalog ------------------------------------------------------------- */

typedef struct
{
  LkGenerator    *self;
  LkGeneratorJob *job;
  GTask          *task;         /* nullable: someone waits for this write */
  LkComfyOutput  *output;       /* downloads */
  guint           n_outputs;
  guint           final : 1;
} Write;

static Write *
write_new (LkGenerator    *self,
           LkGeneratorJob *job)
{
  Write *write = g_new0 (Write, 1);

  write->self = g_object_ref (self);
  write->job = g_object_ref (job);
  return write;
}

static void
write_free (Write *write)
{
  g_clear_object (&write->self);
  g_clear_object (&write->job);
  g_clear_object (&write->task);
  g_clear_object (&write->output);
  g_free (write);
}

static void
check_flush (LkGenerator *self)
{
  GTask *task;

  if (self->pending_writes > 0)
    return;

  while ((task = g_queue_pop_head (&self->flush_waiters)))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
unfollow (LkGenerator    *self,
          LkGeneratorJob *job)
{
  guint position;

  if (!job->followed)
    return;

  /* the list and the table may hold the last references */
  g_object_ref (job);
  job->followed = FALSE;
  job->generator = NULL;
  g_clear_signal_handler (&job->state_handler, job->job);
  g_clear_signal_handler (&job->prompt_handler, job->job);
  g_clear_signal_handler (&job->outputs_handler, lk_job_get_outputs (job->job));

  if (self->jobs != NULL && g_list_store_find (self->jobs, job, &position))
    g_list_store_remove (self->jobs, position);
  if (self->followed != NULL)
    g_hash_table_remove (self->followed, &job->id);
  g_object_unref (job);
}

/* The job's outcome is recorded and its files are in place: it is final for everyone now. */
static void
maybe_finish (LkGenerator    *self,
              LkGeneratorJob *job)
{
  const GError *error;

  if (!job->followed || !job->final_done || job->pending_writes > 0 || job->pending_downloads > 0)
    return;

  error = lk_job_get_error (job->job);
  g_object_freeze_notify (G_OBJECT (job));
  if (error != NULL)
    _lk_generator_job_set_error (job, error);
  _lk_generator_job_set_state (job, job->recorded_state);
  g_object_thaw_notify (G_OBJECT (job));

  unfollow (self, job);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;
  LkGenerator *self = write->self;
  LkGeneratorJob *job = write->job;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (write->n_outputs > 0)
    ok = lk_catalog_add_job_outputs_finish (LK_CATALOG (object), result, &error);
  else
    ok = lk_catalog_update_job_finish (LK_CATALOG (object), result, &error);

  g_assert (self->pending_writes > 0 && job->pending_writes > 0);
  self->pending_writes--;
  job->pending_writes--;

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *warning = g_strdup_printf (_("The catalog could not record this job: %s"),
                                                  error->message);

      g_warning ("Job %" G_GINT64_FORMAT ": %s", job->id, warning);
      _lk_generator_job_add_warning (job, warning);
    }
  else if (ok && write->n_outputs > 0 && !self->disposed)
    _lk_generator_emit_outputs_recorded (self, job, write->n_outputs);

  if (write->final)
    job->final_done = TRUE;

  if (write->task != NULL)
    {
      if (ok)
        g_task_return_boolean (write->task, TRUE);
      else
        g_task_return_error (write->task, g_steal_pointer (&error));
    }

  if (!self->disposed)
    maybe_finish (self, job);
  check_flush (self);
  write_free (write);
}

static void
write_state (LkGenerator    *self,
             LkGeneratorJob *job,
             const char     *status,
             const char     *prompt_id,
             const char     *error_message,
             gboolean        final,
             GTask          *task)
{
  Write *write;

  if (self->disposed)
    {
      if (task != NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                   _("The generator was closed"));
          g_object_unref (task);
        }
      return;
    }

  write = write_new (self, job);
  write->final = final;
  write->task = task;
  self->pending_writes++;
  job->pending_writes++;
  lk_catalog_update_job_async (self->catalog, job->id, status, prompt_id, error_message,
                               self->cancellable, written_cb, write);
}

/* Writes a job's state to its catalog row (a NULL @prompt_id or @error_message keeps the one
 * recorded). Counted by lk_generator_flush_async(). */
void
_lk_generator_write_async (LkGenerator        *self,
                           LkGeneratorJob     *job,
                           const char         *status,
                           const char         *prompt_id,
                           const char         *error_message,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, _lk_generator_write_async);
  write_state (self, job, status, prompt_id, error_message, FALSE, task);
}

gboolean
_lk_generator_write_finish (LkGenerator   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- outputs ------------------------------------------------------------------------------ */

LkComfyClient *
_lk_generator_client_for (LkGenerator *self,
                          const char  *url)
{
  LkComfyClient *client;

  if (url == NULL || self->disposed)
    return NULL;
  if ((client = lk_server_pool_find (self->pool, url)))
    return client;

  /* a job of an earlier run on a server no longer listed: /view needs no socket */
  if (self->view_clients == NULL)
    self->view_clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (!(client = g_hash_table_lookup (self->view_clients, url))
      && (client = lk_comfy_client_new (url, NULL)))
    g_hash_table_insert (self->view_clients, g_strdup (url), client);

  return client;
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *download = user_data;
  LkGeneratorJob *job = download->job;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = lk_comfy_client_download_finish (LK_COMFY_CLIENT (object), result, &error);
  job->pending_downloads--;

  if (file != NULL && !download->self->disposed)
    _lk_generator_emit_output_ready (download->self, job, g_file_peek_path (file));
  else if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *warning = g_strdup_printf (_("%s could not be downloaded: %s"),
                                                  lk_comfy_output_get_filename (download->output),
                                                  error->message);

      _lk_generator_job_add_warning (job, warning);
    }

  if (!download->self->disposed)
    maybe_finish (download->self, job);
  write_free (download);
}

static char *
printable_name (const char *name)
{
  g_autofree char *escaped = g_strescape (name ? name : "", NULL);

  if (g_utf8_strlen (escaped, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (escaped, 0, 60);

      return g_strconcat (head, "…", NULL);
    }
  return g_steal_pointer (&escaped);
}

/* One output the server reported: recorded and located when its name is safe to use. */
static void
accept_output (LkGenerator    *self,
               LkGeneratorJob *job,
               LkComfyOutput  *output,
               GPtrArray      *batch)
{
  LkComfyOutputKind kind = lk_comfy_output_get_kind (output);
  const char *filename = lk_comfy_output_get_filename (output);
  const char *subfolder = lk_comfy_output_get_subfolder (output);
  const char *type = lk_comfy_output_get_folder_type (output);
  g_autofree char *root = self->download_dir ? g_strdup (self->download_dir)
                                             : lk_download_dup_root ();
  g_autofree char *checked = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  LkComfyClient *client;

  /* the catalog keeps images and videos; sounds and other files are not reviewed */
  if (kind != LK_COMFY_OUTPUT_IMAGE && kind != LK_COMFY_OUTPUT_VIDEO)
    {
      g_debug ("Job %" G_GINT64_FORMAT ": not recording %s (%s)", job->id, filename,
               lk_comfy_output_kind_to_string (kind));
      return;
    }

  subfolder = subfolder ? subfolder : "";
  type = type && *type ? type : "output";

  /* Names come from the server: one that could reach outside a folder is never recorded,
   * opened or downloaded. */
  if (!(checked = lk_download_build_path (root, "server", type, subfolder, filename, &error)))
    {
      g_autofree char *shown = printable_name (filename);
      g_autofree char *warning = g_strdup_printf (_("ComfyUI reported an output named “%s”, "
                                                    "which cannot be used safely; it was left "
                                                    "out"), shown);

      g_debug ("Job %" G_GINT64_FORMAT ": %s", job->id, error->message);
      _lk_generator_job_add_warning (job, warning);
      return;
    }

  if ((url = lk_comfy_output_build_view_url (output, job->server_url)))
    lk_comfy_output_set_url (output, url);
  g_list_store_append (job->outputs, output);
  g_ptr_array_add (batch, lk_catalog_output_new (filename, subfolder, type,
                                                 lk_comfy_output_kind_to_string (kind),
                                                 lk_comfy_output_get_node_id (output)));

  if (self->output_dir != NULL)
    {
      g_autofree char *path = NULL;

      g_clear_error (&error);
      if ((path = lk_download_resolve_shared (self->output_dir, type, subfolder, filename,
                                              &error)))
        {
          lk_comfy_output_set_path (output, path);
          _lk_generator_emit_output_ready (self, job, path);
          return;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          _lk_generator_job_add_warning (job, error->message);
          return;
        }
      /* a temp file is not in the shared folder: fetch it */
    }

  if (!self->download || !(client = _lk_generator_client_for (self, job->server_url)))
    return;

  {
    Write *download = write_new (self, job);

    download->output = g_object_ref (output);
    job->pending_downloads++;
    lk_comfy_client_download_async (client, output, self->download_dir, self->cancellable,
                                    downloaded_cb, download);
  }
}

static void
outputs_added (LkGenerator    *self,
               LkGeneratorJob *job)
{
  GListModel *outputs = lk_job_get_outputs (job->job);
  guint n = g_list_model_get_n_items (outputs);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  Write *write;

  for (guint i = job->n_outputs_seen; i < n; i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);

      accept_output (self, job, output, batch);
    }
  job->n_outputs_seen = MAX (job->n_outputs_seen, n);

  if (batch->len == 0 || self->disposed)
    return;

  write = write_new (self, job);
  write->n_outputs = batch->len;
  self->pending_writes++;
  job->pending_writes++;
  lk_catalog_add_job_outputs_async (self->catalog, job->id, batch, self->cancellable,
                                    written_cb, write);
}

/* ---- following a job ------------------------------------------------------------------- */

static void
state_changed (LkGenerator    *self,
               LkGeneratorJob *job)
{
  LkJobState state = lk_job_get_state (job->job);
  const GError *error;

  if (job->final_written)
    return;

  if (state < LK_JOB_SUCCEEDED)
    {
      _lk_generator_job_set_state (job, state);
      if (state != job->recorded_state)
        {
          job->recorded_state = state;
          write_state (self, job, lk_job_state_to_string (state), job->recorded_prompt_id, NULL,
                       FALSE, NULL);
        }
      return;
    }

  /* the history may have brought files the socket did not */
  outputs_added (self, job);

  job->final_written = TRUE;
  job->recorded_state = state;
  error = lk_job_get_error (job->job);
  if (lk_job_get_warning (job->job) != NULL)
    _lk_generator_job_add_warning (job, lk_job_get_warning (job->job));
  if (error != NULL)
    g_debug ("Job %" G_GINT64_FORMAT " %s: %s (%s)", job->id, lk_job_state_to_string (state),
             error->message,
             lk_job_get_error_detail (job->job) ? lk_job_get_error_detail (job->job) : "");

  write_state (self, job, lk_job_state_to_string (state), job->recorded_prompt_id,
               error ? error->message : NULL, TRUE, NULL);
}

static void
job_state_cb (LkJob          *job,
              GParamSpec     *pspec,
              LkGeneratorJob *self)
{
  state_changed (self->generator, self);
}

static void
job_prompt_cb (LkJob          *job,
               GParamSpec     *pspec,
               LkGeneratorJob *self)
{
  const char *prompt_id = lk_job_get_prompt_id (job);

  _lk_generator_job_set_prompt_id (self, prompt_id);
  if (self->final_written || g_strcmp0 (prompt_id, self->recorded_prompt_id) == 0)
    return;

  g_free (self->recorded_prompt_id);
  self->recorded_prompt_id = g_strdup (prompt_id);
  write_state (self->generator, self, lk_job_state_to_string (self->recorded_state), prompt_id,
               NULL, FALSE, NULL);
}

static void
job_outputs_cb (GListModel     *outputs,
                guint           position,
                guint           removed,
                guint           added,
                LkGeneratorJob *self)
{
  outputs_added (self->generator, self);
}

/* From now on @job's ComfyUI job is mirrored into its catalog row (whose state and prompt id
 * are job->recorded_state and job->recorded_prompt_id) until its outcome is recorded. */
void
_lk_generator_follow (LkGenerator    *self,
                      LkGeneratorJob *job)
{
  g_assert (LK_IS_GENERATOR (self));
  g_assert (job->job != NULL && job->id > 0 && !job->followed);

  job->followed = TRUE;
  job->generator = self;
  g_hash_table_insert (self->followed, g_memdup2 (&job->id, sizeof job->id), g_object_ref (job));
  g_list_store_append (self->jobs, job);

  job->state_handler = g_signal_connect (job->job, "notify::state", G_CALLBACK (job_state_cb),
                                         job);
  job->prompt_handler = g_signal_connect (job->job, "notify::prompt-id",
                                          G_CALLBACK (job_prompt_cb), job);
  job->outputs_handler = g_signal_connect (lk_job_get_outputs (job->job), "items-changed",
                                           G_CALLBACK (job_outputs_cb), job);

  _lk_generator_job_set_prompt_id (job, lk_job_get_prompt_id (job->job));
  job_prompt_cb (job->job, NULL, job);
  outputs_added (self, job);
  state_changed (self, job);
}

/* The job reached no server (nothing was sent): it is recorded as failed or cancelled. */
void
_lk_generator_fail_unsent (LkGenerator    *self,
                           LkGeneratorJob *job,
                           LkJobState      state,
                           const GError   *error)
{
  g_assert (job->followed);
  g_assert (state == LK_JOB_FAILED || state == LK_JOB_CANCELLED);

  if (job->final_written)
    return;

  job->final_written = TRUE;
  job->recorded_state = state;
  _lk_generator_job_set_error (job, error);
  write_state (self, job, lk_job_state_to_string (state), NULL, error->message, TRUE, NULL);
}

LkGeneratorJob *
_lk_generator_find_followed (LkGenerator *self,
                             gint64       job_id)
{
  return self->followed ? g_hash_table_lookup (self->followed, &job_id) : NULL;
}

void
_lk_generator_track_dispose (LkGenerator *self)
{
  g_autoptr(GPtrArray) jobs = NULL;
  GHashTableIter iter;
  gpointer value;

  if (self->followed == NULL)
    return;

  jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->followed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (jobs, g_object_ref (value));
  for (guint i = 0; i < jobs->len; i++)
    unfollow (self, g_ptr_array_index (jobs, i));

  g_clear_pointer (&self->view_clients, g_hash_table_unref);
}

/* ---- cancel and flush ---------------------------------------------------------------------- */

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_server_pool_cancel_finish (LK_SERVER_POOL (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lk_generator_cancel_async (LkGenerator         *self,
                           LkGeneratorJob      *job,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (LK_IS_GENERATOR_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_cancel_async);

  job->cancel_requested = TRUE;

  /* finished, or not sent yet (the generation in progress sees the request) */
  if (lk_generator_job_is_finished (job) || !job->followed || self->disposed)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  lk_server_pool_cancel_async (self->pool, job->job, cancellable, cancelled_cb,
                               g_steal_pointer (&task));
}

gboolean
lk_generator_cancel_finish (LkGenerator   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_generator_flush_async (LkGenerator         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_GENERATOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_flush_async);

  if (self->pending_writes == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_queue_push_tail (&self->flush_waiters, task);
}

gboolean
lk_generator_flush_finish (LkGenerator   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
