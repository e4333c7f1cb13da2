/* lk-job-row.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-job-row.h"

/* Previews are shown small: decoding them at this size keeps the textures light. */
#define PREVIEW_SIZE 128

#define UPDATE_INTERVAL_MS 100

struct _LkJobRow
{
  GtkWidget       parent_instance;

  /* Owned */
  LkGeneratorJob *job;
  LkJob          *comfy_job;           /* the job's ComfyUI job, followed for progress */
  GCancellable   *decode_cancellable;  /* the preview being decoded, if any */
  char           *a11y_text;           /* what the accessible names were made from */
  gint64          cancel_target;       /* the job id the Cancel button sends */

  /* Template widgets */
  GtkPicture     *preview;
  GtkLabel       *name_label;
  GtkLabel       *state_label;
  GtkProgressBar *progress_bar;
  GtkInscription *node_label;     /* inscriptions: their text changes every step, their */
  GtkInscription *time_label;     /* size does not, so the list is not laid out again */
  GtkLabel       *error_label;
  GtkExpander    *details_expander;
  GtkLabel       *details_label;
  GtkLabel       *warning_label;
  GtkButton      *cancel_button;

  guint           update_id;           /* progress shown at most every UPDATE_INTERVAL_MS */

  guint           decode_again : 1;    /* the preview changed while one was decoding */
};

G_DEFINE_FINAL_TYPE (LkJobRow, lk_job_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lk_job_row_decode_preview (LkJobRow *self);

static const char *
character_name (LkGeneratorJob *job)
{
  const char *name = lk_generator_job_get_character_name (job);

  return name != NULL && *name != '\0' ? name : _("Unknown character");
}

char *
lk_job_row_describe_state (LkGeneratorJob *job)
{
  LkJob *comfy_job;
  int position;

  g_return_val_if_fail (LK_IS_GENERATOR_JOB (job), NULL);

  comfy_job = lk_generator_job_get_job (job);
  switch (lk_generator_job_get_state (job))
    {
    case LK_JOB_PENDING:
      return g_strdup (_("Waiting to be sent"));

    case LK_JOB_QUEUED:
      position = comfy_job != NULL ? lk_job_get_queue_position (comfy_job) : -1;
      if (position == 1)
        return g_strdup (_("Queued, next in line"));
      if (position > 1)
        /* Translators: a job waiting in the server's queue; %d is its place in the line */
        return g_strdup_printf (_("Queued, number %d in line"), position);
      return g_strdup (_("Queued"));

    case LK_JOB_RUNNING:
      return g_strdup (_("Running"));

    case LK_JOB_SUCCEEDED:
      return g_strdup (_("Finished"));

    case LK_JOB_FAILED:
      return g_strdup (_("Failed"));

    case LK_JOB_CANCELLED:
      return g_strdup (_("Cancelled"));

    case LK_JOB_LOST:
      return g_strdup (_("Lost"));

    default:
      g_assert_not_reached ();
    }
}

/* The node running, by its title in the workflow when it has one, else its type. */
static const char *
node_title (LkJob      *comfy_job,
            const char *node)
{
  JsonObject *graph = lk_job_get_graph (comfy_job);
  JsonObject *entry;
  JsonObject *meta;

  if (graph == NULL || !json_object_has_member (graph, node)
      || !(entry = json_object_get_object_member (graph, node)))
    return node;

  if (json_object_has_member (entry, "_meta")
      && (meta = json_object_get_object_member (entry, "_meta")) != NULL
      && json_object_has_member (meta, "title"))
    return json_object_get_string_member_with_default (meta, "title", node);

  return json_object_get_string_member_with_default (entry, "class_type", node);
}

static char *
format_duration (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int)(seconds / 60 % 60), (int)(seconds % 60));
  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

gboolean
lk_job_row_is_timed (LkJobRow *self)
{
  g_return_val_if_fail (LK_IS_JOB_ROW (self), FALSE);

  return self->job != NULL && lk_generator_job_get_state (self->job) == LK_JOB_RUNNING;
}

void
lk_job_row_update_time (LkJobRow *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *elapsed_text = NULL;
  g_autofree char *text = NULL;
  GDateTime *started;
  GDateTime *finished;
  double progress;
  gint64 elapsed;

  g_return_if_fail (LK_IS_JOB_ROW (self));

  if (self->comfy_job == NULL || (started = lk_job_get_started_at (self->comfy_job)) == NULL)
    {
      gtk_inscription_set_text (self->time_label, NULL);
      return;
    }

  finished = lk_job_get_finished_at (self->comfy_job);
  if (finished == NULL)
    finished = now = g_date_time_new_now_utc ();
  elapsed = g_date_time_difference (finished, started) / G_TIME_SPAN_SECOND;
  elapsed_text = format_duration (elapsed);
  progress = lk_job_get_progress (self->comfy_job);

  /* An estimate from the rate so far, once there is enough of it to mean something. */
  if (lk_job_row_is_timed (self) && progress >= 0.05 && progress < 1 && elapsed >= 1)
    {
      g_autofree char *left = format_duration ((gint64)(elapsed * (1 - progress) / progress + 0.5));

      /* Translators: the time a job has run, then an estimate of the time left */
      text = g_strdup_printf (_("%s elapsed, about %s left"), elapsed_text, left);
    }
  else
    {
      /* Translators: the time a job has run */
      text = g_strdup_printf (_("%s elapsed"), elapsed_text);
    }

  gtk_inscription_set_text (self->time_label, text);
}

static void
lk_job_row_update (LkJobRow *self)
{
  g_autofree char *state_text = NULL;
  g_autofree char *node_text = NULL;
  g_autofree char *cancel_label = NULL;
  g_autofree char *progress_label = NULL;
  g_autofree char *row_label = NULL;
  g_autofree char *technical = NULL;
  g_autofree char *a11y_text = NULL;
  const GError *error;
  const char *detail = NULL;
  const char *warning;
  const char *name;
  const char *node = NULL;
  LkJobState state;
  double progress = 0;

  g_assert (LK_IS_JOB_ROW (self));

  if (self->job == NULL)
    return;

  name = character_name (self->job);
  state = lk_generator_job_get_state (self->job);
  state_text = lk_job_row_describe_state (self->job);
  error = lk_generator_job_get_error (self->job);
  warning = lk_generator_job_get_warning (self->job);

  if (self->comfy_job != NULL)
    {
      progress = lk_job_get_progress (self->comfy_job);
      node = lk_job_get_node (self->comfy_job);
      detail = lk_job_get_error_detail (self->comfy_job);
      if (warning == NULL)
        warning = lk_job_get_warning (self->comfy_job);
    }
  if (state == LK_JOB_SUCCEEDED)
    progress = 1;

  /* Errors found before anything ran carry no server text: name the error instead. */
  if (error != NULL && detail == NULL)
    detail = technical = g_strdup_printf ("%s, code %d", g_quark_to_string (error->domain),
                                          error->code);

  if (state == LK_JOB_RUNNING && node != NULL)
    {
      const char *title = node_title (self->comfy_job, node);
      double value = lk_job_get_node_value (self->comfy_job);
      double max = lk_job_get_node_max (self->comfy_job);

      if (max > 1)
        /* Translators: the workflow node running, then its step and number of steps */
        node_text = g_strdup_printf (_("%s, step %.0f of %.0f"), title, value, max);
      else
        node_text = g_strdup (title);
    }

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->state_label, state_text);
  gtk_inscription_set_text (self->node_label, node_text);
  gtk_progress_bar_set_fraction (self->progress_bar, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state <= LK_JOB_SUCCEEDED);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), error != NULL);
  gtk_label_set_label (self->details_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
  gtk_label_set_label (self->warning_label, warning ? warning : "");

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          !lk_generator_job_is_finished (self->job));
  if (self->cancel_target != lk_generator_job_get_id (self->job))
    {
      self->cancel_target = lk_generator_job_get_id (self->job);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "x",
                                        self->cancel_target);
    }

  /* Accessible names change with the state, not with every step. */
  a11y_text = g_strdup_printf ("%s\n%s\n%s", name, state_text, error ? error->message : "");
  if (g_strcmp0 (a11y_text, self->a11y_text) == 0)
    {
      lk_job_row_update_time (self);
      return;
    }
  g_free (self->a11y_text);
  self->a11y_text = g_steal_pointer (&a11y_text);

  /* Translators: the accessible name of a job's Cancel button; %s is a character's name */
  cancel_label = g_strdup_printf (_("Cancel job for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_label, -1);
  /* Translators: the accessible name of a job's progress bar; %s is a character's name */
  progress_label = g_strdup_printf (_("Progress of job for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, progress_label, -1);
  /* Translators: how a screen reader names a job row: the character, then the state */
  row_label = g_strdup_printf (_("Job for %s: %s"), name, state_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error ? error->message : "",
                                  -1);

  lk_job_row_update_time (self);
}

/* ---- the live preview ----------------------------------------------------------------- */

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  double scale;

  if (width <= PREVIEW_SIZE && height <= PREVIEW_SIZE)
    return;
  scale = (double)PREVIEW_SIZE / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale)), MAX (1, (int)(height * scale)));
}

static void
decode_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error)
      || !gdk_pixbuf_loader_close (loader, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "the preview holds no image");
      return;
    }

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkJobRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->decode_cancellable);
  if (texture != NULL)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  else
    g_debug ("A job preview could not be decoded: %s", error->message);

  if (self->decode_again)
    lk_job_row_decode_preview (self);
}

/* At most one decode at a time per row; a preview that arrives meanwhile is decoded next, and
 * those in between are skipped. */
static void
lk_job_row_decode_preview (LkJobRow *self)
{
  g_autoptr(GTask) task = NULL;
  GBytes *bytes;

  g_assert (LK_IS_JOB_ROW (self));

  self->decode_again = FALSE;
  if (self->comfy_job == NULL || (bytes = lk_job_get_preview (self->comfy_job)) == NULL)
    return;

  if (self->decode_cancellable != NULL)
    {
      self->decode_again = TRUE;
      return;
    }

  self->decode_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->decode_cancellable, decode_cb, g_object_ref (self));
  g_task_set_source_tag (task, lk_job_row_decode_preview);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_worker);
}

static void
lk_job_row_stop_preview (LkJobRow *self)
{
  g_cancellable_cancel (self->decode_cancellable);
  g_clear_object (&self->decode_cancellable);
  self->decode_again = FALSE;
  gtk_picture_set_paintable (self->preview, NULL);
}

/* ---- following the job --------------------------------------------------------------- */

static gboolean
update_timeout_cb (gpointer user_data)
{
  LkJobRow *self = user_data;

  self->update_id = 0;
  lk_job_row_update (self);

  return G_SOURCE_REMOVE;
}

/* A running job reports every sampler step, often hundreds of times a second: the row follows
 * ten times a second at most, so a busy queue does not redraw the window at every frame. */
static void
comfy_job_notify_cb (LkJobRow   *self,
                     GParamSpec *pspec,
                     LkJob      *comfy_job)
{
  if (g_strcmp0 (pspec->name, "preview") == 0)
    lk_job_row_decode_preview (self);
  else if (g_strcmp0 (pspec->name, "preview-mime") != 0 && self->update_id == 0)
    self->update_id = g_timeout_add (UPDATE_INTERVAL_MS, update_timeout_cb, self);
}

static void
lk_job_row_set_comfy_job (LkJobRow *self,
                          LkJob    *comfy_job)
{
  if (self->comfy_job == comfy_job)
    return;

  if (self->comfy_job != NULL)
    g_signal_handlers_disconnect_by_func (self->comfy_job, comfy_job_notify_cb, self);
  lk_job_row_stop_preview (self);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_set_object (&self->comfy_job, comfy_job);
  if (comfy_job != NULL)
    {
      g_signal_connect_object (comfy_job, "notify", G_CALLBACK (comfy_job_notify_cb), self,
                               G_CONNECT_SWAPPED);
      lk_job_row_decode_preview (self);
    }
}

static void
job_notify_cb (LkJobRow       *self,
               GParamSpec     *pspec,
               LkGeneratorJob *job)
{
  lk_job_row_set_comfy_job (self, lk_generator_job_get_job (job));
  lk_job_row_update (self);
}

GtkWidget *
lk_job_row_new (void)
{
  return g_object_new (LK_TYPE_JOB_ROW, NULL);
}

LkGeneratorJob *
lk_job_row_get_job (LkJobRow *self)
{
  g_return_val_if_fail (LK_IS_JOB_ROW (self), NULL);

  return self->job;
}

void
lk_job_row_set_job (LkJobRow       *self,
                    LkGeneratorJob *job)
{
  g_return_if_fail (LK_IS_JOB_ROW (self));
  g_return_if_fail (!job || LK_IS_GENERATOR_JOB (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);
  g_set_object (&self->job, job);
  g_clear_pointer (&self->a11y_text, g_free);
  lk_job_row_set_comfy_job (self, job ? lk_generator_job_get_job (job) : NULL);
  if (job != NULL)
    {
      g_signal_connect_object (job, "notify", G_CALLBACK (job_notify_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_expander_set_expanded (self->details_expander, FALSE);
      lk_job_row_update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
lk_job_row_dispose (GObject *object)
{
  LkJobRow *self = LK_JOB_ROW (object);
  GtkWidget *child;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);
  if (self->comfy_job != NULL)
    g_signal_handlers_disconnect_by_func (self->comfy_job, comfy_job_notify_cb, self);
  g_clear_object (&self->job);
  g_clear_object (&self->comfy_job);
  g_cancellable_cancel (self->decode_cancellable);
  g_clear_object (&self->decode_cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_JOB_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_job_row_parent_class)->dispose (object);
}

static void
lk_job_row_finalize (GObject *object)
{
  LkJobRow *self = LK_JOB_ROW (object);

  g_clear_pointer (&self->a11y_text, g_free);

  G_OBJECT_CLASS (lk_job_row_parent_class)->finalize (object);
}

static void
lk_job_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkJobRow *self = LK_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_job_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LkJobRow *self = LK_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      lk_job_row_set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_job_row_class_init (LkJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_job_row_dispose;
  object_class->finalize = lk_job_row_finalize;
  object_class->get_property = lk_job_row_get_property;
  object_class->set_property = lk_job_row_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, LK_TYPE_GENERATOR_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, preview);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, node_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, details_expander);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, LkJobRow, cancel_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkjobrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_job_row_init (LkJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the target first: the action takes the job's id */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "x", (gint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "jobs.cancel");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Live preview"), -1);
}
