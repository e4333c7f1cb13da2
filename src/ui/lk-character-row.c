/* lk-character-row.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-character-row.h"
#include "lk-util.h"

struct _LkCharacterRow
{
  GtkWidget      parent_instance;

  /* Owned */
  LkCharacter   *character;
  LkThumbnailer *thumbnailer;
  GCancellable  *cancellable;     /* the picture's thumbnail */
  char          *picture_path;

  /* Template widgets */
  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *project_label;
  GtkLabel      *lora_badge;
};

G_DEFINE_FINAL_TYPE (LkCharacterRow, lk_character_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHARACTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lk_character_row_update (LkCharacterRow *self)
{
  LkCharacter *character = self->character;
  const char *name = character ? lk_character_get_name (character) : NULL;
  const char *project = character ? lk_character_get_project_name (character) : NULL;
  const char *lora = character ? lk_character_get_lora_name (character) : NULL;
  gboolean has_lora = character != NULL && lk_character_get_has_lora (character);
  g_autofree char *badge = NULL;
  g_autofree char *description = NULL;

  g_assert (LK_IS_CHARACTER_ROW (self));

  if (has_lora)
    badge = g_strdup (lora ? lora : _("LoRA"));
  else
    badge = g_strdup (_("Base model only"));

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name ? name : "");
  gtk_label_set_label (self->project_label, project ? project : _("No project"));
  gtk_label_set_label (self->lora_badge, badge);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lora_badge),
                               has_lora ? lk_character_get_lora_file (character) : NULL);
  if (has_lora)
    gtk_widget_remove_css_class (GTK_WIDGET (self->lora_badge), "base-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->lora_badge), "base-only");

  /* Translators: how a screen reader describes a character row: the project, then the
   * LoRA's name or "Base model only". */
  description = g_strdup_printf (_("%s, %s"), project ? project : _("No project"), badge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Picture --------------------------------------------------------------------------------- */

/* A square of the thumbnail: a portrait's top (where the face is on a character render), a
 * wide sheet's middle. */
static GdkTexture *
texture_for_avatar (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int side = MIN (width, height);
  g_autoptr(GdkPixbuf) square = NULL;

  square = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, 0, side, side);
  return gdk_texture_new_for_pixbuf (square);
}

static void
show_initials (LkCharacterRow *self)
{
  /* A disposed row has no avatar left to reset. */
  if (self->avatar == NULL)
    return;

  adw_avatar_set_custom_image (self->avatar, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->avatar),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
picture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkCharacterRow) self = user_data;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (thumbnail == NULL || lk_thumbnail_get_pixbuf (thumbnail) == NULL)
    {
      g_debug ("No avatar from %s: %s", self->picture_path,
               error ? error->message : "no picture");
      show_initials (self);
      return;
    }

  texture = texture_for_avatar (lk_thumbnail_get_pixbuf (thumbnail));
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));

  name = g_path_get_basename (self->picture_path);
  /* Translators: the accessible description of a character's avatar; %s is a file name. */
  description = g_strdup_printf (_("Picture from the reference image %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

void
lk_character_row_set_picture (LkCharacterRow *self,
                              const char     *path)
{
  g_return_if_fail (LK_IS_CHARACTER_ROW (self));

  if (!lk_set_str (&self->picture_path, path))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_initials (self);

  if (path == NULL || self->thumbnailer == NULL)
    return;

  /* The smallest size of the shared thumbnail cache: file managers may have made it. */
  self->cancellable = g_cancellable_new ();
  lk_thumbnailer_load_async (self->thumbnailer, path, LK_THUMBNAIL_SIZE_NORMAL,
                             self->cancellable, picture_loaded_cb, g_object_ref (self));
}

GtkWidget *
lk_character_row_new (LkThumbnailer *thumbnailer)
{
  LkCharacterRow *self;

  g_return_val_if_fail (!thumbnailer || LK_IS_THUMBNAILER (thumbnailer), NULL);

  self = g_object_new (LK_TYPE_CHARACTER_ROW, NULL);
  g_set_object (&self->thumbnailer, thumbnailer);

  return GTK_WIDGET (self);
}

LkCharacter *
lk_character_row_get_character (LkCharacterRow *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER_ROW (self), NULL);

  return self->character;
}

void
lk_character_row_set_character (LkCharacterRow *self,
                                LkCharacter    *character)
{
  g_return_if_fail (LK_IS_CHARACTER_ROW (self));
  g_return_if_fail (!character || LK_IS_CHARACTER (character));

  if (self->character == character)
    return;

  if (self->character != NULL)
    g_signal_handlers_disconnect_by_func (self->character, lk_character_row_update, self);
  g_set_object (&self->character, character);
  if (character != NULL)
    g_signal_connect_object (character, "notify", G_CALLBACK (lk_character_row_update), self,
                             G_CONNECT_SWAPPED);

  lk_character_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

static void
lk_character_row_dispose (GObject *object)
{
  LkCharacterRow *self = LK_CHARACTER_ROW (object);
  GtkWidget *child;

  if (self->character != NULL)
    g_signal_handlers_disconnect_by_func (self->character, lk_character_row_update, self);
  g_clear_object (&self->character);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->thumbnailer);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CHARACTER_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_character_row_parent_class)->dispose (object);
}

static void
lk_character_row_finalize (GObject *object)
{
  LkCharacterRow *self = LK_CHARACTER_ROW (object);

  g_clear_pointer (&self->picture_path, g_free);

  G_OBJECT_CLASS (lk_character_row_parent_class)->finalize (object);
}

static void
lk_character_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkCharacterRow *self = LK_CHARACTER_ROW (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_character_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkCharacterRow *self = LK_CHARACTER_ROW (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      lk_character_row_set_character (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_character_row_class_init (LkCharacterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_character_row_dispose;
  object_class->finalize = lk_character_row_finalize;
  object_class->get_property = lk_character_row_get_property;
  object_class->set_property = lk_character_row_set_property;

  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-character-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCharacterRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterRow, project_label);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterRow, lora_badge);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkcharacterrow");
}

static void
lk_character_row_init (LkCharacterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
