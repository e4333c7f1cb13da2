/* lk-gallery-tile.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-gallery-tile.h"
#include "lk-util.h"

struct _LkGalleryTile
{
  GtkWidget        parent_instance;

  /* Owned */
  LkOutputItem    *item;
  LkThumbnailer   *thumbnailer;
  GCancellable    *cancellable;
  char            *broken_reason;

  /* Template widgets */
  GtkStack        *stack;
  GtkPicture      *picture;
  GtkLabel        *broken_label;
  GtkLabel        *duration_label;
  GtkLabel        *review_label;
  GtkWidget       *warning_image;

  LkThumbnailSize  size;
  LkReviewVerdict  verdict;
  int              rating;
};

G_DEFINE_FINAL_TYPE (LkGalleryTile, lk_gallery_tile, GTK_TYPE_WIDGET)

char *
lk_gallery_format_duration (gint64 usec)
{
  gint64 seconds = (usec + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
                            (int)(seconds % 60));

  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

/* The accessible label says what a sighted artist sees: the file, and why it is broken. */
static void
lk_gallery_tile_update_label (LkGalleryTile *self)
{
  g_autofree char *label = NULL;
  const char *name;

  g_assert (LK_IS_GALLERY_TILE (self));

  if (self->item == NULL)
    return;

  name = lk_output_item_get_basename (self->item);
  if (self->broken_reason != NULL)
    /* Translators: the accessible name of a gallery tile that cannot be shown */
    label = g_strdup_printf (_("%s, broken: %s"), name, self->broken_reason);
  else if (self->verdict == LK_REVIEW_VERDICT_APPROVED)
    label = g_strdup_printf (_("%s, approved"), name);
  else if (self->verdict == LK_REVIEW_VERDICT_REJECTED)
    label = g_strdup_printf (_("%s, rejected"), name);
  else
    label = g_strdup (name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), label);
}

static void
lk_gallery_tile_show_thumbnail (LkGalleryTile *self,
                                LkThumbnail   *thumbnail)
{
  g_autoptr(GdkTexture) texture = NULL;
  gint64 duration;
  const char *warning;

  g_assert (LK_IS_GALLERY_TILE (self));
  g_assert (LK_IS_THUMBNAIL (thumbnail));

  texture = gdk_texture_new_for_pixbuf (lk_thumbnail_get_pixbuf (thumbnail));
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");

  duration = lk_thumbnail_get_duration (thumbnail);
  if (duration >= 0)
    {
      g_autofree char *text = lk_gallery_format_duration (duration);

      gtk_label_set_text (self->duration_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), duration >= 0);

  warning = lk_thumbnail_get_warning (thumbnail);
  gtk_widget_set_visible (self->warning_image, warning != NULL);
  gtk_widget_set_tooltip_text (self->warning_image, warning);
}

static void
lk_gallery_tile_show_broken (LkGalleryTile *self,
                             const char    *reason)
{
  g_assert (LK_IS_GALLERY_TILE (self));

  lk_set_str (&self->broken_reason, reason);
  gtk_label_set_text (self->broken_label, reason);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->stack, "broken");
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), FALSE);
  gtk_widget_set_visible (self->warning_image, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "broken");
  lk_gallery_tile_update_label (self);
}

static void
lk_gallery_tile_load_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LkGalleryTile) self = user_data;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &error);
  if (thumbnail == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lk_gallery_tile_show_broken (self, error->message);
      return;
    }

  /* A load that finished just as the tile was rebound reports cancellation above, so the
   * thumbnail here is the current item's. */
  lk_gallery_tile_show_thumbnail (self, thumbnail);
}

static void
lk_gallery_tile_load (LkGalleryTile *self)
{
  g_autoptr(LkThumbnail) thumbnail = NULL;

  g_assert (LK_IS_GALLERY_TILE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->broken_reason, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "broken");
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), FALSE);
  gtk_widget_set_visible (self->warning_image, FALSE);

  if (self->item == NULL)
    {
      gtk_picture_set_paintable (self->picture, NULL);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  lk_gallery_tile_update_label (self);

  thumbnail = lk_thumbnailer_lookup (self->thumbnailer,
                                     lk_output_item_get_path (self->item),
                                     self->size,
                                     lk_output_item_get_mtime (self->item),
                                     lk_output_item_get_size (self->item));
  if (thumbnail != NULL)
    {
      lk_gallery_tile_show_thumbnail (self, thumbnail);
      return;
    }

  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  self->cancellable = g_cancellable_new ();
  lk_thumbnailer_load_async (self->thumbnailer,
                             lk_output_item_get_path (self->item),
                             self->size,
                             self->cancellable,
                             lk_gallery_tile_load_cb,
                             g_object_ref (self));
}

void
lk_gallery_tile_set_item (LkGalleryTile *self,
                          LkOutputItem  *item)
{
  g_return_if_fail (LK_IS_GALLERY_TILE (self));
  g_return_if_fail (!item || LK_IS_OUTPUT_ITEM (item));

  if (self->item == item && item != NULL)
    return;

  g_set_object (&self->item, item);
  lk_gallery_tile_load (self);
}

LkOutputItem *
lk_gallery_tile_get_item (LkGalleryTile *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_TILE (self), NULL);

  return self->item;
}

const char *
lk_gallery_tile_get_broken_reason (LkGalleryTile *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_TILE (self), NULL);

  return self->broken_reason;
}

static void
lk_gallery_tile_apply_size (LkGalleryTile *self)
{
  int pixels = lk_thumbnail_size_get_pixels (self->size);

  /* Tiles never grow past 256 pixels: bigger thumbnails only buy sharpness on HiDPI. */
  pixels = MIN (pixels, 256);
  gtk_widget_set_size_request (GTK_WIDGET (self->stack), pixels, pixels);
}

void
lk_gallery_tile_set_size (LkGalleryTile   *self,
                          LkThumbnailSize  size)
{
  g_return_if_fail (LK_IS_GALLERY_TILE (self));

  if (self->size == size)
    return;

  self->size = size;
  lk_gallery_tile_apply_size (self);
  lk_gallery_tile_load (self);
}

void
lk_gallery_tile_set_review (LkGalleryTile   *self,
                            LkReviewVerdict  verdict,
                            int              rating)
{
  g_autoptr(GString) text = NULL;
  int i;

  g_return_if_fail (LK_IS_GALLERY_TILE (self));
  g_return_if_fail (rating >= 0 && rating <= 5);

  if (self->verdict == verdict && self->rating == rating)
    return;

  self->verdict = verdict;
  self->rating = rating;

  text = g_string_new (NULL);
  if (verdict == LK_REVIEW_VERDICT_APPROVED)
    g_string_append (text, "✓");
  else if (verdict == LK_REVIEW_VERDICT_REJECTED)
    g_string_append (text, "✗");
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
  gtk_widget_set_opacity (GTK_WIDGET (self->stack),
                          verdict == LK_REVIEW_VERDICT_REJECTED ? 0.45 : 1.0);

  if (self->broken_reason == NULL)
    lk_gallery_tile_update_label (self);
}

GtkWidget *
lk_gallery_tile_new (LkThumbnailer   *thumbnailer,
                     LkThumbnailSize  size)
{
  LkGalleryTile *self;

  g_return_val_if_fail (LK_IS_THUMBNAILER (thumbnailer), NULL);

  self = g_object_new (LK_TYPE_GALLERY_TILE, NULL);
  self->thumbnailer = g_object_ref (thumbnailer);
  self->size = size;
  lk_gallery_tile_apply_size (self);

  return GTK_WIDGET (self);
}

static void
lk_gallery_tile_dispose (GObject *object)
{
  LkGalleryTile *self = (LkGalleryTile *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_GALLERY_TILE);
  g_clear_object (&self->item);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (lk_gallery_tile_parent_class)->dispose (object);
}

static void
lk_gallery_tile_finalize (GObject *object)
{
  LkGalleryTile *self = (LkGalleryTile *)object;

  g_clear_pointer (&self->broken_reason, g_free);

  G_OBJECT_CLASS (lk_gallery_tile_parent_class)->finalize (object);
}

static void
lk_gallery_tile_class_init (LkGalleryTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_gallery_tile_dispose;
  object_class->finalize = lk_gallery_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-gallery-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, stack);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, picture);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, broken_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, duration_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, review_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryTile, warning_image);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkgallerytile");
}

static void
lk_gallery_tile_init (LkGalleryTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
