/* lk-validation-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-validation-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-outputs.h"
#include "lk-number-list.h"
#include "lk-validation-grid.h"
#include "lk-validation-window.h"

struct _LkValidationWindow
{
  AdwWindow             parent_instance;

  /* Owned */
  LkGenerator          *generator;
  LkCharacter          *character;
  LkValidationGrid     *grid;
  GCancellable         *cancellable;   /* the run */
  GArray               *seeds;         /* guint64, of the grid being made */
  GArray               *strengths;     /* double */
  GPtrArray            *watched;       /* LkGeneratorJob whose changes are followed */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwEntryRow          *seeds_row;
  AdwEntryRow          *strengths_row;
  GtkLabel             *setup_label;
  GtkLabel             *cell_label;
  GtkProgressBar       *progress_bar;
  GtkLabel             *failures_label;
  GtkPicture           *sheet_picture;
  GtkLabel             *sheet_label;
  GtkLabel             *sheet_failures_label;
  GtkLabel             *verdict_label;
  AdwStatusPage        *failed_page;
  GtkButton            *cancel_button;

  guint                 refresh_id;
  guint                 running : 1;
  guint                 storing : 1;
};

G_DEFINE_FINAL_TYPE (LkValidationWindow, lk_validation_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_GENERATOR, PROP_CHARACTER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
toast (LkValidationWindow *self,
       const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (LkValidationWindow *self)
{
  gboolean sheet = !self->running && self->grid != NULL
                   && lk_validation_grid_get_content_hash (self->grid) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.generate", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.cancel", self->running);
  /* Stop means something only while frames are being made */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.setup", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.approve",
                                 sheet && !self->storing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.reject",
                                 sheet && !self->storing);
}

/* Seeds and strengths ------------------------------------------------------------------- */

/* Reads both rows into the arrays; says what is wrong under them otherwise. */
static gboolean
read_grid (LkValidationWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  gboolean seeds_ok, strengths_ok;

  g_array_set_size (self->seeds, 0);
  g_array_set_size (self->strengths, 0);
  seeds_ok = lk_number_list_parse_seeds (gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)),
                                         self->seeds, &error);
  strengths_ok = seeds_ok
                 && lk_number_list_parse_strengths (
                      gtk_editable_get_text (GTK_EDITABLE (self->strengths_row)),
                      self->strengths, &error);

  if (seeds_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->seeds_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->seeds_row), "error");
  if (strengths_ok || !seeds_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->strengths_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->strengths_row), "error");

  if (error != NULL)
    {
      gtk_label_set_text (self->setup_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->setup_label), "error");
      return FALSE;
    }

  size = g_strdup_printf (ngettext ("%u frame: %u seeds × %u strengths",
                                    "%u frames: %u seeds × %u strengths",
                                    self->seeds->len * self->strengths->len),
                          self->seeds->len * self->strengths->len, self->seeds->len,
                          self->strengths->len);
  gtk_label_set_text (self->setup_label, size);
  gtk_widget_remove_css_class (GTK_WIDGET (self->setup_label), "error");
  return TRUE;
}

/* Progress ------------------------------------------------------------------------------ */

static char *
describe_cell (LkValidationWindow *self,
               guint               index)
{
  guint n_cols = self->seeds->len;

  return g_strdup_printf (_("seed %llu at strength %.2f"),
                          (unsigned long long)g_array_index (self->seeds, guint64,
                                                             index % n_cols),
                          g_array_index (self->strengths, double, index / n_cols));
}

static void schedule_refresh (LkValidationWindow *self);

static void
refresh_progress (LkValidationWindow *self)
{
  GPtrArray *jobs;
  guint n_cells = self->seeds->len * self->strengths->len;
  guint n_done = 0;
  double fraction = 0;
  int current = -1;
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autofree char *cell = NULL;
  g_autofree char *text = NULL;

  if (self->grid == NULL || !self->running)
    return;

  jobs = lk_validation_grid_get_jobs (self->grid);
  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);
      const GError *error = lk_generator_job_get_error (job);

      if (!g_ptr_array_find (self->watched, job, NULL))
        {
          g_ptr_array_add (self->watched, g_object_ref (job));
          g_signal_connect_object (job, "notify::state", G_CALLBACK (schedule_refresh), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (lk_generator_job_get_job (job), "notify::progress",
                                   G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
        }

      if (lk_generator_job_is_finished (job))
        {
          n_done++;
          fraction += 1;
        }
      else
        {
          fraction += CLAMP (lk_job_get_progress (lk_generator_job_get_job (job)), 0, 1);
          if (current < 0)
            current = (int)i;
        }

      if (error != NULL)
        {
          g_autofree char *where = describe_cell (self, i);

          /* Translators: "seed 2 at strength 0.60: the server is not reachable" */
          g_string_append_printf (failures, _("%s failed: %s"), where, error->message);
          g_string_append_c (failures, '\n');
        }
    }

  if (current < 0 && jobs->len < n_cells)
    current = (int)jobs->len;   /* the next one is being sent */

  if (current >= 0)
    {
      g_autofree char *where = describe_cell (self, (guint)current);
      LkGeneratorJob *job = (guint)current < jobs->len ? g_ptr_array_index (jobs, current)
                                                       : NULL;
      LkJobState state = job ? lk_generator_job_get_state (job) : LK_JOB_PENDING;

      cell = g_strdup_printf (state == LK_JOB_RUNNING ? _("Generating %s")
                              : _("Waiting to generate %s"), where);
    }
  else
    cell = g_strdup (_("Putting the frames on the sheet…"));
  gtk_label_set_text (self->cell_label, cell);

  text = g_strdup_printf (_("%u of %u frames"), n_done, n_cells);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_cells > 0 ? fraction / n_cells : 0);

  if (failures->len > 0)
    g_string_truncate (failures, failures->len - 1);
  gtk_label_set_text (self->failures_label, failures->str);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_label), failures->len > 0);
  gtk_label_set_text (self->sheet_failures_label, failures->str);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_failures_label), failures->len > 0);
}

static void
refresh_idle_cb (gpointer user_data)
{
  LkValidationWindow *self = user_data;

  self->refresh_id = 0;
  refresh_progress (self);
}

/* A job's state or progress changed: once per main-loop turn, however many changed. */
static void
schedule_refresh (LkValidationWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_once (refresh_idle_cb, self);
}

static void
stop_following (LkValidationWindow *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (self->watched, i);

      g_signal_handlers_disconnect_by_data (job, self);
      g_signal_handlers_disconnect_by_data (lk_generator_job_get_job (job), self);
    }
  g_ptr_array_set_size (self->watched, 0);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
}

/* Running ------------------------------------------------------------------------------- */

static void
show_sheet (LkValidationWindow *self)
{
  const char *path = lk_validation_grid_get_sheet_path (self->grid);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *note = NULL;

  gtk_picture_set_filename (self->sheet_picture, path);
  note = g_strdup_printf (_("The sheet is in the gallery as “%s”, beside the grid’s frames in "
                            "%s. Approving or rejecting it here is the same as in the gallery."),
                          name, dir);
  gtk_label_set_text (self->sheet_label, note);
  gtk_label_set_text (self->verdict_label,
                      _("Does the LoRA hold the character at every strength?"));
  gtk_stack_set_visible_child_name (self->stack, "sheet");
}

static void
grid_ran_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkValidationWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_validation_grid_run_finish (LK_VALIDATION_GRID (object), result, &error);

  if ((gpointer)object != (gpointer)self->grid)
    return;   /* a grid the window has given up on */

  refresh_progress (self);
  self->running = FALSE;
  stop_following (self);

  if (ok)
    show_sheet (self);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      toast (self, _("The validation grid was stopped."));
    }
  else
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
    }
  update_actions (self);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkValidationWindow *self = LK_VALIDATION_WINDOW (widget);

  if (self->running)
    return;
  if (!read_grid (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      toast (self, gtk_label_get_text (self->setup_label));
      return;
    }

  g_clear_object (&self->grid);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->grid = lk_validation_grid_new (self->generator, lk_character_get_id (self->character));
  lk_validation_grid_set_seeds (self->grid, (const guint64 *)(gpointer)self->seeds->data,
                                self->seeds->len);
  lk_validation_grid_set_strengths (self->grid, (const double *)(gpointer)self->strengths->data,
                                    self->strengths->len);

  self->running = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  /* each cell's job is followed from when it is sent (refresh_progress() connects to it) */
  g_signal_connect_object (self->grid, "job-added", G_CALLBACK (refresh_progress), self,
                           G_CONNECT_SWAPPED);
  lk_validation_grid_run_async (self->grid, self->cancellable, grid_ran_cb, g_object_ref (self));
  refresh_progress (self);
  update_actions (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkValidationWindow *self = LK_VALIDATION_WINDOW (widget);
  GPtrArray *jobs;

  if (!self->running)
    return;

  /* no more frames are sent; those already sent are taken off the servers */
  g_cancellable_cancel (self->cancellable);
  jobs = lk_validation_grid_get_jobs (self->grid);
  for (guint i = 0; i < jobs->len; i++)
    if (!lk_generator_job_is_finished (g_ptr_array_index (jobs, i)))
      lk_generator_cancel_async (self->generator, g_ptr_array_index (jobs, i), NULL, NULL, NULL);
  gtk_label_set_text (self->cell_label, _("Stopping…"));
}

static void
setup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkValidationWindow *self = LK_VALIDATION_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "setup");
  gtk_widget_grab_focus (GTK_WIDGET (self->seeds_row));
}

/* Review -------------------------------------------------------------------------------- */

static void
reviewed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkValidationWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LkReviewVerdict verdict = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self),
                                                                "lk-verdict"));

  self->storing = FALSE;
  update_actions (self);
  if (!lk_catalog_replace_review_finish (LK_CATALOG (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The review was not stored: %s"),
                                                  error->message);

      toast (self, message);
      return;
    }

  gtk_label_set_text (self->verdict_label,
                      verdict == LK_REVIEW_VERDICT_APPROVED
                        ? _("Approved: the review is stored in the catalog.")
                        : _("Rejected: the review is stored in the catalog."));
}

static void
review (LkValidationWindow *self,
        LkReviewVerdict     verdict)
{
  const char *hash;

  if (self->grid == NULL || self->storing
      || (hash = lk_validation_grid_get_content_hash (self->grid)) == NULL)
    return;

  self->storing = TRUE;
  update_actions (self);
  g_object_set_data (G_OBJECT (self), "lk-verdict", GINT_TO_POINTER (verdict));
  /* not cancelled with the window: a review made just before closing it is still kept */
  lk_catalog_replace_review_async (lk_generator_get_catalog (self->generator), hash, 0, verdict,
                                   0, NULL, NULL, NULL, reviewed_cb, g_object_ref (self));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  review (LK_VALIDATION_WINDOW (widget), LK_REVIEW_VERDICT_APPROVED);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  review (LK_VALIDATION_WINDOW (widget), LK_REVIEW_VERDICT_REJECTED);
}

/* GObject ------------------------------------------------------------------------------- */

static void
lk_validation_window_constructed (GObject *object)
{
  LkValidationWindow *self = (LkValidationWindow *)object;
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (lk_validation_window_parent_class)->constructed (object);

  g_assert (LK_IS_GENERATOR (self->generator));
  g_assert (LK_IS_CHARACTER (self->character));

  subtitle = g_strdup_printf (_("%s’s LoRA"), lk_character_get_name (self->character));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  read_grid (self);
  update_actions (self);
}

static void
lk_validation_window_dispose (GObject *object)
{
  LkValidationWindow *self = (LkValidationWindow *)object;

  /* closing the window stops sending frames; those already sent finish on the server and
   * stay in the gallery */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->watched != NULL)
    stop_following (self);
  g_clear_object (&self->grid);
  g_clear_object (&self->generator);
  g_clear_object (&self->character);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VALIDATION_WINDOW);

  G_OBJECT_CLASS (lk_validation_window_parent_class)->dispose (object);
}

static void
lk_validation_window_finalize (GObject *object)
{
  LkValidationWindow *self = (LkValidationWindow *)object;

  g_clear_pointer (&self->seeds, g_array_unref);
  g_clear_pointer (&self->strengths, g_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_validation_window_parent_class)->finalize (object);
}

static void
lk_validation_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LkValidationWindow *self = LK_VALIDATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;
    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_validation_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LkValidationWindow *self = LK_VALIDATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      self->generator = g_value_dup_object (value);
      break;
    case PROP_CHARACTER:
      self->character = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_validation_window_class_init (LkValidationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lk_validation_window_constructed;
  object_class->dispose = lk_validation_window_dispose;
  object_class->finalize = lk_validation_window_finalize;
  object_class->get_property = lk_validation_window_get_property;
  object_class->set_property = lk_validation_window_set_property;

  properties[PROP_GENERATOR] = g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                                                    construct);
  properties[PROP_CHARACTER] = g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                                                    construct);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lorakeet/Lorakeet/ui/lk-validation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, seeds_row);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, strengths_row);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, setup_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, cell_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, failures_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, sheet_picture);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, sheet_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, sheet_failures_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LkValidationWindow, failed_page);

  gtk_widget_class_install_action (widget_class, "validation.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "validation.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "validation.setup", NULL, setup_action);
  gtk_widget_class_install_action (widget_class, "validation.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "validation.reject", NULL, reject_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
entry_activated_cb (LkValidationWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "validation.generate", NULL);
}

static void
seeds_changed_cb (LkValidationWindow *self)
{
  /* the arrays describe the grid being made until it is done */
  if (!self->running)
    read_grid (self);
}

static void
lk_validation_window_init (LkValidationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->strengths = g_array_new (FALSE, FALSE, sizeof (double));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_swapped (self->seeds_row, "changed", G_CALLBACK (seeds_changed_cb), self);
  g_signal_connect_swapped (self->strengths_row, "changed", G_CALLBACK (seeds_changed_cb), self);
  g_signal_connect_swapped (self->seeds_row, "entry-activated",
                            G_CALLBACK (entry_activated_cb), self);
  g_signal_connect_swapped (self->strengths_row, "entry-activated",
                            G_CALLBACK (entry_activated_cb), self);
}

GtkWidget *
lk_validation_window_new (GtkWindow   *parent,
                          LkGenerator *generator,
                          LkCharacter *character)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LK_IS_GENERATOR (generator), NULL);
  g_return_val_if_fail (LK_IS_CHARACTER (character), NULL);

  return g_object_new (LK_TYPE_VALIDATION_WINDOW, "generator", generator,
                       "character", character, "transient-for", parent, NULL);
}
