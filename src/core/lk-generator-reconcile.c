/* lk-generator-reconcile.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Jobs of an earlier run. A job is written to the catalog, with the prompt id offered to the
 * server, before it is sent; if Lorakeet was closed or killed after that, the catalog still
 * says pending, queued or running. Each such job is looked up on its server by that id (or,
 * for servers that choose their own ids, by the tag the client put in the job), and what the
 * server knows is recorded. Nothing is ever sent again, so a job is neither lost nor done
 * twice. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-generator-private.h"

/* A row without a prompt id this old was never sent; a younger one may be another Lorakeet's,
 * about to be sent. */
#define UNSENT_AFTER_S 120

typedef struct
{
  gint64      job_id;
  GPtrArray  *jobs;          /* the result */
  guint       outstanding;
} Reconcile;

static void
reconcile_free (Reconcile *reconcile)
{
  g_clear_pointer (&reconcile->jobs, g_ptr_array_unref);
  g_free (reconcile);
}

typedef struct
{
  GTask        *task;
  LkCatalogJob *row;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_object (&lookup->task);
  g_clear_object (&lookup->row);
  g_free (lookup);
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reconcile *reconcile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lk_generator_flush_finish (LK_GENERATOR (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&reconcile->jobs),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
lookup_done (GTask *task)
{
  LkGenerator *self = g_task_get_source_object (task);
  Reconcile *reconcile = g_task_get_task_data (task);

  g_assert (reconcile->outstanding > 0);
  if (--reconcile->outstanding > 0)
    return;

  /* each job's present state is on its way to the catalog: wait until it is there */
  lk_generator_flush_async (self, g_task_get_cancellable (task), flushed_cb, g_object_ref (task));
}

static LkGeneratorJob *
job_for_row (LkCatalogJob *row)
{
  LkGeneratorJob *job = _lk_generator_job_new (lk_catalog_job_get_character_id (row), NULL);
  LkJobState state = LK_JOB_PENDING;

  _lk_generator_job_set_id (job, lk_catalog_job_get_id (row));
  _lk_generator_job_set_server_url (job, lk_catalog_job_get_server_url (row));
  _lk_generator_job_set_prompt_id (job, lk_catalog_job_get_prompt_id (row));
  _lk_generator_job_set_seed (job, (guint64) MAX (lk_catalog_job_get_seed (row), 0));
  lk_job_state_from_string (lk_catalog_job_get_status (row), &state);
  job->recorded_state = state;
  job->recorded_prompt_id = g_strdup (lk_catalog_job_get_prompt_id (row));

  return job;
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Lookup *lookup = user_data;
  LkGenerator *self = g_task_get_source_object (lookup->task);
  Reconcile *reconcile = g_task_get_task_data (lookup->task);
  g_autoptr(LkJob) comfy_job = NULL;
  g_autoptr(GError) error = NULL;
  LkGeneratorJob *followed;

  comfy_job = lk_server_pool_reconcile_finish (LK_SERVER_POOL (object), result, &error);

  if (self->disposed)
    ;
  else if (comfy_job == NULL)
    g_message ("Job %" G_GINT64_FORMAT " stays %s for now: %s",
               lk_catalog_job_get_id (lookup->row), lk_catalog_job_get_status (lookup->row),
               error->message);
  else if ((followed = _lk_generator_find_followed (self, lk_catalog_job_get_id (lookup->row))))
    g_ptr_array_add (reconcile->jobs, g_object_ref (followed));
  else
    {
      g_autoptr(LkGeneratorJob) job = job_for_row (lookup->row);

      _lk_generator_job_set_job (job, comfy_job);
      _lk_generator_follow (self, job);
      g_ptr_array_add (reconcile->jobs, g_steal_pointer (&job));
    }

  lookup_done (lookup->task);
  lookup_free (lookup);
}

static void
unsent_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  if (!_lk_generator_write_finish (LK_GENERATOR (object), result, &error))
    g_debug ("Recording an unsent job: %s", error->message);

  lookup_done (lookup->task);
  lookup_free (lookup);
}

static gboolean
is_old (LkCatalogJob *row)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created = lk_catalog_job_get_created_at (row);

  return created == NULL
         || g_date_time_difference (now, created) > UNSENT_AFTER_S * G_TIME_SPAN_SECOND;
}

static void
reconcile_row (GTask        *task,
               LkCatalogJob *row)
{
  LkGenerator *self = g_task_get_source_object (task);
  Reconcile *reconcile = g_task_get_task_data (task);
  const char *prompt_id = lk_catalog_job_get_prompt_id (row);
  LkGeneratorJob *followed;
  Lookup *lookup;

  if ((followed = _lk_generator_find_followed (self, lk_catalog_job_get_id (row))))
    {
      g_ptr_array_add (reconcile->jobs, g_object_ref (followed));
      return;
    }

  if (prompt_id == NULL || *prompt_id == '\0')
    {
      g_autoptr(LkGeneratorJob) job = NULL;
      g_autoptr(GError) error = NULL;

      if (reconcile->job_id == 0 && !is_old (row))
        return;

      /* written to the catalog, then stopped before the prompt id was: never sent */
      job = job_for_row (row);
      error = g_error_new_literal (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_NOT_SENT,
                                   _("Lorakeet stopped before this job was sent; generate it "
                                     "again"));
      _lk_generator_job_set_error (job, error);
      _lk_generator_job_set_state (job, LK_JOB_LOST);
      g_ptr_array_add (reconcile->jobs, g_object_ref (job));

      lookup = g_new0 (Lookup, 1);
      lookup->task = g_object_ref (task);
      lookup->row = g_object_ref (row);
      reconcile->outstanding++;
      _lk_generator_write_async (self, job, "lost", NULL, error->message, unsent_written_cb,
                                 lookup);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->task = g_object_ref (task);
  lookup->row = g_object_ref (row);
  reconcile->outstanding++;
  lk_server_pool_reconcile_async (self->pool, lk_catalog_job_get_server_url (row), prompt_id,
                                  g_task_get_cancellable (task), found_cb, lookup);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reconcile *reconcile = g_task_get_task_data (task);
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  if (!(rows = lk_catalog_list_jobs_finish (LK_CATALOG (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (_lk_generator_return_if_closed (task))
    return;

  /* held while the lookups start, so that quick answers cannot finish the task early */
  reconcile->outstanding++;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LkCatalogJob) row = g_list_model_get_item (rows, i);

      if (reconcile->job_id != 0 && lk_catalog_job_get_id (row) != reconcile->job_id)
        continue;
      found = TRUE;
      reconcile_row (task, row);
    }

  if (reconcile->job_id != 0 && !found)
    {
      reconcile->outstanding--;
      g_task_return_new_error (task, LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_NOT_FOUND,
                               _("Job %lld is not waiting or running: it finished "
                                 "already, or it is not in the catalog"),
                               (long long) reconcile->job_id);
      return;
    }

  lookup_done (task);
}

void
lk_generator_reconcile_async (LkGenerator         *self,
                              gint64               job_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Reconcile *reconcile;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (job_id >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_reconcile_async);

  reconcile = g_new0 (Reconcile, 1);
  reconcile->job_id = job_id;
  reconcile->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, reconcile, (GDestroyNotify) reconcile_free);

  lk_catalog_list_jobs_async (self->catalog, 0, cancellable, listed_cb, task);
}

GPtrArray *
lk_generator_reconcile_finish (LkGenerator   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
