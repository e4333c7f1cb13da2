/* lk-viewer-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "Job" group of the viewer's side panel. The frame's PNG chunks say how it was made;
 * this says what the studio's catalog recorded about it: which job, for whom, by whom, when
 * and where. The viewer fills it from the same catalog lookup that checks the frame's LoRA. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-util.h"
#include "lk-viewer-job.h"

struct _LkViewerJob
{
  GtkWidget     parent_instance;

  /* Template widgets */
  AdwActionRow *job_row;
  AdwActionRow *character_row;
  AdwActionRow *profile_row;
  AdwActionRow *submitted_row;
  AdwActionRow *finished_row;
  AdwActionRow *server_row;
  AdwActionRow *error_row;
};

G_DEFINE_FINAL_TYPE (LkViewerJob, lk_viewer_job, GTK_TYPE_WIDGET)

/* Rows interpret markup; names and errors may hold '&' or '<'. A row without text is
 * hidden rather than shown empty. */
static void
set_row (AdwActionRow *row,
         const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && *text != '\0');
}

const char *
lk_viewer_job_describe_status (const char *status)
{
  static const struct
  {
    const char *status;
    const char *words;
  } words[] = {
    { "pending", N_("not sent yet") },
    { "queued", N_("queued on the server") },
    { "running", N_("running") },
    { "succeeded", N_("finished") },
    { "failed", N_("failed") },
    { "cancelled", N_("cancelled") },
    { "lost", N_("lost: the server forgot it") },
  };

  g_return_val_if_fail (status != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (status, words[i].status))
      return _(words[i].words);

  return status;
}

void
lk_viewer_job_set_check (LkViewerJob        *self,
                         const LkFrameCheck *check)
{
  g_autofree char *number = NULL;
  g_autofree char *job = NULL;
  g_autofree char *character = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *submitted_at = NULL;
  g_autofree char *finished_at = NULL;

  g_return_if_fail (LK_IS_VIEWER_JOB (self));

  gtk_widget_set_visible (GTK_WIDGET (self), check != NULL);
  if (check == NULL)
    return;

  if (check->job_id == 0)
    {
      set_row (self->job_row, _("Not recorded in the catalog: made outside Lorakeet, or "
                                "before its job was recorded"));
      set_row (self->character_row, NULL);
      set_row (self->profile_row, NULL);
      set_row (self->submitted_row, NULL);
      set_row (self->finished_row, NULL);
      set_row (self->server_row, NULL);
      set_row (self->error_row, NULL);
      return;
    }

  /* The number is formatted apart: xgettext cannot read G_GINT64_FORMAT in a message. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, check->job_id);
  /* Translators: a job's number in the catalog, then its status in words */
  job = g_strdup_printf (_("No. %s, %s"), number,
                         check->job_status ? lk_viewer_job_describe_status (check->job_status)
                                           : "");
  set_row (self->job_row, job);

  if (check->character_name != NULL && check->project_name != NULL)
    /* Translators: a character's name, then its project's */
    character = g_strdup_printf (_("%s, in %s"), check->character_name, check->project_name);
  else if (check->character_name != NULL)
    character = g_strdup (check->character_name);
  else
    character = g_strdup (_("None: the character was deleted"));
  set_row (self->character_row, character);

  set_row (self->profile_row, check->profile_name);

  submitted_at = lk_format_local_time (check->created_at);
  if (check->created_by != NULL && submitted_at != NULL)
    /* Translators: who submitted a job, then the date and time */
    submitted = g_strdup_printf (_("By %s, %s"), check->created_by, submitted_at);
  else
    submitted = g_strdup (submitted_at);
  set_row (self->submitted_row, submitted);

  finished_at = lk_format_local_time (check->finished_at);
  set_row (self->finished_row, finished_at);
  set_row (self->server_row, check->server_url);
  set_row (self->error_row, check->job_error);
}

static void
lk_viewer_job_dispose (GObject *object)
{
  LkViewerJob *self = (LkViewerJob *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VIEWER_JOB);
  /* The template's outer group has no id, so dispose_template() leaves it parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_viewer_job_parent_class)->dispose (object);
}

static void
lk_viewer_job_class_init (LkViewerJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_viewer_job_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-viewer-job.ui");
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, job_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, character_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, profile_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, submitted_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, finished_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, server_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewerJob, error_row);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lk_viewer_job_init (LkViewerJob *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
lk_viewer_job_new (void)
{
  return g_object_new (LK_TYPE_VIEWER_JOB, NULL);
}
