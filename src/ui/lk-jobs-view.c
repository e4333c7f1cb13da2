/* lk-jobs-view.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-job-row.h"
#include "lk-jobs-view.h"

struct _LkJobsView
{
  GtkWidget       parent_instance;

  /* Owned */
  LkGenerator    *generator;
  GListStore     *store;        /* LkGeneratorJob, newest first */
  GHashTable     *announced;    /* LkGeneratorJob whose job-finished was emitted */
  GCancellable   *cancellable;
  GPtrArray      *rows;         /* LkJobRow bound to a job (borrowed: the list owns them) */
  GPtrArray      *pending;      /* LkGeneratorJob seen, not yet in the store */
  gulong          jobs_handler;
  guint           tick_id;
  guint           flush_id;

  /* Template widgets */
  GtkInscription *summary_label;
  GtkRevealer    *message_revealer;
  GtkLabel       *message_label;
  GtkStack       *stack;
  GtkListView    *list_view;

  guint           can_clear : 1;
  guint           can_cancel : 1;
};

G_DEFINE_FINAL_TYPE (LkJobsView, lk_jobs_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GENERATOR,
  N_PROPS
};

enum {
  JOB_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
lk_jobs_view_describe_finished (LkGeneratorJob *job)
{
  const char *name;
  const GError *error;

  g_return_val_if_fail (LK_IS_GENERATOR_JOB (job), NULL);

  name = lk_generator_job_get_character_name (job);
  if (name == NULL || *name == '\0')
    name = _("Unknown character");
  error = lk_generator_job_get_error (job);

  switch (lk_generator_job_get_state (job))
    {
    case LK_JOB_SUCCEEDED:
      /* Translators: a toast or notification; %s is a character's name */
      return g_strdup_printf (_("Finished generating %s"), name);

    case LK_JOB_FAILED:
      if (error != NULL)
        /* Translators: a toast or notification; a character's name, then why in plain words */
        return g_strdup_printf (_("Generating %s failed: %s"), name, error->message);
      return g_strdup_printf (_("Generating %s failed"), name);

    case LK_JOB_CANCELLED:
      return g_strdup_printf (_("Generating %s was cancelled"), name);

    case LK_JOB_LOST:
      /* Translators: a toast or notification; %s is a character's name */
      return g_strdup_printf (_("The job for %s was lost: the server no longer knows it"), name);

    case LK_JOB_PENDING:
    case LK_JOB_QUEUED:
    case LK_JOB_RUNNING:
    default:
      {
        g_autofree char *state = lk_job_row_describe_state (job);

        /* Translators: a character's name, then the state of its job */
        return g_strdup_printf (_("%s: %s"), name, state);
      }
    }
}

/* ---- state shown in one place -------------------------------------------------------- */

static gboolean
tick_cb (gpointer user_data)
{
  LkJobsView *self = user_data;

  for (guint i = 0; i < self->rows->len; i++)
    {
      LkJobRow *row = g_ptr_array_index (self->rows, i);

      if (lk_job_row_is_timed (row))
        lk_job_row_update_time (row);
    }

  return G_SOURCE_CONTINUE;
}

static void
lk_jobs_view_update (LkJobsView *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_items = g_list_model_get_n_items (model);
  guint running = 0;
  guint waiting = 0;
  guint finished = 0;
  g_autofree char *summary = NULL;

  g_assert (LK_IS_JOBS_VIEW (self));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (model, i);
      LkJobState state = lk_generator_job_get_state (job);

      if (lk_generator_job_is_finished (job))
        finished++;
      else if (state == LK_JOB_RUNNING)
        running++;
      else
        waiting++;
    }

  /* Translators: the jobs queue's summary: how many jobs run, wait and are finished */
  summary = g_strdup_printf (_("Running: %u · Waiting: %u · Finished: %u"),
                             running, waiting, finished);
  gtk_inscription_set_text (self->summary_label, n_items > 0 ? summary : NULL);
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");

  /* each change reaches every row's button: only on a real change */
  if (self->can_clear != (finished > 0))
    {
      self->can_clear = finished > 0;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.clear-finished", self->can_clear);
    }
  if (self->can_cancel != (self->generator != NULL && running + waiting > 0))
    {
      self->can_cancel = self->generator != NULL && running + waiting > 0;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.cancel", self->can_cancel);
    }

  /* One timer for every row, and only while something runs. */
  if (running > 0 && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (running == 0)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* New jobs and state changes come in bursts (a batch of ten, every job of a project): the
 * store and the summary take them once per burst, before the next frame. */
static gboolean
flush_cb (gpointer user_data)
{
  LkJobsView *self = user_data;

  self->flush_id = 0;
  if (self->pending->len > 0)
    {
      g_autoptr(GPtrArray) jobs = g_steal_pointer (&self->pending);

      self->pending = g_ptr_array_new_with_free_func (g_object_unref);
      /* newest first */
      for (guint i = 0; i < jobs->len / 2; i++)
        {
          gpointer first = jobs->pdata[i];

          jobs->pdata[i] = jobs->pdata[jobs->len - 1 - i];
          jobs->pdata[jobs->len - 1 - i] = first;
        }
      g_list_store_splice (self->store, 0, 0, jobs->pdata, jobs->len);
    }
  lk_jobs_view_update (self);

  return G_SOURCE_REMOVE;
}

static void
queue_flush (LkJobsView *self)
{
  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, flush_cb, self, NULL);
}

static void
show_message (LkJobsView *self,
              const char *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

/* ---- the list of jobs ---------------------------------------------------------------- */

static void
job_state_cb (LkGeneratorJob *job,
              GParamSpec     *pspec,
              LkJobsView     *self)
{
  if (lk_generator_job_is_finished (job) && !g_hash_table_contains (self->announced, job))
    {
      g_hash_table_add (self->announced, g_object_ref (job));
      queue_flush (self);
      g_signal_emit (self, signals[JOB_FINISHED], 0, job);
      return;
    }

  queue_flush (self);
}

static void
forget_job (LkJobsView     *self,
            LkGeneratorJob *job)
{
  g_signal_handlers_disconnect_by_func (job, job_state_cb, self);
  g_hash_table_remove (self->announced, job);
}

static void
add_job (LkJobsView     *self,
         LkGeneratorJob *job)
{
  guint position;

  if (g_ptr_array_find (self->pending, job, NULL) || g_list_store_find (self->store, job, &position))
    return;

  /* A job seen only once it is over is listed, not announced. */
  if (lk_generator_job_is_finished (job))
    g_hash_table_add (self->announced, g_object_ref (job));
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self, 0);
  g_ptr_array_add (self->pending, g_object_ref (job));
  queue_flush (self);
}

/* Jobs leave the generator's list once their outcome is recorded; they stay in ours. */
static void
generator_jobs_changed_cb (LkJobsView *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *jobs)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (jobs, position + i);

      add_job (self, job);
    }
}

static void
remove_all (LkJobsView *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (model, i);

      forget_job (self, job);
    }
  for (guint i = 0; i < self->pending->len; i++)
    forget_job (self, g_ptr_array_index (self->pending, i));
  g_ptr_array_set_size (self->pending, 0);
  g_list_store_remove_all (self->store);
}

void
lk_jobs_view_clear_finished (LkJobsView *self)
{
  GListModel *model;
  g_autoptr(GPtrArray) kept = NULL;
  guint n_items;

  g_return_if_fail (LK_IS_JOBS_VIEW (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  flush_cb (self);
  model = G_LIST_MODEL (self->store);
  n_items = g_list_model_get_n_items (model);
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (model, i);

      if (lk_generator_job_is_finished (job))
        forget_job (self, job);
      else
        g_ptr_array_add (kept, g_steal_pointer (&job));
    }

  /* one items-changed for the whole list */
  if (kept->len < n_items)
    g_list_store_splice (self->store, 0, n_items, kept->pdata, kept->len);
  show_message (self, NULL);
  lk_jobs_view_update (self);
}

/* ---- actions ------------------------------------------------------------------------- */

static LkGeneratorJob *
find_job (LkJobsView *self,
          gint64      id)
{
  GListModel *model = lk_jobs_view_get_jobs (self);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (model, i);

      if (lk_generator_job_get_id (job) == id)
        return job;   /* the store keeps it alive */
    }

  return NULL;
}

typedef struct
{
  LkJobsView     *self;
  LkGeneratorJob *job;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->job);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CancelData, cancel_data_free)

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CancelData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (lk_generator_cancel_finish (LK_GENERATOR (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: a character's name, then why the job could not be cancelled */
  message = g_strdup_printf (_("The job for %s could not be cancelled: %s"),
                             lk_generator_job_get_character_name (data->job), error->message);
  show_message (data->self, message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkJobsView *self = LK_JOBS_VIEW (widget);
  LkGeneratorJob *job;
  CancelData *data;

  if (self->generator == NULL || (job = find_job (self, g_variant_get_int64 (parameter))) == NULL
      || lk_generator_job_is_finished (job))
    return;

  data = g_new0 (CancelData, 1);
  data->self = g_object_ref (self);
  data->job = g_object_ref (job);
  lk_generator_cancel_async (self->generator, job, self->cancellable, cancel_cb, data);
}

static void
clear_finished_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lk_jobs_view_clear_finished (LK_JOBS_VIEW (widget));
}

/* ---- rows ----------------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LkJobsView               *self)
{
  gtk_list_item_set_child (list_item, lk_job_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LkJobsView               *self)
{
  LkJobRow *row = LK_JOB_ROW (gtk_list_item_get_child (list_item));

  lk_job_row_set_job (row, gtk_list_item_get_item (list_item));
  g_ptr_array_add (self->rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               LkJobsView               *self)
{
  LkJobRow *row = LK_JOB_ROW (gtk_list_item_get_child (list_item));

  g_ptr_array_remove_fast (self->rows, row);
  lk_job_row_set_job (row, NULL);
}

/* ---- the object ---------------------------------------------------------------------- */

GtkWidget *
lk_jobs_view_new (void)
{
  return g_object_new (LK_TYPE_JOBS_VIEW, NULL);
}

LkGenerator *
lk_jobs_view_get_generator (LkJobsView *self)
{
  g_return_val_if_fail (LK_IS_JOBS_VIEW (self), NULL);

  return self->generator;
}

void
lk_jobs_view_set_generator (LkJobsView  *self,
                            LkGenerator *generator)
{
  GListModel *jobs;

  g_return_if_fail (LK_IS_JOBS_VIEW (self));
  g_return_if_fail (!generator || LK_IS_GENERATOR (generator));

  if (self->generator == generator)
    return;

  if (self->generator != NULL)
    g_clear_signal_handler (&self->jobs_handler, lk_generator_get_jobs (self->generator));
  remove_all (self);
  show_message (self, NULL);
  g_set_object (&self->generator, generator);

  if (generator != NULL)
    {
      jobs = lk_generator_get_jobs (generator);
      self->jobs_handler = g_signal_connect_object (jobs, "items-changed",
                                                    G_CALLBACK (generator_jobs_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
      generator_jobs_changed_cb (self, 0, 0, g_list_model_get_n_items (jobs), jobs);
    }

  lk_jobs_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
}

GListModel *
lk_jobs_view_get_jobs (LkJobsView *self)
{
  g_return_val_if_fail (LK_IS_JOBS_VIEW (self), NULL);

  /* jobs seen since the last frame are listed too */
  if (self->flush_id != 0)
    {
      g_clear_handle_id (&self->flush_id, g_source_remove);
      flush_cb (self);
    }

  return G_LIST_MODEL (self->store);
}

static void
lk_jobs_view_dispose (GObject *object)
{
  LkJobsView *self = LK_JOBS_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->generator != NULL)
    g_clear_signal_handler (&self->jobs_handler, lk_generator_get_jobs (self->generator));
  if (self->store != NULL)
    remove_all (self);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_JOBS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->generator);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_jobs_view_parent_class)->dispose (object);
}

static void
lk_jobs_view_finalize (GObject *object)
{
  LkJobsView *self = LK_JOBS_VIEW (object);

  g_clear_pointer (&self->announced, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_jobs_view_parent_class)->finalize (object);
}

static void
lk_jobs_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkJobsView *self = LK_JOBS_VIEW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_jobs_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkJobsView *self = LK_JOBS_VIEW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      lk_jobs_view_set_generator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_jobs_view_class_init (LkJobsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_jobs_view_dispose;
  object_class->finalize = lk_jobs_view_finalize;
  object_class->get_property = lk_jobs_view_get_property;
  object_class->set_property = lk_jobs_view_set_property;

  properties[PROP_GENERATOR] =
    g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkJobsView::job-finished:
   * @self: the view
   * @job: the job that reached a final state
   *
   * Emitted once per job listed when it succeeds, fails, is cancelled or is lost, with its
   * outcome recorded.
   */
  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LK_TYPE_GENERATOR_JOB);

  gtk_widget_class_install_action (widget_class, "jobs.cancel", "x", cancel_action);
  gtk_widget_class_install_action (widget_class, "jobs.clear-finished", NULL,
                                   clear_finished_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-jobs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkJobsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobsView, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkJobsView, message_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobsView, stack);
  gtk_widget_class_bind_template_child (widget_class, LkJobsView, list_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkjobsview");

  g_type_ensure (LK_TYPE_JOB_ROW);
}

static void
lk_jobs_view_init (LkJobsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (LK_TYPE_GENERATOR_JOB);
  self->announced = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Jobs"), -1);

  self->can_clear = TRUE;    /* so that the first update disables both actions */
  self->can_cancel = TRUE;
  lk_jobs_view_update (self);
}
