/* lk-character-row.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-character-row.h"

struct _LkCharacterRow
{
  GtkWidget     parent_instance;

  /* Owned */
  LkCharacter  *character;

  /* Template widgets */
  AdwAvatar    *avatar;
  GtkLabel     *name_label;
  GtkLabel     *project_label;
  GtkLabel     *lora_badge;
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

GtkWidget *
lk_character_row_new (void)
{
  return g_object_new (LK_TYPE_CHARACTER_ROW, NULL);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CHARACTER_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lk_character_row_parent_class)->dispose (object);
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
