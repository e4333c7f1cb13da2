/* lk-character-pictures.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-application.h"
#include "lk-catalog-references.h"
#include "lk-character-pictures.h"
#include "lk-thumbnailer.h"

struct _LkCharacterPictures
{
  GObject        parent_instance;

  LkCatalog     *catalog;
  gint64         project_id;
  LkThumbnailer *thumbnailer;
  GHashTable    *pictures;      /* character id → path of the image standing for it */
  GPtrArray     *rows;          /* every live LkCharacterRow made here */
  GCancellable  *cancellable;
  guint          reload_source;
};

G_DEFINE_FINAL_TYPE (LkCharacterPictures, lk_character_pictures, G_TYPE_OBJECT)

static const char *
picture_of (LkCharacterPictures *self,
            LkCharacter         *character)
{
  gint64 id = character ? lk_character_get_id (character) : 0;

  return id != 0 ? g_hash_table_lookup (self->pictures, &id) : NULL;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkCharacterPictures) self = user_data;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;

  images = lk_catalog_list_first_reference_images_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (images == NULL)
    {
      /* The initials stay; the next change notice tries again. */
      g_debug ("Could not list the characters’ pictures: %s", error->message);
      return;
    }

  g_hash_table_remove_all (self->pictures);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);
      gint64 *id = g_new (gint64, 1);

      *id = lk_reference_image_get_character_id (image);
      g_hash_table_replace (self->pictures, id, g_strdup (lk_reference_image_get_path (image)));
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      LkCharacterRow *row = g_ptr_array_index (self->rows, i);

      lk_character_row_set_picture (row, picture_of (self, lk_character_row_get_character (row)));
    }
}

static void
reload_cb (gpointer user_data)
{
  LkCharacterPictures *self = user_data;

  self->reload_source = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->catalog == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  lk_catalog_list_first_reference_images_async (self->catalog, self->project_id,
                                                self->cancellable, listed_cb,
                                                g_object_ref (self));
}

void
lk_character_pictures_reload (LkCharacterPictures *self)
{
  g_return_if_fail (LK_IS_CHARACTER_PICTURES (self));

  /* Nothing is reloaded once disposed. */
  if (self->thumbnailer != NULL && self->reload_source == 0)
    self->reload_source = g_idle_add_once (reload_cb, self);
}

static void
catalog_changed_cb (LkCharacterPictures *self,
                    const char          *table,
                    gint64               id)
{
  if (table == NULL || g_str_equal (table, "character_reference_images"))
    lk_character_pictures_reload (self);
}

void
lk_character_pictures_set_catalog (LkCharacterPictures *self,
                                   LkCatalog           *catalog)
{
  g_return_if_fail (LK_IS_CHARACTER_PICTURES (self));
  g_return_if_fail (!catalog || LK_IS_CATALOG (catalog));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_hash_table_remove_all (self->pictures);
  lk_character_pictures_reload (self);
}

void
lk_character_pictures_set_project (LkCharacterPictures *self,
                                   gint64               project_id)
{
  g_return_if_fail (LK_IS_CHARACTER_PICTURES (self));

  self->project_id = project_id;
  lk_character_pictures_reload (self);
}

/* Rows are followed by weak references: a list item's child can be destroyed without a
 * teardown of the factory. */
static void
row_finalized_cb (gpointer  user_data,
                  GObject  *row)
{
  LkCharacterPictures *self = user_data;

  g_ptr_array_remove_fast (self->rows, row);
}

GtkWidget *
lk_character_pictures_new_row (LkCharacterPictures *self)
{
  GtkWidget *row;

  g_return_val_if_fail (LK_IS_CHARACTER_PICTURES (self), NULL);

  row = lk_character_row_new (self->thumbnailer);
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  return row;
}

void
lk_character_pictures_bind_row (LkCharacterPictures *self,
                                LkCharacterRow      *row,
                                LkCharacter         *character)
{
  g_return_if_fail (LK_IS_CHARACTER_PICTURES (self));
  g_return_if_fail (LK_IS_CHARACTER_ROW (row));

  lk_character_row_set_character (row, character);
  lk_character_row_set_picture (row, picture_of (self, character));
}

static void
lk_character_pictures_dispose (GObject *object)
{
  LkCharacterPictures *self = LK_CHARACTER_PICTURES (object);

  g_clear_object (&self->thumbnailer);    /* first: it marks the object as disposed */
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (lk_character_pictures_parent_class)->dispose (object);
}

static void
lk_character_pictures_finalize (GObject *object)
{
  LkCharacterPictures *self = LK_CHARACTER_PICTURES (object);

  g_clear_pointer (&self->pictures, g_hash_table_unref);
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), row_finalized_cb, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_character_pictures_parent_class)->finalize (object);
}

static void
lk_character_pictures_class_init (LkCharacterPicturesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_character_pictures_dispose;
  object_class->finalize = lk_character_pictures_finalize;
}

static void
lk_character_pictures_init (LkCharacterPictures *self)
{
  self->thumbnailer = lk_application_dup_default_thumbnailer ();
  self->pictures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rows = g_ptr_array_new ();
}

LkCharacterPictures *
lk_character_pictures_new (void)
{
  return g_object_new (LK_TYPE_CHARACTER_PICTURES, NULL);
}
