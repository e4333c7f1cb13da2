/* lk-training-window-outfits.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The training window's "Outfits" group: the character's outfit triggers as the catalog
 * keeps them, each with its repeats and a remove button, and an entry to add one. Every edit
 * is stored, and the set rebuilt and checked again. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-window-outfits"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lk-training-window-private.h"

#define TRIGGER_KEY "lk-outfit-trigger"

static LkOutfitTrigger *
find_outfit (LkTrainingWindow *self,
             const char       *trigger,
             guint            *index)
{
  for (guint i = 0; self->info && i < self->info->outfits->len; i++)
    {
      LkOutfitTrigger *outfit = g_ptr_array_index (self->info->outfits, i);

      if (g_ascii_strcasecmp (outfit->trigger, trigger) == 0)
        {
          if (index != NULL)
            *index = i;
          return outfit;
        }
    }
  return NULL;
}

static int
compare_outfits (gconstpointer a,
                 gconstpointer b)
{
  const LkOutfitTrigger *outfit_a = *(LkOutfitTrigger * const *)a;
  const LkOutfitTrigger *outfit_b = *(LkOutfitTrigger * const *)b;

  return strcmp (outfit_a->trigger, outfit_b->trigger);
}

/* Storing ---------------------------------------------------------------------------------- */

static void
outfit_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_set_outfit_trigger_finish (LK_CATALOG (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _lk_training_window_toast (self, error->message);
}

static void
repeats_changed_cb (GtkSpinButton    *spin,
                    LkTrainingWindow *self)
{
  const char *trigger = g_object_get_data (G_OBJECT (spin), TRIGGER_KEY);
  guint repeats = (guint)gtk_spin_button_get_value_as_int (spin);
  LkOutfitTrigger *outfit = find_outfit (self, trigger, NULL);

  if (outfit == NULL || outfit->repeats == repeats)
    return;

  outfit->repeats = repeats;
  _lk_training_window_rebuild_set (self);
  lk_catalog_set_outfit_trigger_async (self->catalog, lk_character_get_id (self->character),
                                       trigger, repeats, self->cancellable, outfit_stored_cb,
                                       g_object_ref (self));
}

typedef struct
{
  LkTrainingWindow *self;
  char             *trigger;
  guint             repeats;
} OutfitOp;

static void
outfit_op_free (OutfitOp *op)
{
  g_object_unref (op->self);
  g_free (op->trigger);
  g_free (op);
}

static void
outfit_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OutfitOp *op = user_data;
  LkTrainingWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  guint index;

  if (!lk_catalog_remove_outfit_trigger_finish (LK_CATALOG (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lk_training_window_toast (self, error->message);
    }
  else if (find_outfit (self, op->trigger, &index) != NULL)
    {
      g_ptr_array_remove_index (self->info->outfits, index);
      _lk_training_window_rebuild_set (self);
      _lk_training_window_fill_outfits (self);
    }
  outfit_op_free (op);
}

static void
remove_clicked_cb (GtkButton        *button,
                   LkTrainingWindow *self)
{
  OutfitOp *op = g_new0 (OutfitOp, 1);

  op->self = g_object_ref (self);
  op->trigger = g_strdup (g_object_get_data (G_OBJECT (button), TRIGGER_KEY));
  lk_catalog_remove_outfit_trigger_async (self->catalog, lk_character_get_id (self->character),
                                          op->trigger, self->cancellable, outfit_removed_cb, op);
}

static void
outfit_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OutfitOp *op = user_data;
  LkTrainingWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  LkOutfitTrigger *outfit;

  if (!lk_catalog_set_outfit_trigger_finish (LK_CATALOG (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->outfit_entry), "error");
          _lk_training_window_toast (self, error->message);
        }
      outfit_op_free (op);
      return;
    }

  if ((outfit = find_outfit (self, op->trigger, NULL)) != NULL)
    outfit->repeats = op->repeats;
  else
    {
      outfit = g_new0 (LkOutfitTrigger, 1);
      outfit->trigger = g_strdup (op->trigger);
      outfit->repeats = op->repeats;
      g_ptr_array_add (self->info->outfits, outfit);
      g_ptr_array_sort (self->info->outfits, compare_outfits);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->outfit_entry), "");
  _lk_training_window_rebuild_set (self);
  _lk_training_window_fill_outfits (self);
  outfit_op_free (op);
}

static void
outfit_entry_applied_cb (AdwEntryRow      *entry,
                         LkTrainingWindow *self)
{
  OutfitOp *op;

  if (self->info == NULL)
    return;

  op = g_new0 (OutfitOp, 1);
  op->self = g_object_ref (self);
  op->trigger = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  /* a new outfit starts where the character's own images are */
  op->repeats = (guint)gtk_spin_button_get_value_as_int (self->repeats_spin);
  lk_catalog_set_outfit_trigger_async (self->catalog, lk_character_get_id (self->character),
                                       op->trigger, op->repeats, self->cancellable,
                                       outfit_added_cb, op);
}

static void
outfit_entry_changed_cb (AdwEntryRow *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* Showing ---------------------------------------------------------------------------------- */

static GtkWidget *
outfit_row_new (LkTrainingWindow *self,
                LkOutfitTrigger  *outfit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 1000, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *spin_label = g_strdup_printf (_("Repeats of %s"), outfit->trigger);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), outfit->trigger);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), outfit->trigger);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Repeats of each of its images"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), outfit->repeats);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spin_label, -1);
  g_object_set_data_full (G_OBJECT (spin), TRIGGER_KEY, g_strdup (outfit->trigger), g_free);
  g_signal_connect (spin, "value-changed", G_CALLBACK (repeats_changed_cb), self);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), TRIGGER_KEY, g_strdup (outfit->trigger), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

void
_lk_training_window_fill_outfits (LkTrainingWindow *self)
{
  for (guint i = 0; i < self->outfit_rows->len; i++)
    adw_preferences_group_remove (self->outfits_group, g_ptr_array_index (self->outfit_rows, i));
  g_ptr_array_set_size (self->outfit_rows, 0);

  for (guint i = 0; self->info && i < self->info->outfits->len; i++)
    {
      GtkWidget *row = outfit_row_new (self, g_ptr_array_index (self->info->outfits, i));

      adw_preferences_group_add (self->outfits_group, row);
      g_ptr_array_add (self->outfit_rows, row);
    }
  _lk_training_window_update_actions (self);
}

/* Another artist's edits ------------------------------------------------------------------- */

static gboolean
same_outfits (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      LkOutfitTrigger *outfit_a = g_ptr_array_index (a, i);
      LkOutfitTrigger *outfit_b = g_ptr_array_index (b, i);

      if (strcmp (outfit_a->trigger, outfit_b->trigger) != 0
          || outfit_a->repeats != outfit_b->repeats)
        return FALSE;
    }
  return TRUE;
}

static void
outfits_reloaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkTrainingWindow) self = user_data;
  g_autoptr(LkTrainingInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!(info = lk_catalog_get_training_info_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read the outfit triggers again: %s", error->message);
      return;
    }

  /* our own edits come back too: only a real difference rebuilds the rows being edited */
  if (self->info == NULL || same_outfits (self->info->outfits, info->outfits))
    return;

  g_ptr_array_unref (self->info->outfits);
  self->info->outfits = g_steal_pointer (&info->outfits);
  _lk_training_window_rebuild_set (self);
  _lk_training_window_fill_outfits (self);
}

static void
catalog_changed_cb (LkTrainingWindow *self,
                    const char       *table,
                    gint64            id)
{
  if (self->info == NULL || self->catalog == NULL
      || (table != NULL && !g_str_equal (table, "character_outfit_triggers"))
      || (id != 0 && id != lk_character_get_id (self->character)))
    return;

  lk_catalog_get_training_info_async (self->catalog, lk_character_get_id (self->character),
                                      self->cancellable, outfits_reloaded_cb,
                                      g_object_ref (self));
}

void
_lk_training_window_init_outfits (LkTrainingWindow *self)
{
  /* with its apply button, Enter applies too */
  g_signal_connect (self->outfit_entry, "apply", G_CALLBACK (outfit_entry_applied_cb), self);
  g_signal_connect (self->outfit_entry, "changed", G_CALLBACK (outfit_entry_changed_cb), NULL);
}

void
_lk_training_window_watch_outfits (LkTrainingWindow *self)
{
  g_signal_connect_object (self->catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
