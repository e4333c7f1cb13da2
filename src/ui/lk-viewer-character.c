/* lk-viewer-character.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "Character" group of the viewer's side panel: how much the shown frame looks like its
 * character (the stored consistency score, in words), and "Use as Reference Image", which
 * files a good frame among the character's reference images without leaving the gallery. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-consistency.h"
#include "lk-catalog-references.h"
#include "lk-file-hash.h"
#include "lk-viewer-character.h"

/* The CLI writes one score row per frame: one lookup per burst of changes is enough. */
#define RELOOKUP_DELAY_MS 300

struct _LkViewerCharacter
{
  GtkWidget     parent_instance;

  /* Owned */
  LkCatalog    *catalog;
  GCancellable *info_cancellable;    /* hashing the shown file */
  GCancellable *lookup_cancellable;  /* reading its score */
  GCancellable *add_cancellable;
  char         *path;
  char         *hash;                /* the shown file's SHA-256, once read */
  char         *name;
  char         *adding_name;         /* the character the frame is being added to */

  gint64        character_id;
  int           width;
  int           height;
  gboolean      is_video;
  gboolean      adding;
  guint         relookup_timeout;

  /* Template widgets */
  GtkLabel     *score_label;
  GtkLabel     *score_detail_label;
  GtkButton    *reference_button;
  GtkLabel     *result_label;
};

G_DEFINE_FINAL_TYPE (LkViewerCharacter, lk_viewer_character, GTK_TYPE_WIDGET)

typedef struct
{
  char *hash;
  int   width;
  int   height;
} FrameInfo;

static void
frame_info_free (FrameInfo *info)
{
  g_free (info->hash);
  g_free (info);
}

char *
lk_viewer_character_describe_score (double      score,
                                    const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (score < LK_VIEWER_CHARACTER_OUTLIER_SCORE)
    /* Translators: the consistency score of a frame, then a character's name */
    return g_strdup_printf (_("Consistency: %.2f (typical for %s)"), score, name);

  /* Translators: the consistency score of a frame, then a character's name */
  return g_strdup_printf (_("Consistency: %.2f (an outlier: it may not show %s)"), score,
                          name);
}

static void
lk_viewer_character_show_score (LkViewerCharacter *self,
                                const char        *text,
                                const char        *detail)
{
  gtk_label_set_text (self->score_label, text);
  gtk_label_set_text (self->score_detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->score_detail_label), detail != NULL);
}

static void
lk_viewer_character_show_result (LkViewerCharacter *self,
                                 const char        *text)
{
  gtk_label_set_text (self->result_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL);
}

static void
lk_viewer_character_update_button (LkViewerCharacter *self)
{
  gboolean can_add = self->path != NULL && !self->is_video && self->catalog != NULL
                     && self->character_id != 0 && self->hash != NULL && !self->adding;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->reference_button), can_add);

  if (self->is_video)
    tooltip = g_strdup (_("Clips cannot be reference images"));
  else if (self->catalog == NULL)
    tooltip = g_strdup (_("Connect the studio catalog in Preferences to keep reference "
                          "images"));
  else if (self->character_id == 0)
    tooltip = g_strdup (_("Select the frame’s character in the sidebar first"));
  else if (MIN (self->width, self->height) >= LK_REFERENCE_MIN_TRAINING_SIDE)
    /* Translators: %s is a character's name */
    tooltip = g_strdup_printf (_("Add this frame to %s’s training images"), self->name);
  else
    /* Translators: %s is a character's name */
    tooltip = g_strdup_printf (_("Add this frame to %s’s reference sheets (it is too small "
                                 "to train on)"), self->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reference_button), tooltip);
}

/* The score ---------------------------------------------------------------------------- */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkViewerCharacter) self = user_data;
  g_autoptr(LkConsistencyRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;

  record = lk_catalog_lookup_consistency_finish (LK_CATALOG (object), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      detail = g_strdup_printf (_("The catalog did not answer: %s"), error->message);
      lk_viewer_character_show_score (self, _("Consistency: cannot be read"), detail);
      return;
    }

  if (record == NULL)
    {
      /* Translators: %s is a character's name, twice */
      detail = g_strdup_printf (_("Score %s’s frames with “lorakeet-cli consistency %s”; "
                                  "this line then shows how much the frame looks like the "
                                  "character."), self->name, self->name);
      lk_viewer_character_show_score (self, _("Not scored yet"), detail);
      return;
    }

  text = lk_viewer_character_describe_score (record->score.score, self->name);
  /* Translators: %1$u counts the images compared with, %2$s is a character's name */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Compares the frame’s main colours and overall "
                                         "shape with %2$s’s %1$u reference image or "
                                         "approved frame: 0 is a copy, about 0.5–0.8 the "
                                         "character in another pose or scene, 0.9 and more "
                                         "someone else.",
                                         "Compares the frame’s main colours and overall "
                                         "shape with the nearest of %2$s’s %1$u reference "
                                         "images and approved frames: 0 is a copy, about "
                                         "0.5–0.8 the character in another pose or scene, "
                                         "0.9 and more someone else.",
                                         record->score.n_references),
                            record->score.n_references, self->name);
  lk_viewer_character_show_score (self, text, detail);
}

static void
lk_viewer_character_lookup (LkViewerCharacter *self)
{
  g_clear_handle_id (&self->relookup_timeout, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  if (self->path == NULL)
    lk_viewer_character_show_score (self, "", NULL);
  else if (self->is_video)
    lk_viewer_character_show_score (self, _("Clips are not scored"), NULL);
  else if (self->catalog == NULL)
    lk_viewer_character_show_score (self, _("Not scored: no catalog connected"),
                                    _("Consistency scores are kept in the studio catalog. "
                                      "Connect one in Preferences."));
  else if (self->character_id == 0)
    lk_viewer_character_show_score (self, _("Not scored: unknown character"),
                                    _("This frame is not recorded in the catalog. Select "
                                      "its character in the sidebar to see how much it "
                                      "looks like that character."));
  else if (self->hash == NULL)
    lk_viewer_character_show_score (self, _("Consistency: reading the frame…"), NULL);
  else
    {
      self->lookup_cancellable = g_cancellable_new ();
      lk_catalog_lookup_consistency_async (self->catalog, self->character_id, self->hash,
                                           self->lookup_cancellable, lookup_cb,
                                           g_object_ref (self));
    }
}

static void
frame_info_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (task_data);
  FrameInfo *info = g_new0 (FrameInfo, 1);
  GError *error = NULL;

  if (!(info->hash = lk_file_sha256 (file, cancellable, &error)))
    {
      frame_info_free (info);
      g_task_return_error (task, error);
      return;
    }
  /* Only the header is read: the size decides between a training image and a sheet. */
  gdk_pixbuf_get_file_info (task_data, &info->width, &info->height);
  g_task_return_pointer (task, info, (GDestroyNotify)frame_info_free);
}

static void
frame_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkViewerCharacter) self = user_data;
  FrameInfo *info;
  g_autoptr(GError) error = NULL;

  if (!(info = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_viewer_character_show_score (self, _("Consistency: cannot read the frame"),
                                        error->message);
      return;
    }

  self->hash = g_steal_pointer (&info->hash);
  self->width = info->width;
  self->height = info->height;
  frame_info_free (info);
  lk_viewer_character_update_button (self);
  lk_viewer_character_lookup (self);
}

static void
relookup_cb (gpointer user_data)
{
  LkViewerCharacter *self = user_data;

  self->relookup_timeout = 0;
  lk_viewer_character_lookup (self);
}

static void
catalog_changed_cb (LkViewerCharacter *self,
                    const char        *table)
{
  if (table != NULL && g_strcmp0 (table, "output_consistency") != 0)
    return;

  if (self->hash != NULL && self->character_id != 0 && self->relookup_timeout == 0)
    self->relookup_timeout = g_timeout_add_once (RELOOKUP_DELAY_MS, relookup_cb, self);
}

/* Use as Reference Image --------------------------------------------------------------- */

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkViewerCharacter) self = user_data;
  g_autoptr(LkReferenceImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  image = lk_catalog_add_reference_image_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->adding = FALSE;
  if (image == NULL)
    lk_viewer_character_show_result (self, error->message);
  else
    {
      if (lk_reference_image_get_role (image) == LK_REFERENCE_ROLE_TRAINING_IMAGE)
        /* Translators: %s is a character's name */
        text = g_strdup_printf (_("Added to %s’s training images."), self->adding_name);
      else
        /* Translators: %s is a character's name */
        text = g_strdup_printf (_("Added to %s’s reference sheets."), self->adding_name);
      lk_viewer_character_show_result (self, text);
    }
  lk_viewer_character_update_button (self);
}

static void
use_as_reference_cb (LkViewerCharacter *self)
{
  LkReferenceRole role;

  if (self->path == NULL || self->catalog == NULL || self->character_id == 0 || self->adding)
    return;

  /* A frame big enough to train on is the reason to keep it: the character's LoRA learns
   * from it. A smaller one can still show what the character looks like. */
  role = MIN (self->width, self->height) >= LK_REFERENCE_MIN_TRAINING_SIDE
         ? LK_REFERENCE_ROLE_TRAINING_IMAGE : LK_REFERENCE_ROLE_REFERENCE_SHEET;

  self->adding = TRUE;
  g_free (self->adding_name);
  self->adding_name = g_strdup (self->name);
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  self->add_cancellable = g_cancellable_new ();
  lk_viewer_character_show_result (self, _("Adding…"));
  lk_viewer_character_update_button (self);
  lk_catalog_add_reference_image_async (self->catalog, self->character_id, self->path, role,
                                        NULL, self->add_cancellable, added_cb,
                                        g_object_ref (self));
}

/* Public ------------------------------------------------------------------------------- */

void
lk_viewer_character_set_catalog (LkViewerCharacter *self,
                                 LkCatalog         *catalog)
{
  g_return_if_fail (LK_IS_VIEWER_CHARACTER (self));
  g_return_if_fail (catalog == NULL || LK_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                             G_CONNECT_SWAPPED);

  lk_viewer_character_update_button (self);
  lk_viewer_character_lookup (self);
}

void
lk_viewer_character_set_frame (LkViewerCharacter *self,
                               const char        *path,
                               gboolean           is_video,
                               gint64             character_id,
                               const char        *name)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_VIEWER_CHARACTER (self));

  if (g_strcmp0 (self->path, path) != 0)
    {
      g_cancellable_cancel (self->info_cancellable);
      g_clear_object (&self->info_cancellable);
      g_clear_pointer (&self->hash, g_free);
      g_free (self->path);
      self->path = g_strdup (path);
      self->width = self->height = 0;
      self->is_video = is_video;
      lk_viewer_character_show_result (self, NULL);

      if (path != NULL && !is_video)
        {
          self->info_cancellable = g_cancellable_new ();
          task = g_task_new (NULL, self->info_cancellable, frame_info_cb, g_object_ref (self));
          g_task_set_source_tag (task, lk_viewer_character_set_frame);
          g_task_set_task_data (task, g_strdup (path), g_free);
          g_task_run_in_thread (task, frame_info_thread);
        }
    }
  else if (self->character_id == character_id && g_strcmp0 (self->name, name) == 0)
    return;
  else
    lk_viewer_character_show_result (self, NULL);

  self->character_id = character_id;
  g_free (self->name);
  self->name = g_strdup (name ? name : _("this character"));
  lk_viewer_character_update_button (self);
  lk_viewer_character_lookup (self);
}

static void
lk_viewer_character_dispose (GObject *object)
{
  LkViewerCharacter *self = (LkViewerCharacter *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->info_cancellable);
  g_clear_object (&self->info_cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  g_clear_handle_id (&self->relookup_timeout, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VIEWER_CHARACTER);
  /* The template's outer box has no id, so dispose_template() leaves it parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_viewer_character_parent_class)->dispose (object);
}

static void
lk_viewer_character_finalize (GObject *object)
{
  LkViewerCharacter *self = (LkViewerCharacter *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->hash, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->adding_name, g_free);

  G_OBJECT_CLASS (lk_viewer_character_parent_class)->finalize (object);
}

static void
lk_viewer_character_class_init (LkViewerCharacterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_viewer_character_dispose;
  object_class->finalize = lk_viewer_character_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-viewer-character.ui");
  gtk_widget_class_bind_template_child (widget_class, LkViewerCharacter, score_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCharacter, score_detail_label);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCharacter, reference_button);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCharacter, result_label);
  gtk_widget_class_bind_template_callback (widget_class, use_as_reference_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkviewercharacter");
}

static void
lk_viewer_character_init (LkViewerCharacter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_viewer_character_show_result (self, NULL);
  lk_viewer_character_update_button (self);
}
