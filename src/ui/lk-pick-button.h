/* lk-pick-button.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_PICK_BUTTON (lk_pick_button_get_type ())

G_DECLARE_FINAL_TYPE (LkPickButton, lk_pick_button, LK, PICK_BUTTON, AdwBin)

/**
 * lk_pick_button_new:
 * @label: the button's label, also its accessible name ("Assign LoRA")
 * @list_name: the accessible name of the list in the popover ("LoRA models")
 *
 * A button whose popover lists choices read from the catalog when it opens: it emits
 * #LkPickButton::opened, and the owner fills the list with lk_pick_button_add_choice() (or
 * lk_pick_button_show_message()) once its query returns. Choosing one closes the popover
 * and emits #LkPickButton::picked. Each choice is a real button, so keyboards, screen
 * readers and tests can press it by name.
 *
 * Returns: (transfer full): a new #LkPickButton
 */
GtkWidget *lk_pick_button_new          (const char   *label,
                                        const char   *list_name);

/**
 * lk_pick_button_add_choice:
 * @self: a #LkPickButton
 * @title: the choice's name, also its accessible name
 * @subtitle: (nullable): a dimmed second line (a path, a kind, a problem)
 * @item: the object #LkPickButton::picked hands back
 *
 * Adds a choice after the others, replacing a message shown before.
 *
 * Returns: (transfer none): the choice's button, to make it insensitive for example
 */
GtkWidget *lk_pick_button_add_choice   (LkPickButton *self,
                                        const char   *title,
                                        const char   *subtitle,
                                        GObject      *item);

/**
 * lk_pick_button_show_message:
 * @self: a #LkPickButton
 * @message: why there is nothing to choose, and what to do
 *
 * Replaces the list with @message.
 */
void       lk_pick_button_show_message (LkPickButton *self,
                                        const char   *message);

/**
 * lk_pick_button_show_error:
 * @self: a #LkPickButton
 * @heading: what did not happen ("The LoRA Was Not Assigned")
 * @message: why, and what to do
 *
 * Tells about a refused choice in a dialog over the button's window.
 */
void       lk_pick_button_show_error   (LkPickButton *self,
                                        const char   *heading,
                                        const char   *message);

G_END_DECLS
