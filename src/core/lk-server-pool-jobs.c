/* lk-server-pool-jobs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sending jobs through LkServerPool. Each job goes to the reachable server with the shortest
 * queue; a server that is down is skipped, and its client keeps retrying with backoff in the
 * background. Submissions go out one at a time: a job's place in a server's queue is known
 * (the client follows it) before the next job is placed, so a burst of jobs spreads over the
 * servers. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-job-private.h"
#include "lk-server-pool-private.h"

#define WAIT_FOR_SERVER_S 15

typedef struct
{
  LkJob      *job;
  GHashTable *tried;        /* clients that could not be reached for this job */
} PoolSubmit;

static void
pool_submit_free (PoolSubmit *submit)
{
  g_clear_object (&submit->job);
  g_clear_pointer (&submit->tried, g_hash_table_unref);
  g_free (submit);
}

/* What a server has to do before a new job runs: the server's own count (every client's jobs)
 * or, when our own jobs there are more than its last status said, those. */
static guint
queue_estimate (LkComfyClient *client)
{
  int remaining = lk_comfy_client_get_queue_remaining (client);
  guint ours = lk_comfy_client_get_n_active_jobs (client);

  return MAX ((guint) MAX (remaining, 0), ours);
}

static LkComfyClient *
pick_excluding (LkServerPool *self,
                GHashTable   *exclude)
{
  LkComfyClient *best = NULL;
  guint best_queue = G_MAXUINT;

  for (guint i = 0; i < self->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (self->clients, i);
      guint queue;

      if (lk_comfy_client_get_state (client) != LK_COMFY_SERVER_ONLINE)
        continue;
      if (exclude != NULL && g_hash_table_contains (exclude, client))
        continue;

      queue = queue_estimate (client);
      if (queue < best_queue)
        {
          best = client;
          best_queue = queue;
        }
    }

  return best;
}

/**
 * lk_server_pool_pick:
 * @self: a #LkServerPool
 *
 * Returns: (transfer none) (nullable): the online server with the shortest queue (the first
 *   listed among equals), or %NULL if none is online
 */
LkComfyClient *
lk_server_pool_pick (LkServerPool *self)
{
  g_return_val_if_fail (LK_IS_SERVER_POOL (self), NULL);

  return pick_excluding (self, NULL);
}

static gboolean
any_trying (LkServerPool *self,
            GHashTable   *exclude)
{
  for (guint i = 0; i < self->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (self->clients, i);
      LkComfyServerState state = lk_comfy_client_get_state (client);

      if (g_hash_table_contains (exclude, client))
        continue;
      if (state == LK_COMFY_SERVER_CONNECTING || state == LK_COMFY_SERVER_RESTARTING)
        return TRUE;
    }

  return FALSE;
}

static GError *
no_server_error (LkServerPool *self)
{
  g_autoptr(GString) urls = g_string_new (NULL);

  if (self->clients->len == 0)
    return g_error_new_literal (LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER,
                                _("No ComfyUI server is configured"));

  for (guint i = 0; i < self->clients->len; i++)
    {
      if (i > 0)
        g_string_append (urls, ", ");
      g_string_append (urls, lk_comfy_client_get_url (g_ptr_array_index (self->clients, i)));
    }

  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER,
                      _("No ComfyUI server can be reached (tried %s)"), urls->str);
}

static void
finish_current (LkServerPool *self,
                LkComfyClient *client,
                GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->current);

  g_clear_handle_id (&self->wait_source, g_source_remove);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (client), g_object_unref);

  _lk_server_pool_process_next (self);
}

static void
pool_submitted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkServerPool) self = user_data;
  LkComfyClient *client = LK_COMFY_CLIENT (object);
  PoolSubmit *submit;
  g_autoptr(GError) error = NULL;

  if (self->current == NULL)
    return;

  submit = g_task_get_task_data (self->current);

  if (lk_comfy_client_submit_finish (client, result, &error))
    {
      finish_current (self, client, NULL);
      return;
    }

  /* nothing was sent: try the next server */
  if (g_error_matches (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE)
      && lk_job_get_state (submit->job) == LK_JOB_PENDING
      && lk_job_get_server_url (submit->job) == NULL)
    {
      GTask *task = g_steal_pointer (&self->current);

      g_hash_table_add (submit->tried, client);
      g_queue_push_head (&self->waiting, task);
      _lk_server_pool_process_next (self);
      return;
    }

  finish_current (self, NULL, g_steal_pointer (&error));
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  LkServerPool *self = user_data;
  GTask *task;

  self->wait_source = 0;
  if ((task = g_queue_pop_head (&self->waiting)))
    {
      self->current = task;
      finish_current (self, NULL, no_server_error (self));
    }

  return G_SOURCE_REMOVE;
}

void
_lk_server_pool_process_next (LkServerPool *self)
{
  LkComfyClient *client;
  PoolSubmit *submit;
  GTask *task;

  if (self->current != NULL || !(task = g_queue_peek_head (&self->waiting)))
    return;

  submit = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (g_queue_pop_head (&self->waiting));
      _lk_server_pool_process_next (self);
      return;
    }

  if ((client = pick_excluding (self, submit->tried)))
    {
      self->current = g_queue_pop_head (&self->waiting);
      g_clear_handle_id (&self->wait_source, g_source_remove);
      lk_comfy_client_submit_async (client, submit->job, g_task_get_cancellable (task),
                                    pool_submitted_cb, g_object_ref (self));
      return;
    }

  /* none online: ask the others to try now, and wait for one of them */
  if (self->wait_source == 0)
    {
      for (guint i = 0; i < self->clients->len; i++)
        {
          LkComfyClient *other = g_ptr_array_index (self->clients, i);

          if (!g_hash_table_contains (submit->tried, other))
            lk_comfy_client_retry (other);
        }
    }

  if (!any_trying (self, submit->tried))
    {
      self->current = g_queue_pop_head (&self->waiting);
      finish_current (self, NULL, no_server_error (self));
      return;
    }

  if (self->wait_source == 0)
    self->wait_source = g_timeout_add_seconds (WAIT_FOR_SERVER_S, wait_timeout_cb, self);
}

/**
 * lk_server_pool_submit_async:
 * @self: a #LkServerPool
 * @job: a pending job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once a server queued the job, or none could
 * @user_data: data for @callback
 *
 * Sends @job to the online server with the shortest queue. A server that cannot be reached is
 * skipped and the next one tried; if none is online yet, the pool waits up to 15 seconds for
 * one to connect. Jobs are placed one after another, in the order of the calls.
 */
void
lk_server_pool_submit_async (LkServerPool        *self,
                             LkJob               *job,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  PoolSubmit *submit;

  g_return_if_fail (LK_IS_SERVER_POOL (self));
  g_return_if_fail (LK_IS_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_server_pool_submit_async);

  submit = g_new0 (PoolSubmit, 1);
  submit->job = g_object_ref (job);
  submit->tried = g_hash_table_new (NULL, NULL);
  g_task_set_task_data (task, submit, (GDestroyNotify) pool_submit_free);

  g_queue_push_tail (&self->waiting, task);
  _lk_server_pool_process_next (self);
}

/**
 * lk_server_pool_submit_finish:
 * @self: a #LkServerPool
 * @result: the result
 * @error: return location for a #GError; %LK_COMFY_ERROR_NO_SERVER when no server could be
 *   reached (the job is then still pending)
 *
 * Returns: (transfer full) (nullable): the client of the server that has the job
 */
LkComfyClient *
lk_server_pool_submit_finish (LkServerPool  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_SERVER_POOL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pool_cancelled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_comfy_client_cancel_finish (LK_COMFY_CLIENT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lk_server_pool_cancel_async:
 * @self: a #LkServerPool
 * @job: a job sent through the pool (or waiting to be)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called once done
 * @user_data: data for @callback
 *
 * Cancels @job on its server (see lk_comfy_client_cancel_async()), or at once if it is still
 * waiting for a server.
 */
void
lk_server_pool_cancel_async (LkServerPool        *self,
                             LkJob               *job,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LkComfyClient *client = NULL;
  const char *url;

  g_return_if_fail (LK_IS_SERVER_POOL (self));
  g_return_if_fail (LK_IS_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_server_pool_cancel_async);

  url = lk_job_get_server_url (job);
  if (url != NULL && !(client = lk_server_pool_find (self, url)))
    client = g_hash_table_lookup (self->extra, url);

  if (client != NULL)
    {
      lk_comfy_client_cancel_async (client, job, cancellable, pool_cancelled_cb,
                                    g_steal_pointer (&task));
      return;
    }

  /* still waiting for a server: it will not be sent */
  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    {
      PoolSubmit *submit = g_task_get_task_data (l->data);

      if (submit->job == job)
        {
          GTask *waiting = l->data;

          g_queue_delete_link (&self->waiting, l);
          g_task_return_new_error (waiting, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The job was cancelled"));
          g_object_unref (waiting);
          break;
        }
    }

  _lk_job_set_cancel_requested (job, TRUE);
  if (lk_job_get_state (job) == LK_JOB_PENDING && lk_job_get_server_url (job) == NULL)
    _lk_job_finish_with_error (job, LK_JOB_CANCELLED, NULL, NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * lk_server_pool_cancel_finish:
 * @self: a #LkServerPool
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the job is cancelled or the server was told
 */
gboolean
lk_server_pool_cancel_finish (LkServerPool  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_SERVER_POOL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pool_reconciled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LkJob *job;

  if (!(job = lk_comfy_client_reconcile_finish (LK_COMFY_CLIENT (object), result, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, job, g_object_unref);
}

/**
 * lk_server_pool_reconcile_async:
 * @self: a #LkServerPool
 * @server_url: the server the job was sent to (it need not be listed any more)
 * @prompt_id: the prompt or job id recorded
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the job
 * @user_data: data for @callback
 *
 * lk_comfy_client_reconcile_async() on @server_url's client.
 */
void
lk_server_pool_reconcile_async (LkServerPool        *self,
                                const char          *server_url,
                                const char          *prompt_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LkComfyClient *client;

  g_return_if_fail (LK_IS_SERVER_POOL (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (prompt_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_server_pool_reconcile_async);

  if (!(client = lk_server_pool_find (self, server_url))
      && !(client = g_hash_table_lookup (self->extra, server_url)))
    {
      if (!(client = _lk_server_pool_make_client (self, server_url, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_signal_handlers_disconnect_by_data (client, self);
      g_hash_table_insert (self->extra, g_strdup (server_url), client);
    }

  lk_comfy_client_reconcile_async (client, prompt_id, cancellable, pool_reconciled_cb,
                                   g_steal_pointer (&task));
}

/**
 * lk_server_pool_reconcile_finish:
 * @self: a #LkServerPool
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the job, as the server knows it
 */
LkJob *
lk_server_pool_reconcile_finish (LkServerPool  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LK_IS_SERVER_POOL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
