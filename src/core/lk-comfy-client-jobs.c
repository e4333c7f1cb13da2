/* lk-comfy-client-jobs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Jobs on one server: submitting them, routing the server's messages to them, finishing them
 * from the history, and finding them again.
 *
 * "Checking" a job asks the server what became of it, in an order that cannot miss it: its
 * history entry; else the queue; else the history again (it may have finished in between);
 * else, for a job whose server-side id was never learnt, the recent history by the job tag
 * Lorakeet puts in `extra_pnginfo`. Only then is it lost. A check runs after every reconnect,
 * when the socket has been silent too long, and for jobs another client id submitted (their
 * messages never reach this socket) whenever the queue changes.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-client-private.h"
#include "lk-comfy-json.h"
#include "lk-job-private.h"

#define MAX_STASH              1024
#define HISTORY_RETRIES        6
#define HISTORY_RETRY_MS       50
#define CONNECT_WAIT_S         15
#define TAG_SEARCH_ITEMS       "100"
#define MAX_CANCEL_ROUNDS      3


static void
tracked_free (gpointer data)
{
  LkTrackedJob *tracked = data;

  g_clear_object (&tracked->job);
  g_free (tracked);
}

void
_lk_comfy_client_jobs_init (LkComfyClient *self)
{
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tracked_free);
  self->job_list = g_list_store_new (LK_TYPE_JOB);
  self->stash = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_comfy_event_unref);
}

LkTrackedJob *
_lk_comfy_client_lookup (LkComfyClient *self,
                         LkJob         *job)
{
  LkTrackedJob *tracked = g_hash_table_lookup (self->jobs, lk_job_get_prompt_id (job));

  return tracked != NULL && tracked->job == job ? tracked : NULL;
}

void
_lk_comfy_client_untrack (LkComfyClient *self,
                          LkJob         *job)
{
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, job);
  guint position;

  g_signal_handlers_disconnect_by_data (job, self);
  if (g_list_store_find (self->job_list, job, &position))
    g_list_store_remove (self->job_list, position);
  if (tracked != NULL)
    g_hash_table_remove (self->jobs, lk_job_get_prompt_id (job));
}

static void
job_state_cb (LkJob         *job,
              GParamSpec    *pspec,
              LkComfyClient *self)
{
  if (lk_job_is_finished (job))
    _lk_comfy_client_untrack (self, job);
}

LkTrackedJob *
_lk_comfy_client_track (LkComfyClient *self,
                        LkJob         *job,
                        gboolean       polled)
{
  LkTrackedJob *tracked = g_new0 (LkTrackedJob, 1);

  tracked->job = g_object_ref (job);
  tracked->polled = !!polled;
  g_hash_table_replace (self->jobs, g_strdup (lk_job_get_prompt_id (job)), tracked);
  g_list_store_append (self->job_list, job);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), self);

  return tracked;
}

/* The server uses another id than the one asked for (older servers choose their own). */
void
_lk_comfy_client_rekey (LkComfyClient *self,
                        LkJob         *job,
                        const char    *prompt_id)
{
  gpointer key = NULL;
  gpointer value = NULL;

  if (g_strcmp0 (lk_job_get_prompt_id (job), prompt_id) == 0)
    return;

  if (g_hash_table_contains (self->jobs, prompt_id))
    {
      g_warning ("%s: two jobs claim prompt %s", self->url, prompt_id);
      return;
    }

  if (_lk_comfy_client_lookup (self, job) != NULL
      && g_hash_table_steal_extended (self->jobs, lk_job_get_prompt_id (job), &key, &value))
    {
      g_free (key);
      g_hash_table_insert (self->jobs, g_strdup (prompt_id), value);
    }

  _lk_job_set_prompt_id (job, prompt_id);
}

void
_lk_comfy_client_jobs_dispose (LkComfyClient *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->jobs == NULL)
    return;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_signal_handlers_disconnect_by_data (((LkTrackedJob *) value)->job, self);

  g_hash_table_remove_all (self->jobs);
  g_list_store_remove_all (self->job_list);
  g_ptr_array_set_size (self->stash, 0);
}

gboolean
_lk_comfy_client_has_live_jobs (LkComfyClient *self)
{
  return g_hash_table_size (self->jobs) > 0;
}

static GPtrArray *
snapshot_jobs (LkComfyClient *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (jobs, g_object_ref (((LkTrackedJob *) value)->job));

  return jobs;
}

/* ---- finishing from the history ------------------------------------------------------ */

typedef struct
{
  LkComfyClient *self;
  LkJob         *job;
  guint          attempt;
} Finish;

static void
finish_free (Finish *finish)
{
  g_clear_object (&finish->self);
  g_clear_object (&finish->job);
  g_free (finish);
}

static void fetch_final_history (Finish *finish);

static gboolean
retry_final_history_cb (gpointer user_data)
{
  fetch_final_history (user_data);
  return G_SOURCE_REMOVE;
}

static void
final_history_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Finish *finish = user_data;
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = lk_comfy_client_get_history_finish (finish->self, result, &error);

  if (entry != NULL)
    _lk_job_apply_history (finish->job, entry);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
           && ++finish->attempt < HISTORY_RETRIES)
    {
      /* the end marker follows the history write; a proxy may still reorder them */
      g_timeout_add (HISTORY_RETRY_MS << finish->attempt, retry_final_history_cb, finish);
      return;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("No history for %s: %s", lk_job_get_prompt_id (finish->job), error->message);
      _lk_job_finish_from_events (finish->job);
    }

  finish_free (finish);
}

static void
fetch_final_history (Finish *finish)
{
  lk_comfy_client_get_history_async (finish->self, lk_job_get_prompt_id (finish->job),
                                     finish->self->cancellable, final_history_cb, finish);
}

static void
finish_job (LkComfyClient *self,
            LkJob         *job)
{
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, job);
  Finish *finish;

  if (tracked == NULL || tracked->finishing)
    return;

  tracked->finishing = TRUE;
  finish = g_new0 (Finish, 1);
  finish->self = g_object_ref (self);
  finish->job = g_object_ref (job);
  fetch_final_history (finish);
}

/* ---- messages -------------------------------------------------------------------------- */

static void
deliver (LkComfyClient *self,
         LkComfyEvent  *event,
         const char    *prompt_id)
{
  g_autoptr(LkJob) job = NULL;
  LkTrackedJob *tracked;

  tracked = g_hash_table_lookup (self->jobs, prompt_id);
  if (tracked == NULL)
    {
      /* a message can overtake the answer to POST /prompt on a server that chose its own id */
      if (self->n_submitting > 0 && event->prompt_id != NULL && self->stash->len < MAX_STASH)
        g_ptr_array_add (self->stash, lk_comfy_event_ref (event));
      return;
    }

  job = g_object_ref (tracked->job);
  _lk_job_handle_event (job, event);

  if (lk_comfy_event_is_end_marker (event))
    finish_job (self, job);
}

static gboolean
poll_cb (gpointer user_data)
{
  LkComfyClient *self = user_data;

  self->poll_source = 0;
  _lk_comfy_client_recover_all (self, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
has_polled_jobs (LkComfyClient *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (((LkTrackedJob *) value)->polled)
        return TRUE;
    }

  return FALSE;
}

void
_lk_comfy_client_dispatch_event (LkComfyClient *self,
                                 LkComfyEvent  *event)
{
  const char *prompt_id = event->prompt_id;

  g_assert (LK_IS_COMFY_CLIENT (self));

  g_signal_emit (self, _lk_comfy_client_signals[CLIENT_SIGNAL_EVENT], 0, event);

  switch (event->type)
    {
    case LK_COMFY_EVENT_STATUS:
      if (event->queue_remaining >= 0)
        _lk_comfy_client_set_queue_remaining (self, event->queue_remaining);
      /* the queue changed: jobs whose messages go elsewhere may have moved */
      if (self->poll_source == 0 && has_polled_jobs (self))
        self->poll_source = g_timeout_add (100, poll_cb, self);
      return;

    case LK_COMFY_EVENT_EXECUTING:
      if (event->node != NULL && event->prompt_id != NULL)
        {
          g_free (self->running_prompt_id);
          self->running_prompt_id = g_strdup (event->prompt_id);
        }
      else if (event->node == NULL && g_strcmp0 (event->prompt_id, self->running_prompt_id) == 0)
        g_clear_pointer (&self->running_prompt_id, g_free);
      break;

    default:
      break;
    }

  /* previews without metadata, and messages of older servers, name no prompt: they belong to
   * the prompt running now */
  if (prompt_id == NULL && (event->type == LK_COMFY_EVENT_PREVIEW
                            || event->type == LK_COMFY_EVENT_PROGRESS
                            || event->type == LK_COMFY_EVENT_PROGRESS_TEXT))
    prompt_id = self->running_prompt_id;

  if (prompt_id != NULL)
    deliver (self, event, prompt_id);
}

void
_lk_comfy_client_replay_stash (LkComfyClient *self,
                               const char    *prompt_id)
{
  g_autoptr(GPtrArray) stash = NULL;

  if (self->stash->len == 0)
    return;

  stash = g_steal_pointer (&self->stash);
  self->stash = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_comfy_event_unref);

  for (guint i = 0; i < stash->len; i++)
    {
      LkComfyEvent *event = g_ptr_array_index (stash, i);

      if (g_strcmp0 (event->prompt_id, prompt_id) == 0)
        deliver (self, event, prompt_id);
      else if (self->n_submitting > 0)
        g_ptr_array_add (self->stash, lk_comfy_event_ref (event));
    }
}

/* ---- checking a job against the server ---------------------------------------------- */

typedef struct
{
  LkJob      *job;
  GError     *not_found;        /* how the job ends when the server does not know it */
  LkJobState  not_found_state;
  guint       step;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->job);
  g_clear_error (&check->not_found);
  g_free (check);
}

static void
check_done (GTask *task)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, check->job);

  if (tracked != NULL)
    {
      tracked->checking = FALSE;
      if (tracked->recheck)
        {
          tracked->recheck = FALSE;
          _lk_comfy_client_check_job_async (self, check->job, LK_JOB_LOST, NULL, NULL, NULL);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
check_failed (GTask  *task,
              GError *error)
{
  LkComfyClient *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, check->job);

  if (tracked != NULL)
    tracked->checking = FALSE;

  /* An unreachable server while the socket seems open: the socket is dead. Closing it makes
   * the reconnect loop take over, which checks again once the server answers. */
  if (g_error_matches (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE) && self->ws != NULL)
    soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);

  g_task_return_error (task, error);
}

static void check_history_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
check_tag_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  Check *check = g_task_get_task_data (task);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  LkComfyHistoryEntry *entry = NULL;

  if (!(reply = _lk_comfy_client_request_finish (self, result, &error)))
    {
      check_failed (task, g_steal_pointer (&error));
      return;
    }

  if (reply->status == SOUP_STATUS_OK && reply->json != NULL
      && (entries = lk_comfy_history_parse (reply->json, NULL)))
    entry = lk_comfy_history_find (entries, NULL, lk_job_get_id (check->job));

  if (entry != NULL)
    {
      _lk_comfy_client_rekey (self, check->job, entry->prompt_id);
      _lk_job_apply_history (check->job, entry);
    }
  else
    {
      _lk_job_finish_with_error (check->job, check->not_found_state, g_steal_pointer (&check->not_found),
                                 NULL);
    }

  check_done (task);
}

static void
check_queue_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  Check *check = g_task_get_task_data (task);
  g_autoptr(LkComfyQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  const char *found_id = NULL;
  const char *tag;
  int position;

  if (!(queue = lk_comfy_client_get_queue_finish (self, result, &error)))
    {
      check_failed (task, g_steal_pointer (&error));
      return;
    }

  /* the tag only helps while the job is known by its own id */
  tag = g_str_equal (lk_job_get_id (check->job), lk_job_get_prompt_id (check->job))
        ? lk_job_get_id (check->job) : NULL;
  position = lk_comfy_queue_position (queue, lk_job_get_prompt_id (check->job), tag, &found_id);

  if (position >= 0)
    {
      _lk_comfy_client_rekey (self, check->job, found_id);
      _lk_job_mark_submitted (check->job);
      _lk_job_set_queue_position (check->job, position);
      check_done (task);
      return;
    }

  /* finished between the two requests? */
  check->step++;
  lk_comfy_client_get_history_async (self, lk_job_get_prompt_id (check->job),
                                     self->cancellable, check_history_cb, g_object_ref (task));
}

static void
check_history_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  Check *check = g_task_get_task_data (task);
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = lk_comfy_client_get_history_finish (self, result, &error);
  if (entry != NULL)
    {
      _lk_job_apply_history (check->job, entry);
      check_done (task);
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      check_failed (task, g_steal_pointer (&error));
      return;
    }

  if (check->step == 0)
    {
      lk_comfy_client_get_queue_async (self, self->cancellable, check_queue_cb,
                                       g_object_ref (task));
      return;
    }

  if (g_str_equal (lk_job_get_id (check->job), lk_job_get_prompt_id (check->job)))
    {
      _lk_comfy_client_request_async (self, "GET", "/history", "max_items=" TAG_SEARCH_ITEMS,
                                      NULL, self->cancellable, check_tag_cb,
                                      g_object_ref (task));
      return;
    }

  _lk_job_finish_with_error (check->job, check->not_found_state, g_steal_pointer (&check->not_found), NULL);
  check_done (task);
}

static GError *
lost_error (LkComfyClient *self)
{
  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_LOST,
                      _("ComfyUI at %s no longer knows this job; it probably restarted. "
                        "Generate it again."), self->url);
}

/* Asks the server what became of @job and updates it. When the server does not know it, the
 * job ends in @not_found_state with @not_found (transfer full; NULL: "it probably restarted").
 * The callback runs once the job is updated; an error means the server could not be asked. */
void
_lk_comfy_client_check_job_async (LkComfyClient       *self,
                                  LkJob               *job,
                                  LkJobState           not_found_state,
                                  GError              *not_found,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  LkTrackedJob *tracked = _lk_comfy_client_lookup (self, job);
  GTask *task;
  Check *check;

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, _lk_comfy_client_check_job_async);

  if (tracked != NULL && tracked->checking)
    {
      tracked->recheck = TRUE;
      g_clear_error (&not_found);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (tracked != NULL)
    tracked->checking = TRUE;

  check = g_new0 (Check, 1);
  check->job = g_object_ref (job);
  check->not_found = not_found ? not_found : lost_error (self);
  check->not_found_state = not_found_state;
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  lk_comfy_client_get_history_async (self, lk_job_get_prompt_id (job), self->cancellable,
                                     check_history_cb, task);
}

gboolean
_lk_comfy_client_check_job_finish (LkComfyClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_lk_comfy_client_recover_all (LkComfyClient *self,
                              gboolean       polled_only)
{
  g_autoptr(GPtrArray) jobs = snapshot_jobs (self);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkJob *job = g_ptr_array_index (jobs, i);
      LkTrackedJob *tracked = _lk_comfy_client_lookup (self, job);

      if (tracked == NULL || tracked->submitting || tracked->finishing)
        continue;
      if (polled_only && !tracked->polled)
        continue;

      _lk_comfy_client_check_job_async (self, job, LK_JOB_LOST, NULL, NULL, NULL);
    }
}

void
_lk_comfy_client_lose_all (LkComfyClient *self,
                           GError        *error)
{
  g_autoptr(GPtrArray) jobs = snapshot_jobs (self);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkJob *job = g_ptr_array_index (jobs, i);
      LkTrackedJob *tracked = _lk_comfy_client_lookup (self, job);

      if (tracked != NULL && !tracked->submitting)
        _lk_job_finish_with_error (job, LK_JOB_LOST, g_error_copy (error), NULL);
    }

  g_error_free (error);
}

/**
 * lk_comfy_client_find_job:
 * @self: a #LkComfyClient
 * @prompt_id: a prompt id
 *
 * Returns: (transfer none) (nullable): the followed job with that prompt id
 */
LkJob *
lk_comfy_client_find_job (LkComfyClient *self,
                          const char    *prompt_id)
{
  LkTrackedJob *tracked;

  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (prompt_id != NULL, NULL);

  tracked = g_hash_table_lookup (self->jobs, prompt_id);

  return tracked ? tracked->job : NULL;
}
