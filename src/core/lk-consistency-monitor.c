/* lk-consistency-monitor.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-catalog-consistency.h"
#include "lk-comfy-output.h"
#include "lk-consistency-monitor.h"
#include "lk-consistency.h"
#include "lk-generator-job.h"

struct _LkConsistencyMonitor
{
  GObject       parent_instance;

  LkGenerator  *generator;
  LkCatalog    *catalog;
  GCancellable *cancellable;

  /* character id → Signatures */
  GHashTable   *signatures;
  /* bumped when the catalog's signatures change: a reading begun before is not kept */
  guint         generation;
  /* ids of the jobs whose outputs are in the catalog */
  GHashTable   *recorded_jobs;
  /* paths already taken, so that a file announced twice is scored once */
  GHashTable   *taken;
  guint         n_pending;
};

G_DEFINE_FINAL_TYPE (LkConsistencyMonitor, lk_consistency_monitor, G_TYPE_OBJECT)

enum { PROP_0, PROP_GENERATOR, PROP_N_PENDING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_SCORED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  gint64  character_id;
  gint64  job_id;
  char   *path;
  char   *filename;
  char   *subfolder;
} Frame;

typedef struct
{
  GPtrArray *list;      /* LkSignature; NULL while being read */
  GPtrArray *waiting;   /* Frame, until the list is read */
} Signatures;

typedef struct
{
  LkConsistencyMonitor *self;
  Frame                *frame;
  GPtrArray            *references;
  LkConsistencyRecord  *record;
} Scoring;

typedef struct
{
  LkConsistencyMonitor *self;
  gint64                character_id;
  guint                 generation;
} Reading;

static void
frame_free (Frame *frame)
{
  g_free (frame->path);
  g_free (frame->filename);
  g_free (frame->subfolder);
  g_free (frame);
}

static void
signatures_free (Signatures *signatures)
{
  g_clear_pointer (&signatures->list, g_ptr_array_unref);
  g_clear_pointer (&signatures->waiting, g_ptr_array_unref);
  g_free (signatures);
}

static void
scoring_free (Scoring *scoring)
{
  g_clear_object (&scoring->self);
  g_clear_pointer (&scoring->frame, frame_free);
  g_clear_pointer (&scoring->references, g_ptr_array_unref);
  g_clear_pointer (&scoring->record, lk_consistency_record_free);
  g_free (scoring);
}

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->self);
  g_free (reading);
}

static void
set_n_pending (LkConsistencyMonitor *self,
               guint                 n_pending)
{
  if (self->n_pending == n_pending)
    return;
  self->n_pending = n_pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
frame_done (LkConsistencyMonitor *self)
{
  g_assert (self->n_pending > 0);
  set_n_pending (self, self->n_pending - 1);
}

/* Scoring one frame ------------------------------------------------------------------------ */

static void
score_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Scoring *scoring = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (scoring->frame->path);
  g_autoptr(LkSignature) signature = NULL;
  LkConsistencyScore score;
  GError *error = NULL;

  if (!(signature = lk_signature_load (file, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!lk_consistency_score (signature, scoring->references, &score))
    {
      g_task_return_new_error (task, LK_CONSISTENCY_ERROR, LK_CONSISTENCY_ERROR_NO_REFERENCES,
                               "No signature to compare with");
      return;
    }

  scoring->record = lk_consistency_record_new (signature->content_hash, 0, &score);
  scoring->record->filename = g_strdup (scoring->frame->filename);
  scoring->record->subfolder = g_strdup (scoring->frame->subfolder);
  g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Scoring *scoring = user_data;
  LkConsistencyMonitor *self = scoring->self;
  g_autoptr(GError) error = NULL;

  if (lk_catalog_store_consistency_scores_finish (LK_CATALOG (object), result, &error))
    g_signal_emit (self, signals[SIGNAL_SCORED], 0, scoring->record->content_hash,
                   scoring->frame->character_id, scoring->record->score.score);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The consistency score of %s could not be stored: %s", scoring->frame->path,
               error->message);

  frame_done (self);
  scoring_free (scoring);
}

static void
scored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkConsistencyMonitor *self = LK_CONSISTENCY_MONITOR (object);
  Scoring *scoring = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s is not scored: %s", scoring->frame->path, error->message);
      frame_done (self);
      scoring_free (scoring);
      return;
    }

  /* The record stays in @scoring, which lives until the store is done. */
  records = g_ptr_array_new ();
  g_ptr_array_add (records, scoring->record);

  lk_catalog_store_consistency_scores_async (self->catalog, scoring->frame->character_id,
                                             scoring->frame->job_id, records, self->cancellable,
                                             stored_cb, scoring);
}

static void
score_frame (LkConsistencyMonitor *self,
             Frame                *frame,
             GPtrArray            *references)
{
  g_autoptr(GTask) task = NULL;
  Scoring *scoring;

  if (references->len == 0)
    {
      g_debug ("%s is not scored: its character has no signature yet", frame->path);
      frame_free (frame);
      frame_done (self);
      return;
    }

  scoring = g_new0 (Scoring, 1);
  scoring->self = g_object_ref (self);
  scoring->frame = frame;
  scoring->references = g_ptr_array_ref (references);

  /* Freed by the callback, which always runs: on to the store, or not. */
  task = g_task_new (self, self->cancellable, scored_cb, scoring);
  g_task_set_source_tag (task, score_frame);
  g_task_set_task_data (task, scoring, NULL);
  g_task_run_in_thread (task, score_worker);
}

/* The characters' signatures ----------------------------------------------------------------- */

static void
signatures_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Reading *reading = user_data;
  LkConsistencyMonitor *self = reading->self;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  Signatures *signatures;

  list = lk_catalog_list_signatures_finish (LK_CATALOG (object), result, &error);
  signatures = g_hash_table_lookup (self->signatures, &reading->character_id);
  g_assert (signatures != NULL && signatures->list == NULL);
  waiting = g_steal_pointer (&signatures->waiting);

  if (list == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The signature of character %" G_GINT64_FORMAT " could not be read: %s",
                   reading->character_id, error->message);
      g_hash_table_remove (self->signatures, &reading->character_id);
      for (guint i = 0; i < waiting->len; i++)
        frame_done (self);
      reading_free (reading);
      return;
    }

  /* Read before the signature changed: read it again. */
  if (reading->generation != self->generation)
    {
      signatures->waiting = g_steal_pointer (&waiting);
      reading->generation = self->generation;
      lk_catalog_list_signatures_async (self->catalog, reading->character_id,
                                        self->cancellable, signatures_read_cb, reading);
      return;
    }

  signatures->list = g_ptr_array_ref (list);
  while (waiting->len > 0)
    score_frame (self, g_ptr_array_steal_index (waiting, 0), list);

  reading_free (reading);
}

static void
take_frame (LkConsistencyMonitor *self,
            Frame                *frame)
{
  Signatures *signatures = g_hash_table_lookup (self->signatures, &frame->character_id);
  Reading *reading;

  set_n_pending (self, self->n_pending + 1);

  if (signatures != NULL && signatures->list != NULL)
    {
      score_frame (self, frame, signatures->list);
      return;
    }

  if (signatures != NULL)
    {
      g_ptr_array_add (signatures->waiting, frame);
      return;
    }

  signatures = g_new0 (Signatures, 1);
  signatures->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify)frame_free);
  g_ptr_array_add (signatures->waiting, frame);
  g_hash_table_insert (self->signatures, g_memdup2 (&frame->character_id, sizeof (gint64)),
                       signatures);

  reading = g_new0 (Reading, 1);
  reading->self = g_object_ref (self);
  reading->character_id = frame->character_id;
  reading->generation = self->generation;
  lk_catalog_list_signatures_async (self->catalog, frame->character_id, self->cancellable,
                                    signatures_read_cb, reading);
}

static void
catalog_changed_cb (LkConsistencyMonitor *self,
                    const char           *table,
                    gint64                id,
                    LkCatalog            *catalog)
{
  GHashTableIter iter;
  Signatures *signatures;

  if (table != NULL && g_strcmp0 (table, "character_signatures") != 0)
    return;

  /* Readings in flight are left to finish; they see the new generation and are not kept. */
  self->generation++;
  g_hash_table_iter_init (&iter, self->signatures);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&signatures))
    if (signatures->list != NULL)
      g_hash_table_iter_remove (&iter);
}

/* The generator's frames ------------------------------------------------------------------ */

static void
consider_output (LkConsistencyMonitor *self,
                 LkGeneratorJob       *job,
                 LkComfyOutput        *output)
{
  const char *path = lk_comfy_output_get_path (output);
  Frame *frame;

  if (path == NULL || lk_comfy_output_get_kind (output) != LK_COMFY_OUTPUT_IMAGE ||
      lk_generator_job_get_character_id (job) <= 0 ||
      g_hash_table_contains (self->taken, path))
    return;

  g_hash_table_add (self->taken, g_strdup (path));

  frame = g_new0 (Frame, 1);
  frame->character_id = lk_generator_job_get_character_id (job);
  frame->job_id = lk_generator_job_get_id (job);
  frame->path = g_strdup (path);
  frame->filename = g_strdup (lk_comfy_output_get_filename (output));
  frame->subfolder = g_strdup (lk_comfy_output_get_subfolder (output));
  take_frame (self, frame);
}

/* A job's outputs are scored once they are in the catalog and on disk, in whichever order
 * the two happen: a download can end before or after its row is written. */
static void
outputs_recorded_cb (LkConsistencyMonitor *self,
                     LkGeneratorJob       *job,
                     guint                 n_outputs,
                     LkGenerator          *generator)
{
  GListModel *outputs = lk_generator_job_get_outputs (job);
  gint64 job_id = lk_generator_job_get_id (job);

  g_hash_table_add (self->recorded_jobs, g_memdup2 (&job_id, sizeof job_id));

  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);

      consider_output (self, job, output);
    }
}

static void
output_ready_cb (LkConsistencyMonitor *self,
                 LkGeneratorJob       *job,
                 const char           *path,
                 LkGenerator          *generator)
{
  GListModel *outputs = lk_generator_job_get_outputs (job);
  gint64 job_id = lk_generator_job_get_id (job);

  if (!g_hash_table_contains (self->recorded_jobs, &job_id))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);

      if (g_strcmp0 (lk_comfy_output_get_path (output), path) == 0)
        consider_output (self, job, output);
    }
}

/* GObject --------------------------------------------------------------------------------- */

static void
lk_consistency_monitor_constructed (GObject *object)
{
  LkConsistencyMonitor *self = (LkConsistencyMonitor *)object;

  G_OBJECT_CLASS (lk_consistency_monitor_parent_class)->constructed (object);

  g_assert (LK_IS_GENERATOR (self->generator));
  self->catalog = g_object_ref (lk_generator_get_catalog (self->generator));

  g_signal_connect_object (self->generator, "outputs-recorded",
                           G_CALLBACK (outputs_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->generator, "output-ready",
                           G_CALLBACK (output_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->catalog, "changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
lk_consistency_monitor_dispose (GObject *object)
{
  LkConsistencyMonitor *self = (LkConsistencyMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->generator != NULL)
    g_signal_handlers_disconnect_by_data (self->generator, self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->generator);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (lk_consistency_monitor_parent_class)->dispose (object);
}

static void
lk_consistency_monitor_finalize (GObject *object)
{
  LkConsistencyMonitor *self = (LkConsistencyMonitor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->signatures, g_hash_table_unref);
  g_clear_pointer (&self->recorded_jobs, g_hash_table_unref);
  g_clear_pointer (&self->taken, g_hash_table_unref);

  G_OBJECT_CLASS (lk_consistency_monitor_parent_class)->finalize (object);
}

static void
lk_consistency_monitor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LkConsistencyMonitor *self = LK_CONSISTENCY_MONITOR (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_consistency_monitor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LkConsistencyMonitor *self = LK_CONSISTENCY_MONITOR (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      self->generator = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_consistency_monitor_class_init (LkConsistencyMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lk_consistency_monitor_constructed;
  object_class->dispose = lk_consistency_monitor_dispose;
  object_class->finalize = lk_consistency_monitor_finalize;
  object_class->get_property = lk_consistency_monitor_get_property;
  object_class->set_property = lk_consistency_monitor_set_property;

  properties[PROP_GENERATOR] =
    g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkConsistencyMonitor::scored:
   * @self: the monitor
   * @content_hash: the frame's SHA-256
   * @character_id: the character it was scored for
   * @score: how much of an outlier the frame is (see #LkConsistencyScore)
   *
   * A new frame was scored and its score is in the catalog.
   */
  signals[SIGNAL_SCORED] =
    g_signal_new ("scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_DOUBLE);
}

static void
lk_consistency_monitor_init (LkConsistencyMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->signatures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify)signatures_free);
  self->recorded_jobs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

LkConsistencyMonitor *
lk_consistency_monitor_new (LkGenerator *generator)
{
  g_return_val_if_fail (LK_IS_GENERATOR (generator), NULL);

  return g_object_new (LK_TYPE_CONSISTENCY_MONITOR, "generator", generator, NULL);
}

LkGenerator *
lk_consistency_monitor_get_generator (LkConsistencyMonitor *self)
{
  g_return_val_if_fail (LK_IS_CONSISTENCY_MONITOR (self), NULL);

  return self->generator;
}

guint
lk_consistency_monitor_get_n_pending (LkConsistencyMonitor *self)
{
  g_return_val_if_fail (LK_IS_CONSISTENCY_MONITOR (self), 0);

  return self->n_pending;
}
