/* lk-generator-submit.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generating: for each character, its variations one after another: choose a server, check
 * the workflow against it, write the job to the catalog (status pending, the exact workflow,
 * the prompt id offered to the server), and only then send it. Jobs go out one at a time, so
 * each server's queue already counts the previous job when the next one is placed. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-generator-private.h"

/* How long a generation waits for a server to come online. */
#define SERVER_WAIT_S 15

typedef struct
{
  LkGeneratorRequest *request;
  GArray             *character_ids;
  guint               next_character;
  gboolean            project;
  LkGeneratorPlan    *plan;
  GQueue              queue;          /* LkGeneratorJob of the current character */
  GPtrArray          *jobs;           /* every job, the result */
  LkGeneratorJob     *current;
  LkComfyClient      *client;
  GError             *no_server;      /* once no server was reachable, the rest fail too */
  guint               n_recorded;
} Generate;

static void
generate_free (Generate *generate)
{
  g_clear_pointer (&generate->request, _lk_generator_request_free);
  g_clear_pointer (&generate->character_ids, g_array_unref);
  g_clear_pointer (&generate->plan, _lk_generator_plan_free);
  g_queue_clear_full (&generate->queue, g_object_unref);
  g_clear_pointer (&generate->jobs, g_ptr_array_unref);
  g_clear_object (&generate->current);
  g_clear_object (&generate->client);
  g_clear_error (&generate->no_server);
  g_free (generate);
}

static void next_character (GTask *task);
static void next_job       (GTask *task);

/* @job is settled (submitted, or failed and recorded): on to the next. */
static void
job_done (GTask *task)
{
  Generate *generate = g_task_get_task_data (task);

  g_ptr_array_add (generate->jobs, g_steal_pointer (&generate->current));
  g_clear_object (&generate->client);
  next_job (task);
}

static void
fail_current (GTask        *task,
              const GError *error)
{
  Generate *generate = g_task_get_task_data (task);

  _lk_generator_job_fail (generate->current, error);
  job_done (task);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);
  LkGeneratorJob *job = generate->current;
  g_autoptr(GError) error = NULL;

  if (!lk_comfy_client_submit_finish (LK_COMFY_CLIENT (object), result, &error))
    {
      /* A refusal fails the job, and following it records why. Nothing reached the server
       * only when it is still pending. */
      if (lk_job_get_state (job->job) == LK_JOB_PENDING && !self->disposed)
        _lk_generator_fail_unsent (self, job, LK_JOB_FAILED, error);
      else
        g_debug ("Job %" G_GINT64_FORMAT " not accepted: %s", job->id, error->message);
    }

  job_done (task);
}

static void
pending_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  Generate *generate = g_task_get_task_data (task);
  LkGeneratorJob *job = generate->current;
  g_autoptr(GError) error = NULL;

  /* Without the prompt id in the catalog a restart could not find the job again: it is not
   * sent. */
  if (!_lk_generator_write_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (_lk_generator_return_if_closed (task))
    return;

  g_free (job->recorded_prompt_id);
  job->recorded_prompt_id = g_strdup (lk_job_get_id (job->job));
  _lk_generator_follow (self, job);

  if (job->cancel_requested || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The job was cancelled before it "
                                                           "was sent"));

      _lk_generator_fail_unsent (self, job, LK_JOB_CANCELLED, cancelled);
      if (!g_task_return_error_if_cancelled (task))
        job_done (task);
      return;
    }

  /* Not cancellable from here: a submission cut short could leave the server unsure. The job
   * is cancelled with lk_generator_cancel_async() instead. */
  lk_comfy_client_submit_async (generate->client, job->job, NULL, submitted_cb,
                                g_steal_pointer (&task));
}

static void
failed_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_lk_generator_write_finish (LK_GENERATOR (object), result, &error))
    g_debug ("Recording a refused job: %s", error->message);

  job_done (task);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);
  LkGeneratorJob *job = generate->current;
  g_autoptr(LkCatalogJob) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LkJob) comfy_job = NULL;

  if (!(row = lk_catalog_create_job_finish (LK_CATALOG (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lk_generator_job_set_id (job, lk_catalog_job_get_id (row));
  generate->n_recorded++;
  if (_lk_generator_return_if_closed (task))
    return;

  if ((refused = _lk_generator_preflight_error (job)))
    {
      _lk_generator_job_fail (job, refused);
      _lk_generator_write_async (self, job, "failed", NULL, refused->message,
                                 failed_written_cb, g_steal_pointer (&task));
      return;
    }

  root = lk_workflow_dup_root (job->workflow);
  comfy_job = lk_job_new (json_node_get_object (root), NULL);
  lk_job_set_seed (comfy_job, (gint64) job->seed);
  _lk_generator_job_set_job (job, comfy_job);

  /* the id the server is offered; old servers choose their own, found again by the job's tag */
  _lk_generator_write_async (self, job, "pending", lk_job_get_id (comfy_job), NULL,
                             pending_written_cb, g_steal_pointer (&task));
}

static void
object_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  Generate *generate = g_task_get_task_data (task);
  LkGeneratorJob *job = generate->current;
  g_autoptr(LkObjectInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workflow_json = NULL;

  if (!(info = _lk_generator_object_info_finish (self, result, &error)))
    g_debug ("Checking without node descriptions: %s", error->message);
  if (_lk_generator_return_if_closed (task))
    return;

  _lk_generator_preflight (self, generate->plan, job, info,
                           lk_comfy_client_get_url (generate->client));

  workflow_json = lk_workflow_to_string (job->workflow, FALSE);
  lk_catalog_create_job_async (self->catalog, job->resolution,
                               job->trigger_set, job->server_url, workflow_json,
                               (gint64) job->seed, generate->request->who,
                               NULL, created_cb,
                               g_steal_pointer (&task));
}

static void
server_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  Generate *generate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  generate->client = _lk_generator_choose_server_finish (self, result, &error);
  if (_lk_generator_return_if_closed (task))
    return;
  if (generate->client == NULL)
    {
      if (!g_error_matches (error, LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER)
          || generate->n_recorded == 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      generate->no_server = g_steal_pointer (&error);
      fail_current (task, generate->no_server);
      return;
    }

  _lk_generator_job_set_server_url (generate->current, lk_comfy_client_get_url (generate->client));
  cancellable = g_task_get_cancellable (task);
  _lk_generator_object_info_async (self, generate->client, cancellable, object_info_cb,
                                   g_steal_pointer (&task));
}

static void
next_job (GTask *task)
{
  LkGenerator *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);

  g_assert (generate->current == NULL);

  if (_lk_generator_return_if_closed (task))
    return;

  if (!(generate->current = g_queue_pop_head (&generate->queue)))
    {
      next_character (task);
      return;
    }

  if (generate->no_server != NULL)
    {
      fail_current (task, generate->no_server);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  _lk_generator_choose_server_async (self, generate->request->server_url, SERVER_WAIT_S,
                                     g_task_get_cancellable (task), server_chosen_cb,
                                     g_object_ref (task));
}

static void
planned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  Generate *generate = g_task_get_task_data (task);
  g_autoptr(LkGeneratorPlan) plan = NULL;
  g_autoptr(GPtrArray) variations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 character_id = g_array_index (generate->character_ids, gint64,
                                       generate->next_character - 1);

  if (!(plan = _lk_generator_plan_finish (self, result, &error)))
    {
      /* a character deleted while a project was being generated is skipped */
      if (generate->project
          && g_error_matches (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND))
        {
          next_character (task);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (_lk_generator_return_if_closed (task))
    return;

  if (plan->error == NULL)
    variations = _lk_generator_plan_variations (self, plan, generate->request, &error);
  else
    error = g_error_copy (plan->error);

  if (variations == NULL)
    {
      LkCharacter *character = lk_resolution_get_character (plan->resolution);
      g_autoptr(LkGeneratorJob) failed = NULL;

      if (!generate->project)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      failed = _lk_generator_job_new (character_id,
                                      character ? lk_character_get_name (character) : NULL);
      _lk_generator_job_fail (failed, error);
      g_ptr_array_add (generate->jobs, g_steal_pointer (&failed));
      next_character (task);
      return;
    }

  g_clear_pointer (&generate->plan, _lk_generator_plan_free);
  generate->plan = g_steal_pointer (&plan);
  for (guint i = 0; i < variations->len; i++)
    g_queue_push_tail (&generate->queue, g_object_ref (g_ptr_array_index (variations, i)));

  next_job (task);
}

static void
next_character (GTask *task)
{
  LkGenerator *self = g_task_get_source_object (task);
  Generate *generate = g_task_get_task_data (task);
  gint64 character_id;

  if (_lk_generator_return_if_closed (task))
    return;

  if (generate->next_character >= generate->character_ids->len || generate->no_server != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&generate->jobs),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  character_id = g_array_index (generate->character_ids, gint64, generate->next_character++);
  _lk_generator_plan_async (self, character_id, FALSE, NULL, g_task_get_cancellable (task),
                            planned_cb, g_object_ref (task));
}

static GTask *
generate_task_new (LkGenerator              *self,
                   const LkGenerateRequest  *request,
                   gboolean                  project,
                   GCancellable             *cancellable,
                   GAsyncReadyCallback       callback,
                   gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Generate *generate = g_new0 (Generate, 1);

  g_task_set_source_tag (task, lk_generator_generate_async);

  generate->request = _lk_generator_request_copy (request);
  generate->character_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  generate->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  generate->project = project;
  g_queue_init (&generate->queue);
  g_task_set_task_data (task, generate, (GDestroyNotify) generate_free);

  return task;
}

void
lk_generator_generate_async (LkGenerator              *self,
                             gint64                    character_id,
                             const LkGenerateRequest  *request,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  Generate *generate;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (request != NULL);

  task = generate_task_new (self, request, FALSE, cancellable, callback, user_data);
  generate = g_task_get_task_data (task);
  g_array_append_val (generate->character_ids, character_id);

  next_character (task);
}

static void
project_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Generate *generate = g_task_get_task_data (task);
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(GError) error = NULL;

  if (!(characters = lk_catalog_list_characters_finish (LK_CATALOG (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
    {
      g_autoptr(LkCharacter) character = g_list_model_get_item (characters, i);
      gint64 id = lk_character_get_id (character);

      g_array_append_val (generate->character_ids, id);
    }

  next_character (task);
}

void
lk_generator_generate_project_async (LkGenerator              *self,
                                     gint64                    project_id,
                                     const LkGenerateRequest  *request,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (project_id > 0);
  g_return_if_fail (request != NULL);

  task = generate_task_new (self, request, TRUE, cancellable, callback, user_data);
  lk_catalog_list_characters_async (self->catalog, project_id, cancellable, project_listed_cb,
                                    task);
}

GPtrArray *
lk_generator_generate_finish (LkGenerator   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
