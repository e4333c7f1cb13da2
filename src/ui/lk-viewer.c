/* lk-viewer.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-catalog-outputs.h"
#include "lk-png-info.h"
#include "lk-provenance.h"
#include "lk-util.h"
#include "lk-video-support.h"
#include "lk-viewer-job.h"
#include "lk-viewer-private.h"

G_DEFINE_FINAL_TYPE (LkViewer, lk_viewer, GTK_TYPE_WIDGET)

enum { NOTE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
lk_viewer_set_generate_again (LkViewer   *self,
                              const char *path)
{
  /* Without provenance there are no settings to generate with: the button stays off even
   * where the window's action exists. */
  if (path == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->generate_again_button), NULL);
  /* The target first: an action with a parameter refuses a button without one. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->generate_again_button),
                                          path ? g_variant_new_string (path) : NULL);
  if (path != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->generate_again_button),
                                    "win.generate-again");
  gtk_widget_set_sensitive (self->generate_again_button, path != NULL);
}

/* The note is saved when the artist presses Enter, the apply button, or leaves the field;
 * saving on every keystroke would flood the catalog and the undo history. */
static void
note_apply_cb (LkViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  g_autofree char *note = g_strstrip (g_strdup (text));

  if (self->item == NULL)
    return;
  if (g_strcmp0 (*note ? note : NULL, self->note) == 0)
    return;

  g_clear_pointer (&self->note, g_free);
  self->note = *note ? g_steal_pointer (&note) : NULL;
  g_signal_emit (self, signals[NOTE_CHANGED], 0, self->note);
}

/* Rows interpret markup; file names may hold '&' or '<'. */
static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
decode_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0;
  int height = 0;

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_task_return_new_error (task, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED,
                               _("This file is not an image Lorakeet can read."));
      return;
    }

  if ((gint64)width * height > LK_VIEWER_MAX_PIXELS)
    {
      g_task_return_new_error (task, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_TOO_LARGE,
                               _("The image is %d × %d pixels, too large to open safely."),
                               width, height);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(texture = gdk_texture_new_from_filename (path, &error)))
    {
      g_debug ("Cannot decode %s: %s", path, error->message);
      g_task_return_new_error (task, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_CORRUPT,
                               _("The image is damaged or cut short: %s"), error->message);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
lk_viewer_show_broken (LkViewer   *self,
                       const char *reason)
{
  adw_status_page_set_description (self->broken_page, reason);
  gtk_stack_set_visible_child_name (self->stack, "broken");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->broken_page),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reason,
                                  -1);
}

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkViewer) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dimensions = NULL;

  if (!(texture = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_viewer_show_broken (self, error->message);
      return;
    }

  g_set_object (&self->texture, texture);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  _lk_viewer_update_zoom (self);

  dimensions = g_strdup_printf ("%d × %d", gdk_texture_get_width (texture),
                                gdk_texture_get_height (texture));
  set_row_text (self->dimensions_row, dimensions);
  gtk_widget_set_visible (GTK_WIDGET (self->dimensions_row), TRUE);
}

static void
png_info_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkViewer) self = user_data;
  g_autoptr(LkPngInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *warnings = NULL;
  const char * const *list;

  if (!(info = lk_png_info_load_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_row_text (self->png_warnings_row, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->png_warnings_row), TRUE);
          set_row_text (self->keys_row, _("None"));
          gtk_widget_set_visible (self->embedded_group, TRUE);
        }
      return;
    }

  keys = lk_png_info_dup_keys (info);
  joined = g_strjoinv (", ", keys);
  set_row_text (self->keys_row, keys[0] != NULL ? joined : _("None"));

  list = lk_png_info_get_warnings (info);
  if (list != NULL && list[0] != NULL)
    {
      warnings = g_strjoinv ("\n", (char **)list);
      set_row_text (self->png_warnings_row, warnings);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->png_warnings_row), warnings != NULL);
  gtk_widget_set_visible (self->embedded_group, TRUE);
}

/* Shows @text in @row, or hides the row when there is nothing to say. */
static void
set_row_optional (AdwActionRow *row,
                  const char   *text)
{
  set_row_text (row, text);
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && text[0] != '\0');
}

static void
check_frame_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkViewer) self = user_data;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  if (!(check = lk_catalog_check_frame_finish (LK_CATALOG (object), result, &error)))
    {
      /* The catalog may be offline: the frame's own facts are still shown. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not check the frame against the catalog: %s", error->message);
      return;
    }

  /* The catalog knows whose frame this is: compare with that character, not the one
   * selected in the sidebar. */
  if (check->character_id != 0)
    {
      lk_viewer_compare_set_character (self->compare, check->character_id,
                                       check->character_name);
      lk_viewer_character_set_frame (self->character_group,
                                     self->item ? lk_output_item_get_path (self->item) : NULL,
                                     self->item != NULL
                                     && lk_output_item_get_kind (self->item)
                                        == LK_MEDIA_KIND_VIDEO,
                                     check->character_id, check->character_name);
    }

  lk_viewer_job_set_check (self->job_group, check);

  if (check->verdict == LK_LORA_VERDICT_OK || check->verdict == LK_LORA_VERDICT_UNKNOWN
      || check->message == NULL)
    return;

  set_row_text (self->lora_warning_row, check->message);
  gtk_widget_set_visible (GTK_WIDGET (self->lora_warning_row), TRUE);
  gtk_widget_set_visible (self->provenance_group, TRUE);
}

static void
provenance_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkViewer) self = user_data;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) loras = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *sampler = NULL;
  g_autofree char *warnings = NULL;
  const char * const *list;
  guint64 seed;
  guint i;

  if (!(provenance = lk_provenance_load_finish (result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_row_optional (self->summary_row, error->message);
      gtk_widget_set_visible (self->provenance_group, TRUE);
      return;
    }

  set_row_optional (self->summary_row, lk_provenance_get_summary (provenance));
  set_row_optional (self->checkpoint_row, lk_provenance_get_checkpoint (provenance));

  loras = g_string_new (NULL);
  for (i = 0; i < lk_provenance_get_n_loras (provenance); i++)
    {
      const LkProvenanceLora *lora = lk_provenance_get_lora (provenance, i);

      if (loras->len > 0)
        g_string_append_c (loras, '\n');
      if (lora->model_only)
        g_string_append_printf (loras, "%s (%.2f)", lora->name, lora->strength_model);
      else
        g_string_append_printf (loras, "%s (%.2f / %.2f)", lora->name, lora->strength_model,
                                lora->strength_clip);
    }
  set_row_optional (self->loras_row, loras->str);

  if (lk_provenance_get_seed (provenance, &seed))
    seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  set_row_optional (self->seed_row, seed_text);

  if (lk_provenance_get_sampler_name (provenance) != NULL)
    /* Translators: sampler, scheduler, steps and CFG scale, as in "euler, normal, 28 steps, CFG 7.0" */
    sampler = g_strdup_printf (_("%s, %s, %u steps, CFG %.1f"),
                               lk_provenance_get_sampler_name (provenance),
                               lk_provenance_get_scheduler (provenance)
                               ? lk_provenance_get_scheduler (provenance) : "—",
                               lk_provenance_get_steps (provenance),
                               lk_provenance_get_cfg (provenance));
  set_row_optional (self->sampler_row, sampler);
  set_row_optional (self->prompt_row, lk_provenance_get_positive (provenance));
  set_row_optional (self->negative_row, lk_provenance_get_negative (provenance));

  list = lk_provenance_get_warnings (provenance);
  if (list != NULL && list[0] != NULL)
    warnings = g_strjoinv ("\n", (char **)list);
  set_row_optional (self->provenance_warnings_row, warnings);

  gtk_widget_set_visible (self->provenance_group, TRUE);
  if (lk_provenance_get_has_metadata (provenance) && self->item != NULL)
    lk_viewer_set_generate_again (self, lk_output_item_get_path (self->item));

  if (self->catalog != NULL && self->item != NULL)
    lk_catalog_check_frame_async (self->catalog, provenance,
                                  lk_output_item_get_basename (self->item), self->cancellable,
                                  check_frame_cb, g_object_ref (self));
}

static void
lk_viewer_show_facts (LkViewer *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *size = NULL;
  const char *path = lk_output_item_get_path (self->item);

  gtk_label_set_text (self->title_label, lk_output_item_get_basename (self->item));
  set_row_text (self->name_row, lk_output_item_get_basename (self->item));
  folder = g_path_get_dirname (path);
  set_row_text (self->folder_row, folder);
  date = g_date_time_new_from_unix_local (lk_output_item_get_mtime (self->item) / G_USEC_PER_SEC);
  date_text = lk_format_local_time (date);
  set_row_text (self->date_row, date_text);
  size = g_format_size (lk_output_item_get_size (self->item));
  set_row_text (self->size_row, size);
  gtk_widget_set_visible (GTK_WIDGET (self->dimensions_row), FALSE);
  gtk_widget_set_visible (self->embedded_group, FALSE);
  gtk_widget_set_visible (self->provenance_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lora_warning_row), FALSE);
  lk_viewer_job_set_check (self->job_group, NULL);
}

static void
lk_viewer_load (LkViewer *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_video_set_file (self->video, NULL);
  self->zoom = 0;
  _lk_viewer_update_zoom (self);
  lk_viewer_set_generate_again (self, NULL);
  lk_viewer_compare_set_character (self->compare,
                                   self->character ? lk_character_get_id (self->character) : 0,
                                   self->character ? lk_character_get_name (self->character)
                                                   : NULL);
  lk_viewer_character_set_frame (self->character_group,
                                 self->item ? lk_output_item_get_path (self->item) : NULL,
                                 self->item != NULL
                                 && lk_output_item_get_kind (self->item) == LK_MEDIA_KIND_VIDEO,
                                 self->character ? lk_character_get_id (self->character) : 0,
                                 self->character ? lk_character_get_name (self->character)
                                                 : NULL);

  if (self->item == NULL)
    return;

  path = lk_output_item_get_path (self->item);
  self->cancellable = g_cancellable_new ();
  lk_viewer_show_facts (self);

  file = g_file_new_for_path (path);
  lk_provenance_load_async (file, self->cancellable, provenance_cb, g_object_ref (self));

  if (lk_output_item_get_kind (self->item) == LK_MEDIA_KIND_VIDEO)
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
      g_autofree char *problem = lk_video_support_dup_problem (display);

      gtk_widget_set_visible (self->zoom_box, FALSE);
      if (problem != NULL)
        {
          lk_viewer_show_broken (self, problem);
          return;
        }
      gtk_video_set_filename (self->video, path);
      gtk_stack_set_visible_child_name (self->stack, "video");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->video),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      lk_output_item_get_basename (self->item),
                                      -1);
      return;
    }

  gtk_widget_set_visible (self->zoom_box, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "image");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lk_output_item_get_basename (self->item),
                                  -1);

  /* The thumbnail stands in, blurry but at once, while the full image decodes. */
  if (self->thumbnailer != NULL)
    {
      g_autoptr(LkThumbnail) thumbnail = NULL;

      thumbnail = lk_thumbnailer_lookup (self->thumbnailer, path, LK_THUMBNAIL_SIZE_LARGE,
                                         lk_output_item_get_mtime (self->item),
                                         lk_output_item_get_size (self->item));
      if (thumbnail != NULL)
        {
          g_autoptr(GdkTexture) preview = NULL;

          preview = gdk_texture_new_for_pixbuf (lk_thumbnail_get_pixbuf (thumbnail));
          gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (preview));
        }
    }

  task = g_task_new (NULL, self->cancellable, decode_cb, g_object_ref (self));
  g_task_set_source_tag (task, lk_viewer_load);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_worker);

  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    {
      lk_png_info_load_async (file, self->cancellable, png_info_cb, g_object_ref (self));
    }
}

void
lk_viewer_set_item (LkViewer     *self,
                    LkOutputItem *item)
{
  g_return_if_fail (LK_IS_VIEWER (self));
  g_return_if_fail (!item || LK_IS_OUTPUT_ITEM (item));

  if (self->item == item && item != NULL)
    return;

  /* A note typed but not yet applied belongs to the frame it was typed for. */
  if (self->item != NULL)
    note_apply_cb (self);

  g_set_object (&self->item, item);
  lk_viewer_set_note (self, NULL);
  lk_viewer_load (self);
}

LkOutputItem *
lk_viewer_get_item (LkViewer *self)
{
  g_return_val_if_fail (LK_IS_VIEWER (self), NULL);

  return self->item;
}

void
lk_viewer_set_thumbnailer (LkViewer      *self,
                           LkThumbnailer *thumbnailer)
{
  g_return_if_fail (LK_IS_VIEWER (self));
  g_return_if_fail (!thumbnailer || LK_IS_THUMBNAILER (thumbnailer));

  g_set_object (&self->thumbnailer, thumbnailer);
}

void
lk_viewer_set_position (LkViewer *self,
                        guint     position,
                        guint     n_items)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LK_IS_VIEWER (self));

  /* Translators: the place of the shown frame among the listed ones, "3 of 40" */
  text = g_strdup_printf (_("%u of %u"), position + 1, n_items);
  gtk_label_set_text (self->position_label, text);
}

void
lk_viewer_set_review (LkViewer        *self,
                      LkReviewVerdict  verdict,
                      int              rating,
                      const char      *reviewed_by,
                      GDateTime       *reviewed_at)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *author = NULL;
  int i;

  g_return_if_fail (LK_IS_VIEWER (self));

  if (reviewed_by != NULL && reviewed_at != NULL)
    {
      g_autofree char *when = lk_format_local_time (reviewed_at);

      /* Translators: who reviewed the shown output, then the date and time */
      author = g_strdup_printf (_("Reviewed by %s, %s"), reviewed_by, when);
    }
  else if (reviewed_by != NULL)
    /* Translators: who reviewed the shown output */
    author = g_strdup_printf (_("Reviewed by %s"), reviewed_by);
  adw_preferences_group_set_description (self->review_group, author);

  text = g_string_new (NULL);
  if (verdict == LK_REVIEW_VERDICT_APPROVED)
    g_string_append (text, _("Approved"));
  else if (verdict == LK_REVIEW_VERDICT_REJECTED)
    g_string_append (text, _("Rejected"));
  if (rating > 0 && text->len > 0)
    g_string_append_c (text, ' ');
  for (i = 0; i < rating; i++)
    g_string_append (text, "★");

  gtk_label_set_text (self->review_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), text->len > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->review_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->review_label), "error");
  if (verdict == LK_REVIEW_VERDICT_APPROVED)
    gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "success");
  else if (verdict == LK_REVIEW_VERDICT_REJECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "error");
}

void
lk_viewer_set_character (LkViewer    *self,
                         LkCharacter *character)
{
  g_return_if_fail (LK_IS_VIEWER (self));
  g_return_if_fail (character == NULL || LK_IS_CHARACTER (character));

  g_set_object (&self->character, character);
}

static void
compare_toggled_cb (LkViewer *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->compare),
                          gtk_toggle_button_get_active (self->compare_button));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkViewer *self = LK_VIEWER (widget);

  gtk_toggle_button_set_active (self->compare_button,
                                !gtk_toggle_button_get_active (self->compare_button));
}

void
lk_viewer_set_note (LkViewer   *self,
                    const char *note)
{
  g_return_if_fail (LK_IS_VIEWER (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  g_free (self->note);
  self->note = g_strdup (note);
  /* Text set here is not an edit: turning the apply button off forgets that the text changed,
   * so the button does not stay up asking to apply what is already stored. */
  adw_entry_row_set_show_apply_button (self->note_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
  adw_entry_row_set_show_apply_button (self->note_row, TRUE);
}

const char *
lk_viewer_get_note (LkViewer *self)
{
  g_return_val_if_fail (LK_IS_VIEWER (self), NULL);

  return self->note;
}

static void
toggle_playing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LkViewer *self = LK_VIEWER (widget);
  GtkMediaStream *stream = gtk_video_get_media_stream (self->video);

  if (stream != NULL)
    gtk_media_stream_set_playing (stream, !gtk_media_stream_get_playing (stream));
}

static void
lk_viewer_dispose (GObject *object)
{
  LkViewer *self = (LkViewer *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->video != NULL)
    gtk_video_set_file (self->video, NULL);
  /* Without an item, the note field losing focus while it is torn down saves nothing. */
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VIEWER);
  /* The template's outer box has no id, so dispose_template() leaves it parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->texture);
  g_clear_object (&self->catalog);
  g_clear_object (&self->character);

  G_OBJECT_CLASS (lk_viewer_parent_class)->dispose (object);
}

static void
lk_viewer_finalize (GObject *object)
{
  LkViewer *self = (LkViewer *)object;

  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (lk_viewer_parent_class)->finalize (object);
}

static void
lk_viewer_class_init (LkViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_viewer_dispose;
  object_class->finalize = lk_viewer_finalize;

  /**
   * LkViewer::note-changed:
   * @self: a viewer
   * @note: (nullable): the review note the artist wrote for the shown output
   *
   * Emitted when the artist applies a changed note (Enter, the apply button, or leaving
   * the field).
   */
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LK_TYPE_VIEWER_COMPARE);
  g_type_ensure (LK_TYPE_VIEWER_CHARACTER);
  g_type_ensure (LK_TYPE_VIEWER_JOB);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, LkViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, review_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, position_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, video);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, broken_page);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, date_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, size_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, dimensions_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, embedded_group);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, keys_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, png_warnings_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, provenance_group);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, job_group);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, review_group);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, checkpoint_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, loras_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, seed_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, sampler_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, negative_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, provenance_warnings_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, lora_warning_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, note_row);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, generate_again_button);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, compare_button);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, compare);
  gtk_widget_class_bind_template_child (widget_class, LkViewer, character_group);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled_cb);
  gtk_widget_class_install_action (widget_class, "viewer.compare", NULL, compare_action);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, _lk_viewer_zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, _lk_viewer_zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, _lk_viewer_zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, _lk_viewer_zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.toggle-playing", NULL,
                                   toggle_playing_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "viewer.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0,
                                       "viewer.toggle-playing", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkviewer");
}

static void
lk_viewer_init (LkViewer *self)
{
  GtkGesture *drag;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (_lk_viewer_drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (_lk_viewer_drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (drag));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (note_apply_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_row), focus);

  _lk_viewer_update_zoom (self);
}

GtkWidget *
lk_viewer_new (void)
{
  return g_object_new (LK_TYPE_VIEWER, NULL);
}

void
lk_viewer_set_catalog (LkViewer  *self,
                       LkCatalog *catalog)
{
  g_return_if_fail (LK_IS_VIEWER (self));
  g_return_if_fail (catalog == NULL || LK_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;

  lk_viewer_compare_set_catalog (self->compare, catalog);
  lk_viewer_character_set_catalog (self->character_group, catalog);
  lk_viewer_load (self);
}
