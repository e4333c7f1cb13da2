/* lk-viewer-compare.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The right half of the viewer's side-by-side compare: the frame's character's first
 * reference image, so the artist sees at once whether the frame shows that character. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-catalog-references.h"
#include "lk-viewer.h"
#include "lk-viewer-compare.h"

struct _LkViewerCompare
{
  GtkWidget      parent_instance;

  /* Owned */
  LkCatalog     *catalog;
  GCancellable  *cancellable;
  char          *name;
  gint64         character_id;

  /* Template widgets */
  GtkStack      *stack;
  GtkSpinner    *spinner;
  GtkPicture    *picture;
  AdwStatusPage *message_page;
};

G_DEFINE_FINAL_TYPE (LkViewerCompare, lk_viewer_compare, GTK_TYPE_WIDGET)

static void
lk_viewer_compare_show_message (LkViewerCompare *self,
                                const char      *title,
                                const char      *description)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  GdkTexture *texture;
  int width = 0, height = 0;

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL
      || (gint64)width * height > LK_VIEWER_MAX_PIXELS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("%s is not an image Lorakeet can open."), path);
      return;
    }

  if ((texture = gdk_texture_new_from_filename (path, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkViewerCompare) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (!(texture = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_viewer_compare_show_message (self, _("Cannot Open the Reference Image"),
                                        error->message);
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkViewerCompare) self = user_data;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(LkReferenceImage) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;
  const char *path;

  if (!(images = lk_catalog_list_reference_images_finish (LK_CATALOG (object), result,
                                                          &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_viewer_compare_show_message (self, _("Cannot List the Reference Images"),
                                        error->message);
      return;
    }

  if (!(first = g_list_model_get_item (images, 0)))
    {
      /* Translators: %s is a character's name */
      description = g_strdup_printf (_("%s has no reference image yet. Add one with “Add "
                                       "Reference Image” in the character’s training "
                                       "window, or with “lorakeet-cli references”."),
                                     self->name ? self->name : _("This character"));
      lk_viewer_compare_show_message (self, _("No Reference Image"), description);
      return;
    }

  path = lk_reference_image_get_path (first);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, path, -1);
  task = g_task_new (NULL, self->cancellable, decoded_cb, g_object_ref (self));
  g_task_set_source_tag (task, listed_cb);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_thread);
}

static void
lk_viewer_compare_load (LkViewerCompare *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_picture_set_paintable (self->picture, NULL);

  if (self->catalog == NULL)
    {
      lk_viewer_compare_show_message (self, _("No Catalog Connected"),
                                      _("Reference images are kept in the studio catalog. "
                                        "Connect one in Preferences to compare."));
      return;
    }

  if (self->character_id == 0)
    {
      lk_viewer_compare_show_message (self, _("Unknown Character"),
                                      _("This frame is not recorded in the catalog. Select "
                                        "its character in the sidebar to compare it with "
                                        "that character’s reference image."));
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  lk_catalog_list_reference_images_async (self->catalog, self->character_id,
                                          self->cancellable, listed_cb, g_object_ref (self));
}

void
lk_viewer_compare_set_catalog (LkViewerCompare *self,
                               LkCatalog       *catalog)
{
  g_return_if_fail (LK_IS_VIEWER_COMPARE (self));
  g_return_if_fail (catalog == NULL || LK_IS_CATALOG (catalog));

  if (g_set_object (&self->catalog, catalog))
    lk_viewer_compare_load (self);
}

void
lk_viewer_compare_set_character (LkViewerCompare *self,
                                 gint64           character_id,
                                 const char      *name)
{
  g_return_if_fail (LK_IS_VIEWER_COMPARE (self));

  if (self->character_id == character_id && g_strcmp0 (self->name, name) == 0)
    return;

  self->character_id = character_id;
  g_free (self->name);
  self->name = g_strdup (name);
  lk_viewer_compare_load (self);
}

static void
lk_viewer_compare_dispose (GObject *object)
{
  LkViewerCompare *self = (LkViewerCompare *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VIEWER_COMPARE);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (lk_viewer_compare_parent_class)->dispose (object);
}

static void
lk_viewer_compare_finalize (GObject *object)
{
  LkViewerCompare *self = (LkViewerCompare *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lk_viewer_compare_parent_class)->finalize (object);
}

static void
lk_viewer_compare_class_init (LkViewerCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_viewer_compare_dispose;
  object_class->finalize = lk_viewer_compare_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-viewer-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, LkViewerCompare, stack);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCompare, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCompare, picture);
  gtk_widget_class_bind_template_child (widget_class, LkViewerCompare, message_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkviewercompare");
}

static void
lk_viewer_compare_init (LkViewerCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_viewer_compare_load (self);
}
