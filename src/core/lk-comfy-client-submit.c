/* lk-comfy-client-submit.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Submitting, cancelling and reconciling jobs on one server. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-client-private.h"
#include "lk-comfy-json.h"
#include "lk-job-private.h"

#define CONNECT_WAIT_S    15
#define MAX_CANCEL_ROUNDS 3

/* ---- submit -------------------------------------------------------------------------- */

typedef struct
{
  LkJob    *job;
  gulong    state_handler;
  guint     timeout_source;
  guint     without_prompt_id : 1;
  guint     sending : 1;        /* counted in n_submitting */
} Submit;

static void
submit_free (Submit *submit)
{
  g_clear_object (&submit->job);
  g_assert (submit->state_handler == 0);
  g_assert (submit->timeout_source == 0);
  g_free (submit);
}

/* The answer to POST /prompt is in (or will never come). The job may be final already: a fast
 * job's messages can overtake the answer. Messages kept for @prompt_id (the id the server
 * chose) are delivered now. */
static void
submit_done_sending (LkComfyClient *self,
                     Submit        *submit,
                     const char    *prompt_id)
{
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, submit->job);

  if (tracked != NULL)
    tracked->submitting = FALSE;

  if (!submit->sending)
    return;

  submit->sending = FALSE;
  self->n_submitting--;

  if (prompt_id != NULL)
    _lk_comfy_client_replay_stash (self, prompt_id);
  if (self->n_submitting == 0)
    g_ptr_array_set_size (self->stash, 0);
}

static JsonNode *
build_prompt_body (LkComfyClient *self,
                   LkJob         *job,
                   gboolean       with_prompt_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) pnginfo = json_object_new ();
  g_autoptr(JsonObject) tag = json_object_new ();
  JsonObject *given = lk_job_get_extra_pnginfo (job);

  if (given != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (given);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (pnginfo, l->data,
                                json_node_ref (json_object_get_member (given, l->data)));
    }

  json_object_set_string_member (tag, "job", lk_job_get_id (job));
  json_object_set_object_member (pnginfo, LK_COMFY_JOB_TAG_KEY, g_steal_pointer (&tag));
  json_object_set_object_member (extra, "extra_pnginfo", g_steal_pointer (&pnginfo));

  json_object_set_object_member (body, "prompt", json_object_ref (lk_job_get_graph (job)));
  json_object_set_string_member (body, "client_id", self->client_id);
  /* newer servers use it, which makes a retried submission safe (409); older ignore it */
  if (with_prompt_id)
    json_object_set_string_member (body, "prompt_id", lk_job_get_id (job));
  json_object_set_object_member (body, "extra_data", g_steal_pointer (&extra));

  return json_node_init_object (json_node_alloc (), body);
}

static void
submit_stop_waiting (LkComfyClient *self,
                     Submit        *submit)
{
  g_clear_signal_handler (&submit->state_handler, self);
  g_clear_handle_id (&submit->timeout_source, g_source_remove);
}

static void
submit_fail (GTask  *task,
             GError *error,
             char   *detail)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);

  submit_done_sending (self, submit, NULL);

  _lk_job_finish_with_error (submit->job, LK_JOB_FAILED, g_error_copy (error), detail);
  g_free (detail);
  g_task_return_error (task, error);
}

/* Nothing reached the server: the job stays pending, free to go to another server. */
static void
submit_not_sent (GTask  *task,
                 GError *error)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);

  submit_done_sending (self, submit, NULL);

  _lk_comfy_client_untrack (self, submit->job);
  _lk_job_set_server_url (submit->job, NULL);
  g_task_return_error (task, error);
}

static void
submit_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Submit *submit = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  LkJobState state;

  _lk_comfy_client_check_job_finish (LK_COMFY_CLIENT (object), result, &error);

  if (_lk_job_get_cancel_requested (submit->job) && !lk_job_is_finished (submit->job))
    lk_comfy_client_cancel_async (LK_COMFY_CLIENT (object), submit->job, NULL, NULL, NULL);

  state = lk_job_get_state (submit->job);
  if (state == LK_JOB_QUEUED || state == LK_JOB_RUNNING || state == LK_JOB_SUCCEEDED)
    g_task_return_boolean (task, TRUE);
  else if (lk_job_get_error (submit->job) != NULL)
    g_task_return_error (task, g_error_copy (lk_job_get_error (submit->job)));
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                             _("The job did not run"));
}

/* The answer was lost, or the server says it has the id already: ask it what it has. */
static void
submit_check (GTask  *task,
              GError *error)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);

  submit_done_sending (self, submit, NULL);

  /* if the server has not got it, the job failed to be sent (it was never queued) */
  _lk_comfy_client_check_job_async (self, submit->job, LK_JOB_FAILED, error, submit_checked_cb,
                                    g_object_ref (task));
}

static void submit_post (GTask *task);

static void
submit_posted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  Submit *submit = g_task_get_task_data (task);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(LkComfyPromptReply) accepted = NULL;
  g_autoptr(GError) error = NULL;
  char *detail = NULL;

  if (!(reply = _lk_comfy_client_request_finish (self, result, &error)))
    {
      if (g_object_get_data (G_OBJECT (result), "refused") != NULL)
        {
          submit_not_sent (task, g_steal_pointer (&error));
          return;
        }

      /* The request may have reached the server: find out. A caller who gave up waiting
       * still does not want the job to run. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_job_set_cancel_requested (submit->job, TRUE);
      submit_check (task, g_steal_pointer (&error));
      return;
    }

  if (reply->status == SOUP_STATUS_CONFLICT)
    {
      submit_check (task, lk_comfy_error_from_prompt_reply (reply->status, reply->json,
                                                            lk_job_get_graph (submit->job),
                                                            NULL));
      return;
    }

  if (reply->status == SOUP_STATUS_BAD_REQUEST && !submit->without_prompt_id && reply->json
      && JSON_NODE_HOLDS_OBJECT (reply->json))
    {
      JsonObject *top = lk_comfy_json_get_object (json_node_get_object (reply->json), "error");

      if (g_strcmp0 (lk_comfy_json_get_string (top, "type"), "invalid_prompt_id") == 0)
        {
          submit->without_prompt_id = TRUE;
          submit_post (g_steal_pointer (&task));
          return;
        }
    }

  if (reply->status != SOUP_STATUS_OK)
    {
      error = lk_comfy_error_from_prompt_reply (reply->status, reply->json,
                                                lk_job_get_graph (submit->job), &detail);
      if (detail == NULL && reply->body != NULL)
        detail = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));

      /* the server's lists are not what we thought they were */
      if (error->code == LK_COMFY_ERROR_MISSING_MODEL || error->code == LK_COMFY_ERROR_MISSING_NODE)
        lk_comfy_client_invalidate_object_info (self);

      submit_fail (task, g_steal_pointer (&error), detail);
      return;
    }

  if (reply->json == NULL || !(accepted = lk_comfy_prompt_reply_parse (reply->json, &error)))
    {
      if (error == NULL)
        error = g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                             _("The server’s answer to %s is not JSON"), "/prompt");
      submit_check (task, g_steal_pointer (&error));
      return;
    }

  _lk_comfy_client_rekey (self, submit->job, accepted->prompt_id);
  _lk_job_mark_submitted (submit->job);
  submit_done_sending (self, submit, accepted->prompt_id);

  if (accepted->node_errors != NULL)
    {
      g_autoptr(GError) dropped = NULL;

      dropped = lk_comfy_error_from_node_errors (accepted->node_errors,
                                                 lk_job_get_graph (submit->job), NULL);
      if (dropped != NULL)
        {
          g_autofree char *warning = g_strdup_printf (_("Some outputs were dropped: %s"),
                                                      dropped->message);

          _lk_job_set_warning (submit->job, warning);
        }
    }

  g_task_return_boolean (task, TRUE);

  /* cancelled while the answer was on its way */
  if (_lk_job_get_cancel_requested (submit->job) && !lk_job_is_finished (submit->job))
    lk_comfy_client_cancel_async (self, submit->job, NULL, NULL, NULL);
}

static void
submit_post (GTask *task)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;

  submit_stop_waiting (self, submit);

  body = build_prompt_body (self, submit->job, !submit->without_prompt_id);
  _lk_comfy_client_request_async (self, "POST", "/prompt", NULL, body,
                                  g_task_get_cancellable (task), submit_posted_cb, task);
}

static void
submit_unreachable (GTask *task)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Submit *submit = g_task_get_task_data (task);

  submit_stop_waiting (self, submit);

  if (self->last_error != NULL)
    submit_not_sent (task, g_error_copy (self->last_error));
  else
    submit_not_sent (task, g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                                        _("Could not reach ComfyUI at %s"), self->url));
}

static void
submit_state_cb (LkComfyClient *self,
                 GParamSpec    *pspec,
                 GTask         *task)
{
  if (self->state == LK_COMFY_SERVER_ONLINE)
    submit_post (task);
  else if (self->state == LK_COMFY_SERVER_OFFLINE || self->state == LK_COMFY_SERVER_DISCONNECTED)
    {
      submit_unreachable (task);
      g_object_unref (task);
    }
}

static gboolean
submit_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Submit *submit = g_task_get_task_data (task);

  submit->timeout_source = 0;
  submit_unreachable (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/**
 * lk_comfy_client_submit_async:
 * @self: a #LkComfyClient
 * @job: a pending job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the server has queued the job or refused it
 * @user_data: data for @callback
 *
 * Sends @job's graph with `POST /prompt`, with this client's `client_id`, the job id as
 * `prompt_id`, and the job id as a tag in `extra_pnginfo`. The client connects first if needed.
 * From then on the client follows the job until it is final: state, progress, outputs.
 *
 * A refusal (HTTP 400) fails the job with the server's reasons in plain words. If the answer
 * is lost, the server is asked whether it has the job before anything is decided. If the
 * server cannot be reached at all (%LK_COMFY_ERROR_UNREACHABLE before anything was sent), the
 * job stays pending and may be sent to another server.
 */
void
lk_comfy_client_submit_async (LkComfyClient       *self,
                              LkJob               *job,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LkTrackedJob *tracked;
  Submit *submit;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  g_return_if_fail (LK_IS_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_submit_async);

  if (lk_job_get_state (job) != LK_JOB_PENDING || lk_job_get_graph (job) == NULL
      || _lk_comfy_client_lookup (self, job) != NULL
      || (lk_job_get_server_url (job) != NULL
          && g_strcmp0 (lk_job_get_server_url (job), self->url) != 0))
    {
      g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_BUSY,
                               _("This job was sent already"));
      return;
    }

  if (_lk_job_get_cancel_requested (job))
    {
      _lk_job_finish_with_error (job, LK_JOB_CANCELLED, NULL, NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The job was cancelled"));
      return;
    }

  submit = g_new0 (Submit, 1);
  submit->job = g_object_ref (job);
  g_task_set_task_data (task, submit, (GDestroyNotify) submit_free);

  _lk_job_set_server_url (job, self->url);
  tracked = _lk_comfy_client_track (self, job, FALSE);
  tracked->submitting = TRUE;
  submit->sending = TRUE;
  self->n_submitting++;

  /* the socket must be open first, or the server drops the job's messages */
  if (self->state == LK_COMFY_SERVER_ONLINE)
    {
      submit_post (g_steal_pointer (&task));
      return;
    }

  if (!self->active)
    lk_comfy_client_connect (self);
  else
    _lk_comfy_client_socket_retry_now (self);

  if (self->state == LK_COMFY_SERVER_ONLINE)
    {
      submit_post (g_steal_pointer (&task));
      return;
    }

  submit->state_handler = g_signal_connect (self, "notify::state", G_CALLBACK (submit_state_cb),
                                            task);
  submit->timeout_source = g_timeout_add_seconds (CONNECT_WAIT_S, submit_timeout_cb, task);
  g_steal_pointer (&task);
}

/**
 * lk_comfy_client_submit_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the server queued the job (or, after a lost answer, has it); otherwise
 *   the job is failed with the same error, or still pending if nothing reached the server
 */
gboolean
lk_comfy_client_submit_finish (LkComfyClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- cancel -------------------------------------------------------------------------- */

typedef struct
{
  LkJob *job;
  guint  rounds;
  guint  deleted : 1;
} Cancel;

static void
cancel_free (Cancel *cancel)
{
  g_clear_object (&cancel->job);
  g_free (cancel);
}

static void cancel_round (GTask *task);

static void
cancel_posted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  Cancel *cancel = g_task_get_task_data (task);

  if (!(reply = _lk_comfy_client_request_finish (LK_COMFY_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (reply->status != SOUP_STATUS_OK)
    {
      g_task_return_error (task, lk_comfy_error_from_http_status (reply->status, "/queue"));
      return;
    }

  /* after a delete: see whether it is gone, or was taken by the worker meanwhile */
  if (cancel->deleted)
    cancel_round (g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);
}

static void
cancel_history_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  Cancel *cancel = g_task_get_task_data (task);

  entry = lk_comfy_client_get_history_finish (LK_COMFY_CLIENT (object), result, NULL);
  if (entry != NULL)
    _lk_job_apply_history (cancel->job, entry);   /* it finished first */
  else
    _lk_job_finish_with_error (cancel->job, LK_JOB_CANCELLED, NULL, NULL);

  g_task_return_boolean (task, TRUE);
}

static void
cancel_queue_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  Cancel *cancel = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *prompt_id = lk_job_get_prompt_id (cancel->job);
  g_autoptr(LkComfyQueue) queue = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  int position;

  if (!(queue = lk_comfy_client_get_queue_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  position = lk_comfy_queue_position (queue, prompt_id, NULL, NULL);

  if (position < 0)
    {
      lk_comfy_client_get_history_async (self, prompt_id, cancellable,
                                         cancel_history_cb, g_steal_pointer (&task));
      return;
    }

  if (position == 0)
    {
      /* only this prompt: servers since 2025-09 ignore the call if another one runs */
      cancel->deleted = FALSE;
      json_object_set_string_member (body, "prompt_id", prompt_id);
      root = json_node_init_object (json_node_alloc (), body);
      _lk_comfy_client_request_async (self, "POST", "/interrupt", NULL, root,
                                      cancellable, cancel_posted_cb,
                                      g_steal_pointer (&task));
      return;
    }

  if (++cancel->rounds > MAX_CANCEL_ROUNDS)
    {
      g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP,
                               _("The server did not remove the job from its queue"));
      return;
    }

  {
    g_autoptr(JsonArray) ids = json_array_new ();

    json_array_add_string_element (ids, prompt_id);
    json_object_set_array_member (body, "delete", g_steal_pointer (&ids));
  }
  cancel->deleted = TRUE;
  root = json_node_init_object (json_node_alloc (), body);
  _lk_comfy_client_request_async (self, "POST", "/queue", NULL, root,
                                  cancellable, cancel_posted_cb,
                                  g_steal_pointer (&task));
}

static void
cancel_round (GTask *task)
{
  LkComfyClient *self = g_task_get_source_object (task);

  lk_comfy_client_get_queue_async (self, g_task_get_cancellable (task), cancel_queue_cb, task);
}

/**
 * lk_comfy_client_cancel_async:
 * @self: a #LkComfyClient
 * @job: a job of this client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called once the server was told
 * @user_data: data for @callback
 *
 * Cancels @job. A job still waiting is deleted from the queue (`POST /queue`); the running one
 * is interrupted (`POST /interrupt` with its prompt id), but only after `/queue` says it is the
 * one running, since older servers interrupt whatever runs. An interrupted job becomes
 * cancelled when the server reports the interrupt. A job that finished first keeps its
 * result; one not sent yet is cancelled at once.
 */
void
lk_comfy_client_cancel_async (LkComfyClient       *self,
                              LkJob               *job,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LkTrackedJob *tracked;
  Cancel *cancel;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  g_return_if_fail (LK_IS_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_cancel_async);

  if (lk_job_is_finished (job))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  _lk_job_set_cancel_requested (job, TRUE);
  tracked = _lk_comfy_client_lookup (self, job);

  if (tracked == NULL && lk_job_get_state (job) == LK_JOB_PENDING)
    {
      _lk_job_finish_with_error (job, LK_JOB_CANCELLED, NULL, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* the answer to POST /prompt will see the request and come back here */
  if (tracked != NULL && tracked->submitting)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancel = g_new0 (Cancel, 1);
  cancel->job = g_object_ref (job);
  g_task_set_task_data (task, cancel, (GDestroyNotify) cancel_free);
  cancel_round (g_steal_pointer (&task));
}

/**
 * lk_comfy_client_cancel_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the server was told (or nothing was needed)
 */
gboolean
lk_comfy_client_cancel_finish (LkComfyClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- reconcile ----------------------------------------------------------------------- */

static void
reconcile_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_lk_comfy_client_check_job_finish (LK_COMFY_CLIENT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (job), g_object_unref);
}

/**
 * lk_comfy_client_reconcile_async:
 * @self: a #LkComfyClient
 * @prompt_id: the prompt id (or the job id) recorded when the job was sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the job as the server knows it
 * @user_data: data for @callback
 *
 * Finds out what became of a job sent earlier, typically by a Lorakeet that was closed or
 * killed before the server answered. The server is asked by prompt id and, for servers that
 * chose their own id, by the job tag. The resulting job is final (succeeded with its outputs,
 * failed, cancelled, or lost if the server never got it or forgot it), or queued/running and
 * followed from then on by polling, since its messages go to the client id that sent it.
 */
void
lk_comfy_client_reconcile_async (LkComfyClient       *self,
                                 const char          *prompt_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LkJob) job = NULL;
  LkJob *existing;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  g_return_if_fail (prompt_id != NULL && *prompt_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_reconcile_async);

  if ((existing = lk_comfy_client_find_job (self, prompt_id)))
    {
      g_task_return_pointer (task, g_object_ref (existing), g_object_unref);
      return;
    }

  job = lk_job_new_for_prompt (prompt_id, self->url);
  g_task_set_task_data (task, g_object_ref (job), g_object_unref);
  _lk_comfy_client_track (self, job, TRUE);

  _lk_comfy_client_check_job_async (self, job, LK_JOB_LOST,
                                    g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_LOST,
                                                 _("ComfyUI at %s does not know this job: it "
                                                   "never arrived, or the server restarted. "
                                                   "Generate it again."), self->url),
                                    reconcile_checked_cb, g_steal_pointer (&task));
}

/**
 * lk_comfy_client_reconcile_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError; set only when the server could not be asked
 *
 * Returns: (transfer full) (nullable): the job
 */
LkJob *
lk_comfy_client_reconcile_finish (LkComfyClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
