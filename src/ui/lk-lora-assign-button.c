/* lk-lora-assign-button.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-lora-assign-button.h"

/* What DESIGN.md asks for a LoRA the artist has not tuned yet. */
#define DEFAULT_STRENGTH 0.8

struct _LkLoraAssignButton
{
  AdwBin        parent_instance;

  /* Owned */
  LkCatalog    *catalog;
  GCancellable *cancellable;
  gint64        character_id;
};

G_DEFINE_FINAL_TYPE (LkLoraAssignButton, lk_lora_assign_button, ADW_TYPE_BIN)

enum {
  ASSIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkLoraAssignButton) self = user_data;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;

  resolution = lk_catalog_assign_lora_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (resolution == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The LoRA Was Not Assigned"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[ASSIGNED], 0, resolution);
}

static void
lora_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  LkLoraAssignButton *self = LK_LORA_ASSIGN_BUTTON (user_data);
  LkModel *model = g_object_get_data (G_OBJECT (button), "lk-model");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  g_autofree char *id = NULL;

  if (model == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (popover));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, lk_model_get_id (model));
  lk_catalog_assign_lora_async (self->catalog, self->character_id, id, DEFAULT_STRENGTH,
                                DEFAULT_STRENGTH, g_get_user_name (), self->cancellable,
                                assigned_cb, g_object_ref (self));
}

/* One button per LoRA: buttons are what keyboards, screen readers and tests can press. */
static GtkWidget *
new_lora_button (LkLoraAssignButton *self,
                 LkModel          *model)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (lk_model_get_name (model));
  GtkWidget *path = gtk_label_new (lk_model_get_model_path (model));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_add_css_class (path, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), path);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lk_model_get_name (model), -1);
  g_object_set_data_full (G_OBJECT (button), "lk-model", g_object_ref (model), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (lora_clicked_cb), self, 0);

  return button;
}

typedef struct
{
  LkLoraAssignButton *self;
  GtkBox           *list;
} ListLoras;

static void
list_loras_free (ListLoras *data)
{
  g_object_unref (data->self);
  g_object_unref (data->list);
  g_free (data);
}

static void
loras_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ListLoras *data = user_data;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  GtkBox *list = data->list;

  models = lk_catalog_list_models_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      list_loras_free (data);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_box_remove (list, child);

  if (models == NULL || g_list_model_get_n_items (models) == 0)
    {
      GtkWidget *label = gtk_label_new (error ? error->message
                                              : _("The catalog has no LoRA yet. Scan the LoRA "
                                                  "folder first."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (list, label);
      list_loras_free (data);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(LkModel) model = g_list_model_get_item (models, i);

      gtk_box_append (list, new_lora_button (data->self, model));
    }
  list_loras_free (data);
}

static void
lora_popover_shown_cb (GtkPopover *popover,
                       gpointer    user_data)
{
  LkLoraAssignButton *self = LK_LORA_ASSIGN_BUTTON (user_data);
  ListLoras *data;

  data = g_new0 (ListLoras, 1);
  data->self = g_object_ref (self);
  data->list = g_object_ref (g_object_get_data (G_OBJECT (popover), "lk-list"));
  lk_catalog_list_models_async (self->catalog, "lora", self->cancellable, loras_listed_cb, data);
}

GtkWidget *
lk_lora_assign_button_new (LkCatalog *catalog,
                           gint64     character_id)
{
  LkLoraAssignButton *self;
  GtkWidget *button;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);

  self = g_object_new (LK_TYPE_LORA_ASSIGN_BUTTON, NULL);
  self->catalog = g_object_ref (catalog);
  self->character_id = character_id;

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Assign LoRA"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("LoRA models"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set_data (G_OBJECT (popover), "lk-list", list);
  g_signal_connect_object (popover, "show", G_CALLBACK (lora_popover_shown_cb), self, 0);
  adw_bin_set_child (ADW_BIN (self), button);

  return GTK_WIDGET (self);
}

static void
lk_lora_assign_button_dispose (GObject *object)
{
  LkLoraAssignButton *self = LK_LORA_ASSIGN_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (lk_lora_assign_button_parent_class)->dispose (object);
}

static void
lk_lora_assign_button_class_init (LkLoraAssignButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_lora_assign_button_dispose;

  /**
   * LkLoraAssignButton::assigned:
   * @self: the button
   * @resolution: what the character is generated with now
   *
   * The catalog made the chosen LoRA the character's own.
   */
  signals[ASSIGNED] =
    g_signal_new ("assigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, LK_TYPE_RESOLUTION);
}

static void
lk_lora_assign_button_init (LkLoraAssignButton *self)
{
  self->cancellable = g_cancellable_new ();
}
