/* lk-lora-assign-button.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-lora-assign-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-lora-assign-button.h"
#include "lk-pick-button.h"

/* What DESIGN.md asks for a LoRA the artist has not tuned yet. */
#define DEFAULT_STRENGTH 0.8

struct _LkLoraAssignButton
{
  AdwBin        parent_instance;

  /* Owned */
  LkCatalog    *catalog;
  GCancellable *cancellable;
  gint64        character_id;

  /* Borrowed */
  LkPickButton *pick;
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
      lk_pick_button_show_error (self->pick, _("The LoRA Was Not Assigned"), error->message);
      return;
    }

  g_signal_emit (self, signals[ASSIGNED], 0, resolution);
}

static void
lora_picked_cb (LkLoraAssignButton *self,
                GObject            *item)
{
  g_autofree char *id = NULL;

  g_assert (LK_IS_LORA_ASSIGN_BUTTON (self));
  g_assert (LK_IS_MODEL (item));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, lk_model_get_id (LK_MODEL (item)));
  lk_catalog_assign_lora_async (self->catalog, self->character_id, id, DEFAULT_STRENGTH,
                                DEFAULT_STRENGTH, g_get_user_name (), self->cancellable,
                                assigned_cb, g_object_ref (self));
}

static void
loras_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkLoraAssignButton) self = user_data;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  models = lk_catalog_list_models_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (models == NULL || g_list_model_get_n_items (models) == 0)
    {
      lk_pick_button_show_message (self->pick,
                                   error ? error->message
                                         : _("The catalog has no LoRA yet. Scan the LoRA "
                                             "folder first."));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(LkModel) model = g_list_model_get_item (models, i);

      lk_pick_button_add_choice (self->pick, lk_model_get_name (model),
                                 lk_model_get_model_path (model), G_OBJECT (model));
    }
}

static void
opened_cb (LkLoraAssignButton *self,
           GCancellable       *cancellable)
{
  g_assert (LK_IS_LORA_ASSIGN_BUTTON (self));

  lk_catalog_list_models_async (self->catalog, "lora", cancellable, loras_listed_cb,
                                g_object_ref (self));
}

GtkWidget *
lk_lora_assign_button_new (LkCatalog *catalog,
                           gint64     character_id)
{
  LkLoraAssignButton *self;
  GtkWidget *pick;

  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);

  self = g_object_new (LK_TYPE_LORA_ASSIGN_BUTTON, NULL);
  self->catalog = g_object_ref (catalog);
  self->character_id = character_id;

  pick = lk_pick_button_new (_("Assign LoRA"), _("LoRA models"));
  self->pick = LK_PICK_BUTTON (pick);
  g_signal_connect_object (pick, "opened", G_CALLBACK (opened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pick, "picked", G_CALLBACK (lora_picked_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), pick);

  return GTK_WIDGET (self);
}

static void
lk_lora_assign_button_dispose (GObject *object)
{
  LkLoraAssignButton *self = LK_LORA_ASSIGN_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  self->pick = NULL;

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
