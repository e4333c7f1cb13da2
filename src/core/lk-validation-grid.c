/* lk-validation-grid.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-validation-grid"

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lk-comfy-output.h"
#include "lk-file-hash.h"
#include "lk-image-thumbnail.h"
#include "lk-util.h"
#include "lk-validation-grid.h"

#define LABEL_WIDTH 150
#define HEADER_HEIGHT 80
#define GAP 8

struct _LkValidationGrid
{
  GObject      parent_instance;

  /* Owned */
  LkGenerator *generator;
  GArray      *seeds;       /* guint64 */
  GArray      *strengths;   /* double */
  char        *server_url;
  char        *prompt;
  GPtrArray   *jobs;        /* LkGeneratorJob, row by row */
  char        *sheet_path;
  char        *content_hash;
  GTask       *task;        /* the run in progress */

  gint64       character_id;
  guint        started : 1;
};

G_DEFINE_FINAL_TYPE (LkValidationGrid, lk_validation_grid, G_TYPE_OBJECT)

enum { PROP_0, PROP_GENERATOR, PROP_CHARACTER_ID, PROP_SHEET_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { JOB_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const guint64 default_seeds[] = { 1, 2, 3 };
static const double default_strengths[] = { 0.6, 0.8, 1.0 };

static void
lk_validation_grid_dispose (GObject *object)
{
  LkValidationGrid *self = (LkValidationGrid *)object;

  if (self->jobs != NULL)
    for (guint i = 0; i < self->jobs->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);
  g_clear_object (&self->generator);

  G_OBJECT_CLASS (lk_validation_grid_parent_class)->dispose (object);
}

static void
lk_validation_grid_finalize (GObject *object)
{
  LkValidationGrid *self = (LkValidationGrid *)object;

  g_clear_pointer (&self->seeds, g_array_unref);
  g_clear_pointer (&self->strengths, g_array_unref);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_free (self->server_url);
  g_free (self->prompt);
  g_free (self->sheet_path);
  g_free (self->content_hash);
  g_assert (self->task == NULL);

  G_OBJECT_CLASS (lk_validation_grid_parent_class)->finalize (object);
}

static void
lk_validation_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkValidationGrid *self = LK_VALIDATION_GRID (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;
    case PROP_CHARACTER_ID:
      g_value_set_int64 (value, self->character_id);
      break;
    case PROP_SHEET_PATH:
      g_value_set_string (value, self->sheet_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_validation_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkValidationGrid *self = LK_VALIDATION_GRID (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      self->generator = g_value_dup_object (value);
      break;
    case PROP_CHARACTER_ID:
      self->character_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_validation_grid_class_init (LkValidationGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_validation_grid_dispose;
  object_class->finalize = lk_validation_grid_finalize;
  object_class->get_property = lk_validation_grid_get_property;
  object_class->set_property = lk_validation_grid_set_property;

  properties[PROP_GENERATOR] = g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                                                    construct);
  properties[PROP_CHARACTER_ID] = g_param_spec_int64 ("character-id", NULL, NULL, 0, G_MAXINT64,
                                                      0, construct);
  properties[PROP_SHEET_PATH] = g_param_spec_string ("sheet-path", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkValidationGrid::job-added:
   * @self: the grid
   * @job: the #LkGeneratorJob of the next cell, just sent
   *
   * Emitted as each cell's frame is sent, so a view can follow its progress.
   */
  signals[JOB_ADDED] = g_signal_new ("job-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, LK_TYPE_GENERATOR_JOB);
}

static void
lk_validation_grid_init (LkValidationGrid *self)
{
  self->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->strengths = g_array_new (FALSE, FALSE, sizeof (double));
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_array_append_vals (self->seeds, default_seeds, G_N_ELEMENTS (default_seeds));
  g_array_append_vals (self->strengths, default_strengths, G_N_ELEMENTS (default_strengths));
}

LkValidationGrid *
lk_validation_grid_new (LkGenerator *generator,
                        gint64       character_id)
{
  g_return_val_if_fail (LK_IS_GENERATOR (generator), NULL);
  g_return_val_if_fail (character_id > 0, NULL);

  return g_object_new (LK_TYPE_VALIDATION_GRID, "generator", generator,
                       "character-id", character_id, NULL);
}

void
lk_validation_grid_set_seeds (LkValidationGrid *self,
                              const guint64    *seeds,
                              guint             n_seeds)
{
  g_return_if_fail (LK_IS_VALIDATION_GRID (self));
  g_return_if_fail (seeds != NULL && n_seeds > 0);
  g_return_if_fail (!self->started);

  g_array_set_size (self->seeds, 0);
  g_array_append_vals (self->seeds, seeds, n_seeds);
}

void
lk_validation_grid_set_strengths (LkValidationGrid *self,
                                  const double     *strengths,
                                  guint             n_strengths)
{
  g_return_if_fail (LK_IS_VALIDATION_GRID (self));
  g_return_if_fail (strengths != NULL && n_strengths > 0);
  g_return_if_fail (!self->started);

  g_array_set_size (self->strengths, 0);
  g_array_append_vals (self->strengths, strengths, n_strengths);
}

void
lk_validation_grid_set_server_url (LkValidationGrid *self,
                                   const char       *server_url)
{
  g_return_if_fail (LK_IS_VALIDATION_GRID (self));

  lk_set_str (&self->server_url, server_url);
}

void
lk_validation_grid_set_prompt (LkValidationGrid *self,
                               const char       *prompt)
{
  g_return_if_fail (LK_IS_VALIDATION_GRID (self));

  lk_set_str (&self->prompt, prompt);
}

GPtrArray *
lk_validation_grid_get_jobs (LkValidationGrid *self)
{
  g_return_val_if_fail (LK_IS_VALIDATION_GRID (self), NULL);

  return self->jobs;
}

const char *
lk_validation_grid_get_sheet_path (LkValidationGrid *self)
{
  g_return_val_if_fail (LK_IS_VALIDATION_GRID (self), NULL);

  return self->sheet_path;
}

const char *
lk_validation_grid_get_content_hash (LkValidationGrid *self)
{
  g_return_val_if_fail (LK_IS_VALIDATION_GRID (self), NULL);

  return self->content_hash;
}

/* Composing the sheet (worker thread) ---------------------------------------------------- */

typedef struct
{
  char      *title;
  GArray    *seeds;
  GArray    *strengths;
  GPtrArray *cells;     /* per cell: the frame's path, or NULL */
  GPtrArray *failures;  /* per cell: why there is no frame, or NULL */
  char      *path;
  char      *subfolder;
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->title);
  g_clear_pointer (&sheet->seeds, g_array_unref);
  g_clear_pointer (&sheet->strengths, g_array_unref);
  g_clear_pointer (&sheet->cells, g_ptr_array_unref);
  g_clear_pointer (&sheet->failures, g_ptr_array_unref);
  g_free (sheet->path);
  g_free (sheet->subfolder);
  g_free (sheet);
}

static void
paint_pixbuf (cairo_t   *cr,
              GdkPixbuf *pixbuf,
              double     x,
              double     y)
{
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
  int width = gdk_pixbuf_get_width (rgba), height = gdk_pixbuf_get_height (rgba);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  const guint8 *src = gdk_pixbuf_read_pixels (rgba);
  guint8 *dst = cairo_image_surface_get_data (surface);
  int src_stride = gdk_pixbuf_get_rowstride (rgba);
  int dst_stride = cairo_image_surface_get_stride (surface);

  for (int row = 0; row < height; row++)
    for (int col = 0; col < width; col++)
      {
        const guint8 *p = src + row * src_stride + col * 4;
        guint32 a = p[3];
        guint32 r = p[0] * a / 255, g = p[1] * a / 255, b = p[2] * a / 255;

        *(guint32 *)(dst + row * dst_stride + col * 4) = (a << 24) | (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (surface);
  cairo_set_source_surface (cr, surface, x, y);
  cairo_paint (cr);
  cairo_surface_destroy (surface);
}

static void
show_text_centred (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      width)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x + MAX (0, (width - extents.x_advance) / 2), y);
  cairo_show_text (cr, text);
}

/* ComfyUI names its images by their format; going by the name spares GdkPixbuf's sniffing,
 * which needs the shared MIME database. */
static const char *
pixbuf_type_for_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    return "png";
  if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg"))
    return "jpeg";
  if (g_str_has_suffix (lower, ".webp"))
    return "webp";
  return NULL;
}

static GdkPixbuf *
load_cell (const char    *path,
           int            size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  /* the thumbnailer's decoder: small where it can, upright, no decompression bombs */
  return lk_image_thumbnail_decode ((const guint8 *)contents, length,
                                    pixbuf_type_for_name (path), size, NULL, NULL, cancellable,
                                    error);
}

static void
compose_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Sheet *sheet = task_data;
  guint n_cols = sheet->seeds->len, n_rows = sheet->strengths->len;
  int cell = LK_VALIDATION_GRID_CELL_SIZE;
  int width = LABEL_WIDTH + n_cols * (cell + GAP) + GAP;
  int height = HEADER_HEIGHT + n_rows * (cell + GAP) + GAP;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *tmp = g_strconcat (sheet->path, ".part", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  cairo_status_t status;
  char *hash;

  cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  cairo_paint (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_font_size (cr, 20);
  cairo_move_to (cr, GAP, 28);
  cairo_show_text (cr, sheet->title);

  cairo_set_font_size (cr, 16);
  for (guint col = 0; col < n_cols; col++)
    {
      g_autofree char *label =
        g_strdup_printf (_("seed %llu"),
                         (unsigned long long)g_array_index (sheet->seeds, guint64, col));

      show_text_centred (cr, label, LABEL_WIDTH + col * (cell + GAP), HEADER_HEIGHT - 14, cell);
    }

  for (guint row = 0; row < n_rows; row++)
    {
      double y = HEADER_HEIGHT + row * (cell + GAP);
      g_autofree char *label = g_strdup_printf (_("strength %.2f"),
                                                g_array_index (sheet->strengths, double, row));

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_set_font_size (cr, 16);
      cairo_move_to (cr, GAP, y + cell / 2.0);
      cairo_show_text (cr, label);

      for (guint col = 0; col < n_cols; col++)
        {
          guint index = row * n_cols + col;
          const char *path = g_ptr_array_index (sheet->cells, index);
          const char *failure = g_ptr_array_index (sheet->failures, index);
          double x = LABEL_WIDTH + col * (cell + GAP);
          g_autoptr(GdkPixbuf) pixbuf = NULL;
          g_autoptr(GError) load_error = NULL;

          if (g_task_return_error_if_cancelled (task))
            goto out;

          if (path != NULL && (pixbuf = load_cell (path, cell, cancellable, &load_error)) != NULL)
            {
              paint_pixbuf (cr, pixbuf,
                            x + (cell - gdk_pixbuf_get_width (pixbuf)) / 2.0,
                            y + (cell - gdk_pixbuf_get_height (pixbuf)) / 2.0);
              continue;
            }

          /* no frame: an empty cell that says why */
          cairo_set_source_rgb (cr, 0.82, 0.82, 0.82);
          cairo_rectangle (cr, x, y, cell, cell);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.55, 0.1, 0.1);
          cairo_set_font_size (cr, 12);
          show_text_centred (cr, failure ? failure
                                 : load_error ? load_error->message : _("no frame"),
                             x, y + cell / 2.0, cell);
        }
    }

  cairo_surface_flush (surface);
  status = cairo_surface_write_to_png (surface, tmp);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The validation sheet could not be written to “%s” (%s)."),
                               tmp, cairo_status_to_string (status));
      goto out;
    }
  if (g_rename (tmp, sheet->path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("The validation sheet could not be saved as “%s” (%s)."),
                               sheet->path, g_strerror (saved));
      goto out;
    }

  file = g_file_new_for_path (sheet->path);
  if (!(hash = lk_file_sha256 (file, cancellable, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hash, g_free);

out:
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Running -------------------------------------------------------------------------------- */

static void submit_next (LkValidationGrid *self);

static void
finish_run (LkValidationGrid *self,
            GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_assert (task != NULL);

  for (guint i = 0; i < self->jobs->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkValidationGrid) self = user_data;
  GError *error = NULL;

  lk_catalog_add_job_outputs_finish (LK_CATALOG (object), result, &error);
  finish_run (self, error);
}

static void
composed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkValidationGrid) self = user_data;
  Sheet *sheet = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
  LkGeneratorJob *first = g_ptr_array_index (self->jobs, 0);
  g_autofree char *basename = NULL;
  GError *error = NULL;
  char *hash;

  if (!(hash = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      finish_run (self, error);
      return;
    }

  g_free (self->content_hash);
  self->content_hash = hash;
  if (lk_set_str (&self->sheet_path, sheet->path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET_PATH]);

  /* Recorded beside the first frame, as an output of the grid's first job: the gallery and
   * the review find it like any other frame. */
  basename = g_path_get_basename (sheet->path);
  g_ptr_array_add (outputs, lk_catalog_output_new (basename, sheet->subfolder, "output",
                                                   "image", LK_VALIDATION_GRID_NODE_ID));
  lk_catalog_add_job_outputs_async (lk_generator_get_catalog (self->generator),
                                    lk_generator_job_get_id (first), outputs,
                                    g_task_get_cancellable (self->task), recorded_cb,
                                    g_object_ref (self));
}

static void
start_compose (LkValidationGrid *self)
{
  g_autoptr(GTask) compose = NULL;
  Sheet *sheet = g_new0 (Sheet, 1);
  const char *first_path = NULL;
  const char *name = NULL;

  sheet->seeds = g_array_ref (self->seeds);
  sheet->strengths = g_array_ref (self->strengths);
  sheet->cells = g_ptr_array_new_with_free_func (g_free);
  sheet->failures = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (self->jobs, i);
      GListModel *outputs = lk_generator_job_get_outputs (job);
      const GError *job_error = lk_generator_job_get_error (job);
      char *path = NULL;

      name = name ? name : lk_generator_job_get_character_name (job);
      for (guint j = 0; j < g_list_model_get_n_items (outputs) && path == NULL; j++)
        {
          g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, j);

          if (lk_comfy_output_get_kind (output) != LK_COMFY_OUTPUT_IMAGE
              || lk_comfy_output_get_path (output) == NULL)
            continue;
          path = g_strdup (lk_comfy_output_get_path (output));
          if (first_path == NULL)
            {
              first_path = path;
              sheet->subfolder = g_strdup (lk_comfy_output_get_subfolder (output));
            }
        }
      g_ptr_array_add (sheet->cells, path);
      g_ptr_array_add (sheet->failures,
                       path != NULL ? NULL
                       : job_error != NULL ? g_strdup (_("failed")) : g_strdup (_("no image")));
    }

  if (first_path == NULL)
    {
      const GError *job_error = lk_generator_job_get_error (g_ptr_array_index (self->jobs, 0));

      sheet_free (sheet);
      finish_run (self, g_error_new (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE,
                                     _("No frame of the validation grid could be generated, so "
                                       "there is no sheet to review%s%s"),
                                     job_error ? ": " : ".", job_error ? job_error->message : ""));
      return;
    }

  {
    g_autofree char *dir = g_path_get_dirname (first_path);
    g_autofree char *file = g_strdup_printf ("validation_grid_%" G_GINT64_FORMAT ".png",
                                             lk_generator_job_get_id (g_ptr_array_index (self->jobs, 0)));

    sheet->path = g_build_filename (dir, file, NULL);
  }
  sheet->title = g_strdup_printf (_("%s — LoRA validation"), name ? name : _("Character"));

  compose = g_task_new (NULL, g_task_get_cancellable (self->task), composed_cb,
                        g_object_ref (self));
  g_task_set_source_tag (compose, start_compose);
  g_task_set_task_data (compose, sheet, (GDestroyNotify)sheet_free);
  g_task_run_in_thread (compose, compose_worker);
}

static gboolean
all_finished (LkValidationGrid *self)
{
  for (guint i = 0; i < self->jobs->len; i++)
    if (!lk_generator_job_is_finished (g_ptr_array_index (self->jobs, i)))
      return FALSE;
  return TRUE;
}

static void
job_state_cb (LkGeneratorJob   *job,
              GParamSpec       *pspec,
              LkValidationGrid *self)
{
  if (self->task == NULL || !all_finished (self))
    return;

  for (guint i = 0; i < self->jobs->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);
  start_compose (self);
}

static void
generated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkValidationGrid) self = user_data;
  g_autoptr(GPtrArray) jobs = NULL;
  GError *error = NULL;

  if (!(jobs = lk_generator_generate_finish (LK_GENERATOR (object), result, &error)))
    {
      finish_run (self, error);
      return;
    }
  g_assert (jobs->len == 1);
  g_ptr_array_add (self->jobs, g_object_ref (g_ptr_array_index (jobs, 0)));
  g_signal_emit (self, signals[JOB_ADDED], 0, g_ptr_array_index (jobs, 0));
  submit_next (self);
}

/* Cells go one at a time, row by row, so the server's queue holds them in sheet order. */
static void
submit_next (LkValidationGrid *self)
{
  guint index = self->jobs->len;
  guint n_cols = self->seeds->len;
  LkGenerateRequest request;

  if (g_task_return_error_if_cancelled (self->task))
    {
      g_clear_object (&self->task);
      return;
    }

  if (index == n_cols * self->strengths->len)
    {
      for (guint i = 0; i < self->jobs->len; i++)
        g_signal_connect_object (g_ptr_array_index (self->jobs, i), "notify::state",
                                 G_CALLBACK (job_state_cb), self, 0);
      job_state_cb (NULL, NULL, self);
      return;
    }

  lk_generate_request_init (&request);
  request.prompt = self->prompt;
  request.seed_mode = LK_SEED_MODE_FIXED;
  request.seed = g_array_index (self->seeds, guint64, index % n_cols);
  request.strength = g_array_index (self->strengths, double, index / n_cols);
  request.count = 1;
  request.server_url = self->server_url;
  lk_generator_generate_async (self->generator, self->character_id, &request,
                               g_task_get_cancellable (self->task), generated_cb,
                               g_object_ref (self));
}

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkValidationGrid) self = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  GError *error = NULL;

  if (!(resolution = lk_catalog_resolve_finish (LK_CATALOG (object), result, &error)))
    {
      finish_run (self, error);
      return;
    }

  /* Without a LoRA of its own the character is generated with the base model only, where
   * strengths change nothing: there is nothing to validate. */
  if (lk_resolution_get_lora (resolution) == NULL)
    {
      LkCharacter *character = lk_resolution_get_character (resolution);

      finish_run (self, g_error_new (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE,
                                     _("%s has no LoRA of their own, so there is no LoRA to "
                                       "validate. Train one, or assign an existing LoRA to "
                                       "them, then make the validation grid."),
                                     character ? lk_character_get_name (character)
                                               : _("This character")));
      return;
    }

  submit_next (self);
}

void
lk_validation_grid_run_async (LkValidationGrid    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LK_IS_VALIDATION_GRID (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lk_validation_grid_run_async);
  lk_catalog_resolve_async (lk_generator_get_catalog (self->generator), self->character_id,
                            cancellable, resolved_cb, g_object_ref (self));
}

gboolean
lk_validation_grid_run_finish (LkValidationGrid  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
