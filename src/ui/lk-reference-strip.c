/* lk-reference-strip.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-reference-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-catalog-references.h"
#include "lk-reference-strip.h"

#define TILE_SIZE 96

struct _LkReferenceStrip
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  LkCatalog           *catalog;
  LkCharacter         *character;
  GCancellable        *cancellable;       /* the listing and its thumbnails */
  GCancellable        *edit_cancellable;  /* adds and removals: a reload must not stop them */
  GString             *messages;
  gulong               changed_id;
  guint                pending_adds;

  /* Template widgets */
  GtkStack            *stack;
  GtkBox              *tiles;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (LkReferenceStrip, lk_reference_strip, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CHARACTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (LkReferenceStrip *self);

/* Thumbnails ------------------------------------------------------------------------------- */

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (!(pixbuf = gdk_pixbuf_new_from_stream_finish (result, NULL)))
    return;

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
file_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  GCancellable *cancellable = g_object_get_data (G_OBJECT (picture), "lk-cancellable");

  if (!(stream = g_file_read_finish (G_FILE (object), result, NULL)))
    return;

  gdk_pixbuf_new_from_stream_at_scale_async (G_INPUT_STREAM (stream), TILE_SIZE * 2,
                                             TILE_SIZE * 2, TRUE, cancellable,
                                             thumbnail_loaded_cb, g_object_ref (picture));
}

static GtkWidget *
make_tile (LkReferenceStrip *self,
           LkReferenceImage *image)
{
  g_autoptr(GFile) file = g_file_new_for_path (lk_reference_image_get_path (image));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *tooltip = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gboolean training = lk_reference_image_get_role (image) == LK_REFERENCE_ROLE_TRAINING_IMAGE;

  tooltip = g_strdup_printf ("%s\n%s, %d × %d", name,
                             training ? _("Training image") : _("Reference sheet"),
                             lk_reference_image_get_width (image),
                             lk_reference_image_get_height (image));
  gtk_widget_set_size_request (picture, TILE_SIZE, TILE_SIZE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), name);
  gtk_widget_set_tooltip_text (overlay, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

  remove_label = g_strdup_printf (_("Remove %s from the references"), name);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_add_css_class (remove, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "references.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x",
                                    lk_reference_image_get_id (image));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);

  g_object_set_data_full (G_OBJECT (picture), "lk-cancellable", g_object_ref (self->cancellable),
                          g_object_unref);
  g_file_read_async (file, G_PRIORITY_LOW, self->cancellable, file_opened_cb,
                     g_object_ref (picture));

  return overlay;
}

/* Listing ---------------------------------------------------------------------------------- */

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkReferenceStrip) self = user_data;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (!(images = lk_catalog_list_reference_images_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list reference images: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_box_remove (self->tiles, child);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      gtk_box_append (self->tiles, make_tile (self, image));
    }

  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (images) > 0
                                                   ? "images" : "empty");
}

static void
reload (LkReferenceStrip *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "references.add",
                                 self->catalog != NULL && self->character != NULL);

  if (self->catalog == NULL || self->character == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
        gtk_box_remove (self->tiles, child);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  lk_catalog_list_reference_images_async (self->catalog, lk_character_get_id (self->character),
                                          self->cancellable, listed_cb, g_object_ref (self));
}

static void
catalog_changed_cb (LkCatalog        *catalog,
                    const char       *table,
                    gint64            id,
                    LkReferenceStrip *self)
{
  if (g_strcmp0 (table, "character_reference_images") == 0)
    reload (self);
}

/* Adding ----------------------------------------------------------------------------------- */

static void
show_message (LkReferenceStrip *self,
              const char       *message)
{
  if (self->messages->len > 0)
    g_string_append_c (self->messages, '\n');
  g_string_append (self->messages, message);
  gtk_label_set_text (self->message_label, self->messages->str);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

typedef struct
{
  LkReferenceStrip *self;
  char             *path;
  gboolean          as_sheet;
} AddData;

static void add_one (LkReferenceStrip *self, const char *path, LkReferenceRole role);

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddData *data = user_data;
  g_autoptr(LkReferenceStrip) self = data->self;
  g_autofree char *path = data->path;
  g_autoptr(LkReferenceImage) image = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_sheet = data->as_sheet;

  g_free (data);
  self->pending_adds--;

  if ((image = lk_catalog_add_reference_image_finish (LK_CATALOG (object), result, &error)))
    {
      if (as_sheet)
        {
          g_autofree char *name = g_path_get_basename (path);
          g_autofree char *note =
            g_strdup_printf (_("%s is too small to train on; it was added as a reference sheet."),
                             name);

          show_message (self, note);
        }
      if (self->pending_adds == 0)
        reload (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A small picture still helps as a model sheet to look at. */
  if (g_error_matches (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_TOO_SMALL) && !as_sheet)
    {
      add_one (self, path, LK_REFERENCE_ROLE_REFERENCE_SHEET);
      return;
    }

  show_message (self, error->message);
  if (self->pending_adds == 0)
    reload (self);
}

static void
add_one (LkReferenceStrip *self,
         const char       *path,
         LkReferenceRole   role)
{
  AddData *data = g_new0 (AddData, 1);

  data->self = g_object_ref (self);
  data->path = g_strdup (path);
  data->as_sheet = role == LK_REFERENCE_ROLE_REFERENCE_SHEET;
  self->pending_adds++;
  lk_catalog_add_reference_image_async (self->catalog, lk_character_get_id (self->character),
                                        path, role, NULL, self->edit_cancellable, added_cb,
                                        data);
}

void
lk_reference_strip_add_files (LkReferenceStrip *self,
                              GSList           *files)
{
  g_return_if_fail (LK_IS_REFERENCE_STRIP (self));

  if (self->catalog == NULL || self->character == NULL)
    return;

  g_string_truncate (self->messages, 0);
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (G_FILE (l->data));

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (G_FILE (l->data));
          g_autofree char *message =
            g_strdup_printf (_("%s is not a local file; save it to disk first."), uri);

          show_message (self, message);
          continue;
        }
      add_one (self, path, LK_REFERENCE_ROLE_TRAINING_IMAGE);
    }
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         LkReferenceStrip *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  lk_reference_strip_add_files (self, g_value_get_boxed (value));
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     LkReferenceStrip *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      lk_reference_strip_add_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LkReferenceStrip *self = LK_REFERENCE_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Pictures (PNG, JPEG, WebP)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");

  chooser = gtk_file_chooser_native_new (_("Add Reference Image"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Removing --------------------------------------------------------------------------------- */

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkReferenceStrip) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_remove_reference_image_finish (LK_CATALOG (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  reload (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkReferenceStrip *self = LK_REFERENCE_STRIP (widget);

  if (self->catalog == NULL)
    return;

  lk_catalog_remove_reference_image_async (self->catalog, g_variant_get_int64 (parameter),
                                           self->edit_cancellable, removed_cb,
                                           g_object_ref (self));
}

/* GObject ---------------------------------------------------------------------------------- */

static void
lk_reference_strip_dispose (GObject *object)
{
  LkReferenceStrip *self = (LkReferenceStrip *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->edit_cancellable);
  g_clear_object (&self->edit_cancellable);
  if (self->catalog != NULL)
    g_clear_signal_handler (&self->changed_id, self->catalog);
  g_clear_object (&self->catalog);
  g_clear_object (&self->character);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_REFERENCE_STRIP);

  G_OBJECT_CLASS (lk_reference_strip_parent_class)->dispose (object);
}

static void
lk_reference_strip_finalize (GObject *object)
{
  LkReferenceStrip *self = (LkReferenceStrip *)object;

  g_string_free (self->messages, TRUE);

  G_OBJECT_CLASS (lk_reference_strip_parent_class)->finalize (object);
}

static void
lk_reference_strip_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkReferenceStrip *self = LK_REFERENCE_STRIP (object);

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
lk_reference_strip_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkReferenceStrip *self = LK_REFERENCE_STRIP (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      lk_reference_strip_set_character (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_reference_strip_class_init (LkReferenceStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_reference_strip_dispose;
  object_class->finalize = lk_reference_strip_finalize;
  object_class->get_property = lk_reference_strip_get_property;
  object_class->set_property = lk_reference_strip_set_property;

  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lorakeet/Lorakeet/ui/lk-reference-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, LkReferenceStrip, stack);
  gtk_widget_class_bind_template_child (widget_class, LkReferenceStrip, tiles);
  gtk_widget_class_bind_template_child (widget_class, LkReferenceStrip, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkReferenceStrip, message_label);

  gtk_widget_class_install_action (widget_class, "references.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "references.remove", "x", remove_action);
}

static void
lk_reference_strip_init (LkReferenceStrip *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->messages = g_string_new (NULL);
  self->cancellable = g_cancellable_new ();
  self->edit_cancellable = g_cancellable_new ();

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "references.add", FALSE);
}

GtkWidget *
lk_reference_strip_new (void)
{
  return g_object_new (LK_TYPE_REFERENCE_STRIP, NULL);
}

void
lk_reference_strip_set_catalog (LkReferenceStrip *self,
                                LkCatalog        *catalog)
{
  g_return_if_fail (LK_IS_REFERENCE_STRIP (self));
  g_return_if_fail (!catalog || LK_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_clear_signal_handler (&self->changed_id, self->catalog);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    self->changed_id = g_signal_connect_object (catalog, "changed",
                                                G_CALLBACK (catalog_changed_cb), self, 0);
  reload (self);
}

LkCharacter *
lk_reference_strip_get_character (LkReferenceStrip *self)
{
  g_return_val_if_fail (LK_IS_REFERENCE_STRIP (self), NULL);

  return self->character;
}

void
lk_reference_strip_set_character (LkReferenceStrip *self,
                                  LkCharacter      *character)
{
  gboolean same_character;

  g_return_if_fail (LK_IS_REFERENCE_STRIP (self));
  g_return_if_fail (!character || LK_IS_CHARACTER (character));

  same_character = self->character != NULL && character != NULL
                   && lk_character_get_id (self->character) == lk_character_get_id (character);

  if (!g_set_object (&self->character, character))
    return;

  /* The catalog replaces a character's object when its row changes: same images. */
  if (!same_character)
    {
      g_cancellable_cancel (self->edit_cancellable);
      g_clear_object (&self->edit_cancellable);
      self->edit_cancellable = g_cancellable_new ();
      self->pending_adds = 0;
      g_string_truncate (self->messages, 0);
      gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}
