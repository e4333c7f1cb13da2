/* lk-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-consistency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lk-catalog-consistency.h"
#include "lk-catalog-references.h"
#include "lk-consistency.h"
#include "lk-download.h"
#include "lk-file-task.h"
#include "lk-image-thumbnail.h"

G_DEFINE_BOXED_TYPE (LkSignature, lk_signature, lk_signature_copy, lk_signature_free)

LkSignature *
lk_signature_new (LkPalette  *palette,
                  guint64     phash,
                  const char *content_hash)
{
  LkSignature *self;

  g_return_val_if_fail (palette != NULL, NULL);

  self = g_new0 (LkSignature, 1);
  self->palette = lk_palette_ref (palette);
  self->phash = phash;
  self->content_hash = g_strdup (content_hash);
  return self;
}

LkSignature *
lk_signature_copy (const LkSignature *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lk_signature_new (self->palette, self->phash, self->content_hash);
}

void
lk_signature_free (LkSignature *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->palette, lk_palette_unref);
  g_free (self->content_hash);
  g_free (self);
}

LkSignature *
lk_signature_new_from_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(LkPalette) palette = NULL;
  g_autoptr(GdkPixbuf) centre = NULL;
  int width, height;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  /* Frames put their character in the middle and the scene around it: the palette of the
   * central part says more about the character than the whole frame's would. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  centre = gdk_pixbuf_new_subpixbuf (pixbuf, width / 5, height / 10, MAX (1, width * 3 / 5),
                                     MAX (1, height * 4 / 5));
  palette = lk_palette_new_from_pixbuf (centre, LK_PALETTE_DEFAULT_COLORS);
  return lk_signature_new (palette, lk_phash_compute (pixbuf), NULL);
}

LkSignature *
lk_signature_load (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  LkSignature *self;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  /* The thumbnailer's decoder: decodes small where the format allows, refuses
   * decompression bombs, and turns the picture upright. */
  pixbuf = lk_image_thumbnail_decode ((const guint8 *)contents, length,
                                      lk_image_thumbnail_sniff_type ((const guint8 *)contents,
                                                                     length),
                                      LK_CONSISTENCY_DECODE_SIZE, NULL, NULL, cancellable,
                                      &local_error);
  if (pixbuf == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, _("“%s” cannot be scored for consistency: "), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = lk_signature_new_from_pixbuf (pixbuf);
  self->content_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents,
                                                    length);
  return self;
}

static gpointer
signature_read (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  return lk_signature_load (file, cancellable, error);
}

void
lk_signature_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));

  lk_file_task_run (file, signature_read, (GDestroyNotify)lk_signature_free,
                    lk_signature_load_async, cancellable, callback, user_data);
}

LkSignature *
lk_signature_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  return lk_file_task_finish (result, lk_signature_load_async, error);
}

gboolean
lk_consistency_score (const LkSignature  *frame,
                      GPtrArray          *references,
                      LkConsistencyScore *score)
{
  double best_palette = INFINITY;
  guint best_hash = LK_PHASH_BITS;

  g_return_val_if_fail (frame != NULL, FALSE);
  g_return_val_if_fail (references != NULL, FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  memset (score, 0, sizeof *score);
  if (references->len == 0)
    return FALSE;

  for (guint i = 0; i < references->len; i++)
    {
      const LkSignature *reference = g_ptr_array_index (references, i);

      best_palette = MIN (best_palette, lk_palette_distance (frame->palette, reference->palette));
      best_hash = MIN (best_hash, lk_phash_distance (frame->phash, reference->phash));
    }

  /* An empty palette (a fully transparent frame) is as far as anything can be. */
  if (!isfinite (best_palette))
    best_palette = 100;

  score->palette_distance = best_palette;
  score->hash_distance = best_hash;
  score->score = best_palette / LK_CONSISTENCY_PALETTE_SCALE
                 + best_hash / LK_CONSISTENCY_HASH_SCALE;
  score->n_references = references->len;
  return TRUE;
}

/* Refreshing a character ------------------------------------------------------------------ */

G_DEFINE_QUARK (lk-consistency-error-quark, lk_consistency_error)

void
lk_consistency_report_free (LkConsistencyReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->outliers, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

typedef struct
{
  LkCatalog           *catalog;
  gint64               character_id;
  char                *output_dir;
  char                *download_dir;
  GPtrArray           *inputs;      /* LkConsistencyInput */
  char               **approved_hashes;
  GPtrArray           *references;  /* LkSignature */
  GPtrArray           *approved;    /* LkSignature */
  GPtrArray           *scores;      /* LkConsistencyRecord */
  LkConsistencyReport *report;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->catalog);
  g_free (refresh->output_dir);
  g_free (refresh->download_dir);
  g_clear_pointer (&refresh->inputs, g_ptr_array_unref);
  g_strfreev (refresh->approved_hashes);
  g_clear_pointer (&refresh->references, g_ptr_array_unref);
  g_clear_pointer (&refresh->approved, g_ptr_array_unref);
  g_clear_pointer (&refresh->scores, g_ptr_array_unref);
  g_clear_pointer (&refresh->report, lk_consistency_report_free);
  g_free (refresh);
}

/* Where an output is on this machine: in the shared output folder, or where the generator
 * downloaded it. */
static char *
resolve_output (Refresh                  *refresh,
                const LkConsistencyInput *input,
                GError                  **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;

  if (refresh->output_dir != NULL)
    return lk_download_resolve_shared (refresh->output_dir, input->folder_type, input->subfolder,
                                       input->filename, error);

  if (!(uri = g_uri_parse (input->server_url, G_URI_FLAGS_NONE, error)))
    return NULL;
  key = lk_download_server_key (uri);
  return lk_download_build_path (refresh->download_dir, key, input->folder_type,
                                 input->subfolder, input->filename, error);
}

static LkSignature *
load_input (Refresh                  *refresh,
            const LkConsistencyInput *input,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (input->path != NULL)
    path = g_strdup (input->path);
  else if (!(path = resolve_output (refresh, input, error)))
    return NULL;

  file = g_file_new_for_path (path);
  return lk_signature_load (file, cancellable, error);
}

static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Refresh *refresh = task_data;
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  g_autoptr(GArray) frame_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < refresh->inputs->len; i++)
    {
      const LkConsistencyInput *input = g_ptr_array_index (refresh->inputs, i);
      g_autoptr(GError) error = NULL;
      LkConsistencySource source;
      LkSignature *signature;

      if (g_task_return_error_if_cancelled (task))
        return;

      if (!(signature = load_input (refresh, input, cancellable, &error)))
        {
          g_ptr_array_add (refresh->report->problems, g_strdup (error->message));
          continue;
        }

      /* a review follows the file, whichever output row it was made on */
      source = input->source;
      if (source == LK_CONSISTENCY_SOURCE_OUTPUT
          && g_strv_contains ((const char * const *)refresh->approved_hashes,
                              signature->content_hash))
        source = LK_CONSISTENCY_SOURCE_APPROVED;

      switch (source)
        {
        case LK_CONSISTENCY_SOURCE_REFERENCE:
        case LK_CONSISTENCY_SOURCE_APPROVED:
          /* one picture counts once, however often it was added or approved */
          if (g_hash_table_contains (seen, signature->content_hash))
            {
              lk_signature_free (signature);
              break;
            }
          g_ptr_array_add (source == LK_CONSISTENCY_SOURCE_REFERENCE
                           ? refresh->references : refresh->approved, signature);
          g_hash_table_add (seen, signature->content_hash);
          break;

        case LK_CONSISTENCY_SOURCE_OUTPUT:
        default:
          g_ptr_array_add (frames, signature);
          g_array_append_val (frame_ids, input->id);
          break;
        }
    }

  refresh->report->n_references = refresh->references->len + refresh->approved->len;
  if (refresh->report->n_references == 0)
    {
      GString *message = g_string_new (_("This character has no reference image or approved "
                                         "frame that Lorakeet could read, so there is nothing "
                                         "to compare its frames with. Add reference images or "
                                         "approve a few good frames, then try again."));

      for (guint i = 0; i < refresh->report->problems->len; i++)
        g_string_append_printf (message, "\n%s", (char *)refresh->report->problems->pdata[i]);
      g_task_return_error (task, g_error_new_literal (LK_CONSISTENCY_ERROR,
                                                      LK_CONSISTENCY_ERROR_NO_REFERENCES,
                                                      message->str));
      g_string_free (message, TRUE);
      return;
    }

  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();

    for (guint i = 0; i < refresh->references->len; i++)
      g_ptr_array_add (all, g_ptr_array_index (refresh->references, i));
    for (guint i = 0; i < refresh->approved->len; i++)
      g_ptr_array_add (all, g_ptr_array_index (refresh->approved, i));

    for (guint i = 0; i < frames->len; i++)
      {
        const LkSignature *frame = g_ptr_array_index (frames, i);
        LkConsistencyScore score;

        lk_consistency_score (frame, all, &score);
        g_ptr_array_add (refresh->scores,
                         lk_consistency_record_new (frame->content_hash,
                                                    g_array_index (frame_ids, gint64, i),
                                                    &score));
      }
  }

  refresh->report->n_scored = refresh->scores->len;
  g_task_return_boolean (task, TRUE);
}

static void
outliers_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(refresh->report->outliers = lk_catalog_list_outliers_finish (LK_CATALOG (object), result,
                                                                     &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&refresh->report),
                         (GDestroyNotify)lk_consistency_report_free);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!lk_catalog_store_consistency_finish (LK_CATALOG (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the cancellable is read before the task is handed on: argument order is unspecified */
  cancellable = g_task_get_cancellable (task);
  lk_catalog_list_outliers_async (refresh->catalog, refresh->character_id, cancellable,
                                  outliers_cb, g_steal_pointer (&task));
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  lk_catalog_store_consistency_async (refresh->catalog, refresh->character_id,
                                      refresh->references, refresh->approved, refresh->scores,
                                      cancellable, stored_cb, g_steal_pointer (&task));
}

static void
inputs_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GTask) compute = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  GError *error = NULL;

  if (!(outputs = lk_catalog_list_consistency_inputs_finish (LK_CATALOG (object), result,
                                                             &refresh->approved_hashes, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < outputs->len; i++)
    g_ptr_array_add (refresh->inputs, g_steal_pointer (&outputs->pdata[i]));

  /* The worker owns the refresh's arrays until it returns; then only this thread uses them. */
  compute = g_task_new (NULL, g_task_get_cancellable (task), computed_cb, g_object_ref (task));
  g_task_set_source_tag (compute, inputs_cb);
  g_task_set_task_data (compute, refresh, NULL);
  g_task_run_in_thread (compute, compute_worker);
}

static void
references_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GListModel) references = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(references = lk_catalog_list_reference_images_finish (LK_CATALOG (object), result,
                                                              &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Every role counts: a model sheet and a training image both show the character. */
  for (guint i = 0; i < g_list_model_get_n_items (references); i++)
    {
      g_autoptr(LkReferenceImage) reference = g_list_model_get_item (references, i);
      LkConsistencyInput *input = g_new0 (LkConsistencyInput, 1);

      input->source = LK_CONSISTENCY_SOURCE_REFERENCE;
      input->id = lk_reference_image_get_id (reference);
      input->path = g_strdup (lk_reference_image_get_path (reference));
      g_ptr_array_add (refresh->inputs, input);
    }

  cancellable = g_task_get_cancellable (task);
  lk_catalog_list_consistency_inputs_async (refresh->catalog, refresh->character_id, cancellable,
                                            inputs_cb, g_steal_pointer (&task));
}

void
lk_consistency_refresh_async (LkCatalog           *catalog,
                              gint64               character_id,
                              const char          *output_dir,
                              const char          *download_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Refresh *refresh;

  g_return_if_fail (LK_IS_CATALOG (catalog));
  g_return_if_fail (character_id > 0);

  refresh = g_new0 (Refresh, 1);
  refresh->catalog = g_object_ref (catalog);
  refresh->character_id = character_id;
  refresh->output_dir = output_dir ? g_canonicalize_filename (output_dir, NULL) : NULL;
  refresh->download_dir = download_dir ? g_canonicalize_filename (download_dir, NULL)
                                       : lk_download_dup_root ();
  refresh->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_input_free);
  refresh->references = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  refresh->approved = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  refresh->scores = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_record_free);
  refresh->report = g_new0 (LkConsistencyReport, 1);
  refresh->report->problems = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_consistency_refresh_async);
  g_task_set_task_data (task, refresh, (GDestroyNotify)refresh_free);
  lk_catalog_list_reference_images_async (catalog, character_id, cancellable, references_cb,
                                          g_steal_pointer (&task));
}

LkConsistencyReport *
lk_consistency_refresh_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lk_consistency_refresh_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
