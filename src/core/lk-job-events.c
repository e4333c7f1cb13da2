/* lk-job-events.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The state machine of LkJob: what each server message and the history entry do to it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-output.h"
#include "lk-job-private.h"
#include "lk-util.h"

static void
notify (LkJob *self,
        guint  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), _lk_job_properties[prop]);
}

static void
set_double (LkJob  *self,
            double *field,
            double  value,
            guint   prop)
{
  if (*field == value)
    return;

  *field = value;
  notify (self, prop);
}

static void
set_node (LkJob      *self,
          const char *node)
{
  if (lk_set_str (&self->node, node))
    notify (self, JOB_PROP_NODE);
}

/**
 * _lk_job_set_state:
 * @self: a #LkJob
 * @state: the new state
 *
 * Moves the job forward. A final state is never left, and a running job does not go back to
 * queued (a late `/queue` answer can say so).
 */
void
_lk_job_set_state (LkJob      *self,
                   LkJobState  state)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (self->state == state || lk_job_is_finished (self) || state < self->state)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  self->state = state;
  notify (self, JOB_PROP_STATE);

  if (state == LK_JOB_RUNNING && self->started_at == NULL)
    {
      self->started_at = g_date_time_new_now_utc ();
      notify (self, JOB_PROP_STARTED_AT);
    }

  if (state >= LK_JOB_RUNNING && self->queue_position != (state == LK_JOB_RUNNING ? 0 : -1))
    {
      self->queue_position = state == LK_JOB_RUNNING ? 0 : -1;
      notify (self, JOB_PROP_QUEUE_POSITION);
    }

  if (lk_job_is_finished (self))
    {
      self->finished_at = g_date_time_new_now_utc ();
      notify (self, JOB_PROP_FINISHED_AT);
      set_node (self, NULL);
      if (state == LK_JOB_SUCCEEDED)
        set_double (self, &self->progress, 1.0, JOB_PROP_PROGRESS);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * _lk_job_set_prompt_id:
 * @self: a #LkJob
 * @prompt_id: the id the server uses
 */
void
_lk_job_set_prompt_id (LkJob      *self,
                       const char *prompt_id)
{
  g_return_if_fail (LK_IS_JOB (self));
  g_return_if_fail (prompt_id != NULL);

  if (lk_set_str (&self->prompt_id, prompt_id))
    notify (self, JOB_PROP_PROMPT_ID);
}

/**
 * _lk_job_set_server_url:
 * @self: a #LkJob
 * @server_url: the server the job goes to
 */
void
_lk_job_set_server_url (LkJob      *self,
                        const char *server_url)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (lk_set_str (&self->server_url, server_url))
    notify (self, JOB_PROP_SERVER_URL);
}

/**
 * _lk_job_set_queue_position:
 * @self: a #LkJob
 * @position: 0 running, 1 next…, -1 unknown
 *
 * Also moves a queued job to running when the server says it runs.
 */
void
_lk_job_set_queue_position (LkJob *self,
                            int    position)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (lk_job_is_finished (self))
    return;

  if (position == 0)
    _lk_job_set_state (self, LK_JOB_RUNNING);
  else if (position > 0)
    _lk_job_set_state (self, LK_JOB_QUEUED);

  if (self->state == LK_JOB_RUNNING && position > 0)
    return;

  if (self->queue_position != position)
    {
      self->queue_position = position;
      notify (self, JOB_PROP_QUEUE_POSITION);
    }
}

/**
 * _lk_job_set_warning:
 * @self: a #LkJob
 * @warning: (nullable): a problem that does not stop the job
 */
void
_lk_job_set_warning (LkJob      *self,
                     const char *warning)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (lk_set_str (&self->warning, warning))
    notify (self, JOB_PROP_WARNING);
}

/**
 * _lk_job_mark_submitted:
 * @self: a #LkJob
 *
 * The server accepted the job: it is queued (unless its messages already said more).
 */
void
_lk_job_mark_submitted (LkJob *self)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (self->submitted_at == NULL)
    self->submitted_at = g_date_time_new_now_utc ();

  _lk_job_set_state (self, LK_JOB_QUEUED);
}

/**
 * _lk_job_finish_with_error:
 * @self: a #LkJob
 * @state: %LK_JOB_FAILED, %LK_JOB_CANCELLED or %LK_JOB_LOST
 * @error: (transfer full) (nullable): why, for the artist
 * @detail: (nullable): the technical account
 */
void
_lk_job_finish_with_error (LkJob      *self,
                           LkJobState  state,
                           GError     *error,
                           const char *detail)
{
  g_return_if_fail (LK_IS_JOB (self));
  g_return_if_fail (state > LK_JOB_SUCCEEDED);

  if (lk_job_is_finished (self))
    {
      g_clear_error (&error);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (error != NULL)
    {
      g_debug ("Job %s: %s", self->id, error->message);
      g_clear_error (&self->error);
      self->error = error;
      notify (self, JOB_PROP_ERROR);
    }

  if (lk_set_str (&self->error_detail, detail))
    notify (self, JOB_PROP_ERROR_DETAIL);

  _lk_job_set_state (self, state);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * _lk_job_add_outputs:
 * @self: a #LkJob
 * @outputs: (element-type LkComfyOutput): files reported by the server
 *
 * Adds the files not listed yet, with their `/view` URL, in one `items-changed`.
 */
void
_lk_job_add_outputs (LkJob     *self,
                     GPtrArray *outputs)
{
  g_autoptr(GPtrArray) added = NULL;
  guint n_items;

  g_return_if_fail (LK_IS_JOB (self));

  if (outputs == NULL || outputs->len == 0)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->outputs));
  added = g_ptr_array_new ();

  for (guint i = 0; i < outputs->len; i++)
    {
      LkComfyOutput *output = g_ptr_array_index (outputs, i);
      gboolean known = FALSE;

      for (guint j = 0; j < n_items && !known; j++)
        {
          g_autoptr(LkComfyOutput) have = g_list_model_get_item (G_LIST_MODEL (self->outputs), j);

          known = lk_comfy_output_same_file (have, output);
        }
      for (guint j = 0; j < added->len && !known; j++)
        known = lk_comfy_output_same_file (g_ptr_array_index (added, j), output);

      if (known)
        continue;

      if (self->server_url != NULL && lk_comfy_output_get_url (output) == NULL)
        {
          g_autofree char *url = lk_comfy_output_build_view_url (output, self->server_url);

          lk_comfy_output_set_url (output, url);
        }
      g_ptr_array_add (added, output);
    }

  if (added->len > 0)
    g_list_store_splice (self->outputs, n_items, 0, added->pdata, added->len);
}

/* nodes done + the running node's fraction, over the nodes that will run */
static void
update_progress (LkJob *self)
{
  guint total = self->graph ? json_object_get_size (self->graph) : 0;
  guint cached = g_hash_table_size (self->cached_nodes);
  guint done = g_hash_table_size (self->finished_nodes);
  double fraction = 0;
  double progress;
  guint to_run;

  if (self->node_max > 0)
    fraction = CLAMP (self->node_value / self->node_max, 0.0, 1.0);

  to_run = total > cached ? total - cached : 0;
  to_run = MAX (to_run, done + (self->node != NULL ? 1 : 0));
  if (to_run == 0)
    return;

  progress = CLAMP ((done + fraction) / to_run, 0.0, 1.0);
  /* the estimate must not go back; the end (1.0) is for success only */
  progress = MIN (progress, 0.99);
  if (progress > self->progress)
    set_double (self, &self->progress, progress, JOB_PROP_PROGRESS);
}

static void
start_node (LkJob      *self,
            const char *node)
{
  if (g_strcmp0 (self->node, node) == 0)
    return;

  if (self->node != NULL && !g_hash_table_contains (self->cached_nodes, self->node))
    g_hash_table_add (self->finished_nodes, g_strdup (self->node));

  set_node (self, node);
  set_double (self, &self->node_value, 0, JOB_PROP_NODE_VALUE);
  set_double (self, &self->node_max, 0, JOB_PROP_NODE_MAX);
}

static void
record_run_error (LkJob        *self,
                  LkComfyEvent *event)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  g_clear_error (&self->run_error);
  self->run_error = lk_comfy_error_from_execution (event->node, event->node_type,
                                                   event->exception_type,
                                                   event->exception_message, self->graph);

  g_string_append_printf (detail, "%s: %s\n",
                          event->exception_type ? event->exception_type : "?",
                          event->exception_message ? event->exception_message : "");
  if (event->traceback != NULL)
    g_string_append_printf (detail, "\n%s", event->traceback);

  g_free (self->run_error_detail);
  self->run_error_detail = g_string_free (g_steal_pointer (&detail), FALSE);
}

/**
 * _lk_job_handle_event:
 * @self: a #LkJob
 * @event: a message about this job's prompt
 *
 * Applies one server message. The end marker is only recorded; the caller then reads the
 * history and calls _lk_job_apply_history().
 */
void
_lk_job_handle_event (LkJob        *self,
                      LkComfyEvent *event)
{
  g_return_if_fail (LK_IS_JOB (self));
  g_return_if_fail (event != NULL);

  if (lk_job_is_finished (self))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  switch (event->type)
    {
    case LK_COMFY_EVENT_EXECUTION_START:
      _lk_job_set_state (self, LK_JOB_RUNNING);
      break;

    case LK_COMFY_EVENT_EXECUTION_CACHED:
      for (guint i = 0; event->nodes != NULL && event->nodes[i] != NULL; i++)
        g_hash_table_add (self->cached_nodes, g_strdup (event->nodes[i]));
      update_progress (self);
      break;

    case LK_COMFY_EVENT_EXECUTING:
      if (event->node == NULL)
        {
          self->saw_end = TRUE;
          start_node (self, NULL);
        }
      else
        {
          _lk_job_set_state (self, LK_JOB_RUNNING);
          start_node (self, event->node);
        }
      update_progress (self);
      break;

    case LK_COMFY_EVENT_PROGRESS:
      _lk_job_set_state (self, LK_JOB_RUNNING);
      if (event->node != NULL)
        start_node (self, event->node);
      set_double (self, &self->node_max, MAX (event->max, 0), JOB_PROP_NODE_MAX);
      set_double (self, &self->node_value, MAX (event->value, 0), JOB_PROP_NODE_VALUE);
      update_progress (self);
      break;

    case LK_COMFY_EVENT_PROGRESS_STATE:
      for (guint i = 0; event->node_states != NULL && i < event->node_states->len; i++)
        {
          LkComfyNodeState *state = g_ptr_array_index (event->node_states, i);

          if (state->finished)
            g_hash_table_add (self->finished_nodes, g_strdup (state->node));
        }
      update_progress (self);
      break;

    case LK_COMFY_EVENT_EXECUTED:
      _lk_job_add_outputs (self, event->outputs);
      break;

    case LK_COMFY_EVENT_EXECUTION_SUCCESS:
      self->saw_success = TRUE;
      break;

    case LK_COMFY_EVENT_EXECUTION_ERROR:
      record_run_error (self, event);
      break;

    case LK_COMFY_EVENT_EXECUTION_INTERRUPTED:
      self->saw_interrupt = TRUE;
      break;

    case LK_COMFY_EVENT_PREVIEW:
      if (event->image != NULL)
        {
          g_clear_pointer (&self->preview, g_bytes_unref);
          self->preview = g_bytes_ref (event->image);
          notify (self, JOB_PROP_PREVIEW);
          if (lk_set_str (&self->preview_mime, event->image_mime))
            notify (self, JOB_PROP_PREVIEW_MIME);
        }
      break;

    case LK_COMFY_EVENT_STATUS:
    case LK_COMFY_EVENT_FEATURE_FLAGS:
    case LK_COMFY_EVENT_PROGRESS_TEXT:
    case LK_COMFY_EVENT_UNKNOWN:
    default:
      break;
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
finish_interrupted (LkJob *self)
{
  GError *error = NULL;

  /* stopped by someone else (the ComfyUI page, another client): say so */
  if (!self->cancel_requested)
    error = g_error_new_literal (LK_COMFY_ERROR, LK_COMFY_ERROR_INTERRUPTED,
                                 _("The job was stopped on the server"));

  _lk_job_finish_with_error (self, LK_JOB_CANCELLED, error, NULL);
}

/**
 * _lk_job_apply_history:
 * @self: a #LkJob
 * @entry: the prompt's history entry
 *
 * Makes the job final from what the server recorded: the outputs (including any missed while
 * disconnected) and how the prompt ended.
 */
void
_lk_job_apply_history (LkJob               *self,
                       LkComfyHistoryEntry *entry)
{
  g_return_if_fail (LK_IS_JOB (self));
  g_return_if_fail (entry != NULL);

  if (lk_job_is_finished (self))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  _lk_job_set_prompt_id (self, entry->prompt_id);
  _lk_job_add_outputs (self, entry->outputs);

  if (entry->succeeded)
    _lk_job_set_state (self, LK_JOB_SUCCEEDED);
  else if (entry->interrupted)
    finish_interrupted (self);
  else if (entry->error_event != NULL)
    {
      record_run_error (self, entry->error_event);
      _lk_job_finish_with_error (self, LK_JOB_FAILED, g_steal_pointer (&self->run_error),
                                 self->run_error_detail);
    }
  else if (self->run_error != NULL)
    _lk_job_finish_with_error (self, LK_JOB_FAILED, g_steal_pointer (&self->run_error),
                               self->run_error_detail);
  else
    _lk_job_finish_with_error (self, LK_JOB_FAILED,
                               g_error_new_literal (LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION,
                                                    _("The job failed on the server")),
                               entry->status_str);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * _lk_job_finish_from_events:
 * @self: a #LkJob
 *
 * Makes the job final from the messages alone, when the end marker came but the history
 * cannot be read.
 */
void
_lk_job_finish_from_events (LkJob *self)
{
  g_return_if_fail (LK_IS_JOB (self));

  if (lk_job_is_finished (self))
    return;

  if (self->run_error != NULL)
    _lk_job_finish_with_error (self, LK_JOB_FAILED, g_steal_pointer (&self->run_error),
                               self->run_error_detail);
  else if (self->saw_interrupt)
    finish_interrupted (self);
  else if (self->saw_success)
    _lk_job_set_state (self, LK_JOB_SUCCEEDED);
  else
    _lk_job_finish_with_error (self, LK_JOB_LOST,
                               g_error_new_literal (LK_COMFY_ERROR, LK_COMFY_ERROR_LOST,
                                                    _("The server ended the job without saying "
                                                      "how; generate it again")),
                               NULL);
}

/**
 * _lk_job_get_saw_end:
 * @self: a #LkJob
 *
 * Returns: whether the end marker of the prompt arrived
 */
gboolean
_lk_job_get_saw_end (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  return self->saw_end;
}

/**
 * _lk_job_get_cancel_requested:
 * @self: a #LkJob
 *
 * Returns: whether Lorakeet asked to cancel the job
 */
gboolean
_lk_job_get_cancel_requested (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  return self->cancel_requested;
}

/**
 * _lk_job_set_cancel_requested:
 * @self: a #LkJob
 * @requested: whether Lorakeet asked to cancel the job
 */
void
_lk_job_set_cancel_requested (LkJob    *self,
                              gboolean  requested)
{
  g_return_if_fail (LK_IS_JOB (self));
  self->cancel_requested = !!requested;
}
